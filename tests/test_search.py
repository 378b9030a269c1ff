"""Search finds pages whether or not people type diacritics, and by everyday words."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from macros.data.models import Synonym
from macros.outputs.search_index import enrich_index, folded_extra, folded_pairs, synonym_terms
from macros.text import fold
from tools.search_eval import load_queries, report, run_queries

from .conftest import REPO

SEPARATOR = r"[\s\-,;:!?()\[\]{}\"“”'.…]+"


def test_folded_words_are_only_those_with_diacritics():
    assert folded_extra("<p>Lãi suất cho vay: <b>6,24 %/năm</b></p>", SEPARATOR) == "lai suat %/nam"
    assert folded_extra("Điều kiện vay vốn, điều kiện", SEPARATOR) == "dieu kien von"


def test_synonyms_attach_to_pages_using_the_site_term():
    synonyms = [Synonym(id="x", site_term="chấp hành xong án phạt tù", everyday=["hoàn lương"])]
    assert synonym_terms(fold("người chấp hành xong án phạt tù"), synonyms) == [
        "hoàn lương",
        "hoan luong",
        "_hoanluong",
    ]
    assert synonym_terms(fold("lãi suất"), synonyms) == []


def test_enriched_index_keeps_what_readers_see():
    index = {
        "config": {"separator": SEPARATOR, "fields": {"title": {"boost": 1000}, "text": {"boost": 1}}},
        "docs": [{"location": "a/", "title": "Hồ sơ", "text": "<p>Giấy tờ</p>"}],
    }
    doc = enrich_index(json.loads(json.dumps(index)), [], {"a/": ["hồ sơ vay"]})["docs"][0]
    assert (doc["title"], doc["text"]) == ("Hồ sơ", "<p>Giấy tờ</p>")
    assert doc["fold_title"] == "ho so" and doc["fold_text"] == "giay to"
    assert doc["synonyms"] == "hồ sơ vay ho so vay _hoso _sovay"


def test_pairs_join_adjacent_words_and_skip_numbers():
    assert folded_pairs("Hồ sơ vay vốn 22/2023/QĐ-TTg", SEPARATOR) == "_hoso _sovay _vayvon"


def test_query_set_is_large_and_mixed():
    queries = load_queries()
    assert len(queries) >= 40
    plain = [q for q in queries if fold(q["query"]) == q["query"].lower()]
    assert len(plain) >= len(queries) / 2, "at least half the queries are typed without diacritics"


def test_search_hit_at_3(browser, served_site):
    """hit@3 over every query; a query marked `first: true` (what a person who wants to borrow
    types first) must bring a start page first."""
    queries = load_queries()
    outcomes = run_queries(browser, served_site, queries)
    hit3 = sum(o.hit3 for o in outcomes) / len(outcomes)
    assert hit3 >= 0.95, report(outcomes)
    firsts = [o for q, o in zip(queries, outcomes) if q.get("first")]
    assert len(firsts) >= 6 and all(e.startswith("bat-dau/") for o in firsts for e in o.expected)
    assert [o.query for o in firsts if not o.hit1] == [], report(firsts)


# --- the search box on the phone ------------------------------------------------------------

SEARCH_FILES = ("search/search_index.json", "assets/javascripts/workers/search.", "assets/javascripts/lunr/")


def search_requests(requested: list[str], base: str) -> list[str]:
    return [url for url in requested if url.startswith(base) and url[len(base) :].startswith(SEARCH_FILES)]


def open_search_and_type(page, query: str) -> None:
    """Tap the magnifier in the header, type, and wait for the results of the whole query."""
    page.locator("label.md-header__button[for='__search']").click()
    box = page.locator("input.md-search__input")
    box.press_sequentially(query)
    page.wait_for_function(
        "() => /Tìm thấy|Không tìm thấy/.test(document.querySelector('.md-search-result__meta').textContent)",
        timeout=60_000,
    )
    page.wait_for_timeout(300)  # the last key's results replace the previous ones


def test_the_search_loads_only_when_it_is_opened(page):
    """A first visit fetches neither the index nor the worker; tapping the magnifier fetches them."""
    requested: list[str] = []
    page.on("request", lambda r: requested.append(r.url))
    page.goto(page.base_url + "quy-dinh/dieu-kien/", wait_until="networkidle")
    page.wait_for_timeout(500)
    assert search_requests(requested, page.base_url) == []
    page.mouse.wheel(0, 600)
    page.locator("article a").first.hover()
    page.wait_for_timeout(200)
    assert search_requests(requested, page.base_url) == [], "reading and scrolling load nothing"
    open_search_and_type(page, "lai suat")
    loaded = search_requests(requested, page.base_url)
    assert any(url.endswith("search/search_index.json") for url in loaded)
    assert any("/workers/search." in url for url in loaded)
    assert page.locator(".md-search-result__item").count() > 0
    assert page.foreign_requests == []


def test_tabbing_past_the_search_box_loads_nothing_and_typing_in_it_does(browser, served_site):
    context = browser.new_context(viewport={"width": 1280, "height": 800}, locale="vi-VN")
    try:
        tab = context.new_page()
        requested: list[str] = []
        tab.on("request", lambda r: requested.append(r.url))
        tab.goto(served_site + "hoi-dap/", wait_until="networkidle")
        for _ in range(40):
            tab.keyboard.press("Tab")
            if tab.evaluate("document.activeElement.classList.contains('md-search__input')"):
                break
        assert tab.evaluate("document.activeElement.classList.contains('md-search__input')")
        tab.keyboard.press("Tab")
        tab.wait_for_timeout(300)
        assert search_requests(requested, served_site) == [], "tabbing past loads nothing"
        tab.keyboard.press("Shift+Tab")
        tab.keyboard.type("lai suat")
        tab.wait_for_function(
            "() => /Tìm thấy/.test(document.querySelector('.md-search-result__meta').textContent)", timeout=60_000
        )
        assert any(url.endswith("search/search_index.json") for url in search_requests(requested, served_site))
    finally:
        context.close()


@pytest.mark.parametrize("key", ["/", "s"])
def test_a_search_key_opens_and_loads_the_search(browser, served_site, key):
    context = browser.new_context(viewport={"width": 1280, "height": 800}, locale="vi-VN")
    try:
        tab = context.new_page()
        requested: list[str] = []
        tab.on("request", lambda r: requested.append(r.url))
        tab.goto(served_site + "hoi-dap/", wait_until="networkidle")
        assert search_requests(requested, served_site) == []
        tab.keyboard.press(key)
        tab.wait_for_function("() => document.activeElement.classList.contains('md-search__input')")
        tab.keyboard.type("ho so")
        tab.wait_for_function(
            "() => /Tìm thấy/.test(document.querySelector('.md-search-result__meta').textContent)", timeout=60_000
        )
        assert any(url.endswith("search/search_index.json") for url in search_requests(requested, served_site))
    finally:
        context.close()


@pytest.mark.parametrize(
    "query", ["vay von", "toi moi ra tu", "ho so vay von", "lai suat xyzw", "giấy tờ cần chuẩn bị"]
)
def test_no_internal_token_is_ever_shown(page, query):
    """The pair tokens ("_vayvon") that rank pages are never listed as missing words, never
    highlighted, never in a result's link; the words the person typed still are."""
    page.goto(page.base_url + "hoi-dap/", wait_until="networkidle")
    open_search_and_type(page, query)
    shown = page.evaluate("""() => ({
      text: document.querySelector('.md-search-result').innerText,
      missing: [...document.querySelectorAll('.md-search-result__terms del')].map(d => d.textContent),
      marks: [...document.querySelectorAll('.md-search-result mark')].map(m => m.textContent),
      links: [...document.querySelectorAll('a.md-search-result__link')].map(a => new URL(a.href).searchParams.get('h') || ''),
    })""")
    assert "_" not in shown["text"]
    assert all("_" not in word for word in shown["missing"] + shown["marks"] + shown["links"]), shown
    typed = set(fold(query).split())
    assert set(fold(w) for w in shown["missing"]) <= typed
    if query == "lai suat xyzw":
        assert "Không có: xyzw" in shown["text"], "a real missing word is still shown"
    assert any(shown["links"]), "matched words still go to the highlight link"


