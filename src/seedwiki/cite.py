"""cite: every citable target of the corpus, citations and `links.json`.

A target is a page (`seeds/<slug>/`) or an anchor on it: `#pN` for every paragraph unit, and
`#qN` for a numbered question. The permalink lock that keeps them published is in `lock.py`.
"""

from __future__ import annotations

import datetime
import json
from collections.abc import Iterator
from dataclasses import dataclass
from functools import partial

from .citation import FORMATS, Citation, Item, Locator, csl_item, format_citation, human_date, make_item, markdown_text
from .memo import Memo, remembered
from .model import ANSWER, QUESTION, Corpus, Document, SeedEntry
from .render import display_name
from .review.quotes import quoted_in

LINKS_FORMAT = 1
__all__ = ["FORMATS", "Citation", "entry_targets", "format_citation", "human_date", "links_json", "links_template", "make_citation", "markdown_text"]


@dataclass(frozen=True)
class Target:
    """One citable place: a seed page (anchor "") or an anchor on it."""

    seed: str  # the seed's slug
    anchor: str  # "", "p12" or "q8"
    kind: str  # "page", "question", or the block's kind ("paragraph", "answer", "title", …)
    label: str  # "", "¶12", "Q8", or "Q8, ¶18" for a paragraph of question 8's unit
    sha256: str  # of the seed file
    text: str  # exactly as in the seed: the block's text; for `#qN` the question and its answers; the title for a page
    speaker: str | None = None  # who speaks in it, when the seed or its sidecar says (an interview's answers)

    @property
    def page(self) -> str:
        return f"seeds/{self.seed}/"

    @property
    def path(self) -> str:
        return self.page + (f"#{self.anchor}" if self.anchor else "")


def _speakers(document: Document) -> dict[str, str]:
    return {role: name for role, name in document.value("speakers") or ()}


def block_speaker(document: Document, index: int) -> str | None:
    """Who speaks in block `index`: its own turn label, else for an interview's question or answer
    the curated interviewer or interviewee."""
    block = document.blocks[index]
    if block.speaker:
        return block.speaker
    role = {QUESTION: "interviewer", ANSWER: "interviewee"}.get(block.kind)
    return _speakers(document).get(role) if role else None


def entry_targets(entry: SeedEntry) -> Iterator[Target]:
    """A seed's targets in reading order: the page, then each block (a question's unit first as `#qN`)."""
    document = entry.document
    sha = document.seed.sha256
    owners = document.question_of
    yield Target(entry.slug, "", "page", "", sha, document.title)
    for index, block in enumerate(document.blocks):
        anchor = document.anchor(index)
        number = owners[index]
        if block.kind == QUESTION and number is not None:
            unit = [document.blocks[i].text for i in range(index, len(owners)) if owners[i] == number and document.blocks[i].kind in (QUESTION, ANSWER)]
            answer = next((i for i in range(index + 1, len(owners)) if owners[i] == number and document.blocks[i].kind == ANSWER), None)
            yield Target(entry.slug, f"q{number}", "question", f"Q{number}", sha, "\n".join(unit),
                         block_speaker(document, answer) if answer is not None else None)
        label = (f"Q{number}, " if number is not None else "") + f"¶{anchor[1:]}"
        yield Target(entry.slug, anchor, block.kind, label, sha, block.text, block_speaker(document, index))


def absolute_url(site_url: str, path: str) -> str:
    return site_url.rstrip("/") + "/" + path


def locator(entry: SeedEntry, target: Target) -> Locator:
    """Where `target` is in its source, as a citation's locator: a paragraph's number, or the
    paragraphs of a question's unit as a range ("17–18"); none for the page."""
    if not target.anchor:
        return Locator()
    if target.anchor.startswith("p"):
        return Locator(target.anchor, target.label, target.anchor[1:])
    number = int(target.anchor[1:])
    document = entry.document
    unit = [i + 1 for i, owner in enumerate(document.question_of) if owner == number and document.blocks[i].kind in (QUESTION, ANSWER)]
    paragraphs = str(unit[0]) if unit[0] == unit[-1] else f"{unit[0]}–{unit[-1]}"
    return Locator(target.anchor, target.label, paragraphs)


