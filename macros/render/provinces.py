"""Every province from one codebase, and all of them in one national site.

A province's site is the same pages built with `PROVINCE=<folder>`; what names the
province (titles, description, the programme's nav entry) comes from its data here.

The national site (`PROVINCE=ca-nuoc`, `settings.NATIONAL`) is the same pages, where
"the province" reads "mỗi tỉnh, thành phố", plus one generated page per province
(`tinh/<folder>.md`: its units, offices, programme, own duties and figures) and a
selector (`tinh/index.md`). `stage_docs` writes those pages, as one-line macro calls,
into a copy of docs/ before MkDocs runs (no mkdocs hooks). One page per province, not
per commune, and `navigation.prune`, keep the cost linear in the number of communes.
"""

from __future__ import annotations

import datetime

from macros import formatting as fmt
from macros.data.dataset import Dataset
from macros.render import contacts, finder, officials, tools
from macros.render.country import UNITS_ANCHOR
from macros.render.markup import (
    CALENDAR_PAGE,
    OFFICE_FINDER_PAGE,
    PROVINCES_DIR,
    cite,
    cite_document,
    doubt_label,
    link,
    markdown_block,
    page_link,
    province_page_path,
    render,
    text,
    uncertain_label,
    unknown,
)
from macros.rules import schedule as cal

SELECTOR_PAGE = f"{PROVINCES_DIR}/index.md"
NO_DATA = "chưa có dữ liệu"
SECTIONS = {
    "xa-phuong": "Xã, phường",
    "noi-lien-he": "Nơi liên hệ ở tỉnh",
    "chuong-trinh": "Chương trình phối hợp",
    "cong-viec": "Công việc định kỳ",
    "so-lieu": "Số liệu",
}
"""The sections of a province page, by anchor (the selector links to them)."""


def sentence(value: str) -> str:
    """Upper-case the first letter only (Jinja's `capitalize` lower-cases the rest: "Tỉnh thanh hóa")."""
    return value[:1].upper() + value[1:]


def ordered(data: Dataset) -> list[Dataset]:
    """The national site's provinces in Vietnamese alphabetical order (diacritics folded)."""
    return data.provinces_in_order()


# --- pages of one province that have nothing to show -----------------------------------------


def programme_purposes(data: Dataset) -> str:
    return "\n".join(f"- {text(p)}" for p in data.province.programme.purposes)


def programme_missing(data: Dataset, from_page: str) -> str:
    """The programme page without a programme: on a national site, each province's programme."""
    if data.is_national:
        return (
            "Mỗi tỉnh, thành phố có chương trình phối hợp riêng (nếu có). Chọn tỉnh, thành phố:\n\n"
            + province_links(data, "chuong-trinh", from_page, _programme_state)
        )
    return (
        f"Chương trình phối hợp giữa Công an tỉnh và Chi nhánh Ngân hàng Chính sách xã hội tỉnh tại {text(data.province.full_name)}: "
        f"*{NO_DATA}*. Trang chưa có nguồn nêu chương trình này. Hãy hỏi Công an tỉnh hoặc Chi nhánh Ngân hàng Chính sách xã hội tỉnh.\n\n"
        f"Các việc {cite_decision(data, from_page)} giao cho từng cơ quan vẫn áp dụng: xem {page_link('Trách nhiệm của các cơ quan', 'can-bo/trach-nhiem.md', from_page)}."
    )


def cite_decision(data: Dataset, from_page: str) -> str:
    return cite_document("qd-22-2023", data, from_page)


def statistics_missing(data: Dataset, from_page: str) -> str:
    if data.is_national:
        return (
            "Số liệu cho vay được công bố theo từng tỉnh, thành phố. Trang không cộng các số này thành số cả nước: "
            "mỗi số đo một chỉ tiêu, vào một thời điểm. Chọn tỉnh, thành phố:\n\n"
            + province_links(data, "so-lieu", from_page, _figures_state)
        )
    return (
        f"Số liệu cho vay theo {cite_decision(data, from_page)} tại {text(data.province.full_name)}: *{NO_DATA}*. "
        "Trang chỉ ghi số do một nguồn công bố; sẽ thêm khi có nguồn."
    )


# --- the selector ------------------------------------------------------------------------------


def _units_state(p: Dataset) -> str:
    counts = _unit_counts(p)
    return f"{counts[0]} đơn vị hành chính cấp xã" if counts else f"số xã, phường: {NO_DATA}"


def _programme_state(p: Dataset) -> str:
    programme = p.province.programme
    return (
        f"chương trình giai đoạn {programme.first_year} - {programme.last_year}"
        if programme
        else f"chương trình: {NO_DATA}"
    )


