"""The parse cache (`parsecache`): a rebuild parses only the seeds that changed, gives the same
pages as a cold build, and ignores an entry it cannot trust."""

from __future__ import annotations

import os
import pickle
import shutil
import signal
import sqlite3
import struct
import subprocess
import sys
import time
from pathlib import Path

import pytest

import seedwiki.build
from seedwiki.build import Project, build
from seedwiki.errors import SeedwikiError
from seedwiki.parsecache import DATABASE_NAME, ParseCache
from seedwiki.write import GENERATED_ROOTS, MANIFEST

from .conftest import SEED_FILES, make_project


def _docs(root: Path) -> dict[str, bytes]:
    docs = root / "docs"
    return {path.relative_to(docs).as_posix(): path.read_bytes() for path in sorted(docs.rglob("*")) if path.is_file()}


def _forget_pages(root: Path) -> None:
    """Remove the generated pages and what the last build knew, but not the parse cache."""
    for name in GENERATED_ROOTS:
        shutil.rmtree(root / "docs" / name, ignore_errors=True)
    (root / "docs" / MANIFEST).unlink()
    (root / ".seedwiki-cache" / "state.json").unlink()


def _database(project: Project) -> Path:
    (database,) = [p for p in project.cache_dir.iterdir() if DATABASE_NAME.fullmatch(p.name)]
    return database


def _entries(project: Project) -> dict[str, bytes]:
    """The cache's entries (signature and pickle) by key."""
    with sqlite3.connect(_database(project)) as connection:
        return dict(connection.execute("SELECT key, data FROM entries ORDER BY key"))


def _set_entries(project: Project, entries: dict[str, bytes]) -> None:
    connection = sqlite3.connect(_database(project))
    with connection:
        connection.executemany("UPDATE entries SET data = ? WHERE key = ?", [(data, key) for key, data in entries.items()])
    connection.close()


def _parsed_again_then_cached(project: Project, parsed: list[str]) -> None:
    """A build parses every seed again (nothing was read from the cache), and the next one none
    (the cache that build made serves)."""
    parsed.clear()
    _forget_pages(project.root)
    build(project)
    assert len(parsed) == 6
    parsed.clear()
    _forget_pages(project.root)
    build(project)
    assert parsed == []


@pytest.fixture
def project(tmp_path):
    seeds = {f"s{i}.txt": f"Seed number {i}\nA first paragraph of seed {i}, said the minister on 3 May 2021.\n\n"
                          f"“We will see,” she said.\nA last line.\n".encode() for i in range(6)}
    seeds["s2.yml"] = b"outlet: Example Times\n"
    return Project(make_project(tmp_path / "p", seeds))


@pytest.fixture
def parsed(monkeypatch):
    """The seeds parsed (not taken from the cache), in order."""
    calls: list[str] = []
    read = seedwiki.build.read_document

    def counting(path):
        calls.append(path.name)
        return read(path)

    monkeypatch.setattr(seedwiki.build, "read_document", counting)
    return calls


@pytest.mark.site
def test_a_cached_rebuild_gives_the_same_docs_as_a_cold_one(project, parsed):
    build(project)
    cold = _docs(project.root)
    seeds = sorted(path.name for path in project.seeds_dir.glob("*.txt"))
    assert sorted(parsed) == seeds
    parsed.clear()
    _forget_pages(project.root)
    build(project)
    assert parsed == []  # every document came from the cache
    assert _docs(project.root) == cold


def test_editing_one_seed_or_its_sidecar_reparses_only_that_seed(project, parsed):
    build(project)
    seeds = sorted(project.seeds_dir.glob("*.txt"))
    edited = seeds[1]
    parsed.clear()
    edited.write_text(edited.read_text(encoding="utf-8") + "A closing line added by an edit.\n", encoding="utf-8")
    build(project)
    assert parsed == [edited.name]
    page = project.docs_dir / "seeds" / edited.stem / "index.md"
    assert "A closing line added by an edit." in page.read_text(encoding="utf-8")

    sidecar = next(project.seeds_dir.glob("*.yml"))
    parsed.clear()
    sidecar.write_text(sidecar.read_text(encoding="utf-8") + "\n# a comment\n", encoding="utf-8")
    build(project)
    assert parsed == [sidecar.stem + ".txt"]

    parsed.clear()
    edited.unlink()
    build(project)
    assert parsed == []
    # the removed seed's entry and the replaced ones are pruned: one entry per seed
    assert len(_entries(project)) == len(seeds) - 1


