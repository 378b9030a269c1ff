"""The /api/ folder of the built site: JSON files, their JSON Schemas, an index.

Each file is an envelope (schema_version, generated_on, province, licence,
schema_url) around `records`, the same records as in data/ plus a few values
computed for the build day (the value in force, the next due date). Each file's
schema is generated from the pydantic model that also builds the file, and a
test validates every file against its schema with `jsonschema`.
"""

from __future__ import annotations

import datetime
import json
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Literal, NamedTuple

from pydantic import BaseModel, ConfigDict, create_model

from macros.data import models
from macros.data.dataset import Dataset
from macros.outputs.published import (
    EarlierName,
    FormerPart,
    Licence,
    LoanTerm,
    PublishedCommune,
    PublishedDuty,
    PublishedFormerUnit,
    PublishedOffice,
    PublishedUnitChange,
)
from macros.render import duty_words
from macros.render.markup import words
from macros.rules import schedule as cal

API_DIR = "api"
SCHEMA_DIR = "api/schemas"
SCHEMA_VERSION = "1.3.0"
"""Semantic version of every file's layout: a field removed or renamed raises the major number, a
field added the minor one (1.1.0: communes carry their province and former units; 1.2.0: communes
follow the map in force on `generated_on`, with their earlier names and dated changes, units that
ended are listed with `ended_on` and `into`, and unit-changes.json lists every change; communes
and offices carry `contacts`, what the offices gave, each value with its provider and date; 1.3.0:
an office's `source` is null where the source was found only in another language, `source_name`
and `source_unlinked` then name it and say why)."""

LICENCE: dict[str, str] = words()["licence"]
_TITLES: dict[str, str] = words()["api_titles"]
"""What each file holds, in Vietnamese (templates/words.yaml): in the index and on the open data page."""


@dataclass(frozen=True)
class ApiFile:
    name: str
    title: str
    """What it holds, in Vietnamese, for the documentation page."""
    record: type[BaseModel]
    records: Callable[[Dataset, datetime.date], Iterable[BaseModel]]
    """The records, as a list or (for the lists that are long on the national site) made one at a time."""
    counted: Callable[[Dataset], int] | None = None
    """How many records, without making them (for those made one at a time)."""

    def count(self, data: Dataset, on: datetime.date) -> int:
        return self.counted(data) if self.counted else len(list(self.records(data, on)))

    @property
    def path(self) -> str:
        return f"{API_DIR}/{self.name}.json"

    @property
    def schema_path(self) -> str:
        return f"{SCHEMA_DIR}/{self.name}.schema.json"


def _loan_terms(data: Dataset, on: datetime.date) -> list[BaseModel]:
    out = []
    for fact in data.facts.values():
        try:
            value = data.value_in_force(fact.id, on)
        except LookupError:
            value = None
        out.append(LoanTerm.model_validate({**fact.model_dump(), "value_in_force": value}))
    return out


def _duties(data: Dataset, on: datetime.date) -> list[BaseModel]:
    out = []
    for duty in data.duties.values():
        due = cal.due(duty, on)
        next_due = {
            "kind": due.kind,
            "date": due.date,
            "period_start": due.period.start if due.period else None,
            "period_end": due.period.end if due.period else None,
            "words": duty_words.due_words(due),
        }
        out.append(
            PublishedDuty.model_validate(
                {**duty.model_dump(), "timing": duty_words.timing_words(duty), "next_due": next_due}
            )
        )
    return out


def _communes(data: Dataset, on: datetime.date) -> Iterator[BaseModel]:
    """Each unit in force with its province, what it was made of and its names since; then the units
    that ended. One at a time (3,321 on the national site, each with its former units)."""
    for p in data.covered:
        yield from _province_communes(p)


