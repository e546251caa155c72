"""Reading a review as CommonMark does: its links and quotations, grouped by the block they stand in.

The review is parsed by markdown-it-py (CommonMark, with GFM tables and footnotes). Every link
GitHub renders is found: inline and reference links (any title quoting, definitions over several
lines), autolinks and raw HTML `<a href>` (read with an HTML parser), and the addresses GitHub
links in plain text (`www.…`, `http(s)://…`: linkify-it-py held to cmark-gfm's autolink rules),
so that plain-text reviews work too. Nothing in code spans, code blocks, escaped text or unused
definitions is a link. A quotation belongs to the links of its own unit (list item, table row,
footnote, else paragraph or heading); a blockquote is one quotation, and without links of its own
it belongs to the unit that introduces it (else the one that follows it). A footnote reference
brings its footnote's links to the place where it stands.

markdown-it stops reading at a nesting limit (it recurses once per level): lists, block quotes
and footnotes nested deeper than `BLOCK_NESTING`, or brackets in a link's text deeper than
`INLINE_NESTING`, would hide their links. Each place where a limit is reached is `Unread`, for the
check to report, never silently skipped.
"""

from __future__ import annotations

import re
from bisect import bisect_left
from collections.abc import MutableMapping
from dataclasses import dataclass, field
from functools import cache
from html.parser import HTMLParser

from linkify_it import LinkifyIt
from markdown_it import MarkdownIt
from markdown_it.parser_block import ParserBlock
from markdown_it.parser_inline import ParserInline
from markdown_it.rules_block import StateBlock
from markdown_it.rules_core import StateCore
from markdown_it.rules_inline import StateInline
from markdown_it.token import Token
from mdit_py_plugins.footnote import footnote_plugin

from ..quotation import find_quotations

# Lists, block quotes and footnotes are read this deep (a list item is two levels: the list and the
# item). Each level is a few Python frames, far below the interpreter's recursion limit.
BLOCK_NESTING = 64
# Brackets inside a link's text are read this deep: markdown-it's own limit, which also bounds how
# far each unclosed `[` is scanned (raising it makes a paragraph of unclosed brackets slower).
INLINE_NESTING = 20


@dataclass(frozen=True)
class Unread:
    """A place where the parser reached its nesting limit: what is nested deeper is not read."""

    line: int  # 1-based
    kind: str  # "blocks" or "brackets"


def _unread(env: MutableMapping, line: int, kind: str) -> None:
    places = env.setdefault("unread", {})
    places.setdefault((line, kind), Unread(line, kind))


class _Blocks(ParserBlock):
    """markdown-it's block parser, noting where it skips what is nested beyond its limit."""

    def tokenize(self, state: StateBlock, startLine: int, endLine: int) -> None:
        line = state.skipEmptyLines(startLine)
        if state.level >= state.md.options.maxNesting and line < endLine and state.sCount[line] >= state.blkIndent:
            _unread(state.env, line + 1, "blocks")  # the condition on which markdown-it skips the rest
        super().tokenize(state, startLine, endLine)


class _Inline(ParserInline):
    """markdown-it's inline parser, noting where it gives up on a link's text nested beyond its limit."""

    def skipToken(self, state: StateInline) -> None:
        if state.level >= state.md.options.maxNesting and state.pos not in state.cache:
            _unread(state.env, _line(state), "brackets")
        super().skipToken(state)

    def tokenize(self, state: StateInline) -> None:
        if state.level >= state.md.options.maxNesting and state.pos < state.posMax:
            _unread(state.env, _line(state), "brackets")
        super().tokenize(state)


def _line(state: StateInline) -> int:
    """The line of the source where the inline parser stands (the paragraph's, in a nested parse)."""
    first, content = state.env.get("inline", (0, ""))
    return first + 1 + (state.src.count("\n", 0, state.pos) if state.src is content else 0)


def _inline_rule(state: StateCore) -> None:
    """markdown-it's core rule "inline" under the inline nesting limit, noting each paragraph's line."""
    state.md.options.maxNesting = INLINE_NESTING
    try:
        for token in state.tokens:
            if token.type == "inline":
                state.env["inline"] = ((token.map or [0])[0], token.content)
                token.children = token.children if token.children is not None else []
                state.md.inline.parse(token.content, state.md, state.env, token.children)
    finally:
        state.md.options.maxNesting = BLOCK_NESTING


