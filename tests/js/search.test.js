// search.js: Pagefind's results as the search page shows them (decoded words, excerpts, the block
// of each match and its label, filters, the count), the header form, and pages left alone.
"use strict";
const test = require("node:test");
const assert = require("node:assert/strict");
const { page, plain } = require("./fake-dom.js");

function search(options = {}) {
  const p = page({ scripts: ["shared", "search"], ...options });
  return { ...p, search: p.window.seedwiki.search };
}

// The anchors Pagefind records for a seed page: the title (p1), a paragraph, a question unit (the
// div #q8, then its question, a heading with its own paragraph id) with its answer, then a section
// heading and a paragraph after it.
const ANCHORS = [
  { element: "h1", id: "p1", text: "Title", location: 0 },
  { element: "p", id: "p2", text: "", location: 3 },
  { element: "div", id: "q8", text: "", location: 10 },
  { element: "h3", id: "p10", text: "Why & how?", location: 10 },
  { element: "p", id: "p18", text: "", location: 14 },
  { element: "h2", id: "source-text", text: "Source & text", location: 20 },
  { element: "p", id: "p20", text: "", location: 22 },
];

// A seed's text as Pagefind returns it: `content` as it is; `raw_content` and the excerpts with "<"
// and ">" escaped, never "&" (so a seed's own "&lt;b&gt;" and "&amp;" look like escapes there).
const SEED_TEXT = "Fish &amp; chips: and &lt;b&gt;bold&amp; {{ config }} 5 < 6 & <i>";

test("a page's words are its content as it is, nothing decoded", () => {
  const { search: s } = search();
  assert.deepEqual(plain(s.words({ content: SEED_TEXT, raw_content: "ignored" })),
    ["Fish", "&amp;", "chips:", "and", "&lt;b&gt;bold&amp;", "{{", "config", "}}", "5", "<", "6", "&", "<i>"]);
});

test("an excerpt shows its words, the matches marked, as text and never as markup", () => {
  const { search: s } = search();
  const words = ["zero", "one", "<b>two</b>", "&lt;b&gt;three&amp;", "four", "five"];
  const out = s.excerpt(words, 1, 4, { 2: true });
  assert.equal(out.tagName, "P");
  assert.equal(out.className, "sw-result__excerpt");
  assert.equal(out.textContent, "… one <b>two</b> &lt;b&gt;three&amp; …");
  assert.deepEqual(out.children.map((c) => [c.tagName, c.textContent]), [["MARK", "<b>two</b>"]]);
  assert.equal(s.excerpt(words, -3, 99, {}).textContent, "zero one <b>two</b> &lt;b&gt;three&amp; four five");
});

test("subResults groups the matches by the nearest anchored block before them", () => {
  const { search: s } = search();
  const groups = s.subResults({ anchors: ANCHORS, locations: [23, 4, 12, 5, 15, 21] });
  assert.deepEqual(plain(groups.map((g) => [g.anchor.id, g.anchor.element, g.locations, g.end === Infinity ? "the end" : g.end])), [
    ["p2", "p", [4, 5], 10],
    ["p10", "h3", [12], 14],
    ["p18", "p", [15], 20],
    ["source-text", "h2", [21], 22],
    ["p20", "p", [23], "the end"],
  ]);
  // a block ends at the next block, not at another element with an id (a link, a list) between them:
  // the excerpt of a match after such an id is not empty
  const linked = [{ element: "h1", id: "title", location: 0 }, { element: "a", id: "ref", location: 2 }, { element: "h2", id: "next", location: 9 }];
  assert.deepEqual(plain(s.subResults({ anchors: linked, locations: [5] }).map((g) => [g.anchor.id, g.end])), [["title", 9]]);
  // a unit's div is never the block, even listed after its question
  assert.deepEqual(plain(s.subResults({ anchors: [ANCHORS[3], ANCHORS[2]], locations: [12] }).map((g) => g.anchor.id)), ["p10"]);
  assert.deepEqual(plain(s.subResults({ anchors: [{ element: "p", id: "p2", location: 5 }], locations: [1] })), []);  // before any block
});

