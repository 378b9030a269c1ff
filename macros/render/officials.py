"""The officials' pages (docs/can-bo/): matrix, programme, changes, calendar, figures.

Plain functions from the dataset to Markdown or HTML. Tables that need a
caption, row headers or data attributes are HTML; every data string in them is
HTML-escaped, and their links are computed for the built site (directory URLs)
and checked by the site-wide link test.
"""

from __future__ import annotations

import datetime
import html
import posixpath
from urllib.parse import urlparse

from macros.rules import schedule as cal
from macros.render import charts
from macros import formatting as fmt
from macros.data import models
from macros.data.dataset import Dataset
from macros.render.facts import LEGAL_LIBRARY_PAGE, cite, link, page_link, text, uncertain_label

PROGRAMME_PAGE = "can-bo/chuong-trinh-thanh-hoa.md"
CALENDAR_PAGE = "can-bo/lich.md"
CALENDAR_SCRIPT = "assets/can-bo-lich.js"
e = html.escape


# --- links in HTML blocks -------------------------------------------------------


def page_dir(src: str) -> str:
    """The folder a page is served from with directory URLs: "can-bo/lich.md" -> "can-bo/lich"."""
    stem = src.removesuffix(".md")
    if stem == "index":
        return ""
    return stem.removesuffix("/index")


def built_href(target: str, from_page: str, anchor: str = "") -> str:
    """A relative href, in the built site, from page `from_page` to a page ("x.md") or a file ("api/x.json")."""
    base = page_dir(from_page) or "."
    if target.endswith(".md"):
        relative = posixpath.relpath(page_dir(target) or ".", base)
        relative = "./" if relative == "." else relative + "/"
    else:
        relative = posixpath.relpath(target, base)
    return relative + (f"#{anchor}" if anchor else "")


def cite_html(ref: models.LegalRef, data: Dataset, from_page: str) -> str:
    return f'<a href="{e(built_href(LEGAL_LIBRARY_PAGE, from_page, ref.document))}">{e(data.ref_words(ref))}</a>'


def uncertain_html(note: str | None) -> str:
    return '<strong class="uncertain">Chưa chắc chắn:</strong> ' + e(note or "")


def _clause(data: Dataset, clause_id: str) -> models.ProgrammeClause:
    return next(c for c in data.province.programme.clauses if c.id == clause_id)


def programme_cite_html(data: Dataset, clause_id: str, from_page: str) -> str:
    clause = _clause(data, clause_id)
    href = built_href(PROGRAMME_PAGE, from_page, clause.id)
    return f'<a href="{e(href)}">Chương trình phối hợp, mục “{e(clause.title)}”</a>'


# --- calendar page ----------------------------------------------------------------


def duty_basis_html(data: Dataset, duty: models.Duty, from_page: str) -> str:
    parts = []
    if duty.legal_ref:
        parts.append(cite_html(duty.legal_ref, data, from_page))
    if duty.programme_clause:
        parts.append(programme_cite_html(data, duty.programme_clause, from_page))
    out = "; ".join(parts)
    if duty.status == "uncertain":
        out += ". " + uncertain_html(duty.note)
    return out


def duty_who_html(data: Dataset, duty: models.Duty) -> str:
    who = f"Ai làm: {e(data.body_name(duty.owner))}"
    if duty.partners:
        who += "; cùng " + ", ".join(e(data.body_name(p)) for p in duty.partners)
    if duty.recipient:
        who += f". Gửi đến, trao đổi với: {e(data.body_name(duty.recipient))}"
    return who + "."


