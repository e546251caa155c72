"""render: a `Corpus` becomes pages (`path -> bytes` under docs/) and the navigation of the seeds.

Seed text is data, never markup: every string that comes from a seed (its text, title and file
name) reaches a page through `escape_text` and nothing else.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterator
from dataclasses import dataclass
from itertools import groupby

from .link import slugify
from .model import BOILERPLATE, QUESTION, TITLE, Block, Corpus, Document, SeedEntry
from .note import note_html
from .parse import RTL_LANGUAGES

# Characters that mean something to HTML, Markdown, pymdown-extensions, attribute lists or Jinja.
# They become character references, which every reader shows as the character itself.
_MARKUP_CHARS = "&<>\"'`~{}[]()|*_\\#!=^$%+:"
_ESCAPES = {ord(ch): f"&#{ord(ch)};" for ch in _MARKUP_CHARS}
_ESCAPES.update({ord("&"): "&amp;", ord("<"): "&lt;", ord(">"): "&gt;", ord('"'): "&quot;"})
_ESCAPES[ord("\t")] = "&#9;"  # Markdown would expand a literal tab into spaces
# Control characters cannot be shown, and two of them are Python-Markdown's own placeholders:
# they are shown as their Unicode control pictures (ESC as ␛, DEL as ␡); the raw file keeps the bytes.
_CONTROL_PICTURES = {code: chr(0x2400 + code) for code in range(0x20) if code not in (0x09, 0x0A)}
_CONTROL_PICTURES[0x7F] = "\u2421"
_ESCAPES.update(_CONTROL_PICTURES)
_SPACE_ONLY_LINE = re.compile(r"^ +$", re.MULTILINE)

NAV_CHUNK = 20  # seeds per navigation section; no page carries more than this many seed links
CATALOGUE_SINGLE_PAGE_MAX = 200  # above this, the catalogue is split into one page per group


# Bidirectional controls and zero-width characters change how the text around them reads without
# being seen. In titles and file names they are shown as ⟨U+XXXX⟩, so that a title cannot pose as
# another name (the seed's text keeps them: each paragraph is its own bidirectional run).
_INVISIBLE = re.compile("[\u061c\u200b\u200e\u200f\u202a-\u202e\u2060\u2066-\u2069\ufeff]")


def display_name(text: str) -> str:
    """A title or file name as shown: invisible formatting characters made visible."""
    return _INVISIBLE.sub(lambda m: f"⟨U+{ord(m.group()):04X}⟩", text)


def visible_text(text: str) -> str:
    """The characters a reader sees for `text`: itself, with control characters as control pictures."""
    return text.translate(_CONTROL_PICTURES)


def escape_text(text: str) -> str:
    """Seed text as literal text in HTML, in a double-quoted attribute, or in inline Markdown.

    The result holds no character that any stage of the MkDocs pipeline reads as markup: HTML
    and Markdown syntax, `{{ }}` and `{: }`, snippet markers and fences are character references.
    Newlines stay; a line of spaces keeps its spaces (Markdown would blank it). What a reader sees
    is `visible_text(text)`.
    """
    escaped = text.translate(_ESCAPES)
    return _SPACE_ONLY_LINE.sub(lambda m: "&#32;" * len(m.group()), escaped)


@dataclass(frozen=True)
class Page:
    """One generated file: its path under docs/ and its bytes."""

    path: str
    content: bytes


def front_matter(title: str, tags: tuple[str, ...] = (), citation: dict[str, str] | None = None) -> str:
    # Material prints page titles as HTML, so the title is escaped once, here, then quoted as YAML.
    tag_line = f"tags: {json.dumps(list(tags), ensure_ascii=False)}\n" if tags else ""  # tags are curated words (schema)
    # `citation`: what the page's reference-manager meta tags say (overrides/main.html), escaped here too
    cite_line = f"seedwiki_citation: {json.dumps({k: escape_text(v) for k, v in citation.items()}, ensure_ascii=False)}\n" if citation else ""
    return f"---\ntitle: {json.dumps(escape_text(title), ensure_ascii=False)}\n{tag_line}{cite_line}---\n\n"


def html_table(header: tuple[str, ...], rows: list[tuple[str, ...]], cls: str = "") -> str:
    """A table as raw HTML (cells already escaped): no Markdown to parse, so large pages build fast."""
    head = "".join(f"<th>{cell}</th>" for cell in header)
    body = "".join("<tr>" + "".join(f"<td>{cell}</td>" for cell in row) + "</tr>\n" for row in rows)
    table = f"<table>\n<thead><tr>{head}</tr></thead>\n<tbody>\n{body}</tbody>\n</table>\n"
    return f'<div class="{cls}">\n{table}</div>\n' if cls else table  # Material styles tables without a class


def md_table(header: tuple[str, ...], rows: list[tuple[str, ...]]) -> str:
    """A Markdown table of escaped cells. A cell is one line: a line break left in one (a file
    name may hold one) is shown as its control picture ␊, so it cannot end the row."""
    lines = ["| " + " | ".join(header) + " |", "|" + "---|" * len(header)]
    lines += ["| " + " | ".join(cell.replace("\n", "\u240a") for cell in row) + " |" for row in rows]
    return "\n".join(lines) + "\n"


def _lang_attrs(block: Block) -> str:
    if block.lang == "und":
        return ""
    return f' lang="{block.lang}"' + (' dir="rtl"' if block.lang in RTL_LANGUAGES else "")


def _permalink(anchor: str, paragraph: str = "") -> str:
    """A block's number (¶12; Q8 with its question's ¶17 below it) as its permalink, shown in the
    margin by CSS (`data-n`) so that it is not part of the text: not selected, copied, searched or
    matched by text fragments."""
    number = ("Q" if anchor.startswith("q") else "¶") + anchor[1:]
    also = f"¶{paragraph[1:]}" if paragraph else ""
    shown = f"{number}&#10;{also}" if also else number
    name = f"{number} ({also})" if also else number
    return (f'<a class="sw-permalink" href="#{anchor}" data-n="{shown}" title="Permanent link to {name}" '
            f'aria-label="{name}, permanent link" data-search-exclude></a>')


def linked_text(text: str, links: list[tuple[int, int, str]]) -> str:
    """Escaped text with raw HTML links on the given spans: the words stay as they are."""
    out, position = [], 0
    for start, end, href in sorted(links):
        out.append(escape_text(text[position:start]) + f'<a href="{href}">{escape_text(text[start:end])}</a>')
        position = end
    out.append(escape_text(text[position:]))
    return "".join(out)


def block_label(document: Document, index: int) -> str:
    """How a citation names block `index`: "¶6", or "Q8, ¶18" inside question 8's unit (as `cite.Target.label`)."""
    number = document.question_of[index]
    return (f"Q{number}, " if number is not None else "") + f"¶{index + 1}"


