"""Duties in time, in words: what macros/rules/schedule.py works out (a period, what falls due next,
a rule of the calendar, who a feed is for), as templates/duty_words.html words it.

The officials' calendar script (docs/assets/can-bo-lich.js) reads the same words from the page, and
tests/scenarios/duties.yaml holds both sides to the same answers.
"""

from __future__ import annotations

from macros import formatting as fmt
from macros.data import models
from macros.render.markup import template_words
from macros.rules import schedule

TEMPLATE = "duty_words.html"
QUARTERS = ("I", "II", "III", "IV")


def period_words(period: schedule.Period) -> str:
    """ "tháng 12/2025", "quý IV/2025", "năm 2025"."""
    start = period.start
    return str(
        template_words(TEMPLATE).period(
            period.frequency, f"{start.month:02d}", QUARTERS[(start.month - 1) // 3], start.year
        )
    )


def due_words(due: schedule.Due) -> str:
    """What the "Lần tới" column says: "05/12/2025", "Trong quý IV/2025, hạn cuối 31/12/2025", ..."""
    words = template_words(TEMPLATE)
    if due.kind == "date":
        return fmt.date_vi(due.date)
    if due.kind == "period":
        return str(words.due("period", date=fmt.date_vi(due.date), period=period_words(due.period)))
    return str(words.due(due.kind))


def rule_words(rule: str) -> str:
    """ "Ngày 5 hằng tháng", "Ngày 5, 3 tháng một lần", "Ngày 31 tháng 12 hằng năm"."""
    parts = models.parse_rrule(rule)
    return str(
        template_words(TEMPLATE).rule(
            parts["FREQ"], parts["BYMONTHDAY"], parts.get("BYMONTH"), int(parts.get("INTERVAL", 1))
        )
    )


def timing_words(duty: models.Duty) -> str:
    """When a duty is done, as its source gives it."""
    if duty.rrule:
        return rule_words(duty.rrule)
    words = template_words(TEMPLATE)
    if duty.frequency in schedule.PERIODIC:
        return str(words.periodic(duty.frequency))
    return words.frequencies[duty.frequency]


def audience_words(audience: str, short: bool = False) -> str:
    """Who a feed is for: "Công an cấp xã, phường", ... (schedule.FEED_FILES); `short`: as the
    list of feeds at the top of the calendar page names them."""
    words = template_words(TEMPLATE)
    return (words.short_audiences if short else words.audiences)[audience]