def _figures_state(p: Dataset) -> str:
    return f"{len(p.figures)} số liệu" if p.figures else f"số liệu: {NO_DATA}"


def _unit_counts(p: Dataset) -> tuple[int, str] | None:
    """(total, "147 xã, 19 phường"), from the list, else from province.yaml's counts; None when unknown."""
    if p.communes:
        counts = {kind: sum(1 for c in p.communes.values() if c.type == kind) for kind in ("xã", "phường", "đặc khu")}
        return len(p.communes), ", ".join(f"{n} {kind}" for kind, n in counts.items() if n)
    province = p.province
    if province.ward_count is not None and province.commune_count is not None:
        return (
            province.ward_count + province.commune_count,
            f"{province.commune_count} xã và đặc khu, {province.ward_count} phường",
        )
    return None


def province_links(data: Dataset, anchor: str, from_page: str, state=_units_state) -> str:
    """One line per province, linking to a section of its page."""
    return "\n".join(
        f"- {page_link(sentence(p.province.full_name), province_page_path(p.province_slug), from_page, anchor)}: {text(state(p))}"
        for p in ordered(data)
    )


def province_selector(data: Dataset, anchor: str, from_page: str) -> str:
    if not data.is_national:
        return ""
    return province_links(data, anchor, from_page)


def province_list(data: Dataset, from_page: str) -> str:
    """tinh/index.md: every province with what the site holds for it."""
    rows = ["| Tỉnh, thành phố | Xã, phường | Chương trình phối hợp | Số liệu |", "| --- | --- | --- | --- |"]
    for p in ordered(data):
        page = province_page_path(p.province_slug)
        rows.append(
            f"| {page_link(sentence(p.province.full_name), page, from_page)} | {text(_units_state(p))} "
            f"| {text(_programme_state(p))} | {text(_figures_state(p))} |"
        )
    intro = (
        f"Trang có dữ liệu riêng của {len(data.provinces)} tỉnh, thành phố. Điều kiện vay, mức vay, lãi suất và thủ tục "
        f"giống nhau ở mọi nơi: xem {page_link('Điều kiện vay', 'quy-dinh/dieu-kien.md', from_page)} và "
        f"{page_link('Thủ tục', 'thu-tuc/index.md', from_page)}. Trang của mỗi tỉnh, thành phố có danh sách xã, phường, "
        "nơi liên hệ, chương trình phối hợp, công việc riêng và số liệu."
    )
    return intro + "\n\n" + "\n".join(rows)


# --- one province's page --------------------------------------------------------------------------


def units_words(p: Dataset, from_page: str) -> str:
    """ "166 đơn vị hành chính cấp xã (147 xã, 19 phường) từ ngày ... (basis)", or what is not known."""
    counts = _unit_counts(p)
    if counts is None:
        return f"một số đơn vị hành chính cấp xã (số lượng và danh sách: *{NO_DATA}*)"
    province = p.province
    out = f"{counts[0]} đơn vị hành chính cấp xã ({counts[1]})"
    if province.units_since:
        out += f" từ ngày {fmt.date_vi(province.units_since)}"
    if province.units_basis:
        out += f" ({cite(province.units_basis, p, from_page)})"
    return out


def _heading(anchor: str, searched: bool = True) -> str:
    """A section's heading; a section that only says what is not known yet stays out of the search
    index (34 such sections would weigh more than they help)."""
    return f"## {SECTIONS[anchor]} {{#{anchor}{'' if searched else ' data-search-exclude'}}}"


def map_changes(p: Dataset, from_page: str) -> list[str]:
    """The changes of unit_changes.yaml in force on the site's day, one sentence per resolution and day:
    "Từ ngày 30/04/2026, xã Lộc Ninh, ... trở thành phường (Nghị quyết 237/NQ-UBTVQH16)."."""
    groups: dict[tuple, list] = {}
    for change in p.changes_in_force:
        groups.setdefault((change.effective_from, change.legal_basis.document), []).append(change)
    before = {e.change: e for earlier in p.earlier_names.values() for e in earlier}
    before |= {e.change: e for e in p.province_earlier}
    ended = {e.change: e for e in p.ended_units}
    sentences = []
    for (day, _), changes in groups.items():
        said = []
        retyped: dict[tuple[str, str], list[str]] = {}
        for c in changes:
            if c.unit and c.type and not c.name and c.id in before:
                retyped.setdefault((before[c.id].type, c.type), []).append(before[c.id].name)
        said += [f"{len(names)} {old} trở thành {new}: {', '.join(names)}" for (old, new), names in retyped.items()]
        for c in changes:
            if c.unit and c.type and not c.name and c.id in before:
                continue
            if c.province is not None:
                said.append(f"{before[c.id].name} trở thành {c.province.full_name}")
            elif c.creates is not None:
                said.append(f"thành lập {c.creates.type} {c.creates.name}")
            elif c.id in ended:
                now = " và ".join(f"{p.communes[u].type} {p.communes[u].name}" for u in finder.now_in(p, ended[c.id]))
                said.append(f"{ended[c.id].unit.type} {ended[c.id].unit.name} nay thuộc {now}")
            else:
                unit = p.communes[c.unit or ""]
                said.append(f"{before[c.id].type} {before[c.id].name} nay là {unit.type} {unit.name}")
        sentences.append(
            f"Từ ngày {fmt.date_vi(day)}, {text('; '.join(said))} ({cite(changes[0].legal_basis, p, from_page)})."
        )
    return sentences


