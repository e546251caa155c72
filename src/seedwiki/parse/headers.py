"""Titles and header lines: the title, a repeated title, the date line, bylines, photo credits and
captions, outlet prefixes and datelines, page furniture, and the document's kind.

The first line of the text is its title only when it looks like one: not a caption or photo credit,
a byline, an "editor | views" line, share or navigation words, a date or a sentence.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from itertools import pairwise

from ..model import BOILERPLATE, BYLINE, CREDIT, PARAGRAPH, TIMESTAMP, TITLE, TITLE_REPEAT
from .dates import FoundDate, parse_date, publication_date_line
from .turns import is_label

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
# a government site's banner and an archive's notice, whatever their length: "An official website of the
# United States government", "Here's how you know", "This is historical material “frozen in time”."
_SITE_BANNER = re.compile(
    r"^(?:An official website of the United States government\b|Here's how you know$|Official websites use \.gov$|"
    r"(?:A )?\.gov website belongs to an official government organization\b|Secure \.gov websites use HTTPS$|"
    r"A lock \(.{0,12}\) or https://|You have accessed part of a historical collection\b|"
    r"This is historical material \S{0,2}frozen in time\b|Search form$)",
    re.IGNORECASE,
)
# the line that makes a unit a release header: the release's own date may follow it
_RELEASE_LINE = re.compile(r"^(?:FOR IMMEDIATE RELEASE|PARA PUBLICACIÓN INMEDIATA|POUR PUBLICATION IMMÉDIATE)$", re.IGNORECASE)
_HEADER_LINE_MAX = 60
_BYLINE = re.compile(r"^(?:By|Written by|Par|Por|Von|بقلم|كتب|كتبه)\s+[A-Z\u0600-\u06FF][^\n]{1,80}$")
_CREDIT = re.compile(r"^\(?(?:Photo|Image|Picture|Photograph|Video|Credit|Source|Cover photo|Photo credit)(?: credit)?\s*[:/-]", re.IGNORECASE)
# a caption names its photographer or agency: "… Photo: Rudaw", "(Photo by X)", "© AFP", "Image via X"
_CAPTION = re.compile(r"(?:\b(?:Photo|Photograph|Image|Picture|Credit|Foto)s?\s*(?::|by\b|via\b|courtesy\b)|©|\bGetty Images\b|\((?:AP|AFP|Reuters)(?: Photo)?\)|الصورة\s*:|صورة\s*:)", re.IGNORECASE)
# "editor | 1,234 views", "Admin | 5 مشاهدة": a content-management line, never a title
_EDITOR_LINE = re.compile(r"(?:\|.*\d|\d.*\|)|\b(?:views|view count|reads|comments)\b|مشاهدة|مشاهدات|زيارة|المحرر|تحرير\s*:", re.IGNORECASE)


def is_boilerplate_line(line: str) -> bool:
    stripped = line.strip()
    return (bool(_BOILERPLATE.match(stripped)) and len(line) <= 120) or bool(_SITE_BANNER.match(stripped))


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


_NAME_LINE = re.compile(r"^(?:[A-Z][\w'’.-]*|[A-Z]\.)(?:\s+(?:[A-Z][\w'’.-]*|[A-Z]\.|de|van|von|al|el|bin)){1,3}$")
_DATA_LINE = re.compile(r"\d|\S\s*:\s*\S")


def _the_texts_own(run: list[str]) -> bool:
    """Whether a run of short lines that ends a text is the text's own, not page furniture: a date
    or data line (a number, "Capital: Damascus") or a signature (a name that the run does not repeat,
    "Heather Nauert" over "Department Spokesperson")."""
    stripped = [t.strip() for t in run]
    return any(_DATA_LINE.search(t) or (_NAME_LINE.match(t) and stripped.count(t) == 1) for t in stripped)


def furniture(texts: list[str]) -> list[str]:
    """Each unit's kind as far as page furniture goes: BOILERPLATE or PARAGRAPH."""
    kinds = [BOILERPLATE if is_boilerplate_line(t) else PARAGRAPH for t in texts]
    # trailing page furniture: a run of two or more short unpunctuated lines that ends the text,
    # unless it holds a signature, a date or data
    run = 0
    for t in reversed(texts):
        if len(t) <= _NAV_LINE_MAX and not t.rstrip().endswith((".", "?", "!", ":", '"', "”")) and "\n" not in t:
            run += 1
        else:
            break
    if 2 <= run < len(texts) and not _the_texts_own(texts[len(texts) - run:]):
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


