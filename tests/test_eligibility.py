"""The eligibility check's engine (docs/assets/kiem-tra.js evaluate, the one the page runs), under
Node, on the boundaries of Decision 22, Art. 3, 6 and 10: tests/scenarios/eligibility.yaml and the
cases below."""

from __future__ import annotations

import datetime
import re

import pytest

from macros.data.dataset import load_dataset
from macros.render import tools
from macros.rules import eligibility

from .conftest import REPO, copy_repo
from .eligibility_scenarios import FIRM, PERSON, SCENARIOS
from .node_rules import FINDER, LIBRARY, ScriptError, evaluate, node_fixture  # noqa: F401 (the fixture `node`)

D = datetime.date
AS_OF = D(2026, 11, 28)


@pytest.fixture(scope="module")
def rules(data):
    """The rules as the check's page embeds them."""
    return tools.browser_rules(data, library=LIBRARY, finder=FINDER)


@pytest.fixture
def run(node, rules):
    def judged(base, as_of=AS_OF, **changes):
        return evaluate(node, rules, {**base, **changes}, as_of)

    return judged


def summary(result):
    return result.outcome, result.max_amount_vnd, result.collateral_required


@pytest.mark.parametrize("scenario", SCENARIOS, ids=lambda s: s.name)
def test_scenario(node, rules, scenario):
    """Each scenario of tests/scenarios/eligibility.yaml gives its expected result (the browser test answers the same ones)."""
    assert evaluate(node, rules, scenario.answers, scenario.as_of).expected == scenario.expect


# --- the five-year rule, by calendar ---------------------------------------------


@pytest.mark.parametrize(
    "release, as_of, outcome",
    [
        (D(2021, 11, 28), D(2026, 11, 28), "eligible"),  # exactly five years: "no more than 5 years"
        (D(2021, 11, 27), D(2026, 11, 28), "not_eligible"),  # five years and one day
        (D(2021, 11, 29), D(2026, 11, 28), "eligible"),
        (D(2026, 11, 28), D(2026, 11, 28), "eligible"),  # released today
        (D(2020, 2, 29), D(2025, 2, 28), "eligible"),  # 29 February ends on 28 February
        (D(2020, 2, 29), D(2025, 3, 1), "not_eligible"),
        (D(2024, 2, 29), D(2028, 2, 29), "eligible"),  # a leap year within the period
        (D(2020, 12, 31), D(2025, 12, 31), "eligible"),
        (D(2020, 12, 31), D(2026, 1, 1), "not_eligible"),
    ],
)
def test_five_years_compare_by_calendar(run, release, as_of, outcome):
    result = run(PERSON, as_of, release_date=release)
    assert result.outcome == outcome
    reason = result.reason("time-since-release")
    assert reason["status"] == ("met" if outcome == "eligible" else "not_met")
    assert reason["cite"]["text"] == "điểm a khoản 2 Điều 3 Quyết định 22/2023/QĐ-TTg"


def test_the_last_day_is_named(run, node):
    assert "28/11/2026" in run(PERSON).reason("time-since-release")["text"]
    assert node.call("kiem-tra.js", "addYears", "2021-11-28", 5) == "2026-11-28"
    assert node.call("kiem-tra.js", "addYears", "2020-02-29", 5) == "2025-02-28"
    assert node.call("kiem-tra.js", "addYears", "2024-02-29", 4) == "2028-02-29"


def test_a_release_date_after_today_is_unknown_not_no(run):
    result = run(PERSON, release_date=D(2026, 11, 29))
    assert result.outcome == "check_with_office"
    assert result.reason("time-since-release")["status"] == "unknown"
    assert "sau hôm nay" in result.reason("time-since-release")["text"]


# --- individuals: amounts and security (Art. 6(1), 6(2)(a), 10(1)) -------------------


def test_business_loan_for_a_person(run):
    assert summary(run(PERSON)) == ("eligible", 100_000_000, False)
    assert run(PERSON).amount_per == "loan"


def test_training_loan_is_per_month(run):
    result = run(PERSON, purpose="training")
    assert summary(result) == ("eligible", 4_000_000, False)
    assert result.amount_per == "month"
    assert result.reason("amount")["cite"]["text"] == "khoản 1 Điều 6 Quyết định 22/2023/QĐ-TTg"


def test_amnesty_certificate_counts(run):
    assert run(PERSON, certificate="amnesty").outcome == "eligible"


