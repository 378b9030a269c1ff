"""A province's own files: provinces/<slug>/province.yaml, communes.yaml, offices.yaml, statistics.yaml."""

from __future__ import annotations

from typing import Annotated, Literal

from pydantic import Field, model_validator

from macros.data.models.base import (
    AgencyId,
    BodyId,
    CommuneId,
    Day,
    FieldProblem,
    Id,
    Key,
    LegalRef,
    MaybeReviewed,
    Name,
    OfficeId,
    Phone,
    PlainText,
    Reviewed,
    Status,
    Strict,
    Title,
    Year,
)

# --- provinces/<slug>/province.yaml ----------------------------------------


class ProgrammeClause(Strict):
    id: Annotated[Id, Key("programme clause")]
    title: Title
    text: PlainText
    bodies: Annotated[list[BodyId], Field(max_length=50)] | None = None
    """Who carries the clause out (agency or office ids); null means the programme's parties."""
    status: Status = "verified"


class Programme(Reviewed):
    id: Id
    title: Title
    signed_on: Day
    parties: Annotated[list[BodyId], Field(min_length=1, max_length=20)]
    first_year: Year
    last_year: Year
    clauses: Annotated[list[ProgrammeClause], Field(max_length=100)]
    note: PlainText | None = None
    purposes: Annotated[list[PlainText], Field(max_length=20)] = []
    """The programme's stated aims, as its source gives them."""

    @model_validator(mode="after")
    def _years_in_order(self) -> Programme:
        if self.last_year < self.first_year:
            raise FieldProblem(("last_year",), "is before first_year")
        return self


class ProvinceFile(MaybeReviewed):
    """A province. Counts, basis and date stay null until a source gives them (a new province's template)."""

    id: Id
    name: Name
    full_name: Name
    ward_count: Annotated[int, Field(ge=0, le=1000)] | None
    commune_count: Annotated[int, Field(ge=0, le=1000)] | None
    units_basis: LegalRef | None
    units_since: Day | None
    programme: Programme | None

    def _vouched(self) -> str | None:
        return next(
            (n for n in ("ward_count", "commune_count", "units_basis", "units_since") if getattr(self, n) is not None),
            None,
        )


# --- provinces/<slug>/communes.yaml ----------------------------------------


class Commune(Strict):
    id: Annotated[Id, Key("commune")]
    name: Name
    type: Literal["phường", "xã", "đặc khu"]
    vbsp_office: OfficeId | None = None


class CommunesFile(MaybeReviewed):
    """The province's commune-level units; an empty list (and a null source) until a source gives them."""

    communes: Annotated[list[Commune], Field(max_length=1_000)]

    def _vouched(self) -> str | None:
        return "communes" if self.communes else None


# --- provinces/<slug>/offices.yaml -----------------------------------------

OfficeKind = Literal["vbsp_branch", "vbsp_transaction_office", "provincial_police", "provincial_government"]


class Office(Reviewed):
    id: Annotated[Id, Key("office")]
    name: Name
    kind: OfficeKind
    agency: AgencyId
    address: PlainText | None
    phone: Phone | None
    hours: PlainText | None
    serves: Literal["whole_province"] | Annotated[list[CommuneId], Field(max_length=1_000)] | None
    note: PlainText | None = None


class OfficesFile(Strict):
    offices: Annotated[list[Office], Field(max_length=500)]
    """Empty until a source names an office of the province."""


# --- provinces/<slug>/statistics.yaml --------------------------------------


class Figure(Reviewed):
    id: Annotated[Id, Key("figure")]
    as_of: Day
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
    figures: Annotated[list[Figure], Field(max_length=500)]
    """Empty until a source publishes a figure for the province."""
