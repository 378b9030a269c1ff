"""The Pagefind index of a built site, made the way tools/pagefind_eval.py evaluates it (issue 21).

`build_index(site, data, docs, split, folded, keywords_on)` writes `pagefind/` into a copy of a
built site through Pagefind's Python API; see tools/pagefind_eval.py for what it holds and why.
"""

from __future__ import annotations

import asyncio
import html
import json
import re
import time
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import quote

from macros.data.dataset import Dataset
from macros.outputs.search_index import page_keywords
from macros.render import finder
from macros.text import fold

BUNDLE = "pagefind/"
SKIPPED = ("404.html", "pagefind-eval/")

SECTION_HEADING = re.compile(r'<h([1-6]) id="([^"]+)"[^>]*>(.*?)</h\1>', re.DOTALL)
TAG = re.compile(r"<[^>]+>")


# --- the index ---------------------------------------------------------------------------------


def everyday_words(synonyms: list, titles: list[str]) -> list[str]:
    """The everyday words of every synonym whose site term is in one of these headings."""
    folded = [fold(t) for t in titles]
    words: dict[str, None] = {}
    for synonym in synonyms:
        if any(fold(synonym.site_term) in t for t in folded):
            words.update(dict.fromkeys(synonym.everyday))
    return list(words)


def d_forms(text: str) -> str:
    """Each word with "đ" spelled with "d", once ("Điều kiện" -> "dieu"). Pagefind folds the tones
    and the other marks itself (NFD), but "đ" is a letter of its own there: "dieu" would not find
    "điều" without these."""
    return " ".join(dict.fromkeys(fold(w) for w in re.findall(r"\w+", text) if "đ" in w.lower()))


def meta_tags(fields: dict[str, str]) -> str:
    return "".join(
        f'<meta data-pagefind-meta="{name}[content]" content="{html.escape(value, quote=True)}">'
        for name, value in fields.items()
        if value
    )


def article_of(page_html: str) -> str | None:
    """The page's article (the text under its title), without what Material's search leaves out
    (`data-pagefind-ignore`). None for a page without one (a redirect)."""
    from bs4 import BeautifulSoup

    soup = BeautifulSoup(page_html, "html.parser")
    article = soup.select_one("article.md-content__inner")
    if article is None:
        return None
    for excluded in article.select("[data-pagefind-ignore]"):
        excluded.decompose()
    return article.decode_contents()


def sections_of(article: str) -> list[tuple[str, str, str]]:
    """(anchor, heading text, HTML) of each part of the article that starts at a heading with an
    id, as Material's index splits a page; the first part's anchor is ""."""
    marks = list(SECTION_HEADING.finditer(article))
    parts = []
    for i, mark in enumerate(marks):
        end = marks[i + 1].start() if i + 1 < len(marks) else len(article)
        anchor = "" if i == 0 else mark.group(2)
        parts.append((anchor, html.unescape(TAG.sub("", mark.group(3))).strip(), article[mark.end() : end]))
    return parts


def document(title: str, body: str, fields: dict[str, str]) -> str:
    """A page for Pagefind alone: `title` as its h1 (its `title` metadata), `fields` as metadata."""
    return (
        f'<!doctype html><html lang="vi"><head>{meta_tags(fields)}</head>'
        f"<body><h1>{html.escape(title)}</h1>{body}</body></html>"
    )


def documents(location: str, page_html: str, keywords: list[str], synonyms: list, split: str, folded: bool):
    """(url, HTML) to index for one built page: the page whole (`split="pages"`), or one document
    per section (`split="sections"`, as Material indexes it) with the page's title as `page`."""
    article = article_of(page_html)
    if article is None:
        return []
    parts = sections_of(article)
    if not parts:
        return []
    page_title = parts[0][1]

    def fields(text: str, first: list[str], everyday: list[str], extra: dict[str, str]) -> dict[str, str]:
        """`firstwords`: the page's own `keywords:` (a start page's first words of a person who
        wants to borrow); `keywords`: the everyday words of the terms its headings use."""
        found = {"firstwords": ", ".join(first), "keywords": ", ".join(dict.fromkeys(everyday)), **extra}
        if folded:
            found["folded"] = d_forms(html.unescape(TAG.sub(" ", text)) + " " + " ".join(first + everyday))
        return found

    if split == "pages":
        everyday = everyday_words(synonyms, [heading for _, heading, _ in parts])
        body = "".join(part for _, _, part in parts)
        return [("/" + location, document(page_title, body, fields(page_title + body, keywords, everyday, {})))]
    out = []
    for anchor, heading, body in parts:
        first = [] if anchor else keywords
        url = "/" + location + (f"#{anchor}" if anchor else "")
        extra = {"page": page_title} if anchor else {}
        everyday = everyday_words(synonyms, [heading])
        out.append((url, document(heading, body, fields(heading + " " + body, first, everyday, extra))))
    return out


