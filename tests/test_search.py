"""Search finds pages whether or not people type diacritics, and by everyday words.

The search is the site's own box (overrides/partials/search.html, docs/assets/search.js) over the
Pagefind index the post step writes (macros/outputs/pagefind.py), the same on MkDocs and Zensical
(tests/test_zensical.py compares the two indexes byte for byte)."""

from __future__ import annotations

import gzip
import json
import re
from pathlib import Path
from urllib.parse import parse_qs, urlsplit

import pytest

from macros.data.models import Synonym
from macros.outputs.pagefind import (
    CHUNK_SIZE,
    PageSearch,
    article_of,
    everyday_words,
    first_words,
    location_of,
    page_documents,
    sections_of,
)
from macros.text import fold
from tools.search_eval import HELD_OUT, load_queries, open_search, report, run_queries, search

from .conftest import PHONE, REPO

SYNONYMS = [Synonym(id="x", site_term="chấp hành xong án phạt tù", everyday=["hoàn lương", "ra tù"])]
PAGE = """<html><body><article class="md-content__inner md-typeset">
<h1 id="vay">Vay vốn &amp; hồ sơ</h1><p>Người chấp hành xong án phạt tù được vay.</p>
<div data-pagefind-ignore><p>Bảng không tìm</p></div>
<h2 id="den-dau">Đến đâu</h2><p>Điểm giao dịch xã.</p>
</article></body></html>"""


def test_synonyms_attach_to_parts_whose_heading_uses_the_site_term():
    assert everyday_words(SYNONYMS, "Người chấp hành xong án phạt tù") == ["hoàn lương", "ra tù"]
    assert everyday_words(SYNONYMS, "Lãi suất") == []
    assert first_words(("người mới ra tù",), SYNONYMS) == ["người mới ra tù", "chấp hành xong án phạt tù"]


def test_a_page_is_split_at_its_headings_less_what_is_left_out():
    article = article_of(PAGE)
    assert "Bảng không tìm" not in article and "Điểm giao dịch" in article
    assert [(a, h) for a, h, _ in sections_of(article)] == [("", "Vay vốn & hồ sơ"), ("den-dau", "Đến đâu")]
    documents = page_documents("bat-dau/x/", PAGE, PageSearch(keywords=("người mới ra tù",)), SYNONYMS)
    assert [url for url, _ in documents] == ["/bat-dau/x/", "/bat-dau/x/#den-dau"]
    first, second = (doc for _, doc in documents)
    assert "<h1>Vay vốn &amp; hồ sơ</h1>" in first, "a title is text, escaped again for Pagefind"
    assert 'data-pagefind-meta="firstwords[content]"' in first
    assert 'content="Vay vốn &amp; hồ sơ"' in second, "a part names its page"
    assert page_documents("a/", "<html><body>redirect</body></html>", PageSearch(), SYNONYMS) == []


def test_docs_paths_become_site_locations():
    assert location_of("bat-dau/vay-von.md") == "bat-dau/vay-von/"
    assert location_of("thu-tuc/index.md") == "thu-tuc/"
    assert location_of("index.md") == ""


def test_the_index_is_in_small_chunks_without_pagefinds_own_interfaces(site):
    """A query fetches the chunks of its words: the index is cut in chunks of CHUNK_SIZE word
    locations (PAGEFIND_UNSTABLE_INDEX_CHUNK_SIZE, pinned with Pagefind 1.5.2), not Pagefind's
    two or three large ones. Pagefind's UI files are not published (the box is the site's)."""
    bundle = site.root / "pagefind"
    entry = json.loads((bundle / "pagefind-entry.json").read_text(encoding="utf-8"))
    assert entry["version"] == "1.5.2" and list(entry["languages"]) == ["vi"]
    chunks = sorted((bundle / "index").glob("*.pf_index"))
    assert CHUNK_SIZE == 1000 and len(chunks) >= 10
    assert max(c.stat().st_size for c in chunks) < 30_000
    assert not list(bundle.glob("pagefind-*ui*")) and not (bundle / "pagefind-highlight.js").exists()
    assert (
        not (site.root / "search" / "search_index.json").exists()
        and not (site.root / "assets" / "search-vi.js").exists()
    )


def indexed(root: Path) -> list[dict]:
    """What Pagefind holds for each result (its fragments: url, content, meta), as the box gets it."""
    found = []
    for fragment in (root / "pagefind" / "fragment").glob("*.pf_fragment"):
        raw = gzip.decompress(fragment.read_bytes())
        found.append(json.loads(raw[raw.index(b"{") :]))
    return found


