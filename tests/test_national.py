"""Issue 15: the whole country, real. `make national` from data/provinces/ (34 provinces, 3,321 units of
today, 10,035 former units and 5 former island districts, all generated from vietnamadminunits):

- every province has its page listing its units, and nothing a source does not give (no office,
  programme or figure made up, the arranging resolution said to be unverified, no national total);
- /api/communes.json lists every unit with its official code, its province and province code, and
  its former units, checked against the library when it is installed (skipped without it outside CI);
- the finder's data is one small file per province, fetched when a question needs it, and the
  finder page's first load stays within the budget; the search index stays within 150 KB gzip;
- in Chromium at 360x740, names of today and before 1 July 2025, with and without diacritics, from
  several provinces, typed into the finder and into the site's search box, give the right answer.

The national site is built once per test session (the `country_site` fixture).
"""

from __future__ import annotations

import gzip
import json
import random
import re
from urllib.parse import quote

import pytest

from macros.data.dataset import load_national
from macros.render import finder
from macros.text import fold
from tools import pageweight

from .conftest import PHONE, REPO, BuiltSite, unavailable

FINDER = "cong-cu/tim-co-quan/"
FINDER_DATA = "assets/tim-co-quan"
PROVINCE_DATA_MAX = 30_000
"""Each province's finder data, and the index of names, gzip-compressed (issue 15)."""
SEARCH_INDEX_MAX = 150_000


@pytest.fixture(scope="module")
def country():
    return load_national(REPO)


def gzip_size(path) -> int:
    return len(gzip.compress(path.read_bytes(), 6))


def load(site, path: str) -> dict:
    return json.loads((site.root / path).read_text(encoding="utf-8"))


def article(site: BuiltSite, path: str) -> str:
    return site.article(path)


def _library():
    try:
        from tools import admin_units

        return admin_units.load_provinces()
    except SystemExit:  # the tool's own message: the library is not installed
        unavailable(
            "CI must have vietnamadminunits: make test installs requirements-units.txt",
            "vietnamadminunits is not installed here: pip install -r requirements-units.txt",
        )


# --- the pages ---------------------------------------------------------------------------------


def test_34_provinces_each_with_its_page_and_its_list_of_units(country_site, country):
    """Each province has its page, and its units on a page of their own (issue 19: the page reads
    on a phone): today's units with their codes and what each was made of, then the former ones."""
    assert len(country.provinces) == 34
    assert sum(len(p.communes) for p in country.provinces.values()) == 3321
    listed = country_site.page("tinh").select("article ul li a[href]")
    assert [a["href"] for a in listed] == [f"{p.province_slug}/" for p in country.provinces_in_order()]
    for slug, p in country.provinces.items():
        page = country_site.page(f"tinh/{slug}")
        assert page.select_one("article a[href='xa-phuong/']"), slug
        assert not page.select("article table tbody tr[id^=don-vi-]"), "the units are on their own page"
        units_page = country_site.page(f"tinh/{slug}/xa-phuong")
        units = units_page.select("article .units-table tbody tr")
        assert [r.select_one("th").get_text(strip=True) for r in units] == [
            finder.title(c.type, c.name) for c in p.communes.values()
        ], slug
        assert [r["id"] for r in units] == [f"don-vi-{c}" for c in p.communes]
        codes = [r.select("td")[0].get_text(strip=True) for r in units]
        assert codes == [str(c.code) for c in p.communes.values()], slug
    # what each unit was made of, with the former province when today's was made of several
    hanoi = country_site.page("tinh/ha-noi/xa-phuong").select_one("#don-vi-phuong-ba-dinh").get_text(" ")
    assert "phường Quán Thánh" in hanoi and "quận Ba Đình cũ" in hanoi
    tuyen_quang = country_site.page("tinh/tuyen-quang/xa-phuong").select_one("#don-vi-xa-dong-van").get_text(" ")
    assert "thị trấn Đồng Văn" in " ".join(tuyen_quang.split()) and "tỉnh Hà Giang cũ" in tuyen_quang
    con_dao = country_site.page("tinh/ho-chi-minh/xa-phuong").select_one("#don-vi-dac-khu-con-dao").get_text(" ")
    assert "huyện Côn Đảo (tỉnh Bà Rịa - Vũng Tàu cũ)" in " ".join(con_dao.split())


