"""`python -m tools.pageweight SITE_DIR`: what each page costs to load, gzip-compressed.

For every content page (every HTML page but 404.html): the HTML, and each file of the site it
makes the browser fetch on a first visit with an empty cache — stylesheets, scripts, icon,
images, files named by `url(...)` in those stylesheets — each gzip-compressed (level 6, a web
server's usual setting). That is the whole first load: the search (docs/assets/search.js,
then Pagefind's script, WASM and index in `pagefind/`) loads only when a person opens the search box
(assets/core.js loads it), so it is not part of it.
tests/test_page_weight.py checks in Chromium that this list is what the browser really requests,
and that every page is within the budget.

Prints one line per page, heaviest first, the heaviest and the median, and a last line of JSON.
"""

from __future__ import annotations

import gzip
import json
import re
import statistics
import sys
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from urllib.parse import unquote, urlparse

from bs4 import BeautifulSoup

BUDGET_BYTES = 100_000
"""Every content page's whole first load, gzip-compressed (issue 8, then issue 13 for every page)."""
SEARCH_FILES = ("pagefind/",)
"""What the search box loads when it is opened, and never on a first visit."""
_CSS_URL = re.compile(r"url\(\s*['\"]?([^'\")]+)['\"]?\s*\)")


@dataclass(frozen=True)
class PageWeight:
    page: str
    files: dict[str, int]
    """Site path -> gzip bytes, the page's HTML first."""

    @property
    def total(self) -> int:
        return sum(self.files.values())


@cache
def gzip_size(path: Path) -> int:
    return len(gzip.compress(path.read_bytes(), compresslevel=6, mtime=0))


def _local(site: Path, base: Path, ref: str) -> Path | None:
    """The site file a relative reference from `base` (a folder) points to, if it is one."""
    parsed = urlparse(ref)
    if parsed.scheme or parsed.netloc or not parsed.path:
        return None
    target = (site / parsed.path.lstrip("/")) if parsed.path.startswith("/") else (base / unquote(parsed.path))
    target = target.resolve()
    if target.is_dir():
        target = target / "index.html"
    return target if target.is_file() and site in target.parents else None


def requested_files(site: Path, html_file: Path) -> list[Path]:
    """Every site file a first visit to `html_file` fetches (the search, opened later, is not one)."""
    site = site.resolve()
    soup = BeautifulSoup(html_file.read_text(encoding="utf-8"), "html.parser")
    base = html_file.parent
    refs: list[str] = []
    for link in soup.select("link[href]"):
        rel = set(link.get("rel") or [])
        if rel & {"stylesheet", "icon", "shortcut", "preload", "modulepreload"}:
            refs.append(link["href"])
    refs += [s["src"] for s in soup.select("script[src]")]
    refs += [i["src"] for i in soup.select("img[src]")]
    found: list[Path] = [html_file.resolve()]
    for ref in refs:
        target = _local(site, base, ref)
        if target and target not in found:
            found.append(target)
    worker = site / "sw.js"  # the service worker assets/offline.js registers (macros/outputs/offline.py)
    if worker.is_file() and any(f.relative_to(site).as_posix() == "assets/offline.js" for f in found):
        found.append(worker)
    for sheet in [f for f in found if f.suffix == ".css"]:
        for ref in _CSS_URL.findall(sheet.read_text(encoding="utf-8")):
            target = None if ref.startswith("data:") else _local(site, sheet.parent, ref)
            if target and target not in found:
                found.append(target)
    return [f for f in found if not f.relative_to(site).as_posix().startswith(SEARCH_FILES)]


def content_pages(site: Path) -> list[Path]:
    return sorted(p for p in site.rglob("*.html") if p.relative_to(site).as_posix() != "404.html")


def page_weights(site: Path) -> list[PageWeight]:
    site = site.resolve()
    weights = []
    for html_file in content_pages(site):
        files = {f.relative_to(site).as_posix(): gzip_size(f) for f in requested_files(site, html_file)}
        page = html_file.relative_to(site).as_posix().removesuffix("index.html") or "/"
        weights.append(PageWeight(page, files))
    return weights


def median_bytes(weights: list[PageWeight]) -> float:
    return statistics.median(w.total for w in weights)


def over_budget(weights: list[PageWeight]) -> list[PageWeight]:
    return [w for w in weights if w.total > BUDGET_BYTES]


def main() -> int:
    site = Path(sys.argv[1] if len(sys.argv) > 1 else "site")
    weights = sorted(page_weights(site), key=lambda w: w.total, reverse=True)
    if not weights:
        print(f"no pages in {site}/", file=sys.stderr)
        return 1
    for weight in weights:
        html = next(iter(weight.files.values()))
        print(f"{weight.total / 1000:7.1f} KB  (HTML {html / 1000:5.1f} KB, {len(weight.files)} files)  {weight.page}")
    median = median_bytes(weights)
    shared = sorted({f for w in weights for f in list(w.files)[1:]})
    print(
        "\nFiles loaded besides the HTML (gzip): "
        + ", ".join(f"{f} {gzip_size(site.resolve() / f) / 1000:.1f} KB" for f in shared)
    )
    print(
        f"Heaviest content page {weights[0].page}: {weights[0].total / 1000:.1f} KB gzip on a first visit, everything"
        f" included (budget {BUDGET_BYTES / 1000:.0f} KB for every page); median {median / 1000:.1f} KB; {len(weights)} pages."
    )
    print(
        json.dumps(
            {
                "pages": len(weights),
                "median_kb": round(median / 1000, 1),
                "max_kb": round(weights[0].total / 1000, 1),
                "budget_kb": BUDGET_BYTES / 1000,
            }
        )
    )
    return 0 if not over_budget(weights) else 1


if __name__ == "__main__":
    sys.exit(main())
