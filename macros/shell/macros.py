"""mkdocs-macros entry point: wires variables, macros and filters, nothing else.

The logic lives in plain modules (`dataset`, `rendering`, `formatting`, ...)
that tests import without mkdocs.
"""

from __future__ import annotations

from pathlib import Path

from macros import formatting, settings
from macros.data import models
from macros.data.site import Site, current_site
from macros.data.yamlsource import DataFileError
from macros.outputs import opendata
from macros.outputs.writers import write_outputs
from macros.render import contacts, coverage, finder, markup, officials, procedures, prose, provinces, tools
from macros.render import facts as rendering
from macros.render import faq as faq_pages
from macros.shell import nav
from macros.shell.guard import GuardedEnv, build_error


def on_post_build(env) -> None:
    """After MkDocs has written the pages (build and serve alike): the search index's folded
    words, /api/ and the calendar feeds."""
    write_outputs(current_site(settings.data_root()), Path(env.conf["site_dir"]))


def define_env(env) -> None:
    # Zensical runs this module through its own macros shim (zensical.extensions.macros), once per page.
    markup.HREFS_FROM_SOURCE = type(env).__module__.startswith("zensical.")
    try:
        site = current_site(settings.data_root())
    except DataFileError as exc:  # `mkdocs serve` without `make`: the same lines as make check-data
        raise build_error("\n".join(str(issue) for issue in exc.issues)) from None
    except settings.SettingError as exc:
        raise build_error(str(exc)) from None
    register(env, site)


