"""The tools in headless Chromium: the check agrees with the Python engine, works with the keyboard
alone and sends nothing; the estimator agrees with its reference; checklists print on one A4 page
and the leaflet on two (the finder: tests/test_finder.py)."""

from __future__ import annotations

import datetime
import json
import re

import pytest
import yaml
from bs4 import BeautifulSoup

from macros.data import models
from macros.data.dataset import load_dataset
from macros.render import tools
from macros.rules import eligibility
from macros.rules.estimator import schedule

from .conftest import PHONE, REPO
from .eligibility_scenarios import FIRM, PERSON, SCENARIOS
from .node_rules import FINDER, LIBRARY, evaluate, node_fixture  # noqa: F401 (the fixture `node`)

NUMBERS = yaml.safe_load((REPO / "tests" / "scenarios" / "numbers.yaml").read_text(encoding="utf-8"))["read"]

D = datetime.date
CHECK = "cong-cu/kiem-tra/"
DAY = D(2026, 11, 28)


@pytest.fixture(scope="module")
def rules(data):
    """The check's rules as its page embeds them (tests/test_tools_pages.py reads them from the page)."""
    return tools.browser_rules(data, library=LIBRARY, finder=FINDER)


def set_today(page, day: datetime.date) -> None:
    """The page reads today's date from the browser clock; noon keeps every time zone on the same day."""
    page.clock.set_fixed_time(datetime.datetime(day.year, day.month, day.day, 12, 0))


# --- the scenarios (tests/scenarios/eligibility.yaml) -------------------------------

