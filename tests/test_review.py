"""`seedwiki check-review`: links into the wiki and the quotations attached to them."""

from __future__ import annotations

import json
from html.parser import HTMLParser
from pathlib import Path

import pytest

from seedwiki.fragment import PageText, TextDirective
from seedwiki.quotation import comparable, dropped_negations, find_quotations, match_parts, quotation_parts, quoted_in
from seedwiki.review.markdown import links_in

from .conftest import ROOT
from .test_cli import _seedwiki

BASE = "http://127.0.0.1:8000/seeds/000_dfaa4f2b2677d4d0/"
ARTICLE = "http://127.0.0.1:8000/seeds/001_daa0dd757af5786e/"
SEED_000 = "000_dfaa4f2b2677d4d0"


def _check(real_site, *files, extra=()):
    return _seedwiki(ROOT, "check-review", *map(str, files), "--site", str(real_site.site_dir), *extra)


def test_the_sample_review_in_the_docs_passes(real_site):
    result = _check(real_site, ROOT / "docs" / "sample-review.md", ROOT / "docs" / "how-to-cite.md")
    assert result.returncode == 0, result.stdout
    assert result.stdout == ""
    assert "2 files, 9 wiki links, 7 quotations checked; 0 problems" in result.stderr  # the admonition is indented: code in CommonMark


BROKEN = f"""\
# A review with mistakes

The spokesman [said]({BASE}#q12) nothing; see also <{ARTICLE[:-2]}X/>.
He said "our Syrian partners detained or killed 23 Daesh operatives" ([¶6]({BASE}#p6)).
Then "the Coalition will leave Syria soon" [Q8]({BASE}#q8), which `[is](#not) "checked"`.

> There is no plan to withdraw Coalition forces from Iraq.

That was [the answer to Q8](../seeds/000_dfaa4f2b2677d4d0/index.md#q8).
A [passage]({BASE}#p18:~:text=no%20plan%20to%20leave) and a [good one]({BASE}#p18:~:text=no%20plan%20to%20withdraw).
"""


def test_a_broken_review_gets_every_problem_with_its_line_column_and_a_fix(real_site, tmp_path):
    review = tmp_path / "review.md"
    review.write_text(BROKEN)
    result = _check(real_site, review)
    assert result.returncode == 1
    assert result.stdout.splitlines() == [
        f"{review}:3:15: link to seeds/000_dfaa4f2b2677d4d0/#q12: the page has no anchor #q12; it has #p1–#p20 and #q1–#q9",
        f"{review}:3:95: link to seeds/001_daa0dd757af5786X/: no such page in the wiki; did you mean http://127.0.0.1:8000/seeds/001_daa0dd757af5786e/?",
        f"{review}:4:9: quotation “our Syrian partners detained or killed 23 Daesh operatives” is not in seeds/000_dfaa4f2b2677d4d0/#p6; it is in Q1, ¶4 of seeds/000_dfaa4f2b2677d4d0/: {BASE}#p4",
        f"{review}:5:6: quotation “the Coalition will leave Syria soon” is not in seeds/000_dfaa4f2b2677d4d0/#q8 nor anywhere in the wiki; the closest passage there reads “withdraw Coalition forces from Northeast”",
        f"{review}:7:3: quotation “There is no plan to withdraw Coalition forces from Iraq.” is not in seeds/000_dfaa4f2b2677d4d0/#q8 nor anywhere in the wiki; the closest passage there reads “there is no plan to withdraw Coalition forces from Northeast”",
        f"{review}:10:3: text fragment 'no plan to leave' is not in seeds/000_dfaa4f2b2677d4d0/#p18; select the passage again and copy its link from the page (or use `seedwiki cite --quote`)",
    ]


def test_missing_review_or_site_is_bad_usage(real_site, tmp_path):
    missing = _check(real_site, tmp_path / "nope.md")
    assert missing.returncode == 2 and "nope.md: cannot read the review" in missing.stderr
    review = tmp_path / "r.md"
    review.write_text("Nothing.\n")
    no_site = _seedwiki(ROOT, "check-review", str(review), "--site", str(tmp_path))
    assert no_site.returncode == 2 and "no links.json: this is not a built seedwiki site; run `mkdocs build` first" in no_site.stderr
    assert "Traceback" not in missing.stderr + no_site.stderr


