"""The frozen values passed between pipeline stages."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path


@dataclass(frozen=True)
class Seed:
    """A seed file as read from disk: its bytes and the text they decode to."""

    path: Path
    raw: bytes
    sha256: str
    encoding: str
    text: str  # decoded, newlines normalised to "\n"; every character of the file is here

    @property
    def name(self) -> str:
        return self.path.name

    @property
    def stem(self) -> str:
        return self.path.stem


@dataclass(frozen=True)
class Span:
    """A half-open character range [start, end) in `Seed.text`."""

    start: int
    end: int


@dataclass(frozen=True)
class Block:
    """A piece of the seed's text with the place it came from."""

    kind: str  # "title" or "paragraph"; every block is one paragraph unit (`#pN`)
    span: Span
    text: str


@dataclass(frozen=True)
class Document:
    """What parsing made of a seed."""

    seed: Seed
    title: str
    title_basis: str  # "first line" or "file name"
    blocks: tuple[Block, ...]

    def anchor(self, index: int) -> str:
        """The permalink id of `blocks[index]`: every block is a paragraph unit, numbered from 1."""
        return f"p{index + 1}"


@dataclass(frozen=True)
class SeedEntry:
    """A document with its place in the site."""

    document: Document
    slug: str
    group: tuple[str, ...]  # navigation / catalogue group, e.g. ("Undated",)

    @property
    def url(self) -> str:
        return f"seeds/{self.slug}/"


@dataclass(frozen=True)
class Corpus:
    """Every seed, linked and ordered as the site shows them."""

    entries: tuple[SeedEntry, ...]
