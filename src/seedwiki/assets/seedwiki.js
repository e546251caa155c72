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

  function sentence(text) {  // as citation.sentence: a full stop unless the text ends a sentence already
    return /[.?!][\u201d\u2019"'\u00bb)]*$/.test(text) ? text : text + ".";
  }

  function escapeHtml(text) {  // as Python's html.escape
    return text.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;")
      .replace(/"/g, "&quot;").replace(/'/g, "&#x27;");
  }

  // The citation of a block, as `seedwiki cite SLUG --p N --format text` and `--format html` give it
  // (citation.py: Citation.parts, sentence, _text, _html): the source's authors (never a speaker),
  // the title with the block's label, where and when, the address, then the notes: who speaks
  // there when it is not the author, and where the original is.
  function citation(block) {
    var data = citeData() || {};
    var anchor = anchorOf(block);
    var head = data.authors ? sentence(data.authors) + " " : "";
    var name = (data.title || document.title) + ", " + labelOf(block);
    var after = data.after || "n.d.";
    var url = pageUrl() + "#" + anchor;
    var accessed = "(accessed " + humanDate(new Date()) + ").";
    var notes = [(data.notes || {})[anchor], data.original].filter(Boolean).join(" ");
    notes = notes ? " " + notes : "";
    return {
      text: head + sentence(name) + " " + sentence(after) + " " + url + " " + accessed + notes,
      html: escapeHtml(head) + '<a href="' + escapeHtml(url) + '">' + escapeHtml(name) + "</a>. " + escapeHtml(after) + " " + accessed + escapeHtml(notes),
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
  function copy(text, done, html, source) {
    var shown = announce;
    if (source) {
      shown = function (message) {
        announce(message);
        if (message.indexOf("Copied") === 0) {
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
      shown(ok ? done : "Copying is blocked here; the text is: " + text);
    }
    if (!navigator.clipboard || !window.isSecureContext) return fallback();
    if (html && !(window.ClipboardItem && navigator.clipboard.write)) return fallback();  // the copy event carries both types
    if (html) {
      var item = new ClipboardItem({
        "text/plain": new Blob([text], { type: "text/plain" }),
        "text/html": new Blob([html], { type: "text/html" }),
      });
      navigator.clipboard.write([item]).then(function () { shown(done); }, fallback);
    } else {
      navigator.clipboard.writeText(text).then(function () { shown(done); }, fallback);
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
      copy(pageUrl() + "#" + anchorOf(block), "Copied the link to " + label, null, this);
    }));
    tools.appendChild(button("cite", "Copy citation of " + label, function () {
      var c = citation(block);
      copy(c.text, "Copied the citation of " + label, c.html, this);
    }));
    var headerlink = block.querySelector(":scope > a.headerlink");  // Material's heading permalink, hidden by CSS
    block.insertBefore(tools, headerlink);
  }

  // The "Cite this source" box (render/seed.py, cite_box): the page's address in each reference and
  // file, a copy button for each style, and the files as downloads made here (data: URLs).
  function citeBox() {
    var box = document.querySelector("article .sw-cite-box");
    if (!box || box.dataset.swReady) return;
    box.dataset.swReady = "1";
    box.querySelectorAll(".sw-cite-url").forEach(function (span) { span.textContent = pageUrl(); });
    box.querySelectorAll("a.sw-cite-download").forEach(function (link) {
      var file = document.getElementById(link.getAttribute("data-file"));
      if (!file) return;
      link.href = "data:" + file.getAttribute("data-type") + ";charset=utf-8," + encodeURIComponent(file.textContent);
      link.setAttribute("download", file.getAttribute("data-name"));
    });
    box.querySelectorAll(".sw-cite-style").forEach(function (style) {
      var name = style.getAttribute("data-style");
      var text = style.querySelector(".sw-cite-text");
      var b = document.createElement("button");
      b.type = "button";
      b.className = "md-button sw-cite-copy";
      b.textContent = "Copy";
      b.setAttribute("aria-label", "Copy the " + name + " reference");
      b.addEventListener("click", function () { copy(text.textContent, "Copied the " + name + " reference", null, b); });
      style.appendChild(b);
    });
  }

  function addAllTools() {
    document.querySelectorAll(BLOCKS).forEach(addTools);
    citeBox();
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
        copy(passageLink(current), "Copied a link to the selected passage in " + labelOf(current.block), null, passageButton);
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
        // dates read as dates ("23 January 2022") and sort by their ISO form
        table.querySelectorAll("td time[datetime]").forEach(function (time) {
          time.closest("td").setAttribute("data-sort", time.getAttribute("datetime"));
        });
        table.querySelectorAll("td").forEach(function (cell) {
          if (cell.textContent === "undated") cell.setAttribute("data-sort", "0");
        });
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
  // The site's root address. Material's config names it relative to the page ("../..") or, on the
  // 404 page, as a path from the server's root ("/", "/wiki"): both end with one slash here.
  function siteBase() {
    var config = document.getElementById("__config");
    var base = ".";
    try { base = JSON.parse(config.textContent).base || "."; } catch (e) { base = "."; }
    return new URL(base.replace(/\/+$/, "") + "/", location.href);
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

  // The search page: Pagefind's API (the published site), with a result per page and, under it, a
  // link to each paragraph or answer that holds the words; filters by section, outlet, kind,
  // language, year, tag and entity; the words highlighted on the page a result leads to.
  var FILTERS = ["section", "outlet", "kind", "language", "year", "tag", "entity"];

  function decode(text) {  // Pagefind's content is escaped HTML: back to text, never to markup
    var area = document.createElement("textarea");
    area.innerHTML = text;
    return area.value;
  }

  function element(tag, className, text) {
    var el = document.createElement(tag);
    if (className) el.className = className;
    if (text !== undefined) el.textContent = text;
    return el;
  }

  // Words `from`..`to` of the content, those at `marked` positions in <mark>.
  function excerpt(words, from, to, marked) {
    var out = element("p", "sw-result__excerpt");
    from = Math.max(0, from);
    to = Math.min(words.length, to);
    if (from > 0) out.appendChild(document.createTextNode("… "));
    for (var i = from; i < to; i++) {
      var text = decode(words[i]) + (i < to - 1 ? " " : "");
      if (marked[i]) {
        out.appendChild(element("mark", "", text.trimEnd()));
        if (i < to - 1) out.appendChild(document.createTextNode(" "));
      } else {
        out.appendChild(document.createTextNode(text));
      }
    }
    if (to < words.length) out.appendChild(document.createTextNode(" …"));
    return out;
  }

  // The blocks of a page that hold the words: for each match, the nearest anchored block before it
  // (a paragraph, the title, a question, or a heading of a page without paragraphs).
  function subResults(data) {
    var anchors = (data.anchors || []).filter(function (a) {
      return /^(p|q)\d+$/.test(a.id) ? a.element !== "div" : /^h[1-6]$/i.test(a.element) && a.id;
    }).sort(function (a, b) { return a.location - b.location; });
    var groups = [], byId = {};
    (data.locations || []).slice().sort(function (a, b) { return a - b; }).forEach(function (loc) {
      var anchor = null;
      for (var i = 0; i < anchors.length && anchors[i].location <= loc; i++) anchor = anchors[i];
      if (!anchor) return;
      if (!byId[anchor.id]) groups.push(byId[anchor.id] = { anchor: anchor, locations: [] });
      byId[anchor.id].locations.push(loc);
    });
    return groups;
  }

  // How a sub-result names its block, as citations do: "¶6", "Q8" for a question, "Q8, ¶18" in its answer.
  function anchorLabel(anchor, all) {
    if (!/^p\d+$/.test(anchor.id)) return decode(anchor.text || anchor.id).replace(/\s+/g, " ").trim();
    var unit = null, section = null;
    all.forEach(function (a) {
      if (a.location > anchor.location || a === anchor) return;
      if (a.element === "div" && /^q\d+$/.test(a.id)) unit = a;
      else if (/^h2$/i.test(a.element)) section = a;
    });
    var paragraph = "\u00b6" + anchor.id.slice(1);
    if (!unit || (section && section.location > unit.location)) return paragraph;
    var question = "Q" + unit.id.slice(1);
    return unit.location === anchor.location ? question + " (question)" : question + ", " + paragraph;
  }

  function nextAnchorAfter(anchor, all) {
    var next = null;
    all.forEach(function (a) {
      if (a.location > anchor.location && (!next || a.location < next.location)) next = a;
    });
    return next ? next.location : Infinity;
  }

  function landing(url, term, anchor) {
    var address = new URL(url, location.href);
    address.hash = anchor ? "#" + anchor : "";
    if (term) address.searchParams.set("highlight", term);
    return address.href;
  }

  function facetsOf(data) {  // render.py's search metadata: {section: [...], outlet: [...], ...}
    if (data.facets) return data.facets;
    try { data.facets = JSON.parse(decode((data.meta && data.meta.facets) || "{}")); } catch (e) { data.facets = {}; }
    return data.facets;
  }

  function showResult(list, data, term) {
    var item = element("li", "sw-result");
    var title = element("a", "sw-result__title", decode((data.meta && data.meta.title) || data.url));
    title.href = landing(data.url, term, "");
    var heading = element("h2", "sw-result__heading");
    heading.appendChild(title);
    item.appendChild(heading);
    var facts = [];
    var filters = facetsOf(data);
    if (filters.section) facts.push(filters.section[0]);
    if (filters.outlet) facts.push(filters.outlet[0]);
    if (data.meta && data.meta.date && filters.section && filters.section[0] === "Seeds") facts.push(data.meta.date);
    if (facts.length) item.appendChild(element("p", "sw-result__facts", facts.map(decode).join(" \u00b7 ")));
    var lang = data.meta && data.meta.lang;
    var words = (data.raw_content || data.content || "").split(/[\r\n\s]+/g);
    var marked = {};
    (data.locations || []).forEach(function (loc) { marked[loc] = true; });
    var groups = subResults(data);
    if (!groups.length) {
      var first = (data.locations || [0])[0] || 0;
      var page = excerpt(words, first - 12, first + 18, marked);
      if (lang) page.lang = lang;
      item.appendChild(page);
    }
    var subs = element("ul", "sw-result__subs");
    groups.forEach(function (group) {
      var sub = element("li", "sw-result__sub");
      var link = element("a", "sw-result__where", anchorLabel(group.anchor, data.anchors || []));
      link.href = landing(data.url, term, group.anchor.id);
      sub.appendChild(link);
      var at = group.locations[0];
      var start = Math.max(group.anchor.location, at - 12);
      var text = excerpt(words, start, Math.min(start + 30, nextAnchorAfter(group.anchor, data.anchors || [])), marked);
      if (lang) text.lang = lang;
      text.dir = "auto";
      sub.appendChild(text);
      subs.appendChild(sub);
    });
    if (groups.length) item.appendChild(subs);
    list.appendChild(item);
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
    var form = element("form", "sw-search__form");
    form.setAttribute("role", "search");
    var input = element("input", "sw-search__input");
    input.type = "search";
    input.name = "q";
    input.setAttribute("aria-label", "Search the seeds, entities, quotes and timeline");
    input.placeholder = "Search";
    input.value = new URLSearchParams(location.search).get("q") || "";
    form.appendChild(input);
    var submit = element("button", "md-button md-button--primary sw-search__go", "Search");
    submit.type = "submit";
    form.appendChild(submit);
    var filterBox = element("fieldset", "sw-search__filters");
    filterBox.appendChild(element("legend", "", "Narrow to"));
    form.appendChild(filterBox);
    var status = element("p", "sw-search__count");
    status.setAttribute("role", "status");
    status.setAttribute("aria-live", "polite");
    var list = element("ol", "sw-results");
    target.textContent = "";
    target.appendChild(form);
    target.appendChild(status);
    target.appendChild(list);
    var selects = {};
    var pagefind = null;
    var run = 0;

    function chosenFilters() {
      var chosen = {};
      FILTERS.forEach(function (name) {
        if (selects[name] && selects[name].value) chosen[name] = selects[name].value;
      });
      return chosen;
    }

    function matches(data, chosen) {
      var facets = facetsOf(data);
      return Object.keys(chosen).every(function (name) { return (facets[name] || []).indexOf(chosen[name]) >= 0; });
    }

    // The filters offer the values of the pages found, each with how many of them it would leave.
    function offerFilters(pages, chosen) {
      filterBox.hidden = !pages.length;
      FILTERS.forEach(function (name) {
        var counts = {};
        pages.forEach(function (data) {
          var others = {};
          Object.keys(chosen).forEach(function (k) { if (k !== name) others[k] = chosen[k]; });
          if (!matches(data, others)) return;
          (facetsOf(data)[name] || []).forEach(function (value) { counts[value] = (counts[value] || 0) + 1; });
        });
        var select = selects[name];
        if (!select) {
          var label = element("label", "sw-search__filter");
          label.appendChild(element("span", "", name.charAt(0).toUpperCase() + name.slice(1)));
          select = selects[name] = element("select");
          select.name = name;
          select.addEventListener("change", function () { show(); });
          label.appendChild(select);
          filterBox.appendChild(label);
        }
        var keep = chosen[name] || "";
        select.textContent = "";
        select.appendChild(element("option", "", "any"));
        select.firstChild.value = "";
        Object.keys(counts).sort().forEach(function (value) {
          var option = element("option", "", value + " (" + counts[value] + ")");
          option.value = value;
          select.appendChild(option);
        });
        if (keep && !counts[keep]) {
          var gone = element("option", "", keep + " (0)");
          gone.value = keep;
          select.appendChild(gone);
        }
        select.value = keep;
        select.parentElement.hidden = Object.keys(counts).length === 0 && !keep;
      });
    }

    var found = [], lastTerm = "";
    function show() {
      var chosen = chosenFilters();
      var pages = found.filter(function (data) { return matches(data, chosen); });
      offerFilters(found, chosen);
      list.textContent = "";
      pages.forEach(function (data) { showResult(list, data, lastTerm); });
      var places = list.querySelectorAll(".sw-result__sub").length;
      var narrowed = Object.keys(chosen).length ? " (narrowed from " + found.length + ")" : "";
      status.textContent = pages.length === 0
        ? "No page holds \u201c" + lastTerm + "\u201d" + (narrowed ? " with these filters." : ".")
        : pages.length + (pages.length === 1 ? " page holds" : " pages hold") + " \u201c" + lastTerm + "\u201d" + narrowed
          + (places ? ", in " + places + (places === 1 ? " place" : " places") : "") + "; all are shown.";
    }

    function search() {
      if (!pagefind) return;
      var term = input.value.trim();
      var mine = ++run;
      var params = new URLSearchParams(location.search);
      if (term) params.set("q", term); else params.delete("q");
      history.replaceState(null, "", "?" + params.toString());
      if (!term) {
        status.textContent = "";
        list.textContent = "";
        filterBox.hidden = true;
        return;
      }
      status.textContent = "Searching…";
      pagefind.search(term).then(function (result) {
        return Promise.all(result.results.map(function (r) { return r.data(); }));
      }).then(function (pages) {
        if (mine !== run) return;
        found = pages;
        lastTerm = term;
        show();
      });
    }

    form.addEventListener("submit", function (event) { event.preventDefault(); search(); });
    input.addEventListener("input", function () {
      clearTimeout(input.timer);
      input.timer = setTimeout(search, 250);
    });

    filterBox.hidden = true;
    import(bundle + "pagefind.js").then(function (module) {
      pagefind = module;
      return pagefind.options({ baseUrl: siteBase().pathname, excerptLength: 30 });
    }).then(function () {
      search();
    }).catch(function () {
      status.textContent = "Search could not start here. Browse the catalogue instead.";
    });
  }

  // The page a search result leads to: the words highlighted (Pagefind's highlight script).
  function highlightWords() {
    if (location.protocol === "file:" || !new URLSearchParams(location.search).get("highlight")) return;
    if (document.body.dataset.swHighlighted) return;
    document.body.dataset.swHighlighted = "1";
    import(new URL("pagefind/pagefind-highlight.js", siteBase()).href).then(function () {
      if (window.PagefindHighlight) new window.PagefindHighlight({ highlightParam: "highlight", markContext: "article" });
      var target = location.hash && document.getElementById(decodeURIComponent(location.hash.slice(1)));
      if (target) target.scrollIntoView();
    }).catch(function () { /* the page reads the same without highlights */ });
  }

  // Previews: hovering (with a mouse) or focusing (with the keyboard) an entity link shows the
  // entity's description and mention count, a link to a paragraph shows the paragraph, a quotation
  // shows who says it. Everything comes from the page itself, or from a page of this site.
  var previewBox = null, previewFor = null, fetched = {};

  function entityData() {
    var holder = document.querySelector("article .sw-previews");
    if (!holder) return {};
    if (!holder.parsed) {
      try { holder.parsed = JSON.parse(holder.getAttribute("data-entities")); } catch (e) { holder.parsed = {}; }
    }
    return holder.parsed;
  }

  function blockText(block) {
    var copy = block.cloneNode(true);
    copy.querySelectorAll(".sw-permalink, .sw-copy, .headerlink, .sw-srcnum").forEach(function (el) { el.remove(); });
    return copy.textContent.replace(/\s+/g, " ").trim();
  }

  function previewOf(link, done) {
    var quote = link.closest(".sw-quote");
    if (link.matches(".sw-quote-by") || quote) {
      var speaker = (quote || link.previousElementSibling || link).getAttribute("data-speaker") || link.getAttribute("data-speaker");
      return done({ title: "Quoted: " + speaker, text: "Select the quotation mark after it for every quotation of " + speaker + "." });
    }
    var href = link.getAttribute("href") || "";
    var entity = href.match(/entities\/([a-z0-9-]+)\/(index\.html)?$/);
    if (entity) {
      var data = entityData()[entity[1]];
      if (data) return done({ title: data.name + " (" + data.kind + ")", text: data.description, note: data.mentions });
      return done(null);
    }
    var url = new URL(href, location.href);
    var id = decodeURIComponent(url.hash.slice(1));
    if (!/^(p|q)\d+$/.test(id)) return done(null);
    var here = url.pathname === location.pathname;
    if (here) {
      var block = document.getElementById(id);
      if (block && block.matches(".sw-unit")) block = block.querySelector("h3.sw-q");
      return done(block ? { title: labelOf(block), text: blockText(block) } : null);
    }
    if (url.origin !== location.origin || location.protocol === "file:") return done(null);
    var page = url.href.split("#")[0];
    (fetched[page] = fetched[page] || fetch(page).then(function (r) { return r.ok ? r.text() : ""; })
      .then(function (html) { return new DOMParser().parseFromString(html, "text/html"); }))
      .then(function (doc) {
        var block = doc.getElementById(id);
        if (block && block.matches(".sw-unit")) block = block.querySelector("h3.sw-q");
        var title = doc.querySelector("article h1");
        done(block ? { title: (title ? blockText(title) + ", " : "") + labelOf(block), text: blockText(block) } : null);
      }, function () { done(null); });
  }

  function showPreview(link) {
    previewFor = link;
    previewOf(link, function (data) {
      if (previewFor !== link || !data) return;
      if (!previewBox) {
        previewBox = element("div", "sw-preview");
        previewBox.id = "sw-preview";
        previewBox.setAttribute("role", "tooltip");
        document.body.appendChild(previewBox);
      }
      previewBox.textContent = "";
      previewBox.appendChild(element("strong", "sw-preview__title", data.title));
      var text = data.text.length > 420 ? data.text.slice(0, 419).replace(/\s+\S*$/, "") + "\u2026" : data.text;
      previewBox.appendChild(element("span", "sw-preview__text", text));
      if (data.note) previewBox.appendChild(element("span", "sw-preview__note", data.note));
      var box = link.getBoundingClientRect();
      var width = Math.min(400, document.documentElement.clientWidth - 16);
      previewBox.style.width = width + "px";
      previewBox.style.left = Math.max(8, Math.min(box.left + scrollX, scrollX + document.documentElement.clientWidth - width - 8)) + "px";
      previewBox.style.top = (box.bottom + scrollY + 8) + "px";
      previewBox.hidden = false;
      link.setAttribute("aria-describedby", "sw-preview");
    });
  }

  function hidePreview() {
    if (previewFor) previewFor.removeAttribute("aria-describedby");
    previewFor = null;
    if (previewBox) previewBox.hidden = true;
  }

  var PREVIEWED = "article a[href*='entities/'], article a[href*='#p'], article a[href*='#q'], article .sw-quote, article .sw-quote-by";
  function previewTarget(node) {
    var target = node && node.closest && node.closest(PREVIEWED);
    if (!target || target.matches(".sw-permalink, .headerlink") || target.closest("nav, .md-sidebar, .sw-copy")) return null;
    return target;
  }
  if (window.matchMedia && matchMedia("(hover: hover)").matches) {  // touch screens: a tap follows the link
    document.addEventListener("mouseover", function (event) {
      var target = previewTarget(event.target);
      if (target && target !== previewFor) showPreview(target);
      else if (!target && previewFor && !(previewBox && previewBox.contains(event.target))) hidePreview();
    });
  }
  document.addEventListener("focusin", function (event) {
    var target = previewTarget(event.target);
    if (target && target.matches(":focus-visible")) showPreview(target);
    else hidePreview();
  });
  document.addEventListener("keydown", function (event) {
    if (event.key === "Escape") hidePreview();
  });

  function onPage() {
    addAllTools();
    sortCatalogue();
    nameSearchDialog();
    addHeaderSearch();
    startSearchPage();
    highlightWords();
  }

  if (window.document$) {
    document$.subscribe(onPage);
  } else {
    document.addEventListener("DOMContentLoaded", onPage);
  }
})();
