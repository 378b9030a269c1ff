"""Every page says when it was last reviewed and on what basis, from data/pages.yaml."""

from macros.data.dataset import load_dataset

from .conftest import REPO

DOCS = REPO / "docs"


def markdown_pages() -> list[str]:
    return sorted(p.relative_to(DOCS).as_posix() for p in DOCS.rglob("*.md"))


def test_every_page_has_a_review_record_and_shows_it():
    data = load_dataset(REPO, "thanh-hoa")
    recorded = {entry.path for entry in data.pages.pages}
    pages = markdown_pages()
    assert sorted(recorded) == pages, "data/pages.yaml and docs/ must list the same pages"
    missing_call = [p for p in pages if "{{ page_review() }}" not in (DOCS / p).read_text(encoding="utf-8")]
    assert missing_call == []


def test_review_line_is_rendered(site):
    """The date in sight, the sources one tap away (a collapsed block at the foot of the page)."""
    reviewed = {"": "01/12/2026", "quy-dinh/muc-vay-lai-suat": "28/11/2026", "van-ban-phap-ly": "28/11/2026"}
    for path, day in reviewed.items():
        block = site.page(path).select_one("article .page-review")
        assert block is not None and f"Rà soát lần cuối: {day}" in block.select_one("p").get_text(), path
        assert block.select_one("details.basis a[href*='#qd-22-2023']"), path
