"""Find figures typed into prose that data already holds.

Pages must show amounts, percentages, durations and dates through macros, so
that a change in data/ changes every page. `data_literals(data)` lists, for
every such value in data/, the ways a writer might type it ("100 triệu",
"100.000.000 đồng", "6,24 %", "120 tháng", "10 năm", "01/12/2025", "ngày 5
hằng tháng", ...); `scan_markdown` finds them in a page outside macro calls.
"""

from __future__ import annotations

import datetime
import re
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from macros import formatting as fmt
from macros.data.dataset import Dataset
from macros.data.references import values_of

_NUMBER_WORDS = {1: "một", 2: "hai", 3: "ba", 4: "bốn", 5: "năm", 6: "sáu", 10: "mười", 12: "mười hai"}
_MACRO = re.compile(r"\{\{.*?\}\}|\{%.*?%\}|\{#.*?#\}", re.S)
_LINK_TARGET = re.compile(r"\]\([^)]*\)")


@dataclass(frozen=True)
class Literal:
    pattern: re.Pattern
    origin: str
    """Where data holds the value: "facts.yaml business-max-term", "milestones.yaml two-tier-government.date"."""


@dataclass(frozen=True)
class Finding:
    line: int
    text: str
    origin: str

    def __str__(self) -> str:
        return f"line {self.line}: {self.text!r} is held in data ({self.origin}); use a macro"


def _bounded(body: str) -> re.Pattern:
    """`body` not inside a longer number or word."""
    return re.compile(rf"(?<![\w.,/-]){body}(?![\w]|[.,/-]\d)", re.IGNORECASE)


def number_forms(value: int | float) -> list[str]:
    """How a number may be typed: 6,24 / 6.24; 100.000.000 / 100,000,000 / 100000000."""
    if float(value).is_integer():
        whole = int(value)
        forms = {str(whole), fmt.number_vi(whole), f"{whole:,}"}
        if whole < 10:
            forms.add(f"0{whole}")
        return sorted(forms, key=len, reverse=True)
    text = repr(float(value))
    return sorted({text, text.replace(".", ",")}, key=len, reverse=True)


def _alternatives(forms: Iterable[str]) -> str:
    return "(?:" + "|".join(re.escape(f) for f in forms) + ")"


def money_patterns(amount: int) -> list[str]:
    """100 triệu / 100tr / 2 tỷ / 26,6 tỷ / 100.000.000 (đồng)."""
    patterns = []
    for unit, size in (("tỷ", 1_000_000_000), ("triệu|tr", 1_000_000), ("nghìn|ngàn", 1_000)):
        if amount >= size and (amount * 10) % size == 0:
            patterns.append(
                rf"{_alternatives(number_forms(amount / size if amount % size else amount // size))}\s*(?:{unit})\b"
            )
    digits = [f for f in number_forms(amount) if len(f) >= 5]
    if digits:
        patterns.append(_alternatives(digits))
    return patterns


