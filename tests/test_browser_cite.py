"""Citing from the page, in a real browser: numbers in the margin (screen, phone and print), copy
buttons that move nothing, citations on the clipboard as `seedwiki cite` gives them, passage links
whose first match is the selected passage, reference-manager metadata and the address citations carry."""

from __future__ import annotations

import datetime
import os
import subprocess
import sys

import pytest
from bs4 import BeautifulSoup

from .conftest import ROOT, make_project, mkdocs_build, serve_directory
from .test_browser_site import RESULTS
from .test_cli import _seedwiki

SEED_000 = "seeds/000_dfaa4f2b2677d4d0/"
SEED_001 = "seeds/001_daa0dd757af5786e/"
PHONE = {"viewport": {"width": 390, "height": 844}, "is_mobile": True, "has_touch": True}
DESKTOP = {"viewport": {"width": 1366, "height": 900}}


def _shot(page, name: str, full_page: bool = False) -> None:
    RESULTS.mkdir(exist_ok=True)
    page.screenshot(path=str(RESULTS / f"{name}.png"), full_page=full_page)


def _cli_citation(root, slug: str, flag: str, number: int, fmt: str, base_url: str) -> str:
    today = datetime.date.today().isoformat()  # the page gives today's local date as the date accessed
    result = _seedwiki(root, "cite", slug, flag, str(number), "--format", fmt, "--accessed", today, "--base-url", base_url)
    assert result.returncode == 0, result.stderr
    return result.stdout.removesuffix("\n")


def _clipboard_types(page) -> dict[str, str]:
    return page.evaluate("""async () => {
        const out = {};
        for (const item of await navigator.clipboard.read())
            for (const type of item.types) out[type] = await (await item.getType(type)).text();
        return out;
    }""")


def _strip_meta(html: str) -> str:
    """Chromium puts a charset declaration before HTML it writes to the clipboard."""
    return html.removeprefix("<meta charset='utf-8'>").removeprefix('<meta charset="utf-8">')


@pytest.mark.parametrize(
    ("page_path", "block", "label", "flag", "number"),
    [
        (SEED_000, "#p18", "Q8, ¶18", "--p", 18),  # an answer: the interviewee speaks, the question is named
        (SEED_000, "#q8 > h3", "Q8", "--q", 8),  # the question and its answer
        (SEED_000, "#p6", "Q2, ¶6", "--p", 6),
        (SEED_001, "#p9", "¶9", "--p", 9),  # a news article with outlet and date
    ],
)
def test_copy_citation_puts_the_cli_citation_on_the_clipboard_as_text_and_html(browser_page, real_site, real_site_url, page_path, block, label, flag, number):
    page = browser_page.page
    page.goto(real_site_url + page_path)
    target = page.locator(block)
    target.hover()
    target.get_by_role("button", name=f"Copy citation of {label}", exact=True).click()
    page.wait_for_function("document.querySelector('.sw-status') && document.querySelector('.sw-status').textContent.startsWith('Copied')")
    slug = page_path.split("/")[1]
    copied = _clipboard_types(page)
    assert copied["text/plain"] == _cli_citation(real_site.root, slug, flag, number, "text", real_site_url)
    assert _strip_meta(copied["text/html"]) == _cli_citation(real_site.root, slug, flag, number, "html", real_site_url)


def test_copy_citation_falls_back_to_a_copy_event_with_both_types(browser_page, real_site, real_site_url):
    page = browser_page.page
    page.add_init_script("delete window.ClipboardItem; Object.defineProperty(navigator.clipboard, 'write', {value: undefined});")
    page.goto(real_site_url + SEED_001)
    page.locator("#p9").hover()
    page.get_by_role("button", name="Copy citation of ¶9", exact=True).click()
    page.wait_for_function("document.querySelector('.sw-status') && document.querySelector('.sw-status').textContent.startsWith('Copied')")
    copied = _clipboard_types(page)
    assert copied["text/plain"] == _cli_citation(real_site.root, "001_daa0dd757af5786e", "--p", 9, "text", real_site_url)
    assert _strip_meta(copied["text/html"]) == _cli_citation(real_site.root, "001_daa0dd757af5786e", "--p", 9, "html", real_site_url)


# --- passage links --------------------------------------------------------------------------------

