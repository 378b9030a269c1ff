"""Vietnamese formatting of dates, money and rates, through Babel."""

from __future__ import annotations

import datetime

from babel.dates import format_date as _babel_date
from babel.numbers import format_compact_decimal, format_decimal

LOCALE = "vi"


def date_vi(value: datetime.date) -> str:
    """01/12/2025"""
    return _babel_date(value, "dd/MM/yyyy", locale=LOCALE)


def month_vi(value: datetime.date) -> str:
    """12/2025"""
    return _babel_date(value, "MM/yyyy", locale=LOCALE)


def number_vi(value: int | float) -> str:
    """6,24 or 100.000.000"""
    return format_decimal(value, locale=LOCALE)


def money_vi(amount: int) -> str:
    """100.000.000 đồng"""
    return f"{number_vi(amount)} đồng"


def money_words_vi(amount: int) -> str:
    """100 triệu đồng, 2 tỷ đồng, 26,6 tỷ đồng"""
    if amount < 1_000_000:
        return money_vi(amount)
    short = format_compact_decimal(amount, locale=LOCALE, format_type="long", fraction_digits=1)
    return f"{short} đồng"


def ref_words(ref, document, short: bool = False) -> str:
    """Vietnamese citation order: "điểm a khoản 2 Điều 3 Quyết định 22/2023/QĐ-TTg".

    `ref` is a LegalRef and `document` the LegalDocument it names."""
    parts = []
    if ref.point:
        parts.append(f"điểm {ref.point}")
    if ref.clause:
        parts.append(f"khoản {ref.clause}")
    if ref.article:
        parts.append(f"Điều {ref.article}")
    name = document.number if short else f"{document.kind} {document.number}"
    return " ".join(parts + [name])


UNIT_SUFFIX = {
    "percent_per_year": " %/năm",
    "percent_of_lending_rate": " % lãi suất cho vay",
    "percent_of_workforce": " % tổng số lao động",
    "months": " tháng",
    "years": " năm",
    "times_disbursement_period": " lần thời hạn phát tiền vay",
}


def quantity_vi(value: int | float, unit: str) -> str:
    """A fact's value in words a reader expects: "100 triệu đồng", "6,24 %/năm", "120 tháng"."""
    if unit == "vnd":
        return money_words_vi(int(value))
    if unit == "vnd_per_month":
        return f"{money_words_vi(int(value))}/tháng"
    return f"{number_vi(value)}{UNIT_SUFFIX[unit]}"


def days_of_month_vi(days: list[int]) -> str:
    """A transaction point's days: [12] -> "ngày 12 hằng tháng", [5, 20] -> "ngày 5 và ngày 20 hằng tháng"."""
    named = [f"ngày {d}" for d in days]
    joined = named[0] if len(named) == 1 else ", ".join(named[:-1]) + " và " + named[-1]
    return f"{joined} hằng tháng"


def tel_href(phone: str) -> str:
    """A phone number as a tel: link target: "0237 3852 000" -> "tel:02373852000"."""
    return "tel:" + phone.replace(" ", "").replace(".", "")
