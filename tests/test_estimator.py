"""The estimator's Python reference (macros/estimator.py)."""

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


def test_the_headline_is_the_usual_month_with_the_first_and_the_largest():
    yearly = schedule(100_000_000, 36, 6.24, 12)
    # 33 months of interest only (520 000, then 346 667, then 173 333); three months with principal
    assert yearly.first_payment == 520_000
    assert yearly.usual_payment == 347_000  # the median month (18th of 36 by amount), to the thousand
    assert (yearly.largest.month, yearly.largest.payment) == (12, 33_853_333)
    monthly = schedule(12_000_000, 12, 6.24, 1)
    assert (
        monthly.first_payment == 1_062_400 and monthly.usual_payment == 1_031_000
    )  # 1 031 200: the lower middle of 12
    assert monthly.largest.month == 1
    single = schedule(10_000_000, 1, 6.24, 1)
    assert single.first_payment == single.largest.payment == 10_052_000 and single.usual_payment == 10_052_000


def test_the_usual_payment_rounds_half_up_to_a_thousand():
    plan = schedule(100_000_000, 2, 6.0, 12)  # 500 000 a month, then the principal
    assert plan.usual_payment == 500_000
    assert schedule(1_500_000, 2, 0.0, 12).usual_payment == 0
    assert schedule(3_000, 2, 0.0, 1).usual_payment == 2_000  # 1 500 each: half up
