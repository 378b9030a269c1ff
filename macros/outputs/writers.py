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
from macros.outputs.offline import write_offline
from macros.outputs.opendata import write_api
from macros.outputs.search_index import write_search_index

Writer = Callable[[Site, Path], object]

WRITERS: list[Writer] = [write_search_index, write_feeds, write_api, write_finder_data, write_offline]
"""In this order: the service worker (write_offline) is last, its version a hash of every file written
before it; a step that changes built files must come before it."""


def write_outputs(site: Site, output: Path) -> None:
    for writer in WRITERS:
        writer(site, output)
