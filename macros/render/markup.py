"""The one place where render code turns values into markup.

Markdown: data text goes through `text()`, so it can never become markup; links to
other pages are Markdown links to `.md` files, relative to the page being rendered,
so that MkDocs checks them.

HTML: fragments come from the Jinja2 templates in templates/, autoescaped. Data
strings go into a template as they are; only fragments made here (`render()` and
the helpers below) are `Markup`. Links in HTML are computed for the built site
(`built_href`); MkDocs does not check them, tests/test_site.py checks every href.
"""

from __future__ import annotations

import contextlib
import contextvars
import html
import json
import posixpath
import re
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import jinja2
from markupsafe import Markup

from macros.data import models
from macros.data.dataset import Dataset

# --- pages that other pages link to ------------------------------------------------

LEGAL_LIBRARY_PAGE = "van-ban-phap-ly.md"
OFFICE_FINDER_PAGE = "cong-cu/tim-co-quan.md"
CALENDAR_PAGE = "can-bo/lich.md"
PROGRAMME_PAGE = "can-bo/chuong-trinh-thanh-hoa.md"
CORE_SCRIPT = "assets/core.js"
"""What every tool script shares (today in Vietnam, dates, money, the value in force); loaded before each."""
PROVINCES_DIR = "tinh"
"""The national site's province pages (one Markdown page per province folder) and the selector tinh/index.md."""
SOURCES_PAGE = "ve-nguon-tin.md"
"""What the two labels of doubt mean; each label links to its section there."""


def province_page_path(slug: str) -> str:
    return f"{PROVINCES_DIR}/{slug}.md"


def province_units_page_path(slug: str) -> str:
    """A province's own list of its units, today's and former, on the national site."""
    return f"{PROVINCES_DIR}/{slug}/xa-phuong.md"


# --- the two labels of doubt -----------------------------------------------------------
# Exactly two, each one wording, one CSS class and one anchor on SOURCES_PAGE, made only by
# `doubt_label` (templates/doubt_label.html). Plain-text outputs (calendar feeds, scripts) use
# the same words. A value carries at most one of them.

UNCERTAIN = "chưa chắc chắn"
"""A source says so, but not for certain (a press report, an inference, a single weak source)."""
UNVERIFIED = "chưa xác minh"
"""No source found yet: the site does not know, and says whom to ask."""
DOUBT = {
    "uncertain": {"words": UNCERTAIN, "anchor": "chua-chac-chan"},
    "unverified": {"words": UNVERIFIED, "anchor": "chua-xac-minh"},
}


# --- Markdown ----------------------------------------------------------------------

_MARKDOWN_SPECIALS = re.compile(r"([\\`*_\[\]{}#|!])")
_LINE_BREAK = re.compile(r"\s*[\n\r\v\f\x85\u2028\u2029]\s*")
_LIST_START = re.compile(r"^([-+]|[0-9]+(?=[.)]))")
_PARAGRAPH_BREAK = re.compile(r"\n[ \t]*\n")


def text(value: str) -> str:
    """Data text as inert Markdown: one line, HTML escaped, Markdown punctuation backslashed,
    and a leading "-", "+" or "1." that would start a list made literal."""
    flat = _LINE_BREAK.sub(" ", value)
    escaped = _MARKDOWN_SPECIALS.sub(r"\\\1", html.escape(flat, quote=False))
    return _LIST_START.sub(lambda m: "\\" + m[1] if not m[1][0].isdigit() else m[1] + "\\", escaped, count=1)


def paragraphs(value: str) -> list[str]:
    """The paragraphs of a `models.Paragraphs` text (a blank line between two), each one line."""
    return [part.strip() for part in _PARAGRAPH_BREAK.split(value.strip()) if part.strip()]


def url(value: str) -> str:
    """A validated http(s) URL, safe inside Markdown `( )`."""
    return value.replace("(", "%28").replace(")", "%29").replace(" ", "%20")


def link(label: str, href: str) -> str:
    return f"[{text(label)}]({url(href)})"


