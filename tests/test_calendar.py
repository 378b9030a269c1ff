"""Duties in time: next dates, and the .ics feeds in the built site, read back with icalendar."""

from __future__ import annotations

import datetime
import re

import pytest
from dateutil.rrule import rrulestr
from icalendar import Calendar

from macros.cli.check import check
from macros.outputs import ics
from macros.render import duty_words
from macros.rules import schedule as cal

from .conftest import build_for_date, copy_repo

PROVINCE = "thanh-hoa"
FORM_01_UID = f"form-01-list.{PROVINCE}@lich.qd22"


def feeds(root) -> dict[str, Calendar]:
    return {a: Calendar.from_ical((root / cal.feed_path(PROVINCE, a)).read_bytes()) for a in cal.FEED_FILES}


def uids(calendar: Calendar) -> list[str]:
    return [str(e["UID"]) for e in calendar.walk("VEVENT")]


# --- next dates ---------------------------------------------------------------------


@pytest.mark.parametrize(
    "day, expected",
    [
        ("2023-10-01", "05/11/2023"),  # before the Decision applied: the first list after 10/10/2023
        ("2023-10-10", "05/11/2023"),
        ("2025-12-01", "05/12/2025"),
        ("2025-12-05", "05/12/2025"),  # the day itself still counts
        ("2025-12-06", "05/01/2026"),
        ("2026-02-28", "05/03/2026"),
    ],
)
def test_form_01_next_date(data, day, expected):
    assert duty_words.due_words(cal.due(data.duties["form-01-list"], datetime.date.fromisoformat(day))) == expected


@pytest.mark.parametrize(
    "duty, day, expected",
    [
        ("information-exchange-monthly", "2025-12-01", "Trong tháng 12/2025 (không có ngày cụ thể)"),
        ("information-exchange-quarterly", "2025-12-01", "Trong quý IV/2025 (không có ngày cụ thể)"),
        ("information-exchange-quarterly", "2026-04-01", "Trong quý II/2026 (không có ngày cụ thể)"),
        ("information-exchange-yearly", "2028-12-31", "Trong năm 2028 (không có ngày cụ thể)"),
        ("information-exchange-yearly", "2029-01-01", "Đã kết thúc"),  # the programme ends in 2028
        ("information-exchange-monthly", "2024-01-15", "Trong tháng 06/2024 (không có ngày cụ thể)"),  # before signing
        ("job-fairs", "2025-12-01", "Không có lịch cố định"),
        ("programme-review", "2025-12-01", "Không có lịch cố định"),
    ],
)
def test_duties_without_a_day_get_a_period_never_a_day(data, duty, day, expected):
    assert duty_words.due_words(cal.due(data.duties[duty], datetime.date.fromisoformat(day))) == expected


def test_timing_words_come_from_the_rule(data):
    assert duty_words.timing_words(data.duties["form-01-list"]) == "Ngày 5 hằng tháng"
    assert duty_words.timing_words(data.duties["information-exchange-quarterly"]) == "Hằng quý, không có ngày cụ thể"
    assert duty_words.timing_words(data.duties["job-fairs"]) == "Nguồn không nêu tần suất"
    assert duty_words.rule_words("FREQ=YEARLY;BYMONTH=12;BYMONTHDAY=31") == "Ngày 31 tháng 12 hằng năm"
    assert duty_words.rule_words("FREQ=MONTHLY;INTERVAL=3;BYMONTHDAY=10") == "Ngày 10, 3 tháng một lần"


# --- the data refuses an invented day ---------------------------------------------------


