"""Shared field types and base records of every data file.

The field types carry the rules an editor must follow (plain text without
markup, http(s) links only, stable ids). `Key` and `RefersTo` mark the ids that
name records; `macros.data.references` checks them across every file.
"""

from __future__ import annotations

import datetime
import functools
import re
import unicodedata
from dataclasses import dataclass
from typing import Annotated, Any, Literal

from pydantic import AfterValidator, BaseModel, ConfigDict, Field, GetJsonSchemaHandler, model_validator

from macros import settings

ID_PATTERN = r"^[a-z0-9]+(?:[-_][a-z0-9]+)*$"
URL_PATTERN = r"""^https?://[^\s<>"']+$"""
"""No backslash before the quote: JavaScript's regular expressions (unicode mode) reject `\"`."""
PHONE_PATTERN = r"^(?:\+84|0)[0-9]{2,3}(?:[ .]?[0-9]{3,4}){2}$"

MAX_NAME = 200
"""Names (of places, bodies, documents, terms) and titles: they go into headings, the nav, feeds."""
MAX_SENTENCE = 1_000
"""One-line text: a rule, an answer to a question, a note."""
MAX_PARAGRAPHS = 4_000
"""Text declared as paragraphs (`Paragraphs`)."""

MARKUP = re.compile(r"<\s*/?\s*[a-zA-Z!][^>]*>|\{\{|\{%|\{#|javascript:", re.IGNORECASE)
NAME_PUNCTUATION = set(" -\u2013.,/&()'\u2019:;")
"""What a name may hold besides letters and digits: "Tổ TK&VV", "22/2023/QĐ-TTg", "Xã Hải Lĩnh (cũ)"."""
_INVISIBLE = {"\u034f", "\u115f", "\u1160", "\u17b4", "\u17b5", "\u2800", "\u3164", "\uffa0"}
"""Characters that draw nothing although Unicode does not class them as format characters."""


def character_problem(character: str, position: int, multiline: bool) -> str | None:
    """Why one character of a text field cannot be published, or None."""
    if character.isascii():
        if character == "\n":
            return None if multiline else f"must be one line: remove the line break at position {position}"
        if character == "\t":
            return f"holds a tab at position {position}: type a space"
        if not character.isprintable():
            return f"character U+{ord(character):04X} at position {position} is a control character: delete it"
        return None
    code = f"U+{ord(character):04X} ({unicodedata.name(character, 'unnamed')})"
    category = unicodedata.category(character)
    if category == "Zs":
        return f"character {code} at position {position} is a special space: type an ordinary space"
    if category in ("Cf", "Zl", "Zp") or character in _INVISIBLE:
        return f"character {code} at position {position} is invisible: delete it"
    if category in ("Cc", "Co", "Cn", "Cs") or ord(character) & 0xFFFE == 0xFFFE:
        return f"character {code} at position {position} is not a character to publish: delete it"
    if category.startswith("M"):
        return f"character {code} at position {position} is a mark on its own: retype the letter as one character"
    if category.startswith("L") and not unicodedata.name(character, "").startswith("LATIN "):
        return f"character {code} at position {position} is not a Latin letter, though it may look like one: retype it"
    if category in ("Nd", "Nl"):
        return f"character {code} at position {position} is not one of the digits 0-9: retype it"
    return None


PLAIN_CHARACTER = re.compile("[^\x20-\x7e\u00c0-\u00d6\u00d8-\u00f6\u00f8-\u024f\u1e00-\u1eff]")
"""The characters that need a closer look: all but printable ASCII and the Latin letters of Vietnamese."""


@functools.lru_cache(maxsize=100_000)
def _checked(value: str, multiline: bool = False) -> str:
    """The rules every text field follows: one line (unless declared as paragraphs), no
    control, invisible or look-alike characters, composed (NFC) letters, no markup."""
    if value != value.strip():
        raise ValueError("remove the spaces at the start or end")
    if not value:
        raise ValueError("must not be empty (write null if unknown)")
    if not value.isascii():
        if not unicodedata.is_normalized("NFC", value):
            position = next((i for i, c in enumerate(value, start=1) if unicodedata.combining(c)), 1)
            raise ValueError(
                f"is not in Unicode NFC form: a letter near position {position} is written as a letter and a "
                "separate mark; retype it (or save the file as NFC)"
            )
    for match in PLAIN_CHARACTER.finditer(value):
        problem = character_problem(match[0], match.start() + 1, multiline)
        if problem:
            raise ValueError(problem)
    if MARKUP.search(value):
        raise ValueError("must be plain text: no HTML tags, template code or javascript: links")
    return value


