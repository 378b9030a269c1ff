"""`make coverage [PROVINCE=thanh-hoa]`: what the contacts hold, per province and per unit.

For a province: one line per unit (values filled of seven, what is missing, what is past review),
then the total. For the national site (PROVINCE=ca-nuoc): one line per province. Each value is
named by its column in the contacts workbook; the words are templates/contacts_messages.yaml's.
A report: it exits 0 whatever it finds (`make check-data` is the gate for broken data).
"""

from __future__ import annotations

import sys

from macros import settings
from macros.cli.contacts_book import words
from macros.cli.contacts_messages import chosen_province, count, day, say
from macros.data.dataset import load_dataset
from macros.data.yamlsource import DataFileError
from macros.rules.coverage import VALUES, ProvinceCoverage, coverage


def _names(values: tuple[tuple[str, str], ...]) -> str:
    """The values as the workbook heads their columns ("Công an: điện thoại")."""
    w = words()
    headings = [w["headings"]["value"].format(body=w["bodies"][b], field=w["fields"][f]) for b, f in values]
    return say("coverage.separator").join(headings) or say("coverage.none")


def province_lines(p: ProvinceCoverage, per_unit: bool) -> list[str]:
    lines = []
    if per_unit:
        for u in p.units:
            lines.append(
                say(
                    "coverage.unit",
                    code=u.commune.code or u.commune.id,
                    name=f"{u.commune.type} {u.commune.name}",
                    filled=len(u.filled),
                    count=len(VALUES),
                    missing=_names(u.missing) if u.filled else say("coverage.all"),
                    past_review=_names(u.past_review),
                )
            )
    lines.append(
        say(
            "coverage.province",
            name=p.name,
            slug=p.slug,
            filled=count(p.filled),
            values=count(p.values),
            percent=count(round(100 * p.filled / max(p.values, 1), 1)),
            with_any=count(p.units_with_any),
            units=count(len(p.units)),
            complete=count(p.units_complete),
            past_review=count(p.past_review),
        )
    )
    return lines


def main() -> int:
    chosen = chosen_province(national=True)
    if isinstance(chosen, str):
        print(chosen, file=sys.stderr)
        return 2
    root, province = chosen
    try:
        on = settings.site_date()
        data = load_dataset(root, province)
    except settings.SettingError as exc:
        print(exc, file=sys.stderr)
        return 2
    except DataFileError as exc:
        for issue in exc.issues:
            print(issue, file=sys.stderr)
        print(say("coverage.data_invalid"), file=sys.stderr)
        return 1
    found = coverage(data, on)
    print(say("coverage.heading", date=day(on), count=len(VALUES), names=_names(VALUES)))
    for p in found:
        print("\n".join(province_lines(p, per_unit=len(found) == 1)))
    return 0


if __name__ == "__main__":
    sys.exit(main())
