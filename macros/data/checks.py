"""The checks across files that no marker says (references.py walks the marked ids): counts that
must agree, a programme's years, the unit a tool needs, a unit change replayed on its day.

Each takes the parsed files (`Parsed`) and returns problems pointing at the field to fix; each runs
only when the files it needs parsed. Called from references.national_issues and province_issues.
"""

from __future__ import annotations

import datetime
from collections.abc import Iterable
from typing import Any

from macros.data import models, placeholders, unitmap
from macros.data.yamlsource import DataIssue, SourceDocument

Parsed = dict[str, tuple[SourceDocument, Any]]

GUIDANCE_FILES = ("forms.yaml", "procedures.yaml", "faq.yaml", "glossary.yaml")
"""The files whose prose may hold placeholders ({fact:ID}, ...)."""


def issue(doc: SourceDocument, path: tuple, problem: str) -> DataIssue:
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


def coordination_issues(national: Parsed, provinces: Iterable[str]) -> list[DataIssue]:
    """coordination.yaml names province folders that exist (null is the whole country)."""
    if "coordination.yaml" not in national:
        return []
    doc, value = national["coordination.yaml"]
    known = set(provinces)
    return [
        issue(doc, ("programmes", index, "province"), f"{record.province!r} is no folder under data/provinces/")
        for index, record in enumerate(value.programmes)
        if record.province is not None and record.province not in known
    ]


def signed_in_issues(parsed: Parsed, province: str) -> list[DataIssue]:
    """A record signed before a merger names a province the units data says was merged into this one."""
    if "coordination.yaml" not in parsed or "former_units.yaml" not in parsed:
        return []
    doc, value = parsed["coordination.yaml"]
    former = {d.province for d in parsed["former_units.yaml"][1].districts if d.province}
    return [
        issue(
            doc,
            ("programmes", index, "signed_in"),
            f"{record.signed_in!r} is not a former province of {province!r} "
            f"(its former_units.yaml names {', '.join(sorted(former)) or 'none'})",
        )
        for index, record in enumerate(value.programmes)
        if record.province == province and record.signed_in and record.signed_in not in former
    ]


def placeholder_issues(national: Parsed) -> list[DataIssue]:
    """`{fact:ID}`, `{milestone:ID}` and `{duty:ID}` in the guidance files name records that exist."""
    # national prose names national duties only (data/duties.yaml), never a province's deadlines.yaml
    sources = {
        "fact": ("facts.yaml", "facts"),
        "milestone": ("milestones.yaml", "milestones"),
        "duty": ("duties.yaml", "duties"),
    }
    if any(name not in national for name, _ in sources.values()):
        return []
    known = {kind: {r.id for r in getattr(national[name][1], key)} for kind, (name, key) in sources.items()}
    found = []
    for name in GUIDANCE_FILES:
        if name in national:
            doc, value = national[name]
            for path, text in strings(value):
                found += [issue(doc, path, problem) for problem in placeholders.problems(text, known)]
    return found


def local_document_issues(parsed: Parsed, names: Iterable[str], province: str | None) -> list[DataIssue]:
    """A province's own document (legal_documents.yaml `province`) is cited by that province's files only."""
    if "legal_documents.yaml" not in parsed:
        return []
    local = {d.id: d.province for d in parsed["legal_documents.yaml"][1].documents if d.province}
    found = []
    for name in names:
        if name not in parsed:
            continue
        doc, value = parsed[name]
        for path, ref in values_of(value, models.LegalRef):
            owner = local.get(ref.document)
            if owner is not None and owner != province:
                found.append(
                    issue(
                        doc,
                        path + ("document",),
                        f"{ref.document!r} is a document of province {owner!r}: only that province's records may cite it",
                    )
                )
    return found


FACT_UNITS = {
    "within_years": ("years",),
    "min_share": ("percent_of_workforce",),
    "amount": ("vnd", "vnd_per_month"),
    "rate": ("percent_per_year",),
    "term": ("months",),
}


