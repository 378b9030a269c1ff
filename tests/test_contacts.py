"""The contacts workbook: exported, filled carelessly or with hostile intent, imported.

Each variant below is one thing real spreadsheets do (a phone that lost its leading 0, a formula,
merged cells, a hidden row, a unit that does not exist...) and gives its exact line, naming file,
sheet and cell; while any error remains contacts.yaml is not written. The workbook itself never
holds a live formula built from data; a workbook exported and imported unchanged changes nothing.
"""

from __future__ import annotations

import datetime
import io
import shutil
import subprocess
import sys
import unicodedata
import zipfile
from collections.abc import Callable
from pathlib import Path

import pytest
from openpyxl import load_workbook

from macros.cli.contacts_import import import_contacts
from macros.cli.contacts_sheet import workbook
from macros.data.dataset import load_dataset

from .conftest import REPO
from .contacts_helpers import (
    FILLED,
    GIVEN_ON,
    OFFICES,
    PROVINCE,
    UNITS,
    copy_data,
    export,
    fill,
    put,
)

FIXTURES = Path(__file__).parent / "fixtures" / "contacts"
U = f"lien-he.xlsx!{UNITS}"
OF = f"lien-he.xlsx!{OFFICES}"


@pytest.fixture(scope="module")
def clean_root(tmp_path_factory) -> Path:
    return copy_data(tmp_path_factory.mktemp("contacts-data"))


@pytest.fixture(scope="module")
def exported(clean_root, tmp_path_factory) -> Path:
    return export(clean_root, tmp_path_factory.mktemp("book") / "exported.xlsx")


def _contacts(root: Path) -> Path:
    return root / "data" / "provinces" / PROVINCE / "contacts.yaml"


def _import(root: Path, path: Path, name: str = "lien-he.xlsx") -> tuple[bool, list[str]]:
    return import_contacts(root, PROVINCE, path, name)


# --- the variants: (what is done to the filled workbook, the exact line it gives) -----------------


def _set(sheet: str, cell: str, value: object) -> Callable:
    return lambda book: put(book, sheet, cell, value)


def _clear(sheet: str, cell: str) -> Callable:
    return _set(sheet, cell, None)


def _formula(sheet: str, cell: str, text: str) -> Callable:
    def change(book):
        book[sheet][cell].value = text  # openpyxl writes text beginning with "=" as a formula

    return change


def _number(sheet: str, cell: str, value: float) -> Callable:
    def change(book):
        book[sheet][cell].value = value
        book[sheet][cell].number_format = "General"  # a number, not shown as a date

    return change


def _merge(book):
    book[UNITS].merge_cells("D2:D3")


def _hide_row(book):
    book[UNITS].row_dimensions[2].hidden = True


def _hide_column(book):
    book[UNITS].column_dimensions["G"].hidden = True


def _hide_sheet(book):
    book[UNITS].sheet_state = "hidden"


def _delete_row(book):
    book[UNITS].delete_rows(6)


def _rename_heading(book):
    book[UNITS]["G1"].value = "Điện thoại"


def _unknown_unit(book):
    book[UNITS]["A6"].value = "99999"


def _duplicate(book):
    book[UNITS]["A6"].value = book[UNITS]["A5"].value


def _far_cell(book):
    book[UNITS]["A5000"].value = "x"


def _error_cell(book):
    book[UNITS]["G2"].value = "#REF!"
    book[UNITS]["G2"].data_type = "e"


def _moved_and_renamed_sheet(book):
    book[OFFICES].title = "Cơ quan khác"


MISSING_ROW = (
    f"{U}: the row of unit 15853 (phường Đông Tiến) is missing: put it back (leave its cells empty if nothing is known)"
)

