"""Hostile text in every text field of every data file: refused with file:line, or published inert.

The fields are found by reading each data file, not listed by hand: every string in it
(names, labels, prose, ids, enum values, URLs). Each gets each payload below:

- every mutation goes through the loader's validation, and is either refused with a line
  naming that file and the field's record, or accepted;
- the accepted ones are then written into one copy of the repository (each field with one
  of the payloads it passed) and the site is built once; every page, the search index, the
  feeds and the JSON files are parsed (BeautifulSoup, json, icalendar), and no element,
  attribute or script made from a payload may exist there, although the payloads' words do.
"""

from __future__ import annotations

import contextlib
import dataclasses
import io
import json
import re
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
import yaml
from bs4 import BeautifulSoup

from macros.cli.build import build_and_swap
from macros.cli.check import check
from macros.data import models
from macros.data.validation import validate_document
from macros.data.yamlsource import SourceDocument, read_yaml

from .conftest import REPO, copy_repo

PROVINCE = "thanh-hoa"
FILES = {f"data/{name}": model for name, model in models.NATIONAL_FILES.items()} | {
    f"data/provinces/{PROVINCE}/{name}": model
    for name, model in models.PROVINCE_FILES.items()
    if (REPO / "data/provinces" / PROVINCE / name).exists()
}

PAYLOADS = {
    "html": '<b data-fz="html">fzhtml</b><img src=x onerror="window.fz=1">',
    "markdown": "**fzstrong** _fzem_ [fzlink](https://example.org/fz) ![fzimg](data:,) `fzcode`",
    "attributes": 'fzattr{: data-fz="attr" } ![fzimg](data:,){: onerror="window.fz=1" data-fz="img" }',
    "lines": "fz line\n\n# fzheading\n\n- fzitem\n1. fznumber\n\nfzsetext\n===\n> fzquote",
    "control": "fz\x0bctl\x1b[31m\x00\u202efz",
    "template": "{{ 7 * 7 }}fzjinja{% raw %}",
}
PREFERRED = ("lines", "attributes", "markdown")
"""For the build, each accepted field gets the first payload of these it passed (rotating the rest)."""

MARKERS = {"fzhtml", "fzstrong", "fzem", "fzlink", "fzimg", "fzcode", "fzheading", "fzitem", "fznumber"}
MARKERS |= {"fzsetext", "fzquote", "fzattr"}
LIVE_TAGS = {"b", "strong", "em", "a", "img", "code", "h1", "h2", "h3", "h4", "h5", "h6", "li", "blockquote"}


def text_fields(value: Any, path: tuple = ()) -> Iterator[tuple[tuple, str]]:
    if isinstance(value, dict):
        for key, item in value.items():
            yield from text_fields(item, path + (key,))
    elif isinstance(value, list):
        for index, item in enumerate(value):
            yield from text_fields(item, path + (index,))
    elif isinstance(value, str):
        yield path, value


def _set(value: Any, path: tuple, new: Any) -> None:
    for part in path[:-1]:
        value = value[part]
    value[path[-1]] = new


def _related(issue_field: str, path: tuple) -> bool:
    """The problem names the mutated field, its record or a field of the same record."""
    named = tuple(issue_field.split(".")) if issue_field else ()
    mutated = tuple(str(p) for p in path)
    common = next(
        (i for i, (a, b) in enumerate(zip(named, mutated, strict=False)) if a != b), min(len(named), len(mutated))
    )
    return common >= len(mutated) - 1 or named == mutated[: len(named)]


LONG_LIST = 50
"""A field in a longer list (a province's units) is validated in its record alone: the model checks
nothing across the records of one list (references.py does), and 547 former units validated
33,000 times were most of the test's time."""


def _record_alone(doc: SourceDocument, path: tuple) -> tuple[SourceDocument, tuple]:
    """The document with only the record `path` is in, when that record is in a long list (the
    same lines: each path is read at its line in the whole file), and the path in it."""
    key, index, *rest = path if len(path) > 2 else (None, None)
    if key is None or not isinstance(index, int) or len(doc.value.get(key, [])) <= LONG_LIST:
        return doc, path
    alone = dataclasses.replace(doc, value={**doc.value, key: [doc.value[key][index]]})
    alone.lines = {((key, 0, *p[2:]) if p[:2] == (key, index) else p): n for p, n in doc.lines.items()}
    return alone, (key, 0, *rest)


@pytest.fixture(scope="module")
def screened():
    """Every (file, field, payload), validated: the accepted ones, and how many were tried."""
    accepted: dict[tuple[str, tuple], list[str]] = {}
    tried = refused = 0
    for file, model in FILES.items():
        whole, _ = read_yaml(REPO / file, file)
        for field_path, original in list(text_fields(whole.value)):
            doc, path = _record_alone(whole, field_path)
            line = doc.line_of(path)
            for kind, payload in PAYLOADS.items():
                tried += 1
                _set(doc.value, path, payload)
                _, issues = validate_document(doc, model)
                _set(doc.value, path, original)
                if not issues:
                    accepted.setdefault((file, field_path), []).append(kind)
                    continue
                refused += 1
                lines = [str(i) for i in issues]
                assert all(re.match(rf"^{re.escape(file)}:\d+: \S+: .+$", text) for text in lines), lines
                assert any(i.file == file and _related(i.field, path) for i in issues), (file, path, line, kind, lines)
    return accepted, tried, refused


