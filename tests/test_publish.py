"""Publishing: the GitHub Pages workflow (actionlint, zizmor), the offline zip, 404 page and CNAME."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest
import yaml

from .conftest import ROOT, SEED_FILES, make_project, mkdocs_build

WORKFLOW = ROOT / ".github" / "workflows" / "pages.yml"
BIN = Path(sys.executable).parent


def _tool(name: str) -> str:
    path = BIN / name
    if not path.exists():
        message = f"{name} is missing: `make test` installs it with the test dependencies (pyproject.toml)"
        if os.environ.get("CI"):
            pytest.fail(message)
        pytest.skip(message)
    return str(path)


def _lint(workflow: Path) -> tuple[subprocess.CompletedProcess, subprocess.CompletedProcess]:
    actionlint = subprocess.run([_tool("actionlint"), "-no-color", str(workflow)], capture_output=True, text=True)
    zizmor = subprocess.run([_tool("zizmor"), "--offline", "--persona=pedantic", "--no-progress", str(workflow)], capture_output=True, text=True)
    return actionlint, zizmor


@pytest.mark.parametrize("workflow", [WORKFLOW, ROOT / ".github" / "workflows" / "tests.yml", ROOT / "src" / "seedwiki" / "project" / ".github" / "workflows" / "pages.yml"],
                         ids=["pages", "tests", "new-project-pages"])
def test_the_workflows_pass_actionlint_and_zizmor(workflow):
    actionlint, zizmor = _lint(workflow)
    assert actionlint.returncode == 0, actionlint.stdout + actionlint.stderr
    assert zizmor.returncode == 0, zizmor.stdout + zizmor.stderr


def test_the_linters_catch_a_broken_workflow(tmp_path):
    broken = tmp_path / ".github" / "workflows" / "pages.yml"
    broken.parent.mkdir(parents=True)
    text = WORKFLOW.read_text()
    text = text.replace("permissions: {}", "permissions: write-all")  # zizmor: excessive permissions
    text = text.replace("needs: [build, merge]", "needs: [bulid, merge]")  # actionlint: unknown job
    broken.write_text(text)
    actionlint, zizmor = _lint(broken)
    assert actionlint.returncode != 0 and "bulid" in actionlint.stdout
    assert zizmor.returncode != 0 and "excessive-permissions" in zizmor.stdout


def test_the_workflow_uses_the_official_actions_pinned_with_least_permissions_and_make_build():
    workflow = yaml.safe_load(WORKFLOW.read_text())
    assert workflow["permissions"] == {}
    assert workflow["concurrency"] == {"group": "pages", "cancel-in-progress": False}
    steps = [s for job in workflow["jobs"].values() for s in job["steps"]]
    uses = {s["uses"].split("@")[0]: s["uses"].split("@")[1] for s in steps if "uses" in s}
    assert {"actions/configure-pages", "actions/upload-pages-artifact", "actions/deploy-pages"} <= uses.keys()
    assert all(len(ref) == 40 and int(ref, 16) >= 0 for ref in uses.values()), "actions are pinned to commits"
    build = next(s for s in steps if s.get("run") == "make build")
    assert build["env"]["SEEDWIKI_SITE_URL"] == "${{ steps.pages.outputs.base_url }}/"
    assert workflow["jobs"]["deploy"]["permissions"] == {"pages": "write", "id-token": "write"}


def test_a_404_page_and_a_cname_are_published(tmp_path):
    root = make_project(tmp_path / "p", {"a.txt": b"Alpha\n"})
    (root / "docs" / "CNAME").write_text("wiki.example.org\n")
    assert mkdocs_build(root).returncode == 0
    assert (root / "site" / "CNAME").read_text() == "wiki.example.org\n"
    assert "404" in (root / "site" / "404.html").read_text()


def test_the_published_address_comes_from_the_environment(tmp_path):
    root = make_project(tmp_path / "p", {"a.txt": b"Alpha\nOne.\n"})
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1", "SEEDWIKI_SITE_URL": "https://example.org/wiki/"}
    result = subprocess.run([sys.executable, "-m", "mkdocs", "build", "--strict"], cwd=root, env=env, capture_output=True, text=True)
    assert result.returncode == 0, result.stderr
    assert '<link rel="canonical" href="https://example.org/wiki/seeds/a/">' in (root / "site" / "seeds" / "a" / "index.html").read_text()
    assert "https://example.org/wiki/seeds/a/#p2" in (root / "site" / "links.json").read_text()


@pytest.mark.site
def test_make_offline_packs_a_site_that_opens_from_disk(tmp_path):
    root = make_project(tmp_path / "p", SEED_FILES)
    for name in ("Makefile", "pyproject.toml", "constraints.txt"):  # copied with their times: the venv is up to date
        shutil.copy2(ROOT / name, root / name)
    (root / "src").symlink_to(ROOT / "src")
    venv = Path(sys.prefix)
    # -o: the test uses the running venv as it is, never (re)installs it
    result = subprocess.run(["make", "-o", f"{venv}/.installed", "offline", f"VENV={venv}"], cwd=root, capture_output=True, text=True)
    assert result.returncode == 0, result.stdout + result.stderr
    with zipfile.ZipFile(root / "dist" / "seedwiki-offline.zip") as archive:
        names = set(archive.namelist())
        seed_page = archive.read("site-offline/seeds/000_dfaa4f2b2677d4d0/index.html").decode()
    assert {"site-offline/index.html", "site-offline/search/search_index.js", "site-offline/catalogue/index.html"} <= names
    assert 'href="../../catalogue/index.html"' in seed_page  # links name files, as file:// needs
    assert 'id="q8"' in seed_page and 'id="p18"' in seed_page  # the same anchors as the served site
    assert "unpkg.com" not in seed_page and "iframe-worker/shim.js" in seed_page


def test_zensical_builds_every_seed_page_from_the_same_docs(tmp_path):
    root = make_project(tmp_path / "p", SEED_FILES)
    assert subprocess.run([sys.executable, "-m", "seedwiki.cli", "--root", str(root), "build"], capture_output=True).returncode == 0
    result = subprocess.run([_tool("zensical"), "build", "--clean", "-f", "zensical.yml"], cwd=root, capture_output=True, text=True)
    assert result.returncode == 0, result.stdout + result.stderr
    for seed in SEED_FILES:
        if seed.endswith(".txt"):
            html = (root / "site-zensical" / "seeds" / seed[:-4] / "index.html").read_text(encoding="utf-8")
            assert 'id="p1"' in html and 'id="p16"' in html
    assert 'id="q8"' in (root / "site-zensical" / "seeds" / "000_dfaa4f2b2677d4d0" / "index.html").read_text(encoding="utf-8")