def links_listed(shown: list) -> list[tuple[str, str]]:
    """(title, href) of every entry listed by tools.search_eval.search, each page's parts after it."""
    return [(title, href) for t, h, parts in shown for title, href in [(t, h), *parts]]


def test_what_the_search_leaves_out_stays_out(site):
    """The 404 page and the list of units (its units are records of their own) are not indexed,
    nor an element marked data-pagefind-ignore; Pagefind's fragments hold each result's text."""
    texts = indexed(site.root)
    urls = {t["url"] for t in texts}
    assert "/404.html" not in urls and not [u for u in urls if u.startswith("/cong-cu/danh-sach-xa-phuong/")]
    assert "/quy-dinh/dieu-kien/" in urls and "/cong-cu/tim-co-quan/?tinh=thanh-hoa" in urls
    contacts = [t for t in texts if t["url"].startswith("/can-bo/lien-he/")]
    assert contacts and not any("Xã, phường đủ cả 7" in t["content"] for t in contacts)


def test_query_set_is_large_and_mixed():
    queries = load_queries()
    assert len(queries) >= 40
    plain = [q for q in queries if fold(q["query"]) == q["query"].lower()]
    assert len(plain) >= len(queries) / 2, "at least half the queries are typed without diacritics"
    held_out = load_queries(HELD_OUT)
    assert len(held_out) >= 20 and not {q["query"] for q in held_out} & {q["query"] for q in queries}


HIT3_TUNED = 0.98
"""hit@3 on the tuned set: 88 of 88 measured (100 %; "dong tien" now accepts the pages on paying,
"đóng tiền", as well as the finder); one query of slack for a loaded machine."""
TASKS_FIRST = 11
"""Task questions (issue 22, `first: true` with pages other than start pages) whose task page comes
first: 11 of 12 measured ("nop ho so o dau" brings Mẫu biểu first, the finder third)."""
HIT3_HELD_OUT = 0.9
"""hit@3 on the held-out set as measured before any tuning (20 of 22); reported, not tuned on."""


def test_search_hit_at_3(browser, served_site):
    """hit@3 over every query; a query marked `first: true` (what a person who wants to borrow
    types first) must bring a start page first."""
    queries = load_queries()
    outcomes, _ = run_queries(browser, served_site, queries)
    hit3 = sum(o.hit3 for o in outcomes) / len(outcomes)
    assert hit3 >= HIT3_TUNED, report(outcomes)
    firsts = [o for q, o in zip(queries, outcomes) if q.get("first")]
    starts = [o for o in firsts if all(e.startswith("bat-dau/") for e in o.expected)]
    assert len(starts) >= 6 and [o.query for o in starts if not o.hit1] == [], report(starts)
    tasks = [o for o in firsts if o not in starts]
    assert len(tasks) >= 8 and sum(o.hit1 for o in tasks) >= TASKS_FIRST, report(tasks)
    assert [o.query for o in outcomes if o.crowded] == [], report(outcomes)
    held_out, _ = run_queries(browser, served_site, load_queries(HELD_OUT))
    assert sum(o.hit3 for o in held_out) / len(held_out) >= HIT3_HELD_OUT, report(held_out)


# --- the search box on the phone ------------------------------------------------------------


def search_requests(requested: list[str], base: str) -> list[str]:
    return [url for url in requested if url.startswith(base + "pagefind/")]


def test_the_search_loads_only_when_it_is_opened(page):
    """A first visit fetches nothing of the search; tapping the magnifier fetches Pagefind's script,
    WASM and entry, and a query a few chunks of the index, not all of them."""
    requested: list[str] = []
    page.on("request", lambda r: requested.append(r.url))
    page.goto(page.base_url + "quy-dinh/dieu-kien/", wait_until="networkidle")
    page.wait_for_timeout(500)
    assert search_requests(requested, page.base_url) == []
    page.mouse.wheel(0, 600)
    page.locator("article a").first.hover()
    page.wait_for_timeout(200)
    assert search_requests(requested, page.base_url) == [], "reading and scrolling load nothing"
    open_search(page)
    loaded = search_requests(requested, page.base_url)
    assert any(url.endswith("/pagefind/pagefind.js") for url in loaded)
    shown = search(page, "lai suat")
    assert shown and shown[0][1].endswith("/quy-dinh/muc-vay-lai-suat/")
    chunks = {url for url in search_requests(requested, page.base_url) if url.endswith(".pf_index")}
    assert len(chunks) <= 4, chunks  # (the worker fetches them; tools/search_eval.py counts every byte served)
    assert page.foreign_requests == []


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
        tab.wait_for_function("() => document.activeElement.classList.contains('qd-search__input')")
        assert tab.locator(".qd-search__input").input_value() == "", "the key is not typed into the box"
        shown = search(tab, "ho so")
        assert shown and any(url.endswith("pagefind.js") for url in search_requests(requested, served_site))
    finally:
        context.close()