def test_every_text_field_of_every_file_is_tried(screened):
    accepted, tried, refused = screened
    fields = tried // len(PAYLOADS)
    assert fields > 900, "every string of every data file"
    assert {kind for kinds in accepted.values() for kind in kinds} <= set(PREFERRED), (
        "HTML, control characters and template code are refused in every field"
    )
    print(f"{fields} fields x {len(PAYLOADS)} payloads: {refused} refused with file:line, {tried - refused} accepted")


def _choose(accepted: dict[tuple[str, tuple], list[str]]) -> dict[tuple[str, tuple], str]:
    chosen, turn = {}, 0
    for key, kinds in accepted.items():
        if "lines" in kinds:
            chosen[key] = "lines"
        else:
            options = [k for k in PREFERRED if k in kinds]
            chosen[key] = options[turn % len(options)]
            turn += 1
    return chosen


def _write(root: Path, chosen: dict[tuple[str, tuple], str]) -> dict[str, dict[int, list[tuple]]]:
    """Write the mutated files into `root`; for each file, line -> mutated paths (to read check's lines)."""
    by_line: dict[str, dict[int, list[tuple]]] = {}
    for file in sorted({file for file, _ in chosen}):
        doc, _ = read_yaml(REPO / file, file)
        for (other, path), kind in chosen.items():
            if other == file:
                _set(doc.value, path, PAYLOADS[kind])
        text = yaml.safe_dump(doc.value, allow_unicode=True, sort_keys=False, width=1_000_000)
        (root / file).write_text(text, encoding="utf-8")
        written, _ = read_yaml(root / file, file)
        lines = by_line.setdefault(file, {})
        for (other, path), _kind in chosen.items():
            if other == file:
                lines.setdefault(written.line_of(path), []).append(path)
    return by_line


@pytest.fixture(scope="module")
def fuzzed_site(screened, tmp_path_factory):
    """The site built once with every accepted payload in place (those refused across files dropped)."""
    accepted, _, _ = screened
    chosen = _choose(accepted)
    root = copy_repo(tmp_path_factory.mktemp("fuzz"))
    with pytest.MonkeyPatch.context() as env:
        env.setenv("DATA_ROOT", str(root))
        env.setenv("PROVINCE", PROVINCE)
        env.setenv("SITE_DATE", "2025-12-01")
        for _round in range(5):
            by_line = _write(root, chosen)
            problems = check(root, PROVINCE)
            if not problems:
                break
            for problem in problems:  # refused across files (e.g. a brace in guidance prose): by file and line
                match = re.match(r"^(\S+?):(\d+): ", problem)
                assert match, problem
                paths = by_line.get(match[1], {}).get(int(match[2]))
                assert paths, f"a problem not caused by a payload: {problem}"
                for path in paths:
                    chosen.pop((match[1], path), None)
        else:
            pytest.fail("the accepted payloads never passed the check")
        site = root / "site"
        err = io.StringIO()
        with contextlib.redirect_stderr(err), contextlib.redirect_stdout(io.StringIO()):
            code = build_and_swap(root, site)
        assert code == 0, err.getvalue()
    return site, chosen


def _live(soup: BeautifulSoup) -> list[str]:
    found = []
    for element in soup.find_all(True):
        if any(name == "data-fz" or "window.fz" in str(value) for name, value in element.attrs.items()):
            found.append(str(element)[:120])
        elif element.name in LIVE_TAGS and element.get_text(" ", strip=True) in MARKERS:
            found.append(str(element)[:120])
        elif element.name == "img" and element.get("alt") in MARKERS:
            found.append(str(element)[:120])
    return found


def test_no_page_carries_live_markup_from_data(fuzzed_site):
    site, chosen = fuzzed_site
    assert len(chosen) > 300, "most text fields take Markdown-looking text: it must reach the pages"
    shown = 0
    for page in sorted(site.rglob("*.html")):
        soup = BeautifulSoup(page.read_text(encoding="utf-8"), "html.parser")
        assert _live(soup) == [], page.relative_to(site)
        for script in soup.find_all("script"):
            if script.get("type") == "application/json":
                json.loads(script.string)  # data for a script stays one JSON value
            else:
                assert script.get("src") or "fz" not in (script.string or ""), page
        shown += sum(marker in soup.get_text(" ") for marker in ("fzstrong", "fzattr", "fzheading"))
    assert shown > 20, "the payloads' words must be on the pages, as text"


def test_the_search_index_carries_the_payloads_as_text(fuzzed_site):
    """Pagefind keeps each result's text and title as text (the box draws them with textContent,
    tests/test_safe_output.py shows it in the browser); the payloads' words are there, as words."""
    from .test_search import indexed

    site, _ = fuzzed_site
    records = indexed(site)
    shown = sum("fzstrong" in r["content"] or "fzstrong" in r["meta"].get("title", "") for r in records)
    assert shown > 0


def test_feeds_and_open_data_stay_well_formed(fuzzed_site):
    from icalendar import Calendar

    site, _ = fuzzed_site
    feeds = sorted((site / "api" / "lich").glob("*.ics"))
    assert feeds
    for feed in feeds:
        calendar = Calendar.from_ical(feed.read_bytes())
        kinds = {component.name for component in calendar.walk()}
        assert kinds <= {"VCALENDAR", "VTIMEZONE", "STANDARD", "DAYLIGHT", "VEVENT", "VALARM"}, feed.name
        for component in calendar.walk():
            assert not [name for name in component if "FZ" in name.upper()], feed.name
    published = 0
    for file in sorted((site / "api").glob("*.json")):
        value = json.loads(file.read_text(encoding="utf-8"))
        published += "fzstrong" in json.dumps(value, ensure_ascii=False)
    assert published > 0, "the open data publishes the same text, as JSON strings"
