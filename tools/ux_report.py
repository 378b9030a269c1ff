"""`python -m tools.ux_report SITE_DIR`: how each page reads on a phone (360×740, Chromium).

For every content page, served like GitHub Pages (tools/ghpages.py) and opened at 360×740:

- **screens**: the page's height in phone screens (scrollHeight / 740);
- **cites/screen**: links into the legal library (van-ban-phap-ly/) that a reader sees, i.e. laid
  out and not inside a collapsed <details>, divided by the screens;
- **syll/sent**: mean syllables per sentence of the visible text of the article (a Vietnamese
  syllable is a space-separated word; sentences end at . ! ? or at the end of a block);
- **label**: how often the programme's legal label ("người chấp hành xong án phạt tù") shows;
- **first screen** (home and start pages): which key facts show in the first 740 px — the most
  a person can borrow, the rate in force, no collateral, the longest term;
- **answer**: whether the page's answer is in the first screen — for home and the start pages all
  four key facts; for the rate page the rate in force and the overdue rate; for a tool, a checklist
  or Hỏi đáp the element that answers (`ANSWER_ELEMENT`) lies wholly inside the first 740 px.

Prints one row per page, the beneficiary pages' totals, the pages over `MAX_SCREENS` (the legal
library and the lists of units aside), and a last line of JSON. A report, not a test: the limits
are checked by tests/test_journeys_browser.py and tests/test_reference_pages.py.
"""

from __future__ import annotations

import datetime
import json
import os
import statistics
import sys
from pathlib import Path

from macros import formatting as fmt
from macros import settings
from macros.data.dataset import load_dataset
from tools.ghpages import serve_like_pages
from tools.pageweight import content_pages

VIEWPORT = {"width": 360, "height": 740}
LEGAL_LABEL = "người chấp hành xong án phạt tù"
START_PAGES = ["bat-dau/vay-kinh-doanh/", "bat-dau/vay-hoc-nghe/", "bat-dau/co-so-san-xuat/"]
BENEFICIARY_PAGES = [
    "",
    *START_PAGES,
    "cong-cu/kiem-tra/",
    "cong-cu/uoc-tinh/",
    "cong-cu/tim-co-quan/",
    "cong-cu/giay-to-vay-kinh-doanh/",
    "cong-cu/giay-to-hoc-nghe/",
    "cong-cu/giay-to-co-so/",
    "cong-cu/to-roi/",
]
"""The pages of the nav's "Tôi muốn vay vốn" and "Cơ sở sản xuất, kinh doanh" sections, and home."""

RATE_PAGE = "quy-dinh/muc-vay-lai-suat/"
ANSWER_FACTS = {
    **{path: ["max amount", "rate", "collateral", "term"] for path in ["", *START_PAGES]},
    RATE_PAGE: ["rate", "overdue"],
}
"""Pages whose answer is key facts (`key_facts`): every one named must show in the first screen."""
CHECKLIST_FIRST_ITEM = ".checklist-items li, article .checklist li"
ANSWER_ELEMENT = {
    "cong-cu/kiem-tra/": "#kiem-tra .tool-option, #kiem-tra input",
    "cong-cu/uoc-tinh/": "#uoc-tinh button[type=submit]",
    "cong-cu/tim-co-quan/": "#tim-co-quan-q",
    "cong-cu/giay-to-vay-kinh-doanh/": CHECKLIST_FIRST_ITEM,
    "cong-cu/giay-to-hoc-nghe/": CHECKLIST_FIRST_ITEM,
    "cong-cu/giay-to-co-so/": CHECKLIST_FIRST_ITEM,
    "cong-cu/to-roi/": ".leaflet h2",
    "hoi-dap/": "article details.faq > summary",
}
"""Pages whose answer is an element (a tool's first control, a checklist's first paper, the first
question): its first visible match must lie wholly inside the first screen."""
MAX_SCREENS = 8
LONG_PAGES = ("van-ban-phap-ly/", "cong-cu/danh-sach-xa-phuong/", "can-bo/lien-he/", "xa-phuong/")
"""The pages allowed past `MAX_SCREENS` (matched by their end): the legal library and the lists
of units (the province's units, each unit's contacts, the national site's tinh/<p>/xa-phuong/)."""

