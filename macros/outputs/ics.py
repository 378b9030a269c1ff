"""The iCalendar feeds (api/lich/*.ics): one per audience and one with everything.

Every event is a deadline: one all-day event on the day a duty falls due, with a
reminder (VALARM) `reminder_days_before` days before it (data/duties.yaml), at 08:00.
A duty whose source states the day is one recurring event (its rule, without end
unless the duty has one); a duty given only as "monthly", "quarterly" or "yearly"
is one event per period on the period's last day (schedule.deadline), from the
period FEED_MONTHS before the build to the one FEED_MONTHS after it: each build
rolls the window on. UIDs are made of the province, the duty and the period, so
they stay the same across builds. Each event is written once and shared by the
feeds that list it. Without a public address (settings.site_url() is None) the
feeds link to no page.
"""

from __future__ import annotations

import datetime
from pathlib import Path

from macros import settings
from macros.data import models
from macros.data.dataset import Dataset
from macros.render.duty_words import audience_words, period_words, timing_words
from macros.render.markup import plain, uncertain_words
from macros.render.officials import duty_team, programme_clause, programme_clause_words
from macros.rules.schedule import (
    FEED_FILES,
    PERIODIC,
    Period,
    deadline,
    duties_for,
    feed_path,
    feed_periods,
    first_date,
)

TZID = "Asia/Ho_Chi_Minh"


def _uid(province: str, duty: models.Duty, period: Period | None = None) -> str:
    """Stable across builds: made only of the province, the duty id and the period."""
    middle = f"{duty.id}.{period.key}" if period else duty.id
    return f"{middle}.{province}@lich.qd22"


def _utc_midnight(day: datetime.date) -> datetime.datetime:
    return datetime.datetime.combine(day, datetime.time(), tzinfo=datetime.UTC)


def _said(macro: str, *args) -> str:
    return plain("feeds.txt", macro, {}, *args)


def _calendar_page(data: Dataset, base_url: str | None) -> str | None:
    return base_url + data.roles.pages.calendar.removesuffix(".md") + "/" if base_url else None


def _description(data: Dataset, duty: models.Duty, page_url: str | None) -> str:
    basis = [data.ref_words(duty.legal_ref)] if duty.legal_ref else []
    if duty.programme_clause and data.province.programme:
        basis.append(programme_clause_words(programme_clause(data, duty.programme_clause)))
    doubt = uncertain_words(duty.note) if duty.status == "uncertain" else None
    return _said("duty_description", duty, duty_team(data, duty), timing_words(duty), basis, doubt, page_url)


REMINDER_HOUR = 8
"""A reminder rings at 08:00 (the feeds' all-day events start at midnight), `reminder_days_before` days ahead."""


def _reminder(data: Dataset, duty: models.Duty):
    from icalendar import Alarm

    days = data.reminder_days_before
    alarm = Alarm()
    alarm.add("action", "DISPLAY")
    alarm.add("description", _said("reminder", duty.title, days))
    alarm.add("trigger", datetime.timedelta(days=-days, hours=REMINDER_HOUR))
    return alarm


def _calendar_shell(data: Dataset, audience: str, base_url: str | None, timezone):
    """A feed's calendar without its events: name, description, refresh, time zone."""
    from icalendar import Calendar

    page_url = _calendar_page(data, base_url)
    cal = Calendar()
    cal.add("prodid", "-//Huong dan vay von Quyet dinh 22//Lich can bo//VI")
    cal.add("version", "2.0")
    cal.add("calscale", "GREGORIAN")
    cal.add("method", "PUBLISH")
    cal.add("x-wr-calname", _said("calendar_name", data.province, audience_words(audience)))
    cal.add("x-wr-caldesc", _said("calendar_description", data.province, page_url, data.reminder_days_before))
    cal.add("x-wr-timezone", TZID)
    cal.add("refresh-interval", datetime.timedelta(days=1), parameters={"VALUE": "DURATION"})
    cal.add("x-published-ttl", "P1D")
    cal.add_component(timezone)
    return cal


def duty_events(data: Dataset, duty: models.Duty, on: datetime.date, base_url: str | None) -> list[bytes]:
    """The events of one duty as iCalendar text (each `BEGIN:VEVENT` ... `END:VEVENT`), as of build day `on`."""
    from icalendar import Event, vRecur

    province = data.province_slug
    page_url = _calendar_page(data, base_url)
    stamp = _utc_midnight(on)

    def event(summary: str, start: datetime.date, end: datetime.date, uid: str) -> Event:
        item = Event()
        item.add("uid", uid)
        item.add("dtstamp", stamp)
        item.add("last-modified", _utc_midnight(duty.verified_on))
        item.add("summary", summary)
        item.add("dtstart", start)
        item.add("dtend", end)
        item.add("transp", "TRANSPARENT")
        item.add("description", _description(data, duty, page_url))
        if page_url:
            item.add("url", page_url)
        item.add("categories", [audience_words(a) for a in duty.audiences])
        item.add_component(_reminder(data, duty))
        return item

    if duty.rrule:
        first = first_date(duty)
        if first is None:
            return []
        item = event(duty.title, first, first + datetime.timedelta(days=1), _uid(province, duty))
        rule = vRecur.from_ical(duty.rrule)
        if duty.applies_to:
            rule["UNTIL"] = [duty.applies_to]
        item.add("rrule", rule)
        return [item.to_ical()]
    if duty.frequency not in PERIODIC:
        return []
    events = []
    for period in feed_periods(duty, on):
        day = deadline(duty, period)
        summary = _said("period_deadline", duty.title, period_words(period))
        events.append(event(summary, day, day + datetime.timedelta(days=1), _uid(province, duty, period)).to_ical())
    return events


def write_feeds(site, output: Path) -> list[str]:
    """Writer for outputs.WRITERS: one .ics per audience and one with everything. Each event is
    written once and shared by the feeds that list it."""
    from icalendar import Timezone

    base_url = settings.site_url()
    timezone = Timezone.from_tzid(TZID)
    events = {duty.id: duty_events(site.data, duty, site.on, base_url) for duty in site.data.duties.values()}
    written = []
    for audience in FEED_FILES:
        shell = _calendar_shell(site.data, audience, base_url, timezone).to_ical()
        end = shell.rindex(b"END:VCALENDAR")
        body = b"".join(item for duty in duties_for(site.data, audience) for item in events[duty.id])
        target = output / feed_path(site.data.province_slug, audience)
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_bytes(shell[:end] + body + shell[end:])
        written.append(target.relative_to(output).as_posix())
    return written
