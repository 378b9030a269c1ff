"""The built site in headless Chromium: it loads, stays on its own host, and reads without JavaScript."""


def test_home_page_loads_without_foreign_requests_or_errors(page):
    errors = []
    page.on("pageerror", lambda e: errors.append(str(e)))
    page.goto(page.base_url, wait_until="networkidle")
    assert page.locator("h1").first.inner_text().strip()
    assert page.evaluate("document.documentElement.lang") == "vi"
    assert page.foreign_requests == [] and errors == []
    assert page.context.cookies() == []


def test_content_reads_without_javascript(browser, served_site):
    context = browser.new_context(java_script_enabled=False)
    try:
        tab = context.new_page()
        tab.goto(served_site + "quy-dinh/muc-vay-lai-suat/")
        assert "%/năm" in tab.locator("article").inner_text()
    finally:
        context.close()


def test_no_page_requests_another_host_or_sets_cookies(site, served_site, browser):
    context = browser.new_context()
    tab = context.new_page()
    foreign = []
    tab.on("request", lambda r: None if r.url.startswith((served_site, "data:", "blob:")) else foreign.append(r.url))
    try:
        pages = [f.relative_to(site.root).as_posix() for f in site.html_files()]
        for path in pages:
            tab.goto(served_site + path, wait_until="load")
        assert foreign == []
        assert context.cookies() == []
    finally:
        context.close()
