"""`make bench`: how long the builds take and how big they are, measured in one run on this machine.

1. the Thanh Hóa site, as `make build` makes it (median of BENCH_RUNS runs, default 3);
2. the national site of the real data (`make national`: 34 provinces, 3,321 units, 10,035 former
   units), median of BENCH_RUNS runs: wall time, peak memory (RSS) of the build process, site size,
   search index and finder data (gzip), and the finder page's first load;
3. the same real build over a quarter and a half of the provinces (BENCH_RUNS runs each, the
   three sizes in turn): a least-squares line through the three medians (fixed seconds, seconds
   per 1,000 units, how far a point is from it), to show the cost grows linearly with the units;
4. the national site over synthetic data (tools/synthetic.py: 34 provinces, 3,321 communes, with
   offices, duties and figures but no former units), median of BENCH_RUNS runs;
5. a naive baseline: plain Material, one page per commune, the full navigation on every page,
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
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path

import yaml

from macros import settings
from macros.data.dataset import DATA_DIR, load_national, province_dir, province_slugs
from macros.render.duty_words import timing_words
from macros.render.finder import FINDER_DATA_DIR
from macros.render.provinces import sentence
from tools import synthetic
from tools.pageweight import gzip_size, page_weights

BUILD_DAY = "2026-12-01"
"""After the 2026 resolutions: the map in force (unit_changes.yaml) is part of what is measured."""
LIMITS = {
    "province_build_s": 3.0,
    "national_build_s": 30.0,
    "national_peak_mb": 100.0,
    "national_search_index_kb": 150.0,
    "national_finder_data_max_kb": 30.0,
    "national_finder_first_load_kb": 100.0,
    "synthetic_build_s": 60.0,
    "synthetic_site_mb": 150.0,
}
"""Issue 15 for the real national build (time, memory, index, finder data, first load); issue 8 for the rest."""


def site_mb(folder: Path) -> float:
    """Bytes of every file in the built site, in MB (10^6 bytes)."""
    return sum(p.stat().st_size for p in folder.rglob("*") if p.is_file()) / 1e6


def pages(folder: Path) -> int:
    return sum(1 for _ in folder.rglob("*.html"))


@dataclass(frozen=True)
class Run:
    seconds: float
    peak_mb: float
    """The build process's peak resident memory (ru_maxrss), in MB (10^6 bytes)."""


def timed(command: list[str], env: dict[str, str]) -> Run:
    """Run `command` as its own process: wall seconds and its peak memory."""
    started = time.perf_counter()
    with tempfile.TemporaryFile("w+") as output:
        process = subprocess.Popen(command, env=env, stdout=output, stderr=subprocess.STDOUT, text=True)
        _, status, usage = os.wait4(process.pid, 0)
        elapsed = time.perf_counter() - started
        process.returncode = os.waitstatus_to_exitcode(status)
        if process.returncode != 0:
            output.seek(0)
            raise SystemExit(f"{' '.join(command)} failed:\n{output.read()}")
    return Run(elapsed, usage.ru_maxrss * 1024 / 1e6)


def environment(**extra: str) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if k not in ("PROVINCE", "DATA_ROOT", "SITE_DATE")}
    env.update(NO_MKDOCS_2_WARNING="1", PYTHONPATH=str(settings.REPO_ROOT), SITE_DATE=BUILD_DAY, **extra)
    return env


def build_runs(work: Path, name: str, runs: int, **env: str) -> tuple[Run, Path]:
    """The median time (and the largest peak memory) of `runs` builds of `python -m macros.cli.build`,
    and the last site."""
    done = []
    for run in range(runs):
        out = work / f"{name}-{run}"
        done.append(timed([sys.executable, "-m", "macros.cli.build", str(out)], environment(**env)))
    return Run(statistics.median(r.seconds for r in done), max(r.peak_mb for r in done)), out


# --- the real national site -------------------------------------------------------------------------


