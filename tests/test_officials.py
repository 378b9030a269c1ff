"""The officials' pages as built: matrix, programme, changes, calendar fallback, figures."""

from __future__ import annotations

import datetime
import re

import pytest

from macros.render import charts, markup, officials
from macros.rules import schedule as cal

from .conftest import words as text_of

PROVINCE = "thanh-hoa"

ART_14_BODIES = [
    "nguoi-vay",  # borrowers
    "bo-cong-an",  # Ministry of Public Security
    "bo-quoc-phong",  # Ministry of National Defence
    "nhcsxh",  # VBSP
    "bo-nganh",  # ministries in general
    "ubnd-tinh",  # provincial People's Committees
    "ubnd-huyen",  # district People's Committees (history)
    "cong-an-xa",  # commune police
    "ubnd-xa",  # commune People's Committees
    "mttq",  # Fatherland Front
    "to-chuc-chinh-tri-xa-hoi",  # socio-political organisations
]
"""Every body Art. 14 names (decision-22-facts.md §3)."""

DATE = re.compile(r"\b\d{2}/\d{2}/\d{4}\b")


# --- links in HTML blocks --------------------------------------------------------------


@pytest.mark.parametrize(
    "target, from_page, expected",
    [
        ("van-ban-phap-ly.md", "can-bo/trach-nhiem.md", "../../van-ban-phap-ly/"),
        ("can-bo/lich.md", "can-bo/index.md", "lich/"),
        ("can-bo/index.md", "can-bo/lich.md", "../"),
        ("index.md", "index.md", "./"),
        ("api/index.json", "can-bo/du-lieu-mo.md", "../../api/index.json"),
        ("assets/can-bo-lich.js", "can-bo/lich.md", "../../assets/can-bo-lich.js"),
    ],
)
def test_built_href(target, from_page, expected):
    assert markup.built_href(target, from_page) == expected


# --- responsibility matrix ----------------------------------------------------------------


@pytest.fixture(scope="module")
def matrix(site):
    """The matrix: its table of today's bodies and, collapsed after it, the table of ended ones."""
    return site.page("can-bo/trach-nhiem").select_one("article")


@pytest.mark.parametrize("body", ART_14_BODIES)
def test_every_art14_body_is_in_the_matrix_with_its_duties(matrix, data, body):
    row = matrix.select_one(f"tr#co-quan-{body}")
    assert row is not None, f"{body} has no row"
    header = row.select_one("th[scope=row]")
    assert data.agencies[body].name in text_of(header)
    decision_cell = row.select("td")[0]
    items = decision_cell.select("li")
    tasks = [t for t in data.responsibilities.values() if t.body == body]
    assert tasks and len(items) == len(tasks)
    for item, task in zip(items, tasks):
        assert task.task in text_of(item)
        cite = item.select_one("a[href$='#qd-22-2023']")
        assert cite is not None and "Điều" in cite.get_text(), text_of(item)
    assert any("Điều 14" in a.get_text() for a in decision_cell.select("a")) or body == "ubnd-xa"


def test_matrix_is_an_accessible_table(matrix, data):
    assert "Quyết định 22/2023/QĐ-TTg" in text_of(matrix.select_one("caption"))
    assert [th.get("scope") for th in matrix.select_one("thead").select("th")] == ["col", "col", "col"]
    rows = matrix.select("tbody tr")
    assert all(r.select_one("th[scope=row]") for r in rows)
    assert len(rows) == len(officials.matrix_rows(data))
    assert all(region.get("tabindex") == "0" for region in matrix.select(".responsibility-matrix[role=region]"))
    ended = matrix.select_one("details.historical")
    assert ended and {tr["id"] for tr in ended.select("tbody tr")} == {"co-quan-ubnd-huyen"}, "ended bodies as history"


def test_district_level_is_history_and_its_reassignment_an_open_question(site, matrix, data):
    row = text_of(matrix.select_one("tr#co-quan-ubnd-huyen"))
    assert "Không còn từ ngày 01/07/2025" in row
    assert row.count("chưa chắc chắn") == 1 and "Câu hỏi còn mở" in row
    assert matrix.select_one("tr#co-quan-ubnd-huyen a.doubt--uncertain[href$='ve-nguon-tin/#chua-chac-chan']")
    historical = {tr["id"] for tr in matrix.select("tbody tr.historical")}
    ended = {
        f"co-quan-{a.id}" for a in data.agencies.values() if a.ended_on and a.ended_on <= datetime.date(2025, 12, 1)
    }
    assert "co-quan-ubnd-huyen" in historical and historical == ended & {tr["id"] for tr in matrix.select("tbody tr")}
    page = text_of(site.page("can-bo/trach-nhiem").select_one("article"))
    assert "Cấp huyện cũ: câu hỏi còn mở" in page and "Chưa rõ" in page


