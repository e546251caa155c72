"""The permalink lock: `permalinks.lock` (tracked) lists every published page with its seed's
sha256 and anchors; it only grows. A build refuses to drop a locked anchor, and a locked page whose
seed now has another slug becomes a redirect to the new page.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

from .cite import entry_targets
from .errors import SeedwikiError
from .model import Corpus, SeedEntry

LOCK_HEADER = """\
# permalinks.lock: every published seed page, its seed's sha256 and its anchors.
# `seedwiki lock` (or `make lock`) adds new pages and anchors; nothing is ever removed.
# A build fails if a line here no longer resolves; a page whose seed got a new slug redirects.
"""


class LockError(SeedwikiError):
    """The permalink lock is malformed, or the seeds no longer provide a locked page or anchor."""


# --- the lock ------------------------------------------------------------------------------------

_LOCK_LINE = re.compile(r"^(seeds/[^/\s]+/) sha256:([0-9a-f]{64})((?: [pq][1-9][0-9]*)*)$")


@dataclass
class LockEntry:
    page: str
    sha256: str
    anchors: list[str]
    line: int


def _anchor_key(anchor: str) -> tuple[str, int]:
    return anchor[0], int(anchor[1:])


def read_lock(path: Path) -> list[LockEntry]:
    """The lock's entries; a missing lock is empty. A malformed line is an error naming it."""
    if not path.is_file():
        return []
    entries: list[LockEntry] = []
    seen: dict[str, int] = {}
    for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
        if not line.strip() or line.startswith("#"):
            continue
        match = _LOCK_LINE.match(line)
        if match is None:
            raise LockError(path, "this line is not `seeds/<slug>/ sha256:<64 hex> p1 p2 … q1 …`", "restore it from version control (git checkout permalinks.lock), then run `seedwiki lock`", line=number)
        if match[1] in seen:
            raise LockError(path, f"{match[1]} is locked twice (also line {seen[match[1]]})", "merge the two lines into one, keeping every anchor", line=number)
        seen[match[1]] = number
        entries.append(LockEntry(match[1], match[2], match[3].split(), number))
    return entries


def check_lock(path: Path, corpus: Corpus, entries: list[LockEntry] | None = None) -> dict[str, str]:
    """Verify that every locked page and anchor (`entries`, else the lock at `path`) still resolves;
    return the redirects this needs (old page → new page, for seeds whose slug changed)."""
    pages = {entry.url: entry for entry in corpus.entries}
    by_sha: dict[str, list[SeedEntry]] = {}
    for entry in corpus.entries:
        by_sha.setdefault(entry.document.seed.sha256, []).append(entry)
    redirects: dict[str, str] = {}
    for locked in read_lock(path) if entries is None else entries:
        entry = pages.get(locked.page)
        if entry is not None and entry.document.seed.sha256 != locked.sha256:
            raise LockError(
                path,
                f"{locked.page} was published for the seed with sha256 {locked.sha256[:12]}…, but now shows {entry.document.seed.name} (sha256 {entry.document.seed.sha256[:12]}…)",
                "give that seed another `slug:` in its sidecar, so the published page keeps its text",
                line=locked.line,
            )
        if entry is None:
            moved = by_sha.get(locked.sha256, [])
            if len(moved) != 1:
                what = "no seed has" if not moved else f"{len(moved)} seeds have"
                raise LockError(
                    path,
                    f"{locked.page} is published, but {what} its sha256 {locked.sha256[:12]}…",
                    "restore the seed file that had this page (seeds are never edited or removed)" if not moved else "remove the duplicate seed",
                    line=locked.line,
                )
            entry = moved[0]
            redirects[locked.page] = entry.url
        anchors = {t.anchor for t in entry_targets(entry)}
        missing = [a for a in locked.anchors if a not in anchors]
        if missing:
            raise LockError(
                path,
                f"{entry.url} no longer has the locked anchor(s) {', '.join('#' + a for a in missing[:5])}",
                "paragraph numbering changed: restore the seed or the parser rule that made these anchors",
                line=locked.line,
            )
    return redirects


def _lock_line(page: str, sha256: str, anchors: list[str]) -> str:
    return f"{page} sha256:{sha256}" + "".join(f" {a}" for a in sorted(anchors, key=_anchor_key))


def update_lock(path: Path, corpus: Corpus) -> tuple[int, int]:
    """Add every current page and anchor to the lock, removing nothing; return (pages added, anchors added)."""
    entries = read_lock(path)
    check_lock(path, corpus, entries)
    locked = {e.page: e for e in entries}
    new_pages = new_anchors = 0
    for entry in corpus.entries:
        anchors = [t.anchor for t in entry_targets(entry) if t.anchor]
        if entry.url in locked:
            known = set(locked[entry.url].anchors)
            added = [a for a in anchors if a not in known]
            locked[entry.url].anchors += added
            new_anchors += len(added)
        else:
            locked[entry.url] = LockEntry(entry.url, entry.document.seed.sha256, anchors, 0)
            new_pages += 1
            new_anchors += len(anchors)
    lines = [_lock_line(e.page, e.sha256, e.anchors) for e in sorted(locked.values(), key=lambda e: e.page)]
    text = LOCK_HEADER + "".join(line + "\n" for line in lines)
    tmp = path.with_name(path.name + ".tmp")
    tmp.write_text(text, encoding="utf-8")
    tmp.replace(path)
    return new_pages, new_anchors


def unlocked(path: Path, corpus: Corpus) -> int:
    """How many current pages and anchors the lock does not list yet."""
    locked = {e.page: set(e.anchors) for e in read_lock(path)}
    count = 0
    for entry in corpus.entries:
        known = locked.get(entry.url)
        targets = [t.anchor for t in entry_targets(entry)]
        count += len(targets) if known is None else sum(1 for a in targets if a and a not in known)
    return count
