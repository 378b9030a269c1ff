"""The units before and after 1 July 2025: data/provinces/thanh-hoa/ against the library it was generated from.

former_units.yaml and the codes in communes.yaml are written by tools/admin_units.py from
vietnamadminunits (requirements-units.txt, installed by `make test`). These tests regenerate them
and compare; they check the counts and the divided units against the official conversion (547 old
units, 10 divided, as Resolution 1686/NQ-UBTVQH15 arranged them), and the names against a second,
independent library. Outside CI they skip when the libraries are not installed.
"""

from __future__ import annotations

import collections
import datetime
import os
import shutil
import subprocess
import sys
from importlib import metadata

import pytest
import yaml

from macros.cli.check import check
from macros.data.dataset import load_dataset, load_national, province_slugs

from .conftest import REPO, copy_repo, unavailable

PROVINCE = "thanh-hoa"
FOLDER = REPO / "data" / "provinces" / PROVINCE


def _need(module: str):
    try:
        return __import__(module)
    except ImportError:
        unavailable(
            f"CI must have {module}: make test installs requirements-units.txt",
            f"{module} is not installed here: pip install -r requirements-units.txt",
        )


@pytest.fixture(scope="module")
def library():
    _need("vietnamadminunits")
    from tools import admin_units

    return admin_units.load_provinces()


@pytest.fixture(scope="module")
def country():
    """Every province's data, as the national site loads it."""
    return load_national(REPO).provinces


def test_communes_names_types_and_codes_are_the_librarys(library, data):
    mine = {(c.id, c.name, c.type, c.code) for c in data.communes.values()}
    theirs = {(u.id, u.name, u.type, u.code) for u in library[PROVINCE].new_units}
    assert len(mine) == 166 and mine == theirs
    assert data.communes["phuong-hac-thanh"].code == 14797
    assert data.communes_file.codes_from.version == metadata.version("vietnamadminunits")


def test_former_units_are_what_the_generator_writes_now(library, data):
    """The committed file is the tool's output: same records, same bytes but for the day it ran."""
    from tools import admin_units

    province = library[PROVINCE]
    basis = {"document": data.province.units_basis.document}
    written = admin_units.former_units_text(province, basis, data.former_units.verified_on)
    assert (FOLDER / "former_units.yaml").read_text(encoding="utf-8") == written
    communes = (FOLDER / "communes.yaml").read_text(encoding="utf-8")
    assert admin_units.communes_text(communes, province, datetime.date(2000, 1, 1)) == communes


def test_the_547_former_units_as_the_resolution_arranged_them(data):
    former = data.former_units
    units = former.units
    assert len(units) == 547 and len(former.districts) == 26
    assert collections.Counter(u.type for u in units) == {"xã": 452, "phường": 63, "thị trấn": 32}
    assert len({u.code for u in units}) == 547
    assert {i for u in units for i in u.becomes} == set(data.communes)
    assert former.legal_basis.document == "nq-1686-2025" == data.province.units_basis.document
    assert former.generated_by.tool == "tools/admin_units.py"
    districts = {d.id: d for d in former.districts}
    divided = {(u.type, u.name, districts[u.district].name): sorted(u.becomes) for u in units if len(u.becomes) > 1}
    # the official conversion table's divided units of Thanh Hóa (every part kept)
    assert divided == {
        ("phường", "Đông Thọ", "Thanh Hóa"): ["phuong-hac-thanh", "phuong-ham-rong"],
        ("phường", "An Hưng", "Thanh Hóa"): ["phuong-dong-quang", "phuong-hac-thanh"],
        ("thị trấn", "Sơn Lư", "Quan Sơn"): ["xa-quan-son", "xa-tam-lu"],
        ("thị trấn", "Hà Trung", "Hà Trung"): ["xa-ha-trung", "xa-hoat-giang"],
        ("xã", "Hà Bình", "Hà Trung"): ["xa-ha-trung", "xa-hoat-giang"],
        ("xã", "Luận Khê", "Thường Xuân"): ["xa-luan-thanh", "xa-tan-thanh"],
        ("thị trấn", "Thiệu Hóa", "Thiệu Hóa"): ["xa-thieu-hoa", "xa-thieu-quang", "xa-thieu-trung"],
        ("xã", "Thiệu Long", "Thiệu Hóa"): ["xa-dinh-hoa", "xa-thieu-hoa"],
        ("xã", "Yên Thọ", "Như Thanh"): ["xa-nhu-thanh", "xa-yen-tho"],
        ("xã", "Thanh Tân", "Như Thanh"): ["xa-cong-chinh", "xa-thanh-ky"],
    }


