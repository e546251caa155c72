"""Plain text: the bytes of a `.txt` or `.md` seed decoded as UTF-8 (or the UTF-16/32 a
byte-order mark names), newlines normalised."""

from __future__ import annotations

import codecs
from pathlib import Path

from ..errors import IngestError


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