test("anchorLabel names a block as citations do", () => {
  const { search: s } = search();
  const byId = (id) => ANCHORS.find((a) => a.id === id);
  assert.equal(s.anchorLabel(byId("p2"), ANCHORS), "\u00b62");
  assert.equal(s.anchorLabel(byId("p18"), ANCHORS), "Q8, \u00b618");
  assert.equal(s.anchorLabel(byId("p20"), ANCHORS), "\u00b620");  // after the unit's section ended
  assert.equal(s.anchorLabel(byId("p10"), ANCHORS), "Q8 (question)");
  assert.equal(s.anchorLabel(byId("source-text"), ANCHORS), "Source & text");
});

test("anchorLabel speaks the interface's language", () => {
  for (const [language, label] of [["ar", "Q8 (\u0633\u0624\u0627\u0644)"], ["de", "Q8 (Frage)"], ["fr", "Q8 (question)"]]) {
    const { search: s } = search({ language });
    assert.equal(s.anchorLabel(ANCHORS.find((a) => a.id === "p10"), ANCHORS), label);
  }
});

test("pagefindExcerpt: Pagefind's excerpt with its hits marked, as text and never as markup", () => {
  const { search: s } = search();
  const all = s.words({ content: "Intro. " + SEED_TEXT + " end" });
  // Pagefind's excerpt: words of raw_content ("<" and ">" escaped), the hits in <mark>
  const out = s.pagefindExcerpt("<mark>Fish</mark> &amp; chips: and <mark>&lt;b&gt;bold&amp;</mark> {{ config }} 5 &lt; 6 & &lt;i&gt;", all);
  assert.equal(out.className, "sw-result__excerpt");
  assert.equal(out.textContent, SEED_TEXT);
  assert.deepEqual(out.children.map((c) => [c.tagName, c.textContent]), [["MARK", "Fish"], ["MARK", "&lt;b&gt;bold&amp;"]]);
  assert.equal(s.pagefindExcerpt("", all).textContent, "");
  assert.equal(s.pagefindExcerpt("not <mark>there</mark>", all).textContent, "");  // never words the page does not have
});

test("the ranking options Pagefind searches with", () => {
  const { search: s } = search();
  assert.deepEqual(plain(s.RANKING), { pageLength: 0, metaWeights: { title: 1 } });
});

test("landing: the result's page, at its block, with the words to highlight", () => {
  const { search: s } = search({ url: "http://127.0.0.1:8000/search/?q=escape" });
  assert.equal(s.landing("/seeds/a/", "escape attempt", "p12"), "http://127.0.0.1:8000/seeds/a/?highlight=escape+attempt#p12");
  assert.equal(s.landing("/seeds/a/", "", ""), "http://127.0.0.1:8000/seeds/a/");
});

test("facetsOf reads a page's filters from its metadata as it is, once", () => {
  const { search: s } = search();
  const data = { meta: { facets: '{"section": ["Seeds"], "year": ["2022"], "outlet": ["Fish &amp; <b>"]}' } };
  assert.deepEqual(plain(s.facetsOf(data)), { section: ["Seeds"], year: ["2022"], outlet: ["Fish &amp; <b>"] });
  assert.equal(s.facetsOf(data), data.facets);
  assert.deepEqual(plain(s.facetsOf({ meta: { facets: "{" } })), {});
  assert.deepEqual(plain(s.facetsOf({})), {});
});

test("filters: a page matches every chosen value; each value counts the pages the other filters leave", () => {
  const { search: s } = search();
  const pages = [
    { facets: { section: ["Seeds"], year: ["2022"], tag: ["iraq", "isis"] } },
    { facets: { section: ["Seeds"], year: ["2021"], tag: ["iraq"] } },
    { facets: { section: ["Entities"] } },
  ];
  assert.ok(s.matches(pages[0], { section: "Seeds", tag: "isis" }));
  assert.ok(!s.matches(pages[1], { section: "Seeds", tag: "isis" }));
  assert.ok(s.matches(pages[2], {}));
  assert.deepEqual(plain(s.filterCounts(pages, {}, "section")), { Seeds: 2, Entities: 1 });
  assert.deepEqual(plain(s.filterCounts(pages, { year: "2022" }, "tag")), { iraq: 1, isis: 1 });
  assert.deepEqual(plain(s.filterCounts(pages, { year: "2022" }, "year")), { 2022: 1, 2021: 1 });  // its own choice left out
});

