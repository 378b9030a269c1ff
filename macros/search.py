"""Make Material's own search find Vietnamese typed without diacritics.

After MkDocs has written `search/search_index.json`, each entry gains three
fields that the search box indexes but never shows:

- `fold_title`, `fold_text`: the entry's words that carry diacritics, folded
  ("lãi suất" -> "lai suat", "đ" -> "d"). A query typed with diacritics still
  matches only the original words, so pages with the exact words rank first.
- `synonyms`: everyday words (data/search_synonyms.yaml, and a page's own
  `keywords:` front matter) for the terms the entry uses, folded and not.
"""

from __future__ import annotations

import html
import json
import re
from pathlib import Path

import yaml

from . import models
from .site import Site
from .text import fold

FIELD_BOOSTS = {"fold_title": 1000.0, "fold_text": 1.0, "synonyms": 100.0}

_TAG = re.compile(r"<[^>]+>")


def words(markup: str, separator: str) -> list[str]:
    """Words as the search box tokenizes them (`separator` is the search plugin's setting)."""
    plain = html.unescape(_TAG.sub(" ", markup)).lower()
    return [w for w in re.split(separator, plain) if w]


def folded_extra(markup: str, separator: str) -> str:
    """The folded form of each word that has diacritics, once each, in order."""
    seen: dict[str, None] = {}
    for word in words(markup, separator):
        flat = fold(word)
        if flat != word:
            seen.setdefault(flat, None)
    return " ".join(seen)


def synonym_terms(markup_folded: str, synonyms: list[models.Synonym]) -> list[str]:
    terms: dict[str, None] = {}
    for synonym in synonyms:
        if fold(synonym.site_term) in markup_folded:
            for term in synonym.everyday:
                terms.setdefault(term.lower(), None)
                terms.setdefault(fold(term), None)
    return list(terms)


def page_keywords(docs_dir: Path) -> dict[str, list[str]]:
    """`keywords:` from each page's front matter, by the page's search location."""
    found = {}
    for source in docs_dir.rglob("*.md"):
        text = source.read_text(encoding="utf-8")
        if not text.startswith("---\n"):
            continue
        meta = yaml.safe_load(text[4 : text.index("\n---", 4)]) or {}
        if meta.get("keywords"):
            relative = source.relative_to(docs_dir).with_suffix("").as_posix()
            location = "" if relative == "index" else relative.removesuffix("/index").removesuffix("index") + "/"
            found[location] = [str(k) for k in meta["keywords"]]
    return found


def enrich_index(index: dict, synonyms: list[models.Synonym], keywords: dict[str, list[str]]) -> dict:
    separator = index["config"]["separator"]
    for name, boost in FIELD_BOOSTS.items():
        index["config"]["fields"][name] = {"boost": boost}
    for doc in index["docs"]:
        title, text = doc.get("title", ""), doc.get("text", "")
        doc["fold_title"] = folded_extra(title, separator)
        doc["fold_text"] = folded_extra(text, separator)
        flat = " ".join(fold(w) for w in words(f"{title} {text}", separator))
        terms = synonym_terms(flat, synonyms)
        if "#" not in doc["location"]:
            for keyword in keywords.get(doc["location"], []):
                terms += [keyword.lower(), fold(keyword)]
        doc["synonyms"] = " ".join(dict.fromkeys(terms))
    return index


def write_search_index(site: Site, output: Path, docs_dir: Path | None = None) -> None:
    path = output / "search" / "search_index.json"
    if not path.exists():
        return
    docs_dir = docs_dir or Path(__file__).resolve().parent.parent / "docs"
    index = json.loads(path.read_text(encoding="utf-8"))
    enriched = enrich_index(index, site.data.synonyms, page_keywords(docs_dir))
    path.write_text(json.dumps(enriched, ensure_ascii=False, separators=(",", ":")), encoding="utf-8")
