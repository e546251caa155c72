from __future__ import annotations

import json
import os

import pytest

from seedwiki.errors import WriteError
from seedwiki.model import Page
from seedwiki.write import COMMITTED, MANIFEST, STAGING, write


def _pages(**files: str) -> list[Page]:
    return [Page(path.replace("__", "/"), text.encode()) for path, text in files.items()]


def _tree(docs):
    return {
        p.relative_to(docs).as_posix(): p.read_text()
        for p in sorted(docs.rglob("*"))
        if p.is_file() and p.name != MANIFEST
    }


def test_first_write_creates_files_and_manifest(tmp_path):
    result = write(_pages(seeds__a__index="A", catalogue__index="C"), tmp_path)
    assert (result.written, result.unchanged, result.removed) == (2, 0, 0)
    assert _tree(tmp_path) == {"seeds/a/index": "A", "catalogue/index": "C"}
    assert json.loads((tmp_path / MANIFEST).read_text())["files"] == ["catalogue/index", "seeds/a/index"]


def test_an_unchanged_rebuild_writes_nothing_and_keeps_times(tmp_path):
    write(_pages(seeds__a__index="A"), tmp_path)
    os.utime(tmp_path / "seeds/a/index", (1_000_000, 1_000_000))
    result = write(_pages(seeds__a__index="A"), tmp_path)
    assert (result.written, result.unchanged) == (0, 1)
    assert (tmp_path / "seeds/a/index").stat().st_mtime == 1_000_000


def test_a_changed_page_is_rewritten_the_others_keep_their_times_and_stale_pages_go(tmp_path):
    write(_pages(seeds__a__index="A", seeds__b__index="B", seeds__old__index="O"), tmp_path)
    os.utime(tmp_path / "seeds/a/index", (1_000_000, 1_000_000))
    result = write(_pages(seeds__a__index="A", seeds__b__index="B2"), tmp_path)
    assert (result.written, result.unchanged, result.removed) == (1, 1, 1)
    assert _tree(tmp_path) == {"seeds/a/index": "A", "seeds/b/index": "B2"}
    assert (tmp_path / "seeds/a/index").stat().st_mtime == 1_000_000


def test_hand_written_files_outside_generated_folders_are_never_touched(tmp_path):
    (tmp_path / "index.md").write_text("mine")
    write(_pages(seeds__a__index="A"), tmp_path)
    write(_pages(seeds__b__index="B"), tmp_path)
    assert (tmp_path / "index.md").read_text() == "mine"


def test_a_hand_written_file_inside_a_generated_folder_stops_the_build(tmp_path):
    write(_pages(seeds__a__index="A"), tmp_path)
    (tmp_path / "seeds/notes.md").write_text("mine")
    with pytest.raises(WriteError, match="did not write it"):
        write(_pages(seeds__a__index="A2"), tmp_path)
    assert (tmp_path / "seeds/notes.md").read_text() == "mine"
    assert (tmp_path / "seeds/a/index").read_text() == "A"


@pytest.mark.parametrize("path", ["../escape.md", "/abs.md", "seeds/../../x.md", "elsewhere/x.md", "seeds"])
def test_pages_outside_the_generated_folders_are_refused(tmp_path, path):
    with pytest.raises(WriteError):
        write([Page(path, b"x")], tmp_path / "docs")
    assert not (tmp_path / "escape.md").exists() and not (tmp_path / "x.md").exists()


def test_an_error_mid_generation_leaves_the_previous_pages_intact(tmp_path):
    write(_pages(seeds__a__index="A", seeds__b__index="B"), tmp_path)

    def failing():
        yield Page("seeds/a/index", b"NEW")
        raise RuntimeError("injected fault")

    with pytest.raises(RuntimeError):
        write(failing(), tmp_path)
    assert _tree(tmp_path) == {"seeds/a/index": "A", "seeds/b/index": "B"}
    assert not (tmp_path / STAGING).exists()


