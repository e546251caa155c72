"""Paragraph units: the permalink contract. `#pN` is the Nth unit of the text.

Where a text separates paragraphs with blank lines, a block of lines between blank lines is one
unit when its lines read as one paragraph: folded at the text's fixed width, or prose lines that
end like a sentence. Lists, speaker turns, date lines, repeated lines and short verse-like lines
stay apart. Within a block that is not one unit, and in a text without blank lines between its
paragraphs, a line continues the line before it only on evidence: the text is folded at a fixed
width (most of its lines could not take the next line's first word) and this line's first word
did not fit on the line before; a Markdown heading's underline (`===`, `---`); a fenced or
`<script>` code block; a line folded before a dash (`— the first since 2019 —`) after a line that
ends mid-sentence. When unsure, lines stay apart, as in the source. A unit's text is the
source's, verbatim (its line breaks included).

Every rule here joins lines that an earlier rule kept apart and none splits what an earlier rule
joined: a rule change can only lower a text's number of units, so `permalinks.lock` (which lists
every published anchor up to the last) notices any anchor it moves.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Iterator
from itertools import pairwise

from ..model import Span
from .dates import parse_date

_BLANK_LINE_RUN = re.compile(r"\n(?:[^\S\n]*\n)+")
_LIST_ITEM = re.compile(r"^\s*(?:[-*•–—+·▪►]\s|\d{1,3}\s*[.)\-–]\s|\(?[a-zA-Z\d]{1,3}\)\s|#)")
_TURN = re.compile(r"^\s*(?:[A-Z][A-Z'’.-]+(?:\s+[A-Z][A-Z'’.-]+){0,4}|Q|A|Moderator|Interviewer|Host|Question|Answer|Reporter)\s*:\s")
# what else opens a unit of its own, for the line-by-line joins: a bare `Q` turn, a mixed-case or
# time-stamped label ("Jane Doe (00:06):"), a label in bold or under a heading mark ("**RM:**")
_LABEL_START = re.compile(r"^\s*(?:(?:#{1,6}\s+|\*\*|__)[^:\n]{1,60}:|Q[^\S\n]{2,}\S|[A-Z][\w'’.-]*(?:\s+[A-Z][\w'’.-]*){0,3}(?:\s*\(\d{1,2}:\d{2}(?::\d{2})?\))?\s*:\s)")
_DASH_LINE = re.compile(r"^\s*[—–]\s")
_UNDERLINE = re.compile(r"^\s{0,3}(?:={3,}|-{3,})\s*$")
# a code block or HTML element in a text written in Markdown: its opening line, and what closes it
_CODE_OPENING = re.compile(r"^\s{0,3}(?P<fence>```|~~~)|^\s*<(?P<tag>[a-zA-Z][a-zA-Z0-9]*)\b|^\s*\{%-?\s*(?P<liquid>raw|highlight|comment)\b")
_PROSE_END = (".", "!", "?", "…", '"', "”", "’", "»", ")", ":", ";", "۔", "؟", "。")
PROSE_LINE_MIN = 50  # lines shorter than this in a block that is not folded are verse, lists or addresses
WRAP_SLACK = 25  # a folded line is at most this much shorter than the width it was folded at
FOLDED_SHARE = 0.6  # a text is folded when at least this share of its line breaks are forced by the width
FIT_SLACK = 2  # a folded line may end this much before the width with room for the next word
FOLD_EVIDENCE = 6  # line breaks needed before a text's width is read from them
CODE_LINES_MAX = 200  # a code block is looked for this far (lines, or blocks), so that the time stays linear


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


_LINK_REST = re.compile(r"[^\s\]]*\]\([^)\n]*\)\S*")  # the rest of a Markdown link: "host]({{ "/a/b/" | url }})"


def _first_word(line: str) -> str:
    """The line's first word as a folding program sees it: up to a space, or to the end of a
    Markdown link whose text and target it cannot break."""
    stripped = line.lstrip()
    link = _LINK_REST.match(stripped)
    return link[0] if link else stripped.split(maxsplit=1)[0] if stripped else ""


def _forced(line: str, following: str, width: int, overflow: bool = True) -> bool:
    """Whether a line folded at `width` had to break before `following`: the next line's first word
    did not fit after it (`FIT_SLACK` allowed for programs that count bytes or keep a margin). A line
    much shorter than the width is forced only by a long word (a link) after it; a line longer than
    the width (a link it could not break) is forced, unless `overflow` is False."""
    used, word = len(line.rstrip()), len(_first_word(following))
    if used > width:
        return overflow
    return used + 1 + word > width - FIT_SLACK and (used >= width // 2 or word >= WRAP_SLACK)


@functools.lru_cache(maxsize=1024)  # asked of each line when the width is read, and again when the lines are joined
def _starts_unit(line: str) -> bool:
    """A line that opens a unit of its own: a list item, a speaker label, a date, a quotation,
    table or fence line, a heading."""
    stripped = line.strip()
    return bool(
        _LIST_ITEM.match(line)
        or _TURN.match(line)
        or _LABEL_START.match(line)
        or parse_date(stripped)
        or stripped.startswith((">", "|", "```", "~~~", "<", "{%", "![", "[^"))
        or _UNDERLINE.match(line)
    )


def fold_width(blocks: list[list[str]]) -> int | None:
    """The width a text is folded at, read from its line breaks: of the widths from 40 to 100
    characters, the one at which most line breaks that do not open a new unit were forced (the
    next word did not fit), when that is at least `FOLDED_SHARE` of them; else None."""
    breaks = [(line, following) for lines in blocks for line, following in pairwise(lines) if not _starts_unit(following)]
    if len(breaks) < FOLD_EVIDENCE:
        return None
    candidates = sorted({n for line, _ in breaks if 40 <= (n := len(line.rstrip())) <= 100})
    forced, width = max(((sum(_forced(line, following, w, overflow=False) for line, following in breaks), w) for w in candidates), default=(0, 0))
    return width if forced >= FOLDED_SHARE * len(breaks) else None


def _dash_continues(line: str, previous: str) -> bool:
    """A line that starts with a dash continues a prose line that ends mid-sentence: the text was
    folded before the dash ("… which began in Geneva" / "— the first since 2019 — …")."""
    before = previous.rstrip()
    return bool(_DASH_LINE.match(line)) and len(before) >= PROSE_LINE_MIN and not before.endswith(
        (*_PROSE_END, ",")) and not _LIST_ITEM.match(previous)


def _stays_apart(line: str, previous: str | None) -> bool:
    stripped = line.strip()
    if previous is not None and _dash_continues(line, previous):
        return False
    return bool(
        _LIST_ITEM.match(line)
        or (previous is not None and _TURN.match(line))
        or parse_date(stripped)
        or stripped.startswith((">", "|", "```"))
    )


def joins(lines: list[str], width: int | None) -> bool:
    """Whether a block's lines (two or more, between blank lines) are one paragraph unit."""
    if len(lines) < 2 or any(_stays_apart(line, lines[i - 1] if i else None) for i, line in enumerate(lines)):
        return False
    if len({line.strip() for line in lines}) < len(lines):
        return False  # a repeated line (a title shown twice) is furniture, not prose
    inner = [len(line.rstrip()) for line in lines[:-1]]
    if is_hard_wrapped(lines):
        return True
    if width is not None:
        return all(width - WRAP_SLACK <= n <= width for n in inner) and len(lines[-1].rstrip()) <= width
    return min(inner) >= PROSE_LINE_MIN and lines[-1].rstrip().endswith(_PROSE_END)