def _province_communes(p: Dataset) -> Iterator[BaseModel]:
    file = p.communes_file
    districts = {d.id: d for d in p.former_units.districts}
    parts: dict[str, list[FormerPart]] = {c: [] for c in p.communes}
    for u in p.former_units.units:
        district = districts[u.district]
        part = FormerPart(
            code=u.code,
            name=u.name,
            type=u.type,
            district=f"{district.type} {district.name}",
            district_code=district.code,
            divided=len(u.becomes) > 1,
        )
        for commune_id in u.becomes:
            parts.setdefault(commune_id, []).append(part)
    islands = {c: d for d in p.former_units.districts for c in d.becomes or []}
    changed: dict[str, list[str]] = {}
    for change in p.changes_in_force:
        for unit_id in (change.unit, change.creates.id if change.creates else None):
            if unit_id:
                changed.setdefault(unit_id, []).append(change.id)

    def record(c: models.Commune, **extra: Any) -> BaseModel:
        return PublishedCommune.model_validate(
            {
                **c.model_dump(),
                "province": p.province_slug,
                "province_code": file.province_code,
                "former_units": parts.get(c.id, []),
                "former_district": islands.get(c.id),
                "earlier_names": [
                    EarlierName(name=e.name, type=e.type, until=e.until, change=e.change)
                    for e in p.earlier_names.get(c.id, ())
                ],
                "changes": changed.get(c.id, []),
                "contacts": p.contacts.get(c.id),
                "source": file.source,
                "verified_on": file.verified_on,
                **extra,
            }
        )

    for c in p.communes.values():
        yield record(c)
    for ended in p.ended_units:
        earlier = [EarlierName(name=e.name, type=e.type, until=e.until, change=e.change) for e in ended.earlier]
        yield record(ended.unit, ended_on=ended.on, into=list(ended.into), earlier_names=earlier)


def _unit_changes(data: Dataset, on: datetime.date) -> Iterator[BaseModel]:
    for p in data.covered:
        for change in p.unit_changes.changes:
            yield PublishedUnitChange.model_validate(
                change.model_dump() | {"in_province": p.province_slug, "in_force": change.effective_from <= on}
            )


def _former_units(data: Dataset, on: datetime.date) -> Iterator[BaseModel]:
    for p in data.covered:
        former = p.former_units
        districts = {d.id: d for d in former.districts}
        for u in former.units:
            yield PublishedFormerUnit(
                province=p.province_slug,
                code=u.code,
                name=u.name,
                type=u.type,
                district=districts[u.district],
                becomes=list(u.becomes),
                legal_ref=former.legal_basis,
                source=former.source,
                verified_on=former.verified_on,
            )


FILES: list[ApiFile] = [
    ApiFile(
        "loan-terms",
        _TITLES["loan-terms"],
        LoanTerm,
        _loan_terms,
    ),
    ApiFile(
        "legal-documents",
        _TITLES["legal-documents"],
        models.LegalDocument,
        lambda d, on: list(d.documents.values()),
    ),
    ApiFile(
        "agencies",
        _TITLES["agencies"],
        models.Agency,
        lambda d, on: list(d.agencies.values()),
    ),
    ApiFile(
        "offices",
        _TITLES["offices"],
        PublishedOffice,
        lambda d, on: [
            PublishedOffice.model_validate({**o.model_dump(), "contacts": d.office_contacts.get(o.id)})
            for o in d.offices.values()
        ],
    ),
    ApiFile(
        "communes",
        _TITLES["communes"],
        PublishedCommune,
        _communes,
        lambda d: sum(len(p.communes) + len(p.ended_units) for p in d.covered),
    ),
    ApiFile(
        "unit-changes",
        _TITLES["unit-changes"],
        PublishedUnitChange,
        _unit_changes,
    ),
    ApiFile(
        "former-units",
        _TITLES["former-units"],
        PublishedFormerUnit,
        _former_units,
        lambda d: sum(len(p.former_units.units) for p in d.covered),
    ),
    ApiFile(
        "duties",
        _TITLES["duties"],
        PublishedDuty,
        _duties,
    ),
    ApiFile(
        "responsibilities",
        _TITLES["responsibilities"],
        models.Responsibility,
        lambda d, on: list(d.responsibilities.values()),
    ),
    ApiFile(
        "statistics",
        _TITLES["statistics"],
        models.Figure,
        lambda d, on: list(d.figures),
    ),
    ApiFile(
        "province",
        _TITLES["province"],
        models.ProvinceFile,
        lambda d, on: [p.province for p in d.covered],
    ),
]


def envelope_model(api_file: ApiFile) -> type[BaseModel]:
    """The whole file's model: the same envelope around each kind of record."""
    model = create_model(
        "".join(part.title() for part in api_file.name.split("-")) + "File",
        __config__=ConfigDict(extra="forbid", strict=True),
        schema_version=(Literal[SCHEMA_VERSION], ...),
        dataset=(Literal[api_file.name], ...),
        schema_url=(str, ...),
        generated_on=(datetime.date, ...),
        province=(models.Id, ...),
        licence=(Licence, ...),
        records=(list[api_file.record], ...),
    )
    model.__doc__ = api_file.title
    return model


class CatalogueEntry(models.Strict):
    dataset: str
    title: str
    path: str
    """Relative to this index."""
    schema_path: str
    records: int


