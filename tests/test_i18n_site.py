"""A site whose theme speaks German, Arabic or French: its generated pages and the 404 page carry
no English word of seedwiki's own (the table's English entries, looked for in what a reader sees
and hears: the text, and the names and titles of controls), the page scripts speak the language
too, and seed text keeps its own language and direction. In a browser: an Arabic interface is laid
out right to left, the paragraph numbers in its margin on the right, and axe-core finds no serious
violation on its pages. The seeds here are German and Arabic, and so is the glossary, so that an
English word on these pages can only be the interface's."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
from bs4 import BeautifulSoup
from playwright.sync_api import expect

from seedwiki.i18n import table

from .conftest import SEED_FILES, Site, make_project, mkdocs_build, serve_directory
from .test_browser_reading import DESKTOP, PHONE, SEED_000
from .test_browser_site import RESULTS

GERMAN = """Stadtrat beschließt neuen Haushalt

Berlin, am Dienstagabend

Der Stadtrat hat am Dienstag den Haushalt für das kommende Jahr beschlossen. „Wir investieren in Schulen und Brücken“, sagte Anna Weber nach der Sitzung.

Die Opposition kritisierte die Pläne. Nach Angaben der Verwaltung beginnen die Arbeiten im Mai 2023 in Berlin.
"""
GERMAN_UNDATED = """Brief an die Leserinnen und Leser

Wir danken allen, die uns geschrieben haben. Anna Weber wird die Fragen in der nächsten Ausgabe beantworten.
"""
ARABIC = """مجلس المدينة يقر الميزانية الجديدة

أقر مجلس المدينة يوم الثلاثاء ميزانية العام المقبل. وقالت آنا فيبر بعد الجلسة: "سنستثمر في المدارس والجسور".

وانتقدت المعارضة الخطط، وقالت إن الميزانية لا تكفي لإصلاح الطرق في المدينة.
"""
GLOSSARY = """entities:
  - id: anna-weber
    name: Anna Weber
    kind: person
    aliases: [Anna Weber, آنا فيبر]
    description: Bürgermeisterin der Stadt.
    relations:
      - member of: stadtrat
  - id: stadtrat
    name: Stadtrat
    kind: organisation
    aliases: [Stadtrat, مجلس المدينة]
    description: Das gewählte Gremium der Stadt.
  - id: berlin
    name: Berlin
    kind: place
    aliases: [Berlin]
    description: Hauptstadt Deutschlands.
  - id: stadtwerke
    name: Stadtwerke
    kind: organisation
    aliases: [Stadtwerke]
    description: Versorger der Stadt.
"""
# The date is curated: the interface writes it, the text does not hold it.
CURATION = "date: 2023-03-12\noutlet: Stadtanzeiger\nkind: news article\nsummary: Der Haushalt ist beschlossen.\nnote: Aus der Lokalausgabe.\n"
SEEDS = {"haushalt.txt": GERMAN.encode(), "haushalt.yml": CURATION.encode(), "brief.txt": GERMAN_UNDATED.encode(),
         "mizaniya.txt": ARABIC.encode()}
GENERATED = ("seeds", "catalogue", "entities", "quotes", "timeline")
# Not the interface's words: citations are written in English whatever the language (the styles'
# own words, as `seedwiki cite` writes them), and the search metadata is never shown as it is.
NOT_SCANNED = ".sw-cite-style, .sw-print-cite, .sw-cite-file, .sw-cite-data, .sw-facets, .sw-previews, pre, code"
SPOKEN = ("aria-label", "title", "placeholder", "data-speaker", "data-n")


def _built(root: Path, seeds: dict[str, bytes], language: str, glossary: str | None = GLOSSARY) -> tuple[Site, str]:
    """The project with `seeds` built with the theme's `language`, and what the build said."""
    make_project(root, seeds)
    if glossary is not None:
        (root / "glossary.yml").write_text(glossary, encoding="utf-8")
    config = root / "mkdocs.yml"
    text = config.read_text(encoding="utf-8")
    assert "  language: en\n" in text
    config.write_text(text.replace("  language: en\n", f"  language: {language}\n"), encoding="utf-8")
    result = mkdocs_build(root)
    assert result.returncode == 0, result.stderr
    return Site(root), result.stderr