def test_without_javascript_no_dead_search_button(browser, served_site):
    context = browser.new_context(viewport={"width": 360, "height": 740}, java_script_enabled=False)
    try:
        tab = context.new_page()
        tab.goto(served_site + "hoi-dap/")
        assert not tab.locator(".qd-search__open").is_visible()
    finally:
        context.close()


@pytest.mark.parametrize(
    "query", ["vay von", "toi moi ra tu", "ho so vay von", "lai suat xyzw", "giấy tờ cần chuẩn bị", "nga thanh"]
)
def test_results_are_text_and_links_never_carry_the_words_typed(page, query):
    """Each result is a title, a text excerpt and at most a few parts, made of text and <mark> only;
    no link carries what was typed (no ?h=, no #:~:text=, no query word in a parameter), a unit's
    link names the unit from data; no metadata field (keywords, firstwords) is shown."""
    page.goto(page.base_url + "hoi-dap/", wait_until="networkidle")
    open_search(page)
    search(page, query)
    shown = page.evaluate("""() => ({
      tags: [...document.querySelectorAll('.qd-search__results *')].map(e => e.tagName.toLowerCase()),
      text: document.querySelector('.qd-search__results').innerText,
      links: [...document.querySelectorAll('.qd-search__results a')].map(a => a.href),
    })""")
    assert set(shown["tags"]) <= {"li", "a", "p", "mark", "ul"}, shown["tags"]
    assert "_" not in shown["text"] and "firstwords" not in shown["text"]
    typed = fold(query)
    for href in shown["links"]:
        parts = urlsplit(href)
        assert parts.netloc == urlsplit(page.base_url).netloc
        assert ":~:" not in parts.fragment and "h" not in parse_qs(parts.query)
        for name, values in parse_qs(parts.query).items():
            assert name in {"tinh", "q"}, href
            assert all(fold(v) != typed for v in values), href
    if query == "nga thanh":
        units = [parse_qs(urlsplit(h).query).get("q", [""])[0] for h in shown["links"]]
        assert "Xã Nga Sơn" in units
    if query == "lai suat xyzw":
        assert shown["links"], "a query with one unknown word still finds what has the others"


def test_closing_the_search_forgets_what_was_typed(page):
    """A shared phone: closed, the box is empty and the results gone; the address never changed."""
    page.goto(page.base_url + "hoi-dap/", wait_until="networkidle")
    open_search(page)
    search(page, "lai suat")
    assert page.url == page.base_url + "hoi-dap/"
    page.locator(".qd-search__close").click()
    assert page.locator(".qd-search__input").input_value() == ""
    assert page.locator(".qd-search__results > li").count() == 0
    page.locator(".qd-search__open").click()
    assert page.locator(".qd-search__input").input_value() == ""


def test_the_theme_speaks_plain_vietnamese(page):
    """The theme's and the box's strings as the site shows them (overrides/partials/languages/vi.html)."""
    page.goto(page.base_url + "hoi-dap/", wait_until="networkidle")
    assert page.locator(".md-skip").inner_text() == "Đến nội dung chính"
    assert page.locator(".qd-search__open").get_attribute("aria-label") == "Tìm kiếm"
    open_search(page)
    assert page.locator(".qd-search__input").get_attribute("placeholder") == "Tìm kiếm"
    search(page, "lai suat")
    assert re.fullmatch(r"Tìm thấy \d+ trang", page.locator(".qd-search__status").inner_text())
    search(page, "xyzwq")
    assert page.locator(".qd-search__status").inner_text() == "Không tìm thấy trang nào có các từ này"


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


# --- units: found by their name and by the names they were made of, leading to the finder -------

FINDER = "cong-cu/tim-co-quan/"


def test_the_search_box_finds_units_by_new_and_old_name_and_leads_to_the_finder(browser, served_site):
    context = browser.new_context(viewport={"width": 360, "height": 740}, locale="vi-VN")
    tab = context.new_page()
    try:
        tab.goto(served_site, wait_until="networkidle")
        open_search(tab)
        shown = search(tab, "nga thanh")  # two former communes, Nga Thanh and Nga Thành, now in two units
        units = [(title, href) for title, href in links_listed(shown) if FINDER in href]
        assert [title for title, _ in units[:2]] == ["Xã Nga Sơn", "Xã Hồ Vương"], shown
        tab.locator(".qd-search__results a", has_text="Xã Nga Sơn").first.click()
        tab.wait_for_load_state("load")
        assert tab.locator("#tim-co-quan-q").input_value() == "Xã Nga Sơn"
        card = tab.locator("#ket-qua .finder-card").first
        assert card.get_attribute("data-unit") == "xa-nga-son" and card.is_visible()
        assert "xã Nga Thanh" in card.inner_text()
    finally:
        context.close()


