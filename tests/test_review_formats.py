"""check-review's findings as text, as JSON and as GitHub Actions annotations (`--format`), and
the stylesheet rules that decide which text of a page a passage link can match."""

from __future__ import annotations

import json

import pytest

from seedwiki.fragment import PageText, TextDirective, hiding_selectors
from seedwiki.review import Problem

from .conftest import ROOT
from .test_cli import _seedwiki

ARTICLE = "https://wiki.example.org/seeds/001_daa0dd757af5786e/"
REVIEW = f"""\
He said "a desperate attempt to display weakness" ([¶10]({ARTICLE}#p10)).
It was "not a threat" (<http://wiki.example.org/seeds/001_daa0dd757af5786e/#p0>).
"""


def _check(real_site, review, *extra):
    return _seedwiki(ROOT, "check-review", str(review), "--site", str(real_site.site_dir), "--base-url", "https://wiki.example.org/", *extra)


@pytest.fixture
def review(tmp_path):
    path = tmp_path / "review, draft: 1.md"
    path.write_text(REVIEW)
    return path


def test_json_is_a_list_of_findings_with_their_place_kind_and_severity(real_site, review):
    result = _check(real_site, review, "--format", "json")
    assert result.returncode == 1
    assert [(f["line"], f["col"], f["severity"], f["kind"]) for f in json.loads(result.stdout)] == [
        (1, 9, "error", "misquote"), (2, 24, "warning", "scheme"), (2, 24, "error", "anchor")]
    assert all(f["file"] == str(review) and f["message"] and f["suggestion"] for f in json.loads(result.stdout))


def test_github_annotations_stand_on_the_reviews_lines_with_escaped_properties(real_site, review):
    result = _check(real_site, review, "--format", "github")
    lines = result.stdout.splitlines()
    escaped = str(review).replace(":", "%3A").replace(",", "%2C")
    assert [line.split("::")[1] for line in lines] == [
        f"error file={escaped},line=1,col=9,title=check-review%3A misquote",
        f"warning file={escaped},line=2,col=24,title=check-review%3A scheme",
        f"error file={escaped},line=2,col=24,title=check-review%3A anchor",
    ]
    assert lines[0].startswith("::error ") and "::quotation “a desperate attempt to display weakness” is not in" in lines[0]
    assert result.returncode == 1 and "1 files, 2 wiki links, 1 quotations checked; 2 problems, 1 warnings" in result.stderr


def test_text_is_the_default_and_marks_warnings(real_site, review):
    result = _check(real_site, review)
    assert [line.removeprefix(f"{review}:").split(": ")[0] for line in result.stdout.splitlines()] == ["1:9", "2:24", "2:24"]
    assert ": warning: link to http://wiki.example.org/" in result.stdout


def test_warnings_alone_exit_0_and_no_findings_print_an_empty_json_list(real_site, tmp_path):
    review = tmp_path / "r.md"
    review.write_text(f'"Detainees who did … participate in the attack" ([¶11]({ARTICLE}#p11)).\n')
    result = _check(real_site, review, "--format", "json")
    assert result.returncode == 0 and [f["kind"] for f in json.loads(result.stdout)] == ["negation"]
    review.write_text(f'"Detainees who did not participate in the attack" ([¶11]({ARTICLE}#p11)).\n')
    result = _check(real_site, review, "--format", "json")
    assert (result.returncode, json.loads(result.stdout)) == (0, [])


@pytest.mark.parametrize(
    ("text", "shown"),
    [
        ("one\ntwo", "one␊two"),
        ("one\r::error::two", "one␍::error::two"),
        ("100% sure", "100%25 sure"),
        ("\x1b]0;pwned\x07", "␛]0;pwned␇"),
    ],
)
def test_an_annotation_is_one_line_that_no_review_text_can_end_or_forge(text, shown):
    annotation = Problem(f"r{text}.md", 3, 4, f"link to {text}", "fix it", "page").annotation()
    assert len(annotation.splitlines()) == 1 and "\x1b" not in annotation
    assert annotation.endswith(f"::link to {shown}; fix it")


# --- what the stylesheet hides ----------------------------------------------------------------------

CSS = """
/* a comment { display: none } */
.md-typeset .sw-srcnum { display: none; }
.md-typeset h3.sw-q > .headerlink {
  display: none;  /* the question's number is its permalink */
}
.sw-copy, .sw-passage { visibility: hidden }
.shown { display: inline-block; }
@media print { .sw-meta { display: none !important; } }
.md-content__inner:has(.sw-cite-data) > .md-tags { display: none; }
"""


def test_the_rules_that_hide_are_read_outside_at_rules_and_without_pseudo_classes():
    shown = [" ".join(f"{comb}{c.tag or ''}{''.join('.' + k for k in sorted(c.classes))}" for comb, c in selector) for selector in hiding_selectors(CSS)]
    assert shown == [".md-typeset  .sw-srcnum", ".md-typeset  h3.sw-q >.headerlink", ".sw-copy", ".sw-passage"]


@pytest.mark.parametrize(
    ("html", "directive", "lands_in"),
    [
        ("<div class='md-typeset'><h3 id='a'><span class='sw-srcnum'>7- </span>How do</h3></div><pre id='b'>7- How do</pre>", "text=7-%20how", "b"),
        ("<div class='md-typeset'><h3 id='a'><span class='sw-srcnum'>7- </span>How do</h3></div><pre id='b'>7- How do</pre>", "text=how%20do", "a"),
        ("<h3 id='a'><span class='sw-srcnum'>7- </span>How do</h3><pre id='b'>7- How do</pre>", "text=7-%20how", "a"),  # not under .md-typeset: shown
        ("<div class='md-typeset'><h3 class='sw-q' id='a'>Q <a class='headerlink'>x</a></h3><p id='b'>x</p></div>", "text=x", "b"),
        ("<div class='md-typeset'><h2 id='a'>Q <a class='headerlink'>x</a></h2><p id='b'>x</p></div>", "text=x", "a"),  # only a question's
        ("<p class='sw-copy' id='a'>copy</p><p id='b'>copy</p>", "text=copy", "b"),
    ],
)
def test_text_the_stylesheet_hides_is_never_matched(html, directive, lands_in):
    ids = PageText(html, hiding=hiding_selectors(CSS)).first_match(TextDirective.parse(directive[5:]))
    assert (None if ids is None else sorted(ids)[0]) == lands_in