def test_a_published_base_url_is_recognised(real_site, tmp_path):
    review = tmp_path / "r.md"
    review.write_text('He said "no plan to withdraw" (https://wiki.example.org/seeds/000_dfaa4f2b2677d4d0/#p19).\n')
    result = _check(real_site, review, extra=("--base-url", "https://wiki.example.org/"))
    assert result.returncode == 1
    assert result.stdout.endswith("it is in Q8, ¶18 of seeds/000_dfaa4f2b2677d4d0/: https://wiki.example.org/seeds/000_dfaa4f2b2677d4d0/#p18\n")  # at the address the review links


@pytest.mark.parametrize(
    ("quote", "text", "holds"),
    [
        ("Daesh's “desperate attacks”", "Daesh’s \"desperate  attacks\"", True),
        ("Task Force - Operation", "Task Force – Operation", True),
        ("the Coalition … in Iraq", "the Coalition remains in Iraq", True),
        ("the [Coalition] remains", "the Coalition remains", True),
        ("the Coalition remains [in Syria]", "the Coalition remains", True),
        ("At this time", "at this time there is", True),  # a quotation may capitalise its first word
        ("in Iraq … the Coalition", "the Coalition remains in Iraq", False),  # the order matters
        ("the coalition remains", "the Coalition remains", False),
        ("here", "there is", False),  # whole words only
        ("Coalition forces", "Coalition forcesX", False),
        ("…", "anything", False),
        # as style guides write them
        ("[T]here is no plan", "At this time there is no plan", True),  # a bracketed letter: a change of case
        ("[o]ur mission", "Our mission", True),
        ("[t]here is no plan", "At this time there is no plan", True),
        ("[T]here is no plan", "At this time where is no plan", False),  # the letter itself must match
        ("to abide by agreements made,", "to abide by agreements made; there is", True),  # punctuation inside the closing mark
        ("Daesh remains a threat.", "Daesh remains a threat, it is", True),
        ("Daesh remains a threat?", "Daesh remains a threat, it is", False),  # a question mark is the quotation's own
        ("the 'desperate attacks' waged", 'the "desperate attacks" waged', True),  # the source's double marks turned single
        ("territorial “caliphate”", "territorial 'caliphate'", True),
    ],
)
def test_quotations_compare_with_normalised_marks_dashes_spaces_and_omissions(quote, text, holds):
    assert quoted_in(quote, text) is holds


@pytest.mark.parametrize(
    ("quote", "text", "dropped"),
    [
        ("Detainees who did … participate", "Detainees who did not participate", ["not"]),
        ("there is ... plan to withdraw", "there is no plan to withdraw", ["no"]),
        ("it will … be", "it will never be", ["never"]),
        ("neither the SDF … the Coalition", "neither the SDF nor the Coalition", ["nor"]),
        ("will … pose", "will NOT pose", ["not"]),
        ("will [not] pose", "will not pose", []),  # the insertion puts it back
        ("The Coalition … in 2017", "The Coalition degraded Daesh in 2017", []),
        ("the notion … of", "the notion of nothing of", []),  # whole words only
    ],
)
def test_an_omission_that_leaves_out_a_negation_is_found(quote, text, dropped):
    parts = quotation_parts(quote)
    source = comparable(text)
    spans = match_parts(parts, source)
    assert spans is not None
    assert dropped_negations(parts, spans, source) == dropped


@pytest.mark.parametrize(
    ("text", "quoted"),
    [
        ("He saw 'no reason for Russian forces' there.", ["no reason for Russian forces"]),
        ("The partners' role isn't in doubt: 'sleeper cells' and the 'caliphate'.", ["sleeper cells"]),  # one word: scare quotes
        ("Caggins's answer on 'international solution' talks we don't hear", ["international solution"]),
        ("'one two' and \"three 'four five' six\"", ["one two", "three 'four five' six"]),
        ("rock 'n' roll", []),
        ("the '90s and the '00s", []),
    ],
)
def test_straight_single_quotes_quote_two_words_or_more(text, quoted):
    assert [text[s:e] for s, e in find_quotations(text)] == quoted


# --- read as CommonMark ---------------------------------------------------------------------------

SPEC = json.loads((Path(__file__).parent / "commonmark" / "spec-0.31.2-links.json").read_text(encoding="utf-8"))


