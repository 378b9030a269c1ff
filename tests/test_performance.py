"""Page weight and a steady first paint, as a phone gets the site from GitHub Pages (issue 8, item 5).

The built site is served by tools.ghpages, which answers like GitHub Pages (gzip, cache
headers). `make lighthouse` measures the Lighthouse scores; these tests keep what those
scores rest on: a light first load and nothing moving once the text is drawn.
"""

from __future__ import annotations

import gzip
import http.client
import json
import statistics
from urllib.parse import urlsplit

import pytest

from tools import pageweight
from tools.ghpages import serve_like_pages
from tools.lighthouse import run as lighthouse

from .conftest import PHONE, REPO

SEARCH_SCRIPT = "pagefind/pagefind.js"
SEARCH_FILES = pageweight.SEARCH_FILES
BUDGET_BYTES = pageweight.BUDGET_BYTES  # one budget: the same number `make page-weight` checks

# Layout shifts are collected from the start of the load (buffered), as Lighthouse's CLS counts them.
RECORD_SHIFTS = """
window.__shifts = [];
new PerformanceObserver((list) => {
  for (const e of list.getEntries()) {
    if (!e.hadRecentInput) window.__shifts.push({value: e.value,
      nodes: e.sources.map((s) => s.node ? (s.node.nodeName + " " + (s.node.textContent || "").trim().slice(0, 40)) : "")});
  }
}).observe({type: "layout-shift", buffered: true});
"""


@pytest.fixture(scope="module")
def pages_url(site):
    with serve_like_pages(site.root) as url:
        yield url


def fetch(url: str, path: str, headers: dict[str, str] | None = None) -> tuple[int, dict[str, str], bytes]:
    parts = urlsplit(url)
    connection = http.client.HTTPConnection(parts.hostname, parts.port, timeout=10)
    try:
        connection.request("GET", "/" + path, headers=headers or {})
        response = connection.getresponse()
        return response.status, {k.lower(): v for k, v in response.getheaders()}, response.read()
    finally:
        connection.close()


# --- the local server answers like GitHub Pages --------------------------------------------


@pytest.mark.parametrize("path", ["", "cong-cu/tim-co-quan/", "assets/site.css", "assets/kiem-tra.js", SEARCH_SCRIPT])
def test_server_gzips_text_and_sends_pages_cache_headers(site, pages_url, path):
    file = site.root / (path + "index.html" if path.endswith("/") or not path else path)
    status, headers, body = fetch(pages_url, path, {"Accept-Encoding": "gzip, deflate, br"})
    assert status == 200
    assert headers["content-encoding"] == "gzip" and headers["vary"] == "Accept-Encoding"
    assert gzip.decompress(body) == file.read_bytes()
    assert len(body) < file.stat().st_size
    assert headers["cache-control"] == "max-age=600"
    assert headers["etag"].startswith('W/"') and headers["last-modified"] and headers["expires"]
    status, headers, plain = fetch(pages_url, path)
    assert status == 200 and "content-encoding" not in headers and plain == file.read_bytes()


def test_server_leaves_images_uncompressed(site, pages_url):
    status, headers, body = fetch(pages_url, "assets/images/favicon.png", {"Accept-Encoding": "gzip"})
    assert status == 200 and "content-encoding" not in headers
    assert headers["content-type"] == "image/png" and headers["cache-control"] == "max-age=600"
    assert body == (site.root / "assets" / "images" / "favicon.png").read_bytes()


def test_server_revalidates_redirects_folders_and_answers_404_with_the_site_page(pages_url):
    _, headers, _ = fetch(pages_url, "", {"Accept-Encoding": "gzip"})
    status, _, body = fetch(pages_url, "", {"Accept-Encoding": "gzip", "If-None-Match": headers["etag"]})
    assert status == 304 and body == b""
    status, headers, _ = fetch(pages_url, "cong-cu/kiem-tra")
    assert status == 301 and headers["location"] == "/cong-cu/kiem-tra/"
    status, _, body = fetch(pages_url, "khong-co-trang-nay/")
    assert status == 404 and "Không tìm thấy trang" in body.decode("utf-8")
    status, _, body = fetch(pages_url, "../mkdocs.yml")
    assert status == 404 and b"site_name" not in body


# --- first load of every page, as a visitor on a phone gets it ----------------------------


@pytest.fixture(scope="module")
def first_loads(site, pages_url, browser) -> dict[str, dict]:
    """Each page opened in a fresh browser (empty cache): bytes received, layout shifts, encodings."""
    loads = {}
    for file in site.html_files():
        path = file.relative_to(site.root).as_posix()
        if path == "404.html":
            continue
        path = path.removesuffix("index.html")
        context = browser.new_context(viewport=PHONE, locale="vi-VN")
        try:
            tab = context.new_page()
            tab.add_init_script(RECORD_SHIFTS)
            received: list[tuple[str, int]] = []

            def finished(request, received=received):
                sizes = request.sizes()
                received.append((request.url, sizes["responseBodySize"] + sizes["responseHeadersSize"]))

            tab.on("requestfinished", finished)
            response = tab.goto(pages_url + path, wait_until="networkidle")
            tab.wait_for_timeout(100)
            loads[path] = {
                "bytes": sum(size for url, size in received),
                "requests": [url for url, _ in received],
                "document_encoding": response.headers.get("content-encoding"),
                "shifts": tab.evaluate("window.__shifts"),
            }
        finally:
            context.close()
    return loads


