"""The one place where render code turns values into markup, and where the templates live.

Words a reader sees are in templates/ (Jinja): `.html` and `.svg` fragments (autoescaped HTML),
`.md` Markdown (macros called from the render modules), `words.yaml` (labels several templates
and the outputs share). Render functions compute values; a template writes the sentence.

Markdown: in a `.md` template every `{{ value }}` is made inert text (`text()`: one line, HTML
escaped, Markdown punctuation backslashed) unless it is a fragment made here (`Md`, or HTML
`Markup`). No caller has to remember to escape. Links to other pages are Markdown links to
`.md` files, relative to the page being rendered, so that MkDocs checks them; pages are named
by their role (data/roles.yaml), never typed in code.

HTML: fragments come from the `.html` templates, autoescaped. Links in HTML are computed for
the built site (`built_href`); MkDocs does not check them, tests/test_site.py checks every href.
"""

from __future__ import annotations

import contextlib
import contextvars
import functools
import html
import json
import posixpath
import re
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import jinja2
import yaml
from markupsafe import Markup

from macros import formatting as fmt
from macros.data import models
from macros.data.dataset import Dataset

TEMPLATES = Path(__file__).resolve().with_name("templates")

# --- paths of the site that are not pages of docs/ ------------------------------------

CORE_SCRIPT = "assets/core.js"
"""What every tool script shares (today in Vietnam, dates, money, the value in force); loaded before each."""
PROVINCES_DIR = "tinh"
"""The national site's province pages (one Markdown page per province folder) and the selector tinh/index.md."""


def province_page_path(slug: str) -> str:
    return f"{PROVINCES_DIR}/{slug}.md"


def province_units_page_path(slug: str) -> str:
    """A province's own list of its units, today's and former, on the national site."""
    return f"{PROVINCES_DIR}/{slug}/xa-phuong.md"


@functools.cache
def words() -> dict[str, Any]:
    """templates/words.yaml: the labels several templates and the outputs share."""
    return yaml.safe_load((TEMPLATES / "words.yaml").read_text(encoding="utf-8"))


# --- the two labels of doubt -----------------------------------------------------------
# Exactly two, each one wording, one CSS class and one anchor on the sources page (roles.yaml
# pages.sources), made only by `doubt_label` (templates/doubt_label.html), their words in
# words.yaml. Plain-text outputs (calendar feeds, scripts) use the same words. A value carries
# at most one of them.

DOUBT: dict[str, dict[str, str]] = words()["doubt"]
"""kind -> {words, anchor}: "uncertain" (a source says so, not for certain), "unverified" (no source yet)."""
UNCERTAIN = DOUBT["uncertain"]["words"]
UNVERIFIED = DOUBT["unverified"]["words"]


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


class Md(Markup):
    """Markdown made by a template or a helper here: kept as it is wherever it is put. Whatever
    is joined to it (`+`, `join`, `%`) or written by a `.md` template is made inert text first
    (`text()`), unless it is a fragment itself (`Md`, or HTML `Markup`)."""

    __slots__ = ()

    @classmethod
    def escape(cls, s: Any) -> Md:
        if hasattr(s, "__html__"):
            return cls(s.__html__())
        return cls(text(str(s)))


def link(label: str, href: str) -> Md:
    return Md(f"[{text(label)}]({url(href)})")


def page_link(label: str, target: str, from_page: str, anchor: str = "", query: str = "") -> Md:
    """A link to another Markdown page of the site, relative to `from_page`; `query` is what comes
    after "?" (made of ids only, nothing a person typed: "tinh=ha-noi")."""
    relative = posixpath.relpath(target, posixpath.dirname(from_page) or ".")
    return Md(f"[{text(label)}]({relative}{'?' + query if query else ''}{'#' + anchor if anchor else ''})")


def unknown(from_page: str, what_to_do: str | None = None) -> Md:
    """How the site shows a value no source gives: the label, and (given) what to do (plain
    words, or Markdown made here: `Md`)."""
    return markdown("doubt.md", "unknown", {"from_page": from_page}, what_to_do)


