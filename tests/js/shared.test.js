// shared.js: the page address, the site's root, a block's anchor and label, escaping, elements,
// copying to the clipboard, and running on every page load.
"use strict";
const test = require("node:test");
const assert = require("node:assert/strict");
const { page } = require("./fake-dom.js");

function shared(options = {}) {
  const p = page({ scripts: ["shared"], ...options });
  return { ...p, seedwiki: p.window.seedwiki };
}

test("escapeHtml escapes as Python's html.escape", () => {
  const { seedwiki } = shared();
  assert.equal(seedwiki.escapeHtml(`<a href="x">Tom & Jerry's</a>`), "&lt;a href=&quot;x&quot;&gt;Tom &amp; Jerry&#x27;s&lt;/a&gt;");
  assert.equal(seedwiki.escapeHtml("&amp;"), "&amp;amp;");
});

test("pageUrl is the page's address without query, fragment or index.html", () => {
  const { seedwiki } = shared({ url: "http://127.0.0.1:8000/seeds/a/index.html?q=x#p3" });
  assert.equal(seedwiki.pageUrl(), "http://127.0.0.1:8000/seeds/a/");
});

test("pageUrl keeps index.html in the offline copy, where folders do not open their index", () => {
  const { seedwiki } = shared({ url: "file:///home/me/site/seeds/a/index.html#p3" });
  assert.equal(seedwiki.pageUrl(), "file:///home/me/site/seeds/a/index.html");
});

test("pageUrl is the published address when the page names one", () => {
  const { seedwiki } = shared({
    url: "http://127.0.0.1:8000/seeds/a/",
    build(document, h) { document.head.appendChild(h("meta", { name: "seedwiki:published-url", content: "https://example.org/wiki/seeds/a/index.html" })); },
  });
  assert.equal(seedwiki.pageUrl(), "https://example.org/wiki/seeds/a/");
});

test("pageUrl on a long seed's later part is the seed's page: served, offline and published", () => {
  const part = (url, published) => shared({
    url,
    build(document, h) {
      if (published) document.head.appendChild(h("meta", { name: "seedwiki:published-url", content: published }));
      const article = h("article");
      article.appendChild(h("h1", { "data-sw-seed": "../../../seeds/a/index.html" }, "A"));
      document.body.appendChild(article);
    },
  }).seedwiki.pageUrl();
  assert.equal(part("http://127.0.0.1:8000/seeds/a/part-3/#p900"), "http://127.0.0.1:8000/seeds/a/");
  assert.equal(part("http://127.0.0.1:8000/seeds/a/part-3/index.html"), "http://127.0.0.1:8000/seeds/a/");
  assert.equal(part("file:///home/me/site/seeds/a/part-3/index.html#p900"), "file:///home/me/site/seeds/a/index.html");
  assert.equal(part("http://127.0.0.1:8000/seeds/a/part-3/", "https://example.org/wiki/seeds/a/part-3/"), "https://example.org/wiki/seeds/a/");
});

test("siteBase reads Material's base, relative or from the server's root, ending with one slash", () => {
  const config = (base) => ({ build(document, h) { document.body.appendChild(h("script", { id: "__config" }, JSON.stringify({ base }))); } });
  assert.equal(shared({ url: "http://h/wiki/seeds/a/", ...config("../..") }).seedwiki.siteBase().href, "http://h/wiki/");
  assert.equal(shared({ url: "http://h/wiki/missing", ...config("/wiki//") }).seedwiki.siteBase().href, "http://h/wiki/");
  assert.equal(shared({ url: "http://h/wiki/missing", ...config("/") }).seedwiki.siteBase().href, "http://h/");
  assert.equal(shared({ url: "http://h/wiki/seeds/a/" }).seedwiki.siteBase().href, "http://h/wiki/seeds/a/");  // no config: the page's folder
});

test("a paragraph is cited by its anchor, a question by its unit's, each by the label the page gives it", () => {
  const p = shared();
  const { seedwiki, h } = p;
  const paragraph = h("p", { class: "sw-p", id: "p12", "data-label": "\u00b612" }, "Text.");
  const titled = h("h1", { class: "sw-title", id: "p1", "data-label": "title" }, "Title");
  const question = h("h3", { class: "sw-q", "data-label": "Q8" }, "Why?");
  assert.equal(seedwiki.labelOf(h("p", { class: "sw-p", id: "p13" }, "No label.")), "");  // the script makes no label
  h("div", { class: "sw-unit", id: "q8" }, question);
  assert.equal(seedwiki.anchorOf(paragraph), "p12");
  assert.equal(seedwiki.labelOf(paragraph), "\u00b612");
  assert.equal(seedwiki.labelOf(titled), "title");
  assert.equal(seedwiki.anchorOf(question), "q8");
  assert.equal(seedwiki.labelOf(question), "Q8");
});

