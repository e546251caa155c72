"""A long transcript (2 MB of question-and-answer turns) in a real browser: it loads and is usable
within the product's budget because its pages are light: its text is shown over several pages
(`link.targets.seed_parts`), each of few blocks with few bytes of markup each, and the source text
linked instead of copied a second time. Every paragraph keeps its address at the seed's page: the
page script goes on to the part that shows it, and without script the address lands on that
part's row of the "Parts" contents."""

from __future__ import annotations

import functools
import gzip
import json
import re
import threading
import time
from http.server import ThreadingHTTPServer

import pytest

from seedwiki.link.targets import PART_BLOCKS
from seedwiki.render import html_ids

from .conftest import make_project, mkdocs_build, serve_directory
from .test_browser_reading import DESKTOP, PHONE, _shot
from .test_cli import _seedwiki

QUESTIONS = [
    "How do you assess the situation in the eastern countryside after the latest operations?",
    "What role does the Coalition play in supporting the local councils and the reconstruction of schools?",
    "There are fears that the forces might withdraw; do you have any idea about the next stage?",
]
ANSWERS = [
    "Last week alone, our partners detained or killed twenty operatives in the northeast, including four key leaders. The "
    "removal of fighters, enablers and leaders disrupts the group's ability to rebuild and commit attacks against our partners "
    "and innocent civilians in the region.",
    "We continue to work with our partners, especially during the pandemic, to ensure the safety, security and stability of the "
    "region, and to allow the World Health Organization and other organisations to support the medical needs of the population.",
    "At this time there is no plan to withdraw forces. Our mission is to assist our partners in securing the enduring defeat of "
    "the group, and the detention of its fighters remains a matter for the partners to decide.",
]
SIZE = 2_000_000
LOAD_BUDGET = 6.0  # seconds from navigation to a block's controls answering; the target is 3 s (measured about 2.8 s on 2 cores)


def transcript(size: int = SIZE) -> bytes:
    turns, total, i = ["Transcript of the press briefing, full record\n"], 0, 0
    while total < size:
        turn = f"Q: {QUESTIONS[i % 3]} (turn {i + 1})\nA: {ANSWERS[i % 3]}\n\n"
        turns.append(turn)
        total += len(turn.encode())
        i += 1
    return "".join(turns).encode()


@pytest.fixture(scope="module")
def long_site(tmp_path_factory):
    root = make_project(tmp_path_factory.mktemp("long"), {"long_transcript.txt": transcript()})
    result = mkdocs_build(root)
    assert result.returncode == 0, result.stderr
    with serve_directory(root / "site") as url:
        yield root / "site", url


def test_a_long_transcripts_page_is_light(long_site):
    site, _ = long_site
    html = (site / "seeds" / "long_transcript" / "index.html").read_text(encoding="utf-8")
    blocks = re.findall(r'(<p id="p\d+"[^>]*>)(<a class="sw-permalink"[^>]*></a>)', html)
    assert 0 < len(blocks) <= PART_BLOCKS  # the first part's text; the others on their own pages
    per_block = sum(len(a) + len(b) for a, b in blocks) / len(blocks)
    assert per_block < 185, per_block  # a paragraph's own tag and its number (was about 250 bytes)
    assert 'class="sw-source-text"' not in html and 'href="source.txt"' in html  # linked, not copied a second time
    marks = re.findall(r'<span id="[pq]\d+"></span>', html)  # every later anchor, as an empty mark in the Parts contents
    assert len(marks) > 10_000
    assert len(html.encode()) < 0.5 * SIZE, len(html.encode())  # was 3.5 times the text on one page
    parts = sorted((site / "seeds" / "long_transcript").glob("part-*/index.html"))
    assert len(parts) > 10 and all(len(p.read_bytes()) < 0.15 * SIZE for p in parts)


def test_every_anchor_of_the_long_transcript_is_at_its_page_and_its_text_on_one_part(long_site):
    site, _ = long_site
    folder = site / "seeds" / "long_transcript"
    first = (folder / "index.html").read_text(encoding="utf-8")
    pages = [first] + [(folder / f"part-{k}" / "index.html").read_text(encoding="utf-8") for k in range(2, len(list(folder.glob("part-*"))) + 2)]
    shown = [set(re.findall(r'<(?!span\b)[a-z0-9]+ id="([pq]\d+)"', page)) for page in pages]
    ids = html_ids(first)
    blocks = max(int(i[1:]) for s in shown for i in s if i.startswith("p"))
    questions = max(int(i[1:]) for s in shown for i in s if i.startswith("q"))
    assert blocks > 10_000 and questions > 5_000
    for anchor in [f"p{n}" for n in range(1, blocks + 1)] + [f"q{n}" for n in range(1, questions + 1)]:
        assert anchor in ids, anchor
        assert sum(anchor in s for s in shown) == 1, anchor


