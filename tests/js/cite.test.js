// cite.js: the citation of a block (as `seedwiki cite --format text` and `--format html` give it),
// the tools added to each citable block, and the "Cite this source" box.
"use strict";
const test = require("node:test");
const assert = require("node:assert/strict");
const { page } = require("./fake-dom.js");

const DAY = new Date(2024, 2, 5);  // 5 March 2024, local time as the page's

function cite(options = {}) {
  const p = page({ scripts: ["shared", "cite"], ...options });
  return { ...p, cite: p.window.seedwiki.cite };
}

test("sentence ends a text with a full stop unless it ends a sentence already", () => {
  const { cite: c } = cite();
  assert.equal(c.sentence("Shafaq News, 23 January 2022"), "Shafaq News, 23 January 2022.");
  assert.equal(c.sentence("Does it pose a threat?"), "Does it pose a threat?");
  assert.equal(c.sentence("He said \u201cno.\u201d"), "He said \u201cno.\u201d");
  assert.equal(c.sentence("(see above.)"), "(see above.)");
  assert.equal(c.sentence("Reuters (2022)"), "Reuters (2022).");
});

test("humanDate writes a date as people do", () => {
  const { cite: c } = cite();
  assert.equal(c.humanDate(new Date(2022, 0, 23)), "23 January 2022");
  assert.equal(c.humanDate(new Date(1999, 11, 1)), "1 December 1999");
});

test("the citation of a paragraph: authors, title and label, where and when, address, notes", () => {
  const { cite: c, h } = cite();
  const block = h("p", { class: "sw-p", id: "p12", "data-label": "\u00b612" }, "Text.");
  const data = {
    authors: "Caggins, Myles B.",
    title: "Briefing on Iraq",
    after: "U.S. Department of Defense, 23 January 2022",
    notes: { p12: "The speaker is Maj. Gen. John Brennan.", p13: "Not this one." },
    original: "Originally in Arabic.",
  };
  const { text, html } = c.citationOf(block, data, "https://example.org/wiki/seeds/a/", DAY);
  assert.equal(text, "Caggins, Myles B. Briefing on Iraq, \u00b612. U.S. Department of Defense, 23 January 2022. "
    + "https://example.org/wiki/seeds/a/#p12 (accessed 5 March 2024). The speaker is Maj. Gen. John Brennan. Originally in Arabic.");
  assert.equal(html, 'Caggins, Myles B. <a href="https://example.org/wiki/seeds/a/#p12">Briefing on Iraq, \u00b612</a>. '
    + "U.S. Department of Defense, 23 January 2022 (accessed 5 March 2024). The speaker is Maj. Gen. John Brennan. Originally in Arabic.");
});

test("a citation without data takes the page's title and says n.d.; a question cites its unit", () => {
  const { cite: c, h, document } = cite();
  document.title = "Untitled <draft> & notes";
  const question = h("h3", { class: "sw-q", "data-label": "Q8" }, "Why?");
  h("div", { class: "sw-unit", id: "q8" }, question);
  const { text, html } = c.citationOf(question, {}, "http://127.0.0.1:8000/seeds/a/", DAY);
  assert.equal(text, "Untitled <draft> & notes, Q8. n.d. http://127.0.0.1:8000/seeds/a/#q8 (accessed 5 March 2024).");
  assert.equal(html, '<a href="http://127.0.0.1:8000/seeds/a/#q8">Untitled &lt;draft&gt; &amp; notes, Q8</a>. n.d. (accessed 5 March 2024).');
});

test("citeData reads the page's citation data, and nothing from a broken or missing one", () => {
  const data = (value) => cite({
    build(document, h) { document.body.appendChild(h("article", {}, h("div", { class: "sw-cite-data", "data-cite": value }))); },
  }).cite.citeData();
  assert.deepEqual({ ...data('{"title": "T", "after": "n.d."}') }, { title: "T", after: "n.d." });
  assert.equal(data("{broken"), null);
  assert.equal(cite().cite.citeData(), null);
});

