"""Titles and header lines: the title, a repeated title, the date line, bylines, photo credits and
captions, outlet prefixes and datelines, page furniture, and the document's kind.

The first line of the text is its title only when it looks like one: not a caption or photo credit,
a byline, an "editor | views" line, share or navigation words, a date or a sentence.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass
from itertools import pairwise

from ..model import BOILERPLATE, BYLINE, CREDIT, PARAGRAPH, TIMESTAMP, TITLE, TITLE_REPEAT, BlockKind, Span
from .dates import FoundDate, dateline_date, parse_date, publication_date_line
from .turns import is_label

TITLE_MAX_CHARS = 150
_SENTENCE_END = (".", ",", ";", ":", "!", "۔", "،")
_NAV_LINE_MAX = 40
_HEADER_LINES = 6  # the lines after the title where a date line, byline or repeated title may be

_BOILERPLATE = re.compile(
    r"^(?:This (?:post|article|page|story) is (?:also )?available in\b|Read (?:more|also|the full)\b|Related(?: (?:articles?|stories|posts|news))?:|"
    r"Share (?:this|on)\b|Share:?$|Advertisement$|Sponsored$|Subscribe\b|Sign up\b|Follow us\b|Click here\b|Tags?:|"
    r"Also read:|More from\b|Continue reading\b|Print$|Email$|Comments?$|Skip to (?:main )?content|"
    r"Close$|Menu$|Search$|Home$|Donate(?: now| today)?\b|اقرأ أيضا|شارك|أغلق$|تبرع الآن$|Partager\b|Compartir\b|Teilen\b|"
    r"Accessibility links$|Liens d'accessibilité$|Enlaces de accesibilidad$|Jump to:? navigation\b|Aller à : navigation\b|"
    r"Breaking News$|Dernières nouvelles$|Última hora$|Eilmeldung$|"
    # a site's coverage line: "This post is part of our special coverage of Egypt Protests 2011."
    r"This (?:post|article|story) is part of (?:our|the) (?:special )?coverage\b|(?:تعد )?هذه (?:المقالة|الرسالة|التدوينة) جزء من (?:تغطيتنا|التغطية)|"
    # a wiki's tagline under its page title: "From Wikinews, the free news source you can write!"
    r"From Wiki(?:pedia|news|voyage|source|quote|books), the free\b|(?:De|Aus) Wiki(?:pedia|pédia|news)\b|من (?:ويكيبيديا|ويكي الأخبار)$)",
    re.IGNORECASE,
)
_WIKI_TAGLINE = re.compile(r"^(?:From Wiki(?:pedia|news|voyage|source|quote|books), the free\b|(?:De|Aus) Wiki(?:pedia|pédia|news)\b|من (?:ويكيبيديا|ويكي الأخبار)$)", re.IGNORECASE)
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
# a caption's credit at its end: "Protesters in Beirut on Monday. — Hassan Ammar/AP", "– Jane Doe/AFP via Getty"
_CAPTION_CREDIT = re.compile(r"(?:^|\s)[—–-]\s*[A-Z][\w.'’-]*(?:\s[A-Z][\w.'’-]*){0,3}\s?/\s?[A-Z][\w&.-]{1,20}(?:\s[\w&.-]+){0,3}$")
# "editor | 1,234 views", "Admin | 5 مشاهدة": a content-management line, never a title
_EDITOR_LINE = re.compile(r"^[^|]{1,30}\|\s*[\d,.]+(?:\s+\S+)?$|^[\d,.]+\s*\|[^|]{1,30}$|\b(?:views|view count|reads|comments)\b|مشاهدة|مشاهدات|زيارة|المحرر|تحرير\s*:", re.IGNORECASE)


def is_boilerplate_line(line: str) -> bool:
    stripped = line.strip()
    return (len(line) <= 120 and bool(_BOILERPLATE.match(stripped))) or bool(_SITE_BANNER.match(stripped))


def looks_like_title(line: str, max_chars: int = TITLE_MAX_CHARS) -> bool:
    """A short line with letters that does not end like a sentence (a closing quotation mark aside)
    and is not page furniture, a caption, a byline, an editor line or a date."""
    stripped = line.strip()
    return (
        0 < len(stripped) <= max_chars
        and "\n" not in stripped
        and any(ch.isalpha() for ch in stripped)
        and not stripped.rstrip("\"”’»)]").endswith(_SENTENCE_END)
        and not is_boilerplate_line(stripped)
        and not _CAPTION.search(stripped)
        and not _CAPTION_CREDIT.search(stripped)
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


def furniture(texts: list[str]) -> list[BlockKind]:
    """Each unit's kind as far as page furniture goes: BOILERPLATE or PARAGRAPH."""
    kinds: list[BlockKind] = [BOILERPLATE if is_boilerplate_line(t) else PARAGRAPH for t in texts]
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

    kinds: tuple[BlockKind, ...]
    title: str | None
    title_basis: str | None  # "first line", or None when no line is the title
    date: FoundDate | None
    byline: str | None