def test_the_lists_of_units_stay_out_of_the_search_index_and_the_nav(country_site):
    from .test_search import indexed

    assert not [d["url"] for d in indexed(country_site.root) if "/xa-phuong/" in d["url"]]
    nav = [a["href"] for a in country_site.page("tinh/ha-noi").select(".md-nav a[href$='xa-phuong/']")]
    assert nav == ["../../cong-cu/danh-sach-xa-phuong/"], "34 lists are reached from their province page, not the nav"


def test_province_facts_stay_null_until_sourced(country_site, country):
    """No office, programme, figure or resolution is invented: what the site does not hold for a
    province is said once, with what a reader there can do today (issue 19)."""
    for slug, p in country.provinces.items():
        if slug == "thanh-hoa":
            continue
        assert (p.offices, p.figures, p.local_duties(), p.province.programme) == ({}, [], [], None), slug
        assert p.province.units_basis is None and p.former_units.legal_basis is None
        text = article(country_site, f"tinh/{slug}")
        assert text.count("chưa có dữ liệu") == 1, slug
        assert (
            "Cơ quan cấp tỉnh và phòng giao dịch, chương trình phối hợp riêng của tỉnh, việc riêng của tỉnh, "
            f"số liệu cho vay tại {p.province.full_name}: chưa có dữ liệu . Trang không ghi địa chỉ, số điện thoại"
        ) in text
        steps = text.split("Nơi cần đến", 1)[1]
        assert steps.startswith(" Công an xã, phường nơi bạn cư trú hiện nay lập danh sách Mẫu số 01"), (
            "what to do first"
        )
        assert "chưa xác minh" not in text
        units = article(country_site, f"tinh/{slug}/xa-phuong")
        assert "sắp xếp các đơn vị hành chính cấp xã của " + p.province.full_name + ": chưa xác minh" in units
        assert "Phòng giao dịch Ngân hàng Chính sách xã hội phục vụ từng xã, phường: chưa xác minh" in units
        assert units.count("chưa xác minh") <= 3, "the unknown is said once, not on every row"
    thanh_hoa = article(country_site, "tinh/thanh-hoa")
    assert "166 đơn vị hành chính cấp xã (147 xã, 19 phường) từ ngày 01/07/2025" in thanh_hoa
    assert "Nghị quyết 1686/NQ-UBTVQH15" in thanh_hoa and "chưa có dữ liệu" not in thanh_hoa
    assert "sắp xếp các đơn vị hành chính cấp xã của" not in article(country_site, "tinh/thanh-hoa/xa-phuong")


def test_no_national_total_is_shown(country_site, country):
    """No source gives a total for the country: the pages never sum the provinces' units."""
    totals = {
        str(sum(len(p.communes) for p in country.provinces.values())),
        str(sum(len(p.former_units.units) for p in country.provinces.values())),
        "10040",
    }
    for path in ("", "tinh", "cong-cu/tim-co-quan", "cong-cu/danh-sach-xa-phuong", "can-bo/so-lieu"):
        text = article(country_site, path).replace(".", "").replace(",", "")
        assert not [t for t in totals if re.search(rf"\b{t}\b", text)], path
    assert "mỗi tỉnh, thành phố có danh sách đơn vị hành chính cấp xã riêng" in article(country_site, "")


def test_a_generated_province_builds_on_its_own(tmp_path, monkeypatch):
    """`make build PROVINCE=<slug>` for a province the generator made: its pages, without Thanh Hóa."""
    from macros.cli.build import build_site

    from .conftest import BuiltSite
    from .test_scale import thanh_hoa_mentions

    monkeypatch.setenv("SITE_DATE", "2025-12-01")
    monkeypatch.setenv("PROVINCE", "lai-chau")
    build_site(REPO, tmp_path / "site")
    site = BuiltSite(tmp_path / "site")
    assert thanh_hoa_mentions(site) == []
    assert "Lai Châu" in article(site, "cong-cu/danh-sach-xa-phuong")
    assert site.page(FINDER).select_one("#tim-co-quan-data")


# --- the open data ----------------------------------------------------------------------------------