def test_a_corrupt_or_foreign_cache_entry_is_ignored_and_rebuilt(project, parsed):
    build(project)
    cold = _docs(project.root)
    entries = _entries(project)
    keys = sorted(entries)
    _set_entries(project, {keys[0]: b"not a pickle", keys[1]: entries[keys[1]][:40],  # truncated
                           keys[2]: pickle.dumps({"a": "foreign object"}), keys[3]: entries[keys[4]]})  # another seed's document
    parsed.clear()
    _forget_pages(project.root)
    build(project)
    assert len(parsed) == 4
    assert _docs(project.root) == cold
    parsed.clear()
    _forget_pages(project.root)
    build(project)
    assert parsed == []  # the bad entries were rewritten


class _Planted:
    """What a hostile cache entry would hold: unpickling it creates a file."""

    def __init__(self, marker: Path) -> None:
        self.marker = marker

    def __reduce__(self):
        return (Path.touch, (self.marker,))


def test_a_cache_entry_not_signed_by_this_users_builds_is_never_unpickled(project, parsed, tmp_path, monkeypatch):
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "xdg"))
    build(project)
    marker = tmp_path / "unpickled"
    # a cache that came with the project
    _set_entries(project, {key: pickle.dumps(_Planted(marker)) for key in _entries(project)})
    parsed.clear()
    _forget_pages(project.root)
    build(project)
    assert not marker.exists() and len(parsed) == len(_entries(project))
    assert (tmp_path / "xdg" / "seedwiki" / "cache.key").stat().st_mode & 0o777 == 0o600


def test_a_rebuild_reads_each_unchanged_seed_once(tmp_path, monkeypatch):
    """The fingerprint's hashes of seeds/ are the parse cache's keys' too: an unchanged seed is read
    at most once a build (for the fingerprint, unless its status is the one recorded when it was
    last read: `inputs.KnownDigests`), not again for its cache key."""
    import seedwiki.ingest
    import seedwiki.parsecache

    project = make_project(tmp_path, SEED_FILES)
    build(Project(project))
    seeds = sorted(p.name for p in (project / "seeds").iterdir())
    (project / "seeds" / "extra.txt").write_text("Extra\n\nA new seed: the build runs again.\n")
    reads: list[str] = []
    real = seedwiki.ingest.read_regular

    def counting(path, *args, **kwargs):
        reads.append(Path(path).name)
        return real(path, *args, **kwargs)

    for module in (seedwiki.ingest, seedwiki.parsecache):
        monkeypatch.setattr(module, "read_regular", counting)
    build(Project(project))
    assert seeds and all(reads.count(name) <= 1 for name in seeds), reads


def test_a_seed_saved_during_a_build_and_saved_back_is_stored_under_the_bytes_that_were_parsed(project, parsed):
    """The build hashes the seeds first and parses them later: a seed saved in between is parsed
    as saved, and its document must not be stored as the document of the bytes hashed first."""
    seed = project.seeds_dir / "s1.txt"
    first, saved = seed.read_bytes(), b"A version saved during the build\nIts only paragraph.\n"
    read = seedwiki.build.read_document

    def saving_during_the_build(path):
        if path == seed:
            seed.write_bytes(saved)
        return read(path)

    seedwiki.build.read_document = saving_during_the_build
    try:
        build(project)
    finally:
        seedwiki.build.read_document = read
    seed.write_bytes(first)  # saved back
    parsed.clear()
    build(project)
    assert parsed == ["s1.txt"]  # parsed again: no entry holds a document of these bytes
    page = (project.docs_dir / "seeds" / "s1" / "index.md").read_text(encoding="utf-8")
    assert "A first paragraph of seed 1" in page and "saved during the build" not in page


