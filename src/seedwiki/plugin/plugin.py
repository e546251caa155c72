"""The seedwiki MkDocs plugin (`plugins: - seedwiki`): wiring only. Each event hands over to the
pipeline (`build.build`), the link manifest (`render.links.links_json`), Pagefind (`search.index_site`)
or the staged site (`staging.StagedSite`); its state lives on the plugin object.

- on_startup: which command runs (a build, gh-deploy or serve).
- on_files: generated pages as HTML with their table of contents, no Markdown pass (`pages`); the
  generator's other files linked into the site, not copied (`static`).
- on_config: hold the build mutex, generate the pages, add the seeds to the navigation, build
  into a staging folder beside the site.
- on_post_build: write the redirect pages of renamed seeds (`redirects`) and retired pages, links.json, the site's
  bibliography (citations.bib, citations.ris, citations.json) and the search index.
- on_shutdown / on_build_error: swap the complete site in, or keep the previous one.
- on_serve: watch the seeds, their sidecars, the glossary and the lock.

A sharded build (`SEEDWIKI_SHARD=K/N mkdocs build --dirty`, `shard` says how it works) knows every
page but renders and writes only its shard's: on_files tells MkDocs which files are modified.
"""

from __future__ import annotations

import gc
import logging
import os
import re
import threading
from collections.abc import Callable
from importlib.resources import files as package_files
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

import jinja2
import jinja2.bccache
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.plugins import BasePlugin, CombinedEvent, event_priority
from mkdocs.structure.files import File, Files, InclusionLevel
from mkdocs.utils import clean_directory
from watchdog.events import FileSystemEventHandler

from ..assets import ASSET_ROOT, SCRIPTS, STYLESHEETS, TEMPLATES, page_scripts
from ..build import BuildResult, Project, build, project_from, stop_on_sigterm, validate_site_url, with_seed_nav
from ..errors import SeedwikiError
from ..escape import terminal_text
from ..i18n import template_words
from ..memo import Memo
from ..rewrite import PartsWritten, Status, file_status
from ..shard import LIST_ROOTS, MARKER, SHARD_ENV, VOCABULARY, Shard, assign, owner, parse_shard, units, write_marker
from ..write import GENERATED_ROOTS, BuildMutex, whole_file, write_whole
from .config import SeedwikiConfig
from .finish import unwritable
from .log import PROGRESS_LEVEL, log
from .navcache import RenderedOnce, overridden, with_theme_below
from .search import BackgroundIndex, Indexing, index_site, unindexed
from .staging import StagedSite, remove_stale, serving
from .static import check_in_two_stats, link_generated_files
from .uptodate import Unchanged, forget, inputs, remember, up_to_date

# What only a build that renders needs (the citations, links.json, the generated pages, the
# language model) is imported where it is used: a `mkdocs build` that finds the site up to date
# ends in on_config without loading the parser's patterns (`build` says why that matters).

class CompiledTemplates(jinja2.BytecodeCache):
    """The theme's templates compiled, in memory, by name (Jinja checks each against its source)."""

    def __init__(self) -> None:
        self.held: dict[str, bytes] = {}

    def load_bytecode(self, bucket: jinja2.bccache.Bucket) -> None:
        if (code := self.held.get(bucket.key)) is not None:
            bucket.bytecode_from_string(code)

    def dump_bytecode(self, bucket: jinja2.bccache.Bucket) -> None:
        self.held[bucket.key] = bucket.bytecode_to_string()


# under serve, after the first build: collections of the oldest generation the collector makes by
# itself (it counts collections of the middle one; none reaches this), `SeedwikiPlugin._collect`
FULL_COLLECTIONS_NEVER = 2**31 - 1

# the filter MkDocs lists a theme's static files with (`Files.add_files_from_theme`)
THEME_FILTER = "Files.add_files_from_theme.<locals>.filter"


class ThemeListing:
    """Under serve, the theme's static files as MkDocs lists them for each rebuild: it walked the
    theme's folders and matched each of their files against its patterns (Material's 14,500 files,
    its icons among them: about 0.1 s of CPU a save). The listing is kept while no folder of the
    themes changed (each folder's modification time, taken before the walk: a file added, removed
    or renamed changes its folder's); another listing of the templates is not kept."""

    def __init__(self) -> None:
        self.held: tuple[tuple, tuple[tuple[str, int | None], ...], list[str]] | None = None  # key, folders, names

    def install(self, theme) -> None:
        """Make `theme`'s template environments (one a rebuild) list its static files from here."""
        make_env = theme.get_env

        def env_listing_kept() -> jinja2.Environment:
            env = make_env()
            plain = env.list_templates

            def list_templates(extensions=None, filter_func=None) -> list[str]:
                if extensions is not None or filter_func is None or getattr(filter_func, "__qualname__", "") != THEME_FILTER:
                    return plain(extensions, filter_func)
                key = (tuple(theme.dirs), tuple(theme.static_templates))
                if self.held is not None and self.held[0] == key and all(_mtime(folder) == mtime for folder, mtime in self.held[1]):
                    return list(self.held[2])
                folders = tuple((folder, _mtime(folder)) for folder in _folders(theme.dirs))
                names = plain(filter_func=filter_func)
                self.held = (key, folders, list(names))
                return names

            env.list_templates = list_templates  # type: ignore[method-assign]
            return env

        theme.get_env = env_listing_kept


