"""The parse cache: each seed's curated `Document`, keyed by what it is made from (the seed's path
and bytes, its sidecar's bytes, the parser's code and the Python version), so a rebuild parses only
the seeds that changed. The key holds the seed's path relative to the project, the sha256 of the
bytes that were parsed (for a PDF, web page, Word file, e-mail or Markdown file, the original's
bytes, with the name and version of the library that extracts its text) (a seed saved during a build is stored under what was read, not under what
the build saw first), the code of the parser and the versions of the libraries seedwiki requires.
It lives in `.seedwiki-cache/documents/` and is safe to delete.

Entries are pickles the build itself wrote (atomically: a temporary file renamed into place),
each signed with an HMAC whose key lives outside the project, in the user's cache folder
(`$XDG_CACHE_HOME/seedwiki/cache.key`, made on first use, readable by the user only). Only an
entry whose signature holds is unpickled, so a cache folder that came with the project (committed
to a repository, say, and built on a CI runner) can never run code: its entries do not verify
and are ignored. An entry that cannot be read, or that does not hold a document of the seed it is
named for, is ignored too: the seed is parsed again and the entry rewritten. Errors are never
cached: a seed whose parse fails is parsed (and fails) again on every build. A key file that holds
no key (empty, cut short) is replaced; when no key can be read or made, the cache is off and the
build says so.
"""

from __future__ import annotations

import contextlib
import dataclasses
import hashlib
import hmac
import os
import pickle
import sys
from collections.abc import Mapping
from functools import cache
from pathlib import Path

from .curate import sidecar_path
from .errors import IngestError
from .extract import extractor_version
from .ingest import NOFOLLOW, entry_kind, read_regular
from .inputs import library_versions, user_cache_folder
from .memo import Memo
from .model import Document

FOLDER = "documents"
SUFFIX = ".pickle"
TAG_BYTES = 32  # HMAC-SHA256


def key_path() -> Path:
    return user_cache_folder() / "cache.key"


KEY_BYTES = 32


def signing_key(make: bool = True) -> tuple[bytes | None, str | None]:
    """The user's secret for signing cache entries, made on first use and made again when the
    file does not hold one (empty, cut short); a new key is put in place whole (a temporary file
    linked or renamed into place), so no build reads a half-written one. Returns the key, or None
    and why the cache is off. Without `make`, only an existing key is read (nothing is written)."""
    try:
        path = key_path()
    except RuntimeError:  # no home folder to find the cache folder in (HOME unset, a user without an entry)
        return None, None if not make else ("the parse cache is off (no home folder to keep its key in: set HOME or an absolute "
                                            "XDG_CACHE_HOME); every seed is parsed on every build")
    if not make:
        with contextlib.suppress(IngestError):
            if len(secret := read_regular(path, IngestError, "cache key")) == KEY_BYTES:
                return secret, None
        return None, None
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        try:
            secret = read_regular(path, IngestError, "cache key")
        except IngestError:
            if os.path.lexists(path):
                raise
            secret = b""
        if len(secret) == KEY_BYTES:
            return secret, None
        tmp = path.with_name(f"{path.name}.{os.getpid()}.tmp")
        fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_TRUNC | NOFOLLOW, 0o600)
        with os.fdopen(fd, "wb") as file:
            file.write(os.urandom(KEY_BYTES))
        try:
            if os.path.lexists(path):
                os.replace(tmp, path)  # a broken key: its entries never verified anyway
            else:
                os.link(tmp, path)  # a first key: another build may make one at the same time; the first stays
        except FileExistsError:
            pass
        finally:
            tmp.unlink(missing_ok=True)
        secret = read_regular(path, IngestError, "cache key")
    except (OSError, IngestError) as err:
        reason = err.message if isinstance(err, IngestError) else err.strerror
        return None, f"{path}: the parse cache is off ({reason}); every seed is parsed on every build"
    if len(secret) != KEY_BYTES:
        return None, f"{path}: the parse cache is off (the key is not {KEY_BYTES} bytes); delete the file"
    return secret, None


