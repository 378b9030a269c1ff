"""`make units-diff`: every disagreement between lists of units and the map in data/.

The data's map (communes.yaml, the generated snapshot, with each province's unit_changes.yaml
applied) is compared, on each list's own date, with:

- thanglequoc/vietnamese-provinces-database (tools/units_sources/: its release v4.2.0 and what its
  later releases change): every province and unit, by code: province, type, name; and the day
  each 2026 resolution takes effect, against the data's changes citing it;
- vietnam-address-kit's list of the 2026 changes (tools/units_sources/): each change there is one
  in the data, same unit, day and resolution, and each change in the data up to its date is there;
- vietnamadminunits, the library the snapshot is generated from, when installed;
- vietnam-provinces, when installed: names and types by province (its 2025.10.1 codes are the
  draft's, so units are matched by name).

Names that differ only in where the tone mark sits (Hòa, Hoà) are the same name. A difference the
data records (unit_changes.yaml `disagreements`: the list, its version and what it says) is printed
as recorded; any other is UNEXPLAINED, and so is a recorded one no list shows any more. Exit 1 if
anything is unexplained. tests/test_units_diff.py runs it in `make test`.
"""

from __future__ import annotations

import datetime
import json
import re
import sys
import unicodedata
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import yaml

from macros import settings
from macros.data.dataset import Dataset, load_national
from macros.data.unitmap import province_type
from macros.text import fold

SOURCES = Path(__file__).resolve().with_name("units_sources")
TONES = frozenset("\u0300\u0301\u0303\u0309\u0323")


def spelling(name: str) -> str:
    """A name with each syllable's tone mark moved to its end: 'Hoà' and 'Hòa' read the same."""
    out = []
    for syllable in re.split(r"(\s+)", unicodedata.normalize("NFD", name)):
        out.append("".join(c for c in syllable if c not in TONES) + "".join(c for c in syllable if c in TONES))
    return "".join(out)


def split_province(full_name: str) -> tuple[str, str]:
    """'thành phố Hà Nội' -> ('thành phố', 'Hà Nội')."""
    kind = province_type(full_name) or ""
    return kind, full_name[len(kind) :].strip()


def name_key(name: str) -> str:
    """Folded words, for matching a list that has no codes to rely on."""
    return " ".join(re.findall(r"[a-z0-9]+", fold(name).lower()))


@dataclass(frozen=True)
class Finding:
    source: str
    version: str
    province: str
    unit: str | None
    """The unit's id in the data (or, when the data lacks it, the list's code); None for the province."""
    field: str
    data_says: str
    source_says: str
    recorded: str | None = None
    """The id of the disagreement in unit_changes.yaml that explains it; None: unexplained."""

    def line(self) -> str:
        where = f"{self.province} {self.unit or '(the province)'} {self.field}"
        said = f"data {self.data_says!r}, {self.source} {self.version} {self.source_says!r}"
        return f"  {where}: {said}" + (f" [recorded: {self.recorded}]" if self.recorded else "  UNEXPLAINED")


@dataclass
class Report:
    source: str
    version: str
    summary: str
    findings: list[Finding]


# --- the data ------------------------------------------------------------------------------------


class Map:
    """The data's map on one day, indexed by code."""

    def __init__(self, national: Dataset, on: datetime.date):
        self.on = on
        self.provinces = national.map_in_force(on).provinces
        self.units = {}
        self.province_codes = {}
        for slug, p in self.provinces.items():
            if p.communes_file.province_code is not None:
                self.province_codes[p.communes_file.province_code] = slug
            for c in p.communes.values():
                if c.code is not None:
                    self.units[c.code] = (slug, c)