# ---- the title --------------------------------------------------------------------------------

_TAGLINE_MAX = 80
_TOP_UNITS = 20  # how far down the site's furniture may push the title
_MENU_REPEATS = 3  # a line shown this often at the top is the site's, not the text's
_TITLE_AFTER_HEADER_MAX = 250  # a release's title may be long ("Declaración del Secretario de Prensa sobre …")
# a navigation bar run into one line: "Home Issues & Press Travel & Business Countries Youth & Education Careers"
_NAV_BAR = re.compile(r"^(?:Home|Accueil|Inicio|Startseite)(?:\s+(?:[A-Z][\w'’.-]*|&)){4,}$")
_BREADCRUMB = re.compile(r"^(?:You are (?:in|here)\s*:|Vous êtes ici\s*:|Usted está aquí\s*:)|\S\s[>›]\s\S.*\s[>›]\s\S")
# an advertisement's call to action: "… Defense and Intelligence Jobs - JOIN NOW"
_ADVERT = re.compile(r"(?:^|\s)(?:JOIN|SIGN UP|SUBSCRIBE|APPLY|REGISTER|DONATE|BUY|SHOP|LEARN MORE|CLICK HERE)(?: NOW| TODAY)?!?$")
_ARCHIVE = re.compile(r"^(?:Archives?|Archiv|Archivos?|Archivio|أرشيف)\b\s*(?:for|of|du|de|vom|:|[–—-])?\s*", re.IGNORECASE)
_BANNER_END = re.compile(r"\s[»›]$")  # a site banner's last line is a link: "Learn more about Lingua Translation »"
_ORGANISATION = re.compile(
    r"^(?:(?:U\.S\.|United States|The)\s+)?(?:Department|Office|Bureau|Ministry|Embassy|Mission|Consulate|White House|"
    r"Département|Ministère|Ambassade|Departamento|Ministerio|Embajada|Casa Blanca)\b", re.IGNORECASE)
_TITLE_MARKUP = re.compile(r"^#{1,6}\s+(?P<a>.+?)(?:\s+#+)?$|^\|\s*(?P<b>[^|]+?)\s*\|$|^\*\*(?P<c>[^*]+)\*\*$")


def _menu(line: str, shown: Counter[str]) -> bool:
    """A line of the site's navigation: shown again and again, a navigation bar, a breadcrumb trail,
    an advertisement, an archive's label ("Archives July 2020"), or a line ending with one shown
    again and again ("Other State Department Archive SitesU.S. Department of State")."""
    stripped = line.strip()
    return (
        shown[stripped] >= _MENU_REPEATS
        or bool(_NAV_BAR.match(stripped) or _BREADCRUMB.search(stripped) or _ADVERT.search(stripped))
        or ((m := _ARCHIVE.match(stripped)) is not None and parse_date(stripped[m.end():]) is not None)
        or any(stripped.endswith(again) and stripped != again for again, n in shown.items() if n >= _MENU_REPEATS)
    )


def _section_label(line: str, following: str) -> bool:
    """A section's name over the headline ("Cuba", "Security Council"): one or two words, and a longer
    title-like line after it that is no question of an interview or item of a list."""
    words, more = line.split(), following.split()
    return (len(words) <= 2 and len(line.strip()) <= 30 and looks_like_title(line) and looks_like_title(following)
            and len(more) > len(words) + 1 and not is_label(following) and not _NUMBERED_ITEM.match(following.strip())
            and _header_date(following) is None)


_NUMBERED_ITEM = re.compile(r"^(?:Q\s*)?\d{1,3}\s*[-.):–]")


def _header_block(texts: list[str], body: list[int], n: int, standalone: list[bool]) -> bool:
    """Whether unit `body[n]` opens a header block: short lines to the end of its block, the last of
    them a date line ("Daily Press Briefing / Sean McCormack, Spokesman / Washington, DC / January 9,
    2009"), and it does not name an organisation ("Department of State / Office of the Spokesperson")."""
    if _ORGANISATION.match(texts[body[n]].strip()):
        return False
    for m in range(n + 1, min(n + 5, len(body))):
        if len(texts[body[m]]) > _HEADER_LINE_MAX:
            return False
        if standalone[body[m]]:
            return publication_date_line(texts[body[m]]) is not None
    return False


