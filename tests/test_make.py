"""What each make target installs: serve, build, check and clean only the runtime; test the test
tools besides; wheel only PyPA build and twine (read from `make -n`, which runs nothing)."""

from __future__ import annotations

import shutil
import subprocess

import pytest

from .conftest import ROOT


def _dry_run(target: str, tmp_path) -> str:
    if shutil.which("make") is None:
        pytest.fail("make is missing: sudo apt-get install make")
    result = subprocess.run(["make", "-n", target, f"VENV={tmp_path / 'venv'}"], cwd=ROOT, capture_output=True, text=True)
    assert result.returncode == 0, result.stderr
    return result.stdout


@pytest.mark.parametrize("target", ["serve", "build", "check", "clean", "pages", "offline"])
def test_the_site_targets_install_the_runtime_without_the_test_tools(target, tmp_path):
    commands = _dry_run(target, tmp_path)
    assert "-c constraints.txt -e .\n" in commands
    assert "[test]" not in commands


def test_make_test_installs_the_test_tools(tmp_path):
    assert "-c constraints.txt -e '.[test]'" in _dry_run("test", tmp_path)


def test_make_wheel_installs_only_build_and_twine(tmp_path):
    commands = _dry_run("wheel", tmp_path)
    assert "-c constraints.txt build twine\n" in commands and " -e ." not in commands
    assert "twine check --strict" in commands


def test_installs_say_what_they_install_as_they_go(tmp_path):
    commands = _dry_run("serve", tmp_path)
    assert "echo 'seedwiki: installing seedwiki and what it runs on" in commands
    assert "--quiet" not in commands.split("uv pip install", 1)[1]  # uv's own progress shows