class _Hrefs(HTMLParser):
    def __init__(self, html: str) -> None:
        super().__init__(convert_charrefs=True)
        self.hrefs: list[str] = []
        self.feed(html)

    def handle_starttag(self, tag, attrs):
        if tag == "a" and dict(attrs).get("href") is not None:
            self.hrefs.append(dict(attrs)["href"])


@pytest.mark.parametrize("example", SPEC, ids=[f"spec-{e['number']}" for e in SPEC])
def test_the_links_found_are_exactly_those_of_the_commonmark_reference_rendering(example):
    assert sorted(links_in(example["markdown"], autolinks=False)) == sorted(_Hrefs(example["html"]).hrefs)


def test_the_commonmark_examples_cover_every_kind_of_link():
    sections = {e["section"] for e in SPEC}
    assert {"Links", "Link reference definitions", "Autolinks", "Raw HTML", "Code spans", "Indented code blocks",
            "Backslash escapes", "Lists", "Block quotes", "Tables (extension)"} & sections >= {"Links", "Autolinks", "Raw HTML"}
    assert len(SPEC) >= 150 and sum("<a " in e["html"] for e in SPEC) >= 100


MISSING = f"{BASE}#p99"


@pytest.mark.parametrize(
    ("markdown", "line", "col"),
    [
        (f"[a]({MISSING} 'single-quoted title')\n", 1, 1),
        (f"[a]({MISSING} (parenthesised title))\n", 1, 1),
        (f"Text [a][r] here.\n\n[r]:\n   {MISSING}\n   \"title\"\n", 1, 6),
        (f"[a][]\n\n[A]: <{MISSING}>\n", 1, 1),
        (f"[shortcut]\n\n[shortcut]: {MISSING}\n", 1, 1),
        (f"Said so.[^1]\n\n[^1]: [Deir Ezzor 24, ¶99]({MISSING})\n", 3, 7),
        (f'See <a href="{MISSING}">here</a>.\n', 1, 5),
        (f'<div>\n<a href="{MISSING}">block</a>\n</div>\n', 2, 10),
        (f"- one\n- two [a]({MISSING})\n", 2, 7),
        (f"| a | b |\n|---|---|\n| c | [x]({MISSING}) |\n", 3, 7),
        (f"Quoted.\n\n[x]: {MISSING}\n\n| [x] |\n|---|\n", 5, 3),
        (f"> quoted [a]({MISSING})\n", 1, 10),
        (f"<{MISSING}>\n", 1, 1),
    ],
)
def test_every_kind_of_commonmark_link_to_a_missing_anchor_is_reported(real_site, tmp_path, markdown, line, col):
    review = tmp_path / "r.md"
    review.write_text(markdown)
    result = _check(real_site, review)
    assert result.returncode == 1, result.stderr
    assert result.stdout.startswith(f"{review}:{line}:{col}: link to seeds/000_dfaa4f2b2677d4d0/#p99: the page has no anchor #p99"), result.stdout


@pytest.mark.parametrize(
    "markdown",
    [
        f"    [a]({MISSING})\n",  # an indented code block
        f"```\n[a]({MISSING})\n```\n",
        f"`[a]({MISSING})`\n",
        f"\\[a](seeds/{SEED_000}/#p99)\n",  # escaped: not a link (an absolute address there is one: GitHub links it)
        f"[unused]: {MISSING}\n",  # a definition nobody uses
        f"<!-- [a]({MISSING}) -->\n",
    ],
)
def test_nothing_in_code_escapes_comments_or_unused_definitions_is_checked(real_site, tmp_path, markdown):
    review = tmp_path / "r.md"
    review.write_text(markdown)
    result = _check(real_site, review)
    assert (result.returncode, result.stdout) == (0, ""), result.stdout


def test_a_quotation_belongs_to_the_link_of_its_own_list_item_table_row_or_footnote(real_site, tmp_path):
    review = tmp_path / "r.md"
    review.write_text(
        f'- He said "there is no plan to withdraw Coalition forces" [Q8]({BASE}#q8).\n'
        f'- And "Daesh is unsuccessfully trying to regenerate" [Q2]({BASE}#q2).\n\n'
        f'| quote | source |\n|---|---|\n| "Detainees who did not participate" | [¶11]({ARTICLE}#p11) |\n\n'
        f'The Coalition said it was "confident in its assessment".[^a]\n\n'
        f'[^a]: [Shafaq News, ¶12]({ARTICLE}#p12)\n'
    )
    result = _check(real_site, review)
    assert (result.returncode, result.stdout) == (0, "")
    assert "4 quotations checked; 0 problems" in result.stderr


