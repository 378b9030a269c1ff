"""Issue 23, point 1: nothing typed comes back. On a shared phone, a person answers the check (the
prison certificate, the release date), the estimator or the finder, leaves by a link, and someone
presses Back: with the back/forward cache on, as on phones, the page comes back from the cache
(`pageshow` with `event.persisted`, asserted, so the test cannot pass on a page loaded again) and
shows its first screen, with no answer, no typed word and no ticked box; a further Back or Forward
within the check shows none either.

Playwright turns the back/forward cache off (`--disable-back-forward-cache`): this module launches
its own Chromium without that flag. Both sites: Thanh Hóa's and the national one.
"""

from __future__ import annotations

import datetime

import pytest

from .conftest import CHROMIUM, CHROMIUM_FLAGS, PHONE
from .test_every_tool_browser import ESTABLISHMENT, INDIVIDUAL, tap_through

CHECK = "cong-cu/kiem-tra/"
TODAY = datetime.datetime(2026, 11, 28, 12, 0)

# Every pageshow, persisted or not, in the order they came: a page restored from the cache keeps
# its window, so the list grows; a page loaded again starts a new one.
RECORD_SHOWS = "window.__shows = []; window.addEventListener('pageshow', e => window.__shows.push(e.persisted));"

# Every form field of the page (Material's own toggles aside) and what it holds: a text's value,
# a box's tick, a list's chosen option.
FIELDS = """() => Array.from(document.querySelectorAll('input, select, textarea'))
  .filter(f => !f.classList.contains('md-toggle') && !['hidden', 'submit', 'button', 'reset'].includes(f.type))
  .map(f => ({id: f.id || f.name, kind: f.type,
             value: f.type === 'checkbox' || f.type === 'radio' ? f.checked : f.tagName === 'SELECT' ? f.selectedIndex : f.value,
             first: f.type === 'checkbox' || f.type === 'radio' ? f.defaultChecked : f.tagName === 'SELECT' ? Math.max(0, Array.from(f.options).findIndex(o => o.defaultSelected)) : f.defaultValue}))"""

# A link of the page's content to another page (not an anchor of this one, not a download), to leave by.
OTHER_PAGE_LINK = """(scope) => {
  const links = Array.from(document.querySelectorAll(scope + ' a[href]'));
  const found = links.find(a => a.checkVisibility({checkOpacity: true, checkVisibilityCSS: true}) && a.getClientRects().length && !a.getAttribute('href').startsWith('#') && !a.hasAttribute('download')
    && !a.getAttribute('href').startsWith('?') && a.protocol.startsWith('http') && a.pathname !== location.pathname);
  if (!found) return false;
  found.setAttribute('data-leave', '');
  return true;
}"""


@pytest.fixture(scope="module")
def cached_browser(browser):
    """Chromium with the back/forward cache on (Playwright passes --disable-back-forward-cache),
    launched by the session's Playwright (`browser`: two sync Playwrights cannot run at once)."""
    instance = browser.browser_type.launch(
        executable_path=str(CHROMIUM), args=CHROMIUM_FLAGS, ignore_default_args=["--disable-back-forward-cache"]
    )
    try:
        yield instance
    finally:
        instance.close()


@pytest.fixture
def phone(cached_browser, site_url):
    """A fresh 360x740 phone with the cache on, today fixed, every pageshow recorded; no script error."""
    province, served = site_url
    context = cached_browser.new_context(viewport=PHONE, locale="vi-VN")
    context.add_init_script(RECORD_SHOWS)
    tab = context.new_page()
    tab.clock.set_fixed_time(TODAY)
    tab.errors = []
    tab.on("pageerror", lambda error: tab.errors.append(str(error)))
    tab.base_url, tab.province = served, province
    try:
        yield tab
    finally:
        context.close()
    assert tab.errors == [], "no script error on the way"


