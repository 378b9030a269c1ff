/* Loan estimator (cong-cu/uoc-tinh). Plain JavaScript; computes exactly as macros/estimator.py:
 * interest each month on the principal owed at the start of the month, at the annual rate / 12,
 * rounded half up to whole đồng; principal in equal instalments (rounded down, the last one takes
 * the rest) every chosen number of months and at the end of the term.
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

  function showLimits() {
    var l = limit(), amount = inForce(l.amount, day), term = inForce(l.term, day);
    document.getElementById("uoc-tinh-amount-hint").textContent = (amount ? "Tối đa " + moneyVi(amount.value) + ". " : "") + "Có thể viết 50 triệu, 50tr hoặc 50.000.000.";
    document.getElementById("uoc-tinh-term-hint").textContent = term ? "Tối đa " + term.text + "." : "";
  }

  function fail(message, field) {
    out.replaceChildren(el("p", message, { "class": "tool-error", role: "alert" }));
    form.elements[field].setAttribute("aria-invalid", "true");
    form.elements[field].focus();
  }

  form.addEventListener("submit", function (event) {
    event.preventDefault();
    ["amount", "term"].forEach(function (f) { form.elements[f].removeAttribute("aria-invalid"); });
    var l = limit(), maxAmount = inForce(l.amount, day), maxTerm = inForce(l.term, day);
    var amount = core.readNumber(form.elements.amount.value, "money");
    var term = core.readNumber(form.elements.term.value, "months");
    var every = +form.elements.period.value;
    if (!rate || rate.value === null) return fail("Chưa có lãi suất áp dụng: không tính được.", "amount");
    if (amount.error) return fail(amount.error, "amount");
    if (amount.value < 1) return fail("Hãy nhập số tiền vay, ví dụ 50 triệu hoặc 50.000.000.", "amount");
    if (maxAmount && amount.value > maxAmount.value) return fail("Số tiền vượt mức tối đa " + moneyVi(maxAmount.value) + ".", "amount");
    if (term.error) return fail(term.error, "term");
    if (term.value < 1) return fail("Hãy nhập thời hạn vay bằng số tháng, ví dụ 36.", "term");
    if (maxTerm && term.value > maxTerm.value) return fail("Thời hạn vượt mức tối đa " + maxTerm.text + ".", "term");
    render(schedule(amount.value, term.value, rate.value, every), amount.value, term.value, every);
  });

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

  function render(rows, amount, term, every) {
    var interest = 0, principal = 0;
    rows.forEach(function (r) { interest += r.interest; principal += r.principal; });
    var box = el("section", null, { "class": "estimator-output", "data-amount": String(amount), "data-term": String(term) });
    box.appendChild(el("h2", "Kết quả ước tính", { tabindex: "-1" }));
    var h = headlineOf(rows, term, every);
    box.appendChild(headlineNodes(h));
    box.appendChild(el("p", detailText(h, rows, term), { "class": "estimator-detail" }));
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
  form.hidden = false;
  showLimits();
})();