def _units_section(p: Dataset, from_page: str) -> list[str]:
    out = [_heading("xa-phuong"), "", f"Tại {text(p.province.full_name)} có {units_words(p, from_page)}."]
    changes = map_changes(p, from_page)
    if changes:
        out += ["", " ".join(changes)]
    if p.communes and p.province.units_basis is None:
        out += [
            "",
            f"Nghị quyết của Ủy ban Thường vụ Quốc hội sắp xếp các đơn vị hành chính cấp xã của {text(p.province.full_name)}: "
            f"{unknown(from_page)}. Danh sách dưới đây theo nguồn ghi ở cuối trang.",
        ]
    out += [
        "",
        "Mỗi xã, phường có Công an và Ủy ban nhân dân riêng. Công an xã, phường nơi bạn cư trú lập danh sách người đủ điều kiện và có nhu cầu vay vốn; "
        f"Ủy ban nhân dân xã, phường xác nhận danh sách đó. Xem {page_link('Tìm nơi liên hệ', OFFICE_FINDER_PAGE, from_page)}.",
    ]
    if not p.communes:
        return out
    return out + ["", province_units_table(p, from_page)]


def province_units_table(p: Dataset, from_page: str) -> str:
    """Every unit of today with its code, what it was made of before the reform and, where a
    source names it, its VBSP transaction office (the column only when one does). Left out of the
    search index: the national site's search finds units by one entry per province (render/country.py)."""
    districts = {d.id: d for d in p.former_units.districts}
    parts = finder.made_of(p)
    units = []
    for unit in tools.finder_units(p):
        olds = [finder.former_words(parts[unit["id"]], districts), finder.island_words(p, unit["id"])]
        commune = p.communes[unit["id"]]
        units.append(
            unit
            | {
                "code": commune.code,
                "olds": "; ".join(w for w in olds if w),
                "contacts": contacts.unit_contacts_html(p, commune),
            }
        )
    reform = finder.reform_date(p)
    return render(
        "province_units.html",
        units=units,
        province=p.province,
        anchor=UNITS_ANCHOR,
        offices=any(c.vbsp_office for c in p.communes.values()),
        codes=any(c.code for c in p.communes.values()),
        contacts=bool(p.contacts),
        former=bool(p.former_units.units),
        reform=fmt.date_vi(reform) if reform else None,
        unverified=doubt_label("unverified", from_page),
    )


def _office_line(p: Dataset, office, from_page: str) -> str:
    known = [tools.office_details_md(office, from_page)]
    if isinstance(office.serves, list):
        known.append(f"phục vụ {len(office.serves)} xã, phường")
    elif office.serves == "whole_province":
        known.append(f"phục vụ toàn {text(p.province.full_name)}")
    line = f"- **{text(office.name)}**: {'; '.join(known)}."
    if office.note:
        line += f" {text(office.note)}"
    return line


def _offices_section(p: Dataset, from_page: str) -> list[str]:
    out = [_heading("noi-lien-he", bool(p.offices)), ""]
    if not p.offices:
        return out + [
            f"Cơ quan cấp tỉnh và phòng giao dịch: *{NO_DATA}*. Hãy hỏi Ủy ban nhân dân xã, phường nơi bạn cư trú, "
            "hoặc tổ trưởng Tổ tiết kiệm và vay vốn ở thôn, tổ dân phố."
        ]
    out += [_office_line(p, office, from_page) for office in p.offices.values()]
    out += [
        "",
        f"Địa chỉ, số điện thoại chỉ được ghi khi có nguồn. Khi thấy {unknown(from_page)}, hãy đến trực tiếp "
        "Công an xã, phường hoặc Ủy ban nhân dân xã, phường nơi bạn cư trú.",
    ]
    return out


