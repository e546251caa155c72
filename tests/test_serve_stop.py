"""Ctrl-C on `mkdocs serve` (what `make serve` runs) returns promptly while the search indexer
runs in the background: the indexer is ended, not waited for, and no ERROR line is logged."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import time

import pytest

from .conftest import free_port, make_project
from .test_serve import _get, _wait_for

# A stand-in for Pagefind that takes a minute (a large site's index): found first on the path by
# the plugin's `python -m pagefind`; it says that it started and its process id.
SLOW_PAGEFIND = """import os, pathlib, sys, time
pathlib.Path(os.environ["SLOW_INDEXER_MARK"]).write_text(str(os.getpid()))
time.sleep(60)
"""
PROMISED_SECONDS = 2  # the bound the README states for Ctrl-C on serve


def _alive(pid: int) -> bool:
    try:
        with open(f"/proc/{pid}/stat", encoding="utf-8") as stat:
            return stat.read().split(")")[-1].split()[0] != "Z"
    except FileNotFoundError:
        return False


def test_ctrl_c_on_serve_returns_within_two_seconds_and_ends_the_indexer(tmp_path):
    root = make_project(tmp_path / "p", {"a.txt": b"Alpha\nFirst text.\n"})
    slow = tmp_path / "slow" / "pagefind"
    slow.mkdir(parents=True)
    (slow / "__init__.py").write_text("")
    (slow / "__main__.py").write_text(SLOW_PAGEFIND)
    mark = tmp_path / "indexing"
    port = free_port()
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1", "PYTHONPATH": str(slow.parent), "SLOW_INDEXER_MARK": str(mark)}
    # its own process group, as a shell's foreground job: Ctrl-C is SIGINT to the whole group
    process = subprocess.Popen([sys.executable, "-m", "mkdocs", "serve", "--dirty", "--dev-addr", f"127.0.0.1:{port}"],
                               cwd=root, env=env, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True, start_new_session=True)
    try:
        _wait_for(f"http://127.0.0.1:{port}/", lambda status, _: status == 200)
        deadline = time.monotonic() + 30
        while not (mark.exists() and mark.read_text()) and time.monotonic() < deadline:
            time.sleep(0.05)
        indexer = int(mark.read_text())
        assert _alive(indexer)
        pressed = time.monotonic()
        os.killpg(process.pid, signal.SIGINT)
        output, _ = process.communicate(timeout=30)
        stopped = time.monotonic() - pressed
    finally:
        if process.poll() is None:
            os.killpg(process.pid, signal.SIGKILL)
            process.wait()
    assert stopped < PROMISED_SECONDS, f"serve took {stopped:.1f} s to stop:\n{output}"
    assert "ERROR" not in output and "Traceback" not in output, output
    time.sleep(0.2)
    assert not _alive(indexer), "the indexer outlived the server"


# A stand-in for Pagefind that writes its entry file in two halves a second apart, as a large
# index is written: a reader in between would get half a file.
HALTING_PAGEFIND = """import json, pathlib, sys, time
out = pathlib.Path(sys.argv[sys.argv.index("--output-path") + 1])
out.mkdir(parents=True, exist_ok=True)
(out / "fragment").mkdir(exist_ok=True)
(out / "fragment" / f"f{time.time_ns()}.pf_fragment").write_bytes(b"x")
text = json.dumps({"version": "stand-in", "languages": {"en": {"hash": "h", "wasm": None, "page_count": 1}}})
with (out / "pagefind-entry.json").open("w", encoding="utf-8") as entry:
    entry.write(text[:10]); entry.flush(); time.sleep(1); entry.write(text[10:])
"""


def test_search_served_while_it_is_reindexed_is_never_half_written(tmp_path):
    """Under serve the index is rebuilt after each build while pages are served: the search bundle
    a page reads is always a whole one (the old or the new), never a file being written."""
    root = make_project(tmp_path / "p", {"a.txt": b"Alpha\nFirst text.\n"})
    stand_in = tmp_path / "bin"
    stand_in.mkdir()
    (stand_in / "pagefind.py").write_text(HALTING_PAGEFIND, encoding="utf-8")
    port = free_port()
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1", "PYTHONPATH": str(stand_in)}
    process = subprocess.Popen([sys.executable, "-m", "mkdocs", "serve", "--dirty", "--dev-addr", f"127.0.0.1:{port}"],
                               cwd=root, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    base = f"http://127.0.0.1:{port}/"
    try:
        _wait_for(base + "pagefind/pagefind-entry.json", lambda status, _: status == 200)
        (root / "seeds" / "a.txt").write_text("Alpha\nFirst text, saved again.\n", encoding="utf-8")
        seen, deadline = [], time.monotonic() + 20
        while time.monotonic() < deadline:
            status, body = _get(base + "pagefind/pagefind-entry.json")
            seen.append(body)
            assert status == 200 and json.loads(body)["languages"]["en"]["page_count"] == 1, body
            time.sleep(0.05)
        assert len(seen) > 50
    finally:
        process.terminate()
        process.wait(timeout=10)


@pytest.mark.parametrize("exchange", [True, False], ids=["exchanged", "renamed"])
def test_a_published_bundle_takes_the_old_ones_place_whole_and_the_old_one_is_the_spare(tmp_path, monkeypatch, exchange):
    """Whether the system exchanges two folders in one step (Linux) or not (three renames)."""
    from seedwiki.plugin import search

    if not exchange:
        monkeypatch.setattr(search, "exchange_folders", lambda a, b: False)

    def tree(folder):
        return {p.relative_to(folder).as_posix(): p.read_text(encoding="utf-8") for p in folder.rglob("*") if p.is_file()}

    spare, bundle = tmp_path / "site.seedwiki-pagefind", tmp_path / "site" / "pagefind"
    new, old = {"pagefind-entry.json": "new", "fragment/b": "b"}, {"pagefind-entry.json": "old", "fragment/a": "a"}
    for folder, files in ((spare, new), (bundle, old)):
        for name, text in files.items():
            (folder / name).parent.mkdir(parents=True, exist_ok=True)
            (folder / name).write_text(text, encoding="utf-8")
    search.publish_bundle(spare, bundle)
    assert tree(bundle) == new and tree(spare) == old
    assert sorted(p.name for p in tmp_path.iterdir()) == ["site", "site.seedwiki-pagefind"]
    (bundle.parent / "other").mkdir()
    search.publish_bundle(spare, bundle)
    assert tree(bundle) == old and tree(spare) == new


def test_the_first_bundle_is_moved_in(tmp_path):
    from seedwiki.plugin.search import publish_bundle

    spare, bundle = tmp_path / "spare", tmp_path / "site" / "pagefind"
    (spare / "fragment").mkdir(parents=True)
    (spare / "pagefind-entry.json").write_text("{}", encoding="utf-8")
    bundle.parent.mkdir()
    publish_bundle(spare, bundle)
    assert (bundle / "pagefind-entry.json").read_text(encoding="utf-8") == "{}" and not spare.exists()
