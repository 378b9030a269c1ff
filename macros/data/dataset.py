"""Load every data file, validate it, check references across files.

`load_dataset(root, province)` returns a `Dataset` or raises `DataFileError`
listing every problem in every file, each as `file:line: field: problem`.
"""

from __future__ import annotations

import dataclasses
import datetime
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from macros import formatting as fmt
from macros import settings
from macros.data import files, models, references, unitmap
from macros.data.references import Parsed
from macros.data.validation import validate_document
from macros.data.yamlsource import DataFileError, DataIssue, read_yaml
from macros.text import fold

DATA_DIR = "data"


def national_file(root: Path, name: str) -> Path:
    return root / DATA_DIR / name


def province_dir(root: Path, province: str) -> Path:
    return root / DATA_DIR / "provinces" / province


def province_slugs(root: Path) -> list[str]:
    """Every province with a data folder, in folder-name order (a folder whose name is no id
    is kept, so that loading it names the problem)."""
    base = Path(root) / DATA_DIR / "provinces"
    if not base.is_dir() or files.refused(Path(root), base):
        return []
    return sorted(p.name for p in base.iterdir() if not p.name.startswith(".") and (p.is_dir() or p.is_symlink()))


@dataclass(frozen=True)
class NationalData:
    """What is the same in every province (the files of data/), read and checked once and shared by
    every province of a site: the law's figures and rules, the guidance, the tools' rules, the roles."""

    facts: dict[str, models.Fact]
    provisions: dict[str, models.Provision]
    agencies: dict[str, models.Agency]
    milestones: list[models.Milestone]
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
    duties: dict[str, models.Duty]
    """Decision 22's duties, the same in every province (data/duties.yaml)."""
    reminder_days_before: int
    """Days before a deadline the calendar feeds remind of it (data/duties.yaml)."""
    roles: models.RolesFile
    """Which fact is the lending rate, which page the legal library, ... (roles.yaml)."""


def _national(name: str, doc: str) -> property:
    return property(lambda self: getattr(self.national, name), doc=doc)


