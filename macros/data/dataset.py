"""Load every data file, validate it, check references across files.

`load_dataset(root, province)` returns a `Dataset` or raises `DataFileError`
listing every problem in every file, each as `file:line: field: problem`.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Iterable

from pydantic import ValidationError

from macros.data import references as content_checks
from macros.data import models
from macros import settings
from macros.data.yamlsource import DataFileError, DataIssue, SourceDocument, read_yaml

DATA_DIR = "data"


def national_file(root: Path, name: str) -> Path:
    return root / DATA_DIR / name


def province_dir(root: Path, province: str) -> Path:
    return root / DATA_DIR / "provinces" / province


def province_slugs(root: Path) -> list[str]:
    """Every province with a data folder, in folder-name order."""
    base = Path(root) / DATA_DIR / "provinces"
    return sorted(p.name for p in base.iterdir() if p.is_dir() and not p.name.startswith(".")) if base.is_dir() else []


def _explain(error: dict[str, Any]) -> tuple[tuple, str]:
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
    elif kind == "too_short":
        message = f"must list at least {context.get('min_length')} entry"
    elif kind in ("greater_than_equal", "less_than_equal", "greater_than", "less_than"):
        bound = next(iter(context.values()))
        word = {"greater_than_equal": "at least", "less_than_equal": "at most", "greater_than": "more than", "less_than": "less than"}[kind]
        message = f"{value!r} must be {word} {bound}"
    # For a union (e.g. `int | None`) pydantic names the branch in the path; drop it.
    path = tuple(p for p in path if not (isinstance(p, str) and (p in _TYPE_BRANCHES or p.startswith(("function-", "literal[")))))
    return path, message


_PATTERN_WORDS = {
    models.ID_PATTERN: "an id of lowercase letters a-z, digits and hyphens (like qd-22-2023)",
    models.URL_PATTERN: "a web address starting with http:// or https://",
    models.PHONE_PATTERN: "a phone number: 0 or +84 then 9 to 10 digits, spaces or dots allowed",
}

_TYPE_BRANCHES = {"int", "float", "str", "date", "list[str]", "none", "bool", "list[constrained-str]", "constrained-str", "nullable"}


def validate_document(doc: SourceDocument, model: type[models.Strict]) -> tuple[Any, list[DataIssue]]:
    if not isinstance(doc.value, dict):
        return None, [DataIssue(doc.file, doc.line_of(()), "", "the file must be a mapping of field names to values")]
    try:
        return model.model_validate(doc.value), []
    except ValidationError as exc:
        issues: dict[tuple, DataIssue] = {}
        for error in exc.errors(include_url=False):
            path, message = _explain(error)
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


@dataclass
class Dataset:
    province_slug: str
    documents: dict[str, models.LegalDocument]
    facts: dict[str, models.Fact]
    provisions: dict[str, models.Provision]
    agencies: dict[str, models.Agency]
    milestones: list[models.Milestone]
    province: models.ProvinceFile
    communes: dict[str, models.Commune]
    communes_file: models.CommunesFile
    offices: dict[str, models.Office]
    duties: dict[str, models.Duty]
    figures: list[models.Figure]
    pages: models.PagesFile
    synonyms: list[models.Synonym]
    responsibilities: dict[str, models.Responsibility]
    forms: dict[str, models.Form]
    procedures: dict[str, models.Procedure]
    questions: list[models.FaqEntry]
    terms: list[models.Term]
    eligibility: models.EligibilityFile
    checklists: models.ChecklistsFile
    estimator: models.EstimatorFile
    provinces: dict[str, Dataset] = field(default_factory=dict)
    """A national site (`settings.NATIONAL`): each included province's own dataset. Empty for a province's site."""
    national_duties: tuple[str, ...] = ()
    """Ids of the duties from data/duties.yaml (Decision 22, every province); the others are the province's own."""

    @property
    def is_national(self) -> bool:
        return self.province_slug == settings.NATIONAL

    def office_of(self, agency_id: str) -> models.Office | None:
        """The province's one office of a province-level agency serving the whole province (its VBSP branch, its police), if data has it."""
        found = [o for o in self.offices.values() if o.agency == agency_id and o.serves == "whole_province"]
        return found[0] if len(found) == 1 else None

    def local_duties(self) -> list[models.Duty]:
        """The province's own duties (its deadlines.yaml), without the national ones."""
        return [d for d in self.duties.values() if d.id not in self.national_duties]

    def fact(self, fact_id: str) -> models.Fact:
        try:
            return self.facts[fact_id]
        except KeyError:
            raise KeyError(f"no fact with id {fact_id!r} in data/facts.yaml") from None

    def period_in_force(self, fact_id: str, on: datetime.date) -> models.FactPeriod:
        """The period of `fact_id` whose dates include `on`, both ends inclusive."""
        fact = self.fact(fact_id)
        for period in fact.periods:
            if period.effective_from <= on and (period.effective_to is None or on <= period.effective_to):
                return period
        raise LookupError(f"fact {fact_id!r} has no value in force on {on.isoformat()}")

    def value_in_force(self, fact_id: str, on: datetime.date) -> int | float | None:
        return self.period_in_force(fact_id, on).value

    def document(self, document_id: str) -> models.LegalDocument:
        try:
            return self.documents[document_id]
        except KeyError:
            raise KeyError(f"no legal document with id {document_id!r} in data/legal_documents.yaml") from None

    def milestone(self, milestone_id: str) -> models.Milestone:
        for milestone in self.milestones:
            if milestone.id == milestone_id:
                return milestone
        raise KeyError(f"no milestone with id {milestone_id!r} in data/milestones.yaml")

    def provision(self, provision_id: str) -> models.Provision:
        try:
            return self.provisions[provision_id]
        except KeyError:
            raise KeyError(f"no provision with id {provision_id!r} in data/provisions.yaml") from None




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


