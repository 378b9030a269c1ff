"""The beneficiary tools' page parts: eligibility check, estimator, checklists, the units' offices.

Plain functions returning HTML or Markdown; `define_env` wires them as macros. Each interactive
tool is an HTML block that JavaScript un-hides, its data as JSON embedded in the page (so nothing
is fetched after load), and a script from docs/assets/. Without JavaScript every page still reads:
conditions as a list, an example schedule, the checklists. The office finder is in finder.py.

Links inside generated HTML are relative URLs computed by `markup.built_href` (MkDocs does not
check links in raw HTML; tests/test_site.py checks every href of the built site).
"""

from __future__ import annotations

import dataclasses
import datetime
import re
from typing import Any

import segno
from markupsafe import Markup

from macros import formatting as fmt
from macros import settings
from macros.data import models
from macros.data.dataset import Dataset
from macros.render import facts as rendering
from macros.render.contacts import known_contacts
from macros.render.markup import (
    CORE_SCRIPT,
    Md,
    built_href,
    cite_html,
    doubt_label,
    json_script,
    link_html,
    markdown,
    render,
    script,
)
from macros.rules import eligibility, estimator
from macros.text import vi_sort_key

LOAN_SCRIPT = "assets/muc-vay.js"
"""What the check and the estimator share besides core.js: money, amount rules, typed numbers."""


def tool_script(name: str, from_page: str, shared: bool = True) -> Markup:
    """A tool's script, run where it stands (no `defer`): the tool is built before the text
    after it is parsed, so nothing below moves when it appears (Lighthouse: layout shift).
    `shared`: first the helpers the loan tools share (assets/core.js: the page's words, today in
    Vietnam, dates; assets/muc-vay.js: money, amount rules, typed numbers)."""
    own = script("assets/" + name, from_page)
    if not shared:
        return own
    return script(CORE_SCRIPT, from_page) + Markup("\n") + script(LOAN_SCRIPT, from_page) + Markup("\n") + own


def print_tool(from_page: str) -> Markup:
    """The print button with its script. The button shows only when JavaScript runs
    (docs/assets/in-trang.js); printing works from the browser menu too."""
    return render("print_tool.html", script=tool_script("in-trang.js", from_page, shared=False))


def offline_action() -> Markup:
    """The action "Lưu để dùng khi không có mạng" (docs/assets/offline.js, loaded on every page, runs
    it; what it saves: macros/outputs/offline.py). Hidden where it cannot work."""
    return render("offline_action.html")


# --- the check's rules as the browser reads them ---------------------------------


def fact_periods(data: Dataset, fact_id: str, library: str | None = None) -> list[dict[str, Any]]:
    """Every period of a fact for a script, which picks the one in force on the visitor's day.
    With `library` (the legal library's URL from the page), each period carries its citation."""
    fact = data.fact(fact_id)
    periods = []
    for p in fact.periods:
        period = {
            "from": p.effective_from.isoformat(),
            "to": p.effective_to.isoformat() if p.effective_to else None,
            "value": p.value,
            "text": None if p.value is None else fmt.quantity_vi(p.value, fact.unit),
            "unit": fact.unit,
            "uncertain": p.note if p.status == "uncertain" else None,
        }
        if library is not None:
            period["cite"] = _cite(p.legal_ref, data, library)
        periods.append(period)
    return periods


def _cite(ref: models.LegalRef, data: Dataset, library: str) -> dict[str, str]:
    return {"text": data.ref_words(ref), "href": f"{library}#{ref.document}"}