def test_the_command_line_and_the_plugin_share_entries_however_they_name_the_project(project, parsed, monkeypatch):
    build(project)  # the plugin names the project by its absolute path
    _forget_pages(project.root)
    parsed.clear()
    monkeypatch.chdir(project.root.parent)
    build(Project(Path(project.root.name)))  # `seedwiki build` by a relative one
    assert parsed == []
    monkeypatch.chdir(project.root)
    _forget_pages(project.root)
    build(Project(Path(".")))
    assert parsed == []
    moved = project.root.with_name("moved")
    project.root.rename(moved)
    _forget_pages(moved)
    build(Project(moved))
    assert parsed == []  # keyed by the path in the project: a moved project keeps its cache


@pytest.mark.parametrize("content", [b"", b"short", b"x" * 33])
def test_a_key_file_that_holds_no_key_is_made_again_and_the_cache_works(project, parsed, monkeypatch, tmp_path, content):
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "xdg"))
    key = tmp_path / "xdg" / "seedwiki" / "cache.key"
    key.parent.mkdir(parents=True)
    key.write_bytes(content)
    build(project)
    assert len(key.read_bytes()) == 32
    _forget_pages(project.root)
    parsed.clear()
    result = build(project)
    assert parsed == [] and not any("parse cache" in n for n in result.notices)


def test_a_key_that_cannot_be_made_turns_the_cache_off_with_a_notice(project, monkeypatch, tmp_path):
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "xdg"))
    (tmp_path / "xdg" / "seedwiki" / "cache.key").mkdir(parents=True)  # a folder where the key goes
    result = build(project)
    (notice,) = [n for n in result.notices if "parse cache is off" in n]
    assert notice.startswith(str(tmp_path / "xdg" / "seedwiki" / "cache.key"))


def test_an_upgrade_of_a_library_that_parses_is_a_new_cache_and_a_new_build(project, parsed, monkeypatch):
    from seedwiki import inputs, parsecache

    build(project)
    parsed.clear()
    real = inputs.installed_version
    monkeypatch.setattr(inputs, "installed_version", lambda name: "99.0" if name == "babel" else real(name))
    parsecache.library_versions.cache_clear()
    parsecache.code_version.cache_clear()
    try:
        result = build(project)
    finally:
        parsecache.library_versions.cache_clear()
        parsecache.code_version.cache_clear()
    assert result.written.unchanged > 0 and sorted(parsed) == sorted(p.name for p in project.seeds_dir.glob("*.txt"))


def test_a_document_pickles_to_an_equal_one_with_every_value_it_holds():
    """The model's classes pickle as calls of their class with their fields (`model.pickled_by_fields`):
    the real texts of the tests and their originals (PDF, web pages, Word files, e-mails) come back
    equal, with the same bytes, extraction, metadata and question units."""
    from seedwiki.build import read_document

    real = Path(__file__).resolve().parent / "real"
    paths = sorted(real.glob("*.txt"))[:20] + sorted(path for path in (real / "formats").iterdir() if path.suffix in (".pdf", ".html", ".docx", ".eml"))
    documents = [read_document(path) for path in paths]
    assert any(d.seed.extraction and d.seed.extraction.pages for d in documents) and any(d.question_of != (None,) * len(d.blocks) for d in documents)
    for document in documents:
        loaded = pickle.loads(pickle.dumps(document, protocol=pickle.HIGHEST_PROTOCOL))
        assert loaded == document
        assert (loaded.seed.raw, loaded.seed.extraction, loaded.seed.path) == (document.seed.raw, document.seed.extraction, document.seed.path)
        assert (loaded.meta, loaded.question_of, loaded.curated, loaded.notices) == (document.meta, document.question_of, document.curated, document.notices)
        assert [(b.kind, b.span, b.text, b.lang, b.number, b.speaker) for b in loaded.blocks] == [
            (b.kind, b.span, b.text, b.lang, b.number, b.speaker) for b in document.blocks]


