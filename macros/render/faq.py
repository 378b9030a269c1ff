"""Questions and answers, and the glossary, from data/faq.yaml and data/glossary.yaml (templates/faq.md).

Plain functions, no mkdocs. Every answer shows the rules it rests on, each with
its article; what no source answers is said as "chưa xác minh" with whom to ask.
"""

from __future__ import annotations

import datetime
from typing import Any, get_args

from macros.data import models
from macros.data.dataset import Dataset
from macros.render.markup import Md, markdown
from macros.render.prose import expand, expand_paragraphs
from macros.text import fold

TEMPLATE = "faq.md"


def _md(data: Dataset, on: datetime.date | None, from_page: str, macro: str, *args: Any) -> Md:
    return markdown(TEMPLATE, macro, {"data": data, "on": on, "from_page": from_page}, *args)


def answer(data: Dataset, question_id: str, on: datetime.date, from_page: str) -> Md:
    """One answer with its rules, citations, what to ask, and where to read more."""
    entry = next((q for q in data.questions if q.id == question_id), None)
    if entry is None:
        raise KeyError(f"no question with id {question_id!r} in data/faq.yaml")
    parts = [expand_paragraphs(entry.answer, data, on, from_page)]
    if entry.rules:
        parts.append(_md(data, on, from_page, "rules", [data.provision(r) for r in entry.rules]))
    if entry.refs:
        parts.append(_md(data, on, from_page, "refs", entry))
    if entry.ask:
        parts.append(_md(data, on, from_page, "ask", expand(entry.ask, data, on, from_page)))
    if entry.see:
        parts.append(_md(data, on, from_page, "see_also", entry.see))
    return Md("\n\n").join(parts)


def faq(data: Dataset, on: datetime.date, from_page: str) -> Md:
    """All questions grouped by topic: a heading per topic, a heading with a stable anchor per question."""
    groups = []
    for topic in get_args(models.FaqTopic):
        entries = [q for q in data.questions if q.topic == topic]
        if entries:
            groups.append({"topic": topic, "entries": entries})
    blocks = [_md(data, on, from_page, "faq_index", groups)]
    for group in groups:
        blocks.append(_md(data, on, from_page, "topic_heading", group["topic"]))
        for entry in group["entries"]:
            blocks.append(_md(data, on, from_page, "question", entry, answer(data, entry.id, on, from_page)))
    return Md("\n\n").join(blocks)


def term(data: Dataset, term_id: str, from_page: str, words: str | None = None) -> Md:
    """A technical word where a page first uses it: linked to its glossary entry, glossed in brackets."""
    entry = next((t for t in data.terms if t.id == term_id), None)
    if entry is None:
        raise KeyError(f"no term with id {term_id!r} in data/glossary.yaml")
    shown = words or entry.term[0].lower() + entry.term[1:]
    return _md(data, None, from_page, "term", entry, shown)


def glossary(data: Dataset, on: datetime.date, from_page: str) -> Md:
    """Every term in Vietnamese alphabetical order (diacritics folded), each with a stable anchor."""
    return Md("\n\n").join(
        _md(data, on, from_page, "glossary_entry", entry, expand_paragraphs(entry.definition, data, on, from_page))
        for entry in sorted(data.terms, key=lambda t: (fold(t.term), t.term))
    )
