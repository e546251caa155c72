"""ingest: a seed file becomes a `Seed` (bytes, sha256, decoded text, encoding)."""

from __future__ import annotations

import codecs
import hashlib
from pathlib import Path

from .errors import IngestError
from .model import Seed

SEED_SUFFIX = ".txt"


def discover(seeds_dir: Path) -> list[Path]:
    """Every seed file in `seeds_dir`, in a stable order (hidden files are skipped)."""
    if not seeds_dir.is_dir():
        raise IngestError(seeds_dir, "the seeds folder does not exist", "create it and put .txt seed files in it")
    return sorted(
        (p for p in seeds_dir.iterdir() if p.suffix == SEED_SUFFIX and not p.name.startswith(".") and p.is_file()),
        key=lambda p: p.name,
    )


def normalise_newlines(text: str) -> str:
    """CRLF and lone CR become LF; nothing else changes."""
    return text.replace("\r\n", "\n").replace("\r", "\n")


def _line_of(raw: bytes, offset: int) -> int:
    return raw.count(b"\n", 0, offset) + 1


def decode(raw: bytes, path: Path) -> tuple[str, str]:
    """Return (text, encoding name) or raise `IngestError` naming the line and byte offset."""
    if raw.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)) and not raw.startswith(codecs.BOM_UTF8):
        raise IngestError(path, "the file is UTF-16 encoded", "save it as UTF-8 and rebuild", line=1)
    if b"\x00" in raw:
        offset = raw.index(b"\x00")
        raise IngestError(
            path,
            f"the file holds a NUL byte at byte {offset}, so it is binary, not text",
            "seeds must be plain text; remove the file or replace it with its text",
            line=_line_of(raw, offset),
        )
    encoding = "UTF-8 with BOM" if raw.startswith(codecs.BOM_UTF8) else "UTF-8"
    body = raw[len(codecs.BOM_UTF8):] if encoding == "UTF-8 with BOM" else raw
    try:
        text = body.decode("utf-8")
    except UnicodeDecodeError as err:
        offset = err.start + (len(raw) - len(body))
        raise IngestError(
            path,
            f"byte 0x{raw[offset]:02X} at byte {offset} is not valid UTF-8",
            "save the file as UTF-8 and rebuild",
            line=_line_of(raw, offset),
        ) from None
    return text, encoding


def ingest(path: Path) -> Seed:
    """Read one seed file."""
    try:
        raw = path.read_bytes()
    except OSError as err:
        raise IngestError(path, f"cannot read the file ({err.strerror})", "check that it exists and is readable") from None
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
