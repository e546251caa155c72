/* seedwiki: Material for MkDocs' search worker, with English stemming of the query.
 *
 * Material adds a trailing wildcard to every query term ("withdrawal" becomes "withdrawal*"), and
 * lunr runs no pipeline over a wildcard term, so a stemmed index (where "withdrawal" is stored as
 * "withdraw") could never be found by the word as written. Here each query word in Latin letters
 * is stemmed with the index's own stemmer (lunr.stemmer, which Material's worker makes global)
 * before Material's worker reads the query; the wildcard then finds every form of the word.
 * Words in other scripts, and words the reader wrote with "*" or as "field:", stay as typed.
 *
 * Runs as a worker, or inside iframe-worker's frame in the offline build (file://).
 */
(function () {
  "use strict";
  var MATERIAL_WORKER = "__MATERIAL_WORKER__"; // Material's worker beside this file (filled in by the plugin)
  var QUERY = 2; // Material's SearchMessageType.QUERY
  var here = typeof document !== "undefined" && document.currentScript
    ? document.currentScript.src
    : self.location.href;
  var word = /(?<![\p{L}\p{N}'\u2019])[A-Za-z]+(?:['\u2019][A-Za-z]+)*(?![\p{L}\p{N}*:'\u2019])/gu;

  function stem(query) {
    return query.replace(word, function (w) {
      return self.lunr.stemmer(new self.lunr.Token(w.toLowerCase())).toString();
    });
  }

  addEventListener("message", function (ev) { // before Material's own listener
    var message = ev.data;
    if (message && message.type === QUERY && typeof message.data === "string" && self.lunr)
      message.data = stem(message.data);
  });
  importScripts(new URL(MATERIAL_WORKER, here).href);
})();
