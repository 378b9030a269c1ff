"""Every button and primary action is at least 44 × 44 CSS px on the phone (360×740), on every page.

What counts as a target (the rule this test holds, after WCAG 2.5.5, with 2.5.8's inline exception):

- every control: `button`, `input` (but Material's hidden state checkboxes `input.md-toggle`, which
  are toggled through their labels, measured below), `select`, `textarea`, `summary`,
  `[role=button]`;
- a radio button or checkbox together with its label: tapping the words chooses it, so the target
  is the box around both;
- Material's toggles and buttons: the menu and search buttons of the header (`label[for=__drawer]`,
  `label[for=__search]`), the icons in the search box, the section toggles and links of the menu,
  "Lên đầu trang", the skip link, `a.md-button`;
- any link in the page's text that is laid out as a block (a door, a card, a button), not as words.

Links inside running text (a paragraph, a list item, a table cell) are exempt, as WCAG 2.5.8's
inline exception allows: their size is the line's. A target counts when it is drawn and can be
tapped (not `display: none`, `visibility: hidden`, transparent, or `pointer-events: none`, like the
search box's clear button before anything is typed).

Each page is measured as it loads, and the states a person reaches by tapping are measured too: the
menu open, the search open with results, the check's question and result screens, the estimate.
"""

from __future__ import annotations

import datetime

MINIMUM = 44

SMALL_TARGETS = """() => {
  const MIN = {minimum};
  const drawn = el => {
    if (!el.getClientRects().length) return false;
    for (let n = el; n; n = n.parentElement) {
      const s = getComputedStyle(n);
      if (s.display === "none" || s.visibility === "hidden" || s.opacity === "0") return false;
      if (n === el && s.pointerEvents === "none") return false;
    }
    return true;
  };
  const around = rects => {
    const left = Math.min(...rects.map(r => r.left)), right = Math.max(...rects.map(r => r.right));
    const top = Math.min(...rects.map(r => r.top)), bottom = Math.max(...rects.map(r => r.bottom));
    return {width: right - left, height: bottom - top};
  };
  const name = el => el.tagName.toLowerCase() + (el.id ? "#" + el.id : "") +
    (typeof el.className === "string" && el.className.trim() ? "." + el.className.trim().split(/\\s+/).join(".") : "") +
    " “" + (el.innerText || el.value || el.getAttribute("aria-label") || "").trim().slice(0, 40) + "”";
  const controls = "button, input:not([type=hidden]):not(.md-toggle), select, textarea, summary, [role=button], " +
    "a.md-button, .md-header__button, .qd-search__results a, .md-nav__link[href], label.md-nav__link, " +
    ".md-top, a.md-skip";
  const blockLinks = [...document.querySelectorAll("article a[href]")].filter(a => getComputedStyle(a).display !== "inline");
  const small = [];
  for (const el of new Set([...document.querySelectorAll(controls), ...blockLinks])) {
    if (!drawn(el)) continue;
    const own = el.getBoundingClientRect();
    const size = el.matches("input[type=radio], input[type=checkbox]")
      ? around([own, ...[...el.labels].map(l => l.getBoundingClientRect())])
      : {width: own.width, height: own.height};
    if (size.width < MIN - 0.5 || size.height < MIN - 0.5) small.push(`${name(el)} ${Math.round(size.width)}×${Math.round(size.height)}`);
  }
  return small;
}""".replace("{minimum}", str(MINIMUM))


def small_targets(tab) -> list[str]:
    return tab.evaluate(SMALL_TARGETS)


def test_every_target_on_every_page_is_44_px(site, shared_page):
    pages = [f.relative_to(site.root).as_posix().removesuffix("index.html") for f in site.html_files()]
    found = {}
    for path in pages:
        shared_page.goto(shared_page.base_url + path, wait_until="networkidle")
        small = small_targets(shared_page)
        if small:
            found[path] = small
    assert len(pages) >= 30
    assert found == {}


