"""cite: every citable target of the corpus, citations and `links.json`.

A target is a page (`seeds/<slug>/`) or an anchor on it: `#pN` for every paragraph unit, and
`#qN` for a numbered question. The permalink lock that keeps them published is in `lock.py`.
"""

from __future__ import annotations

import datetime
import json
import re
from collections.abc import Iterator
from dataclasses import dataclass
from functools import partial
from html import escape

from .memo import Memo, remembered
from .model import ANSWER, QUESTION, Corpus, Document, SeedEntry
from .parse import MONTH_NAMES
from .render import display_name
from .review.quotes import quoted_in

LINKS_FORMAT = 1


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


def human_date(iso: str | None) -> str:
    """An ISO date at its precision as people write it: "23 January 2022", "January 2022", "2022";
    "n.d." when unknown."""
    if not iso:
        return "n.d."
    parts = iso.split("-")
    words = [str(int(parts[2]))] if len(parts) > 2 else []
    words += [MONTH_NAMES[int(parts[1]) - 1]] if len(parts) > 1 else []
    return " ".join([*words, parts[0]])


# Markdown-active characters inside a line (CommonMark, GFM tables and strikethrough, and the
# extensions MkDocs sites use: attribute lists, footnotes, math), and those that open a block at the
# start of a line. CommonMark lets any ASCII punctuation be escaped; an escaped character shows as itself.
_MARKDOWN_INLINE = re.compile(r"([\\`*_\[\]<>!&~|${}^])")
_MARKDOWN_LINE_START = re.compile(r"^(?:([#=+-])|(\d+)([.)]))")


def markdown_text(text: str) -> str:
    """`text` as literal Markdown: every Markdown-active character escaped, whitespace collapsed."""
    escaped = _MARKDOWN_INLINE.sub(r"\\\1", " ".join(text.split()))
    return _MARKDOWN_LINE_START.sub(lambda m: "\\" + m[1] if m[1] else m[2] + "\\" + m[3], escaped)


@dataclass(frozen=True)
class Citation:
    """What a citation of one target says, before it is put in a format."""

    title: str
    locator: str  # "Q8, ¶18", "¶6", "Q8" or "" for the whole page
    outlet: str | None
    date: str  # human_date: "23 January 2022" or "n.d."
    iso_date: str | None
    language: str | None
    speaker: str | None
    quote: str | None
    url: str
    accessed: datetime.date

    def parts(self) -> tuple[str, str, str]:
        """(before the title, the title with its locator, after it) as plain text."""
        before = (f"{self.speaker}: " if self.speaker else "") + (f"“{self.quote}” " if self.quote else "")
        name = self.title + (f", {self.locator}" if self.locator else "")
        after = (f"{self.outlet}, " if self.outlet else "") + self.date
        return before, name, after

    @property
    def accessed_text(self) -> str:
        return human_date(self.accessed.isoformat())


def _sentence(text: str) -> str:
    return text if text.endswith((".", "?", "!")) else text + "."


def _text(c: Citation) -> str:
    before, name, after = c.parts()
    return f"{before}{_sentence(name)} {_sentence(after)} {c.url} (accessed {c.accessed_text})."


def _markdown(c: Citation) -> str:
    before, name, after = c.parts()
    return f"{markdown_text(before)}{' ' if before else ''}[{markdown_text(name)}]({_markdown_url(c.url)}). {markdown_text(after)} (accessed {c.accessed_text})."


def _markdown_url(url: str) -> str:
    """A URL as a Markdown link destination: spaces, brackets and parentheses percent-encoded."""
    return url.replace(" ", "%20").replace("(", "%28").replace(")", "%29").replace("<", "%3C").replace(">", "%3E")


def _html(c: Citation) -> str:
    before, name, after = c.parts()
    return f'{escape(before)}<a href="{escape(c.url)}">{escape(name)}</a>. {escape(after)} (accessed {c.accessed_text}).'


# Characters that BibTeX or LaTeX read as syntax, written as the LaTeX for the character itself.
# A brace becomes a command, never `\{`: BibTeX counts braces whatever precedes them, so one
# unbalanced brace would end the field early or swallow the rest of the entry. `\\` would be a
# line break, `\~` and `\^` accents on the next letter.
_BIBTEX_CHARS = {ord("\\"): r"{\textbackslash}", ord("{"): r"{\textbraceleft}", ord("}"): r"{\textbraceright}",
                 ord("~"): r"{\textasciitilde}", ord("^"): r"{\textasciicircum}", **{ord(c): "\\" + c for c in "%&$#_"}}


