"""A later build (a manifest in place) stages only the files whose bytes changed and moves them in
after its commit mark (`write._write`, `write._move_in`): hostile docs/, planted or
damaged commit records, and what a hand edit during the moves leaves for `seedwiki check`."""

from __future__ import annotations

import json
import os
import shutil
import time

import pytest

import seedwiki.write as write_module
from seedwiki.errors import WriteError
from seedwiki.inputs import RACY_NS
from seedwiki.write import COMMITTED, MANIFEST, STAGING, edited_files, write

from .test_write import _pages


def _tree(docs):
    return {
        p.relative_to(docs).as_posix(): p.read_text()
        for p in sorted(docs.rglob("*"))
        if p.is_file() and not p.relative_to(docs).parts[0].startswith(".seedwiki-")  # the pages, not seedwiki's own files
    }


FIRST = {"seeds__a__index": "A", "seeds__b__index": "B", "seeds__old__index": "O"}


def _built(tmp_path):
    """docs/ of a project in tmp_path/project, after a first build."""
    docs = tmp_path / "project" / "docs"
    docs.mkdir(parents=True)
    write(_pages(**FIRST), docs)
    return docs


def _plant(docs, record: dict | str, staged: dict[str, str] | None = None) -> None:
    """A committed staging folder as a killed later build would leave it (or as someone planted it)."""
    staging = docs / STAGING
    staging.mkdir()
    for name, text in (staged or {}).items():
        (staging / name).write_text(text)
    (staging / COMMITTED).write_text(record if isinstance(record, str) else json.dumps(record))


class _LateClock:
    """`time` as the write module sees it, running `late` nanoseconds ahead once set."""

    def __init__(self) -> None:
        self.late = 0

    def time_ns(self) -> int:
        return time.time_ns() + self.late

    def __getattr__(self, name):
        return getattr(time, name)


def test_a_file_edited_by_hand_while_the_others_move_in_is_found_edited(tmp_path, monkeypatch):
    """A file is in docs/ from its move on: a hand edit right after it (the same size) must not
    be recorded as the build's bytes, even when the moves of the other files take longer than
    the racy interval (a glossary change at 100,000 seeds moves every page)."""
    docs = _built(tmp_path)
    clock = _LateClock()
    monkeypatch.setattr(write_module, "time", clock)
    real_replace = os.replace

    def replace(source, target, *args, **kwargs):
        real_replace(source, target, *args, **kwargs)
        if str(target).endswith("seeds/a/index") and not clock.late:
            (docs / "seeds/a/index").write_text("X")  # a hand edit the moment it is in place
            clock.late = 3 * RACY_NS  # the remaining moves take a while

    monkeypatch.setattr(os, "replace", replace)
    write(_pages(seeds__a__index="N", seeds__b__index="B2", seeds__old__index="O"), docs)
    monkeypatch.undo()
    assert (docs / "seeds/a/index").read_text() == "X"
    assert edited_files(docs, record=False) == ["seeds/a/index"]


def test_a_generated_file_replaced_by_a_link_to_an_outside_file_with_the_same_bytes_is_made_a_file_again(tmp_path):
    """`seedwiki check` counts a link as edited; the next build that runs must put the file back,
    as a first build would, and leave the outside file alone."""
    docs = _built(tmp_path)
    outside = tmp_path / "outside.txt"
    outside.write_text("A")
    (docs / "seeds/a/index").unlink()
    (docs / "seeds/a/index").symlink_to(outside)
    assert edited_files(docs, record=False) == ["seeds/a/index"]
    write(_pages(seeds__a__index="A", seeds__b__index="B2", seeds__old__index="O"), docs)
    assert not (docs / "seeds/a/index").is_symlink() and (docs / "seeds/a/index").read_text() == "A"
    assert outside.read_text() == "A" and edited_files(docs, record=False) == []


def test_a_folder_holding_only_empty_folders_in_a_files_place_is_replaced(tmp_path):
    """It holds nothing anyone wrote (a folder holding a file is refused before anything moves),
    so it goes, as a swap of the whole folder would take it; docs/ is then what a first build
    gives, not a mix left by a build that failed after its commit mark."""
    docs = _built(tmp_path)
    (docs / "seeds/b/index").unlink()
    (docs / "seeds/b/index/empty/emptier").mkdir(parents=True)
    result = write(_pages(seeds__a__index="A2", seeds__b__index="B2", seeds__old__index="O"), docs)
    assert result.written == 2 and not (docs / STAGING).exists()
    assert _tree(docs) == {"seeds/a/index": "A2", "seeds/b/index": "B2", "seeds/old/index": "O"}


