import datetime

import pytest

from macros import formatting as fmt
from macros.data.models import LegalRef
from macros.render import facts as rendering
from macros.render import markup
from macros.text import fold, slugify, vi_sort_key


def test_vietnamese_formats():
    assert fmt.date_vi(datetime.date(2025, 12, 1)) == "01/12/2025"
    assert fmt.money_vi(100_000_000) == "100.000.000 đồng"
    assert fmt.money_words_vi(100_000_000) == "100 triệu đồng"
    assert fmt.money_words_vi(2_000_000_000) == "2 tỷ đồng"
    assert fmt.money_words_vi(26_600_000_000) == "26,6 tỷ đồng"
    assert fmt.quantity_vi(6.24, "percent_per_year") == "6,24 %/năm"
    assert fmt.quantity_vi(4_000_000, "vnd_per_month") == "4 triệu đồng/tháng"
    assert fmt.quantity_vi(120, "months") == "120 tháng"


def test_folding_and_slugs():
    assert fold("Đông Sơn") == "dong son"
    assert fold("Hàm Rồng") == "ham rong"
    assert slugify("Điều kiện vay vốn") == "dieu-kien-vay-von"
    assert slugify("Phường Đông Tiến") != slugify("Xã Đồng Tiến")


def test_vietnamese_alphabetical_order():
    """a ă â b c d đ e ê …: "Đông Sơn" after every "D…", "Ân" after every "An…", a word before a longer one."""
    names = [
        "Yên Định",
        "Đông Sơn",
        "Dân Lực",
        "Ân Tiến",
        "An Nông",
        "Hàm Rồng",
        "Hà Long",
        "Hạc Thành",
        "Ông",
        "Ơn",
        "Ô",
    ]
    assert sorted(names, key=vi_sort_key) == [
        "An Nông",
        "Ân Tiến",
        "Dân Lực",
        "Đông Sơn",
        "Hà Long",
        "Hạc Thành",
        "Hàm Rồng",
        "Ô",
        "Ông",
        "Ơn",
        "Yên Định",
    ]
    assert sorted(["Đồng Tiến", "Đông Tiến", "Dong"], key=vi_sort_key) == ["Dong", "Đông Tiến", "Đồng Tiến"]


def test_citation_follows_vietnamese_order(data):
    ref = LegalRef(document="qd-22-2023", article="3", clause="2", point="a")
    assert data.ref_words(ref) == "điểm a khoản 2 Điều 3 Quyết định 22/2023/QĐ-TTg"


def test_cite_links_relative_to_the_page(data):
    ref = LegalRef(document="qd-22-2023", article="9", clause="1")
    assert markup.cite(ref, data, "quy-dinh/muc-vay-lai-suat.md").endswith("(../van-ban-phap-ly.md#qd-22-2023)")
    assert markup.cite(ref, data, "index.md").endswith("(van-ban-phap-ly.md#qd-22-2023)")


def test_text_from_data_cannot_become_markup():
    hostile = "<script>alert(1)</script> [x](javascript:alert(1)) **b** {{ x }}"
    out = markup.text(hostile)
    assert "<script>" not in out and "&lt;script&gt;" in out
    assert "\\[x\\]" in out and "\\*\\*b\\*\\*" in out and "\\{\\{" in out


@pytest.mark.parametrize("day, value", [("2025-11-30", "6,6 %/năm"), ("2025-12-01", "6,24 %/năm")])
def test_rate_in_force_block_names_value_and_both_bases(data, day, value):
    out = rendering.rate_in_force(data, datetime.date.fromisoformat(day), "quy-dinh/muc-vay-lai-suat.md")
    assert f"<strong>{value}</strong>" in out
    assert "khoản 1 Điều 9 Quyết định 22/2023/QĐ-TTg" in out and "không cần là hộ nghèo" in out
    basis = "750/QĐ-TTg" if day == "2025-11-30" else "2553/QĐ-TTg"
    assert basis in out
    assert "báo Thanh Niên" in out, "both periods are sourced in Vietnamese"
    rate_line = out.splitlines()[0]
    assert "doubt" not in rate_line, "the rate is verified: no label on it"
    assert "bão" not in out, "the storm relief was decided on 4/12/2025: not known before"
    during = rendering.rate_in_force(data, datetime.date(2025, 12, 10), "quy-dinh/muc-vay-lai-suat.md")
    relief = next(line for line in during.splitlines() if "bão" in line)
    assert "01/10/2025" in relief and "31/12/2025" in relief and "2 %/năm" in relief and "2654/QĐ-TTg" in relief
    assert relief.count("doubt--uncertain") == 1, "Thanh Hóa's inclusion is not certain: one label"
    later = rendering.rate_in_force(data, datetime.date(2026, 1, 5), "quy-dinh/muc-vay-lai-suat.md")
    assert "bão" not in later, "an ended relief is history, not beside today's rate"


def test_history_table_marks_exactly_one_period_in_force(data):
    table = rendering.fact_history_table(data, "poor-household-lending-rate", datetime.date(2025, 12, 1), "x.md")
    assert table.count("<strong>đang áp dụng</strong>") == 1
    assert table.index("6,24") < table.index("6,6")


def test_document_status_follows_the_site_date(data):
    law = data.document("luat-127-2025")
    assert rendering.document_status(data, law, datetime.date(2026, 6, 30), "x.md").startswith("chưa có hiệu lực")
    assert rendering.document_status(data, law, datetime.date(2026, 7, 1), "x.md") == "đang có hiệu lực"
    old = data.document("luat-41-2019")
    assert rendering.document_status(data, old, datetime.date(2026, 7, 1), "x.md") == "hết hiệu lực từ 01/07/2026"


def test_the_library_says_when_a_documents_figure_was_replaced(data):
    """QĐ 750 may stand, but its 6,6 % applies only until 30/11/2025: the library says so once the
    next period has begun, and says nothing of QĐ 2553, whose figure is the one in force."""
    old = data.document("qd-750-2015")
    assert rendering.replaced_values(data, old, datetime.date(2025, 11, 30)) == []
    (item,) = rendering.replaced_values(data, old, datetime.date(2025, 12, 1))
    context = {"data": data, "on": datetime.date(2025, 12, 1), "from_page": "x.md"}
    line = markup.markdown("facts.md", "replaced", context, item)
    assert "6,6 %/năm theo văn bản này áp dụng đến ngày 30/11/2025" in line
    assert "từ ngày 01/12/2025 là mức mới theo Quyết định 2553/QĐ-TTg" in line
    assert rendering.replaced_values(data, data.document("qd-2553-2025"), datetime.date(2026, 12, 1)) == []
    library = rendering.legal_library(data, datetime.date(2026, 12, 1), "van-ban-phap-ly.md")
    assert library.count("- Đã thay: ") == 1
