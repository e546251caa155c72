// seedwiki: previews. Hovering (with a mouse) or focusing (with the keyboard) an entity link shows
// the entity's description and mention count, a link to a paragraph shows the paragraph, a
// quotation shows who says it. Everything comes from the page itself, or from a page of this site.
(function () {
  "use strict";
  var seedwiki = window.seedwiki;
  var labelOf = seedwiki.labelOf, element = seedwiki.element;

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
    copy.querySelectorAll(".sw-permalink, .sw-copy, .headerlink, .sw-srcnum, .sw-part-of").forEach(function (el) { el.remove(); });
    return copy.textContent.replace(/\s+/g, " ").trim();
  }

  function previewOf(link, done) {
    var quote = link.closest(".sw-quote");
    if (link.matches(".sw-quote-by") || quote) {
      var speaker = (quote || link.previousElementSibling || link).getAttribute("data-speaker") || link.getAttribute("data-speaker");
      return done({ title: seedwiki.word("js_quoted", { speaker: speaker }), text: seedwiki.word("js_quoted_hint", { speaker: speaker }) });
    }
    var href = link.getAttribute("href") || "";
    var entity = href.match(/entities\/([a-z0-9-]+)\/(index\.html)?$/);
    if (entity) {
      var data = entityData()[entity[1]];
      if (data) return done({ title: data.name + " (" + data.kind + ")", text: data.description, note: data.mentions });
      return done(null);
    }
    var url = new URL(href, location.href);
    var id = seedwiki.hashId(url.hash);
    if (!/^(p|q)\d+$/.test(id)) return done(null);
    var here = url.pathname === location.pathname;
    if (here) {
      var block = document.getElementById(id);
      var part = partPage(block, location.href);
      if (part) return location.protocol === "file:" ? done(null) : previewFrom(part, id, done, false);
      if (block && block.matches(".sw-unit")) block = block.querySelector("h3.sw-q");
      return done(block ? { title: labelOf(block), text: blockText(block) } : null);
    }
    if (url.origin !== location.origin || location.protocol === "file:") return done(null);
    previewFrom(url.href.split("#")[0], id, done, true);
  }

  // The page of the part that shows block `id` when `mark` is its empty mark in a long seed's
  // "Parts" contents (render/seed.py, parts_contents), else null.
  function partPage(mark, base) {
    var row = mark && mark.parentElement;
    return row && row.hasAttribute("data-sw-part") ? new URL(row.getAttribute("data-sw-part"), base).href.split("#")[0] : null;
  }

  // Block `id` of the page at `page` (fetched once); `onward`: on a long seed's page, from the part that shows it.
  function previewFrom(page, id, done, onward) {
    (fetched[page] = fetched[page] || fetch(page).then(function (r) { return r.ok ? r.text() : ""; })
      .then(function (html) { return new DOMParser().parseFromString(html, "text/html"); }))
      .then(function (doc) {
        var block = doc.getElementById(id);
        var part = partPage(block, page);
        if (part) return onward ? previewFrom(part, id, done, false) : done(null);
        if (block && block.matches(".sw-unit")) block = block.querySelector("h3.sw-q");
        var title = doc.querySelector("article h1");
        done(block ? { title: (title ? blockText(title) + ", " : "") + labelOf(block), text: blockText(block) } : null);
      }, function () { done(null); });
  }

  // A preview's text: at most 420 characters, cut at a word.
  function clip(text) {
    return text.length > 420 ? text.slice(0, 419).replace(/\s+\S*$/, "") + "\u2026" : text;
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
      previewBox.appendChild(element("span", "sw-preview__text", clip(data.text)));
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

  seedwiki.preview = {
    entityData: entityData,
    previewOf: previewOf,
    clip: clip,
  };
})();
