"""Issue 19: every page of both sites reads on a phone. In Chromium at 360x740, with every collapsed
block opened ("Căn cứ", a province's offices, duties and figures), no element of any page is wider
than the screen: every page of the Thanh Hóa site and of the national site (its 34 province pages
and their 34 lists of units included) and the 404 page. A table reads row by row there (each row a
card) or fits. And each national province page is at most four phone screens.
"""

from __future__ import annotations

import pytest

from macros.data.dataset import load_national

from .conftest import PHONE, REPO

SITES = {"thanh-hoa": ("site", "served_site"), "ca-nuoc": ("country_site", "served_country")}

WIDER_THAN_THE_SCREEN = """() => {
  const width = document.documentElement.clientWidth;
  return [...document.querySelectorAll("body *")].filter(el => {
    const box = el.getBoundingClientRect();
    if (!box.width || !box.height || box.right <= width + 0.5 || getComputedStyle(el).visibility === "hidden") return false;
    for (let up = el; up; up = up.parentElement) {  // visually hidden (a stacked table's head): not seen
      if (getComputedStyle(up).clipPath !== "none") return false;
    }
    return true;
  }).map(el => el.tagName + (el.id ? "#" + el.id : "") + (el.className && typeof el.className === "string" ? "." + el.className.split(" ")[0] : ""));
}"""
"""The elements (that a person can see) whose right edge is past the screen's: a table cut off, a
line that does not wrap. The page scrolling sideways or not does not matter: Material puts tables
in a box that scrolls, where the columns past the edge are as good as lost on a phone."""

OPEN_EVERY_BLOCK = "() => document.querySelectorAll('article details').forEach(d => { d.open = true; })"


def paths(site) -> list[str]:
    """Every page of a built site as a URL path: "", "tinh/ha-noi/", ..., "404.html"."""
    found = [str(p.parent.relative_to(site.root)) for p in site.root.rglob("index.html")]
    return sorted("" if p == "." else p + "/" for p in found) + ["404.html"]


@pytest.mark.parametrize("province", SITES)
def test_no_element_is_wider_than_the_screen_on_any_page(browser, request, province):
    built, served = (request.getfixturevalue(name) for name in SITES[province])
    context = browser.new_context(viewport=PHONE, locale="vi-VN")
    tab = context.new_page()
    wide = {}
    try:
        pages = paths(built)
        for path in pages:
            tab.goto(served + path, wait_until="load")
            tab.evaluate(OPEN_EVERY_BLOCK)
            found = tab.evaluate(WIDER_THAN_THE_SCREEN)
            if found:
                wide[path] = found[:5]
    finally:
        context.close()
    print(f"\n{province}: {len(pages)} pages at {PHONE['width']} px, {len(wide)} with an element wider than the screen")
    assert len(pages) >= (30 if province == "thanh-hoa" else 100)
    assert wide == {}


def test_each_national_province_page_is_at_most_four_phone_screens(browser, served_country):
    country = load_national(REPO)
    context = browser.new_context(viewport=PHONE, locale="vi-VN")
    tab = context.new_page()
    screens = {}
    try:
        for slug in country.provinces:
            tab.goto(served_country + f"tinh/{slug}/", wait_until="load")
            screens[slug] = tab.evaluate("document.documentElement.scrollHeight") / PHONE["height"]
    finally:
        context.close()
    longest = max(screens, key=screens.get)
    print(f"\nprovince pages: {min(screens.values()):.1f}-{screens[longest]:.2f} phone screens (longest {longest})")
    assert len(screens) == 34
    assert {slug: round(n, 2) for slug, n in screens.items() if n > 4} == {}


NATIONAL_PAGES = [
    "tinh/",
    "tinh/thanh-hoa/",
    "tinh/dong-thap/",
    "tinh/ninh-binh/",
    "tinh/lai-chau/",
    "tinh/lai-chau/xa-phuong/",
    "can-bo/chuong-trinh-thanh-hoa/",
]


def test_the_new_national_pages_are_accessible_and_easy_to_tap(browser, served_country, axe_source):
    """The province pages as issue 19 lays them out (lead, actions, collapsed blocks), a list of
    units and the programme page: no WCAG 2.1 AA violation, every target at least 44 px."""
    from .conftest import violations_by_page
    from .test_touch_targets import small_targets

    assert violations_by_page(browser, served_country, NATIONAL_PAGES, axe_source) == {}
    context = browser.new_context(viewport=PHONE, locale="vi-VN")
    tab = context.new_page()
    small = {}
    try:
        for path in NATIONAL_PAGES:
            tab.goto(served_country + path, wait_until="load")
            tab.evaluate(OPEN_EVERY_BLOCK)
            if found := small_targets(tab):
                small[path] = found
    finally:
        context.close()
    assert small == {}
