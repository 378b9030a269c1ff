"""One cell of the contacts workbook read as the data wants it, or refused with why (contacts_import).

A phone that lost its leading 0, a formula, a date typed in any of the ways people type one, the
days of the month written in words: each is read or refused here, never guessed.
"""

from __future__ import annotations

import datetime
import re
import unicodedata
from typing import Any

from openpyxl.utils.datetime import from_excel

from macros.cli.sheet_reader import MAX_CELL, Cell

FORMULA_START = "=+-@"
"""What makes a spreadsheet run a cell as a formula when the text is pasted or opened as CSV."""
_DATE_FORMS = (
    (re.compile(r"(\d{1,2})[/.-](\d{1,2})[/.-](\d{4})"), ("day", "month", "year")),
    (re.compile(r"(\d{4})-(\d{1,2})-(\d{1,2})"), ("year", "month", "day")),
)
_DAY_WORDS = re.compile(r"\b(ngày|hằng tháng|hàng tháng|mỗi tháng|và|các)\b", re.IGNORECASE)


class Refused(ValueError):
    pass


def shown(value: Any) -> str:
    text = str(value)
    return repr(text if len(text) <= 60 else text[:57] + "...")


def text(cell: Cell, kind: str) -> str:
    """A text cell as the data wants it: composed letters, spaces trimmed, a pasted no-break space
    made an ordinary one. Whatever else is odd stays, for the model to name."""
    if cell.kind == "f":
        raise Refused(f"is a formula ({shown(cell.value)}): type the value itself")
    if cell.kind == "e":
        raise Refused(f"holds the spreadsheet error {cell.value}: type the value itself")
    if cell.kind == "b":
        raise Refused(f"is {'TRUE' if cell.value else 'FALSE'}, not {kind}")
    if cell.kind == "d":
        raise Refused(f"is a date ({cell.value:%d/%m/%Y}), not {kind}")
    if cell.kind == "n":
        raise Refused(f"is the number {number(cell.value)}, not {kind}: format the cell as Text and type it again")
    value = str(cell.value)
    if len(value) > MAX_CELL:
        raise Refused(f"is {len(value):,} characters long; no value is longer than 1,000")
    value = unicodedata.normalize("NFC", value.replace("\u00a0", " ").replace("\r\n", "\n")).strip()
    if value[:1] in FORMULA_START and not (kind == "a phone number" and value.startswith("+84")):
        raise Refused(
            f"begins with {value[0]!r}: a spreadsheet may run such a cell as a formula; write the value without it"
            " (leave the cell empty when it is unknown)"
        )
    return value


def number(value: float | int) -> str:
    return str(int(value)) if float(value).is_integer() else str(value)


def phone(cell: Cell) -> str:
    if cell.kind == "n":
        digits = number(cell.value)
        if re.fullmatch(r"[1-9][0-9]{8,9}", digits):
            raise Refused(
                f"is the number {digits}: the spreadsheet dropped its leading 0. Format the cell as Text and type "
                f"it with its 0 (0{digits}, if that is the number)"
            )
        raise Refused(f"is the number {digits}, not a phone number: format the cell as Text and type it again")
    value = text(cell, "a phone number")
    if re.fullmatch(r"[1-9][0-9]{8,9}", re.sub(r"[ .]", "", value)):
        raise Refused(
            f"{value!r} has no leading 0 (a spreadsheet drops it from a number): write 0{re.sub(r'[ .]', '', value)}, if that is the number"
        )
    return value


def days(cell: Cell) -> list[int]:
    if cell.kind == "n" and float(cell.value).is_integer():
        return [int(cell.value)]
    value = text(cell, "days of the month")
    parts = [p for p in re.split(r"[\s,;/]+", _DAY_WORDS.sub(" ", value)) if p]
    if not parts or not all(p.isdigit() and len(p) <= 2 for p in parts):
        raise Refused(f"{value!r}: write the days of the month as numbers, like 12 or 5, 20")
    days = [int(p) for p in parts]
    if not all(1 <= d <= 31 for d in days):
        raise Refused(f"{value!r}: a day of the month is 1 to 31")
    return sorted(set(days))


def date(cell: Cell, epoch: datetime.datetime | None) -> datetime.date:
    if cell.kind == "d":
        value = cell.value
        return value.date() if isinstance(value, datetime.datetime) else value
    if cell.kind == "n":
        if epoch is None or not float(cell.value).is_integer() or not 1 <= cell.value <= 2_958_465:
            raise Refused(f"{number(cell.value)} is not a date: write day/month/year, like 20/11/2026")
        return from_excel(cell.value, epoch=epoch).date()  # a date cell whose format was lost
    value = text(cell, "a date")
    for pattern, order in _DATE_FORMS:
        match = pattern.fullmatch(value)
        if match:
            parts = dict(zip(order, map(int, match.groups())))
            try:
                return datetime.date(parts["year"], parts["month"], parts["day"])
            except ValueError:
                raise Refused(f"{value!r} is not a day of the calendar") from None
    raise Refused(f"{value!r} is not a date: write day/month/year, like 20/11/2026")
