/* Lịch công việc (can-bo/lich): the "Lần tới" column worked out again for today (Vietnam's day).
 *
 * The rule (due) is the one macros/rules/schedule.py follows at build time; both run against
 * tests/scenarios/duties.yaml (tests/js/rules.js under Node):
 * - an exact rule (FREQ=MONTHLY|YEARLY, INTERVAL, BYMONTH, BYMONTHDAY) gives the next such day on
 *   or after today, counted from the day the duty applies;
 * - a monthly/quarterly/yearly duty without a day gives the current period and its deadline: the
 *   period's last day, or the duty's own last day if that comes first (no day inside the period);
 * - anything else has no date; after its last day, a duty has ended.
 * The words are the page's (macros/render/templates/duty_words.html), those the build writes the
 * column with. Nothing is sent or stored. */
(function (core) {
  "use strict";

  var iso = core.iso;
  var QUARTERS = ["I", "II", "III", "IV"];

  function parseRule(rule) {
    var out = {};
    rule.split(";").forEach(function (item) {
      var kv = item.split("=");
      out[kv[0]] = kv[0] === "FREQ" ? kv[1] : parseInt(kv[1], 10);
    });
    out.INTERVAL = out.INTERVAL || 1;
    return out;
  }

  /* The first day on or after `from` (ISO) that the rule gives, counted from `start`; null after `to`. */
  function nextExact(rule, start, from, to) {
    var r = parseRule(rule);
    var y = parseInt(start.slice(0, 4), 10), m = parseInt(start.slice(5, 7), 10);
    if (r.FREQ === "YEARLY") { m = r.BYMONTH; }
    for (var i = 0; i < 2400; i++) {
      if (r.BYMONTHDAY <= core.daysIn(y, m)) {
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

  /* The calendar month, quarter or year holding `day`: {frequency, start, last} (its first and last days). */
  function periodOf(frequency, day) {
    var y = parseInt(day.slice(0, 4), 10), m = parseInt(day.slice(5, 7), 10);
    if (frequency === "monthly") return { frequency: frequency, start: iso(y, m, 1), last: iso(y, m, core.daysIn(y, m)) };
    if (frequency === "quarterly") {
      var first = Math.floor((m - 1) / 3) * 3 + 1;
      return { frequency: frequency, start: iso(y, first, 1), last: iso(y, first + 2, core.daysIn(y, first + 2)) };
    }
    return { frequency: frequency, start: iso(y, 1, 1), last: iso(y, 12, 31) };
  }

  /* When a duty ({frequency, rrule, from, to}, days as "YYYY-MM-DD") next falls due, seen from
   * `today`: {kind: "date", date}, {kind: "period", period, date} (date: its deadline), {kind: "none"}
   * or {kind: "ended"}. */
  function due(duty, today) {
    if (duty.to && today > duty.to) return { kind: "ended" };
    var start = today > duty.from ? today : duty.from;
    if (duty.rrule) {
      var next = nextExact(duty.rrule, duty.from, start, duty.to);
      return next ? { kind: "date", date: next } : { kind: "ended" };
    }
    if (duty.frequency === "monthly" || duty.frequency === "quarterly" || duty.frequency === "yearly") {
      var period = periodOf(duty.frequency, start);
      return { kind: "period", period: period, date: duty.to && duty.to < period.last ? duty.to : period.last };
    }
    return { kind: "none" };
  }

  /* What falls due in the words of the "Lần tới" column, as macros/render/duty_words.py due_words
   * gives them: "05/12/2025", "Trong quý IV/2025, hạn cuối 31/12/2025", ... */
  var say = core.words("can-bo-lich-words");
  function periodWords(period) {
    var y = period.start.slice(0, 4), m = parseInt(period.start.slice(5, 7), 10);
    return say(period.frequency, { month: core.pad(m, 2), quarter: QUARTERS[Math.floor((m - 1) / 3)], year: y });
  }
  function dueWords(found) {
    if (found.kind === "date") return core.dateVi(found.date);
    if (found.kind === "period") return say("period", { period: periodWords(found.period), date: core.dateVi(found.date) });
    return say(found.kind);
  }

  var engine = { due: due, dueWords: dueWords, nextExact: nextExact };
  if (typeof module === "object" && module.exports) {
    module.exports = engine;
    return;
  }

  /* --- the page ------------------------------------------------------------------------------ */

  /* The words for a "Lần tới" cell: its duty is in its data-* attributes. */
  function cellWords(cell, today) {
    return dueWords(due({
      frequency: cell.getAttribute("data-frequency"), rrule: cell.getAttribute("data-rrule"),
      from: cell.getAttribute("data-from"), to: cell.getAttribute("data-to")
    }, today));
  }

  /* Rewrite an element's text without letting it shrink: if the page was already drawn (a slow
   * phone can draw the table before this runs), a shorter text would pull everything below up. */
  function rewrite(node, text) {
    if (node.textContent === text) return;
    node.style.minHeight = node.getBoundingClientRect().height + "px";
    node.textContent = text;
  }

  /* The box at the top of the page: the nearest deadline from today and the duties due that day
   * (every duty with a deadline is in it; those not due that day are hidden). */
  function updateNextDeadline(today) {
    var box = document.querySelector("[data-next-deadline]");
    if (!box || box.getAttribute("data-computed-for") === today) return;
    var items = box.querySelectorAll("li[data-frequency]"), dates = [], best = null;
    for (var i = 0; i < items.length; i++) {
      var found = due({
        frequency: items[i].getAttribute("data-frequency"), rrule: items[i].getAttribute("data-rrule"),
        from: items[i].getAttribute("data-from"), to: items[i].getAttribute("data-to")
      }, today);
      dates.push(found.date || null);
      if (found.date && (best === null || found.date < best)) best = found.date;
    }
    for (var j = 0; j < items.length; j++) { items[j].hidden = !(best && dates[j] === best); }
    rewrite(box.querySelector("[data-deadline-day]"), best ? core.dateVi(best) : say("no-deadline"));
    rewrite(box.querySelector("[data-deadline-from]"), say("deadline-from", { date: core.dateVi(today) }));
    box.setAttribute("data-computed-for", today);
  }

  function update() {
    var today = core.today();
    updateNextDeadline(today);
    var cells = document.querySelectorAll("td[data-next]");
    for (var i = 0; i < cells.length; i++) {
      rewrite(cells[i], cellWords(cells[i], today));
    }
    var note = document.querySelector("[data-asof]");
    if (note && note.getAttribute("data-computed-for") !== today) {
      rewrite(note, say("as-of", { date: core.dateVi(today) }));
      note.setAttribute("data-computed-for", today);
    }
  }

  /* The page calls update() in a one-line script right after the next-deadline box and again right
   * after the table, so each is rewritten before it is drawn (nothing moves); DOMContentLoaded is
   * the fallback, and running again changes nothing. */
  window.qd22Lich = { cellWords: cellWords, update: update };
  if (document.readyState === "loading") { document.addEventListener("DOMContentLoaded", update); } else { update(); }
})(typeof module === "object" && module.exports ? require("./core.js") : window.qd22);
