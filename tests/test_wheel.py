"""The proof that seedwiki works for anyone's folder, as a new user meets it: the release files
(`make wheel`: sdist and wheel, `twine check --strict` clean), the wheel installed without the
repository's constraints (as `pip install` does) into a fresh virtual environment, a new project of
seeds with accented, spaced, dashed and Arabic file names built with no banner before the build's
first line, checked, cited, a review checked, the result in chromium; and the new project's own
requirements.txt installed into another fresh environment, as its Pages workflow does, where no
package index has seedwiki.

Slow (a wheel build and two installs): `pytest -m 'not slow'` leaves these tests out."""

from __future__ import annotations

import datetime
import os
import subprocess
import sys
import venv
from pathlib import Path
from urllib.parse import quote

import pytest

from .conftest import ROOT, SEEDS, serve_directory
from .test_browser_cite import _clipboard_types

pytestmark = pytest.mark.slow

BIN = Path(sys.executable).parent
NAMED_SEEDS = {
    "Douze orphelins – été 2019.txt": "Douze orphelins\n\nUn texte en français, écrit en été 2019.\n\nDeuxième paragraphe du texte.\n",
    "تقرير الأمم المتحدة.txt": "تقرير عن المدينة\n\nهذا نص عربي قصير للاختبار.\n",
    "a-b--c  d.txt": "Dashed and spaced\n\nSome text about dashes.\n",
}


def _run(command: list, cwd: Path, env: dict | None = None, timeout: int = 900, ok: bool = True) -> subprocess.CompletedProcess:
    result = subprocess.run([str(c) for c in command], cwd=cwd, capture_output=True, text=True, env=env, timeout=timeout)
    if ok:
        assert result.returncode == 0, f"{command}:\n{result.stdout[-3000:]}\n{result.stderr[-3000:]}"
    return result


def _fresh_env(folder: Path) -> tuple[Path, dict]:
    """A fresh virtual environment and a new user's shell for it: this checkout is nowhere on the path."""
    venv.create(folder, with_pip=True)
    bin_dir = folder / "bin"
    env = {k: v for k, v in os.environ.items() if k not in ("PYTHONPATH", "SEEDWIKI_SITE_URL", "VIRTUAL_ENV", "NO_MKDOCS_2_WARNING", "PIP_CONSTRAINT")}
    env["PATH"] = f"{bin_dir}{os.pathsep}{env.get('PATH', '')}"
    return bin_dir, env


@pytest.fixture(scope="session")
def release_wheel(tmp_path_factory) -> Path:
    """The release files as `make wheel` builds them (PyPA build, twine check --strict); the wheel."""
    out = tmp_path_factory.mktemp("dist")
    _run([sys.executable, "-m", "build", "--quiet", "--outdir", out, ROOT], cwd=out)
    files = sorted(out.iterdir(), key=lambda f: f.suffix)
    assert [f.suffix for f in files] == [".gz", ".whl"], files
    checked = _run([BIN / "twine", "check", "--strict", *files], cwd=out)
    assert checked.stdout.count("PASSED") == 2, checked.stdout
    return files[1]


@pytest.fixture(scope="module")
def installed(tmp_path_factory, release_wheel) -> tuple[Path, Path, subprocess.CompletedProcess]:
    """A new project made and built by the wheel, installed without constraints into a fresh venv:
    (project folder, venv bin folder, the `mkdocs build` run as the project's README says)."""
    work = tmp_path_factory.mktemp("wheel")
    bin_dir, env = _fresh_env(work / "venv")
    _run([bin_dir / "python", "-m", "pip", "install", "--quiet", release_wheel], cwd=work, env=env)
    assert (bin_dir / "seedwiki").is_file() and (bin_dir / "mkdocs").is_file()
    _run(["seedwiki", "new", "wiki"], cwd=work, env=env)
    project = work / "wiki"
    for seed in SEEDS:
        (project / "seeds" / seed.name).write_bytes(seed.read_bytes())
    for name, text in NAMED_SEEDS.items():
        (project / "seeds" / name).write_text(text, encoding="utf-8")
    _run(["seedwiki", "lock"], cwd=project, env=env)
    built = _run(["mkdocs", "build", "--strict"], cwd=project, env={**env, "NO_MKDOCS_2_WARNING": "1"})
    where = _run([bin_dir / "python", "-c", "import seedwiki, mkdocs; print(seedwiki.__file__)"], cwd=project, env=env)
    assert str(work / "venv") in where.stdout  # the wheel's copy, not this checkout
    return project, bin_dir, built


def test_the_release_files_pass_twine_check_and_name_every_licence(release_wheel):
    import zipfile

    with zipfile.ZipFile(release_wheel) as wheel:
        metadata = wheel.read(f"seedwiki-{release_wheel.name.split('-')[1]}.dist-info/METADATA").decode()
    assert "License-Expression: MIT AND Apache-2.0" in metadata
    assert metadata.count("License-File: ") == 4  # seedwiki's and each vendored script's


