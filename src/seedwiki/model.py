"""The frozen values passed between pipeline stages."""

from __future__ import annotations

from bisect import bisect_right
from collections.abc import Callable
from dataclasses import dataclass, field, fields
from operator import attrgetter
from pathlib import Path
from typing import Any, Final, Literal

# A value the original's format states about it: (field, value, where), e.g. ("title", "Annual
# report", "PDF document info: Title"); fields are title, date, date_precision, author and outlet.
FormatValue = tuple[str, str, str]


def pickled_by_fields(cls: type) -> type:
    """Pickle a slotted dataclass as a call of its class with its fields: the state functions
    `dataclass` gives a slotted class look its fields up for every object, which made a document
    twice as slow to pickle and to load (the parse pool and the parse cache do both)."""
    get = attrgetter(*(f.name for f in fields(cls) if f.init))

    def __reduce__(self: Any) -> tuple[type, tuple]:
        return cls, get(self)

    cls.__reduce__ = __reduce__  # type: ignore[method-assign,assignment]
    return cls


@dataclass(frozen=True)
class Extraction:
    """How the text of an original that is not plain text (a PDF, a saved web page, a Word file,
    an e-mail, a Markdown file) was made: by which library and version, with what result. The
    original stays `Seed.raw`; the text it gave is `Seed.text`."""

    format: str  # "PDF", "HTML", "DOCX", "e-mail", "Markdown"
    extractor: str  # the distribution that extracted the text: "pypdf", "trafilatura", "python-docx", "email", "seedwiki"
    version: str  # its version
    text_sha256: str  # of `Seed.text` as UTF-8: what `permalinks.lock` records
    pages: tuple[int, ...] = ()  # a PDF's pages: where page N starts in `Seed.text` (pages[N - 1])
    found: tuple[FormatValue, ...] = ()  # metadata the format states
    notices: tuple[str, ...] = ()  # what the build log and the page should say (a PDF without a text layer)
    # whether the text's first line may be taken for the title when the format states none: not
    # for a PDF, a Word file or an e-mail, whose format says what their title is (else it is unknown)
    title_from_text: bool = True

    @property
    def by(self) -> str:
        """The extractor as a reader sees it: "pypdf 7.1.1", "email (Python 3.11.7)"."""
        return f"{self.extractor} ({self.version})" if self.version.startswith("Python") else f"{self.extractor} {self.version}"

    def value(self, name: str) -> tuple[str, str] | None:
        """(value, where) of a field the format states, else None."""
        return next(((value, where) for field, value, where in self.found if field == name), None)


@pickled_by_fields
@dataclass(frozen=True, slots=True)
class Seed:
    """A seed file as read from disk: its bytes and the text every page, quote and check uses. For
    a `.txt` seed the text is the file decoded; for any other format (`extraction` set), the bytes
    are the original, kept and published as they are, and the text is what its extractor made."""

    path: Path
    raw: bytes
    sha256: str
    encoding: str
    text: str  # decoded (or extracted), newlines normalised to "\n"; every character of a .txt file is here
    extraction: Extraction | None = None  # None for a .txt seed

    def page_of(self, offset: int) -> int | None:
        """The number of the PDF page (from 1) that the text at `offset` is on; None without pages."""
        pages = self.extraction.pages if self.extraction else ()
        if not pages:
            return None
        return max(1, bisect_right(pages, offset))

    @property
    def name(self) -> str:
        return self.path.name

    @property
    def stem(self) -> str:
        return self.path.stem


@pickled_by_fields
@dataclass(frozen=True, slots=True)
class Span:
    """A half-open character range [start, end) in `Seed.text`."""

    start: int
    end: int


# A source URL as curation and front matter accept it: http(s), no whitespace or control characters.
SOURCE_URL_PATTERN = r"^https?://[^\s\x00-\x1f\x7f-\x9f]+\Z"
# A tag is a label: words, spaces, hyphens and apostrophes. Material's tags plugin prints tags as
# given (unescaped), so a tag from a sidecar or from front matter must match this to be used.
TAG_PATTERN = r"^[^\W_][\w .'’-]{0,59}\Z"

# Block kinds. Every block is one paragraph unit (`#pN`), whatever its kind.
BlockKind = Literal["title", "title-repeat", "timestamp", "dateline", "byline", "credit", "question", "answer", "turn", "boilerplate", "paragraph"]
TITLE: Final = "title"
TITLE_REPEAT: Final = "title-repeat"
TIMESTAMP: Final = "timestamp"
DATELINE: Final = "dateline"
BYLINE: Final = "byline"
CREDIT: Final = "credit"
QUESTION: Final = "question"
ANSWER: Final = "answer"
TURN: Final = "turn"
BOILERPLATE: Final = "boilerplate"
PARAGRAPH: Final = "paragraph"


@pickled_by_fields
@dataclass(frozen=True, slots=True)
class Block:
    """A piece of the seed's text with the place it came from."""

    kind: BlockKind
    span: Span
    text: str
    lang: str = "und"  # BCP 47 primary tag from the block's script and words, "und" when unsure
    number: int | None = None  # a question's number: its own in the source, else its order
    speaker: str | None = None  # the label a turn starts with ("MR. KIRBY", "Q", "A")


