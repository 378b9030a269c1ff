"""/api/ in the built site: every JSON file validates against its own schema, and the page lists them all."""

from __future__ import annotations

import copy
import json
import posixpath
from pathlib import Path

import jsonschema
import pytest

from macros.outputs import opendata

API = "api"


def json_files(root: Path) -> list[str]:
    return sorted(p.relative_to(root).as_posix() for p in (root / API).rglob("*.json"))


def data_files(root: Path) -> list[str]:
    return [f for f in json_files(root) if not f.startswith(opendata.SCHEMA_DIR + "/")]


def load(root: Path, path: str):
    return json.loads((root / path).read_text(encoding="utf-8"))


def validator_for(root: Path, path: str) -> jsonschema.Draft202012Validator:
    document = load(root, path)
    schema = load(root, posixpath.join(API, document["schema_url"]))
    jsonschema.Draft202012Validator.check_schema(schema)
    return jsonschema.Draft202012Validator(schema, format_checker=jsonschema.Draft202012Validator.FORMAT_CHECKER)


def test_the_api_holds_what_the_issue_asks_for(site):
    names = {Path(f).stem for f in data_files(site.root)}
    assert {
        "index",
        "loan-terms",
        "legal-documents",
        "agencies",
        "offices",
        "communes",
        "former-units",
        "duties",
        "statistics",
    } <= names


@pytest.mark.parametrize("name", ["index"] + [f.name for f in opendata.FILES])
def test_every_json_file_validates_against_its_schema(site, name):
    path = f"{API}/{name}.json"
    document = load(site.root, path)
    assert document["schema_version"] == opendata.SCHEMA_VERSION
    errors = list(validator_for(site.root, path).iter_errors(document))
    assert errors == [], [e.message for e in errors[:3]]


def test_no_json_file_is_left_out_of_the_checks(site):
    checked = {f"{API}/index.json"} | {f.path for f in opendata.FILES}
    assert set(data_files(site.root)) == checked
    schemas = {f"{opendata.SCHEMA_DIR}/{Path(p).stem}.schema.json" for p in checked}
    assert set(json_files(site.root)) - set(data_files(site.root)) == schemas


@pytest.mark.parametrize(
    "name, breakage",
    [
        ("duties", lambda d: d["records"][0].pop("owner")),
        ("duties", lambda d: d["records"][0].update(phone="0237 000 000")),
        ("duties", lambda d: d.update(schema_version="0.9")),
        ("loan-terms", lambda d: d["records"][0]["periods"][0].update(effective_from="10/10/2023")),
        ("statistics", lambda d: d["records"][0].update(people="113")),
        ("offices", lambda d: d["records"][0].update(address=12)),
        ("communes", lambda d: d["records"][0].update(code="14797")),
        ("former-units", lambda d: d["records"][0].pop("becomes")),
        ("index", lambda d: d["datasets"].append({"dataset": "x"})),
    ],
)
def test_the_schemas_reject_broken_files(site, name, breakage):
    """A schema that accepts anything would make the validation test pass for nothing."""
    path = f"{API}/{name}.json"
    document = copy.deepcopy(load(site.root, path))
    breakage(document)
    assert not validator_for(site.root, path).is_valid(document)


def test_index_lists_every_file_and_calendar(site):
    index = load(site.root, f"{API}/index.json")
    listed = {posixpath.join(API, d["path"]) for d in index["datasets"]} | {f"{API}/index.json"}
    assert listed == set(data_files(site.root))
    for entry in index["datasets"]:
        assert (site.root / API / entry["schema_path"]).is_file()
        assert len(load(site.root, posixpath.join(API, entry["path"]))["records"]) == entry["records"]
    for entry in index["calendars"]:
        assert (site.root / API / entry["path"]).read_bytes().startswith(b"BEGIN:VCALENDAR")
    assert index["licence"]["id"] == opendata.LICENCE["id"]


def test_the_api_page_lists_every_file(site):
    soup = site.page("can-bo/du-lieu-mo")
    page_dir = "can-bo/du-lieu-mo"
    linked = {posixpath.normpath(posixpath.join(page_dir, a["href"])) for a in soup.select("article a[href$='.json']")}
    assert linked == set(json_files(site.root))
    text = soup.select_one("article").get_text(" ")
    assert "CC BY 4.0" in text and soup.select_one("article a[href^='https://creativecommons.org/licenses/by/4.0/']")
    assert opendata.SCHEMA_VERSION in text


def test_rate_history_is_in_loan_terms(site):
    terms = {r["id"]: r for r in load(site.root, f"{API}/loan-terms.json")["records"]}
    rate = terms["poor-household-lending-rate"]
    assert [p["value"] for p in rate["periods"]] == [6.6, 6.24]
    assert rate["value_in_force"] == 6.24  # the session site is built for 1 Dec 2025
    assert rate["periods"][1]["status"] == "verified" and "thanhnien.vn" in rate["periods"][1]["source"]


def test_duties_publish_no_day_a_source_does_not_give(site):
    """A duty with a day in its source is due that day; one given only as "monthly" is due within
    its period: published as a period (`kind`), its `date` the period's last day, the deadline the
    calendar page shows and explains, never a day inside the period."""
    duties = {r["id"]: r for r in load(site.root, f"{API}/duties.json")["records"]}
    assert duties["form-01-list"]["rrule"] == "FREQ=MONTHLY;BYMONTHDAY=5"
    assert duties["form-01-list"]["next_due"] == {
        "kind": "date",
        "date": "2025-12-05",
        "period_start": None,
        "period_end": None,
        "words": "05/12/2025",
    }
    monthly = duties["information-exchange-monthly"]
    assert monthly["rrule"] is None and monthly["next_due"]["kind"] == "period"
    assert (monthly["next_due"]["period_start"], monthly["next_due"]["period_end"]) == ("2025-12-01", "2026-01-01")
    assert monthly["next_due"]["date"] == "2025-12-31", "the period's last day, never a day inside it"


def test_unknown_contact_details_stay_null(site):
    for office in load(site.root, f"{API}/offices.json")["records"]:
        assert (office["address"], office["phone"], office["hours"]) == (None, None, None)


def test_communes_and_former_units_carry_their_codes(site):
    communes = {r["id"]: r for r in load(site.root, f"{API}/communes.json")["records"]}
    assert len(communes) == 166 and all(isinstance(r["code"], int) for r in communes.values())
    assert communes["xa-nga-son"]["code"] == 16093
    former = load(site.root, f"{API}/former-units.json")["records"]
    assert len(former) == 547
    nga_thanh = next(r for r in former if r["name"] == "Nga Thanh")
    assert (nga_thanh["code"], nga_thanh["becomes"], nga_thanh["district"]["name"]) == (
        16123,
        ["xa-nga-son"],
        "Nga Sơn",
    )
    assert nga_thanh["legal_ref"] == {"document": "nq-1686-2025", "article": None, "clause": None, "point": None}
    assert all(set(r["becomes"]) <= set(communes) for r in former)
