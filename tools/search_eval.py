"""Search evaluation: type each query into the site's header search in Chromium.

`make search-eval` builds the site and prints hit@1 and hit@3 per query and
overall; tests/test_search.py asserts the overall hit@3. Queries and the
pages that should come up are in tests/search_queries.yaml.
"""

from __future__ import annotations

import sys
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import urljoin, urlparse

import yaml

QUERIES = Path(__file__).resolve().parent.parent / "tests" / "search_queries.yaml"


@dataclass
class Outcome:
    query: str
    expected: list[str]
    results: list[str]

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


def load_queries() -> list[dict]:
    return yaml.safe_load(QUERIES.read_text(encoding="utf-8"))["queries"]


def page_location(href: str, base_url: str, current: str) -> str:
    """The page part of a result link, relative to the site root: "quy-dinh/dieu-kien/"."""
    absolute = urljoin(current, href)
    path = urlparse(absolute).path
    return path[len(urlparse(base_url).path) :]


COUNT_SEARCH_MESSAGES = """
(() => {
  /* Count queries sent to Material's search worker and results received, so
     the harness reads the results of the whole query, not of a prefix. */
  const Original = window.Worker;
  window.__queriesSent = 0;
  window.__resultsReceived = 0;
  window.__searchReady = false;
  window.Worker = function (url, options) {
    const worker = new Original(url, options);
    worker.addEventListener("message", e => {
      if (e.data && e.data.type === 1) window.__searchReady = true;
      if (e.data && e.data.type === 3) window.__resultsReceived++;
    });
    worker.postMessage = function (message, ...rest) {
      if (message && message.type === 2) window.__queriesSent++;
      return Object.getPrototypeOf(worker).postMessage.call(worker, message, ...rest);
    };
    return worker;
  };
  window.Worker.prototype = Original.prototype;
})();
"""


WAIT_MS = 120_000
"""Generous: on a loaded 2-core machine the worker can take seconds per query."""


def _wait_for_final_results(tab, sent_before: int) -> None:
    """The query just typed was sent, every query sent has its answer, and the list is drawn."""
    tab.wait_for_function(
        "n => window.__queriesSent > n && window.__queriesSent === window.__resultsReceived",
        arg=sent_before,
        timeout=WAIT_MS,
    )
    tab.wait_for_timeout(50)


def run_queries(browser, base_url: str, queries: list[dict]) -> list[Outcome]:
    context = browser.new_context(viewport={"width": 1280, "height": 900}, locale="vi-VN")
    context.add_init_script(COUNT_SEARCH_MESSAGES)
    tab = context.new_page()
    outcomes = []
    try:
        tab.goto(base_url, wait_until="networkidle")
        box = tab.locator("input.md-search__input")
        box.click()
        tab.wait_for_function("window.__searchReady", timeout=WAIT_MS)
        tab.wait_for_timeout(200)  # let the box show its idle message before reading it
        meta = tab.locator(".md-search-result__meta")
        idle_text = meta.inner_text()
        for item in queries:
            box.press("Control+a")
            box.press("Backspace")
            tab.wait_for_function(
                "t => document.querySelector('.md-search-result__meta').textContent.trim() === t",
                arg=idle_text.strip(),
                timeout=WAIT_MS,
            )
            sent_before = tab.evaluate("window.__queriesSent")
            box.press_sequentially(item["query"])  # Material reacts to key events, as when a person types
            _wait_for_final_results(tab, sent_before)
            links = tab.eval_on_selector_all(
                ".md-search-result__list > li.md-search-result__item > a.md-search-result__link",
                "els => els.map(e => e.getAttribute('href'))",
            )
            results = list(dict.fromkeys(page_location(h, base_url, tab.url) for h in links))
            outcomes.append(Outcome(item["query"], list(item["expect"]), results))
    finally:
        context.close()
    return outcomes


def report(outcomes: list[Outcome]) -> str:
    lines = [f"{'hit@1':>5} {'hit@3':>5}  rank  query -> top result"]
    for o in outcomes:
        top = o.results[0] if o.results else "(none)"
        lines.append(f"{int(o.hit1):>5} {int(o.hit3):>5}  {o.rank or '-':>4}  {o.query!r} -> {top}")
    n = len(outcomes)
    hit1 = sum(o.hit1 for o in outcomes) / n
    hit3 = sum(o.hit3 for o in outcomes) / n
    lines.append(f"overall: {n} queries, hit@1 {hit1:.1%}, hit@3 {hit3:.1%}")
    return "\n".join(lines)


def main() -> int:
    from playwright.sync_api import sync_playwright

    from tests.conftest import CHROMIUM, CHROMIUM_FLAGS, serve_directory

    site = Path(sys.argv[1] if len(sys.argv) > 1 else "site")
    index = site / "search" / "search_index.json"
    print(f"search index: {index.stat().st_size:,} bytes")
    with serve_directory(site) as base, sync_playwright() as p:
        browser = p.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_FLAGS)
        outcomes = run_queries(browser, base, load_queries())
        browser.close()
    print(report(outcomes))
    return 0


if __name__ == "__main__":
    sys.exit(main())
