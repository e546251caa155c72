"""cite: every citable target of the corpus, citations and `links.json`.

A target is a page (`seeds/<slug>/`) or an anchor on it: `#pN` for every paragraph unit, and
`#qN` for a numbered question. The permalink lock that keeps them published is in `lock.py`.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterator
from dataclasses import dataclass

from .model import QUESTION, Corpus, SeedEntry
from .render import display_name

LINKS_FORMAT = 1
FORMATS = ("markdown", "text", "url")


@dataclass(frozen=True)
class Target:
    """One citable place: a seed page (anchor "") or an anchor on it."""

    seed: str  # the seed's slug
    anchor: str  # "", "p12" or "q8"
    kind: str  # "page", "question", or the block's kind ("paragraph", "answer", "title", …)
    label: str  # "", "¶12" or "Q8"
    sha256: str  # of the seed file
    text: str  # the block's text exactly as in the seed (the title for a page)

    @property
    def page(self) -> str:
        return f"seeds/{self.seed}/"

    @property
    def path(self) -> str:
        return self.page + (f"#{self.anchor}" if self.anchor else "")


def entry_targets(entry: SeedEntry) -> Iterator[Target]:
    """A seed's targets in reading order: the page, then each block (a question also as `#qN`)."""
    document = entry.document
    sha = document.seed.sha256
    yield Target(entry.slug, "", "page", "", sha, document.title)
    for index, block in enumerate(document.blocks):
        anchor = document.anchor(index)
        if block.kind == QUESTION and block.number is not None:
            yield Target(entry.slug, f"q{block.number}", "question", f"Q{block.number}", sha, block.text)
        yield Target(entry.slug, anchor, block.kind, f"¶{anchor[1:]}", sha, block.text)


def absolute_url(site_url: str, path: str) -> str:
    return site_url.rstrip("/") + "/" + path


def _markdown_text(text: str) -> str:
    """`text` safe as Markdown link text: backslashes and brackets escaped, whitespace collapsed."""
    return re.sub(r"([\\\[\]])", r"\\\1", " ".join(text.split()))


def citation(entry: SeedEntry, target: Target, site_url: str, fmt: str = "markdown") -> str:
    """A ready citation of `target`: a Markdown link, a plain-text reference, or the bare URL."""
    url = absolute_url(site_url, target.path)
    document = entry.document
    name = display_name(document.title) + (f", {target.label}" if target.label else "")
    if fmt == "url":
        return url
    if fmt == "markdown":
        return f"[{_markdown_text(name)}]({url})"
    outlet = document.value("outlet")
    date = document.value("date") or "undated"
    return " ".join(name.split()) + "." + (f" {outlet}," if outlet else "") + f" {date}. {url}"


SITE_URL_MARK = "\x02"  # json.dumps escapes control characters, so this mark can only be ours


def links_template(corpus: Corpus, redirects: dict[str, str]) -> str:
    """`links.json` (format in the README) with `SITE_URL_MARK` where the site's address goes, written
    one target per line as it streams; `links_json` puts the address in."""
    head = json.dumps({"format": LINKS_FORMAT, "redirects": redirects}, ensure_ascii=False)[:-1]
    lines = [head + f', "site_url": "{SITE_URL_MARK}/", "targets": [']
    first = True
    for entry in corpus.entries:
        for t in entry_targets(entry):
            fields = {"seed": t.seed, "url": "", "page": t.page, "anchor": t.anchor, "kind": t.kind, "label": t.label, "sha256": t.sha256, "text": t.text}
            line = json.dumps(fields, ensure_ascii=False).replace('"url": ""', f'"url": "{SITE_URL_MARK}/{json.dumps(t.path)[1:-1]}"', 1)
            lines.append(("" if first else ",") + line)
            first = False
    return "\n".join(lines) + "\n]}\n"


def links_json(template: str, site_url: str) -> str:
    return template.replace(SITE_URL_MARK + "/", json.dumps(site_url.rstrip("/") + "/")[1:-1])
