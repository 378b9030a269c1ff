"""One pydantic model per data file. Extra keys are errors everywhere.

Shared field types carry the rules an editor must follow (plain text without
markup, http(s) links only, stable ids); the file models check what spans
records inside one file (dated periods in order, unique ids). Checks that span
files live in `dataset.py`.
"""

from __future__ import annotations

import datetime
import re
from typing import Annotated, Literal

from pydantic import AfterValidator, BaseModel, ConfigDict, Field, model_validator

ID_PATTERN = r"^[a-z0-9]+(?:[-_][a-z0-9]+)*$"
URL_PATTERN = r"^https?://[^\s<>\"']+$"
PHONE_PATTERN = r"^(?:\+84|0)[0-9]{2,3}(?:[ .]?[0-9]{3,4}){2}$"

_MARKUP = re.compile(r"<\s*/?\s*[a-zA-Z!][^>]*>|\{\{|\{%|\{#|javascript:", re.IGNORECASE)


def _plain_text(value: str) -> str:
    if value != value.strip():
        raise ValueError("remove the spaces at the start or end")
    if not value:
        raise ValueError("must not be empty (write null if unknown)")
    if _MARKUP.search(value):
        raise ValueError("must be plain text: no HTML tags, template code or javascript: links")
    return value


class FieldProblem(ValueError):
    """A problem found by a record-level check, pointing at the field to fix."""

    def __init__(self, path: tuple[str | int, ...], message: str):
        super().__init__(message)
        self.path = path


PlainText = Annotated[str, Field(min_length=1), AfterValidator(_plain_text)]
Id = Annotated[str, Field(pattern=ID_PATTERN, max_length=80)]
Url = Annotated[str, Field(pattern=URL_PATTERN, max_length=500)]
Phone = Annotated[str, Field(pattern=PHONE_PATTERN)]
Status = Literal["verified", "uncertain"]
"""`verified`: a named source says it. `uncertain`: sources disagree or it is inferred; pages label it."""


class Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", strict=True, frozen=True)


class LegalRef(Strict):
    """A document from legal_documents.yaml and, where known, the article, clause and point."""

    document: Id
    article: Annotated[str, Field(pattern=r"^[0-9]+[a-z]?$")] | None = None
    clause: Annotated[str, Field(pattern=r"^[0-9]+$")] | None = None
    point: Annotated[str, Field(pattern=r"^[a-zđ]$")] | None = None

    @model_validator(mode="after")
    def _narrowing_needs_wider(self) -> LegalRef:
        if self.point and not self.clause:
            raise FieldProblem(("clause",), "is needed when a point is given")
        if self.clause and not self.article:
            raise FieldProblem(("article",), "is needed when a clause is given")
        return self


class Reviewed(Strict):
    """Who checked a record, when, and when it must be looked at again."""

    source: Url
    verified_on: datetime.date
    review_by: datetime.date

    @model_validator(mode="after")
    def _review_after_verification(self) -> Reviewed:
        if self.review_by < self.verified_on:
            raise FieldProblem(("review_by",), "must not be before verified_on")
        return self


class MaybeReviewed(Strict):
    """Like `Reviewed`, for a province file that may still be a template (`make new-province`).

    `source`, `verified_on` and `review_by` may be null only while the record holds
    nothing they would vouch for; `_vouched()` names what that is.
    """

    source: Url | None
    verified_on: datetime.date | None
    review_by: datetime.date | None

    def _vouched(self) -> str | None:
        """The first field that needs a source, or None while the record is an empty template."""
        return None

    @model_validator(mode="after")
    def _sourced_when_filled(self) -> MaybeReviewed:
        needs = self._vouched()
        if needs is not None:
            for name in ("source", "verified_on", "review_by"):
                if getattr(self, name) is None:
                    raise FieldProblem((name,), f"is needed once {needs} is filled in")
        if self.review_by and self.verified_on and self.review_by < self.verified_on:
            raise FieldProblem(("review_by",), "must not be before verified_on")
        return self


