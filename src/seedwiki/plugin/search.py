"""Pagefind indexes the built site (the published site's search)."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

from mkdocs.exceptions import PluginError

# What Pagefind leaves out of its index: permalink signs and copy buttons, the source-text copy of
# the text, breadcrumbs, and tables that repeat what the text says.
PAGEFIND_EXCLUDE = ".headerlink, .sw-copy, .sw-source, .sw-crumbs, .sw-derived"


def index_site(site_dir: Path) -> None:
    command = [sys.executable, "-m", "pagefind", "--site", str(site_dir), "--root-selector", "article",
               "--exclude-selectors", PAGEFIND_EXCLUDE, "--quiet"]
    result = subprocess.run(command, capture_output=True, text=True)
    if result.returncode != 0:
        raise PluginError(f"seedwiki: pagefind could not index the site:\n{result.stdout}{result.stderr}")
