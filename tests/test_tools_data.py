"""Mistakes in the tools' data files (eligibility, checklists, estimator) are named by file and line."""

from __future__ import annotations

import pytest

from macros.cli.check import check

from .conftest import copy_repo

CASES = [
    # file, text to replace, replacement, words expected in the problem
    ("eligibility.yaml", "fact: max-years-since-release}", "fact: max-years}", "unknown fact 'max-years'"),
    (
        "eligibility.yaml",
        "fact: max-years-since-release}",
        "fact: individual-business-max}",
        "is in vnd; within_years needs years",
    ),
    (
        "eligibility.yaml",
        "provision: condition-individual-list\n",
        "provision: condition-individual-lists\n",
        "unknown provision",
    ),
    ("eligibility.yaml", "    ask: commune-police\n", "    ask: cong-an-huyen\n", "unknown contact 'cong-an-huyen'"),
    ("eligibility.yaml", "agency: cong-an-xa\n", "agency: cong-an-phuong-x\n", "unknown agency 'cong-an-phuong-x'"),
    (
        "eligibility.yaml",
        "agency: cong-an-xa\n",
        "agency: cong-an-huyen\n",
        "ended on 2025-03-01: people cannot be sent there",
    ),
    ("eligibility.yaml", "chưa quá {years}.", "chưa quá {yeras}.", "unknown placeholder {yeras}"),
    (
        "eligibility.yaml",
        "set: {certificate: amnesty}",
        "set: {certificate: pardon}",
        "'pardon' is not an allowed answer",
    ),
    (
        "eligibility.yaml",
        "accept: [completion, amnesty]",
        "accept: [completion, maybe]",
        "'maybe' is not an allowed answer",
    ),
    (
        "eligibility.yaml",
        "security_above_fact: establishment-security-threshold",
        "security_above_fact: min-share-qualifying-workers",
        "needs vnd",
    ),
    ("checklists.yaml", "page: cong-cu/giay-to-co-so.md", "page: cong-cu/giay-to-khac.md", "unknown page"),
    ("checklists.yaml", "fact: establishment-security-threshold", "fact: establishment-max", "unknown fact"),
    (
        "checklists.yaml",
        '"Nếu vay trên {value}: giấy tờ',
        '"Nếu vay trên mức quy định: giấy tờ',
        "give a fact exactly when the text has {value}",
    ),
    (
        "checklists.yaml",
        "text: Thẻ căn cước.\n            unsourced:",
        "text: Thẻ căn cước.\n            provision: borrower-individual\n            unsourced:",
        "an unsourced paper gives no basis",
    ),
    ("eligibility.yaml", "papers: co-so", "papers: co-so-khac", "unknown checklist"),
    (
        "checklists.yaml",
        "guidance: vb-7557-2023\n    ask: vbsp-office",
        "guidance: vb-0000\n    ask: vbsp-office",
        "unknown legal document",
    ),
    (
        "checklists.yaml",
        "write_down: [plan-committee, vbsp-office]",
        "write_down: [plan-committee, bank]",
        "unknown contact 'bank'",
    ),
    (
        "estimator.yaml",
        "rate_fact: poor-household-lending-rate",
        "rate_fact: overdue-rate-share",
        "needs percent_per_year",
    ),
    (
        "estimator.yaml",
        "max_term_fact: business-max-term\n  - id: establishment",
        "max_term_fact: training-max-per-month\n  - id: establishment",
        "needs months",
    ),
    ("estimator.yaml", "  period: yearly", "  period: weekly", "unknown period 'weekly'"),
    ("estimator.yaml", "amount: establishment", "amount: co-so", "unknown amount 'co-so'"),
    ("estimator.yaml", "amount: business", "amount: training", "'training' is a training loan"),
    ("estimator.yaml", "security_term: bao-dam-tien-vay", "security_term: the-chap", "unknown term 'the-chap'"),
]


@pytest.fixture(scope="module")
def root(tmp_path_factory):
    """One copy of the repository; each test breaks one file and puts it back."""
    return copy_repo(tmp_path_factory.mktemp("repo"))


@pytest.mark.parametrize("name, old, new, words", CASES, ids=[f"{c[0]}:{c[3][:30]}" for c in CASES])
def test_tool_data_mistakes_are_caught_at_their_line(root, name, old, new, words):
    path = root / "data" / name
    text = path.read_text(encoding="utf-8")
    assert old in text, old
    line = text[: text.index(old)].count("\n") + 1
    path.write_text(text.replace(old, new, 1), encoding="utf-8")
    try:
        problems = [p for p in check(root, "thanh-hoa") if p.startswith(f"data/{name}:")]
    finally:
        path.write_text(text, encoding="utf-8")
    assert any(words in p for p in problems), problems
    lines = {int(p.split(":")[1]) for p in problems if words in p}
    assert lines & set(range(line - 12, line + 3)), (line, problems)
