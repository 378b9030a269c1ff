"""Issue 8: the median content page transfers at most 100 KB gzip-compressed on first load,
before the search index (macros/pageweight.py measures it; `make page-weight` prints it)."""

from __future__ import annotations

from urllib.parse import urlparse

import pytest

from tools import pageweight

from .conftest import PHONE


def test_median_content_page_is_within_the_budget(site):
    weights = pageweight.page_weights(site.root)
    assert len(weights) == len(site.html_files()) - 1  # every page but 404.html
    median = pageweight.median_bytes(weights)
    assert median <= pageweight.BUDGET_BYTES, f"median {median / 1000:.1f} KB"
    # sanity: a page costs its HTML plus Material's script and style, and not the search index
    home = next(w for w in weights if w.page == "/")
    assert list(home.files)[0] == "index.html"
    assert any(f.startswith("assets/javascripts/bundle.") for f in home.files)
    assert any(f.startswith("assets/stylesheets/main.") for f in home.files)
    assert pageweight.SEARCH_INDEX not in home.files


def test_the_budget_check_fails_on_a_heavy_page(tmp_path):
    """An incompressible 150 KB script on half the pages moves the median over the budget."""
    import os

    (tmp_path / "assets").mkdir()
    (tmp_path / "assets" / "heavy.js").write_bytes(os.urandom(150_000))
    (tmp_path / "assets" / "site.css").write_text("body{background:url(bg.png)}", encoding="utf-8")
    (tmp_path / "assets" / "bg.png").write_bytes(os.urandom(2_000))
    for name, script in (("a", "../assets/heavy.js"), ("b", "../assets/heavy.js"), ("c", None)):
        (tmp_path / name).mkdir()
        tag = f'<script src="{script}"></script>' if script else ""
        (tmp_path / name / "index.html").write_text(
            f'<link rel="stylesheet" href="../assets/site.css">{tag}<p>{name}</p>', encoding="utf-8"
        )
    weights = {w.page: w for w in pageweight.page_weights(tmp_path)}
    assert set(weights["c/"].files) == {
        "c/index.html",
        "assets/site.css",
        "assets/bg.png",
    }  # what the stylesheet loads counts
    assert pageweight.median_bytes(list(weights.values())) > pageweight.BUDGET_BYTES


@pytest.mark.parametrize("path", ["", "cong-cu/kiem-tra/", "cong-cu/tim-co-quan/", "can-bo/lich/"])
def test_the_measured_files_are_what_chromium_loads(browser, served_site, site, path):
    """The static list is what a first visit really fetches, up to the search index (and the
    language files the search worker loads with it)."""
    context = browser.new_context(viewport=PHONE, locale="vi-VN")
    requested: list[str] = []
    context.on("request", lambda r: requested.append(r.url))
    try:
        tab = context.new_page()
        tab.goto(served_site + path, wait_until="networkidle")
        tab.wait_for_timeout(300)
    finally:
        context.close()
    loaded = {urlparse(url).path.lstrip("/") for url in requested if url.startswith(served_site)}
    loaded = {p or "index.html" for p in loaded}
    loaded = {p + "index.html" if p.endswith("/") else p for p in loaded}
    before_index = {p for p in loaded if p != pageweight.SEARCH_INDEX and not p.startswith("assets/javascripts/lunr/")}
    measured = next(w for w in pageweight.page_weights(site.root) if w.page == (path or "/"))
    assert before_index == set(measured.files)
