"""A sharded build: the site built as N MkDocs builds, one after another on one machine or as
parallel jobs on N, each writing only its share of the pages, then merged into one site.

- Shard 0, the common shard, writes the hand-written pages (home, help), every asset and
  site-wide file (links.json, the bibliography, redirects, the sitemap, 404.html) and the main
  search bundle (`pagefind/`).
- Shards 1…N-1 write the seeds' folders (`seeds/<slug>/`: the page and its source files), divided
  by the catalogue's pages (`render.catalogue.shard_units`: a page of a catalogue group, at most
  200 seeds), and the generated pages of lists (catalogue, entity, quotes and timeline pages),
  each a unit of its own; balanced by the bytes of their pages in docs/ (`units`); each writes
  its own search bundle (`pagefind/shard-K/`). At 100,000 seeds the lists are 41,744 pages: in
  the common shard alone they made it the slowest by far, so N machines did not divide the time.

Every shard's MkDocs knows every page (the navigation, link validation and the tags index are as
in one build) and renders only its own: it runs as a dirty build (`mkdocs build --dirty`), where
MkDocs renders and writes a page, and copies a file, only when the file says it is modified
(`File.is_modified`); the plugin answers for each file (`plugin.SeedwikiPlugin.on_files`).
`merge_shards` puts the shards' folders together and names the shards' bundles in
`pagefind/seedwiki-bundles.json`, which the search page merges (Pagefind's `mergeIndex`,
assets/js/search.js)."""

from __future__ import annotations

import heapq
import json
import os
import re
import shutil
from collections.abc import Iterable
from dataclasses import dataclass
from html import escape
from pathlib import Path

from .errors import ConfigError

SHARD_ENV = "SEEDWIKI_SHARD"  # "K/N": build shard K of N (0 ≤ K < N, N ≥ 2)
MARKER = ".seedwiki-shard.json"  # in a shard's folder: which shard of how many it holds
BUNDLES = "seedwiki-bundles.json"  # in pagefind/: the shards' bundles the search page merges
VOCABULARY = "vocabulary.txt"  # in the cache folder: every word of the site's text (`vocabulary`)
VOCABULARY_PAGE = "seedwiki-vocabulary/index.html"  # what each shard's bundle also indexes (`vocabulary_page`)
_SHARD = re.compile(r"\s*(\d{1,4})\s*/\s*(\d{1,4})\s*")


@dataclass(frozen=True)
class Shard:
    index: int
    count: int

    @property
    def common(self) -> bool:
        return self.index == 0

    @property
    def bundle(self) -> str:
        """Where, below the site, this shard's search bundle goes."""
        return "pagefind" if self.common else f"pagefind/shard-{self.index}"

    def __str__(self) -> str:
        return f"{self.index}/{self.count}"


def parse_shard(text: str) -> Shard:
    """`K/N` (SEEDWIKI_SHARD) as a Shard; anything else a one-line error."""
    match = _SHARD.fullmatch(text)
    if match is None or int(match[2]) < 2 or int(match[1]) >= int(match[2]):
        raise ConfigError(SHARD_ENV, f"{text!r} is not a shard", "give K/N, shard K of N, with N at least 2 and K from 0 to N-1 "
                          "(0 is the common shard: the hand-written pages, the assets and the site-wide files)")
    return Shard(int(match[1]), int(match[2]))


LIST_ROOTS = ("catalogue", "entities", "quotes", "timeline")  # generated pages of lists: each a unit


def units(seed_units: list, pages: dict[str, int]) -> list[tuple[str, int, list[str]]]:
    """What `assign` divides: the catalogue's pages of seeds (label, folders), and each generated
    page of a list, each weighed by the bytes of its pages in docs/ (`pages`: a page's src_uri →
    bytes; the same on every machine, since the generation is). A seed folder's pages are its
    page and the pages of its parts; a list page's unit is its own src_uri."""
    folder_bytes: dict[str, int] = {}
    listed = []
    for src_uri, size in pages.items():
        parts = src_uri.split("/", 2)
        if len(parts) == 3 and parts[0] == "seeds":
            folder = f"seeds/{parts[1]}/"
            folder_bytes[folder] = folder_bytes.get(folder, 0) + size
        elif parts[0] in LIST_ROOTS:
            listed.append((src_uri, size, [src_uri]))
    return [(label, sum(folder_bytes.get(f, 0) for f in folders), folders) for label, folders in seed_units] + listed


def assign(units: list, count: int) -> dict[str, int]:
    """Each unit's folders' (or list page's) shard (1…count-1): the units (label, bytes, folders)
    largest first, each to the shard with the fewest bytes so far (the lowest-numbered of equals).
    The same units give the same shards on every machine."""
    loads = [(0, shard) for shard in range(1, count)]
    owners: dict[str, int] = {}
    for _label, size, folders in sorted(units, key=lambda unit: (-unit[1], unit[0])):
        load, shard = heapq.heappop(loads)
        for folder in folders:
            owners[folder] = shard
        heapq.heappush(loads, (load + size, shard))
    return owners


