"""`make admin-units PROVINCE=thanh-hoa`: a province's commune-level units, old and new, from a pinned library.

Writes, under data/provinces/<province>/:

- former_units.yaml: every commune-level unit before 1 July 2025 (xã, phường, thị trấn), its
  district then, and the unit or units of today it became (every part of a divided unit);
- communes.yaml: each unit's official code (`code`, mã đơn vị hành chính) and `codes_from`.
  A province whose communes.yaml is still empty gets its units too; otherwise the file's units
  must be the library's (same ids, names and types) or nothing is written.

Everything comes from vietnamadminunits (MIT, pinned in requirements-units.txt; it bundles the
statistics office's lists and the conversion of 2025): its tables `admin_units` (today) and
`admin_units_legacy` (before), read with `vietnamadminunits.database.query`, and its old -> new
mapping, `vietnamadminunits.converter.converter_2025`. Nothing is typed by hand, nothing is
fetched: `convert_address()`, which may geocode online, is never called, and the library's
coordinates (Google-geocoded) are never written.

What the library gets wrong, and what this tool does instead:
- its type columns disagree with the full names for a few units (thị trấn Ngọc Lặc is "Xã"
  there): the type is read from the full name;
- names that differ only by tone marks give the same id ("Ba Tơ", "Ba Tô" -> xa-ba-to): every
  unit of such a pair gets its code appended (xa-ba-to-21484), so no unit wins by order.

Old and new codes are two lists: most new units reuse the code of one of their old units, often
one with another name. Never join old and new units on the code.

The legal basis is the province's `units_basis` (province.yaml): add the Standing Committee's
resolution to data/legal_documents.yaml and name it there first. The library is needed only
here and in the tests, never by `make build`.
"""

from __future__ import annotations

import argparse
import collections
import datetime
import re
import sys
import unicodedata
from dataclasses import dataclass, field
from importlib import metadata
from pathlib import Path

import yaml

from macros import settings
from macros.cli.check import check
from macros.data.dataset import province_dir
from macros.text import slugify

LIBRARY = "vietnamadminunits"
TOOL = "tools/admin_units.py"
FORMER_FILE = "former_units.yaml"
COMMUNES_FILE = "communes.yaml"
NEW_TYPES = ("đặc khu", "phường", "xã")
OLD_TYPES = ("thị trấn", "phường", "xã")
DISTRICT_TYPES = ("thành phố", "thị xã", "huyện", "quận")


def nfc(text: str) -> str:
    return re.sub(r"\s+", " ", unicodedata.normalize("NFC", text)).strip()


def lower_first(text: str) -> str:
    """'Tỉnh Thanh Hóa' -> 'tỉnh Thanh Hóa': a type word inside a sentence."""
    return text[:1].lower() + text[1:]


def split_type(full_name: str, types: tuple[str, ...]) -> tuple[str, str]:
    """'Thị trấn Quán Lào' -> ('thị trấn', 'Quán Lào'): the type is the full name's prefix."""
    full = nfc(full_name)
    for kind in sorted(types, key=len, reverse=True):
        if full.lower().startswith(kind + " "):
            return kind, full[len(kind) :].strip()
    raise SystemExit(f"{LIBRARY}: no known type ({', '.join(types)}) at the start of {full!r}")


@dataclass
class NewUnit:
    code: int
    name: str
    type: str
    key: str
    id: str = ""


@dataclass
class District:
    code: int
    name: str
    type: str
    province: str
    id: str = ""
    becomes: list[NewUnit] = field(default_factory=list)


@dataclass
class OldUnit:
    code: int
    name: str
    type: str
    district: District
    becomes: list[NewUnit]


@dataclass
class Province:
    """One province of today with its units, and those it was made of before 1 July 2025."""

    code: int
    name: str
    full_name: str
    """As sentences write it: "tỉnh Thanh Hóa", "thành phố Hà Nội"."""
    slug: str
    new_units: list[NewUnit]
    districts: list[District]
    old_units: list[OldUnit]
    old_provinces: list[str]


def library_version() -> str:
    return metadata.version(LIBRARY)


def library_source() -> str:
    return f"https://pypi.org/project/{LIBRARY}/{library_version()}/"


def _unique_ids(records: list, noun: str) -> None:
    """`id` = slug of '<type> <name>'; every record of a colliding pair gets '-<code>' appended."""
    for record in records:
        record.id = slugify(f"{record.type} {record.name}")
    seen = collections.Counter(r.id for r in records)
    for record in records:
        if seen[record.id] > 1:
            record.id = f"{record.id}-{record.code}"
    if len({r.id for r in records}) != len(records):
        raise SystemExit(f"{LIBRARY}: two {noun} with the same id even with their codes")


