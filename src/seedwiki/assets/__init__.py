"""The files every seedwiki site needs, shipped in the package: the page scripts, one per feature
(`js/`), and style (`seedwiki.css`), vendored scripts with their licences (`vendor/`), and the theme's
template overrides (`../templates/`). The generator copies the assets into docs/ (`ASSET_ROOT`),
so that any MkDocs-compatible engine renders the same docs/; the plugin adds them to the pages.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from importlib.resources import files
from importlib.resources.abc import Traversable

from ..i18n import words_script
from ..model import Page

ASSET_ROOT = "seedwiki"  # docs/seedwiki/: a generated folder
TEMPLATES = files("seedwiki") / "templates"

# Every page script, in the order a page loads them; paths under ASSET_ROOT. The page scripts are
# plain scripts, no build step: js/words.js first (the interface's words in the site's language,
# generated from the package's words.json: `i18n.words_script`), then js/shared.js (the
# `window.seedwiki` object the others use, and what every page does), then a script per feature, after the vendored scripts they use (tablesort
# for sortable.js). A page loads only the scripts it uses (page_scripts); Zensical, which runs no
# plugins, lists them all (zensical.yml). The text-fragments generator (vendor/text-fragments/) is
# loaded by js/passage.js when a passage is first selected, never with a page.
STYLESHEETS = ("seedwiki.css",)
WORDS_SCRIPT = "js/words.js"  # generated, not a file of the package
SCRIPTS = (
    "vendor/tablesort/tablesort.min.js",
    "vendor/tablesort/tablesort.number.min.js",
    WORDS_SCRIPT,
    "js/shared.js",
    "js/cite.js",
    "js/passage.js",
    "js/preview.js",
    "js/sortable.js",
    "js/search.js",
)
# A class attribute naming, among others, ... The lookbehind after the literal says what a leading
# \b would, but lets the pattern start with a literal, which the regular expression engine finds
# fast: with \b first it tried every position of a page (0.6 ms a page for a mark not there).
_CLASS = r'class="(?<!\wclass=")(?:[^"]* )?'
_BLOCK = re.compile(_CLASS + r'sw-(?:p|title|unit)[ "]')  # citable blocks (js/shared.js, BLOCKS)
# What a page's HTML holds → the scripts that act on it, each found by the marks it acts on.
FEATURES: tuple[tuple[re.Pattern[str], tuple[str, ...]], ...] = (
    (re.compile(_BLOCK.pattern + "|" + _CLASS + r'sw-(?:cite-data|print-cite)[ "]'), ("js/cite.js",)),
    (_BLOCK, ("js/passage.js",)),
    # links to an entity, a paragraph or a question, and quotations (js/preview.js, PREVIEWED)
    (re.compile(r'href="[^"]*(?:\bentities/[^"/#]+/|#[pq]\d)|' + _CLASS + r'sw-quote(?:-by)?[ "]'), ("js/preview.js",)),
    (re.compile(_CLASS + r'sw-sortable[ "]'),
     ("vendor/tablesort/tablesort.min.js", "vendor/tablesort/tablesort.number.min.js", "js/sortable.js")),
    (re.compile(r'id="sw-search"(?<!\wid="sw-search")'), ("js/search.js",)),
)


def page_scripts(html: str) -> tuple[str, ...]:
    """The scripts a page loads, in SCRIPTS' order: the words and js/shared.js always, and each
    feature's scripts when the page's HTML (its content, as the theme receives it) holds what the
    feature acts on."""
    used = {WORDS_SCRIPT, "js/shared.js"}
    for marks, scripts in FEATURES:
        if marks.search(html):
            used.update(scripts)
    return tuple(name for name in SCRIPTS if name in used)


IFRAME_WORKER = "vendor/iframe-worker/shim.js"  # the offline build's stand-in for a search worker


def package_files(folder: Traversable, prefix: str = "") -> Iterator[tuple[str, Traversable]]:
    """Every file under a folder of the package, as (relative path, file); no Python code."""
    for item in sorted(folder.iterdir(), key=lambda i: i.name):
        if item.name == "__pycache__":
            continue
        if item.is_dir():
            yield from package_files(item, f"{prefix}{item.name}/")
        elif not item.name.endswith(".py"):
            yield prefix + item.name, item


def asset_pages() -> Iterator[Page]:
    """Every asset as a generated file under docs/seedwiki/, and the page scripts' words in the
    language being rendered (`i18n.speaking`)."""
    for path, item in package_files(files(__name__)):
        yield Page(f"{ASSET_ROOT}/{path}", item.read_bytes())
    yield Page(f"{ASSET_ROOT}/{WORDS_SCRIPT}", words_script())