# --- legal_documents.yaml -------------------------------------------------


class LegalDocument(Reviewed):
    id: Id
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
    status: Status = "verified"
    note: PlainText | None = None

    @model_validator(mode="after")
    def _period_in_order(self) -> FactPeriod:
        if self.effective_to and self.effective_to < self.effective_from:
            raise FieldProblem(("effective_to",), "is before effective_from")
        if self.status == "uncertain" and not self.note:
            raise FieldProblem(("note",), "an uncertain value needs a note saying why")
        return self


class Fact(Strict):
    """A dated quantity: each period says from when, until when, and on what basis."""

    id: Id
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
                raise FieldProblem(("periods", index, "value"), f"{period.value} is outside {low:g}..{high:g} for unit {self.unit}")
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

    id: Id
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
    id: Id
    name: PlainText
    short_name: PlainText | None = None
    level: Level
    ended_on: datetime.date | None = None
    note: PlainText | None = None


class AgenciesFile(Strict):
    agencies: Annotated[list[Agency], Field(min_length=1)]


# --- milestones.yaml -----------------------------------------------------


class Milestone(Reviewed):
    id: Id
    date: datetime.date
    title: PlainText
    text: PlainText
    legal_ref: LegalRef | None = None
    status: Status = "verified"


class MilestonesFile(Strict):
    milestones: Annotated[list[Milestone], Field(min_length=1)]


# --- provinces/<slug>/province.yaml ----------------------------------------


class ProgrammeClause(Strict):
    id: Id
    title: PlainText
    text: PlainText
    bodies: list[Id] | None = None
    """Who carries the clause out (agency or office ids); null means the programme's parties."""
    status: Status = "verified"


class Programme(Reviewed):
    id: Id
    title: PlainText
    signed_on: datetime.date
    parties: Annotated[list[Id], Field(min_length=1)]
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
        return next((n for n in ("ward_count", "commune_count", "units_basis", "units_since") if getattr(self, n) is not None), None)


# --- provinces/<slug>/communes.yaml ----------------------------------------


class Commune(Strict):
    id: Id
    name: PlainText
    type: Literal["phường", "xã", "đặc khu"]
    vbsp_office: Id | None = None


class CommunesFile(MaybeReviewed):
    """The province's commune-level units; an empty list (and a null source) until a source gives them."""

    communes: list[Commune]

    def _vouched(self) -> str | None:
        return "communes" if self.communes else None


# --- provinces/<slug>/offices.yaml -----------------------------------------

OfficeKind = Literal["vbsp_branch", "vbsp_transaction_office", "provincial_police", "provincial_government"]


class Office(Reviewed):
    id: Id
    name: PlainText
    kind: OfficeKind
    agency: Id
    address: PlainText | None
    phone: Phone | None
    hours: PlainText | None
    serves: Literal["whole_province"] | list[Id] | None
    note: PlainText | None = None


class OfficesFile(Strict):
    offices: list[Office]
    """Empty until a source names an office of the province."""


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
    return parts


class Duty(Reviewed):
    """A recurring duty. `rrule` only where a source states the exact day; otherwise null and `timing_note`."""

    id: Id
    title: PlainText
    owner: Id
    recipient: Id | None
    frequency: Frequency
    rrule: Annotated[str, Field(pattern=r"^FREQ=(DAILY|WEEKLY|MONTHLY|YEARLY)(;[A-Z]+=[A-Z0-9,+-]+)*$")] | None
    timing_note: PlainText | None = None
    legal_ref: LegalRef | None = None
    programme_clause: Id | None = None
    audiences: Annotated[list[Audience], Field(min_length=1)]
    applies_from: datetime.date
    applies_to: datetime.date | None = None
    partners: list[Id] = []
    """Bodies that carry the duty out together with the owner."""
    detail: PlainText | None = None
    status: Status = "verified"
    note: PlainText | None = None
    responsibility: Id | None = None
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
                raise FieldProblem(("rrule",), f"must be null for frequency {self.frequency!r}: it has no calendar period")
            if (parts["FREQ"], parts.get("INTERVAL", 1)) != _RRULE_FREQ[self.frequency]:
                raise FieldProblem(("rrule",), f"does not match frequency {self.frequency!r}")
            if self.legal_ref is None or self.legal_ref.clause is None:
                raise FieldProblem(("legal_ref",), "an exact day needs the article and clause that state it")
        return self


