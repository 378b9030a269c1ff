"""Checks that span data files: ids named in one file must exist in another.

Called from `dataset.load_dataset`; each problem points at the field to fix.
"""

from __future__ import annotations

import datetime
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


def guidance_issues(parsed: Parsed) -> list[DataIssue]:
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


def _legal_refs(value: Any, path: tuple) -> Iterable[tuple[tuple, models.LegalRef]]:
    """Every LegalRef inside a model, with its path."""
    if isinstance(value, models.LegalRef):
        yield path, value
    elif isinstance(value, models.Strict):
        for name in type(value).model_fields:
            yield from _legal_refs(getattr(value, name), path + (name,))
    elif isinstance(value, list):
        for index, item in enumerate(value):
            yield from _legal_refs(item, path + (index,))


def cross_file_issues(parsed: Parsed, province: str) -> list[DataIssue]:
    """References between files. Each check runs when the files it needs parsed."""
    found: list[DataIssue] = []
    get = parsed.get

    def ids(name: str, list_key: str) -> set[str] | None:
        entry = get(name)
        return None if entry is None else {r.id for r in getattr(entry[1], list_key)}

    for name, list_key in [
        ("legal_documents.yaml", "documents"), ("facts.yaml", "facts"), ("provisions.yaml", "provisions"),
        ("agencies.yaml", "agencies"), ("milestones.yaml", "milestones"), ("communes.yaml", "communes"),
        ("offices.yaml", "offices"), ("deadlines.yaml", "duties"), ("statistics.yaml", "figures"),
        ("search_synonyms.yaml", "synonyms"),
        ("responsibilities.yaml", "responsibilities"), ("duties.yaml", "duties"),
    ]:
        if get(name):
            doc, value = get(name)
            seen: set[str] = set()
            for index, record in enumerate(getattr(value, list_key)):
                if record.id in seen:
                    found.append(_issue(doc, (list_key, index, "id"), f"duplicate id {record.id!r}"))
                seen.add(record.id)

    documents = ids("legal_documents.yaml", "documents")
    if documents is not None:
        local_documents = {d.id: d.province for d in get("legal_documents.yaml")[1].documents if d.province}
        for name, (doc, value) in parsed.items():
            for path, ref in _legal_refs(value, ()):
                if ref.document not in documents:
                    found.append(_issue(doc, path + ("document",), f"unknown legal document {ref.document!r} (not in data/legal_documents.yaml)"))
                elif ref.document in local_documents and (name in models.NATIONAL_FILES or local_documents[ref.document] != province):
                    found.append(_issue(doc, path + ("document",), f"{ref.document!r} is a document of province {local_documents[ref.document]!r}: only that province's records may cite it"))

    if get("pages.yaml"):
        doc, value = get("pages.yaml")
        seen_paths: set[str] = set()
        for index, entry in enumerate(value.pages):
            if entry.path in seen_paths:
                found.append(_issue(doc, ("pages", index, "path"), f"duplicate page {entry.path!r}"))
            seen_paths.add(entry.path)
            for j, document in enumerate(entry.documents):
                if documents is not None and document not in documents:
                    found.append(_issue(doc, ("pages", index, "documents", j), f"unknown legal document {document!r} (not in data/legal_documents.yaml)"))

    agencies = ids("agencies.yaml", "agencies")
    offices = ids("offices.yaml", "offices")
    communes = ids("communes.yaml", "communes")
    bodies = None if agencies is None or offices is None else agencies | offices

    if get("province.yaml"):
        doc, value = get("province.yaml")
        if value.id != province:
            found.append(_issue(doc, ("id",), f"is {value.id!r} but the folder is {province!r}"))
        if value.programme and bodies is not None:
            for index, party in enumerate(value.programme.parties):
                if party not in bodies:
                    found.append(_issue(doc, ("programme", "parties", index), f"unknown office or agency {party!r}"))
        counted = value.ward_count is not None and value.commune_count is not None
        if get("communes.yaml") and get("communes.yaml")[1].communes and counted:
            cdoc, cvalue = get("communes.yaml")
            wards = sum(1 for c in cvalue.communes if c.type == "phường")
            others = len(cvalue.communes) - wards
            if (wards, others) != (value.ward_count, value.commune_count):
                found.append(_issue(cdoc, ("communes",), f"lists {wards} wards and {others} other units; province.yaml says {value.ward_count} and {value.commune_count}"))

    if get("communes.yaml") and offices is not None:
        doc, value = get("communes.yaml")
        for index, commune in enumerate(value.communes):
            if commune.vbsp_office is not None and commune.vbsp_office not in offices:
                found.append(_issue(doc, ("communes", index, "vbsp_office"), f"unknown office {commune.vbsp_office!r} (not in offices.yaml)"))

    if get("offices.yaml"):
        doc, value = get("offices.yaml")
        for index, office in enumerate(value.offices):
            if agencies is not None and office.agency not in agencies:
                found.append(_issue(doc, ("offices", index, "agency"), f"unknown agency {office.agency!r} (not in data/agencies.yaml)"))
            if isinstance(office.serves, list) and communes is not None:
                for j, commune_id in enumerate(office.serves):
                    if commune_id not in communes:
                        found.append(_issue(doc, ("offices", index, "serves", j), f"unknown commune {commune_id!r} (not in communes.yaml)"))

    if get("deadlines.yaml"):
        doc, value = get("deadlines.yaml")
        programme = get("province.yaml")[1].programme if get("province.yaml") else None
        clauses = {c.id for c in programme.clauses} if programme else set()
        for index, duty in enumerate(value.duties):
            for name in ("owner", "recipient"):
                body = getattr(duty, name)
                if body is not None and bodies is not None and body not in bodies:
                    found.append(_issue(doc, ("duties", index, name), f"unknown agency or office {body!r}"))
            if duty.programme_clause and get("province.yaml") and duty.programme_clause not in clauses:
                found.append(_issue(doc, ("duties", index, "programme_clause"), f"unknown programme clause {duty.programme_clause!r}"))
            found.extend(_officials_duty_issues(doc, index, duty, programme, bodies, ids("responsibilities.yaml", "responsibilities")))
    found.extend(_officials_issues(parsed, bodies, agencies))
    found.extend(_tool_issues(parsed))
    found.extend(_national_duty_issues(parsed, province, agencies))
    return found