VARIANTS: dict[str, tuple[Callable, list[str]]] = {
    "phone-lost-its-leading-0": (
        _set(UNITS, "G2", 912345678),
        [
            f"{U}!G2: police.phone: is the number 912345678: the spreadsheet dropped its leading 0. Format the cell "
            "as Text and type it with its 0 (0912345678, if that is the number)"
        ],
    ),
    "phone-text-without-0": (
        _set(UNITS, "G2", "912 345 678"),
        [
            f"{U}!G2: police.phone: '912 345 678' has no leading 0 (a spreadsheet drops it from a number): "
            "write 0912345678, if that is the number"
        ],
    ),
    "phone-malformed": (
        _set(UNITS, "G2", "0237-385"),
        [
            f"{U}!G2: police.phone: '0237-385' must be a phone number: 0 or +84 then 9 to 10 digits, spaces or dots allowed"
        ],
    ),
    "phone-zero": (
        _set(UNITS, "G2", "0"),
        [f"{U}!G2: police.phone: '0' must be a phone number: 0 or +84 then 9 to 10 digits, spaces or dots allowed"],
    ),
    "phone-two-numbers": (
        _set(UNITS, "G2", "0000 000 001 / 0000 000 002"),
        [
            f"{U}!G2: police.phone: '0000 000 001 / 0000 000 002' must be a phone number: 0 or +84 then 9 to 10 "
            "digits, spaces or dots allowed"
        ],
    ),
    "phone-formula": (
        _formula(UNITS, "G2", '="0"&A2'),
        [f"{U}!G2: police.phone: is a formula ('=\"0\"&A2'): type the value itself"],
    ),
    "phone-true": (_set(UNITS, "G2", True), [f"{U}!G2: police.phone: is TRUE, not a phone number"]),
    "phone-as-date": (
        _set(UNITS, "G2", datetime.datetime(2026, 1, 2)),
        [f"{U}!G2: police.phone: is a date (02/01/2026), not a phone number"],
    ),
    "phone-spreadsheet-error": (
        _error_cell,
        [f"{U}!G2: police.phone: holds the spreadsheet error #REF!: type the value itself"],
    ),
    "phone-dash-for-unknown": (
        _set(UNITS, "G2", "-"),
        [
            f"{U}!G2: police.phone: begins with '-': a spreadsheet may run such a cell as a formula; write the value "
            "without it (leave the cell empty when it is unknown)"
        ],
    ),
    "address-begins-with-equals": (
        _set(UNITS, "D2", '=HYPERLINK("https://example.invalid","Bấm")'),
        [
            f"{U}!D2: police.address: begins with '=': a spreadsheet may run such a cell as a formula; write the "
            "value without it (leave the cell empty when it is unknown)"
        ],
    ),
    "address-begins-with-plus": (
        _set(UNITS, "D2", "+1 Thử Nghiệm"),
        [
            f"{U}!D2: police.address: begins with '+': a spreadsheet may run such a cell as a formula; write the "
            "value without it (leave the cell empty when it is unknown)"
        ],
    ),
    "provider-begins-with-minus": (
        _set(UNITS, "E2", "-Công an"),
        [
            f"{U}!E2: police.address.provider: begins with '-': a spreadsheet may run such a cell as a formula; "
            "write the value without it (leave the cell empty when it is unknown)"
        ],
    ),
    "days-begin-with-at": (
        _set(UNITS, "V2", "@12"),
        [
            f"{U}!V2: transaction_point.days: begins with '@': a spreadsheet may run such a cell as a formula; "
            "write the value without it (leave the cell empty when it is unknown)"
        ],
    ),
    "days-in-words": (
        _set(UNITS, "V2", "thứ Hai"),
        [f"{U}!V2: transaction_point.days: 'thứ Hai': write the days of the month as numbers, like 12 or 5, 20"],
    ),
    "days-beyond-31": (
        _set(UNITS, "V2", "32"),
        [f"{U}!V2: transaction_point.days: '32': a day of the month is 1 to 31"],
    ),
    "address-two-lines": (
        _set(UNITS, "D2", "Số 1\nđường Thử Nghiệm"),
        [f"{U}!D2: police.address: must be one line: remove the line break at position 5"],
    ),
    "address-zero-width-space": (
        _set(UNITS, "D2", "Số 1\u200b đường"),
        [f"{U}!D2: police.address: character U+200B (ZERO WIDTH SPACE) at position 5 is invisible: delete it"],
    ),
    "address-too-long": (
        _set(UNITS, "D2", "x" * 3000),
        [f"{U}!D2: police.address: is 3,000 characters long; no value is longer than 1,000"],
    ),
    "address-script": (
        _set(UNITS, "D2", "<script>alert(1)</script>"),
        [f"{U}!D2: police.address: must be plain text: no HTML tags, template code or javascript: links"],
    ),
    "date-impossible": (
        _set(UNITS, "I2", "30/02/2026"),
        [f"{U}!I2: police.phone.provided_on: '30/02/2026' is not a day of the calendar"],
    ),
    "date-in-words": (
        _set(UNITS, "I2", "hôm qua"),
        [f"{U}!I2: police.phone.provided_on: 'hôm qua' is not a date: write day/month/year, like 20/11/2026"],
    ),
    "date-in-the-future": (
        _set(UNITS, "I2", datetime.datetime(2099, 1, 1)),
        [
            f"{U}!I2: police.phone.provided_on: 2099-01-01 is after today: the day a source was checked cannot be "
            "in the future"
        ],
    ),
    "date-fraction-of-a-day": (
        _number(UNITS, "I2", 46346.5),
        [f"{U}!I2: police.phone.provided_on: 46346.5 is not a date: write day/month/year, like 20/11/2026"],
    ),
    "value-without-provider": (
        _clear(UNITS, "H2"),
        [f"{U}!H2: police.phone.provider: is needed: the office that gave it, for G2"],
    ),
    "value-without-date": (
        _clear(UNITS, "I2"),
        [f"{U}!I2: police.phone.provided_on: is needed: the day it was given, for G2"],
    ),
    "provider-without-value": (
        _clear(UNITS, "G2"),
        [f"{U}!H2: police.phone.provider: is given but the value is empty: fill G2, or empty this cell too"],
    ),
    "merged-cells": (
        _merge,
        [f"{U}!D2:D3: merged cells: unmerge them (each unit and each value has its own cell)"],
    ),
    "hidden-row": (_hide_row, [f"{U}!A2: this row is hidden: show it (what is imported must be seen)"]),
    "hidden-column": (_hide_column, [f"{U}!G1: this column is hidden: show it (what is imported must be seen)"]),
    "hidden-sheet": (_hide_sheet, [f"{U}: this sheet is hidden: show it (what is imported must be seen)"]),
    "row-deleted": (_delete_row, [MISSING_ROW]),
    "unit-that-does-not-exist": (
        _unknown_unit,
        [
            f"{U}!A6: '99999' is no unit of this province: do not add rows (the workbook lists every one)",
            MISSING_ROW,
        ],
    ),
    "unit-twice": (
        _duplicate,
        [f"{U}!A6: unit 16378 is listed twice: here and in row 5; keep one row", MISSING_ROW],
    ),
    "name-changed": (
        _set(UNITS, "C2", "Hạc Thành Mới"),
        [
            f"{U}!C2: is 'Hạc Thành Mới' but unit 14797 is 'Hạc Thành': do not change this column (the code names "
            "the unit)"
        ],
    ),
    "heading-changed": (
        _rename_heading,
        [
            f"{U}!G1: note: column 'Điện thoại' is not one of the workbook's: it is not read",
            f"{U}: no column headed 'Công an: điện thoại' in row 1: put it back as the workbook had it",
        ],
    ),
    "sheet-renamed": (
        _moved_and_renamed_sheet,
        ["lien-he.xlsx: no sheet named 'Cơ quan': export the workbook again (make contacts-sheet)"],
    ),
    "far-away-cell": (
        _far_cell,
        [f"lien-he.xlsx!{UNITS}: holds something at A5000: a sheet may use 2,000 rows and 100 columns"],
    ),
    "office-phone-malformed": (
        _set(OFFICES, "F3", "113"),
        [
            f"{OF}!F3: phone: '113' must be a phone number: 0 or +84 then 9 to 10 digits, spaces or dots allowed",
            f"{OF}!G3: phone.provider: is needed: the office that gave it, for F3",
            f"{OF}!H3: phone.provided_on: is needed: the day it was given, for F3",
        ],
    ),
}


