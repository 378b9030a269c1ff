"""The tools in headless Chromium: the check agrees with the Python engine, works with the keyboard
alone and sends nothing; the estimator agrees with its reference; checklists print on one A4 page
and the leaflet on two (the finder: tests/test_finder.py)."""

from __future__ import annotations

import datetime
import re

import pytest

from macros.data.dataset import load_dataset
from macros.rules.eligibility import evaluate
from macros.rules.estimator import schedule

from .conftest import REPO
from .eligibility_scenarios import PERSON, SCENARIOS

D = datetime.date
CHECK = "cong-cu/kiem-tra/"
DAY = D(2026, 11, 28)


@pytest.fixture(scope="module")
def data():
    return load_dataset(REPO, "thanh-hoa")


def set_today(page, day: datetime.date) -> None:
    """The page reads today's date from the browser clock; noon keeps every time zone on the same day."""
    page.clock.set_fixed_time(datetime.datetime(day.year, day.month, day.day, 12, 0))


# --- the scenarios (tests/scenarios/eligibility.yaml) -------------------------------

# Answer the question on screen by clicking and typing in the page's own controls (real DOM events
# reaching the page's handlers), until the page shows a result; `plan` says what to do on each
# question the page may ask. One round trip per scenario keeps 40 scenarios fast.
RUN = """(plan) => {
  const step = (form, [action, value]) => {
    const submit = () => form.querySelector("button[type=submit]").click();
    if (action === "choose") { form.querySelector(`input[type=radio][value="${value}"]`).click(); submit(); }
    else if (action === "unknown") form.querySelector("button.tool-unknown").click();
    else if (action === "date") {
      const [y, m, d] = value.split("-");
      form.querySelector("[name=day]").value = String(+d);
      form.querySelector("[name=month]").value = String(+m);
      form.querySelector("[name=year]").value = y;
      submit();
    } else if (action === "number") { form.querySelector("[name=number]").value = String(value); submit(); }
  };
  const asked = [];
  for (let i = 0; i < 20; i++) {
    const result = document.querySelector("#kiem-tra .tool-result");
    if (result) return {
      asked, outcome: result.dataset.outcome, amount: result.dataset.maxAmount, collateral: result.dataset.collateral,
      reasons: [...result.querySelectorAll("li[data-reason]")].map(li => [li.dataset.reason, li.closest("ul").dataset.status, li.querySelector(".tool-reason-text").textContent]),
    };
    const form = document.querySelector("#kiem-tra form.tool-question");
    const error = form.querySelector(".tool-error");
    if (error) return {asked, error: error.textContent};
    asked.push(form.dataset.question);
    step(form, plan[form.dataset.question]);
  }
  return {asked, error: "no result"};
}"""


def answer_for(question, scenario: dict) -> tuple[str, object]:
    """What to do on a question screen for this scenario (missing keys are unknown)."""
    if question.kind == "choice":
        for index, option in enumerate(question.options):
            if all(scenario.get(key) == value for key, value in option.set.items()):
                return "choose", str(index)
        raise AssertionError(f"no option of {question.id} fits {scenario}")
    value = scenario.get(question.answer)
    if value is None:
        return "unknown", None
    return ("date", value.isoformat()) if question.kind == "date" else ("number", value)


def run_in_page(page, questions: dict, scenario: dict) -> dict:
    plan = {
        q.id: answer_for(q, scenario) for q in questions.values() if q.applicant in ("any", scenario.get("applicant"))
    }
    shown = page.evaluate(RUN, plan)
    assert "error" not in shown, (scenario, shown)
    return shown


def restart(page) -> None:
    page.evaluate(
        """() => { const again = [...document.querySelectorAll("#kiem-tra button")].find(b => b.textContent === "Làm lại từ đầu"); again.click(); }"""
    )