@pytest.mark.parametrize(
    "old, new, field, message",
    [
        # a programme duty says "monthly" only: giving it a day is refused (no clause states one)
        (
            '    rrule: null\n    timing_note: Chương trình nêu "định kỳ hằng tháng", không nêu ngày.\n',
            "    rrule: FREQ=MONTHLY;BYMONTHDAY=10\n",
            "legal_ref",
            "an exact day needs the article and clause that state it",
        ),
        (
            "rrule: FREQ=MONTHLY;BYMONTHDAY=5",
            "rrule: FREQ=MONTHLY;INTERVAL=3;BYMONTHDAY=5",
            "rrule",
            "does not match frequency",
        ),
        ("rrule: FREQ=MONTHLY;BYMONTHDAY=5", "rrule: FREQ=MONTHLY;BYDAY=MO", "rrule", "BYDAY is not supported"),
        ("rrule: FREQ=MONTHLY;BYMONTHDAY=5", "rrule: FREQ=MONTHLY", "rrule", "names its day"),
        (
            "    frequency: ad_hoc\n    rrule: null\n",
            "    frequency: ad_hoc\n    rrule: FREQ=MONTHLY;BYMONTHDAY=1\n",
            "rrule",
            "must be null",
        ),
        (
            "    status: uncertain\n    note: Nội dung chương trình chỉ biết qua một bài báo về lễ ký; văn bản chương trình chưa được công bố.\n",
            "    status: uncertain\n",
            "note",
            "an uncertain duty needs a note",
        ),
    ],
)
def test_rules_a_source_does_not_give_are_refused(tmp_path, old, new, field, message):
    root = copy_repo(tmp_path)
    # Decision 22's duties are national (data/duties.yaml); the programme's are the province's.
    files = ["data/duties.yaml", f"data/provinces/{PROVINCE}/deadlines.yaml"]
    name = next(f for f in files if old in (root / f).read_text(encoding="utf-8"))
    path = root / name
    text = path.read_text(encoding="utf-8")
    path.write_text(text.replace(old, new, 1), encoding="utf-8")
    problems = check(root, PROVINCE)
    assert len(problems) == 1, problems
    assert re.match(rf"^{re.escape(name)}:\d+: duties\.\d+\.{field}: .*{re.escape(message)}", problems[0]), problems


def test_programme_duties_end_with_the_programme(tmp_path):
    root = copy_repo(tmp_path)
    path = root / "data/provinces" / PROVINCE / "deadlines.yaml"
    text = path.read_text(encoding="utf-8")
    path.write_text(text.replace("applies_to: 2028-12-31", "applies_to: 2030-12-31", 1), encoding="utf-8")
    problems = check(root, PROVINCE)
    assert len(problems) == 1 and "applies_to: a programme duty ends with the programme" in problems[0], problems


# --- the feeds in the built site --------------------------------------------------------------


def test_one_feed_per_audience_and_one_with_everything(site, data):
    files = sorted(p.name for p in (site.root / cal.FEED_DIR).glob("*.ics"))
    assert files == sorted(f"{PROVINCE}-{name}.ics" for name in cal.FEED_FILES.values())
    parsed = feeds(site.root)
    everything = set(uids(parsed[cal.ALL_AUDIENCES]))
    for audience, calendar in parsed.items():
        assert calendar.walk("VEVENT"), f"{audience} feed is empty"
        assert set(uids(calendar)) <= everything
    assert FORM_01_UID in set(uids(parsed["commune_police"])) & set(uids(parsed["commune_committee"])) & set(
        uids(parsed["vbsp_office"])
    )
    assert FORM_01_UID not in uids(parsed["provincial"])


def test_every_feed_parses_and_is_in_vietnam_time(site):
    for audience, calendar in feeds(site.root).items():
        assert str(calendar["VERSION"]) == "2.0"
        assert str(calendar["X-WR-TIMEZONE"]) == ics.TZID
        assert [str(t["TZID"]) for t in calendar.walk("VTIMEZONE")] == [ics.TZID]
        assert duty_words.audience_words(audience) in str(calendar["X-WR-CALNAME"])
        found = uids(calendar)
        assert len(found) == len(set(found)), f"duplicate UIDs in {audience}"
        for event in calendar.walk("VEVENT"):
            start = event.decoded("DTSTART")
            assert type(start) is datetime.date, "all-day events: no time of day is invented"
            assert event.decoded("DTEND") > start
            assert event.decoded("DTSTAMP") == datetime.datetime(2025, 12, 1, tzinfo=datetime.UTC)
            assert "Căn cứ:" in str(event["DESCRIPTION"])


