"""Markdown produced from data records: facts, provisions, the legal library. Plain functions: no mkdocs in here.

Every string that comes from data passes through `markup.text()` so that it can
never become markup; links and citations come from `markup`.
"""

from __future__ import annotations

import datetime

from macros import formatting as fmt
from macros.data import models
from macros.data.dataset import Dataset
from macros.render.markup import (
    UNCERTAIN_MARK,
    UNVERIFIED,
    cite,
    cite_document,
    link,
    markdown_block,
    text,
    uncertain_label,
    uncertain_warning,
    unknown,
)

# --- facts -----------------------------------------------------------------


def period_value(period: models.FactPeriod, fact: models.Fact) -> str:
    """One period's value, formatted, or `chưa xác minh` if it is null."""
    return unknown() if period.value is None else text(fmt.quantity_vi(period.value, fact.unit))


def fact_value(data: Dataset, fact_id: str, on: datetime.date, label: bool = True) -> str:
    """The value in force, formatted: "100 triệu đồng". `chưa xác minh` if the value is null.

    An uncertain value carries UNCERTAIN_MARK unless `label` is False (the caller labels it).
    """
    fact = data.fact(fact_id)
    period = data.period_in_force(fact_id, on)
    out = period_value(period, fact)
    if label and period.value is not None and period.status == "uncertain":
        out += f" {UNCERTAIN_MARK}"
    return out


def fact_cited(data: Dataset, fact_id: str, on: datetime.date, from_page: str) -> str:
    """The value in force with its basis: "100 triệu đồng (điểm a khoản 2 Điều 6 ...)"."""
    period = data.period_in_force(fact_id, on)
    out = f"{fact_value(data, fact_id, on, label=False)} ({cite(period.legal_ref, data, from_page)})"
    if period.status == "uncertain":
        out += f" {UNCERTAIN_MARK}"
    return out


def overdue_rate(data: Dataset, on: datetime.date) -> float | None:
    rate = data.value_in_force("poor-household-lending-rate", on)
    share = data.value_in_force("overdue-rate-share", on)
    if rate is None or share is None:
        return None
    return round(rate * share / 100, 4)


def rate_value(data: Dataset, on: datetime.date) -> str:
    """The lending rate in force, in bold, marked if uncertain: "**6,24 %/năm** (chưa chắc chắn)"."""
    period = data.period_in_force("poor-household-lending-rate", on)
    mark = f" {UNCERTAIN_MARK}" if period.status == "uncertain" else ""
    return f"**{fact_value(data, 'poor-household-lending-rate', on, label=False)}**{mark}"


def rate_since(data: Dataset, on: datetime.date, from_page: str) -> str:
    """Since when and by which decision the rate in force applies: "áp dụng từ ngày 01/07/2025 theo ..."."""
    period = data.period_in_force("poor-household-lending-rate", on)
    return f"áp dụng từ ngày {fmt.date_vi(period.effective_from)} theo {cite(period.legal_ref, data, from_page)}"


def rate_in_force(data: Dataset, on: datetime.date, from_page: str) -> str:
    """The lending rate in force on `on`, with both bases (Art. 9 and the rate decision)."""
    rule = data.provision("interest-equals-poor-household")
    period = data.period_in_force("poor-household-lending-rate", on)
    document = data.document(period.legal_ref.document)
    mark = f" {UNCERTAIN_MARK}" if period.status == "uncertain" else ""
    lines = [
        f"Lãi suất cho vay đang áp dụng (ngày {fmt.date_vi(on)}): {rate_value(data, on)}.",
        "",
        f"- Căn cứ: {text(rule.text)} ({cite(rule.legal_ref, data, from_page)}).",
        f"- Mức lãi suất hộ nghèo này {rate_since(data, on, from_page)}"
        + (f" của {text(document.issuer)}." if document.issuer else "."),
    ]
    overdue = overdue_rate(data, on)
    share_period = data.period_in_force("overdue-rate-share", on)
    if overdue is not None:
        lines.append(
            f"- Lãi suất nợ quá hạn bằng {fact_value(data, 'overdue-rate-share', on)} "
            f"({cite(share_period.legal_ref, data, from_page)}), tức khoảng "
            f"{text(fmt.quantity_vi(overdue, 'percent_per_year'))}{mark}."
        )
    if period.status == "uncertain":
        lines += ["", *uncertain_warning(period.note or "")]
    return "\n".join(lines)


