"""The Pages workflows' own commands, run here as GitHub's runners run them: each job in a fresh
checkout, its `run:` steps in bash with the step's environment, `${{ … }}` filled in, artifacts
carried from job to job as upload-artifact and download-artifact carry them. actionlint and zizmor
(tests/test_publish.py) read the workflows; this proves their commands build the same site."""

from __future__ import annotations

import filecmp
import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
import yaml

from .conftest import SEEDS

ROOT = Path(__file__).resolve().parent.parent
NEW_PROJECT_PAGES = ROOT / "src" / "seedwiki" / "project" / ".github" / "workflows" / "pages.yml"
SITE_URL = "https://example.org/wiki/"
EXPRESSION = re.compile(r"\$\{\{\s*(.+?)\s*\}\}")


def _fill(text: str, values: dict[str, str]) -> str:
    """`${{ name }}` replaced by its value; an expression the test does not know fails it."""
    def value(match: re.Match[str]) -> str:
        assert match[1] in values, f"the workflow uses ${{{{ {match[1]} }}}}, which this test does not know"
        return values[match[1]]
    return EXPRESSION.sub(value, text)


def _run_steps(job: dict, checkout: Path, values: dict[str, str], extra: dict[str, str] | None = None) -> list[subprocess.CompletedProcess[str]]:
    """Each `run:` step of the job in bash -e, as a runner does; installing is left out (the
    running environment has seedwiki), as are `uses:` steps (the test moves the artifacts)."""
    done = []
    path = f"{Path(sys.executable).parent}{os.pathsep}{os.environ['PATH']}"
    for step in job["steps"]:
        if "run" not in step or "pip install" in step["run"]:
            continue
        env = {name: value for name, value in os.environ.items() if not name.startswith("SEEDWIKI_")}
        env.update({"PATH": path, "NO_MKDOCS_2_WARNING": "1", "GITHUB_OUTPUT": f"{checkout}.output", "GITHUB_STEP_SUMMARY": f"{checkout}.summary"})
        env.update(extra or {})
        env.update({name: _fill(str(value), values) for name, value in step.get("env", {}).items()})
        result = subprocess.run(["bash", "-e", "-c", _fill(step["run"], values)], cwd=checkout, env=env, capture_output=True, text=True)
        assert result.returncode == 0, f"{step.get('name')}: {result.stdout[-2000:]}{result.stderr[-3000:]}"
        done.append(result)
    return done


def _checkout(project: Path, where: Path) -> Path:
    """A fresh checkout of the project: its files as committed, nothing generated."""
    shutil.copytree(project, where, ignore=shutil.ignore_patterns("site", "shards", ".seedwiki-cache"))
    return where


def _plan(job: dict, tmp_path: Path, shards: str) -> tuple[int, str]:
    output = tmp_path / f"plan-output-{len(list(tmp_path.glob('plan-output-*')))}"
    output.touch()
    step = job["steps"][0]
    env = {**os.environ, "SHARDS": shards, "GITHUB_OUTPUT": str(output)}
    result = subprocess.run(["bash", "-e", "-c", step["run"]], env=env, capture_output=True, text=True)
    return result.returncode, output.read_text() + result.stdout


@pytest.mark.parametrize("workflow", [NEW_PROJECT_PAGES, ROOT / ".github" / "workflows" / "pages.yml"], ids=["new-project", "this-project"])
def test_the_plan_builds_once_unless_a_number_of_shards_from_2_to_256_is_set(tmp_path, workflow):
    plan = yaml.safe_load(workflow.read_text(encoding="utf-8"))["jobs"]["plan"]
    assert _plan(plan, tmp_path, "") == (0, "shards=[]\n")
    assert _plan(plan, tmp_path, "3") == (0, "shards=[0,1,2]\n")
    assert _plan(plan, tmp_path, "256")[1].startswith("shards=[0,1,2,")
    for wrong in ("1", "0", "257", "four", "2; rm -rf /", "-3"):
        code, said = _plan(plan, tmp_path, wrong)
        assert code == 1 and f"SEEDWIKI_SHARDS is '{wrong}'" in said and "shards=" not in said, (wrong, said)


