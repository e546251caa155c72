// seedwiki: what the page scripts share, as one object, `window.seedwiki`, and what every page does
// (the header's search form, names for Material's unnamed landmarks, the words a search result leads
// to highlighted). Every page loads this script; a page loads only the feature scripts it uses
// (assets/__init__.py, page_scripts), after this one, each of which adds its own functions here
// (`seedwiki.cite`, `seedwiki.search`, …). Everything the scripts do is an addition: without
// script, every anchor and permalink still works.
(function () {
  "use strict";

  // Where this script was loaded from: the vendored scripts a feature loads when first needed are
  // found from here (seedwiki/js/shared.js → seedwiki/vendor/…), on a server and from disk alike.
  var ownAddress = document.currentScript && document.currentScript.src;

  // Citable blocks: paragraphs, the title, and each question (which cites its unit, #qN).
  var BLOCKS = "article .sw-p[id], article h1.sw-title[id], article .sw-unit[id] > h3.sw-q";

  // The interface's words in the site's language: js/words.js, generated from the package's
  // words.json (i18n.py), loaded before this script. `word("js_copy_link_to", {label: "¶12"})`;
  // an entry with plural forms takes {count: n} and picks its form as CLDR's rules say (as Babel
  // does for the pages). No word is written in the scripts themselves.
  var WORDS = window.seedwikiWords || { lang: "en", dir: "ltr", words: {} };

  function formatNumber(n) {
    try { return new Intl.NumberFormat(WORDS.lang + "-u-nu-latn").format(n); } catch (e) { return String(n); }
  }

  function word(key, values) {
    var entry = WORDS.words[key];
    if (entry === undefined) return key;
    values = values || {};
    if (typeof entry === "object") {
      var form = "other";
      try { form = new Intl.PluralRules(WORDS.lang).select(values.count); } catch (e) { form = "other"; }
      entry = entry[form] || entry.other;
    }
    return entry.replace(/\{(\w+)\}/g, function (all, name) {
      if (!(name in values)) return all;
      return name === "count" && typeof values.count === "number" ? formatNumber(values.count) : String(values[name]);
    });
  }

  // Runs `handler` on every page load: Material's document$ also fires on instant loads.
  function onPage(handler) {
    if (window.document$) {
      document$.subscribe(function () { handler(); });
    } else {
      document.addEventListener("DOMContentLoaded", function () { handler(); });
    }
  }

  // The address citations carry: the site's published address when it has one (a meta tag the
  // theme writes unless site_url is the local default), else the address the page is read at.
  // A long seed's later part (render/seed.py) is cited at the seed's own page (`data-sw-seed`).
  function pageUrl() {
    var published = document.querySelector('meta[name="seedwiki:published-url"]');
    var url = new URL(published ? published.content : location.href);
    var seed = document.querySelector("article [data-sw-seed]");
    if (seed) url = new URL(seed.getAttribute("data-sw-seed"), url);
    url.hash = "";
    url.search = "";
    if (url.protocol !== "file:") url.pathname = url.pathname.replace(/index\.html$/, "");
    return url.href;
  }

  // The site's root address. Material's config names it relative to the page ("../..") or, on the
  // 404 page, as a path from the server's root ("/", "/wiki"): both end with one slash here.
  function siteBase() {
    var config = document.getElementById("__config");
    var base = ".";
    try { base = JSON.parse(config.textContent).base || "."; } catch (e) { base = "."; }
    return new URL(base.replace(/\/+$/, "") + "/", location.href);
  }

  // The element id an address's fragment names ("" for none): a mangled escape (`#%E0%A4%A`) names none.
  function hashId(hash) {
    try {
      return hash ? decodeURIComponent(hash.slice(1)) : "";
    } catch (error) {
      return "";
    }
  }

  // The anchor a block is cited by: a question cites its unit.
  function anchorOf(block) {
    return block.matches("h3.sw-q") ? block.parentElement.id : block.id;
  }

  // The label citations name a block by ("¶12", "Q8", "Q8, ¶18"): the page writes it
  // (`data-label`, from link/targets.py, the one place labels are made); the script only reads it.
  function labelOf(block) {
    return block.getAttribute("data-label") || "";
  }

  function escapeHtml(text) {  // as Python's html.escape
    return text.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;")
      .replace(/"/g, "&quot;").replace(/'/g, "&#x27;");
  }

  function element(tag, className, text) {
    var el = document.createElement(tag);
    if (className) el.className = className;
    if (text !== undefined) el.textContent = text;
    return el;
  }

  function announce(message) {
    var status = document.querySelector(".sw-status");
    if (!status) {
      status = document.createElement("div");
      status.className = "sw-status";
      status.setAttribute("role", "status");
      status.setAttribute("aria-live", "polite");
      document.body.appendChild(status);
    }
    status.textContent = message;
    clearTimeout(announce.timer);
    announce.timer = setTimeout(function () { status.textContent = ""; }, 4000);
  }

  // Puts `text` (and `html`, when given) on the clipboard: the Clipboard API with both types, else
  // a copy command whose event carries both.
  function copy(text, done, html, source) {
    var shown = announce;
    if (source) {
      shown = function (message, copied) {
        announce(message);
        if (copied) {
          source.setAttribute("data-copied", word("js_copied"));  // shown by CSS above the button
          source.classList.add("sw-copied");
          clearTimeout(source.swCopied);
          source.swCopied = setTimeout(function () { source.classList.remove("sw-copied"); }, 2000);
        }
      };
    }
    function fallback() {
      var ok = false;
      function onCopy(event) {
        event.clipboardData.setData("text/plain", text);
        if (html) event.clipboardData.setData("text/html", html);
        event.preventDefault();
        ok = true;
      }
      document.addEventListener("copy", onCopy);
      try { document.execCommand("copy"); } catch (e) { ok = false; }
      document.removeEventListener("copy", onCopy);
      shown(ok ? done : word("js_copy_blocked", { text: text }), ok);
    }
    if (!navigator.clipboard || !window.isSecureContext) return fallback();
    if (html && !(window.ClipboardItem && navigator.clipboard.write)) return fallback();  // the copy event carries both types
    if (html) {
      var item = new ClipboardItem({
        "text/plain": new Blob([text], { type: "text/plain" }),
        "text/html": new Blob([html], { type: "text/html" }),
      });
      navigator.clipboard.write([item]).then(function () { shown(done, true); }, fallback);
    } else {
      navigator.clipboard.writeText(text).then(function () { shown(done, true); }, fallback);
    }
  }

  // Loads one of the package's scripts (a path under seedwiki/, as "vendor/…/x.js") once, then runs
  // `done` (also when it fails to load: `done` checks for what it needs). A page that lists the script itself (Zensical's pages list them all) has it already.
  var loaded = {};
  function load(path, done) {
    var state = loaded[path];
    if (!state) {
      var name = "/" + path;
      var listed = Array.prototype.some.call(document.querySelectorAll("script[src]"), function (script) {
        return new URL(script.getAttribute("src"), location.href).pathname.slice(-name.length) === name;
      });
      state = loaded[path] = { done: listed, waiting: [] };
      if (!listed) {
        var script = document.createElement("script");
        script.src = new URL("../" + path, ownAddress || location.href).href;
        script.onload = script.onerror = function () {  // a script that fails to load: the callers go on without it
          state.done = true;
          state.waiting.splice(0).forEach(function (fn) { fn(); });
        };
        document.head.appendChild(script);
      }
    }
    if (!done) return;
    if (state.done) done(); else state.waiting.push(done);
  }

  // Every page: the header's search form (the published site, Pagefind), names for Material's
  // unnamed search dialog (the offline build) and code-copy tools, and the words a search result
  // leads to highlighted. The search page itself is js/search.js.
  function nameSearchDialog() {  // Material's search overlay is a dialog without a name: "Search"
    document.querySelectorAll('.md-search[role="dialog"]:not([aria-label])').forEach(function (el) {
      el.setAttribute("aria-label", word("js_search"));
    });
  }

  // Material's code-copy tools are each a <nav> without a name: landmarks named apart ("Code block 2").
  function nameCodeTools() {
    document.querySelectorAll(".md-code__nav:not([aria-label])").forEach(function (el, i) {
      el.setAttribute("aria-label", word("js_code_block", { number: i + 1 }));
    });
  }

  function addHeaderSearch() {
    if (document.querySelector(".md-search, .sw-header-search")) return;
    var header = document.querySelector(".md-header__inner");
    if (!header) return;
    var form = document.createElement("form");
    form.className = "sw-header-search";
    form.setAttribute("role", "search");
    form.setAttribute("aria-label", word("js_site_search"));  // a landmark named apart from a page's own search
    form.action = new URL("search/", siteBase()).href;
    var input = document.createElement("input");
    input.type = "search";
    input.name = "q";
    input.placeholder = word("js_search");
    input.setAttribute("aria-label", word("js_search_the_wiki"));
    form.appendChild(input);
    var options = header.querySelector(".md-header__option") || header.querySelector(".md-header__source");
    header.insertBefore(form, options);
  }

  // The page a search result leads to: the words highlighted (Pagefind's highlight script).
  function highlightWords() {
    if (location.protocol === "file:" || !new URLSearchParams(location.search).get("highlight")) return;
    if (document.body.dataset.swHighlighted) return;
    document.body.dataset.swHighlighted = "1";
    import(new URL("pagefind/pagefind-highlight.js", siteBase()).href).then(function () {
      if (window.PagefindHighlight) new window.PagefindHighlight({ highlightParam: "highlight", markContext: "article" });
      var target = hashId(location.hash) && document.getElementById(hashId(location.hash));
      if (target) target.scrollIntoView();
    }).catch(function () { /* the page reads the same without highlights */ });
  }

  // A long text (.sw-long: render/seed.py) lays out only the blocks near the screen
  // (content-visibility), so the browser's own scroll to a cited passage (#p30:~:text=…) measures
  // the blocks above it by their estimated height and can stop screens away from it. Until the
  // reader moves, for two seconds after the page has loaded, the block the address names is brought
  // under the header whenever it is wholly off the screen (a plain #p30 lands there already).
  function keepTargetInView() {
    var id = hashId(location.hash);
    var target = id && document.querySelector(".sw-long") && document.getElementById(id);
    if (!target) return;
    var moved = false, checks = 0;
    ["wheel", "touchstart", "keydown", "mousedown"].forEach(function (type) {
      window.addEventListener(type, function () { moved = true; }, { once: true, passive: true });
    });
    function check() {
      if (moved) return;
      var box = target.getBoundingClientRect();
      if (box.bottom < 0 || box.top > window.innerHeight) target.scrollIntoView();
      if (++checks < 20) setTimeout(check, 100);
    }
    if (document.readyState === "complete") check(); else window.addEventListener("load", check, { once: true });
  }

  // A long seed's page (render/seed.py, parts_contents) holds an empty element for every anchor
  // of its later parts, in the row of the part that shows it: an address naming one goes on at
  // once to that part (replaced, not added to the history). A text fragment (`:~:text=`) goes with
  // it where the browser still exposes it (the navigation's entry); Chromium hides it from pages.
  // The entry is the page's first address: its words go on only while the address is still that
  // one, never with an anchor the reader followed later (their first match would win over it).
  // A later part's page sends an anchor it does not show (its address copied before the parts
  // were drawn again) back to the seed's page (`data-sw-seed`), which sends it on to its part.
  function toPart() {
    var id = hashId(location.hash);
    var mark = id && document.getElementById(id);
    var row = mark && mark.parentElement && mark.parentElement.getAttribute("data-sw-part") !== null ? mark.parentElement : null;
    var seed = document.querySelector("article h1[data-sw-seed]");
    var target = row ? row.getAttribute("data-sw-part") : !mark && seed && PART_ANCHOR.test(id) ? seed.getAttribute("data-sw-seed") : null;
    if (!target) return;
    var url = new URL(target, location.href);
    if (url.protocol !== "file:") url.pathname = url.pathname.replace(/index\.html$/, "");
    url.hash = "#" + encodeURIComponent(id) + directive();
    location.replace(url.href);
  }

  // The text directive (`:~:text=…`) the page was opened with, while its address is still that one.
  function directive() {
    var entry = window.performance && performance.getEntriesByType ? performance.getEntriesByType("navigation")[0] : null;
    var at = entry ? entry.name.indexOf(":~:") : -1;
    return at !== -1 && entry.name.slice(0, at) === location.href ? entry.name.slice(at) : "";
  }

  // A later part that is gone (the parts drawn again, fewer of them): the page not found at its
  // address goes on to the seed's page, the anchor kept, which sends it to the part that shows it.
  function goneToSeed() {
    var seed = location.protocol !== "file:" && document.querySelector("article h1[data-sw-not-found]") && location.pathname.match(/^(.*\/seeds\/[^/]+\/)part-[1-9][0-9]*\/(index\.html)?$/);
    if (!seed) return;
    var id = hashId(location.hash);
    location.replace(location.origin + seed[1] + (id ? "#" + encodeURIComponent(id) + directive() : ""));
  }
  var PART_ANCHOR = /^(p[1-9][0-9]*|q(0|[1-9][0-9]*)|page-[1-9][0-9]*)$/;  // link/targets.py ANCHOR_PATTERN

  var followingParts = false;
  function followParts() {
    if (followingParts || !document.querySelector("article [data-sw-part], article h1[data-sw-seed]")) return;
    followingParts = true;
    toPart();
    window.addEventListener("hashchange", toPart);
  }

  // Only pages with a header, Material's search dialog or words to highlight.
  function everyPage() {
    var highlight = location.protocol !== "file:" && new URLSearchParams(location.search).get("highlight");
    if (!highlight && !document.querySelector(".md-header__inner, .md-search")) return;
    nameSearchDialog();
    nameCodeTools();
    setTimeout(nameCodeTools, 0);  // Material may add them after this runs
    addHeaderSearch();
    highlightWords();
  }

  onPage(followParts);
  onPage(goneToSeed);
  onPage(everyPage);
  onPage(keepTargetInView);

  window.seedwiki = {
    word: word,
    BLOCKS: BLOCKS,
    onPage: onPage,
    pageUrl: pageUrl,
    siteBase: siteBase,
    hashId: hashId,
    anchorOf: anchorOf,
    labelOf: labelOf,
    escapeHtml: escapeHtml,
    element: element,
    announce: announce,
    copy: copy,
    load: load,
  };
})();
