/* The site's service worker (macros/outputs/offline.py writes it as sw.js, after the line
 * `var OFFLINE = {version, saved, versioned}` computed by the build).
 *
 * - Pages and other files: the network first; what it gives is kept (this version's cache) and,
 *   when there is no connection, the kept copy is served. A page served that way carries the day
 *   (in Viet Nam) it was kept (<html data-offline-saved="yyyy-mm-dd">): assets/offline.js shows it.
 * - Files whose name changes with their content (OFFLINE.versioned): the kept copy first.
 * - The "save" message (assets/offline.js, the action "Lưu để dùng khi không có mạng"): every URL
 *   of OFFLINE.saved is fetched and kept.
 * - A new version (a hash of the built files) saves again what was saved, then deletes the old
 *   copies: no stale page once the site has changed and the phone has been online.
 *
 * Only files of this site are kept. A URL with a query string (words typed into a search, for
 * example) is never kept; only the site's files, never anything about the reader.
 */
"use strict";

var PREFIX = "qd22-";
var SAVED = PREFIX + "saved-" + OFFLINE.version;
var VISITED = PREFIX + "visited-" + OFFLINE.version;
var STAMP = "X-Qd22-Saved";
var DAY = "X-Qd22-Saved-On";
var VIETNAM = new Intl.DateTimeFormat("en", { timeZone: "Asia/Ho_Chi_Minh", year: "numeric", month: "2-digit", day: "2-digit" });

/* The day in Viet Nam of a time, "yyyy-mm-dd" (as core.js counts today). */
function dayOf(when) {
  var parts = {};
  VIETNAM.formatToParts(when).forEach(function (part) { parts[part.type] = part.value; });
  return parts.year + "-" + parts.month + "-" + parts.day;
}
var VERSIONED = new RegExp(OFFLINE.versioned);

function scoped(path) {
  return new URL(path, self.registration.scope).href;
}

function keyOf(url) {
  var key = new URL(url);
  key.hash = "";
  key.search = "";
  return key.href;
}

function keepable(response) {
  return response && response.ok && response.status === 200 && response.type === "basic";
}

/* A copy of the response carrying the time it was kept. */
function stamped(response) {
  var headers = new Headers(response.headers);
  var now = Date.now();
  headers.set(STAMP, String(now));
  headers.set(DAY, dayOf(now));
  return response.blob().then(function (body) {
    return new Response(body, { status: response.status, statusText: response.statusText, headers: headers });
  });
}

function keep(cacheName, key, response) {
  return stamped(response).then(function (copy) {
    return caches.open(cacheName).then(function (cache) { return cache.put(key, copy); });
  });
}

/* The kept copy of a URL in this version's caches, the most recent first. */
function kept(key) {
  return Promise.all([SAVED, VISITED].map(function (name) {
    return caches.open(name).then(function (cache) { return cache.match(key); });
  })).then(function (found) {
    var copies = found.filter(Boolean);
    copies.sort(function (a, b) { return Number(b.headers.get(STAMP)) - Number(a.headers.get(STAMP)); });
    return copies[0];
  });
}

/* A kept page says when it was kept: <html data-offline-saved="yyyy-mm-dd">. */
function markedPage(response) {
  var when = response.headers.get(DAY);
  if (!when || !/^\d{4}-\d\d-\d\d$/.test(when)) return Promise.resolve(response);
  return response.text().then(function (html) {
    var marked = html.replace(/<html\b/i, '<html data-offline-saved="' + when + '"');
    var headers = new Headers(response.headers);
    headers.set("Content-Type", "text/html; charset=utf-8");
    return new Response(marked, { status: 200, headers: headers });
  });
}

/* A page is asked of the server each time (`no-cache`: the browser's own cache may answer only
 * once the server says it is current), so without a connection the saved copy is what shows. */
function fromNetwork(event, key, store, page) {
  return fetch(event.request, page ? { cache: "no-cache" } : undefined).then(function (response) {
    if (store && keepable(response)) {
      var target = response.redirected ? keyOf(response.url) : key;
      event.waitUntil(keep(VISITED, target, response.clone()).catch(function () {}));
    }
    return response;
  });
}

function networkFirst(event, key, store, page) {
  return fromNetwork(event, key, store, page).catch(function (problem) {
    return kept(key).then(function (copy) {
      if (!copy) throw problem;
      return page ? markedPage(copy) : copy;
    });
  });
}

function keptFirst(event, key) {
  return kept(key).then(function (copy) {
    return copy || fromNetwork(event, key, true, false);
  });
}

self.addEventListener("fetch", function (event) {
  var request = event.request;
  if (request.method !== "GET") return;
  var url = new URL(request.url);
  if (url.origin !== self.location.origin || url.href.indexOf(self.registration.scope) !== 0) return;
  var key = keyOf(url.href);
  var store = !url.search;
  var page = request.mode === "navigate";
  if (!page && store && VERSIONED.test(url.pathname)) {
    event.respondWith(keptFirst(event, key));
  } else {
    event.respondWith(networkFirst(event, key, store, page));
  }
});

/* Fetch every URL of the list into the saved copies; resolves to the time they were kept. */
function saveAll() {
  return caches.open(SAVED).then(function (cache) {
    return Promise.all(OFFLINE.saved.map(function (path) {
      var url = scoped(path);
      return fetch(url, { cache: "no-cache", credentials: "same-origin" }).then(function (response) {
        if (!keepable(response)) throw new Error("not saved: " + url);
        return stamped(response).then(function (copy) { return cache.put(url, copy); });
      });
    }));
  }).then(function () {
    return dayOf(Date.now());
  });
}

function hadSaved() {
  return caches.keys().then(function (names) {
    return names.some(function (name) { return name.indexOf(PREFIX + "saved-") === 0; });
  });
}

self.addEventListener("install", function (event) {
  event.waitUntil(hadSaved().then(function (saved) {
    return saved ? saveAll() : null;
  }).then(function () {
    return self.skipWaiting();
  }));
});

self.addEventListener("activate", function (event) {
  event.waitUntil(caches.keys().then(function (names) {
    return Promise.all(names.filter(function (name) {
      return name.indexOf(PREFIX) === 0 && name !== SAVED && name !== VISITED;
    }).map(function (name) { return caches.delete(name); }));
  }).then(function () {
    return self.clients.claim();
  }));
});

self.addEventListener("message", function (event) {
  var port = event.ports && event.ports[0];
  if (!port || !event.data) return;
  if (event.data.type === "save") {
    event.waitUntil(saveAll().then(function (when) {
      port.postMessage({ saved: true, when: when, version: OFFLINE.version });
    }, function () {
      port.postMessage({ saved: false, version: OFFLINE.version });
    }));
  } else if (event.data.type === "version") {
    port.postMessage({ version: OFFLINE.version });
  }
});