def load_provinces() -> dict[str, Province]:
    """Every province of today, by slug ("thanh-hoa"), from the library's tables and mapping."""
    try:
        from vietnamadminunits.converter import converter_2025 as conversion
        from vietnamadminunits.database import query
    except ImportError:
        raise SystemExit(
            f"{LIBRARY} is not installed: pip install -r requirements-units.txt (make admin-units does it)"
        ) from None

    new_rows = query("SELECT * FROM admin_units")
    old_rows = query("SELECT * FROM admin_units_legacy")
    old_province_names = {r["provinceKey"]: nfc(r["province"]) for r in old_rows}

    provinces: dict[str, Province] = {}
    by_code: dict[int, Province] = {}
    new_by_key: dict[tuple[str, str], NewUnit] = {}
    for row in new_rows:
        code = int(row["provinceCode"])
        if code not in by_code:
            slug = slugify(row["provinceShort"])
            olds = [old_province_names[k] for k in conversion.DICT_PROVINCE[row["provinceKey"]]]
            full = lower_first(nfc(row["province"]))
            by_code[code] = provinces[slug] = Province(code, nfc(row["provinceShort"]), full, slug, [], [], [], olds)
        kind, name = split_type(row["ward"], NEW_TYPES)
        unit = NewUnit(int(row["wardCode"]), name, kind, row["wardKey"])
        by_code[code].new_units.append(unit)
        new_by_key[(row["provinceKey"], row["wardKey"])] = unit
    province_of_unit = {id(u): p for p in provinces.values() for u in p.new_units}

    targets: dict[str, list[NewUnit]] = collections.defaultdict(list)
    for province_key, wards in conversion.DICT_PROVINCE_WARD_NO_DIVIDED.items():
        for ward_key, olds in wards.items():
            for old_key in olds:
                targets[old_key].append(new_by_key[(province_key, ward_key)])
    for province_key, olds in conversion.DICT_PROVINCE_WARD_DIVIDED.items():
        for old_key, parts in olds.items():
            targets[old_key] += [new_by_key[(province_key, part["newWardKey"])] for part in parts]

    districts: dict[tuple[str, int], District] = {}
    for row in old_rows:
        old_key = f"{row['provinceKey']}_{row['districtKey']}_{row['wardKey'] or ''}"
        becomes = sorted({u.code: u for u in targets.get(old_key, [])}.values(), key=lambda u: u.code)
        if not becomes:
            raise SystemExit(f"{LIBRARY}: the old unit {old_key} becomes no unit of today")
        owners = {id(province_of_unit[id(u)]) for u in becomes}
        if len(owners) != 1:
            raise SystemExit(f"{LIBRARY}: the old unit {old_key} went to several provinces")
        province = province_of_unit[id(becomes[0])]
        dkind, dname = split_type(row["district"], DISTRICT_TYPES)
        dkey = (row["provinceKey"], int(row["districtCode"]))
        if dkey not in districts:
            districts[dkey] = District(dkey[1], dname, dkind, lower_first(nfc(row["province"])))
            province.districts.append(districts[dkey])
        district = districts[dkey]
        if not row["ward"]:  # an island district without commune-level units
            district.becomes = becomes
            continue
        kind, name = split_type(row["ward"], OLD_TYPES)
        province.old_units.append(OldUnit(int(row["wardCode"]), name, kind, district, becomes))

    for province in provinces.values():
        province.new_units.sort(key=lambda u: u.code)
        province.districts.sort(key=lambda d: d.code)
        province.old_units.sort(key=lambda u: (u.district.code, u.code))
        _unique_ids(province.new_units, "units")
        _unique_ids(province.districts, "districts")
    return provinces


# --- the records as written --------------------------------------------------------


def district_records(province: Province) -> list[dict]:
    several = len(province.old_provinces) > 1
    out = []
    for d in province.districts:
        record = {"id": d.id, "name": d.name, "type": d.type, "code": d.code}
        if several:
            record["province"] = d.province
        if d.becomes:
            record["becomes"] = [u.id for u in d.becomes]
        out.append(record)
    return out


def unit_records(province: Province) -> list[dict]:
    return [
        {
            "code": u.code,
            "name": u.name,
            "type": u.type,
            "district": u.district.id,
            "becomes": [t.id for t in u.becomes],
        }
        for u in province.old_units
    ]


def commune_records(province: Province) -> list[dict]:
    return [{"id": u.id, "name": u.name, "type": u.type, "code": u.code} for u in province.new_units]


def generator() -> dict:
    return {"tool": TOOL, "library": LIBRARY, "version": library_version(), "source": library_source()}


def _flow(value) -> str:
    return yaml.dump(
        value, Dumper=yaml.SafeDumper, allow_unicode=True, sort_keys=False, default_flow_style=True, width=10_000
    ).strip()


