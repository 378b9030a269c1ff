"""Issue 19: what the country already has. data/coordination.yaml holds the coordination programmes
and regulations a source reports, each with its date, parties, source and a plain description:

- the Ministry of Public Security's and VBSP's programme for 2024-2028, on every province page of
  the national site and on the programme page of every site;
- Tiền Giang's programme (Tiền Giang is now part of Đồng Tháp) on Đồng Tháp's page, with the
  year its source does not state labelled as not certain;
- Ninh Bình's coordination regulation (QĐ 1297/QĐ-UBND) on Ninh Bình's page, which says the
  province now includes the former Hà Nam and Nam Định (from the units data);

and a record that names a province folder that does not exist, or a "former" province the units
data does not know, is refused with its file and line.
"""

from __future__ import annotations

import pytest

from macros.cli.check import check
from macros.data.dataset import load_national

from .conftest import REPO, BuiltSite, copy_repo

NATIONAL = "bca-nhcsxh-2024-2028"


@pytest.fixture(scope="module")
def country():
    return load_national(REPO)


def article(site: BuiltSite, path: str) -> str:
    return site.article(path)


def test_each_record_has_its_source_date_and_parties(country):
    records = {c.id: c for c in country.coordination}
    assert set(records) == {NATIONAL, "tien-giang-2024-2028", "ninh-binh-qd-1297-2025"}
    national = records[NATIONAL]
    assert (national.province, national.signed_on.isoformat(), [p.agency for p in national.parties]) == (
        None,
        "2024-04-17",
        ["bo-cong-an", "nhcsxh"],
    )
    assert national.source.startswith("https://cand.com.vn/"), "the Ministry's newspaper"
    tien_giang = records["tien-giang-2024-2028"]
    assert (tien_giang.province, tien_giang.signed_in, tien_giang.status) == (
        "dong-thap",
        "tỉnh Tiền Giang",
        "uncertain",
    )
    assert "không ghi năm" in tien_giang.note
    ninh_binh = records["ninh-binh-qd-1297-2025"]
    assert (ninh_binh.kind, ninh_binh.decision, ninh_binh.signed_on.isoformat()) == (
        "regulation",
        "1297/QĐ-UBND",
        "2025-11-03",
    )
    assert all(r.summary and r.source and r.verified_on for r in records.values())


def test_each_province_holds_the_countrys_record_and_its_own_only(country):
    for slug, p in country.provinces.items():
        own = {c.id for c in p.coordination if c.province is not None}
        assert {c.id for c in p.coordination if c.province is None} == {NATIONAL}
        expected = {"dong-thap": {"tien-giang-2024-2028"}, "ninh-binh": {"ninh-binh-qd-1297-2025"}}.get(slug, set())
        assert own == expected, slug


@pytest.mark.parametrize(
    "old, new, problem",
    [
        (
            "province: ninh-binh",
            "province: ha-nam",
            "data/coordination.yaml:{line}: programmes.2.province: 'ha-nam' is no folder under data/provinces/",
        ),
        (
            "signed_in: tỉnh Tiền Giang",
            "signed_in: tỉnh Long An",
            "data/coordination.yaml:{line}: programmes.1.signed_in: 'tỉnh Long An' is not a former province of "
            "'dong-thap' (its former_units.yaml names tỉnh Tiền Giang, tỉnh Đồng Tháp)",
        ),
    ],
)
def test_a_record_naming_an_unknown_province_is_refused_with_its_line(tmp_path, old, new, problem):
    root = copy_repo(tmp_path)
    target = root / "data" / "coordination.yaml"
    lines = target.read_text(encoding="utf-8").split("\n")
    line = next(i for i, text in enumerate(lines, start=1) if text.strip() == old)
    lines[line - 1] = lines[line - 1].replace(old, new)
    target.write_text("\n".join(lines), encoding="utf-8")
    assert problem.format(line=line) in check(root, "ca-nuoc")


