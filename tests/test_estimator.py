"""The estimator's Python side (macros/rules/estimator.py: the worked example of the page)."""

import pytest

from macros.rules.estimator import monthly_interest, schedule


def test_interest_is_monthly_on_the_outstanding_balance():
    plan = schedule(120_000_000, 12, 6.6, 12)
    assert [r.outstanding for r in plan.rows] == [120_000_000] * 12
    assert {r.interest for r in plan.rows} == {660_000}  # 120 000 000 × 6,6 % ÷ 12
    assert [r.principal for r in plan.rows] == [0] * 11 + [120_000_000]
    assert plan.total_interest == 7_920_000 and plan.total_paid == 127_920_000


def test_principal_in_equal_instalments_lowers_the_interest():
    plan = schedule(100_000_000, 36, 6.24, 12)
    assert [r.principal for r in plan.rows if r.principal] == [33_333_333, 33_333_333, 33_333_334]
    assert [r.month for r in plan.rows if r.principal] == [12, 24, 36]
    assert plan.rows[12].outstanding == 66_666_667
    assert plan.rows[12].interest == monthly_interest(66_666_667, 6.24) == 346_667
    assert plan.total_principal == 100_000_000


def test_a_term_that_is_not_a_multiple_of_the_period_ends_with_the_rest():
    plan = schedule(10_000_000, 7, 6.24, 3)
    assert [(r.month, r.principal) for r in plan.rows if r.principal] == [
        (3, 3_333_333),
        (6, 3_333_333),
        (7, 3_333_334),
    ]
    assert plan.rows[-1].outstanding == 3_333_334


def test_monthly_repayment():
    plan = schedule(12_000_000, 12, 6.24, 1)
    assert all(r.principal == 1_000_000 for r in plan.rows)
    assert plan.rows[0].interest == 62_400 and plan.rows[-1].interest == 5_200
    assert plan.total_interest == sum(monthly_interest(12_000_000 - k * 1_000_000, 6.24) for k in range(12))


def test_rounding_is_half_up_to_whole_dong():
    assert monthly_interest(1_000_001, 6.0) == 5_000  # 5 000,005
    assert monthly_interest(1_000_100, 6.0) == 5_001  # 5 000,5 rounds up
    assert monthly_interest(0, 6.24) == 0


@pytest.mark.parametrize(
    "args", [(0, 12, 6.24, 1), (1_000, 0, 6.24, 1), (1_000, 12, 6.24, 0), (1_000, 12, -1, 1), (1_000.5, 12, 6.24, 1)]
)
def test_nonsense_is_refused(args):
    with pytest.raises(ValueError):
        schedule(*args)


# Amounts, terms and periods a person may pick (the page allows terms up to the fact's maximum).
GRID = [
    (amount, term, rate, every)
    for amount in (1_000, 12_345_678, 100_000_000, 1_500_000_000, 2_000_000_000)
    for term in (1, 2, 3, 7, 12, 13, 36, 60, 120)
    for rate in (0.0, 6.24, 6.6)
    for every in (1, 3, 6, 12)
]


@pytest.mark.parametrize("amount, term, rate, every", GRID)
def test_the_headline_never_understates_a_month(amount, term, rate, every):
    """People budget on the headline: it is at least the mean month, and it is the dearest month of
    its kind (a principal month; the other months), rounded up by less than a thousand đồng."""
    plan = schedule(amount, term, rate, every)
    headline = plan.headline
    principal_months = [r.payment for r in plan.rows if r.principal]
    other_months = [r.payment for r in plan.rows if not r.principal]
    assert headline.due * term >= plan.total_paid, "at least the mean monthly cost over the term"
    assert 0 <= headline.due - max(principal_months) < 1000
    assert headline.due % 1000 == 0 and headline.due_exact == max(principal_months)
    assert plan.rows[headline.due_month - 1].payment == headline.due_exact
    if other_months:
        assert 0 <= headline.interest_only - max(other_months) < 1000 and headline.interest_only % 1000 == 0
        assert headline.kind == ("periodic" if term > every else "at_end")
    else:
        assert headline.interest_only is None and headline.kind == "monthly"
    assert headline.kind == "monthly" or every > 1


def test_the_headline_leads_with_the_principal_month():
    yearly = schedule(100_000_000, 36, 6.24, 12)
    # 33 months of interest only (520 000, then 346 667, then 173 333); three months with principal
    assert yearly.first_payment == 520_000
    assert (yearly.largest.month, yearly.largest.payment) == (12, 33_853_333)
    headline = yearly.headline
    assert (headline.kind, headline.every, headline.due, headline.due_month) == ("periodic", 12, 33_854_000, 12)
    assert headline.interest_only == 520_000
    workshop = schedule(1_500_000_000, 60, 6.24, 3).headline  # the reviewer's workshop
    assert (workshop.kind, workshop.due, workshop.interest_only) == ("periodic", 82_800_000, 7_800_000)
    monthly = schedule(12_000_000, 12, 6.24, 1)
    assert monthly.headline.kind == "monthly" and monthly.headline.interest_only is None
    assert monthly.headline.due == 1_063_000  # the first month, 1 062 400, the dearest
    assert monthly.largest.month == 1
    single = schedule(10_000_000, 1, 6.24, 12).headline
    assert (single.kind, single.due, single.interest_only) == ("monthly", 10_052_000, None)
    at_end = schedule(100_000_000, 2, 6.0, 12).headline  # 500 000, then the principal
    assert (at_end.kind, at_end.due, at_end.due_month, at_end.interest_only) == ("at_end", 100_500_000, 2, 500_000)


def test_the_headline_rounds_up_to_a_thousand():
    assert schedule(3_000, 2, 0.0, 1).headline.due == 2_000  # 1 500 each: never below
    assert schedule(2_000, 2, 0.0, 1).headline.due == 1_000  # exact thousands stay
    no_interest = schedule(1_500_000, 2, 0.0, 12).headline
    assert (no_interest.due, no_interest.interest_only) == (1_500_000, 0)
