"""Reading first, in a real browser: the text on the first screen, a byline, quotations marked where
they stand, interviews as conversations, previews, search that lands on the paragraph, a working
404 page, dates that read as dates, no sideways scrolling on a phone. Screenshots go to
test-results/ (desktop 1366×900 and phone 390×844, light and dark)."""

from __future__ import annotations

import functools
import threading
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer

import pytest
from playwright.sync_api import expect

from .test_browser_site import RESULTS

SEED_000 = "seeds/000_dfaa4f2b2677d4d0/"
SEED_001 = "seeds/001_daa0dd757af5786e/"
DESKTOP = {"viewport": {"width": 1366, "height": 900}}
PHONE = {"viewport": {"width": 390, "height": 844}, "is_mobile": True, "has_touch": True}
FIRST_TEXT = """() => {
    const first = [...document.querySelectorAll('article .sw-text .sw-p, article .sw-text h3.sw-q')]
        .find(el => el.checkVisibility() && !el.matches('.sw-title-repeat, .sw-timestamp'));
    return {id: first.id, top: first.getBoundingClientRect().top + scrollY};
}"""


def _shot(page, name: str, full_page: bool = False) -> None:
    RESULTS.mkdir(exist_ok=True)
    page.screenshot(path=str(RESULTS / f"{name}.png"), full_page=full_page)


@pytest.mark.parametrize("scheme", ["light", "dark"])
@pytest.mark.parametrize(("browser_page", "device", "limit"), [(DESKTOP, "desktop", 600), (PHONE, "phone", 844)], indirect=["browser_page"])
@pytest.mark.parametrize("page_path", [SEED_000, SEED_001])
def test_the_text_starts_on_the_first_screen_under_a_one_line_byline(browser_page, real_site_url, page_path, device, limit, scheme):
    page = browser_page.page
    page.emulate_media(color_scheme=scheme)
    page.goto(real_site_url + page_path)
    first = page.evaluate(FIRST_TEXT)
    assert first["top"] < limit, first
    byline = page.locator("article p.sw-meta")
    expect(byline).to_be_visible()
    assert byline.locator("a[href$='catalogue/index.html']").count() == 1
    assert page.locator("article .sw-card table").is_visible() is False  # provenance is folded away after the text
    about = page.locator("article details.sw-about")
    assert about.evaluate("d => !d.open") and page.locator("article h2#about").is_visible()
    assert page.evaluate("document.documentElement.scrollWidth") <= page.viewport_size["width"]
    _shot(page, f"reading-{device}-{scheme}-{page_path.split('/')[1][:3]}")


def test_the_byline_names_outlet_date_kind_and_speaker(browser_page, real_site_url):
    page = browser_page.page
    page.goto(real_site_url + SEED_001)
    text = page.locator("article p.sw-meta").inner_text()
    assert text.startswith("Shafaq News · 23 January 2022 · news article · Maj. Gen. John W. Brennan, Jr.")
    page.goto(real_site_url + SEED_000)
    assert page.locator("article p.sw-meta").inner_text().startswith("Deir Ezzor 24 · undated · interview · Col. Myles Caggins")
    assert page.locator("article .sw-note summary").inner_text().startswith("Curator's note (curation")


def test_quotations_are_marked_where_they_stand_with_their_speaker(browser_page, real_site_url):
    page = browser_page.page
    page.set_viewport_size(DESKTOP["viewport"])
    page.goto(real_site_url + SEED_001)
    assert page.locator("article h2", has_text="Quotations").count() == 0
    quote = page.locator("#p9 .sw-quote").first
    assert quote.get_attribute("data-speaker") == "John W. Brennan"  # the name, without rank and suffix
    quote.hover()
    preview = page.locator("#sw-preview")
    expect(preview).to_be_visible()
    assert "Brennan" in preview.inner_text()
    marker = page.locator("#p9 a.sw-quote-by").first
    page.keyboard.press("Escape")
    marker.focus()
    page.keyboard.press("Shift+Tab")
    page.keyboard.press("Tab")  # keyboard focus shows the preview too
    expect(preview).to_be_visible()
    marker.click()
    page.wait_for_url("**/quotes/**#by-john-w-brennan-jr")
    expect(page.locator("h2#by-john-w-brennan-jr")).to_be_visible()


def test_an_interview_reads_as_a_conversation_with_the_number_shown_once(browser_page, real_site_url):
    page = browser_page.page
    page.set_viewport_size(DESKTOP["viewport"])
    page.goto(real_site_url + SEED_000)
    question = page.locator("#q8 > h3.sw-q")
    label = question.evaluate("h => getComputedStyle(h, '::before').content")
    assert label == '"Deir Ezzor 24"'
    answer = page.locator("#p18")
    assert answer.evaluate("p => getComputedStyle(p, '::before').content") == '"Col. Myles Caggins"'
    assert question.inner_text().startswith("There are great fears")  # the source's "8- " is not shown twice
    assert page.locator("#q8 .sw-srcnum").text_content() == "8- "  # but it is still in the page
    unit, answer_box = page.locator("#q8").bounding_box(), answer.bounding_box()
    assert unit["y"] <= question.bounding_box()["y"] and answer_box["y"] + answer_box["height"] <= unit["y"] + unit["height"] + 1
    assert page.locator("#q8").evaluate("u => getComputedStyle(u).borderLeftStyle") == "solid"  # one thread
    assert page.locator("article h2#questions").count() == 0  # the contents sidebar lists the questions