def _code_end(lines: list[str], lowered: list[str], at: int) -> int | None:
    """The last line of a code block or HTML element that opens at line `at` and closes within the
    block and `CODE_LINES_MAX` lines (a fence, `<script>` … `</script>`, `{% raw %}` … `{% endraw %}`),
    else None."""
    m = _CODE_OPENING.match(lines[at])
    if m is None:
        return None
    within = range(at + 1, min(len(lines), at + 1 + CODE_LINES_MAX))
    if m["fence"]:
        return next((j for j in within if lines[j].lstrip().startswith(m["fence"])), None)
    closing = f"</{m['tag'].lower()}>" if m["tag"] else "end" + m["liquid"]
    if closing in lowered[at][m.end():]:
        return None  # an element on one line
    return next((j for j in within if closing in lowered[j]), None)


def _headline(line: str) -> bool:
    """A line in title case ("Afghanistan Campaign Proceeding As Planned, Myers Says"): a headline
    stands alone, whatever the width of the text."""
    words = [w for w in line.split() if any(ch.isalpha() for ch in w)]
    capitalised = sum(next(ch for ch in w if ch.isalpha()).isupper() for w in words)
    return len(words) >= 3 and capitalised >= 0.8 * len(words)


def _mid_sentence(line: str, previous: str) -> bool:
    """A prose line cut after a word, and a line that goes on in lower case: one sentence folded."""
    before = previous.rstrip()
    return len(before) >= PROSE_LINE_MIN and before[-1].isalpha() and line.lstrip()[:1].islower()