def test_programme_tasks_cite_their_clause(matrix, data):
    clauses = [c.id for c in data.province.programme.clauses]
    row = matrix.select_one("tr#co-quan-cong-an-tinh")
    assert "Công an tỉnh Thanh Hóa" in text_of(row.select_one("th"))
    links = [a["href"] for a in row.select("td")[1].select("a:not(.doubt)")]
    assert links == [f"../chuong-trinh-thanh-hoa/#{c}" for c in clauses]
    labelled = [c for c in data.province.programme.clauses if c.status == "uncertain"]
    if len(labelled) == len(clauses):  # said once, in the caption, not on every link
        assert matrix.select_one("caption a.doubt--uncertain")
        assert not [tr for tr in matrix.select("tbody tr") if tr.select("td")[1].select("a.doubt")]
    else:
        assert len(row.select("td")[1].select("a.doubt--uncertain")) == len(labelled)
    commune_police = matrix.select_one("tr#co-quan-cong-an-xa").select("td")[1]
    assert [a["href"] for a in commune_police.select("a:not(.doubt)")] == [
        "../chuong-trinh-thanh-hoa/#information-exchange"
    ]


def test_the_commune_police_task_links_to_its_day(matrix):
    item = matrix.select_one("tr#co-quan-cong-an-xa").select("td")[0]
    when = item.select_one("a.matrix__when")
    assert when["href"] == "../lich/#viec-form-01-list" and "ngày 5 hằng tháng" in when.get_text()


# --- programme and changes -----------------------------------------------------------------


def test_programme_page(site, data):
    article = site.page("can-bo/chuong-trinh-thanh-hoa").select_one("article")
    text = text_of(article)
    for clause in data.province.programme.clauses:
        assert article.select_one(f"h3#{clause.id}"), clause.id
    assert "Phiên chợ việc làm" in text and "17/06/2024" in text and "2024 - 2028" in text
    assert "hằng tháng, không có ngày cụ thể" in text and "hằng quý, không có ngày cụ thể" in text
    overview = article.select_one("a.doubt--uncertain").find_parent("p")
    assert "Văn bản chương trình chưa được công bố" in text_of(overview), "single-source: labelled, and why"
    assert "Công an cấp huyện kết thúc hoạt động từ ngày 01/03/2025" in text


def test_changes_page_dates_and_open_questions(site):
    article = site.page("can-bo/thay-doi-2025-2026").select_one("article")
    text = text_of(article)
    rows = [text_of(tr) for tr in article.select("table tbody tr")]
    assert [r[:10] for r in rows] == ["01/03/2025", "01/07/2025", "01/07/2026"]
    assert "Tại tỉnh Thanh Hóa có 166 đơn vị hành chính cấp xã (147 xã, 19 phường) từ ngày 01/07/2025" in text
    assert "Luật 127/2025/QH15" in text
    open_questions = article.find("h2", string="Điều còn chưa rõ").find_next("ol").select("li")
    assert len(open_questions) >= 3 and "cấp huyện" in text_of(open_questions[0])


def test_no_district_body_is_presented_as_current(site, data):
    """Wherever a district body appears on these pages, the same sentence or row says it ended."""
    for path in ("can-bo", "can-bo/trach-nhiem", "can-bo/lich", "can-bo/thay-doi-2025-2026"):
        article = site.page(path).select_one("article")
        for element in article.select("li, tr, p"):
            if element.find(["li", "tr", "p"]):
                continue
            text = text_of(element)
            for name in ("Công an cấp huyện", "Ủy ban nhân dân cấp huyện"):
                if name in text:
                    assert re.search(r"không còn|kết thúc|bỏ|khi còn|lúc ký|chưa rõ|cấp tỉnh, cấp huyện", text, re.I), (
                        f"{path}: {text}"
                    )


# --- calendar page without JavaScript -----------------------------------------------------------


def test_calendar_fallback_is_dated(site, data):
    article = site.page("can-bo/lich").select_one("article")
    assert "01/12/2025" in text_of(article.select_one("[data-asof]"))
    cells = {tr["id"].removeprefix("viec-"): tr.select_one("td[data-next]") for tr in article.select("tr[id^=viec-]")}
    assert set(cells) == set(data.duties)
    assert cells["form-01-list"].get_text() == "05/12/2025"
    assert cells["information-exchange-monthly"].get_text() == "Trong tháng 12/2025, hạn cuối 31/12/2025"
    for duty_id, cell in cells.items():
        if data.duties[duty_id].rrule is None:
            # a day inside the period is never given: only the period's last day, its deadline
            assert DATE.findall(cell.get_text()) in ([], ["31/12/2025"]), f"{duty_id} shows a day no source gives"
    assert article.select_one("script[src$='assets/can-bo-lich.js']")


