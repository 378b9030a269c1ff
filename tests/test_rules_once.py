"""Each rule once: the rules the site's scripts run (docs/assets/*.js, under Node) and, where the build
needs the same rule, its Python side, against one file of vectors per rule in tests/scenarios/:

- folding.yaml: core.js fold, foldWords, compact; macros/text.py fold, fold_words;
- duties.yaml: can-bo-lich.js due and dueWords; macros/rules/schedule.py due with
  macros/render/duty_words.py due_words;
- estimator.yaml: uoc-tinh.js schedule and headline; macros/rules/estimator.py schedule;
- numbers.yaml: muc-vay.js readNumber (the browser test types the same inputs into the pages).

The eligibility check has no Python side: tests/test_eligibility.py runs kiem-tra.js against
tests/scenarios/eligibility.yaml.
"""

from __future__ import annotations

import datetime
import types

import pytest
import yaml

from macros import text
from macros.render import duty_words
from macros.rules import estimator, schedule

from .conftest import REPO
from .node_rules import node_fixture  # noqa: F401 (the fixture `node`)

SCENARIOS = REPO / "tests" / "scenarios"


def vectors(name: str):
    return yaml.safe_load((SCENARIOS / name).read_text(encoding="utf-8"))


# --- folding -------------------------------------------------------------------------------------

FOLDING = vectors("folding.yaml")["folding"]


def test_folding_vectors_cover_what_people_type():
    texts = [case["text"] for case in FOLDING]
    joined = "".join(texts)
    assert "đ" in joined and "Đ" in joined
    assert any("\u0301" in t or "\u0303" in t for t in texts), "NFD input"
    for mark in ("'", "\u2019", "-", "  "):
        assert mark in joined, mark
    for name in ("Cư M'gar", "cumgar", "Ea H\u2019leo"):
        assert name in texts, name


@pytest.mark.parametrize("case", FOLDING, ids=lambda c: c["text"] or "(empty)")
def test_python_folds_as_written(case):
    assert text.fold(case["text"]) == case["fold"]
    assert text.fold_words(case["text"]) == case["words"]


def test_the_scripts_fold_as_written(node):
    wrong = []
    for case in FOLDING:
        got = {name: node.call("core.js", function, case["text"]) for name, function in FUNCTIONS.items()}
        if got != {name: case[name] for name in FUNCTIONS}:
            wrong.append((case, got))
    assert wrong == []


FUNCTIONS = {"fold": "fold", "words": "foldWords", "compact": "compact"}


def test_one_folding_in_the_scripts():
    """Only core.js folds: no other script decomposes text or strips marks itself (the search box
    leaves folding to Pagefind)."""
    for path in sorted((REPO / "docs" / "assets").glob("*.js")):
        if path.name == "core.js":
            continue
        source = path.read_text(encoding="utf-8")
        assert 'normalize("NFD")' not in source and "\\u0300-\\u036f" not in source, path.name


# --- duties -----------------------------------------------------------------------------------------

DUTIES = vectors("duties.yaml")


def _iso(day: datetime.date | None) -> str | None:
    return day.isoformat() if day else None


def _case_id(case) -> str:
    return f"{case['duty']} on {case['day']}"


def _expected(case) -> dict:
    return {
        "kind": case["due"],
        "date": _iso(case.get("date")),
        "period": _iso(case.get("period")),
        "words": case["words"],
    }


@pytest.mark.parametrize("case", DUTIES["cases"], ids=_case_id)
def test_python_gives_each_duty_its_next_date(case):
    record = DUTIES["duties"][case["duty"]]
    duty = types.SimpleNamespace(
        frequency=record["frequency"], rrule=record["rrule"], applies_from=record["from"], applies_to=record["to"]
    )
    due = schedule.due(duty, case["day"])
    got = {
        "kind": due.kind,
        "date": _iso(due.date),
        "period": _iso(due.period.start) if due.period else None,
        "words": duty_words.due_words(due),
    }
    assert got == _expected(case)


def test_the_calendar_script_gives_each_duty_its_next_date(node):
    wrong = []
    for case in DUTIES["cases"]:
        record = DUTIES["duties"][case["duty"]]
        duty = {"frequency": record["frequency"], "rrule": record["rrule"], "from": record["from"], "to": record["to"]}
        due = node.call("can-bo-lich.js", "due", duty, case["day"])
        got = {
            "kind": due["kind"],
            "date": due.get("date"),
            "period": due["period"]["start"] if "period" in due else None,
            "words": node.call("can-bo-lich.js", "dueWords", due),
        }
        if got != _expected(case):
            wrong.append((_case_id(case), got))
    assert wrong == []


