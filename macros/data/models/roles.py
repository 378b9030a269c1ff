"""roles.yaml: the part a record or a page plays where the site's code and templates need one by role.

Code and templates never type an id or a page path: they ask for `roles.facts.lending_rate` or
`roles.pages.office_finder`. Each role is a reference (`RefersTo`), so renaming a fact without its
role here stops the build with this file's line, instead of a page silently losing a sentence.
"""

from __future__ import annotations

from typing import Annotated

from macros.data.models.base import DocumentId, FactId, Id, PagePath, ProvisionId, RefersTo, Strict

MilestoneId = Annotated[Id, RefersTo("milestones.yaml#milestones")]


class FactRoles(Strict):
    lending_rate: FactId
    """The lending rate (Art. 9: the poor households' rate): shown in bold wherever the rate is."""
    overdue_share: FactId
    """The overdue rate as a share of the lending rate."""
    relief: FactId | None
    """A temporary cut of the rate shown beside it (the storm relief); null when there is none to show."""
    individual_max: FactId
    """How much a person may borrow to do business: the first figure of every province page."""
    business_term: FactId
    """How long a business loan may run."""


class ProvisionRoles(Strict):
    rate_rule: ProvisionId
    """The rule that ties the rate to the poor households' rate."""
    borrowers: ProvisionId
    """Who may borrow: the programme's scope."""
    individual_security: ProvisionId
    """Whether a person's loan needs security."""
    transaction_point: ProvisionId
    """Where each commune's VBSP transaction point is."""


class DocumentRoles(Strict):
    decision: DocumentId
    """The decision the site is about (Decision 22/2023/QĐ-TTg)."""


class MilestoneRoles(Strict):
    reform: MilestoneId
    """The day the district level ended: units before it are former units."""
    district_police_ended: MilestoneId
    """The day district police ended: a programme signed before it names bodies that no longer exist."""


class PageRoles(Strict):
    start_business: PagePath
    """Where a person who wants to borrow to do business starts (a beneficiary page)."""
    start_training: PagePath
    """Where a person who wants to borrow to learn a trade starts (a beneficiary page)."""
    start_establishment: PagePath
    """Where a business that employs such people starts (a beneficiary page)."""
    legal_library: PagePath
    glossary: PagePath
    forms: PagePath
    conditions: PagePath
    procedures: PagePath
    check: PagePath
    estimator: PagePath
    office_finder: PagePath
    units_list: PagePath
    checklist_business: PagePath
    checklist_training: PagePath
    checklist_establishment: PagePath
    calendar: PagePath
    responsibilities: PagePath
    programme: PagePath
    """The province's coordination programme (every province's site has this page)."""


class RolesFile(Strict):
    facts: FactRoles
    provisions: ProvisionRoles
    documents: DocumentRoles
    milestones: MilestoneRoles
    pages: PageRoles