def test_parity_python_engine_and_page(shared_page, data):
    page = shared_page
    """At least 30 scenarios (boundaries included) give the same outcome, amount and security flag,
    and every reason the page shows reads exactly as the engine's."""
    assert len(SCENARIOS) >= 30
    questions = {q.id: q for q in data.eligibility.questions}
    set_today(page, SCENARIOS[0].as_of)
    page.goto(page.base_url + CHECK)
    mismatches = []
    for index, case in enumerate(SCENARIOS):
        day, scenario = case.as_of, case.answers
        set_today(page, day)
        shown = run_in_page(page, questions, scenario)
        expected = evaluate(scenario, day, data)
        want = (
            expected.outcome,
            "" if expected.max_amount_vnd is None else str(expected.max_amount_vnd),
            "" if expected.collateral_required is None else str(expected.collateral_required).lower(),
        )
        got = (shown["outcome"], shown["amount"], shown["collateral"])
        if got != want:
            mismatches.append((index, day, scenario, want, got))
        python_reasons = {r.id: (r.status, r.text) for r in expected.reasons}
        for reason_id, status, text in shown["reasons"]:
            if python_reasons.get(reason_id) != (status, text):
                mismatches.append((index, reason_id, python_reasons.get(reason_id), (status, text)))
        if expected.outcome != "not_eligible" and sorted(r[0] for r in shown["reasons"]) != sorted(python_reasons):
            mismatches.append((index, "every question was asked, so every reason must show", shown["reasons"]))
        restart(page)
    assert mismatches == []
    outcomes = {evaluate(s.answers, s.as_of, data).outcome for s in SCENARIOS}
    assert outcomes == {"eligible", "not_eligible", "check_with_office"}
    assert page.foreign_requests == []


def test_result_explains_cites_and_points_to_the_office(shared_page, data):
    page = shared_page
    set_today(page, DAY)
    page.goto(page.base_url + CHECK)
    questions = {q.id: q for q in data.eligibility.questions}
    run_in_page(page, questions, {**PERSON, "on_commune_list": None})
    result = page.locator("#kiem-tra .tool-result")
    assert result.locator("h2").inner_text() == "Cần hỏi thêm trước khi biết bạn có được vay không"
    assert result.locator("[data-field=amount]").inner_text() == "100 triệu đồng (100.000.000 đồng)"
    assert result.locator("[data-field=collateral]").inner_text() == "Không cần"
    unknown = result.locator("ul[data-status=unknown] li")
    assert unknown.count() == 1
    assert "Hỏi: Công an xã, phường nơi bạn cư trú" in unknown.inner_text()
    cite = unknown.locator("a.tool-cite")
    assert cite.inner_text() == "điểm a khoản 2 Điều 3 Quyết định 22/2023/QĐ-TTg (mở trang mới)"
    with page.context.expect_page() as opened:
        cite.click()
    assert opened.value.url.endswith("/van-ban-phap-ly/#qd-22-2023")
    opened.value.close()
    finder = page.locator("#kiem-tra a", has_text="Tìm nơi này theo xã, phường").first
    assert finder.get_attribute("target") == "_blank"
    assert page.evaluate("(a) => a.href", finder.element_handle()).endswith("/cong-cu/tim-co-quan/")
    assert result.get_attribute("data-outcome") == "check_with_office", "the result is still there"


def test_back_link_and_browser_back_keep_the_answers(page):
    set_today(page, DAY)
    page.goto(page.base_url + CHECK)
    page.check("#q-applicant-0")
    page.click("#kiem-tra button[type=submit]")
    page.check("#q-purpose-1")
    page.click("#kiem-tra button[type=submit]")
    assert page.locator("#kiem-tra form").get_attribute("data-question") == "certificate"
    page.click("#kiem-tra .tool-back")
    assert page.locator("#kiem-tra form").get_attribute("data-question") == "purpose"
    assert page.is_checked("#q-purpose-1")
    page.go_back()
    assert page.locator("#kiem-tra form").get_attribute("data-question") == "applicant"
    assert page.url.endswith(CHECK)
    page.go_forward()
    assert page.locator("#kiem-tra form").get_attribute("data-question") == "purpose"


def test_invalid_entries_are_explained_not_accepted(shared_page):
    page = shared_page
    set_today(page, DAY)
    page.goto(page.base_url + CHECK)
    page.click("#kiem-tra button[type=submit]")
    assert page.locator("#kiem-tra .tool-error").inner_text() == "Hãy chọn một câu trả lời."
    for radio in ("#q-applicant-0", "#q-purpose-0", "#q-certificate-0"):
        page.check(radio)
        page.click("#kiem-tra button[type=submit]")
    page.fill("[name=day]", "31")
    page.fill("[name=month]", "2")
    page.fill("[name=year]", "2024")
    page.click("#kiem-tra button[type=submit]")
    assert "không có trong lịch" in page.locator("#kiem-tra .tool-error").inner_text()
    assert page.locator("#kiem-tra form").get_attribute("data-question") == "release-date"