def test_communes_json_lists_every_unit_with_its_codes_and_former_units(country_site, country):
    records = load(country_site, "api/communes.json")["records"]
    assert len(records) == 3321
    assert len({r["code"] for r in records}) == 3321, "a code names one unit in the whole country"
    for slug, p in country.provinces.items():
        mine = [r for r in records if r["province"] == slug]
        assert [(r["id"], r["code"]) for r in mine] == [(c.id, c.code) for c in p.communes.values()], slug
        assert {r["province_code"] for r in mine} == {p.communes_file.province_code}
    assert len({r["province_code"] for r in records}) == 34
    former = load(country_site, "api/former-units.json")["records"]
    assert len(former) == sum(len(r["former_units"]) for r in records) - sum(
        len(u.becomes) - 1 for p in country.provinces.values() for u in p.former_units.units
    )
    assert len(former) == 10_035 and {r["province"] for r in former} == set(country.provinces)
    islands = [r for r in records if r["former_district"]]
    assert len(islands) == 5 and {r["former_district"]["name"] for r in islands} == {
        "Bạch Long Vĩ",
        "Cồn Cỏ",
        "Hoàng Sa",
        "Lý Sơn",
        "Côn Đảo",
    }
    nga_son = next(r for r in records if r["id"] == "xa-nga-son" and r["province"] == "thanh-hoa")
    assert {"code": 16123, "name": "Nga Thanh", "type": "xã", "district": "huyện Nga Sơn"}.items() <= next(
        f for f in nga_son["former_units"] if f["name"] == "Nga Thanh"
    ).items()


def test_every_official_code_is_the_librarys(country_site):
    """Every unit of today (code, name, type, province code) and what it was made of (the former
    units' codes), in /api/communes.json, against vietnamadminunits."""
    library = _library()
    records = load(country_site, "api/communes.json")["records"]
    published = {(r["province_code"], r["code"], r["name"], r["type"]) for r in records}
    official = {(p.code, u.code, u.name, u.type) for p in library.values() for u in p.new_units}
    assert len(official) == 3321 and published == official
    made_of = {(r["province_code"], r["code"]): sorted(f["code"] for f in r["former_units"]) for r in records}
    theirs: dict[tuple[int, int], list[int]] = {}
    for p in library.values():
        for old in p.old_units:
            for unit in old.becomes:
                theirs.setdefault((p.code, unit.code), []).append(old.code)
    assert made_of == {key: sorted(theirs.get(key, [])) for key in made_of}


# --- sizes -------------------------------------------------------------------------------------------


def test_finder_data_is_one_small_file_per_province(country_site, country):
    folder = country_site.root / FINDER_DATA
    files = {p.stem: gzip_size(p) for p in folder.glob("*.json")}
    assert set(files) == set(country.provinces) | {"index"}
    heavy = {name: size for name, size in files.items() if size > PROVINCE_DATA_MAX}
    print(f"\nfinder data, gzip: index {files.pop('index')} B, largest province {max(files.values())} B")
    assert heavy == {}
    thanh_hoa = load(country_site, f"{FINDER_DATA}/thanh-hoa.json")
    assert len(thanh_hoa["units"]) == 166 and len(thanh_hoa["former"]) == 547
    index = load(country_site, f"{FINDER_DATA}/index.json")["provinces"]
    assert [p["slug"] for p in index] == [p.province_slug for p in country.provinces_in_order()]


def test_the_finder_page_first_load_is_within_the_budget(country_site):
    weights = {w.page: w for w in pageweight.page_weights(country_site.root)}
    page = weights[FINDER]
    print(f"\nnational finder page, first load: {page.total / 1000:.1f} KB gzip")
    assert page.total < pageweight.BUDGET_BYTES
    assert "assets/tim-co-quan.js" in page.files
    assert not [f for f in page.files if f.startswith(FINDER_DATA + "/")], "the data waits for a question"
    assert pageweight.over_budget(list(weights.values())) == []


