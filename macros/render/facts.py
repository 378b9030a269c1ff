"""Facts, provisions, the legal library and a page's review line: values for templates/facts.md.

Plain functions, no mkdocs: each finds the records and periods a page shows and hands them to a
macro of `facts.md`, which writes the sentence (every value inert text there). Which fact is the
rate, or the relief, comes from data/roles.yaml.
"""

from __future__ import annotations

import dataclasses
import datetime
from typing import Any

from markupsafe import Markup

from macros import formatting as fmt
from macros.data import models
from macros.data.dataset import Dataset
from macros.render.markup import Md, cite_html, doubt_label, escape, markdown, render, uncertain_mark

TEMPLATE = "facts.md"


def _md(data: Dataset, on: datetime.date | None, from_page: str, macro: str, *args: Any) -> Md:
    return markdown(TEMPLATE, macro, {"data": data, "on": on, "from_page": from_page}, *args)


# --- facts -----------------------------------------------------------------


def period_value(period: models.FactPeriod, fact: models.Fact, from_page: str) -> Md:
    """One period's value, formatted, or the "no source yet" label if it is null."""
    return markdown(TEMPLATE, "period_value", {"from_page": from_page}, fact, period)


def fact_value(data: Dataset, fact_id: str, on: datetime.date, from_page: str, label: bool = True) -> Md:
    """The value in force, formatted: "100 triệu đồng"; the "no source yet" label if the value is null.

    An uncertain value carries the "not certain" label unless `label` is False (the caller labels it).
    """
    return _md(data, on, from_page, "fact_value", data.fact(fact_id), data.period_in_force(fact_id, on), label)


def fact_cited(data: Dataset, fact_id: str, on: datetime.date, from_page: str) -> Md:
    """The value in force with its basis: "100 triệu đồng (điểm a khoản 2 Điều 6 ...)"."""
    return _md(data, on, from_page, "fact_cited", data.fact(fact_id), data.period_in_force(fact_id, on))


def overdue_rate(data: Dataset, on: datetime.date) -> float | None:
    rate = data.value_in_force(data.roles.facts.lending_rate, on)
    share = data.value_in_force(data.roles.facts.overdue_share, on)
    if rate is None or share is None:
        return None
    return round(rate * share / 100, 4)


def rate_value(data: Dataset, on: datetime.date, from_page: str) -> Markup:
    """The lending rate in force, in bold, labelled if uncertain: the one way every page shows it
    (HTML, so that it reads the same in Markdown and in templates)."""
    rate = data.roles.facts.lending_rate
    period = data.period_in_force(rate, on)
    if period.value is None:
        return Markup(period_value(period, data.fact(rate), from_page))
    return render(
        "rate_value.html",
        value=fmt.quantity_vi(period.value, data.fact(rate).unit),
        label=uncertain_mark(from_page) if period.status == "uncertain" else None,
    )


def relief_known_from(data: Dataset, period: models.FactPeriod) -> datetime.date:
    """A relief decided after the days it covers is shown from the day it was decided."""
    issued = data.document(period.legal_ref.document).issued_on
    return max(period.effective_from, issued) if issued else period.effective_from


@dataclasses.dataclass(frozen=True)
class Relief:
    """The temporary cut of the rate (roles.yaml facts.relief), as known on a day."""

    fact: models.Fact
    period: models.FactPeriod
    past: bool
    """Its last day is before the day the site is built for."""

    @property
    def ended_from(self) -> datetime.date | None:
        """The first day it no longer applies."""
        end = self.period.effective_to
        return None if end is None else end + datetime.timedelta(days=1)


def relief(data: Dataset, on: datetime.date) -> Relief | None:
    """The relief's latest period once it is known (decided) on `on`; None when data names no relief."""
    fact_id = data.roles.facts.relief
    if fact_id is None:
        return None
    fact = data.fact(fact_id)
    period = fact.periods[-1]
    if on < relief_known_from(data, period):
        return None
    return Relief(fact, period, past=period.effective_to is not None and period.effective_to < on)


def relief_line(data: Dataset, on: datetime.date, from_page: str) -> Md | None:
    """The temporary storm relief: what, when, where, its basis and how sure; in the past tense,
    with the day it ended, once it has ended."""
    found = relief(data, on)
    return None if found is None else _md(data, on, from_page, "relief_line", found)


def relief_history(data: Dataset, on: datetime.date, from_page: str) -> Md:
    """The storm relief once it has ended, as history (the rate's first lines show only what applies)."""
    found = relief(data, on)
    return Md("") if found is None or not found.past else _md(data, on, from_page, "relief_line", found)