def _unit_findings(source: str, version: str, data: Map, theirs: dict[int, tuple[int, str, str]]) -> Iterator[Finding]:
    """`theirs`: code -> (province code, type, name), compared with the data's units by code."""
    for code, (province_code, kind, name) in sorted(theirs.items()):
        slug = data.province_codes.get(province_code, str(province_code))
        if code not in data.units:
            yield Finding(source, version, slug, str(code), "code", "", f"{kind} {name} ({code})")
            continue
        where, unit = data.units[code]
        if where != slug:
            yield Finding(source, version, where, unit.id, "province", where, slug)
        if unit.type != kind:
            yield Finding(source, version, where, unit.id, "type", unit.type, kind)
        if spelling(unit.name) != spelling(name):
            yield Finding(source, version, where, unit.id, "name", unit.name, name)
    for code, (slug, unit) in sorted(data.units.items()):
        if code not in theirs:
            yield Finding(source, version, slug, unit.id, "code", str(code), "")


def _province_findings(source: str, version: str, data: Map, theirs: dict[int, tuple[str, str]]) -> Iterator[Finding]:
    """`theirs`: province code -> (type, name)."""
    for code, (kind, name) in sorted(theirs.items()):
        slug = data.province_codes.get(code)
        if slug is None:
            yield Finding(source, version, str(code), None, "code", "", f"{kind} {name} ({code})")
            continue
        full_name = data.provinces[slug].province.full_name
        if spelling(full_name.lower()) != spelling(f"{kind} {name}".lower()):
            yield Finding(source, version, slug, None, "province", full_name, f"{kind} {name}")


# --- thanglequoc/vietnamese-provinces-database ------------------------------------------------------


def thanglequoc(national: Dataset) -> Report:
    provinces: dict[int, tuple[str, str]] = {}
    units: dict[int, tuple[int, str, str]] = {}
    for line in (SOURCES / "thanglequoc-v4.2.0.tsv").read_text(encoding="utf-8").splitlines():
        if line.startswith("#"):
            continue
        kind, *fields = line.split("\t")
        if kind == "P":
            provinces[int(fields[0])] = (fields[1], fields[2])
        else:
            units[int(fields[0])] = (int(fields[1]), fields[2], fields[3])
    releases = yaml.safe_load((SOURCES / "thanglequoc-releases.yaml").read_text(encoding="utf-8"))
    last = releases["releases"][-1]
    for release in releases["releases"]:
        for change in release.get("units", []):
            code = int(change["code"])
            province_code, kind, name = units.pop(code)
            units[int(change.get("new_code", code))] = (province_code, change.get("type", kind), name)
        for change in release.get("provinces", []):
            code = int(change["code"])
            provinces[code] = (change["type"], provinces[code][1])
    on = datetime.date.fromisoformat(str(last["as_of"]))
    data = Map(national, on)
    findings = list(_province_findings("thanglequoc", last["release"], data, provinces))
    findings += _unit_findings("thanglequoc", last["release"], data, units)
    findings += _resolution_findings("thanglequoc", last["release"], national, releases["resolutions"])
    tone = sum(
        1
        for code, (_, _, name) in units.items()
        if code in data.units
        and data.units[code][1].name != name
        and spelling(data.units[code][1].name) == spelling(name)
    )
    summary = (
        f"data of {on.isoformat()}: {len(provinces)} provinces, {len(units):,} units by code; "
        f"{tone} names with the tone mark placed the other way (the same name)"
    )
    return Report("thanglequoc", last["release"], summary, findings)


def _resolution_findings(source: str, version: str, national: Dataset, resolutions: list[dict]) -> Iterator[Finding]:
    """The day each resolution takes effect, in the list and in the data's changes citing it."""
    for resolution in resolutions:
        day = str(resolution["effective"])
        cited = [
            (slug, change)
            for slug, p in national.provinces.items()
            for change in p.unit_changes.changes
            if p.documents.get(change.legal_basis.document)
            and p.documents[change.legal_basis.document].number == resolution["number"]
        ]
        if not cited:
            yield Finding(source, version, "-", None, "resolution", "", f"{resolution['number']} from {day}")
        for slug, change in cited:
            if change.effective_from.isoformat() != day:
                yield Finding(
                    source, version, slug, change.unit, "effective_from", change.effective_from.isoformat(), day
                )


