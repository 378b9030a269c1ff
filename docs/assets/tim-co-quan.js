/* Office finder (cong-cu/tim-co-quan). Plain JavaScript: nothing is fetched, stored or sent.
 *
 * A person types the name of their unit, today's or the one before 1 July 2025, with or without
 * diacritics, with or without its type ("xã", "thị trấn", "tt") and its former district
 * ("Xã Nga Thanh, Huyện Nga Sơn", "nga thanh nga son", "thi tran quan lao"). Each result says
 * in words which unit of today holds it ("Xã Nga Thanh (huyện Nga Sơn cũ) nay thuộc xã Nga Sơn"),
 * then shows that unit's card, cloned from the page's <template id="tim-co-quan-card">.
 * The data (macros/render/finder.py, finder_payload) holds every word once; records are lists
 * of indexes. Names are compared folded like macros/text.py fold(); a query typed with
 * diacritics ranks the unit spelled exactly so first (Nga Thành before Nga Thanh).
 * ?q= in the page's address fills the box and shows the results (an official can send a link). */
(function () {
  "use strict";

  var root = document.getElementById("tim-co-quan");
  var source = document.getElementById("tim-co-quan-data");
  var template = document.getElementById("tim-co-quan-card");
  if (!root || !source || !template || !template.content) return;
  var cfg = JSON.parse(source.textContent);
  var input = document.getElementById("tim-co-quan-q");
  var form = document.getElementById("tim-co-quan-form");
  var count = document.getElementById("tim-co-quan-count");
  var results = document.getElementById("ket-qua");
  var OPEN = 3; /* at most this many results open at once; more are listed closed */
  var SHOWN = 30;
  /* How people shorten the types: "TT. Quán Lào", "TP Thanh Hóa", "H. Nga Sơn". */
  var SHORT = { "thị trấn": ["tt"], "thành phố": ["tp"], "thị xã": ["tx"], "huyện": ["h"], "phường": ["p"], "quận": ["q"], "xã": ["x"] };

  function fold(text) {
    return text.replace(/đ/g, "d").replace(/Đ/g, "D").normalize("NFD").replace(/[\u0300-\u036f]/g, "").toLowerCase();
  }
  /* Words folded, punctuation gone: "Xã Nga Thanh, Huyện Nga Sơn" -> "xa nga thanh huyen nga son". */
  function words(text) {
    return fold(text).replace(/[^a-z0-9]+/g, " ").trim();
  }
  /* Words as typed, diacritics kept: to prefer the exact spelling among names that fold alike. */
  function toneWords(text) {
    return " " + text.normalize("NFC").toLowerCase().replace(/[^\p{L}\p{N}]+/gu, " ").trim() + " ";
  }
  function capital(text) {
    return text.charAt(0).toUpperCase() + text.slice(1);
  }

  /* Built on the first question, not while the page is still being read (this script runs where
   * the finder stands, before the text after it is parsed). */
  var types, districts, units, former;
  function prepare() {
    if (units) return;
    types = cfg.types.map(function (word) {
      return { word: word, forms: [words(word)].concat(SHORT[word] || []) };
    });
    districts = cfg.districts.map(function (d) {
      return { name: d[0], t: d[1], key: words(d[0]) };
    });
    units = cfg.units.map(function (u, i) {
      return { index: i, id: u[0], name: u[1], t: u[2], code: u[3], key: words(u[1]), tone: toneWords(u[1]), parts: [] };
    });
    former = cfg.former.map(function (f, i) {
      var becomes = typeof f[3] === "number" ? [f[3]] : f[3];
      var unit = { index: i, name: f[0], t: f[1], d: districts[f[2]], becomes: becomes, key: words(f[0]), tone: toneWords(f[0]) };
      becomes.forEach(function (b) { units[b].parts.push(unit); });
      return unit;
    });
  }

  function typeWord(t) { return types[t].word; }
  function unitWords(u) { return typeWord(u.t) + " " + u.name; }
  function districtWords(d) { return typeWord(d.t) + " " + d.name; }

  /* The rest of `q` after the type word `t` ("xa nga thanh" -> "nga thanh"), or null. */
  function afterType(q, t) {
    var forms = types[t].forms;
    for (var i = 0; i < forms.length; i++) {
      if (q.indexOf(forms[i] + " ") === 0) return q.slice(forms[i].length + 1);
    }
    return null;
  }

  /* 0: the name (and the district, if typed) exactly; 1: what is typed so far starts it;
   * 2: a later word of the name starts with it; -1: no match. */
  function rankRest(rest, unit) {
    if (!rest) return -1;
    if (rest === unit.key) return 0;
    if (rest.indexOf(unit.key + " ") === 0) {
      if (!unit.d) return -1;
      var tail = rest.slice(unit.key.length + 1).replace(/ cu$/, "");
      var bare = afterType(tail, unit.d.t);
      var best = -1;
      [tail, bare].forEach(function (t) {
        if (t === null || !t) return;
        var r = t === unit.d.key ? 0 : unit.d.key.indexOf(t) === 0 ? 1 : -1;
        if (r >= 0 && (best < 0 || r < best)) best = r;
      });
      return best;
    }
    if (unit.key.indexOf(rest) === 0) return 1;
    if (rest.length >= 2 && unit.key.indexOf(" " + rest) > 0) return 2;
    return -1;
  }

  function rank(queries, unit) {
    var best = -1;
    queries.forEach(function (q) {
      [q, afterType(q, unit.t)].forEach(function (rest) {
        if (rest === null) return;
        var r = rankRest(rest, unit);
        if (r >= 0 && (best < 0 || r < best)) best = r;
      });
    });
    return best;
  }

  /* The query as the units' words: without the province ("..., Tỉnh Thanh Hóa") or "cũ". */
  function queries(query) {
    var parts = query.split(/[,;]/);
    var province = cfg.province;
    while (parts.length > 1 && [province, "tinh " + province].indexOf(words(parts[parts.length - 1])) >= 0) parts.pop();
    var q = words(parts.join(" ")).replace(/ cu$/, "");
    var out = q ? [q] : [];
    var shorter = q.replace(new RegExp(" (tinh )?" + province + "$"), "");
    if (shorter && shorter !== q) out.push(shorter);
    return out;
  }

  function search(query) {
    prepare();
    var qs = queries(query);
    if (!qs.length) return null;
    var typed = toneWords(query);
    var hits = [];
    function consider(unit, kind, order) {
      var r = rank(qs, unit);
      if (r >= 0) hits.push({ unit: unit, kind: kind, rank: r, exact: typed.indexOf(unit.tone) >= 0 ? 0 : 1, order: order });
    }
    units.forEach(function (u, i) { consider(u, "today", i); });
    former.forEach(function (f, i) { consider(f, "former", units.length + i); });
    hits.sort(function (a, b) { return a.rank - b.rank || a.exact - b.exact || a.order - b.order; });
    return hits;
  }

  function el(tag, text, attrs) {
    var node = document.createElement(tag);
    if (text !== undefined && text !== null) node.textContent = text;
    Object.keys(attrs || {}).forEach(function (k) { node.setAttribute(k, attrs[k]); });
    return node;
  }

  function fill(node, slot, text) {
    node.querySelectorAll('[data-slot="' + slot + '"]').forEach(function (n) { n.textContent = text; });
  }

  /* "Trước ngày 01/07/2025 gồm: xã Nga Thanh, thị trấn Nga Sơn (huyện Nga Sơn cũ); một phần ..." */
  function formerWords(u) {
    var groups = [];
    u.parts.forEach(function (p) {
      var last = groups[groups.length - 1];
      if (!last || last.d !== p.d) groups.push(last = { d: p.d, names: [] });
      last.names.push((p.becomes.length > 1 ? "một phần " : "") + unitWords(p));
    });
    return groups.map(function (g) { return g.names.join(", ") + " (" + districtWords(g.d) + " cũ)"; }).join("; ");
  }

  function card(u) {
    var node = template.content.firstElementChild.cloneNode(true);
    node.setAttribute("data-unit", u.id);
    fill(node, "title", capital(unitWords(u)));
    fill(node, "police", "Công an " + unitWords(u));
    fill(node, "committee", "Ủy ban nhân dân " + unitWords(u));
    var made = node.querySelector('[data-slot="former"]');
    if (u.parts.length && cfg.reform) made.textContent = "Trước ngày " + cfg.reform + " gồm: " + formerWords(u) + ".";
    else made.remove();
    var leads = cfg.leads[String(u.index)];
    var place = node.querySelector('[data-slot="leads"]');
    if (leads) {
      node.querySelector('[data-slot="no-lead"]').remove();
      leads.forEach(function (lead) {
        var p = el("p");
        p.appendChild(el("strong", lead[0]));
        p.appendChild(document.createTextNode(". " + lead[1] + " ("));
        p.appendChild(el("a", "nguồn", { href: lead[2] }));
        p.appendChild(document.createTextNode(")"));
        place.appendChild(p);
      });
    } else {
      place.remove();
    }
    return node;
  }

  function answer(hit) {
    var u = hit.unit;
    if (hit.kind === "today") {
      return capital(unitWords(u)) + " là " + typeWord(u.t) + " hiện nay" + (cfg.reform ? " (từ ngày " + cfg.reform + ")." : ".");
    }
    var now = u.becomes.map(function (b) { return unitWords(units[b]); });
    var said = capital(unitWords(u)) + " (" + districtWords(u.d) + " cũ) nay thuộc ";
    if (now.length === 1) return said + now[0] + ".";
    return said + now.slice(0, -1).join(", ") + " và " + now[now.length - 1] + ": mỗi nơi nhận một phần.";
  }

  function result(hit, open) {
    var box = el("details", null, { "class": "finder-result" });
    if (open) box.open = true;
    box.appendChild(el("summary", answer(hit), { "class": "finder-answer" }));
    var today = hit.kind === "today" ? [hit.unit] : hit.unit.becomes.map(function (b) { return units[b]; });
    if (today.length > 1) {
      box.appendChild(el("p", "Hãy hỏi Công an hoặc Ủy ban nhân dân của một trong các nơi trên xem nơi bạn ở nay thuộc nơi nào.", { "class": "finder-divided" }));
    }
    today.forEach(function (u) { box.appendChild(card(u)); });
    return box;
  }

  /* Several former units share the name typed and no district narrows them: say so, with how to narrow. */
  function ambiguity(hits) {
    var same = hits.filter(function (h) { return h.kind === "former" && h.rank === 0; });
    var named = {};
    same.forEach(function (h) { named[h.unit.d.key] = true; });
    if (Object.keys(named).length < 2) return "";
    var rural = same.filter(function (h) { return typeWord(h.unit.d.t) === "huyện"; })[0] || same[0];
    return " Có " + same.length + " xã, phường, thị trấn cũ tên như vậy, ở các huyện, thị xã, thành phố cũ khác nhau. " +
      "Gõ thêm tên huyện cũ để thu hẹp, ví dụ “" + rural.unit.name + ", " + rural.unit.d.name + "”.";
  }

  function show(query) {
    var hits = search(query);
    results.replaceChildren();
    if (hits === null) { count.textContent = ""; return; }
    if (!hits.length) {
      count.textContent = "Không tìm thấy xã, phường, thị trấn nào có tên như vậy. Hãy thử gõ ít chữ hơn, hoặc xem danh sách bên dưới.";
      return;
    }
    var open = hits.length <= OPEN;
    count.textContent = "Tìm thấy " + hits.length + " kết quả." + ambiguity(hits) +
      (hits.length > SHOWN ? " Dưới đây là " + SHOWN + " kết quả đầu; gõ thêm chữ để thu hẹp." : "") +
      (open ? "" : " Chạm vào một dòng để xem nơi liên hệ.");
    hits.slice(0, SHOWN).forEach(function (hit) { results.appendChild(result(hit, open)); });
    var share = el("p", null, { "class": "finder-share" });
    share.appendChild(el("a", "Đường dẫn đến kết quả này", { href: "?q=" + encodeURIComponent(query.trim()) }));
    results.appendChild(share);
  }

  input.addEventListener("input", function () { show(input.value); });
  form.addEventListener("submit", function (event) {
    event.preventDefault();
    show(input.value);
  });
  /* ?q= is this page's question. Material's search reads ?q= too, when its script starts (it is
   * deferred, so after this one), and would open its own search box over the page: it sees the
   * address without q, which comes back once the page has loaded, for the reader to copy. */
  var address = window.location.href;
  var params = new URLSearchParams(window.location.search);
  var asked = params.get("q");
  if (asked !== null && window.history && history.replaceState) {
    params.delete("q");
    var rest = params.toString();
    history.replaceState(history.state, "", window.location.pathname + (rest ? "?" + rest : "") + window.location.hash);
    window.addEventListener("load", function () { history.replaceState(history.state, "", address); });
  }
  if (asked) {
    input.value = asked;
    show(asked);
  }
  root.hidden = false;
})();