@pytest.mark.parametrize(
    "changes, failing",
    [
        ({"certificate": "none"}, "certificate"),
        ({"on_commune_list": False}, "commune-list"),
        ({"same_purpose_debt": True}, "debt-individual"),
        ({"needs_loan": False, "purpose": None}, "need"),
        ({"release_date": D(2010, 1, 1)}, "time-since-release"),
    ],
)
def test_a_no_names_its_condition_and_what_to_do(run, changes, failing):
    result = run(PERSON, **changes)
    assert summary(result) == ("not_eligible", None, None)
    assert [r["id"] for r in result.reasons if r["status"] == "not_met"] == [failing]
    assert result.steps, "a 'no' still says where to go"
    assert all(step["cite"]["text"] for step in result.steps)


@pytest.mark.parametrize(
    "key, outcome",
    [
        ("purpose", "check_with_office"),
        ("certificate", "check_with_office"),
        ("release_date", "check_with_office"),
        ("on_commune_list", "eligible_pending_list"),
        ("needs_loan", "check_with_office"),
        ("same_purpose_debt", "check_with_office"),
    ],
)
def test_an_unknown_answer_never_gives_a_bare_no(run, key, outcome):
    result = run(PERSON, **{key: None})
    assert result.outcome == outcome
    unknown = [r for r in result.reasons if r["status"] in ("unknown", "pending")]
    assert unknown and all(r["ask"] for r in unknown), "each unknown names whom to ask"


def test_missing_keys_are_unknown(run):
    result = run({"applicant": "individual"})
    assert result.outcome == "check_with_office"
    assert result.max_amount_vnd is None and result.collateral_required is False
    assert run({}).outcome == "check_with_office"


def test_unknown_purpose_still_says_no_security_for_a_person(run):
    result = run(PERSON, purpose=None)
    assert summary(result) == ("check_with_office", None, False)


def test_a_definite_no_is_not_hidden_by_unknowns(run):
    result = run(PERSON, certificate="none", on_commune_list=None, release_date=None)
    assert result.outcome == "not_eligible"
    assert {r["id"] for r in result.reasons if r["status"] == "unknown"} == {"time-since-release"}
    assert {r["id"] for r in result.reasons if r["status"] == "pending"} == {"commune-list"}


def test_someone_not_yet_on_the_list_is_sent_to_the_commune_police(run):
    """Nobody is on the Form 01 list before asking: a first-time applicant who meets every other
    condition hears "yes, once on the list", and the first step is to ask the commune police."""
    result = run(PERSON, on_commune_list=None)
    assert summary(result) == ("eligible_pending_list", 100_000_000, False)
    assert result.title == "Bạn có thể được vay, khi đã có tên trong danh sách Mẫu số 01"
    assert result.reason("commune-list")["status"] == "pending"
    assert result.contact(result.reason("commune-list")["ask"]) == "Công an xã, phường nơi bạn cư trú"
    assert {r["status"] for r in result.reasons} == {"met", "pending", "info"}
    first = result.steps[0]
    assert result.contact(first["contact"]) == "Công an xã, phường nơi bạn cư trú"
    assert "đưa vào danh sách Mẫu số 01" in first["text"]
    assert first["cite"]["text"] == "điểm a khoản 2 Điều 3 Quyết định 22/2023/QĐ-TTg"
    assert [result.contact(s["contact"]) for s in result.steps[1:2]] == [
        "Tổ trưởng Tổ tiết kiệm và vay vốn ở thôn, tổ dân phố nơi bạn cư trú, hoặc Phòng giao dịch Ngân hàng Chính sách xã hội"
    ]


@pytest.mark.parametrize("key", ["certificate", "release_date", "purpose", "needs_loan", "same_purpose_debt"])
def test_not_yet_on_the_list_and_another_unknown_stays_check_with_office(run, key):
    """Only the list is a step still to take; an unknown certificate or release date is a doubt."""
    result = run(PERSON, on_commune_list=None, **{key: None})
    assert result.outcome == "check_with_office"
    assert result.reason("commune-list")["status"] == "pending"


def test_told_no_by_the_police_is_still_a_no(run):
    assert run(PERSON, on_commune_list=False).outcome == "not_eligible"


# --- establishments (Art. 3(2)(b), 6(2)(b), 10(2)) ---------------------------------------


