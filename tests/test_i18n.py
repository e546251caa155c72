"""The interface's own words: one table (src/seedwiki/words.json), complete in every language,
every key in it used and every key used in it; dates, numbers and plurals from Babel; the
language read from the theme's `language`, English (with a notice) for one the table lacks."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from seedwiki.build import project_at
from seedwiki.curate import KINDS as SOURCE_KINDS
from seedwiki.i18n import (
    date_text,
    direction,
    fallback_notice,
    language_name,
    languages,
    page_direction,
    plural,
    script_words,
    speaking,
    supported,
    table,
    template_words,
    word,
    words_script,
)
from seedwiki.link.entities import KINDS, RELATIONS

PACKAGE = Path(__file__).resolve().parent.parent / "src" / "seedwiki"
PLACEHOLDER = re.compile(r"\{(\w+)\}")


def _forms(entry) -> list[str]:
    return list(entry.values()) if isinstance(entry, dict) else [entry]


def test_the_table_has_en_ar_fr_de():
    assert set(languages()) >= {"en", "ar", "fr", "de"}


@pytest.mark.parametrize("language", [lang for lang in table() if lang != "en"])
def test_every_language_has_every_key_english_has_with_the_same_placeholders(language):
    english, other = table()["en"], table()[language]
    assert sorted(set(english) - set(other)) == [], f"{language} lacks these keys"
    assert sorted(set(other) - set(english)) == [], f"{language} has keys English has not"
    for key, entry in english.items():
        assert isinstance(other[key], dict) == isinstance(entry, dict), key
        wanted = {name for form in _forms(entry) for name in PLACEHOLDER.findall(form)}
        for form in _forms(other[key]):
            assert set(PLACEHOLDER.findall(form)) <= wanted, (language, key, form)
        assert {name for form in _forms(other[key]) for name in PLACEHOLDER.findall(form)} == wanted, (language, key)
        if isinstance(entry, dict):
            assert "other" in other[key], (language, key)


def test_no_entry_holds_markup_or_a_quote_that_would_end_an_attribute():
    for language, words in table().items():
        for key, entry in words.items():
            for form in _forms(entry):
                assert not set(form) & set('<>"&'), (language, key)
                assert form == form.strip() or key in {"also", "more_paragraphs", "js_narrowed", "js_all_shown", "js_in_places", "catalogue_note"}, (language, key)


def _used_keys() -> set[str]:
    """The keys the code, templates and page scripts name: in a call, or as a string of their own
    (the code's small tables: ("col_kind", "kind"), FORM_NOTES)."""
    used: set[str] = set()
    for path in [*PACKAGE.rglob("*.py"), *PACKAGE.glob("assets/js/*.js")]:
        text = path.read_text(encoding="utf-8")
        used |= set(re.findall(r"""\b(?:word|plural)\(\s*["'](\w+)["']""", text))
        used |= set(re.findall(r"""["'](\w+)["']""", text)) & set(table()["en"])
    for path in PACKAGE.glob("templates/**/*.html"):
        used |= set(re.findall(r"(?:\bw|\.words or \{\}\))\.(\w+)", path.read_text(encoding="utf-8")))
    return used


def _made_keys() -> set[str]:
    """The keys the code makes from a closed set of values: entity kinds and relations, date
    precisions and bases, and the search page's filters (search.js's FILTERS)."""
    made = {f"kind_{kind.replace(' ', '_')}" for kind in KINDS} | {f"type_{kind.replace(' ', '_')}" for kind in SOURCE_KINDS}
    made |= {f"{side}_{relation.replace(' ', '_')}" for relation in RELATIONS for side in ("relation", "inverse")}
    made |= {f"precision_{p}" for p in ("day", "month", "year")} | {f"date_{b}" for b in ("stated", "inferred")}
    filters = re.search(r"var FILTERS = \[([^\]]*)\]", (PACKAGE / "assets" / "js" / "search.js").read_text(encoding="utf-8"))
    assert filters is not None
    return made | {f"js_filter_{name}" for name in re.findall(r'"(\w+)"', filters.group(1))}


def test_every_key_is_used_and_every_key_used_or_made_is_in_the_table():
    english = set(table()["en"])
    used, made = _used_keys(), _made_keys()
    assert sorted(made - english) == [], "keys the code makes that the table lacks"
    assert sorted(english - used - made) == [], "keys nothing uses"


def test_the_page_scripts_write_no_words_of_their_own():
    """Their words come from the table (`seedwiki.word`): no English sentence is left in them."""
    sentences = {form for entry in table()["en"].values() for form in _forms(entry) if " " in form.strip()}
    for path in PACKAGE.glob("assets/js/*.js"):
        code = "\n".join(line for line in path.read_text(encoding="utf-8").splitlines() if not line.strip().startswith("//"))
        strings = re.findall(r'"([^"\\]*(?:\\.[^"\\]*)*)"', code)
        leftover = [s for s in strings if any(part.strip() and part.strip() in s for form in sentences for part in PLACEHOLDER.split(form) if len(part.strip()) > 8)]
        assert leftover == [], path.name


@pytest.mark.parametrize(("language", "iso", "expected"), [
    ("en", "2022-01-23", "23 January 2022"),
    ("en", "2022-01", "January 2022"),
    ("en", "2022", "2022"),
    ("de", "2022-01-23", "23. Januar 2022"),
    ("de", "2022-03", "März 2022"),
    ("fr", "2022-01-23", "23 janvier 2022"),
    ("ar", "2022-01-23", "23 يناير 2022"),
    ("ar", "2022-12", "ديسمبر 2022"),
    ("de", "2022-13-40", "2022-13-40"),  # not a date: as it is
])
def test_dates_are_written_as_the_language_writes_them(language, iso, expected):
    with speaking(language):
        assert date_text(iso) == expected


@pytest.mark.parametrize(("language", "count", "expected"), [
    ("en", 1, "1 seed."), ("en", 1234, "1,234 seeds."),
    ("de", 1, "1 Quelle."), ("de", 1234, "1.234 Quellen."),
    ("fr", 1, "1 source."), ("fr", 2, "2 sources."),
    ("ar", 1, "مصدر واحد."), ("ar", 2, "مصدران."), ("ar", 3, "3 مصادر."), ("ar", 11, "11 مصدرًا."), ("ar", 100, "100 مصدر."),
])
def test_counts_take_the_languages_plural_forms_and_grouping(language, count, expected):
    with speaking(language):
        assert plural("seeds_count", count) == expected


def test_outside_a_language_the_words_are_english_and_the_language_ends_with_its_block():
    assert word("catalogue") == "Catalogue"
    with speaking("fr"):
        assert word("catalogue_note") == " : chaque source, avec son média et sa date"
        with speaking("ar"):
            assert direction() == "rtl"
        assert direction() == "ltr"
    assert word("cite_this") == "Cite this source"


@pytest.mark.parametrize(("theme", "words", "page"), [
    ("ar", "rtl", "rtl"), ("en", "ltr", "ltr"), ("fr", "ltr", "ltr"),
    ("he", "ltr", "rtl"), ("fa", "ltr", "rtl"), ("ur", "ltr", "rtl"),  # no words of theirs: English words, a right-to-left page
    ("pt-BR", "ltr", "ltr"), ("zz", "ltr", "ltr"),
])
def test_the_page_is_laid_out_as_the_theme_lays_out_its_language_whatever_the_words(theme, words, page):
    """Material lays out a Hebrew site right to left with seedwiki's words in English: seed text
    written left to right is set apart from the page's direction, not from the words'."""
    with speaking(theme):
        assert (direction(), page_direction()) == (words, page)


@pytest.mark.parametrize(("given", "used", "notice"), [
    ("en", "en", False), ("de", "de", False), ("de_AT", "de", False), ("fr-CA", "fr", False), ("en_GB", "en", False),
    ("es", "en", True), ("", "en", False), (None, "en", False),
])
def test_a_language_the_table_lacks_falls_back_to_english_and_the_build_says_so(given, used, notice):
    assert supported(given) == used
    said = fallback_notice(given)
    assert bool(said) == notice
    if notice:
        assert f"{given!r}" in said and "English" in said and "words.json" in said


def test_the_scripts_and_templates_get_their_languages_words():
    with speaking("ar"):
        data = script_words()
        script = words_script().decode()
    assert data["lang"] == "ar" and data["dir"] == "rtl"
    assert data["words"]["js_copy"] == "نسخ" and "undated" in data["words"] and "catalogue" not in data["words"]
    assert script.startswith("// seedwiki") and "window.seedwikiWords = {" in script and "<" not in script.split("\n", 1)[1]
    assert template_words("de")["not_found"] == "Seite nicht gefunden"
    assert template_words("xx")["not_found"] == "Page not found"


@pytest.mark.parametrize(("theme", "language"), [
    ("theme:\n  name: material\n  language: fr\n", "fr"),
    ("theme:\n  name: material\n", "en"),
    ("theme: material\n", "en"),
    ("", "en"),
])
def test_the_language_is_the_themes_as_mkdocs_yml_gives_it(tmp_path, theme, language):
    (tmp_path / "mkdocs.yml").write_text("site_name: x\n" + theme, encoding="utf-8")
    assert project_at(tmp_path).language == language


def test_the_search_index_speaks_the_seeds_language_not_the_interfaces():
    from seedwiki.build import search_language
    from seedwiki.plugin.search import _command

    assert search_language(["en", "ar", "en", None, "de"]) == "en"
    assert search_language(["de", "ar", "ar", "de"]) == "ar"  # a tie: the first in alphabetical order
    assert search_language(["pt-BR", "pt_PT", "en"]) == "pt"
    assert search_language([None, "unknown", ""]) is None
    assert search_language([]) is None
    command = _command(Path("site"), "en")
    assert command[command.index("--force-language") + 1] == "en"
    assert "--force-language" not in _command(Path("site"), None)  # no seed of known language: Pagefind's own detection


@pytest.mark.parametrize(("language", "code", "expected"), [
    ("en", "ar", "Arabic"), ("de", "en", "Englisch"), ("fr", "de", "Allemand"), ("ar", "en", "الإنجليزية"),
    ("en", "en-GB", "English (United Kingdom)"), ("de", "und", "unbekannt"), ("en", None, "unknown"),
    ("en", "zz", "zz"), ("fr", "x-klingon", "x-klingon"),  # a code Babel does not know: as it is
])
def test_a_seeds_language_is_named_in_the_interfaces_language(language, code, expected):
    with speaking(language):
        assert language_name(code) == expected
