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

from macros import settings
from macros.cli.contacts_messages import count, day, say
from macros.cli.sheet_reader import MAX_CELL, Cell
from macros.data.models import MAX_SENTENCE, FieldProblem
from macros.data.models.base import (
    FIRST_DAY,
    LAST_DAY,
    MARKUP,
    NAME_PUNCTUATION,
    PLAIN_CHARACTER,
    character_problem,
)

FORMULA_START = "=+-@"
"""What makes a spreadsheet run a cell as a formula when the text is pasted or opened as CSV."""
_DATE_FORMS = (
    (re.compile(r"(\d{1,2})[/.-](\d{1,2})[/.-](\d{4})"), ("day", "month", "year")),
    (re.compile(r"(\d{4})-(\d{1,2})-(\d{1,2})"), ("year", "month", "day")),
)
_DAY_WORDS = re.compile(r"\b(ngày|hằng tháng|hàng tháng|mỗi tháng|và|các)\b", re.IGNORECASE)


class Refused(ValueError):
    """Why a cell is refused: a key of the catalogue and its values (contacts_messages.say)."""

    def __init__(self, key: str, **values: object):
        self.words = say(key, **values)
        super().__init__(self.words)


def shown(value: Any) -> str:
    """A value quoted in a message: escaped (a line break shows as \\n) and cut at 60 characters."""
    text = repr(str(value))[1:-1]
    return text if len(text) <= 60 else text[:57] + "..."


def text(cell: Cell, kind: str) -> str:
    """A text cell as the data wants it: composed letters, spaces trimmed, a pasted no-break space
    made an ordinary one. Whatever else is odd stays, for the model to name. `kind` is a key of
    the catalogue's `kind` entries: what the cell should hold."""
    if cell.kind == "f":
        raise Refused("cell.formula", formula=shown(cell.value))
    if cell.kind == "e":
        raise Refused("cell.error", error=cell.value)
    if cell.kind == "b":
        raise Refused("cell.true_false", value="TRUE" if cell.value else "FALSE", kind=say(kind))
    if cell.kind == "d":
        raise Refused("cell.date_not_kind", date=day(cell.value), kind=say(kind))
    if cell.kind == "n":
        raise Refused("cell.number_not_kind", number=number(cell.value), kind=say(kind))
    value = str(cell.value)
    if len(value) > MAX_CELL:
        raise Refused("cell.too_long", length=count(len(value)), limit=count(MAX_SENTENCE))
    value = unicodedata.normalize("NFC", value.replace("\u00a0", " ").replace("\r\n", "\n")).strip()
    if value[:1] in FORMULA_START and not (kind == "kind.phone" and value.startswith("+84")):
        raise Refused("cell.formula_start", sign=value[0])
    return value


def number(value: float | int) -> str:
    return str(int(value)) if float(value).is_integer() else str(value)


def phone(cell: Cell) -> str:
    if cell.kind == "n":
        digits = number(cell.value)
        if re.fullmatch(r"[1-9][0-9]{8,9}", digits):
            raise Refused("cell.phone_lost_zero", digits=digits)
        raise Refused("cell.phone_is_number", digits=digits)
    value = text(cell, "kind.phone")
    digits = re.sub(r"[ .]", "", value)
    if re.fullmatch(r"[1-9][0-9]{8,9}", digits):
        raise Refused("cell.phone_without_zero", value=shown(value), digits=digits)
    return value


def days(cell: Cell) -> list[int]:
    if cell.kind == "n" and float(cell.value).is_integer():
        return [int(cell.value)]
    value = text(cell, "kind.days")
    parts = [p for p in re.split(r"[\s,;/]+", _DAY_WORDS.sub(" ", value)) if p]
    if not parts or not all(p.isdigit() and len(p) <= 2 for p in parts):
        raise Refused("cell.days_form", value=shown(value))
    days = [int(p) for p in parts]
    if not all(1 <= d <= 31 for d in days):
        raise Refused("cell.days_range", value=shown(value))
    return sorted(set(days))


def date(cell: Cell, epoch: datetime.datetime | None) -> datetime.date:
    if cell.kind == "d":
        value = cell.value
        return value.date() if isinstance(value, datetime.datetime) else value
    if cell.kind == "n":
        if epoch is None or not float(cell.value).is_integer() or not 1 <= cell.value <= 2_958_465:
            raise Refused("cell.date_number", number=number(cell.value))
        return from_excel(cell.value, epoch=epoch).date()  # a date cell whose format was lost
    value = text(cell, "kind.date")
    for pattern, order in _DATE_FORMS:
        match = pattern.fullmatch(value)
        if match:
            parts = dict(zip(order, map(int, match.groups())))
            try:
                return datetime.date(parts["year"], parts["month"], parts["day"])
            except ValueError:
                raise Refused("cell.date_impossible", value=shown(value)) from None
    raise Refused("cell.date_form", value=shown(value))


def model_problem(error: dict[str, Any]) -> tuple[str, str]:
    """One pydantic error of a contacts value (models.Provided*): the part it is about ("value",
    "provider", "provided_on", "review_by") and the catalogue's words for it. The rules are the
    model's; only the words are chosen here, from what the error says and what the value holds."""
    location = tuple(error["loc"])
    context = error.get("ctx", {})
    given = error.get("input")
    kind = error["type"]
    found = context.get("error")
    if isinstance(found, FieldProblem):
        location += found.path
    part = str(location[0]) if location and location[0] in ("provider", "provided_on", "review_by") else "value"
    if kind == "string_pattern_mismatch":
        return part, say("value.phone_form", value=shown(given))
    if kind == "string_too_long":
        return part, say("value.too_long", length=count(len(given)), limit=count(context["max_length"]))
    if kind == "value_error" and isinstance(given, datetime.date):
        if given > settings.today_in_vietnam():
            return part, say("value.date_future", date=day(given))
        if not FIRST_DAY <= given <= LAST_DAY:
            return part, say("value.date_range", date=day(given), first=FIRST_DAY.year, last=LAST_DAY.year)
    if kind == "value_error" and isinstance(given, str):
        words = _text_problem(given, name=part == "provider")
        if words:
            return part, words
    return part, say("value.other", value=shown(given))


def _text_problem(value: str, name: bool) -> str | None:
    """What the model's text rules (models.base: `_checked`, `_name`) refuse in `value`, in the
    catalogue's words; the rules are asked, not repeated."""
    for match in PLAIN_CHARACTER.finditer(value):
        character, position = match[0], match.start() + 1
        if character == "\t":
            return say("value.tab", position=position)
        if character_problem(character, position, multiline=False) is None:
            continue
        code = f"U+{ord(character):04X}"
        if character == "\n":
            return say("value.one_line", position=position)
        if unicodedata.category(character) == "Zs":
            return say("value.special_space", position=position, code=code)
        return say("value.character", position=position, code=code)
    if MARKUP.search(value):
        return say("value.markup")
    sign = next((c for c in value if not c.isalnum() and c not in NAME_PUNCTUATION), None) if name else None
    if sign is not None:
        return say("value.name_sign", sign=sign)
    return None
