"""Any number of seeds in one group builds: the catalogue is paginated at every depth, and every
link the generator writes resolves. 1,000 seeds in one month through the generator; a month of
more than one catalogue page through MkDocs (the same code path)."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from seedwiki.build import Project, build
from seedwiki.render import CATALOGUE_SINGLE_PAGE_MAX

from .conftest import build_site

pytestmark = pytest.mark.site  # thousands of seeds through the generator, and through MkDocs


def _dated_seeds(count: int) -> dict[str, bytes]:
    return {f"s{n:04}.txt": f"Seed {n}\n2022-01-12T10:00:00+00:00\nText {n}.\n".encode() for n in range(count)}


def _links(docs: Path, page: Path) -> list[Path]:
    text = page.read_text(encoding="utf-8").split("\n---\n", 1)[1]
    return [(page.parent / href.split("#")[0]).resolve() for href in re.findall(r'href="([^"#][^"]*)"', text)]


def test_a_thousand_seeds_in_one_month_are_paged_and_every_generated_link_resolves(tmp_path):
    (tmp_path / "seeds").mkdir()
    for name, data in _dated_seeds(1000).items():
        (tmp_path / "seeds" / name).write_bytes(data)
    result = build(Project(tmp_path))
    docs = tmp_path / "docs"
    month = docs / "catalogue" / "2022" / "01-january"
    pages = [month / "index.md", *(month / f"page-{n}" / "index.md" for n in range(2, 6))]
    assert all(page.is_file() for page in pages) and not (month / "page-6").exists()
    rows = sum(page.read_text(encoding="utf-8").count("<tr><td>") for page in pages)
    assert rows == 1000 and CATALOGUE_SINGLE_PAGE_MAX == 200
    assert result.nav == [{"2022": [{"January 2022": ["catalogue/2022/01-january/index.md"]}]}]  # the group page, not 1,000 seeds
    for page in [*docs.joinpath("catalogue").rglob("index.md"), docs / "seeds" / "s0999" / "index.md", docs / "entities" / "index.md", docs / "timeline" / "index.md"]:
        for target in _links(docs, page):
            html = target.with_suffix(".md") if target.name == "index.html" else target
            assert html.is_file() or target.is_relative_to(docs / "tags"), (page, target)


def test_a_month_of_several_catalogue_pages_builds_strictly_through_mkdocs(tmp_path):
    count = CATALOGUE_SINGLE_PAGE_MAX + 5
    site = build_site(tmp_path, _dated_seeds(count))
    month = site.site_dir / "catalogue" / "2022" / "01-january"
    assert (month / "index.html").is_file() and (month / "page-2" / "index.html").is_file()
    second = (month / "page-2" / "index.html").read_text(encoding="utf-8")
    assert second.count("<tr><td>") == 5 and 'href="../../../../catalogue/2022/01-january/index.html"' in second
    seed = (site.site_dir / "seeds" / "s0000" / "index.html").read_text(encoding="utf-8")
    assert 'href="../../catalogue/2022/01-january/index.html"' in seed  # the seed's breadcrumb
