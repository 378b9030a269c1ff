"""Issue 19: every tool, on every site. In Chromium at 360x740, on the Thanh Hóa site and on the
national site (each built once per session), a person taps and types through:

- the check, along every path to a result: an individual borrowing for a business or for training,
  one not yet on the commune's list, one declined, one who does not know an answer, and an
  establishment (eligible and declined); each result says whom to see, and the browser's Back
  button leaves the check in at most two presses, whatever the number of questions;
- the estimator (an individual and an establishment), the checklists and the leaflet (their print
  button), the finder and the officials' calendar: each reaches its result.

No page throws a script error, asks another host, or is wider than the screen on the way.
"""

from __future__ import annotations

import datetime
import re

import pytest

from .conftest import PHONE
from .node_rules import evaluate, node_fixture  # noqa: F401 (the fixture `node`)
from .test_phone_layout import WIDER_THAN_THE_SCREEN

CHECK = "cong-cu/kiem-tra/"
TODAY = datetime.date(2026, 11, 28)


@pytest.fixture
def phone(browser, site_url):
    """A fresh 360x740 phone on the site, with today fixed; records script errors and other hosts."""
    province, served = site_url
    context = browser.new_context(viewport=PHONE, locale="vi-VN")
    tab = context.new_page()
    tab.clock.set_fixed_time(datetime.datetime(TODAY.year, TODAY.month, TODAY.day, 12, 0))
    tab.errors, tab.foreign = [], []
    tab.on("pageerror", lambda error: tab.errors.append(str(error)))
    own = served.rstrip("/")
    tab.on("request", lambda r: None if r.url.startswith((own, "data:", "blob:")) else tab.foreign.append(r.url))
    tab.base_url, tab.province = served, province
    try:
        yield tab
    finally:
        context.close()
    assert tab.errors == [], "no script error on the way"
    assert tab.foreign == [], "this site only"


def assert_fits(tab, where: str) -> None:
    wide = tab.evaluate(WIDER_THAN_THE_SCREEN)
    assert wide == [], (where, wide[:5])


# --- the check, every path -------------------------------------------------------------------

INDIVIDUAL = {
    "applicant": "Tôi đã chấp hành xong án phạt tù",
    "purpose": "Để sản xuất, kinh doanh",
    "certificate": "Giấy chứng nhận chấp hành xong án phạt tù",
    "release-date": "5/3/2024",
    "commune-list": "Có, tôi đã có tên",
    "debt-individual": "Không, tôi không còn nợ",
}
ESTABLISHMENT = {
    "applicant": "Một cơ sở sản xuất, kinh doanh",
    "establishment-type": "Hộ kinh doanh",
    "legally-operating": "Có",
    "total-workers": "12",
    "qualifying-workers": "2",
    "plan-confirmed": "Đã được xác nhận",
    "debt-establishment": "Không",
}
ANSWERS = {
    "individual": {
        "applicant": "individual",
        "purpose": "business",
        "needs_loan": True,
        "certificate": "completion",
        "release_date": datetime.date(2024, 3, 5),
        "on_commune_list": True,
        "same_purpose_debt": False,
    },
    "establishment": {
        "applicant": "establishment",
        "establishment_type": "household_business",
        "legally_operating": True,
        "total_workers": 12,
        "qualifying_workers": 2,
        "plan_confirmed": True,
        "same_purpose_debt": False,
    },
}

# (path, what the person taps or types on each question, the same as the engine's answers, outcome)
PATHS = [
    ("an individual borrowing for a business", INDIVIDUAL, ANSWERS["individual"], "eligible"),
    (
        "an individual borrowing for training",
        INDIVIDUAL | {"purpose": "Để học nghề"},
        ANSWERS["individual"] | {"purpose": "training"},
        "eligible",
    ),
    (
        "an individual not yet on the list",
        INDIVIDUAL | {"commune-list": "Chưa, hoặc tôi chưa biết"},
        ANSWERS["individual"] | {"on_commune_list": None},
        "eligible_pending_list",
    ),
    (
        "an individual released too long ago (declined)",
        INDIVIDUAL | {"release-date": "5/3/2015"},
        ANSWERS["individual"] | {"release_date": datetime.date(2015, 3, 5)},
        "not_eligible",
    ),
    (
        "an individual who is not sure of the certificate",
        INDIVIDUAL | {"certificate": "Tôi không chắc"},
        ANSWERS["individual"] | {"certificate": None},
        "check_with_office",
    ),
    ("an establishment", ESTABLISHMENT, ANSWERS["establishment"], "eligible"),
    (
        "an establishment whose plan is not yet confirmed",
        ESTABLISHMENT | {"total-workers": "30", "qualifying-workers": "3", "plan-confirmed": "Chưa, hoặc đang làm"},
        ANSWERS["establishment"] | {"total_workers": 30, "qualifying_workers": 3, "plan_confirmed": None},
        "eligible_pending_plan",
    ),
    (
        "an establishment not operating legally (declined)",
        ESTABLISHMENT | {"legally-operating": "Không"},
        ANSWERS["establishment"] | {"legally_operating": False},
        "not_eligible",
    ),
]


