"""The contacts workbook: exported, filled carelessly or with hostile intent, imported.

Each variant below is one thing real spreadsheets do (a phone that lost its leading 0, a formula,
merged cells, a hidden row, a unit that does not exist...) and gives its exact line, naming file,
sheet and cell; while any error remains contacts.yaml is not written. The workbook itself never
holds a live formula built from data; a workbook exported and imported unchanged changes nothing.
"""

from __future__ import annotations

import ast
import datetime
import io
import re
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
    f"{U}: thiếu dòng của xã, phường mã 15853 (phường Đông Tiến): hãy đặt lại dòng đó (chưa biết gì thì để trống các ô)"
)
PHONE = f"{U}!G2: cột “Công an: điện thoại”"
PHONE_FORM = "không phải số điện thoại: viết 0 hoặc +84 rồi 9 đến 10 chữ số, có thể cách bằng dấu cách hoặc dấu chấm"
FORMULA_START = "bảng tính có thể chạy ô này như công thức; hãy viết không có dấu đó (chưa biết thì để trống ô)"
ADDRESS = f"{U}!D2: cột “Công an: địa chỉ”"
PHONE_DAY = f"{U}!I2: cột “Công an: điện thoại - ngày cung cấp”"
DAYS = f"{U}!V2: cột “Điểm giao dịch NHCSXH: ngày giao dịch”"
SHOWN = "hãy bỏ ẩn (điều gì được nhập thì phải nhìn thấy được)"

