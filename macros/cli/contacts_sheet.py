"""`make contacts-sheet PROVINCE=thanh-hoa [FILE=lien-he-thanh-hoa.xlsx]`: the contacts workbook.

One workbook per province, for the officials who know the answers and work in spreadsheets:
an instructions sheet in plain Vietnamese; one row per unit of today (its code, type and name
filled in and locked), three cells per value (the value, the office that gave it, the day it
did); one row per office of offices.yaml. What contacts.yaml holds is filled in, so a workbook
exported and imported unchanged changes nothing. Every cell that holds data is written as text
(or a date), never as a formula: a value beginning with "=" stays the characters typed.
"""

from __future__ import annotations

import datetime
import sys
from pathlib import Path
from typing import Any

from openpyxl import Workbook
from openpyxl.styles import Alignment, Font, PatternFill, Protection
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.datavalidation import DataValidation
from openpyxl.worksheet.worksheet import Worksheet

from macros.cli.contacts_book import Column, office_columns, unit_code, unit_columns, words
from macros.cli.contacts_messages import chosen_province, say
from macros.data import models
from macros.data.dataset import Dataset, load_dataset
from macros.data.yamlsource import DataFileError

TEXT = "@"
DATE = "DD/MM/YYYY"
FIRST_SERIAL, LAST_SERIAL = 36526, 73415
"""01/01/2000 and 31/12/2100 as Excel day numbers: the days the data accepts."""
HEADING_FILL = PatternFill("solid", fgColor="DDEBF7")
LOCKED_FILL = PatternFill("solid", fgColor="F2F2F2")
FIXED = {"code", "type", "name", "office", "office_name"}


def _put(ws: Worksheet, row: int, column: int, value: Any, number_format: str = TEXT) -> None:
    """A cell that is data, never a formula: text keeps data type string whatever it begins with."""
    cell = ws.cell(row=row, column=column)
    cell.value = value
    cell.number_format = number_format
    if isinstance(value, str):
        cell.data_type = "s"
        cell.quotePrefix = value[:1] in "=+-@"


def _cells(part: Any, field: str) -> dict[str, Any]:
    """The value, provider and day of one value of a contacts record (empty when not given)."""
    provided = getattr(part, field, None) if part is not None else None
    if provided is None:
        return {}
    value = provided.value
    if field == "days":
        value = ", ".join(str(d) for d in value)
    return {"value": value, "provider": provided.provider, "provided_on": provided.provided_on}


def _sheet(ws: Worksheet, columns: tuple[Column, ...], rows: list[dict[tuple[str, ...], Any]]) -> None:
    for index, column in enumerate(columns, start=1):
        _put(ws, 1, index, column.heading)
        cell = ws.cell(row=1, column=index)
        cell.font = Font(bold=True)
        cell.fill = HEADING_FILL
        cell.alignment = Alignment(wrap_text=True, vertical="top")
        letter = get_column_letter(index)
        ws.column_dimensions[letter].width = 14 if column.key[0] in FIXED or column.key[-1] == "provided_on" else 28
    ws.row_dimensions[1].height = 48
    ws.freeze_panes = "D2" if columns[0].key == ("code",) else "C2"
    for r, row in enumerate(rows, start=2):
        for c, column in enumerate(columns, start=1):
            value = row.get(column.key)
            day = column.key[-1] == "provided_on"
            _put(ws, r, c, value, DATE if day else TEXT)
            cell = ws.cell(row=r, column=c)
            if column.key[0] in FIXED:
                cell.fill = LOCKED_FILL
            else:
                cell.protection = Protection(locked=False)
    _validations(ws, columns, len(rows) + 1)
    ws.protection.sheet = True
    ws.protection.formatColumns = False
    ws.protection.formatRows = False
    ws.protection.autoFilter = False
    ws.protection.sort = False