def fact_unit_issues(national: Parsed) -> list[DataIssue]:
    """The self-check and the estimator read each fact in the unit their use needs."""
    if "facts.yaml" not in national:
        return []
    facts = {f.id: f for f in national["facts.yaml"][1].facts}
    uses: list[tuple[SourceDocument, tuple, str | None, str]] = []
    if "eligibility.yaml" in national:
        doc, value = national["eligibility.yaml"]
        for index, condition in enumerate(value.conditions):
            uses.append((doc, ("conditions", index, "test", "fact"), condition.test.fact, condition.test.kind))
        for index, amount in enumerate(value.amounts):
            for name in ("fact", "per_worker_fact", "security_above_fact"):
                uses.append((doc, ("amounts", index, name), getattr(amount, name), "amount"))
    if "estimator.yaml" in national:
        doc, value = national["estimator.yaml"]
        uses.append((doc, ("rate_fact",), value.rate_fact, "rate"))
        for index, limit in enumerate(value.limits):
            uses.append((doc, ("limits", index, "max_term_fact"), limit.max_term_fact, "term"))
    found = []
    for doc, path, fact_id, use in uses:
        fact = facts.get(fact_id)
        if fact is None:
            continue  # no fact needed, or an unknown id (reported with the other references)
        if fact.unit not in FACT_UNITS[use]:
            found.append(
                issue(doc, path, f"fact {fact_id!r} is in {fact.unit}; {use} needs {' or '.join(FACT_UNITS[use])}")
            )
        elif use in ("within_years", "term") and any(
            p.value is not None and p.value != int(p.value) for p in fact.periods
        ):
            found.append(issue(doc, path, f"fact {fact_id!r} must hold whole numbers for {use}"))
    return found


def estimator_amount_issues(national: Parsed) -> list[DataIssue]:
    """The estimator works out a loan repaid over its term: a business loan, not a training loan
    paid out month by month."""
    if "estimator.yaml" not in national or "eligibility.yaml" not in national:
        return []
    purposes = {a.id: a.purpose for a in national["eligibility.yaml"][1].amounts}
    doc, value = national["estimator.yaml"]
    return [
        issue(
            doc,
            ("limits", index, "amount"),
            f"{limit.amount!r} is a training loan: the estimator works out business loans",
        )
        for index, limit in enumerate(value.limits)
        if purposes.get(limit.amount, "business") != "business"
    ]


def ended_agency_issues(national: Parsed) -> list[DataIssue]:
    """The self-check sends people only to agencies that still exist."""
    if "eligibility.yaml" not in national or "agencies.yaml" not in national:
        return []
    agencies = {a.id: a for a in national["agencies.yaml"][1].agencies}
    doc, value = national["eligibility.yaml"]
    found = []
    for index, contact in enumerate(value.contacts):
        agency = agencies.get(contact.agency)
        if agency is not None and agency.ended_on:
            found.append(
                issue(
                    doc,
                    ("contacts", index, "agency"),
                    f"agency {contact.agency!r} ended on {agency.ended_on}: people cannot be sent there",
                )
            )
    return found


def national_duty_issues(national: Parsed) -> list[DataIssue]:
    """data/duties.yaml holds what Decision 22 gives everywhere: no programme's duty."""
    if "duties.yaml" not in national:
        return []
    doc, value = national["duties.yaml"]
    return [
        issue(
            doc,
            ("duties", index, "programme_clause"),
            "a national duty has no programme clause: put a programme's duty in the province's deadlines.yaml",
        )
        for index, duty in enumerate(value.duties)
        if duty.programme_clause
    ]


def province_file_issues(parsed: Parsed, province: str) -> list[DataIssue]:
    """province.yaml is the folder's province, and its counts of wards and communes agree with communes.yaml."""
    if "province.yaml" not in parsed:
        return []
    doc, value = parsed["province.yaml"]
    found = []
    if value.id != province:
        found.append(issue(doc, ("id",), f"is {value.id!r} but the folder is {province!r}"))
    counted = value.ward_count is not None and value.commune_count is not None
    if "communes.yaml" in parsed and parsed["communes.yaml"][1].communes and counted:
        cdoc, cvalue = parsed["communes.yaml"]
        wards = sum(1 for c in cvalue.communes if c.type == "phường")
        others = len(cvalue.communes) - wards
        if (wards, others) != (value.ward_count, value.commune_count):
            found.append(
                issue(
                    cdoc,
                    ("communes",),
                    f"lists {wards} wards and {others} other units; province.yaml says {value.ward_count} and {value.commune_count}",
                )
            )
    return found


def programme_duty_issues(parsed: Parsed) -> list[DataIssue]:
    """A programme's duty stays inside the programme's years."""
    if "deadlines.yaml" not in parsed or "province.yaml" not in parsed:
        return []
    programme = parsed["province.yaml"][1].programme
    if programme is None:
        return []
    doc, value = parsed["deadlines.yaml"]
    end = datetime.date(programme.last_year, 12, 31)
    found = []
    for index, duty in enumerate(value.duties):
        if not duty.programme_clause:
            continue
        if duty.applies_from < programme.signed_on:
            found.append(
                issue(
                    doc,
                    ("duties", index, "applies_from"),
                    f"is before the programme was signed ({programme.signed_on})",
                )
            )
        if duty.applies_to is None or duty.applies_to > end:
            found.append(
                issue(
                    doc,
                    ("duties", index, "applies_to"),
                    f"a programme duty ends with the programme: {end} at the latest",
                )
            )
    return found