def test_a_build_killed_after_commit_is_finished_by_the_next_one(tmp_path):
    write(_pages(seeds__a__index="A"), tmp_path)
    # What a kill between the commit mark and the swap leaves behind:
    staging = tmp_path / STAGING
    (staging / "seeds/b").mkdir(parents=True)
    (staging / "seeds/b/index").write_text("B")
    (staging / MANIFEST).write_text(json.dumps({"files": ["seeds/b/index"]}))
    (staging / COMMITTED).write_text(json.dumps({"roots": ["seeds"]}))
    result = write(_pages(seeds__b__index="B"), tmp_path)
    assert (result.written, result.removed) == (0, 0)
    assert _tree(tmp_path) == {"seeds/b/index": "B"}


def test_a_build_killed_before_commit_leaves_the_previous_pages(tmp_path):
    write(_pages(seeds__a__index="A"), tmp_path)
    (tmp_path / STAGING / "seeds/b").mkdir(parents=True)
    (tmp_path / STAGING / "seeds/b/index").write_text("half")
    result = write(_pages(seeds__a__index="A"), tmp_path)
    assert result.written == 0
    assert _tree(tmp_path) == {"seeds/a/index": "A"}


KILLED_BUILD = """
import sys, time
import seedwiki.build as build
import seedwiki.render.connections as rendering
from seedwiki.build import Project

real_render = rendering.render_site  # imported by the build when it renders

def slow_render(*args):
    for number, page in enumerate(real_render(*args)):
        if number == 3:
            print("READY", flush=True)
            time.sleep(60)
        yield page

rendering.render_site = slow_render
build.build(Project(__import__("pathlib").Path(sys.argv[1])))
"""


@pytest.mark.site
def test_a_process_killed_mid_generation_leaves_the_previous_pages(tmp_path):
    import signal
    import subprocess
    import sys

    from seedwiki.build import Project, build

    seeds = tmp_path / "seeds"
    seeds.mkdir()
    for name in "abc":
        (seeds / f"{name}.txt").write_text(f"Seed {name}\nOld text {name}.\n")
    build(Project(tmp_path))
    before = _tree(tmp_path / "docs")
    for name in "abcd":
        (seeds / f"{name}.txt").write_text(f"Seed {name}\nNew text {name}.\n")
    process = subprocess.Popen([sys.executable, "-c", KILLED_BUILD, str(tmp_path)], stdout=subprocess.PIPE, text=True)
    assert process.stdout.readline().strip() == "READY"  # some new pages are staged
    assert (tmp_path / "docs" / STAGING).exists()
    process.send_signal(signal.SIGKILL)
    process.wait()
    published = {path: text for path, text in _tree(tmp_path / "docs").items() if not path.startswith(STAGING)}
    assert published == before  # the half-staged new set is not part of the site
    build(Project(tmp_path))
    assert "New text d." in (tmp_path / "docs" / "seeds" / "d" / "index.md").read_text()
    assert not (tmp_path / "docs" / STAGING).exists()


def test_an_unchanged_project_skips_generation_but_a_missing_or_foreign_file_does_not(tmp_path, monkeypatch):
    from seedwiki import build as build_module
    from seedwiki.build import Project, build
    from seedwiki.errors import WriteError

    (tmp_path / "seeds").mkdir()
    (tmp_path / "seeds" / "a.txt").write_text("Alpha\nText.\n")
    build(Project(tmp_path))
    calls = []
    monkeypatch.setattr(build_module, "load_documents", lambda *args: calls.append(1) or (_ for _ in ()).throw(AssertionError("regenerated")))
    assert build(Project(tmp_path)).written.written == 0 and calls == []  # nothing changed: nothing parsed
    monkeypatch.undo()
    (tmp_path / "docs" / "seeds" / "a" / "index.md").unlink()
    assert build(Project(tmp_path)).written.written == 1  # a generated page went missing: regenerated
    (tmp_path / "docs" / "seeds" / "a" / "notes.md").write_text("mine")
    with pytest.raises(WriteError, match="seedwiki did not write it"):
        build(Project(tmp_path))  # a foreign file in a generated folder is noticed, not skipped over
    (tmp_path / "docs" / "seeds" / "a" / "notes.md").unlink()
    (tmp_path / "seeds" / "b.txt").write_text("Beta\nText.\n")
    assert build(Project(tmp_path)).seeds == 2  # a new seed changes the fingerprint