def test_a_quotation_checked_against_the_other_list_items_link_fails(real_site, tmp_path):
    review = tmp_path / "r.md"
    review.write_text(
        f'- He said "there is no plan to withdraw Coalition forces" [Q2]({BASE}#q2).\n'
        f'- And "Daesh is unsuccessfully trying to regenerate" [Q8]({BASE}#q8).\n'
    )
    result = _check(real_site, review)
    assert [line.split(": ", 1)[0] for line in result.stdout.splitlines()] == [f"{review}:1:11", f"{review}:2:7"]


def test_a_plain_text_review_with_bare_wiki_urls_is_checked(real_site, tmp_path):
    review = tmp_path / "r.txt"
    review.write_text(f'He said "there is no plan to withdraw" ({BASE}#p18) and ({BASE}#p99).\n')
    result = _check(real_site, review)
    assert result.returncode == 1
    assert result.stdout.splitlines() == [f"{review}:1:{52 + len(BASE)}: link to seeds/000_dfaa4f2b2677d4d0/#p99: the page has no anchor #p99; it has #p1–#p20 and #q1–#q9"]
    assert "2 wiki links, 1 quotations checked" in result.stderr


# --- links stay inside the site -------------------------------------------------------------------


@pytest.mark.parametrize(
    "url",
    [
        "http://127.0.0.1:8000/../../../../etc/passwd",
        "http://127.0.0.1:8000/../../../../etc/passwd#x",
        "http://127.0.0.1:8000/seeds/../../../etc/passwd",
        "http://127.0.0.1:8000/%2e%2e/%2e%2e/etc/passwd",
        "http://127.0.0.1:8000/seeds%2f..%2f..%2fetc/passwd",
        "http://127.0.0.1:8000/seeds/..\\..\\etc\\passwd",
        "seeds/../../etc/passwd",
    ],
)
def test_a_link_that_leaves_the_site_is_broken_and_never_looked_up(real_site, tmp_path, url):
    review = tmp_path / "r.md"
    review.write_text(f"[x]({url})\n")
    result = _check(real_site, review)
    assert result.returncode == 1 and "Traceback" not in result.stderr
    assert "it leaves the wiki's site" in result.stdout or "no such page in the wiki" in result.stdout


@pytest.mark.parametrize("content", ["[]", "{}", '{"targets": [1]}', '{"targets": [{"page": 1}]}', "not json", None])
def test_a_malformed_links_json_is_a_one_line_error(tmp_path, content):
    site = tmp_path / "site"
    site.mkdir()
    if content is None:
        (site / "links.json").mkdir()
    else:
        (site / "links.json").write_text(content)
    review = tmp_path / "r.md"
    review.write_text("Nothing.\n")
    result = _seedwiki(ROOT, "check-review", str(review), "--site", str(site))
    assert result.returncode == 2
    assert len(result.stderr.splitlines()) == 1 and result.stderr.startswith(f"{site / 'links.json'}: ") and "Traceback" not in result.stderr


# --- passage links land ---------------------------------------------------------------------------


def test_a_text_fragment_whose_first_match_is_elsewhere_on_the_page_is_rejected(real_site, tmp_path):
    review = tmp_path / "r.md"
    review.write_text(f"[passage]({BASE}#p12:~:text=Daesh)\n")
    result = _check(real_site, review)
    assert result.returncode == 1
    assert "text fragment 'daesh' lands on its first match on the page" in result.stdout and "not in #p12" in result.stdout


def test_the_passage_link_of_seedwiki_cite_lands_in_its_paragraph(real_site, tmp_path):
    cited = _seedwiki(ROOT, "cite", SEED_000, "--p", "12", "--quote", "Daesh", "--format", "url", "--site", str(real_site.site_dir))
    assert cited.returncode == 0, cited.stderr
    url = cited.stdout.strip()
    assert url.startswith(f"{BASE}#p12:~:text=") and url != f"{BASE}#p12:~:text=Daesh"
    review = tmp_path / "r.md"
    review.write_text(f"[passage]({url})\n")
    result = _check(real_site, review)
    assert (result.returncode, result.stdout) == (0, ""), result.stdout


