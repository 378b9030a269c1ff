"""Every province from one codebase, and all of them in one national site.

A province's site is the same pages built with `PROVINCE=<folder>`; what names the
province (titles, description, the programme's nav entry) comes from its data here.

The national site (`PROVINCE=ca-nuoc`, `settings.NATIONAL`) is the same pages, where
"the province" reads "mỗi tỉnh, thành phố", plus two generated pages per province and a
selector (`tinh/index.md`): `tinh/<folder>.md`, what is the same everywhere, what to do there
today, its units' count, coordination programmes, own duties and figures, within four phone
screens; and `tinh/<folder>/xa-phuong.md`, its list of units. The MkDocs hook
(macros/shell/hooks.py) adds them as one-line macro calls (macros/shell/nav.py). Two pages
per province, not one per commune, and `navigation.prune`, keep the cost linear in the
number of communes.
"""

from __future__ import annotations

import datetime
import functools

from macros import formatting as fmt
from macros.data import models
from macros.data.dataset import Dataset
from macros.render import duty_words, finder, officials, tools
from macros.render import facts as rendering
from macros.render.markup import (
    CALENDAR_PAGE,
    OFFICE_FINDER_PAGE,
    PROVINCES_DIR,
    cite,
    cite_document,
    link,
    markdown_block,
    more_block,
    page_link,
    province_page_path,
    province_units_page_path,
    render,
    text,
    uncertain_label,
    uncertain_mark,
    unknown,
)

SELECTOR_PAGE = f"{PROVINCES_DIR}/index.md"
NO_DATA = "chưa có dữ liệu"
SECTIONS = {
    "noi-lien-he": "Nơi cần đến",
    "xa-phuong": "Xã, phường",
    "chuong-trinh": "Chương trình phối hợp",
    "cong-viec": "Công việc định kỳ",
    "so-lieu": "Số liệu",
}
"""The sections of a province page, by anchor, in order (the selector links to them); "cong-viec" and
"so-lieu" only where data has the province's own duties and figures (`has_section`)."""


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
            "Mỗi tỉnh, thành phố có thể có chương trình, quy chế phối hợp riêng. Chọn tỉnh, thành phố:\n\n"
            + province_links(data, "chuong-trinh", from_page, _programme_state)
        )
    return (
        f"Chương trình phối hợp giữa Công an tỉnh và Chi nhánh Ngân hàng Chính sách xã hội tỉnh tại {text(data.province.full_name)}: "
        f"*{NO_DATA}*. Trang chưa có nguồn nêu chương trình này. Hãy hỏi Công an tỉnh hoặc Chi nhánh Ngân hàng Chính sách xã hội tỉnh.\n\n"
        f"Các việc {cite_decision(data, from_page)} giao cho từng cơ quan vẫn áp dụng: xem {page_link('Trách nhiệm của các cơ quan', 'can-bo/trach-nhiem.md', from_page)}."
    )


def coordination_section(data: Dataset, from_page: str) -> str:
    """The coordination programmes and regulations data holds for this site: the country's, and
    (on a province's site) the province's own, each in words with its source."""
    lines = []
    for record in data.coordination:
        if record.province is None:
            lines.append(f"**Cả nước.** {coordination_lines(data, record, from_page)}")
        elif not data.is_national:
            lines.append(
                f"**{text(sentence(data.province.full_name))}.** {coordination_lines(data, record, from_page)}"
            )
    return "\n\n".join(lines)


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
    """What the site holds of the province's coordination: its own programme, or the records of
    coordination.yaml that concern it (in a national dataset, each province's holds its own)."""
    programme = p.province.programme
    if programme:
        return f"chương trình giai đoạn {programme.first_year} - {programme.last_year}"
    local = [c for c in p.coordination if c.province == p.province_slug]
    if local:
        return "; ".join(
            f"{KIND_WORDS[c.kind]} năm {c.signed_on.year}" + (f" ({c.signed_in} cũ)" if c.signed_in else "")
            for c in local
        )
    return f"chương trình của tỉnh: {NO_DATA}"


