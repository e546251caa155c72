"""Pagefind indexes the built site (the published site's search)."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

from mkdocs.exceptions import PluginError

# What Pagefind leaves out of its index: permalink signs and copy buttons, the source-text copy of
# the text, breadcrumbs, tables that repeat what the text says, the printed address and the labels
# of folded sections. Filters and metadata (`data-pagefind-filter`, `-meta`, render.py) stay.
# Ranking: a seed's text weighs 3 (`data-pagefind-weight`), lists that quote it (entity, quotes and
# timeline pages) 0.3, so a seed's own paragraph ranks above a page that repeats it.
PAGEFIND_EXCLUDE = (".headerlink, .sw-copy, .sw-source, .sw-crumbs, .sw-derived, .sw-print-address, "
                    "details.sw-furniture > summary, details.sw-about > summary, details.sw-note > summary")


def index_site(site_dir: Path) -> None:
    command = [sys.executable, "-m", "pagefind", "--site", str(site_dir), "--root-selector", "article",
               "--exclude-selectors", PAGEFIND_EXCLUDE, "--quiet"]
    result = subprocess.run(command, capture_output=True, text=True)
    if result.returncode != 0:
        raise PluginError(f"seedwiki: pagefind could not index the site:\n{result.stdout}{result.stderr}")