@pytest.mark.parametrize(
    ("html", "directive", "lands_in"),
    [
        ("<p id='a'>one two</p><p id='b'>two three</p>", "text=two", "a"),
        ("<p id='a'>one two</p><p id='b'>two three</p>", "text=two,-three", "b"),
        ("<p id='a'>one two</p><p id='b'>one two</p>", "text=one-,two", "a"),
        ("<p id='a'>Twofold</p><p id='b'>two</p>", "text=two", "b"),  # whole words only
        ("<p id='a'>one <b>two</b></p>", "text=ONE%20two", "a"),  # across inline elements, any case
        ("<p id='a'>one</p><p id='b'>two</p>", "text=one%20two", None),  # a term never crosses blocks
        ("<p id='a'>one two</p><p id='b'>three four</p>", "text=two,three", "a"),  # a range may: it lands where it starts
        ("<p id='a'>one two</p><p id='b'>three four</p>", "text=two,three,-four", "a"),
        ("<p id='a'>one two</p><p id='b'>three four</p>", "text=two,three,-five", None),
        ("<p id='a'>one two</p><p id='b'>three</p><p id='c'>two four</p>", "text=two,four", "a"),
        ("<p id='a'>alpha beta gamma delta</p>", "text=alpha,delta", "a"),
        ("<script>var two</script><p id='b'>two</p>", "text=two", "b"),
    ],
)
def test_page_text_finds_where_a_browser_lands(html, directive, lands_in):
    ids = PageText(html).first_match(TextDirective.parse(directive[5:]))
    assert (None if ids is None else sorted(ids)[0]) == lands_in


# --- linear time ----------------------------------------------------------------------------------


def test_quotation_marks_are_paired_in_one_pass_and_unclosed_ones_are_ignored():
    text = "“a” «b» „c“ ‘d’ don’t \"e\" “unclosed"
    assert [text[s:e] for s, e in find_quotations(text)] == ["a", "b", "c", "d", "e"]


# --- links into the wiki are read as a browser reads them ---------------------------------------

WIKI = "https://wiki.example.org/"
PATH_P99 = f"seeds/{SEED_000}/#p99"


@pytest.mark.parametrize(
    ("markdown", "base_url"),
    [
        (f"[x](http://wiki.example.org/{PATH_P99})\n", WIKI),  # http for an https site
        (f"[x](https://wiki.example.org/{PATH_P99})\n", "http://wiki.example.org/"),  # and the other way
        (f"[x](https://WIKI.Example.ORG/{PATH_P99})\n", WIKI),
        (f"[x](HTTPS://wiki.example.org/{PATH_P99})\n", WIKI),
        (f"[x](https://wiki.example.org:443/{PATH_P99})\n", WIKI),
        (f"[x](http://wiki.example.org:80/{PATH_P99})\n", WIKI),
        (f"[x](https://wiki.example.org./{PATH_P99})\n", WIKI),  # the final dot of a fully qualified name
        (f"[x](//wiki.example.org/{PATH_P99})\n", WIKI),  # scheme-relative
        (f'<a href="https:\\\\wiki.example.org\\seeds\\{SEED_000}\\#p99">x</a>\n', WIKI),  # backslashes are slashes
        (f'<a href="https://ｗｉｋｉ.example.org/{PATH_P99}">x</a>\n', WIKI),  # full-width letters fold into ASCII
        (f"[x](https://xn--bcher-kva.example/{PATH_P99})\n", "https://bücher.example/"),  # punycode for a Unicode host
        (f'<a href="https://BÜCHER.example/{PATH_P99}">x</a>\n', "https://xn--bcher-kva.example/"),  # Unicode for a punycode host
        (f"[x](https://bücher.example/{PATH_P99})\n", "https://bücher.example/"),
        (f"[x](https://wiki.example.org/wiki/{PATH_P99})\n", "https://wiki.example.org/wiki"),  # a wiki in a folder
    ],
)
def test_a_wiki_link_written_with_another_scheme_case_port_or_host_form_is_checked(real_site, tmp_path, markdown, base_url):
    review = tmp_path / "r.md"
    review.write_text(markdown)
    result = _check(real_site, review, extra=("--base-url", base_url))
    assert result.returncode == 1, result.stderr
    assert f"link to {PATH_P99}: the page has no anchor #p99" in result.stdout
    assert "1 wiki links" in result.stderr


