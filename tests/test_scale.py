"""Issue 8: any province from its data folder, and all of them in one national site.

- a province scaffolded with `make new-province`, then filled with a few records, passes the
  data checks and builds; its pages say "chưa có dữ liệu" where it has no data and never name
  Thanh Hóa;
- the synthetic generator is deterministic, has the country's counts, and never writes into data/;
- a small synthetic national site (3 provinces) has the selector, a page per province with its
  units, offices and duties, national search over them, and no broken link;
- the national build of the real data has the 34 provinces (more in tests/test_national.py).
"""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
from pathlib import Path

import pytest
import yaml
from bs4 import BeautifulSoup

from macros import settings
from macros.cli.build import build_site
from macros.cli.check import check
from macros.data.dataset import load_national, province_slugs
from macros.text import fold
from tools import synthetic
from tools.links import check_links

from .conftest import REPO, BuiltSite, copy_repo

DAY = "2025-12-01"
SLUG = "tinh-thu"
NAME = "Thử Nghiệm"


def build(data_root: Path, province: str, out: Path, monkeypatch) -> BuiltSite:
    monkeypatch.setenv("SITE_DATE", DAY)
    monkeypatch.setenv("PROVINCE", province)
    monkeypatch.setenv("DATA_ROOT", str(data_root))
    build_site(REPO, out)
    return BuiltSite(out)


def article(site: BuiltSite, path: str) -> str:
    return site.article(path)


_URL = re.compile(r"https?://\S+")
_NAMED = re.compile(r"thanh[\s_]*hoa")


def names_thanh_hoa(text: str) -> bool:
    """True if a reader would see "Thanh Hóa" (any spelling) in `text`; addresses of pages and sources aside."""
    return bool(_NAMED.search(fold(_URL.sub(" ", text))))


def thanh_hoa_mentions(site: BuiltSite) -> list[str]:
    """Every built file where a reader sees the name: page text, titles, attributes, search index, open data, calendars."""
    found = []
    for file in sorted(site.root.rglob("*")):
        if not file.is_file() or file.suffix not in (".html", ".json", ".ics", ".xml"):
            continue
        raw = file.read_text(encoding="utf-8")
        if file.suffix == ".html":
            soup = BeautifulSoup(raw, "html.parser")
            for tag in soup.find_all(True):
                for attribute in ("href", "src", "action"):
                    tag.attrs.pop(attribute, None)
            raw = str(soup)
        elif file.name == "search_index.json":
            raw = json.dumps(
                [{k: v for k, v in d.items() if k != "location"} for d in json.loads(raw)["docs"]], ensure_ascii=False
            )
        elif file.suffix == ".xml":
            continue  # the sitemap lists page addresses only
        if names_thanh_hoa(raw):
            found.append(file.relative_to(site.root).as_posix())
    return found


def test_the_name_check_can_fail():
    assert names_thanh_hoa("Chương trình phối hợp tại Thanh Hóa") and names_thanh_hoa("tinh thanh hoa")
    assert names_thanh_hoa('"fold_pairs": "_thanhhoa _hoaco"')
    assert not names_thanh_hoa("../can-bo/chuong-trinh-thanh-hoa/ https://baothanhhoa.vn/x.htm")


# --- 1. a new province ------------------------------------------------------------------------


