"""The beneficiary tools' page parts: eligibility check, estimator, checklists, office finder.

Plain functions returning HTML or Markdown; `define_env` wires them as macros. Each interactive
tool is an HTML block that JavaScript un-hides, its data as JSON embedded in the page (so nothing
is fetched after load), and a script from docs/assets/. Without JavaScript every page still reads:
conditions as a list, an example schedule, the checklists, and the full table of offices.

Links inside generated HTML are relative URLs computed here (MkDocs does not check links in raw
HTML; tests/test_site.py checks every href of the built site).
"""

from __future__ import annotations

import datetime
import html
import json
import posixpath
from typing import Any

from macros.rules import eligibility
from macros.rules import estimator
from macros import formatting as fmt
from macros.data import models
from macros.render import facts as rendering
from macros.data.dataset import Dataset
from macros.text import fold

LIBRARY = "van-ban-phap-ly.md"
FINDER = "cong-cu/tim-co-quan.md"


# --- URLs (use_directory_urls: true, as in mkdocs.yml) ------------------------


def url_of(src: str) -> str:
    """The site URL of a Markdown page: "cong-cu/kiem-tra.md" -> "cong-cu/kiem-tra/"."""
    if src == "index.md":
        return ""
    if src.endswith("/index.md"):
        return src[: -len("index.md")]
    return src.removesuffix(".md") + "/"


def href(from_src: str, target: str) -> str:
    """A URL relative to the page `from_src`: target is a Markdown page or a file path (assets/x.js)."""
    url = url_of(target) if target.endswith(".md") else target
    rel = posixpath.relpath(url or ".", url_of(from_src) or ".")
    return rel + "/" if (url.endswith("/") or not url) and not rel.endswith("/") else rel


def library_href(from_src: str, document: str) -> str:
    return f"{href(from_src, LIBRARY)}#{document}"


def e(value: Any) -> str:
    return html.escape(str(value), quote=True)


def json_script(element_id: str, payload: Any) -> str:
    """Data for a script, inert: JSON inside <script type="application/json">, "</" escaped."""
    body = json.dumps(payload, ensure_ascii=False, separators=(",", ":")).replace("</", "<\\/")
    return f'<script type="application/json" id="{element_id}">{body}</script>'


def script(from_src: str, name: str) -> str:
    """A tool's script, run where it stands (no `defer`): the tool is built before the text
    after it is parsed, so nothing below moves when it appears (Lighthouse: layout shift)."""
    return f'<script src="{e(href(from_src, "assets/" + name))}"></script>'


def cite_html(ref: models.LegalRef, data: Dataset, from_src: str) -> str:
    return f'<a href="{e(library_href(from_src, ref.document))}">{e(data.ref_words(ref))}</a>'


def print_button(label: str = "In trang này") -> str:
    """Shown only when JavaScript runs (docs/assets/in-trang.js); printing works from the browser menu too."""
    return f'<p class="tool-print" hidden><button type="button" class="md-button" data-print>{e(label)}</button></p>'


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


def browser_rules(data: Dataset, library: str, finder: str) -> dict[str, Any]:
    """The rule set as the browser reads it. `library` and `finder` are URLs relative to the page."""
    rules = data.eligibility
    fact_ids = {c.test.fact for c in rules.conditions if c.test.fact}
    fact_ids |= {getattr(a, name) for a in rules.amounts for name in ("fact", "per_worker_fact", "security_above_fact")} - {None}

    def based(record: models.Basis, **fields: Any) -> dict[str, Any]:
        return {**fields, "cite": _cite(eligibility.basis_ref(record, data), data, library)}

    return {
        "contacts": {c.id: {"label": c.label, "finder": c.finder} for c in rules.contacts},
        "questions": [q.model_dump(mode="json", exclude_none=True) for q in rules.questions],
        "conditions": [
            based(c, **c.model_dump(mode="json", exclude_none=True, exclude={"provision", "legal_ref"}))
            for c in rules.conditions
        ],
        "amounts": [
            {
                **a.model_dump(mode="json", exclude_none=True, exclude={"security"}),
                "security_cite": _cite(eligibility.basis_ref(a.security, data), data, library),
            }
            for a in rules.amounts
        ],
        "outcomes": {o.id: {"title": o.title, "text": o.text} for o in rules.outcomes},
        "next_steps": [based(s, **s.model_dump(mode="json", exclude_none=True, exclude={"provision", "legal_ref"})) for s in rules.next_steps],
        "unknown_applicant": based(rules.unknown_applicant, text=rules.unknown_applicant.text),
        "facts": {fact_id: fact_periods(data, fact_id, library) for fact_id in sorted(fact_ids)},
        "finder": finder,
    }


