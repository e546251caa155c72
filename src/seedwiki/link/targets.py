"""The permalink contract, in one place: every citable target of a seed and how it is named.

A seed's page is `seeds/<slug>/`. On it, every block (paragraph unit) is `#pN`, numbered from 1
in reading order whatever its kind, and labelled "¶N"; a numbered question and the answers that
follow it are one unit, `#qN` (N the number the source gives the question, so `#q0` exists),
labelled "QN", and a block inside that unit is labelled "QN, ¶M". The page writes each block's
label into the page (`data-label`), so the page script reads labels and never makes them.
`permalinks.lock` records the anchors published (`link.permalinks`); citations name the labels
(`citation`); `links.json` lists the targets (`render.links`).
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass

from ..model import ANSWER, QUESTION, Document, SeedEntry

# The anchors the site makes, as a pattern: `pN` from 1, `qN` from 0.
ANCHOR_PATTERN = r"p[1-9][0-9]*|q(?:0|[1-9][0-9]*)"
ANCHOR = re.compile(ANCHOR_PATTERN)
PARAGRAPH_SIGN = "¶"


def paragraph_anchor(index: int) -> str:
    """The anchor of `blocks[index]`: every block is a paragraph unit, numbered from 1."""
    return f"p{index + 1}"


def question_anchor(number: int) -> str:
    return f"q{number}"


def anchor_index(anchor: str) -> int | None:
    """The block index a `#pN` anchor names (None for any other anchor)."""
    return int(anchor[1:]) - 1 if anchor.startswith("p") and ANCHOR.fullmatch(anchor) else None


def anchor_label(anchor: str) -> str:
    """An anchor's own number as readers see it: "¶12" for `p12`, "Q8" for `q8`."""
    return ("Q" if anchor.startswith("q") else PARAGRAPH_SIGN) + anchor[1:]


def block_label(document: Document, index: int) -> str:
    """How a citation names block `index`: "¶6", or "Q8, ¶18" inside question 8's unit."""
    number = document.question_of[index]
    return (f"Q{number}, " if number is not None else "") + anchor_label(paragraph_anchor(index))


def paragraph_range(first: int, last: int) -> str:
    """Paragraphs `first`–`last` (numbers from 1) as a label: "¶10", "¶10–¶11"."""
    return anchor_label(paragraph_anchor(first - 1)) + ("" if first == last else "–" + anchor_label(paragraph_anchor(last - 1)))


def unit_blocks(document: Document, number: int) -> list[int]:
    """The blocks of question `number`'s unit: the question and its answers, in order."""
    return [i for i, owner in enumerate(document.question_of) if owner == number and document.blocks[i].kind in (QUESTION, ANSWER)]


@dataclass(frozen=True)
class Target:
    """One citable place: a seed page (anchor "") or an anchor on it."""

    seed: str  # the seed's slug
    anchor: str  # "", "p12" or "q8"
    kind: str  # "page", "question", or the block's kind ("paragraph", "answer", "title", …)
    label: str  # "", "¶12", "Q8", or "Q8, ¶18" for a paragraph of question 8's unit
    sha256: str  # of the seed file
    text: str  # exactly as in the seed: the block's text; for `#qN` the question and its answers; the title for a page
    speaker: str | None = None  # who speaks in it, when the seed or its sidecar says (an interview's answers)

    @property
    def page(self) -> str:
        return f"seeds/{self.seed}/"

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
    """A seed's targets in reading order: the page, then each block (a question's unit first as `#qN`)."""
    document = entry.document
    sha = document.seed.sha256
    yield Target(entry.slug, "", "page", "", sha, document.title)
    for index, block in enumerate(document.blocks):
        if (number := _unit_start(document, index)) is not None:
            unit = unit_blocks(document, number)
            answer = next((i for i in unit if i > index and document.blocks[i].kind == ANSWER), None)
            yield Target(entry.slug, question_anchor(number), "question", anchor_label(question_anchor(number)), sha,
                         "\n".join(document.blocks[i].text for i in unit if i >= index),
                         block_speaker(document, answer) if answer is not None else None)
        yield Target(entry.slug, paragraph_anchor(index), block.kind, block_label(document, index), sha, block.text, block_speaker(document, index))


def entry_anchors(entry: SeedEntry) -> list[str]:
    """The anchors of a seed page as `entry_targets` gives them (`#qN` before its question's
    `#pN`), without building the targets' texts."""
    document = entry.document
    anchors = []
    for index in range(len(document.blocks)):
        if (number := _unit_start(document, index)) is not None:
            anchors.append(question_anchor(number))
        anchors.append(paragraph_anchor(index))
    return anchors
