// seedwiki: the search page, with Pagefind (the published site); only that page loads this script.
// The search form in the header, the words highlighted on the page a result leads to and the name
// of the offline build's search box (Material's own) are js/shared.js, on every page.
(function () {
  "use strict";
  var seedwiki = window.seedwiki;
  var element = seedwiki.element, siteBase = seedwiki.siteBase, word = seedwiki.word;

  // The search page: Pagefind's API (the published site), with a result per page and, under it, a
  // link to each paragraph or answer that holds the words; filters by section, outlet, kind,
  // language, year, tag and entity; the words highlighted on the page a result leads to.
  // (Not Pagefind's Component UI: its filters are Pagefind's filter index, which differs from build
  // to build where the site is byte-identical, and its sub-results split a page at headings only,
  // where a hit here opens at its paragraph.)
  var FILTERS = ["section", "outlet", "kind", "language", "year", "tag", "entity"];

  // How Pagefind ranks (its `ranking` options): by how often the words occur, whatever a page's
  // length (pageLength 0), and without the fivefold boost of a word in a page's title (title 1).
  // With the weights the pages carry (a seed's text 3, every page but a seed's 0.5: plugin/search.py),
  // a source that holds the words comes before the entity, list and help pages that name them,
  // where by default a short entity page named after the word came first.
  var RANKING = { pageLength: 0, metaWeights: { title: 1 } };

  // What Pagefind returns is the page's text as it is (a page's `content`, its metadata, the text of
  // its anchors), but for `raw_content` and the excerpts built from it, where only "<" and ">" are
  // escaped (not "&": a seed's own "&lt;" is indistinguishable there). Nothing here is decoded:
  // words come from `content`, and Pagefind's excerpt is found among them (`pagefindExcerpt`).
  function words(data) {
    return (data.content || "").split(/[\r\n\s]+/g);
  }

  function escaped(text) {  // a word as Pagefind's `raw_content` and excerpts have it
    return text.replace(/</g, "&lt;").replace(/>/g, "&gt;");
  }

  // Pagefind's excerpt (words of `raw_content`, <mark> around the hits) as the page's own words
  // (`content`: `all`), as text nodes and <mark>s: never markup.
  function pagefindExcerpt(html, all) {
    var out = element("p", "sw-result__excerpt");
    var tokens = html.trim() ? html.trim().split(/[\r\n\s]+/g) : [];
    var hits = tokens.map(function (t) { return /^<mark>[\s\S]*<\/mark>$/.test(t); });
    var plain = tokens.map(function (t, i) { return hits[i] ? t.slice(6, -7) : t; });
    var start = -1;
    for (var i = 0; start < 0 && i + tokens.length <= all.length; i++) {
      if (plain.every(function (t, k) { return escaped(all[i + k]) === t; })) start = i;
    }
    if (start < 0) return out;  // not the page's words: nothing rather than a misquote
    plain.forEach(function (_, k) {
      var text = all[start + k];
      if (hits[k]) out.appendChild(element("mark", "", text));
      else out.appendChild(document.createTextNode(text));
      if (k < plain.length - 1) out.appendChild(document.createTextNode(" "));
    });
    return out;
  }

  // Words `from`..`to` of the content, those at `marked` positions in <mark>.
  function excerpt(words, from, to, marked) {
    var out = element("p", "sw-result__excerpt");
    from = Math.max(0, from);
    to = Math.min(words.length, to);
    if (from > 0) out.appendChild(document.createTextNode("… "));
    for (var i = from; i < to; i++) {
      var text = words[i] + (i < to - 1 ? " " : "");
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
  // (a paragraph, the title, a question, or a heading of a page without paragraphs), and where the
  // next such block starts (`end`): an excerpt runs to there, and never past it into other ids.
  function subResults(data) {
    var anchors = (data.anchors || []).filter(function (a) {
      return /^(p|q)\d+$/.test(a.id) ? a.element !== "div" : /^h[1-6]$/i.test(a.element) && a.id;
    }).sort(function (a, b) { return a.location - b.location; });
    var groups = [], byId = {};
    (data.locations || []).slice().sort(function (a, b) { return a - b; }).forEach(function (loc) {
      var anchor = null;
      for (var i = 0; i < anchors.length && anchors[i].location <= loc; i++) anchor = anchors[i];
      if (!anchor) return;
      if (!byId[anchor.id]) {
        var next = anchors[i];  // the first block after this one, if any
        while (next && next.location <= anchor.location) next = anchors[++i];
        groups.push(byId[anchor.id] = { anchor: anchor, locations: [], end: next ? next.location : Infinity });
      }
      byId[anchor.id].locations.push(loc);
    });
    return groups;
  }

  // How a sub-result names its block, as citations do: "¶6", "Q8 (question)" for a question, "Q8, ¶18" in its answer.
  function anchorLabel(anchor, all) {
    if (!/^p\d+$/.test(anchor.id)) return (anchor.text || anchor.id).replace(/\s+/g, " ").trim();
    var unit = null, section = null;
    all.forEach(function (a) {
      if (a.location > anchor.location || a === anchor) return;
      if (a.element === "div" && /^q\d+$/.test(a.id)) unit = a;
      else if (/^h2$/i.test(a.element)) section = a;
    });
    var paragraph = "\u00b6" + anchor.id.slice(1);
    if (!unit || (section && section.location > unit.location)) return paragraph;
    var question = "Q" + unit.id.slice(1);
    return unit.location === anchor.location ? word("js_question_label", { label: question }) : question + ", " + paragraph;
  }

  function landing(url, term, anchor) {
    var address = new URL(url, location.href);
    address.hash = anchor ? "#" + anchor : "";
    if (term) address.searchParams.set("highlight", term);
    return address.href;
  }

  function facetsOf(data) {  // the search metadata render/ writes: {section: [...], outlet: [...], ...}
    if (data.facets) return data.facets;
    try { data.facets = JSON.parse((data.meta && data.meta.facets) || "{}"); } catch (e) { data.facets = {}; }
    return data.facets;
  }

  // Whether a page has every chosen filter value ({name: value}).
  function matches(data, chosen) {
    var facets = facetsOf(data);
    return Object.keys(chosen).every(function (name) { return (facets[name] || []).indexOf(chosen[name]) >= 0; });
  }

  // The values of filter `name` among the pages found, each with how many pages it would leave
  // with the other filters chosen: {value: count}.
  function filterCounts(pages, chosen, name) {
    var counts = {};
    pages.forEach(function (data) {
      var others = {};
      Object.keys(chosen).forEach(function (k) { if (k !== name) others[k] = chosen[k]; });
      if (!matches(data, others)) return;
      (facetsOf(data)[name] || []).forEach(function (value) { counts[value] = (counts[value] || 0) + 1; });
    });
    return counts;
  }

  // What the search page says of its results: `shown` pages of `found`, in `places` blocks.
  function countText(shown, found, places, term, filtered) {
    if (shown === 0) return word(filtered ? "js_no_page_filtered" : "js_no_page", { term: term });
    return word("js_pages_hold", { count: shown, term: term }) + (filtered ? word("js_narrowed", { count: found }) : "")
      + (places ? word("js_in_places", { count: places }) : "") + word("js_all_shown");
  }

  function showResult(list, data, term) {
    var item = element("li", "sw-result");
    var title = element("a", "sw-result__title", (data.meta && data.meta.title) || data.url);
    title.href = landing(data.url, term, "");
    var heading = element("h2", "sw-result__heading");
    heading.appendChild(title);
    item.appendChild(heading);
    var facts = [];
    var filters = facetsOf(data);
    if (filters.section) facts.push(filters.section[0]);
    var seed = filters.section && filters.section[0] === word("section_seeds");
    if (seed && filters.kind && filters.kind[0] !== word("unknown")) facts.push(filters.kind[0]);
    if (filters.outlet) facts.push(filters.outlet[0]);
    if (data.meta && data.meta.date && seed) facts.push(data.meta.date);
    if (facts.length) item.appendChild(element("p", "sw-result__facts", facts.join(" \u00b7 ")));
    var lang = data.meta && data.meta.lang;
    var all = words(data);
    var marked = {};
    (data.locations || []).forEach(function (loc) { marked[loc] = true; });
    var groups = subResults(data);
    if (!groups.length) {
      var page = pagefindExcerpt(data.excerpt || "", all);
      if (lang) page.lang = lang;
      page.dir = "auto";
      item.appendChild(page);
    }
    var subs = element("ul", "sw-result__subs");
    groups.forEach(function (group) {
      var at = group.locations[0];
      var start = Math.max(group.anchor.location, at - 12);
      var text = excerpt(all, start, Math.min(start + 30, group.end), marked);
      if (lang) text.lang = lang;
      text.dir = "auto";
      // the heading of a page without paragraphs (an entity's name): under the title, which names it already
      if (/^h1$/i.test(group.anchor.element) && !/^p\d+$/.test(group.anchor.id)) {
        text.className += " sw-result__place";
        item.appendChild(text);
        return;
      }
      var sub = element("li", "sw-result__sub");
      var link = element("a", "sw-result__where", anchorLabel(group.anchor, data.anchors || []));
      link.dir = /^(p|q)\d+$/.test(group.anchor.id) ? "ltr" : "auto";  // "¶2", "Q8, ¶18" as citations write them, also in an RTL interface
      link.href = landing(data.url, term, group.anchor.id);
      sub.appendChild(link);
      sub.appendChild(text);
      subs.appendChild(sub);
    });
    if (subs.children.length) item.appendChild(subs);
    list.appendChild(item);
  }

  function startSearchPage() {
    var target = document.getElementById("sw-search");
    if (!target || target.dataset.started) return;
    target.dataset.started = "1";
    if (location.protocol === "file:") {
      target.textContent = word("js_offline_search");
      return;
    }
    var bundle = new URL(target.dataset.bundle, location.href).href;
    var form = element("form", "sw-search__form");
    form.setAttribute("role", "search");
    form.setAttribute("aria-label", word("js_search_this_wiki"));
    var input = element("input", "sw-search__input");
    input.type = "search";
    input.name = "q";
    input.setAttribute("aria-label", word("js_search_input"));
    input.placeholder = word("js_search");
    input.value = new URLSearchParams(location.search).get("q") || "";
    form.appendChild(input);
    var submit = element("button", "md-button md-button--primary sw-search__go", word("js_search"));
    submit.type = "submit";
    form.appendChild(submit);
    // The filters fold under "Filters": open on a wide screen, closed on a phone (below 600 px),
    // where seven of them would fill the first screen before any result.
    var filterBox = element("details", "sw-search__filters");
    var filterLabel = element("summary", "", word("js_filters"));
    filterBox.appendChild(filterLabel);
    var filterSet = element("fieldset", "sw-search__filterset");
    filterSet.appendChild(element("legend", "sw-visually-hidden", word("js_narrow_to")));
    filterBox.appendChild(filterSet);
    filterBox.open = !window.matchMedia || window.matchMedia("(min-width: 600px)").matches;
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

    // The filters offer the values of the pages found, each with how many of them it would leave.
    function offerFilters(pages, chosen) {
      filterBox.hidden = !pages.length;
      FILTERS.forEach(function (name) {
        var counts = filterCounts(pages, chosen, name);
        var select = selects[name];
        if (!select) {
          var label = element("label", "sw-search__filter");
          label.appendChild(element("span", "", word("js_filter_" + name)));
          select = selects[name] = element("select");
          select.name = name;
          select.addEventListener("change", function () { show(); });
          label.appendChild(select);
          filterSet.appendChild(label);
        }
        var keep = chosen[name] || "";
        select.textContent = "";
        select.appendChild(element("option", "", word("js_any")));
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
      var n = Object.keys(chosen).length;
      filterLabel.textContent = n ? word("js_filters_chosen", {count: n}) : word("js_filters");
      var pages = found.filter(function (data) { return matches(data, chosen); });
      offerFilters(found, chosen);
      list.textContent = "";
      pages.forEach(function (data) { showResult(list, data, lastTerm); });
      var places = list.querySelectorAll(".sw-result__sub").length + list.querySelectorAll(".sw-result__place").length;
      status.textContent = countText(pages.length, found.length, places, lastTerm, Object.keys(chosen).length > 0);
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
      status.textContent = word("js_searching");
      pagefind.search(term).then(function (result) {
        return Promise.all(result.results.map(function (r) { return r.data(); }));
      }).then(function (pages) {
        if (mine !== run) return;
        // not a page of the site: what each shard's bundle indexes besides its pages (shard.py, `vocabulary`)
        found = pages.filter(function (data) { return !/\/seedwiki-vocabulary\/$/.test(data.url || ""); });
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
    // The bundles merged with this one (a site built in shards: each shard's pages have their own
    // bundle, named in seedwiki-bundles.json; plugin/search.py, shard.py): searched as one index.
    var merged = Promise.resolve().then(function () {
      return fetch(bundle + "seedwiki-bundles.json");
    }).then(function (response) {
      return response.ok ? response.json() : { merge: [] };
    }).then(function (data) {  // only the shards' bundles beside this one (`shard-K/`), never another address
      return data && Array.isArray(data.merge) ? data.merge.filter(function (name) { return /^shard-\d+\/$/.test(name); }) : [];
    }).catch(function () { return []; });
    var options = { baseUrl: siteBase().pathname, excerptLength: 30, ranking: RANKING };
    Promise.all([import(bundle + "pagefind.js"), merged]).then(function (loaded) {
      var module = loaded[0];
      return module.options(options).then(function () {
        return Promise.all(loaded[1].map(function (name) { return module.mergeIndex(new URL(name, bundle).href, options); }));
      }).then(function () {
        pagefind = module;
      });
    }).then(function () {
      search();
    }).catch(function () {
      status.textContent = word("js_search_failed");
    });
  }

  seedwiki.onPage(startSearchPage);

  seedwiki.search = {
    FILTERS: FILTERS,
    RANKING: RANKING,
    pagefindExcerpt: pagefindExcerpt,
    words: words,
    excerpt: excerpt,
    subResults: subResults,
    anchorLabel: anchorLabel,
    landing: landing,
    facetsOf: facetsOf,
    matches: matches,
    filterCounts: filterCounts,
    countText: countText,
    showResult: showResult,
  };
})();