def page_link(label: str, target: str, from_page: str, anchor: str = "", query: str = "") -> str:
    """A link to another Markdown page of the site, relative to `from_page`; `query` is what comes
    after "?" (made of ids only, nothing a person typed: "tinh=ha-noi")."""
    relative = posixpath.relpath(target, posixpath.dirname(from_page) or ".")
    return f"[{text(label)}]({relative}{'?' + query if query else ''}{'#' + anchor if anchor else ''})"


def unknown(from_page: str, what_to_do: str | None = None) -> str:
    """How the site shows a value no source gives: the label, and (given) what to do.

    `what_to_do` is Markdown already made inert (`text()`, `prose.expand()`)."""
    said = str(doubt_label("unverified", from_page))
    return said if what_to_do is None else f"{said} — {what_to_do}"


def cite(ref: models.LegalRef, data: Dataset, from_page: str) -> str:
    """A link from a rule to its document's entry in the legal library."""
    return page_link(data.ref_words(ref), LEGAL_LIBRARY_PAGE, from_page, anchor=ref.document)


def cite_document(document_id: str, data: Dataset, from_page: str) -> str:
    """A link to a whole document's entry in the legal library: "Quyết định 22/2023/QĐ-TTg"."""
    return cite(models.LegalRef(document=document_id), data, from_page)


def uncertain_label(note: str | None, from_page: str) -> str:
    """The "not certain" label, and why (Markdown): "chưa chắc chắn: <note>"."""
    label = str(doubt_label("uncertain", from_page))
    return f"{label}: {text(note)}" if note else label


def uncertain_words(note: str | None) -> str:
    """The same, in plain text (calendar feeds): "Chưa chắc chắn: <note>"."""
    words = UNCERTAIN[0].upper() + UNCERTAIN[1:]
    return f"{words}: {note}" if note else words


# --- HTML --------------------------------------------------------------------------


def escape(value: Any) -> Markup:
    """A value as HTML text; every `{{ value }}` of a template passes through here.

    Quotes come out as `html.escape` writes them (&quot; &#x27;), as the site always had them;
    Jinja's own escaping would write &#34; &#39;. A `Markup` fragment stays as it is."""
    if hasattr(value, "__html__"):
        return Markup(value.__html__())
    return Markup(html.escape(str(value), quote=True))


# A template's line breaks are part of the fragment, except after a line that holds only a
# {% tag %} or {# comment #} (trim_blocks, lstrip_blocks) and where {%- or -%} strip them:
# fragments that must stay one line use those. A blank line ends a raw-HTML block in the
# page's Markdown, so only a `markdown` div (markdown_block.html) has one.
_TEMPLATES = jinja2.Environment(
    loader=jinja2.FileSystemLoader(Path(__file__).resolve().with_name("templates")),
    autoescape=True,
    finalize=escape,
    undefined=jinja2.StrictUndefined,
    trim_blocks=True,
    lstrip_blocks=True,
)


def render(template: str, **values: Any) -> Markup:
    """An HTML fragment from templates/. The template's last line break is not part of it."""
    return Markup(_TEMPLATES.get_template(template).render(**values))


def basis_block(markdown: str, summary: str = "Căn cứ") -> Markup:
    """A collapsed "Căn cứ" block: the legal basis one tap away, not woven into the sentences.
    `markdown` is made with `text()`, `cite()`, ...; the page puts the block in a paragraph of its own."""
    return render("basis_block.html", summary=summary, markdown=Markup(markdown))


def more_block(summary: str, markdown: str) -> Markup:
    """A collapsed block of a page's own content, one tap away ("Nội dung phối hợp"); `summary` is
    plain words, `markdown` is made with `text()`, `link()`, ..."""
    return render("more_block.html", summary=summary, markdown=Markup(markdown))


def markdown_block(css_class: str, markdown: str, searched: bool = True) -> Markup:
    """A <div> whose content is still Markdown (md_in_html). `markdown` is made with `text()`, `link()`, ...
    `searched=False` keeps it out of the search index (text repeated on many pages)."""
    return render("markdown_block.html", css_class=css_class, markdown=Markup(markdown), searched=searched)