def test_a_move_that_fails_names_the_file_in_docs_not_the_staged_copy(tmp_path, monkeypatch):
    """A folder that cannot be written (read-only, immutable): the one-line error names the file
    of docs/ that could not be replaced, and does not claim the previous pages are kept (some
    files moved in already); the next build finishes the update once the folder is fixed."""
    docs = _built(tmp_path)
    real_replace = os.replace

    def replace(source, target, *args, **kwargs):
        if str(target).endswith("seeds/b/index"):
            raise PermissionError(1, "Operation not permitted", str(source), None, str(target))
        return real_replace(source, target, *args, **kwargs)

    monkeypatch.setattr(os, "replace", replace)
    new = _pages(seeds__a__index="A2", seeds__b__index="B2", seeds__old__index="O")
    with pytest.raises(WriteError) as raised:
        write(new, docs)
    message = str(raised.value)
    assert message.startswith(f"{docs / 'seeds/b/index'}: ") and STAGING not in message
    assert "previous pages are kept" not in message and "\n" not in message
    monkeypatch.undo()
    assert write(new, docs).written == 0
    assert _tree(docs) == {"seeds/a/index": "A2", "seeds/b/index": "B2", "seeds/old/index": "O"}


# --- planted or damaged commit records: nothing outside docs/'s generated folders is touched ---


def test_a_staged_name_outside_the_staging_folder_moves_no_outside_file_in(tmp_path):
    docs = _built(tmp_path)
    victim = tmp_path / "victim.txt"
    victim.write_text("precious")
    _plant(docs, {"files": {"seeds/a/index": "../../../victim.txt"}, "removed": []})
    with pytest.raises(WriteError, match="damaged"):
        write(_pages(**FIRST), docs)
    assert victim.read_text() == "precious"
    assert _tree(docs) == {"seeds/a/index": "A", "seeds/b/index": "B", "seeds/old/index": "O"}


@pytest.mark.parametrize("removed", ["seeds/../../../outside/empty/x", "../outside/empty/x", "{tmp}/outside/empty/x"])
def test_a_planted_removal_outside_the_generated_folders_removes_no_outside_folder(tmp_path, removed):
    docs = _built(tmp_path)
    (tmp_path / "outside" / "empty").mkdir(parents=True)
    _plant(docs, {"files": {}, "removed": [removed.format(tmp=tmp_path)]})
    with pytest.raises(WriteError, match="damaged"):
        write(_pages(**FIRST), docs)
    assert (tmp_path / "outside" / "empty").is_dir()


def test_a_manifest_naming_a_file_outside_the_generated_folders_removes_no_outside_folder(tmp_path):
    docs = _built(tmp_path)
    (tmp_path / "outside" / "empty").mkdir(parents=True)
    manifest = json.loads((docs / MANIFEST).read_text())
    manifest["files"].append("seeds/../../../outside/empty/x")
    (docs / MANIFEST).write_text(json.dumps(manifest))
    write(_pages(seeds__a__index="A2", seeds__b__index="B", seeds__old__index="O"), docs)
    assert (tmp_path / "outside" / "empty").is_dir()
    assert _tree(docs) == {"seeds/a/index": "A2", "seeds/b/index": "B", "seeds/old/index": "O"}


def test_a_planted_removal_through_a_linked_folder_removes_no_outside_folder(tmp_path):
    docs = _built(tmp_path)
    (tmp_path / "outside" / "empty").mkdir(parents=True)
    (docs / "seeds/link").symlink_to(tmp_path / "outside")
    _plant(docs, {"files": {}, "removed": ["seeds/link/empty/x"]})
    with pytest.raises(WriteError):
        write(_pages(**FIRST), docs)
    assert (tmp_path / "outside" / "empty").is_dir()