def _folders(roots) -> list[str]:
    """Every folder below `roots`, themselves included, as Jinja's loader walks them (links not followed)."""
    return [folder for root in roots for folder, _, _ in os.walk(root)] + list(roots)


def _mtime(folder: str) -> int | None:
    try:
        return os.stat(folder).st_mtime_ns
    except OSError:
        return None


MATERIAL_WORKER = re.compile(r"assets/javascripts/workers/search\.[0-9a-f]+\.min\.js")
STEMMING_WORKER = package_files(__package__) / "search-worker.js"


def local_address(site_url: str | None) -> bool:
    """The local default (mkdocs.yml without SEEDWIKI_SITE_URL) or another loopback address: not a
    published one."""
    host = urlsplit(site_url or "").hostname or ""
    return host in ("", "localhost", "0.0.0.0", "::1") or host.startswith("127.")


def _dirty_notice(record: logging.LogRecord) -> bool:
    """MkDocs' warning that a dirty build may leave other pages' navigation stale, as information:
    `--dirty` is asked for on purpose (`make serve`), and strict mode would stop on the warning."""
    if record.levelno == logging.WARNING and str(record.msg).startswith("A 'dirty' build is being performed"):
        record.levelno, record.levelname = logging.INFO, "INFO"
    return True


def watch_for_creation(server, paths: set[str]) -> None:
    """Rebuild when one of `paths` (files that do not exist yet) appears, and for no other file of
    their folders. MkDocs' server watches whole folders only; this asks its observer for the
    folders' events and wakes its rebuild loop as its own watches do. A server without that loop
    (another MkDocs) watches the folders whole instead."""
    condition = getattr(server, "_rebuild_cond", None)
    if condition is None or not hasattr(server, "_want_rebuild"):
        for folder in sorted({os.path.dirname(path) for path in paths}):
            server.watch(folder, recursive=False)
        return

    def on_event(event) -> None:
        if not event.is_directory and {os.fsdecode(event.src_path), os.fsdecode(getattr(event, "dest_path", "") or "")} & paths:
            with condition:
                server._want_rebuild = True
                condition.notify_all()

    handler = FileSystemEventHandler()
    handler.on_any_event = on_event  # type: ignore[method-assign]
    for folder in sorted({os.path.dirname(path) for path in paths}):
        server.observer.schedule(handler, folder, recursive=False)


def _tagged(file: File) -> bool:
    """A seed page whose front matter carries tags: `render.html.front_matter` writes them on its
    second line, after the title (only that much of the file is read)."""
    if not file.src_uri.startswith("seeds/") or not file.src_uri.endswith(".md") or file.abs_src_path is None:
        return False
    try:
        with open(file.abs_src_path, encoding="utf-8") as source:
            return source.readline() == "---\n" and source.readline().startswith("title: ") and source.readline().startswith("tags: ")
    except (OSError, UnicodeDecodeError):
        return False


def theme_language(config: MkDocsConfig) -> str:
    """The theme's `language`, one the theme has its words for (Material: a file
    partials/languages/<code>.html); any other value is a one-line error naming mkdocs.yml, before
    the theme would fail on it with a traceback."""
    language = config.theme.get("language")
    if language is None:
        return "en"
    known = isinstance(language, str) and "/" not in language and "\\" not in language and any(
        (Path(folder) / "partials" / "languages" / f"{language}.html").is_file() for folder in config.theme.dirs)
    if not known:
        raise PluginError(f"seedwiki: mkdocs.yml: theme.language {terminal_text(repr(language))} is not a language the theme has; "
                          "give one of its codes, spelt as it spells them (en, ar, fr, de, pt-BR, zh-TW…: the files of "
                          "material/templates/partials/languages/)")
    return language