def test_the_search_index_is_in_chunks_and_knows_every_name(country_site, country):
    """Pagefind's index of the whole country: what opening the search fetches (its meta file) stays
    within SEARCH_INDEX_MAX gzip, the rest is chunks a query fetches as it needs them; each province
    has one record of its units, leading to its finder, with every name of today and before."""
    from .test_search import indexed

    bundle = country_site.root / "pagefind"
    meta = sum(p.stat().st_size for p in bundle.glob("*.pf_meta"))  # already gzip
    chunks = [p.stat().st_size for p in (bundle / "index").glob("*.pf_index")]
    print(f"\nnational search: meta {meta} B, {len(chunks)} chunks, largest {max(chunks)} B")
    assert meta <= SEARCH_INDEX_MAX and len(chunks) >= 20 and max(chunks) < 60_000
    records = {d["url"]: d for d in indexed(country_site.root)}
    for slug, p in country.provinces.items():
        text = fold(records[f"/{FINDER}?tinh={slug}"]["content"])
        for name in [c.name for c in p.communes.values()] + [u.name for u in p.former_units.units]:
            assert fold(name) in text, (slug, name)


# --- in the browser --------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def phone(browser, served_country):
    context = browser.new_context(viewport=PHONE, locale="vi-VN")
    tab = context.new_page()
    tab.fetched, tab.foreign = [], []
    tab.on("request", lambda r: tab.fetched.append(r.url.removeprefix(served_country)))
    own = served_country.rstrip("/")
    tab.on("request", lambda r: None if r.url.startswith((own, "data:", "blob:")) else tab.foreign.append(r.url))
    tab.goto(served_country + FINDER, wait_until="networkidle")
    try:
        yield tab
    finally:
        assert tab.foreign == [], "the finder asks this site only"
        context.close()


def ask(tab, typed: str) -> list[str]:
    """Type into the finder as a person does; the answers shown, once the question is answered."""
    box = tab.locator("#tim-co-quan-q")
    box.fill("")
    box.press_sequentially(typed)
    tab.wait_for_function(
        "() => { const c = document.getElementById('tim-co-quan-count').textContent;"
        " return c && !c.startsWith('Đang tìm'); }"
    )
    return [" ".join(s.split()) for s in tab.locator("#ket-qua summary").all_inner_texts()]


def _sample(country, count: int = 2) -> list[tuple[str, str, str]]:
    """(typed, expected answer, province) for a seeded sample: in six provinces, units of today and
    former units, each typed with its province's name, with diacritics and without."""
    rng = random.Random("issue-15")
    out = []
    for slug in ("ha-noi", "ho-chi-minh", "tuyen-quang", "dak-lak", "ca-mau", "quang-ninh"):
        p = country.provinces[slug]
        districts = {d.id: d for d in p.former_units.districts}
        for c in rng.sample(list(p.communes.values()), count):
            said = f"{finder.title(c.type, c.name)}, {p.province.full_name} là {c.type} hiện nay"
            out.append((f"{c.name}, {p.province.name}", said, slug))
        for u in rng.sample([u for u in p.former_units.units if len(u.becomes) == 1], count):
            district = districts[u.district]
            place = finder.former_place(district)
            now = p.communes[u.becomes[0]]
            said = f"{finder.title(u.type, u.name)} ({place}) nay thuộc {now.type} {now.name}, {p.province.full_name}."
            out.append((fold(f"{u.type} {u.name} {district.name} {p.province.name}"), said, slug))
    return out


def test_names_from_several_provinces_typed_as_people_type_them(phone, country):
    """Each typed whole (one change of the box): only the index and the province named are fetched."""
    for typed, said, slug in _sample(country):
        before = len(phone.fetched)
        phone.locator("#tim-co-quan-q").fill(typed)
        phone.wait_for_function("() => document.querySelectorAll('#ket-qua summary').length > 0")
        shown = [" ".join(s.split()) for s in phone.locator("#ket-qua summary").all_inner_texts()]
        assert any(s.startswith(said) for s in shown), (typed, said, shown[:3])
        fetched = [url for url in phone.fetched[before:] if FINDER_DATA in url]
        assert all(url.endswith((f"/{slug}.json", "/index.json")) for url in fetched), (typed, fetched)
        phone.locator("#tim-co-quan-q").fill("")