class DeadlinesFile(Strict):
    duties: list[Duty]
    """data/duties.yaml: the duties Decision 22 gives everywhere; a province's deadlines.yaml adds its own (may be empty)."""


# --- provinces/<slug>/statistics.yaml --------------------------------------


class Figure(Reviewed):
    id: Id
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


# --- responsibilities.yaml -------------------------------------------------


class Responsibility(Reviewed):
    """One task of one body, with the article that gives it."""

    id: Id
    body: Id
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


# --- pages.yaml --------------------------------------------------------------


class PageReview(Strict):
    """When a page was last checked against its sources, and which sources those are."""

    path: Annotated[str, Field(pattern=r"^[a-z0-9][a-z0-9/-]*\.md$")]
    reviewed_on: datetime.date
    documents: list[Id] = []
    sources: list[Url] = []
    province_sources: dict[Id, list[Url]] = {}
    """Sources shown only on one province's site (e.g. its programme's article), by province folder."""

    @model_validator(mode="after")
    def _has_sources(self) -> PageReview:
        if not self.documents and not self.sources:
            raise FieldProblem(("documents",), "a page needs at least one legal document or source URL")
        return self


class PagesFile(Strict):
    review_interval_months: Annotated[int, Field(ge=1, le=36)]
    pages: Annotated[list[PageReview], Field(min_length=1)]


# --- search_synonyms.yaml ------------------------------------------------


class Synonym(Strict):
    id: Id
    site_term: PlainText
    everyday: Annotated[list[PlainText], Field(min_length=1)]


class SearchSynonymsFile(Strict):
    synonyms: Annotated[list[Synonym], Field(min_length=1)]
# --- shared by forms.yaml and procedures.yaml --------------------------------

PagePath = Annotated[str, Field(pattern=r"^[a-z0-9][a-z0-9/-]*\.md$")]
"""A page of the site, as in pages.yaml: "thu-tuc/vay-qua-ho-gia-dinh.md"."""


class Statement(Strict):
    """One part of a record: what a source says, or null text and what a person should do instead.

    Text may hold placeholders for data values: {fact:ID}, {milestone:ID}, {duty:ID}.
    """

    text: PlainText | None = None
    refs: list[LegalRef] = []
    source: Url | None = None
    status: Status = "verified"
    note: PlainText | None = None
    ask: PlainText | None = None
    """Only where the text is unknown or incomplete: whom to ask, in plain words."""

    @model_validator(mode="after")
    def _said_or_asked(self) -> Statement:
        if self.text is None and self.ask is None:
            raise FieldProblem(("ask",), "is needed when text is null: say whom a person should ask")
        if self.text is not None and not self.refs and self.source is None:
            raise FieldProblem(("refs",), "say where the text comes from: refs (document and article) or source")
        if self.status == "uncertain" and not self.note:
            raise FieldProblem(("note",), "an uncertain statement needs a note saying why")
        return self


class PageRef(Strict):
    page: PagePath
    label: PlainText


# --- forms.yaml ---------------------------------------------------------------


class Form(Reviewed):
    """A form attached to a legal document. The site describes it; it never draws its layout."""

    id: Id
    number: PlainText
    title: PlainText
    legal_ref: LegalRef
    purpose: Statement
    filled_by: Statement
    confirmed_by: Statement
    sent_to: Statement
    timing: Statement
    layout_seen: bool
    """False until someone has seen the official layout; the page then says so."""


class FormsFile(Strict):
    forms: Annotated[list[Form], Field(min_length=1)]


# --- procedures.yaml ----------------------------------------------------------


