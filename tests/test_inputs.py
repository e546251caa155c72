"""An input file is read again whenever its content may have changed: its recorded sha256 stands
only while its size, inode, modification and change times are the recorded ones, and a file
changed just before it was read is never recorded (`inputs.KnownDigests`)."""

from __future__ import annotations

import json
import os
import re
from pathlib import Path

import pytest

import seedwiki.ingest
from seedwiki import build, inputs
from seedwiki.build import Project
from seedwiki.plugin import uptodate

from .conftest import make_project

SEED = b"Talks in the capital\n\nOfficials said the road to Hajin is open on Monday.\n"


@pytest.fixture
def reads(monkeypatch) -> list[str]:
    """The names of the files the fingerprint reads."""
    names: list[str] = []
    real = seedwiki.ingest.read_regular

    def counting(path, *args, **kwargs):
        names.append(Path(path).name)
        return real(path, *args, **kwargs)

    monkeypatch.setattr(seedwiki.ingest, "read_regular", counting)
    return names


def _project(tmp_path: Path) -> Project:
    root = make_project(tmp_path / "wiki", {"a.txt": SEED, "b.txt": SEED.replace(b"Monday", b"Friday")})
    (root / "glossary.yml").write_text("entities: []\n")
    return Project(root)


def test_an_unchanged_input_is_not_read_again_and_a_changed_one_is(tmp_path, reads, monkeypatch):
    project = _project(tmp_path)
    monkeypatch.setattr(inputs, "RACY_NS", 0)  # the files were written just now: recorded all the same
    first, _ = build._fingerprint(project)
    assert sorted(reads) == ["a.txt", "b.txt", "glossary.yml"]
    reads.clear()
    assert build._fingerprint(project)[0] == first and reads == []

    (project.seeds_dir / "b.txt").write_bytes(SEED.replace(b"Monday", b"Sunday"))
    changed, digests = build._fingerprint(project)
    assert reads == ["b.txt"] and changed != first
    assert digests["b.txt"] == inputs.hashlib.sha256(SEED.replace(b"Monday", b"Sunday")).hexdigest()


def test_an_edit_that_keeps_the_size_and_the_modification_time_is_read(tmp_path, reads, monkeypatch):
    """`cp -p`, `touch -d` or `os.utime` can give a file back its old modification time, never its
    old change time."""
    project = _project(tmp_path)
    monkeypatch.setattr(inputs, "RACY_NS", 0)
    seed = project.seeds_dir / "a.txt"
    first, _ = build._fingerprint(project)
    before = seed.stat()
    seed.write_bytes(SEED.replace(b"Monday", b"Sunday"))  # the same size
    os.utime(seed, ns=(before.st_atime_ns, before.st_mtime_ns))
    assert (seed.stat().st_size, seed.stat().st_mtime_ns) == (before.st_size, before.st_mtime_ns)
    reads.clear()
    assert build._fingerprint(project)[0] != first and reads == ["a.txt"]


def test_a_file_changed_just_before_it_was_read_is_read_every_time(tmp_path, reads):
    """Within one tick of a coarse file-system clock a second edit can keep all four: such a file is
    not recorded until it is older than `RACY_NS` (the seeds were written just now)."""
    project = _project(tmp_path)
    build._fingerprint(project)
    reads.clear()
    build._fingerprint(project)
    assert sorted(reads) == ["a.txt", "b.txt", "glossary.yml"]
    record = project.cache_dir / inputs.RECORD
    assert not record.exists() or json.loads(record.read_text()) == {}


def test_a_removed_seed_is_forgotten_and_a_bad_record_is_ignored(tmp_path, reads, monkeypatch):
    project = _project(tmp_path)
    monkeypatch.setattr(inputs, "RACY_NS", 0)
    build._fingerprint(project)
    (project.seeds_dir / "b.txt").unlink()
    build._fingerprint(project)
    assert set(json.loads((project.cache_dir / inputs.RECORD).read_text())) == {"seeds/a.txt", "glossary.yml"}
    (project.cache_dir / inputs.RECORD).write_text('{"seeds/a.txt": [1, 2, 3')
    reads.clear()
    build._fingerprint(project)
    assert sorted(reads) == ["a.txt", "glossary.yml"]


