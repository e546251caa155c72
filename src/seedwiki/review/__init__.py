"""check-review: do a review's links into the wiki resolve, and do its quotations say what the seeds say?

A review is Markdown (read as CommonMark by `markdown`) or plain text. Its links into the wiki are
absolute under the wiki's address or relative (`seeds/<slug>/#q8`, `../seeds/<slug>/index.md#p3`).
Each must name a page and anchor the site has; a text fragment (`#p18:~:text=…`) must have its
first match on the page inside the anchor's block, since that is where a browser lands. Each
quotation is compared (`quotes`) with the text its links cite (`wiki`): the links of its sentence,
else of its unit; a blockquote without links of its own cites the link that introduces it.
"""

from __future__ import annotations

import contextlib
import os
import re
import stat
from bisect import bisect_right
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import unquote

from ..fragment import TextDirective, directives
from ..ingest import read_regular
from ..render.escape import terminal_text
from .markdown import BLOCK_NESTING, INLINE_NESTING, Link, Quotation, Unit, read
from .quotes import closest_passage, quotation_parts
from .wiki import OutsideSite, PosesAsWiki, ReviewUsageError, Wiki

__all__ = ["REVIEW_MAX_BYTES", "Problem", "ReviewUsageError", "check_reviews", "read_review"]


@dataclass(frozen=True)
class Problem:
    file: str
    line: int
    col: int
    message: str
    suggestion: str

    def report(self) -> str:
        """The finding as one line, whatever the review, the seeds or a file name hold: control
        characters as symbols (`terminal_text`), and tabs and line breaks too, so that no text of
        a review can start a line of its own (a forged finding, a CI workflow command)."""
        return terminal_text(f"{self.file}:{self.line}:{self.col}: {self.message}; {self.suggestion}").translate(_ONE_LINE)


# What `terminal_text` keeps that would break a finding's line: tab, line feed (as control pictures)
# and the Unicode line and paragraph separators.
_ONE_LINE = {0x09: "\u2409", 0x0A: "\u240a", 0x2028: "⟨U+2028⟩", 0x2029: "⟨U+2029⟩"}


@dataclass(frozen=True)
class Cited:
    """A wiki link that resolved: where it stands in its unit, and the target it names."""

    offset: int
    page: str
    anchor: str
    target: dict | None  # None for a page without seed text (a hand-written page)


@dataclass(frozen=True)
class Citing:
    """The links that stand at one place of a unit: a link of its own, or all the links of a footnote
    at the mark that references it. A footnote's tuples are shared by all its marks, never copied."""

    offset: int
    cited: tuple[Cited, ...]
    texts: tuple[Cited, ...]  # the cited links with seed text, the first one for each target


def _with_text(cited: Iterable[Cited]) -> tuple[Cited, ...]:
    """The first of `cited` for each target with seed text, in order."""
    first: dict[int, Cited] = {}
    for c in cited:
        if c.target is not None:
            first.setdefault(id(c.target), c)
    return tuple(first.values())


_SENTENCE_END = re.compile(r"[.!?](?=\s+[\"“‘«(\[A-Z0-9]|\s*$)")
_BLOCK_ID = re.compile(r"[pq][1-9][0-9]*")


def _short(text: str, limit: int = 80) -> str:
    """`text` as a finding quotes it: spaces and line breaks as one space, at most `limit` characters."""
    text = _SPACES.sub(" ", text)
    return text if len(text) <= limit else text[: limit - 3] + "…"


_SPACES = re.compile(r"[ \t\n]+")