# cmark-gfm's extended autolinks (https://github.github.com/gfm/#autolinks-extension-): a valid
# domain (labels of letters, digits, `_` and `-`; none of the last two with `_`), then anything up
# to a space or `<`, less trailing punctuation, an unmatched `)`, a `;` and an entity-like `&name;`.
_DOMAIN = re.compile(r"[A-Za-z0-9_-]+(?:\.[A-Za-z0-9_-]+)*")
_LINK_END = re.compile(r"[\s<]")
_TRAILING = "?!.,:*_~'\""
_ENTITY_END = re.compile(r"&[A-Za-z0-9]+;$")


class GfmLinkify(LinkifyIt):
    """linkify-it-py finding exactly the plain-text links GitHub makes: `www.` and `http://`,
    `https://` or `ftp://` addresses, bounded as cmark-gfm's autolink extension bounds them (no
    bare `example.org` or `//host`; any top-level domain). E-mail addresses, which GitHub links
    too, are left out: no e-mail address is a link into the wiki."""

    def __init__(self) -> None:
        schemas = {"http:": {"validate": self._validate_url}, "https:": "http:", "ftp:": "http:", "//": None, "mailto:": None,
                   "www.": {"validate": self._validate_www}}
        super().__init__(schemas, {"fuzzy_link": False, "fuzzy_email": False, "fuzzy_ip": False})

    @staticmethod
    def _end(text: str, start: int) -> int:
        """Where a GFM autolink whose domain begins at `start` ends, or -1 when there is none."""
        domain = _DOMAIN.match(text, start)
        if domain is None or any("_" in label for label in domain.group().split(".")[-2:]):
            return -1
        stop = _LINK_END.search(text, domain.end())
        end = stop.start() if stop else len(text)
        while end > start:
            link = text[start:end]
            if link[-1] in _TRAILING or (link[-1] == ")" and link.count("(") < link.count(")")):
                end -= 1
            elif link[-1] == ";":
                entity = _ENTITY_END.search(link)
                end -= len(entity.group()) if entity else 1
            else:
                break
        return end if end > start else -1

    def _validate_url(self, text: str, pos: int) -> int:
        if text[pos:pos + 2] != "//":
            return 0
        return max(0, self._end(text, pos + 2) - pos)

    def _validate_www(self, text: str, pos: int) -> int:
        start = pos - 4
        if text[start:pos] != "www." or (start and not (text[start - 1].isspace() or text[start - 1] in "*_~(")):
            return 0
        return max(0, self._end(text, start) - pos)

    def normalize(self, match) -> None:
        if match.schema == "www.":
            match.url = "http://" + match.url


def _valid_link(url: str) -> bool:
    """markdown-it's check of a link's address, letting `file:` addresses through: a review's links
    into an offline copy of the wiki are checked (and warned about), not read as text."""
    return url.strip().lower().startswith("file:") or _MARKDOWN_IT.validateLink(url)


_MARKDOWN_IT = MarkdownIt("commonmark")


@cache
def _linkify() -> GfmLinkify:
    return GfmLinkify()


def parser(autolinks: bool = True) -> MarkdownIt:
    """CommonMark with GFM tables and footnotes (and GFM's plain-text links with `autolinks`),
    noting the places it leaves unread (`Unread`)."""
    md = MarkdownIt("commonmark", {"maxNesting": BLOCK_NESTING, "linkify": autolinks}).use(footnote_plugin).enable("table")
    if autolinks:
        md.linkify = _linkify()
        md.enable("linkify")
    md.validateLink = _valid_link  # type: ignore[method-assign]  # markdown-it's way to change the check
    md.block.__class__ = _Blocks  # the same parsers and rules, with the nesting noted
    md.inline.__class__ = _Inline
    md.core.ruler.at("inline", _inline_rule)
    return md


def parse(text: str, autolinks: bool = True) -> tuple[list[Token], list[Unread]]:
    """The token stream of `text` and the places the parser left unread, in source order."""
    env: dict = {}
    try:
        tokens = parser(autolinks).parse(text, env)
    except RecursionError:  # never reached under the limits above; a refusal all the same
        return [], [Unread(1, "blocks")]
    return tokens, sorted(env.get("unread", {}).values(), key=lambda u: u.line)


@dataclass(frozen=True)
class Link:
    url: str
    line: int
    col: int
    offset: int  # where it stands in its unit's plain text
    schemeless: bool = False  # a `www.` address, to which GitHub adds `http://`