def browser_rules(data: Dataset, library: str, finder: str, from_src: str | None = None) -> dict[str, Any]:
    """The rule set as the browser reads it. `library` and `finder` are URLs relative to the page
    `from_src` (the check's page unless told), which the checklists' addresses are relative to too."""
    from_src = from_src or data.roles.pages.check
    rules = data.eligibility
    fact_ids = {c.test.fact for c in rules.conditions if c.test.fact}
    fact_ids |= {fact_id for a in rules.amounts for fact_id in amount_facts(a)}

    def based(record: models.Basis, **fields: Any) -> dict[str, Any]:
        return {**fields, "cite": _cite(eligibility.basis_ref(record, data), data, library)}

    return {
        "contacts": {c.id: {"label": c.label, "agency": c.agency, "finder": c.finder} for c in rules.contacts},
        "questions": [q.model_dump(mode="json", exclude_none=True) for q in rules.questions],
        "conditions": [
            based(c, **c.model_dump(mode="json", exclude_none=True, exclude={"provision", "legal_ref"}))
            for c in rules.conditions
        ],
        "amounts": [browser_amount(a, data, library) for a in rules.amounts],
        "outcomes": {o.id: {"title": o.title, "text": o.text} for o in rules.outcomes},
        "next_steps": [
            based(s, **s.model_dump(mode="json", exclude_none=True, exclude={"provision", "legal_ref"}))
            for s in rules.next_steps
        ],
        "unknown_applicant": based(rules.unknown_applicant, text=rules.unknown_applicant.text),
        "facts": {fact_id: fact_periods(data, fact_id, library) for fact_id in sorted(fact_ids)},
        "finder": finder,
        "papers": {c.id: built_href(c.page, from_src) for c in data.checklists.checklists},
        "max_workers": eligibility.MAX_WORKERS,
        "communes": [] if data.provinces else check_communes(data),
        "provinces": [{"slug": p.province_slug, "name": p.province.full_name} for p in data.provinces_in_order()],
    }


def amount_facts(rule: models.Amount) -> list[str]:
    """The facts an amount rule reads: its maximum, the cap per worker and the security threshold."""
    return [f for f in (rule.fact, rule.per_worker_fact, rule.security_above_fact) if f]


def browser_amount(rule: models.Amount, data: Dataset, library: str) -> dict[str, Any]:
    """An amount rule of data/eligibility.yaml as the check and the estimator read it
    (core.js maxAmount, needsSecurity), with the citation of its security rule."""
    return {
        **rule.model_dump(mode="json", exclude_none=True, exclude={"security"}),
        "security_cite": _cite(eligibility.basis_ref(rule.security, data), data, library),
    }


def check_communes(data: Dataset) -> list[dict[str, Any]]:
    """The units a person can pick on the check's result, to read the names of the offices to go to
    (the script words them: "Công an {place}"): grouped by kind (phường, xã) in the order data first
    lists them, each group in alphabetical order; `vbsp` where data names the unit's office."""
    kinds = list(dict.fromkeys(c.type for c in data.communes.values()))
    groups = []
    for kind in kinds:
        units = sorted((c for c in data.communes.values() if c.type == kind), key=lambda c: vi_sort_key(c.name))
        groups.append(
            {
                "label": kind.capitalize(),
                "units": [
                    {"id": c.id, "place": f"{c.type} {c.name}"}
                    | ({"vbsp": data.offices[c.vbsp_office].name} if c.vbsp_office else {})
                    for c in units
                ],
            }
        )
    return groups


# --- eligibility check ----------------------------------------------------------


def eligibility_check(data: Dataset, from_src: str) -> Markup:
    """The question-by-question check: a hidden container the script fills, and its rules."""
    pages = data.roles.pages
    rules = browser_rules(
        data,
        library=built_href(pages.legal_library, from_src),
        finder=built_href(pages.office_finder, from_src),
        from_src=from_src,
    )
    return render(
        "eligibility_check.html",
        rules=json_script("kiem-tra-rules", rules),
        script=tool_script("kiem-tra.js", from_src),
    )


def _rule_sentence(condition: models.Condition, data: Dataset, on: datetime.date) -> str:
    values = {}
    if condition.test.fact:
        fact = data.fact(condition.test.fact)
        text = fmt.quantity_vi(data.value_in_force(fact.id, on), fact.unit)
        values = {"years": text, "share": text}
    return eligibility.fill(condition.rule, values)


def _conditions(data: Dataset, on: datetime.date, applicant: str) -> list[dict[str, Any]]:
    found = [
        {"sentence": _rule_sentence(c, data, on), "ref": eligibility.basis_ref(c, data)}
        for c in data.eligibility.conditions
        if c.applicant == applicant
    ]
    if not found:
        raise KeyError(f"no conditions for applicant {applicant!r} in data/eligibility.yaml")
    return found


def _md(data: Dataset, from_src: str, macro: str, *args: Any) -> Md:
    return markdown("tools.md", macro, {"data": data, "from_page": from_src}, *args)


def condition_list(data: Dataset, on: datetime.date, applicant: str, from_src: str) -> Md:
    """The conditions for one kind of borrower as a Markdown list; their articles in a "Căn cứ" block."""
    return _md(data, from_src, "condition_list", _conditions(data, on, applicant))


