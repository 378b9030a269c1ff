"""`make coverage [PROVINCE=thanh-hoa]`: what the contacts hold, per province and per unit.

For a province: one line per unit (values filled of seven, what is missing, what is past review),
then the total. For the national site (PROVINCE=ca-nuoc): one line per province. A report: it
exits 0 whatever it finds (`make check-data` is the gate for broken data).
"""

from __future__ import annotations

import sys

from macros import settings
from macros.data.dataset import load_dataset
from macros.data.yamlsource import DataFileError
from macros.rules.coverage import VALUES, ProvinceCoverage, coverage


def _names(values) -> str:
    return ", ".join(f"{body}.{field}" for body, field in values) or "-"


def province_lines(p: ProvinceCoverage, per_unit: bool) -> list[str]:
    lines = []
    if per_unit:
        for u in p.units:
            lines.append(
                f"  {u.commune.code or u.commune.id}\t{u.commune.type} {u.commune.name}\t{len(u.filled)}/{len(VALUES)}"
                f"\tmissing: {_names(u.missing) if u.filled else 'all'}\tpast review: {_names(u.past_review)}"
            )
    lines.append(
        f"{p.name} ({p.slug}): {p.filled}/{p.values} values filled ({100 * p.filled / max(p.values, 1):.1f} %), "
        f"{p.units_with_any}/{len(p.units)} units with any, {p.units_complete} complete, {p.past_review} past review"
    )
    return lines


def main() -> int:
    try:
        root, province, on = settings.data_root(), settings.province(), settings.site_date()
        data = load_dataset(root, province)
    except settings.SettingError as exc:
        print(exc, file=sys.stderr)
        return 2
    except DataFileError as exc:
        for issue in exc.issues:
            print(issue, file=sys.stderr)
        return 1
    found = coverage(data, on)
    print(f"Contacts on {on.isoformat()} ({len(VALUES)} values per unit: {_names(VALUES)})")
    for p in found:
        print("\n".join(province_lines(p, per_unit=len(found) == 1)))
    return 0


if __name__ == "__main__":
    sys.exit(main())
