"""The site's own address: SITE_URL, read in one place (macros/settings.py site_url).

A build without a public address (the national test site is built without SITE_URL, as `make
build` and `make serve` are) prints no QR code, subscribe link, canonical link or feed link to a
loopback address and says once, where one would be, that the address is not set; a build with one
(the Thanh Hóa test site) carries it everywhere; the publishing workflow runs
`python -m macros.cli.site_address` before its build, which refuses a missing or local address.
"""

from __future__ import annotations

import os
import subprocess
import sys

import pytest
import yaml

from macros import settings
from macros.rules import schedule as cal

from .conftest import PHONE, PUBLIC_SITE_URL, REPO
from .conftest import words as text_of

LOOPBACK = ("127.0.0.1", "localhost", "[::1]", "0.0.0.0")
NOT_SET = "Địa chỉ công khai của trang chưa được đặt"
CHECKLIST = "cong-cu/giay-to-vay-kinh-doanh"
CALENDAR = "can-bo/lich"

# --- settings ---------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "given, expected",
    [
        (None, None),
        ("", None),
        ("http://127.0.0.1:8000/", None),
        ("http://localhost:8000", None),
        ("http://[::1]:8000/", None),
        ("http://0.0.0.0/", None),
        ("http://192.168.1.20/site/", None),
        ("http://preview.localhost/", None),
        ("https://example.github.io/qd22", "https://example.github.io/qd22/"),
        ("https://vay.congan.thanhhoa.gov.vn/", "https://vay.congan.thanhhoa.gov.vn/"),
    ],
)
def test_site_url_is_public_or_none(monkeypatch, given, expected):
    if given is None:
        monkeypatch.delenv("SITE_URL", raising=False)
    else:
        monkeypatch.setenv("SITE_URL", given)
    assert settings.site_url() == expected


def _check_address(value: str | None) -> subprocess.CompletedProcess:
    """The workflow's check, as it runs there: the standard library only (-S: no site-packages)."""
    env = {"PATH": os.environ.get("PATH", "")}
    if value is not None:
        env["SITE_URL"] = value
    return subprocess.run(
        [sys.executable, "-S", "-m", "macros.cli.site_address"],
        cwd=REPO,
        env=env,
        capture_output=True,
        text=True,
        timeout=30,
    )


@pytest.mark.parametrize(
    "value, problem",
    [
        (None, "SITE_URL is not set"),
        ("", "SITE_URL is not set"),
        ("/", "must be a web address"),  # what the workflow passes when Pages gives no address
        ("http://127.0.0.1:8000/", "is a local address"),
        ("http://localhost/", "is a local address"),
        ("http://[::1]/", "is a local address"),
        ("http://10.0.0.7/", "is a local address"),
        ("ftp://example.org/", "must be a web address"),
    ],
)
def test_the_publishing_check_refuses_a_missing_or_local_address(value, problem):
    done = _check_address(value)
    assert done.returncode == 1
    assert done.stderr.startswith("site address: ") and problem in done.stderr
    assert done.stderr.count("\n") == 1


def test_the_publishing_check_accepts_a_public_address():
    done = _check_address("https://example.github.io/qd22")
    assert done.returncode == 0, done.stderr
    assert done.stdout == "site address: https://example.github.io/qd22/\n"


def test_the_workflow_checks_the_address_before_it_builds():
    workflow = yaml.safe_load((REPO / ".github" / "workflows" / "site.yml").read_text(encoding="utf-8"))
    steps = workflow["jobs"]["deploy"]["steps"]
    names = [step.get("name") for step in steps]
    check = steps[names.index("Site address")]
    build = steps[names.index("Build")]
    assert names.index("Site address") < names.index("Build")
    assert "python -m macros.cli.site_address" in check["run"].splitlines()[0], "the check comes first, set -e"
    assert 'echo "SITE_URL=$SITE_URL" >> "$GITHUB_ENV"' in check["run"], "the build gets the checked address"
    assert "SITE_URL" in check["env"]
    assert "SITE_URL" not in build.get("env", {}), "one address: the one checked"
    assert "SITE_URL" not in (REPO / "mkdocs.yml").read_text(encoding="utf-8").split("#")[0]


# --- a build without the address ---------------------------------------------------------------------


def _text_files(root):
    return [p for p in root.rglob("*") if p.suffix in {".html", ".xml", ".ics", ".json", ".txt", ".js"}]


def test_a_build_without_an_address_points_nowhere_local(country_site):
    offending = []
    for path in _text_files(country_site.root):
        text = path.read_text(encoding="utf-8", errors="replace")
        offending += [f"{path.relative_to(country_site.root)}: {host}" for host in LOOPBACK if host in text]
    assert offending == []
    for path in country_site.html_files():
        page = country_site.page(str(path.relative_to(country_site.root)))
        assert not page.select("link[rel=canonical]"), path
        assert not page.select("a[href^='webcal:']"), path
        assert not page.select("img.print-footer__qr"), path


@pytest.mark.parametrize("path", [CALENDAR, CHECKLIST])
def test_a_build_without_an_address_says_so_once(country_site, path):
    article = country_site.page(path).select_one("article")
    assert text_of(article).count(NOT_SET) == 1
    assert len(article.select("[data-no-site-address]")) == 1


def test_feeds_without_an_address_link_to_no_page(country_site):
    for feed in (country_site.root / cal.FEED_DIR).glob("*.ics"):
        text = feed.read_bytes().decode("utf-8")
        assert "\nURL:" not in text and "Xem thêm" not in text and "Xem:" not in text, feed.name
        assert "BEGIN:VALARM" in text


def test_a_build_with_the_address_carries_it(site):
    page = site.page(CALENDAR)
    assert page.select_one("link[rel=canonical]")["href"] == PUBLIC_SITE_URL + CALENDAR + "/"
    assert page.select("a[href^='webcal://qd22.example.org/']")
    assert not page.select("[data-no-site-address]")
    footer = site.page(CHECKLIST).select_one(".print-footer")
    assert footer.select_one("img.print-footer__qr")
    assert text_of(footer).endswith(PUBLIC_SITE_URL + CHECKLIST + "/")
    offending = [p for p in _text_files(site.root) if "127.0.0.1" in p.read_text(encoding="utf-8", errors="replace")]
    assert offending == []


def test_without_an_address_the_phone_shows_downloads_and_says_why(browser, served_country):
    context = browser.new_context(viewport=PHONE, accept_downloads=True)
    try:
        tab = context.new_page()
        tab.goto(served_country + CALENDAR + "/", wait_until="networkidle")
        note = tab.locator("[data-no-site-address]")
        assert note.is_visible() and NOT_SET in note.inner_text()
        found = note.bounding_box()
        assert found["y"] + found["height"] <= PHONE["height"], "said in the first screen"
        assert tab.get_by_role("link", name="Đăng ký", exact=False).filter(has_text="Đăng ký").count() == 0
        downloads = tab.locator("ul.calendar-feeds a[download]")
        assert downloads.count() == len(cal.FEED_FILES)
        with tab.expect_download() as started:
            downloads.last.click()
        assert started.value.suggested_filename.endswith(".ics")
        tab.emulate_media(media="print")
        footer_page = context.new_page()
        footer_page.emulate_media(media="print")
        footer_page.goto(served_country + CHECKLIST + "/", wait_until="networkidle")
        assert NOT_SET in footer_page.locator(".print-footer").inner_text()
        assert footer_page.locator(".print-footer img").count() == 0
    finally:
        context.close()
