"""Recurring duties in time: next dates, calendar periods, the feed of each audience.

A duty whose source states the day has that date (an RFC 5545 rule, e.g. the
Form 01 list on the day Art. 14(2)(c) names). A duty that a source gives only as
"monthly", "quarterly" or "yearly" is done within its period (this month, this
quarter, this year): its deadline is the period's last day (or the duty's own last
day, if that comes first), never a day inside the period that no source gives.
Duties without a calendar period ("regular", "ad hoc", unspecified) have no date.

The same rules run in the browser (docs/assets/can-bo-lich.js: the "next" column
worked out again for today); tests/scenarios/duties.yaml holds both to the same
answers. No words here: macros/render/duty_words.py says these in Vietnamese.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass

from dateutil.relativedelta import relativedelta
from dateutil.rrule import rrulestr

from macros.data import models
from macros.data.dataset import Dataset

FEED_DIR = "api/lich"

ALL_AUDIENCES = "all"
FEED_FILES: dict[str, str] = {
    "commune_police": "cong-an-xa",
    "commune_committee": "ubnd-xa",
    "vbsp_office": "ngan-hang",
    "provincial": "cap-tinh",
    ALL_AUDIENCES: "tat-ca",
}
"""Audience -> its feed's file name part. One feed each, and one with everything."""

PERIODIC = ("monthly", "quarterly", "yearly")


# --- periods -----------------------------------------------------------------


@dataclass(frozen=True)
class Period:
    """A calendar month, quarter or year: `start` inclusive, `end` exclusive."""

    frequency: str
    start: datetime.date
    end: datetime.date

    @property
    def key(self) -> str:
        if self.frequency == "monthly":
            return f"{self.start:%Y-%m}"
        if self.frequency == "quarterly":
            return f"{self.start.year}-q{(self.start.month - 1) // 3 + 1}"
        return f"{self.start.year}"

    @property
    def last_day(self) -> datetime.date:
        return self.end - datetime.timedelta(days=1)

    def next(self) -> Period:
        return period_of(self.frequency, self.end)


def deadline(duty: models.Duty, period: Period) -> datetime.date:
    """When a duty done within a period falls due: the period's last day, or the duty's own last
    day if it ends before."""
    return min(period.last_day, duty.applies_to) if duty.applies_to else period.last_day


def period_of(frequency: str, day: datetime.date) -> Period:
    if frequency == "monthly":
        start = day.replace(day=1)
        return Period(frequency, start, start + relativedelta(months=1))
    if frequency == "quarterly":
        start = datetime.date(day.year, (day.month - 1) // 3 * 3 + 1, 1)
        return Period(frequency, start, start + relativedelta(months=3))
    if frequency == "yearly":
        start = datetime.date(day.year, 1, 1)
        return Period(frequency, start, start.replace(year=day.year + 1))
    raise ValueError(f"frequency {frequency!r} has no calendar period")


def periods(duty: models.Duty, until: datetime.date, since: datetime.date | None = None) -> list[Period]:
    """The periods of a periodic duty that overlap its dates, up to `until` (or its end), and
    from the one holding `since` on, when given."""
    last = min(duty.applies_to, until) if duty.applies_to else until
    first = max(duty.applies_from, since) if since else duty.applies_from
    out, period = [], period_of(duty.frequency, first)
    while period.start <= last:
        out.append(period)
        period = period.next()
    return out


# --- exact dates ----------------------------------------------------------------


def _rule(duty: models.Duty):
    start = datetime.datetime.combine(duty.applies_from, datetime.time())
    until = datetime.datetime.combine(duty.applies_to, datetime.time()) if duty.applies_to else None
    return rrulestr(duty.rrule, dtstart=start, ignoretz=True).replace(until=until)


def first_date(duty: models.Duty) -> datetime.date | None:
    """The first day the rule gives on or after the duty starts to apply."""
    found = _rule(duty).after(datetime.datetime.combine(duty.applies_from, datetime.time()), inc=True)
    return found.date() if found else None


def next_date(duty: models.Duty, on: datetime.date) -> datetime.date | None:
    """The next day on or after `on` that the rule gives; None once the duty has ended."""
    found = _rule(duty).after(datetime.datetime.combine(on, datetime.time()), inc=True)
    return found.date() if found else None


# --- what falls due next ----------------------------------------------------------------


@dataclass(frozen=True)
class Due:
    """When a duty next falls due, seen from one day.

    kind: `date` (an exact day a source gives), `period` (within a month/quarter/year the
    source names, no day: `date` is the period's deadline), `none` (no calendar period), `ended`.
    """

    kind: str
    date: datetime.date | None = None
    period: Period | None = None


def due(duty: models.Duty, on: datetime.date) -> Due:
    if duty.applies_to and on > duty.applies_to:
        return Due("ended")
    start = max(on, duty.applies_from)
    if duty.rrule:
        day = next_date(duty, start)
        return Due("date", date=day) if day else Due("ended")
    if duty.frequency in PERIODIC:
        period = period_of(duty.frequency, start)
        return Due("period", date=deadline(duty, period), period=period)
    return Due("none")


def next_deadline(duties: list[models.Duty], on: datetime.date) -> tuple[datetime.date, list[models.Duty]] | None:
    """The nearest deadline on or after `on` and the duties due that day (None when none has one)."""
    dated = [(found.date, duty) for duty in duties if (found := due(duty, on)).date]
    if not dated:
        return None
    day = min(d for d, _ in dated)
    return day, [duty for d, duty in dated if d == day]


FEED_MONTHS = 12
"""The feeds list each deadline of a duty done within a period from the period holding the day
FEED_MONTHS before the build to the one holding the day FEED_MONTHS after it: each build rolls
the window on, and a subscribed calendar always sees a year ahead. (Exact rules recur without end.)"""


def feed_periods(duty: models.Duty, on: datetime.date) -> list[Period]:
    """The periods of a duty done within a period that the feeds list, as of build day `on`."""
    return periods(duty, on + relativedelta(months=FEED_MONTHS), on - relativedelta(months=FEED_MONTHS))


def duties_for(data: Dataset, audience: str) -> list[models.Duty]:
    return [d for d in data.duties.values() if audience == ALL_AUDIENCES or audience in d.audiences]


def feed_path(province: str, audience: str) -> str:
    """Where a feed lives in the built site: "api/lich/thanh-hoa-cong-an-xa.ics"."""
    return f"{FEED_DIR}/{province}-{FEED_FILES[audience]}.ics"