def test_check_with_the_keyboard_alone_and_nothing_leaves_the_page(page, data):
    """Tab, arrows, space and Enter only; after load, no request at all; nothing stored."""
    set_today(page, DAY)
    page.goto(page.base_url + CHECK, wait_until="networkidle")
    after_load: list[str] = []
    page.on("request", lambda request: after_load.append(request.url))
    storage = "() => JSON.stringify([Object.entries(localStorage), Object.entries(sessionStorage)])"
    stored_before = page.evaluate(storage)
    keys = page.keyboard

    def focused() -> str:
        return page.evaluate("() => { const a = document.activeElement; return a ? (a.id || a.tagName) : ''; }")

    for _ in range(80):  # from the top of the page to the first answer
        keys.press("Tab")
        if focused().startswith("q-applicant-"):
            break
    assert focused() == "q-applicant-0"
    keys.press("Space")  # "Tôi đã chấp hành xong án phạt tù"
    keys.press("Tab")
    keys.press("Enter")
    assert page.locator("#kiem-tra form").get_attribute("data-question") == "purpose"
    keys.press("Tab")
    keys.press("Space")  # business
    keys.press("Tab")
    keys.press("Enter")
    keys.press("Tab")
    keys.press("ArrowDown")  # amnesty certificate
    keys.press("Tab")
    keys.press("Enter")
    assert page.locator("#kiem-tra form").get_attribute("data-question") == "release-date"
    for text in ("28", "11", "2021"):
        keys.press("Tab")
        keys.type(text)
    keys.press("Enter")
    keys.press("Tab")
    keys.press("Space")  # on the list
    keys.press("Tab")
    keys.press("Enter")
    keys.press("Tab")
    keys.press("Space")  # no debt
    keys.press("Tab")
    keys.press("Enter")
    result = page.locator("#kiem-tra .tool-result")
    assert result.get_attribute("data-outcome") == "eligible"
    expected = evaluate({**PERSON, "certificate": "amnesty"}, DAY, data)
    assert result.get_attribute("data-max-amount") == str(expected.max_amount_vnd)
    assert focused() == "H2", "focus moves to the result heading"
    assert after_load == [] and page.foreign_requests == []
    assert page.evaluate(storage) == stored_before
    assert "2021" not in page.evaluate(storage) and page.context.cookies() == []


def test_check_page_reads_without_javascript(browser, served_site):
    context = browser.new_context(java_script_enabled=False)
    try:
        tab = context.new_page()
        tab.goto(served_site + CHECK)
        assert not tab.locator("#kiem-tra").is_visible()
        text = tab.locator("article").inner_text()
        assert "Có tên trong danh sách Mẫu số 01" in text and "không quá 5 năm" in text
        assert "tắt JavaScript" in text
    finally:
        context.close()


# --- estimator ------------------------------------------------------------------------


ESTIMATES = [
    (D(2025, 12, 1), "individual", 100_000_000, 36, 12),
    (D(2025, 11, 30), "individual", 50_000_000, 24, 1),
    (D(2025, 12, 1), "individual", 12_345_678, 7, 3),
    (D(2026, 6, 1), "establishment", 2_000_000_000, 120, 6),
]


def test_estimator_page_agrees_with_the_python_reference(shared_page, data):
    page = shared_page

    def group(n: int) -> str:
        return f"{n:,}".replace(",", ".")

    for day, limit, amount, term, every in ESTIMATES:
        set_today(page, day)
        page.goto(page.base_url + "cong-cu/uoc-tinh/")
        rate = data.value_in_force("poor-household-lending-rate", day)
        assert f"{str(rate).replace('.', ',')} %/năm" in page.locator("#uoc-tinh-rate").inner_text()
        page.select_option("#uoc-tinh-limit", limit)
        page.fill("#uoc-tinh-amount", group(amount))
        page.fill("#uoc-tinh-term", str(term))
        page.select_option("#uoc-tinh-period", str(every))
        page.click("#uoc-tinh button[type=submit]")
        shown = page.evaluate("""() => ({
          rows: [...document.querySelectorAll("#uoc-tinh-result tbody tr")].map(tr => [...tr.cells].map(td => td.textContent)),
          totals: [...document.querySelectorAll("#uoc-tinh-result dd")].map(dd => dd.textContent),
        })""")
        plan = schedule(amount, term, rate, every)
        assert shown["rows"] == [
            [str(r.month), group(r.outstanding), group(r.interest), group(r.principal), group(r.payment)]
            for r in plan.rows
        ]
        assert shown["totals"] == [
            f"{group(v)} đồng" for v in (plan.total_interest, plan.total_principal, plan.total_paid)
        ]
        assert "ước tính" in page.locator("#uoc-tinh-result").inner_text()


