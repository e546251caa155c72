"""The proof that seedwiki works for anyone's folder: the built wheel, installed into a fresh virtual
environment with the pinned constraints, makes a new project of the two seeds that builds strictly,
passes `seedwiki check` and works in chromium (a seed page, search, a copied citation)."""

from __future__ import annotations

import datetime
import os
import subprocess
import sys
import venv
from pathlib import Path

import pytest

from .conftest import ROOT, SEEDS, serve_directory
from .test_browser_cite import _clipboard_types


def _run(command: list, cwd: Path, env: dict | None = None, timeout: int = 900) -> subprocess.CompletedProcess:
    result = subprocess.run([str(c) for c in command], cwd=cwd, capture_output=True, text=True, env=env, timeout=timeout)
    assert result.returncode == 0, f"{command}:\n{result.stdout[-3000:]}\n{result.stderr[-3000:]}"
    return result


@pytest.fixture(scope="module")
def installed(tmp_path_factory) -> tuple[Path, Path]:
    """A new project made and built by the wheel in a fresh venv: (project folder, venv bin folder)."""
    work = tmp_path_factory.mktemp("wheel")
    bin_dir = work / "venv" / "bin"
    # a new user's shell: this checkout is nowhere on the path
    env = {k: v for k, v in os.environ.items() if k not in ("PYTHONPATH", "SEEDWIKI_SITE_URL", "VIRTUAL_ENV")}
    env["PATH"] = f"{bin_dir}{os.pathsep}{env.get('PATH', '')}"
    env["NO_MKDOCS_2_WARNING"] = "1"
    _run([sys.executable, "-m", "pip", "wheel", "--no-deps", "--quiet", "--wheel-dir", work / "dist", ROOT], cwd=work, env=env)
    (wheel,) = (work / "dist").glob("seedwiki-*.whl")
    venv.create(work / "venv", with_pip=True)
    _run([bin_dir / "python", "-m", "pip", "install", "--quiet", "-c", ROOT / "constraints.txt", wheel], cwd=work, env=env)
    assert (bin_dir / "seedwiki").is_file() and (bin_dir / "mkdocs").is_file()
    _run(["seedwiki", "new", "wiki"], cwd=work, env=env)
    project = work / "wiki"
    for seed in SEEDS:
        (project / "seeds" / seed.name).write_bytes(seed.read_bytes())
    _run(["mkdocs", "build", "--strict"], cwd=project, env=env)
    checked = _run(["seedwiki", "check"], cwd=project, env=env)
    assert "FAILED" not in checked.stdout and "seed pages built" in checked.stdout
    where = _run([bin_dir / "python", "-c", "import seedwiki, mkdocs; print(seedwiki.__file__)"], cwd=project, env=env)
    assert str(work / "venv") in where.stdout  # the wheel's copy, not this checkout
    return project, bin_dir


def test_the_installed_wheel_builds_and_checks_a_new_project(installed):
    project, bin_dir = installed
    version = _run([bin_dir / "seedwiki", "--version"], cwd=project)
    assert version.stdout.startswith("seedwiki ")
    page = (project / "site" / "seeds" / "000_dfaa4f2b2677d4d0" / "index.html").read_text(encoding="utf-8")
    assert 'id="p18"' in page and 'id="q8"' in page and "seedwiki/seedwiki.js" in page
    # the offline search's stemming worker ships too (a script beside the plugin's code)
    shipped = _run([bin_dir / "python", "-c", "from seedwiki.plugin.plugin import STEMMING_WORKER as w; print(w.is_file())"], cwd=project)
    assert shipped.stdout.strip() == "True"


def test_the_new_project_works_in_a_browser(installed, browser_page):
    project, bin_dir = installed
    page = browser_page.page
    with serve_directory(project / "site") as url:
        page.goto(url + "seeds/000_dfaa4f2b2677d4d0/")
        block = page.locator("#p18")
        block.hover()
        block.get_by_role("button", name="Copy citation of Q8, ¶18", exact=True).click()
        page.wait_for_function("document.querySelector('.sw-status') && document.querySelector('.sw-status').textContent.startsWith('Copied')")
        cited = _run([bin_dir / "seedwiki", "cite", "000_dfaa4f2b2677d4d0", "--p", "18", "--format", "text",
                      "--accessed", datetime.date.today().isoformat(), "--base-url", url], cwd=project)
        assert _clipboard_types(page)["text/plain"] == cited.stdout.strip()
        page.goto(url + "search/?q=Ghuwayran")
        result = page.locator("#sw-search a[href*='001_daa0dd757af5786e']").first
        result.wait_for(timeout=15_000)