def _continues(line: str, previous: str, run: int, first: str, width: int | None) -> bool:
    """Whether `line` continues the unit of the line before it (`run` lines long so far, opened by
    the line `first`)."""
    if _UNDERLINE.match(line):
        return run == 1 and not _starts_unit(previous)  # a heading and its underline
    if _dash_continues(line, previous):
        return True
    if _starts_unit(line):
        return False
    if _LIST_ITEM.match(first) and line[:2].isspace():
        return True  # an indented line under a list item is part of it
    if _mid_sentence(line, previous):
        return True
    return width is not None and not _headline(previous) and _forced(previous, line, width)


def _runs(lines: list[str], width: int | None) -> list[tuple[int, int]]:
    """A block's units as (first line, last line) when it is not one unit as a whole."""
    runs: list[tuple[int, int]] = []
    lowered = [line.lower() for line in lines]
    i = 0
    while i < len(lines):
        if (end := _code_end(lines, lowered, i)) is not None:
            runs.append((i, end))
            i = end + 1
            continue
        if runs and runs[-1][1] == i - 1 and _continues(lines[i], lines[i - 1], i - runs[-1][0], lines[runs[-1][0]], width):
            runs[-1] = (runs[-1][0], i)
        else:
            runs.append((i, i))
        i += 1
    return runs


def _open_fence(lines: list[str], fence: str | None) -> str | None:
    """The code fence (```, ~~~) still open after these lines, given the one open before them."""
    for line in lines:
        if fence is not None:
            fence = None if line.lstrip().startswith(fence) else fence
        elif (m := _CODE_OPENING.match(line)) and m["fence"]:
            fence = m["fence"]
    return fence


def _fenced_blocks_merged(text: str, blocks: list[list[Span]]) -> list[list[Span]]:
    """A fenced code block (```) that holds blank lines is one block, from its opening to its
    closing fence; a fence that is not closed within `CODE_LINES_MAX` blocks merges nothing."""
    lines_of = [[text[s.start:s.end] for s in spans] for spans in blocks]
    merged: list[list[Span]] = []
    i = 0
    while i < len(blocks):
        spans, fence, j = list(blocks[i]), _open_fence(lines_of[i], None), i
        while fence is not None and j + 1 < len(blocks) and j - i < CODE_LINES_MAX:
            j += 1
            fence = _open_fence(lines_of[j], fence)
        if fence is None and j > i:
            spans = [span for block in blocks[i:j + 1] for span in block]
        else:
            j = i
        merged.append(spans)
        i = j + 1
    return merged


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
    # what the blocks between blank lines show decides as it always did; fenced code is merged after
    separated = len(blocks) >= 2
    width = wrap_width([[text[s.start:s.end] for s in spans] for spans in blocks]) if separated else None
    blocks = _fenced_blocks_merged(text, blocks)
    lines_of = [[text[s.start:s.end] for s in spans] for spans in blocks]
    folded = fold_width(lines_of)
    for spans, lines in zip(blocks, lines_of, strict=True):
        if separated and joins(lines, width):
            units = [Span(spans[0].start, spans[-1].end)]
        else:
            units = [Span(spans[first].start, spans[last].end) for first, last in _runs(lines, folded)]
        for span in units:
            chunk = text[span.start:span.end]
            lead = len(chunk) - len(chunk.lstrip())
            yield Span(span.start + lead, span.start + len(chunk.rstrip()))
