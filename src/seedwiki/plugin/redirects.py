"""The published pages of renamed seeds: the old address keeps a page that sends the reader to the
new one, with the #anchor. The map comes from the build (`link.permalinks.check_lock`: locked pages whose
seed now has another slug); the pages are the kind mkdocs-redirects writes (a script that keeps
the anchor, a meta refresh without scripts, a canonical link, `noindex`), so no other plugin is
needed.

A page retired for a changed extraction (`link.permalinks.retired_pages`) is no redirect: the
seed's new page numbers its paragraphs anew, so the old address keeps a page that says so, names
the anchor the reader came with and links to the new page without it (never to a shifted ¶)."""

from __future__ import annotations

import html
import json
import posixpath
from pathlib import Path

REDIRECT_PAGE = """<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<title>Redirecting...</title>
<link rel="canonical" href="{canonical}">
<meta name="robots" content="noindex">
<script>var anchor=window.location.hash.substr(1);location.href={script_url}+(anchor?"#"+anchor:"")</script>
<meta http-equiv="refresh" content="0; url={url}">
</head>
<body>
Redirecting to <a href="{url}">{url}</a>...
</body>
</html>
"""


def redirect_page(old: str, new: str, *, use_directory_urls: bool = True, site_url: str = "") -> str:
    """The page at `old` (a page's folder, `seeds/a/`) that sends the reader to `new` (`seeds/alpha/`)."""
    target = new if use_directory_urls else new + "index.html"
    url = posixpath.relpath(target, old) + ("/" if target.endswith("/") else "")
    canonical = (site_url.rstrip("/") + "/" + new) if site_url else url
    script_url = json.dumps(url, ensure_ascii=False).replace("<", "\\u003c")
    return REDIRECT_PAGE.format(url=html.escape(url), canonical=html.escape(canonical), script_url=script_url)


def write_redirects(site_dir: Path, redirects: dict[str, str], *, use_directory_urls: bool = True, site_url: str = "") -> list[str]:
    """Write a redirect page for each old page the site does not have; return the pages written."""
    written = []
    for old, new in sorted(redirects.items()):
        path = site_dir / old / "index.html"
        if path.exists():  # a page is there: never replaced by a redirect
            continue
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(redirect_page(old, new, use_directory_urls=use_directory_urls, site_url=site_url), encoding="utf-8")
        written.append(old)
    return written


RETIRED_PAGE = """<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="robots" content="noindex">
<meta name="color-scheme" content="light dark">
<meta name="seedwiki-retired" content="{url}">
<title>Retired page: the text was extracted again</title>
<style>body{{font:1rem/1.5 system-ui,sans-serif;max-width:40rem;margin:2rem auto;padding:0 1rem}}</style>
</head>
<body>
<h1>This page was retired</h1>
<p>The text of this source was extracted again from its original (by another version of the
library that reads its format), and its paragraphs and pages are numbered anew on its new page.
A link to a paragraph of this page <span id="sw-came"></span>names a paragraph of the old
text: the same number on the new page may be another paragraph.</p>
<p>The source is now at <a href="{url}">{url}</a>. Find the passage there by its words.</p>
<script>var a=window.location.hash.substr(1);if(a){{document.getElementById("sw-came").textContent="(#"+a+") "}}</script>
</body>
</html>
"""


def retired_page(old: str, new: str, *, use_directory_urls: bool = True) -> str:
    """The page at `old` that says its seed's text was extracted again and links to `new` (no anchor)."""
    target = new if use_directory_urls else new + "index.html"
    url = posixpath.relpath(target, old) + ("/" if target.endswith("/") else "")
    return RETIRED_PAGE.format(url=html.escape(url))


def write_retired(site_dir: Path, retired: dict[str, str], *, use_directory_urls: bool = True) -> list[str]:
    """Write the page of each retired page the site does not have; return the pages written."""
    written = []
    for old, new in sorted(retired.items()):
        path = site_dir / old / "index.html"
        if path.exists():
            continue
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(retired_page(old, new, use_directory_urls=use_directory_urls), encoding="utf-8")
        written.append(old)
    return written
