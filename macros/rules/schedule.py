"""Recurring duties in time: next dates, calendar periods, and the .ics feeds.

Only a duty whose source states the day has an exact date (an RFC 5545 rule,
e.g. the Form 01 list on the day Art. 14(2)(c) names). A duty that a source
gives only as "monthly", "quarterly" or "yearly" is shown as the whole period
(this month, this quarter, this year), never as a day. Duties without a
calendar period ("regular", "ad hoc", unspecified) have no date at all.

The same rules run in the browser (docs/assets/can-bo-lich.js); a browser test
checks that both give the same answers.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass
from pathlib import Path

from dateutil.relativedelta import relativedelta
from dateutil.rrule import rrulestr

from macros import formatting as fmt
from macros.data import models
from macros import settings
from macros.data.dataset import Dataset
from macros.render.facts import ref_words

TZID = "Asia/Ho_Chi_Minh"
FEED_DIR = "api/lich"
CALENDAR_PAGE = "can-bo/lich.md"

ALL_AUDIENCES = "all"
FEEDS: dict[str, tuple[str, str]] = {
    "commune_police": ("cong-an-xa", "Công an cấp xã, phường"),
    "commune_committee": ("ubnd-xa", "Ủy ban nhân dân cấp xã, phường"),
    "vbsp_office": ("ngan-hang", "Phòng giao dịch Ngân hàng Chính sách xã hội"),
    "provincial": ("cap-tinh", "Cấp tỉnh (Công an tỉnh, Chi nhánh Ngân hàng Chính sách xã hội tỉnh, Ủy ban nhân dân tỉnh)"),
    ALL_AUDIENCES: ("tat-ca", "Tất cả công việc"),
}
"""Audience -> (file name part, who it is for). One feed each, and one with everything."""

PERIODIC = ("monthly", "quarterly", "yearly")

FREQUENCY_WORDS = {
    "monthly": "Hằng tháng",
    "quarterly": "Hằng quý",
    "yearly": "Hằng năm",
    "regular": "Thường xuyên",
    "ad_hoc": "Khi có việc phát sinh",
    "unspecified": "Nguồn không nêu tần suất",
}

_QUARTERS = ("I", "II", "III", "IV")


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
    def label(self) -> str:
        """"tháng 12/2025", "quý IV/2025", "năm 2025"."""
        if self.frequency == "monthly":
            return f"tháng {fmt.month_vi(self.start)}"
        if self.frequency == "quarterly":
            return f"quý {_QUARTERS[(self.start.month - 1) // 3]}/{self.start.year}"
        return f"năm {self.start.year}"

    def next(self) -> Period:
        return period_of(self.frequency, self.end)


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


def periods(duty: models.Duty, until: datetime.date) -> list[Period]:
    """The periods of a periodic duty that overlap its dates, up to `until` (or its end)."""
    last = min(duty.applies_to, until) if duty.applies_to else until
    out, period = [], period_of(duty.frequency, duty.applies_from)
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


# --- what is due, in words ------------------------------------------------------------


@dataclass(frozen=True)
class Due:
    """When a duty next falls due, seen from one day.

    kind: `date` (an exact day), `period` (some time in a month/quarter/year the
    source names, no day), `none` (no calendar period), `ended`.
    """

    kind: str
    date: datetime.date | None = None
    period: Period | None = None

    def words(self) -> str:
        if self.kind == "date":
            return fmt.date_vi(self.date)
        if self.kind == "period":
            return f"Trong {self.period.label} (không có ngày cụ thể)"
        if self.kind == "ended":
            return "Đã kết thúc"
        return "Không có lịch cố định"


def due(duty: models.Duty, on: datetime.date) -> Due:
    if duty.applies_to and on > duty.applies_to:
        return Due("ended")
    start = max(on, duty.applies_from)
    if duty.rrule:
        day = next_date(duty, start)
        return Due("date", date=day) if day else Due("ended")
    if duty.frequency in PERIODIC:
        return Due("period", period=period_of(duty.frequency, start))
    return Due("none")


def rule_words(rule: str) -> str:
    """"Ngày 5 hằng tháng", "Ngày 5, 3 tháng một lần", "Ngày 31 tháng 12 hằng năm"."""
    parts = models.parse_rrule(rule)
    day = parts["BYMONTHDAY"]
    if parts["FREQ"] == "YEARLY":
        return f"Ngày {day} tháng {parts['BYMONTH']} hằng năm"
    interval = int(parts.get("INTERVAL", 1))
    return f"Ngày {day} hằng tháng" if interval == 1 else f"Ngày {day}, {interval} tháng một lần"


def timing_words(duty: models.Duty) -> str:
    """When a duty is done, as its source gives it."""
    if duty.rrule:
        return rule_words(duty.rrule)
    if duty.frequency in PERIODIC:
        return f"{FREQUENCY_WORDS[duty.frequency]}, không có ngày cụ thể"
    return FREQUENCY_WORDS[duty.frequency]


def body_name(data: Dataset, body_id: str) -> str:
    """An office's name; an agency by the name of the province's office of it when there is one."""
    if body_id in data.offices:
        return data.offices[body_id].name
    office = data.office_of(body_id)
    return office.name if office else data.agencies[body_id].name


def duties_for(data: Dataset, audience: str) -> list[models.Duty]:
    return [d for d in data.duties.values() if audience == ALL_AUDIENCES or audience in d.audiences]


# --- iCalendar feeds ----------------------------------------------------------------


def feed_path(province: str, audience: str) -> str:
    """Where a feed lives in the built site: "api/lich/thanh-hoa-cong-an-xa.ics"."""
    return f"{FEED_DIR}/{province}-{FEEDS[audience][0]}.ics"


def _uid(province: str, duty: models.Duty, period: Period | None = None) -> str:
    """Stable across builds: made only of the province, the duty id and the period."""
    middle = f"{duty.id}.{period.key}" if period else duty.id
    return f"{middle}.{province}@lich.qd22"


def _utc_midnight(day: datetime.date) -> datetime.datetime:
    return datetime.datetime.combine(day, datetime.time(), tzinfo=datetime.timezone.utc)


def _description(data: Dataset, duty: models.Duty, page_url: str) -> str:
    lines = [f"Ai làm: {body_name(data, duty.owner)}."]
    if duty.partners:
        lines.append("Cùng với: " + ", ".join(body_name(data, p) for p in duty.partners) + ".")
    if duty.recipient:
        lines.append(f"Gửi đến hoặc trao đổi với: {body_name(data, duty.recipient)}.")
    if duty.detail:
        lines.append(duty.detail)
    lines.append(f"Khi nào: {timing_words(duty)}.")
    if duty.timing_note:
        lines.append(duty.timing_note)
    if duty.legal_ref:
        lines.append(f"Căn cứ: {ref_words(duty.legal_ref, data)}.")
    if duty.programme_clause and data.province.programme:
        programme = data.province.programme
        clause = next(c for c in programme.clauses if c.id == duty.programme_clause)
        lines.append(f"Căn cứ: {programme.title}, mục \"{clause.title}\".")
    if duty.status == "uncertain":
        lines.append(f"Chưa chắc chắn: {duty.note}")
    lines.append(f"Nguồn: {duty.source}")
    lines.append(f"Xem thêm: {page_url}")
    return "\n".join(lines)


def build_calendar(data: Dataset, audience: str, on: datetime.date, base_url: str):
    """One iCalendar feed for an audience (or ALL_AUDIENCES), as of build day `on`."""
    from icalendar import Calendar, Event, Timezone, vRecur

    province = data.province_slug
    page_url = base_url + CALENDAR_PAGE.removesuffix(".md") + "/"
    name = f"Quyết định 22 - {data.province.name} - {FEEDS[audience][1]}"
    cal = Calendar()
    cal.add("prodid", "-//Huong dan vay von Quyet dinh 22//Lich can bo//VI")
    cal.add("version", "2.0")
    cal.add("calscale", "GREGORIAN")
    cal.add("method", "PUBLISH")
    cal.add("x-wr-calname", name)
    cal.add("x-wr-caldesc", f"Công việc định kỳ theo Quyết định 22/2023/QĐ-TTg tại {data.province.full_name}. Chỉ việc có ngày do văn bản quy định mới có ngày cụ thể. Xem: {page_url}")
    cal.add("x-wr-timezone", TZID)
    cal.add("refresh-interval", datetime.timedelta(days=1), parameters={"VALUE": "DURATION"})
    cal.add("x-published-ttl", "P1D")
    cal.add_component(Timezone.from_tzid(TZID))
    stamp = _utc_midnight(on)
    horizon = datetime.date(on.year + 1, 12, 31)

    def event(duty: models.Duty, summary: str, start: datetime.date, end: datetime.date, uid: str) -> Event:
        item = Event()
        item.add("uid", uid)
        item.add("dtstamp", stamp)
        item.add("last-modified", _utc_midnight(duty.verified_on))
        item.add("summary", summary)
        item.add("dtstart", start)
        item.add("dtend", end)
        item.add("transp", "TRANSPARENT")
        item.add("description", _description(data, duty, page_url))
        item.add("url", page_url)
        item.add("categories", [FEEDS[a][1] for a in duty.audiences])
        return item

    for duty in duties_for(data, audience):
        if duty.rrule:
            first = first_date(duty)
            if first is None:
                continue
            item = event(duty, duty.title, first, first + datetime.timedelta(days=1), _uid(province, duty))
            rule = vRecur.from_ical(duty.rrule)
            if duty.applies_to:
                rule["UNTIL"] = [duty.applies_to]
            item.add("rrule", rule)
            cal.add_component(item)
        elif duty.frequency in PERIODIC:
            for period in periods(duty, horizon):
                summary = f"{duty.title} (trong {period.label}, không có ngày cụ thể)"
                cal.add_component(event(duty, summary, period.start, period.end, _uid(province, duty, period)))
    return cal


def write_feeds(site, output: Path) -> list[str]:
    """Writer for outputs.WRITERS: one .ics per audience and one with everything."""
    written = []
    for audience in FEEDS:
        cal = build_calendar(site.data, audience, site.on, settings.site_url())
        target = output / feed_path(site.data.province_slug, audience)
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_bytes(cal.to_ical())
        written.append(target.relative_to(output).as_posix())
    return written