class Step(Statement):
    who: PlainText
    body: Id | None = None
    """The agency that acts (agencies.yaml), where it is one."""


class DossierItem(Strict):
    name: PlainText
    copies: Annotated[int, Field(ge=1, le=20)] | None = None
    refs: list[LegalRef] = []
    source: Url | None = None
    note: PlainText | None = None

    @model_validator(mode="after")
    def _has_basis(self) -> DossierItem:
        if not self.refs and self.source is None:
            raise FieldProblem(("refs",), "say which source requires this document: refs or source")
        return self


class Dossier(Strict):
    items: list[DossierItem]
    """Only what a source requires. Never a guess."""
    complete: bool
    ask: PlainText | None = None
    checklist: PagePath | None = None

    @model_validator(mode="after")
    def _incomplete_says_whom_to_ask(self) -> Dossier:
        if not self.complete and not self.ask:
            raise FieldProblem(("ask",), "is needed when the list is not complete: say whom to ask for the rest")
        return self


class FormsPart(Strict):
    ids: list[Id]
    ask: PlainText | None = None
    """Other forms (e.g. the bank's own) that no source shows: whom to ask."""


class ProcedureContact(Strict):
    """Whom to call: an agency (agencies.yaml); the page lists the province's offices of that agency."""

    body: Id
    why: PlainText


class Procedure(Reviewed):
    """An administrative procedure in the 12-part TTHC order (Decree 63/2010/NĐ-CP, Art. 8(2))."""

    id: Id
    name: PlainText
    page: PagePath
    audience: Literal["individual", "establishment", "officials"]
    domain: PlainText
    """Lĩnh vực, as the national portal names it."""
    level: PlainText
    steps: Annotated[list[Step], Field(min_length=1)]
    channels: Statement
    dossier: Dossier
    processing_time: Statement
    applicants: Statement
    bodies: Statement
    result: Statement
    fees: Statement
    forms: FormsPart
    conditions: Annotated[list[Id], Field(min_length=1)]
    legal_basis: Annotated[list[LegalRef], Field(min_length=1)]
    related: list[Id] = []
    contacts: list[ProcedureContact] = []


class ProceduresFile(Strict):
    procedures: Annotated[list[Procedure], Field(min_length=1)]


# --- faq.yaml -----------------------------------------------------------------

FaqTopic = Literal["ai-duoc-vay", "muc-vay", "lai-suat", "thu-tuc", "tra-no", "co-so", "thay-doi", "khac"]


class FaqEntry(Strict):
    """A question people ask, answered in plain words. Figures are placeholders: {fact:ID}."""

    id: Id
    topic: FaqTopic
    question: PlainText
    answer: PlainText
    rules: list[Id] = []
    """Provisions shown under the answer, each with its article."""
    refs: list[LegalRef] = []
    ask: PlainText | None = None
    """Where part of the answer is not known: whom to ask."""
    see: list[PageRef] = []

    @model_validator(mode="after")
    def _cites_an_article(self) -> FaqEntry:
        if not self.rules and not any(ref.article for ref in self.refs):
            raise FieldProblem(("refs",), "an answer must cite its article: add rules or a ref with an article")
        return self


class FaqFile(Strict):
    questions: Annotated[list[FaqEntry], Field(min_length=1)]


# --- glossary.yaml ------------------------------------------------------------


class Term(Strict):
    id: Id
    term: PlainText
    aliases: list[PlainText] = []
    definition: PlainText
    legal_ref: LegalRef | None = None
    source: Url | None = None
    see: list[PageRef] = []


class GlossaryFile(Strict):
    terms: Annotated[list[Term], Field(min_length=1)]
# --- eligibility.yaml (the self-check: cong-cu/kiem-tra.md, macros/eligibility.py) ---

AnswerKey = Literal[
    "applicant", "purpose", "certificate", "release_date", "on_commune_list", "needs_loan",
    "same_purpose_debt", "establishment_type", "legally_operating", "total_workers",
    "qualifying_workers", "plan_confirmed",
]

