"""The source first, on screen and on paper, measured in a real browser: where the text starts,
the reading measure, the title's weight and contrast, quiet marks (one underline style, no row of
controls after every block on a phone), and how many A4 pages a printout takes."""

from __future__ import annotations

import re

import pytest

from .test_browser_reading import DESKTOP, FIRST_TEXT, PHONE, SEED_000, SEED_001, _shot
from .test_browser_site import RESULTS

ARTICLE, INTERVIEW = SEED_001, SEED_000  # 001 is Shafaq News's article, 000 Deir Ezzor 24's interview

# Characters on each full line of the longest paragraphs: the text nodes' characters grouped by the
# line box they are drawn in (a Range per character), the last line of each paragraph left out.
LINE_LENGTHS = """() => {
    const blocks = [...document.querySelectorAll('article .sw-text .sw-p')]
        .sort((a, b) => b.textContent.length - a.textContent.length).slice(0, 4);
    const lengths = [];
    for (const block of blocks) {
        const walker = document.createTreeWalker(block, NodeFilter.SHOW_TEXT);
        const tops = new Map();
        const range = document.createRange();
        for (let node = walker.nextNode(); node; node = walker.nextNode()) {
            if (node.parentElement.closest('.sw-permalink, .sw-copy, .sw-quote-by')) continue;
            for (let i = 0; i < node.length; i++) {
                range.setStart(node, i); range.setEnd(node, i + 1);
                const rect = range.getClientRects()[0];
                if (!rect) continue;
                const top = Math.round(rect.top);
                tops.set(top, (tops.get(top) || 0) + 1);
            }
        }
        const lines = [...tops.entries()].sort((a, b) => a[0] - b[0]).map(e => e[1]);
        lengths.push(...lines.slice(0, -1));
    }
    return lengths;
}"""


# An element's weight, size and the contrast of its text on the page's background (WCAG 2 relative
# luminance), its colour's alpha composited onto the background.
CONTRAST = """el => {
    const s = getComputedStyle(el);
    const rgba = c => c.match(/[\\d.]+/g).map(Number);
    const [r, g, b, a = 1] = rgba(s.color);
    const bg = rgba(getComputedStyle(document.body).backgroundColor);
    const mix = [r, g, b].map((v, i) => v * a + bg[i] * (1 - a));
    const lum = c => { const [x, y, z] = c.map(v => { v /= 255; return v <= 0.03928 ? v / 12.92 : ((v + 0.055) / 1.055) ** 2.4; });
                       return 0.2126 * x + 0.7152 * y + 0.0722 * z; };
    const [hi, lo] = [lum(mix), lum(bg)].sort((p, q) => q - p);
    return {weight: +s.fontWeight, size: parseFloat(s.fontSize), contrast: (hi + 0.05) / (lo + 0.05)};
}"""


def _pages(pdf: bytes) -> int:
    """Pages in a PDF as chromium writes it: its page objects (`/Type /Page`, not `/Pages`)."""
    return len(re.findall(rb"/Type\s*/Page\b", pdf))


@pytest.mark.parametrize("scheme", ["light", "dark"])
@pytest.mark.parametrize(("browser_page", "device", "limit"), [(DESKTOP, "desktop", 300), (PHONE, "phone", 450)], indirect=["browser_page"])
@pytest.mark.parametrize("page_path", [ARTICLE, INTERVIEW])
def test_the_first_line_of_the_text_is_near_the_top(browser_page, real_site_url, page_path, device, limit, scheme):
    page = browser_page.page
    page.emulate_media(color_scheme=scheme)
    page.goto(real_site_url + page_path)
    first = page.evaluate(FIRST_TEXT)
    assert first["top"] < limit, first
    # nothing but the header lines a source repeats stands between the byline and the text
    between = page.evaluate("""() => {
        const meta = document.querySelector('article p.sw-meta');
        const text = document.querySelector('article .sw-text');
        const out = [];
        for (let el = meta.nextElementSibling; el && el !== text; el = el.nextElementSibling)
            if (el.checkVisibility() && !el.matches('.sw-visually-hidden')) out.push(el.className || el.tagName);
        return out;
    }""")
    assert between == [], between
    _shot(page, f"source-first-{device}-{scheme}-{page_path.split('/')[1][:3]}")


@pytest.mark.parametrize("browser_page", [DESKTOP], indirect=True)
@pytest.mark.parametrize("page_path", [ARTICLE, INTERVIEW])
def test_lines_are_60_to_75_characters_on_desktop(browser_page, real_site_url, page_path):
    page = browser_page.page
    page.goto(real_site_url + page_path)
    lengths = page.evaluate(LINE_LENGTHS)
    assert len(lengths) >= 8, lengths
    mean = sum(lengths) / len(lengths)
    assert 60 <= mean <= 75, (mean, lengths)
    assert max(lengths) <= 85, lengths


