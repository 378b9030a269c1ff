/* Material's search box, for Vietnamese readers on a phone. Nothing is sent anywhere.
 * Loaded before Material's own script (overrides/main.html), because it wraps what that script
 * creates: the search worker and the request for the search index.
 *
 * 1. The search loads only when a person opens it: the index (search/search_index.json, the
 *    heaviest file of the site) and the worker are fetched when the search box gets focus, the
 *    search button is tapped or a search key ("/", "s", "f") is pressed; or at once when the page
 *    was opened from a search result (?h=, to highlight the words). A first visit to a page does
 *    not pay for a search it may never use.
 * 2. Typed without diacritics, a short syllable ("ho") also starts "học", "hợp", "hóa"... (Material
 *    matches every query word as a prefix). To let pages that have the words side by side rank
 *    first, each two adjacent words of the query are added joined, folded and marked ("ho so" ->
 *    "_hoso"); the index holds the same pairs for every page (macros/outputs/search_index.py,
 *    fields fold_title_pairs and fold_pairs). The mark keeps a single syllable from matching a pair.
 * 3. Those pair tokens are internal: they are taken out of every result before Material draws it,
 *    so a result never lists them as missing words ("Không có: _vayvon") nor carries them in the
 *    link that highlights the words on the page.
 * 4. On the national site, one entry per province holds the names of its units, today's and
 *    former, as pairs, and nothing else (macros/render/country.py). Its result gets its title and
 *    text here, and leads to the finder with the words typed and the province
 *    (cong-cu/tim-co-quan/?tinh=<province>&q=...), which answers for the unit.
 */
