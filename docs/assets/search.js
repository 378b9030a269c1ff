/* The site's search box (overrides/partials/search.html), the same on MkDocs and Zensical, over the
 * Pagefind index that macros/outputs/pagefind.py writes into pagefind/. Its words are read from the
 * page; nothing typed is kept, sent or put in an address.
 *
 * - Nothing is fetched until the search is opened (the button, "/" or "s"): then Pagefind's script,
 *   its WASM and the index's entry; each query fetches the few index chunks and results it needs.
 * - Pagefind finds what has every word typed, each as the start of a word, tones and marks folded.
 *   Three aids, measured on tests/search_queries.yaml (tools/search_eval.py):
 *   1. "đ" is a letter of its own for Pagefind: a word typed with "d" is searched with "đ" too;
 *   2. a question as people type it has words no page has: when the whole query finds less than a
 *      screen, what has all words but one follows;
 *   3. results with two typed words side by side (Pagefind's quoted search) are raised.
 * - Parts of a page are grouped under the page, best first; a result is drawn as text (a title set
 *   with textContent, an excerpt of which only the text and Pagefind's <mark> are copied), and links
 *   only to this site.
 */
(function () {
  "use strict";
  var dialog = document.getElementById("qd-search");
  if (!dialog || !window.fetch || !dialog.showModal) return;
  var opener = document.querySelector(".qd-search__open");
  var box = dialog.querySelector(".qd-search__input");
  var status = dialog.querySelector(".qd-search__status");
  var list = dialog.querySelector(".qd-search__results");
  var words = dialog.dataset;

  var SHOWN = 10; /* pages listed */
  var UNITS_SHOWN = 2; /* units listed at most: names never crowd the pages out */
  /* Words that say a unit's kind, not its name ("xã Nga Thanh huyện Nga Sơn"), folded. */
  var KINDS = new Set(["xa", "phuong", "thi", "tran", "huyen", "quan", "tinh", "dac", "khu"]);
  var OPTIONS = {
    excerptLength: 20,
    ranking: { metaWeights: { title: 5.0, keywords: 10.0, firstwords: 20.0 } }
  };
  var PAIR_WEIGHT = 1.0;

  var loading = null;
  var latest = 0;
  /* For tests and tools/search_eval.py: queries started and answered. */
  window.qd22Search = { sent: 0, done: 0, ready: false };

  function load() {
    if (!loading) {
      status.textContent = words.loading;
      var bundle = new URL(words.bundle, document.baseURI);
      var options = Object.assign({ baseUrl: siteRoot().pathname }, OPTIONS);
      loading = import(bundle.href + "pagefind.js").then(function (pagefind) {
        return pagefind.options(options).then(function () { return pagefind.init(); }).then(function () {
          window.qd22Search.ready = true;
          if (!box.value.trim()) status.textContent = words.idle;
          return pagefind;
        });
      });
      loading.catch(function () {
        status.textContent = words.failed;
        loading = null;
      });
    }
    return loading;
  }

  function wordsOf(query) { return query.split(/\s+/).filter(Boolean); }

  /* Each spelling of the query with "d" at the start of a word also as "đ" (at most three words). */
  function spellings(query) {
    var out = [[]];
    var varied = 0;
    wordsOf(query).forEach(function (word) {
      var forms = /^d/i.test(word) && varied++ < 3 ? [word, "\u0111" + word.slice(1)] : [word];
      var next = [];
      out.forEach(function (done) { forms.forEach(function (form) { next.push(done.concat([form])); }); });
      out = next;
    });
    return out.map(function (ws) { return ws.join(" "); });
  }

  function searchAll(pagefind, query) {
    return Promise.all(spellings(query).map(function (s) { return pagefind.search(s); })).then(function (answers) {
      var best = new Map();
      answers.forEach(function (answer) {
        (answer ? answer.results : []).forEach(function (r) {
          var had = best.get(r.id);
          if (!had || r.score > had.score) best.set(r.id, r);
        });
      });
      return Array.from(best.values()).sort(function (a, b) { return b.score - a.score; });
    });
  }

  /* Typed words side by side raise a result: Pagefind matches each word typed as the start of any
   * word ("ho" starts "hồ", "hộ", "học"...), so a result whose matched words stand together ("hồ sơ")
   * is what was meant more often than one where they are scattered ("học ... số"). From the
   * positions of its matched words: its score times 1 + PAIR_WEIGHT × (the longest run of
   * consecutive words - 1) / (the words typed - 1). */
  function byPairs(results, typed) {
    return results.map(function (r, order) {
      var share = typed > 1 ? (longestRun(r.words) - 1) / (typed - 1) : 0;
      return { result: r, order: order, score: r.score * (1 + PAIR_WEIGHT * Math.min(1, share)) };
    }).sort(function (a, b) { return b.score - a.score || a.order - b.order; }).map(function (x) { return x.result; });
  }

  function longestRun(positions) {
    var sorted = (positions || []).slice().sort(function (a, b) { return a - b; });
    var best = sorted.length ? 1 : 0;
    for (var i = 1, run = 1; i < sorted.length; i++) {
      run = sorted[i] === sorted[i - 1] + 1 ? run + 1 : sorted[i] === sorted[i - 1] ? run : 1;
      if (run > best) best = run;
    }
    return best;
  }

  /* The pages to list: what has every word typed, best first; when that is less than a screen of
   * pages, what has all words but one follows (a question as people type it, "ngân hàng chính sách
   * xã hội ở đâu", has words no page has). Pagefind's scores of two queries cannot be compared, so
   * the second list only follows the first. */
  function rank(pagefind, query) {
    var ws = wordsOf(query);
    var fragments = new Map();
    return searchAll(pagefind, query).then(function (found) {
      var whole = byPairs(found, ws.length);
      return pagesOf(fragments, whole).then(function (pages) {
        if (pages.length >= SHOWN || ws.length < 2) return pages;
        var lesser = ws.map(function (_, i) { return ws.filter(function (__, j) { return j !== i; }).join(" "); });
        return Promise.all(lesser.map(function (q) { return searchAll(pagefind, q); })).then(function (groups) {
          var seen = new Set(whole.map(function (r) { return r.id; }));
          var more = [];
          groups.forEach(function (group) {
            group.forEach(function (r) { if (!seen.has(r.id)) { seen.add(r.id); more.push(r); } });
          });
          more.sort(function (a, b) { return b.score - a.score; });
          /* A unit's name is typed whole: a unit found with a word of the query left out is not it. */
          var partial = new Set(more.map(function (r) { return r.id; }));
          return pagesOf(fragments, whole.concat(byPairs(more, ws.length - 1)), partial);
        });
      });
    });
  }

  /* Pagefind's excerpt is text with <, > and & escaped, and <mark> around the words found: parsed in
   * an inert document, only its text and its marks are copied. */
  function excerptNodes(excerpt) {
    var parsed = new DOMParser().parseFromString("<body>" + excerpt + "</body>", "text/html").body;
    return Array.prototype.map.call(parsed.childNodes, function (node) {
      if (node.nodeName === "MARK") {
        var mark = document.createElement("mark");
        mark.textContent = node.textContent;
        return mark;
      }
      return document.createTextNode(node.textContent);
    });
  }

  function sameSite(url) {
    var resolved = new URL(url, document.baseURI);
    return resolved.origin === location.origin ? resolved : null;
  }

  /* A result's data (its excerpt, the parts of it found) is the answer to one query: kept for that
   * query only. */
  function dataOf(fragments, result) {
    if (!fragments.has(result.id)) fragments.set(result.id, result.data());
    return fragments.get(result.id);
  }

  /* The units a province's units document (macros/outputs/pagefind.py; its address, the finder's
   * for that province, is the only one with a "?") answers with, best first:
   * each unit is a heading of it (a Pagefind sub-result); a name is typed whole, so a unit whose
   * matched words stand together ("Nga Thành") comes before one that only has them scattered (many
   * "Nga ..." around one "Thanh"), then by its score. A unit leads to the finder with its name: an
   * address made from data. */
  function unitsOf(d, base) {
    var typed = wordsOf(box.value.trim()).length;
    return (d.sub_results || []).filter(function (sub) { return sub.title !== d.meta.title; }).map(function (sub) {
      var score = (sub.weighted_locations || []).reduce(function (sum, l) { return sum + l.balanced_score; }, 0);
      var run = longestRun(sub.locations);
      var href = new URL(base.href);
      href.searchParams.set("q", sub.title);
      return { href: href, title: sub.title, excerpt: sub.excerpt, whole: false, run: Math.min(run, typed), score: score };
    }).sort(function (a, b) { return b.run - a.run || b.score - a.score; }).slice(0, 3);
  }

  /* Units answer a name, not a question: only those whose matched words stand together as typed
   * (every word typed, or two of them side by side: "xã Nga Thanh huyện Nga Sơn"), from the search
   * with every word typed; none for a question whose words a unit happens to have scattered
   * ("cần mang giấy tờ gì"). */
  function namedUnits(d, href, r, partial) {
    if (partial && partial.has(r.id)) return [];
    var ws = wordsOf(box.value.trim());
    var named = ws.filter(function (w) { return !KINDS.has(window.qd22.compact(w)); }).length;
    var needed = ws.length <= 3 ? ws.length : Math.max(2, Math.ceil(named / 2));
    return unitsOf(d, href).filter(function (unit) { return unit.run >= needed; });
  }

  function siteRoot() { return new URL("../", new URL(words.bundle, document.baseURI)); }

  /* Results in order, grouped by page, at most SHOWN pages: the parts of a page (its sections, #…)
   * and the units the finder answers for under one entry, so that one page cannot fill the list.
   * An entry leads to its page, or to its best unit. */
  function pagesOf(fragments, results, partial) {
    var pages = new Map();
    var unitLinks = 0;
    function unitRoom() { return Math.max(0, UNITS_SHOWN - unitLinks); }
    function add(d, r) {
      var href = sameSite(d.url);
      if (!href) return;
      var parts = href.search ? namedUnits(d, href, r, partial).slice(0, unitRoom()) : [{ href: href, title: d.meta.title, excerpt: d.excerpt, whole: !href.hash }];
      if (!parts.length) return;
      if (href.search) unitLinks += parts.length;
      var key = href.origin + href.pathname;
      if (!pages.has(key)) {
        if (pages.size >= SHOWN) return;
        var first = parts[0];
        var lead = new URL(first.href.href);
        lead.hash = "";
        pages.set(key, { href: lead, title: lead.search ? first.title : d.meta.page || d.meta.title, parts: [] });
      }
      Array.prototype.push.apply(pages.get(key).parts, parts);
    }
    /* A result's text is a file of its own: fetched a screen at a time, until the list is full. */
    function from(start) {
      if (pages.size >= SHOWN || start >= Math.min(results.length, 4 * SHOWN)) return Array.from(pages.values());
      var slice = results.slice(start, start + SHOWN);
      return Promise.all(slice.map(function (r) { return dataOf(fragments, r); })).then(function (data) {
        data.forEach(function (d, i) { add(d, slice[i]); });
        return from(start + SHOWN);
      });
    }
    return Promise.resolve(from(0)).then(pageFirst);
  }

  /* A page comes first, units after it: a name is also words a page may have ("đồng tiền", "đóng
   * tiền": paying), and a question about a task must find its page first. Only a unit's kind and
   * whole name typed ("phuong hac thanh") ask for the place itself: that unit comes first. */
  function pageFirst(listed) {
    var typed = window.qd22.foldWords(box.value);
    var place = KINDS.has(typed.split(" ")[0]) ? listed.findIndex(function (entry) {
      return entry.href.search && window.qd22.compact(entry.title) === typed.replace(/ /g, "");
    }) : -1;
    if (place >= 0) {
      listed.unshift(listed.splice(place, 1)[0]);
      return listed;
    }
    var page = listed.findIndex(function (entry) { return !entry.href.search; });
    if (page > 0) listed.unshift(listed.splice(page, 1)[0]);
    return listed;
  }

  function link(href, text) {
    var a = document.createElement("a");
    a.href = href.href;
    a.textContent = text;
    return a;
  }

  /* A page: its title linking to it, the excerpt of its best part, then up to three of its parts. */
  function item(page) {
    var li = document.createElement("li");
    li.append(link(page.href, page.title));
    var excerpt = document.createElement("p");
    excerpt.append.apply(excerpt, excerptNodes(page.parts[0].excerpt));
    li.append(excerpt);
    var more = page.parts.filter(function (part) { return !part.whole && part.href.href !== page.href.href; });
    if (more.length) {
      var sub = document.createElement("ul");
      more.slice(0, 3).forEach(function (part) {
        var entry = document.createElement("li");
        entry.append(link(part.href, part.title));
        sub.append(entry);
      });
      li.append(sub);
    }
    return li;
  }

  function count(n) {
    if (n === 0) return words.none;
    return n === 1 ? words.one : words.other.replace("#", String(n));
  }

  /* A search starts once typing pauses (WAIT ms), and not for a single letter: a phone's keyboard
   * sends a letter at a time, and each search fetches the index chunks of its words. */
  var WAIT = 250;
  var timer = null;
  function typed() {
    var mine = ++latest;
    window.qd22Search.sent = mine;
    clearTimeout(timer);
    timer = setTimeout(function () { run(mine); }, WAIT);
  }

  function run(mine) {
    if (mine !== latest) return;
    var query = box.value.trim();
    if (query.length >= 2 && window.qd22Search.ready) status.textContent = words.searching;
    load().then(function (pagefind) {
      if (query.length < 2) return [];
      return rank(pagefind, query);
    }).then(function (pages) {
      if (mine !== latest) return;
      list.replaceChildren.apply(list, pages.map(item));
      /* Pagefind answers "nothing found" when the index could not be fetched: without a
       * connection, say that instead. */
      var cut = !pages.length && navigator.onLine === false;
      status.textContent = query.length < 2 ? words.idle : cut ? words.failed : count(pages.length);
      window.qd22Search.done = mine;
    }, function () {
      if (mine !== latest) return;
      status.textContent = words.failed;
      window.qd22Search.done = mine;
    });
  }

  function open() {
    if (!dialog.open) dialog.showModal();
    box.focus();
    load();
  }

  /* Closed, the search forgets what was typed and found (a shared phone). */
  function forget() {
    box.value = "";
    list.replaceChildren();
    latest++;
  }

  /* Leaving the page or coming back to it from the back/forward cache closes the search, empty
   * (core.js's forget hook): the words typed never come back. */
  if (window.qd22 && window.qd22.forget) window.qd22.forget(function () { if (dialog.open) dialog.close(); forget(); });

  opener.hidden = false;
  opener.addEventListener("click", open);
  /* core.js loads this script when the search is first opened, then calls this. */
  window.qd22SearchOpen = open;
  dialog.querySelector(".qd-search__close").addEventListener("click", function () { dialog.close(); });
  dialog.addEventListener("close", forget);
  dialog.addEventListener("click", function (event) { if (event.target === dialog) dialog.close(); });
  box.addEventListener("input", typed);
  box.addEventListener("keydown", function (event) { if (event.key === "Enter") event.preventDefault(); });
  document.addEventListener("keydown", function (event) {
    var target = event.target;
    var typing = target && (target.isContentEditable || /^(INPUT|TEXTAREA|SELECT)$/.test(target.tagName));
    if (typing || dialog.open || event.ctrlKey || event.metaKey || event.altKey) return;
    if (event.key === "/" || event.key === "s" || event.key === "S") {
      event.preventDefault();
      open();
    }
  });
})();
