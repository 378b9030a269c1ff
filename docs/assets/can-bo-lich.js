/* Lịch công việc: tính lại cột "Lần tới" cho hôm nay (giờ Việt Nam).
 * Same rules as macros/calendar.py (a browser test compares them):
 * - an exact rule (FREQ=MONTHLY|YEARLY, INTERVAL, BYMONTH, BYMONTHDAY) gives the
 *   next such day on or after today, counted from the day the duty applies;
 * - a monthly/quarterly/yearly duty without a day gives the current period only;
 * - anything else has no date. Nothing is sent or stored. */
(function () {
  "use strict";

  var QUARTERS = ["I", "II", "III", "IV"];

  var core = window.qd22;
  var iso = core.iso, vi = core.dateVi;
  function daysIn(y, m) { return new Date(Date.UTC(y, m, 0)).getUTCDate(); }

  function parseRule(rule) {
    var out = {};
    rule.split(";").forEach(function (item) {
      var kv = item.split("=");
      out[kv[0]] = kv[0] === "FREQ" ? kv[1] : parseInt(kv[1], 10);
    });
    out.INTERVAL = out.INTERVAL || 1;
    return out;
  }

  /* The first day on or after `from` (ISO) that the rule gives, or null after `to`. */
  function nextExact(rule, start, from, to) {
    var r = parseRule(rule);
    var y = parseInt(start.slice(0, 4), 10), m = parseInt(start.slice(5, 7), 10);
    if (r.FREQ === "YEARLY") { m = r.BYMONTH; }
    for (var i = 0; i < 2400; i++) {
      if (r.BYMONTHDAY <= daysIn(y, m)) {
        var candidate = iso(y, m, r.BYMONTHDAY);
        if (to && candidate > to) { return null; }
        if (candidate >= from && candidate >= start) { return candidate; }
      } else if (to && iso(y, m, 1) > to) {
        return null;
      }
      if (r.FREQ === "YEARLY") { y += r.INTERVAL; }
      else { m += r.INTERVAL; while (m > 12) { m -= 12; y += 1; } }
    }
    return null;
  }

  function periodLabel(frequency, day) {
    var y = day.slice(0, 4), m = parseInt(day.slice(5, 7), 10);
    if (frequency === "monthly") { return "tháng " + core.pad(m, 2) + "/" + y; }
    if (frequency === "quarterly") { return "quý " + QUARTERS[Math.floor((m - 1) / 3)] + "/" + y; }
    return "năm " + y;
  }

  /* The words for the "Lần tới" cell, as macros.calendar.Due.words() gives them. */
  function dueWords(cell, today) {
    var from = cell.getAttribute("data-from"), to = cell.getAttribute("data-to");
    var rule = cell.getAttribute("data-rrule"), frequency = cell.getAttribute("data-frequency");
    if (to && today > to) { return "Đã kết thúc"; }
    var start = today > from ? today : from;
    if (rule) {
      var next = nextExact(rule, from, start, to);
      return next ? vi(next) : "Đã kết thúc";
    }
    if (frequency === "monthly" || frequency === "quarterly" || frequency === "yearly") {
      return "Trong " + periodLabel(frequency, start) + " (không có ngày cụ thể)";
    }
    return "Không có lịch cố định";
  }

  /* Rewrite an element's text without letting it shrink: if the page was already drawn (a slow
   * phone can draw the table before this runs), a shorter text would pull everything below up. */
  function rewrite(node, text) {
    if (node.textContent === text) return;
    node.style.minHeight = node.getBoundingClientRect().height + "px";
    node.textContent = text;
  }

  function update() {
    var today = core.today();
    var cells = document.querySelectorAll("td[data-next]");
    for (var i = 0; i < cells.length; i++) {
      rewrite(cells[i], dueWords(cells[i], today));
    }
    var note = document.querySelector("[data-asof]");
    if (note && note.getAttribute("data-computed-for") !== today) {
      rewrite(note, "Cột “Lần tới” được tính cho hôm nay, ngày " + vi(today) + " (giờ Việt Nam).");
      note.setAttribute("data-computed-for", today);
    }
  }

  /* The page calls update() in a one-line script right after the table, so the cells and the note
   * are rewritten before anything below them is drawn (nothing moves); DOMContentLoaded is the
   * fallback, and running twice changes nothing. */
  window.qd22Lich = { dueWords: dueWords, nextExact: nextExact, update: update };
  if (document.readyState === "loading") { document.addEventListener("DOMContentLoaded", update); } else { update(); }
})();
