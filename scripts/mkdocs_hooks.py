"""MkDocs hooks: generate the pages with the same build as `seedwiki build`, and watch the seeds."""

from __future__ import annotations

import logging
from pathlib import Path

from mkdocs.exceptions import PluginError

from seedwiki.build import Project, build, with_seed_nav
from seedwiki.errors import SeedwikiError

log = logging.getLogger("mkdocs.plugins.seedwiki")


def _project(config) -> Project:
    return Project(Path(config.config_file_path).resolve().parent)


def on_config(config):
    try:
        result = build(_project(config))
    except SeedwikiError as err:
        raise PluginError(err.report()) from None
    w = result.written
    log.info("seedwiki: %d seeds; %d files written, %d removed", len(result.corpus.entries), w.written, w.removed)
    if config.nav is not None:
        config.nav = with_seed_nav(config.nav, result.nav)
    return config


def on_serve(server, config, builder):
    server.watch(str(_project(config).seeds_dir))
    return server