@pytest.mark.parametrize(("browser_page", "device"), [(DESKTOP, "desktop"), (PHONE, "phone")], indirect=["browser_page"])
def test_a_long_transcript_loads_and_is_usable_quickly(browser_page, long_site, device):
    _, url = long_site
    page = browser_page.page
    start = time.monotonic()
    page.goto(url + "seeds/long_transcript/", wait_until="load", timeout=60_000)
    first = page.locator("article #p3")
    if device == "desktop":
        first.hover()
    else:
        first.locator("> a.sw-permalink").tap()
    page.wait_for_function("document.querySelector('#p3 > .sw-copy button') !== null")
    elapsed = time.monotonic() - start
    stats = page.evaluate("""() => ({
        elements: document.getElementsByTagName('*').length,
        blocks: document.querySelectorAll('.sw-text .sw-p, .sw-text .sw-q').length,
        parts: document.querySelectorAll('.sw-parts > li').length,
    })""")
    assert stats["blocks"] <= PART_BLOCKS + 1 and stats["parts"] > 10, stats  # a part ends where a question's unit (two blocks here) does
    assert stats["elements"] < 25_000, stats  # was 38,000 with the whole text on the page
    _shot(page, f"long-transcript-{device}")
    assert elapsed < LOAD_BUDGET, (elapsed, stats)


LATE = 9001  # a paragraph far into the transcript, on a later part


@pytest.mark.parametrize(("browser_page", "device"), [(DESKTOP, "desktop"), (PHONE, "phone")], indirect=["browser_page"])
def test_a_paragraphs_permanent_address_lands_on_its_part_with_the_paragraph_on_screen(browser_page, long_site, device):
    _, url = long_site
    page = browser_page.page
    page.goto(url + f"seeds/long_transcript/#p{LATE}", wait_until="load")
    page.wait_for_url(re.compile(rf"/seeds/long_transcript/part-\d+/#p{LATE}$"))
    page.wait_for_load_state("load")
    box = page.evaluate(f"() => {{ const e = document.getElementById('p{LATE}'); const b = e.getBoundingClientRect(); return [e.tagName, b.top, b.bottom, innerHeight]; }}")
    assert box[0] == "P" and box[1] >= 0 and box[2] <= box[3], box
    assert page.evaluate("() => history.length") == 2  # the new tab's blank page and the part: the seed's page replaced, so Back does not send the reader on again
    page.locator(f"#p{LATE}").hover()
    page.wait_for_function(f"document.querySelector('#p{LATE} > .sw-copy') !== null")
    address = page.evaluate("() => window.seedwiki.pageUrl()")
    assert address == url + "seeds/long_transcript/", address  # cited at the permanent address, not the part's


@pytest.mark.parametrize("browser_page", [{**PHONE, "java_script_enabled": False}], indirect=True)
def test_without_script_a_paragraphs_permanent_address_lands_on_its_parts_row(browser_page, long_site):
    _, url = long_site
    page = browser_page.page
    page.goto(url + f"seeds/long_transcript/#p{LATE}", wait_until="load")
    assert page.url.endswith(f"seeds/long_transcript/#p{LATE}")
    row = page.evaluate(f"""() => {{ const row = document.getElementById('p{LATE}').parentElement; const b = row.getBoundingClientRect();
        return [row.tagName, row.querySelector('a').getAttribute('href'), b.top, b.bottom, innerHeight]; }}""")
    assert row[0] == "LI" and re.search(r"part-\d+/index\.html$", row[1]) and row[2] >= 0 and row[3] <= row[4], row
    _shot(page, "long-transcript-parts-row-no-script")


@pytest.fixture(scope="module")
def long_minutes(tmp_path_factory):
    """A long text of distinct paragraphs (600 decisions, each taller than the height a block off
    screen is given), built and served, with its root."""
    debate = ("The members heard the district's engineer on the state of the roads, the schools and the water supply, "
              "asked about the cost and the time the works would take, and agreed that the clerk would publish the "
              "figures with these minutes. ") * 2
    text = "Minutes of the council, full record\n\n" + "".join(f"Approved measure {n} for the district. {debate}\n\n" for n in range(1, 601))
    root = make_project(tmp_path_factory.mktemp("minutes"), {"minutes.txt": text.encode()})
    result = mkdocs_build(root)
    assert result.returncode == 0, result.stderr
    with serve_directory(root / "site") as url:
        yield root, url


