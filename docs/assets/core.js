/* What the tool scripts share: today's date, dates and money in Vietnamese, the value in force,
 * the maximum loan of an amount rule.
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

  /* Money in words where exact ("200 triệu đồng", "1,5 tỷ đồng"), as macros/rules/eligibility.py
   * money_short and money_words write it; otherwise in figures. */
  function decimalVi(x) { return String(Math.round(x * 10) / 10).replace(".", ","); }
  function exactWords(n) { return (n >= 1e9 && n % 1e8 === 0) || (n >= 1e6 && n < 1e9 && n % 1e5 === 0); }
  function moneyShort(n) {
    if (!exactWords(n)) return moneyVi(n);
    return n >= 1e9 ? decimalVi(n / 1e9) + " tỷ đồng" : decimalVi(n / 1e6) + " triệu đồng";
  }
  function moneyWords(n) { return exactWords(n) ? moneyShort(n) + " (" + moneyVi(n) + ")" : moneyVi(n); }

  /* An amount rule of data/eligibility.yaml (amounts[]), as the check and the estimator read it;
   * `facts` maps fact ids to their periods. As macros/rules/eligibility.py max_amount: the fact's
   * maximum; with a cap per qualifying worker, the smaller of both, or null while the number of
   * workers is not known. null too when no value is in force on `day`. */
  function maxAmount(rule, facts, day, workers) {
    var top = inForce(facts[rule.fact], day);
    if (top === null) return null;
    if (!rule.per_worker_fact) return top.value;
    var each = inForce(facts[rule.per_worker_fact], day);
    if (each === null || workers === null || workers === undefined) return null;
    return Math.min(top.value, each.value * workers);
  }
  /* As needs_security: above the rule's threshold; never for a rule without one. */
  function needsSecurity(rule, facts, day, amount) {
    if (!rule.security_above_fact) return false;
    var threshold = inForce(facts[rule.security_above_fact], day);
    return threshold !== null && amount > threshold.value;
  }

  /* --- numbers as people write them in Vietnamese -------------------------------------------
   * One reader for every number a tool asks for: "50 triệu", "50tr", "50.000.000", "50 000 000",
   * "50000000", "1,5 tỷ", "1 tỷ 500 triệu", "500 nghìn", "36 tháng", "3 năm", "12 người".
   * A dot groups thousands (50.000.000) and a comma starts a decimal part (1,5 tỷ), as Vietnamese
   * writes them. What could be read two ways ("1.5", "50,000", "1,500 triệu", "1tr5") is refused
   * with a sentence that says what to type, never guessed. */

  var MAX_DIGITS = 15;  /* far above any amount or count the tools accept; keeps arithmetic exact */
  var UNITS = {
    money: { ty: 1e9, ti: 1e9, trieu: 1e6, tr: 1e6, nghin: 1e3, ngan: 1e3, k: 1e3, dong: 1, d: 1, vnd: 1 },
    months: { thang: 1, nam: 12 },
    people: { nguoi: 1 }
  };
  var EXAMPLES = { money: "50 triệu hoặc 50.000.000", months: "36", people: "12" };

  function foldText(text) {
    return text.replace(/đ/g, "d").replace(/Đ/g, "D").normalize("NFD").replace(/[\u0300-\u036f]/g, "").toLowerCase();
  }

  /* A number written with digits, dots and commas, as a fraction n / 10^places; or the reason it is refused. */
  function digits(token) {
    var whole = token, fraction = "";
    if (token.indexOf(",") >= 0) {
      var halves = token.split(",");
      if (halves.length > 2 || !halves[1]) return { reason: "comma" };
      whole = halves[0]; fraction = halves[1];
      if (!/^\d+$/.test(fraction)) return { reason: "comma" };
    }
    if (whole.indexOf(".") >= 0) {
      if (!/^\d{1,3}(\.\d{3})+$/.test(whole)) return { reason: "dot" };
      whole = whole.replace(/\./g, "");
    }
    if (!/^\d+$/.test(whole)) return { reason: "letters" };
    if (whole.replace(/^0+/, "").length + fraction.length > MAX_DIGITS) return { reason: "too_big" };
    return { whole: whole, fraction: fraction };
  }

  function refuse(reason, raw, kind) {
    var example = EXAMPLES[kind], typed = String(raw).trim();
    var quoted = typed.length <= 30 ? "“" + typed + "”" : "số này";
    var say = {
      empty: "Hãy nhập một số, ví dụ " + example + ".",
      letters: "Hãy nhập bằng chữ số, ví dụ " + example + ".",
      dot: "Không rõ " + quoted + " là bao nhiêu: dấu chấm chỉ dùng để tách hàng nghìn, như " + (kind === "money" ? "50.000.000" : "1.200") + ". Hãy nhập lại, ví dụ " + example + ".",
      comma: kind === "money"
        ? "Không rõ " + quoted + " là bao nhiêu: dấu phẩy chỉ dùng cho phần lẻ, đi với chữ triệu hoặc tỷ, như 1,5 triệu. Hãy nhập lại, ví dụ " + example + "."
        : "Hãy nhập số nguyên, không có phần lẻ, ví dụ " + example + ".",
      order: "Không rõ " + quoted + " là bao nhiêu. Hãy nhập lại, ví dụ " + example + ".",
      fraction: "Số này có phần lẻ nhỏ hơn một đơn vị. Hãy nhập lại, ví dụ " + example + ".",
      too_big: "Số này quá lớn. Hãy xem lại."
    }[reason];
    return { value: null, reason: reason, error: say };
  }

  /* readNumber(text, kind): {value: whole number, reason: null, error: null} or {value: null, reason, error}.
   * kind: "money" (đồng: tỷ, triệu, nghìn), "months" (tháng, năm) or "people" (người). */
  function readNumber(raw, kind) {
    var units = UNITS[kind];
    var text = foldText(String(raw)).trim().replace(/\s+/g, " ");
    if (!text) return refuse("empty", raw, kind);
    var tokens = text.match(/\d[\d.,]*|[a-z]+|\S/g);
    /* "50 000 000": digits in groups of three after a space are one number */
    var merged = [];
    tokens.forEach(function (t) {
      var last = merged.length ? merged[merged.length - 1] : null;
      if (last !== null && /^\d{3}$/.test(t) && /^\d{1,3}( \d{3})*$/.test(last)) merged[merged.length - 1] = last + " " + t;
      else merged.push(t);
    });
    var parts = [], i, t;
    for (i = 0; i < merged.length; i++) {
      t = merged[i];
      if (/^\d/.test(t)) {
        parts.push({ number: t.replace(/ /g, ""), unit: null, multiplier: null });
      } else if (/^[a-z]+$/.test(t) && units.hasOwnProperty(t)) {
        var last = parts[parts.length - 1];
        if (!last || last.unit !== null) {
          /* a unit word alone: only "đồng" or "người" closing what came before ("50 triệu đồng") */
          if (!last || units[t] !== 1 || i !== merged.length - 1) return refuse("order", raw, kind);
          continue;
        }
        last.unit = t; last.multiplier = units[t];
      } else {
        return refuse("letters", raw, kind);
      }
    }
    if (!parts.length) return refuse("letters", raw, kind);
    /* several parts only as "1 tỷ 500 triệu": each with its own unit, each unit smaller than the last */
    if (parts.length > 1) {
      for (i = 0; i < parts.length; i++) {
        if (parts[i].unit === null || (i && parts[i].multiplier >= parts[i - 1].multiplier)) return refuse("order", raw, kind);
      }
    }
    var total = 0;
    for (i = 0; i < parts.length; i++) {
      var p = parts[i], n = digits(p.number), multiplier = p.multiplier || 1;
      if (n.reason) return refuse(n.reason, raw, kind);
      if (n.fraction.length > 9) return refuse("fraction", raw, kind);
      if (n.fraction) {
        /* "1,500 triệu" could be 1,5 or 1 500 triệu; a bare "50,000" could be 50 or 50 000 */
        if (kind !== "money" && multiplier === 1) return refuse("comma", raw, kind);
        if (multiplier === 1 || n.fraction.length === 3) return refuse("comma", raw, kind);
      }
      var scale = Math.pow(10, n.fraction.length);
      var fractionValue = n.fraction ? +n.fraction * multiplier : 0;
      if (fractionValue % scale !== 0) return refuse("fraction", raw, kind);
      total += +n.whole * multiplier + fractionValue / scale;
      if (total >= Math.pow(10, MAX_DIGITS)) return refuse("too_big", raw, kind);
    }
    return { value: total, reason: null, error: null };
  }

  window.qd22 = {
    pad: pad, iso: iso, today: today, dateVi: dateVi, group: group, moneyVi: moneyVi, inForce: inForce,
    moneyShort: moneyShort, moneyWords: moneyWords, maxAmount: maxAmount, needsSecurity: needsSecurity,
    fold: foldText, readNumber: readNumber
  };
})();
