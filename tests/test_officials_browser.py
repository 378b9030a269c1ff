"""The officials' pages in headless Chromium: dates computed for today, the dated fallback, print, own host only."""

from __future__ import annotations

import datetime

import pytest

from macros.data.dataset import load_dataset
from macros.rules import schedule as cal

from .conftest import PHONE, REPO

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


@pytest.fixture(scope="module")
def data():
    return load_dataset(REPO, "thanh-hoa")


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
    assert cells == {duty_id: cal.due(duty, day).words() for duty_id, duty in data.duties.items()}
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
    """The page's script and macros/calendar.py give the same words for the same day."""
    page.goto(page.base_url + CALENDAR, wait_until="networkidle")
    found = page.evaluate(
        "(day) => Object.fromEntries([...document.querySelectorAll('tr[id^=viec-]')]"
        ".map(tr => [tr.id.slice(5), window.qd22Lich.dueWords(tr.querySelector('td[data-next]'), day)]))",
        day,
    )
    on = datetime.date.fromisoformat(day)
    assert found == {duty_id: cal.due(duty, on).words() for duty_id, duty in data.duties.items()}


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
    assert page.locator(".responsibility-matrix table").is_visible()
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
