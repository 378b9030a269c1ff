"""A province's own files: provinces/<slug>/province.yaml, communes.yaml, offices.yaml, statistics.yaml."""

from __future__ import annotations

import datetime
from typing import Annotated, Literal

from pydantic import Field, model_validator

from macros.data.models.base import (
    AgencyId,
    BodyId,
    CommuneId,
    FieldProblem,
    Id,
    Key,
    LegalRef,
    MaybeReviewed,
    OfficeId,
    Phone,
    PlainText,
    Reviewed,
    Status,
    Strict,
)

# --- provinces/<slug>/province.yaml ----------------------------------------


class ProgrammeClause(Strict):
    id: Annotated[Id, Key("programme clause")]
    title: PlainText
    text: PlainText
    bodies: list[BodyId] | None = None
    """Who carries the clause out (agency or office ids); null means the programme's parties."""
    status: Status = "verified"


class Programme(Reviewed):
    id: Id
    title: PlainText
    signed_on: datetime.date
    parties: Annotated[list[BodyId], Field(min_length=1)]
    first_year: int
    last_year: int
    clauses: list[ProgrammeClause]
    note: PlainText | None = None
    purposes: list[PlainText] = []
    """The programme's stated aims, as its source gives them."""

    @model_validator(mode="after")
    def _years_in_order(self) -> Programme:
        if self.last_year < self.first_year:
            raise FieldProblem(("last_year",), "is before first_year")
        return self


class ProvinceFile(MaybeReviewed):
    """A province. Counts, basis and date stay null until a source gives them (a new province's template)."""

    id: Id
    name: PlainText
    full_name: PlainText
    ward_count: Annotated[int, Field(ge=0, le=1000)] | None
    commune_count: Annotated[int, Field(ge=0, le=1000)] | None
    units_basis: LegalRef | None
    units_since: datetime.date | None
    programme: Programme | None

    def _vouched(self) -> str | None:
        return next(
            (n for n in ("ward_count", "commune_count", "units_basis", "units_since") if getattr(self, n) is not None),
            None,
        )


# --- provinces/<slug>/communes.yaml ----------------------------------------


class Commune(Strict):
    id: Annotated[Id, Key("commune")]
    name: PlainText
    type: Literal["phường", "xã", "đặc khu"]
    vbsp_office: OfficeId | None = None


class CommunesFile(MaybeReviewed):
    """The province's commune-level units; an empty list (and a null source) until a source gives them."""

    communes: list[Commune]

    def _vouched(self) -> str | None:
        return "communes" if self.communes else None


# --- provinces/<slug>/offices.yaml -----------------------------------------

OfficeKind = Literal["vbsp_branch", "vbsp_transaction_office", "provincial_police", "provincial_government"]


class Office(Reviewed):
    id: Annotated[Id, Key("office")]
    name: PlainText
    kind: OfficeKind
    agency: AgencyId
    address: PlainText | None
    phone: Phone | None
    hours: PlainText | None
    serves: Literal["whole_province"] | list[CommuneId] | None
    note: PlainText | None = None


class OfficesFile(Strict):
    offices: list[Office]
    """Empty until a source names an office of the province."""


# --- provinces/<slug>/statistics.yaml --------------------------------------


class Figure(Reviewed):
    id: Annotated[Id, Key("figure")]
    as_of: datetime.date
    as_of_precision: Literal["day", "month", "approximate"]
    measure: Literal["borrowers_cumulative", "borrowers_with_outstanding", "borrowers_in_year"]
    people: Annotated[int, Field(ge=0, le=10_000_000)] | None
    amount_vnd: Annotated[int, Field(ge=0, le=10**14)] | None
    amount_kind: Literal["disbursed", "outstanding"] | None
    amount_qualifier: Literal["exact", "over", "about", "nearly"] = "exact"
    capital: Literal["central", "local", "all"] = "all"
    note: PlainText | None = None
    status: Status = "verified"


class StatisticsFile(Strict):
    figures: list[Figure]
    """Empty until a source publishes a figure for the province."""
