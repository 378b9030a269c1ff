"""One pydantic model per data file, one module per family of files. Extra keys are errors everywhere.

The shared field types (`base`) carry the rules an editor must follow; the file
models check what spans records inside one file (dated periods in order); checks
that span files live in `macros.data.references`. Every public name is here, so
`models.Fact` works whichever module defines it.
"""

from __future__ import annotations

# ruff: noqa: F401  (the imports are the package's public names)
from macros.data.models.base import (
    ID_PATTERN, URL_PATTERN, PHONE_PATTERN, FieldProblem, PlainText, Id, Url, Phone, Status, Key, RefersTo,
    DocumentId, FactId, ProvisionId, AgencyId, OfficeId, BodyId, CommuneId, TaskId, PAGE_PATTERN, PagePath,
    Strict, LegalRef, Reviewed, MaybeReviewed,
)
from macros.data.models.legal import (
    LegalDocument, LegalDocumentsFile, Unit, UNIT_BOUNDS, FactPeriod, Fact, FactsFile, Topic, Provision,
    ProvisionsFile, Level, Agency, AgenciesFile, Milestone, MilestonesFile,
)
from macros.data.models.province import (
    ProgrammeClause, Programme, ProvinceFile, Commune, CommunesFile, OfficeKind, Office, OfficesFile, Figure,
    StatisticsFile,
)
from macros.data.models.duties import (
    Audience, Frequency, RRULE_PARTS, parse_rrule, ClauseId, Duty, DeadlinesFile, Responsibility,
    ResponsibilitiesFile,
)
from macros.data.models.guidance import (
    PageReview, PagesFile, Synonym, SearchSynonymsFile, FormId, ProcedureId, Statement, PageRef, Form,
    FormsFile, Step, DossierItem, Dossier, FormsPart, ProcedureContact, Procedure, ProceduresFile, FaqTopic,
    FaqEntry, FaqFile, Term, GlossaryFile,
)
from macros.data.models.tools import (
    AnswerKey, ANSWER_CHOICES, Applicant, AnswerValue, ContactId, LimitId, PeriodId, Basis, ReferralContact,
    ChoiceOption, Question, ConditionTest, CONDITION_PLACEHOLDERS, Condition, Amount, Outcome, NextStep,
    BasedText, EligibilityFile, ChecklistItem, ChecklistSection, Checklist, ChecklistsFile, RepaymentPeriod,
    BorrowerLimit, EstimatorExample, EstimatorFile,
)

NATIONAL_FILES: dict[str, type[Strict]] = {
    "legal_documents.yaml": LegalDocumentsFile,
    "facts.yaml": FactsFile,
    "provisions.yaml": ProvisionsFile,
    "agencies.yaml": AgenciesFile,
    "milestones.yaml": MilestonesFile,
    "pages.yaml": PagesFile,
    "search_synonyms.yaml": SearchSynonymsFile,
    "responsibilities.yaml": ResponsibilitiesFile,
    "forms.yaml": FormsFile,
    "procedures.yaml": ProceduresFile,
    "faq.yaml": FaqFile,
    "glossary.yaml": GlossaryFile,
    "eligibility.yaml": EligibilityFile,
    "checklists.yaml": ChecklistsFile,
    "estimator.yaml": EstimatorFile,
    "duties.yaml": DeadlinesFile,
}

PROVINCE_FILES: dict[str, type[Strict]] = {
    "province.yaml": ProvinceFile,
    "communes.yaml": CommunesFile,
    "offices.yaml": OfficesFile,
    "deadlines.yaml": DeadlinesFile,
    "statistics.yaml": StatisticsFile,
}
