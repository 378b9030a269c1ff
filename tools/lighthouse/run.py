"""`python -m tools.lighthouse.run [SITE_DIR]`: Lighthouse mobile scores of four pages, served like GitHub Pages.

`make lighthouse` builds the site, installs the pinned Lighthouse into tools/lighthouse/
(never needed by `make test`), then runs this: the built site is served by
`tools.ghpages` (gzip and Pages' cache headers) on 127.0.0.1, and Lighthouse runs in
its default mobile mode (simulated slow 4G, 4x CPU slowdown) with the system Chromium
on each page in PAGES. It prints one row per page and writes every report, JSON and
HTML, to `.lighthouse/` (ignored by git). Exit status 1 when a category scores below
LIGHTHOUSE_MIN (default 98).

`--every-page`: every page of the site, once each, in the two categories a page must hold at 100
(accessibility and best practices, with the content policy on); performance and SEO are the four
pages' business. `make lighthouse-every-page` (PROVINCE=ca-nuoc for the national site).

Environment: CHROME_PATH (default /usr/bin/chromium), LIGHTHOUSE_RUNS (runs per page,
default 3; the run with the median performance score is kept, as Lighthouse advises),
LIGHTHOUSE_MIN, LIGHTHOUSE_OUT (default .lighthouse).

Lighthouse simulates the network but scales the CPU time it observes: other work on the
machine (a test run, a build) inflates blocking time and paint times. The run prints the
load average before each run and warns when it exceeds the number of CPUs.
"""

from __future__ import annotations

import json
import os
import statistics
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

from macros.settings import REPO_ROOT
from tools.ghpages import serve_like_pages

LIGHTHOUSE = REPO_ROOT / "tools" / "lighthouse" / "node_modules" / ".bin" / "lighthouse"
CHROME_FLAGS = (
    "--headless --no-sandbox --disable-gpu --disable-background-networking --disable-component-update --disable-sync"
)
CATEGORIES = ("performance", "accessibility", "best-practices", "seo")
HEADINGS = {"performance": "perf", "accessibility": "a11y", "best-practices": "best", "seo": "seo"}
METRICS = {
    "first-contentful-paint": "FCP",
    "largest-contentful-paint": "LCP",
    "total-blocking-time": "TBT",
    "cumulative-layout-shift": "CLS",
}

# (name of the report, path in the site): the home page, a start page, the eligibility check, the office finder.
PAGES = (
    ("home", ""),
    ("start-business", "bat-dau/vay-kinh-doanh/"),
    ("check", "cong-cu/kiem-tra/"),
    ("finder", "cong-cu/tim-co-quan/"),
)


@dataclass
class Result:
    name: str
    path: str
    scores: dict[str, int | None]  # category -> 0..100, None when Lighthouse could not score it
    metrics: dict[str, str]  # short metric name -> value as Lighthouse displays it
    transfer_kb: float
    failed_audits: list[str]  # ids of scored audits below 1 in the categories other than performance


def read_report(report: dict, name: str = "", path: str = "") -> Result:
    """The scores, key metrics and failing audits of one Lighthouse JSON report."""
    categories = report["categories"]
    scores = {}
    for category in CATEGORIES:
        score = categories.get(category, {}).get("score")
        scores[category] = None if score is None else round(score * 100)
    audits = report["audits"]
    metrics = {
        short: (audits.get(audit, {}).get("displayValue") or "?").replace("\xa0", " ")
        for audit, short in METRICS.items()
    }
    transfer = audits.get("total-byte-weight", {}).get("numericValue") or 0
    failed = []
    for category in CATEGORIES[1:]:
        for ref in categories.get(category, {}).get("auditRefs", []):
            audit = audits.get(ref["id"], {})
            if ref.get("weight") and audit.get("score") is not None and audit["score"] < 1:
                failed.append(ref["id"])
    return Result(name, path, scores, metrics, round(transfer / 1024, 1), failed)


def format_table(results: list[Result]) -> str:
    """A plain-text table: one row per page, the four category scores, then the metrics."""
    head = ["page", *(HEADINGS[c] for c in CATEGORIES), *METRICS.values(), "KB"]
    rows = [head]
    for r in results:
        rows.append(
            [
                "/" + r.path,
                *("-" if r.scores[c] is None else str(r.scores[c]) for c in CATEGORIES),
                *(r.metrics[m] for m in METRICS.values()),
                f"{r.transfer_kb:g}",
            ]
        )
    widths = [max(len(row[i]) for row in rows) for i in range(len(head))]
    lines = [
        "  ".join(cell.ljust(w) if i == 0 else cell.rjust(w) for i, (cell, w) in enumerate(zip(row, widths)))
        for row in rows
    ]
    lines.insert(1, "  ".join("-" * w for w in widths))
    return "\n".join(lines)


def below(results: list[Result], minimum: int, categories: tuple[str, ...] = CATEGORIES) -> list[str]:
    """ "page: category score" for every score in `categories` under `minimum` (or missing)."""
    return [
        f"/{r.path}: {c} {'missing' if r.scores[c] is None else r.scores[c]}"
        for r in results
        for c in categories
        if r.scores[c] is None or r.scores[c] < minimum
    ]