def test_a_bare_wiki_url_in_a_plain_text_review_is_found_whatever_its_case_or_scheme(real_site, tmp_path):
    review = tmp_path / "r.txt"
    review.write_text(f"See HTTPS://WIKI.EXAMPLE.ORG:443/{PATH_P99} and http://wiki.example.org/{PATH_P99}.\n")
    result = _check(real_site, review, extra=("--base-url", WIKI))
    assert result.stdout.count(f"link to {PATH_P99}: the page has no anchor #p99") == 2, result.stdout


@pytest.mark.parametrize(
    "url",
    [
        f"https://wiki.example.org:8443/{PATH_P99}",  # another port: another site
        f"https://example.org/{PATH_P99}",
        f"https://wiki.example.org.evil.test/{PATH_P99}",
        f"https://wiki.example.org@evil.test/{PATH_P99}",  # the host is evil.test
        f"ftp://wiki.example.org/{PATH_P99}",
        f"https:wiki.example.org/{PATH_P99}",  # no slashes: a relative reference where the page is https
    ],
)
def test_a_link_to_another_site_is_not_a_wiki_link(real_site, tmp_path, url):
    review = tmp_path / "r.md"
    review.write_text(f"[x]({url})\n")
    result = _check(real_site, review, extra=("--base-url", WIKI))
    assert (result.returncode, result.stdout) == (0, ""), result.stdout
    assert "0 wiki links" in result.stderr


@pytest.mark.parametrize(
    ("markdown", "letter"),
    [
        (f"[x](https://wikі.example.org/seeds/{SEED_000}/#p1)\n", "“і” (U+0456 CYRILLIC SMALL LETTER BYELORUSSIAN-UKRAINIAN I)"),
        (f"[x](https://wiki.exаmple.org/seeds/{SEED_000}/#p1)\n", "“а” (U+0430 CYRILLIC SMALL LETTER A)"),
        (f'<a href="https://wiki.examplе.org/seeds/{SEED_000}/#p1">x</a>\n', "“е” (U+0435 CYRILLIC SMALL LETTER IE)"),
        (f"[x](https://xn--wik-lhd.example.org/seeds/{SEED_000}/#p1)\n", "“і” (U+0456 CYRILLIC SMALL LETTER BYELORUSSIAN-UKRAINIAN I)"),
        (f"[x](http://wіkі.example.org:8080/seeds/{SEED_000}/#p1)\n", "“і” (U+0456 CYRILLIC SMALL LETTER BYELORUSSIAN-UKRAINIAN I)"),
        (f"[x](https://wíki.example.org/seeds/{SEED_000}/#p1)\n", "“í” (U+00ED LATIN SMALL LETTER I WITH ACUTE)"),
        (f"[x](https://wiki.exαmple.org/seeds/{SEED_000}/#p1)\n", "“α” (U+03B1 GREEK SMALL LETTER ALPHA)"),
    ],
)
def test_a_host_that_only_looks_like_the_wikis_is_reported_as_posing_as_it(real_site, tmp_path, markdown, letter):
    review = tmp_path / "r.md"
    review.write_text(markdown)
    result = _check(real_site, review, extra=("--base-url", WIKI))
    assert result.returncode == 1
    assert f"is not the wiki's wiki.example.org but looks like it ({letter} in place of Latin letters); link to the wiki's own address ({WIKI})" in result.stdout, result.stdout


def test_a_base_url_that_is_not_an_http_address_is_bad_usage(real_site, tmp_path):
    review = tmp_path / "r.md"
    review.write_text("Nothing.\n")
    result = _check(real_site, review, extra=("--base-url", "wiki.example.org"))
    assert result.returncode == 2 and result.stderr.startswith("--base-url: 'wiki.example.org' is not an http(s) address; ")


# --- links at any depth ---------------------------------------------------------------------------

NO_P99 = f"link to {PATH_P99}: the page has no anchor #p99"
UNREAD_BLOCKS = "lists, block quotes or footnotes nested more than 64 levels deep are not read, so their links are not checked; nest them less deeply"
UNREAD_BRACKETS = "brackets nested more than 20 deep (or as many unclosed) in this paragraph are not read as links"


