"""The permalink lock: `permalinks.lock` (tracked) lists every published page with its seed's
sha256 and anchors; it only grows. A build refuses to drop a locked anchor, and a locked page whose
seed now has another slug becomes a redirect to the new page.

A seed whose extracted text changed (another version of its extractor) cannot keep its page: its
paragraphs would move under published citations. `seedwiki lock --new-slug` (`retire`) gives it
a new slug and marks the old line `retired:seeds/<new>/`: the old page becomes a page that says
the text was extracted again and links to the new one, without carrying the old #pN over (a
redirect would land old citations on shifted paragraphs).
"""

from __future__ import annotations

import re
import shlex
import unicodedata
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path

from .. import __version__
from ..curate import SLUG_PATTERN
from ..errors import SeedwikiError
from ..ingest import entry_kind, read_regular
from ..model import Corpus, SeedEntry
from .corpus import slugify
from .targets import ANCHOR, ANCHOR_PATTERN, entry_anchors

LOCK_HEADER = """\
# permalinks.lock: every published seed page, its seed's sha256 and its anchors.
# `seedwiki lock` (or `make lock`) adds new pages and anchors; nothing is ever removed.
# A build fails if a line here no longer resolves; a page whose seed got a new slug redirects.
"""


class LockError(SeedwikiError):
    """The permalink lock is malformed, or the seeds no longer provide a locked page or anchor."""


# --- the lock ------------------------------------------------------------------------------------

# The grammar, matched against the whole line (re.fullmatch): a page `seeds/<slug>/`, the seed's
# sha256, then anchors as the site makes them: `pN` from 1, `qN` from 0 (a question keeps the
# number its source gives it, and interviews do number a question 0). A seed whose text was
# extracted from an original records, after the original's sha256, the extractor that made the
# text and the text's sha256 (`extracted:pypdf==7.1.1 text-sha256:<64 hex>`); lines without them
# (every `.txt` seed, and lines written before) stay valid. A page retired for a changed
# extraction then names the page its seed moved to (`retired:seeds/<slug>/`).
_EXTRACTOR = r"[A-Za-z0-9][A-Za-z0-9._-]*==[A-Za-z0-9][A-Za-z0-9._+-]*"
_LOCK_LINE = re.compile(rf"seeds/([^/\s]+)/ sha256:([0-9a-f]{{64}})(?: extracted:({_EXTRACTOR}) text-sha256:([0-9a-f]{{64}})(?: retired:seeds/([^/\s]+)/)?)?((?: (?:{ANCHOR_PATTERN}))*)")
LOCK_LINE_SHAPE = "`seeds/<slug>/ sha256:<64 hex> [extracted:<library>==<version> text-sha256:<64 hex> [retired:seeds/<slug>/]] p1 p2 … q1 …`"


def valid_slug(slug: str) -> bool:
    """A slug the build can make: a curated one (sidecar `slug:`) or one derived from a file name."""
    if re.match(SLUG_PATTERN, slug) is not None:
        return True
    return slug != "" and slugify(slug) == slug and unicodedata.is_normalized("NFKC", slug)


@dataclass
class LockEntry:
    page: str
    sha256: str
    anchors: list[str]
    line: int
    extractor: str | None = None  # "pypdf==7.1.1": what extracted the published text
    text_sha256: str | None = None  # that text's sha256
    retired: str | None = None  # "seeds/report-2/": the page was retired for a changed extraction, its seed moved there


@dataclass(frozen=True)
class Lock:
    """The permalink lock as read: its file (errors name its lines) and its entries."""

    path: Path
    entries: tuple[LockEntry, ...]

    @classmethod
    def read(cls, path: Path) -> Lock:
        return cls(path, tuple(read_lock(path)))


def _anchor_key(anchor: str) -> tuple[str, int]:
    kind, number = ("page", anchor[5:]) if anchor.startswith("page-") else (anchor[0], anchor[1:])
    return kind, int(number)


def read_lock(path: Path) -> list[LockEntry]:
    """The lock's entries; a missing lock is empty. A malformed line is an error naming it."""
    if entry_kind(path) is None:
        return []
    raw = read_regular(path, LockError, "permalink lock")
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as err:
        raise LockError(path, f"byte 0x{raw[err.start]:02X} at byte {err.start} is not valid UTF-8", "restore the lock from version control (git checkout permalinks.lock), then run `seedwiki lock`", line=raw.count(b"\n", 0, err.start) + 1) from None
    entries: list[LockEntry] = []
    seen: dict[str, int] = {}
    restore = "restore it from version control (git checkout permalinks.lock), then run `seedwiki lock`"
    for number, line in enumerate(text.split("\n"), 1):
        line = line.removesuffix("\r")
        if not line.strip() or line.startswith("#"):
            continue
        match = _LOCK_LINE.fullmatch(line)
        if match is None:
            bad = next((word for word in line.split(" ")[2:] if word and not ANCHOR.fullmatch(word) and not word.startswith(("extracted:", "text-sha256:", "retired:"))), None)
            what = f"`{bad}` is not an anchor the site makes (p1…, q0…)" if bad is not None and line.startswith("seeds/") and " sha256:" in line else f"this line is not {LOCK_LINE_SHAPE}"
            raise LockError(path, what, restore, line=number)
        for slug in (match[1], match[5]):
            if slug is not None and not valid_slug(slug):
                raise LockError(path, f"{slug!r} is not a slug a seed page can have", restore, line=number)
        page = f"seeds/{match[1]}/"
        if page in seen:
            raise LockError(path, f"{page} is locked twice (also line {seen[page]})", "merge the two lines into one, keeping every anchor", line=number)
        seen[page] = number
        entries.append(LockEntry(page, match[2], match[6].split(), number, match[3], match[4], f"seeds/{match[5]}/" if match[5] else None))
    return entries