def duties_calendar(data: Dataset, on: datetime.date, from_page: str) -> str:
    """The duties table. The "Lần tới" column is computed for `on` (the dated fallback) and again in the browser."""
    rows = []
    for duty in data.duties.values():
        due = cal.due(duty, on)
        timing = e(cal.timing_words(duty)) + "."
        if duty.timing_note:
            timing += " " + e(duty.timing_note)
        title = f'<span class="duty__title">{e(duty.title)}</span>'
        if duty.detail:
            title += f'<span class="duty__detail">{e(duty.detail)}</span>'
        title += f'<span class="duty__who">{duty_who_html(data, duty)}</span>'
        title += f'<span class="duty__basis">Căn cứ: {duty_basis_html(data, duty, from_page)}</span>'
        attrs = {
            "data-next": due.kind,
            "data-frequency": duty.frequency,
            "data-rrule": duty.rrule or "",
            "data-from": duty.applies_from.isoformat(),
            "data-to": duty.applies_to.isoformat() if duty.applies_to else "",
        }
        attr_text = " ".join(f'{k}="{e(v)}"' for k, v in attrs.items())
        rows.append(
            f'<tr id="viec-{e(duty.id)}"><th scope="row">{title}</th><td>{timing}</td>'
            f"<td {attr_text}>{e(due.words())}</td></tr>"
        )
    script = e(built_href(CALENDAR_SCRIPT, from_page))
    return (
        '<div class="duty-calendar">\n'
        f'<p class="duty-calendar__asof" data-asof data-build-date="{on.isoformat()}">Cột “Lần tới” được tính cho ngày '
        f"<strong>{fmt.date_vi(on)}</strong>, ngày trang này được tạo. Nếu trình duyệt chạy JavaScript, "
        "cột này được tính lại cho hôm nay.</p>\n"
        '<div class="table-scroll duties" tabindex="0" role="region" aria-label="Bảng công việc định kỳ, cuộn ngang được">'
        f"<table><caption>Công việc định kỳ tại {e(data.province.full_name)}</caption>"
        '<thead><tr><th scope="col">Việc, ai làm, căn cứ</th><th scope="col">Khi nào (theo nguồn)</th>'
        '<th scope="col">Lần tới</th></tr></thead>'
        f"<tbody>{''.join(rows)}</tbody></table></div>\n"
        "</div>\n"
        f'<script src="{script}" defer></script>'
    )


def calendar_feeds(data: Dataset, from_page: str, base_url: str) -> str:
    """One entry per feed: subscribe (webcal), download, and the address to paste."""
    items = []
    for audience, (_, label) in cal.FEEDS.items():
        path = cal.feed_path(data.province_slug, audience)
        absolute = base_url + path
        webcal = "webcal://" + absolute.split("://", 1)[1]
        count = len(cal.duties_for(data, audience))
        items.append(
            f'<li><strong>{e(label)}</strong> ({count} việc). '
            f'<a href="{e(webcal)}">Đăng ký lịch</a> · <a href="{e(built_href(path, from_page))}" download>Tải tệp .ics</a>'
            f'<br>Địa chỉ để dán: <code>{e(absolute)}</code></li>'
        )
    return '<ul class="calendar-feeds">' + "".join(items) + "</ul>"


def duties_by_owner(data: Dataset, from_page: str) -> str:
    """For the officials' start page: who does what, and when; one row per duty, grouped by the body that does it."""
    rows = ["| Ai làm | Việc | Khi nào |", "| --- | --- | --- |"]
    owners: list[str] = []
    for duty in data.duties.values():
        if duty.owner not in owners:
            owners.append(duty.owner)
    for owner in owners:
        for duty in (d for d in data.duties.values() if d.owner == owner):
            who = text(data.body_name(owner))
            if duty.partners:
                who += " (cùng " + ", ".join(text(data.body_name(p)) for p in duty.partners) + ")"
            duty_link = page_link(duty.title, CALENDAR_PAGE, from_page, anchor=f"viec-{duty.id}")
            rows.append(f"| {who} | {duty_link} | {text(cal.timing_words(duty))} |")
    return "\n".join(rows)


def next_exact_duties(data: Dataset, on: datetime.date, from_page: str) -> str:
    """The duties with an exact day, and the next such day from `on` (dated)."""
    lines = []
    for duty in data.duties.values():
        due = cal.due(duty, on)
        if due.kind == "date":
            duty_link = page_link(duty.title, CALENDAR_PAGE, from_page, anchor=f"viec-{duty.id}")
            lines.append(f"- {duty_link}: {text(cal.timing_words(duty).lower())}; lần tới (tính từ ngày {fmt.date_vi(on)}): **{fmt.date_vi(due.date)}**.")
    return "\n".join(lines)


