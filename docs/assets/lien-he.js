/* Known contacts (macros/render/templates/known_contacts.html): a list to pick one's unit, then
 * only that unit's addresses and phones show (and print). Plain JavaScript; nothing stored or sent.
 * It runs right after the list box, before the units below it are drawn: nothing moves. */
(function () {
  "use strict";
  var here = document.currentScript;
  var box = here && here.closest ? here.closest(".known-contacts") : null;
  if (!box) return;
  var pick = box.querySelector(".known-contacts-pick");
  var select = box.querySelector(".known-contacts-select");
  if (!pick || !select) return;
  box.classList.add("known-contacts--picking");
  pick.hidden = false;
  function show() {
    box.querySelectorAll(".known-unit").forEach(function (unit) {
      unit.classList.toggle("is-picked", unit.getAttribute("data-unit") === select.value);
    });
  }
  select.addEventListener("change", show);
  /* The pick is forgotten on leaving the page (core.js, loaded by every page after this script). */
  document.addEventListener("DOMContentLoaded", function () { if (window.qd22) window.qd22.forget(show); });
})();