test("citation reads the page's data and address", () => {
  const { cite: c, document } = cite({
    url: "http://127.0.0.1:8000/seeds/a/index.html#p2",
    build(document, h) {
      document.body.appendChild(h("article", {},
        h("div", { class: "sw-cite-data", "data-cite": '{"title": "A page", "after": "Outlet"}' }),
        h("p", { class: "sw-p", id: "p2", "data-label": "\u00b62" }, "Text.")));
    },
  });
  const { text } = c.citation(document.getElementById("p2"));
  assert.match(text, /^A page, \u00b62\. Outlet\. http:\/\/127\.0\.0\.1:8000\/seeds\/a\/#p2 \(accessed \d+ [A-Z][a-z]+ \d{4}\)\.$/);
});

function article(document, h) {
  const question = h("h3", { class: "sw-q", "data-label": "Q8" }, "Why?", h("a", { class: "headerlink", href: "#q8" }, "\u00b6"));
  document.body.appendChild(h("article", {},
    h("h1", { class: "sw-title", id: "p1", "data-label": "title" }, "Title"),
    h("p", { class: "sw-p", id: "p2", "data-label": "\u00b62" }, "Text."),
    h("p", { class: "sw-p" }, "Not citable: no anchor."),
    h("div", { class: "sw-unit", id: "q8" }, question)));
}

test("every citable block gets Copy link and Copy citation, once, before Material's permalink", () => {
  const p = cite({ build: article, documentDollar: true });
  p.instantLoad();  // Material fires again on an instant load: nothing is added twice
  const tools = p.document.querySelectorAll(".sw-copy");
  assert.equal(tools.length, 3);
  const titles = tools.map((t) => t.querySelectorAll("button").map((b) => b.title));
  assert.deepEqual(titles.map((t) => [...t]), [
    ["Copy link to title", "Copy citation of title"],
    ["Copy link to \u00b62", "Copy citation of \u00b62"],
    ["Copy link to Q8", "Copy citation of Q8"],
  ]);
  const question = p.document.querySelector("h3.sw-q");
  assert.equal(question.children[0].className, "sw-copy");
  assert.equal(question.children[1].className, "headerlink");
  assert.ok(tools[0].hasAttribute("data-search-exclude") && tools[0].hasAttribute("data-pagefind-ignore"));
  assert.equal(tools[0].querySelector("button").getAttribute("aria-label"), "Copy link to title");
  assert.equal(tools[0].querySelector("button").type, "button");
});

test("Copy link copies the block's address and says so", () => {
  const p = cite({ url: "http://127.0.0.1:8000/seeds/a/", build: article });
  p.load();
  p.document.querySelector("#p2 .sw-copy button").click();
  assert.equal(p.document.copied["text/plain"], "http://127.0.0.1:8000/seeds/a/#p2");
  assert.equal(p.document.querySelector(".sw-status").textContent, "Copied the link to \u00b62");
});

test("the Cite this source box: the address filled in, downloads made, a copy button per style", () => {
  const p = cite({
    url: "http://127.0.0.1:8000/seeds/a/index.html",
    build(document, h) {
      document.body.appendChild(h("article", {},
        h("div", { class: "sw-cite-box" },
          h("div", { class: "sw-cite-style", "data-style": "APA" },
            h("p", { class: "sw-cite-text" }, "Reference. ", h("span", { class: "sw-cite-url" }, "/seeds/a/"))),
          h("a", { class: "sw-cite-download", "data-file": "sw-bib" }, "BibTeX")),
        h("script", { id: "sw-bib", "data-type": "application/x-bibtex", "data-name": "a.bib" }, "@misc{a, title = {A & B}}")));
    },
    documentDollar: true,
  });
  p.instantLoad();
  const box = p.document.querySelector(".sw-cite-box");
  assert.equal(box.querySelector(".sw-cite-url").textContent, "http://127.0.0.1:8000/seeds/a/");
  const link = box.querySelector("a.sw-cite-download");
  assert.equal(link.href, "data:application/x-bibtex;charset=utf-8," + encodeURIComponent("@misc{a, title = {A & B}}"));
  assert.equal(link.getAttribute("download"), "a.bib");
  const buttons = box.querySelectorAll("button.sw-cite-copy");
  assert.equal(buttons.length, 1);
  assert.equal(buttons[0].textContent, "Copy");
  assert.equal(buttons[0].className, "md-button sw-cite-copy");
  assert.equal(buttons[0].getAttribute("aria-label"), "Copy the APA reference");
  buttons[0].click();
  assert.equal(p.document.copied["text/plain"], "Reference. http://127.0.0.1:8000/seeds/a/");
  assert.equal(p.document.querySelector(".sw-status").textContent, "Copied the APA reference");
});

test("a page read away from its published address prints and lists the published one", () => {
  const p = cite({
    url: "http://127.0.0.1:8000/seeds/a/",
    build(document, h) {
      document.body.appendChild(h("p", { class: "sw-print-address" }, "Permanent address: ", h("span", {}, "/seeds/a/")));
      document.head.appendChild(h("meta", { name: "citation_public_url", content: "/seeds/a/" }));
    },
  });
  p.load();
  assert.equal(p.document.querySelector(".sw-print-address span").textContent, "http://127.0.0.1:8000/seeds/a/");
  assert.equal(p.document.querySelector('meta[name="citation_public_url"]').content, "http://127.0.0.1:8000/seeds/a/");
});