def _national_duty_issues(parsed: Parsed, province: str, agencies: set[str] | None) -> list[DataIssue]:
    """data/duties.yaml holds what Decision 22 gives everywhere: agencies only, no programme; ids unique with the province's."""
    found: list[DataIssue] = []
    if not parsed.get("duties.yaml"):
        return found
    doc, value = parsed["duties.yaml"]
    tasks = {r.id for r in parsed["responsibilities.yaml"][1].responsibilities} if parsed.get("responsibilities.yaml") else None
    local = {d.id for d in parsed["deadlines.yaml"][1].duties} if parsed.get("deadlines.yaml") else set()
    for index, duty in enumerate(value.duties):
        for name in ("owner", "recipient"):
            body = getattr(duty, name)
            if body is not None and agencies is not None and body not in agencies:
                found.append(_issue(doc, ("duties", index, name), f"unknown agency {body!r} (a national duty names agencies from data/agencies.yaml, not a province's offices)"))
        if duty.programme_clause:
            found.append(_issue(doc, ("duties", index, "programme_clause"), "a national duty has no programme clause: put a programme's duty in the province's deadlines.yaml"))
        found.extend(_officials_duty_issues(doc, index, duty, None, agencies, tasks))
        if duty.id in local:
            found.append(_issue(doc, ("duties", index, "id"), f"{duty.id!r} is also in data/provinces/{province}/deadlines.yaml"))
    return found


def _officials_duty_issues(
    doc: SourceDocument, index: int, duty: models.Duty, programme: models.Programme | None, bodies: set[str] | None, tasks: set[str] | None
) -> list[DataIssue]:
    """A duty's partners and task exist; a programme duty stays inside the programme's years."""
    found = []
    if duty.responsibility and tasks is not None and duty.responsibility not in tasks:
        found.append(_issue(doc, ("duties", index, "responsibility"), f"unknown task {duty.responsibility!r} (not in data/responsibilities.yaml)"))
    for j, partner in enumerate(duty.partners):
        if bodies is not None and partner not in bodies:
            found.append(_issue(doc, ("duties", index, "partners", j), f"unknown agency or office {partner!r}"))
    if duty.programme_clause and programme:
        if duty.applies_from < programme.signed_on:
            found.append(_issue(doc, ("duties", index, "applies_from"), f"is before the programme was signed ({programme.signed_on})"))
        end = datetime.date(programme.last_year, 12, 31)
        if duty.applies_to is None or duty.applies_to > end:
            found.append(_issue(doc, ("duties", index, "applies_to"), f"a programme duty ends with the programme: {end} at the latest"))
    return found


def _officials_issues(parsed: Parsed, bodies: set[str] | None, agencies: set[str] | None) -> list[DataIssue]:
    """Bodies named by responsibilities and by programme clauses exist."""
    found = []
    if parsed.get("responsibilities.yaml") and agencies is not None:
        doc, value = parsed["responsibilities.yaml"]
        for index, item in enumerate(value.responsibilities):
            if item.body not in agencies:
                found.append(_issue(doc, ("responsibilities", index, "body"), f"unknown agency {item.body!r} (not in data/agencies.yaml)"))
    if parsed.get("province.yaml") and bodies is not None:
        doc, value = parsed["province.yaml"]
        for index, clause in enumerate(value.programme.clauses if value.programme else []):
            for j, body in enumerate(clause.bodies or []):
                if body not in bodies:
                    found.append(_issue(doc, ("programme", "clauses", index, "bodies", j), f"unknown agency or office {body!r}"))
    return found


FACT_UNITS = {
    "within_years": ("years",),
    "min_share": ("percent_of_workforce",),
    "amount": ("vnd", "vnd_per_month"),
    "rate": ("percent_per_year",),
    "term": ("months",),
}