def duty_ids_shared_with_national(parsed: Parsed, province: str) -> list[DataIssue]:
    """The site lists national duties and the province's own together: their ids must differ."""
    if "duties.yaml" not in parsed or "deadlines.yaml" not in parsed:
        return []
    doc, value = parsed["duties.yaml"]
    local = {d.id for d in parsed["deadlines.yaml"][1].duties}
    return [
        issue(doc, ("duties", index, "id"), f"{duty.id!r} is also in data/provinces/{province}/deadlines.yaml")
        for index, duty in enumerate(value.duties)
        if duty.id in local
    ]


def units_without_former_units(parsed: Parsed) -> list[DataIssue]:
    """Once former_units.yaml is generated, every unit of today was made of at least one former unit."""
    if "former_units.yaml" not in parsed or "communes.yaml" not in parsed:
        return []
    former = parsed["former_units.yaml"][1]
    if not former.units:
        return []
    made_of = {i for unit in [*former.units, *former.districts] for i in unit.becomes or []}
    doc, value = parsed["communes.yaml"]
    return [
        issue(
            doc,
            ("communes", index, "id"),
            f"{commune.id!r} is in no unit's becomes in former_units.yaml: run make admin-units again",
        )
        for index, commune in enumerate(value.communes)
        if commune.id not in made_of
    ]


def unit_change_issues(parsed: Parsed) -> list[DataIssue]:
    """unit_changes.yaml replays on communes.yaml: each change names a unit in force on its day, a
    province's new name starts with its type, no change is before its resolution was adopted, and a
    recorded disagreement says what the data says after every change."""
    if "unit_changes.yaml" not in parsed or "communes.yaml" not in parsed or "province.yaml" not in parsed:
        return []
    doc, value = parsed["unit_changes.yaml"]
    province = parsed["province.yaml"][1]
    state = unitmap.apply(parsed["communes.yaml"][1].communes, province.name, province.full_name, value.changes)
    known = {c.id for c in parsed["communes.yaml"][1].communes} | {c.creates.id for c in value.changes if c.creates}
    found = [  # an id known nowhere is reported once, with the other references
        issue(doc, ("changes", index, *name.split(".")), problem)
        for index, name, unit_id, problem in state.problems
        if unit_id in known
    ]
    documents = (
        {d.id: d for d in parsed["legal_documents.yaml"][1].documents} if "legal_documents.yaml" in parsed else {}
    )
    for index, change in enumerate(value.changes):
        law = documents.get(change.legal_basis.document)
        if law is not None and law.issued_on and change.effective_from < law.issued_on:
            found.append(
                issue(doc, ("changes", index, "effective_from"), f"is before {law.number} was issued ({law.issued_on})")
            )
        if change.province is not None and unitmap.province_type(change.province.full_name) is None:
            found.append(
                issue(
                    doc,
                    ("changes", index, "province", "full_name"),
                    f"starts with the province's type: {' or '.join(unitmap.PROVINCE_TYPES)} (like 'thành phố Đồng Nai')",
                )
            )
    ended = {e.unit.id: e for e in state.ended}
    for index, disagreement in enumerate(value.disagreements):
        unit = state.communes.get(disagreement.unit or "") or (
            ended[disagreement.unit].unit if disagreement.unit in ended else None
        )
        if disagreement.field == "province":
            shown = state.full_name
        elif unit is None:
            continue  # an unknown unit: reported with the other references
        else:
            shown = str({"name": unit.name, "type": unit.type, "code": unit.code}[disagreement.field])
        if disagreement.data_says != shown:
            found.append(
                issue(
                    doc,
                    ("disagreements", index, "data_says"),
                    f"is {disagreement.data_says!r} but the data says {shown!r}: correct one of them",
                )
            )
    return found


def office_contacts_given_twice(parsed: Parsed) -> list[DataIssue]:
    """An office's address, phone or hours come from offices.yaml (with its source) or from
    contacts.yaml (from the office that gave it), never both: one fact, one place."""
    if "contacts.yaml" not in parsed or "offices.yaml" not in parsed:
        return []
    offices = {o.id: o for o in parsed["offices.yaml"][1].offices}
    doc, value = parsed["contacts.yaml"]
    return [
        issue(doc, ("offices", index, name), f"offices.yaml gives {contact.office!r} a {name} already: keep one")
        for index, contact in enumerate(value.offices)
        for name in ("address", "phone", "hours")
        if getattr(contact, name) is not None and contact.office in offices and getattr(offices[contact.office], name)
    ]
