/* Vietnamese search help for Material's search box. Nothing is sent anywhere.
 *
 * Material matches every query word as a prefix, so a syllable typed without
 * diacritics ("ho") also finds "học", "hợp", "hóa"... To let pages that have
 * the words side by side rank first, each two adjacent words of the query are
 * added joined, folded and marked ("ho so" -> "_hoso"); the search index holds
 * the same pairs for every page (macros/search.py, fields fold_title_pairs and
 * fold_pairs). The mark keeps a single syllable from matching a pair.
 */
(function () {
  "use strict";
  var QUERY_MESSAGE = 2; /* SearchMessageType.QUERY in Material 9.8 */

  function fold(text) {
    return text.replace(/đ/g, "d").replace(/Đ/g, "D")
      .normalize("NFD").replace(/[\u0300-\u036f]/g, "").toLowerCase();
  }

  function joinedPairs(query) {
    var words = fold(query).split(/[\s\-,;:!?()\[\]{}"“”'.…]+/).filter(Boolean);
    var pairs = [];
    for (var i = 0; i + 1 < words.length; i++) {
      if (/^[a-z]+$/.test(words[i]) && /^[a-z]+$/.test(words[i + 1])) {
        pairs.push("_" + words[i] + words[i + 1]);
      }
    }
    return pairs;
  }

  if (typeof Worker === "undefined") return;
  var postMessage = Worker.prototype.postMessage;
  Worker.prototype.postMessage = function (message) {
    if (message && message.type === QUERY_MESSAGE && typeof message.data === "string") {
      var pairs = joinedPairs(message.data);
      if (pairs.length) {
        message = { type: message.type, data: message.data + " " + pairs.join(" ") };
      }
    }
    var args = Array.prototype.slice.call(arguments);
    args[0] = message;
    return postMessage.apply(this, args);
  };
})();
