"""Parsing in a process pool gives the same corpus, and the same first error, as reading in order."""

from __future__ import annotations

import pickle

import pytest

from seedwiki import build
from seedwiki.build import Project, load_corpus
from seedwiki.errors import IngestError, SeedwikiError


def _project(tmp_path, count: int, bad: int | None = None) -> Project:
    seeds = tmp_path / "seeds"
    seeds.mkdir()
    for i in range(count):
        text = f"Report {i}\n\nOfficials said \"the road to Town {i} is open\" on Monday.\n"
        (seeds / f"s{i:03}.txt").write_bytes(b"Caf\xe9\n" if i == bad else text.encode())
    return Project(tmp_path)


def test_the_pool_reads_the_same_corpus_as_a_sequential_read(tmp_path, monkeypatch):
    project = _project(tmp_path, 24)
    sequential = load_corpus(project)
    monkeypatch.setattr(build, "POOL_MIN_SEEDS", 2)
    pooled = load_corpus(project)
    assert pooled == sequential and len(pooled.entries) == 24


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
