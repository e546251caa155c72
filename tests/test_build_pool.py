"""Parsing in a process pool gives the same corpus, and the same first error, as reading in order."""

from __future__ import annotations

import multiprocessing
import os
import pickle
import signal
import subprocess
import sys
import time

import pytest

from seedwiki import build
from seedwiki.build import Project, load_corpus
from seedwiki.errors import IngestError, SeedwikiError


def _project(tmp_path, count: int, bad: int | None = None, paragraphs: int = 1) -> Project:
    seeds = tmp_path / "seeds"
    seeds.mkdir()
    for i in range(count):
        text = f"Report {i}\n\n" + "".join(f"Officials said \"the road to Town {i} is open\" on Monday, {p} hours after the talks "
                                          "in the capital ended without an agreement on the withdrawal.\n\n" for p in range(paragraphs))
        (seeds / f"s{i:03}.txt").write_bytes(b"Caf\xe9\n" if i == bad else text.encode())
    return Project(tmp_path)


@pytest.mark.slow
def test_the_pool_reads_the_same_corpus_as_a_sequential_read(tmp_path, monkeypatch):
    project = _project(tmp_path, 24)
    sequential = load_corpus(project)
    monkeypatch.setattr(build, "POOL_MIN_SEEDS", 2)
    pooled = load_corpus(project)
    assert pooled == sequential and len(pooled.entries) == 24


@pytest.mark.slow
def test_the_pool_raises_the_first_bad_seeds_error_in_order(tmp_path, monkeypatch):
    project = _project(tmp_path, 24, bad=17)
    with pytest.raises(IngestError) as sequential:
        load_corpus(project)
    monkeypatch.setattr(build, "POOL_MIN_SEEDS", 2)
    with pytest.raises(IngestError) as pooled:
        load_corpus(project)
    assert pooled.value.report() == sequential.value.report() and "s017.txt" in pooled.value.report()


def test_an_error_survives_pickling_whole():
    error = IngestError("seeds/a.txt", "what is wrong", "what to do", line=3)
    copy = pickle.loads(pickle.dumps(error))
    assert type(copy) is IngestError and isinstance(copy, SeedwikiError) and copy.report() == "seeds/a.txt:3: what is wrong; what to do"


@pytest.mark.parametrize("signum", [signal.SIGTERM, signal.SIGINT])
def test_a_stopped_build_ends_its_workers_and_releases_its_output(tmp_path, signum):
    """A build stopped while the pool parses ends every worker: the pipe it writes to closes at
    once (a worker left running would hold it open), and no worker is left parsing."""
    _project(tmp_path, 2500, paragraphs=40)  # about half a minute of parsing on two cores
    command = [sys.executable, "-m", "seedwiki.cli", "--root", str(tmp_path), "build"]
    run = subprocess.Popen(command, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
                           env={**os.environ, "SEEDWIKI_PROGRESS": "1"})
    assert run.stderr is not None
    first = run.stderr.readline()  # "read 500 of 1,500 seeds": the pool is at work
    assert "read 500 of 2,500" in first, first
    run.send_signal(signum)
    stopped = time.monotonic()
    try:
        _, err = run.communicate(timeout=60)  # returns once every process holding the output has ended
    except subprocess.TimeoutExpired:
        run.kill()
        pytest.fail("the stopped build, or a process of its pool, still held its output after 60 s")
    assert time.monotonic() - stopped < 5  # the rest of the parse would take far longer
    assert run.returncode == 130 and "interrupted" in err and "Traceback" not in err, err
    assert not (tmp_path / "docs").exists()


@pytest.mark.parametrize("proc", ["linux", "without /proc", "an empty /proc"])
def test_a_worker_tells_a_running_parent_from_an_ended_one(tmp_path, monkeypatch, proc):
    """A pool worker's question "is the build that started me still there?": yes for a running
    process, no for one that has ended, through /proc on Linux and through signal 0 where there is
    no /proc (macOS, the BSDs), where a missing /proc once read as "ended" and stopped every worker."""
    if proc == "without /proc":
        monkeypatch.setattr(build, "PROC", tmp_path / "no-proc")
    elif proc == "an empty /proc":  # FreeBSD's procfs, when mounted, holds no Linux stat files
        (tmp_path / "proc").mkdir()
        monkeypatch.setattr(build, "PROC", tmp_path / "proc")
    elif not (build.PROC / "self" / "stat").is_file():
        pytest.skip("this system has no Linux /proc")
    ended = subprocess.Popen([sys.executable, "-c", "pass"])
    ended.wait()
    assert build._alive(os.getpid()) and not build._alive(ended.pid)


def test_the_pool_starts_its_workers_afresh_where_the_system_cannot_fork(monkeypatch):
    """Windows has neither fork nor a forkserver: the pool spawns its workers."""
    monkeypatch.setattr(multiprocessing, "get_all_start_methods", lambda: ["spawn"])
    assert build._pool_context().get_start_method() == "spawn"


def test_a_complete_read_waits_for_its_workers(tmp_path, monkeypatch):
    """The read's end is the pool's: its workers are waited for before the read ends (their CPU
    time counts in the read's progress line, not in the stage after it), never left to end on
    their own as on an error or a stop."""
    from concurrent.futures import ProcessPoolExecutor

    calls: list[bool] = []
    real = ProcessPoolExecutor.shutdown

    def shutdown(self, wait=True, *, cancel_futures=False):
        calls.append(wait)
        return real(self, wait, cancel_futures=cancel_futures)

    monkeypatch.setattr(ProcessPoolExecutor, "shutdown", shutdown)
    monkeypatch.setattr(build, "POOL_MIN_SEEDS", 2)
    from seedwiki.parsecache import ParseCache

    project = _project(tmp_path, 12)
    for cache in (None, ParseCache(project.cache_dir, project.root, writes=False)):  # a build reads through its cache
        calls.clear()
        assert len(list(build.load_documents(project, cache=cache))) == 12
        assert calls and all(calls)