# Answer the question on screen by clicking and typing in the page's own controls (real DOM events
# reaching the page's handlers), until the page shows a result; `plan` says what to do on each
# question the page may ask. One round trip per scenario keeps 40 scenarios fast.
ANSWER_QUESTION = (REPO / "tests" / "js" / "answer_question.js").read_text(encoding="utf-8").strip()
"""(form, [action, value]) => ...: one question answered in the page's own controls (shared with tools/tool_screens.py)."""
RUN = (
    """(plan) => {
  const step = """
    + ANSWER_QUESTION
    + """;
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
)


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


def test_the_page_shows_what_the_engine_says(shared_page, data, node, rules):
    """Tapped through in the page, every scenario (at least 30, boundaries included) ends on the
    result the engine gives for it (docs/assets/kiem-tra.js under Node, tests/test_eligibility.py):
    the same outcome, amount and security flag, and every reason reads exactly as the engine's."""
    page = shared_page
    assert len(SCENARIOS) >= 30
    questions = {q.id: q for q in data.eligibility.questions}
    set_today(page, SCENARIOS[0].as_of)
    page.goto(page.base_url + CHECK)
    mismatches = []
    for index, case in enumerate(SCENARIOS):
        day, scenario = case.as_of, case.answers
        set_today(page, day)
        shown = run_in_page(page, questions, scenario)
        expected = evaluate(node, rules, scenario, day)
        want = (
            expected.outcome,
            "" if expected.max_amount_vnd is None else str(expected.max_amount_vnd),
            "" if expected.collateral_required is None else str(expected.collateral_required).lower(),
        )
        got = (shown["outcome"], shown["amount"], shown["collateral"])
        if got != want or expected.expected != case.expect:
            mismatches.append((index, day, scenario, case.expect, want, got))
        engine_reasons = {r["id"]: (r["status"], r["text"]) for r in expected.reasons}
        for reason_id, status, text in shown["reasons"]:
            if engine_reasons.get(reason_id) != (status, text):
                mismatches.append((index, reason_id, engine_reasons.get(reason_id), (status, text)))
        if expected.outcome != "not_eligible" and sorted(r[0] for r in shown["reasons"]) != sorted(engine_reasons):
            mismatches.append((index, "every question was asked, so every reason must show", shown["reasons"]))
        restart(page)
    assert mismatches == []
    assert {s.expect["outcome"] for s in SCENARIOS} == set(models.OUTCOME_IDS)
    assert page.foreign_requests == []


def tap_answer(page, label: str) -> None:
    """Tap an answer (the option whose words start so), then "Tiếp tục", as a person does on the phone."""
    page.locator("#kiem-tra .tool-option label", has_text=re.compile("^" + re.escape(label))).click()
    page.get_by_role("button", name="Tiếp tục").click()


def answer_as_a_first_time_applicant(page, released: str = "5/3/2024") -> None:
    tap_answer(page, "Tôi đã chấp hành xong án phạt tù")
    tap_answer(page, "Để sản xuất, kinh doanh")
    tap_answer(page, "Giấy chứng nhận chấp hành xong án phạt tù")
    day, month, year = released.split("/")
    page.get_by_label("Ngày", exact=True).fill(day)
    page.get_by_label("Tháng", exact=True).fill(month)
    page.get_by_label("Năm", exact=True).fill(year)
    page.get_by_role("button", name="Tiếp tục").click()
    tap_answer(page, "Chưa, hoặc tôi chưa biết")
    tap_answer(page, "Không, tôi không còn nợ")


def test_a_first_time_applicant_hears_yes_once_on_the_list(page):
    """Nobody is on the commune's Form 01 list before asking: the check says what the person meets
    and that the next step is the commune police; picking a commune names its offices."""
    set_today(page, DAY)
    page.goto(page.base_url + CHECK)
    answer_as_a_first_time_applicant(page)
    result = page.locator("#kiem-tra .tool-result")
    assert result.get_attribute("data-outcome") == "eligible_pending_list"
    assert result.locator("h2").inner_text() == "Bạn có thể được vay, khi đã có tên trong danh sách Mẫu số 01"
    assert result.locator("[data-field=amount]").inner_text() == "100 triệu đồng (100.000.000 đồng)"
    headings = result.locator("h3").all_inner_texts()
    assert headings[:2] == ["Bước tiếp theo", "Việc cần làm trước khi vay"] and "Điều đã đạt" in headings
    assert result.locator("ul[data-status=met] li").count() == 5
    first_step = result.locator("ol.tool-steps > li").first
    assert first_step.inner_text().startswith("Đến Công an xã, phường nơi bạn cư trú.")
    assert "Hỏi: Công an xã, phường nơi bạn cư trú." in first_step.inner_text()
    page.get_by_label("Bạn cư trú ở xã, phường nào?").select_option(label="Phường Hàm Rồng")
    assert "Hỏi: Công an phường Hàm Rồng." in first_step.inner_text()
    assert "Hỏi: Công an phường Hàm Rồng." in result.locator("ul[data-status=pending] li").inner_text()
    page.get_by_label("Bạn cư trú ở xã, phường nào?").select_option(label="Xã Đồng Tiến")
    assert "Hỏi: Công an xã Đồng Tiến." in first_step.inner_text()
    page.get_by_label("Bạn cư trú ở xã, phường nào?").select_option(label="Chưa chọn")
    assert "Hỏi: Công an xã, phường nơi bạn cư trú." in first_step.inner_text()
    first_step.get_by_role("link", name="Tìm nơi này theo xã, phường").click()
    page.wait_for_url("**/cong-cu/tim-co-quan/")
    assert len(page.context.pages) == 1, "the finder opens in the same tab"
    assert page.foreign_requests == []


def test_a_person_who_knows_only_the_old_name_is_led_to_the_finder(page):
    """The picker lists today's units; beside it, a person who remembers only the commune's name
    before the merger finds a link to the finder, which takes old names."""
    set_today(page, DAY)
    page.goto(page.base_url + CHECK)
    answer_as_a_first_time_applicant(page)
    page.get_by_role("link", name="Tìm tên hiện nay theo tên cũ").click()
    page.wait_for_url("**/cong-cu/tim-co-quan/")
    page.get_by_label("Tên xã, phường, thị trấn nơi bạn ở", exact=False).fill("nga thanh nga son")
    assert "nay thuộc xã Nga Sơn" in page.locator("#ket-qua").inner_text()


def test_an_unknown_certificate_asks_and_cites_in_the_same_tab(page, data):
    set_today(page, DAY)
    page.goto(page.base_url + CHECK)
    run_in_page(page, {q.id: q for q in data.eligibility.questions}, {**PERSON, "certificate": None})
    result = page.locator("#kiem-tra .tool-result")
    assert result.locator("h2").inner_text() == "Cần hỏi thêm trước khi biết bạn có được vay không"
    assert result.locator("[data-field=collateral]").inner_text() == "Không cần"
    unknown = result.locator("ul[data-status=unknown] li")
    assert unknown.count() == 1
    assert "Hỏi: Công an xã, phường nơi bạn cư trú" in unknown.inner_text()
    assert result.locator("a[target]").count() == 0, "no link of the result opens another tab"
    cite = unknown.locator("a.tool-cite")
    assert cite.inner_text() == "điểm a khoản 1 Điều 3 Quyết định 22/2023/QĐ-TTg"
    cite.click()
    page.wait_for_url("**/van-ban-phap-ly/#qd-22-2023")
    assert len(page.context.pages) == 1


def test_each_answer_brings_the_next_question_below_the_header(page):
    """On the phone, after every tap the new question's first line and "Quay lại" show under
    Material's sticky header, focus is on the question, and "Quay lại" is a 44 px target."""
    set_today(page, DAY)
    page.goto(page.base_url + CHECK)
    where = """() => {
      const header = document.querySelector(".md-header").getBoundingClientRect();
      const heading = document.querySelector("#kiem-tra h2").getBoundingClientRect();
      const back = document.querySelector("#kiem-tra .tool-back");
      const box = back && back.getBoundingClientRect();
      return {header: header.bottom, top: heading.top, bottom: heading.top + parseFloat(getComputedStyle(document.querySelector("#kiem-tra h2")).lineHeight),
              focused: document.activeElement === document.querySelector("#kiem-tra h2"),
              back: box && {top: box.top, width: box.width, height: box.height, hit: document.elementFromPoint(box.left + box.width / 2, box.top + box.height / 2) === back},
              screen: innerHeight};
    }"""
    seen = []

    def check(step: str) -> None:
        shown = page.evaluate(where)
        seen.append(step)
        assert shown["focused"], step
        assert shown["header"] <= shown["top"] and shown["bottom"] <= shown["screen"], (step, shown)
        back = shown["back"]
        assert back and back["hit"] and back["top"] >= shown["header"], (step, back)
        assert back["width"] >= 44 and back["height"] >= 44, (step, back)

    page.mouse.wheel(0, 400)  # a person has scrolled to read the hint before answering
    tap_answer(page, "Tôi đã chấp hành xong án phạt tù")
    check("purpose")
    page.mouse.wheel(0, 300)
    tap_answer(page, "Để sản xuất, kinh doanh")
    check("certificate")
    tap_answer(page, "Giấy chứng nhận chấp hành xong án phạt tù")
    check("release date")
    page.get_by_role("button", name="Tôi không nhớ ngày").click()
    check("list")
    tap_answer(page, "Có, tôi đã có tên")
    check("debt")
    tap_answer(page, "Không, tôi không còn nợ")
    check("result")
    page.get_by_role("button", name="Quay lại").click()
    check("back to the debt question")
    assert len(seen) == 7


def test_worker_counts_are_read_as_written_and_slips_refused(page, node, rules):
    set_today(page, DAY)
    page.goto(page.base_url + CHECK)
    tap_answer(page, "Một cơ sở sản xuất, kinh doanh")
    tap_answer(page, "Doanh nghiệp nhỏ và vừa")
    tap_answer(page, "Có")
    box = page.get_by_label("Số người")
    for typed, says in (
        ("1.5", "dấu chấm chỉ dùng để tách hàng nghìn"),
        ("2,5", "Hãy nhập số nguyên"),
        ("9" * 400, "quá lớn"),
        (str(eligibility.MAX_WORKERS + 1), "quá lớn"),
        ("mười", "bằng chữ số"),
    ):
        box.fill(typed)
        page.get_by_role("button", name="Tiếp tục").click()
        assert says in page.locator("#kiem-tra .tool-error").inner_text(), typed
        assert page.locator("#kiem-tra form").get_attribute("data-question") == "total-workers"
    box.fill("1.200 người")
    page.get_by_role("button", name="Tiếp tục").click()
    assert page.locator("#kiem-tra form").get_attribute("data-question") == "qualifying-workers"
    page.get_by_label("Số người").fill("120")
    page.get_by_role("button", name="Tiếp tục").click()
    tap_answer(page, "Đã được xác nhận")
    tap_answer(page, "Không")
    result = page.locator("#kiem-tra .tool-result")
    expected = evaluate(node, rules, {**FIRM, "total_workers": 1200, "qualifying_workers": 120}, DAY)
    assert result.get_attribute("data-outcome") == expected.outcome == "eligible"
    assert result.get_attribute("data-max-amount") == str(expected.max_amount_vnd)
    assert page.locator("#kiem-tra-xa").count() == 0, "an establishment is not asked where it lives"


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


def test_check_with_the_keyboard_alone_and_nothing_leaves_the_page(page, node, rules):
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
    expected = evaluate(node, rules, {**PERSON, "certificate": "amnesty"}, DAY)
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


# (day, borrower, amount typed, workers typed, term typed, term, principal every N months)
ESTIMATES = [
    (D(2025, 12, 1), "individual", "100.000.000", None, "36", 36, 12),
    (D(2025, 11, 30), "individual", "50 triệu", None, "24", 24, 1),
    (D(2025, 12, 1), "individual", "12345678", None, "7", 7, 3),
    (D(2026, 6, 1), "individual", "80 triệu", None, "6", 6, 12),
    (D(2026, 6, 1), "individual", "150 triệu", None, "12", 12, 12),
    (D(2026, 6, 1), "establishment", "2 tỷ", "20", "10 năm", 120, 6),
    (D(2026, 6, 1), "establishment", "1,5 tỷ", "2", "5 năm", 60, 3),
    (D(2026, 6, 1), "establishment", "1,5 tỷ", "30 người", "1", 1, 1),
    (D(2026, 6, 1), "establishment", "90 triệu", "1", "24", 24, 6),
]


def group(n: int) -> str:
    return f"{n:,}".replace(",", ".")


def estimate(page, limit: str, amount: str, term: str, every: int, workers: str | None = None) -> None:
    """Fill the form as a person does, then tap "Tính"."""
    page.get_by_label("Người vay").select_option(limit)
    if workers is not None:
        page.get_by_label("Số người lao động là người chấp hành xong án phạt tù").fill(workers)
    page.get_by_label("Số tiền vay (đồng)").fill(amount)
    page.get_by_label("Thời hạn vay (số tháng)").fill(term)
    page.get_by_label("Trả tiền gốc").select_option(str(every))
    page.get_by_role("button", name="Tính").click()


def expected_loan(node, rules, data, limit, typed, workers, day: datetime.date) -> tuple[int, int, bool]:
    """(amount worked out, the maximum, security needed) by the check's own rule (core.js, under Node)."""
    amount = {"100.000.000": 100_000_000, "50 triệu": 50_000_000, "12345678": 12_345_678, "80 triệu": 80_000_000}
    amount |= {"150 triệu": 150_000_000, "2 tỷ": 2_000_000_000, "1,5 tỷ": 1_500_000_000, "90 triệu": 90_000_000}
    cfg = next(each for each in data.estimator.limits if each.id == limit)
    rule = next(a for a in rules["amounts"] if a["id"] == cfg.amount)
    count = None if workers is None else int(workers.split()[0])
    cap = node.call("muc-vay.js", "maxAmount", rule, rules["facts"], day, count)
    borrowed = min(amount[typed], cap)
    return borrowed, cap, node.call("muc-vay.js", "needsSecurity", rule, rules["facts"], day, borrowed)


def test_estimator_page_agrees_with_the_python_reference(shared_page, data, node, rules):
    """Amounts typed as people write them; the maximum and the security by the check's rule
    (core.js under Node); the schedule, the totals and the headline as
    macros/rules/estimator.py works them out and its template writes them."""
    page = shared_page
    for day, limit, typed, workers, typed_term, term, every in ESTIMATES:
        set_today(page, day)
        page.goto(page.base_url + "cong-cu/uoc-tinh/")
        rate = data.value_in_force("poor-household-lending-rate", day)
        assert f"{str(rate).replace('.', ',')} %/năm" in page.locator("#uoc-tinh-rate").inner_text()
        estimate(page, limit, typed, typed_term, every, workers)
        shown = page.evaluate("""() => ({
          rows: [...document.querySelectorAll("#uoc-tinh-result tbody tr")].map(tr => [...tr.cells].map(td => td.textContent)),
          totals: [...document.querySelectorAll("#uoc-tinh-result dd")].map(dd => dd.textContent),
          output: {...document.querySelector("#uoc-tinh-result .estimator-output").dataset},
          security: document.querySelector("#uoc-tinh-result .estimator-security").dataset.security,
        })""")
        amount, cap, security = expected_loan(node, rules, data, limit, typed, workers, day)
        assert (shown["output"]["amount"], shown["output"]["cap"]) == (str(amount), str(cap)), typed
        assert shown["security"] == str(security).lower(), (typed, workers)
        plan = schedule(amount, term, rate, every)
        assert shown["rows"] == [
            [str(r.month), group(r.outstanding), group(r.interest), group(r.principal), group(r.payment)]
            for r in plan.rows
        ]
        assert shown["totals"] == [
            f"{group(v)} đồng" for v in (plan.total_interest, plan.total_principal, plan.total_paid)
        ]
        result = page.locator("#uoc-tinh-result")
        shown_answer = [result.locator(f".estimator-{part}").inner_text().strip() for part in ("headline", "detail")]
        expected = BeautifulSoup(str(tools.estimator_answer(plan)), "html.parser")
        assert shown_answer == [expected.select_one(f".estimator-{part}").get_text() for part in ("headline", "detail")]
        assert_headline_fits_the_months(result)
        assert "ước tính" in result.inner_text()


def dong(text: str) -> int:
    return int(text.removesuffix(" đồng").replace(".", ""))


def assert_headline_fits_the_months(result) -> None:
    """Read as a person reads it: the headline's first amount is at least the mean of the months
    listed, and is what the dearest principal month costs (rounded up by less than a thousand)."""
    shown = result.evaluate("""(box) => ({
      strong: [...box.querySelectorAll(".estimator-headline strong")].map(s => s.textContent),
      months: [...box.querySelectorAll("tbody tr")].map(tr => [tr.cells[3].textContent, tr.cells[4].textContent]),
    })""")
    due = dong(shown["strong"][0])
    months = [(dong(principal), dong(paid)) for principal, paid in shown["months"]]
    assert due * len(months) >= sum(paid for _, paid in months), "at least the mean month"
    assert 0 <= due - max(paid for principal, paid in months if principal) < 1000, shown["strong"]


def test_estimator_reads_amounts_as_people_write_them(shared_page):
    page = shared_page
    set_today(page, D(2025, 12, 1))
    page.goto(page.base_url + "cong-cu/uoc-tinh/")
    for typed in ("50 triệu", "50tr", "50.000.000", "50000000", "50 000 000", "50 triệu đồng"):
        estimate(page, "individual", typed, "36", 12)
        assert page.locator("#uoc-tinh-result .estimator-output").get_attribute("data-amount") == "50000000", typed
    estimate(page, "establishment", "1,5 tỷ", "3 năm", 12, workers="15")
    output = page.locator("#uoc-tinh-result .estimator-output")
    assert (output.get_attribute("data-amount"), output.get_attribute("data-term")) == ("1500000000", "36")


@pytest.mark.parametrize(
    "field, typed, says",
    [
        ("amount", "1.5", "Không rõ “1.5” là bao nhiêu: dấu chấm chỉ dùng để tách hàng nghìn, như 50.000.000."),
        ("amount", "2.4", "dấu chấm chỉ dùng để tách hàng nghìn"),
        ("amount", "50,000", "dấu phẩy chỉ dùng cho phần lẻ, đi với chữ triệu hoặc tỷ, như 1,5 triệu"),
        ("amount", "1tr5", "Không rõ “1tr5” là bao nhiêu. Hãy nhập lại, ví dụ 50 triệu hoặc 50.000.000."),
        ("amount", "9" * 400, "Số này quá lớn."),
        ("amount", "một trăm triệu", "Hãy nhập bằng chữ số, ví dụ 50 triệu hoặc 50.000.000."),
        ("amount", "", "Hãy nhập một số, ví dụ 50 triệu hoặc 50.000.000."),
        ("term", "1.5", "dấu chấm chỉ dùng để tách hàng nghìn"),
        ("term", "2,5", "Hãy nhập số nguyên, không có phần lẻ, ví dụ 36."),
        ("term", "9" * 400, "Số này quá lớn."),
    ],
)
def test_estimator_refuses_what_could_be_read_two_ways(shared_page, field, typed, says):
    page = shared_page
    set_today(page, D(2025, 12, 1))
    page.goto(page.base_url + "cong-cu/uoc-tinh/")
    values = {"amount": "50 triệu", "term": "36", field: typed}
    estimate(page, "individual", values["amount"], values["term"], 12)
    error = page.locator("#uoc-tinh-result .tool-error")
    assert says in error.inner_text()
    assert page.locator("#uoc-tinh-result .estimator-output").count() == 0, "nothing is worked out from it"
    assert page.locator(f"#uoc-tinh-{field}").get_attribute("aria-invalid") == "true"
    assert page.evaluate("document.activeElement.id") == f"uoc-tinh-{field}"


def test_one_reader_for_every_number(shared_page):
    """tests/scenarios/numbers.yaml through the page's reader (docs/assets/core.js), which both the
    estimator and the check use."""
    page = shared_page
    page.goto(page.base_url + "cong-cu/uoc-tinh/")
    cases = NUMBERS + [{"typed": "9" * 400, "kind": "money", "refused": "too_big"}]
    got = page.evaluate(
        "(cases) => cases.map(c => { const r = window.qd22.readNumber(c.typed, c.kind); return [r.value, r.reason, !!r.error]; })",
        cases,
    )
    wrong = [
        (case, found)
        for case, found in zip(cases, got)
        if found != ([case["value"], None, False] if "value" in case else [None, case["refused"], True])
    ]
    assert wrong == []
    assert {c["refused"] for c in cases if "refused" in c} == {
        "dot",
        "comma",
        "order",
        "fraction",
        "letters",
        "empty",
        "too_big",
    }


def test_the_estimate_fits_a_phone_screen(browser, served_site):
    """A business loan over ten years at 360 px: the answer first, then the months as cards, no
    table or page wider than the screen; on a wide screen the table's cells are padded."""
    for width, cards in ((360, True), (1024, False)):
        context = browser.new_context(viewport={"width": width, "height": 740}, locale="vi-VN")
        try:
            tab = context.new_page()
            set_today(tab, D(2026, 6, 1))
            tab.goto(served_site + "cong-cu/uoc-tinh/")
            estimate(tab, "establishment", "2 tỷ", "120", 1, workers="20")
            result = tab.locator("#uoc-tinh-result")
            headline = result.locator(".estimator-headline")
            assert headline.inner_text().startswith("Mỗi tháng trả khoảng ")
            assert_headline_fits_the_months(result)
            months = result.locator("details.estimator-months")
            assert headline.bounding_box()["y"] < months.bounding_box()["y"], "the answer comes before the schedule"
            months.locator("summary").click()
            assert result.locator("tbody tr").first.is_visible()
            layout = tab.evaluate("""() => {
              const cells = [...document.querySelectorAll("#uoc-tinh-result td, .estimator-example td")];
              return {
                page: document.documentElement.scrollWidth,
                tables: Math.max(...[...document.querySelectorAll("article table")].map(t => t.getBoundingClientRect().right)),
                rowDisplay: getComputedStyle(document.querySelector("#uoc-tinh-result tbody tr")).display,
                labels: cells.every(td => td.dataset.label),
                padding: Math.min(...cells.map(td => parseFloat(getComputedStyle(td).paddingLeft) + parseFloat(getComputedStyle(td).paddingRight))),
                label: getComputedStyle(document.querySelector("#uoc-tinh-result td:nth-child(3)"), "::before").content,
              };
            }""")
            assert layout["page"] <= width and layout["tables"] <= width, layout
            assert layout["labels"]
            if cards:
                assert layout["rowDisplay"] == "block" and layout["label"] == '"Tiền lãi"', layout
                card = result.locator("tbody tr").nth(11).inner_text()
                assert card.startswith("12") and "Tổng phải trả" not in card, "the column names are drawn, not text"
            else:
                assert layout["rowDisplay"] == "table-row" and layout["padding"] >= 16, layout
        finally:
            context.close()


def test_estimator_works_out_the_maximum_when_asked_for_more(shared_page):
    """Above the maximum, the estimate is for the maximum, and says so first; a term above the
    maximum is refused."""
    page = shared_page
    set_today(page, D(2025, 12, 1))
    page.goto(page.base_url + "cong-cu/uoc-tinh/")
    page.fill("#uoc-tinh-amount", "150000000")
    page.fill("#uoc-tinh-term", "12")
    page.click("#uoc-tinh button[type=submit]")
    assert page.locator("#uoc-tinh-result .estimator-cap").inner_text() == (
        "Mức vay tối đa là 100 triệu đồng. Kết quả dưới đây tính với 100 triệu đồng, không phải 150 triệu đồng."
    )
    assert page.locator("#uoc-tinh-result .estimator-output").get_attribute("data-amount") == "100000000"
    estimate(page, "individual", "100 triệu", "12", 12)
    assert page.locator("#uoc-tinh-result .estimator-cap").count() == 0, "nothing to explain at the maximum"
    page.fill("#uoc-tinh-term", "121")
    page.click("#uoc-tinh button[type=submit]")
    assert page.locator("#uoc-tinh-result .tool-error").inner_text() == "Thời hạn vượt mức tối đa 120 tháng."


@pytest.fixture
def touch_phone(browser, served_site):
    """The 360×740 phone with a touch screen: taps are touch events."""
    context = browser.new_context(viewport=PHONE, locale="vi-VN", has_touch=True, is_mobile=True)
    tab = context.new_page()
    tab.base_url = served_site
    try:
        yield tab
    finally:
        context.close()


def test_an_establishment_borrows_what_its_workers_allow(touch_phone, data):
    """A workshop owner at 360×740: taps "Cơ sở", types 2 workers and "1,5 tỷ", and reads that two
    qualifying workers allow 200 triệu, that the estimate is for that, and that it needs security,
    the word glossed and linked, the articles one tap away."""
    page = touch_phone
    set_today(page, D(2026, 12, 1))
    page.goto(page.base_url + "cong-cu/uoc-tinh/")
    workers = page.get_by_label("Số người lao động là người chấp hành xong án phạt tù")
    assert workers.is_hidden(), "an individual is not asked"
    page.get_by_label("Người vay").select_option("establishment")
    assert workers.is_visible()
    hint = page.locator("#uoc-tinh-amount-hint")
    assert hint.inner_text().startswith(
        "Tối đa 2 tỷ đồng cho một dự án, và 100 triệu đồng cho mỗi người lao động đáp ứng điều kiện."
    )
    workers.tap()
    page.keyboard.type("2")
    assert hint.inner_text().startswith("Với 2 người: tối đa 200 triệu đồng."), "the maximum before the amount"
    page.get_by_label("Số tiền vay (đồng)").tap()
    page.keyboard.type("1,5 tỷ")
    page.get_by_label("Thời hạn vay (số tháng)").fill("60")
    page.get_by_label("Trả tiền gốc").select_option("3")
    page.get_by_role("button", name="Tính").tap()
    result = page.locator("#uoc-tinh-result")
    assert result.locator(".estimator-cap").inner_text() == (
        "Với 2 người lao động đáp ứng điều kiện, cơ sở vay được tối đa 200 triệu đồng (100 triệu đồng cho mỗi người). "
        "Kết quả dưới đây tính với 200 triệu đồng, không phải 1,5 tỷ đồng."
    )
    cap_box, headline_box = (result.locator(f".estimator-{p}").bounding_box() for p in ("cap", "headline"))
    assert cap_box["y"] < headline_box["y"], "why the amount changed, before the amount"
    plan = schedule(200_000_000, 60, data.value_in_force("poor-household-lending-rate", D(2026, 12, 1)), 3)
    assert result.locator(".estimator-headline").inner_text() == (
        f"Mỗi 3 tháng (kỳ trả gốc) trả khoảng {group(plan.headline.due)} đồng; "
        f"các tháng khác trả lãi khoảng {group(plan.headline.interest_only)} đồng."
    )
    security = result.locator(".estimator-security")
    assert security.inner_text() == (
        "Khoản vay này cần có bảo đảm tiền vay (thế chấp tài sản hoặc cách khác để bảo đảm sẽ trả nợ). "
        "Cơ sở vay trên 100 triệu đồng phải bảo đảm tiền vay theo quy định của pháp luật và của Ngân hàng Chính sách xã hội. "
        "Vay từ 100 triệu đồng trở xuống thì không phải bảo đảm tiền vay."
    )
    assert (
        security.get_by_role("link", name="bảo đảm tiền vay").get_attribute("href")
        == "../../thuat-ngu/#bao-dam-tien-vay"
    )
    basis = result.locator("details.basis")
    cites = basis.locator("a[href*='van-ban-phap-ly/#qd-22-2023']")
    assert cites.first.is_hidden(), "the articles are one tap away"
    basis.get_by_text("Căn cứ", exact=True).tap()
    assert [cites.nth(i).inner_text() for i in range(cites.count())] == [
        "điểm b khoản 2 Điều 6 Quyết định 22/2023/QĐ-TTg",
        "khoản 2 Điều 10 Quyết định 22/2023/QĐ-TTg",
        "khoản 2 Điều 8 Quyết định 22/2023/QĐ-TTg",
    ]
    assert cites.first.is_visible()
    # with enough workers the project's maximum applies; at or under the threshold, no security
    estimate(page, "establishment", "1,5 tỷ", "60", 3, workers="25")
    assert result.locator(".estimator-cap").inner_text() == (
        "Với 25 người lao động đáp ứng điều kiện, cơ sở vay được tối đa 2 tỷ đồng, mức tối đa cho một dự án."
    )
    estimate(page, "establishment", "100 triệu", "60", 3, workers="1")
    assert (
        result.locator(".estimator-security")
        .inner_text()
        .startswith(
            "Khoản vay này không cần bảo đảm tiền vay (thế chấp tài sản hoặc cách khác để bảo đảm sẽ trả nợ). Cơ sở vay trên 100 triệu đồng"
        )
    )
    estimate(page, "individual", "100 triệu", "60", 3)
    assert result.locator(".estimator-security").inner_text() == (
        "Khoản vay này không cần bảo đảm tiền vay (thế chấp tài sản hoặc cách khác để bảo đảm sẽ trả nợ)."
    ), "individuals: data gives no threshold, only that no security is needed"
    basis.get_by_text("Căn cứ", exact=True).tap()
    assert "Bảo đảm tiền vay: khoản 1 Điều 10" in basis.inner_text()


def test_the_estimates_have_no_wcag_aa_violations(page, axe_source):
    """axe on what the estimator shows: the establishment's form, a capped estimate needing
    security with its basis and months open, an individual's, and an error."""
    from .conftest import axe_violations

    set_today(page, D(2026, 12, 1))
    page.goto(page.base_url + "cong-cu/uoc-tinh/")
    estimate(page, "establishment", "1,5 tỷ", "60", 3, workers="2")
    page.locator("#uoc-tinh-result details.basis summary").click()
    page.locator("#uoc-tinh-result details.estimator-months summary").click()
    assert axe_violations(page, axe_source) == []
    estimate(page, "individual", "50 triệu", "36", 12)
    assert axe_violations(page, axe_source) == []
    estimate(page, "establishment", "1 tỷ", "36", 12, workers="0")
    assert page.locator("#uoc-tinh-result .tool-error").is_visible()
    assert axe_violations(page, axe_source) == []


@pytest.mark.parametrize(
    "typed, says",
    [
        ("", "Hãy nhập một số, ví dụ 12."),
        ("1.5", "dấu chấm chỉ dùng để tách hàng nghìn"),
        ("hai", "Hãy nhập bằng chữ số, ví dụ 12."),
        ("100001", "Số này quá lớn (hơn 100.000 người). Hãy xem lại."),
        (
            "0",
            "Cơ sở cần có người lao động là người chấp hành xong án phạt tù, đáp ứng điều kiện: mức vay tối đa là 100 triệu đồng cho mỗi người như vậy.",
        ),
    ],
)
def test_estimator_refuses_worker_counts_it_cannot_use(shared_page, typed, says):
    page = shared_page
    set_today(page, D(2026, 12, 1))
    page.goto(page.base_url + "cong-cu/uoc-tinh/")
    estimate(page, "establishment", "1 tỷ", "36", 12, workers=typed)
    assert says in page.locator("#uoc-tinh-result .tool-error").inner_text()
    assert page.locator("#uoc-tinh-result .estimator-output").count() == 0
    assert page.locator("#uoc-tinh-workers").get_attribute("aria-invalid") == "true"
    assert page.evaluate("document.activeElement.id") == "uoc-tinh-workers"


def test_estimator_and_check_share_one_maximum(shared_page, site):
    """The estimator's page carries the check's amount rules and their facts, record for record, and
    both call muc-vay.js maxAmount and needsSecurity on them (run under Node by the tests of the check)."""
    page = shared_page
    page.goto(page.base_url + "cong-cu/uoc-tinh/")
    payload = page.evaluate("JSON.parse(document.getElementById('uoc-tinh-data').textContent)")
    check = json.loads(site.page("cong-cu/kiem-tra").select_one("script#kiem-tra-rules").string)
    amounts = {a["id"]: a for a in check["amounts"]}
    for limit in payload["limits"]:
        rule = limit["amount"]
        assert rule == amounts[rule["id"]]
        for fact_id in (rule.get(key) for key in ("fact", "per_worker_fact", "security_above_fact")):
            if fact_id:
                assert payload["facts"][fact_id] == check["facts"][fact_id], fact_id
    assert page.evaluate("() => typeof qd22.maxAmount") == "function"


def test_the_estimator_inputs_come_in_the_first_phone_screen(page):
    """Every control and "Tính" within 740 px on load; no citation in sight, the page's legal basis
    in a "Căn cứ" block one tap away."""
    page.goto(page.base_url + "cong-cu/uoc-tinh/")
    bottoms = page.evaluate("""() => [...document.querySelectorAll("#uoc-tinh select, #uoc-tinh input, #uoc-tinh button")]
      .filter(e => e.getClientRects().length).map(e => [e.id || e.textContent, e.getBoundingClientRect().bottom])""")
    assert len(bottoms) == 5 and all(bottom <= 740 for _, bottom in bottoms), bottoms
    first_screen = page.evaluate("""() => [...document.querySelectorAll("article a[href*='van-ban-phap-ly/']")]
      .filter(a => a.getClientRects().length && a.getBoundingClientRect().top < 740).length""")
    assert first_screen == 0
    text = page.locator("article").inner_text()
    assert "bảo đảm đơn giản, rõ ràng" not in text, "the legal sentence is not on the page's face"
    note = page.locator("article .admonition").first
    basis = page.locator("article details.basis").first
    assert note.bounding_box()["y"] < basis.bounding_box()["y"]
    basis.get_by_text("Căn cứ", exact=True).click()
    assert "khoản 1 Điều 13" in basis.inner_text()


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
        # through the DOM, not a <style> element: the page's Content-Security-Policy refuses those
        page.evaluate(
            "n => document.querySelectorAll(`.leaflet-page:nth-of-type(${n})`)"
            ".forEach(e => e.style.setProperty('display', 'none', 'important'))",
            3 - keep,
        )
        assert pdf_pages(page.pdf(format="A4")) == 1, f"side {keep} must fit on its own page"


def test_pdf_page_counter_counts():
    """The counter itself: a page tree is not a page."""
    assert pdf_pages(b"<< /Type /Pages /Kids [3 0 R] >> << /Type /Page /Parent 2 0 R >> << /Type /Page >>") == 2


def test_print_hides_navigation_and_search(shared_page):
    page = shared_page
    chrome = ".md-header, .md-sidebar, .qd-search, .md-tabs, .md-footer, nav, .tool-print"
    shown = f"""() => [...document.querySelectorAll("{chrome}")]
        .filter(el => el.getClientRects().length && getComputedStyle(el).visibility !== "hidden")
        .map(el => el.className || el.tagName)"""
    for path in ("cong-cu/giay-to-vay-kinh-doanh/", "cong-cu/to-roi/", "cong-cu/kiem-tra/"):
        page.emulate_media(media="screen")
        page.goto(page.base_url + path)
        assert page.evaluate(shown), "on screen the navigation is there"
        assert page.locator(".qd-search").count()
        page.emulate_media(media="print")
        try:
            assert page.evaluate(shown) == [], path
            assert page.locator("article h2").first.is_visible()
        finally:
            page.emulate_media(media="screen")


# The office finder's browser tests are in tests/test_finder.py.


@pytest.mark.parametrize(
    "zone", ["America/Los_Angeles", "America/New_York", "Europe/London", "UTC", "Asia/Ho_Chi_Minh"]
)
def test_every_tool_counts_today_in_vietnam(browser, served_site, zone):
    """At 17:30 UTC on 5 December 2026 it is already 00:30 on 6 December in Viet Nam (and still the
    5th on a phone set to Los Angeles, New York, London or UTC): the estimator, the officials'
    calendar and the check all count 06/12/2026. The calendar's next Form 01 list is then 05/01/2027,
    and a sentence completed on 05/12/2021 is more than five years ago (on the 5th it was not)."""
    context = browser.new_context(viewport={"width": 360, "height": 740}, locale="vi-VN", timezone_id=zone)
    tab = context.new_page()
    try:
        tab.clock.set_fixed_time(datetime.datetime.fromisoformat("2026-12-05T17:30:00+00:00"))
        tab.goto(served_site + "cong-cu/uoc-tinh/")
        assert "06/12/2026" in tab.locator("#uoc-tinh-rate").inner_text()
        tab.goto(served_site + "can-bo/lich/", wait_until="networkidle")
        assert "06/12/2026" in tab.locator("[data-asof]").inner_text()
        assert tab.locator("#viec-form-01-list td[data-next]").inner_text() == "05/01/2027"
        tab.goto(served_site + CHECK)
        questions = {q.id: q for q in load_dataset(REPO, "thanh-hoa").eligibility.questions}
        run_in_page(tab, questions, {**PERSON, "release_date": D(2021, 12, 5)})
        result = tab.locator("#kiem-tra .tool-result")
        assert "Kết quả tính theo ngày 06/12/2026" in result.inner_text()
        assert result.get_attribute("data-outcome") == "not_eligible"
        tab.goto(served_site + CHECK)
        run_in_page(tab, questions, {**PERSON, "release_date": D(2021, 12, 6)})
        assert tab.locator("#kiem-tra .tool-result").get_attribute("data-outcome") == "eligible"
    finally:
        context.close()
