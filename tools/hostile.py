"""`python -m tools.hostile`: how long and how much memory each hostile or oversized input costs.

Two tables, each row measured in a fresh process (time, peak resident memory, exit code):

1. every case of the bad-data corpus (tests/bad_data/: the examples of issue 12 and more),
   run as the test runs it: a copy of the repository, the broken file, `build_and_swap`;
2. valid inputs at the models' caps, built in full: 1,000 communes with 200-character
   names, 50 monthly duties since 2000 (the cap per file), 290 more FAQ answers of 4,000 characters (1.7 MB).

The bound to hold: any input under 2 MB is answered in under 10 s and 300 MB.
A report, not a test: it prints measurements and always exits 0. `--caps`: the second table only.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import tempfile
import textwrap
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
CASES = sorted((REPO / "tests" / "bad_data").glob("*.yaml"))

MEASURE = textwrap.dedent(
    """
    import contextlib, io, json, resource, sys, time
    from pathlib import Path
    started = time.perf_counter()
    kind, argument, tmp = sys.argv[1:]
    if kind == "case":
        from tests.test_bad_data import run_case
        code, lines, built = run_case(Path(argument), Path(tmp))
        first = lines[0] if lines else ""
        size = 0
    else:
        from macros.cli.build import build_and_swap
        err = io.StringIO()
        with contextlib.redirect_stderr(err), contextlib.redirect_stdout(io.StringIO()):
            code = build_and_swap(Path(argument), Path(argument) / "site")
        first = (err.getvalue().splitlines() or [""])[0]
        size = sum(p.stat().st_size for p in (Path(argument) / "site").rglob("*") if p.is_file()) if code == 0 else 0
    usage = resource.getrusage(resource.RUSAGE_SELF)
    print(json.dumps({
        "code": code, "seconds": time.perf_counter() - started, "first": first, "site_bytes": size,
        "cpu": usage.ru_utime + usage.ru_stime, "peak_mb": usage.ru_maxrss / 1024,
    }))
    """
)


def measure(kind: str, argument: Path, tmp: Path, env: dict[str, str] | None = None) -> dict:
    done = subprocess.run(
        [sys.executable, "-c", MEASURE, kind, str(argument), str(tmp)],
        cwd=REPO,
        env={**os.environ, "PYTHONPATH": str(REPO), "NO_MKDOCS_2_WARNING": "1", **(env or {})},
        capture_output=True,
        text=True,
        timeout=600,
    )
    lines = done.stdout.strip().splitlines()
    if done.returncode or not lines:
        return {
            "code": done.returncode,
            "seconds": 0,
            "cpu": 0,
            "peak_mb": 0,
            "first": done.stderr[-200:],
            "site_bytes": 0,
        }
    return json.loads(lines[-1])


# --- valid inputs at the caps ------------------------------------------------------------------


def _copy(dest: Path) -> Path:
    import shutil

    for name in ("data", "docs", "macros", "overrides", "schemas"):
        shutil.copytree(REPO / name, dest / name, ignore=shutil.ignore_patterns("__pycache__"))
    shutil.copy(REPO / "mkdocs.yml", dest / "mkdocs.yml")
    return dest


def _communes(root: Path) -> int:
    pad = "Thử Nghiệm " * 20
    lines = ["source: https://example.org/communes", "verified_on: 2026-11-28", "review_by: 2027-05-28", "communes:"]
    for n in range(1, 1001):
        name = f"{n:04d} {pad}"[:200].strip()
        lines.append(f"  - {{id: xa-{n:04d}, name: '{name}', type: {'phường' if n <= 100 else 'xã'}}}")
    path = root / "data/provinces/thanh-hoa/communes.yaml"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    province = root / "data/provinces/thanh-hoa/province.yaml"
    text = province.read_text(encoding="utf-8").replace("ward_count: 19", "ward_count: 100")
    province.write_text(text.replace("commune_count: 147", "commune_count: 900"), encoding="utf-8")
    return path.stat().st_size


def _duties(root: Path) -> int:
    lines = ["duties:"]
    for n in range(50):
        lines += [
            f"  - id: duty-{n:03d}",
            f"    title: Báo cáo định kỳ số {n}",
            "    owner: cong-an-xa",
            "    recipient: null",
            "    frequency: monthly",
            "    rrule: null",
            "    timing_note: Hằng tháng, nguồn không nêu ngày.",
            '    legal_ref: {document: qd-22-2023, article: "14"}',
            "    audiences: [commune_police, commune_committee, vbsp_office, provincial]",
            "    applies_from: 2000-01-01",
            "    source: https://example.org/duty",
            "    verified_on: 2026-11-28",
            "    review_by: 2027-05-28",
        ]
    path = root / "data/provinces/thanh-hoa/deadlines.yaml"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path.stat().st_size


def _faq(root: Path) -> int:
    """The real questions (pages link to their anchors), then 290 more with answers of 4,000 characters."""
    answer = ("Có thể được, khi đủ các điều kiện khác. " * 100)[:3990].strip()
    topics = ["ai-duoc-vay", "muc-vay", "lai-suat", "thu-tuc", "tra-no", "co-so", "thay-doi", "khac"]
    lines = []
    for n in range(290):
        lines += [
            f"  - id: cau-hoi-{n:03d}",
            f"    topic: {topics[n % len(topics)]}",
            f"    question: Câu hỏi thử số {n}?",
            f"    answer: {answer}",
            "    rules: [condition-individual-time]",
        ]
    path = root / "data/faq.yaml"
    path.write_text(path.read_text(encoding="utf-8") + "\n".join(lines) + "\n", encoding="utf-8")
    return path.stat().st_size


STRESS = {
    "1,000 communes, 200-character names": _communes,
    "50 monthly duties (the cap) since 2000-01-01": _duties,
    "290 more FAQ answers of 4,000 characters": _faq,
}


def main() -> int:
    env = {"SITE_DATE": "2026-12-01"}
    print(f"load average before: {os.getloadavg()[0]:.1f} (wall seconds grow with other work; CPU seconds less)\n")
    print("| bad-data case | exit | seconds | CPU s | peak MB | first line |")
    print("| --- | --- | --- | --- | --- | --- |")
    worst_time = worst_memory = worst_cpu = 0.0
    for case in [] if "--caps" in sys.argv[1:] else CASES:
        with tempfile.TemporaryDirectory() as tmp:
            row = measure("case", case, Path(tmp), env)
        worst_time, worst_memory = max(worst_time, row["seconds"]), max(worst_memory, row["peak_mb"])
        worst_cpu = max(worst_cpu, row["cpu"])
        print(
            f"| {case.stem} | {row['code']} | {row['seconds']:.2f} | {row['cpu']:.2f} | {row['peak_mb']:.0f} | "
            f"{row['first'][:90]} |"
        )
    print(f"\nworst bad-data case: {worst_time:.2f} s ({worst_cpu:.2f} s CPU), {worst_memory:.0f} MB\n")
    print("| valid input at the caps | file bytes | exit | seconds | CPU s | peak MB | site MB |")
    print("| --- | --- | --- | --- | --- | --- | --- |")
    with tempfile.TemporaryDirectory() as tmp:
        row = measure("build", _copy(Path(tmp)), Path(tmp), {**env, "DATA_ROOT": tmp})
        print(
            f"| (the real data) | - | {row['code']} | {row['seconds']:.2f} | {row['cpu']:.2f} | "
            f"{row['peak_mb']:.0f} | {row['site_bytes'] / 1e6:.1f} |"
        )
    for label, make in STRESS.items():
        with tempfile.TemporaryDirectory() as tmp:
            root = _copy(Path(tmp))
            size = make(root)
            row = measure("build", root, root, {**env, "DATA_ROOT": str(root)})
        note = "" if row["code"] == 0 else f" ({row['first'][:80]})"
        print(
            f"| {label} | {size:,} | {row['code']} | {row['seconds']:.2f} | {row['cpu']:.2f} | {row['peak_mb']:.0f} | "
            f"{row['site_bytes'] / 1e6:.1f}{note} |"
        )
    return 0


if __name__ == "__main__":
    sys.exit(main())