class CalendarEntry(models.Strict):
    audience: str
    label: str
    path: str


class IndexFile(BaseModel):
    """What /api/ holds: every JSON file with its schema, and the calendar feeds."""

    model_config = ConfigDict(extra="forbid", strict=True)
    schema_version: Literal[SCHEMA_VERSION]
    schema_url: str
    generated_on: datetime.date
    province: models.Id
    licence: Licence
    datasets: list[CatalogueEntry]
    calendars: list[CalendarEntry]


def _schema_json(model: type[BaseModel], name: str) -> dict[str, Any]:
    schema = model.model_json_schema(mode="serialization")
    schema["$schema"] = "https://json-schema.org/draft/2020-12/schema"
    schema["$id"] = f"{name}.schema.json"
    schema["title"] = f"{name}.json (schema_version {SCHEMA_VERSION})"
    return schema


def _relative(path: str) -> str:
    return path.removeprefix(API_DIR + "/")


def write_api(site, output: Path) -> list[str]:
    """Writer for outputs.WRITERS: every data file with its schema, then the index.

    One file at a time, its records written one by one: the national site's communes and former
    units (13,000 records) are never held as one document in memory."""
    data, on = site.data, site.on
    written, entries = [], []
    licence = Licence.model_validate(LICENCE)
    for api_file in FILES:
        records = api_file.records(data, on)
        model = envelope_model(api_file)
        head = model(
            schema_version=SCHEMA_VERSION,
            dataset=api_file.name,
            schema_url=_relative(api_file.schema_path),
            generated_on=on,
            province=data.province_slug,
            licence=licence,
            records=[],
        )
        _write_json(output / api_file.path, head.model_dump(mode="json"), records)
        _write_json(output / api_file.schema_path, _schema_json(model, api_file.name))
        written += [api_file.path, api_file.schema_path]
        entries.append(
            CatalogueEntry(
                dataset=api_file.name,
                title=api_file.title,
                path=_relative(api_file.path),
                schema_path=_relative(api_file.schema_path),
                records=api_file.count(data, on),
            )
        )
    calendars = [
        CalendarEntry(
            audience=a, label=duty_words.audience_words(a), path=_relative(cal.feed_path(data.province_slug, a))
        )
        for a in cal.FEED_FILES
    ]
    index = IndexFile(
        schema_version=SCHEMA_VERSION,
        schema_url="schemas/index.schema.json",
        generated_on=on,
        province=data.province_slug,
        licence=licence,
        datasets=entries,
        calendars=calendars,
    )
    _write_json(output / INDEX_PATH, index.model_dump(mode="json"))
    _write_json(output / INDEX_SCHEMA_PATH, _schema_json(IndexFile, "index"))
    return written + [INDEX_PATH, INDEX_SCHEMA_PATH]


_NO_RECORDS = '"records": []\n}'


def _write_json(target: Path, value: dict[str, Any], records: Iterable[BaseModel] | None = None) -> None:
    """`value` as indented JSON; with `records`, its empty "records" list (the envelope's last
    field) filled with them, one record dumped at a time, as json.dumps(indent=2) would write it."""
    target.parent.mkdir(parents=True, exist_ok=True)
    text = json.dumps(value, ensure_ascii=False, indent=2)
    with target.open("w", encoding="utf-8") as out:
        if records is None:
            out.write(text + "\n")
            return
        if not text.endswith(_NO_RECORDS):
            raise ValueError(f"{target.name}: records must be the envelope's last field")
        out.write(text.removesuffix(_NO_RECORDS) + '"records": [')
        count = 0
        for count, record in enumerate(records, start=1):
            body = json.dumps(record.model_dump(mode="json"), ensure_ascii=False, indent=2)
            out.write(("," if count > 1 else "") + "\n    " + body.replace("\n", "\n    "))
        out.write("\n  ]\n}\n" if count else "]\n}\n")


class Listing(NamedTuple):
    """One file of /api/ as the documentation page lists it."""

    name: str
    title: str
    path: str
    schema_path: str
    records: int


INDEX_PATH = f"{API_DIR}/index.json"
INDEX_SCHEMA_PATH = f"{SCHEMA_DIR}/index.schema.json"


def listings(data: Dataset, on: datetime.date) -> list[Listing]:
    """Every data file of /api/ (not the index), in publishing order, with its record count."""
    return [Listing(f.name, f.title, f.path, f.schema_path, f.count(data, on)) for f in FILES]