def check_lock(path: Path, corpus: Corpus, entries: Sequence[LockEntry] | None = None,
               anchors_of: Callable[[SeedEntry], list[str]] = entry_anchors) -> dict[str, str]:
    """Verify that every locked page and anchor (`entries`, else the lock at `path`) still resolves;
    return the redirects this needs (old page → new page, for seeds whose slug changed). A retired
    page (`retired_pages`) is no redirect: its anchors name paragraphs of a text no longer shown.
    `anchors_of`: a seed's anchors (`entry_anchors`), as the caller gets them (under serve, kept)."""
    pages: dict[str, SeedEntry] = {e.url: e for e in corpus.entries}
    by_sha: dict[str, list[SeedEntry]] = {}
    for e in corpus.entries:
        by_sha.setdefault(e.document.seed.sha256, []).append(e)
    folded: dict[str, SeedEntry] = {e.url.casefold(): e for e in corpus.entries}
    redirects: dict[str, str] = {}
    for locked in read_lock(path) if entries is None else entries:
        entry = pages.get(locked.page)
        twin = folded.get(locked.page.casefold())
        if entry is None and twin is not None:
            # seeds/Hostile/ and seeds/hostile/ are one folder where the file system ignores case
            raise LockError(
                path,
                f"{twin.url} (the page of {twin.document.seed.name}) and the locked {locked.page} differ only in letter case: "
                "on a file system that ignores case (macOS, Windows) they are one folder, and one page would overwrite the other",
                f"give {twin.document.seed.name} a `slug:` in its sidecar that differs from {locked.page.removeprefix('seeds/').rstrip('/')!r} in more than letter case",
                line=locked.line,
            )
        if locked.retired is not None:
            _retired_seed(path, locked, pages, by_sha)
            continue
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
        _check_extraction(path, locked, entry)
        anchors = set(anchors_of(entry))
        missing = [a for a in locked.anchors if a not in anchors]
        if missing:
            raise LockError(
                path,
                f"{entry.url} no longer has the locked anchor(s) {', '.join('#' + a for a in missing[:5])}",
                f"the seed is unchanged (sha256 {locked.sha256[:12]}…), so this seedwiki ({__version__}) cuts it into other "
                "paragraph units or questions than the seedwiki that published these anchors: build with that version "
                "(the one the project pins: `python -m pip install -r requirements.txt`), and keep the lock as it is",
                line=locked.line,
            )
    return redirects


def _retired_seed(path: Path, locked: LockEntry, pages: dict[str, SeedEntry], by_sha: dict[str, list[SeedEntry]]) -> SeedEntry:
    """The seed a retired page's seed is now (the one with its sha256), checked: the retired page
    shows no seed, and the seed's page is locked under its own line (checked there)."""
    if locked.page in pages:
        raise LockError(path, f"{locked.page} was retired when its text was extracted again, but {pages[locked.page].document.seed.name} is shown there now",
                        "give that seed another `slug:` in its sidecar: a retired page never shows a text again", line=locked.line)
    moved = by_sha.get(locked.sha256, [])
    if len(moved) != 1:
        what = "no seed has" if not moved else f"{len(moved)} seeds have"
        raise LockError(path, f"{locked.page} is retired, but {what} its sha256 {locked.sha256[:12]}…",
                        "restore the seed file that had this page (seeds are never edited or removed)" if not moved else "remove the duplicate seed",
                        line=locked.line)
    return moved[0]


def retired_pages(corpus: Corpus, entries: Sequence[LockEntry]) -> dict[str, str]:
    """Pages retired for a changed extraction (`check_lock` has checked them): old page → the page
    its seed is on now."""
    by_sha: dict[str, list[SeedEntry]] = {}
    for e in corpus.entries:
        by_sha.setdefault(e.document.seed.sha256, []).append(e)
    return {e.page: by_sha[e.sha256][0].url for e in entries if e.retired is not None and len(by_sha.get(e.sha256, [])) == 1}


