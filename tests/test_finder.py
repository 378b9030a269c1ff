"""Where to go: the finder (cong-cu/tim-co-quan) and the list of units (cong-cu/danh-sach-xa-phuong).

As built HTML, and in Chromium at a 360x740 phone viewport: old and new names typed as people
type them (with and without diacritics, type words and the former district; ambiguous and divided
units), the answer read as it shows; ?q= in the address; the list without JavaScript.
"""

from __future__ import annotations

import gzip
import json
import re
from urllib.parse import quote

import pytest
from bs4 import BeautifulSoup

from macros.render import finder
from macros.text import fold

from .conftest import words

FINDER = "cong-cu/tim-co-quan/"
LIST = "cong-cu/danh-sach-xa-phuong/"
PHONE = {"width": 360, "height": 740}
PHONE_NUMBER = re.compile(r"(?:\+84|\b0)\d{2,3}[ .]?\d{3,4}[ .]?\d{3,4}\b")


def answer(data, unit) -> str:
    """The sentence the finder shows for a former unit: 'Xã Nga Thanh (huyện Nga Sơn cũ) nay thuộc xã Nga Sơn.'"""
    district = next(d for d in data.former_units.districts if d.id == unit.district)
    now = [f"{data.communes[c].type} {data.communes[c].name}" for c in unit.becomes]
    said = f"{finder.title(unit.type, unit.name)} ({finder.district_words(district)} cũ) nay thuộc "
    if len(now) == 1:
        return said + now[0] + "."
    return said + ", ".join(now[:-1]) + " và " + now[-1] + ": mỗi nơi nhận một phần."


def former(data, name: str, district: str):
    districts = {d.id: d.name for d in data.former_units.districts}
    return next(u for u in data.former_units.units if u.name == name and districts[u.district] == district)


# --- the built pages ---------------------------------------------------------------------


def test_finder_page_holds_the_tool_its_template_and_a_link_to_the_list(site):
    body = site.page("cong-cu/tim-co-quan").select_one("article")
    tool = body.select_one("#tim-co-quan")
    assert tool.has_attr("hidden"), "the box waits for its script"
    assert tool.select_one("#ket-qua") is not None
    assert tool.select_one("input#tim-co-quan-q[name=q][type=search]")
    assert "Xã Tam Chung, Huyện Mường Lát" in words(tool), "the example comes from the data"
    link = body.select_one(".finder-list-link a")
    assert link["href"] == "../danh-sach-xa-phuong/"
    assert not body.select("table"), "the 166-row table moved to the list page"


def test_the_card_says_what_is_there_for_sure(site, data):
    template = site.page("cong-cu/tim-co-quan").select_one("template#tim-co-quan-card")
    card = BeautifulSoup(template.decode_contents(), "html.parser")  # get_text() skips a template's strings
    text = words(card)
    below = card.find("dt", string="Điểm giao dịch Ngân hàng Chính sách xã hội").find_next_siblings("dd")
    point = next(dd for dd in below if "hoặc nơi khác do Ủy ban nhân dân bố trí" in words(dd))
    # the days' label until an office gives them (tests/test_contacts_browser.py: then the days show)
    days = card.select_one('[data-slot="no-days"]')
    assert "Ngày, giờ giao dịch: chưa xác minh ; hãy hỏi Ủy ban nhân dân" in words(days)
    cite = point.select_one("a")
    assert words(cite) == "điểm d khoản 2 Điều 7 Nghị định 06/2026/NĐ-CP"
    assert cite["href"] == "../../van-ban-phap-ly/#nd-06-2026"
    assert data.provision(data.roles.provisions.transaction_point).legal_ref.document == "nd-06-2026"
    assert "hãy nói: “Tôi muốn hỏi về vay vốn theo Quyết định 22/2023/QĐ-TTg.”" in text
    checklists = [a["href"] for a in card.select("p a")]
    assert checklists == ["../giay-to-vay-kinh-doanh/", "../giay-to-hoc-nghe/", "../giay-to-co-so/"]
    for href in checklists:
        assert (site.root / "cong-cu" / href.strip("./").split("/")[0] / "index.html").is_file()
    assert "Chưa có nguồn nêu phòng giao dịch nào phục vụ nơi này" in text
    assert not PHONE_NUMBER.search(text) and not card.select("a[href^='tel:']")