ANSWER_CHOICES: dict[str, tuple] = {
    "applicant": ("individual", "establishment"),
    "purpose": ("training", "business"),
    "certificate": ("completion", "amnesty", "none"),
    "on_commune_list": (True, False),
    "needs_loan": (True, False),
    "same_purpose_debt": (True, False),
    "establishment_type": ("sme", "cooperative", "cooperative_group", "household_business", "other"),
    "legally_operating": (True, False),
    "plan_confirmed": (True, False),
}
"""Allowed values of each choice answer; `release_date` is a date, the worker counts whole numbers. None is "unknown"."""

Applicant = Literal["individual", "establishment"]
AnswerValue = Annotated[str, Field(pattern=r"^[a-z_]+$")] | bool | None

_PLACEHOLDER = re.compile(r"\{([a-z_]+)\}")


def _placeholders(value: str | None) -> set[str]:
    return set(_PLACEHOLDER.findall(value or ""))


def _unique_ids(records: list, list_name: str) -> None:
    seen: set[str] = set()
    for index, record in enumerate(records):
        if record.id in seen:
            raise FieldProblem((list_name, index, "id"), f"duplicate id {record.id!r}")
        seen.add(record.id)


class Basis(Strict):
    """Where a rule comes from: a provision of provisions.yaml, or a legal reference."""

    provision: Id | None = None
    legal_ref: LegalRef | None = None

    @model_validator(mode="after")
    def _exactly_one(self) -> Basis:
        if (self.provision is None) == (self.legal_ref is None):
            raise FieldProblem(("provision",), "give exactly one of provision (an id in provisions.yaml) or legal_ref")
        return self


class ReferralContact(Strict):
    """Whom a result sends a person to. Names a kind of office, never an address or phone number."""

    id: Id
    label: PlainText
    short: PlainText
    """A short name, e.g. for a line to write an address on."""
    agency: Id | None
    finder: bool = False
    """True when the office finder (cong-cu/tim-co-quan.md) shows this office for each commune."""


class ChoiceOption(Strict):
    label: PlainText
    set: Annotated[dict[AnswerKey, AnswerValue], Field(min_length=1)]

    @model_validator(mode="after")
    def _values_allowed(self) -> ChoiceOption:
        for key, value in self.set.items():
            allowed = ANSWER_CHOICES.get(key)
            if allowed is None or (value is not None and value not in allowed):
                raise FieldProblem(("set", key), f"{value!r} is not an allowed answer for {key} (allowed: {allowed})")
        return self


class Question(Strict):
    """One screen of the check: a choice, a date (day, month, year) or a whole number."""

    id: Id
    applicant: Applicant | Literal["any"]
    kind: Literal["choice", "date", "number"]
    title: PlainText
    hint: PlainText | None = None
    answer: AnswerKey | None = None
    """For date and number questions: the answer the field fills."""
    unknown_label: PlainText | None = None
    """For date and number questions: the button for "I do not know" (answer null)."""
    options: list[ChoiceOption] = []

    @model_validator(mode="after")
    def _kind_fits(self) -> Question:
        if self.kind == "choice":
            if len(self.options) < 2:
                raise FieldProblem(("options",), "a choice question needs at least two options")
            if self.answer is not None or self.unknown_label is not None:
                raise FieldProblem(("answer",), "a choice question sets answers through its options, not answer/unknown_label")
        else:
            if self.options:
                raise FieldProblem(("options",), f"a {self.kind} question has no options")
            if self.answer is None or self.unknown_label is None:
                raise FieldProblem(("answer",), f"a {self.kind} question needs answer and unknown_label")
            expected = "release_date" if self.kind == "date" else ("total_workers", "qualifying_workers")
            if self.answer not in expected:
                raise FieldProblem(("answer",), f"{self.answer!r} is not a {self.kind} answer")
        return self


