// Renders citations and a reference list with citeproc-js (npm `citeproc`) and an official CSL
// style, as reference managers and word-processor plugins do.
// stdin: {"style": "apa.csl", "items": [CSL-JSON items], "citations": [[citation items], ...]}
// stdout: {"citations": ["(…)", …], "bibliography": ["…", …]} in plain text.
"use strict";
const fs = require("fs");
const path = require("path");
const CSL = require("citeproc");

const input = JSON.parse(fs.readFileSync(0, "utf8"));
const here = __dirname;
const items = Object.fromEntries(input.items.map((item) => [String(item.id), item]));
const sys = {
  retrieveLocale: (lang) => fs.readFileSync(path.join(here, "locales-en-US.xml"), "utf8"),
  retrieveItem: (id) => items[id],
};
const engine = new CSL.Engine(sys, fs.readFileSync(path.join(here, input.style), "utf8"), "en-US");
engine.setOutputFormat("text");
engine.updateItems(Object.keys(items));
const citations = input.citations.map((cited) => engine.makeCitationCluster(cited));
const [, entries] = engine.makeBibliography();
process.stdout.write(JSON.stringify({ citations, bibliography: entries.map((e) => e.trim()) }));
