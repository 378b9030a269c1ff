"""Search finds pages whether or not people type diacritics, and by everyday words."""

from __future__ import annotations

import json

from macros.data.models import Synonym
from macros.outputs.search_index import enrich_index, folded_extra, folded_pairs, synonym_terms
from macros.text import fold
from tools.search_eval import load_queries, report, run_queries

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
    outcomes = run_queries(browser, served_site, load_queries())
    hit3 = sum(o.hit3 for o in outcomes) / len(outcomes)
    assert hit3 >= 0.95, report(outcomes)


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
