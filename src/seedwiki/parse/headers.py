"""Titles and header lines: the title, a repeated title, the date line, bylines, photo credits and
captions, outlet prefixes and datelines, page furniture, and the document's kind.

The first line of the text is its title only when it looks like one: not a caption or photo credit,
a byline, an "editor | views" line, share or navigation words, a date or a sentence.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from ..model import BOILERPLATE, BYLINE, CREDIT, PARAGRAPH, TIMESTAMP, TITLE, TITLE_REPEAT
from .dates import FoundDate, parse_date, publication_date_line

TITLE_MAX_CHARS = 150
_SENTENCE_END = (".", ",", ";", ":", "!", "۔", "،")
_NAV_LINE_MAX = 40
_HEADER_LINES = 6  # the lines after the title where a date line, byline or repeated title may be

_BOILERPLATE = re.compile(
    r"^(?:This (?:post|article|page|story) is (?:also )?available in\b|Read (?:more|also|the full)\b|Related(?: (?:articles?|stories|posts|news))?:|"
    r"Share (?:this|on)\b|Share:?$|Advertisement$|Sponsored$|Subscribe\b|Sign up\b|Follow us\b|Click here\b|Tags?:|"
    r"Also read:|More from\b|Continue reading\b|Print$|Email$|Comments?$|Skip to (?:main )?content|"
    r"Close$|Menu$|Search$|Home$|Donate(?: now| today)?\b|اقرأ أيضا|شارك|أغلق$|تبرع الآن$|Partager\b|Compartir\b|Teilen\b)",
    re.IGNORECASE,
)
_BYLINE = re.compile(r"^(?:By|Written by|Par|Por|Von|بقلم|كتب|كتبه)\s+[A-Z\u0600-\u06FF][^\n]{1,80}$")
_CREDIT = re.compile(r"^\(?(?:Photo|Image|Picture|Photograph|Video|Credit|Source|Cover photo|Photo credit)(?: credit)?\s*[:/-]", re.IGNORECASE)
# a caption names its photographer or agency: "… Photo: Rudaw", "(Photo by X)", "© AFP", "Image via X"
_CAPTION = re.compile(r"(?:\b(?:Photo|Photograph|Image|Picture|Credit|Foto)s?\s*(?::|by\b|via\b|courtesy\b)|©|\bGetty Images\b|\((?:AP|AFP|Reuters)(?: Photo)?\)|الصورة\s*:|صورة\s*:)", re.IGNORECASE)
# "editor | 1,234 views", "Admin | 5 مشاهدة": a content-management line, never a title
_EDITOR_LINE = re.compile(r"(?:\|.*\d|\d.*\|)|\b(?:views|view count|reads|comments)\b|مشاهدة|مشاهدات|زيارة|المحرر|تحرير\s*:", re.IGNORECASE)


def is_boilerplate_line(line: str) -> bool:
    return bool(_BOILERPLATE.match(line.strip())) and len(line) <= 120


def looks_like_title(line: str) -> bool:
    """A short line with letters that does not end like a sentence and is not page furniture,
    a caption, a byline, an editor line or a date."""
    stripped = line.strip()
    return (
        0 < len(stripped) <= TITLE_MAX_CHARS
        and "\n" not in stripped
        and any(ch.isalpha() for ch in stripped)
        and not stripped.endswith(_SENTENCE_END)
        and not is_boilerplate_line(stripped)
        and not _CAPTION.search(stripped)
        and not _CREDIT.match(stripped)
        and not _BYLINE.match(stripped)
        and not _EDITOR_LINE.search(stripped)
        and parse_date(stripped) is None
        and publication_date_line(stripped) is None
    )


def _exclaimed_title(line: str, following: str) -> bool:
    """A headline may end with "!" or "?"; it is the title when the text's date line follows it."""
    stripped = line.strip()
    return stripped.endswith(("!", "?", "؟")) and looks_like_title(stripped.rstrip("!?؟")) and publication_date_line(following) is not None


