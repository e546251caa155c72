"""The seed page: the title, a one-line byline, then the text as its source reads; what the seed
mentions and where the page comes from after it. Every string from the seed goes through
`escape_text`."""

from __future__ import annotations

import dataclasses
import json
import re
from bisect import bisect_left, bisect_right
from collections.abc import Sequence
from dataclasses import dataclass
from urllib.parse import quote as url_quote

from ..citation import Item, apa, bibliography, chicago, entry_item, human_date, names_text, quote_note, sentence
from ..escape import display_name, escape_text
from ..i18n import date_text, language_name, number, page_direction, source_kind, word
from ..link import slugify
from ..link.targets import (
    Target,
    anchor_label,
    block_label,
    entry_targets,
    paragraph_anchor,
    paragraph_range,
    part_anchors,
    part_page,
    question_anchor,
    seed_parts,
)
from ..model import BOILERPLATE, QUESTION, TITLE, Block, Document, Page, SeedEntry
from ..parse import RTL_LANGUAGES
from .html import TocEntry, heading, href, html_page, html_table, script_runs
from .original import extraction_rows, original_notice, page_marks, source_file


def _lang_attrs(block: Block, around: str | None = None) -> str:
    """A block's `lang` and `dir`, unless it is in the language of the text around it (`around`),
    which says them once."""
    if block.lang == "und" or block.lang == around:
        return ""
    return f' lang="{block.lang}"' + (' dir="rtl"' if block.lang in RTL_LANGUAGES else "")


def _permalink(anchor: str, paragraph: str = "") -> str:
    """A block's number (¶12; Q8 with its question's ¶17 below it) as its permalink, shown in the
    margin by CSS (`data-n`) so that it is not part of the text: not selected, copied, searched or
    matched by text fragments. (The link holds no text, so search has nothing to leave out; its
    name is its `aria-label`. A long transcript has thousands: the markup is kept short.)"""
    number = anchor_label(anchor)
    also = anchor_label(paragraph) if paragraph else ""
    shown = f"{number}&#10;{also}" if also else number
    name = f"{number} ({also})" if also else number
    return f'<a class="sw-permalink" href="#{anchor}" data-n="{shown}" aria-label="{word("permalink_label", name=name)}"></a>'


def linked_text(text: str, links: list[tuple[int, int, str]], runs: bool = False) -> str:
    """Escaped text with raw HTML links on the given spans: the words stay as they are. `runs`:
    runs of Arabic script marked with their language and direction (`html.script_runs`)."""
    mark = script_runs if runs else (lambda escaped: escaped)
    out, position = [], 0
    for start, end, url in sorted(links):
        out.append(mark(escape_text(text[position:start])) + f'<a href="{url}">{mark(escape_text(text[start:end]))}</a>')
        position = end
    out.append(mark(escape_text(text[position:])))
    return "".join(out)


@dataclass(frozen=True)
class QuoteMark:
    """A quotation where it stands in a block: its span in the block's text, who says it and where
    that speaker's quotations are listed."""

    start: int
    end: int
    speaker: str
    href: str


def marked_text(text: str, links: list[tuple[int, int, str]], quotes: Sequence[QuoteMark] = (), hidden: int = 0, runs: bool = False) -> str:
    """Escaped text with entity links and quotations marked where they stand. A quotation is a
    `<span class="sw-quote">` that names its speaker (shown on hover and focus, assets/js/preview.js); a link
    that crosses a quotation's edge is left out, so that the markup nests. The first `hidden`
    characters (a question's own number in the source, shown once in the margin) are kept in a
    `sw-srcnum` span."""
    out, position = [], 0
    if hidden:
        out.append(f'<span class="sw-srcnum">{escape_text(text[:hidden])}</span>')
        position = hidden
        links = [link for link in links if link[0] >= hidden]
    links = sorted(links)
    starts = [start for start, _, _ in links]

    def within(lo: int, hi: int) -> list[tuple[int, int, str]]:
        """The links in text[lo:hi], as offsets from `lo` (found by their starts: linear in a
        paragraph with thousands of links and quotations)."""
        return [(s - lo, e - lo, h) for s, e, h in links[bisect_left(starts, lo):bisect_right(starts, hi)] if e <= hi]

    for quote in sorted(quotes, key=lambda q: q.start):
        if quote.start < position or quote.end <= quote.start:
            continue
        out.append(linked_text(text[position:quote.start], within(position, quote.start), runs))
        inside = within(quote.start, quote.end)
        who = escape_text(quote.speaker)
        out.append(f'<span class="sw-quote" data-speaker="{who}">{linked_text(text[quote.start:quote.end], inside, runs)}</span>'
                   f'<a class="sw-quote-by" href="{quote.href}" data-speaker="{who}" aria-label="{word("quoted_by", who=who)}" '
                   'data-search-exclude data-pagefind-ignore></a>')
        position = quote.end
    out.append(linked_text(text[position:], within(position, len(text)), runs))
    return "".join(out)


