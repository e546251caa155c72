"""The interface's own words in the site's language (mkdocs.yml's `theme.language`): one table,
`words.json` in the package, read once, holding every word seedwiki writes around the seeds (the
generated pages, the templates and, through `seedwiki/js/words.js`, the page scripts). Dates,
month names, numbers and plurals come from Babel (CLDR), not from lists of our own.

A build renders in one language: `speaking(language)` holds it while the pages are made (the
render functions are called in it and read it with `word`, `plural`, `number` and `date_text`),
so that no page function needs a language parameter of its own; outside it the words are
English. A language the table lacks falls back to English, and the build says so
(`fallback_notice`). Seed text never passes through here: it keeps its own language and direction.
"""

from __future__ import annotations

import datetime
import json
from collections.abc import Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from functools import cache, lru_cache
from importlib.resources import files

from babel import Locale, UnknownLocaleError
from babel.dates import format_date, format_skeleton
from babel.numbers import format_decimal

DEFAULT = "en"
# Babel's locale for each language: English dates as the site always wrote them ("23 January 2022").
_LOCALES = {"en": "en_GB"}
# Words the page scripts use (assets/js/): those whose key starts with "js_", and these.
_SCRIPT_KEYS = ("undated", "section_seeds")

Entry = str | dict[str, str]  # words, or per CLDR plural category ("one", "other", …) the words


@cache
def table() -> dict[str, dict[str, Entry]]:
    """The whole table: per language, per key, the words ("{name}" marks a value put in)."""
    return json.loads((files("seedwiki") / "words.json").read_text(encoding="utf-8"))


def languages() -> tuple[str, ...]:
    return tuple(table())


def supported(language: str | None) -> str:
    """The table's language for a theme `language` ("de"; "pt-BR" → "pt" if present), else English."""
    if not language:
        return DEFAULT
    base = language.replace("-", "_").split("_")[0].lower()
    return language if language in table() else base if base in table() else DEFAULT


def fallback_notice(language: str | None) -> str:
    """What a build says when the theme's language is not in the table (empty when it is)."""
    if not language or supported(language) != DEFAULT or language.split("_")[0].split("-")[0].lower() == DEFAULT:
        return ""
    return (f"mkdocs.yml: theme language {language!r} has no seedwiki words yet; seedwiki's own words are English "
            f"(the table, src/seedwiki/words.json, has {', '.join(languages())})")


_language: ContextVar[str] = ContextVar("seedwiki_language", default=DEFAULT)
_theme_language: ContextVar[str] = ContextVar("seedwiki_theme_language", default=DEFAULT)


@contextmanager
def speaking(language: str | None) -> Iterator[str]:
    """Render in `language` (the table's, `supported`) until the block ends; the page itself is
    laid out as the theme lays out `language` (`page_direction`)."""
    token, theme = _language.set(supported(language)), _theme_language.set(language or DEFAULT)
    try:
        yield _language.get()
    finally:
        _language.reset(token)
        _theme_language.reset(theme)


def current() -> str:
    return _language.get()


def direction(language: str | None = None) -> str:
    """"rtl" or "ltr": how the interface in `language` (the current one) is written."""
    return "rtl" if _locale(supported(language or current())).character_order == "right-to-left" else "ltr"


def page_direction() -> str:
    """"rtl" or "ltr": how the theme lays out the page, by its `language`, whether or not the table
    has that language's words (Material lays out a Hebrew site right to left, with seedwiki's words
    in English): what seed text written the other way is set apart from."""
    try:
        locale = _locale(_theme_language.get().replace("-", "_"))
    except (ValueError, UnknownLocaleError):
        return direction()
    return "rtl" if locale.character_order == "right-to-left" else "ltr"


@cache
def _locale(language: str) -> Locale:
    return Locale.parse(_LOCALES.get(language, language))


def word(key: str, **values: object) -> str:
    """The words for `key` in the current language, with `values` put in (not escaped: the
    caller escapes what comes from a seed, as everywhere in render)."""
    entry = table()[current()][key]
    assert isinstance(entry, str), f"{key} has plural forms: use plural()"
    return entry.format(**values) if values else entry