def test_a_committed_move_through_a_linked_folder_writes_nothing_outside(tmp_path):
    """A generated folder replaced by a link to an outside folder between a killed build and the
    next: finishing the killed build's moves must not write through the link."""
    docs = _built(tmp_path)
    outside = tmp_path / "outside"
    outside.mkdir()
    (outside / "index").write_text("mine")
    shutil.rmtree(docs / "seeds/a")
    (docs / "seeds/a").symlink_to(outside)
    _plant(docs, {"files": {"seeds/a/index": "0"}, "removed": []}, staged={"0": "A2"})
    with pytest.raises(WriteError) as raised:
        write(_pages(**FIRST), docs)
    assert "symbolic link" in str(raised.value) and "\n" not in str(raised.value)
    assert (outside / "index").read_text() == "mine"


@pytest.mark.parametrize("record", [
    "{",
    "{}",
    "[]",
    '{"files": [1], "removed": []}',
    '{"files": {"seeds/a/index": 0}, "removed": []}',
    '{"files": {}, "removed": "seeds/a/index"}',
    '{"files": {"/etc/x": "0"}, "removed": []}',
    '{"files": {"seeds/a/index": "0"}}',
    '{"roots": "seeds"}',
])
def test_a_damaged_commit_record_is_one_clear_error_that_says_what_to_do(tmp_path, record):
    docs = _built(tmp_path)
    _plant(docs, record, staged={"0": "A2"})
    with pytest.raises(WriteError) as raised:
        write(_pages(**FIRST), docs)
    message = str(raised.value)
    assert message.startswith(f"{docs / STAGING / COMMITTED}: ") and "damaged" in message
    assert _tree(docs) == {"seeds/a/index": "A", "seeds/b/index": "B", "seeds/old/index": "O"}
    assert not (tmp_path / "x").exists()


# --- seedwiki clean after a later build killed halfway through its moves ---


def test_clean_after_a_build_killed_during_its_moves_leaves_nothing_the_next_build_refuses(tmp_path, monkeypatch):
    """The killed build's new files are in docs/ but only its staged manifest lists them: clean
    removes them as the generator's, so the next build does not refuse them as hand-written."""
    from seedwiki.build import Project, build, clean

    (tmp_path / "seeds").mkdir()
    (tmp_path / "seeds" / "a.txt").write_text("Alpha\nText.\n")
    build(Project(tmp_path))
    docs = tmp_path / "docs"
    (tmp_path / "seeds" / "b.txt").write_text("Beta\nText.\n")
    real_replace = os.replace
    moved: list[str] = []

    def replace(source, target, *args, **kwargs):
        if STAGING in str(source) and any("/seeds/b/" in path for path in moved):
            raise KeyboardInterrupt  # stands for a kill: nothing after it runs
        real_replace(source, target, *args, **kwargs)
        moved.append(str(target))

    monkeypatch.setattr(os, "replace", replace)
    with pytest.raises(KeyboardInterrupt):
        build(Project(tmp_path))
    monkeypatch.undo()
    assert (docs / STAGING / COMMITTED).exists()  # the new seed's first file moved in, not the rest
    cleaned = clean(Project(tmp_path))
    assert cleaned.kept == []
    build(Project(tmp_path))
    assert (docs / "seeds" / "b" / "index.md").is_file()


def test_a_file_in_place_of_a_generated_folder_is_refused_before_anything_moves(tmp_path):
    """docs/quotes/ replaced by a file: nothing can move into it, so the build stops before its
    commit mark with one line naming it, and the other folders keep the previous pages (not a mix)."""
    docs = tmp_path / "docs"
    write(_pages(seeds__a__index="A", quotes__index="Q"), docs)
    shutil.rmtree(docs / "quotes")
    (docs / "quotes").write_text("my notes")
    with pytest.raises(WriteError) as raised:
        write(_pages(seeds__a__index="A2", quotes__index="Q"), docs)
    assert str(raised.value).startswith(f"{docs / 'quotes'}: ") and "folder" in str(raised.value)
    assert (docs / "quotes").read_text() == "my notes" and (docs / "seeds/a/index").read_text() == "A"
    assert not (docs / STAGING).exists()


# --- a later build killed (SIGKILL) at each step of its update ---

OLD_PAGES = {"seeds__a__index": "A", "seeds__a__source": "As", "seeds__b__index": "B", "seeds__old__index": "O",
             "seeds__old__source": "Os", "quotes__index": "Q", "catalogue__index": "C"}
