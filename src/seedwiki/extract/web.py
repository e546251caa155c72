"""A saved web page (`.html`, `.htm`): its main text by trafilatura (no script, style, navigation
or comments; links as their words), and the metadata the page states in its JSON-LD
(`headline`, `datePublished`, `author`, `publisher`) and meta tags (Open Graph, `article:`,
`author`, Dublin Core), else its `<title>`. Nothing the page refers to is fetched: the page is
read as bytes, and no script of it ever runs."""

from __future__ import annotations

import json
from pathlib import Path

from ..errors import IngestError
from . import Extracted, paragraphs, require, stated, stated_date

# Where each value is looked for, best first: (JSON-LD key or meta name/property, value kind)
_META_TITLE = ("og:title", "twitter:title", "dc.title", "citation_title")
_META_DATE = ("article:published_time", "datepublished", "dc.date", "dc.date.issued", "citation_publication_date", "date", "pubdate")
_META_AUTHOR = ("author", "article:author", "dc.creator", "citation_author")
_META_OUTLET = ("og:site_name", "application-name")


def _json_ld(tree) -> list[dict]:
    """The JSON-LD objects of the page (a @graph's members included), as written."""
    objects: list[dict] = []
    for script in tree.xpath('//script[@type="application/ld+json"]'):
        try:
            data = json.loads(script.text or "")
        except (ValueError, RecursionError):
            continue
        stack = data if isinstance(data, list) else [data]
        for item in stack[:100]:
            if isinstance(item, dict):
                objects.append(item)
                graph = item.get("@graph")
                if isinstance(graph, list):
                    objects += [g for g in graph[:100] if isinstance(g, dict)]
    return objects


def _name(value) -> str | None:
    """A JSON-LD person or organisation (or a list of them) as a name."""
    if isinstance(value, list):
        names = [n for n in (_name(v) for v in value[:10]) if n]
        return ", ".join(names) or None
    if isinstance(value, dict):
        value = value.get("name")
    return value if isinstance(value, str) else None


def metadata(tree) -> list[tuple[str, str, str]]:
    """What the page states about itself, each value with where it was found."""
    meta: dict[str, str] = {}
    for element in tree.xpath("//meta[@content]"):
        key = (element.get("property") or element.get("name") or element.get("itemprop") or "").strip().lower()
        if key and key not in meta:
            meta[key] = element.get("content") or ""
    articles = [o for o in _json_ld(tree) if any(k in o for k in ("headline", "datePublished"))]
    article = articles[0] if articles else {}
    found: list[tuple[str, str, str]] = []

    def first(field: str, ld_key: str, names: tuple[str, ...], convert=stated):
        value = article.get(ld_key)
        if ld_key in ("author", "publisher"):
            value = _name(value)
        if isinstance(value, str) and (got := convert(field, value, f"JSON-LD: {ld_key}") if convert is stated else convert(value, f"JSON-LD: {ld_key}")):
            return got
        for name in names:
            if name in meta:
                got = convert(field, meta[name], f"HTML meta: {name}") if convert is stated else convert(meta[name], f"HTML meta: {name}")
                if got:
                    return got
        return []

    found += first("title", "headline", _META_TITLE)
    if not any(f == "title" for f, _, _ in found):
        titles = tree.xpath("//title/text()")
        found += stated("title", titles[0] if titles else None, "HTML <title>")
    found += first("date", "datePublished", _META_DATE, stated_date)
    found += first("author", "author", _META_AUTHOR)
    found += first("outlet", "publisher", _META_OUTLET)
    return found


def _fallback_text(tree) -> list[str]:
    """The body's text without script, style and the like, a block element a paragraph: for
    pages too short for trafilatura's main-text rules."""
    for element in tree.xpath("//script|//style|//noscript|//template|//head|//svg|//iframe|//object"):
        element.drop_tree()
    body = tree.find("body")
    root = body if body is not None else tree
    parts: list[str] = []
    for element in root.iter("p", "li", "h1", "h2", "h3", "h4", "h5", "h6", "td", "blockquote", "pre"):
        parts.append(" ".join(element.text_content().split()))
    return parts or [" ".join(root.text_content().split())]


def extract(raw: bytes, path: Path) -> Extracted:
    trafilatura = require("trafilatura", path, "html")
    import lxml.html

    try:
        tree = lxml.html.document_fromstring(raw)
        found = metadata(tree)
        text = trafilatura.extract(raw, output_format="txt", include_comments=False, include_tables=True, include_images=False,
                                   include_links=False, include_formatting=False, deduplicate=False, with_metadata=False, fast=False)
        parts = text.split("\n") if text else _fallback_text(tree)
    except IngestError:
        raise
    except Exception as err:
        raise IngestError(path, f"the web page cannot be read ({type(err).__name__})", "save the page again from the browser (as HTML only), or remove it") from None
    return Extracted(paragraphs(parts), found=tuple(found))