@pytest.mark.parametrize(("browser_page", "device"), [(DESKTOP, "desktop"), (PHONE, "phone")], indirect=["browser_page"])
def test_a_cited_passage_far_down_a_long_text_lands_on_screen(browser_page, long_minutes, device):
    """The blocks of a long text are laid out only near the screen; the browser's scroll to a cited
    passage measured the blocks above it by their estimated height and stopped screens away from
    it (¶30 of a 466-paragraph Word file: 1,454 px below the screen). The page brings it back."""
    root, url = long_minutes
    cited = _seedwiki(root, "cite", "minutes", "--p", "451", "--quote", "approved measure 450 for", "--format", "url",
                      "--site", str(root / "site"), "--base-url", url)
    assert cited.returncode == 0, cited.stderr
    link = cited.stdout.strip()
    assert link.endswith("#p451:~:text=approved%20measure%20450%20for"), link
    page = browser_page.page
    page.goto(link, wait_until="load")
    page.wait_for_timeout(2500)
    box = page.evaluate("() => { const b = document.getElementById('p451').getBoundingClientRect(); return [b.top, b.bottom, innerHeight]; }")
    assert box[0] >= 0 and box[1] <= box[2], box


@pytest.mark.parametrize("browser_page", [DESKTOP], indirect=True)
def test_a_link_to_a_later_parts_paragraph_previews_its_text(browser_page, long_site):
    """A link to `seeds/<slug>/#pN` previews the paragraph: the seed's page holds only its mark, so
    the preview reads the part that shows it, from another part and from the seed's page alike."""
    _, url = long_site
    page = browser_page.page
    for where, href in (("seeds/long_transcript/part-2/", "../index.html#p9001"), ("seeds/long_transcript/", "#p9001")):
        page.goto(url + where, wait_until="load")
        page.evaluate("""href => { const a = document.createElement('a'); a.href = href; a.id = 'to-late'; a.textContent = 'the answer';
                                   document.querySelector('article').prepend(a); }""", href)
        page.locator("#to-late").hover()
        preview = page.locator("#sw-preview")
        preview.wait_for(state="visible")
        text = preview.inner_text()
        assert "¶9001" in text and "no plan to withdraw forces" in text and "part " not in text, (where, text)


def test_search_finds_each_later_part_as_part_of_the_seed_at_its_anchors(long_site):
    site, _ = long_site
    records = [json.loads(gzip.decompress(f.read_bytes()).removeprefix(b"pagefind_dcd")) for f in (site / "pagefind" / "fragment").glob("*.pf_fragment")]
    by_url = {r["url"]: r for r in records}
    count = len(list((site / "seeds" / "long_transcript").glob("part-*"))) + 1
    seed = by_url["/seeds/long_transcript/"]
    for part in range(2, count + 1):
        record = by_url[f"/seeds/long_transcript/part-{part}/"]
        assert record["meta"]["title"] == f"long_transcript (part {part} of {count})"
        assert record["meta"]["facets"] == seed["meta"]["facets"]  # the seed's filters
        ids = [a["id"] for a in record["anchors"]]
        assert ids[0].startswith("q") and all(re.fullmatch(r"[pq]\d+", i) for i in ids), ids[:5]  # results lead to the part's own anchors


@pytest.mark.parametrize("browser_page", [DESKTOP], indirect=True)
def test_a_later_address_on_the_seeds_page_does_not_take_the_first_addresss_passage_with_it(browser_page, long_minutes):
    """The text fragment the seed's page was opened with belongs to that address only: a reader who
    then follows `#p451` (a link, the address bar) goes to its part without those words, else the
    browser would scroll to their first match on that part (they are in every paragraph) instead of ¶451."""
    _, url = long_minutes
    page = browser_page.page
    page.goto(url + "seeds/minutes/#p3:~:text=the%20members%20heard", wait_until="load")
    page.wait_for_timeout(500)
    assert page.url.endswith("seeds/minutes/#p3:~:text=the%20members%20heard"), page.url  # ¶3 is on part 1: no move
    page.evaluate("() => { location.hash = '#p451'; }")
    page.wait_for_url(re.compile(r"/seeds/minutes/part-\d+/#p451"))
    page.wait_for_load_state("load")
    page.wait_for_timeout(1500)
    assert ":~:" not in page.url, page.url
    box = page.evaluate("() => { const b = document.getElementById('p451').getBoundingClientRect(); return [b.top, b.bottom, innerHeight]; }")
    assert box[0] >= 0 and box[1] <= box[2], box
    page.goto(url + "seeds/minutes/#p451:~:text=approved%20measure%20450%20for", wait_until="load")  # its own words go with it
    page.wait_for_url(re.compile(r"/seeds/minutes/part-\d+/#p451:~:text=approved%20measure%20450%20for$"))


