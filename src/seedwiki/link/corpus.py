"""The documents in order: each one's slug and group, the corpus sorted as the site shows it."""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Callable, Iterable, Iterator
from functools import partial
from pathlib import Path
from typing import NamedTuple, TypeVar

from ..curate import sidecar_path
from ..errors import LinkError
from ..memo import Memo, remembered
from ..model import Corpus, Document, SeedEntry
from ..parse import MONTH_NAMES

T = TypeVar("T")
SLUG_MAX_CHARS = 80
UNDATED = "Undated"


def slugify(name: str) -> str:
    """A readable, Unicode-aware URL path segment: lower case, word characters and single hyphens.

    Letters of any script stay; everything else (spaces, punctuation, invisible and bidirectional
    control characters) becomes a hyphen. Underscores are kept, so `000_ab.txt` stays `000_ab`.
    """
    text = unicodedata.normalize("NFKC", name).lower()
    kept: list[str] = []
    for ch in text:
        kind = unicodedata.category(ch)[0]
        if kind == "M" and not (kept and unicodedata.category(kept[-1])[0] in "LNM"):
            continue  # a combining mark belongs to a letter, not to a hyphen or the start
        kept.append(ch if ch in "_-" or kind in "LNM" else "-")
    text = "".join(kept)
    text = re.sub(r"-{2,}", "-", text).strip("-_")
    if len(text) > SLUG_MAX_CHARS:
        text = text[:SLUG_MAX_CHARS].rstrip("-_")
    # a slug starts with a letter or digit (a lone accent is not a name); none at all: no slug
    start = next((i for i, ch in enumerate(text) if unicodedata.category(ch)[0] in "LN"), len(text))
    return text[start:]


def _entry(document: Document) -> SeedEntry:
    return SeedEntry(document, slug=seed_slug(document), group=seed_group(document))


def seed_slug(document: Document) -> str:
    """The slug of a seed page: the curated one, else derived from its file name (or its hash)."""
    return document.slug or slugify(document.seed.stem) or f"seed-{document.seed.sha256[:12]}"


def seed_group(document: Document) -> tuple[str, ...]:
    """Where a seed sits in the navigation and catalogue: its year and month (or year), or undated."""
    date = document.meta.date
    if not date:
        return (UNDATED,)
    return (date[:4], f"{date[5:7]} {MONTH_NAMES[int(date[5:7]) - 1]}") if len(date) >= 7 else (date[:4],)


class _Claim(NamedTuple):
    """What a seed's claim to a slug needs kept to name a clash: not its document."""

    path: Path
    slug_line: int | None
    slug: str


def _slug_clash(claim: _Claim, other: _Claim) -> LinkError:
    """Two seeds want one page (slugs equal, or equal but for letter case: one folder on a file
    system that ignores case): point at the sidecar line that asks for the slug, if one does."""
    if claim.slug_line is None and other.slug_line is not None:
        claim, other = other, claim
    case = "" if claim.slug == other.slug else " (they differ only in letter case: on macOS and Windows they are one folder)"
    if claim.slug_line is not None:
        return LinkError(
            sidecar_path(claim.path),
            f"slug {claim.slug!r} is already the page of {other.path} (seeds/{other.slug}/){case}",
            "choose another `slug:` here" + (", one that differs in more than letter case" if case else ""),
            line=claim.slug_line,
        )
    return LinkError(
        claim.path,
        f"this seed and {other.path} both get the page seeds/{claim.slug}/" if not case else
        f"this seed gets the page seeds/{claim.slug}/ and {other.path} seeds/{other.slug}/{case}",
        "give one of them a `slug:` in its sidecar (seeds/<name>.yml) or rename its file",
    )


def entries(documents: Iterable[Document], memo: Memo | None = None) -> Iterator[SeedEntry]:
    """Give every document its slug and group, one at a time in the order given; refuse two seeds
    with one slug or the same bytes. Only each seed's claims are kept, not its document, so a
    caller that lets each entry go (`seedwiki check`) holds one seed at a time. With a `memo` (under
    serve), an unchanged seed's entry is the previous build's very object."""
    by_slug: dict[str, _Claim] = {}
    by_sha: dict[str, Path] = {}
    for document in documents:
        path = document.seed.path
        if (twin := by_sha.setdefault(document.seed.sha256, path)) is not path:
            raise LinkError(
                path,
                f"this seed has the same bytes as {twin} (sha256 {document.seed.sha256[:12]}…)",
                "keep one copy: remove the other file (and its sidecar)",
            )
        entry = remembered(memo, ("entry", path), document, partial(_entry, document))
        claim = _Claim(path, document.slug_line, entry.slug)
        if (other := by_slug.setdefault(entry.slug.casefold(), claim)) is not claim:
            raise _slug_clash(claim, other)
        yield entry


def site_rank(entry: SeedEntry) -> tuple[bool, str, str, str]:
    """What places a seed in the site's order (`in_site_order`): undated or not, date, title, slug."""
    return entry.group == (UNDATED,), entry.document.meta.date or "", entry.document.title.casefold(), entry.slug


def in_site_order(items: Iterable[T], rank: Callable[[T], tuple[bool, str, str, str]]) -> list[T]:
    """`items` as the site shows their seeds (by each one's `site_rank`): newest group first
    (undated last), then newest first within it, then by title and slug."""
    ranked = sorted(items, key=lambda item: rank(item)[2:])
    ranked.sort(key=lambda item: rank(item)[1], reverse=True)
    ranked.sort(key=lambda item: rank(item)[0])
    return ranked


def order(documents: Iterable[Document], memo: Memo | None = None) -> Corpus:
    """Every document's entry (`entries`), in the site's order."""
    return Corpus(tuple(in_site_order(entries(documents, memo), site_rank)))