@pytest.mark.parametrize("query, words", [("giấy tờ", {"giấy", "tờ"}), ("tôi mới ra tù", {"tôi", "mới", "ra", "tù"})])
def test_a_word_ending_in_a_marked_vowel_is_searched_whole(page, site, query, words):
    """A marked vowel typed last comes with no keyup (a phone's keyboard, a paste): Material then
    searched "giấy t", whose "t" matched nearly every page and highlighted every t. The results
    are those of the words typed, and each result's highlight link carries them."""
    page.goto(page.base_url + "hoi-dap/", wait_until="networkidle")
    open_search_and_type(page, "lai suat")  # the search is ready: each change is searched at once
    box = page.locator("input.md-search__input")
    box.fill("")
    page.wait_for_function("() => !/Tìm thấy/.test(document.querySelector('.md-search-result__meta').textContent)")
    box.press_sequentially(query)
    page.wait_for_function("() => /Tìm thấy/.test(document.querySelector('.md-search-result__meta').textContent)")
    page.wait_for_timeout(500)
    highlighted = page.evaluate(
        "() => [...document.querySelectorAll('a.md-search-result__link')]"
        ".map(a => new URL(a.href).searchParams.get('h') || '')"
    )
    assert highlighted and all(set(h.split()) <= words for h in highlighted), highlighted
    assert any(len(set(h.split()) & words) >= 2 for h in highlighted), highlighted
    assert not any(len(term) == 1 for h in highlighted for term in h.split()), highlighted
    found = int(re.search(r"\d+", page.locator(".md-search-result__meta").inner_text()).group())
    total = len(json.loads((site.root / "search" / "search_index.json").read_text(encoding="utf-8"))["docs"])
    assert found < total / 4, f"{found} of {total} entries: a one-letter term matches nearly everything"


