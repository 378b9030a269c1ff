"""The tool pages as built HTML, read without JavaScript: what a reader gets before any script runs."""

from __future__ import annotations

import dataclasses
import datetime
import json
import re

import pytest

from macros.render import tools

from .conftest import REPO, words

SITE_DAY = datetime.date(2025, 12, 1)  # the session site's build day (tests/conftest.py)
CHECKLISTS = {"vay-kinh-doanh": "giay-to-vay-kinh-doanh", "hoc-nghe": "giay-to-hoc-nghe", "co-so": "giay-to-co-so"}


def article(soup):
    return soup.select_one("article")


def test_check_page_lists_every_condition_with_its_article(site, data):
    soup = site.page("cong-cu/kiem-tra")
    body = article(soup)
    tool = body.select_one("#kiem-tra")
    assert tool is not None and tool.has_attr("hidden"), "the interactive part waits for its script"
    assert body.select_one("noscript")
    items = [words(li) for li in body.select("h3 + ul li")]
    for condition in data.eligibility.conditions:
        assert any(tools._rule_sentence(condition, data, SITE_DAY).rstrip(".") in item for item in items), condition.id
    text = words(body)
    assert "không quá 5 năm" in text and "10 % tổng số lao động" in text
    assert "4 triệu đồng/tháng" in text and "2 tỷ đồng" in text
    assert not body.select("h3 + ul a"), "the conditions read as plain sentences; their articles are one tap away"
    links = [a["href"] for a in body.select("h3 + ul + details.basis a")]
    assert len(links) >= len(data.eligibility.conditions)
    assert all(href.startswith("../../van-ban-phap-ly/#") for href in links)


def test_check_page_embeds_its_rules_and_no_remote_script(site):
    soup = site.page("cong-cu/kiem-tra")
    rules = json.loads(soup.select_one("script#kiem-tra-rules").string)
    assert rules["finder"] == "../tim-co-quan/"
    assert rules["facts"]["max-years-since-release"][0]["text"] == "5 năm"
    scripts = [s["src"] for s in soup.select("article script[src]")]
    assert scripts == ["../../assets/core.js", "../../assets/muc-vay.js", "../../assets/kiem-tra.js"]
    assert (site.root / "assets" / "kiem-tra.js").is_file() and (site.root / "assets" / "core.js").is_file()


@pytest.mark.parametrize(
    "name", ["core.js", "muc-vay.js", "kiem-tra.js", "uoc-tinh.js", "tim-co-quan.js", "in-trang.js", "can-bo-lich.js"]
)
def test_scripts_neither_fetch_nor_store_nor_send(name):
    """No script stores or sends anything. The finder alone fetches, and only on the national site
    (issue 15: each province's units when a question needs them), from this site: one call, to the
    addresses its page gives, same-origin (tests/test_finder.py: a province's site fetches nothing;
    tests/test_national.py: the national finder asks no other host)."""
    source = (REPO / "docs" / "assets" / name).read_text(encoding="utf-8")
    if name == "tim-co-quan.js":
        assert source.count("fetch(") == 1 and 'fetch(url, { credentials: "same-origin" })' in source
        assert re.findall(r"getJSON\(([^)]*)\)", source) == ["url", "cfg.index", 'cfg.data + place.slug + ".json"']
        source = source.replace("fetch(", "")
    for forbidden in (
        "fetch(",
        "XMLHttpRequest",
        "sendBeacon",
        "WebSocket",
        "localStorage",
        "sessionStorage",
        "indexedDB",
        "document.cookie",
        "import(",
        "http://",
        "https://",
    ):
        assert forbidden not in source, f"{name} uses {forbidden}"


@pytest.mark.parametrize("checklist_id, page", sorted(CHECKLISTS.items()))
def test_checklists_have_tick_boxes_bases_and_no_invented_items(site, data, checklist_id, page):
    body = article(site.page(f"cong-cu/{page}"))
    record = next(c for c in data.checklists.checklists if c.id == checklist_id)
    boxes = body.select("ul.checklist-items input[type=checkbox]")
    assert len(boxes) == sum(len(s.items) for s in record.sections)
    items = {i.id: i for s in record.sections for i in s.items}
    for box in boxes:
        item = box.find_parent("li")
        assert item.select_one(f"label[for='{box['id']}']")
        sources = body.select_one(f"details.basis li[data-item='{box['id']}']")
        assert sources is not None, box["id"]
        if items[box["id"]].unsourced:
            assert "chưa có nguồn" in words(sources) and not sources.select("a"), box["id"]
        elif items[box["id"]].source:
            assert sources.select_one(f"a[href='{items[box['id']].source}']"), box["id"]
        else:
            assert sources.select_one("a[href*='van-ban-phap-ly/#']"), box["id"]
    unverified = words(body.select_one(".checklist-unverified"))
    assert "Danh sách dừng ở đây" not in words(body), "no dead end"
    assert "chưa xác minh" in unverified
    assert unverified_block(body).select_one(".checklist-next a[href*='tim-co-quan']"), "it ends with where to go"
    assert "7557/NHCS-TDSV" in unverified
    if checklist_id == "co-so":
        assert "hãy hỏi: Phòng giao dịch Ngân hàng Chính sách xã hội" in unverified
    else:
        assert (
            "hãy hỏi: Tổ trưởng Tổ tiết kiệm và vay vốn" in unverified
            and "Phòng giao dịch Ngân hàng Chính sách xã hội" in unverified
        )
    assert words(body).count("chưa xem được văn bản hướng dẫn") == 1, "what is not known is said once"
    assert body.select(".fill-line")
    assert "{" not in words(body)