def _bibtex_value(text: str) -> str:
    """`text` as a BibTeX field's value: on one line, in braces that always balance."""
    return "{" + " ".join(text.split()).translate(_BIBTEX_CHARS) + "}"


def _bibtex_url(url: str) -> str:
    """A URL as a BibTeX field's value, read verbatim: braces and backslashes percent-encoded so the braces balance."""
    return "{" + url.replace("\\", "%5C").replace("{", "%7B").replace("}", "%7D") + "}"


def _bibtex(c: Citation, key: str) -> str:
    fields = [("title", c.title), ("howpublished", c.outlet), ("note", "; ".join(x for x in (c.locator, f"{c.speaker}: “{c.quote}”" if c.quote and c.speaker else c.quote or c.speaker) if x)),
              ("url", c.url), ("urldate", c.accessed.isoformat())]
    if c.iso_date:
        fields.append(("date", c.iso_date))
        fields.append(("year", c.iso_date[:4]))
    if c.language:
        fields.append(("language", c.language))
    body = ",\n".join(f"  {name} = {_bibtex_url(value) if name == 'url' else _bibtex_value(value)}" for name, value in fields if value)
    return f"@misc{{{key},\n{body}\n}}"


def _csl_json(c: Citation, key: str) -> str:
    item: dict = {"id": key, "type": "article-newspaper" if c.outlet else "webpage", "title": c.title, "URL": c.url,
                  "accessed": {"date-parts": [[c.accessed.year, c.accessed.month, c.accessed.day]]}}
    if c.outlet:
        item["container-title"] = c.outlet
    if c.iso_date:
        item["issued"] = {"date-parts": [[int(x) for x in c.iso_date.split("-")]]}
    if c.locator:
        item["locator"] = c.locator
    if c.speaker:
        item["author"] = [{"literal": c.speaker}]
    if c.quote:
        item["note"] = f"“{c.quote}”"
    if c.language:
        item["language"] = c.language
    return json.dumps([item], ensure_ascii=False, indent=2)


def _ris(c: Citation, key: str) -> str:
    lines = [("TY", "NEWS" if c.outlet else "ELEC"), ("ID", key), ("TI", c.title), ("T2", c.outlet),
             ("AU", c.speaker), ("DA", c.iso_date.replace("-", "/") if c.iso_date else None),
             ("PY", c.iso_date[:4] if c.iso_date else None), ("LA", c.language), ("UR", c.url),
             ("Y2", c.accessed.strftime("%Y/%m/%d")), ("N1", c.locator), ("N1", f"“{c.quote}”" if c.quote else None)]
    return "\n".join(f"{tag}  - {' '.join(value.split())}" for tag, value in lines if value) + "\nER  - "


FORMATS = ("text", "markdown", "html", "url", "bibtex", "csl-json", "ris")


def make_citation(entry: SeedEntry, target: Target, site_url: str, *, quote: str | None = None, fragment: str = "", accessed: datetime.date) -> Citation:
    """What a citation of `target` says; `fragment` (a text directive `:~:text=…`) is added to its URL."""
    document = entry.document
    quote_speaker = None
    if quote and target.anchor.startswith("p"):
        index = int(target.anchor[1:]) - 1
        quote_speaker = next((q.speaker for q in document.quotes if q.block == index and q.speaker and quoted_in(quote, q.text)), None)
    return Citation(
        title=" ".join(display_name(document.title).split()),
        locator=target.label,
        outlet=document.value("outlet"),
        date=human_date(document.value("date")),
        iso_date=document.value("date"),
        language=document.value("language"),
        speaker=quote_speaker or target.speaker,
        quote=" ".join(quote.split()) if quote else None,
        url=absolute_url(site_url, target.path) + fragment,
        accessed=accessed,
    )


def format_citation(c: Citation, fmt: str, key: str) -> str:
    """`c` in one of `FORMATS`; `key` names it in BibTeX, CSL-JSON and RIS."""
    if fmt == "url":
        return c.url
    if fmt in ("bibtex", "csl-json", "ris"):
        return {"bibtex": _bibtex, "csl-json": _csl_json, "ris": _ris}[fmt](c, key)
    return {"text": _text, "markdown": _markdown, "html": _html}[fmt](c)


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
        lines.append(json.dumps(fields, ensure_ascii=False).replace('"url": ""', f'"url": "{SITE_URL_MARK}/{json.dumps(t.path)[1:-1]}"', 1))
    return lines


def links_json(template: str, site_url: str) -> str:
    return template.replace(SITE_URL_MARK + "/", json.dumps(site_url.rstrip("/") + "/")[1:-1])