SELECT_WORDS = """([block, words, occurrence]) => {
    // Select the `occurrence`-th (from 0) appearance of `words` in the text of `block`.
    const walker = document.createTreeWalker(document.querySelector(block), NodeFilter.SHOW_TEXT);
    let node, seen = 0;
    while ((node = walker.nextNode())) {
        let at = node.data.indexOf(words);
        while (at >= 0) {
            if (seen++ === occurrence) {
                const range = document.createRange();
                range.setStart(node, at);
                range.setEnd(node, at + words.length);
                getSelection().removeAllRanges();
                getSelection().addRange(range);
                return true;
            }
            at = node.data.indexOf(words, at + 1);
        }
    }
    return false;
}"""

# Where a text fragment landed: browsers scroll the first match to about the middle of the window.
# Of every visible appearance of the words on the page, the one nearest the middle: is it in the
# block, and is the block in view?
LANDING = """([block, words]) => {
    const middle = innerHeight / 2, wanted = words.toLowerCase();
    const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
    let node, best = null;
    while ((node = walker.nextNode())) {
        if (!node.parentElement.checkVisibility()) continue;
        const text = node.data.toLowerCase();
        for (let at = text.indexOf(wanted); at >= 0; at = text.indexOf(wanted, at + 1)) {
            const range = document.createRange();
            range.setStart(node, at);
            range.setEnd(node, at + wanted.length);
            const box = range.getBoundingClientRect();
            const hit = document.elementFromPoint((box.left + box.right) / 2, (box.top + box.bottom) / 2);
            if (!hit || !hit.contains(node)) continue;  // off screen or covered, as in a phone's folded menu
            const distance = Math.abs((box.top + box.bottom) / 2 - middle);
            if (!best || distance < best.distance) best = {distance, inBlock: !!node.parentElement.closest(block)};
        }
    }
    const box = document.querySelector(block).getBoundingClientRect();
    return {nearest: best, blockInView: box.bottom > 0 && box.top < innerHeight, middle};
}"""


def _lands_in(landing: dict) -> bool:
    return landing["nearest"]["inBlock"] and landing["nearest"]["distance"] < 100 and landing["blockInView"]


def _settle(page) -> None:
    """Wait until the page has stopped scrolling."""
    page.wait_for_timeout(300)
    page.wait_for_function("""() => new Promise(done => { const y = scrollY; setTimeout(() => done(scrollY === y), 250); })""")


@pytest.mark.parametrize(
    ("block", "words", "occurrence"),
    [
        ("#p20", "Daesh", 1),  # the second "Daesh" of ¶20; the word is in the summary, the outline and most answers above
        ("#p18", "Daesh", 0),  # the word is an entity link here
        ("#p10", "Syrian Democratic Forces", 0),  # also in ¶8
        ("#p4", "our Syrian partners", 1),  # the second time in ¶4
    ],
)
@pytest.mark.parametrize("browser_page", [DESKTOP, PHONE], indirect=True, ids=["desktop", "phone"])
def test_a_passage_link_lands_on_the_selected_words_in_their_paragraph(browser_page, real_site_url, block, words, occurrence):
    page = browser_page.page
    page.goto(real_site_url + SEED_000)
    assert page.evaluate(SELECT_WORDS, [block, words, occurrence])
    page.get_by_role("button", name="Copy a link to the selected passage").click()
    link = page.evaluate("navigator.clipboard.readText()")
    assert link.startswith(f"{real_site_url}{SEED_000}{block}:~:text=")
    fresh = page.context.new_page()
    fresh.goto(link)
    _settle(fresh)
    landing = fresh.evaluate(LANDING, [block, words])
    assert _lands_in(landing), (link, landing)
    fresh.close()


def test_the_naive_passage_link_lands_elsewhere(browser_page, real_site_url):
    """What the generated links avoid: the first "Daesh" on the page is far above ¶20 (so the test
    above can fail)."""
    page = browser_page.page
    page.set_viewport_size(DESKTOP["viewport"])
    page.goto(f"{real_site_url}{SEED_000}#p20:~:text=Daesh")
    _settle(page)
    assert not _lands_in(page.evaluate(LANDING, ["#p20", "Daesh"]))


# --- numbers and buttons --------------------------------------------------------------------------

