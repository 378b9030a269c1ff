"""Files written beside the pages after MkDocs has built them.

The macros module's `on_post_build` runs them, so `mkdocs serve` and `mkdocs build`
(and so `make serve` and `make build`) publish the same files. Each writer takes the
loaded site and the output folder.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from macros.data.site import Site
from macros.outputs.finder_data import write_finder_data
from macros.outputs.ics import write_feeds
from macros.outputs.opendata import write_api
from macros.outputs.policy import write_policy
from macros.outputs.search_index import write_search_index

Writer = Callable[[Site, Path], object]

WRITERS: list[Writer] = [write_search_index, write_feeds, write_api, write_finder_data]


def write_outputs(site: Site, output: Path, live_reload: bool = False) -> None:
    """Every writer, then the policy of every page (macros/outputs/policy.py), last: it hashes the
    inline scripts of the pages as published. `live_reload`: `mkdocs serve` (make serve)."""
    for writer in WRITERS:
        writer(site, output)
    write_policy(output, live_reload=live_reload)