def watch_written_by_hand(server, docs_dir: str) -> None:
    """Watch docs/ for the files written by hand only: the generator writes its folders and its
    `.seedwiki-*` files in docs/ during a build, and MkDocs' own watch of docs/ took each of those
    writes for a change, so that one save made three builds (the save's; one for the pages it
    wrote, which renders nothing; one for the record of files verified unedited). Its watcher also
    polled every generated file twice a second. docs/ itself is watched without its subfolders,
    and each subfolder written by hand whole (one made while serving is watched from then on). A
    server without MkDocs' rebuild loop (another MkDocs) keeps watching docs/ whole."""
    condition = getattr(server, "_rebuild_cond", None)
    root = os.path.abspath(docs_dir)
    if condition is None or not hasattr(server, "_want_rebuild") or root not in getattr(server, "_watched_paths", {}):
        return

    def by_hand(path: str) -> bool:
        first = os.path.relpath(path, root).split(os.sep, 1)[0]
        return first not in GENERATED_ROOTS and not first.startswith(".seedwiki-")

    watched: set[str] = set()

    def on_event(event) -> None:
        paths = [os.fsdecode(event.src_path)] + ([os.fsdecode(event.dest_path)] if getattr(event, "dest_path", "") else [])
        if event.is_directory:
            for path in paths:
                if os.path.dirname(path) == root and by_hand(path) and os.path.isdir(path) and not os.path.islink(path):
                    # a folder made in docs/ while serving: watched from the observer's own thread
                    # would wait for the lock that thread holds while it reports this event
                    threading.Thread(target=watch, args=(path,), daemon=True).start()
            return
        if any(by_hand(path) for path in paths):
            with condition:
                server._want_rebuild = True
                condition.notify_all()

    handler = FileSystemEventHandler()
    handler.on_any_event = on_event  # type: ignore[method-assign]

    def watch(folder: str) -> None:
        if folder not in watched:
            watched.add(folder)
            server.observer.schedule(handler, folder, recursive=True)

    server.unwatch(root)
    server.observer.schedule(handler, root, recursive=False)
    for entry in os.scandir(root):
        if entry.is_dir(follow_symlinks=False) and by_hand(entry.path):
            watch(entry.path)


