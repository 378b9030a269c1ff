"""The guidance files: pages.yaml, search_synonyms.yaml, forms.yaml, procedures.yaml, faq.yaml, glossary.yaml."""

from __future__ import annotations

from typing import Annotated, Literal

from pydantic import Field, model_validator

from macros.data.models.base import (
    PAGE_PATTERN,
    AgencyId,
    CheckedOn,
    DocumentId,
    FieldProblem,
    Id,
    Key,
    LegalRef,
    Name,
    PagePath,
    Paragraphs,
    PlainText,
    ProvisionId,
    RefersTo,
    Reviewed,
    Status,
    Strict,
    Title,
    Url,
)

# --- pages.yaml --------------------------------------------------------------


class PageReview(Strict):
    """When a page was last checked against its sources, and which sources those are."""

    path: Annotated[str, Field(pattern=PAGE_PATTERN), Key("page")]
    reviewed_on: CheckedOn
    documents: list[DocumentId] = []
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
    id: Annotated[Id, Key("synonym")]
    site_term: Name
    everyday: Annotated[list[Name], Field(min_length=1, max_length=30)]


class SearchSynonymsFile(Strict):
    synonyms: Annotated[list[Synonym], Field(min_length=1)]


# --- shared by forms.yaml and procedures.yaml --------------------------------

FormId = Annotated[Id, RefersTo("forms.yaml#forms")]
ProcedureId = Annotated[Id, RefersTo("procedures.yaml#procedures")]


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
    label: Title


# --- forms.yaml ---------------------------------------------------------------


class Form(Reviewed):
    """A form attached to a legal document. The site describes it; it never draws its layout."""

    id: Annotated[Id, Key("form")]
    number: Name
    title: Title
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
    who: Title
    body: AgencyId | None = None
    """The agency that acts (agencies.yaml), where it is one."""


class DossierItem(Strict):
    name: Title
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
    ids: list[FormId]
    ask: PlainText | None = None
    """Other forms (e.g. the bank's own) that no source shows: whom to ask."""


class ProcedureContact(Strict):
    """Whom to call: an agency (agencies.yaml); the page lists the province's offices of that agency."""

    body: AgencyId
    why: PlainText


class Procedure(Reviewed):
    """An administrative procedure in the 12-part TTHC order (Decree 63/2010/NĐ-CP, Art. 8(2))."""

    id: Annotated[Id, Key("procedure")]
    name: Title
    page: PagePath
    audience: Literal["individual", "establishment", "officials"]
    domain: Title
    """Lĩnh vực, as the national portal names it."""
    level: Title
    steps: Annotated[list[Step], Field(min_length=1)]
    channels: Statement
    dossier: Dossier
    processing_time: Statement
    applicants: Statement
    bodies: Statement
    result: Statement
    fees: Statement
    forms: FormsPart
    conditions: Annotated[list[ProvisionId], Field(min_length=1)]
    legal_basis: Annotated[list[LegalRef], Field(min_length=1)]
    related: list[ProcedureId] = []
    contacts: list[ProcedureContact] = []


class ProceduresFile(Strict):
    procedures: Annotated[list[Procedure], Field(min_length=1)]


# --- faq.yaml -----------------------------------------------------------------

FaqTopic = Literal["duoc-vay", "bao-nhieu", "giay-to", "den-dau", "can-bo"]
"""The reader's four questions (can I borrow, how much, what to bring, where to go), then officials'."""


class FaqEntry(Strict):
    """A question people ask, answered in plain words. Figures are placeholders: {fact:ID}."""

    id: Annotated[Id, Key("question")]
    topic: FaqTopic
    question: Title
    answer: Paragraphs
    """One paragraph, or several with a blank line between two."""
    rules: list[ProvisionId] = []
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
    id: Annotated[Id, Key("term")]
    term: Name
    aliases: Annotated[list[Name], Field(max_length=20)] = []
    gloss: PlainText | None = None
    """A few plain words, shown in brackets where a page first uses the term (with a link here)."""
    definition: Paragraphs
    """One paragraph, or several with a blank line between two."""
    legal_ref: LegalRef | None = None
    source: Url | None = None
    see: list[PageRef] = []


class GlossaryFile(Strict):
    terms: Annotated[list[Term], Field(min_length=1)]
