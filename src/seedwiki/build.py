"""The whole generation as a plain sequence of named steps; the CLI and the MkDocs hook call it."""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass
from pathlib import Path

from .cite import links_template
from .lock import check_lock, unlocked
from .curate import check_orphans, curate
from .ingest import discover, ingest
from .link import link
from .model import Corpus
from .parse import parse
from .connected import Connections, render_site
from .entities import GLOSSARY_NAME, Matcher, find_mentions, read_glossary
from .render import seed_nav
from .write import WriteResult, generated_files, read_manifest, write

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

    @property
    def cache_dir(self) -> Path:
        """What the last build knew (to skip an unchanged build) and its links.json; safe to delete."""
        return self.root / ".seedwiki-cache"


@dataclass(frozen=True)
class BuildResult:
    seeds: int
    nav: list  # the seeds' navigation sections, for `with_seed_nav`
    written: WriteResult
    redirects: dict[str, str]  # locked pages of seeds whose slug changed: old page → new page
    notices: list[str]  # what a curator should know about a build that succeeded (encodings read)
    unlocked: int  # pages and anchors not in permalinks.lock yet
    links: Path  # links.json for the site, with SITE_URL_MARK where the site's address goes


def load_corpus(project: Project) -> Corpus:
    """ingest → parse → curate → link: the whole corpus in memory, nothing written."""
    paths = discover(project.seeds_dir)
    check_orphans(project.seeds_dir, paths)
    return link(curate(parse(ingest(path))) for path in paths)


def _fingerprint(project: Project) -> str:
    """Everything a build depends on, cheaply: the generator's code, and the name, size and time of
    every seed, sidecar, the glossary and the lock. Equal fingerprints mean an equal build."""
    digest = hashlib.sha256()
    for path in sorted(Path(__file__).parent.glob("*.py")):
        digest.update(path.read_bytes())
    inputs = sorted(project.seeds_dir.iterdir()) if project.seeds_dir.is_dir() else []
    for path in [*inputs, project.glossary_path, project.lock_path]:
        if path.is_file():
            stat = path.stat()
            digest.update(f"{path.name}\0{stat.st_size}\0{stat.st_mtime_ns}\n".encode())
    return digest.hexdigest()


def _unchanged(project: Project, fingerprint: str) -> BuildResult | None:
    """The previous build's result, when its inputs are unchanged and its pages are all in place."""
    try:
        state = json.loads((project.cache_dir / "state.json").read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None
    files = read_manifest(project.docs_dir)
    if state.get("fingerprint") != fingerprint or generated_files(project.docs_dir) != files:
        return None  # inputs changed, or a generated file went missing or a foreign one appeared
    return BuildResult(state["seeds"], state["nav"], WriteResult(0, len(files), 0), state["redirects"],
                       state["notices"], state["unlocked"], project.cache_dir / "links.json.in")


def build(project: Project) -> BuildResult:
    """load → check the permalink lock → render → write. Raises a `SeedwikiError` for bad input,
    before writing anything. When nothing it depends on changed, it only checks that."""
    fingerprint = _fingerprint(project)
    if (previous := _unchanged(project, fingerprint)) is not None:
        return previous
    corpus = load_corpus(project)
    redirects = check_lock(project.lock_path, corpus)
    entities = read_glossary(project.glossary_path)
    matcher = Matcher(entities)
    connections = Connections(entities, find_mentions(corpus, matcher), matcher)
    written = write(render_site(corpus, connections), project.docs_dir)
    notices = [f"{e.document.seed.path}: read as {e.document.seed.encoding} (named on its page)"
               for e in corpus.entries if not e.document.seed.encoding.startswith("UTF-8")]
    project.cache_dir.mkdir(exist_ok=True)
    links = project.cache_dir / "links.json.in"
    links.write_text(links_template(corpus, redirects), encoding="utf-8")
    result = BuildResult(len(corpus.entries), seed_nav(corpus), written, redirects, notices, unlocked(project.lock_path, corpus), links)
    state = {"fingerprint": fingerprint, "seeds": result.seeds, "nav": result.nav, "redirects": redirects,
             "notices": notices, "unlocked": result.unlocked}
    (project.cache_dir / "state.json").write_text(json.dumps(state, ensure_ascii=False), encoding="utf-8")
    return result


def with_seed_nav(nav: list, seed_sections: list) -> list:
    """Return `nav` with its top-level catalogue entry turned into a section: the catalogue, then the seeds."""
    out = []
    for item in nav:
        if isinstance(item, dict) and list(item.values()) == [CATALOGUE_PAGE]:
            item = {next(iter(item)): [CATALOGUE_PAGE, *seed_sections]}
        out.append(item)
    return out
