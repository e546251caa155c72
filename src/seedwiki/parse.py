"""parse: a `Seed` becomes a `Document` of blocks, each keeping its span in the seed's text.

Paragraph units are the permalink contract: `#pN` is the Nth unit of the text, whatever kind a
later heuristic gives it. A unit is one line, except that a block of lines that is clearly
hard-wrapped (see `is_hard_wrapped`) is one unit. When unsure, lines stay apart, as in the source.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from .model import Block, Document, Seed, Span

TITLE_MAX_CHARS = 150
_BLANK_LINE_RUN = re.compile(r"\n(?:[^\S\n]*\n)+")
_SENTENCE_END = (".", ",", ";", ":", "!")
# Lines a web page adds around an article: never taken as its title.
_BOILERPLATE_LINE = re.compile(r"^\s*This (?:post|article|page) is also available in\b", re.IGNORECASE)


def _line_spans(text: str, start: int, end: int) -> list[Span]:
    spans, pos = [], start
    for line in text[start:end].split("\n"):
        spans.append(Span(pos, pos + len(line)))
        pos += len(line) + 1
    return spans


def is_hard_wrapped(lines: list[str]) -> bool:
    """True when a block's lines are one paragraph folded at a fixed width.

    The evidence needed: three or more lines, a width between 50 and 100 characters, every line but
    the last close to that width, and no line that could have taken the next line's first word.
    """
    if len(lines) < 3:
        return False
    width = max(len(line) for line in lines)
    if not 50 <= width <= 100:
        return False
    for line, following in zip(lines, lines[1:]):
        next_word = following.split(maxsplit=1)[0] if following.strip() else ""
        if len(line) < width - 20 or len(line) + 1 + len(next_word) <= width:
            return False
    return True


def paragraph_spans(text: str) -> Iterator[Span]:
    """The spans of the text's paragraph units, in order, without surrounding whitespace."""
    pos = 0
    for sep in [*_BLANK_LINE_RUN.finditer(text), None]:
        end = sep.start() if sep else len(text)
        spans = [s for s in _line_spans(text, pos, end) if text[s.start:s.end].strip()]
        lines = [text[s.start:s.end] for s in spans]
        if spans and is_hard_wrapped(lines):
            spans = [Span(spans[0].start, spans[-1].end)]
        for span in spans:
            chunk = text[span.start:span.end]
            lead = len(chunk) - len(chunk.lstrip())
            yield Span(span.start + lead, span.start + len(chunk.rstrip()))
        if sep:
            pos = sep.end()


def looks_like_title(line: str) -> bool:
    """A short line with letters that does not end like a sentence and is not page furniture."""
    stripped = line.strip()
    return (
        0 < len(stripped) <= TITLE_MAX_CHARS
        and "\n" not in stripped
        and any(ch.isalpha() for ch in stripped)
        and not stripped.endswith(_SENTENCE_END)
        and not _BOILERPLATE_LINE.match(stripped)
    )


def parse(seed: Seed) -> Document:
    """Split the seed into paragraph units and pick its title."""
    text = seed.text
    spans = list(paragraph_spans(text))
    blocks = [Block("paragraph", span, text[span.start:span.end]) for span in spans]
    if len(blocks) > 1 and looks_like_title(blocks[0].text):
        blocks[0] = Block("title", blocks[0].span, blocks[0].text)
        return Document(seed, title=blocks[0].text.strip(), title_basis="first line", blocks=tuple(blocks))
    return Document(seed, title=seed.stem, title_basis="file name", blocks=tuple(blocks))
