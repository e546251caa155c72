"""Keyboard and assistive technology in a real browser: axe-core finds no violation on any page
type, in both palettes, on desktop and phone; every control shows its focus; "Skip to content"
leads to the first line of the text; headings go in order; Arabic is marked wherever it appears."""

from __future__ import annotations

import itertools
import json

import pytest

from .test_browser_reading import DESKTOP, PHONE, SEED_000, SEED_001, _shot
from .test_browser_site import RESULTS

PAGE_TYPES = {
    "home": "", "catalogue": "catalogue/", "interview": SEED_000, "article": SEED_001, "entity": "entities/ghuwayran-prison/",
    "entities": "entities/", "quotes": "quotes/", "timeline": "timeline/", "search": "search/?q=Coalition", "how-to-cite": "how-to-cite/",
    "404": "404.html", "tags": "tags/",
}


@pytest.mark.parametrize("scheme", ["light", "dark"])
@pytest.mark.parametrize(("browser_page", "device"), [(DESKTOP, "desktop"), (PHONE, "phone")], indirect=["browser_page"])
def test_axe_finds_no_violations_on_any_page_type(browser_page, real_site_url, axe_source, device, scheme):
    page = browser_page.page
    page.emulate_media(color_scheme=scheme)
    found = {}
    for name, path in PAGE_TYPES.items():
        page.goto(real_site_url + path)
        page.wait_for_load_state("networkidle")
        page.add_script_tag(content=axe_source)
        result = page.evaluate("axe.run(document, {resultTypes: ['violations']})")
        if result["violations"]:
            found[name] = [{"id": v["id"], "impact": v["impact"], "nodes": [n["target"] for n in v["nodes"]][:3]} for v in result["violations"]]
    RESULTS.mkdir(exist_ok=True)
    (RESULTS / f"axe-all-{device}-{scheme}.json").write_text(json.dumps(found, indent=1))
    assert found == {}, json.dumps(found, indent=1)


# The element that shows a focused control's focus: the control, or for Material's visually hidden
# palette radio button the icon (label) after it. Whether it has an outline or a focus shadow.
FOCUS = """() => {
    const el = document.activeElement;
    const shown = el.matches('input.md-option') ? el.nextElementSibling : el;
    const s = getComputedStyle(shown);
    const ring = (s.outlineStyle !== 'none' && parseFloat(s.outlineWidth) >= 1) || s.boxShadow !== 'none';
    return {tag: el.tagName, cls: el.className, label: el.getAttribute('aria-label') || el.textContent.trim().slice(0, 30), ring,
            visible: shown.checkVisibility() && shown.getBoundingClientRect().width > 0};
}"""


@pytest.mark.parametrize("browser_page", [DESKTOP], indirect=True)
@pytest.mark.parametrize("page_path", [SEED_000, SEED_001])
def test_every_control_shows_its_focus(browser_page, real_site_url, page_path):
    page = browser_page.page
    page.goto(real_site_url + page_path)
    page.wait_for_function("document.querySelectorAll('.sw-copy').length > 5 && document.querySelector('.sw-header-search')")
    stops = []
    for _ in range(60):
        page.keyboard.press("Tab")
        stops.append(page.evaluate(FOCUS))
    unseen = [s for s in stops if s["visible"] and not s["ring"]]
    assert unseen == [], unseen
    assert any("md-option" in s["cls"].split() for s in stops), "the palette toggle is reached"
    assert any(s["label"] == "Search the wiki" for s in stops), "the header search is reached"
    assert any(s["label"].startswith("Copy link to ¶") for s in stops), "a copy button is reached"
    _shot(page, f"focus-{page_path.split('/')[1][:3]}")


@pytest.mark.parametrize("browser_page", [DESKTOP, PHONE], indirect=True)
@pytest.mark.parametrize(("page_path", "first"), [(SEED_000, "p2"), (SEED_001, "p2")])
def test_skip_to_content_leads_to_the_first_line_of_the_text(browser_page, real_site_url, page_path, first):
    page = browser_page.page
    page.goto(real_site_url + page_path)
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.classList.contains('md-skip')")
    page.keyboard.press("Enter")
    page.wait_for_url("**#text")
    page.keyboard.press("Tab")
    # the first stop after it is in the text: the first block's number, or the folded page furniture before it
    focused = page.evaluate("""() => { const el = document.activeElement;
        return [el.closest('.sw-text') !== null, el.closest('.sw-p, h3.sw-q')?.id || el.closest('details')?.className]; }""")
    assert focused in ([True, first], [True, "sw-furniture"]), focused
    if focused[1] == "sw-furniture":
        page.keyboard.press("Tab")
        assert page.evaluate("document.activeElement.closest('.sw-p, h3.sw-q')?.id") == first


@pytest.mark.parametrize("page_path", [SEED_000, SEED_001, "entities/", "quotes/", "how-to-cite/"])
def test_headings_go_in_order(browser_page, real_site_url, page_path):
    page = browser_page.page
    page.goto(real_site_url + page_path)
    levels = page.evaluate("[...document.querySelectorAll('article h1, article h2, article h3, article h4, article h5, article h6')].map(h => +h.tagName[1])")
    assert levels[0] == 1
    skips = [(a, b) for a, b in itertools.pairwise(levels) if b > a + 1]
    assert skips == []


def test_every_run_of_arabic_says_its_language_and_direction(browser_page, real_site, real_site_url):
    page = browser_page.page
    pages = sorted(p.relative_to(real_site.site_dir).as_posix() for p in real_site.site_dir.rglob("*.html") if "pagefind" not in p.parts)
    unmarked = {}
    for path in pages:
        page.goto(real_site_url + path)
        bad = page.evaluate("""() => {
            const out = [];
            const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
            for (let n = walker.nextNode(); n; n = walker.nextNode()) {
                if (!/[\\u0600-\\u06FF]/.test(n.data)) continue;
                const el = n.parentElement;
                if (el.closest('script, style, [hidden]')) continue;
                if (el.closest('[lang]')?.lang !== 'ar' || el.closest('[dir]')?.dir !== 'rtl') out.push(n.data.trim().slice(0, 60));
            }
            return out;
        }""")
        if bad:
            unmarked[path] = bad
    assert len(pages) > 30
    assert unmarked == {}, unmarked