NEW_PAGES = {"seeds__a__index": "A2", "seeds__a__source": "As", "seeds__b__index": "B", "seeds__c__index": "C",
             "seeds__c__source": "Cs", "catalogue__index": "C2", "timeline__index": "T"}

KILLED_WRITE = """
import json, os, pathlib, shutil, signal, sys
import seedwiki.write as write_module
from seedwiki.model import Page

docs, step, number = pathlib.Path(sys.argv[1]), sys.argv[2], int(sys.argv[3])
pages = [Page(path.replace("__", "/"), text.encode()) for path, text in json.loads(sys.argv[4]).items()]
calls = [0]

def killing(real):
    def call(*args, **kwargs):
        if calls[0] == number:
            os.kill(os.getpid(), signal.SIGKILL)
        calls[0] += 1
        return real(*args, **kwargs)
    return call

if step == "stage":
    write_module._write_staged = killing(write_module._write_staged)
elif step == "move":
    os.replace = killing(os.replace)
elif step == "remove":
    pathlib.Path.unlink = killing(pathlib.Path.unlink)
elif step == "rmdir":
    os.rmdir = killing(os.rmdir)
elif step == "rmtree":
    real_move_in = write_module._move_in
    def move_in(*args):
        shutil.rmtree = killing(shutil.rmtree)
        real_move_in(*args)
    write_module._move_in = move_in
write_module.write(pages, docs)
print("not killed")
"""


def _docs_files(docs):
    return {p.relative_to(docs).as_posix(): p.read_bytes() for p in sorted(docs.rglob("*"))
            if p.is_file() and p.name != write_module.VERIFIED}, sorted(p.relative_to(docs).as_posix() for p in docs.rglob("*") if p.is_dir())


@pytest.mark.parametrize(("step", "number"), [
    ("stage", 0), ("stage", 3),  # before the commit mark: the previous pages stay
    ("move", 0), ("move", 2), ("move", 5),  # after it: five files move in, then the manifest
    ("remove", 0), ("remove", 2), ("remove", 3),  # three files go, then the commit record
    ("rmdir", 0), ("rmdir", 1),  # the folders they leave empty
    ("rmtree", 0),  # the staging folder
])
def test_a_later_build_killed_at_any_step_leaves_what_a_first_build_gives_once_built_again(tmp_path, step, number):
    import subprocess
    import sys

    docs = tmp_path / "docs"
    write(_pages(**OLD_PAGES), docs)
    before = _docs_files(docs)
    killed = subprocess.run([sys.executable, "-c", KILLED_WRITE, str(docs), step, str(number), json.dumps(NEW_PAGES)],
                            capture_output=True, text=True)
    assert killed.returncode == -9, killed.stdout + killed.stderr
    if step == "stage":
        published = _docs_files(docs)
        assert {k: v for k, v in published[0].items() if not k.startswith(STAGING)} == before[0]
    write(_pages(**NEW_PAGES), docs)
    first = tmp_path / "first"
    write(_pages(**NEW_PAGES), first)
    assert _docs_files(docs) == _docs_files(first) and not (docs / STAGING).exists()


def test_under_serve_a_manifest_name_outside_the_generated_folders_removes_nothing(tmp_path):
    """The in-place writer (`mkdocs serve`, a memo) removes what the manifest lists and the build
    no longer writes as a later build does: only generated paths, never through a link."""
    from seedwiki.memo import Memo

    docs = tmp_path / "docs"
    outside = tmp_path / "outside"
    (outside / "empty").mkdir(parents=True)
    (outside / "x").write_text("the user's")
    write(_pages(seeds__a__index="A"), docs)
    manifest = json.loads((docs / MANIFEST).read_text())
    planted = ["seeds/../../outside/x", "seeds/../../outside/empty/y"]
    manifest["files"] += planted
    manifest["sha256"].update(dict.fromkeys(planted, ""))
    (docs / MANIFEST).write_text(json.dumps(manifest))
    write(_pages(seeds__a__index="A2"), docs, Memo())
    assert (outside / "x").read_text() == "the user's" and (outside / "empty").is_dir()
    assert _tree(docs) == {"seeds/a/index": "A2"}