def test_known_answers_across_the_country(phone):
    assert ask(phone, "nga thanh")[:2] == [
        "Xã Nga Thanh (huyện Nga Sơn cũ) nay thuộc xã Nga Sơn, tỉnh Thanh Hóa.",
        "Xã Nga Thành (huyện Nga Sơn cũ) nay thuộc xã Hồ Vương, tỉnh Thanh Hóa.",
    ]
    assert ask(phone, "Phường 1, Quận 3") == [
        "Phường 1 (quận 3, thành phố Hồ Chí Minh cũ) nay thuộc phường Bàn Cờ, thành phố Hồ Chí Minh."
    ]
    assert "Thị trấn Đồng Văn (huyện Đồng Văn, tỉnh Hà Giang cũ) nay thuộc xã Đồng Văn, tỉnh Tuyên Quang." in ask(
        phone, "dong van, ha giang"
    )
    assert "Huyện Côn Đảo (tỉnh Bà Rịa - Vũng Tàu cũ) nay thuộc đặc khu Côn Đảo, thành phố Hồ Chí Minh." in ask(
        phone, "Côn Đảo"
    )
    card = phone.locator("#ket-qua .finder-card").first
    assert "Công an đặc khu Côn Đảo" in card.inner_text()
    assert card.locator(".finder-province a").get_attribute("href") == "../../tinh/ho-chi-minh/xa-phuong/"


def test_a_name_in_many_provinces_asks_for_the_province_first(phone):
    before = len(phone.fetched)
    assert ask(phone, "tan thanh") == []
    assert phone.locator("#tim-co-quan-count").inner_text().startswith("Có xã, phường, thị trấn tên như vậy ở ")
    assert not [u for u in phone.fetched[before:] if FINDER_DATA in u and "index.json" not in u], "nothing fetched yet"
    links = phone.locator("#ket-qua .finder-provinces a")
    assert links.count() > 4 and all(links.nth(i).bounding_box()["height"] >= 44 for i in range(links.count()))
    phone.locator("#ket-qua .finder-provinces a", has_text="Tỉnh Tây Ninh").click()
    phone.wait_for_function("() => document.querySelectorAll('#ket-qua summary').length > 0")
    assert phone.locator("#tim-co-quan-q").input_value() == "tan thanh, Tây Ninh"
    shown = [" ".join(s.split()) for s in phone.locator("#ket-qua summary").all_inner_texts()]
    assert "Xã Tân Thành (huyện Mộc Hóa, tỉnh Long An cũ) nay thuộc xã Mộc Hóa, tỉnh Tây Ninh." in shown
    assert ask(phone, "ha giang")  # a former province's name alone: where it went, then the units so named
    assert (
        phone.locator(".finder-province-note").inner_text().startswith("Tỉnh Hà Giang cũ nay thuộc tỉnh Tuyên Quang.")
    )


def test_the_site_search_finds_a_unit_anywhere_and_opens_the_finder(browser, served_country):
    from tools.search_eval import open_search, search

    from .test_search import links_listed

    context = browser.new_context(viewport=PHONE, locale="vi-VN")
    tab = context.new_page()
    try:
        tab.goto(served_country, wait_until="networkidle")
        open_search(tab)
        for typed, slug in (
            ("Phường Ba Đình", "ha-noi"),
            ("nga thanh", "thanh-hoa"),
            ("phuong ben nghe", "ho-chi-minh"),
            ("Ea H'leo", "dak-lak"),
        ):
            units = [href for _, href in links_listed(search(tab, typed)) if FINDER in href][:3]
            assert any(f"tinh={slug}" in href for href in units), (typed, units)
        shown = search(tab, "nga thanh")
        units = [entry for entry in shown if FINDER in entry[1]]
        assert shown.index(units[0]) <= 1, "a page first, then the unit (README, Search)"
        assert units[0][0] == "Xã Nga Sơn", shown[:2]
        assert units[0][1].split("?")[1] == "tinh=thanh-hoa&q=X%C3%A3+Nga+S%C6%A1n", (
            "the unit's name, not the words typed"
        )
        shown_place = search(tab, "phuong hac thanh")  # a unit's kind and whole name: the place first
        assert shown_place[0][0] == "Phường Hạc Thành" and "tinh=thanh-hoa" in shown_place[0][1], shown_place[:2]
        shown = search(tab, "nga thanh")
        tab.locator(".qd-search__results > li > a").nth(shown.index(units[0])).click()
        tab.wait_for_function("() => document.querySelectorAll('#ket-qua summary, #ket-qua .finder-card').length > 0")
        assert "Nga Sơn" in tab.locator("#tim-co-quan-q").input_value()
    finally:
        context.close()


