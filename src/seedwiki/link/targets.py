"""The permalink contract, in one place: every citable target of a seed and how it is named.

A seed's page is `seeds/<slug>/`. On it, every block (paragraph unit) is `#pN`, numbered from 1
in reading order whatever its kind, and labelled "¶N"; a numbered question and the answers that
follow it are one unit, `#qN` (N the number the source gives the question, so `#q0` exists),
labelled "QN", and a block inside that unit is labelled "QN, ¶M". A PDF's pages are `#page-N`,
labelled "p. N", and each block of a PDF names its page first: "p. 3, ¶12". The page writes each block's
label into the page (`data-label`), so the page script reads labels and never makes them.
`permalinks.lock` records the anchors published (`link.permalinks`); citations name the labels
(`citation`); `links.json` lists the targets (`render.links`). A seed whose text was extracted
from an original (a PDF, a web page…) publishes that original beside its page (`original_file`).

A seed whose source text is longer than `PART_CHARS` characters is shown over several pages, its
parts (`seed_parts`): part 1 on the seed's page, part k from 2 at `seeds/<slug>/part-<k>/`
(`part_page`). A part begins only where a citable unit does, never inside a block or a question's
unit. The seed's page stays every target's permanent address: it holds an empty element with the
id of every anchor of the later parts (in its "Parts" contents), and a target says which page
shows its text (`Target.shown`).
"""

from __future__ import annotations

import re
import sys
from bisect import bisect_right
from collections.abc import Iterator
from dataclasses import dataclass
from functools import cache, lru_cache

from ..model import ANSWER, QUESTION, Document, Seed, SeedEntry

# The anchors the site makes, as a pattern: `pN` from 1, `qN` from 0, a PDF's `page-N` from 1.
ANCHOR_PATTERN = r"p[1-9][0-9]*|q(?:0|[1-9][0-9]*)|page-[1-9][0-9]*"
ANCHOR = re.compile(ANCHOR_PATTERN)
PARAGRAPH_SIGN = "¶"
# A seed whose source text is longer than this (characters) is shown over several pages of about
# this much text each: a phone reads such a page well (Lighthouse mobile >= 95, tests/test_lighthouse.py).
PART_CHARS = 100_000
PART_BLOCKS = 80  # blocks a part holds (more only to keep a question's unit whole): a page a phone lays out whole, quickly


@cache  # one string for each number, however many seeds and facts hold it
def paragraph_anchor(index: int) -> str:
    """The anchor of `blocks[index]`: every block is a paragraph unit, numbered from 1."""
    return f"p{index + 1}"


@cache
def question_anchor(number: int) -> str:
    return f"q{number}"


def page_anchor(number: int) -> str:
    """The anchor of a PDF's page `number` (from 1)."""
    return f"page-{number}"


def page_number(anchor: str) -> int | None:
    """The page a `#page-N` anchor names (None for any other anchor)."""
    return int(anchor[5:]) if anchor.startswith("page-") and ANCHOR.fullmatch(anchor) else None


def anchor_index(anchor: str) -> int | None:
    """The block index a `#pN` anchor names (None for any other anchor)."""
    return int(anchor[1:]) - 1 if anchor.startswith("p") and not anchor.startswith("page-") and ANCHOR.fullmatch(anchor) else None


@lru_cache(maxsize=4096)
def anchor_label(anchor: str) -> str:
    """An anchor's own number as readers see it: "¶12" for `p12`, "Q8" for `q8`, "p. 3" for `page-3`."""
    if (page := page_number(anchor)) is not None:
        return f"p. {page}"
    return ("Q" if anchor.startswith("q") else PARAGRAPH_SIGN) + anchor[1:]


def block_page(document: Document, index: int) -> int | None:
    """The PDF page block `index` starts on; None for a seed without pages."""
    return document.seed.page_of(document.blocks[index].span.start)


def block_label(document: Document, index: int) -> str:
    """How a citation names block `index`: "¶6", or "Q8, ¶18" inside question 8's unit; in a PDF
    its page first, "p. 3, ¶12"."""
    number = document.question_of[index]
    page = block_page(document, index)
    label = anchor_label(paragraph_anchor(index))  # one string for each label (both cached)
    if page is None and number is None:
        return label
    # one string for each label however many facts hold it
    return sys.intern((f"p. {page}, " if page is not None else "") + (f"Q{number}, " if number is not None else "") + label)


