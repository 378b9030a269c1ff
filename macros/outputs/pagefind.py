"""The site's search index: Pagefind 1.5.2, written into pagefind/ beside the pages (post step).

The same index on both engines: it is made from the built pages, whose articles MkDocs and Zensical
write alike, and from data. What it holds (tools/EVALUATION-issue-21.md measured the choices):

- each page's article, split at its headings and at the summaries of its collapsed questions and
  terms (each with an id): one document per part, its heading as `title`, the
  page's title as `page` (the search box groups parts under their page). What Material's search left
  out stays out: a `[data-pagefind-ignore]` element, a page whose front matter says
  `search: exclude: true`, the 404 page;
- two metadata fields, searched and weighted (docs/assets/search.js), never shown: `firstwords`, a
  page's `keywords:` front matter on its first part (the first words of a person who wants to
  borrow bring a start page), and `keywords`, the everyday words of data/search_synonyms.yaml
  whose site term is in the part's heading ("hoàn lương" for "chấp hành xong án phạt tù");
- one record per unit of today and per unit ended since 1 July 2025 (`finder.search_entries`), on
  the national site for every province: its name, what it was made of and was called, leading to
  the finder with that unit shown (`cong-cu/tim-co-quan/?q=<unit>`, national `?tinh=<p>&q=<unit>`).
  An address is made from data, never from the words a person types.

Pagefind folds tones and marks itself (not "đ": the search box searches a word typed with "d" with
"đ" too). The index is split into chunks of 1,000 word locations (PAGEFIND_UNSTABLE_INDEX_CHUNK_SIZE,
pinned with the version; tests/test_search.py checks it), so a query fetches the few chunks it needs.

Pagefind's binary (the pagefind_bin wheel) is driven through its service interface, one request and
its answer at a time: the `pagefind` Python wrapper waits 0.1 s before reading each answer, which
made the national site's 3,600 documents take six minutes.
"""

from __future__ import annotations

import base64
import html
import json
import os
import re
import subprocess
import tempfile
from collections.abc import Iterator
from dataclasses import dataclass
from html.parser import HTMLParser
from pathlib import Path
from typing import Any
from urllib.parse import urlencode

from markupsafe import Markup

from macros.data.dataset import Dataset
from macros.data.site import Site
from macros.render import finder
from macros.render.markup import render
from macros.text import fold

BUNDLE = "pagefind"
CHUNK_SIZE = 1000
"""Word locations per index chunk (Pagefind's default 20,000 puts most of a site in one or two)."""
SKIPPED = ("404.html", f"{BUNDLE}/")
SECTION_HEADING = re.compile(r'<(h[1-6]|summary) id="([^"]+)"[^>]*>(.*?)</\1>', re.DOTALL)
"""Where a part starts: a heading with an id, or the summary of a collapsed question or term with
an id (Hỏi đáp, the glossary): each answer is found, and linked, on its own."""
TAG = re.compile(r"<[^>]+>")


@dataclass(frozen=True)
class PageSearch:
    """What a page's front matter says to the search."""

    excluded: bool = False
    keywords: tuple[str, ...] = ()


# --- what is indexed ---------------------------------------------------------------------------


def _says(text: str, words: str) -> bool:
    """`words` appear in `text` as whole words, diacritics folded."""
    return re.search(rf"(?<!\w){re.escape(fold(words))}(?!\w)", fold(text)) is not None


def everyday_words(synonyms: list, heading: str) -> list[str]:
    """The everyday words of every synonym whose site term is in this heading."""
    words: dict[str, None] = {}
    for synonym in synonyms:
        if _says(heading, synonym.site_term):
            words.update(dict.fromkeys(synonym.everyday))
    return list(words)


def first_words(keywords: tuple[str, ...], synonyms: list) -> list[str]:
    """A page's own first words (`keywords:`), and the site's term for every everyday word they use:
    a start page for "người mới ra tù" is also the page for "chấp hành xong án phạt tù"."""
    words = dict.fromkeys(keywords)
    for synonym in synonyms:
        if any(_says(keyword, everyday) for keyword in keywords for everyday in synonym.everyday):
            words[synonym.site_term] = None
    return list(words)


def document(title: str, body: str, fields: dict[str, str]) -> str:
    """A page for Pagefind alone: `title` as its h1 (Pagefind's `title`), `fields` as metadata."""
    fields = {name: value for name, value in fields.items() if value}
    return str(render("search_document.html", title=title, body=Markup(body), fields=fields))