@pytest.mark.slow
def test_a_changed_package_asset_regenerates_the_pages(tmp_path, monkeypatch):
    """A new seedwiki version with a changed stylesheet or template must not keep the old copy in
    docs/: the fingerprint covers every file of the package, not only its code."""
    import shutil

    from seedwiki import build as build_module
    from seedwiki.build import Project, build

    (tmp_path / "seeds").mkdir()
    (tmp_path / "seeds" / "a.txt").write_text("Alpha\nText.\n")
    package = tmp_path / "package"
    shutil.copytree(build_module.PACKAGE, package, ignore=shutil.ignore_patterns("__pycache__"))
    monkeypatch.setattr(build_module, "PACKAGE", package)
    build(Project(tmp_path))
    loads = []
    load_documents = build_module.load_documents
    monkeypatch.setattr(build_module, "load_documents", lambda *args: loads.append(1) or load_documents(*args))
    build(Project(tmp_path))
    assert loads == []  # unchanged: not generated again
    with (package / "assets" / "seedwiki.css").open("a") as css:
        css.write("\n/* changed */\n")
    build(Project(tmp_path))
    assert loads == [1]  # the package changed: generated again


def test_an_edit_that_keeps_a_files_size_and_times_is_still_found(tmp_path, monkeypatch):
    """A generated file found unedited is not read again while its size, inode and times stay the
    same; an edit that restores its size and modification time still changes its change time.
    A file changed just before the check is read every time (its times may not change again)."""
    import seedwiki.write as write_module
    from seedwiki.write import VERIFIED, edited_files

    docs = tmp_path / "docs"
    write([Page("seeds/a/index.md", b"# A\n\nOne.\n"), Page("seeds/b/index.md", b"# B\n\nTwo.\n")], docs)
    assert edited_files(docs) == []
    assert not (docs / VERIFIED).exists()  # just written: racy, read every time
    monkeypatch.setattr(write_module, "RACY_NS", 0)
    assert edited_files(docs) == []
    assert set(json.loads((docs / VERIFIED).read_text())) == {"seeds/a/index.md", "seeds/b/index.md"}
    page = docs / "seeds/a/index.md"
    before = page.stat()
    page.write_text(page.read_text().replace("One", "Eno"))  # same size
    os.utime(page, ns=(before.st_atime_ns, before.st_mtime_ns))  # same modification time
    assert edited_files(docs) == ["seeds/a/index.md"]
    page.write_text(page.read_text().replace("Eno", "One"))
    assert edited_files(docs) == []


def test_the_files_a_build_writes_are_not_read_back_by_the_next_check(tmp_path, monkeypatch):
    """A file written anew is recorded as verified with its status as written (into the staging
    folder, before anyone could change it), once it is older than the racy interval: the next
    build's or shard's check does not read it back. A hand edit after the build is still found, and
    a file the build left as it was keeps its record (it is not touched)."""
    import time

    import seedwiki.write as write_module
    from seedwiki.write import VERIFIED, edited_files

    docs = tmp_path / "docs"
    monkeypatch.setattr(write_module, "RACY_NS", 0)
    write([Page("seeds/a/index.md", b"# A\n"), Page("seeds/b/index.md", b"# B\n")], docs)
    assert set(json.loads((docs / VERIFIED).read_text())) == {"seeds/a/index.md", "seeds/b/index.md"}
    reads: list[str] = []
    real = write_module._sha256
    monkeypatch.setattr(write_module, "_sha256", lambda content: reads.append(content) or real(content))
    assert (edited_files(docs), reads) == ([], [])
    (docs / "seeds/a/index.md").write_text("# A, edited\n")
    assert edited_files(docs) == ["seeds/a/index.md"]
    b_status = (docs / "seeds/b/index.md").stat()
    # a later build's file is recorded with its status once moved in, whose change time (the
    # move's) must come before the build's clock reading: a clock read later, as in a slow build
    clock = type("Clock", (), {"time_ns": staticmethod(lambda: time.time_ns() + 1_000_000_000)})
    monkeypatch.setattr(write_module, "time", clock)
    write([Page("seeds/a/index.md", b"# A again\n"), Page("seeds/b/index.md", b"# B\n")], docs)
    monkeypatch.setattr(write_module, "time", time)
    assert json.loads((docs / VERIFIED).read_text())["seeds/a/index.md"][-1] == real(b"# A again\n")
    assert (docs / "seeds/b/index.md").stat() == b_status  # not touched
    reads.clear()
    assert edited_files(docs) == [] and reads == []