Parsed = dict[str, tuple[SourceDocument, Any]]


def _issue(doc: SourceDocument, path: tuple, problem: str) -> DataIssue:
    return DataIssue(doc.file, doc.line_of(path), ".".join(map(str, path)), problem)


def _cross_file_issues(parsed: Parsed, province: str) -> list[DataIssue]:
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


def _read(root: Path, wanted: list[tuple[Path, type[models.Strict]]], parsed: Parsed, issues: list[DataIssue]) -> None:
    """Parse and validate each file into `parsed` (keyed by file name); collect problems in `issues`."""
    for path, model in wanted:
        display = path.relative_to(root).as_posix()
        if not path.is_file():
            issues.append(DataIssue(display, 1, "", "file is missing"))
            continue
        try:
            doc, found = read_yaml(path, display)
        except DataFileError as exc:
            issues.extend(exc.issues)
            continue
        duplicate_keys = found
        issues.extend(duplicate_keys)
        value, found = validate_document(doc, model)
        issues.extend(found)
        # A file with duplicate keys is ambiguous: do not check other files against it.
        if value is not None and not duplicate_keys:
            parsed[path.name] = (doc, value)


def _read_national(root: Path) -> tuple[Parsed, list[DataIssue]]:
    parsed: Parsed = {}
    issues: list[DataIssue] = []
    _read(root, [(national_file(root, name), model) for name, model in models.NATIONAL_FILES.items()], parsed, issues)
    return parsed, issues


def load_dataset(root: Path, province: str) -> Dataset:
    """One province's data (national files and its folder); `settings.NATIONAL` loads every province."""
    root = Path(root)
    if province == settings.NATIONAL:
        return load_national(root)
    national, issues = _read_national(root)
    issues.extend(content_checks.issues(national))
    parsed = _read_province(root, province, national, issues)
    if issues:
        raise DataFileError(issues)
    return _assemble(parsed, province, {None, province})


