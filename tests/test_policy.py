"""Issue 23, point 2: every page sends no Referer and carries a Content-Security-Policy
(macros/outputs/policy.py, the post step's last part, so both engines get it).

- In the HTML of every page of the Thanh Hóa site and of the national site: the referrer policy
  and the CSP first in <head>, before any script; every inline script hashed, nothing else allowed
  inline; this site only.
- In Chromium at 360x740, every page of both sites opened and every tool used (the check to a
  result, the estimator, the finder, the checklists' print buttons, the calendar, the contacts
  picker, the search box): no `securitypolicyviolation` event and no CSP message in the console.
"""

from __future__ import annotations

import re

import pytest
from bs4 import BeautifulSoup

from macros.outputs import policy
from macros.outputs.policy import PolicyError, digest, secured

from .conftest import PHONE
from .test_every_tool_browser import INDIVIDUAL, tap_through

# --- the policy itself --------------------------------------------------------------------------

PAGE = """<!doctype html>
<html><head>
<meta charset="utf-8">
<title>t</title>
<script>var a = 1;</script>
<script type="application/json" id="d">{"a": 1}</script>
<script src="x.js"></script>
<script type="module">import "./m.js";</script>
</head><body><template><script>inside()</script></template><style>p{color:red}</style></body></html>"""


def directives(csp: str) -> dict[str, list[str]]:
    return {part.split()[0]: part.split()[1:] for part in csp.split(";") if part.strip()}


def csp_of(html: str) -> str:
    found = BeautifulSoup(html, "html.parser").find("meta", attrs={"http-equiv": "Content-Security-Policy"})
    return found["content"] if found else ""


def test_every_inline_script_is_hashed_and_nothing_else_runs_inline():
    out = secured(PAGE)
    found = directives(csp_of(out))
    assert digest("var a = 1;") in found["script-src"]
    assert digest('import "./m.js";') in found["script-src"]
    assert digest('{"a": 1}') not in found["script-src"], "JSON data is not script"
    assert found["style-src"] == ["'self'", "'unsafe-inline'"], "styles: no hash (it would switch unsafe-inline off)"
    assert "'unsafe-inline'" not in found["script-src"] and "'unsafe-eval'" not in found["script-src"]
    assert found["default-src"] == ["'self'"] and found["object-src"] == ["'none'"]


def test_the_policy_comes_first_in_head_and_once():
    out = secured(secured(PAGE))
    head = out[out.index("<head>") : out.index("</head>")]
    assert head.count("Content-Security-Policy") == 1 and head.count('name="referrer"') == 1
    assert head.index("charset") < head.index("Content-Security-Policy") < head.index("<script")
    with pytest.raises(PolicyError):
        secured("<html><script>early()</script><head></head></html>")
    with pytest.raises(PolicyError):
        secured("<p>no head</p>")


def test_the_hash_is_the_one_the_browser_computes():
    """The HTML parser turns CR LF into LF before the script runs; the hash is of that text."""
    assert digest("a();\r\nb();") == digest("a();\nb();")
    # sha256 of "alert(1)", as `echo -n 'alert(1)' | openssl sha256 -binary | base64` gives it
    assert digest("alert(1)") == "'sha256-bhHHL3z2vDgxUt0W3dWQOrprscmda2Y5pLsLg4GF+pI='"


def test_live_reload_is_allowed_only_for_make_serve():
    assert "'unsafe-inline'" in directives(csp_of(secured(PAGE, live_reload=True)))["script-src"]
    assert "'unsafe-inline'" not in directives(csp_of(secured(PAGE)))["script-src"]


# --- every page of both sites, as built ---------------------------------------------------------

EXECUTABLE = {"", "module", "text/javascript", "application/javascript"}


def assert_page_secured(file, html: str) -> None:
    soup = BeautifulSoup(html, "html.parser")
    head = soup.head
    assert head is not None, file
    metas = head.find_all("meta")
    assert metas[0].get("charset"), file
    assert metas[1].get("name") == "referrer" and metas[1].get("content") == "no-referrer", file
    assert metas[2].get("http-equiv") == "Content-Security-Policy", file
    csp = metas[2]["content"]
    assert html.index("Content-Security-Policy") < html.index("<script"), f"{file}: the policy before any script"
    found = directives(csp)
    assert found["default-src"] == ["'self'"], file
    for name, sources in found.items():
        assert "'unsafe-inline'" not in sources or name == "style-src", (file, name)
        assert not [s for s in sources if re.match(r"(https?:|\*|blob:|//)", s)], (file, name, "no other origin")
    assert "'unsafe-eval'" not in found["script-src"], file
    for script in soup.find_all("script"):
        if script.get("src") or (script.get("type") or "").lower() not in EXECUTABLE:
            continue
        assert digest(script.string or "") in found["script-src"], f"{file}: an inline script not hashed"


@pytest.mark.parametrize("which", ["site", "country_site"])
def test_every_page_carries_the_policy(request, which):
    built = request.getfixturevalue(which)
    pages = built.html_files()
    assert len(pages) > 30
    for file in pages:
        assert_page_secured(file, file.read_text(encoding="utf-8"))