@dataclass(frozen=True)
class Quotation:
    text: str
    line: int
    col: int
    offset: int


@dataclass
class Unit:
    """A list item, table cell, footnote, paragraph or heading (kind "text"), or a blockquote ("quote")."""

    kind: str
    line: int  # 1-based first line
    plain: str = ""  # its text: code blanked, link texts kept, without quotation marks inside link texts
    links: list[Link] = field(default_factory=list)
    quotations: list[Quotation] = field(default_factory=list)
    footnote_refs: list[tuple[int, int]] = field(default_factory=list)  # (footnote id, offset)
    footnote: int | None = None  # the id of the footnote this unit is
    spans: list[tuple[int, int]] = field(default_factory=list)  # its source lines, [first, last)
    pieces: list[str] = field(default_factory=list)  # its text while it is read (joined once, into plain)
    size: int = 0  # the length of its text so far

    def add(self, text: str) -> None:
        self.pieces.append(text)
        self.size += len(text)

    def finish(self) -> None:
        self.plain, self.pieces = "".join(self.pieces), []


class _Anchors(HTMLParser):
    """The `href` of every `<a>` in a piece of raw HTML."""

    def __init__(self, html: str) -> None:
        super().__init__(convert_charrefs=True)
        self.hrefs: list[str] = []
        self.feed(html)
        self.close()

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag == "a":
            href = dict(attrs).get("href")
            if href is not None:
                self.hrefs.append(href)


class _Locator:
    """Finds where a piece of a unit stands in the source, for FILE:LINE:COL (a best guess when
    escapes or entities make the source differ from the parsed text: then the unit's line).

    Pieces are looked for in reading order, each from where the last one was found, and only within
    `WINDOW` characters of it: a piece that is not in the source as written (an entity, an escape)
    then costs a bounded search, not one to the end of a long paragraph for every such piece."""

    WINDOW = 8192

    def __init__(self, lines: list[str], first: int, last: int) -> None:
        self.lines = lines
        self.last = last
        self.line, self.col = first, 0

    def find(self, *needles: str) -> tuple[int, int]:
        for needle in needles:
            if not needle:
                continue
            budget = self.WINDOW + len(needle)
            for number in range(self.line, self.last):
                start = self.col if number == self.line else 0
                line = self.lines[number]
                at = line.find(needle, start, start + budget)
                if at != -1:
                    self.line, self.col = number, at
                    return number + 1, at + 1
                budget -= len(line) - start + 1
                if budget <= 0:
                    break
        return self.line + 1, self.col + 1


@dataclass(frozen=True)
class Reading:
    """A review as read: its units and the places the parser could not read."""

    units: list[Unit]
    unread: list[Unread]


def read(text: str, autolinks: bool = True) -> Reading:
    """The units of a review, in reading order (footnotes last, as CommonMark renders them); with
    `autolinks`, the addresses in its text that GitHub links are links too."""
    lines = text.splitlines()
    tokens, unread = parse(text, autolinks)
    units: list[Unit] = []
    footnotes: dict[int, Unit] = {}  # each footnote's unit, by its id
    containers: list[tuple[str, Unit | None]] = []  # open list items, blockquotes, footnotes
    footnote_id: int | None = None
    line_map: list[int] | None = None
    for token in tokens:
        kind = token.type
        if token.map:
            line_map = token.map
        if kind in ("list_item_open", "blockquote_open", "tr_open"):
            unit = Unit("quote" if kind == "blockquote_open" else "text", (token.map or [0])[0] + 1)
            containers.append((kind, unit))
            units.append(unit)
        elif kind in ("list_item_close", "blockquote_close", "tr_close"):
            containers.pop()
        elif kind == "footnote_open":
            footnote_id = token.meta["id"]
            containers.append((kind, None))
        elif kind == "footnote_close":
            containers.pop()
            footnote_id = None
        elif kind == "html_block":
            unit = _unit_for(containers, units, footnotes, line_map, footnote_id)
            first, last = token.map or [0, len(lines)]
            locate = _Locator(lines, first, last)
            for href in _Anchors(token.content).hrefs:
                unit.links.append(Link(href, *locate.find(href), unit.size))
        elif kind == "inline":
            unit = _unit_for(containers, units, footnotes, line_map, footnote_id)
            _read_inline(token, unit, lines, token.map or line_map or [0, len(lines)])
    for unit in units:
        unit.finish()
        _add_quotations(unit, lines)
    kept = [u for u in units if u.links or u.quotations or u.footnote_refs or u.footnote is not None or u.kind == "quote"]
    return Reading(kept, unread)