def test_the_theme_speaks_plain_vietnamese(page):
    """Material's strings as the site shows them (overrides/partials/languages/vi.html)."""
    page.goto(page.base_url + "hoi-dap/", wait_until="networkidle")
    assert page.locator(".md-skip").inner_text() == "Đến nội dung chính"
    assert page.locator("input.md-search__input").get_attribute("placeholder") == "Tìm kiếm"
    page.mouse.wheel(0, 3000)
    page.wait_for_timeout(300)
    page.mouse.wheel(0, -400)  # scrolling back up shows the back-to-top button
    top = page.locator(".md-top")
    top.wait_for(state="visible")
    assert top.inner_text().strip() == "Lên đầu trang"
    assert top.bounding_box()["height"] >= 44
    open_search_and_type(page, "lai suat")
    assert re.fullmatch(r"Tìm thấy \d+ trang", page.locator(".md-search-result__meta").inner_text())
    more = page.locator(".md-search-result__more summary").first.inner_text()
    assert re.fullmatch(r"Thêm (1|\d+) mục khác trong trang này", more), more
    box = page.locator("input.md-search__input")
    box.press("Control+a")
    box.press_sequentially("xyzwq")  # Material reacts to keys, as when a person types
    page.wait_for_function("() => /Không tìm thấy/.test(document.querySelector('.md-search-result__meta').textContent)")
    assert page.locator(".md-search-result__meta").inner_text() == "Không tìm thấy trang nào có các từ này"