class ConditionTest(Strict):
    """How an answer is judged. `one_of`: the answer is one of `accept`; `within_years`: as_of is no
    later than the same calendar day `fact` years after the date; `min_share`: `answer` is at least
    `fact` per cent of `of`."""

    kind: Literal["one_of", "within_years", "min_share"]
    answer: AnswerKey
    accept: list[str | bool] = []
    fact: Id | None = None
    of: AnswerKey | None = None

    @model_validator(mode="after")
    def _fields_fit_kind(self) -> ConditionTest:
        if self.kind == "one_of":
            allowed = ANSWER_CHOICES.get(self.answer)
            if allowed is None:
                raise FieldProblem(("answer",), f"{self.answer!r} is not a choice answer")
            if not self.accept:
                raise FieldProblem(("accept",), "list the accepted answers")
            for index, value in enumerate(self.accept):
                if value not in allowed:
                    raise FieldProblem(("accept", index), f"{value!r} is not an allowed answer for {self.answer}")
            if self.fact or self.of:
                raise FieldProblem(("fact",), "one_of takes no fact and no of")
        else:
            if self.fact is None:
                raise FieldProblem(("fact",), f"{self.kind} needs the fact that holds the figure")
            if self.accept:
                raise FieldProblem(("accept",), f"{self.kind} takes no accept list")
        if self.kind == "within_years" and (self.answer != "release_date" or self.of):
            raise FieldProblem(("answer",), "within_years reads release_date and takes no of")
        if self.kind == "min_share" and (self.answer, self.of) != ("qualifying_workers", "total_workers"):
            raise FieldProblem(("of",), "min_share compares qualifying_workers with total_workers")
        return self


CONDITION_PLACEHOLDERS = {
    "one_of": set(),
    "within_years": {"years", "deadline"},
    "min_share": {"share", "needed"},
}


class Condition(Basis):
    """One condition of Decision 22 and what the check says when it is met, not met or unknown."""

    id: Id
    applicant: Applicant
    test: ConditionTest
    rule: PlainText
    """The condition in one sentence, for the list of conditions (shown with and without JavaScript)."""
    met: PlainText
    not_met: PlainText
    unknown: PlainText
    """Said when the answer is null: what is not known and why it matters (never a bare "no")."""
    ask: Id
    """The contact (contacts[].id) who can answer when the answer is unknown."""
    if_not_met: PlainText | None = None
    """What the person can still do when the condition is not met."""
    not_yet: PlainText | None = None
    """within_years only: said when the date is after as_of (sentence not yet completed, or a typing slip)."""

    @model_validator(mode="after")
    def _texts_fit(self) -> Condition:
        allowed = CONDITION_PLACEHOLDERS[self.test.kind]
        if _placeholders(self.rule) - (allowed - {"deadline", "needed"}):
            raise FieldProblem(("rule",), "may only use {years} or {share}")
        for name in ("met", "not_met", "unknown", "if_not_met", "not_yet"):
            extra = _placeholders(getattr(self, name)) - allowed
            if extra:
                raise FieldProblem((name,), f"unknown placeholder {{{sorted(extra)[0]}}} (allowed here: {sorted(allowed) or 'none'})")
        if (self.test.kind == "within_years") != (self.not_yet is not None):
            raise FieldProblem(("not_yet",), "is needed for within_years conditions and only for them")
        return self


class Amount(Strict):
    """The maximum loan for one kind of borrower, from facts.yaml (the fact's period gives the legal
    reference), and whether security is needed."""

    id: Id
    applicant: Applicant
    purpose: Literal["training", "business"]
    fact: Id
    per_worker_fact: Id | None = None
    """Establishments: the cap per qualifying worker; the maximum is the smaller of both."""
    security: Basis
    security_above_fact: Id | None = None
    """Security is needed when the loan is above this amount; without it, no security is needed."""
    text: PlainText
    """The amount sentence; {amount} is the maximum in words and figures."""
    unknown: PlainText | None = None
    """Said when the maximum cannot be worked out from the answers (e.g. worker count unknown)."""
    security_text: PlainText
    """{threshold} is the security threshold where there is one."""

    @model_validator(mode="after")
    def _texts_fit(self) -> Amount:
        for name, allowed in (("text", {"amount"}), ("unknown", {"amount", "per_worker"}), ("security_text", {"threshold"})):
            extra = _placeholders(getattr(self, name)) - allowed
            if extra:
                raise FieldProblem((name,), f"unknown placeholder {{{sorted(extra)[0]}}} (allowed here: {sorted(allowed)})")
        if (self.per_worker_fact is None) != (self.unknown is None):
            raise FieldProblem(("unknown",), "is needed exactly when per_worker_fact is given")
        return self


