"""The real data is valid, and every kind of editing mistake is caught with file and line."""

from __future__ import annotations

import contextlib
import datetime
import re
import subprocess
import sys
from pathlib import Path

import pytest

from macros.cli.check import check
from macros.cli.schemas import SCHEMA_DIR, schema_name, stale_schemas
from macros.data import models

from .conftest import REPO, broken, copy_repo

PROVINCE = "thanh-hoa"
RECORDS_ELSEWHERE = {"unit_changes.yaml": "dong-nai"}
"""A file that Thanh Hóa's folder holds without a record to break: another province's, checked as that province."""
DATA_FILES = [f"data/{name}" for name in models.NATIONAL_FILES] + [
    f"data/provinces/{RECORDS_ELSEWHERE.get(name, PROVINCE)}/{name}"
    for name in models.PROVINCE_FILES
    if (
        REPO / "data/provinces" / RECORDS_ELSEWHERE.get(name, PROVINCE) / name
    ).exists()  # contacts.yaml: none given yet (tests/test_contacts.py)
]


def _province_of(data_file: str) -> str:
    parts = data_file.split("/")
    return parts[2] if parts[1] == "provinces" else PROVINCE


def test_real_data_is_valid():
    assert check(REPO, PROVINCE) == []


def test_every_commune_of_the_reference_list_is_in_the_data(data):
    reference = REPO.parent / "shared" / "reference" / "thanh-hoa-communes.csv"
    if not reference.exists():
        pytest.skip("../shared/reference is not beside this checkout")
    import csv

    rows = list(csv.DictReader(reference.open(encoding="utf-8")))
    assert [(c.type, c.name) for c in data.communes.values()] == [(r["type"], r["name"]) for r in rows]
    assert len(data.communes) == 166


@pytest.mark.parametrize(
    "day, expected",
    [
        ("2015-06-04", None),
        ("2015-06-05", 6.6),
        ("2025-11-30", 6.6),
        ("2025-12-01", 6.24),
        ("2026-11-28", 6.24),
    ],
)
def test_rate_in_force_at_the_boundaries(data, day, expected):
    on = datetime.date.fromisoformat(day)
    if expected is None:
        with pytest.raises(LookupError):
            data.value_in_force("poor-household-lending-rate", on)
    else:
        assert data.value_in_force("poor-household-lending-rate", on) == expected


def test_decision_articles_are_all_in_data(data):
    """Articles 3, 4, 5, 6, 8, 9, 10 and 11 of Decision 22 each have records citing them."""
    cited = {r.legal_ref.article for r in data.provisions.values() if r.legal_ref.document == "qd-22-2023"} | {
        p.legal_ref.article for f in data.facts.values() for p in f.periods if p.legal_ref.document == "qd-22-2023"
    }
    assert {"3", "4", "5", "6", "8", "9", "10", "11"} <= cited


def test_decision_figures_match_the_verified_fact_sheet(data):
    on = datetime.date(2026, 1, 1)
    expected = {
        "max-years-since-release": 5,
        "min-share-qualifying-workers": 10,
        "training-max-per-month": 4_000_000,
        "individual-business-max": 100_000_000,
        "establishment-max-per-project": 2_000_000_000,
        "establishment-max-per-worker": 100_000_000,
        "business-max-term": 120,
        "overdue-rate-share": 130,
        "establishment-security-threshold": 100_000_000,
    }
    assert {k: data.value_in_force(k, on) for k in expected} == expected


def test_uncertain_values_explain_themselves(data):
    relief = data.period_in_force("storm-relief-rate-cut", datetime.date(2025, 12, 1))
    assert relief.status == "uncertain" and "22 địa phương" in relief.note and "Hãy hỏi" in relief.note


def test_the_rate_from_1_december_2025_is_graded_by_the_source_that_names_this_programme(data):
    """updates-2026-12.md Q1: VBSP's notice names this programme among those cut to 6.24 %/year
    (VERIFIED); the source is the Vietnamese notice as Thanh Niên printed it, not Lao Động's Japanese
    edition; the caveat is a note, not a second label."""
    period = data.period_in_force("poor-household-lending-rate", datetime.date(2025, 12, 1))
    assert (period.value, period.effective_from, period.status) == (6.24, datetime.date(2025, 12, 1), "verified")
    assert period.source.startswith("https://thanhnien.vn/") and period.source_name == "báo Thanh Niên"
    assert "chấp hành xong án phạt tù" in period.note


def test_unknown_contact_details_stay_null(data):
    branch = data.offices["nhcsxh-thanh-hoa"]
    assert (branch.address, branch.phone, branch.hours) == (None, None, None)


def test_schemas_are_current():
    assert stale_schemas(REPO) == [], "run `make schemas` and commit schemas/"


