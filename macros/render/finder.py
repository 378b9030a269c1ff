"""Where to go: the office finder (cong-cu/tim-co-quan) and the list of units (cong-cu/danh-sach-xa-phuong).

A person may know only their address before 1 July 2025 ("xã Nga Thanh, huyện Nga Sơn"). The
finder takes an old or a new name and answers in words which unit of today holds it, then what is
there for sure: the commune police, the People's Committee, the VBSP transaction point at the
People's Committee's office or a place it arranges (Decree 06/2026/NĐ-CP), and a transaction
office only where a source names one, saying on what the link rests.

The browser gets the units as compact JSON (indexes, no repeated words) and builds each result
from an HTML <template> rendered here, so every fixed word and link comes from the templates.
The same facts read without JavaScript on the list page, grouped by former district.
"""

from __future__ import annotations

import datetime
from collections import defaultdict
from dataclasses import dataclass
from typing import Any
from urllib.parse import quote

from markupsafe import Markup

from macros import formatting as fmt
from macros.data import models, unitmap
from macros.data.dataset import Dataset
from macros.render import contacts
from macros.render.markup import (
    CORE_SCRIPT,
    built_href,
    cite_html,
    doubt_label,
    json_script,
    plain,
    render,
    script,
    words,
)
from macros.text import fold


def _said(macro: str, *args: Any) -> str:
    """Plain words from templates/finder.txt."""
    return plain("finder.txt", macro, {}, *args)


def title(kind: str, name: str) -> str:
    """'thị trấn', 'Quán Lào' -> 'Thị trấn Quán Lào'."""
    return f"{kind[:1].upper()}{kind[1:]} {name}"


def district_words(district: models.FormerDistrict) -> str:
    """'huyện Nga Sơn', 'thành phố Thanh Hóa'."""
    return _said("district", district)


def former_place(district: models.FormerDistrict) -> str:
    """'huyện Nga Sơn cũ'; with its former province when today's was made of several:
    'huyện Đồng Văn, tỉnh Hà Giang cũ'."""
    return _said("former_place", district)


def former_words(parts: list[models.FormerUnit], districts: dict[str, models.FormerDistrict]) -> str:
    """'thị trấn Nga Sơn, xã Nga Thanh (huyện Nga Sơn cũ); một phần phường Đông Thọ (thành phố Thanh Hóa cũ)'."""
    groups: dict[str, list[models.FormerUnit]] = defaultdict(list)
    for unit in parts:
        groups[unit.district].append(unit)
    return _said("former_words", [{"district": districts[d], "units": units} for d, units in groups.items()])


def island_words(data: Dataset, commune_id: str) -> str:
    """A former district with no commune-level unit that became this unit: 'huyện Côn Đảo (tỉnh Bà Rịa - Vũng Tàu cũ)'."""
    return _said("island_words", [d for d in data.former_units.districts if commune_id in (d.becomes or [])])


def now_in(data: Dataset, ended: unitmap.Ended) -> list[str]:
    """The units in force that an ended unit went into (through any that ended after it)."""
    return [u for u in unitmap.successors(ended.into, data.ended_units) if u in data.communes]


def reform_date(data: Dataset) -> datetime.date:
    """1 July 2025 (roles.yaml milestones.reform): units before it are former units."""
    return data.milestone(data.roles.milestones.reform).date


def made_of(data: Dataset) -> dict[str, list[models.FormerUnit]]:
    """Today's unit id -> the former units (or parts of them) it was made of."""
    found: dict[str, list[models.FormerUnit]] = defaultdict(list)
    for unit in data.former_units.units:
        for commune_id in unit.becomes:
            found[commune_id].append(unit)
    return found


@dataclass(frozen=True)
class Lead:
    """A transaction office a source names, and in words how it is linked to one unit of today."""

    office: models.Office
    said: str


def office_leads(data: Dataset, commune: models.Commune, parts: list[models.FormerUnit]) -> list[Lead]:
    """What sources say about the transaction office of a unit of today: a source naming the
    unit's office, else offices named for a former district the unit was (partly) made of."""
    unit = f"{commune.type} {commune.name}"
    if commune.vbsp_office:
        office = data.offices[commune.vbsp_office]
        return [Lead(office, _said("office_named", unit))]
    districts = {d.id: d for d in data.former_units.districts}
    reform = reform_date(data)
    leads = []
    for office in data.offices.values():
        if office.kind != "vbsp_transaction_office" or office.named_for not in districts:
            continue
        inside = [p for p in parts if p.district == office.named_for]
        if not inside:
            continue
        old = district_words(districts[office.named_for])
        whole = len(inside) == len(parts)
        said = _said("office_lead", unit, title(commune.type, commune.name), old, office.named_on, reform, whole)
        leads.append(Lead(office, said))
    return leads