def test_the_policy_is_written_by_the_post_step_for_both_engines():
    """Both engines end with macros.outputs.writers.write_outputs (MkDocs: on_post_build; Zensical:
    macros/engines/zensical.py), which writes the policy last."""
    import inspect

    from macros.engines import mkdocs_hooks, zensical
    from macros.outputs import writers

    assert "write_policy(output" in inspect.getsource(writers.write_outputs)
    assert "write_outputs(" in inspect.getsource(mkdocs_hooks.on_post_build)
    assert "write_outputs(site, output" in inspect.getsource(zensical.build_site)
    assert policy.write_policy.__module__ == "macros.outputs.policy"


# --- in Chromium: no violation, every page, every tool -------------------------------------------

RECORD_VIOLATIONS = """
window.__violations = [];
document.addEventListener('securitypolicyviolation', e => window.__violations.push(
  [e.violatedDirective, e.blockedURI, e.sample, e.sourceFile, e.lineNumber].join(' | ')));
"""


def page_paths(built) -> list[str]:
    paths = []
    for file in built.html_files():
        relative = file.relative_to(built.root).as_posix()
        paths.append(relative.removesuffix("index.html"))
    return paths


def use_the_tools(tab, path: str) -> None:
    """What a person does on the page: each tool it has, to its answer."""
    if tab.locator("#kiem-tra form.tool-question").count():
        tap_through(tab, INDIVIDUAL)
        chooser = tab.locator("#kiem-tra-xa, #kiem-tra-tinh")
        if chooser.count():
            chooser.first.select_option(index=1)
    if tab.locator("#uoc-tinh:not([hidden])").count():
        tab.get_by_label("Số tiền vay (đồng)").fill("50 triệu")
        tab.get_by_label("Thời hạn vay (số tháng)").fill("36")
        tab.get_by_role("button", name="Tính").click()
        tab.locator("#uoc-tinh-result details").first.click()
    if tab.locator("#tim-co-quan-q").count():
        tab.locator("#tim-co-quan-q").press_sequentially("nga thanh, thanh hoa")
        tab.wait_for_function("() => document.querySelectorAll('#ket-qua summary').length > 0")
    if tab.locator("[data-print]").count():
        tab.evaluate("() => { window.print = () => {}; }")
        tab.locator("[data-print]").first.click()
    picker = tab.locator(".known-contacts-select:visible")
    if picker.count() and picker.first.locator("option").count() > 1:
        picker.first.select_option(index=1)
    closed = tab.locator("article details:not([open]) > summary:visible")
    for _ in range(5):
        if not closed.count():
            break
        closed.first.click()


def use_the_search(tab) -> None:
    """Open the site's search box and type in it (Material's box today; any search box after)."""
    opener = tab.locator("label[for=__search]:visible")
    if opener.count():
        opener.first.click()
    box = tab.locator("input.md-search__input, header input[type=search], [role=search] input[type=search]").first
    if box.count() and box.is_visible():
        box.press_sequentially("vay von")
        tab.wait_for_timeout(800)


def policy_breaks(browser, served: str, paths: list[str]) -> dict[str, list[str]]:
    """Each page opened at 360x740, its tools used, the search box typed in (once): what the page's
    policy refused (securitypolicyviolation events, CSP console messages, script errors), by page."""
    context = browser.new_context(viewport=PHONE, locale="vi-VN")
    context.add_init_script(RECORD_VIOLATIONS)
    tab = context.new_page()
    said: list[str] = []
    tab.on("console", lambda m: said.append("console: " + m.text) if "Content Security Policy" in m.text else None)
    tab.on("pageerror", lambda e: said.append("error: " + str(e)))
    broken: dict[str, list[str]] = {}
    searched = False
    try:
        for path in paths:
            tab.goto(served + path, wait_until="load")
            use_the_tools(tab, path)
            if not searched and path in ("", "hoi-dap/"):
                use_the_search(tab)
                searched = True
            tab.wait_for_timeout(50)
            found = tab.evaluate("window.__violations") + said
            said.clear()
            if found:
                broken[path] = found
    finally:
        context.close()
    assert searched, "the search box was used"
    return broken


@pytest.mark.parametrize("which", ["thanh-hoa", "ca-nuoc"])
def test_no_page_breaks_the_policy_with_every_tool_used(request, browser, which):
    built = request.getfixturevalue("site" if which == "thanh-hoa" else "country_site")
    served = request.getfixturevalue("served_site" if which == "thanh-hoa" else "served_country")
    assert policy_breaks(browser, served, page_paths(built)) == {}


def test_a_violation_is_seen(browser, served_site):
    """The gate itself: a script the policy does not allow is reported."""
    context = browser.new_context(viewport=PHONE)
    context.add_init_script(RECORD_VIOLATIONS)
    tab = context.new_page()
    try:
        tab.goto(served_site, wait_until="load")
        tab.evaluate(
            "() => { const s = document.createElement('script'); s.textContent = 'window.ran = 1'; document.body.append(s); }"
        )
        tab.wait_for_timeout(50)
        assert tab.evaluate("window.ran") is None
        assert any(v.startswith("script-src") for v in tab.evaluate("window.__violations"))
    finally:
        context.close()
