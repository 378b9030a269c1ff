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
    for path in ("", "quy-dinh/muc-vay-lai-suat", "van-ban-phap-ly"):
        block = site.page(path).select_one("article .page-review")
        assert block is not None and "Rà soát lần cuối: 28/11/2026" in block.get_text(), path
        assert block.select_one("a[href*='#qd-22-2023']"), path