def cite(ref: models.LegalRef, data: Dataset, from_page: str) -> Md:
    """A link from a rule to its document's entry in the legal library."""
    return page_link(data.ref_words(ref), data.roles.pages.legal_library, from_page, anchor=ref.document)


def cite_document(document_id: str, data: Dataset, from_page: str) -> Md:
    """A link to a whole document's entry in the legal library: "Quyết định 22/2023/QĐ-TTg"."""
    return cite(models.LegalRef(document=document_id), data, from_page)


def uncertain_label(note: str | None, from_page: str) -> Md:
    """The "not certain" label, and why (Markdown): "chưa chắc chắn: <note>"."""
    return markdown("doubt.md", "uncertain_label", {"from_page": from_page}, note)


def uncertain_words(note: str | None) -> str:
    """The same, in plain text (calendar feeds): "Chưa chắc chắn: <note>"."""
    return plain("doubt.txt", "uncertain_words", {}, note)


# --- the template environments ----------------------------------------------------------

_LOADER = jinja2.FileSystemLoader(TEMPLATES)


@jinja2.pass_context
def _link_to(context, label: str, target: str, anchor: str = "", query: str = "") -> Md:
    """{{ link_to("Tìm nơi liên hệ", pages.office_finder) }}: `page_link` from the page being rendered."""
    return page_link(label, target, context["from_page"], anchor, query)


@jinja2.pass_context
def _cite(context, ref: models.LegalRef) -> Md:
    return cite(ref, context["data"], context["from_page"])


@jinja2.pass_context
def _cite_document(context, document_id: str) -> Md:
    return cite_document(document_id, context["data"], context["from_page"])


@jinja2.pass_context
def _doubt(context, kind: str) -> Markup:
    return doubt_label(kind, context["from_page"])


@jinja2.pass_context
def _unknown(context, what_to_do: str | None = None) -> Md:
    return unknown(context["from_page"], what_to_do)


@jinja2.pass_context
def _uncertain_label(context, note: str | None) -> Md:
    return uncertain_label(note, context["from_page"])


def anchor(ident: str, *attributes: str) -> Md:
    """A heading's attribute list giving it a stable anchor: "{#qd-22-2023}" (ids are a-z, 0-9 and
    hyphens); `attributes` are written after it: "{#so-lieu data-pagefind-ignore}"."""
    return Md("{#" + " ".join([text(ident), *attributes]) + "}")


def sentence(value: str) -> str:
    """Upper-case the first letter only (Jinja's `capitalize` lower-cases the rest: "Tỉnh thanh hóa")."""
    return value[:1].upper() + value[1:]


def lower_first(value: str) -> str:
    """Lower-case the first letter only: "Ngày 5 hằng tháng" -> "ngày 5 hằng tháng"."""
    return value[:1].lower() + value[1:]


_FILTERS = {
    "date": fmt.date_vi,
    "month": fmt.month_vi,
    "number": fmt.number_vi,
    "money": fmt.money_vi,
    "money_words": fmt.money_words_vi,
    "quantity": fmt.quantity_vi,
    "sentence": sentence,
    "lower_first": lower_first,
    "tel": fmt.tel_href,
}


def _markdown_environment() -> jinja2.Environment:
    env = jinja2.Environment(
        loader=_LOADER,
        autoescape=True,
        finalize=Md.escape,
        undefined=jinja2.StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
    )
    env.filters.update(_FILTERS)
    # Jinja's own join escapes items as HTML only when one of them is markup: here every item
    # that is not a fragment is made inert Markdown text, whatever the others are.
    env.filters["join"] = lambda items, separator="": Md(separator).join(items)
    env.globals.update(
        link=link,
        anchor=anchor,
        link_to=_link_to,
        cite=_cite,
        cite_document=_cite_document,
        doubt=_doubt,
        unknown=_unknown,
        uncertain_label=_uncertain_label,
        basis_block=lambda markdown, summary=None: basis_block(markdown, summary),
        more_block=lambda summary, markdown: more_block(summary, markdown),
        markdown_block=lambda css_class, markdown, searched=True: markdown_block(css_class, markdown, searched),
        words=words(),
        nl=Md("\n"),
    )
    return env