# --- responsibility matrix ------------------------------------------------------------


def _row_body(data: Dataset, body_id: str) -> str:
    """Matrix rows are agencies: an office counts under its agency."""
    return data.offices[body_id].agency if body_id in data.offices else body_id


def matrix_rows(data: Dataset) -> list[tuple[str, list[models.Responsibility], list[models.ProgrammeClause]]]:
    """(agency id, its Decision tasks, its programme clauses), Decision order first."""
    order: list[str] = []
    tasks: dict[str, list[models.Responsibility]] = {}
    clauses: dict[str, list[models.ProgrammeClause]] = {}
    for item in data.responsibilities.values():
        if item.body not in order:
            order.append(item.body)
        tasks.setdefault(item.body, []).append(item)
    programme = data.province.programme
    for clause in programme.clauses if programme else []:
        for body in clause.bodies or programme.parties:
            agency = _row_body(data, body)
            if agency not in order:
                order.append(agency)
            if clause not in clauses.setdefault(agency, []):
                clauses[agency].append(clause)
    return [(body, tasks.get(body, []), clauses.get(body, [])) for body in order]


def _offices_of(data: Dataset, agency_id: str, clauses: list[models.ProgrammeClause]) -> list[str]:
    programme = data.province.programme
    named = {b for c in clauses for b in (c.bodies or programme.parties)} if programme else set()
    return [o.name for o in data.offices.values() if o.agency == agency_id and o.id in named]


def responsibility_matrix(data: Dataset, on: datetime.date, from_page: str) -> str:
    programme = data.province.programme
    duties_by_task: dict[str, list[models.Duty]] = {}
    for duty in data.duties.values():
        if duty.responsibility:
            duties_by_task.setdefault(duty.responsibility, []).append(duty)
    rows = []
    for body_id, tasks, clauses in matrix_rows(data):
        agency = data.agencies[body_id]
        head = f'<span class="matrix__body">{e(agency.name)}</span>'
        offices = _offices_of(data, body_id, clauses)
        if offices:
            head += f'<span class="matrix__office">Tại {e(data.province.name)}: {e(", ".join(offices))}</span>'
        if agency.ended_on and agency.ended_on <= on:
            head += f'<span class="matrix__ended">Không còn từ ngày {fmt.date_vi(agency.ended_on)}.</span>'
        items = []
        for task in tasks:
            item = f"{e(task.task)} <span class=\"matrix__cite\">({cite_html(task.legal_ref, data, from_page)})</span>"
            for duty in duties_by_task.get(task.id, []):
                href = built_href(CALENDAR_PAGE, from_page, f"viec-{duty.id}")
                item += f' <a class="matrix__when" href="{e(href)}">Lịch: {e(cal.timing_words(duty).lower())}</a>'
            if task.status == "uncertain":
                item += "<br>" + uncertain_html(task.note)
                if agency.ended_on and agency.ended_on <= on:
                    item += ' <strong class="open-question">Câu hỏi còn mở.</strong>'
            items.append(f"<li>{item}</li>")
        decision = f"<ul>{''.join(items)}</ul>" if items else "Không có nhiệm vụ riêng."
        own = []
        for clause in clauses:
            number = programme.clauses.index(clause) + 1
            href = built_href(PROGRAMME_PAGE, from_page, clause.id)
            item = f'<a href="{e(href)}">Mục {number}: {e(clause.title)}</a>'
            if clause.status == "uncertain":
                item += ' <em class="uncertain">(chưa chắc chắn)</em>'
            own.append(f"<li>{item}</li>")
        local = f"<ul>{''.join(own)}</ul>" if own else _no_programme_cell(data, programme)
        ended = ' class="historical"' if agency.ended_on and agency.ended_on <= on else ""
        rows.append(f'<tr id="co-quan-{e(body_id)}"{ended}><th scope="row">{head}</th><td>{decision}</td><td>{local}</td></tr>')
    local_head = f"Theo Chương trình phối hợp tại {e(data.province.name)}" if programme else "Theo chương trình của tỉnh"
    return (
        '<div class="responsibility-matrix table-scroll" tabindex="0" role="region" aria-label="Bảng trách nhiệm, cuộn ngang được">'
        f"<table><caption>Cơ quan nào làm gì: theo Quyết định 22/2023/QĐ-TTg và theo chương trình phối hợp tại "
        f"{e(data.province.full_name)} (tình trạng tính đến ngày {fmt.date_vi(on)})</caption>"
        f'<thead><tr><th scope="col">Cơ quan, người</th><th scope="col">Theo Quyết định 22</th><th scope="col">{local_head}</th></tr></thead>'
        f"<tbody>{''.join(rows)}</tbody></table></div>"
    )