@pytest.mark.parametrize("name", sorted(VARIANTS))
def test_each_careless_or_hostile_variant_gives_its_line_and_writes_nothing(name, clean_root, exported, tmp_path):
    change, expected = VARIANTS[name]
    book = fill(exported)
    change(book)
    path = tmp_path / "lien-he.xlsx"
    book.save(path)
    before = _contacts(clean_root).exists()
    ok, lines = _import(clean_root, path)
    assert not ok, lines
    errors = [line for line in lines[:-1] if ": note: " not in line]
    assert errors, lines
    for line in expected:
        assert line in lines, "\n".join(lines)
    unexpected = [line for line in lines[:-1] if line not in expected]
    assert not unexpected, "\n".join(unexpected)
    assert lines[-1].endswith("nothing was written"), lines
    assert _contacts(clean_root).exists() == before


def test_there_are_at_least_25_variants_and_each_names_its_cell():
    assert len(VARIANTS) >= 25
    for _, lines in VARIANTS.values():
        assert all(line.startswith("lien-he.xlsx") for line in lines)


# --- what is read, not refused --------------------------------------------------------------------


def _filled_import(root: Path, book, tmp_path: Path) -> tuple[bool, list[str], str]:
    path = tmp_path / "lien-he.xlsx"
    book.save(path)
    ok, lines = _import(root, path)
    text = _contacts(root).read_text(encoding="utf-8") if _contacts(root).exists() else ""
    return ok, lines, text


