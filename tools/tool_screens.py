"""`python -m tools.tool_screens SITE_DIR PROVINCE > screens.json`: the words each tool shows.

Opens a built site in Chromium at 360×740 with the clock fixed, and walks every tool as a person
does: the check along every scenario of tests/scenarios/eligibility.yaml (each question screen, each
result, the refusals of what cannot be read, "Quay lại", the commune or province picked on a
result), the estimator (both borrowers, capped amounts, every refusal), the finder (names of today
and before, shared and divided names, changed units, not found; on the national site the province
chooser and ?tinh=), and the officials' calendar on several days. Prints one JSON object: screen
name -> the text shown (innerText) and the text present (textContent, for what is folded away).

Two builds compared with `diff` show whether a change moved words without changing what a reader
sees (issue 21: the scripts' words moved into the pages).
"""

from __future__ import annotations

import datetime
import functools
import http.server
import json
import sys
import threading
from pathlib import Path
from typing import Any

import yaml

REPO = Path(__file__).resolve().parent.parent
PHONE = {"width": 360, "height": 740}
CHECK = "cong-cu/kiem-tra/"

ANSWER_QUESTION = (REPO / "tests" / "js" / "answer_question.js").read_text(encoding="utf-8").strip()
"""One question answered in the page's own controls, as tests/test_tools_browser.py answers it."""
ANSWER = (
    """(plan) => {
  const form = document.querySelector("#kiem-tra form.tool-question");
  if (!form) return null;
  const step = """
    + ANSWER_QUESTION
    + """;
  step(form, plan[form.dataset.question]);
  return form.dataset.question;
}"""
)

SHOWN = "(selector) => { const n = document.querySelector(selector); return n ? [n.innerText, n.textContent] : null; }"


def scenarios() -> list[tuple[str, str, dict[str, Any]]]:
    raw = yaml.safe_load((REPO / "tests" / "scenarios" / "eligibility.yaml").read_text(encoding="utf-8"))
    return [
        (s["name"], s["as_of"].isoformat(), {**raw["bases"][s["base"]], **s.get("answers", {})})
        for s in raw["scenarios"]
    ]


def plan_for(questions: list[dict[str, Any]], answers: dict[str, Any]) -> dict[str, list[Any]]:
    plan = {}
    for q in questions:
        if q["kind"] == "choice":
            for index, option in enumerate(q["options"]):
                if all(answers.get(k) == v for k, v in option["set"].items()):
                    plan[q["id"]] = ["choose", str(index)]
                    break
        else:
            value = answers.get(q["answer"])
            if value is None:
                plan[q["id"]] = ["unknown", None]
            elif q["kind"] == "date":
                plan[q["id"]] = ["date", value.isoformat()]
            else:
                plan[q["id"]] = ["number", value]
    return plan


def at(page, day: str) -> None:
    y, m, d = map(int, day.split("-"))
    page.clock.set_fixed_time(datetime.datetime(y, m, d, 12, 0))


def check_screens(page, base: str, national: bool, out: dict[str, Any]) -> None:
    page.goto(base + CHECK)
    questions = page.evaluate("JSON.parse(document.getElementById('kiem-tra-rules').textContent).questions")
    for name, day, answers in scenarios():
        at(page, day)
        page.goto(base + CHECK)
        plan = plan_for(questions, answers)
        for step in range(20):
            out[f"check/{name}/{step}"] = page.evaluate(SHOWN, "#kiem-tra")
            if page.locator("#kiem-tra .tool-result").count():
                break
            page.evaluate(ANSWER, plan)
        if answers.get("applicant") == "individual" and page.locator("#kiem-tra .tool-result").count():
            chooser = "#kiem-tra-tinh" if national else "#kiem-tra-xa"
            label = "Tỉnh Thanh Hóa" if national else "Phường Hàm Rồng"
            page.locator(chooser).select_option(label=label)
            out[f"check/{name}/picked"] = page.evaluate(SHOWN, "#kiem-tra")
            page.locator("#kiem-tra .tool-back").first.click()
            out[f"check/{name}/back"] = page.evaluate(SHOWN, "#kiem-tra")
    # what cannot be read
    at(page, "2026-11-28")
    page.goto(base + CHECK)
    page.click("#kiem-tra button[type=submit]")
    out["check/refused/no choice"] = page.evaluate(SHOWN, "#kiem-tra")
    for radio in ("#q-applicant-0", "#q-purpose-0", "#q-certificate-0"):
        page.check(radio)
        page.click("#kiem-tra button[type=submit]")
    for typed in (("31", "2", "2024"), ("a", "2", "2024"), ("1", "1", "1800")):
        for field, value in zip(("day", "month", "year"), typed):
            page.fill(f"[name={field}]", value)
        page.click("#kiem-tra button[type=submit]")
        out[f"check/refused/date {'/'.join(typed)}"] = page.evaluate(SHOWN, "#kiem-tra")
    page.goto(base + CHECK)
    for radio in ("#q-applicant-1", "#q-establishment-type-0", "#q-legally-operating-0"):
        page.check(radio)
        page.click("#kiem-tra button[type=submit]")
    for typed in ("", "1.5", "2,5", "9" * 40, "100001", "mười", "0", "1tr5"):
        page.fill("[name=number]", typed)
        page.click("#kiem-tra button[type=submit]")
        out[f"check/refused/total {typed}"] = page.evaluate(SHOWN, "#kiem-tra")
    page.fill("[name=number]", "12")
    page.click("#kiem-tra button[type=submit]")
    page.fill("[name=number]", "13")
    page.click("#kiem-tra button[type=submit]")
    out["check/refused/more qualifying than total"] = page.evaluate(SHOWN, "#kiem-tra")