def _no_programme_cell(data: Dataset, programme: models.Programme | None) -> str:
    """A matrix cell without programme tasks: none in the programme, no programme data, or (national) per province."""
    if programme is not None:
        return "Không có nhiệm vụ riêng."
    return "Theo chương trình của từng tỉnh, thành phố." if data.is_national else "Chưa có dữ liệu."


# --- programme page ---------------------------------------------------------------------


def programme_period(data: Dataset) -> str:
    programme = data.province.programme
    return f"{programme.first_year} - {programme.last_year}"


def programme_overview(data: Dataset, from_page: str) -> str:
    programme = data.province.programme
    parties = ", ".join(text(data.body_name(p)) for p in programme.parties)
    lines = [
        f"- **Tên:** {text(programme.title)}",
        f"- **Ngày ký:** {fmt.date_vi(programme.signed_on)}",
        f"- **Các bên ký:** {parties}",
        f"- **Giai đoạn:** {programme_period(data)}",
        f"- **Thực hiện:** {cite(models.LegalRef(document='qd-22-2023'), data, from_page)}",
        f"- **Nguồn:** {link('bài báo về lễ ký', programme.source)}, xác minh ngày {fmt.date_vi(programme.verified_on)}",
    ]
    if programme.note:
        lines += ["", '!!! warning "Chưa chắc chắn"', f"    {text(programme.note)}"]
    return "\n".join(lines)


def programme_clauses(data: Dataset, from_page: str) -> str:
    programme = data.province.programme
    blocks = []
    for number, clause in enumerate(programme.clauses, start=1):
        bodies = ", ".join(text(data.body_name(b)) for b in clause.bodies or programme.parties)
        lines = [f"### {number}. {text(clause.title)} {{#{clause.id}}}", "", text(clause.text), "", f"- **Ai thực hiện:** {bodies}."]
        duties = [d for d in data.duties.values() if d.programme_clause == clause.id]
        for duty in duties:
            duty_link = page_link(duty.title, CALENDAR_PAGE, from_page, anchor=f"viec-{duty.id}")
            lines.append(f"- **Lịch:** {duty_link} — {text(cal.timing_words(duty).lower())}.")
        if clause.status == "uncertain":
            lines.append(f"- {uncertain_label('nội dung theo bài báo về lễ ký, chưa đối chiếu được với văn bản chương trình.')}")
        blocks.append("\n".join(lines))
    return "\n\n".join(blocks)


# --- changes page ------------------------------------------------------------------------


def changes_timeline(data: Dataset, milestone_ids: list[str], from_page: str) -> str:
    rows = ["| Ngày | Thay đổi | Căn cứ, nguồn |", "| --- | --- | --- |"]
    for milestone_id in milestone_ids:
        item = data.milestone(milestone_id)
        basis = [cite(item.legal_ref, data, from_page)] if item.legal_ref else []
        basis.append(link("nguồn", item.source))
        change = f"**{text(item.title)}.** {text(item.text)}"
        if item.status == "uncertain":
            change += " *(chưa chắc chắn)*"
        rows.append(f"| {fmt.date_vi(item.date)} | {change} | {'; '.join(basis)} |")
    return "\n".join(rows)


