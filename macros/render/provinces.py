"""Every province from one codebase, and all of them in one national site (templates/provinces.md).

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

The functions here find what data holds for a province; every sentence is in the template.
"""

from __future__ import annotations

import datetime
from collections import Counter
from typing import Any

from markupsafe import Markup

from macros.data import models
from macros.data.dataset import Dataset
from macros.render import duty_words, facts, finder, officials
from macros.render.markup import (
    PROVINCES_DIR,
    Md,
    markdown,
    plain,
    province_page_path,
    province_units_page_path,
    render,
    sentence,
    template_values,
)

TEMPLATE = "provinces.md"
SELECTOR_PAGE = f"{PROVINCES_DIR}/index.md"
SECTIONS: dict[str, str] = template_values(TEMPLATE)["sections"]
"""The sections of a province page, by anchor, in order (the selector links to them); "cong-viec" and
"so-lieu" only where data has the province's own duties and figures (`has_section`)."""

__all__ = ["sentence"]  # the pages' `sentence` filter (shell/macros.py)

_LINES = Md("\n")


def _md(data: Dataset, from_page: str, macro: str, *args: Any, on: datetime.date | None = None) -> Md:
    return markdown(TEMPLATE, macro, {"data": data, "on": on, "from_page": from_page}, *args)


def _said(macro: str, *args: Any) -> str:
    """Plain words from templates/provinces.txt."""
    return plain("provinces.txt", macro, {}, *args)


def ordered(data: Dataset) -> list[Dataset]:
    """The national site's provinces in Vietnamese alphabetical order (diacritics folded)."""
    return data.provinces_in_order()


# --- pages of one province that have nothing to show -----------------------------------------


def programme_purposes(data: Dataset) -> Md:
    return _md(data, "", "purposes", data.province.programme)


def programme_missing(data: Dataset, from_page: str) -> Md:
    """The programme page without a programme: on a national site, each province's."""
    if data.provinces:
        links = province_links(data, "chuong-trinh", from_page, _programme_state)
        return _md(data, from_page, "programmes_by_province", links)
    return _md(data, from_page, "programme_missing", data.province.full_name)


def coordination_section(data: Dataset, from_page: str) -> Md:
    """The coordination programmes and regulations data holds for this site: the country's, and
    (on a province's site) the province's own, each in words with its source."""
    lines = []
    for record in data.coordination:
        if record.province is None:
            lines.append(_md(data, from_page, "nationwide", coordination_lines(data, record, from_page)))
        elif not data.provinces:
            where = sentence(data.province.full_name)
            lines.append(_md(data, from_page, "coordination", where, coordination_lines(data, record, from_page)))
    return Md("\n\n").join(lines)


def statistics_missing(data: Dataset, from_page: str) -> Md:
    if data.provinces:
        links = province_links(data, "so-lieu", from_page, _figures_state)
        return _md(data, from_page, "statistics_by_province", links)
    return _md(data, from_page, "statistics_missing", data.province.full_name)


# --- the selector ------------------------------------------------------------------------------


def _units_state(p: Dataset) -> str:
    counts = _unit_counts(p)
    return _said("units_state", counts["total"] if counts else None)


def _programme_state(p: Dataset) -> str:
    """What the site holds of the province's coordination: its own programme, or the records of
    coordination.yaml that concern it (in a national dataset, each province's holds its own)."""
    local = [c for c in p.coordination if c.province == p.province_slug]
    return _said("programme_state", p.province.programme, local)


def _figures_state(p: Dataset) -> str:
    return _said("figures_state", len(p.figures))


def _unit_counts(p: Dataset) -> dict[str, Any] | None:
    """{total, kinds: "147 xã, 19 phường"}, from the list, else from province.yaml's counts; None when unknown."""
    if p.communes:
        counts = Counter(c.type for c in p.communes.values())
        return {"total": len(p.communes), "kinds": _said("unit_kinds", counts)}
    province = p.province
    if province.ward_count is not None and province.commune_count is not None:
        return {"total": province.ward_count + province.commune_count, "kinds": _said("counted_kinds", province)}
    return None


def province_links(data: Dataset, anchor: str, from_page: str, state=_units_state) -> Md:
    """One line per province, linking to a section of its page (to the page's top where it has no
    such section); "xa-phuong" links to its list of units."""
    items = []
    for p in ordered(data):
        if anchor == "xa-phuong" and p.communes:
            page, here = province_units_page_path(p.province_slug), ""
        else:
            page, here = province_page_path(p.province_slug), anchor if anchor and has_section(p, anchor) else ""
        items.append({"name": p.province.full_name, "page": page, "anchor": here, "state": state(p)})
    return _md(data, from_page, "province_links", items)