test("countText says how many pages and places hold the words", () => {
  const { search: s } = search();
  assert.equal(s.countText(0, 0, 0, "escape", false), "No page holds \u201cescape\u201d.");
  assert.equal(s.countText(0, 3, 0, "escape", true), "No page holds \u201cescape\u201d with these filters.");
  assert.equal(s.countText(1, 1, 1, "escape", false), "1 page holds \u201cescape\u201d, in 1 place; all are shown.");
  assert.equal(s.countText(2, 5, 3, "escape", true), "2 pages hold \u201cescape\u201d (narrowed from 5), in 3 places; all are shown.");
  assert.equal(s.countText(2, 2, 0, "escape", false), "2 pages hold \u201cescape\u201d; all are shown.");
});

test("a result: the page's title, its facts, and a line for each block that holds the words", () => {
  const { search: s, h } = search({ url: "http://127.0.0.1:8000/search/" });
  const list = h("ol", { class: "sw-results" });
  const words = "Title of it . Escape attempts &amp; &lt;b&gt; . The question : Why & how ? The answer : escape".split(" ");
  s.showResult(list, {
    url: "/seeds/a/",
    meta: { title: "Briefing &amp; <b>more", date: "23 January 2022", lang: "en",
      facets: JSON.stringify({ section: ["Seeds"], kind: ["interview"], outlet: ["Reuters &amp; Co"] }) },
    content: words.join(" "),
    anchors: ANCHORS,
    locations: [4, 19],
  }, "escape");
  const item = list.children[0];
  assert.equal(item.className, "sw-result");
  const title = item.querySelector("h2.sw-result__heading a.sw-result__title");
  assert.equal(title.textContent, "Briefing &amp; <b>more");
  assert.equal(title.children.length, 0);
  assert.equal(title.href, "http://127.0.0.1:8000/seeds/a/?highlight=escape");
  assert.equal(item.querySelector(".sw-result__facts").textContent, "Seeds \u00b7 interview \u00b7 Reuters &amp; Co \u00b7 23 January 2022");
  const subs = item.querySelectorAll(".sw-result__sub");
  assert.deepEqual(subs.map((sub) => sub.querySelector("a.sw-result__where").textContent), ["\u00b62", "Q8, \u00b618"]);
  // a label reads left to right, set apart from the text around it, also in a right-to-left interface
  assert.deepEqual(subs.map((sub) => sub.querySelector("a.sw-result__where").dir), ["ltr", "ltr"]);
  assert.equal(subs[0].querySelector("a").href, "http://127.0.0.1:8000/seeds/a/?highlight=escape#p2");
  const excerpt = subs[0].querySelector(".sw-result__excerpt");
  assert.equal(excerpt.textContent, "… . Escape attempts &amp; &lt;b&gt; . The …");  // from its block's start to the next block
  assert.equal(excerpt.querySelector("mark").textContent, "Escape");
  assert.equal(excerpt.lang, "en");
  assert.equal(subs[1].querySelector("mark").textContent, "escape");
});

test("an entity's result: the excerpt under its name is not a second link to the same page", () => {
  const { search: s, h } = search({ url: "http://127.0.0.1:8000/search/" });
  const list = h("ol", { class: "sw-results" });
  s.showResult(list, {
    url: "/entities/prison/",
    meta: { title: "Ghuwayran prison", facets: JSON.stringify({ section: ["Entities"] }) },
    content: "Ghuwayran prison . A prison in Hasakah . Mentions",
    anchors: [{ element: "h1", id: "ghuwayran-prison", text: "Ghuwayran prison", location: 0 }, { element: "h2", id: "mentions", text: "Mentions", location: 7 }],
    locations: [0, 5],
  }, "Ghuwayran");
  const item = list.children[0];
  assert.equal(item.querySelectorAll(".sw-result__sub").length, 0);
  assert.equal(item.querySelectorAll("ul").length, 0);
  assert.equal(item.querySelector(".sw-result__excerpt").textContent, "Ghuwayran prison . A prison in Hasakah …");  // up to the next heading
  assert.equal(item.querySelector(".sw-result__excerpt").className, "sw-result__excerpt sw-result__place");  // a place the words are, counted
  assert.equal(item.querySelector(".sw-result__facts").textContent, "Entities");
});

