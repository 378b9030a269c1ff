"""What names the province in a build's configuration, for either engine.

A province's site is the same pages built with `PROVINCE=<folder>`; its nav entry for the
programme and the site description come from its data, and on the national site
(`PROVINCE=ca-nuoc`) the nav gains a last section with the selector and one page per province.
The engine adapters put these into their configuration (macros/engines/).
"""

from __future__ import annotations

from typing import Any

from macros.data.dataset import Dataset
from macros.render import markup
from macros.render.provinces import SELECTOR_PAGE, ordered, province_page_path


def description(data: Dataset) -> str:
    said = markup.words()["site"]
    return said["description"].format(who=said["everyone"] if data.is_national else data.province.full_name)


def programme_nav_title(data: Dataset) -> str:
    said = markup.words()["site"]["programme_nav"]
    return said["national"] if data.is_national else said["province"].format(province=data.province.name)


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
        adapted.append({markup.words()["site"]["provinces"]: pages})
    return adapted


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
