"""parse: a `Seed` becomes a `Document` of blocks, each keeping its span in the seed's text.

One module per feature: `frontmatter`, `units` (paragraph units, the permalink contract),
`headers` (title and header lines, furniture, the document's kind), `dates`, `turns` (interviews
and transcripts), `quotes` (quotations and attribution) and `language`. `parse` runs them as
named passes; each returns a frozen value.
"""

from __future__ import annotations

import dataclasses
from itertools import pairwise
from typing import Any

from ..model import BOILERPLATE, PARAGRAPH, TITLE, TITLE_REPEAT, Block, Document, Metadata, Seed, Span
from .attribution import find_quote_spans, find_quotes
from .dates import MONTH_NAMES, find_dates, parse_date, publication_date_line
from .frontmatter import FrontMatter, find_front_matter
from .headers import TITLE_MAX_CHARS, document_kind, furniture, is_boilerplate_line, looks_like_title, read_header, read_source
from .language import RTL_LANGUAGES, SAMPLE_CHARS, block_language, detect_language, script_of
from .turns import find_turns
from .units import is_hard_wrapped, paragraph_spans

__all__ = [
    "MONTH_NAMES", "RTL_LANGUAGES", "TITLE_MAX_CHARS", "detect_language", "find_dates", "find_front_matter",
    "find_quote_spans", "is_boilerplate_line", "is_hard_wrapped", "looks_like_title", "paragraph_spans", "parse",
    "parse_date", "publication_date_line",
]


def _units(text: str, front: FrontMatter | None) -> list[Span]:
    """The paragraph units: the front matter (if any) is one, then the text's own."""
    if front is None:
        return list(paragraph_spans(text))
    return [front.span, *paragraph_spans(text, front.span.end)]


def parse(seed: Seed) -> Document:
    """Split the seed into paragraph units, classify them, and read what the text states about itself."""
    text = seed.text
    front = find_front_matter(text)
    spans = _units(text, front)
    texts = [text[s.start:s.end] for s in spans]
    kinds = furniture(texts)
    if front is not None:
        kinds[0] = BOILERPLATE
    header = read_header(texts, kinds, front.title if front else None, _standalone(text, spans))
    turns = find_turns(texts, header.kinds)
    body = [i for i, k in enumerate(turns.kinds) if k != BOILERPLATE]
    source = read_source([texts[i] for i in body if turns.kinds[i] == PARAGRAPH][:3])
    kind = turns.document_kind or document_kind(
        " ".join(texts[i] for i in body[:4]), texts[body[0]] if body else "", source, header.byline,
        [line for i in body[:6] for line in texts[i].splitlines()], title=header.title)

    body_text = "\n".join(texts[i] for i in body)
    language, script = detect_language(body_text), script_of(body_text[:SAMPLE_CHARS])[0]
    blocks = [
        Block(turns.kinds[i], spans[i], texts[i], lang=block_language(texts[i], language, script), number=turns.numbers[i], speaker=turns.speakers[i])
        for i in range(len(spans))
    ]
    date, date_source = _publication_date(front, header)
    detected = Metadata(
        title=(front.title if front and front.title else header.title),
        date=date[0] if date else None,
        date_precision=date[1] if date else None,
        date_basis="stated" if date else None,
        date_source=date_source,
        outlet=source.outlet,
        source_url=front.source_url if front else None,
        kind=kind,
        language=language,
        tags=front.tags if front else (),
        byline=header.byline,
        author=(front.author if front and front.author else header.byline),
        dateline=source.dateline,
    )
    if front is not None and front.title:
        title, basis = front.title, "front matter"
    elif header.title is not None:
        title, basis = header.title, "first line"
    else:
        title, basis = seed.stem, "file name"
    if seed.extraction is not None:
        detected, title, basis = _stated_by_format(seed, detected, title, basis)
        if basis == "file name" and header.title is not None:
            # the line the text's shape made the title is not the document's (a running head, a
            # first paragraph in body type): it is shown as the paragraph it is, under the file's name
            blocks = [dataclasses.replace(b, kind=PARAGRAPH) if b.kind in (TITLE, TITLE_REPEAT) else b for b in blocks]
    quotes = find_quotes(blocks, text, interview=kind == "interview")
    notices: tuple[str, ...] = (f"front matter: {front.notice}",) if front is not None and front.notice else ()
    notices += seed.extraction.notices if seed.extraction is not None else ()
    return Document(seed, title=title, title_basis=basis, blocks=tuple(blocks), detected=detected,
                    quotes=tuple(quotes), notices=notices)


# Dates a file records about itself rather than its text: when the file was made, which is often
# years after (a scan) or before (a template) the document's date. They are shown with their
# basis, and the document's date stays the text's own, else unknown.
WEAK_DATES = ("PDF document info: CreationDate", "DOCX core properties: created")


def _stated_by_format(seed: Seed, detected: Metadata, title: str, basis: str) -> tuple[Metadata, str, str]:
    """What the original's format states (HTML meta and JSON-LD, PDF document info, DOCX core
    properties, e-mail headers) over what the text's lines suggest: a format's field is the
    document's own statement. The basis names where each value was found."""
    assert seed.extraction is not None
    stated = seed.extraction.value
    changes: dict[str, Any] = {}
    if found := stated("title"):
        title, basis = found[0], found[1]
        changes["title"] = found[0]
    elif basis == "first line" and not seed.extraction.title_from_text:
        title, basis = seed.stem, "file name"  # the format states no title: unknown, not the first line
        changes["title"] = None
    if (found := stated("date")) and not found[1].startswith(WEAK_DATES):
        precision = stated("date_precision")
        changes.update(date=found[0], date_precision=precision[0] if precision else "day", date_basis="stated", date_source=found[1])
    if found := stated("author"):
        changes["author"] = found[0]
    if found := stated("outlet"):
        changes["outlet"] = found[0]
    return dataclasses.replace(detected, **changes), title, basis


def _standalone(text: str, spans: list[Span]) -> list[bool] | None:
    """Per unit, whether a blank line (or the end of the text) follows it; None where the text does
    not separate its paragraphs with blank lines."""
    gaps = [text[a.end:b.start] for a, b in pairwise(spans)]
    if not any(gap.count("\n") >= 2 for gap in gaps):
        return None
    return [gap.count("\n") >= 2 for gap in gaps] + [True]


def _publication_date(front: FrontMatter | None, header) -> tuple[tuple[str, str] | None, str | None]:
    """The text's own date: its front matter's, else its header's date line; else unknown."""
    if front is not None and front.date:
        return (front.date, front.date_precision or "day"), "front matter"
    if header.date is not None:
        return (header.date.value, header.date.precision), "date line"
    return None, None
