"""The whole generation as a plain sequence of named steps; the CLI and the MkDocs hook call it."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from .cite import check_lock
from .curate import check_orphans, curate
from .ingest import discover, ingest
from .link import link
from .model import Corpus
from .parse import parse
from .connected import Connections, render_site
from .entities import GLOSSARY_NAME, find_mentions, read_glossary
from .render import seed_nav
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

    @property
    def glossary_path(self) -> Path:
        return self.root / GLOSSARY_NAME

    @property
    def lock_path(self) -> Path:
        return self.root / "permalinks.lock"


@dataclass(frozen=True)
class BuildResult:
    corpus: Corpus
    nav: list  # the seeds' navigation sections, for `with_seed_nav`
    written: WriteResult
    redirects: dict[str, str]  # locked pages of seeds whose slug changed: old page → new page

    @property
    def notices(self) -> list[str]:
        """What a curator should know about a build that succeeded: seeds read in another encoding than UTF-8."""
        return [
            f"{e.document.seed.path}: read as {e.document.seed.encoding} (named on its page)"
            for e in self.corpus.entries
            if not e.document.seed.encoding.startswith("UTF-8")
        ]


def load_corpus(project: Project) -> Corpus:
    """ingest → parse → curate → link: the whole corpus in memory, nothing written."""
    paths = discover(project.seeds_dir)
    check_orphans(project.seeds_dir, paths)
    return link(curate(parse(ingest(path))) for path in paths)


def build(project: Project) -> BuildResult:
    """load → check the permalink lock → render → write. Raises a `SeedwikiError` for bad input, before writing anything."""
    corpus = load_corpus(project)
    redirects = check_lock(project.lock_path, corpus)
    entities = read_glossary(project.glossary_path)
    connections = Connections(entities, find_mentions(corpus, entities))
    written = write(render_site(corpus, connections), project.docs_dir)
    return BuildResult(corpus=corpus, nav=seed_nav(corpus), written=written, redirects=redirects)


def with_seed_nav(nav: list, seed_sections: list) -> list:
    """Return `nav` with its top-level catalogue entry turned into a section: the catalogue, then the seeds."""
    out = []
    for item in nav:
        if isinstance(item, dict) and list(item.values()) == [CATALOGUE_PAGE]:
            item = {next(iter(item)): [CATALOGUE_PAGE, *seed_sections]}
        out.append(item)
    return out
