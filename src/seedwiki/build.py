"""The whole generation as a plain sequence of named steps; the CLI and the MkDocs hook call it."""

from __future__ import annotations

import contextlib
import gc
import hashlib
import json
import os
import re
import shutil
import signal
import sys
import threading
import time
from collections import Counter
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from functools import partial
from itertools import chain
from pathlib import Path
from typing import TYPE_CHECKING
from urllib.parse import urlsplit

from .errors import ConfigError, IngestError, WriteError
from .inputs import KnownDigests
from .write import GENERATED_ROOTS, BuildMutex, WriteResult, committed_files, edited_files, generated_files, naming, read_manifest, unlinked_file, whole_file

# The stages themselves (ingest, parse, curate, link, render, the parse cache) are imported where
# they run: a build that finds nothing changed, the commonest `make build`, loads none of them
# (their import compiles some hundreds of patterns: 0.3-0.5 s of CPU in each of `seedwiki build`
# and `mkdocs build`).
# So are the parse pool's `multiprocessing` and `concurrent.futures` (about 20 ms of CPU), which a
# small corpus, and a build that finds nothing changed, never start.
if TYPE_CHECKING:
    import multiprocessing.context

    from .link.entities import Entity
    from .memo import Memo
    from .model import Corpus, Document
    from .options import Placed
    from .parsecache import ParseCache

GLOSSARY_NAME = "glossary.yml"  # the glossary's default name (`link.entities` reads it)

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
    site_url: str = ""  # mkdocs.yml's, as given (`validate_site_url` checks it where it is used)
    language: str = "en"  # the theme's `language`: the interface's own words (`i18n`); seed text keeps its own

    def __post_init__(self) -> None:
        """Refuse inputs outside the project or inside what seedwiki writes and deletes (the
        generated folders of docs/, the cache, the site): a build would refuse them as foreign
        files, and a clean would take them for its own."""
        def plain(path: Path) -> Path:  # absolute, `..` taken away, links not followed (refuse_links refuses them)
            return Path(os.path.normpath(os.path.abspath(path)))

        root = plain(self.root)
        made = [self.docs_dir / name for name in GENERATED_ROOTS] + [self.cache_dir, self.root / "site", self.root / "site-offline"]
        made_plain = [plain(path) for path in made]
        for option, value, path in (("seeds", self.seeds, self.seeds_dir), ("glossary", self.glossary, self.glossary_path),
                                    ("lock", self.lock_file, self.lock_path)):
            where = plain(path)
            if not where.is_relative_to(root):
                raise ConfigError(self.root / "mkdocs.yml", f"the seedwiki option `{option}: {value}` is outside the project folder",
                                  "keep the project's inputs in the folder of mkdocs.yml (or below it) and name them relative to it")
            if any(where.is_relative_to(folder) for folder in made_plain):
                raise ConfigError(self.root / "mkdocs.yml", f"the seedwiki option `{option}: {value}` is inside a folder seedwiki generates and deletes",
                                  f"keep the project's inputs out of {', '.join(sorted({self.shown(m) for m in made}))}")

    def shown(self, path: Path) -> str:
        """A folder as messages name it: relative to the project when it is inside it, with a final slash."""
        return path.relative_to(self.root).as_posix() + "/" if path.is_relative_to(self.root) else str(path) + "/"

    def owned_paths(self) -> list[Path]:
        """The folders and files seedwiki makes in the project and writes or deletes in: none of
        them may be a symbolic link (a write or a removal would follow it out of the project)."""
        cache_entries = sorted(self.cache_dir.iterdir()) if self.cache_dir.is_dir() and not self.cache_dir.is_symlink() else []
        docs_entries = sorted(self.docs_dir.glob(".seedwiki-*")) if self.docs_dir.is_dir() else []
        return [self.cache_dir, *cache_entries, *(self.docs_dir / name for name in GENERATED_ROOTS), *docs_entries]

    def refuse_links(self) -> None:
        """A `WriteError` naming the first of the project's own folders that is a symbolic link."""
        for path in self.owned_paths():
            if path.is_symlink():
                raise WriteError(path, "this is a symbolic link where seedwiki keeps files of its own (it would write and delete through it)",
                                 "remove the link (seedwiki makes this folder itself), then run the command again")

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
    def build_mutex(self) -> Path:
        """The file whose `flock` one build of the project holds at a time (`write.BuildMutex`)."""
        return self.cache_dir / "build.lock"

    def exclusive(self, on_wait: Callable[[str], None] | None = None) -> BuildMutex:
        """The build mutex (one build of the project at a time; not the permalink lock), once the
        project's own folders are known not to be links."""
        self.refuse_links()
        return BuildMutex(self.build_mutex, on_wait=on_wait)


