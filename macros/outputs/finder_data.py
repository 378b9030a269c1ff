"""The national finder's data, fetched by assets/tim-co-quan.js when a question needs it.

A province's site carries its units inside the finder's page. The national site would carry
13,000 names that way, so it writes them beside the pages instead: `assets/tim-co-quan/index.json`
(for each province, the folded names of its units, to know which provinces to ask) and one
`assets/tim-co-quan/<province>.json` per province (macros/render/finder.py, `province_payload`),
fetched only for the provinces whose names match what was typed.
"""

from __future__ import annotations

import json
from pathlib import Path

from macros.data.site import Site
from macros.render import country, finder


def finder_files(site: Site) -> dict[str, object]:
    """Site path -> JSON value, for a site of several provinces (a province's site carries its units
    in the finder's page)."""
    data = site.data
    if not data.provinces:
        return {}
    files: dict[str, object] = {finder.INDEX_PATH: country.national_index(data, data.roles.pages.office_finder)}
    for slug, province in data.provinces.items():
        files[country.province_data_path(slug)] = country.province_payload(province)
    return files


def write_finder_data(site: Site, output: Path) -> list[str]:
    """Writer for outputs.WRITERS."""
    written = []
    for path, value in finder_files(site).items():
        target = output / path
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(json.dumps(value, ensure_ascii=False, separators=(",", ":")), encoding="utf-8")
        written.append(path)
    return written