def unit_records(data: Dataset) -> list[dict]:
    """One record per unit of today, its text the units it was made of with their kind ("thị trấn
    Quán Lào, xã Định Tân (huyện Yên Định cũ)"). Thanh Hóa's lead to the finder as Material's unit
    entries do (`?q=`), the national site's with the province (`?tinh=...&q=...`)."""
    page = "cong-cu/tim-co-quan/"
    records = []
    for province in data.provinces_in_order() if data.is_national else [data]:
        parts = finder.made_of(province)
        districts = {d.id: d for d in province.former_units.districts}
        for commune in province.communes.values():
            name = finder.title(commune.type, commune.name)
            before = finder.former_words(parts[commune.id], districts) if parts[commune.id] else ""
            text = f"Trước đây: {before}." if before else "Nơi liên hệ."
            if data.is_national:
                url = f"{page}?tinh={province.province_slug}&q={quote(name)}"
                text = f"{province.province.full_name}. {text}"
            else:
                url = f"{page}?q={quote(name)}"
            records.append({"url": "/" + url, "title": name, "text": text})
    return records


@dataclass
class IndexReport:
    pages: int
    records: int
    documents: int
    seconds: float
    files: int
    bytes: int
    index_chunks: int
    index_chunk_bytes: list[int] = field(default_factory=list)
    fragment_bytes: int = 0


def _prompt_index_class():
    """PagefindIndex whose service reads each answer as soon as it comes. The Python wrapper of
    pagefind 1.5.2 sleeps 0.1 s before reading each answer of its indexing service
    (pagefind/service/__init__.py, `_wait_for_responses`): ten pages or records a second, 5.5
    minutes for the national site's 3,321 units."""
    import base64

    from pagefind.index import PagefindIndex
    from pagefind.service import PagefindService

    class PromptService(PagefindService):
        async def _wait_for_responses(self) -> None:
            while True:
                output = await self._backend.stdout.readuntil(b",")
                answer = json.loads(base64.b64decode(output[:-1]))
                future = self._responses.get(answer.get("message_id")) if answer else None
                if future is None or future.done():
                    continue
                if answer["payload"]["type"] == "Error":
                    future.set_exception(RuntimeError(answer["payload"].get("message")))
                else:
                    future.set_result(answer["payload"])

    class PromptIndex(PagefindIndex):
        async def _start(self) -> PagefindIndex:
            self._service = await PromptService().launch()
            self._index_id = (await self._service.create_index(self._config))._index_id
            return self

    return PromptIndex


async def build_index(
    site: Path, data: Dataset, docs: Path, split: str, folded: bool, keywords_on: bool = True
) -> IndexReport:
    from pagefind.index import IndexConfig

    PagefindIndex = _prompt_index_class()
    keywords = page_keywords(docs) if keywords_on else {}
    synonyms = data.synonyms if keywords_on else []
    started = time.perf_counter()
    records = unit_records(data)
    config = IndexConfig(output_path=str(site / BUNDLE))
    pages = 0
    async with PagefindIndex(config=config) as index:
        adding = []
        for path in sorted(site.rglob("*.html")):
            relative = path.relative_to(site).as_posix()
            if relative.startswith(SKIPPED):
                continue
            location = relative.removesuffix("index.html")
            made = documents(
                location, path.read_text(encoding="utf-8"), keywords.get(location, []), synonyms, split, folded
            )
            pages += bool(made)
            adding += [index.add_html_file(content=page, url=url) for url, page in made]
        for record in records:
            fields = {"folded": d_forms(record["title"] + " " + record["text"])} if folded else {}
            page = document(record["title"], f"<p>{html.escape(record['text'])}</p>", fields)
            adding.append(index.add_html_file(content=page, url=record["url"]))
        await asyncio.gather(*adding)
    seconds = time.perf_counter() - started
    bundle = site / BUNDLE
    chunks = sorted((bundle / "index").glob("*.pf_index"))
    fragments = list((bundle / "fragment").glob("*.pf_fragment"))
    everything = [p for p in bundle.rglob("*") if p.is_file()]
    return IndexReport(
        pages=pages,
        records=len(records),
        documents=len(fragments),
        seconds=round(seconds, 2),
        files=len(everything),
        bytes=sum(p.stat().st_size for p in everything),
        index_chunks=len(chunks),
        index_chunk_bytes=[p.stat().st_size for p in chunks],
        fragment_bytes=sum(p.stat().st_size for p in fragments),
    )