def tap_through(tab, plan: dict[str, str]) -> list[str]:
    """Answer each question the check shows as a person does (tap a choice, or type, then
    "Tiếp tục"), until a result shows; the questions asked, in order."""
    asked = []
    for _ in range(15):
        if tab.locator("#kiem-tra .tool-result").count():
            return asked
        form = tab.locator("#kiem-tra form.tool-question")
        question = form.get_attribute("data-question")
        asked.append(question)
        answer = plan[question]
        if form.locator(".tool-option").count():
            form.locator(".tool-option label", has_text=re.compile("^" + re.escape(answer))).click()
        elif form.locator("[name=day]").count():
            day, month, year = answer.split("/")
            for label, value in (("Ngày", day), ("Tháng", month), ("Năm", year)):
                form.get_by_label(label, exact=True).fill(value)
        else:
            form.get_by_label("Số người").fill(answer)
        tab.get_by_role("button", name="Tiếp tục").click()
    raise AssertionError(f"no result after {asked}")


@pytest.mark.parametrize("path, plan, answers, outcome", PATHS, ids=[p[0] for p in PATHS])
def test_the_check_reaches_a_result_on_every_path(phone, node, path, plan, answers, outcome):
    """Every path ends in a result that agrees with the engine (under Node, with the rules of the
    page), says whom to see, and fits the screen."""
    phone.goto(phone.base_url + CHECK)
    rules = phone.evaluate("JSON.parse(document.getElementById('kiem-tra-rules').textContent)")
    tap_through(phone, plan)
    result = phone.locator("#kiem-tra .tool-result")
    expected = evaluate(node, rules, answers, TODAY)
    assert result.get_attribute("data-outcome") == expected.outcome == outcome, path
    assert result.get_attribute("data-max-amount") == (
        "" if expected.max_amount_vnd is None else str(expected.max_amount_vnd)
    )
    assert result.locator("h2").is_visible()
    if outcome != "not_eligible":
        assert result.locator(".tool-ask").first.inner_text().startswith("Hỏi: "), "whom to see"
    assert_fits(phone, path)


def test_an_individual_is_told_whom_to_see_and_finds_the_commune(phone):
    """On the result, an individual reads whom to see; on a province's site they may pick their
    commune; on the national site (no list of 3,321 units in the page) they pick their province
    and go to the finder for it."""
    phone.goto(phone.base_url + CHECK)
    tap_through(phone, INDIVIDUAL | {"commune-list": "Chưa, hoặc tôi chưa biết"})
    result = phone.locator("#kiem-tra .tool-result")
    first_step = result.locator("ol.tool-steps > li").first
    assert "Hỏi: Công an xã, phường nơi bạn cư trú." in first_step.inner_text()
    if phone.province == "thanh-hoa":
        result.get_by_label("Bạn cư trú ở xã, phường nào?").select_option(label="Phường Hàm Rồng")
        assert "Hỏi: Công an phường Hàm Rồng." in first_step.inner_text()
        return
    where = result.locator(".tool-commune")
    assert where.inner_text().startswith(
        "Nơi cần đến là Công an xã, phường và Ủy ban nhân dân xã, phường nơi bạn cư trú"
    )
    assert result.locator("#kiem-tra-xa").count() == 0, "no list of the country's units in the page"
    where.get_by_label("Bạn cư trú ở tỉnh, thành phố nào?").select_option(label="Tỉnh Thanh Hóa")
    assert "Hỏi: Công an xã, phường nơi bạn cư trú (tỉnh Thanh Hóa)." in first_step.inner_text()
    where.get_by_role("link", name="Tìm xã, phường của bạn ở tỉnh Thanh Hóa").click()
    phone.wait_for_url("**/cong-cu/tim-co-quan/?tinh=thanh-hoa")
    box = phone.get_by_label("Tên xã, phường, thị trấn nơi bạn ở", exact=False)
    box.press_sequentially("nga thanh")
    phone.wait_for_function("() => document.querySelectorAll('#ket-qua summary').length > 0")
    first = " ".join(phone.locator("#ket-qua summary").first.inner_text().split())
    assert first == "Xã Nga Thanh (huyện Nga Sơn cũ) nay thuộc xã Nga Sơn, tỉnh Thanh Hóa."
    assert phone.url.endswith("?tinh=thanh-hoa"), "what was typed stays out of the address"


