"""What the contacts workbook and contacts.yaml share: the columns, their headings, the YAML writer.

The workbook (`macros/cli/contacts_sheet.py`) and its reader (`macros/cli/contacts_import.py`)
find each column by its heading (templates/contacts_workbook.yaml), so a column moved in the
workbook still reads. contacts.yaml is always written by `contacts_yaml`: one fixed order and
quoting, so a workbook exported and imported unchanged gives the same bytes.
"""

from __future__ import annotations

import calendar
import datetime
import json
import unicodedata
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Any

import yaml

from macros.data import models
from macros.data.dataset import Dataset

WORDS_FILE = Path(__file__).resolve().parent.parent / "render" / "templates" / "contacts_workbook.yaml"
CONTACTS_FILE = "contacts.yaml"

UNIT_BODIES: dict[str, tuple[str, ...]] = {
    "police": ("address", "phone"),
    "committee": ("address", "phone"),
    "transaction_point": ("address", "phone", "days"),
}
"""The bodies of a unit and the values each has, in the workbook's (and the file's) order."""
OFFICE_FIELDS = ("address", "phone", "hours")
PARTS = ("value", "provider", "provided_on")
"""The three cells of one value: the value, who gave it, when."""


@cache
def words() -> dict[str, Any]:
    return yaml.safe_load(WORDS_FILE.read_text(encoding="utf-8"))


@dataclass(frozen=True)
class Column:
    """One column of a sheet: `key` is ("code",) for a fixed column, (body, field, part) for a value's cell."""

    key: tuple[str, ...]
    heading: str

    @property
    def label(self) -> str:
        """How an error line names the column's field: "police.phone", "police.phone.provider"."""
        return ".".join(part for part in self.key if part != "value")


def _value_columns(body: str, fields: tuple[str, ...]) -> list[Column]:
    w = words()
    return [
        Column((body, field, part), w["headings"][part].format(body=w["bodies"][body], field=w["fields"][field]))
        for field in fields
        for part in PARTS
    ]


@cache
def unit_columns() -> tuple[Column, ...]:
    head = words()["headings"]
    fixed = [Column((key,), head[key]) for key in ("code", "type", "name")]
    return tuple(fixed + [c for body, fields in UNIT_BODIES.items() for c in _value_columns(body, fields)])


@cache
def office_columns() -> tuple[Column, ...]:
    head = words()["headings"]
    fixed = [Column(("office",), head["office"]), Column(("office_name",), head["office_name"])]
    return tuple(fixed + _value_columns("office", OFFICE_FIELDS))


def heading_key(text: str) -> str:
    """How a heading is compared: composed, spaces collapsed, case ignored."""
    return " ".join(unicodedata.normalize("NFC", text).split()).casefold()


def unit_code(commune: models.Commune) -> str:
    """What names a unit in the workbook: its official code, or its id where it has none."""
    return str(commune.code) if commune.code is not None else commune.id


def add_months(day: datetime.date, months: int) -> datetime.date:
    """The same day `months` later (the month's last day when it has no such day)."""
    month = day.month - 1 + months
    year, month = day.year + month // 12, month % 12 + 1
    return datetime.date(year, month, min(day.day, calendar.monthrange(year, month)[1]))


def review_by(provided_on: datetime.date) -> datetime.date:
    return add_months(provided_on, models.REVIEW_MONTHS)


# --- contacts.yaml ------------------------------------------------------------------------------

HEADER = """# yaml-language-server: $schema=../../../schemas/contacts.schema.json
# Written by `make contacts-import` from the workbook of `make contacts-sheet`: export the
# workbook, fill it, import it (README, "Điền thông tin liên hệ"); a hand edit is lost at the next
# import. Each value names the office that gave it (provider), the day it did (provided_on) and
# when to ask again (review_by). A unit or office nobody gave anything for is not listed.
"""


def _scalar(value: Any) -> str:
    if isinstance(value, datetime.date):
        return value.isoformat()
    if isinstance(value, list):
        return "[" + ", ".join(str(v) for v in value) + "]"
    return json.dumps(value, ensure_ascii=False)


def _provided(value: models.Provided) -> str:
    parts = ("value", "provider", "provided_on", "review_by")
    return "{" + ", ".join(f"{name}: {_scalar(getattr(value, name))}" for name in parts) + "}"


def contacts_yaml(contacts: models.ContactsFile) -> str:
    """The file's text: the header, then units and offices in the order given, each value on one line."""
    lines = [HEADER.rstrip("\n")]
    lines.append("units:" if contacts.units else "units: []")
    for unit in contacts.units:
        lines.append(f"  - unit: {unit.unit}")
        for body, fields in UNIT_BODIES.items():
            part = getattr(unit, body)
            if part is None:
                continue
            lines.append(f"    {body}:")
            lines += [f"      {f}: {_provided(getattr(part, f))}" for f in fields if getattr(part, f) is not None]
    lines.append("offices:" if contacts.offices else "offices: []")
    for office in contacts.offices:
        lines.append(f"  - office: {office.office}")
        lines += [f"    {f}: {_provided(getattr(office, f))}" for f in OFFICE_FIELDS if getattr(office, f) is not None]
    return "\n".join(lines) + "\n"


def ordered(data: Dataset, contacts: models.ContactsFile) -> models.ContactsFile:
    """The same contacts in the order of communes.yaml and offices.yaml."""
    units = {c: i for i, c in enumerate(data.communes)}
    offices = {o: i for i, o in enumerate(data.offices)}
    return models.ContactsFile(
        units=sorted(contacts.units, key=lambda u: units.get(u.unit, len(units))),
        offices=sorted(contacts.offices, key=lambda o: offices.get(o.office, len(offices))),
    )
