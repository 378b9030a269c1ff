"""The built site, parsed as HTML: what a reader actually gets."""

from __future__ import annotations

import re
from urllib.parse import urlparse

from tools.links import check_links

from .conftest import build_for_date, words

RATE_PAGE = "quy-dinh/muc-vay-lai-suat"


def article_text(soup) -> str:
    return words(soup.select_one("article"))


def test_home_page_exists_and_is_vietnamese(site):
    soup = site.page("")
    assert soup.html["lang"] == "vi"
    assert soup.select_one("h1").get_text(strip=True)


def test_rate_page_on_the_day_of_the_change(site):
    soup = site.page(RATE_PAGE)
    text = article_text(soup)
    assert "Lãi suất cho vay đang áp dụng (ngày 01/12/2025): 6,24 %/năm" in text
    links = {a.get_text(" ", strip=True): a["href"] for a in soup.select("article a")}
    assert links["khoản 1 Điều 9 Quyết định 22/2023/QĐ-TTg"] == "../../van-ban-phap-ly/#qd-22-2023"
    assert links["Quyết định 2553/QĐ-TTg"] == "../../van-ban-phap-ly/#qd-2553-2025"
    rate_line = soup.find(string=lambda s: s and "Lãi suất cho vay đang áp dụng" in s).find_parent("p")
    assert not rate_line.select(".doubt"), "the rate is verified from 1/12/2025: no label on it"
    assert "báo Thanh Niên" in links and links["báo Thanh Niên"].startswith("https://thanhnien.vn/")
    assert "không cần là hộ nghèo" in text, "nothing suggests the rate is only for poor households"


def test_rate_page_the_day_before(tmp_path, monkeypatch):
    soup = build_for_date(tmp_path, "2025-11-30", monkeypatch).page(RATE_PAGE)
    text = article_text(soup)
    assert "Lãi suất cho vay đang áp dụng (ngày 30/11/2025): 6,6 %/năm" in text
    assert "Quyết định 750/QĐ-TTg" in text
    rate_section = (
        soup.find(string=lambda s: s and "Lãi suất cho vay đang áp dụng" in s).find_parent("p").find_next("details")
    )
    assert not rate_section.select(".doubt"), "the rate of 2015 is verified: no label"


def test_history_table_lists_every_period(site):
    table = site.page(RATE_PAGE).select("article table")[0]
    rows = [[c.get_text(" ", strip=True) for c in tr.select("td")] for tr in table.select("tbody tr")]
    assert [r[0] for r in rows] == ["6,24 %/năm", "6,6 %/năm"], "the value first: what a phone shows"
    assert rows[0][1].startswith("đang áp dụng") and rows[1][1] == "đã hết hiệu lực từ 01/12/2025"


def test_legal_library_has_an_anchor_for_every_document(site):
    soup = site.page("van-ban-phap-ly")
    ids = {h["id"] for h in soup.select("article h2[id]")}
    assert {"qd-22-2023", "qd-2553-2025", "qd-750-2015", "luat-127-2025"} <= ids


def test_every_internal_link_and_anchor_resolves(site):
    broken, external = check_links(site.root)
    assert broken == []
    assert any("github.com/diepxuan" in url for url in external)  # the legal library links out


def test_link_checker_finds_a_broken_anchor(tmp_path):
    (tmp_path / "a").mkdir()
    (tmp_path / "index.html").write_text(
        '<a href="a/#missing">x</a><a href="b/">y</a><a href="https://example.org/">z</a>'
    )
    (tmp_path / "a" / "index.html").write_text('<h1 id="here">A</h1>')
    broken, external = check_links(tmp_path)
    assert broken == ["index.html -> a/#missing (no such anchor)", "index.html -> b/"]
    assert set(external) == {"https://example.org/"}


def test_no_request_leaves_the_site(site):
    """No font, script, style or image comes from another host; no analytics."""
    offenders = []
    for file in site.html_files():
        soup = site.page(str(file.relative_to(site.root)))
        for tag, attr in (("script", "src"), ("link", "href"), ("img", "src"), ("iframe", "src"), ("source", "src")):
            for element in soup.select(f"{tag}[{attr}]"):
                if tag == "link" and element.get("rel") and set(element["rel"]) & {"canonical", "alternate"}:
                    continue
                if urlparse(element[attr]).netloc:
                    offenders.append(f"{file.name}: {element[attr]}")
    css = " ".join(p.read_text(encoding="utf-8") for p in site.root.rglob("*.css"))
    assert "fonts.googleapis" not in css and "fonts.gstatic" not in css
    assert offenders == []


def test_404_page_in_vietnamese(site):
    soup = site.page("404.html")
    assert "Không tìm thấy trang" in soup.get_text()


def test_no_template_code_left_in_pages(site):
    for file in site.html_files():
        body = site.page(str(file.relative_to(site.root))).select_one("article")
        if body is not None:
            assert not re.search(r"\{\{|\{%", body.get_text()), file
