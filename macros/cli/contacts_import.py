"""`make contacts-import PROVINCE=thanh-hoa FILE=lien-he.xlsx`: the filled workbook into contacts.yaml.

Reads the workbook of `make contacts-sheet` (or one of its sheets saved as CSV) as a person left
it: columns found by their heading, units by their code wherever their row went. Every problem is
one line naming file, sheet and cell (`lien-he.xlsx!Xã phường!G45: cột “Công an: điện thoại”: ...`),
in the words of templates/contacts_messages.yaml; while any remains nothing is written. What it
refuses rather than guesses: a phone that lost its leading 0, a formula, merged cells, a hidden row
or column, a unit that is not in communes.yaml or is listed twice or not at all, a value without
the office that gave it and the day. An empty cell is unknown. Each value keeps who gave it and
when, and gets a `review_by` date.
"""

from __future__ import annotations

import os
import sys
import tempfile
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path
from typing import Annotated, Any

from pydantic import TypeAdapter, ValidationError

from macros.cli import contacts_cells as reading
from macros.cli.contacts_book import (
    CONTACTS_FILE,
    OFFICE_FIELDS,
    UNIT_BODIES,
    Column,
    contacts_yaml,
    heading_key,
    office_columns,
    review_by,
    unit_code,
    unit_columns,
    words,
)
from macros.cli.contacts_messages import chosen_province, say
from macros.cli.sheet_reader import Book, Sheet, SheetProblem, Unreadable, cell_name, read_book
from macros.data import models
from macros.data.dataset import Dataset, load_dataset, province_dir
from macros.data.validation import validate_document
from macros.data.yamlsource import DataFileError, read_yaml

VALUE_MODELS: dict[str, type[models.Provided]] = {
    "address": models.ProvidedText,
    "hours": models.ProvidedText,
    "phone": models.ProvidedPhone,
    "days": models.ProvidedDays,
}


@dataclass
class Found:
    """What one sheet gave: problems, and the values read, by record id."""

    problems: list[SheetProblem] = field(default_factory=list)
    records: dict[str, dict[tuple[str, str], Any]] = field(default_factory=dict)
    """Record id -> (body, field) -> the Provided value."""


class SheetContext:
    def __init__(self, book: Book, sheet: Sheet, found: Found):
        self.book, self.sheet, self.found = book, sheet, found

    def problem(
        self,
        words: str,
        row: int | None = None,
        column: int | None = None,
        heading: str | None = None,
        note: bool = False,
    ) -> None:
        """`words` from the catalogue (say); `heading`: the column the cell is in, as the workbook names it."""
        cell = cell_name(row, column) if row and column else None
        self.found.problems.append(SheetProblem(self.book.file, words, self.sheet.name, cell, heading, note))


# --- one sheet ------------------------------------------------------------------------------------


def _columns(ctx: SheetContext, wanted: tuple[Column, ...]) -> dict[tuple[str, ...], int] | None:
    """Each column's number, found by its heading in row 1; None when one is missing."""
    by_heading = {heading_key(c.heading): c for c in wanted}
    found: dict[tuple[str, ...], int] = {}
    used = set()
    for (row, col), cell in sorted(ctx.sheet.cells.items(), key=lambda item: item[0][1]):
        if row != 1:
            continue
        column = by_heading.get(heading_key(str(cell.value))) if cell.kind == "s" else None
        if column is None:
            ctx.problem(say("import.column_unknown", heading=reading.shown(cell.value)), 1, col, note=True)
        elif column.key in found:
            ctx.problem(
                say("import.column_twice", heading=column.heading, cell=cell_name(1, found[column.key])), 1, col
            )
        else:
            found[column.key] = col
            used.add(col)
    headed = {col for (row, col) in ctx.sheet.cells if row == 1}
    for col in sorted({col for (row, col) in ctx.sheet.cells if row > 1} - headed):
        ctx.problem(say("import.column_no_heading"), 1, col, note=True)
    missing = [c.heading for c in wanted if c.key not in found]
    for heading in missing:
        ctx.problem(say("import.column_missing", heading=heading))
    for key, col in sorted(found.items(), key=lambda item: item[1]):
        if col in ctx.sheet.hidden_columns:
            ctx.problem(say("import.column_hidden"), 1, col, _headings()[key])
    return None if missing else found


