"""`python -m macros.cli.freshness`: what is due for review on the build date.

Lists every record whose `review_by` has passed and every page whose last
review is older than `review_interval_months` (data/pages.yaml). It is a
report for editors: it always exits 0.
"""

from __future__ import annotations

import dataclasses
import datetime
import sys
from collections.abc import Iterable
from typing import Any

from macros import settings
from macros.data import models
from macros.data.dataset import Dataset
from macros.data.site import current_site
from macros.data.yamlsource import DataFileError


def _records(value: Any, where: str) -> Iterable[tuple[str, Any]]:
    if isinstance(value, models.Strict):
        if hasattr(value, "review_by"):
            yield where, value
        for name in type(value).model_fields:
            yield from _records(getattr(value, name), f"{where}.{name}")
    elif isinstance(value, dict):
        for key, item in value.items():
            yield from _records(item, f"{where}.{key}")
    elif isinstance(value, list):
        for item in value:
            label = getattr(item, "id", None) or getattr(item, "path", None)
            yield from _records(item, f"{where}.{label}" if label else where)


def months_before(day: datetime.date, months: int) -> datetime.date:
    month_index = day.year * 12 + day.month - 1 - months
    year, month = divmod(month_index, 12)
    for candidate_day in range(day.day, 0, -1):
        try:
            return datetime.date(year, month + 1, candidate_day)
        except ValueError:
            continue
    raise AssertionError("unreachable")


def _parts(data: Dataset) -> Iterable[tuple[str, Any]]:
    """The site's records by field name: the national data's, then the province's."""
    for holder in (data.national, data):
        for field in dataclasses.fields(holder):
            if field.name != "national":
                yield field.name, getattr(holder, field.name)


def overdue_records(data: Dataset, on: datetime.date) -> list[str]:
    found = []
    for name, value in _parts(data):
        for where, record in _records(value, name):
            if record.review_by is not None and record.review_by < on:  # null: a new province's empty template
                found.append(f"{where}: review_by {record.review_by.isoformat()} has passed")
    return sorted(set(found))


def overdue_pages(data: Dataset, on: datetime.date) -> list[str]:
    limit = months_before(on, data.pages.review_interval_months)
    return [
        f"docs/{page.path}: last reviewed {page.reviewed_on.isoformat()}, more than {data.pages.review_interval_months} months ago"
        for page in data.pages.pages
        if page.reviewed_on < limit
    ]


def main() -> int:
    try:
        site = current_site(settings.data_root())
    except (settings.SettingError, DataFileError) as exc:
        for line in [str(i) for i in exc.issues] if isinstance(exc, DataFileError) else [str(exc)]:
            print(line, file=sys.stderr)
        return 1
    records = overdue_records(site.data, site.on)
    pages = overdue_pages(site.data, site.on)
    print(f"Freshness report for {settings.province()} on {site.on.isoformat()}")
    print(f"{len(records)} record(s) past review_by:")
    for line in records:
        print(f"  {line}")
    print(f"{len(pages)} page(s) due for review:")
    for line in pages:
        print(f"  {line}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