@pytest.fixture(scope="module")
def sites(tmp_path_factory):
    """The same project built in each language (lazily, once each)."""
    built: dict[str, Site] = {}

    def site(language: str) -> Site:
        if language not in built:
            built[language] = _built(tmp_path_factory.mktemp(f"i18n-{language}") / "project", SEEDS, language)[0]
        return built[language]

    return site


def test_a_language_seedwiki_lacks_builds_in_english_and_says_so(tmp_path):
    site, said = _built(tmp_path / "project", SEEDS, "es")
    assert "theme language 'es' has no seedwiki words yet; seedwiki's own words are English" in said
    page = site.html("seeds/haushalt")
    assert "Cite this source" in page and '<html lang="es"' in page  # Material's own words are Spanish


def _english_fragments(language: str) -> set[str]:
    """The English entries' words, cut at their placeholders, that the language does not share."""
    def fragments(words: dict) -> set[str]:
        out = set()
        for entry in words.values():
            for form in entry.values() if isinstance(entry, dict) else [entry]:
                for part in re.split(r"\{\w+\}", form):
                    part = part.strip(" ,.:;()“”„«»")
                    if sum(c.isalpha() for c in part) >= 4:
                        out.add(part)
        return out

    theirs = " ".join(fragments(table()[language]))
    return {f for f in fragments(table()["en"]) if not re.search(rf"(?<!\w){re.escape(f)}(?!\w)", theirs)}


def _heard(html: str) -> str:
    """What a reader sees and hears of a page's content: its text and its controls' names and titles."""
    soup = BeautifulSoup(html, "lxml")
    article = soup.find("article")
    assert article is not None
    for element in article.select(NOT_SCANNED):
        element.decompose()
    said = [" ".join(article.stripped_strings)]
    said += [str(element.get(name)) for element in article.find_all(True) for name in SPOKEN if element.get(name)]
    return re.sub(r"https?://\S+", "", "\n".join(said))  # addresses are not words


def _pages(site: Site) -> list[Path]:
    pages = [p for root in GENERATED for p in sorted((site.site_dir / root).rglob("index.html"))]
    return [*pages, site.site_dir / "404.html"]


def _leftovers(site: Site, language: str) -> dict[str, list[str]]:
    fragments = _english_fragments(language)
    found = {}
    for page in _pages(site):
        heard = _heard(page.read_text(encoding="utf-8"))
        words = sorted(f for f in fragments if re.search(rf"(?<!\w){re.escape(f)}(?!\w)", heard))
        if words:
            found[page.relative_to(site.site_dir).as_posix()] = words
    return found


@pytest.mark.parametrize("language", ["de", "ar"])
def test_a_site_in_another_language_has_no_english_words_of_its_own(sites, language):
    site = sites(language)
    assert len(_pages(site)) >= 10
    assert _leftovers(site, language) == {}
    words = (site.site_dir / "seedwiki" / "js" / "words.js").read_text(encoding="utf-8")
    assert f'"lang": "{language}"' in words and table()[language]["js_copy"] in words


def test_the_same_scan_finds_the_english_interface_in_an_english_site(sites):
    """The scan above can fail: on the English site it finds seedwiki's words on every page."""
    site = sites("en")
    found = _leftovers(site, "de")
    assert set(found) == {p.relative_to(site.site_dir).as_posix() for p in _pages(site)}
    assert {"Cite this source", "About this source", "Page not found"} <= {w for words in found.values() for w in words}


@pytest.mark.parametrize(("language", "words"), [
    ("de", ["Diese Quelle zitieren", "Über diese Quelle", "12. März 2023", "Zitate", "Katalog", "Mitglieder", "Seite nicht gefunden"]),
    ("ar", ["الاستشهاد بهذا المصدر", "عن هذا المصدر", "12 مارس 2023", "الاقتباسات", "الفهرس", "الأعضاء", "الصفحة غير موجودة"]),
    ("fr", ["Citer cette source", "À propos de cette source", "12 mars 2023", "Citations", "Catalogue", "Membres", "Page introuvable"]),
])
def test_the_interface_speaks_the_themes_language(sites, language, words):
    site = sites(language)
    everything = "\n".join(_heard(page.read_text(encoding="utf-8")) for page in _pages(site))
    assert [w for w in words if w not in everything] == []


