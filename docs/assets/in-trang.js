/* Print buttons on the checklists and the leaflet: shown only when this script runs. */
(function () {
  "use strict";
  document.querySelectorAll("[data-print]").forEach(function (button) {
    button.closest(".tool-print").hidden = false;
    button.addEventListener("click", function () { window.print(); });
  });
})();