@pytest.mark.parametrize("path, plan", [(p[0], p[1]) for p in PATHS], ids=[p[0] for p in PATHS])
def test_back_leaves_the_check_in_two_presses(phone, path, plan):
    """From the home page to the check, six or seven answers, any result: the browser's Back
    button returns to the home page in at most two presses, not one per question."""
    phone.goto(phone.base_url)
    phone.get_by_role("link", name="Tôi có được vay không?").first.click()
    phone.wait_for_url("**/" + CHECK)
    asked = tap_through(phone, plan)
    assert len(asked) >= 3, "each question a step, none a history entry"
    presses = 0
    while phone.url != phone.base_url and presses < len(asked) + 1:
        phone.go_back()
        presses += 1
    assert phone.url == phone.base_url and presses <= 2, f"{presses} presses of Back to leave the check"
    phone.go_forward()
    phone.wait_for_url("**/" + CHECK)


def test_a_workshop_whose_plan_is_not_yet_confirmed_hears_yes_and_what_to_do(phone):
    """Issue 22: a workshop whose only open condition is the commune committee's confirmation of its
    plan hears a graded yes with the next step (take Form 02 to the commune committee), its maximum
    and exactly when security is needed, and reaches the business papers from its result; Back
    from there returns to the result's page and then to where the person came from."""
    phone.goto(phone.base_url)
    phone.get_by_role("link", name="Tôi có được vay không?").first.click()
    phone.wait_for_url("**/" + CHECK)
    tap_through(phone, PATHS[6][1])
    result = phone.locator("#kiem-tra .tool-result")
    assert result.get_attribute("data-outcome") == "eligible_pending_plan"
    assert result.locator("h2").inner_text() == (
        "Cơ sở có thể được vay, khi phương án vay vốn (Mẫu số 02) đã được xác nhận"
    )
    assert result.locator("h3").first.inner_text() == "Bước tiếp theo", "what to do comes first"
    first_step = result.locator("ol.tool-steps > li").first.inner_text()
    assert first_step.startswith("Mang phương án vay vốn theo Mẫu số 02 đến Ủy ban nhân dân xã, phường")
    assert "Hỏi: Ủy ban nhân dân xã, phường nơi cơ sở thực hiện phương án vay vốn" in first_step
    assert result.locator("[data-field=amount]").inner_text() == "300 triệu đồng (300.000.000 đồng)"
    assert result.locator("[data-field=collateral]").inner_text() == (
        "Cần, nếu vay trên 100 triệu đồng. Vay từ 100 triệu đồng trở xuống thì không cần."
    )
    security = result.locator("li[data-reason=security]").inner_text()
    assert "khoản 2 Điều 10 Quyết định 22/2023/QĐ-TTg" in security
    assert "Điều cần hỏi thêm" not in result.inner_text(), "no doubt: a step to take"
    assert_fits(phone, "the workshop's result")
    result.get_by_role("link", name="Xem giấy tờ cần chuẩn bị").click()
    phone.wait_for_url("**/cong-cu/giay-to-co-so/")
    assert phone.locator("h1").inner_text().startswith("Giấy tờ cần chuẩn bị: cơ sở")
    phone.go_back()
    phone.wait_for_url("**/" + CHECK)
    phone.go_back()
    assert phone.url == phone.base_url, "two presses of Back from the papers lead home"


YESES = [p for p in PATHS if p[3] != "not_eligible"]


@pytest.mark.parametrize("path, plan", [(p[0], p[1]) for p in YESES], ids=[p[0] for p in YESES])
def test_every_yes_links_to_its_papers(phone, path, plan):
    """Issue 22: each result that is not a "no" links to the printable papers for its loan."""
    phone.goto(phone.base_url + CHECK)
    tap_through(phone, plan)
    link = phone.locator("#kiem-tra .tool-result .tool-papers a")
    expected = (
        "giay-to-co-so"
        if "establishment" in path
        else "giay-to-hoc-nghe"
        if "training" in path
        else "giay-to-vay-kinh-doanh"
    )
    assert link.count() == 1 and link.get_attribute("href").rstrip("/").endswith(expected), path


# --- the other tools ---------------------------------------------------------------------------


@pytest.mark.parametrize(
    "borrower, amount, workers, headline",
    [("individual", "50 triệu", None, "Mỗi 12 tháng"), ("establishment", "1,5 tỷ", "2", "Mỗi 12 tháng")],
)
def test_the_estimator_answers(phone, borrower, amount, workers, headline):
    phone.goto(phone.base_url + "cong-cu/uoc-tinh/")
    phone.get_by_label("Người vay").select_option(borrower)
    if workers:
        phone.get_by_label("Số người lao động là người chấp hành xong án phạt tù").fill(workers)
    phone.get_by_label("Số tiền vay (đồng)").fill(amount)
    phone.get_by_label("Thời hạn vay (số tháng)").fill("36")
    phone.get_by_label("Trả tiền gốc").select_option("12")
    phone.get_by_role("button", name="Tính").click()
    assert phone.locator("#uoc-tinh-result .estimator-headline").inner_text().startswith(headline)
    phone.locator("#uoc-tinh-result details.estimator-months summary").click()
    assert phone.locator("#uoc-tinh-result tbody tr").count() == 36
    assert_fits(phone, "the estimate and its months")