@pytest.mark.parametrize("browser_page", [DESKTOP], indirect=True)
def test_a_printed_part_carries_the_seeds_permanent_address(browser_page, long_minutes):
    """A later part printed on paper says where its paragraphs are cited, as the seed's page does:
    the seed's page, not the part's."""
    _, url = long_minutes
    page = browser_page.page
    page.goto(url + "seeds/minutes/part-2/", wait_until="load")
    page.emulate_media(media="print")
    address = page.locator(".sw-print-address")
    assert address.count() == 1 and address.is_visible()
    assert address.inner_text() == f"Permanent address: {url}seeds/minutes/"
    assert page.locator(".sw-print-cite .sw-cite-url").inner_text() == f"{url}seeds/minutes/"
    _shot(page, "print-long-minutes-part-2", full_page=False)


@pytest.mark.parametrize("browser_page", [DESKTOP], indirect=True)
def test_a_malformed_address_on_a_long_seeds_page_breaks_none_of_its_script(browser_page, long_minutes):
    """`#%E0%A4%A` (a truncated escape, from a mangled link) names no anchor: the page stays, its
    script raises nothing (the browser_page fixture fails on a page error), and a paragraph's
    address followed next still goes to its part."""
    _, url = long_minutes
    page = browser_page.page
    page.goto(url + "seeds/minutes/#%E0%A4%A", wait_until="load")
    page.wait_for_timeout(500)
    assert page.url.endswith("seeds/minutes/#%E0%A4%A"), page.url
    page.evaluate("() => { location.hash = '#p451'; }")
    page.wait_for_url(re.compile(r"/seeds/minutes/part-\d+/#p451$"))


@pytest.mark.parametrize("browser_page", [DESKTOP], indirect=True)
def test_a_part_address_naming_a_paragraph_another_part_shows_goes_to_that_part(browser_page, long_minutes):
    """A part's address is not permanent: when the parts are drawn again (fewer blocks a part, a
    later release) `part-2/#p451`, copied from the address bar, names a paragraph that part no longer
    shows. The page goes on to the seed's page, which sends the paragraph to the part that shows it;
    a paragraph the part shows stays."""
    _, url = long_minutes
    page = browser_page.page
    page.goto(url + "seeds/minutes/part-2/#p451:~:text=approved%20measure%20450%20for", wait_until="load")
    page.wait_for_url(re.compile(r"/seeds/minutes/part-6/#p451:~:text=approved%20measure%20450%20for$"))
    page.wait_for_load_state("load")
    page.wait_for_timeout(1000)
    box = page.evaluate("() => { const b = document.getElementById('p451').getBoundingClientRect(); return [b.top, b.bottom, innerHeight]; }")
    assert box[0] >= 0 and box[1] <= box[2], box
    for stays in ("p80", "entities"):  # a paragraph the part shows; not a paragraph's anchor
        page.goto(url + f"seeds/minutes/part-2/#{stays}", wait_until="load")
        page.wait_for_timeout(500)
        assert page.url.endswith(f"seeds/minutes/part-2/#{stays}"), page.url


@pytest.mark.parametrize("browser_page", [DESKTOP], indirect=True)
def test_a_part_that_is_gone_leads_to_the_seeds_page_and_on_to_the_part_that_shows_the_paragraph(browser_page, long_minutes):
    """The parts drawn again, fewer of them: `part-99/#p451` is a page not found (served as GitHub
    Pages does), which goes on to the seed's page with the anchor, and so to ¶451's part; without
    an anchor, to the seed's page. Any other page not found stays."""
    from pathlib import Path

    from .test_browser_reading import _NotFoundHandler

    root, _ = long_minutes
    site = Path(root) / "site"
    handler = type("Handler", (_NotFoundHandler,), {"directory_path": site})
    server = ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(handler, directory=str(site)))
    threading.Thread(target=server.serve_forever, daemon=True).start()
    try:
        base = f"http://127.0.0.1:{server.server_port}/"
        page = browser_page.page
        page.goto(base + "seeds/minutes/part-99/#p451:~:text=approved%20measure%20450%20for")
        page.wait_for_url(re.compile(r"/seeds/minutes/part-6/#p451:~:text=approved%20measure%20450%20for$"))
        page.goto(base + "seeds/minutes/part-99/")
        page.wait_for_url(base + "seeds/minutes/")
        page.goto(base + "seeds/no-such-seed/part-2/#p3")
        page.wait_for_url(base + "seeds/no-such-seed/#p3")  # the seed's page is not found either: it stays there
        page.wait_for_timeout(1000)
        assert page.url == base + "seeds/no-such-seed/#p3", page.url
        browser_page.errors[:] = [e for e in browser_page.errors if "404" not in e]  # the pages not found answer 404
    finally:
        server.shutdown()
        server.server_close()