ESTIMATES = [
    ("2025-12-01", "individual", "100.000.000", None, "36", "12"),
    ("2025-11-30", "individual", "50 triệu", None, "24", "1"),
    ("2025-12-01", "individual", "12345678", None, "7", "3"),
    ("2026-06-01", "individual", "80 triệu", None, "6", "12"),
    ("2026-06-01", "individual", "150 triệu", None, "12", "12"),
    ("2026-06-01", "individual", "10 triệu", None, "1", "12"),
    ("2026-06-01", "individual", "10 triệu", None, "2", "12"),
    ("2026-06-01", "establishment", "2 tỷ", "20", "10 năm", "6"),
    ("2026-06-01", "establishment", "1,5 tỷ", "2", "5 năm", "3"),
    ("2026-06-01", "establishment", "1,5 tỷ", "25", "60", "3"),
    ("2026-06-01", "establishment", "1,5 tỷ", "30 người", "1", "1"),
    ("2026-06-01", "establishment", "90 triệu", "1", "24", "6"),
    ("2026-06-01", "establishment", "1 tỷ", "0", "36", "12"),
    ("2026-06-01", "establishment", "1 tỷ", "", "36", "12"),
    ("2026-06-01", "establishment", "1 tỷ", "hai", "36", "12"),
    ("2026-06-01", "establishment", "1 tỷ", "100001", "36", "12"),
    ("2026-06-01", "individual", "1.5", None, "36", "12"),
    ("2026-06-01", "individual", "50,000", None, "36", "12"),
    ("2026-06-01", "individual", "1tr5", None, "36", "12"),
    ("2026-06-01", "individual", "9" * 40, None, "36", "12"),
    ("2026-06-01", "individual", "một trăm triệu", None, "36", "12"),
    ("2026-06-01", "individual", "", None, "36", "12"),
    ("2026-06-01", "individual", "0", None, "36", "12"),
    ("2026-06-01", "individual", "1,2345 nghìn", None, "36", "12"),
    ("2026-06-01", "individual", "50 triệu", None, "1.5", "12"),
    ("2026-06-01", "individual", "50 triệu", None, "2,5", "12"),
    ("2026-06-01", "individual", "50 triệu", None, "0", "12"),
    ("2026-06-01", "individual", "50 triệu", None, "121", "12"),
    ("2026-06-01", "individual", "50 triệu", None, "9" * 40, "12"),
]


