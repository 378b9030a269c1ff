"""`python -m tools.links [SITE_DIR]`: check internal links and anchors in a built site.

Prints every broken internal link or anchor (exit 1 if any) and a report of
the external links, which are listed, not fetched (CI has no internet).
"""

from __future__ import annotations

import sys
from collections import defaultdict
from functools import cache
from pathlib import Path
from urllib.parse import unquote, urlparse

from bs4 import BeautifulSoup


@cache
def _parse(file: Path) -> BeautifulSoup:
    return BeautifulSoup(file.read_text(encoding="utf-8"), "html.parser")


def _ids(file: Path) -> set[str]:
    return {e["id"] for e in _parse(file).select("[id]")}


def check_links(site: Path) -> tuple[list[str], dict[str, set[str]]]:
    """Broken internal links ("page -> href") and external URLs with the pages that use them."""
    site = site.resolve()
    broken: list[str] = []
    external: dict[str, set[str]] = defaultdict(set)
    for file in sorted(site.rglob("*.html")):
        page = file.relative_to(site).as_posix()
        for a in _parse(file).select("a[href]"):
            href = a["href"]
            parsed = urlparse(href)
            if parsed.scheme in ("http", "https"):
                external[href].add(page)
                continue
            if parsed.scheme:  # mailto:, tel:, webcal:
                continue
            path = unquote(parsed.path)
            if path.startswith("/"):  # 404.html links from the site root
                target = (site / path.lstrip("/")).resolve()
            else:
                target = (file.parent / path).resolve() if path else file
            if target.is_dir():
                target = target / "index.html"
            if not target.exists():
                broken.append(f"{page} -> {href}")
            elif parsed.fragment and target.suffix == ".html" and unquote(parsed.fragment) not in _ids(target):
                broken.append(f"{page} -> {href} (no such anchor)")
    return broken, external


def main() -> int:
    site = Path(sys.argv[1] if len(sys.argv) > 1 else "site")
    broken, external = check_links(site)
    for line in broken:
        print(f"broken: {line}", file=sys.stderr)
    print(f"{len(external)} external link(s) (listed, not fetched):")
    for url in sorted(external):
        print(f"  {url}  ({len(external[url])} page(s))")
    print(f"{len(broken)} broken internal link(s) or anchor(s).")
    return 1 if broken else 0


if __name__ == "__main__":
    sys.exit(main())
