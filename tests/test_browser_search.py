"""The search page in a real browser, on the real seeds and their entity pages: a source that holds
the words comes first, above the entity, list and help pages that name them; excerpts are the
source's own words with the hit marked, never table or control text; the filters fold on a phone."""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import expect

from .conftest import SEED_FILES, build_site, serve_directory
from .test_browser_reading import DESKTOP, PHONE, _shot

SEEDS = {name.removesuffix(".txt"): data.decode("utf-8") for name, data in SEED_FILES.items() if name.endswith(".txt")}

# Names that appear in a seed; all but "withdraw" and "detainees" also name an entity page (the
# glossary's), most of them in its title, which Pagefind's defaults ranked above the seed.
NAMES = ["Ghuwayran", "Brennan", "Caggins", "Shafaq", "Baghuz", "Hasakeh", "Coalition", "Iran", "Russia",
         "Inherent Resolve", "prison", "withdraw", "detainees"]

RESULTS_JS = """() => [...document.querySelectorAll('.sw-results > li')].map(li => ({
    title: li.querySelector('.sw-result__title').textContent,
    href: li.querySelector('.sw-result__title').getAttribute('href'),
    facts: (li.querySelector('.sw-result__facts') || {}).textContent || '',
    excerpts: [...li.querySelectorAll('.sw-result__excerpt')].map(p => ({
        text: p.textContent, marks: [...p.querySelectorAll('mark')].map(m => m.textContent)})),
    subs: [...li.querySelectorAll('.sw-result__where')].map(a => a.getAttribute('href')),
}))"""


def _search(page, base: str, term: str) -> list[dict]:
    page.goto(base + "search/?q=" + term)
    expect(page.locator(".sw-results > li").first).to_be_visible(timeout=15_000)
    return page.evaluate(RESULTS_JS)


def _seed_of(href: str) -> str | None:
    found = re.search(r"/seeds/([^/]+)/", href)
    return found.group(1) if found else None


@pytest.mark.parametrize("browser_page", [DESKTOP], indirect=True)
def test_a_seed_that_holds_a_name_is_the_first_result(browser_page, real_site_url):
    page = browser_page.page
    first = {}
    for name in NAMES:
        holders = {slug for slug, text in SEEDS.items() if name.lower() in text.lower()}
        assert holders, f"{name} is in no seed"
        results = _search(page, real_site_url, name)
        first[name] = _seed_of(results[0]["href"])
        assert first[name] in holders, (name, [r["href"] for r in results[:3]])
        if name not in ("withdraw", "detainees"):
            assert any("/entities/" in r["href"] for r in results[1:]), (name, "the entity pages are found too, after the seed")
    # a name with its own entity page, the case the defaults got wrong
    results = _search(page, real_site_url, "Ghuwayran")
    titles = [r["title"] for r in results]
    assert "Ghuwayran prison" in titles and titles.index("Ghuwayran prison") > 0, titles


# What no excerpt holds: a table's header run together, the copy and permalink controls, the
# citation box. A source's excerpts hold its words only: no byline, no paragraph signs or numbers.
CONTROLS = re.compile(r"FieldValue|NameDescription|Copy (?:link|quote|text)|Permanent link|Cite this|Cite as")
NOT_SOURCE = re.compile(r"¶|\bp\d+\b|·|Curator")


@pytest.mark.parametrize("browser_page", [DESKTOP], indirect=True)
@pytest.mark.parametrize("term", ["Ghuwayran", "Brennan", "Hasakah", "Caggins", "withdraw", "Baghuz"])
def test_excerpts_are_the_words_of_the_page_with_the_hit_marked(browser_page, real_site_url, term):
    page = browser_page.page
    results = _search(page, real_site_url, term)
    seed = next(r for r in results if "/seeds/" in r["href"])
    assert seed["facts"].startswith("Seeds · ") and re.search(r"interview|news article", seed["facts"]), seed["facts"]
    assert seed["subs"] and all(re.search(r"\?highlight=[^#]+#(p|q)\d+$", h) for h in seed["subs"]), seed["subs"]
    for result in results:
        assert result["excerpts"], result["title"]
        for excerpt in result["excerpts"]:
            assert excerpt["text"].strip(" …"), (result["title"], "an empty excerpt")
            assert not CONTROLS.search(excerpt["text"]), (result["title"], excerpt["text"])
    for excerpt in seed["excerpts"]:
        assert any(term.lower() in m.lower() for m in excerpt["marks"]), excerpt
        assert not NOT_SOURCE.search(excerpt["text"]), excerpt["text"]


@pytest.mark.parametrize(("browser_page", "device"), [(DESKTOP, "desktop"), (PHONE, "phone")], indirect=["browser_page"])
def test_the_filters_fold_on_a_phone_and_open_from_the_keyboard(browser_page, real_site_url, device):
    page = browser_page.page
    _search(page, real_site_url, "Coalition")
    filters = page.locator("details.sw-search__filters")
    section = page.locator("select[name=section]")
    if device == "desktop":
        assert filters.evaluate("d => d.open")
        expect(section).to_be_visible()
    else:
        assert not filters.evaluate("d => d.open")
        expect(section).to_be_hidden()
        first = page.locator(".sw-results > li").first.bounding_box()
        assert first["y"] < 844, "the first result is on the first screen"
        _shot(page, "search-phone-folded")
        page.locator("details.sw-search__filters > summary").focus()
        page.keyboard.press("Enter")
        expect(section).to_be_visible()
    section.focus()
    section.select_option("Seeds")
    expect(page.locator(".sw-search__count")).to_contain_text("(narrowed from")
    expect(page.locator("details.sw-search__filters > summary")).to_have_text("Filters (1 chosen)")
    assert all("/seeds/" in h for h in page.evaluate("() => [...document.querySelectorAll('.sw-result__title')].map(a => a.href)"))


# A seed whose text holds what looks like markup and entities: Pagefind escapes "<" and ">" in its
# excerpts but not "&", so a results page that decodes them shows "&lt;b&gt;" as "<b>" and "&amp;" as "&".
ESCAPES = ("Fish &amp; chips &lt;b&gt; here\n\n"
           "The fishmonger said: and &lt;b&gt;bold&amp; {{ config }} <i>plain</i> 5 < 6 & 7 > 3.\n\n"
           "Third &amp; end.\n")


@pytest.fixture(scope="module")
def escapes_url(tmp_path_factory):
    site = build_site(tmp_path_factory.mktemp("escapes") / "project", {"escapes.txt": ESCAPES.encode()})
    with serve_directory(site.site_dir) as url:
        yield url


@pytest.mark.parametrize("browser_page", [DESKTOP], indirect=True)
def test_titles_and_excerpts_quote_the_seed_exactly(browser_page, escapes_url):
    page = browser_page.page
    results = _search(page, escapes_url, "fishmonger")
    seed = next(r for r in results if "/seeds/" in r["href"])
    assert seed["title"] == "Fish &amp; chips &lt;b&gt; here"
    assert seed["excerpts"] and seed["excerpts"][0]["text"].strip(" …") == (
        "The fishmonger said: and &lt;b&gt;bold&amp; {{ config }} <i>plain</i> 5 < 6 & 7 > 3.")
    assert seed["excerpts"][0]["marks"] == ["fishmonger"]
    assert page.locator(".sw-result__excerpt *:not(mark)").count() == 0  # text and <mark>s only, never markup
    third = _search(page, escapes_url, "Third")
    assert "Third &amp; end." in [e["text"].strip(" …") for r in third for e in r["excerpts"]], third
