"""The catalogue (every seed, grouped by year and month, in pages of rows at every depth), the
seed pages' breadcrumbs to it, and the seeds' part of the navigation."""

from __future__ import annotations

import re
from collections.abc import Iterator
from itertools import groupby

from ..citation import human_date
from ..escape import display_name, escape_text
from ..link import slugify
from ..model import Corpus, Page, SeedEntry
from .html import heading, href, html_page, html_table, link, page_links, page_path, paged

NAV_CHUNK = 20  # seeds per navigation section; no page carries more than this many seed links
CATALOGUE_SINGLE_PAGE_MAX = 200  # above this, the catalogue is split into one page per group, in pages of this many rows
GROUPS_PAGE_MAX = 200  # rows of the catalogue's overview of groups per page


def _catalogue_rows(entries: list[SeedEntry], here: str) -> str:
    rows = [
        (
            link(href(here, f"{e.url}index.md"), escape_text(display_name(e.document.title))),
            _date_cell(e.document.meta.date),
            escape_text(e.document.meta.outlet or "unknown"),
            escape_text(e.document.meta.kind or "unknown"),
            str(len(e.document.blocks)),
            escape_text(display_name(e.document.seed.name)).replace("\n", "\u240a"),
        )
        for e in entries
    ]
    return ('<p class="sw-sortable">Select a column heading to sort the table by it; select it again to reverse.</p>\n\n'
            + html_table(("Title", "Date", "Outlet", "Kind", "Paragraphs", "Source file"), rows))


def _date_cell(date: str | None) -> str:
    """A date as people write it ("23 January 2022"), sortable by its ISO form (assets/js/sortable.js)."""
    if not date:
        return "undated"
    return f'<time datetime="{escape_text(date)}">{escape_text(human_date(date))}</time>'


def group_parts(key: tuple[str, ...]) -> list[str]:
    """Each level of a group, named as a date: "2022", then "January 2022"."""
    parts = list(key)
    if len(parts) == 2 and re.fullmatch(r"\d{2} \S+", parts[1]):
        parts[1] = f"{parts[1][3:]} {parts[0]}"
    return parts


def _groups(corpus: Corpus) -> list[tuple[tuple[str, ...], list[SeedEntry]]]:
    return [(key, list(items)) for key, items in groupby(corpus.entries, key=lambda e: e.group)]


def _group_base(key: tuple[str, ...]) -> str:
    return "catalogue/" + "/".join(slugify(part) for part in key)


def _group_path(key: tuple[str, ...]) -> str:
    return _group_base(key) + "/index.md"


def catalogue_is_split(corpus: Corpus) -> bool:
    return len(corpus.entries) > CATALOGUE_SINGLE_PAGE_MAX


def _title_block(title: str) -> str:
    return heading(1, slugify(title) or "catalogue", escape_text(title))


def render_catalogue(corpus: Corpus) -> Iterator[Page]:
    """The catalogue: one page when small, else an overview of the groups (in pages of
    `GROUPS_PAGE_MAX`) and one page per group, in pages of `CATALOGUE_SINGLE_PAGE_MAX` rows: any
    number of seeds in one month builds."""
    groups = _groups(corpus)
    count = f"<p>{len(corpus.entries):,} seeds.</p>"
    if not catalogue_is_split(corpus):
        path = "catalogue/index.md"
        yield html_page(path, "Catalogue", [_title_block("Catalogue"), count, _catalogue_rows(list(corpus.entries), path)],
                        hide=("toc",), toc=[(1, "catalogue", "Catalogue")])
    else:
        overview = paged(groups, GROUPS_PAGE_MAX)
        for number, chunk in enumerate(overview, 1):
            path = page_path("catalogue", number)
            rows = [(link(href(path, _group_path(key)), escape_text(group_parts(key)[-1])), f"{len(items):,}") for key, items in chunk]
            nav = page_links("catalogue", number, len(overview))
            title = "Catalogue" if number == 1 else f"Catalogue (page {number})"
            yield html_page(path, title, [_title_block(title), count, nav, html_table(("Group", "Seeds"), rows), nav],
                            hide=("toc",), toc=[(1, slugify(title), escape_text(title))])
    if not catalogue_is_split(corpus):
        return
    for key, items in groups:
        chunks = paged(items, CATALOGUE_SINGLE_PAGE_MAX)
        for number, chunk in enumerate(chunks, 1):
            path = page_path(_group_base(key), number)
            title = group_parts(key)[-1] + ("" if len(chunks) == 1 else f" ({number} of {len(chunks)})")
            nav = page_links(_group_base(key), number, len(chunks))
            yield html_page(path, title, [_title_block(title), f"<p>{len(items):,} seeds.</p>", nav, _catalogue_rows(chunk, path), nav],
                            hide=("toc",), toc=[(1, slugify(title) or "catalogue", escape_text(title))])


def crumbs(entry: SeedEntry, corpus: Corpus) -> str:
    """A seed page's own breadcrumb to its catalogue pages, for a catalogue too large to list every
    seed in the navigation (`seed_nav`)."""
    if not catalogue_is_split(corpus):
        return ""
    here = f"{entry.url}index.md"
    parts = [link(href(here, "catalogue/index.md"), "Catalogue")]
    for depth, label in enumerate(group_parts(entry.group), 1):
        last = depth == len(entry.group)
        parts.append(link(href(here, _group_path(entry.group[:depth])), escape_text(label)) if last else escape_text(label))
    return '<nav class="sw-crumbs" aria-label="Catalogue">' + " › ".join(parts) + "</nav>"


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
        labels = group_parts(key)
        for part in labels[:-1]:
            node = node.setdefault(escape_text(part), {})
        node[escape_text(labels[-1])] = paths
    return _as_nav(tree)


def _as_nav(tree: dict) -> list:
    return [{label: _as_nav(child) if isinstance(child, dict) else child} for label, child in tree.items()]
