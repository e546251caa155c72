"""`links.json`: every citable target of the site (`link.targets`), one JSON object a line, with
the redirects of renamed seeds and the pages retired for a changed extraction (old page → the
seed's page now: its old anchors name other paragraphs); read by `seedwiki check-review` and by anyone checking citations.

The build knows the targets but not the address the site is published at (MkDocs does), so it
writes `records`: JSON Lines with each target's path; the plugin makes links.json from them
(`links_json`), each line a JSON value made with `json.dumps`, streamed, never the whole
manifest in memory.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Iterable, Iterator

from ..citation import Item, absolute_url, csl_item, entry_item, item_from_csl
from ..link import Site
from ..link.targets import paragraph_anchor
from ..model import SeedEntry

LINKS_FORMAT = 1


def records(site: Site, lines_of: Callable[[SeedEntry], Iterable[str]] | None = None) -> Iterator[str]:
    """The build's part of links.json, one JSON object a line: first the head (format and
    redirects), then every target with its path in place of its address. `lines_of`: a seed's
    lines (`entry_lines`), as the caller gets them (under serve, an unchanged seed's are kept)."""
    yield head_line(site)
    for entry in site.entries:
        yield from entry_lines(site, entry) if lines_of is None else lines_of(entry)


def head_line(site: Site) -> str:
    """The first line of `records`: the format, the redirects and the retired pages."""
    return json.dumps({"format": LINKS_FORMAT, "redirects": site.redirects, "retired": site.retired}, ensure_ascii=False)


def entry_lines(site: Site, entry: SeedEntry) -> tuple[str, ...]:
    """A seed's lines of `records`: made from the seed's entry and its facts alone."""
    return tuple(map(_dumps, _entry_records(site, entry)))


# `json.dumps(record, ensure_ascii=False)`, its encoder made once rather than once a record (a
# line a paragraph: 24,000 at 1,000 dense seeds, a quarter less CPU)
_dumps = json.JSONEncoder(ensure_ascii=False).encode


def _entry_records(site: Site, entry: SeedEntry) -> Iterator[dict]:
    """A seed's targets; a paragraph's target lists the quotations in it: who said each (null: the
    text does not say), why (`model.QuoteBasis`) and, for one the wiki resolved, the paragraph that
    named the speaker. The page's target carries the source as a bibliographic item (CSL-JSON). A
target whose text a long seed's later part shows says which page shows it (`shown`: `seeds/<slug>/part-<k>/`)."""
    document = entry.document
    quoted: dict[str, list[dict]] = {}
    for q in document.quotes:
        quoted.setdefault(paragraph_anchor(q.block), []).append(
            {"speaker": q.speaker, "basis": q.basis, "form": q.form, "text": q.text,
             "resolved_from": paragraph_anchor(q.resolved_from) if q.resolved_from is not None else None})
    for t in site.facts[entry.slug].targets:
        record: dict[str, object] = {"seed": t.seed, "url": t.path, "page": t.page, "anchor": t.anchor, "kind": t.kind, "label": t.label,
                                     "speaker": t.speaker, "sha256": t.sha256, "text": t.text}
        if t.part > 1:  # a long seed's later part shows the text; the address stays the seed's page
            record["shown"] = t.shown
        if quotes := quoted.get(t.anchor):
            record["quotes"] = quotes
        if not t.anchor:
            record["item"] = csl_item(entry_item(entry, ""))
        yield record


def links_json(lines: Iterable[str], site_url: str) -> Iterator[tuple[str, Item | None]]:
    """links.json's text from `records`, a line at a time, each target's address made absolute for
    the site at `site_url`; with each line the source's item when the line is a seed page's. (Under
    serve, `links_json_by_seed` makes the same text converting only a changed seed's lines.)"""
    first = True
    for line in lines:
        record = json.loads(line)
        if "format" in record:
            yield _head(record, site_url), None
            continue
        held = _converted(record, site_url)
        yield ("\n" if first else "\n,") + held[0], held[1]
        first = False
    yield LINKS_END, None


LINKS_END = "\n]}\n"
SeedsConverted = dict[tuple[str, ...], tuple[bytes, tuple[Item, ...]]]  # a seed's lines of `records` → its part of links.json, its items
_FIRST, _NEXT, _END = b"\n", b"\n,", LINKS_END.encode("utf-8")  # links.json's separators, one object each (`rewrite.PartsWritten` compares parts by identity first)


def links_json_by_seed(head: str, seeds: Iterable[tuple[str, ...]], site_url: str,
                       converted: tuple[SeedsConverted, SeedsConverted]) -> tuple[list[bytes], list[Item]]:
    """links.json's text, encoded as UTF-8, in parts to be written in turn (an unchanged seed's
    part the very same bytes as in the previous build), and the sources' items, as `links_json`
    makes them from `records`, from its head line and each seed's lines (`entry_lines`, under
    serve the very same tuple for an unchanged seed): `converted` holds what each seed's lines
    became in the previous build (for this `site_url`), and receives this build's, so that a save
    converts the lines of its seed only."""
    before, now = converted
    parts = [_head(json.loads(head), site_url).encode("utf-8")]
    items: list[Item] = []
    for lines in seeds:
        held = before.get(lines)
        if held is None:
            made = [_converted(json.loads(line), site_url) for line in lines]
            held = "\n,".join(text for text, _ in made).encode("utf-8"), tuple(item for _, item in made if item is not None)
        now[lines] = held
        if lines:
            parts += (_NEXT if len(parts) > 1 else _FIRST, held[0])
        items += held[1]
    parts.append(_END)
    return parts, items


def _head(record: dict, site_url: str) -> str:
    head = json.dumps({**record, "site_url": site_url.rstrip("/") + "/", "targets": []}, ensure_ascii=False)
    return head[:-2]  # the list of targets is opened here, one target a line after it


def _converted(record: dict, site_url: str) -> tuple[str, Item | None]:
    """A target's line of links.json, its address made absolute, and its source's item (a seed page's)."""
    record["url"] = absolute_url(site_url, record["url"])
    item = None
    if isinstance(record.get("item"), dict):
        record["item"]["URL"] = absolute_url(site_url, record["item"]["URL"].lstrip("/"))
        item = item_from_csl(record["item"])
    return json.dumps(record, ensure_ascii=False), item
