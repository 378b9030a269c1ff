"""The eligibility check of Decision 22: one rule set (data/eligibility.yaml), judged here in Python
and by docs/assets/kiem-tra.js in the browser from the same records, exported at build time.

`evaluate(answers, as_of)` returns a `Result`:

- `outcome`: "eligible", "eligible_pending_list", "not_eligible" or "check_with_office";
- `max_amount_vnd`: the maximum loan (for training loans: per month), or None when it cannot be
  worked out or the outcome is "not_eligible";
- `collateral_required`: whether borrowing `max_amount_vnd` needs security (Art. 10), or None when
  that cannot be worked out or the outcome is "not_eligible";
- `reasons`: one per condition of the applicant's kind (met, not met, unknown), then the amount and
  security rules, each with Vietnamese text and its legal reference;
- `next_steps`: what to do and with whom.

Decisions, documented here because the Decision does not spell them out:

- A null answer never gives "not_eligible". It gives "check_with_office", naming whom to ask.
  "not_eligible" comes only from an answer the person gave (e.g. "no certificate").
- "Not on the Form 01 list yet" is null, not false: the commune police draw the list up monthly
  for people who ask to borrow, so everyone starts off the list. `on_commune_list: false`
  means the commune police said the person is not put on it. The same holds for `plan_confirmed`.
- A condition marked `pending` in data/eligibility.yaml (the Form 01 list) is, when unknown, a step
  still to take, not a doubt: its reason has the status "pending". When every other condition is met,
  the outcome is "eligible_pending_list" (the next step: ask the commune police to be put on the
  list); another unknown answer still gives "check_with_office", and any "no" gives "not_eligible".
- A worker count above `MAX_WORKERS` is refused as a typing slip (the page says so), never judged.
- The five-year rule ("tối đa là 05 năm") is compared by calendar: the last day on which a person
  may borrow is the same day and month, that many years after the day the sentence was completed.
  Release on 28/11/2021 gives 28/11/2026 as the last day: exactly five years is "no more than five
  years", so it is still within. A release on 29 February ends on 28 February. A release date after
  `as_of` is treated as unknown (not yet completed, or a typing slip), never as "no".
- The share of qualifying workers is compared exactly in whole numbers:
  qualifying × 100 ≥ share × total.
- An establishment's maximum is the smaller of the cap per project and the cap per qualifying
  worker times the number of qualifying workers. Security is required when that maximum is above
  the threshold; individuals never need security.
- Figures are the values in force on `as_of` (data/facts.yaml). Before Decision 22 took effect there
  is no value in force and `evaluate` raises LookupError.
"""

from __future__ import annotations

import datetime
import math
import re
from dataclasses import dataclass
from typing import Any, Literal

from macros import formatting as fmt
from macros.data import models
from macros.data.dataset import Dataset

Outcome = models.OutcomeId
Status = Literal["met", "not_met", "unknown", "pending", "info"]

MAX_WORKERS = 100_000
"""The largest worker count the check accepts. Not a rule of the Decision: a bound for typing slips
(a count of 400 digits), far above any establishment's workforce; the page gets it with the rules."""

NUMBER_ANSWERS = ("total_workers", "qualifying_workers")
DATE_ANSWERS = ("release_date",)
ANSWER_KEYS = tuple(models.ANSWER_CHOICES) + NUMBER_ANSWERS + DATE_ANSWERS
_PLACEHOLDER = re.compile(r"\{([a-z_]+)\}")


@dataclass(frozen=True)
class Reason:
    id: str
    status: Status
    text: str
    legal_ref: models.LegalRef
    citation: str
    """The reference in words: "điểm a khoản 2 Điều 3 Quyết định 22/2023/QĐ-TTg"."""
    ask: str | None = None
    """Whom to ask, when the answer is unknown."""
    then: str | None = None
    """What the person can still do, when the condition is not met."""


@dataclass(frozen=True)
class Step:
    text: str
    contact: str | None
    legal_ref: models.LegalRef
    citation: str


@dataclass(frozen=True)
class Result:
    outcome: Outcome
    title: str
    summary: str
    max_amount_vnd: int | None
    amount_per: Literal["month", "loan"] | None
    collateral_required: bool | None
    reasons: tuple[Reason, ...]
    next_steps: tuple[Step, ...]

    def reason(self, reason_id: str) -> Reason:
        return next(r for r in self.reasons if r.id == reason_id)


# --- answers ---------------------------------------------------------------


