"""Text fragments (`#p14:~:text=…`): where a browser lands, and how to make one that lands.

A browser highlights and scrolls to the *first* match of a text directive on the whole page, not in
the element the fragment names. So a passage link is only right when its first match on the page
lies inside its paragraph. `PageText` reads a built page the way the directive is matched
(https://wicg.github.io/scroll-to-text-fragment/): its visible text in document order, split at
block elements, whitespace collapsed, matched without regard to case and only at word boundaries.
Text the page's stylesheet hides (`display: none`, `visibility: hidden`: a question's own number
"7- ", kept in the page but shown only in the margin) is never matched, as in a browser.
`passage_fragment` finds a quotation in its block as written (hidden text and all), takes the words
a reader sees, and widens them with words around them until their first match is in the block;
`first_match` tells check-review where a directive lands.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import cache
from html.parser import HTMLParser
from importlib.resources import files
from urllib.parse import quote, unquote

# Elements that start a new block of text: a match never crosses one of them.
_BLOCK_TAGS = frozenset(
    "address article aside blockquote br details dd dialog div dl dt fieldset figcaption figure footer form "
    "h1 h2 h3 h4 h5 h6 header hr li main nav ol p pre section summary table tbody td tfoot th thead tr ul".split()
)
# Elements whose text is never shown, so never matched.
_HIDDEN_TAGS = frozenset("head script style template noscript svg title".split())
_VOID_TAGS = frozenset("area base br col embed hr img input link meta source track wbr".split())
_WORD = re.compile(r"\w")


# --- what the page's stylesheet hides ----------------------------------------------------------------

_COMMENT = re.compile(r"/\*.*?\*/", re.DOTALL)
_HIDING = re.compile(r"(?:^|;)\s*(?:display\s*:\s*none|visibility\s*:\s*hidden)\s*(?:!important\s*)?(?:;|$)", re.IGNORECASE)
_COMPOUND = re.compile(r"([a-z][a-z0-9]*)?((?:[.#][\w-]+)*)", re.IGNORECASE)


@dataclass(frozen=True)
class _Compound:
    """One compound selector: a tag (or any), the classes and id an element must have."""

    tag: str | None
    classes: frozenset[str]
    id: str | None

    def matches(self, tag: str, classes: frozenset[str], element_id: str | None) -> bool:
        return (self.tag is None or self.tag == tag) and self.classes <= classes and (self.id is None or self.id == element_id)


Selector = tuple[tuple[str, _Compound], ...]  # (combinator before it: " " or ">" or "", compound), left to right


def _selector(text: str) -> Selector | None:
    """A selector of compounds (tags, classes, ids) joined by descendant and child combinators;
    None for anything else (pseudo-classes, attributes, siblings: not modelled)."""
    tokens = text.replace(">", " > ").split()
    out: list[tuple[str, _Compound]] = []
    combinator = ""
    for token in tokens:
        if token == ">":
            combinator = ">"
            continue
        found = _COMPOUND.fullmatch(token)
        if found is None or not token:
            return None
        names = re.findall(r"([.#])([\w-]+)", found.group(2))
        ids = [n for mark, n in names if mark == "#"]
        out.append((combinator if out else "", _Compound(found.group(1).lower() if found.group(1) else None,
                                                         frozenset(n for mark, n in names if mark == "."), ids[0] if ids else None)))
        combinator = " "
    return tuple(out) or None


def hiding_selectors(css: str) -> tuple[Selector, ...]:
    """The selectors of the rules of a stylesheet that hide what they select (`display: none` or
    `visibility: hidden`), outside at-rules (`@media print` hides only on paper)."""
    css = _COMMENT.sub(" ", css)
    found: list[Selector] = []
    position, depth, start = 0, 0, 0
    prelude = ""
    for index, ch in enumerate(css):
        if ch == "{":
            if depth == 0:
                prelude, start = css[position:index].strip(), index + 1
            depth += 1
        elif ch == "}" and depth:
            depth -= 1
            if depth == 0:
                if not prelude.startswith("@") and _HIDING.search(css[start:index].strip()):
                    found += [sel for text in prelude.split(",") if (sel := _selector(text)) is not None]
                position = index + 1
    return tuple(found)


@cache
def seedwiki_hiding_selectors() -> tuple[Selector, ...]:
    """What seedwiki's own stylesheet (the one its pages load) hides."""
    return hiding_selectors((files("seedwiki") / "assets" / "seedwiki.css").read_text(encoding="utf-8"))


def _selects(selector: Selector, stack: list[tuple[str, frozenset[str], str | None]]) -> bool:
    """Does `selector` select the last element of `stack` (its open ancestors before it)?"""
    position = len(stack) - 1
    if not selector[-1][1].matches(*stack[position]):
        return False
    for index in range(len(selector) - 1, 0, -1):
        combinator, compound = selector[index][0], selector[index - 1][1]
        if combinator == ">":
            position -= 1
            if position < 0 or not compound.matches(*stack[position]):
                return False
        else:
            position -= 1
            while position >= 0 and not compound.matches(*stack[position]):
                position -= 1
            if position < 0:
                return False
    return True