def _hazards(ctx: SheetContext, columns: dict[tuple[str, ...], int]) -> None:
    read = set(columns.values())
    for merged in ctx.sheet.merged:
        ctx.found.problems.append(
            SheetProblem(
                ctx.book.file,
                say("import.merged"),
                ctx.sheet.name,
                merged,
            )
        )
    rows_with_data = {r for (r, c) in ctx.sheet.cells if c in read and r > 1}
    for row in sorted(ctx.sheet.hidden_rows & rows_with_data):
        ctx.problem(say("import.row_hidden"), row, min(columns.values()))


def _read_rows(
    ctx: SheetContext,
    columns: dict[tuple[str, ...], int],
    known: dict[str, tuple[str, str, str]],
    key_column: tuple[str, ...],
    label_columns: tuple[tuple[str, ...], ...],
    fields: dict[str, tuple[str, ...]],
    noun: str,
) -> None:
    """Each row: the record its key names (`known`: key -> (id, type, name)), then its values.
    `noun` is what a row is, in the catalogue's words ("xã, phường")."""
    rows = sorted({r for (r, _) in ctx.sheet.cells if r > 1})
    seen: dict[str, int] = {}
    cells = ctx.sheet.cells
    headings = _headings()
    for row in rows:
        key_cell = cells.get((row, columns[key_column]))
        values = [k for k in columns if len(k) == 3 and (row, columns[k]) in cells]
        if key_cell is None:
            if values:
                ctx.problem(say("import.row_without_code"), row, columns[key_column], headings[key_column])
            continue
        key = reading.number(key_cell.value) if key_cell.kind == "n" else str(key_cell.value).strip()
        if key not in known:
            ctx.problem(
                say("import.unknown_code", code=reading.shown(key), noun=noun),
                row,
                columns[key_column],
                headings[key_column],
            )
            continue
        if key in seen:
            ctx.problem(
                say("import.listed_twice", noun=noun, code=key, row=seen[key]),
                row,
                columns[key_column],
                headings[key_column],
            )
            continue
        seen[key] = row
        record_id, *labels = known[key]
        for column_key, expected in zip(label_columns, labels):
            cell = cells.get((row, columns[column_key]))
            given = str(cell.value).strip() if cell else ""
            if heading_key(given) != heading_key(expected):
                ctx.problem(
                    say("import.label_changed", given=reading.shown(given), noun=noun, code=key, expected=expected),
                    row,
                    columns[column_key],
                    headings[column_key],
                )
        record: dict[tuple[str, str], Any] = {}
        for body, body_fields in fields.items():
            for name in body_fields:
                value = _provided(ctx, row, columns, body, name)
                if value is not None:
                    record[(body, name)] = value
        ctx.found.records[record_id] = record
    for key, (_, *labels) in known.items():
        if key not in seen:
            ctx.problem(say("import.row_missing", noun=noun, code=key, name=" ".join(labels)))


@cache
def _headings() -> dict[tuple[str, ...], str]:
    """Each column's heading by its key: how a problem names the column of its cell."""
    return {c.key: c.heading for c in (*unit_columns(), *office_columns())}


def _provided(
    ctx: SheetContext, row: int, columns: dict[tuple[str, ...], int], body: str, name: str
) -> dict[str, Any] | None:
    """One value with who gave it and when, as the model's fields; None when all three cells are empty."""
    where = {part: columns[(body, name, part)] for part in ("value", "provider", "provided_on")}
    cells = {part: ctx.sheet.cells.get((row, col)) for part, col in where.items()}
    heading = {part: _headings()[(body, name, part)] for part in where}
    if all(c is None for c in cells.values()):
        return None
    readers = {
        "value": {"phone": reading.phone, "days": reading.days}.get(name, lambda c: reading.text(c, "kind.text")),
        "provider": lambda c: reading.text(c, "kind.text"),
        "provided_on": lambda c: reading.date(c, ctx.book.epoch),
    }
    read: dict[str, Any] = {}
    for part, cell in cells.items():
        if cell is None:
            continue
        try:
            read[part] = readers[part](cell)
        except reading.Refused as exc:
            ctx.problem(exc.words, row, where[part], heading[part])
    if len(read) < sum(c is not None for c in cells.values()):
        return None
    if "value" not in read:
        part = "provider" if "provider" in read else "provided_on"
        ctx.problem(say("import.value_empty", cell=cell_name(row, where["value"])), row, where[part], heading[part])
        return None
    if len(read) < 3:
        _check_value(ctx, row, where["value"], heading["value"], name, read["value"])
    for part, key in (("provider", "import.provider_needed"), ("provided_on", "import.date_needed")):
        if part not in read:
            ctx.problem(say(key, cell=cell_name(row, where["value"])), row, where[part], heading[part])
    if len(read) < 3:
        return None
    return {"cells": where, "headings": heading, "row": row, **read}