test("element makes an element with a class and text", () => {
  const { seedwiki } = shared();
  const el = seedwiki.element("p", "sw-result__facts", "Seeds");
  assert.equal(el.tagName, "P");
  assert.equal(el.className, "sw-result__facts");
  assert.equal(el.textContent, "Seeds");
  const bare = seedwiki.element("ol");
  assert.equal(bare.className, "");
  assert.equal(bare.childNodes.length, 0);
});

test("onPage runs on Material's document$ when there is one, else once the page has loaded", () => {
  const material = shared({ documentDollar: true });
  let runs = 0;
  material.seedwiki.onPage(() => { runs += 1; });
  assert.equal(runs, 1);
  material.instantLoad();
  assert.equal(runs, 2);

  const plainPage = shared();
  let loaded = 0;
  plainPage.seedwiki.onPage(() => { loaded += 1; });
  assert.equal(loaded, 0);
  plainPage.load();
  assert.equal(loaded, 1);
});

test("copy without the Clipboard API puts text and HTML on a copy event, and says so", () => {
  const { seedwiki, document, h } = shared();
  const source = h("button", {});
  seedwiki.copy("plain", "Copied the thing", "<b>rich</b>", source);
  assert.deepEqual({ ...document.copied }, { "text/plain": "plain", "text/html": "<b>rich</b>" });
  const status = document.querySelector(".sw-status");
  assert.equal(status.textContent, "Copied the thing");
  assert.equal(status.getAttribute("role"), "status");
  assert.equal(status.getAttribute("aria-live"), "polite");
  assert.ok(source.classList.contains("sw-copied"));
  assert.equal(document.listeners.copy.length, 0);  // the copy listener is removed again
});

test("copy says what to copy by hand when copying is blocked", () => {
  const { seedwiki, document, h } = shared();
  document.copyBlocked = true;
  const source = h("button", {});
  seedwiki.copy("https://example.org/a/#p1", "Copied the link", null, source);
  assert.equal(document.querySelector(".sw-status").textContent, "Copying is blocked here; the text is: https://example.org/a/#p1");
  assert.ok(!source.classList.contains("sw-copied"));
});

test("copy uses the Clipboard API when the page may", async () => {
  const written = [];
  const { seedwiki, document } = shared({
    window: { navigator: { clipboard: { writeText(text) { written.push(text); return Promise.resolve(); } } } },
  });
  seedwiki.copy("https://example.org/a/#p1", "Copied the link");
  await new Promise((resolve) => setImmediate(resolve));
  assert.deepEqual(written, ["https://example.org/a/#p1"]);
  assert.equal(document.copied, undefined);
  assert.equal(document.querySelector(".sw-status").textContent, "Copied the link");
});

test("load adds a script of the package once, found from shared.js's own address, and runs each caller's function when it has loaded", () => {
  const { seedwiki, document } = shared({
    url: "file:///home/me/site/seeds/a/index.html",
    build(document) { document.currentScript = { src: "file:///home/me/site/seedwiki/js/shared.js" }; },
  });
  const ran = [];
  seedwiki.load("vendor/x/x.js", () => ran.push(1));
  seedwiki.load("vendor/x/x.js", () => ran.push(2));
  const added = document.head.querySelectorAll("script");
  assert.equal(added.length, 1);
  assert.equal(added[0].src, "file:///home/me/site/seedwiki/vendor/x/x.js");
  assert.deepEqual(ran, []);
  added[0].onload();
  assert.deepEqual(ran, [1, 2]);
  seedwiki.load("vendor/x/x.js", () => ran.push(3));
  assert.deepEqual(ran, [1, 2, 3]);
  assert.equal(document.head.querySelectorAll("script").length, 1);
});

test("load adds nothing when the page lists the script already (Zensical's pages list them all)", () => {
  const { seedwiki, document } = shared({
    url: "http://h/seeds/a/",
    build(document, h) { document.body.appendChild(h("script", { src: "../../seedwiki/vendor/x/x.js" })); },
  });
  const ran = [];
  seedwiki.load("vendor/x/x.js", () => ran.push(1));
  assert.deepEqual(ran, [1]);
  assert.equal(document.head.querySelectorAll("script").length, 0);
});