def unverified_block(body):
    return body.select_one(".checklist-unverified")


def test_checklist_figures_come_from_facts(site):
    text = words(article(site.page("cong-cu/giay-to-co-so")))
    assert "Nếu vay trên 100 triệu đồng: giấy tờ về bảo đảm tiền vay" in text


@pytest.mark.parametrize("page", sorted(CHECKLISTS.values()))
def test_checklists_hold_papers_not_conditions(site, page):
    """Issue 22: conditions ("Vay trong vòng 5 năm…", the share of workers, the maximum) are the
    check's; the list links it."""
    body = article(site.page(f"cong-cu/{page}"))
    items = " ".join(words(li) for li in body.select("ul.checklist-items > li"))
    for condition in ("Vay trong vòng", "Không còn nợ", "ít nhất 10 %", "Mức vay tối đa", "tối đa 2 tỷ đồng"):
        assert condition not in items, condition
    assert body.select_one(".checklist-check a[href$='kiem-tra/']")


def test_estimator_shows_a_worked_example_without_javascript(site):
    body = article(site.page("cong-cu/uoc-tinh"))
    assert body.select_one("form#uoc-tinh").has_attr("hidden")
    example = body.select_one(".estimator-example")
    assert (
        "vay 100.000.000 đồng trong 36 tháng, lãi suất áp dụng ngày 01/12/2025 là 6,24 %/năm , trả tiền gốc"
        in words(example)
    )
    assert "chưa chắc chắn" not in words(example), "the rate from 1/12/2025 is verified (VBSP's notice)"
    assert len(example.select("tbody tr")) == 36
    totals = [dd.get_text(strip=True) for dd in example.select("dd")]
    assert totals[1] == "100.000.000 đồng"
    # the answer before the schedule: what a principal month costs, then the other months
    assert words(example.select_one(".estimator-headline")) == (
        "Mỗi 12 tháng (kỳ trả gốc) trả khoảng 33.854.000 đồng ; các tháng khác trả lãi khoảng 520.000 đồng ."
    )
    assert words(example.select_one(".estimator-detail")) == (
        "Nhiều nhất là tháng 12: 33.853.333 đồng. Sau mỗi kỳ trả gốc, tiền lãi giảm, vì lãi tính trên số tiền gốc còn nợ."
    )
    assert_headline_fits_the_months(example)
    assert example.select_one("details > summary").get_text() == "Xem số tiền từng tháng (36 tháng)"
    assert [td["data-label"] for td in example.select("tbody tr")[0].select("td")] == [
        "Tháng",
        "Gốc còn nợ đầu tháng",
        "Tiền lãi",
        "Tiền gốc trả",
        "Tổng phải trả",
    ]
    assert "Đây chỉ là ước tính" in words(body)


def test_estimator_page_says_what_limits_an_establishment_without_javascript(site, data):
    """The establishment's maximum counts its qualifying workers, and above the threshold it needs
    security: said from data for a reader without JavaScript, the basis one tap away; the form gets
    the check's own amount rules."""
    soup = site.page("cong-cu/uoc-tinh")
    body = article(soup)
    heading = next(h for h in body.select("h2") if h.get_text(strip=True) == "Cơ sở sản xuất, kinh doanh")
    section = []
    for node in heading.find_next_siblings():
        if node.name == "h2":
            break
        section.append(node)
    said = " ".join(words(node) for node in section if node.name == "p")
    assert "không quá 100 triệu đồng cho mỗi người lao động là người chấp hành xong án phạt tù" in said
    assert "không quá 2 tỷ đồng cho một dự án" in said
    assert "Vay trên 100 triệu đồng thì cơ sở phải có bảo đảm tiền vay" in said
    assert "không phải thực hiện bảo đảm tiền vay" in said, "individuals: security-individual, from data"
    term = next(a for node in section for a in node.select("a") if a.get_text() == "bảo đảm tiền vay")
    assert term["href"] == "../../thuat-ngu/#bao-dam-tien-vay"
    basis = next(node for node in section if node.name == "details")
    assert "Điều 6" in words(basis) and "khoản 2 Điều 10" in words(basis)
    payload = json.loads(soup.select_one("script#uoc-tinh-data").string)
    rules = {a.id: a for a in data.eligibility.amounts}
    for limit, cfg in zip(payload["limits"], data.estimator.limits, strict=True):
        assert limit["amount"]["fact"] == rules[cfg.amount].fact
        assert limit["amount"].get("per_worker_fact") == rules[cfg.amount].per_worker_fact
        assert limit["amount"].get("security_above_fact") == rules[cfg.amount].security_above_fact
    assert payload["max_workers"] == 100_000
    assert soup.select_one("#uoc-tinh-workers-field").has_attr("hidden"), "asked only of an establishment"


