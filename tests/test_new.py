"""seedwiki for anyone's folder: `seedwiki new`, `python -m seedwiki`, `--version`, `clean`, pipes."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from seedwiki import __version__
from seedwiki.write import GENERATED_ROOTS

from .conftest import ROOT, SEED_FILES, SEEDS
from .test_cli import _seedwiki


def _run(*args, cwd, env=None):
    return subprocess.run([sys.executable, "-m", *args], cwd=cwd, capture_output=True, text=True, env=env)


@pytest.fixture(scope="module")
def new_site(tmp_path_factory):
    """A project made by `seedwiki new`, with the two real seeds, built with `mkdocs build --strict`."""
    root = tmp_path_factory.mktemp("new") / "wiki"
    made = _run("seedwiki", "new", str(root), cwd=root.parent)
    assert made.returncode == 0, made.stderr
    for path in SEEDS:
        (root / "seeds" / path.name).write_bytes(path.read_bytes())
    built = _run("mkdocs", "build", "--strict", cwd=root)
    assert built.returncode == 0, built.stderr
    return root


def test_a_new_project_builds_strictly_and_passes_check(new_site):
    checked = _seedwiki(new_site, "check")
    assert checked.returncode == 0, checked.stdout + checked.stderr
    assert "seed pages built                                                  2/2" in checked.stdout
    page = (new_site / "site" / "seeds" / "000_dfaa4f2b2677d4d0" / "index.html").read_text()
    assert 'id="q8"' in page and "seedwiki/js/shared.js" in page and 'name="citation_title"' in page
    assert (new_site / "site" / "pagefind" / "pagefind.js").is_file() and (new_site / "site" / "links.json").is_file()


def test_a_new_project_has_what_it_needs_to_publish(new_site):
    for name in ("mkdocs.yml", "README.md", "glossary.yml", "permalinks.lock", "seeds/README.md", ".github/workflows/pages.yml", ".github/dependabot.yml",
                 "docs/index.md", "docs/search.md", "docs/tags.md", "docs/how-to-cite.md"):
        assert (new_site / name).is_file(), name
    assert (new_site / "requirements.txt").read_text().endswith(f"seedwiki=={__version__}\n")
    ignored = (new_site / ".gitignore").read_text().splitlines()
    assert all(f"/docs/{root}/" in ignored for root in GENERATED_ROOTS) and "/site/" in ignored
    assert "mkdocs build --strict" in (new_site / ".github" / "workflows" / "pages.yml").read_text()


def test_this_projects_gitignore_lists_every_generated_folder():
    ignored = (ROOT / ".gitignore").read_text().splitlines()
    assert all(f"/docs/{root}/" in ignored for root in GENERATED_ROOTS)


@pytest.mark.slow
def test_new_refuses_a_folder_that_is_not_empty(tmp_path):
    (tmp_path / "x.txt").write_text("mine")
    result = _run("seedwiki", "new", str(tmp_path), cwd=tmp_path)
    assert result.returncode == 1 and result.stderr == f"{tmp_path}: exists and is not an empty folder; give a new folder's name, e.g. `seedwiki new my-wiki`\n"
    assert [p.name for p in tmp_path.iterdir()] == ["x.txt"]


@pytest.mark.parametrize(("link", "target", "folder"), [("wiki", "missing", "wiki"), ("wiki", "missing", "wiki/sub"), ("wiki", "other", "wiki")])
@pytest.mark.slow
def test_new_onto_a_link_that_leads_nowhere_names_the_link(tmp_path, link, target, folder):
    (tmp_path / link).symlink_to(target)
    if target == "other":
        (tmp_path / target).symlink_to("missing")  # a chain of links that ends nowhere
    result = _run("seedwiki", "new", folder, cwd=tmp_path)
    assert (result.returncode, result.stdout) == (1, "")
    assert result.stderr == f"{link}: is a symbolic link that leads nowhere (to {target}); remove the link or make the folder it points to, or give a new folder's name, e.g. `seedwiki new my-wiki`\n"
    assert not (tmp_path / "missing").exists()


def test_python_m_seedwiki_and_version():
    result = _run("seedwiki", "--version", cwd=ROOT)
    assert (result.returncode, result.stdout) == (0, f"seedwiki {__version__}\n")


@pytest.mark.slow
def test_a_command_piped_into_head_ends_without_a_traceback():
    result = subprocess.run(f"{sys.executable} -m seedwiki inspect seeds/000_dfaa4f2b2677d4d0.txt | head -n 2",
                            shell=True, cwd=ROOT, capture_output=True, text=True)
    assert result.stdout.splitlines()[0] == "{" and result.stderr == ""


def test_clean_then_build_regenerates_everything(tmp_path):
    root = tmp_path / "p"
    assert _run("seedwiki", "new", str(root), cwd=tmp_path).returncode == 0
    (root / "seeds" / "a.txt").write_bytes(SEED_FILES["001_daa0dd757af5786e.txt"])
    first = _seedwiki(root, "build")
    assert first.returncode == 0, first.stderr
    generated = sorted(p.relative_to(root).as_posix() for p in (root / "docs").rglob("*") if p.is_file())
    cleaned = _seedwiki(root, "clean")
    assert cleaned.returncode == 0, cleaned.stderr
    assert sorted(p.name for p in (root / "docs").iterdir()) == ["how-to-cite.md", "index.md", "search.md", "tags.md"]
    again = _seedwiki(root, "build")
    assert again.returncode == 0, again.stderr
    assert sorted(p.relative_to(root).as_posix() for p in (root / "docs").rglob("*") if p.is_file()) == generated


def test_the_cli_reads_the_plugins_paths_from_mkdocs_yml(tmp_path):
    root = tmp_path / "p"
    assert _run("seedwiki", "new", str(root), cwd=tmp_path).returncode == 0
    (root / "sources").mkdir()
    (root / "sources" / "a.txt").write_text("A title\n\nSome text.\n")
    config = root / "mkdocs.yml"
    config.write_text(config.read_text().replace("  - seedwiki ", "  - seedwiki:\n      seeds: sources\n "))
    result = _seedwiki(root, "build")
    assert result.returncode == 0, result.stderr
    assert (root / "docs" / "seeds" / "a" / "index.md").is_file()


def test_a_build_reports_its_stages_on_a_terminal_and_nothing_in_a_pipe(tmp_path):
    root = tmp_path / "p"
    assert _run("seedwiki", "new", str(root), cwd=tmp_path).returncode == 0
    (root / "seeds" / "a.txt").write_bytes(SEED_FILES["001_daa0dd757af5786e.txt"])
    quiet = _seedwiki(root, "build")
    assert quiet.returncode == 0 and "read 1 seeds" not in quiet.stderr
    (root / "seeds" / "b.txt").write_text("Another title\n\nMore text.\n")
    shown = subprocess.run([sys.executable, "-m", "seedwiki", "--root", str(root), "build"], capture_output=True, text=True,
                           env={**__import__("os").environ, "SEEDWIKI_PROGRESS": "1"})
    lines = shown.stderr.splitlines()
    assert [line.split(" (")[0] for line in lines if line.startswith("seedwiki: read") or "wrote the pages" in line][:1] == ["seedwiki: read 2 seeds"]
    assert all(line.endswith(" s)") for line in lines if "wrote the pages" in line or line.startswith("seedwiki: read 2"))


@pytest.mark.slow
def test_new_with_a_wheel_copies_it_and_its_requirements_install_from_it(tmp_path):
    wheel = tmp_path / "dist" / "seedwiki-9.8.7-py3-none-any.whl"
    wheel.parent.mkdir()
    wheel.write_bytes(b"a wheel's bytes")
    result = _run("seedwiki", "new", "wiki", "--wheel", str(wheel), cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    assert (tmp_path / "wiki" / "wheels" / wheel.name).read_bytes() == b"a wheel's bytes"
    requirements = (tmp_path / "wiki" / "requirements.txt").read_text().splitlines()
    assert [line for line in requirements if not line.startswith("#")] == ["--find-links wheels", "seedwiki==9.8.7"]
    assert f"installs seedwiki from wiki/wheels/{wheel.name}" in result.stdout


@pytest.mark.parametrize(("name", "problem"), [("seedwiki-0.1.0.tar.gz", "is not a seedwiki wheel"), ("other-1.0-py3-none-any.whl", "is not a seedwiki wheel"),
                                               ("seedwiki-0.1.0-py3-none-any.whl", "no such file")])
@pytest.mark.slow
def test_new_with_a_file_that_is_not_a_seedwiki_wheel_is_a_one_line_error(tmp_path, name, problem):
    result = _run("seedwiki", "new", "wiki", "--wheel", name, cwd=tmp_path)
    assert (result.returncode, result.stdout, result.stderr.count("\n")) == (1, "", 1)
    assert result.stderr.startswith(f"{name}: {problem}; give the wheel `make wheel` built in dist/")
    assert not (tmp_path / "wiki").exists()


def test_a_new_project_builds_with_zensical_with_seedwikis_style_and_scripts(tmp_path):
    zensical = Path(sys.executable).parent / "zensical"
    if not zensical.exists():
        message = "zensical is missing: `make test` installs it with the test dependencies"
        if os.environ.get("CI"):
            pytest.fail(message)
        pytest.skip(message)
    root = tmp_path / "wiki"
    assert _run("seedwiki", "-q", "new", str(root), cwd=tmp_path).returncode == 0
    (root / "seeds" / "a.txt").write_bytes(SEED_FILES["001_daa0dd757af5786e.txt"])
    assert _seedwiki(root, "build").returncode == 0
    built = subprocess.run([str(zensical), "build", "-f", "zensical.yml"], cwd=root, capture_output=True, text=True)
    assert built.returncode == 0, built.stdout + built.stderr
    page = (root / "site-zensical" / "seeds" / "a" / "index.html").read_text(encoding="utf-8")
    assert 'id="p4"' in page and "seedwiki/seedwiki.css" in page and "seedwiki/js/shared.js" in page
    assert "/site-zensical/" in (root / ".gitignore").read_text().splitlines()
