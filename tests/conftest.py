from __future__ import annotations

import contextlib
import inspect
import re
import shutil
import sys
from pathlib import Path

import pytest
from bs4 import BeautifulSoup

from macros.cli.build import build_site

REPO = Path(__file__).resolve().parent.parent


# --- tiers -----------------------------------------------------------------
# Every test is marked here from what it runs, so no test file has to say it: `browser` when it (or
# a fixture it uses) opens Chromium, `build` when it, a fixture it uses or a helper of its module
# they call builds a site or runs the build command. `make test-fast` is `-m "not build and not
# browser"`; `make test` runs everything.

_BUILDS = re.compile(
    r"\b(build_site|build_for_date|build_and_swap)\(|macros\.cli\.(build|zensical)\b|[\"']mkdocs[\"']|zensical_python\("
)
_BROWSES = re.compile(r"\bsync_playwright\b")
_CALLS = re.compile(r"\b([A-Za-z_]\w*)\s*\(")


def _runs(function, pattern: re.Pattern, seen: set) -> bool:
    """Whether `function`, or a function of its own module that it calls (at any depth), matches `pattern`."""
    if function in seen:
        return False
    seen.add(function)
    try:
        source = inspect.getsource(function)
    except (OSError, TypeError):
        return False
    if pattern.search(source):
        return True
    module = sys.modules.get(function.__module__)
    for name in set(_CALLS.findall(source)):
        helper = getattr(module, name, None)
        if inspect.isfunction(helper) and helper.__module__ == function.__module__:
            if _runs(helper, pattern, seen):
                return True
    return False


def tier_markers(item) -> set[str]:
    """The tiers a collected test belongs to, from its function and every fixture it uses."""
    functions = [getattr(item, "function", None)]
    functions += [d.func for defs in item._fixtureinfo.name2fixturedefs.values() for d in defs]
    found = set()
    for name, pattern in (("build", _BUILDS), ("browser", _BROWSES)):
        seen: set = set()
        if any(f is not None and _runs(f, pattern, seen) for f in functions):
            found.add(name)
    return found


def pytest_collection_modifyitems(config, items):
    for item in items:
        for name in tier_markers(item):
            item.add_marker(name)


def copy_repo(dest: Path) -> Path:
    """The parts of the repository a build reads, copied so a test may break them."""
    for name in ("data", "docs", "macros", "overrides", "schemas"):
        shutil.copytree(REPO / name, dest / name, ignore=shutil.ignore_patterns("__pycache__"))
    shutil.copy(REPO / "mkdocs.yml", dest / "mkdocs.yml")
    return dest


class BuiltSite:
    def __init__(self, root: Path):
        self.root = root

    def page(self, path: str) -> BeautifulSoup:
        """Parse a built page: "" is the home page, "quy-dinh/muc-vay-lai-suat" a content page."""
        file = self.root / path / "index.html" if not path.endswith(".html") else self.root / path
        return BeautifulSoup(file.read_text(encoding="utf-8"), "html.parser")

    def html_files(self) -> list[Path]:
        return sorted(self.root.rglob("*.html"))


def build_for_date(tmp: Path, day: str, monkeypatch: pytest.MonkeyPatch | None = None) -> BuiltSite:
    mp = monkeypatch or pytest.MonkeyPatch()
    mp.setenv("SITE_DATE", day)
    mp.setenv("PROVINCE", "thanh-hoa")
    try:
        out = tmp / f"site-{day}"
        build_site(REPO, out)
    finally:
        if monkeypatch is None:
            mp.undo()
    return BuiltSite(out)


@pytest.fixture(scope="session")
def site(tmp_path_factory) -> BuiltSite:
    """The Thanh Hóa site built once, strictly, for 1 Dec 2025 (the day the rate changed)."""
    return build_for_date(tmp_path_factory.mktemp("built"), "2025-12-01")


@pytest.fixture(scope="session")
def country_site(tmp_path_factory) -> BuiltSite:
    """The national site of the real data (34 provinces, 3,321 units), built once, for 1 Dec 2025."""
    mp = pytest.MonkeyPatch()
    mp.setenv("SITE_DATE", "2025-12-01")
    mp.setenv("PROVINCE", "ca-nuoc")
    mp.delenv("DATA_ROOT", raising=False)
    try:
        out = tmp_path_factory.mktemp("country") / "site"
        build_site(REPO, out)
    finally:
        mp.undo()
    return BuiltSite(out)


# --- browser ---------------------------------------------------------------

CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_FLAGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]


@contextlib.contextmanager
def serve_directory(root: Path):
    """Serve a folder over HTTP on 127.0.0.1 in a thread; yields the base URL."""
    import functools
    import http.server
    import threading

    class Quiet(http.server.SimpleHTTPRequestHandler):
        def log_message(self, *args):
            pass

    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(Quiet, directory=str(root)))
    threading.Thread(target=server.serve_forever, daemon=True).start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}/"
    finally:
        server.shutdown()


@pytest.fixture(scope="session")
def served_site(site):
    """The session's built site over HTTP on localhost; yields its base URL."""
    with serve_directory(site.root) as url:
        yield url


@pytest.fixture(scope="session")
def served_country(country_site):
    """The national site over HTTP on localhost (built once per session); yields its base URL."""
    with serve_directory(country_site.root) as url:
        yield url


@pytest.fixture(scope="session")
def browser():
    """Headless Debian Chromium through Playwright. Skips only outside CI when Chromium is absent."""
    import os

    if not CHROMIUM.exists():
        if os.environ.get("CI"):
            pytest.fail("CI must have /usr/bin/chromium: .ci/run installs it")
        pytest.skip("no /usr/bin/chromium here: install Debian's chromium to run browser tests")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        instance = p.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_FLAGS)
        try:
            yield instance
        finally:
            instance.close()


PHONE = {"width": 360, "height": 740}
"""The project's phone: a small Android screen in CSS pixels. Browser tests read the site at this size."""


def open_tab(browser, served_site):
    """A new context and page (the 360x740 phone) whose `foreign_requests` lists requests to other hosts."""
    context = browser.new_context(viewport=PHONE, locale="vi-VN")
    tab = context.new_page()
    tab.foreign_requests = []
    own = served_site.rstrip("/")
    tab.on(
        "request", lambda r: None if r.url.startswith((own, "data:", "blob:")) else tab.foreign_requests.append(r.url)
    )
    tab.base_url = served_site
    return context, tab


@pytest.fixture
def page(browser, served_site):
    """A fresh page that records every request to a host other than the served site."""
    context, tab = open_tab(browser, served_site)
    try:
        yield tab
    finally:
        context.close()


@pytest.fixture(scope="module")
def shared_page(browser, served_site):
    """One page for a whole test module (its cache stays warm): for tests that need no fresh state."""
    context, tab = open_tab(browser, served_site)
    try:
        yield tab
    finally:
        context.close()


AXE = REPO / "node_modules" / "axe-core" / "axe.min.js"


@pytest.fixture(scope="session")
def axe_source() -> str:
    """axe-core (pinned in package.json, installed by `make test`), for the accessibility checks."""
    import os

    if not AXE.exists():
        if os.environ.get("CI"):
            pytest.fail("axe-core missing: `make test` installs it with npm ci")
        pytest.skip("axe-core not installed (needs npm): run `npm ci`")
    return AXE.read_text(encoding="utf-8")
