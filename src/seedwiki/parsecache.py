"""The parse cache: each seed's curated `Document`, keyed by what it is made from (the seed's path
and bytes, its sidecar's bytes, the parser's code and the Python version), so a rebuild parses only
the seeds that changed. It lives in `.seedwiki-cache/documents/` and is safe to delete.

Entries are pickles the build itself wrote (atomically: a temporary file renamed into place),
each signed with an HMAC whose key lives outside the project, in the user's cache folder
(`$XDG_CACHE_HOME/seedwiki/cache.key`, made on first use, readable by the user only). Only an
entry whose signature holds is unpickled, so a cache folder that came with the project (committed
to a repository, say, and built on a CI runner) can never run code: its entries do not verify
and are ignored. An entry that cannot be read, or that does not hold a document of the seed it is
named for, is ignored too: the seed is parsed again and the entry rewritten. Errors are never
cached: a seed whose parse fails is parsed (and fails) again on every build. When the key cannot
be read or made, the cache is off.
"""

from __future__ import annotations

import contextlib
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
from .ingest import entry_kind, read_regular
from .memo import Memo
from .model import Document

FOLDER = "documents"
SUFFIX = ".pickle"
TAG_BYTES = 32  # HMAC-SHA256


def key_path() -> Path:
    return Path(os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache") / "seedwiki" / "cache.key"


def signing_key() -> bytes | None:
    """The user's secret for signing cache entries, made on first use; None when it cannot be had."""
    path = key_path()
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        try:
            fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL | os.O_NOFOLLOW, 0o600)
        except FileExistsError:
            pass
        else:
            with os.fdopen(fd, "wb") as file:
                file.write(os.urandom(32))
        secret = read_regular(path, IngestError, "cache key")
    except (OSError, IngestError):
        return None
    return secret if len(secret) == 32 else None


@cache
def code_version() -> str:
    """What a document depends on besides its inputs: the code of ingest, parse and curate (with
    the model they fill) and the Python version (pickles are read by the same Python)."""
    package = Path(__file__).parent
    digest = hashlib.sha256(f"{sys.version}\0{pickle.HIGHEST_PROTOCOL}\n".encode())
    for path in sorted([*(package / "parse").glob("*.py"), *(package / name for name in
                        ("ingest.py", "curate.py", "model.py", "entities.py", "errors.py", "parsecache.py"))]):
        digest.update(path.relative_to(package).as_posix().encode() + b"\0" + path.read_bytes())
    return digest.hexdigest()


def key(path: Path, digests: Mapping[str, str] | None = None) -> str | None:
    """The cache key of the seed at `path`, or None when it cannot be cached (unreadable; a sidecar
    that is not a regular file): the seed is then read as without a cache, errors included.
    `digests`: the sha256 (hex) of files in seeds/ by name, when the build has read them already."""
    known = digests or {}
    digest = hashlib.sha256(f"{code_version()}\0{path}\0".encode())
    try:
        digest.update(_content_digest(path, known, "seed").encode())
        sidecar = sidecar_path(path)
        kind = entry_kind(sidecar)
        if kind == "file":
            digest.update(b"\1" + _content_digest(sidecar, known, "sidecar").encode())
        elif kind is not None:
            return None
    except IngestError:
        return None
    return digest.hexdigest()


def _content_digest(path: Path, known: Mapping[str, str], what: str) -> str:
    return known.get(path.name) or hashlib.sha256(read_regular(path, IngestError, what)).hexdigest()


class ParseCache:
    """The documents of the previous builds in `cache_dir/documents/`; `used` collects the keys of
    this build, so `prune` can drop the rest. With a `memo` (under `mkdocs serve`), the documents
    of the previous build in this process are handed back as they are, before any file is read."""

    def __init__(self, cache_dir: Path, memo: Memo | None = None, digests: Mapping[str, str] | None = None) -> None:
        self.folder = cache_dir / FOLDER
        self.digests = digests  # seeds/ files' sha256 by name, read by the build already
        self.used: set[str] = set()
        self.secret = signing_key()
        self.memory: dict[str, Document] = {} if memo is None else memo.documents

    def _tag(self, data: bytes) -> bytes:
        assert self.secret is not None
        return hmac.new(self.secret, data, hashlib.sha256).digest()

    def key(self, path: Path) -> str | None:
        return key(path, self.digests)

    def get(self, key: str, path: Path) -> Document | None:
        self.used.add(key)
        if (document := self.memory.get(key)) is not None:
            return document
        document = self._read(key, path)
        if document is not None:
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
        if not isinstance(document, Document) or document.seed.path != path:
            return None
        return document

    def put(self, key: str, document: Document) -> None:
        """Store `document`; a cache that cannot be written only costs the next build a parse."""
        self.used.add(key)
        self.memory[key] = document
        if self.secret is None:
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
        for key in self.memory.keys() - self.used:
            del self.memory[key]
        try:
            names = os.listdir(self.folder)
        except OSError:
            return
        for name in names:
            if name.removesuffix(SUFFIX) not in self.used:
                with contextlib.suppress(OSError):
                    (self.folder / name).unlink()