def _block(key: str, value) -> str:
    return yaml.safe_dump({key: value}, allow_unicode=True, sort_keys=False, width=10_000).rstrip()


NO_BASIS = (
    "# legal_basis is null: no source at hand names the Standing Committee's resolution that",
    "# arranged these units (the library names none, and no number is guessed). Add it to",
    "# data/legal_documents.yaml, name it in province.yaml units_basis, then make admin-units again.",
)


def former_units_text(province: Province, basis: dict | None, today: datetime.date) -> str:
    olds = ", ".join(name[0].lower() + name[1:] for name in province.old_provinces)
    head = [
        "# yaml-language-server: $schema=../../../schemas/former_units.schema.json",
        f"# GENERATED by {TOOL} (make admin-units PROVINCE={province.slug}): do not edit by hand.",
        f"# The commune-level units of {olds} before 1 July 2025 (units), their districts then",
        "# (districts), and the unit or units of today each became (becomes: ids in communes.yaml;",
        "# a unit divided between several lists every part). From the library named in generated_by,",
        "# which bundles the statistics office's lists and the 2025 conversion. Old codes and today's",
        "# codes are two lists: never join old and new units on the code.",
        f"source: {library_source()}",
        f"verified_on: {today.isoformat()}",
        f"review_by: {today.replace(year=today.year + 1).isoformat()}",
        *([f"legal_basis: {_flow(basis)}"] if basis else [*NO_BASIS, "legal_basis: null"]),
        f"generated_by: {_flow(generator())}",
        "districts:",
        *(f"  - {_flow(r)}" for r in district_records(province)),
        "units:",
        *(f"  - {_flow(r)}" for r in unit_records(province)),
    ]
    return "\n".join(head) + "\n"


_ITEM = re.compile(r"^  - (\{.*\})\s*$")


def communes_text(current: str, province: Province, today: datetime.date) -> str:
    """communes.yaml with each unit's code and `codes_from` set, comments and other fields kept.

    An empty list is filled with the library's units; a filled one must hold the same units."""
    lines = current.splitlines()
    try:
        start = lines.index("communes:") if "communes:" in lines else lines.index("communes: []")
    except ValueError:
        raise SystemExit(f"{COMMUNES_FILE}: no top-level 'communes:' line") from None
    records = {r["id"]: r for r in commune_records(province)}
    items = [(i, yaml.safe_load(m.group(1))) for i, line in enumerate(lines) if (m := _ITEM.match(line))]
    if lines[start] == "communes: []" or not items:
        body = [f"  - {_flow(r)}" for r in records.values()]
        lines[start : start + 1] = ["communes:", *body]
        fill = {
            "source": library_source(),
            "verified_on": today.isoformat(),
            "review_by": today.replace(year=today.year + 1).isoformat(),
        }
        for key, value in fill.items():
            lines = [f"{key}: {value}" if line == f"{key}: null" else line for line in lines]
    else:
        mine = {(r["id"], nfc(r["name"]), r["type"]) for _, r in items}
        theirs = {(r["id"], r["name"], r["type"]) for r in records.values()}
        if mine != theirs:
            raise SystemExit(
                f"{COMMUNES_FILE} and {LIBRARY} disagree; nothing was written.\n"
                f"  only in {COMMUNES_FILE}: {sorted(mine - theirs)}\n  only in {LIBRARY}: {sorted(theirs - mine)}"
            )
        for i, record in items:
            ordered = {k: record[k] for k in ("id", "name", "type")}
            ordered["code"] = records[record["id"]]["code"]
            ordered.update({k: v for k, v in record.items() if k not in ordered})
            lines[i] = f"  - {_flow(ordered)}"
    lines = [line for line in lines if not line.startswith(("codes_from:", "province_code:"))]
    start = lines.index("communes:")
    lines[start:start] = [f"codes_from: {_flow(generator())}", f"province_code: {province.code}"]
    return "\n".join(lines) + "\n"


def province_basis(folder: Path) -> dict | None:
    """The province's `units_basis`, or None while no source names the resolution (then the
    generated file says so, and its legal_basis is null)."""
    data = yaml.safe_load((folder / "province.yaml").read_text(encoding="utf-8")) or {}
    return data.get("units_basis") or None


def write(root: Path, slug: str, today: datetime.date, provinces: dict[str, Province] | None = None) -> list[Path]:
    folder = province_dir(root, slug)
    if not folder.is_dir():
        raise SystemExit(f"no data folder {folder}: make new-province first")
    provinces = provinces or load_provinces()
    if slug not in provinces:
        raise SystemExit(f"{LIBRARY} has no province {slug!r}; it has: {', '.join(sorted(provinces))}")
    province = provinces[slug]
    basis = province_basis(folder)
    communes = folder / COMMUNES_FILE
    new_communes = communes_text(communes.read_text(encoding="utf-8"), province, today)
    former = folder / FORMER_FILE
    former.write_text(former_units_text(province, basis, today), encoding="utf-8")
    communes.write_text(new_communes, encoding="utf-8")
    return [communes, former]