def _programme_section(p: Dataset, from_page: str) -> list[str]:
    programme = p.province.programme
    out = [_heading("chuong-trinh", programme is not None), ""]
    if programme is None:
        return out + [
            f"Chương trình phối hợp giữa Công an tỉnh và Chi nhánh Ngân hàng Chính sách xã hội tỉnh: *{NO_DATA}*. "
            "Hãy hỏi Công an tỉnh hoặc Chi nhánh Ngân hàng Chính sách xã hội tỉnh."
        ]
    out += [officials.programme_overview(p, from_page), "", "Nội dung phối hợp:", ""]
    for number, clause in enumerate(programme.clauses, start=1):
        line = f"{number}. **{text(clause.title)}.** {text(clause.text)} Ai thực hiện: {text(officials.clause_bodies(p, clause))}."
        if clause.status == "uncertain":
            line += " " + uncertain_label(officials.PROGRAMME_CLAUSE_NOTE, from_page)
        out.append(line)
    return out


def _duties_section(p: Dataset, from_page: str) -> list[str]:
    local = p.local_duties()
    out = [
        _heading("cong-viec", bool(local)),
        "",
        f"Các việc {cite_decision(p, from_page)} giao ở mọi tỉnh (lập danh sách Mẫu số 01 hằng tháng, ...): xem "
        f"{page_link('Lịch công việc', CALENDAR_PAGE, from_page)}. Dưới đây là các việc riêng của {text(p.province.full_name)}.",
        "",
    ]
    if not local:
        return out + [f"Việc riêng của tỉnh: *{NO_DATA}*."]
    rows = [
        {
            "duty": duty,
            "team": officials.duty_team(p, duty),
            "timing": cal.timing_words(duty),
            "basis": officials.duty_basis_html(p, duty, from_page, link_clause=False),
        }
        for duty in local
    ]
    return out + [render("province_duties.html", rows=rows, province=p.province)]


def _figures_section(p: Dataset, from_page: str) -> list[str]:
    out = [_heading("so-lieu", bool(p.figures)), ""]
    if not p.figures:
        return out + [f"Số liệu cho vay tại {text(p.province.full_name)}: *{NO_DATA}*."]
    return out + [
        "Mỗi số do một nguồn công bố, vào một thời điểm; các số không cùng một chỉ tiêu.",
        "",
        officials.statistics_table(p, from_page),
    ]


def _sources(p: Dataset) -> str:
    records = [p.province, p.communes_file, p.province.programme, *p.offices.values(), *p.figures, *p.local_duties()]
    dated = [(r.verified_on, r.source) for r in records if r is not None and r.source and r.verified_on]
    if not dated:
        return f"Dữ liệu của tỉnh: *{NO_DATA}*."
    urls = list(dict.fromkeys(url for _, url in dated))
    latest = max(day for day, _ in dated)
    return f"Dữ liệu của tỉnh xác minh lần cuối ngày {fmt.date_vi(latest)}. Nguồn: {', '.join(link(f'nguồn {i}', u) for i, u in enumerate(urls, start=1))}."


def province_page(data: Dataset, slug: str, on: datetime.date, from_page: str) -> str:
    """The national site's page for one province, from its data only."""
    p = data.provinces[slug]
    intro = (
        f"Trang này có những điều riêng của {text(p.province.full_name)}. Điều kiện vay, mức vay, lãi suất và thủ tục giống nhau ở mọi tỉnh: "
        f"xem {page_link('Điều kiện vay', 'quy-dinh/dieu-kien.md', from_page)}, {page_link('Thủ tục', 'thu-tuc/index.md', from_page)}. "
        f"Các tỉnh, thành phố khác: {page_link('Tỉnh, thành phố', SELECTOR_PAGE, from_page)}."
    )
    blocks = [
        [
            f"# {text(sentence(p.province.full_name))}",
            "",
            intro,
            "",
            "Trên trang này: " + ", ".join(f"[{name}](#{anchor})" for anchor, name in SECTIONS.items()) + ".",
        ],
        _units_section(p, from_page),
        _offices_section(p, from_page),
        _programme_section(p, from_page),
        _duties_section(p, from_page),
        _figures_section(p, from_page),
        [markdown_block("page-review", _sources(p))],
    ]
    return "\n\n".join("\n".join(block) for block in blocks) + "\n"


def province_units(data: Dataset, from_page: str) -> str:
    """ "166 đơn vị hành chính cấp xã (147 xã, 19 phường)" with its basis, counted from communes.yaml.

    A province without the list says what is not known; the national site points to each province."""
    if data.is_national:
        return (
            f"danh sách đơn vị hành chính cấp xã riêng (xem {page_link('Tỉnh, thành phố', SELECTOR_PAGE, from_page)})"
        )
    return units_words(data, from_page)