def eligibility_conditions(data: Dataset, on: datetime.date, from_src: str) -> Md:
    """The conditions as a readable Markdown list, by kind of borrower, with amounts and security."""
    rules = data.eligibility
    blocks = []
    for applicant in ("individual", "establishment"):
        amounts = [
            {
                "rule": amount,
                "value": rendering.fact_value(data, amount.fact, on, from_src),
                "per_worker": amount.per_worker_fact
                and rendering.fact_value(data, amount.per_worker_fact, on, from_src),
                "ref": data.period_in_force(amount.fact, on).legal_ref,
            }
            for amount in rules.amounts
            if amount.applicant == applicant
        ]
        first = next(a for a in rules.amounts if a.applicant == applicant)
        threshold = {}
        if first.security_above_fact:
            threshold = {"threshold": fmt.money_words_vi(int(data.value_in_force(first.security_above_fact, on)))}
        security = {
            "sentence": eligibility.fill(first.security_text, threshold),
            "ref": eligibility.basis_ref(first.security, data),
        }
        blocks.append(_md(data, from_src, "applicant", applicant, _conditions(data, on, applicant), amounts, security))
    return Md("\n\n").join(blocks)


# --- estimator --------------------------------------------------------------------


def estimator_tool(data: Dataset, on: datetime.date, from_src: str) -> Markup:
    """The estimator form (hidden until the script runs), its data, and a worked example for everyone.
    Each borrower's maximum and security come from the check's amount rule (core.js maxAmount)."""
    cfg = data.estimator
    library = built_href(data.roles.pages.legal_library, from_src)
    rules = {a.id: a for a in data.eligibility.amounts}
    term = next(t for t in data.terms if t.id == cfg.security_term)
    workers = next(q for q in data.eligibility.questions if q.answer == "qualifying_workers")
    payload = {
        "rate": fact_periods(data, cfg.rate_fact),
        "limits": [
            {
                "id": limit.id,
                "label": limit.label,
                "amount": browser_amount(rules[limit.amount], data, library),
                "term": fact_periods(data, limit.max_term_fact, library),
            }
            for limit in cfg.limits
        ],
        "facts": {
            fact_id: fact_periods(data, fact_id, library)
            for fact_id in sorted({f for limit in cfg.limits for f in amount_facts(rules[limit.amount])})
        },
        "max_workers": eligibility.MAX_WORKERS,
        "security_term": {
            "words": term.term[0].lower() + term.term[1:],
            "gloss": term.gloss,
            "href": built_href(data.roles.pages.glossary, from_src, term.id),
        },
        "periods": [p.model_dump(mode="json") for p in cfg.periods],
        "note": cfg.note,
    }
    return render(
        "estimator_tool.html",
        limits=cfg.limits,
        periods=cfg.periods,
        per_worker=[limit.id for limit in cfg.limits if rules[limit.amount].per_worker_fact],
        workers_hint=workers.hint,
        data=json_script("uoc-tinh-data", payload),
        script=tool_script("uoc-tinh.js", from_src),
    )


def estimator_answer(plan: estimator.Schedule) -> Markup:
    """The estimate's first lines: the headline and the sentence under it, in the words
    docs/assets/uoc-tinh.js writes them with (templates/estimator_words.html)."""
    headline = plan.headline
    return render(
        "estimator_headline.html",
        headline={
            **dataclasses.asdict(headline),
            "due_words": fmt.money_vi(headline.due),
            "due_exact_words": fmt.money_vi(headline.due_exact),
            "interest_only_words": None if headline.interest_only is None else fmt.money_vi(headline.interest_only),
        },
        term_months=plan.term_months,
        first=fmt.money_vi(plan.first_payment),
        last=fmt.money_vi(plan.rows[-1].payment),
    )


def estimator_example(data: Dataset, on: datetime.date, from_page: str) -> Markup:
    """A schedule worked out at build time, readable without JavaScript."""
    cfg = data.estimator
    limit = next(each for each in cfg.limits if each.id == cfg.example.limit)
    period = next(p for p in cfg.periods if p.id == cfg.example.period)
    rule = next(a for a in data.eligibility.amounts if a.id == limit.amount)
    amount = int(data.value_in_force(rule.fact, on))
    rate = data.value_in_force(cfg.rate_fact, on)
    plan = estimator.schedule(amount, cfg.example.term_months, rate, period.months)
    return render(
        "estimator_example.html",
        limit=limit.label.lower(),
        amount=fmt.money_vi(amount),
        term_months=cfg.example.term_months,
        on=fmt.date_vi(on),
        rate=rendering.rate_value(data, on, from_page),
        period=period.label.lower(),
        answer=estimator_answer(plan),
        totals=[fmt.money_vi(total) for total in (plan.total_interest, plan.total_principal, plan.total_paid)],
        rows=[
            {
                "month": r.month,
                "amounts": [fmt.number_vi(value) for value in (r.outstanding, r.interest, r.principal, r.payment)],
            }
            for r in plan.rows
        ],
    )


