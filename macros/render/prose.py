"""Prose from data records: placeholders, statements with their basis, dated news.

Plain functions, no mkdocs. Data text always passes through `markup.text()`;
placeholders ({fact:ID}, {milestone:ID}, {duty:ID}) become values from data.
"""

from __future__ import annotations

import datetime

from macros import formatting as fmt
from macros.data import models, placeholders
from macros.data.dataset import Dataset
from macros.render.duty_words import rule_words
from macros.render.facts import (
    NOT_ONLY_POOR,
    RATE_FACT,
    RELIEF_FACT,
    fact_value,
    rate_source,
    rate_value,
    relief_known_from,
)
from macros.render.markup import cite, link, paragraphs, text, uncertain_label, uncertain_mark, unknown


def duty_timing(duty: models.Duty) -> str:
    """When a recurring duty falls, in words: "ngày 5 hằng tháng". Without an exact rule, the source's note."""
    if duty.rrule is None:
        return duty.timing_note or ""
    words = rule_words(duty.rrule)
    return words[0].lower() + words[1:]


def expand(value: str, data: Dataset, on: datetime.date, from_page: str) -> str:
    """Data text as Markdown, with each placeholder replaced by the value it names."""
    out = []
    for part in placeholders.split(value):
        if isinstance(part, str):
            out.append(text(part))
            continue
        kind, ident = part
        if kind == "fact":
            out.append(fact_value(data, ident, on, from_page))
        elif kind == "milestone":
            out.append(fmt.date_vi(data.milestone(ident).date))
        elif kind == "duty":
            out.append(text(duty_timing(data.duties[ident])))
        else:
            raise KeyError(f"unknown placeholder {{{kind}:{ident}}}")
    return "".join(out)


def expand_paragraphs(value: str, data: Dataset, on: datetime.date, from_page: str) -> str:
    """A `models.Paragraphs` text as Markdown paragraphs, each expanded like `expand`."""
    return "\n\n".join(expand(part, data, on, from_page) for part in paragraphs(value))


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
        sentence = expand(part.text, data, on, from_page) + basis(part.refs, part.source, data, from_page)
        if part.status == "uncertain":
            sentence += f" {uncertain_label(part.note, from_page)}"
        out.append(sentence)
    if part.ask is not None:
        out.append(unknown(from_page, expand(part.ask, data, on, from_page)))
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
        out += f" {uncertain_mark(from_page)}"
    return out


def rate_summary(data: Dataset, on: datetime.date, from_page: str) -> str:
    """The rate in force in plain words, for start pages: the value, since when, what it equals.
    Its bases go in the page's "Căn cứ" block (`basis_block`)."""
    period = data.period_in_force(RATE_FACT, on)
    out = (
        f"{rate_value(data, on, from_page)}, áp dụng từ ngày {fmt.date_vi(period.effective_from)} "
        f"(theo {rate_source(period)}). Lãi suất này bằng lãi suất cho vay hộ nghèo. {text(NOT_ONLY_POOR)}"
    )
    if period.status == "uncertain" and period.note:
        out += f" {text(period.note)}"
    relief = relief_summary(data, on, from_page)
    return out + (f" {relief}" if relief else "")


def relief_summary(data: Dataset, on: datetime.date, from_page: str) -> str:
    """The storm relief in one plain sentence while it is in force (its basis: the Quy định page)."""
    try:
        fact = data.fact(RELIEF_FACT)
    except KeyError:
        return ""
    period = fact.periods[-1]
    if not (relief_known_from(data, period) <= on and (period.effective_to is None or on <= period.effective_to)):
        return ""
    out = (
        f"Từ ngày {fmt.date_vi(period.effective_from)} đến ngày {fmt.date_vi(period.effective_to)}, người vay ở vùng bị "
        f"ảnh hưởng của bão được giảm thêm {text(fmt.quantity_vi(period.value, fact.unit))}."
    )
    if period.status == "uncertain":
        out += f" {uncertain_label(period.note, from_page)}"
    return out