def median_run(reports: list[dict]) -> dict:
    """The report whose performance score is the median of the runs (the first such one)."""
    perf = [r["categories"]["performance"]["score"] or 0 for r in reports]
    middle = statistics.median_low(perf)
    return reports[perf.index(middle)]


EVERY_PAGE_CATEGORIES = ("accessibility", "best-practices")


def run_lighthouse(url: str, out: Path, only: tuple[str, ...] = ()) -> dict:
    """One Lighthouse run (mobile, default settings); writes out.report.json and out.report.html.
    `only`: the categories to run (all when empty)."""
    env = dict(os.environ, CHROME_PATH=os.environ.get("CHROME_PATH", "/usr/bin/chromium"))
    command = [
        str(LIGHTHOUSE),
        url,
        "--quiet",
        "--output=json",
        "--output=html",
        f"--output-path={out}",
        f"--chrome-flags={CHROME_FLAGS}",
    ]
    if only:
        command.append(f"--only-categories={','.join(only)}")
    subprocess.run(command, check=True, env=env)
    return json.loads(out.with_name(out.name + ".report.json").read_text(encoding="utf-8"))


def every_page(site: Path) -> int:
    """Accessibility and best practices at 100 on every page of `site`, one run each."""
    from tools.pageweight import content_pages

    out_dir = Path(os.environ.get("LIGHTHOUSE_OUT", REPO_ROOT / ".lighthouse")) / "every-page"
    out_dir.mkdir(parents=True, exist_ok=True)
    paths = [p.relative_to(site).as_posix().removesuffix("index.html") for p in content_pages(site)]
    results = []
    with serve_like_pages(site) as base:
        for number, path in enumerate(paths, start=1):
            report = run_lighthouse(base + path, out_dir / f"page-{number}", EVERY_PAGE_CATEGORIES)
            results.append(read_report(report, f"page-{number}", path))
    for r in results:
        if r.failed_audits:
            print(f"/{r.path}: failing audits: {', '.join(r.failed_audits)}")
    low = below(results, 100, EVERY_PAGE_CATEGORIES)
    if low:
        print(f"Below 100 ({len(low)}): " + "; ".join(low))
        return 1
    print(f"Accessibility and best practices 100 on all {len(results)} pages of {site}.")
    return 0


def main() -> int:
    arguments = [a for a in sys.argv[1:] if a != "--every-page"]
    site = Path(arguments[0] if arguments else "site")
    if "--every-page" in sys.argv[1:]:
        if not LIGHTHOUSE.exists():
            print(f"{LIGHTHOUSE} is missing: run `make lighthouse` (it installs tools/lighthouse/)", file=sys.stderr)
            return 2
        return every_page(site)
    runs = int(os.environ.get("LIGHTHOUSE_RUNS", "3"))
    minimum = int(os.environ.get("LIGHTHOUSE_MIN", "98"))
    out_dir = Path(os.environ.get("LIGHTHOUSE_OUT", REPO_ROOT / ".lighthouse"))
    if not LIGHTHOUSE.exists():
        print(f"{LIGHTHOUSE} is missing: run `make lighthouse` (it installs tools/lighthouse/)", file=sys.stderr)
        return 2
    if not (site / "index.html").is_file():
        print(f"{site}/index.html not found: run `make build` first", file=sys.stderr)
        return 2
    out_dir.mkdir(parents=True, exist_ok=True)
    results = []
    with serve_like_pages(site) as base:
        for name, path in PAGES:
            reports, loads = [], []
            for i in range(runs):
                loads.append(os.getloadavg()[0])
                reports.append(run_lighthouse(base + path, out_dir / f"{name}-{i + 1}"))
            kept = median_run(reports)
            (out_dir / f"{name}.report.json").write_text(json.dumps(kept, ensure_ascii=False), encoding="utf-8")
            results.append(read_report(kept, name, path))
            perf = ", ".join(str(round((r["categories"]["performance"]["score"] or 0) * 100)) for r in reports)
            cpu = ", ".join(str(round(r["environment"]["benchmarkIndex"])) for r in reports)
            print(
                f"{name}: performance over {runs} run(s): {perf} (Lighthouse CPU benchmark {cpu}; "
                f"load average before each run {', '.join(f'{x:.1f}' for x in loads)} on {os.cpu_count()} CPUs)",
                file=sys.stderr,
            )
            if max(loads) > (os.cpu_count() or 1):
                print(
                    f"{name}: other work was sharing the CPU, so timings are slower than the page deserves: "
                    "rerun on an idle machine",
                    file=sys.stderr,
                )
    print(
        f"Lighthouse {kept['lighthouseVersion']}, {kept['configSettings']['formFactor']}, "
        f"{kept['environment']['hostUserAgent'].split(') ')[-1]}; served like GitHub Pages (gzip, max-age=600)"
    )
    print(format_table(results))
    for r in results:
        if r.failed_audits:
            print(f"/{r.path}: failing audits: {', '.join(r.failed_audits)}")
    low = below(results, minimum)
    print(f"Reports: {out_dir}/<page>.report.json (median run) and <page>-<run>.report.html")
    if low:
        print(f"Below {minimum}: " + "; ".join(low))
        return 1
    print(f"All four categories >= {minimum} on all {len(results)} pages.")
    return 0


if __name__ == "__main__":
    sys.exit(main())