def normalise(answers: dict[str, Any]) -> dict[str, Any]:
    """Check the answers and return them with every key present (missing = None = unknown).

    Raises ValueError for an unknown key, a value outside its choices, or impossible numbers.
    """
    unknown_keys = sorted(set(answers) - set(ANSWER_KEYS))
    if unknown_keys:
        raise ValueError(f"unknown answer key(s) {unknown_keys}; known keys: {list(ANSWER_KEYS)}")
    out: dict[str, Any] = {key: answers.get(key) for key in ANSWER_KEYS}
    for key, allowed in models.ANSWER_CHOICES.items():
        value = out[key]
        if value is None:
            continue
        wants_bool = isinstance(allowed[0], bool)
        if wants_bool != isinstance(value, bool) or value not in allowed:
            raise ValueError(f"{key}={value!r} is not one of {allowed} or None")
    date = out["release_date"]
    if isinstance(date, str):
        try:
            date = datetime.date.fromisoformat(date)
        except ValueError:
            raise ValueError(f"release_date={date!r} is not a date (YYYY-MM-DD)") from None
    if isinstance(date, datetime.datetime):
        date = date.date()
    if date is not None and not isinstance(date, datetime.date):
        raise ValueError(f"release_date={date!r} is not a date")
    out["release_date"] = date
    for key in NUMBER_ANSWERS:
        value = out[key]
        if value is not None and (isinstance(value, bool) or not isinstance(value, int) or value < 0):
            raise ValueError(f"{key}={value!r} must be a whole number ≥ 0 or None")
        if value is not None and value > MAX_WORKERS:
            raise ValueError(f"{key}={value!r} is more than {MAX_WORKERS} (a typing slip)")
    total, qualifying = out["total_workers"], out["qualifying_workers"]
    if total == 0:
        raise ValueError("total_workers must be at least 1")
    if total is not None and qualifying is not None and qualifying > total:
        raise ValueError(f"qualifying_workers ({qualifying}) cannot exceed total_workers ({total})")
    return out


# --- calendar ----------------------------------------------------------------


def add_years(day: datetime.date, years: int) -> datetime.date:
    """The same day and month `years` later; 29 February becomes 28 February."""
    try:
        return day.replace(year=day.year + years)
    except ValueError:
        return day.replace(year=day.year + years, day=28)


def last_day_to_borrow(release: datetime.date, years: int) -> datetime.date:
    """Release on 28/11/2021 with 5 years: 28/11/2026 is still within "no more than 5 years"."""
    return add_years(release, years)


# --- money in words, the same way the browser writes it ---------------------


def money_words(amount: int) -> str:
    """ "100 triệu đồng (100.000.000 đồng)" when exact in words, else "123.456.789 đồng"."""
    exact = (amount >= 10**9 and amount % 10**8 == 0) or (10**6 <= amount < 10**9 and amount % 10**5 == 0)
    return f"{fmt.money_words_vi(amount)} ({fmt.money_vi(amount)})" if exact else fmt.money_vi(amount)


def money_short(amount: int) -> str:
    exact = (amount >= 10**9 and amount % 10**8 == 0) or (10**6 <= amount < 10**9 and amount % 10**5 == 0)
    return fmt.money_words_vi(amount) if exact else fmt.money_vi(amount)


def fill(text: str, values: dict[str, str]) -> str:
    return _PLACEHOLDER.sub(lambda m: values[m.group(1)], text)


# --- the engine ----------------------------------------------------------------


def basis_ref(basis: models.Basis, data: Dataset) -> models.LegalRef:
    return data.provision(basis.provision).legal_ref if basis.provision else basis.legal_ref


def _judge(
    condition: models.Condition, answers: dict[str, Any], as_of: datetime.date, data: Dataset
) -> tuple[Status, str]:
    """The status of one condition and the sentence that explains it."""
    test = condition.test
    value = answers[test.answer]
    if test.kind == "one_of":
        if value is None:
            return ("pending" if condition.pending else "unknown"), condition.unknown
        return ("met", condition.met) if value in test.accept else ("not_met", condition.not_met)
    fact = data.fact(test.fact)
    figure = data.value_in_force(test.fact, as_of)
    values = {"years": fmt.quantity_vi(figure, fact.unit), "share": fmt.quantity_vi(figure, fact.unit)}
    if test.kind == "within_years":
        if value is None:
            return "unknown", fill(condition.unknown, values)
        if value > as_of:
            return "unknown", fill(condition.not_yet, values)
        deadline = last_day_to_borrow(value, int(figure))
        values["deadline"] = fmt.date_vi(deadline)
        return (
            ("met", fill(condition.met, values)) if as_of <= deadline else ("not_met", fill(condition.not_met, values))
        )
    total = answers[test.of]
    if value is None or total is None:
        return "unknown", fill(condition.unknown, values)
    values["needed"] = str(math.ceil(figure * total / 100))
    return (
        ("met", fill(condition.met, values))
        if value * 100 >= figure * total
        else ("not_met", fill(condition.not_met, values))
    )