@dataclass
class Dataset:
    """A site's data: the national data and the provinces it covers (`covered`): one province on a
    province's site, every province on the national site (each in `provinces`, the site's own
    province part then an empty stand-in named for every province)."""

    national: NationalData
    province_slug: str
    documents: dict[str, models.LegalDocument]
    """The country's legal documents and this province's own (every province's on a national site)."""
    province: models.ProvinceFile
    communes: dict[str, models.Commune]
    communes_file: models.CommunesFile
    former_units: models.FormerUnitsFile
    """The units before 1 July 2025 (tools/admin_units.py); empty lists until generated."""
    unit_changes: models.UnitChangesFile
    """The dated changes since 1 July 2025 (unit_changes.yaml); `map_in_force` applies them."""
    offices: dict[str, models.Office]
    duties: dict[str, models.Duty]
    """Decision 22's duties, then the province's own (deadlines.yaml)."""
    figures: list[models.Figure]
    coordination: list[models.Coordination]
    """Coordination programmes and regulations: the country's, and this province's (all on a national site)."""
    contacts: dict[str, models.UnitContacts]
    """Unit id -> what offices gave for it (contacts.yaml); a unit nobody gave anything for is absent."""
    office_contacts: dict[str, models.OfficeContacts]
    """Office id -> its address, phone and hours as the office gave them (contacts.yaml)."""
    provinces: dict[str, Dataset] = field(default_factory=dict)
    """A national site (`settings.NATIONAL`): each included province's own dataset. Empty for a province's site."""
    map_on: datetime.date | None = None
    """The day whose map `communes` and `province` show (`map_in_force`); None: the generated snapshot as it is."""
    earlier_names: dict[str, tuple[unitmap.Earlier, ...]] = field(default_factory=dict)
    """Unit id -> the names it had before `map_on` since 1 July 2025, newest first."""
    ended_units: tuple[unitmap.Ended, ...] = ()
    """Units that ended (merged or split) between 1 July 2025 and `map_on`."""
    province_earlier: tuple[unitmap.Earlier, ...] = ()
    """The province's earlier full names ("tỉnh Đồng Nai"), newest first."""
    changes_in_force: tuple[models.UnitChange, ...] = ()
    """The changes of unit_changes.yaml in force on `map_on`, in the order applied."""

    facts = _national("facts", "data/facts.yaml, by id.")
    provisions = _national("provisions", "data/provisions.yaml, by id.")
    agencies = _national("agencies", "data/agencies.yaml, by id.")
    milestones = _national("milestones", "data/milestones.yaml, by date.")
    pages = _national("pages", "data/pages.yaml.")
    reminder_days_before = _national("reminder_days_before", "Days before a deadline the feeds remind of it.")
    synonyms = _national("synonyms", "data/search_synonyms.yaml.")
    responsibilities = _national("responsibilities", "data/responsibilities.yaml, by id.")
    forms = _national("forms", "data/forms.yaml, by id.")
    procedures = _national("procedures", "data/procedures.yaml, by id.")
    questions = _national("questions", "data/faq.yaml.")
    terms = _national("terms", "data/glossary.yaml.")
    eligibility = _national("eligibility", "data/eligibility.yaml.")
    checklists = _national("checklists", "data/checklists.yaml.")
    estimator = _national("estimator", "data/estimator.yaml.")
    roles = _national("roles", "data/roles.yaml.")

    @property
    def national_duties(self) -> tuple[str, ...]:
        """Ids of the duties from data/duties.yaml (Decision 22, every province); the others are the province's own."""
        return tuple(self.national.duties)

    @property
    def is_national(self) -> bool:
        return self.province_slug == settings.NATIONAL

    def provinces_in_order(self) -> list[Dataset]:
        """The national site's provinces in Vietnamese alphabetical order (diacritics folded)."""
        return sorted(self.provinces.values(), key=lambda p: (fold(p.province.name).lower(), p.province_slug))

    @property
    def covered(self) -> list[Dataset]:
        """The provinces this site covers: the province itself on its own site, every province (in
        `provinces_in_order`) on the national site."""
        return self.provinces_in_order() if self.provinces else [self]

    def map_in_force(self, on: datetime.date) -> Dataset:
        """The same data with the map in force on `on`: each province's units and name as its
        unit_changes.yaml makes them that day, and what they were before (every province of a
        national site; its own stand-in has no units). The records are shared; only what changed is copied."""
        state = unitmap.apply(
            self.communes.values(), self.province.name, self.province.full_name, self.unit_changes.changes, on
        )
        mapped = dataclasses.replace(
            self,
            map_on=on,
            communes=state.communes,
            earlier_names={k: tuple(v) for k, v in state.earlier.items()},
            ended_units=tuple(state.ended),
            province_earlier=tuple(state.province_earlier),
            changes_in_force=tuple(state.applied),
            provinces={s: p.map_in_force(on) for s, p in self.provinces.items()},
        )
        if (state.name, state.full_name) != (self.province.name, self.province.full_name):
            mapped.province = self.province.model_copy(update={"name": state.name, "full_name": state.full_name})
        if state.ended:
            mapped.former_units = _former_units_after(self.former_units, state.ended)
        return mapped

    def office_of(self, agency_id: str) -> models.Office | None:
        """The province's one office of a province-level agency serving the whole province (its VBSP branch, its police), if data has it."""
        found = [o for o in self.offices.values() if o.agency == agency_id and o.serves == "whole_province"]
        return found[0] if len(found) == 1 else None

    def body_name(self, body_id: str) -> str:
        """An office's name; an agency by the name of the province's office of it when there is one."""
        if body_id in self.offices:
            return self.offices[body_id].name
        office = self.office_of(body_id)
        return office.name if office else self.agencies[body_id].name

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

    def ref_words(self, ref: models.LegalRef, short: bool = False) -> str:
        """A reference in words: "điểm a khoản 2 Điều 3 Quyết định 22/2023/QĐ-TTg"."""
        return fmt.ref_words(ref, self.document(ref.document), short)

    def provision(self, provision_id: str) -> models.Provision:
        try:
            return self.provisions[provision_id]
        except KeyError:
            raise KeyError(f"no provision with id {provision_id!r} in data/provisions.yaml") from None