def leave_and_come_back(tab, scope: str = "article") -> None:
    """Leave by a link of `scope` to another page, then press Back; the page must come from the
    back/forward cache."""
    here = tab.url
    # The site's worker (assets/offline.js) takes control of the pages when it starts, in the first
    # seconds of a first visit; taking control of a page waiting in the cache evicts it (Chromium),
    # and Back then loads it anew. Leave once it controls this page, as after those first seconds.
    tab.wait_for_function("() => !navigator.serviceWorker || !!navigator.serviceWorker.controller")
    assert tab.evaluate(OTHER_PAGE_LINK, scope), f"a link to another page in {scope}"
    tab.locator("[data-leave]").first.click()
    tab.wait_for_url(lambda url: url != here)
    tab.wait_for_load_state("load")
    tab.go_back(wait_until="commit")  # a page from the cache fires no "load"
    tab.wait_for_url(here, wait_until="commit")
    tab.wait_for_function("() => window.__shows && window.__shows.length > 1")
    shows = tab.evaluate("window.__shows")
    assert shows[-1] is True, f"the page came back from the back/forward cache (pageshow persisted: {shows})"


def assert_nothing_kept(tab) -> None:
    kept = [f for f in tab.evaluate(FIELDS) if f["value"] != f["first"]]
    assert kept == [], f"fields still holding what was typed or picked: {kept}"


def first_question(tab) -> str:
    return tab.evaluate("JSON.parse(document.getElementById('kiem-tra-rules').textContent).questions[0].id")


def assert_check_at_its_start(tab, typed: list[str]) -> None:
    form = tab.locator("#kiem-tra form.tool-question")
    assert tab.locator("#kiem-tra .tool-result").count() == 0, "no result shown"
    assert form.get_attribute("data-question") == first_question(tab), "the first question"
    assert form.locator("input:checked").count() == 0, "no choice ticked"
    assert_nothing_kept(tab)
    text = tab.locator("#kiem-tra").inner_text()
    for word in typed:
        assert word not in text


def type_release_date_unsent(tab) -> None:
    """Answer the check up to the release date, then type it without pressing "Tiếp tục"."""
    for _ in range(10):
        form = tab.locator("#kiem-tra form.tool-question")
        question = form.get_attribute("data-question")
        if question == "release-date":
            for label, value in (("Ngày", "5"), ("Tháng", "3"), ("Năm", "2024")):
                form.get_by_label(label, exact=True).fill(value)
            return
        form.locator(".tool-option label", has_text=INDIVIDUAL[question]).first.click()
        tab.get_by_role("button", name="Tiếp tục").click()
    raise AssertionError("the check never asked the release date")


@pytest.mark.parametrize("leave_from", ["result", "typing the release date"])
def test_the_check_forgets_its_answers(phone, leave_from):
    """The check answered (the certificate, the release date 5/3/2024) to its result, or left
    while the release date is typed but not sent: Back shows the first question, nothing chosen,
    nothing typed; Back and Forward again (the check's own history entry) show no answer either."""
    phone.goto(phone.base_url + CHECK)
    if leave_from == "result":
        tap_through(phone, INDIVIDUAL)
        scope = "#kiem-tra .tool-result"
    else:
        type_release_date_unsent(phone)
        scope = "article"
    assert phone.locator("#kiem-tra").inner_text() != ""
    leave_and_come_back(phone, scope)
    assert_check_at_its_start(phone, ["05/03/2024", "5/3/2024"])
    for step in (phone.go_back, phone.go_forward):
        step(wait_until="commit")
        phone.wait_for_timeout(100)
        if phone.url.endswith(CHECK):
            assert_check_at_its_start(phone, ["05/03/2024"])