@dataclass(frozen=True)
class _Place:
    """Where the title may be, and what puts it there."""

    at: int | None
    max_chars: int = TITLE_MAX_CHARS
    date_before: int | None = None  # a date line that comes first, the title after it
    repeat: int | None = None  # the title shown again right after it


def _title_place(texts: list[str], body: list[int]) -> _Place:
    """Where the title may be: the unit before a wiki's tagline; the unit after a release header
    (short lines such as "The White House", "Office of the Press Secretary" ending with "For
    Immediate Release"); the unit after a leading date line; else the first unit that is not the
    site's furniture (a menu, a banner ending with a link, a section's name)."""
    if not body:
        return _Place(None)
    top = body[:_TOP_UNITS]
    tagline = next((i for i in range(min(len(texts), top[-1] + 1)) if len(texts[i]) <= _TAGLINE_MAX and _WIKI_TAGLINE.match(texts[i].strip())), None)
    if tagline is not None and (above := [i for i in top if i < tagline]):
        if len(above) >= 2 and texts[above[-2]].strip() == texts[above[-1]].strip():
            return _Place(above[-2], repeat=above[-1])
        return _Place(above[-1])
    for n, i in enumerate(body[:4]):
        stripped = texts[i].strip()
        if _RELEASE_LINE.match(stripped):
            return _Place(body[n + 1] if n + 1 < len(body) else None, max_chars=_TITLE_AFTER_HEADER_MAX)
        if len(stripped) > _HEADER_LINE_MAX or stripped.endswith(_SENTENCE_END):
            break
    if publication_date_line(texts[body[0]]) and len(body) > 1:
        return _Place(body[1], date_before=body[0])
    shown = Counter(texts[i].strip() for i in top)
    n = 0
    banner = [m for m, i in enumerate(top[:8]) if texts[i].rstrip().endswith(("»", "›")) and _BANNER_END.search(texts[i].rstrip()) and "«" not in texts[i]]
    if banner:
        n = banner[-1] + 1
    while n + 1 < len(top) and (_menu(texts[top[n]], shown) or _section_label(texts[top[n]], texts[top[n + 1]])):
        n += 1
    return _Place(top[n] if n < len(top) else None)


def title_value(line: str) -> str:
    """The title a line states, its markup aside: a heading mark (`# Title`), a frame (`| Title |`), bold."""
    stripped = line.strip()
    m = _TITLE_MARKUP.match(stripped)
    return next((g for g in m.groups() if g), stripped).strip() if m else stripped


def read_header(texts: list[str], kinds: list[BlockKind], front_title: str | None, standalone: list[bool] | None = None) -> Header:
    """Find the title line, a repeated title, the publication date line, the byline and credits.

    `standalone[i]` says whether unit i ends its block (a blank line or the end of the text follows
    it); in a text that separates paragraphs with blank lines, only a line standing alone is a title,
    not the first line of a block such as "Department of State / Office of the Spokesperson / date",
    unless the block is the text's header, down to its date line. A speaker turn ("GV : …?") is not a
    title where the text has other turns."""
    kinds = list(kinds)
    body = [i for i, k in enumerate(kinds) if k == PARAGRAPH]
    title, basis = None, None
    place = _title_place(texts, body)
    at = place.at
    turns = sum(1 for i in body[:50] if is_label(texts[i]))
    date: FoundDate | None = None
    if body and (front_title is not None and texts[body[0]].strip() == front_title):
        kinds[body[0]] = TITLE
        title = front_title
        at = body[0]
    elif at is not None and front_title is None and at != body[-1] and (
            standalone is None or standalone[at] or _header_block(texts, body, body.index(at), standalone)) and not (
            turns >= 2 and is_label(texts[at])) and (
            looks_like_title(texts[at], place.max_chars) or _exclaimed_title(texts[at], texts[body[body.index(at) + 1]])):
        kinds[at] = TITLE
        title, basis = title_value(texts[at]), "first line"
        if place.repeat is not None:
            kinds[place.repeat] = TITLE_REPEAT
        if place.date_before is not None:
            kinds[place.date_before] = TIMESTAMP
            date = publication_date_line(texts[place.date_before])
    byline = None
    start = body.index(at) + 1 if title is not None and at is not None else 0
    for n, i in enumerate(body[start:start + _HEADER_LINES]):
        stripped = texts[i].strip()
        if title is not None and stripped == texts[at].strip():  # type: ignore[index]
            kinds[i] = TITLE_REPEAT
        elif date is None and (found := _header_date(stripped)) and (found.precision == "day" or (title is not None and n == 0)):
            kinds[i] = TIMESTAMP  # a month alone ("März, 2008") is an archive's, unless right under the title
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
    if date is None:
        # a dateline with its date opening one of the first paragraphs: "Washington, D.C., June 9, 2005 - …"
        paragraphs = [i for i in body[start:] if kinds[i] == PARAGRAPH][:_DATELINE_PARAGRAPHS]
        date = next((found for i in paragraphs if (found := dateline_date(texts[i]))), None)
    for i in body:
        if kinds[i] == PARAGRAPH and len(texts[i]) <= 200 and (_CREDIT.match(texts[i]) or (len(texts[i]) <= 120 and (
                _CAPTION.search(texts[i]) or _CAPTION_CREDIT.search(texts[i].strip())) and not texts[i].rstrip().endswith((".", "!", "?")))):
            kinds[i] = CREDIT
    return Header(tuple(kinds), title, basis, date, byline)