# --- the finder ---------------------------------------------------------------------------


def _card(data: Dataset, from_page: str) -> Markup:
    """The parts of a result every unit shares, with slots the script fills (assets/tim-co-quan.js)."""
    point = data.provision(data.roles.provisions.transaction_point)
    pages = data.roles.pages
    return render(
        "finder_card.html",
        national=bool(data.provinces),
        point_cite=cite_html(point.legal_ref, data, from_page),
        decision=data.document(data.roles.documents.decision).number,
        checklists=[
            {"label": label, "href": built_href(getattr(pages, role), from_page)}
            for role, label in words()["finder_checklists"].items()
        ],
        unverified=doubt_label("unverified", from_page),
    )


def finder_payload(data: Dataset) -> dict[str, Any]:
    """The units as the browser reads them: every word once, records as lists of indexes.

    types: type words; districts: [name, type] (and the index of its former province in
    `old_provinces`, when today's province was made of several); units (today): [id, name, type,
    code]; former: [name, type, district, unit of today or [units, when divided]]; islands:
    [district, [units]] for a former district that had no commune-level unit (only when there is
    one); leads: unit index -> [[office name, what the source says, source URL]] (a source with no
    link: null, then its name and why); since 1 July 2025 (unit_changes.yaml, as in force on the build day), earlier: unit index -> [[the day its next name
    took effect, type, name], ...] newest first, and ended: [[name, type, the day it ended, [units]]]
    (only when there are some)."""
    former = data.former_units
    earlier = [(i, e) for i, c in enumerate(data.communes.values()) for e in data.earlier_names.get(c.id, ())]
    kinds = sorted(
        {c.type for c in data.communes.values()}
        | {u.type for u in former.units}
        | {d.type for d in former.districts}
        | {e.type for _, e in earlier}
        | {e.unit.type for e in data.ended_units}
    )
    kind = {k: i for i, k in enumerate(kinds)}
    district_index = {d.id: i for i, d in enumerate(former.districts)}
    unit_index = {c.id: i for i, c in enumerate(data.communes.values())}
    old_provinces = list(dict.fromkeys(d.province for d in former.districts if d.province))
    parts = made_of(data)
    leads = {}
    for i, commune in enumerate(data.communes.values()):
        found = office_leads(data, commune, parts[commune.id])
        if found:
            leads[str(i)] = [
                [lead.office.name, lead.said, lead.office.source, lead.office.source_name, lead.office.source_unlinked]
                if lead.office.source is None
                else [lead.office.name, lead.said, lead.office.source]
                for lead in found
            ]
    reform = reform_date(data)
    payload: dict[str, Any] = {
        "types": kinds,
        "districts": [
            [d.name, kind[d.type], old_provinces.index(d.province)] if d.province else [d.name, kind[d.type]]
            for d in former.districts
        ],
        "units": [[c.id, c.name, kind[c.type], c.code] for c in data.communes.values()],
        "former": [
            [
                u.name,
                kind[u.type],
                district_index[u.district],
                unit_index[u.becomes[0]] if len(u.becomes) == 1 else [unit_index[b] for b in u.becomes],
            ]
            for u in former.units
        ],
        "leads": leads,
        "province": fold(data.province.name),
        "reform": fmt.date_vi(reform) if reform else None,
    }
    known = contacts.finder_contacts(data)
    if known:  # only a province whose offices gave something: the national files stay within budget
        payload["contacts"] = known
    islands = [[district_index[d.id], [unit_index[b] for b in d.becomes]] for d in former.districts if d.becomes]
    if islands:
        payload["islands"] = islands
    if earlier:
        names: dict[str, list[list[Any]]] = defaultdict(list)
        for i, e in earlier:
            names[str(i)].append([fmt.date_vi(e.until), kind[e.type], e.name])
        payload["earlier"] = dict(names)
    if data.ended_units:
        payload["ended"] = [
            [e.unit.name, kind[e.unit.type], fmt.date_vi(e.on), [unit_index[u] for u in now_in(data, e)]]
            for e in data.ended_units
        ]
    if old_provinces:
        payload["old_provinces"] = old_provinces
    return payload


FINDER_DATA_DIR = "assets/tim-co-quan"
"""The national site's finder data (macros/render/country.py): index.json and one JSON file per province."""
INDEX_PATH = f"{FINDER_DATA_DIR}/index.json"


def example(data: Dataset) -> str | None:
    """An address to show as an example in the box: the first commune (xã) of the first rural
    district (huyện), as people write it: "Xã Tam Chung, Huyện Mường Lát"."""
    districts = {d.id: d for d in data.former_units.districts}
    for unit in data.former_units.units:
        district = districts[unit.district]
        if unit.type == "xã" and district.type == "huyện":
            return f"{title(unit.type, unit.name)}, {title(district.type, district.name)}"
    return None


