"""WCAG 2.1 AA with axe-core (pinned in package.json) on every built page, and visible focus."""

from __future__ import annotations

from .conftest import axe_violations, violations_by_page


def site_pages(site) -> list[str]:
    return [f.relative_to(site.root).as_posix() for f in site.html_files()]


def test_every_page_has_no_wcag_aa_violations(site, served_site, browser, axe_source):
    pages = site_pages(site)
    assert len(pages) >= 3
    assert violations_by_page(browser, served_site, pages, axe_source) == {}


def test_axe_catches_a_real_violation(served_site, browser, axe_source):
    """The gate itself works: an image without alt text is reported."""
    context = browser.new_context()
    tab = context.new_page()
    try:
        tab.goto(served_site, wait_until="load")
        tab.evaluate("document.querySelector('article').insertAdjacentHTML('beforeend', '<img src=\"x.png\">')")
        assert any('"image-alt"' in v for v in axe_violations(tab, axe_source))
    finally:
        context.close()


def test_keyboard_focus_is_visible(page):
    page.goto(page.base_url, wait_until="load")
    page.keyboard.press("Tab")
    style = page.evaluate(
        "() => { const e = document.activeElement; const s = getComputedStyle(e);"
        " return {tag: e.tagName, outline: s.outlineStyle, width: s.outlineWidth, shadow: s.boxShadow}; }"
    )
    assert style["tag"] == "A"
    assert (style["outline"] != "none" and style["width"] != "0px") or style["shadow"] != "none", style
