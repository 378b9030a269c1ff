"""Every macro, variable and filter the pages may use, registered once.

A macro is a function decorated with `@macro(...)`; its first argument is the `PageContext` (the
site's data, the day it is built for, the page being rendered), then the arguments the page writes:
`{{ fact("individual-business-max") }}` calls `fact(page, "individual-business-max")`. The decorator's
arguments say what each literal argument names ("fact": an id of data/facts.yaml; "*milestone":
every argument a milestone), so that `make check-data` (macros.cli.check) checks the calls of
docs/ against the same registry the pre step (macros.pipeline.pages) renders them with.

The functions only forward to the render and output modules, which hold the logic and keep their own
argument orders; here each macro has one.
"""

from __future__ import annotations

import datetime
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from macros import formatting, settings
from macros.data import models
from macros.data.dataset import Dataset
from macros.data.site import Site
from macros.outputs import opendata
from macros.pipeline import site_config
from macros.render import contacts, coverage, facts, finder, markup, officials, procedures, prose, provinces, tools
from macros.render import faq as faq_pages


@dataclass(frozen=True)
class PageContext:
    """What every macro gets first."""

    data: Dataset
    on: datetime.date
    path: str
    """The page's path in docs/ ("quy-dinh/dieu-kien.md"): links are written relative to it."""


@dataclass(frozen=True)
class Macro:
    name: str
    function: Callable[..., Any]
    names: tuple[str, ...]
    """What each literal argument names, by position (a kind of `macros.cli.check`'s records);
    "*kind" for every argument."""


MACROS: dict[str, Macro] = {}


def macro(*names: str) -> Callable:
    """Register the decorated function as the macro of its name."""

    def register(function: Callable) -> Callable:
        if function.__name__ in MACROS:
            raise ValueError(f"macro {function.__name__!r} is registered twice")
        MACROS[function.__name__] = Macro(function.__name__, function, names)
        return function

    return register


FILTERS: dict[str, Callable[..., Any]] = {"sentence": provinces.sentence}


def page_variables(site: Site) -> dict[str, Any]:
    """The variables pages read: the build day, the province's names (inert Markdown, never markup),
    and what pages test with `{% if %}` (site_config.variables)."""
    return {
        "site_date": formatting.date_vi(site.on),
        "province_name": markup.text(site.data.province.name),
        "province_full_name": markup.text(site.data.province.full_name),
        **site_config.variables(site.data),
    }


# --- facts, provisions, legal references ----------------------------------------------------------


@macro("fact")
def fact(page: PageContext, fact_id: str) -> str:
    """The value in force: {{ fact("individual-business-max") }} -> 100 triệu đồng."""
    return facts.fact_value(page.data, fact_id, page.on, page.path)


@macro("fact")
def fact_cited(page: PageContext, fact_id: str) -> str:
    return facts.fact_cited(page.data, fact_id, page.on, page.path)


@macro("fact")
def fact_history(page: PageContext, fact_id: str) -> str:
    return facts.fact_history_table(page.data, fact_id, page.on, page.path)


@macro()
def rate_in_force(page: PageContext) -> str:
    return facts.rate_in_force(page.data, page.on, page.path)


@macro()
def relief_history(page: PageContext) -> str:
    return facts.relief_history(page.data, page.on, page.path)


@macro("provision")
def provision(page: PageContext, provision_id: str) -> str:
    return facts.provision(page.data, provision_id, page.path)


@macro("provision")
def rule(page: PageContext, provision_id: str) -> str:
    """A rule's words alone, on a task page; its article goes in the section's basis()."""
    return facts.rule(page.data, provision_id, page.path)


@macro()
def basis(page: PageContext, *items: str) -> str:
    """The collapsed "Căn cứ" block at the end of a step or section: provision ids, "fact:ID", "doc:ID"."""
    return facts.basis(page.data, page.on, page.path, *items)


@macro()
def uncertain(page: PageContext) -> str:
    """The "not certain" label, for a sentence the page writes itself."""
    return markup.uncertain_mark(page.path)


@macro()
def unverified(page: PageContext) -> str:
    """The "no source yet" label, for a sentence the page writes itself."""
    return markup.doubt_label("unverified", page.path)


@macro("topic")
def provisions(page: PageContext, topic: str) -> str:
    return facts.provision_list(page.data, topic, page.path)


@macro("document")
def cite_document(page: PageContext, document_id: str) -> str:
    return markup.cite_document(document_id, page.data, page.path)


@macro("document")
def cite_article(
    page: PageContext, document_id: str, article: str, clause: str | None = None, point: str | None = None
) -> str:
    """A citation link for a sentence the page writes itself: "khoản 1 Điều 10 Quyết định ..."."""
    ref = models.LegalRef(document=document_id, article=str(article), clause=clause and str(clause), point=point)
    return markup.cite(ref, page.data, page.path)


