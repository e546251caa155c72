"""The plugin's options as MkDocs' own config class (`plugins: - seedwiki: {…}`), made from
`options.OPTIONS`, which `options.read_options` validates the same way outside MkDocs."""

from __future__ import annotations

from mkdocs.config import base
from mkdocs.config import config_options as c

from ..options import OPTIONS


def _option(name: str) -> c.Choice[str] | c.Type[str]:
    kind, default = OPTIONS[name]
    return c.Choice(kind, default=default) if isinstance(kind, tuple) else c.Type(kind, default=default)


class SeedwikiConfig(base.Config):
    search = _option("search")
    seeds = _option("seeds")
    glossary = _option("glossary")
    lock = _option("lock")
    cite_address = _option("cite_address")