ANSWER_IN_FIRST_SCREEN = """(selector) => {
  const inside = (el) => { const r = el.getBoundingClientRect();
    return r.width > 0 && r.height > 0 && r.top >= 0 && r.bottom <= innerHeight; };
  const shown = [...document.querySelectorAll(selector)].filter((el) => el.getClientRects().length > 0);
  return shown.length > 0 && inside(shown[0]);
}"""

MEASURE = """() => {
  const article = document.querySelector("article") || document.body;
  const shown = (el) => el.getClientRects().length > 0 && !el.closest("details:not([open])")
    && getComputedStyle(el).visibility !== "hidden";
  const cites = [...article.querySelectorAll("a[href]")]
    .filter((a) => /van-ban-phap-ly\\/(#|$)/.test(a.getAttribute("href")) && shown(a)).length;
  const text = article.innerText;
  const sentences = text.split(/(?<=[.!?…])\\s+|\\n+/).map((s) => s.trim())
    .filter((s) => /\\p{L}/u.test(s));
  const syllables = sentences.map((s) => s.split(/\\s+/).filter((w) => /[\\p{L}\\p{N}]/u.test(w)).length);
  const walker = document.createTreeWalker(article, NodeFilter.SHOW_TEXT);
  let first = "";
  for (let node = walker.nextNode(); node; node = walker.nextNode()) {
    if (!node.parentElement || !shown(node.parentElement)) continue;
    const range = document.createRange();
    range.selectNodeContents(node);
    if ([...range.getClientRects()].some((r) => r.bottom > 0 && r.top < innerHeight && r.width > 0)) first += node.textContent;
  }
  return {
    height: document.documentElement.scrollHeight, cites, sentences: sentences.length,
    syllables: syllables.reduce((a, b) => a + b, 0),
    first: first.replace(/\\s+/g, " "),
    label: (text.toLowerCase().match(new RegExp("người chấp hành xong án phạt tù", "g")) || []).length,
  };
}"""


def key_facts(root: Path, on: datetime.date) -> dict[str, list[str]]:
    """How each key fact reads on the page: its value(s) in force, or the words for "no collateral"."""
    data = load_dataset(root, settings.province())

    def shown(*fact_ids: str) -> list[str]:
        return [fmt.quantity_vi(data.value_in_force(f, on), data.fact(f).unit) for f in fact_ids]

    rate = data.value_in_force("poor-household-lending-rate", on)
    share = data.value_in_force("overdue-rate-share", on)
    return {
        "max amount": shown("individual-business-max", "training-max-per-month", "establishment-max-per-project"),
        "rate": shown("poor-household-lending-rate"),
        "collateral": ["thế chấp", "bảo đảm tiền vay"],
        "term": shown("business-max-term", "training-repayment-short-programme"),
        "overdue": [fmt.quantity_vi(round(rate * share / 100, 4), "percent_per_year")] if rate and share else [],
    }


def answer_in_first_screen(tab, path: str, first: str, facts: dict[str, list[str]]) -> bool | None:
    """Whether the page's answer shows in the first screen; None for a page with no answer defined."""
    if path in ANSWER_FACTS:
        return all(any(w in first for w in facts[name]) for name in ANSWER_FACTS[path])
    if path in ANSWER_ELEMENT:
        return tab.evaluate(ANSWER_IN_FIRST_SCREEN, ANSWER_ELEMENT[path])
    return None


def allowed_long(path: str) -> bool:
    return path.endswith(LONG_PAGES)


