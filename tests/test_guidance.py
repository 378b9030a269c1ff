"""The plain modules behind the guidance pages: placeholders, prose, procedures, FAQ, literal scan."""

from __future__ import annotations

import datetime
import re

import pytest

from macros.cli.check import check
from macros.data import placeholders
from macros.render import facts as rendering
from macros.render import faq, markup, procedures, prose, provinces
from macros.rules import literals

from .conftest import REPO, copy_repo

DAY = datetime.date(2025, 12, 1)
BEFORE = datetime.date(2025, 11, 30)


# --- placeholders -------------------------------------------------------------


def test_placeholders_split_text_and_names():
    parts = list(placeholders.split("Tối đa {fact:business-max-term}, lập vào {duty:form-01-list}."))
    assert parts == ["Tối đa ", ("fact", "business-max-term"), ", lập vào ", ("duty", "form-01-list"), "."]


@pytest.mark.parametrize(
    "text, problem",
    [
        ("{fact:no-such-fact}", "names no fact"),
        ("{figure:business-max-term}", "unknown placeholder kind"),
        ("a {stray brace", "brace that is not a placeholder"),
    ],
)
def test_placeholder_problems_are_named(text, problem):
    found = placeholders.problems(text, {"fact": {"business-max-term"}, "milestone": set(), "duty": set()})
    assert len(found) == 1 and problem in found[0]


@pytest.mark.parametrize(
    "name, old, new, field, message",
    [
        (
            "faq.yaml",
            "rules: [condition-individual-time, condition-individual-list]",
            "rules: [condition-individual-time, no-such-rule]",
            "rules.1",
            "unknown provision",
        ),
        (
            "faq.yaml",
            "{fact:max-years-since-release}. Nếu",
            "{fact:max-years-since-releas}. Nếu",
            "answer",
            "names no fact",
        ),
        ("faq.yaml", "page: cong-cu/kiem-tra.md", "page: cong-cu/khong-co.md", "page", "unknown page"),
        ("glossary.yaml", "{duty:form-01-list}", "{duty:form-99}", "definition", "names no duty"),
        (
            "procedures.yaml",
            "conditions: [condition-individual-need, condition-individual-list, condition-individual-time]",
            "conditions: [condition-individual-need, nope]",
            "conditions.1",
            "unknown provision",
        ),
        ("procedures.yaml", "ids: [mau-01]\n    conditions", "ids: [mau-09]\n    conditions", "ids.0", "unknown form"),
        (
            "procedures.yaml",
            "      - body: cong-an-tinh\n",
            "      - body: cong-an-huyen-xyz\n",
            "contacts.0.body",
            "unknown agency",
        ),
        (
            "procedures.yaml",
            "checklist: cong-cu/giay-to-co-so.md",
            "checklist: cong-cu/giay-to-xyz.md",
            "checklist",
            "unknown page",
        ),
    ],
)
def test_cross_file_mistakes_in_guidance_files_are_caught(tmp_path, name, old, new, field, message):
    root = copy_repo(tmp_path)
    path = root / "data" / name
    text = path.read_text(encoding="utf-8")
    assert old in text
    line = text[: text.index(old)].count("\n") + 1
    path.write_text(text.replace(old, new, 1), encoding="utf-8")
    problems = check(root, "thanh-hoa")
    ours = [p for p in problems if p.startswith(f"data/{name}:") and message in p]
    assert len(ours) == 1, problems
    assert re.match(rf"^data/{re.escape(name)}:(\d+): \S*{re.escape(field)}: ", ours[0]), ours
    assert abs(int(ours[0].split(":")[1]) - line) <= 2, (line, ours)


@pytest.mark.parametrize(
    "old, new, message",
    [
        (
            "    processing_time:\n      ask: Hỏi Phòng giao dịch Ngân hàng Chính sách xã hội.\n",
            "    processing_time:\n      text: Năm ngày làm việc.\n",
            "say where the text comes from",
        ),
        (
            "    fees:\n      ask: Hỏi Ủy ban nhân dân cấp xã.\n",
            "    fees:\n      note: x\n",
            "is needed when text is null",
        ),
        (
            "      complete: false\n      ask: Giấy tờ gửi kèm",
            "      complete: false\n      nothing: Giấy tờ gửi kèm",
            "unknown field",
        ),
    ],
)
def test_a_guessed_or_empty_part_is_refused(tmp_path, old, new, message):
    """A processing time without a source, or an unknown part without whom-to-ask, does not load."""
    root = copy_repo(tmp_path)
    path = root / "data" / "procedures.yaml"
    text = path.read_text(encoding="utf-8")
    assert old in text
    path.write_text(text.replace(old, new, 1), encoding="utf-8")
    problems = check(root, "thanh-hoa")
    assert any(p.startswith("data/procedures.yaml:") and message in p for p in problems), problems