_MARKDOWN = _markdown_environment()
_PLAIN = jinja2.Environment(
    loader=_LOADER, autoescape=False, undefined=jinja2.StrictUndefined, trim_blocks=True, lstrip_blocks=True
)
_PLAIN.filters.update(_FILTERS)
_PLAIN.globals["words"] = words()


@functools.lru_cache(maxsize=64)
def _template(env: jinja2.Environment, name: str) -> jinja2.Template:
    return env.get_template(name)


def markdown(template: str, macro: str, context: dict[str, Any], /, *args: Any, **kwargs: Any) -> Md:
    """Markdown from the macro `macro` of the `.md` template `template`. `context` is what every
    macro there may read (usually `data`, `on`, `from_page`; `roles` and `pages` come from `data`)."""
    if "data" in context:
        context = {"roles": context["data"].roles, "pages": context["data"].roles.pages, **context}
    module = _template(_MARKDOWN, template).make_module(context)
    return Md(getattr(module, macro)(*args, **kwargs))


def template_values(template: str) -> dict[str, Any]:
    """The values a `.md` template sets at its top (`{% set parts = [...] %}`), for code that
    needs the same words (a test, a list's order)."""
    module = _template(_MARKDOWN, template).module
    return {name: getattr(module, name) for name in dir(module) if not name.startswith("_")}


def plain(template: str, macro: str, context: dict[str, Any], /, *args: Any, **kwargs: Any) -> str:
    """Plain text (calendar feeds, titles in /api/) from the macro `macro` of `template`, unescaped."""
    module = _template(_PLAIN, template).make_module(context)
    return str(getattr(module, macro)(*args, **kwargs))


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
    loader=_LOADER,
    autoescape=True,
    finalize=escape,
    undefined=jinja2.StrictUndefined,
    trim_blocks=True,
    lstrip_blocks=True,
)
_TEMPLATES.filters.update(_FILTERS)
_TEMPLATES.globals["words"] = words()


def render(template: str, **values: Any) -> Markup:
    """An HTML fragment from templates/. The template's last line break is not part of it."""
    return Markup(_TEMPLATES.get_template(template).render(**values))


def template_words(template: str) -> Any:
    """What a template of words exports (its `{% set %}` values and macros), for code that needs the
    same words as a page (templates/duty_words.html: the officials' calendar and its feeds)."""
    return _TEMPLATES.get_template(template).module


def basis_block(markdown: str, summary: str | None = None) -> Markup:
    """A collapsed "Căn cứ" block: the legal basis one tap away, not woven into the sentences.
    `markdown` is made here or by a `.md` template; the page puts the block in a paragraph of its own.
    `summary`: the block's title, "Căn cứ" unless given."""
    return render("basis_block.html", summary=summary, markdown=Markup(markdown))


def more_block(summary: str, markdown: str) -> Markup:
    """A collapsed block of a page's own content, one tap away ("Nội dung phối hợp"); `summary` is
    plain words, `markdown` is made here or by a `.md` template."""
    return render("more_block.html", summary=summary, markdown=Markup(markdown))


def markdown_block(css_class: str, markdown: str, searched: bool = True) -> Markup:
    """A <div> whose content is still Markdown (md_in_html). `markdown` is made here or by a `.md` template.
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
    return link_html(data.ref_words(ref), built_href(data.roles.pages.legal_library, from_page, ref.document))


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
        href=built_href(words()["doubt_page"], from_page, label["anchor"]),
    )


def uncertain_mark(from_page: str) -> Markup:
    """Shown right after a value or rule whose source is not certain, wherever it appears."""
    return doubt_label("uncertain", from_page)


def uncertain_html(note: str | None, from_page: str) -> Markup:
    """The "not certain" label and why, in HTML (tables of the officials' pages)."""
    return render("uncertain_label.html", label=uncertain_mark(from_page), note=note or "")
