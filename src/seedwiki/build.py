"""The whole generation as a plain sequence of named steps; the CLI and the MkDocs hook call it."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from .curate import check_orphans, curate
from .ingest import discover, ingest
from .link import link
from .model import Corpus
from .parse import parse
from .render import render, seed_nav
from .write import WriteResult, write

CATALOGUE_PAGE = "catalogue/index.md"


@dataclass(frozen=True)
class Project:
    """Where a seedwiki project keeps its files."""

    root: Path

    @property
    def seeds_dir(self) -> Path:
        return self.root / "seeds"

    @property
    def docs_dir(self) -> Path:
        return self.root / "docs"


@dataclass(frozen=True)
class BuildResult:
    corpus: Corpus
    nav: list  # the seeds' navigation sections, for `with_seed_nav`
    written: WriteResult


def build(project: Project) -> BuildResult:
    """ingest → parse → curate → link → render → write. Raises a `SeedwikiError` for bad input, before writing anything."""
    paths = discover(project.seeds_dir)
    check_orphans(project.seeds_dir, paths)
    documents = [curate(parse(ingest(path))) for path in paths]
    corpus = link(documents)
    written = write(render(corpus), project.docs_dir)
    return BuildResult(corpus=corpus, nav=seed_nav(corpus), written=written)


def with_seed_nav(nav: list, seed_sections: list) -> list:
    """Return `nav` with its top-level catalogue entry turned into a section: the catalogue, then the seeds."""
    out = []
    for item in nav:
        if isinstance(item, dict) and list(item.values()) == [CATALOGUE_PAGE]:
            item = {next(iter(item)): [CATALOGUE_PAGE, *seed_sections]}
        out.append(item)
    return out
