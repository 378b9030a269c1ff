/* What the tool scripts share: window.qd22 (under Node, module.exports: tests/js/rules.js): the
 * page's words, today in Vietnam, dates, folding. The check and the estimator add muc-vay.js. */
(function (root, make) {
  "use strict";
  if (typeof module === "object" && module.exports) module.exports = make();
  else if (!root.qd22) root.qd22 = make();
})(this, function () {
  "use strict";

  /* The words are the page's <template id="…-words"> (templates/*_words.html): words(id) gives
   * say(key, {name: value}); Node gets them through useWords. A missing word throws. */
  var books = {};
  function readBook(id) {
    var node = typeof document === "undefined" ? null : document.getElementById(id);
    if (!node || !node.content) return null;  /* not parsed yet: read again next time */
    var book = {};
    node.content.querySelectorAll("[data-word]").forEach(function (n) { book[n.getAttribute("data-word")] = n.textContent; });
    return book;
  }
  function words(id) {
    function word(key) {
      var book = books[id] || (books[id] = readBook(id)) || {};
      if (!Object.prototype.hasOwnProperty.call(book, key)) throw new Error("no word \"" + key + "\" in #" + id);
      return book[key];
    }
    function given(values, name) { return values && values[name] !== undefined && values[name] !== null; }
    function say(key, values) {
      return word(key).replace(/\{(\w+)\}/g, function (all, name) { return given(values, name) ? String(values[name]) : all; });
    }
    /* The same word in pieces for Element.append, where a value may be a node (a link, a <strong>). */
    say.parts = function (key, values) {
      return word(key).split(/(\{\w+\})/).filter(Boolean).map(function (piece) {
        var name = /^\{(\w+)\}$/.exec(piece);
        if (!name || !given(values, name[1])) return piece;
        return typeof values[name[1]] === "object" ? values[name[1]] : String(values[name[1]]);
      });
    };
    return say;
  }
  function useWords(id, book) { books[id] = book; }

  /* --- dates */

  function pad(n, width) { var s = String(n); while (s.length < width) s = "0" + s; return s; }
  function iso(y, m, d) { return pad(y, 4) + "-" + pad(m, 2) + "-" + pad(d, 2); }

  /* The day in Vietnam, whatever the phone's time zone: every tool counts from it. */
  function today() {
    var parts = {};
    new Intl.DateTimeFormat("en-GB", { timeZone: "Asia/Ho_Chi_Minh", year: "numeric", month: "2-digit", day: "2-digit" })
      .formatToParts(new Date())
      .forEach(function (p) { parts[p.type] = p.value; });
    return parts.year + "-" + parts.month + "-" + parts.day;
  }

  function dateVi(day) { return day.slice(8, 10) + "/" + day.slice(5, 7) + "/" + day.slice(0, 4); }
  function isLeap(y) { return (y % 4 === 0 && y % 100 !== 0) || y % 400 === 0; }
  function daysIn(y, m) { return [31, isLeap(y) ? 29 : 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31][m - 1]; }

  function group(n) { return String(n).replace(/\B(?=(\d{3})+(?!\d))/g, "."); }

  /* Folding, as macros/text.py (tests/scenarios/folding.yaml); "đ" does not decompose. */
  function fold(text) {
    return String(text).replace(/\u0111/g, "d").replace(/\u0110/g, "D").normalize("NFD").replace(/[\u0300-\u036f]/g, "").toLowerCase();
  }
  /* "Xã Ea H’leo," -> "xa ea hleo": punctuation gone, an apostrophe joining. */
  var APOSTROPHES = /['\u2018\u2019\u02bc`\u00b4]/g;
  function foldWords(text) {
    return fold(text).replace(APOSTROPHES, "").replace(/[^a-z0-9]+/g, " ").trim();
  }
  /* Without spaces: "cumgar", "cu mgar" and "Cư-M'gar" are one name typed three ways. */
  function compact(text) { return foldWords(text).replace(/ /g, ""); }

  /* --- links from data: an address a script makes a link of is http(s) or this site's (relative),
   * or one of `schemes` ("tel" for a phone); anything else (javascript:, data:, vbscript:, "//host",
   * control characters, backslashes) gives null: no link. */

  function safeHref(href, schemes) {
    var value = String(href === null || href === undefined ? "" : href).trim();
    if (!value || /[\u0000-\u001f\u007f\\]/.test(value)) return null;
    var scheme = /^([a-z][a-z0-9+.-]*):/i.exec(value);
    if (scheme) {
      var name = scheme[1].toLowerCase();
      return name === "http" || name === "https" || (schemes || []).indexOf(name) >= 0 ? value : null;
    }
    return value.slice(0, 2) === "//" ? null : value;
  }

  /* --- the search, loaded when a person opens it (overrides/partials/search.html): the button
   * shows, and its first press (or "/" or "s" typed outside a field) loads assets/search.js, which
   * then opens the search itself. */
  (function () {
    if (typeof document === "undefined") return;
    var opener = document.querySelector(".qd-search__open");
    var dialog = document.getElementById("qd-search");
    if (!opener || !dialog || !window.fetch || !dialog.showModal) return;
    var requested = false;
    function load(event) {
      if (event) event.preventDefault();
      if (window.qd22SearchOpen) return window.qd22SearchOpen();
      if (requested) return;
      requested = true;
      var script = document.createElement("script");
      script.src = opener.getAttribute("data-script");
      script.onload = function () { if (window.qd22SearchOpen) window.qd22SearchOpen(); };
      script.onerror = function () { requested = false; };
      document.head.appendChild(script);
    }
    function key(event) {
      var target = event.target;
      var typing = target && (target.isContentEditable || /^(INPUT|TEXTAREA|SELECT)$/.test(target.tagName));
      if (typing || window.qd22SearchOpen || event.ctrlKey || event.metaKey || event.altKey) return;
      if (event.key === "/" || event.key === "s" || event.key === "S") load(event);
    }
    opener.hidden = false;
    opener.addEventListener("click", function (event) { if (!window.qd22SearchOpen) load(event); });
    document.addEventListener("keydown", key);
  })();

  /* --- a link to an answer or a term (hoi-dap/#id, thuat-ngu/#id: a <summary>, or something inside
   * a collapsed <details>) opens it, on arrival and when the address's #part changes. */
  (function () {
    if (typeof document === "undefined") return;
    function reveal() {
      var id;
      try { id = decodeURIComponent(location.hash.slice(1)); } catch (error) { return; }
      var target = id && document.getElementById(id);
      if (!target) return;
      var opened = false;
      for (var node = target.tagName === "SUMMARY" ? target.parentElement : target; node; node = node.parentElement) {
        if (node.tagName === "DETAILS" && !node.open) { node.open = true; opened = true; }
      }
      if (opened) target.scrollIntoView();
    }
    reveal();
    window.addEventListener("hashchange", reveal);
  })();

  /* --- nothing typed comes back (a shared phone). Leaving the page (pagehide) and coming back to
   * it from the back/forward cache (pageshow, persisted) put every form field of the page back as
   * the page was served, then call each function given to forget(): a tool shows its first screen
   * again. A tool (or the search box) registers with qd22.forget(function () {…}). */

  var forgetters = [];
  var FIELDS = "input, select, textarea";
  var KEPT_TYPES = { hidden: true, submit: true, button: true, reset: true, image: true };
  function resetField(field) {
    if (field.classList.contains("md-toggle") || KEPT_TYPES[field.type]) return;  /* Material's own toggles */
    if (field.type === "checkbox" || field.type === "radio") field.checked = field.defaultChecked;
    else if (field.tagName === "SELECT") {
      var chosen = false;
      Array.prototype.forEach.call(field.options, function (o) { o.selected = o.defaultSelected; chosen = chosen || o.defaultSelected; });
      if (!chosen && !field.multiple && field.options.length) field.selectedIndex = 0;
    } else field.value = field.defaultValue;
    field.removeAttribute("aria-invalid");
  }
  function forgetAll() {
    if (typeof document === "undefined") return;
    Array.prototype.forEach.call(document.querySelectorAll(FIELDS), resetField);
    forgetters.forEach(function (fn) {
      try { fn(); } catch (error) { if (window.console) console.error(error); }
    });
  }
  function forget(fn) { forgetters.push(fn); }
  if (typeof window !== "undefined" && window.addEventListener) {
    window.addEventListener("pagehide", forgetAll);
    window.addEventListener("pageshow", function (event) { if (event.persisted) forgetAll(); });
  }

  return {
    words: words, useWords: useWords, pad: pad, iso: iso, today: today, dateVi: dateVi, isLeap: isLeap,
    daysIn: daysIn, group: group, fold: fold, foldWords: foldWords, compact: compact,
    safeHref: safeHref, forget: forget, forgetAll: forgetAll
  };
});
