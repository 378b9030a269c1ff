import datetime

from macros.cli.freshness import months_before, overdue_pages, overdue_records
from macros.data.dataset import load_dataset

from .conftest import REPO


def test_nothing_is_overdue_on_the_day_of_review():
    data = load_dataset(REPO, "thanh-hoa")
    assert overdue_records(data, datetime.date(2026, 11, 28)) == []
    assert overdue_pages(data, datetime.date(2026, 11, 28)) == []


def test_records_and_pages_become_due_as_time_passes():
    data = load_dataset(REPO, "thanh-hoa")
    later = datetime.date(2027, 3, 1)
    records = overdue_records(data, later)
    assert any("facts.poor-household-lending-rate" in line and "2027-02-28" in line for line in records)
    assert any("offices.nhcsxh-thanh-hoa" in line for line in records)
    assert not any("facts.business-max-term:" in line for line in records)  # due 2027-05-28
    pages = overdue_pages(data, datetime.date(2027, 5, 29))
    assert "docs/can-bo/lich.md: last reviewed 2026-11-28, more than 6 months ago" in pages
    assert overdue_pages(data, datetime.date(2027, 5, 28)) == []


def test_months_before_handles_month_ends():
    assert months_before(datetime.date(2027, 8, 31), 6) == datetime.date(2027, 2, 28)
    assert months_before(datetime.date(2027, 1, 15), 1) == datetime.date(2026, 12, 15)