@pytest.mark.parametrize("data_file", DATA_FILES)
def test_each_data_file_points_editors_to_its_schema(data_file):
    first = (REPO / data_file).read_text(encoding="utf-8").splitlines()[0]
    match = re.fullmatch(r"# yaml-language-server: \$schema=(\S+)", first)
    assert match, f"{data_file} must start with a yaml-language-server schema comment"
    target = ((REPO / data_file).parent / match.group(1)).resolve()
    assert target == (REPO / SCHEMA_DIR / schema_name(Path(data_file).name)).resolve()


# --- breaking each file in each way ------------------------------------------

BLOCK_ID = re.compile(r"^(?P<indent> *)(?P<dash>- )?(?P<key>id|path): (?P<value>\S+)$", re.M)
FLOW_ID = re.compile(r"^(?P<indent> *)- \{id: (?P<value>[^,]+), name: (?P<name>[^,]+),", re.M)
MAPPING_KEY = re.compile(r"^(?P<indent>  )(?P<dash>)(?P<key>[a-z_]+): (?P<value>\S+)$", re.M)
"""A file of mappings and no records (roles.yaml): its first nested field."""


def _insert_after(text: str, offset: int, line: str) -> tuple[str, int]:
    end = text.index("\n", offset) + 1
    return text[:end] + line + "\n" + text[end:], text[:end].count("\n") + 1


def mutate(text: str, kind: str) -> tuple[str, int, str]:
    """Break the first record of a data file. Returns the text, the line to blame, and the field's last part."""
    block = BLOCK_ID.search(text)
    flow = FLOW_ID.search(text)
    mapping = not block and not flow
    if mapping:
        block = MAPPING_KEY.search(text)
    if block and (not flow or block.start() < flow.start()):
        indent = block["indent"] + ("  " if block["dash"] else "")
        line = text[: block.start()].count("\n") + 1
        if kind == "unknown_key":
            new, at = _insert_after(text, block.start(), f"{indent}colour: red")
            return new, at, "colour"
        if kind == "duplicate_key":
            new, at = _insert_after(text, block.start(), f"{indent}{block['key']}: again")
            return new, at, block["key"]
        if kind == "syntax":
            new, at = _insert_after(text, block.start(), f"{indent}label: [unclosed")
            return new, at, ""
        if kind == "wrong_type":
            broken = block[0].replace(f"{block['key']}: {block['value']}", f"{block['key']}: [{block['value']}]")
            return text[: block.start()] + broken + text[block.end() :], line, block["key"]
        if kind == "missing_field":
            head = f"{block['indent']}- " if block["dash"] else ""
            rest = text[block.end() + 1 :]
            if head:  # keep the list item: move the dash to the next field
                rest = re.sub(r"^ *", head, rest, count=1)
            # a mapping's missing field is named at the mapping's own line, the one above
            return text[: block.start()] + rest, line - 1 if mapping else line, block["key"]
    assert flow, "no record found to break"
    line = text[: flow.start()].count("\n") + 1
    start, end = flow.start(), flow.end()
    record = text[start:end]
    replacements = {
        "unknown_key": (record.replace("{id:", "{colour: red, id:"), "colour"),
        "duplicate_key": (record.replace("{id:", "{id: again, id:"), "id"),
        "syntax": (record.replace("{id:", "{id: [unclosed,"), ""),
        "wrong_type": (record.replace(f"name: {flow['name']}", "name: 12"), "name"),
        "missing_field": (record.replace(f" name: {flow['name']},", ""), "name"),
    }
    new_record, field = replacements[kind]
    return text[:start] + new_record + text[end:], line, field


KINDS = ["syntax", "wrong_type", "missing_field", "unknown_key", "duplicate_key"]


@pytest.mark.parametrize("kind", KINDS)
@pytest.mark.parametrize("data_file", DATA_FILES)
def test_each_mistake_in_each_file_is_named_by_file_and_line(data_root, data_file, kind):
    text, line, field = mutate((REPO / data_file).read_text(encoding="utf-8"), kind)
    with broken(data_root, data_file, text):
        problems = check(REPO, _province_of(data_file), data_root)
    assert problems, f"{kind} in {data_file} was not caught"
    ours = [p for p in problems if p.startswith(f"{data_file}:")]
    assert ours, problems
    pattern = re.compile(rf"^{re.escape(data_file)}:(\d+): (\S+): .+$")
    for problem in ours:
        assert pattern.match(problem), problem
    lines = {int(pattern.match(p).group(1)) for p in ours}
    assert any(line <= found <= line + 1 for found in lines), (line, ours)
    if field:
        assert any(pattern.match(p).group(2).split(".")[-1] == field for p in ours), ours