def test_a_filled_workbook_is_imported_with_provenance_and_review_date(tmp_path):
    root = copy_data(tmp_path / "r")
    book = fill(export(root, tmp_path / "x.xlsx"))
    ok, lines, text = _filled_import(root, book, tmp_path)
    assert ok, lines
    assert lines == ["wrote data/provinces/thanh-hoa/contacts.yaml: 2 units and 1 offices with contacts"]
    assert (
        'phone: {value: "0000 000 001", provider: "Công an phường Thử Nghiệm", provided_on: 2026-11-20, '
        "review_by: 2027-11-20}" in text
    )
    assert 'days: {value: [12], provider: "Phòng giao dịch NHCSXH Thử Nghiệm"' in text
    data = load_dataset(root, PROVINCE)
    assert data.contacts["phuong-hac-thanh"].transaction_point.days.value == [12]
    assert data.office_contacts["nhcsxh-thanh-hoa"].hours.provider == "Chi nhánh NHCSXH Thử Nghiệm"


@pytest.mark.parametrize(
    "cell, value, read",
    [
        ("I2", 46346, "provided_on: 2026-11-20"),  # a date whose cell format was lost: a day number
        ("I2", "20/11/2026", "provided_on: 2026-11-20"),
        ("I2", "2026-11-20", "provided_on: 2026-11-20"),
        ("I2", "20.11.2026", "provided_on: 2026-11-20"),
        ("G2", "+84000 000 001", 'value: "+84000 000 001"'),
        ("G2", "  0000\u00a0000 001 ", 'value: "0000 000 001"'),  # spaces trimmed, a pasted no-break space
        ("V2", 12, "value: [12]"),
        ("V2", "ngày 5 và ngày 20 hằng tháng", "value: [5, 20]"),
        ("V2", "20, 5", "value: [5, 20]"),
        ("D2", "So\u0302\u0301 1 đường Thử Nghiệm (giả)", 'value: "Số 1 đường Thử Nghiệm (giả)"'),  # NFD from a Mac
    ],
)
def test_what_spreadsheets_do_is_read_as_meant(tmp_path, cell, value, read):
    root = copy_data(tmp_path / "r")
    book = fill(export(root, tmp_path / "x.xlsx"))
    put(book, UNITS, cell, value)
    ok, lines, text = _filled_import(root, book, tmp_path)
    assert ok, lines
    assert read in text


