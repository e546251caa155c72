"""Lighthouse (npm, package.json) on the built site, as a phone reads it: a seed page and the home
page score at least 95 in each of its four categories (performance, accessibility, best practices,
SEO). The site is served compressed, as GitHub Pages serves it; Lighthouse's default simulated
throttling (a mid-range phone on a slow 4G network) makes the performance score depend little on how
busy this machine is. Without Lighthouse (`npm ci`) or chromium the test skips, and fails in CI.

A 2 MB transcript is read as well: its text is shown over several pages (`link.targets.seed_parts`),
and its seed's page (the first part, with the "Parts" contents that keep every anchor) and a later
part are held to the same scores. The README ("Accessibility and performance") records the scores measured."""

from __future__ import annotations

import json
import os
import subprocess
from pathlib import Path

import pytest

from .conftest import CHROMIUM_ARGS, ROOT, chromium_path, make_project, mkdocs_build, serve_directory
from .test_browser_long_seed import transcript

LIGHTHOUSE = ROOT / "node_modules" / ".bin" / "lighthouse"
MISSING = "Lighthouse is missing: run `npm ci` (make test does it when npm is installed)"
CATEGORIES = ("performance", "accessibility", "best-practices", "seo")
LEAST = 0.95
PAGES = [
    "seeds/000_dfaa4f2b2677d4d0/",  # the interview
    "",  # the home page
]


def lighthouse(url: str) -> dict:
    """Lighthouse's report (JSON) of one page, read as on a phone."""
    chromium = chromium_path()
    if not LIGHTHOUSE.is_file() or chromium is None:
        message = MISSING if chromium else "chromium is missing: `sudo apt-get install chromium`"
        if os.environ.get("CI"):
            pytest.fail(message)
        pytest.skip(message)
    result = subprocess.run(
        [str(LIGHTHOUSE), url, "--quiet", "--form-factor=mobile", "--output=json", "--output-path=stdout",
         f"--only-categories={','.join(CATEGORIES)}", f"--chrome-flags={' '.join(CHROMIUM_ARGS)}"],
        env={**os.environ, "CHROME_PATH": chromium}, capture_output=True, text=True, timeout=600,
    )
    assert result.returncode == 0, result.stderr[-2000:]
    return json.loads(result.stdout)


def shortfalls(report: dict) -> list[str]:
    """The audits that cost a category points: "category: audit (score) value"."""
    audits = report["audits"]
    return [f"{name}: {ref['id']} ({audits[ref['id']]['score']}) {audits[ref['id']].get('displayValue', '')}"
            for name, category in report["categories"].items() for ref in category["auditRefs"]
            if ref["weight"] > 0 and audits[ref["id"]]["score"] is not None and audits[ref["id"]]["score"] < 1]


# Performance is simulated from one run's trace, which a busy machine slows (the long transcript's
# page scored 93 to 98 in four runs at a load of 3 to 6): a page whose first run falls short is run
# twice more and judged by the median of the three, as Lighthouse advises for variable scores.
RUNS = 3


def judged(url: str) -> None:
    """The page's scores at least `LEAST` in every category: its first run's, or the median run's of `RUNS`."""
    reports = []
    for _ in range(RUNS):
        report = lighthouse(url)
        assert report.get("runtimeError") is None, report["runtimeError"]
        reports.append(report)
        if report["categories"]["performance"]["score"] >= LEAST and len(reports) == 1:
            break  # a first run that passes needs no second opinion
    reports.sort(key=lambda report: report["categories"]["performance"]["score"] or 0)
    report = reports[len(reports) // 2]
    scores = {name: report["categories"][name]["score"] for name in CATEGORIES}
    assert all(score is not None and score >= LEAST for score in scores.values()), (scores, shortfalls(report))


@pytest.fixture(scope="module")
def served_site(real_site):
    with serve_directory(Path(real_site.site_dir), compressed=True) as url:
        yield url


@pytest.mark.browser
@pytest.mark.slow
@pytest.mark.parametrize("page", PAGES)
def test_a_phone_reads_the_page_well_by_lighthouse(served_site, page):
    judged(served_site + page)


@pytest.fixture(scope="module")
def served_long_site(tmp_path_factory):
    root = make_project(tmp_path_factory.mktemp("long-lighthouse"), {"long_transcript.txt": transcript()})
    result = mkdocs_build(root)
    assert result.returncode == 0, result.stderr
    with serve_directory(root / "site", compressed=True) as url:
        yield url


@pytest.mark.browser
@pytest.mark.slow
@pytest.mark.parametrize("page", ["seeds/long_transcript/", "seeds/long_transcript/part-40/"])
def test_a_phone_reads_a_long_transcripts_pages_well_by_lighthouse(served_long_site, page):
    judged(served_long_site + page)