FILLED = {
    "province.yaml": {
        "ward_count": "1",
        "commune_count": "2",
        "units_since": "2025-07-01",
        "source": "https://example.org/tinh-thu",
        "verified_on": "2026-11-28",
        "review_by": "2027-05-28",
    },
}
COMMUNES = """source: https://example.org/tinh-thu/xa-phuong
verified_on: 2026-11-28
review_by: 2027-05-28
communes:
  - {id: phuong-mot, name: Một, type: phường}
  - {id: xa-hai-duc, name: Hai Đức, type: xã, vbsp_office: pgd-tinh-thu-1}
  - {id: xa-ba-son, name: Ba Sơn, type: xã}
"""
OFFICES = """offices:
  - id: pgd-tinh-thu-1
    name: Phòng giao dịch Ngân hàng Chính sách xã hội thử
    kind: vbsp_transaction_office
    agency: nhcsxh-phong-giao-dich
    address: null
    phone: null
    hours: null
    serves: [xa-hai-duc]
    source: https://example.org/tinh-thu/pgd
    verified_on: 2026-11-28
    review_by: 2027-05-28
"""
STATISTICS = """figures:
  - id: mid-2025-total
    as_of: 2025-06-30
    as_of_precision: day
    measure: borrowers_cumulative
    people: 42
    amount_vnd: 3500000000
    amount_kind: disbursed
    amount_qualifier: over
    source: https://example.org/tinh-thu/so-lieu
    verified_on: 2026-11-28
    review_by: 2027-05-28
"""


def fill(folder: Path) -> None:
    """A few records, as an editor would add them to the templates."""
    text = (folder / "province.yaml").read_text(encoding="utf-8")
    for key, value in FILLED["province.yaml"].items():
        text, count = re.subn(rf"^{key}: null$", f"{key}: {value}", text, flags=re.M)
        assert count == 1, key
    (folder / "province.yaml").write_text(text, encoding="utf-8")
    for name, body in (("communes.yaml", COMMUNES), ("offices.yaml", OFFICES), ("statistics.yaml", STATISTICS)):
        head = "".join(
            line
            for line in (folder / name).read_text(encoding="utf-8").splitlines(keepends=True)
            if line.startswith("#")
        )
        (folder / name).write_text(head + body, encoding="utf-8")