def test_an_extra_column_is_a_note_and_does_not_stop_the_import(tmp_path):
    root = copy_data(tmp_path / "r")
    book = fill(export(root, tmp_path / "x.xlsx"))
    put(book, UNITS, "Y1", "Ghi chú")
    put(book, UNITS, "Y2", "gọi lại sau")
    put(book, UNITS, "Z3", "không tiêu đề")
    ok, lines, _ = _filled_import(root, book, tmp_path)
    assert ok, lines
    assert lines[:2] == [
        f"{U}!Y1: note: column 'Ghi chú' is not one of the workbook's: it is not read",
        f"{U}!Z1: note: this column has no heading: it is not read",
    ]


def test_rows_and_columns_moved_still_read(tmp_path):
    root = copy_data(tmp_path / "r")
    book = fill(export(root, tmp_path / "x.xlsx"))
    sheet = book[UNITS]
    sheet.move_range("A2:X2", rows=400)  # the unit's row, sorted to the end
    sheet.move_range("G1:G402", cols=30)  # the police phone column, moved right
    ok, lines, text = _filled_import(root, book, tmp_path)
    assert ok, lines
    assert 'phone: {value: "0000 000 001"' in text


def test_an_emptied_value_is_removed_never_zero(tmp_path):
    root = copy_data(tmp_path / "r")
    book = fill(export(root, tmp_path / "x.xlsx"))
    assert _filled_import(root, book, tmp_path)[0]
    again = load_workbook(export(root, tmp_path / "y.xlsx"))
    for cell in ("G2", "H2", "I2"):
        put(again, UNITS, cell, None)
    ok, lines, text = _filled_import(root, again, tmp_path)
    assert ok, lines
    assert "0000 000 001" not in text
    assert "police:\n      address:" in text
    assert ": 0," not in text and '"0"' not in text


# --- files that are not read at all ---------------------------------------------------------------


def test_macro_enabled_and_foreign_files_are_refused(clean_root, exported, tmp_path):
    for suffix, line in (
        (".xlsm", "lien-he.xlsm: a workbook with macros is not read: save it as Excel Workbook (.xlsx)"),
        (".xls", "lien-he.xls: Excel 97-2003 files are not read: save it as Excel Workbook (.xlsx) or CSV UTF-8"),
        (".ods", "lien-he.ods: OpenDocument files are not read: save it as Excel Workbook (.xlsx) or CSV UTF-8"),
    ):
        path = tmp_path / f"lien-he{suffix}"
        shutil.copy(exported, path)
        assert _import(clean_root, path, path.name) == (False, [line, "nothing was written"])
    # a macro project inside a file named .xlsx
    path = tmp_path / "lien-he.xlsx"
    with zipfile.ZipFile(exported) as source, zipfile.ZipFile(path, "w") as target:
        for item in source.infolist():
            target.writestr(item, source.read(item))
        target.writestr("xl/vbaProject.bin", b"\x00" * 100)
    assert _import(clean_root, path)[1][0] == (
        "lien-he.xlsx: holds macros (vbaProject.bin): save it as Excel Workbook (.xlsx), without macros"
    )
    path.write_bytes(b"not a workbook at all")
    assert _import(clean_root, path)[1][0] == (
        "lien-he.xlsx: is not an .xlsx workbook (an older .xls renamed?): save it as Excel Workbook (.xlsx)"
    )