def test_cached_documents_are_read_one_at_a_time_and_not_held(project, monkeypatch):
    """A build of 100,000 seeds, or their check, reads them one at a time: each cached document
    is read when its turn comes, and none is kept by the cache once handed over."""
    import gc

    import seedwiki.parsecache
    from seedwiki.build import load_documents
    from seedwiki.model import Document
    from seedwiki.parsecache import ParseCache

    build(project)
    reads: list[str] = []
    read = seedwiki.parsecache.ParseCache._read

    def counting(self, key, path):
        reads.append(path.name)
        return read(self, key, path)

    monkeypatch.setattr(seedwiki.parsecache.ParseCache, "_read", counting)
    documents = load_documents(project, cache=ParseCache(project.cache_dir, project.root))
    held = []
    for number, document in enumerate(documents, 1):
        assert len(reads) == number  # not one read ahead
        del document
        gc.collect()
        held.append(sum(isinstance(thing, Document) for thing in gc.get_objects()))
    assert len(reads) == 6 and max(held) == 1  # the one the generator still holds until the next


@pytest.mark.parametrize("relative", ["cache", "./x"])
def test_the_key_is_never_made_in_the_working_folder(tmp_path, monkeypatch, relative):
    """A relative XDG_CACHE_HOME is invalid (the XDG specification) and ignored, as for the
    language model's copy: the key goes to ~/.cache, not into a project."""
    from seedwiki.parsecache import key_path, signing_key

    home, work = tmp_path / "home", tmp_path / "work"
    work.mkdir()
    monkeypatch.setenv("HOME", str(home))
    monkeypatch.setenv("XDG_CACHE_HOME", relative)
    monkeypatch.chdir(work)
    assert key_path() == home / ".cache" / "seedwiki" / "cache.key"
    assert signing_key()[0] is not None and list(work.iterdir()) == []


def test_without_a_home_folder_the_cache_is_off_with_a_notice(project, monkeypatch, parsed):
    """No home folder to find the cache folder in (HOME unset and a user the system has no entry
    for, as a container run under an arbitrary user id, with XDG_CACHE_HOME unset or relative):
    the build runs with the cache off and says why, as for the language model's copy; `seedwiki
    check`'s read-only cache finds no key; neither is a traceback."""
    from seedwiki.parsecache import ParseCache

    def no_home(cls):
        raise RuntimeError("Could not determine home directory.")

    monkeypatch.delenv("HOME", raising=False)
    monkeypatch.setenv("XDG_CACHE_HOME", "relative")
    monkeypatch.setattr(Path, "home", classmethod(no_home))
    result = build(project)
    (notice,) = [n for n in result.notices if "parse cache is off" in n]
    assert "home folder" in notice and len(parsed) == 6
    assert ParseCache(project.cache_dir, project.root, writes=False).secret is None


def test_a_sidecar_named_in_another_case_is_looked_up_on_the_file_system(tmp_path, monkeypatch):
    """The build's listing of seeds/ serves the sidecar lookups, by exact name; a sidecar spelt in
    another case (`a.YML`) is `a.yml` on a file system that ignores case (macOS, Windows), so the
    file system is asked: else its seed's cache key would leave it out, and a document cached
    before the sidecar came would be used without it."""
    import seedwiki.parsecache
    from seedwiki.parsecache import ParseCache

    seeds = tmp_path / "seeds"
    seeds.mkdir()
    for name in ("a.txt", "a.YML", "b.txt"):
        (seeds / name).write_text("x\n")
    asked: list[str] = []
    real = seedwiki.parsecache.entry_kind
    monkeypatch.setattr(seedwiki.parsecache, "entry_kind", lambda path: asked.append(path.name) or real(path))
    cache = ParseCache(tmp_path / "cache", tmp_path, listed={"a.txt": "file", "a.YML": "file", "b.txt": "file"})
    cache.key(seeds / "a.txt")
    cache.key(seeds / "b.txt")
    assert asked == ["a.yml"]  # b's absent sidecar is known from the listing


