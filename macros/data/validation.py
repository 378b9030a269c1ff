"""A validated data file, or its problems in words an editor can act on (`file:line: field: problem`)."""

from __future__ import annotations

from typing import Any

from pydantic import ValidationError

from macros.data import models
from macros.data.yamlsource import DataIssue, SourceDocument


def explain(error: dict[str, Any]) -> tuple[tuple, str]:
    """The path and message of one pydantic error, in words an editor can act on."""
    path = tuple(error["loc"])
    problem = error.get("ctx", {}).get("error")
    if isinstance(problem, models.FieldProblem):
        return path + problem.path, str(problem)
    kind = error["type"]
    if kind == "extra_forbidden":
        return path, "unknown field (check the spelling; allowed fields are in the schema)"
    if kind == "missing":
        return path, "required field is missing (write null if the value is unknown)"
    message = error["msg"]
    value = error.get("input")
    context = error.get("ctx", {})
    if kind == "value_error":
        message = message.removeprefix("Value error, ")
    elif kind in ("int_type", "float_type", "int_parsing", "float_parsing"):
        message = f"{value!r} is not a number (write digits only, a dot for decimals: 6.24)"
    elif kind == "string_type":
        message = f"{value!r} must be text (put it in quotes)"
    elif kind.startswith(("date_", "datetime_")):
        message = f"{value!r} is not a valid date (write YYYY-MM-DD, a real calendar day)"
    elif kind == "string_pattern_mismatch":
        form = _PATTERN_WORDS.get(context.get("pattern"), f"the form {context.get('pattern')}")
        message = f"{value!r} must be {form}"
    elif kind == "literal_error":
        message = f"{value!r} is not one of: {context.get('expected')}"
    elif kind == "string_too_short":
        message = "must not be empty (write null if the value is unknown)"
    elif kind == "string_too_long":
        message = f"is {len(value):,} characters long; the limit for this field is {context.get('max_length'):,}"
    elif kind == "too_short":
        message = f"must list at least {context.get('min_length')} entry"
    elif kind == "too_long":
        message = (
            f"lists {context.get('actual_length', len(value)):,} entries; the limit is {context.get('max_length'):,}"
        )
    elif kind in ("greater_than_equal", "less_than_equal", "greater_than", "less_than"):
        bound = next(iter(context.values()))
        word = {
            "greater_than_equal": "at least",
            "less_than_equal": "at most",
            "greater_than": "more than",
            "less_than": "less than",
        }[kind]
        message = f"{value!r} must be {word} {bound}"
    # For a union (e.g. `int | None`) pydantic names the branch in the path; drop it.
    path = tuple(
        p for p in path if not (isinstance(p, str) and (p in _TYPE_BRANCHES or p.startswith(("function-", "literal["))))
    )
    return path, message


_PATTERN_WORDS = {
    models.ID_PATTERN: "an id of lowercase letters a-z, digits and hyphens (like qd-22-2023)",
    models.URL_PATTERN: "a web address starting with http:// or https://",
    models.PHONE_PATTERN: "a phone number: 0 or +84 then 9 to 10 digits, spaces or dots allowed",
}

_TYPE_BRANCHES = {
    "int",
    "float",
    "str",
    "date",
    "list[str]",
    "none",
    "bool",
    "list[constrained-str]",
    "constrained-str",
    "nullable",
}


def validate_document(doc: SourceDocument, model: type[models.Strict]) -> tuple[Any, list[DataIssue]]:
    if not isinstance(doc.value, dict):
        return None, [DataIssue(doc.file, doc.line_of(()), "", "the file must be a mapping of field names to values")]
    try:
        return model.model_validate(doc.value), []
    except ValidationError as exc:
        issues: dict[tuple, DataIssue] = {}
        for error in exc.errors(include_url=False):
            path, message = explain(error)
            if path in doc.booleans:
                written = doc.booleans[path]
                message = (
                    f"{written!r} is read by YAML 1.1 as {str(error.get('input')).lower()}: "
                    f"put it in quotes ('{written}') if it is text; write true or false for yes or no"
                )
            dotted = ".".join(str(p) for p in path)
            issues.setdefault((dotted, message), DataIssue(doc.file, doc.line_of(path), dotted, message))
        return None, _collapse_union_noise(list(issues.values()))


def _collapse_union_noise(issues: list[DataIssue]) -> list[DataIssue]:
    """A value that fits none of `X | None` gives one error per branch; keep one per field."""
    seen: dict[str, DataIssue] = {}
    for issue in issues:
        if issue.field in seen and "none" in issue.problem.lower():
            continue
        if issue.field in seen and "None" in seen[issue.field].problem:
            seen[issue.field] = issue
            continue
        seen.setdefault(issue.field, issue)
    return list(seen.values())
