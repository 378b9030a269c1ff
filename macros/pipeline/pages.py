"""The pre step: every page rendered from data by the project's own Jinja environment.

`render_pages` returns each page's Markdown with every macro expanded (front matter kept as
written): the pages of docs/ in the order of their paths, then the national site's generated
pages. The engines (macros/engines/) only turn that Markdown into HTML: MkDocs receives it in
memory through its hooks, Zensical from a staged folder. Nothing here imports an engine.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Callable
from pathlib import Path
from typing import Literal

import jinja2
import yaml

from macros import settings
from macros.data.dataset import Dataset
from macros.data.site import Site
from macros.outputs.pagefind import PageSearch
from macros.pipeline import registry
from macros.pipeline.problems import MacroFailed, PageProblems, page_problem
from macros.render import markup
from macros.render.markup import province_units_page_path
from macros.render.provinces import SELECTOR_PAGE, ordered, province_page_path

Links = Literal["served", "from_source"]
"""How hrefs in raw HTML are written: from the folder a page is served from (MkDocs leaves raw HTML
alone), or from the page's Markdown file (Zensical rewrites every relative URL as a link from it)."""

FRONT_MATTER = re.compile(r"^-{3}[ \t]*\n(.*?\n)(?:\.{3}|-{3})[ \t]*\n", re.DOTALL)
"""YAML front matter as MkDocs reads it (mkdocs.utils.meta)."""


def split_front_matter(text: str) -> tuple[str, str]:
    found = FRONT_MATTER.match(text)
    return (found.group(0), text[found.end() :]) if found else ("", text)


def sources(docs: Path, data: Dataset) -> dict[str, str]:
    """docs path -> page source: docs/*.md in the order of their paths, then the generated pages."""
    found = {p.relative_to(docs).as_posix(): p for p in docs.rglob("*.md") if p.is_file()}
    written = {path: found[path].read_text(encoding="utf-8") for path in sorted(found)}
    return written | generated_pages(data)


def _guarded(name: str, function: Callable, page: registry.PageContext) -> Callable:
    @functools.wraps(function)
    def call(*args, **kwargs):
        try:
            return function(page, *args, **kwargs)
        except Exception as exc:
            raise MacroFailed(name, exc) from None

    return call


def page_macros(site: Site, path: str) -> dict[str, Callable]:
    """Every macro as the page at `path` calls it: `fact("x")`; a failure is a MacroFailed."""
    page = registry.PageContext(site.data, site.on, path)
    return {name: _guarded(name, m.function, page) for name, m in registry.MACROS.items()}


def environment() -> jinja2.Environment:
    jinja = jinja2.Environment(undefined=jinja2.StrictUndefined, keep_trailing_newline=True)
    jinja.filters.update(registry.FILTERS)
    return jinja


def _fingerprint(docs: Path) -> tuple:
    return tuple(sorted((str(p), p.stat().st_mtime_ns, p.stat().st_size) for p in docs.rglob("*.md")))


_last: dict[str, object] = {}
"""The last pages rendered in this process, and for what: `make build` renders them in its check
(macros.cli.check) and again in the engine's step, from the same data and pages."""


def render_pages(site: Site, docs: Path, links: Links = "served") -> dict[str, str]:
    """docs path -> Markdown with every macro expanded, for this build's site. Raises PageProblems
    with every page that fails (one line each, page and line named)."""
    docs = docs.resolve()
    key = (site.on, links, settings.site_url(), _fingerprint(docs))
    if _last.get("data") is site.data and _last.get("key") == key:
        return dict(_last["pages"])
    pages = _render(site, docs, links)
    _last.update(data=site.data, key=key, pages=pages)
    return dict(pages)


def _render(site: Site, docs: Path, links: Links) -> dict[str, str]:
    jinja = environment()
    variables = registry.page_variables(site)
    pages, problems = {}, []
    with markup.hrefs_from_source(links == "from_source"):
        for path, text in sources(docs, site.data).items():
            front, body = split_front_matter(text)
            try:
                pages[path] = front + jinja.from_string(body).render(variables | page_macros(site, path))
            except Exception as exc:
                problems.append(page_problem(path, exc, front.count("\n") + 1))
    if problems:
        raise PageProblems(problems)
    return pages


def search_settings(pages: dict[str, str]) -> dict[str, PageSearch]:
    """What each page's front matter says to the search index: `search: exclude: true`, `keywords:`."""
    found = {}
    for path, text in pages.items():
        front = FRONT_MATTER.match(text)
        try:
            meta = yaml.safe_load(front.group(1)) if front else None
        except yaml.YAMLError:  # the engine names it when it reads the page
            meta = None
        if isinstance(meta, dict):
            search = meta.get("search") if isinstance(meta.get("search"), dict) else {}
            keywords = tuple(str(k) for k in meta.get("keywords") or ())
            found[path] = PageSearch(excluded=bool(search.get("exclude")), keywords=keywords)
    return found


# --- the national site's generated pages --------------------------------------------------


def generated_pages(data: Dataset) -> dict[str, str]:
    """The national site's own pages, path -> Markdown: the selector and one page per province."""
    if not data.is_national:
        return {}
    pages = {SELECTOR_PAGE: f"# {markup.words()['site']['provinces']}\n\n{{{{ province_list() }}}}\n"}
    for province in ordered(data):
        slug = province.province_slug
        pages[province_page_path(slug)] = f'{{{{ province_page("{slug}") }}}}\n'
        if province.communes:
            pages[province_units_page_path(slug)] = UNITS_PAGE.format(slug=slug)
    return pages


UNITS_PAGE = """---
search:
  exclude: true
---
{{{{ province_units_page("{slug}") }}}}
"""
"""A province's list of units: out of the search index (as cong-cu/danh-sach-xa-phuong.md), whose
national entries lead to the finder; out of the nav (34 more entries on every page)."""