def _paragraph(document: Document, index: int, block: Block, links: list[tuple[int, int, str]] = ()) -> str:
    anchor = document.anchor(index)
    return (f'<p id="{anchor}" class="sw-p sw-{block.kind}" data-label="{block_label(document, index)}"{_lang_attrs(block)}>'
            f'{_permalink(anchor)}{linked_text(block.text, links)}</p>\n')


def _body(document: Document, links: dict[int, list[tuple[int, int, str]]]) -> str:
    """The reading view: questions as headings, page furniture folded away, every block anchored,
    `links` (per block: start, end, href) made into links.

    A numbered question and its answers are one unit, `<div id="qN" class="sw-unit">`; the question
    is a Markdown heading inside it (so that it is in the table of contents) with its own paragraph id."""
    out: list[str] = []
    furniture: list[str] = []
    unit: int | None = None  # the question whose unit is open
    for index, block in enumerate(document.blocks):
        if block.kind == BOILERPLATE:
            furniture.append(_paragraph(document, index, block))
            continue
        starts = block.kind == QUESTION and block.number is not None
        if unit is not None and (starts or document.question_of[index] != unit):
            out.append("</div>\n")  # furniture after a unit's last answer stays outside it
            unit = None
        if furniture:
            out.append(_furniture(furniture))
            furniture = []
        if block.kind == TITLE:
            continue
        if starts:
            unit = block.number
            anchor = document.anchor(index)
            text = linked_text(block.text, links.get(index, []))
            out.append(f'<div id="q{unit}" class="sw-unit" markdown="block">\n')
            out.append(f'### {_permalink(f"q{unit}", anchor)}{text} {{#{anchor} .sw-q data-label="Q{unit}"}}\n')
        else:
            out.append(_paragraph(document, index, block, links.get(index, [])))
    if unit is not None:
        out.append("</div>\n")
    if furniture:
        out.append(_furniture(furniture))
    return "\n".join(out)


