"""The whole generation as a plain sequence of named steps; the CLI and the MkDocs hook call it."""

from __future__ import annotations

import hashlib
import json
import multiprocessing
import os
import re
import shutil
import time
from collections.abc import Callable, Iterator
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass
from itertools import chain
from pathlib import Path
from urllib.parse import urlsplit

from .assets import asset_pages
from .cite import links_template
from .connected import connect
from .curate import check_orphans, curate
from .entities import GLOSSARY_NAME, read_glossary
from .errors import ConfigError, IngestError, WriteError
from .ingest import discover, entry_kind, ignored_files, ingest, read_regular
from .link import link
from .lock import check_lock, read_lock, unlocked
from .memo import Memo
from .model import Corpus, Document
from .parse import parse
from .parsecache import ParseCache
from .render import seed_nav
from .render.connected import render_site
from .write import GENERATED_ROOTS, ProjectLock, WriteResult, generated_files, read_manifest, write

CATALOGUE_PAGE = "catalogue/index.md"


@dataclass(frozen=True)
class Project:
    """Where a seedwiki project keeps its files: paths relative to `root` (the folder of mkdocs.yml),
    as the plugin's options name them."""

    root: Path
    seeds: str = "seeds"
    glossary: str = GLOSSARY_NAME
    lock_file: str = "permalinks.lock"
    docs: str = "docs"

    @property
    def seeds_dir(self) -> Path:
        return self.root / self.seeds

    @property
    def docs_dir(self) -> Path:
        return self.root / self.docs

    @property
    def glossary_path(self) -> Path:
        return self.root / self.glossary

    @property
    def lock_path(self) -> Path:
        return self.root / self.lock_file

    @property
    def cache_dir(self) -> Path:
        """What the last build knew (to skip an unchanged build) and its links.json; safe to delete."""
        return self.root / ".seedwiki-cache"

    @property
    def build_lock(self) -> Path:
        """The file whose `flock` one build of the project holds at a time (`write.ProjectLock`)."""
        return self.cache_dir / "build.lock"

    def lock(self, on_wait: Callable[[str], None] | None = None) -> ProjectLock:
        return ProjectLock(self.build_lock, on_wait=on_wait)


def project_at(root: Path) -> Project:
    """The project in `root`, with the paths its mkdocs.yml gives the seedwiki plugin (`seeds`,
    `glossary`, `lock`, `docs_dir`); the defaults when it has none."""
    from mkdocs.utils.yaml import yaml_load

    try:
        with (root / "mkdocs.yml").open("rb") as file:
            config = yaml_load(file) or {}
    except (OSError, ValueError):  # no or unreadable mkdocs.yml: the commands that need it say so
        return Project(root)
    options: dict = {}
    for plugin in config.get("plugins") or () if isinstance(config, dict) else ():
        if isinstance(plugin, dict) and isinstance(plugin.get("seedwiki"), dict):
            options = plugin["seedwiki"]
    names = {"seeds": "seeds", "glossary": "glossary", "lock": "lock_file"}
    paths = {field: options[key] for key, field in names.items() if isinstance(options.get(key), str)}
    if isinstance(config, dict) and isinstance(config.get("docs_dir"), str):
        paths["docs"] = config["docs_dir"]
    return Project(root, **paths)


def clean(project: Project) -> list[str]:
    """Remove what builds made (the generated folders of docs/, the site, the cache), holding the
    project lock; hand-written files stay. Returns what was removed, relative to the project."""
    removed = []
    with project.lock():
        for path in [*(project.docs_dir / root for root in GENERATED_ROOTS), *project.docs_dir.glob(".seedwiki-*"),
                     project.root / "site", project.root / "site-offline", *project.root.glob("site*.seedwiki-*")]:
            if path.is_dir() and not path.is_symlink():
                shutil.rmtree(path)
            elif path.exists() or path.is_symlink():
                path.unlink()
            else:
                continue
            removed.append(path.relative_to(project.root).as_posix())
        for path in project.cache_dir.iterdir() if project.cache_dir.is_dir() else ():
            if path != project.build_lock:
                shutil.rmtree(path) if path.is_dir() else path.unlink()
    return removed


@dataclass(frozen=True)
class BuildResult:
    seeds: int
    nav: list  # the seeds' navigation sections, for `with_seed_nav`
    written: WriteResult
    redirects: dict[str, str]  # locked pages of seeds whose slug changed: old page → new page
    notices: list[str]  # what a curator should know about a build that succeeded (encodings read)
    unlocked: int  # pages and anchors not in permalinks.lock yet
    links: Path  # links.json for the site, with SITE_URL_MARK where the site's address goes


Report = Callable[[str], None]  # receives progress lines: what a stage did, with counts and seconds

PROGRESS_EVERY = 500  # seeds between progress lines while reading