def test_a_cache_file_whose_write_fails_is_left_as_it_was_with_no_temporary_file(tmp_path):
    from seedwiki.build import _replace

    path = tmp_path / "state.json"
    path.write_text("before")

    def lines():
        yield "half"
        raise OSError(28, "No space left on device")

    with pytest.raises(OSError) as raised:
        _replace(path, lines())
    assert raised.value.filename == str(path)
    assert [p.name for p in tmp_path.iterdir()] == ["state.json"] and path.read_text() == "before"


@pytest.mark.parametrize("digests", [
    {},
    {"seeds/a/index.md": "0" * 64},
    {"seeds/é/index.md": "ab", 'seeds/a"b\\c/index.md': "", "catalogue/index.md": "1", "seeds/\u2028/source.txt": "2"},
])
def test_the_manifest_made_from_names_held_under_serve_is_the_one_json_dumps_makes(digests):
    from seedwiki.write import _manifest_text

    quoted: dict[str, str] = {}
    assert _manifest_text(digests, quoted) == _manifest_text(digests)
    assert _manifest_text(digests, quoted) == _manifest_text(digests)  # the names held the second time
    assert json.loads(_manifest_text(digests, quoted)) == {"files": sorted(digests), "sha256": dict(sorted(digests.items()))}


def _folders(docs):
    return sorted(p.relative_to(docs).as_posix() for p in docs.rglob("*") if p.is_dir())


def test_a_later_build_touches_only_the_files_that_changed(tmp_path):
    """Once a build's files are in place, the next one moves in only the files whose bytes
    changed: the others keep their inode, and no folder is made again."""
    write(_pages(seeds__a__index="A", seeds__a__source="S", seeds__b__index="B", catalogue__index="C"), tmp_path)
    inodes = {rel: (tmp_path / rel).stat().st_ino for rel in ("seeds/a/index", "seeds/a/source", "catalogue/index")}
    folders = {rel: (tmp_path / rel).stat().st_ino for rel in ("seeds", "seeds/a", "seeds/b", "catalogue")}
    result = write(_pages(seeds__a__index="A", seeds__a__source="S", seeds__b__index="B2", catalogue__index="C"), tmp_path)
    assert (result.written, result.unchanged, result.removed) == (1, 3, 0)
    assert {rel: (tmp_path / rel).stat().st_ino for rel in inodes} == inodes
    assert {rel: (tmp_path / rel).stat().st_ino for rel in folders} == folders
    assert _tree(tmp_path)["seeds/b/index"] == "B2" and not (tmp_path / STAGING).exists()


def test_folders_a_later_build_empties_go_and_new_ones_are_made(tmp_path):
    write(_pages(seeds__a__index="A", seeds__b__index="B", quotes__index="Q"), tmp_path)
    result = write(_pages(seeds__a__index="A", seeds__c__index="C", timeline__index="T"), tmp_path)
    assert (result.written, result.unchanged, result.removed) == (2, 1, 2)
    assert _tree(tmp_path) == {"seeds/a/index": "A", "seeds/c/index": "C", "timeline/index": "T"}
    assert _folders(tmp_path) == ["seeds", "seeds/a", "seeds/c", "timeline"]  # quotes/ went whole, as in a first build


def test_a_generated_folder_removed_or_an_empty_folder_in_a_files_place_is_made_right(tmp_path):
    import shutil

    write(_pages(seeds__a__index="A", seeds__b__index="B"), tmp_path)
    shutil.rmtree(tmp_path / "seeds/a")
    (tmp_path / "seeds/b/index").unlink()
    (tmp_path / "seeds/b/index").mkdir()
    result = write(_pages(seeds__a__index="A", seeds__b__index="B"), tmp_path)
    assert result.written == 2 and _tree(tmp_path) == {"seeds/a/index": "A", "seeds/b/index": "B"}


