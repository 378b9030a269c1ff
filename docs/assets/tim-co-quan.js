/* Office finder (cong-cu/tim-co-quan; README, "Units before and after 1 July 2025"). A name of
 * today or before 1 July 2025, with or without diacritics, type and former district, is answered in
 * words, then with the card of the unit of today (<template id="tim-co-quan-card">). Names come from
 * the data (macros/render/finder.py finder_payload; on the national site fetched per province,
 * macros/outputs/finder_data.py), every other word from the page (finder_words.html); folding is
 * core.js's. ?q= fills the box; ?tinh= names the province. Nothing is stored or sent. */
(function () {
  "use strict";

  var root = document.getElementById("tim-co-quan");
  var source = document.getElementById("tim-co-quan-data");
  var template = document.getElementById("tim-co-quan-card");
  var core = window.qd22;
  if (!root || !source || !template || !template.content || !core) return;
  var cfg = JSON.parse(source.textContent);
  var national = cfg.national === true;
  var input = document.getElementById("tim-co-quan-q");
  var form = document.getElementById("tim-co-quan-form");
  var count = document.getElementById("tim-co-quan-count");
  var results = document.getElementById("ket-qua");
  var OPEN = 3; /* at most this many results open at once; more are listed closed */
  var SHOWN = 30;
  var MAX_PROVINCES = 4; /* a name in more provinces than this: the person picks one first */
  /* How people shorten the types (folded): "TT. Quán Lào", "TP Thanh Hóa", "H. Nga Sơn". */
  var SHORT = { "thi tran": ["tt"], "thanh pho": ["tp"], "thi xa": ["tx"], "huyen": ["h"], "phuong": ["p"], "quan": ["q"], "xa": ["x"] };
  var UNIT_TYPES = ["thi tran", "dac khu", "phuong", "xa", "tt", "p", "x"];

  var words = core.foldWords, compact = core.compact;
  /* Words as typed, diacritics kept: to prefer the exact spelling among names that fold alike. */
  function toneWords(text) {
    return " " + text.normalize("NFC").toLowerCase().replace(/[^\p{L}\p{N}]+/gu, " ").trim() + " ";
  }
  function capital(text) {
    return text.charAt(0).toUpperCase() + text.slice(1);
  }
  var say = core.words("tim-co-quan-words");
  function listWords(names) {
    return names.length > 1 ? say("and", { list: names.slice(0, -1).join(", "), last: names[names.length - 1] }) : names.join("");
  }

  /* --- one province's units, ready to search */

  /* Built on the first question, not while the page is read; `place`: the national site's province. */
  function prepare(data, place) {
    var book = { place: place || null, leads: data.leads, reform: data.reform, province: data.province, contacts: data.contacts };
    book.types = data.types.map(function (word) {
      return { word: word, forms: [words(word)].concat(SHORT[words(word)] || []) };
    });
    var olds = data.old_provinces || [];
    book.districts = data.districts.map(function (d) {
      return { name: d[0], t: d[1], oldProvince: d.length > 2 ? olds[d[2]] : null, key: words(d[0]), book: book };
    });
    book.units = data.units.map(function (u, i) {
      var key = words(u[1]);
      return { book: book, index: i, id: u[0], name: u[1], t: u[2], code: u[3], key: key, compact: compact(key), tone: toneWords(u[1]), parts: [] };
    });
    book.former = data.former.map(function (f, i) {
      var becomes = typeof f[3] === "number" ? [f[3]] : f[3];
      var key = words(f[0]);
      var unit = { book: book, index: i, name: f[0], t: f[1], d: book.districts[f[2]], becomes: becomes, key: key, compact: compact(key), tone: toneWords(f[0]) };
      becomes.forEach(function (b) { book.units[b].parts.push(unit); });
      return unit;
    });
    /* A former island district that had no commune-level unit: found by its own name. */
    (data.islands || []).forEach(function (island) {
      var d = book.districts[island[0]];
      var unit = { book: book, index: book.former.length, name: d.name, t: d.t, d: null, island: d, becomes: island[1], key: d.key, compact: compact(d.key), tone: toneWords(d.name) };
      island[1].forEach(function (b) { book.units[b].parts.push(unit); });
      book.former.push(unit);
    });
    /* Since 1 July 2025: a unit's earlier names (newest first), and units that ended, found by those names. */
    book.changed = [];
    Object.keys(data.earlier || {}).forEach(function (i) {
      var u = book.units[Number(i)];
      u.earlier = data.earlier[i].map(function (e) { return { date: e[0], t: e[1], name: e[2] }; });
      u.earlier.forEach(function (e) {
        book.changed.push({ book: book, kind: "earlier", name: e.name, t: e.t, date: e.date, d: null, becomes: [u.index], key: words(e.name), compact: compact(words(e.name)), tone: toneWords(e.name) });
      });
    });
    (data.ended || []).forEach(function (e) {
      book.changed.push({ book: book, kind: "ended", name: e[0], t: e[1], date: e[2], d: null, becomes: e[3], key: words(e[0]), compact: compact(words(e[0])), tone: toneWords(e[0]) });
    });
    return book;
  }

  function typeWord(u) { return u.book.types[u.t].word; }
  function unitWords(u) { return typeWord(u) + " " + u.name; }
  function districtWords(d) { return d.book.types[d.t].word + " " + d.name; }
  /* "huyện Nga Sơn cũ"; on the national site, when today's province was made of several,
   * "huyện Đồng Văn, tỉnh Hà Giang cũ". */
  function formerPlace(u) {
    var d = u.d || u.island;
    var place = u.d ? districtWords(d) : "";
    if (national && d.oldProvince) place += (place ? ", " : "") + d.oldProvince;
    return place ? say("former", { place: place }) : "";
  }
  function inProvince(book) { return national && book.place ? ", " + book.place.fullName : ""; }

  /* The rest of `q` after the type word `t` ("xa nga thanh" -> "nga thanh"), or null. */
  function afterType(q, book, t) {
    var forms = book.types[t].forms;
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
    var joined = compact(rest);
    if (joined === unit.compact) return 0;
    if (rest.indexOf(unit.key + " ") === 0) {
      if (!unit.d) return -1;
      var tail = rest.slice(unit.key.length + 1).replace(/ cu$/, "");
      var bare = afterType(tail, unit.book, unit.d.t);
      var best = -1;
      [tail, bare].forEach(function (t) {
        if (t === null || !t) return;
        var r = t === unit.d.key ? 0 : unit.d.key.indexOf(t) === 0 ? 1 : -1;
        if (r >= 0 && (best < 0 || r < best)) best = r;
      });
      return best;
    }
    if (unit.key.indexOf(rest) === 0 || (joined.length >= 3 && unit.compact.indexOf(joined) === 0)) return 1;
    if (rest.length >= 2 && unit.key.indexOf(" " + rest) > 0) return 2;
    return -1;
  }

  function rank(queries, unit) {
    var best = -1;
    queries.forEach(function (q) {
      [q, afterType(q, unit.book, unit.t)].forEach(function (rest) {
        if (rest === null) return;
        var r = rankRest(rest, unit);
        if (r >= 0 && (best < 0 || r < best)) best = r;
      });
    });
    return best;
  }

  /* The query as the units' words: without the province ("..., Tỉnh Thanh Hóa") or "cũ". */
  function provinceQueries(query, province) {
    var parts = query.split(/[,;]/);
    while (parts.length > 1 && [province, "tinh " + province].indexOf(words(parts[parts.length - 1])) >= 0) parts.pop();
    var q = words(parts.join(" ")).replace(/ cu$/, "");
    var out = q ? [q] : [];
    var shorter = q.replace(new RegExp(" (tinh )?" + province + "$"), "");
    if (shorter && shorter !== q) out.push(shorter);
    return out;
  }

  function searchBook(book, qs, typed, order) {
    var hits = [];
    function consider(unit, kind, at) {
      var r = rank(qs, unit);
      if (r >= 0) hits.push({ unit: unit, kind: kind, rank: r, exact: typed.indexOf(unit.tone) >= 0 ? 0 : 1, order: order * 100000 + at });
    }
    book.units.forEach(function (u, i) { consider(u, "today", i); });
    book.former.forEach(function (f, i) { consider(f, "former", book.units.length + i); });
    book.changed.forEach(function (c, i) { consider(c, c.kind, book.units.length + book.former.length + i); });
    /* An earlier name that today's name matches as well (only the type changed) adds nothing. */
    var today = {};
    hits.forEach(function (h) { if (h.kind === "today") today[h.unit.index] = h.rank; });
    return hits.filter(function (h) { return !(h.kind === "earlier" && today[h.unit.becomes[0]] !== undefined && today[h.unit.becomes[0]] <= h.rank); });
  }

  function sorted(hits) {
    return hits.sort(function (a, b) { return a.rank - b.rank || a.exact - b.exact || a.order - b.order; });
  }

  /* --- showing results */

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
      if (p.island) { groups.push({ words: unitWords(p) + (formerPlace(p) ? " (" + formerPlace(p) + ")" : "") }); return; }
      var last = groups[groups.length - 1];
      if (!last || last.d !== p.d) groups.push(last = { d: p.d, p: p, names: [] });
      last.names.push(p.becomes.length > 1 ? say("part-of", { unit: unitWords(p) }) : unitWords(p));
    });
    return groups.map(function (g) { return g.words || g.names.join(", ") + " (" + formerPlace(g.p) + ")"; }).join("; ");
  }

  /* What the offices gave (render/contacts.py finder_contacts), a line each, with who gave it and when. */
  var lineTemplate = document.getElementById("tim-co-quan-line");
  function contactLine(value) {
    var line = lineTemplate.content.firstElementChild.cloneNode(true);
    var source = line.querySelector(".contact-source");
    line.setAttribute("data-kind", value[0]);
    line.replaceChildren(document.createTextNode(say("contact-" + value[0]) + ": "));
    var tel = core.safeHref(value[4], ["tel"]);
    line.appendChild(tel ? el("a", value[1], { "class": "tel-link", href: tel }) : document.createTextNode(value[1]));
    line.appendChild(document.createTextNode(" "));
    source.textContent = say("contact-source", { provider: value[2], date: value[3] });
    line.appendChild(source);
    return line;
  }
  function contacts(node, u) {
    var known = (u.book.contacts || {})[String(u.index)] || [];
    var days = false;
    known.forEach(function (body) {
      var spot = node.querySelector('[data-contacts="' + body[0] + '"]');
      if (!spot) return;
      body[1].forEach(function (value) {
        spot.appendChild(contactLine(value));
        if (value[0] === "days") days = true;
      });
    });
    node.querySelectorAll("[data-contacts]").forEach(function (spot) { if (!spot.firstChild) spot.remove(); });
    if (days) node.querySelector('[data-slot="no-days"]').remove();
    node.querySelector('[data-slot="' + (known.length ? "missing-all" : "missing-some") + '"]').remove();
  }

  function card(u) {
    var node = template.content.firstElementChild.cloneNode(true);
    contacts(node, u);
    node.setAttribute("data-unit", u.id);
    fill(node, "title", capital(unitWords(u)));
    fill(node, "police", say("police", { unit: unitWords(u) }));
    fill(node, "committee", say("committee", { unit: unitWords(u) }));
    var place = node.querySelector('[data-slot="province"]');
    var page = u.book.place ? core.safeHref(u.book.place.page) : null;
    if (place && page) {
      place.textContent = say("province-units", { province: capital(u.book.place.fullName) });
      place.setAttribute("href", page);
    } else if (place) {
      place.parentNode.remove();
    }
    var before = node.querySelector('[data-slot="earlier"]');
    if (before && u.earlier) {
      before.textContent = u.earlier.map(function (e) { return say("earlier", { date: e.date, unit: u.book.types[e.t].word + " " + e.name }); }).join(" ");
    } else if (before) {
      before.remove();
    }
    var made = node.querySelector('[data-slot="former"]');
    if (u.parts.length && u.book.reform) made.textContent = say("made-of", { date: u.book.reform, parts: formerWords(u) });
    else made.remove();
    var leads = u.book.leads[String(u.index)];
    var spot = node.querySelector('[data-slot="leads"]');
    if (leads) {
      node.querySelector('[data-slot="no-lead"]').remove();
      leads.forEach(function (lead) {
        var p = el("p");
        var href = core.safeHref(lead[2]);
        p.append.apply(p, say.parts("lead", { office: el("strong", lead[0]), said: lead[1], source: href ? el("a", say("source"), { href: href }) : say("source-unlinked", { name: lead[3], why: lead[4] }) }));
        spot.appendChild(p);
      });
    } else {
      spot.remove();
    }
    return node;
  }

  function answer(hit) {
    var u = hit.unit;
    if (hit.kind === "today") {
      var since = u.earlier ? u.earlier[0].date : u.book.reform;
      return say(since ? "today-since" : "today", { unit: capital(unitWords(u)), place: inProvince(u.book), type: typeWord(u), date: since });
    }
    var now = u.becomes.map(function (b) { return unitWords(u.book.units[b]); });
    if (hit.kind === "earlier" || hit.kind === "ended") {
      return say(hit.kind === "earlier" ? "renamed" : "ended", { old: capital(unitWords(u)), unit: listWords(now), place: inProvince(u.book), date: u.date });
    }
    var where = formerPlace(u);
    var old = where ? say("where", { unit: capital(unitWords(u)), where: where }) : capital(unitWords(u));
    return say(now.length === 1 ? "former-one" : "former-divided", { old: old, unit: listWords(now), place: inProvince(u.book) });
  }

  function result(hit, open) {
    var box = el("details", null, { "class": "finder-result" });
    if (open) box.open = true;
    box.appendChild(el("summary", answer(hit), { "class": "finder-answer" }));
    var book = hit.unit.book;
    var today = hit.kind === "today" ? [hit.unit] : hit.unit.becomes.map(function (b) { return book.units[b]; });
    if (today.length > 1) {
      box.appendChild(el("p", say("divided"), { "class": "finder-divided" }));
    }
    today.forEach(function (u) { box.appendChild(card(u)); });
    return box;
  }

  /* Several former units share the name typed and no district narrows them: say so, with how to narrow. */
  function ambiguity(hits) {
    var same = hits.filter(function (h) { return h.kind === "former" && h.rank === 0 && h.unit.d; });
    var named = {};
    same.forEach(function (h) { named[(h.unit.book.place ? h.unit.book.place.slug : "") + "/" + h.unit.d.key] = true; });
    if (Object.keys(named).length < 2) return "";
    /* the example: a former unit in a rural district ("huyện") if there is one */
    var rural = same.filter(function (h) { return words(h.unit.book.types[h.unit.d.t].word) === "huyen"; })[0] || same[0];
    var provinces = {};
    same.forEach(function (h) { provinces[h.unit.book.place ? h.unit.book.place.slug : ""] = true; });
    var several = Object.keys(provinces).length > 1;
    var example = [rural.unit.name, rural.unit.d.name].concat(several ? [rural.unit.book.place.name] : []).join(", ");
    return say(several ? "ambiguous-provinces" : "ambiguous", { n: same.length, provinces: Object.keys(provinces).length, example: example });
  }

  function shareLink(query) {
    var share = el("p", null, { "class": "finder-share" });
    share.appendChild(el("a", say("share"), { href: "?q=" + encodeURIComponent(query.trim()) }));
    results.appendChild(share);
  }

  function showHits(hits, query) {
    results.replaceChildren();
    if (!hits.length) {
      count.textContent = say("not-found");
      return;
    }
    var open = hits.length <= OPEN;
    count.textContent = [say("found", { n: hits.length }), ambiguity(hits),
      hits.length > SHOWN ? say("first-shown", { n: SHOWN }) : "",
      open ? "" : say("tap-one")].filter(Boolean).join(" ");
    hits.slice(0, SHOWN).forEach(function (hit) { results.appendChild(result(hit, open)); });
    shareLink(query);
  }

  /* --- a province's site: every unit is in the page */

  var only = null;
  function showProvince(query) {
    if (!only) only = prepare(cfg);
    var qs = provinceQueries(query, cfg.province);
    if (!qs.length) { count.textContent = ""; results.replaceChildren(); return; }
    showHits(sorted(searchBook(only, qs, toneWords(query), 0)), query);
  }

  /* --- the national site: the index of names, then the provinces that match */

  var index = null, books = {}, asked = 0;

  function getJSON(url) {
    return fetch(url, { credentials: "same-origin" }).then(function (response) {
      if (!response.ok) throw new Error(url + ": " + response.status);
      return response.json();
    });
  }

  /* macros/render/country.py front_coded(): "0nga son|4thanh" -> "|nga son|nga thanh|". */
  function decoded(coded) {
    var previous = "", out = [];
    coded.split("|").forEach(function (item) {
      if (!item) return;
      previous = previous.slice(0, +item.charAt(0)) + item.slice(1);
      out.push(previous);
    });
    return "|" + out.join("|") + "|";
  }

  function loadIndex() {
    if (!index) {
      index = getJSON(cfg.index).then(function (data) {
        return data.provinces.map(function (p, i) {
          return {
            order: i, slug: p.slug, name: p.name, fullName: p.full_name, page: p.page, written: p.written,
            former: p.former.map(function (f) { return { name: f[0], written: f[1] }; }),
            keys: decoded(p.units), districts: decoded(p.districts)
          };
        });
      });
      index.catch(function () { index = null; });
    }
    return index;
  }

  function loadBook(place) {
    if (!books[place.slug]) {
      books[place.slug] = getJSON(cfg.data + place.slug + ".json").then(function (data) { return prepare(data, place); });
      books[place.slug].catch(function () { delete books[place.slug]; });
    }
    return books[place.slug];
  }

  /* The words typed without a province named at the end and "cũ"; that province, if any. */
  function parse(query, places) {
    var parts = query.split(/[,;]/);
    var named = null, q;
    function naming(text) {
      var best = null;
      function consider(p, w, former) {
        if ((text === w || text.slice(-w.length - 1) === " " + w) && (!best || w.length > best.w.length)) best = { p: p, w: w, former: former };
      }
      places.forEach(function (p) {
        p.written.forEach(function (w) { consider(p, w, null); });
        p.former.forEach(function (f) { f.written.forEach(function (w) { consider(p, w, f); }); });
      });
      return best;
    }
    if (parts.length > 1) {
      var last = words(parts[parts.length - 1]);
      var whole = naming(last);
      if (whole && whole.w === last) { named = whole.p; parts.pop(); }
    }
    q = words(parts.join(" ")).replace(/ cu$/, "");
    if (!named) {
      var tail = naming(q);
      if (tail && tail.w !== q) { named = tail.p; q = q.slice(0, -tail.w.length - 1).replace(/ cu$/, ""); }
    }
    var rests = q ? [q] : [];
    UNIT_TYPES.forEach(function (t) { if (q.indexOf(t + " ") === 0) rests.push(q.slice(t.length + 1)); });
    var alone = named ? null : naming(q);
    return { qs: q ? [q] : [], rests: rests, province: named, alone: alone && alone.w === q ? alone : null };
  }

  /* Only a province's name was typed: say where its units are ("Tỉnh Hà Giang cũ nay thuộc tỉnh
   * Tuyên Quang"), before any unit of that name. */
  function provinceNote(parsed) {
    if (!parsed.alone) return null;
    var place = parsed.alone.p, former = parsed.alone.former;
    var note = el("p", null, { "class": "finder-province-note" });
    if (former) note.appendChild(document.createTextNode(say("province-former", { old: capital(former.name), province: place.fullName }) + " "));
    var page = core.safeHref(place.page);
    note.appendChild(page ? el("a", say("province-units-of", { province: place.fullName }), { href: page }) : el("span", say("province-units-of", { province: place.fullName })));
    return note;
  }

  /* As rankRest for a province's names; a name then a former district of the province counts as the name. */
  var DISTRICT_TYPES = ["thanh pho", "thi xa", "huyen", "quan", "tp", "tx", "h", "q"];
  function inDistricts(place, tail) {
    tail = tail.replace(/ cu$/, "");
    var bare = [tail];
    DISTRICT_TYPES.forEach(function (t) { if (tail.indexOf(t + " ") === 0) bare.push(tail.slice(t.length + 1)); });
    return bare.some(function (b) { return b && place.districts.indexOf("|" + b) >= 0; });
  }
  function probe(place, rest) {
    var keys = place.keys;
    if (!rest) return -1;
    if (keys.indexOf("|" + rest + "|") >= 0) return 0;
    if (!place.compactKeys) place.compactKeys = keys.replace(/ /g, "");
    var joined = compact(rest);
    if (place.compactKeys.indexOf("|" + joined + "|") >= 0) return 0;
    for (var at = rest.indexOf(" "); at > 0; at = rest.indexOf(" ", at + 1)) {
      if (keys.indexOf("|" + rest.slice(0, at) + "|") >= 0 && inDistricts(place, rest.slice(at + 1))) return 0;
    }
    if (keys.indexOf("|" + rest) >= 0 || (joined.length >= 3 && place.compactKeys.indexOf("|" + joined) >= 0)) return 1;
    if (rest.length >= 2 && keys.indexOf(" " + rest) >= 0) return 2;
    return -1;
  }

  function candidates(parsed, places) {
    var found = [];
    (parsed.province ? [parsed.province] : places).forEach(function (p) {
      var best = -1;
      parsed.rests.forEach(function (rest) {
        var r = probe(p, rest);
        if (r >= 0 && (best < 0 || r < best)) best = r;
      });
      if (best >= 0) found.push({ place: p, rank: best });
    });
    var top = Math.min.apply(null, found.map(function (f) { return f.rank; }));
    return { rank: top, places: found.filter(function (f) { return f.rank === top; }).map(function (f) { return f.place; }) };
  }

  /* The name is in many provinces: each a link that adds the province's name to the question. */
  function choose(query, places, exact) {
    results.replaceChildren();
    count.textContent = say(exact ? "choose-exact" : "choose-start", { n: places.length });
    var list = el("ul", null, { "class": "finder-provinces" });
    places.forEach(function (p) {
      var asking = query.trim() + ", " + p.name;
      var item = el("li");
      var link = el("a", capital(p.fullName), { href: "?q=" + encodeURIComponent(asking) });
      link.addEventListener("click", function (event) {
        event.preventDefault();
        input.value = asking;
        show(asking);
        input.focus();
      });
      item.appendChild(link);
      list.appendChild(item);
    });
    results.appendChild(list);
  }

  function failed(error) {
    if (window.console && error) console.error(error);
    results.replaceChildren();
    count.textContent = say("failed");
  }

  /* A province's file is fetched once typing pauses, not for every letter on the way. */
  var PAUSE_MS = 250;
  function pause() {
    return new Promise(function (resolve) { setTimeout(resolve, PAUSE_MS); });
  }

  function showNational(query) {
    var mine = ++asked;
    if (!words(query)) { count.textContent = ""; results.replaceChildren(); return; }
    count.textContent = say("searching");
    loadIndex().then(function (places) {
      if (mine !== asked) return;
      var parsed = parse(query, places);
      if (within && !parsed.province && !parsed.alone) parsed = parse(query + ", " + within.name, places);
      if (!parsed.qs.length) { count.textContent = ""; results.replaceChildren(); return; }
      var found = candidates(parsed, places);
      var note = provinceNote(parsed);
      if (!found.places.length) {
        showHits([], query);
        if (note) { count.textContent = ""; results.prepend(note); }
        return;
      }
      if (found.places.length > MAX_PROVINCES) {
        choose(query, found.places, found.rank === 0);
        if (note) results.prepend(note);
        return;
      }
      var missing = found.places.filter(function (p) { return !books[p.slug]; }).length;
      return (missing ? pause() : Promise.resolve()).then(function () {
        if (mine !== asked) return null;
        return Promise.all(found.places.map(loadBook));
      }).then(function (opened) {
        if (!opened || mine !== asked) return;
        var typed = toneWords(query), hits = [];
        opened.forEach(function (book) { hits = hits.concat(searchBook(book, parsed.qs, typed, book.place.order)); });
        showHits(sorted(hits), query);
        if (note) results.prepend(note);
      });
    }).catch(function (error) { if (mine === asked) failed(error); });
  }

  var show = national ? showNational : showProvince;
  /* ?tinh=<province> alone (the check's result links so): a question that names no province is
   * asked in that one. */
  var within = null;

  input.addEventListener("input", function () { show(input.value); });
  if (national) input.addEventListener("focus", function () { loadIndex().catch(function () {}); });
  form.addEventListener("submit", function (event) {
    event.preventDefault();
    show(input.value);
  });
  /* ?q= is this page's question. Material's search, which starts later, would open on it too: it
   * sees the address without q, which comes back once the page has loaded. */
  var address = window.location.href;
  var params = new URLSearchParams(window.location.search);
  var asking = params.get("q");
  var province = national ? params.get("tinh") : null;
  if (asking !== null && window.history && history.replaceState) {
    params.delete("q");
    var rest = params.toString();
    history.replaceState(history.state, "", window.location.pathname + (rest ? "?" + rest : "") + window.location.hash);
    window.addEventListener("load", function () { history.replaceState(history.state, "", address); });
  }
  if (asking && province) {
    input.value = asking;
    loadIndex().then(function (places) {
      var place = places.filter(function (p) { return p.slug === province; })[0];
      if (place && !parse(asking, places).province) input.value = asking.trim() + ", " + place.name;
      show(input.value);
    }, function () { show(asking); });
  } else if (asking) {
    input.value = asking;
    show(asking);
  } else if (province) {
    loadIndex().then(function (places) {
      within = places.filter(function (p) { return p.slug === province; })[0] || null;
      if (within && !input.value) count.textContent = say("within", { province: within.fullName });
    }, function () {});
  }
  /* Leaving the page, or back to it from the back/forward cache: the box (emptied by core.js) and
   * no answer, as before anything was typed. */
  core.forget(function () {
    asked += 1;
    results.replaceChildren();
    count.textContent = within ? say("within", { province: within.fullName }) : "";
  });
  root.hidden = false;
})();