class SeedwikiPlugin(BasePlugin[SeedwikiConfig]):
    supports_multiple_instances = False

    def __init__(self) -> None:
        self.command: str | None = None  # "build", "gh-deploy" or "serve"; None for a dirty build
        self.result: BuildResult | None = None
        self.build_mutex: BuildMutex | None = None  # held from on_config until the site is in place
        self.staged: StagedSite | None = None
        self.mkdocs_config: MkDocsConfig | None = None
        self.dirty = False  # `--dirty`: MkDocs rebuilds only pages whose source changed
        self.site_files: set[str] = set()  # the site's files from docs/ in this build (dest_uri)
        self.indexer = BackgroundIndex()
        self.rendered = RenderedOnce()  # the theme's navigation and configuration as rendered, for one build (`navcache`)
        self.material_worker: str | None = None  # Material's search worker in this build's files
        self.memo: Memo | None = None  # under serve: what each build keeps for the next (`memo`)
        self.frozen = False  # under serve: the first build's objects are out of the garbage collector's watch (`_collect`)
        self.built_from: str | None = None  # what `mkdocs build` builds the site from (`uptodate.inputs`)
        # under serve, kept from one rebuild to the next: links.json's part of each seed as converted
        # (by site_url), and the theme's templates as compiled (`on_env`)
        self.links_converted: tuple[str, dict] = ("", {})
        self.parts_written = PartsWritten()  # under serve: links.json as last written, rewritten by difference (`rewrite`)
        self.records_made: tuple[str | None, tuple] = (None, ())  # the last build's `BuildResult.records`, with its fingerprint
        self.compiled_templates: CompiledTemplates | None = None
        self.bibliography_made: dict[int, tuple[Any, tuple[str, ...]]] = {}  # under serve: each source's part of the bibliography files, by item
        self.bibliography_written: dict[str, tuple[Status, list[tuple[str, ...]]]] = {}  # under serve: each file's status and parts as written
        self.theme_listing: ThemeListing | None = None  # under serve: the theme's static files as listed (`ThemeListing`)
        self.unlisted: Callable[[MkDocsConfig], Files] | None = None  # under serve: MkDocs' own listing of docs/, replaced (`listing`)
        self.site_project: Project | None = None
        self.started_as: str | None = None  # the command MkDocs runs, dirty or not
        self.shard: Shard | None = None  # a sharded build's shard (SEEDWIKI_SHARD)
        self.owners: dict[str, int] = {}  # under a shard: each seed folder's shard (`shard.assign`)
        self.reading = False  # under a shard: MkDocs reads pages (until on_env), then writes them
        self.read_too: set[str] = set()  # under a shard: the other shards' pages it reads all the same
        self.shard_files: set[str] = set()  # under a seeds' shard: the site's files it writes (dest_uri)
        self.vocabulary: Path | None = None  # under a shard: every word of the site (`shard.vocabulary`)

    def project(self, config: MkDocsConfig) -> Project:
        root = Path(config.config_file_path).resolve().parent
        return project_from(root, self.config, config.docs_dir, language=theme_language(config))

    def on_startup(self, *, command, dirty) -> None:
        self.command = None if dirty else command  # a dirty build updates the site in place
        self.started_as = command
        self.dirty = dirty
        stop_on_sigterm()
        if command == "serve":
            from ..parse.language import preload as preload_language_model

            self.memo = Memo()
            self.compiled_templates = CompiledTemplates()
            self.theme_listing = ThemeListing()
            from .pages import GeneratedPage

            GeneratedPage.canonical_urls = {}
            self._list_by_difference()
            preload_language_model()
        if dirty:  # chosen by `make serve`: its warning must not stop a strict build
            logging.getLogger("mkdocs.commands.build").addFilter(_dirty_notice)

    def _list_by_difference(self) -> None:
        """Under serve, MkDocs lists docs/ by difference (`listing`) until the server stops."""
        import mkdocs.commands.build as mkdocs_build

        from .listing import Listing

        if self.unlisted is None:
            self.unlisted = mkdocs_build.get_files
            mkdocs_build.get_files = Listing().get_files

    def _release(self) -> None:
        if self.build_mutex is not None:
            self.build_mutex.release()
            self.build_mutex = None

    def _fail(self, message: str) -> PluginError:
        self._release()
        return PluginError(message)

    @event_priority(100)  # first: other plugins must see the staging folder as the site folder
    def on_config(self, config: MkDocsConfig) -> MkDocsConfig:
        self.mkdocs_config = config
        try:
            project = self.project(config)
            if config.site_url:
                validate_site_url(config.site_url)
            published = not local_address(config.site_url)
            if self.command == "gh-deploy" and not published:
                raise self._fail(f"seedwiki: not publishing: site_url is {config.site_url or 'unset'}, a local address, and every "
                                 "citation copied from the published pages would carry it; set SEEDWIKI_SITE_URL to the "
                                 "published address (for example https://you.github.io/wiki/) and deploy again")
            self.shard = self._shard()
            if self.build_mutex is None:
                self.build_mutex = project.exclusive(on_wait=lambda message: log.info("%s", message))
            self.build_mutex.acquire()
            self.result = build(project, locked=True, report=lambda line: log.log(PROGRESS_LEVEL, "%s", line), memo=self.memo)
            site = Path(config.site_dir).resolve()
            if self.shard is not None:
                self.vocabulary = project.cache_dir / VOCABULARY
                clean_directory(config.site_dir)  # a dirty build keeps what is there: a shard's folder holds only its files
                (site / MARKER).unlink(missing_ok=True)  # written again once this shard is complete (MkDocs keeps hidden files)
            self.staged = None
            self.built_from = None
            if self.command == "build" and not serving(site) and self.result.fingerprint is not None:
                self.built_from = inputs(project, config, self.result.fingerprint, site)
                written = self.result.written
                if not written.written and not written.removed and up_to_date(project, self.built_from, site):
                    log.info("%s is up to date (its inputs, seedwiki, MkDocs' configuration and the site are as the "
                             "last build left them); nothing to build", site)
                    self._release()
                    raise Unchanged()
            if self.command in ("build", "gh-deploy") and not serving(site):
                self.site_project = project
                forget(project)  # until this build is in place, no site is known up to date
                self.staged = StagedSite.begin(site)
                config.site_dir = str(self.staged.new)
        except SeedwikiError as err:
            raise self._fail(err.report()) from None
        except OSError as err:
            raise self._fail(f"{err.filename or config.site_dir}: {err.strerror}; free disk space or fix the folder's permissions, then build again") from None
        address = self.config.cite_address
        config.extra["seedwiki"] = {"search": self.config.search,
                                    "published": address == "site_url" or (address == "auto" and published),
                                    "words": template_words(config.theme.get("language"))}  # the templates' words (i18n)
        self._add_theme(config)
        if self.theme_listing is not None:
            self.theme_listing.install(config.theme)
        self._report(self.result)
        if config.nav is not None:
            config.nav = with_seed_nav(config.nav, self.result.nav)
        return config

    def _shard(self) -> Shard | None:
        """The shard this build makes (SEEDWIKI_SHARD), if any, in a build that can make one."""
        text = os.environ.get(SHARD_ENV, "").strip()
        if not text:
            return None
        shard = parse_shard(text)
        if self.started_as != "build" or not self.dirty:
            raise self._fail(f"seedwiki: {SHARD_ENV}={terminal_text(text)}: a shard is built by `mkdocs build --dirty --site-dir FOLDER` "
                             f"(the dirty build writes only the files MkDocs is told are the shard's); unset {SHARD_ENV} for any other command")
        if self.config.search != "pagefind":
            raise self._fail(f"seedwiki: {SHARD_ENV}={terminal_text(text)}: shards are searched through Pagefind's merged bundles; "
                             "set `search: pagefind` for the seedwiki plugin in mkdocs.yml (the offline build is never sharded)")
        return shard

    @staticmethod
    def _add_theme(config: MkDocsConfig) -> None:
        """The package's template overrides (after the project's own custom_dir) and style; the
        scripts are each page's own (on_page_context)."""
        templates = str(TEMPLATES)
        if templates not in config.theme.dirs:
            config.theme.dirs.insert(1 if config.theme.custom_dir else 0, templates)
        for name in STYLESHEETS:
            if f"{ASSET_ROOT}/{name}" not in config.extra_css:
                config.extra_css.append(f"{ASSET_ROOT}/{name}")

    @staticmethod
    def _report(result: BuildResult) -> None:
        written = result.written
        log.info("%d seeds; %d files written, %d removed", result.seeds, written.written, written.removed)
        for notice in result.notices:
            log.info("%s", notice)
        if count := result.unlocked:
            log.info("%d pages and anchors are not in permalinks.lock yet; run `seedwiki lock` to add them", count)

    @event_priority(-100)  # last: after every other plugin's `on_files`
    def _files_moved(self, files: Files, *, config: MkDocsConfig) -> Files:
        """Under serve, a file another plugin moved gets its URL and paths from where it now is (`listing.follow_moves`)."""
        if self.unlisted is not None:
            from .listing import follow_moves

            follow_moves(files)
        return files

    def _on_files(self, files: Files, *, config: MkDocsConfig) -> Files:
        """Generated pages are reached from the catalogue and index pages, not all from the
        navigation: MkDocs is told so (those the navigation lists stay in it). Their HTML goes to
        the theme without Markdown (`pages.GeneratedPage`). Their other files reach the site as
        links where the file system allows (`static`)."""
        from .pages import use_generated_pages

        for file in files:
            if file.src_uri.split("/", 1)[0] in GENERATED_ROOTS and file.inclusion is InclusionLevel.INCLUDED:
                file.inclusion = InclusionLevel.NOT_IN_NAV
        use_generated_pages(files, config, GENERATED_ROOTS)
        link_generated_files(files, GENERATED_ROOTS)
        if self.memo is not None and self.dirty and self.shard is None:
            check_in_two_stats(files, GENERATED_ROOTS)
        workers = [f.src_uri for f in files if MATERIAL_WORKER.fullmatch(f.src_uri)]
        self.material_worker = workers[0] if len(workers) == 1 else None
        if self.config.search == "material":
            self._add_stemming_worker(workers, files, config)
        self.site_files = {file.dest_uri for file in files}
        if self.shard is not None:
            self._mark_shard_files(files)
        return files

    on_files = CombinedEvent(_on_files, _files_moved)

    def _mark_shard_files(self, files: Files) -> None:
        """MkDocs' dirty build reads a page (before on_env), then writes it, and copies a file, only
        when `File.is_modified()` says so: here the shard's own files say so at every step, and the
        pages every shard must read say so while pages are read: the pages of the navigation (their
        titles are in every page's navigation) and, in the common shard, the seed pages that carry
        tags (the tags page lists them)."""
        shard = self.shard
        assert shard is not None and self.result is not None
        pages = {file.src_uri: os.stat(file.abs_src_path).st_size for file in files
                 if file.is_documentation_page() and file.abs_src_path and file.src_uri.split("/", 1)[0] in ("seeds", *LIST_ROOTS)}
        self.owners = assign(units(self.result.shard_units, pages), shard.count)
        log.info("shard %s: %d seed folders of %d, %d list pages of %d", shard,
                 sum(1 for key, k in self.owners.items() if k == shard.index and key.endswith("/")),
                 sum(1 for key in self.owners if key.endswith("/")),
                 sum(1 for key, k in self.owners.items() if k == shard.index and not key.endswith("/")),
                 sum(1 for key in self.owners if not key.endswith("/")))
        self.reading = True
        self.read_too = set()
        self.shard_files = set()
        for file in files:
            mine = owner(file.src_uri, self.owners) == shard.index
            if mine:
                self.shard_files.add(file.dest_uri)
            if not mine and shard.common and file.is_documentation_page() and _tagged(file):
                self.read_too.add(file.src_uri)
            file.is_modified = self._modified(file.src_uri, mine)  # type: ignore[method-assign]

    def _modified(self, src_uri: str, mine: bool):
        return lambda: mine or (self.reading and src_uri in self.read_too)

    def on_nav(self, nav, *, config: MkDocsConfig, files: Files):
        if self.shard is not None:
            self.read_too |= {page.file.src_uri for page in nav.pages}
        return nav

    @staticmethod
    def _add_stemming_worker(workers: list[str], files: Files, config: MkDocsConfig) -> None:
        """Material's search worker behind one that stems the query (search-worker.js says why);
        main.html points Material at it. A theme without Material's worker keeps its own search."""
        if len(workers) != 1:
            log.warning("Material's search worker not found; the offline search will not stem English")
            return
        folder, name = workers[0].rsplit("/", 1)
        script = STEMMING_WORKER.read_text(encoding="utf-8").replace("__MATERIAL_WORKER__", name)
        files.append(File.generated(config, f"{folder}/seedwiki-search.js", content=script))
        config.extra["seedwiki"]["search_worker"] = "seedwiki-search.js"

    def on_page_context(self, context, *, page, config: MkDocsConfig, nav):
        """The scripts the page uses (assets.page_scripts), which the template loads (templates/main.html).
        Material's instant navigation keeps the first page's scripts for every page: then all of them."""
        instant = "navigation.instant" in (config.theme.get("features") or [])
        names = SCRIPTS if instant else page_scripts(page.content or "")
        context["seedwiki_scripts"] = [f"{ASSET_ROOT}/{name}" for name in names]
        context["seedwiki_unindexed"] = unindexed(page.file.dest_uri)
        context["seedwiki_nav_key"] = self.rendered.key(page, nav, config)
        return context

    def on_env(self, env, *, config: MkDocsConfig, files: Files):
        """Under serve, MkDocs reads its configuration again and makes a new template environment
        for each rebuild, which compiled the theme's templates again (0.3-0.4 s of CPU at each
        save): they are kept compiled from one rebuild to the next, each checked against its
        source's checksum (an edited template is compiled again). The theme's navigation and
        configuration script are rendered once for the pages that show them alike (`navcache`). The templates loaded are kept
        in a plain dictionary rather than Jinja's LRU cache, which moved each template to the front
        of a 400-entry queue at every lookup (54,560 lookups at 1,000 seeds: each include and
        import, each page), and is needed only when templates are too many to keep."""
        if self.compiled_templates is not None:
            env.bytecode_cache = self.compiled_templates
        if isinstance(env.cache, jinja2.utils.LRUCache):
            env.cache = dict(env.cache.items())
        with_theme_below(env, config.theme.dirs, str(TEMPLATES))
        self.rendered.start(self.material_worker, enabled=not overridden(config.theme.dirs, str(TEMPLATES)))
        env.globals["seedwiki_rendered"] = self.rendered
        self.reading = False  # MkDocs has read the pages; it writes only the shard's from here
        return env

    @event_priority(-100)  # last: after every other plugin has seen the page
    def on_post_page(self, output: str, *, page, config: MkDocsConfig) -> str:
        from .pages import GeneratedPage  # imported by on_files already

        if isinstance(page, GeneratedPage):
            page.release()
        return output

    def on_post_build(self, *, config: MkDocsConfig) -> None:
        site = Path(config.site_dir)
        try:
            self._post_build(site, config)
        except OSError as err:  # a full disk, a read-only folder, a folder where a file goes: one line, not a traceback
            raise unwritable(err, site, self.staged.target if self.staged is not None else site) from None

    def _post_build(self, site: Path, config: MkDocsConfig) -> None:
        from .redirects import write_redirects, write_retired

        assert self.result is not None
        if self.shard is not None and not self.shard.common:
            self._finish_shard(site, config)
            return
        language = config.theme.get("language") or "en"  # the interface's: the pages' own words
        write_redirects(site, self.result.redirects, use_directory_urls=config.use_directory_urls, site_url=config.site_url or "",
                        language=language)
        write_retired(site, self.result.retired, use_directory_urls=config.use_directory_urls, language=language)
        if self.dirty and self.shard is None and self.result.written.removed:  # a generated page is gone from docs/: its built page goes too
            remove_stale(site, GENERATED_ROOTS, self.site_files)
        # every page of the site is in place: Pagefind (which reads only them) indexes it on the other
        # core while links.json and the bibliography are written
        indexing = None
        if self.shard is None and self.config.search == "pagefind" and not serving(site.resolve()):
            indexing = Indexing(site, self.result.search_language)
        try:
            self._write_links(site, config)
        except BaseException:
            if indexing is not None:
                indexing.stop()
            raise
        if self.shard is not None:
            index_site(site, self.result.search_language, words=self._words())
            write_marker(site, self.shard)
        elif indexing is not None:
            indexing.finish()
        elif self.config.search == "pagefind":
            self.indexer.start(site, self.result.search_language)  # serving: the page is served now; search catches up
        if self.staged is not None:
            self.staged.complete = True
        else:
            self._release()  # serving: the site is in place
        if self.memo is not None:
            self._collect()

    def _write_links(self, site: Path, config: MkDocsConfig) -> None:
        """links.json and the site's bibliography (citations.bib, citations.ris, citations.json)."""
        from ..citation import BIBLIOGRAPHY_FILES, bibliography
        from ..render.links import links_json

        assert self.result is not None
        site_url = config.site_url or ""
        made = self.result.records
        if made is not None:
            self.records_made = (self.result.fingerprint, made)
        elif self.memo is not None and self.result.fingerprint is not None and self.records_made[0] == self.result.fingerprint:
            made = self.records_made[1]  # nothing changed since the build that made them (equal fingerprints: equal inputs)
        if made is not None:  # serving: the lines of the seeds that did not change are not converted again
            items = self._links_by_seed(site / "links.json", site_url, made)
        else:
            items = []  # each seed as a bibliographic item, for the site's bibliography files
            with self.result.links.open(encoding="utf-8") as records, whole_file(site / "links.json") as links:
                for line, item in links_json(records, site_url):  # a target a line: never the whole manifest in memory
                    links.write(line)
                    if item is not None:
                        items.append(item)
        if self.memo is None:
            for name, fmt in BIBLIOGRAPHY_FILES.items():
                write_whole(site / name, bibliography(items, fmt))
        else:
            self._write_bibliography(site, items)

    def _collect(self) -> None:
        """Under serve, the garbage collector's work, once a build is done. After the first build,
        what it made and the memo keeps (every seed's document and facts, the pages' inputs)
        leaves the collector's watch (`gc.freeze`, once its garbage is collected): a full
        collection came with most saves and went through all of it (0.21-0.26 s of CPU each at
        1,000 dense seeds). From then on the collector makes no full collection by itself: with
        so little left in its watch, its rule (a full collection when the objects that survived
        two collections grew by a quarter) made one after every few hundred thousand objects a
        build made (20 in one save at 10,000 seeds, 4.2 s of CPU). One full collection after
        each build instead goes through what builds made since the first, and frees what they let
        go in cycles; what the frozen objects let go is freed by reference counts as ever."""
        gc.collect()
        if not self.frozen:
            gc.freeze()
            young, middle, _ = gc.get_threshold()
            gc.set_threshold(young, middle, FULL_COLLECTIONS_NEVER)
            self.frozen = True

    def _write_bibliography(self, site: Path, items: list) -> None:
        """Under serve, the bibliography files from each source's parts (`citation.bibliography_entry`),
        those of the sources unchanged since the previous rebuild (the very same items) as made then.
        A file whose parts are all those it was last written with, and that is as this process
        left it (`rewrite.file_status`), is not written again: most saves change no source's item."""
        from ..citation import BIBLIOGRAPHY_FILES, bibliography_entry, joined_bibliography

        before, now = self.bibliography_made, {}
        formats = list(BIBLIOGRAPHY_FILES.values())
        parts = []
        for item in items:
            held = before.get(id(item))  # the previous items are alive (held): an id names one item
            if held is None or held[0] is not item:
                held = (item, tuple(bibliography_entry(item, fmt) for fmt in formats))
            now[id(item)] = held
            parts.append(held[1])
        self.bibliography_made = now
        for number, (name, fmt) in enumerate(BIBLIOGRAPHY_FILES.items()):
            path = os.path.join(site, name)
            written = self.bibliography_written.pop(path, None)
            if (written is not None and written[0] == file_status(path) and len(written[1]) == len(parts)
                    and all(old is new or old == new for old, new in zip(written[1], parts, strict=True))):
                self.bibliography_written[path] = written  # no source changed, and the file is as written: kept as it is
                continue
            write_whole(Path(path), joined_bibliography([made[number] for made in parts], fmt))
            if (status := file_status(path)) is not None:
                self.bibliography_written[path] = (status, parts)

    def _links_by_seed(self, path: Path, site_url: str, records: tuple[str, tuple[tuple[str, ...], ...]]) -> list:
        """links.json from the build's lines (`render.links.links_json_by_seed`), each seed's part
        converted once for the site's address and kept for the next rebuild; the sources' items."""
        from ..render.links import links_json_by_seed

        before = self.links_converted[1] if self.links_converted[0] == site_url else {}
        self.links_converted = ("", {})  # until this conversion is complete
        now: dict = {}
        parts, items = links_json_by_seed(records[0], records[1], site_url, (before, now))
        if not self.parts_written.update(path, parts):  # from the first changed seed's part on (`rewrite`)
            with whole_file(path, binary=True) as links:
                links.writelines(parts)
            self.parts_written.record(path, parts)
        self.links_converted = (site_url, now)
        return items

    def _finish_shard(self, site: Path, config: MkDocsConfig) -> None:
        """A seeds' shard: its search bundle, of its pages only, goes to pagefind/shard-K/."""
        assert self.shard is not None and self.result is not None
        self._prune_shard(site)
        index_site(site, self.result.search_language, site / self.shard.bundle, words=self._words())
        write_marker(site, self.shard)
        self._release()

    def _words(self) -> list[str]:
        assert self.vocabulary is not None
        try:
            return self.vocabulary.read_text(encoding="utf-8").split("\n")
        except OSError as err:
            raise PluginError(f"seedwiki: {self.vocabulary}: {err.strerror}; build the shard again (the generation writes it)") from None

    def _prune_shard(self, site: Path) -> None:
        """Leave in a seeds' shard's folder only its own files, its bundle and its marker: what every
        build writes besides its pages (the theme's 404.html and sitemap, the tags plugin's
        tags.json…) is the common shard's."""
        assert self.shard is not None
        keep = {*self.shard_files, MARKER}
        for current, _dirs, names in os.walk(site, topdown=False):
            folder = Path(current)
            rel = folder.relative_to(site).as_posix()
            if rel == self.shard.bundle or rel.startswith(self.shard.bundle + "/"):
                continue
            for name in names:
                if (name if rel == "." else f"{rel}/{name}") not in keep:
                    (folder / name).unlink()
            if folder != site and not any(folder.iterdir()):
                folder.rmdir()

    def on_build_error(self, *, error: Exception) -> None:
        if self.shard is not None and self.mkdocs_config is not None:  # strict mode aborts after on_post_build
            (Path(self.mkdocs_config.site_dir) / MARKER).unlink(missing_ok=True)
        if self.staged is not None:
            self.staged.discard()  # the previous site stays
            self.staged = None
        self._release()

    def on_shutdown(self) -> None:
        """After `mkdocs build` or `gh-deploy`: a complete staged site replaces the previous one."""
        staged, self.staged = self.staged, None
        try:
            if staged is not None and staged.finish():
                log.info("the new site replaced %s", staged.target)
                if self.built_from is not None and self.site_project is not None:
                    remember(self.site_project, self.built_from, staged.target)
            if self.shard is not None and not self.shard.common and self.mkdocs_config is not None:
                site = Path(self.mkdocs_config.site_dir)
                if (site / MARKER).is_file():  # a complete shard: what other plugins wrote after it is the common shard's
                    self._prune_shard(site)
        except OSError as err:
            log.error("%s: cannot put the new site in place (%s); the previous site is kept, build again",
                      err.filename or (staged.target if staged else ""), err.strerror)
            raise SystemExit(1) from None
        finally:
            if self.unlisted is not None:  # serve stopped: MkDocs' own listing again
                import mkdocs.commands.build as mkdocs_build

                mkdocs_build.get_files, self.unlisted = self.unlisted, None  # type: ignore[assignment]
            self.indexer.cancel()  # serve stopped: no wait for an index nobody will search
            if staged is not None and self.mkdocs_config is not None:
                self.mkdocs_config.site_dir = str(staged.target)  # where gh-deploy finds the site
            self._release()

    def on_serve(self, server, *, config: MkDocsConfig, builder):
        project = self.project(config)
        watch_written_by_hand(server, config.docs_dir)
        server.watch(str(project.seeds_dir), recursive=False)  # seeds and their sidecars
        # the glossary and the lock, exactly: a log written into the project (`make serve > serve.log`)
        # must not rebuild the site and reload every browser on each line it writes
        files = (project.glossary_path, project.lock_path)
        for path in files:
            if path.exists():
                server.watch(str(path), recursive=False)
        if missing := {str(path) for path in files if not path.exists()}:
            watch_for_creation(server, missing)
        return server
