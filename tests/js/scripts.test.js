// The page scripts together, as pages load them (shared.js first): each feature adds its part to
// window.seedwiki and runs on every page load, Material's instant loads too, without doubling up.
"use strict";
const test = require("node:test");
const assert = require("node:assert/strict");
const fs = require("node:fs");
const { page, SCRIPTS } = require("./fake-dom.js");

const ORDER = ["shared", "cite", "passage", "preview", "sortable", "search"];

test("every page script is loaded here, shared.js first", () => {
  const files = fs.readdirSync(SCRIPTS).filter((name) => name.endsWith(".js")).map((name) => name.slice(0, -3));
  assert.deepEqual(files.sort(), [...ORDER].sort());
});

test("the scripts add their parts to one window.seedwiki", () => {
  const p = page({ scripts: ORDER, window: { Tablesort() {} } });
  assert.deepEqual(Object.keys(p.window.seedwiki).filter((k) => typeof p.window.seedwiki[k] === "object").sort(),
    ["cite", "passage", "preview", "search", "sortable"]);
});

test("a feature script needs shared.js before it", () => {
  for (const name of ORDER.slice(1)) {
    assert.throws(() => page({ scripts: [name] }), (err) => err.name === "TypeError", name);  // the page's own TypeError
  }
});

test("on Material's instant loads every feature runs again on the new page, adding nothing twice", () => {
  const sorted = [];
  const p = page({
    scripts: ORDER,
    documentDollar: true,
    window: { Tablesort: function (table) { sorted.push(table); } },
    build(document, h) {
      document.body.appendChild(h("header", {}, h("nav", { class: "md-header__inner" }, h("div", { class: "md-header__option" }))));
      document.body.appendChild(h("article", { id: "old" }, h("p", { class: "sw-p", id: "p1", "data-label": "\u00b61" }, "Text.")));
    },
  });
  // Material replaces the page's content and fires document$ again.
  p.document.getElementById("old").remove();
  p.document.body.appendChild(p.h("article", {},
    p.h("h1", { class: "sw-title", id: "p6", "data-label": "\u00b66" }, "A title"), p.h("p", { class: "sw-p", id: "p7", "data-label": "\u00b67" }, "Other text."),
    p.h("p", { class: "sw-sortable" }, "Sort."), p.h("table", {}, p.h("tr", {}, p.h("td", {}, "undated")))));
  p.instantLoad();
  p.instantLoad();
  assert.equal(p.document.querySelectorAll(".sw-copy").length, 2);
  assert.equal(p.document.querySelectorAll(".sw-header-search").length, 1);
  assert.equal(sorted.length, 1);
  assert.equal(p.document.querySelector("td").getAttribute("data-sort"), "0");
});
