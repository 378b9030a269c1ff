from __future__ import annotations

import contextlib
import inspect
import json
import re
import shutil
import sys
from pathlib import Path
from typing import NoReturn

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
_NAMES = re.compile(r"\b([A-Z][A-Z0-9_]+)\b")


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
    # a script the function runs in another process, kept in a module constant
    for name in set(_NAMES.findall(source)):
        value = getattr(module, name, None)
        if isinstance(value, str) and pattern.search(value):
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
    """The parts of the repository a build reads, copied so a test may break them. A test that
    breaks data only needs `data_root` and `broken` (one copy for the session)."""
    for name in ("data", "docs", "macros", "overrides", "schemas"):
        shutil.copytree(REPO / name, dest / name, ignore=shutil.ignore_patterns("__pycache__"))
    shutil.copy(REPO / "mkdocs.yml", dest / "mkdocs.yml")
    return dest


# --- data checks without copies ----------------------------------------------------------------


@pytest.fixture(scope="session", autouse=True)
def parse_once():
    """Each data file is parsed once per content for the whole session: a test that breaks one file
    re-reads that file only. The cache is keyed on the file's bytes, so what a test wrote is what
    is read; problems (DataFileError) are never cached."""
    import hashlib

    from macros.data import dataset
    from macros.data.yamlsource import read_yaml

    cache: dict[tuple[str, bytes], tuple] = {}

    def cached(path: Path, display_name: str):
        key = (display_name, hashlib.blake2b(Path(path).read_bytes(), digest_size=16).digest())
        if key not in cache:
            cache[key] = read_yaml(path, display_name)
        doc, issues = cache[key]
        return doc, list(issues)

    mp = pytest.MonkeyPatch()
    mp.setattr(dataset, "read_yaml", cached)
    yield
    mp.undo()


@pytest.fixture(scope="session")
def data_root(tmp_path_factory) -> Path:
    """One copy of data/ for the session, for `check(REPO, province, data_root)`: a test breaks
    a file with `broken(...)`, which puts it back."""
    root = tmp_path_factory.mktemp("data-root")
    shutil.copytree(REPO / "data", root / "data")
    return root


_TICK = [0]


def _touch(path: Path) -> None:
    """A new modification time, later than any before, so caches keyed on times see each change."""
    import os
    import time

    _TICK[0] = max(_TICK[0] + 1_000_000, time.time_ns())
    os.utime(path, ns=(_TICK[0], _TICK[0]))


@contextlib.contextmanager
def broken(root: Path, relative: str, content: str | bytes | None):
    """`root/relative` holds `content` (None: the file is gone) for the time of the `with`, and
    what it held before afterwards."""
    target = root / relative
    before = target.read_bytes() if target.exists() else None
    try:
        if content is None:
            target.unlink(missing_ok=True)
        else:
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_bytes(content.encode("utf-8") if isinstance(content, str) else content)
            _touch(target)
        yield target
    finally:
        if before is None:
            target.unlink(missing_ok=True)
        else:
            target.write_bytes(before)
            _touch(target)


@pytest.fixture(scope="session")
def data():
    """Thanh Hóa's data as loaded from the repository (read only: a test that changes it copies it)."""
    from macros.data.dataset import load_dataset

    return load_dataset(REPO, "thanh-hoa")


def words(node) -> str:
    """An element's text as a reader sees it: its words, one space between each."""
    return " ".join(node.get_text(" ").split())


class BuiltSite:
    def __init__(self, root: Path):
        self.root = root

    def page(self, path: str) -> BeautifulSoup:
        """Parse a built page: "" is the home page, "quy-dinh/muc-vay-lai-suat" a content page."""
        file = self.root / path / "index.html" if not path.endswith(".html") else self.root / path
        return BeautifulSoup(file.read_text(encoding="utf-8"), "html.parser")

    def html_files(self) -> list[Path]:
        return sorted(self.root.rglob("*.html"))

    def article(self, path: str) -> str:
        """A built page's main text as a reader sees it (`words` of its <article>)."""
        return words(self.page(path).select_one("article"))


PUBLIC_SITE_URL = "https://qd22.example.org/"
"""The public address the Thanh Hóa test builds are given (SITE_URL); the national site is built
without one, as a local build is (tests/test_site_address.py)."""


def build_for_date(tmp: Path, day: str, monkeypatch: pytest.MonkeyPatch | None = None) -> BuiltSite:
    mp = monkeypatch or pytest.MonkeyPatch()
    mp.setenv("SITE_DATE", day)
    mp.setenv("SITE_URL", PUBLIC_SITE_URL)
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
    mp.delenv("SITE_URL", raising=False)
    try:
        out = tmp_path_factory.mktemp("country") / "site"
        build_site(REPO, out)
    finally:
        mp.undo()
    return BuiltSite(out)


