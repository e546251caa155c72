"""Passage links made by `seedwiki cite --quote` land in their paragraph in a real browser, and
check-review's reading of where a text fragment lands agrees with chromium's."""

from __future__ import annotations

import pytest

from seedwiki.fragment import PageText, TextDirective, directives

from .conftest import ROOT
from .test_cli import _seedwiki

SEED = "000_dfaa4f2b2677d4d0"
VIEWPORT = {"viewport": {"width": 1366, "height": 900}}


def _landing(page, url: str) -> list[str]:
    """The ids of the seed's blocks that chromium shows after following `url` (centre of the window)."""
    page.goto("about:blank")
    page.goto(url)
    page.wait_for_timeout(400)
    return page.evaluate(
        """() => [...document.querySelectorAll('article [id^=p]')]
             .filter(el => /^p\\d+$/.test(el.id))
             .filter(el => { const r = el.getBoundingClientRect(); return r.top < innerHeight / 2 + 120 && r.bottom > innerHeight / 2 - 120; })
             .map(el => el.id)"""
    )


# (paragraph, words that occur earlier on the page too)
REPEATED = [(12, "Daesh"), (20, "Daesh"), (18, "Syrian partners"), (16, "Syrian partners"), (10, "SDF")]


@pytest.mark.parametrize("browser_page", [VIEWPORT], indirect=True)
@pytest.mark.parametrize(("paragraph", "words"), REPEATED)
def test_a_cited_passage_link_lands_on_its_paragraph_where_the_bare_words_do_not(browser_page, real_site, real_site_url, paragraph, words):
    cited = _seedwiki(ROOT, "cite", SEED, "--p", str(paragraph), "--quote", words, "--format", "url",
                      "--site", str(real_site.site_dir), "--base-url", real_site_url)
    assert cited.returncode == 0, cited.stderr
    url = cited.stdout.strip()
    assert ":~:text=" in url
    assert f"p{paragraph}" in _landing(browser_page.page, url)
    naive = f"{real_site_url}seeds/{SEED}/#p{paragraph}:~:text={words.replace(' ', '%20')}"
    assert f"p{paragraph}" not in _landing(browser_page.page, naive), "the bare words land elsewhere: the test can tell"


@pytest.mark.parametrize("browser_page", [VIEWPORT], indirect=True)
def test_where_check_review_says_a_fragment_lands_is_where_chromium_goes(browser_page, real_site, real_site_url):
    page_text = PageText(real_site.html(f"seeds/{SEED}/"))
    checked = 0
    for spec in ("text=Daesh", "text=Russian", "text=Coalition%20forces", "text=detained", "text=SDF", "text=defeat-,of,-Daesh", "text=Northeast%20Syria"):
        lands = page_text.first_match(TextDirective.parse(spec[5:]))
        blocks = sorted(i for i in (lands or ()) if i.startswith("p") and i[1:].isdigit())
        if not blocks:
            continue  # the first match is outside the seed's text (summary, outline): no paragraph to compare
        assert blocks[0] in _landing(browser_page.page, f"{real_site_url}seeds/{SEED}/#:~:{spec}"), spec
        checked += 1
    assert checked >= 3
    assert directives("p3:~:text=a&text=b") == ("p3", ["a", "b"])
