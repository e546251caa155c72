// seedwiki: passage links. Selecting words in a citable block, or from one block into a later one,
// offers "Copy link to passage": a link to the first block with a text fragment (#p12:~:text=…,
// or a range #p12:~:text=start,end ending in a later paragraph) that browsers highlight and scroll to.
(function () {
  "use strict";
  var seedwiki = window.seedwiki;
  var pageUrl = seedwiki.pageUrl, anchorOf = seedwiki.anchorOf, labelOf = seedwiki.labelOf;
  var copy = seedwiki.copy, BLOCKS = seedwiki.BLOCKS;

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

  // The text-fragments polyfill's generator (vendored, 26 KB): loaded by the first selection in a
  // block, never with the page; "Copy link to passage" shows once it has loaded. Should it fail to
  // load, a link carries fallbackDirective's fragment.
  var GENERATOR = "vendor/text-fragments/fragment-generation-utils.js";

  function generated(last) {
    var generation = window.TextFragmentGeneration;
    if (!generation) return null;
    // What follows the passage's last block cannot hold the first match: hide it while generating.
    var hidden = [];
    for (var node = last; node && node !== document.body; node = node.parentElement) {
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

  // Without the generator: the passage's words, or its first and last five words; for a passage
  // over several blocks, the first words in its first block and the last in its last (a term of a
  // directive never crosses a block).
  function fallbackDirective(text, endText) {
    var words = text.split(" ");
    if (endText) {
      return fragmentPart(words.slice(0, 5).join(" ")) + "," + fragmentPart(endText.split(" ").slice(-5).join(" "));
    }
    return words.length <= 12
      ? fragmentPart(text)
      : fragmentPart(words.slice(0, 5).join(" ")) + "," + fragmentPart(words.slice(-5).join(" "));
  }

  function passageLink(passage) {
    return pageUrl() + "#" + anchorOf(passage.block) + ":~:text=" + (passage.directive || fallbackDirective(passage.text, passage.endText));
  }

  // The label of the blocks a passage runs over, from the labels the page gives them: "¶10",
  // "¶10–¶11", "Q8, ¶18–¶19" (the question named once).
  function rangeLabel(first, last) {
    var a = labelOf(first), b = labelOf(last || first);
    if (!last || last === first) return a;
    var cut = a.lastIndexOf(", ");
    if (cut >= 0 && b.indexOf(a.slice(0, cut + 2)) === 0) b = b.slice(cut + 2);
    return a + "\u2013" + b;
  }

  function shownText(range) {
    var fragment = range.cloneContents();
    fragment.querySelectorAll(".headerlink, .sw-copy, .sw-permalink").forEach(function (el) { el.remove(); });
    return fragment.textContent.replace(/\s+/g, " ").trim();
  }

  function selectedPassage() {
    var selection = window.getSelection();
    if (!selection || selection.isCollapsed || selection.rangeCount === 0) return null;
    var range = selection.getRangeAt(0);
    var start = range.startContainer.parentElement, end = range.endContainer.parentElement;
    var block = start && start.closest(BLOCKS);
    var last = end && end.closest(BLOCKS);
    if (!block || !last || start.closest(".sw-copy, .sw-permalink, .headerlink")) return null;
    if (last !== block && !(block.compareDocumentPosition(last) & Node.DOCUMENT_POSITION_FOLLOWING)) return null;
    var text = shownText(range);
    if (!text) return null;
    var passage = { block: block, last: last, text: text, endText: "", rect: range.getBoundingClientRect() };
    if (last !== block) {  // over several blocks: the words in the first block, and those in the last
      var head = document.createRange(), tail = document.createRange();
      head.setStart(range.startContainer, range.startOffset);
      head.setEndAfter(block);
      tail.setStartBefore(last);
      tail.setEnd(range.endContainer, range.endOffset);
      passage.text = shownText(head);
      passage.endText = shownText(tail);
      if (!passage.text || !passage.endText) return null;
    }
    return passage;
  }

  var passageButton = null, generatorTried = false;
  function updatePassageButton() {
    var passage = selectedPassage();
    if (!passage || !generatorTried) {
      if (passageButton) passageButton.hidden = true;
      // The first passage selected loads the generator; the button shows once it has loaded (or failed to).
      if (passage) seedwiki.load(GENERATOR, function () { generatorTried = true; updatePassageButton(); });
      return;
    }
    if (!passageButton) {
      passageButton = document.createElement("button");
      passageButton.type = "button";
      passageButton.className = "sw-passage";
      passageButton.textContent = seedwiki.word("js_copy_passage");
      passageButton.setAttribute("aria-label", seedwiki.word("js_copy_passage_label"));
      passageButton.addEventListener("click", function () {
        var current = passageButton.passage;
        copy(passageLink(current), seedwiki.word("js_copied_passage", { label: rangeLabel(current.block, current.last) }), null, passageButton);
      });
      passageButton.addEventListener("mousedown", function (event) { event.preventDefault(); });  // keep the selection
      document.body.appendChild(passageButton);
    }
    passage.directive = generated(passage.last);  // now, while the selection is the passage
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

  seedwiki.passage = {
    fragmentPart: fragmentPart,
    directiveOf: directiveOf,
    fallbackDirective: fallbackDirective,
    passageLink: passageLink,
    rangeLabel: rangeLabel,
  };
})();