@macro("provision")
def cite_provision(page: PageContext, provision_id: str) -> str:
    """Only the legal reference of a provision, as a link: "điểm c khoản 2 Điều 14 ..."."""
    return markup.cite(page.data.provision(provision_id).legal_ref, page.data, page.path)


@macro()
def legal_library(page: PageContext) -> str:
    return facts.legal_library(page.data, page.on, page.path)


@macro()
def page_review(page: PageContext) -> str:
    """Call at the end of every page: "Rà soát lần cuối ..." and its sources."""
    return facts.page_review(page.data, page.path)


# --- officials' pages (docs/can-bo/) ----------------------------------------------------------------


@macro()
def responsibility_matrix(page: PageContext) -> str:
    return officials.responsibility_matrix(page.data, page.on, page.path)


@macro()
def duties_calendar(page: PageContext) -> str:
    """The duties table: next dates for the build day, recomputed in the browser for today."""
    return officials.duties_calendar(page.data, page.on, page.path)


@macro()
def next_deadline(page: PageContext) -> str:
    """The nearest deadline for the build day, recomputed in the browser for today; loads the calendar's scripts."""
    return officials.next_deadline(page.data, page.on, page.path)


@macro()
def calendar_feeds(page: PageContext) -> str:
    return officials.calendar_feeds(page.data, page.path, settings.site_url())


@macro()
def calendar_addresses(page: PageContext) -> str:
    return officials.calendar_addresses(page.data, page.path, settings.site_url())


@macro()
def duties_by_owner(page: PageContext) -> str:
    return officials.duties_by_owner(page.data, page.path)


@macro()
def next_exact_duties(page: PageContext) -> str:
    return officials.next_exact_duties(page.data, page.on, page.path)


@macro()
def programme_overview(page: PageContext) -> str:
    return officials.programme_overview(page.data, page.path)


@macro()
def programme_clauses(page: PageContext) -> str:
    return officials.programme_clauses(page.data, page.path)


@macro()
def programme_period(page: PageContext) -> str:
    return officials.programme_period(page.data)


@macro("*milestone")
def changes_timeline(page: PageContext, *milestone_ids: str) -> str:
    return officials.changes_timeline(page.data, list(milestone_ids), page.path)


@macro()
def ended_bodies(page: PageContext) -> str:
    return officials.ended_bodies(page.data, page.on)


@macro("document", "date")
def document_date(page: PageContext, document_id: str, which: str = "effective_from") -> str:
    return officials.document_date(page.data, document_id, page.path, which)


@macro()
def statistics_charts(page: PageContext) -> str:
    return officials.statistics_charts(page.data, page.path)


@macro()
def api_catalogue(page: PageContext) -> str:
    listings = opendata.listings(page.data, page.on)
    return officials.api_catalogue(
        listings, opendata.INDEX_PATH, opendata.INDEX_SCHEMA_PATH, opendata.SCHEMA_VERSION, page.path
    )


@macro()
def open_data_licence(page: PageContext) -> str:
    return officials.licence_link(opendata.LICENCE)


@macro()
def api_schema_version(page: PageContext) -> str:
    return opendata.SCHEMA_VERSION


# --- guidance pages: procedures, forms, FAQ, glossary ------------------------------------------------


@macro("procedure")
def procedure(page: PageContext, procedure_id: str) -> str:
    """The 12-part record of a procedure from data/procedures.yaml."""
    return procedures.record(page.data, procedure_id, page.on, page.path)


@macro("procedure")
def procedure_steps(page: PageContext, procedure_id: str) -> str:
    return procedures.steps(page.data, procedure_id, page.on, page.path)


@macro("procedure")
def procedure_dossier(page: PageContext, procedure_id: str) -> str:
    return procedures.dossier(page.data, procedure_id, page.on, page.path)


@macro("procedure")
def procedure_contacts(page: PageContext, procedure_id: str) -> str:
    return procedures.contacts(page.data, procedure_id, page.path)


@macro()
def procedure_list(page: PageContext) -> str:
    return procedures.procedure_list(page.data, page.path)


@macro("form")
def form(page: PageContext, form_id: str) -> str:
    return procedures.form_record(page.data, form_id, page.on, page.path)


@macro()
def faq(page: PageContext) -> str:
    return faq_pages.faq(page.data, page.on, page.path)


@macro()
def term(page: PageContext, term_id: str, words: str | None = None) -> str:
    """A technical word on first use: linked to the glossary and glossed, e.g. {{ term("du-no") }}."""
    return faq_pages.term(page.data, term_id, page.path, words)


