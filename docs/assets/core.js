/* What the tool scripts share: today's date, dates and money in Vietnamese, the value in force.
 * Loaded just before each tool's script. Plain JavaScript; nothing is fetched, stored or sent. */
(function () {
  "use strict";
  if (window.qd22) return;

  function pad(n, width) { var s = String(n); while (s.length < width) s = "0" + s; return s; }
  function iso(y, m, d) { return pad(y, 4) + "-" + pad(m, 2) + "-" + pad(d, 2); }

  /* Today is the day in Vietnam (Asia/Ho_Chi_Minh), whatever time zone the phone is set to, so
   * the check, the estimator and the officials' calendar always agree on the date. */
  function today() {
    var parts = {};
    new Intl.DateTimeFormat("en-GB", { timeZone: "Asia/Ho_Chi_Minh", year: "numeric", month: "2-digit", day: "2-digit" })
      .formatToParts(new Date())
      .forEach(function (p) { parts[p.type] = p.value; });
    return parts.year + "-" + parts.month + "-" + parts.day;
  }

  function dateVi(day) { return day.slice(8, 10) + "/" + day.slice(5, 7) + "/" + day.slice(0, 4); }
  function group(n) { return String(n).replace(/\B(?=(\d{3})+(?!\d))/g, "."); }
  function moneyVi(n) { return group(n) + " đồng"; }

  /* The period of a fact in force on `day` (both ends inclusive), as data/facts.yaml says; null if none. */
  function inForce(periods, day) {
    for (var i = 0; i < periods.length; i++) {
      var p = periods[i];
      if (p.from <= day && (p.to === null || day <= p.to)) return p;
    }
    return null;
  }

  window.qd22 = { pad: pad, iso: iso, today: today, dateVi: dateVi, group: group, moneyVi: moneyVi, inForce: inForce };
})();
