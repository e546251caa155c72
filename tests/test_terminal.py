"""What the command line prints: text from a seed, a sidecar, a file name or a review may hold
escape sequences; a terminal shows them as symbols and never obeys them."""

from __future__ import annotations

import ast
import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from .conftest import ROOT, make_project, mkdocs_build

# A window title, a cleared screen, a clipboard write (OSC 52) and a C1 CSI (U+009B) that turns text red.
ESCAPES = "\x1b]0;pwned\x07 \x1b[2J \x1b]52;c;cHduZWQ=\x07 \x9b31m"
SHOWN = "␛]0;pwned␇ ␛[2J ␛]52;c;cHduZWQ=␇ ⟨U+009B⟩31m"  # the same characters as a terminal must show them
TITLE = f"Alpha {ESCAPES} title"
SEED = f"{TITLE}\n\nThe minister said the plan {ESCAPES} was final.\n\n“We will stay here,” said John Smith.\n"


def _run(*args: str, cwd: Path) -> subprocess.CompletedProcess:
    """The command's output as bytes, as a terminal would receive them."""
    return subprocess.run([sys.executable, "-m", "seedwiki", *args], cwd=cwd, capture_output=True, env={**os.environ, "SEEDWIKI_PROGRESS": "1"})


def _printed(result: subprocess.CompletedProcess) -> str:
    """stdout and stderr, after asserting that neither holds ESC, BEL or a C1 CSI."""
    for stream in (result.stdout, result.stderr):
        assert b"\x1b" not in stream and b"\x07" not in stream  # bytes below 0x80 are never part of a longer UTF-8 character
        assert "\x9b" not in stream.decode("utf-8")
    return result.stdout.decode("utf-8") + result.stderr.decode("utf-8")


@pytest.fixture(scope="module")
def hostile(tmp_path_factory) -> Path:
    """A built project whose seed, seed file names and a non-seed file in seeds/ hold escape sequences."""
    root = make_project(tmp_path_factory.mktemp("terminal") / "p", {"a.txt": SEED.encode(), f"b {ESCAPES}.txt": b"Beta\n\nText.\n"})
    (root / "seeds" / f"c {ESCAPES}.rst").write_text("not a seed\n")
    built = mkdocs_build(root)
    assert built.returncode == 0, built.stderr
    return root


@pytest.mark.parametrize("fmt", ["text", "markdown", "html", "bibtex", "ris", "url"])
def test_cite_shows_escape_sequences_of_a_title_as_symbols(hostile, fmt):
    result = _run("cite", "a", "--p", "3", "--format", fmt, "--quote", "We will stay", cwd=hostile)
    assert result.returncode == 0, result.stderr
    printed = _printed(result)
    assert fmt == "url" or ("pwned␇" in printed and "⟨U+009B⟩31m" in printed)  # Markdown escapes the brackets


@pytest.mark.parametrize("fmt", ["csl-json", None])
def test_json_output_escapes_controls_and_keeps_their_values(hostile, fmt):
    args = ("cite", "a", "--format", fmt) if fmt else ("inspect", "seeds/a.txt")
    result = _run(*args, cwd=hostile)
    assert result.returncode == 0, result.stderr
    _printed(result)
    data = json.loads(result.stdout)
    assert (data[0]["title"] if fmt else data["title"]["value"]) == TITLE
    assert fmt or ESCAPES in data["blocks"][1]["text"]


def test_build_notices_show_a_file_names_escape_sequences_as_symbols(hostile):
    result = _run("build", cwd=hostile)
    assert result.returncode == 0, result.stderr
    assert f"not published: c {SHOWN}.rst" in _printed(result)


@pytest.mark.slow
def test_an_error_naming_a_hostile_file_shows_its_escape_sequences_as_symbols(tmp_path):
    (tmp_path / f"bad {ESCAPES}.txt").write_bytes(b"Caf\xe9\n")
    result = _run("inspect", f"bad {ESCAPES}.txt", cwd=tmp_path)
    assert result.returncode == 1
    assert "is not valid UTF-8" in _printed(result)


