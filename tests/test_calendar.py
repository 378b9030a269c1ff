"""Duties in time: deadlines, and the .ics feeds in the built site, read back with icalendar and with
a second, independent parser (Mozilla's ical.js under Node, pinned in package-lock.json)."""

from __future__ import annotations

import datetime
import json
import re
import shutil
import subprocess

import pytest
from dateutil.rrule import rrulestr
from icalendar import Calendar

from macros.cli.check import check
from macros.outputs import ics
from macros.render import duty_words
from macros.rules import schedule as cal

from .conftest import REPO, build_for_date, copy_repo

PROVINCE = "thanh-hoa"
LATER = "2027-06-15"
"""A later build: its feeds must reach a year past it, not stop where the first build's did."""
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
        ("information-exchange-monthly", "2025-12-01", "Trong tháng 12/2025, hạn cuối 31/12/2025"),
        ("information-exchange-quarterly", "2025-12-01", "Trong quý IV/2025, hạn cuối 31/12/2025"),
        ("information-exchange-quarterly", "2026-04-01", "Trong quý II/2026, hạn cuối 30/06/2026"),
        ("information-exchange-monthly", "2026-02-01", "Trong tháng 02/2026, hạn cuối 28/02/2026"),
        ("information-exchange-yearly", "2028-12-31", "Trong năm 2028, hạn cuối 31/12/2028"),
        ("information-exchange-yearly", "2029-01-01", "Đã kết thúc"),  # the programme ends in 2028
        ("information-exchange-monthly", "2024-01-15", "Trong tháng 06/2024, hạn cuối 30/06/2024"),  # before signing
        ("job-fairs", "2025-12-01", "Không có lịch cố định"),
        ("programme-review", "2025-12-01", "Không có lịch cố định"),
    ],
)
def test_duties_without_a_day_are_due_on_the_last_day_of_their_period(data, duty, day, expected):
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


def test_every_feed_parses_and_is_in_vietnam_time(site, data):
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
            assert event.decoded("DTEND") == start + datetime.timedelta(days=1), "a deadline is one day"
            assert event.decoded("DTSTAMP") == datetime.datetime(2025, 12, 1, tzinfo=datetime.UTC)
            assert "Căn cứ:" in str(event["DESCRIPTION"])


def test_every_deadline_has_a_reminder_the_data_states(site, data):
    assert data.reminder_days_before == 3
    for calendar in feeds(site.root).values():
        for event in calendar.walk("VEVENT"):
            (alarm,) = event.walk("VALARM")
            assert str(alarm["ACTION"]) == "DISPLAY"
            # 08:00 on the day three days before (the all-day event starts at midnight)
            assert alarm.decoded("TRIGGER") == datetime.timedelta(days=-3, hours=ics.REMINDER_HOUR)
            assert str(alarm["DESCRIPTION"]).startswith("Còn 3 ngày đến hạn: ")


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


def test_only_a_rule_the_source_gives_recurs_and_the_rest_fall_due_on_the_last_day_of_their_period(site, data):
    """No event pins a duty to a day its source does not give, and none spans a period like a banner."""
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
        day = event.decoded("DTSTART")
        period = cal.period_of(duty.frequency, day)
        assert day == period.last_day, str(event["UID"])
        assert str(event["SUMMARY"]) == f"Hạn cuối {duty_words.period_words(period)}: {duty.title}"
        assert "Nguồn không nêu ngày: hạn là ngày cuối kỳ." in str(event["DESCRIPTION"])
    periodic = {d.id for d in data.duties.values() if d.frequency in cal.PERIODIC and not d.rrule}
    assert periodic <= {str(e["UID"]).split(".")[0] for e in calendar.walk("VEVENT")}
    undated = {d.id for d in data.duties.values() if d.frequency not in cal.PERIODIC}
    assert undated and not undated & {str(e["UID"]).split(".")[0] for e in calendar.walk("VEVENT")}


@pytest.fixture(scope="module")
def later_site(tmp_path_factory):
    return build_for_date(tmp_path_factory.mktemp("later"), LATER)


def _deadline_days(calendar: Calendar, duty_id: str) -> list[datetime.date]:
    return sorted(e.decoded("DTSTART") for e in calendar.walk("VEVENT") if str(e["UID"]).split(".")[0] == duty_id)


