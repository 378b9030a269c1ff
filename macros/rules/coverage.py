"""How far the contacts go: per unit and per province, what is filled, what is missing, what is past review.

A unit has seven values to know (the police's address and phone, the People's Committee's, and the
VBSP transaction point's address, phone and days). A value is past review when its `review_by`
is before the day asked about. No markup here: `make coverage` prints it, the officials' page
(render/coverage.py) shows it.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass

from macros.data import models
from macros.data.dataset import Dataset

VALUES: tuple[tuple[str, str], ...] = (
    ("police", "address"),
    ("police", "phone"),
    ("committee", "address"),
    ("committee", "phone"),
    ("transaction_point", "address"),
    ("transaction_point", "phone"),
    ("transaction_point", "days"),
)


@dataclass(frozen=True)
class UnitCoverage:
    commune: models.Commune
    filled: tuple[tuple[str, str], ...]
    missing: tuple[tuple[str, str], ...]
    past_review: tuple[tuple[str, str], ...]
    """Filled values whose review_by is before the day asked about."""


@dataclass(frozen=True)
class ProvinceCoverage:
    slug: str
    name: str
    units: tuple[UnitCoverage, ...]

    @property
    def values(self) -> int:
        return len(self.units) * len(VALUES)

    @property
    def filled(self) -> int:
        return sum(len(u.filled) for u in self.units)

    @property
    def past_review(self) -> int:
        return sum(len(u.past_review) for u in self.units)

    @property
    def units_with_any(self) -> int:
        return sum(1 for u in self.units if u.filled)

    @property
    def units_complete(self) -> int:
        return sum(1 for u in self.units if not u.missing)


def unit_coverage(data: Dataset, commune: models.Commune, on: datetime.date) -> UnitCoverage:
    known = data.contacts.get(commune.id)
    filled, missing, past = [], [], []
    for body, field in VALUES:
        value = getattr(getattr(known, body, None), field, None) if known else None
        if value is None:
            missing.append((body, field))
            continue
        filled.append((body, field))
        if value.review_by < on:
            past.append((body, field))
    return UnitCoverage(commune, tuple(filled), tuple(missing), tuple(past))


def province_coverage(data: Dataset, on: datetime.date) -> ProvinceCoverage:
    return ProvinceCoverage(
        data.province_slug,
        data.province.full_name,
        tuple(unit_coverage(data, c, on) for c in data.communes.values()),
    )


def coverage(data: Dataset, on: datetime.date) -> list[ProvinceCoverage]:
    """Each province of the site (one, or every province on the national site)."""
    return [province_coverage(p, on) for p in data.covered]