def _read(
    root: Path,
    wanted: list[tuple[Path, type[models.Strict]]],
    parsed: Parsed,
    issues: list[DataIssue],
    optional: frozenset[str] = frozenset(),
) -> None:
    """Parse and validate each file into `parsed` (keyed by file name); collect problems in `issues`.
    A file named in `optional` may be missing."""
    for path, model in wanted:
        display = path.relative_to(root).as_posix()
        problem = files.refused(root, path)
        if problem:
            issues.append(DataIssue(display, 1, "", problem))
            continue
        if not path.is_file():
            if path.name not in optional:
                issues.append(DataIssue(display, 1, "", "file is missing"))
            continue
        try:
            doc, found = read_yaml(path, display)
        except DataFileError as exc:
            issues.extend(exc.issues)
            continue
        misread = found
        issues.extend(misread)
        value, found = validate_document(doc, model)
        # A value YAML misread (or a duplicate key) is reported once, by the reader.
        issues.extend(issue for issue in found if not any(issue.field == m.field for m in misread))
        # A file with duplicate keys is ambiguous: do not check other files against it.
        if value is not None and not misread:
            parsed[path.name] = (doc, value)


def _read_national(root: Path) -> tuple[Parsed, list[DataIssue]]:
    parsed: Parsed = {}
    issues: list[DataIssue] = []
    _read(root, [(national_file(root, name), model) for name, model in models.NATIONAL_FILES.items()], parsed, issues)
    issues.extend(references.coordination_issues(parsed, province_slugs(root)))
    return parsed, issues


def load_dataset(root: Path, province: str) -> Dataset:
    """One province's data (national files and its folder); `settings.NATIONAL` loads every province."""
    root = Path(root)
    settings.check_province(province)
    if province == settings.NATIONAL:
        return load_national(root)
    national, issues = _read_national(root)
    issues.extend(references.national_issues(national))
    parsed = _read_province(root, province, national, issues)
    if issues:
        raise DataFileError(issues)
    return _assemble(national_data(national), parsed, province, {None, province})


def load_national(root: Path, provinces: list[str] | None = None) -> Dataset:
    """The national site's data: national files read once, then every province (or `provinces`) on top.

    The returned dataset's own province is an empty stand-in (`settings.NATIONAL`); each
    province's full dataset is in `.provinces`. Cost grows with the number of communes.
    """
    root = Path(root)
    national, issues = _read_national(root)
    issues.extend(references.national_issues(national))
    slugs = province_slugs(root) if provinces is None else provinces
    if not slugs:
        issues.append(
            DataIssue(f"{DATA_DIR}/provinces", 1, "", "no province data folder: a national site needs at least one")
        )
    parsed = {slug: _read_province(root, slug, national, issues) for slug in slugs}
    if issues:
        raise DataFileError(issues)
    stand_in = {
        "province.yaml": models.ProvinceFile(
            id=settings.NATIONAL,
            name=NATIONAL_WORDS,
            full_name=NATIONAL_WORDS,
            ward_count=None,
            commune_count=None,
            units_basis=None,
            units_since=None,
            programme=None,
            source=None,
            verified_on=None,
            review_by=None,
        ),
        "communes.yaml": models.CommunesFile(communes=[], source=None, verified_on=None, review_by=None),
        "former_units.yaml": models.FormerUnitsFile(
            source=None, verified_on=None, review_by=None, legal_basis=None, generated_by=None, districts=[], units=[]
        ),
        "unit_changes.yaml": models.UnitChangesFile(changes=[], disagreements=[]),
        "offices.yaml": models.OfficesFile(offices=[]),
        "deadlines.yaml": models.DeadlinesFile(duties=[]),
        "statistics.yaml": models.StatisticsFile(figures=[]),
        "contacts.yaml": models.ContactsFile(),
    }
    shared = national_data(national)
    dataset = _assemble(
        shared,
        {name: value for name, (_, value) in national.items()} | stand_in,
        settings.NATIONAL,
        set(slugs) | {None},
    )
    dataset.provinces = {slug: _assemble(shared, parsed[slug], slug, {None, slug}) for slug in slugs}
    return dataset


