"""The build date is the date in Viet Nam (Asia/Ho_Chi_Minh), whatever the machine's clock zone."""

from __future__ import annotations

import datetime

import pytest

from macros import settings


def stopped_clock(monkeypatch, when: str) -> None:
    monkeypatch.setattr(settings, "utc_now", lambda: datetime.datetime.fromisoformat(when))


@pytest.mark.parametrize(
    ("utc", "day"),
    [
        ("2026-11-30T16:59:59+00:00", "2026-11-30"),
        ("2026-11-30T17:30:00+00:00", "2026-12-01"),  # 00:30 on 1 December in Viet Nam
        ("2026-12-31T23:59:00+00:00", "2027-01-01"),
    ],
)
def test_the_build_date_is_the_date_in_vietnam(monkeypatch, utc, day):
    monkeypatch.delenv("SITE_DATE", raising=False)
    stopped_clock(monkeypatch, utc)
    assert settings.site_date() == datetime.date.fromisoformat(day)
    assert settings.today_in_vietnam() == datetime.date.fromisoformat(day)


def test_the_machine_zone_does_not_move_the_date(monkeypatch):
    """A CI machine in UTC (or anywhere) at 17:30 UTC builds 1 December, as readers in Viet Nam live it."""
    time = pytest.importorskip("time")
    if not hasattr(time, "tzset"):
        pytest.skip("no time.tzset on this platform")
    monkeypatch.delenv("SITE_DATE", raising=False)
    stopped_clock(monkeypatch, "2026-11-30T17:30:00+00:00")
    for zone in ("UTC", "America/Los_Angeles", "Asia/Ho_Chi_Minh"):
        monkeypatch.setenv("TZ", zone)
        time.tzset()
        assert settings.site_date() == datetime.date(2026, 12, 1), zone
    monkeypatch.undo()
    time.tzset()


def test_a_pinned_site_date_wins(monkeypatch):
    stopped_clock(monkeypatch, "2026-11-30T17:30:00+00:00")
    monkeypatch.setenv("SITE_DATE", "2025-11-30")
    assert settings.site_date() == datetime.date(2025, 11, 30)
