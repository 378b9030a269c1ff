"""National files of what documents say: legal_documents.yaml, facts.yaml,
provisions.yaml, agencies.yaml, milestones.yaml, coordination.yaml."""

from __future__ import annotations

import datetime
from typing import Annotated, Literal

from pydantic import Field, model_validator

from macros.data.models.base import (
    AgencyId,
    CheckedOn,
    Day,
    DocumentDay,
    DocumentId,
    FieldProblem,
    Id,
    Key,
    LegalRef,
    Name,
    PlainText,
    Reviewed,
    Status,
    Strict,
    Title,
    Url,
    Year,
    source_or_why_not,
)

# --- legal_documents.yaml -------------------------------------------------


class LegalDocument(Reviewed):
    id: Annotated[Id, Key("legal document")]
    number: Name
    kind: Name
    subject: PlainText
    """What the document is about; the official title (trích yếu) only where a source gives it."""
    issuer: Name
    issued_on: DocumentDay | None
    effective_from: DocumentDay | None
    effective_to: DocumentDay | None = None
    url: Url | None
    url_note: PlainText | None = None
    note: PlainText | None = None
    source: Url | None
    source_name: PlainText | None = None
    source_unlinked: PlainText | None = None
    """Why `source` is null: the source exists only in another language (`source_name` names it)."""
    province: Id | None = None
    """A local document (e.g. a province's commune map) names its province folder: only that
    province's site, and a national site that includes it, list the document."""

    @model_validator(mode="after")
    def _dates_in_order(self) -> LegalDocument:
        if self.effective_from and self.issued_on and self.effective_from < self.issued_on:
            raise FieldProblem(("effective_from",), "is before issued_on")
        if self.effective_to and self.effective_from and self.effective_to < self.effective_from:
            raise FieldProblem(("effective_to",), "is before effective_from")
        return source_or_why_not(self)


class LegalDocumentsFile(Strict):
    documents: Annotated[list[LegalDocument], Field(min_length=1)]


# --- facts.yaml ------------------------------------------------------------

Unit = Literal[
    "vnd",
    "vnd_per_month",
    "percent_per_year",
    "percent_of_lending_rate",
    "percent_of_workforce",
    "months",
    "years",
    "times_disbursement_period",
]

UNIT_BOUNDS: dict[str, tuple[float, float]] = {
    "vnd": (1, 1e12),
    "vnd_per_month": (1, 1e9),
    "percent_per_year": (0, 100),
    "percent_of_lending_rate": (100, 300),
    "percent_of_workforce": (0, 100),
    "months": (1, 600),
    "years": (1, 50),
    "times_disbursement_period": (0.1, 10),
}

UNIT_DECIMALS: dict[str, int] = {
    "vnd": 0,
    "vnd_per_month": 0,
    "percent_per_year": 2,
    "percent_of_lending_rate": 2,
    "percent_of_workforce": 2,
    "months": 0,
    "years": 0,
    "times_disbursement_period": 2,
}
"""Money in whole đồng, durations in whole months or years, rates to a hundredth of a per cent."""


class FactPeriod(Strict):
    value: int | float | None
    effective_from: Day
    effective_to: Day | None = None
    legal_ref: LegalRef
    source: Url | None
    source_name: PlainText | None = None
    """Who publishes `source`, as a reader would name it ("báo Thanh Niên"); pages show it as the link."""
    source_unlinked: PlainText | None = None
    """Why `source` is null: the source exists only in another language (`source_name` names it)."""
    status: Status = "verified"
    note: PlainText | None = None
    """Why a value is uncertain; for a verified one, a caveat about its source (shown as plain text)."""

    @model_validator(mode="after")
    def _period_in_order(self) -> FactPeriod:
        if self.effective_to and self.effective_to < self.effective_from:
            raise FieldProblem(("effective_to",), "is before effective_from")
        if self.status == "uncertain" and not self.note:
            raise FieldProblem(("note",), "an uncertain value needs a note saying why")
        return source_or_why_not(self)


class Fact(Strict):
    """A dated quantity: each period says from when, until when, and on what basis."""

    id: Annotated[Id, Key("fact")]
    label: Title
    unit: Unit
    periods: Annotated[list[FactPeriod], Field(min_length=1, max_length=50)]
    temporary: bool = False
    """A measure for a stated time only (a relief): once its last period ends, pages show it as
    past, so it needs no period in force on the build date."""
    verified_on: CheckedOn
    review_by: Day

    @model_validator(mode="after")
    def _periods_form_a_timeline(self) -> Fact:
        low, high = UNIT_BOUNDS[self.unit]
        decimals = UNIT_DECIMALS[self.unit]
        for index, period in enumerate(self.periods):
            value = period.value
            if value is None:
                continue
            if not low <= value <= high:
                raise FieldProblem(
                    ("periods", index, "value"), f"{value} is outside {low:g}..{high:g} for unit {self.unit}"
                )
            if decimals == 0 and isinstance(value, float):
                whole = "đồng" if self.unit.startswith("vnd") else self.unit
                raise FieldProblem(
                    ("periods", index, "value"), f"{value} must be a whole number of {whole} (no decimal point)"
                )
            if round(value, decimals) != value:
                raise FieldProblem(
                    ("periods", index, "value"),
                    f"{value} has more than {decimals} decimal places; {self.unit} is written like 6.24",
                )
        for index, (earlier, later) in enumerate(zip(self.periods, self.periods[1:]), start=1):
            if earlier.effective_to is None:
                raise FieldProblem(("periods", index - 1, "effective_to"), "is missing, but a later period follows")
            if later.effective_from <= earlier.effective_to:
                raise FieldProblem(
                    ("periods", index, "effective_from"),
                    f"{later.effective_from} overlaps the period before, which ends on {earlier.effective_to}",
                )
            if later.effective_from != earlier.effective_to + datetime.timedelta(days=1):
                raise FieldProblem(
                    ("periods", index, "effective_from"),
                    f"{later.effective_from} leaves a gap: the period before ends on {earlier.effective_to}",
                )
        if self.review_by < self.verified_on:
            raise FieldProblem(("review_by",), "must not be before verified_on")
        return self