@pytest.mark.parametrize(
    ("markdown", "expected"),
    [
        ("> " * 25 + f"[a]({MISSING})\n", f"1:51: {NO_P99}"),  # deeper than markdown-it's limit of 20
        ("> " * 63 + f"[a]({MISSING})\n", f"1:127: {NO_P99}"),
        ("".join("  " * i + "- item\n" for i in range(14)) + "  " * 14 + f"- [a]({MISSING})\n", f"15:31: {NO_P99}"),
        ("> " * 30 + "Said so.[^1]\n\n" + "> " * 30 + f"[^1]: [a]({MISSING})\n", f"3:67: {NO_P99}"),
        ("> " * 65 + f"[a]({MISSING})\n", f"1:1: {UNREAD_BLOCKS}"),  # too deep to read: refused
        ("> " * 5000 + f"[a]({MISSING})\n", f"1:1: {UNREAD_BLOCKS}"),
        ("".join("  " * i + "- item\n" for i in range(40)) + "  " * 40 + f"- [a]({MISSING})\n", f"32:1: {UNREAD_BLOCKS}"),
        ("[" + "[" * 25 + "x" + "]" * 25 + f"]({MISSING})\n", f"1:1: {UNREAD_BRACKETS}"),
        ("[" + "![" * 25 + "x" + "](i.png)" * 25 + f"]({MISSING})\n", f"1:1: {UNREAD_BRACKETS}"),
        ("Text.\n\n" + "[" * 21 + f"a]({MISSING})\n", f"3:1: {UNREAD_BRACKETS}"),
    ],
)
def test_a_link_nested_at_any_depth_is_checked_or_the_nesting_is_reported(real_site, tmp_path, markdown, expected):
    review = tmp_path / "r.md"
    review.write_text(markdown)
    result = _check(real_site, review)
    assert result.returncode == 1 and "Traceback" not in result.stderr, result.stderr
    assert f"{review}:{expected}" in result.stdout, result.stdout


# --- quotations and links as reviewers write them -------------------------------------------------


def test_a_quotation_across_two_paragraphs_is_found_and_named_as_a_range(real_site, tmp_path):
    review = tmp_path / "r.md"
    quote = "killed by the SDF and Coalition airstrikes. Detainees who did not participate"
    review.write_text(f'- Brennan: "{quote}" ([¶10]({ARTICLE}#p10)).\n- Brennan: "{quote}" ([¶12]({ARTICLE}#p12)).\n')
    result = _check(real_site, review)
    assert result.stdout.splitlines() == [
        f"{review}:2:12: quotation “{quote}” is not in seeds/001_daa0dd757af5786e/#p12; it is in ¶10–¶11 of seeds/001_daa0dd757af5786e/: {ARTICLE}#p10",
    ]


def test_a_quotation_that_only_begins_in_the_next_paragraph_does_not_hold(real_site, tmp_path):
    review = tmp_path / "r.md"
    review.write_text(f'"Detainees who did not participate in the attack will be secured" ([¶10]({ARTICLE}#p10)).\n')
    result = _check(real_site, review)
    assert "it is in ¶11 of" in result.stdout


@pytest.fixture
def renamed_site(real_site, tmp_path) -> Path:
    """The real site with the interview's old address `seeds/old-interview/` redirecting to its page."""
    import shutil

    site = tmp_path / "site"
    shutil.copytree(real_site.site_dir, site, ignore=shutil.ignore_patterns("pagefind", "assets", "search"))
    links = json.loads((site / "links.json").read_text(encoding="utf-8"))
    links["redirects"] = {"seeds/old-interview/": f"seeds/{SEED_000}/"}
    (site / "links.json").write_text(json.dumps(links), encoding="utf-8")
    (site / "seeds" / "old-interview").mkdir()
    (site / "seeds" / "old-interview" / "index.html").write_text("<html><script>location.replace('../000/')</script></html>")
    return site


def test_a_passage_link_through_a_renamed_seeds_redirect_is_reported_with_the_new_address(renamed_site, tmp_path):
    review = tmp_path / "r.md"
    old = "http://127.0.0.1:8000/seeds/old-interview/"
    review.write_text(f"[a]({old}#p18) and [b]({old}#p18:~:text=no%20plan%20to%20withdraw).\n")
    result = _seedwiki(ROOT, "check-review", str(review), "--site", str(renamed_site))
    assert result.stdout.splitlines() == [
        f"{review}:1:57: passage link through seeds/old-interview/, the old address of a renamed seed: its redirect keeps #p18 but loses the highlighted passage; "
        f"link to the new address: {BASE}#p18:~:text=no%20plan%20to%20withdraw",
    ]