def test_q_and_province_in_the_address(browser, served_country):
    context = browser.new_context(viewport=PHONE, locale="vi-VN")
    tab = context.new_page()
    try:
        tab.goto(served_country + FINDER + "?tinh=tay-ninh&q=" + quote("Tân Thành"), wait_until="load")
        tab.wait_for_function("() => document.querySelectorAll('#ket-qua summary').length > 0")
        assert tab.locator("#tim-co-quan-q").input_value() == "Tân Thành, Tây Ninh"
        shown = tab.locator("#ket-qua summary").all_inner_texts()
        assert len(shown) > 3 and all("tỉnh Tây Ninh" in s for s in shown), shown
    finally:
        context.close()


def test_national_finder_results_have_no_wcag_aa_violations(browser, served_country, axe_source):
    from .conftest import axe_violations

    context = browser.new_context(viewport=PHONE, locale="vi-VN")
    tab = context.new_page()
    try:
        for typed in ("tan thanh", "nga thanh", "con dao"):
            tab.goto(served_country + FINDER + "?q=" + quote(typed), wait_until="load")
            tab.wait_for_function("() => document.getElementById('ket-qua').children.length > 0")
            if tab.locator("#ket-qua summary").count():
                tab.locator("#ket-qua summary").first.click()
            assert axe_violations(tab, axe_source) == [], typed
    finally:
        context.close()


NAMES_AS_TYPED = {
    "Xã Cư M'gar, tỉnh Đắk Lắk là xã hiện nay": ["Cư M'gar", "Cu Mgar", "cumgar", "cu-mgar", "Cư M’gar"],
    "Xã Ea H'Leo, tỉnh Đắk Lắk là xã hiện nay": ["Ea H’leo", "ea hleo", "eahleo", "Ea H'Leo"],
}


@pytest.mark.parametrize(
    "typed, said", [(typed, said) for said, forms in NAMES_AS_TYPED.items() for typed in forms], ids=repr
)
def test_names_with_or_without_apostrophes_hyphens_and_spaces(phone, typed, said):
    shown = ask(phone, typed)
    assert any(s.startswith(said) for s in shown), (typed, shown[:3])


@pytest.mark.parametrize(
    "typed",
    [
        pytest.param(
            "cumgar",
            marks=pytest.mark.xfail(
                strict=True,
                reason="known gap: the search box does not find Cư M'gar typed as one word "
                "(the finder does; README, Search)",
            ),
        ),
        "Cu Mgar",
        "Cư M’gar",
        "Ea H’leo",
        "eahleo",
    ],
)
def test_the_search_box_takes_names_as_people_type_them(browser, served_country, typed):
    from tools.search_eval import open_search, search

    from .test_search import links_listed

    context = browser.new_context(viewport=PHONE, locale="vi-VN")
    tab = context.new_page()
    try:
        tab.goto(served_country, wait_until="networkidle")
        open_search(tab)
        hrefs = [href for _, href in links_listed(search(tab, typed))][:6]
        assert any("tinh=dak-lak" in (h or "") for h in hrefs), (typed, hrefs)
    finally:
        context.close()


@pytest.mark.parametrize("typed, units", [("can mang giay to gi", 0), ("moi thang tra bao nhieu", 0), ("dong tien", 2)])
def test_unit_names_never_crowd_a_question_on_the_national_site(browser, served_country, typed, units):
    """Issue 22: on the national site "dong tien" listed units of eight provinces and "can mang giay to
    gi" a unit whose text has those words scattered. A question lists no unit; a name (Đông Tiến,
    Đồng Tiến in many provinces, or đóng tiền: paying) at most two unit entries, and a page first."""
    from tools.search_eval import open_search, search

    context = browser.new_context(viewport=PHONE, locale="vi-VN")
    tab = context.new_page()
    try:
        tab.goto(served_country, wait_until="networkidle")
        open_search(tab)
        shown = search(tab, typed)
        from .test_search import links_listed

        listed = [title for title, href in links_listed(shown) if "?" in (href or "")]
        assert len(listed) <= units, (typed, listed)
        assert shown and "?" not in shown[0][1], (typed, [t for t, _, _ in shown][:3])
    finally:
        context.close()
