"""Cross-file checks for the guidance files: forms, procedures, FAQ, glossary.

Called from `dataset.load_dataset`; each problem points at the field to fix.
"""

from __future__ import annotations

from typing import Any, Iterable

from macros.data import models
from macros.data import placeholders
from macros.data.yamlsource import DataIssue, SourceDocument

Parsed = dict[str, tuple[SourceDocument, Any]]

GUIDANCE_FILES = {
    "forms.yaml": "forms",
    "procedures.yaml": "procedures",
    "faq.yaml": "questions",
    "glossary.yaml": "terms",
}


def _issue(doc: SourceDocument, path: tuple, problem: str) -> DataIssue:
    return DataIssue(doc.file, doc.line_of(path), ".".join(map(str, path)), problem)


def values_of(value: Any, kind: type, path: tuple = ()) -> Iterable[tuple[tuple, Any]]:
    """Every value of type `kind` inside a model (through nested models and lists), with its path."""
    if isinstance(value, kind):
        yield path, value
    elif isinstance(value, models.Strict):
        for name in type(value).model_fields:
            yield from values_of(getattr(value, name), kind, path + (name,))
    elif isinstance(value, list):
        for index, item in enumerate(value):
            yield from values_of(item, kind, path + (index,))


def strings(value: Any) -> Iterable[tuple[tuple, str]]:
    """Every text field inside a model, with its path."""
    return values_of(value, str)


def _ids(parsed: Parsed, name: str, list_key: str) -> set[str] | None:
    entry = parsed.get(name)
    return None if entry is None else {r.id for r in getattr(entry[1], list_key)}


def issues(parsed: Parsed) -> list[DataIssue]:
    found: list[DataIssue] = []
    known = {
        "fact": _ids(parsed, "facts.yaml", "facts"),
        "milestone": _ids(parsed, "milestones.yaml", "milestones"),
        "duty": _ids(parsed, "duties.yaml", "duties"),  # national prose names national duties only
    }
    provisions = _ids(parsed, "provisions.yaml", "provisions")
    forms = _ids(parsed, "forms.yaml", "forms")
    procedures = _ids(parsed, "procedures.yaml", "procedures")
    agencies = _ids(parsed, "agencies.yaml", "agencies")
    pages = None if "pages.yaml" not in parsed else {p.path for p in parsed["pages.yaml"][1].pages}

    def check_refs(doc, path, values, allowed, what):
        if allowed is None:
            return
        for index, value in enumerate(values):
            if value not in allowed:
                found.append(_issue(doc, path + (index,), f"unknown {what} {value!r}"))

    for name, list_key in GUIDANCE_FILES.items():
        if name not in parsed:
            continue
        doc, value = parsed[name]
        seen: set[str] = set()
        for index, record in enumerate(getattr(value, list_key)):
            if record.id in seen:
                found.append(_issue(doc, (list_key, index, "id"), f"duplicate id {record.id!r}"))
            seen.add(record.id)
        if all(ids is not None for ids in known.values()):
            for path, text in strings(value):
                for problem in placeholders.problems(text, known):
                    found.append(_issue(doc, path, problem))
        for path, ref in _page_refs(value):
            if pages is not None and ref not in pages:
                found.append(_issue(doc, path, f"unknown page {ref!r} (not in data/pages.yaml)"))

    if "procedures.yaml" in parsed:
        doc, value = parsed["procedures.yaml"]
        for index, procedure in enumerate(value.procedures):
            here = ("procedures", index)
            check_refs(doc, here + ("conditions",), procedure.conditions, provisions, "provision")
            check_refs(doc, here + ("forms", "ids"), procedure.forms.ids, forms, "form")
            check_refs(doc, here + ("related",), procedure.related, procedures, "procedure")
            check_refs(doc, here + ("contacts",), [c.body for c in procedure.contacts], agencies, "agency (data/agencies.yaml)")
            for j, step in enumerate(procedure.steps):
                if step.body is not None and agencies is not None and step.body not in agencies:
                    found.append(_issue(doc, here + ("steps", j, "body"), f"unknown agency {step.body!r} (not in data/agencies.yaml)"))

    if "faq.yaml" in parsed:
        doc, value = parsed["faq.yaml"]
        for index, entry in enumerate(value.questions):
            check_refs(doc, ("questions", index, "rules"), entry.rules, provisions, "provision")
    return found


def _page_refs(value: Any, path: tuple = ()) -> Iterable[tuple[tuple, str]]:
    """Every page path named inside a model (fields `page` and `checklist`)."""
    if isinstance(value, models.Strict):
        for name in type(value).model_fields:
            item = getattr(value, name)
            if name in ("page", "checklist") and isinstance(item, str):
                yield path + (name,), item
            else:
                yield from _page_refs(item, path + (name,))
    elif isinstance(value, list):
        for index, item in enumerate(value):
            yield from _page_refs(item, path + (index,))
