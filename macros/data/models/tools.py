"""The tools' files: eligibility.yaml (the self-check), checklists.yaml, estimator.yaml."""

from __future__ import annotations

import re
from typing import Annotated, Literal

from pydantic import Field, model_validator

from macros.data.models.base import (
    AgencyId,
    DocumentId,
    FactId,
    FieldProblem,
    Id,
    Key,
    LegalRef,
    PagePath,
    PlainText,
    ProvisionId,
    RefersTo,
    Status,
    Strict,
    Title,
    Url,
)

# --- eligibility.yaml (the self-check: cong-cu/kiem-tra.md, docs/assets/kiem-tra.js) ---

AnswerKey = Literal[
    "applicant",
    "purpose",
    "certificate",
    "release_date",
    "on_commune_list",
    "needs_loan",
    "same_purpose_debt",
    "establishment_type",
    "legally_operating",
    "total_workers",
    "qualifying_workers",
    "plan_confirmed",
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


ContactId = Annotated[Id, RefersTo("eligibility.yaml#contacts")]
LimitId = Annotated[Id, RefersTo("estimator.yaml#limits")]
AmountRuleId = Annotated[Id, RefersTo("eligibility.yaml#amounts")]
ChecklistId = Annotated[Id, RefersTo("checklists.yaml#checklists")]
TermId = Annotated[Id, RefersTo("glossary.yaml#terms")]
PeriodId = Annotated[Id, RefersTo("estimator.yaml#periods")]


class Basis(Strict):
    """Where a rule comes from: a provision of provisions.yaml, or a legal reference."""

    provision: ProvisionId | None = None
    legal_ref: LegalRef | None = None

    @model_validator(mode="after")
    def _exactly_one(self) -> Basis:
        if (self.provision is None) == (self.legal_ref is None):
            raise FieldProblem(("provision",), "give exactly one of provision (an id in provisions.yaml) or legal_ref")
        return self


class ReferralContact(Strict):
    """Whom a result sends a person to. Names a kind of office, never an address or phone number."""

    id: Annotated[Id, Key("contact")]
    label: Title
    short: Title
    """A short name, e.g. for a line to write an address on."""
    agency: AgencyId | None
    finder: bool = False
    """True when the office finder (cong-cu/tim-co-quan.md) shows this office for each commune."""


class ChoiceOption(Strict):
    label: Title
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

    id: Annotated[Id, Key("question")]
    applicant: Applicant | Literal["any"]
    kind: Literal["choice", "date", "number"]
    title: Title
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
                raise FieldProblem(
                    ("answer",), "a choice question sets answers through its options, not answer/unknown_label"
                )
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
    fact: FactId | None = None
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


PendingOutcome = Literal["eligible_pending_list", "eligible_pending_plan"]
"""The outcomes of a step still to take (a condition's `pending`)."""


class Condition(Basis):
    """One condition of Decision 22 and what the check says when it is met, not met or unknown."""

    id: Annotated[Id, Key("condition")]
    applicant: Applicant
    test: ConditionTest
    rule: PlainText
    """The condition in one sentence, for the list of conditions (shown with and without JavaScript)."""
    met: PlainText
    not_met: PlainText
    unknown: PlainText
    """Said when the answer is null: what is not known and why it matters (never a bare "no")."""
    ask: ContactId
    """The contact (contacts[].id) who can answer when the answer is unknown."""
    if_not_met: PlainText | None = None
    """What the person can still do when the condition is not met."""
    not_yet: PlainText | None = None
    """within_years only: said when the date is after as_of (sentence not yet completed, or a typing slip)."""
    pending: PendingOutcome | None = None
    """The outcome when an unknown answer is a step still to take rather than a doubt: nobody is on
    the commune's Form 01 list before asking to be put on it (eligible_pending_list), and no plan is
    confirmed before it is taken to the commune committee (eligible_pending_plan). When every other
    condition is met, that is the outcome, and `unknown` says what to do."""

    @model_validator(mode="after")
    def _texts_fit(self) -> Condition:
        allowed = CONDITION_PLACEHOLDERS[self.test.kind]
        if _placeholders(self.rule) - (allowed - {"deadline", "needed"}):
            raise FieldProblem(("rule",), "may only use {years} or {share}")
        for name in ("met", "not_met", "unknown", "if_not_met", "not_yet"):
            extra = _placeholders(getattr(self, name)) - allowed
            if extra:
                raise FieldProblem(
                    (name,), f"unknown placeholder {{{sorted(extra)[0]}}} (allowed here: {sorted(allowed) or 'none'})"
                )
        if (self.test.kind == "within_years") != (self.not_yet is not None):
            raise FieldProblem(("not_yet",), "is needed for within_years conditions and only for them")
        if self.pending and self.test.kind != "one_of":
            raise FieldProblem(("pending",), "only a one_of condition can be a step still to take")
        return self


class Amount(Strict):
    """The maximum loan for one kind of borrower, from facts.yaml (the fact's period gives the legal
    reference), and whether security is needed."""

    id: Annotated[Id, Key("amount")]
    applicant: Applicant
    purpose: Literal["training", "business"]
    fact: FactId
    per_worker_fact: FactId | None = None
    """Establishments: the cap per qualifying worker; the maximum is the smaller of both."""
    security: Basis
    security_above_fact: FactId | None = None
    """Security is needed when the loan is above this amount; without it, no security is needed."""
    text: PlainText
    """The amount sentence; {amount} is the maximum in words and figures."""
    unknown: PlainText | None = None
    """Said when the maximum cannot be worked out from the answers (e.g. worker count unknown)."""
    security_text: PlainText
    """{threshold} is the security threshold where there is one."""
    papers: ChecklistId
    """The printable list of papers for this loan (checklists.yaml), linked from the check's result."""

    @model_validator(mode="after")
    def _texts_fit(self) -> Amount:
        for name, allowed in (
            ("text", {"amount"}),
            ("unknown", {"amount", "per_worker"}),
            ("security_text", {"threshold"}),
        ):
            extra = _placeholders(getattr(self, name)) - allowed
            if extra:
                raise FieldProblem(
                    (name,), f"unknown placeholder {{{sorted(extra)[0]}}} (allowed here: {sorted(allowed)})"
                )
        if (self.per_worker_fact is None) != (self.unknown is None):
            raise FieldProblem(("unknown",), "is needed exactly when per_worker_fact is given")
        return self


OutcomeId = Literal["eligible", "eligible_pending_list", "eligible_pending_plan", "not_eligible", "check_with_office"]
OUTCOME_IDS: tuple[str, ...] = OutcomeId.__args__


class Outcome(Strict):
    id: OutcomeId
    title: Title
    text: PlainText


class NextStep(Basis):
    """What to do next, by kind of borrower and outcome, and with whom (in the order listed)."""

    applicant: Applicant
    outcome: OutcomeId
    text: PlainText
    contact: ContactId | None = None


class BasedText(Basis):
    text: PlainText


class EligibilityFile(Strict):
    contacts: Annotated[list[ReferralContact], Field(min_length=1)]
    questions: Annotated[list[Question], Field(min_length=1)]
    conditions: Annotated[list[Condition], Field(min_length=1)]
    amounts: Annotated[list[Amount], Field(min_length=1)]
    outcomes: Annotated[list[Outcome], Field(min_length=5, max_length=5)]
    next_steps: Annotated[list[NextStep], Field(min_length=1)]
    unknown_applicant: BasedText
    """Said when the kind of borrower is not known."""

    @model_validator(mode="after")
    def _consistent(self) -> EligibilityFile:
        if sorted(o.id for o in self.outcomes) != sorted(OUTCOME_IDS):
            raise FieldProblem(("outcomes",), f"needs {', '.join(OUTCOME_IDS)} once each")
        asked = {q.answer for q in self.questions if q.answer} | {
            k for q in self.questions for o in q.options for k in o.set
        }
        for index, condition in enumerate(self.conditions):
            for key in filter(None, (condition.test.answer, condition.test.of)):
                if key not in asked:
                    raise FieldProblem(("conditions", index, "test", "answer"), f"no question asks {key!r}")
        return self


# --- checklists.yaml (printable "Giấy tờ cần chuẩn bị" pages) -----------------


class ChecklistItem(Strict):
    """One paper or form to tick. Only what a source gives; {value} shows `fact` (in force on the
    build day). The line cites its provision, or its legal_ref, or else the fact's own reference; an
    item no legal text names (the bank's general forms) gives its `source` instead. A paper people
    expect but no source names for this loan gives `unsourced` (why, and whom to ask) and no basis."""

    id: Annotated[Id, Key("checklist item")]
    text: PlainText
    provision: ProvisionId | None = None
    legal_ref: LegalRef | None = None
    fact: FactId | None = None
    source: Url | None = None
    source_name: PlainText | None = None
    """How a reader would name `source` ("Cổng Dịch vụ công quốc gia, ...")."""
    status: Status = "verified"
    """`uncertain`: a source says so, but not for this loan (its section's `note` says why). An item
    that rests on an uncertain provision is uncertain too."""
    unsourced: PlainText | None = None
    """Said in the item's sources: no source names this paper for this loan, and whom to ask."""

    @model_validator(mode="after")
    def _basis_and_value(self) -> ChecklistItem:
        if self.unsourced is not None:
            if any(getattr(self, k) is not None for k in ("provision", "legal_ref", "fact", "source")):
                raise FieldProblem(("unsourced",), "an unsourced paper gives no basis")
            if self.status != "verified":
                raise FieldProblem(("status",), "an unsourced paper is marked by `unsourced` alone")
        elif self.provision is not None and self.legal_ref is not None:
            raise FieldProblem(("legal_ref",), "give provision or legal_ref, not both")
        if (
            self.unsourced is None
            and self.provision is None
            and self.legal_ref is None
            and self.fact is None
            and self.source is None
        ):
            raise FieldProblem(("provision",), "give the basis: provision, legal_ref, fact or source")
        if self.source_name is not None and self.source is None:
            raise FieldProblem(("source_name",), "names a source: give source (its URL) too")
        if ("value" in _placeholders(self.text)) != (self.fact is not None):
            raise FieldProblem(("fact",), "give a fact exactly when the text has {value}")
        if _placeholders(self.text) - {"value"}:
            raise FieldProblem(("text",), "the only placeholder allowed is {value}")
        return self


class ChecklistSection(Strict):
    title: Title
    note: PlainText | None = None
    """Said once under the title: e.g. why its items are not certain for this loan."""
    items: Annotated[list[ChecklistItem], Field(min_length=1)]

    @model_validator(mode="after")
    def _uncertain_items_explained(self) -> ChecklistSection:
        if self.note is None and any(item.status == "uncertain" for item in self.items):
            raise FieldProblem(("note",), "a section with uncertain items needs a note saying why")
        return self


class Checklist(Strict):
    id: Annotated[Id, Key("checklist")]
    page: PagePath
    intro: PlainText
    sections: Annotated[list[ChecklistSection], Field(min_length=1)]
    unverified: BasedText
    """What is not known (the bank's own dossier list) and its basis; shown as "chưa xác minh"."""
    guidance: DocumentId
    """The bank's guidance document (legal_documents.yaml) that holds the full dossier list."""
    ask: ContactId
    """The contact (eligibility.yaml contacts[].id) for the items the site cannot list."""
    write_down: Annotated[list[ContactId], Field(min_length=1)]
    """Contacts to leave a line for, so a person can write the address they were given."""


class ChecklistsFile(Strict):
    checklists: Annotated[list[Checklist], Field(min_length=1)]


# --- estimator.yaml (cong-cu/uoc-tinh.md, macros/rules/estimator.py) -----------


class RepaymentPeriod(Strict):
    """A choice of how often principal is repaid. Illustrative: the bank sets the real instalments."""

    id: Annotated[Id, Key("period")]
    months: Annotated[int, Field(ge=1, le=24)]
    label: Title


class BorrowerLimit(Strict):
    id: Annotated[Id, Key("limit")]
    label: Title
    amount: AmountRuleId
    """The check's amount rule (eligibility.yaml amounts[].id) for a business loan: the maximum, the
    cap per qualifying worker where there is one, and when the loan needs security."""
    max_term_fact: FactId


class EstimatorExample(Strict):
    """The schedule shown without JavaScript: the limit's maximum amount over `term_months`."""

    limit: LimitId
    term_months: Annotated[int, Field(ge=1, le=600)]
    period: PeriodId


class EstimatorFile(Strict):
    rate_fact: FactId
    periods: Annotated[list[RepaymentPeriod], Field(min_length=1)]
    limits: Annotated[list[BorrowerLimit], Field(min_length=1)]
    example: EstimatorExample
    note: PlainText
    """The "ước tính" warning shown with every schedule."""
    security_term: TermId
    """The glossary's entry for "bảo đảm tiền vay", linked and glossed where the estimate says
    whether the loan needs it."""
