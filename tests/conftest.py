from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from bs4 import BeautifulSoup

from macros.build import build_site

REPO = Path(__file__).resolve().parent.parent


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
