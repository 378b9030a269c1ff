"""Pagefind against today's search (issue 21): `python -m tools.pagefind_eval SITE [options]`.

Copies a built site (MkDocs' `site/` or Zensical's `site-zensical/`), indexes the copy with
Pagefind's Python API (pagefind 1.5.2 and its binary, requirements-test.txt), writes a search page
(`pagefind-eval/`: a plain box, tools/pagefind/search.js on Pagefind's JavaScript API, results drawn
as text) and types every query of tests/search_queries.yaml into it in Chromium, as
tools/search_eval.py does with Material's box. Prints hit@1, hit@3 (with and without
diacritics), the `first: true` queries, whether a result link carries the words typed, and the
bytes the site sends as GitHub Pages would (tools/ghpages): on opening the search, for each query,
and for five queries in an empty cache; on a site built by MkDocs, also what Material's own search
fetches when opened.

What is indexed, to compare with Material's index (macros/outputs/search_index.py):

- each page's article, split at its headings as Material splits it (`--split sections`; `pages`
  indexes each page whole): each part a document whose h1 (Pagefind's `title`) is the heading,
  with the page's title as `page`, `data-pagefind-ignore` left out;
- metadata fields, searched and weighted, never shown: `firstwords` (a page's `keywords:` front
  matter, on its first part) and `keywords` (the everyday words of data/search_synonyms.yaml whose
  site term is in the part's heading). Pagefind 1.5 folds tones and marks itself, not "đ": the box
  searches a word typed with "d" with "đ" too (`--folded` instead adds each part's "đ" words spelt
  with "d" as a field; it changes nothing measured);
- one document per unit of today, its title the unit, its text the units it was made of: Thanh
  Hóa's lead to the finder as Material's unit entries do (`?q=<unit>`); the national site gets one
  per unit of the country (`?tinh=<province>&q=<unit>`) where Material has one per province. An
  address is made from data, never from the words typed.

CONFIGS are ways the box searches. Options: `--province ca-nuoc` (the data of the site; default
$PROVINCE), `--units national-sample` adds 48 names typed as tests/test_national.py types them,
`--chunk-size N` sets PAGEFIND_UNSTABLE_INDEX_CHUNK_SIZE (Pagefind's default 20,000 word
locations), `--no-keywords` indexes neither field, `--csp` puts a Content-Security-Policy without
'unsafe-inline' on the search page and counts violations, `--cold-only`, `--keep DIR` keeps the
indexed copy, `--json FILE` writes the figures.
"""

from __future__ import annotations

import argparse
import asyncio
import contextlib
import json
import os
import random
import re
import shutil
import sys
import tempfile
import threading
import time
from dataclasses import asdict, dataclass, field
from pathlib import Path
from urllib.parse import quote, urlsplit

from macros import settings
from macros.data.dataset import Dataset
from macros.data.site import load
from macros.render import finder
from macros.text import fold
from tools.pagefind_index import BUNDLE, IndexReport, build_index
from tools.search_eval import Outcome, load_queries, report

HERE = Path(__file__).resolve().parent
ASSETS = HERE / "pagefind"
EVAL_DIR = "pagefind-eval"

CONFIGS = {
    # Pagefind as it comes: every word must start a word of the result.
    "default": {"options": {}},
    # A word typed with "d" also searched with "đ"; when the whole query finds less than a screen,
    # what has all words but one follows.
    "expand": {"options": {}, "relax": True, "expandD": True},
    # The same, and results with two words typed side by side raised (tools/pagefind/search.js).
    "pairs": {"options": {}, "relax": True, "expandD": True, "pairWeight": 1.0},
    # The same, keywords (everyday words, a start page's first words) counting more than a title.
    "tuned": {
        "options": {"ranking": {"metaWeights": {"title": 5.0, "keywords": 10.0}}},
        "relax": True,
        "expandD": True,
        "pairWeight": 1.0,
    },
    # The same, a page's own first words (`keywords:` front matter) counting four times a title.
    "first": {
        "options": {"ranking": {"metaWeights": {"title": 5.0, "keywords": 10.0, "firstwords": 20.0}}},
        "relax": True,
        "expandD": True,
        "pairWeight": 1.0,
    },
}