# --- prose --------------------------------------------------------------------


def test_duty_timing_in_words(data):
    assert prose.duty_timing(data.duties["form-01-list"]) == "ngày 5 hằng tháng"
    monthly = data.duties["information-exchange-monthly"]
    assert monthly.rrule is None
    assert prose.duty_timing(monthly) == 'Chương trình nêu "định kỳ hằng tháng", không nêu ngày.'
    for duty in data.duties.values():
        if duty.rrule is None:
            # without a day from a source, the words are the source's own note: no day is made up
            assert prose.duty_timing(duty) == duty.timing_note and not re.search(r"ngày \d", duty.timing_note), duty.id


def test_expand_puts_values_in_and_labels_the_uncertain(data):
    text = "Lãi {fact:poor-household-lending-rate}, tối đa {fact:business-max-term} *x* [y]"
    assert prose.expand(text, data, BEFORE, "x.md") == "Lãi 6,6 %/năm, tối đa 120 tháng \\*x\\* \\[y\\]"
    after = prose.expand(text, data, DAY, "x.md")
    assert "6,24 %/năm," in after and markup.UNCERTAIN not in after, (
        "the rate is verified from 1/12/2025 (VBSP's notice)"
    )
    relief = prose.expand("Giảm {fact:storm-relief-rate-cut}", data, DAY, "x.md")
    assert relief == f"Giảm 2 %/năm {markup.uncertain_mark('x.md')}"
    assert prose.expand("{milestone:two-tier-government}", data, DAY, "x.md") == "01/07/2025"


def test_milestone_line_marks_what_is_still_to_come(data):
    assert "(sắp tới)" in prose.milestone_line(data, "law-127-effective", DAY, "index.md")
    assert "(sắp tới)" not in prose.milestone_line(data, "law-127-effective", datetime.date(2026, 7, 1), "index.md")
    assert "(van-ban-phap-ly.md#luat-127-2025)" in prose.milestone_line(data, "law-127-effective", DAY, "index.md")


def test_rate_summary_says_the_rate_its_source_and_date_with_no_label(data):
    out = prose.rate_summary(data, DAY, "bat-dau/vay-kinh-doanh.md")
    assert out.startswith(
        "<strong>6,24 %/năm</strong>, áp dụng từ ngày 01/12/2025 (theo [báo Thanh Niên](https://thanhnien.vn/"
    )
    assert "bằng lãi suất cho vay hộ nghèo" in out and "không cần là hộ nghèo" in out
    assert "doubt--uncertain" not in out.split("bão")[0], "the rate itself carries no label"
    assert "bão" not in out, "the storm relief was decided on 4/12/2025"
    during = prose.rate_summary(data, datetime.date(2025, 12, 10), "x.md")
    assert "bão" in during and during.count(markup.UNCERTAIN) == 1, "the relief sits beside the rate, labelled once"
    later = prose.rate_summary(data, datetime.date(2026, 2, 1), "x.md")
    assert "bão" not in later and markup.UNCERTAIN not in later
    basis = str(rendering.basis(data, DAY, "bat-dau/vay-kinh-doanh.md", "fact:poor-household-lending-rate"))
    assert "khoản 1 Điều 9 Quyết định 22/2023/QĐ-TTg](../van-ban-phap-ly.md#qd-22-2023)" in basis
    assert "2553/QĐ-TTg" in basis and "báo Thanh Niên" in basis and basis.startswith("<details")


def test_province_units_are_counted_from_the_commune_list(data):
    assert provinces.province_units(data, "index.md").startswith(
        "166 đơn vị hành chính cấp xã (147 xã, 19 phường) từ ngày 01/07/2025"
    )


# --- procedures -----------------------------------------------------------------


