// The page scripts' words: the site's language (the package's words.json, as the generated
// js/words.js gives it), plural forms by CLDR's rules, and no English left in another language.
"use strict";
const test = require("node:test");
const assert = require("node:assert/strict");
const { page } = require("./fake-dom.js");

test("word puts values in and picks the plural form the language's rules name", () => {
  const ar = page({ scripts: ["shared"], language: "ar" }).window.seedwiki;
  assert.equal(ar.word("js_in_places", { count: 1 }), "، في موضع واحد");
  assert.equal(ar.word("js_in_places", { count: 2 }), "، في موضعين");
  assert.equal(ar.word("js_in_places", { count: 5 }), "، في 5 مواضع");
  assert.equal(ar.word("js_in_places", { count: 11 }), "، في 11 موضعًا");
  const de = page({ scripts: ["shared"], language: "de" }).window.seedwiki;
  assert.equal(de.word("js_pages_hold", { count: 1234, term: "Haushalt" }), "1.234 Seiten enthalten \u201eHaushalt\u201c");
  assert.equal(de.word("js_copy_link_to", { label: "\u00b612" }), "Link zu \u00b612 kopieren");
});

test("a key the words lack is shown as the key, not as English", () => {
  const p = page({ scripts: ["shared"], language: "fr", window: { seedwikiWords: { lang: "fr", dir: "ltr", words: {} } } });
  assert.equal(p.window.seedwiki.word("js_copy"), "js_copy");
});

test("a block's tools and the search page's count speak the page's language", () => {
  const p = page({
    scripts: ["shared", "cite", "search"],
    language: "fr",
    build(document, h) {
      document.body.appendChild(h("article", {}, h("p", { class: "sw-p", id: "p12", "data-label": "\u00b612" }, "Texte.")));
    },
  });
  p.load();
  const buttons = p.document.querySelectorAll("#p12 button");
  assert.deepEqual(buttons.map((b) => b.getAttribute("aria-label")), ["Copier le lien vers \u00b612", "Copier la citation de \u00b612"]);
  const s = p.window.seedwiki.search;
  assert.equal(s.countText(0, 0, 0, "budget", false), "Aucune page ne contient \u00ab budget \u00bb.");
  assert.equal(s.countText(2, 5, 3, "budget", true), "2 pages contiennent \u00ab budget \u00bb (sur 5), \u00e0 3 endroits ; toutes sont affich\u00e9es.");
});

test("the catalogue's undated cells sort first in the site's language too", () => {
  const p = page({ scripts: ["shared", "sortable"], language: "de", window: { Tablesort() {} } });
  assert.equal(p.window.seedwiki.sortable.sortKey(p.h("td", {}, "undatiert")), "0");
  assert.equal(p.window.seedwiki.sortable.sortKey(p.h("td", {}, "undated")), null);
});