def test_the_cache_is_one_database_and_the_old_folder_of_entries_goes(project, parsed):
    old = project.cache_dir / "documents"
    old.mkdir(parents=True)
    (old / "0123.pickle").write_bytes(b"an entry of the cache as it was kept before")
    build(project)
    assert not old.exists()
    assert [p.name for p in project.cache_dir.iterdir() if "documents" in p.name] == [_database(project).name]
    assert len(_entries(project)) == len(list(project.seeds_dir.glob("*.txt")))


@pytest.mark.parametrize("planted", ["not a database", "a trigger", "another table"])
def test_a_database_not_made_by_this_module_is_replaced_and_never_run(project, parsed, planted):
    build(project)
    database = _database(project)
    database.unlink()
    if planted == "not a database":
        database.write_bytes(b"SQLite format 3\0" + b"\xff" * 5000)
    else:
        connection = sqlite3.connect(database)
        connection.execute("CREATE TABLE entries (key TEXT PRIMARY KEY NOT NULL, data BLOB NOT NULL)")
        connection.execute("CREATE TABLE planted (what TEXT)")
        if planted == "a trigger":
            connection.execute("CREATE TRIGGER t AFTER INSERT ON entries BEGIN INSERT INTO planted VALUES ('ran'); END")
        connection.commit()
        connection.close()
    parsed.clear()
    _forget_pages(project.root)
    build(project)
    assert len(parsed) == 6  # nothing read from it
    with sqlite3.connect(database) as connection:
        assert [name for (name,) in connection.execute("SELECT name FROM sqlite_master WHERE type != 'index'")] == ["entries"]
    parsed.clear()
    _forget_pages(project.root)
    build(project)
    assert parsed == []  # the new database serves


def test_a_damaged_database_is_read_by_check_without_a_write(project, parsed):
    build(project)
    database = _database(project)
    database.write_bytes(b"garbage" * 100)
    cache = ParseCache(project.cache_dir, project.root, writes=False)
    assert not cache.holds("0" * 64)
    cache.close()
    assert database.read_bytes() == b"garbage" * 100


def test_a_build_that_fails_keeps_what_it_parsed(project, parsed):
    sidecar = project.seeds_dir / "s3.yml"
    sidecar.write_text("date: [unclosed\n", encoding="utf-8")
    with pytest.raises(SeedwikiError, match=r"s3\.yml"):
        build(project)
    assert parsed == ["s0.txt", "s1.txt", "s2.txt", "s3.txt"]
    sidecar.unlink()
    parsed.clear()
    build(project)
    assert parsed == ["s3.txt", "s4.txt", "s5.txt"]  # the seeds read before the error came from the cache


def test_the_database_of_another_version_of_the_code_goes(project):
    build(project)
    other = project.cache_dir / ("documents-" + "0" * 16 + ".sqlite3")
    shutil.copy(_database(project), other)
    _forget_pages(project.root)
    build(project)
    assert not other.exists() and _database(project).exists()


@pytest.mark.parametrize("holder", ["writes", "reads"])
def test_a_database_another_process_keeps_locked_costs_a_build_one_wait_and_a_notice(project, parsed, monkeypatch, holder):
    build(project)
    monkeypatch.setattr(seedwiki.parsecache, "BUSY_SECONDS", 2.0)
    seed = project.seeds_dir / "s1.txt"
    seed.write_bytes(seed.read_bytes() + b"An edit.\n")
    other = sqlite3.connect(_database(project), isolation_level=None)  # another process's transaction, longer than a build
    if holder == "writes":
        other.execute("BEGIN EXCLUSIVE")  # the build cannot read the database
    else:
        other.execute("BEGIN")
        other.execute("SELECT count(*) FROM entries").fetchone()  # the build reads, but cannot write
    try:
        _forget_pages(project.root)
        parsed.clear()
        start = time.monotonic()
        result = build(project)
        took = time.monotonic() - start
    finally:
        other.close()
    assert len(parsed) == (6 if holder == "writes" else 1)
    assert took < 3.5  # one wait of BUSY_SECONDS (2 s), not one at reading or writing and another at pruning
    (notice,) = [n for n in result.notices if "parse cache" in n]
    assert notice.startswith(str(_database(project))) and "locked" in notice
    parsed.clear()
    _forget_pages(project.root)
    build(project)
    assert parsed == ["s1.txt"]  # the database is used again once it is free; the edited seed was not stored