# Why a quotation has its speaker: named in its attribution clause ("…," said X; X said; according
# to X); named earlier in its own sentence (X told reporters on Monday: "…"); resolved from the
# paragraph `Quote.resolved_from`, the one that named the only speaker a pronoun or role can mean;
# an interview's answer (the interviewee); a transcript's turn (its label); or none: unknown.
QuoteBasis = Literal["clause", "sentence", "resolved", "interviewee", "turn", "none"]
# What the words are: a quotation in quotation marks, a statement reported without them, an
# interview's answer, a transcript speaker's turn.
QuoteForm = Literal["quoted", "unquoted", "answer", "turn"]


@pickled_by_fields
@dataclass(frozen=True, slots=True)
class Quote:
    """Someone's words in a block, and who said them (None when the text does not say)."""

    block: int  # index into Document.blocks
    span: Span
    text: str
    speaker: str | None
    basis: QuoteBasis
    form: QuoteForm = "quoted"
    resolved_from: int | None = None  # for basis "resolved": the block that named the speaker


@pickled_by_fields
@dataclass(frozen=True, slots=True)
class Metadata:
    """What is known about a seed as a whole. None means unknown."""

    title: str | None = None
    date: str | None = None  # ISO 8601 at its precision: "2022-01-23", "2022-01" or "2022"
    date_precision: str | None = None  # "day", "month" or "year"
    date_basis: str | None = None  # "stated" or "inferred"
    date_reason: str | None = None
    date_source: str | None = None  # where a stated date is: "front matter" or "date line"
    outlet: str | None = None
    source_url: str | None = None
    archive_url: str | None = None  # an archived copy of the original (a sidecar's `archive_url`)
    kind: str | None = None  # "interview", "transcript", "press release", "news article", "statement"
    language: str | None = None
    summary: str | None = None
    tags: tuple[str, ...] = ()
    speakers: tuple[tuple[str, str], ...] = ()  # (role, name)
    byline: str | None = None
    dateline: str | None = None
    author: str | None = None  # the front matter's author(s), else the byline


@pickled_by_fields
@dataclass(frozen=True, slots=True)
class Document:
    """What parsing (and then curation) made of a seed."""

    seed: Seed
    title: str
    title_basis: str  # "front matter", "first line", "file name" or "curated"
    blocks: tuple[Block, ...]
    detected: Metadata = Metadata()
    quotes: tuple[Quote, ...] = ()
    curated: Metadata | None = None  # the sidecar's values, when there is one
    slug: str | None = None  # a curated slug
    slug_line: int | None = None  # the line of `slug:` in the sidecar, for errors
    note: str | None = None  # the curator's Markdown commentary
    notices: tuple[str, ...] = ()  # what the build log should say about the seed (unreadable front matter)
    # `question_of` and `meta`, made on first use and kept (not part of what the document is)
    _question_of: tuple[int | None, ...] | None = field(default=None, init=False, repr=False, compare=False)
    _meta: Metadata | None = field(default=None, init=False, repr=False, compare=False)

    @property
    def question_of(self) -> tuple[int | None, ...]:
        """Per block, the number of the question whose unit it belongs to: a numbered question and
        the answers that follow it are one unit (`#qN`); other blocks belong to none."""
        if (found := self._question_of) is None:
            found = self._questions()
            object.__setattr__(self, "_question_of", found)
        return found

    def _questions(self) -> tuple[int | None, ...]:
        owners: list[int | None] = []
        current: int | None = None
        for block in self.blocks:
            if block.kind == QUESTION:
                current = block.number
            elif block.kind != ANSWER:
                current = None if block.kind != BOILERPLATE else current
                owners.append(None)
                continue
            owners.append(current)
        return tuple(owners)

    @property
    def meta(self) -> Metadata:
        """The metadata the site shows: each value the curated one when the sidecar sets it, else
        the detected one."""
        if (found := self._meta) is None:
            found = self._shown_meta()
            object.__setattr__(self, "_meta", found)
        return found

    def _shown_meta(self) -> Metadata:
        if self.curated is None:
            return self.detected
        return Metadata(**{f.name: curated if (curated := getattr(self.curated, f.name)) not in (None, ()) else getattr(self.detected, f.name)
                           for f in fields(Metadata)})

    def value(self, name: str):
        """`meta`'s value called `name` (for code that walks several fields by name)."""
        return getattr(self.meta, name)

    def is_curated(self, name: str) -> bool:
        return self.curated is not None and getattr(self.curated, name) not in (None, ())


@dataclass(frozen=True, slots=True)
class SeedEntry:
    """A document with its place in the site."""

    document: Document
    slug: str
    group: tuple[str, ...]  # navigation / catalogue group, e.g. ("Undated",)
    url: str = field(init=False, repr=False, compare=False)  # its page, "seeds/<slug>/": one string, however many facts hold it

    def __post_init__(self) -> None:
        object.__setattr__(self, "url", f"seeds/{self.slug}/")


@dataclass(frozen=True)
class Corpus:
    """Every seed, linked and ordered as the site shows them."""

    entries: tuple[SeedEntry, ...]


# --- what render makes and write writes ------------------------------------------------------


@dataclass(frozen=True)
class Page:
    """One generated file: its path under docs/ and its bytes."""

    path: str
    content: bytes


@dataclass(frozen=True)
class Deferred:
    """A page rendered (`make`) by the write stage, unless the build's memo (`memo.Memo`) says its
    file was written from equal `inputs` and is untouched: everything the page depends on besides
    the build's context (the glossary) is in `inputs`."""

    path: str
    inputs: Any
    make: Callable[[], Page]
