"""Seeds may have any file name: accented, spaced, dashed or Arabic names build, pass every check
(the sitemap, search index, links.json and lock compared as decoded addresses), cite and are
checked in a review, whichever way a review spells their addresses."""

from __future__ import annotations

import subprocess
import sys
from urllib.parse import quote

import pytest

from seedwiki.check import site_path, sitemap_pages

from .conftest import make_project

SEEDS = {
    "Douze orphelins – été 2019.txt": "Douze orphelins\n\nUn texte en français, écrit en été 2019.\n\nDeuxième paragraphe du texte.\n",
    "تقرير الأمم المتحدة.txt": "تقرير عن المدينة\n\nهذا نص عربي قصير للاختبار.\n",
    "a-b--c  d.txt": "Dashed and spaced\n\nSome text about dashes.\n",
}
SLUGS = {"Douze orphelins – été 2019.txt": "douze-orphelins-été-2019", "تقرير الأمم المتحدة.txt": "تقرير-الأمم-المتحدة", "a-b--c  d.txt": "a-b-c-d"}
BASE = "http://127.0.0.1:8000/"


def _seedwiki(root, *args):
    return subprocess.run([sys.executable, "-m", "seedwiki", "--root", str(root), *args], capture_output=True, text=True)


@pytest.fixture(scope="module")
def checked(tmp_path_factory):
    """A project of the three seeds, locked, then built and checked: (root, the check's output)."""
    root = make_project(tmp_path_factory.mktemp("names") / "p", {name: text.encode() for name, text in SEEDS.items()})
    assert _seedwiki(root, "lock").returncode == 0
    result = _seedwiki(root, "check")
    return root, result


def test_every_check_passes_for_accented_spaced_dashed_and_arabic_file_names(checked):
    root, result = checked
    assert result.returncode == 0, result.stdout + result.stderr
    assert "seeds in the sitemap                                              3/3" in result.stdout
    assert "locked pages resolve (7 anchors)" in result.stdout and "FAILED" not in result.stdout
    for slug in SLUGS.values():
        assert (root / "site" / "seeds" / slug / "index.html").is_file()


def test_the_sitemap_is_read_as_decoded_addresses():
    sitemap = ("<urlset><url><loc>https://example.org/wiki/</loc></url>"
               "<url><loc>https://example.org/wiki/seeds/douze-orphelins-%C3%A9t%C3%A9-2019/</loc></url>"
               "<url><loc>https://example.org/wiki/seeds/a&amp;b/</loc></url></urlset>")
    assert sitemap_pages(sitemap) == {"", "seeds/douze-orphelins-été-2019/", "seeds/a&b/"}
    assert site_path("seeds/%D8%AA/#p2") == "seeds/ت/"


@pytest.mark.parametrize("name", list(SEEDS))
def test_a_seed_with_any_file_name_is_cited_by_slug_or_file_name(checked, name):
    root, _ = checked
    by_slug = _seedwiki(root, "cite", SLUGS[name], "--p", "2", "--format", "url")
    by_name = _seedwiki(root, "cite", name, "--p", "2", "--format", "url")
    assert by_slug.returncode == 0, by_slug.stderr
    assert by_slug.stdout == by_name.stdout == f"{BASE}seeds/{SLUGS[name]}/#p2\n"


def test_a_quoted_passage_of_an_accented_seed_is_cited_with_its_fragment(checked):
    root, _ = checked
    result = _seedwiki(root, "cite", "douze-orphelins-été-2019", "--p", "2", "--quote", "écrit en été", "--format", "url")
    assert result.returncode == 0, result.stderr
    assert result.stdout.startswith(f"{BASE}seeds/douze-orphelins-été-2019/#p2:~:text=")


def test_a_review_links_any_file_name_raw_or_percent_encoded(checked, tmp_path):
    root, _ = checked
    french, arabic, dashed = (SLUGS[name] for name in SEEDS)
    review = tmp_path / "review.md"
    review.write_text(
        "# Review\n\n"
        f'The text says "écrit en été 2019" ([¶2]({BASE}seeds/{quote(french)}/#p2)).\n'
        f"Also [¶3]({BASE}seeds/{french}/#p3), [lower case escapes]({BASE}seeds/{quote(french).lower()}/#p1),\n"
        f"[the report]({BASE}seeds/{quote(arabic)}/#p2), [in Arabic]({BASE}seeds/{arabic}/#p1) and [dashes]({BASE}seeds/{dashed}/#p2).\n\n"
        f"A wrong one: [¶9]({BASE}seeds/{quote(french)}/#p9).\n",
        encoding="utf-8",
    )
    result = _seedwiki(root, "check-review", str(review), "--site", str(root / "site"))
    assert "7 wiki links, 1 quotations checked; 1 problems" in result.stderr, result.stdout + result.stderr
    assert result.stdout == f"{review}:7:14: link to seeds/{french}/#p9: the page has no anchor #p9; it has #p1–#p3\n"