@cache
def code_version() -> str:
    """What a document depends on besides its inputs: the code of ingest, parse and curate (with
    the model they fill), the libraries they use and the Python version (pickles are read by the
    same Python)."""
    package = Path(__file__).parent
    digest = hashlib.sha256(f"{sys.version}\0{pickle.HIGHEST_PROTOCOL}\0{library_versions()}\n".encode())
    for path in sorted([*(package / "parse").glob("*.py"), *(package / "extract").glob("*.py"), *(package / name for name in
                        ("ingest.py", "curate.py", "model.py", "errors.py", "parsecache.py"))]):
        digest.update(path.relative_to(package).as_posix().encode() + b"\0" + path.read_bytes())
    return digest.hexdigest()


def entry_key(relative: str, seed_sha256: str, sidecar_sha256: str | None) -> str:
    """The cache key of a document: the code and libraries that made it, the seed's path in the
    project and the sha256 of the seed's and the sidecar's bytes that were parsed; for an original
    whose text is extracted, the extracting library's name and version as installed (an upgrade
    may extract another text from the same bytes)."""
    digest = hashlib.sha256(f"{code_version()}\0{relative}\0{seed_sha256}\0".encode())
    if (extractor := extractor_version(Path(relative).suffix)) is not None:
        digest.update(b"\2" + extractor.encode())
    if sidecar_sha256 is not None:
        digest.update(b"\1" + sidecar_sha256.encode())
    return digest.hexdigest()


_NO_SIDECAR = ""  # `sidecar_digest` of a seed without a sidecar


def sidecar_digest(seed: Path, known: Mapping[str, str], listed: Mapping[str, str] | None = None) -> str | None:
    """The sha256 of the seed's sidecar (from `known`, by name, when the build read it already),
    `_NO_SIDECAR` when it has none, None when it cannot be cached (unreadable; not a regular
    file): the seed is then read as without a cache. `listed`: the entries of the seed's folder
    and what each is, as the build found them (`build._fingerprint_listed`)."""
    sidecar = sidecar_path(seed)
    kind = entry_kind(sidecar) if listed is None else listed.get(sidecar.name)
    if kind is None:
        return _NO_SIDECAR
    if kind != "file":
        return None
    try:
        return known.get(sidecar.name) or hashlib.sha256(read_regular(sidecar, IngestError, "sidecar")).hexdigest()
    except IngestError:
        return None