@pytest.fixture(scope="session")
def zensical_site(tmp_path_factory) -> Path:
    """The Thanh Hóa site built with Zensical (`make build ENGINE=zensical`), once, for 1 Dec 2025;
    skips without Zensical (fails under CI when REQUIRE_ZENSICAL=1)."""
    import os

    from macros.engines.zensical import ZensicalMissing, command

    try:
        command()
    except ZensicalMissing as exc:
        if os.environ.get("REQUIRE_ZENSICAL"):
            pytest.fail(f"REQUIRE_ZENSICAL is set: {exc}")
        pytest.skip(str(exc))
    out = tmp_path_factory.mktemp("zensical") / "site"
    with pytest.MonkeyPatch.context() as mp:
        mp.setenv("SITE_DATE", "2025-12-01")
        mp.setenv("PROVINCE", "thanh-hoa")
        mp.setenv("ENGINE", "zensical")
        mp.setenv("SITE_URL", PUBLIC_SITE_URL)  # as the MkDocs build it is compared with
        mp.delenv("DATA_ROOT", raising=False)
        build_site(REPO, out)
    return out


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


def unavailable(in_ci: str, here: str) -> NoReturn:
    """A tool or library a test needs is missing: CI must have it (the test fails with `in_ci`);
    elsewhere the test skips, saying `here`."""
    import os

    if os.environ.get("CI"):
        pytest.fail(in_ci)
    pytest.skip(here)


@contextlib.contextmanager
def serve_directory(root: Path):
    """Serve a folder over HTTP on 127.0.0.1 in a thread; yields the base URL."""
    import functools
    import http.server
    import threading

    class Quiet(http.server.SimpleHTTPRequestHandler):
        def log_message(self, *args):
            pass

    class Server(http.server.ThreadingHTTPServer):
        request_queue_size = 128  # the default 5 refuses connections when a page, its search and the
        # service worker ask for many files at once: a fetch fails that no real host would fail

    server = Server(("127.0.0.1", 0), functools.partial(Quiet, directory=str(root)))
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
    if not CHROMIUM.exists():
        unavailable(
            "CI must have /usr/bin/chromium: .ci/run installs it",
            "no /usr/bin/chromium here: install Debian's chromium to run browser tests",
        )
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        instance = p.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_FLAGS)
        try:
            yield instance
        finally:
            instance.close()


PHONE = {"width": 360, "height": 740}
"""The project's phone: a small Android screen in CSS pixels. Browser tests read the site at this size."""


@pytest.fixture(scope="module", params=("thanh-hoa", "ca-nuoc"))
def site_url(request) -> tuple[str, str]:
    """(province, base URL) of each site: Thanh Hóa's, then the national one (a module's tests run on both)."""
    served = request.getfixturevalue("served_site" if request.param == "thanh-hoa" else "served_country")
    return request.param, served


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


WCAG_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]


def axe_violations(tab, axe_source: str) -> list[str]:
    # Run as a function through the DevTools protocol: a <script> added to the page would be refused
    # by the page's Content-Security-Policy (macros/outputs/policy.py), which stays on.
    tab.evaluate("() => {\n" + axe_source + "\n}")
    result = tab.evaluate(
        "async (tags) => { const r = await axe.run(document, {runOnly: {type: 'tag', values: tags}}); "
        "return r.violations.map(v => ({id: v.id, impact: v.impact, nodes: v.nodes.map(n => n.target.join(' ')).slice(0, 5)})); }",
        WCAG_TAGS,
    )
    return [json.dumps(v, ensure_ascii=False) for v in result]


def violations_by_page(browser, base_url: str, paths: list[str], axe_source: str) -> dict[str, list[str]]:
    """axe's WCAG A/AA violations for each page, on a phone-sized screen; pages without any are left out."""
    context = browser.new_context(viewport=PHONE)
    tab = context.new_page()
    failures = {}
    try:
        for path in paths:
            tab.goto(base_url + path, wait_until="load")
            found = axe_violations(tab, axe_source)
            if found:
                failures[path] = found
    finally:
        context.close()
    return failures


AXE = REPO / "node_modules" / "axe-core" / "axe.min.js"


@pytest.fixture(scope="session")
def axe_source() -> str:
    """axe-core (pinned in package.json, installed by `make test`), for the accessibility checks."""
    if not AXE.exists():
        unavailable(
            "axe-core missing: `make test` installs it with npm ci", "axe-core not installed (needs npm): run `npm ci`"
        )
    return AXE.read_text(encoding="utf-8")