@pytest.mark.parametrize("language", ["ar", "de"])
def test_seed_text_keeps_its_own_language_and_direction(sites, language):
    site = sites(language)
    german = BeautifulSoup(site.html("seeds/haushalt"), "lxml")
    arabic = BeautifulSoup(site.html("seeds/mizaniya"), "lxml")
    assert (german.find(id="text")["lang"], german.find(id="text")["dir"]) == ("de", "ltr")
    assert (arabic.find(id="text")["lang"], arabic.find(id="text")["dir"]) == ("ar", "rtl")
    body = german.find("body")
    assert body["dir"] == ("rtl" if language == "ar" else "ltr")


# --- in a browser -------------------------------------------------------------------------------

SIDES = """() => [...document.querySelectorAll('article .sw-text .sw-p')].map(p => {
    const text = p.getBoundingClientRect(), number = p.querySelector('.sw-permalink').getBoundingClientRect();
    return {left: number.right <= text.left + 1, right: number.left >= text.right - 1};
})"""


@pytest.fixture(scope="module")
def real_arabic(tmp_path_factory):
    """This repository's seeds (English: an article and an interview) in an Arabic interface."""
    site, _ = _built(tmp_path_factory.mktemp("i18n-real-ar") / "project", SEED_FILES, "ar", glossary=None)
    with serve_directory(site.site_dir) as url:
        yield url


@pytest.fixture(scope="module")
def served(sites):
    urls = {}
    with serve_directory(sites("ar").site_dir) as ar, serve_directory(sites("fr").site_dir) as fr:
        urls.update(ar=ar, fr=fr)
        yield urls


@pytest.mark.parametrize("browser_page", [DESKTOP, PHONE], indirect=True)
@pytest.mark.parametrize("seed", ["haushalt", "mizaniya"])
def test_an_arabic_interface_puts_the_numbers_on_the_right_whatever_the_texts_direction(browser_page, served, seed):
    page = browser_page.page
    page.goto(served["ar"] + f"seeds/{seed}/")
    assert page.evaluate("document.body.dir") == "rtl"
    sides = page.evaluate(SIDES)
    assert sides and all(side["right"] and not side["left"] for side in sides), sides
    content = page.evaluate("(() => { const r = document.querySelector('article').getBoundingClientRect(); return [r.left, r.right]; })()")
    number = page.evaluate("document.querySelector('article .sw-permalink').getBoundingClientRect().right")
    assert number <= content[1] + 1  # in the content's own margin, not over the sidebar
    page.hover("#p2" if seed == "mizaniya" else "#p3")
    label = page.locator("article .sw-copy button").first.get_attribute("aria-label")
    assert label is not None and label.startswith("نسخ رابط ¶")
    RESULTS.mkdir(exist_ok=True)
    page.screenshot(path=str(RESULTS / f"i18n-ar-{seed}-{page.viewport_size['width']}.png"))


UNITS = """() => [...document.querySelectorAll('article .sw-unit')].map(unit => {
    const box = unit.getBoundingClientRect(), style = getComputedStyle(unit);
    const numbers = [...unit.querySelectorAll(':scope > .sw-p > .sw-permalink, :scope > h3 > .sw-permalink')]
        .map(n => n.getBoundingClientRect());
    return {line: [style.borderLeftWidth, style.borderRightWidth],
            beside: numbers.length > 0 && numbers.every(n => n.left >= box.right - 1)};
})"""


@pytest.mark.parametrize("browser_page", [DESKTOP, PHONE], indirect=True)
def test_an_english_interview_in_an_arabic_interface_has_its_numbers_and_line_on_the_right(browser_page, real_arabic):
    page = browser_page.page
    page.goto(real_arabic + SEED_000)
    assert page.evaluate("document.querySelector('#text').dir") == "ltr"
    units = page.evaluate(UNITS)
    assert len(units) >= 9
    assert all(u["beside"] and u["line"] == ["0px", "3px"] for u in units), units[:3]
    assert all(side["right"] for side in page.evaluate(SIDES))


