"""What a seed page says about an original that is not plain text (a PDF, a saved web page, a
Word file, an e-mail, a Markdown file): the original to download with its sha256, the library and
version that extracted the text, the metadata the format states and where, a notice when the
original has no text layer, and the anchors of a PDF's pages. Nothing here for a `.txt` seed."""

from __future__ import annotations

from ..escape import display_name, escape_text
from ..i18n import number, word
from ..link.targets import anchor_label, original_file, page_anchor, page_starts
from ..model import Document, Page, Seed, SeedEntry

_FIELDS = {"title": "col_title", "date": "col_date", "author": "field_author", "outlet": "col_outlet"}  # words.json keys


def download_link(seed: Seed) -> str:
    """A link that downloads the original under its own name."""
    name = original_file(seed)
    return f'<a class="sw-original" href="{escape_text(name or "source.txt")}" download="{escape_text(seed.name)}">{escape_text(display_name(seed.name))}</a>'


def original_notice(entry: SeedEntry) -> str:
    """Under the byline: the original (downloadable), its sha256, and what extracted its text."""
    seed = entry.document.seed
    extraction = seed.extraction
    if extraction is None:
        return ""
    notices = "".join(f'<p class="sw-notice">{escape_text(notice[:1].upper() + notice[1:])}.</p>\n' for notice in extraction.notices)
    said = word("original_notice", format=escape_text(extraction.format), file=download_link(seed), count=number(len(seed.raw)),
                sha256=f"<code>{seed.sha256}</code>", by=escape_text(extraction.by))
    return f'<div class="sw-extracted" data-pagefind-ignore data-search-exclude>\n<p>{said}</p>\n{notices}</div>\n'


def extraction_rows(entry: SeedEntry) -> list[tuple[str, str, str]]:
    """Rows of the "where this page comes from" table: the extractor, the text's sha256, and
    each value the format states with where it was found."""
    extraction = entry.document.seed.extraction
    if extraction is None:
        return []
    source = word("from_extraction")
    rows = [(word("extracted_by"), escape_text(extraction.by), source),
            (word("extracted_sha256"), f'<code>{extraction.text_sha256}</code> (<a href="source.txt">source.txt</a>)', source)]
    if extraction.pages:
        rows.append((word("field_pages"), number(len(extraction.pages)), source))
    rows += [(word("stated_by_file", field=word(_FIELDS[field])), escape_text(value), escape_text(where))
             for field, value, where in extraction.found if field in _FIELDS]
    return rows


def source_file(seed: Seed) -> str:
    """The "Source file" cell: the file as published beside the page."""
    if seed.extraction is None:
        return f'<a href="source.txt">{escape_text(display_name(seed.name))}</a>'
    return download_link(seed)


def page_marks(document: Document) -> dict[int, str]:
    """Per block index, the anchors of the PDF pages that start there (`#page-N`, shown as
    "p. N"); under `len(blocks)` the pages after the last block. Empty for other seeds."""
    return {index: "".join(f'<p id="{page_anchor(n)}" class="sw-page" data-label="{anchor_label(page_anchor(n))}" data-pagefind-ignore>'
                           f'<a class="sw-page-link" href="#{page_anchor(n)}" data-search-exclude>{anchor_label(page_anchor(n))}</a></p>\n'
                           for n in numbers)
            for index, numbers in page_starts(document).items()}


def original_page(entry: SeedEntry) -> Page | None:
    """The original, byte for byte, beside the page (None for a `.txt` seed)."""
    name = original_file(entry.document.seed)
    return None if name is None else Page(f"{entry.url}{name}", entry.document.seed.raw)


def source_text(seed: Seed) -> bytes:
    """`source.txt`: a `.txt` seed's own bytes; for an extracted seed, the extracted text as UTF-8."""
    return seed.raw if seed.extraction is None else seed.text.encode("utf-8")
