"""MkDocs hooks: generate the pages with the same build as `seedwiki build`, redirect the locked
pages of renamed seeds, write `links.json` into the site, index it with Pagefind, and watch the seeds."""

from __future__ import annotations

import logging
import subprocess
import sys
from pathlib import Path

from mkdocs.exceptions import PluginError

from seedwiki.build import BuildResult, Project, build, with_seed_nav
from seedwiki.cite import links_json
from seedwiki.errors import SeedwikiError

log = logging.getLogger("mkdocs.plugins.seedwiki")
_last: BuildResult | None = None  # the build of the current MkDocs run, for on_post_build


def _project(config) -> Project:
    return Project(Path(config.config_file_path).resolve().parent)


def on_config(config):
    global _last
    project = _project(config)
    try:
        _last = build(project)
    except SeedwikiError as err:
        raise PluginError(err.report()) from None
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
    links = links_json(_last.links.read_text(encoding="utf-8"), config.site_url or "")
    (Path(config.site_dir) / "links.json").write_text(links, encoding="utf-8")
    if (config.extra.get("seedwiki") or {}).get("search") == "pagefind":
        command = [sys.executable, "-m", "pagefind", "--site", config.site_dir, "--root-selector", "article",
                   "--exclude-selectors", PAGEFIND_EXCLUDE, "--quiet"]
        result = subprocess.run(command, capture_output=True, text=True)
        if result.returncode != 0:
            raise PluginError(f"seedwiki: pagefind could not index the site:\n{result.stdout}{result.stderr}")


def on_serve(server, config, builder):
    project = _project(config)
    server.watch(str(project.seeds_dir))  # seeds and their sidecars
    # glossary.yml and permalinks.lock, also when they are created while serving (not recursive: site/ is below)
    server.watch(str(project.root), recursive=False)
    return server
