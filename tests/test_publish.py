"""Publishing a build: site/ is always the old site or the new one, and builds never race.

The swap is tested by stopping a real process at each of its steps (`STEP_HOOK` calls
os._exit there, as a SIGKILL would), with a builder that writes one file, so that each
case takes a fraction of a second. The check that runs before is tested in test_bad_data.
"""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import textwrap
import time
from pathlib import Path

import pytest

import macros.cli.build as build
from macros.cli.build import build_and_swap

from .conftest import REPO

SCRIPT = textwrap.dedent(
    """
    import os, sys, time
    from pathlib import Path
    import macros.cli.build as build

    root, site, stop_at, exchange, wait_for = sys.argv[1:]
    if exchange == "no":
        build._exchange = lambda a, b: False
    build.STEP_HOOK = lambda step: os._exit(9) if step == stop_at else None
    build.check = lambda *args, **kwargs: []
    build.stop_on_sigterm()

    def builder(root, out):
        out.mkdir()
        (out / "index.html").write_text("new", encoding="utf-8")
        (Path(site).parent / "started").write_text(str(os.getpid()), encoding="utf-8")
        while wait_for and not Path(wait_for).exists():
            time.sleep(0.05)

    sys.exit(build.build_and_swap(Path(root), Path(site), builder))
    """
)


def start(tmp: Path, stop_at: str = "", exchange: str = "yes", wait_for: str = "") -> subprocess.Popen:
    env = dict(os.environ, PYTHONPATH=str(REPO), PROVINCE="thanh-hoa")
    env.pop("DATA_ROOT", None)
    return subprocess.Popen(
        [sys.executable, "-c", SCRIPT, str(REPO), str(tmp / "site"), stop_at, exchange, wait_for],
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )


def run(tmp: Path, **kwargs) -> subprocess.CompletedProcess:
    process = start(tmp, **kwargs)
    out, err = process.communicate(timeout=60)
    return subprocess.CompletedProcess(process.args, process.returncode, out, err)


def old_site(tmp: Path) -> Path:
    site = tmp / "site"
    site.mkdir()
    (site / "index.html").write_text("old", encoding="utf-8")
    return site


def beside(tmp: Path) -> list[str]:
    return sorted(p.name for p in tmp.iterdir() if p.name != "started")


@pytest.mark.parametrize(
    "exchange, stop_at",
    [("yes", "built"), ("yes", "exchanged"), ("no", "built"), ("no", "moved-in")],
)
def test_a_build_killed_during_the_swap_leaves_the_old_site_or_the_new(tmp_path, exchange, stop_at):
    site = old_site(tmp_path)
    killed = run(tmp_path, stop_at=stop_at, exchange=exchange)
    assert killed.returncode == 9, killed.stderr
    assert (site / "index.html").read_text(encoding="utf-8") == ("old" if stop_at == "built" else "new")
    again = run(tmp_path, exchange=exchange)
    assert again.returncode == 0, again.stderr
    assert (site / "index.html").read_text(encoding="utf-8") == "new"
    assert beside(tmp_path) == ["site"], "the next run clears what the killed build left"


def test_without_an_atomic_exchange_the_next_run_puts_the_old_site_back(tmp_path):
    """The fallback of two renames has one moment without site/; the next run repairs it first."""
    site = old_site(tmp_path)
    assert run(tmp_path, stop_at="moved-away", exchange="no").returncode == 9
    assert not site.exists() and (tmp_path / ".site.old" / "index.html").exists()
    failed = build_and_swap(REPO, site, builder=_failing_builder)
    assert failed == 1
    assert (site / "index.html").read_text(encoding="utf-8") == "old"
    assert beside(tmp_path) == ["site"]


def _failing_builder(root, out):
    raise RuntimeError("the build failed")


def test_on_linux_the_swap_is_one_atomic_exchange(tmp_path):
    if not sys.platform.startswith("linux"):
        pytest.skip("renameat2 is Linux's")
    a, b = tmp_path / "a", tmp_path / "b"
    a.mkdir()
    b.mkdir()
    (a / "f").write_text("a", encoding="utf-8")
    (b / "f").write_text("b", encoding="utf-8")
    assert build._exchange(a, b) is True
    assert ((a / "f").read_text(encoding="utf-8"), (b / "f").read_text(encoding="utf-8")) == ("b", "a")


def test_sigterm_during_the_build_removes_the_staging_folder_and_keeps_the_site(tmp_path):
    site = old_site(tmp_path)
    process = start(tmp_path, wait_for=str(tmp_path / "never"))
    _wait_for(tmp_path / "started")
    process.send_signal(signal.SIGTERM)
    out, err = process.communicate(timeout=60)
    assert process.returncode == 1 and "Build failed (stopped); site/ was left as it was." in err, err
    assert (site / "index.html").read_text(encoding="utf-8") == "old"
    assert beside(tmp_path) == ["site"]


def test_sigkill_during_the_build_leaves_staging_that_the_next_run_clears(tmp_path):
    site = old_site(tmp_path)
    process = start(tmp_path, wait_for=str(tmp_path / "never"))
    _wait_for(tmp_path / "started")
    process.kill()
    process.communicate(timeout=60)
    assert any(name.startswith(".site.new-") for name in beside(tmp_path))
    assert ".site.lock" in beside(tmp_path)  # a stale lock: its process is gone
    again = run(tmp_path)
    assert again.returncode == 0, again.stderr
    assert (site / "index.html").read_text(encoding="utf-8") == "new"
    assert beside(tmp_path) == ["site"]


def test_two_builds_at_once_the_second_fails_clearly(tmp_path):
    old_site(tmp_path)
    go = tmp_path / "go"
    first = start(tmp_path, wait_for=str(go))
    _wait_for(tmp_path / "started")
    second = run(tmp_path)
    assert second.returncode == 1
    assert second.stderr.strip() == (
        f"site/: another build (process {first.pid}) is writing it; wait until it ends, then build again"
    )
    go.write_text("", encoding="utf-8")
    first.communicate(timeout=60)
    assert first.returncode == 0
    assert (tmp_path / "site" / "index.html").read_text(encoding="utf-8") == "new"
    assert beside(tmp_path) == ["go", "site"]


def test_a_site_that_cannot_be_replaced_is_one_line_not_a_traceback(tmp_path, monkeypatch, capsys):
    site = old_site(tmp_path)
    monkeypatch.setattr(build, "check", lambda *args, **kwargs: [])

    def refuse(a, b):
        raise PermissionError(13, "Permission denied", str(b))

    monkeypatch.setattr(build, "_exchange", refuse)
    assert build_and_swap(REPO, site, builder=lambda root, out: out.mkdir()) == 1
    assert capsys.readouterr().err.splitlines() == [f"{site}: Permission denied; site/ was left as it was."]
    assert (site / "index.html").read_text(encoding="utf-8") == "old"
    assert beside(tmp_path) == ["site"]


@pytest.mark.parametrize("kind", ["file", "link"])
def test_a_site_path_that_is_not_a_folder_is_refused(tmp_path, capsys, kind):
    site = tmp_path / "site"
    if kind == "file":
        site.write_text("x", encoding="utf-8")
    else:
        site.symlink_to("/etc")
    assert build_and_swap(REPO, site, builder=lambda root, out: out.mkdir()) == 1
    assert capsys.readouterr().err.splitlines() == [
        "site: is not a folder (a link or a file): remove it, then build again"
    ]


def _wait_for(path: Path) -> None:
    deadline = time.monotonic() + 60
    while not path.exists():
        assert time.monotonic() < deadline, f"{path} never appeared"
        time.sleep(0.05)