def _tool_issues(parsed: Parsed) -> list[DataIssue]:
    """References from the tools' files (eligibility, checklists, estimator) to facts, provisions, agencies, pages."""
    found: list[DataIssue] = []
    get = parsed.get
    facts = {f.id: f for f in get("facts.yaml")[1].facts} if get("facts.yaml") else None
    provisions = {p.id for p in get("provisions.yaml")[1].provisions} if get("provisions.yaml") else None
    agency_records = {a.id: a for a in get("agencies.yaml")[1].agencies} if get("agencies.yaml") else None
    agencies = None if agency_records is None else set(agency_records)

    def check_fact(doc: SourceDocument, path: tuple, fact_id: str | None, use: str) -> None:
        if fact_id is None or facts is None:
            return
        fact = facts.get(fact_id)
        if fact is None:
            found.append(_issue(doc, path, f"unknown fact {fact_id!r} (not in data/facts.yaml)"))
        elif fact.unit not in FACT_UNITS[use]:
            found.append(_issue(doc, path, f"fact {fact_id!r} is in {fact.unit}; {use} needs {' or '.join(FACT_UNITS[use])}"))
        elif use in ("within_years", "term") and any(p.value is not None and p.value != int(p.value) for p in fact.periods):
            found.append(_issue(doc, path, f"fact {fact_id!r} must hold whole numbers for {use}"))

    def check_basis(doc: SourceDocument, path: tuple, basis: Any) -> None:
        if basis.provision is not None and provisions is not None and basis.provision not in provisions:
            found.append(_issue(doc, path + ("provision",), f"unknown provision {basis.provision!r} (not in data/provisions.yaml)"))

    contacts: set[str] | None = None
    if get("eligibility.yaml"):
        doc, value = get("eligibility.yaml")
        contacts = {c.id for c in value.contacts}
        for index, contact in enumerate(value.contacts):
            if contact.agency is not None and agencies is not None and contact.agency not in agencies:
                found.append(_issue(doc, ("contacts", index, "agency"), f"unknown agency {contact.agency!r} (not in data/agencies.yaml)"))
            elif contact.agency is not None and agency_records is not None and agency_records[contact.agency].ended_on:
                ended = agency_records[contact.agency].ended_on
                found.append(_issue(doc, ("contacts", index, "agency"), f"agency {contact.agency!r} ended on {ended}: people cannot be sent there"))
        for index, condition in enumerate(value.conditions):
            check_basis(doc, ("conditions", index), condition)
            check_fact(doc, ("conditions", index, "test", "fact"), condition.test.fact, condition.test.kind)
        for index, amount in enumerate(value.amounts):
            check_basis(doc, ("amounts", index, "security"), amount.security)
            for name in ("fact", "per_worker_fact", "security_above_fact"):
                check_fact(doc, ("amounts", index, name), getattr(amount, name), "amount")
        for index, step in enumerate(value.next_steps):
            check_basis(doc, ("next_steps", index), step)
        check_basis(doc, ("unknown_applicant",), value.unknown_applicant)

    if get("checklists.yaml"):
        doc, value = get("checklists.yaml")
        pages = {p.path for p in get("pages.yaml")[1].pages} if get("pages.yaml") else None
        for index, checklist in enumerate(value.checklists):
            if pages is not None and checklist.page not in pages:
                found.append(_issue(doc, ("checklists", index, "page"), f"unknown page {checklist.page!r} (not in data/pages.yaml)"))
            for path, contact in [(("ask",), checklist.ask)] + [(("write_down", j), c) for j, c in enumerate(checklist.write_down)]:
                if contacts is not None and contact not in contacts:
                    found.append(_issue(doc, ("checklists", index) + path, f"unknown contact {contact!r} (not in data/eligibility.yaml contacts)"))
            documents = {d.id for d in get("legal_documents.yaml")[1].documents} if get("legal_documents.yaml") else None
            if documents is not None and checklist.guidance not in documents:
                found.append(_issue(doc, ("checklists", index, "guidance"), f"unknown legal document {checklist.guidance!r} (not in data/legal_documents.yaml)"))
            check_basis(doc, ("checklists", index, "unverified"), checklist.unverified)
            for s, section in enumerate(checklist.sections):
                for i, item in enumerate(section.items):
                    path = ("checklists", index, "sections", s, "items", i)
                    check_basis(doc, path, item)
                    if item.fact is not None and facts is not None and item.fact not in facts:
                        found.append(_issue(doc, path + ("fact",), f"unknown fact {item.fact!r} (not in data/facts.yaml)"))

    if get("estimator.yaml"):
        doc, value = get("estimator.yaml")
        check_fact(doc, ("rate_fact",), value.rate_fact, "rate")
        for index, limit in enumerate(value.limits):
            check_fact(doc, ("limits", index, "max_amount_fact"), limit.max_amount_fact, "amount")
            check_fact(doc, ("limits", index, "max_term_fact"), limit.max_term_fact, "term")
    return found