# --- eligibility check ----------------------------------------------------------


def eligibility_check(data: Dataset, from_src: str) -> str:
    """The question-by-question check: a hidden container the script fills, and its rules."""
    rules = browser_rules(data, library=href(from_src, LIBRARY), finder=href(from_src, FINDER))
    return "\n".join([
        '<div id="kiem-tra" class="tool tool-check" hidden></div>',
        '<noscript><p class="tool-noscript">Trình duyệt của bạn đang tắt JavaScript nên không hiện được phần hỏi từng câu. '
        "Các điều kiện vay được liệt kê ngay dưới đây.</p></noscript>",
        json_script("kiem-tra-rules", rules),
        script(from_src, "kiem-tra.js"),
    ])


def _rule_sentence(condition: models.Condition, data: Dataset, on: datetime.date) -> str:
    values = {}
    if condition.test.fact:
        fact = data.fact(condition.test.fact)
        text = fmt.quantity_vi(data.value_in_force(fact.id, on), fact.unit)
        values = {"years": text, "share": text}
    return eligibility.fill(condition.rule, values)


def condition_list(data: Dataset, on: datetime.date, applicant: str, from_src: str) -> str:
    """The conditions for one kind of borrower as a Markdown list, each with its article."""
    lines = []
    for condition in data.eligibility.conditions:
        if condition.applicant == applicant:
            ref = eligibility.basis_ref(condition, data)
            lines.append(f"- {rendering.text(_rule_sentence(condition, data, on))} ({rendering.cite(ref, data, from_src)})")
    if not lines:
        raise KeyError(f"no conditions for applicant {applicant!r} in data/eligibility.yaml")
    return "\n".join(lines)


def eligibility_conditions(data: Dataset, on: datetime.date, from_src: str) -> str:
    """The conditions as a readable Markdown list, by kind of borrower, with amounts and security."""
    rules = data.eligibility
    blocks = []
    for applicant, heading in (("individual", "Người chấp hành xong án phạt tù"), ("establishment", "Cơ sở sản xuất, kinh doanh")):
        lines = [f"### {heading}", "", condition_list(data, on, applicant, from_src), ""]
        for amount in rules.amounts:
            if amount.applicant != applicant:
                continue
            label = {"training": "Mức vay tối đa để học nghề", "business": "Mức vay tối đa để sản xuất, kinh doanh, tạo việc làm"}[amount.purpose]
            line = f"- {label}: {rendering.fact_cited(data, amount.fact, on, from_src)}"
            if amount.per_worker_fact:
                line += f"; không quá {rendering.fact_cited(data, amount.per_worker_fact, on, from_src)} cho mỗi người lao động là người chấp hành xong án phạt tù"
            lines.append(line + ".")
        first = next(a for a in rules.amounts if a.applicant == applicant)
        threshold = {}
        if first.security_above_fact:
            threshold = {"threshold": fmt.money_words_vi(int(data.value_in_force(first.security_above_fact, on)))}
        lines.append(f"- {rendering.text(eligibility.fill(first.security_text, threshold))} ({rendering.cite(eligibility.basis_ref(first.security, data), data, from_src)})")
        blocks.append("\n".join(lines))
    return "\n\n".join(blocks)


# --- estimator --------------------------------------------------------------------