def national_example(data: Dataset) -> str | None:
    """The national finder's example: a province's example address with the province's name."""
    for p in data.provinces_in_order():
        found = example(p)
        if found:
            return f"{found}, {p.province.name}"
    return None


def office_finder(data: Dataset, from_page: str) -> Markup:
    """The search box (shown when the script runs), the result template and the data: a
    province's units inline; on the national site, where to fetch each province's (its
    index first, when a question is typed)."""
    if data.provinces:
        index = built_href(INDEX_PATH, from_page)
        config = {"national": True, "index": index, "data": index.removesuffix("index.json")}
    else:
        config = finder_payload(data)
    return render(
        "office_finder.html",
        example=national_example(data) if data.provinces else example(data),
        national=bool(data.provinces),
        card=_card(data, from_page),
        list_href=built_href(data.roles.pages.units_list, from_page),
        data=json_script("tim-co-quan-data", config),
        script=script(CORE_SCRIPT, from_page) + Markup("\n") + script("assets/tim-co-quan.js", from_page),
    )


# --- the list, without JavaScript ---------------------------------------------------------


def units_list(data: Dataset, from_page: str) -> Markup:
    """Every former unit by former district with the unit(s) of today it became; then today's units
    with their codes and what each was made of; then the transaction offices sources name."""
    communes = data.communes
    districts = {d.id: d for d in data.former_units.districts}
    by_district: dict[str, list[models.FormerUnit]] = defaultdict(list)
    for unit in data.former_units.units:
        by_district[unit.district].append(unit)
    parts = made_of(data)

    def today(commune_id: str) -> dict[str, str]:
        c = communes[commune_id]
        return {"id": c.id, "words": f"{c.type} {c.name}"}

    groups = [
        {
            "id": district.id,
            "title": title(district.type, district.name),
            "units": [
                {"title": title(u.type, u.name), "today": [today(c) for c in u.becomes]}
                for u in by_district[district.id]
            ],
            "becomes": [today(c)["words"] for c in district.becomes or []],
        }
        for district in data.former_units.districts
    ]
    units = []
    for commune in communes.values():
        units.append(
            {
                "id": commune.id,
                "title": title(commune.type, commune.name),
                "code": commune.code,
                "olds": "; ".join(
                    w for w in (former_words(parts[commune.id], districts), island_words(data, commune.id)) if w
                ),
                "earlier": [
                    {"date": fmt.date_vi(e.until), "words": f"{e.type} {e.name}"}
                    for e in data.earlier_names.get(commune.id, ())
                ],
                "leads": office_leads(data, commune, parts[commune.id]),
                "contacts": contacts.unit_contacts_html(data, commune),
            }
        )
    offices = [o for o in data.offices.values() if o.kind == "vbsp_transaction_office"]
    return render(
        "units_list.html",
        groups=groups,
        units=units,
        offices=[
            {
                "office": o,
                "district": districts.get(o.named_for),
                "named_on": fmt.date_vi(o.named_on) if o.named_on else None,
            }
            for o in offices
        ],
        district_words=district_words,
        unverified=doubt_label("unverified", from_page),
    )


# --- the site's search box -------------------------------------------------------------------


def search_entries(data: Dataset) -> list[dict[str, Any]]:
    """One search entry per unit of today, with the names of the units it was made of and the names
    it had since 1 July 2025; one per unit that ended since, with where it went: typing a new or an
    old name in the site's search box leads to the finder with that unit shown. `former_names` is
    for the index's words (outputs/pagefind.py), not an entry's field."""
    page = data.roles.pages.office_finder.removesuffix(".md") + "/"
    parts = made_of(data)
    districts = {d.id: d for d in data.former_units.districts}
    entries = []
    for commune in data.communes.values():
        name = title(commune.type, commune.name)
        by_district: dict[str, list[str]] = defaultdict(list)
        for unit in parts[commune.id]:
            by_district[unit.district].append(unit.name)
        olds = _said("search_olds", [{"district": districts[d], "names": n} for d, n in by_district.items()])
        earlier = data.earlier_names.get(commune.id, ())
        entries.append(
            {
                "location": f"{page}?q={quote(name)}",
                "title": name,
                "text": _said("unit_entry", name, earlier, olds),
                "former_names": [u.name for u in parts[commune.id]] + [e.name for e in earlier],
            }
        )
    for ended in data.ended_units:
        name = title(ended.unit.type, ended.unit.name)
        entries.append(
            {
                "location": f"{page}?q={quote(name)}",
                "title": name,
                "text": _said("ended_entry", ended.on, [data.communes[u] for u in now_in(data, ended)]),
                "former_names": [e.name for e in ended.earlier],
            }
        )
    return entries
