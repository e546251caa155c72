"""The shape of a generated page: front matter (title, table of contents) and a body of raw HTML
blocks; the one way to make relative URLs; tables, headings and paging.

A generated page is Markdown only in name: its body is HTML that a Markdown engine passes
through unchanged (each block starts a line and is set apart by blank lines), so Zensical builds
it as it is, and under MkDocs the seedwiki plugin hands the body and the table of contents to the
theme without running Markdown at all.
"""

from __future__ import annotations

import html
import json
import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from functools import lru_cache, partial
from typing import Any

from ..escape import escape_text
from ..i18n import word
from ..model import TAG_PATTERN, Deferred, Page

# The front matter key that marks a generated page whose body is HTML, with its table of contents:
# a list of [level, id, name] (name escaped HTML), in order.
TOC_KEY = "seedwiki_toc"
_TAG = re.compile(TAG_PATTERN)
UP = "{up}"  # in a fragment made before its page is known: the way up to docs/ (seed text cannot hold braces)


_ID = re.compile(r'\sid="([^"]*)"')


def html_ids(text: str) -> set[str]:
    """The ids in a generated page's HTML (attributes as `render` writes them: double-quoted)."""
    return {html.unescape(anchor) for anchor in _ID.findall(text)}


# --- URLs: one way ---------------------------------------------------------------------------------


def up(here: str) -> str:
    """The way from page `here` (a docs/ path such as `seeds/x/index.md`) up to docs/."""
    return "../" * here.count("/")


def target(path: str, anchor: str = "") -> str:
    """A docs/ path as a link target: `index.md` pages as the file the build makes (`index.html`),
    which resolves with and without directory URLs, served or opened from disk."""
    if path.endswith(".md"):
        path = path[:-3] + ".html"
    return path + (f"#{anchor}" if anchor else "")


def href(here: str, path: str, anchor: str = "") -> str:
    """The relative link from page `here` to `path` (both docs/ paths), with an optional anchor.
    `here` may be `UP`: the link is then completed by `resolve` once its page is known."""
    return (UP if here == UP else up(here)) + target(path, anchor)


def resolve(html: str, here: str) -> str:
    """Complete the links made with `href(UP, …)` for page `here`."""
    return html.replace(UP, up(here))


# --- pages -----------------------------------------------------------------------------------------

TocEntry = tuple[int, str, str]  # level, id, name (escaped HTML)


def front_matter(title: str, *, tags: tuple[str, ...] = (), citation: dict[str, str] | None = None, hide: tuple[str, ...] = (),
                 toc: list[TocEntry] | None = None, part_of: str | None = None) -> str:
    # Material prints page titles as HTML, so the title is escaped once, here, then quoted as YAML (JSON).
    lines = [f"title: {json.dumps(escape_text(title), ensure_ascii=False)}"]
    # Material's tags plugin prints tags unescaped: only labels of the tag pattern reach it (the
    # sidecar schema and the front matter reader keep to it already; this holds it for any caller)
    if tags := tuple(t for t in tags if _TAG.match(t)):
        lines.append(f"tags: {json.dumps(list(tags), ensure_ascii=False)}")
    if citation:  # what the page's reference-manager meta tags say (templates/main.html), escaped too
        lines.append(f"seedwiki_citation: {json.dumps({k: escape_text(v) for k, v in citation.items()}, ensure_ascii=False)}")
    if part_of:  # a long seed's later part: the seed's page, its permanent address (templates/main.html prints it)
        lines.append(f"seedwiki_part_of: {json.dumps(part_of)}")  # a URL path, escaped where printed
    if hide:
        lines.append(f"hide: {json.dumps(list(hide))}")  # Material's `hide` (toc, navigation): fixed words
    lines.append(f"{TOC_KEY}: {json.dumps([list(entry) for entry in toc or ()], ensure_ascii=False)}")
    return "---\n" + "\n".join(lines) + "\n---\n\n"


def html_page(path: str, title: str, blocks: list[str], *, toc: list[TocEntry] | None = None, tags: tuple[str, ...] = (),
              citation: dict[str, str] | None = None, hide: tuple[str, ...] = (), part_of: str | None = None) -> Page:
    """A generated page: front matter, then the HTML blocks, each set apart by a blank line."""
    body = "\n\n".join(block.strip("\n") for block in blocks if block and not block.isspace())  # `block.strip()` without its copy
    text = front_matter(title, tags=tags, citation=citation, hide=hide, toc=toc, part_of=part_of) + resolve(body, path) + "\n"
    return Page(path, text.encode())


# A run of Arabic script (letters, with the spaces and marks between its words).
_ARABIC_RUN = re.compile("[\u0600-\u06ff\u0750-\u077f\u08a0-\u08ff\ufb50-\ufdff\ufe70-\ufeff]+"
                         "(?:[ \u00a0\u200c\u200d\u060c]+[\u0600-\u06ff\u0750-\u077f\u08a0-\u08ff\ufb50-\ufdff\ufe70-\ufeff]+)*")


def script_runs(escaped: str) -> str:
    """Escaped text (never markup or an attribute) with each run of Arabic script marked
    `lang="ar" dir="rtl"`: read in its language and set apart from the text around it, so that a
    list of names in two scripts keeps its order. The characters stay as they are."""
    return escaped if escaped.isascii() else _ARABIC_RUN.sub(_rtl_span, escaped)  # most text is ASCII: no pattern to run


