"""The published JSON Schemas under an independent validator: Ajv in Node (pinned in package-lock.json).

Python's `jsonschema` (tests/test_opendata.py) accepts regular expressions that JavaScript rejects, so
a schema can pass there and fail for every JavaScript consumer. tests/js/validate_schemas.cjs compiles
each schema with Ajv's draft 2020-12 metaschema, strict mode and unicode regular expressions, then
validates every /api/ file against the schema its `schema_url` names.
"""

from __future__ import annotations

import json
import shutil
import subprocess
from pathlib import Path

import pytest

from macros.outputs import opendata

from .conftest import unavailable

REPO = Path(__file__).resolve().parent.parent
SCRIPT = REPO / "tests" / "js" / "validate_schemas.cjs"
AJV = REPO / "node_modules" / "ajv" / "package.json"


@pytest.fixture(scope="module")
def node() -> str:
    found = shutil.which("node")
    if found is None or not AJV.exists():
        missing = "node" if found is None else "node_modules/ajv (run `npm ci --ignore-scripts`)"
        unavailable(
            f"CI must have {missing}: .ci/run installs nodejs and npm, `make test` runs npm ci",
            f"{missing} not found: the JavaScript schema check needs Node and the pinned Ajv",
        )
    return found


def run_ajv(node: str, schema_dir: Path, api_dir: Path | None = None) -> tuple[int, dict]:
    command = [node, str(SCRIPT), str(schema_dir)] + ([str(api_dir)] if api_dir else [])
    done = subprocess.run(command, capture_output=True, text=True, timeout=120, cwd=REPO)
    assert done.stdout, done.stderr
    return done.returncode, json.loads(done.stdout)


def test_every_committed_schema_compiles_in_javascript(node):
    code, report = run_ajv(node, REPO / "schemas")
    assert report["schemaErrors"] == {}
    assert len(report["compiled"]) == len(list((REPO / "schemas").glob("*.schema.json"))) > 20
    assert code == 0


@pytest.mark.parametrize("built", ["site", "country_site"])
def test_every_api_schema_compiles_and_every_api_file_validates_in_javascript(node, built, request):
    root = request.getfixturevalue(built).root / "api"
    code, report = run_ajv(node, root / "schemas", root)
    assert report["schemaErrors"] == {}
    assert report["dataErrors"] == {}
    assert set(report["compiled"]) == {f"{Path(f.schema_path).name}" for f in opendata.FILES} | {"index.schema.json"}
    assert set(report["validated"]) == {Path(f.path).name for f in opendata.FILES} | {"index.json"}
    assert code == 0


def test_the_javascript_check_catches_a_file_that_breaks_its_schema(node, site, tmp_path):
    api = tmp_path / "api"
    shutil.copytree(site.root / "api", api)
    duties = api / "duties.json"
    document = json.loads(duties.read_text(encoding="utf-8"))
    document["records"][0]["phone"] = "0237 000 000"
    duties.write_text(json.dumps(document), encoding="utf-8")
    code, report = run_ajv(node, api / "schemas", api)
    assert code == 1
    assert list(report["dataErrors"]) == ["duties.json"]
