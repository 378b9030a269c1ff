"""The same site built with Zensical (`make build ENGINE=zensical`) has the same pages and the same main text.

Zensical runs from its own venv (requirements-zensical.txt, `make zensical` makes .venv-zensical):
ZENSICAL_COMMAND names its `zensical` command, else .venv-zensical/bin/zensical. Without it the tests
skip, or fail under CI when REQUIRE_ZENSICAL=1. Differences that are known and accepted are named
below; anything else fails.
"""

from __future__ import annotations

import re
from pathlib import Path

from bs4 import BeautifulSoup

from tools.links import check_links

KNOWN_TEXT_DIFFERENCES: dict[str, str] = {}
"""Pages whose main text may differ, with the reason. Zensical 0.1.2: none."""

KNOWN_TITLE_DIFFERENCES = {
    "index.html": "Zensical titles the home page 'Trang chủ - <site_name>'; Material shows site_name alone.",
}

KNOWN_FILE_DIFFERENCES = {
    "sitemap.xml.gz": "MkDocs only",
}


def pages(root: Path) -> set[str]:
    return {p.relative_to(root).as_posix() for p in root.rglob("index.html")}


def parse(path: Path) -> BeautifulSoup:
    return BeautifulSoup(path.read_text(encoding="utf-8"), "html.parser")


def main_text(soup: BeautifulSoup) -> str:
    content = soup.select_one(".md-content")
    assert content is not None
    return re.sub(r"\s+", " ", content.get_text(" ")).strip()


def test_same_pages(site, zensical_site):
    assert pages(zensical_site) == pages(site.root)


def test_same_main_text(site, zensical_site):
    differ = []
    for page in sorted(pages(site.root) & pages(zensical_site)):
        if page in KNOWN_TEXT_DIFFERENCES:
            continue
        if main_text(parse(site.root / page)) != main_text(parse(zensical_site / page)):
            differ.append(page)
    assert differ == []


def test_same_titles_and_descriptions(site, zensical_site):
    differ = []
    for page in sorted(pages(site.root) & pages(zensical_site)):
        a, b = parse(site.root / page), parse(zensical_site / page)
        if page not in KNOWN_TITLE_DIFFERENCES and a.title.get_text(strip=True) != b.title.get_text(strip=True):
            differ.append(f"{page}: title")
        describe = lambda s: (s.find("meta", attrs={"name": "description"}) or {}).get("content")  # noqa: E731
        if describe(a) != describe(b):
            differ.append(f"{page}: description")
    assert differ == []


def test_same_files_besides_the_theme(site, zensical_site):
    """Every file but the theme's assets, the generated ones (api/, .ics) included."""

    def files(root: Path) -> set[str]:
        return {
            p.relative_to(root).as_posix()
            for p in root.rglob("*")
            if p.is_file() and not p.relative_to(root).as_posix().startswith("assets/")
        }

    unexpected = (files(site.root) ^ files(zensical_site)) - set(KNOWN_FILE_DIFFERENCES)
    assert unexpected == set()
    for name in ("assets/site.css", "assets/search.js", "assets/kiem-tra.js"):
        assert (zensical_site / name).read_bytes() == (site.root / name).read_bytes()


def test_the_same_search_index(site, zensical_site):
    """One search on both engines: Pagefind's index (pagefind/, the post step's) is byte for byte
    the same, so every query finds the same results; the box (assets/search.js) is the same file."""

    def index(root: Path) -> dict[str, bytes]:
        return {p.relative_to(root).as_posix(): p.read_bytes() for p in (root / "pagefind").rglob("*") if p.is_file()}

    ours = index(site.root)
    assert len([name for name in ours if name.startswith("pagefind/index/")]) >= 5
    assert index(zensical_site) == ours
    assert not (zensical_site / "search.json").exists(), "Zensical's own index is not published"


def test_the_same_search_box(site, zensical_site):
    """The header's search button and dialog are the site's own on both engines."""
    for root in (site.root, zensical_site):
        soup = parse(root / "hoi-dap" / "index.html")
        assert soup.select_one("button.qd-search__open[aria-controls=qd-search]"), root
        assert soup.select_one("dialog#qd-search input.qd-search__input"), root
        assert soup.select_one("button.qd-search__open[data-script$='assets/search.js']"), root


def test_no_broken_internal_links(zensical_site):
    """Zensical validates links of the Markdown files only, not those the macros write: check the output."""
    broken, _ = check_links(zensical_site)
    assert broken == []


def test_every_zensical_page_carries_the_policy(zensical_site, browser):
    """Issue 23: the post step puts the referrer policy and the CSP in Zensical's pages too, every
    inline script hashed; in Chromium, no page refuses anything while its tools are used."""
    from .conftest import BuiltSite, serve_directory
    from .test_policy import assert_page_secured, page_paths, policy_breaks

    built = BuiltSite(zensical_site)
    for file in built.html_files():
        assert_page_secured(file, file.read_text(encoding="utf-8"))
    with serve_directory(zensical_site) as served:
        assert policy_breaks(browser, served, page_paths(built)) == {}


def test_every_zensical_page_is_within_the_budget(zensical_site):
    """Zensical's theme bundle (58 kB gzip) put every first visit over 100 kB; the pages load only the
    site's own scripts (overrides/main.html), on this engine too."""
    from tools import pageweight

    weights = pageweight.page_weights(zensical_site)
    assert len(weights) >= 30
    assert {w.page: round(w.total / 1000, 1) for w in pageweight.over_budget(weights)} == {}
    assert not [f for w in weights for f in w.files if f.startswith("assets/javascripts/")]
