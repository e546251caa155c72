"""Build safety: one build of a project at a time, a killed or failed build leaves the previous
site whole, a stale page is never published, and the disk's refusals are one-line errors."""

from __future__ import annotations

import errno
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from seedwiki.build import Project, build
from seedwiki.cli import main
from seedwiki.errors import BusyError
from seedwiki.write import MANIFEST, generated_files, read_manifest

from .conftest import MKDOCS, make_project, mkdocs_build
from .test_cli import _seedwiki


def _seeds(count: int, tag: str = "") -> dict[str, bytes]:
    return {f"seed-{i:03}.txt": f"Seed {i}{tag}\nParagraph one of seed {i}.\nParagraph two.\n".encode() for i in range(count)}


def _files(folder: Path) -> dict[str, bytes]:
    return {p.relative_to(folder).as_posix(): p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()}


def test_two_concurrent_builds_both_succeed_one_after_the_other_with_complete_pages(tmp_path):
    (tmp_path / "seeds").mkdir()
    for name, data in _seeds(150).items():
        (tmp_path / "seeds" / name).write_bytes(data)
    command = [sys.executable, "-m", "seedwiki.cli", "--root", str(tmp_path), "build"]
    runs = [subprocess.Popen(command, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True) for _ in range(2)]
    outputs = [run.communicate(timeout=300) for run in runs]
    assert [run.returncode for run in runs] == [0, 0], outputs
    assert all("Traceback" not in err for _, err in outputs)
    docs = tmp_path / "docs"
    assert generated_files(docs) == read_manifest(docs)
    assert len([f for f in read_manifest(docs) if f.startswith("seeds/") and f.endswith("index.md")]) == 150


def test_a_build_refuses_with_a_clear_line_while_another_holds_the_project_lock(tmp_path):
    (tmp_path / "seeds").mkdir()
    (tmp_path / "seeds" / "a.txt").write_text("Title\nText.\n")
    with Project(tmp_path).exclusive():
        env = {**os.environ, "SEEDWIKI_LOCK_TIMEOUT": "0.2"}
        result = subprocess.run([sys.executable, "-m", "seedwiki.cli", "--root", str(tmp_path), "build"], capture_output=True, text=True, env=env)
    assert result.returncode == 1
    waiting, line = result.stderr.splitlines()
    assert waiting.startswith("seedwiki: another build of this project") and "waiting for it (at most 0.2 s)" in waiting
    assert line.startswith(f"{tmp_path / '.seedwiki-cache' / 'build.lock'}: another build of this project (process {os.getpid()}) is running; wait")
    assert not (tmp_path / "docs").exists()


def test_the_lock_is_taken_again_once_released_and_waits_are_announced(tmp_path):
    said: list[str] = []
    project = Project(tmp_path)
    first = project.exclusive()
    first.acquire()
    waiting = project.exclusive(on_wait=said.append)
    waiting.timeout = 0.3
    with pytest.raises(BusyError):
        waiting.acquire()
    assert said and "waiting for it" in said[0]
    first.release()
    with project.exclusive():
        pass


def test_mkdocs_build_waits_for_or_refuses_a_concurrent_build_and_leaves_the_site(tmp_path):
    root = make_project(tmp_path / "p", _seeds(2))
    assert mkdocs_build(root).returncode == 0
    before = _files(root / "site")
    with Project(root).exclusive():
        env = {**os.environ, "NO_MKDOCS_2_WARNING": "1", "SEEDWIKI_LOCK_TIMEOUT": "0"}
        env.pop("SEEDWIKI_SITE_URL", None)
        result = subprocess.run([*MKDOCS, "build", "--strict"], cwd=root, env=env, capture_output=True, text=True)
    assert result.returncode != 0
    assert "another build of this project" in result.stderr and "Traceback" not in result.stderr
    assert _files(root / "site") == before


