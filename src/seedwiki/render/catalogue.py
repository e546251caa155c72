"""The catalogue (every seed, grouped by year and month, in pages of rows at every depth), the
seed pages' breadcrumbs to it, and the seeds' part of the navigation."""

from __future__ import annotations

import re
from collections.abc import Iterator
from functools import partial
from itertools import groupby

from ..escape import display_name, escape_text
from ..i18n import date_text, month_year, plural, source_kind, word
from ..i18n import number as number_text
from ..link import slugify
from ..link.corpus import UNDATED
from ..model import Corpus, Deferred, Page, SeedEntry
from .html import UP, heading, href, html_page, html_table, link, page_links, page_path, paged

NAV_CHUNK = 20  # seeds per navigation section; no page carries more than this many seed links
CATALOGUE_SINGLE_PAGE_MAX = 200  # above this, the catalogue is split into one page per group, in pages of this many rows
GROUPS_PAGE_MAX = 200  # rows of the catalogue's overview of groups per page


def _catalogue_rows(entries: list[SeedEntry], here: str) -> str:
    rows = [
        (
            link(href(here, f"{e.url}index.md"), escape_text(display_name(e.document.title))),
            _date_cell(e.document.meta.date),
            escape_text(e.document.meta.outlet or word("unknown")),
            escape_text(source_kind(e.document.meta.kind) if e.document.meta.kind else word("unknown")),
            number_text(len(e.document.blocks)),
            escape_text(display_name(e.document.seed.name)).replace("\n", "\u240a"),
        )
        for e in entries
    ]
    header = tuple(word(key) for key in ("col_title", "col_date", "col_outlet", "col_kind", "col_paragraphs", "col_source_file"))
    return f'<p class="sw-sortable">{word("sort_hint")}</p>\n\n' + html_table(header, rows)


def _date_cell(date: str | None) -> str:
    """A date as people write it in the site's language ("23 January 2022"), sortable by its ISO form (assets/js/sortable.js)."""
    if not date:
        return word("undated")
    return f'<time datetime="{escape_text(date)}">{escape_text(date_text(date))}</time>'


def group_parts(key: tuple[str, ...]) -> list[str]:
    """Each level of a group, named as a date in the site's language: "2022", then "January 2022"
    (the key, "01 January", stays as it is: the group's URL is made from it)."""
    if key == (UNDATED,):
        return [word("undated_heading")]
    parts = list(key)
    if len(parts) == 2 and re.fullmatch(r"\d{2} \S+", parts[1]) and parts[0].isdigit():
        parts[1] = month_year(parts[0], int(parts[1][:2]))
    return parts


def _key_name(key: tuple[str, ...]) -> str:
    """A group's last level as its key spells it ("January 2022" for ("2022", "01 January")): its
    page's heading id, the same in every language."""
    last = key[-1]
    return f"{last[3:]} {key[0]}" if len(key) == 2 and re.fullmatch(r"\d{2} \S+", last) else last


def _groups(corpus: Corpus) -> list[tuple[tuple[str, ...], list[SeedEntry]]]:
    return [(key, list(items)) for key, items in groupby(corpus.entries, key=lambda e: e.group)]


def _group_base(key: tuple[str, ...]) -> str:
    return "catalogue/" + "/".join(slugify(part) for part in key)


def _group_path(key: tuple[str, ...]) -> str:
    return _group_base(key) + "/index.md"


def catalogue_is_split(corpus: Corpus) -> bool:
    return len(corpus.entries) > CATALOGUE_SINGLE_PAGE_MAX


def _title_block(title: str, anchor: str) -> str:
    return heading(1, anchor, escape_text(title))


def _catalogue_title(number: int) -> tuple[str, str]:
    """The catalogue's page `number`: its title in the site's language and its heading's id (as in English)."""
    title = word("catalogue") if number == 1 else word("page_of", title=word("catalogue"), number=number)
    return title, "catalogue" if number == 1 else f"catalogue-page-{number}"