KIND_WORDS = {"programme": "chương trình phối hợp", "regulation": "quy chế phối hợp"}


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
    """One line per province, linking to a section of its page (to the page's top where it has no
    such section); "xa-phuong" links to its list of units."""

    def target(p: Dataset) -> str:
        if anchor == "xa-phuong" and p.communes:
            return page_link(sentence(p.province.full_name), province_units_page_path(p.province_slug), from_page)
        here = anchor if anchor and has_section(p, anchor) else ""
        return page_link(sentence(p.province.full_name), province_page_path(p.province_slug), from_page, here)

    return "\n".join(f"- {target(p)}: {text(state(p))}" for p in ordered(data))


def province_selector(data: Dataset, anchor: str, from_page: str) -> str:
    if not data.is_national:
        return ""
    return province_links(data, anchor, from_page)


def province_list(data: Dataset, from_page: str) -> str:
    """tinh/index.md: every province, its units and what else the site holds for it (a list: it
    reads on a phone)."""
    lines = []
    for p in ordered(data):
        held = [_units_state(p)]
        programme = _programme_state(p)
        if not programme.endswith(NO_DATA):
            held.append(programme)
        if p.figures:
            held.append(_figures_state(p))
        lines.append(
            f"- {page_link(sentence(p.province.full_name), province_page_path(p.province_slug), from_page)}: "
            f"{text('; '.join(held))}"
        )
    intro = (
        f"Trang có dữ liệu riêng của {len(data.provinces)} tỉnh, thành phố. Điều kiện vay, mức vay, lãi suất và thủ tục "
        f"giống nhau ở mọi nơi: xem {page_link('Điều kiện vay', 'quy-dinh/dieu-kien.md', from_page)} và "
        f"{page_link('Thủ tục', 'thu-tuc/index.md', from_page)}. Trang của mỗi tỉnh, thành phố nói nơi cần đến ở đó, "
        "có danh sách xã, phường, cũ và mới, và chương trình phối hợp, số liệu khi có nguồn."
    )
    return intro + "\n\n" + "\n".join(lines)


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


def _finder_link(label: str, p: Dataset, from_page: str) -> str:
    """The finder, asking in this province first (`?tinh=`, as the check's result does)."""
    return page_link(label, OFFICE_FINDER_PAGE, from_page, query=f"tinh={p.province_slug}")


def _lead(data: Dataset, p: Dataset, on: datetime.date, from_page: str) -> list[str]:
    """What is the same in every province, from data, as the home page says it; then the three actions."""
    value = functools.partial(rendering.fact_value, data, on=on, from_page=from_page)
    lead = (
        f"Ở {text(p.province.full_name)}, như ở mọi tỉnh, thành phố, người đã chấp hành xong án phạt tù được "
        f"Ngân hàng Chính sách xã hội cho vay đến **{value('individual-business-max')}** để làm ăn, không phải thế chấp "
        f"tài sản. Lãi suất **{value('poor-household-lending-rate')}**, trả trong tối đa **{value('business-max-term')}**; "
        "cũng có thể vay để học nghề. Điều kiện, mức vay và thủ tục giống nhau ở mọi nơi."
    )
    actions = [
        page_link("Tôi có được vay không?", "cong-cu/kiem-tra.md", from_page) + "{ .action }",
        page_link("Cần mang giấy tờ gì?", "cong-cu/giay-to-vay-kinh-doanh.md", from_page) + "{ .action }",
        _finder_link("Đến đâu để vay?", p, from_page) + "{ .action }",
    ]
    basis = rendering.basis(
        data,
        on,
        from_page,
        "scope",
        "fact:individual-business-max",
        "security-individual",
        "fact:poor-household-lending-rate",
        "fact:business-max-term",
    )
    # the same on 34 pages: out of the search index, where the home and start pages answer it
    inner = "\n\n".join([markdown_block("lead", lead), markdown_block("actions", "\n".join(actions)), basis])
    return [markdown_block("province-lead", inner, searched=False)]


