"""`make bench`: how long the builds take and how big they are, measured in one run on this machine.

1. the Thanh Hóa site, as `make build` makes it (median of BENCH_RUNS runs, default 3);
2. the national site over synthetic data (macros/synthetic.py: 34 provinces, 3,321 communes),
   as `make national` makes it (median of BENCH_RUNS runs);
3. a naive baseline: plain Material, one page per commune, the full navigation on every page,
   no `navigation.prune`, no macros; over the same synthetic communes, or the fraction
   BENCH_BASELINE_FRACTION of them (default 0.25: its cost grows with the square of the
   page count, about 6 minutes and 2.4 GB at full scale on this kind of machine).

Each build runs in its own process, like the make targets. Prints a table, then one line
of JSON. It measures; it asserts nothing (the limits are in the table for reading).
"""

from __future__ import annotations

import json
import math
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import yaml

from macros import settings
from macros.data.dataset import load_national
from macros.render.provinces import sentence
from macros.rules.schedule import timing_words
from tools import synthetic

BUILD_DAY = "2025-12-01"
LIMITS = {"province_build_s": 3.0, "national_build_s": 60.0, "national_site_mb": 150.0}


def site_mb(folder: Path) -> float:
    """Bytes of every file in the built site, in MB (10^6 bytes)."""
    return sum(p.stat().st_size for p in folder.rglob("*") if p.is_file()) / 1e6


def pages(folder: Path) -> int:
    return sum(1 for _ in folder.rglob("*.html"))


def timed(command: list[str], env: dict[str, str]) -> float:
    started = time.perf_counter()
    result = subprocess.run(command, env=env, capture_output=True, text=True)
    elapsed = time.perf_counter() - started
    if result.returncode != 0:
        raise SystemExit(f"{' '.join(command)} failed:\n{result.stdout}\n{result.stderr}")
    return elapsed


def environment(**extra: str) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if k not in ("PROVINCE", "DATA_ROOT", "SITE_DATE")}
    env.update(NO_MKDOCS_2_WARNING="1", PYTHONPATH=str(settings.REPO_ROOT), SITE_DATE=BUILD_DAY, **extra)
    return env


def build_runs(work: Path, name: str, runs: int, **env: str) -> tuple[float, Path]:
    """Median seconds of `runs` builds of `python -m macros.cli.build`, and the last site."""
    times = []
    for run in range(runs):
        out = work / f"{name}-{run}"
        times.append(timed([sys.executable, "-m", "macros.cli.build", str(out)], environment(**env)))
    return statistics.median(times), out


# --- the naive baseline ---------------------------------------------------------------------


def write_baseline(data_root: Path, dest: Path, fraction: float) -> int:
    """A plain Material project: one Markdown page per commune (the first `fraction` of each
    province's), each repeating its province's offices and duties; every page in the nav."""
    national = load_national(data_root)
    docs = dest / "docs"
    docs.mkdir(parents=True)
    (docs / "index.md").write_text(
        "# Vay vốn theo Quyết định 22\n\nChọn xã, phường trong danh mục.\n", encoding="utf-8"
    )
    nav: list = [{"Trang chủ": "index.md"}]
    count = 0
    for slug, province in national.provinces.items():
        units = list(province.communes.values())[: math.ceil(len(province.communes) * fraction)]
        (docs / slug).mkdir()
        offices = [
            f"- {o.name}: địa chỉ chưa xác minh; điện thoại chưa xác minh."
            for o in province.offices.values()
            if o.serves == "whole_province"
        ]
        duties = ["| Việc | Ai làm | Khi nào |", "| --- | --- | --- |"] + [
            f"| {d.title} | {province.body_name(d.owner)} | {timing_words(d)} |" for d in province.duties.values()
        ]
        section = []
        for unit in units:
            title = f"{sentence(unit.type)} {unit.name}"
            office = province.offices[unit.vbsp_office].name if unit.vbsp_office else "chưa xác minh"
            body = [
                f"# {title}",
                "",
                f"Thuộc {province.province.full_name}.",
                "",
                "## Nơi liên hệ",
                "",
                f"- Công an {unit.type} {unit.name}; Ủy ban nhân dân {unit.type} {unit.name}.",
                f"- Phòng giao dịch Ngân hàng Chính sách xã hội: {office}.",
                *offices,
                "",
                "## Công việc định kỳ",
                "",
                *duties,
                "",
            ]
            (docs / slug / f"{unit.id}.md").write_text("\n".join(body), encoding="utf-8")
            section.append({title: f"{slug}/{unit.id}.md"})
            count += 1
        nav.append({sentence(province.province.full_name): section})
    config = {
        "site_name": "Naive baseline",
        "site_url": "http://127.0.0.1:8000/",
        "use_directory_urls": True,
        "theme": {"name": "material", "language": "vi", "font": False},
        "plugins": ["search"],
        "nav": nav,
    }
    (dest / "mkdocs.yml").write_text(yaml.safe_dump(config, allow_unicode=True, sort_keys=False), encoding="utf-8")
    return count


