"""Placeholders that let prose in data files name a value without typing it.

`{fact:business-max-term}`, `{milestone:two-tier-government}` and
`{duty:form-01-list}` stand for the value in force, the date of a milestone
and the timing of a recurring duty. Plain module: no data loading, no mkdocs.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

KINDS = ("fact", "milestone", "duty")

PLACEHOLDER = re.compile(r"\{(?P<kind>[a-z_]+):(?P<id>[^{}\s]*)\}")


def split(text: str) -> Iterator[str | tuple[str, str]]:
    """Literal text as str, each placeholder as (kind, id), in order."""
    position = 0
    for match in PLACEHOLDER.finditer(text):
        if match.start() > position:
            yield text[position : match.start()]
        yield match["kind"], match["id"]
        position = match.end()
    if position < len(text):
        yield text[position:]


def problems(text: str, known: dict[str, set[str]]) -> list[str]:
    """What is wrong with the placeholders of `text`, given the known ids of each kind."""
    found = []
    for part in split(text):
        if isinstance(part, str):
            if "{" in part or "}" in part:
                found.append("has a brace that is not a placeholder: write {fact:ID}, {milestone:ID} or {duty:ID}")
            continue
        kind, ident = part
        if kind not in KINDS:
            found.append(f"unknown placeholder kind {kind!r} (use {', '.join(KINDS)})")
        elif ident not in known.get(kind, set()):
            found.append(f"placeholder {{{kind}:{ident}}} names no {kind} with that id")
    return found
