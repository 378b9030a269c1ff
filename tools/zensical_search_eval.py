"""Zensical's own search box on the query set (issue 21): `python -m tools.zensical_search_eval SITE`.

Types each query of tests/search_queries.yaml into the search dialog of a site built by Zensical
(`make zensical`), as tools/search_eval.py does with Material's, and prints hit@1 and hit@3.
`--without-shim` answers `assets/search-vi.js` with an empty script: that script wraps Material's
search worker and stops Zensical's dialog from listing anything ("group.forEach is not a
function"), so with it every query finds nothing. Also prints what the first visit fetches of the
search (Zensical fetches its index when a page loads) and whether result links carry the words
typed (`?h=`).
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from urllib.parse import urlsplit

from tools.search_eval import Outcome, load_queries, report

DIALOG = "() => [...document.querySelectorAll('*')].find(e => e.shadowRoot && e.shadowRoot.querySelector('dialog'))"
STATUS = (
    f"() => {{ const h = ({DIALOG})(); return h ? h.shadowRoot.querySelector('[role=status]').textContent : null; }}"
)
LINKS = f"() => [...({DIALOG})().shadowRoot.querySelectorAll('ol[role=listbox] > li > a')].map(a => a.href)"


def run(site: Path, without_shim: bool) -> int:
    from playwright.sync_api import sync_playwright

    from tests.conftest import CHROMIUM, CHROMIUM_FLAGS
    from tools.ghpages import serve_like_pages

    queries = load_queries()
    outcomes, typed_in_urls, errors = [], 0, []
    with serve_like_pages(site) as base, sync_playwright() as p:
        browser = p.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_FLAGS)
        tab = browser.new_page(viewport={"width": 1280, "height": 900}, locale="vi-VN")
        fetched: list[str] = []
        tab.on("request", lambda r: fetched.append(urlsplit(r.url).path))
        tab.on("pageerror", lambda e: errors.append(str(e)))
        if without_shim:
            tab.route("**/assets/search-vi.js", lambda r: r.fulfill(body="", content_type="application/javascript"))
        tab.goto(base, wait_until="networkidle")
        print("a first visit fetches:", [f for f in fetched if "search" in f])
        tab.locator(".md-search__button").first.click()
        box = tab.locator("input[role=combobox]")
        for item in queries:
            box.fill("")
            box.press_sequentially(item["query"])
            stable, last = 0, None
            while stable < 4:  # the status line unchanged for 0.4 s after the last key
                tab.wait_for_timeout(100)
                now = tab.evaluate(STATUS)
                stable, last = (stable + 1, now) if now == last else (0, now)
            hrefs = tab.evaluate(LINKS)
            typed_in_urls += any("h=" in urlsplit(h).query for h in hrefs)
            pages = list(dict.fromkeys(urlsplit(h).path.lstrip("/") for h in hrefs))
            outcomes.append(Outcome(item["query"], list(item["expect"]), pages))
        browser.close()
    print(report(outcomes))
    print(f"queries whose result links carry the words typed (?h=): {typed_in_urls} of {len(queries)}")
    print(f"page errors: {sorted(set(errors)) or 'none'}")
    return 0


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m tools.zensical_search_eval")
    parser.add_argument("site", type=Path, nargs="?", default=Path("site-zensical"))
    parser.add_argument("--without-shim", action="store_true")
    args = parser.parse_args(argv)
    return run(args.site, args.without_shim)


if __name__ == "__main__":
    sys.exit(main())