VARIANTS: dict[str, tuple[Callable, list[str]]] = {
    "phone-lost-its-leading-0": (
        _set(UNITS, "G2", 912345678),
        [
            f"{PHONE}: ô là số 912345678: bảng tính đã bỏ mất số 0 ở đầu. Định dạng ô là Văn bản (Text) rồi gõ lại "
            "cả số 0 (0912345678, nếu đúng là số đó)"
        ],
    ),
    "phone-text-without-0": (
        _set(UNITS, "G2", "912 345 678"),
        [
            f"{PHONE}: “912 345 678” thiếu số 0 ở đầu (bảng tính hay bỏ số 0 này): hãy viết 0912345678, nếu đúng là "
            "số đó"
        ],
    ),
    "phone-malformed": (_set(UNITS, "G2", "0237-385"), [f"{PHONE}: “0237-385” {PHONE_FORM}"]),
    "phone-zero": (_set(UNITS, "G2", "0"), [f"{PHONE}: “0” {PHONE_FORM}"]),
    "phone-two-numbers": (
        _set(UNITS, "G2", "0000 000 001 / 0000 000 002"),
        [f"{PHONE}: “0000 000 001 / 0000 000 002” {PHONE_FORM}"],
    ),
    "phone-formula": (
        _formula(UNITS, "G2", '="0"&A2'),
        [f'{PHONE}: ô có công thức (="0"&A2): hãy gõ thẳng giá trị'],
    ),
    "phone-true": (_set(UNITS, "G2", True), [f"{PHONE}: ô ghi TRUE, không phải số điện thoại"]),
    "phone-as-date": (
        _set(UNITS, "G2", datetime.datetime(2026, 1, 2)),
        [f"{PHONE}: ô là một ngày (02/01/2026), không phải số điện thoại"],
    ),
    "phone-spreadsheet-error": (_error_cell, [f"{PHONE}: ô báo lỗi #REF! của bảng tính: hãy gõ thẳng giá trị"]),
    "phone-dash-for-unknown": (_set(UNITS, "G2", "-"), [f"{PHONE}: bắt đầu bằng dấu “-”: {FORMULA_START}"]),
    "address-begins-with-equals": (
        _set(UNITS, "D2", '=HYPERLINK("https://example.invalid","Bấm")'),
        [f"{ADDRESS}: bắt đầu bằng dấu “=”: {FORMULA_START}"],
    ),
    "address-begins-with-plus": (
        _set(UNITS, "D2", "+1 Thử Nghiệm"),
        [f"{ADDRESS}: bắt đầu bằng dấu “+”: {FORMULA_START}"],
    ),
    "provider-begins-with-minus": (
        _set(UNITS, "E2", "-Công an"),
        [f"{U}!E2: cột “Công an: địa chỉ - ai cung cấp”: bắt đầu bằng dấu “-”: {FORMULA_START}"],
    ),
    "days-begin-with-at": (_set(UNITS, "V2", "@12"), [f"{DAYS}: bắt đầu bằng dấu “@”: {FORMULA_START}"]),
    "days-in-words": (
        _set(UNITS, "V2", "thứ Hai"),
        [f"{DAYS}: “thứ Hai”: hãy ghi ngày trong tháng bằng số, ví dụ 12, hoặc 5, 20"],
    ),
    "days-beyond-31": (_set(UNITS, "V2", "32"), [f"{DAYS}: “32”: ngày trong tháng là từ 1 đến 31"]),
    "address-two-lines": (
        _set(UNITS, "D2", "Số 1\nđường Thử Nghiệm"),
        [f"{ADDRESS}: phải viết trên một dòng: xóa chỗ xuống dòng ở ký tự thứ 5"],
    ),
    "address-zero-width-space": (
        _set(UNITS, "D2", "Số 1\u200b đường"),
        [
            f"{ADDRESS}: ký tự thứ 5 (U+200B) không đăng được, có thể vì không nhìn thấy: hãy xóa rồi gõ lại bằng "
            "bàn phím"
        ],
    ),
    "address-with-a-tab": (
        _set(UNITS, "D2", "Số 1\tđường Thử Nghiệm"),
        [f"{ADDRESS}: có dấu tab ở ký tự thứ 5: hãy gõ dấu cách"],
    ),
    "address-with-a-wide-space": (
        _set(UNITS, "D2", "Số 1\u2003đường Thử Nghiệm"),
        [f"{ADDRESS}: ký tự thứ 5 là một dấu cách đặc biệt (U+2003): hãy xóa rồi gõ dấu cách thường"],
    ),
    "provider-with-a-sign-names-do-not-use": (
        _set(UNITS, "E2", "Công an xã #1"),
        [f"{U}!E2: cột “Công an: địa chỉ - ai cung cấp”: tên không dùng dấu “#”: hãy viết tên như văn bản chính thức"],
    ),
    "provider-too-long": (
        _set(UNITS, "E2", "x" * 300),
        [f"{U}!E2: cột “Công an: địa chỉ - ai cung cấp”: dài 300 ký tự; ô này tối đa 200 ký tự"],
    ),
    "date-before-the-site-years": (
        _set(UNITS, "I2", "01/01/1999"),
        [f"{PHONE_DAY}: ngày 01/01/1999 nằm ngoài những năm trang web nói đến (2000 đến 2100)"],
    ),
    "address-too-long": (
        _set(UNITS, "D2", "x" * 3000),
        [f"{ADDRESS}: ô dài 3.000 ký tự; không giá trị nào dài quá 1.000 ký tự"],
    ),
    "address-script": (
        _set(UNITS, "D2", "<script>alert(1)</script>"),
        [f"{ADDRESS}: chỉ viết chữ thường: không có thẻ HTML, mã mẫu hay liên kết javascript:"],
    ),
    "date-impossible": (_set(UNITS, "I2", "30/02/2026"), [f"{PHONE_DAY}: ngày “30/02/2026” không có trên lịch"]),
    "date-in-words": (
        _set(UNITS, "I2", "hôm qua"),
        [f"{PHONE_DAY}: “hôm qua” không phải là ngày: hãy viết ngày/tháng/năm, ví dụ 20/11/2026"],
    ),
    "date-in-the-future": (
        _set(UNITS, "I2", datetime.datetime(2099, 1, 1)),
        [f"{PHONE_DAY}: ngày 01/01/2099 là sau hôm nay: ngày cơ quan cung cấp không thể ở tương lai"],
    ),
    "date-fraction-of-a-day": (
        _number(UNITS, "I2", 46346.5),
        [f"{PHONE_DAY}: 46346.5 không phải là ngày: hãy viết ngày/tháng/năm, ví dụ 20/11/2026"],
    ),
    "value-without-provider": (
        _clear(UNITS, "H2"),
        [f"{U}!H2: cột “Công an: điện thoại - ai cung cấp”: cần ghi cơ quan đã cung cấp giá trị ở ô G2"],
    ),
    "value-without-date": (
        _clear(UNITS, "I2"),
        [f"{PHONE_DAY}: cần ghi ngày cơ quan cung cấp giá trị ở ô G2"],
    ),
    "provider-without-value": (
        _clear(UNITS, "G2"),
        [
            f"{U}!H2: cột “Công an: điện thoại - ai cung cấp”: đã ghi ô này nhưng ô giá trị còn trống: điền ô G2, "
            "hoặc xóa cả ô này"
        ],
    ),
    "merged-cells": (
        _merge,
        [f"{U}!D2:D3: các ô đã gộp: hãy bỏ gộp (mỗi đơn vị, mỗi giá trị một ô riêng)"],
    ),
    "hidden-row": (_hide_row, [f"{U}!A2: dòng này đang bị ẩn: {SHOWN}"]),
    "hidden-column": (
        _hide_column,
        [
            f"{U}!G1: cột “Công an: điện thoại”: đang bị ẩn: hãy bỏ ẩn cột này (điều gì được nhập thì phải nhìn thấy được)"
        ],
    ),
    "hidden-sheet": (_hide_sheet, [f"{U}: trang này đang bị ẩn: {SHOWN}"]),
    "row-deleted": (_delete_row, [MISSING_ROW]),
    "unit-that-does-not-exist": (
        _unknown_unit,
        [
            f"{U}!A6: cột “Mã đơn vị”: “99999” không phải xã, phường của tỉnh này: đừng thêm dòng (bảng đã có đủ)",
            MISSING_ROW,
        ],
    ),
    "unit-twice": (
        _duplicate,
        [f"{U}!A6: cột “Mã đơn vị”: xã, phường mã 16378 có hai dòng: dòng này và dòng 5; chỉ giữ một", MISSING_ROW],
    ),
    "name-changed": (
        _set(UNITS, "C2", "Hạc Thành Mới"),
        [
            f"{U}!C2: cột “Tên”: ô ghi “Hạc Thành Mới” nhưng xã, phường mã 14797 là “Hạc Thành”: đừng sửa cột này "
            "(mã đã xác định xã, phường)"
        ],
    ),
    "heading-changed": (
        _rename_heading,
        [
            f"{U}!G1: lưu ý: cột “Điện thoại” không có trong bảng gốc: cột này không được đọc",
            f"{U}: không thấy cột “Công an: điện thoại” ở dòng 1: hãy đặt lại như bảng gốc",
        ],
    ),
    "sheet-renamed": (
        _moved_and_renamed_sheet,
        ["lien-he.xlsx: không thấy trang “Cơ quan”: hãy xuất lại bảng tính (make contacts-sheet)"],
    ),
    "far-away-cell": (
        _far_cell,
        [f"lien-he.xlsx!{UNITS}: có dữ liệu ở ô A5000: mỗi trang chỉ được dùng 2.000 dòng và 100 cột"],
    ),
    "office-phone-malformed": (
        _set(OFFICES, "F3", "113"),
        [
            f"{OF}!F3: cột “Cơ quan: điện thoại”: “113” {PHONE_FORM}",
            f"{OF}!G3: cột “Cơ quan: điện thoại - ai cung cấp”: cần ghi cơ quan đã cung cấp giá trị ở ô F3",
            f"{OF}!H3: cột “Cơ quan: điện thoại - ngày cung cấp”: cần ghi ngày cơ quan cung cấp giá trị ở ô F3",
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
    errors = [line for line in lines[:-1] if ": lưu ý: " not in line]
    assert errors, lines
    for line in expected:
        assert line in lines, "\n".join(lines)
    unexpected = [line for line in lines[:-1] if line not in expected]
    assert not unexpected, "\n".join(unexpected)
    assert lines[-1].endswith("chưa ghi gì vào dữ liệu"), lines
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
    assert lines == ["đã ghi data/provinces/thanh-hoa/contacts.yaml: 2 xã, phường và 1 cơ quan có thông tin liên hệ"]
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
        f"{U}!Y1: lưu ý: cột “Ghi chú” không có trong bảng gốc: cột này không được đọc",
        f"{U}!Z1: lưu ý: cột này không có tiêu đề: không được đọc",
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
        (".xlsm", "lien-he.xlsm: không đọc bảng tính có macro: hãy lưu lại dạng Excel Workbook (.xlsx)"),
        (".xls", "lien-he.xls: không đọc tệp Excel 97-2003: hãy lưu lại dạng Excel Workbook (.xlsx) hoặc CSV UTF-8"),
        (".ods", "lien-he.ods: không đọc tệp OpenDocument: hãy lưu lại dạng Excel Workbook (.xlsx) hoặc CSV UTF-8"),
    ):
        path = tmp_path / f"lien-he{suffix}"
        shutil.copy(exported, path)
        assert _import(clean_root, path, path.name) == (False, [line, "chưa ghi gì vào dữ liệu"])
    # a macro project inside a file named .xlsx
    path = tmp_path / "lien-he.xlsx"
    with zipfile.ZipFile(exported) as source, zipfile.ZipFile(path, "w") as target:
        for item in source.infolist():
            target.writestr(item, source.read(item))
        target.writestr("xl/vbaProject.bin", b"\x00" * 100)
    assert _import(clean_root, path)[1][0] == (
        "lien-he.xlsx: tệp có macro (vbaProject.bin): hãy lưu lại dạng Excel Workbook (.xlsx), không có macro"
    )
    path.write_bytes(b"not a workbook at all")
    assert _import(clean_root, path)[1][0] == (
        "lien-he.xlsx: đây không phải tệp .xlsx (có thể là tệp .xls cũ bị đổi tên): hãy lưu lại dạng Excel Workbook "
        "(.xlsx)"
    )


def test_huge_files_and_zip_bombs_are_refused_before_they_are_opened(clean_root, tmp_path):
    big = tmp_path / "lien-he.xlsx"
    with big.open("wb") as out:
        out.truncate(10_000_001)
    assert _import(clean_root, big)[1][0] == (
        "lien-he.xlsx: tệp nặng 10.000.001 byte, quá giới hạn 10.000.000 byte (bảng của một tỉnh nhỏ hơn nhiều)"
    )
    bomb = tmp_path / "bomb.xlsx"
    with zipfile.ZipFile(bomb, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("xl/worksheets/sheet1.xml", b"0" * 39_000_000)
    ok, lines = _import(clean_root, bomb, "lien-he.xlsx")
    assert lines[0].startswith("lien-he.xlsx: phần xl/worksheets/sheet1.xml giải nén ra gấp ") and lines[0].endswith(
        " lần: không đọc"
    )
    with zipfile.ZipFile(bomb, "w", zipfile.ZIP_DEFLATED) as archive:
        for i in range(5):
            archive.writestr(f"xl/x{i}.xml", b"0" * 9_000_000)
    assert _import(clean_root, bomb, "lien-he.xlsx")[1][0] == (
        "lien-he.xlsx: giải nén ra 45.000.000 byte, quá giới hạn 40.000.000 byte"
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
        "lien-he.csv!G2: cột “Công an: điện thoại”: “912345678” thiếu số 0 ở đầu (bảng tính hay bỏ số 0 này): "
        "hãy viết 0912345678, nếu đúng là số đó"
    )
    path.write_bytes(_cp1258("Mã đơn vị;Loại\r\n"))  # Excel's plain "CSV" on a Vietnamese Windows
    assert _import(clean_root, path, "lien-he.csv")[1][0] == (
        "lien-he.csv: tệp không ở dạng UTF-8 (byte thứ 3): trong Excel, hãy lưu dạng “CSV UTF-8 (Comma delimited)”"
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
        ["data/provinces/thanh-hoa/contacts.yaml: không có gì thay đổi"],
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
            ["data/provinces/thanh-hoa/contacts.yaml: không có gì thay đổi"],
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
    assert done.stdout.strip() == f"đã ghi {book}: 166 xã, phường (0 có thông tin liên hệ), 7 cơ quan"
    broken = fill(book)
    put(broken, UNITS, "G2", 912345678)
    broken.save(book)
    done = subprocess.run(
        [sys.executable, "-m", "macros.cli.contacts_import", str(book)], env=env, capture_output=True, text=True
    )
    assert done.returncode == 1
    assert "Traceback" not in done.stderr
    assert done.stderr.splitlines()[0].startswith(
        f"lien-he-thanh-hoa.xlsx!{UNITS}!G2: cột “Công an: điện thoại”: ô là số 912345678:"
    )
    assert done.stderr.splitlines()[-1] == "1 lỗi trong lien-he-thanh-hoa.xlsx: chưa ghi gì vào dữ liệu"
    assert FILLED  # the shared fill is what the pages' tests build from
    assert GIVEN_ON <= datetime.date.today()


def test_make_coverage_prints_each_unit_and_the_province(tmp_path):
    from .contacts_helpers import fictitious_root

    root = fictitious_root(tmp_path)
    env = {"PATH": "/usr/bin:/bin", "PYTHONPATH": str(REPO), "PROVINCE": PROVINCE, "DATA_ROOT": str(root)}
    done = subprocess.run([sys.executable, "-m", "macros.cli.coverage"], env=env, capture_output=True, text=True)
    assert done.returncode == 0, done.stderr
    lines = done.stdout.splitlines()
    assert lines[1] == (
        "  14797\tphường Hạc Thành\tđã có 5/7\tcòn thiếu: Ủy ban nhân dân: địa chỉ; Ủy ban nhân dân: điện thoại"
        "\tquá hạn xem lại: không"
    )
    assert lines[2].startswith("  16522\tphường Quảng Phú\tđã có 1/7\t")
    assert lines[2].endswith("\tquá hạn xem lại: Ủy ban nhân dân: điện thoại")
    assert lines[3] == "  16417\tphường Đông Quang\tđã có 0/7\tcòn thiếu: tất cả\tquá hạn xem lại: không"
    assert lines[-1] == (
        "tỉnh Thanh Hóa (thanh-hoa): đã có 6/1.162 thông tin (0,5 %), 2/166 xã, phường có ít nhất một, "
        "0 xã, phường đủ cả, 1 thông tin quá hạn xem lại"
    )


# --- the words: one catalogue, every key used, every use known ----------------------------------

OPERATOR_CODE = ("contacts_messages", "sheet_reader", "contacts_cells", "contacts_import", "contacts_sheet", "coverage")
"""The modules whose words the office that fills the workbook reads (macros/cli/)."""


def _operator_trees() -> dict[str, ast.Module]:
    return {name: ast.parse((REPO / "macros" / "cli" / f"{name}.py").read_text()) for name in OPERATOR_CODE}


def _keys_in_code() -> dict[str, list[tuple[str, int, set[str] | None]]]:
    """Each catalogue-like key written in the code ("import.row_missing"), with where it is and,
    when it is the first argument of a call, the names passed with it (None: passed on by **)."""
    from macros.cli.contacts_messages import catalogue

    sections = {key.split(".")[0] for key in catalogue()}
    found: dict[str, list[tuple[str, int, set[str] | None]]] = {}
    for module, tree in _operator_trees().items():
        in_call: dict[int, set[str] | None] = {}
        for node in ast.walk(tree):
            if isinstance(node, ast.Call) and node.args and isinstance(node.args[0], ast.Constant):
                given = {k.arg for k in node.keywords}
                in_call[id(node.args[0])] = None if None in given else given
        for node in ast.walk(tree):
            if isinstance(node, ast.Constant) and isinstance(node.value, str):
                head, dot, rest = node.value.partition(".")
                if dot and head in sections and re.fullmatch(r"[a-z][a-z0-9_]*", rest):
                    found.setdefault(node.value, []).append((module, node.lineno, in_call.get(id(node), set())))
    return found


def test_every_message_key_in_the_code_is_in_the_catalogue_and_every_entry_is_used():
    from macros.cli.contacts_messages import catalogue

    used = _keys_in_code()
    unknown = {key: places for key, places in used.items() if key not in catalogue()}
    assert not unknown, unknown
    unused = sorted(set(catalogue()) - set(used))
    assert not unused, unused
    assert len(used) >= 80  # the catalogue is what the tools say, not a few of it


def test_each_call_passes_exactly_the_values_its_entry_names():
    from macros.cli.contacts_messages import names

    for key, places in _keys_in_code().items():
        for module, line, given in places:
            if given is None or (not given and names(key)):
                continue  # passed on (**values), or a key handed to a function that says it (text(cell, "kind.text"))
            assert given == names(key), f"macros/cli/{module}.py:{line}: {key} needs {sorted(names(key))}"


def test_say_refuses_a_missing_or_extra_value_and_an_unknown_key():
    from macros.cli.contacts_messages import say

    assert say("import.problems", count=2, file="a.xlsx") == "2 lỗi trong a.xlsx: chưa ghi gì vào dữ liệu"
    for wrong in ({"count": 2}, {"count": 2, "file": "a.xlsx", "sheet": "x"}):
        with pytest.raises(KeyError):
            say("import.problems", **wrong)
    with pytest.raises(KeyError):
        say("import.no_such_message")


def test_the_code_holds_no_sentence_the_office_reads():
    """Words live in the catalogue: outside docstrings, no string in these modules is three English words."""
    sentences = []
    for module, tree in _operator_trees().items():
        docstrings = {
            id(node.value)
            for node in ast.walk(tree)
            if isinstance(node, ast.Expr) and isinstance(node.value, ast.Constant)
        }
        for node in ast.walk(tree):
            if isinstance(node, ast.Constant) and isinstance(node.value, str) and id(node) not in docstrings:
                if re.search(r"[A-Za-z]+ [A-Za-z]+ [A-Za-z]+", node.value):
                    sentences.append(f"{module}.py:{node.lineno}: {node.value[:60]!r}")
    assert not sentences, sentences
