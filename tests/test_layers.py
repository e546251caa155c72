"""The package's shape: stages import only downwards (README, "How it works"), and no module
imports another that imports it back, directly or round a circle. Every import counts, also those
inside functions."""

from __future__ import annotations

import ast
from graphlib import CycleError, TopologicalSorter
from pathlib import Path

import pytest

PACKAGE = Path(__file__).resolve().parent.parent / "src" / "seedwiki"

# Top-level modules and packages, lowest first: each may import its own layer's and lower layers'.
LAYERS = [
    {"errors", "model", "escape", "quotation", "fragment", "i18n", "rewrite"},
    {"ingest", "inputs", "extract", "parse", "memo", "options"},
    {"curate", "parsecache", "assets", "write", "shard"},
    {"link"},
    {"citation"},
    {"render"},
    {"build", "review", "new"},
    {"check", "plugin"},
    {"cli", "__main__"},
]
LAYER = {name: number for number, names in enumerate(LAYERS) for name in names}


def _module(path: Path) -> str:
    parts = list(path.relative_to(PACKAGE.parent).with_suffix("").parts)
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def _imports(path: Path) -> set[str]:
    """The seedwiki modules `path` imports (absolute names), wherever in the file."""
    module = _module(path)
    package = module if path.name == "__init__.py" else module.rsplit(".", 1)[0]
    found = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.ImportFrom):
            if node.level:
                base = package.split(".")[: len(package.split(".")) - node.level + 1]
                name = ".".join(base + ([node.module] if node.module else []))
            else:
                name = node.module or ""
            if name.split(".")[0] == "seedwiki":
                found.add(name)
                # `from . import x` and `from .pkg import module` name modules too
                found.update(f"{name}.{alias.name}" for alias in node.names if (PACKAGE.parent / f"{name}.{alias.name}".replace(".", "/")).with_suffix(".py").exists())
        elif isinstance(node, ast.Import):
            found.update(alias.name for alias in node.names if alias.name.split(".")[0] == "seedwiki")
    return {name for name in found if name != module}


def _graph() -> dict[str, set[str]]:
    modules = {_module(path): path for path in PACKAGE.rglob("*.py")}
    return {name: {other for other in _imports(path) if other in modules} for name, path in modules.items()}


def _top(module: str) -> str:
    return module.split(".")[1] if "." in module else ""


def test_every_top_level_module_has_a_layer():
    tops = {_top(name) for name in _graph()} - {""}
    assert tops <= set(LAYER), f"add {sorted(tops - set(LAYER))} to LAYERS"


def test_no_stage_imports_a_later_one():
    upward = sorted(f"{name} imports {other}" for name, imports in _graph().items() if _top(name)
                    for other in imports if _top(other) and LAYER[_top(other)] > LAYER[_top(name)])
    assert upward == []


def test_no_import_circle():
    graph = {name: {other for other in imports if other != "seedwiki"} for name, imports in _graph().items()}
    try:
        TopologicalSorter(graph).prepare()
    except CycleError as err:
        pytest.fail(f"import circle: {' → '.join(err.args[1])}")


def test_the_check_finds_a_circle_and_an_upward_import():
    """The two checks above can fail: a circle and an upward import are caught when present."""
    with pytest.raises(CycleError):
        TopologicalSorter({"a": {"b"}, "b": {"a"}}).prepare()
    graph = _graph()
    assert "seedwiki.link.targets" in graph["seedwiki.citation"]  # citation builds on link
    assert LAYER["citation"] > LAYER["link"]
