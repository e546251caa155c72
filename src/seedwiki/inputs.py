"""The sha256 of a project's input files (seeds, sidecars, the glossary, the lock), read again only
when a file's status changed since it was last read: a build with nothing changed reads none of
them (at 5,000 seeds, 40 MB hashed in each of `seedwiki build` and `mkdocs build`: 0.15 s of CPU
each).

A file's status is its size, inode, and modification and change times. Its content cannot change
without its change time (ctime) changing, and only the system's clock sets that time: a copy that
keeps the modification time (`cp -p`, `touch -d`, `os.utime`) or an edit that restores the size
still changes the ctime, so it is read again. A file changed less than `RACY_NS` before it was read
may change again within one tick of a coarse file-system clock and keep all four: it is not recorded,
so it is read each time until it is older (as git treats a "racily clean" file). What this cannot
see, as git and make cannot: a system clock set back to the very nanosecond of the recorded change
time, or a file system that keeps no change time. `seedwiki clean` (or deleting
`.seedwiki-cache/`) forgets every record.
"""

from __future__ import annotations

import hashlib
import json
import os
import re
import stat
import time
from collections.abc import Callable
from email.message import Message
from email.parser import HeaderParser
from functools import cache
from importlib import metadata
from pathlib import Path

RECORD = "inputs.json"  # in the cache folder: {path relative to the project: [size, inode, mtime_ns, ctime_ns, sha256]}
RACY_NS = 2_000_000_000  # a file changed this recently may change again within one tick of its clock, keeping its times


def status(info: os.stat_result) -> list[int]:
    """What stands for a regular file's content: its size, inode, modification and change times."""
    return [info.st_size, info.st_ino, info.st_mtime_ns, info.st_ctime_ns]


class KnownDigests:
    """The input files' sha256 as the last build read them (`RECORD` in `cache_dir`), reused for a
    file whose status is still the one recorded; `save` keeps what this build read."""

    def __init__(self, cache_dir: Path, root: Path) -> None:
        self.record, self.root = cache_dir / RECORD, root
        try:
            known = json.loads(self.record.read_text(encoding="utf-8"))
        except (OSError, ValueError):
            known = {}
        self.known: dict = known if isinstance(known, dict) else {}
        self.seen: dict[str, list] = {}  # what this build read or reused
        self.recent = time.time_ns() - RACY_NS  # files changed after this are never recorded
        self.read = 0  # files read (their status was not the recorded one)

    def _key(self, path: Path) -> str:
        text, root = str(path), str(self.root)
        if text.startswith(root + "/") and "/." not in text and "//" not in text:  # a plain path below root (a seed's): as relative_to gives it
            return text[len(root) + 1:]
        return path.relative_to(self.root).as_posix() if path.is_relative_to(self.root) else str(path)

    def sha256(self, path: Path, read: Callable[[Path], bytes], info: os.stat_result | None = None) -> str:
        """`path`'s sha256: the recorded one while its status is unchanged, else of `read(path)`
        (which raises what the caller's read raises for a file that is not a readable regular file).
        `info`: its `os.lstat`, when the caller has just taken it."""
        key = self._key(path)
        try:
            before: list[int] | None = status(os.lstat(path) if info is None else info)
        except OSError:
            before = None
        entry = self.known.get(key)
        if before is not None and isinstance(entry, list) and len(entry) == 5 and entry[:4] == before and isinstance(entry[4], str):
            self.seen[key] = entry
            return entry[4]
        digest = hashlib.sha256(read(path)).hexdigest()
        self.read += 1
        try:
            info = os.lstat(path)
            after = status(info) if stat.S_ISREG(info.st_mode) else None
        except OSError:
            after = None
        # recorded only when what was read is what the status stands for: unchanged during the read, and not racily recent
        if after is not None and after == before and max(after[2], after[3]) < self.recent:
            self.seen[key] = [*after, digest]
        return digest

    def save(self) -> None:
        """Record what this build read (files it did not see any more are forgotten); a record that
        cannot be written only costs the next build a read of every input."""
        if self.seen == self.known:
            return
        tmp = self.record.with_name(self.record.name + ".tmp")
        try:
            self.record.parent.mkdir(exist_ok=True)
            tmp.write_text(json.dumps(self.seen), encoding="utf-8")
            tmp.replace(self.record)
        except OSError:
            tmp.unlink(missing_ok=True)


# What the parse depends on besides seedwiki's own code, when seedwiki's own requirements cannot be read
PARSING_LIBRARIES = ("PyYAML", "jsonschema", "babel", "py3langid", "numpy", "pyahocorasick", "markdown-it-py")


@cache
def library_versions() -> str:
    """The installed version of every library seedwiki requires (and so of those that parse):
    an upgrade of one may change what a seed becomes."""
    headers = _headers("seedwiki")
    if headers is None:
        names = list(PARSING_LIBRARIES)
    else:  # as `metadata.requires`: the Requires-Dist headers, else an egg's requires.txt
        requirements = headers.get_all("Requires-Dist") or metadata.requires("seedwiki") or ()
        names = [re.split(r"[\s;<>=!~\[(]", requirement, maxsplit=1)[0] for requirement in requirements if "extra ==" not in requirement]
    return "\n".join(f"{name}=={version}" if (version := installed_version(name)) is not None else f"{name} missing"
                     for name in sorted(set(names) | set(PARSING_LIBRARIES), key=str.casefold))


def installed_version(name: str) -> str | None:
    """`importlib.metadata.version(name)` (None: not installed), from the distribution the library
    finds, but with only the headers of its METADATA parsed: the library's email parser reads the
    whole file (a long description, a licence: numpy's is 100 kB), which made most of the cost of
    `library_versions` (6.8-7.5 -> 3.9-4.2 ms of CPU a process, the distributions found as before)."""
    headers = _headers(name)
    return None if headers is None else headers["Version"]


def _headers(name: str) -> Message | None:
    """The headers of the metadata of the distribution `name`, as `Distribution.metadata` reads them
    (METADATA, else PKG-INFO, else nothing), without the body after them; None: not installed."""
    try:
        distribution = metadata.distribution(name)
    except metadata.PackageNotFoundError:
        return None
    text = distribution.read_text("METADATA") or distribution.read_text("PKG-INFO") or distribution.read_text("") or ""
    return HeaderParser().parsestr(text.partition("\n\n")[0])  # the headers end at the first empty line


def user_cache_folder() -> Path:
    """$XDG_CACHE_HOME/seedwiki, or ~/.cache/seedwiki when it is unset, empty or relative (the XDG
    Base Directory specification: a relative path there is invalid and ignored; a file made in the
    working folder would land in a project): the language model's copy and the parse cache's key."""
    xdg = os.environ.get("XDG_CACHE_HOME", "")
    return (Path(xdg) if os.path.isabs(xdg) else Path.home() / ".cache") / "seedwiki"