def plural(key: str, count: int, **values: object) -> str:
    """The words for `count` things (`key`'s CLDR plural form for it), "{count}" written as `number` writes it."""
    if not values:  # most plurals are "N things": made once for each number
        return _plural_text(current(), key, count)
    entry = table()[current()][key]
    assert isinstance(entry, dict), f"{key} has no plural forms: use word()"
    form = _plural_form(current(), count)
    return entry.get(form, entry["other"]).format(count=number(count), **values)


@lru_cache(maxsize=8192)
def _plural_text(language: str, key: str, count: int) -> str:
    """`plural(key, count)` in `language`, without other values (a site says "N mentions" tens of thousands of times)."""
    entry = table()[language][key]
    assert isinstance(entry, dict), f"{key} has no plural forms: use word()"
    return entry.get(_plural_form(language, count), entry["other"]).format(count=_number(language, count))


# Babel formats a number and picks a plural form in some 30 µs: a site says "N mentions" tens of
# thousands of times (0.95 s of a 5.6 s generation at 300 dense seeds), mostly of a few numbers.
@lru_cache(maxsize=8192)
def _plural_form(language: str, count: int) -> str:
    return _locale(language).plural_form(count)


@lru_cache(maxsize=8192)
def _number(language: str, value: int) -> str:
    return format_decimal(value, locale=_locale(language))


def source_kind(kind: str) -> str:
    """A seed's kind ("news article", one of curate.KINDS) in the current language; another value as it is."""
    entry = table()[current()].get(f"type_{kind.replace(' ', '_')}")
    return entry if isinstance(entry, str) else kind


def language_name(code: str | None) -> str:
    """A seed's language ("ar", "en-GB") by its name in the current language ("Arabic", "arabe"),
    "unknown" for none or "und"; a code Babel does not know as it is."""
    if not code or code == "und":
        return word("unknown")
    return _language_name(current(), code)


@lru_cache(maxsize=1024)
def _language_name(language: str, code: str) -> str:
    try:
        name = Locale.parse(code.replace("-", "_")).get_display_name(_locale(language))
    except (ValueError, TypeError, UnknownLocaleError):
        return code
    return name[:1].upper() + name[1:] if name else code


def number(value: int) -> str:
    """A whole number with the language's grouping ("12,345", "12.345")."""
    return _number(current(), value)


def date_text(iso: str) -> str:
    """An ISO date at its precision as the language writes it: "23 January 2022", "23. Januar 2022",
    "January 2022", "2022". What is not a date is returned as it is."""
    return _date_text(current(), iso)


@lru_cache(maxsize=8192)  # Babel takes some 40 µs a date: a seed's page writes its date twice, and most seeds share a few dates
def _date_text(language: str, iso: str) -> str:
    parts = iso.split("-")
    try:
        if len(parts) >= 3:
            return format_date(datetime.date(int(parts[0]), int(parts[1]), int(parts[2][:2])), "long", locale=_locale(language))
        if len(parts) == 2:
            return format_skeleton("yMMMM", datetime.date(int(parts[0]), int(parts[1]), 1), locale=_locale(language))
    except ValueError:
        return iso
    return iso


def month_year(year: str, month: int) -> str:
    """A month of a year, "January 2022", as a catalogue group names it."""
    return date_text(f"{year}-{month:02d}")


def template_words(language: str | None) -> dict[str, str]:
    """The words of `language` (the table's, `supported`) as the theme's templates read them
    (`config.extra.seedwiki.words`): the plain entries."""
    return {key: value for key, value in table()[supported(language)].items() if isinstance(value, str)}


def script_words() -> dict[str, object]:
    """What the page scripts read (`seedwiki/js/words.js`): the language, its direction and the scripts' words."""
    words = table()[current()]
    chosen = {key: value for key, value in words.items() if key.startswith("js_") or key in _SCRIPT_KEYS}
    return {"lang": current(), "dir": direction(), "words": chosen}


def words_script() -> bytes:
    """`seedwiki/js/words.js`: the page scripts' words as a global they read (`seedwiki.word`)."""
    data = json.dumps(script_words(), ensure_ascii=False, sort_keys=True).replace("<", "\\u003c")
    return (f"// seedwiki: the page scripts' words in the site's language (generated from words.json)\n"
            f"window.seedwikiWords = {data};\n").encode()