def _served_dir(page: str) -> str:
    """The folder a page is served from with directory URLs: "can-bo/lich.md" -> "can-bo/lich"."""
    stem = page.removesuffix(".md")
    if stem == "index":
        return ""
    return stem.removesuffix("/index")


_HREFS_FROM_SOURCE: contextvars.ContextVar[bool] = contextvars.ContextVar("hrefs_from_source", default=False)
"""How hrefs in raw HTML are written. MkDocs leaves raw HTML alone, so they are relative to the
folder a page is served from ("can-bo/lich.md" is served at can-bo/lich/). Zensical rewrites every
relative URL of a page, raw HTML included, as a link from the Markdown file (resolving "x.md"):
while pages are rendered for Zensical (macros.pipeline.pages), they are written from the Markdown
file instead. A context variable set for one rendering, so it never leaks into what follows (the
writers after the build write links of the built site whatever the engine)."""


@contextlib.contextmanager
def hrefs_from_source(on: bool = True) -> Iterator[None]:
    """Within this block, `built_href` writes hrefs from the page's Markdown file (Zensical)."""
    token = _HREFS_FROM_SOURCE.set(on)
    try:
        yield
    finally:
        _HREFS_FROM_SOURCE.reset(token)


def built_href(target: str, from_page: str, anchor: str = "") -> str:
    """A relative href, in the built site (use_directory_urls), from page `from_page`
    to a page ("x.md") or a file ("api/x.json", "assets/x.js")."""
    if _HREFS_FROM_SOURCE.get():
        relative = posixpath.relpath(target, posixpath.dirname(from_page) or ".")
        return relative + (f"#{anchor}" if anchor else "")
    base = _served_dir(from_page) or "."
    if target.endswith(".md"):
        relative = posixpath.relpath(_served_dir(target) or ".", base)
        relative = "./" if relative == "." else relative + "/"
    else:
        relative = posixpath.relpath(target, base)
    return relative + (f"#{anchor}" if anchor else "")


def link_html(label: str, href: str) -> Markup:
    return render("link.html", label=label, href=href)


def cite_html(ref: models.LegalRef, data: Dataset, from_page: str) -> Markup:
    return link_html(data.ref_words(ref), built_href(LEGAL_LIBRARY_PAGE, from_page, ref.document))


def json_script(element_id: str, payload: Any) -> Markup:
    """Data for a script, inert: JSON inside <script type="application/json">, with every "<", ">"
    and "&" written as a JSON escape, so that no "</script>" or "<!--" in data can end it early."""
    body = (
        json.dumps(payload, ensure_ascii=False, separators=(",", ":"))
        .replace("<", "\\u003c")
        .replace(">", "\\u003e")
        .replace("&", "\\u0026")
    )
    return render("json_script.html", element_id=element_id, body=Markup(body))


def script(path: str, from_page: str, defer: bool = False) -> Markup:
    """A script of the site (a file under docs/, e.g. "assets/kiem-tra.js") for the page `from_page`."""
    return render("script.html", src=built_href(path, from_page), defer=defer)


def doubt_label(kind: str, from_page: str) -> Markup:
    """One of the two labels ("uncertain", "unverified"), linking to what it means. HTML, so it
    reads the same in Markdown and in templates."""
    label = DOUBT[kind]
    return render(
        "doubt_label.html",
        kind=kind,
        words=label["words"],
        href=built_href(SOURCES_PAGE, from_page, label["anchor"]),
    )


def uncertain_mark(from_page: str) -> Markup:
    """Shown right after a value or rule whose source is not certain, wherever it appears."""
    return doubt_label("uncertain", from_page)


def uncertain_html(note: str | None, from_page: str) -> Markup:
    """The "not certain" label and why, in HTML (tables of the officials' pages)."""
    return render("uncertain_label.html", label=uncertain_mark(from_page), note=note or "")
