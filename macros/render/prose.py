"""Prose from data records: placeholders, statements with their basis, dated news.

Plain functions, no mkdocs. Data text always passes through `markup.text()`;
placeholders ({fact:ID}, {milestone:ID}, {duty:ID}) become values from data.
"""

from __future__ import annotations

import datetime

from macros import formatting as fmt
from macros.data import models, placeholders
from macros.data.dataset import Dataset
from macros.render.facts import fact_value, rate_since, rate_value
from macros.render.markup import UNCERTAIN_MARK, cite, link, paragraphs, text, unknown
from macros.rules import schedule as cal


def duty_timing(duty: models.Duty) -> str:
    """When a recurring duty falls, in words: "ngày 5 hằng tháng". Without an exact rule, the source's note."""
    if duty.rrule is None:
        return duty.timing_note or ""
    words = cal.rule_words(duty.rrule)
    return words[0].lower() + words[1:]


def expand(value: str, data: Dataset, on: datetime.date) -> str:
    """Data text as Markdown, with each placeholder replaced by the value it names."""
    out = []
    for part in placeholders.split(value):
        if isinstance(part, str):
            out.append(text(part))
            continue
        kind, ident = part
        if kind == "fact":
            out.append(fact_value(data, ident, on))
        elif kind == "milestone":
            out.append(fmt.date_vi(data.milestone(ident).date))
        elif kind == "duty":
            out.append(text(duty_timing(data.duties[ident])))
        else:
            raise KeyError(f"unknown placeholder {{{kind}:{ident}}}")
    return "".join(out)


def expand_paragraphs(value: str, data: Dataset, on: datetime.date) -> str:
    """A `models.Paragraphs` text as Markdown paragraphs, each expanded like `expand`."""
    return "\n\n".join(expand(part, data, on) for part in paragraphs(value))


def cites(refs: list[models.LegalRef], data: Dataset, from_page: str) -> str:
    """Citations joined for use in brackets: "khoản 1 Điều 3 ...; Điều 4 ..."."""
    return "; ".join(cite(ref, data, from_page) for ref in refs)


def basis(refs: list[models.LegalRef], source: str | None, data: Dataset, from_page: str) -> str:
    """ " (citations)" or " (theo nguồn)" after a sentence; empty when neither is given."""
    if refs:
        return f" ({cites(refs, data, from_page)})"
    if source:
        return f" ({link('nguồn', source)})"
    return ""


def statement(part: models.Statement, data: Dataset, on: datetime.date, from_page: str) -> str:
    """One part of a record: the text with its basis, an uncertain label, and what to ask where unknown."""
    out = []
    if part.text is not None:
        sentence = expand(part.text, data, on) + basis(part.refs, part.source, data, from_page)
        if part.status == "uncertain":
            sentence += f" {UNCERTAIN_MARK} {text(part.note or '')}"
        out.append(sentence)
    if part.ask is not None:
        out.append(unknown(expand(part.ask, data, on)))
    return " ".join(out)


# --- milestones and rates ----------------------------------------------------


def milestone_line(data: Dataset, milestone_id: str, on: datetime.date, from_page: str) -> str:
    """ "**01/12/2025** — Title. Text (basis)", marked as coming if the date is after `on`."""
    milestone = data.milestone(milestone_id)
    when = f"**{fmt.date_vi(milestone.date)}**"
    if milestone.date > on:
        when += " (sắp tới)"
    refs = [milestone.legal_ref] if milestone.legal_ref else []
    out = f"{when} — {text(milestone.title)}. {text(milestone.text)}{basis(refs, milestone.source, data, from_page)}"
    if milestone.status == "uncertain":
        out += f" {UNCERTAIN_MARK}"
    return out


def rate_summary(data: Dataset, on: datetime.date, from_page: str) -> str:
    """The rate in force in one sentence with both bases, for start pages."""
    rule = data.provision("interest-equals-poor-household")
    period = data.period_in_force("poor-household-lending-rate", on)
    out = (
        f"{rate_value(data, on)}. Lãi suất bằng lãi suất cho vay hộ nghèo ({cite(rule.legal_ref, data, from_page)}); "
        f"mức này {rate_since(data, on, from_page)}."
    )
    if period.status == "uncertain" and period.note:
        out += f" Vì sao chưa chắc chắn: {text(period.note)}"
    return out
