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

from ..i18n import current, direction, speaking, word
from ..write import write_whole

REDIRECT_PAGE = """<!doctype html>
<html lang="{lang}" dir="{dir}">
<head>
<meta charset="utf-8">
<title>{title}</title>
<link rel="canonical" href="{canonical}">
<meta name="robots" content="noindex">
<script>var anchor=window.location.hash.substr(1);location.href={script_url}+(anchor?"#"+anchor:"")</script>
<meta http-equiv="refresh" content="0; url={url}">
</head>
<body>
{redirecting}
</body>
</html>
"""


def _words(key: str, **html_values: str) -> str:
    """The words for `key` in the current language, escaped, with `html_values` (markup) put in."""
    return html.escape(word(key), quote=False).format(**html_values)


def redirect_page(old: str, new: str, *, use_directory_urls: bool = True, site_url: str = "", language: str | None = None) -> str:
    """The page at `old` (a page's folder, `seeds/a/`) that sends the reader to `new` (`seeds/alpha/`),
    its words in `language` (the theme's)."""
    target = new if use_directory_urls else new + "index.html"
    url = posixpath.relpath(target, old) + ("/" if target.endswith("/") else "")
    canonical = (site_url.rstrip("/") + "/" + new) if site_url else url
    script_url = json.dumps(url, ensure_ascii=False).replace("<", "\\u003c")
    link = f'<a href="{html.escape(url)}" dir="ltr">{html.escape(url)}</a>'
    with speaking(language):
        return REDIRECT_PAGE.format(url=html.escape(url), canonical=html.escape(canonical), script_url=script_url, lang=current(),
                                    dir=direction(), title=_words("redirect_title"), redirecting=_words("redirect_to", link=link))


def write_redirects(site_dir: Path, redirects: dict[str, str], *, use_directory_urls: bool = True, site_url: str = "",
                    language: str | None = None) -> list[str]:
    """Write a redirect page for each old page the site does not have; return the pages written."""
    written = []
    for old, new in sorted(redirects.items()):
        path = site_dir / old / "index.html"
        if path.exists():  # a page is there: never replaced by a redirect
            continue
        path.parent.mkdir(parents=True, exist_ok=True)
        write_whole(path, redirect_page(old, new, use_directory_urls=use_directory_urls, site_url=site_url, language=language))
        written.append(old)
    return written


RETIRED_PAGE = """<!doctype html>
<html lang="{lang}" dir="{dir}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="robots" content="noindex">
<meta name="color-scheme" content="light dark">
<meta name="seedwiki-retired" content="{url}">
<title>{title}</title>
<style>body{{font:1rem/1.5 system-ui,sans-serif;max-width:40rem;margin:2rem auto;padding:0 1rem}}</style>
</head>
<body>
<h1>{heading}</h1>
<p>{text}</p>
<p>{now}</p>
<script>var a=window.location.hash.substr(1);if(a){{document.getElementById("sw-came").textContent="(#"+a+") "}}</script>
</body>
</html>
"""


def retired_page(old: str, new: str, *, use_directory_urls: bool = True, language: str | None = None) -> str:
    """The page at `old` that says its seed's text was extracted again and links to `new` (no anchor),
    in `language` (the theme's)."""
    target = new if use_directory_urls else new + "index.html"
    url = posixpath.relpath(target, old) + ("/" if target.endswith("/") else "")
    link = f'<a href="{html.escape(url)}" dir="ltr">{html.escape(url)}</a>'
    with speaking(language):
        return RETIRED_PAGE.format(url=html.escape(url), lang=current(), dir=direction(), title=_words("retired_title"),
                                   heading=_words("retired_heading"), now=_words("retired_now", link=link),
                                   text=_words("retired_text", came='<bdi id="sw-came"></bdi>'))


def write_retired(site_dir: Path, retired: dict[str, str], *, use_directory_urls: bool = True, language: str | None = None) -> list[str]:
    """Write the page of each retired page the site does not have; return the pages written."""
    written = []
    for old, new in sorted(retired.items()):
        path = site_dir / old / "index.html"
        if path.exists():
            continue
        path.parent.mkdir(parents=True, exist_ok=True)
        write_whole(path, retired_page(old, new, use_directory_urls=use_directory_urls, language=language))
        written.append(old)
    return written