def test_the_finder_data_is_complete_and_small(site, data):
    script = site.page("cong-cu/tim-co-quan").select_one("script#tim-co-quan-data").string
    payload = json.loads(script)
    assert [u[0] for u in payload["units"]] == list(data.communes)
    assert [u[3] for u in payload["units"]] == [c.code for c in data.communes.values()]
    assert len(payload["former"]) == 547 and len(payload["districts"]) == 26
    types = payload["types"]
    nga_thanh = next(f for f in payload["former"] if f[0] == "Nga Thanh")
    assert payload["units"][nga_thanh[3]][0] == "xa-nga-son"
    assert payload["districts"][nga_thanh[2]] == ["Nga Sơn", types.index("huyện")]
    assert sum(isinstance(f[3], list) for f in payload["former"]) == 10
    unit = list(data.communes).index("xa-nga-son")
    assert payload["leads"][str(unit)][0][0] == "Phòng giao dịch Ngân hàng Chính sách xã hội Nga Sơn"
    data_gzip = len(gzip.compress(script.encode("utf-8"), 9, mtime=0))
    code = (site.root / "assets" / "tim-co-quan.js").read_bytes()
    code_gzip = len(gzip.compress(code, 9, mtime=0))
    print(
        f"\nfinder data for Thanh Hóa: {len(script.encode()):,} bytes, {data_gzip:,} gzip; "
        f"script {len(code):,} bytes, {code_gzip:,} gzip"
    )
    assert data_gzip + code_gzip <= 30_000


def test_office_leads_rest_on_the_former_district_and_say_so(data):
    parts = finder.made_of(data)

    def leads(unit_id):
        return finder.office_leads(data, data.communes[unit_id], parts[unit_id])

    (nga_son,) = leads("xa-nga-son")
    assert nga_son.office.id == "pgd-nga-son"
    assert "Một nguồn ngày 26/09/2025 nêu phòng này, gọi theo tên huyện Nga Sơn cũ." in nga_son.said
    assert "Xã Nga Sơn nằm trên địa bàn huyện Nga Sơn cũ" in nga_son.said
    assert nga_son.said.endswith("nên có thể phòng này phục vụ xã Nga Sơn; chưa có nguồn nói rõ.")
    assert leads("phuong-ham-rong") == [], "no source names an office of the former city"
    (thieu,) = leads("xa-thieu-trung")
    assert "Nguồn đó có trước ngày 01/07/2025; chưa thấy nguồn nào sau ngày ấy." in thieu.said
    assert "Xã Thiệu Trung nằm trên địa bàn huyện Thiệu Hóa cũ" in thieu.said, "part of a divided unit, all of it there"
    both = {lead.office.id: lead.said for lead in leads("xa-dinh-hoa")}
    assert set(both) == {"pgd-yen-dinh", "pgd-thieu-hoa"}, "made of units of two former districts"
    assert all("Một phần xã Định Hòa trước đây thuộc" in said for said in both.values())