def schedule_table(plan: estimator.Schedule) -> str:
    rows = "".join(
        f"<tr><td>{r.month}</td><td>{e(fmt.number_vi(r.outstanding))}</td><td>{e(fmt.number_vi(r.interest))}</td>"
        f"<td>{e(fmt.number_vi(r.principal))}</td><td>{e(fmt.number_vi(r.payment))}</td></tr>"
        for r in plan.rows
    )
    return (
        '<table class="estimator-table"><caption>Đơn vị: đồng</caption><thead><tr><th scope="col">Tháng</th>'
        '<th scope="col">Gốc còn nợ đầu tháng</th><th scope="col">Tiền lãi</th><th scope="col">Tiền gốc trả</th>'
        f'<th scope="col">Tổng phải trả</th></tr></thead><tbody>{rows}</tbody></table>'
    )


def schedule_totals(plan: estimator.Schedule) -> str:
    items = [
        ("Tổng tiền lãi", plan.total_interest),
        ("Tổng tiền gốc", plan.total_principal),
        ("Tổng số tiền phải trả", plan.total_paid),
    ]
    return '<dl class="estimator-totals">' + "".join(
        f'<dt>{e(label)}</dt><dd data-total="{i}">{e(fmt.money_vi(value))}</dd>' for i, (label, value) in enumerate(items)
    ) + "</dl>"


def estimator_tool(data: Dataset, on: datetime.date, from_src: str) -> str:
    """The estimator form (hidden until the script runs), its data, and a worked example for everyone."""
    cfg = data.estimator
    payload = {
        "rate": fact_periods(data, cfg.rate_fact),
        "limits": [
            {"id": l.id, "label": l.label, "amount": fact_periods(data, l.max_amount_fact), "term": fact_periods(data, l.max_term_fact)}
            for l in cfg.limits
        ],
        "periods": [p.model_dump(mode="json") for p in cfg.periods],
        "note": cfg.note,
    }
    limits = "".join(f'<option value="{e(l.id)}">{e(l.label)}</option>' for l in cfg.limits)
    periods = "".join(f'<option value="{p.months}">{e(p.label)}</option>' for p in cfg.periods)
    form = (
        '<form id="uoc-tinh" class="tool estimator" hidden novalidate>'
        f'<p><label for="uoc-tinh-limit">Người vay</label><select id="uoc-tinh-limit" name="limit">{limits}</select></p>'
        '<p><label for="uoc-tinh-amount">Số tiền vay (đồng)</label>'
        '<input id="uoc-tinh-amount" name="amount" type="text" inputmode="numeric" autocomplete="off" aria-describedby="uoc-tinh-amount-hint">'
        '<span class="tool-hint" id="uoc-tinh-amount-hint"></span></p>'
        '<p><label for="uoc-tinh-term">Thời hạn vay (số tháng)</label>'
        '<input id="uoc-tinh-term" name="term" type="text" inputmode="numeric" autocomplete="off" aria-describedby="uoc-tinh-term-hint">'
        '<span class="tool-hint" id="uoc-tinh-term-hint"></span></p>'
        f'<p><label for="uoc-tinh-period">Trả tiền gốc</label><select id="uoc-tinh-period" name="period">{periods}</select></p>'
        '<p class="estimator-rate" id="uoc-tinh-rate"></p>'
        '<p><button type="submit" class="md-button md-button--primary">Tính</button></p>'
        "</form>"
        '<div id="uoc-tinh-result" class="estimator-result" aria-live="polite"></div>'
    )
    return "\n".join([form, json_script("uoc-tinh-data", payload), script(from_src, "uoc-tinh.js")])