@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_a_linked_paragraph_is_visibly_highlighted_in_both_palettes(browser_page, real_site_url, scheme):
    page = browser_page.page
    page.set_viewport_size(DESKTOP["viewport"])
    page.emulate_media(color_scheme=scheme)
    page.goto(real_site_url + SEED_000 + "#p18")
    bar = page.locator("#p18").evaluate("p => getComputedStyle(p).boxShadow")
    background = page.locator("#p18").evaluate("p => getComputedStyle(p).backgroundColor")
    assert background not in ("rgba(0, 0, 0, 0)", "transparent") and "rgb" in bar
    _shot(page, f"target-{scheme}")


def test_entity_links_preview_their_entity_and_paragraph_links_their_paragraph(browser_page, real_site_url):
    page = browser_page.page
    page.set_viewport_size(DESKTOP["viewport"])
    page.goto(real_site_url + SEED_001)
    link = page.locator("#p5 a[href*='entities/ghuwayran-prison/']")
    link.hover()
    preview = page.locator("#sw-preview")
    expect(preview).to_be_visible()
    assert "Ghuwayran prison (facility)" in preview.inner_text() and "mention" in preview.inner_text()
    assert link.get_attribute("aria-describedby") == "sw-preview"
    page.keyboard.press("Escape")
    expect(preview).to_be_hidden()
    page.goto(real_site_url + "entities/global-coalition/")
    expect(page.locator("article nav.sw-crumbs")).to_contain_text("Entities")
    paragraph = page.locator("article li a[href*='#p18']").first
    paragraph.hover()
    expect(preview).to_contain_text("Q8, ¶18")
    expect(preview).to_contain_text("no plan to withdraw")
    _shot(page, "preview-paragraph")


@pytest.mark.parametrize("browser_page", [PHONE], indirect=True)
def test_a_tap_on_a_touch_screen_follows_the_link_without_a_preview(browser_page, real_site_url):
    page = browser_page.page
    page.goto(real_site_url + SEED_001)
    page.locator("#p5 a[href*='entities/ghuwayran-prison/']").tap()
    page.wait_for_url("**/entities/ghuwayran-prison/**")
    assert page.locator("#sw-preview:visible").count() == 0


def test_entity_pages_have_a_breadcrumb_their_quotations_and_name_outlets(browser_page, real_site_url):
    page = browser_page.page
    page.goto(real_site_url + "entities/myles-caggins/")
    expect(page.locator("article nav.sw-crumbs")).to_contain_text("Entities › Person")
    page.get_by_role("link", name="every quotation of Myles Caggins").click()
    page.wait_for_url("**/quotes/index.html#by-myles-caggins")
    page.goto(real_site_url + "entities/deir-ezzor-24/")
    assert "seed 000" not in page.locator("article").inner_text()
    expect(page.locator("article table")).to_contain_text("Interview with Col. Myles Caggins")


def _search(page, base: str, term: str):
    page.goto(base + "search/?q=" + term)
    expect(page.locator(".sw-results > li").first).to_be_visible(timeout=15_000)
    return page.evaluate("""() => [...document.querySelectorAll('.sw-results > li')].map(li => ({
        title: li.querySelector('.sw-result__title').textContent,
        subs: [...li.querySelectorAll('.sw-result__where')].map(a => [a.textContent, a.getAttribute('href')]),
    }))""")


def test_search_ranks_the_seed_first_and_links_to_the_answer(browser_page, real_site_url):
    page = browser_page.page
    page.set_viewport_size(DESKTOP["viewport"])
    results = _search(page, real_site_url, "withdraw")
    assert results[0]["title"] == "Interview with Col. Myles Caggins (Deir Ezzor 24)"
    hrefs = [href for _, href in results[0]["subs"]]
    assert any(h.endswith("?highlight=withdraw#p18") for h in hrefs), hrefs
    assert ("Q8, ¶18" in [label for label, _ in results[0]["subs"]])
    count = page.locator(".sw-search__count").inner_text()
    assert count.startswith(f"{len(results)} pages hold “withdraw”"), count
    assert len(results) == page.locator(".sw-results > li:visible").count()
    _shot(page, "search-withdraw", full_page=True)
    page.locator(".sw-result__where", has_text="Q8, ¶18").click()
    page.wait_for_url("**#p18")
    expect(page.locator("#p18 mark.pagefind-highlight")).to_have_text("withdraw")
    _shot(page, "search-landing-highlight")