def test_every_content_page_transfers_at_most_100_kb_on_a_first_visit(first_loads):
    """Everything Chromium really receives from the Pages-like server on a first visit, headers
    included; the search index and worker are not among it (they load when the search is opened,
    tests/test_search.py). tests/test_page_weight.py checks the same budget by compressing the
    built files (make page-weight)."""
    assert len(first_loads) >= 30
    assert all(load["document_encoding"] == "gzip" for load in first_loads.values())
    searched = {
        path
        for path, load in first_loads.items()
        if any(SEARCH in url for url in load["requests"] for SEARCH in SEARCH_FILES)
    }
    assert searched == set()
    weights = sorted((load["bytes"], path) for path, load in first_loads.items())
    report = ", ".join(f"/{path} {size / 1000:.1f} kB" for size, path in weights)
    assert weights[-1][0] <= BUDGET_BYTES, f"heaviest /{weights[-1][1]} {weights[-1][0] / 1000:.1f} kB: {report}"
    assert statistics.median(size for size, _ in weights) <= BUDGET_BYTES


def test_nothing_moves_after_the_first_paint(first_loads):
    """The tools build themselves before the text below them is read, so no text is pushed down."""
    moved = {
        path: load["shifts"] for path, load in first_loads.items() if sum(s["value"] for s in load["shifts"]) > 0.01
    }
    assert moved == {}


def test_tool_pages_show_their_tool_on_first_load(browser, pages_url):
    context = browser.new_context(viewport=PHONE)
    try:
        tab = context.new_page()
        for path, selector in (
            ("cong-cu/kiem-tra/", "#kiem-tra h2"),
            ("cong-cu/tim-co-quan/", "#tim-co-quan-q"),
            ("cong-cu/uoc-tinh/", "#uoc-tinh select"),
        ):
            tab.goto(pages_url + path, wait_until="domcontentloaded")
            assert tab.locator(selector).first.is_visible(), path
    finally:
        context.close()


# --- make lighthouse ----------------------------------------------------------------------------


def fake_report(perf: float, a11y: float = 1, failing: str | None = None) -> dict:
    audits = {
        "first-contentful-paint": {"displayValue": "1.2\xa0s"},
        "largest-contentful-paint": {"displayValue": "1.3\xa0s"},
        "total-blocking-time": {"displayValue": "20\xa0ms"},
        "cumulative-layout-shift": {"displayValue": "0"},
        "total-byte-weight": {"numericValue": 170_000},
        "color-contrast": {"score": 0 if failing == "color-contrast" else 1},
        "document-title": {"score": 1},
    }
    refs = [{"id": "color-contrast", "weight": 7}, {"id": "document-title", "weight": 7}]
    return {
        "categories": {
            "performance": {"score": perf, "auditRefs": []},
            "accessibility": {"score": a11y, "auditRefs": refs},
            "best-practices": {"score": 1, "auditRefs": []},
            "seo": {"score": None, "auditRefs": []},
        },
        "audits": audits,
    }


def test_lighthouse_table_scores_failing_audits_and_median_run():
    good = lighthouse.read_report(fake_report(0.995), "home", "")
    weak = lighthouse.read_report(fake_report(0.97, 0.93, failing="color-contrast"), "check", "cong-cu/kiem-tra/")
    assert good.scores == {"performance": 100, "accessibility": 100, "best-practices": 100, "seo": None}
    assert good.metrics == {"FCP": "1.2 s", "LCP": "1.3 s", "TBT": "20 ms", "CLS": "0"}
    assert weak.failed_audits == ["color-contrast"] and good.failed_audits == []
    table = lighthouse.format_table([good, weak]).splitlines()
    assert table[0].split()[:5] == ["page", "perf", "a11y", "best", "seo"]
    assert table[3].split()[:5] == ["/cong-cu/kiem-tra/", "97", "93", "100", "-"]
    assert lighthouse.below([good, weak], 98) == [
        "/: seo missing",
        "/cong-cu/kiem-tra/: performance 97",
        "/cong-cu/kiem-tra/: accessibility 93",
        "/cong-cu/kiem-tra/: seo missing",
    ]
    runs = [fake_report(0.91), fake_report(0.99), fake_report(0.97)]
    assert lighthouse.median_run(runs) is runs[2]


def test_lighthouse_is_pinned_and_not_installed_by_make_test():
    tools = REPO / "tools" / "lighthouse"
    assert json.loads((tools / "package.json").read_text())["devDependencies"] == {"lighthouse": "12.2.3"}
    lock = json.loads((tools / "package-lock.json").read_text())
    assert lock["packages"]["node_modules/lighthouse"]["version"] == "12.2.3"
    root = (REPO / "package.json").read_text() + (REPO / "package-lock.json").read_text()
    assert "lighthouse" not in root
    assert [p[0] for p in lighthouse.PAGES] == ["home", "start-business", "check", "finder"]
    for _, path in lighthouse.PAGES:
        assert (REPO / "docs" / (path.rstrip("/") + ".md" if path else "index.md")).is_file()
