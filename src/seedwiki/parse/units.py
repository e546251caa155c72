"""Paragraph units: the permalink contract. `#pN` is the Nth unit of the text.

Where a text separates paragraphs with blank lines, a block of lines between blank lines is one
unit when its lines read as one paragraph: folded at the text's fixed width, or prose lines that
end like a sentence. Lists, speaker turns, date lines, repeated lines and short verse-like lines
stay apart; a text without blank lines between paragraphs is one unit per line. When unsure, lines
stay apart, as in the source. A unit's text is the source's, verbatim (its line breaks included).
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from itertools import pairwise

from ..model import Span
from .dates import parse_date

_BLANK_LINE_RUN = re.compile(r"\n(?:[^\S\n]*\n)+")
_LIST_ITEM = re.compile(r"^\s*(?:[-*•–—+·▪►]\s|\d{1,3}\s*[.)\-–]\s|\(?[a-zA-Z\d]{1,3}\)\s|#)")
_TURN = re.compile(r"^\s*(?:[A-Z][A-Z'’.-]+(?:\s+[A-Z][A-Z'’.-]+){0,4}|Q|A|Moderator|Interviewer|Host|Question|Answer|Reporter)\s*:\s")
_PROSE_END = (".", "!", "?", "…", '"', "”", "’", "»", ")", ":", ";", "۔", "؟", "。")
PROSE_LINE_MIN = 50  # lines shorter than this in a block that is not folded are verse, lists or addresses
WRAP_SLACK = 25  # a folded line is at most this much shorter than the width it was folded at


def _line_spans(text: str, start: int, end: int) -> list[Span]:
    spans, pos = [], start
    for line in text[start:end].split("\n"):
        if line.strip():
            spans.append(Span(pos, pos + len(line)))
        pos += len(line) + 1
    return spans


def is_hard_wrapped(lines: list[str]) -> bool:
    """True when a block's lines are one paragraph folded at a fixed width, on their own evidence.

    Three or more lines, a width between 50 and 100 characters, every line but the last close to
    that width, and no line that could have taken the next line's first word."""
    if len(lines) < 3:
        return False
    width = max(len(line) for line in lines)
    if not 50 <= width <= 100:
        return False
    for line, following in pairwise(lines):
        next_word = following.split(maxsplit=1)[0] if following.strip() else ""
        if len(line) < width - 20 or len(line) + 1 + len(next_word) <= width:
            return False
    return True


def wrap_width(blocks: list[list[str]]) -> int | None:
    """The width the text is folded at, when its blocks show one: the lines that another line
    follows in the same block are nearly all within `WRAP_SLACK` of the longest of them (40 to 100
    characters), and nearly every line of the text fits in it."""
    inner = [len(line.rstrip()) for lines in blocks for line in lines[:-1]]
    if len(inner) < 3:
        return None
    width = max(inner)
    if not 40 <= width <= 100:
        return None
    near = sum(width - WRAP_SLACK <= n for n in inner)
    every = [len(line.rstrip()) for lines in blocks for line in lines]
    if near < 0.8 * len(inner) or sum(n <= width for n in every) < 0.9 * len(every):
        return None
    return width


def _stays_apart(line: str, first: bool) -> bool:
    stripped = line.strip()
    return bool(
        _LIST_ITEM.match(line)
        or (not first and _TURN.match(line))
        or parse_date(stripped)
        or stripped.startswith((">", "|", "```"))
    )


def joins(lines: list[str], width: int | None) -> bool:
    """Whether a block's lines (two or more, between blank lines) are one paragraph unit."""
    if len(lines) < 2 or any(_stays_apart(line, i == 0) for i, line in enumerate(lines)):
        return False
    if len({line.strip() for line in lines}) < len(lines):
        return False  # a repeated line (a title shown twice) is furniture, not prose
    inner = [len(line.rstrip()) for line in lines[:-1]]
    if is_hard_wrapped(lines):
        return True
    if width is not None:
        return all(width - WRAP_SLACK <= n <= width for n in inner) and len(lines[-1].rstrip()) <= width
    return min(inner) >= PROSE_LINE_MIN and lines[-1].rstrip().endswith(_PROSE_END)


def paragraph_spans(text: str, start: int = 0) -> Iterator[Span]:
    """The spans of the text's paragraph units from `start`, in order, without surrounding whitespace."""
    blocks: list[list[Span]] = []
    pos = start
    for sep in [*_BLANK_LINE_RUN.finditer(text, start), None]:
        end = sep.start() if sep else len(text)
        if spans := _line_spans(text, pos, end):
            blocks.append(spans)
        if sep:
            pos = sep.end()
    separated = len(blocks) >= 2
    lines_of = [[text[s.start:s.end] for s in spans] for spans in blocks]
    width = wrap_width(lines_of) if separated else None
    for spans, lines in zip(blocks, lines_of, strict=True):
        if separated and joins(lines, width):
            spans = [Span(spans[0].start, spans[-1].end)]
        for span in spans:
            chunk = text[span.start:span.end]
            lead = len(chunk) - len(chunk.lstrip())
            yield Span(span.start + lead, span.start + len(chunk.rstrip()))