@pytest.mark.parametrize(
    "total, qualifying, expected",
    [
        (10, 1, ("eligible", 100_000_000, False)),  # exactly 10 %; exactly the security threshold
        (11, 1, ("not_eligible", None, None)),  # 9.09 %
        (20, 2, ("eligible", 200_000_000, True)),  # above the threshold: security needed
        (15, 2, ("eligible", 200_000_000, True)),
        (20, 20, ("eligible", 2_000_000_000, True)),  # exactly the cap per project
        (30, 25, ("eligible", 2_000_000_000, True)),  # capped per project
        (5, 0, ("not_eligible", None, None)),
        (1, 1, ("eligible", 100_000_000, False)),
    ],
)
def test_establishment_share_cap_and_security(run, total, qualifying, expected):
    assert summary(run(FIRM, total_workers=total, qualifying_workers=qualifying)) == expected


def test_the_number_of_workers_needed_is_named(run):
    result = run(FIRM, total_workers=31, qualifying_workers=3)
    assert "ít nhất 4 người" in result.reason("qualifying-workers")["text"]


@pytest.mark.parametrize("kind", ["sme", "cooperative", "cooperative_group", "household_business"])
def test_the_four_kinds_of_establishment(run, kind):
    assert run(FIRM, establishment_type=kind).outcome == "eligible"


def test_other_establishments_are_not_covered(run):
    assert run(FIRM, establishment_type="other").outcome == "not_eligible"


@pytest.mark.parametrize(
    "changes, expected",
    [
        ({"qualifying_workers": None}, ("check_with_office", None, None)),
        ({"total_workers": None, "qualifying_workers": 3}, ("check_with_office", 300_000_000, True)),
        ({"plan_confirmed": None}, ("eligible_pending_plan", 100_000_000, False)),
        ({"plan_confirmed": False}, ("not_eligible", None, None)),
        ({"legally_operating": None}, ("check_with_office", 100_000_000, False)),
        ({"legally_operating": False}, ("not_eligible", None, None)),
        ({"establishment_type": None}, ("check_with_office", 100_000_000, False)),
        ({"same_purpose_debt": None}, ("check_with_office", 100_000_000, False)),
        ({"same_purpose_debt": True}, ("not_eligible", None, None)),
    ],
)
def test_establishment_unknowns_and_refusals(run, changes, expected):
    assert summary(run(FIRM, **changes)) == expected


def test_a_plan_not_yet_confirmed_is_a_step_to_take_not_a_doubt(run):
    """Issue 22: like a first-time individual not yet on the list, an establishment whose only open
    condition is the committee's confirmation of its plan hears "yes, once confirmed", and the first
    step is to take Form 02 to the commune committee where the plan is carried out; then the VBSP
    office. The amount and when security is needed are said with their article."""
    result = run(FIRM, total_workers=30, qualifying_workers=3, plan_confirmed=None)
    assert summary(result) == ("eligible_pending_plan", 300_000_000, True)
    assert result.title == "Cơ sở có thể được vay, khi phương án vay vốn (Mẫu số 02) đã được xác nhận"
    assert result.reason("plan-confirmed")["status"] == "pending"
    assert {r["status"] for r in result.reasons} == {"met", "pending", "info"}
    first, second = result.steps[0], result.steps[1]
    assert first["text"].startswith("Mang phương án vay vốn theo Mẫu số 02 đến Ủy ban nhân dân xã, phường")
    assert result.contact(first["contact"]) == "Ủy ban nhân dân xã, phường nơi cơ sở thực hiện phương án vay vốn"
    assert first["cite"]["text"] == "điểm b khoản 2 Điều 3 Quyết định 22/2023/QĐ-TTg"
    assert result.contact(second["contact"]) == "Phòng giao dịch Ngân hàng Chính sách xã hội"
    security = result.reason("security")
    assert "trên 100 triệu đồng" in security["text"] and "từ 100 triệu đồng trở xuống" in security["text"]
    assert security["cite"]["text"] == "khoản 2 Điều 10 Quyết định 22/2023/QĐ-TTg"


@pytest.mark.parametrize("key", ["establishment_type", "legally_operating", "qualifying_workers", "same_purpose_debt"])
def test_plan_not_yet_confirmed_and_another_unknown_stays_check_with_office(run, key):
    result = run(FIRM, plan_confirmed=None, **{key: None})
    assert result.outcome == "check_with_office"
    assert result.reason("plan-confirmed")["status"] == "pending"