def write_search_page(site: Path, config: str, csp: bool) -> None:
    folder = site / EVAL_DIR
    folder.mkdir(exist_ok=True)
    shutil.copy(ASSETS / "search.js", folder / "search.js")
    options = {**CONFIGS[config]["options"], "excerptLength": 20}
    page_settings = {"bundle": "../" + BUNDLE, "options": options}
    page_settings |= {k: v for k, v in CONFIGS[config].items() if k != "options"}
    settings_json = json.dumps(page_settings, ensure_ascii=False)
    settings_json = settings_json.replace("</", "<\\/")
    policy = (
        '<meta http-equiv="Content-Security-Policy" content="default-src \'self\'; '
        "script-src 'self' 'wasm-unsafe-eval'; worker-src 'self'; style-src 'self'; "
        "object-src 'none'; base-uri 'none'\">"
        if csp
        else ""
    )
    (folder / "index.html").write_text(
        "<!doctype html>\n"
        f'<html lang="vi"><head><meta charset="utf-8"><title>Tìm kiếm</title>{policy}\n'
        f'<script type="application/json" id="pf-settings">{settings_json}</script>\n'
        '<script type="module" src="search.js"></script></head>\n'
        '<body><input id="pf-q" type="search" aria-label="Tìm kiếm" autocomplete="off">\n'
        '<p id="pf-count"></p><ol id="pf-results"></ol></body></html>\n',
        encoding="utf-8",
    )


# --- typing the queries ------------------------------------------------------------------------

WAIT_MS = 120_000


def wait_until(tab, predicate: str, arg=None) -> None:
    """Poll `predicate` (a function) in the page. Playwright's wait_for_function evaluates a string
    when it polls, which the page's Content-Security-Policy (no 'unsafe-eval') refuses."""
    deadline = time.monotonic() + WAIT_MS / 1000
    while not tab.evaluate(predicate, arg):
        if time.monotonic() > deadline:
            raise TimeoutError(predicate)
        tab.wait_for_timeout(50)


@contextlib.contextmanager
def serve_and_count(root: Path):
    """The site served as GitHub Pages answers it (tools/ghpages: text gzipped, Pagefind's files as
    they are, cache headers); yields (base URL, log) where the log gets (path, bytes of the answer's
    body) for every request, the search worker's included (the browser does not report those)."""
    from tools.ghpages import PagesHandler, PagesServer

    log: list[tuple[str, int]] = []

    class CountingHandler(PagesHandler):
        def send_header(self, keyword: str, value: str) -> None:
            if keyword.lower() == "content-length":
                log.append((urlsplit(self.path).path, int(value)))
            super().send_header(keyword, value)

    server = PagesServer(root)
    server.RequestHandlerClass = CountingHandler
    threading.Thread(target=server.serve_forever, daemon=True).start()
    try:
        yield server.url, log
    finally:
        server.shutdown()


@dataclass
class Traffic:
    opening: dict[str, int] = field(default_factory=dict)
    per_query: list[int] = field(default_factory=list)
    per_query_files: list[int] = field(default_factory=list)
    typed_in_urls: list[str] = field(default_factory=list)
    csp_violations: list[str] = field(default_factory=list)


