"""A province's own files: provinces/<slug>/province.yaml, communes.yaml, former_units.yaml, unit_changes.yaml,
offices.yaml, statistics.yaml."""

from __future__ import annotations

import datetime
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
    RefersTo,
    Reviewed,
    Status,
    Strict,
    Title,
    Url,
    Year,
    source_or_why_not,
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

UnitCode = Annotated[int, Field(ge=1, le=99_999)]
"""A commune-level unit's code (mã đơn vị hành chính) in the statistics office's list."""


class UnitsGenerator(Strict):
    """The tool that wrote generated data, and the pinned library it read."""

    tool: Literal["tools/admin_units.py"]
    library: Literal["vietnamadminunits"]
    version: Annotated[str, Field(pattern=r"^[0-9]+(\.[0-9]+)*$")]
    source: Url
    """The library's page, where its data and licence are described."""


UnitType = Literal["phường", "xã", "đặc khu"]
"""The three kinds of commune-level unit since 1 July 2025."""


class Commune(Strict):
    id: Annotated[Id, Key("commune")]
    name: Name
    type: UnitType
    code: UnitCode | None = None
    """Mã đơn vị hành chính; written by tools/admin_units.py (see `codes_from`), never by hand."""
    vbsp_office: OfficeId | None = None


ProvinceCode = Annotated[int, Field(ge=1, le=99)]
"""A province's code (mã tỉnh) in the statistics office's list."""


class CommunesFile(MaybeReviewed):
    """The province's commune-level units; an empty list (and a null source) until a source gives them."""

    codes_from: UnitsGenerator | None = None
    """Where the units' `code` values (and `province_code`) come from; null until tools/admin_units.py has written them."""
    province_code: ProvinceCode | None = None
    """The province's own code in the same list; written by tools/admin_units.py, never by hand."""
    communes: Annotated[list[Commune], Field(max_length=1_000)]

    def _vouched(self) -> str | None:
        return "communes" if self.communes else None

    @model_validator(mode="after")
    def _codes_have_their_source(self) -> CommunesFile:
        if self.codes_from is None and (
            self.province_code is not None or any(c.code is not None for c in self.communes)
        ):
            raise FieldProblem(("codes_from",), "is needed once a unit has a code (run make admin-units)")
        return self


# --- provinces/<slug>/former_units.yaml ------------------------------------

FormerDistrictId = Annotated[Id, RefersTo("former_units.yaml#districts")]


class FormerDistrict(Strict):
    """A district-level unit before 1 July 2025, when that level ended."""

    id: Annotated[Id, Key("former district")]
    name: Name
    type: Literal["huyện", "quận", "thị xã", "thành phố"]
    code: Annotated[int, Field(ge=1, le=999)]
    """Its code in the statistics office's list before 1 July 2025."""
    province: Name | None = None
    """The former province, only when today's province was formed from several."""
    becomes: Annotated[list[CommuneId], Field(max_length=50)] | None = None
    """Only for a district that had no commune-level unit (an island district): the unit it became."""


class FormerUnit(Strict):
    """A commune-level unit before 1 July 2025, and the unit or units of today it became."""

    code: Annotated[UnitCode, Key("former unit")]
    """Its code in the list before 1 July 2025; a separate list from today's codes (never join on it)."""
    name: Name
    type: Literal["xã", "phường", "thị trấn"]
    district: FormerDistrictId
    becomes: Annotated[list[CommuneId], Field(min_length=1, max_length=20)]
    """Today's unit; a unit divided between several lists every part."""


class FormerUnitsFile(MaybeReviewed):
    """The province's commune-level units before 1 July 2025, generated by tools/admin_units.py.

    Empty (and null) in a new province's template until the tool has written it."""

    legal_basis: LegalRef | None
    """The resolution that arranged the units (the province's `units_basis`); null while no source
    at hand names it (the generator never guesses a resolution number)."""
    generated_by: UnitsGenerator | None
    districts: Annotated[list[FormerDistrict], Field(max_length=200)]
    units: Annotated[list[FormerUnit], Field(max_length=5_000)]

    def _vouched(self) -> str | None:
        return "units" if self.units else "districts" if self.districts else None

    @model_validator(mode="after")
    def _generated(self) -> FormerUnitsFile:
        needs = self._vouched()
        if needs and self.generated_by is None:
            raise FieldProblem(("generated_by",), f"is needed once {needs} is filled in")
        return self


# --- provinces/<slug>/unit_changes.yaml ------------------------------------

UnitId = Annotated[Id, RefersTo("communes.yaml#communes", "unit_changes.yaml#changes.creates")]
"""A commune-level unit after 1 July 2025: one of communes.yaml, or one a change created."""

MAP_START = datetime.date(2025, 7, 1)
"""The day the units of communes.yaml came into force (the two-tier reform)."""


class NewUnit(Strict):
    """A unit a change creates (a new ward, a part of a split): it is not in communes.yaml."""

    id: Annotated[Id, Key("new unit")]
    name: Name
    type: UnitType
    code: UnitCode | None = None
    """Its code in the statistics office's list, once a source gives it."""


