"""The service worker (`sw.js` at the site's root), written by the post step for either engine.

The worker (macros/outputs/offline_worker.js; registered by docs/assets/offline.js) keeps the pages
and files a person has opened, and on the "Lưu để dùng khi không có mạng" action saves the
beneficiary pages, the check, the estimator and the checklists with every file they load. Which
pages: roles.yaml (`SAVED_ROLES` names the roles, the paths are data), then what each built page
loads (its scripts, stylesheets, icons and images of this site), read from the built HTML.

Its version is a hash of every built file it may serve, so a change of data (a new rate) gives a new
worker: the browser installs it at the next visit with a connection, it saves again what was saved,
and the old copies are deleted.

The site's files only: nothing typed, no answer, nothing about the reader (the worker never stores a
request with a query string).
"""

from __future__ import annotations

import hashlib
import json
import posixpath
import re
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import urlsplit

from macros.data.dataset import Dataset
from macros.data.site import Site

WORKER_PATH = "sw.js"
WORKER_SOURCE = Path(__file__).with_name("offline_worker.js")

SAVED_ROLES = (
    "start_business",
    "start_training",
    "start_establishment",
    "check",
    "estimator",
    "checklist_business",
    "checklist_training",
    "checklist_establishment",
)
"""The page roles (roles.yaml) the action saves, with the home page: the beneficiary pages, the
check, the estimator and the checklists."""

BUDGET_BYTES = 1_000_000
"""What the action may save, all files together, as stored (uncompressed)."""

VERSIONED = r"\.[0-9a-f]{8}\.min\.(?:js|css)$"
"""Files whose name changes with their content (the theme's bundle and stylesheets): served from
the saved copy first. Every other file is asked of the network first."""


def served_url(page: str) -> str:
    """The URL of a page ("cong-cu/kiem-tra.md") relative to the site's root: "cong-cu/kiem-tra/"."""
    stem = page.removesuffix(".md").removesuffix("index").rstrip("/")
    return stem + "/" if stem else ""


def saved_pages(data: Dataset) -> list[str]:
    """The pages the action saves, as URLs relative to the root ("" is the home page)."""
    pages = [served_url(getattr(data.roles.pages, role)) for role in SAVED_ROLES]
    return [""] + list(dict.fromkeys(pages))


class _Loads(HTMLParser):
    """The files of the site a page loads: scripts, stylesheets, icons, images."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.found: list[str] = []

    def handle_starttag(self, tag, attrs):
        values = dict(attrs)
        if tag in ("script", "img") and values.get("src"):
            self.found.append(values["src"])
        elif tag == "link" and values.get("href"):
            rel = (values.get("rel") or "").split()
            if {"stylesheet", "icon"} & set(rel):
                self.found.append(values["href"])


def loaded_files(output: Path, page_url: str) -> list[str]:
    """The files of this site that the built page at `page_url` loads, relative to the root."""
    parser = _Loads()
    parser.feed((output / page_url / "index.html").read_text(encoding="utf-8"))
    files = []
    for href in parser.found:
        parts = urlsplit(href)
        if parts.scheme or parts.netloc or parts.query or not parts.path:
            continue  # data: images and other sites are not files of this site
        path = posixpath.normpath(posixpath.join(page_url or ".", parts.path))
        if path.startswith("../") or path == "..":
            continue
        files.append(path)
    return files


def saved_files(data: Dataset, output: Path) -> list[str]:
    """Every URL the action saves (pages and the files they load), relative to the root."""
    pages = saved_pages(data)
    for page in pages:
        if not (output / page / "index.html").is_file():
            raise FileNotFoundError(f"data/roles.yaml: the page {page or '/'} to save offline was not built")
    files = sorted({file for page in pages for file in loaded_files(output, page)})
    return pages + [f for f in files if (output / f).is_file()]


def saved_bytes(output: Path, urls: list[str]) -> int:
    """What the saved URLs weigh, as files."""
    return sum(
        (output / url / "index.html" if url == "" or url.endswith("/") else output / url).stat().st_size for url in urls
    )


def site_version(output: Path) -> str:
    """A hash of every built file the worker may serve (all but itself), names and contents."""
    digest = hashlib.sha256()
    for path in sorted(p for p in output.rglob("*") if p.is_file() and p.name != WORKER_PATH):
        relative = path.relative_to(output).as_posix()
        digest.update(relative.encode("utf-8") + b"\0" + hashlib.sha256(path.read_bytes()).digest())
    return digest.hexdigest()[:16]


def worker_text(version: str, saved: list[str]) -> str:
    settings = {"version": version, "saved": saved, "versioned": VERSIONED}
    header = "var OFFLINE = " + json.dumps(settings, ensure_ascii=True, separators=(",", ":")) + ";\n"
    return header + served_source(WORKER_SOURCE.read_text(encoding="utf-8"))


def served_source(source: str) -> str:
    """The worker as served: its comments (offline_worker.js explains itself) and blank lines left
    out. Every visit fetches it, and it has no string holding a comment's marks."""
    code = re.sub(r"/\*.*?\*/", "", source, flags=re.DOTALL)
    return "\n".join(line for line in code.splitlines() if line.strip()) + "\n"


def write_offline(site: Site, output: Path) -> list[str]:
    """The post step's last writer (outputs.writers.write_outputs), once every other file is written."""
    saved = saved_files(site.data, output)
    (output / WORKER_PATH).write_text(worker_text(site_version(output), saved), encoding="utf-8")
    return [WORKER_PATH]
