"""Markdown produced from data records: facts, provisions, the legal library. Plain functions: no mkdocs in here.

Every string that comes from data passes through `markup.text()` so that it can
never become markup; links and citations come from `markup`.
"""

from __future__ import annotations

import datetime

from markupsafe import Markup

from macros import formatting as fmt
from macros.data import models
from macros.data.dataset import Dataset
from macros.render.markup import (
    basis_block,
    cite,
    cite_document,
    cite_html,
    doubt_label,
    escape,
    link,
    link_html,
    markdown_block,
    render,
    text,
    uncertain_label,
    uncertain_mark,
    unknown,
)

# --- facts -----------------------------------------------------------------

RATE_FACT = "poor-household-lending-rate"
RELIEF_FACT = "storm-relief-rate-cut"


def period_value(period: models.FactPeriod, fact: models.Fact, from_page: str) -> str:
    """One period's value, formatted, or the "no source yet" label if it is null."""
    return unknown(from_page) if period.value is None else text(fmt.quantity_vi(period.value, fact.unit))


def fact_value(data: Dataset, fact_id: str, on: datetime.date, from_page: str, label: bool = True) -> str:
    """The value in force, formatted: "100 triệu đồng"; the "no source yet" label if the value is null.

    An uncertain value carries the "not certain" label unless `label` is False (the caller labels it).
    """
    fact = data.fact(fact_id)
    period = data.period_in_force(fact_id, on)
    out = period_value(period, fact, from_page)
    if label and period.value is not None and period.status == "uncertain":
        out += f" {uncertain_mark(from_page)}"
    return out


def fact_cited(data: Dataset, fact_id: str, on: datetime.date, from_page: str) -> str:
    """The value in force with its basis: "100 triệu đồng (điểm a khoản 2 Điều 6 ...)"."""
    period = data.period_in_force(fact_id, on)
    out = f"{fact_value(data, fact_id, on, from_page, label=False)} ({cite(period.legal_ref, data, from_page)})"
    if period.value is not None and period.status == "uncertain":
        out += f" {uncertain_mark(from_page)}"
    return out


def overdue_rate(data: Dataset, on: datetime.date) -> float | None:
    rate = data.value_in_force(RATE_FACT, on)
    share = data.value_in_force("overdue-rate-share", on)
    if rate is None or share is None:
        return None
    return round(rate * share / 100, 4)


def rate_value(data: Dataset, on: datetime.date, from_page: str) -> Markup:
    """The lending rate in force, in bold, labelled if uncertain: the one way every page shows it
    (HTML, so that it reads the same in Markdown and in templates)."""
    period = data.period_in_force(RATE_FACT, on)
    if period.value is None:
        return Markup(unknown(from_page))
    return render(
        "rate_value.html",
        value=fmt.quantity_vi(period.value, data.fact(RATE_FACT).unit),
        label=uncertain_mark(from_page) if period.status == "uncertain" else None,
    )


def rate_source(period: models.FactPeriod) -> str:
    """The rate's source, named where data names it: "[báo Lao Động](url)"."""
    return link(period.source_name or "nguồn", period.source)


def rate_since(data: Dataset, on: datetime.date, from_page: str) -> str:
    """Since when and by which decision the rate in force applies: "từ ngày 01/12/2025 theo ..."."""
    period = data.period_in_force(RATE_FACT, on)
    return f"từ ngày {fmt.date_vi(period.effective_from)} theo {cite(period.legal_ref, data, from_page)}"


NOT_ONLY_POOR = "Đây chỉ là cách tính lãi suất: người vay không cần là hộ nghèo."
"""Art. 9 ties the rate to the poor-household rate; the borrowers are those of Art. 3."""


def relief_known_from(data: Dataset, period: models.FactPeriod) -> datetime.date:
    """A relief decided after the days it covers is shown from the day it was decided."""
    issued = data.document(period.legal_ref.document).issued_on
    return max(period.effective_from, issued) if issued else period.effective_from


def relief_line(data: Dataset, on: datetime.date, from_page: str) -> str | None:
    """The temporary storm relief beside the rate: what, when, where, its basis and how sure."""
    try:
        fact = data.fact(RELIEF_FACT)
    except KeyError:
        return None
    period = fact.periods[-1]
    if on < relief_known_from(data, period):
        return None
    when = f"từ ngày {fmt.date_vi(period.effective_from)} đến ngày {fmt.date_vi(period.effective_to)}"
    past = period.effective_to is not None and period.effective_to < on
    out = (
        f"{'Đã có' if past else 'Đang có'} giảm lãi suất tạm thời {when}: giảm "
        f"{text(fmt.quantity_vi(period.value, fact.unit))} cho người vay ở vùng bị ảnh hưởng của bão "
        f"({cite(period.legal_ref, data, from_page)}; {link(period.source_name or 'nguồn', period.source)})."
    )
    if period.status == "uncertain":
        out += f" {uncertain_label(period.note, from_page)}"
    return out


