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
from .model import Corpus, Document, SeedEntry

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

NAV_CHUNK = 50  # seeds per navigation section; no page carries more than this many seed links
CATALOGUE_SINGLE_PAGE_MAX = 200  # above this, the catalogue is split into one page per group


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


def _front_matter(title: str) -> str:
    # Material prints page titles as HTML, so the title is escaped once, here, then quoted as YAML.
    return f"---\ntitle: {json.dumps(escape_text(title), ensure_ascii=False)}\n---\n\n"


def _md_table(header: tuple[str, ...], rows: list[tuple[str, ...]]) -> str:
    lines = ["| " + " | ".join(header) + " |", "|" + "---|" * len(header)]
    lines += ["| " + " | ".join(row) + " |" for row in rows]
    return "\n".join(lines) + "\n"


def _paragraphs(document: Document) -> str:
    out = []
    for index, block in enumerate(document.blocks):
        if block.kind == "title":
            continue
        out.append(f'<p id="{document.anchor(index)}" class="sw-p">{escape_text(block.text)}</p>\n')
    return "\n".join(out)


def render_seed_page(entry: SeedEntry) -> str:
    document, seed = entry.document, entry.document.seed
    title_block = next((i for i, b in enumerate(document.blocks) if b.kind == "title"), None)
    title_id = "" if title_block is None else f' id="{document.anchor(title_block)}"'
    meta = _md_table(
        ("Field", "Value"),
        [
            ("Title", f"{escape_text(document.title)} (from the {document.title_basis})"),
            ("Source file", f"[{escape_text(seed.name)}](source.txt)"),
            ("SHA-256", f"`{seed.sha256}`"),
            ("Size", f"{len(seed.raw):,} bytes"),
            ("Encoding", seed.encoding),
            ("Paragraphs", str(len(document.blocks))),
        ],
    )
    return (
        _front_matter(document.title)
        + f'<h1{title_id} class="sw-title">{escape_text(document.title)}</h1>\n\n'
        + meta
        + "\n## Text\n\n"
        + _paragraphs(document)
        + "\n## Source text\n\n"
        + '<details class="sw-source">\n<summary>The seed exactly as written (newlines normalised)</summary>\n'
        + f'<pre class="sw-source-text"><code>{escape_text(seed.text)}</code></pre>\n</details>\n'
    )


def _catalogue_rows(entries: list[SeedEntry], prefix: str) -> str:
    rows = [
        (
            f"[{escape_text(e.document.title)}]({prefix}{e.url}index.md)",
            "unknown",
            escape_text(e.document.seed.name),
            "unknown",
            str(len(e.document.blocks)),
        )
        for e in entries
    ]
    return _md_table(("Title", "Date", "Source", "Kind", "Paragraphs"), rows)


def _groups(corpus: Corpus) -> list[tuple[tuple[str, ...], list[SeedEntry]]]:
    return [(key, list(items)) for key, items in groupby(corpus.entries, key=lambda e: e.group)]


def _group_path(key: tuple[str, ...]) -> str:
    return "catalogue/" + "/".join(slugify(part) for part in key) + "/index.md"


def render_catalogue(corpus: Corpus) -> Iterator[Page]:
    """The catalogue: one page when small, else an overview page and one page per group."""
    groups = _groups(corpus)
    head = _front_matter("Catalogue") + f"# Catalogue\n\n{len(corpus.entries):,} seeds.\n\n"
    if len(corpus.entries) <= CATALOGUE_SINGLE_PAGE_MAX:
        yield Page("catalogue/index.md", (head + _catalogue_rows(list(corpus.entries), "../")).encode())
        return
    overview = [(f"[{escape_text(' / '.join(key))}]({_group_path(key)[len('catalogue/'):]})", f"{len(items):,}") for key, items in groups]
    yield Page("catalogue/index.md", (head + _md_table(("Group", "Seeds"), overview)).encode())
    for key, items in groups:
        path = _group_path(key)
        up = "../" * path.count("/")
        title = " / ".join(key)
        text = _front_matter(title) + f"# {escape_text(title)}\n\n{len(items):,} seeds.\n\n" + _catalogue_rows(items, up)
        yield Page(path, text.encode())


def render(corpus: Corpus) -> Iterator[Page]:
    """Every generated page, one at a time."""
    for entry in corpus.entries:
        yield Page(f"{entry.url}index.md", render_seed_page(entry).encode())
        yield Page(f"{entry.url}source.txt", entry.document.seed.raw)
    yield from render_catalogue(corpus)


def seed_nav(corpus: Corpus) -> list:
    """The seeds' part of the navigation: one section per group (led by its catalogue page when the
    catalogue is split), its seeds split into chunks of `NAV_CHUNK`."""
    split = len(corpus.entries) > CATALOGUE_SINGLE_PAGE_MAX
    sections: list = []
    for key, items in _groups(corpus):
        paths: list = [f"{e.url}index.md" for e in items]
        if len(paths) > NAV_CHUNK:
            paths = [
                {f"{i + 1}–{min(i + NAV_CHUNK, len(paths))}": paths[i:i + NAV_CHUNK]}
                for i in range(0, len(paths), NAV_CHUNK)
            ]
        sections.append({escape_text(" / ".join(key)): [_group_path(key)] * split + paths})
    return sections
