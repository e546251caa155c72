"""The plugin's options (`plugins: - seedwiki: {…}` in mkdocs.yml): what each may be, and
`read_options`, which validates them outside MkDocs as MkDocs does (`plugin.config.SeedwikiConfig`
makes MkDocs' own config class of the same table), with MkDocs' very messages.

Not MkDocs' classes here: importing `mkdocs.config.config_options` loads the theme's Jinja and
Babel (about 0.1-0.2 s of CPU), which `seedwiki build` and the other commands read mkdocs.yml
without needing."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any, Protocol

# Each option, in the order MkDocs validates them: a tuple of choices, or the type its value must have.
# search: Pagefind indexes the built site in chunks (a first query fetches a few hundred KB however
# large the wiki grows); "material" keeps Material's own search (works from file://).
# seeds, glossary, lock: where the project's inputs are, relative to mkdocs.yml.
# cite_address: the address citations copied from a page carry: "auto" is the site's published
# address (site_url), or the address the page is read at when site_url is a local one; "site_url"
# and "page" force one or the other.
OPTIONS: dict[str, tuple[tuple[str, ...] | type, str]] = {
    "search": (("pagefind", "material"), "pagefind"),
    "seeds": (str, "seeds"),
    "glossary": (str, "glossary.yml"),
    "lock": (str, "permalinks.lock"),
    "cite_address": (("auto", "site_url", "page"), "auto"),
}


class Placed(Protocol):
    """What places a project's inputs: `Options`, or the plugin's `SeedwikiConfig`."""

    @property
    def seeds(self) -> str: ...
    @property
    def glossary(self) -> str: ...
    @property
    def lock(self) -> str: ...


@dataclass(frozen=True)
class Options:
    search: str
    seeds: str
    glossary: str
    lock: str
    cite_address: str


class OptionError(ValueError):
    """An option's value is not one it may have: `name`, and MkDocs' message for it."""

    def __init__(self, name: str, message: str) -> None:
        super().__init__(message)
        self.name = name


def read_options(given: dict) -> Options:
    """`given` (the plugin's entry in mkdocs.yml) validated as MkDocs validates `SeedwikiConfig`:
    an absent or empty (null) option takes its default, the first wrong one (in `OPTIONS`' order)
    raises `OptionError` with MkDocs' message (`config_options.Choice`, `config_options.Type`);
    names MkDocs does not know are left out, as MkDocs only warns of them."""
    values: dict[str, Any] = {}
    for name, (kind, default) in OPTIONS.items():
        value = given.get(name)
        value = default if value is None else value
        if isinstance(kind, tuple):
            if value not in kind:
                raise OptionError(name, f"Expected one of: {kind} but received: {value!r}")
        elif not isinstance(value, kind):
            raise OptionError(name, f"Expected type: {kind} but received: {type(value)}")
        values[name] = value
    return Options(**values)
