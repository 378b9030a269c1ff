"""National files of what documents say: legal_documents.yaml, facts.yaml,
provisions.yaml, agencies.yaml, milestones.yaml."""

from __future__ import annotations

import datetime
from typing import Annotated, Literal

from pydantic import Field, model_validator

from macros.data.models.base import FieldProblem, Id, Key, LegalRef, PlainText, Reviewed, Status, Strict, Url

# --- legal_documents.yaml -------------------------------------------------


class LegalDocument(Reviewed):
    id: Annotated[Id, Key("legal document")]
    number: PlainText
    kind: PlainText
    subject: PlainText
    """What the document is about; the official title (trích yếu) only where a source gives it."""
    issuer: PlainText
    issued_on: datetime.date | None
    effective_from: datetime.date | None
    effective_to: datetime.date | None = None
    url: Url | None
    url_note: PlainText | None = None
    note: PlainText | None = None
    province: Id | None = None
    """A local document (e.g. a province's commune map) names its province folder: only that
    province's site, and a national site that includes it, list the document."""

    @model_validator(mode="after")
    def _dates_in_order(self) -> LegalDocument:
        if self.effective_from and self.issued_on and self.effective_from < self.issued_on:
            raise FieldProblem(("effective_from",), "is before issued_on")
        if self.effective_to and self.effective_from and self.effective_to < self.effective_from:
            raise FieldProblem(("effective_to",), "is before effective_from")
        return self


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


class FactPeriod(Strict):
    value: int | float | None
    effective_from: datetime.date
    effective_to: datetime.date | None = None
    legal_ref: LegalRef
    source: Url
    source_name: PlainText | None = None
    """Who publishes `source`, as a reader would name it ("báo Lao Động"); pages show it as the link."""
    status: Status = "verified"
    note: PlainText | None = None
    """Why a value is uncertain; for a verified one, a caveat about its source (shown as plain text)."""

    @model_validator(mode="after")
    def _period_in_order(self) -> FactPeriod:
        if self.effective_to and self.effective_to < self.effective_from:
            raise FieldProblem(("effective_to",), "is before effective_from")
        if self.status == "uncertain" and not self.note:
            raise FieldProblem(("note",), "an uncertain value needs a note saying why")
        return self


class Fact(Strict):
    """A dated quantity: each period says from when, until when, and on what basis."""

    id: Annotated[Id, Key("fact")]
    label: PlainText
    unit: Unit
    periods: Annotated[list[FactPeriod], Field(min_length=1)]
    verified_on: datetime.date
    review_by: datetime.date

    @model_validator(mode="after")
    def _periods_form_a_timeline(self) -> Fact:
        low, high = UNIT_BOUNDS[self.unit]
        for index, period in enumerate(self.periods):
            if period.value is not None and not low <= period.value <= high:
                raise FieldProblem(
                    ("periods", index, "value"), f"{period.value} is outside {low:g}..{high:g} for unit {self.unit}"
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
    title: PlainText
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
    name: PlainText
    short_name: PlainText | None = None
    level: Level
    ended_on: datetime.date | None = None
    note: PlainText | None = None


class AgenciesFile(Strict):
    agencies: Annotated[list[Agency], Field(min_length=1)]


# --- milestones.yaml -----------------------------------------------------


class Milestone(Reviewed):
    id: Annotated[Id, Key("milestone")]
    date: datetime.date
    title: PlainText
    text: PlainText
    legal_ref: LegalRef | None = None
    status: Status = "verified"


class MilestonesFile(Strict):
    milestones: Annotated[list[Milestone], Field(min_length=1)]
