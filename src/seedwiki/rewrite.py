"""Under serve, large files made of parts that a save changes by one part: links.json and the
build's own copy of it (`.seedwiki-cache/links.json.in`), each seed's lines one part (167 MB at
10,000 dense seeds). Written whole (a temporary file renamed over the old one), each cost about
0.25 s of CPU a save: the text encoded again, the pages of a new file filled and those of the old
one freed. `PartsWritten` rewrites such a file in place from its first changed part on, the parts
before it left as they are (on average half the file, no new file), and none of it when no part
changed.

A file is written so only while its status (device, inode, size, modification and change times)
is the one it had once this process last wrote it, the parts it then held being known; any other
file (the first time, or one changed by someone else) is written whole by the caller, and then
recorded. Parts are compared by identity first (an unchanged seed's part is the very same object
from one build to the next), then by value. A write stopped halfway leaves the file cut: the
caller makes sure nothing takes it for complete (the build's copy is trusted only through
state.json, removed before and written after it; a served site's links.json is rewritten at the
next save, as MkDocs itself writes the served pages in place).
"""

from __future__ import annotations

import os
from collections.abc import Sequence
from pathlib import Path

Status = tuple[int, int, int, int, int]


def file_status(path: str | os.PathLike[str]) -> Status | None:
    """A file's device, inode, size, modification and change times; None when it cannot be asked."""
    try:
        info = os.stat(path)
    except OSError:
        return None
    return (info.st_dev, info.st_ino, info.st_size, info.st_mtime_ns, info.st_ctime_ns)


class PartsWritten:
    def __init__(self) -> None:
        self.held: dict[str, tuple[Status, tuple[bytes, ...]]] = {}

    def update(self, path: Path | str, parts: Sequence[bytes]) -> bool:
        """Make the file at `path` hold `parts`, rewriting it from the first part that differs from
        what this process last wrote there; False (nothing written) when the file is not as it was
        then: the caller writes it whole, then calls `record`."""
        key = os.fspath(path)
        held = self.held.pop(key, None)
        if held is None or held[0] != file_status(key):
            return False
        before, parts = held[1], tuple(parts)
        start = next((i for i, (old, new) in enumerate(zip(before, parts, strict=False)) if old is not new and old != new), min(len(before), len(parts)))
        if start < len(parts) or len(before) != len(parts):
            with open(key, "r+b") as out:
                out.seek(sum(map(len, before[:start])))
                out.writelines(parts[start:])
                out.truncate()
        self.record(key, parts)
        return True

    def record(self, path: Path | str, parts: Sequence[bytes]) -> None:
        """`path` now holds `parts`, written by this process."""
        key = os.fspath(path)
        if (status := file_status(key)) is not None:
            self.held[key] = (status, tuple(parts))
