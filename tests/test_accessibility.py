"""WCAG 2.1 AA with axe-core (pinned in package.json) on every built page, and visible focus."""

from __future__ import annotations

import json

from .conftest import PHONE

WCAG_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]


def site_pages(site) -> list[str]:
    return [f.relative_to(site.root).as_posix() for f in site.html_files()]


def axe_violations(tab, axe_source: str) -> list[str]:
    tab.add_script_tag(content=axe_source)
    result = tab.evaluate(
        "async (tags) => { const r = await axe.run(document, {runOnly: {type: 'tag', values: tags}}); "
        "return r.violations.map(v => ({id: v.id, impact: v.impact, nodes: v.nodes.map(n => n.target.join(' ')).slice(0, 5)})); }",
        WCAG_TAGS,
    )
    return [json.dumps(v, ensure_ascii=False) for v in result]


def violations_by_page(browser, base_url: str, paths: list[str], axe_source: str) -> dict[str, list[str]]:
    """axe's WCAG A/AA violations for each page, on a phone-sized screen; pages without any are left out."""
    context = browser.new_context(viewport=PHONE)
    tab = context.new_page()
    failures = {}
    try:
        for path in paths:
            tab.goto(base_url + path, wait_until="load")
            found = axe_violations(tab, axe_source)
            if found:
                failures[path] = found
    finally:
        context.close()
    return failures


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