def type_queries(browser, base: str, served: list, queries: list[dict]) -> tuple[list[Outcome], Traffic, list]:
    context = browser.new_context(viewport={"width": 1280, "height": 900}, locale="vi-VN")
    tab = context.new_page()
    traffic = Traffic()
    outcomes, hrefs_seen = [], []
    try:
        tab.goto(base + EVAL_DIR + "/", wait_until="networkidle")
        tab.evaluate(
            "() => { window.__csp = []; document.addEventListener('securitypolicyviolation',"
            " e => window.__csp.push(e.violatedDirective + ' ' + e.blockedURI)); }"
        )
        before_open = len(served)
        box = tab.locator("#pf-q")
        box.click()
        wait_until(tab, "() => window.__pf.ready")
        tab.wait_for_timeout(500)
        for path, size in served[before_open:]:
            traffic.opening[path.rsplit("/", 1)[-1]] = size
        for item in queries:
            box.fill("")
            wait_until(tab, "() => window.__pf.done === window.__pf.sent")
            start = len(served)
            box.press_sequentially(item["query"])
            wait_until(
                tab,
                "q => window.__pf.done === window.__pf.sent && document.getElementById('pf-q').value === q",
                item["query"],
            )
            new = served[start:]
            traffic.per_query.append(sum(size for _, size in new))
            traffic.per_query_files.append(len(new))
            hrefs = tab.eval_on_selector_all(
                "#pf-results > li > a", "els => els.map(e => e.getAttribute('href') || '')"
            )
            hrefs_seen.append((item["query"], hrefs))
            typed = [w for w in fold(item["query"]).split() if len(w) > 2]
            traffic.typed_in_urls += [h for h in hrefs if _carries_typed_words(h, typed)]
            results = list(dict.fromkeys(_location(h, base) for h in hrefs))
            outcomes.append(Outcome(item["query"], list(item.get("expect", [])), results))
        traffic.csp_violations = tab.evaluate("window.__csp")
    finally:
        context.close()
    return outcomes, traffic, hrefs_seen


def _location(href: str, base: str) -> str:
    path = urlsplit(href).path
    return path[len(urlsplit(base).path) :] if path.startswith(urlsplit(base).path) else path.lstrip("/")


def _carries_typed_words(href: str, typed: list[str]) -> bool:
    """A result whose query string holds a highlight of the words typed (`?h=`, `?highlight=`)."""
    query = urlsplit(href).query
    return bool(re.search(r"(^|&)(h|highlight)=", query)) and any(w in fold(query) for w in typed)


def cold_costs(browser, base: str, served: list, queries: list[str]) -> dict[str, dict[str, int]]:
    """For each query, in a fresh browser (empty cache): the bytes of opening the search, then of
    typing the query (the index chunks it needs and the results' fragments)."""
    costs = {}
    for query in queries:
        context = browser.new_context(viewport={"width": 1280, "height": 900}, locale="vi-VN")
        tab = context.new_page()
        try:
            tab.goto(base + EVAL_DIR + "/", wait_until="networkidle")
            start = len(served)
            tab.locator("#pf-q").click()
            wait_until(tab, "() => window.__pf.ready")
            tab.wait_for_timeout(300)
            opened = len(served)
            tab.locator("#pf-q").fill(query)
            wait_until(tab, "() => window.__pf.done === window.__pf.sent && window.__pf.done > 0")
            tab.wait_for_timeout(300)
            costs[query] = {
                "opening": sum(size for _, size in served[start:opened]),
                "query": sum(size for _, size in served[opened:]),
                "query_files": len(served) - opened,
            }
        finally:
            context.close()
    return costs


COLD_QUERIES = ["lai suat", "vay von", "nga thanh", "ho so vay von", "phuong ben nghe"]


def material_opening(browser, base: str, served: list, query: str = "lai suat") -> dict[str, int]:
    """What Material's search fetches when a person opens it and types (the same site, unindexed by
    Pagefind): its index, worker and language files, gzip as GitHub Pages sends them."""
    context = browser.new_context(viewport={"width": 360, "height": 740}, locale="vi-VN")
    tab = context.new_page()
    try:
        tab.goto(base + "quy-dinh/dieu-kien/", wait_until="networkidle")
        start = len(served)
        tab.locator("label.md-header__button[for='__search']").click()
        tab.locator("input.md-search__input").press_sequentially(query)
        tab.wait_for_timeout(3000)
        return {path.rsplit("/", 1)[-1]: size for path, size in served[start:]}
    finally:
        context.close()