def _check_value(ctx: SheetContext, row: int, column: int, heading: str, name: str, value: Any) -> None:
    """A value whose provider or day is missing, checked alone, so that one pass names every problem."""
    try:
        info = VALUE_MODELS[name].model_fields["value"]
        TypeAdapter(Annotated[(info.annotation, *info.metadata)]).validate_python(value, strict=True)
    except ValidationError as exc:
        for error in exc.errors(include_url=False):
            ctx.problem(reading.model_problem(error)[1], row, column, heading)


# --- the whole book -------------------------------------------------------------------------------


def _find_sheet(book: Book, title: str, problems: list[SheetProblem]) -> Sheet | None:
    for sheet in book.sheets:
        if sheet.name is not None and heading_key(sheet.name) == heading_key(title):
            if sheet.hidden:
                problems.append(SheetProblem(book.file, say("import.sheet_hidden"), sheet.name))
            return sheet
    return None


def read_contacts(data: Dataset, book: Book) -> tuple[models.ContactsFile | None, list[SheetProblem]]:
    """The contacts a workbook (or CSV file) gives, checked; None while any problem remains."""
    w = words()["sheets"]
    problems: list[SheetProblem] = []
    units_known = {unit_code(c): (c.id, c.type, c.name) for c in data.communes.values()}
    offices_known = {o.id: (o.id, o.name) for o in data.offices.values()}
    parts = {
        "units": (unit_columns(), units_known, ("code",), (("type",), ("name",)), UNIT_BODIES, say("noun.unit")),
        "offices": (
            office_columns(),
            offices_known,
            ("office",),
            (("office_name",),),
            {"office": OFFICE_FIELDS},
            say("noun.office"),
        ),
    }
    sheets: dict[str, Sheet | None] = {}
    if book.sheets and book.sheets[0].name is None:  # a CSV file: one sheet, told by its headings
        sheet = book.sheets[0]
        headings = {heading_key(str(c.value)) for (r, _), c in sheet.cells.items() if r == 1}
        part = "offices" if heading_key(words()["headings"]["office"]) in headings else "units"
        sheets = {part: sheet}
    else:
        for part in parts:
            sheets[part] = _find_sheet(book, w[part], problems)
            if sheets[part] is None:
                problems.append(SheetProblem(book.file, say("import.sheet_missing", sheet=w[part])))
    records: dict[str, dict[str, dict[tuple[str, str], Any]]] = {}
    for part, sheet in sheets.items():
        if sheet is None:
            continue
        columns_wanted, known, key, labels, fields, noun = parts[part]
        found = Found()
        ctx = SheetContext(book, sheet, found)
        columns = _columns(ctx, columns_wanted)
        if columns is not None:
            _hazards(ctx, columns)
            _read_rows(ctx, columns, known, key, labels, fields, noun)
        problems += found.problems
        records[part] = found.records
    contacts = _assemble(data, book, sheets, records, problems)
    if any(not p.note for p in problems):
        return None, problems
    return contacts, problems