def page_starts(document: Document) -> dict[int, list[int]]:
    """Where each PDF page's anchor goes: per block index, the pages that start there (a page
    without text starts with the next block that has some); pages after the last block under
    `len(blocks)`. Empty for a seed without pages."""
    seed = document.seed
    pages = seed.extraction.pages if seed.extraction else ()
    starts: dict[int, list[int]] = {}
    shown = 0  # the pages placed so far
    for index, block in enumerate(document.blocks):
        page = seed.page_of(block.span.start) or 0
        if page > shown:
            starts[index] = list(range(shown + 1, page + 1))
            shown = page
    if len(pages) > shown:
        starts[len(document.blocks)] = list(range(shown + 1, len(pages) + 1))
    return starts


def page_text(document: Document, number: int) -> str:
    """The text of PDF page `number`."""
    seed = document.seed
    pages = seed.extraction.pages if seed.extraction else ()
    end = pages[number] if number < len(pages) else len(seed.text)
    return seed.text[pages[number - 1]:end].strip("\n")


# The name an original is published under beside its page, by its suffix: a format a browser or
# MkDocs would render (a web page, Markdown) is published as text, so that no script of it runs
# on the site and no page is made of it; a reader downloads it under its own name.
_ORIGINAL_NAMES = {".html": "original.html.txt", ".htm": "original.htm.txt", ".md": "original.md.txt"}


def original_file(seed: Seed) -> str | None:
    """The original's file name beside a seed page ("original.pdf"); None for a `.txt` seed,
    which is its own original (`source.txt`)."""
    if seed.extraction is None:
        return None
    suffix = seed.path.suffix
    return _ORIGINAL_NAMES.get(suffix, f"original{suffix}")


def _part_may_start(document: Document, index: int) -> bool:
    """A part may begin at block `index`: outside every question's unit, or where one begins."""
    return document.question_of[index] is None or _unit_start(document, index) is not None


