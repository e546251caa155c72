// seedwiki: page behaviour. Everything here is an addition: without script, every anchor and
// permalink still works. Runs on every page load (Material's document$ also fires on instant loads).
(function () {
  "use strict";

  // Citable blocks: paragraphs, the title, and each question (which cites its unit, #qN).
  var BLOCKS = "article .sw-p[id], article h1.sw-title[id], article .sw-unit[id] > h3.sw-q";
  var MONTHS = ["January", "February", "March", "April", "May", "June", "July", "August",
    "September", "October", "November", "December"];

  // The address citations carry: the site's published address when it has one (a meta tag the
  // theme writes unless site_url is the local default), else the address the page is read at.
  function pageUrl() {
    var published = document.querySelector('meta[name="seedwiki:published-url"]');
    var url = new URL(published ? published.content : location.href);
    url.hash = "";
    url.search = "";
    if (url.protocol !== "file:") url.pathname = url.pathname.replace(/index\.html$/, "");
    return url.href;
  }

  // The anchor a block is cited by: a question cites its unit.
  function anchorOf(block) {
    return block.matches("h3.sw-q") ? block.parentElement.id : block.id;
  }

  function labelOf(block) {
    if (block.matches("h3.sw-q")) return "Q" + anchorOf(block).slice(1);
    return block.getAttribute("data-label") || "\u00b6" + block.id.slice(1);
  }

  // What the page knows for its citations (render.py: title, outlet, date, who speaks where).
  function citeData() {
    var element = document.querySelector("article .sw-cite-data");
    if (!element) return null;
    try { return JSON.parse(element.getAttribute("data-cite")); } catch (e) { return null; }
  }

  function humanDate(date) {
    return date.getDate() + " " + MONTHS[date.getMonth()] + " " + date.getFullYear();
  }

  function sentence(text) {  // as cite._sentence: a full stop unless the text ends a sentence already
    return /[.?!]$/.test(text) ? text : text + ".";
  }

  function escapeHtml(text) {  // as Python's html.escape
    return text.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;")
      .replace(/"/g, "&quot;").replace(/'/g, "&#x27;");
  }

  // The citation of a block, as `seedwiki cite SLUG --p N --format text` and `--format html` give it
  // (cite.py: Citation.parts, _sentence, _text, _html).
  function citation(block) {
    var data = citeData() || {};
    var anchor = anchorOf(block);
    var speaker = (data.speakers || {})[anchor];
    var before = speaker ? speaker + ": " : "";
    var name = (data.title || document.title) + ", " + labelOf(block);
    var after = (data.outlet ? data.outlet + ", " : "") + (data.date || "n.d.");
    var url = pageUrl() + "#" + anchor;
    var accessed = "(accessed " + humanDate(new Date()) + ").";
    return {
      text: before + sentence(name) + " " + sentence(after) + " " + url + " " + accessed,
      html: escapeHtml(before) + '<a href="' + escapeHtml(url) + '">' + escapeHtml(name) + "</a>. " + escapeHtml(after) + " " + accessed,
    };
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
  function copy(text, done, html) {
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
      announce(ok ? done : "Copying is blocked here; the text is: " + text);
    }
    if (!navigator.clipboard || !window.isSecureContext) return fallback();
    if (html && !(window.ClipboardItem && navigator.clipboard.write)) return fallback();  // the copy event carries both types
    if (html) {
      var item = new ClipboardItem({
        "text/plain": new Blob([text], { type: "text/plain" }),
        "text/html": new Blob([html], { type: "text/html" }),
      });
      navigator.clipboard.write([item]).then(function () { announce(done); }, fallback);
    } else {
      navigator.clipboard.writeText(text).then(function () { announce(done); }, fallback);
    }
  }

  var ICONS = {  // Material Design Icons (Apache-2.0, as Material for MkDocs ships them): link-variant, format-quote-close
    link: "M10.59 13.41c.41.39.41 1.03 0 1.42-.39.39-1.03.39-1.42 0a5.003 5.003 0 0 1 0-7.07l3.54-3.54a5.003 5.003 0 0 1 7.07 0 5.003 5.003 0 0 1 0 7.07l-1.49 1.49c.01-.82-.12-1.64-.4-2.42l.47-.48a2.98 2.98 0 0 0 0-4.24 2.98 2.98 0 0 0-4.24 0l-3.53 3.53a2.98 2.98 0 0 0 0 4.24m2.82-4.24c.39-.39 1.03-.39 1.42 0a5.003 5.003 0 0 1 0 7.07l-3.54 3.54a5.003 5.003 0 0 1-7.07 0 5.003 5.003 0 0 1 0-7.07l1.49-1.49c-.01.82.12 1.64.4 2.43l-.47.47a2.98 2.98 0 0 0 0 4.24 2.98 2.98 0 0 0 4.24 0l3.53-3.53a2.98 2.98 0 0 0 0-4.24.973.973 0 0 1 0-1.42",
    cite: "M14 17h3l2-4V7h-6v6h3M6 17h3l2-4V7H5v6h3z",
  };

  function button(icon, title, onClick) {
    var b = document.createElement("button");
    b.type = "button";
    b.title = title;
    b.setAttribute("aria-label", title);
    b.innerHTML = '<svg viewBox="0 0 24 24" aria-hidden="true" focusable="false"><path d="' + ICONS[icon] + '"/></svg>';
    b.addEventListener("click", onClick);
    return b;
  }

  // "Copy link" and "Copy citation" at the end of every citable block. They are laid out when the
  // page loads and only shown on hover or focus, so showing them moves nothing.
  function addTools(block) {
    if (block.querySelector(":scope > .sw-copy")) return;
    var tools = document.createElement("span");
    tools.className = "sw-copy";
    tools.setAttribute("data-search-exclude", "");
    tools.setAttribute("data-pagefind-ignore", "");
    var label = labelOf(block);
    tools.appendChild(button("link", "Copy link to " + label, function () {
      copy(pageUrl() + "#" + anchorOf(block), "Copied the link to " + label);
    }));
    tools.appendChild(button("cite", "Copy citation of " + label, function () {
      var c = citation(block);
      copy(c.text, "Copied the citation of " + label, c.html);
    }));
    var headerlink = block.querySelector(":scope > a.headerlink");  // Material's heading permalink, hidden by CSS
    block.insertBefore(tools, headerlink);
  }

  function addAllTools() {
    document.querySelectorAll(BLOCKS).forEach(addTools);
    // Pages read somewhere other than their published address: the printed and the reference-manager
    // address is the one citations carry.
    var address = document.querySelector(".sw-print-address span");
    if (address) address.textContent = pageUrl();
    if (!document.querySelector('meta[name="seedwiki:published-url"]')) {
      document.querySelectorAll('meta[name="citation_public_url"], meta[name="citation_abstract_html_url"], meta[name="DC.identifier"]')
        .forEach(function (meta) { meta.content = pageUrl(); });
    }
  }

  // A text fragment (#p12:~:text=…) for the selected passage, when it lies in one block: made by the
  // text-fragments polyfill's generateFragment (vendored), with prefix and suffix context or more
  // words until the passage is the only match from the top of the page to the end of its block, so
  // that its first match on the page, which browsers highlight and scroll to, is the passage.
  function fragmentPart(text) {
    return encodeURIComponent(text).replace(/-/g, "%2D");
  }

  function directiveOf(fragment) {
    return (fragment.prefix ? fragmentPart(fragment.prefix) + "-," : "") + fragmentPart(fragment.textStart)
      + (fragment.textEnd ? "," + fragmentPart(fragment.textEnd) : "")
      + (fragment.suffix ? ",-" + fragmentPart(fragment.suffix) : "");
  }

  function generated(block) {
    var generation = window.TextFragmentGeneration;
    if (!generation) return null;
    // What follows the block cannot hold the first match: hide it while generating.
    var hidden = [];
    for (var node = block; node && node !== document.body; node = node.parentElement) {
      for (var next = node.nextElementSibling; next; next = next.nextElementSibling) {
        hidden.push([next, next.style.display]);
        next.style.display = "none";
      }
    }
    try {
      var result = generation.generateFragment(window.getSelection());
      return result.status === generation.GenerateFragmentStatus.SUCCESS ? directiveOf(result.fragment) : null;
    } catch (e) {
      return null;
    } finally {
      hidden.forEach(function (pair) { pair[0].style.display = pair[1]; });
    }
  }

  function fallbackDirective(text) {
    var words = text.split(" ");
    return words.length <= 12
      ? fragmentPart(text)
      : fragmentPart(words.slice(0, 5).join(" ")) + "," + fragmentPart(words.slice(-5).join(" "));
  }

  function passageLink(passage) {
    return pageUrl() + "#" + anchorOf(passage.block) + ":~:text=" + (passage.directive || fallbackDirective(passage.text));
  }

  function selectedPassage() {
    var selection = window.getSelection();
    if (!selection || selection.isCollapsed || selection.rangeCount === 0) return null;
    var range = selection.getRangeAt(0);
    var start = range.startContainer.parentElement, end = range.endContainer.parentElement;
    var block = start && start.closest(BLOCKS);
    if (!block || !end || end.closest(BLOCKS) !== block || (start.closest(".sw-copy, .sw-permalink, .headerlink"))) return null;
    var fragment = range.cloneContents();
    fragment.querySelectorAll(".headerlink, .sw-copy, .sw-permalink").forEach(function (el) { el.remove(); });
    var text = fragment.textContent.replace(/\s+/g, " ").trim();
    return text ? { block: block, text: text, rect: range.getBoundingClientRect() } : null;
  }

  var passageButton = null;
  function updatePassageButton() {
    var passage = selectedPassage();
    if (!passage) {
      if (passageButton) passageButton.hidden = true;
      return;
    }
    if (!passageButton) {
      passageButton = document.createElement("button");
      passageButton.type = "button";
      passageButton.className = "sw-passage";
      passageButton.textContent = "Copy link to passage";
      passageButton.setAttribute("aria-label", "Copy a link to the selected passage");
      passageButton.addEventListener("click", function () {
        var current = passageButton.passage;
        copy(passageLink(current), "Copied a link to the selected passage in " + labelOf(current.block));
      });
      passageButton.addEventListener("mousedown", function (event) { event.preventDefault(); });  // keep the selection
      document.body.appendChild(passageButton);
    }
    passage.directive = generated(passage.block);  // now, while the selection is the passage
    passageButton.passage = passage;
    passageButton.style.top = (window.scrollY + passage.rect.bottom + 6) + "px";
    passageButton.style.left = Math.max(4, Math.min(window.scrollX + passage.rect.left, window.scrollX + document.documentElement.clientWidth - 200)) + "px";
    passageButton.hidden = false;
  }
  var pending = null;
  document.addEventListener("selectionchange", function () {
    clearTimeout(pending);
    pending = setTimeout(updatePassageButton, 120);
  });

  function sortCatalogue() {
    // The catalogue's table: select (or press Enter on) a column heading to sort by it.
    document.querySelectorAll(".sw-sortable").forEach(function (hint) {
      var next = hint.nextElementSibling;
      var table = next && (next.matches("table") ? next : next.querySelector("table"));
      if (table && !table.dataset.swSorted) {
        table.dataset.swSorted = "1";
        new Tablesort(table);
      }
    });
  }

  // Material's search overlay is a dialog without a name; screen readers announce it as "Search".
  function nameSearchDialog() {
    document.querySelectorAll('.md-search[role="dialog"]:not([aria-label])').forEach(function (el) {
      el.setAttribute("aria-label", "Search");
    });
  }

  // Search with Pagefind (the published site): a header form leading to the search page, and the
  // search page itself. The offline build keeps Material's own search box instead.
  function siteBase() {
    var config = document.getElementById("__config");
    return config ? new URL(JSON.parse(config.textContent).base + "/", location.href) : new URL("./", location.href);
  }

  function addHeaderSearch() {
    if (document.querySelector(".md-search, .sw-header-search")) return;
    var header = document.querySelector(".md-header__inner");
    if (!header) return;
    var form = document.createElement("form");
    form.className = "sw-header-search";
    form.setAttribute("role", "search");
    form.action = new URL("search/", siteBase()).href;
    var input = document.createElement("input");
    input.type = "search";
    input.name = "q";
    input.placeholder = "Search";
    input.setAttribute("aria-label", "Search the wiki");
    form.appendChild(input);
    var options = header.querySelector(".md-header__option") || header.querySelector(".md-header__source");
    header.insertBefore(form, options);
  }

  function startSearchPage() {
    var target = document.getElementById("sw-search");
    if (!target || target.dataset.started) return;
    target.dataset.started = "1";
    if (location.protocol === "file:") {
      target.textContent = "In the offline copy, use the search box at the top of the page.";
      return;
    }
    var bundle = new URL(target.dataset.bundle, location.href).href;
    var style = document.createElement("link");
    style.rel = "stylesheet";
    style.href = bundle + "pagefind-ui.css";
    document.head.appendChild(style);
    var script = document.createElement("script");
    script.src = bundle + "pagefind-ui.js";
    script.onload = function () {
      var ui = new PagefindUI({ element: "#sw-search", bundlePath: bundle, showImages: false, showSubResults: true, resetStyles: false });
      var query = new URLSearchParams(location.search).get("q");
      if (query) ui.triggerSearch(query);
    };
    document.head.appendChild(script);
  }

  function onPage() {
    addAllTools();
    sortCatalogue();
    nameSearchDialog();
    addHeaderSearch();
    startSearchPage();
  }

  if (window.document$) {
    document$.subscribe(onPage);
  } else {
    document.addEventListener("DOMContentLoaded", onPage);
  }
})();