class Outcome(Strict):
    id: Literal["eligible", "not_eligible", "check_with_office"]
    title: PlainText
    text: PlainText


class NextStep(Basis):
    """What to do next, by kind of borrower and outcome, and with whom (in the order listed)."""

    applicant: Applicant
    outcome: Literal["eligible", "not_eligible", "check_with_office"]
    text: PlainText
    contact: Id | None = None


class BasedText(Basis):
    text: PlainText


class EligibilityFile(Strict):
    contacts: Annotated[list[ReferralContact], Field(min_length=1)]
    questions: Annotated[list[Question], Field(min_length=1)]
    conditions: Annotated[list[Condition], Field(min_length=1)]
    amounts: Annotated[list[Amount], Field(min_length=1)]
    outcomes: Annotated[list[Outcome], Field(min_length=3, max_length=3)]
    next_steps: Annotated[list[NextStep], Field(min_length=1)]
    unknown_applicant: BasedText
    """Said when the kind of borrower is not known."""

    @model_validator(mode="after")
    def _consistent(self) -> EligibilityFile:
        for name in ("contacts", "questions", "conditions", "amounts"):
            _unique_ids(getattr(self, name), name)
        contacts = {c.id for c in self.contacts}
        for index, condition in enumerate(self.conditions):
            if condition.ask not in contacts:
                raise FieldProblem(("conditions", index, "ask"), f"unknown contact {condition.ask!r}")
        for index, step in enumerate(self.next_steps):
            if step.contact is not None and step.contact not in contacts:
                raise FieldProblem(("next_steps", index, "contact"), f"unknown contact {step.contact!r}")
        if sorted(o.id for o in self.outcomes) != ["check_with_office", "eligible", "not_eligible"]:
            raise FieldProblem(("outcomes",), "needs eligible, not_eligible and check_with_office once each")
        asked = {q.answer for q in self.questions if q.answer} | {k for q in self.questions for o in q.options for k in o.set}
        for index, condition in enumerate(self.conditions):
            for key in filter(None, (condition.test.answer, condition.test.of)):
                if key not in asked:
                    raise FieldProblem(("conditions", index, "test", "answer"), f"no question asks {key!r}")
        return self


# --- checklists.yaml (printable "Giấy tờ cần chuẩn bị" pages) -----------------


class ChecklistItem(Strict):
    """One line to tick. Only what a source gives; {value} shows `fact` (in force on the build day).
    The line cites its provision, or its legal_ref, or else the fact's own reference."""

    id: Id
    text: PlainText
    provision: Id | None = None
    legal_ref: LegalRef | None = None
    fact: Id | None = None

    @model_validator(mode="after")
    def _basis_and_value(self) -> ChecklistItem:
        if self.provision is not None and self.legal_ref is not None:
            raise FieldProblem(("legal_ref",), "give provision or legal_ref, not both")
        if self.provision is None and self.legal_ref is None and self.fact is None:
            raise FieldProblem(("provision",), "give the basis: provision, legal_ref or fact")
        if ("value" in _placeholders(self.text)) != (self.fact is not None):
            raise FieldProblem(("fact",), "give a fact exactly when the text has {value}")
        if _placeholders(self.text) - {"value"}:
            raise FieldProblem(("text",), "the only placeholder allowed is {value}")
        return self


class ChecklistSection(Strict):
    title: PlainText
    items: Annotated[list[ChecklistItem], Field(min_length=1)]