ARTICLE = "article"
"""The element both engines write each page's content in (read here, never written)."""
ARTICLE_START = re.compile(rf'<{ARTICLE} class="md-content__inner[^"]*">')
VOID = {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "track", "wbr"}


class _WithoutExcluded(HTMLParser):
    """HTML as written, less every element marked `data-pagefind-ignore` (and what it holds): Pagefind's own name,
    which Zensical keeps where it drops Material's `data-search-exclude`."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=False)
        self.kept: list[str] = []
        self.depth = 0
        """How deep inside an excluded element the parser is (0: outside)."""

    def handle_starttag(self, tag: str, attrs: list) -> None:
        if self.depth or any(name == "data-pagefind-ignore" for name, _ in attrs):
            self.depth += tag not in VOID
        else:
            self.kept.append(self.get_starttag_text())

    def handle_startendtag(self, tag: str, attrs: list) -> None:
        if not self.depth and not any(name == "data-pagefind-ignore" for name, _ in attrs):
            self.kept.append(self.get_starttag_text())

    def handle_endtag(self, tag: str) -> None:
        if self.depth:
            self.depth -= 1
        else:
            self.kept.append(f"</{tag}>")

    def handle_data(self, data: str) -> None:
        if not self.depth:
            self.kept.append(data)

    def handle_entityref(self, name: str) -> None:
        self.handle_data(f"&{name};")

    def handle_charref(self, name: str) -> None:
        self.handle_data(f"&#{name};")


def article_of(page_html: str) -> str | None:
    """The page's article (both engines write Material's `article.md-content__inner`) without what
    the search leaves out; None for a page without one."""
    start = ARTICLE_START.search(page_html)
    if start is None:
        return None
    end = page_html.find(f"</{ARTICLE}>", start.end())
    parser = _WithoutExcluded()
    parser.feed(page_html[start.end() : end if end >= 0 else len(page_html)])
    parser.close()
    return "".join(parser.kept)


def sections_of(article: str) -> list[tuple[str, str, str]]:
    """(anchor, heading text, HTML) of each part of the article that starts at a heading with an id;
    the first part's anchor is ""."""
    marks = list(SECTION_HEADING.finditer(article))
    parts = []
    for i, mark in enumerate(marks):
        end = marks[i + 1].start() if i + 1 < len(marks) else len(article)
        anchor = "" if i == 0 else mark.group(2)
        parts.append((anchor, html.unescape(TAG.sub("", mark.group(3))).strip(), article[mark.end() : end]))
    return parts


def page_documents(location: str, page_html: str, search: PageSearch, synonyms: list) -> list[tuple[str, str]]:
    """(url, document) of each part of one built page."""
    article = article_of(page_html)
    parts = sections_of(article) if article else []
    if not parts:
        return []
    page_title = parts[0][1]
    out = []
    for anchor, heading, body in parts:
        fields = {
            "firstwords": "" if anchor else ", ".join(first_words(search.keywords, synonyms)),
            "keywords": ", ".join(everyday_words(synonyms, heading)),
            "page": page_title if anchor else "",
        }
        url = "/" + location + (f"#{anchor}" if anchor else "")
        out.append((url, document(heading, body, fields)))
    return out


def unit_documents(data: Dataset) -> Iterator[tuple[str, str]]:
    """(url, document) of each province's units: one document per province, each unit a heading of it
    (Pagefind's sub-results), with what it was made of and was called and, as words to search, the
    units it was made of with their kind and former district ("thị trấn Quán Lào, huyện Yên Định").
    Its address is the finder's for that province (`?tinh=<p>`, which a province's own finder
    ignores): the search box links each unit found there with the unit's name added (`&q=`).

    One document per unit would be simpler, but Pagefind's memory grows with each word of each
    document: the national site's 3,321 units as documents of their own took its indexing past
    90 MB; as 34 documents, under 50 MB."""
    page = data.roles.pages.office_finder.removesuffix(".md") + "/"
    for province in data.provinces_in_order() if data.is_national else [data]:
        made_of = finder.made_of(province)
        districts = {d.id: d for d in province.former_units.districts}
        ids = {finder.title(c.type, c.name): c.id for c in province.communes.values()}
        units = []
        for entry in finder.search_entries(province):
            parts = made_of.get(ids.get(entry["title"], ""), [])
            formerly = [f"{u.type} {u.name}" for u in parts]
            formerly += dict.fromkeys(
                finder.district_words(districts[u.district]) for u in parts if u.district in districts
            )
            units.append({"title": entry["title"], "text": entry["text"], "formerly": ", ".join(formerly)})
        if not units:
            continue
        body = str(render("search_units.html", units=units))
        yield f"/{page}?{urlencode({'tinh': province.province_slug})}", document(province.province.full_name, body, {})


