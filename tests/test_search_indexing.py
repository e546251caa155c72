"""Pagefind started beside the build's last steps (plugin/search.py, `Indexing`): the bundle of a
plain `index_site`, and no indexer left running when the build fails before waiting for it."""

from __future__ import annotations

from pathlib import Path

from seedwiki.plugin.search import Indexing, index_site

PAGE = ('<!doctype html><html lang="en"><head><title>{title}</title></head><body><article data-pagefind-body>'
        "<h1>{title}</h1><p>{text}</p></article></body></html>")


def _site(root: Path) -> Path:
    for name, title, text in (("a", "Detained fighters", "The coalition detained fighters."), ("b", "River", "The Euphrates river.")):
        (root / name).mkdir(parents=True)
        (root / name / "index.html").write_text(PAGE.format(title=title, text=text), encoding="utf-8")
    return root


def _bundle(site: Path) -> dict[str, bytes]:
    return {p.relative_to(site).as_posix(): p.read_bytes() for p in sorted((site / "pagefind").rglob("*")) if p.is_file()}


def test_an_index_started_early_is_the_bundle_index_site_writes(tmp_path):
    one, two = _site(tmp_path / "one"), _site(tmp_path / "two")
    index_site(one, "en")
    indexing = Indexing(two, "en")
    indexing.finish()
    assert _bundle(one) == _bundle(two)
    assert "pagefind/seedwiki-bundles.json" in _bundle(two) and any(name.endswith(".pf_fragment") for name in _bundle(two))


def _slow_indexer(monkeypatch) -> None:
    """Pagefind stood in for by a process that would run for a minute: a test of ending it cannot
    pass because a two-page index was over before the end was asked for."""
    import sys

    from seedwiki.plugin import search

    monkeypatch.setattr(search, "_command", lambda *args, **kwargs: [sys.executable, "-c", "import time; time.sleep(60)"])


def test_a_stopped_index_leaves_no_indexer_running(tmp_path, monkeypatch):
    import signal

    _slow_indexer(monkeypatch)
    indexing = Indexing(_site(tmp_path / "site"), "en")
    indexing.stop()
    assert indexing.process.returncode == -signal.SIGTERM  # ended by the stop, not finished by itself


def test_an_index_interrupted_while_waited_for_leaves_no_indexer_running(tmp_path, monkeypatch):
    """`finish` interrupted while it waits (Ctrl-C sent to the build alone, an error raised in the
    wait) ends Pagefind, as `index_site`'s `subprocess.run` did, rather than leave it writing into
    a site the build is giving up."""
    import pytest

    _slow_indexer(monkeypatch)
    indexing = Indexing(_site(tmp_path / "site"), "en")
    wait = indexing.process.communicate
    calls = []

    def interrupted(*args, **kwargs):
        calls.append(args)
        if len(calls) == 1:
            raise KeyboardInterrupt
        return wait(*args, **kwargs)

    monkeypatch.setattr(indexing.process, "communicate", interrupted)
    with pytest.raises(KeyboardInterrupt):
        indexing.finish()
    assert indexing.process.poll() is not None
