"""What the project installs and runs is pinned by content, not by a name that can be moved.

- every requirements*.txt is written by pip-compile from its requirements*.in, and every package in it
  carries --hash; every pip install of the Makefile, .ci/run and the workflows uses --require-hashes;
- every npm package is pinned exactly with an integrity hash, and npm runs no install script;
- every GitHub Action is pinned by a 40-hex commit (its tag in a comment), every checkout drops its
  token (persist-credentials: false), and every container is pinned by digest.
"""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
import yaml

REPO = Path(__file__).resolve().parent.parent
WORKFLOWS = sorted((REPO / ".github" / "workflows").glob("*.y*ml"))
REQUIREMENTS = sorted(REPO.glob("requirements*.txt"))
INPUTS = sorted(REPO.glob("requirements*.in"))
SHELL_FILES = [REPO / "Makefile", REPO / ".ci" / "run", *WORKFLOWS]


def logical_lines(text: str) -> list[str]:
    """A requirements file's lines with continuations joined, comments and blanks dropped."""
    joined = re.sub(r"\\\n", " ", text)
    stripped = (line.split(" #")[0].strip() for line in joined.splitlines())
    return [line for line in stripped if line and not line.startswith("#")]


def test_there_are_requirement_files_and_workflows_to_check():
    assert len(REQUIREMENTS) >= 6 and len(INPUTS) == len(REQUIREMENTS) and WORKFLOWS


@pytest.mark.parametrize("path", REQUIREMENTS, ids=lambda p: p.name)
def test_every_package_of_a_requirements_file_is_pinned_and_hashed(path):
    text = path.read_text(encoding="utf-8")
    assert "pip-compile" in text and "--generate-hashes" in text, f"{path.name}: write it with `make lock`"
    assert (REPO / path.with_suffix(".in").name).is_file(), f"{path.name} has no {path.stem}.in to edit"
    lines = logical_lines(text)
    assert lines
    for line in lines:
        assert re.match(r"^[A-Za-z0-9._-]+==[^ ]+ ", line), f"{path.name}: not pinned exactly: {line[:80]}"
        assert re.search(r"--hash=sha256:[0-9a-f]{64}", line), f"{path.name}: no --hash: {line[:80]}"


@pytest.mark.parametrize("path", INPUTS, ids=lambda p: p.name)
def test_every_top_level_pin_is_exact(path):
    for line in logical_lines(path.read_text(encoding="utf-8")):
        if line.startswith("-c "):
            assert line == "-c requirements.txt", line
            continue
        assert re.match(r"^[A-Za-z0-9._-]+(\[[a-z0-9,_-]+\])?==[0-9][^ ;]*$", line), f"{path.name}: {line}"


def test_the_lock_tool_is_itself_pinned_and_hashed():
    tools = (REPO / "requirements-tools.txt").read_text(encoding="utf-8")
    assert re.search(r"^pip-tools==7\.7\.0 \\$", tools, re.MULTILINE)
    assert "lock:" in (REPO / "Makefile").read_text(encoding="utf-8")


def commands(path: Path) -> list[str]:
    """Shell commands of a file (Makefile recipes and .ci/run lines, or a workflow's run: blocks)."""
    if path.suffix in (".yml", ".yaml"):
        workflow = yaml.safe_load(path.read_text(encoding="utf-8"))
        steps = [s for job in workflow["jobs"].values() for s in job.get("steps", [])]
        return [line for s in steps for line in str(s.get("run", "")).splitlines()]
    return re.sub(r"\\\n", " ", path.read_text(encoding="utf-8")).splitlines()


@pytest.mark.parametrize("path", SHELL_FILES, ids=lambda p: p.name)
def test_every_pip_install_requires_hashes_and_npm_runs_no_install_script(path):
    for line in commands(path):
        if re.search(r"\bpip3? install\b", line) and "-r " in line:
            assert "--require-hashes" in line, f"{path.name}: {line.strip()}"
        if re.search(r"\bpip3? install\b", line):
            assert "-r " in line, f"{path.name} installs a package outside the hashed files: {line.strip()}"
        if re.search(r"\bnpm (ci|install|i)\b", line):
            assert "--ignore-scripts" in line, f"{path.name}: {line.strip()}"


def test_every_npm_package_is_pinned_exactly_with_an_integrity_hash():
    manifest = json.loads((REPO / "package.json").read_text(encoding="utf-8"))
    for name, version in {**manifest.get("dependencies", {}), **manifest.get("devDependencies", {})}.items():
        assert re.fullmatch(r"[0-9]+\.[0-9]+\.[0-9]+", version), f"package.json: {name} {version} is not exact"
    lock = json.loads((REPO / "package-lock.json").read_text(encoding="utf-8"))
    packages = {k: v for k, v in lock["packages"].items() if k}
    assert len(packages) >= 4
    for name, entry in packages.items():
        assert re.fullmatch(r"sha512-[A-Za-z0-9+/]{86}==", entry.get("integrity", "")), name


def steps_of(path: Path) -> list[tuple[str, dict]]:
    workflow = yaml.safe_load(path.read_text(encoding="utf-8"))
    return [(job_name, step) for job_name, job in workflow["jobs"].items() for step in job.get("steps", [])]


@pytest.mark.parametrize("path", WORKFLOWS, ids=lambda p: p.name)
def test_every_action_is_pinned_by_commit_with_its_tag_in_a_comment(path):
    text = path.read_text(encoding="utf-8")
    uses = re.findall(r"^\s*(?:- )?uses:\s*(.+)$", text, re.MULTILINE)
    assert uses
    for value in uses:
        assert re.fullmatch(r"[\w.-]+/[\w./-]+@[0-9a-f]{40} # v[0-9]+(\.[0-9]+){2}", value.strip()), value
    assert len(uses) == sum(1 for _, step in steps_of(path) if "uses" in step)


@pytest.mark.parametrize("path", WORKFLOWS, ids=lambda p: p.name)
def test_every_checkout_keeps_no_credentials(path):
    checkouts = [(job, s) for job, s in steps_of(path) if str(s.get("uses", "")).startswith("actions/checkout@")]
    assert checkouts
    for job, step in checkouts:
        assert (step.get("with") or {}).get("persist-credentials") is False, f"job {job}: {step}"


@pytest.mark.parametrize("path", WORKFLOWS, ids=lambda p: p.name)
def test_every_container_is_pinned_by_digest(path):
    workflow = yaml.safe_load(path.read_text(encoding="utf-8"))
    for name, job in workflow["jobs"].items():
        container = job.get("container")
        if container is None:
            continue
        image = container if isinstance(container, str) else container["image"]
        assert re.fullmatch(r"[\w./:-]+@sha256:[0-9a-f]{64}", image), f"job {name}: {image}"
