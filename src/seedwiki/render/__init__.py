"""render: the link stage's `Site` becomes pages (`path -> bytes` under docs/): formatting only,
no analysis, no memo (`link` computes what the pages show; the one escaping function is `escape`).

- `html`: a generated page's shape (front matter with its table of contents, a body of raw HTML
  blocks), the one way to make relative URLs, tables, headings and paging.
- `seed`: the seed page. `catalogue`: the catalogue, breadcrumbs and the seeds' navigation.
- `connections`: entity pages and their index, quotes, timeline, and the whole site in order.
- `links`: links.json. `note`: the curator's note (Markdown without raw HTML).
"""

from __future__ import annotations

from ..escape import display_name, escape_text, visible_text
from .catalogue import CATALOGUE_SINGLE_PAGE_MAX, NAV_CHUNK, catalogue_is_split, crumbs, group_parts, render_catalogue, seed_nav
from .html import TOC_KEY, href, html_ids, html_table, page_path, paged
from .seed import QuoteMark, byline, render_seed_page, seed_page, shorten, source_number, speaker_roles

__all__ = [
    "CATALOGUE_SINGLE_PAGE_MAX",
    "NAV_CHUNK",
    "TOC_KEY",
    "QuoteMark",
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