def test_every_procedure_record_has_the_twelve_parts_in_order(data):
    for procedure_id, procedure in data.procedures.items():
        out = procedures.record(data, procedure_id, DAY, procedure.page)
        headings = re.findall(r"^## (\d+)\. (.+)$", out, re.M)
        assert [(int(n), t) for n, t in headings] == list(enumerate(procedures.PARTS, start=1)), procedure_id


def test_unknown_parts_say_so_and_whom_to_ask(data):
    """No source gives a processing time or fees: the record says "chưa xác minh" and whom to ask."""
    for procedure_id, procedure in data.procedures.items():
        out = procedures.record(data, procedure_id, DAY, procedure.page)
        for part in ("Thời hạn giải quyết", "Phí, lệ phí"):
            body = out.split(f". {part}\n\n", 1)[1].split("\n## ", 1)[0]
            assert "chưa xác minh</a> — " in body and "ỏi " in body, (procedure_id, part, body)
        dossier = out.split(". Thành phần hồ sơ\n\n", 1)[1].split("\n## ", 1)[0]
        assert 'Danh sách giấy tờ đầy đủ: <a class="doubt doubt--unverified"' in dossier, procedure_id


def test_dossier_lists_only_what_the_decision_requires(data):
    household = procedures.dossier(data, "vay-qua-ho-gia-dinh", DAY, "bat-dau/vay-kinh-doanh.md")
    assert "Giấy chứng nhận chấp hành xong án phạt tù, hoặc giấy chứng nhận đặc xá" in household
    assert "(../cong-cu/giay-to-vay-kinh-doanh.md)" in household
    establishment = procedures.dossier(data, "co-so-vay-truc-tiep", DAY, "bat-dau/co-so-san-xuat.md")
    assert "Mẫu số 02" in establishment and "Hợp đồng lao động" in establishment
    assert "7557/NHCS-TDSV" in establishment


def test_contacts_show_unknown_details_as_unknown_and_known_ones_as_links(data):
    out = procedures.contacts(data, "danh-sach-mau-01", "thu-tuc/danh-sach-mau-01.md")
    assert 'Công an tỉnh Thanh Hóa — địa chỉ, điện thoại, giờ làm việc: <a class="doubt doubt--unverified"' in out
    assert "(../cong-cu/tim-co-quan.md)" in out
    office = data.offices["cong-an-tinh-thanh-hoa"].model_copy(update={"phone": "0237 123 4567"})
    line = markup.markdown("procedures.md", "office_line", {"data": data, "from_page": "x.md"}, office)
    label = str(markup.doubt_label("unverified", "x.md"))
    assert "điện thoại: [0237 123 4567](tel:02371234567)" in line and f"địa chỉ, giờ làm việc: {label}" in line


def test_steps_label_press_sourced_steps_as_uncertain(data):
    out = procedures.steps(data, "vay-qua-ho-gia-dinh", DAY, "x.md")
    savings = next(line for line in out.splitlines() if "Tổ tiết kiệm và vay vốn:**" in line)
    assert markup.uncertain_mark("x.md") in savings and "Theo báo chí" in savings


def test_form_record_never_draws_a_layout(data):
    for form_id in data.forms:
        out = procedures.form_record(data, form_id, DAY, "mau-bieu.md")
        assert out.startswith(f"## {data.forms[form_id].number}: ") and f"{{#{form_id}}}" in out
        assert 'Bố cục mẫu:** <a class="doubt doubt--unverified"' in out
        assert "|" not in out.replace("\\|", ""), "no table that could pass for a form layout"
    assert "ngày 5 hằng tháng" in procedures.form_record(data, "mau-01", DAY, "mau-bieu.md")


# --- FAQ and glossary -------------------------------------------------------------


def test_at_least_25_questions_each_citing_an_article(data):
    assert len(data.questions) >= 25
    for entry in data.questions:
        out = faq.answer(data, entry.id, DAY, "hoi-dap.md")
        assert re.search(r"\[[^\]]*Điều \d+[^\]]*\]\(van-ban-phap-ly\.md#[a-z0-9-]+\)", out), entry.id