def _assemble(data, book, sheets, records, problems) -> models.ContactsFile:
    """Records into models, each value checked by its model (its problem named by its cell)."""
    old = {c.unit: c for c in data.contacts.values()}
    old_offices = {c.office: c for c in data.office_contacts.values()}

    def value(part: str, record_id: str, body: str, name: str, given: dict[str, Any], before: Any) -> Any:
        previous = getattr(before, name, None) if before is not None else None
        fields = {k: given[k] for k in ("value", "provider", "provided_on")}
        same = previous is not None and all(getattr(previous, k) == v for k, v in fields.items())
        fields["review_by"] = previous.review_by if same else review_by(given["provided_on"])
        try:
            return VALUE_MODELS[name].model_validate(fields)
        except ValidationError as exc:
            for error in exc.errors(include_url=False):
                cell_part, words = reading.model_problem(error)
                if cell_part == "review_by":
                    cell_part = "provided_on"
                cell = cell_name(given["row"], given["cells"][cell_part])
                problems.append(SheetProblem(book.file, words, sheets[part].name, cell, given["headings"][cell_part]))
            return None

    units = []
    for record_id, found in records.get("units", {}).items():
        bodies = {}
        for body, names in UNIT_BODIES.items():
            before = getattr(old.get(record_id), body, None)
            given = {
                n: value("units", record_id, body, n, found[(body, n)], before) for n in names if (body, n) in found
            }
            given = {n: v for n, v in given.items() if v is not None}
            if given:
                model = models.TransactionPoint if body == "transaction_point" else models.Body
                bodies[body] = model(**given)
        if bodies:
            units.append(models.UnitContacts(unit=record_id, **bodies))
    offices = []
    for record_id, found in records.get("offices", {}).items():
        office = data.offices[record_id]
        given = {}
        for name in OFFICE_FIELDS:
            if ("office", name) not in found:
                continue
            if getattr(office, name) is not None:
                cell = found[("office", name)]
                problems.append(
                    SheetProblem(
                        book.file,
                        say("import.office_has_it", field=words()["fields"][name]),
                        sheets["offices"].name,
                        cell_name(cell["row"], cell["cells"]["value"]),
                        cell["headings"]["value"],
                    )
                )
                continue
            checked = value("offices", record_id, "office", name, found[("office", name)], old_offices.get(record_id))
            if checked is not None:
                given[name] = checked
        if given:
            offices.append(models.OfficeContacts(office=record_id, **given))
    if "units" not in records:
        units = list(data.contacts.values())
    if "offices" not in records:
        offices = list(data.office_contacts.values())
    order = {c: i for i, c in enumerate(data.communes)}
    office_order = {o: i for i, o in enumerate(data.offices)}
    return models.ContactsFile(
        units=sorted(units, key=lambda u: order[u.unit]), offices=sorted(offices, key=lambda o: office_order[o.office])
    )


def import_contacts(root: Path, province: str, file: Path, display: str | None = None) -> tuple[bool, list[str]]:
    """Read `file` into data/provinces/<province>/contacts.yaml. (written or unchanged, lines to print)."""
    try:
        data = load_dataset(root, province)
    except DataFileError as exc:
        return False, [str(i) for i in exc.issues] + [say("import.data_invalid")]
    try:
        book = read_book(file, display)
    except Unreadable as exc:
        return False, [str(exc.problem), say("import.nothing_written")]
    contacts, problems = read_contacts(data, book)
    lines = [str(p) for p in problems]
    if contacts is None:
        errors = sum(not p.note for p in problems)
        return False, lines + [say("import.problems", count=errors, file=book.file)]
    target = province_dir(root, province) / CONTACTS_FILE
    text = contacts_yaml(contacts)
    old = target.read_text(encoding="utf-8") if target.is_file() else None
    if old == text or (old is None and not contacts.units and not contacts.offices):
        return True, lines + [say("import.unchanged", target=target.relative_to(root))]
    problem = _write_checked(target, text)
    if problem:
        return False, lines + [say("import.write_failed", detail=problem)]
    return True, lines + [
        say("import.wrote", target=target.relative_to(root), units=len(contacts.units), offices=len(contacts.offices))
    ]


def _write_checked(target: Path, text: str) -> str | None:
    """Write `text` beside `target`, read it back as the build will, then move it into place."""
    handle, name = tempfile.mkstemp(prefix=".contacts-", suffix=".yaml", dir=target.parent)
    staged = Path(name)
    try:
        with os.fdopen(handle, "w", encoding="utf-8") as out:
            out.write(text)
        try:
            doc, issues = read_yaml(staged, str(target))
        except DataFileError as exc:
            return "; ".join(str(i) for i in exc.issues)
        _, issues = validate_document(doc, models.ContactsFile)
        if issues:
            return "; ".join(str(i) for i in issues)
        os.replace(staged, target)
        return None
    finally:
        staged.unlink(missing_ok=True)


def main(argv: list[str]) -> int:
    if not argv or not argv[0]:
        print(say("import.usage"), file=sys.stderr)
        return 2
    chosen = chosen_province(national=False)
    if isinstance(chosen, str):
        print(chosen, file=sys.stderr)
        return 2
    root, province = chosen
    file = Path(argv[0])
    ok, lines = import_contacts(root, province, file, file.name)
    for line in lines:
        print(line, file=sys.stdout if ok else sys.stderr)
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
