"""The officials' pages in headless Chromium: dates computed for today, the dated fallback, print, own host only."""

from __future__ import annotations

import datetime
from pathlib import Path

import pytest
from icalendar import Calendar

from macros.render.duty_words import due_words
from macros.rules import schedule as cal

from .conftest import PHONE

CALENDAR = "can-bo/lich/"
PAGES = [
    "can-bo/",
    "can-bo/trach-nhiem/",
    "can-bo/chuong-trinh-thanh-hoa/",
    "can-bo/thay-doi-2025-2026/",
    CALENDAR,
    "can-bo/so-lieu/",
    "can-bo/du-lieu-mo/",
]


def next_cells(page) -> dict[str, str]:
    return page.evaluate(
        "() => Object.fromEntries([...document.querySelectorAll('tr[id^=viec-]')]"
        ".map(tr => [tr.id.slice(5), tr.querySelector('td[data-next]').textContent]))"
    )


@pytest.mark.parametrize(
    "now, today, form_01",
    [
        ("2026-03-06T10:00:00+07:00", "06/03/2026", "05/04/2026"),
        # 17:30 UTC on 4 March is already 5 March in Viet Nam: the list is due today.
        ("2026-03-04T17:30:00+00:00", "05/03/2026", "05/03/2026"),
    ],
)
def test_calendar_computes_next_dates_in_the_browser(page, data, now, today, form_01):
    page.clock.set_fixed_time(datetime.datetime.fromisoformat(now))
    page.goto(page.base_url + CALENDAR, wait_until="networkidle")
    note = page.locator("[data-asof]")
    assert today in note.inner_text() and "hôm nay" in note.inner_text()
    cells = next_cells(page)
    assert cells["form-01-list"] == form_01
    day = datetime.datetime.strptime(today, "%d/%m/%Y").date()
    assert cells == {duty_id: due_words(cal.due(duty, day)) for duty_id, duty in data.duties.items()}
    assert page.foreign_requests == []


@pytest.mark.parametrize(
    "day",
    [
        "2023-10-01",
        "2023-11-05",
        "2024-02-29",
        "2025-12-05",
        "2025-12-06",
        "2026-12-31",
        "2028-12-31",
        "2029-01-01",
        "2031-07-15",
    ],
)
def test_browser_and_python_agree_on_every_duty(page, data, day):
    """The page's script and macros/rules/schedule.py (with render/duty_words.py) give the same words for the same day."""
    page.goto(page.base_url + CALENDAR, wait_until="networkidle")
    found = page.evaluate(
        "(day) => Object.fromEntries([...document.querySelectorAll('tr[id^=viec-]')]"
        ".map(tr => [tr.id.slice(5), window.qd22Lich.cellWords(tr.querySelector('td[data-next]'), day)]))",
        day,
    )
    on = datetime.date.fromisoformat(day)
    assert found == {duty_id: due_words(cal.due(duty, on)) for duty_id, duty in data.duties.items()}


def test_calendar_without_javascript_shows_the_dated_list(browser, served_site):
    context = browser.new_context(java_script_enabled=False, viewport=PHONE)
    try:
        tab = context.new_page()
        tab.goto(served_site + CALENDAR)
        note = tab.locator("[data-asof]").inner_text()
        assert "01/12/2025" in note and "ngày trang này được tạo" in note
        assert tab.locator("#viec-form-01-list td[data-next]").inner_text() == "05/12/2025"
        assert tab.locator("ul.calendar-feeds li").count() == 5
    finally:
        context.close()


def test_responsibility_matrix_prints_without_navigation(page):
    page.goto(page.base_url + "can-bo/trach-nhiem/", wait_until="networkidle")
    page.emulate_media(media="print")
    assert page.locator(".responsibility-matrix table").first.is_visible()
    assert not page.locator(".md-header").is_visible()
    assert not page.locator(".md-sidebar--primary").is_visible()
    assert (
        page.evaluate("getComputedStyle(document.querySelector('.responsibility-matrix thead')).display")
        == "table-header-group"
    )
    pdf = page.pdf(format="A4", landscape=True)
    assert pdf.startswith(b"%PDF") and len(pdf) > 10_000


def test_chart_text_is_readable_on_a_phone(page):
    page.goto(page.base_url + "can-bo/so-lieu/", wait_until="networkidle")
    chart = page.locator("#bieu-do-so-nguoi")
    box = chart.bounding_box()
    assert box["width"] <= PHONE["width"]
    heights = page.evaluate(
        "() => [...document.querySelectorAll('#bieu-do-so-nguoi text')].map(t => t.getBoundingClientRect().height)"
    )
    assert min(heights) >= 11, heights


@pytest.mark.parametrize("path", PAGES)
def test_officials_pages_stay_on_their_own_host(page, path):
    errors = []
    page.on("pageerror", lambda e: errors.append(str(e)))
    page.goto(page.base_url + path, wait_until="networkidle")
    assert page.foreign_requests == [] and errors == []
    assert page.context.cookies() == []


# --- tables on a phone ------------------------------------------------------------------------

