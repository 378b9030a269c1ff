"""The bad-data corpus: each broken file gives exactly its expected errors and builds nothing.

Each case in tests/bad_data/ names the data file it replaces, the replacement
(`content`, or `generate` for byte-level cases) and the exact lines the build
must print. `python -m tests.test_bad_data` prints what each case gives now,
to help write the expectation of a new case (read it before you trust it).
"""

from __future__ import annotations

import contextlib
import io
import sys
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
    raise ValueError(f"unknown generate: {kind}")


def run_case(case_file: Path, tmp: Path) -> tuple[int, list[str], bool]:
    case = yaml.safe_load(case_file.read_text(encoding="utf-8"))
    root = copy_repo(tmp)
    (root / case["file"]).write_bytes(replacement(case))
    site = root / "site"
    err = io.StringIO()
    with contextlib.redirect_stderr(err), contextlib.redirect_stdout(io.StringIO()):
        code = build_and_swap(root, site)
    lines = [line for line in err.getvalue().splitlines() if not line.endswith("was left as it was.")]
    return code, lines, site.exists()


def test_corpus_is_large_enough():
    assert len(CASES) >= 40


@pytest.mark.parametrize("case_file", CASES, ids=[c.stem for c in CASES])
def test_bad_data_case(case_file, tmp_path):
    expected = yaml.safe_load(case_file.read_text(encoding="utf-8"))["expect"]
    assert expected, f"{case_file.name} has no expectation"
    code, lines, site_written = run_case(case_file, tmp_path)
    assert code != 0
    assert not site_written
    assert lines == expected
    target = yaml.safe_load(case_file.read_text(encoding="utf-8"))["file"]
    assert all(line.startswith(f"{target}:") for line in lines)


if __name__ == "__main__":
    import tempfile

    for case_file in CASES:
        with tempfile.TemporaryDirectory() as tmp:
            code, lines, _ = run_case(case_file, Path(tmp))
        print(f"{case_file.name}: exit {code}")
        for line in lines:
            print(f"    {line}")
    sys.exit(0)
