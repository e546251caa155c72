"""Tiny sites in tmp_path: the project's own mkdocs.yml, hooks and hand-written pages, any seeds."""

from __future__ import annotations

import functools
import gzip
import importlib.util
import inspect
import io
import os
import shutil
import socket
import subprocess
import sys
import threading
from contextlib import contextmanager
from dataclasses import dataclass
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest
from hypothesis import settings

from seedwiki.write import GENERATED_ROOTS

# In CI the property tests explore a fixed sequence of examples, so a run is repeatable;
# locally they explore new ones each run (and remember failures in .hypothesis/).
settings.register_profile("ci", derandomize=True, database=None)
if os.environ.get("CI"):
    settings.load_profile("ci")

ROOT = Path(__file__).resolve().parents[1]


@functools.cache
def bench_module():
    """scripts/bench.py as a module (its synthetic corpora), for the tests and scripts/same-output.py."""
    spec = importlib.util.spec_from_file_location("seedwiki_bench", ROOT / "scripts" / "bench.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module
MKDOCS = [sys.executable, "-m", "mkdocs"]
SEEDS = sorted((ROOT / "seeds").glob("*.txt"))
REAL_SEED_NAMES = {p.name for p in SEEDS}
SEED_FILES = {p.name: p.read_bytes() for p in sorted((ROOT / "seeds").iterdir()) if p.suffix in (".txt", ".yml")}


@dataclass(frozen=True)
class Site:
    root: Path

    @property
    def site_dir(self) -> Path:
        return self.root / "site"

    @property
    def docs_dir(self) -> Path:
        return self.root / "docs"

    def html(self, url: str) -> str:
        return (self.site_dir / url / "index.html").read_text(encoding="utf-8")


def make_project(root: Path, seeds: dict[str, bytes]) -> Path:
    """A copy of this project's configuration and hand-written pages, with the given seeds."""
    root.mkdir(parents=True, exist_ok=True)
    for config in ("mkdocs.yml", "mkdocs.offline.yml", "zensical.yml"):
        shutil.copy2(ROOT / config, root / config)
    shutil.copytree(ROOT / "docs", root / "docs", ignore=shutil.ignore_patterns(*GENERATED_ROOTS, ".seedwiki-*"))
    if seeds.keys() >= REAL_SEED_NAMES:
        for name in ("permalinks.lock", "glossary.yml"):
            shutil.copy2(ROOT / name, root / name)
    else:
        # the sample review cites the real seeds; a site without them gets a placeholder page
        (root / "docs" / "sample-review.md").write_text("# Sample review\n\nIt cites seeds this site does not have.\n")
    (root / "seeds").mkdir(exist_ok=True)
    for name, data in seeds.items():
        (root / "seeds" / name).write_bytes(data)
    return root


def mkdocs_build(root: Path, config: str = "mkdocs.yml", site_dir: str = "site") -> subprocess.CompletedProcess:
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}
    env.pop("SEEDWIKI_SITE_URL", None)
    return subprocess.run(
        [*MKDOCS, "build", "--strict", "-f", config, "--site-dir", site_dir], cwd=root, env=env, capture_output=True, text=True
    )


def build_site(root: Path, seeds: dict[str, bytes]) -> Site:
    result = mkdocs_build(make_project(root, seeds))
    assert result.returncode == 0, result.stderr
    return Site(root)


@pytest.fixture(scope="session")
def real_site(tmp_path_factory) -> Site:
    """The real seeds/ built once for the session, with the build's output kept for inspection."""
    return build_site(tmp_path_factory.mktemp("real"), SEED_FILES)


@pytest.fixture(scope="session")
def real_offline_site(real_site) -> Path:
    """The offline build (mkdocs.offline.yml) of the real seeds: the folder to open from disk."""
    result = mkdocs_build(real_site.root, "mkdocs.offline.yml", "site-offline")
    assert result.returncode == 0, result.stderr
    return real_site.root / "site-offline"


# --- real-browser tests: Playwright driving the system's chromium ---------------------------------