def quantity_patterns(value: int | float, unit: str) -> list[str]:
    number = _alternatives(number_forms(value))
    words = _NUMBER_WORDS.get(int(value)) if float(value).is_integer() else None
    either = f"(?:{number}|{words})" if words else number
    if unit == "vnd":
        return money_patterns(int(value))
    if unit == "vnd_per_month":
        return money_patterns(int(value))
    if unit == "percent_per_year":
        if float(value).is_integer():
            return [rf"{number}\s*(?:%|phần trăm)"]
        return [number]  # a decimal like 6,24 is distinctive on its own
    if unit in ("percent_of_lending_rate", "percent_of_workforce"):
        return [rf"{number}\s*(?:%|phần trăm)"]
    if unit == "months":
        out = [rf"{either}\s*tháng"]
        if value % 12 == 0:
            years = int(value // 12)
            year_words = _NUMBER_WORDS.get(years)
            out.append(rf"(?:{_alternatives(number_forms(years))}{'|' + year_words if year_words else ''})\s*năm")
        return out
    if unit == "years":
        return [rf"{either}\s*năm"]
    if unit == "times_disbursement_period":
        doubled = "|gấp đôi" if value == 2 else ""
        return [rf"(?:{either}\s*lần\s*thời hạn|gấp\s*{either}{doubled})"]
    raise ValueError(f"no literal patterns for unit {unit!r}")


def date_patterns(day: datetime.date) -> list[str]:
    d, m, y = day.day, day.month, day.year
    dd = f"(?:0?{d})"
    mm = f"(?:0?{m})"
    return [
        rf"{dd}\s*[/.-]\s*{mm}\s*[/.-]\s*{y}",
        rf"ngày\s*{dd}\s*tháng\s*{mm}\s*năm\s*{y}",
        rf"{day.isoformat()}",
        rf"tháng\s*{mm}\s*(?:/|năm)\s*{y}",
    ]


def data_literals(data: Dataset) -> list[Literal]:
    """Every amount, percentage, duration, date and count that data holds, as typed patterns."""
    found: list[Literal] = []

    def add(patterns: Iterable[str], origin: str) -> None:
        for pattern in patterns:
            found.append(Literal(_bounded(pattern), origin))

    for fact in data.facts.values():
        for period in fact.periods:
            if period.value is not None:
                add(quantity_patterns(period.value, fact.unit), f"facts.yaml {fact.id}")
    records: list[tuple[str, Any]] = [("facts.yaml", f) for f in data.facts.values()]
    records += [("legal_documents.yaml", d) for d in data.documents.values()]
    records += [("milestones.yaml", m) for m in data.milestones]
    records += [("statistics.yaml", f) for f in data.figures]
    records += [("deadlines.yaml", d) for d in data.duties.values()]
    records += [("province.yaml", data.province)]
    records += [("forms.yaml", f) for f in data.forms.values()]
    records += [("procedures.yaml", p) for p in data.procedures.values()]
    seen: set[datetime.date] = set()
    for name, record in records:
        for path, day in values_of(record, datetime.date):
            if day not in seen:
                seen.add(day)
                add(date_patterns(day), f"{name} {getattr(record, 'id', '')}.{'.'.join(map(str, path))}")
    for duty in data.duties.values():
        day = re.search(r"BYMONTHDAY=([0-9]+)", duty.rrule or "")
        if day:
            n = int(day.group(1))
            add(
                [rf"(?:ngày|mùng|mồng)\s*0?{n}\s*(?:hằng|hàng|mỗi|của mỗi|các)\s*tháng", rf"(?:mùng|mồng)\s*0?{n}\b"],
                f"deadlines.yaml {duty.id}.rrule",
            )
    for figure in data.figures:
        if figure.people is not None and figure.people >= 20:
            add([_alternatives(number_forms(figure.people))], f"statistics.yaml {figure.id}.people")
        if figure.amount_vnd is not None:
            add(money_patterns(figure.amount_vnd), f"statistics.yaml {figure.id}.amount_vnd")
    province = data.province
    add([rf"{len(data.communes)}\b"], "communes.yaml (number of units)")
    add(
        [rf"{province.commune_count}\s*xã", rf"{province.ward_count}\s*phường"],
        "province.yaml commune_count/ward_count",
    )
    if province.programme:
        add(
            [rf"{province.programme.first_year}\s*[-–—]\s*{province.programme.last_year}"],
            "province.yaml programme years",
        )
    return found


def without_macros(markdown: str) -> str:
    """The Markdown with macro calls and link targets blanked out, line numbers kept."""

    def blank(match: re.Match) -> str:
        return re.sub(r"[^\n]", " ", match.group(0))

    return _LINK_TARGET.sub(blank, _MACRO.sub(blank, markdown))


def scan_text(text: str, literals: list[Literal]) -> list[Finding]:
    findings = []
    for literal in literals:
        for match in literal.pattern.finditer(text):
            line = text.count("\n", 0, match.start()) + 1
            findings.append(Finding(line, match.group(0), literal.origin))
    return sorted(findings, key=lambda f: (f.line, f.text))


def scan_markdown(markdown: str, literals: list[Literal]) -> list[Finding]:
    """Figures that data holds, typed in a page outside `{{ ... }}`, `{% ... %}` and link targets."""
    return scan_text(without_macros(markdown), literals)