def rate_in_force(data: Dataset, on: datetime.date, from_page: str) -> str:
    """The lending rate in force on `on`, with both bases (Art. 9 and the rate decision), its source
    and, beside it, the temporary storm relief. At most one label on each value."""
    rule = data.provision("interest-equals-poor-household")
    period = data.period_in_force(RATE_FACT, on)
    document = data.document(period.legal_ref.document)
    lines = [
        f"Lãi suất cho vay đang áp dụng (ngày {fmt.date_vi(on)}): {rate_value(data, on, from_page)}.",
        "",
        f"- Căn cứ: {text(rule.text.rstrip('.'))} ({cite(rule.legal_ref, data, from_page)}). {text(NOT_ONLY_POOR)}",
        f"- Mức này áp dụng {rate_since(data, on, from_page)}"
        + (f" của {text(document.issuer)}" if document.issuer else "")
        + f". Nguồn: {rate_source(period)}."
        + (f" {text(period.note)}" if period.note and period.status != "uncertain" else ""),
    ]
    if period.status == "uncertain" and period.value is not None:
        lines[-1] += f" {uncertain_label(period.note, from_page)}"
    overdue = overdue_rate(data, on)
    share_period = data.period_in_force("overdue-rate-share", on)
    if overdue is not None:
        mark = f" {uncertain_mark(from_page)}" if period.status == "uncertain" else ""
        lines.append(
            f"- Lãi suất nợ quá hạn bằng {fact_value(data, 'overdue-rate-share', on, from_page)} "
            f"({cite(share_period.legal_ref, data, from_page)}), tức khoảng "
            f"{text(fmt.quantity_vi(overdue, 'percent_per_year'))}{mark}."
        )
    relief = relief_line(data, on, from_page)
    if relief:
        lines.append(f"- {relief}")
    return "\n".join(lines)


def fact_history_table(data: Dataset, fact_id: str, on: datetime.date, from_page: str) -> Markup:
    """All periods of a fact, newest first, marking the one in force. The value and its status come
    first; on a phone each period is a card (each cell after its column's name)."""
    fact = data.fact(fact_id)
    rows = []
    for period in reversed(fact.periods):
        if period.value is None:
            value = doubt_label("unverified", from_page)
        else:
            value = escape(fmt.quantity_vi(period.value, fact.unit))
            if period.status == "uncertain":
                value += Markup(" ") + uncertain_mark(from_page)
        in_force = period.effective_from <= on and (period.effective_to is None or on <= period.effective_to)
        rows.append(
            {
                "value": value,
                "status": "in_force" if in_force else ("future" if period.effective_from > on else "ended"),
                "since": fmt.date_vi(period.effective_from),
                "until": fmt.date_vi(period.effective_to) if period.effective_to else "nay",
                "cite": cite_html(period.legal_ref, data, from_page),
                "source": link_html(period.source_name or "nguồn", period.source),
            }
        )
    return render("fact_history.html", caption=f"{fact.label}: các mức theo thời gian", rows=rows)


# --- provisions ------------------------------------------------------------


def provision(data: Dataset, provision_id: str, from_page: str) -> str:
    """One rule: its words, its article, and an uncertainty label where needed."""
    rule = data.provision(provision_id)
    out = f"{text(rule.text)} ({cite(rule.legal_ref, data, from_page)})"
    if rule.status == "uncertain":
        out += f" {uncertain_label(rule.note, from_page)}"
    return out


def rule(data: Dataset, provision_id: str, from_page: str) -> str:
    """A rule's words alone, for task pages: its article goes in the section's `basis`."""
    found = data.provision(provision_id)
    out = text(found.text)
    if found.status == "uncertain":
        out += f" {uncertain_mark(from_page)}"
    return out


def basis(data: Dataset, on: datetime.date, from_page: str, *items: str) -> Markup:
    """The collapsed "Căn cứ" block of a section: one line per rule ("provision-id"), figure
    ("fact:ID") or document ("doc:ID"), each linked to its article in the legal library. The
    rate ("fact:poor-household-lending-rate") brings Art. 9 and its source too."""
    lines = []
    for item in items:
        kind, _, ident = item.rpartition(":")
        if kind == "":
            found = data.provision(ident)
            line = f"{text(found.title)}: {cite(found.legal_ref, data, from_page)}"
            if found.status == "uncertain" and found.note:
                line += f" ({text(found.note[0].lower() + found.note[1:].rstrip('.'))})"
        elif kind == "fact":
            fact = data.fact(ident)
            period = data.period_in_force(ident, on)
            line = f"{text(fact.label)}: {cite(period.legal_ref, data, from_page)}"
            if ident == RATE_FACT:
                equal = data.provision("interest-equals-poor-household")
                line = (
                    f"Lãi suất bằng lãi suất cho vay hộ nghèo: {cite(equal.legal_ref, data, from_page)}. "
                    f"Mức đang áp dụng: {cite(period.legal_ref, data, from_page)}; nguồn: {rate_source(period)}"
                )
        elif kind == "doc":
            line = cite_document(ident, data, from_page)
        else:
            raise KeyError(f"basis item {item!r}: use a provision id, fact:ID or doc:ID")
        lines.append(f"- {line}.")
    return basis_block("\n".join(lines))