class FactsFile(Strict):
    facts: Annotated[list[Fact], Field(min_length=1)]


# --- provisions.yaml -----------------------------------------------------

Topic = Literal[
    "scope",
    "borrowers",
    "conditions",
    "lending_method",
    "purposes",
    "amounts",
    "currency",
    "term",
    "interest",
    "security",
    "capital",
    "risk",
    "procedure",
    "responsibilities",
    "violations",
]


class Provision(Reviewed):
    """A rule stated in words, with the article it comes from."""

    id: Annotated[Id, Key("provision")]
    topic: Topic
    title: Title
    text: PlainText
    legal_ref: LegalRef
    status: Status = "verified"
    note: PlainText | None = None


class ProvisionsFile(Strict):
    provisions: Annotated[list[Provision], Field(min_length=1)]


# --- agencies.yaml -------------------------------------------------------

Level = Literal["central", "province", "district", "commune", "other"]


class Agency(Reviewed):
    id: Annotated[Id, Key("agency")]
    name: Name
    short_name: Name | None = None
    level: Level
    ended_on: Day | None = None
    note: PlainText | None = None


class AgenciesFile(Strict):
    agencies: Annotated[list[Agency], Field(min_length=1)]


# --- milestones.yaml -----------------------------------------------------


class Milestone(Reviewed):
    id: Annotated[Id, Key("milestone")]
    date: Day
    title: Title
    text: PlainText
    legal_ref: LegalRef | None = None
    status: Status = "verified"


class MilestonesFile(Strict):
    milestones: Annotated[list[Milestone], Field(min_length=1)]


# --- coordination.yaml ---------------------------------------------------


class CoordinationParty(Strict):
    """One who signed a programme, or issued a regulation: the kind of body, and its own name
    where the source names it ("Công an tỉnh Tiền Giang" is an agency `cong-an-tinh`)."""

    agency: AgencyId
    name: Name | None = None


class Coordination(Reviewed):
    """A coordination programme (chương trình phối hợp) or regulation (quy chế phối hợp) in force
    somewhere in the country, as a source reports it: the Ministry's and VBSP's for every
    province, or one province's. A province's own programme with its clauses and duties stays in
    its province.yaml (`programme`)."""

    id: Annotated[Id, Key("coordination record")]
    kind: Literal["programme", "regulation"]
    """`programme`: signed by its parties; `regulation`: issued by a decision of one body."""
    title: Title
    """As the source names it."""
    decision: Name | None = None
    """The number of the decision that issued it, where there is one: "1297/QĐ-UBND"."""
    signed_on: Day
    """The day it was signed (a programme) or its decision issued (a regulation)."""
    parties: Annotated[list[CoordinationParty], Field(min_length=1, max_length=20)]
    province: Id | None
    """The province folder (data/provinces/) it concerns today; null for the whole country."""
    signed_in: Name | None = None
    """The province as it was named when it signed, where that province has since merged into
    `province` ("tỉnh Tiền Giang"): one of the former provinces in its former_units.yaml."""
    first_year: Year | None = None
    last_year: Year | None = None
    implements: DocumentId | None = None
    """The document it carries out, where the source names one (qd-22-2023)."""
    summary: PlainText
    """What it is, in a sentence or two of plain Vietnamese."""
    contents: Annotated[list[PlainText], Field(max_length=20)] = []
    """Its areas of coordination, as the source lists them."""
    status: Status = "verified"
    note: PlainText | None = None
    """Why something is uncertain, or what the source does not say."""

    @model_validator(mode="after")
    def _consistent(self) -> Coordination:
        if (self.first_year is None) != (self.last_year is None):
            raise FieldProblem(("last_year" if self.last_year is None else "first_year",), "give both years or neither")
        if self.first_year is not None and self.last_year < self.first_year:
            raise FieldProblem(("last_year",), "is before first_year")
        if self.status == "uncertain" and not self.note:
            raise FieldProblem(("note",), "an uncertain record needs a note saying why")
        if self.signed_in is not None and self.province is None:
            raise FieldProblem(("signed_in",), "names a former province: give the province it is part of today")
        return self


class CoordinationFile(Strict):
    programmes: Annotated[list[Coordination], Field(min_length=1, max_length=200)]