def measure(site: Path, root: Path, on: datetime.date) -> list[dict]:
    from playwright.sync_api import sync_playwright

    facts = key_facts(root, on)
    rows = []
    with serve_like_pages(site) as base, sync_playwright() as p:
        browser = p.chromium.launch(executable_path=os.environ.get("CHROME_PATH", "/usr/bin/chromium"))
        context = browser.new_context(viewport=VIEWPORT, locale="vi-VN")
        tab = context.new_page()
        for html in content_pages(site):
            path = html.relative_to(site).as_posix().removesuffix("index.html")
            tab.goto(base + path, wait_until="networkidle")
            m = tab.evaluate(MEASURE)
            screens = m["height"] / VIEWPORT["height"]
            first = m["first"]
            rows.append(
                {
                    "page": path or "/",
                    "screens": round(screens, 1),
                    "cites": m["cites"],
                    "cites_per_screen": round(m["cites"] / screens, 2),
                    "syllables_per_sentence": round(m["syllables"] / max(m["sentences"], 1), 1),
                    "legal_label": m["label"],
                    "first_screen": [name for name, words in facts.items() if any(w in first for w in words)]
                    if path in ["", *START_PAGES]
                    else None,
                    "answer_first_screen": answer_in_first_screen(tab, path, first, facts),
                }
            )
        browser.close()
    return rows


def main() -> int:
    site = Path(sys.argv[1] if len(sys.argv) > 1 else "site")
    if not (site / "index.html").exists():
        print(f"no built site in {site}/: run make build first", file=sys.stderr)
        return 1
    rows = measure(site, settings.REPO_ROOT, settings.site_date())
    print(f"{'page':42} {'screens':>7} {'cites/screen':>12} {'syll/sent':>9} {'label':>5} {'answer':>6}  first screen")
    for row in rows:
        first = "" if row["first_screen"] is None else ", ".join(row["first_screen"]) or "none"
        answer = {None: "", True: "yes", False: "NO"}[row["answer_first_screen"]]
        print(
            f"{row['page']:42} {row['screens']:7.1f} {row['cites_per_screen']:12.2f} "
            f"{row['syllables_per_sentence']:9.1f} {row['legal_label']:5d} {answer:>6}  {first}"
        )
    beneficiary = [r for r in rows if (r["page"] if r["page"] != "/" else "") in BENEFICIARY_PAGES]
    summary = {
        "pages": len(rows),
        "start_pages_max_screens": max(r["screens"] for r in rows if r["page"] in START_PAGES),
        "beneficiary_max_cites_per_screen": max(r["cites_per_screen"] for r in beneficiary),
        "beneficiary_median_syllables_per_sentence": statistics.median(
            r["syllables_per_sentence"] for r in beneficiary
        ),
        "beneficiary_legal_label": sum(r["legal_label"] for r in beneficiary),
        "beneficiary_answer_in_first_screen": sum(r["answer_first_screen"] is True for r in beneficiary),
        "beneficiary_pages": len(beneficiary),
        "answer_not_in_first_screen": [r["page"] for r in rows if r["answer_first_screen"] is False],
        "over_max_screens": [r["page"] for r in rows if r["screens"] > MAX_SCREENS and not allowed_long(r["page"])],
        "long_pages_allowed": {
            r["page"]: r["screens"] for r in rows if r["screens"] > MAX_SCREENS and allowed_long(r["page"])
        },
    }
    print(
        f"\nBeneficiary pages ({len(beneficiary)}): at most {summary['beneficiary_max_cites_per_screen']} visible "
        f"citation links per screen; median {summary['beneficiary_median_syllables_per_sentence']} syllables per "
        f"sentence; the legal label {summary['beneficiary_legal_label']} times. Start pages: at most "
        f"{summary['start_pages_max_screens']} screens."
    )
    print(
        f"Answer in the first screen: {summary['beneficiary_answer_in_first_screen']} of "
        f"{summary['beneficiary_pages']} beneficiary pages; not in it: "
        f"{', '.join(summary['answer_not_in_first_screen']) or 'none'}. Over {MAX_SCREENS} screens: "
        f"{', '.join(summary['over_max_screens']) or 'none'} (allowed: "
        f"{', '.join(f'{p} {n}' for p, n in summary['long_pages_allowed'].items()) or 'none'})."
    )
    print(json.dumps({"summary": summary, "pages": rows}, ensure_ascii=False))
    return 0


if __name__ == "__main__":
    sys.exit(main())