def _missing(p: Dataset) -> list[str]:
    """What the site does not hold for the province, named once (empty when it holds everything)."""
    missing = []
    if not p.offices:
        missing.append("cơ quan cấp tỉnh và phòng giao dịch")
    if p.province.programme is None:
        missing.append("chương trình phối hợp riêng của tỉnh")
    if not p.local_duties():
        missing.append("việc riêng của tỉnh")
    if not p.figures:
        missing.append("số liệu cho vay")
    return missing


def _where_to_go(p: Dataset, from_page: str) -> list[str]:
    """What a reader there can do today, whatever the site knows of the province; then its offices."""
    steps = [
        "1. **Công an xã, phường nơi bạn cư trú hiện nay** lập danh sách Mẫu số 01 những người đủ điều kiện và muốn vay vốn: "
        "hãy đến đó để hỏi và được ghi tên. Ủy ban nhân dân xã, phường xác nhận danh sách.",
        f"2. Chưa biết tên xã, phường hiện nay? {_finder_link('Tìm nơi liên hệ', p, from_page)}: gõ tên cũ hoặc tên mới.",
        f"3. {page_link('Kiểm tra xem mình có được vay không', 'cong-cu/kiem-tra.md', from_page)}.",
        f"4. Giấy tờ cần mang: {page_link('vay để làm ăn', 'cong-cu/giay-to-vay-kinh-doanh.md', from_page)}, "
        f"{page_link('vay để học nghề', 'cong-cu/giay-to-hoc-nghe.md', from_page)}, "
        f"{page_link('cơ sở sản xuất, kinh doanh', 'cong-cu/giay-to-co-so.md', from_page)}.",
    ]
    missing = _missing(p)
    if missing:
        steps += [
            "",
            f"{text(sentence(', '.join(missing)))} tại {text(p.province.full_name)}: *{NO_DATA}*. "
            "Trang không ghi địa chỉ, số điện thoại khi chưa có nguồn: hãy đến trực tiếp Công an xã, phường "
            "hoặc Ủy ban nhân dân xã, phường nơi bạn cư trú.",
        ]
    # the steps are the same on 34 pages: out of the search index; the province's offices are in it
    out = [
        _heading("noi-lien-he", bool(p.offices)),
        "",
        markdown_block("where-to-go", "\n".join(steps), searched=False),
    ]
    if p.offices:
        lines = [_office_line(p, office, from_page) for office in p.offices.values()]
        lines += [
            "",
            f"Địa chỉ, số điện thoại chỉ được ghi khi có nguồn. Khi thấy {unknown(from_page)}, hãy đến trực tiếp "
            "Công an xã, phường hoặc Ủy ban nhân dân xã, phường nơi bạn cư trú.",
        ]
        out += ["", more_block(f"Cơ quan ở {p.province.full_name} ({len(p.offices)})", "\n".join(lines))]
    return out


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
    line = f"Tại {text(p.province.full_name)} có {units_words(p, from_page)}."
    if p.communes:
        units_page = province_units_page_path(p.province_slug)
        line += (
            " " + page_link(f"Danh sách xã, phường của {p.province.full_name}, cũ và mới", units_page, from_page) + "."
        )
    out = [_heading("xa-phuong"), "", line]
    changes = map_changes(p, from_page)
    if changes:
        out += ["", " ".join(changes)]
    return out


def province_units_table(p: Dataset, from_page: str) -> str:
    """A province's units page on the national site: today's units with their codes and what each
    was made of, the former units by former district (as a province's own list page), and the
    transaction offices sources name; left out of the search index (the page's front matter)."""
    return str(finder.units_list(p, from_page))


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


def former_provinces(p: Dataset) -> list[str]:
    """The provinces before the 2025 merger whose units are now this province's ("tỉnh Tiền Giang")."""
    return sorted({d.province for d in p.former_units.districts if d.province})


