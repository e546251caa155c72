"""The page scripts (src/seedwiki/assets/js/): their node unit tests (tests/js/, node's own test
runner, a small fake page from tests/js/fake-dom.js) pass, and the scripts are listed once each,
the generated words and shared.js first, for the plugin (assets.SCRIPTS) and for Zensical (zensical.yml). Without node
these tests skip locally and fail in CI."""

from __future__ import annotations

import os
import shutil
import subprocess
from pathlib import Path

import pytest
import yaml

from seedwiki.assets import ASSET_ROOT, SCRIPTS, WORDS_SCRIPT

ROOT = Path(__file__).resolve().parent.parent
JS_TESTS = ROOT / "tests" / "js"
PAGE_SCRIPTS = ROOT / "src" / "seedwiki" / "assets" / "js"
MISSING = "node is missing: the page scripts' unit tests need it (sudo apt-get install nodejs)"


@pytest.mark.slow
def test_the_page_scripts_unit_tests_pass():
    node = shutil.which("node")
    if node is None:
        if os.environ.get("CI"):
            pytest.fail(MISSING)
        pytest.skip(MISSING)
    # The files, not the folder: node 21 and later read a folder given to --test as a file.
    files = sorted(str(path.relative_to(ROOT)) for path in JS_TESTS.glob("*.test.js"))
    assert files, "no tests in tests/js/"
    result = subprocess.run([node, "--test", *files], cwd=ROOT, capture_output=True, text=True, timeout=120)
    assert result.returncode == 0, f"node --test failed:\n{result.stdout}\n{result.stderr}"


def test_every_page_script_is_loaded_once_words_and_shared_first():
    """The generated words (js/words.js, not a file of the package), then shared.js, then one script per feature."""
    page_scripts = [name for name in SCRIPTS if name.startswith("js/")]
    assert page_scripts[:2] == [WORDS_SCRIPT, "js/shared.js"]
    assert not (PAGE_SCRIPTS / "words.js").exists()
    assert sorted(page_scripts[1:]) == sorted(f"js/{path.name}" for path in PAGE_SCRIPTS.glob("*.js"))
    assert len(set(SCRIPTS)) == len(SCRIPTS)
    assert SCRIPTS[-len(page_scripts):] == tuple(page_scripts)  # after the vendored scripts they use


@pytest.mark.parametrize("config", ["zensical.yml", "src/seedwiki/project/zensical.yml"])
def test_zensical_lists_the_scripts_the_plugin_adds(config):
    """Zensical runs no plugins: its configuration names the same scripts, in the same order."""
    listed = yaml.safe_load((ROOT / config).read_text(encoding="utf-8"))["extra_javascript"]
    assert listed == [f"{ASSET_ROOT}/{name}" for name in SCRIPTS]