# --- vietnam-address-kit ------------------------------------------------------------------------------


def address_kit(national: Dataset) -> Report:
    kit = json.loads((SOURCES / "vietnam-address-kit-amendments-2026.json").read_text(encoding="utf-8"))
    version = f"amendments-{kit['asOf']}"
    as_of = datetime.date.fromisoformat(kit["asOf"])
    data = Map(national, as_of)
    listed: dict[tuple[str, str | None], tuple[str, str]] = {}
    for amendment in kit["provinceAmendments"]:
        slug = data.province_codes.get(int(amendment["code"]), amendment["code"])
        listed[(slug, None)] = (amendment["effectiveDate"], amendment["resolution"])
    for amendment in kit["wardAmendments"]:
        code = int(amendment["code"])
        slug, unit = data.units[code] if code in data.units else (amendment["provinceCode"], None)
        listed[(slug, unit.id if unit else amendment["code"])] = (amendment["effectiveDate"], amendment["resolution"])
    ours: dict[tuple[str, str | None], tuple[str, str]] = {}
    for slug, p in national.provinces.items():
        for change in p.unit_changes.changes:
            if change.effective_from > as_of or change.creates or change.into or change.name:
                continue  # the list has province types and communes becoming wards only
            if change.unit and change.type != "phường":
                continue
            number = (
                p.documents[change.legal_basis.document].number if change.legal_basis.document in p.documents else "?"
            )
            ours[(slug, change.unit)] = (change.effective_from.isoformat(), number)
    findings = []
    for key in sorted(set(listed) | set(ours), key=lambda k: (k[0], k[1] or "")):
        mine, theirs = ours.get(key), listed.get(key)
        if mine != theirs:
            words = [" from ".join(reversed(x)) if x else "no change" for x in (mine, theirs)]
            findings.append(Finding("vietnam-address-kit", version, key[0], key[1], "change", words[0], words[1]))
    for slug, p in data.provinces.items():
        if (slug, None) in listed and province_type(p.province.full_name) != "thành phố":
            findings.append(
                Finding("vietnam-address-kit", version, slug, None, "province", p.province.full_name, "thành phố")
            )
    summary = f"changes up to {as_of.isoformat()}: {len(listed)} in the list, {len(ours)} of those kinds in the data"
    return Report("vietnam-address-kit", version, summary, findings)


# --- the installed libraries ----------------------------------------------------------------------------


def vietnamadminunits(national: Dataset) -> Report | str:
    try:
        from tools import admin_units

        library = admin_units.load_provinces()
    except (ImportError, SystemExit):
        return "vietnamadminunits is not installed here (pip install -r requirements-units.txt): skipped"
    version = admin_units.library_version()
    on = datetime.date(2025, 10, 31)  # the release's month: no change of the data's takes effect before 2026
    data = Map(national, on)
    provinces = {p.code: split_province(p.full_name) for p in library.values()}
    units = {u.code: (p.code, u.type, u.name) for p in library.values() for u in p.new_units}
    findings = list(_province_findings("vietnamadminunits", version, data, provinces))
    findings += _unit_findings("vietnamadminunits", version, data, units)
    return Report(
        "vietnamadminunits",
        version,
        f"the snapshot's library, data of {on.isoformat()}: {len(units):,} units",
        findings,
    )