def _paragraph(document: Document, index: int, block: Block, links: Sequence[tuple[int, int, str]] = (), quotes: Sequence[QuoteMark] = (), speaker: str = "") -> str:
    anchor = paragraph_anchor(index)
    who = f' data-speaker="{escape_text(speaker)}"' if speaker else ""
    return (f'<p id="{anchor}" class="sw-p sw-{block.kind}" data-label="{block_label(document, index)}"{who}{_lang_attrs(block, document.meta.language)}>'
            f'{_permalink(anchor)}{marked_text(block.text, list(links), quotes, runs=block.lang not in RTL_LANGUAGES)}</p>\n')


_SOURCE_NUMBER = re.compile(r"(?:Q\s*)?(\d{1,3})\s*(?:-|\.|\)|–|:)\s*")


TOC_WORDS = 72  # characters of a question shown in the page's table of contents
TOC_MOST = 120  # questions listed in the contents at most: a long transcript lists every n-th
LONG_TEXT = 400  # blocks in a text drawn only near the screen (`sw-long`, seedwiki.css); the page script's EAGER_MOST
SOURCE_INLINE = 200_000  # characters of source text copied into the page at most; a longer one is linked


def source_number(block: Block) -> int:
    """How many characters at the start of a numbered question are its own number in the source
    ("8- ", "Q8: "): the page shows the number once, in the margin."""
    m = _SOURCE_NUMBER.match(block.text)
    return m.end() if m and block.number is not None and int(m.group(1)) == block.number else 0


def speaker_roles(document: Document) -> tuple[str, str]:
    """Who asks and who answers in an interview: the curated speakers, else "Question" and "Answer"
    (in the site's language)."""
    speakers = dict(document.meta.speakers or ())
    return speakers.get("interviewer") or word("question"), speakers.get("interviewee") or word("answer")


def _body(document: Document, links: dict[int, list[tuple[int, int, str]]], quotes: dict[int, list[QuoteMark]] | None = None,
          toc: list[TocEntry] | None = None, shown: range | None = None) -> str:
    """The reading view: questions as headings, page furniture folded away, every block anchored,
    `links` (per block: start, end, href) made into links, `quotes` marked where they stand.

    A numbered question and its answers are one unit, `<div id="qN" class="sw-unit">`; the question
    is a heading inside it (listed in `toc`, the page's table of contents) with its own paragraph id. The question and the first block of its answer name their speaker (`data-speaker`, shown by
    CSS, so that it is not part of the text). `shown`: the blocks of one part of a long seed (all by default)."""
    quotes = quotes or {}
    shown = range(len(document.blocks)) if shown is None else shown
    pages = page_marks(document)
    asker, answerer = speaker_roles(document)
    out: list[str] = []
    furniture: list[str] = []
    unit: int | None = None  # the question whose unit is open
    answered = True  # the open unit's answer has started
    for index in shown:
        block = document.blocks[index]
        if block.kind == BOILERPLATE:
            furniture.append(pages.get(index, "") + _paragraph(document, index, block))
            continue
        starts = block.kind == QUESTION and block.number is not None
        if unit is not None and (starts or document.question_of[index] != unit):
            out.append("</div>\n")  # furniture after a unit's last answer stays outside it
            unit = None
        if furniture:
            out.append(_furniture(furniture))
            furniture = []
        out.append(pages.get(index, ""))
        if block.kind == TITLE:
            continue
        if block.kind == QUESTION and block.number is not None:
            unit = block.number
            answered = False
            anchor, question = paragraph_anchor(index), question_anchor(unit)
            text = marked_text(block.text, links.get(index, []), hidden=source_number(block), runs=block.lang not in RTL_LANGUAGES)
            out.append(f'<div id="{question}" class="sw-unit">\n')
            attrs = f' class="sw-q" data-label="{anchor_label(question)}" data-pagefind-weight="3" data-speaker="{escape_text(asker)}"'
            out.append(heading(3, anchor, _permalink(question, anchor) + text, attrs) + "\n")
            if toc is not None:
                # the contents name a question by its number once, and its first words
                words = escape_text(shorten(block.text[source_number(block):], TOC_WORDS))
                toc.append((3, anchor, f"{anchor_label(question)} · " + _in_own_direction(document, words)))
        else:
            speaker = ""
            if unit is not None and not answered:
                speaker, answered = answerer, True
            out.append(_paragraph(document, index, block, links.get(index, []), quotes.get(index, []), speaker))
    if unit is not None:
        out.append("</div>\n")
    if furniture:
        out.append(_furniture(furniture))
    if shown.stop == len(document.blocks):
        out.append(pages.get(len(document.blocks), ""))
    return "".join(out)