def test_calendar_opens_with_the_next_deadline_and_the_feeds(site, data):
    article = site.page("can-bo/lich").select_one("article")
    box = article.select_one("[data-next-deadline]")
    assert text_of(box.select_one("h2")) == "Hạn gần nhất: 05/12/2025"
    shown = [li.a["href"] for li in box.select("li") if not li.has_attr("hidden")]
    assert shown == ["#viec-form-01-list"]
    # every duty with a deadline is in the box (the script shows today's), none without
    listed = {li.a["href"].removeprefix("#viec-") for li in box.select("li")}
    assert listed == {d.id for d in data.duties.values() if d.rrule or d.frequency in cal.PERIODIC}
    elements = article.find_all(True)
    where = {
        name: elements.index(article.select_one(selector))
        for name, selector in [
            ("h1", "h1"),
            ("box", "[data-next-deadline]"),
            ("feeds", "ul.calendar-feeds"),
            ("table", "table"),
        ]
    }
    assert where["h1"] < where["box"] < where["feeds"] < where["table"], "the next deadline, the feeds, then the table"


def test_calendar_page_offers_every_feed(site):
    feeds = site.page("can-bo/lich").select("article ul.calendar-feeds li")
    assert len(feeds) == 5
    for item in feeds:
        assert item.select_one("a[href^='webcal://qd22.example.org/api/lich/']")["href"].endswith(".ics")
        assert item.select_one("a[download]")["href"].startswith("../../api/lich/")
    addresses = site.page("can-bo/lich").select("article .calendar-addresses code")
    assert [a.get_text() for a in addresses] == [
        f"https://qd22.example.org/{cal.feed_path('thanh-hoa', audience)}" for audience in cal.FEED_FILES
    ]
    text = text_of(site.page("can-bo/lich").select_one("article"))
    assert "Mỗi hạn có lời nhắc trước 3 ngày." in text
    assert all(word in text for word in ("Google", "Outlook", "iPhone", "Android"))


# --- figures ------------------------------------------------------------------------------------


def test_chart_has_a_text_alternative_and_a_data_table(site, data):
    article = site.page("can-bo/so-lieu").select_one("article")
    svgs = article.select("figure svg")
    assert len(svgs) == 2
    for svg in svgs:
        assert svg["role"] == "img"
        title_id, desc_id = svg["aria-labelledby"].split()
        assert svg.select_one(f"title#{title_id}").get_text().strip()
        description = svg.select_one(f"desc#{desc_id}").get_text()
        assert len(description) > 80
        assert not svg.select("script, foreignObject, image, use")
    people_desc = svgs[0].select_one("desc").get_text()
    for figure in data.figures:
        assert f"{figure.people} người" in people_desc
    assert "gần 62,2 tỷ đồng" in svgs[1].select_one("desc").get_text()
    table = article.select_one("table.stats__table")
    assert "Thanh Hóa" in table.select_one("caption").get_text()
    rows = table.select("tbody tr")
    assert len(rows) == len(data.figures)
    for row, figure in zip(rows, data.figures):
        assert row.select_one("a")["href"] == figure.source
        assert str(figure.people) in text_of(row)
    assert "gần 26,6 tỷ đồng (đã giải ngân)" in text_of(table)
    assert "khoảng tháng 09/2025" in text_of(table)


def test_nice_step():
    assert [charts.nice_step(v) for v in (703, 62.2, 8, 0)] == [200, 20, 2, 1]


# --- never invented -------------------------------------------------------------------------------

PHONE = re.compile(r"(?:\+84|\b0)\d{2,3}[ .]?\d{3}[ .]?\d{3,4}\b")


@pytest.mark.parametrize(
    "path",
    [
        "can-bo",
        "can-bo/trach-nhiem",
        "can-bo/chuong-trinh-thanh-hoa",
        "can-bo/thay-doi-2025-2026",
        "can-bo/lich",
        "can-bo/so-lieu",
        "can-bo/du-lieu-mo",
    ],
)
def test_officials_pages_give_no_phone_number_and_end_with_review(site, path):
    article = site.page(path).select_one("article")
    assert not PHONE.search(article.get_text(" ")), path
    assert article.select_one(".page-review")