def fact_history_table(data: Dataset, fact_id: str, on: datetime.date, from_page: str) -> str:
    """All periods of a fact, newest first, marking the one in force."""
    fact = data.fact(fact_id)
    rows = [
        "| Từ ngày | Đến ngày | Mức | Căn cứ | Tình trạng |",
        "| --- | --- | --- | --- | --- |",
    ]
    for period in reversed(fact.periods):
        in_force = period.effective_from <= on and (period.effective_to is None or on <= period.effective_to)
        until = fmt.date_vi(period.effective_to) if period.effective_to else "nay"
        value = period_value(period, fact)
        status = "**đang áp dụng**" if in_force else ("chưa áp dụng" if period.effective_from > on else "đã hết")
        if period.status == "uncertain":
            status += " (chưa chắc chắn)"
        rows.append(
            f"| {fmt.date_vi(period.effective_from)} | {until} | {value} | "
            f"{cite(period.legal_ref, data, from_page)} | {status} |"
        )
    return "\n".join(rows)


# --- provisions ------------------------------------------------------------


def provision(data: Dataset, provision_id: str, from_page: str) -> str:
    """One rule: its words, its article, and an uncertainty label where needed."""
    rule = data.provision(provision_id)
    out = f"{text(rule.text)} ({cite(rule.legal_ref, data, from_page)})"
    if rule.status == "uncertain":
        out += f" {uncertain_label(rule.note)}"
    return out


def provision_list(data: Dataset, topic: str, from_page: str) -> str:
    rules = [r for r in data.provisions.values() if r.topic == topic]
    if not rules:
        raise KeyError(f"no provisions with topic {topic!r} in data/provisions.yaml")
    return "\n".join(f"- **{text(r.title)}.** {provision(data, r.id, from_page)}" for r in rules)


# --- legal library ---------------------------------------------------------


def document_status(document: models.LegalDocument, on: datetime.date) -> str:
    if document.effective_to and on > document.effective_to:
        return f"hết hiệu lực từ {fmt.date_vi(document.effective_to + datetime.timedelta(days=1))}"
    if document.effective_from and on < document.effective_from:
        return f"chưa có hiệu lực (từ {fmt.date_vi(document.effective_from)})"
    if document.effective_from:
        return "đang có hiệu lực"
    return f"ngày hiệu lực {UNVERIFIED}"


def legal_library(data: Dataset, on: datetime.date) -> str:
    """Every cited document, one section each with a stable anchor (its id)."""
    blocks = []
    for document in sorted(data.documents.values(), key=lambda d: (d.issued_on or datetime.date.max, d.number)):
        issued = fmt.date_vi(document.issued_on) if document.issued_on else unknown()
        effective = fmt.date_vi(document.effective_from) if document.effective_from else unknown()
        if document.url:
            where = link("Xem văn bản", document.url)
            if document.url_note:
                where += f" — {text(document.url_note)}"
        else:
            where = unknown(
                text(
                    "chưa có đường dẫn đến văn bản; hỏi cơ quan ban hành hoặc tra cứu trên Cơ sở dữ liệu quốc gia về văn bản pháp luật."
                )
            )
        lines = [
            f"### {text(document.kind)} {text(document.number)} {{#{document.id}}}",
            "",
            f"{text(document.subject)}",
            "",
            f"- Cơ quan ban hành: {text(document.issuer)}",
            f"- Ngày ban hành: {issued}",
            f"- Ngày có hiệu lực: {effective}",
            f"- Tình trạng (ngày {fmt.date_vi(on)}): {document_status(document, on)}",
            f"- Văn bản: {where}",
        ]
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
        "page-review", f"Rà soát lần cuối: {fmt.date_vi(entry.reviewed_on)}. Căn cứ và nguồn: {', '.join(sources)}."
    )