def _unit_for(containers, units: list[Unit], footnotes: dict[int, Unit], line_map, footnote_id) -> Unit:
    """The unit an inline token belongs to: its table row, list item or blockquote, else its
    footnote, else a unit of its own (a paragraph or heading)."""
    line = (line_map or [0])[0] + 1
    for kind, unit in reversed(containers):
        if unit is not None:
            return unit
        if kind == "footnote_open" and footnote_id is not None:
            if footnote_id not in footnotes:
                footnotes[footnote_id] = Unit("text", line, footnote=footnote_id)
                units.append(footnotes[footnote_id])
            return footnotes[footnote_id]
    unit = Unit("text", line)
    units.append(unit)
    return unit


def _read_inline(token: Token, unit: Unit, lines: list[str], line_map: list[int]) -> None:
    locate = _Locator(lines, line_map[0], max(line_map[1], line_map[0] + 1))
    locate.find(token.content.split("\n")[0].strip())  # past the line's markers (`- `, `> `, `[^1]: `)
    if unit.size:
        unit.add("\n\n")  # a new paragraph in the same unit
    in_link = 0
    children = token.children or []
    for index, child in enumerate(children):
        kind = child.type
        if kind == "text":
            content = child.content
            if in_link:
                content = "".join(" " if ch in "\"“”„«»‘’'" else ch for ch in content)
            locate.find(child.content[:40])
            unit.add(content)
        elif kind in ("softbreak", "hardbreak"):
            unit.add("\n")
        elif kind == "code_inline":
            unit.add(" " * (len(child.content) + 2))
        elif kind == "link_open":
            href = child.attrs.get("href", "")
            if child.markup == "linkify":  # a plain-text address: its text follows
                shown = children[index + 1].content if index + 1 < len(children) else ""
                unit.links.append(Link(str(href), *locate.find(shown[:40]), unit.size, schemeless=shown.startswith("www.")))
            else:
                where = locate.find("<") if child.markup == "autolink" else locate.find("[")
                unit.links.append(Link(str(href), *where, unit.size))
            in_link += 1
        elif kind == "link_close":
            in_link = max(0, in_link - 1)
        elif kind == "html_inline":
            for href in _Anchors(child.content).hrefs:
                unit.links.append(Link(href, *locate.find(child.content), unit.size))
        elif kind == "footnote_ref":
            unit.footnote_refs.append((child.meta["id"], unit.size))
        elif kind == "image":
            unit.add(" ")
    unit.spans.append((line_map[0], max(line_map[1], line_map[0] + 1)))


def _add_quotations(unit: Unit, lines: list[str]) -> None:
    spans = unit.spans or [(unit.line - 1, unit.line)]
    locate = _Locator(lines, spans[0][0], spans[-1][1])
    if unit.kind == "quote":
        text = blockquote_text(unit)
        if text:
            line, col = locate.find(text[:20])
            unit.quotations.append(Quotation(text, line, col, 0))
        return
    for start, end in find_quotations(unit.plain):
        quote = unit.plain[start:end]
        line, col = locate.find(quote.split("\n")[0][:40])
        unit.quotations.append(Quotation(quote, line, max(1, col - 1), start - 1))


_ATTRIBUTION = re.compile(r"^\s*[—–-]{1,2}\s")


def blockquote_text(unit: Unit) -> str:
    """A blockquote's quotation: its text without the lines that attribute it or hold a link."""
    kept, offset = [], 0
    offsets = sorted(link.offset for link in unit.links)
    for line in unit.plain.split("\n"):
        end = offset + len(line)
        at = bisect_left(offsets, offset)  # the first link at or after the line's start
        if not _ATTRIBUTION.match(line) and not (at < len(offsets) and offsets[at] <= end):
            kept.append(line)
        offset = end + 1
    return " ".join(" ".join(kept).split())


def links_in(text: str, autolinks: bool = True) -> list[str]:
    """Every link target in `text` that GitHub's renderer makes (a CommonMark renderer's without
    `autolinks`), in reading order by unit."""
    hrefs: list[str] = []
    for unit in sorted(read(text, autolinks).units, key=lambda u: u.line):
        hrefs += [link.url for link in unit.links]
    return hrefs
