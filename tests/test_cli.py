from __future__ import annotations

import subprocess
import sys

from .conftest import ROOT


def _seedwiki(root, *args):
    return subprocess.run(
        [sys.executable, "-m", "seedwiki.cli", "--root", str(root), *args], capture_output=True, text=True
    )


def test_build_reports_counts_and_a_second_build_writes_nothing(tmp_path):
    (tmp_path / "seeds").mkdir()
    (tmp_path / "seeds" / "a.txt").write_text("Title\n\nText.\n")
    first = _seedwiki(tmp_path, "build")
    second = _seedwiki(tmp_path, "build")
    assert first.returncode == 0, first.stderr
    assert "1 seeds; 3 files written" in first.stdout
    assert "0 files written, 3 unchanged, 0 removed" in second.stdout


def test_bad_input_is_one_line_with_file_and_line_and_no_traceback(tmp_path):
    (tmp_path / "seeds").mkdir()
    (tmp_path / "seeds" / "good.txt").write_text("Fine\n\nText.\n")
    (tmp_path / "seeds" / "bad.txt").write_bytes(b"Caf\xe9\n")
    result = _seedwiki(tmp_path, "build")
    assert result.returncode == 1
    assert result.stderr == f"{tmp_path / 'seeds' / 'bad.txt'}:1: byte 0xE9 at byte 3 is not valid UTF-8; save the file as UTF-8 and rebuild\n"
    assert not (tmp_path / "docs").exists()


def test_usage_errors_exit_2():
    assert _seedwiki(ROOT, "no-such-command").returncode == 2
