"""Dates: every calendar date a text states, and which line states the publication date.

Month names come from babel's CLDR data (English, Arabic with its Levantine and Iraqi names,
French, Spanish, Portuguese, Italian, German, Turkish, Russian, Kurdish, Persian, Urdu); digits may
be Western or Arabic-Indic. Every form has a four-digit year: a relative date ("yesterday", "on
Sunday") is never turned into a calendar date. One regular expression scans the text once, so the
time is linear in its length.
"""

from __future__ import annotations

import datetime
import re
from dataclasses import dataclass

from babel import Locale

from ..model import Span

MONTH_NAMES = ("January", "February", "March", "April", "May", "June", "July", "August", "September", "October", "November", "December")
_LOCALES = ("ar", "ar_SY", "ar_IQ", "fr", "es", "pt", "it", "de", "tr", "ru", "ku", "fa", "ur")


def _month_table() -> dict[str, int]:
    names: dict[str, set[int]] = {}
    for n, name in enumerate(MONTH_NAMES, 1):
        for form in (name, name[:3], "Sept" if n == 9 else name):
            names.setdefault(form.casefold(), set()).add(n)
    for code in _LOCALES:
        months = Locale.parse(code).months
        for context in ("format", "stand-alone"):
            for n, name in months[context]["wide"].items():
                names.setdefault(name.casefold().rstrip("."), set()).add(n)
    # a name that means two months in two languages means none
    return {name: next(iter(ns)) for name, ns in names.items() if len(ns) == 1 and len(name) >= 3}


_MONTHS = _month_table()
_MONTH_ALTERNATIVES = "|".join(re.escape(m) for m in sorted(_MONTHS, key=len, reverse=True))
# "كانون الثاني/يناير", "كانون الثاني (يناير)": two names of one month
_MONTH = r"(?P<month>" + _MONTH_ALTERNATIVES + r")\.?(?:\s*[/(]\s*(?:" + _MONTH_ALTERNATIVES + r")\)?)?"
_DAY = r"(?P<d>\d{1,2})(?:st|nd|rd|th|er|º|\.)?"
_YEAR = r"(?P<y>\d{4})(?!\d)"
_SEP = r"[\s,،]*"
_ISO = r"(?P<iy>\d{4})-(?P<im>\d{2})-(?P<id>\d{2})(?:[T ]\d{2}:\d{2}(?::\d{2}(?:\.\d+)?)?(?:Z|[+-]\d{2}:?\d{2})?)?"
_DATE = re.compile(
    r"(?<![\w-])(?:"
    + r"(?P<iso>" + _ISO + r")"
    + r"|(?P<mdy>" + _MONTH.replace("month", "m1") + r"\s+" + _DAY.replace("<d>", "<d1>") + _SEP + _YEAR.replace("<y>", "<y1>") + r")"
    + r"|(?P<dmy>" + _DAY.replace("<d>", "<d2>") + r"\s+(?:de\s+)?" + _MONTH.replace("month", "m2") + _SEP + r"(?:de\s+)?" + _YEAR.replace("<y>", "<y2>") + r")"
    + r"|(?P<my>" + _MONTH.replace("month", "m3") + r"(?:\s+de)?" + _SEP + _YEAR.replace("<y>", "<y3>") + r")"
    + r")(?![\w-])",
    re.IGNORECASE,
)
_HAS_YEAR = re.compile(r"\d{4}")


@dataclass(frozen=True)
class FoundDate:
    """A calendar date stated in a text: where, its ISO value at its precision."""

    span: Span
    value: str  # "2022-01-23", "2022-01"
    precision: str  # "day" or "month"


def _valid(y: int, m: int, d: int | None) -> bool:
    try:
        datetime.date(y, m, d or 1)
    except ValueError:
        return False
    return 1000 <= y <= 2999


def iter_dates(text: str):
    """Every calendar date the text states, left to right, without overlaps."""
    if not _HAS_YEAR.search(text):
        return
    for m in _DATE.finditer(text):
        if m["iso"]:
            y, month, day = int(m["iy"]), int(m["im"]), int(m["id"])  # type: int, int, int | None
        else:
            kind = "1" if m["mdy"] else "2" if m["dmy"] else "3"
            y = int(m["y" + kind])
            month = _MONTHS[m["m" + kind].casefold().rstrip(".")]
            day = int(m["d" + kind]) if kind != "3" else None
        if _valid(y, month, day):
            yield FoundDate(Span(m.start(), m.end()), f"{y:04}-{month:02}" + (f"-{day:02}" if day else ""), "day" if day else "month")


def find_dates(text: str) -> list[tuple[Span, str, str]]:
    """Every calendar date the text states: (span, ISO value, precision), left to right, no overlaps."""
    return [(d.span, d.value, d.precision) for d in iter_dates(text)]


