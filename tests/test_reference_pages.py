"""Issue 22 points 1, 7 and 8, read on a 360×740 phone in Chromium where a reader would:
every source link opens the Vietnamese original (no link to another language edition, in data or
in a built page); Hỏi đáp grouped by the reader's four questions and the officials', each answer
linkable, at most 8 screens; the rate page answers today's rate and the overdue rate in its first
screen; a fact whose period ended before the site's date reads as history. And the acceptance of
`make ux-report`: every beneficiary page's answer in the first screen, no page over 8 screens but
the legal library and the lists of units (tools/ux_report.py holds both definitions)."""

from __future__ import annotations

import datetime
import re
from urllib.parse import urlsplit

import pytest

from macros import formatting as fmt
from macros.render import facts, finder
from tools.ux_report import (
    ANSWER_ELEMENT,
    ANSWER_FACTS,
    ANSWER_IN_FIRST_SCREEN,
    MAX_SCREENS,
    MEASURE,
    RATE_PAGE,
    allowed_long,
    key_facts,
)

from .conftest import PHONE, REPO, build_for_date, serve_directory

OTHER_LANGUAGE_HOST = re.compile(r"^(ja|jp|en|eng|english|cn|zh|chinese|kr|ko|korean|fr|de|ru|es|lo|km)\.")
OTHER_LANGUAGE_PATH = re.compile(r"/(ja|jp|en|eng|english|cn|zh|zh-cn|kr|ko|fr|de|ru|es|lo|km)(/|$)", re.IGNORECASE)


def other_language_edition(url: str) -> bool:
    """A link to another language edition of a site: a language subdomain (ja.laodong.vn,
    english.luatvietnam.vn, eng.vbsp.org.vn) or a language folder (vietnam.vn/en/...)."""
    parts = urlsplit(url)
    if parts.scheme not in ("http", "https"):
        return False
    return bool(OTHER_LANGUAGE_HOST.match(parts.hostname or "") or OTHER_LANGUAGE_PATH.search(parts.path))


URL = re.compile(r"https?://[^\s\"'<>)\]]+")


def test_the_language_edition_check_tells_them_apart():
    for url in (
        "https://ja.laodong.vn/kinh-doanh/tu-ngay-1122025-nhcsxh-giam-lai-suat-1617408.ldo",
        "https://www.vietnam.vn/en/khach-hang-vay-von-chinh-sach",
        "https://english.luatvietnam.vn/tai-chinh/decision-22-2023-qd-ttg.html",
        "https://eng.vbsp.org.vn/press-release.html",
        "https://lawnet.vn/ngan-hang-phap-luat/en/tu-van-phap-luat/circular-10-2024",
        "https://en.sggp.org.vn/governments-bank-cuts-interest-rate",
    ):
        assert other_language_edition(url), url
    for url in (
        "https://laodong.vn/kinh-doanh/tu-ngay-1122025.ldo",
        "https://thanhnien.vn/tu-ngay-1122025-nhcsxh-giam-lai-suat.htm",
        "https://github.com/diepxuan/diepxuan.github.io/blob/main/van-ban/thi-hanh-an/thi-hanh-an-hinh-su.md",
        "https://stp.hanam.gov.vn/Pages/quyet-dinh-so-222023qd-ttg.aspx",
        "https://baothanhhoa.vn/diem-tua-cho-nguoi-lam-lo-tai-hoa-nhap-cong-dong-263998.htm",
    ):
        assert not other_language_edition(url), url


def test_no_source_in_data_links_to_another_language_edition():
    """Point 1: every URL in data/ (sources, documents, contacts) is a Vietnamese page."""
    found = []
    for file in sorted((REPO / "data").rglob("*.yaml")):
        for number, line in enumerate(file.read_text(encoding="utf-8").splitlines(), start=1):
            if line.lstrip().startswith("#"):
                continue
            found += [
                f"{file.relative_to(REPO)}:{number}: {url}" for url in URL.findall(line) if other_language_edition(url)
            ]
    assert found == []


def test_no_built_page_links_to_another_language_edition(site):
    found = []
    for file in site.root.rglob("*.html"):
        text = file.read_text(encoding="utf-8")
        found += [
            f"{file.relative_to(site.root)}: {url}"
            for url in re.findall(r'href="([^"]+)"', text)
            if other_language_edition(url)
        ]
    assert found == []