# --- the run ----------------------------------------------------------------------------------


def main() -> int:
    runs = int(os.environ.get("BENCH_RUNS", "3"))
    fraction = float(os.environ.get("BENCH_BASELINE_FRACTION", "0.25"))
    with tempfile.TemporaryDirectory(prefix="bench-") as tmp:
        work = Path(tmp)
        print(f"Building in {work} ({os.cpu_count()} CPU); build date {BUILD_DAY}.", flush=True)

        province_s, province_site = build_runs(work, "thanh-hoa", runs, PROVINCE=settings.DEFAULT_PROVINCE)
        print(f"  Thanh Hóa: {province_s:.2f} s", flush=True)

        started = time.perf_counter()
        summary = synthetic.generate(work / "synthetic")
        generate_s = time.perf_counter() - started
        national_s, national_site = build_runs(
            work, "national", runs, PROVINCE=settings.NATIONAL, DATA_ROOT=str(work / "synthetic")
        )
        print(f"  national (synthetic): {national_s:.2f} s", flush=True)

        baseline_pages = write_baseline(work / "synthetic", work / "baseline", fraction)
        baseline_s = timed(
            [
                sys.executable,
                "-m",
                "mkdocs",
                "build",
                "--quiet",
                "-f",
                str(work / "baseline" / "mkdocs.yml"),
                "-d",
                str(work / "baseline-site"),
            ],
            environment(),
        )
        print(f"  baseline: {baseline_s:.2f} s", flush=True)

        result = {
            "province_build_s": round(province_s, 2),
            "national_build_s": round(national_s, 2),
            "national_site_mb": round(site_mb(national_site), 1),
            "baseline_build_s": round(baseline_s, 2),
            "baseline_site_mb": round(site_mb(work / "baseline-site"), 1),
            "baseline_fraction": fraction,
            "baseline_commune_pages": baseline_pages,
            "national_provinces": summary.provinces,
            "national_communes": summary.communes,
            "runs": runs,
        }
        rows = [
            (
                "Thanh Hóa (real data)",
                pages(province_site),
                f"{province_s:.2f}",
                f"{site_mb(province_site):.1f}",
                "≤ 3 s",
            ),
            (
                f"national, synthetic: {summary.provinces} provinces, {summary.communes:,} communes",
                pages(national_site),
                f"{national_s:.2f}",
                f"{result['national_site_mb']:.1f}",
                "≤ 60 s, ≤ 150 MB",
            ),
            (
                f"naive baseline: {fraction:.0%} scale, {baseline_pages:,} commune pages",
                pages(work / "baseline-site"),
                f"{baseline_s:.2f}",
                f"{result['baseline_site_mb']:.1f}",
                "(for comparison)",
            ),
        ]
    widths = [max(len(str(r[i])) for r in rows + [HEAD]) for i in range(len(HEAD))]
    print()
    for row in [HEAD] + rows:
        print(
            "  ".join(str(c).ljust(w) if i in (0, 4) else str(c).rjust(w) for i, (c, w) in enumerate(zip(row, widths)))
        )
    print(
        f"\nMedian of {runs} builds for the first two (each in a new process, as `make build`); the synthetic data took {generate_s:.2f} s to write."
    )
    over = [k for k, limit in LIMITS.items() if result[k] > limit]
    print("All within the acceptance limits." if not over else f"Over the limit: {', '.join(over)}.")
    print(json.dumps(result))
    return 0


HEAD = ("build", "pages", "time (s)", "site (MB)", "limit")

if __name__ == "__main__":
    sys.exit(main())