def ended_bodies(data: Dataset, on: datetime.date) -> str:
    """Bodies that no longer exist on `on`, with the date and the data's note."""
    lines = []
    for agency in sorted(data.agencies.values(), key=lambda a: a.ended_on or datetime.date.max):
        if agency.ended_on and agency.ended_on <= on:
            lines.append(f"- **{text(agency.name)}**: không còn từ ngày {fmt.date_vi(agency.ended_on)}. {text(agency.note or '')}")
    return "\n".join(lines)


def document_date(data: Dataset, document_id: str, which: str = "effective_from") -> str:
    value = getattr(data.document(document_id), which)
    return fmt.date_vi(value) if value else "*chưa xác minh*"


# --- statistics --------------------------------------------------------------------------

MEASURE_WORDS = {
    "borrowers_in_year": ("Số người được vay trong năm", "trong năm"),
    "borrowers_cumulative": ("Lũy kế số người đã được vay", "lũy kế"),
    "borrowers_with_outstanding": ("Số người còn dư nợ", "còn dư nợ"),
}
AMOUNT_WORDS = {"disbursed": "đã giải ngân", "outstanding": "dư nợ"}
QUALIFIER_WORDS = {"exact": "", "over": "hơn ", "about": "khoảng ", "nearly": "gần "}
CAPITAL_WORDS = {"central": "Vốn trung ương", "local": "Vốn địa phương", "all": "Chung các nguồn vốn"}
_SERIES = list(MEASURE_WORDS)


def figure_when(figure: models.Figure) -> str:
    if figure.as_of_precision == "day":
        return fmt.date_vi(figure.as_of)
    if figure.as_of_precision == "month":
        return f"tháng {fmt.month_vi(figure.as_of)}"
    return f"khoảng tháng {fmt.month_vi(figure.as_of)}"


def figure_amount(figure: models.Figure) -> str:
    if figure.amount_vnd is None:
        return "chưa xác minh"
    return f"{QUALIFIER_WORDS[figure.amount_qualifier]}{fmt.money_words_vi(figure.amount_vnd)}"


def _source_label(url: str) -> str:
    return urlparse(url).netloc.removeprefix("www.")


def statistics_table(data: Dataset) -> str:
    rows = []
    for figure in data.figures:
        people = fmt.number_vi(figure.people) if figure.people is not None else "chưa xác minh"
        amount = figure_amount(figure)
        if figure.amount_kind:
            amount += f" ({AMOUNT_WORDS[figure.amount_kind]})"
        source = f'<a href="{e(figure.source)}">{e(_source_label(figure.source))}</a>'
        if figure.status == "uncertain":
            source += "<br>" + uncertain_html(figure.note)
        elif figure.note:
            source += "<br>" + e(figure.note)
        rows.append(
            f"<tr><th scope=\"row\">{e(figure_when(figure))}</th><td>{e(MEASURE_WORDS[figure.measure][0])}</td>"
            f"<td>{e(people)}</td><td>{e(amount)}</td><td>{e(CAPITAL_WORDS[figure.capital])}</td><td>{source}</td></tr>"
        )
    return (
        '<div class="table-scroll" tabindex="0" role="region" aria-label="Bảng số liệu, cuộn ngang được">'
        f"<table class=\"stats__table\"><caption>Số liệu cho vay tại {e(data.province.full_name)}, theo từng nguồn</caption>"
        '<thead><tr><th scope="col">Thời điểm</th><th scope="col">Chỉ tiêu</th><th scope="col">Số người</th>'
        '<th scope="col">Số tiền</th><th scope="col">Nguồn vốn</th><th scope="col">Nguồn</th></tr></thead>'
        f"<tbody>{''.join(rows)}</tbody></table></div>"
    )