@pytest.mark.parametrize("built, day", [("site", "2025-12-01"), ("later_site", LATER)])
def test_feeds_reach_a_year_past_the_build_and_roll_on(request, data, built, day):
    """Every duty done within a period that still applies a year after the build has its deadlines
    up to then (and the feed stays bounded: no more than a year back)."""
    root = request.getfixturevalue(built).root
    on = datetime.date.fromisoformat(day)
    horizon = on.replace(year=on.year + 1)
    calendar = feeds(root)[cal.ALL_AUDIENCES]
    for duty in data.duties.values():
        if duty.rrule or duty.frequency not in cal.PERIODIC:
            continue
        days = _deadline_days(calendar, duty.id)
        if duty.applies_to and duty.applies_to < horizon:
            assert days[-1] == duty.applies_to, duty.id  # the programme's last deadline: its last day
        else:
            assert days[-1] >= horizon, f"{duty.id}: the feed stops at {days[-1]}, before {horizon}"
        assert days[0] >= on.replace(year=on.year - 1) - datetime.timedelta(days=366), duty.id
        expected = [cal.deadline(duty, p) for p in cal.periods(duty, horizon, on.replace(year=on.year - 1))]
        assert days == expected, duty.id


def _period_year(uid: str) -> int | None:
    """The year of a period event's UID ("duty.2025-02.province@..."), None for a recurring one."""
    match = re.match(r"^[^.]+\.(\d{4})", uid)
    return int(match[1]) if match else None


def test_uids_are_equal_across_two_builds(site, later_site, tmp_path, monkeypatch):
    again = build_for_date(tmp_path / "again", "2025-12-01", monkeypatch)
    first, second, third = feeds(site.root), feeds(again.root), feeds(later_site.root)
    for audience in cal.FEED_FILES:
        assert uids(first[audience]) == uids(second[audience]), audience
        path = cal.feed_path(PROVINCE, audience)
        assert (site.root / path).read_bytes() == (again.root / path).read_bytes(), (
            f"{path} differs between two builds of the same day"
        )
        # A later build keeps the UID of every deadline both list, and lists later ones.
        both = set(uids(first[audience])) & set(uids(third[audience]))
        assert both, audience
        assert set(uids(third[audience])) - set(uids(first[audience])), "the later build reaches further"
    assert FORM_01_UID in uids(third[cal.ALL_AUDIENCES])


# --- a second, independent reader ------------------------------------------------------------------


def ical_js(files: list, since: datetime.date, until: datetime.date) -> dict:
    if shutil.which("node") is None:
        pytest.skip("node is not installed: the feeds are read with ical.js under Node")
    if not (REPO / "node_modules" / "ical.js").is_dir():
        pytest.skip("ical.js is not installed (make test runs npm ci)")
    done = subprocess.run(
        ["node", str(REPO / "tests" / "js" / "read_ics.js"), since.isoformat(), until.isoformat(), *map(str, files)],
        capture_output=True,
        text=True,
        encoding="utf-8",
        cwd=REPO,
        timeout=60,
    )
    assert done.returncode == 0, done.stderr
    return json.loads(done.stdout)


def _python_occurrences(calendar: Calendar, since: datetime.date, until: datetime.date) -> list[tuple[str, str]]:
    """Each event's days from `since` to `until`, recurring ones expanded with dateutil."""
    found = []
    for event in calendar.walk("VEVENT"):
        start = event.decoded("DTSTART")
        if "RRULE" in event:
            rule = rrulestr(
                event["RRULE"].to_ical().decode(), dtstart=datetime.datetime.combine(start, datetime.time())
            )
            days = [
                d.date()
                for d in rule.between(
                    *(datetime.datetime.combine(d, datetime.time()) for d in (since, until)), inc=True
                )
            ]
        else:
            days = [start] if since <= start <= until else []
        found += [(str(event["UID"]), day.isoformat()) for day in days]
    return sorted(found)


def test_ical_js_reads_every_feed_as_icalendar_does(site):
    """Mozilla's ical.js (the parser of Thunderbird's calendar) reads each feed: the same events on
    the same days over the coming 13 months, all-day, each with its reminder, in Viet Nam's zone."""
    since, until = datetime.date(2025, 12, 1), datetime.date(2027, 1, 1)
    paths = {a: site.root / cal.feed_path(PROVINCE, a) for a in cal.FEED_FILES}
    read = ical_js(list(paths.values()), since, until)
    parsed = feeds(site.root)
    for audience, path in paths.items():
        got = read[str(path)]
        assert got["name"] == str(parsed[audience]["X-WR-CALNAME"])
        assert got["timezones"] == [ics.TZID]
        assert got["events"], audience
        assert sorted((e["uid"], e["day"]) for e in got["events"]) == _python_occurrences(
            parsed[audience], since, until
        )
        for event in got["events"]:
            assert event["allDay"] is True
            assert [(a["action"], a["trigger"]) for a in event["alarms"]] == [("DISPLAY", "-P2DT16H")], event
    months = {e["day"][:7] for e in read[str(paths[cal.ALL_AUDIENCES])]["events"]}
    assert len(months) == 13, sorted(months)