def test_duty_vectors_cover_every_kind():
    kinds = {case["due"] for case in DUTIES["cases"]}
    assert kinds == {"date", "period", "none", "ended"}
    frequencies = {d["frequency"] for d in DUTIES["duties"].values()}
    assert frequencies == {"monthly", "quarterly", "yearly", "ad_hoc", "regular", "unspecified"}


# --- the estimator -------------------------------------------------------------------------------------

LOANS = vectors("estimator.yaml")["loans"]


def _summary(rows: list[dict], headline: dict) -> dict:
    principal = [[r["month"], r["principal"]] for r in rows if r["principal"]]
    return {
        "interest": sum(r["interest"] for r in rows),
        "paid": sum(r["payment"] for r in rows),
        "first": rows[0]["payment"],
        "last": rows[-1]["payment"],
        "principal": principal,
        "headline": headline,
    }


def _expected_loan(case) -> dict:
    expected = {key: case[key] for key in ("interest", "paid", "first", "last", "headline")}
    return expected | ({"principal": case["principal"]} if "principal" in case else {})


def _python_loan(amount, term, rate, every) -> tuple[list[dict], dict]:
    plan = estimator.schedule(amount, term, rate, every)
    rows = [
        {
            "month": r.month,
            "outstanding": r.outstanding,
            "interest": r.interest,
            "principal": r.principal,
            "payment": r.payment,
        }
        for r in plan.rows
    ]
    h = plan.headline
    headline = {
        "kind": h.kind,
        "due": h.due,
        "due_month": h.due_month,
        "due_exact": h.due_exact,
        "interest_only": h.interest_only,
    }
    return rows, headline


def _script_loan(node, amount, term, rate, every) -> tuple[list[dict], dict]:
    rows = node.call("uoc-tinh.js", "schedule", amount, term, rate, every)
    h = node.call("uoc-tinh.js", "headline", rows, term, every)
    headline = {
        "kind": h["kind"],
        "due": h["due"],
        "due_month": h["dueMonth"],
        "due_exact": h["dueExact"],
        "interest_only": h["interestOnly"],
    }
    return rows, headline


def _compare(summary: dict, case) -> dict:
    return {key: summary[key] for key in _expected_loan(case)}


@pytest.mark.parametrize("case", LOANS, ids=lambda c: str(c["loan"]))
def test_python_works_out_each_loan_as_written(case):
    assert _compare(_summary(*_python_loan(*case["loan"])), case) == _expected_loan(case)


def test_the_estimator_script_works_out_each_loan_as_written(node):
    wrong = []
    for case in LOANS:
        got = _compare(_summary(*_script_loan(node, *case["loan"])), case)
        if got != _expected_loan(case):
            wrong.append((case["loan"], got))
    assert wrong == []


def test_script_and_python_agree_month_by_month(node):
    """Every amount, term, rate and period of a grid a person may pick: the same rows, the same headline."""
    grid = [
        (amount, term, rate, every)
        for amount in (1_000, 12_345_678, 100_000_000, 1_500_000_000, 2_000_000_000)
        for term in (1, 2, 3, 7, 12, 13, 36, 60, 120)
        for rate in (0.0, 6.24, 6.6)
        for every in (1, 3, 6, 12)
    ]
    wrong = [loan for loan in grid if _script_loan(node, *loan) != _python_loan(*loan)]
    assert wrong == []


# --- numbers as people type them ---------------------------------------------------------------------

NUMBERS = vectors("numbers.yaml")["read"]


def test_the_number_reader_reads_each_input_as_written(node):
    cases = NUMBERS + [{"typed": "9" * 400, "kind": "money", "refused": "too_big"}]
    wrong = []
    for case in cases:
        read = node.call("muc-vay.js", "readNumber", case["typed"], case["kind"])
        if "value" in case:
            ok = read == {"value": case["value"], "reason": None, "error": None}
        else:
            ok = read["value"] is None and read["reason"] == case["refused"] and read["error"]
        if not ok:
            wrong.append((case, read))
    assert wrong == []