def _furniture(paragraphs: list[str]) -> str:
    return (
        '<details class="sw-furniture">\n<summary>Page furniture: shown in the source, not part of the text</summary>\n'
        + "".join(paragraphs) + "</details>\n"
    )


def _field(document: Document, name: str) -> str:
    return "curated" if document.is_curated(name) else "detected"


def _header_rows(entry: SeedEntry) -> list[tuple[str, str, str]]:
    document, seed = entry.document, entry.document.seed
    rows = [("Title", escape_text(display_name(document.title)), {"curated": "curated", "first line": "first line of the text", "front matter": "front matter"}.get(document.title_basis, "file name"))]
    date = document.value("date")
    if date:
        basis = document.value("date_basis") or "stated"
        reason = document.value("date_reason")
        text = f"{date} ({document.value('date_precision') or 'day'}; {basis}" + (f": {escape_text(reason)}" if reason else "") + ")"
        rows.append(("Date", text, _field(document, "date")))
    else:
        rows.append(("Date", "unknown (the text does not state it)", "detected"))
    for label, name in (("Kind", "kind"), ("Outlet", "outlet"), ("Language", "language")):
        value = document.value(name)
        rows.append((label, escape_text(value) if value else "unknown", _field(document, name)))
    speakers = document.value("speakers")
    if speakers:
        rows.append(("Speakers", "; ".join(f"{escape_text(role)}: {escape_text(name)}" for role, name in speakers), _field(document, "speakers")))
    for label, name in (("Byline", "byline"), ("Dateline", "dateline")):
        if value := document.value(name):
            rows.append((label, escape_text(value), "detected"))
    if url := document.value("source_url"):
        rows.append(("Original", f'<a href="{escape_text(url)}">{escape_text(url)}</a>', "curated"))
    if tags := document.value("tags"):
        rows.append(("Tags", ", ".join(escape_text(t) for t in tags), "curated"))
    rows += [
        ("Source file", f'<a href="source.txt">{escape_text(display_name(seed.name))}</a>', "file"),
        ("SHA-256", f"<code>{seed.sha256}</code>", "file"),
        ("Size", f"{len(seed.raw):,} bytes, {seed.encoding}", "file"),
        ("Paragraphs", str(len(document.blocks)), "file"),
    ]
    return rows


def _outline(document: Document) -> str:
    questions = [b for b in document.blocks if b.kind == QUESTION and b.number is not None]
    if not questions:
        return ""
    items = [f"- [Q{b.number}](#q{b.number}): {escape_text(shorten(b.text, 110))}" for b in questions]
    return "\n## Questions\n\n" + "\n".join(items) + "\n"


def shorten(text: str, limit: int) -> str:
    text = " ".join(text.split())
    return text if len(text) <= limit else text[: limit - 1].rstrip() + "…"


def _quotations(document: Document) -> str:
    rows = []
    interviewee = dict(document.value("speakers")).get("interviewee")
    for quote in document.quotes:
        speaker = quote.speaker or (interviewee if quote.basis == "interviewee" else None)
        if speaker is None:
            continue
        anchor = document.anchor(quote.block)
        rows.append((escape_text(speaker), escape_text(shorten(quote.text, 140)), f'<a href="#{anchor}">{block_label(document, quote.block)}</a>', quote.basis))
    if not rows:
        return ""
    return "\n## Quotations\n\n" + html_table(("Speaker", "Quotation", "Where", "Attributed by"), rows, "sw-derived")