def _in_own_direction(document: Document, escaped: str) -> str:
    """Escaped seed text where the interface shows it (the contents), set in the text's own direction
    when the interface is written the other way (an English seed in an Arabic site)."""
    lang = document.meta.language
    if not lang or lang == "und":
        return escaped
    own = "rtl" if lang in RTL_LANGUAGES else "ltr"
    return escaped if own == page_direction() else f'<span lang="{escape_text(lang)}" dir="{own}">{escaped}</span>'


def _furniture(paragraphs: list[str]) -> str:
    return (
        f'<details class="sw-furniture">\n<summary>{word("furniture")}</summary>\n'
        + "".join(paragraphs) + "</details>\n"
    )


def _field(document: Document, name: str) -> str:
    return word("from_curated") if document.is_curated(name) else word("from_detected")


_TITLE_BASES = {"curated": "from_curated", "first line": "title_first_line", "front matter": "title_front_matter", "file name": "title_file_name"}
_DATE_BASES = {"stated": "date_stated", "inferred": "date_inferred"}
_PRECISIONS = {"day": "precision_day", "month": "precision_month", "year": "precision_year"}


def _known(words: dict[str, str], value: str) -> str:
    """`value` in the site's language when the table has it, else as it is (escaped)."""
    return word(words[value]) if value in words else escape_text(value)


def _header_rows(entry: SeedEntry) -> list[tuple[str, str, str]]:
    document, seed = entry.document, entry.document.seed
    title_basis = _TITLE_BASES.get(document.title_basis)
    rows = [(word("col_title"), escape_text(display_name(document.title)), word(title_basis) if title_basis else escape_text(document.title_basis))]
    date = document.meta.date
    if date:
        basis = _known(_DATE_BASES, document.meta.date_basis or "stated")
        precision = _known(_PRECISIONS, document.meta.date_precision or "day")
        reason = document.meta.date_reason
        text = f"{date} ({precision}; {basis}" + (f": {escape_text(reason)}" if reason else "") + ")"
        rows.append((word("col_date"), text, _field(document, "date")))
    else:
        rows.append((word("col_date"), word("date_not_stated"), word("from_detected")))
    for label, name in (("col_kind", "kind"), ("col_outlet", "outlet"), ("field_language", "language")):
        value = document.value(name)
        value = source_kind(value) if value and name == "kind" else value
        if value and name == "language":  # "Arabic (ar)"; "und" (undetermined) is unknown
            named = language_name(value)
            value = None if value == "und" else value if named == value else f"{named} ({value})"
        rows.append((word(label), escape_text(value) if value else word("unknown"), _field(document, name)))
    speakers = document.meta.speakers
    if speakers:
        rows.append((word("field_speakers"), "; ".join(f"{escape_text(role)}: {escape_text(name)}" for role, name in speakers), _field(document, "speakers")))
    for label, name in (("field_byline", "byline"), ("field_dateline", "dateline")):
        if value := document.value(name):
            rows.append((word(label), escape_text(value), word("from_detected")))
    if url := document.meta.source_url:
        rows.append((word("field_original"), f'<a href="{escape_text(url)}">{escape_text(url)}</a>', word("from_curated")))
    if tags := document.meta.tags:
        rows.append((word("field_tags"), ", ".join(escape_text(t) for t in tags), word("from_curated")))
    file = word("from_file")
    rows += [
        (word("col_source_file"), source_file(seed), file),
        (word("field_sha256"), f"<code>{seed.sha256}</code>", file),
        (word("field_size"), word("size_value", count=number(len(seed.raw)), encoding=seed.encoding), file),
        (word("col_paragraphs"), number(len(document.blocks)), file),
    ]
    return rows + extraction_rows(entry)


