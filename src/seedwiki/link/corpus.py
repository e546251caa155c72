"""The documents in order: each one's slug and group, the corpus sorted as the site shows it."""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable
from functools import partial

from ..curate import sidecar_path
from ..errors import LinkError
from ..memo import Memo, remembered
from ..model import Corpus, Document, SeedEntry
from ..parse import MONTH_NAMES

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


def _slug_clash(document: Document, other: Document, slug: str, other_slug: str) -> LinkError:
    """Two seeds want one page (slugs equal, or equal but for letter case: one folder on a file
    system that ignores case): point at the sidecar line that asks for the slug, if one does."""
    if document.slug_line is None and other.slug_line is not None:
        document, other, slug, other_slug = other, document, other_slug, slug
    case = "" if slug == other_slug else " (they differ only in letter case: on macOS and Windows they are one folder)"
    if document.slug_line is not None:
        return LinkError(
            sidecar_path(document.seed.path),
            f"slug {slug!r} is already the page of {other.seed.path} (seeds/{other_slug}/){case}",
            "choose another `slug:` here" + (", one that differs in more than letter case" if case else ""),
            line=document.slug_line,
        )
    return LinkError(
        document.seed.path,
        f"this seed and {other.seed.path} both get the page seeds/{slug}/" if not case else
        f"this seed gets the page seeds/{slug}/ and {other.seed.path} seeds/{other_slug}/{case}",
        "give one of them a `slug:` in its sidecar (seeds/<name>.yml) or rename its file",
    )


def order(documents: Iterable[Document], memo: Memo | None = None) -> Corpus:
    """Give every document its slug and group; refuse two seeds with one slug. With a `memo`
    (under serve), an unchanged seed's entry is the previous build's very object."""
    by_slug: dict[str, SeedEntry] = {}
    by_sha: dict[str, Document] = {}
    for document in documents:
        twin = by_sha.setdefault(document.seed.sha256, document)
        if twin is not document:
            raise LinkError(
                document.seed.path,
                f"this seed has the same bytes as {twin.seed.path} (sha256 {document.seed.sha256[:12]}…)",
                "keep one copy: remove the other file (and its sidecar)",
            )
        entry = remembered(memo, ("entry", document.seed.path), document, partial(_entry, document))
        slug = entry.slug
        if (twin_entry := by_slug.get(slug.casefold())) is not None:
            raise _slug_clash(document, twin_entry.document, slug, twin_entry.slug)
        by_slug[slug.casefold()] = entry
    # newest group first (undated last), then newest first within it, then by title
    entries = sorted(by_slug.values(), key=lambda e: (e.document.title.casefold(), e.slug))
    entries.sort(key=lambda e: e.document.meta.date or "", reverse=True)
    entries.sort(key=lambda e: e.group == (UNDATED,))
    return Corpus(tuple(entries))
