"""ingest: a seed file becomes a `Seed` (bytes, sha256, decoded text, encoding). A `.txt` seed is
decoded; any other format (`extract.FORMATS`: .md, .eml, .html, .htm, .pdf, .docx) is an original
whose text its extractor makes (`extract`), kept with the original's bytes."""

from __future__ import annotations

import errno
import hashlib
import os
import stat
from collections.abc import Mapping
from pathlib import Path

from .errors import IngestError, SeedwikiError
from .extract import SUFFIXES as EXTRACTED_SUFFIXES
from .extract.text import decode, normalise_newlines
from .model import Seed

SEED_SUFFIX = ".txt"
SEED_SUFFIXES = (SEED_SUFFIX, *EXTRACTED_SUFFIXES)  # every file name ending a seed can have
SIDECAR_SUFFIX = ".yml"
FOLDER_NOTES = ("readme.md",)  # the seeds folder's own notes: never a seed


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
    return mode_kind(mode)


def mode_kind(mode: int) -> str:
    """What an entry of this mode is, as `entry_kind` says it."""
    return "file" if stat.S_ISREG(mode) else _kind(mode)


def discover(seeds_dir: Path, listed: Mapping[str, str] | None = None) -> list[Path]:
    """Every seed file in `seeds_dir`, in a stable order. Hidden entries (`.name`) are skipped.

    Only regular files are read. A symbolic link, a folder (a subfolder, or one named `x.txt`), a
    named pipe or a device in seeds/ is an error, whatever its name; regular files that are neither
    seeds nor sidecars are listed by `ignored_files`. `listed`: the folder's entries and what each
    is (`entry_kind`), as the build's fingerprint found them a moment before: not asked again.
    """
    try:
        if not stat.S_ISDIR(seeds_dir.lstat().st_mode):
            raise IngestError(seeds_dir, "the seeds folder is not a folder (or is a symbolic link)", "make seeds/ a plain folder holding the .txt seed files")
        names = sorted(os.listdir(seeds_dir)) if listed is None else list(listed)
    except FileNotFoundError:
        raise IngestError(seeds_dir, "the seeds folder does not exist", "create it and put .txt seed files in it") from None
    except OSError as err:
        raise IngestError(seeds_dir, f"cannot list the seeds folder ({err.strerror})", "check that it is readable") from None
    seeds = []
    for name in names:
        if name.startswith("."):
            continue
        path = seeds_dir / name
        kind = entry_kind(path) if listed is None else listed[name]
        if kind is None:
            continue  # removed while listing
        if kind != "file":
            hint = "seeds/ holds only seed files: put the seeds of a subfolder into seeds/ itself" if kind == "a folder" else "replace it with a plain file, or remove it"
            if kind == "a symbolic link":
                hint = "replace the link with the file itself (seedwiki never follows links: one could publish any file of the machine that builds)"
            raise IngestError(path, f"this is {kind}, not a regular file", hint)
        if name.endswith(SEED_SUFFIXES) and name.lower() not in FOLDER_NOTES:
            seeds.append(path)
    return seeds


def ignored_files(seeds_dir: Path) -> list[Path]:
    """Regular files in seeds/ that are neither seeds (`SEED_SUFFIXES`) nor sidecars (`.yml`): not published."""
    names = [name for name in sorted(os.listdir(seeds_dir))  # names sorted: the paths' order, without comparing paths
             if not name.startswith(".") and (not name.endswith((*SEED_SUFFIXES, SIDECAR_SUFFIX)) or name.lower() in FOLDER_NOTES)]
    return [path for path in (seeds_dir / name for name in names) if entry_kind(path) == "file"]


def ingest(path: Path) -> Seed:
    """Read one seed file: a `.txt` file decoded, any other format's original with its extracted text."""
    if path.suffix.lower() in SEED_SUFFIXES and path.suffix not in SEED_SUFFIXES:  # "Page.HTML": not a seed's name
        raise IngestError(path, f"a seed's name ends in {path.suffix.lower()}, in lower case (seedwiki does not publish this name)",
                          f"rename it to {path.stem}{path.suffix.lower()}")
    raw = read_regular(path, IngestError, "seed")
    if path.suffix != SEED_SUFFIX and path.suffix in EXTRACTED_SUFFIXES:
        return _extracted(path, raw)
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


def _extracted(path: Path, raw: bytes) -> Seed:
    """An original and the text its extractor makes. A PDF without a text layer (scanned) is a
    seed without text: its page says so and offers the original."""
    from .extract import extract

    text, extraction = extract(raw, path)
    if not text.strip() and not extraction.pages:
        raise IngestError(path, f"the {extraction.format} file has no text that {extraction.by} can extract", "add its text or remove the file", line=None)
    return Seed(
        path=path,
        raw=raw,
        sha256=hashlib.sha256(raw).hexdigest(),
        encoding="UTF-8" if extraction.format == "Markdown" else extraction.format,
        text=text,
        extraction=extraction,
    )