# --- the national site: names typed as tests/test_national.py types them ------------------------


def national_sample(data: Dataset, count: int = 4) -> list[dict]:
    """(query, the province's finder) for units of today and former units of six provinces, with
    and without diacritics; seeded as tests/test_national.py."""
    rng = random.Random("issue-15")
    out = []
    for slug in ("ha-noi", "ho-chi-minh", "tuyen-quang", "dak-lak", "ca-mau", "quang-ninh"):
        p = data.provinces[slug]
        districts = {d.id: d for d in p.former_units.districts}
        for c in rng.sample(list(p.communes.values()), count):
            unit = finder.title(c.type, c.name)
            out.append({"query": f"{c.name}, {p.province.name}", "province": slug, "unit": unit})
        for u in rng.sample([u for u in p.former_units.units if len(u.becomes) == 1], count):
            district = districts[u.district]
            query = fold(f"{u.type} {u.name} {district.name} {p.province.name}")
            now = p.communes[u.becomes[0]]
            out.append({"query": query, "province": slug, "unit": finder.title(now.type, now.name)})
    return out


def national_hits(hrefs_seen: list, sample: list[dict]) -> tuple[int, int, int]:
    """(province in the top 3, the right unit first, the right unit in the top 3)."""
    province3 = unit1 = unit3 = 0
    for (query, hrefs), item in zip(hrefs_seen, sample):
        assert query == item["query"]
        queries = [urlsplit(h).query for h in hrefs[:3]]
        province3 += any(f"tinh={item['province']}" in q for q in queries)
        wanted = f"tinh={item['province']}&q={quote(item['unit'])}"
        unit3 += any(q == wanted or q.startswith(wanted + "&") for q in queries)
        unit1 += bool(queries) and queries[0] == wanted
    return province3, unit1, unit3


# --- the run -----------------------------------------------------------------------------------


def main(argv: list[str] | None = None) -> int:
    from playwright.sync_api import sync_playwright

    from tests.conftest import CHROMIUM, CHROMIUM_FLAGS

    parser = argparse.ArgumentParser(prog="python -m tools.pagefind_eval")
    parser.add_argument("site", type=Path)
    parser.add_argument("--province", default=settings.province())
    parser.add_argument("--configs", default="default,first", help=f"some of {', '.join(CONFIGS)}")
    parser.add_argument("--units", choices=["none", "national-sample"], default="none")
    parser.add_argument("--split", choices=["pages", "sections"], default="sections")
    parser.add_argument("--folded", action=argparse.BooleanOptionalAction, default=False)
    parser.add_argument("--chunk-size", type=int, help="PAGEFIND_UNSTABLE_INDEX_CHUNK_SIZE (20000 locations)")
    parser.add_argument("--cold-only", action="store_true", help="only the bytes of the COLD_QUERIES")
    parser.add_argument("--keywords", action=argparse.BooleanOptionalAction, default=True, help="synonyms, keywords:")
    parser.add_argument("--csp", action="store_true")
    parser.add_argument("--keep", type=Path)
    parser.add_argument("--json", type=Path)
    args = parser.parse_args(argv)

    if args.chunk_size:
        os.environ["PAGEFIND_UNSTABLE_INDEX_CHUNK_SIZE"] = str(args.chunk_size)
    data = load(settings.data_root(), args.province)
    work = Path(tempfile.mkdtemp(prefix="pagefind-eval-"))
    site = work / "site"
    figures: dict = {}
    try:
        shutil.copytree(args.site, site)
        indexed = asyncio.run(
            build_index(site, data, settings.REPO_ROOT / "docs", args.split, args.folded, args.keywords)
        )
        print(
            f"Pagefind index of {args.site} ({args.province}, {args.split}, folded {args.folded}, keywords {args.keywords}):"
        )
        print(json.dumps(asdict(indexed), ensure_ascii=False))
        queries = load_queries()
        sample = national_sample(data) if args.units == "national-sample" else []
        with serve_and_count(site) as (base, served), sync_playwright() as p:
            browser = p.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_FLAGS)
            if (site / "search" / "search_index.json").exists():
                figures["material_opening"] = material_opening(browser, base, served)
                total = sum(figures["material_opening"].values())
                print(f"Material's search, opened and typed in: {json.dumps(figures['material_opening'])} = {total} B")
            for config in args.configs.split(","):
                write_search_page(site, config, args.csp)
                print(f"\n=== {config}: {json.dumps(CONFIGS[config], ensure_ascii=False)}")
                figures[config] = {}
                if not args.cold_only:
                    outcomes, traffic, hrefs = type_queries(browser, base, served, queries + sample)
                    figures[config] = _print_run(queries, outcomes, traffic, hrefs, sample, indexed, args.csp)
                figures[config]["cold"] = cold_costs(browser, base, served, COLD_QUERIES)
                print("cold (empty cache) bytes:", json.dumps(figures[config]["cold"], ensure_ascii=False))
            browser.close()
        if args.json:
            args.json.write_text(json.dumps(figures, ensure_ascii=False, indent=1), encoding="utf-8")
        if args.keep:
            shutil.rmtree(args.keep, ignore_errors=True)
            shutil.copytree(site, args.keep)
    finally:
        shutil.rmtree(work, ignore_errors=True)
    return 0


