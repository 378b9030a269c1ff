/* Offline use (issue 23): registers the site's service worker (sw.js at the site's root, written by
 * the build: macros/outputs/offline.py), runs the action "Lưu để dùng khi không có mạng" where a
 * page has it (macros/render/templates/offline_action.html), and on a page opened from a saved copy
 * shows the date it was saved (overrides/partials/offline-saved.html). Its words are on the page.
 * Where service workers are unavailable (an old browser, a private window that refuses them) it
 * does nothing and the action stays hidden. Nothing typed is read, kept or sent.
 */
(function () {
  "use strict";
  var script = document.currentScript;
  if (!script || !("serviceWorker" in navigator) || !window.caches || !window.MessageChannel) return;
  var root = new URL("../", script.src);
  var SAVED_PREFIX = "qd22-saved-";
  var DAY = "X-Qd22-Saved-On";

  /* "dd/mm/yyyy" of a day "yyyy-mm-dd" (the worker counts it in Viet Nam, as core.js does). */
  function dateOf(day) {
    var parts = /^(\d{4})-(\d\d)-(\d\d)$/.exec(day || "");
    return parts ? parts[3] + "/" + parts[2] + "/" + parts[1] : "";
  }

  function registered() {
    try {
      return navigator.serviceWorker.register(new URL("sw.js", root).href, { scope: root.href }).then(function (done) {
        if (!done || !done.scope) throw new Error("no service worker");
        return done;
      });
    } catch (problem) {
      return Promise.reject(problem);
    }
  }

  var registration = registered();

  /* A page served from a saved copy: <html data-offline-saved="yyyy-mm-dd"> (set by the worker). */
  var when = dateOf(document.documentElement.getAttribute("data-offline-saved"));
  var notice = document.querySelector("[data-offline-notice]");
  if (when && notice) {
    notice.querySelector("[data-offline-date]").textContent = when;
    notice.hidden = false;
  }

  var action = document.querySelector("[data-offline-action]");
  if (!action) {
    registration.catch(function () {});
    return;
  }
  var button = action.querySelector("[data-offline-save]");
  var status = action.querySelector("[data-offline-status]");
  var words = action.querySelector("template[data-offline-words]");

  function say(name, date) {
    var word = words.content.querySelector('[data-word="' + name + '"]');
    status.textContent = word.textContent.replace("{date}", date || "");
  }

  /* Ask the active worker; resolves to its answer, rejects after `wait` milliseconds. */
  function ask(message, wait) {
    return new Promise(function (resolve, reject) {
      var timer = setTimeout(function () { reject(new Error("no answer")); }, wait);
      registration.then(function () { return navigator.serviceWorker.ready; }).then(function (ready) {
        var channel = new MessageChannel();
        channel.port1.onmessage = function (event) {
          clearTimeout(timer);
          channel.port1.close();
          resolve(event.data);
        };
        ready.active.postMessage(message, [channel.port2]);
      }, reject);
    });
  }

  /* Already saved on this phone: say when. */
  function savedBefore() {
    return caches.keys().then(function (names) {
      var saved = names.filter(function (name) { return name.indexOf(SAVED_PREFIX) === 0; });
      if (!saved.length) return null;
      return caches.open(saved[saved.length - 1]).then(function (cache) { return cache.match(root.href); });
    }).then(function (copy) {
      var day = copy && dateOf(copy.headers.get(DAY));
      if (day) say("saved", day);
    }, function () {});
  }

  button.addEventListener("click", function () {
    button.disabled = true;
    say("saving");
    ask({ type: "save" }, 60000).then(function (answer) {
      if (answer && answer.saved) say("saved", dateOf(answer.when));
      else say("failed");
    }, function () {
      say("failed");
    }).then(function () {
      button.disabled = false;
    });
  });

  /* Shown once the worker is registered; a browser that refuses it (a private window, a policy)
   * never shows the action. */
  registration.then(function () {
    action.hidden = false;
    savedBefore();
  }, function () {});
})();