LAYOUT = """() => {
    // in page coordinates, so that scrolling changes nothing
    const rect = el => { const b = el.getBoundingClientRect(); return {x: b.x + scrollX, y: b.y + scrollY, w: b.width, h: b.height, right: b.right + scrollX, bottom: b.bottom + scrollY}; };
    const blocks = [...document.querySelectorAll('article .sw-p[id], article h3.sw-q, article h1.sw-title[id]')]
        .filter(b => b.checkVisibility());  // page furniture is folded away
    return blocks.map(b => {
        const textRects = [];
        for (const node of b.childNodes) {
            if (node.nodeType !== 3 && !(node.nodeType === 1 && node.matches('a:not(.sw-permalink), .sw-quote'))) continue;  // a quotation is text
            const range = document.createRange();
            range.selectNodeContents(node);
            for (const r of range.getClientRects()) if (r.width > 0) textRects.push({x: r.x + scrollX, y: r.y + scrollY, right: r.right + scrollX, bottom: r.bottom + scrollY});
        }
        const numbers = [...b.querySelectorAll(':scope > .sw-permalink')];
        return {
            id: b.id,
            unit: b.matches('h3.sw-q') ? b.parentElement.id : null,
            box: rect(b),
            numbers: numbers.map(n => ({...rect(n), content: getComputedStyle(n, '::before').content, visible: getComputedStyle(n).visibility})),
            // laid out (hidden until hover or focus with a mouse; on a touch screen not laid out until a tap on the number opens them)
            buttons: [...b.querySelectorAll(':scope > .sw-copy button')].filter(x => x.getClientRects().length).map(rect),
            text: textRects,
        };
    });
}"""


def _overlap(a, b) -> bool:
    return a["x"] < b["right"] - 0.5 and b["x"] < a["right"] - 0.5 and a["y"] < b["bottom"] - 0.5 and b["y"] < a["bottom"] - 0.5


@pytest.mark.parametrize("browser_page", [DESKTOP, PHONE], indirect=True, ids=["desktop", "phone"])
@pytest.mark.parametrize("page_path", [SEED_000, SEED_001])
def test_every_block_shows_its_number_in_the_margin_and_buttons_overlap_nothing(browser_page, real_site_url, page_path, request):
    page = browser_page.page
    page.goto(real_site_url + page_path)
    blocks = page.evaluate(LAYOUT)
    assert len(blocks) >= 12
    device = request.node.callspec.id.split("-")[-1]
    target = 44 if device == "phone" else 24
    controls = []
    for block in blocks:
        number = block["id"][1:]
        expected = f'"Q{block["unit"][1:]}\\a ¶{number}"' if block["unit"] else f'"¶{number}"'
        assert [n["content"] for n in block["numbers"]] == [expected], block["id"]
        (num,) = block["numbers"]
        assert num["visible"] == "visible"
        assert num["right"] <= min(r["x"] for r in block["text"]) + 0.5, f"{block['id']}: the number is in the margin, left of the text"
        for r in [num, *block["buttons"]]:  # 44 px on a touch screen, WCAG 2.2's 24 px minimum with a mouse
            assert r["w"] >= target and r["h"] >= target, f"{block['id']}: a target of {r['w']}×{r['h']}"
        for button in block["buttons"]:
            assert not any(_overlap(button, t) for t in block["text"]), f"{block['id']}: a button covers text"
        controls += [num, *block["buttons"]]
    clashes = [(a, b) for i, a in enumerate(controls) for b in controls[i + 1:] if _overlap(a, b)]
    assert clashes == []
    _shot(page, f"numbers-{device}-{page_path.split('/')[1][:3]}")


def test_showing_the_copy_buttons_moves_nothing(browser_page, real_site_url):
    page = browser_page.page
    page.set_viewport_size(DESKTOP["viewport"])
    page.goto(real_site_url + SEED_000)
    before = page.evaluate(LAYOUT)
    button = page.locator("#p18 .sw-copy button[aria-label='Copy link to Q8, ¶18']")  # hidden: not in the accessibility tree
    assert button.evaluate("b => getComputedStyle(b).visibility") == "hidden"
    page.locator("#p18").hover()
    assert button.evaluate("b => getComputedStyle(b).visibility") == "visible"
    after = page.evaluate(LAYOUT)
    assert [(b["id"], b["box"], b["text"]) for b in after] == [(b["id"], b["box"], b["text"]) for b in before]


@pytest.mark.parametrize("page_path", [SEED_000, SEED_001])
def test_with_a_mouse_the_hidden_buttons_leave_no_gap(browser_page, real_site_url, page_path):
    """The buttons are lower than a line of text: a block is as tall with them as without, or one
    line taller where they wrap onto a line of their own (its last line is full)."""
    page = browser_page.page
    page.set_viewport_size(DESKTOP["viewport"])
    page.goto(real_site_url + page_path)
    page.wait_for_load_state("networkidle")
    page.wait_for_function("() => document.querySelectorAll('.sw-copy').length > 10")
    blocks = """() => [...document.querySelectorAll('.sw-p[id], h3.sw-q')].map(b =>
        [b.id, b.getBoundingClientRect().height, parseFloat(getComputedStyle(b).lineHeight)])"""
    shown = page.evaluate(blocks)
    page.add_style_tag(content=".sw-copy { display: none !important; }")
    hidden = page.evaluate(blocks)
    growth = [(a[0], a[1] - b[1], a[2]) for a, b in zip(shown, hidden, strict=True)]
    report = " ".join(f"{i}:{g:.1f}/{line:.1f}" for i, g, line in growth)
    assert all(abs(g) < 1.5 or abs(g - line) < 1 for _, g, line in growth), report
    assert sum(abs(g) < 1.5 for _, g, _ in growth) > len(growth) * 3 / 4, report  # most blocks: no growth at all


