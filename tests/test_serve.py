"""`make serve` shows what `make build` publishes: the files written after MkDocs, and data edits."""

from __future__ import annotations

import contextlib
import json
import os
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from pathlib import Path

import pytest

from .conftest import PUBLIC_SITE_URL, copy_repo


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def _get(url: str) -> bytes | None:
    try:
        with urllib.request.urlopen(url, timeout=5) as response:
            return response.read()
    except (urllib.error.URLError, ConnectionError, TimeoutError):
        return None


def _wait_for(check, seconds: float, what: str):
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        found = check()
        if found:
            return found
        time.sleep(0.5)
    pytest.fail(f"after {seconds:.0f} s: {what}")


@contextlib.contextmanager
def mkdocs_serve(root: Path):
    """`mkdocs serve` of the repository copy at `root`, as `make serve` runs it; yields its base URL."""
    port = _free_port()
    env = {
        **os.environ,
        "PYTHONPATH": str(root),
        "SITE_DATE": "2025-12-01",
        "SITE_URL": PUBLIC_SITE_URL,  # as the build it is compared with
        "PROVINCE": "thanh-hoa",
        "NO_MKDOCS_2_WARNING": "1",
    }
    env.pop("DATA_ROOT", None)
    log = root / "serve.log"
    with log.open("wb") as out:
        server = subprocess.Popen(
            [sys.executable, "-m", "mkdocs", "serve", "--dev-addr", f"127.0.0.1:{port}"],
            cwd=root,
            env=env,
            stdout=out,
            stderr=subprocess.STDOUT,
        )
        base = f"http://127.0.0.1:{port}/"
        try:
            _wait_for(
                lambda: _get(base + "api/index.json"),
                120,
                f"mkdocs serve never answered; its log:\n{log.read_text()[-3000:]}",
            )
            yield base
        finally:
            server.terminate()
            server.wait(timeout=30)


@pytest.fixture(scope="module")
def served(tmp_path_factory):
    root = copy_repo(tmp_path_factory.mktemp("serve"))
    with mkdocs_serve(root) as base:
        yield root, base


def test_serve_publishes_the_files_the_build_writes(served, site):
    _, base = served
    published = [p for p in sorted((site.root / "api").rglob("*")) if p.is_file()]
    assert any(p.suffix == ".ics" for p in published) and any(p.name == "index.json" for p in published)
    for path in published + [site.root / "pagefind" / "pagefind-entry.json"]:
        relative = path.relative_to(site.root).as_posix()
        assert _get(base + relative) == path.read_bytes(), f"{relative} differs between serve and build"


def test_serve_pages_carry_the_policy_and_let_live_reload_run(served):
    """The post step's policy in every served page; `mkdocs serve` adds an inline live-reload call
    that changes each time, so there inline scripts are allowed as a whole (macros/outputs/policy.py)."""
    import re

    _, base = served
    page = _get(base + "cong-cu/kiem-tra/").decode("utf-8")
    assert '<meta name="referrer" content="no-referrer">' in page
    csp = re.search(r'<meta http-equiv="Content-Security-Policy" content="([^"]*)">', page)
    assert csp and page.index(csp.group(0)) < page.index("<script")
    scripts = next(d for d in csp.group(1).split(";") if d.strip().startswith("script-src"))
    assert "'unsafe-inline'" in scripts and "sha256-" not in scripts


def test_serve_publishes_the_search_index(served):
    """`make serve` runs the same post step: Pagefind's index is served (its pages' count included)."""
    _, base = served
    entry = json.loads(_get(base + "pagefind/pagefind-entry.json"))
    assert entry["version"] == "1.5.2" and entry["languages"]["vi"]["page_count"] > 100


def test_a_data_edit_shows_in_the_served_page(served):
    root, base = served
    glossary = root / "data" / "glossary.yaml"
    marker = "Dòng thêm để thử tải lại."
    text = glossary.read_text(encoding="utf-8")
    first_definition = text.index("definition: ")
    line_end = text.index("\n", first_definition)
    glossary.write_text(text[:line_end] + " " + marker + text[line_end:], encoding="utf-8")
    page = _wait_for(
        lambda: (body := _get(base + "thuat-ngu/")) and marker in body.decode("utf-8") and body,
        60,
        "the edit of data/glossary.yaml never reached /thuat-ngu/",
    )
    assert marker in page.decode("utf-8")