def project_from(root: Path, options: Placed, docs: str = "docs", site_url: str = "", language: str = "en") -> Project:
    """The project in `root` as the seedwiki plugin's validated `options` place it (`options.Options`,
    or the plugin's `SeedwikiConfig`); `language`: the theme's."""
    return Project(root, seeds=options.seeds, glossary=options.glossary, lock_file=options.lock, docs=docs, site_url=site_url,
                   language=language)


def project_at(root: Path) -> Project:
    """The project in `root`, as its mkdocs.yml (read here, and only here, outside MkDocs) gives it:
    the seedwiki plugin's options, validated as MkDocs validates them (`options.read_options`),
    `docs_dir`, `site_url` and the theme's `language`; the defaults when it has none."""
    import yaml
    from mkdocs.exceptions import ConfigurationError
    from mkdocs.utils.yaml import yaml_load

    from .options import OptionError, read_options

    try:
        with (root / "mkdocs.yml").open("rb") as file:
            config = yaml_load(file) or {}
    except (OSError, ValueError, yaml.YAMLError, ConfigurationError):  # no or unreadable mkdocs.yml: the commands that need it say so
        return Project(root)
    config = config if isinstance(config, dict) else {}
    given: dict = {}
    for plugin in config.get("plugins") or ():
        if isinstance(plugin, dict) and isinstance(plugin.get("seedwiki"), dict):
            given = plugin["seedwiki"]
    try:
        options = read_options(given)
    except OptionError as error:
        raise ConfigError(root / "mkdocs.yml", f"the seedwiki plugin's option `{error.name}`: {error}",
                          "fix it in mkdocs.yml (plugins: - seedwiki:)") from None
    docs, site_url = config.get("docs_dir"), config.get("site_url")
    theme = config.get("theme")
    language = theme.get("language") if isinstance(theme, dict) else None
    return project_from(root, options, docs if isinstance(docs, str) else "docs", site_url if isinstance(site_url, str) else "",
                        language if isinstance(language, str) and language else "en")


@dataclass(frozen=True)
class Cleaned:
    removed: list[str]  # what was removed, relative to the project
    kept: list[str]  # files in generated folders that no build wrote (hand-written): left in place


def clean(project: Project) -> Cleaned:
    """Remove what builds made, holding the build mutex: the files of docs/ that the manifest
    says the generator wrote, or that a killed build had committed to (`write.committed_files`),
    and the folders they leave empty, seedwiki's own files in docs/,
    the site and the cache. A file in a generated folder that the manifest does not list was not
    written by seedwiki and stays; nothing is followed through a symbolic link."""
    removed: list[str] = []
    docs = project.docs_dir
    with project.exclusive():
        written = read_manifest(docs) | committed_files(docs)  # a killed build's files, some of them moved in
        for rel in sorted(written):
            if (path := unlinked_file(docs, rel)) is not None:
                path.unlink()
        kept = sorted(generated_files(docs))
        for root in GENERATED_ROOTS:
            for folder, _, _ in sorted(os.walk(docs / root), key=lambda entry: -len(entry[0])):
                with contextlib.suppress(OSError):  # a folder that still holds a kept file stays
                    Path(folder).rmdir()
        removed += [project.shown(docs / root) for root in GENERATED_ROOTS if any(r.startswith(root + "/") for r in written)]
        for path in [*docs.glob(".seedwiki-*"), project.root / "site", project.root / "site-offline", *project.root.glob("site*.seedwiki-*")]:
            if path.is_dir() and not path.is_symlink():
                shutil.rmtree(path)
            elif os.path.lexists(path):
                path.unlink()
            else:
                continue
            removed.append(path.relative_to(project.root).as_posix())
        for path in project.cache_dir.iterdir() if project.cache_dir.is_dir() else ():
            if path != project.build_mutex:
                shutil.rmtree(path) if path.is_dir() and not path.is_symlink() else path.unlink()
    return Cleaned(removed, [f"{project.shown(docs)}{rel}" for rel in kept])