def test_the_menu_and_the_search_when_open(shared_page):
    shared_page.goto(shared_page.base_url + "thu-tuc/danh-sach-mau-01/", wait_until="networkidle")
    shared_page.locator("label.md-header__button[for='__drawer']").click()
    shared_page.wait_for_timeout(400)
    assert shared_page.locator(".md-nav--primary .md-nav__link").first.is_visible()
    assert small_targets(shared_page) == []
    shared_page.goto(shared_page.base_url + "hoi-dap/", wait_until="networkidle")
    from tools.search_eval import open_search, search

    open_search(shared_page)
    assert search(shared_page, "lai suat")
    assert shared_page.locator(".qd-search__close").is_visible()
    assert small_targets(shared_page) == []


def test_the_tools_when_used(shared_page):
    shared_page.clock.set_fixed_time(datetime.datetime(2026, 11, 28, 12, 0))
    shared_page.goto(shared_page.base_url + "cong-cu/kiem-tra/", wait_until="networkidle")
    for label in ("Tôi đã chấp hành xong", "Để sản xuất, kinh doanh", "Giấy chứng nhận chấp hành xong"):
        assert small_targets(shared_page) == [], label
        shared_page.locator("#kiem-tra .tool-option label", has_text=label).click()
        shared_page.get_by_role("button", name="Tiếp tục").click()
    assert shared_page.get_by_label("Ngày", exact=True).is_visible()
    assert small_targets(shared_page) == [], "the date question"
    shared_page.get_by_role("button", name="Tôi không nhớ ngày").click()
    shared_page.locator("#kiem-tra .tool-option label", has_text="Chưa, hoặc tôi chưa biết").click()
    shared_page.get_by_role("button", name="Tiếp tục").click()
    shared_page.locator("#kiem-tra .tool-option label", has_text="Không, tôi không còn nợ").click()
    shared_page.get_by_role("button", name="Tiếp tục").click()
    assert shared_page.get_by_label("Bạn cư trú ở xã, phường nào?").is_visible()
    assert small_targets(shared_page) == [], "the result"
    shared_page.goto(shared_page.base_url + "cong-cu/uoc-tinh/", wait_until="networkidle")
    shared_page.get_by_label("Số tiền vay (đồng)").fill("50 triệu")
    shared_page.get_by_label("Thời hạn vay (số tháng)").fill("36")
    shared_page.get_by_role("button", name="Tính").click()
    shared_page.locator("#uoc-tinh-result details.estimator-months summary").click()
    assert small_targets(shared_page) == [], "the estimate"
    shared_page.get_by_label("Người vay").select_option("establishment")
    shared_page.get_by_label("Số người lao động là người chấp hành xong án phạt tù").fill("2")
    assert small_targets(shared_page) == [], "the establishment's form"
    shared_page.get_by_label("Số tiền vay (đồng)").fill("1,5 tỷ")
    shared_page.get_by_role("button", name="Tính").click()
    shared_page.locator("#uoc-tinh-result details.basis summary").click()
    assert small_targets(shared_page) == [], "the establishment's estimate, its basis open"


def test_the_check_finds_small_targets(shared_page):
    """The measure itself: a 30 px button and a bare checkbox are found; an inline link is not."""
    shared_page.goto(shared_page.base_url + "hoi-dap/", wait_until="networkidle")
    shared_page.evaluate("""() => {
      const p = document.querySelector("article p");
      p.insertAdjacentHTML("beforeend", ' <a href="#x">một liên kết trong câu</a>');
      p.insertAdjacentHTML("afterend", '<button>Nhỏ</button><input type="checkbox" id="nho">');
      /* its size through the DOM: the page's Content-Security-Policy refuses a style attribute */
      Object.assign(p.nextElementSibling.style, {height: "30px", minHeight: "0"});
    }""")
    small = small_targets(shared_page)
    assert any(s.startswith("button “Nhỏ”") for s in small) and any(s.startswith("input#nho") for s in small)
    assert not any("một liên kết" in s for s in small)