def load_national(root: Path, provinces: list[str] | None = None) -> Dataset:
    """The national site's data: national files read once, then every province (or `provinces`) on top.

    The returned dataset's own province is an empty stand-in (`settings.NATIONAL`); each
    province's full dataset is in `.provinces`. Cost grows with the number of communes.
    """
    root = Path(root)
    national, issues = _read_national(root)
    issues.extend(content_checks.issues(national))
    slugs = province_slugs(root) if provinces is None else provinces
    if not slugs:
        issues.append(DataIssue(f"{DATA_DIR}/provinces", 1, "", "no province data folder: a national site needs at least one"))
    parsed = {slug: _read_province(root, slug, national, issues) for slug in slugs}
    if issues:
        raise DataFileError(issues)
    stand_in = {
        "province.yaml": models.ProvinceFile(
            id=settings.NATIONAL, name=NATIONAL_WORDS, full_name=NATIONAL_WORDS, ward_count=None, commune_count=None,
            units_basis=None, units_since=None, programme=None, source=None, verified_on=None, review_by=None,
        ),
        "communes.yaml": models.CommunesFile(communes=[], source=None, verified_on=None, review_by=None),
        "offices.yaml": models.OfficesFile(offices=[]),
        "deadlines.yaml": models.DeadlinesFile(duties=[]),
        "statistics.yaml": models.StatisticsFile(figures=[]),
    }
    dataset = _assemble({name: value for name, (_, value) in national.items()} | stand_in, settings.NATIONAL, set(slugs) | {None})
    dataset.provinces = {slug: _assemble(parsed[slug], slug, {None, slug}) for slug in slugs}
    return dataset


NATIONAL_WORDS = "mỗi tỉnh, thành phố"
"""How the national site names "the province" in sentences written for one province:
"Tại mỗi tỉnh, thành phố có ...", "chương trình phối hợp tại mỗi tỉnh, thành phố"."""


def _read_province(root: Path, province: str, national: Parsed, issues: list[DataIssue]) -> dict[str, Any]:
    """The province's files on top of the national ones, checked across files; problems go to `issues`."""
    pdir = province_dir(root, province)
    if not pdir.is_dir():
        issues.append(DataIssue(f"{DATA_DIR}/provinces/{province}", 1, "", "no data folder for this province"))
        return {}
    local: Parsed = {}
    _read(root, [(pdir / name, model) for name, model in models.PROVINCE_FILES.items()], local, issues)
    parsed = {**national, **local}
    issues.extend(_cross_file_issues(parsed, province))
    return {name: value for name, (_, value) in parsed.items()}


def _assemble(values: dict[str, Any], province: str, document_provinces: set[str | None]) -> Dataset:
    """A Dataset from validated file values; legal documents of other provinces are left out."""

    def records(name: str, list_key: str) -> dict[str, Any]:
        return {r.id: r for r in getattr(values[name], list_key)}

    national_duties = list(values["duties.yaml"].duties)
    return Dataset(
        province_slug=province,
        documents={d.id: d for d in values["legal_documents.yaml"].documents if d.province in document_provinces},
        facts=records("facts.yaml", "facts"),
        provisions=records("provisions.yaml", "provisions"),
        agencies=records("agencies.yaml", "agencies"),
        milestones=sorted(values["milestones.yaml"].milestones, key=lambda m: m.date),
        province=values["province.yaml"],
        communes=records("communes.yaml", "communes"),
        communes_file=values["communes.yaml"],
        offices=records("offices.yaml", "offices"),
        duties={d.id: d for d in national_duties + list(values["deadlines.yaml"].duties)},
        figures=sorted(values["statistics.yaml"].figures, key=lambda f: f.as_of),
        pages=values["pages.yaml"],
        synonyms=values["search_synonyms.yaml"].synonyms,
        responsibilities=records("responsibilities.yaml", "responsibilities"),
        forms=records("forms.yaml", "forms"),
        procedures=records("procedures.yaml", "procedures"),
        questions=list(values["faq.yaml"].questions),
        terms=list(values["glossary.yaml"].terms),
        eligibility=values["eligibility.yaml"],
        checklists=values["checklists.yaml"],
        estimator=values["estimator.yaml"],
        national_duties=tuple(d.id for d in national_duties),
    )
