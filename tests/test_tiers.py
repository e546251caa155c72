"""The test tiers (tests/conftest.py): `make test-fast` runs the tests marked neither `site`, `browser`
nor `slow`, and `make test` runs every test. These checks read the markers of every test the run
collected (before -m or -k leave some out), so they hold under either command."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from .conftest import BROWSER_FIXTURES, COLLECTED, FAST, ROOT, SITE_FIXTURES, TIERS, item_functions, reached

FAST_TESTS_AT_LEAST = 1000  # 1,328 of the 1,943 tests when the tiers were set


def _fast(request) -> list[pytest.Item]:
    return [item for item in request.config.stash[COLLECTED] if not any(item.get_closest_marker(tier) for tier in TIERS)]


def _recipe(target: str) -> list[str]:
    makefile = (ROOT / "Makefile").read_text(encoding="utf-8")
    match = re.search(rf"^{target}:.*\n((?:\t.*\n)+)", makefile, re.M)
    assert match, f"no {target} target in the Makefile"
    return match.group(1).split("\n")


def test_make_test_runs_every_test_and_make_test_fast_leaves_out_the_tiers():
    (full,) = [line for line in _recipe("test") if "pytest" in line]
    assert full.strip() == "$(BIN)/python -m pytest"
    (fast,) = [line for line in _recipe("test-fast") if "pytest" in line]
    assert fast.strip() == f'$(BIN)/python -m pytest -m "{FAST}"'


def test_the_fast_tier_holds_most_of_the_suite(request):
    config = request.config
    if [(config.invocation_params.dir / arg).resolve() for arg in config.args] != [ROOT / "tests"]:
        pytest.skip("counts the fast tier only when the run collects the whole of tests/")
    assert len(_fast(request)) >= FAST_TESTS_AT_LEAST


def test_no_fast_test_uses_a_browser_or_the_real_site(request):
    used = {item.nodeid: sorted(set(item.fixturenames) & (BROWSER_FIXTURES | SITE_FIXTURES)) for item in _fast(request)}
    assert {test: fixtures for test, fixtures in used.items() if fixtures} == {}


def _playwright(name: str, names: dict) -> bool:
    """Whether a name in a code imports Playwright or is one of its objects."""
    value = names.get(name)
    module = getattr(value, "__module__", None) or getattr(value, "__name__", None)
    return name.split(".")[0] == "playwright" or (isinstance(module, str) and module.split(".")[0] == "playwright")


def test_no_fast_test_imports_or_calls_playwright(request):
    """Neither the test, its fixtures nor the test helpers they call import or name anything of Playwright."""
    calls = {item.nodeid: sorted({name for code, names in reached(item_functions(item)) for name in code.co_names if _playwright(name, names)})
             for item in _fast(request)}
    assert {test: names for test, names in calls.items() if names} == {}


def test_every_browser_test_file_is_outside_the_fast_tier(request):
    files = {Path(str(item.path)).name for item in _fast(request)}
    assert sorted(name for name in files if name.startswith("test_browser")) == []