def rate_in_force(data: Dataset, on: datetime.date, from_page: str) -> Md:
    """The lending rate in force on `on`, with both bases (Art. 9 and the rate decision), its source
    and, beside it, the temporary storm relief. At most one label on each value."""
    roles = data.roles.facts
    period = data.period_in_force(roles.lending_rate, on)
    overdue = overdue_rate(data, on)
    return _md(
        data,
        on,
        from_page,
        "rate_in_force",
        {"period": period, "value": rate_value(data, on, from_page)},
        data.provision(data.roles.provisions.rate_rule),
        data.document(period.legal_ref.document),
        None
        if overdue is None
        else {
            "fact": data.fact(roles.overdue_share),
            "period": data.period_in_force(roles.overdue_share, on),
            "value": overdue,
        },
        current if (current := relief(data, on)) is not None and not current.past else None,
    )


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
                "ended_from": period.effective_to + datetime.timedelta(days=1) if period.effective_to else None,
                "period": period,
                "cite": cite_html(period.legal_ref, data, from_page),
            }
        )
    return render("fact_history.html", fact=fact, rows=rows)


# --- provisions ------------------------------------------------------------


def provision(data: Dataset, provision_id: str, from_page: str) -> Md:
    """One rule: its words, its article, and an uncertainty label where needed."""
    return _md(data, None, from_page, "provision", data.provision(provision_id))


def rule(data: Dataset, provision_id: str, from_page: str) -> Md:
    """A rule's words alone, for task pages: its article goes in the section's `basis`."""
    return _md(data, None, from_page, "rule_words", data.provision(provision_id))


def basis_entry(data: Dataset, on: datetime.date, item: str) -> dict[str, Any]:
    """One line of a "Căn cứ" block: a rule ("provision-id"), a figure ("fact:ID") or a document ("doc:ID")."""
    kind, _, ident = item.rpartition(":")
    if kind == "":
        return {"kind": "provision", "rule": data.provision(ident)}
    if kind == "fact":
        period = data.period_in_force(ident, on)
        if ident == data.roles.facts.lending_rate:
            return {"kind": "rate", "period": period, "rule": data.provision(data.roles.provisions.rate_rule)}
        return {"kind": "fact", "fact": data.fact(ident), "period": period}
    if kind == "doc":
        data.document(ident)
        return {"kind": "document", "document": ident}
    raise KeyError(f"basis item {item!r}: use a provision id, fact:ID or doc:ID")


def basis(data: Dataset, on: datetime.date, from_page: str, *items: str) -> Markup:
    """The collapsed "Căn cứ" block of a section: one line per rule ("provision-id"), figure
    ("fact:ID") or document ("doc:ID"), each linked to its article in the legal library. The
    rate (roles.yaml facts.lending_rate) brings Art. 9 and its source too."""
    return Markup(_md(data, on, from_page, "basis", [basis_entry(data, on, item) for item in items]))


def provision_list(data: Dataset, topic: str, from_page: str) -> Md:
    rules = [r for r in data.provisions.values() if r.topic == topic]
    if not rules:
        raise KeyError(f"no provisions with topic {topic!r} in data/provisions.yaml")
    return _md(data, None, from_page, "provision_list", rules)


# --- legal library ---------------------------------------------------------


def replaced_values(data: Dataset, document: models.LegalDocument, on: datetime.date) -> list[dict[str, Any]]:
    """Figures this document set that a later period of the same fact replaced before `on`, e.g.
    the 6.6 % of QĐ 750 after 30/11/2025: the document may stand, its figure no longer applies."""
    found = []
    for fact in data.facts.values():
        for period, following in zip(fact.periods, fact.periods[1:]):
            if period.legal_ref.document != document.id or period.effective_to is None or on <= period.effective_to:
                continue
            if period.value is None:
                continue
            successor = data.documents.get(following.legal_ref.document)  # another province's: not named
            found.append({"fact": fact, "period": period, "following": following, "successor": successor})
    return found


def _library_entry(data: Dataset, document: models.LegalDocument, on: datetime.date) -> dict[str, Any]:
    return {
        "document": document,
        "ended_from": document.effective_to + datetime.timedelta(days=1) if document.effective_to else None,
        "replaced": replaced_values(data, document, on),
    }


def document_status(data: Dataset, document: models.LegalDocument, on: datetime.date, from_page: str) -> Md:
    """ "đang có hiệu lực", "hết hiệu lực từ 01/07/2026", ... on `on`."""
    return _md(data, on, from_page, "document_status", _library_entry(data, document, on))


def legal_library(data: Dataset, on: datetime.date, from_page: str) -> Md:
    """Every cited document, one section each with a stable anchor (its id)."""
    documents = sorted(data.documents.values(), key=lambda d: (d.issued_on or datetime.date.max, d.number))
    return _md(data, on, from_page, "legal_library", [_library_entry(data, d, on) for d in documents])


# --- page review -----------------------------------------------------------


def page_review(data: Dataset, page_path: str) -> Md:
    """The "last reviewed" line of a page, with its sources, from data/pages.yaml."""
    entry = next((p for p in data.pages.pages if p.path == page_path), None)
    if entry is None:
        raise KeyError(f"page {page_path!r} has no entry in data/pages.yaml")
    # A document of another province (legal_documents.yaml `province:`) is not in this site's library.
    shown = [d for d in entry.documents if d in data.documents]
    urls = entry.sources + entry.province_sources.get(data.province_slug, [])
    return _md(data, None, page_path, "page_review", entry.reviewed_on, shown, urls)
