"""`seedwiki check-review`: links into the wiki and the quotations attached to them."""

from __future__ import annotations

import pytest

from seedwiki.review.quotes import quoted_in

from .conftest import ROOT
from .test_cli import _seedwiki

BASE = "http://127.0.0.1:8000/seeds/000_dfaa4f2b2677d4d0/"
ARTICLE = "http://127.0.0.1:8000/seeds/001_daa0dd757af5786e/"


def _check(real_site, *files, extra=()):
    return _seedwiki(ROOT, "check-review", *map(str, files), "--site", str(real_site.site_dir), *extra)


def test_the_sample_review_in_the_docs_passes(real_site):
    result = _check(real_site, ROOT / "docs" / "sample-review.md", ROOT / "docs" / "how-to-cite.md")
    assert result.returncode == 0, result.stdout
    assert result.stdout == ""
    assert "2 files, 7 wiki links, 4 quotations checked; 0 problems" in result.stderr


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
        f"{review}:4:9: quotation “our Syrian partners detained or killed 23 Daesh operatives” is not in seeds/000_dfaa4f2b2677d4d0/#p6; it is in ¶4 of seeds/000_dfaa4f2b2677d4d0/: {BASE}#p4",
        f"{review}:5:6: quotation “the Coalition will leave Syria soon” is not in seeds/000_dfaa4f2b2677d4d0/#q8 nor anywhere in the wiki; the closest passage there reads “withdraw Coalition forces from Northeast Syria.”",
        f"{review}:7:3: quotation “There is no plan to withdraw Coalition forces from Iraq.” is not in seeds/000_dfaa4f2b2677d4d0/#q8 nor anywhere in the wiki; the closest passage there reads “there is no plan to withdraw Coalition forces from Northeast”",
        f"{review}:10:3: text fragment 'no plan to leave' is not in seeds/000_dfaa4f2b2677d4d0/#p18; select the passage again and copy its link from the page",
    ]


def test_missing_review_or_site_is_bad_usage(real_site, tmp_path):
    missing = _check(real_site, tmp_path / "nope.md")
    assert missing.returncode == 2 and "nope.md: cannot read the review" in missing.stderr
    review = tmp_path / "r.md"
    review.write_text("Nothing.\n")
    no_site = _seedwiki(ROOT, "check-review", str(review), "--site", str(tmp_path))
    assert no_site.returncode == 2 and "no links.json: this is not a built seedwiki site; run `make build` first" in no_site.stderr
    assert "Traceback" not in missing.stderr + no_site.stderr


def test_a_published_base_url_is_recognised(real_site, tmp_path):
    review = tmp_path / "r.md"
    review.write_text('He said "no plan to withdraw" (https://wiki.example.org/seeds/000_dfaa4f2b2677d4d0/#p19).\n')
    result = _check(real_site, review, extra=("--base-url", "https://wiki.example.org/"))
    assert result.returncode == 1
    assert result.stdout.endswith(f"it is in ¶18 of seeds/000_dfaa4f2b2677d4d0/: {BASE}#p18\n")


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
    ],
)
def test_quotations_compare_with_normalised_marks_dashes_spaces_and_omissions(quote, text, holds):
    assert quoted_in(quote, text) is holds