class Stopwatch:
    """Progress of a long build: each `lap` reports what was done and how long it took."""

    def __init__(self, report: Report | None) -> None:
        self.report = report
        self.start = self.lap_start = time.perf_counter()

    def lap(self, what: str) -> None:
        if self.report is not None:
            now = time.perf_counter()
            self.report(f"{what} ({now - self.lap_start:.1f} s)")
            self.lap_start = now


POOL_MIN_SEEDS = 400  # from this many seeds on, parsing runs in a process pool (one process a core)


def read_document(path: Path) -> Document:
    """ingest → parse → curate: one seed (run in the pool's processes for large corpora)."""
    return curate(parse(ingest(path)))


def _parsed(paths: list[Path]) -> Iterator[Document]:
    """The documents of `paths` in order: in a process pool for large corpora on several cores. An
    error is raised for the first seed (in order) that has one, as a sequential read would."""
    cores = os.cpu_count() or 1
    if len(paths) < POOL_MIN_SEEDS or cores < 2:
        yield from map(read_document, paths)
        return
    # forkserver: the serving process has threads (fork would copy their locks); the server
    # imports the parser once and forks each worker from it
    context = multiprocessing.get_context("forkserver")
    context.set_forkserver_preload(["seedwiki.build"])
    with ProcessPoolExecutor(max_workers=cores, mp_context=context) as pool:
        yield from pool.map(read_document, paths, chunksize=max(1, min(64, len(paths) // (cores * 8))))


def _documents(paths: list[Path], cache: ParseCache | None = None) -> Iterator[Document]:
    """The documents of `paths` in order; with a `cache`, only the seeds it does not hold are
    parsed (cached documents have no errors, so the first error is still the first in order)."""
    if cache is None:
        yield from _parsed(paths)
        return
    keys = [cache.key(path) for path in paths]
    found = [cache.get(key, path) if key is not None else None for key, path in zip(keys, paths, strict=True)]
    parsed = _parsed([path for path, document in zip(paths, found, strict=True) if document is None])
    for key, document in zip(keys, found, strict=True):
        if document is None:
            document = next(parsed)
            if key is not None:
                cache.put(key, document)
        yield document


def load_corpus(project: Project, report: Report | None = None, cache: ParseCache | None = None) -> Corpus:
    """ingest → parse → curate → link: the whole corpus in memory, nothing written. With a
    `cache`, unchanged seeds are taken from it instead of parsed (`parsecache`)."""
    paths = discover(project.seeds_dir)
    check_orphans(project.seeds_dir, paths)

    def documents() -> Iterator[Document]:
        for number, document in enumerate(_documents(paths, cache), 1):
            yield document
            if report is not None and number % PROGRESS_EVERY == 0 and number < len(paths):
                report(f"read {number:,} of {len(paths):,} seeds")

    return link(documents())


PACKAGE = Path(__file__).parent


def _fingerprint(project: Project) -> tuple[str, dict[str, str]]:
    """Everything a build depends on: the package's files (its code, and the assets and templates
    it copies into docs/), and the name and content (sha256) of every entry in seeds/, the glossary
    and the lock. Equal fingerprints mean an equal build. Also returns each seeds/ file's sha256 by
    name, which the parse cache's keys reuse (every input is read once).

    Contents, not sizes and modification times: a seed edited without changing either (a copy
    that keeps times, a clock set back, an edit within the file system's time resolution) must
    not publish its old page. Hashing costs a read of every input, a small part of a build."""
    digest = hashlib.sha256()
    for path in sorted(p for p in PACKAGE.rglob("*") if p.is_file() and "__pycache__" not in p.parts):
        digest.update(path.relative_to(PACKAGE).as_posix().encode() + b"\0" + path.read_bytes())
    try:
        inputs = sorted(project.seeds_dir / name for name in os.listdir(project.seeds_dir))
    except OSError:
        inputs = []  # the build itself says what is wrong with the folder
    contents: dict[str, str] = {}
    for path in [*inputs, project.glossary_path, project.lock_path]:
        kind = entry_kind(path)
        if kind == "file":
            content = hashlib.sha256(read_regular(path, IngestError, "file")).hexdigest()
            digest.update(f"{path.name}\0{content}\n".encode())
            if path.parent == project.seeds_dir:
                contents[path.name] = content
        elif kind is not None:
            digest.update(f"{path.name}\0{kind}\n".encode())
    return digest.hexdigest(), contents


def _unchanged(project: Project, fingerprint: str) -> BuildResult | None:
    """The previous build's result, when its inputs are unchanged and its pages are all in place."""
    try:
        state = json.loads((project.cache_dir / "state.json").read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None
    files = read_manifest(project.docs_dir)
    if state.get("fingerprint") != fingerprint or generated_files(project.docs_dir) != files:
        return None  # inputs changed, or a generated file went missing or a foreign one appeared
    return BuildResult(state["seeds"], state["nav"], WriteResult(0, len(files), 0), state["redirects"],
                       state["notices"], state["unlocked"], project.cache_dir / "links.json.in")


def build(project: Project, *, locked: bool = False, on_wait: Report | None = None, report: Report | None = None,
          memo: Memo | None = None) -> BuildResult:
    """load → check the permalink lock → render → write, holding the project lock (unless the
    caller holds it: `locked`). Raises a `SeedwikiError` for bad input, before writing anything.
    When nothing it depends on changed, it only checks that. `report` receives progress lines.
    `memo`: what the previous build in this process kept, and keeps this one's (`mkdocs serve`)."""
    if locked:
        return _build(project, report, memo)
    with project.lock(on_wait):
        return _build(project, report, memo)


def _build(project: Project, report: Report | None = None, memo: Memo | None = None) -> BuildResult:
    fingerprint, digests = _fingerprint(project)
    # an empty memo (the server's first build) is filled by a whole generation, which writes
    # nothing when nothing changed, so that the first save already costs only its own seed
    if (memo is None or memo.filled) and (previous := _unchanged(project, fingerprint)) is not None:
        return previous
    watch = Stopwatch(report)
    cache = ParseCache(project.cache_dir, memo, digests)
    corpus = load_corpus(project, report, cache)
    watch.lap(f"read {len(corpus.entries):,} seeds")
    locked = read_lock(project.lock_path)
    redirects = check_lock(project.lock_path, corpus, locked)
    entities = read_glossary(project.glossary_path)
    if memo is not None:
        memo.begin(entities)
    connections = connect(corpus, entities, memo=memo)
    watch.lap(f"checked the lock; found the mentions of {len(entities):,} entities")
    written = write(chain(render_site(connections), asset_pages()), project.docs_dir, memo)
    kept = ""
    if memo is not None:
        memo.filled = True
        kept = f" ({memo.rendered:,} rendered, {memo.kept:,} kept: inputs unchanged)"
    watch.lap(f"rendered and wrote the pages: {written.written:,} written, {written.unchanged:,} unchanged, {written.removed:,} removed{kept}")
    notices = [f"{e.document.seed.path}: read as {e.document.seed.encoding} (named on its page)"
               for e in corpus.entries if not e.document.seed.encoding.startswith("UTF-8")]
    notices += [f"{path}: not published (seeds/ publishes .txt seeds; .yml files are their sidecars)" for path in ignored_files(project.seeds_dir)]
    notices += [f"{e.document.seed.path}: {notice}" for e in corpus.entries for notice in e.document.notices]
    links = project.cache_dir / "links.json.in"
    result = BuildResult(len(corpus.entries), seed_nav(corpus), written, redirects, notices, unlocked(locked, corpus), links)
    state = {"fingerprint": fingerprint, "seeds": result.seeds, "nav": result.nav, "redirects": redirects,
             "notices": notices, "unlocked": result.unlocked}
    try:
        project.cache_dir.mkdir(exist_ok=True)
        _replace(links, links_template(corpus, redirects, memo))
        _replace(project.cache_dir / "state.json", json.dumps(state, ensure_ascii=False))
        cache.prune()
    except OSError as err:
        raise WriteError(err.filename or project.cache_dir, f"cannot write the build cache ({err.strerror})",
                         "free disk space or fix the folder's permissions, then build again") from None
    return result


def _replace(path: Path, text: str) -> None:
    """Write `text` to `path` whole or not at all (a killed build leaves the previous file)."""
    tmp = path.with_name(path.name + ".tmp")
    tmp.write_text(text, encoding="utf-8")
    tmp.replace(path)


_SITE_URL = re.compile(r"https?://[^\s\"'<>`\\{}|^\x00-\x1f\x7f]+")


def validate_site_url(url: str, source: str = "SEEDWIKI_SITE_URL") -> str:
    """The site's published address, which every page's canonical link and links.json carry: an
    http(s) URL with a host and no quotes, spaces or markup. Raises `ConfigError` otherwise."""
    try:
        host = urlsplit(url).hostname if _SITE_URL.fullmatch(url) else None
    except ValueError:  # a malformed host or port
        host = None
    if not host:
        raise ConfigError(source, f"{url!r} is not an http(s) address without quotes, spaces or markup",
                          "set it to the published address, for example https://example.org/wiki/")
    return url



def with_seed_nav(nav: list, seed_sections: list) -> list:
    """Return `nav` with its top-level catalogue entry turned into a section: the catalogue, then the seeds."""
    out = []
    for item in nav:
        if isinstance(item, dict) and list(item.values()) == [CATALOGUE_PAGE]:
            item = {next(iter(item)): [CATALOGUE_PAGE, *seed_sections]}
        out.append(item)
    return out