def _units(data, name):
    districts = {d.id: d for d in data.former_units.districts}
    return sorted(
        (u.type, districts[u.district].type, districts[u.district].name, tuple(u.becomes))
        for u in data.former_units.units
        if u.name == name
    )


def test_names_people_know(data):
    assert _units(data, "Nga Thanh") == [("xã", "huyện", "Nga Sơn", ("xa-nga-son",))]
    assert _units(data, "Nga Thành") == [("xã", "huyện", "Nga Sơn", ("xa-ho-vuong",))]
    assert _units(data, "Quán Lào") == [("thị trấn", "huyện", "Yên Định", ("xa-yen-dinh",))]
    # the library's type column calls it a xã; its full name says thị trấn
    assert _units(data, "Ngọc Lặc") == [("thị trấn", "huyện", "Ngọc Lặc", ("xa-ngoc-lac",))]
    assert _units(data, "Lam Sơn") == [
        ("phường", "thành phố", "Thanh Hóa", ("phuong-hac-thanh",)),
        ("phường", "thị xã", "Bỉm Sơn", ("phuong-bim-son",)),
        ("thị trấn", "huyện", "Thọ Xuân", ("xa-lam-son",)),
        ("xã", "huyện", "Ngọc Lặc", ("xa-minh-son",)),
    ]


def test_a_second_library_has_the_same_166_names_and_types(data):
    """vietnam-provinces (GPL, a cross-check only: nothing of it is published) lists today's units too.
    Its codes of 2025.10.1 come from the draft decision, so only names and types are compared."""
    _need("vietnam_provinces")
    from vietnam_provinces import ProvinceCode, Ward

    from tools.admin_units import NEW_TYPES, split_type

    theirs = {split_type(w.name, NEW_TYPES) for w in Ward.iter_by_province(ProvinceCode.P_38)}
    assert theirs == {(c.type, c.name) for c in data.communes.values()}


def test_every_province_is_what_the_generator_writes_now(library, country):
    """All 34 provinces: communes.yaml and former_units.yaml are the tool's output for the library
    pinned here (same bytes but for the day it ran), and every official code is the library's."""
    from tools import admin_units

    assert sorted(library) == province_slugs(REPO)
    assert sum(len(p.new_units) for p in library.values()) == 3321
    assert (
        sum(len(p.old_units) for p in library.values())
        + sum(1 for p in library.values() for d in p.districts if d.becomes)
        == 10_040
    )  # 10,035 units and 5 island districts that had none
    for slug, province in library.items():
        data = country[slug]
        basis = {"document": data.province.units_basis.document} if data.province.units_basis else None
        folder = REPO / "data" / "provinces" / slug
        written = admin_units.former_units_text(province, basis, data.former_units.verified_on)
        assert (folder / "former_units.yaml").read_text(encoding="utf-8") == written, slug
        communes = (folder / "communes.yaml").read_text(encoding="utf-8")
        assert admin_units.communes_text(communes, province, datetime.date(2000, 1, 1)) == communes, slug
        assert {c.id: c.code for c in data.communes.values()} == {u.id: u.code for u in province.new_units}
        assert data.communes_file.province_code == province.code
        assert (data.province.name, data.province.full_name) == (province.name, province.full_name)


def test_no_resolution_is_invented(country):
    """Only Thanh Hóa's resolution has a source here; every other province says its basis is unknown."""
    based = {}
    for slug, data in country.items():
        assert data.former_units.legal_basis == data.province.units_basis, slug
        based[slug] = data.province.units_basis and data.province.units_basis.document
    assert {s: d for s, d in based.items() if d} == {"thanh-hoa": "nq-1686-2025"}
    text = (REPO / "data" / "provinces" / "ha-noi" / "former_units.yaml").read_text(encoding="utf-8")
    assert "legal_basis: null" in text and "no number is guessed" in text


def _run(env, *args):
    return subprocess.run([sys.executable, "-m", "tools.admin_units", *args], env=env, capture_output=True, text=True)