def location_of(docs_path: str) -> str:
    """ "bat-dau/vay-von.md" -> "bat-dau/vay-von/", "thu-tuc/index.md" -> "thu-tuc/", "index.md" -> ""."""
    stem = docs_path.removesuffix(".md")
    stem = "" if stem == "index" else stem.removesuffix("/index")
    return stem + "/" if stem else ""


def documents(site: Site, output: Path, pages: dict[str, PageSearch]) -> Iterator[tuple[str, str]]:
    """(url, document) of every part of every page built, then of every unit, one at a time."""
    by_location = {location_of(path): search for path, search in pages.items()}
    for path in sorted(output.rglob("*.html")):
        relative = path.relative_to(output).as_posix()
        location = relative.removesuffix("index.html")
        search = by_location.get(location, PageSearch())
        if not relative.startswith(SKIPPED) and not search.excluded:
            yield from page_documents(location, path.read_text(encoding="utf-8"), search, site.data.synonyms)
    yield from unit_documents(site.data)


# --- Pagefind's service ------------------------------------------------------------------------


class PagefindError(RuntimeError):
    pass


class PagefindService:
    """`pagefind --service`: base64 JSON requests and answers, each ended by a comma."""

    def __init__(self) -> None:
        from pagefind_bin import get_executable

        self._errors = tempfile.TemporaryFile()
        env = dict(os.environ, PAGEFIND_UNSTABLE_INDEX_CHUNK_SIZE=str(CHUNK_SIZE))
        self._process = subprocess.Popen(
            [str(get_executable()), "--service"],
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            stderr=self._errors,
            env=env,
        )
        self._sent = 0
        self._buffer = b""

    def send(self, payload: dict[str, Any]) -> dict[str, Any]:
        self._sent += 1
        message = json.dumps({"message_id": self._sent, "payload": payload}).encode("utf-8")
        self._process.stdin.write(base64.b64encode(message) + b",")
        self._process.stdin.flush()
        answer = json.loads(base64.b64decode(self._read_until_comma()))
        if answer.get("payload", {}).get("type") == "Error" or answer.get("message_id") != self._sent:
            raise PagefindError(f"Pagefind: {answer.get('payload', {}).get('message') or answer}")
        return answer["payload"]

    def _read_until_comma(self) -> bytes:
        while b"," not in self._buffer:
            chunk = self._process.stdout.read1(65536)
            if not chunk:
                self._errors.seek(0)
                raise PagefindError(f"Pagefind stopped: {self._errors.read().decode('utf-8', 'replace').strip()}")
            self._buffer += chunk
        answer, _, self._buffer = self._buffer.partition(b",")
        return answer

    def close(self) -> None:
        self._process.stdin.close()
        try:
            self._process.wait(timeout=30)
        except subprocess.TimeoutExpired:
            self._process.kill()
            self._process.wait()
        self._errors.close()


def write_search_index(site: Site, output: Path, pages: dict[str, PageSearch]) -> None:
    """pagefind/ in the built site `output`; `pages` is each page's front matter by its docs path."""
    service = PagefindService()
    try:
        index = service.send({"type": "NewIndex", "config": None})["index_id"]
        for url, page in documents(site, output, pages):
            service.send({"type": "AddFile", "index_id": index, "url": url, "file_contents": page, "file_path": None})
        service.send({"type": "WriteFiles", "index_id": index, "output_path": str(output / BUNDLE)})
    finally:
        service.close()
    for unused in UNUSED:
        for path in (output / BUNDLE).glob(unused):
            path.unlink()


UNUSED = ("pagefind-ui.*", "pagefind-modular-ui.*", "pagefind-component-ui.*", "pagefind-highlight.js")
"""Pagefind's own search interfaces, written with every index: the site has its own box
(docs/assets/search.js), so they are not published."""