def test_the_list_reads_without_javascript(site, data):
    body = site.page("cong-cu/danh-sach-xa-phuong").select_one("article")
    groups = body.select(".units-list h3")
    assert len(groups) == 26 and words(groups[0]) == "Thành phố Thanh Hóa (cũ)"
    jumps = [a["href"] for a in body.select("ul.units-jump a")]
    assert jumps == [f"#{g['id']}" for g in groups] + ["#hien-nay"]
    items = body.select(".units-list h3 + ul > li")
    assert len(items) == 547
    rows = {row["id"]: row for row in body.select("table.units-table tbody tr")}
    assert len(rows) == 166
    for item in items:
        assert item.select("a") and all(a["href"].removeprefix("#") in rows for a in item.select("a"))
    nga_son = body.find("h3", id="huyen-nga-son")
    lines = [words(li) for li in nga_son.find_next_sibling("ul").select("li")]
    assert "Xã Nga Thanh: nay thuộc xã Nga Sơn" in lines and "Xã Nga Thành: nay thuộc xã Hồ Vương" in lines
    dong_tho = next(words(li) for li in items if words(li).startswith("Phường Đông Thọ"))
    assert dong_tho == "Phường Đông Thọ: nay thuộc phường Hàm Rồng và phường Hạc Thành (mỗi đơn vị nhận một phần)"
    row = rows["don-vi-xa-nga-son"]
    cells = [words(c) for c in row.select("th, td")]
    assert cells[:2] == ["Xã Nga Sơn", "16093"]
    assert (
        "xã Nga Thanh, xã Nga Yên, xã Nga Thủy (huyện Nga Sơn cũ)" in cells[2]
        and "Phòng giao dịch Ngân hàng Chính sách xã hội Nga Sơn" in cells[2]
    )
    assert all(words(r.select("td")[0]) == str(c.code) for r, c in zip(rows.values(), data.communes.values()))
    assert "điểm d khoản 2 Điều 7 Nghị định 06/2026/NĐ-CP" in words(body)
    assert site.page("cong-cu/tim-co-quan").select_one("nav a[href='../danh-sach-xa-phuong/']"), "in the nav"


def test_no_contact_detail_without_a_source(site, data):
    """No phone and no address on the finder or the list; every outside link is a record's source."""
    sources = {o.source for o in data.offices.values()} | {d.url for d in data.documents.values()}
    sources |= {d.source for d in data.documents.values()}
    for path in ("cong-cu/tim-co-quan", "cong-cu/danh-sach-xa-phuong"):
        body = site.page(path).select_one("article")
        assert not body.select("a[href^='tel:']") and not PHONE_NUMBER.search(words(body)), path
        assert "Địa chỉ:" not in words(body).replace("Địa chỉ, điện thoại: chưa xác minh", "")
        outside = {a["href"] for a in body.select("a[href^='http']")}
        assert outside <= sources, outside - sources
    offices = site.page("cong-cu/danh-sach-xa-phuong").select_one("#phong-giao-dich + ul")
    # Besides the label of doubt (a link to what it means), each office's only link is its source.
    assert [a["href"] for a in offices.select("a:not(.doubt)")] == [
        o.source for o in data.offices.values() if o.kind == "vbsp_transaction_office" and o.source
    ]
    assert {a["href"] for a in offices.select("a.doubt")} == {"../../ve-nguon-tin/#chua-xac-minh"}


# --- in Chromium, at a phone's size ------------------------------------------------------


@pytest.fixture(scope="module")
def phone(browser, served_site):
    context = browser.new_context(viewport=PHONE, locale="vi-VN")
    tab = context.new_page()
    tab.foreign = []
    own = served_site.rstrip("/")
    tab.on("request", lambda r: None if r.url.startswith((own, "data:", "blob:")) else tab.foreign.append(r.url))
    tab.errors = []
    tab.on("pageerror", lambda e: tab.errors.append(str(e)))
    tab.base_url = served_site
    tab.goto(served_site + FINDER)
    try:
        yield tab
    finally:
        assert tab.foreign == [] and tab.errors == []
        context.close()


def type_query(tab, typed: str) -> list[str]:
    """Type into the finder's box key by key, as a person does; the answers shown, in order."""
    box = tab.locator("#tim-co-quan-q")
    box.fill("")
    box.press_sequentially(typed)
    return [" ".join(s.split()) for s in tab.locator("#ket-qua summary").all_inner_texts()]