def estimator_example(data: Dataset, on: datetime.date) -> str:
    """A schedule worked out at build time, readable without JavaScript."""
    cfg = data.estimator
    limit = next(l for l in cfg.limits if l.id == cfg.example.limit)
    period = next(p for p in cfg.periods if p.id == cfg.example.period)
    amount = int(data.value_in_force(limit.max_amount_fact, on))
    rate = data.value_in_force(cfg.rate_fact, on)
    uncertain = data.period_in_force(cfg.rate_fact, on).status == "uncertain"
    plan = estimator.schedule(amount, cfg.example.term_months, rate, period.months)
    intro = (
        f"<p>Ví dụ ({e(limit.label.lower())}): vay {e(fmt.money_vi(amount))} trong {cfg.example.term_months} tháng, "
        f"lãi suất áp dụng ngày {e(fmt.date_vi(on))} là {e(fmt.quantity_vi(rate, 'percent_per_year'))}"
        + (f" {rendering.UNCERTAIN_MARK}" if uncertain else "")
        + f", trả tiền gốc {e(period.label.lower())}."
        + (" Vì lãi suất chưa chắc chắn, tiền lãi dưới đây cũng chưa chắc chắn." if uncertain else "")
        + "</p>"
    )
    return (
        f'<div class="estimator-example">{intro}{schedule_totals(plan)}'
        f"<details><summary>Xem số tiền từng tháng</summary>{schedule_table(plan)}</details></div>"
    )


# --- checklists -------------------------------------------------------------------


def checklist(data: Dataset, on: datetime.date, checklist_id: str, from_src: str) -> str:
    """A printable checklist: tick boxes, each line with its basis, and what is not verified."""
    found = [c for c in data.checklists.checklists if c.id == checklist_id]
    if not found:
        raise KeyError(f"no checklist {checklist_id!r} in data/checklists.yaml")
    item_list = found[0]
    contacts = {c.id: c for c in data.eligibility.contacts}
    parts = [f'<div class="checklist" data-checklist="{e(item_list.id)}">', f"<p>{e(item_list.intro)}</p>"]
    for section in item_list.sections:
        parts.append(f"<h2>{e(section.title)}</h2><ul class=\"checklist-items\">")
        for item in section.items:
            text = item.text
            if item.fact:
                fact = data.fact(item.fact)
                text = eligibility.fill(text, {"value": fmt.quantity_vi(data.value_in_force(item.fact, on), fact.unit)})
            if item.provision:
                rule = data.provision(item.provision)
                ref, uncertain = rule.legal_ref, rule.status == "uncertain"
            elif item.legal_ref:
                ref, uncertain = item.legal_ref, False
            else:
                period = data.period_in_force(item.fact, on)
                ref, uncertain = period.legal_ref, period.status == "uncertain"
            mark = ' <span class="uncertain">(theo báo chí, chưa thấy trong văn bản)</span>' if uncertain else ""
            parts.append(
                f'<li><input type="checkbox" id="{e(item.id)}"><label for="{e(item.id)}">{e(text)}</label>'
                f' <span class="checklist-basis">({cite_html(ref, data, from_src)}){mark}</span></li>'
            )
        parts.append("</ul>")
    ask = contacts[item_list.ask]
    unverified_ref = eligibility.basis_ref(item_list.unverified, data)
    parts.append(
        '<div class="checklist-unverified"><p><strong>Giấy tờ khác: <em>chưa xác minh</em>.</strong> '
        f"{e(item_list.unverified.text)} ({cite_html(unverified_ref, data, from_src)}; "
        f"{cite_html(models.LegalRef(document=item_list.guidance), data, from_src)})</p>"
        f"<p>Hãy hỏi: {e(ask.label)}.</p></div>"
    )
    parts.append(
        '<div class="checklist-notes"><p><strong>Ghi lại nơi liên hệ của bạn</strong> (trang này chưa có địa chỉ, '
        "số điện thoại đã xác minh):</p>"
        + "".join(f'<p class="fill-line">{e(contacts[c].short)}:</p>' for c in item_list.write_down)
        + "</div>"
    )
    parts.append(print_button())
    parts.append("</div>")
    parts.append(script(from_src, "in-trang.js"))
    return "\n".join(parts)


# --- office finder -------------------------------------------------------------------

UNVERIFIED = rendering.UNVERIFIED


def _unit_title(commune: models.Commune) -> str:
    return f"{commune.type.capitalize()} {commune.name}"


