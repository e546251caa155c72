// seedwiki: citing. "Copy link" and "Copy citation" at the end of every citable block, the "Cite
// this source" box, and the addresses a printed page and reference managers read.
(function () {
  "use strict";
  var seedwiki = window.seedwiki;
  var pageUrl = seedwiki.pageUrl, anchorOf = seedwiki.anchorOf, labelOf = seedwiki.labelOf;
  var escapeHtml = seedwiki.escapeHtml, copy = seedwiki.copy, BLOCKS = seedwiki.BLOCKS, word = seedwiki.word;

  // What the page knows for its citations (render/seed.py: title, outlet, date, who speaks where).
  function citeData() {
    var element = document.querySelector("article .sw-cite-data");
    if (!element) return null;
    try { return JSON.parse(element.getAttribute("data-cite")); } catch (e) { return null; }
  }

  // A citation is written in English whatever the interface's language, as `seedwiki cite` writes
  // it (its style's words: "accessed", "n.d."): the date as British English writes it, "5 March 2024".
  function humanDate(date) {
    return new Intl.DateTimeFormat("en-GB", { day: "numeric", month: "long", year: "numeric" }).format(date);
  }

  function sentence(text) {  // as citation.sentence: a full stop unless the text ends a sentence already
    return /[.?!][\u201d\u2019"'\u00bb)]*$/.test(text) ? text : text + ".";
  }

  // The citation of a block, as `seedwiki cite SLUG --p N --format text` and `--format html` give it
  // (citation.py: Citation.parts, sentence, _text, _html): the source's authors (never a speaker),
  // the title with the block's label, where and when, the address, then the notes: who speaks
  // there when it is not the author, and where the original is. `data` is what the page knows
  // (citeData), `address` the page's (pageUrl), `today` the day it is accessed.
  function citationOf(block, data, address, today) {
    var anchor = anchorOf(block);
    var head = data.authors ? sentence(data.authors) + " " : "";
    var name = (data.title || document.title) + ", " + labelOf(block);
    var after = data.after || "n.d.";
    var url = address + "#" + anchor;
    var accessed = "(accessed " + humanDate(today) + ").";
    var notes = [(data.notes || {})[anchor], data.original].filter(Boolean).join(" ");
    notes = notes ? " " + notes : "";
    return {
      text: head + sentence(name) + " " + sentence(after) + " " + url + " " + accessed + notes,
      html: escapeHtml(head) + '<a href="' + escapeHtml(url) + '">' + escapeHtml(name) + "</a>. " + escapeHtml(after) + " " + accessed + escapeHtml(notes),
    };
  }

  function citation(block) {
    return citationOf(block, citeData() || {}, pageUrl(), new Date());
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
  // page loads (on a long text, when a block is reached: addAllTools) and only shown on hover or
  // focus, so showing them moves nothing.
  function addTools(block) {
    if (block.querySelector(":scope > .sw-copy")) return;
    var tools = document.createElement("span");
    tools.className = "sw-copy";
    tools.setAttribute("data-search-exclude", "");
    tools.setAttribute("data-pagefind-ignore", "");
    var label = labelOf(block);
    tools.appendChild(button("link", word("js_copy_link_to", { label: label }), function () {
      copy(pageUrl() + "#" + anchorOf(block), word("js_copied_link", { label: label }), null, this);
    }));
    tools.appendChild(button("cite", word("js_copy_citation_of", { label: label }), function () {
      var c = citation(block);
      copy(c.text, word("js_copied_citation", { label: label }), c.html, this);
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
      b.textContent = word("js_copy");
      b.setAttribute("aria-label", word("js_copy_reference", { name: name }));
      b.addEventListener("click", function () { copy(text.textContent, word("js_copied_reference", { name: name }), null, b); });
      style.appendChild(b);
    });
  }

  // A long text gets its blocks' tools on demand: when the pointer or the keyboard reaches a block,
  // or a link makes it the target. The page is usable as soon as it is drawn.
  var EAGER_MOST = 400;  // as render/seed.py's LONG_TEXT
  var onDemand = false;

  function toolsFor(event) {
    var target = event.target;
    var block = target && target.closest ? target.closest(BLOCKS) : null;
    if (block) addTools(block);
  }

  function toolsForTarget() {
    var id = seedwiki.hashId(location.hash);
    var element = id && document.getElementById(id);
    if (!element) return;
    var block = element.matches(BLOCKS) ? element : element.querySelector(".sw-q") || element.closest(BLOCKS);
    if (block) addTools(block);
  }

  function addAllTools() {
    var blocks = document.querySelectorAll(BLOCKS);
    if (blocks.length <= EAGER_MOST) {
      blocks.forEach(addTools);
    } else if (!onDemand) {
      onDemand = true;
      document.addEventListener("pointerover", toolsFor, { passive: true });
      document.addEventListener("focusin", toolsFor);
      window.addEventListener("hashchange", toolsForTarget);
      toolsForTarget();
    }
    citeBox();
    // Pages read somewhere other than their published address: the printed and the reference-manager
    // address is the one citations carry.
    var address = document.querySelector(".sw-print-address span");
    if (address) address.textContent = pageUrl();
    document.querySelectorAll(".sw-print-cite .sw-cite-url").forEach(function (span) { span.textContent = pageUrl(); });
    if (!document.querySelector('meta[name="seedwiki:published-url"]')) {
      document.querySelectorAll('meta[name="citation_public_url"], meta[name="citation_abstract_html_url"], meta[name="DC.identifier"]')
        .forEach(function (meta) { meta.content = pageUrl(); });
    }
  }

  seedwiki.onPage(addAllTools);

  seedwiki.cite = {
    citeData: citeData,
    humanDate: humanDate,
    sentence: sentence,
    citationOf: citationOf,
    citation: citation,
  };
})();