def test_a_killed_mkdocs_build_leaves_the_previous_site_whole_and_the_next_build_recovers(tmp_path):
    root = make_project(tmp_path / "p", _seeds(120))
    assert mkdocs_build(root).returncode == 0
    before = _files(root / "site")
    (root / "seeds" / "seed-new.txt").write_bytes(b"A new seed\nIts text.\n")
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}
    env.pop("SEEDWIKI_SITE_URL", None)
    staging = root / "site.seedwiki-new"
    run = subprocess.Popen([*MKDOCS, "build", "--strict"], cwd=root, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    deadline = time.monotonic() + 120
    while not (staging / "seeds").exists() and run.poll() is None and time.monotonic() < deadline:
        time.sleep(0.005)
    assert run.poll() is None, "the build ended before it could be killed"
    os.kill(run.pid, signal.SIGKILL)
    run.wait()
    assert _files(root / "site") == before  # whole, search index and links.json included
    assert "links.json" in before and any(name.startswith("pagefind/") for name in before)
    assert mkdocs_build(root).returncode == 0
    assert not staging.exists()
    assert (root / "site" / "seeds" / "seed-new" / "index.html").is_file()


def test_a_failed_strict_build_keeps_the_previous_site(tmp_path):
    root = make_project(tmp_path / "p", _seeds(2))
    assert mkdocs_build(root).returncode == 0
    before = _files(root / "site")
    (root / "docs" / "broken.md").write_text("# Broken\n\n[a link](nowhere.md)\n")
    assert mkdocs_build(root).returncode != 0
    assert _files(root / "site") == before
    assert not (root / "site.seedwiki-new").exists()


@pytest.mark.parametrize("url", ['https://example.org/"><script>alert(1)</script>', "https://example.org/a b/", "javascript:alert(1)", "https://example.org/{{ x }}"])
def test_a_site_url_with_quotes_spaces_or_markup_stops_the_build(tmp_path, url):
    root = make_project(tmp_path / "p", _seeds(1))
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1", "SEEDWIKI_SITE_URL": url}
    result = subprocess.run([*MKDOCS, "build", "--strict"], cwd=root, env=env, capture_output=True, text=True)
    assert result.returncode != 0
    assert "Traceback" not in result.stderr
    assert "SEEDWIKI_SITE_URL" in result.stderr or "site_url" in result.stderr
    assert not (root / "site").exists()


def test_a_seed_edited_with_the_same_size_and_time_is_published_anew(tmp_path):
    (tmp_path / "seeds").mkdir()
    seed = tmp_path / "seeds" / "a.txt"
    seed.write_text("Title\nThe old text.\n")
    stat = seed.stat()
    project = Project(tmp_path)
    build(project)
    seed.write_text("Title\nThe new text.\n")
    os.utime(seed, ns=(stat.st_atime_ns, stat.st_mtime_ns))
    assert seed.stat().st_size == stat.st_size and seed.stat().st_mtime_ns == stat.st_mtime_ns
    result = build(project)
    assert result.written.written > 0
    assert "The new text." in (tmp_path / "docs" / "seeds" / "a" / "index.md").read_text(encoding="utf-8")


def test_an_unchanged_project_is_not_regenerated(tmp_path):
    (tmp_path / "seeds").mkdir()
    (tmp_path / "seeds" / "a.txt").write_text("Title\nText.\n")
    build(Project(tmp_path))
    manifest = (tmp_path / "docs" / MANIFEST).stat().st_mtime_ns
    assert build(Project(tmp_path)).written.written == 0
    assert (tmp_path / "docs" / MANIFEST).stat().st_mtime_ns == manifest


def _enospc(*args, **kwargs):
    raise OSError(errno.ENOSPC, "No space left on device", "/full/disk")


def test_a_full_disk_during_generation_is_one_line_and_keeps_the_previous_pages(tmp_path, monkeypatch, capsys):
    (tmp_path / "seeds").mkdir()
    (tmp_path / "seeds" / "a.txt").write_text("Title\nText.\n")
    assert main(["--root", str(tmp_path), "build"]) == 0
    before = _files(tmp_path / "docs")
    (tmp_path / "seeds" / "a.txt").write_text("Title\nOther text.\n")
    monkeypatch.setattr("seedwiki.write._write_staged", _enospc)
    capsys.readouterr()
    assert main(["--root", str(tmp_path), "build"]) == 1
    (line,) = capsys.readouterr().err.splitlines()
    assert line.startswith("/full/disk: cannot write the generated pages (No space left on device); free disk space")
    assert _files(tmp_path / "docs") == before


def test_a_full_disk_while_writing_the_lock_is_one_line_and_keeps_the_lock(tmp_path, monkeypatch, capsys):
    (tmp_path / "seeds").mkdir()
    (tmp_path / "seeds" / "a.txt").write_text("Title\nText.\n")
    (tmp_path / "permalinks.lock").write_text("# empty\n")
    monkeypatch.setattr(Path, "write_text", _enospc)
    assert main(["--root", str(tmp_path), "lock"]) == 1
    (line,) = capsys.readouterr().err.splitlines()
    assert line.startswith(f"{tmp_path / 'permalinks.lock'}: cannot write the lock (No space left on device); free disk space")
    assert (tmp_path / "permalinks.lock").read_bytes() == b"# empty\n"


def test_an_unreadable_seed_is_one_line(tmp_path, monkeypatch, capsys):
    (tmp_path / "seeds").mkdir()
    (tmp_path / "seeds" / "a.txt").write_text("Title\nText.\n")
    real_open = os.open

    def refuse(path, *args, **kwargs):
        if str(path).endswith("a.txt"):
            raise PermissionError(errno.EACCES, "Permission denied", str(path))
        return real_open(path, *args, **kwargs)

    monkeypatch.setattr("seedwiki.ingest.os.open", refuse)
    assert main(["--root", str(tmp_path), "build"]) == 1
    (line,) = capsys.readouterr().err.splitlines()
    assert line == f"{tmp_path / 'seeds' / 'a.txt'}: cannot read the file (Permission denied); check that it exists and is readable"


def test_an_error_no_stage_expected_is_one_line_not_a_traceback(tmp_path, monkeypatch, capsys):
    (tmp_path / "seeds").mkdir()
    (tmp_path / "seeds" / "a.txt").write_text("Title\nText.\n")

    def broken(*args, **kwargs):
        raise RuntimeError("boom")

    monkeypatch.setattr("seedwiki.build._build", broken)
    monkeypatch.delenv("SEEDWIKI_DEBUG", raising=False)
    assert main(["--root", str(tmp_path), "build"]) == 70
    (line,) = capsys.readouterr().err.splitlines()
    assert "internal error RuntimeError: boom; this is a bug in seedwiki" in line
    assert _seedwiki(tmp_path, "build").returncode == 0


def test_a_full_disk_names_the_file_that_could_not_be_written(tmp_path, monkeypatch, capsys):
    """A write that fails on a full disk reports no file name of its own: the error names the page."""
    (tmp_path / "seeds").mkdir()
    (tmp_path / "seeds" / "a.txt").write_text("Title\nText.\n")
    import seedwiki.write

    def full(path, mode="r", *args, **kwargs):
        if str(path).endswith("/index.md") and "w" in mode:
            raise OSError(errno.ENOSPC, "No space left on device")
        return open(path, mode, *args, **kwargs)

    monkeypatch.setattr(seedwiki.write, "open", full, raising=False)  # the generator's writes (`write._write_staged`)
    assert main(["--root", str(tmp_path), "build"]) == 1
    (line,) = capsys.readouterr().err.splitlines()
    assert line.startswith(str(tmp_path / "docs")) and "/index.md: cannot write the generated pages (No space left on device)" in line, line


def _indexers(site: Path) -> list[int]:
    """The Pagefind processes indexing `site` (or its staging folder)."""
    found = []
    for entry in Path("/proc").iterdir():
        try:
            if "pagefind" in os.readlink(entry / "exe") and str(site) in (entry / "cmdline").read_bytes().decode(errors="replace"):
                found.append(int(entry.name))
        except (OSError, ValueError):
            continue
    return found


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="the indexer is tied to its build through Linux's parent-death signal")
def test_a_killed_mkdocs_build_leaves_no_indexer_writing_into_its_site(tmp_path):
    root = make_project(tmp_path / "p", _seeds(1200))  # Pagefind indexes it for seconds
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}
    run = subprocess.Popen([*MKDOCS, "build", "--strict"], cwd=root, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    deadline = time.monotonic() + 300
    while not _indexers(root / "site.seedwiki-new") and run.poll() is None and time.monotonic() < deadline:
        time.sleep(0.01)
    assert run.poll() is None, "the build ended before its indexer could be seen"
    os.kill(run.pid, signal.SIGKILL)
    run.wait()
    deadline = time.monotonic() + 1  # the signal is sent as the build ends: far less than the indexing left
    while _indexers(root / "site.seedwiki-new") and time.monotonic() < deadline:
        time.sleep(0.05)
    assert _indexers(root / "site.seedwiki-new") == []