def _note(document: Document) -> str:
    """The curator's note as an admonition box: Markdown without raw HTML (`note.note_html`)."""
    if not document.note:
        return ""
    return ('\n<div class="admonition note sw-note">\n<p class="admonition-title">Curator\'s note (curation, not part of the source)</p>\n'
            + note_html(document.note) + "</div>\n")


def render_seed_page(entry: SeedEntry, links: dict[int, list[tuple[int, int, str]]] | None = None, connections: str = "", crumb: str = "") -> str:
    """A seed's page. `links`: per block, spans to link (entity mentions); `connections`: Markdown
    for the section listing what the seed mentions."""
    document, seed = entry.document, entry.document.seed
    title_block = next((i for i, b in enumerate(document.blocks) if b.kind == TITLE), None)
    title_id = "" if title_block is None else f' id="{document.anchor(title_block)}" data-label="{block_label(document, title_block)}"'
    summary = document.value("summary")
    return (
        front_matter(display_name(document.title), document.value("tags"), _citation_meta(document))
        + crumb
        + f'<h1{title_id} class="sw-title">{_permalink(document.anchor(title_block)) if title_id else ""}{escape_text(display_name(document.title))}</h1>\n\n'
        + _citation_data(entry)
        + (f'<p class="sw-summary">{escape_text(summary)}</p>\n\n' if summary else "")
        + html_table(("Field", "Value", "From"), _header_rows(entry), "sw-card")
        + _note(document)
        + _outline(document)
        + "\n## Text\n\n"
        + _body(document, links or {})
        + _quotations(document)
        + connections
        + "\n## Source text\n\n"
        + '<details class="sw-source" data-search-exclude>\n<summary>The seed exactly as written (newlines normalised)</summary>\n'
        + f'<pre class="sw-source-text"><code>{escape_text(seed.text)}</code></pre>\n</details>\n'
    )


def _citation_meta(document: Document) -> dict[str, str]:
    """What the page's Highwire Press and Dublin Core meta tags say (overrides/main.html)."""
    meta = {"title": " ".join(display_name(document.title).split())}
    if iso := document.value("date"):
        meta["date"], meta["highwire_date"] = iso, iso.replace("-", "/")
    for name, key in (("outlet", "publisher"), ("language", "language")):
        if value := document.value(name):
            meta[key] = value
    return meta


def _citation_data(entry: SeedEntry) -> str:
    """What the page's "Copy citation" needs (seedwiki.js), as `seedwiki cite` says it: the title,
    outlet and date, and who speaks in each target that has a speaker. Escaped JSON in an attribute."""
    from .cite import entry_targets, human_date  # cite builds on render

    document = entry.document
    data = {
        "title": " ".join(display_name(document.title).split()),
        "outlet": document.value("outlet"),
        "date": human_date(document.value("date")),
        "speakers": {t.anchor: t.speaker for t in entry_targets(entry) if t.anchor and t.speaker},
    }
    return f'<div class="sw-cite-data" hidden data-cite="{escape_text(json.dumps(data, ensure_ascii=False))}"></div>\n\n'


def _catalogue_rows(entries: list[SeedEntry], prefix: str) -> str:
    rows = [
        (
            f"[{escape_text(display_name(e.document.title))}]({prefix}{e.url}index.md)",
            escape_text(e.document.value("date") or "unknown"),
            escape_text(e.document.value("outlet") or "unknown"),
            escape_text(e.document.value("kind") or "unknown"),
            str(len(e.document.blocks)),
            escape_text(display_name(e.document.seed.name)),
        )
        for e in entries
    ]
    return (
        '<p class="sw-sortable">Select a column heading to sort the table by it; select it again to reverse.</p>\n\n'
        + md_table(("Title", "Date", "Outlet", "Kind", "Paragraphs", "Source file"), rows)
    )


def _groups(corpus: Corpus) -> list[tuple[tuple[str, ...], list[SeedEntry]]]:
    return [(key, list(items)) for key, items in groupby(corpus.entries, key=lambda e: e.group)]


def _group_path(key: tuple[str, ...]) -> str:
    return "catalogue/" + "/".join(slugify(part) for part in key) + "/index.md"


def catalogue_is_split(corpus: Corpus) -> bool:
    return len(corpus.entries) > CATALOGUE_SINGLE_PAGE_MAX