# --- a new province from the library (make new-province, make all-provinces) ------------------

COMMUNES_HEAD = """# yaml-language-server: $schema=../../../schemas/communes.schema.json
# The commune-level units of {full_name} from 1 July 2025.
# Names, types and official codes: written by {tool} (make new-province)
# from the library named in codes_from, which bundles the statistics office's list.
# Each unit has its own commune police and People's Committee. vbsp_office stays null
# until a source says which VBSP transaction office serves the unit; add it by hand then
# (make admin-units PROVINCE={slug} keeps it).
source: null
verified_on: null
review_by: null
communes: []
"""

PROVINCE_NOTE = (
    "# name and full_name: from {library} {version} (the statistics office's list), written by\n"
    "# {tool}. Everything else stays null until a source gives it.\n"
)


def new_province(root: Path, slug: str, today: datetime.date, provinces: dict[str, Province]) -> list[Path]:
    """data/provinces/<slug>/ for a province of the library: the templates of `make new-province`,
    with the name from the library, its units (communes.yaml) and its former units (former_units.yaml)
    filled in; null for everything else. Refuses an existing folder."""
    from macros.cli.scaffold import scaffold

    if slug not in provinces:
        raise SystemExit(f"{LIBRARY} has no province {slug!r}; it has: {', '.join(sorted(provinces))}")
    province = provinces[slug]
    try:
        written = scaffold(root, slug, province.name, province.full_name)
    except ValueError as exc:
        raise SystemExit(str(exc)) from None
    folder = province_dir(root, slug)
    (folder / COMMUNES_FILE).write_text(
        COMMUNES_HEAD.format(full_name=province.full_name, tool=TOOL, slug=slug), encoding="utf-8"
    )
    path = folder / "province.yaml"
    schema_line, rest = path.read_text(encoding="utf-8").split("\n", 1)
    note = PROVINCE_NOTE.format(library=LIBRARY, version=library_version(), tool=TOOL)
    path.write_text(f"{schema_line}\n{note}{rest}", encoding="utf-8")
    write(root, slug, today, provinces)
    return written


def all_provinces(root: Path, today: datetime.date, provinces: dict[str, Province]) -> tuple[list[str], list[str]]:
    """Every province of the library that has no data folder yet gets one (`new_province`); a folder
    that exists is left as it is. Returns (made, kept) slugs, in the order of the provinces' codes."""
    made, kept = [], []
    for province in sorted(provinces.values(), key=lambda p: p.code):
        if province_dir(root, province.slug).exists():
            kept.append(province.slug)
        else:
            new_province(root, province.slug, today, provinces)
            made.append(province.slug)
    return made, kept


def _summary(p: Province) -> str:
    divided = sum(len(u.becomes) > 1 for u in p.old_units)
    return (
        f"{p.name}: {len(p.new_units)} units today; {len(p.old_units)} before 1 July 2025 in {len(p.districts)} "
        f"districts, {divided} of them divided ({LIBRARY} {library_version()})"
    )


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("province", nargs="?", default=None, help="a folder of data/provinces/ (default: PROVINCE)")
    parser.add_argument("--new", action="store_true", help="make the province's folder first (make new-province)")
    parser.add_argument("--all", action="store_true", help="make a folder for every province that has none")
    parser.add_argument("--today", type=datetime.date.fromisoformat, default=settings.today_in_vietnam())
    args = parser.parse_args(argv)
    root = settings.data_root()
    provinces = load_provinces()
    if args.all:
        made, kept = all_provinces(root, args.today, provinces)
        for slug in made:
            print(f"made data/provinces/{slug}/: {_summary(provinces[slug])}")
        if kept:
            print(f"kept as they are (folders exist): {', '.join(kept)}")
        slugs = made
    else:
        slug = args.province or settings.province()
        if args.new:
            new_province(root, slug, args.today, provinces)
            print(f"made data/provinces/{slug}/")
        else:
            for path in write(root, slug, args.today, provinces):
                print(f"wrote {path.relative_to(root)}")
        print(_summary(provinces[slug]))
        slugs = [slug]
    problems = [line for slug in slugs for line in check(root, slug)]
    for line in problems:
        print(line, file=sys.stderr)
    if not problems and slugs:
        print(
            f"valid: {len(slugs)} province folder(s); build one with make build PROVINCE={slugs[0]}, all with make national"
        )
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