def test_a_build_publishes_a_seed_edited_with_its_times_restored(tmp_path, monkeypatch):
    project = _project(tmp_path)
    monkeypatch.setattr(inputs, "RACY_NS", 0)
    build.build(project)
    seed = project.seeds_dir / "a.txt"
    before = seed.stat()
    seed.write_bytes(SEED.replace(b"Monday", b"Sunday"))
    os.utime(seed, ns=(before.st_atime_ns, before.st_mtime_ns))
    assert build.build(project).written.written > 0
    page = next(path for path in (project.docs_dir / "seeds").rglob("*.md") if "Sunday" in path.read_text(encoding="utf-8"))
    assert "Monday" not in page.read_text(encoding="utf-8")


def test_the_site_stamp_reads_recent_files_until_they_are_old_enough_then_their_status_stands(tmp_path, monkeypatch):
    project = Project(tmp_path)
    project.cache_dir.mkdir()
    site = tmp_path / "site"
    site.mkdir()
    page = site / "index.html"
    page.write_text("<p>built</p>")
    uptodate.remember(project, "inputs", site)
    stamp = json.loads((project.cache_dir / uptodate.STAMP).read_text())
    assert stamp["racy"] == ["index.html"]  # written just now: compared by content

    monkeypatch.setattr(uptodate, "RACY_NS", 0)  # time has passed
    assert uptodate.up_to_date(project, "inputs", site)
    assert json.loads((project.cache_dir / uptodate.STAMP).read_text())["racy"] == []
    assert uptodate.up_to_date(project, "inputs", site)

    before = page.stat()
    page.write_text("<p>edited</p>")  # the same size, the modification time given back
    os.utime(page, ns=(before.st_atime_ns, before.st_mtime_ns))
    assert not uptodate.up_to_date(project, "inputs", site)
    assert not uptodate.up_to_date(project, "other inputs", site)


def _per_name(names) -> dict[str, str | None]:
    """What `importlib.metadata.version` says of each name (None: not installed)."""
    from importlib import metadata

    found: dict[str, str | None] = {}
    for name in names:
        try:
            found[name] = metadata.version(name)
        except metadata.PackageNotFoundError:
            found[name] = None
    return found


def test_the_installed_versions_are_those_importlib_metadata_gives_each_name():
    from importlib import metadata

    names = sorted({dist.metadata["Name"] for dist in metadata.distributions()})  # every installed distribution
    names += ["pyyaml", "markdown_it_py", "Mkdocs-Material", "no-such-library-installed"]  # other spellings, and none
    assert len(names) > 20
    assert {name: inputs.installed_version(name) for name in names} == _per_name(names)


def test_the_library_versions_line_names_each_library_with_the_version_importlib_metadata_gives():
    from importlib import metadata

    inputs.library_versions.cache_clear()
    lines = inputs.library_versions().split("\n")
    names = [re.split(r"[\s;<>=!~\[(]", r, maxsplit=1)[0] for r in metadata.requires("seedwiki") or () if "extra ==" not in r]
    expected = sorted(set(names) | set(inputs.PARSING_LIBRARIES), key=str.casefold)
    assert lines == [f"{name}=={version}" if version else f"{name} missing" for name, version in _per_name(expected).items()]
    assert uptodate._versions().split("\n")[-len(uptodate.BUILD_LIBRARIES):] == [
        f"{name}=={version}" if version else f"{name} missing" for name, version in _per_name(uptodate.BUILD_LIBRARIES).items()]


def test_a_library_installed_twice_on_the_path_counts_as_the_first_found(tmp_path, monkeypatch):
    """As `importlib.metadata.version`: the distribution first on `sys.path` wins."""
    import sys

    for folder, version in (("first", "1.0"), ("second", "2.0")):
        info = tmp_path / folder / f"twice_installed-{version}.dist-info"
        info.mkdir(parents=True)
        (info / "METADATA").write_text(f"Metadata-Version: 2.1\nName: twice-installed\nVersion: {version}\n\nA long description.\n")
    monkeypatch.setattr(sys, "path", [str(tmp_path / "first"), str(tmp_path / "second"), *sys.path])
    assert inputs.installed_version("twice-installed") == _per_name(["twice-installed"])["twice-installed"] == "1.0"