@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_the_title_reads_as_a_title(browser_page, real_site_url, scheme):
    page = browser_page.page
    page.emulate_media(color_scheme=scheme)
    page.goto(real_site_url + ARTICLE)
    style = page.locator("article h1.sw-title").evaluate(CONTRAST)
    assert style["weight"] >= 600, style
    assert style["size"] >= 20, style
    assert style["contrast"] >= 7, style  # Material's own h1: weight 300, 4.59:1


@pytest.mark.parametrize("page_path", [ARTICLE, INTERVIEW])
def test_text_never_carries_more_than_one_underline_style(browser_page, real_site_url, page_path):
    page = browser_page.page
    page.goto(real_site_url + page_path)
    found = page.evaluate("""() => {
        const out = [];
        for (const el of document.querySelectorAll('article .sw-text *')) {
            if (!el.checkVisibility()) continue;
            const kinds = new Set();
            for (let e = el; e && !e.classList.contains('sw-text'); e = e.parentElement) {
                const s = getComputedStyle(e);
                if (s.textDecorationLine.includes('underline')) kinds.add('text-decoration:' + s.textDecorationStyle);
                if (parseFloat(s.borderBottomWidth) > 0 && s.borderBottomStyle !== 'none' && e.tagName !== 'H3') kinds.add('border');
            }
            if (kinds.size > 1) out.push([el.className || el.tagName, [...kinds]]);
        }
        return out;
    }""")
    assert found == [], found[:5]
    marks = page.locator("article .sw-text a.sw-quote-by")
    assert marks.evaluate_all("all => all.filter(a => getComputedStyle(a).textDecorationLine !== 'none').length") == 0


@pytest.mark.parametrize("browser_page", [PHONE], indirect=True)
def test_a_phone_opens_a_blocks_controls_from_its_number_not_a_row_after_every_block(browser_page, real_site_url):
    page = browser_page.page
    page.goto(real_site_url + INTERVIEW)
    page.wait_for_function("document.querySelectorAll('article .sw-text .sw-copy').length > 0")
    shown = page.evaluate("[...document.querySelectorAll('article .sw-copy')].filter(c => c.checkVisibility()).length")
    assert shown == 0
    number = page.locator("article #p4 > a.sw-permalink")
    number.tap()
    page.wait_for_url("**#p4")
    buttons = page.locator("article #p4 > .sw-copy button")
    assert buttons.count() == 2 and all(buttons.nth(i).is_visible() for i in range(2))
    box = buttons.first.bounding_box()
    assert box["width"] >= 44 and box["height"] >= 44, box  # touch targets
    shown = page.evaluate("[...document.querySelectorAll('article .sw-copy')].filter(c => c.checkVisibility()).length")
    assert shown == 1


@pytest.mark.parametrize(("page_path", "most"), [(ARTICLE, 2), (INTERVIEW, 3)])
def test_a_printout_is_the_citation_and_the_text_on_few_a4_pages(browser_page, real_site_url, page_path, most):
    page = browser_page.page
    page.goto(real_site_url + page_path)
    page.wait_for_function("document.querySelector('.sw-print-cite .sw-cite-url').textContent.startsWith('http')")
    page.emulate_media(media="print")
    shown = page.evaluate("""() => {
        const visible = s => [...document.querySelectorAll(s)].filter(e => e.checkVisibility()).length;
        return {cite: visible('.sw-print-cite'), address: visible('.sw-print-address'), source: visible('.sw-source-text'),
                nav: visible('.md-sidebar, .md-header, .md-path, .md-footer'), tables: visible('article table'),
                copy: visible('.sw-copy'), numbers: visible('article .sw-text .sw-permalink'),
                first: document.querySelector('article').firstElementChild.className,
                citeTop: document.querySelector('.sw-print-cite').getBoundingClientRect().top,
                titleTop: document.querySelector('h1.sw-title').getBoundingClientRect().top};
    }""")
    assert shown["cite"] == 1 and shown["address"] == 1 and shown["citeTop"] < shown["titleTop"], shown
    assert shown["source"] == 0 and shown["nav"] == 0 and shown["tables"] == 0 and shown["copy"] == 0, shown
    assert shown["numbers"] >= 10, shown
    pdf = page.pdf(format="A4")
    RESULTS.mkdir(exist_ok=True)
    (RESULTS / f"print-{page_path.split('/')[1][:3]}.pdf").write_bytes(pdf)
    assert _pages(pdf) <= most