def entry_item(entry: SeedEntry, site_url: str) -> Item:
    """The bibliographic item a seed is (`citation.make_item`), its URL the seed's page."""
    return make_item(entry.document, entry.slug, absolute_url(site_url, entry.url), display_name(entry.document.title))


def make_citation(entry: SeedEntry, target: Target, site_url: str, *, quote: str | None = None, fragment: str = "", accessed: datetime.date) -> Citation:
    """A citation of `target`: the seed's item, the target as its locator; `fragment` (a text
    directive `:~:text=…`) is added to its URL. With a `quote`, the quotation's speaker as the
    parser found it, else the block's speaker, goes into the note, never into the item."""
    document = entry.document
    quote_speaker = None
    if quote and target.anchor.startswith("p"):
        index = int(target.anchor[1:]) - 1
        quote_speaker = next((q.speaker for q in document.quotes if q.block == index and q.speaker and quoted_in(quote, q.text)), None)
    return Citation(
        item=entry_item(entry, site_url),
        locator=locator(entry, target),
        url=absolute_url(site_url, target.path) + fragment,
        accessed=accessed,
        speaker=quote_speaker or target.speaker,
        quote=" ".join(quote.split()) if quote else None,
    )


SITE_URL_MARK = "\x02"  # json.dumps escapes control characters, so this mark can only be ours


def links_template(corpus: Corpus, redirects: dict[str, str], memo: Memo | None = None) -> str:
    """`links.json` (format in the README) with `SITE_URL_MARK` where the site's address goes, one
    target per line; `links_json` puts the address in. With a `memo`, an unchanged seed's lines
    are the previous build's."""
    head = json.dumps({"format": LINKS_FORMAT, "redirects": redirects}, ensure_ascii=False)[:-1]
    lines = []
    for entry in corpus.entries:
        lines += remembered(memo, ("links", entry.slug), entry.document, partial(_target_lines, entry))
    return head + f', "site_url": "{SITE_URL_MARK}/", "targets": [' + "".join("\n" + ("," if i else "") + line for i, line in enumerate(lines)) + "\n]}\n"


def _target_lines(entry: SeedEntry) -> list[str]:
    """A seed's targets in links.json, a line each; a paragraph's target lists the quotations in it:
    who said each (null: the text does not say), why (`model.QuoteBasis`) and, for one the wiki
    resolved, the paragraph that named the speaker."""
    document = entry.document
    quoted: dict[str, list[dict]] = {}
    for q in document.quotes:
        quoted.setdefault(document.anchor(q.block), []).append(
            {"speaker": q.speaker, "basis": q.basis, "form": q.form, "text": q.text,
             "resolved_from": document.anchor(q.resolved_from) if q.resolved_from is not None else None})
    lines = []
    for t in entry_targets(entry):
        fields: dict[str, object] = {"seed": t.seed, "url": "", "page": t.page, "anchor": t.anchor, "kind": t.kind, "label": t.label,
                                     "speaker": t.speaker, "sha256": t.sha256, "text": t.text}
        if quotes := quoted.get(t.anchor):
            fields["quotes"] = quotes
        if not t.anchor:  # the page: the source as a bibliographic item (CSL-JSON), read for the site's bibliography
            fields["item"] = csl_item(entry_item(entry, ""))
        line = json.dumps(fields, ensure_ascii=False).replace('"url": ""', f'"url": "{SITE_URL_MARK}/{json.dumps(t.path)[1:-1]}"', 1)
        if not t.anchor:  # the first `"URL": "/` is the item's: a value's quotation marks are escaped
            line = line.replace('"URL": "/', f'"URL": "{SITE_URL_MARK}/', 1)
        lines.append(line)
    return lines


def links_json(template: str, site_url: str) -> str:
    return template.replace(SITE_URL_MARK + "/", json.dumps(site_url.rstrip("/") + "/")[1:-1])
