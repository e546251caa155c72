"""The plugin's options, typed as MkDocs validates them (`plugins: - seedwiki: {…}` in mkdocs.yml)."""

from __future__ import annotations

from mkdocs.config import base
from mkdocs.config import config_options as c


class SeedwikiConfig(base.Config):
    # Search: Pagefind indexes the built site in chunks (a first query fetches a few hundred KB
    # however large the wiki grows); "material" keeps Material's own search (works from file://).
    search = c.Choice(("pagefind", "material"), default="pagefind")
    # Where the project's inputs are, relative to mkdocs.yml.
    seeds = c.Type(str, default="seeds")
    glossary = c.Type(str, default="glossary.yml")
    lock = c.Type(str, default="permalinks.lock")
    # The address citations copied from a page carry: "auto" is the site's published address
    # (site_url), or the address the page is read at when site_url is a local one; "site_url" and
    # "page" force one or the other.
    cite_address = c.Choice(("auto", "site_url", "page"), default="auto")