CHROMIUM_ARGS = [
    "--headless", "--no-sandbox", "--disable-gpu", "--no-first-run",
    "--disable-background-networking", "--disable-component-update", "--disable-sync",
]
MISSING_BROWSER = (
    "the browser tests need Debian's chromium package: `sudo apt-get install chromium` "
    "(or set SEEDWIKI_CHROMIUM to a chromium binary)"
)


def chromium_path() -> str | None:
    return os.environ.get("SEEDWIKI_CHROMIUM") or shutil.which("chromium") or shutil.which("chromium-browser")


@pytest.fixture(scope="session")
def browser():
    """A headless chromium for the session. In CI a missing browser fails the tests; locally it skips them, saying how to install it."""
    path = chromium_path()
    try:
        from playwright.sync_api import sync_playwright
    except ImportError:
        path = None
    if path is None:
        if os.environ.get("CI"):
            pytest.fail(MISSING_BROWSER)
        pytest.skip(MISSING_BROWSER)
    with sync_playwright() as playwright:
        chromium = playwright.chromium.launch(executable_path=path, args=CHROMIUM_ARGS)
        yield chromium
        chromium.close()


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@contextmanager
def serve_directory(directory: Path, *, compressed: bool = False):
    """Serve `directory` on 127.0.0.1 (a free port) for as long as the context lasts; yields the base URL.
    `compressed`: text files gzipped for a client that accepts it, as GitHub Pages serves them."""
    handler = functools.partial(_GzipHandler if compressed else _QuietHandler, directory=str(directory))
    server = ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_port}/"
    finally:
        server.shutdown()
        server.server_close()


class _QuietHandler(SimpleHTTPRequestHandler):
    def log_message(self, *args):  # keep test output clean
        pass


class _GzipHandler(_QuietHandler):
    COMPRESSED = (".html", ".css", ".js", ".json", ".svg", ".txt", ".xml")

    def send_head(self):
        path = Path(self.translate_path(self.path))
        if path.is_dir():
            path = path / "index.html"
        if not (path.suffix in self.COMPRESSED and path.is_file() and "gzip" in self.headers.get("Accept-Encoding", "")
                and self.path.split("?")[0].endswith(("/", path.name))):
            return super().send_head()
        body = gzip.compress(path.read_bytes(), compresslevel=6)
        self.send_response(200)
        self.send_header("Content-Type", self.guess_type(str(path)))
        self.send_header("Content-Encoding", "gzip")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        return io.BytesIO(body)


@pytest.fixture(scope="session")
def real_site_url(real_site):
    with serve_directory(real_site.site_dir) as url:
        yield url


@dataclass
class BrowserPage:
    """A page, with every request it made and every console error it logged."""

    page: object
    requests: list
    errors: list


@pytest.fixture
def browser_page(browser, request):
    """A fresh browser page; at the end of the test, fails on console errors and on any request that is
    not local (another origin than 127.0.0.1, or not file:, data: or blob:)."""
    options = getattr(request, "param", {}) or {}
    context = browser.new_context(**options)
    context.grant_permissions(["clipboard-read", "clipboard-write"])
    page = context.new_page()
    recorded = BrowserPage(page, [], [])
    page.on("request", lambda r: recorded.requests.append(r.url))
    page.on("console", lambda m: recorded.errors.append(m.text) if m.type == "error" else None)
    page.on("pageerror", lambda e: recorded.errors.append(str(e)))
    yield recorded
    context.close()
    foreign = [u for u in recorded.requests if not u.startswith(("http://127.0.0.1:", "file:", "data:", "blob:", "about:"))]
    assert foreign == [], f"requests left the local origin: {foreign}"
    assert recorded.errors == [], f"console errors: {recorded.errors}"