def parse_date(line: str) -> tuple[str, str] | None:
    """(ISO value, precision) when the whole line is one date or timestamp, else None."""
    stripped = line.strip()
    if not stripped[-1:].isdigit() and stripped[-1:] not in ("Z", "z"):
        return None  # every date ends with a digit of its year, day or time, or the Z of UTC: a line that does not is no date
    dates = find_dates(stripped)
    if len(dates) == 1 and dates[0][0] == Span(0, len(stripped)):
        return dates[0][1], dates[0][2]
    return None


# ---- the publication date line ---------------------------------------------------------------

_DATE_LINE_MAX = 120
_PUBLISH_WORDS = {
    # what a publication date line may say besides the date
    "published", "posted", "updated", "last", "date", "dated", "on", "at", "first", "release", "released", "issued",
    "publié", "publiée", "le", "mis", "à", "jour", "publicado", "publicada", "el", "actualizado", "veröffentlicht", "am",
    "aktualisiert", "stand", "yayınlanma", "tarihi", "güncelleme", "yayınlandı", "опубликовано", "обновлено",
    "نشر", "نُشر", "في", "بتاريخ", "تاريخ", "النشر", "تحديث", "آخر", "الساعة", "تم", "utc", "gmt", "et", "est", "edt",
    "pm", "a.m", "p.m", "h", "ص", "م",
}


def _weekdays() -> set[str]:
    days = {d.casefold() for d in ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")}
    days |= {d[:3].casefold() for d in days}
    for code in _LOCALES:
        for context in ("format", "stand-alone"):
            days |= {d.casefold() for d in Locale.parse(code).days[context]["wide"].values()}
    return days


_WEEKDAYS = _weekdays()
_TIME = re.compile(r"\d{1,2}[:.h]\d{2}(?::\d{2})?")
_WORD = re.compile(r"[^\W\d_]+(?:\.[^\W\d_]+)*\.?")


def publication_date_line(line: str) -> FoundDate | None:
    """The date a header line states as the text's own, or None.

    A whole-line date or timestamp, or one date with only publication words around it: a weekday,
    a time, "Published on", "Updated:", "نشر في". A date in a sentence is an event's, not this."""
    stripped = line.strip()
    if not stripped or len(stripped) > _DATE_LINE_MAX or "\n" in stripped:
        return None
    dates = list(iter_dates(stripped))
    if len(dates) != 1:
        return None
    (found,) = dates
    rest = stripped[:found.span.start] + " " + stripped[found.span.end:]
    rest = _TIME.sub(" ", rest)
    words = [w.casefold().rstrip(".") for w in _WORD.findall(rest)]
    if any(ch.isdigit() for ch in rest):
        return None
    if all(w in _PUBLISH_WORDS or w in _WEEKDAYS for w in words):
        return found
    return None


# ---- the date of a dateline --------------------------------------------------------------------

_DATELINE_DASH = re.compile(r"\s(?:—|–|--|-)\s")
_DOTTED_DATE = re.compile(r"(?P<d>\d{1,2})\.(?P<m>\d{1,2})\.(?P<y>\d{4})")
_PLACE_WORD = re.compile(r"^(?:[A-Z(][\w.'’()-]*|de|of|del|la|el|al)$")
_DATELINE_MAX = 100


def dateline_date(paragraph: str) -> FoundDate | None:
    """The date of a dateline that opens a paragraph: a place, a comma, a whole date to the day and a
    dash ("Washington, D.C., June 9, 2005 - Voice of America …"; "Saint Petersburg (Vereinigte
    Staaten), 14.03.2006 – Heute …", a date of digits with dots read day first, as it is written)."""
    dash = _DATELINE_DASH.search(paragraph, 0, _DATELINE_MAX)
    if dash is None:
        return None
    prefix = paragraph[:dash.start()]
    for comma in (m.start() for m in re.finditer(r",\s", prefix)):
        place, stated = prefix[:comma].split(), prefix[comma + 1:].strip()
        if not place or len(place) > 6 or not all(_PLACE_WORD.match(w.rstrip(",")) for w in place) or place[0][0] == "(":
            continue
        start = paragraph.index(stated, comma)
        if (found := parse_date(stated)) and found[1] == "day":
            return FoundDate(Span(start, start + len(stated)), found[0], "day")
        if (m := _DOTTED_DATE.fullmatch(stated)) and _valid(int(m["y"]), int(m["m"]), int(m["d"])):
            return FoundDate(Span(start, start + len(stated)), f"{int(m['y']):04}-{int(m['m']):02}-{int(m['d']):02}", "day")
    return None