def seed_parts(document: Document) -> tuple[range, ...]:
    """The blocks each page of the seed shows, in order: one part holding every block, or, for a
    text longer than `PART_CHARS` characters, parts of about equal size, as many as it takes to keep
    each near `PART_CHARS` characters and `PART_BLOCKS` blocks: a part begins at the first block
    where one may begin (`_part_may_start`) once the part before it holds its share of either (the
    text's share, of as many parts as `PART_CHARS` makes; the blocks', of as many as `PART_BLOCKS`
    makes). A unit longer than a part stays whole (its part is longer)."""
    blocks, total = document.blocks, len(document.seed.text)
    if total <= PART_CHARS or len(blocks) < 2:
        return (range(len(blocks)),)
    chars = total / -(-total // PART_CHARS)  # each part's share of the text, and of the blocks
    most = -(-len(blocks) // -(-len(blocks) // PART_BLOCKS))
    starts = [0]
    for index in range(1, len(blocks)):
        full = blocks[index].span.start - blocks[starts[-1]].span.start >= chars or index - starts[-1] >= most
        if full and _part_may_start(document, index):
            starts.append(index)
    ends = [*starts[1:], len(blocks)]
    return tuple(range(start, end) for start, end in zip(starts, ends, strict=True))


def part_of(parts: tuple[range, ...], index: int) -> int:
    """The part (from 1) that shows block `index`; the last for an index past the last block."""
    return min(bisect_right([p.start for p in parts], index), len(parts))


def part_page(slug: str, part: int) -> str:
    """The page that shows part `part` of a seed: its own page for part 1, else `seeds/<slug>/part-<k>/`."""
    return f"seeds/{slug}/" + (f"part-{part}/" if part > 1 else "")


def paragraph_range(first: int, last: int) -> str:
    """Paragraphs `first`–`last` (numbers from 1) as a label: "¶10", "¶10–¶11"."""
    return anchor_label(paragraph_anchor(first - 1)) + ("" if first == last else "–" + anchor_label(paragraph_anchor(last - 1)))


def unit_blocks(document: Document, number: int) -> list[int]:
    """The blocks of question `number`'s unit: the question and its answers, in order."""
    return [i for i, owner in enumerate(document.question_of) if owner == number and document.blocks[i].kind in (QUESTION, ANSWER)]


@dataclass(frozen=True, slots=True)
class Target:
    """One citable place: a seed page (anchor "") or an anchor on it."""

    seed: str  # the seed's slug
    anchor: str  # "", "p12" or "q8"
    kind: str  # "page", "question", or the block's kind ("paragraph", "answer", "title", …)
    label: str  # "", "¶12", "Q8", or "Q8, ¶18" for a paragraph of question 8's unit
    sha256: str  # of the seed file
    text: str  # exactly as in the seed: the block's text; for `#qN` the question and its answers; the title for a page
    speaker: str | None = None  # who speaks in it, when the seed or its sidecar says (an interview's answers)
    part: int = 1  # the part of a long seed that shows its text (`seed_parts`)

    @property
    def page(self) -> str:
        """The permanent address's page: the seed's own, whichever part shows the text."""
        return f"seeds/{self.seed}/"

    @property
    def shown(self) -> str:
        """The page that shows the target's text: the seed's own, or a long seed's part page."""
        return part_page(self.seed, self.part)

    @property
    def path(self) -> str:
        return self.page + (f"#{self.anchor}" if self.anchor else "")


def block_speaker(document: Document, index: int) -> str | None:
    """Who speaks in block `index`: its own turn label, else for an interview's question or answer
    the curated interviewer or interviewee."""
    block = document.blocks[index]
    if block.speaker:
        return block.speaker
    role = {QUESTION: "interviewer", ANSWER: "interviewee"}.get(block.kind)
    return dict(document.meta.speakers).get(role) if role else None


def _unit_start(document: Document, index: int) -> int | None:
    """The number of the question whose unit starts at block `index`, if one does."""
    block = document.blocks[index]
    return block.number if block.kind == QUESTION and document.question_of[index] is not None else None


def entry_targets(entry: SeedEntry) -> Iterator[Target]:
    """A seed's targets in reading order: the page, then each block (a question's unit first as
    `#qN`, a PDF page first as `#page-N` where it starts), each with the part that shows it."""
    document = entry.document
    sha = document.seed.sha256
    parts = seed_parts(document)
    yield Target(entry.slug, "", "page", "", sha, document.title)
    pages = page_starts(document)
    for index, block in enumerate(document.blocks):
        part = part_of(parts, index)
        for page in pages.get(index, ()):
            yield Target(entry.slug, page_anchor(page), "pdf-page", anchor_label(page_anchor(page)), sha, page_text(document, page), part=part)
        if (number := _unit_start(document, index)) is not None:
            unit = unit_blocks(document, number)
            answer = next((i for i in unit if i > index and document.blocks[i].kind == ANSWER), None)
            yield Target(entry.slug, question_anchor(number), "question", anchor_label(question_anchor(number)), sha,
                         "\n".join(document.blocks[i].text for i in unit if i >= index),
                         block_speaker(document, answer) if answer is not None else None, part)
        yield Target(entry.slug, paragraph_anchor(index), block.kind, block_label(document, index), sha, block.text, block_speaker(document, index), part)
    for page in pages.get(len(document.blocks), ()):
        yield Target(entry.slug, page_anchor(page), "pdf-page", anchor_label(page_anchor(page)), sha, page_text(document, page), part=len(parts))


def part_anchors(document: Document, blocks: range) -> list[str]:
    """The anchors of the blocks `blocks` (a part) in page order, as `entry_targets` gives them
    (`#qN` before its question's `#pN`, a PDF page's where it starts; the pages after the last
    block with the last part)."""
    anchors = []
    pages = page_starts(document)
    for index in blocks:
        anchors += [page_anchor(page) for page in pages.get(index, ())]
        if (number := _unit_start(document, index)) is not None:
            anchors.append(question_anchor(number))
        anchors.append(paragraph_anchor(index))
    if blocks.stop == len(document.blocks):
        anchors += [page_anchor(page) for page in pages.get(len(document.blocks), ())]
    return anchors


def entry_anchors(entry: SeedEntry) -> list[str]:
    """The anchors of a seed page as `entry_targets` gives them (`#qN` before its question's
    `#pN`), without building the targets' texts."""
    return part_anchors(entry.document, range(len(entry.document.blocks)))
