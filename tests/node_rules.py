"""The site's scripts run under Node: the rules the browser runs (docs/assets/*.js), called directly
by the tests with the words of the page's templates (macros/render/templates/*_words.html).

`node` (a session fixture) is one Node process running tests/js/rules.js; `node.call("kiem-tra.js",
"evaluate", rules, answers, day)` returns what the function returns (JSON), or raises `ScriptError`
with the message it threw. Dates go as "YYYY-MM-DD", as the scripts read them."""

from __future__ import annotations

import datetime
import json
import shutil
import subprocess
from typing import Any

import pytest
from bs4 import BeautifulSoup

from macros.render import markup

from .conftest import REPO, unavailable

RUNNER = REPO / "tests" / "js" / "rules.js"
TEMPLATES = REPO / "macros" / "render" / "templates"


class ScriptError(Exception):
    """What a script threw."""


def page_words() -> dict[str, dict[str, str]]:
    """Every words block of the templates, as the page carries it: template id -> {key: text}."""
    books: dict[str, dict[str, str]] = {}
    for path in sorted(TEMPLATES.glob("*_words.html")):
        soup = BeautifulSoup(str(markup.render(path.name)), "html.parser")
        for block in soup.find_all("template", id=True):  # soupsieve does not look inside a <template>
            found = block.find_all(attrs={"data-word": True})
            books[block["id"]] = {n["data-word"]: "".join(n.find_all(string=True)) for n in found}
    return books


def _json(value: Any) -> Any:
    if isinstance(value, datetime.date):
        return value.isoformat()
    raise TypeError(f"{value!r} is not JSON")


class Node:
    def __init__(self) -> None:
        self.process = subprocess.Popen(
            ["node", str(RUNNER)], stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True, encoding="utf-8"
        )
        self._ask({"words": page_words()})

    def _ask(self, request: dict[str, Any]) -> dict[str, Any]:
        assert self.process.stdin and self.process.stdout
        self.process.stdin.write(json.dumps(request, default=_json, ensure_ascii=False) + "\n")
        self.process.stdin.flush()
        line = self.process.stdout.readline()
        if not line:
            raise RuntimeError("node stopped: " + " ".join(map(str, self.process.args)))
        return json.loads(line)

    def call(self, script: str, function: str, *args: Any) -> Any:
        reply = self._ask({"call": [script, function, list(args)]})
        if "error" in reply:
            raise ScriptError(reply["error"])
        return reply["value"]

    def close(self) -> None:
        if self.process.stdin:
            self.process.stdin.close()
        self.process.wait(timeout=10)


@pytest.fixture(scope="session", name="node")
def node_fixture():
    """`node`: one Node process for the session. A test module imports `node_fixture` to use it.
    Without Node the tests skip, except in CI."""
    if shutil.which("node") is None:
        unavailable(
            "CI must have node: the rules are tested under Node",
            "node is not installed: the rules are tested under Node",
        )
    runner = Node()
    try:
        yield runner
    finally:
        runner.close()


# --- the eligibility check (docs/assets/kiem-tra.js) ------------------------------------------

LIBRARY = "../../van-ban-phap-ly/"
FINDER = "../tim-co-quan/"
"""The links of the check's page (cong-cu/kiem-tra/), as its rules carry them."""


class Checked:
    """What the check's engine says (kiem-tra.js evaluate), read with the rules it judged by."""

    def __init__(self, raw: dict[str, Any], rules: dict[str, Any]):
        self.raw, self.rules = raw, rules
        self.outcome: str = raw["outcome"]
        self.max_amount_vnd: int | None = raw["amount"]
        self.amount_per: str | None = raw["per"]
        self.collateral_required: bool | None = raw["collateral"]
        self.reasons: list[dict[str, Any]] = raw["reasons"]
        self.steps: list[dict[str, Any]] = raw["steps"]
        self.title: str = rules["outcomes"][self.outcome]["title"]
        self.summary: str = rules["outcomes"][self.outcome]["text"]

    def reason(self, reason_id: str) -> dict[str, Any]:
        return next(r for r in self.reasons if r["id"] == reason_id)

    def contact(self, contact_id: str | None) -> str | None:
        """A contact id as the page names it (its label)."""
        return None if contact_id is None else self.rules["contacts"][contact_id]["label"]

    @property
    def expected(self) -> dict[str, Any]:
        """As tests/scenarios/eligibility.yaml writes an expected result."""
        return {
            "outcome": self.outcome,
            **({"max_amount_vnd": self.max_amount_vnd} if self.max_amount_vnd is not None else {}),
            **({"collateral_required": self.collateral_required} if self.collateral_required is not None else {}),
        }


def evaluate(node: Node, rules: dict[str, Any], answers: dict[str, Any], day: datetime.date) -> Checked:
    return Checked(node.call("kiem-tra.js", "evaluate", rules, answers, day), rules)