def furniture(texts: list[str]) -> list[str]:
    """Each unit's kind as far as page furniture goes: BOILERPLATE or PARAGRAPH."""
    kinds = [BOILERPLATE if is_boilerplate_line(t) else PARAGRAPH for t in texts]
    # trailing page furniture: a run of two or more short unpunctuated lines that ends the text
    run = 0
    for t in reversed(texts):
        if len(t) <= _NAV_LINE_MAX and not t.rstrip().endswith((".", "?", "!", ":", '"', "”")) and "\n" not in t:
            run += 1
        else:
            break
    if 2 <= run < len(texts):
        for i in range(len(texts) - run, len(texts)):
            kinds[i] = BOILERPLATE
    return kinds


@dataclass(frozen=True)
class Header:
    """What the lines at the top of a text say about it."""

    kinds: tuple[str, ...]
    title: str | None
    title_basis: str | None  # "first line", or None when no line is the title
    date: FoundDate | None
    byline: str | None


def read_header(texts: list[str], kinds: list[str], front_title: str | None) -> Header:
    """Find the title line, a repeated title, the publication date line, the byline and credits."""
    kinds = list(kinds)
    body = [i for i, k in enumerate(kinds) if k == PARAGRAPH]
    title, basis = None, None
    if body and (front_title is not None and texts[body[0]].strip() == front_title):
        kinds[body[0]] = TITLE
        title = front_title
    elif body and front_title is None and len(body) > 1 and (
            looks_like_title(texts[body[0]]) or _exclaimed_title(texts[body[0]], texts[body[1]])):
        kinds[body[0]] = TITLE
        title, basis = texts[body[0]].strip(), "first line"
    date: FoundDate | None = None
    byline = None
    start = 1 if title is not None else 0
    for i in body[start:start + _HEADER_LINES]:
        stripped = texts[i].strip()
        if title is not None and stripped == title:
            kinds[i] = TITLE_REPEAT
        elif date is None and (found := publication_date_line(stripped)):
            kinds[i] = TIMESTAMP
            date = found
        elif _BYLINE.match(stripped) and byline is None:
            kinds[i] = BYLINE
            byline = stripped.split(maxsplit=1)[1].strip() if not stripped.startswith("Written by") else stripped[10:].strip()
    for i in body:
        if kinds[i] == PARAGRAPH and len(texts[i]) <= 200 and (_CREDIT.match(texts[i]) or (len(texts[i]) <= 120 and _CAPTION.search(texts[i]) and not texts[i].rstrip().endswith((".", "!", "?")))):
            kinds[i] = CREDIT
    return Header(tuple(kinds), title, basis, date, byline)


# ---- outlet, dateline and kind ---------------------------------------------------------------

_OUTLET_PREFIX = re.compile(r"^(?P<outlet>[A-Z][\w&.'’ -]{1,40}?)\s?/\s")
_DATELINE = re.compile(
    r"^(?P<dateline>[A-Z][A-Z'’.-]+(?:\s[A-Z][A-Z'’.-]+){0,5}(?:,\s[A-Z][\w.]+(?:\s[A-Z][\w.]+){0,4})?)\s*"
    r"(?:\((?P<outlet>[^)]{1,40})\)\s*)?(?:—|–|--|-)\s"
)
_RELEASE = re.compile(r"\b(?:FOR IMMEDIATE RELEASE|Press Release|Release No\.|Release Number|News Release)\b", re.IGNORECASE)
_STATEMENT = re.compile(r"\b(?:statement|communiqué|communique)\b", re.IGNORECASE)


@dataclass(frozen=True)
class Source:
    """The outlet and dateline the first paragraph names."""

    outlet: str | None
    dateline: str | None


def read_source(first_paragraph: str | None) -> Source:
    if first_paragraph is None:
        return Source(None, None)
    if m := _OUTLET_PREFIX.match(first_paragraph):
        return Source(m["outlet"].strip(), None)
    if m := _DATELINE.match(first_paragraph):
        return Source(m["outlet"].strip() if m["outlet"] else None, m["dateline"])
    return Source(None, None)


def document_kind(top: str, first: str, source: Source, byline: str | None) -> str | None:
    """A press release, news article or statement, from the words at the top; None when unsure."""
    if _RELEASE.search(top) and not source.outlet:
        return "press release"
    if source.outlet or source.dateline or byline:
        return "news article"
    if _STATEMENT.search(first):
        return "statement"
    return None
