// sortable.js: what the catalogue's cells sort by, and its table made sortable once.
"use strict";
const test = require("node:test");
const assert = require("node:assert/strict");
const { page } = require("./fake-dom.js");

function sortable(options = {}) {
  const sorted = [];
  const p = page({ scripts: ["shared", "sortable"], window: { Tablesort: function (table) { sorted.push(table); } }, ...options });
  return { ...p, sortable: p.window.seedwiki.sortable, sorted };
}

test("sortKey: a date sorts by its ISO form, undated as 0, other cells by their text", () => {
  const { sortable: s, h } = sortable();
  assert.equal(s.sortKey(h("td", {}, h("time", { datetime: "2022-01-23" }, "23 January 2022"))), "2022-01-23");
  assert.equal(s.sortKey(h("td", {}, "undated")), "0");
  assert.equal(s.sortKey(h("td", {}, "Shafaq News")), null);
  assert.equal(s.sortKey(h("td", {}, h("time", {}, "no datetime"))), null);
});

function catalogue(document, h) {
  const rows = [["2022-01-23", "23 January 2022"], [null, "undated"]].map(([iso, shown]) =>
    h("tr", {}, h("td", {}, "A seed"), h("td", {}, iso ? h("time", { datetime: iso }, shown) : shown)));
  document.body.appendChild(h("article", {},
    h("p", { class: "sw-sortable" }, "Select a column heading to sort."),
    h("div", { class: "md-typeset__table" }, h("table", {}, h("tbody", {}, rows)))));
}

test("the catalogue's table gets its sort keys and is made sortable once", () => {
  const p = sortable({ build: catalogue, documentDollar: true });
  p.instantLoad();
  assert.equal(p.sorted.length, 1);
  const cells = p.document.querySelectorAll("td");
  assert.deepEqual(cells.map((c) => c.getAttribute("data-sort")), [null, "2022-01-23", null, "0"]);
  assert.equal(p.sorted[0], p.document.querySelector("table"));
});

test("a table that does not follow the catalogue's hint is left alone", () => {
  const p = sortable({
    build(document, h) {
      document.body.appendChild(h("p", { class: "sw-sortable" }, "Select a column heading to sort."));
      document.body.appendChild(h("p", {}, "Something else."));
      document.body.appendChild(h("table", {}, h("tr", {}, h("td", {}, "undated"))));
    },
  });
  p.load();
  assert.equal(p.sorted.length, 0);
  assert.equal(p.document.querySelector("td").getAttribute("data-sort"), null);
});
