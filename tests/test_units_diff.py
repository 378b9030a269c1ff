"""`make units-diff` in `make test`: the map in data/ against the lists of units, nothing unexplained.

The two repositories' facts are committed in tools/units_sources/ (MIT); vietnamadminunits and
vietnam-provinces are compared when installed (CI must have them: make test installs
requirements-units.txt). Each mutation below is a mistake the comparison must name.
"""

from __future__ import annotations

import os
import re

import pytest

from tools import units_diff

from .conftest import REPO, copy_repo


def _unexplained(root):
    reports, skipped = units_diff.diff(root)
    return [f for r in reports for f in r.findings if f.recorded is None], reports, skipped


def test_every_difference_is_recorded_in_the_data():
    unexplained, reports, skipped = _unexplained(REPO)
    assert [f.line() for f in unexplained] == []
    compared = {r.source for r in reports}
    assert {"thanglequoc", "vietnam-address-kit"} <= compared
    if os.environ.get("CI"):
        assert not skipped and compared == {
            "thanglequoc",
            "vietnam-address-kit",
            "vietnamadminunits",
            "vietnam-provinces",
        }
    if "vietnam-provinces" in compared:
        recorded = [f for r in reports for f in r.findings if f.recorded]
        assert len(recorded) == 8 and {f.source for f in recorded} == {"vietnam-provinces"}


def test_the_two_lists_confirm_every_change_of_2026():
    reports, _ = units_diff.diff(REPO)
    by_source = {r.source: r for r in reports}
    assert by_source["thanglequoc"].findings == []
    assert by_source["vietnam-address-kit"].findings == []
    assert "25 in the list, 25 of those kinds in the data" in by_source["vietnam-address-kit"].summary


def _edit(root, slug, name, old, new, count=1):
    path = root / "data" / "provinces" / slug / name
    text = path.read_text(encoding="utf-8")
    assert old in text
    path.write_text(text.replace(old, new, count), encoding="utf-8")


def _drop_change(root, slug, change_id):
    path = root / "data" / "provinces" / slug / "unit_changes.yaml"
    text = path.read_text(encoding="utf-8")
    text, found = re.subn(rf"  - id: {change_id}\n(    .*\n)+?(?=  - id: |disagreements:)", "", text)
    assert found == 1
    path.write_text(text, encoding="utf-8")


def test_a_change_missing_from_the_data_is_named(tmp_path):
    root = copy_repo(tmp_path)
    _drop_change(root, "dong-nai", "nq-237-2026-ubtvqh16-loc-ninh")
    lines = [f.line() for f in _unexplained(root)[0]]
    assert lines == [
        "  dong-nai xa-loc-ninh type: data 'xã', thanglequoc v5.2.0 'phường'  UNEXPLAINED",
        "  dong-nai xa-loc-ninh change: data 'no change', vietnam-address-kit amendments-2026-09-25 "
        "'237/NQ-UBTVQH16 from 2026-04-30'  UNEXPLAINED",
    ]


def test_a_wrong_day_is_named(tmp_path):
    root = copy_repo(tmp_path)
    _edit(root, "quang-ninh", "unit_changes.yaml", "effective_from: 2026-09-01", "effective_from: 2026-09-02")
    lines = [f.line() for f in _unexplained(root)[0]]
    assert lines == [
        "  quang-ninh (the province) effective_from: data '2026-09-02', thanglequoc v5.2.0 '2026-09-01'  UNEXPLAINED",
        "  quang-ninh (the province) change: data '36/2026/QH16 from 2026-09-02', vietnam-address-kit "
        "amendments-2026-09-25 '36/2026/QH16 from 2026-09-01'  UNEXPLAINED",
    ]


def test_a_name_the_lists_do_not_give_is_named(tmp_path):
    root = copy_repo(tmp_path)
    _edit(root, "ca-mau", "communes.yaml", "name: Tân Thành,", "name: Tân Thanh,")
    found = _unexplained(root)[0]
    assert any(f.source == "thanglequoc" and f.field == "name" and f.data_says == "Tân Thanh" for f in found)


def test_a_recorded_disagreement_no_list_shows_is_named(tmp_path):
    root = copy_repo(tmp_path)
    _edit(root, "quang-ngai", "unit_changes.yaml", "says: 'Đăk BLa'", "says: 'Đăk Bla-Bla'")
    unexplained, reports, _ = _unexplained(root)
    if "vietnam-provinces" not in {r.source for r in reports}:
        pytest.skip("vietnam-provinces is not installed here")
    assert sorted(f.line() for f in unexplained) == [
        "  quang-ngai phuong-dak-bla name: data '(recorded)', vietnam-provinces 2025.10.1 'Đăk Bla-Bla'  UNEXPLAINED",
        "  quang-ngai phuong-dak-bla name: data 'Đăk Bla', vietnam-provinces 2025.10.1 'Đăk BLa'  UNEXPLAINED",
    ]


def test_tone_mark_placement_is_not_a_difference():
    assert units_diff.spelling("Hiệp Hoà") == units_diff.spelling("Hiệp Hòa")
    assert units_diff.spelling("Thuỷ") == units_diff.spelling("Thủy")
    assert units_diff.spelling("Phó Bảng") != units_diff.spelling("Phố Bảng")
    assert units_diff.spelling("Văn Lang") != units_diff.spelling("Văn Lăng")