class ParseCache:
    """The documents of the previous builds in `cache_dir/documents/`; `used` collects the keys of
    this build, so `prune` can drop the rest. With a `memo` (under `mkdocs serve`), the documents
    of the previous build in this process are handed back as they are, before any file is read.
    Seeds are named by their path relative to `root`, so the command line and the plugin (which
    name them differently) share entries, and so does the project moved to another folder.

    Without a memo no document is held once handed over (a build of 100,000 seeds reads them one
    at a time). With `writes` False (`seedwiki check`) the cache is only read: no entry, key or
    folder is written."""

    def __init__(self, cache_dir: Path, root: Path, memo: Memo | None = None, digests: Mapping[str, str] | None = None,
                 listed: Mapping[str, str] | None = None, *, writes: bool = True) -> None:
        self.folder = cache_dir / FOLDER
        self.root = root
        self.digests = digests or {}  # seeds/ files' sha256 by name, read by the build already
        self.listed = listed  # seeds/ entries and what each is, as the build found them
        self.folded = set() if listed is None else {name.casefold() for name in listed}
        self.writes = writes
        self.used: set[str] = set()
        self.sidecars: dict[Path, str] = {}  # each looked-up seed's sidecar digest, as it was before the parse
        self.secret, self.notice = signing_key(make=writes)
        self.memory: dict[str, Document] | None = None if memo is None else memo.documents
        # with a memo, each seed's key as last made, by its path and the digests it was made from
        self.keys: dict[Path, tuple[tuple[str, ...], str]] = {} if memo is None else memo.parse_keys

    def _relative(self, path: Path) -> str:
        return Path(os.path.relpath(os.path.abspath(path), os.path.abspath(self.root))).as_posix()

    def key(self, path: Path) -> str | None:
        """The key of the seed at `path` as its files are now, or None when it cannot be cached."""
        listed = self.listed
        if listed is not None and (name := sidecar_path(path).name) not in listed and name.casefold() in self.folded:
            listed = None  # a listed name differs only in case: on a file system that ignores case (macOS, Windows) it is the sidecar
        sidecar = sidecar_digest(path, self.digests, listed)
        try:
            seed = self.digests.get(path.name) or hashlib.sha256(read_regular(path, IngestError, "seed")).hexdigest()
        except IngestError:
            return None
        if sidecar is None:
            return None
        self.sidecars[path] = sidecar
        made = (os.getcwd(), str(self.root), seed, sidecar)  # a relative path is relative to the working folder
        if (held := self.keys.get(path)) is not None and held[0] == made:
            return held[1]
        key = entry_key(self._relative(path), seed, sidecar or None)
        self.keys[path] = (made, key)
        return key

    def _tag(self, data: bytes) -> bytes:
        assert self.secret is not None
        return hmac.new(self.secret, data, hashlib.sha256).digest()

    def holds(self, key: str) -> bool:
        """Whether `get` may find the entry (it may still not verify), without reading it."""
        return (self.memory is not None and key in self.memory) or (self.secret is not None and (self.folder / (key + SUFFIX)).is_file())

    def get(self, key: str, path: Path) -> Document | None:
        self.used.add(key)
        if self.memory is not None and (document := self.memory.get(key)) is not None:
            return document
        document = self._read(key, path)
        if document is not None and self.memory is not None:
            self.memory[key] = document
        return document

    def _read(self, key: str, path: Path) -> Document | None:
        if self.secret is None:
            return None
        try:
            with (self.folder / (key + SUFFIX)).open("rb") as file:
                signed = file.read()
        except OSError:
            return None
        tag, data = signed[:TAG_BYTES], signed[TAG_BYTES:]
        if not hmac.compare_digest(tag, self._tag(data)):
            return None  # not written by this user's builds: never unpickled
        try:
            document = pickle.loads(data)
        except Exception:  # from another version of the classes: parse again
            return None
        if not isinstance(document, Document) or document.seed.path.name != path.name:
            return None
        if document.seed.path != path:  # written by the other way of building (`build` or the plugin)
            document = dataclasses.replace(document, seed=dataclasses.replace(document.seed, path=path))
        return document

    def put(self, document: Document) -> None:
        """Store `document` under the bytes it was made from: the seed's as parsed, the sidecar's
        as they were before the parse and still are after it (else it is not stored). A cache
        that cannot be written only costs the next build a parse."""
        path = document.seed.path
        before = self.sidecars.get(path)
        if before is None or sidecar_digest(path, {}) != before:
            return  # the sidecar changed while the seed was read: which bytes were parsed is unknown
        key = entry_key(self._relative(path), document.seed.sha256, before or None)
        self.used.add(key)
        if self.memory is not None:
            self.memory[key] = document
        if self.secret is None or not self.writes:
            return
        target = self.folder / (key + SUFFIX)
        tmp = target.with_name(f"{target.name}.{os.getpid()}.tmp")
        try:
            self.folder.mkdir(parents=True, exist_ok=True)
            data = pickle.dumps(document, protocol=pickle.HIGHEST_PROTOCOL)
            tmp.write_bytes(self._tag(data) + data)
            tmp.replace(target)
        except OSError:
            tmp.unlink(missing_ok=True)

    def prune(self) -> None:
        """Remove the entries this build did not use (seeds edited or removed since)."""
        if self.memory is not None:
            for key in self.memory.keys() - self.used:
                del self.memory[key]
        for path in self.keys.keys() - self.sidecars.keys():  # seeds gone
            del self.keys[path]
        try:
            names = os.listdir(self.folder)
        except OSError:
            return
        for name in names:
            if name.removesuffix(SUFFIX) not in self.used:
                with contextlib.suppress(OSError):
                    (self.folder / name).unlink()