def max_amount(rule: models.Amount, qualifying_workers: int | None, as_of: datetime.date, data: Dataset) -> int | None:
    """The most one may borrow under `rule` on `as_of`: the fact's maximum; for an establishment
    (a cap per qualifying worker), the smaller of that and the cap times `qualifying_workers`, or
    None when their number is not known. The estimator caps its amount with the same function."""
    top = int(data.value_in_force(rule.fact, as_of))
    if rule.per_worker_fact is None:
        return top
    if qualifying_workers is None:
        return None
    return min(top, int(data.value_in_force(rule.per_worker_fact, as_of)) * qualifying_workers)


def needs_security(rule: models.Amount, amount: int, as_of: datetime.date, data: Dataset) -> bool:
    """Borrowing `amount` under `rule` needs security when it is above the rule's threshold; a
    rule without a threshold (individuals) never does."""
    return rule.security_above_fact is not None and amount > data.value_in_force(rule.security_above_fact, as_of)


def _amount(rules: models.EligibilityFile, answers: dict[str, Any], as_of: datetime.date, data: Dataset):
    """(max amount, per, collateral, reasons) for the applicant; None where it cannot be worked out."""
    applicant = answers["applicant"]
    candidates = [
        r
        for r in rules.amounts
        if r.applicant == applicant and (applicant == "establishment" or answers["purpose"] in (None, r.purpose))
    ]
    reasons: list[Reason] = []
    amount = per = collateral = None
    if len(candidates) == 1:
        rule = candidates[0]
        fact = data.fact(rule.fact)
        period = data.period_in_force(rule.fact, as_of)
        per = "month" if fact.unit == "vnd_per_month" else "loan"
        amount = max_amount(rule, answers["qualifying_workers"], as_of, data)
        if amount is not None:
            text = fill(rule.text, {"amount": money_words(amount)})
        else:
            per_worker = int(data.value_in_force(rule.per_worker_fact, as_of))
            text = fill(rule.unknown, {"amount": money_short(int(period.value)), "per_worker": money_short(per_worker)})
        reasons.append(Reason("amount", "info", text, period.legal_ref, data.ref_words(period.legal_ref)))
    if candidates and all(r.security_above_fact is None for r in candidates):
        collateral = False
    elif len(candidates) == 1 and amount is not None:
        collateral = needs_security(candidates[0], amount, as_of, data)
    if candidates:
        rule = candidates[0]
        threshold = (
            {"threshold": money_short(int(data.value_in_force(rule.security_above_fact, as_of)))}
            if rule.security_above_fact
            else {}
        )
        ref = basis_ref(rule.security, data)
        reasons.append(Reason("security", "info", fill(rule.security_text, threshold), ref, data.ref_words(ref)))
    return amount, per, collateral, reasons


def _outcome(statuses: set[str]) -> Outcome:
    """Any "no" decides; then any doubt; then a step still to take; else every condition is met."""
    if "not_met" in statuses:
        return "not_eligible"
    if "unknown" in statuses:
        return "check_with_office"
    return "eligible_pending_list" if "pending" in statuses else "eligible"


def evaluate(answers: dict[str, Any], as_of: datetime.date, data: Dataset) -> Result:
    """Judge `answers` (keys as in data/eligibility.yaml; missing or None = unknown) on day `as_of`."""
    if isinstance(as_of, datetime.datetime):
        as_of = as_of.date()
    rules = data.eligibility
    answers = normalise(answers)
    applicant = answers["applicant"]
    contacts = {c.id: c.label for c in rules.contacts}
    reasons: list[Reason] = []
    if applicant is None:
        note = rules.unknown_applicant
        ref = basis_ref(note, data)
        reasons.append(Reason("applicant", "unknown", note.text, ref, data.ref_words(ref)))
    for condition in rules.conditions:
        if condition.applicant != applicant:
            continue
        status, text = _judge(condition, answers, as_of, data)
        ref = basis_ref(condition, data)
        reasons.append(
            Reason(
                condition.id,
                status,
                text,
                ref,
                data.ref_words(ref),
                ask=contacts[condition.ask] if status in ("unknown", "pending") else None,
                then=condition.if_not_met if status == "not_met" else None,
            )
        )
    outcome = _outcome({r.status for r in reasons})
    amount = per = collateral = None
    if outcome != "not_eligible" and applicant is not None:
        amount, per, collateral, extra = _amount(rules, answers, as_of, data)
        reasons += extra
    steps = []
    for step in rules.next_steps:
        if step.applicant == applicant and step.outcome == outcome:
            ref = basis_ref(step, data)
            steps.append(Step(step.text, contacts.get(step.contact), ref, data.ref_words(ref)))
    heading = next(o for o in rules.outcomes if o.id == outcome)
    return Result(
        outcome,
        heading.title,
        heading.text,
        amount,
        per if amount is not None else None,
        collateral,
        tuple(reasons),
        tuple(steps),
    )