@pytest.mark.parametrize("browser_page", [DESKTOP], indirect=True)
def test_a_french_interface_keeps_the_numbers_on_the_left_and_names_its_controls_in_french(browser_page, served):
    page = browser_page.page
    page.goto(served["fr"] + "seeds/mizaniya/")
    assert page.evaluate("document.body.dir") == "ltr"
    assert all(side["left"] for side in page.evaluate(SIDES))
    page.hover("#p2")
    names = page.locator("#p2 > .sw-copy button").evaluate_all("bs => bs.map(b => b.getAttribute('aria-label'))")
    assert names[:2] == ["Copier le lien vers ¶2", "Copier la citation de ¶2"]
    page.locator("article details.sw-cite-box > summary").click()
    assert page.locator("article .sw-cite-copy").first.inner_text() == "Copier"
    page.goto(served["fr"] + "search/?q=Berlin")
    count = page.locator(".sw-search__count")
    count.filter(has_text="« Berlin »").wait_for()
    assert re.fullmatch(r"\d+ pages contiennent « Berlin », à \d+ endroits ; toutes sont affichées\.", count.inner_text())
    assert page.locator(".sw-search__filters legend").inner_text() == "Restreindre à"


@pytest.mark.parametrize("browser_page", [DESKTOP], indirect=True)
@pytest.mark.parametrize("path", ["seeds/haushalt/", "seeds/mizaniya/", "catalogue/", "quotes/"])
def test_no_serious_or_critical_accessibility_violations_in_arabic(browser_page, served, axe_source, path):
    page = browser_page.page
    page.goto(served["ar"] + path)
    page.add_script_tag(content=axe_source)
    result = page.evaluate("axe.run(document, {resultTypes: ['violations']})")
    serious = [(v["id"], [n["target"] for n in v["nodes"]][:5]) for v in result["violations"] if v["impact"] in ("serious", "critical")]
    assert serious == []


@pytest.mark.parametrize("browser_page", [DESKTOP], indirect=True)
def test_search_finds_the_same_pages_whatever_the_interfaces_language(browser_page, real_site_url, real_arabic):
    """Pagefind indexes the site in its seeds' language (English here), not in the interface's:
    under an Arabic interface, English words were stemmed as Arabic ("detained" found 1 page of 6)."""
    page = browser_page.page
    found = {}
    for term in ("detained", "attacks", "withdraw", "prisons"):
        for language, base in (("en", real_site_url), ("ar", real_arabic)):
            page.goto(base + "search/?q=" + term)
            expect(page.locator(".sw-results > li").first).to_be_visible(timeout=15_000)
            hrefs = page.evaluate("() => [...document.querySelectorAll('.sw-result__title')].map(a => a.getAttribute('href'))")
            found[term, language] = sorted(re.sub(r"\?.*", "", h).removeprefix(base) for h in hrefs)
        assert found[term, "ar"] == found[term, "en"], term
    assert len(found["detained", "en"]) >= 6 and len(found["attacks", "en"]) >= 6, found
    # a sub-result's label in an Arabic interface: in Arabic, and read left to right ("¶2", not "2¶")
    page.goto(real_arabic + "search/?q=assess")  # in a question of the interview
    expect(page.locator(".sw-result__where").first).to_be_visible(timeout=15_000)
    labels = page.evaluate("() => [...document.querySelectorAll('.sw-result__where')].map(a => [a.textContent, a.dir])")
    assert ["Q2 (سؤال)", "ltr"] in labels, labels
    assert all(direction == "ltr" for label, direction in labels if re.match(r"[¶Q]\d", label)), labels


def test_a_seeds_language_is_named_in_the_interfaces_language_in_its_facts_and_search_filter(sites):
    site = sites("de")
    for slug, name, code in (("haushalt", "Deutsch", "de"), ("mizaniya", "Arabisch", "ar")):
        soup = BeautifulSoup(site.html(f"seeds/{slug}"), "lxml")
        facets = soup.select_one('.sw-facets [data-pagefind-meta="facets"]')
        assert facets is not None and json.loads(facets.get_text())["language"] == [name]
        assert f"{name} ({code})" in soup.get_text()