@dataclass
class _Run:
    """One block's text, with the ids of the elements around each piece of it, and its text as
    written: every piece, shown or hidden by the stylesheet."""

    text: str = ""
    pieces: list[tuple[int, frozenset[str]]] = field(default_factory=list)  # (start offset, enclosing ids)
    written: list[tuple[str, bool]] = field(default_factory=list)  # (piece, shown)

    def shown_words(self, words: str) -> str:
        """The part of `words` (normalised, lower case) that a reader sees, when `words` are in this
        block as written but not as shown (they begin with a hidden "7- "); else ""."""
        chars: list[tuple[str, bool]] = []
        for piece, shown in self.written:
            for ch in piece:
                if not (ch == " " and chars and chars[-1][0] == " "):
                    chars.append((ch, shown))
        at = "".join(c for c, _ in chars).lower().find(words)
        if at == -1:
            return ""
        return _normal("".join(c for c, shown in chars[at:at + len(words)] if shown))

    def ids_at(self, offset: int) -> frozenset[str]:
        found: frozenset[str] = frozenset()
        for start, ids in self.pieces:
            if start > offset:
                break
            found = ids
        return found


class PageText(HTMLParser):
    """A built page's visible text as the blocks a text directive is matched against."""

    def __init__(self, html: str, hiding: tuple[Selector, ...] | None = None) -> None:
        super().__init__(convert_charrefs=True)
        self.runs: list[_Run] = [_Run()]
        self._stack: list[tuple[str, str | None]] = []  # open elements: (tag, id)
        self._elements: list[tuple[str, frozenset[str], str | None]] = []  # the same: (tag, classes, id)
        self._styled: list[bool] = []  # for each open element: is it hidden by the stylesheet?
        self._hiding = seedwiki_hiding_selectors() if hiding is None else hiding
        self._hidden = 0
        self._css_hidden = 0
        self.ids: set[str] = set()
        self.feed(html)
        self.close()
        self.runs = [run for run in self.runs if run.text.strip()]
        self._lowered = [run.text.lower() for run in self.runs]

    def _ids(self) -> frozenset[str]:
        return frozenset(i for _, i in self._stack if i)

    def _break(self) -> None:
        if self.runs[-1].text:
            self.runs.append(_Run())

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        attributes = dict(attrs)
        if tag in _BLOCK_TAGS:
            self._break()
        if tag in _VOID_TAGS:
            if attributes.get("id"):
                self.ids.add(str(attributes["id"]))
            return
        hidden = tag in _HIDDEN_TAGS or "hidden" in attributes
        if attributes.get("id"):
            self.ids.add(str(attributes["id"]))
        self._stack.append((tag, attributes.get("id")))
        self._elements.append((tag, frozenset((attributes.get("class") or "").split()), attributes.get("id")))
        styled = any(_selects(selector, self._elements) for selector in self._hiding)
        self._styled.append(styled)
        self._css_hidden += styled
        if hidden or self._hidden:
            self._hidden += 1

    def handle_endtag(self, tag: str) -> None:
        if tag in _VOID_TAGS:
            return
        for depth in range(len(self._stack) - 1, -1, -1):
            if self._stack[depth][0] == tag:
                closed = len(self._stack) - depth
                del self._stack[depth:]
                del self._elements[depth:]
                self._css_hidden -= sum(self._styled[depth:])
                del self._styled[depth:]
                self._hidden = max(0, self._hidden - closed) if self._hidden else 0
                break
        if tag in _BLOCK_TAGS:
            self._break()

    def handle_data(self, data: str) -> None:
        if self._hidden:
            return
        run = self.runs[-1]
        text = " ".join(data.split())
        written = (" " if data[:1].isspace() else "") + text + (" " if data[-1:].isspace() and text else "")
        run.written.append((written, not self._css_hidden))
        if self._css_hidden:
            return  # in the page, but not shown: never matched
        if not text:
            if data and run.text and not run.text.endswith(" "):
                run.text += " "
            return
        if data[:1].isspace() and run.text and not run.text.endswith(" "):
            run.text += " "
        run.pieces.append((len(run.text), self._ids()))
        run.text += text + (" " if data[-1:].isspace() else "")

    # --- matching -------------------------------------------------------------------------------

    def first_match(self, directive: TextDirective) -> frozenset[str] | None:
        """The ids of the elements around the first match of `directive` on the page, or None. A
        term never crosses a block, but a range (`start,end`) may end in a later block, as a
        passage selected from one paragraph into the next does."""
        later = self._later_ends(directive.end) if directive.end else []
        for number, lowered in enumerate(self._lowered):
            for start in _positions(lowered, directive.start):
                if directive.prefix and not _preceded_by(lowered, start, directive.prefix):
                    continue
                end = start + len(directive.start)
                if directive.end:
                    found = next(_positions(lowered, directive.end, end), None)
                    ending = (number, found) if found is not None else later[number]
                    if ending is None:
                        continue
                    text, end = self._lowered[ending[0]], ending[1] + len(directive.end)
                else:
                    text = lowered
                if directive.suffix and not _followed_by(text, end, directive.suffix):
                    continue
                return self.runs[number].ids_at(start)
        return None

    def _later_ends(self, term: str) -> list[tuple[int, int] | None]:
        """Per block, the first occurrence of `term` in a later block (block, offset), or None: one
        pass over the page, so a range's end is looked for in later blocks without reading them again."""
        out: list[tuple[int, int] | None] = [None] * len(self._lowered)
        following: tuple[int, int] | None = None
        for number in range(len(self._lowered) - 1, -1, -1):
            out[number] = following
            if (found := next(_positions(self._lowered[number], term), None)) is not None:
                following = (number, found)
        return out


