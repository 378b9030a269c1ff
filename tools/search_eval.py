"""Search evaluation: type each query into the site's search box in Chromium, as a person does.

`make search-eval` builds the site and prints hit@1 and hit@3 per query and overall, and what the
search costs in bytes as GitHub Pages sends them (tools/ghpages): on opening it, for each query,
and for a few queries in an empty cache. tests/test_search.py asserts the same hit rates.

`python -m tools.search_eval SITE [--national] [--no-costs]`: SITE is a built site (MkDocs' or
Zensical's: the box is the same); `--national` reads each query's answer on the national site where
it is elsewhere (`national:` in the query file) and adds 48 names of units of today and
before 1 July 2025 from six provinces (typed as tests/test_national.py types them) and says
whether the right unit comes first. Queries and the pages that answer them are in
tests/search_queries.yaml (tuned on) and tests/search_queries_heldout.yaml (written before any
result was seen, never tuned on).
"""

from __future__ import annotations

import argparse
import contextlib
import json
import random
import sys
import threading
import time
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import parse_qs, urlsplit

import yaml

TESTS = Path(__file__).resolve().parent.parent / "tests"
QUERIES = TESTS / "search_queries.yaml"
HELD_OUT = TESTS / "search_queries_heldout.yaml"
WAIT_MS = 120_000
"""Generous: on a loaded 2-core machine a first query fetches and decodes index chunks."""
COLD_QUERIES = ["lai suat", "vay von", "nga thanh", "ho so vay von", "phuong ben nghe"]
TYPING_MS = 200
"""Between two keys when bytes are measured: a person typing on a phone's keyboard."""


@dataclass
class Outcome:
    query: str
    expected: list[str]
    results: list[str]
    units: int = 0
    """Unit entries listed (links to the finder with a unit)."""
    units_allowed: int | None = None
    """`units: n` in the query file: at most n unit entries for this query."""

    @property
    def crowded(self) -> bool:
        return self.units_allowed is not None and self.units > self.units_allowed

    @property
    def rank(self) -> int | None:
        for position, location in enumerate(self.results, start=1):
            if location in self.expected:
                return position
        return None

    @property
    def hit1(self) -> bool:
        return self.rank == 1

    @property
    def hit3(self) -> bool:
        return self.rank is not None and self.rank <= 3


def load_queries(path: Path = QUERIES) -> list[dict]:
    return yaml.safe_load(path.read_text(encoding="utf-8"))["queries"]


def page_location(href: str, base_url: str) -> str:
    """The page part of a result link, relative to the site root: "quy-dinh/dieu-kien/"."""
    path = urlsplit(href).path
    base = urlsplit(base_url).path
    return path[len(base) :] if path.startswith(base) else path.lstrip("/")


# --- the box --------------------------------------------------------------------------------------


def wait_until(tab, predicate: str, arg=None) -> None:
    """Poll `predicate` (a function) in the page; Playwright's wait_for_function evaluates a string,
    which a Content-Security-Policy without 'unsafe-eval' refuses."""
    deadline = time.monotonic() + WAIT_MS / 1000
    while not tab.evaluate(predicate, arg):
        if time.monotonic() > deadline:
            raise TimeoutError(predicate)
        tab.wait_for_timeout(50)


ANSWERED = (
    "q => window.qd22Search.done === window.qd22Search.sent && document.querySelector('.qd-search__input').value === q"
)


def open_search(tab) -> None:
    """Tap the magnifier in the header; wait until Pagefind is ready."""
    tab.locator(".qd-search__open").click()
    wait_until(tab, "() => !!window.qd22Search && window.qd22Search.ready")  # search.js loads at the first press


LISTED = """els => els.map(li => [
  li.querySelector(':scope > a').textContent,
  li.querySelector(':scope > a').getAttribute('href'),
  [...li.querySelectorAll(':scope > ul a')].map(a => [a.textContent, a.getAttribute('href')]),
])"""


def search(tab, typed: str, delay: int = 0) -> list[tuple[str, str, list]]:
    """Type into the open search box as a person does (`delay` ms between keys): (title, href,
    [(title, href) of its parts]) of each page listed."""
    box = tab.locator(".qd-search__input")
    box.fill("")
    wait_until(tab, ANSWERED, "")
    box.press_sequentially(typed, delay=delay)
    wait_until(tab, ANSWERED, typed)
    return tab.eval_on_selector_all(".qd-search__results > li", LISTED)


