"""A contacts workbook filled with made-up values, for the import tests and the pages' tests.

Every phone is 0000 000 0NN and every name says "Thử Nghiệm": nothing here could be taken for
a real office's contact, and none of it is written into the repository's data/.
"""

from __future__ import annotations

import datetime
import shutil
from pathlib import Path

from openpyxl import Workbook, load_workbook

from macros.cli.contacts_import import import_contacts
from macros.cli.contacts_sheet import workbook
from macros.data.dataset import load_dataset

from .conftest import REPO

PROVINCE = "thanh-hoa"
UNITS = "Xã phường"
OFFICES = "Cơ quan"
GIVEN_ON = datetime.date(2026, 11, 20)
POLICE = "Công an phường Thử Nghiệm"
BANK = "Phòng giao dịch NHCSXH Thử Nghiệm"

FILLED: dict[str, dict[str, object]] = {
    UNITS: {
        # row 2: Phường Hạc Thành (code 14797): police address and phone, the transaction point
        "D2": "Số 1 đường Thử Nghiệm (giả)",
        "E2": POLICE,
        "F2": GIVEN_ON,
        "G2": "0000 000 001",
        "H2": POLICE,
        "I2": GIVEN_ON,
        "P2": "Hội trường tổ dân phố Thử Nghiệm (giả)",
        "Q2": BANK,
        "R2": GIVEN_ON,
        "S2": "0000 000 002",
        "T2": BANK,
        "U2": GIVEN_ON,
        "V2": "12",
        "W2": BANK,
        "X2": GIVEN_ON,
        # row 3: Phường Quảng Phú: the People's Committee's phone only
        "M3": "0000 000 003",
        "N3": "Ủy ban nhân dân phường Thử Nghiệm",
        "O3": datetime.date(2025, 10, 1),
    },
    OFFICES: {
        # row 2: the VBSP branch: its hours
        "I2": "Thứ Hai đến Thứ Sáu (giả)",
        "J2": "Chi nhánh NHCSXH Thử Nghiệm",
        "K2": GIVEN_ON,
    },
}
FILLED_UNIT = "phuong-hac-thanh"
FILLED_PHONE = "0000 000 001"


def copy_data(dest: Path) -> Path:
    """A repository-like folder with a copy of data/ (what the import reads and writes)."""
    shutil.copytree(REPO / "data", dest / "data")
    return dest


_EXPORTED: dict[bytes, bytes] = {}


def export(root: Path, path: Path) -> Path:
    """The workbook of `root`'s data at `path` (made once per content of data/: most tests export the
    same copy of the repository's data)."""
    import hashlib

    digest = hashlib.blake2b(digest_size=16)
    for file in sorted((root / "data").rglob("*.yaml")):
        digest.update(str(file.relative_to(root)).encode() + b"\0" + file.read_bytes())
    key = digest.digest()
    if key not in _EXPORTED:
        workbook(load_dataset(root, PROVINCE)).save(path)
        _EXPORTED[key] = path.read_bytes()
    else:
        path.write_bytes(_EXPORTED[key])
    return path


def put(book: Workbook, sheet: str, cell: str, value: object) -> None:
    target = book[sheet][cell]
    target.value = value
    if isinstance(value, str):  # text, even "=...": a formula is written by the tests that want one
        target.data_type = "s"


def fill(path: Path, values: dict[str, dict[str, object]] = FILLED) -> Workbook:
    book = load_workbook(path)
    for sheet, cells in values.items():
        for cell, value in cells.items():
            put(book, sheet, cell, value)
    return book


def fictitious_root(dest: Path) -> Path:
    """A copy of data/ whose Thanh Hóa contacts.yaml holds the made-up values above."""
    root = copy_data(dest)
    sheet = export(root, dest / "lien-he.xlsx")
    fill(sheet).save(sheet)
    ok, lines = import_contacts(root, PROVINCE, sheet)
    assert ok, lines
    return root