# --- checklists and print -----------------------------------------------------------


def page_url(from_page: str) -> str | None:
    """The page's public address (SITE_URL and its served folder), as printed on paper; None
    without a public address."""
    base = settings.site_url()
    if base is None:
        return None
    stem = from_page.removesuffix(".md").removesuffix("index").rstrip("/")
    return base + (stem + "/" if stem else "")


def print_footer(from_page: str) -> Markup:
    """The site address and a QR code for the page, at the foot of every printed sheet. The QR code
    is an SVG made at build time (segno), inline as a data: URI: nothing is fetched. Without a
    public address, no QR code: the sheet says the address is not set."""
    address = page_url(from_page)
    if address is None:
        return render("print_footer.html", address=None, qr=None)
    qr = segno.make(address, error="m")
    return render("print_footer.html", address=address, qr=qr.svg_data_uri(scale=3, border=2, dark="#000"))


def _short(words: str) -> str:
    """An item's name in the list of sources: its words up to the first stop, colon or bracket."""
    return re.split(r"[.:(]", words, maxsplit=1)[0].strip()


def checklist(data: Dataset, on: datetime.date, checklist_id: str, from_src: str) -> Markup:
    """A printable checklist: the print button, tick boxes, one label where an item is not certain,
    each section's sources in a collapsed block, where the list stops, and the page's address."""
    found = [c for c in data.checklists.checklists if c.id == checklist_id]
    if not found:
        raise KeyError(f"no checklist {checklist_id!r} in data/checklists.yaml")
    item_list = found[0]
    contacts = {c.id: c for c in data.eligibility.contacts}
    sections = []
    for section in item_list.sections:
        items = []
        for item in section.items:
            words = item.text
            if item.fact:
                fact = data.fact(item.fact)
                words = eligibility.fill(
                    words, {"value": fmt.quantity_vi(data.value_in_force(item.fact, on), fact.unit)}
                )
            uncertain = item.status == "uncertain"
            sources = []
            if item.provision:
                rule = data.provision(item.provision)
                sources.append(cite_html(rule.legal_ref, data, from_src))
                uncertain = uncertain or rule.status == "uncertain"
            elif item.legal_ref:
                sources.append(cite_html(item.legal_ref, data, from_src))
            elif item.fact:
                period = data.period_in_force(item.fact, on)
                sources.append(cite_html(period.legal_ref, data, from_src))
                uncertain = uncertain or period.status == "uncertain"
            if item.source:
                sources.append(link_html(item.source_name or words()["source"], item.source))
            items.append(
                {
                    "id": item.id,
                    "text": words,
                    "name": _short(words),
                    "sources": sources,
                    "uncertain": uncertain,
                    "unsourced": item.unsourced,
                }
            )
        sections.append({"title": section.title, "note": section.note, "entries": items})
    unverified_ref = eligibility.basis_ref(item_list.unverified, data)
    pages = data.roles.pages
    return render(
        "checklist.html",
        check=built_href(pages.check, from_src),
        finder=built_href(pages.office_finder, from_src),
        known=known_contacts(data, from_src, printed=True),
        checklist=item_list,
        sections=sections,
        uncertain=doubt_label("uncertain", from_src),
        unverified=doubt_label("unverified", from_src),
        unverified_cites=[
            cite_html(unverified_ref, data, from_src),
            cite_html(models.LegalRef(document=item_list.guidance), data, from_src),
        ],
        ask=contacts[item_list.ask].label,
        write_down=[contacts[c].short for c in item_list.write_down],
        footer=print_footer(from_src),
        script=tool_script("in-trang.js", from_src, shared=False),
    )


# --- office finder -------------------------------------------------------------------


def province_branches(data: Dataset, from_page: str) -> Md:
    """VBSP offices that data says serve the whole province, with what is known about them."""
    context = {"data": data, "from_page": from_page}
    branches = [
        markdown("offices.md", "branch", context, office)
        for office in data.offices.values()
        if office.kind == "vbsp_branch" and office.serves == "whole_province"
    ]
    return Md("; ").join(branches) if branches else markdown("offices.md", "no_branch", context, bool(data.provinces))