(function () {
  "use strict";
  /* SearchMessageType in Material 9.8: SETUP 0, READY 1, QUERY 2, RESULT 3 */
  var QUERY = 2, RESULT = 3;
  var PAIR_MARK = "_";

  function fold(text) {
    return text.replace(/\u0111/g, "d").replace(/\u0110/g, "D")
      .normalize("NFD").replace(/[\u0300-\u036f]/g, "").toLowerCase();
  }

  function joinedPairs(query) {
    var words = fold(query).replace(/['\u2018\u2019\u02bc`\u00b4]/g, "").split(/[\s\-,;:!?()\[\]{}"“”'.…]+/).filter(Boolean);
    var pairs = [];
    for (var i = 0; i + 1 < words.length; i++) {
      if (/^[a-z]+$/.test(words[i]) && /^[a-z]+$/.test(words[i + 1])) {
        pairs.push(PAIR_MARK + words[i] + words[i + 1]);
      }
    }
    return pairs;
  }

  var asked = "";
  function withPairs(message) {
    if (message && message.type === QUERY && typeof message.data === "string") {
      asked = message.data;
      var pairs = joinedPairs(message.data);
      if (pairs.length) return { type: message.type, data: message.data + " " + pairs.join(" ") };
    }
    return message;
  }

  /* The words Material shows with a result (matched ones go into the highlight link, missing ones
   * are listed struck through): only what the person typed. */
  function withoutPairs(message) {
    if (!message || message.type !== RESULT || !message.data || !message.data.items) return message;
    message.data.items.forEach(function (group) {
      group.forEach(function (item) {
        /* 4. On the national site a province's names are one entry (macros/render/country.py), which
         * names the finder for that province (`finder`): the result opens it with what was typed. */
        if (typeof item.finder === "string" && asked.trim()) {
          item.location = item.finder + "&q=" + encodeURIComponent(asked.trim());
          item.title = item.finder_title;
          item.text = item.finder_text;
          /* found by a name (its pairs): no word typed is "missing" from it */
          Object.keys(item.terms || {}).forEach(function (term) { item.terms[term] = true; });
        }
        Object.keys(item.terms || {}).forEach(function (term) {
          if (term.charAt(0) === PAIR_MARK) delete item.terms[term];
        });
      });
    });
    return message;
  }

  /* --- open: the moment the search is wanted ------------------------------------------------ */

  var opened = false, waiting = [];
  function open() {
    if (opened) return;
    opened = true;
    var run = waiting;
    waiting = [];
    run.forEach(function (start) { start(); });
  }
  function whenOpen(start) { if (opened) start(); else waiting.push(start); }

  function typing(target) {
    return target && (target.isContentEditable || /^(INPUT|TEXTAREA|SELECT)$/.test(target.tagName));
  }
  function searchBox(target) {
    return target && target.classList && target.classList.contains("md-search__input");
  }
  /* Tabbing through the page passes the search box: that alone loads nothing (typing in it does). */
  var tabbing = false;
  document.addEventListener("focusin", function (event) {
    if (searchBox(event.target) && !tabbing) open();
  });
  document.addEventListener("change", function (event) {
    /* Material checks its search toggle when the box gets focus, by the Tab key too */
    if (event.target.id === "__search" && event.target.checked && !tabbing) open();
  });
  document.addEventListener("pointerdown", function (event) {
    tabbing = false;
    if (event.target.closest && event.target.closest("label[for='__search'], .md-search")) open();
  }, true);
  document.addEventListener("keydown", function (event) {
    tabbing = event.key === "Tab";
    if (event.ctrlKey || event.metaKey || event.altKey) return;
    if (searchBox(event.target) ? !/^(Tab|Shift|Escape)$/.test(event.key) : !typing(event.target) && /^[/sf]$/.test(event.key)) open();
  }, true);
  if (/[?&]h=/.test(location.search)) open();
  /* Material reads the box on keyup. A phone's Vietnamese keyboard, a paste or voice input
     changes the text with no keyup for the last letter ("giấy tờ" searched as "giấy t"):
     every change of the text is passed on as a keyup. */
  document.addEventListener("input", function (event) {
    if (!searchBox(event.target)) return;
    open();
    event.target.dispatchEvent(new KeyboardEvent("keyup", { bubbles: true }));
  });

  /* --- the index request waits until then ------------------------------------------------------ */

  var xhrOpen = XMLHttpRequest.prototype.open, xhrSend = XMLHttpRequest.prototype.send;
  XMLHttpRequest.prototype.open = function (method, url) {
    this.searchIndex = /\/search\/search_index\.json$/.test(String(url).split("?")[0]);
    return xhrOpen.apply(this, arguments);
  };
  XMLHttpRequest.prototype.send = function () {
    var request = this, args = arguments;
    if (!request.searchIndex || opened) return xhrSend.apply(request, args);
    waiting.push(function () { xhrSend.apply(request, args); });
  };

  /* --- the worker starts then, and passes messages through the two filters above ---------------- */

  var RealWorker = window.Worker;
  if (typeof RealWorker === "undefined") return;

  function LazyWorker(url, options) {
    var lazy = this;
    lazy.onmessage = null;
    lazy.onerror = null;
    lazy.listeners = { message: [], error: [] };
    lazy.queue = [];
    lazy.worker = null;
    whenOpen(function () {
      var worker = new RealWorker(url, options);
      worker.addEventListener("message", function (event) {
        var cleaned = new MessageEvent("message", { data: withoutPairs(event.data) });
        if (lazy.onmessage) lazy.onmessage(cleaned);
        lazy.listeners.message.slice().forEach(function (listener) { listener.call(lazy, cleaned); });
      });
      worker.addEventListener("error", function (event) {
        if (lazy.onerror) lazy.onerror(event);
        lazy.listeners.error.slice().forEach(function (listener) { listener.call(lazy, event); });
      });
      lazy.worker = worker;
      lazy.queue.forEach(function (message) { worker.postMessage(message); });
      lazy.queue = [];
    });
  }
  LazyWorker.prototype.postMessage = function (message) {
    message = withPairs(message);
    if (this.worker) this.worker.postMessage(message);
    else this.queue.push(message);
  };
  LazyWorker.prototype.addEventListener = function (type, listener) {
    if (this.listeners[type] && this.listeners[type].indexOf(listener) < 0) this.listeners[type].push(listener);
  };
  LazyWorker.prototype.removeEventListener = function (type, listener) {
    var list = this.listeners[type] || [], at = list.indexOf(listener);
    if (at >= 0) list.splice(at, 1);
  };
  LazyWorker.prototype.terminate = function () {
    if (this.worker) this.worker.terminate();
    this.queue = [];
  };

  window.Worker = function (url, options) {
    return /\/workers\/search\.[^/]*\.js$/.test(String(url).split("?")[0])
      ? new LazyWorker(url, options)
      : new RealWorker(url, options);
  };
  window.Worker.prototype = RealWorker.prototype;
})();
