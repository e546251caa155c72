// seedwiki: page behaviour. Everything here is an addition: without script, every anchor and
// permalink still works. Runs on every page load (Material's document$ also fires on instant loads).
(function () {
  "use strict";

  var BLOCKS = "article .sw-p[id], article h1.sw-title[id], article h3.sw-q[id]";

  // The page's citable address: its canonical URL (site_url + page), without index.html.
  function pageUrl() {
    var canonical = document.querySelector('link[rel="canonical"]');
    var url = new URL(canonical ? canonical.href : location.href);
    url.hash = "";
    url.search = "";
    url.pathname = url.pathname.replace(/index\.html$/, "");
    return url.href;
  }

  function plainText(element) {
    var copy = element.cloneNode(true);
    copy.querySelectorAll(".headerlink, .sw-copy").forEach(function (el) { el.remove(); });
    return copy.textContent.replace(/\s+/g, " ").trim();
  }

  function label(anchor) {
    return (anchor.charAt(0) === "q" ? "Q" : "\u00b6") + anchor.slice(1);
  }

  // Same format as `seedwiki cite`: [Title, Q8](https://site/seeds/slug/#q8)
  function citation(anchor) {
    var title = document.querySelector("article h1.sw-title");
    var name = (title ? plainText(title) : document.title) + ", " + label(anchor);
    return "[" + name.replace(/([\\\[\]])/g, "\\$1") + "](" + pageUrl() + "#" + anchor + ")";
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

  function copy(text, done) {
    function fallback() {
      var area = document.createElement("textarea");
      area.value = text;
      area.setAttribute("readonly", "");
      area.style.position = "fixed";
      area.style.opacity = "0";
      document.body.appendChild(area);
      area.select();
      var ok = false;
      try { ok = document.execCommand("copy"); } catch (e) { ok = false; }
      area.remove();
      announce(ok ? done : "Copying is blocked here; the text is: " + text);
    }
    if (navigator.clipboard && window.isSecureContext) {
      navigator.clipboard.writeText(text).then(function () { announce(done); }, fallback);
    } else {
      fallback();
    }
  }

  function button(text, title, onClick) {
    var b = document.createElement("button");
    b.type = "button";
    b.textContent = text;
    b.title = title;
    b.setAttribute("aria-label", title);
    b.addEventListener("click", onClick);
    return b;
  }

  // "Copy link" and "Copy citation", added to a block the first time it is hovered or focused.
  function addTools(block) {
    if (block.querySelector(".sw-copy")) return;
    var anchor = block.id;
    var tools = document.createElement("span");
    tools.className = "sw-copy";
    tools.setAttribute("data-search-exclude", "");
    tools.appendChild(button("Copy link", "Copy link to " + label(anchor), function () {
      copy(pageUrl() + "#" + anchor, "Copied the link to " + label(anchor));
    }));
    tools.appendChild(button("Copy citation", "Copy citation of " + label(anchor), function () {
      copy(citation(anchor), "Copied the citation of " + label(anchor));
    }));
    var permalink = block.querySelector(".headerlink");
    block.insertBefore(tools, permalink ? permalink.nextSibling : null);
  }

  function onPointerOrFocus(event) {
    var block = event.target.closest && event.target.closest(BLOCKS);
    if (block) addTools(block);
  }
  document.addEventListener("mouseover", onPointerOrFocus);
  document.addEventListener("focusin", onPointerOrFocus);

  // A text fragment (#p12:~:text=…) for the selected passage, when it lies in one block.
  function fragmentPart(text) {
    return encodeURIComponent(text).replace(/-/g, "%2D");
  }

  function passageLink(block, text) {
    var words = text.split(" ");
    var directive = words.length <= 12
      ? fragmentPart(text)
      : fragmentPart(words.slice(0, 5).join(" ")) + "," + fragmentPart(words.slice(-5).join(" "));
    return pageUrl() + "#" + block.id + ":~:text=" + directive;
  }

  function selectedPassage() {
    var selection = window.getSelection();
    if (!selection || selection.isCollapsed || selection.rangeCount === 0) return null;
    var range = selection.getRangeAt(0);
    var start = range.startContainer.parentElement, end = range.endContainer.parentElement;
    var block = start && start.closest(BLOCKS);
    if (!block || !end || end.closest(BLOCKS) !== block || (start.closest(".sw-copy, .headerlink"))) return null;
    var fragment = range.cloneContents();
    fragment.querySelectorAll(".headerlink, .sw-copy").forEach(function (el) { el.remove(); });
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
      passageButton = button("Copy link to passage", "Copy a link to the selected passage", function () {
        var current = passageButton.passage;
        copy(passageLink(current.block, current.text), "Copied a link to the selected passage in " + label(current.block.id));
      });
      passageButton.className = "sw-passage";
      passageButton.addEventListener("mousedown", function (event) { event.preventDefault(); });  // keep the selection
      document.body.appendChild(passageButton);
    }
    passageButton.passage = passage;
    passageButton.style.top = (window.scrollY + passage.rect.bottom + 6) + "px";
    passageButton.style.left = (window.scrollX + passage.rect.left) + "px";
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
