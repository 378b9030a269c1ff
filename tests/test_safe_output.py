"""Text from data never becomes markup, script or template code in the built site.

Validation already refuses such text (see tests/bad_data). Here it is forced
past validation, as if a check were missing, to show that rendering alone
keeps it inert.
"""

from __future__ import annotations

import dataclasses

import pytest

import macros.data.site
from macros.cli.build import build_site
from macros.data.dataset import load_dataset

from .conftest import REPO, BuiltSite, serve_directory

HOSTILE = [
    "<script>window.pwned=1</script>",
    '<img src=x onerror="window.pwned=1">',
    "[bấm vào đây](javascript:window.pwned=1)",
    "{{ config.site_name }} {% raw %}",
    '"><svg onload=window.pwned=1>',
]
HOSTILE_TEXT = " ".join(HOSTILE)


def hostile_dataset():
    """Hostile text in records that pages render but open data does not publish.

    (The open-data writer validates what it publishes again, so hostile text
    there stops the build: a separate, stricter defence.)
    """
    data = load_dataset(REPO, "thanh-hoa")
    provisions = {
        k: v.model_copy(update={"text": HOSTILE_TEXT, "title": HOSTILE_TEXT}) for k, v in data.provisions.items()
    }
    return dataclasses.replace(data, national=dataclasses.replace(data.national, provisions=provisions))


@pytest.fixture(scope="module")
def hostile_site(tmp_path_factory):
    mp = pytest.MonkeyPatch()
    mp.setenv("SITE_DATE", "2025-12-01")
    mp.setattr(macros.data.site, "_load", lambda *args: hostile_dataset())
    try:
        out = tmp_path_factory.mktemp("hostile") / "site"
        build_site(REPO, out)
    finally:
        mp.undo()
    return BuiltSite(out)


def test_hostile_text_is_shown_as_text_not_markup(hostile_site):
    checked = 0
    for file in hostile_site.html_files():
        soup = hostile_site.page(str(file.relative_to(hostile_site.root)))
        article = soup.select_one("article")
        if article is None:
            continue
        live = [
            element
            for element in article.find_all(True)
            if element.name in ("script", "img", "svg")
            and "pwned" in str(element)
            or any("pwned" in str(value) for value in element.attrs.values())
        ]
        assert live == [], file
        assert not [a for a in article.select("a[href]") if a["href"].strip().lower().startswith("javascript:")], file
        text = article.get_text(" ")
        if "window.pwned" in text:
            checked += 1
            assert "<script>window.pwned=1</script>" in text  # shown literally
            assert "{{ config.site_name }}" in text  # not evaluated
    assert checked >= 1, "the hostile strings must reach the pages that render rules"


def test_hostile_text_never_reaches_a_title_attribute(hostile_site):
    """Material's `content.tooltips` draws a title attribute as a tooltip (issue 23)."""
    for file in hostile_site.html_files():
        soup = hostile_site.page(str(file.relative_to(hostile_site.root)))
        assert not [e for e in soup.find_all(title=True) if "pwned" in e["title"]], file


def test_hostile_text_does_not_run_in_the_browser(hostile_site, browser):
    with serve_directory(hostile_site.root) as base:
        _assert_nothing_runs(browser, base)


def _assert_nothing_runs(browser, base):
    context = browser.new_context()
    try:
        tab = context.new_page()
        for path in ("quy-dinh/muc-vay-lai-suat/", "van-ban-phap-ly/"):
            tab.goto(base + path)
            assert tab.evaluate("window.pwned === undefined"), path
    finally:
        context.close()


# --- the province's name: in the nav, the titles, the description of every page --------------

HOSTILE_NAME = (
    'Thanh Hóa ![](data:,){: onerror="window.pwned=1" } "><img src=x onerror="window.pwned=1"> '
    "</title><script>window.pwned=1</script> & co"
)


@pytest.fixture(scope="module")
def hostile_name_site(tmp_path_factory):
    """The province's name forced past validation (which refuses all of it) into every place it goes.

    Open data and the feeds are left out: their writer validates what it publishes again, and
    refuses this name (a separate defence)."""
    import macros.outputs.writers

    data = load_dataset(REPO, "thanh-hoa")
    province = data.province.model_copy(update={"name": HOSTILE_NAME, "full_name": "tỉnh " + HOSTILE_NAME})
    mp = pytest.MonkeyPatch()
    mp.setenv("SITE_DATE", "2025-12-01")
    mp.setattr(macros.data.site, "_load", lambda *args: dataclasses.replace(data, province=province))
    mp.setattr(macros.outputs.writers, "WRITERS", [])  # the search index is still written
    try:
        out = tmp_path_factory.mktemp("hostile-name") / "site"
        build_site(REPO, out)
    finally:
        mp.undo()
    return BuiltSite(out)


def test_a_hostile_province_name_is_text_in_the_nav_titles_and_description(hostile_name_site):
    pages = hostile_name_site.html_files()
    named_in_title = 0
    for file in pages:
        soup = hostile_name_site.page(str(file.relative_to(hostile_name_site.root)))
        live = [
            str(element)[:80]
            for element in soup.find_all(True)
            if any(name.startswith("on") and "pwned" in str(value) for name, value in element.attrs.items())
            or (element.name == "script" and element.get("type") != "application/json" and "pwned" in str(element))
            or (element.name in ("img", "svg", "iframe") and "pwned" in str(element.attrs))
        ]
        assert live == [], file
        assert len(soup.head.find_all("title")) == 1, file
        description = soup.find("meta", attrs={"name": "description"})
        assert description["content"].endswith(f"cho người dân và cán bộ tỉnh {HOSTILE_NAME}."), file
        named_in_title += HOSTILE_NAME in soup.head.title.get_text()
    assert named_in_title >= 1, "the programme page's title names the province"
    programme = hostile_name_site.page("can-bo/chuong-trinh-thanh-hoa")
    assert HOSTILE_NAME in programme.select_one("article h1").get_text()
    assert any(HOSTILE_NAME in a.get_text() for a in programme.select("nav a")), "the nav entry names the province"


def test_a_hostile_province_name_does_not_run_in_the_browser(hostile_name_site, browser):
    with serve_directory(hostile_name_site.root) as base:
        context = browser.new_context()
        try:
            tab = context.new_page()
            for path in ("", "can-bo/chuong-trinh-thanh-hoa/", "can-bo/so-lieu/"):
                tab.goto(base + path)
                assert tab.evaluate("window.pwned === undefined"), path
            tab.goto(base + "can-bo/chuong-trinh-thanh-hoa/")
            assert HOSTILE_NAME in tab.title()
            # the search lists it as text: Pagefind's titles and excerpts are data, never markup
            tab.locator(".qd-search__open").click()
            tab.locator(".qd-search__input").press_sequentially("chuong trinh phoi hop")
            tab.wait_for_function("() => document.querySelectorAll('.qd-search__results > li').length > 0")
            tab.wait_for_timeout(500)
            results = tab.locator(".qd-search__results")
            assert "<img src=x" in results.inner_text() or "<script>" in results.inner_text()
            assert results.locator("img, script, iframe, [onerror]").count() == 0
            assert tab.evaluate("window.pwned === undefined")
        finally:
            context.close()
