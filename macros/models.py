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

    @model_validator(mode="after")
    def _years_in_order(self) -> Programme:
        if self.last_year < self.first_year:
            raise FieldProblem(("last_year",), "is before first_year")
        return self


class ProvinceFile(Reviewed):
    id: Id
    name: PlainText
    full_name: PlainText
    ward_count: Annotated[int, Field(ge=0, le=1000)]
    commune_count: Annotated[int, Field(ge=0, le=1000)]
    units_basis: LegalRef
    units_since: datetime.date
    programme: Programme | None


# --- provinces/<slug>/communes.yaml ----------------------------------------


class Commune(Strict):
    id: Id
    name: PlainText
    type: Literal["phường", "xã", "đặc khu"]
    vbsp_office: Id | None = None


class CommunesFile(Reviewed):
    communes: Annotated[list[Commune], Field(min_length=1)]


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
    offices: Annotated[list[Office], Field(min_length=1)]


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
    duties: Annotated[list[Duty], Field(min_length=1)]


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
    figures: Annotated[list[Figure], Field(min_length=1)]


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


class Contact(Strict):
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
    contacts: list[Contact] = []


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
}

PROVINCE_FILES: dict[str, type[Strict]] = {
    "province.yaml": ProvinceFile,
    "communes.yaml": CommunesFile,
    "offices.yaml": OfficesFile,
    "deadlines.yaml": DeadlinesFile,
    "statistics.yaml": StatisticsFile,
}
