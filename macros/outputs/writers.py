"""The post step: files written beside the pages after the engine has built them.

The engine adapters (macros/engines/) run them after MkDocs or Zensical, so `mkdocs serve`,
`make build` and `make build ENGINE=zensical` publish the same files. Each writer takes the loaded
site and the output folder; the search index also takes what each page's front matter says to it.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from macros.data.site import Site
from macros.outputs.finder_data import write_finder_data
from macros.outputs.ics import write_feeds
from macros.outputs.offline import write_offline
from macros.outputs.opendata import write_api
from macros.outputs.pagefind import PageSearch, write_search_index
from macros.outputs.policy import write_policy

Writer = Callable[[Site, Path], object]

WRITERS: list[Writer] = [write_feeds, write_api, write_finder_data]


def write_outputs(site: Site, output: Path, pages: dict[str, PageSearch], live_reload: bool = False) -> None:
    """Every file beside the pages, then the search index (pagefind/) of the pages built, then the
    policy of every page (macros/outputs/policy.py: it hashes the inline scripts of the pages as
    published), then the service worker, last: its version is a hash of every file written before
    it. `live_reload`: `mkdocs serve` (make serve)."""
    for writer in WRITERS:
        writer(site, output)
    write_search_index(site, output, pages)
    write_policy(output, live_reload=live_reload)
    write_offline(site, output)
