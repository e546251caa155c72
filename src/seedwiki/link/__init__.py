"""link: the documents become the site, one frozen `Site` with everything the pages show.

- `corpus`: slugs, order and groups; two seeds never get one page.
- `targets`: the permalink contract: every citable target and how it is labelled.
- `entities`: the glossary and where the seeds mention its entities.
- `permalinks`: `permalinks.lock`, which keeps every published page and anchor resolving.
- `site`: each seed's facts and the indexes over them (`Site`).
"""

from __future__ import annotations

from collections.abc import Iterable
from functools import partial

from ..memo import Memo
from ..model import Document, SeedEntry
from .corpus import order, slugify
from .entities import Entity
from .permalinks import Lock, check_lock, retired_pages, unlocked
from .site import SeedFacts, Site, connect
from .targets import entry_anchors

__all__ = ["Lock", "SeedFacts", "Site", "link", "order", "slugify"]


def link(documents: Iterable[Document], glossary: tuple[Entity, ...] = (), lock: Lock | None = None, *, memo: Memo | None = None) -> Site:
    """The site the documents make: ordered into a corpus (refusing two seeds with one page),
    checked against the permalink `lock` (its redirects and what it does not list yet), and
    connected through the `glossary`'s entities. With a `memo` (under serve), an unchanged seed's
    facts are the previous build's."""
    if memo is not None:
        memo.begin(glossary)
    corpus = order(documents, memo)
    anchors_of = entry_anchors
    if memo is not None:

        def anchors_of(entry: SeedEntry) -> list[str]:  # an unchanged seed's are the previous build's
            return memo.value(("anchors", entry.slug), entry.document, partial(entry_anchors, entry))
    redirects = check_lock(lock.path, corpus, lock.entries, anchors_of) if lock is not None else {}
    retired = retired_pages(corpus, lock.entries) if lock is not None else {}
    return connect(corpus, glossary, memo, redirects=redirects, retired=retired,
                   unlocked=unlocked(lock.entries, corpus, anchors_of) if lock is not None else 0)
