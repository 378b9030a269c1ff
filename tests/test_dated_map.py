"""The map in force on the site's day: the site for 2025-07-15 and for today differ exactly by the
dated changes of unit_changes.yaml (computed from the Datasets and the outputs' own functions,
without a full build), and a merge or a new unit is applied everywhere a unit is shown."""

from __future__ import annotations

import datetime
import json

import pytest

from macros import settings
from macros.data import models, unitmap
from macros.data.dataset import load_dataset, load_national
from macros.data.site import Site
from macros.outputs import finder_data, opendata, pagefind
from macros.render import country, finder, provinces

from .conftest import REPO, copy_repo

BEFORE = datetime.date(2025, 7, 15)
TODAY = settings.today_in_vietnam()


@pytest.fixture(scope="module")
def national():
    return load_national(REPO)


@pytest.fixture(scope="module")
def both(national):
    return national.map_in_force(BEFORE), national.map_in_force(TODAY)


@pytest.fixture(scope="module")
def expected(national):
    """What the changes in force today (and not on 2025-07-15) touch: units (slug, id) and provinces."""
    units, provinces_changed, changes = set(), set(), set()
    for slug, p in national.provinces.items():
        for change in p.unit_changes.changes:
            if BEFORE < change.effective_from <= TODAY:
                changes.add((slug, change.id))
                if change.province:
                    provinces_changed.add(slug)
                else:
                    units.add((slug, change.unit or change.creates.id))
    return units, provinces_changed, changes


def test_the_real_changes_are_in_force_today(expected):
    units, provinces_changed, changes = expected
    assert provinces_changed == {"dong-nai", "quang-ninh", "bac-ninh"}
    assert len(units) == 22 and len(changes) == 25


def _records(data, api_file, on):
    return [r.model_dump(mode="json") for r in api_file.records(data, on)]


def test_communes_json_differs_by_the_changes_only(both, expected):
    units, _, _ = expected
    api = next(f for f in opendata.FILES if f.name == "communes")
    old, new = ({(r["province"], r["id"]): r for r in _records(d, api, on)} for d, on in zip(both, (BEFORE, TODAY)))
    assert old.keys() == new.keys()
    changed = {key for key in old if old[key] != new[key]}
    assert changed == units
    for key in changed:
        diff = {k for k in old[key] if old[key][k] != new[key][k]}
        assert diff <= {"name", "type", "earlier_names", "changes"} and "type" in diff
        assert new[key]["type"] == "phường" and new[key]["earlier_names"][0]["type"] == "xã"
        assert old[key]["earlier_names"] == [] and old[key]["changes"] == []


def test_province_and_unit_changes_json_differ_by_the_changes_only(both, expected):
    _, provinces_changed, changes = expected
    api = next(f for f in opendata.FILES if f.name == "province")
    old, new = ({r["id"]: r for r in _records(d, api, on)} for d, on in zip(both, (BEFORE, TODAY)))
    assert {k for k in old if old[k] != new[k]} == provinces_changed
    assert all(
        new[k]["full_name"].startswith("thành phố ") and old[k]["full_name"].startswith("tỉnh ")
        for k in provinces_changed
    )
    api = next(f for f in opendata.FILES if f.name == "unit-changes")
    old, new = ({(r["in_province"], r["id"]): r for r in _records(d, api, on)} for d, on in zip(both, (BEFORE, TODAY)))
    assert {k for k in old if old[k] != new[k]} == changes
    assert not any(r["in_force"] for r in old.values()) and all(new[k]["in_force"] for k in changes)


def test_finder_files_differ_by_the_changes_only(both, expected):
    units, provinces_changed, _ = expected
    old, new = (finder_data.finder_files(Site(d, on)) for d, on in zip(both, (BEFORE, TODAY)))
    assert old.keys() == new.keys()
    differ = {path for path in old if json.dumps(old[path]) != json.dumps(new[path])}
    touched = {slug for slug, _ in units} | provinces_changed
    assert differ == {country.province_data_path(s) for s in touched} | {finder.INDEX_PATH}
    index_old, index_new = ({p["slug"]: p for p in files[finder.INDEX_PATH]["provinces"]} for files in (old, new))
    assert {s for s in index_old if index_old[s] != index_new[s]} == provinces_changed
    assert "tinh dong nai" in index_new["dong-nai"]["written"]  # the name people know still leads there
    for slug in touched:
        before, after = old[country.province_data_path(slug)], new[country.province_data_path(slug)]
        ids = {u[0] for u in after["units"] if u not in before["units"]}
        assert ids == {i for s, i in units if s == slug}
        assert len(after.get("earlier", {})) == len(ids) and "earlier" not in before


def test_search_and_province_pages_differ_by_the_changes_only(both, expected):
    units, provinces_changed, _ = expected
    touched = {slug for slug, _ in units} | provinces_changed
    old, new = (dict(pagefind.unit_documents(d)) for d in both)
    assert old.keys() == new.keys()
    assert {url for url in old if old[url] != new[url]} == {
        f"/{both[0].roles.pages.office_finder.removesuffix('.md')}/?tinh={s}" for s in provinces_changed
    }
    for slug in both[0].provinces:
        page = f"tinh/{slug}.md"
        # from "Nơi cần đến" on: the page's opening says what is the same everywhere on each day (the rate)
        before, after = (
            local[local.index("## Nơi cần đến") :]
            for local in (
                provinces.province_page(both[0], slug, BEFORE, page),
                provinces.province_page(both[1], slug, TODAY, page),
            )
        )
        assert (before != after) == (slug in touched), slug
    page = provinces.province_page(both[1], "dong-nai", TODAY, "tinh/dong-nai.md")
    assert "Từ ngày 30/04/2026, tỉnh Đồng Nai trở thành thành phố Đồng Nai" in page
    assert "10 xã trở thành phường: Lộc Ninh, Tân Khai" in page
    listed = str(finder.units_list(both[1].provinces["dong-nai"], "cong-cu/danh-sach-xa-phuong.md"))
    row = listed[listed.index('<tr id="don-vi-xa-loc-ninh"') :]
    assert row.startswith('<tr id="don-vi-xa-loc-ninh"><th scope="row">Phường Lộc Ninh</th>')
    assert "Trước ngày 30/04/2026 là xã Lộc Ninh." in row[: row.index("</tr>")]