def provision_list(data: Dataset, topic: str, from_page: str) -> str:
    rules = [r for r in data.provisions.values() if r.topic == topic]
    if not rules:
        raise KeyError(f"no provisions with topic {topic!r} in data/provisions.yaml")
    return "\n".join(f"- **{text(r.title)}.** {provision(data, r.id, from_page)}" for r in rules)


# --- legal library ---------------------------------------------------------


def document_status(document: models.LegalDocument, on: datetime.date, from_page: str) -> str:
    if document.effective_to and on > document.effective_to:
        return f"hết hiệu lực từ {fmt.date_vi(document.effective_to + datetime.timedelta(days=1))}"
    if document.effective_from and on < document.effective_from:
        return f"chưa có hiệu lực (từ {fmt.date_vi(document.effective_from)})"
    if document.effective_from:
        return "đang có hiệu lực"
    return f"ngày hiệu lực: {unknown(from_page)}"


def replaced_values(data: Dataset, document: models.LegalDocument, on: datetime.date) -> list[str]:
    """Figures this document set that a later period of the same fact replaced before `on`, e.g.
    the 6.6 % of QĐ 750 after 30/11/2025: the document may stand, its figure no longer applies."""
    lines = []
    for fact in data.facts.values():
        for period, following in zip(fact.periods, fact.periods[1:]):
            if period.legal_ref.document != document.id or period.effective_to is None or on <= period.effective_to:
                continue
            if period.value is None:
                continue
            successor = data.documents.get(following.legal_ref.document)
            by = f" theo {text(successor.kind)} {text(successor.number)}" if successor else ""
            lines.append(
                f"{text(fact.label)}: {text(fmt.quantity_vi(period.value, fact.unit))} theo văn bản này áp dụng "
                f"đến ngày {fmt.date_vi(period.effective_to)}; từ ngày {fmt.date_vi(following.effective_from)} là mức mới{by}"
            )
    return lines


def legal_library(data: Dataset, on: datetime.date, from_page: str) -> str:
    """Every cited document, one section each with a stable anchor (its id)."""
    blocks = []
    for document in sorted(data.documents.values(), key=lambda d: (d.issued_on or datetime.date.max, d.number)):
        issued = fmt.date_vi(document.issued_on) if document.issued_on else unknown(from_page)
        effective = fmt.date_vi(document.effective_from) if document.effective_from else unknown(from_page)
        if document.url:
            where = link("Xem văn bản", document.url)
            if document.url_note:
                where += f" — {text(document.url_note)}"
        else:
            where = unknown(
                from_page,
                text(
                    "chưa có đường dẫn đến văn bản; hỏi cơ quan ban hành hoặc tra cứu trên Cơ sở dữ liệu quốc gia về văn bản pháp luật."
                ),
            )
        lines = [
            f"### {text(document.kind)} {text(document.number)} {{#{document.id}}}",
            "",
            f"{text(document.subject)}",
            "",
            f"- Cơ quan ban hành: {text(document.issuer)}",
            f"- Ngày ban hành: {issued}",
            f"- Ngày có hiệu lực: {effective}",
            f"- Tình trạng (ngày {fmt.date_vi(on)}): {document_status(document, on, from_page)}",
            f"- Văn bản: {where}",
        ]
        lines += [f"- Đã thay: {line}." for line in replaced_values(data, document, on)]
        if document.note:
            lines.append(f"- Ghi chú: {text(document.note)}")
        lines.append(f"- Nguồn xác minh: {link('nguồn', document.source)}, ngày {fmt.date_vi(document.verified_on)}")
        blocks.append("\n".join(lines))
    return "\n\n".join(blocks)


# --- page review -----------------------------------------------------------


def page_review(data: Dataset, page_path: str) -> str:
    """The "last reviewed" line of a page, with its sources, from data/pages.yaml."""
    entry = next((p for p in data.pages.pages if p.path == page_path), None)
    if entry is None:
        raise KeyError(f"page {page_path!r} has no entry in data/pages.yaml")
    # A document of another province (legal_documents.yaml `province:`) is not in this site's library.
    shown = [d for d in entry.documents if d in data.documents]
    sources = [cite_document(d, data, page_path) for d in shown]
    urls = entry.sources + entry.province_sources.get(data.province_slug, [])
    sources += [link(f"nguồn {i}", u) for i, u in enumerate(urls, start=1)]
    return markdown_block(
        "page-review",
        f"Rà soát lần cuối: {fmt.date_vi(entry.reviewed_on)}.\n\n"
        + basis_block(f"{', '.join(sources)}.", summary="Căn cứ và nguồn của trang"),
    )