def test_old_and_new_names_typed_as_people_type_them(phone, data):
    nga_thanh = answer(data, former(data, "Nga Thanh", "Nga Sơn"))
    nga_thanh_grave = answer(data, former(data, "Nga Thành", "Nga Sơn"))
    assert nga_thanh == "Xã Nga Thanh (huyện Nga Sơn cũ) nay thuộc xã Nga Sơn."
    assert nga_thanh_grave == "Xã Nga Thành (huyện Nga Sơn cũ) nay thuộc xã Hồ Vương."
    quan_lao = "Thị trấn Quán Lào (huyện Yên Định cũ) nay thuộc xã Yên Định."
    for typed, expected in [
        ("nga thanh", [nga_thanh, nga_thanh_grave]),  # folded alike: both, in the district's order
        ("Xã Nga Thanh, Huyện Nga Sơn", [nga_thanh, nga_thanh_grave]),
        ("nga thanh nga son", [nga_thanh, nga_thanh_grave]),
        ("xa nga thanh (huyen nga son cu)", [nga_thanh, nga_thanh_grave]),
        ("Nga Thành", [nga_thanh_grave, nga_thanh]),  # the exact spelling first
        ("thi tran quan lao", [quan_lao]),
        ("TT Quán Lào, Yên Định, Thanh Hóa", [quan_lao]),
        ("quan lao yen dinh", [quan_lao]),
        (
            "Phường Ba Đình, Thành phố Thanh Hóa, Tỉnh Thanh Hóa",
            ["Phường Ba Đình (thành phố Thanh Hóa cũ) nay thuộc phường Hạc Thành."],
        ),
        ("lam son tho xuan", ["Thị trấn Lam Sơn (huyện Thọ Xuân cũ) nay thuộc xã Lam Sơn."]),
        ("Lam Sơn, Ngọc Lặc", ["Xã Lam Sơn (huyện Ngọc Lặc cũ) nay thuộc xã Minh Sơn."]),
        (
            "ham rong",
            [
                "Phường Hàm Rồng là phường hiện nay (từ ngày 01/07/2025).",
                "Phường Hàm Rồng (thành phố Thanh Hóa cũ) nay thuộc phường Hàm Rồng.",
            ],
        ),
    ]:
        assert type_query(phone, typed) == expected, typed


def test_a_name_shared_by_several_former_units_lists_each_with_its_district(phone):
    shown = type_query(phone, "lam son")
    assert shown == [
        "Xã Lam Sơn là xã hiện nay (từ ngày 01/07/2025).",
        "Phường Lam Sơn (thành phố Thanh Hóa cũ) nay thuộc phường Hạc Thành.",
        "Phường Lam Sơn (thị xã Bỉm Sơn cũ) nay thuộc phường Bỉm Sơn.",
        "Xã Lam Sơn (huyện Ngọc Lặc cũ) nay thuộc xã Minh Sơn.",
        "Thị trấn Lam Sơn (huyện Thọ Xuân cũ) nay thuộc xã Lam Sơn.",
    ]
    said = phone.locator("#tim-co-quan-count").inner_text()
    assert "Có 4 xã, phường, thị trấn cũ tên như vậy" in said and "“Lam Sơn, Ngọc Lặc”" in said
    assert phone.locator("#ket-qua details[open]").count() == 0, "five results: each opens on a tap"
    phone.locator("#ket-qua summary").nth(4).click()
    card = phone.locator("#ket-qua details[open] .finder-card")
    assert card.count() == 1 and card.get_attribute("data-unit") == "xa-lam-son"
    assert type_query(phone, "dong tien")[:2] == [
        "Phường Đông Tiến là phường hiện nay (từ ngày 01/07/2025).",
        "Xã Đồng Tiến là xã hiện nay (từ ngày 01/07/2025).",
    ]


def test_an_office_whose_source_has_no_link_names_the_source_in_the_card(phone, data):
    office = data.offices["pgd-lang-chanh"]
    type_query(phone, "xa linh son")
    card = phone.locator('#ket-qua .finder-card[data-unit="xa-linh-son"]')
    if not card.is_visible():
        phone.locator("#ket-qua summary").first.click()
    leads = card.locator('[data-slot="leads"]')
    said = " ".join(leads.inner_text().split())
    assert office.name in said and f"nguồn: {office.source_name}, {office.source_unlinked}" in said
    assert leads.locator("a").count() == 0