def render_catalogue(corpus: Corpus) -> Iterator[Page | Deferred]:
    """The catalogue: one page when small, else an overview of the groups (in pages of
    `GROUPS_PAGE_MAX`) and one page per group, in pages of `CATALOGUE_SINGLE_PAGE_MAX` rows: any
    number of seeds in one month builds."""
    groups = _groups(corpus)
    count = f"<p>{plural('seeds_count', len(corpus.entries))}</p>"
    if not catalogue_is_split(corpus):
        path = "catalogue/index.md"
        title, anchor = _catalogue_title(1)
        yield html_page(path, title, [_title_block(title, anchor), count, _catalogue_rows(list(corpus.entries), path)],
                        hide=("toc",), toc=[(1, anchor, escape_text(title))])
    else:
        overview = paged(groups, GROUPS_PAGE_MAX)
        for number, chunk in enumerate(overview, 1):
            path = page_path("catalogue", number)
            rows = [(link(href(path, _group_path(key)), escape_text(group_parts(key)[-1])), number_text(len(items))) for key, items in chunk]
            nav = page_links("catalogue", number, len(overview))
            title, anchor = _catalogue_title(number)
            yield html_page(path, title, [_title_block(title, anchor), count, nav, html_table((word("col_group"), word("col_seeds")), rows), nav],
                            hide=("toc",), toc=[(1, anchor, escape_text(title))])
    if not catalogue_is_split(corpus):
        return
    for key, items in groups:
        chunks = paged(items, CATALOGUE_SINGLE_PAGE_MAX)
        for number, chunk in enumerate(chunks, 1):
            path = page_path(_group_base(key), number)
            name = group_parts(key)[-1]
            title = name if len(chunks) == 1 else word("part_of", title=name, number=number, count=len(chunks))
            anchor = slugify(_key_name(key) + ("" if len(chunks) == 1 else f" ({number} of {len(chunks)})")) or "catalogue"
            nav = page_links(_group_base(key), number, len(chunks))
            # deferred: made from these inputs (its seeds' entries), so under serve a group page whose seeds are unchanged is kept (`memo`)
            parts = (title, anchor, f"<p>{plural('seeds_count', len(items))}</p>", nav, tuple(chunk))
            yield Deferred(path, parts, partial(_group_page, path, *parts))


def _group_page(path: str, title: str, anchor: str, count: str, nav: str, entries: tuple[SeedEntry, ...]) -> Page:
    """One page of a group of the catalogue (`render_catalogue`)."""
    return html_page(path, title, [_title_block(title, anchor), count, nav, _catalogue_rows(list(entries), path), nav],
                     hide=("toc",), toc=[(1, anchor, escape_text(title))])


def crumbs(entry: SeedEntry, corpus: Corpus) -> str:
    """A seed page's own breadcrumb to its catalogue pages, for a catalogue too large to list every
    seed in the navigation (`seed_nav`)."""
    if not catalogue_is_split(corpus):
        return ""
    here = UP  # the page's (a long seed's part pages lie a folder deeper)
    parts = [link(href(here, "catalogue/index.md"), word("catalogue"))]
    for depth, label in enumerate(group_parts(entry.group), 1):
        last = depth == len(entry.group)
        parts.append(link(href(here, _group_path(entry.group[:depth])), escape_text(label)) if last else escape_text(label))
    return f'<nav class="sw-crumbs" aria-label="{word("catalogue")}">' + " › ".join(parts) + "</nav>"


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


def shard_units(corpus: Corpus) -> list[tuple[str, list[str]]]:
    """The catalogue's pages of seeds as units a sharded build divides (`shard.units`): one per
    page of a catalogue group (`CATALOGUE_SINGLE_PAGE_MAX` rows), each as (the group's path and
    page number, its seeds' folders `seeds/<slug>/`). A group of any size (a corpus all of one
    month) is so divided into units of a few hundred seeds."""
    units = []
    for key, items in _groups(corpus):
        for number, chunk in enumerate(paged(items, CATALOGUE_SINGLE_PAGE_MAX), 1):
            if chunk:
                units.append((page_path(_group_base(key), number).removesuffix("/index.md"), [e.url for e in chunk]))
    return units
