"""The parse cache: each seed's curated `Document`, keyed by what it is made from (the seed's path
and bytes, its sidecar's bytes, the parser's code and the Python version), so a rebuild parses only
the seeds that changed. The key holds the seed's path relative to the project, the sha256 of the
bytes that were parsed (for a PDF, web page, Word file, e-mail or Markdown file, the original's
bytes, with the name and version of the library that extracts its text) (a seed saved during a build is stored under what was read, not under what
the build saw first), the code of the parser and the versions of the libraries seedwiki requires.
It lives in `.seedwiki-cache/`, one SQLite database for each version of that code
(`documents-<version>.sqlite3`: an upgrade starts a new one and removes the old one whole), and is
safe to delete.

One database, not a file for each seed: on a file system where making a file costs a tenth of a
millisecond of CPU or more, a thousand entries cost a second of CPU a cold build, in files made,
renamed into place and removed. A build writes its entries in a few transactions (every
`COMMIT_EVERY` entries and when it stops reading, so a build that fails keeps what it parsed).

Entries are pickles the build itself wrote, each signed with an HMAC whose key lives outside the
project, in the user's cache folder (`$XDG_CACHE_HOME/seedwiki/cache.key`, made on first use,
readable by the user only). Only an entry whose signature holds is unpickled, so a cache that
came with the project (committed to a repository, say, and built on a CI runner) can never run
code: its entries do not verify and are ignored. The signature covers the entry's key too, so an
entry moved under another key (the same seed's as it was before an edit) does not verify either.
Nor is a database used whose schema is not this module's, exactly (a trigger or a view in one
made elsewhere is never run), nor one that is not a regular file or is in WAL mode (SQLite would
make its `-wal` and `-shm` files beside it, even to read it), nor one whose journal names a
super-journal (SQLite would delete the file it names): it is replaced, or, where nothing may be
written, not read. An entry that cannot be read, or that does not hold a
document of the seed it is named for, is ignored too: the seed is parsed again and the entry
rewritten; a database that cannot be read at all (cut short, not a database, locked by another
process for longer than `BUSY_SECONDS`) only costs a parse of every seed: a build tries it once,
and says so when it was not damaged (locked, on a full disk). Errors are never
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
import re
import shutil
import sqlite3
import stat
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

DATABASE = "documents-{version}.sqlite3"  # `code_version`'s first 16 digits
DATABASE_NAME = re.compile(r"documents-[0-9a-f]{16}\.sqlite3(?:-journal|-wal|-shm)?")  # any version's, with the files SQLite keeps beside it
BESIDE = ("-journal", "-wal", "-shm")  # the files SQLite keeps beside a database: its journal; its log and index in WAL mode
HEADER = b"SQLite format 3\0"
JOURNAL_MAGIC = bytes.fromhex("d9d505f920a163d7")  # begins a rollback journal's header, and ends its super-journal record
OLD_FOLDER = "documents"  # the cache before its database: a file for each entry
SCHEMA = "CREATE TABLE entries (key TEXT PRIMARY KEY NOT NULL, data BLOB NOT NULL)"
COMMIT_EVERY = 256  # entries written in one transaction
BUSY_SECONDS = 10  # how long a read or a write waits for another build's transaction
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


def _head(path: Path | str, count: int, *, from_end: bool = False) -> bytes | bool | None:
    """The first (or last) `count` bytes of the regular file at `path` (fewer when it is shorter), read
    without following a link or waiting on a pipe; None when there is nothing at `path`, False when
    it is not a regular file or cannot be read."""
    try:
        fd = os.open(path, os.O_RDONLY | NOFOLLOW | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_BINARY", 0))
    except FileNotFoundError:
        return None
    except OSError:
        return False  # a link, or what cannot be read
    try:
        info = os.fstat(fd)
        if not stat.S_ISREG(info.st_mode):
            return False
        if from_end:
            os.lseek(fd, max(info.st_size - count, 0), os.SEEK_SET)
        return os.read(fd, count)
    except OSError:
        return False
    finally:
        os.close(fd)


def _damaged(err: sqlite3.Error) -> bool:
    """Whether `err` says the file is not a database, or a damaged one (not: busy, locked, full)."""
    return getattr(err, "sqlite_errorname", "") in ("SQLITE_NOTADB", "SQLITE_CORRUPT")


class ParseCache:
    """The documents of the previous builds in `cache_dir`'s database; `used` collects the keys of
    this build, so `prune` can drop the rest. With a `memo` (under `mkdocs serve`), the documents
    of the previous build in this process are handed back as they are, before any file is read.
    Seeds are named by their path relative to `root`, so the command line and the plugin (which
    name them differently) share entries, and so does the project moved to another folder.

    Without a memo no document is held once handed over (a build of 100,000 seeds reads them one
    at a time). With `writes` False (`seedwiki check`) the cache is only read: no entry, key,
    database or folder is written. `close` commits what `put` added and closes the database."""

    def __init__(self, cache_dir: Path, root: Path, memo: Memo | None = None, digests: Mapping[str, str] | None = None,
                 listed: Mapping[str, str] | None = None, *, writes: bool = True) -> None:
        self.cache_dir = cache_dir
        self.database = cache_dir / DATABASE.format(version=code_version()[:16])
        self._connection: sqlite3.Connection | None = None
        self._opened = False
        self._failed = False  # the database could not be used: not opened again by this build (each try may wait `BUSY_SECONDS`)
        self._pending = 0  # entries put since the last commit
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

    def _tag(self, key: str, data: bytes) -> bytes:
        """The signature of `data` stored under `key`: an entry moved under another key (another
        seed's, or the same seed's as it is now) does not verify."""
        assert self.secret is not None
        tag = hmac.new(self.secret, key.encode() + b"\0", hashlib.sha256)
        tag.update(data)
        return tag.digest()

    def holds(self, key: str) -> bool:
        """Whether `get` may find the entry (it may still not verify), without reading it."""
        if self.memory is not None and key in self.memory:
            return True
        return self._signed(key, "1") is not None

    def get(self, key: str, path: Path) -> Document | None:
        self.used.add(key)
        if self.memory is not None and (document := self.memory.get(key)) is not None:
            return document
        document = self._read(key, path)
        if document is not None and self.memory is not None:
            self.memory[key] = document
        return document

    def _read(self, key: str, path: Path) -> Document | None:
        if (signed := self._signed(key)) is None:
            return None
        tag, data = signed[:TAG_BYTES], signed[TAG_BYTES:]
        if not hmac.compare_digest(tag, self._tag(key, data)):
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
        if (connection := self._database()) is None:
            return
        data = pickle.dumps(document, protocol=pickle.HIGHEST_PROTOCOL)
        try:
            connection.execute("INSERT OR REPLACE INTO entries (key, data) VALUES (?, ?)", (key, self._tag(key, data) + data))
            self._pending += 1
            if self._pending >= COMMIT_EVERY:
                self._commit()
        except sqlite3.Error as err:
            self._give_up(err)

    def prune(self) -> None:
        """Remove the entries this build did not use (seeds edited or removed since)."""
        if self.memory is not None:
            for key in self.memory.keys() - self.used:
                del self.memory[key]
        for path in self.keys.keys() - self.sidecars.keys():  # seeds gone
            del self.keys[path]
        if not self.writes or self.secret is None:
            return
        if (connection := self._database()) is not None:
            try:
                stale = [(key,) for (key,) in connection.execute("SELECT key FROM entries") if key not in self.used]
                connection.executemany("DELETE FROM entries WHERE key = ?", stale)
                self._commit()
            except sqlite3.Error as err:
                self._give_up(err)
        self.close()
        self._remove_others()

    def close(self) -> None:
        """Commit what `put` added and close the database (a build that stops reading keeps what it
        parsed); the next use opens it again."""
        if self._connection is not None:
            try:
                self._commit()
            except sqlite3.Error as err:  # another process reading it for longer than `BUSY_SECONDS`, a full disk
                self._give_up(err)
            else:
                with contextlib.suppress(sqlite3.Error):
                    self._connection.close()
        self._connection, self._opened = None, False

    # --- the database -------------------------------------------------------------------------

    def _database(self) -> sqlite3.Connection | None:
        """The database, opened on first use; None where there is no cache (no key, nothing to read,
        a database that cannot be used). One whose schema is not `SCHEMA` exactly, or that is not a
        database, is replaced where the cache writes, and otherwise not read."""
        if self._opened:
            return self._connection
        self._opened = True
        if self.secret is None or self._failed:
            return None
        try:
            if self.writes:
                self.cache_dir.mkdir(parents=True, exist_ok=True)
            self._connection = self._open()
        except (OSError, sqlite3.Error) as err:
            self._connection = None
            self._fail(err)
        self._failed = self._connection is None
        return self._connection

    def _plain(self) -> bool | None:
        """Whether the database is one SQLite opens without making files beside it but its journal,
        nor touching any other: a regular file (not a link, not a named pipe that would block a
        read), empty or a database in rollback-journal mode with no write-ahead log beside it; its
        journal, if any, a regular file without a super-journal record. None when there is none.

        SQLite turns a database in WAL mode, or one with a `-wal` file beside it, into WAL mode, and
        makes its `-wal` and `-shm` files even where it only reads. A journal that names a
        super-journal (which only a transaction over several databases writes, never this module)
        has SQLite open the file it names and, once the journal is rolled back, delete it: a
        journal planted beside the database would have a build delete any file of the user's."""
        end = _head(f"{self.database}-journal", 8, from_end=True)
        if not (end is None or (isinstance(end, bytes) and end != JOURNAL_MAGIC)) or os.path.lexists(f"{self.database}-wal"):
            return False  # even without the database: a new one would be made beside them
        if (header := _head(self.database, 20)) is None:
            return None
        return isinstance(header, bytes) and (not header or (header.startswith(HEADER) and header[18:20] == b"\1\1"))

    def _open(self) -> sqlite3.Connection | None:
        for attempt in range(2):
            if (plain := self._plain()) or (plain is None and self.writes):
                uri = self.database.resolve().as_uri() + ("" if self.writes else "?mode=ro")
                connection = sqlite3.connect(uri, uri=True, timeout=BUSY_SECONDS, check_same_thread=False)
                try:
                    connection.execute("PRAGMA trusted_schema = OFF")
                    if self.writes:
                        connection.execute("PRAGMA synchronous = OFF")  # a cache: one damaged by a crash of the system is replaced
                    schema = sorted(connection.execute("SELECT type, name, sql FROM sqlite_master").fetchall())
                    if not schema and self.writes:
                        connection.execute(SCHEMA)
                        connection.commit()
                        return connection
                    if schema == [("index", "sqlite_autoindex_entries_1", None), ("table", "entries", SCHEMA)]:
                        return connection
                except sqlite3.Error as err:
                    connection.close()
                    if not _damaged(err):
                        raise  # locked by another process for longer than `BUSY_SECONDS`, say: this build goes without
                else:
                    connection.close()
            if not self.writes or attempt:
                return None
            self._remove(self.database.name)  # made elsewhere, or damaged, or not a file: a new one
        return None

    def _signed(self, key: str, column: str = "data") -> bytes | None:
        """The entry stored under `key` (its signature and pickle), or None; with `column` "1",
        whether there is one (b"" when there is, reading the key's index only)."""
        if (connection := self._database()) is None:
            return None
        try:
            row = connection.execute(f"SELECT {column} FROM entries WHERE key = ?", (key,)).fetchone()
        except sqlite3.Error as err:
            self._give_up(err)
            return None
        if row is None:
            return None
        return b"" if column == "1" else row[0] if isinstance(row[0], bytes) else None

    def _commit(self) -> None:
        if self._connection is not None:
            self._connection.commit()
        self._pending = 0

    def _give_up(self, err: sqlite3.Error) -> None:
        """A read or a write failed (a full disk, another process holding the database, a damaged
        database): this build reads and caches no more; a damaged database is removed (where the
        cache writes), so the next build makes a new one."""
        if self._connection is not None:
            with contextlib.suppress(sqlite3.Error):
                self._connection.rollback()
                self._connection.close()
        self._connection, self._pending = None, 0
        if self.writes and _damaged(err):
            self._remove(self.database.name)
        self._fail(err)

    def _fail(self, err: OSError | sqlite3.Error) -> None:
        """This build uses the database no more; where it writes, one that could not be used for another
        reason than damage (locked by another process, a full disk, a read-only folder) is named in a notice."""
        self._failed = True
        if self.writes and self.notice is None and not (isinstance(err, sqlite3.Error) and _damaged(err)):
            reason = err.strerror if isinstance(err, OSError) else str(err)
            self.notice = f"{self.database}: the parse cache is off for the rest of this build ({reason}); the seeds it has not given are parsed and not stored"

    def _remove(self, name: str) -> None:
        for path in (self.cache_dir / name, *(self.cache_dir / (name + suffix) for suffix in BESIDE)):
            if path.is_dir() and not path.is_symlink():
                shutil.rmtree(path, ignore_errors=True)
            with contextlib.suppress(OSError):
                path.unlink()

    def _remove_others(self) -> None:
        """Remove the databases of other versions of the code, and the cache as it was kept before
        its database (`OLD_FOLDER`, a file for each entry)."""
        old = self.cache_dir / OLD_FOLDER
        if old.is_dir() and not old.is_symlink():
            shutil.rmtree(old, ignore_errors=True)
        with contextlib.suppress(OSError):
            for name in os.listdir(self.cache_dir):
                if DATABASE_NAME.fullmatch(name) and not name.startswith(self.database.name):
                    self._remove(name)