CHECKLISTS = ("cong-cu/giay-to-vay-kinh-doanh/", "cong-cu/giay-to-hoc-nghe/", "cong-cu/giay-to-co-so/")


@pytest.mark.parametrize(
    "typed, first",
    [
        ("can mang giay to gi", CHECKLISTS),
        ("cần mang giấy tờ gì", CHECKLISTS),
        ("moi thang tra bao nhieu", ("cong-cu/uoc-tinh/",)),
    ],
)
def test_a_question_about_a_task_finds_the_task_page_first_and_no_unit(browser, served_site, typed, first):
    """Issue 22: "can mang giay to gi" listed Xã Lĩnh Toại (a unit with "giấy" and "to" scattered in
    its text) and a checklist second; a question lists no unit and its task page first."""
    context = browser.new_context(viewport={"width": 360, "height": 740}, locale="vi-VN")
    tab = context.new_page()
    try:
        tab.goto(served_site, wait_until="networkidle")
        open_search(tab)
        shown = search(tab, typed)
        assert not [title for title, href in links_listed(shown) if "?" in (href or "")], shown
        assert shown and any(shown[0][1].endswith("/" + page) for page in first), shown[:3]
        assert tab.locator(".qd-search__results > li").first.is_visible()
    finally:
        context.close()


def test_a_unit_name_still_finds_the_unit_but_at_most_two_units(browser, served_site):
    """A name typed whole ("dong tien": Đông Tiến, or đóng tiền, paying) may list units, never more
    than two unit entries, so the pages on paying stay on the first screen."""
    context = browser.new_context(viewport={"width": 360, "height": 740}, locale="vi-VN")
    tab = context.new_page()
    try:
        tab.goto(served_site, wait_until="networkidle")
        open_search(tab)
        shown = search(tab, "ham rong")
        assert any(FINDER in (href or "") and "q=" in href for _, href in links_listed(shown)[:3]), shown
        shown = search(tab, "dong tien")
        assert len([href for _, href in links_listed(shown) if "?" in (href or "")]) <= 2, shown
        shown = search(tab, "phuong ham rong")  # a unit's kind and whole name: the place itself first
        assert shown[0][0] == "Phường Hàm Rồng" and FINDER in shown[0][1], shown[:2]
    finally:
        context.close()


def test_the_box_says_it_is_searching_while_the_answer_is_on_its_way(browser, served_site):
    """On a slow connection the index arrives late: the line under the box says "Đang tìm…", not
    "Gõ từ cần tìm" as though nothing had been typed."""
    from tools.search_eval import open_search

    # No service worker: the page's own requests are the ones held below.
    context = browser.new_context(viewport=PHONE, locale="vi-VN", service_workers="block")
    page = context.new_page()
    try:
        page.goto(served_site, wait_until="networkidle")
        open_search(page)
        status = page.locator(".qd-search__status")
        assert status.inner_text() == page.locator("#qd-search").get_attribute("data-idle")
        page.route("**/pagefind/**", lambda route: None)  # held: the answer does not come
        page.locator(".qd-search__input").press_sequentially("lai suat")
        page.wait_for_function("() => window.qd22Search.sent > 0")
        page.wait_for_timeout(600)
        assert status.inner_text() == "Đang tìm…"
    finally:
        context.close()


def test_a_search_that_fails_says_so(browser, served_site):
    """The connection drops after the search opened: the line under the box says the search could
    not be done and what to do, not "Không tìm thấy trang nào" (Pagefind finds nothing when it
    cannot fetch its index) nor "Đang tìm…" for ever."""
    from tools.search_eval import open_search

    context = browser.new_context(viewport=PHONE, locale="vi-VN", service_workers="block")
    page = context.new_page()
    try:
        page.goto(served_site, wait_until="networkidle")
        open_search(page)
        context.set_offline(True)
        page.locator(".qd-search__input").press_sequentially("lai suat")
        page.wait_for_function("() => window.qd22Search.done > 0 && window.qd22Search.done === window.qd22Search.sent")
        failed = page.locator("#qd-search").get_attribute("data-failed")
        assert page.locator(".qd-search__status").inner_text() == failed
        assert page.locator(".qd-search__results > li").count() == 0
    finally:
        context.close()