@pytest.mark.parametrize("borrower", ["individual", "establishment"])
def test_the_estimator_forgets_its_answers(phone, borrower):
    phone.goto(phone.base_url + "cong-cu/uoc-tinh/")
    phone.get_by_label("Người vay").select_option(borrower)
    if borrower == "establishment":
        phone.get_by_label("Số người lao động là người chấp hành xong án phạt tù").fill(
            ESTABLISHMENT["qualifying-workers"]
        )
    phone.get_by_label("Số tiền vay (đồng)").fill("45 triệu")
    phone.get_by_label("Thời hạn vay (số tháng)").fill("36")
    phone.get_by_label("Trả tiền gốc").select_option("12")
    phone.get_by_role("button", name="Tính").click()
    assert phone.locator("#uoc-tinh-result .estimator-headline").count() == 1
    leave_and_come_back(phone, "#uoc-tinh-result")
    assert phone.locator("#uoc-tinh-result").inner_text().strip() == "", "no estimate shown"
    assert_nothing_kept(phone)
    assert phone.locator("#uoc-tinh-workers-field").is_hidden(), "the first borrower's form again"


def test_the_finder_forgets_the_name_typed(phone):
    phone.goto(phone.base_url + "cong-cu/tim-co-quan/")
    phone.get_by_label("Tên xã, phường, thị trấn nơi bạn ở", exact=False).press_sequentially("nga thanh, thanh hoa")
    phone.wait_for_function("() => document.querySelectorAll('#ket-qua summary').length > 0")
    leave_and_come_back(phone)
    assert phone.locator("#ket-qua").inner_text().strip() == "", "no answer shown"
    assert phone.locator("#tim-co-quan-count").inner_text().strip() == ""
    assert_nothing_kept(phone)
    assert "nga thanh" not in phone.locator("body").inner_text().lower()


@pytest.mark.parametrize("path", ["cong-cu/giay-to-vay-kinh-doanh/", "can-bo/lich/", "cong-cu/to-roi/", ""])
def test_every_field_of_a_page_is_emptied(phone, path):
    """Any field a page has (the checklists' boxes, the search box, a list to pick from): filled,
    ticked or picked, then Back from another page: each is as the page was served."""
    phone.goto(phone.base_url + path)
    changed = phone.evaluate(
        """() => { let n = 0;
        document.querySelectorAll('input, select, textarea').forEach(f => {
          if (f.classList.contains('md-toggle') || ['hidden', 'submit', 'button', 'reset'].includes(f.type)) return;
          if (f.type === 'checkbox' || f.type === 'radio') f.checked = !f.defaultChecked;
          else if (f.tagName === 'SELECT') { if (f.options.length < 2) return; f.selectedIndex = f.options.length - 1; }
          else f.value = 'nga thanh 5/3/2024';
          n += 1; });
        return n; }"""
    )
    assert changed >= 1, "the page has a field"
    leave_and_come_back(phone)
    assert_nothing_kept(phone)


def test_the_search_forgets_the_words_typed(phone):
    """Words typed in the search box, a result opened, then Back: the page comes from the cache with
    the search closed and empty, and no result left in the page."""
    phone.goto(phone.base_url)
    phone.locator(".qd-search__open").click()
    phone.locator(".qd-search__input").wait_for()  # the box shows once its script has come, as a person sees
    phone.locator(".qd-search__input").press_sequentially("lai suat")
    results = phone.locator(".qd-search__results a")
    results.first.wait_for()
    here = phone.url
    results.first.click()
    phone.wait_for_url(lambda url: url.split("#")[0] != here)
    phone.wait_for_load_state("load")
    phone.go_back(wait_until="commit")
    phone.wait_for_url(here, wait_until="commit")
    phone.wait_for_function("() => window.__shows && window.__shows.length > 1")
    assert phone.evaluate("window.__shows")[-1] is True, "the page came back from the back/forward cache"
    assert not phone.locator("#qd-search").evaluate("d => d.open"), "the search is closed"
    assert phone.locator(".qd-search__input").input_value() == ""
    assert phone.locator(".qd-search__results").evaluate("l => l.children.length") == 0
    assert "lai suat" not in phone.locator("body").inner_text().lower()
