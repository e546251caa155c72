"""MkDocs hooks: generate the pages with the same build as `seedwiki build`, redirect the locked
pages of renamed seeds, write `links.json` into the site, index it with Pagefind, and watch the seeds.

Build safety: the project lock (`seedwiki.write.ProjectLock`) is held from the start of a build
until its site is in place, so a second build of the project waits. `mkdocs build` and
`mkdocs gh-deploy` write the site into a staging folder beside it (`site.seedwiki-new`), and the
complete site replaces the previous one when MkDocs shuts down after a successful build: a failed,
strict-aborted or killed build leaves the previous site whole. `mkdocs serve` builds into its own
temporary folder, which it serves, so it writes there directly.
"""

from __future__ import annotations

import logging
import os
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path
from urllib.parse import urlsplit

from mkdocs.exceptions import PluginError
from mkdocs.plugins import event_priority

from seedwiki.build import BuildResult, Project, build, validate_site_url, with_seed_nav
from seedwiki.cite import links_json
from seedwiki.errors import SeedwikiError
from seedwiki.write import ProjectLock, recover_folder, staging_folder, swap_in_folder

log = logging.getLogger("mkdocs.plugins.seedwiki")
_last: BuildResult | None = None  # the build of the current MkDocs run, for on_post_build
_command: str | None = None  # "build", "gh-deploy" or "serve", from on_startup
_lock: ProjectLock | None = None  # held from on_config until the build's site is in place
_staged: tuple[Path, Path] | None = None  # (staging folder, site folder) while a site is staged
_complete = False  # the staged site is whole: on_post_build ran and no error followed
_config = None  # the MkDocs configuration of the staged build (gh-deploy reads its site_dir after shutdown)


def _project(config) -> Project:
    return Project(Path(config.config_file_path).resolve().parent)


def on_startup(command, dirty):
    global _command
    _command = None if dirty else command  # a dirty build updates the site in place


def _local_address(site_url: str | None) -> bool:
    """The local default (mkdocs.yml without SEEDWIKI_SITE_URL) or another loopback address: not a
    published one. Pages built with it cite the address they are read at (overrides/main.html)."""
    host = urlsplit(site_url or "").hostname or ""
    return host in ("", "localhost", "0.0.0.0", "::1") or host.startswith("127.")


def _serving(site_dir: Path) -> bool:
    """`mkdocs serve --clean` reports the command "build" but serves a temporary folder of its own."""
    return site_dir.parent == Path(tempfile.gettempdir()).resolve() and site_dir.name.startswith("mkdocs_")


def _release() -> None:
    global _lock
    if _lock is not None:
        _lock.release()
        _lock = None


def _fail(message: str) -> PluginError:
    _release()
    return PluginError(message)


@event_priority(100)  # first: other plugins must see the staging folder as the site folder
def on_config(config):
    global _last, _lock, _staged, _complete, _config
    project = _project(config)
    _config = config
    _complete = False
    try:
        if config.site_url:
            validate_site_url(config.site_url)
        if _command == "gh-deploy" and _local_address(config.site_url):
            raise _fail(f"seedwiki: not publishing: site_url is {config.site_url or 'unset'}, a local address, and every "
                        "citation copied from the published pages would carry it; set SEEDWIKI_SITE_URL to the "
                        "published address (for example https://you.github.io/wiki/) and deploy again")
        if _lock is None:
            _lock = project.lock(on_wait=lambda message: log.info("seedwiki: %s", message))
        _lock.acquire()
        _last = build(project, locked=True)
        site = Path(config.site_dir).resolve()
        _staged = None
        if _command in ("build", "gh-deploy") and not _serving(site):
            recover_folder(site)
            _staged = (staging_folder(site), site)
            config.site_dir = str(_staged[0])
    except SeedwikiError as err:
        raise _fail(err.report()) from None
    except OSError as err:
        raise _fail(f"{err.filename or config.site_dir}: {err.strerror}; free disk space or fix the folder's permissions, then build again") from None
    w = _last.written
    log.info("seedwiki: %d seeds; %d files written, %d removed", _last.seeds, w.written, w.removed)
    for notice in _last.notices:
        log.info("seedwiki: %s", notice)
    if count := _last.unlocked:
        log.info("seedwiki: %d pages and anchors are not in permalinks.lock yet; run `make lock` to add them", count)
    if config.nav is not None:
        config.nav = with_seed_nav(config.nav, _last.nav)
    redirects = config.plugins["redirects"].config["redirect_maps"]
    for old, new in _last.redirects.items():
        redirects[old + "index.md"] = new + "index.md"
    return config


# What Pagefind leaves out of its index: permalink signs and copy buttons, the source-text copy of
# the text, breadcrumbs, and tables that repeat what the text says.
PAGEFIND_EXCLUDE = ".headerlink, .sw-copy, .sw-source, .sw-crumbs, .sw-derived"


def on_post_build(config):
    global _complete
    links = links_json(_last.links.read_text(encoding="utf-8"), config.site_url or "")
    (Path(config.site_dir) / "links.json").write_text(links, encoding="utf-8")
    if (config.extra.get("seedwiki") or {}).get("search") == "pagefind":
        command = [sys.executable, "-m", "pagefind", "--site", config.site_dir, "--root-selector", "article",
                   "--exclude-selectors", PAGEFIND_EXCLUDE, "--quiet"]
        result = subprocess.run(command, capture_output=True, text=True)
        if result.returncode != 0:
            raise PluginError(f"seedwiki: pagefind could not index the site:\n{result.stdout}{result.stderr}")
    _complete = True
    if _staged is None:
        _release()  # serving: the site is in place


def on_build_error(error):
    global _complete, _staged
    _complete = False
    if _staged is not None:
        shutil.rmtree(_staged[0], ignore_errors=True)  # the previous site stays
        _staged = None
    _release()


def on_shutdown():
    """After `mkdocs build` or `gh-deploy`: a complete staged site replaces the previous one."""
    global _staged
    try:
        if _staged is not None and _complete and os.path.isdir(_staged[0]):
            swap_in_folder(*_staged)
            log.info("seedwiki: the new site replaced %s", _staged[1])
        elif _staged is not None:
            shutil.rmtree(_staged[0], ignore_errors=True)
    except OSError as err:
        log.error("seedwiki: %s: cannot put the new site in place (%s); the previous site is kept, build again", err.filename or _staged[1], err.strerror)
        raise SystemExit(1) from None
    finally:
        if _staged is not None and _config is not None:
            _config.site_dir = str(_staged[1])  # where gh-deploy finds the site
        _staged = None
        _release()


def on_serve(server, config, builder):
    project = _project(config)
    server.watch(str(project.seeds_dir))  # seeds and their sidecars
    # glossary.yml and permalinks.lock, also when they are created while serving (not recursive: site/ is below)
    server.watch(str(project.root), recursive=False)
    return server