def shorten(text: str, limit: int) -> str:
    text = " ".join(text.split())
    return text if len(text) <= limit else text[: limit - 1].rstrip() + "…"


def _note(document: Document) -> str:
    """The curator's note, folded, marked as curation: Markdown without raw HTML (`note.note_html`)."""
    if not document.note:
        return ""
    from .note import note_html  # markdown-it imported for a seed with a note only (0.035 s of CPU a build otherwise)

    return (f'<details class="note sw-note" data-pagefind-ignore>\n<summary>{word("curator_note")}</summary>\n'
            + note_html(document.note) + "</details>\n\n")


def byline(entry: SeedEntry, here: str) -> str:
    """One line under the title: outlet · date (or "undated") · kind · speakers, the date linked to
    the catalogue (the tags follow the text, `tags_line`)."""
    document = entry.document
    parts = []
    if outlet := document.meta.outlet:
        parts.append(f'<span class="sw-outlet" dir="auto">{escape_text(outlet)}</span>')
    date = document.meta.date
    when = f'<time datetime="{escape_text(date)}">{escape_text(date_text(date))}</time>' if date else word("undated")
    parts.append(f'<a href="{href(here, "catalogue/index.md")}">{when}</a>')
    if kind := document.meta.kind:
        parts.append(escape_text(source_kind(kind)))
    names = [name for _, name in document.meta.speakers or () if name != document.meta.outlet]
    if names:
        parts.append('<span class="sw-speakers" dir="auto">' + ", ".join(escape_text(n) for n in dict.fromkeys(names)) + "</span>")
    return '<p class="sw-meta">' + " · ".join(parts) + "</p>\n\n"


def tags_line(entry: SeedEntry, here: str) -> str:
    """The curated tags, linked to the tags page: after the text, so that the byline stays one line."""
    tags = entry.document.meta.tags or ()
    if not tags:
        return ""
    return (f'<p class="sw-taglist">{word("tags_label")} ' + " ".join(
        f'<a href="{href(here, "tags/index.md", "tag:" + escape_text(slugify(t)))}">#{escape_text(t)}</a>' for t in tags) + "</p>\n\n")


def _facets(entry: SeedEntry, entities: tuple[str, ...], title: str = "") -> str:
    """What search's filters narrow by (section, outlet, kind, language, year, tag, entity) and what a
    result shows, as Pagefind metadata in an element that is never shown. (Metadata, not Pagefind's
    filters: its filter index differs from build to build, and the site is byte-identical.)"""
    document = entry.document
    date = document.meta.date
    facets = {
        "section": [word("section_seeds")],
        "outlet": [document.meta.outlet or word("unknown")],
        "kind": [source_kind(document.meta.kind) if document.meta.kind else word("unknown")],
        "language": [language_name(document.meta.language)],
        "year": [date[:4] if date else word("undated")],
        "tag": list(document.meta.tags or ()),
        "entity": list(entities),
    }
    meta = (f'<span data-pagefind-meta="facets">{escape_text(json.dumps(facets, ensure_ascii=False))}</span>'
            f'<span data-pagefind-meta="date">{escape_text(date_text(date) if date else word("undated"))}</span>')
    if lang := document.meta.language:
        meta += f'<span data-pagefind-meta="lang">{escape_text(lang)}</span>'
    if title:  # a long seed's later part: found as "Title (part k of n)"
        meta += f'<span data-pagefind-meta="title">{title}</span>'
    return f'<div class="sw-facets" hidden data-pagefind-ignore data-search-exclude>{meta}</div>\n\n'