def _check_extraction(path: Path, locked: LockEntry, entry: SeedEntry) -> None:
    """A locked page whose text was extracted must show the same text: another version of its
    extractor (or of seedwiki) that extracts other text from the same original would move its
    paragraphs under the citations already made."""
    seed = entry.document.seed
    if locked.text_sha256 is None or seed.extraction is None or seed.extraction.text_sha256 == locked.text_sha256:
        return
    now = _extracted(entry)[0]
    then = locked.extractor or "?"
    # the seed's file name names it to `--new-slug` whatever its slug is now (a build in the middle
    # of `--new-slug` already gives it the slug it moves to)
    accept = (f"; or accept the new text on a new page: `seedwiki lock --new-slug {shlex.quote(seed.name)}` retires {locked.page} "
              "and every other locked page of that seed (old links to their paragraphs then reach a page that says the text was extracted again) "
              "and moves the seed to a new slug")
    library, _, version = then.partition("==")
    if then != now and version.startswith("Python-"):
        # the standard library (the e-mail reader) is no package: it changes only with Python
        hint = (f"keep the old extraction: build with {version.replace('-', ' ', 1)}, which extracted it ({library} is part of Python's "
                "standard library: it cannot be installed or pinned in requirements.txt on its own); the lock stays as it is" + accept)
    elif then != now:
        hint = f"keep the old extraction: install {then} (pin it in requirements.txt) and build again; the lock stays as it is" + accept
    else:
        hint = (f"keep the old extraction: build with the seedwiki that published it (the one the project pins: "
                f"`python -m pip install -r requirements.txt`), since this seedwiki ({__version__}) reads the {seed.extraction.format} "
                "with the same library differently; the lock stays as it is" + accept)
    raise LockError(
        path,
        f"{locked.page} was published from the text {then} extracted from {seed.name} (text sha256 {locked.text_sha256[:12]}…), "
        f"but {now} now extracts another text from the same file (text sha256 {seed.extraction.text_sha256[:12]}…), which would move its paragraphs under published citations",
        hint,
        line=locked.line,
    )


def _lock_line(page: str, sha256: str, anchors: list[str], extractor: str | None = None, text_sha256: str | None = None,
               retired: str | None = None) -> str:
    extracted = f" extracted:{extractor} text-sha256:{text_sha256}" if extractor and text_sha256 else ""
    extracted += f" retired:{retired}" if extracted and retired else ""
    return f"{page} sha256:{sha256}{extracted}" + "".join(f" {a}" for a in sorted(anchors, key=_anchor_key))


def _extracted(entry: SeedEntry) -> tuple[str | None, str | None]:
    """(extractor, text sha256) of a seed whose text was extracted, else (None, None)."""
    extraction = entry.document.seed.extraction
    if extraction is None:
        return None, None
    return f"{extraction.extractor}=={extraction.version}".replace(" ", "-"), extraction.text_sha256


def update_lock(path: Path, corpus: Corpus, *, retire: dict[str, str] | None = None) -> tuple[int, int]:
    """Add every current page and anchor to the lock, removing nothing; return (pages added,
    anchors added). `retire` (old page → the page its seed moves to) marks locked pages retired
    for a changed extraction first (`seedwiki lock --new-slug`)."""
    entries = read_lock(path)
    for line in entries:
        if line.page in (retire or {}):
            line.retired = (retire or {})[line.page]
    check_lock(path, corpus, entries)
    locked = {e.page: e for e in entries}
    new_pages = new_anchors = 0
    for entry in corpus.entries:
        anchors = entry_anchors(entry)
        if entry.url in locked:
            known = set(locked[entry.url].anchors)
            added = [a for a in anchors if a not in known]
            locked[entry.url].anchors += added
            new_anchors += len(added)
            if locked[entry.url].text_sha256 is None:  # a line locked before extractions were recorded
                locked[entry.url].extractor, locked[entry.url].text_sha256 = _extracted(entry)
        else:
            locked[entry.url] = LockEntry(entry.url, entry.document.seed.sha256, anchors, 0, *_extracted(entry))
            new_pages += 1
            new_anchors += len(anchors)
    lines = [_lock_line(e.page, e.sha256, e.anchors, e.extractor, e.text_sha256, e.retired) for e in sorted(locked.values(), key=lambda e: e.page)]
    text = LOCK_HEADER + "".join(line + "\n" for line in lines)
    tmp = path.with_name(path.name + ".tmp")
    try:
        tmp.write_text(text, encoding="utf-8")
        tmp.replace(path)
    except OSError as err:
        tmp.unlink(missing_ok=True)
        raise LockError(path, f"cannot write the lock ({err.strerror})", "free disk space or fix the folder's permissions, then run `seedwiki lock` again") from None
    return new_pages, new_anchors


def unlocked(entries: Sequence[LockEntry], corpus: Corpus, anchors_of: Callable[[SeedEntry], list[str]] = entry_anchors) -> int:
    """How many current pages and anchors the lock's `entries` do not list yet (`anchors_of`: as `check_lock`)."""
    locked = {e.page: set(e.anchors) for e in entries}
    count = 0
    for entry in corpus.entries:
        known = locked.get(entry.url)
        anchors = anchors_of(entry)
        count += 1 + len(anchors) if known is None else sum(1 for a in anchors if a not in known)
    return count
