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

import operator
import os
from collections import Counter
from collections.abc import Callable, Hashable, KeysView, Sequence
from pathlib import Path
from typing import Any, TypeVar

from .model import Document
from .rewrite import PartsWritten

T = TypeVar("T")
FileId = tuple[int, int, int, int]


def file_id(path: Path | str) -> FileId | None:
    try:
        stat = os.stat(path)
    except OSError:
        return None
    return (stat.st_dev, stat.st_ino, stat.st_size, stat.st_mtime_ns)


class Memo:
    def __init__(self) -> None:
        self.documents: dict[str, Document] = {}
        self.parse_keys: dict[Path, tuple[tuple[str, ...], str]] = {}  # each seed's parse-cache key (`parsecache.ParseCache.key`)
        self.folders: dict[str, Any] = {}  # the generated folders' entries as last listed (`write.generated_files`)
        self._context: Any = None
        self._values: dict[Hashable, tuple[Any, Any]] = {}
        self._next_values: dict[Hashable, tuple[Any, Any]] = {}
        self._pages: dict[str, tuple[Any, FileId]] = {}
        self._next_pages: dict[str, tuple[Any, FileId]] = {}
        self._made: dict[Hashable, tuple[Any, Any]] = {}  # rendered, in the pages' language (`made`, `each`)
        self._next_made: dict[Hashable, tuple[Any, Any]] = {}
        self.rendered = self.kept = 0  # pages of the last build
        self.filled = False  # a build has run with this memo
        self.language: str | None = None  # the interface language of the pages kept
        self.manifest: tuple[tuple[int, ...] | None, dict[str, str]] | None = None  # docs/' manifest as last written or read (`write`)
        self.manifest_names: dict[str, str] = {}  # each name of the manifest as a JSON string
        self.seed_words = WordUnion()  # the union of every seed's words, by difference (`build._site_words`)
        self.parts_written = PartsWritten()  # large files written in parts, by difference (`rewrite`)
        self.glossary: tuple[tuple[str, bytes], Any] | None = None  # the glossary's path and bytes, and its entities as read (`build._glossary`)

    def begin(self, context: Any) -> None:
        """Start a build whose renders depend on `context` besides their inputs; a different
        context than the previous build's drops everything rendered."""
        if context != self._context:
            self._values, self._pages, self._made = {}, {}, {}
        elif self._next_values or self._next_pages or self._next_made:
            self._values, self._pages, self._made = self._next_values, self._next_pages, self._next_made
        self._context = context
        self._next_values, self._next_pages, self._next_made = {}, {}, {}
        self.rendered = self.kept = 0

    def speak(self, language: str) -> None:
        """Render this build's pages in `language`: pages kept from another language are made again."""
        if language != self.language:
            self._pages, self._made = {}, {}
        self.language = language

    def value(self, key: Hashable, inputs: Any, make: Callable[[], T]) -> T:
        """`make()`, or what it made in the previous build from equal inputs."""
        held = self._values.get(key)
        if held is not None and (held[0] is inputs or held[0] == inputs):
            self._next_values[key] = held  # kept as it is: no new objects for the collector to go through (`plugin._collect`)
            return held[1]
        value = make()
        self._next_values[key] = (inputs, value)
        return value

    def made(self, key: Hashable, inputs: Any, make: Callable[[], T]) -> T:
        """As `value`, for what is rendered in the pages' language: a change of language makes it again."""
        held = self._made.get(key)
        if held is not None and (held[0] is inputs or held[0] == inputs):
            self._next_made[key] = held
            return held[1]
        value = make()
        self._next_made[key] = (inputs, value)
        return value

    def each(self, key: Hashable, objects: Sequence[Any], make: Callable[[Any], T], *, pairs: bool = False) -> list[T]:
        """`[make(o) for o in objects]` (rendered, as `made`), reusing what it made in the previous build:
        the whole list when `objects` are equal to the previous ones, else the result for each
        object that is the very same object as one of the previous build's (`pairs`: each object
        a tuple, made anew each build, of objects that are the same)."""
        objects = tuple(objects)
        held = self._made.get(key)
        if held is not None and held[0] == objects:
            self._next_made[key] = held
            return held[1]
        ident: Callable[[Any], Hashable] = (lambda o: tuple(map(id, o))) if pairs else id
        # the previous objects are alive (held): an id names one object
        before = {} if held is None else {ident(o): (o, m) for o, m in zip(held[0], held[1], strict=True)}
        out = []
        for o in objects:
            found = before.get(ident(o))
            same = found is not None and (all(map(operator.is_, found[0], o)) if pairs else found[0] is o)
            out.append(found[1] if same else make(o))  # type: ignore[index]
        self._next_made[key] = (objects, out)
        return out

    def page_fresh(self, path: str, inputs: Any, file: Path | str) -> bool:
        """Whether the page at docs/`path`, in `file`, was written from equal inputs and not
        touched since; if so, it is kept for the next build as it is."""
        held = self._pages.get(path)
        if held is None or (held[0] is not inputs and held[0] != inputs) or held[1] != file_id(file):
            return False
        self._next_pages[path] = held
        self.kept += 1
        return True

    def wrote(self, path: str, inputs: Any, file: Path | str) -> None:
        """Record the page at docs/`path` as rendered from `inputs` and now in `file`."""
        if (identity := file_id(file)) is not None:
            self._next_pages[path] = (inputs, identity)
        self.rendered += 1


class WordUnion:
    """The union of sets of words made by difference from one build to the next: each word counted
    once for each set that holds it, a set that is the very same object as one of the previous
    build's (an unchanged seed's words) counted once and for all."""

    def __init__(self) -> None:
        self.sets: Counter[int] = Counter()  # the sets counted in, by identity, each as many times as given
        self.objects: dict[int, frozenset[str]] = {}  # and the sets themselves (held: an id names one object)
        self.counts: Counter[str] = Counter()

    def union(self, sets: Sequence[frozenset[str]]) -> KeysView[str]:
        """The words of all `sets`."""
        now = Counter(map(id, sets))
        objects = {id(words): words for words in sets}
        for key, times in (now - self.sets).items():
            for word in objects[key]:
                self.counts[word] += times
        for key, times in (self.sets - now).items():
            for word in self.objects[key]:
                if (left := self.counts[word] - times) > 0:
                    self.counts[word] = left
                else:
                    del self.counts[word]
        self.sets, self.objects = now, objects
        return self.counts.keys()


def remembered(memo: Memo | None, key: Hashable, inputs: Any, make: Callable[[], T]) -> T:
    """`make()`; with a memo, what it made in the previous build from equal inputs."""
    return make() if memo is None else memo.value(key, inputs, make)


def rendered(memo: Memo | None, key: Hashable, inputs: Any, make: Callable[[], T]) -> T:
    """`make()`; with a memo, what it made in the previous build from equal inputs in the same language (`Memo.made`)."""
    return make() if memo is None else memo.made(key, inputs, make)


def rendered_each(memo: Memo | None, key: Hashable, objects: Sequence[Any], make: Callable[[Any], T], *, pairs: bool = False) -> list[T]:
    """`[make(o) for o in objects]`; with a memo, reusing the previous build's (`Memo.each`)."""
    return [make(o) for o in objects] if memo is None else memo.each(key, objects, make, pairs=pairs)