@dataclass(frozen=True)
class BuildResult:
    seeds: int
    nav: list  # the seeds' navigation sections, for `with_seed_nav`
    written: WriteResult
    redirects: dict[str, str]  # locked pages of seeds whose slug changed: old page → new page
    notices: list[str]  # what a curator should know about a build that succeeded (encodings read)
    unlocked: int  # pages and anchors not in permalinks.lock yet
    links: Path  # the targets for links.json, with paths for addresses (`render.links.records`)
    fingerprint: str | None = None  # of the inputs the pages were made from (`_fingerprint`); None when a seed changed during the build
    retired: dict[str, str] = field(default_factory=dict)  # locked pages retired for a changed extraction: old page → the seed's page now
    search_language: str | None = None  # what Pagefind indexes the site as (`search_language`)
    # the catalogue's pages of seeds, which a sharded build divides (`render.catalogue.shard_units`)
    shard_units: list = field(default_factory=list)
    # under serve (a build with a memo): the lines of `links` as made, its head and each seed's (an
    # unchanged seed's the previous build's very tuple), from which the plugin makes links.json
    records: tuple[str, tuple[tuple[str, ...], ...]] | None = None


def search_language(languages: list[str | None]) -> str | None:
    """The language most seeds are in (their `language`, as ISO 639-1: "pt-BR" counts as "pt"),
    the first in alphabetical order of those most seeds share; None without a seed of known language.
    Pagefind indexes the whole site as it (`plugin.search`), whatever the interface's language,
    which is every page's `<html lang>` and would otherwise choose Pagefind's stemming."""
    counts = Counter(base for lang in languages if lang
                     and re.fullmatch(r"[a-z]{2}", base := re.split(r"[-_]", lang)[0].lower()))
    return min(counts, key=lambda lang: (-counts[lang], lang)) if counts else None


Report = Callable[[str], None]  # receives progress lines: what a stage did, with counts and seconds

PROGRESS_EVERY = 500  # seeds between progress lines while reading


class Stopwatch:
    """Progress of a long build: each `lap` reports what was done, how long it took and the CPU
    time it took (this process's and its ended children's: the parse pool's workers, which have
    ended by the end of the read)."""

    def __init__(self, report: Report | None) -> None:
        self.report = report
        self.start = self.lap_start = time.perf_counter()
        self.cpu_start = _cpu_seconds()

    def lap(self, what: str) -> None:
        if self.report is not None:
            now, cpu = time.perf_counter(), _cpu_seconds()
            self.report(f"{what} ({now - self.lap_start:.1f} s; CPU {cpu - self.cpu_start:.1f} s)")
            self.lap_start, self.cpu_start = now, cpu


def _cpu_seconds() -> float:
    """The CPU time of this process and of its children that have ended (this process's alone
    where the system does not say: Windows has no `resource`)."""
    try:
        import resource
    except ImportError:
        return time.process_time()
    children = resource.getrusage(resource.RUSAGE_CHILDREN)
    return time.process_time() + children.ru_utime + children.ru_stime


POOL_MIN_SEEDS = 200  # from this many seeds on, parsing runs in a process pool (one process a core): forked workers
# cost about 0.1 s of CPU more than a serial read (2.20 s against 2.09 at 200 seeds, 2.80 against 2.68 at 400)
# and read in about half the wall time on two free cores


def read_document(path: Path) -> Document:
    """ingest → parse → curate: one seed (run in the pool's processes for large corpora)."""
    from .curate import curate
    from .ingest import ingest
    from .parse import parse

    return curate(parse(ingest(path)))