def real_subset(dest: Path, provinces: list[str]) -> Path:
    """A copy of data/ holding only `provinces` (the real files), for a smaller real national build."""
    shutil.copytree(settings.REPO_ROOT / DATA_DIR, dest / DATA_DIR, ignore=shutil.ignore_patterns("provinces"))
    for slug in provinces:
        shutil.copytree(province_dir(settings.REPO_ROOT, slug), province_dir(dest, slug))
    synthetic.keep_coordination(dest / DATA_DIR / "coordination.yaml", set(provinces))
    return dest


def linear_fit(points: list[tuple[int, float]]) -> tuple[float, float, float]:
    """Least squares t = a + b * n: (a, b, the largest distance of a point from the line)."""
    mean_n = statistics.mean(n for n, _ in points)
    mean_t = statistics.mean(t for _, t in points)
    slope = sum((n - mean_n) * (t - mean_t) for n, t in points) / sum((n - mean_n) ** 2 for n, _ in points)
    fixed = mean_t - slope * mean_n
    return fixed, slope, max(abs(t - fixed - slope * n) for n, t in points)


def units_of(provinces: list[str]) -> int:
    national = load_national(settings.REPO_ROOT, provinces)
    return sum(len(p.communes) for p in national.provinces.values())


def national_figures(site: Path) -> dict[str, float]:
    """What issue 15 limits besides time and memory, read from a built national site (KB = 1,000 bytes)."""
    finder_files = {p.stem: gzip_size(p) for p in (site / FINDER_DATA_DIR).glob("*.json")}
    index = finder_files.pop("index")
    weights = {w.page: w.total for w in page_weights(site)}
    finder = load_national(settings.REPO_ROOT, province_slugs(settings.REPO_ROOT)[:1]).roles.pages.office_finder
    return {
        "national_search_index_kb": round(gzip_size(site / "search" / "search_index.json") / 1000, 1),
        "national_finder_index_kb": round(index / 1000, 1),
        "national_finder_data_max_kb": round(max([index, *finder_files.values()]) / 1000, 1),
        "national_finder_first_load_kb": round(weights[finder.removesuffix(".md") + "/"] / 1000, 1),
        "national_heaviest_page_kb": round(max(weights.values()) / 1000, 1),
    }


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

        province, province_site = build_runs(work, "thanh-hoa", runs, PROVINCE=settings.DEFAULT_PROVINCE)
        print(f"  Thanh Hóa: {province.seconds:.2f} s", flush=True)

        slugs = province_slugs(settings.REPO_ROOT)
        parts = [slugs[: len(slugs) // 4], slugs[: len(slugs) // 2], slugs]
        roots = [real_subset(work / f"real-{len(p)}", p) for p in parts[:-1]] + [settings.REPO_ROOT]
        # the three sizes in turn, run after run: a busy moment of the machine slows each alike
        times: list[list[Run]] = [[] for _ in parts]
        for run in range(runs):
            for i, root in enumerate(roots):
                out = work / f"national-real-{i}-{run}"
                env = environment(PROVINCE=settings.NATIONAL, DATA_ROOT=str(root))
                times[i].append(timed([sys.executable, "-m", "macros.cli.build", str(out)], env))
        real_site = work / f"national-real-{len(parts) - 1}-{runs - 1}"
        scaling = [
            (len(p), units_of(p), Run(statistics.median(r.seconds for r in t), max(r.peak_mb for r in t)))
            for p, t in zip(parts, times)
        ]
        real, real_units = scaling[-1][2], scaling[-1][1]
        print(f"  national (real data): {real.seconds:.2f} s, {real.peak_mb:.0f} MB", flush=True)
        fixed, per_unit, off = linear_fit([(units, run.seconds) for _, units, run in scaling])

        started = time.perf_counter()
        summary = synthetic.generate(work / "synthetic")
        generate_s = time.perf_counter() - started
        national, national_site = build_runs(
            work, "national", runs, PROVINCE=settings.NATIONAL, DATA_ROOT=str(work / "synthetic")
        )
        print(f"  national (synthetic): {national.seconds:.2f} s", flush=True)

        baseline_pages = write_baseline(work / "synthetic", work / "baseline", fraction)
        baseline = timed(
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
        print(f"  baseline: {baseline.seconds:.2f} s", flush=True)

        result = {
            "province_build_s": round(province.seconds, 2),
            "province_peak_mb": round(province.peak_mb, 1),
            "national_build_s": round(real.seconds, 2),
            "national_peak_mb": round(real.peak_mb, 1),
            "national_site_mb": round(site_mb(real_site), 1),
            "national_provinces": len(slugs),
            "national_units": real_units,
            **national_figures(real_site),
            "national_scaling_units": [units for _, units, _ in scaling],
            "national_scaling_s": [round(r.seconds, 2) for _, _, r in scaling],
            "national_fixed_s": round(fixed, 2),
            "national_s_per_1000_units": round(per_unit * 1000, 2),
            "national_fit_off_s": round(off, 2),
            "synthetic_build_s": round(national.seconds, 2),
            "synthetic_peak_mb": round(national.peak_mb, 1),
            "synthetic_site_mb": round(site_mb(national_site), 1),
            "baseline_build_s": round(baseline.seconds, 2),
            "baseline_site_mb": round(site_mb(work / "baseline-site"), 1),
            "baseline_fraction": fraction,
            "baseline_commune_pages": baseline_pages,
            "synthetic_provinces": summary.provinces,
            "synthetic_communes": summary.communes,
            "runs": runs,
        }
        rows = [
            ("Thanh Hóa (real data)", pages(province_site), province, site_mb(province_site), "≤ 3 s"),
            (
                f"national, real: {len(slugs)} provinces, {real_units:,} units",
                pages(real_site),
                real,
                result["national_site_mb"],
                "≤ 30 s, ≤ 100 MB",
            ),
            *(
                (f"  the same, {count} provinces, {units:,} units", None, run, None, "")
                for count, units, run in scaling[:-1]
            ),
            (
                f"national, synthetic: {summary.provinces} provinces, {summary.communes:,} communes",
                pages(national_site),
                national,
                result["synthetic_site_mb"],
                "≤ 60 s, ≤ 150 MB site",
            ),
            (
                f"naive baseline: {fraction:.0%} scale, {baseline_pages:,} commune pages",
                pages(work / "baseline-site"),
                baseline,
                result["baseline_site_mb"],
                "(for comparison)",
            ),
        ]
    table = [
        (
            name,
            "" if count is None else str(count),
            f"{run.seconds:.2f}",
            f"{run.peak_mb:.0f}",
            "" if mb is None else f"{mb:.1f}",
            limit,
        )
        for name, count, run, mb, limit in rows
    ]
    widths = [max(len(r[i]) for r in table + [HEAD]) for i in range(len(HEAD))]
    print()
    for row in [HEAD] + table:
        print("  ".join(c.ljust(w) if i in (0, 5) else c.rjust(w) for i, (c, w) in enumerate(zip(row, widths))))
    print(
        f"\nMedian of {runs} builds where not said (each in a new process, as `make build`); peak memory is the"
        f" largest of them. The synthetic data took {generate_s:.2f} s to write."
    )
    print(
        "Real national site: search index {national_search_index_kb} KB gzip (≤ 150), finder index"
        " {national_finder_index_kb} KB, largest finder file {national_finder_data_max_kb} KB (≤ 30), finder page"
        " first load {national_finder_first_load_kb} KB (< 100), heaviest page {national_heaviest_page_kb} KB.".format(
            **result
        )
    )
    print(
        f"Real national build against its size ({', '.join(f'{u:,} units {t} s' for u, t in zip(result['national_scaling_units'], result['national_scaling_s']))}):"
        f" {fixed:.1f} s fixed + {per_unit * 1000:.2f} s per 1,000 units, no point more than {off:.2f} s off that line"
        " (linear: the cost of each unit does not grow with the number of units)."
    )
    over = [k for k, limit in LIMITS.items() if result[k] > limit]
    print("All within the acceptance limits." if not over else f"Over the limit: {', '.join(over)}.")
    print(json.dumps(result))
    return 0


HEAD = ("build", "pages", "time (s)", "peak (MB)", "site (MB)", "limit")

if __name__ == "__main__":
    sys.exit(main())