def vietnam_provinces(national: Dataset) -> Report | str:
    try:
        import vietnam_provinces as library
        from vietnam_provinces import Province, Ward
    except ImportError:
        return "vietnam-provinces is not installed here (pip install -r requirements-units.txt): skipped"
    from importlib import metadata

    from tools.admin_units import NEW_TYPES, split_type

    version = metadata.version("vietnam-provinces")
    on = datetime.date.fromisoformat(getattr(library, "__data_version__", "2025-10-18"))
    data = Map(national, on)
    findings = []
    compared = 0
    for province in Province.iter_all():
        slug = data.province_codes.get(int(province.code))
        if slug is None:
            findings.append(Finding("vietnam-provinces", version, str(province.code), None, "code", "", province.name))
            continue
        ours = {}
        for unit in data.provinces[slug].communes.values():
            ours.setdefault(name_key(unit.name), []).append(unit)
        for ward in Ward.iter_by_province(province.code):
            kind, name = split_type(ward.name, NEW_TYPES)
            candidates = ours.get(name_key(name), [])
            unit = next(
                (u for u in candidates if spelling(u.name) == spelling(name)),
                next((u for u in candidates if u.type == kind), candidates[0] if len(candidates) == 1 else None),
            )
            if unit is None:
                findings.append(Finding("vietnam-provinces", version, slug, None, "name", "", f"{kind} {name}"))
                continue
            candidates.remove(unit)
            compared += 1
            if unit.type != kind:
                findings.append(Finding("vietnam-provinces", version, slug, unit.id, "type", unit.type, kind))
            if spelling(unit.name) != spelling(name):
                findings.append(Finding("vietnam-provinces", version, slug, unit.id, "name", unit.name, name))
        for left in ours.values():
            findings += [Finding("vietnam-provinces", version, slug, u.id, "name", u.name, "") for u in left]
    summary = (
        f"names and types by province (its codes are the draft's), data of {on.isoformat()}: {compared:,} units matched"
    )
    return Report("vietnam-provinces", version, summary, findings)


# --- putting it together ----------------------------------------------------------------------------------


def recorded(national: Dataset) -> dict[tuple, tuple[str, str]]:
    """(list, version, province, unit, field, what the list says) -> (province, disagreement id)."""
    out = {}
    for slug, p in national.provinces.items():
        for d in p.unit_changes.disagreements:
            for other in d.others:
                out[(other.list, other.version, slug, d.unit, d.field, other.says)] = (slug, d.id)
    return out


def diff(root: Path) -> tuple[list[Report], list[str]]:
    """Every list's report, and the lists that could not be compared here."""
    national = load_national(root)
    reports, skipped = [], []
    for compare in (thanglequoc, address_kit, vietnamadminunits, vietnam_provinces):
        result = compare(national)
        if isinstance(result, str):
            skipped.append(result)
        else:
            reports.append(result)
    known = recorded(national)
    seen = set()
    for report in reports:
        for i, f in enumerate(report.findings):
            key = (f.source, f.version, f.province, f.unit, f.field, f.source_says)
            if key in known:
                report.findings[i] = Finding(**{**f.__dict__, "recorded": known[key][1]})
                seen.add(key)
        stale = [
            Finding(k[0], k[1], k[2], k[3], k[4], "(recorded)", k[5])
            for k in known
            if k[0] == report.source and k[1] == report.version and k not in seen
        ]
        report.findings += stale
    compared = {(r.source, r.version) for r in reports}
    for key, (slug, ident) in known.items():
        if (key[0], key[1]) not in compared and not any(key[0] in s for s in skipped):
            reports.append(
                Report(
                    key[0],
                    key[1],
                    f"recorded in {slug} ({ident}), but no such list is compared",
                    [Finding(key[0], key[1], key[2], key[3], key[4], "(recorded)", key[5])],
                )
            )
    return reports, skipped


def main(argv: list[str] | None = None) -> int:
    reports, skipped = diff(settings.data_root())
    print("The map in data/ against lists of units (make units-diff):")
    unexplained = 0
    for report in reports:
        print(f"{report.source} {report.version}: {report.summary}")
        for finding in report.findings:
            print(finding.line())
            unexplained += finding.recorded is None
    for line in skipped:
        print(line)
    total = sum(len(r.findings) for r in reports)
    print(
        f"{total} differences, {total - unexplained} recorded in data (unit_changes.yaml disagreements), "
        f"{unexplained} unexplained."
    )
    return 1 if unexplained else 0


if __name__ == "__main__":
    sys.exit(main())