def test_a_printed_page_shows_the_numbers_and_its_permanent_address(browser_page, real_site_url):
    page = browser_page.page
    page.set_viewport_size(DESKTOP["viewport"])
    page.goto(real_site_url + SEED_000)
    page.emulate_media(media="print")
    address = page.locator(".sw-print-address")
    assert address.is_visible()
    assert address.inner_text() == f"Permanent address: {real_site_url}{SEED_000}"
    blocks = page.evaluate(LAYOUT)
    assert all(n["content"].startswith(('"¶', '"Q')) and n["visible"] == "visible" for b in blocks for n in b["numbers"])
    assert all(n["right"] <= min(r["x"] for r in b["text"]) + 0.5 for b in blocks for n in b["numbers"])
    assert page.locator(".sw-copy").first.evaluate("el => getComputedStyle(el).display") == "none"
    _shot(page, "print-seed-000", full_page=True)
    page.pdf(path=str(RESULTS / "print-seed-000.pdf"))


# --- metadata and addresses -----------------------------------------------------------------------


def _meta(page) -> dict[str, str]:
    return page.evaluate("Object.fromEntries([...document.querySelectorAll('meta[name]')].map(m => [m.name, m.content]))")


def test_a_seed_page_carries_the_metadata_zotero_reads(browser_page, real_site_url):
    page = browser_page.page
    page.goto(real_site_url + SEED_001)
    meta = _meta(page)
    title = "ISIS escape attempt does not pose a threat to Iraq, Coaltion says"
    assert {k: v for k, v in meta.items() if k.startswith(("citation_", "DC."))} == {
        "citation_title": title, "citation_publication_date": "2022/01/23", "citation_date": "2022/01/23", "citation_language": "en",
        "DC.type": "newspaperArticle", "DC.title": title, "DC.date": "2022-01-23", "DC.language": "en",
    }  # a local build: no address of its own
    assert "seedwiki:published-url" not in meta
    page.goto(real_site_url + SEED_000)  # no date: no date tags
    assert not any("date" in k for k in _meta(page) if k.startswith(("citation_", "DC.")))


@pytest.fixture(scope="module")
def published_site(tmp_path_factory):
    """A tiny site built for https://example.org/wiki/, served locally as a preview would be."""
    root = make_project(tmp_path_factory.mktemp("published") / "p", {"a.txt": b"Alpha\nOne <b>&amp; `x`.\nTwo.\n", "a.yml": b"outlet: The *Post*\ndate: 2021-03\n"})
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1", "SEEDWIKI_SITE_URL": "https://example.org/wiki/"}
    result = subprocess.run([sys.executable, "-m", "mkdocs", "build", "--strict"], cwd=root, env=env, capture_output=True, text=True)
    assert result.returncode == 0, result.stderr
    with serve_directory(root / "site") as url:
        yield root, url


def test_a_published_site_cites_its_published_address_wherever_it_is_read(browser_page, published_site):
    root, url = published_site
    page = browser_page.page
    page.goto(url + "seeds/a/")
    page.locator("#p2").hover()
    page.get_by_role("button", name="Copy link to ¶2").click()
    assert page.evaluate("navigator.clipboard.readText()") == "https://example.org/wiki/seeds/a/#p2"
    page.get_by_role("button", name="Copy citation of ¶2").click()
    page.wait_for_function("document.querySelector('.sw-status').textContent.startsWith('Copied the citation')")
    copied = _clipboard_types(page)
    assert copied["text/plain"] == _cli_citation(root, "a", "--p", 2, "text", "https://example.org/wiki/")
    assert _strip_meta(copied["text/html"]) == _cli_citation(root, "a", "--p", 2, "html", "https://example.org/wiki/")
    assert _meta(page)["citation_public_url"] == "https://example.org/wiki/seeds/a/"  # published: its address
    page.emulate_media(media="print")
    assert page.locator(".sw-print-address").inner_text() == "Permanent address: https://example.org/wiki/seeds/a/"


