"""The page scripts (src/seedwiki/assets/js/): their node unit tests (tests/js/, node's own test
runner, a small fake page from tests/js/fake-dom.js) pass, and the scripts are listed once each,
the generated words and shared.js first, for the plugin (assets.SCRIPTS) and for Zensical (zensical.yml). Each page loads
only the scripts of what it holds (assets.page_scripts), deferred. Without node the unit tests
skip locally and fail in CI."""

from __future__ import annotations

import os
import shutil
import subprocess
from pathlib import Path

import pytest
import yaml
from bs4 import BeautifulSoup

from seedwiki.assets import ASSET_ROOT, SCRIPTS, WORDS_SCRIPT, page_scripts

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


SORTING = ("vendor/tablesort/tablesort.min.js", "vendor/tablesort/tablesort.number.min.js")
READING = (WORDS_SCRIPT, "js/shared.js", "js/cite.js", "js/passage.js", "js/preview.js")


@pytest.mark.parametrize(("html", "expected"), [
    ("<p>Plain text with <a href='../how-to-cite/'>a link</a>.</p>", (WORDS_SCRIPT, "js/shared.js",)),
    ('<p id="p3" class="sw-p sw-answer" data-label="Q1, ¶3">Text.</p>', (WORDS_SCRIPT, "js/shared.js", "js/cite.js", "js/passage.js")),
    ('<h1 class="sw-title" id="p1">Title</h1>', (WORDS_SCRIPT, "js/shared.js", "js/cite.js", "js/passage.js")),
    ('<div class="sw-cite-data" data-cite="{}"></div>', (WORDS_SCRIPT, "js/shared.js", "js/cite.js")),
    ('<a href="../entities/iraq/">Iraq</a>', (WORDS_SCRIPT, "js/shared.js", "js/preview.js")),
    ('<a href="../entities/">Entities</a>', (WORDS_SCRIPT, "js/shared.js",)),  # the index of entities: no entity to preview
    ('<a href="../seeds/a/#p12">¶12</a>', (WORDS_SCRIPT, "js/shared.js", "js/preview.js")),
    ('<span class="sw-quote" data-speaker="X">“Words”</span>', (WORDS_SCRIPT, "js/shared.js", "js/preview.js")),
    ('<p class="sw-sortable">Select a column heading…</p><table></table>', (*SORTING, WORDS_SCRIPT, "js/shared.js", "js/sortable.js")),
    ('<div id="sw-search" class="sw-search"></div>', (WORDS_SCRIPT, "js/shared.js", "js/search.js")),
    ('<p class="sw-pilot">not a block</p><p>sw-sortable, said as words</p>', (WORDS_SCRIPT, "js/shared.js",)),
    # an attribute whose name only ends in class or id is not one
    ('<p xclass="sw-p" xid="sw-search">Text.</p>', (WORDS_SCRIPT, "js/shared.js",)),
    ('class="sw-p">at the very start</p>', (WORDS_SCRIPT, "js/shared.js", "js/cite.js", "js/passage.js")),
])
def test_a_page_loads_the_scripts_of_what_it_holds(html, expected):
    assert page_scripts(html) == expected


def _loaded(html: str) -> list[str]:
    """The page's scripts under seedwiki/, in the order it loads them, each checked to be deferred."""
    scripts = BeautifulSoup(html, "html.parser").select("script[src]")
    assert all(script.has_attr("defer") or script.get("type") == "module" for script in scripts), [str(s) for s in scripts]
    return [script["src"].split(f"{ASSET_ROOT}/", 1)[1] for script in scripts if f"{ASSET_ROOT}/" in script["src"]]


@pytest.mark.parametrize(("page", "expected"), [
    ("", [WORDS_SCRIPT, "js/shared.js"]),  # the home page
    ("how-to-cite", [WORDS_SCRIPT, "js/shared.js"]),
    ("catalogue", [*SORTING, WORDS_SCRIPT, "js/shared.js", "js/sortable.js"]),
    ("search", [WORDS_SCRIPT, "js/shared.js", "js/search.js"]),
    ("seeds/000_dfaa4f2b2677d4d0", list(READING)),  # an interview
    ("seeds/001_daa0dd757af5786e", list(READING)),  # a news article
    ("entities/iraq", [WORDS_SCRIPT, "js/shared.js", "js/preview.js"]),
    ("quotes", [WORDS_SCRIPT, "js/shared.js", "js/preview.js"]),
    ("timeline", [WORDS_SCRIPT, "js/shared.js", "js/preview.js"]),
    ("tags", [WORDS_SCRIPT, "js/shared.js"]),
])
def test_each_page_of_the_built_site_loads_only_its_scripts_deferred(real_site, page, expected):
    assert _loaded(real_site.html(page)) == expected


def test_the_404_page_loads_the_shared_script_deferred(real_site):
    assert _loaded((real_site.site_dir / "404.html").read_text(encoding="utf-8")) == [WORDS_SCRIPT, "js/shared.js"]


def test_no_page_loads_the_text_fragment_generator(real_site):
    """js/passage.js loads it when a passage is first selected (tests/test_browser_fragment.py)."""
    for page in real_site.site_dir.rglob("*.html"):
        assert "fragment-generation-utils" not in page.read_text(encoding="utf-8"), page


@pytest.mark.parametrize(("features", "expected"), [
    ([], [f"{ASSET_ROOT}/{WORDS_SCRIPT}", f"{ASSET_ROOT}/js/shared.js"]),
    (["navigation.instant"], [f"{ASSET_ROOT}/{name}" for name in SCRIPTS]),
])
def test_instant_navigation_keeps_every_script_on_every_page(features, expected):
    """Material's instant navigation swaps pages without loading their scripts: then every page has all."""
    from types import SimpleNamespace

    from seedwiki.plugin.plugin import SeedwikiPlugin

    page = SimpleNamespace(content="<p>Plain.</p>", file=SimpleNamespace(dest_uri="index.html"))
    config = SimpleNamespace(theme={"features": features})
    context = SeedwikiPlugin().on_page_context({}, page=page, config=config, nav=None)  # type: ignore[arg-type]
    assert context["seedwiki_scripts"] == expected


def test_the_text_fragment_generator_loads_on_the_first_passage_selected(browser_page, real_site_url):
    page = browser_page.page
    page.goto(real_site_url + "seeds/001_daa0dd757af5786e/")
    page.wait_for_load_state("load")
    generator = "vendor/text-fragments/fragment-generation-utils.js"
    assert page.evaluate("window.TextFragmentGeneration === undefined")
    assert not any(generator in url for url in browser_page.requests)
    page.evaluate("""() => {
        const text = [...document.querySelector('#p4').childNodes].find(n => n.nodeType === 3 && n.textContent.length > 20);
        const range = document.createRange();
        range.setStart(text, 1);
        range.setEnd(text, 15);
        getSelection().removeAllRanges();
        getSelection().addRange(range);
    }""")
    page.get_by_role("button", name="Copy a link to the selected passage").wait_for()
    assert page.evaluate("typeof window.TextFragmentGeneration.generateFragment") == "function"
    assert sum(generator in url for url in browser_page.requests) == 1
