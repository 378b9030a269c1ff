"""The loan estimator's reference implementation; docs/assets/uoc-tinh.js computes the same way.

- Interest is charged every month on the principal still owed at the start of that month, at the
  annual rate divided by 12: `outstanding × rate ÷ 100 ÷ 12`, rounded half up to whole đồng.
- Principal is repaid in equal instalments every `principal_every_months` months, and at the end of
  the term: `ceil(term ÷ every)` instalments. Each is `amount ÷ instalments` rounded down to whole
  đồng; the last instalment also takes what rounding left over, so the principal adds up exactly.

The headline (`Schedule.headline`) is what a person budgets on, so it never understates a month:
with principal every month, "Mỗi tháng trả khoảng … đồng" is the largest month (the first); with
principal every N months, "Mỗi N tháng (kỳ trả gốc) trả khoảng … đồng" is the largest month when
principal falls due, then "các tháng khác trả lãi khoảng … đồng" the largest interest-only month.
Each is rounded up to a thousand đồng, so it is at least what that month costs and less than a
thousand đồng above it.

The arithmetic is chosen to give identical results in Python and JavaScript: integers, one
floating-point product and two divisions in the same order, `floor(x + 0.5)` for rounding.
This is an estimate: the bank sets the real instalments in the loan papers.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from typing import Literal


@dataclass(frozen=True)
class Row:
    month: int
    outstanding: int
    """Principal owed at the start of the month."""
    interest: int
    principal: int
    payment: int


@dataclass(frozen=True)
class Headline:
    """What the estimate says first, by how the principal is repaid:

    - "monthly": principal every month (or a one-month term): "Mỗi tháng trả khoảng {due}";
    - "periodic": principal every `every` months: "Mỗi {every} tháng (kỳ trả gốc) trả khoảng {due};
      các tháng khác trả lãi khoảng {interest_only}";
    - "at_end": the term is no longer than the period, so all the principal is due in the last
      month: "Tháng cuối (tháng {due_month}) trả khoảng {due}; các tháng khác trả lãi khoảng {interest_only}".
    """

    kind: Literal["monthly", "periodic", "at_end"]
    every: int
    due: int
    """The largest payment of a month when principal falls due, rounded up to a thousand đồng."""
    due_month: int
    """That month (the earliest, when several cost the same)."""
    due_exact: int
    interest_only: int | None
    """The largest interest-only month, rounded up to a thousand đồng; None when every month repays principal."""


@dataclass(frozen=True)
class Schedule:
    amount: int
    term_months: int
    annual_rate_percent: float
    principal_every_months: int
    rows: tuple[Row, ...]

    @property
    def total_interest(self) -> int:
        return sum(r.interest for r in self.rows)

    @property
    def total_principal(self) -> int:
        return sum(r.principal for r in self.rows)

    @property
    def total_paid(self) -> int:
        return self.total_interest + self.total_principal

    @property
    def first_payment(self) -> int:
        return self.rows[0].payment

    @property
    def largest(self) -> Row:
        """The month that costs the most (the earliest, when several cost the same)."""
        return max(self.rows, key=lambda r: (r.payment, -r.month))

    @property
    def headline(self) -> Headline:
        due = max((r for r in self.rows if r.principal), key=lambda r: (r.payment, -r.month))
        interest_only = [r.payment for r in self.rows if not r.principal]
        if not interest_only:
            kind = "monthly"
        elif self.term_months > self.principal_every_months:
            kind = "periodic"
        else:
            kind = "at_end"
        return Headline(
            kind=kind,
            every=self.principal_every_months,
            due=round_up_to_thousand(due.payment),
            due_month=due.month,
            due_exact=due.payment,
            interest_only=round_up_to_thousand(max(interest_only)) if interest_only else None,
        )


def round_half_up(value: float) -> int:
    return math.floor(value + 0.5)


def round_up_to_thousand(value: int) -> int:
    return -(-value // 1000) * 1000


def monthly_interest(outstanding: int, annual_rate_percent: float) -> int:
    return round_half_up(outstanding * annual_rate_percent / 100 / 12)


def schedule(amount: int, term_months: int, annual_rate_percent: float, principal_every_months: int) -> Schedule:
    """The month-by-month schedule. Raises ValueError for amounts or periods that make no sense."""
    for name, value in (
        ("amount", amount),
        ("term_months", term_months),
        ("principal_every_months", principal_every_months),
    ):
        if isinstance(value, bool) or not isinstance(value, int) or value < 1:
            raise ValueError(f"{name} must be a whole number ≥ 1, not {value!r}")
    if not 0 <= annual_rate_percent <= 100:
        raise ValueError(f"annual_rate_percent must be between 0 and 100, not {annual_rate_percent!r}")
    instalments = math.ceil(term_months / principal_every_months)
    each = amount // instalments
    rows = []
    outstanding = amount
    paid_instalments = 0
    for month in range(1, term_months + 1):
        interest = monthly_interest(outstanding, annual_rate_percent)
        principal = 0
        if month % principal_every_months == 0 or month == term_months:
            paid_instalments += 1
            principal = each if paid_instalments < instalments else outstanding
        rows.append(Row(month, outstanding, interest, principal, interest + principal))
        outstanding -= principal
    return Schedule(amount, term_months, annual_rate_percent, principal_every_months, tuple(rows))