def test_estimator_refuses_amounts_above_the_limit(shared_page):
    page = shared_page
    set_today(page, D(2025, 12, 1))
    page.goto(page.base_url + "cong-cu/uoc-tinh/")
    page.fill("#uoc-tinh-amount", "150000000")
    page.fill("#uoc-tinh-term", "12")
    page.click("#uoc-tinh button[type=submit]")
    assert page.locator("#uoc-tinh-result .tool-error").inner_text() == "Số tiền vượt mức tối đa 100.000.000 đồng."
    page.fill("#uoc-tinh-amount", "100000000")
    page.fill("#uoc-tinh-term", "121")
    page.click("#uoc-tinh button[type=submit]")
    assert page.locator("#uoc-tinh-result .tool-error").inner_text() == "Thời hạn vượt mức tối đa 120 tháng."


# --- printing ---------------------------------------------------------------------------


def pdf_pages(pdf: bytes) -> int:
    """Pages of a PDF written by Chromium (Skia): one "/Type /Page" object per page."""
    return len(re.findall(rb"/Type\s*/Page(?![s\w])", pdf))


def test_each_checklist_prints_on_one_a4_page(shared_page):
    page = shared_page
    for path in ("giay-to-vay-kinh-doanh", "giay-to-hoc-nghe", "giay-to-co-so"):
        page.goto(page.base_url + f"cong-cu/{path}/")
        assert pdf_pages(page.pdf(format="A4")) == 1, path


def test_the_leaflet_prints_on_two_a4_pages_one_side_each(shared_page):
    page = shared_page
    page.goto(page.base_url + "cong-cu/to-roi/")
    assert pdf_pages(page.pdf(format="A4")) == 2
    for keep in (1, 2):
        page.goto(page.base_url + "cong-cu/to-roi/")
        page.add_style_tag(content=f".leaflet-page:nth-of-type({3 - keep}) {{ display: none !important; }}")
        assert pdf_pages(page.pdf(format="A4")) == 1, f"side {keep} must fit on its own page"


def test_pdf_page_counter_counts():
    """The counter itself: a page tree is not a page."""
    assert pdf_pages(b"<< /Type /Pages /Kids [3 0 R] >> << /Type /Page /Parent 2 0 R >> << /Type /Page >>") == 2


def test_print_hides_navigation_and_search(shared_page):
    page = shared_page
    chrome = ".md-header, .md-sidebar, .md-search, .md-tabs, .md-footer, nav, .tool-print"
    shown = f"""() => [...document.querySelectorAll("{chrome}")]
        .filter(el => el.getClientRects().length && getComputedStyle(el).visibility !== "hidden")
        .map(el => el.className || el.tagName)"""
    for path in ("cong-cu/giay-to-vay-kinh-doanh/", "cong-cu/to-roi/", "cong-cu/kiem-tra/"):
        page.emulate_media(media="screen")
        page.goto(page.base_url + path)
        assert page.evaluate(shown), "on screen the navigation is there"
        assert page.locator(".md-search").count()
        page.emulate_media(media="print")
        try:
            assert page.evaluate(shown) == [], path
            assert page.locator("article h2").first.is_visible()
        finally:
            page.emulate_media(media="screen")


# The office finder's browser tests are in tests/test_finder.py.


@pytest.mark.parametrize("zone", ["America/New_York", "Europe/London", "Asia/Ho_Chi_Minh"])
def test_every_tool_counts_today_in_vietnam(browser, served_site, zone):
    """At 01:30 on 1 December in Viet Nam (still 30 November on a phone set to New York or London
    time), the check, the estimator and the officials' calendar all say 01/12/2026."""
    context = browser.new_context(viewport={"width": 360, "height": 740}, locale="vi-VN", timezone_id=zone)
    tab = context.new_page()
    try:
        tab.clock.set_fixed_time(datetime.datetime.fromisoformat("2026-11-30T18:30:00+00:00"))
        tab.goto(served_site + "cong-cu/uoc-tinh/")
        assert "01/12/2026" in tab.locator("#uoc-tinh-rate").inner_text()
        tab.goto(served_site + "can-bo/lich/", wait_until="networkidle")
        assert "01/12/2026" in tab.locator("[data-asof]").inner_text()
        tab.goto(served_site + CHECK)
        questions = {q.id: q for q in load_dataset(REPO, "thanh-hoa").eligibility.questions}
        run_in_page(tab, questions, {**PERSON})
        assert "Kết quả tính theo ngày 01/12/2026" in tab.locator("#kiem-tra").inner_text()
    finally:
        context.close()
