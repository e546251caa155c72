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
from typing import Literal
from urllib.parse import unquote

from ..escape import terminal_text
from ..fragment import TextDirective, directives
from ..ingest import read_regular
from ..link.targets import ANCHOR
from ..quotation import closest_passage, comparable, dropped_negations, quotation_parts
from .markdown import _ATTRIBUTION, BLOCK_NESTING, INLINE_NESTING, Link, Quotation, Unit, read
from .wiki import OutsideSite, PosesAsWiki, ReviewUsageError, Wiki, WikiLink

__all__ = ["REVIEW_MAX_BYTES", "Problem", "ReviewUsageError", "check_reviews", "read_review"]


Kind = Literal["anchor", "page", "leaves", "poses", "nesting", "misquote", "elsewhere", "fragment", "redirect", "retired", "negation", "local", "scheme", "part"]
Severity = Literal["error", "warning"]


@dataclass(frozen=True)
class Problem:
    file: str
    line: int
    col: int
    message: str
    suggestion: str
    kind: Kind = "anchor"
    severity: Severity = "error"

    def report(self) -> str:
        """The finding as one line, whatever the review, the seeds or a file name hold: control
        characters as symbols (`terminal_text`), and tabs and line breaks too, so that no text of
        a review can start a line of its own (a forged finding, a CI workflow command). A warning
        says so after the place."""
        label = "warning: " if self.severity == "warning" else ""
        return one_line(f"{self.file}:{self.line}:{self.col}: {label}{self.message}; {self.suggestion}")

    def as_dict(self) -> dict[str, object]:
        """The finding as JSON data (its texts as written: JSON escapes what a terminal would obey)."""
        return {"file": self.file, "line": self.line, "col": self.col, "severity": self.severity, "kind": self.kind,
                "message": self.message, "suggestion": self.suggestion}

    def annotation(self) -> str:
        """The finding as a GitHub Actions workflow command, which shows it on the review's line in
        a pull request: `::error file=…,line=…,col=…,title=…::…`, escaped as the Actions toolkit
        escapes (`%`, line breaks; and `:` and `,` in properties), on one line."""
        def data(text: str) -> str:
            return one_line(text).replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")

        def prop(text: str) -> str:
            return data(text).replace(":", "%3A").replace(",", "%2C")

        where = f"file={prop(self.file)},line={self.line},col={self.col},title={prop('check-review: ' + self.kind)}"
        return f"::{self.severity} {where}::{data(self.message + '; ' + self.suggestion)}"


def one_line(text: str) -> str:
    """`text` as `terminal_text` shows it, with tabs and line breaks as symbols too."""
    return terminal_text(text).translate(_ONE_LINE)


# What `terminal_text` keeps that would break a finding's line: tab, line feed (as control pictures)
# and the Unicode line and paragraph separators.
_ONE_LINE = {0x09: "\u2409", 0x0A: "\u240a", 0x2028: "⟨U+2028⟩", 0x2029: "⟨U+2029⟩"}


@dataclass(frozen=True)
class Cited:
    """A wiki link that resolved: where it stands in its unit, and the target it names."""

    offset: int
    page: str
    anchor: str
    target: dict | None  # None for a page without seed text (a hand-written page) or a broken link


