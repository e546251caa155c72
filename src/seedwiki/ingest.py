"""ingest: a seed file becomes a `Seed` (bytes, sha256, decoded text, encoding)."""

from __future__ import annotations

import codecs
import errno
import hashlib
import os
import stat
from pathlib import Path

from .errors import IngestError, SeedwikiError
from .model import Seed

SEED_SUFFIX = ".txt"
SIDECAR_SUFFIX = ".yml"


def _kind(mode: int) -> str:
    if stat.S_ISLNK(mode):
        return "a symbolic link"
    if stat.S_ISDIR(mode):
        return "a folder"
    if stat.S_ISFIFO(mode):
        return "a named pipe (FIFO)"
    if stat.S_ISSOCK(mode):
        return "a socket"
    if stat.S_ISCHR(mode) or stat.S_ISBLK(mode):
        return "a device"
    return "not a regular file"


# Opening a file without following a link: the open itself refuses one where the platform has
# O_NOFOLLOW (Linux, macOS, the BSDs); elsewhere `read_regular` checks just before opening.
NOFOLLOW = getattr(os, "O_NOFOLLOW", 0)


def read_regular(path: Path, error: type[SeedwikiError], what: str) -> bytes:
    """The bytes of `path`, which must be a regular file: never a symbolic link (not followed),
    a folder, a named pipe or a device. The file is opened without following links and without
    blocking, and checked on the open descriptor (`fstat`), so it cannot be swapped in between."""
    flags = os.O_RDONLY | NOFOLLOW | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_CLOEXEC", 0)
    try:
        if not NOFOLLOW and os.path.islink(path):  # no O_NOFOLLOW (Windows): the same refusal, checked just before
            raise OSError(errno.ELOOP, "symbolic link", str(path))
        fd = os.open(path, flags)
    except OSError as err:
        if err.errno == errno.ELOOP:
            raise error(path, f"the {what} is a symbolic link, which seedwiki does not follow", "replace the link with the file itself (a link could publish any file of the machine that builds)") from None
        if err.errno == errno.EISDIR:
            raise error(path, f"the {what} is a folder, not a file", "move or remove the folder") from None
        raise error(path, f"cannot read the {what} ({err.strerror})", "check that it exists and is readable") from None
    try:
        info = os.fstat(fd)
        if not stat.S_ISREG(info.st_mode):
            raise error(path, f"the {what} is {_kind(info.st_mode)}, not a regular file", "replace it with a plain file, or remove it")
        if hasattr(os, "O_NONBLOCK"):
            os.set_blocking(fd, True)
        chunks = []
        while chunk := os.read(fd, 1 << 20):
            chunks.append(chunk)
        return b"".join(chunks)
    except OSError as err:
        raise error(path, f"cannot read the {what} ({err.strerror})", "check that it exists and is readable") from None
    finally:
        os.close(fd)


def entry_kind(path: Path) -> str | None:
    """None when `path` does not exist (not even as a broken link), else what it is ("file", or
    the description of anything else); links are not followed."""
    try:
        mode = path.lstat().st_mode
    except FileNotFoundError:
        return None
    return "file" if stat.S_ISREG(mode) else _kind(mode)


def discover(seeds_dir: Path) -> list[Path]:
    """Every seed file in `seeds_dir`, in a stable order. Hidden entries (`.name`) are skipped.

    Only regular files are read. A symbolic link, a folder (a subfolder, or one named `x.txt`), a
    named pipe or a device in seeds/ is an error, whatever its name; regular files that are neither
    seeds nor sidecars are listed by `ignored_files`.
    """
    try:
        if not stat.S_ISDIR(seeds_dir.lstat().st_mode):
            raise IngestError(seeds_dir, "the seeds folder is not a folder (or is a symbolic link)", "make seeds/ a plain folder holding the .txt seed files")
        names = sorted(os.listdir(seeds_dir))
    except FileNotFoundError:
        raise IngestError(seeds_dir, "the seeds folder does not exist", "create it and put .txt seed files in it") from None
    except OSError as err:
        raise IngestError(seeds_dir, f"cannot list the seeds folder ({err.strerror})", "check that it is readable") from None
    seeds = []
    for name in names:
        if name.startswith("."):
            continue
        path = seeds_dir / name
        kind = entry_kind(path)
        if kind is None:
            continue  # removed while listing
        if kind != "file":
            hint = "seeds/ holds only seed files: put the seeds of a subfolder into seeds/ itself" if kind == "a folder" else "replace it with a plain file, or remove it"
            if kind == "a symbolic link":
                hint = "replace the link with the file itself (seedwiki never follows links: one could publish any file of the machine that builds)"
            raise IngestError(path, f"this is {kind}, not a regular file", hint)
        if name.endswith(SEED_SUFFIX):
            seeds.append(path)
    return seeds


