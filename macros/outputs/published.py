"""The records of /api/ as published: data's records plus what a build computes for its day
(the value in force, the next due date, the units a unit was made of). Their schemas are
generated from these models (outputs/opendata.py)."""

from __future__ import annotations

import datetime
from typing import Literal

from macros.data import models


class LoanTerm(models.Fact):
    """A dated quantity of Decision 22 with every period (e.g. the lending rate history)."""

    value_in_force: int | float | None
    """The value on `generated_on`; null if none is in force or the value is unknown."""


class NextDue(models.Strict):
    kind: Literal["date", "period", "none", "ended"]
    date: datetime.date | None
    """The day it falls due: the day a source gives (`date`), or the period's last day (`period`)."""
    period_start: datetime.date | None
    period_end: datetime.date | None
    """Exclusive."""
    words: str


class PublishedDuty(models.Duty):
    timing: str
    """When the duty is done, in Vietnamese, as the source gives it."""
    next_due: NextDue
    """Seen from `generated_on`."""


class FormerPart(models.Strict):
    """A commune-level unit before 1 July 2025 that went, wholly or in part, into this unit."""

    code: models.UnitCode
    """Its code in the list before 1 July 2025; a separate list from today's codes (never join on it)."""
    name: str
    type: str
    district: str
    """Its district then, in words: "huyện Nga Sơn"."""
    district_code: int
    divided: bool
    """True when the former unit was divided between several units of today (former-units.json lists every part)."""


class EarlierName(models.Strict):
    """A name the unit had after 1 July 2025, before a change."""

    name: str
    type: str
    until: datetime.date
    """The day the change took effect: the name was in force before it."""
    change: models.Id
    """The change (unit-changes.json) that ended it."""


class PublishedCommune(models.Commune):
    province: models.Id
    """The province's folder name (province.json)."""
    province_code: int | None
    """The province's code in the statistics office's list; null when not generated."""
    former_units: list[FormerPart]
    """What the unit was made of before 1 July 2025 (empty until former_units.yaml is generated)."""
    former_district: models.FormerDistrict | None = None
    """A former district with no commune-level unit that became this unit (an island district)."""
    earlier_names: list[EarlierName] = []
    """The names (and types) it had since 1 July 2025 before `generated_on`, newest first."""
    changes: list[models.Id] = []
    """The changes (unit-changes.json) that made it what it is on `generated_on`, oldest first."""
    ended_on: datetime.date | None = None
    """Only for a unit no longer in force: the day it ended (merged or split)."""
    into: list[str] | None = None
    """Only for a unit no longer in force: the units (ids) it went into."""
    contacts: models.UnitContacts | None = None
    """The address, phone and transaction days of its police, People's Committee and VBSP transaction
    point, each as an office gave it (provider, provided_on, review_by); null when none has."""
    source: models.Url
    verified_on: datetime.date


class PublishedUnitChange(models.UnitChange):
    """A dated change of the map after 1 July 2025, as in data/provinces/<p>/unit_changes.yaml."""

    in_province: models.Id
    """The province's folder name (province.json); `province` is set only for a change of the province's own name."""
    in_force: bool
    """Whether the change has taken effect on `generated_on`."""


class PublishedOffice(models.Office):
    contacts: models.OfficeContacts | None = None
    """Its address, phone and hours as the office gave them (provider, provided_on, review_by); null
    when it has given none (the fields address, phone and hours hold what a published source gives)."""


class PublishedFormerUnit(models.Strict):
    """A commune-level unit before 1 July 2025 and the unit or units of today it became."""

    province: models.Id
    """The province of today it is in (its folder name)."""
    code: models.UnitCode
    """Its code in the list before 1 July 2025; a separate list from today's codes."""
    name: str
    type: str
    district: models.FormerDistrict
    """Its district then (that level ended on 1 July 2025)."""
    becomes: list[str]
    """Ids of today's units (communes.json); a divided unit lists every part."""
    legal_ref: models.LegalRef | None
    """The resolution that arranged the units; null while no source at hand names it."""
    source: models.Url
    verified_on: datetime.date


class Licence(models.Strict):
    id: str
    name: str
    url: models.Url
