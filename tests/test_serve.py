"""`mkdocs serve` (what `make serve` runs) regenerates pages when seeds, sidecars or the lock change."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import time
import urllib.error
import urllib.request
from collections.abc import Iterator
from contextlib import contextmanager

import pytest

from .conftest import free_port, make_project

DEADLINE = 60  # seconds to wait for a rebuild before failing (not a speed assertion)


def _get(url: str) -> tuple[int, str]:
    try:
        with urllib.request.urlopen(url, timeout=5) as response:
            return response.status, response.read().decode("utf-8", "replace")
    except urllib.error.HTTPError as err:
        return err.code, ""
    except OSError:
        return 0, ""


def _page_count(entry: str) -> int:
    """How many pages Pagefind's index holds, from its entry file."""
    return sum(language["page_count"] for language in json.loads(entry)["languages"].values())


def _wait_for(url: str, predicate) -> tuple[int, str]:
    end = time.monotonic() + DEADLINE
    while time.monotonic() < end:
        status, body = _get(url)
        if predicate(status, body):
            return status, body
        time.sleep(0.2)
    pytest.fail(f"{url} did not change as expected within {DEADLINE} s (last status {status})")


@pytest.fixture(params=[[], ["--dirty"]], ids=["full", "dirty"])
def served(tmp_path, request):
    """`mkdocs serve`, and `mkdocs serve --dirty` as `make serve` runs it (only changed pages rebuilt)."""
    root = make_project(tmp_path / "p", {"a.txt": b"Alpha\nFirst text.\n"})
    port = free_port()
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}
    process = subprocess.Popen(
        [sys.executable, "-m", "mkdocs", "serve", *request.param, "--dev-addr", f"127.0.0.1:{port}"],
        cwd=root, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True,
    )
    base = f"http://127.0.0.1:{port}/"
    try:
        _wait_for(base, lambda status, _: status == 200)
        yield root, base
    finally:
        process.terminate()
        process.wait(timeout=10)


def test_serve_picks_up_new_edited_and_removed_seeds_sidecars_and_a_new_glossary(served):
    root, base = served
    seeds = root / "seeds"
    _, entry = _wait_for(base + "pagefind/pagefind-entry.json", lambda status, _: status == 200)
    indexed = _page_count(entry)
    (seeds / "b.txt").write_text("Beta\nSecond text.\n")
    _wait_for(base + "seeds/b/", lambda status, body: status == 200 and "Second text." in body)
    _, catalogue = _get(base + "catalogue/")
    assert "Beta" in catalogue
    # search catches up with the new seed (indexed after the page is served)
    _wait_for(base + "pagefind/pagefind-entry.json", lambda status, body: status == 200 and _page_count(body) > indexed)
    (seeds / "b.yml").write_text("outlet: Example Times\n")
    _wait_for(base + "seeds/b/", lambda status, body: "Example Times" in body)
    (seeds / "b.yml").unlink()
    (seeds / "b.txt").unlink()
    _wait_for(base + "seeds/b/", lambda status, _: status == 404)
    _, catalogue = _get(base + "catalogue/")
    assert "Alpha" in catalogue and "Beta" not in catalogue
    (root / "glossary.yml").write_text("entities:\n  - {id: alpha, name: Alpha, kind: place, description: A place.}\n")
    _wait_for(base + "entities/alpha/", lambda status, body: status == 200 and "seeds/a/index.html#p1" in body)


@contextmanager
def _serving(root, log) -> Iterator[str]:
    """`mkdocs serve --dirty` of `root`, its messages in `log`, once its home page answers: its address."""
    port = free_port()
    with log.open("w") as err:
        process = subprocess.Popen(
            [sys.executable, "-m", "mkdocs", "serve", "--dirty", "--dev-addr", f"127.0.0.1:{port}"],
            cwd=root, env={**os.environ, "NO_MKDOCS_2_WARNING": "1"}, stdout=subprocess.DEVNULL, stderr=err,
        )
    base = f"http://127.0.0.1:{port}/"
    try:
        _wait_for(base, lambda status, _: status == 200)
        yield base
    finally:
        process.terminate()
        process.wait(timeout=10)


def test_serve_rebuilds_for_the_files_it_reads_and_not_for_a_log_written_into_the_project(tmp_path):
    """`make serve > serve.log` logs into the project: the server must not rebuild (and reload
    every browser) on each line it writes, only when a seed, the glossary or the lock changes."""
    root = make_project(tmp_path / "p", {"a.txt": b"Alpha\nFirst text.\n"})
    (root / "glossary.yml").write_text("entities: []\n")
    log = tmp_path / "serve.err"
    with _serving(root, log) as base:
        time.sleep(2)  # the first build's own writes settle
        builds = log.read_text().count("Building documentation")
        for line in range(8):
            with (root / "serve.log").open("a") as own_log:
                own_log.write(f"line {line}\n")
            (root / "nohup.out").write_text(f"{line}\n")
            time.sleep(0.5)
        time.sleep(2)
        assert log.read_text().count("Building documentation") == builds
        (root / "glossary.yml").write_text("entities:\n  - {id: alpha, name: Alpha, kind: place, description: A place.}\n")
        _wait_for(base + "entities/alpha/", lambda status, body: status == 200)
        assert log.read_text().count("Building documentation") > builds


def test_a_saved_seed_makes_one_build_and_a_page_written_by_hand_still_makes_one(tmp_path):
    """The generator's own writes in docs/ (its pages, its manifest and records) are no change to
    build for: one save, one build. A page written by hand is."""
    root = make_project(tmp_path / "p", {"a.txt": b"Alpha\nFirst text.\n", "b.txt": b"Beta\nSecond text.\n"})
    log = tmp_path / "serve.err"
    with _serving(root, log) as base:
        time.sleep(4)  # the first build's own writes settle (and are older than the records' two seconds)
        builds = log.read_text().count("Building documentation")
        (root / "seeds" / "a.txt").write_text("Alpha\nFirst text, saved again.\n")
        _wait_for(base + "seeds/a/", lambda status, body: "saved again" in body)
        time.sleep(5)  # a build for the generator's own writes would have started by now (the watcher polls every 0.5 s)
        assert log.read_text().count("Building documentation") == builds + 1
        page = root / "docs" / "how-to-cite.md"
        page.write_text(page.read_text(encoding="utf-8") + "\nA line written by hand.\n", encoding="utf-8")
        _wait_for(base + "how-to-cite/", lambda status, body: "A line written by hand." in body)
        (root / "docs" / "guides").mkdir()  # a folder made while serving (strict mode wants a page in the nav: a file)
        time.sleep(1.5)
        (root / "docs" / "guides" / "note.txt").write_text("A note written by hand.\n", encoding="utf-8")
        _wait_for(base + "guides/note.txt", lambda status, body: status == 200 and "A note written by hand." in body)