def test_new_province_from_the_library_is_valid_at_once(library, tmp_path):
    """`make new-province SLUG=ha-tinh`: the folder with the library's name, units, codes and former
    units, null for everything else; it checks clean, and `make all-provinces` makes only what is missing."""
    root = copy_repo(tmp_path)
    env = {"PATH": os.environ["PATH"], "PYTHONPATH": str(REPO), "DATA_ROOT": str(root)}
    for slug in ("ha-tinh", "ca-mau"):
        shutil.rmtree(root / "data" / "provinces" / slug)
    ran = _run(env, "ha-tinh", "--new", "--today", "2026-12-01")
    assert ran.returncode == 0, ran.stdout + ran.stderr
    folder = root / "data" / "provinces" / "ha-tinh"
    for name in ("communes.yaml", "former_units.yaml"):
        assert (folder / name).read_bytes() == (REPO / "data" / "provinces" / "ha-tinh" / name).read_bytes()
    province = yaml.safe_load((folder / "province.yaml").read_text(encoding="utf-8"))
    assert (province["name"], province["full_name"]) == ("Hà Tĩnh", "tỉnh Hà Tĩnh")
    assert [k for k, v in province.items() if v is None] == [
        "ward_count",
        "commune_count",
        "units_basis",
        "units_since",
        "source",
        "verified_on",
        "review_by",
        "programme",
    ]
    for name, key in (("offices.yaml", "offices"), ("deadlines.yaml", "duties"), ("statistics.yaml", "figures")):
        assert yaml.safe_load((folder / name).read_text(encoding="utf-8"))[key] == []
    assert check(root, "ha-tinh") == []
    again = _run(env, "ha-tinh", "--new")
    assert again.returncode != 0 and "exists already" in again.stderr
    before = {p: p.read_bytes() for p in (root / "data" / "provinces").rglob("*.yaml")}
    every = _run(env, "--all", "--today", "2026-12-01")
    assert every.returncode == 0, every.stdout + every.stderr
    assert "made data/provinces/ca-mau/" in every.stdout and every.stdout.count("made ") == 1
    assert all(p.read_bytes() == body for p, body in before.items()), "existing folders are kept as they are"
    assert (root / "data" / "provinces" / "ca-mau" / "former_units.yaml").read_bytes() == (
        REPO / "data" / "provinces" / "ca-mau" / "former_units.yaml"
    ).read_bytes()
    unknown = _run(env, "tinh-khong-co", "--new")
    assert unknown.returncode != 0 and "has no province 'tinh-khong-co'" in unknown.stderr


def test_a_named_resolution_goes_into_the_generated_file(library, tmp_path):
    """With the resolution on its units named in units_basis, make admin-units cites it, and a
    communes.yaml whose units disagree with the library is never overwritten."""
    root = copy_repo(tmp_path)
    env = {"PATH": os.environ["PATH"], "PYTHONPATH": str(REPO), "DATA_ROOT": str(root)}
    documents = root / "data" / "legal_documents.yaml"
    with documents.open("a", encoding="utf-8") as out:
        out.write(
            "  - id: nq-thu-ha-tinh\n    number: 1/NQ-THU\n    kind: Nghị quyết\n    subject: Văn bản thử\n"
            "    issuer: Ủy ban Thường vụ Quốc hội\n    issued_on: 2025-06-16\n    effective_from: null\n"
            "    url: https://example.invalid/nq\n    province: ha-tinh\n    source: https://example.invalid/nq\n"
            "    verified_on: 2026-11-28\n    review_by: 2027-05-28\n"
        )
    province = root / "data" / "provinces" / "ha-tinh" / "province.yaml"
    text = province.read_text(encoding="utf-8")
    for old, new in (
        ("units_basis: null", "units_basis: {document: nq-thu-ha-tinh}"),
        ("source: null", "source: https://example.invalid/nq"),
        ("verified_on: null", "verified_on: 2026-11-28"),
        ("review_by: null", "review_by: 2027-05-28"),
    ):
        text = text.replace(old, new, 1)
    province.write_text(text, encoding="utf-8")
    ran = _run(env, "ha-tinh", "--today", "2026-12-01")
    assert ran.returncode == 0, ran.stdout + ran.stderr
    assert check(root, "ha-tinh") == []
    data = load_dataset(root, "ha-tinh")
    assert data.former_units.legal_basis.document == "nq-thu-ha-tinh"
    assert len(data.communes) == len(library["ha-tinh"].new_units) > 50
    assert len(data.former_units.units) == len(library["ha-tinh"].old_units) > len(data.communes)
    # a file whose units disagree with the library is never overwritten
    communes = province.parent / "communes.yaml"
    communes.write_text(
        communes.read_text(encoding="utf-8").replace("\n  - {id: ", "\n  - {id: x", 1), encoding="utf-8"
    )
    before = communes.read_text(encoding="utf-8")
    refused = _run(env, "ha-tinh")
    assert refused.returncode != 0 and "disagree" in refused.stderr
    assert communes.read_text(encoding="utf-8") == before
