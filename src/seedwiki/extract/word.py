"""A Word file (`.docx`) read with python-docx: its paragraphs and tables in document order (a
table row on one line, its cells separated by " | "), and its core properties (title, author,
created). The title property is not taken when it is the start of the first paragraph (Word
fills it in from the first line of a document saved without one: "Appendix B", "Department:
Department Of Veterans Affairs"), names a template ("Word Document") or is not found in the
document's opening paragraphs (a property left from another document or a template: "Radiation
Exposure Compensation Trust Fund" over a report headed "Radiation Exposure Compensation Act Trust
Fund"). Without it, the title is
the paragraph styled Title, else the first paragraph when it is the document's one paragraph
styled Heading 1; else it is unknown (a first paragraph in body type is as often a salutation,
a date, an agency's name or a line of text as a title). The package is checked before python-docx opens it: a ZIP that would expand to more
than `MAX_EXPANDED_BYTES`, or holds more than `MAX_MEMBERS` files, is refused (a zip bomb)."""

from __future__ import annotations

import io
import zipfile
from pathlib import Path

from ..errors import IngestError
from . import Extracted, paragraphs, require, stated, stated_date

MAX_EXPANDED_BYTES = 256 * 1024 * 1024
MAX_MEMBERS = 10_000
MAX_RATIO = 200  # a member that expands more than this many times its compressed size (and is over 1 MiB)


def _check_package(raw: bytes, path: Path) -> None:
    try:
        with zipfile.ZipFile(io.BytesIO(raw)) as package:
            members = package.infolist()
    except (zipfile.BadZipFile, OSError, ValueError, EOFError):
        raise IngestError(path, "the file is not a Word document (.docx files are ZIP packages)",
                          "save it again from the word processor as .docx (an old .doc must be converted), or remove it") from None
    if len(members) > MAX_MEMBERS:
        raise IngestError(path, f"the .docx package holds {len(members):,} files", "save it again from the word processor, or remove it")
    total = sum(m.file_size for m in members)
    bomb = next((m for m in members if m.file_size > 2**20 and m.file_size > MAX_RATIO * max(1, m.compress_size)), None)
    if total > MAX_EXPANDED_BYTES or bomb is not None:
        raise IngestError(path, f"the .docx package would expand to {total / 2**20:,.0f} MiB" + (f" ({bomb.filename} {bomb.file_size // max(1, bomb.compress_size):,} times its size)" if bomb else ""),
                          "this is not an ordinary Word document (a zip bomb?); remove it, or save its text as a .txt seed")


OPENING = 30  # paragraphs: a title page, a memo's heading lines
_TEMPLATE_TITLES = frozenset({"word document", "document", "title", "untitled", "normal", "template"})


def _letters(text: str) -> str:
    return "".join(c for c in text.lower() if c.isalnum())


def property_title(title: str | None, paragraphs: list) -> str | None:
    """The title property, unless it is empty, a template's name, Word's copy of the start of
    the first paragraph (a first paragraph styled Title or Heading 1 is the title either way: see
    `styled_title`), or not found (letters and digits compared) in the first `OPENING` paragraphs."""
    if not isinstance(title, str) or not (key := _letters(title)) or " ".join(title.lower().split()) in _TEMPLATE_TITLES:
        return None
    first = next((p for p in paragraphs if p.text.strip()), None)
    if first is not None and _letters(first.text).startswith(key):
        return None
    opening = "".join(_letters(p.text) for p in paragraphs[:OPENING])
    return title if key in opening else None


def styled_title(paragraphs: list) -> tuple[str, str] | None:
    """(title, basis) from the paragraphs' styles: the first paragraph styled Title, else the first
    non-empty paragraph when it is styled Heading 1 and no other paragraph is (several are the
    document's sections); None when the styles do not say."""
    named = [(p.style.name if p.style is not None else "", " ".join(p.text.split())) for p in paragraphs]
    named = [(style, text) for style, text in named if text]
    title = next((text for style, text in named if style == "Title"), None)
    if title:
        return title, "DOCX paragraph styled Title"
    headings = [text for style, text in named if style == "Heading 1"]
    if named and named[0][0] == "Heading 1" and len(headings) == 1:
        return headings[0], "DOCX first paragraph, styled Heading 1"
    return None


def extract(raw: bytes, path: Path) -> Extracted:
    _check_package(raw, path)
    docx = require("docx", path, "docx")
    try:
        document = docx.Document(io.BytesIO(raw))
        parts: list[str] = []
        for item in document.iter_inner_content():
            if hasattr(item, "rows"):
                for row in item.rows:
                    cells = list(dict.fromkeys(cell.text.strip() for cell in row.cells))  # merged cells repeat
                    parts.append(" | ".join(c for c in cells if c))
            else:
                parts.append(item.text)
        core = document.core_properties
        found = stated("title", property_title(core.title, document.paragraphs), "DOCX core properties: title")
        if not found and (styled := styled_title(document.paragraphs)):
            found = stated("title", *styled)
        found += stated("author", core.author, "DOCX core properties: author")
        found += stated_date(core.created, "DOCX core properties: created")
    except IngestError:
        raise
    except Exception as err:
        raise IngestError(path, f"the Word document cannot be read ({type(err).__name__})",
                          "open it in a word processor and save it again as .docx, or remove it") from None
    return Extracted(paragraphs(parts), found=tuple(found))
