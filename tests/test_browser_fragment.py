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


def _at_top(page, url: str, element_id: str) -> bool:
    """Does chromium, following `url`, scroll the element to the top of the window (as an anchor does)?"""
    page.goto("about:blank")
    page.goto(url)
    page.wait_for_timeout(400)
    return page.evaluate("(id) => { const top = document.getElementById(id).getBoundingClientRect().top; return top >= 0 && top < 200; }", element_id)


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


# A question's opening as a reviewer copies it from the source text: with the question's own number,
# which the page keeps in a span its stylesheet hides (shown once, in the margin).
QUESTIONS = list(range(1, 10))


@pytest.mark.parametrize("browser_page", [VIEWPORT], indirect=True)
def test_a_cited_question_opening_lands_on_its_question_with_or_without_a_fragment(browser_page, real_site, real_site_url):
    import json

    targets = json.loads((real_site.site_dir / "links.json").read_text(encoding="utf-8"))["targets"]
    questions = {int(t["anchor"][1:]): t["text"] for t in targets if t["page"] == f"seeds/{SEED}/" and t["kind"] == "question" and t["anchor"].startswith("q")}
    heading_of = {int(t["label"][1:].split(",")[0]): t["anchor"] for t in targets if t["page"] == f"seeds/{SEED}/" and t["kind"] == "question" and t["anchor"].startswith("p")}
    landed = 0
    for number in QUESTIONS:
        opening = " ".join(questions[number].split()[:6])
        assert opening.startswith(f"{number}- ")
        cited = _seedwiki(ROOT, "cite", SEED, "--q", str(number), "--quote", opening, "--format", "url",
                          "--site", str(real_site.site_dir), "--base-url", real_site_url)
        assert cited.returncode == 0, cited.stderr
        url = cited.stdout.strip()
        assert f"{number}%2D" not in url.partition(":~:")[2].lower(), url  # the hidden number is never in the fragment
        if ":~:text=" in url:
            assert heading_of[number] in _landing(browser_page.page, url), url
            landed += 1
        else:  # the page's table of contents repeats the whole question before it: the anchor alone
            assert url.endswith(f"#q{number}"), url
            assert _at_top(browser_page.page, url, f"q{number}"), url
    assert landed >= 4, landed  # Q1, Q4, Q7 and Q9 have words that only their heading has


@pytest.mark.parametrize("browser_page", [VIEWPORT], indirect=True)
def test_a_fragment_with_a_questions_hidden_number_lands_outside_it_and_check_review_says_so(browser_page, real_site, real_site_url, tmp_path):
    url = f"{real_site_url}seeds/{SEED}/#p15:~:text=7%2D%20How%20do%20you%20see%20the"
    assert "p15" not in _landing(browser_page.page, url)
    hidden = browser_page.page.evaluate(
        "() => [...document.querySelectorAll('.sw-srcnum')].every(el => getComputedStyle(el).display === 'none')")
    assert hidden
    review = tmp_path / "r.md"
    review.write_text(f"[Q7]({url})\n")
    result = _seedwiki(ROOT, "check-review", str(review), "--site", str(real_site.site_dir), "--base-url", real_site_url)
    assert result.returncode == 1 and "text fragment '7- how do you see the' lands on its first match on the page, outside the seed's text, not in #p15" in result.stdout, result.stdout


@pytest.mark.parametrize("browser_page", [VIEWPORT], indirect=True)
def test_what_page_text_leaves_out_as_hidden_chromium_does_not_show(browser_page, real_site, real_site_url):
    """Every element of the seed page that seedwiki's stylesheet hides, as PageText reads it, is
    hidden in chromium (display none or visibility hidden), and the question headings' text is shown."""
    from seedwiki.fragment import seedwiki_hiding_selectors

    selectors = [" ".join((combinator + " " if combinator.strip() else "") + (c.tag or "") + "".join("." + k for k in sorted(c.classes)) + (f"#{c.id}" if c.id else "")
                          for combinator, c in selector) for selector in seedwiki_hiding_selectors()]
    page = browser_page.page
    page.goto(f"{real_site_url}seeds/{SEED}/")
    counts = page.evaluate(
        """(selectors) => selectors.map(s => [...document.querySelectorAll(s)].map(el => {
             const style = getComputedStyle(el); return style.display === 'none' || style.visibility === 'hidden'; }))""", selectors)
    assert all(all(found) for found in counts), list(zip(selectors, counts, strict=True))
    assert sum(len(found) for found in counts) >= 9  # the nine questions' numbers at least
    shown = page.evaluate("() => document.getElementById('p15').innerText")
    assert shown.strip().startswith("How do you see the importance")