@pytest.mark.parametrize("moved", [0, 1, 2])
def test_a_later_build_killed_after_its_commit_is_finished_by_the_next_one(tmp_path, moved):
    """What a kill between the commit mark and the end of the moves leaves: `moved` files in place."""
    write(_pages(seeds__a__index="A", seeds__b__index="B", seeds__old__index="O"), tmp_path)
    staging = tmp_path / STAGING
    staging.mkdir()
    new = {"seeds/a/index": "A2", "seeds/c/index": "C"}
    for number, (rel, text) in enumerate(new.items()):
        if number < moved:
            (tmp_path / rel).parent.mkdir(exist_ok=True)
            (tmp_path / rel).write_text(text)
        else:
            (staging / str(number)).write_text(text)
    files = ["seeds/a/index", "seeds/b/index", "seeds/c/index"]
    (staging / MANIFEST).write_text(json.dumps({"files": files, "sha256": {f: "" for f in files}}))
    (staging / COMMITTED).write_text(json.dumps({"files": {rel: str(n) for n, rel in enumerate(new)}, "removed": ["seeds/old/index"]}))
    result = write(_pages(seeds__a__index="A2", seeds__b__index="B", seeds__c__index="C"), tmp_path)
    assert (result.written, result.removed) == (0, 0)
    assert _tree(tmp_path) == {"seeds/a/index": "A2", "seeds/b/index": "B", "seeds/c/index": "C"}
    assert _folders(tmp_path) == ["seeds", "seeds/a", "seeds/b", "seeds/c"] and not staging.exists()


def test_an_error_in_a_later_build_leaves_the_previous_pages_and_no_staged_file(tmp_path):
    write(_pages(seeds__a__index="A", seeds__b__index="B"), tmp_path)

    def failing():
        yield Page("seeds/a/index", b"NEW")
        yield Page("seeds/c/index", b"NEW TOO")
        raise RuntimeError("injected fault")

    with pytest.raises(RuntimeError):
        write(failing(), tmp_path)
    assert _tree(tmp_path) == {"seeds/a/index": "A", "seeds/b/index": "B"}
    assert not (tmp_path / STAGING).exists()


@pytest.mark.site
def test_a_rebuild_after_edits_gives_the_docs_a_first_build_of_the_same_seeds_gives(tmp_path):
    """A later build moves in only what changed (`_write`); what it leaves in docs/ is
    what a first build of the edited project writes, file for file (the manifest included)."""
    import shutil

    from seedwiki.build import Project, build

    from .conftest import make_project

    def docs(root):
        folder = root / "docs"
        return {p.relative_to(folder).as_posix(): p.read_bytes() for p in sorted(folder.rglob("*"))
                if p.is_file() and p.name != ".seedwiki-verified.json"}

    seeds = {f"s{i}.txt": f"Seed number {i}\n2021-05-0{i + 1}\nA first paragraph of seed {i}, said the minister.\n\n"
                          f"“We will see about seed {i},” she said.\nA last line.\n".encode() for i in range(6)}
    seeds["s2.yml"] = b"outlet: Example Times\n"
    root = make_project(tmp_path / "p", seeds)
    build(Project(root))
    (root / "seeds" / "s0.txt").write_text("Seed number 0, edited\n2021-05-01\nAnother paragraph.\n", encoding="utf-8")
    (root / "seeds" / "s2.txt").unlink()
    (root / "seeds" / "s2.yml").unlink()
    (root / "seeds" / "new.txt").write_text("A new seed\n2022-01-01\n“Quoted,” said the mayor.\n", encoding="utf-8")
    build(Project(root))
    first = tmp_path / "first"
    shutil.copytree(root, first, ignore=shutil.ignore_patterns(".seedwiki-*"))
    for name in ("seeds", "catalogue", "entities", "quotes", "timeline", "seedwiki"):
        shutil.rmtree(first / "docs" / name, ignore_errors=True)
    build(Project(first))
    assert docs(root) == docs(first)