def _bars(data: Dataset, amounts: bool) -> list[charts.Bar]:
    bars = []
    for figure in data.figures:
        series = _SERIES.index(figure.measure)
        if amounts:
            if figure.amount_vnd is None:
                continue
            billions = figure.amount_vnd / 1e9
            value_text = f"{QUALIFIER_WORDS[figure.amount_qualifier]}{fmt.number_vi(round(billions, 1))}"
            sub = AMOUNT_WORDS[figure.amount_kind] if figure.amount_kind else ""
            bars.append(charts.Bar(figure_when(figure), sub, billions, value_text, series))
        elif figure.people is not None:
            bars.append(charts.Bar(figure_when(figure), MEASURE_WORDS[figure.measure][1], figure.people, fmt.number_vi(figure.people), series))
    return bars


def statistics_charts(data: Dataset) -> str:
    """Two SVG charts (people, money) with their text alternatives, then the table with every value and source."""
    people = _bars(data, amounts=False)
    money = _bars(data, amounts=True)
    people_desc = "Biểu đồ thanh ngang. " + "; ".join(f"{b.label}: {b.value_text} người ({b.sublabel})" for b in people) + ". Các thanh đo những chỉ tiêu khác nhau, không phải một dãy số liên tục."
    money_desc = "Biểu đồ thanh ngang, đơn vị tỷ đồng. " + "; ".join(f"{b.label}: {b.value_text} tỷ đồng ({b.sublabel})" for b in money) + ". Các thanh đo những chỉ tiêu khác nhau."
    where = data.province.name
    return (
        '<div class="stats">'
        '<figure class="stats__chart">'
        + charts.bar_chart("bieu-do-so-nguoi", f"Số người vay vốn theo Quyết định 22 tại {where}", people_desc, people, "Số người")
        + charts.bar_chart("bieu-do-so-tien", f"Số tiền cho vay theo Quyết định 22 tại {where} (tỷ đồng)", money_desc, money, "Tỷ đồng")
        + "<figcaption>Mỗi thanh là một con số do một nguồn công bố, vào một thời điểm. Chữ màu cạnh ngày cho biết con số đó đo gì. "
        "Bảng dưới đây ghi đủ từng số và nguồn.</figcaption></figure>"
        + statistics_table(data)
        + "</div>"
    )


# --- open data page ----------------------------------------------------------------------


def api_catalogue(listings, index_path: str, index_schema_path: str, schema_version: str, from_page: str) -> str:
    """An HTML table of every file in /api/ and its schema (links into the built site).

    `listings` are the data files (name, title, path, schema_path, records), the index first in the table."""
    rows = []
    index_href = built_href(index_path, from_page)
    index_schema = built_href(index_schema_path, from_page)
    rows.append(
        f'<tr><th scope="row"><a href="{e(index_href)}"><code>index.json</code></a></th>'
        f"<td>Danh mục: mọi tệp dưới đây, lược đồ của chúng và các lịch .ics.</td><td>{len(listings)} tệp</td>"
        f'<td><a href="{e(index_schema)}"><code>index.schema.json</code></a></td></tr>'
    )
    for listing in listings:
        href = built_href(listing.path, from_page)
        schema = built_href(listing.schema_path, from_page)
        rows.append(
            f'<tr><th scope="row"><a href="{e(href)}"><code>{e(listing.name)}.json</code></a></th>'
            f"<td>{e(listing.title)}.</td><td>{listing.records}</td>"
            f'<td><a href="{e(schema)}"><code>{e(listing.name)}.schema.json</code></a></td></tr>'
        )
    return (
        '<div class="table-scroll" tabindex="0" role="region" aria-label="Danh sách tệp dữ liệu, cuộn ngang được">'
        "<table><caption>Các tệp trong thư mục /api/ (phiên bản lược đồ "
        f"{e(schema_version)})</caption>"
        '<thead><tr><th scope="col">Tệp</th><th scope="col">Nội dung</th><th scope="col">Số bản ghi</th><th scope="col">Lược đồ JSON</th></tr></thead>'
        f"<tbody>{''.join(rows)}</tbody></table></div>"
    )


def licence_link(licence: dict[str, str]) -> str:
    return link(licence["name"], licence["url"])