# --- a merge and a new unit, on a copy of Thanh Hóa ---------------------------------------------------

CHANGES = """changes:
  - id: sap-nhap-nga-thanh
    unit: xa-nga-son
    into: [xa-ho-vuong]
    effective_from: 2026-05-01
    legal_basis: {document: nd-06-2026}
    listed_in: https://example.org/list
    source: https://example.org/change
    verified_on: 2026-11-28
    review_by: 2027-05-28
  - id: thanh-lap-phuong-moi
    creates: {id: phuong-moi, name: Mới, type: phường}
    made_from: [xa-ho-vuong]
    effective_from: 2026-06-01
    legal_basis: {document: nd-06-2026}
    listed_in: https://example.org/list
    source: https://example.org/change
    verified_on: 2026-11-28
    review_by: 2027-05-28
  - id: doi-ten-ho-vuong
    unit: xa-ho-vuong
    name: Hồ Vương Mới
    type: phường
    effective_from: 2026-07-01
    legal_basis: {document: nd-06-2026}
    listed_in: https://example.org/list
    source: https://example.org/change
    verified_on: 2026-11-28
    review_by: 2027-05-28
disagreements: []
"""


@pytest.fixture(scope="module")
def merged(tmp_path_factory):
    root = copy_repo(tmp_path_factory.mktemp("merge"))
    (root / "data/provinces/thanh-hoa/unit_changes.yaml").write_text(CHANGES, encoding="utf-8")
    return load_dataset(root, "thanh-hoa")


def test_a_merge_a_new_unit_and_a_rename_on_their_days(merged):
    assert "xa-nga-son" in merged.map_in_force(datetime.date(2026, 4, 30)).communes
    may = merged.map_in_force(datetime.date(2026, 5, 1))
    assert "xa-nga-son" not in may.communes and [e.unit.id for e in may.ended_units] == ["xa-nga-son"]
    assert "phuong-moi" not in may.communes
    # the former units of xã Nga Sơn now lead to the unit it went into
    nga_thanh = next(u for u in may.former_units.units if u.name == "Nga Thanh")
    assert nga_thanh.becomes == ["xa-ho-vuong"]
    later = merged.map_in_force(datetime.date(2026, 7, 1))
    assert later.communes["phuong-moi"].type == "phường"
    assert (later.communes["xa-ho-vuong"].type, later.communes["xa-ho-vuong"].name) == ("phường", "Hồ Vương Mới")
    assert [(e.type, e.name) for e in later.earlier_names["xa-ho-vuong"]] == [("xã", "Hồ Vương")]


def test_a_merged_unit_stays_findable(merged):
    data = merged.map_in_force(datetime.date(2026, 7, 1))
    payload = finder.finder_payload(data)
    kinds = payload["types"]
    index = {u[0]: i for i, u in enumerate(payload["units"])}
    assert payload["ended"] == [["Nga Sơn", kinds.index("xã"), "01/05/2026", [index["xa-ho-vuong"]]]]
    assert payload["earlier"][str(index["xa-ho-vuong"])] == [["01/07/2026", kinds.index("xã"), "Hồ Vương"]]
    entries = {e["title"]: e for e in finder.search_entries(data)}
    assert entries["Xã Nga Sơn"]["text"] == "Từ ngày 01/05/2026 thuộc phường Hồ Vương Mới."
    assert entries["Phường Hồ Vương Mới"]["text"].startswith("Trước ngày 01/07/2026 là xã Hồ Vương.")
    api = next(f for f in opendata.FILES if f.name == "communes")
    records = {r.id: r for r in api.records(data, datetime.date(2026, 7, 1))}
    assert records["xa-nga-son"].ended_on == datetime.date(2026, 5, 1) and records["xa-nga-son"].into == ["xa-ho-vuong"]
    assert records["phuong-moi"].changes == ["thanh-lap-phuong-moi"]
    assert api.count(data, datetime.date(2026, 7, 1)) == len(records) == 167


def test_apply_names_what_cannot_be_applied():
    commune = models.Commune(id="xa-a", name="A", type="xã")
    change = models.UnitChange.model_validate(
        {
            "id": "x",
            "unit": "xa-b",
            "type": "phường",
            "effective_from": "2026-05-01",
            "legal_basis": {"document": "d"},
            "listed_in": "https://example.org",
            "source": "https://example.org",
            "verified_on": "2026-05-01",
            "review_by": "2026-06-01",
        },
        strict=False,
    )
    state = unitmap.apply([commune], "A", "tỉnh A", [change])
    assert state.problems == [(0, "unit", "xa-b", "'xa-b' is not a unit on 2026-05-01 (it is created later, or never)")]
    assert state.communes == {"xa-a": commune}
