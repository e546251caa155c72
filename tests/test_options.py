"""The plugin's options read outside MkDocs (`options.read_options`, which `seedwiki build` and the
other commands use) give what MkDocs' own validation of `SeedwikiConfig` gives the plugin: the same
values, and for a wrong one the same option named with the same message."""

from __future__ import annotations

import subprocess
import sys

import pytest

from seedwiki.build import project_at
from seedwiki.errors import ConfigError
from seedwiki.options import OPTIONS, OptionError, read_options
from seedwiki.plugin.config import SeedwikiConfig

GIVEN = [
    {},
    {"search": "material"},
    {"search": "pagefind", "cite_address": "page"},
    {"seeds": "sources", "glossary": "terms.yml", "lock": "locks/permalinks.lock"},
    {"seeds": None, "search": None, "cite_address": None},  # `seeds:` with nothing after it
    {"unknown": 1, "seeds": "s"},
    {"search": "lunr"},
    {"search": 1},
    {"search": ["pagefind"]},
    {"search": True},
    {"seeds": 3},
    {"seeds": ["a", "b"]},
    {"glossary": {"file": "g.yml"}},
    {"lock": 1.5},
    {"cite_address": "site"},
    {"cite_address": False},
    {"search": "lunr", "seeds": 3},  # two wrong: the first in MkDocs' order is the one named
    {"seeds": 3, "cite_address": "x"},
    {"lock": "", "glossary": ""},
]


def _mkdocs(given: dict) -> tuple[dict | None, tuple[str, str] | None]:
    config = SeedwikiConfig()
    config.load_dict(dict(given))
    errors, _ = config.validate()
    if errors:
        name, error = errors[0]
        return None, (name, str(error))
    return {name: config[name] for name in OPTIONS}, None


def _read(given: dict) -> tuple[dict | None, tuple[str, str] | None]:
    try:
        options = read_options(dict(given))
    except OptionError as error:
        return None, (error.name, str(error))
    return {name: getattr(options, name) for name in OPTIONS}, None


def test_the_table_is_mkdocs_config_class_in_order():
    assert [name for name, _ in SeedwikiConfig._schema] == list(OPTIONS)


@pytest.mark.parametrize("given", GIVEN, ids=repr)
def test_read_options_validates_as_mkdocs_does(given):
    assert _read(given) == _mkdocs(given)


def test_a_wrong_option_is_one_line_naming_it_and_mkdocs_message(tmp_path):
    (tmp_path / "mkdocs.yml").write_text("site_name: t\nplugins:\n  - seedwiki:\n      search: lunr\n      seeds: 3\n")
    with pytest.raises(ConfigError) as raised:
        project_at(tmp_path)
    assert raised.value.message == "the seedwiki plugin's option `search`: Expected one of: ('pagefind', 'material') but received: 'lunr'"
    assert "\n" not in str(raised.value)


def test_reading_the_options_loads_no_mkdocs_config_class(tmp_path):
    """MkDocs' config classes load the theme's Jinja and Babel: a command that reads mkdocs.yml has
    no use for them (`options` says what they cost)."""
    (tmp_path / "mkdocs.yml").write_text("site_name: t\nplugins:\n  - seedwiki:\n      seeds: sources\n")
    code = ("import sys; from pathlib import Path; from seedwiki.build import project_at; print(project_at(Path('.')).seeds);"
            "print(sorted(m for m in sys.modules if m.startswith(('mkdocs.config', 'mkdocs.theme', 'jinja2', 'babel'))))")
    out = subprocess.run([sys.executable, "-c", code], cwd=tmp_path, capture_output=True, text=True, check=True).stdout
    assert out.split("\n")[:2] == ["sources", "[]"]