def _parsed(paths: list[Path]) -> Iterator[Document]:
    """The documents of `paths` in order: in a process pool for large corpora on several cores. An
    error is raised for the first seed (in order) that has one, as a sequential read would."""
    cores = os.cpu_count() or 1
    if len(paths) < POOL_MIN_SEEDS or cores < 2:
        yield from map(read_document, paths)
        return
    from concurrent.futures import ProcessPoolExecutor  # here: `_pool_context` says why

    context = _pool_context()
    forked = context.get_start_method() == "fork"
    if forked:  # the workers' garbage collector leaves what they inherit alone: no page of it copied into each
        gc.freeze()
    _quiet_resource_tracker()
    pool = ProcessPoolExecutor(max_workers=cores, mp_context=context, initializer=_end_with, initargs=(os.getpid(),))
    size = max(1, min(64, len(paths) // (cores * 8)))
    # submitted by hand, not with pool.map: on a stop, map cancels its futures, which the pool,
    # broken by the ended workers, then fails to mark (a traceback from its thread)
    chunks = [pool.submit(_read_documents, paths[start:start + size]) for start in range(0, len(paths), size)]
    try:
        for chunk in chunks:
            yield from chunk.result()
    except BaseException:  # an error, a stop (SIGINT, SIGTERM) or a reader that stopped reading
        # no chunk starts any more; the workers end once their current chunk (at most 64 seeds) is
        # done. (Killing them instead can cut a result half-written into the pool's pipe, on which
        # the pool's reader then waits for ever.) Where every chunk is done (the reader closed this
        # after the last document), the workers are idle: they are waited for below, so their end
        # (and their CPU time) falls in the read, not in whatever the build does next.
        if not all(chunk.done() for chunk in chunks):
            pool.shutdown(wait=False, cancel_futures=True)
        raise
    finally:
        pool.shutdown(wait=True)
        if forked:
            gc.unfreeze()


def _pool_context() -> multiprocessing.context.BaseContext:
    """How the pool's workers start. A process with one thread (`seedwiki build`, `mkdocs build`)
    forks them: they inherit its imports and the language model, loaded here first, at no cost
    (started from a forkserver instead, each worker loaded the model again, and the server
    imported the parser: 1.5 s of CPU more than a serial read at 1,000 seeds). A process with
    threads (`mkdocs serve`) must not fork (the copies would hold the threads' locks): its workers
    fork from a forkserver that imports the parser and loads the model once.

    `multiprocessing` is imported here, as the pool is (`concurrent.futures`): a build that reads
    fewer than `POOL_MIN_SEEDS` seeds, or none (nothing changed), has no use for either."""
    import multiprocessing

    from .parse.language import load_model

    if threading.active_count() == 1 and "fork" in multiprocessing.get_all_start_methods():
        load_model()
        return multiprocessing.get_context("fork")
    if "forkserver" not in multiprocessing.get_all_start_methods():  # Windows: each worker starts afresh
        return multiprocessing.get_context("spawn")
    context = multiprocessing.get_context("forkserver")
    context.set_forkserver_preload(["seedwiki.build", "seedwiki.parse.model_loaded"])
    return context


def _read_documents(paths: list[Path]) -> list[Document]:
    return [read_document(path) for path in paths]


def stop_on_sigterm() -> None:
    """SIGTERM stops a build as Ctrl-C does (a `KeyboardInterrupt`), so that it ends its workers
    and leaves nothing half-written; only from the main thread, and only where nothing else
    handles the signal."""
    if threading.current_thread() is threading.main_thread() and signal.getsignal(signal.SIGTERM) is signal.SIG_DFL:
        signal.signal(signal.SIGTERM, _interrupt)


def _interrupt(signum: int, frame: object) -> None:
    raise KeyboardInterrupt


WORKER_WATCH_SECONDS = 1.0
PROC = Path("/proc")  # Linux's process table; absent on macOS and Windows


def _end_with(parent: int) -> None:
    """In a pool worker: end when the process that started the pool is gone (killed outright, or
    ended without waiting for its pool, it cannot stop its workers itself: forked, they are
    orphaned; from a forkserver, they are the server's children, and it ends with the parent; either
    way a worker's parent changes). A parent that ended but was not reaped yet still answers a
    signal, hence the worker's own parent is watched too."""
    server = os.getppid()

    def watch() -> None:
        while True:
            time.sleep(WORKER_WATCH_SECONDS)
            if os.getppid() != server or not _alive(parent):
                os._exit(1)

    threading.Thread(target=watch, daemon=True, name="seedwiki-parent-watch").start()


def _quiet_resource_tracker() -> None:
    """Start multiprocessing's resource tracker (a process of its own, started once) told not to
    warn of "leaked semaphore objects": a build stopped by Ctrl-C ends without waiting for its
    pool, whose semaphores the system frees with the process all the same. (Windows has no tracker.)"""
    if os.name != "posix":
        return
    from multiprocessing import resource_tracker

    saved = os.environ.get("PYTHONWARNINGS")
    os.environ["PYTHONWARNINGS"] = "ignore::UserWarning"
    try:
        resource_tracker.ensure_running()
    finally:
        if saved is None:
            del os.environ["PYTHONWARNINGS"]
        else:
            os.environ["PYTHONWARNINGS"] = saved


def _alive(pid: int) -> bool:
    """Whether process `pid` runs. One that ended but was not reaped yet (a zombie, on Linux) does
    not: its workers must end all the same (each holds the forkserver's lifeline, so the
    forkserver, and the output pipe they all inherited, stay open until they do). Without Linux's
    /proc (macOS, the BSDs) the system is asked with signal 0; Windows has no such question (`os.kill`
    would end the process), and there a worker ends when its pool's pipe closes."""
    if sys.platform == "win32":
        return True
    if (PROC / "self" / "stat").is_file():  # Linux's; another system's /proc may hold no such file (FreeBSD's procfs)
        try:
            with open(PROC / str(pid) / "stat", "rb") as stat:
                return stat.read().rsplit(b")", 1)[1].split()[0] != b"Z"
        except FileNotFoundError:
            return False
        except OSError:
            pass  # unreadable: ask the system
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        pass
    return True


def _documents(paths: list[Path], cache: ParseCache | None = None) -> Iterator[Document]:
    """The documents of `paths` in order, one at a time; with a `cache`, only the seeds it does not
    hold are parsed (cached documents have no errors, so the first error is still the first in
    order). A cached document is read when its turn comes, so none is held before it is handed
    over; one whose entry does not verify after all is parsed then, in its turn."""
    if cache is None:
        yield from _parsed(paths)
        return
    keys = [cache.key(path) for path in paths]
    held = [key is not None and cache.holds(key) for key in keys]
    parsed = _parsed([path for path, holds in zip(paths, held, strict=True) if not holds])
    try:
        for key, path, holds in zip(keys, paths, held, strict=True):
            document = cache.get(key, path) if holds and key is not None else None
            if document is None:
                document = read_document(path) if holds else next(parsed)
                if key is not None:
                    cache.put(document)
            yield document
    finally:
        cache.close()  # what was parsed is kept, whether the read ends or stops at an error


def load_documents(project: Project, report: Report | None = None, cache: ParseCache | None = None,
                   listed: dict[str, str] | None = None) -> Iterator[Document]:
    """ingest → parse → curate: every seed's document, one at a time, nothing written. With a
    `cache`, unchanged seeds are taken from it instead of parsed (`parsecache`). `listed`: the
    entries of seeds/ as the fingerprint found them (`_fingerprint_listed`)."""
    from .curate import check_orphans
    from .ingest import discover

    paths = discover(project.seeds_dir, listed)
    check_orphans(project.seeds_dir, paths)
    for number, document in enumerate(_documents(paths, cache), 1):
        yield document
        if report is not None and number % PROGRESS_EVERY == 0 and number < len(paths):
            report(f"read {number:,} of {len(paths):,} seeds")


def load_corpus(project: Project, report: Report | None = None, cache: ParseCache | None = None) -> Corpus:
    """Every seed's document (`load_documents`), in order: the corpus, without its connections."""
    from .link import order

    return order(load_documents(project, report, cache))


PACKAGE = Path(__file__).parent


def _fingerprint(project: Project) -> tuple[str, dict[str, str]]:
    """`_fingerprint_listed` without the listing."""
    fingerprint, contents, _ = _fingerprint_listed(project)
    return fingerprint, contents


def _fingerprint_listed(project: Project) -> tuple[str, dict[str, str], dict[str, str] | None]:
    """Everything a build depends on: the package's files (its code, and the assets and templates
    it copies into docs/), the versions of the libraries it requires, and the name and content (sha256) of every entry in seeds/, the glossary
    and the lock. Equal fingerprints mean an equal build. Also returns each seeds/ file's sha256 by
    name, which the parse cache's keys reuse (every input is read once).

    Contents, not sizes and modification times: a seed edited without changing either (a copy
    that keeps times, a clock set back, an edit within the file system's time resolution) must
    not publish its old page. An input whose status (size, inode, modification and change times)
    is the one recorded when it was last read is not read again (`inputs.KnownDigests` says why
    that is its content). And the entries of seeds/ with what each is (`ingest.entry_kind`), in
    the order of their names (None when it cannot be listed), which the build does not ask again."""
    from .ingest import mode_kind, read_regular
    from .inputs import library_versions

    digest = hashlib.sha256(library_versions().encode() + b"\0" + project.language.encode() + b"\0")
    for path in sorted(p for p in PACKAGE.rglob("*") if p.is_file() and "__pycache__" not in p.parts):
        digest.update(path.relative_to(PACKAGE).as_posix().encode() + b"\0" + path.read_bytes())
    listed: dict[str, str] | None = {}
    try:
        inputs = [project.seeds_dir / name for name in sorted(os.listdir(project.seeds_dir))]  # names in one folder: in the order of their paths
    except OSError:
        inputs, listed = [], None  # the build itself says what is wrong with the folder
    known = KnownDigests(project.cache_dir, project.root)
    contents: dict[str, str] = {}
    seeds = len(inputs)
    for number, path in enumerate([*inputs, project.glossary_path, project.lock_path]):
        try:
            info = os.lstat(path)  # links are not followed (`ingest.entry_kind`)
        except FileNotFoundError:
            continue
        kind = mode_kind(info.st_mode)
        if number < seeds and listed is not None:
            listed[path.name] = kind
        if kind == "file":
            content = known.sha256(path, lambda path: read_regular(path, IngestError, "file"), info)
            digest.update(f"{path.name}\0{content}\n".encode())
            if number < seeds:
                contents[path.name] = content
        else:
            digest.update(f"{path.name}\0{kind}\n".encode())
    known.save()
    return digest.hexdigest(), contents, listed


def _unchanged(project: Project, fingerprint: str) -> BuildResult | None:
    """The previous build's result, when its inputs are unchanged and its pages are all in place."""
    try:
        state = json.loads((project.cache_dir / "state.json").read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None
    files = read_manifest(project.docs_dir)
    if (not files or state.get("fingerprint") != fingerprint or generated_files(project.docs_dir) != files
            or edited_files(project.docs_dir)):
        return None  # inputs changed, the generated tree or a file of it went missing or was edited, or a foreign one appeared
    return BuildResult(state["seeds"], state["nav"], WriteResult(0, len(files), 0), state["redirects"],
                       state["notices"], state["unlocked"], project.cache_dir / "links.json.in", fingerprint, state.get("retired", {}),
                       state.get("search_language"), state.get("shard_units", []))


def build(project: Project, *, locked: bool = False, on_wait: Report | None = None, report: Report | None = None,
          memo: Memo | None = None) -> BuildResult:
    """load → link (checking the permalink lock) → render → write, holding the build mutex (unless the
    caller holds it: `locked`). Raises a `SeedwikiError` for bad input, before writing anything.
    When nothing it depends on changed, it only checks that. `report` receives progress lines.
    `memo`: what the previous build in this process kept, and keeps this one's (`mkdocs serve`)."""
    if locked:
        return _build(project, report, memo)
    with project.exclusive(on_wait):
        return _build(project, report, memo)


def _glossary(path: Path, memo: Memo | None) -> tuple[Entity, ...]:
    """The glossary's entities (`link.entities.read_glossary`). With a memo (under serve), those
    the previous build read while the file holds the same bytes: reading and checking it again cost
    0.018 s of CPU a save for 40 entities (about a tenth of a save at 1,000 seeds). Its bytes are
    read each time, with the same checks."""
    from .link.entities import glossary_bytes, read_glossary

    if memo is None:
        return read_glossary(path)
    raw = glossary_bytes(path)
    if raw is None:
        memo.glossary = None
        return ()
    if memo.glossary is not None and memo.glossary[0] == (str(path), raw):
        return memo.glossary[1]  # type: ignore[no-any-return]
    entities = read_glossary(path, raw)
    memo.glossary = ((str(path), raw), entities)
    return entities


def _build(project: Project, report: Report | None = None, memo: Memo | None = None) -> BuildResult:
    project.refuse_links()  # again: under serve the lock is taken once for many builds
    fingerprint, digests, listed = _fingerprint_listed(project)
    # an empty memo (the server's first build) is filled by a whole generation, which writes
    # nothing when nothing changed, so that the first save already costs only its own seed
    if (memo is None or memo.filled) and (previous := _unchanged(project, fingerprint)) is not None:
        return previous
    from .assets import asset_pages
    from .i18n import fallback_notice, speaking
    from .ingest import ignored_files
    from .link import Lock, link
    from .parsecache import ParseCache
    from .render import seed_nav
    from .render.catalogue import shard_units
    from .render.connections import render_site
    from .render.links import entry_lines, head_line, records
    from .shard import VOCABULARY
    from .write import write

    watch = Stopwatch(report)
    cache = ParseCache(project.cache_dir, project.root, memo, digests, listed)
    documents = list(load_documents(project, report, cache, listed))
    watch.lap(f"read {len(documents):,} seeds")
    # What is read, and then what is linked, lives until the build ends: the garbage collector's
    # full collections, which look at every object, leave it alone until then (they cost 0.5 s of
    # CPU at 1,000 dense seeds, looking again and again at documents that cannot be garbage). Under
    # serve (a memo) the plugin governs the collector across builds instead (`SeedwikiPlugin._collect`):
    # an unfreeze here would hand it back every object the server froze after its first build.
    freezing = memo is None
    if freezing:
        gc.freeze()
    try:
        lock = Lock.read(project.lock_path)
        entities = _glossary(project.glossary_path, memo)
        site = link(documents, entities, lock, memo=memo)
        if freezing:
            gc.freeze()
        corpus = site.corpus
        watch.lap(f"linked them: checked the lock; found the mentions of {len(entities):,} entities")
        if memo is not None:
            memo.speak(project.language)
        with speaking(project.language):
            written = write(chain(render_site(site, memo), asset_pages()), project.docs_dir, memo)
            nav = seed_nav(corpus)
        kept = ""
        if memo is not None:
            memo.filled = True
            kept = f" ({memo.rendered:,} rendered, {memo.kept:,} kept: inputs unchanged)"
        watch.lap(f"rendered and wrote the pages: {written.written:,} written, {written.unchanged:,} unchanged, {written.removed:,} removed{kept}")
        notices = [f"{e.document.seed.path}: read as {e.document.seed.encoding} (named on its page)"
                   for e in corpus.entries if not e.document.seed.encoding.startswith("UTF-8") and e.document.seed.extraction is None]
        notices += unpublished_notice(project, ignored_files(project.seeds_dir))
        notices += [f"{e.document.seed.path}: {notice}" for e in corpus.entries for notice in e.document.notices]
        notices += [cache.notice] if cache.notice else []
        notices += [notice] if (notice := fallback_notice(project.language)) else []
        # a seed saved while this build ran was published as read, not as first hashed: the next
        # build must not take the fingerprint for what was published
        changed = [e.document.seed.path for e in corpus.entries if digests.get(e.document.seed.path.name) != e.document.seed.sha256]
        notices += [f"{path}: changed while the build ran; the next build reads it again" for path in changed]
        links = project.cache_dir / "links.json.in"
        made: tuple[str, tuple[tuple[str, ...], ...]] | None = None
        if memo is not None:  # under serve: an unchanged seed's lines are the previous build's
            made = (head_line(site), tuple(memo.value(("links", entry.slug), (entry, site.facts[entry.slug]), partial(entry_lines, site, entry))
                                           for entry in corpus.entries))
        result = BuildResult(len(corpus.entries), nav, written, dict(site.redirects), notices, site.unlocked, links,
                             None if changed else fingerprint, dict(site.retired),
                             search_language([e.document.meta.language for e in corpus.entries]), shard_units(corpus), made)
        state = {"fingerprint": None if changed else fingerprint, "seeds": result.seeds, "nav": result.nav, "redirects": result.redirects,
                 "retired": result.retired, "search_language": result.search_language, "shard_units": result.shard_units,
                 "notices": notices, "unlocked": result.unlocked}
        try:
            project.cache_dir.mkdir(exist_ok=True)
            if made is None or memo is None:
                _replace(links, (line + "\n" for line in records(site)))  # a line at a time (127 MB at 10,000 dense seeds)
            else:  # each seed's part of the file, an unchanged seed's as the previous build wrote it (the same bytes)
                head, seeds = made
                parts = [(head + "\n").encode("utf-8"), *(memo.value(("links-text", entry.slug), lines, partial(_lines_bytes, lines))
                                                         for entry, lines in zip(corpus.entries, seeds, strict=True))]
                # rewritten from its first changed part on (`rewrite`); state.json, which makes the next build
                # trust this file, goes first, so that a write stopped halfway is never taken for complete
                (project.cache_dir / "state.json").unlink(missing_ok=True)
                with naming(links):
                    if not memo.parts_written.update(links, parts):
                        _replace(links, parts)
                        memo.parts_written.record(links, parts)
            _replace(project.cache_dir / "state.json", json.dumps(state, ensure_ascii=False))
            _replace(project.cache_dir / VOCABULARY, "\n".join(_site_words(project, corpus, entities, memo)))
            cache.prune()
        except OSError as err:
            raise WriteError(err.filename or project.cache_dir, f"cannot write the build cache ({err.strerror})",
                             "free disk space or fix the folder's permissions, then build again") from None
        return result
    finally:
        if freezing:
            gc.unfreeze()


def _lines_bytes(lines: tuple[str, ...]) -> bytes:
    return "".join(line + "\n" for line in lines).encode("utf-8")


def _site_words(project: Project, corpus: Corpus, entities: tuple[Entity, ...], memo: Memo | None = None) -> list[str]:
    """Every word the site's pages are searched for (`shard.vocabulary`), sorted: of every seed's
    text, title, file name and metadata (with a `memo`, an unchanged seed's words are the previous
    build's), of the glossary's names and descriptions, and of the hand-written pages."""
    from .memo import remembered
    from .shard import vocabulary

    words: set[str] = set()
    if memo is None:
        for entry in corpus.entries:
            words |= _seed_words(entry.document)
    else:  # the union by difference: only a changed seed's words counted out and in again
        words = set(memo.seed_words.union([remembered(memo, ("words", entry.slug), entry.document, partial(_seed_words, entry.document))
                                           for entry in corpus.entries]))
    words.update(vocabulary(chain((text for entity in entities for text in (entity.name, *entity.aliases, entity.description)),
                                  _hand_written_texts(project))))
    return sorted(words)


def _seed_words(document: Document) -> frozenset[str]:
    from .shard import vocabulary

    meta = document.meta
    return frozenset(vocabulary((document.seed.text, document.title, document.seed.name, *meta.tags,
                                 *(value for value in (meta.outlet, meta.author, meta.kind, meta.byline, meta.dateline, meta.summary, meta.date)
                                   if value))))


def _hand_written_texts(project: Project) -> Iterator[str]:
    """The Markdown pages of docs/ written by hand: the generated folders are not walked."""
    docs = project.docs_dir
    try:
        tops = sorted(os.scandir(docs), key=lambda entry: entry.name)
    except OSError:
        return
    for top in tops:
        if top.name in GENERATED_ROOTS:
            continue
        path = Path(top.path)
        found = sorted(path.rglob("*.md")) if top.is_dir(follow_symlinks=False) else [path] if path.suffix == ".md" else []
        for page in found:
            if page.is_file():
                yield page.read_text(encoding="utf-8", errors="replace")


def unpublished_notice(project: Project, files: list[Path]) -> list[str]:
    """One line for the files in seeds/ that are neither seeds nor sidecars, with a hint for each
    kind; a README (the folder's own notes, as `seedwiki new` writes one) is expected there."""
    from .ingest import SEED_SUFFIXES

    files = [path for path in files if path.name.lower() != "readme.md"]
    if not files:
        return []
    names = [path.name for path in files]
    shown = ", ".join(names[:5]) + (f" and {len(names) - 5} more" if len(names) > 5 else "")
    suffixes = ", ".join(SEED_SUFFIXES)
    # what to do with a file that is not published, by its name
    kinds = (
        (lambda n: n.endswith((".doc", ".odt", ".rtf", ".epub")), "to publish a document, save it as .docx or .pdf, or its text as a UTF-8 .txt file"),
        (lambda n: n.endswith(".yaml"), "a sidecar's name ends in .yml"),
        (lambda n: n.endswith(".text") or (n.lower().endswith(SEED_SUFFIXES) and not n.endswith(SEED_SUFFIXES)),
         f"a seed's name ends in {suffixes}, in lower case: rename the file"),
        (lambda n: n.endswith((".markdown", ".rst")), "notes stay unpublished; a source to publish is a .txt or .md file"),
    )
    hints = [hint for unpublished, hint in kinds if any(map(unpublished, names))]
    hints = hints or [f"seeds are {suffixes} files, their sidecars .yml"]
    return [f"{len(files)} file{'s' if len(files) > 1 else ''} in {project.shown(project.seeds_dir)} "
            f"{'are' if len(files) > 1 else 'is'} not published: {shown} ({'; '.join(hints)})"]


def _replace(path: Path, text: str | Iterable[str] | list[bytes]) -> None:
    """Write `text` (or its parts in turn, text or UTF-8 bytes) to `path` whole or not at all (a
    killed build leaves the previous file)."""
    binary = isinstance(text, list) and bool(text) and isinstance(text[0], bytes)
    with whole_file(path, binary=binary) as out:
        if isinstance(text, str):
            out.write(text)
        else:
            out.writelines(text)


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
