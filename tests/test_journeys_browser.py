"""Issue 13, the beneficiary's journey, on a 360×740 phone in Chromium: what a person sees, taps and
prints. Home: the loan in two sentences and three large actions in the first screen. Start pages:
at most four screens, few citations in sight, the basis one tap away. Words glossed on first use.
One label each for doubt, explained on its own page. The rate with its source and date. The
checklists: sourced papers, the print button first, 12 pt on paper, the address and a QR code on
every printed sheet."""

from __future__ import annotations

import re
from urllib.parse import urljoin

import pytest

from macros import formatting as fmt
from tools.ux_report import BENEFICIARY_PAGES, MEASURE, START_PAGES

PHONE = {"width": 360, "height": 740}
DAY = "2025-12-01"
"""The session site (tests/conftest.py `site`) is built for 1 December 2025."""


def shown(data, fact_id: str) -> str:
    import datetime

    return fmt.quantity_vi(data.value_in_force(fact_id, datetime.date.fromisoformat(DAY)), data.fact(fact_id).unit)


FIRST_SCREEN = """() => {
  const seen = (el) => { const r = el.getBoundingClientRect(); return r.width > 0 && r.top >= 0 && r.bottom <= innerHeight; };
  const text = [...document.querySelectorAll("article h1, article p, article li")]
    .filter(seen).map((el) => el.innerText).join(" ");
  const actions = [...document.querySelectorAll("article .actions a")].map((a) => {
    const r = a.getBoundingClientRect();
    return {text: a.innerText.replace(/\\s*›\\s*$/, "").trim(), height: r.height, inside: r.top >= 0 && r.bottom <= innerHeight};
  });
  const cites = [...document.querySelectorAll("article a[href*='van-ban-phap-ly/']")].filter(seen).length;
  return {text: text.replace(/\\s+/g, " "), actions, cites};
}"""


def test_home_first_screen_says_what_the_loan_is_and_offers_three_large_actions(shared_page, data):
    shared_page.goto(shared_page.base_url, wait_until="networkidle")
    first = shared_page.evaluate(FIRST_SCREEN)
    for fact_id in ("individual-business-max", "poor-household-lending-rate", "business-max-term"):
        assert shown(data, fact_id) in first["text"], fact_id
    assert "không phải thế chấp" in first["text"]
    assert [a["text"] for a in first["actions"]] == [
        "Tôi có được vay không?",
        "Cần mang giấy tờ gì?",
        "Đến đâu để vay?",
    ]
    assert all(a["inside"] and a["height"] >= 48 for a in first["actions"]), first["actions"]
    assert first["cites"] == 0 and "Điều " not in first["text"], "no legal paragraph above the fold"
    assert not shared_page.get_by_role("heading", name="Tôi muốn vay vốn").evaluate(
        "h => h.getBoundingClientRect().top < innerHeight"
    ), "the doors come below the first screen"
    for name, lands_on in (
        ("Tôi có được vay không?", "Kiểm tra"),
        ("Cần mang giấy tờ gì?", "Giấy tờ cần chuẩn bị"),
        ("Đến đâu để vay?", None),
    ):
        shared_page.goto(shared_page.base_url, wait_until="networkidle")
        shared_page.get_by_role("link", name=name).click()
        shared_page.wait_for_load_state()
        if lands_on:
            assert shared_page.locator("h1").inner_text().startswith(lands_on), name
        else:
            assert shared_page.url.endswith("/cong-cu/tim-co-quan/")


LABELS = ("tù", "trại", "tội", "phạm nhân")


@pytest.mark.parametrize("path", BENEFICIARY_PAGES)
def test_the_header_never_labels_the_reader(shared_page, path):
    """What shows at the top of the shared_page, before and after scrolling (Material then shows the
    page's title), and the tab's title, say nothing about prison."""
    shared_page.goto(shared_page.base_url + path, wait_until="networkidle")
    header = shared_page.locator(".md-header")
    top = header.inner_text()
    shared_page.mouse.wheel(0, 1200)
    shared_page.wait_for_timeout(200)
    scrolled = header.inner_text()
    for shown_text in (top, scrolled, shared_page.title()):
        assert not any(re.search(rf"\b{w}\b", shown_text.lower()) for w in LABELS), (path, shown_text)
    assert "Hướng dẫn vay vốn ưu đãi" in top


