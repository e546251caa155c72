"""Quotations: normalised comparison with the seed text, found in order, in linear time.

A quotation holds when its parts (the pieces between omission marks: `...`, `…`, `[bracketed
insertions]`) appear in the cited text in order, as whole words, after both are normalised
(Unicode NFC, one kind of quote mark and dash, single spaces); its first letter may change case.
"""

from __future__ import annotations

import re
import unicodedata

from rapidfuzz import fuzz

_QUOTE_MARKS = str.maketrans({c: '"' for c in "“”„‟″«»〝〞＂"} | {c: "'" for c in "‘’‚‛′`´"})
_DASHES = re.compile(r"[\u2010-\u2015\u2212\ufe58\ufe63\uff0d]")
_ELLIPSIS = re.compile(r"\(\s?(?:\.\s?){3}\)|(?:\.\s?){2}\.|…")


def normalise(text: str) -> str:
    """Text for comparison: NFC, one kind of quote mark and dash, no soft hyphens, single spaces."""
    text = unicodedata.normalize("NFC", text).translate(_QUOTE_MARKS)
    text = _DASHES.sub("-", text).replace("\u00ad", "")
    return " ".join(text.split())


def _without_insertions(text: str) -> list[str]:
    """`text` cut at `[bracketed insertions]` (one pass: an unclosed bracket is kept as text)."""
    pieces, position = [], 0
    while (start := text.find("[", position)) != -1:
        end = text.find("]", start)
        if end == -1:
            break
        pieces.append(text[position:start])
        position = end + 1
    pieces.append(text[position:])
    return pieces


def quotation_parts(quote: str) -> list[str]:
    """The normalised parts of a quotation that must appear, in order, in the source."""
    parts: list[str] = []
    for piece in _without_insertions(normalise(quote)):
        parts += (p.strip(" \"'") for p in _ELLIPSIS.split(piece))
    return [p for p in parts if p]


def _is_word(ch: str) -> bool:
    return ch.isalnum() or ch == "_"


def _find_word(text: str, part: str, start: int, first: bool) -> int:
    """The end of the first whole-word occurrence of `part` in `text` from `start`, or -1. The
    first part of a quotation may change the case of its first letter."""
    variants = {part, part[0].swapcase() + part[1:]} if first else {part}
    best = -1
    for variant in variants:
        position = text.find(variant, start)
        while position != -1:
            end = position + len(variant)
            if not (_is_word(variant[0]) and position and _is_word(text[position - 1])) and not (
                _is_word(variant[-1]) and end < len(text) and _is_word(text[end])
            ):
                best = end if best == -1 else min(best, end)
                break
            position = text.find(variant, position + 1)
    return best


def parts_in(parts: list[str], normalised_text: str) -> bool:
    """Do `parts` (from `quotation_parts`) appear in order in an already normalised text?"""
    position = 0
    for index, part in enumerate(parts):
        position = _find_word(normalised_text, part, position, index == 0)
        if position == -1:
            return False
    return bool(parts)


def quoted_in(quote: str, text: str) -> bool:
    return parts_in(quotation_parts(quote), normalise(text))


# A suggestion compares this much of a quotation with the cited text (the alignment's cost grows
# with the product of both lengths; a passage this long is recognised by its start).
CLOSEST_CHARS = 1000


def closest_passage(quote: str, text: str) -> str:
    """The run of whole words in `text` most like `quote` (its first `CLOSEST_CHARS` characters),
    for a "did you mean" suggestion."""
    target, source = normalise(quote).strip(" \"'")[:CLOSEST_CHARS], normalise(text)
    if not target or not source:
        return ""
    found = fuzz.partial_ratio_alignment(target.casefold(), source.casefold())
    if found is None or len(source.casefold()) != len(source):
        found = fuzz.partial_ratio_alignment(target, source)
    if found is None:
        return ""
    start, end = found.dest_start, found.dest_end
    if start > 0 and source[start - 1] != " ":  # begin at a whole word
        start = source.find(" ", start) + 1 or start
    while end < len(source) and source[end] != " ":
        end += 1
    return source[start:end].strip()


# --- quotations in a review's text ------------------------------------------------------------------

# opening mark -> the marks that close it
_CLOSERS = {'"': '"', "“": "”", "«": "»", "„": "“”", "‘": "’"}


def find_quotations(text: str) -> list[tuple[int, int]]:
    """The (start, end) of the text inside each outermost quotation mark pair, in one pass: a mark
    that is never closed is ignored, `’` followed by a letter is an apostrophe."""
    found: list[tuple[int, int]] = []
    open_at: dict[str, int] = {}
    for index, ch in enumerate(text):
        closed = next((o for o, closers in _CLOSERS.items() if ch in closers and o in open_at), None)
        if closed == "‘" and index + 1 < len(text) and _is_word(text[index + 1]):
            closed = None  # an apostrophe: don’t
        if closed is not None:
            start = open_at.pop(closed) + 1
            if text[start:index].strip():
                found.append((start, index))
            continue
        if ch in _CLOSERS:
            open_at[ch] = index
    found.sort()
    outer: list[tuple[int, int]] = []
    for start, end in found:
        if not outer or start >= outer[-1][1]:
            outer.append((start, end))
    return outer
