"""`seedwiki check` on a long seed, whose page links its source text (`source.txt`) instead of
copying it a second time: the linked copy is what is checked, byte for byte."""

from __future__ import annotations

import pytest

from seedwiki import check as check_module
from seedwiki.build import project_at
from seedwiki.render.seed import SOURCE_INLINE

from .conftest import make_project
from .test_browser_long_seed import transcript

pytestmark = pytest.mark.site  # `seedwiki check` runs mkdocs build


def _row(rows, what: str):
    return next(r for r in rows if r.what == what)


@pytest.fixture
def long_project(tmp_path):
    text = transcript(SOURCE_INLINE + 20_000)
    assert len(text.decode()) > SOURCE_INLINE
    return project_at(make_project(tmp_path / "p", {"long.txt": text}))


def test_a_long_seeds_linked_source_passes_the_check(long_project, tmp_path):
    rows, log = check_module.check(long_project, tmp_path / "out")
    page = (tmp_path / "out" / "seeds" / "long" / "index.html").read_text(encoding="utf-8")
    assert 'href="source.txt"' in page and 'class="sw-source-text"' not in page  # linked, not copied
    assert all(r.ok for r in rows), check_module.table(rows) + log
    assert _row(rows, "source text shown exactly").passed == 1


def test_a_long_seeds_linked_source_that_differs_fails_the_check(long_project, tmp_path, monkeypatch):
    built = check_module.mkdocs_build

    def build_then_alter(project, site_dir):
        result = built(project, site_dir)
        source = site_dir / "seeds" / "long" / "source.txt"
        source.write_bytes(source.read_bytes().replace(b"turn 7)", b"turn 8)", 1))
        return result

    monkeypatch.setattr(check_module, "mkdocs_build", build_then_alter)
    rows, _ = check_module.check(long_project, tmp_path / "out")
    assert not _row(rows, "source text shown exactly").ok and not _row(rows, "raw file published byte for byte").ok