def _about(entry: SeedEntry) -> str:
    """After the text: the curated summary, and folded away the provenance (which values are
    curated or detected, the file, its SHA-256, size and encoding) and the source text itself."""
    document = entry.document
    summary = document.meta.summary
    return (
        heading(2, "about", word("about")) + "\n\n"
        + (f'<p class="sw-summary"><span class="sw-curated">{word("summary_label")}</span> {escape_text(summary)}</p>\n\n' if summary else "")
        + f'<details class="sw-about" data-pagefind-ignore>\n<summary>{word("about_details")}</summary>\n'
        + html_table((word("col_field"), word("col_value"), word("col_from")), _header_rows(entry), "sw-card")
        + "</details>\n"
        + _source_copy(entry)
    )


def _source_copy(entry: SeedEntry) -> str:
    """The source text exactly as written, folded; a long one (over `SOURCE_INLINE` characters) is
    linked, not copied into the page a second time."""
    document, seed = entry.document, entry.document.seed
    if len(seed.text) > SOURCE_INLINE:
        return (f'<p class="sw-source">{word("source_linked")} <a href="source.txt">{escape_text(display_name(seed.name))}</a> '
                f'{word("bytes_count", count=number(len(seed.raw)))}</p>\n')
    return (f'<details class="sw-source" data-search-exclude>\n<summary>{word("source_folded")}</summary>\n'
            + f'<pre class="sw-source-text"><code>{_source_runs(document, escape_text(seed.text))}</code></pre>\n</details>\n')


def _source_runs(document: Document, escaped: str) -> str:
    """The source copy with its runs of Arabic marked, unless the whole text is in a right-to-left language."""
    return escaped if document.meta.language in RTL_LANGUAGES else script_runs(escaped)


def text_direction(document: Document) -> str:
    """The `lang` and `dir` of a seed's text as a whole (a paragraph in another language says its own)."""
    lang = document.meta.language
    if not lang or lang == "und":
        return ""
    return f' lang="{escape_text(lang)}" dir="{"rtl" if lang in RTL_LANGUAGES else "ltr"}"'


def seed_page(entry: SeedEntry, links: dict[int, list[tuple[int, int, str]]] | None = None, connections: str = "", crumb: str = "",
              quotes: dict[int, list[QuoteMark]] | None = None, extra: str = "", entities: tuple[str, ...] = (),
              targets: Sequence[Target] | None = None, part: int = 1) -> Page:
    """A seed's page, read as its source: the title, a one-line byline, then the text; what the
    seed mentions and where the page comes from after it. `links`: per block, spans to link (entity
    mentions); `quotes`: per block, quotations to mark; `connections`: the section listing what the
    seed mentions (it starts with its heading, `#entities`); `extra`: data for the page script
    (entity previews); `entities`: names to filter search by; `targets`: the seed's targets
    (`link.targets`), whose speakers its citations name. Links are made with `href(UP, …)`.

    A long seed is shown over several pages (`link.targets.seed_parts`): `part` 1 is the seed's
    page, with the first part's text and the "Parts" contents after it (`parts_contents`); a later
    part's page (`part_page`) shows its text between links to the parts before and after it."""
    document = entry.document
    targets = tuple(entry_targets(entry)) if targets is None else targets
    parts = seed_parts(document)
    if part > 1:
        return _part_page(entry, parts, part, links or {}, crumb, quotes, extra, entities, targets)
    path = f"{entry.url}index.md"
    title_block = next((i for i, b in enumerate(document.blocks) if b.kind == TITLE), None)
    title_id = "" if title_block is None else f' id="{paragraph_anchor(title_block)}" data-label="{block_label(document, title_block)}"'
    toc: list[TocEntry] = [(2, "text", escape_text(word("text")))]
    text = _body(document, links or {}, quotes, toc, parts[0])
    toc = _sampled(toc)
    if len(parts) > 1:
        toc.append((2, "parts", escape_text(word("seed_parts"))))
    if connections:
        toc.append((2, "entities", escape_text(word("section_entities"))))
    toc.append((2, "about", escape_text(word("about"))))
    item = entry_item(entry, "")  # the seed as a source, which the citations, the cite box and the meta tags show
    marked = _marked_item(entry, item)
    blocks = [
        crumb,
        print_citation(entry, marked),
        f'<h1{title_id} class="sw-title" data-pagefind-body{text_direction(document)}>{_permalink(paragraph_anchor(title_block)) if title_block is not None else ""}{escape_text(display_name(document.title))}</h1>',
        byline(entry, path),
        _part_nav(entry, parts, 1, path),
        original_notice(entry),
        _citation_data(entry, targets, 1 if len(parts) > 1 else None, item),
        _facets(entry, entities),
        extra,
        # "Text", a heading for screen readers (the questions under it are h3; without an id, so that
        # search does not make it a section), and the text, where "Skip to content" (the first entry
        # of the contents) leads: the first line after the title
        f'<h2 class="sw-visually-hidden" data-search-exclude data-pagefind-ignore>{escape_text(word("text"))}</h2>',
        _text(document, text, parts[0]),
        _part_nav(entry, parts, 1, path),
        parts_contents(entry, parts, path),
        _note(document),
        tags_line(entry, path),
        connections,
        cite_box(entry, marked),
        _about(entry),
    ]
    return html_page(path, display_name(document.title), blocks, toc=toc, tags=document.meta.tags or (), citation=_citation_meta(entry, item))