def ignored_files(seeds_dir: Path) -> list[Path]:
    """Regular files in seeds/ that are neither seeds (`.txt`) nor sidecars (`.yml`): not published."""
    return [
        p for p in sorted(seeds_dir.iterdir())
        if not p.name.startswith(".") and not p.name.endswith((SEED_SUFFIX, SIDECAR_SUFFIX)) and entry_kind(p) == "file"
    ]


def normalise_newlines(text: str) -> str:
    """CRLF and lone CR become LF; nothing else changes."""
    return text.replace("\r\n", "\n").replace("\r", "\n")


# Byte-order marks name their encoding without doubt (UTF-32 first: its LE mark starts like UTF-16's).
_BOMS = (
    (codecs.BOM_UTF32_LE, "utf-32-le", "UTF-32 LE with BOM"),
    (codecs.BOM_UTF32_BE, "utf-32-be", "UTF-32 BE with BOM"),
    (codecs.BOM_UTF8, "utf-8", "UTF-8 with BOM"),
    (codecs.BOM_UTF16_LE, "utf-16-le", "UTF-16 LE with BOM"),
    (codecs.BOM_UTF16_BE, "utf-16-be", "UTF-16 BE with BOM"),
)


def decode(raw: bytes, path: Path) -> tuple[str, str]:
    """Return (text, encoding name) or raise `IngestError` naming the line and byte offset.

    UTF-8 is the rule. A byte-order mark for UTF-16 or UTF-32 is read as that encoding, which the
    page then names. Anything else that is not UTF-8 (Windows-1252, Latin-1, broken bytes) is an
    error: guessing an encoding could change the text, and a seed is the record.
    """
    codec, encoding, bom = "utf-8", "UTF-8", b""
    for mark, name, label in _BOMS:
        if raw.startswith(mark):
            codec, encoding, bom = name, label, mark
            break
    body = raw[len(bom):]

    def line_at(end: int) -> int:  # the line of the character that starts at body[end]
        return body[:end].decode(codec, errors="replace").count("\n") + 1

    if codec == "utf-8" and b"\x00" in body:
        offset = body.index(b"\x00")
        raise IngestError(
            path,
            f"the file holds a NUL byte at byte {offset + len(bom)}, so it is binary, not text",
            "seeds must be plain text; remove the file or replace it with its text",
            line=line_at(offset),
        )
    try:
        text = body.decode(codec)
    except UnicodeDecodeError as err:
        hint = "save the file as UTF-8 and rebuild"
        if codec == "utf-8" and body[err.start] >= 0x80:
            hint += " (a file written on Windows is often Windows-1252: iconv -f WINDOWS-1252 -t UTF-8)"
        raise IngestError(
            path, f"byte 0x{body[err.start]:02X} at byte {err.start + len(bom)} is not valid {encoding}", hint, line=line_at(err.start)
        ) from None
    if "\x00" in text:
        raise IngestError(
            path,
            f"the text holds a NUL character, so it is binary, not {encoding} text",
            "seeds must be plain text; remove the file or replace it with its text",
            line=text.count("\n", 0, text.index("\x00")) + 1,
        )
    return text, encoding


def ingest(path: Path) -> Seed:
    """Read one seed file."""
    raw = read_regular(path, IngestError, "seed")
    text, encoding = decode(raw, path)
    if not text.strip():
        raise IngestError(path, "the seed has no text", "add its text or remove the file", line=1)
    return Seed(
        path=path,
        raw=raw,
        sha256=hashlib.sha256(raw).hexdigest(),
        encoding=encoding,
        text=normalise_newlines(text),
    )