def register(env, site: Site) -> None:
    """Every variable, macro and filter of the pages, for `site`. Each macro is guarded: its
    failure is one line naming the page, the line and the macro (shell/guard.py)."""
    data, on = site.data, site.on

    def page() -> str:
        """The page's path in docs/: MkDocs' `page.file.src_uri`; Zensical's macros shim has `page.path`."""
        file = getattr(env.page, "file", None)
        return file.src_uri if file is not None else env.page.path

    env = GuardedEnv(env, page)
    env.variables["site_date"] = formatting.date_vi(on)
    # Pages place these into Markdown (text, headings, link labels): inert Markdown, never markup.
    env.variables["province_name"] = markup.text(data.province.name)
    env.variables["province_full_name"] = markup.text(data.province.full_name)

    @env.macro
    def fact(fact_id: str) -> str:
        """The value in force: {{ fact("individual-business-max") }} -> 100 triệu đồng."""
        return rendering.fact_value(data, fact_id, on, page())

    @env.macro
    def fact_cited(fact_id: str) -> str:
        return rendering.fact_cited(data, fact_id, on, page())

    @env.macro
    def fact_history(fact_id: str) -> str:
        return rendering.fact_history_table(data, fact_id, on, page())

    @env.macro
    def rate_in_force() -> str:
        return rendering.rate_in_force(data, on, page())

    @env.macro
    def provision(provision_id: str) -> str:
        return rendering.provision(data, provision_id, page())

    @env.macro
    def rule(provision_id: str) -> str:
        """A rule's words alone, on a task page; its article goes in the section's basis()."""
        return rendering.rule(data, provision_id, page())

    @env.macro
    def basis(*items: str) -> str:
        """The collapsed "Căn cứ" block at the end of a step or section: provision ids, "fact:ID", "doc:ID"."""
        return rendering.basis(data, on, page(), *items)

    @env.macro
    def uncertain() -> str:
        """The "not certain" label, for a sentence the page writes itself."""
        return markup.uncertain_mark(page())

    @env.macro
    def unverified() -> str:
        """The "no source yet" label, for a sentence the page writes itself."""
        return markup.doubt_label("unverified", page())

    @env.macro
    def provisions(topic: str) -> str:
        return rendering.provision_list(data, topic, page())

    @env.macro
    def cite_document(document_id: str) -> str:
        return markup.cite_document(document_id, data, page())

    @env.macro
    def legal_library() -> str:
        return rendering.legal_library(data, on, page())

    @env.macro
    def page_review() -> str:
        """Call at the end of every page: "Rà soát lần cuối ..." and its sources."""
        return rendering.page_review(data, page())

    # --- officials' pages (docs/can-bo/) -------------------------------------

    @env.macro
    def responsibility_matrix() -> str:
        return officials.responsibility_matrix(data, on, page())

    @env.macro
    def duties_calendar() -> str:
        """The duties table: next dates for the build day, recomputed in the browser for today."""
        return officials.duties_calendar(data, on, page())

    @env.macro
    def calendar_feeds() -> str:
        return officials.calendar_feeds(data, page(), settings.site_url())

    @env.macro
    def duties_by_owner() -> str:
        return officials.duties_by_owner(data, page())

    @env.macro
    def next_exact_duties() -> str:
        return officials.next_exact_duties(data, on, page())

    @env.macro
    def programme_overview() -> str:
        return officials.programme_overview(data, page())

    @env.macro
    def programme_clauses() -> str:
        return officials.programme_clauses(data, page())

    @env.macro
    def programme_period() -> str:
        return officials.programme_period(data)

    @env.macro
    def changes_timeline(*milestone_ids: str) -> str:
        return officials.changes_timeline(data, list(milestone_ids), page())

    @env.macro
    def ended_bodies() -> str:
        return officials.ended_bodies(data, on)

    @env.macro
    def document_date(document_id: str, which: str = "effective_from") -> str:
        return officials.document_date(data, document_id, page(), which)

    @env.macro
    def statistics_charts() -> str:
        return officials.statistics_charts(data, page())

    @env.macro
    def api_catalogue() -> str:
        listings = opendata.listings(data, on)
        return officials.api_catalogue(
            listings, opendata.INDEX_PATH, opendata.INDEX_SCHEMA_PATH, opendata.SCHEMA_VERSION, page()
        )

    @env.macro
    def open_data_licence() -> str:
        return officials.licence_link(opendata.LICENCE)

    @env.macro
    def api_schema_version() -> str:
        return opendata.SCHEMA_VERSION

    # --- guidance pages: procedures, forms, FAQ, glossary, news -------------

    @env.macro
    def procedure(procedure_id: str) -> str:
        """The 12-part record of a procedure from data/procedures.yaml."""
        return procedures.record(data, procedure_id, on, page())

    @env.macro
    def procedure_steps(procedure_id: str) -> str:
        return procedures.steps(data, procedure_id, on, page())

    @env.macro
    def procedure_dossier(procedure_id: str) -> str:
        return procedures.dossier(data, procedure_id, on, page())

    @env.macro
    def procedure_contacts(procedure_id: str) -> str:
        return procedures.contacts(data, procedure_id, page())

    @env.macro
    def procedure_list() -> str:
        return procedures.procedure_list(data, page())

    @env.macro
    def form(form_id: str) -> str:
        return procedures.form_record(data, form_id, on, page())

    @env.macro
    def faq() -> str:
        return faq_pages.faq(data, on, page())

    @env.macro
    def term(term_id: str, words: str | None = None) -> str:
        """A technical word on first use: linked to the glossary and glossed, e.g. {{ term("du-no") }}."""
        return faq_pages.term(data, term_id, page(), words)

    @env.macro
    def glossary() -> str:
        return faq_pages.glossary(data, on, page())

    @env.macro
    def milestone(milestone_id: str) -> str:
        """ "**01/12/2025** — title. text (basis)", marked "(sắp tới)" when after the build date."""
        return prose.milestone_line(data, milestone_id, on, page())

    @env.macro
    def milestone_date(milestone_id: str) -> str:
        return prose.expand(f"{{milestone:{milestone_id}}}", data, on, page())

    @env.macro
    def duty_timing(duty_id: str) -> str:
        return prose.expand(f"{{duty:{duty_id}}}", data, on, page())

    @env.macro
    def rate_summary() -> str:
        return prose.rate_summary(data, on, page())

    @env.macro
    def cite_article(document_id: str, article: str, clause: str | None = None, point: str | None = None) -> str:
        """A citation link for a sentence the page writes itself: "khoản 1 Điều 10 Quyết định ..."."""
        ref = models.LegalRef(document=document_id, article=str(article), clause=clause and str(clause), point=point)
        return markup.cite(ref, data, page())

    @env.macro
    def province_units() -> str:
        return provinces.province_units(data, page())

    # --- beneficiary tools (macros/tools.py) ---------------------------------

    @env.macro
    def eligibility_check() -> str:
        """The question-by-question self-check (cong-cu/kiem-tra.md)."""
        return tools.eligibility_check(data, page())

    @env.macro
    def eligibility_conditions() -> str:
        """The conditions of the check as a list, with articles: readable without JavaScript."""
        return tools.eligibility_conditions(data, on, page())

    @env.macro
    def cite_provision(provision_id: str) -> str:
        """Only the legal reference of a provision, as a link: "điểm c khoản 2 Điều 14 ..."."""
        return markup.cite(data.provision(provision_id).legal_ref, data, page())

    @env.macro
    def condition_list(applicant: str) -> str:
        """The conditions for "individual" or "establishment" as a list (e.g. on the leaflet)."""
        return tools.condition_list(data, on, applicant, page())

    @env.macro
    def loan_estimator() -> str:
        return tools.estimator_tool(data, on, page())

    @env.macro
    def loan_estimate_note() -> str:
        """The "ước tính" warning from data/estimator.yaml."""
        return markup.text(data.estimator.note)

    @env.macro
    def loan_estimate_example() -> str:
        return tools.estimator_example(data, on, page())

    @env.macro
    def checklist(checklist_id: str) -> str:
        return tools.checklist(data, on, checklist_id, page())

    @env.macro
    def office_finder() -> str:
        return finder.office_finder(data, page())

    @env.macro
    def units_list() -> str:
        """Every former unit by former district, and today's units (render/finder.py)."""
        return finder.units_list(data, page())

    @env.macro
    def known_contacts() -> str:
        """The addresses, phones and days offices gave (contacts.yaml), or once that none is known."""
        return contacts.known_contacts(data, page())

    @env.macro
    def contacts_coverage() -> str:
        """The officials' page on contacts: filled, missing, past review (render/coverage.py)."""
        return coverage.contacts_coverage(data, on)

    @env.macro
    def province_branches() -> str:
        return tools.province_branches(data, page())

    @env.macro
    def print_button() -> str:
        return tools.print_tool(page())

    @env.macro
    def print_footer() -> str:
        """The page's address and QR code, at the foot of a printed sheet."""
        return tools.print_footer(page())

    # --- every province, and the national site (render/provinces.py, shell/nav.py) ---

    env.variables.update(nav.variables(data))
    nav.adapt_config(env.conf, data)
    env.filter(provinces.sentence, "sentence")

    @env.macro
    def programme_purposes() -> str:
        return provinces.programme_purposes(data)

    @env.macro
    def programme_missing() -> str:
        """The programme page of a province without one; on the national site, each province's."""
        return provinces.programme_missing(data, page())

    @env.macro
    def statistics_missing() -> str:
        return provinces.statistics_missing(data, page())

    @env.macro
    def province_selector(anchor: str = "") -> str:
        """National site: one link per province, to a section of its page."""
        return provinces.province_selector(data, anchor, page())

    @env.macro
    def province_list() -> str:
        return provinces.province_list(data, page())

    @env.macro
    def province_page(slug: str) -> str:
        return provinces.province_page(data, slug, on, page())

    @env.macro
    def province_units_page(slug: str) -> str:
        return provinces.province_units_page(data, slug, page())

    @env.macro
    def coordination_records() -> str:
        """The country's coordination programme, and the province's own records on its site."""
        return provinces.coordination_section(data, page())