def test_search_links_an_article_result_to_its_paragraphs_and_filters_narrow_it(browser_page, real_site_url):
    page = browser_page.page
    page.set_viewport_size(DESKTOP["viewport"])
    results = _search(page, real_site_url, "Brennan")
    seed = next(r for r in results if r["title"].startswith("ISIS escape attempt"))
    anchors = {href.split("#")[1] for _, href in seed["subs"]}
    assert {"p9", "p10"} <= anchors, seed
    assert "text" not in anchors, seed  # each paragraph, not a section heading (the curated summary is under #about)
    options = page.locator(".sw-search__filter select[name=section] option").all_inner_texts()
    assert any(o.startswith("Seeds") for o in options) and any(o.startswith("Entities") for o in options)
    page.locator("select[name=section]").select_option("Seeds")
    expect(page.locator(".sw-search__count")).to_contain_text("(narrowed from")
    titles = page.locator(".sw-result__title").all_inner_texts()
    assert titles and all(t in ("ISIS escape attempt does not pose a threat to Iraq, Coaltion says", "Interview with Col. Myles Caggins (Deir Ezzor 24)") for t in titles)
    for name in ("outlet", "kind", "language", "year", "tag", "entity"):
        assert page.locator(f"select[name={name}] option").count() >= 2, name
    page.locator("select[name=outlet]").select_option("Shafaq News")
    assert page.locator(".sw-results > li").count() == 1


def test_a_seed_page_declares_the_language_and_direction_of_its_text(real_site):
    from bs4 import BeautifulSoup

    soup = BeautifulSoup(real_site.html(SEED_001.rstrip("/")), "html.parser")
    text = soup.select_one("article .sw-text")
    assert text["lang"] == "en" and text["dir"] == "ltr"


class _NotFoundHandler(SimpleHTTPRequestHandler):
    """Serves the site's 404.html for a missing page, as GitHub Pages does."""

    def log_message(self, *args):
        pass

    def send_error(self, code, message=None, explain=None):
        if code != 404:
            return super().send_error(code, message, explain)
        body = (self.directory_path / "404.html").read_bytes()
        self.send_response(404)
        self.send_header("Content-Type", "text/html; charset=utf-8")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)


@pytest.mark.parametrize("browser_page", [DESKTOP, PHONE], indirect=True, ids=["desktop", "phone"])
def test_the_404_page_offers_search_and_the_catalogue(browser_page, real_site, request):
    from pathlib import Path

    handler = type("Handler", (_NotFoundHandler,), {"directory_path": Path(real_site.site_dir)})
    server = ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(handler, directory=str(real_site.site_dir)))
    threading.Thread(target=server.serve_forever, daemon=True).start()
    try:
        base = f"http://127.0.0.1:{server.server_port}/"
        page = browser_page.page
        page.on("console", lambda m: None)
        page.goto(base + "seeds/no-such-seed/deeper/")
        browser_page.errors[:] = [e for e in browser_page.errors if "404" not in e]  # the page itself answers 404
        expect(page.locator("article h1")).to_have_text("Page not found")
        _shot(page, f"404-{request.node.callspec.id}")
        page.get_by_role("link", name="The catalogue").click()
        page.wait_for_url(base + "catalogue/")
        page.goto(base + "no-such-page/")
        browser_page.errors[:] = [e for e in browser_page.errors if "404" not in e]
        box = page.locator("article form.sw-404-search input[name=q]")
        box.fill("withdraw")
        box.press("Enter")
        page.wait_for_url("**/search/?q=withdraw")
        expect(page.locator(".sw-results > li").first).to_be_visible(timeout=15_000)
    finally:
        server.shutdown()
        server.server_close()


def test_dates_read_as_dates_in_the_catalogue_and_breadcrumb(browser_page, real_site_url):
    page = browser_page.page
    page.set_viewport_size(DESKTOP["viewport"])
    page.goto(real_site_url + "catalogue/")
    expect(page.locator("article table")).to_contain_text("23 January 2022")
    assert "01 January" not in page.locator("body").inner_text()
    table = page.locator("article table").bounding_box()
    content = page.locator("article").bounding_box()
    assert table["x"] + table["width"] <= content["x"] + content["width"] + 1  # not cut off
    _shot(page, "catalogue-desktop")
    page.goto(real_site_url + SEED_001)
    assert "2022 › January 2022" in " › ".join(page.locator("nav.md-path a, nav.md-path .md-path__link").all_inner_texts()) or \
        "January 2022" in page.locator("nav.md-path").inner_text()


PAGES = ["", "catalogue/", "entities/", "entities/global-coalition/", "quotes/", "timeline/", "search/?q=Coalition", "how-to-cite/", SEED_000, SEED_001]


@pytest.mark.parametrize("browser_page", [PHONE], indirect=True)
def test_no_page_scrolls_sideways_on_a_phone(browser_page, real_site_url):
    page = browser_page.page
    wide = {}
    for path in PAGES:
        page.goto(real_site_url + path)
        page.wait_for_timeout(300)
        width = page.evaluate("document.documentElement.scrollWidth")
        if width > 390:
            wide[path] = width
    assert wide == {}
