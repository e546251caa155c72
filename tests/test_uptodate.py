"""Nothing changed, nothing done: `mkdocs build` of an up-to-date site skips MkDocs and Pagefind,
and any change of what the site is made from (or of the site itself) builds it again."""

from __future__ import annotations

import os
import subprocess

import pytest

from seedwiki.build import Project
from seedwiki.plugin import uptodate

from .conftest import MKDOCS, make_project

pytestmark = pytest.mark.slow  # a dozen builds of a small site

UP_TO_DATE = "is up to date"
SEED = b"Talks in the capital\n\nOfficials said the road to Hajin is open on Monday, hours after the talks ended.\n"
GLOSSARY = "entities:\n  - id: hajin\n    name: Hajin\n    kind: place\n    description: A town.\n"


def _build(root, **env) -> str:
    environment = {**os.environ, "NO_MKDOCS_2_WARNING": "1", **env}
    if "SEEDWIKI_SITE_URL" not in env:
        environment.pop("SEEDWIKI_SITE_URL", None)
    result = subprocess.run([*MKDOCS, "build", "--strict", "--site-dir", "site"], cwd=root, env=environment, capture_output=True, text=True)
    assert result.returncode == 0, result.stderr[-3000:]
    return result.stderr


def _skipped(root, **env) -> bool:
    return UP_TO_DATE in _build(root, **env)


def test_an_unchanged_site_is_not_built_again_and_every_change_builds_it(tmp_path):
    root = make_project(tmp_path / "wiki", {"a.txt": SEED, "b.txt": SEED.replace(b"Monday", b"Tuesday")})
    (root / "glossary.yml").write_text(GLOSSARY)
    assert not _skipped(root)
    page = root / "site" / "seeds"
    assert _skipped(root)  # nothing changed
    assert _skipped(root)

    (root / "seeds" / "a.txt").write_bytes(SEED.replace(b"Monday", b"Sunday"))  # a seed
    assert not _skipped(root)
    assert any("Sunday" in p.read_text(encoding="utf-8") for p in page.glob("*/index.html"))
    assert _skipped(root)

    (root / "glossary.yml").write_text(GLOSSARY.replace("A town.", "A town on the river."))  # the glossary
    assert not _skipped(root)
    assert _skipped(root)

    lock = root / "permalinks.lock"  # the lock
    lock.write_text((lock.read_text() if lock.exists() else "") + "# a note\n")
    assert not _skipped(root)
    assert _skipped(root)

    config = root / "mkdocs.yml"  # mkdocs.yml
    config.write_text(config.read_text().replace("site_name:", "site_description: Another description\nsite_name:", 1))
    assert not _skipped(root)
    assert _skipped(root)

    assert not _skipped(root, SEEDWIKI_SITE_URL="https://wiki.example/")  # the configuration from the environment
    assert _skipped(root, SEEDWIKI_SITE_URL="https://wiki.example/")
    assert not _skipped(root)

    page_by_hand = root / "docs" / "how-to-cite.md"  # a hand-written page
    page_by_hand.write_text(page_by_hand.read_text(encoding="utf-8") + "\nA line added by hand.\n", encoding="utf-8")
    assert not _skipped(root)
    assert _skipped(root)

    home = root / "site" / "index.html"  # a file of the site: edited, removed, added
    home.write_text(home.read_text(encoding="utf-8").replace("</body>", "<p>edited</p></body>"), encoding="utf-8")
    assert not _skipped(root)
    assert "<p>edited</p>" not in home.read_text(encoding="utf-8")
    assert _skipped(root)
    home.unlink()
    assert not _skipped(root)
    assert home.is_file()
    (root / "site" / "stray.html").write_text("stray")
    assert not _skipped(root)
    assert not (root / "site" / "stray.html").exists()
    assert _skipped(root)

    (root / "docs" / "catalogue" / "index.md").write_text("edited by hand")  # a generated page edited by hand
    assert not _skipped(root)
    assert _skipped(root)


def test_the_inputs_digest_changes_with_the_package_and_the_libraries(tmp_path, monkeypatch):
    """What the site is made from includes seedwiki's code (through the generation's fingerprint,
    which hashes the package's files) and the versions of the libraries MkDocs builds with."""
    from mkdocs.config import load_config

    from seedwiki import build

    root = make_project(tmp_path / "wiki", {"a.txt": SEED})
    project = Project(root)
    config = load_config(str(root / "mkdocs.yml"))
    site = root / "site"
    fingerprint, _ = build._fingerprint(project)
    before = uptodate.inputs(project, config, fingerprint, site)
    assert uptodate.inputs(project, config, fingerprint, site) == before

    package = tmp_path / "package"  # a copy of the package with one file changed
    package.mkdir()
    for path in build.PACKAGE.glob("*.py"):
        (package / path.name).write_bytes(path.read_bytes())
    monkeypatch.setattr(build, "PACKAGE", package)
    copied, _ = build._fingerprint(project)
    (package / "build.py").write_text((package / "build.py").read_text() + "\n# changed\n")
    changed, _ = build._fingerprint(project)
    assert changed != copied
    assert uptodate.inputs(project, config, changed, site) != uptodate.inputs(project, config, copied, site)

    monkeypatch.setattr(uptodate, "_versions", lambda: "mkdocs-material==99")
    assert uptodate.inputs(project, config, fingerprint, site) != before
