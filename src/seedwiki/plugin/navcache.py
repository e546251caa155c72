"""Parts of the theme rendered once for all the pages that show them alike: the navigation
(Material's partials/nav.html) and the configuration script (base.html's `config` block).

Every page carries the whole site navigation, and rendering it was about a quarter of the theme's
time (Material's nav-item macro nine times a page). For a page that is not itself in the
navigation (a seed, an entity, a list's later page: most of a wiki's pages) no item is active, so
the navigation is the same on every such page but for its addresses, which are relative to the
page. `RenderedOnce.key` is those addresses as the theme's `url` filter writes them, and the
plugin's templates/partials/nav.html renders Material's navigation once for each key and reuses
it. A page in the navigation (its item is active, its table of contents inside the item) is
rendered as it always was.

The configuration script (`config_key`) holds the base address, the address of Material's search
worker and sixteen of the theme's words, each looked up through a macro that builds the whole
table of the language's words: it depends on the page only through the two addresses.

A project's own templates (the theme's custom_dir) may show the page anywhere: where they
replace one that the navigation or the configuration script renders (`REACHED`), nothing is
rendered once and every page renders its own, as Material does.

The cache lives for one build: MkDocs makes a new template environment for each, and `on_env`
starts an empty one.
"""

from __future__ import annotations

import os

import jinja2
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.utils import normalize_url

# The name under which the templates give the theme's own partials/nav.html (the folders of the
# theme after the plugin's templates/, `with_theme_below`)
BELOW = "seedwiki-theme"

# The theme's templates that Material's navigation (partials/nav.html, its nav-item.html macros) and
# the configuration script (base.html's `config` block) render with the page in their context (the
# language's words are imported without it; a table of contents is only an active item's)
REACHED = ("base.html", "partials/nav.html", "partials/nav-item.html", "partials/logo.html", "partials/source.html")


class RenderedOnce:
    def __init__(self) -> None:
        self.rendered: dict[tuple[str, ...], str] = {}
        self.addresses: tuple[str, ...] | None = None  # every address the navigation shows, as the site names them
        self.worker: str | None = None  # Material's search worker (the configuration script names it), if found
        self.enabled = True  # False when the project replaces a template the cached parts render (`overridden`)

    def start(self, worker: str | None, enabled: bool = True) -> None:
        """A new build: nothing rendered yet, the navigation read again."""
        self.rendered = {}
        self.addresses = None
        self.worker = worker
        self.enabled = enabled

    def key(self, page, nav, config: MkDocsConfig) -> tuple[str, ...] | None:
        """What the navigation on `page` depends on beyond the build: the addresses it shows, as
        relative to `page` as the `url` filter makes them; None for a page in the navigation (then
        an item is active and holds the page's table of contents) or without a navigation."""
        if not self.enabled or page is None or nav is None or any(item.active for item in nav.items):
            return None
        if self.addresses is None:
            self.addresses = _addresses(nav, config)
        return tuple(normalize_url(address, page=page) for address in self.addresses)

    def config_key(self, page, base_url: str) -> tuple[str, ...] | None:
        """What the configuration script on `page` depends on beyond the build: the base address and
        the search worker's, as the page writes them; None without a page or a known worker."""
        if not self.enabled or page is None or self.worker is None:
            return None
        return ("config", base_url, normalize_url(self.worker, page=page))

    def get(self, key: tuple[str, ...]) -> str | None:
        return self.rendered.get(key)

    def keep(self, key: tuple[str, ...], html: str) -> str:
        self.rendered[key] = html
        return html


def _addresses(nav, config: MkDocsConfig) -> tuple[str, ...]:
    """The addresses Material's navigation passes to the `url` filter: the home page (or
    extra.homepage), the logo, and every item's; more than it shows is only a finer key."""
    found = [str(config.extra.get("homepage") or ""), str(config.theme.get("logo") or "")]
    if nav.homepage is not None:
        found.append(nav.homepage.url)

    def walk(items) -> None:
        for item in items:
            if getattr(item, "url", None) is not None:
                found.append(item.url)
            walk(item.children or ())

    walk(nav.items)
    return tuple(found)


def with_theme_below(env: jinja2.Environment, dirs: list[str], ours: str) -> None:
    """Let the templates name the theme's own templates, those of the folders after the plugin's
    (`ours`), as `seedwiki-theme/<name>`."""
    below = dirs[dirs.index(ours) + 1:] if ours in dirs else dirs
    env.loader = jinja2.ChoiceLoader([env.loader, jinja2.PrefixLoader({BELOW: jinja2.FileSystemLoader(below)})])  # type: ignore[list-item]


def overridden(dirs: list[str], ours: str) -> bool:
    """Whether a theme folder before the plugin's (`ours`; the project's custom_dir) holds a
    template the cached parts render (`REACHED`): then it may show the page, and nothing is cached."""
    above = dirs[:dirs.index(ours)] if ours in dirs else dirs
    return any(os.path.exists(os.path.join(folder, name)) for folder in above for name in REACHED)