def _broken(link: Link) -> Cited:
    """A wiki link that did not resolve (and was reported): it cites, but nothing that can be checked."""
    return Cited(link.offset, "", "", None)


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

    def _problem(self, line: int, col: int, message: str, suggestion: str, kind: Kind = "anchor", severity: Severity = "error") -> None:
        self.problems.append(Problem(str(self.path), line, col, message, suggestion, kind, severity))

    def check(self, text: str) -> None:
        reading = read(text)
        for place in reading.unread:
            if place.kind == "blocks":
                self._problem(place.line, 1, f"lists, block quotes or footnotes nested more than {BLOCK_NESTING} levels deep are not read, so their links are not checked", "nest them less deeply", "nesting")
            else:
                self._problem(place.line, 1, f"brackets nested more than {INLINE_NESTING} deep (or as many unclosed) in this paragraph are not read as links, so links here may not be checked",
                              "remove the unmatched brackets, or write them as \\[ and \\]", "nesting")
        units = reading.units
        own = [[c for link in unit.links if (c := self._resolve(link)) is not None] for unit in units]  # broken ones too
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
        """What a blockquote without links cites: the first link of a "— source (link)" line right
        after it, else the last link of the unit introducing it, else the first link of the unit
        following it."""
        after = index + 1 < len(units) and units[index + 1].kind == "text" and _ATTRIBUTION.match(units[index + 1].plain) is not None
        order = ((index + 1, 0), (index - 1, -1)) if after else ((index - 1, -1), (index + 1, 0))
        for other, pick in order:
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
        for c in cited:
            found = self.wiki.match(parts, c.target) if parts and c.target is not None else None
            if found is not None:
                self._check_omissions(quotation, parts, found[0], found[1], c)
                return
        first = cited[0]
        if self._is_title(quotation.text, first.page):
            return
        where = f"{first.page}#{first.anchor}" if first.anchor else first.page
        elsewhere = self.wiki.find_quotation(parts, prefer_page=first.page) if parts else None
        message = f"quotation “{_short(quotation.text)}” is not in {where}"
        if elsewhere is not None:
            target, label = elsewhere
            self._problem(quotation.line, quotation.col, message, f"it is in {label} of {target['page']}: {self.wiki.url(target['page'], target['anchor'])}", "elsewhere")
        else:
            closest = closest_passage(quotation.text, first.target["text"] if first.target else "")
            self._problem(quotation.line, quotation.col, message + " nor anywhere in the wiki", f"the closest passage there reads “{closest}”", "misquote")

    def _check_omissions(self, quotation: Quotation, parts: list, spans: list[tuple[int, int]], text: str, cited: Cited) -> None:
        """A warning when the quotation's omissions leave out a "no", "not", "never" or "nor"."""
        dropped = dropped_negations(parts, spans, text)
        if dropped:
            words = ", ".join(f"“{w}”" for w in dict.fromkeys(dropped))
            where = f"{cited.page}#{cited.anchor}" if cited.anchor else cited.page
            self._problem(quotation.line, quotation.col, f"quotation “{_short(quotation.text)}” leaves out {words} of {where} where it omits words, which may turn its meaning around",
                          "quote the words as they stand, or show the omission does not change the meaning", "negation", "warning")

    def _is_title(self, quote: str, page: str) -> bool:
        """Is `quote` the title of the cited page, or its beginning up to a punctuation mark (the
        title a citation names: Shafaq News, "ISIS escape attempt …", ¶4)?"""
        targets = self.wiki.targets.get(page) or self.wiki.targets.get(page.rpartition("/")[0] + "/") or []
        title = comparable(targets[0]["text"]) if targets and not targets[0]["anchor"] else ""
        wanted = comparable(quote).strip(' ".,;:')
        return bool(wanted) and title.startswith(wanted) and (len(title) == len(wanted) or title[len(wanted)] in ",;:.!?")

    def _resolve(self, link: Link) -> Cited | None:
        """The page and anchor a wiki link names; None when it is no wiki link; a `_broken` one when
        it is broken (and reported)."""
        try:
            found = self.wiki.locate(link.url)
        except OutsideSite:
            self.links += 1
            self._problem(link.line, link.col, f"link to {_short(link.url, 200)}: it leaves the wiki's site", "link to a page of the wiki (seeds/<slug>/#pN)", "leaves")
            return _broken(link)
        except PosesAsWiki as poser:
            self.links += 1
            letters = ", ".join(poser.foreign_letters()) or "other letters"
            self._problem(link.line, link.col, f"link to {_short(link.url, 200)}: its host {poser.shown} ({poser.host}) is not the wiki's {poser.wiki_host} but looks like it ({letters} in place of Latin letters)",
                          f"link to the wiki's own address ({poser.wiki_url}), and check where the review's links came from", "poses")
            return _broken(link)
        if found is None:
            return None
        self.links += 1
        self._check_address(link, found)
        raw_page, _, fragment = found.path.partition("#")
        anchor, specs = directives(fragment)
        anchor = unquote(anchor)
        page = self.wiki.page_of(raw_page)
        if page is None:
            near = self.wiki.near_page(raw_page)
            hint = f"did you mean {self.wiki.url(near)}?" if near else "check the address against the catalogue"
            self._problem(link.line, link.col, f"link to {_short(raw_page, 200) or '/'}: no such page in the wiki", hint, "page")
            return _broken(link)
        if page in self.wiki.retired:
            moved = self.wiki.retired[page]
            self._problem(link.line, link.col, f"link to {page}{'#' + _short(anchor, 200) if anchor else ''}: this page was retired when its source's text was extracted again, "
                          f"and the source's paragraphs are numbered anew on its new page {moved}",
                          f"find the passage on {self.wiki.url(moved)} and link to its paragraph there", "retired")
            return _broken(link)
        if (seed := self.wiki.seed_of_part(page)) is not None:
            where = f"{seed}#{_short(anchor, 200)}" if anchor else seed
            self._problem(link.line, link.col, f"link to {page}{'#' + _short(anchor, 200) if anchor else ''}: a page that shows part of a long seed's text, "
                          f"whose permanent address is the seed's page ({where})", f"link to {self.wiki.url(seed, fragment)}", "part", "warning")
            if not anchor or self.wiki.shown_page(seed, anchor) == page:
                page = seed  # checked as the citation of the seed's paragraph it is
        if anchor and not self.wiki.has_anchor(page, anchor):
            self._problem(link.line, link.col, f"link to {page}#{_short(anchor, 200)}: the page has no anchor #{_short(anchor, 200)}", self.wiki.anchor_summary(page))
            return _broken(link)
        renamed = self.wiki.redirected(raw_page)
        for spec in specs:
            if renamed is not None:
                self._problem(link.line, link.col, f"passage link through {_short(raw_page, 200)}, the old address of a renamed seed: its redirect keeps #{anchor} but loses the highlighted passage",
                              f"link to the new address: {self.wiki.url(page, fragment)}", "redirect")
            else:
                self._check_text_fragment(link, page, anchor, spec)
        return Cited(link.offset, page, anchor, self.wiki.cited_text(page, anchor))

    def _published(self, path: str) -> str:
        """The wiki's address of a site path with its fragment (`seeds/x/index.html#p3` as `…/seeds/x/#p3`)."""
        raw_page, mark, fragment = path.partition("#")
        return self.wiki.url(self.wiki.page_of(raw_page) or raw_page) + mark + fragment

    def _check_address(self, link: Link, found: WikiLink) -> None:
        """Warnings for a wiki link that resolves only where it was written: a `file:` address of an
        offline copy, or the wiki's address with the other scheme."""
        if found.local:
            self._problem(link.line, link.col, f"link to {_short(link.url, 200)}: a local address, a file of an offline copy of the wiki on one computer (checked against the site, but no reader can open it)",
                          f"link to the published address: {self._published(found.path)}", "local", "warning")
        elif found.scheme is not None and not link.schemeless:
            wanted = "https" if found.scheme == "http" else "http"
            self._problem(link.line, link.col, f"link to {_short(link.url, 200)}: it uses {found.scheme} where the wiki is {wanted} ({found.base})",
                          f"link to {found.base}{found.path}", "scheme", "warning")

    def _check_text_fragment(self, link: Link, page: str, anchor: str, spec: str) -> None:
        directive = TextDirective.parse(spec)
        where = f"{page}#{anchor}" if anchor else page
        again = "select the passage again and copy its link from the page (or use `seedwiki cite --quote`)"
        if directive is None:
            self._problem(link.line, link.col, f"text fragment {spec!r} is malformed", again, "fragment")
            return
        words = " … ".join(directive.words)
        shown = self.wiki.shown_page(page, anchor)
        landing = self.wiki.page_text(shown).first_match(directive)
        if landing is None and (into := self._next_part_holding_end(page, anchor, shown, directive)) is not None:
            number, next_page, count = into
            self._problem(link.line, link.col, f"text fragment {words!r} runs from {where} on part {number - 1} of the seed's {count} pages into part {number} "
                          f"({next_page}): a browser highlights a passage within one page, so it would show none of it",
                          f"end the passage within part {number - 1} and cite the words of part {number} with a link of their own", "fragment")
        elif landing is None:
            self._problem(link.line, link.col, f"text fragment {words!r} is not in {where}", again, "fragment")
        elif anchor and anchor not in landing:
            blocks = sorted((i for i in landing if ANCHOR.fullmatch(i)), key=lambda i: i[0] == "q")
            there = f"#{blocks[0]}" if blocks else "outside the seed's text"
            self._problem(link.line, link.col, f"text fragment {words!r} lands on its first match on the page, {there}, not in #{anchor}", again, "fragment")


    def _next_part_holding_end(self, page: str, anchor: str, shown: str, directive: TextDirective) -> tuple[int, str, int] | None:
        """For a range (`start,end`) of a long seed whose start is in `anchor` on the page `shown` and
        whose end is on the part after it: that part's number, its page and how many parts the seed
        has. None otherwise."""
        pages = self.wiki.part_pages(page)
        if not directive.end or not anchor or shown not in pages or pages.index(shown) + 1 == len(pages):
            return None
        start = self.wiki.page_text(shown).first_match(TextDirective(directive.start, prefix=directive.prefix))
        following = pages[pages.index(shown) + 1]
        if start is None or anchor not in start or self.wiki.page_text(following).first_match(TextDirective(directive.end, suffix=directive.suffix)) is None:
            return None
        return pages.index(shown) + 2, following, len(pages)


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
