"""Quotations: compared with the seed text as style guides write them, found in order, in linear time.

A quotation holds when its parts (the pieces between omission marks: `...`, `…`, `[bracketed
insertions]`) appear in the cited text in order, as whole words, after both are normalised
(Unicode NFC, one kind of dash, single spaces) and made comparable: every quotation mark, single
or double, is one class (a quotation inside a quotation turns the source's double marks single).
As APA, Chicago and MLA allow, its first letter may change case, a bracketed letter glued to a
word (`[T]here`, `[o]ur`) stands for that letter in either case, and a comma, full stop, colon or
semicolon at the end of a part (punctuation inside the closing mark) may stand for another or none.
An omission that leaves out "no", "not", "never" or "nor" is reported (`dropped_negations`).
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass

_QUOTE_MARKS = str.maketrans({c: '"' for c in "“”„‟″«»〝〞＂"} | {c: "'" for c in "‘’‚‛′`´"})
_DASHES = re.compile(r"[\u2010-\u2015\u2212\ufe58\ufe63\uff0d]")
_ELLIPSIS = re.compile(r"\(\s?(?:\.\s?){3}\)|(?:\.\s?){2}\.|…")


def normalise(text: str) -> str:
    """Text as a finding shows it: NFC, one kind of double and single quote mark and of dash, no
    soft hyphens, single spaces."""
    text = unicodedata.normalize("NFC", text).translate(_QUOTE_MARKS)
    text = _DASHES.sub("-", text).replace("\u00ad", "")
    return " ".join(text.split())


def comparable(text: str) -> str:
    """Text as quotations are compared with it: `normalise`d, with single and double quotation
    marks one class (an apostrophe too, on both sides alike)."""
    return normalise(text).replace("'", '"')


# What may stand at the end of a part for the punctuation the quotation has there.
_CLOSING_PUNCTUATION = ".,;:"
_NEGATIONS = re.compile(r"(?<!\w)(no|not|never|nor)(?!\w)", re.IGNORECASE)


@dataclass(frozen=True)
class Part:
    """One piece of a quotation between omissions: the pattern it must match, and the words a
    bracketed insertion put in place of what was left out before it."""

    pattern: re.Pattern[str]
    inserted: str = ""
    needle: str = ""  # text the pattern's match must contain as it stands: looked for first, fast


def _needle(segments: list[str | tuple[str]], first: bool) -> str:
    """The longest piece of a part that its match holds exactly (no letter of either case in it)."""
    texts = [s for s in segments if isinstance(s, str)]
    if first and segments and isinstance(segments[0], str):
        texts[0] = texts[0][1:]
    return max(texts, key=len, default="")


def _pattern(segments: list[str | tuple[str]], first: bool) -> tuple[re.Pattern[str], str] | None:
    """The pattern of one part: literal text, and a letter in either case for each `(letter,)`
    segment (a bracketed letter glued to its word). None when the part holds no word."""
    if segments and isinstance(segments[0], str):
        segments[0] = segments[0].lstrip(' "')
    punctuation = False
    if segments and isinstance(segments[-1], str):
        last = segments[-1].rstrip(' "')
        punctuation = last[-1:] in _CLOSING_PUNCTUATION and last[-1:] != ""
        segments[-1] = last.rstrip(_CLOSING_PUNCTUATION + ' "') if punctuation else last
    text = "".join(s if isinstance(s, str) else s[0] for s in segments)
    if not any(_is_word(ch) for ch in text):
        return None
    pieces: list[str] = []
    for index, segment in enumerate(segments):
        if isinstance(segment, tuple):
            pieces.append(f"[{re.escape(segment[0].lower())}{re.escape(segment[0].upper())}]")
        elif index == 0 and first and segment[:1].isalpha() and segment[0].lower() != segment[0].upper():
            pieces.append(f"[{re.escape(segment[0].lower())}{re.escape(segment[0].upper())}]" + re.escape(segment[1:]))
        else:
            pieces.append(re.escape(segment))
    head = r"(?<!\w)" if _is_word(text[0]) else ""
    tail = r"(?!\w)" if _is_word(text[-1]) else ""
    pattern = re.compile(head + "".join(pieces) + tail + (f"[{re.escape(_CLOSING_PUNCTUATION)}!?]?" if punctuation else ""))
    return pattern, _needle(segments, first)


def quotation_parts(quote: str) -> list[Part]:
    """The parts of a quotation that must appear, in order, in the source (one pass over it: an
    unclosed bracket is kept as text)."""
    text = comparable(quote)
    parts: list[Part] = []
    segments: list[str | tuple[str]] = []
    inserted = ""

    def close(insertion: str) -> None:
        nonlocal segments, inserted
        made = _pattern(segments, not parts)
        if made is not None:
            parts.append(Part(made[0], inserted, made[1]))
            inserted = insertion
        else:
            inserted += " " + insertion
        segments = []

    def add(piece: str) -> None:
        for number, between in enumerate(_ELLIPSIS.split(piece)):
            if number:
                close("")
            segments.append(between)

    position = 0
    while (start := text.find("[", position)) != -1:
        end = text.find("]", start)
        if end == -1:
            break
        add(text[position:start])
        inside = text[start + 1:end]
        glued = (start and _is_word(text[start - 1])) or (end + 1 < len(text) and _is_word(text[end + 1]))
        if len(inside) == 1 and inside.isalpha() and glued:
            segments.append((inside,))  # [T]here: the letter, in either case
        else:
            close(inside)
        position = end + 1
    add(text[position:])
    close("")
    return parts


def _is_word(ch: str) -> bool:
    return ch.isalnum() or ch == "_"


def match_parts(parts: list[Part], text: str) -> list[tuple[int, int]] | None:
    """Where `parts` appear in order in an already `comparable` text (each as early as it can), or None."""
    spans: list[tuple[int, int]] = []
    position = 0
    for part in parts:
        if part.needle and text.find(part.needle, position) == -1:
            return None  # not there at all: no pattern search
        found = part.pattern.search(text, position)
        if found is None:
            return None
        spans.append(found.span())
        position = found.end()
    return spans or None


def parts_in(parts: list[Part], text: str) -> bool:
    """Do `parts` (from `quotation_parts`) appear in order in an already `comparable` text?"""
    return match_parts(parts, text) is not None


def dropped_negations(parts: list[Part], spans: list[tuple[int, int]], text: str) -> list[str]:
    """The words "no", "not", "never" and "nor" of `text` that the quotation's omissions leave out
    (a bracketed insertion that puts the word back leaves nothing out)."""
    dropped: list[str] = []
    for index in range(1, len(spans)):
        left_out = [w.lower() for w in _NEGATIONS.findall(text, spans[index - 1][1], spans[index][0])]
        put_back = [w.lower() for w in _NEGATIONS.findall(parts[index].inserted)]
        for word in left_out:
            if word in put_back:
                put_back.remove(word)
            else:
                dropped.append(word)
    return dropped


def quoted_in(quote: str, text: str) -> bool:
    return parts_in(quotation_parts(quote), comparable(text))


# A suggestion compares this much of a quotation with the cited text (the alignment's cost grows
# with the product of both lengths; a passage this long is recognised by its start).
CLOSEST_CHARS = 1000


def closest_passage(quote: str, text: str) -> str:
    """The run of whole words in `text` most like `quote` (its first `CLOSEST_CHARS` characters),
    for a "did you mean" suggestion."""
    from rapidfuzz import fuzz  # here: a build, which cites through this module, never aligns (its import is some 15 ms of CPU)

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
_CLOSERS = {'"': '"', "“": "”", "«": "»", "„": "“”", "‘": "’", "'": "'"}


def _straight_single(text: str, index: int, opening: bool) -> bool:
    """Is the `'` at `index` a quotation mark? It opens before a word and after none (not `don't`),
    and closes after text and before no word (not `don't`; `partners' role` closes only an open one)."""
    before = text[index - 1] if index else " "
    after = text[index + 1] if index + 1 < len(text) else " "
    if opening:
        return not _is_word(before) and before not in ".'" and not after.isspace()
    return not before.isspace() and not _is_word(after)


def find_quotations(text: str) -> list[tuple[int, int]]:
    """The (start, end) of the text inside each outermost quotation mark pair, in one pass: a mark
    that is never closed is ignored, `’` followed by a letter is an apostrophe, and straight single
    quotes quote only two words or more ('no plan', not a scare-quoted 'caliphate' or `don't`)."""
    found: list[tuple[int, int]] = []
    open_at: dict[str, int] = {}
    for index, ch in enumerate(text):
        closed = next((o for o, closers in _CLOSERS.items() if ch in closers and o in open_at), None)
        if closed == "‘" and index + 1 < len(text) and _is_word(text[index + 1]):
            closed = None  # an apostrophe: don’t
        if closed == "'" and not _straight_single(text, index, opening=False):
            closed = None
        if closed is not None:
            start = open_at.pop(closed) + 1
            inside = text[start:index]
            if inside.strip() and (closed != "'" or (len(inside.split()) >= 2 and "\n\n" not in inside)):
                found.append((start, index))
            continue
        if ch in _CLOSERS and (ch != "'" or _straight_single(text, index, opening=True)):
            open_at[ch] = index
    found.sort()
    outer: list[tuple[int, int]] = []
    for start, end in found:
        if not outer or start >= outer[-1][1]:
            outer.append((start, end))
    return outer