def test_every_string_material_defines_is_translated(site):
    """The override has every key of Material's own vi.html, so nothing falls back to English,
    and the words the review found wrong are gone from every page."""
    import material

    theirs = Path(material.__file__).parent / "templates" / "partials" / "languages" / "vi.html"
    ours = REPO / "overrides" / "partials" / "languages" / "vi.html"
    keys = lambda path: set(re.findall(r'^\s*"([a-z.]+)":', path.read_text(encoding="utf-8"), re.M))  # noqa: E731
    assert keys(theirs) <= keys(ours)
    for page in site.html_files():
        html = page.read_text(encoding="utf-8")
        for wrong in ("Trở lại mục lục", "từ khác trong trang", "Initializing search", "tài liệu liên quan"):
            assert wrong not in html and json.dumps(wrong)[1:-1] not in html, (page, wrong)
    config = json.loads(site.page("").select_one("script#__config").string)
    assert config["translations"]["search.result.term.missing"] == "Không có"


# --- units: one entry per unit of today, found by its name and by the names it was made of ------

FINDER_ENTRY = "cong-cu/tim-co-quan/?q="


def test_one_search_entry_per_unit_leading_to_the_finder(site):
    index = json.loads((site.root / "search" / "search_index.json").read_text(encoding="utf-8"))
    entries = [d for d in index["docs"] if d["location"].startswith(FINDER_ENTRY)]
    assert len(entries) == 166 == len({d["title"] for d in entries})
    nga_son = next(d for d in entries if d["title"] == "Xã Nga Sơn")
    assert nga_son["location"] == FINDER_ENTRY + "X%C3%A3%20Nga%20S%C6%A1n"
    assert "Nga Thanh" in nga_son["text"] and "(huyện Nga Sơn cũ)" in nga_son["text"]
    assert "_ngathanh" in nga_son["synonyms"].split()
    assert not [d for d in index["docs"] if d["location"].startswith("cong-cu/danh-sach-xa-phuong/")], (
        "the list page stays out of the index: the units' entries point to the finder"
    )


def _search(tab, typed: str) -> list[tuple[str, str]]:
    """Type into the header search box as a person does; (title, href) of each result shown."""
    from tools.search_eval import _wait_for_final_results

    box = tab.locator("input.md-search__input")
    box.fill("")
    sent = tab.evaluate("window.__queriesSent")
    box.press_sequentially(typed)
    _wait_for_final_results(tab, sent)
    items = tab.locator(".md-search-result__list > li.md-search-result__item > a.md-search-result__link")
    return [
        (items.nth(i).locator("h1, h2").first.inner_text().strip(), items.nth(i).get_attribute("href"))
        for i in range(items.count())
    ]


def test_the_search_box_finds_units_by_new_and_old_name_and_leads_to_the_finder(browser, served_site):
    from tools.search_eval import COUNT_SEARCH_MESSAGES, WAIT_MS

    context = browser.new_context(viewport={"width": 360, "height": 740}, locale="vi-VN")
    context.add_init_script(COUNT_SEARCH_MESSAGES)
    tab = context.new_page()
    try:
        tab.goto(served_site, wait_until="networkidle")
        tab.locator("label.md-header__button[for='__search']").click()
        tab.wait_for_function("window.__searchReady", timeout=WAIT_MS)
        shown = _search(tab, "dong tien")
        assert {title for title, _ in shown[:2]} == {"Phường Đông Tiến", "Xã Đồng Tiến"}
        shown = _search(tab, "nga thanh")  # two former communes, Nga Thanh and Nga Thành, now in two units
        assert [title for title, _ in shown[:2]] == ["Xã Nga Sơn", "Xã Hồ Vương"]
        assert all(FINDER_ENTRY in href for _, href in shown[:2])
        tab.locator(".md-search-result__list > li.md-search-result__item > a.md-search-result__link").first.click()
        tab.wait_for_load_state("load")
        assert tab.locator("#tim-co-quan-q").input_value() == "Xã Nga Sơn"
        card = tab.locator("#ket-qua .finder-card").first
        assert card.get_attribute("data-unit") == "xa-nga-son" and card.is_visible()
        assert "xã Nga Thanh" in card.inner_text()
        tab.wait_for_timeout(300)
        assert not tab.locator("#__search").is_checked(), "Material's own search box does not open over it"
    finally:
        context.close()
