/* What the check and the estimator share, added to window.qd22 (under Node, module.exports): money
 * in words, the value of a fact in force, an amount rule's maximum and security, numbers as people
 * write them. Words: the page's <template id="qd22-words"> (core_words.html). */
(function (root, core) {
  "use strict";
  var say = core.words("qd22-words"), group = core.group, fold = core.fold;

  function moneyVi(n) { return say("dong", { n: group(n) }); }

  /* In words where exact ("1,5 tỷ đồng"), as formatting.py money_words_vi; else in figures. */
  function decimalVi(x) { return String(Math.round(x * 10) / 10).replace(".", ","); }
  function exactWords(n) { return (n >= 1e9 && n % 1e8 === 0) || (n >= 1e6 && n < 1e9 && n % 1e5 === 0); }
  function moneyShort(n) {
    if (!exactWords(n)) return moneyVi(n);
    return n >= 1e9 ? say("billion", { n: decimalVi(n / 1e9) }) : say("million", { n: decimalVi(n / 1e6) });
  }
  function moneyWords(n) { return exactWords(n) ? say("exact", { words: moneyShort(n), figures: moneyVi(n) }) : moneyVi(n); }

  /* --- facts and amounts */

  /* The period of a fact in force on `day` (both ends inclusive), as data/facts.yaml says; null if none. */
  function inForce(periods, day) {
    for (var i = 0; i < periods.length; i++) {
      var p = periods[i];
      if (p.from <= day && (p.to === null || day <= p.to)) return p;
    }
    return null;
  }

  /* An amount rule's maximum (data/eligibility.yaml amounts[]; facts: id -> periods); with a cap
   * per qualifying worker, the smaller of both; null while unknown. */
  function maxAmount(rule, facts, day, workers) {
    var top = inForce(facts[rule.fact], day);
    if (top === null) return null;
    if (!rule.per_worker_fact) return top.value;
    var each = inForce(facts[rule.per_worker_fact], day);
    if (each === null || workers === null || workers === undefined) return null;
    return Math.min(top.value, each.value * workers);
  }
  /* Above the rule's threshold; never for a rule without one. */
  function needsSecurity(rule, facts, day, amount) {
    if (!rule.security_above_fact) return false;
    var threshold = inForce(facts[rule.security_above_fact], day);
    return threshold !== null && amount > threshold.value;
  }

  /* Numbers as people write them (tests/scenarios/numbers.yaml): a dot groups thousands, a comma
   * starts a decimal part; what could be read two ways ("1.5", "50,000", "1tr5") is refused. */

  var MAX_DIGITS = 15;  /* far above any amount or count the tools accept; keeps arithmetic exact */
  var UNITS = {
    money: { ty: 1e9, ti: 1e9, trieu: 1e6, tr: 1e6, nghin: 1e3, ngan: 1e3, k: 1e3, dong: 1, d: 1, vnd: 1 },
    months: { thang: 1, nam: 12 },
    people: { nguoi: 1 }
  };

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

  /* What to type instead: the page's "number-<reason>", with an example for the kind asked. */
  function refuse(reason, raw, kind) {
    var typed = String(raw).trim();
    var key = reason === "comma" && kind === "money" ? "number-comma-money" : "number-" + reason;
    var error = say(key, {
      example: say("example-" + kind),
      quoted: typed.length <= 30 ? say("quoted", { typed: typed }) : say("this-number"),
      grouped: say(kind === "money" ? "grouped-money" : "grouped")
    });
    return { value: null, reason: reason, error: error };
  }

  /* readNumber(text, "money" | "months" | "people"): {value, reason: null, error: null} or
   * {value: null, reason, error}. */
  function readNumber(raw, kind) {
    var units = UNITS[kind];
    var text = fold(String(raw)).trim().replace(/\s+/g, " ");
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
      } else if (/^[a-z]+$/.test(t) && Object.prototype.hasOwnProperty.call(units, t)) {
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

  var loan = {
    moneyVi: moneyVi, moneyShort: moneyShort, moneyWords: moneyWords, inForce: inForce,
    maxAmount: maxAmount, needsSecurity: needsSecurity, readNumber: readNumber
  };
  if (typeof module === "object" && module.exports) module.exports = loan;
  else Object.keys(loan).forEach(function (name) { root.qd22[name] = loan[name]; });
})(this, typeof module === "object" && module.exports ? require("./core.js") : this.qd22);
