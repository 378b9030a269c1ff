"""provinces/<slug>/contacts.yaml: where exactly a person goes in each unit, as the offices gave it.

The site's operators (the provincial police, the VBSP branch, the commune police) fill these in a
workbook (`make contacts-sheet`, `make contacts-import`), not by hand: the file is generated, its
order fixed, so that a workbook exported and imported unchanged gives the same bytes.

Each value carries its provenance: the office that gave it (`provider`), the day it did
(`provided_on`) and when it must be asked again (`review_by`). A value nobody gave is absent,
never guessed: the pages then say once that it is not known, and what to do instead.
"""

from __future__ import annotations

from typing import Annotated

from pydantic import Field, model_validator

from macros.data.models.base import (
    CheckedOn,
    CommuneId,
    Day,
    FieldProblem,
    Key,
    Name,
    OfficeId,
    Phone,
    PlainText,
    Strict,
)

DayOfMonth = Annotated[int, Field(ge=1, le=31)]

REVIEW_MONTHS = 12
"""How long an imported value stands before it must be asked again: `review_by` is `provided_on`
plus this many months (a value already in the file keeps its own `review_by`)."""


class Provided(Strict):
    """Who gave a value, when, and when to ask again."""

    provider: Name
    """The office that gave the value: "Công an xã Nga Sơn", "Phòng giao dịch NHCSXH Nga Sơn"."""
    provided_on: CheckedOn
    """The day the office gave it (not after today)."""
    review_by: Day
    """When to ask the office again; past it, the coverage report lists the value."""

    @model_validator(mode="after")
    def _review_after_provided(self) -> Provided:
        if self.review_by < self.provided_on:
            raise FieldProblem(("review_by",), "must not be before provided_on")
        return self


class ProvidedText(Provided):
    value: PlainText


class ProvidedPhone(Provided):
    value: Phone


class ProvidedDays(Provided):
    value: Annotated[list[DayOfMonth], Field(min_length=1, max_length=31)]
    """The days of each month (dương lịch) the transaction point is open: [12] is "ngày 12 hằng tháng"."""

    @model_validator(mode="after")
    def _days_in_order(self) -> ProvidedDays:
        if list(self.value) != sorted(set(self.value)):
            raise FieldProblem(("value",), "list each day once, in order (like [5, 20])")
        return self


class Body(Strict):
    """The address and phone of a body of the unit (its police, its People's Committee)."""

    address: ProvidedText | None = None
    phone: ProvidedPhone | None = None


class TransactionPoint(Body):
    """The VBSP commune transaction point: where, a phone, and the days it opens."""

    days: ProvidedDays | None = None


class UnitContacts(Strict):
    """What is known of one unit of today; a unit nobody gave anything for is not listed."""

    unit: Annotated[CommuneId, Key("unit's contacts")]
    police: Body | None = None
    """Công an xã, phường."""
    committee: Body | None = None
    """Ủy ban nhân dân xã, phường."""
    transaction_point: TransactionPoint | None = None
    """Điểm giao dịch xã của Ngân hàng Chính sách xã hội."""


class OfficeContacts(Strict):
    """The address, phone and hours of an office of offices.yaml (a VBSP transaction office, the
    branch, the provincial police), as the office gave them."""

    office: Annotated[OfficeId, Key("office's contacts")]
    address: ProvidedText | None = None
    phone: ProvidedPhone | None = None
    hours: ProvidedText | None = None
    """Working days and hours in words: "Thứ Hai đến Thứ Sáu, 7 giờ 30 đến 17 giờ"."""


class ContactsFile(Strict):
    """The province's contacts. Written by `make contacts-import` from the workbook; absent or empty
    lists until an office gives a value."""

    units: Annotated[list[UnitContacts], Field(max_length=1_000)] = []
    offices: Annotated[list[OfficeContacts], Field(max_length=500)] = []
