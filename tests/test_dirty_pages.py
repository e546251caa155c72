"""`mkdocs build --dirty` and `mkdocs serve --dirty` (what `make serve` runs) build again only the
pages whose file changed; a page so built is the page a clean build makes of the same files."""

from __future__ import annotations

import os
import subprocess

from .conftest import MKDOCS, make_project

SEEDS = {
    "a.txt": b"Talks in the capital\n\nOfficials said the road to Hajin is open on Monday, hours after the talks ended.\n",
    "b.txt": b"A second report\n\nThe council met in Raqqa on Tuesday and agreed on the repairs.\n",
}


def _build(root, *options: str) -> None:
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}
    env.pop("SEEDWIKI_SITE_URL", None)
    result = subprocess.run([*MKDOCS, "build", "--strict", *options], cwd=root, env=env, capture_output=True, text=True)
    assert result.returncode == 0, result.stderr[-3000:]


def test_a_page_built_again_by_a_dirty_build_is_the_page_a_clean_build_makes(tmp_path):
    """The navigation names the generated pages it lists (Entities, Quotes, Timeline, the seeds
    beside this one) by their titles, also those a dirty build does not read again."""
    root = make_project(tmp_path / "wiki", SEEDS)
    _build(root, "--site-dir", "site")
    (root / "seeds" / "a.txt").write_bytes(SEEDS["a.txt"].replace(b"Monday", b"Sunday"))
    _build(root, "--dirty", "--site-dir", "site")
    _build(root, "--site-dir", "clean")
    for page in ("seeds/a/index.html", "404.html"):
        dirty, clean = (root / "site" / page).read_text(encoding="utf-8"), (root / "clean" / page).read_text(encoding="utf-8")
        assert "Sunday" in (root / "site" / "seeds" / "a" / "index.html").read_text(encoding="utf-8")
        assert dirty == clean, page