def test_an_unpinned_install_builds_with_no_banner_before_the_first_line(installed):
    project, bin_dir, built = installed
    lines = (built.stdout + built.stderr).splitlines()
    assert lines[0].startswith("INFO    -  seedwiki: 5 seeds;"), "\n".join(lines[:40])
    assert all(line.startswith(("INFO", "WARNING", "DEBUG")) or line.startswith(" ") for line in lines), "\n".join(lines[:40])
    # nothing installed that prints another tool's notice (mkdocs-redirects 1.2.3 pulled one in)
    found = _run([bin_dir / "python", "-c", "import importlib.util as u; print(u.find_spec('properdocs'), u.find_spec('mkdocs_redirects'))"], cwd=project)
    assert found.stdout.split() == ["None", "None"]


def test_the_installed_wheel_builds_and_checks_a_new_project(installed):
    project, bin_dir, _ = installed
    version = _run([bin_dir / "seedwiki", "--version"], cwd=project)
    assert version.stdout.startswith("seedwiki ")
    checked = _run([bin_dir / "seedwiki", "check"], cwd=project)
    assert "FAILED" not in checked.stdout and "seeds in the sitemap                                              5/5" in checked.stdout
    assert "locked pages resolve" in checked.stdout
    page = (project / "site" / "seeds" / "000_dfaa4f2b2677d4d0" / "index.html").read_text(encoding="utf-8")
    assert 'id="p18"' in page and 'id="q8"' in page and "seedwiki/js/shared.js" in page
    # the offline search's stemming worker ships too (a script beside the plugin's code)
    shipped = _run([bin_dir / "python", "-c", "from seedwiki.plugin.plugin import STEMMING_WORKER as w; print(w.is_file())"], cwd=project)
    assert shipped.stdout.strip() == "True"


def test_the_installed_wheel_cites_and_checks_a_review_of_any_file_name(installed, tmp_path):
    project, bin_dir, _ = installed
    base = "http://127.0.0.1:8000/"
    cited = _run([bin_dir / "seedwiki", "cite", "Douze orphelins – été 2019.txt", "--p", "2", "--quote", "écrit en été", "--format", "url"], cwd=project)
    assert cited.stdout.startswith(f"{base}seeds/douze-orphelins-été-2019/#p2:~:text=")
    arabic = _run([bin_dir / "seedwiki", "cite", "تقرير-الأمم-المتحدة", "--p", "2", "--format", "url"], cwd=project)
    assert arabic.stdout == f"{base}seeds/تقرير-الأمم-المتحدة/#p2\n"
    review = tmp_path / "review.md"
    review.write_text(f'The text says "écrit en été 2019" ([¶2]({base}seeds/{quote("douze-orphelins-été-2019")}/#p2)), '
                      f"as [the report]({base}seeds/تقرير-الأمم-المتحدة/#p2) and [this]({base}seeds/a-b-c-d/#p2) do.\n", encoding="utf-8")
    reviewed = _run([bin_dir / "seedwiki", "check-review", review], cwd=project)
    assert "3 wiki links, 1 quotations checked; 0 problems" in reviewed.stderr


def test_the_new_project_works_in_a_browser(installed, browser_page):
    project, bin_dir, _ = installed
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


def test_the_new_projects_requirements_install_where_no_index_has_seedwiki(installed, release_wheel, tmp_path):
    """As the Pages workflow does (`python -m pip install -r requirements.txt` in the project),
    with every index switched off: the dependencies come from a folder that holds them and no
    seedwiki, so seedwiki can come only from the project's own wheels/."""
    project, bin_dir, _ = installed
    assert (project / "wheels" / release_wheel.name).read_bytes() == release_wheel.read_bytes()
    assert "--find-links wheels" in (project / "requirements.txt").read_text().splitlines()
    dependencies = tmp_path / "dependencies"
    _run([bin_dir / "python", "-m", "pip", "download", "--quiet", "--dest", dependencies, release_wheel], cwd=tmp_path)
    (dependencies / release_wheel.name).unlink()
    runner_bin, env = _fresh_env(tmp_path / "runner")
    offline = [runner_bin / "python", "-m", "pip", "install", "--quiet", "--no-index", "--find-links", dependencies]
    # the control: without the project's wheels/, no index or folder has seedwiki
    without = tmp_path / "requirements-without-wheels.txt"
    without.write_text("seedwiki==" + release_wheel.name.split("-")[1] + "\n")
    refused = _run([*offline, "-r", without], cwd=project, env=env, ok=False)
    assert refused.returncode != 0 and "No matching distribution found for seedwiki" in refused.stderr
    _run([*offline, "-r", "requirements.txt"], cwd=project, env=env)
    where = _run([runner_bin / "python", "-c", "import seedwiki; print(seedwiki.__file__)"], cwd=tmp_path, env=env)
    assert str(tmp_path / "runner") in where.stdout
    built = _run([runner_bin / "mkdocs", "build", "--strict", "--site-dir", tmp_path / "published"], cwd=project, env={**env, "NO_MKDOCS_2_WARNING": "1"})
    assert (tmp_path / "published" / "seeds" / "douze-orphelins-été-2019" / "index.html").is_file(), built.stderr