@pytest.fixture(scope="module")
def new_province(tmp_path_factory):
    """A copy of the repository with data/provinces/tinh-thu/ made by the scaffold command, untouched."""
    root = copy_repo(tmp_path_factory.mktemp("repo"))
    env = {"PATH": os.environ["PATH"], "PYTHONPATH": str(REPO), "DATA_ROOT": str(root)}
    result = subprocess.run(
        [sys.executable, "-m", "macros.cli.scaffold", SLUG, NAME], env=env, capture_output=True, text=True
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert f"data/provinces/{SLUG}/ is valid" in result.stdout
    return root


def test_scaffold_writes_templates_with_null_for_the_unknown(new_province):
    folder = new_province / "data" / "provinces" / SLUG
    assert sorted(p.name for p in folder.iterdir()) == [
        "communes.yaml",
        "deadlines.yaml",
        "former_units.yaml",
        "offices.yaml",
        "province.yaml",
        "statistics.yaml",
        "unit_changes.yaml",
    ]
    province = yaml.safe_load((folder / "province.yaml").read_text(encoding="utf-8"))
    assert (province["name"], province["full_name"]) == (NAME, f"tỉnh {NAME}")
    assert [k for k, v in province.items() if v is None] == [
        "ward_count",
        "commune_count",
        "units_basis",
        "units_since",
        "source",
        "verified_on",
        "review_by",
        "programme",
    ]
    for name, key in (
        ("communes.yaml", "communes"),
        ("former_units.yaml", "units"),
        ("offices.yaml", "offices"),
        ("deadlines.yaml", "duties"),
        ("statistics.yaml", "figures"),
        ("unit_changes.yaml", "changes"),
    ):
        text = (folder / name).read_text(encoding="utf-8")
        assert text.startswith(
            f"# yaml-language-server: $schema=../../../schemas/{name.removesuffix('.yaml')}.schema.json\n"
        )
        assert yaml.safe_load(text)[key] == []
    assert check(new_province, SLUG) == []


def test_scaffold_refuses_to_overwrite_or_a_bad_slug(new_province):
    env = {"PATH": os.environ["PATH"], "PYTHONPATH": str(REPO), "DATA_ROOT": str(new_province)}
    for args in ([SLUG, NAME], ["Ha Tinh", NAME], [settings.NATIONAL, NAME]):
        result = subprocess.run(
            [sys.executable, "-m", "macros.cli.scaffold", *args], env=env, capture_output=True, text=True
        )
        assert result.returncode == 1 and result.stderr, args
    assert (
        (new_province / "data" / "provinces" / SLUG / "communes.yaml")
        .read_text(encoding="utf-8")
        .endswith("communes: []\n")
    )


def test_an_empty_new_province_builds_and_says_what_it_lacks(new_province, tmp_path, monkeypatch):
    site = build(new_province, SLUG, tmp_path / "site", monkeypatch)
    assert thanh_hoa_mentions(site) == []
    assert "chưa có dữ liệu" in article(site, "can-bo/chuong-trinh-thanh-hoa")
    assert "Chương trình phối hợp tại Thử Nghiệm" in article(site, "can-bo/chuong-trinh-thanh-hoa")
    assert "chưa có dữ liệu" in article(site, "can-bo/so-lieu")
    assert not site.page("can-bo/so-lieu").select("article svg, article table")
    finder = article(site, "cong-cu/tim-co-quan")
    assert "Danh sách xã, phường của tỉnh Thử Nghiệm: chưa có dữ liệu" in finder
    assert "tỉnh Thử Nghiệm có một số đơn vị hành chính cấp xã (số lượng và danh sách: chưa có dữ liệu )" in finder
    # Decision 22's duties apply in every province: the calendar has them without any local file
    assert "Lập danh sách Mẫu số 01" in article(site, "can-bo/lich")
    home = site.page("")
    assert home.select_one('meta[name="description"]')["content"].endswith("cho người dân và cán bộ tỉnh Thử Nghiệm.")
    nav = [a.get_text(" ", strip=True) for a in site.page("can-bo").select("nav.md-nav--primary a")]
    assert "Chương trình Thử Nghiệm" in nav
    assert check_links(site.root)[0] == []


def copy_with_new_province(new_province: Path, tmp: Path) -> Path:
    """A fresh copy of the repository holding the scaffolded templates, for a test to change."""
    root = copy_repo(tmp / "repo")
    folder = root / "data" / "provinces" / SLUG
    folder.mkdir()
    for file in (new_province / "data" / "provinces" / SLUG).iterdir():
        (folder / file.name).write_bytes(file.read_bytes())
    return root


def test_a_filled_new_province_passes_the_checks_and_builds(new_province, tmp_path, monkeypatch):
    root = copy_with_new_province(new_province, tmp_path)
    fill(root / "data" / "provinces" / SLUG)
    assert check(root, SLUG) == []
    site = build(root, SLUG, tmp_path / "site", monkeypatch)
    assert thanh_hoa_mentions(site) == []
    # the list of units (the finder's page without JavaScript), without former units yet
    rows = site.page("cong-cu/danh-sach-xa-phuong").select("table.units-table tbody tr")
    assert [r.select_one("th").get_text(strip=True) for r in rows] == ["Phường Một", "Xã Hai Đức", "Xã Ba Sơn"]
    assert (
        "Phòng giao dịch Ngân hàng Chính sách xã hội thử: Nguồn nêu phòng này phục vụ xã Hai Đức." in rows[1].get_text()
    )
    assert "trước ngày 01/07/2025: chưa có dữ liệu" in article(site, "cong-cu/danh-sach-xa-phuong")
    assert site.page("cong-cu/tim-co-quan").select_one("#tim-co-quan-data")
    assert "Hiện nay, tỉnh Thử Nghiệm có 3 đơn vị hành chính cấp xã (2 xã, 1 phường) từ ngày 01/07/2025." in article(
        site, ""
    )
    figures = article(site, "can-bo/so-lieu")
    assert "Số liệu cho vay tại tỉnh Thử Nghiệm" in figures and "42" in figures and "chưa có dữ liệu" not in figures
    assert "chưa có dữ liệu" in article(site, "can-bo/chuong-trinh-thanh-hoa")
    assert check_links(site.root)[0] == []


def test_a_filled_record_without_its_source_is_refused(new_province, tmp_path):
    root = copy_with_new_province(new_province, tmp_path)
    folder = root / "data" / "provinces" / SLUG
    text = (
        (folder / "communes.yaml")
        .read_text(encoding="utf-8")
        .replace("communes: []", "communes:\n  - {id: xa-mot, name: Một, type: xã}")
    )
    (folder / "communes.yaml").write_text(text, encoding="utf-8")
    problems = check(root, SLUG)
    assert len(problems) == 1 and re.match(
        rf"data/provinces/{SLUG}/communes\.yaml:\d+: source: is needed once communes is filled in", problems[0]
    ), problems


# --- 3. the synthetic generator ------------------------------------------------------------------


def test_synthetic_data_is_deterministic_and_has_the_countrys_counts(tmp_path):
    first = synthetic.generate(tmp_path / "a")
    synthetic.generate(tmp_path / "b")
    files = sorted(p.relative_to(tmp_path / "a") for p in (tmp_path / "a").rglob("*.yaml"))
    assert files == sorted(p.relative_to(tmp_path / "b") for p in (tmp_path / "b").rglob("*.yaml"))
    assert all((tmp_path / "a" / f).read_bytes() == (tmp_path / "b" / f).read_bytes() for f in files)
    assert (first.provinces, first.communes) == (synthetic.PROVINCES, synthetic.COMMUNES) == (34, 3321)
    national = load_national(tmp_path / "a")  # passes every data check
    assert len(national.provinces) == 34
    assert sum(len(p.communes) for p in national.provinces.values()) == 3321
    assert sum(len(p.offices) for p in national.provinces.values()) == first.offices > 34 * 2
    assert all(p.local_duties() and p.province.programme for p in national.provinces.values())
    assert all(c.vbsp_office in p.offices for p in national.provinces.values() for c in p.communes.values())
    text = (tmp_path / "a" / "data" / "provinces" / "mau-01" / "communes.yaml").read_text(encoding="utf-8")
    assert "not a real province" in text and "example.invalid" in text


def test_synthetic_data_never_goes_into_data(tmp_path):
    with pytest.raises(ValueError, match="never goes into the real"):
        synthetic.generate(REPO)
    assert len(province_slugs(REPO)) == 34 and not [s for s in province_slugs(REPO) if s.startswith("mau-")]


# --- 2. the national site --------------------------------------------------------------------


@pytest.fixture(scope="module")
def national_site(tmp_path_factory):
    """A national site over 3 synthetic provinces (120 communes), built once."""
    tmp = tmp_path_factory.mktemp("national")
    synthetic.generate(tmp / "data-root", provinces=3, communes=120)
    mp = pytest.MonkeyPatch()
    try:
        site = build(tmp / "data-root", settings.NATIONAL, tmp / "site", mp)
    finally:
        mp.undo()
    return site, load_national(tmp / "data-root")


def test_national_site_has_a_selector_and_a_page_per_province(national_site):
    site, data = national_site
    selector = site.page("tinh")
    links = [a["href"] for a in selector.select("article li a")]
    assert links == ["mau-01/", "mau-02/", "mau-03/"]
    nav = [
        a.get_text(" ", strip=True)
        for a in site.page("tinh/mau-02").select("nav.md-nav--primary a")
        if not a["href"].startswith("#")
    ]
    assert nav[-4:] == ["Tỉnh, thành phố", "Mẫu 01", "Mẫu 02", "Mẫu 03"]
    assert sorted(p.name for p in (site.root / "tinh").iterdir() if p.is_dir()) == ["mau-01", "mau-02", "mau-03"]
    for slug, province in data.provinces.items():
        page = site.page(f"tinh/{slug}")
        assert (
            page.select_one("h1").get_text(strip=True)
            == province.province.full_name[:1].upper() + province.province.full_name[1:]
        )
        rows = site.page(f"tinh/{slug}/xa-phuong").select("table.units-table tbody tr")
        assert len(rows) == len(province.communes)
        assert [r.select_one("th").get_text(strip=True) for r in rows] == [
            f"{c.type.capitalize()} {c.name}" for c in province.communes.values()
        ]
        assert all(
            province.offices[c.vbsp_office].name in r.select_one("td:last-child").get_text(" ", strip=True)
            for r, c in zip(rows, province.communes.values())
        )
        text = article(site, f"tinh/{slug}")
        for office in province.offices.values():
            assert office.name in text
        for duty in province.local_duties():
            assert duty.title in text
        assert "Mỗi số do một nguồn công bố" in text


def test_national_site_pages_point_to_the_provinces(national_site):
    site, _ = national_site
    for path, ending in (
        ("cong-cu/tim-co-quan", "xa-phuong/"),
        ("can-bo/chuong-trinh-thanh-hoa", "#chuong-trinh"),
        ("can-bo/so-lieu", "#so-lieu"),
    ):
        hrefs = [a["href"] for a in site.page(path).select("article a") if "/tinh/" in a["href"]]
        assert [h.split("/tinh/")[1] for h in hrefs if h.endswith(ending)] == [
            f"mau-0{i}/{ending}" for i in (1, 2, 3)
        ], path
    home = article(site, "")
    assert "mỗi tỉnh, thành phố có danh sách đơn vị hành chính cấp xã riêng" in home
    # the national calendar has Decision 22's duties only; each province's own are on its page
    calendar = article(site, "can-bo/lich")
    assert "Lập danh sách Mẫu số 01" in calendar and "Phối hợp tổ chức phiên chợ việc làm" not in calendar
    assert check_links(site.root)[0] == []


def test_national_search_finds_every_commune(national_site):
    """Issue 15: one search record per province, leading to the finder, holding every unit's name;
    the province's own list of units stays out of the index."""
    from .test_search import indexed

    site, data = national_site
    records = {d["url"]: d for d in indexed(site.root)}
    for slug, province in data.provinces.items():
        units = records[f"/cong-cu/tim-co-quan/?tinh={slug}"]
        assert units["meta"]["title"] == province.province.full_name
        for commune in province.communes.values():
            assert commune.name in units["content"], commune.name
    assert not [url for url in records if "/xa-phuong/" in url]


def test_national_build_of_the_real_data_has_every_province(country_site):
    """The real national site (built once per session: tests/conftest.py, tests/test_national.py)."""
    site = country_site
    assert len(site.page("tinh").select("article li a")) == 34
    page = article(site, "tinh/thanh-hoa")
    assert "Tại tỉnh Thanh Hóa có 166 đơn vị hành chính cấp xã (147 xã, 19 phường) từ ngày 01/07/2025" in page
    assert "Công an tỉnh Thanh Hóa" in page and "Trao đổi thông tin, số liệu hằng tháng" in page
    # the one province's count is given as its own, never as the country's
    home = article(site, "")
    assert "166" not in home and "mỗi tỉnh, thành phố có danh sách đơn vị hành chính cấp xã riêng" in home
    assert "Tỉnh Thanh Hóa : 166 đơn vị hành chính cấp xã" in article(site, "cong-cu/tim-co-quan")
    assert check_links(site.root)[0] == []


def test_national_pages_have_no_wcag_aa_violations(national_site, browser, axe_source):
    """The pages only the national site has, and the shared pages it words differently."""
    from .conftest import serve_directory, violations_by_page

    site, _ = national_site
    paths = [
        "tinh/",
        "tinh/mau-01/",
        "tinh/mau-01/xa-phuong/",
        "cong-cu/tim-co-quan/",
        "can-bo/chuong-trinh-thanh-hoa/",
        "can-bo/so-lieu/",
        "can-bo/trach-nhiem/",
    ]
    with serve_directory(site.root) as url:
        assert violations_by_page(browser, url, paths, axe_source) == {}


def test_national_pages_keep_the_content_rules(national_site):
    """Every "Điều N" is cited, and the district level is never presented as current."""
    from . import test_content_acceptance as rules

    site, _ = national_site
    for path, soup in rules.pages(site).items():
        body = rules.article(soup)
        assert rules.uncited_article_mentions(body) == set(), path
        assert rules.district_as_current(body) == [], path
