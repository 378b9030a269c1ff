"""Shared field types and base records of every data file.

The field types carry the rules an editor must follow (plain text without
markup, http(s) links only, stable ids). `Key` and `RefersTo` mark the ids that
name records; `macros.data.references` checks them across every file.
"""

from __future__ import annotations

import datetime
import re
from dataclasses import dataclass
from typing import Annotated, Any, Literal

from pydantic import AfterValidator, BaseModel, ConfigDict, Field, GetJsonSchemaHandler, model_validator

ID_PATTERN = r"^[a-z0-9]+(?:[-_][a-z0-9]+)*$"
URL_PATTERN = r"^https?://[^\s<>\"']+$"
PHONE_PATTERN = r"^(?:\+84|0)[0-9]{2,3}(?:[ .]?[0-9]{3,4}){2}$"

_MARKUP = re.compile(r"<\s*/?\s*[a-zA-Z!][^>]*>|\{\{|\{%|\{#|javascript:", re.IGNORECASE)


def _plain_text(value: str) -> str:
    if value != value.strip():
        raise ValueError("remove the spaces at the start or end")
    if not value:
        raise ValueError("must not be empty (write null if unknown)")
    if _MARKUP.search(value):
        raise ValueError("must be plain text: no HTML tags, template code or javascript: links")
    return value


class FieldProblem(ValueError):
    """A problem found by a record-level check, pointing at the field to fix."""

    def __init__(self, path: tuple[str | int, ...], message: str):
        super().__init__(message)
        self.path = path


PlainText = Annotated[str, Field(min_length=1), AfterValidator(_plain_text)]
Id = Annotated[str, Field(pattern=ID_PATTERN, max_length=80)]
Url = Annotated[str, Field(pattern=URL_PATTERN, max_length=500)]
Phone = Annotated[str, Field(pattern=PHONE_PATTERN)]
Status = Literal["verified", "uncertain"]
"""`verified`: a named source says it. `uncertain`: sources disagree or it is inferred; pages label it."""


@dataclass(frozen=True)
class Key:
    """Marks the field that names a record in its list: unique there, and what `RefersTo` points at.

    `noun` names one record in messages: "unknown agency 'x'".
    """

    noun: str


@dataclass(frozen=True, init=False)
class RefersTo:
    """Marks a field that names a record of a list, by its `Key`: `RefersTo("agencies.yaml#agencies")`.

    A target is a data file and the path of field names from its top to the list
    (`province.yaml#programme.clauses`, `checklists.yaml#checklists.sections.items`).
    Several targets mean a record of any of them ("an agency or an office").
    """

    targets: tuple[str, ...]

    def __init__(self, *targets: str):
        object.__setattr__(self, "targets", targets)

    def __get_pydantic_json_schema__(self, core_schema: Any, handler: GetJsonSchemaHandler) -> dict[str, Any]:
        schema = handler(core_schema)
        # Only the editors' schemas of data files (validation mode): the published /api/
        # schemas (serialization mode) describe output, where data-file paths mean nothing.
        if handler.mode == "validation":
            schema["x-refers-to"] = self.targets[0] if len(self.targets) == 1 else list(self.targets)
        return schema


DocumentId = Annotated[Id, RefersTo("legal_documents.yaml#documents")]
FactId = Annotated[Id, RefersTo("facts.yaml#facts")]
ProvisionId = Annotated[Id, RefersTo("provisions.yaml#provisions")]
AgencyId = Annotated[Id, RefersTo("agencies.yaml#agencies")]
OfficeId = Annotated[Id, RefersTo("offices.yaml#offices")]
BodyId = Annotated[Id, RefersTo("agencies.yaml#agencies", "offices.yaml#offices")]
"""An agency, or one of the province's offices (a national file can name agencies only)."""
CommuneId = Annotated[Id, RefersTo("communes.yaml#communes")]
TaskId = Annotated[Id, RefersTo("responsibilities.yaml#responsibilities")]

PAGE_PATTERN = r"^[a-z0-9][a-z0-9/-]*\.md$"
PagePath = Annotated[str, Field(pattern=PAGE_PATTERN), RefersTo("pages.yaml#pages")]
"""A page of the site, as in pages.yaml: "thu-tuc/vay-qua-ho-gia-dinh.md"."""


class Strict(BaseModel):
    """The base of every data model (a file, a record, a part of one): no unknown keys, no coercion, read-only.

    A field's docstring (the string under it) becomes its description in the JSON Schema.
    """

    model_config = ConfigDict(extra="forbid", strict=True, frozen=True, use_attribute_docstrings=True)


class LegalRef(Strict):
    """A document from legal_documents.yaml and, where known, the article, clause and point."""

    document: DocumentId
    article: Annotated[str, Field(pattern=r"^[0-9]+[a-z]?$")] | None = None
    clause: Annotated[str, Field(pattern=r"^[0-9]+$")] | None = None
    point: Annotated[str, Field(pattern=r"^[a-zđ]$")] | None = None

    @model_validator(mode="after")
    def _narrowing_needs_wider(self) -> LegalRef:
        if self.point and not self.clause:
            raise FieldProblem(("clause",), "is needed when a point is given")
        if self.clause and not self.article:
            raise FieldProblem(("article",), "is needed when a clause is given")
        return self


class Reviewed(Strict):
    """Who checked a record, when, and when it must be looked at again."""

    source: Url
    verified_on: datetime.date
    review_by: datetime.date

    @model_validator(mode="after")
    def _review_after_verification(self) -> Reviewed:
        if self.review_by < self.verified_on:
            raise FieldProblem(("review_by",), "must not be before verified_on")
        return self


class MaybeReviewed(Strict):
    """Like `Reviewed`, for a province file that may still be a template (`make new-province`).

    `source`, `verified_on` and `review_by` may be null only while the record holds
    nothing they would vouch for; `_vouched()` names what that is.
    """

    source: Url | None
    verified_on: datetime.date | None
    review_by: datetime.date | None

    def _vouched(self) -> str | None:
        """The first field that needs a source, or None while the record is an empty template."""
        return None

    @model_validator(mode="after")
    def _sourced_when_filled(self) -> MaybeReviewed:
        needs = self._vouched()
        if needs is not None:
            for name in ("source", "verified_on", "review_by"):
                if getattr(self, name) is None:
                    raise FieldProblem((name,), f"is needed once {needs} is filled in")
        if self.review_by and self.verified_on and self.review_by < self.verified_on:
            raise FieldProblem(("review_by",), "must not be before verified_on")
        return self
