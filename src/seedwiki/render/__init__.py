"""render: the corpus and its connections become pages (`path -> bytes` under docs/): formatting
only, no analysis (`connected` computes what the pages show).

- `escape`: the one escaping function; seed text is data, never markup.
- `html`: a generated page's shape (front matter with its table of contents, a body of raw HTML
  blocks), the one way to make relative URLs, tables, headings and paging.
- `seed`: the seed page. `catalogue`: the catalogue, breadcrumbs and the seeds' navigation.
- `connected`: entity pages and their index, quotes, timeline, and the whole site in order.
"""

from __future__ import annotations

from .catalogue import CATALOGUE_SINGLE_PAGE_MAX, NAV_CHUNK, catalogue_is_split, crumbs, group_parts, render_catalogue, seed_nav
from .escape import display_name, escape_text, visible_text
from .html import TOC_KEY, Deferred, Page, href, html_ids, html_table, page_path, paged
from .seed import QuoteMark, block_label, byline, render_seed_page, seed_page, shorten, source_number, speaker_roles

__all__ = [
    "CATALOGUE_SINGLE_PAGE_MAX",
    "NAV_CHUNK",
    "TOC_KEY",
    "Deferred",
    "Page",
    "QuoteMark",
    "block_label",
    "byline",
    "catalogue_is_split",
    "crumbs",
    "display_name",
    "escape_text",
    "group_parts",
    "href",
    "html_ids",
    "html_table",
    "page_path",
    "paged",
    "render_catalogue",
    "render_seed_page",
    "seed_nav",
    "seed_page",
    "shorten",
    "source_number",
    "speaker_roles",
    "visible_text",
]
