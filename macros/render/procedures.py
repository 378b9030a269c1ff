"""Procedure records in the 12-part TTHC order, forms, and whom to contact.

Plain functions, no mkdocs: each returns Markdown for one page, with links
relative to `from_page` so that MkDocs checks them.
"""

from __future__ import annotations

import datetime

from macros.data import models
from macros.data.dataset import Dataset
from macros.render.facts import provision
from macros.render.markup import OFFICE_FINDER_PAGE, link, page_link, text, unknown
from macros.render.prose import basis, cites, expand, statement

FORMS_PAGE = "mau-bieu.md"

PARTS = [
    "Tên thủ tục",
    "Trình tự thực hiện",
    "Cách thức thực hiện",
    "Thành phần hồ sơ",
    "Thời hạn giải quyết",
    "Đối tượng thực hiện",
    "Cơ quan thực hiện",
    "Kết quả thực hiện",
    "Phí, lệ phí",
    "Mẫu đơn, tờ khai",
    "Yêu cầu, điều kiện",
    "Căn cứ pháp lý",
]
"""The parts of a procedure record, in the order of the national public-service portal."""

AUDIENCES = {
    "individual": "Người chấp hành xong án phạt tù và gia đình",
    "establishment": "Cơ sở sản xuất, kinh doanh",
    "officials": "Cán bộ",
}


def procedure_of(data: Dataset, procedure_id: str) -> models.Procedure:
    try:
        return data.procedures[procedure_id]
    except KeyError:
        raise KeyError(f"no procedure with id {procedure_id!r} in data/procedures.yaml") from None


def steps(data: Dataset, procedure_id: str, on: datetime.date, from_page: str) -> str:
    """The numbered steps: who acts, what they do, on what basis; what is not known."""
    lines = []
    for number, step in enumerate(procedure_of(data, procedure_id).steps, start=1):
        lines.append(f"{number}. **{text(step.who)}:** {statement(step, data, on, from_page)}")
    return "\n".join(lines)


def dossier(data: Dataset, procedure_id: str, on: datetime.date, from_page: str) -> str:
    """What a source requires, then plainly what is not known, and the printable checklist."""
    part = procedure_of(data, procedure_id).dossier
    lines = []
    for item in part.items:
        line = f"- {text(item.name)}{basis(item.refs, item.source, data, from_page)}"
        if item.copies:
            line += f". Số bản: {item.copies}"
        if item.note:
            line += f". {text(item.note)}"
        lines.append(line)
    if not part.complete:
        lines += ["", f"Danh sách giấy tờ đầy đủ: {unknown(from_page, expand(part.ask or '', data, on, from_page))}"]
    if part.checklist:
        lines += ["", f"Danh sách để đánh dấu và in: {page_link('Giấy tờ cần chuẩn bị', part.checklist, from_page)}."]
    return "\n".join(lines)


def _office_line(office: models.Office, finder: str, from_page: str) -> str:
    """An office with the details a source gives; the missing ones said as unknown, with where to look."""
    phone = f"[{text(office.phone)}](tel:{office.phone.replace(' ', '').replace('.', '')})" if office.phone else None
    known = [
        (label, value)
        for label, value in (
            ("địa chỉ", office.address and text(office.address)),
            ("điện thoại", phone),
            ("giờ làm việc", office.hours and text(office.hours)),
        )
        if value
    ]
    missing = [
        label
        for label, value in (("địa chỉ", office.address), ("điện thoại", office.phone), ("giờ làm việc", office.hours))
        if not value
    ]
    parts = [f"{label}: {value}" for label, value in known]
    if missing:
        parts.append(f"{', '.join(missing)}: {unknown(from_page, text('xem trang'))} {finder}")
    return f"{text(office.name)} — {'; '.join(parts)}."


def contacts(data: Dataset, procedure_id: str, from_page: str) -> str:
    """Whom to ask, with the province's offices of each body; unknown details said as such."""
    finder = page_link("Tìm nơi liên hệ", OFFICE_FINDER_PAGE, from_page)
    lines = []
    for contact in procedure_of(data, procedure_id).contacts:
        agency = data.agencies[contact.body]
        name = text(agency.name) + (f" ({text(agency.short_name)})" if agency.short_name else "")
        lines.append(f"- **{name}** — {text(contact.why)}")
        # An office no source gives an area (a transaction office named only in the press) is
        # shown where the reader's unit is known: in the finder.
        offices = [o for o in data.offices.values() if o.agency == agency.id and o.serves is not None]
        for office in offices:
            lines.append(f"    - {_office_line(office, finder, from_page)}")
        if not offices:
            lines.append(f"    - Địa chỉ, số điện thoại: {unknown(from_page, text('xem trang'))} {finder}.")
    return "\n".join(lines)


