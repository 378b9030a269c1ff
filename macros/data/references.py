"""Checks that span records: unique keys, ids that name other records, and the rules no marker says.

The models mark their ids: `models.Key` on the field that names a record in its
list, `models.RefersTo` on a field that names a record of a list (of the same
file or another). One walk over the parsed files (`_marks`) finds both, so a
field is checked as soon as it is marked. What no marker can say (counts that
must agree, a programme's years, the unit a tool needs) is in macros/data/checks.py.

Called from `dataset.load_dataset`: `national_issues` once for the national
files, `province_issues` for each province's files on top of them. A national
file may name records of national files only. Each check runs when the files it
needs parsed; each problem points at the field to fix.
"""

from __future__ import annotations

import functools
import types
from collections import defaultdict
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from typing import Annotated, Any, Literal, Union, get_args, get_origin

from pydantic import BaseModel
from pydantic.fields import FieldInfo

from macros.data import checks, models
from macros.data.checks import Parsed, coordination_issues, issue, strings, values_of
from macros.data.yamlsource import DataIssue

ALL_FILES = frozenset(models.NATIONAL_FILES) | frozenset(models.PROVINCE_FILES)


# --- marked fields ----------------------------------------------------------------

Marker = models.Key | models.RefersTo
_UNIONS = (Union, types.UnionType)


@dataclass(frozen=True)
class Mark:
    """A marked value in a parsed file."""

    path: tuple
    """Where the value is: ("offices", 0, "agency")."""
    fields: tuple[str, ...]
    """The same without list indexes and dict keys: ("offices", "agency")."""
    value: str
    marker: Marker


def _unwrap(hint: Any) -> tuple[Any, list[Marker]]:
    """A type without its `Annotated` layer, and the markers that layer held."""
    if get_origin(hint) is Annotated:
        base, *extras = get_args(hint)
        return base, [extra for extra in extras if isinstance(extra, Marker)]
    return hint, []


def _field_hint(info: FieldInfo) -> Any:
    """A model field's whole type: pydantic moves the field's own `Annotated` extras into `metadata`."""
    markers = [extra for extra in info.metadata if isinstance(extra, Marker)]
    return Annotated[(info.annotation, *markers)] if markers else info.annotation


def _hint_marks(hint: Any, fields: tuple[str, ...] = ()) -> Iterator[tuple[tuple[str, ...], Marker]]:
    """Every marker a type can hold, with the field names that lead to it."""
    base, markers = _unwrap(hint)
    for marker in markers:
        yield fields, marker
    if get_origin(base) in (*_UNIONS, list, dict):
        for arg in get_args(base):
            yield from _hint_marks(arg, fields)
    elif isinstance(base, type) and issubclass(base, BaseModel):
        for name, info in base.model_fields.items():
            yield from _hint_marks(_field_hint(info), fields + (name,))


@functools.cache
def _marked_fields(model: type[BaseModel]) -> tuple[tuple[str, Any], ...]:
    """The fields of `model` that hold a marked value somewhere, with their whole types."""
    hints = ((name, _field_hint(info)) for name, info in model.model_fields.items())
    return tuple((name, hint) for name, hint in hints if next(_hint_marks(hint), None))


def _fits(value: Any, hint: Any) -> bool:
    """Whether `value` is of the branch `hint` of a union."""
    base, _ = _unwrap(hint)
    origin = get_origin(base)
    if base is type(None):
        return value is None
    if origin is Literal:
        return value in get_args(base)
    if origin in _UNIONS:
        return any(_fits(value, arg) for arg in get_args(base))
    if origin is not None:
        return isinstance(value, origin)
    return not isinstance(base, type) or isinstance(value, base)


def _marks(value: Any, hint: Any, path: tuple = (), fields: tuple[str, ...] = ()) -> Iterator[Mark]:
    """Every marked value inside `value`, read through nested models, lists, optionals and dict values."""
    if value is None:
        return
    base, markers = _unwrap(hint)
    for marker in markers:
        yield Mark(path, fields, value, marker)
    origin = get_origin(base)
    if origin in _UNIONS:
        branch = next((arg for arg in get_args(base) if _fits(value, arg)), None)
        if branch is not None:
            yield from _marks(value, branch, path, fields)
    elif origin is list:
        (item,) = get_args(base)
        for index, element in enumerate(value):
            yield from _marks(element, item, path + (index,), fields)
    elif origin is dict:
        item = get_args(base)[1]
        for key, element in value.items():
            yield from _marks(element, item, path + (key,), fields)
    elif isinstance(value, BaseModel):
        for name, field_hint in _marked_fields(type(value)):
            yield from _marks(getattr(value, name), field_hint, path + (name,), fields + (name,))