def test_faq_groups_by_the_readers_four_questions_each_answer_collapsed_with_a_stable_id(data):
    """Issue 22 point 7: the reader's four questions (can I borrow, how much, what to bring, where to
    go), then the officials'; each question a collapsed <details> whose summary carries its id."""
    out = faq.faq(data, DAY, "hoi-dap.md")
    groups = ["duoc-vay", "bao-nhieu", "giay-to", "den-dau", "can-bo"]
    at = [out.index(f"{{#nhom-{g}}}") for g in groups]
    assert at == sorted(at), "the groups in the order of the reader's questions, officials last"
    assert out.count('<details class="faq" markdown>') == len(data.questions)
    assert "\n### " not in out, "no third-level heading under a group: the questions are summaries"
    for entry in data.questions:
        assert f'<summary id="{entry.id}">' in out
    assert not {f"nhom-{g}" for g in groups} & {q.id for q in data.questions}
    assert any(q.topic == "can-bo" for q in data.questions)


def test_glossary_has_the_terms_people_meet(data):
    out = faq.glossary(data, DAY, "thuat-ngu.md")
    for term in (
        "Người chấp hành xong án phạt tù",
        "Đặc xá",
        "Cho vay ủy thác",
        "Tổ tiết kiệm và vay vốn",
        "Tổ TK&amp;VV",
        "Dư nợ",
        "Nợ quá hạn",
    ):
        assert term in out, term
    terms = [t.split(":")[0] for t in re.findall(r'^<summary id="[^"]+">(.+?)</summary>', out, re.M)]
    from macros.text import fold

    assert len(terms) > 10 and terms == sorted(terms, key=fold)


# --- literal scan ---------------------------------------------------------------


@pytest.fixture(scope="module")
def found_in(data):
    known = literals.data_literals(data)
    return lambda markdown: [f.text for f in literals.scan_markdown(markdown, known)]


@pytest.mark.parametrize(
    "typed",
    [
        "100 triệu đồng",
        "100.000.000 đồng",
        "2 tỷ",
        "4 triệu đồng/tháng",
        "6,24%",
        "6,6 %/năm",
        "130 %",
        "10%",
        "120 tháng",
        "10 năm",
        "5 năm",
        "05 năm",
        "01/12/2025",
        "1/7/2025",
        "ngày 1 tháng 3 năm 2025",
        "ngày 5 hằng tháng",
        "mùng 5",
        "166",
        "147 xã",
        "2024 - 2028",
        "610",
        "62,2 tỷ",
        "gấp đôi",
        "2025-12-01",
    ],
)
def test_scan_finds_each_way_of_typing_a_data_value(found_in, typed):
    assert found_in(f"Vay {typed} nhé.") != [], typed


@pytest.mark.parametrize(
    "markdown",
    [
        'Tối đa {{ fact("individual-business-max") }}.',
        "Quyết định 22/2023/QĐ-TTg, Nghị quyết 1686/NQ-UBTVQH15.",
        "Ra tù 4 năm, từ đủ 18 tuổi.",
        "[nguồn](https://example.org/2025-12-01/100-trieu)",
        "Điều 14 và Điều 3.",
    ],
)
def test_scan_ignores_macros_document_numbers_and_other_numbers(found_in, markdown):
    assert found_in(markdown) == []


def test_scan_reports_the_line(data):
    findings = literals.scan_markdown("# Tiêu đề\n\n{{ x }}\nTối đa 120 tháng.", literals.data_literals(data))
    assert [(f.line, f.text) for f in findings] == [(4, "120 tháng")]


# --- wiring -------------------------------------------------------------------------


def test_the_registry_has_the_guidance_macros():
    from macros.data.site import site_on
    from macros.pipeline.pages import page_macros

    macros = page_macros(site_on(REPO, "thanh-hoa", DAY), "thu-tuc/vay-hoc-nghe.md")
    assert "## 12. Căn cứ pháp lý" in macros["procedure"]("vay-hoc-nghe")
    assert macros["duty_timing"]("form-01-list") == "ngày 5 hằng tháng"
    assert macros["milestone_date"]("district-police-ended") == "01/03/2025"
    assert (
        macros["cite_article"]("qd-22-2023", "3", "2", "a")
        == "[điểm a khoản 2 Điều 3 Quyết định 22/2023/QĐ-TTg](../van-ban-phap-ly.md#qd-22-2023)"
    )
    for name in (
        "procedure_steps",
        "procedure_dossier",
        "procedure_contacts",
        "procedure_list",
        "form",
        "faq",
        "glossary",
        "milestone",
        "rate_summary",
        "province_units",
    ):
        assert name in macros, name