class ProvinceName(Strict):
    """The province's name from the change on (a province that becomes a centrally-run city)."""

    full_name: Name
    """As sentences write it, type first: "thành phố Đồng Nai"."""
    name: Name | None = None
    """Its short name, only when that changes too."""


class UnitChange(Reviewed):
    """One change of the map after 1 July 2025, in force from `effective_from` (inclusive).

    Exactly one of: `province` (the province's own name or type); `unit` with `name` and/or `type`
    (a unit renamed or re-typed) or with `into` (a unit that ends: merged into, or split between,
    the units listed); `creates` with `made_from` (a new unit). `source` is where the change's
    text was read; `listed_in` the maintained list of changes it was found in."""

    id: Annotated[Id, Key("unit change")]
    effective_from: Day
    legal_basis: LegalRef
    listed_in: Url
    province: ProvinceName | None = None
    unit: UnitId | None = None
    name: Name | None = None
    """The unit's name from this change on; null when only its type changes."""
    type: UnitType | None = None
    """The unit's type from this change on; null when only its name changes."""
    into: Annotated[list[UnitId], Field(min_length=1, max_length=20)] | None = None
    creates: NewUnit | None = None
    made_from: Annotated[list[UnitId], Field(min_length=1, max_length=20)] | None = None
    """The units whose area (or part of it) the new unit takes."""
    note: PlainText | None = None

    @model_validator(mode="after")
    def _one_kind(self) -> UnitChange:
        kinds = [k for k in ("province", "unit", "creates") if getattr(self, k) is not None]
        if len(kinds) != 1:
            raise FieldProblem(
                (kinds[1] if len(kinds) > 1 else "unit",),
                "give exactly one of province, unit or creates"
                + (f" (this change gives {', '.join(kinds)})" if kinds else ""),
            )
        given = [k for k in ("name", "type", "into", "made_from") if getattr(self, k) is not None]
        allowed = {"province": set(), "unit": {"name", "type", "into"}, "creates": {"made_from"}}[kinds[0]]
        stray = [k for k in given if k not in allowed]
        if stray:
            raise FieldProblem((stray[0],), f"does not go with {kinds[0]}")
        if self.unit is not None:
            if self.into is not None and (self.name or self.type):
                raise FieldProblem(("into",), "a unit that ends is not renamed: give into, or name and type")
            if self.into is None and self.name is None and self.type is None:
                raise FieldProblem(("unit",), "say what changes: its name, its type, or into (the unit ends)")
            if self.into is not None and self.unit in self.into:
                raise FieldProblem(("into",), f"a unit cannot end into itself ({self.unit!r})")
        if self.creates is not None and self.made_from is None:
            raise FieldProblem(("made_from",), "is needed for a new unit: the units it was made from")
        if self.effective_from < MAP_START:
            raise FieldProblem(
                ("effective_from",),
                f"is before {MAP_START.isoformat()}: changes before the reform are in former_units.yaml",
            )
        return self


class ListSays(Strict):
    """What another list of units says, where the data says something else."""

    list: Id
    """The list, as make units-diff names it: vietnamadminunits, thanglequoc, vietnam-address-kit, vietnam-provinces."""
    version: Annotated[str, Field(pattern=r"^[0-9A-Za-z][0-9A-Za-z.-]{0,39}$")]
    says: Title


class Disagreement(Reviewed):
    """Lists of units that disagree about a unit (or the province), where no legal text at hand
    settles it: what the site shows, what each other list says, and why it is not settled."""

    id: Annotated[Id, Key("disagreement")]
    unit: UnitId | None = None
    """The unit; null for the province itself."""
    field: Literal["name", "type", "code", "province"]
    data_says: Title
    """What the site shows (make check-data compares it with the data)."""
    others: Annotated[list[ListSays], Field(min_length=1, max_length=10)]
    note: PlainText


class UnitChangesFile(Strict):
    """The province's map after 1 July 2025: every dated change to the units of communes.yaml (and
    to the province's name), and every recorded disagreement between lists of units. Both lists
    stay empty until a source gives a change; make build applies the changes in force on its date."""

    changes: Annotated[list[UnitChange], Field(max_length=500)]
    disagreements: Annotated[list[Disagreement], Field(max_length=500)]


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
    """The units it serves, as a source says; null when no source says."""
    named_for: FormerDistrictId | None = None
    """The former district whose name the source gives the office (the press names transaction
    offices so): the only link, until a source says which units it serves, to today's units."""
    named_on: Day | None = None
    """The date of the source that names the office: before or after 1 July 2025 matters."""
    note: PlainText | None = None
    source: Url | None
    source_name: PlainText | None = None
    source_unlinked: PlainText | None = None
    """Why `source` is null: the source exists only in another language (`source_name` names it)."""

    @model_validator(mode="after")
    def _linked_or_named(self) -> Office:
        return source_or_why_not(self)


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
