"""Issue 23, point 3: data stays text. Validation refuses a `javascript:` URL or markup in data
(tests/bad_data); here such data is put past it, into what the scripts read, to show that the
scripts alone keep it inert:

- core.js `safeHref`: an address from data becomes a link only if it is http(s) or this site's
  (a phone's `tel:` where a phone is meant); every hostile address of the bad-data corpus, and the
  usual tricks (case, spaces, tabs, `//host`, backslashes, `data:`, `vbscript:`), give no link;
- the finder (tim-co-quan.js) at 360x740 on the Thanh Hóa site and on the national site, its data
  rewritten on the way (the page's JSON, the national index and a province's file): a `javascript:`
  source, phone and province page never become live links, and markup in an office's name, in
  what a source says and in a phone line shows as text;
- the national search entries' `finder_title` (country.py) is escaped text;
- no `title` attribute of any page carries data text while Material's `content.tooltips` is on.
"""

from __future__ import annotations

import dataclasses
import json
import re

import pytest

from macros.outputs.pagefind import unit_documents

from .conftest import PHONE, REPO
from .node_rules import node_fixture  # noqa: F401 (the fixture `node`)

CORPUS = REPO / "tests" / "bad_data"
PWNED = "window.pwned=1"
MARKUP = '<b id="markup">đậm</b><img src=x onerror="window.pwned=1">'


def corpus_urls() -> list[str]:
    """Every address with a scheme other than http(s) that the bad-data corpus refuses."""
    found = set()
    for file in sorted(CORPUS.glob("*.yaml")):
        for match in re.finditer(r"\b(javascript|data|vbscript|ftp):[^\s\"'\\]*", file.read_text(encoding="utf-8")):
            found.add(match.group(0))
    return sorted(found)


TRICKS = [
    "javascript:window.pwned=1",
    "JaVaScRiPt:window.pwned=1",
    "  javascript:window.pwned=1",
    "java\tscript:window.pwned=1",
    "java\nscript:window.pwned=1",
    "\x01javascript:window.pwned=1",
    "data:text/html,<script>window.pwned=1</script>",
    "vbscript:msgbox(1)",
    "//evil.example/x",
    "/\\evil.example/x",
    "\\\\evil.example/x",
    "file:///etc/passwd",
    "ftp://example.org/x",
    "tel:0123",
    "",
    None,
]
KEPT = [
    "https://example.org/a?b=1#c",
    "http://example.org/",
    "../../van-ban-phap-ly/#qd-22-2023",
    "?tinh=ha-noi",
    "#top",
]


def test_the_corpus_has_hostile_addresses():
    assert "javascript:alert(1)" in corpus_urls()


@pytest.mark.parametrize("href", corpus_urls() + TRICKS)
def test_a_hostile_address_never_becomes_a_link(node, href):
    assert node.call("core.js", "safeHref", href) is None


@pytest.mark.parametrize("href", KEPT)
def test_web_and_site_addresses_stay_links(node, href):
    assert node.call("core.js", "safeHref", href) == href


def test_a_phone_address_only_where_a_phone_is_meant(node):
    assert node.call("core.js", "safeHref", "tel:0123456789", ["tel"]) == "tel:0123456789"
    assert node.call("core.js", "safeHref", "javascript:x", ["tel"]) is None
    assert node.call("core.js", "safeHref", "tel:0123456789") is None


# --- the finder with hostile data, in Chromium --------------------------------------------------

HOSTILE_LEAD = [MARKUP, MARKUP, "javascript:window.pwned=1"]
HOSTILE_CONTACTS = [["police", [["phone", MARKUP, MARKUP, "01/12/2026", "javascript:window.pwned=1"]]]]


def poisoned(payload: dict, index: str) -> dict:
    """A finder payload whose unit `index` has a hostile lead and a hostile phone line."""
    payload = dict(payload)
    payload["leads"] = dict(payload.get("leads") or {}, **{index: [HOSTILE_LEAD]})
    payload["contacts"] = dict(payload.get("contacts") or {}, **{index: HOSTILE_CONTACTS})
    return payload


def as_script_json(value) -> str:
    return json.dumps(value, ensure_ascii=False).replace("<", "\\u003c")


def nga_son_index(payload: dict) -> str:
    return str(next(i for i, u in enumerate(payload["units"]) if u[1] == "Nga Sơn"))


def poison_the_page(route):
    response = route.fetch()
    html = response.text()
    found = re.search(r'(<script type="application/json" id="tim-co-quan-data">)(.*?)(</script>)', html, re.S)
    payload = json.loads(found.group(2))
    if payload.get("national"):
        return route.fulfill(response=response)
    html = html[: found.start(2)] + as_script_json(poisoned(payload, nga_son_index(payload))) + html[found.end(2) :]
    route.fulfill(response=response, body=html)


