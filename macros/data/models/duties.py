"""Duties and tasks of officials: duties.yaml and a province's deadlines.yaml (same model), responsibilities.yaml."""

from __future__ import annotations

import datetime
from typing import Annotated, Literal

from dateutil.rrule import rrulestr
from pydantic import Field, model_validator

from macros.data.models.base import (
    AgencyId,
    BodyId,
    Day,
    FieldProblem,
    Id,
    Key,
    LegalRef,
    PlainText,
    RefersTo,
    Reviewed,
    Status,
    Strict,
    TaskId,
    Title,
)

# --- provinces/<slug>/deadlines.yaml ---------------------------------------

Audience = Literal["commune_police", "commune_committee", "vbsp_office", "provincial"]
Frequency = Literal["monthly", "quarterly", "yearly", "ad_hoc", "regular", "unspecified"]
"""`monthly`/`quarterly`/`yearly`: once per calendar period. `regular`: the source says "thường xuyên".
`ad_hoc`: when something arises. `unspecified`: the source names the duty but no frequency."""


def _uncertain_needs_note(status: str, note: str | None, what: str) -> None:
    if status == "uncertain" and not note:
        raise FieldProblem(("note",), f"an uncertain {what} needs a note saying why")


RRULE_PARTS = {"FREQ", "INTERVAL", "BYMONTH", "BYMONTHDAY"}
"""The part of RFC 5545 a duty may use: what the calendar page computes in the browser too."""

_RRULE_FREQ = {"monthly": ("MONTHLY", 1), "quarterly": ("MONTHLY", 3), "yearly": ("YEARLY", 1)}


def parse_rrule(rule: str) -> dict[str, int | str]:
    """`FREQ=MONTHLY;BYMONTHDAY=5` -> {"FREQ": "MONTHLY", "BYMONTHDAY": 5}; ValueError if outside RRULE_PARTS."""
    parts: dict[str, int | str] = {}
    for item in rule.split(";"):
        name, _, value = item.partition("=")
        if name not in RRULE_PARTS:
            raise ValueError(f"{name} is not supported (use only {', '.join(sorted(RRULE_PARTS))})")
        if name in parts:
            raise ValueError(f"{name} is given twice")
        if name == "FREQ":
            if value not in ("MONTHLY", "YEARLY"):
                raise ValueError("FREQ must be MONTHLY or YEARLY")
            parts[name] = value
            continue
        if not value.isdigit():
            raise ValueError(f"{name} must be one whole number")
        parts[name] = int(value)
    if "BYMONTHDAY" not in parts:
        raise ValueError("an exact rule names its day: BYMONTHDAY")
    if not 1 <= int(parts["BYMONTHDAY"]) <= 31:
        raise ValueError("BYMONTHDAY must be 1..31")
    if "BYMONTH" in parts and (parts["FREQ"] != "YEARLY" or not 1 <= int(parts["BYMONTH"]) <= 12):
        raise ValueError("BYMONTH (1..12) goes only with FREQ=YEARLY")
    if parts["FREQ"] == "YEARLY" and "BYMONTH" not in parts:
        raise ValueError("FREQ=YEARLY needs BYMONTH")
    if not 1 <= int(parts.get("INTERVAL", 1)) <= 12:
        raise ValueError("INTERVAL must be 1..12")
    if "BYMONTH" in parts and int(parts["BYMONTHDAY"]) > _LONGEST_MONTH[int(parts["BYMONTH"]) - 1]:
        raise ValueError(
            f"BYMONTHDAY={parts['BYMONTHDAY']} with BYMONTH={parts['BYMONTH']} never gives a date: "
            f"that month has at most {_LONGEST_MONTH[int(parts['BYMONTH']) - 1]} days"
        )
    return parts


_LONGEST_MONTH = (31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31)


def first_rule_date(rule: str, start: datetime.date, end: datetime.date | None) -> datetime.date | None:
    """The first day `rule` gives from `start` to `end` (both inclusive; no end: ten years on)."""
    last = end or start.replace(year=start.year + 10, day=min(start.day, 28))
    begin = datetime.datetime.combine(start, datetime.time())
    found = rrulestr(rule, dtstart=begin, ignoretz=True).after(begin, inc=True)
    return found.date() if found and found.date() <= last else None


