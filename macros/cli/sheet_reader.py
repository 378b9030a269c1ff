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
    """One line: `file!sheet!cell: field: problem` (sheet, cell and field only where they apply)."""

    file: str
    problem: str
    sheet: str | None = None
    cell: str | None = None
    field: str | None = None
    note: bool = False
    """A note does not stop the import (a column that is not read)."""

    def __str__(self) -> str:
        where = "!".join(part for part in (self.file, self.sheet, self.cell) if part)
        field = f"{self.field}: " if self.field else ""
        return f"{where}: {'note: ' if self.note else ''}{field}{self.problem}"


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

    def refuse(problem: str) -> Unreadable:
        return Unreadable(SheetProblem(name, problem))

    if suffix in MACRO_SUFFIXES:
        raise refuse("a workbook with macros is not read: save it as Excel Workbook (.xlsx)")
    if suffix in OTHER_SUFFIXES:
        raise refuse(f"{OTHER_SUFFIXES[suffix]} files are not read: save it as Excel Workbook (.xlsx) or CSV UTF-8")
    if suffix not in (".xlsx", ".csv"):
        raise refuse("give an .xlsx workbook or a .csv file")
    if not path.is_file():
        raise refuse("no such file")
    size = path.stat().st_size
    if size > MAX_FILE_BYTES:
        raise refuse(f"is {size:,} bytes; the limit is {MAX_FILE_BYTES:,} (a province's workbook is far smaller)")
    if suffix == ".csv":
        return Book(name, [_csv_sheet(path.read_bytes(), refuse)])
    return _xlsx(path, name, refuse)


def _csv_sheet(raw: bytes, refuse) -> Sheet:
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise refuse(
            f"is not UTF-8 (byte {exc.start + 1}): in Excel save it as “CSV UTF-8 (Comma delimited)”"
        ) from None
    if "\x00" in text:
        raise refuse("holds NUL characters: it is not a text file")
    first = text.split("\n", 1)[0]
    delimiter = ";" if first.count(";") > first.count(",") else ","
    sheet = Sheet(None)
    try:
        reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter)
        for r, row in enumerate(reader, start=1):
            if r > MAX_ROWS:
                raise refuse(f"has more than {MAX_ROWS:,} rows")
            if len(row) > MAX_COLUMNS:
                raise refuse(f"row {r} has {len(row)} cells; the limit is {MAX_COLUMNS}")
            for c, value in enumerate(row, start=1):
                if value.strip():
                    sheet.cells[(r, c)] = Cell(value, "s")
    except csv.Error as exc:
        raise refuse(f"is not a CSV file this tool reads: {exc}") from None
    return sheet


def _check_zip(path: Path, refuse) -> None:
    if not zipfile.is_zipfile(path):
        raise refuse("is not an .xlsx workbook (an older .xls renamed?): save it as Excel Workbook (.xlsx)")
    try:
        with zipfile.ZipFile(path) as archive:
            entries = archive.infolist()
            if len(entries) > MAX_ZIP_ENTRIES:
                raise refuse(f"holds {len(entries):,} files; a workbook holds a few dozen")
            unpacked = sum(e.file_size for e in entries)
            if unpacked > MAX_UNPACKED_BYTES:
                raise refuse(f"unpacks to {unpacked:,} bytes; the limit is {MAX_UNPACKED_BYTES:,}")
            for entry in entries:
                if entry.file_size > 1_000_000 and entry.file_size > MAX_RATIO * max(entry.compress_size, 1):
                    raise refuse(
                        f"{entry.filename} unpacks {entry.file_size // max(entry.compress_size, 1):,} times its size: not read"
                    )
                if entry.filename.lower().endswith("vbaproject.bin"):
                    raise refuse("holds macros (vbaProject.bin): save it as Excel Workbook (.xlsx), without macros")
            types = archive.read("[Content_Types].xml") if "[Content_Types].xml" in archive.namelist() else b""
            if b"macroEnabled" in types:
                raise refuse("is a macro-enabled workbook: save it as Excel Workbook (.xlsx)")
    except zipfile.BadZipFile as exc:
        raise refuse(f"is a damaged .xlsx file: {exc}") from None


def _xlsx(path: Path, name: str, refuse) -> Book:
    _check_zip(path, refuse)
    import openpyxl  # only here: reading a CSV needs no openpyxl import cost

    try:
        book = openpyxl.load_workbook(path, data_only=False, keep_vba=False, keep_links=False, rich_text=False)
    except Exception as exc:  # a workbook openpyxl cannot parse is one line, never a traceback
        raise refuse(
            f"cannot be read as a workbook ({type(exc).__name__}): open it and save it again as .xlsx"
        ) from None
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
                        f"holds something at {cell_name(r, c)}: a sheet may use {MAX_ROWS:,} rows and {MAX_COLUMNS} columns",
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
