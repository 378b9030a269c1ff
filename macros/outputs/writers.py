"""Files written beside the pages after MkDocs has built them.

Kept out of mkdocs hooks so the same step runs after any generator.
Each writer takes the loaded site and the output folder.
"""

from __future__ import annotations

from pathlib import Path
from typing import Callable

from macros.outputs.search_index import write_search_index
from macros.data.site import Site

Writer = Callable[[Site, Path], None]

WRITERS: list[Writer] = [write_search_index]


def write_outputs(site: Site, output: Path) -> None:
    for writer in WRITERS:
        writer(site, output)


# Officials' kit: calendar feeds (api/lich/*.ics) and open data (api/*.json).
from macros.rules import schedule as _calendar  # noqa: E402
from macros.outputs import opendata as _opendata  # noqa: E402

WRITERS += [_calendar.write_feeds, _opendata.write_api]