class Checklist(Strict):
    id: Id
    page: Annotated[str, Field(pattern=r"^[a-z0-9][a-z0-9/-]*\.md$")]
    intro: PlainText
    sections: Annotated[list[ChecklistSection], Field(min_length=1)]
    unverified: BasedText
    """What is not known (the bank's own dossier list) and its basis; shown as "chưa xác minh"."""
    guidance: Id
    """The bank's guidance document (legal_documents.yaml) that holds the full dossier list."""
    ask: Id
    """The contact (eligibility.yaml contacts[].id) for the items the site cannot list."""
    write_down: Annotated[list[Id], Field(min_length=1)]
    """Contacts to leave a line for, so a person can write the address they were given."""


class ChecklistsFile(Strict):
    checklists: Annotated[list[Checklist], Field(min_length=1)]

    @model_validator(mode="after")
    def _unique(self) -> ChecklistsFile:
        _unique_ids(self.checklists, "checklists")
        seen: set[str] = set()
        for index, checklist in enumerate(self.checklists):
            for s, section in enumerate(checklist.sections):
                for i, item in enumerate(section.items):
                    if item.id in seen:
                        raise FieldProblem(("checklists", index, "sections", s, "items", i, "id"), f"duplicate item id {item.id!r}")
                    seen.add(item.id)
        return self


# --- estimator.yaml (cong-cu/uoc-tinh.md, macros/estimator.py) -----------------


class RepaymentPeriod(Strict):
    """A choice of how often principal is repaid. Illustrative: the bank sets the real instalments."""

    id: Id
    months: Annotated[int, Field(ge=1, le=24)]
    label: PlainText


class BorrowerLimit(Strict):
    id: Id
    label: PlainText
    max_amount_fact: Id
    max_term_fact: Id


class EstimatorExample(Strict):
    """The schedule shown without JavaScript: the limit's maximum amount over `term_months`."""

    limit: Id
    term_months: Annotated[int, Field(ge=1, le=600)]
    period: Id


class EstimatorFile(Strict):
    rate_fact: Id
    periods: Annotated[list[RepaymentPeriod], Field(min_length=1)]
    limits: Annotated[list[BorrowerLimit], Field(min_length=1)]
    example: EstimatorExample
    note: PlainText
    """The "ước tính" warning shown with every schedule."""

    @model_validator(mode="after")
    def _references(self) -> EstimatorFile:
        _unique_ids(self.periods, "periods")
        _unique_ids(self.limits, "limits")
        if self.example.limit not in {l.id for l in self.limits}:
            raise FieldProblem(("example", "limit"), f"unknown limit {self.example.limit!r}")
        if self.example.period not in {p.id for p in self.periods}:
            raise FieldProblem(("example", "period"), f"unknown period {self.example.period!r}")
        return self


NATIONAL_FILES: dict[str, type[Strict]] = {
    "legal_documents.yaml": LegalDocumentsFile,
    "facts.yaml": FactsFile,
    "provisions.yaml": ProvisionsFile,
    "agencies.yaml": AgenciesFile,
    "milestones.yaml": MilestonesFile,
    "pages.yaml": PagesFile,
    "search_synonyms.yaml": SearchSynonymsFile,
    "responsibilities.yaml": ResponsibilitiesFile,
    "forms.yaml": FormsFile,
    "procedures.yaml": ProceduresFile,
    "faq.yaml": FaqFile,
    "glossary.yaml": GlossaryFile,
    "eligibility.yaml": EligibilityFile,
    "checklists.yaml": ChecklistsFile,
    "estimator.yaml": EstimatorFile,
    "duties.yaml": DeadlinesFile,
}

PROVINCE_FILES: dict[str, type[Strict]] = {
    "province.yaml": ProvinceFile,
    "communes.yaml": CommunesFile,
    "offices.yaml": OfficesFile,
    "deadlines.yaml": DeadlinesFile,
    "statistics.yaml": StatisticsFile,
}
