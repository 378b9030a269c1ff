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