def test_a_source_found_only_in_another_language_is_named_without_a_link(data):
    """Decision 750/QĐ-TTg's press release and the storm relief's report were found only in English:
    named, said so, never linked."""
    for record in (data.document("qd-750-2015"), data.document("qd-2654-2025")):
        assert record.source is None and record.source_name and "tiếng Anh" in record.source_unlinked
    library = facts.legal_library(data, datetime.date(2025, 12, 1), "van-ban-phap-ly.md")
    assert "thông cáo báo chí của Ngân hàng Chính sách xã hội (chỉ thấy bản tiếng Anh" in library


def test_an_office_named_only_in_another_language_is_named_without_a_link(site, data):
    """The Lang Chánh transaction office: its only source is an English translation. The units list
    names that source and says why there is no link; the finder's data carries the same words."""
    office = data.offices["pgd-lang-chanh"]
    assert office.source is None and "tiếng Anh" in office.source_unlinked
    said = f"nguồn: {office.source_name}, {office.source_unlinked}"
    item = next(
        li
        for li in site.page("cong-cu/danh-sach-xa-phuong").select("#phong-giao-dich + ul li")
        if office.name in li.get_text()
    )
    assert said in item.get_text() and not item.select("a:not(.doubt)")
    leads = [
        lead for found in finder.finder_payload(data)["leads"].values() for lead in found if lead[0] == office.name
    ]
    assert leads and all(lead[2:] == [None, office.source_name, office.source_unlinked] for lead in leads)


FIRST_SCREEN_LINKS = """() => [...document.querySelectorAll("article a[href^='http']")].filter((a) => {
  const r = a.getBoundingClientRect();
  return r.width > 0 && r.top >= 0 && r.bottom <= innerHeight && !a.closest("details:not([open])");
}).map((a) => [a.innerText, a.href])"""


@pytest.mark.parametrize("path", ["bat-dau/vay-kinh-doanh/", "bat-dau/vay-hoc-nghe/", "bat-dau/co-so-san-xuat/"])
def test_the_source_in_a_start_pages_first_screen_is_the_vietnamese_original(shared_page, path):
    shared_page.goto(shared_page.base_url + path, wait_until="networkidle")
    links = shared_page.evaluate(FIRST_SCREEN_LINKS)
    assert any(text == "báo Thanh Niên" for text, _ in links), links
    assert [href for _, href in links if other_language_edition(href)] == []


# --- Hỏi đáp --------------------------------------------------------------------------------

GROUPS = [
    "Tôi có được vay không?",
    "Vay được bao nhiêu, lãi bao nhiêu, trả thế nào?",
    "Cần mang giấy tờ gì?",
    "Đến đâu, hỏi ai?",
    "Dành cho cán bộ",
]

PAGE_STRUCTURE = """() => {
  const ids = [...document.querySelectorAll("[id]")].map((e) => e.id);
  const levels = [...document.querySelectorAll("article h1, article h2, article h3, article h4, article h5, article h6")]
    .map((h) => Number(h.tagName[1]));
  return {
    duplicates: ids.filter((id, i) => ids.indexOf(id) !== i),
    levels,
    groups: [...document.querySelectorAll("article h2")].map((h) => h.innerText.trim()),
    questions: [...document.querySelectorAll("article details.faq")].map((d) => ({
      id: d.querySelector(":scope > summary").id, open: d.open, group: (() => {
        let el = d; while (el && el.tagName !== "H2") el = el.previousElementSibling; return el ? el.innerText.trim() : null;
      })(),
    })),
    height: document.documentElement.scrollHeight,
  };
}"""