DANGLING = {
    "facts.yaml": ("document: qd-22-2023", "document: qd-99-2099", "document"),
    "provisions.yaml": ("document: qd-22-2023", "document: qd-99-2099", "document"),
    "milestones.yaml": ("document: qd-22-2023", "document: qd-99-2099", "document"),
    "province.yaml": ("parties: [cong-an-tinh-thanh-hoa,", "parties: [cong-an-huyen-xyz,", "parties.0"),
    "offices.yaml": ("agency: nhcsxh-chi-nhanh-tinh", "agency: khong-co", "agency"),
    "deadlines.yaml": ("owner: cong-an-xa", "owner: cong-an-huyen-xyz", "owner"),
    "communes.yaml": ("code: 14797}", "code: 14797, vbsp_office: khong-co}", "vbsp_office"),
    "former_units.yaml": ("becomes: [phuong-hac-thanh]}", "becomes: [phuong-khong-co]}", "becomes.0"),
}


@pytest.mark.parametrize("name", sorted(DANGLING))
def test_dangling_references_are_caught(data_root, name):
    rel = f"data/provinces/{PROVINCE}/{name}" if name in models.PROVINCE_FILES else f"data/{name}"
    old, new, field = DANGLING[name]
    text = (REPO / rel).read_text(encoding="utf-8")
    assert old in text
    line = text[: text.index(old)].count("\n") + 1
    with broken(data_root, rel, text.replace(old, new, 1)):
        problems = check(REPO, PROVINCE, data_root)
    assert any(p.startswith(f"{rel}:{line}: ") and field in p and "unknown" in p for p in problems), problems


def test_all_problems_are_reported_in_one_run(data_root):
    with contextlib.ExitStack() as stack:
        for data_file in ("data/facts.yaml", "data/agencies.yaml", f"data/provinces/{PROVINCE}/statistics.yaml"):
            text = mutate((REPO / data_file).read_text(encoding="utf-8"), "unknown_key")[0]
            stack.enter_context(broken(data_root, data_file, text))
        problems = check(REPO, PROVINCE, data_root)
    assert len({p.split(":")[0] for p in problems}) == 3, problems


@pytest.mark.parametrize(
    "old, new, message",
    [
        ("effective_to: 2025-11-30", "effective_to: 2025-11-28", "leaves a gap"),
        ("effective_to: 2025-11-30", "effective_to: 2025-12-05", "overlaps"),
        ("value: 4000000", "value: -4000000", "outside"),
        ("value: 130", "value: 1300", "outside"),
        ("effective_to: 2025-11-30", "effective_to: 2015-01-01", "before effective_from"),
    ],
)
def test_timeline_and_range_mistakes_in_facts(data_root, old, new, message):
    text = (REPO / "data/facts.yaml").read_text(encoding="utf-8")
    assert old in text
    with broken(data_root, "data/facts.yaml", text.replace(old, new, 1)):
        problems = check(REPO, PROVINCE, data_root)
    assert len(problems) == 1 and message in problems[0] and problems[0].startswith("data/facts.yaml:"), problems


def test_a_temporary_fact_may_end_but_a_lasting_one_may_not(data_root):
    """The storm relief ended on 31/12/2025 and is shown as past; without `temporary` the same
    ended period is a fact with nothing in force, which pages cannot show."""
    assert check(REPO, PROVINCE, data_root) == []
    text = (REPO / "data/facts.yaml").read_text(encoding="utf-8")
    assert text.count("    temporary: true\n") == 1
    with broken(data_root, "data/facts.yaml", text.replace("    temporary: true\n", "")):
        problems = check(REPO, PROVINCE, data_root)
    assert len(problems) == 1 and "no period of 'storm-relief-rate-cut' is in force" in problems[0], problems


def test_make_build_fails_and_keeps_the_old_site(tmp_path):
    """The acceptance path: a broken file makes the build command exit non-zero; site/ is unchanged."""
    root = copy_repo(tmp_path)
    site = root / "site"
    site.mkdir()
    (site / "index.html").write_text("previous build", encoding="utf-8")
    facts = root / "data/facts.yaml"
    facts.write_text(mutate(facts.read_text(encoding="utf-8"), "unknown_key")[0], encoding="utf-8")
    env = {"PATH": "/usr/bin:/bin", "PYTHONPATH": str(root), "SITE_DATE": "2025-12-01"}
    result = subprocess.run(
        [
            sys.executable,
            "-c",
            f"import sys; from pathlib import Path; from macros.cli.build import build_and_swap; sys.exit(build_and_swap(Path({str(root)!r}), Path({str(site)!r})))",
        ],
        cwd=root,
        env=env,
        capture_output=True,
        text=True,
    )
    assert result.returncode != 0
    assert re.search(r"^data/facts\.yaml:\d+: facts\.0\.colour: unknown field", result.stderr, re.M), result.stderr
    assert (site / "index.html").read_text(encoding="utf-8") == "previous build"
    assert sorted(p.name for p in root.iterdir() if p.name.startswith(".site")) == []