def test_no_page_says_toi_pham(site):
    for file in site.html_files():
        assert "tội phạm" not in file.read_text(encoding="utf-8").lower(), file


@pytest.mark.parametrize("path", START_PAGES)
def test_start_pages_fit_four_screens_with_the_basis_one_tap_away(shared_page, path):
    shared_page.goto(shared_page.base_url + path, wait_until="networkidle")
    measured = shared_page.evaluate(MEASURE)
    screens = measured["height"] / PHONE["height"]
    assert screens <= 4, f"{path}: {screens:.1f} screens"
    assert measured["cites"] / screens <= 1.5, f"{path}: {measured['cites']} citation links in sight"
    first_step = shared_page.locator("ol.steps > li").first
    assert first_step.locator("a[href*='van-ban-phap-ly/']").first.is_hidden()
    first_step.get_by_text("Căn cứ", exact=True).click()
    cite = first_step.locator("details.basis a[href*='van-ban-phap-ly/#']").first
    assert cite.is_visible() and "Điều" in cite.inner_text()


@pytest.mark.parametrize("path", BENEFICIARY_PAGES)
def test_beneficiary_pages_keep_citations_out_of_sight(shared_page, path):
    shared_page.goto(shared_page.base_url + path, wait_until="networkidle")
    measured = shared_page.evaluate(MEASURE)
    screens = measured["height"] / PHONE["height"]
    assert measured["cites"] / screens <= 1.5, (
        f"{path}: {measured['cites']} visible citation links, {screens:.1f} screens"
    )


GLOSSED = {
    "dư nợ": "du-no",
    "ủy thác": "uy-thac",
    "phương án vay vốn": "phuong-an-vay-von",
    "bảo đảm tiền vay": "bao-dam-tien-vay",
    "tổ tiết kiệm và vay vốn": "to-tiet-kiem-va-vay-von",
    "điểm giao dịch": "diem-giao-dich",
    "phòng giao dịch": "phong-giao-dich",
}

FIRST_USE = """(word) => {
  const article = document.querySelector("article");
  const walker = document.createTreeWalker(article, NodeFilter.SHOW_TEXT);
  for (let node = walker.nextNode(); node; node = walker.nextNode()) {
    const el = node.parentElement;
    if (!el || el.closest("details:not([open]), .page-review") || !el.getClientRects().length) continue;
    if (node.textContent.toLowerCase().includes(word)) {
      const a = el.closest("a");
      const after = a ? (a.nextSibling && a.nextSibling.textContent || "") : "";
      return {href: a ? a.getAttribute("href") : null, text: node.textContent, after};
    }
  }
  return null;
}"""


def test_each_technical_word_is_glossed_and_linked_where_first_used(shared_page, data):
    seen = set()
    for path in ["", *START_PAGES]:
        shared_page.goto(shared_page.base_url + path, wait_until="networkidle")
        for word, term_id in GLOSSED.items():
            first = shared_page.evaluate(FIRST_USE, word)
            if first is None:
                continue
            seen.add(word)
            assert first["href"] and first["href"].endswith(f"thuat-ngu/#{term_id}"), (path, word, first)
            assert first["after"].lstrip().startswith("("), (path, word, "a short gloss follows in brackets")
    assert seen == set(GLOSSED), f"not used on the home and start pages: {set(GLOSSED) - seen}"
    terms = {t.id: t for t in data.terms}
    for term_id in GLOSSED.values():
        assert terms[term_id].gloss and (terms[term_id].legal_ref or terms[term_id].source), term_id
    shared_page.goto(shared_page.base_url + "bat-dau/vay-kinh-doanh/", wait_until="networkidle")
    shared_page.locator("ol.steps a[href$='thuat-ngu/#du-no']").click()
    shared_page.wait_for_load_state()
    entry = shared_page.locator("summary#du-no")
    assert entry.is_visible() and shared_page.url.endswith("/thuat-ngu/#du-no")
    definition = entry.locator("xpath=..").locator("p").first
    assert definition.is_visible(), "the linked term opens by itself (a collapsed <details>, core.js)"