def province_selector(data: Dataset, anchor: str, from_page: str) -> Md:
    if not data.provinces:
        return Md("")
    return province_links(data, anchor, from_page)


def province_list(data: Dataset, from_page: str) -> Md:
    """tinh/index.md: every province, its units and what else the site holds for it (a list: it
    reads on a phone)."""
    items = []
    for p in ordered(data):
        held = [_units_state(p)]
        if p.province.programme or any(c.province == p.province_slug for c in p.coordination):
            held.append(_programme_state(p))
        if p.figures:
            held.append(_figures_state(p))
        page = province_page_path(p.province_slug)
        items.append({"name": p.province.full_name, "page": page, "anchor": "", "state": "; ".join(held)})
    return _md(data, from_page, "province_list", len(data.provinces), items)


# --- one province's page --------------------------------------------------------------------------


def units_words(p: Dataset, from_page: str) -> Md:
    """ "166 đơn vị hành chính cấp xã (147 xã, 19 phường) từ ngày ... (basis)", or what is not known."""
    return _md(p, from_page, "units_words", p.province, _unit_counts(p))


def _lead(data: Dataset, p: Dataset, on: datetime.date, from_page: str) -> Md:
    """What is the same in every province, from data, as the home page says it; then the three actions."""
    roles = data.roles
    values = {
        "amount": facts.fact_value(data, roles.facts.individual_max, on, from_page),
        "rate": facts.fact_value(data, roles.facts.lending_rate, on, from_page),
        "term": facts.fact_value(data, roles.facts.business_term, on, from_page),
    }
    basis = facts.basis(
        data,
        on,
        from_page,
        roles.provisions.borrowers,
        f"fact:{roles.facts.individual_max}",
        roles.provisions.individual_security,
        f"fact:{roles.facts.lending_rate}",
        f"fact:{roles.facts.business_term}",
    )
    return _md(data, from_page, "lead", p.province.full_name, p.province_slug, values, basis)


def _missing(p: Dataset) -> str:
    """What the site does not hold for the province, named once (empty when it holds everything)."""
    missing = [
        name
        for name, held in (
            ("offices", p.offices),
            ("programme", p.province.programme),
            ("duties", p.local_duties()),
            ("figures", p.figures),
        )
        if not held
    ]
    return _said("missing", missing)


def map_changes(p: Dataset, from_page: str) -> list[Md]:
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
        retyped: dict[tuple[str, str], list[str]] = {}
        for c in changes:
            if c.unit and c.type and not c.name and c.id in before:
                retyped.setdefault((before[c.id].type, c.type), []).append(before[c.id].name)
        said = [_said("retyped", len(names), old, new, names) for (old, new), names in retyped.items()]
        for c in changes:
            if c.unit and c.type and not c.name and c.id in before:
                continue
            if c.province is not None:
                said.append(_said("renamed_province", before[c.id].name, c.province.full_name))
            elif c.creates is not None:
                said.append(_said("created", c.creates))
            elif c.id in ended:
                now = [p.communes[u] for u in finder.now_in(p, ended[c.id])]
                said.append(_said("ended", ended[c.id].unit, now))
            else:
                said.append(_said("renamed", before[c.id], p.communes[c.unit or ""]))
        sentences.append(_md(p, from_page, "map_change", day, "; ".join(said), changes[0].legal_basis))
    return sentences


def _units_section(p: Dataset, from_page: str) -> Md:
    units_page = province_units_page_path(p.province_slug)
    return _md(p, from_page, "units_section", p, units_words(p, from_page), units_page, map_changes(p, from_page))


def province_units_table(p: Dataset, from_page: str) -> Markup:
    """A province's units page on the national site: today's units with their codes and what each
    was made of, the former units by former district (as a province's own list page), and the
    transaction offices sources name; left out of the search index (the page's front matter)."""
    return finder.units_list(p, from_page)


def former_provinces(p: Dataset) -> list[str]:
    """The provinces before the 2025 merger whose units are now this province's ("tỉnh Tiền Giang")."""
    return sorted({d.province for d in p.former_units.districts if d.province})