def render_catalogue(corpus: Corpus) -> Iterator[Page]:
    """The catalogue: one page when small, else an overview page and one page per group (split
    into pages of `CATALOGUE_SINGLE_PAGE_MAX` rows)."""
    groups = _groups(corpus)
    head = front_matter("Catalogue") + f"# Catalogue\n\n{len(corpus.entries):,} seeds.\n\n"
    if not catalogue_is_split(corpus):
        yield Page("catalogue/index.md", (head + _catalogue_rows(list(corpus.entries), "../")).encode())
        return
    overview = [(f"[{escape_text(' / '.join(key))}]({_group_path(key)[len('catalogue/'):]})", f"{len(items):,}") for key, items in groups]
    yield Page("catalogue/index.md", (head + md_table(("Group", "Seeds"), overview)).encode())
    for key, items in groups:
        chunks = paged(items, CATALOGUE_SINGLE_PAGE_MAX)
        for number, chunk in enumerate(chunks, 1):
            path = page_path(_group_path(key).removesuffix("/index.md"), number)
            up = "../" * path.count("/")
            title = " / ".join(key) + ("" if len(chunks) == 1 else f" ({number} of {len(chunks)})")
            text = (front_matter(title) + f"# {escape_text(title)}\n\n{len(items):,} seeds.\n\n"
                    + page_links(number, len(chunks)) + _catalogue_rows(chunk, up))
            yield Page(path, text.encode())


def paged(items: list, size: int) -> list[list]:
    """`items` in pages of `size` (one empty page when there are none)."""
    return [items[i:i + size] for i in range(0, len(items), size)] or [[]]


def page_path(base: str, number: int) -> str:
    """Where page `number` of a list lives: `base/index.md`, then `base/page-N/index.md`."""
    return f"{base}/index.md" if number == 1 else f"{base}/page-{number}/index.md"


def page_links(number: int, count: int) -> str:
    """"Pages: 1 · [2](…)" linking the pages of a list from page `number`; nothing for one page."""
    if count == 1:
        return ""
    here = "" if number == 1 else "../"
    links = [str(n) if n == number else f"[{n}]({here}{page_path('.', n)[2:]})" for n in range(1, count + 1)]
    return f"Pages: {' · '.join(links)}\n\n"


def crumbs(entry: SeedEntry, corpus: Corpus) -> str:
    """A seed page's own breadcrumb to its catalogue pages, for a catalogue too large to list every
    seed in the navigation (`seed_nav`)."""
    if not catalogue_is_split(corpus):
        return ""
    parts = ['<a href="../../catalogue/index.html">Catalogue</a>']
    path = "../../catalogue"
    for part in entry.group:
        path += "/" + slugify(part)
        parts.append(f'<a href="{path}/index.html">{escape_text(part)}</a>' if part == entry.group[-1] else escape_text(part))
    return '<nav class="sw-crumbs" aria-label="Catalogue">' + " › ".join(parts) + "</nav>\n\n"


def seed_nav(corpus: Corpus) -> list:
    """The seeds' part of the navigation: a section per year, in it a section per month, then the
    seeds in chunks of `NAV_CHUNK`. A catalogue too large for one page is listed by its group
    pages only (each seed page then shows its own breadcrumb, `crumbs`), so no page carries a
    navigation that grows with the corpus. With `navigation.prune`, a page carries only its branch."""
    split = catalogue_is_split(corpus)
    tree: dict = {}
    for key, items in _groups(corpus):
        paths: list = [_group_path(key)] if split else [f"{e.url}index.md" for e in items]
        if len(paths) > NAV_CHUNK:
            paths = [
                {f"{i + 1}–{min(i + NAV_CHUNK, len(paths))}": paths[i:i + NAV_CHUNK]}
                for i in range(0, len(paths), NAV_CHUNK)
            ]
        node = tree
        for part in key[:-1]:
            node = node.setdefault(escape_text(part), {})
        node[escape_text(key[-1])] = paths
    return _as_nav(tree)


def _as_nav(tree: dict) -> list:
    return [{label: _as_nav(child) if isinstance(child, dict) else child} for label, child in tree.items()]
