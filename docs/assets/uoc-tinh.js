/* Loan estimator (cong-cu/uoc-tinh). Plain JavaScript.
 *
 * The schedule (schedule, headline) is worked out as macros/rules/estimator.py works out the page's
 * example at build time; both run against tests/scenarios/estimator.yaml (tests/js/rules.js under
 * Node): interest each month on the principal owed at the start of the month, at the annual rate
 * / 12, rounded half up to whole đồng; principal in equal instalments (rounded down, the last one
 * takes the rest) every chosen number of months and at the end of the term.
 * The most one may borrow, and whether it needs security, come from the check's amount rule
 * (data/eligibility.yaml, read by core.js maxAmount and needsSecurity): an establishment's maximum
 * counts its qualifying workers, so the form asks for their number. The words are the page's
 * (macros/render/templates/estimator_words.html). Nothing is fetched, stored or sent. */
(function (core) {
  "use strict";

  function schedule(amount, term, rate, every) {
    var instalments = Math.ceil(term / every), each = Math.floor(amount / instalments);
    var rows = [], outstanding = amount, paid = 0;
    for (var month = 1; month <= term; month++) {
      var interest = Math.floor(outstanding * rate / 100 / 12 + 0.5), principal = 0;
      if (month % every === 0 || month === term) {
        paid += 1;
        principal = paid < instalments ? each : outstanding;
      }
      rows.push({ month: month, outstanding: outstanding, interest: interest, principal: principal, payment: interest + principal });
      outstanding -= principal;
    }
    return rows;
  }

  /* As macros/rules/estimator.py Schedule.headline: never below what a month costs. "monthly":
   * principal every month; "periodic": the largest principal month, then the largest interest-only
   * month; "at_end": all the principal in the last month. Each rounded up to a thousand đồng. */
  function upToThousand(n) { return Math.ceil(n / 1000) * 1000; }
  function headline(rows, term, every) {
    var due = null, interestOnly = null;
    rows.forEach(function (r) {
      if (r.principal) { if (due === null || r.payment > due.payment) due = r; }
      else if (interestOnly === null || r.payment > interestOnly) interestOnly = r.payment;
    });
    return {
      kind: interestOnly === null ? "monthly" : term > every ? "periodic" : "at_end",
      every: every, due: upToThousand(due.payment), dueMonth: due.month, dueExact: due.payment,
      interestOnly: interestOnly === null ? null : upToThousand(interestOnly)
    };
  }

  var engine = { schedule: schedule, headline: headline };
  if (typeof module === "object" && module.exports) {
    module.exports = engine;
    return;
  }

  /* --- the page ------------------------------------------------------------------------------ */

  var form = document.getElementById("uoc-tinh");
  var source = document.getElementById("uoc-tinh-data");
  var out = document.getElementById("uoc-tinh-result");
  if (!form || !source || !out) return;
  var cfg = JSON.parse(source.textContent);
  var say = core.words("uoc-tinh-words");
  var dateVi = core.dateVi, group = core.group, moneyVi = core.moneyVi, inForce = core.inForce;
  var moneyShort = core.moneyShort;

  function el(tag, text, attrs) {
    var node = document.createElement(tag);
    if (text !== undefined && text !== null) node.textContent = text;
    Object.keys(attrs || {}).forEach(function (k) { node.setAttribute(k, attrs[k]); });
    return node;
  }
  /* A citation's link; its text alone if its address is not http(s) or this site's. */
  function link(cite) {
    var href = core.safeHref(cite.href);
    return href ? el("a", cite.text, { href: href }) : el("span", cite.text);
  }

  var day = core.today();
  var rate = inForce(cfg.rate, day);
  var rateLine = document.getElementById("uoc-tinh-rate");
  if (!rate || rate.value === null) {
    rateLine.textContent = say("rate-none", { date: dateVi(day) });
  } else {
    rateLine.textContent = say("rate", { rate: rate.text, date: dateVi(day) });
    if (rate.uncertain) rateLine.appendChild(el("span", " " + say("rate-uncertain", { note: rate.uncertain }), { "class": "uncertain" }));
  }

  function limit() {
    var id = form.elements.limit.value;
    return cfg.limits.filter(function (l) { return l.id === id; })[0];
  }

  /* The value in force today of a fact the amount rules read; null if none. */
  function fact(id) { return id ? inForce(cfg.facts[id], day) : null; }

  var workersField = document.getElementById("uoc-tinh-workers-field");

  /* The amount's hint gives the maximum; once the establishment's workers are counted, theirs. */
  function showLimits() {
    var l = limit(), most = fact(l.amount.fact), each = fact(l.amount.per_worker_fact), term = inForce(l.term, day);
    if (workersField) workersField.hidden = !l.amount.per_worker_fact;
    var hint = "";
    if (most) hint = each ? say("most-per-worker", { amount: moneyShort(most.value), each: moneyShort(each.value) }) : say("most", { amount: moneyShort(most.value) });
    if (each && form.elements.workers.value.trim()) {
      var counted = core.readNumber(form.elements.workers.value, "people");
      var cap = counted.error || counted.value > cfg.max_workers ? null : core.maxAmount(l.amount, cfg.facts, day, counted.value);
      if (cap) hint = say("most-with-workers", { n: group(counted.value), amount: moneyShort(cap) });
    }
    document.getElementById("uoc-tinh-amount-hint").textContent = (hint ? hint + " " : "") + say("how-to-write");
    document.getElementById("uoc-tinh-term-hint").textContent = term ? say("term-most", { term: term.text }) : "";
  }

  function fail(message, field) {
    out.replaceChildren(el("p", message, { "class": "tool-error", role: "alert" }));
    form.elements[field].setAttribute("aria-invalid", "true");
    form.elements[field].focus();
  }

  form.addEventListener("submit", function (event) {
    event.preventDefault();
    ["workers", "amount", "term"].forEach(function (f) { if (form.elements[f]) form.elements[f].removeAttribute("aria-invalid"); });
    var l = limit(), maxTerm = inForce(l.term, day), workers = null;
    if (!rate || rate.value === null) return fail(say("no-rate"), "amount");
    if (l.amount.per_worker_fact) {
      var counted = core.readNumber(form.elements.workers.value, "people");
      if (counted.error) return fail(counted.error, "workers");
      if (counted.value > cfg.max_workers) return fail(say("too-many", { max: group(cfg.max_workers) }), "workers");
      workers = counted.value;
    }
    var amount = core.readNumber(form.elements.amount.value, "money");
    var term = core.readNumber(form.elements.term.value, "months");
    var every = +form.elements.period.value;
    var cap = core.maxAmount(l.amount, cfg.facts, day, workers);
    if (cap === 0) return fail(say("no-workers", { each: moneyShort(fact(l.amount.per_worker_fact).value) }), "workers");
    if (amount.error) return fail(amount.error, "amount");
    if (amount.value < 1) return fail(say("no-amount"), "amount");
    if (term.error) return fail(term.error, "term");
    if (term.value < 1) return fail(say("no-term"), "term");
    if (maxTerm && term.value > maxTerm.value) return fail(say("term-over", { term: maxTerm.text }), "term");
    var borrowed = cap !== null && amount.value > cap ? cap : amount.value;
    render(schedule(borrowed, term.value, rate.value, every), term.value, every, {
      limit: l, typed: amount.value, amount: borrowed, cap: cap, workers: workers
    });
  });

  /* Why the amount is what it is: the establishment's maximum with its workers counted, and, when
   * the amount typed is above the maximum, that the estimate uses the maximum instead. */
  function capText(loan) {
    var rule = loan.limit.amount, said = [];
    if (rule.per_worker_fact) {
      var each = fact(rule.per_worker_fact).value;
      var values = { n: group(loan.workers), cap: moneyShort(loan.cap), each: moneyShort(each) };
      said.push(say(each * loan.workers < fact(rule.fact).value ? "cap-workers-each" : "cap-workers-project", values));
    } else if (loan.typed > loan.cap) {
      said.push(say("cap", { cap: moneyShort(loan.cap) }));
    }
    if (loan.typed > loan.cap) said.push(say("capped", { cap: moneyShort(loan.cap), typed: moneyShort(loan.typed) }));
    return said.join(" ");
  }

  /* Whether this amount needs security (bảo đảm tiền vay, glossed and linked to the glossary), then
   * the rule in the words of data/eligibility.yaml where it has a threshold. */
  function securityLine(loan) {
    var rule = loan.limit.amount, term = cfg.security_term;
    var needs = core.needsSecurity(rule, cfg.facts, day, loan.amount);
    var line = el("p", null, { "class": "estimator-security", "data-security": String(needs) });
    line.append.apply(line, say.parts(needs ? "security-needed" : "security-not-needed", { term: link({ text: term.words, href: term.href }), gloss: term.gloss }));
    if (rule.security_above_fact) {
      line.append(" " + rule.security_text.split("{threshold}").join(moneyShort(fact(rule.security_above_fact).value)));
    }
    return line;
  }

  /* The articles behind the maximum, the security and the term: one tap away. */
  function basisBlock(loan) {
    var rule = loan.limit.amount, list = el("ul");
    var lines = [["basis-max", fact(rule.fact).cite]];
    if (rule.per_worker_fact && fact(rule.per_worker_fact).cite.text !== lines[0][1].text) {
      lines.push(["basis-per-worker", fact(rule.per_worker_fact).cite]);
    }
    lines.push(["basis-security", rule.security_cite]);
    var term = inForce(loan.limit.term, day);
    if (term) lines.push(["basis-term", term.cite]);
    lines.forEach(function (line) {
      var item = el("li", say(line[0]) + ": ");
      item.append(link(line[1]), ".");
      list.appendChild(item);
    });
    var block = el("details", null, { "class": "basis" });
    block.append(el("summary", say("basis")), list);
    return block;
  }

  function headlineNodes(h) {
    var node = el("p", null, { "class": "estimator-headline", "data-kind": h.kind, "data-due": String(h.due) });
    node.append.apply(node, say.parts("headline-" + h.kind, {
      due: el("strong", moneyVi(h.due)), every: h.every, month: h.dueMonth,
      interest: h.interestOnly === null ? null : el("strong", moneyVi(h.interestOnly))
    }));
    return node;
  }

  function detailText(h, rows, term) {
    if (h.kind === "monthly" && term === 1) return say("detail-once", { first: moneyVi(rows[0].payment) });
    if (h.kind === "monthly") return say("detail-monthly", { first: moneyVi(rows[0].payment), last: moneyVi(rows[rows.length - 1].payment) });
    if (h.kind === "periodic") {
      var said = say("detail-periodic", { month: h.dueMonth, due: moneyVi(h.dueExact) });
      return term % h.every ? said + " " + say("detail-periodic-rest", { term: term }) : said;
    }
    return say("detail-at_end", { due: moneyVi(h.dueExact) });
  }

  var COLUMNS = ["column-month", "column-outstanding", "column-interest", "column-principal", "column-payment"];
  var TOTALS = ["total-interest", "total-principal", "total-paid"];

  function render(rows, term, every, loan) {
    var interest = 0, principal = 0;
    rows.forEach(function (r) { interest += r.interest; principal += r.principal; });
    var box = el("section", null, {
      "class": "estimator-output", "data-amount": String(loan.amount), "data-typed": String(loan.typed),
      "data-cap": loan.cap === null ? "" : String(loan.cap), "data-term": String(term)
    });
    box.appendChild(el("h2", say("result"), { tabindex: "-1" }));
    var why = capText(loan);
    if (why) box.appendChild(el("p", why, { "class": "estimator-cap" }));
    var h = headline(rows, term, every);
    box.appendChild(headlineNodes(h));
    box.appendChild(el("p", detailText(h, rows, term), { "class": "estimator-detail" }));
    box.appendChild(securityLine(loan));
    box.appendChild(basisBlock(loan));
    var totals = el("dl", null, { "class": "estimator-totals" });
    [interest, principal, interest + principal].forEach(function (total, i) {
      totals.appendChild(el("dt", say(TOTALS[i])));
      totals.appendChild(el("dd", moneyVi(total), { "data-total": String(i) }));
    });
    box.appendChild(totals);
    box.appendChild(el("p", cfg.note, { "class": "estimator-note" }));
    var table = el("table", null, { "class": "estimator-table" });
    table.appendChild(el("caption", say("unit")));
    var head = el("tr");
    COLUMNS.forEach(function (key) { head.appendChild(el("th", say(key), { scope: "col" })); });
    table.appendChild(el("thead")).appendChild(head);
    var body = table.appendChild(el("tbody"));
    rows.forEach(function (r) {
      var tr = el("tr");
      [r.month, group(r.outstanding), group(r.interest), group(r.principal), group(r.payment)].forEach(function (v, i) {
        tr.appendChild(el("td", String(v), { "data-label": say(COLUMNS[i]) }));
      });
      body.appendChild(tr);
    });
    var months = el("details", null, { "class": "estimator-months" });
    months.appendChild(el("summary", say("months", { n: rows.length })));
    months.appendChild(table);
    box.appendChild(months);
    out.replaceChildren(box);
    box.querySelector("h2").focus();
  }

  /* Leaving the page, or back to it from the back/forward cache: the fields (emptied by core.js)
   * and no estimate. */
  core.forget(function () {
    out.replaceChildren();
    showLimits();
  });
  form.elements.limit.addEventListener("change", showLimits);
  if (form.elements.workers) form.elements.workers.addEventListener("input", showLimits);
  form.hidden = false;
  showLimits();
})(typeof module === "object" && module.exports ? Object.assign({}, require("./core.js"), require("./muc-vay.js")) : window.qd22);
