"""`make new-province SLUG=ha-tinh NAME="Hà Tĩnh"`: a new province's data folder, as templates.

National data (Decision 22, its duties, documents, guidance) stays shared in data/. The
province's own files start empty, with `null` for every value no source gives yet, so the
new province builds at once: its pages say *chưa có dữ liệu* until an editor fills them.
Each file says in comments what goes in it; data/provinces/thanh-hoa/ is a filled example.
"""

from __future__ import annotations

import json
import re
import sys
from pathlib import Path

from macros import settings
from macros.cli.check import check
from macros.data import models
from macros.data.dataset import DATA_DIR, province_dir

SCHEMA_LINE = "# yaml-language-server: $schema=../../../schemas/{name}.schema.json\n"


def _quoted(value: str) -> str:
    """A YAML scalar that stays text whatever it holds (JSON strings are YAML)."""
    return json.dumps(value, ensure_ascii=False)


UNIT_CHANGES_TEMPLATE = """# The province's map after 1 July 2025. communes.yaml is the generated snapshot of the units
# (make admin-units); each change since (a resolution renaming or re-typing a unit, a new ward,
# a merge or a split, the province becoming a centrally-run city) is a record here, with its
# legal basis (the resolution in data/legal_documents.yaml), the day it takes effect and its
# source. A build for SITE_DATE shows the map in force on that day; the names in force before
# stay findable ("trước ngày ... là ..."). Example (see data/provinces/dong-nai/unit_changes.yaml):
#   - id: nq-237-2026-loc-ninh
#     unit: xa-loc-ninh
#     type: phường
#     effective_from: 2026-04-30
#     legal_basis: {document: nq-237-2026-ubtvqh16}
#     listed_in: https://...
#     source: https://...
#     verified_on: YYYY-MM-DD
#     review_by: YYYY-MM-DD
# disagreements: where lists of units disagree and no legal text at hand settles it (make units-diff).
changes: []
disagreements: []
"""


def templates(slug: str, name: str, full_name: str) -> dict[str, str]:
    """File name -> text of each province file."""
    return {
        "province.yaml": f"""# The province. Made by `make new-province`; every value no source gives yet is null.
# From a source, fill: ward_count and commune_count (wards, and communes with special zones),
# units_basis (the Standing Committee's resolution on the province's commune-level units: add
# it to data/legal_documents.yaml with `province: {slug}`), units_since; then source,
# verified_on (the day you checked) and review_by (when to check again).
id: {slug}
name: {_quoted(name)}
full_name: {_quoted(full_name)}
ward_count: null
commune_count: null
units_basis: null
units_since: null
source: null
verified_on: null
review_by: null
# The coordination programme of the provincial police and the VBSP branch, only if a
# source publishes it (fields: see data/provinces/thanh-hoa/province.yaml).
programme: null
""",
        "communes.yaml": f"""# The province's commune-level units (xã, phường, đặc khu) as they are today, from a source.
# Empty until then. One unit per line, for example:
#   - {{id: xa-vi-du, name: Ví Dụ, type: xã}}
# vbsp_office: the id (offices.yaml) of the VBSP transaction office serving the unit, only
# when a source says so. With the first unit, fill source, verified_on and review_by.
# `make admin-units PROVINCE={slug}` writes each unit's code (and codes_from); on an empty
# list it writes the units themselves, from the library it names.
source: null
verified_on: null
review_by: null
communes: []
""",
        "former_units.yaml": f"""# The province's commune-level units before 1 July 2025, their districts then, and the units
# of today each became. Never written by hand: `make admin-units PROVINCE={slug}` generates it
# (name the resolution on the province's units in province.yaml units_basis first).
source: null
verified_on: null
review_by: null
legal_basis: null
generated_by: null
districts: []
units: []
""",
        "unit_changes.yaml": UNIT_CHANGES_TEMPLATE,
        "offices.yaml": f"""# Offices in the province that a source names: VBSP branch and transaction offices,
# provincial police, provincial People's Committee. Address, phone and hours stay null
# until a source gives them: a wrong number sends a person to the wrong place. When the
# source names a transaction office by a former district, say so with named_for (a district
# id in former_units.yaml) and named_on (the source's date). Example:
#   - id: nhcsxh-{slug}
#     name: Ngân hàng Chính sách xã hội - Chi nhánh {full_name}
#     kind: vbsp_branch
#     agency: nhcsxh-chi-nhanh-tinh
#     address: null
#     phone: null
#     hours: null
#     serves: whole_province
#     source: https://...
#     verified_on: YYYY-MM-DD
#     review_by: YYYY-MM-DD
offices: []
""",
        "deadlines.yaml": """# The province's own recurring duties (e.g. under its coordination programme). The duties
# Decision 22 gives in every province are shared, in data/duties.yaml, and already shown.
# Fields: see data/provinces/thanh-hoa/deadlines.yaml. rrule only where a source gives the
# exact day; otherwise null and timing_note.
duties: []
""",
        "statistics.yaml": """# Lending figures for the province, each exactly as its source states it (as_of,
# measure, people, amount). Empty until a source publishes one.
figures: []
""",
    }


def scaffold(root: Path, slug: str, name: str, full_name: str | None = None) -> list[Path]:
    """Write data/provinces/<slug>/ under `root`; refuses a bad slug or an existing folder."""
    if not re.match(models.ID_PATTERN, slug) or slug == settings.NATIONAL:
        raise ValueError(
            f"SLUG {slug!r} must be lowercase letters a-z, digits and hyphens (like ha-tinh), and not {settings.NATIONAL!r}"
        )
    name = name.strip()
    if not name:
        raise ValueError('NAME must not be empty (like NAME="Hà Tĩnh")')
    target = province_dir(root, slug)
    if target.exists():
        raise ValueError(f"{target.relative_to(root)} exists already: nothing was written")
    target.mkdir(parents=True)
    written = []
    for file_name, body in templates(slug, name, (full_name or f"tỉnh {name}").strip()).items():
        path = target / file_name
        path.write_text(SCHEMA_LINE.format(name=file_name.removesuffix(".yaml")) + body, encoding="utf-8")
        written.append(path)
    return written


def main(argv: list[str]) -> int:
    if len(argv) not in (2, 3):
        print(
            'usage: python -m macros.cli.scaffold SLUG NAME [FULL_NAME]   e.g. ha-tinh "Hà Tĩnh" "tỉnh Hà Tĩnh"',
            file=sys.stderr,
        )
        return 2
    root = settings.data_root()
    try:
        written = scaffold(root, argv[0], argv[1], argv[2] if len(argv) == 3 and argv[2] else None)
    except ValueError as exc:
        print(exc, file=sys.stderr)
        return 1
    for path in written:
        print(f"wrote {path.relative_to(root)}")
    problems = check(root, argv[0])
    for line in problems:
        print(line, file=sys.stderr)
    if problems:
        return 1
    print(f"{DATA_DIR}/provinces/{argv[0]}/ is valid. Build it: make build PROVINCE={argv[0]}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