ClauseId = Annotated[Id, RefersTo("province.yaml#programme.clauses")]


class Duty(Reviewed):
    """A recurring duty. `rrule` only where a source states the exact day; otherwise null and `timing_note`."""

    id: Annotated[Id, Key("duty")]
    title: Title
    owner: BodyId
    recipient: BodyId | None
    frequency: Frequency
    rrule: Annotated[str, Field(pattern=r"^FREQ=(DAILY|WEEKLY|MONTHLY|YEARLY)(;[A-Z]+=[A-Z0-9,+-]+)*$")] | None
    timing_note: PlainText | None = None
    legal_ref: LegalRef | None = None
    programme_clause: ClauseId | None = None
    audiences: Annotated[list[Audience], Field(min_length=1)]
    applies_from: Day
    applies_to: Day | None = None
    partners: Annotated[list[BodyId], Field(max_length=20)] = []
    """Bodies that carry the duty out together with the owner."""
    detail: PlainText | None = None
    status: Status = "verified"
    note: PlainText | None = None
    responsibility: TaskId | None = None
    """The task in data/responsibilities.yaml this duty carries out, if any."""

    @model_validator(mode="after")
    def _has_basis(self) -> Duty:
        if not self.legal_ref and not self.programme_clause:
            raise ValueError("a duty needs its basis: legal_ref or programme_clause")
        if self.applies_to and self.applies_to < self.applies_from:
            raise FieldProblem(("applies_to",), "is before applies_from")
        if self.rrule is None and not self.timing_note:
            raise FieldProblem(("timing_note",), "is needed when there is no exact rrule: say what the source gives")
        _uncertain_needs_note(self.status, self.note, "duty")
        if self.rrule is not None:
            try:
                parts = parse_rrule(self.rrule)
            except ValueError as exc:
                raise FieldProblem(("rrule",), str(exc)) from None
            if self.frequency not in _RRULE_FREQ:
                raise FieldProblem(
                    ("rrule",), f"must be null for frequency {self.frequency!r}: it has no calendar period"
                )
            if (parts["FREQ"], parts.get("INTERVAL", 1)) != _RRULE_FREQ[self.frequency]:
                raise FieldProblem(("rrule",), f"does not match frequency {self.frequency!r}")
            if self.legal_ref is None or self.legal_ref.clause is None:
                raise FieldProblem(("legal_ref",), "an exact day needs the article and clause that state it")
            if first_rule_date(self.rrule, self.applies_from, self.applies_to) is None:
                until = self.applies_to.isoformat() if self.applies_to else "ten years after"
                raise FieldProblem(
                    ("rrule",), f"gives no date from applies_from ({self.applies_from.isoformat()}) to {until}"
                )
        return self


class DeadlinesFile(Strict):
    duties: Annotated[list[Duty], Field(max_length=50)]
    """A province's deadlines.yaml: its own duties (may be empty), shown with those of data/duties.yaml."""


class DutiesFile(DeadlinesFile):
    """data/duties.yaml: the duties Decision 22 gives everywhere, and when the feeds remind of them."""

    reminder_days_before: Annotated[int, Field(ge=0, le=30)]
    """How many days before each deadline a calendar that subscribed to a feed reminds of it (VALARM)."""


# --- responsibilities.yaml -------------------------------------------------


class Responsibility(Reviewed):
    """One task of one body, with the article that gives it."""

    id: Annotated[Id, Key("task")]
    body: AgencyId
    task: PlainText
    legal_ref: LegalRef
    status: Status = "verified"
    note: PlainText | None = None

    @model_validator(mode="after")
    def _uncertain_explains(self) -> Responsibility:
        _uncertain_needs_note(self.status, self.note, "task")
        return self


class ResponsibilitiesFile(Strict):
    responsibilities: Annotated[list[Responsibility], Field(min_length=1)]