def test_form_01_recurs_monthly_on_day_5(site):
    calendar = feeds(site.root)[cal.ALL_AUDIENCES]
    event = next(e for e in calendar.walk("VEVENT") if str(e["UID"]) == FORM_01_UID)
    rule = event["RRULE"]
    assert rule["FREQ"] == ["MONTHLY"] and rule["BYMONTHDAY"] == [5]
    start = event.decoded("DTSTART")
    assert start == datetime.date(2023, 11, 5)  # the first 5th after the Decision took effect (10/10/2023)
    expanded = list(
        rrulestr(rule.to_ical().decode(), dtstart=datetime.datetime.combine(start, datetime.time())).xafter(
            datetime.datetime(2023, 1, 1), count=36
        )
    )
    assert {d.day for d in expanded} == {5}
    assert [(d.year, d.month) for d in expanded[:3]] == [(2023, 11), (2023, 12), (2024, 1)]
    assert "điểm c khoản 2 Điều 14 Quyết định 22/2023/QĐ-TTg" in str(event["DESCRIPTION"]).replace("\n", " ")


def test_only_a_rule_the_source_gives_recurs_and_the_rest_span_whole_periods(site, data):
    """No event pins a duty to a day its source does not give."""
    calendar = feeds(site.root)[cal.ALL_AUDIENCES]
    with_rules = [e for e in calendar.walk("VEVENT") if "RRULE" in e]
    assert [str(e["UID"]).split(".")[0] for e in with_rules] == [d.id for d in data.duties.values() if d.rrule]
    for event in with_rules:
        duty = data.duties[str(event["UID"]).split(".")[0]]
        assert event["RRULE"].to_ical().decode() == duty.rrule
    for event in calendar.walk("VEVENT"):
        if "RRULE" in event:
            continue
        duty = data.duties[str(event["UID"]).split(".")[0]]
        assert duty.rrule is None and duty.frequency in cal.PERIODIC
        start, end = event.decoded("DTSTART"), event.decoded("DTEND")
        period = cal.period_of(duty.frequency, start)
        assert (start, end) == (period.start, period.end), str(event["UID"])
        assert "không có ngày cụ thể" in str(event["SUMMARY"])
    periodic = {d.id for d in data.duties.values() if d.frequency in cal.PERIODIC and not d.rrule}
    assert periodic <= {str(e["UID"]).split(".")[0] for e in calendar.walk("VEVENT")}


def _period_year(uid: str) -> int | None:
    """The year of a period event's UID ("duty.2025-02.province@..."), None for a recurring one."""
    match = re.match(r"^[^.]+\.(\d{4})", uid)
    return int(match[1]) if match else None


def test_uids_are_equal_across_two_builds(site, tmp_path, monkeypatch):
    again = build_for_date(tmp_path / "again", "2025-12-01", monkeypatch)
    later = build_for_date(tmp_path / "later", "2026-03-06", monkeypatch)
    first, second, third = feeds(site.root), feeds(again.root), feeds(later.root)
    for audience in cal.FEED_FILES:
        assert uids(first[audience]) == uids(second[audience]), audience
        path = cal.feed_path(PROVINCE, audience)
        assert (site.root / path).read_bytes() == (again.root / path).read_bytes(), (
            f"{path} differs between two builds of the same day"
        )
        # A later build reaches further ahead, and keeps every UID it had whose period it still
        # lists: a duty without an exact day is one event per period from January of the year
        # before the build's (ics.FEED_YEARS_BACK), so that a feed stays bounded.
        since = 2026 - ics.FEED_YEARS_BACK
        still_listed = {uid for uid in uids(first[audience]) if _period_year(uid) in (None, *range(since, 2100))}
        assert still_listed and still_listed <= set(uids(third[audience])), audience
        assert set(uids(first[audience])) - still_listed, "the earlier build listed older periods"
    assert FORM_01_UID in uids(third[cal.ALL_AUDIENCES])
