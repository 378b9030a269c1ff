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
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Literal, NamedTuple

from pydantic import BaseModel, ConfigDict, create_model

from macros.data import models
from macros.data.dataset import Dataset
from macros.rules import schedule as cal

API_DIR = "api"
SCHEMA_DIR = "api/schemas"
SCHEMA_VERSION = "1.0.0"
"""Semantic version of every file's layout: a field removed or renamed raises the major number."""

LICENCE = {
    "id": "CC-BY-4.0",
    "name": "Creative Commons Ghi công 4.0 Quốc tế (CC BY 4.0)",
    "url": "https://creativecommons.org/licenses/by/4.0/deed.vi",
}


# --- records as published ----------------------------------------------------------


class LoanTerm(models.Fact):
    """A dated quantity of Decision 22 with every period (e.g. the lending rate history)."""

    value_in_force: int | float | None
    """The value on `generated_on`; null if none is in force or the value is unknown."""


class NextDue(models.Strict):
    kind: Literal["date", "period", "none", "ended"]
    date: datetime.date | None
    period_start: datetime.date | None
    period_end: datetime.date | None
    """Exclusive."""
    words: str


class PublishedDuty(models.Duty):
    timing: str
    """When the duty is done, in Vietnamese, as the source gives it."""
    next_due: NextDue
    """Seen from `generated_on`."""


class PublishedCommune(models.Commune):
    source: models.Url
    verified_on: datetime.date


class PublishedFormerUnit(models.Strict):
    """A commune-level unit before 1 July 2025 and the unit or units of today it became."""

    code: models.UnitCode
    """Its code in the list before 1 July 2025; a separate list from today's codes."""
    name: str
    type: str
    district: models.FormerDistrict
    """Its district then (that level ended on 1 July 2025)."""
    becomes: list[str]
    """Ids of today's units (communes.json); a divided unit lists every part."""
    legal_ref: models.LegalRef
    source: models.Url
    verified_on: datetime.date


class Licence(models.Strict):
    id: str
    name: str
    url: models.Url


@dataclass(frozen=True)
class ApiFile:
    name: str
    title: str
    """What it holds, in Vietnamese, for the documentation page."""
    record: type[BaseModel]
    records: Callable[[Dataset, datetime.date], list[BaseModel]]

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
            "words": due.words(),
        }
        out.append(
            PublishedDuty.model_validate({**duty.model_dump(), "timing": cal.timing_words(duty), "next_due": next_due})
        )
    return out


def _communes(data: Dataset, on: datetime.date) -> list[BaseModel]:
    source = {"source": data.communes_file.source, "verified_on": data.communes_file.verified_on}
    return [PublishedCommune.model_validate({**c.model_dump(), **source}) for c in data.communes.values()]


def _former_units(data: Dataset, on: datetime.date) -> list[BaseModel]:
    former = data.former_units
    districts = {d.id: d for d in former.districts}
    return [
        PublishedFormerUnit(
            code=u.code,
            name=u.name,
            type=u.type,
            district=districts[u.district],
            becomes=list(u.becomes),
            legal_ref=former.legal_basis,
            source=former.source,
            verified_on=former.verified_on,
        )
        for u in former.units
    ]


FILES: list[ApiFile] = [
    ApiFile(
        "loan-terms",
        "Mức vay, thời hạn, lãi suất và các con số khác của Quyết định 22, mỗi con số kèm lịch sử thay đổi (cả lãi suất), căn cứ và nguồn",
        LoanTerm,
        _loan_terms,
    ),
    ApiFile(
        "legal-documents",
        "Văn bản pháp lý được trang dẫn: số, ngày ban hành, ngày hiệu lực, cơ quan ban hành, đường dẫn",
        models.LegalDocument,
        lambda d, on: list(d.documents.values()),
    ),
    ApiFile(
        "agencies",
        "Cơ quan, tổ chức được nêu trong Quyết định 22 và chương trình phối hợp; cơ quan không còn có ngày kết thúc",
        models.Agency,
        lambda d, on: list(d.agencies.values()),
    ),
    ApiFile(
        "offices",
        "Cơ quan, văn phòng tại tỉnh; địa chỉ, điện thoại, giờ làm việc để trống (null) khi chưa có nguồn",
        models.Office,
        lambda d, on: list(d.offices.values()),
    ),
    ApiFile(
        "communes",
        "Các xã, phường của tỉnh (đơn vị hành chính cấp xã hiện nay), mỗi đơn vị kèm mã đơn vị hành chính",
        PublishedCommune,
        _communes,
    ),
    ApiFile(
        "former-units",
        "Các xã, phường, thị trấn trước khi sắp xếp năm 2025, huyện cũ của mỗi đơn vị, và xã, phường hiện nay "
        "mà đơn vị đó thuộc về (đơn vị bị chia kèm mọi phần)",
        PublishedFormerUnit,
        _former_units,
    ),
    ApiFile(
        "duties",
        "Công việc định kỳ: ai làm, gửi ai, khi nào (quy tắc RFC 5545 chỉ khi nguồn nêu ngày), căn cứ, và lần tới tính cho ngày tạo tệp",
        PublishedDuty,
        _duties,
    ),
    ApiFile(
        "responsibilities",
        "Trách nhiệm của từng cơ quan theo Quyết định 22, mỗi việc kèm điều khoản",
        models.Responsibility,
        lambda d, on: list(d.responsibilities.values()),
    ),
    ApiFile(
        "statistics",
        "Số liệu cho vay tại tỉnh, mỗi số kèm thời điểm, chỉ tiêu và nguồn",
        models.Figure,
        lambda d, on: list(d.figures),
    ),
    ApiFile(
        "province",
        "Tỉnh: tên, số đơn vị hành chính cấp xã, chương trình phối hợp và các nội dung của chương trình",
        models.ProvinceFile,
        lambda d, on: [p.province for p in d.provinces.values()] if d.is_national else [d.province],
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


def build_files(data: Dataset, on: datetime.date) -> dict[str, Any]:
    """Site path -> JSON value, for every data file, schema and the index."""
    out: dict[str, Any] = {}
    entries = []
    licence = Licence.model_validate(LICENCE)
    for api_file in FILES:
        records = api_file.records(data, on)
        model = envelope_model(api_file)
        document = model(
            schema_version=SCHEMA_VERSION,
            dataset=api_file.name,
            schema_url=_relative(api_file.schema_path),
            generated_on=on,
            province=data.province_slug,
            licence=licence,
            records=[api_file.record.model_validate(r.model_dump()) for r in records],
        )
        out[api_file.path] = document.model_dump(mode="json")
        out[api_file.schema_path] = _schema_json(model, api_file.name)
        entries.append(
            CatalogueEntry(
                dataset=api_file.name,
                title=api_file.title,
                path=_relative(api_file.path),
                schema_path=_relative(api_file.schema_path),
                records=len(records),
            )
        )
    calendars = [
        CalendarEntry(audience=a, label=label, path=_relative(cal.feed_path(data.province_slug, a)))
        for a, (_, label) in cal.FEEDS.items()
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
    out[INDEX_PATH] = index.model_dump(mode="json")
    out[INDEX_SCHEMA_PATH] = _schema_json(IndexFile, "index")
    return out


def write_api(site, output: Path) -> list[str]:
    """Writer for outputs.WRITERS."""
    written = []
    for path, value in build_files(site.data, site.on).items():
        target = output / path
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(json.dumps(value, ensure_ascii=False, indent=2) + "\n", encoding="utf-8")
        written.append(path)
    return written


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
    return [Listing(f.name, f.title, f.path, f.schema_path, len(f.records(data, on))) for f in FILES]