NATIONAL_WORDS = "mỗi tỉnh, thành phố"
"""How the national site names "the province" in sentences written for one province:
"Tại mỗi tỉnh, thành phố có ...", "chương trình phối hợp tại mỗi tỉnh, thành phố"."""


def _read_province(root: Path, province: str, national: Parsed, issues: list[DataIssue]) -> dict[str, Any]:
    """The province's files on top of the national ones, checked across files; problems go to `issues`."""
    pdir = province_dir(root, province)
    if not re.fullmatch(models.ID_PATTERN, province):
        issues.append(
            DataIssue(
                f"{DATA_DIR}/provinces/{province!r}", 1, "", "a province folder is named like an id (like ha-tinh)"
            )
        )
        return {}
    if problem := files.refused(root, pdir):
        issues.append(DataIssue(f"{DATA_DIR}/provinces/{province}", 1, "", problem))
        return {}
    if not pdir.is_dir():
        issues.append(DataIssue(f"{DATA_DIR}/provinces/{province}", 1, "", "no data folder for this province"))
        return {}
    local: Parsed = {}
    wanted = [(pdir / name, model) for name, model in models.PROVINCE_FILES.items()]
    _read(root, wanted, local, issues, models.OPTIONAL_PROVINCE_FILES)
    parsed = {**national, **local}
    issues.extend(references.province_issues(parsed, province))
    values = {name: value for name, (_, value) in parsed.items()}
    for name in models.OPTIONAL_PROVINCE_FILES:
        if not (pdir / name).exists():
            values[name] = models.PROVINCE_FILES[name]()
    return values


def national_data(parsed: Parsed) -> NationalData:
    """The national files' records, once for every province of a site."""
    values = {name: value for name, (_, value) in parsed.items()}

    def records(name: str, list_key: str) -> dict[str, Any]:
        return {r.id: r for r in getattr(values[name], list_key)}

    return NationalData(
        facts=records("facts.yaml", "facts"),
        provisions=records("provisions.yaml", "provisions"),
        agencies=records("agencies.yaml", "agencies"),
        milestones=sorted(values["milestones.yaml"].milestones, key=lambda m: m.date),
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
        duties=records("duties.yaml", "duties"),
        reminder_days_before=values["duties.yaml"].reminder_days_before,
        roles=values["roles.yaml"],
    )


def _assemble(
    national: NationalData, values: dict[str, Any], province: str, document_provinces: set[str | None]
) -> Dataset:
    """A site's Dataset from the national data and a province's validated files; legal documents
    and coordination records of other provinces are left out."""
    return Dataset(
        national=national,
        province_slug=province,
        documents={d.id: d for d in values["legal_documents.yaml"].documents if d.province in document_provinces},
        province=values["province.yaml"],
        communes={c.id: c for c in values["communes.yaml"].communes},
        communes_file=values["communes.yaml"],
        former_units=values["former_units.yaml"],
        unit_changes=values["unit_changes.yaml"],
        offices={o.id: o for o in values["offices.yaml"].offices},
        duties=national.duties | {d.id: d for d in values["deadlines.yaml"].duties},
        figures=sorted(values["statistics.yaml"].figures, key=lambda f: f.as_of),
        coordination=[c for c in values["coordination.yaml"].programmes if c.province in document_provinces],
        contacts={c.unit: c for c in values["contacts.yaml"].units},
        office_contacts={c.office: c for c in values["contacts.yaml"].offices},
    )


def _former_units_after(former: models.FormerUnitsFile, ended: list[unitmap.Ended]) -> models.FormerUnitsFile:
    """The former units with `becomes` naming units in force: an ended unit replaced by those it went into."""

    def moved(becomes: list[str] | None) -> list[str] | None:
        return becomes if becomes is None else unitmap.successors(becomes, ended)

    gone = {e.unit.id for e in ended}
    return former.model_copy(
        update={
            "units": [
                u.model_copy(update={"becomes": moved(u.becomes)}) if gone & set(u.becomes) else u for u in former.units
            ],
            "districts": [
                d.model_copy(update={"becomes": moved(d.becomes)}) if gone & set(d.becomes or []) else d
                for d in former.districts
            ],
        }
    )