# --- test tiers: `make test-fast` runs the tests that carry none of these markers ---------------------
#
# `site`: builds a project: MkDocs build or serve, Pagefind, the seedwiki command in a subprocess, or
# pages generated in the test's own process for over about half a second; `browser`: drives chromium;
# `slow`: takes over about half a second for another reason. The hook below marks a test `browser`
# when it uses the browser fixtures, and `site` when it uses the real site's fixtures or when the test,
# its fixtures or the test helpers they call name a site-building helper (build_site, mkdocs_build,
# MKDOCS, test_cli._seedwiki) or run `mkdocs`, `pagefind` or `seedwiki.cli` in a subprocess
# themselves. Tests that build by other means or are slow for another reason carry their marker in
# their file (`@pytest.mark.site`, `pytestmark = pytest.mark.site`). tests/test_tiers.py checks the tiers.

TIERS = ("site", "browser", "slow")
FAST = " and ".join(f"not {tier}" for tier in TIERS)  # the -m expression of `make test-fast`
BROWSER_FIXTURES = {"browser", "browser_page"}
SITE_FIXTURES = {"real_site", "real_offline_site", "real_site_url"}
SITE_HELPERS = {"build_site", "mkdocs_build", "MKDOCS", "_seedwiki"}
SITE_COMMANDS = {"mkdocs", "pagefind", "seedwiki.cli"}  # as in [sys.executable, "-m", "mkdocs", "build"]
_PACKAGE = __name__.rpartition(".")[0] + "."


def _codes(code):
    """A function's code and the code of the functions and comprehensions inside it."""
    yield code
    for const in code.co_consts:
        if hasattr(const, "co_consts"):
            yield from _codes(const)


def _strings(consts):
    """The strings among a code's constants, also inside constant tuples (["-m", "mkdocs", "build"])."""
    for const in consts:
        if isinstance(const, str):
            yield const
        elif isinstance(const, (tuple, frozenset)):
            yield from _strings(const)


def reached(funcs):
    """(code, its function's globals) of `funcs` and of every function of the test package they name, once each."""
    seen: set = set()
    todo = [inspect.unwrap(f) for f in funcs]
    while todo:
        func = todo.pop()
        code = getattr(func, "__code__", None)
        if code is None or code in seen:
            continue
        seen.add(code)
        for part in _codes(code):
            yield part, func.__globals__
            for name in part.co_names:
                value = func.__globals__.get(name)
                if inspect.isfunction(value) and value.__module__.startswith(_PACKAGE):
                    todo.append(inspect.unwrap(value))


def item_functions(item) -> list:
    """The test's function and those of the fixtures it uses that the test package defines."""
    definitions = getattr(item, "_fixtureinfo", None)
    funcs = [getattr(item, "obj", None)]
    if definitions is not None:
        funcs += [defs[-1].func for name, defs in definitions.name2fixturedefs.items() if name in item.fixturenames and defs]
    return [f for f in funcs if getattr(f, "__module__", "").startswith(_PACKAGE)]  # not pytest's own fixtures


def _builds_site(item) -> bool:
    return bool(SITE_FIXTURES.intersection(item.fixturenames)) or any(
        SITE_HELPERS.intersection(code.co_names) or SITE_COMMANDS.intersection(_strings(code.co_consts))
        for code, _ in reached(item_functions(item))
    )


COLLECTED = pytest.StashKey[list]()  # every test collected, before -m and -k leave some out


def pytest_collection_modifyitems(config, items):
    config.stash[COLLECTED] = list(items)
    for item in items:
        if any(item.get_closest_marker(tier) for tier in TIERS):
            continue
        if BROWSER_FIXTURES.intersection(item.fixturenames):
            item.add_marker(pytest.mark.browser)
        elif _builds_site(item):
            item.add_marker(pytest.mark.site)


AXE = ROOT / "node_modules" / "axe-core" / "axe.min.js"


@pytest.fixture(scope="session")
def axe_source() -> str:
    """axe-core's script (npm), for the accessibility tests; missing, they skip, or fail in CI."""
    if not AXE.is_file():
        message = "axe-core is missing: run `npm ci` (make test does it when npm is installed)"
        if os.environ.get("CI"):
            pytest.fail(message)
        pytest.skip(message)
    return AXE.read_text(encoding="utf-8")