def _wal(database: Path) -> None:
    """Turn `database` (made by a build) into one in write-ahead-log mode, as another tool would."""
    connection = sqlite3.connect(database)
    assert connection.execute("PRAGMA journal_mode = WAL").fetchone() == ("wal",)
    connection.close()


def test_check_writes_nothing_beside_a_database_in_wal_mode_and_a_build_replaces_it(project, parsed):
    build(project)
    database = _database(project)
    _wal(database)
    names = sorted(p.name for p in project.cache_dir.iterdir())
    cache = ParseCache(project.cache_dir, project.root, writes=False)
    seed = project.seeds_dir / "s1.txt"
    key = cache.key(seed)
    assert key is not None
    held = cache.holds(key), cache.get(key, seed) is not None
    cache.prune()
    cache.close()
    assert sorted(p.name for p in project.cache_dir.iterdir()) == names  # no -wal, no -shm made
    assert held == (False, False)  # not read: SQLite would make its -wal and -shm beside it
    other = project.cache_dir / ("documents-" + "0" * 16 + ".sqlite3")  # another version's, left with its log and index
    for suffix in ("", "-wal", "-shm"):
        Path(f"{other}{suffix}").write_bytes(b"")
    parsed.clear()
    _forget_pages(project.root)
    build(project)
    assert len(parsed) == 6  # replaced, not used
    assert database.read_bytes()[18:20] == b"\1\1"  # a rollback journal, as the build makes it
    assert [p.name for p in project.cache_dir.iterdir() if "documents" in p.name] == [database.name]
    parsed.clear()
    _forget_pages(project.root)
    build(project)
    assert parsed == []


@pytest.mark.parametrize("planted", ["a named pipe", "a folder"])
def test_what_is_not_a_file_in_place_of_the_database_is_not_opened_and_a_build_replaces_it(project, parsed, planted):
    build(project)
    database = _database(project)
    database.unlink()
    if planted == "a named pipe":
        os.mkfifo(database)
    else:
        database.mkdir()
    cache = ParseCache(project.cache_dir, project.root, writes=False)
    key = cache.key(project.seeds_dir / "s1.txt")
    assert key is not None and not cache.holds(key)
    cache.close()
    _parsed_again_then_cached(project, parsed)
    assert database.is_file()


def test_a_signed_entry_moved_under_another_seeds_key_is_not_taken_for_its_document(project, parsed):
    seed = project.seeds_dir / "s1.txt"
    build(project)
    before = _entries(project)
    seed.write_bytes(seed.read_bytes().replace(b"Seed number 1\n", b"Seed number one\n"))
    _forget_pages(project.root)
    build(project)
    after = _entries(project)
    (edited,) = after.keys() - before.keys()
    (earlier,) = before.keys() - after.keys()
    _set_entries(project, {edited: before[earlier]})  # the edited seed's entry swapped for its earlier one, signed by the same user
    parsed.clear()
    _forget_pages(project.root)
    build(project)
    assert parsed == ["s1.txt"]
    assert b"Seed number one" in (project.docs_dir / "seeds" / "s1" / "index.md").read_bytes()


_HOLDS = """
import os, sys
from pathlib import Path
from seedwiki.parsecache import ParseCache
root, journal = Path(sys.argv[1]), sys.argv[2]
for writes in (False, True):
    cache = ParseCache(root / ".seedwiki-cache", root, writes=writes)
    key = cache.key(root / "seeds" / "s1.txt")
    print(key is not None and cache.holds(key), os.path.lexists(journal))
    cache.close()
"""


