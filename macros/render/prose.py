"""Prose from data records: placeholders, statements with their basis, dated news (templates/prose.md).

Plain functions, no mkdocs. Placeholders ({fact:ID}, {milestone:ID}, {duty:ID}) become values
from data; the text around them stays inert (`Md` joins escape every piece that is not a fragment).
"""

from __future__ import annotations

import datetime
from typing import Any

from macros import formatting as fmt
from macros.data import models, placeholders
from macros.data.dataset import Dataset
from macros.render import facts
from macros.render.duty_words import rule_words
from macros.render.markup import Md, markdown, paragraphs

TEMPLATE = "prose.md"


def _md(data: Dataset, on: datetime.date | None, from_page: str, macro: str, *args: Any) -> Md:
    return markdown(TEMPLATE, macro, {"data": data, "on": on, "from_page": from_page}, *args)


def duty_timing(duty: models.Duty) -> str:
    """When a recurring duty falls, in words: "ngày 5 hằng tháng". Without an exact rule, the source's note."""
    if duty.rrule is None:
        return duty.timing_note or ""
    words = rule_words(duty.rrule)
    return words[0].lower() + words[1:]


def expand(value: str, data: Dataset, on: datetime.date, from_page: str) -> Md:
    """Data text as Markdown, with each placeholder replaced by the value it names."""
    out: list[str | Md] = []
    for part in placeholders.split(value):
        if isinstance(part, str):
            out.append(part)
            continue
        kind, ident = part
        if kind == "fact":
            out.append(facts.fact_value(data, ident, on, from_page))
        elif kind == "milestone":
            out.append(fmt.date_vi(data.milestone(ident).date))
        elif kind == "duty":
            out.append(duty_timing(data.duties[ident]))
        else:
            raise KeyError(f"unknown placeholder {{{kind}:{ident}}}")
    return Md("").join(out)


def expand_paragraphs(value: str, data: Dataset, on: datetime.date, from_page: str) -> Md:
    """A `models.Paragraphs` text as Markdown paragraphs, each expanded like `expand`."""
    return Md("\n\n").join(expand(part, data, on, from_page) for part in paragraphs(value))


def cites(refs: list[models.LegalRef], data: Dataset, from_page: str) -> Md:
    """Citations joined for use in brackets: "khoản 1 Điều 3 ...; Điều 4 ..."."""
    return _md(data, None, from_page, "cites", refs)


def basis(refs: list[models.LegalRef], source: str | None, data: Dataset, from_page: str) -> Md:
    """ " (citations)" or " (theo nguồn)" after a sentence; empty when neither is given."""
    return _md(data, None, from_page, "basis", refs, source)


def statement(part: models.Statement, data: Dataset, on: datetime.date, from_page: str) -> Md:
    """One part of a record: the text with its basis, an uncertain label, and what to ask where unknown."""
    said = None if part.text is None else expand(part.text, data, on, from_page)
    ask = None if part.ask is None else expand(part.ask, data, on, from_page)
    return _md(data, on, from_page, "statement", part, said, ask)


# --- milestones and rates ----------------------------------------------------


def milestone_line(data: Dataset, milestone_id: str, on: datetime.date, from_page: str) -> Md:
    """ "**01/12/2025** — Title. Text (basis)", marked as coming if the date is after `on`."""
    return _md(data, on, from_page, "milestone_line", data.milestone(milestone_id))


def rate_summary(data: Dataset, on: datetime.date, from_page: str) -> Md:
    """The rate in force in plain words, for start pages: the value, since when, what it equals.
    Its bases go in the page's "Căn cứ" block (`basis_block`)."""
    period = data.period_in_force(data.roles.facts.lending_rate, on)
    return _md(data, on, from_page, "rate_summary", period, facts.rate_value(data, on, from_page), _relief(data, on))


def _relief(data: Dataset, on: datetime.date) -> facts.Relief | None:
    """The storm relief while it is in force (its basis: the Quy định page)."""
    found = facts.relief(data, on)
    if found is None or (found.period.effective_to is not None and found.period.effective_to < on):
        return None
    return found


def relief_summary(data: Dataset, on: datetime.date, from_page: str) -> Md:
    """The storm relief in one plain sentence while it is in force."""
    found = _relief(data, on)
    return Md("") if found is None else _md(data, on, from_page, "relief_summary", found)
