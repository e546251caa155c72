"""seedwiki writes and deletes only what it owns: its own folders are never followed through a
symbolic link, `seedwiki clean` removes only what builds wrote, and options that would put the
project's inputs where seedwiki deletes are refused. Each case runs in a sandbox with a victim
folder beside the project, which must come out untouched."""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest

from .test_cli import _seedwiki
from .test_hostile import REPORT

SEED = b"A title\n\nA paragraph of text, long enough to read as one.\n"


def _snapshot(folder: Path) -> dict[str, bytes | str]:
    """Every entry below `folder` (links as their target, not followed), with its bytes."""
    found: dict[str, bytes | str] = {}
    for dirpath, dirnames, filenames in os.walk(folder):
        for name in dirnames + filenames:
            path = Path(dirpath) / name
            rel = path.relative_to(folder).as_posix()
            found[rel] = "link:" + os.readlink(path) if path.is_symlink() else (path.read_bytes() if path.is_file() else "dir")
    return found


@pytest.fixture
def sandbox(tmp_path):
    """A built project `p` and a victim folder beside it that looks like a project and a cache."""
    victim = tmp_path / "victim"
    for rel in ("documents/thesis.txt", "seeds/mine.txt", "entities/notes.md", "state.json", "catalogue/x.md"):
        (victim / rel).parent.mkdir(parents=True, exist_ok=True)
        (victim / rel).write_text(f"the victim's {rel}\n")
    root = tmp_path / "p"
    (root / "seeds").mkdir(parents=True)
    (root / "seeds" / "a.txt").write_bytes(SEED)
    built = _seedwiki(root, "build")
    assert built.returncode == 0, built.stderr
    return root, victim


def _refused(result, path: Path, what: str) -> None:
    assert result.returncode == 1, result.stdout
    assert "Traceback" not in result.stderr
    (line,) = result.stderr.splitlines()
    assert REPORT.match(line) and line.startswith(f"{path}:") and what in line, line


def _link(link: Path, target: Path) -> None:
    if link.is_dir() and not link.is_symlink():
        shutil.rmtree(link)
    elif link.exists():
        link.unlink()
    link.parent.mkdir(parents=True, exist_ok=True)
    link.symlink_to(target, target_is_directory=True)


@pytest.mark.parametrize("command", ["clean", "build"])
@pytest.mark.parametrize(
    ("where", "target"),
    [
        (".seedwiki-cache", "victim"),  # a repository can commit such a link
        (".seedwiki-cache", ".."),  # the project's own parent: the project and its siblings
        (".seedwiki-cache/documents", "victim"),
        ("docs/.seedwiki-retired", "victim"),  # the swap would empty the target's seeds/ and entities/
        ("docs/.seedwiki-staging", "victim"),
        ("docs/entities", "victim"),
        ("docs/seeds", "victim/seeds"),
    ],
)
def test_a_link_in_place_of_a_folder_of_seedwiki_is_refused_and_nothing_is_followed(sandbox, command, where, target):
    root, victim = sandbox
    destination = victim if target == "victim" else (root / target).resolve() if target == ".." else victim / "seeds"
    _link(root / where, destination)
    before, project_before = _snapshot(victim), _snapshot(root / "seeds")
    result = _seedwiki(root, command)
    _refused(result, root / where, "symbolic link")
    assert _snapshot(victim) == before
    assert _snapshot(root / "seeds") == project_before
    assert (root / "seeds" / "a.txt").read_bytes() == SEED


def test_a_link_inside_a_generated_folder_is_a_foreign_file_to_the_build_and_kept_by_clean(sandbox):
    root, victim = sandbox
    before = _snapshot(victim)
    (root / "docs" / "entities" / "sub").symlink_to(victim, target_is_directory=True)
    _refused(_seedwiki(root, "build"), root / "docs" / "entities" / "sub", "seedwiki did not write it")
    cleaned = _seedwiki(root, "clean")
    assert cleaned.returncode == 0, cleaned.stderr
    assert "kept 1 files" in cleaned.stdout and "docs/entities/sub" in cleaned.stdout
    assert (root / "docs" / "entities" / "sub").is_symlink()
    assert _snapshot(victim) == before


def test_clean_keeps_a_hand_written_file_in_a_generated_folder_and_removes_the_rest(sandbox):
    root, _ = sandbox
    notes = root / "docs" / "entities" / "my-notes.md"
    notes.write_text("# My notes\n")
    _refused(_seedwiki(root, "build"), notes, "seedwiki did not write it")  # the build refuses to replace it
    cleaned = _seedwiki(root, "clean")
    assert cleaned.returncode == 0, cleaned.stderr
    assert notes.read_text() == "# My notes\n"
    assert "docs/entities/my-notes.md" in cleaned.stdout
    left = sorted(p.relative_to(root / "docs").as_posix() for p in (root / "docs").rglob("*") if p.is_file())
    assert left == ["entities/my-notes.md"]
    assert not (root / ".seedwiki-cache" / "state.json").exists()


@pytest.mark.parametrize(
    ("option", "detail"),
    [
        ("seeds: docs/seeds", "inside a folder seedwiki generates"),
        ("seeds: docs/entities/texts", "inside a folder seedwiki generates"),
        ("seeds: .seedwiki-cache", "inside a folder seedwiki generates"),
        ("seeds: site", "inside a folder seedwiki generates"),
        ("glossary: docs/seeds/glossary.yml", "inside a folder seedwiki generates"),
        ("seeds: ../victim/seeds", "outside the project folder"),
        ("lock: /etc/passwd", "outside the project folder"),
    ],
)
@pytest.mark.parametrize("command", ["clean", "build", "lock"])
def test_an_option_that_puts_inputs_where_seedwiki_deletes_or_outside_the_project_is_refused(sandbox, option, detail, command):
    root, victim = sandbox
    folder = root / option.split(": ")[1]
    if option.startswith("seeds: ") and folder.resolve().is_relative_to(root):
        folder.mkdir(parents=True, exist_ok=True)
        (folder / "b.txt").write_bytes(SEED)
    (root / "mkdocs.yml").write_text(f"site_name: t\nplugins:\n  - seedwiki:\n      {option}\n")
    before, victim_before = _snapshot(root / "docs"), _snapshot(victim)
    result = _seedwiki(root, command)
    _refused(result, root / "mkdocs.yml", detail)
    assert _snapshot(root / "docs") == before and _snapshot(victim) == victim_before


def test_a_build_after_the_generated_tree_was_removed_regenerates_it(sandbox):
    """`git clean -fdX docs` removes the generated folders and the manifest, not the cache."""
    root, _ = sandbox
    expected = _snapshot(root / "docs")
    for entry in (root / "docs").iterdir():
        shutil.rmtree(entry) if entry.is_dir() else entry.unlink()
    result = _seedwiki(root, "build")
    assert result.returncode == 0, result.stderr
    assert "0 files written" not in result.stdout
    assert _snapshot(root / "docs") == expected


def test_clean_never_removes_through_a_generated_folder_replaced_by_a_link(sandbox):
    """The manifest lists docs/seeds/a/index.md; docs/seeds/a is now a link to a folder that holds
    an index.md of its own: clean removes nothing through it."""
    root, victim = sandbox
    (victim / "index.md").write_text("the victim's page\n")
    before = _snapshot(victim)
    _link(root / "docs" / "seeds" / "a", victim)
    cleaned = _seedwiki(root, "clean")
    assert cleaned.returncode == 0, cleaned.stderr
    assert _snapshot(victim) == before