def test_the_national_programme_is_on_every_province_page(country_site, country):
    for slug in country.provinces:
        text = article(country_site, f"tinh/{slug}")
        assert (
            "Cả nước. Ngày 17/04/2024, Bộ Công an và Ngân hàng Chính sách xã hội ký Chương trình phối hợp giữa Bộ Công an "
            "và Ngân hàng Chính sách xã hội thực hiện Quyết định số 22/2023/QĐ-TTg"
        ) in text, slug
        section = country_site.page(f"tinh/{slug}").select_one("#chuong-trinh").find_next("a", string="Nguồn")
        assert section["href"].startswith("https://cand.com.vn/")


def test_a_province_page_names_its_own_records_and_what_became_of_its_province(country_site):
    dong_thap = article(country_site, "tinh/dong-thap")
    assert (
        "Công an tỉnh Tiền Giang và Chi nhánh Ngân hàng Chính sách xã hội tỉnh Tiền Giang ký Chương trình phối hợp"
        in (dong_thap)
    )
    assert "Tỉnh Tiền Giang cũ nay thuộc tỉnh Đồng Tháp." in dong_thap
    assert "Ngày 28/09/2024 chưa chắc chắn" in dong_thap, "the year its source does not give is labelled"
    ninh_binh = article(country_site, "tinh/ninh-binh")
    assert (
        "Ngày 03/11/2025, Ủy ban nhân dân tỉnh Ninh Bình ban hành Quy chế phối hợp trong công tác thi hành án hình sự "
        "và tái hòa nhập cộng đồng trên địa bàn tỉnh bằng Quyết định 1297/QĐ-UBND."
    ) in ninh_binh
    assert "Tỉnh Ninh Bình hiện nay gồm cả tỉnh Hà Nam và tỉnh Nam Định cũ." in ninh_binh
    for slug in ("lai-chau", "thanh-hoa", "ha-noi"):
        text = article(country_site, f"tinh/{slug}")
        assert "Tiền Giang" not in text and "1297/QĐ-UBND" not in text, slug


def test_the_programme_pages_show_the_countrys_programme(site, country_site):
    national = article(country_site, "can-bo/chuong-trinh-thanh-hoa")
    assert national.index("Cả nước. Ngày 17/04/2024, Bộ Công an") < national.index("Từng tỉnh, thành phố")
    assert "Tỉnh Đồng Tháp : chương trình phối hợp năm 2024 (tỉnh Tiền Giang cũ)" in national
    assert "Tỉnh Ninh Bình : quy chế phối hợp năm 2025" in national
    thanh_hoa = article(site, "can-bo/chuong-trinh-thanh-hoa")
    assert "Các chương trình, quy chế phối hợp khác Cả nước. Ngày 17/04/2024, Bộ Công an" in thanh_hoa


def test_a_provinces_own_site_shows_its_records(tmp_path, monkeypatch):
    """`make build PROVINCE=ninh-binh`: its programme page names the country's programme and its own
    regulation, with their sources; no other province's."""
    from macros.cli.build import build_site

    monkeypatch.setenv("SITE_DATE", "2025-12-01")
    monkeypatch.setenv("PROVINCE", "ninh-binh")
    build_site(REPO, tmp_path / "site")
    built = BuiltSite(tmp_path / "site")
    page = built.page("can-bo/chuong-trinh-thanh-hoa")
    text = built.article("can-bo/chuong-trinh-thanh-hoa")
    assert "Cả nước. Ngày 17/04/2024, Bộ Công an" in text
    assert "Tỉnh Ninh Bình. Ngày 03/11/2025, Ủy ban nhân dân tỉnh Ninh Bình ban hành" in text
    assert "Tiền Giang" not in text
    sources = {a["href"] for a in page.select("article a[href^='http']")}
    assert any(s.startswith("https://cand.com.vn/") for s in sources)
    assert any("1297-qd-ubnd" in s for s in sources)