def _plain_text(value: str) -> str:
    return _checked(value)


def _name(value: str) -> str:
    _checked(value)
    odd = next((c for c in value if not c.isalnum() and c not in NAME_PUNCTUATION), None)
    if odd is not None:
        raise ValueError(f"{odd!r} is not used in names: write the name as it is officially written")
    return value


def _paragraphs(value: str) -> str:
    return _checked(value.rstrip("\n"), multiline=True)


class FieldProblem(ValueError):
    """A problem found by a record-level check, pointing at the field to fix."""

    def __init__(self, path: tuple[str | int, ...], message: str):
        super().__init__(message)
        self.path = path


PlainText = Annotated[str, Field(min_length=1, max_length=MAX_SENTENCE), AfterValidator(_plain_text)]
"""One line of plain text, shown as text wherever it goes (never Markdown or HTML)."""
Title = Annotated[str, Field(min_length=1, max_length=MAX_NAME), AfterValidator(_plain_text)]
"""A short line: a title, a label, a question."""
Name = Annotated[str, Field(min_length=1, max_length=MAX_NAME), AfterValidator(_name)]
"""The name of a place, a body, a document or a term: letters, digits, spaces and - . , / & ( ) ' : ;"""
Paragraphs = Annotated[str, Field(min_length=1, max_length=MAX_PARAGRAPHS), AfterValidator(_paragraphs)]
"""Plain text of one or more paragraphs (a blank line between two); shown as escaped paragraphs."""
Id = Annotated[str, Field(pattern=ID_PATTERN, max_length=80)]
Url = Annotated[str, Field(pattern=URL_PATTERN, max_length=500)]
Phone = Annotated[str, Field(pattern=PHONE_PATTERN)]

FIRST_DAY = datetime.date(2000, 1, 1)
LAST_DAY = datetime.date(2100, 12, 31)
"""The days the site speaks of: its programme years, periods, duties, reviews."""
FIRST_DOCUMENT_DAY = datetime.date(1945, 9, 2)
"""A legal document may be older than the site's range, never older than the state."""


def _within(first: datetime.date, last: datetime.date):
    def check(day: datetime.date) -> datetime.date:
        if not first <= day <= last:
            raise ValueError(f"{day.isoformat()} is outside the years the site covers ({first.year}-{last.year})")
        return day

    return AfterValidator(check)


def _not_after_today(day: datetime.date) -> datetime.date:
    today = settings.today_in_vietnam()
    if day > today:
        raise ValueError(f"{day.isoformat()} is after today: the day a source was checked cannot be in the future")
    return day


Day = Annotated[datetime.date, _within(FIRST_DAY, LAST_DAY)]
"""A day in the site's range (2000-2100)."""
DocumentDay = Annotated[datetime.date, _within(FIRST_DOCUMENT_DAY, LAST_DAY)]
CheckedOn = Annotated[datetime.date, _within(FIRST_DAY, LAST_DAY), AfterValidator(_not_after_today)]
"""The day someone checked a source: in the site's range and not after today (in Viet Nam)."""
Year = Annotated[int, Field(ge=FIRST_DAY.year, le=LAST_DAY.year)]
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


def source_or_why_not(record):
    """A source link in Vietnamese, or (found only in another language) its name and why no link."""
    if record.source is None and not (record.source_unlinked and record.source_name):
        raise FieldProblem(
            ("source",), "is needed; if the source is only in another language, give source_name and source_unlinked"
        )
    if record.source is not None and record.source_unlinked:
        raise FieldProblem(("source_unlinked",), "is only for a source without a link: remove it or the link")
    return record


class Reviewed(Strict):
    """Who checked a record, when, and when it must be looked at again."""

    source: Url
    verified_on: CheckedOn
    review_by: Day

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
    verified_on: CheckedOn | None
    review_by: Day | None

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