def _one_job_and_shards(project: Path, workflow: dict, shards: int, extra: dict[str, str] | None = None) -> tuple[Path, Path]:
    """The workflow's one-job build and, with SEEDWIKI_SHARDS set, its shard jobs (each its own
    checkout) and merge job (the last step, `seedwiki check --built`, must find every seed
    page): the site of each, which must be the same but for the search bundles."""
    jobs = workflow["jobs"]
    values = {"steps.pages.outputs.base_url": SITE_URL.rstrip("/"), "vars.SEEDWIKI_SHARDS": str(shards)}
    whole = _checkout(project, project.parent / "build-job")
    _run_steps(jobs["build"], whole, values, extra)
    merge = _checkout(project, project.parent / "merge-job")
    upload = next(s for s in jobs["shard"]["steps"] if s.get("uses", "").startswith("actions/upload-artifact@"))["with"]
    assert upload["include-hidden-files"] is True  # the shard's marker
    for k in range(shards):
        shard = _checkout(project, project.parent / f"shard-job-{k}")
        _run_steps(jobs["shard"], shard, {**values, "matrix.shard": str(k)}, extra)
        # download-artifact with a pattern puts each artifact in a folder named after it
        shutil.copytree(shard / _fill(upload["path"], {"matrix.shard": str(k)}), merge / "shards" / _fill(upload["name"], {"matrix.shard": str(k)}))
    checked = _run_steps(jobs["merge"], merge, values, extra)[-1]
    assert re.search(r"^seed pages built +2/2$", checked.stdout, re.M), checked.stdout

    def files(site: Path) -> set[str]:
        return {p.relative_to(site).as_posix() for p in site.rglob("*") if p.is_file() and not p.relative_to(site).as_posix().startswith("pagefind/")}
    assert files(whole / "site") == files(merge / "site")
    _, different, errors = filecmp.cmpfiles(whole / "site", merge / "site", sorted(files(whole / "site")), shallow=False)
    assert (different, errors) == ([], [])
    assert SITE_URL in (merge / "site" / "seeds" / "000_dfaa4f2b2677d4d0" / "index.html").read_text(encoding="utf-8")
    bundles = (merge / "site" / "pagefind" / "seedwiki-bundles.json").read_text(encoding="utf-8")
    assert all(f'"shard-{k}/"' in bundles for k in range(1, shards)), bundles
    return whole, merge


@pytest.mark.site
def test_a_new_projects_workflow_builds_in_shards_the_site_it_builds_in_one_job(tmp_path):
    """`seedwiki new`'s workflow (pip, `mkdocs build`, `seedwiki merge-shards`)."""
    project = tmp_path / "wiki"
    made = subprocess.run([sys.executable, "-m", "seedwiki", "new", str(project)], capture_output=True, text=True)
    assert made.returncode == 0, made.stderr
    for path in SEEDS:
        (project / "seeds" / path.name).write_bytes(path.read_bytes())
    workflow = yaml.safe_load((project / ".github" / "workflows" / "pages.yml").read_text(encoding="utf-8"))
    assert workflow == yaml.safe_load(NEW_PROJECT_PAGES.read_text(encoding="utf-8"))
    _one_job_and_shards(project, workflow, 2)


@pytest.mark.site
def test_this_projects_workflow_builds_in_shards_the_site_it_builds_in_one_job(tmp_path):
    """This repository's workflow (`make build`; `make shard`, `make merge-shards`), on its own
    seeds, with the running environment as the checkout's .venv (make -o: never installed again)."""
    project = tmp_path / "repository"
    project.mkdir()
    tracked = subprocess.run(["git", "ls-files", "-z", "docs", "seeds", "mkdocs.yml", "glossary.yml", "permalinks.lock",
                              "Makefile", "pyproject.toml", "constraints.txt"], cwd=ROOT, capture_output=True, text=True, check=True)
    for name in filter(None, tracked.stdout.split("\0")):
        (project / name).parent.mkdir(parents=True, exist_ok=True)
        shutil.copy2(ROOT / name, project / name)
    (project / ".venv").symlink_to(Path(sys.prefix))
    workflow = yaml.safe_load((ROOT / ".github" / "workflows" / "pages.yml").read_text(encoding="utf-8"))
    _one_job_and_shards(project, workflow, 3, {"MAKEFLAGS": f"-o {Path(sys.prefix) / '.installed'}"})