def poison_the_index(route):
    response = route.fetch()
    index = response.json()
    for place in index["provinces"]:
        if place["slug"] == "thanh-hoa":
            place["page"] = "javascript:window.pwned=1"
    route.fulfill(response=response, body=json.dumps(index))


def poison_the_province(route):
    response = route.fetch()
    payload = response.json()
    route.fulfill(response=response, body=json.dumps(poisoned(payload, nga_son_index(payload))))


def assert_inert(tab) -> None:
    assert tab.evaluate("window.pwned") is None, "no script ran"
    live = tab.evaluate(
        "() => Array.from(document.querySelectorAll('a[href]')).map(a => a.protocol)"
        ".filter(p => !['http:', 'https:', 'tel:'].includes(p))"
    )
    assert live == [], f"links that are neither http(s) nor this site's: {live}"
    assert tab.locator("#markup").count() == 0, "markup in data never becomes markup"
    assert tab.locator("article img[src=x]").count() == 0


@pytest.mark.parametrize("which", ["thanh-hoa", "ca-nuoc"])
def test_the_finder_keeps_hostile_data_as_text(request, browser, which):
    served = request.getfixturevalue("served_site" if which == "thanh-hoa" else "served_country")
    # The site's service worker would answer the finder's fetches itself, past the routes that
    # poison them (Playwright routes only what the page asks the network).
    context = browser.new_context(viewport=PHONE, locale="vi-VN", service_workers="block")
    tab = context.new_page()
    errors = []
    tab.on("pageerror", lambda e: errors.append(str(e)))
    tab.route("**/cong-cu/tim-co-quan/", poison_the_page)
    tab.route("**/assets/tim-co-quan/index.json", poison_the_index)
    tab.route("**/assets/tim-co-quan/thanh-hoa.json", poison_the_province)
    try:
        tab.goto(served + "cong-cu/tim-co-quan/")
        box = tab.get_by_label("Tên xã, phường, thị trấn nơi bạn ở", exact=False)
        box.press_sequentially("xa nga son, thanh hoa")
        tab.wait_for_function("() => document.querySelectorAll('#ket-qua .finder-card').length > 0")
        card = tab.locator("#ket-qua .finder-card").first
        text = card.inner_text()
        assert '<b id="markup">đậm</b>' in text, "the office's name, as text"
        assert text.count("<img src=x") >= 3, "the name, what the source says and the phone, as text"
        assert card.locator("a[href^='javascript'], a.tel-link").count() == 0, "no live source or phone link"
        if which == "ca-nuoc":
            assert card.locator("[data-slot=province]").count() == 0, "no link to a javascript: province page"
            box.fill("")
            box.press_sequentially("thanh hoa")
            tab.wait_for_function("() => document.querySelector('.finder-province-note')")
            assert tab.locator(".finder-province-note a").count() == 0
        assert_inert(tab)
    finally:
        context.close()
    assert errors == []


# --- the national search entries and the title attributes --------------------------------------


def test_the_search_units_are_escaped(data):
    """The units document of a province (outputs/pagefind.py; the national site writes one per
    province the same way): a province's and a unit's name reach the search index as text."""
    hostile_name = "<img src=x onerror=alert(1)> & Co"
    first = next(iter(data.communes))
    communes = {**data.communes, first: data.communes[first].model_copy(update={"name": hostile_name})}
    hostile = dataclasses.replace(
        data,
        province=data.province.model_copy(update={"full_name": f"tỉnh {hostile_name}"}),
        communes=communes,
    )
    ((url, document),) = unit_documents(hostile)
    assert url.endswith("?tinh=thanh-hoa")
    assert "<img" not in document and document.count("&lt;img src=x onerror=alert(1)&gt; &amp; Co") >= 2


# Material's own words (overrides and theme) and the site's name: the only titles a page may carry.
ALLOWED_TITLES = {"Hướng dẫn vay vốn ưu đãi", "Xóa", "Chia sẻ", "Sao chép", "Tìm kiếm"}


@pytest.mark.parametrize("which", ["site", "country_site"])
def test_no_data_text_in_a_title_attribute(request, which):
    """Material's `content.tooltips` draws a `title` as a tooltip: no page puts data text there."""
    built = request.getfixturevalue(which)
    titles = set()
    for file in built.html_files():
        titles |= set(re.findall(r'\stitle="([^"]*)"', file.read_text(encoding="utf-8")))
    assert titles <= ALLOWED_TITLES, titles - ALLOWED_TITLES