def estimator_screens(page, base: str, out: dict[str, Any]) -> None:
    for day in ("2023-10-09", "2025-12-01", "2026-06-01"):
        at(page, day)
        page.goto(base + "cong-cu/uoc-tinh/")
        out[f"estimator/{day}/open"] = page.evaluate(SHOWN, "article")
        page.select_option("#uoc-tinh-limit", "establishment")
        out[f"estimator/{day}/establishment"] = page.evaluate(SHOWN, "#uoc-tinh")
        for typed in ("3", "25", "x"):
            page.fill("#uoc-tinh-workers", typed)
            page.dispatch_event("#uoc-tinh-workers", "input")
            out[f"estimator/{day}/workers {typed}"] = page.evaluate(SHOWN, "#uoc-tinh")
    for day, limit, amount, workers, term, every in ESTIMATES:
        at(page, day)
        page.goto(base + "cong-cu/uoc-tinh/")
        page.select_option("#uoc-tinh-limit", limit)
        if workers is not None:
            page.fill("#uoc-tinh-workers", workers)
        page.fill("#uoc-tinh-amount", amount)
        page.fill("#uoc-tinh-term", term)
        page.select_option("#uoc-tinh-period", every)
        page.click("#uoc-tinh button[type=submit]")
        out[f"estimator/{day} {limit} {amount} {workers} {term} {every}"] = page.evaluate(SHOWN, "article")


FINDER = [
    "nga thanh",
    "Nga Thành",
    "xã nga thanh, huyện nga sơn",
    "nga thanh nga son",
    "thi tran quan lao",
    "tt quan lao",
    "ham rong",
    "dong tho",
    "quang",
    "xa",
    "zzzz",
    "Cư M'gar",
    "cumgar",
    "Ea H’leo",
    "con dao",
    "trang bom",
    "xã Lộc Ninh, tỉnh Đồng Nai",
    "ha giang",
    "tỉnh Hà Giang",
    "dong van, ha giang",
    "tan tien",
    "an binh",
    "phuong 1",
    "nga thanh, thanh hoa",
]


def finder_screens(page, base: str, national: bool, out: dict[str, Any]) -> None:
    done = (
        "() => { const c = document.getElementById('tim-co-quan-count'); return c && c.textContent !== 'Đang tìm…'; }"
    )
    page.goto(base + "cong-cu/tim-co-quan/")
    out["finder/open"] = page.evaluate(SHOWN, "article")
    for query in FINDER:
        page.goto(base + "cong-cu/tim-co-quan/")
        page.fill("#tim-co-quan-q", query)
        page.wait_for_timeout(400 if national else 50)
        page.wait_for_load_state("networkidle")
        page.wait_for_function(done)
        out[f"finder/{query}"] = page.evaluate(SHOWN, "#tim-co-quan")
    for address in ("?q=nga%20thanh", "?tinh=thanh-hoa", "?tinh=thanh-hoa&q=nga%20thanh", "?tinh=dong-nai"):
        page.goto(base + "cong-cu/tim-co-quan/" + address)
        page.wait_for_timeout(400 if national else 50)
        page.wait_for_load_state("networkidle")
        page.wait_for_function(done)
        out[f"finder/{address}"] = page.evaluate(SHOWN, "#tim-co-quan")


def calendar_screens(page, base: str, out: dict[str, Any]) -> None:
    for day in ("2023-10-01", "2025-12-01", "2025-12-06", "2026-11-28", "2029-01-02"):
        at(page, day)
        page.goto(base + "can-bo/lich/", wait_until="networkidle")
        out[f"calendar/{day}"] = page.evaluate(SHOWN, "article")


def screens(site: Path, province: str) -> dict[str, Any]:
    from playwright.sync_api import sync_playwright

    class Quiet(http.server.SimpleHTTPRequestHandler):
        def log_message(self, *args):
            pass

    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(Quiet, directory=str(site)))
    threading.Thread(target=server.serve_forever, daemon=True).start()
    base = f"http://127.0.0.1:{server.server_address[1]}/"
    out: dict[str, Any] = {}
    errors: list[str] = []
    national = province == "ca-nuoc"
    try:
        with sync_playwright() as p:
            browser = p.chromium.launch(executable_path="/usr/bin/chromium", args=["--headless", "--no-sandbox"])
            context = browser.new_context(viewport=PHONE, locale="vi-VN", timezone_id="Asia/Ho_Chi_Minh")
            page = context.new_page()
            page.on("pageerror", lambda error: errors.append(str(error)))
            check_screens(page, base, national, out)
            estimator_screens(page, base, out)
            finder_screens(page, base, national, out)
            calendar_screens(page, base, out)
            browser.close()
    finally:
        server.shutdown()
    out["script errors"] = errors
    return out


def main(argv: list[str]) -> int:
    if len(argv) != 2:
        print("usage: python -m tools.tool_screens SITE_DIR PROVINCE", file=sys.stderr)
        return 2
    print(json.dumps(screens(Path(argv[0]), argv[1]), ensure_ascii=False, indent=1, sort_keys=True))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