def test_the_offline_copy_cites_the_address_it_is_opened_at(browser_page, real_offline_site):
    page = browser_page.page
    address = (real_offline_site / "seeds" / "000_dfaa4f2b2677d4d0" / "index.html").as_uri()
    page.goto(address)
    page.locator("#p18").hover()
    page.get_by_role("button", name="Copy link to Q8, ¶18").click()
    assert page.evaluate("navigator.clipboard.readText()") == address + "#p18"


def test_publishing_with_the_local_default_address_fails_with_a_clear_message(tmp_path):
    root = make_project(tmp_path / "p", {"a.txt": b"Alpha\nOne.\n"})
    subprocess.run(["git", "init", "-q"], cwd=root, check=True)
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}
    env.pop("SEEDWIKI_SITE_URL", None)
    result = subprocess.run([sys.executable, "-m", "mkdocs", "gh-deploy", "--strict", "--no-history"], cwd=root, env=env, capture_output=True, text=True)
    assert result.returncode != 0
    assert "not publishing: site_url is http://127.0.0.1:8000/, a local address" in result.stderr
    assert "set SEEDWIKI_SITE_URL to the published address" in result.stderr
    branches = subprocess.run(["git", "branch", "--list", "gh-pages"], cwd=root, capture_output=True, text=True).stdout
    assert branches == ""  # nothing was committed for publishing
    assert mkdocs_build(root).returncode == 0  # a local build with the same address is fine


# --- the connected pages name places as citations do ----------------------------------------------


def test_quotes_and_entity_pages_name_an_answer_by_its_question(real_site):
    quotes = BeautifulSoup(real_site.html("quotes"), "html.parser")
    links = {a.get_text() for a in quotes.select("article li a[href*='000_dfaa4f2b2677d4d0']")}
    assert "Interview with Col. Myles Caggins (Deir Ezzor 24), Q8, ¶18" in links
    entity = BeautifulSoup(real_site.html("entities/global-coalition"), "html.parser")
    labels = {a.get_text() for a in entity.select("article li a[href*='#p18']")}
    assert labels == {"Q8, ¶18"}
    page = BeautifulSoup(real_site.html(SEED_000.rstrip("/")), "html.parser")
    assert page.select_one("#p18")["data-label"] == "Q8, ¶18"  # the answer, labelled by its question


SELECT_ACROSS = """([first, from, last, to]) => {
    // Select from the words `from` in block `first` to the end of the words `to` in block `last`.
    const at = (block, words) => {
        const walker = document.createTreeWalker(document.querySelector(block), NodeFilter.SHOW_TEXT);
        let node;
        while ((node = walker.nextNode())) { const i = node.data.indexOf(words); if (i >= 0) return [node, i]; }
        return null;
    };
    const [a, i] = at(first, from), [b, j] = at(last, to);
    const range = document.createRange();
    range.setStart(a, i);
    range.setEnd(b, j + to.length);
    getSelection().removeAllRanges();
    getSelection().addRange(range);
    return true;
}"""


@pytest.mark.parametrize("browser_page", [DESKTOP], indirect=True, ids=["desktop"])
def test_a_passage_selected_over_two_paragraphs_links_their_range_and_check_review_accepts_it(browser_page, real_site, real_site_url, tmp_path):
    """A selection from ¶10 into ¶11 gives a range fragment starting in ¶10 (named "¶10–¶11"),
    which chromium follows to ¶10 and check-review accepts for a quotation over both paragraphs."""
    page = browser_page.page
    page.goto(real_site_url + SEED_001)
    assert page.evaluate(SELECT_ACROSS, ["#p10", "killed by the SDF", "#p11", "who did not participate"])
    page.get_by_role("button", name="Copy a link to the selected passage").click()
    assert "¶10–¶11" in page.locator(".sw-status").text_content()
    link = page.evaluate("navigator.clipboard.readText()")
    assert link.startswith(f"{real_site_url}{SEED_001}#p10:~:text="), link
    fresh = page.context.new_page()
    fresh.goto(link)
    _settle(fresh)
    assert _lands_in(fresh.evaluate(LANDING, ["#p10", "killed by the SDF"])), link
    fresh.close()
    review = tmp_path / "review.md"
    quote = "killed by the SDF and Coalition airstrikes. Detainees who did not participate"
    review.write_text(f'Brennan: "{quote}" ([¶10–¶11]({link.replace(real_site_url, "http://127.0.0.1:8000/")})).\n')
    result = _seedwiki(ROOT, "check-review", str(review), "--site", str(real_site.site_dir))
    assert (result.returncode, result.stdout) == (0, ""), result.stdout + result.stderr