def run_queries(
    browser, base_url: str, queries: list[dict], viewport=None, national: bool = False
) -> tuple[list[Outcome], list[list]]:
    """Every query typed in one tab: the outcome of each, and what was listed for each. `national`:
    a query's `national` pages are the answer where it has them."""
    context = browser.new_context(viewport=viewport or {"width": 1280, "height": 900}, locale="vi-VN")
    tab = context.new_page()
    outcomes, listed = [], []
    try:
        tab.goto(base_url, wait_until="networkidle")
        open_search(tab)
        for item in queries:
            shown = search(tab, item["query"])
            listed.append(shown)
            results = list(dict.fromkeys(page_location(href, base_url) for _, href, _ in shown))
            expected = item.get("national", item.get("expect", [])) if national else item.get("expect", [])
            units = sum(1 for _, href, parts in shown for h in [href] + [h for _, h in parts] if "q=" in (h or ""))
            outcomes.append(Outcome(item["query"], list(expected), results, units, item.get("units")))
    finally:
        context.close()
    return outcomes, listed


def report(outcomes: list[Outcome]) -> str:
    lines = [f"{'hit@1':>5} {'hit@3':>5}  rank  query -> top result"]
    for o in outcomes:
        top = o.results[0] if o.results else "(none)"
        lines.append(f"{int(o.hit1):>5} {int(o.hit3):>5}  {o.rank or '-':>4}  {o.query!r} -> {top}")
    crowded = [f"{o.query!r} ({o.units} > {o.units_allowed})" for o in outcomes if o.crowded]
    lines.append(summary(outcomes))
    lines.append(f"units crowding a question: {len(crowded)}" + (f": {', '.join(crowded)}" if crowded else ""))
    return "\n".join(lines)


def summary(outcomes: list[Outcome]) -> str:
    n = len(outcomes)
    hit1 = sum(o.hit1 for o in outcomes) / n
    hit3 = sum(o.hit3 for o in outcomes) / n
    return f"overall: {n} queries, hit@1 {hit1:.1%}, hit@3 {hit3:.1%}"


# --- units of the whole country -----------------------------------------------------------------


def national_sample(data, count: int = 4) -> list[dict]:
    """Names of units of today and former units of six provinces, typed as tests/test_national.py
    types them (seeded), with the province and the unit of today they lead to."""
    from macros.render import finder
    from macros.text import fold

    rng = random.Random("issue-15")
    out = []
    for slug in ("ha-noi", "ho-chi-minh", "tuyen-quang", "dak-lak", "ca-mau", "quang-ninh"):
        p = data.provinces[slug]
        districts = {d.id: d for d in p.former_units.districts}
        for c in rng.sample(list(p.communes.values()), count):
            out.append(
                {"query": f"{c.name}, {p.province.name}", "province": slug, "unit": finder.title(c.type, c.name)}
            )
        for u in rng.sample([u for u in p.former_units.units if len(u.becomes) == 1], count):
            now = p.communes[u.becomes[0]]
            query = fold(f"{u.type} {u.name} {districts[u.district].name} {p.province.name}")
            out.append({"query": query, "province": slug, "unit": finder.title(now.type, now.name)})
    return out


def unit_of(href: str) -> tuple[str, str] | None:
    """(province, unit) of a link to the finder: cong-cu/tim-co-quan/?tinh=<p>&q=<unit>."""
    query = parse_qs(urlsplit(href).query)
    return (query["tinh"][0], query["q"][0]) if "tinh" in query and "q" in query else None


def national_hits(listed: list[list], sample: list[dict]) -> tuple[int, int, int]:
    """(the right province among the first 3 units listed, the right unit first, the right unit among
    the first 3): units in the order they are listed, each entry's own link, then its parts."""
    province3 = unit1 = unit3 = 0
    for shown, item in zip(listed, sample):
        links = [href for _, href, parts in shown for href in [href] + [h for _, h in parts]]
        units = [u for u in map(unit_of, links) if u][:3]
        wanted = (item["province"], item["unit"])
        province3 += any(u and u[0] == item["province"] for u in units)
        unit3 += wanted in units
        unit1 += bool(units) and units[0] == wanted
    return province3, unit1, unit3


# --- bytes ----------------------------------------------------------------------------------------