def test_a_divided_unit_lists_every_unit_it_went_to(phone):
    assert type_query(phone, "thi tran thieu hoa") == [
        "Thị trấn Thiệu Hóa (huyện Thiệu Hóa cũ) nay thuộc xã Thiệu Hóa, xã Thiệu Quang và xã Thiệu Trung: "
        "mỗi nơi nhận một phần."
    ]
    cards = phone.locator("#ket-qua .finder-card")
    assert [cards.nth(i).get_attribute("data-unit") for i in range(cards.count())] == [
        "xa-thieu-hoa",
        "xa-thieu-quang",
        "xa-thieu-trung",
    ]
    assert "xem nơi bạn ở nay thuộc nơi nào" in phone.locator("#ket-qua .finder-divided").inner_text()
    assert type_query(phone, "phuong dong tho") == [
        "Phường Đông Thọ (thành phố Thanh Hóa cũ) nay thuộc phường Hàm Rồng và phường Hạc Thành: mỗi nơi nhận một phần."
    ]


def test_the_card_reads_as_it_should(phone):
    type_query(phone, "nga thanh nga son")
    card = phone.locator("#ket-qua details").first.locator(".finder-card")
    assert card.is_visible() and card.get_attribute("data-unit") == "xa-nga-son"
    text = " ".join(card.inner_text().split())
    for said in (
        "Xã Nga Sơn",
        "Trước ngày 01/07/2025 gồm: thị trấn Nga Sơn, xã Nga Hiệp, xã Nga Thanh, xã Nga Yên, xã Nga Thủy (huyện Nga Sơn cũ).",
        "Công an Công an xã Nga Sơn",
        "Ủy ban nhân dân Ủy ban nhân dân xã Nga Sơn",
        "Tại trụ sở Ủy ban nhân dân xã Nga Sơn hoặc nơi khác do Ủy ban nhân dân bố trí",
        "Ngày, giờ giao dịch: chưa xác minh",
        "Phòng giao dịch Ngân hàng Chính sách xã hội Nga Sơn. Một nguồn ngày 26/09/2025 nêu phòng này, gọi theo tên huyện Nga Sơn cũ.",
        "chưa có nguồn nói rõ.",
        "Hãy hỏi Ủy ban nhân dân xã Nga Sơn hoặc tổ trưởng Tổ tiết kiệm và vay vốn",
        "“Tôi muốn hỏi về vay vốn theo Quyết định 22/2023/QĐ-TTg.”",
    ):
        assert said in text, said
    assert "Chưa có nguồn nêu phòng giao dịch" not in text
    assert card.locator("a", has_text="nguồn").get_attribute("href").startswith("https://vietnamnews.vn/")
    type_query(phone, "ham rong")
    text = phone.locator("#ket-qua .finder-card").first.inner_text()
    assert "Chưa có nguồn nêu phòng giao dịch nào phục vụ nơi này" in text
    assert "một phần phường Đông Thọ" in text


def test_every_former_unit_is_found_with_and_without_its_district(phone, data):
    """All 547, typed folded to plain ASCII, alone and with the former district: the answer is among those shown."""
    districts = {d.id: d for d in data.former_units.districts}
    typed = [
        [fold(u.name), fold(f"{u.name} {districts[u.district].name}"), answer(data, u)] for u in data.former_units.units
    ]
    missing = phone.evaluate(
        """(typed) => {
      const box = document.getElementById("tim-co-quan-q");
      const shown = (text) => {
        box.value = text;
        box.dispatchEvent(new Event("input", {bubbles: true}));
        return [...document.querySelectorAll("#ket-qua summary")].map(s => s.textContent.replace(/\\s+/g, " ").trim());
      };
      return typed.filter(([alone, withDistrict, expected]) =>
        !shown(alone).includes(expected) || shown(withDistrict)[0] !== expected && !shown(withDistrict).includes(expected));
    }""",
        typed,
    )
    assert missing == []


def test_every_unit_of_today_is_found_typed_without_diacritics(phone, data):
    typed = {c.id: fold(c.name) for c in data.communes.values()}
    assert len(typed) == 166 and all(t.isascii() for t in typed.values())
    found = phone.evaluate(
        """(typed) => Object.fromEntries(Object.entries(typed).map(([id, text]) => {
      const box = document.getElementById("tim-co-quan-q");
      box.value = text;
      box.dispatchEvent(new Event("input", {bubbles: true}));
      return [id, [...document.querySelectorAll("#ket-qua .finder-card")].map(c => c.dataset.unit)];
    }))""",
        typed,
    )
    assert [unit for unit, cards in found.items() if unit not in cards] == []
    assert type_query(phone, "khong co xa nao") == []
    assert "Không tìm thấy" in phone.locator("#tim-co-quan-count").inner_text()