def _form_link(data: Dataset, form_id: str, from_page: str) -> str:
    form = data.forms[form_id]
    return page_link(f"{form.number}: {form.title}", FORMS_PAGE, from_page, anchor=form.id)


def record(data: Dataset, procedure_id: str, on: datetime.date, from_page: str) -> str:
    """The whole record: twelve numbered parts, then related procedures and whom to ask."""
    procedure = procedure_of(data, procedure_id)
    forms = [f"- {_form_link(data, form_id, from_page)}" for form_id in procedure.forms.ids]
    if procedure.forms.ask:
        forms.append(f"- Mẫu khác: {unknown(from_page, expand(procedure.forms.ask, data, on, from_page))}")
    bodies = {
        "Tên thủ tục": f"{text(procedure.name)}\n\n- Lĩnh vực: {text(procedure.domain)}\n- Cấp thực hiện: {text(procedure.level)}",
        "Trình tự thực hiện": steps(data, procedure_id, on, from_page),
        "Cách thức thực hiện": statement(procedure.channels, data, on, from_page),
        "Thành phần hồ sơ": dossier(data, procedure_id, on, from_page),
        "Thời hạn giải quyết": statement(procedure.processing_time, data, on, from_page),
        "Đối tượng thực hiện": statement(procedure.applicants, data, on, from_page),
        "Cơ quan thực hiện": statement(procedure.bodies, data, on, from_page),
        "Kết quả thực hiện": statement(procedure.result, data, on, from_page),
        "Phí, lệ phí": statement(procedure.fees, data, on, from_page),
        "Mẫu đơn, tờ khai": "\n".join(forms) if forms else unknown(from_page),
        "Yêu cầu, điều kiện": "\n".join(f"- {provision(data, pid, from_page)}" for pid in procedure.conditions),
        "Căn cứ pháp lý": "\n".join(f"- {cites([ref], data, from_page)}" for ref in procedure.legal_basis),
    }
    blocks = [f"## {number}. {title}\n\n{bodies[title]}" for number, title in enumerate(PARTS, start=1)]
    if procedure.related:
        related = "\n".join(
            f"- {page_link(data.procedures[r].name, data.procedures[r].page, from_page)}" for r in procedure.related
        )
        blocks.append(f"## Thủ tục liên quan\n\n{related}")
    if procedure.contacts:
        blocks.append(f"## Hỏi ai\n\n{contacts(data, procedure_id, from_page)}")
    return "\n\n".join(blocks)


def procedure_list(data: Dataset, from_page: str) -> str:
    """Every procedure, grouped by whom it is for, each linking to its record."""
    blocks = []
    for audience, title in AUDIENCES.items():
        items = [p for p in data.procedures.values() if p.audience == audience]
        if not items:
            continue
        lines = [f"### {text(title)}", ""]
        for procedure in items:
            lines.append(f"- {page_link(procedure.name, procedure.page, from_page)}")
        blocks.append("\n".join(lines))
    return "\n\n".join(blocks)


# --- forms ------------------------------------------------------------------


def form_record(data: Dataset, form_id: str, on: datetime.date, from_page: str) -> str:
    """What a form is, who fills and confirms it, when, and where its official text is."""
    form = data.forms[form_id]
    document = data.document(form.legal_ref.document)
    if document.url:
        official = link(f"{document.kind} {document.number}", document.url) + (
            f" ({text(document.url_note)})" if document.url_note else ""
        )
    else:
        official = unknown(from_page, text("hỏi Ủy ban nhân dân cấp xã."))
    rows = [
        ("Dùng để làm gì", statement(form.purpose, data, on, from_page)),
        ("Ai lập", statement(form.filled_by, data, on, from_page)),
        ("Ai xác nhận", statement(form.confirmed_by, data, on, from_page)),
        ("Gửi đến", statement(form.sent_to, data, on, from_page)),
        ("Khi nào", statement(form.timing, data, on, from_page)),
        ("Căn cứ", f"{cites([form.legal_ref], data, from_page)}. Văn bản gốc: {official}"),
    ]
    if not form.layout_seen:
        rows.append(
            (
                "Bố cục mẫu",
                unknown(
                    from_page,
                    text(
                        "trang này không vẽ lại mẫu vì chưa xem được bản chính thức. Hãy xem mẫu trong văn bản gốc, hoặc hỏi nơi lập, nơi xác nhận mẫu."
                    ),
                ),
            )
        )
    lines = [f"## {text(form.number)}: {text(form.title)} {{#{form.id}}}", ""]
    lines += [f"- **{label}:** {value}" for label, value in rows]
    return "\n".join(lines)