@contextlib.contextmanager
def serve_and_count(root: Path):
    """The site served as GitHub Pages answers it (tools/ghpages); yields (base URL, log) where the
    log gets (path, bytes of the answer's body) of every request, the search worker's included."""
    from tools.ghpages import PagesHandler, PagesServer

    log: list[tuple[str, int]] = []

    class CountingHandler(PagesHandler):
        def send_header(self, keyword: str, value: str) -> None:
            if keyword.lower() == "content-length":
                log.append((urlsplit(self.path).path, int(value)))
            super().send_header(keyword, value)

    server = PagesServer(root)
    server.RequestHandlerClass = CountingHandler
    server.handle_error = lambda request, address: None  # a tab closed while an answer was sent
    threading.Thread(target=server.serve_forever, daemon=True).start()
    try:
        yield server.url, log
    finally:
        server.shutdown()


@dataclass
class Costs:
    opening: dict[str, int] = field(default_factory=dict)
    cold: dict[str, int] = field(default_factory=dict)
    warm: list[int] = field(default_factory=list)


def quiet(tab, served: list, ms: int = 500) -> None:
    """Wait until no request has been answered for `ms` milliseconds."""
    count = -1
    while count != len(served):
        count = len(served)
        tab.wait_for_timeout(ms)


def costs(browser, base: str, served: list, queries: list[str]) -> Costs:
    """Bytes of opening the search (in an empty cache), of each query's first search in an empty
    cache, and of later queries in the same tab."""
    found = Costs()
    for n, query in enumerate(queries):
        context = browser.new_context(viewport={"width": 360, "height": 740}, locale="vi-VN")
        tab = context.new_page()
        try:
            tab.goto(base + "quy-dinh/dieu-kien/", wait_until="networkidle")
            start = len(served)
            open_search(tab)
            quiet(tab, served)
            opened = len(served)
            if n == 0:
                found.opening = {path.rsplit("/", 1)[-1]: size for path, size in served[start:opened]}
            search(tab, query, TYPING_MS)
            quiet(tab, served)
            found.cold[query] = sum(size for _, size in served[opened:])
            for later in queries:
                if later != query:
                    before = len(served)
                    search(tab, later, TYPING_MS)
                    quiet(tab, served)
                    found.warm.append(sum(size for _, size in served[before:]))
        finally:
            context.close()
    return found


def main(argv: list[str] | None = None) -> int:
    from playwright.sync_api import sync_playwright

    from tests.conftest import CHROMIUM, CHROMIUM_FLAGS

    parser = argparse.ArgumentParser(prog="python -m tools.search_eval")
    parser.add_argument("site", type=Path, nargs="?", default=Path("site"))
    parser.add_argument("--national", action="store_true", help="the national site: its answers, and 48 names of units")
    parser.add_argument("--no-costs", action="store_true")
    args = parser.parse_args(argv)
    figures: dict = {}
    with serve_and_count(args.site) as (base, served), sync_playwright() as p:
        browser = p.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_FLAGS)
        for name, path in (("tuned", QUERIES), ("held out", HELD_OUT)):
            if not path.exists():
                continue
            queries = load_queries(path)
            outcomes, _ = run_queries(browser, base, queries, national=args.national)
            print(f"\n=== {name} ({path.name})\n{report(outcomes)}")
            firsts = [o for q, o in zip(queries, outcomes) if q.get("first")]
            if firsts:
                print(f"first: true: {sum(o.hit1 for o in firsts)} of {len(firsts)} start pages first")
            figures[name] = {
                "hit1": sum(o.hit1 for o in outcomes),
                "hit3": sum(o.hit3 for o in outcomes),
                "n": len(outcomes),
            }
        if args.national:
            from macros import settings
            from macros.data.site import load

            sample = national_sample(load(settings.data_root(), "ca-nuoc"))
            _, listed = run_queries(browser, base, sample)
            province3, unit1, unit3 = national_hits(listed, sample)
            print(
                f"\nnational sample: {len(sample)} names; province in top 3 {province3}, unit first {unit1}, unit in top 3 {unit3}"
            )
            figures["national_sample"] = {
                "n": len(sample),
                "province_top3": province3,
                "unit_first": unit1,
                "unit_top3": unit3,
            }
        if not args.no_costs:
            found = costs(browser, base, served, COLD_QUERIES)
            warm = sorted(found.warm)
            print(f"\nopening the search: {sum(found.opening.values()):,} B {json.dumps(found.opening)}")
            print(f"first query, empty cache: {json.dumps(found.cold)}")
            print(f"later queries: median {warm[len(warm) // 2]:,} B, max {warm[-1]:,} B")
            figures["costs"] = {
                "opening": found.opening,
                "cold": found.cold,
                "warm_median": warm[len(warm) // 2],
                "warm_max": warm[-1],
            }
        browser.close()
    print(json.dumps(figures, ensure_ascii=False))
    return 0


if __name__ == "__main__":
    sys.exit(main())
