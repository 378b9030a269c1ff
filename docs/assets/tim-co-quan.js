/* Office finder (cong-cu/tim-co-quan). Plain JavaScript. Type a commune or ward name with or
 * without diacritics ("ham rong" finds Hàm Rồng; "dong tien" finds both Đông Tiến and Đồng Tiến),
 * or pick one. Names are folded at build time by macros/text.py fold(); the query is folded here
 * the same way. Nothing is fetched, stored or sent. */
(function () {
  "use strict";

  var root = document.getElementById("tim-co-quan");
  var source = document.getElementById("tim-co-quan-data");
  if (!root || !source) return;
  var cfg = JSON.parse(source.textContent);
  var input = document.getElementById("tim-co-quan-q");
  var pick = document.getElementById("tim-co-quan-pick");
  var count = document.getElementById("tim-co-quan-count");
  var results = document.getElementById("tim-co-quan-results");

  /* Lower case without diacritics; đ becomes d (decomposition leaves it). */
  function fold(text) {
    return text.replace(/đ/g, "d").replace(/Đ/g, "D").normalize("NFD").replace(/[\u0300-\u036f]/g, "").toLowerCase().replace(/\s+/g, " ").trim();
  }

  function el(tag, text, attrs) {
    var node = document.createElement(tag);
    if (text !== undefined && text !== null) node.textContent = text;
    Object.keys(attrs || {}).forEach(function (k) { node.setAttribute(k, attrs[k]); });
    return node;
  }

  // The site's label for "no source yet", as the pages draw it (markup.doubt_label).
  function unverified(node) {
    node.appendChild(el("a", cfg.unverified.words, { "class": cfg.unverified["class"], href: cfg.unverified.href }));
    return node;
  }

  function details(node, rows) {
    rows.forEach(function (row, i) {
      node.appendChild(document.createTextNode((i ? "; " : " (") + row[0].toLowerCase() + ": "));
      if (row[1]) node.appendChild(document.createTextNode(row[1])); else unverified(node);
    });
    node.appendChild(document.createTextNode(")"));
    return node;
  }

  function card(unit) {
    var box = el("article", null, { "class": "finder-card", "data-unit": unit.id });
    box.appendChild(el("h3", unit.title));
    var list = el("dl");
    list.appendChild(el("dt", "Công an"));
    list.appendChild(el("dd", unit.police));
    list.appendChild(el("dt", "Ủy ban nhân dân"));
    list.appendChild(el("dd", unit.committee));
    list.appendChild(el("dt", "Phòng giao dịch Ngân hàng Chính sách xã hội"));
    list.appendChild(unit.vbsp.name ? details(el("dd", unit.vbsp.name), unit.vbsp.details) : unverified(el("dd")));
    box.appendChild(list);
    var help = el("p", "Địa chỉ, số điện thoại: ");
    unverified(help);
    help.appendChild(document.createTextNode(". "));
    help.appendChild(el("a", "Xem cách liên hệ", { href: cfg.contact_help }));
    box.appendChild(help);
    return box;
  }

  /* Exact name first, then names that start with the query, then the rest; each in list order. */
  function search(query) {
    var q = fold(query);
    if (!q) return [];
    var ranked = [];
    cfg.units.forEach(function (u, i) {
      var rank = u.fold === q || u.fold_full === q ? 0
        : u.fold.indexOf(q) === 0 || u.fold_full.indexOf(q) === 0 ? 1
        : u.fold.indexOf(q) >= 0 || u.fold_full.indexOf(q) >= 0 ? 2 : -1;
      if (rank >= 0) ranked.push([rank, i, u]);
    });
    ranked.sort(function (a, b) { return a[0] - b[0] || a[1] - b[1]; });
    return ranked.map(function (r) { return r[2]; });
  }

  function show(units, query) {
    results.replaceChildren.apply(results, units.map(card));
    if (!query) count.textContent = "";
    else if (!units.length) count.textContent = "Không tìm thấy xã, phường nào có tên như vậy. Hãy thử gõ ít chữ hơn, hoặc chọn trong danh sách.";
    else count.textContent = "Tìm thấy " + units.length + " xã, phường.";
  }

  cfg.units.forEach(function (u) { pick.appendChild(el("option", u.title, { value: u.id })); });

  input.addEventListener("input", function () {
    pick.value = "";
    show(search(input.value), input.value.trim());
  });
  pick.addEventListener("change", function () {
    var unit = cfg.units.filter(function (u) { return u.id === pick.value; })[0];
    input.value = "";
    show(unit ? [unit] : [], unit ? unit.title : "");
  });
  root.hidden = false;
})();