def _sampled(toc: list[TocEntry]) -> list[TocEntry]:
    """The contents (in the page twice: Material's sidebars) with a sample of a long transcript's questions."""
    if len(toc) > TOC_MOST + 1:
        step = -(-(len(toc) - 1) // TOC_MOST)
        return toc[:1] + toc[1::step]
    return toc


def _text(document: Document, text: str, shown: range) -> str:
    """The text's element: drawn only near the screen when it has many blocks (`LONG_TEXT`)."""
    return (f'<div id="text" class="sw-text{" sw-long" if len(shown) > LONG_TEXT else ""}" data-pagefind-body data-pagefind-weight="3"'
            f'{text_direction(document)}>\n{text}</div>')


def _part_path(entry: SeedEntry, part: int) -> str:
    """The docs/ file of a part's page (`link.targets.part_page`)."""
    return part_page(entry.slug, part) + "index.md"


def _part_span(document: Document, shown: range) -> str:
    """What a part holds, as readers name it: "¶661–¶1320", and its questions' numbers ("Q331–Q660")."""
    span = paragraph_range(shown.start + 1, shown.stop)
    numbers = [document.blocks[i].number for i in shown if document.blocks[i].kind == QUESTION and document.question_of[i] is not None]
    if numbers:
        first, last = f"Q{numbers[0]}", f"Q{numbers[-1]}"
        span += f" · {first}" + ("" if first == last else f"–{last}")
    return span


def _part_nav(entry: SeedEntry, parts: tuple[range, ...], part: int, here: str) -> str:
    """"Part k of n" between links to the part before and the part after (a long seed's pages only)."""
    count = len(parts)
    if count == 1:
        return ""
    previous = (f'<a class="sw-part-prev" rel="prev" href="{href(here, _part_path(entry, part - 1))}">{word("previous_part", number=number(part - 1))}</a>'
                if part > 1 else '<span class="sw-part-prev"></span>')
    following = (f'<a class="sw-part-next" rel="next" href="{href(here, _part_path(entry, part + 1))}">{word("next_part", number=number(part + 1))}</a>'
                 if part < count else '<span class="sw-part-next"></span>')
    at = f'<a class="sw-part-at" href="{href(here, _part_path(entry, 1), "parts")}">{word("seed_part", number=number(part), count=number(count))}</a>'
    return (f'<nav class="sw-part-nav" aria-label="{word("seed_parts")}" data-search-exclude data-pagefind-ignore>'
            f'{previous}{at}{following}</nav>\n')


def parts_contents(entry: SeedEntry, parts: tuple[range, ...], here: str) -> str:
    """The seed's page's "Parts": a row per part naming its paragraphs and questions, linked to its
    page. A later part's row holds an empty element with the id of each of its anchors, so that the
    seed's page stays every paragraph's address: without script `seeds/<slug>/#p451` lands on the
    row of the part that shows ¶451; the page script goes on to that part (assets/js/shared.js)."""
    if len(parts) == 1:
        return ""
    document = entry.document
    rows = []
    for part, shown in enumerate(parts, 1):
        name = word("seed_part_row", number=number(part))
        span = _part_span(document, shown)
        if part == 1:
            rows.append(f'<li>{name} · <span class="sw-part-span">{span}</span> ({word("this_page")})</li>\n')
            continue
        target = href(here, _part_path(entry, part))
        marks = "".join(f'<span id="{anchor}"></span>' for anchor in part_anchors(document, shown))
        rows.append(f'<li data-sw-part="{target}">{marks}<a href="{target}">{name}</a> · <span class="sw-part-span">{span}</span></li>\n')
    return (heading(2, "parts", escape_text(word("seed_parts"))) + "\n"
            + f'<p class="sw-parts-intro">{word("seed_parts_intro", count=number(len(parts)), chars=number(len(document.seed.text)))}</p>\n'
            + '<ol class="sw-parts" data-search-exclude data-pagefind-ignore>\n' + "".join(rows) + "</ol>\n")


def _part_page(entry: SeedEntry, parts: tuple[range, ...], part: int, links: dict[int, list[tuple[int, int, str]]], crumb: str,
               quotes: dict[int, list[QuoteMark]] | None, extra: str, entities: tuple[str, ...], targets: Sequence[Target]) -> Page:
    """A later part of a long seed: the title and "part k of n", links to the parts before and after
    it, its text, the links again. Its blocks are cited at the seed's page (the page script's
    address, assets/js/shared.js `pageUrl`, reads `data-sw-seed`); search finds them here."""
    document = entry.document
    path = _part_path(entry, part)
    shown = parts[part - 1]
    title = word("seed_part_title", title=display_name(document.title), number=number(part), count=number(len(parts)))
    toc: list[TocEntry] = [(2, "text", escape_text(word("text")))]
    text = _body(document, links, quotes, toc, shown)
    seed_page_link = href(path, _part_path(entry, 1))
    about = word("seed_part_about", span=_part_span(document, shown), page=f'<a href="{seed_page_link}">{escape_text(display_name(document.title))}</a>',
                 source=f'<a href="{href(path, f"{entry.url}source.txt")}">{escape_text(display_name(document.seed.name))}</a>')
    blocks = [
        crumb,
        print_citation(entry),
        f'<h1 class="sw-title"{text_direction(document)} data-sw-seed="{seed_page_link}">{escape_text(display_name(document.title))}'
        f'<span class="sw-part-of"> · {word("seed_part", number=number(part), count=number(len(parts)))}</span></h1>',
        f'<p class="sw-meta sw-part-about" data-search-exclude data-pagefind-ignore>{about}</p>',
        _part_nav(entry, parts, part, path),
        _citation_data(entry, targets, part),
        _facets(entry, entities, escape_text(title)),
        extra,
        f'<h2 class="sw-visually-hidden" data-search-exclude data-pagefind-ignore>{escape_text(word("text"))}</h2>',
        _text(document, text, shown),
        _part_nav(entry, parts, part, path),
    ]
    return html_page(path, title, blocks, toc=_sampled(toc), part_of=url_quote(entry.url))  # as MkDocs writes a page's address


def render_seed_page(entry: SeedEntry, *args, **kwargs) -> str:
    """The seed page's file as text (`seed_page`)."""
    return seed_page(entry, *args, **kwargs).content.decode()


def _citation_meta(entry: SeedEntry, item: Item | None = None) -> dict[str, str]:
    """What the page's reference-manager meta tags say (templates/main.html), as Zotero's Embedded
    Metadata translator reads them: the item's Zotero type (`DC.type`), title, authors (one a
    line, family name first), date, the outlet as the site's name, the issuing body as publisher,
    language, the summary as the page's description, and where the original and its archived copy are.
    `item`: the seed's `entry_item(entry, "")`, when already made."""
    item = entry_item(entry, "") if item is None else item
    meta = {"title": item.title, "type": item.type.zotero}
    if item.authors:
        meta["authors"] = "\n".join(" ".join(n.inverted.split()) for n in item.authors)
    if iso := item.issued:
        meta["date"], meta["highwire_date"] = iso, iso.replace("-", "/")
    if outlet := entry.document.meta.outlet:
        meta["site_name"] = outlet
    for key, value in (("publisher", item.publisher), ("language", item.language), ("description", item.abstract),
                       ("source_url", item.source_url), ("archive_url", item.archive_url)):
        if value:
            meta[key] = " ".join(value.split())
    return meta


def _citation_data(entry: SeedEntry, targets: Sequence[Target], part: int | None = None, item: Item | None = None) -> str:
    """What the page's "Copy citation" needs (assets/js/cite.js), as `seedwiki cite --format text` says
    it (`citation.Citation.parts`): the authors, title, where and when, the note on the original,
    and per target whose speaker is not the author, the note naming them (`part`: of the targets a
    long seed's part shows). Escaped JSON in an attribute. `item`: as in `_citation_meta`."""
    item = entry_item(entry, "") if item is None else item
    notes = {t.anchor: sentence(note) for t in targets
             if t.anchor and t.speaker and (part is None or t.part == part) and (note := quote_note(t.speaker, None, item.authors))}
    data = {
        "authors": names_text(item.authors),
        "title": item.title,
        "after": ", ".join(x for x in (item.container or item.publisher, human_date(item.issued)) if x),
        "original": sentence(item.note) if item.note else "",
        "notes": notes,
    }
    return f'<div class="sw-cite-data" hidden data-cite="{escape_text(json.dumps(data, ensure_ascii=False))}"></div>\n\n'


URL_MARK = "\x00"  # where the page's address goes in the cite box (a seed holds no NUL: ingest refuses binary files)


def _with_address(text: str) -> str:
    """Escaped `text` with each `URL_MARK` as a `sw-cite-url` span, which the page script fills
    with the address citations carry (assets/js/cite.js); until then it holds the page's own path."""
    return '<span class="sw-cite-url"></span>'.join(escape_text(part) for part in text.split(URL_MARK))


def print_citation(entry: SeedEntry, marked: Item | None = None) -> str:
    """The source's reference (APA), shown on paper only, above the title: a printout says how to
    cite it before anything else (the address is filled in as in the cite box, assets/js/cite.js).
    `marked`: the seed's item with `URL_MARK` for its address (`_marked_item`), when already made."""
    item = _marked_item(entry) if marked is None else marked
    return (f'<p class="sw-print-cite" data-search-exclude data-pagefind-ignore><span class="sw-cite-name">{word("cite_as")}</span> '
            f'{_with_address(apa(item))}</p>\n\n')


def _marked_item(entry: SeedEntry, item: Item | None = None) -> Item:
    """The seed's item (`entry_item(entry, "")`, or `item`) with `URL_MARK` for its address."""
    return dataclasses.replace(entry_item(entry, "") if item is None else item, url=URL_MARK)


def cite_box(entry: SeedEntry, marked: Item | None = None) -> str:
    """"Cite this source": the source's reference in APA and Chicago author-date (as citeproc-js
    writes them with the official styles), each with a copy button (assets/js/cite.js), and the item as
    BibTeX, RIS and CSL-JSON files to download. Folded; the same item as `seedwiki cite`. `marked`: as in `print_citation`."""
    item = _marked_item(entry) if marked is None else marked
    styles = "".join(
        f'<p class="sw-cite-style" data-style="{name}"><span class="sw-cite-name">{name}</span> '
        f'<span class="sw-cite-text">{_with_address(text)}</span></p>\n'
        for name, text in (("APA", apa(item)), ("Chicago", chicago(item))))
    files = "".join(
        f'<pre class="sw-cite-file" id="cite-{fmt}" hidden data-name="{escape_text(entry.slug)}.{ext}" data-type="{kind}">'
        f'{_with_address(bibliography([item], fmt).replace(chr(92) + "u0000", URL_MARK))}</pre>\n'
        for fmt, ext, kind in (("bibtex", "bib", "application/x-bibtex"), ("ris", "ris", "application/x-research-info-systems"),
                               ("csl-json", "json", "application/vnd.citationstyles.csl+json")))
    links = " · ".join(f'<a class="sw-cite-download" href="#cite-{fmt}" data-file="cite-{fmt}">{label}</a>'
                       for fmt, label in (("bibtex", "BibTeX"), ("ris", "RIS"), ("csl-json", "CSL-JSON")))
    original = ""
    if item.source_url or item.archive_url:
        original = '<p class="sw-cite-original">' + " · ".join(
            f'{label}: <a href="{escape_text(url)}">{escape_text(url)}</a>'
            for label, url in ((word("field_original"), item.source_url), (word("archived_copy"), item.archive_url)) if url) + "</p>\n"
    return (f'<details class="sw-cite-box" id="cite" data-pagefind-ignore data-search-exclude>\n<summary>{word("cite_this")}</summary>\n'
            + styles + original + f'<p class="sw-cite-files">{word("download")} {links} '
            f'<span class="sw-cite-hint">{word("cite_hint")}</span></p>\n'
            + files + "</details>\n")
