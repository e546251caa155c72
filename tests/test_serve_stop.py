"""Ctrl-C on `mkdocs serve` (what `make serve` runs) returns promptly while the search indexer
runs in the background: the indexer is ended, not waited for, and no ERROR line is logged."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time

from .conftest import free_port, make_project
from .test_serve import _wait_for

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
