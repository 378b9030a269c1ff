"""The map in force, as a person meets it at 360x740: sites built for 1 Dec 2026, after the 2026
resolutions (Đồng Nai a centrally-run city and ten of its communes wards from 30/04/2026). The name
in force before ("xã Lộc Ninh", "tỉnh Đồng Nai") still finds the unit, and the answer says since when
it is what it is; the site's search finds it too."""

from __future__ import annotations

import pytest

from macros.cli.build import build_site

from .conftest import PHONE, REPO, BuiltSite, serve_directory

DAY = "2026-12-01"
FINDER = "cong-cu/tim-co-quan/"


def _build(tmp_path_factory, province: str) -> BuiltSite:
    mp = pytest.MonkeyPatch()
    mp.setenv("SITE_DATE", DAY)
    mp.setenv("PROVINCE", province)
    mp.delenv("DATA_ROOT", raising=False)
    try:
        out = tmp_path_factory.mktemp(province) / "site"
        build_site(REPO, out)
    finally:
        mp.undo()
    return BuiltSite(out)


@pytest.fixture(scope="module")
def country_2026(tmp_path_factory):
    return _build(tmp_path_factory, "ca-nuoc")


@pytest.fixture(scope="module")
def dong_nai_2026(tmp_path_factory):
    return _build(tmp_path_factory, "dong-nai")


def _open(browser, url: str):
    context = browser.new_context(viewport=PHONE, locale="vi-VN")
    tab = context.new_page()
    tab.errors = []
    tab.on("pageerror", lambda e: tab.errors.append(str(e)))
    tab.goto(url, wait_until="networkidle")
    return context, tab


def _ask(tab, typed: str) -> list[str]:
    box = tab.locator("#tim-co-quan-q")
    box.fill("")
    box.press_sequentially(typed)
    tab.wait_for_function("() => document.querySelectorAll('#ket-qua summary').length > 0")
    return [" ".join(s.split()) for s in tab.locator("#ket-qua summary").all_inner_texts()]


def test_the_national_finder_answers_with_the_map_in_force(browser, country_2026):
    with serve_directory(country_2026.root) as url:
        context, tab = _open(browser, url + FINDER)
        try:
            assert _ask(tab, "xã Lộc Ninh, tỉnh Đồng Nai")[0] == (
                "Xã Lộc Ninh nay là phường Lộc Ninh, thành phố Đồng Nai (từ ngày 30/04/2026)."
            )
            card = " ".join(tab.locator("#ket-qua .finder-card").first.inner_text().split())
            assert card.startswith(
                "Phường Lộc Ninh Thành phố Đồng Nai: các xã, phường Trước ngày 30/04/2026 là xã Lộc Ninh."
            )
            assert "Công an phường Lộc Ninh" in card
            shown = _ask(tab, "loc ninh dong nai")
            assert shown[0] == "Phường Lộc Ninh, thành phố Đồng Nai là phường hiện nay (từ ngày 30/04/2026)."
            assert not any(s.startswith("Xã Lộc Ninh nay là") for s in shown), "the same unit once"
            assert (
                "Thị trấn Lộc Ninh (huyện Lộc Ninh, tỉnh Bình Phước cũ) nay thuộc phường Lộc Ninh, thành phố Đồng Nai."
                in _ask(tab, "thi tran loc ninh")
            )
            assert tab.errors == []
        finally:
            context.close()


def test_the_province_page_says_what_changed_and_when(country_2026):
    page = country_2026.page("tinh/dong-nai")
    assert page.select_one("h1").get_text(strip=True) == "Thành phố Đồng Nai"
    text = " ".join(page.select_one("article").get_text(" ").split())
    assert "Từ ngày 30/04/2026, tỉnh Đồng Nai trở thành thành phố Đồng Nai" in text
    links = [a["href"] for a in page.select("article a") if "nq-237-2026-ubtvqh16" in a.get("href", "")]
    assert links, "the resolution one tap away"


def test_the_province_sites_finder_and_search_know_the_earlier_name(browser, dong_nai_2026):
    from tools.search_eval import open_search, search

    from .test_search import links_listed

    with serve_directory(dong_nai_2026.root) as url:
        context, tab = _open(browser, url + FINDER)
        try:
            assert _ask(tab, "Xã Trảng Bom")[0] == "Xã Trảng Bom nay là phường Trảng Bom (từ ngày 30/04/2026)."
        finally:
            context.close()
        context = browser.new_context(viewport=PHONE, locale="vi-VN")
        tab = context.new_page()
        try:
            tab.goto(url, wait_until="networkidle")
            open_search(tab)
            titles = [title for title, _ in links_listed(search(tab, "xa trang bom"))][:4]
            assert "Phường Trảng Bom" in titles, titles
        finally:
            context.close()
