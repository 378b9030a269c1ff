"""The eligibility scenarios of tests/scenarios/eligibility.yaml, read once for the Python and the browser tests."""

from __future__ import annotations

import datetime
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml

FILE = Path(__file__).with_name("scenarios") / "eligibility.yaml"


@dataclass(frozen=True)
class Scenario:
    name: str
    as_of: datetime.date
    answers: dict[str, Any]
    """Every answer given; a missing key is one the person does not know."""
    expect: dict[str, Any]


def _load() -> tuple[dict[str, dict[str, Any]], list[Scenario]]:
    raw = yaml.safe_load(FILE.read_text(encoding="utf-8"))
    bases = raw["bases"]
    scenarios = [
        Scenario(item["name"], item["as_of"], {**bases[item["base"]], **item.get("answers", {})}, item["expect"])
        for item in raw["scenarios"]
    ]
    names = [s.name for s in scenarios]
    assert len(set(names)) == len(names), "scenario names must be unique"
    return bases, scenarios


BASES, SCENARIOS = _load()
PERSON = BASES["person"]
FIRM = BASES["firm"]