def test_a_province_site_finder_fetches_nothing(browser, served_site):
    """A province's finder has its units in the page: typing asks the server for nothing."""
    context = browser.new_context(viewport=PHONE, locale="vi-VN")
    tab = context.new_page()
    try:
        tab.goto(served_site + FINDER, wait_until="networkidle")
        asked = []
        tab.on("request", lambda r: asked.append(r.url))
        for typed in ("nga thanh", "Hạc Thành", "tan thanh"):
            type_query(tab, typed)
        tab.wait_for_timeout(400)
        assert asked == [] and tab.locator("#ket-qua summary").count()
    finally:
        context.close()


def test_q_in_the_address_fills_the_box_and_shows_the_answer(phone):
    address = phone.base_url + FINDER + "?q=" + quote("Xã Nga Thanh, Huyện Nga Sơn")
    phone.goto(address, wait_until="load")
    assert phone.locator("#tim-co-quan-q").input_value() == "Xã Nga Thanh, Huyện Nga Sơn"
    phone.wait_for_timeout(300)
    assert not phone.locator("#qd-search").evaluate("d => d.open"), "the site's search box stays closed"
    assert phone.url == address, "the address keeps the question, to copy and send"
    first = phone.locator("#ket-qua summary").first
    assert " ".join(first.inner_text().split()) == "Xã Nga Thanh (huyện Nga Sơn cũ) nay thuộc xã Nga Sơn."
    phone.locator("#ket-qua .finder-share a").click()
    phone.wait_for_load_state()
    assert phone.locator("#tim-co-quan-q").input_value() == "Xã Nga Thanh, Huyện Nga Sơn"
    assert phone.locator("#ket-qua summary").count() == 2


def test_the_page_before_a_query_is_at_most_three_phone_screens(phone):
    phone.goto(phone.base_url + FINDER)
    height = phone.evaluate("document.documentElement.scrollHeight")
    print(f"\nfinder page before a query: {height} px, {height / PHONE['height']:.2f} screens of 360x740")
    assert height <= 3 * PHONE["height"]
    assert phone.locator("#tim-co-quan-q").is_visible()


def test_answers_and_links_are_big_enough_to_tap(phone):
    type_query(phone, "lam son")
    for i in range(phone.locator("#ket-qua summary").count()):
        assert phone.locator("#ket-qua summary").nth(i).bounding_box()["height"] >= 44
    for selector in (".finder-share a", ".finder-list-link a"):
        assert phone.locator(selector).bounding_box()["height"] >= 44, selector


def test_without_javascript_the_list_is_one_tap_away(browser, served_site):
    context = browser.new_context(viewport=PHONE, locale="vi-VN", java_script_enabled=False)
    tab = context.new_page()
    try:
        tab.goto(served_site + FINDER)
        assert not tab.locator("#tim-co-quan").is_visible()
        tab.locator(".finder-list-link a").click()
        tab.wait_for_load_state()
        assert tab.url.endswith(LIST)
        group = tab.locator("h3#huyen-nga-son + ul")
        assert "Xã Nga Thanh: nay thuộc xã Nga Sơn" in group.inner_text()
        group.locator("li", has_text="Xã Nga Thanh:").locator("a").click()
        assert tab.url.endswith(LIST + "#don-vi-xa-nga-son")
        assert tab.locator("#don-vi-xa-nga-son").is_visible()
    finally:
        context.close()


def test_results_have_no_wcag_aa_violations(browser, served_site, axe_source):
    from .conftest import axe_violations

    context = browser.new_context(viewport=PHONE, locale="vi-VN")
    tab = context.new_page()
    try:
        for typed in ("lam son", "nga thanh nga son", "thi tran thieu hoa"):
            tab.goto(served_site + FINDER + "?q=" + quote(typed), wait_until="load")
            assert tab.locator("#ket-qua details").count()
            tab.locator("#ket-qua summary").first.click()
            assert axe_violations(tab, axe_source) == [], typed
    finally:
        context.close()
