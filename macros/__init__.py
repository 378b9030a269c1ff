"""mkdocs-macros entry point: wires variables, macros and filters, nothing else.

The logic lives in plain modules (`dataset`, `rendering`, `formatting`, ...)
that tests import without mkdocs.
"""

from __future__ import annotations

from . import formatting, models, rendering
from .site import current_site


def define_env(env) -> None:
    site = current_site()
    data, on = site.data, site.on

    def page() -> str:
        return env.page.file.src_uri

    env.variables["site_date"] = formatting.date_vi(on)
    env.variables["province_name"] = data.province.name
    env.variables["province_full_name"] = data.province.full_name

    @env.macro
    def fact(fact_id: str) -> str:
        """The value in force: {{ fact("individual-business-max") }} -> 100 triệu đồng."""
        return rendering.fact_value(data, fact_id, on)

    @env.macro
    def fact_cited(fact_id: str) -> str:
        return rendering.fact_cited(data, fact_id, on, page())

    @env.macro
    def fact_amount(fact_id: str) -> str:
        return rendering.fact_amount(data, fact_id, on)

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
    def provisions(topic: str) -> str:
        return rendering.provision_list(data, topic, page())

    @env.macro
    def cite_document(document_id: str) -> str:
        return rendering.cite(models.LegalRef(document=document_id), data, page())

    @env.macro
    def legal_library() -> str:
        return rendering.legal_library(data, on)

    @env.macro
    def page_review() -> str:
        """Call at the end of every page: "Rà soát lần cuối ..." and its sources."""
        return rendering.page_review(data, page())

    # --- beneficiary tools (macros/tools.py) ---------------------------------

    from . import tools

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
        return rendering.cite(data.provision(provision_id).legal_ref, data, page())

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
        return rendering.text(data.estimator.note)

    @env.macro
    def loan_estimate_example() -> str:
        return tools.estimator_example(data, on)

    @env.macro
    def checklist(checklist_id: str) -> str:
        return tools.checklist(data, on, checklist_id, page())

    @env.macro
    def office_finder() -> str:
        return tools.office_finder(data, page())

    @env.macro
    def office_table() -> str:
        return tools.office_table(data)

    @env.macro
    def province_units() -> str:
        return tools.province_units(data, page())

    @env.macro
    def province_branches() -> str:
        return tools.province_branches(data)

    @env.macro
    def print_button() -> str:
        return tools.print_button() + "\n" + tools.script(page(), "in-trang.js")
