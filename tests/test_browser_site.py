"""The real site in a real browser, served on 127.0.0.1 and opened offline from disk (file://).

Every test here also fails on a console error or a request to another origin (see `browser_page`).
Screenshots go to test-results/ for a person to look at.
"""

from __future__ import annotations

import json

import pytest
from playwright.sync_api import expect

from .conftest import ROOT, SEEDS

RESULTS = ROOT / "test-results"
SLUGS = [p.stem for p in SEEDS]
TITLES = {
    "000_dfaa4f2b2677d4d0": "Interview with Col. Myles Caggins (Deir Ezzor 24)",
    "001_daa0dd757af5786e": "ISIS escape attempt does not pose a threat to Iraq, Coaltion says",
}


class Site:
    """Addresses in the served site (directory URLs) or the offline one (file:// and .html)."""

    def __init__(self, base: str, offline: bool) -> None:
        self.base, self.offline = base, offline

    def url(self, page: str) -> str:
        if not self.offline:
            return self.base + page
        return self.base + (page + "index.html" if page == "" or page.endswith("/") else page)


@pytest.fixture(params=["served", "offline"])
def site(request, real_site_url, real_offline_site) -> Site:
    if request.param == "served":
        return Site(real_site_url, offline=False)
    return Site(real_offline_site.as_uri() + "/", offline=True)


def _shot(page, name: str) -> None:
    RESULTS.mkdir(exist_ok=True)
    page.screenshot(path=str(RESULTS / f"{name}.png"), full_page=True)


def test_home_catalogue_and_every_seed_page_are_reachable_through_the_site(browser_page, site):
    page = browser_page.page
    page.goto(site.url(""))
    expect(page.locator("article h1")).to_contain_text("seedwiki")
    page.locator("nav.md-nav--primary").get_by_role("link", name="Catalogue", exact=True).first.click()
    expect(page.locator("article h1")).to_contain_text("Catalogue")
    for slug, title in TITLES.items():
        page.locator("article table").get_by_role("link", name=title).click()
        expect(page.locator("article h1.sw-title")).to_contain_text(title)
        assert slug in page.url
        breadcrumbs = page.locator("nav.md-path").inner_text()
        assert "Catalogue" in breadcrumbs, breadcrumbs
        expect(page.locator("nav.md-nav--primary a.md-nav__link--active")).to_contain_text(title[:20])
        page.go_back()


@pytest.mark.parametrize(
    ("term", "slug", "section"),
    [
        ("Ghuwayran", "001_daa0dd757af5786e", ""),  # only in seed 001 (and pages quoting it)
        ("العربية", "000_dfaa4f2b2677d4d0", ("#p1", "/index.html")),  # Arabic, only in seed 000 (¶1; offline: the page)
        ("withdraw", "000_dfaa4f2b2677d4d0", ("#q8", "#p17", "#p18")),  # in question 8 (its heading is #p17) and its answer
        # English is stemmed: the seed says "withdraw" (offline: plugin/search-worker.js stems the query)
        ("withdrawal", "000_dfaa4f2b2677d4d0", ("#q8", "#p17", "#p18")),
    ],
)
def test_search_finds_a_term_and_links_to_its_section(browser_page, site, term, slug, section):
    page = browser_page.page
    page.goto(site.url(""))
    if site.offline:  # Material's search, which works from file://
        page.locator("label.md-search__icon, .md-search__input").first.click()
        query = page.locator("input.md-search__input")
        query.fill(term)
        query.press("End")  # the search reacts to key events
        results = page.locator(".md-search-result__list a.md-search-result__link")
    else:  # Pagefind: the header's search form leads to the search page
        query = page.get_by_role("searchbox", name="Search the wiki")
        query.fill(term)
        query.press("Enter")
        page.wait_for_url("**/search/?q=**")
        results = page.locator("#sw-search .sw-results a")
    expect(results.first).to_be_visible(timeout=15_000)
    hrefs = [h.split("?")[0] + ("#" + h.split("#")[1] if "#" in h else "") for h in results.evaluate_all("links => links.map(a => a.href)")]
    assert any(f"/{slug}/" in h and h.endswith(section) for h in hrefs), hrefs  # str.endswith takes one ending or a tuple
    assert not any(s in h for h in hrefs for s in SLUGS if s != slug), hrefs
    _shot(page, f"search-{'offline' if site.offline else 'served'}-{slug[:3]}-{term.isascii()}")


def test_light_and_dark_palettes(browser_page, site):
    page = browser_page.page
    page.goto(site.url(f"seeds/{SLUGS[0]}/"))
    assert page.locator("body").get_attribute("data-md-color-scheme") == "default"
    _shot(page, f"seed-page-light-{'offline' if site.offline else 'served'}")
    page.locator("form[data-md-component=palette] label:visible").first.click()
    expect(page.locator("body")).to_have_attribute("data-md-color-scheme", "slate")
    _shot(page, f"seed-page-dark-{'offline' if site.offline else 'served'}")


PAGES = {"", "catalogue/", "entities/", "quotes/", "timeline/", "tags/", "search/", "how-to-cite/", "sample-review/", "adding-a-seed/", *(f"seeds/{slug}/" for slug in SLUGS)}


@pytest.mark.parametrize("browser_page", [{"viewport": {"width": 390, "height": 844}, "is_mobile": True, "has_touch": True}], indirect=True)
def test_a_phone_reaches_every_page_through_the_menu(browser_page, real_site_url):
    """From the home page, tap through the menu (hamburger, then any visible link) until no new page appears."""
    page = browser_page.page
    reached, queue = {""}, [""]
    while queue:
        current = queue.pop(0)
        page.goto(real_site_url + current)
        page.locator("label.md-header__button[for=__drawer]").click()
        links = page.locator("nav.md-nav--primary a.md-nav__link:visible")
        hrefs = [h.split("#")[0] for h in links.evaluate_all("links => links.map(a => a.href)")]
        for index, href in enumerate(hrefs):
            path = href[len(real_site_url):]
            if path in reached or not href.startswith(real_site_url):
                continue
            if index:  # each tap starts from the page with its menu open
                page.goto(real_site_url + current)
                page.locator("label.md-header__button[for=__drawer]").click()
            page.locator("nav.md-nav--primary a.md-nav__link:visible").nth(index).click()
            page.wait_for_url(href + "**")
            reached.add(path)
            queue.append(path)
            if path == f"seeds/{SLUGS[0]}/":
                _shot(page, "phone-seed-page")
    assert reached == PAGES


@pytest.mark.parametrize("page_path", ["", "catalogue/", f"seeds/{SLUGS[0]}/", f"seeds/{SLUGS[1]}/"])
def test_no_serious_or_critical_accessibility_violations(browser_page, real_site_url, axe_source, page_path):
    page = browser_page.page
    page.goto(real_site_url + page_path)
    page.add_script_tag(content=axe_source)
    result = page.evaluate("axe.run(document, {resultTypes: ['violations']})")
    serious = [
        {"id": v["id"], "impact": v["impact"], "help": v["help"], "nodes": [n["target"] for n in v["nodes"]][:5]}
        for v in result["violations"]
        if v["impact"] in ("serious", "critical")
    ]
    name = page_path.strip("/").replace("/", "-") or "home"
    _shot(page, f"axe-{name}")
    RESULTS.mkdir(exist_ok=True)
    (RESULTS / f"axe-{name}.json").write_text(json.dumps(result["violations"], indent=1))
    assert serious == [], json.dumps(serious, indent=1)