def _vbsp_cell(data: Dataset, commune: models.Commune) -> dict[str, Any]:
    """The VBSP transaction office serving a unit, as far as data says."""
    if commune.vbsp_office is None:
        return {"name": None, "details": None}
    office = data.offices[commune.vbsp_office]
    details = [f"Địa chỉ: {office.address}" if office.address else f"Địa chỉ: {UNVERIFIED}",
               f"Điện thoại: {office.phone}" if office.phone else f"Điện thoại: {UNVERIFIED}"]
    if office.hours:
        details.append(f"Giờ làm việc: {office.hours}")
    return {"name": office.name, "details": "; ".join(details)}


def finder_units(data: Dataset) -> list[dict[str, Any]]:
    units = []
    for commune in data.communes.values():
        title = _unit_title(commune)
        units.append({
            "id": commune.id,
            "title": title,
            "fold": fold(commune.name),
            "fold_full": fold(title),
            "police": f"Công an {commune.type} {commune.name}",
            "committee": f"Ủy ban nhân dân {commune.type} {commune.name}",
            "vbsp": _vbsp_cell(data, commune),
        })
    return units


def office_finder(data: Dataset, from_src: str) -> str:
    """Search box and picker (JavaScript), and the full table of units that reads without it."""
    units = finder_units(data)
    widget = (
        '<div id="tim-co-quan" class="tool finder" hidden>'
        '<p><label for="tim-co-quan-q">Gõ tên xã, phường (có dấu hoặc không dấu)</label>'
        '<input id="tim-co-quan-q" type="search" autocomplete="off" spellcheck="false" aria-describedby="tim-co-quan-count"></p>'
        f'<p><label for="tim-co-quan-pick">Hoặc chọn trong danh sách</label><select id="tim-co-quan-pick"><option value="">Chọn xã, phường</option></select></p>'
        '<p id="tim-co-quan-count" class="tool-hint" aria-live="polite"></p>'
        '<div id="tim-co-quan-results"></div>'
        "</div>"
    )
    payload = {
        "units": units,
        "unverified": UNVERIFIED,
        "contact_help": "#cach-lien-he",
    }
    return "\n".join([widget, json_script("tim-co-quan-data", payload), script(from_src, "tim-co-quan.js")])


def office_table(data: Dataset) -> str:
    """Every unit with its offices, as an HTML table (the no-JavaScript list)."""
    rows = []
    for index, unit in enumerate(finder_units(data), start=1):
        vbsp = unit["vbsp"]
        vbsp_cell = f"{e(vbsp['name'])} ({e(vbsp['details'])})" if vbsp["name"] else f"<em>{UNVERIFIED}</em>"
        rows.append(
            f'<tr id="{e(unit["id"])}"><td>{index}</td><th scope="row">{e(unit["title"])}</th>'
            f'<td>{e(unit["police"])}</td><td>{e(unit["committee"])}</td><td>{vbsp_cell}</td></tr>'
        )
    return (
        '<table class="office-table"><caption>Các xã, phường và nơi liên hệ</caption><thead><tr>'
        '<th scope="col">Số thứ tự</th><th scope="col">Xã, phường</th><th scope="col">Công an</th>'
        '<th scope="col">Ủy ban nhân dân</th><th scope="col">Phòng giao dịch Ngân hàng Chính sách xã hội</th>'
        f'</tr></thead><tbody>{"".join(rows)}</tbody></table>'
    )


def province_branches(data: Dataset) -> str:
    """VBSP offices that data says serve the whole province, with what is known about them."""
    lines = []
    for office in data.offices.values():
        if office.kind == "vbsp_branch" and office.serves == "whole_province":
            known = [f"địa chỉ: {rendering.text(office.address)}" if office.address else f"địa chỉ: *{UNVERIFIED}*",
                     f"điện thoại: {rendering.text(office.phone)}" if office.phone else f"điện thoại: *{UNVERIFIED}*"]
            lines.append(f"{rendering.text(office.name)} ({'; '.join(known)})")
    if not lines and data.is_national:
        return "xem trang của từng tỉnh, thành phố, mục “Nơi liên hệ ở tỉnh”"
    return "; ".join(lines) or f"*{UNVERIFIED}*"