def test_hoi_dap_is_grouped_by_the_readers_questions_and_scans_in_8_screens(shared_page, data):
    shared_page.goto(shared_page.base_url + "hoi-dap/", wait_until="networkidle")
    page = shared_page.evaluate(PAGE_STRUCTURE)
    assert page["groups"] == GROUPS
    assert [q["id"] for q in page["questions"]] == [
        q.id for q in sorted(data.questions, key=lambda q: GROUPS_ORDER[q.topic])
    ]
    assert all(not q["open"] and q["group"] in GROUPS for q in page["questions"]), "questions collapsed under a group"
    assert page["duplicates"] == [], "no id twice (the Nu checker found lai-suat twice)"
    assert all(b - a <= 1 for a, b in zip(page["levels"], page["levels"][1:])), (
        f"a heading skips a level: {page['levels']}"
    )
    screens = page["height"] / PHONE["height"]
    assert screens <= MAX_SCREENS, f"Hỏi đáp is {screens:.1f} screens"


GROUPS_ORDER = {"duoc-vay": 0, "bao-nhieu": 1, "giay-to": 2, "den-dau": 3, "can-bo": 4}


@pytest.mark.parametrize(
    "question_id, words",
    [("tra-cham", "nợ quá hạn"), ("lai-suat", "6,24 %/năm"), ("can-bo-danh-sach-hang-thang", "hằng tháng")],
)
def test_a_link_to_an_answer_opens_it_in_sight(shared_page, question_id, words):
    shared_page.goto(shared_page.base_url + "quy-dinh/dieu-kien/", wait_until="networkidle")
    shared_page.goto(shared_page.base_url + f"hoi-dap/#{question_id}", wait_until="networkidle")
    summary = shared_page.locator(f"summary#{question_id}")
    assert summary.evaluate("(s) => s.parentElement.open"), "the linked question opens by itself (core.js)"
    box = summary.bounding_box()
    assert 0 <= box["y"] < PHONE["height"] / 2, box
    answer = summary.locator("xpath=..").locator("p").first
    assert answer.is_visible() and words.lower() in answer.inner_text().lower()


def test_every_answer_is_in_the_page_for_find_and_search(site, data):
    """Collapsed answers stay in the page (find-in-page opens them; the search indexes them)."""
    article = site.article("hoi-dap")
    for entry in data.questions:
        assert entry.question in article
        before_a_value = entry.answer.split("{")[0].split()[:6]
        assert len(before_a_value) < 3 or " ".join(before_a_value) in article, entry.id


# --- the rate page ------------------------------------------------------------------------


def test_the_rate_page_answers_todays_rate_and_the_overdue_rate_in_its_first_screen(shared_page, data):
    shared_page.goto(shared_page.base_url + RATE_PAGE, wait_until="networkidle")
    first = shared_page.evaluate(MEASURE)["first"]
    day = datetime.date(2025, 12, 1)
    rate = data.value_in_force("poor-household-lending-rate", day)
    overdue = facts.overdue_rate(data, day)
    assert fmt.quantity_vi(rate, "percent_per_year") in first and "6,24 %/năm" in first
    assert fmt.quantity_vi(overdue, "percent_per_year") in first and "quá hạn" in first
    assert "bão" not in first


# --- expired facts read as history ------------------------------------------------------


@pytest.fixture(scope="module")
def later_site(tmp_path_factory):
    """The site built for 6 March 2026: the storm relief (1/10–31/12/2025) has ended."""
    return build_for_date(tmp_path_factory.mktemp("later"), "2026-03-06")


@pytest.fixture(scope="module")
def later_phone(browser, later_site):
    with serve_directory(later_site.root) as url:
        context = browser.new_context(viewport=PHONE, locale="vi-VN")
        tab = context.new_page()
        tab.base_url = url
        try:
            yield tab
        finally:
            context.close()


def test_the_ended_storm_relief_reads_as_history_on_the_rate_page(later_phone):
    later_phone.goto(later_phone.base_url + RATE_PAGE, wait_until="networkidle")
    first = later_phone.evaluate(MEASURE)["first"]
    assert "6,24 %/năm" in first and "bão" not in first, "today's rate first; the ended relief is not beside it"
    relief = later_phone.locator("article p", has_text="bão").first
    text = relief.inner_text()
    assert "đã hết hiệu lực từ ngày 01/01/2026" in text and "01/10/2025" in text and "31/12/2025" in text
    assert "đã được giảm" in text and "Đang có" not in text
    heading = relief.evaluate(
        "(p) => { let el = p; while (el && el.tagName !== 'H2') el = el.previousElementSibling; return el && el.innerText; }"
    )
    assert heading == "Lãi suất qua các thời kỳ"
    row = later_phone.locator("article table tr", has_text="6,6 %/năm")
    assert "đã hết hiệu lực từ 01/12/2025" in row.inner_text()


