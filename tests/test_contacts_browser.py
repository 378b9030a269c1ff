"""A phone filled in the workbook reaches every page that says where to go, at 360×740 in Chromium.

The site is built from a temporary copy of data/ whose contacts.yaml was imported from a workbook
filled with made-up values (tests/contacts_helpers.py); the repository's data/ has none.
"""

from __future__ import annotations

import json

import pytest

from macros.cli.build import build_site

from .conftest import REPO, open_tab, serve_directory
from .contacts_helpers import FILLED_PHONE, FILLED_UNIT, POLICE, fictitious_root

TEL = "tel:" + FILLED_PHONE.replace(" ", "")


@pytest.fixture(scope="module")
def filled_site(tmp_path_factory):
    root = fictitious_root(tmp_path_factory.mktemp("contacts-root"))
    out = tmp_path_factory.mktemp("contacts-site") / "site"
    mp = pytest.MonkeyPatch()
    mp.setenv("DATA_ROOT", str(root))
    mp.setenv("PROVINCE", "thanh-hoa")
    mp.setenv("SITE_DATE", "2026-12-01")
    try:
        build_site(REPO, out)
    finally:
        mp.undo()
    return out


@pytest.fixture(scope="module")
def tab(browser, filled_site):
    with serve_directory(filled_site) as url:
        context, page = open_tab(browser, url)
        try:
            yield page
        finally:
            context.close()


def _tel_target(page):
    link = page.locator(f'a[href="{TEL}"]:visible').first
    box = link.bounding_box()
    assert box and box["width"] >= 44 and box["height"] >= 44, box
    return link


def test_the_finder_card_gives_the_phone_with_who_gave_it(tab):
    tab.goto(tab.base_url + "cong-cu/tim-co-quan/")
    tab.fill("#tim-co-quan-q", "hac thanh")
    card = tab.locator(f'.finder-card[data-unit="{FILLED_UNIT}"]').first
    card.wait_for()
    text = card.inner_text()
    assert f"Điện thoại: {FILLED_PHONE} (theo {POLICE} cung cấp ngày 20/11/2026)" in text
    assert "Ngày giao dịch: ngày 12 hằng tháng" in text
    assert "Ngày, giờ giao dịch: chưa xác minh" not in text  # the days are known: no label for them
    assert "Điều chưa ghi: trang chưa có" in text and "trang chưa có. Hãy đến trực tiếp" not in text
    _tel_target(card)
    assert not tab.foreign_requests
    # a unit nobody gave anything for says so once
    tab.fill("#tim-co-quan-q", "nga son")
    other = tab.locator('.finder-card[data-unit="xa-nga-son"]').first
    other.wait_for()
    assert other.inner_text().count("trang chưa có") == 1
    assert other.locator("a.tel-link").count() == 0


def test_the_start_page_gives_the_phone_once_the_unit_is_picked(tab):
    tab.goto(tab.base_url + "bat-dau/vay-kinh-doanh/")
    block = tab.locator(".known-contacts")
    assert "2 trên 166 xã, phường" in block.inner_text()
    assert tab.locator(f'a[href="{TEL}"]:visible').count() == 0  # the list waits for a unit
    tab.select_option("#lien-he-xa", f"thanh-hoa-{FILLED_UNIT}")
    assert f"(theo {POLICE} cung cấp ngày 20/11/2026)" in block.inner_text()
    _tel_target(tab)
    select = tab.locator("#lien-he-xa").bounding_box()
    assert select["height"] >= 44


def test_the_printed_checklist_carries_the_phone_of_the_unit_picked(tab):
    tab.goto(tab.base_url + "cong-cu/giay-to-vay-kinh-doanh/")
    tab.emulate_media(media="print")
    assert FILLED_PHONE not in tab.locator("body").inner_text()  # nothing picked: nothing printed
    tab.emulate_media(media="screen")
    tab.select_option("#lien-he-xa-in", f"thanh-hoa-{FILLED_UNIT}")
    tab.emulate_media(media="print")
    printed = tab.locator(".known-contacts").inner_text()
    assert f"Điện thoại: {FILLED_PHONE} (theo {POLICE} cung cấp ngày 20/11/2026)" in printed
    assert "0000 000 003" not in printed  # only the unit picked
    pdf = tab.pdf(format="A4")
    assert len(pdf) > 1000
    tab.emulate_media(media="screen")


def test_the_api_publishes_the_phone_with_its_provenance(tab):
    tab.goto(tab.base_url + "api/communes.json")
    data = json.loads(tab.locator("body").inner_text())
    assert data["schema_version"] == "1.3.0"
    unit = next(r for r in data["records"] if r["id"] == FILLED_UNIT)
    assert unit["contacts"]["police"]["phone"] == {
        "value": FILLED_PHONE,
        "provider": POLICE,
        "provided_on": "2026-11-20",
        "review_by": "2027-11-20",
    }
    assert sum(1 for r in data["records"] if r["contacts"]) == 2


def test_the_units_list_and_the_finder_page_without_javascript(browser, filled_site):
    with serve_directory(filled_site) as url:
        context = browser.new_context(viewport={"width": 360, "height": 740}, java_script_enabled=False)
        page = context.new_page()
        try:
            page.goto(url + "cong-cu/danh-sach-xa-phuong/")
            row = page.locator(f"#don-vi-{FILLED_UNIT}")
            assert f"theo {POLICE} cung cấp ngày 20/11/2026" in row.inner_text()
            page.goto(url + "bat-dau/vay-kinh-doanh/")
            assert page.locator(f'a[href="{TEL}"]:visible').count() == 1  # without a script, the whole list reads
        finally:
            context.close()


def test_the_officials_page_shows_what_is_filled_missing_and_past_review(filled_site):
    from bs4 import BeautifulSoup

    page = BeautifulSoup((filled_site / "can-bo/lien-he/index.html").read_text(encoding="utf-8"), "html.parser")
    province, units = page.select("table")
    assert [td.get_text(strip=True) for td in province.select("tbody tr")[0].select("th, td")] == [
        "Tỉnh Thanh Hóa",
        "6/1.162 (0,5 %)",
        "2/166",
        "0",
        "1",
    ]
    rows = {tr["id"]: [c.get_text(strip=True) for c in tr.select("td")] for tr in units.select("tbody tr")}
    assert len(rows) == 166
    assert rows[f"lien-he-{FILLED_UNIT}"] == ["5/7", "Ủy ban nhân dân: địa chỉ; Ủy ban nhân dân: điện thoại", "không"]
    assert (
        rows["lien-he-phuong-quang-phu"][2] == "Ủy ban nhân dân: điện thoại"
    )  # given 01/10/2025, review by 01/10/2026
    assert rows["lien-he-xa-nga-son"] == ["0/7", "tất cả", "không"]


def test_the_national_site_shows_coverage_per_province(country_site):
    page = country_site.page("can-bo/lien-he")
    tables = page.select("table")
    assert len(tables) == 1
    rows = tables[0].select("tbody tr")
    assert len(rows) == 34
    assert all(r.select("td")[0].get_text(strip=True).startswith("0/") for r in rows)
