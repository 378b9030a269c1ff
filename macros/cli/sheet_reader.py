"""A spreadsheet someone filled in, read as untrusted input: bounded, no macro, no traceback.

`read_book(path)` returns the sheets of an .xlsx workbook (as Excel or LibreOffice saves it), or
of a .csv file as Excel saves it (UTF-8 with a byte-order mark, `;` or `,` between cells), each
as the cells that hold something, with what a person may have hidden in it (rows, columns, the
sheet itself, merged cells). What cannot be read is one `SheetProblem` naming the file; nothing is
evaluated: a formula is kept as the formula, never run.
"""

from __future__ import annotations

import csv
import datetime
import io
import zipfile
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from openpyxl.utils import get_column_letter

from macros.cli.contacts_messages import count, say

MAX_FILE_BYTES = 10_000_000
MAX_UNPACKED_BYTES = 40_000_000
"""A workbook is a zip of XML files: what it may unpack to, all files together (a zip bomb stops here)."""
MAX_ZIP_ENTRIES = 1_000
MAX_RATIO = 200
"""How much more a file in the zip may unpack to than it takes packed (XML packs about 10 to 1)."""
MAX_ROWS = 2_000
"""The rows of a sheet that may hold something: a province has at most 1,000 units."""
MAX_COLUMNS = 100
MAX_CELL = 2_000
"""Characters in one cell; the data's own limits (1,000 for an address, 200 for a name) are lower."""
MACRO_SUFFIXES = {".xlsm", ".xltm", ".xlam", ".xlsb"}
OTHER_SUFFIXES = {".xls": "Excel 97-2003", ".ods": "OpenDocument", ".numbers": "Numbers"}


@dataclass(frozen=True)
class SheetProblem:
    """One line: `file!sheet!cell: cột “heading”: problem` (sheet, cell and column only where they
    apply); `problem` is already words of the catalogue (contacts_messages.say)."""

    file: str
    problem: str
    sheet: str | None = None
    cell: str | None = None
    column: str | None = None
    """The heading of the cell's column, as the workbook shows it."""
    note: bool = False
    """A note does not stop the import (a column that is not read)."""

    def __str__(self) -> str:
        where = "!".join(part for part in (self.file, self.sheet, self.cell) if part)
        if self.note:
            return say("line.note", where=where, problem=self.problem)
        if self.column:
            return say("line.at_column", where=where, column=self.column, problem=self.problem)
        return say("line.at", where=where, problem=self.problem)


@dataclass(frozen=True)
class Cell:
    value: Any
    """str, int, float, bool, datetime, or the formula's text."""
    kind: str
    """"s" text, "n" number, "d" date, "b" TRUE/FALSE, "f" formula, "e" a spreadsheet error (#REF!)."""


@dataclass
class Sheet:
    name: str | None
    """None for a CSV file (it has no sheets)."""
    cells: dict[tuple[int, int], Cell] = field(default_factory=dict)
    hidden: bool = False
    hidden_rows: set[int] = field(default_factory=set)
    hidden_columns: set[int] = field(default_factory=set)
    merged: list[str] = field(default_factory=list)
    """Ranges of merged cells, like "D5:D7"."""

    @property
    def rows(self) -> int:
        return max((r for r, _ in self.cells), default=0)


@dataclass
class Book:
    file: str
    sheets: list[Sheet]
    epoch: datetime.datetime | None = None
    """Day 0 of the workbook's day numbers (1900 or 1904 system); None for CSV."""


def cell_name(row: int, column: int) -> str:
    return f"{get_column_letter(column)}{row}"


class Unreadable(Exception):
    def __init__(self, problem: SheetProblem):
        super().__init__(str(problem))
        self.problem = problem


def read_book(path: Path, display: str | None = None) -> Book:
    """The file's sheets; raises `Unreadable` with one line when it cannot or may not be read."""
    name = display or path.name
    suffix = path.suffix.lower()

    def refuse(key: str, **values: object) -> Unreadable:
        return Unreadable(SheetProblem(name, say(key, **values)))

    if suffix in MACRO_SUFFIXES:
        raise refuse("file.macros_by_name")
    if suffix in OTHER_SUFFIXES:
        raise refuse("file.other_format", format=OTHER_SUFFIXES[suffix])
    if suffix not in (".xlsx", ".csv"):
        raise refuse("file.wrong_kind")
    if not path.is_file():
        raise refuse("file.missing")
    size = path.stat().st_size
    if size > MAX_FILE_BYTES:
        raise refuse("file.too_big", size=count(size), limit=count(MAX_FILE_BYTES))
    if suffix == ".csv":
        return Book(name, [_csv_sheet(path.read_bytes(), refuse)])
    return _xlsx(path, name, refuse)


