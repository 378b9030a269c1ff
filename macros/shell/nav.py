"""What names the province in a build's configuration, and the national site's extra pages.

A province's site is the same pages built with `PROVINCE=<folder>`; its nav entry for the
programme and the site description come from its data. The national site (`PROVINCE=ca-nuoc`)
adds a selector and, per province, its page and the list of its units, each a one-line macro call.
"""

from __future__ import annotations

from typing import Any

from macros.data.dataset import Dataset
from macros.render import markup
from macros.render.markup import province_units_page_path
from macros.render.provinces import SELECTOR_PAGE, ordered, province_page_path

# --- configuration: what names the province ---------------------------------------------


def description(data: Dataset) -> str:
    who = "các tỉnh, thành phố" if data.is_national else data.province.full_name
    return (
        f"Hướng dẫn vay vốn Ngân hàng Chính sách xã hội theo Quyết định 22/2023/QĐ-TTg, cho người dân và cán bộ {who}."
    )


def programme_nav_title(data: Dataset) -> str:
    return "Chương trình của tỉnh" if data.is_national else f"Chương trình {data.province.name}"


def adapt_nav(nav: list, data: Dataset, as_html: bool = False) -> list:
    """mkdocs.yml's nav for this build: the programme entry named for the province; on a national
    site, a last section with the selector and one page per province.

    `as_html`: the titles taken from data are HTML-escaped. MkDocs' theme prints nav titles
    as HTML (its templates do not escape), so a province's name must reach it as escaped text;
    Zensical's templates escape what they print, so its config gets the plain words."""
    named = (lambda words: str(markup.escape(words))) if as_html else (lambda words: words)

    def walk(items: list) -> list:
        out = []
        for item in items:
            if isinstance(item, dict):
                ((title, value),) = item.items()
                if value == data.roles.pages.programme:
                    title = named(programme_nav_title(data))
                out.append({title: walk(value) if isinstance(value, list) else value})
            else:
                out.append(item)
        return out

    adapted = walk(nav)
    if data.is_national:
        pages = [SELECTOR_PAGE] + [{named(p.province.name): province_page_path(p.province_slug)} for p in ordered(data)]
        adapted.append({"Tỉnh, thành phố": pages})
    return adapted


def is_mkdocs_nav(nav: list) -> bool:
    """mkdocs.yml's form of nav: each item a page path or a one-entry mapping {title: path or list}."""
    return all(isinstance(item, str) or (isinstance(item, dict) and len(item) == 1) for item in nav)


def adapt_config(conf: Any, data: Dataset) -> None:
    """Called from define_env (MkDocs builds the nav after on_config), so `mkdocs serve` gets it too.

    Zensical runs define_env for each page, after it has built its nav from the config file: its nav
    items are {"title", "url", "children", ...} and changing them (or the description) changes
    nothing, so they are left alone; `macros.cli.zensical` writes the adapted nav into the file instead."""
    # Material prints `config.site_description` into <meta content="..."> as it is: escaped here.
    conf["site_description"] = str(markup.escape(description(data)))
    if conf.get("nav") and is_mkdocs_nav(conf["nav"]):
        conf["nav"] = adapt_nav(conf["nav"], data, as_html=True)


def variables(data: Dataset) -> dict[str, Any]:
    """What pages test with `{% if %}` to stay true for a province without a programme, figures or communes."""
    programme = data.province.programme
    reform = data.milestone(data.roles.milestones.district_police_ended).date
    return {
        "is_national_site": data.is_national,
        "has_programme": programme is not None,
        "has_programme_purposes": bool(programme and programme.purposes),
        "programme_predates_reform": bool(programme and reform and programme.signed_on < reform),
        "has_figures": bool(data.figures),
        "has_communes": bool(data.communes),
        "has_finder": bool(data.communes) or any(p.communes for p in data.provinces.values()),
        "has_former_units": bool(data.former_units.units),
    }


# --- the national site's generated pages --------------------------------------------------


def generated_pages(data: Dataset) -> dict[str, str]:
    """The national site's own pages, path -> Markdown: the selector and one page per province."""
    if not data.is_national:
        return {}
    pages = {SELECTOR_PAGE: "# Tỉnh, thành phố\n\n{{ province_list() }}\n"}
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
