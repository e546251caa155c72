"""A PDF read with pypdf: the text of each page in order, page boundaries kept (`Extracted.pages`),
so that a paragraph is cited with its page. Within a page, pypdf gives the lines as laid out; a
line much shorter than the page's lines ends a paragraph, and the lines of a paragraph are
joined with a space (a line ending in a hyphen joins the next without one). A page with no text
layer (a scan) gives no text: a PDF without any is published with a notice and its original.
The paragraphs are this module's reading of the layout; the lock records the text they make, so
a change here that moved a paragraph would be refused like a new version of pypdf.
The document information dictionary gives the title, author and creation date, and the XMP
metadata (dc:title, dc:creator) what the dictionary does not."""

from __future__ import annotations

import io
import re
from pathlib import Path

from ..errors import IngestError
from . import Extracted, clean, require, stated, stated_date

MAX_PAGES = 5000
_ENDS = (".", "!", "?", ":", ";", '"', "”", "’", ")", "…")
SHORT_LINE = 0.75  # a line shorter than this share of the longer of the lines around it ends its paragraph
# titles that name the file or the program, not the document
_NOT_A_TITLE = re.compile(r"(?i)^(?:microsoft (?:word|powerpoint|excel) - .*|untitled.*|.*\.(?:docx?|pdf|indd|rtf|odt|tex|dvi)|document\d*|title)$")


def page_paragraphs(text: str) -> str:
    """A page's text as paragraphs separated by blank lines: a line much shorter than the lines
    around it (the last line of a paragraph, a heading, a caption) ends its paragraph, and so does
    a line much shorter than the page's lines that ends a sentence or is followed by one that does
    not start in lower case (lines of a narrow column go on); the lines
    of a paragraph are joined with a space, or with nothing after a hyphen before a lower-case letter."""
    lines = [line.strip() for line in clean(text).split("\n")]
    lengths = sorted(len(line) for line in lines if line)
    width = lengths[int(len(lengths) * 0.9)] if len(lengths) >= 5 else (lengths[-1] if lengths else 0)
    out: list[str] = []
    current = ""
    for n, line in enumerate(lines):
        if not line:
            if current:
                out.append(current)
            current = ""
            continue
        if current:
            current += line if current.endswith("-") and line[:1].islower() else " " + line
        else:
            current = line
        following = lines[n + 1] if n + 1 < len(lines) else ""
        around = max(len(lines[n - 1]) if n else 0, len(following))
        short = len(line) < SHORT_LINE * width and (line.endswith(_ENDS) or not following[:1].islower())
        if short or len(line) < SHORT_LINE * around or not following:
            out.append(current)
            current = ""
    if current:
        out.append(current)
    return "\n\n".join(out)


def _xmp(reader, known: set[str]) -> list:
    """The title and creators the XMP metadata gives, for what the document information does not."""
    xmp = reader.xmp_metadata
    if xmp is None:
        return []
    found = []
    if "title" not in known:
        titles = xmp.dc_title or {}
        title = titles.get("x-default") or next(iter(titles.values()), None)
        found += [] if not title or _NOT_A_TITLE.fullmatch(" ".join(title.split())) else stated("title", title, "PDF XMP: dc:title")
    if "author" not in known:
        creators = [c for c in (xmp.dc_creator or []) if isinstance(c, str) and c.strip()]
        found += stated("author", ", ".join(creators[:10]), "PDF XMP: dc:creator")
    return found


def extract(raw: bytes, path: Path) -> Extracted:
    pypdf = require("pypdf", path, "pdf")
    broken = "check that the file is a whole PDF (open it in a viewer), or remove it"
    try:
        reader = pypdf.PdfReader(io.BytesIO(raw), strict=False)
        if reader.is_encrypted:
            try:
                opened = reader.decrypt("")  # encrypted only against changes: it opens without a password
            except Exception:
                opened = 0
            if not opened:
                raise IngestError(path, "the PDF is encrypted with a password", "publish a copy without the password (for example `qpdf --decrypt in.pdf out.pdf`), or remove the file")
        count = len(reader.pages)
        if count > MAX_PAGES:
            raise IngestError(path, f"the PDF has {count:,} pages, more than the {MAX_PAGES:,} seedwiki reads", "split the document")
        texts = [reader.pages[n].extract_text() or "" for n in range(count)]
        info = reader.metadata or {}
        found = stated("title", info.get("/Title"), "PDF document info: Title")
        if found and _NOT_A_TITLE.fullmatch(found[0][1]):
            found = []
        found += stated("author", info.get("/Author"), "PDF document info: Author")
        found += _xmp(reader, {field for field, _, _ in found})
        found += stated_date(info.get("/CreationDate"), "PDF document info: CreationDate")
    except IngestError:
        raise
    except Exception as err:  # pypdf raises many kinds on broken files (and RecursionError on cycles)
        raise IngestError(path, f"the PDF cannot be read ({type(err).__name__})", broken) from None
    if count == 0:
        raise IngestError(path, "the PDF has no pages", broken)
    text, starts = "", []
    for page in texts:
        if text:
            text += "\n\n" if (body := page_paragraphs(page)) else ""
        else:
            body = page_paragraphs(page)
        starts.append(len(text))
        text += body
    notices = () if text.strip() else (
        "the PDF has no text layer (a scan?): its page offers the original; to publish its text, run OCR "
        "(for example `ocrmypdf -l eng+ara in.pdf out.pdf`) and replace the file",)
    return Extracted(text, tuple(starts), tuple(found), notices)