def coordination_lines(p: Dataset, record: models.Coordination, from_page: str) -> Md:
    """One coordination programme or regulation in plain words: when, who, what, where its province
    went since, its source; its contents one tap away (Markdown)."""
    parties = [party.name or p.agencies[party.agency].name for party in record.parties]
    others: list[str] = []
    if not record.signed_in and record.province and (reform := finder.reform_date(p)) and record.signed_on >= reform:
        others = [name for name in former_provinces(p) if name != p.province.full_name]
    return _md(p, from_page, "coordination_lines", record, parties, p.province.full_name, others)


def _programme_section(data: Dataset, p: Dataset, from_page: str) -> list[str]:
    national = [c for c in data.coordination if c.province is None]
    local = [c for c in data.coordination if c.province == p.province_slug]
    out = [_md(p, from_page, "heading", "chuong-trinh", bool(local or p.province.programme)), ""]
    for record in national:  # on 34 pages: searched on the programme page
        out += [_md(p, from_page, "nationwide_block", coordination_lines(p, record, from_page)), ""]
    programme = p.province.programme
    if programme is not None:
        parties = [p.body_name(b) for b in programme.parties]
        clauses = [{"clause": c, "bodies": officials.clause_bodies(p, c)} for c in programme.clauses]
        out += [
            _md(p, from_page, "programme_line", p.province.full_name, programme, parties),
            "",
            _md(p, from_page, "programme_clauses", clauses),
            "",
        ]
    where = sentence(p.province.full_name)
    for record in local:
        out += [_md(p, from_page, "coordination", where, coordination_lines(p, record, from_page)), ""]
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
    table = render("province_duties.html", rows=rows, province=p.province)
    return [
        _md(p, from_page, "heading", "cong-viec"),
        "",
        _md(p, from_page, "duties_intro"),
        "",
        _md(p, from_page, "duties_block", p.province.full_name, len(local), table),
    ]


def _figures_section(p: Dataset, from_page: str) -> list[str]:
    if not p.figures:
        return []
    table = officials.statistics_table(p, from_page)
    return [
        _md(p, from_page, "heading", "so-lieu"),
        "",
        _md(p, from_page, "figures_block", p.province.full_name, len(p.figures), table),
    ]


def _sources(p: Dataset) -> Md:
    records = [p.province, p.communes_file, p.province.programme, *p.offices.values(), *p.figures, *p.local_duties()]
    dated = [(r.verified_on, r.source) for r in records if r is not None and r.source and r.verified_on]
    urls = list(dict.fromkeys(url for _, url in dated))
    unlinked = [r for r in p.offices.values() if r.source is None]
    latest = max((r.verified_on for r in records if r is not None and r.verified_on), default=None)
    return _md(p, "", "sources", latest, urls, unlinked)


def has_section(p: Dataset, anchor: str) -> bool:
    """Whether the province's page has that section (a link to a missing one goes to the page's top)."""
    return {"cong-viec": bool(p.local_duties()), "so-lieu": bool(p.figures)}.get(anchor, anchor in SECTIONS)


def province_page(data: Dataset, slug: str, on: datetime.date, from_page: str) -> str:
    """The national site's page for one province: what is the same everywhere, from data; what to do
    there today; then what data holds for the province. Its units are on a page of their own."""
    p = data.provinces[slug]
    where_to_go = _md(p, from_page, "where_to_go", p, _missing(p), list(p.offices.values()))
    blocks = [
        [_md(p, from_page, "title", p.province.full_name), "", _lead(data, p, on, from_page)],
        [where_to_go],
        [_units_section(p, from_page)],
        _programme_section(data, p, from_page),
        _duties_section(p, from_page),
        _figures_section(p, from_page),
        [_md(p, from_page, "page_end", SELECTOR_PAGE, _sources(p))],
    ]
    return "\n\n".join("\n".join(map(str, block)) for block in blocks if block) + "\n"


def province_units_page(data: Dataset, slug: str, from_page: str) -> str:
    """tinh/<slug>/xa-phuong.md: every unit of the province, today's and before the reform, with
    what is known of each, as a province's own site lists them (cong-cu/danh-sach-xa-phuong)."""
    p = data.provinces[slug]
    page = _md(
        p,
        from_page,
        "units_page",
        p,
        units_words(p, from_page),
        province_page_path(slug),
        province_units_table(p, from_page),
        _sources(p),
    )
    return page + "\n"


def province_units(data: Dataset, from_page: str) -> Md:
    """ "166 đơn vị hành chính cấp xã (147 xã, 19 phường)" with its basis, counted from communes.yaml.

    A province without the list says what is not known; the national site points to each province."""
    if data.provinces:
        return _md(data, from_page, "units_elsewhere", SELECTOR_PAGE)
    return units_words(data, from_page)
