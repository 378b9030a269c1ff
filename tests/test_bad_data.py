"""The bad-data corpus: each broken file gives exactly its expected errors and builds nothing.

Each case in tests/bad_data/ names the file it replaces (a data file, a page, an asset), the
replacement (`content`; `replace`: [old, new] pairs applied to the repository's own file;
`generate` for byte-level and large cases; `symlink` for a link to a
file outside the repository) and the exact lines the build must print; `env` sets environment
variables for the case (`{root}` is the case's copy of the repository). A case without `file`
breaks only the environment: each line then starts with the variable's name.
`python -m tests.test_bad_data` prints what each case gives now, to help write the
expectation of a new case (read it before you trust it).
"""

from __future__ import annotations

import contextlib
import io
import sys
import time
from pathlib import Path

import pytest
import yaml

from macros.cli.build import build_and_swap

from .conftest import copy_repo

CASES = sorted((Path(__file__).parent / "bad_data").glob("*.yaml"))

VALID_AGENCIES = """agencies:
  - id: bo-cong-an
    name: Bộ Công an
    level: central
    source: https://example.org/a
    verified_on: 2026-11-28
    review_by: 2027-05-28
"""


def replacement(case: dict) -> bytes:
    kind = case.get("generate")
    if kind is None:
        return case["content"].encode("utf-8")
    if kind == "bom":
        return b"\xef\xbb\xbf" + VALID_AGENCIES.encode("utf-8")
    if kind == "latin1":  # a file saved by an old editor in Latin-1, not UTF-8
        return "# Thanh Hóa\n".encode("latin-1") + VALID_AGENCIES.encode("utf-8")
    if kind == "large":
        return VALID_AGENCIES.encode("utf-8") + b"# padding\n" * 250_000
    if kind.startswith("raw-"):  # a character pasted from a word processor, in the file itself
        character = {"raw-nul": "\x00", "raw-esc": "\x1b", "raw-vt": "\x0b", "raw-fffe": "\ufffe"}[kind]
        return VALID_AGENCIES.replace("Bộ Công an", f"Bộ Công{character} an").encode("utf-8")
    if kind == "deep":  # 5,000 lists inside each other: a RecursionError before the reader capped depth
        return ("agencies: " + "[" * 5_000 + "]" * 5_000 + "\n").encode("utf-8")
    if kind == "many-values":  # 300,000 values in 1.2 MB
        return ("agencies: [" + ",".join(["1"] * 300_000) + "]\n").encode("utf-8")
    if kind == "office-name-1mb":  # turned a 5 MB site into 300 MB before names were capped
        return OFFICE.replace("NAME", "Ngân hàng " * 100_000).encode("utf-8")
    if kind == "many-duties":  # each duty is up to 36 events in each of five feeds
        return ("duties:\n" + "".join(DUTY.format(n=n) for n in range(51))).encode("utf-8")
    if kind == "long-answer":
        return FAQ.replace("ANSWER", "Có thể được. " * 400).encode("utf-8")
    raise ValueError(f"unknown generate: {kind}")


OFFICE = """offices:
  - id: nhcsxh-thanh-hoa
    name: NAME
    kind: vbsp_branch
    agency: nhcsxh-chi-nhanh-tinh
    address: null
    phone: null
    hours: null
    serves: whole_province
    source: https://example.org/office
    verified_on: 2026-11-28
    review_by: 2027-02-28
"""

DUTY = """  - id: duty-{n}
    title: Báo cáo số {n}
    owner: cong-an-xa
    recipient: null
    frequency: monthly
    rrule: null
    timing_note: Hằng tháng, nguồn không nêu ngày.
    legal_ref: {{document: qd-22-2023, article: "14"}}
    audiences: [commune_police]
    applies_from: 2024-01-01
    source: https://example.org/duty
    verified_on: 2026-11-28
    review_by: 2027-05-28
"""

FAQ = """questions:
  - id: ra-tu-bon-nam
    topic: duoc-vay
    question: Tôi ra tù 4 năm rồi, có vay được không?
    answer: ANSWER
    rules: [condition-individual-time]
"""


def run_case(case_file: Path, tmp: Path) -> tuple[int, list[str], bool]:
    case = yaml.safe_load(case_file.read_text(encoding="utf-8"))
    root = copy_repo(tmp)
    if "file" in case:
        target = root / case["file"]
        target.parent.mkdir(parents=True, exist_ok=True)
        if "symlink" in case:
            target.unlink(missing_ok=True)
            target.symlink_to(case["symlink"])
        elif "replace" in case:  # the repository's own file with one line changed
            text = target.read_text(encoding="utf-8")
            for old, new in case["replace"]:
                assert old in text, f"{case_file.name}: {old!r} is not in {case['file']}"
                text = text.replace(old, new)
            target.write_text(text, encoding="utf-8")
        else:
            target.write_bytes(replacement(case))
    site = root / "site"
    err = io.StringIO()
    with pytest.MonkeyPatch.context() as env:
        for name, value in case.get("env", {}).items():
            env.setenv(name, value.format(root=root))
        with contextlib.redirect_stderr(err), contextlib.redirect_stdout(io.StringIO()):
            code = build_and_swap(root, site)
    lines = [line for line in err.getvalue().splitlines() if not line.endswith("was left as it was.")]
    return code, lines, site.exists()


def names_in_lines(case: dict) -> str:
    """What every expected line starts with: the broken file, or the environment variable."""
    return case["file"] if "file" in case else next(iter(case["env"]))


def test_corpus_is_large_enough():
    assert len(CASES) >= 100


@pytest.mark.parametrize("case_file", CASES, ids=[c.stem for c in CASES])
def test_bad_data_case(case_file, tmp_path):
    case = yaml.safe_load(case_file.read_text(encoding="utf-8"))
    expected = case["expect"]
    assert expected, f"{case_file.name} has no expectation"
    started = time.perf_counter()
    code, lines, site_written = run_case(case_file, tmp_path)
    assert time.perf_counter() - started < 30, "every input under 2 MB is answered quickly"
    assert code != 0
    assert not site_written
    assert lines == expected
    name = names_in_lines(case)
    assert all(line.startswith((f"{name}:", f"{name}=")) for line in lines)


if __name__ == "__main__":
    import tempfile

    for case_file in CASES:
        with tempfile.TemporaryDirectory() as tmp:
            code, lines, _ = run_case(case_file, Path(tmp))
        print(f"{case_file.name}: exit {code}")
        for line in lines:
            print(f"    {line}")
    sys.exit(0)
