/* Loan estimator (cong-cu/uoc-tinh). Plain JavaScript; computes exactly as macros/rules/estimator.py:
 * interest each month on the principal owed at the start of the month, at the annual rate / 12,
 * rounded half up to whole đồng; principal in equal instalments (rounded down, the last one takes
 * the rest) every chosen number of months and at the end of the term.
 * The most one may borrow, and whether it needs security, come from the check's amount rule
 * (data/eligibility.yaml, read by core.js maxAmount and needsSecurity): an establishment's maximum
 * counts its qualifying workers, so the form asks for their number.
 * Nothing is fetched, stored or sent. */
(function () {
  "use strict";

  var form = document.getElementById("uoc-tinh");
  var source = document.getElementById("uoc-tinh-data");
  var out = document.getElementById("uoc-tinh-result");
  if (!form || !source || !out) return;
  var cfg = JSON.parse(source.textContent);

  var core = window.qd22;
  var today = core.today, dateVi = core.dateVi, group = core.group, moneyVi = core.moneyVi, inForce = core.inForce;
  var moneyShort = core.moneyShort;

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

  function el(tag, text, attrs) {
    var node = document.createElement(tag);
    if (text !== undefined && text !== null) node.textContent = text;
    Object.keys(attrs || {}).forEach(function (k) { node.setAttribute(k, attrs[k]); });
    return node;
  }
  function link(cite) { return el("a", cite.text, { href: cite.href }); }

  var day = today();
  var rate = inForce(cfg.rate, day);
  var rateLine = document.getElementById("uoc-tinh-rate");
  if (!rate || rate.value === null) {
    rateLine.textContent = "Chưa có lãi suất áp dụng cho ngày " + dateVi(day) + ": không tính được.";
  } else {
    rateLine.textContent = "Lãi suất dùng để tính: " + rate.text + " (mức áp dụng ngày " + dateVi(day) + ").";
    if (rate.uncertain) rateLine.appendChild(el("span", " Chưa chắc chắn: " + rate.uncertain, { "class": "uncertain" }));
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
    var hint = most ? "Tối đa " + moneyShort(most.value) + (each ? " cho một dự án, và " + moneyShort(each.value) + " cho mỗi người lao động đáp ứng điều kiện" : "") + ". " : "";
    if (each && form.elements.workers.value.trim()) {
      var counted = core.readNumber(form.elements.workers.value, "people");
      var cap = counted.error || counted.value > cfg.max_workers ? null : core.maxAmount(l.amount, cfg.facts, day, counted.value);
      if (cap) hint = "Với " + group(counted.value) + " người: tối đa " + moneyShort(cap) + ". ";
    }
    document.getElementById("uoc-tinh-amount-hint").textContent = hint + "Có thể viết 50 triệu, 50tr hoặc 50.000.000.";
    document.getElementById("uoc-tinh-term-hint").textContent = term ? "Tối đa " + term.text + "." : "";
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
    if (!rate || rate.value === null) return fail("Chưa có lãi suất áp dụng: không tính được.", "amount");
    if (l.amount.per_worker_fact) {
      var counted = core.readNumber(form.elements.workers.value, "people");
      if (counted.error) return fail(counted.error, "workers");
      if (counted.value > cfg.max_workers) return fail("Số này quá lớn (hơn " + group(cfg.max_workers) + " người). Hãy xem lại.", "workers");
      workers = counted.value;
    }
    var amount = core.readNumber(form.elements.amount.value, "money");
    var term = core.readNumber(form.elements.term.value, "months");
    var every = +form.elements.period.value;
    var cap = core.maxAmount(l.amount, cfg.facts, day, workers);
    if (cap === 0) {
      return fail("Cơ sở cần có người lao động là người chấp hành xong án phạt tù, đáp ứng điều kiện: mức vay tối đa là " + moneyShort(fact(l.amount.per_worker_fact).value) + " cho mỗi người như vậy.", "workers");
    }
    if (amount.error) return fail(amount.error, "amount");
    if (amount.value < 1) return fail("Hãy nhập số tiền vay, ví dụ 50 triệu hoặc 50.000.000.", "amount");
    if (term.error) return fail(term.error, "term");
    if (term.value < 1) return fail("Hãy nhập thời hạn vay bằng số tháng, ví dụ 36.", "term");
    if (maxTerm && term.value > maxTerm.value) return fail("Thời hạn vượt mức tối đa " + maxTerm.text + ".", "term");
    var borrowed = cap !== null && amount.value > cap ? cap : amount.value;
    render(schedule(borrowed, term.value, rate.value, every), term.value, every, {
      limit: l, typed: amount.value, amount: borrowed, cap: cap, workers: workers
    });
  });

  /* Why the amount is what it is: the establishment's maximum with its workers counted, and, when
   * the amount typed is above the maximum, that the estimate uses the maximum instead. */
  function capText(loan) {
    var rule = loan.limit.amount, words = "";
    if (rule.per_worker_fact) {
      var each = fact(rule.per_worker_fact).value;
      words = "Với " + group(loan.workers) + " người lao động đáp ứng điều kiện, cơ sở vay được tối đa " + moneyShort(loan.cap) +
        (each * loan.workers < fact(rule.fact).value ? " (" + moneyShort(each) + " cho mỗi người)." : ", mức tối đa cho một dự án.");
    } else if (loan.typed > loan.cap) {
      words = "Mức vay tối đa là " + moneyShort(loan.cap) + ".";
    }
    if (loan.typed > loan.cap) words += " Kết quả dưới đây tính với " + moneyShort(loan.cap) + ", không phải " + moneyShort(loan.typed) + ".";
    return words;
  }

  /* Whether this amount needs security (bảo đảm tiền vay, glossed and linked to the glossary), then
   * the rule in the words of data/eligibility.yaml where it has a threshold. */
  function securityLine(loan) {
    var rule = loan.limit.amount, term = cfg.security_term;
    var needs = core.needsSecurity(rule, cfg.facts, day, loan.amount);
    var line = el("p", null, { "class": "estimator-security", "data-security": String(needs) });
    line.append(needs ? "Khoản vay này cần có " : "Khoản vay này không cần ", el("a", term.words, { href: term.href }), " (" + term.gloss + ").");
    if (rule.security_above_fact) {
      line.append(" " + rule.security_text.replace("{threshold}", moneyShort(fact(rule.security_above_fact).value)));
    }
    return line;
  }

  /* The articles behind the maximum, the security and the term: one tap away. */
  function basisBlock(loan) {
    var rule = loan.limit.amount, list = el("ul");
    var lines = [["Mức vay tối đa", fact(rule.fact).cite]];
    if (rule.per_worker_fact && fact(rule.per_worker_fact).cite.text !== lines[0][1].text) {
      lines.push(["Mức vay tối đa cho mỗi người lao động", fact(rule.per_worker_fact).cite]);
    }
    lines.push(["Bảo đảm tiền vay", rule.security_cite]);
    var term = inForce(loan.limit.term, day);
    if (term) lines.push(["Thời hạn vay tối đa", term.cite]);
    lines.forEach(function (line) {
      var item = el("li", line[0] + ": ");
      item.append(link(line[1]), ".");
      list.appendChild(item);
    });
    var block = el("details", null, { "class": "basis" });
    block.append(el("summary", "Căn cứ"), list);
    return block;
  }

  /* As macros/rules/estimator.py Schedule.headline: never below what a month costs. "monthly":
   * principal every month; "periodic": the largest principal month, then the largest interest-only
   * month; "at_end": all the principal in the last month. Each rounded up to a thousand đồng. */
  function upToThousand(n) { return Math.ceil(n / 1000) * 1000; }
  function headlineOf(rows, term, every) {
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

  function headlineNodes(h) {
    var node = el("p", null, { "class": "estimator-headline", "data-kind": h.kind, "data-due": String(h.due) });
    if (h.kind === "monthly") {
      node.append("Mỗi tháng trả khoảng ", el("strong", moneyVi(h.due)), ".");
    } else {
      node.append(
        (h.kind === "periodic" ? "Mỗi " + h.every + " tháng (kỳ trả gốc)" : "Tháng cuối (tháng " + h.dueMonth + ")") + " trả khoảng ",
        el("strong", moneyVi(h.due)), "; các tháng khác trả lãi khoảng ", el("strong", moneyVi(h.interestOnly)), "."
      );
    }
    return node;
  }

  function detailText(h, rows, term) {
    if (h.kind === "monthly" && term === 1) return "Trả một lần " + moneyVi(rows[0].payment) + ", gồm tiền gốc và tiền lãi.";
    if (h.kind === "monthly") return "Tháng đầu trả " + moneyVi(rows[0].payment) + "; sau đó giảm dần, vì tiền lãi tính trên số tiền gốc còn nợ. Tháng cuối trả " + moneyVi(rows[rows.length - 1].payment) + ".";
    if (h.kind === "periodic") {
      return "Nhiều nhất là tháng " + h.dueMonth + ": " + moneyVi(h.dueExact) + ". Sau mỗi kỳ trả gốc, tiền lãi giảm, vì lãi tính trên số tiền gốc còn nợ." +
        (term % h.every ? " Tháng cuối (tháng " + term + ") trả nốt tiền gốc còn lại." : "");
    }
    return "Tháng cuối trả " + moneyVi(h.dueExact) + ": toàn bộ tiền gốc và tiền lãi của tháng đó.";
  }

  var COLUMNS = ["Tháng", "Gốc còn nợ đầu tháng", "Tiền lãi", "Tiền gốc trả", "Tổng phải trả"];

  function render(rows, term, every, loan) {
    var interest = 0, principal = 0;
    rows.forEach(function (r) { interest += r.interest; principal += r.principal; });
    var box = el("section", null, {
      "class": "estimator-output", "data-amount": String(loan.amount), "data-typed": String(loan.typed),
      "data-cap": loan.cap === null ? "" : String(loan.cap), "data-term": String(term)
    });
    box.appendChild(el("h2", "Kết quả ước tính", { tabindex: "-1" }));
    var why = capText(loan);
    if (why) box.appendChild(el("p", why, { "class": "estimator-cap" }));
    var h = headlineOf(rows, term, every);
    box.appendChild(headlineNodes(h));
    box.appendChild(el("p", detailText(h, rows, term), { "class": "estimator-detail" }));
    box.appendChild(securityLine(loan));
    box.appendChild(basisBlock(loan));
    var totals = el("dl", null, { "class": "estimator-totals" });
    [["Tổng tiền lãi", interest], ["Tổng tiền gốc", principal], ["Tổng số tiền phải trả", interest + principal]].forEach(function (t, i) {
      totals.appendChild(el("dt", t[0]));
      totals.appendChild(el("dd", moneyVi(t[1]), { "data-total": String(i) }));
    });
    box.appendChild(totals);
    box.appendChild(el("p", cfg.note, { "class": "estimator-note" }));
    var table = el("table", null, { "class": "estimator-table" });
    table.appendChild(el("caption", "Đơn vị: đồng"));
    var head = el("tr");
    COLUMNS.forEach(function (h) { head.appendChild(el("th", h, { scope: "col" })); });
    table.appendChild(el("thead")).appendChild(head);
    var body = table.appendChild(el("tbody"));
    rows.forEach(function (r) {
      var tr = el("tr");
      [r.month, group(r.outstanding), group(r.interest), group(r.principal), group(r.payment)].forEach(function (v, i) {
        tr.appendChild(el("td", String(v), { "data-label": COLUMNS[i] }));
      });
      body.appendChild(tr);
    });
    var months = el("details", null, { "class": "estimator-months" });
    months.appendChild(el("summary", "Xem số tiền từng tháng (" + rows.length + " tháng)"));
    months.appendChild(table);
    box.appendChild(months);
    out.replaceChildren(box);
    box.querySelector("h2").focus();
  }

  form.elements.limit.addEventListener("change", showLimits);
  if (form.elements.workers) form.elements.workers.addEventListener("input", showLimits);
  form.hidden = false;
  showLimits();
})();