@dataclass
class Review:
    """Checks one review file against the wiki, collecting problems and counts."""

    wiki: Wiki
    path: Path
    problems: list[Problem] = field(default_factory=list)
    links: int = 0
    quotations: int = 0

    def _problem(self, line: int, col: int, message: str, suggestion: str) -> None:
        self.problems.append(Problem(str(self.path), line, col, message, suggestion))

    def check(self, text: str) -> None:
        reading = read(text, self.wiki.claims)
        for place in reading.unread:
            if place.kind == "blocks":
                self._problem(place.line, 1, f"lists, block quotes or footnotes nested more than {BLOCK_NESTING} levels deep are not read, so their links are not checked", "nest them less deeply")
            else:
                self._problem(place.line, 1, f"brackets nested more than {INLINE_NESTING} deep (or as many unclosed) in this paragraph are not read as links, so links here may not be checked",
                              "remove the unmatched brackets, or write them as \\[ and \\]")
        units = reading.units
        own = [[c for link in unit.links if (c := self._resolve(link)) is not None] for unit in units]
        notes = {u.footnote: Citing(0, tuple(cited), _with_text(cited)) for u, cited in zip(units, own, strict=True) if u.footnote is not None}
        citing_by_unit = []
        for unit, cited in zip(units, own, strict=True):
            citing = [Citing(c.offset, (c,), _with_text([c])) for c in cited]
            for number, offset in unit.footnote_refs:  # a footnote's links stand where it is referenced,
                note = notes.get(number)  # in the sentence its mark follows
                if note is not None and note.cited:
                    citing.append(Citing(max(0, offset - 1), note.cited, note.texts))
            citing_by_unit.append(sorted(citing, key=lambda c: c.offset))
        for index, unit in enumerate(units):
            citing = citing_by_unit[index]
            if unit.kind == "quote" and not citing:
                citing = self._neighbour_links(units, citing_by_unit, index)
            if unit.quotations and citing:
                self._check_quotations(unit, citing)
        self.problems.sort(key=lambda p: (p.line, p.col))

    @staticmethod
    def _neighbour_links(units: list[Unit], citing_by_unit: list[list[Citing]], index: int) -> list[Citing]:
        """What a blockquote without links cites: the last link of the unit introducing it, else the
        first link of the unit following it."""
        for other, pick in ((index - 1, -1), (index + 1, 0)):
            if 0 <= other < len(units) and units[other].kind == "text" and citing_by_unit[other]:
                cited = citing_by_unit[other][pick].cited[pick]
                return [Citing(cited.offset, (cited,), _with_text([cited]))]
        return []

    def _check_quotations(self, unit: Unit, citing: list[Citing]) -> None:
        """Check each quotation against the links of its sentence, else of its unit. The links of a
        sentence are gathered once, each footnote and target once, however often they are cited."""
        ends = [m.end() for m in _SENTENCE_END.finditer(unit.plain)] if unit.kind == "text" else []
        by_sentence: dict[int, list[Citing]] = {}
        for place in citing if unit.kind == "text" else []:
            by_sentence.setdefault(bisect_right(ends, place.offset), []).append(place)
        texts_of: dict[int, tuple[Cited, ...]] = {}
        for quotation in unit.quotations:
            sentence = bisect_right(ends, quotation.offset) if unit.kind == "text" else -1
            if sentence not in by_sentence:
                sentence = -1  # no links in its sentence: the unit's
            if sentence not in texts_of:
                places = by_sentence.get(sentence, citing)
                distinct = {id(p.texts): p.texts for p in places}.values()
                texts_of[sentence] = _with_text(c for texts in distinct for c in texts)
            texts = texts_of[sentence]
            if not texts:
                continue
            self.quotations += 1
            self._check_quotation(quotation, list(texts))

    def _check_quotation(self, quotation: Quotation, cited: list[Cited]) -> None:
        parts = quotation_parts(quotation.text)
        if parts and any(self.wiki.holds(parts, c.target) for c in cited if c.target is not None):
            return
        first = cited[0]
        where = f"{first.page}#{first.anchor}" if first.anchor else first.page
        found = self.wiki.find_quotation(parts, prefer_page=first.page) if parts else None
        message = f"quotation “{_short(quotation.text)}” is not in {where}"
        if found is not None:
            self._problem(quotation.line, quotation.col, message, f"it is in {found['label']} of {found['page']}: {found['url']}")
        else:
            closest = closest_passage(quotation.text, first.target["text"] if first.target else "")
            self._problem(quotation.line, quotation.col, message + " nor anywhere in the wiki", f"the closest passage there reads “{closest}”")

    def _resolve(self, link: Link) -> Cited | None:
        """The page and anchor a wiki link names, or None (not a wiki link, or broken and reported)."""
        try:
            path = self.wiki.wiki_path(link.url)
        except OutsideSite:
            self.links += 1
            self._problem(link.line, link.col, f"link to {_short(link.url, 200)}: it leaves the wiki's site", "link to a page of the wiki (seeds/<slug>/#pN)")
            return None
        except PosesAsWiki as poser:
            self.links += 1
            letters = ", ".join(poser.foreign_letters()) or "other letters"
            self._problem(link.line, link.col, f"link to {_short(link.url, 200)}: its host {poser.shown} ({poser.host}) is not the wiki's {poser.wiki_host} but looks like it ({letters} in place of Latin letters)",
                          f"link to the wiki's own address ({poser.wiki_url}), and check where the review's links came from")
            return None
        if path is None:
            return None
        self.links += 1
        raw_page, _, fragment = path.partition("#")
        anchor, specs = directives(fragment)
        anchor = unquote(anchor)
        page = self.wiki.page_of(raw_page)
        if page is None:
            near = self.wiki.near_page(raw_page)
            base = self.wiki.base_urls[0] if self.wiki.base_urls else ""
            hint = f"did you mean {base}{near}?" if near else "check the address against the catalogue"
            self._problem(link.line, link.col, f"link to {_short(raw_page, 200) or '/'}: no such page in the wiki", hint)
            return None
        if anchor and anchor not in self.wiki.ids(page):
            self._problem(link.line, link.col, f"link to {page}#{_short(anchor, 200)}: the page has no anchor #{_short(anchor, 200)}", self.wiki.anchor_summary(page))
            return None
        for spec in specs:
            self._check_text_fragment(link, page, anchor, spec)
        return Cited(link.offset, page, anchor, self.wiki.cited_text(page, anchor))

    def _check_text_fragment(self, link: Link, page: str, anchor: str, spec: str) -> None:
        directive = TextDirective.parse(spec)
        where = f"{page}#{anchor}" if anchor else page
        again = "select the passage again and copy its link from the page (or use `seedwiki cite --quote`)"
        if directive is None:
            self._problem(link.line, link.col, f"text fragment {spec!r} is malformed", again)
            return
        words = " … ".join(directive.words)
        landing = self.wiki.page_text(page).first_match(directive)
        if landing is None:
            self._problem(link.line, link.col, f"text fragment {words!r} is not in {where}", again)
        elif anchor and anchor not in landing:
            blocks = sorted((i for i in landing if _BLOCK_ID.fullmatch(i)), key=lambda i: i[0] == "q")
            there = f"#{blocks[0]}" if blocks else "outside the seed's text"
            self._problem(link.line, link.col, f"text fragment {words!r} lands on its first match on the page, {there}, not in #{anchor}", again)