def coordination_lines(p: Dataset, record: models.Coordination, from_page: str) -> str:
    """One coordination programme or regulation in plain words: when, who, what, where its province
    went since, its source; its contents one tap away (Markdown)."""
    parties = " và ".join(text(party.name or p.agencies[party.agency].name) for party in record.parties)
    when = fmt.date_vi(record.signed_on)
    if record.status == "uncertain":
        when += f" {uncertain_mark(from_page)}"
    title = text(record.title)
    if record.first_year and str(record.first_year) not in record.title:
        title += f", giai đoạn {record.first_year} - {record.last_year}"
    if record.kind == "programme":
        said = f"Ngày {when}, {parties} ký {title}."
    else:
        decision = f" bằng Quyết định {text(record.decision)}" if record.decision else ""
        said = f"Ngày {when}, {parties} ban hành {title}{decision}."
    said += f" {text(record.summary)}"
    if record.signed_in:
        said += f" {text(sentence(record.signed_in))} cũ nay thuộc {text(p.province.full_name)}."
    elif record.province and (reform := finder.reform_date(p)) and record.signed_on >= reform:
        others = [text(name) for name in former_provinces(p) if name != p.province.full_name]
        if others:
            said += f" {text(sentence(p.province.full_name))} hiện nay gồm cả {' và '.join(others)} cũ."
    if record.note:
        said += f" {text(record.note)}"
    said += f" {link('Nguồn', record.source)}."
    if record.contents:
        said += "\n\n" + str(more_block("Nội dung phối hợp", "\n".join(f"- {text(c)}" for c in record.contents)))
    return said


def _programme_section(data: Dataset, p: Dataset, from_page: str) -> list[str]:
    national = [c for c in data.coordination if c.province is None]
    local = [c for c in data.coordination if c.province == p.province_slug]
    out = [_heading("chuong-trinh", bool(local or p.province.programme)), ""]
    for record in national:  # on 34 pages: searched on the programme page (can-bo/chuong-trinh-...)
        out += [markdown_block("coordination", f"**Cả nước.** {coordination_lines(p, record, from_page)}", False), ""]
    programme = p.province.programme
    if programme is not None:
        parties = " và ".join(text(p.body_name(b)) for b in programme.parties)
        line = f"**{text(sentence(p.province.full_name))}.** Ngày {fmt.date_vi(programme.signed_on)}, {parties} ký {text(programme.title)}."
        if programme.note:
            line += " " + uncertain_label(programme.note, from_page)
        line += f" {link('Nguồn', programme.source)}."
        clauses = [
            f"{n}. **{text(c.title)}.** {text(c.text)} Ai thực hiện: {text(officials.clause_bodies(p, c))}."
            + (" " + uncertain_label(officials.PROGRAMME_CLAUSE_NOTE, from_page) if c.status == "uncertain" else "")
            for n, c in enumerate(programme.clauses, start=1)
        ]
        out += [line, "", more_block("Nội dung phối hợp của tỉnh", "\n".join(clauses)), ""]
    for record in local:
        out += [f"**{text(sentence(p.province.full_name))}.** {coordination_lines(p, record, from_page)}", ""]
    return out


def _duties_section(p: Dataset, from_page: str) -> list[str]:
    local = p.local_duties()
    if not local:
        return []
    rows = [
        {
            "duty": duty,
            "team": officials.duty_team(p, duty),
            "timing": duty_words.timing_words(duty),
            "basis": officials.duty_basis_html(p, duty, from_page, link_clause=False),
        }
        for duty in local
    ]
    return [
        _heading("cong-viec"),
        "",
        f"Việc {cite_decision(p, from_page)} giao ở mọi tỉnh: {page_link('Lịch công việc', CALENDAR_PAGE, from_page)}.",
        "",
        more_block(
            f"Việc riêng của {p.province.full_name} ({len(local)})",
            str(render("province_duties.html", rows=rows, province=p.province)),
        ),
    ]


def _figures_section(p: Dataset, from_page: str) -> list[str]:
    if not p.figures:
        return []
    return [
        _heading("so-lieu"),
        "",
        more_block(
            f"Số liệu cho vay tại {p.province.full_name} ({len(p.figures)})",
            "Mỗi số do một nguồn công bố, vào một thời điểm; các số không cùng một chỉ tiêu.\n\n"
            + str(officials.statistics_table(p, from_page)),
        ),
    ]