_DATELINE_PARAGRAPHS = 3  # the first paragraphs where a dateline is looked for
_FIELD_SEPARATOR = re.compile(r"\s(?:\||–|—|-)\s")


def _header_date(line: str) -> FoundDate | None:
    """The date a header line states: a date line, or one field of a line of fields that is a whole
    date to the day ("January 30, 2012 | 40:49 | Public Domain", "Episode 150 – June 27, 2024")."""
    if found := publication_date_line(line):
        return found
    fields = _FIELD_SEPARATOR.split(line)
    if len(fields) < 2 or len(line) > 120 or any(len(f.split()) > 4 for f in fields):
        return None
    dates = [(n, found) for n, field in enumerate(fields) if (found := publication_date_line(field)) and found.precision == "day"]
    if len(dates) != 1:
        return None
    n, found = dates[0]
    offset = line.index(fields[n], sum(len(f) for f in fields[:n]))
    return FoundDate(Span(found.span.start + offset, found.span.end + offset), found.value, found.precision)


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


_SOURCE_PARAGRAPHS = 3  # the first paragraphs where a dateline is looked for


def read_source(paragraphs: list[str]) -> Source:
    """The outlet and dateline that open the text's first paragraphs: an outlet prefix ("Shafaq
    News/ …") in the first; a dateline ("BEIRUT (AP) —", "QAMISHLI, Syria (Reuters) -") in the first,
    or in the next two where it names an outlet or a region; a place with a date ("Saint Petersburg
    (Vereinigte Staaten), 14.03.2006 –") in any of them. A caption or a standfirst may come first."""
    for n, paragraph in enumerate(paragraphs[:_SOURCE_PARAGRAPHS]):
        if n == 0 and (m := _OUTLET_PREFIX.match(paragraph)):
            return Source(m["outlet"].strip(), None)
        if (m := _DATELINE.match(paragraph)) and (n == 0 or m["outlet"] or "," in m["dateline"]):
            return Source(m["outlet"].strip() if m["outlet"] else None, m["dateline"])
        if found := dateline_date(paragraph):
            place = paragraph[:found.span.start].rstrip(", ")
            return Source(None, place)
    return Source(None, None)


# a title that names the text a transcript: "Transcript: Afghanistan Campaign …", "… | 150 TRANSCRIPT"
_TRANSCRIPT_TITLE = re.compile(r"^Transcript\b|\bTranscript$", re.IGNORECASE)


def document_kind(top: str, first: str, source: Source, byline: str | None, head: list[str] | None = None,
                  title: str | None = None) -> str | None:
    """A press release, news article, statement or transcript, from the words at the top; None when unsure.

    `head` holds the text's first header units: one that names the text a statement makes it one,
    even under a "For Immediate Release" line; a title that names it a transcript makes it one."""
    if any(_STATEMENT_HEAD.match(line.strip()) for line in head or ()):
        return "statement"
    if title is not None and _TRANSCRIPT_TITLE.search(title):
        return "transcript"
    if _RELEASE.search(top) and not source.outlet:
        return "press release"
    if source.outlet or source.dateline or byline:
        return "news article"
    if _STATEMENT.search(first):
        return "statement"
    return None
