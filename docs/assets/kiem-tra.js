/* Eligibility check (cong-cu/kiem-tra). evaluate() is the check's one engine, run by the page and,
 * under Node, by the tests (tests/scenarios/eligibility.yaml). Rules: data/eligibility.yaml (its
 * header gives the decisions), embedded as JSON. Nothing is fetched, stored or sent. */
(function (core) {
  "use strict";

  var iso = core.iso, dateVi = core.dateVi, moneyShort = core.moneyShort, moneyWords = core.moneyWords;

  /* The same day and month `years` later; 29 February becomes 28 February. */
  function addYears(day, years) {
    var y = +day.slice(0, 4) + years, m = +day.slice(5, 7), d = +day.slice(8, 10);
    return iso(y, m, Math.min(d, core.daysIn(y, m)));
  }
  function fill(text, values) {
    return text.replace(/\{([a-z_]+)\}/g, function (_, key) { return values[key]; });
  }
  function known(value) { return value !== null && value !== undefined; }

  /* The period of a fact in force on `day` (both ends inclusive), as data/facts.yaml says. */
  function period(rules, factId, day) {
    var found = core.inForce(rules.facts[factId], day);
    if (found === null) throw new Error("no value in force for " + factId + " on " + day);
    return found;
  }

  /* [status, sentence] of one condition: met, not_met, unknown or pending. */
  function judge(rules, c, a, asOf) {
    var t = c.test, value = a[t.answer];
    if (t.kind === "one_of") {
      if (!known(value)) return [c.pending ? "pending" : "unknown", c.unknown];
      return t.accept.indexOf(value) >= 0 ? ["met", c.met] : ["not_met", c.not_met];
    }
    var p = period(rules, t.fact, asOf);
    var values = { years: p.text, share: p.text };
    if (t.kind === "within_years") {
      if (!known(value)) return ["unknown", fill(c.unknown, values)];
      if (value > asOf) return ["unknown", fill(c.not_yet, values)];
      var deadline = addYears(value, p.value);
      values.deadline = dateVi(deadline);
      return asOf <= deadline ? ["met", fill(c.met, values)] : ["not_met", fill(c.not_met, values)];
    }
    var total = a[t.of];
    if (!known(value) || !known(total)) return ["unknown", fill(c.unknown, values)];
    values.needed = String(Math.ceil(p.value * total / 100));
    return value * 100 >= p.value * total ? ["met", fill(c.met, values)] : ["not_met", fill(c.not_met, values)];
  }

  /* The most one may borrow, per month or per loan, whether it needs security, and their reasons. */
  function amountOf(rules, a, asOf) {
    var applicant = a.applicant, out = { amount: null, per: null, collateral: null, threshold: null, papers: null, reasons: [] };
    var candidates = rules.amounts.filter(function (r) {
      return r.applicant === applicant && (applicant === "establishment" || !known(a.purpose) || a.purpose === r.purpose);
    });
    if (candidates.length === 1) {
      var r = candidates[0], p = period(rules, r.fact, asOf), text;
      out.per = p.unit === "vnd_per_month" ? "month" : "loan";
      out.amount = core.maxAmount(r, rules.facts, asOf, a.qualifying_workers);
      if (out.amount !== null) text = fill(r.text, { amount: moneyWords(out.amount) });
      else text = fill(r.unknown, { amount: moneyShort(p.value), per_worker: moneyShort(period(rules, r.per_worker_fact, asOf).value) });
      out.reasons.push({ id: "amount", status: "info", text: text, cite: p.cite });
    }
    if (candidates.length && candidates.every(function (r) { return !r.security_above_fact; })) {
      out.collateral = false;
    } else if (candidates.length === 1 && out.amount !== null) {
      out.collateral = core.needsSecurity(candidates[0], rules.facts, asOf, out.amount);
    }
    if (candidates.length === 1) out.papers = candidates[0].papers;
    if (candidates.length) {
      var first = candidates[0];
      if (first.security_above_fact) out.threshold = period(rules, first.security_above_fact, asOf).value;
      var threshold = out.threshold === null ? {} : { threshold: moneyShort(out.threshold) };
      out.reasons.push({ id: "security", status: "info", text: fill(first.security_text, threshold), cite: first.security_cite });
    }
    if (out.amount === null) out.per = null;
    return out;
  }

  /* Answers `a` (missing or null: unknown) on day `asOf`: {outcome, amount, per, collateral,
   * threshold (security above it, or null), papers (the checklist's id), reasons: [{id, status,
   * text, cite, ask, then, asked, pending}], steps}. */
  function evaluate(rules, a, asOf) {
    var reasons = [], applicant = known(a.applicant) ? a.applicant : null;
    if (applicant === null) {
      reasons.push({ id: "applicant", status: "unknown", text: rules.unknown_applicant.text, cite: rules.unknown_applicant.cite, ask: null, then: null });
    }
    rules.conditions.forEach(function (c) {
      if (c.applicant !== applicant) return;
      var judged = judge(rules, c, a, asOf);
      reasons.push({
        id: c.id, status: judged[0], text: judged[1], cite: c.cite, pending: c.pending || null,
        asked: (c.test.answer in a) && (!c.test.of || c.test.of in a),
        ask: judged[0] === "unknown" || judged[0] === "pending" ? c.ask : null,
        then: judged[0] === "not_met" && c.if_not_met ? c.if_not_met : null
      });
    });
    var has = function (s) { return reasons.some(function (r) { return r.status === s; }); };
    /* any "no" decides; then any doubt; then a step still to take (the Form 01 list, the Form 02 plan) */
    var pending = reasons.filter(function (r) { return r.status === "pending"; })[0];
    var outcome = has("not_met") ? "not_eligible" : has("unknown") ? "check_with_office" : pending ? pending.pending : "eligible";
    var money = { amount: null, per: null, collateral: null, threshold: null, papers: null, reasons: [] };
    if (outcome !== "not_eligible" && applicant !== null) money = amountOf(rules, a, asOf);
    var steps = rules.next_steps.filter(function (s) { return s.applicant === applicant && s.outcome === outcome; });
    return {
      outcome: outcome, amount: money.amount, per: money.per, collateral: money.collateral,
      threshold: money.threshold, papers: money.papers, reasons: reasons.concat(money.reasons), steps: steps
    };
  }

  var engine = { evaluate: evaluate, addYears: addYears };
  if (typeof module === "object" && module.exports) {
    module.exports = engine;
    return;
  }

  /* --- the page */

  var root = document.getElementById("kiem-tra");
  var source = document.getElementById("kiem-tra-rules");
  if (!root || !source) return;
  var rules = JSON.parse(source.textContent);
  var say = core.words("kiem-tra-words");
  var today = core.today, daysIn = core.daysIn;

  /* --- screens */

  var trail = [];     /* ids of the questions answered, in order (kept for the forward button) */
  var depth = 0;      /* how many of them count: the browser's back button lowers it */
  var given = {};     /* question id -> the answers that question set */

  function el(tag, attrs, children) {
    var node = document.createElement(tag);
    Object.keys(attrs || {}).forEach(function (k) {
      if (k === "text") node.textContent = attrs[k];
      else if (k === "hidden") node.hidden = attrs[k];
      else node.setAttribute(k, attrs[k]);
    });
    (children || []).forEach(function (c) { if (c) node.appendChild(typeof c === "string" ? document.createTextNode(c) : c); });
    return node;
  }

  function answers() {
    var a = {};
    trail.slice(0, depth).forEach(function (id) { Object.assign(a, given[id] || {}); });
    return a;
  }

  function applies(q, a) { return q.applicant === "any" || q.applicant === a.applicant; }

  function nextQuestion() {
    var a = answers();
    if (depth && evaluate(rules, a, today()).outcome === "not_eligible") return null;
    var asked = {};
    trail.slice(0, depth).forEach(function (id) { asked[id] = true; });
    for (var i = 0; i < rules.questions.length; i++) {
      var q = rules.questions[i];
      if (!asked[q.id] && applies(q, a)) return q;
    }
    return null;
  }

  function question(id) { return rules.questions.filter(function (q) { return q.id === id; })[0]; }

  function backButton() {
    var b = el("button", { type: "button", "class": "tool-back", text: say("back") });
    b.addEventListener("click", goBack);
    return b;
  }

  /* Put a screen in place, its top just below Material's sticky header (focus alone would leave it
   * behind the header), and focus its heading for keyboard and screen-reader users. */
  function render(screen, focus) {
    root.replaceChildren(screen);
    var heading = screen.querySelector("h2");
    heading.setAttribute("tabindex", "-1");
    if (!focus) return;
    var header = document.querySelector(".md-header");
    var below = header ? header.getBoundingClientRect().bottom : 0;
    var top = screen.getBoundingClientRect().top;
    if (top < below || top > window.innerHeight / 3) {
      window.scrollTo({ top: window.scrollY + top - below - 8, behavior: "instant" });
    }
    heading.focus({ preventScroll: true });
  }

  function errorBox(message) {
    return el("p", { "class": "tool-error", role: "alert", id: "tool-error", text: message });
  }

  function askScreen(q) {
    var form = el("form", { "class": "tool-question", "data-question": q.id, novalidate: "" });
    var previous = given[q.id];
    var describedBy = q.hint ? "hint-" + q.id : null;
    var fieldset = el("fieldset", describedBy ? { "aria-describedby": describedBy } : {});
    fieldset.appendChild(el("legend", {}, [el("h2", { text: q.title })]));
    if (q.hint) fieldset.appendChild(el("p", { "class": "tool-hint", id: describedBy, text: q.hint }));
    var unknownButton = null;
    if (q.kind === "choice") {
      q.options.forEach(function (o, i) {
        var id = "q-" + q.id + "-" + i;
        var input = el("input", { type: "radio", name: q.id, id: id, value: String(i) });
        if (previous && Object.keys(o.set).every(function (k) { return previous[k] === o.set[k]; })) input.checked = true;
        fieldset.appendChild(el("div", { "class": "tool-option" }, [input, el("label", { "for": id, text: o.label })]));
      });
    } else if (q.kind === "date") {
      var parts = [["day", say("day"), 2], ["month", say("month"), 2], ["year", say("year"), 4]];
      var value = previous && previous[q.answer];
      var values = value ? { day: value.slice(8, 10), month: value.slice(5, 7), year: value.slice(0, 4) } : {};
      var row = el("div", { "class": "tool-date" });
      parts.forEach(function (p) {
        var id = "q-" + q.id + "-" + p[0];
        var input = el("input", { type: "text", inputmode: "numeric", id: id, name: p[0], maxlength: String(p[2]), size: String(p[2] + 1), autocomplete: "off" });
        if (values[p[0]]) input.value = String(+values[p[0]]);
        row.appendChild(el("div", {}, [el("label", { "for": id, text: p[1] }), input]));
      });
      fieldset.appendChild(row);
      unknownButton = q.unknown_label;
    } else {
      var nid = "q-" + q.id + "-number";
      var ninput = el("input", { type: "text", inputmode: "numeric", id: nid, name: "number", size: "6", autocomplete: "off" });
      if (previous && previous[q.answer] !== null && previous[q.answer] !== undefined) ninput.value = String(previous[q.answer]);
      fieldset.appendChild(el("label", { "for": nid, "class": "tool-number-label", text: say("people") }));
      fieldset.appendChild(ninput);
      unknownButton = q.unknown_label;
    }
    var buttons = el("div", { "class": "tool-buttons" }, [el("button", { type: "submit", "class": "md-button md-button--primary", text: say("continue") })]);
    if (unknownButton) {
      var u = el("button", { type: "button", "class": "md-button tool-unknown", text: unknownButton });
      u.addEventListener("click", function () { answer(q, nullAnswer(q)); });
      buttons.appendChild(u);
    }
    if (depth) form.appendChild(backButton());
    form.appendChild(fieldset);
    form.appendChild(buttons);
    form.addEventListener("submit", function (event) {
      event.preventDefault();
      var read = readAnswer(q, form);
      var old = form.querySelector(".tool-error");
      if (old) old.remove();
      if (typeof read === "string") {
        fieldset.insertBefore(errorBox(read), fieldset.children[1]);
        form.querySelector("input").focus();
        return;
      }
      answer(q, read);
    });
    return form;
  }

  function nullAnswer(q) { var a = {}; a[q.answer] = null; return a; }

  /* The answers a submitted form gives, or an error message. */
  function readAnswer(q, form) {
    if (q.kind === "choice") {
      var picked = form.querySelector("input[type=radio]:checked");
      return picked ? Object.assign({}, q.options[+picked.value].set) : say("choose-one");
    }
    if (q.kind === "date") {
      var d = form.querySelector("[name=day]").value.trim(), m = form.querySelector("[name=month]").value.trim(), y = form.querySelector("[name=year]").value.trim();
      if (!/^\d{1,2}$/.test(d) || !/^\d{1,2}$/.test(m) || !/^\d{4}$/.test(y)) return say("date-digits");
      if (+m < 1 || +m > 12 || +d < 1 || +d > daysIn(+y, +m) || +y < 1900) return say("date-impossible");
      var out = {}; out[q.answer] = iso(+y, +m, +d); return out;
    }
    var read = core.readNumber(form.querySelector("[name=number]").value, "people");
    if (read.error) return read.error;
    var n = read.value, a = answers();
    if (n > rules.max_workers) return say("too-many", { max: core.group(rules.max_workers) });
    if (q.answer === "total_workers" && n < 1) return say("no-workers");
    if (q.answer === "qualifying_workers" && a.total_workers !== null && a.total_workers !== undefined && n > a.total_workers) {
      return say("more-than-total", { total: a.total_workers });
    }
    var res = {}; res[q.answer] = n; return res;
  }

  /* --- the browser's history: one entry for the whole check (entry: 1), added by the first answer
   * and replaced by the next: Back goes to the first question, then out; two presses at most. An
   * entry holds how many answers count, never the answers. */
  function onOwnEntry() { return !!(history.state && history.state.entry === 1); }

  function remember() {
    var state = { kiemTra: depth, entry: 1 };
    if (onOwnEntry()) history.replaceState(state, "");
    else history.pushState(state, "");
  }

  function answer(q, set) {
    given[q.id] = set;
    trail = trail.slice(0, depth).concat([q.id]);
    depth = trail.length;
    remember();
    current(true);
  }

  function current(focus) {
    var q = nextQuestion();
    render(q ? askScreen(q) : resultScreen(), focus);
  }

  /* One question back; back at the first question, the check's own entry is left too (popstate). */
  function goBack() {
    if (depth > 1 || !onOwnEntry()) {
      depth = Math.max(depth - 1, 0);
      if (onOwnEntry()) remember();
      current(true);
    } else {
      history.back();
    }
  }

  /* A link followed from the check's own entry leaves from the entry before it (Back, then go):
   * from the page it opens, Back shows the check's first question and Back again returns to where
   * the person came from, never a third press for an entry whose answers are gone. */
  var leaving = null;
  root.addEventListener("click", function (event) {
    var a = event.target.closest ? event.target.closest("a[href]") : null;
    if (!a || !onOwnEntry() || event.defaultPrevented || event.button !== 0) return;
    if (event.ctrlKey || event.metaKey || event.shiftKey || event.altKey) return;
    event.preventDefault();
    leaving = a.href;
    history.back();
  });

  /* Browser back and forward. */
  window.addEventListener("popstate", function (event) {
    if (leaving) { var href = leaving; leaving = null; location.assign(href); return; }
    var state = event.state && typeof event.state.kiemTra === "number" ? event.state.kiemTra : 0;
    depth = Math.min(state, trail.length);
    current(true);
  });

  /* Links from a result open in the same tab, like every link of the site; the browser's back
   * button returns to the result. */
  function link(href, text, cls) { return el("a", { href: href, "class": cls || "" }, [text]); }

  function citeLink(cite) { return link(cite.href, cite.text, "tool-cite"); }

  /* --- where to go: the offices of the unit the person picks (kept in memory only) */

  var commune = null;

  function unitById(id) {
    for (var g = 0; g < rules.communes.length; g++) {
      var found = rules.communes[g].units.filter(function (u) { return u.id === id; })[0];
      if (found) return found;
    }
    return null;
  }

  /* On the national site, no list of units: the province the person picks ({slug, name}). */
  var province = null;

  /* The office's name for the picked unit (Công an phường Hàm Rồng), else the general label,
   * with the picked province on the national site. */
  function contactName(contact) {
    if (!contact.finder) return contact.label;
    if (commune) {
      if (contact.agency === "cong-an-xa") return say("police", { unit: commune.place });
      if (contact.agency === "ubnd-xa") return say("committee", { unit: commune.place });
      if (contact.agency === "nhcsxh-phong-giao-dich") return commune.vbsp || say("office-serving", { office: contact.label, place: commune.place });
      return contact.label;
    }
    return province ? say("office-in-province", { office: contact.label, province: province.name }) : contact.label;
  }

  /* The finder; on the national site, for the picked province (its units first). */
  function finderHref() {
    return province ? rules.finder + "?tinh=" + encodeURIComponent(province.slug) : rules.finder;
  }

  function fillContact(line, contact) {
    line.replaceChildren(el("strong", { text: say("ask") + " " }), contactName(contact) + ". ");
    if (contact.finder) line.appendChild(link(finderHref(), say("find-this")));
  }

  function refillContacts(screen) {
    screen.querySelectorAll("[data-contact]").forEach(function (line) { fillContact(line, rules.contacts[line.dataset.contact]); });
  }

  function contactLine(id) {
    var line = el("p", { "class": "tool-ask", "data-contact": id });
    fillContact(line, rules.contacts[id]);
    return line;
  }

  function communePicker(screen) {
    if (!rules.communes.length) return null;
    var select = el("select", { id: "kiem-tra-xa", "aria-describedby": "kiem-tra-xa-hint" });
    select.appendChild(el("option", { value: "", text: say("not-chosen") }));
    rules.communes.forEach(function (g) {
      var group = el("optgroup", { label: g.label });
      g.units.forEach(function (u) { group.appendChild(el("option", { value: u.id, text: capital(u.place) })); });
      select.appendChild(group);
    });
    if (commune) select.value = commune.id;
    select.addEventListener("change", function () {
      commune = unitById(select.value);
      refillContacts(screen);
    });
    return el("div", { "class": "tool-commune" }, [
      el("label", { "for": "kiem-tra-xa", text: say("which-commune") }),
      el("p", { "class": "tool-hint", id: "kiem-tra-xa-hint", text: say("which-commune-hint") }),
      select,
      el("p", { "class": "tool-hint" }, [
        document.createTextNode(say("old-name-only") + " "),
        link(rules.finder, say("find-by-old-name"))
      ])
    ]);
  }

  function capital(text) { return text.charAt(0).toUpperCase() + text.slice(1); }

  /* The national site: no units in the page; the person may pick a province for the finder. */
  function provinceChooser(screen) {
    if (!rules.provinces.length) return null;
    var select = el("select", { id: "kiem-tra-tinh", "aria-describedby": "kiem-tra-tinh-hint" });
    select.appendChild(el("option", { value: "", text: say("not-chosen") }));
    rules.provinces.forEach(function (p) { select.appendChild(el("option", { value: p.slug, text: capital(p.name) })); });
    if (province) select.value = province.slug;
    var go = link(finderHref(), "", "tool-finder-link");
    function named() {
      go.href = finderHref();
      go.textContent = province ? say("find-in-province", { province: province.name }) : say("find-commune");
    }
    named();
    select.addEventListener("change", function () {
      province = rules.provinces.filter(function (p) { return p.slug === select.value; })[0] || null;
      named();
      refillContacts(screen);
    });
    return el("div", { "class": "tool-commune" }, [
      el("p", { text: say("where-to-go") }),
      el("label", { "for": "kiem-tra-tinh", text: say("which-province") }),
      el("p", { "class": "tool-hint", id: "kiem-tra-tinh-hint", text: say("which-province-hint") }),
      select,
      el("p", {}, [go])
    ]);
  }

  /* Whether security is needed, and exactly when: above the threshold, none at or below it. */
  function securityWords(r) {
    var limit = r.threshold === null ? null : { threshold: moneyShort(r.threshold) };
    if (r.collateral === null) return limit ? say("security-unknown-above", limit) : say("security-unknown");
    if (r.collateral) return limit ? say("security-needed-above", limit) : say("security-needed");
    return limit ? say("security-not-needed-up-to", limit) : say("security-not-needed");
  }

  /* The reasons by status, in this order, each group under its heading (words "group-<status>"). */
  var GROUPS = ["not_met", "unknown", "pending", "met", "info"];
  /* When the answer is yes (or yes once on the list), what to do comes first; otherwise the reasons. */
  var STEPS_FIRST = { eligible: true, eligible_pending_list: true, eligible_pending_plan: true };

  function resultScreen() {
    var a = answers(), asOf = today(), r = evaluate(rules, a, asOf);
    var screen = el("section", {
      "class": "tool-result tool-result--" + r.outcome,
      "data-outcome": r.outcome,
      "data-max-amount": r.amount === null ? "" : String(r.amount),
      "data-collateral": r.collateral === null ? "" : String(r.collateral),
      "aria-live": "polite"
    });
    var heading = rules.outcomes[r.outcome];
    screen.appendChild(backButton());
    screen.appendChild(el("h2", { text: heading.title }));
    screen.appendChild(el("p", { text: heading.text }));
    if (r.outcome !== "not_eligible") {
      var facts = el("dl", { "class": "tool-summary" });
      facts.appendChild(el("dt", { text: say("max-amount") }));
      facts.appendChild(el("dd", { "data-field": "amount", text: r.amount === null ? say("amount-unknown") : r.per === "month" ? say("amount-per-month", { amount: moneyWords(r.amount) }) : moneyWords(r.amount) }));
      facts.appendChild(el("dt", { text: say("security") }));
      facts.appendChild(el("dd", { "data-field": "collateral", text: securityWords(r) }));
      screen.appendChild(facts);
      if (r.papers && rules.papers[r.papers]) {
        screen.appendChild(el("p", { "class": "tool-papers" }, [link(rules.papers[r.papers], say("papers"))]));
      }
    }
    if (a.applicant === "individual") {
      var where = rules.communes.length ? communePicker(screen) : provinceChooser(screen);
      if (where) screen.appendChild(where);
    }
    /* After a "no", the questions not yet asked are not listed as unknown: they were skipped. */
    var skipped = r.reasons.filter(function (x) { return x.asked === false; });
    if (r.outcome === "not_eligible") r.reasons = r.reasons.filter(function (x) { return x.asked !== false; });
    function reasons() {
      GROUPS.forEach(function (status) {
        var items = r.reasons.filter(function (x) { return x.status === status; });
        if (!items.length) return;
        screen.appendChild(el("h3", { text: say("group-" + status) }));
        var list = el("ul", { "class": "tool-reasons", "data-status": status });
        items.forEach(function (x) {
          var li = el("li", { "data-reason": x.id }, [el("p", { "class": "tool-reason-text", text: x.text }), el("p", { "class": "tool-basis" }, [say("basis") + " ", citeLink(x.cite)])]);
          if (x.ask) li.appendChild(contactLine(x.ask));
          if (x.then) li.appendChild(el("p", { "class": "tool-then", text: x.then }));
          list.appendChild(li);
        });
        screen.appendChild(list);
      });
      if (r.outcome === "not_eligible" && skipped.length) {
        screen.appendChild(el("p", { "class": "tool-note", text: say("not-asked") }));
      }
    }
    function steps() {
      if (!r.steps.length) return;
      screen.appendChild(el("h3", { text: say("next-steps") }));
      var list = el("ol", { "class": "tool-steps" });
      r.steps.forEach(function (s) {
        var li = el("li", {}, [el("p", { text: s.text }), el("p", { "class": "tool-basis" }, [say("basis") + " ", citeLink(s.cite)])]);
        if (s.contact) li.appendChild(contactLine(s.contact));
        list.appendChild(li);
      });
      screen.appendChild(list);
    }
    if (STEPS_FIRST[r.outcome]) { steps(); reasons(); } else { reasons(); steps(); }
    var again = el("button", { type: "button", "class": "md-button", text: say("again") });
    again.addEventListener("click", function () {
      trail = []; depth = 0; given = {};
      if (onOwnEntry()) history.back();
      else current(true);
    });
    screen.appendChild(el("div", { "class": "tool-buttons" }, [again]));
    screen.appendChild(el("p", { "class": "tool-note", text: say("as-of", { date: dateVi(asOf) }) }));
    return screen;
  }

  /* Leaving the page, or back to it from the back/forward cache: no answer kept, the first question. */
  core.forget(function () { trail = []; depth = 0; given = {}; commune = null; province = null; current(false); });
  root.hidden = false;
  /* Reloaded on the check's own entry: it stays the one later answers replace. */
  history.replaceState(onOwnEntry() ? { kiemTra: 0, entry: 1 } : { kiemTra: 0 }, "");
  current(false);
})(typeof module === "object" && module.exports ? Object.assign({}, require("./core.js"), require("./muc-vay.js")) : window.qd22);