@macro()
def glossary(page: PageContext) -> str:
    return faq_pages.glossary(page.data, page.on, page.path)


@macro("milestone")
def milestone(page: PageContext, milestone_id: str) -> str:
    """ "**01/12/2025** — title. text (basis)", marked "(sắp tới)" when after the build date."""
    return prose.milestone_line(page.data, milestone_id, page.on, page.path)


@macro("milestone")
def milestone_date(page: PageContext, milestone_id: str) -> str:
    return prose.expand(f"{{milestone:{milestone_id}}}", page.data, page.on, page.path)


@macro("duty")
def duty_timing(page: PageContext, duty_id: str) -> str:
    return prose.expand(f"{{duty:{duty_id}}}", page.data, page.on, page.path)


@macro()
def rate_summary(page: PageContext) -> str:
    return prose.rate_summary(page.data, page.on, page.path)


@macro()
def province_units(page: PageContext) -> str:
    return provinces.province_units(page.data, page.path)


# --- beneficiary tools (render/tools.py, render/finder.py) ------------------------------------------


@macro()
def eligibility_check(page: PageContext) -> str:
    """The question-by-question self-check (cong-cu/kiem-tra.md)."""
    return tools.eligibility_check(page.data, page.path)


@macro()
def eligibility_conditions(page: PageContext) -> str:
    """The conditions of the check as a list, with articles: readable without JavaScript."""
    return tools.eligibility_conditions(page.data, page.on, page.path)


@macro("applicant")
def condition_list(page: PageContext, applicant: str) -> str:
    """The conditions for "individual" or "establishment" as a list (e.g. on the leaflet)."""
    return tools.condition_list(page.data, page.on, applicant, page.path)


@macro()
def loan_estimator(page: PageContext) -> str:
    return tools.estimator_tool(page.data, page.on, page.path)


@macro()
def loan_estimate_note(page: PageContext) -> str:
    """The "ước tính" warning from data/estimator.yaml."""
    return markup.text(page.data.estimator.note)


@macro()
def loan_estimate_example(page: PageContext) -> str:
    return tools.estimator_example(page.data, page.on, page.path)


@macro("checklist")
def checklist(page: PageContext, checklist_id: str) -> str:
    return tools.checklist(page.data, page.on, checklist_id, page.path)


@macro()
def office_finder(page: PageContext) -> str:
    return finder.office_finder(page.data, page.path)


@macro()
def units_list(page: PageContext) -> str:
    """Every former unit by former district, and today's units."""
    return finder.units_list(page.data, page.path)


@macro()
def known_contacts(page: PageContext) -> str:
    """The addresses, phones and days offices gave (contacts.yaml), or once that none is known."""
    return contacts.known_contacts(page.data, page.path)


@macro()
def contacts_coverage(page: PageContext) -> str:
    """The officials' page on contacts: filled, missing, past review (render/coverage.py)."""
    return coverage.contacts_coverage(page.data, page.on)


@macro()
def province_branches(page: PageContext) -> str:
    return tools.province_branches(page.data, page.path)


@macro()
def print_button(page: PageContext) -> str:
    return tools.print_tool(page.path)


@macro()
def offline_action(page: PageContext) -> str:
    return tools.offline_action()


@macro()
def print_footer(page: PageContext) -> str:
    """The page's address and QR code, at the foot of a printed sheet."""
    return tools.print_footer(page.path)


# --- every province, and the national site (render/provinces.py) -----------------------------------


@macro()
def programme_purposes(page: PageContext) -> str:
    return provinces.programme_purposes(page.data)


@macro()
def programme_missing(page: PageContext) -> str:
    """The programme page of a province without one; on the national site, each province's."""
    return provinces.programme_missing(page.data, page.path)


@macro()
def statistics_missing(page: PageContext) -> str:
    return provinces.statistics_missing(page.data, page.path)


@macro()
def province_selector(page: PageContext, anchor: str = "") -> str:
    """National site: one link per province, to a section of its page."""
    return provinces.province_selector(page.data, anchor, page.path)


@macro()
def province_list(page: PageContext) -> str:
    return provinces.province_list(page.data, page.path)


@macro("province")
def province_page(page: PageContext, slug: str) -> str:
    return provinces.province_page(page.data, slug, page.on, page.path)


@macro()
def province_units_page(page: PageContext, slug: str) -> str:
    return provinces.province_units_page(page.data, slug, page.path)


@macro()
def coordination_records(page: PageContext) -> str:
    """The country's coordination programme, and the province's own records on its site."""
    return provinces.coordination_section(page.data, page.path)