@pytest.mark.parametrize("planted", ["a named pipe", "a folder"])
def test_a_journal_that_is_not_a_file_is_never_opened_and_a_build_replaces_it(project, parsed, planted):
    build(project)
    database = _database(project)
    journal = Path(f"{database}-journal")  # SQLite would open it to read and write its journal: a pipe blocks it for good
    if planted == "a named pipe":
        os.mkfifo(journal)
    else:
        journal.mkdir()
    # `seedwiki check` (which writes nothing), then a build, in another process: a blocked one is stopped
    opened = subprocess.run([sys.executable, "-c", _HOLDS, str(project.root), str(journal)], capture_output=True, text=True, timeout=60)
    assert opened.stdout.split("\n") == ["False True", "False False", ""], opened.stdout + opened.stderr
    _parsed_again_then_cached(project, parsed)


def test_check_reads_no_database_through_a_link_and_writes_nothing_beside_its_target(project, tmp_path):
    build(project)
    database = _database(project)
    target = tmp_path / "elsewhere" / "documents.sqlite3"  # outside the project, in WAL mode
    target.parent.mkdir()
    database.rename(target)
    _wal(target)
    database.symlink_to(target)
    cache = ParseCache(project.cache_dir, project.root, writes=False)
    key = cache.key(project.seeds_dir / "s1.txt")
    held = key is not None and cache.holds(key)
    cache.close()
    assert [p.name for p in target.parent.iterdir()] == [target.name]  # SQLite made no -wal or -shm beside it
    assert not held


def _plant_journal(database: Path, super_journal: Path) -> None:
    """A hot journal beside `database` (it rolls back nothing) that names `super_journal`, as SQLite
    writes one for a transaction over several databases."""
    magic = bytes.fromhex("d9d505f920a163d7")
    header = (magic + struct.pack(">IIIII", 0, 0, database.stat().st_size // 4096, 512, 4096)).ljust(512, b"\0")
    name = str(super_journal).encode()
    Path(f"{database}-journal").write_bytes(header + bytes(4) + name + struct.pack(">II", len(name), sum(name)) + magic)


@pytest.mark.parametrize("alone", [False, True])
def test_a_journal_planted_beside_the_database_never_has_a_build_delete_a_file(project, parsed, tmp_path, alone):
    build(project)
    database = _database(project)
    victim = tmp_path / "a file of the user's"
    victim.write_text("kept\n", encoding="utf-8")
    _plant_journal(database, victim)  # SQLite deletes the super-journal a journal it rolls back names
    if alone:
        database.unlink()
    parsed.clear()
    _forget_pages(project.root)
    build(project)
    assert victim.read_text(encoding="utf-8") == "kept\n"
    assert len(parsed) == 6 and not Path(f"{database}-journal").exists()  # the database replaced, with its journal
    parsed.clear()
    _forget_pages(project.root)
    build(project)
    assert parsed == [] and victim.exists()


_KILLED = """
import os, signal, sqlite3, sys
connection = sqlite3.connect(sys.argv[1])
connection.execute("PRAGMA cache_size = 1")  # the transaction's pages go to the database before its end
connection.execute("DELETE FROM entries")
connection.execute("INSERT INTO entries VALUES ('0', zeroblob(100000))")
os.kill(os.getpid(), signal.SIGKILL)
"""


def test_a_build_killed_while_writing_the_database_leaves_check_nothing_to_write_and_the_next_build_its_entries(project, parsed):
    build(project)
    database = _database(project)
    killed = subprocess.run([sys.executable, "-c", _KILLED, str(database)], capture_output=True, timeout=60)
    assert killed.returncode == -signal.SIGKILL and Path(f"{database}-journal").is_file()  # a hot journal
    before = {p.name: p.read_bytes() for p in project.cache_dir.iterdir()}
    check = ParseCache(project.cache_dir, project.root, writes=False)
    key = check.key(project.seeds_dir / "s1.txt")
    assert key is not None and not check.holds(key)  # read-only: the journal cannot be rolled back, the database is not read
    check.close()
    assert {p.name: p.read_bytes() for p in project.cache_dir.iterdir()} == before
    parsed.clear()
    _forget_pages(project.root)
    build(project)
    assert parsed == [] and not Path(f"{database}-journal").exists()  # rolled back: every entry as the last build committed it
