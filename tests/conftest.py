"""Tiny sites in tmp_path: the project's own mkdocs.yml, hooks and hand-written pages, any seeds."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
MKDOCS = [sys.executable, "-m", "mkdocs"]
SEEDS = sorted((ROOT / "seeds").glob("*.txt"))
SEED_FILES = {p.name: p.read_bytes() for p in sorted((ROOT / "seeds").iterdir()) if p.suffix in (".txt", ".yml")}


@dataclass(frozen=True)
class Site:
    root: Path

    @property
    def site_dir(self) -> Path:
        return self.root / "site"

    @property
    def docs_dir(self) -> Path:
        return self.root / "docs"

    def html(self, url: str) -> str:
        return (self.site_dir / url / "index.html").read_text(encoding="utf-8")


def make_project(root: Path, seeds: dict[str, bytes]) -> Path:
    """A copy of this project's configuration and hand-written pages, with the given seeds."""
    root.mkdir(parents=True, exist_ok=True)
    shutil.copy2(ROOT / "mkdocs.yml", root / "mkdocs.yml")
    (root / "scripts").mkdir(exist_ok=True)
    shutil.copy2(ROOT / "scripts" / "mkdocs_hooks.py", root / "scripts" / "mkdocs_hooks.py")
    shutil.copytree(ROOT / "docs", root / "docs", ignore=shutil.ignore_patterns("seeds", "catalogue", ".seedwiki-*"))
    (root / "seeds").mkdir(exist_ok=True)
    for name, data in seeds.items():
        (root / "seeds" / name).write_bytes(data)
    return root


def mkdocs_build(root: Path) -> subprocess.CompletedProcess:
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}
    env.pop("SEEDWIKI_SITE_URL", None)
    return subprocess.run(
        [*MKDOCS, "build", "--strict", "--site-dir", "site"], cwd=root, env=env, capture_output=True, text=True
    )


def build_site(root: Path, seeds: dict[str, bytes]) -> Site:
    result = mkdocs_build(make_project(root, seeds))
    assert result.returncode == 0, result.stderr
    return Site(root)


@pytest.fixture(scope="session")
def real_site(tmp_path_factory) -> Site:
    """The real seeds/ built once for the session, with the build's output kept for inspection."""
    return build_site(tmp_path_factory.mktemp("real"), SEED_FILES)
