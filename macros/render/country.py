"""The whole country in the finder and the search: what the national site adds to macros/render/finder.py.

A province's site carries its units inside the finder's page and one search entry per unit. The
national site has 3,321 units and 10,035 former units: in one page or one entry each, they would
weigh several times the rest of the site. So:

- the finder fetches what a question needs (macros/outputs/finder_data.py writes the files):
  `index.json`, the folded names of each province's units, to know which provinces to ask, then
  `<province>.json` (`province_payload`) for those provinces only;
- the search indexes each province's units as one document (outputs/pagefind.py,
  `unit_documents`), leading to the finder for that province.
"""

from __future__ import annotations

from typing import Any

from macros.data.dataset import Dataset
from macros.data.unitmap import PROVINCE_TYPES
from macros.render.finder import FINDER_DATA_DIR, finder_payload
from macros.render.markup import built_href, province_page_path, province_units_page_path
from macros.text import fold_words


def province_data_path(slug: str) -> str:
    return f"{FINDER_DATA_DIR}/{slug}.json"


def province_payload(data: Dataset) -> dict[str, Any]:
    """One province's finder data on the national site: `finder_payload` and the province's names."""
    return finder_payload(data) | {
        "slug": data.province_slug,
        "name": data.province.name,
        "full_name": data.province.full_name,
    }


def name_keys(data: Dataset) -> list[str]:
    """Every name a person may type for a unit of the province, folded to words: today's units,
    former units and former island districts ("nga thanh", "ha giang 1"), and the names in force
    earlier since 1 July 2025, each once."""
    names = [c.name for c in data.communes.values()]
    names += [u.name for u in data.former_units.units]
    names += [d.name for d in data.former_units.districts if d.becomes]
    names += changed_names(data)
    return sorted({key for key in (fold_words(n) for n in names) if key})


def changed_names(data: Dataset) -> list[str]:
    """The names units had since 1 July 2025 before the map in force: earlier names, units that ended."""
    names = [e.name for earlier in data.earlier_names.values() for e in earlier]
    return names + [n for e in data.ended_units for n in [e.unit.name, *(x.name for x in e.earlier)]]


def province_words(name: str) -> list[str]:
    """How a person may write a province at the end of an address, folded: 'thanh hoa', 'tinh thanh hoa'."""
    bare = fold_words(name)
    for kind in PROVINCE_TYPES:
        folded = fold_words(kind)
        if bare.startswith(folded + " "):
            bare = bare[len(folded) + 1 :]
    return [bare] + [f"{fold_words(kind)} {bare}" for kind in PROVINCE_TYPES]


def front_coded(keys: list[str]) -> str:
    """Sorted keys, each as the length of the prefix it shares with the one before (0-9) and the
    rest: ["nga son", "nga thanh"] -> "0nga son|4thanh". A fifth smaller once compressed."""
    out, previous = [], ""
    for key in keys:
        shared = 0
        while shared < min(len(key), len(previous), 9) and key[shared] == previous[shared]:
            shared += 1
        out.append(f"{shared}{key[shared:]}")
        previous = key
    return "|".join(out)


def national_index(data: Dataset, from_page: str) -> dict[str, Any]:
    """What the national finder fetches first: for each province (in the site's order) its slug,
    names, the address of its list of units (its own page), the ways it may be written at the end of an address
    (`written`, folded; `former`: each former province it was made of, with its ways), and the
    folded names of its units and of its former districts, sorted and front-coded (`front_coded`;
    the script joins them as "|a|b|", where a string search finds a name, a name's start, or a
    word inside a name; a district typed after a name narrows the provinces to ask)."""
    provinces = []
    for p in data.provinces_in_order():
        written = province_words(p.province.full_name)
        written += [w for e in p.province_earlier for w in province_words(e.name) if w not in written]
        former = [
            [name, province_words(name)]
            for name in sorted({d.province for d in p.former_units.districts if d.province})
            if province_words(name) != written
        ]
        provinces.append(
            {
                "slug": p.province_slug,
                "name": p.province.name,
                "full_name": p.province.full_name,
                "page": built_href(
                    (province_units_page_path if p.communes else province_page_path)(p.province_slug), from_page
                ),
                "written": written,
                "former": former,
                "units": front_coded(name_keys(p)),
                "districts": front_coded(sorted({fold_words(d.name) for d in p.former_units.districts})),
            }
        )
    return {"provinces": provinces}