def _csv_sheet(raw: bytes, refuse) -> Sheet:
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise refuse("file.not_utf8", byte=count(exc.start + 1)) from None
    if "\x00" in text:
        raise refuse("file.not_text")
    first = text.split("\n", 1)[0]
    delimiter = ";" if first.count(";") > first.count(",") else ","
    sheet = Sheet(None)
    try:
        reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter)
        for r, row in enumerate(reader, start=1):
            if r > MAX_ROWS:
                raise refuse("file.too_many_rows", limit=count(MAX_ROWS))
            if len(row) > MAX_COLUMNS:
                raise refuse("file.too_many_cells", row=r, cells=count(len(row)), limit=MAX_COLUMNS)
            for c, value in enumerate(row, start=1):
                if value.strip():
                    sheet.cells[(r, c)] = Cell(value, "s")
    except csv.Error:
        raise refuse("file.not_csv", row=reader.line_num) from None
    return sheet


def _check_zip(path: Path, refuse) -> None:
    if not zipfile.is_zipfile(path):
        raise refuse("file.not_xlsx")
    try:
        with zipfile.ZipFile(path) as archive:
            entries = archive.infolist()
            if len(entries) > MAX_ZIP_ENTRIES:
                raise refuse("file.too_many_parts", count=count(len(entries)))
            unpacked = sum(e.file_size for e in entries)
            if unpacked > MAX_UNPACKED_BYTES:
                raise refuse("file.unpacks_to", size=count(unpacked), limit=count(MAX_UNPACKED_BYTES))
            for entry in entries:
                if entry.file_size > 1_000_000 and entry.file_size > MAX_RATIO * max(entry.compress_size, 1):
                    ratio = entry.file_size // max(entry.compress_size, 1)
                    raise refuse("file.bomb", part=entry.filename, ratio=count(ratio))
                if entry.filename.lower().endswith("vbaproject.bin"):
                    raise refuse("file.macro_project")
            types = archive.read("[Content_Types].xml") if "[Content_Types].xml" in archive.namelist() else b""
            if b"macroEnabled" in types:
                raise refuse("file.macro_enabled")
    except zipfile.BadZipFile:
        raise refuse("file.damaged") from None


def _xlsx(path: Path, name: str, refuse) -> Book:
    _check_zip(path, refuse)
    import openpyxl  # only here: reading a CSV needs no openpyxl import cost

    try:
        book = openpyxl.load_workbook(path, data_only=False, keep_vba=False, keep_links=False, rich_text=False)
    except Exception:  # a workbook openpyxl cannot parse is one line, never a traceback
        raise refuse("file.unreadable") from None
    sheets = []
    for ws in book.worksheets:
        sheet = Sheet(ws.title, hidden=ws.sheet_state != "visible")
        for (r, c), cell in ws._cells.items():
            value = cell.value
            if value is None or (isinstance(value, str) and not value.strip()):
                continue
            if r > MAX_ROWS or c > MAX_COLUMNS:
                raise Unreadable(
                    SheetProblem(
                        name,
                        say("file.far_cell", cell=cell_name(r, c), rows=count(MAX_ROWS), columns=MAX_COLUMNS),
                        ws.title,
                    )
                )
            sheet.cells[(r, c)] = _cell(cell)
        sheet.hidden_rows = {r for r, d in ws.row_dimensions.items() if d.hidden}
        for dimension in ws.column_dimensions.values():
            if dimension.hidden and dimension.min:
                sheet.hidden_columns |= set(range(dimension.min, min(dimension.max or dimension.min, MAX_COLUMNS) + 1))
        sheet.merged = [str(r) for r in ws.merged_cells.ranges]
        sheets.append(sheet)
    return Book(name, sheets, book.epoch)


def _cell(cell: Any) -> Cell:
    value = cell.value
    kind = cell.data_type
    if kind == "f" or not isinstance(value, (str, int, float, bool, datetime.datetime, datetime.date, datetime.time)):
        text = getattr(value, "text", None) or str(value)
        return Cell(text[:MAX_CELL], "f")
    if isinstance(value, bool):
        return Cell(value, "b")
    if isinstance(value, (datetime.datetime, datetime.date)):
        return Cell(value, "d")
    if isinstance(value, datetime.time):
        return Cell(value.isoformat(), "e")
    if kind == "e":
        return Cell(str(value), "e")
    if isinstance(value, (int, float)):
        return Cell(value, "n")
    return Cell(value, "s")