def _validations(ws: Worksheet, columns: tuple[Column, ...], last_row: int) -> None:
    """Excel and LibreOffice check phones, days and dates as they are typed; the import checks again."""
    prompts = words()["prompts"]
    rules: dict[str, DataValidation] = {
        "phone": DataValidation(type="textLength", operator="between", formula1="9", formula2="20"),
        "days": DataValidation(type="textLength", operator="between", formula1="1", formula2="60"),
        "provided_on": DataValidation(
            type="date", operator="between", formula1=str(FIRST_SERIAL), formula2=str(LAST_SERIAL)
        ),
        "address": DataValidation(type="textLength", operator="lessThanOrEqual", formula1="1000"),
        "hours": DataValidation(type="textLength", operator="lessThanOrEqual", formula1="1000"),
        "provider": DataValidation(type="textLength", operator="lessThanOrEqual", formula1="200"),
    }
    for name, rule in rules.items():
        rule.allow_blank = True
        rule.showInputMessage = True
        rule.showErrorMessage = True
        rule.prompt = prompts[name]
        rule.error = prompts[name]
        rule.errorStyle = "stop"
    for index, column in enumerate(columns, start=1):
        if column.key[0] in FIXED or last_row < 2:
            continue
        name = column.key[1] if column.key[-1] == "value" else column.key[-1]
        letter = get_column_letter(index)
        rules[name].add(f"{letter}2:{letter}{last_row}")
    for rule in rules.values():
        if rule.sqref:
            ws.add_data_validation(rule)


def unit_rows(data: Dataset) -> list[dict[tuple[str, ...], Any]]:
    rows = []
    for commune in data.communes.values():
        row: dict[tuple[str, ...], Any] = {
            ("code",): unit_code(commune),
            ("type",): commune.type,
            ("name",): commune.name,
        }
        known = data.contacts.get(commune.id)
        for column in unit_columns():
            if len(column.key) == 3:
                body, field, part = column.key
                row[column.key] = _cells(getattr(known, body, None), field).get(part)
        rows.append(row)
    return rows


def office_rows(data: Dataset) -> list[dict[tuple[str, ...], Any]]:
    rows = []
    for office in data.offices.values():
        row: dict[tuple[str, ...], Any] = {("office",): office.id, ("office_name",): office.name}
        known = data.office_contacts.get(office.id)
        for column in office_columns():
            if len(column.key) == 3:
                _, field, part = column.key
                row[column.key] = _cells(known, field).get(part)
        rows.append(row)
    return rows


def workbook(data: Dataset) -> Workbook:
    w = words()
    book = Workbook()
    guide = book.active
    guide.title = w["sheets"]["instructions"]
    fill = {"province": data.province.full_name, "slug": data.province_slug, "months": models.REVIEW_MONTHS}
    for row, line in enumerate(w["instructions"], start=1):
        _put(guide, row, 1, line.format(**fill))
        guide.cell(row=row, column=1).alignment = Alignment(wrap_text=True, vertical="top")
    guide["A1"].font = Font(bold=True, size=14)
    guide.column_dimensions["A"].width = 110
    _sheet(book.create_sheet(w["sheets"]["units"]), unit_columns(), unit_rows(data))
    _sheet(book.create_sheet(w["sheets"]["offices"]), office_columns(), office_rows(data))
    book.active = 1
    fixed = datetime.datetime(2000, 1, 1)
    book.properties.created = book.properties.modified = fixed
    book.properties.creator = "make contacts-sheet"
    return book


def main(argv: list[str]) -> int:
    chosen = chosen_province(national=False)
    if isinstance(chosen, str):
        print(chosen, file=sys.stderr)
        return 2
    root, province = chosen
    target = Path(argv[0] if argv and argv[0] else f"lien-he-{province}.xlsx")
    if target.suffix.lower() != ".xlsx":
        print(say("sheet.not_xlsx", target=target, province=province), file=sys.stderr)
        return 2
    try:
        data = load_dataset(root, province)
    except DataFileError as exc:
        for issue in exc.issues:
            print(issue, file=sys.stderr)
        print(say("sheet.data_invalid"), file=sys.stderr)
        return 1
    workbook(data).save(target)
    units, known, offices = len(data.communes), len(data.contacts), len(data.offices)
    print(say("sheet.wrote", target=target, units=units, known=known, offices=offices))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