test("a page without a header, search page or words to highlight is left alone", () => {
  const p = search({ build(document, h) { document.body.appendChild(h("article", {}, h("p", {}, "Text."))); } });
  p.load();
  assert.equal(p.document.created.length, 0);
});

test("the header gets a search form leading to the search page, once", () => {
  const p = search({
    url: "http://127.0.0.1:8000/wiki/seeds/a/",
    documentDollar: true,
    build(document, h) {
      document.body.appendChild(h("script", { id: "__config" }, JSON.stringify({ base: "../.." })));
      document.body.appendChild(h("header", {}, h("nav", { class: "md-header__inner" },
        h("div", { class: "md-header__title" }, "Wiki"), h("div", { class: "md-header__source" }, "repo"))));
    },
  });
  p.instantLoad();
  const forms = p.document.querySelectorAll("form.sw-header-search");
  assert.equal(forms.length, 1);
  assert.equal(forms[0].action, "http://127.0.0.1:8000/wiki/search/");
  assert.equal(forms[0].getAttribute("role"), "search");
  assert.equal(forms[0].nextElementSibling.className, "md-header__source");
  const input = forms[0].querySelector("input");
  assert.deepEqual([input.type, input.name, input.placeholder, input.getAttribute("aria-label")], ["search", "q", "Search", "Search the wiki"]);
});

test("Material's own search box (the offline build) is named, and no header form is added", () => {
  const p = search({
    url: "file:///site/seeds/a/index.html",
    build(document, h) {
      document.body.appendChild(h("header", {}, h("nav", { class: "md-header__inner" },
        h("div", { class: "md-search", role: "dialog" }))));
    },
  });
  p.load();
  assert.equal(p.document.querySelector(".md-search").getAttribute("aria-label"), "Search");
  assert.equal(p.document.querySelector(".sw-header-search"), null);
});

test("the search page offline points to the search box", () => {
  const p = search({
    url: "file:///site/search/index.html",
    build(document, h) { document.body.appendChild(h("article", {}, h("div", { id: "sw-search", "data-bundle": "../pagefind/" }))); },
  });
  p.load();
  assert.equal(p.document.getElementById("sw-search").textContent, "In the offline copy, use the search box at the top of the page.");
});

test("the search page builds its form, and says so when Pagefind cannot start", async () => {
  const p = search({
    url: "http://127.0.0.1:8000/search/?q=escape",
    build(document, h) { document.body.appendChild(h("article", {}, h("div", { id: "sw-search", "data-bundle": "../pagefind/" }))); },
  });
  p.load();
  const target = p.document.getElementById("sw-search");
  assert.equal(target.dataset.started, "1");
  const input = target.querySelector("form.sw-search__form input.sw-search__input");
  assert.equal(input.value, "escape");
  assert.equal(input.getAttribute("aria-label"), "Search the seeds, entities, quotes and timeline");
  assert.equal(target.querySelector("button.sw-search__go").textContent, "Search");
  const filters = target.querySelector("details.sw-search__filters");
  assert.equal(filters.querySelector("summary").textContent, "Filters");
  assert.equal(filters.querySelector("fieldset.sw-search__filterset legend").textContent, "Narrow to");
  assert.ok(target.querySelector("ol.sw-results"));
  await new Promise((resolve) => setTimeout(resolve, 20));  // the page's import() of Pagefind fails here
  assert.equal(target.querySelector(".sw-search__count").textContent, "Search could not start here. Browse the catalogue instead.");
});