# A review is an article: a long one is a few hundred KiB. Checking takes a few seconds a MiB.
REVIEW_MAX_BYTES = 8 * 1024 * 1024


def read_review(path: Path) -> str:
    """The text of a review, which must be a regular UTF-8 file of at most `REVIEW_MAX_BYTES`: never
    a device (`/dev/zero` never ends), a named pipe, a folder or a symbolic link (`read_regular`)."""
    too_big = f"check a review of at most {REVIEW_MAX_BYTES // 2**20} MiB (split a longer one)"
    with contextlib.suppress(OSError):  # read_regular names what cannot be read
        info = os.stat(path, follow_symlinks=False)
        if stat.S_ISREG(info.st_mode) and info.st_size > REVIEW_MAX_BYTES:  # refused before it is read
            raise ReviewUsageError(path, f"the review is {info.st_size:,} bytes, more than {REVIEW_MAX_BYTES:,}", too_big)
    raw = read_regular(path, ReviewUsageError, "review")
    if len(raw) > REVIEW_MAX_BYTES:  # it grew while it was read
        raise ReviewUsageError(path, f"the review is {len(raw):,} bytes, more than {REVIEW_MAX_BYTES:,}", too_big)
    try:
        return raw.decode("utf-8-sig")
    except UnicodeDecodeError as err:
        line = raw[: err.start].count(b"\n") + 1
        raise ReviewUsageError(path, f"byte 0x{raw[err.start]:02X} at byte {err.start} is not valid UTF-8", "give a UTF-8 Markdown or text file", line=line) from None


def check_reviews(paths: list[Path], site_dir: Path, base_url: str | None) -> tuple[list[Problem], int, int]:
    """Check every review; return the problems and how many wiki links and quotations were checked."""
    wiki = Wiki.load(site_dir, base_url)
    problems: list[Problem] = []
    links = quotations = 0
    for path in paths:
        review = Review(wiki, path)
        review.check(read_review(path))
        problems += review.problems
        links += review.links
        quotations += review.quotations
    return problems, links, quotations
