"""check-review against reviews written as people write them (tests/reviews/*.md: inline and
reference links, footnotes, blockquotes with "— source" lines, brackets, ellipses, changed quote
marks, quotations over two paragraphs, www. autolinks, http for https, file:// links into an
offline copy, links to source.txt and to headings, and wrong ones), each with the findings a
careful reader makes (tests/reviews/expected.yml), against the two real seeds. The checker must
agree with the reader on every review: each expected finding, and no other."""

from __future__ import annotations

import json
from collections import Counter
from pathlib import Path

import pytest
import yaml

from .conftest import ROOT
from .test_cli import _seedwiki

REVIEWS = Path(__file__).parent / "reviews"
EXPECTED: dict[str, list[dict]] = yaml.safe_load((REVIEWS / "expected.yml").read_text(encoding="utf-8"))
BASE_URL = "https://www.seedwiki.example/"  # where the reviews say the wiki is published
WARNINGS = {"negation", "local", "scheme"}


@pytest.fixture(scope="module")
def findings(real_site) -> dict[str, Counter]:
    """check-review's findings on every review of the folder, in one run: (line, kind) per review."""
    result = _seedwiki(ROOT, "check-review", *sorted(map(str, REVIEWS.glob("*.md"))), "--site", str(real_site.site_dir),
                       "--base-url", BASE_URL, "--format", "json")
    assert result.returncode in (0, 1), result.stderr
    found: dict[str, Counter] = {name: Counter() for name in EXPECTED}
    for finding in json.loads(result.stdout):
        found[Path(finding["file"]).name][(finding["line"], finding["kind"])] += 1
        assert (finding["severity"] == "warning") is (finding["kind"] in WARNINGS), finding
    return found


def test_every_review_has_its_expected_findings_and_the_suite_is_large_enough():
    assert sorted(EXPECTED) == sorted(p.name for p in REVIEWS.glob("*.md"))
    assert len(EXPECTED) >= 40
    kinds = Counter(f["kind"] for findings in EXPECTED.values() for f in findings)
    assert {"anchor", "page", "misquote", "elsewhere", "fragment", "negation", "local", "scheme"} <= kinds.keys()
    assert sum(not findings for findings in EXPECTED.values()) >= 15  # correct reviews, where a false alarm would show


@pytest.mark.parametrize("review", sorted(EXPECTED))
def test_check_review_agrees_with_the_careful_reader(findings, review):
    expected = Counter((f["line"], f["kind"]) for f in EXPECTED[review] or [])
    assert findings[review] == expected
