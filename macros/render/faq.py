"""Questions and answers, and the glossary, from data/faq.yaml and data/glossary.yaml.

Plain functions, no mkdocs. Every answer shows the rules it rests on, each with
its article; what no source answers is said as "chưa xác minh" with whom to ask.
"""

from __future__ import annotations

import datetime

from macros.data.dataset import Dataset
from macros.render.facts import provision
from macros.render.markup import page_link, text, unknown
from macros.render.prose import basis, cites, expand, expand_paragraphs
from macros.text import fold

TOPICS = {
    "ai-duoc-vay": "Ai được vay",
    "muc-vay": "Vay bao nhiêu, trong bao lâu",
    "lai-suat": "Lãi suất",
    "thu-tuc": "Thủ tục và giấy tờ",
    "tra-no": "Trả nợ",
    "co-so": "Cơ sở sản xuất, kinh doanh",
    "thay-doi": "Sau khi sắp xếp bộ máy năm 2025",
    "khac": "Câu hỏi khác",
}


def _see(see, from_page: str) -> str:
    return "Xem thêm: " + ", ".join(page_link(ref.label, ref.page, from_page) for ref in see) + "."


def answer(data: Dataset, question_id: str, on: datetime.date, from_page: str) -> str:
    """One answer with its rules, citations, what to ask, and where to read more."""
    entry = next((q for q in data.questions if q.id == question_id), None)
    if entry is None:
        raise KeyError(f"no question with id {question_id!r} in data/faq.yaml")
    parts = [expand_paragraphs(entry.answer, data, on, from_page)]
    if entry.rules:
        parts.append("\n".join(f"- Quy định: {provision(data, rule, from_page)}" for rule in entry.rules))
    if entry.refs:
        parts.append(f"Căn cứ: {cites(entry.refs, data, from_page)}.")
    if entry.ask:
        parts.append(f"Phần chưa rõ: {unknown(from_page, expand(entry.ask, data, on, from_page))}")
    if entry.see:
        parts.append(_see(entry.see, from_page))
    return "\n\n".join(parts)


def faq(data: Dataset, on: datetime.date, from_page: str) -> str:
    """All questions grouped by topic: a heading per topic, a heading with a stable anchor per question."""
    index, blocks = [], []
    for topic, title in TOPICS.items():
        entries = [q for q in data.questions if q.topic == topic]
        if not entries:
            continue
        index.append(f"- **{text(title)}**\n" + "\n".join(f"    - [{text(q.question)}](#{q.id})" for q in entries))
        blocks.append(f"## {text(title)} {{#{topic}}}")
        for entry in entries:
            blocks.append(f"### {text(entry.question)} {{#{entry.id}}}\n\n{answer(data, entry.id, on, from_page)}")
    return "## Các câu hỏi {#cac-cau-hoi}\n\n" + "\n".join(index) + "\n\n" + "\n\n".join(blocks)


GLOSSARY_PAGE = "thuat-ngu.md"


def term(data: Dataset, term_id: str, from_page: str, words: str | None = None) -> str:
    """A technical word where a page first uses it: linked to its glossary entry, glossed in brackets."""
    entry = next((t for t in data.terms if t.id == term_id), None)
    if entry is None:
        raise KeyError(f"no term with id {term_id!r} in data/glossary.yaml")
    shown = words or entry.term[0].lower() + entry.term[1:]
    out = page_link(shown, GLOSSARY_PAGE, from_page, anchor=entry.id)
    return f"{out} ({text(entry.gloss)})" if entry.gloss else out


def glossary(data: Dataset, on: datetime.date, from_page: str) -> str:
    """Every term in Vietnamese alphabetical order (diacritics folded), each with a stable anchor."""
    blocks = []
    for entry in sorted(data.terms, key=lambda t: (fold(t.term), t.term)):
        term = entry
        lines = [f"### {text(term.term)} {{#{term.id}}}", ""]
        if term.aliases:
            lines += [f"Còn gọi là: {', '.join(text(a) for a in term.aliases)}.", ""]
        if term.gloss:
            lines += [f"Nói ngắn gọn: {text(term.gloss)}.", ""]
        refs = [term.legal_ref] if term.legal_ref else []
        lines.append(
            expand_paragraphs(term.definition, data, on, from_page) + basis(refs, term.source, data, from_page)
        )
        if term.see:
            lines += ["", _see(term.see, from_page)]
        blocks.append("\n".join(lines))
    return "\n\n".join(blocks)