def owner(src_uri: str, owners: dict[str, int]) -> int:
    """The shard that writes the file `src_uri` (a path below docs/, or a theme's file): its seed
    folder's, a list page's own, else the common shard."""
    parts = src_uri.split("/", 2)
    if len(parts) == 3 and parts[0] == "seeds":
        return owners.get(f"seeds/{parts[1]}/", 0)
    return owners.get(src_uri, 0)


def vocabulary(texts: Iterable[str]) -> list[str]:
    """Every word (as spaces separate them) of `texts`, once, sorted.

    Why a shard's search bundle needs them: when a word is in no page of a Pagefind index, Pagefind
    searches for the longest prefix of it that is (so that "installa", half typed, finds
    "install"), and each merged bundle does so on its own. A bundle without the word would then add
    pages that only share its first letters ("talks" found Tal-Tamr on a catalogue page of the
    common shard, whose pages hold no "talks"), where the whole site's one bundle, which has the
    word, finds only the pages that hold it. So each shard's bundle also indexes a page of every
    word of the site (`vocabulary_page`), which the search page never shows: a word is then in every
    bundle or in none, and the merged search finds the pages the unsharded one finds."""
    words: set[str] = set()
    for text in texts:
        words.update(text.split())
    return sorted(words)


def vocabulary_page(words: list[str], language: str | None) -> str:
    """The page of every word that each shard's bundle indexes besides its pages (`vocabulary`)."""
    return (f'<!DOCTYPE html>\n<html lang="{escape(language or "en")}"><head><meta charset="utf-8"><title>vocabulary</title></head>'
            f'<body><article><div data-pagefind-body data-pagefind-weight="0.1">{escape(" ".join(words), quote=False)}</div></article></body></html>\n')


def write_marker(site: Path, shard: Shard) -> None:
    (site / MARKER).write_text(json.dumps({"shard": shard.index, "count": shard.count}) + "\n", encoding="utf-8")


def _marker(folder: Path) -> Shard:
    try:
        data = json.loads((folder / MARKER).read_text(encoding="utf-8"))
        return Shard(int(data["shard"]), int(data["count"]))
    except (OSError, ValueError, KeyError, TypeError):
        raise ConfigError(folder, f"not a shard's site (no readable {MARKER})",
                          f"give the folders that `{SHARD_ENV}=K/N mkdocs build --dirty --site-dir FOLDER` wrote, one per shard") from None


def write_bundles(bundle: Path, bundles: list[str]) -> None:
    """seedwiki-bundles.json in the main bundle (a site's pagefind/): the bundles (relative to it) the
    search page merges with it (assets/js/search.js); none but in a merged sharded site."""
    (bundle / BUNDLES).write_text(json.dumps({"merge": bundles}) + "\n", encoding="utf-8")


@dataclass(frozen=True)
class Merged:
    shards: int
    files: int


def merge_shards(folders: list[Path], site: Path) -> Merged:
    """Move the files of every shard's folder (one each of 0…N-1) into one new site folder, which
    then replaces `site`; the shards' folders are emptied. Two shards that wrote the same file, or
    a shard missing or given twice, is an error before anything moves."""
    from .write import recover_folder, staging_folder, swap_in_folder

    shards = [(folder, _marker(folder)) for folder in folders]
    counts = {shard.count for _, shard in shards}
    indexes = sorted(shard.index for _, shard in shards)
    if len(counts) != 1 or indexes != list(range(next(iter(counts)))):
        described = ", ".join(f"{folder} ({shard})" for folder, shard in shards)
        raise ConfigError(site, f"the shards given are not one each of one build: {described or 'none'}",
                          "give the folder of every shard K/N of the same N, each once")
    count = counts.pop()
    owned: dict[str, Path] = {}
    for folder in folders:
        for current, _dirs, names in os.walk(folder):
            for name in names:
                rel = (Path(current) / name).relative_to(folder).as_posix()
                if rel == MARKER:
                    continue
                if rel in owned:
                    raise ConfigError(folder, f"{rel} was written by this shard and by {owned[rel]}",
                                      "build each shard with the same seeds, configuration and seedwiki, then merge again")
                owned[rel] = folder
    if f"pagefind/{BUNDLES}" not in owned:
        raise ConfigError(next(f for f, s in shards if s.common), "the common shard has no search bundle (pagefind/)",
                          "shards need `search: pagefind`; build the common shard again")
    recover_folder(site)
    new = staging_folder(site)
    shutil.rmtree(new, ignore_errors=True)
    for rel, folder in owned.items():
        target = new / rel
        target.parent.mkdir(parents=True, exist_ok=True)
        shutil.move(folder / rel, target)
    write_bundles(new / "pagefind", [f"shard-{index}/" for index in range(1, count)])
    swap_in_folder(new, site)
    for folder in folders:
        shutil.rmtree(folder, ignore_errors=True)
    return Merged(count, len(owned))