def _title_at(texts: list[str], body: list[int]) -> int | None:
    """Where the title may be: the first unit, or the unit after a release header (short lines such as
    "The White House", "Office of the Press Secretary" ending with "For Immediate Release")."""
    if not body:
        return None
    for n, i in enumerate(body[:4]):
        stripped = texts[i].strip()
        if _RELEASE_LINE.match(stripped):
            return body[n + 1] if n + 1 < len(body) else None
        if len(stripped) > _HEADER_LINE_MAX or stripped.endswith(_SENTENCE_END):
            break
    return body[0]


def read_header(texts: list[str], kinds: list[str], front_title: str | None, standalone: list[bool] | None = None) -> Header:
    """Find the title line, a repeated title, the publication date line, the byline and credits.

    `standalone[i]` says whether unit i ends its block (a blank line or the end of the text follows
    it); in a text that separates paragraphs with blank lines, only a line standing alone is a title,
    not the first line of a block such as "Department of State / Office of the Spokesperson / date".
    A speaker turn ("GV : …?") is not a title where the text has other turns."""
    kinds = list(kinds)
    body = [i for i, k in enumerate(kinds) if k == PARAGRAPH]
    title, basis = None, None
    at = _title_at(texts, body)
    turns = sum(1 for i in body[:50] if is_label(texts[i]))
    if body and (front_title is not None and texts[body[0]].strip() == front_title):
        kinds[body[0]] = TITLE
        title = front_title
        at = body[0]
    elif at is not None and front_title is None and at != body[-1] and (standalone is None or standalone[at]) and not (
            turns >= 2 and is_label(texts[at])) and (
            looks_like_title(texts[at]) or _exclaimed_title(texts[at], texts[body[body.index(at) + 1]])):
        kinds[at] = TITLE
        title, basis = texts[at].strip(), "first line"
    date: FoundDate | None = None
    byline = None
    start = body.index(at) + 1 if title is not None and at is not None else 0
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
    if date is None:
        # a release's date follows its "For Immediate Release" line, wherever the header ends
        for a, b in pairwise(body[:12]):
            if _RELEASE_LINE.match(texts[a].strip()) and (found := publication_date_line(texts[b])):
                kinds[b] = TIMESTAMP
                date = found
                break
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
# a header line that names the text a statement: "Press Statement", "Statement by the Press Secretary …",
# "Declaración del Secretario de Prensa …", "بیانیه مطبوعاتی"
_STATEMENT_HEAD = re.compile(r"^(?:(?:Press )?Statement (?:by|from|of|on)\b|Press Statement$|Declaración (?:del?|de la)\b|Déclaration (?:du|de la|de)\b|بیانیه\b|بيان\b)")


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


def document_kind(top: str, first: str, source: Source, byline: str | None, head: list[str] | None = None) -> str | None:
    """A press release, news article or statement, from the words at the top; None when unsure.

    `head` holds the text's first header units: one that names the text a statement makes it one,
    even under a "For Immediate Release" line."""
    if any(_STATEMENT_HEAD.match(line.strip()) for line in head or ()):
        return "statement"
    if _RELEASE.search(top) and not source.outlet:
        return "press release"
    if source.outlet or source.dateline or byline:
        return "news article"
    if _STATEMENT.search(first):
        return "statement"
    return None