CONDITIONS = ("Vay trong vòng", "Không còn nợ", "Số người đó đạt", "Biết rõ", "Người đại diện hộ gia đình", "Cơ sở là")


@pytest.mark.parametrize("path", ["giay-to-vay-kinh-doanh", "giay-to-hoc-nghe", "giay-to-co-so"])
def test_each_checklist_lists_papers_only_and_ends_with_where_to_go(phone, path):
    """Issue 22: a checklist lists papers and forms, each with its source (or "chưa có nguồn"), the
    identity card included and said to be unsourced; conditions are the check's, which it links; it
    never ends in a dead end: its last block says whom to ask and opens the finder."""
    phone.goto(phone.base_url + f"cong-cu/{path}/")
    items = phone.locator("ul.checklist-items > li")
    texts = items.all_inner_texts()
    assert not [t for t in texts if t.startswith(CONDITIONS)], "conditions are the check's, not papers"
    assert "Danh sách dừng ở đây" not in phone.locator("article").inner_text()
    for box in phone.locator("ul.checklist-items input[type=checkbox]").all():
        basis = phone.locator(f"details.basis li[data-item='{box.get_attribute('id')}']")
        assert basis.count() == 1 and basis.text_content().split(": ", 1)[1], "each paper has its source"
    card = items.filter(has_text="Thẻ căn cước")
    assert card.count() == 1 and "chưa xác minh" in card.inner_text()
    card_id = card.locator("input").get_attribute("id")
    assert "chưa có nguồn" in phone.locator(f"details.basis li[data-item='{card_id}']").text_content()
    check = phone.locator(".checklist-check a")
    assert check.get_attribute("href").rstrip("/").endswith("kiem-tra")
    end = phone.locator(".checklist-unverified")
    assert "hãy hỏi" in end.inner_text() and "chưa xác minh" in end.inner_text()
    end.get_by_role("link", name="Tìm nơi này theo xã, phường").click()
    phone.wait_for_url("**/cong-cu/tim-co-quan/")


@pytest.mark.parametrize("path", ["giay-to-vay-kinh-doanh", "giay-to-hoc-nghe", "giay-to-co-so", "to-roi"])
def test_each_checklist_lists_its_papers_and_prints(phone, path):
    phone.goto(phone.base_url + f"cong-cu/{path}/")
    phone.evaluate("() => { window.printed = 0; window.print = () => { window.printed += 1; }; }")
    assert phone.locator("article li").count() >= 5
    button = phone.locator("[data-print]")
    assert button.is_visible()
    button.click()
    assert phone.evaluate("window.printed") == 1
    assert_fits(phone, path)


def test_the_finder_answers_an_old_name(phone):
    phone.goto(phone.base_url + "cong-cu/tim-co-quan/")
    phone.get_by_label("Tên xã, phường, thị trấn nơi bạn ở", exact=False).press_sequentially("nga thanh, thanh hoa")
    phone.wait_for_function("() => document.querySelectorAll('#ket-qua summary').length > 0")
    first = " ".join(phone.locator("#ket-qua summary").first.inner_text().split())
    assert first.startswith("Xã Nga Thanh (huyện Nga Sơn cũ) nay thuộc xã Nga Sơn")
    assert "Công an xã Nga Sơn" in phone.locator("#ket-qua .finder-card").first.inner_text()
    assert_fits(phone, "the finder's answer")


def test_the_officials_calendar_gives_the_next_dates(phone):
    phone.goto(phone.base_url + "can-bo/lich/", wait_until="networkidle")
    assert "28/11/2026" in phone.locator("[data-asof]").inner_text()
    assert phone.locator("#viec-form-01-list td[data-next]").inner_text() == "05/12/2026"
    assert_fits(phone, "the calendar")


def test_the_result_with_whom_to_see_is_accessible_and_easy_to_tap(phone, axe_source):
    """The individual's result, with the commune picker (a province's site) or the province chooser
    (the national site): no WCAG 2.1 AA violation, every control at least 44 px."""
    from .conftest import axe_violations
    from .test_touch_targets import small_targets

    phone.goto(phone.base_url + CHECK)
    tap_through(phone, INDIVIDUAL | {"commune-list": "Chưa, hoặc tôi chưa biết"})
    chooser = "#kiem-tra-xa" if phone.province == "thanh-hoa" else "#kiem-tra-tinh"
    assert phone.locator(chooser).is_visible()
    assert small_targets(phone) == []
    assert axe_violations(phone, axe_source) == []
