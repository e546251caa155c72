// preview.js: what a preview shows for a quotation, an entity link and a link to a paragraph, and
// how long its text may be.
"use strict";
const test = require("node:test");
const assert = require("node:assert/strict");
const { page, plain } = require("./fake-dom.js");

const ENTITIES = { "john-brennan": { name: "John Brennan", kind: "person", description: "Commander of CJTF-OIR.", mentions: "3 mentions" } };

function preview(options = {}) {
  const p = page({ scripts: ["shared", "preview"], ...options });
  return { ...p, preview: p.window.seedwiki.preview };
}

function previewOf(p, link) {
  let shown;
  p.preview.previewOf(link, (data) => { shown = data; });
  return shown === null ? null : plain(shown);
}

function seedPage(document, h) {
  document.body.appendChild(h("article", {},
    h("div", { class: "sw-previews", "data-entities": JSON.stringify(ENTITIES) }),
    h("p", { class: "sw-p", id: "p3", "data-label": "\u00b63" }, "The  escape\n attempt ", h("a", { class: "sw-permalink", href: "#p3" }, "\u00b6"),
      h("span", { class: "sw-copy" }, "Copy")),
    h("p", { class: "sw-p", id: "p4", "data-label": "\u00b64" },
      h("a", { id: "to-entity", href: "../../entities/john-brennan/" }, "Brennan"), " and ",
      h("a", { id: "to-unknown", href: "../../entities/nobody/index.html" }, "nobody"), " ",
      h("span", { class: "sw-quote", "data-speaker": "John Brennan" }, h("a", { id: "in-quote", href: "#p3" }, "quoted")),
      h("a", { id: "to-p3", href: "#p3" }, "see \u00b63"),
      h("a", { id: "elsewhere", href: "https://example.com/seeds/b/#p3" }, "another site"))));
}

test("clip keeps a preview's text to 420 characters, cut at a word", () => {
  const { preview: pv } = preview();
  assert.equal(pv.clip("short"), "short");
  const long = "word ".repeat(100).trim();
  const clipped = pv.clip(long);
  assert.ok(clipped.length <= 420);
  assert.ok(clipped.endsWith("word\u2026"), clipped.slice(-10));
  assert.equal(pv.clip("x".repeat(420)), "x".repeat(420));
});

test("a quotation's preview names who says it", () => {
  const p = preview({ build: seedPage });
  assert.deepEqual(previewOf(p, p.document.getElementById("in-quote")), {
    title: "Quoted: John Brennan",
    text: "Select the quotation mark after it for every quotation of John Brennan.",
  });
});

test("an entity link's preview: name, kind, description and mentions from the page", () => {
  const p = preview({ build: seedPage });
  assert.deepEqual(previewOf(p, p.document.getElementById("to-entity")),
    { title: "John Brennan (person)", text: "Commander of CJTF-OIR.", note: "3 mentions" });
  assert.equal(previewOf(p, p.document.getElementById("to-unknown")), null);
});

test("a link to a paragraph of the page previews its text, without the page's tools", () => {
  const p = preview({ build: seedPage, url: "http://127.0.0.1:8000/seeds/a/" });
  assert.deepEqual(previewOf(p, p.document.getElementById("to-p3")), { title: "\u00b63", text: "The escape attempt" });
});

test("a link to another site has no preview", () => {
  const p = preview({ build: seedPage, url: "http://127.0.0.1:8000/seeds/a/" });
  assert.equal(previewOf(p, p.document.getElementById("elsewhere")), null);
});

test("entityData reads the page's entities once, and nothing from a broken list", () => {
  const p = preview({ build: seedPage });
  assert.deepEqual(plain(p.preview.entityData()), ENTITIES);
  assert.equal(p.preview.entityData(), p.preview.entityData());
  const broken = preview({ build(document, h) { document.body.appendChild(h("article", {}, h("div", { class: "sw-previews", "data-entities": "{" }))); } });
  assert.deepEqual(plain(broken.preview.entityData()), {});
});

test("focusing a link with the keyboard shows its preview, Escape hides it", () => {
  const p = preview({ build: seedPage });
  const link = p.document.getElementById("to-entity");
  link.matches = function (selector) { return selector === ":focus-visible" || Object.getPrototypeOf(this).matches.call(this, selector); };
  p.document.dispatch("focusin", { target: link });
  const box = p.document.getElementById("sw-preview");
  assert.equal(box.getAttribute("role"), "tooltip");
  assert.equal(box.hidden, false);
  assert.deepEqual(box.children.map((c) => [c.className, c.textContent]), [
    ["sw-preview__title", "John Brennan (person)"],
    ["sw-preview__text", "Commander of CJTF-OIR."],
    ["sw-preview__note", "3 mentions"],
  ]);
  assert.equal(link.getAttribute("aria-describedby"), "sw-preview");
  p.document.dispatch("keydown", { key: "Escape" });
  assert.equal(box.hidden, true);
  assert.equal(link.getAttribute("aria-describedby"), null);
});
