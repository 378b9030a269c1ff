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

from macros import settings
from macros.data import models
from macros.data.site import Site
from macros.render import country, finder
from macros.text import APOSTROPHES, fold, fold_words

FIELD_BOOSTS = {
    "fold_title": 30.0,
    "fold_title_pairs": 1000.0,
    "fold_text": 1.0,
    "fold_pairs": 30.0,
    "synonyms": 1000.0,
}
"""Folded single syllables weigh less than folded pairs: typed without diacritics,
a short syllable such as "ho" also starts "học", "hợp", "hóa"... (Material
matches every query word as a prefix); two syllables side by side rarely collide."""

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


PAIR_MARK = "_"
"""Starts every pair token, so that a one-syllable query word ("dinh*") never
matches a pair ("dinhky") by prefix; docs/assets/search-vi.js adds the same."""


def folded_pairs(markup: str, separator: str) -> str:
    """Each two adjacent words folded and joined ("hồ sơ" -> "_hoso"), once each.

    Vietnamese words are mostly two syllables. Material matches every query
    word as a prefix, so "ho so" also matches "học", "hợp", "số"...
    docs/assets/search-vi.js adds the query's own pairs ("_hoso"), which match
    only pages that have the two syllables side by side.
    """
    flat = [fold(w) for w in words(markup, separator)]
    return " ".join(dict.fromkeys(PAIR_MARK + a + b for a, b in zip(flat, flat[1:]) if a.isalpha() and b.isalpha()))


def term_tokens(term: str) -> list[str]:
    """An everyday term as it is searched: as written, folded, and its marked pairs."""
    folded = fold(term)
    pairs = folded_pairs(folded, r"\s+").split()
    return list(dict.fromkeys([term.lower(), folded, *pairs]))


def synonym_terms(markup_folded: str, synonyms: list[models.Synonym]) -> list[str]:
    terms: dict[str, None] = {}
    for synonym in synonyms:
        if fold(synonym.site_term) in markup_folded:
            for term in synonym.everyday:
                terms.update(dict.fromkeys(term_tokens(term)))
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
        doc["fold_title_pairs"] = folded_pairs(title, separator)
        doc["fold_pairs"] = folded_pairs(text, separator)
        # Everyday words go where the term is the subject, in a page's or a
        # section's title, and count as much as the title; not on every mention.
        terms = synonym_terms(" ".join(fold(w) for w in words(title, separator)), synonyms)
        for keyword in keywords.get(doc["location"], []):  # a page's, or a generated entry's
            terms += term_tokens(keyword)
        doc["synonyms"] = " ".join(dict.fromkeys(terms))
    return index


def write_search_index(site: Site, output: Path, docs_dir: Path | None = None) -> None:
    path = output / "search" / "search_index.json"
    if not path.exists():
        return
    docs_dir = docs_dir or settings.REPO_ROOT / "docs"
    index = json.loads(path.read_text(encoding="utf-8"))
    keywords = page_keywords(docs_dir) | add_unit_entries(index, site)
    enriched = enrich_index(index, site.data.synonyms, keywords)
    path.write_text(json.dumps(enriched, ensure_ascii=False, separators=(",", ":")), encoding="utf-8")


def add_unit_entries(index: dict, site: Site) -> dict[str, list[str]]:
    """One entry per unit of today, with the names of the units it was made of before 1 July 2025,
    leading to the finder with that unit shown (`cong-cu/tim-co-quan/?q=Xã%20Nga%20Sơn`). Returns
    each entry's keywords: the marked pairs of its former names ("Nga Thanh" -> "_ngathanh"), which
    weigh like a title, so that an old name finds the unit it went to. Single syllables are left
    out: "ho" would otherwise find every "Hoằng ..." before the pages.

    Material lists an entry whose location has no "#" as a page of its own: its title is the
    result's heading, its text the lines under it. No page is made per unit.

    The national site has 3,321 units and 10,035 former units: one entry per unit would double
    its index. It gets one entry per province instead (`country.province_search_entries`)."""
    if site.data.is_national:
        return add_province_unit_entries(index, site)
    keywords = {}
    for entry in finder.search_entries(site.data):
        index["docs"].append(entry)
        keywords[entry["location"]] = name_pairs(entry.pop("former_names"))
    return keywords


def name_pairs(names: list[str]) -> list[str]:
    """The marked pairs of each name ("_ngathanh"), each once, in the order first met; an
    apostrophe joins ("Cư M'gar" -> "_cumgar"), and a name written with one or a hyphen also gets
    its whole name joined, unmarked ("cumgar"), as people type it without them."""
    tokens = []
    for name in names:
        plain = APOSTROPHES.sub("", name)
        tokens += folded_pairs(plain, r"[\s-]+").split()
        if plain != name or "-" in name:
            tokens.append("".join(fold_words(name).split()))
    return list(dict.fromkeys(tokens))


def add_province_unit_entries(index: dict, site: Site) -> dict[str, list[str]]:
    """The national site: one entry per province (`country.province_search_entries`), whose
    keywords are the marked pairs of every name a person may type for a unit there: today's units,
    former units and districts, the former provinces ("_ngathanh", "_hagiang"). A two-syllable
    name costs about three bytes compressed, so every name of the country fits. A result leads to
    the finder with the words typed and the province (docs/assets/search-vi.js), which answers."""
    keywords = {}
    for entry in country.province_search_entries(site.data):
        index["docs"].append(entry)
        keywords[entry["location"]] = name_pairs(entry.pop("names"))
    return keywords
