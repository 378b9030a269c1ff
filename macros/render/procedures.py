"""Procedure records in the 12-part TTHC order, forms, and whom to contact (templates/procedures.md).

Plain functions, no mkdocs: each returns Markdown for one page, with links
relative to `from_page` so that MkDocs checks them.
"""

from __future__ import annotations

import datetime
from typing import Any

from macros.data import models
from macros.data.dataset import Dataset
from macros.render import facts
from macros.render.markup import Md, markdown, template_values, unknown
from macros.render.prose import cites, expand, statement

TEMPLATE = "procedures.md"
PARTS: list[str] = template_values(TEMPLATE)["parts"]
"""The parts of a procedure record, in the order of the national public-service portal."""
AUDIENCES: dict[str, str] = template_values(TEMPLATE)["audiences"]

_LINES = Md("\n")
_BLOCKS = Md("\n\n")


def _md(data: Dataset, from_page: str, macro: str, *args: Any) -> Md:
    return markdown(TEMPLATE, macro, {"data": data, "from_page": from_page}, *args)


def procedure_of(data: Dataset, procedure_id: str) -> models.Procedure:
    try:
        return data.procedures[procedure_id]
    except KeyError:
        raise KeyError(f"no procedure with id {procedure_id!r} in data/procedures.yaml") from None


def steps(data: Dataset, procedure_id: str, on: datetime.date, from_page: str) -> Md:
    """The numbered steps: who acts, what they do, on what basis; what is not known."""
    return _LINES.join(
        _md(data, from_page, "step", number, step, statement(step, data, on, from_page))
        for number, step in enumerate(procedure_of(data, procedure_id).steps, start=1)
    )


def dossier(data: Dataset, procedure_id: str, on: datetime.date, from_page: str) -> Md:
    """What a source requires, then plainly what is not known, and the printable checklist."""
    part = procedure_of(data, procedure_id).dossier
    lines = [_md(data, from_page, "dossier_item", item) for item in part.items]
    if not part.complete:
        lines += [Md(""), _md(data, from_page, "full_list", expand(part.ask or "", data, on, from_page))]
    if part.checklist:
        lines += [Md(""), _md(data, from_page, "checklist_line", part.checklist)]
    return _LINES.join(lines)


def contacts(data: Dataset, procedure_id: str, from_page: str) -> Md:
    """Whom to ask, with the province's offices of each body; unknown details said as such."""
    # An office no source gives an area (a transaction office named only in the press) is
    # shown where the reader's unit is known: in the finder.
    return _LINES.join(
        _md(
            data,
            from_page,
            "contact",
            data.agencies[contact.body],
            contact,
            [o for o in data.offices.values() if o.agency == contact.body and o.serves is not None],
        )
        for contact in procedure_of(data, procedure_id).contacts
    )


def record(data: Dataset, procedure_id: str, on: datetime.date, from_page: str) -> Md:
    """The whole record: twelve numbered parts, then related procedures and whom to ask."""
    procedure = procedure_of(data, procedure_id)

    def said(part: models.Statement) -> Md:
        return statement(part, data, on, from_page)

    forms = [_md(data, from_page, "form_link", data.forms[form_id]) for form_id in procedure.forms.ids]
    if procedure.forms.ask:
        forms.append(_md(data, from_page, "other_forms", expand(procedure.forms.ask, data, on, from_page)))
    bodies = [
        _md(data, from_page, "name_part", procedure),
        steps(data, procedure_id, on, from_page),
        said(procedure.channels),
        dossier(data, procedure_id, on, from_page),
        said(procedure.processing_time),
        said(procedure.applicants),
        said(procedure.bodies),
        said(procedure.result),
        said(procedure.fees),
        _LINES.join(forms) if forms else unknown(from_page),
        _LINES.join(
            _md(data, from_page, "list_item", facts.provision(data, pid, from_page)) for pid in procedure.conditions
        ),
        _md(
            data,
            from_page,
            "legal_basis",
            _LINES.join(
                _md(data, from_page, "list_item", cites([ref], data, from_page)) for ref in procedure.legal_basis
            ),
        ),
    ]
    blocks = [_md(data, from_page, "part", number, body) for number, body in enumerate(bodies, start=1)]
    if procedure.related:
        items = _LINES.join(_md(data, from_page, "page_item", data.procedures[r]) for r in procedure.related)
        blocks.append(_md(data, from_page, "related", items))
    if procedure.contacts:
        blocks.append(_md(data, from_page, "ask_whom", contacts(data, procedure_id, from_page)))
    return _BLOCKS.join(blocks)


def procedure_list(data: Dataset, from_page: str) -> Md:
    """Every procedure, grouped by whom it is for, each linking to its record."""
    blocks = []
    for audience in AUDIENCES:
        items = [p for p in data.procedures.values() if p.audience == audience]
        if items:
            lines = _LINES.join(_md(data, from_page, "page_item", p) for p in items)
            blocks.append(_md(data, from_page, "procedure_group", audience, lines))
    return _BLOCKS.join(blocks)


# --- forms ------------------------------------------------------------------


def form_record(data: Dataset, form_id: str, on: datetime.date, from_page: str) -> Md:
    """What a form is, who fills and confirms it, when, and where its official text is."""
    form = data.forms[form_id]
    said = {
        name: statement(getattr(form, name), data, on, from_page)
        for name in ("purpose", "filled_by", "confirmed_by", "sent_to", "timing")
    }
    return _md(data, from_page, "form_record", form, data.document(form.legal_ref.document), said)