@pytest.mark.parametrize(
    "path, kind, anchor",
    [
        ("cong-cu/giay-to-vay-kinh-doanh/", "uncertain", "chua-chac-chan"),
        ("cong-cu/giay-to-vay-kinh-doanh/", "unverified", "chua-xac-minh"),
        ("cong-cu/tim-co-quan/", "unverified", "chua-xac-minh"),
    ],
)
def test_a_label_of_doubt_opens_what_it_means(shared_page, path, kind, anchor):
    shared_page.goto(shared_page.base_url + path, wait_until="networkidle")
    label = shared_page.locator(f"article a.doubt--{kind}:visible").first
    words = {"uncertain": "chưa chắc chắn", "unverified": "chưa xác minh"}[kind]
    assert label.inner_text() == words
    label.click()
    shared_page.wait_for_load_state()
    assert shared_page.url.endswith(f"/ve-nguon-tin/#{anchor}")
    heading = shared_page.locator(f"h2#{anchor}")
    assert heading.is_visible() and words in heading.inner_text()
    box = heading.bounding_box()
    assert box and 0 <= box["y"] < PHONE["height"]


OLD_SPELLINGS = [
    "(theo báo chí, chưa thấy trong văn bản)",
    "Vì sao chưa chắc chắn",
    "Chưa chắc chắn:",
    "Giấy tờ khác: chưa xác minh",
    "Vì lãi suất chưa chắc chắn",
]


def doubled_labels(body) -> list[str]:
    """Places where two labels stand on one value: nothing but spaces and punctuation between them."""
    from bs4 import BeautifulSoup

    copy = BeautifulSoup(str(body), "html.parser")
    for label in copy.select(".doubt"):
        label.replace_with("§")
    text = " ".join(copy.get_text(" ").split())
    return [f"…{m.group(0)}…" for m in re.finditer(r"§([^§\w]*)§", text)]


def test_the_double_label_check_fails_on_a_doubled_value():
    from bs4 import BeautifulSoup

    label = '<a class="doubt doubt--uncertain" href="x">chưa chắc chắn</a>'
    other = '<a class="doubt doubt--unverified" href="y">chưa xác minh</a>'
    assert doubled_labels(BeautifulSoup(f"<p>6,24 %/năm {label} ({other})</p>", "html.parser")) != []
    two_values = f"<p>địa chỉ: {other}; điện thoại: {other}</p>"
    assert doubled_labels(BeautifulSoup(two_values, "html.parser")) == []


def test_one_label_each_for_doubt_and_never_two_on_one_value(site):
    """Every label on every page is one of the two, in its one form; no value carries two; the
    drifted spellings are gone."""
    from bs4 import BeautifulSoup

    forms = {
        ("doubt", "doubt--uncertain"): ("chưa chắc chắn", "ve-nguon-tin/#chua-chac-chan"),
        ("doubt", "doubt--unverified"): ("chưa xác minh", "ve-nguon-tin/#chua-xac-minh"),
    }
    problems, count = [], 0
    for file in site.html_files():
        soup = BeautifulSoup(file.read_text(encoding="utf-8"), "html.parser")
        body = soup.select_one("article")
        if body is None:
            continue
        text = " ".join(body.get_text(" ").split())
        problems += [f"{file}: {old!r}" for old in OLD_SPELLINGS if old in text]
        served = "/" + file.relative_to(site.root).as_posix().removesuffix("index.html")
        for label in body.select(".doubt"):
            count += 1
            words, href = forms.get(tuple(label.get("class")), (None, None))
            target = urljoin(served, label.get("href", ""))
            if label.get_text() != words or not target.endswith("/" + href):
                problems.append(f"{file}: {label}")
        problems += [f"{file}: {el}" for el in body.select(".uncertain")]
        problems += [f"{file}: {d}" for d in doubled_labels(body)]
    assert count > 100 and problems == []


def test_the_rate_shows_its_source_and_date_and_is_for_every_borrower(shared_page):
    shared_page.goto(shared_page.base_url + "bat-dau/vay-kinh-doanh/", wait_until="networkidle")
    rate = shared_page.locator(".key-facts li", has_text="Lãi suất")
    text = rate.inner_text()
    assert "6,24 %/năm" in text and "01/12/2025" in text and "không cần là hộ nghèo" in text
    assert rate.locator(".doubt").count() == 0, "the rate carries no label"
    source = rate.get_by_role("link", name="báo Thanh Niên")
    assert source.is_visible() and source.get_attribute("href").startswith("https://thanhnien.vn/")


CHECKLISTS = ["cong-cu/giay-to-vay-kinh-doanh/", "cong-cu/giay-to-hoc-nghe/", "cong-cu/giay-to-co-so/"]


