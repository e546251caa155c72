"""A PDF read with pypdf: the text of each page in order, page boundaries kept (`Extracted.pages`),
so that a paragraph is cited with its page. Within a page, pypdf gives the lines as laid out; a
line much shorter than the page's lines ends a paragraph, and the lines of a paragraph are
joined with a space (a line ending in a hyphen joins the next without one). A page with no text
layer (a scan) gives no text: a PDF without any is published with a notice and its original.
The paragraphs are this module's reading of the layout; the lock records the text they make, so
a change here that moved a paragraph would be refused like a new version of pypdf.
The document information dictionary gives the title, author and creation date, and the XMP
metadata (dc:title, dc:creator) what the dictionary does not; each only when the first pages give
it (`borne_out`): a file's properties are often another document's (a template's, an earlier
version's, the scanning company's). Without a plausible title there,
the title is a line of the first page only when it stands out: set larger than the page's body
text, in one run, and not repeated at the top or foot of other pages (a running head repeats;
a scan's running head is often its only short line). Otherwise the title is unknown: the page
names the file, and says so."""

from __future__ import annotations

import io
import re
from pathlib import Path

from ..errors import IngestError
from . import Extracted, clean, require, stated, stated_date

MAX_PAGES = 5000
_ENDS = (".", "!", "?", ":", ";", '"', "”", "’", ")", "…")
TITLE_SIZE = 1.25  # a first-page title is set at least this many times larger than the page's body text
TITLE_CHARS = (3, 200)
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


def _xmp(reader, known: set[str], pages: list[str]) -> list:
    """The title and creators the XMP metadata gives, for what the document information does not
    (a title only when the first `pages` bear it out)."""
    xmp = reader.xmp_metadata
    if xmp is None:
        return []
    found = []
    if "title" not in known:
        titles = xmp.dc_title or {}
        title = titles.get("x-default") or next(iter(titles.values()), None)
        found += [] if not title or not _plausible(" ".join(title.split())) or not borne_out(title, pages, TITLE_SHARE) else stated("title", title, "PDF XMP: dc:title")
    if "author" not in known:
        creators = [c for c in (xmp.dc_creator or []) if isinstance(c, str) and c.strip()]
        found += stated("author", ", ".join(creators[:10]), "PDF XMP: dc:creator")
    return found


AUTHOR_PAGES = 3  # a stated title or author is taken only when these first pages give it


TITLE_SHARE = 2 / 3  # of a stated title's words the first pages must hold ("PDF Example Document" over "Example document")


def borne_out(value: str, pages: list[str], share: float = 1.0) -> bool:
    """Whether the first pages give the title or author the file states: at least `share` of its
    words (letters and digits, any case) are words of their text (an author: every one). A file's
    properties are often not the document's: a scanning company ("DSI") or the login of whoever
    made the file as its author, a template's or an earlier version's title; one the text does not
    bear out stays unknown."""
    words = set(re.findall(r"\w+", " ".join(pages).casefold()))
    names = re.findall(r"\w+", value.casefold())
    return bool(names) and sum(name in words for name in names) >= share * len(names)


def _letters(text: str) -> str:
    """A line as compared with other pages: its letters only, in lower case (a running head's
    page number and spacing vary, and an OCR layer misreads a letter here and there)."""
    return "".join(c for c in text.lower() if c.isalpha())


def _size(matrix: list[float], font_size: float) -> float:
    """The height at which text is set: the font size scaled by the text and transformation matrices."""
    return abs(font_size) * (matrix[2] ** 2 + matrix[3] ** 2) ** 0.5


def first_page_title(page, others: list[str]) -> str | None:
    """A line of the first page that is its title: the text set in the largest type on the page,
    when that is at least `TITLE_SIZE` times the size that sets most of its characters, forms one
    run (no body text between its pieces), is a line's length, and is not among the first or last
    lines of another page (`others`: their texts). None when no line is sure to be the title."""
    from pypdf import mult

    runs: list[tuple[float, str]] = []

    def visit(text, cm, tm, font_dict, font_size):
        if text.strip():
            runs.append((round(_size(mult(tm, cm), font_size), 1), text))

    page.extract_text(visitor_text=visit)
    if not runs:
        return None
    weight: dict[float, int] = {}
    for size, text in runs:
        weight[size] = weight.get(size, 0) + len(text.strip())
    body = max(weight, key=lambda s: weight[s])
    largest = max(size for size, _ in runs)
    if largest < TITLE_SIZE * body:
        return None
    at = [n for n, (size, _) in enumerate(runs) if size == largest]
    if at[-1] - at[0] + 1 != len(at):
        return None  # large type in more than one place: headings, not a title
    title = " ".join(" ".join(runs[n][1].split()) for n in at).strip()
    if not TITLE_CHARS[0] <= len(title) <= TITLE_CHARS[1] or len(_letters(title)) < 3:
        return None
    key = _letters(title)
    for text in others:
        lines = [line for line in text.split("\n") if line.strip()]
        if any(key == _letters(line) or (len(key) >= 8 and key in _letters(line)) for line in lines[:3] + lines[-3:]):
            return None  # a running head
    return title


def _plausible(title: str) -> bool:
    """Whether a title the metadata states names the document, not the file or the program."""
    return not _NOT_A_TITLE.fullmatch(title) and len(_letters(title)) >= 3


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
        if found and not (_plausible(found[0][1]) and borne_out(found[0][1], texts[:AUTHOR_PAGES], TITLE_SHARE)):
            found = []
        found += stated("author", info.get("/Author"), "PDF document info: Author")
        found += _xmp(reader, {field for field, _, _ in found}, texts[:AUTHOR_PAGES])
        if not any(field == "title" for field, _, _ in found) and count:
            try:
                line = first_page_title(reader.pages[0], texts[1:])
            except Exception:  # the layout cannot be read: the title is unknown, the text stands
                line = None
            found += stated("title", line, "PDF first page: the line set in the largest type")
        found = [item for item in found if item[0] != "author" or borne_out(item[1], texts[:AUTHOR_PAGES])]
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
        "(for example `ocrmypdf -l eng+ara in.pdf out.pdf`) and add its output as a seed",)
    return Extracted(text, tuple(starts), tuple(found), notices)