def test_huge_files_and_zip_bombs_are_refused_before_they_are_opened(clean_root, tmp_path):
    big = tmp_path / "lien-he.xlsx"
    with big.open("wb") as out:
        out.truncate(10_000_001)
    assert _import(clean_root, big)[1][0] == (
        "lien-he.xlsx: is 10,000,001 bytes; the limit is 10,000,000 (a province's workbook is far smaller)"
    )
    bomb = tmp_path / "bomb.xlsx"
    with zipfile.ZipFile(bomb, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("xl/worksheets/sheet1.xml", b"0" * 39_000_000)
    ok, lines = _import(clean_root, bomb, "lien-he.xlsx")
    assert lines[0].startswith("lien-he.xlsx: xl/worksheets/sheet1.xml unpacks ") and lines[0].endswith(
        " times its size: not read"
    )
    with zipfile.ZipFile(bomb, "w", zipfile.ZIP_DEFLATED) as archive:
        for i in range(5):
            archive.writestr(f"xl/x{i}.xml", b"0" * 9_000_000)
    assert _import(clean_root, bomb, "lien-he.xlsx")[1][0] == (
        "lien-he.xlsx: unpacks to 45,000,000 bytes; the limit is 40,000,000"
    )


# --- CSV as Excel saves it ---------------------------------------------------------------------


def _csv(book, delimiter: str) -> bytes:
    sheet = book[UNITS]
    out = io.StringIO()
    for row in sheet.iter_rows(values_only=True):
        cells = [v.strftime("%d/%m/%Y") if isinstance(v, datetime.date) else "" if v is None else str(v) for v in row]
        out.write(delimiter.join(f'"{c}"' if delimiter in c or '"' in c else c for c in cells) + "\r\n")
    return "\ufeff".encode() + out.getvalue().encode("utf-8")


def _cp1258(text: str) -> bytes:
    """Windows-1258: some letters whole, others a letter and a combining mark."""
    out = b""
    for char in text:
        try:
            out += char.encode("cp1258")
        except UnicodeEncodeError:
            out += unicodedata.normalize("NFD", char).encode("cp1258")
    return out


@pytest.mark.parametrize("delimiter", [";", ","])
def test_csv_utf8_with_bom_as_excel_saves_it(tmp_path, delimiter):
    root = copy_data(tmp_path / "r")
    book = fill(export(root, tmp_path / "x.xlsx"))
    path = tmp_path / "lien-he.csv"
    path.write_bytes(_csv(book, delimiter))
    ok, lines = _import(root, path, "lien-he.csv")
    assert ok, lines
    text = _contacts(root).read_text(encoding="utf-8")
    assert 'phone: {value: "0000 000 001", provider: "Công an phường Thử Nghiệm", provided_on: 2026-11-20' in text
    assert "offices: []" in text  # a CSV holds the units only: the offices keep what they had (nothing)


def test_csv_problems_name_the_cell_and_other_encodings_are_refused(clean_root, exported, tmp_path):
    book = fill(exported)
    put(book, UNITS, "G2", "912345678")  # what a CSV holds after Excel dropped the 0
    path = tmp_path / "lien-he.csv"
    path.write_bytes(_csv(book, ";"))
    ok, lines = _import(clean_root, path, "lien-he.csv")
    assert not ok
    assert lines[0] == (
        "lien-he.csv!G2: police.phone: '912345678' has no leading 0 (a spreadsheet drops it from a number): "
        "write 0912345678, if that is the number"
    )
    path.write_bytes(_cp1258("Mã đơn vị;Loại\r\n"))  # Excel's plain "CSV" on a Vietnamese Windows
    assert _import(clean_root, path, "lien-he.csv")[1][0] == (
        "lien-he.csv: is not UTF-8 (byte 3): in Excel save it as “CSV UTF-8 (Comma delimited)”"
    )


# --- the workbook as exported -------------------------------------------------------------------


def test_the_exported_workbook_never_holds_a_formula_built_from_data(tmp_path):
    root = copy_data(tmp_path / "r")
    book = fill(export(root, tmp_path / "x.xlsx"))
    hostile = '=HYPERLINK("https://example.invalid","x")'
    put(book, UNITS, "D2", "Số 1 (giả)")
    book.save(tmp_path / "x.xlsx")
    assert _import(root, tmp_path / "x.xlsx")[0]
    # a value that begins with "=" can only come from hand-edited data: force one past the reader
    data = load_dataset(root, PROVINCE)
    known = data.contacts["phuong-hac-thanh"]
    address = known.police.address.model_copy(update={"value": hostile})
    data.contacts["phuong-hac-thanh"] = known.model_copy(
        update={"police": known.police.model_copy(update={"address": address})}
    )
    path = tmp_path / "out.xlsx"
    workbook(data).save(path)
    with zipfile.ZipFile(path) as archive:
        for name in archive.namelist():
            if name.startswith("xl/worksheets/"):
                assert b"<f>" not in archive.read(name) and b"<f " not in archive.read(name), name
    cell = load_workbook(path)[UNITS]["D2"]
    assert (cell.value, cell.data_type, cell.quotePrefix) == (hostile, "s", True)


def test_the_exported_workbook_is_locked_where_it_must_be_and_checks_what_is_typed(exported):
    book = load_workbook(exported)
    assert book.sheetnames == ["Hướng dẫn", UNITS, OFFICES]
    sheet = book[UNITS]
    assert sheet.protection.sheet
    assert [sheet[f"{c}2"].protection.locked for c in "ABC"] == [True, True, True]
    assert not sheet["D2"].protection.locked and not sheet["X2"].protection.locked
    assert [sheet[f"{c}2"].value for c in "ABC"] == ["14797", "phường", "Hạc Thành"]
    assert sheet.max_row == 1 + 166
    kinds = {dv.type for dv in sheet.data_validations.dataValidation}
    assert kinds == {"textLength", "date"}
    phone = next(dv for dv in sheet.data_validations.dataValidation if "G2:G167" in str(dv.sqref))
    assert (phone.formula1, phone.formula2) == ("9", "20")
    guide = book["Hướng dẫn"]
    assert guide["A1"].value == "Bảng liên hệ của tỉnh Thanh Hóa"
    assert "Không đoán" in " ".join(str(c.value) for c in guide["A"])


def test_the_thanh_hoa_workbook_carries_no_value(exported):
    """No commune has a sourced contact today: the workbook is its codes, types and names."""
    sheet = load_workbook(exported)[UNITS]
    filled = [c.coordinate for row in sheet.iter_rows(min_row=2, min_col=4) for c in row if c.value is not None]
    assert filled == []
    assert not (REPO / "data" / "provinces" / PROVINCE / "contacts.yaml").exists()


# --- the round trip -----------------------------------------------------------------------------


def test_export_then_import_unchanged_is_byte_identical(tmp_path):
    root = copy_data(tmp_path / "r")
    # nothing known: nothing written
    assert _import(root, export(root, tmp_path / "a.xlsx")) == (
        True,
        ["data/provinces/thanh-hoa/contacts.yaml: unchanged"],
    )
    assert not _contacts(root).exists()
    book = fill(export(root, tmp_path / "b.xlsx"))
    ok, _, first = _filled_import(root, book, tmp_path)
    assert ok
    written = _contacts(root).read_bytes()
    # a value given long ago keeps the review date the file has, even if the rule changes
    text = written.decode().replace("review_by: 2026-10-01", "review_by: 2026-12-01")
    _contacts(root).write_text(text, encoding="utf-8")
    for _ in range(2):
        assert _import(root, export(root, tmp_path / "c.xlsx")) == (
            True,
            ["data/provinces/thanh-hoa/contacts.yaml: unchanged"],
        )
        assert _contacts(root).read_text(encoding="utf-8") == text


def test_a_workbook_saved_by_libreoffice_reads(tmp_path):
    """tests/fixtures/contacts/libreoffice.xlsx: the filled workbook opened and saved by LibreOffice
    Calc 7.4 (`soffice --headless --convert-to xlsx`): its own XML, shared strings, styles, dates."""
    root = copy_data(tmp_path / "r")
    ok, lines = _import(root, FIXTURES / "libreoffice.xlsx", "libreoffice.xlsx")
    assert ok, lines
    text = _contacts(root).read_text(encoding="utf-8")
    expected = tmp_path / "e"
    from .contacts_helpers import fictitious_root

    assert text == _contacts(fictitious_root(expected)).read_text(encoding="utf-8")


def test_libreoffice_fixture_can_be_made_again(tmp_path):
    """Re-creates the fixture where LibreOffice is installed (skips cleanly elsewhere)."""
    soffice = shutil.which("soffice")
    if soffice is None:
        pytest.skip("LibreOffice is not installed (apt-get install libreoffice-calc)")
    root = copy_data(tmp_path / "r")
    source = tmp_path / "src" / "libreoffice.xlsx"
    source.parent.mkdir()
    fill(export(root, source)).save(source)
    out = tmp_path / "out"
    subprocess.run(
        [
            soffice,
            "--headless",
            f"-env:UserInstallation=file://{tmp_path}/profile",
            "--convert-to",
            "xlsx",
            "--outdir",
            str(out),
            str(source),
        ],
        check=True,
        capture_output=True,
        timeout=180,
    )
    made = out / "libreoffice.xlsx"
    with zipfile.ZipFile(made) as archive:
        assert b"LibreOffice" in archive.read("docProps/app.xml")
    ok, lines = _import(root, made, "libreoffice.xlsx")
    assert ok, lines


def test_make_targets_run_as_commands(tmp_path):
    root = copy_data(tmp_path / "r")
    env = {"PATH": "/usr/bin:/bin", "PYTHONPATH": str(REPO), "PROVINCE": PROVINCE, "DATA_ROOT": str(root)}
    book = tmp_path / "lien-he-thanh-hoa.xlsx"
    done = subprocess.run(
        [sys.executable, "-m", "macros.cli.contacts_sheet", str(book)], env=env, capture_output=True, text=True
    )
    assert done.returncode == 0, done.stderr
    assert done.stdout.strip() == f"wrote {book}: 166 units (0 with contacts), 7 offices"
    broken = fill(book)
    put(broken, UNITS, "G2", 912345678)
    broken.save(book)
    done = subprocess.run(
        [sys.executable, "-m", "macros.cli.contacts_import", str(book)], env=env, capture_output=True, text=True
    )
    assert done.returncode == 1
    assert "Traceback" not in done.stderr
    assert done.stderr.splitlines()[0].startswith(f"lien-he-thanh-hoa.xlsx!{UNITS}!G2: police.phone: is the number")
    assert done.stderr.splitlines()[-1] == "1 problem(s) in lien-he-thanh-hoa.xlsx: nothing was written"
    assert FILLED  # the shared fill is what the pages' tests build from
    assert GIVEN_ON <= datetime.date.today()


def test_make_coverage_prints_each_unit_and_the_province(tmp_path):
    from .contacts_helpers import fictitious_root

    root = fictitious_root(tmp_path)
    env = {"PATH": "/usr/bin:/bin", "PYTHONPATH": str(REPO), "PROVINCE": PROVINCE, "DATA_ROOT": str(root)}
    done = subprocess.run([sys.executable, "-m", "macros.cli.coverage"], env=env, capture_output=True, text=True)
    assert done.returncode == 0, done.stderr
    lines = done.stdout.splitlines()
    assert lines[1] == "  14797\tphường Hạc Thành\t5/7\tmissing: committee.address, committee.phone\tpast review: -"
    assert lines[2].startswith("  16522\tphường Quảng Phú\t1/7\t") and lines[2].endswith("past review: committee.phone")
    assert lines[3] == "  16417\tphường Đông Quang\t0/7\tmissing: all\tpast review: -"
    assert lines[-1] == (
        "tỉnh Thanh Hóa (thanh-hoa): 6/1162 values filled (0.5 %), 2/166 units with any, 0 complete, 1 past review"
    )