@pytest.mark.parametrize("path", CHECKLISTS[:2])
def test_the_checklist_lists_the_sourced_papers_and_forms(shared_page, path):
    shared_page.goto(shared_page.base_url + path, wait_until="networkidle")
    items = shared_page.locator("ul.checklist-items li").all_inner_texts()
    joined = " ".join(items)
    for paper in (
        "Giấy chứng nhận chấp hành xong án phạt tù",
        "Danh sách Mẫu số 01",
        "Thẻ căn cước",
        "01/UQ",
        "01/TD",
        "03/TD",
        "Sổ vay vốn",
    ):
        assert paper in joined, paper
    forms = shared_page.locator("h2", has_text="Mẫu giấy tờ chung của Ngân hàng")
    note = forms.locator("xpath=following-sibling::p[1]")
    assert "chưa chắc chắn" in note.inner_text() and "khoản vay này" in note.inner_text()
    shared_page.locator("details.basis summary", has_text="Căn cứ, nguồn").nth(1).click()
    source = shared_page.locator("details[open] a[href*='dichvucong.gov.vn']").first
    assert source.is_visible()
    stop = shared_page.locator(".checklist-unverified").inner_text()
    assert "Danh sách dừng ở đây" not in stop and "hãy hỏi" in stop and "chưa xác minh" in stop


@pytest.mark.parametrize("path", CHECKLISTS)
def test_the_print_button_comes_first_and_works(shared_page, path):
    shared_page.goto(shared_page.base_url + path, wait_until="networkidle")
    button = shared_page.get_by_role("button", name="In trang này")
    assert button.is_visible()
    first_box = shared_page.locator("ul.checklist-items input").first
    assert button.bounding_box()["y"] < first_box.bounding_box()["y"]
    assert button.bounding_box()["y"] < PHONE["height"], "in the first screen"
    shared_page.evaluate("() => { window.__printed = 0; window.print = () => { window.__printed += 1; }; }")
    button.click()
    assert shared_page.evaluate("window.__printed") == 1


PRINTED_SIZES = """() => {
  const small = [];
  for (const el of document.querySelectorAll("article *")) {
    if (!el.getClientRects().length || el.closest("details:not([open])")) continue;
    const own = [...el.childNodes].some((n) => n.nodeType === 3 && n.textContent.trim());
    const size = parseFloat(getComputedStyle(el).fontSize);
    if (own && size < 16) small.push(el.tagName + " " + size + " " + el.textContent.trim().slice(0, 40));
  }
  return small;
}"""


def pdf_text_pages(pdf: bytes) -> list[str]:
    import io

    from pypdf import PdfReader

    # Chromium's PDF spaces out Vietnamese letters with combining marks; compare without spaces.
    return [re.sub(r"\s+", "", page.extract_text()) for page in PdfReader(io.BytesIO(pdf)).pages]


@pytest.mark.parametrize("path, sheets", [*[(p, 1) for p in CHECKLISTS], ("cong-cu/to-roi/", 2)])
def test_every_printed_sheet_has_12_pt_text_the_address_and_a_qr_code(shared_page, path, sheets):
    import segno

    shared_page.goto(shared_page.base_url + path, wait_until="networkidle")
    shared_page.emulate_media(media="print")
    try:
        assert shared_page.evaluate(PRINTED_SIZES) == [], "body text at least 12 pt on paper"
        footers = shared_page.locator(".print-footer")
        assert footers.count() == sheets
        for i in range(sheets):
            assert footers.nth(i).is_visible()
        address = footers.first.locator(".print-footer__url").inner_text()
        assert address.endswith("/" + path), address
        qr = footers.first.locator("img").get_attribute("src")
        assert qr == segno.make(address, error="m").svg_data_uri(scale=3, border=2, dark="#000"), "QR of the page"
        pdf = shared_page.pdf(format="A4")
    finally:
        shared_page.emulate_media(media="screen")
    pages = pdf_text_pages(pdf)
    assert len(pages) == sheets
    for number, text in enumerate(pages, start=1):
        assert address.replace(" ", "") in text, f"sheet {number} of {path} lacks the address"


def test_the_pdf_reader_sees_the_address_only_where_it_is_printed():
    """The check above can fail: a PDF whose only page lacks the address is caught."""
    import io

    from pypdf import PdfWriter

    out = io.BytesIO()
    writer = PdfWriter()
    writer.add_blank_page(width=595, height=842)
    writer.write(out)
    assert pdf_text_pages(out.getvalue()) == [""]