def _sources(p: Dataset) -> str:
    records = [p.province, p.communes_file, p.province.programme, *p.offices.values(), *p.figures, *p.local_duties()]
    dated = [(r.verified_on, r.source) for r in records if r is not None and r.source and r.verified_on]
    if not dated:
        return f"Dữ liệu của tỉnh: *{NO_DATA}*."
    urls = list(dict.fromkeys(url for _, url in dated))
    latest = max(day for day, _ in dated)
    return f"Dữ liệu của tỉnh xác minh lần cuối ngày {fmt.date_vi(latest)}. Nguồn: {', '.join(link(f'nguồn {i}', u) for i, u in enumerate(urls, start=1))}."


def has_section(p: Dataset, anchor: str) -> bool:
    """Whether the province's page has that section (a link to a missing one goes to the page's top)."""
    return {"cong-viec": bool(p.local_duties()), "so-lieu": bool(p.figures)}.get(anchor, anchor in SECTIONS)


def province_page(data: Dataset, slug: str, on: datetime.date, from_page: str) -> str:
    """The national site's page for one province: what is the same everywhere, from data; what to do
    there today; then what data holds for the province. Its units are on a page of their own."""
    p = data.provinces[slug]
    blocks = [
        [f"# {text(sentence(p.province.full_name))}", "", *_lead(data, p, on, from_page)],
        _where_to_go(p, from_page),
        _units_section(p, from_page),
        _programme_section(data, p, from_page),
        _duties_section(p, from_page),
        _figures_section(p, from_page),
        [
            f"Các tỉnh, thành phố khác: {page_link('Tỉnh, thành phố', SELECTOR_PAGE, from_page)}.",
            "",
            markdown_block("page-review", _sources(p)),
        ],
    ]
    return "\n\n".join("\n".join(map(str, block)) for block in blocks if block) + "\n"


def province_units_page(data: Dataset, slug: str, from_page: str) -> str:
    """tinh/<slug>/xa-phuong.md: every unit of the province, today's and before the reform, with
    what is known of each, as a province's own site lists them (cong-cu/danh-sach-xa-phuong)."""
    p = data.provinces[slug]
    out = [
        f"# Xã, phường của {text(p.province.full_name)}",
        "",
        f"Tại {text(p.province.full_name)} có {units_words(p, from_page)}. Tìm nhanh hơn: "
        f"{_finder_link('Tìm nơi liên hệ', p, from_page)}. Điều kiện vay và nơi cần đến: "
        f"{page_link(sentence(p.province.full_name), province_page_path(slug), from_page)}.",
    ]
    if p.communes and p.province.units_basis is None:
        out += [
            "",
            f"Nghị quyết của Ủy ban Thường vụ Quốc hội sắp xếp các đơn vị hành chính cấp xã của {text(p.province.full_name)}: "
            f"{unknown(from_page)}. Danh sách dưới đây theo nguồn ghi ở cuối trang.",
        ]
    out += [
        "",
        "Mỗi xã, phường có Công an và Ủy ban nhân dân riêng. Công an xã, phường nơi bạn cư trú lập danh sách người đủ điều kiện và có nhu cầu vay vốn; "
        "Ủy ban nhân dân xã, phường xác nhận danh sách đó."
        + (
            ""
            if any(c.vbsp_office for c in p.communes.values())
            else f" Phòng giao dịch Ngân hàng Chính sách xã hội phục vụ từng xã, phường: {unknown(from_page)}. "
            "Hãy hỏi Ủy ban nhân dân xã, phường."
        ),
        "",
        province_units_table(p, from_page),
        "",
        markdown_block("page-review", _sources(p)),
    ]
    return "\n".join(out) + "\n"


def province_units(data: Dataset, from_page: str) -> str:
    """ "166 đơn vị hành chính cấp xã (147 xã, 19 phường)" with its basis, counted from communes.yaml.

    A province without the list says what is not known; the national site points to each province."""
    if data.is_national:
        return (
            f"danh sách đơn vị hành chính cấp xã riêng (xem {page_link('Tỉnh, thành phố', SELECTOR_PAGE, from_page)})"
        )
    return units_words(data, from_page)