def test_no_page_tells_a_one_province_reader_that_their_province_is_unknown(later_site, site):
    for built in (site, later_site):
        for file in built.root.rglob("*.html"):
            assert "chưa rõ tỉnh của bạn" not in file.read_text(encoding="utf-8"), file


def test_the_library_says_the_relief_decision_ended(later_site):
    entry = later_site.page("van-ban-phap-ly").select_one("#qd-2654-2025").find_next("ul").get_text(" ", strip=True)
    assert "hết hiệu lực từ 01/01/2026" in entry and "đang có hiệu lực" not in entry


def test_start_pages_say_nothing_of_the_ended_relief(later_site):
    for path in ("bat-dau/vay-kinh-doanh", "bat-dau/vay-hoc-nghe", "bat-dau/co-so-san-xuat", ""):
        assert "bão" not in later_site.article(path), path


def test_while_it_lasts_the_relief_is_current_and_labelled_once(data):
    during = facts.relief_line(data, datetime.date(2025, 12, 10), "x.md")
    assert during.startswith("Đang có giảm lãi suất tạm thời") and during.count("doubt--uncertain") == 1
    after = facts.relief_line(data, datetime.date(2026, 1, 1), "x.md")
    assert "đã hết hiệu lực từ ngày 01/01/2026" in after and "Đang có" not in after
    assert facts.relief_history(data, datetime.date(2025, 12, 31), "x.md") == ""


# --- the acceptance of `make ux-report` ---------------------------------------------------


def content_paths(site) -> list[str]:
    from tools.pageweight import content_pages

    return [html.relative_to(site.root).as_posix().removesuffix("index.html") for html in content_pages(site.root)]


def test_every_page_with_an_answer_is_in_the_report(site):
    from tools.ux_report import BENEFICIARY_PAGES

    assert set(BENEFICIARY_PAGES) <= set(ANSWER_FACTS) | set(ANSWER_ELEMENT)
    assert set(ANSWER_FACTS) | set(ANSWER_ELEMENT) <= set(content_paths(site))


@pytest.mark.parametrize("path", sorted(set(ANSWER_FACTS) | set(ANSWER_ELEMENT)))
def test_each_pages_answer_is_in_its_first_screen(shared_page, data, path):
    shared_page.goto(shared_page.base_url + path, wait_until="networkidle")
    if path in ANSWER_FACTS:
        first = shared_page.evaluate(MEASURE)["first"]
        shown = key_facts(REPO, datetime.date(2025, 12, 1))
        missing = [name for name in ANSWER_FACTS[path] if not any(w in first for w in shown[name])]
        assert missing == [], f"{path}: not in the first screen: {missing}"
    else:
        assert shared_page.evaluate(ANSWER_IN_FIRST_SCREEN, ANSWER_ELEMENT[path]), f"{path}: {ANSWER_ELEMENT[path]}"


def test_no_page_is_over_8_screens_but_the_library_and_the_lists_of_units(shared_page, site):
    over = {}
    for path in content_paths(site):
        if allowed_long(path):
            continue
        shared_page.goto(shared_page.base_url + path, wait_until="networkidle")
        screens = shared_page.evaluate("document.documentElement.scrollHeight") / PHONE["height"]
        if screens > MAX_SCREENS:
            over[path] = round(screens, 1)
    assert over == {}


def test_the_answer_check_fails_on_a_page_whose_answer_is_below_the_fold(shared_page):
    shared_page.goto(shared_page.base_url + "cong-cu/tim-co-quan/", wait_until="networkidle")
    assert shared_page.evaluate(ANSWER_IN_FIRST_SCREEN, "#tim-co-quan-q")
    shared_page.evaluate(
        "document.querySelector('article').insertAdjacentHTML('afterbegin', '<div style=\"height:800px\"></div>')"
    )
    assert not shared_page.evaluate(ANSWER_IN_FIRST_SCREEN, "#tim-co-quan-q")
