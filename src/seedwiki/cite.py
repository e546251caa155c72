"""cite: every citable target of the corpus, citations, `links.json` and the permalink lock.

A target is a page (`seeds/<slug>/`) or an anchor on it: `#pN` for every paragraph unit, and
`#qN` for a numbered question. The lock (`permalinks.lock`, tracked) lists every published page
with its seed's sha256 and anchors; it only grows. A build refuses to drop a locked anchor, and a
locked page whose seed now has another slug becomes a redirect to the new page.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from .errors import SeedwikiError
from .model import QUESTION, Corpus, SeedEntry
from .render import display_name

LINKS_FORMAT = 1
LOCK_HEADER = """\
# permalinks.lock: every published seed page, its seed's sha256 and its anchors.
# `seedwiki lock` (or `make lock`) adds new pages and anchors; nothing is ever removed.
# A build fails if a line here no longer resolves; a page whose seed got a new slug redirects.
"""
FORMATS = ("markdown", "text", "url")


class LockError(SeedwikiError):
    """The permalink lock is malformed, or the seeds no longer provide a locked page or anchor."""


@dataclass(frozen=True)
class Target:
    """One citable place: a seed page (anchor "") or an anchor on it."""

    seed: str  # the seed's slug
    anchor: str  # "", "p12" or "q8"
    kind: str  # "page", "question", or the block's kind ("paragraph", "answer", "title", …)
    label: str  # "", "¶12" or "Q8"
    sha256: str  # of the seed file
    text: str  # the block's text exactly as in the seed (the title for a page)

    @property
    def page(self) -> str:
        return f"seeds/{self.seed}/"

    @property
    def path(self) -> str:
        return self.page + (f"#{self.anchor}" if self.anchor else "")


def entry_targets(entry: SeedEntry) -> Iterator[Target]:
    """A seed's targets in reading order: the page, then each block (a question also as `#qN`)."""
    document = entry.document
    sha = document.seed.sha256
    yield Target(entry.slug, "", "page", "", sha, document.title)
    for index, block in enumerate(document.blocks):
        anchor = document.anchor(index)
        if block.kind == QUESTION and block.number is not None:
            yield Target(entry.slug, f"q{block.number}", "question", f"Q{block.number}", sha, block.text)
        yield Target(entry.slug, anchor, block.kind, f"¶{anchor[1:]}", sha, block.text)


def absolute_url(site_url: str, path: str) -> str:
    return site_url.rstrip("/") + "/" + path


def _markdown_text(text: str) -> str:
    """`text` safe as Markdown link text: backslashes and brackets escaped, whitespace collapsed."""
    return re.sub(r"([\\\[\]])", r"\\\1", " ".join(text.split()))


def citation(entry: SeedEntry, target: Target, site_url: str, fmt: str = "markdown") -> str:
    """A ready citation of `target`: a Markdown link, a plain-text reference, or the bare URL."""
    url = absolute_url(site_url, target.path)
    document = entry.document
    name = display_name(document.title) + (f", {target.label}" if target.label else "")
    if fmt == "url":
        return url
    if fmt == "markdown":
        return f"[{_markdown_text(name)}]({url})"
    outlet = document.value("outlet")
    date = document.value("date") or "undated"
    return " ".join(name.split()) + "." + (f" {outlet}," if outlet else "") + f" {date}. {url}"


SITE_URL_MARK = "\x02"  # json.dumps escapes control characters, so this mark can only be ours


def links_template(corpus: Corpus, redirects: dict[str, str]) -> str:
    """`links.json` (format in the README) with `SITE_URL_MARK` where the site's address goes, written
    one target per line as it streams; `links_json` puts the address in."""
    head = json.dumps({"format": LINKS_FORMAT, "redirects": redirects}, ensure_ascii=False)[:-1]
    lines = [head + f', "site_url": "{SITE_URL_MARK}/", "targets": [']
    first = True
    for entry in corpus.entries:
        for t in entry_targets(entry):
            fields = {"seed": t.seed, "url": "", "page": t.page, "anchor": t.anchor, "kind": t.kind, "label": t.label, "sha256": t.sha256, "text": t.text}
            line = json.dumps(fields, ensure_ascii=False).replace('"url": ""', f'"url": "{SITE_URL_MARK}/{json.dumps(t.path)[1:-1]}"', 1)
            lines.append(("" if first else ",") + line)
            first = False
    return "\n".join(lines) + "\n]}\n"


def links_json(template: str, site_url: str) -> str:
    return template.replace(SITE_URL_MARK + "/", json.dumps(site_url.rstrip("/") + "/")[1:-1])


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