def _normal(term: str) -> str:
    return " ".join(term.split()).lower()


def _positions(text: str, term: str, start: int = 0):
    """Where `term` occurs in `text` from `start`, at word boundaries on both sides."""
    if not term:
        return
    position = text.find(term, start)
    while position != -1:
        before = text[position - 1] if position else " "
        after = text[position + len(term)] if position + len(term) < len(text) else " "
        if not (_WORD.match(before) and _WORD.match(term[0])) and not (_WORD.match(after) and _WORD.match(term[-1])):
            yield position
        position = text.find(term, position + 1)


def _preceded_by(text: str, start: int, prefix: str) -> bool:
    head = text[:start].rstrip()
    return head.endswith(prefix) and (len(head) == len(prefix) or not (_WORD.match(head[-len(prefix) - 1]) and _WORD.match(prefix[0])))


def _followed_by(text: str, end: int, suffix: str) -> bool:
    tail = text[end:].lstrip()
    return tail.startswith(suffix) and (len(tail) == len(suffix) or not (_WORD.match(tail[len(suffix)]) and _WORD.match(suffix[-1])))


@dataclass(frozen=True)
class TextDirective:
    """`text=[prefix-,]start[,end][,-suffix]`, its terms decoded and normalised."""

    start: str
    end: str = ""
    prefix: str = ""
    suffix: str = ""

    @classmethod
    def parse(cls, spec: str) -> TextDirective | None:
        """The directive in `spec` (what follows `text=`), or None when it is malformed."""
        terms = spec.split(",")
        prefix = unquote(terms.pop(0))[:-1] if terms and terms[0].endswith("-") else ""
        suffix = unquote(terms.pop())[1:] if terms and terms[-1].startswith("-") else ""
        if not 1 <= len(terms) <= 2 or not all(terms):
            return None
        return cls(_normal(unquote(terms[0])), _normal(unquote(terms[1])) if len(terms) == 2 else "", _normal(prefix), _normal(suffix))

    @property
    def words(self) -> list[str]:
        """The terms a reader sees highlighted (prefix and suffix are context only)."""
        return [t for t in (self.start, self.end) if t]

    def encode(self) -> str:
        def part(term: str) -> str:
            return quote(term, safe="").replace("-", "%2D")

        terms = ([part(self.prefix) + "-"] if self.prefix else []) + [part(self.start)]
        terms += [part(self.end)] if self.end else []
        terms += ["-" + part(self.suffix)] if self.suffix else []
        return "text=" + ",".join(terms)


def directives(fragment: str) -> tuple[str, list[str]]:
    """A URL fragment split into its element id and its `text=` directive specs."""
    anchor, _, rest = fragment.partition(":~:")
    return anchor, [d[5:] for d in rest.split("&") if d.startswith("text=")]


_CONTEXT_WORDS = 8  # at most this many words of context on each side
_RANGE_WORDS = 10  # a quotation longer than this is given as its first and last words (start,end)


def passage_fragment(page: PageText, anchor: str, words: str) -> str:
    """`:~:text=…` for `words` of the block `anchor`, with as much context as it takes for its first
    match on the page to be in that block; "" when no context makes it so (the `#anchor` alone lands).
    Words the page hides (a question's own number) are left out: a browser cannot match them."""
    quoted = _normal(words)
    if not quoted:
        return ""
    for run in (r for r in page.runs if any(anchor in ids for _, ids in r.pieces)):
        if quoted in run.text.lower():
            break
        shown = run.shown_words(quoted)
        if shown and shown in run.text.lower():
            quoted = shown
            break
    else:
        return ""
    text = run.text
    at = text.lower().find(quoted)
    before, after = text[:at].split(), text[at + len(quoted):].split()
    quoted_words = quoted.split()
    if len(quoted_words) > _RANGE_WORDS:
        start, end = " ".join(quoted_words[:4]), " ".join(quoted_words[-4:])
    else:
        start, end = quoted, ""
    for size in range(_CONTEXT_WORDS + 1):
        for prefix_size, suffix_size in ((size, 0), (0, size), (size, size)):
            directive = TextDirective(
                start, _normal(end),
                _normal(" ".join(before[len(before) - prefix_size:])) if prefix_size <= len(before) and prefix_size else "",
                _normal(" ".join(after[:suffix_size])) if suffix_size <= len(after) and suffix_size else "",
            )
            ids = page.first_match(directive)
            if ids is not None and anchor in ids:
                return ":~:" + directive.encode()
    return ""
