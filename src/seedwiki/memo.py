"""What one build keeps in memory for the next, so that under `mkdocs serve` a saved seed costs
about the work of that seed. The plugin holds one `Memo` across the server's rebuilds; a one-shot
build (`mkdocs build`, `seedwiki build`) has none and does everything.

- Documents, by parse-cache key: an unchanged seed gives back the very same `Document` object,
  with no read, signature check or unpickling.
- Values (`Memo.value`), by a key and the inputs they were made from: each seed's facts
  (`link.site.SeedFacts`: its targets, mentions, dates and quotation speakers), asked for once
  per seed, in `link`, and nowhere else.
- Generated pages (`Memo.page_fresh`, `Memo.wrote`): the inputs a page was rendered from and the
  identity of the file written (device, inode, size, modification time). A page whose inputs are
  equal and whose file is untouched is not rendered again; its file is kept as it is. A page is
  made from its inputs alone (`model.Deferred`: a seed page from its `render.connections.SeedView`),
  so its inputs cannot leave anything out.

Inputs are compared with `==`. They hold documents, and an unchanged seed's document is the same
object (`is`, which Python's tuple comparison checks first), so the comparison costs little; a
changed seed's document is a new object that compares unequal, and its pages are rendered again.
Everything else a page depends on is in its inputs, or in the build's context (the glossary),
whose change clears the memo (`begin`); the code does not change while a process lives. Only the
previous build's entries are kept. tests/test_memo.py checks that after every kind of edit a
build with the memo writes exactly what a build from nothing writes.
"""

from __future__ import annotations

import os
from collections.abc import Callable, Hashable
from pathlib import Path
from typing import Any, TypeVar

from .model import Document

T = TypeVar("T")
FileId = tuple[int, int, int, int]


def file_id(path: Path) -> FileId | None:
    try:
        stat = os.stat(path)
    except OSError:
        return None
    return (stat.st_dev, stat.st_ino, stat.st_size, stat.st_mtime_ns)


class Memo:
    def __init__(self) -> None:
        self.documents: dict[str, Document] = {}
        self._context: Any = None
        self._values: dict[Hashable, tuple[Any, Any]] = {}
        self._next_values: dict[Hashable, tuple[Any, Any]] = {}
        self._pages: dict[str, tuple[Any, FileId]] = {}
        self._next_pages: dict[str, tuple[Any, FileId]] = {}
        self.rendered = self.kept = 0  # pages of the last build
        self.filled = False  # a build has run with this memo
        self.language: str | None = None  # the interface language of the pages kept

    def begin(self, context: Any) -> None:
        """Start a build whose renders depend on `context` besides their inputs; a different
        context than the previous build's drops everything rendered."""
        if context != self._context:
            self._values, self._pages = {}, {}
        elif self._next_values or self._next_pages:
            self._values, self._pages = self._next_values, self._next_pages
        self._context = context
        self._next_values, self._next_pages = {}, {}
        self.rendered = self.kept = 0

    def speak(self, language: str) -> None:
        """Render this build's pages in `language`: pages kept from another language are made again."""
        if language != self.language:
            self._pages = {}
        self.language = language

    def value(self, key: Hashable, inputs: Any, make: Callable[[], T]) -> T:
        """`make()`, or what it made in the previous build from equal inputs."""
        held = self._values.get(key)
        if held is not None and held[0] == inputs:
            value = held[1]
        else:
            value = make()
        self._next_values[key] = (inputs, value)
        return value

    def page_fresh(self, path: str, inputs: Any, file: Path) -> bool:
        """Whether the page at docs/`path`, in `file`, was written from equal inputs and not
        touched since; if so, it is kept for the next build as it is."""
        held = self._pages.get(path)
        if held is None or held[0] != inputs or held[1] != file_id(file):
            return False
        self._next_pages[path] = held
        self.kept += 1
        return True

    def wrote(self, path: str, inputs: Any, file: Path) -> None:
        """Record the page at docs/`path` as rendered from `inputs` and now in `file`."""
        if (identity := file_id(file)) is not None:
            self._next_pages[path] = (inputs, identity)
        self.rendered += 1


def remembered(memo: Memo | None, key: Hashable, inputs: Any, make: Callable[[], T]) -> T:
    """`make()`; with a memo, what it made in the previous build from equal inputs."""
    return make() if memo is None else memo.value(key, inputs, make)
