"""A Markdown file: its text, verbatim, decoded as a `.txt` seed is. It is never rendered as
Markdown: a heading mark or a link stays the characters it is."""

from __future__ import annotations

from pathlib import Path

from . import Extracted
from .text import decode, normalise_newlines


def extract(raw: bytes, path: Path) -> Extracted:
    text, _ = decode(raw, path)
    return Extracted(normalise_newlines(text))