@dataclass(frozen=True)
class Collection:
    """A list of records with a `Key`, e.g. `agencies.yaml#agencies`."""

    file: str
    path: str
    noun: str

    @property
    def address(self) -> str:
        return f"{self.file}#{self.path}"


def _collections() -> dict[str, Collection]:
    """Every list of keyed records in the data files. A `RefersTo` that names none is a mistake in the models."""
    found: dict[str, Collection] = {}
    targets = []
    for file, model in {**models.NATIONAL_FILES, **models.PROVINCE_FILES}.items():
        for fields, marker in _hint_marks(model):
            if isinstance(marker, models.Key):
                collection = Collection(file, ".".join(fields[:-1]), marker.noun)
                found[collection.address] = collection
            else:
                targets += [(f"{model.__name__}.{'.'.join(fields)}", target) for target in marker.targets]
    for field, target in targets:
        if target not in found:
            raise LookupError(f"{field}: RefersTo({target!r}) names no list of records with a Key")
    return found


COLLECTIONS = _collections()


def _where(address: str) -> str:
    """How a message names a list: "data/agencies.yaml", "offices.yaml" (the province's), "data/eligibility.yaml contacts"."""
    collection = COLLECTIONS[address]
    file = f"data/{collection.file}" if collection.file in models.NATIONAL_FILES else collection.file
    several = sum(other.file == collection.file for other in COLLECTIONS.values()) > 1
    return f"{file} {collection.path}" if several else file


def _unknown(mark: Mark, keys: dict[str, set[str]], scope: frozenset[str]) -> str | None:
    """The problem with a reference, or None when it names a record (or cannot be checked here)."""
    targets = [t for t in mark.marker.targets if COLLECTIONS[t].file in scope]
    if not targets or any(t not in keys for t in targets):
        return None  # out of scope (a national duty's programme clause), or a target file did not parse
    if any(mark.value in keys[t] for t in targets):
        return None
    where = " or ".join(_where(t) for t in targets)
    hidden = [COLLECTIONS[t].noun for t in mark.marker.targets if t not in targets]
    if hidden:
        where += f"; a national file cannot name a province's {' or '.join(hidden)}"
    return f"unknown {' or '.join(COLLECTIONS[t].noun for t in targets)} {mark.value!r} (not in {where})"


def _record_issues(parsed: Parsed, names: Iterable[str], scope: frozenset[str]) -> list[DataIssue]:
    """In the files `names`: keys unique in their list, and every reference naming a record of the files in `scope`."""
    marks = {name: list(_marks(value, type(value))) for name, (_, value) in parsed.items()}
    keys: dict[str, set[str]] = {address: set() for address, c in COLLECTIONS.items() if c.file in parsed}
    for name, found in marks.items():
        for mark in found:
            if isinstance(mark.marker, models.Key):
                keys[f"{name}#{'.'.join(mark.fields[:-1])}"].add(mark.value)
    issues = []
    for name in names:
        if name not in parsed:
            continue
        doc = parsed[name][0]
        seen: dict[tuple[str, ...], set[str]] = defaultdict(set)
        for mark in marks[name]:
            if isinstance(mark.marker, models.Key):
                if mark.value in seen[mark.fields]:
                    issues.append(issue(doc, mark.path, f"duplicate {mark.fields[-1]} {mark.value!r}"))
                seen[mark.fields].add(mark.value)
            elif problem := _unknown(mark, keys, scope):
                issues.append(issue(doc, mark.path, problem))
    return issues


__all__ = ["coordination_issues", "national_issues", "province_issues", "strings", "values_of"]


# --- the two entry points -----------------------------------------------------------


def national_issues(national: Parsed) -> list[DataIssue]:
    """The national files: unique keys, references among them, and what no marker says."""
    found = _record_issues(national, models.NATIONAL_FILES, frozenset(models.NATIONAL_FILES))
    found += checks.placeholder_issues(national)
    found += checks.local_document_issues(national, models.NATIONAL_FILES, None)
    found += checks.fact_unit_issues(national)
    found += checks.ended_agency_issues(national)
    found += checks.national_duty_issues(national)
    found += checks.estimator_amount_issues(national)
    return found


def province_issues(parsed: Parsed, province: str) -> list[DataIssue]:
    """One province's files, on top of the national ones (`parsed` holds both)."""
    found = _record_issues(parsed, models.PROVINCE_FILES, ALL_FILES)
    found += checks.local_document_issues(parsed, models.PROVINCE_FILES, province)
    found += checks.province_file_issues(parsed, province)
    found += checks.programme_duty_issues(parsed)
    found += checks.duty_ids_shared_with_national(parsed, province)
    found += checks.units_without_former_units(parsed)
    found += checks.signed_in_issues(parsed, province)
    found += checks.unit_change_issues(parsed)
    found += checks.office_contacts_given_twice(parsed)
    return found