def _print_run(queries, outcomes, traffic: Traffic, hrefs, sample, indexed: IndexReport, csp: bool) -> dict:
    main_outcomes = outcomes[: len(queries)]
    print(report(main_outcomes))
    firsts = [o for q, o in zip(queries, main_outcomes) if q.get("first")]
    print(f"first: true: {sum(o.hit1 for o in firsts)} of {len(firsts)} start pages first")
    figures = _figures(queries, main_outcomes, traffic, indexed)
    print(
        f"hit@3 without diacritics {figures['hit3_without_diacritics']:.1%}, "
        f"with diacritics {figures['hit3_with_diacritics']:.1%}"
    )
    if sample:
        province3, unit1, unit3 = national_hits(hrefs[len(queries) :], sample)
        n = len(sample)
        print(f"national sample: {n} names; province in top 3 {province3}, unit first {unit1}, unit in top 3 {unit3}")
        figures["national_sample"] = {"n": n, "province_top3": province3, "unit_first": unit1, "unit_top3": unit3}
    print("opening the search fetches:", json.dumps(traffic.opening), f"= {sum(traffic.opening.values())} B")
    print(
        f"a query fetches: median {_median(traffic.per_query)} B, max {max(traffic.per_query)} B, "
        f"median {_median(traffic.per_query_files)} files"
    )
    print(f"typed words in result URLs: {traffic.typed_in_urls or 'none'}")
    if csp:
        print(f"CSP violations: {traffic.csp_violations or 'none'}")
    return figures


def _median(values: list[int]) -> int:
    ordered = sorted(values)
    return ordered[len(ordered) // 2] if ordered else 0


def _figures(queries: list[dict], outcomes: list[Outcome], traffic: Traffic, indexed: IndexReport) -> dict:
    n = len(outcomes)
    plain = [o for q, o in zip(queries, outcomes) if fold(q["query"]) == q["query"].lower()]
    marked = [o for q, o in zip(queries, outcomes) if fold(q["query"]) != q["query"].lower()]
    return {
        "index": asdict(indexed),
        "queries": n,
        "hit1": sum(o.hit1 for o in outcomes) / n,
        "hit3": sum(o.hit3 for o in outcomes) / n,
        "hit3_without_diacritics": sum(o.hit3 for o in plain) / len(plain),
        "hit3_with_diacritics": sum(o.hit3 for o in marked) / len(marked),
        "first": [o.query for q, o in zip(queries, outcomes) if q.get("first") and o.hit1],
        "missed": [o.query for o in outcomes if not o.hit3],
        "traffic": asdict(traffic),
    }


if __name__ == "__main__":
    sys.exit(main())