def _rtl_span(match: re.Match[str]) -> str:
    return f'<span lang="ar" dir="rtl">{match.group(0)}</span>'


def heading(level: int, anchor: str, inner: str, attrs: str = "", permalink: bool = True) -> str:
    """A heading with its id and, as the toc extension writes it, a permanent link sign."""
    sign = f'<a class="headerlink" href="#{anchor}" title="{word("permanent_link")}">&para;</a>' if permalink else ""
    return f'<h{level} id="{anchor}"{attrs}>{inner}{sign}</h{level}>'


def html_table(header: tuple[str, ...], rows: Sequence[tuple[str, ...]], cls: str = "") -> str:
    """A table of cells already escaped."""
    head = "".join(f"<th>{cell}</th>" for cell in header)
    body = "".join("<tr>" + "".join(f"<td>{cell}</td>" for cell in row) + "</tr>\n" for row in rows)
    table = f"<table>\n<thead><tr>{head}</tr></thead>\n<tbody>\n{body}</tbody>\n</table>"
    return f'<div class="{cls}">\n{table}\n</div>' if cls else table


def link(url: str, inner: str, attrs: str = "") -> str:
    return f'<a href="{url}"{attrs}>{inner}</a>'


# --- paging ----------------------------------------------------------------------------------------


def paged(items: list, size: int) -> list[list]:
    """`items` in pages of `size` (one empty page when there are none)."""
    return [items[i:i + size] for i in range(0, len(items), size)] or [[]]


def page_path(base: str, number: int) -> str:
    """Where page `number` of a list lives: `base/index.md`, then `base/page-N/index.md`."""
    return f"{base}/index.md" if number == 1 else f"{base}/page-{number}/index.md"


def page_links(base: str, number: int, count: int) -> str:
    """"Pages: 1 · 2 · …" linking the pages of a list from page `number`; nothing for one page."""
    if count == 1:
        return ""
    links = list(_links_to_pages(base, count, number == 1))
    links[number - 1] = str(number)
    return f'<p class="sw-pages">{word("pages")} {" · ".join(links)}</p>'


@lru_cache(maxsize=16)  # a list's pages ask one after another
def _links_to_pages(base: str, count: int, first: bool) -> tuple[str, ...]:
    """The links to each of a list's `count` pages from its first page or from any later one (all
    of them one folder deeper, so their links are the same): made once a list, not once a page
    (a list of P pages made P² links; 684,000 at 10,000 dense seeds)."""
    here = page_path(base, 1 if first else 2)
    return tuple(link(href(here, page_path(base, n)), str(n)) for n in range(1, count + 1))


@dataclass(frozen=True, slots=True)
class Item:
    """One entry of a long list: a list item's HTML, or a heading that groups the items after it.
    An item can instead be made when its page is (`make`), from `inputs` that stand for it: a page
    whose items' inputs are unchanged is not made again, and neither are its items."""

    html: str = ""
    toc: TocEntry | None = None  # set for a heading
    inputs: Any = None
    make: Callable[[], str] | None = field(default=None, compare=False)

    def text(self) -> str:
        return self.make() if self.make is not None else self.html


def paginate(base: str, title: str, intro: list[str], items: list[Item], size: int, *, crumb: str = "", facet: str = "",
             wrap: str = "") -> list[Deferred]:
    """`items` on `base/index.md`, then `base/page-N/index.md`, `size` a page, each page linking the
    others; a page that starts inside a group repeats its heading. Consecutive list items become one
    `<ul>`; `wrap` is the opening tag of an element around the list (a `<div …>`). Each page is
    deferred with what it is made of as its inputs (`memo`): a page whose items did not change is
    not made again."""
    chunks = paged(items, size)
    pages = []
    group: Item | None = None
    for number, chunk in enumerate(chunks, 1):
        if group is not None and chunk and chunk[0].toc is None:
            chunk = [group, *chunk]
        group = next((item for item in reversed(chunk) if item.toc is not None), group)
        path = page_path(base, number)
        name = title if number == 1 else word("page_of", title=title, number=number)
        nav = page_links(base, number, len(chunks))
        parts = (crumb, facet, tuple(intro), nav, wrap, tuple(chunk))
        pages.append(Deferred(path, (name, parts), partial(_listing_page, path, name, *parts)))
    return pages


def _listing_page(path: str, name: str, crumb: str, facet: str, intro: tuple[str, ...], nav: str, wrap: str, chunk: tuple[Item, ...]) -> Page:
    """One page of a paginated list (`paginate`)."""
    listing: list[str] = []  # headings, and runs of list items each as one <ul> (joined once, not grown an item at a time)
    run: list[str] = []
    for item in chunk:
        if item.toc is not None:
            if run:
                listing.append("<ul>\n" + "".join(run) + "</ul>")
                run = []
            listing.append(item.html)
        else:
            run.append(item.text() + "\n")
    if run:
        listing.append("<ul>\n" + "".join(run) + "</ul>")
    body = "\n".join(listing)
    if wrap:
        body = f"{wrap}\n{body}\n</div>"
    anchor = _slug(name)
    blocks = [crumb, heading(1, anchor, escape_text(name)), facet, *intro, nav, body, nav]
    toc = [(1, anchor, escape_text(name)), *(item.toc for item in chunk if item.toc is not None)]
    return html_page(path, name, blocks, toc=toc)


def _slug(title: str) -> str:
    import re

    return re.sub(r"[^\w]+", "-", title.casefold()).strip("-") or "title"
