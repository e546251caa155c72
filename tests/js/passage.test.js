// passage.js: the text fragment of a selected passage (#p12:~:text=…) and the link it makes.
"use strict";
const test = require("node:test");
const assert = require("node:assert/strict");
const { page } = require("./fake-dom.js");

function passage(options = {}) {
  const p = page({ scripts: ["shared", "passage"], ...options });
  return { ...p, passage: p.window.seedwiki.passage };
}

test("fragmentPart percent-encodes a text fragment's part, hyphens too", () => {
  const { passage: ps } = passage();
  assert.equal(ps.fragmentPart("well-known, 100% & more"), "well%2Dknown%2C%20100%25%20%26%20more");
  assert.equal(ps.fragmentPart("\u0628\u063a\u062f\u0627\u062f"), "%D8%A8%D8%BA%D8%AF%D8%A7%D8%AF");
});

test("directiveOf writes prefix-,start,end,-suffix, leaving out what the fragment lacks", () => {
  const { passage: ps } = passage();
  assert.equal(ps.directiveOf({ textStart: "the escape" }), "the%20escape");
  assert.equal(ps.directiveOf({ textStart: "the", textEnd: "end" }), "the,end");
  assert.equal(ps.directiveOf({ prefix: "said", textStart: "the", textEnd: "end", suffix: "of it" }), "said-,the,end,-of%20it");
  assert.equal(ps.directiveOf({ prefix: "co-op", textStart: "x" }), "co%2Dop-,x");
});

test("fallbackDirective: up to 12 words whole, longer passages by their first and last five", () => {
  const { passage: ps } = passage();
  const twelve = "one two three four five six seven eight nine ten eleven twelve";
  assert.equal(ps.fallbackDirective(twelve), twelve.replace(/ /g, "%20"));
  assert.equal(ps.fallbackDirective(twelve + " thirteen"), "one%20two%20three%20four%20five,nine%20ten%20eleven%20twelve%20thirteen");
});

test("fallbackDirective over two blocks: the first words in the first, the last words in the last", () => {
  const { passage: ps } = passage();
  assert.equal(ps.fallbackDirective("the end of one paragraph", "and the start of the next one here"),
    "the%20end%20of%20one%20paragraph,of%20the%20next%20one%20here");
  assert.equal(ps.fallbackDirective("a b", "c"), "a%20b,c");
});

test("rangeLabel names the blocks a passage runs over from the page's labels", () => {
  const { passage: ps, h } = passage();
  const p10 = h("p", { class: "sw-p", id: "p10", "data-label": "\u00b610" }, "x");
  const p11 = h("p", { class: "sw-p", id: "p11", "data-label": "\u00b611" }, "y");
  const a18 = h("p", { class: "sw-p", id: "p18", "data-label": "Q8, \u00b618" }, "x");
  const a19 = h("p", { class: "sw-p", id: "p19", "data-label": "Q8, \u00b619" }, "y");
  const a20 = h("p", { class: "sw-p", id: "p20", "data-label": "Q9, \u00b620" }, "z");
  assert.equal(ps.rangeLabel(p10, p10), "\u00b610");
  assert.equal(ps.rangeLabel(p10, p11), "\u00b610\u2013\u00b611");
  assert.equal(ps.rangeLabel(a18, a19), "Q8, \u00b618\u2013\u00b619");
  assert.equal(ps.rangeLabel(a19, a20), "Q8, \u00b619\u2013Q9, \u00b620");
});

test("passageLink: the block's address with the fragment, made or fallen back on", () => {
  const { passage: ps, h } = passage({ url: "http://127.0.0.1:8000/seeds/a/index.html?x=1#p1" });
  const block = h("p", { class: "sw-p", id: "p12", "data-label": "\u00b612" }, "Text.");
  assert.equal(ps.passageLink({ block, text: "the escape attempt", directive: "said-,the%20escape,-attempt" }),
    "http://127.0.0.1:8000/seeds/a/#p12:~:text=said-,the%20escape,-attempt");
  assert.equal(ps.passageLink({ block, text: "the escape attempt", directive: null }),
    "http://127.0.0.1:8000/seeds/a/#p12:~:text=the%20escape%20attempt");
  const question = h("h3", { class: "sw-q", "data-label": "Q8" }, "Why?");
  h("div", { class: "sw-unit", id: "q8" }, question);
  assert.equal(ps.passageLink({ block: question, text: "Why" }), "http://127.0.0.1:8000/seeds/a/#q8:~:text=Why");
});

test("without a selection, no passage button appears", () => {
  const p = passage({ window: { getSelection: () => ({ isCollapsed: true, rangeCount: 0 }) } });
  p.document.dispatch("selectionchange", {});
  const wait = p.timers.at(-1);
  assert.equal(wait.ms, 120);  // once the selection has settled
  wait.fn();
  assert.equal(p.document.querySelector(".sw-passage"), null);
});