def test_argparse_messages_show_hostile_arguments_as_symbols(hostile):
    result = _run("inspect", "seeds/a.txt", f"seeds/c {ESCAPES}.rst", cwd=hostile)  # as a shell expands seeds/*
    assert result.returncode == 2
    assert f"unrecognized arguments: seeds/c {SHOWN}.rst" in _printed(result)


def test_suggest_entities_prints_nothing_a_terminal_obeys(hostile):
    result = _run("suggest-entities", cwd=hostile)
    assert result.returncode == 0
    assert "John Smith" in _printed(result)


def test_check_review_shows_a_passages_escape_sequences_as_symbols(hostile, tmp_path):
    review = tmp_path / "review.md"
    review.write_text(f"He said “the plan {ESCAPES} was not final” ([¶2](http://127.0.0.1:8000/seeds/a/#p2)).\n", encoding="utf-8")
    result = _run("check-review", str(review), "--site", str(hostile / "site"), cwd=hostile)
    assert result.returncode == 1
    printed = _printed(result)
    quoted, _, suggested = printed.partition("the closest passage there reads")
    assert "quotation “the plan ␛]0;pwned␇" in quoted and "␛]0;pwned␇" in suggested  # the review's words, then the seed's


@pytest.mark.site
def test_check_shows_mkdocs_messages_about_a_hostile_link_as_symbols(tmp_path):
    root = make_project(tmp_path / "p", {"a.txt": SEED.encode()})
    (root / "docs" / "adding-a-seed.md").write_text(f"# Adding\n\nSee [¶9](seeds/a/index.md#p9{ESCAPES.split()[0]}).\n", encoding="utf-8")
    result = _run("check", "--site", str(tmp_path / "out"), cwd=root)
    assert result.returncode == 1
    assert "does not contain an anchor '#p9␛]0;pwned␇'" in _printed(result)


@pytest.mark.slow
def test_new_shows_a_hostile_folder_name_as_symbols(tmp_path):
    made = _run("new", f"wiki {ESCAPES}", cwd=tmp_path)
    assert made.returncode == 0, made.stderr
    assert f"created wiki {SHOWN}" in _printed(made)
    again = _run("new", f"wiki {ESCAPES}", cwd=tmp_path)
    assert again.returncode == 1
    assert "exists and is not an empty folder" in _printed(again)


@pytest.mark.site
def test_clean_prints_nothing_a_terminal_obeys(tmp_path):
    root = make_project(tmp_path / "p", {"a.txt": SEED.encode()})
    assert _run("build", cwd=root).returncode == 0
    (root / "docs" / "seeds" / f"notes {ESCAPES}.md").write_text("mine\n")
    result = _run("clean", cwd=root)
    assert result.returncode == 0
    assert "seedwiki: removed" in _printed(result)


def test_the_command_line_prints_only_through_the_one_function_that_shows_controls():
    tree = ast.parse((ROOT / "src" / "seedwiki" / "cli.py").read_text(encoding="utf-8"))
    printing = [node.name for node in ast.walk(tree) if isinstance(node, ast.FunctionDef)
                for call in ast.walk(node) if isinstance(call, ast.Call) and getattr(call.func, "id", None) == "print"]
    writes = [node.lineno for node in ast.walk(tree) if isinstance(node, ast.Attribute) and node.attr == "write"]
    assert (printing, writes) == (["_show"], [])


def test_mkdocs_build_logs_a_file_names_escape_sequences_as_symbols(tmp_path):
    """The plugin's own log lines (under `mkdocs build` and `mkdocs serve`, without the command line)."""
    root = make_project(tmp_path / "p", {"a.txt": SEED.encode()})
    (root / "seeds" / f"c {ESCAPES}.rst").write_text("not a seed\n")
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}
    result = subprocess.run([sys.executable, "-m", "mkdocs", "build", "--strict"], cwd=root, capture_output=True, env=env)
    assert result.returncode == 0, result.stderr
    assert f"not published: c {SHOWN}.rst" in _printed(result)