TABLE_LAYOUT = """() => [...document.querySelectorAll("article table")].map(table => {
  const stacked = getComputedStyle(table.tBodies[0].rows[0]).display === "block";
  const head = table.tHead ? table.tHead.rows[0] : table.rows[0];
  const cells = [...table.querySelectorAll("tbody td")];
  const scroller = table.closest(".table-scroll, .md-typeset__scrollwrap");
  return {
    caption: (table.caption ? table.caption.textContent : head.textContent).trim().slice(0, 40),
    stacked,
    right: table.getBoundingClientRect().right,
    scrolls: scroller ? scroller.scrollWidth > scroller.clientWidth + 1 : false,
    columns: stacked ? [] : [...head.cells].map(c => Math.round(c.getBoundingClientRect().width)),
    labels: cells.length > 0 && cells.every(td => td.dataset.label),
    labelled: cells.every(td => td.dataset.label && getComputedStyle(td, "::before").content.includes(td.dataset.label)),
  };
})"""


@pytest.mark.parametrize("path", PAGES)
def test_officials_tables_read_on_a_phone(page, path):
    """At 360 px a table is read row by row (each row a card, each cell after its column's name) or
    has no column under 100 px; none is wider than the screen without a scroll region."""
    page.goto(page.base_url + path, wait_until="networkidle")
    for table in page.evaluate(TABLE_LAYOUT):
        if table["stacked"]:
            assert table["labelled"] and table["right"] <= PHONE["width"] and not table["scrolls"], table
        else:
            assert min(table["columns"]) >= 100, table


@pytest.mark.parametrize("path", ["can-bo/trach-nhiem/", CALENDAR, "can-bo/so-lieu/", "can-bo/du-lieu-mo/"])
def test_the_four_tables_stack_on_a_phone_and_not_on_a_wide_screen(browser, served_site, path):
    for width, stacked in ((PHONE["width"], True), (800, False), (1280, False)):
        context = browser.new_context(viewport={"width": width, "height": 900})
        try:
            tab = context.new_page()
            tab.goto(served_site + path, wait_until="networkidle")
            tables = [t for t in tab.evaluate(TABLE_LAYOUT) if t["labels"]]
            assert tables, path
            for table in tables:
                assert table["stacked"] == stacked, (width, table)
                if not stacked:
                    assert min(table["columns"]) >= 100, (width, table)
        finally:
            context.close()


def test_the_calendar_is_at_most_eight_phone_screens(page):
    page.clock.set_fixed_time(datetime.datetime(2026, 11, 28, 12, 0))
    page.goto(page.base_url + CALENDAR, wait_until="networkidle")
    height = page.evaluate("document.documentElement.scrollHeight")
    assert height <= 8 * PHONE["height"], f"{height / PHONE['height']:.1f} screens"
    card = page.locator("#viec-form-01-list")
    assert card.get_by_text("Lập danh sách Mẫu số 01").is_visible()
    assert card.locator("td[data-next]").inner_text() == "05/12/2026"
    assert (
        page.evaluate(
            "getComputedStyle(document.querySelector('#viec-form-01-list td[data-next]'), '::before').content"
        )
        == '"Lần tới: "'
    )
    page.get_by_text("Google Calendar (Lịch Google)").click()
    assert page.get_by_text("Mở Lịch Google.").is_visible(), "the how-to opens with a tap"


@pytest.mark.parametrize(
    "now, day",
    [
        ("2026-12-03T09:00:00+07:00", "2026-12-03"),  # the Form 01 list on the 5th comes first
        ("2026-12-08T09:00:00+07:00", "2026-12-08"),  # then the duties due at the end of the month
        ("2028-12-20T09:00:00+07:00", "2028-12-20"),  # the programme's last deadlines
    ],
)
def test_the_next_deadline_and_the_feeds_fill_the_first_phone_screen(page, data, now, day):
    """At 360×740 the first screen answers "what is due next" for today, and offers subscribe and
    download for each feed; a tap on a duty leads to its row."""
    page.clock.set_fixed_time(datetime.datetime.fromisoformat(now))
    page.goto(page.base_url + CALENDAR, wait_until="networkidle")
    on = datetime.date.fromisoformat(day)
    when, due_then = cal.next_deadline(list(data.duties.values()), on)
    box = page.locator("[data-next-deadline]")
    assert box.locator("h2").inner_text() == f"Hạn gần nhất: {when:%d/%m/%Y}"
    assert f"hôm nay, {on:%d/%m/%Y}" in box.inner_text()
    shown = box.locator("li:visible a")
    assert shown.all_inner_texts() == [duty.title for duty in due_then]
    assert page.evaluate("window.scrollY") == 0
    in_first_screen = [box, *page.locator("ul.calendar-feeds a").all()]
    assert len(in_first_screen) == 1 + 2 * len(cal.FEED_FILES)
    for element in in_first_screen:
        found = element.bounding_box()
        assert found and found["y"] + found["height"] <= PHONE["height"], element
    shown.first.click()
    assert page.url.endswith(f"#viec-{due_then[0].id}")
    assert page.locator(f"#viec-{due_then[0].id}").is_visible()


def test_the_feed_downloads_with_a_tap(page):
    page.goto(page.base_url + CALENDAR, wait_until="networkidle")
    row = page.locator("ul.calendar-feeds li").filter(has_text="Tất cả")
    assert row.get_by_role("link", name="Đăng ký: Tất cả công việc").get_attribute("href").startswith("webcal://")
    with page.expect_download() as started:
        row.get_by_role("link", name="Tải .ics: Tất cả công việc").click()
    body = Path(started.value.path()).read_bytes()
    events = Calendar.from_ical(body).walk("VEVENT")
    assert events and all(event.walk("VALARM") for event in events)