def money(words_: str) -> int:
    return int(words_.replace(".", "").removesuffix(" đồng"))


def assert_headline_fits_the_months(answer) -> None:
    """The headline's first amount is what the dearest principal month costs, rounded up by less
    than a thousand đồng, so never below the mean month; the second, the dearest other month."""
    payments = [
        (money(tr.select("td")[3].get_text()), money(tr.select("td")[4].get_text())) for tr in answer.select("tbody tr")
    ]
    amounts = [money(strong.get_text()) for strong in answer.select(".estimator-headline strong")]
    principal_months = [paid for principal, paid in payments if principal]
    assert amounts[0] * len(payments) >= sum(paid for _, paid in payments), "at least the mean month"
    assert 0 <= amounts[0] - max(principal_months) < 1000
    other_months = [paid for principal, paid in payments if not principal]
    assert len(amounts) == 1 + bool(other_months)
    if other_months:
        assert 0 <= amounts[1] - max(other_months) < 1000


@pytest.mark.parametrize("period", ["monthly", "quarterly", "half-yearly", "yearly"])
@pytest.mark.parametrize("term", [1, 2, 7, 36, 120])
def test_estimator_example_headline_fits_every_period(data, monkeypatch, period, term):
    """The build-time example for each repayment period a person may pick."""
    from bs4 import BeautifulSoup

    example = data.estimator.example.model_copy(update={"period": period, "term_months": term})
    estimator = data.estimator.model_copy(update={"example": example})
    monkeypatch.setattr(data, "national", dataclasses.replace(data.national, estimator=estimator))
    html = tools.estimator_example(data, SITE_DAY, "cong-cu/uoc-tinh.md")
    example = BeautifulSoup(str(html), "html.parser")
    assert len(example.select("tbody tr")) == term
    assert_headline_fits_the_months(example)
    every = next(p.months for p in data.estimator.periods if p.id == period)
    headline = words(example.select_one(".estimator-headline"))
    if every == 1 or term == 1:
        assert headline.startswith("Mỗi tháng trả khoảng "), headline
    elif term > every:
        assert headline.startswith(f"Mỗi {every} tháng (kỳ trả gốc) trả khoảng "), headline
    else:
        assert headline.startswith(f"Tháng cuối (tháng {term}) trả khoảng "), headline


def test_estimator_example_labels_only_an_uncertain_rate(data):
    before = tools.estimator_example(data, datetime.date(2025, 11, 30), "cong-cu/uoc-tinh.md")
    assert (
        "lãi suất áp dụng ngày 30/11/2025 là <strong>6,6 %/năm</strong>, trả" in before
        and "chưa chắc chắn" not in before
    )
    period = data.period_in_force("poor-household-lending-rate", datetime.date(2025, 12, 1))
    original = period.status
    try:
        object.__setattr__(period, "status", "uncertain")
        marked = tools.estimator_example(data, datetime.date(2025, 12, 1), "cong-cu/uoc-tinh.md")
    finally:
        object.__setattr__(period, "status", original)
    assert marked.count("chưa chắc chắn") == 1, "an uncertain rate carries one label, the totals none"


def test_leaflet_has_two_sides_with_figures_from_data(site):
    body = article(site.page("cong-cu/to-roi"))
    sides = body.select(".leaflet-page")
    assert len(sides) == 2
    first, second = words(sides[0]), words(sides[1])
    assert "trong vòng 5 năm" in first and "Ai được vay?" in first
    assert "4 triệu đồng/tháng" in second and "100 triệu đồng" in second and "Công an xã, phường" in second
    assert len(sides[1].select(".fill-line")) == 3


def test_tool_pages_type_no_figures():
    """Amounts, shares, terms and rates on the tool pages come from macros, never typed."""
    import re

    for page in sorted((REPO / "docs" / "cong-cu").glob("*.md")):
        text = re.sub(
            r"\{\{.*?\}\}|Mẫu số 0[12]|Quyết định 22/2023/QĐ-TTg|khổ A4|^\d+\. ",
            "",
            page.read_text(encoding="utf-8"),
            flags=re.M,
        )
        typed = re.findall(r".{0,20}\d.{0,20}", text)
        assert typed == [], f"{page.name}: {typed}"