def test_unknown_worker_count_still_states_the_caps(run):
    text = run(FIRM, qualifying_workers=None).reason("amount")["text"]
    assert "2 tỷ đồng" in text and "100 triệu đồng" in text


# --- every reason explains itself --------------------------------------------------------


def test_every_reason_has_vietnamese_text_and_a_legal_reference(run):
    for base in (PERSON, FIRM):
        for changes in ({}, {"same_purpose_debt": None}, {"same_purpose_debt": True}):
            result = run(base, **changes)
            assert result.title and result.summary
            for reason in result.reasons:
                text = reason["text"]
                assert text and re.search(r"[ạảãàáâầấậẩẫăằắặẳẵđêềếệểễôồốộổỗơờớợởỡưừứựửữ]", text)
                assert reason["cite"]["href"].startswith(LIBRARY + "#") and reason["cite"]["text"].endswith(
                    ("Quyết định 22/2023/QĐ-TTg", "Nghị định 49/2020/NĐ-CP")
                )
                assert "{" not in text, text


# --- no rule before the Decision ----------------------------------------------------------


def test_before_the_decision_took_effect_there_is_no_rule(run):
    with pytest.raises(ScriptError, match="no value in force for max-years-since-release on 2023-10-09"):
        run(PERSON, as_of=D(2023, 10, 9), release_date=D(2023, 1, 1))
    assert run(PERSON, as_of=D(2023, 10, 10), release_date=D(2023, 1, 1)).outcome == "eligible"


# --- the rules are data -------------------------------------------------------------------


def test_figures_come_from_facts_not_from_the_rules_file():
    """data/eligibility.yaml holds no amount, share or duration: only fact ids and article numbers."""
    text = (REPO / "data" / "eligibility.yaml").read_text(encoding="utf-8")
    values = [line.split(":", 1)[1] for line in text.splitlines() if ":" in line and not line.lstrip().startswith("#")]
    values = [re.sub(r'(article|clause): "\d+"|document: [a-z]+-\d+-\d+|Mẫu số 0[12]', "", v) for v in values]
    assert [v for v in values if re.search(r"\d", v)] == []


def test_a_changed_fact_changes_the_answer(tmp_path, node, rules):
    root = copy_repo(tmp_path)
    facts = root / "data" / "facts.yaml"
    text = facts.read_text(encoding="utf-8")
    old = "  - id: max-years-since-release\n    label: Thời gian tối đa từ khi chấp hành xong án phạt tù đến khi vay vốn\n    unit: years\n    periods:\n      - value: 5\n"
    assert old in text
    facts.write_text(text.replace(old, old.replace("value: 5", "value: 6")), encoding="utf-8")
    changed = tools.browser_rules(load_dataset(root, "thanh-hoa"), library=LIBRARY, finder=FINDER)
    answers = {**PERSON, "release_date": D(2020, 11, 28)}
    assert evaluate(node, changed, answers, AS_OF).outcome == "eligible"
    assert "6 năm" in evaluate(node, changed, answers, AS_OF).reason("time-since-release")["text"]
    assert evaluate(node, rules, answers, AS_OF).outcome == "not_eligible"


def test_browser_rules_carry_the_same_records(data, rules):
    assert [c["id"] for c in rules["conditions"]] == [c.id for c in data.eligibility.conditions]
    assert rules["facts"]["max-years-since-release"][0]["value"] == 5
    assert rules["max_workers"] == eligibility.MAX_WORKERS
    assert rules["contacts"]["commune-police"]["agency"] == "cong-an-xa"
    phuong, xa = rules["communes"]
    assert (phuong["label"], xa["label"]) == ("Phường", "Xã")
    assert len(phuong["units"]) + len(xa["units"]) == len(data.communes) == 166
    assert [u["place"] for u in xa["units"][:3]] == ["xã An Nông", "xã Ba Đình", "xã Bá Thước"]
    ham_rong = next(u for u in phuong["units"] if u["id"] == "phuong-ham-rong")
    assert ham_rong == {"id": "phuong-ham-rong", "place": "phường Hàm Rồng"}, "the page words the offices"
    assert rules["conditions"][0]["cite"]["href"] == "../../van-ban-phap-ly/#qd-22-2023"
    assert set(rules["facts"]) == {
        "max-years-since-release",
        "min-share-qualifying-workers",
        "training-max-per-month",
        "individual-business-max",
        "establishment-max-per-project",
        "establishment-max-per-worker",
        "establishment-security-threshold",
    }
