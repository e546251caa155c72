"""citation: one bibliographic item per source, and the formats that carry it.

A seed is one item (`Item`): what reference managers file, whatever part of it is cited. The part
cited (a paragraph, a question's unit) is a locator kept outside the item (`Locator`), as CSL
processors, pandoc and LaTeX expect it; a quotation and its speaker go into a note, never into
the item's authors. The item's author is the byline, an interview's interviewee or the body that
issued a release or statement; names are split into family, given and suffix by nameparser, with
ranks and titles left out.

Formats: `text`, `markdown` and `html` cite one place (the item with its locator, URL and note);
`csl-json` (a list of items), `bibtex` (BibTeX and biblatex) and `ris` (written by rispy) describe
the source; `csl-citation` (a CSL citation object with the item) and `pandoc` (`[@key, para. 10]`)
carry the locator.
"""

from __future__ import annotations

import datetime
import json
import re
from collections.abc import Iterable
from dataclasses import dataclass
from functools import lru_cache
from html import escape

import rispy
from nameparser import HumanName

from .escape import display_name
from .link.targets import Target, anchor_index, block_page, page_number, unit_blocks
from .model import Document, SeedEntry
from .quotation import quoted_in

FORMATS = ("markdown", "text", "html", "url", "bibtex", "ris", "csl-json", "csl-citation", "pandoc")
CSL_CITATION_SCHEMA = "https://resource.citationstyles.org/schema/latest/input/json/csl-citation.json"
MONTH_MACROS = ("jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec")


# --- item types -------------------------------------------------------------------------------------


@dataclass(frozen=True)
class ItemType:
    """How each format names the kind of a source: CSL's type, Zotero's item type (the `DC.type`
    meta tag's value), RIS's TY, the BibTeX entry type, and a genre for the kinds no format names."""

    csl: str
    zotero: str
    ris: str
    bibtex: str
    genre: str | None = None


# Zotero's item type names are its own schema's (zotero/zotero-schema); RIS types as Zotero's RIS
# translator imports them (RIS has no interview type: ELEC keeps an interview a web page with its
# author, where INTV or GEN would become a journal article; CSL-JSON carries it whole).
ITEM_TYPES = {
    "news article": ItemType("article-newspaper", "newspaperArticle", "NEWS", "article"),
    "interview": ItemType("interview", "interview", "ELEC", "misc", "Interview"),
    "press release": ItemType("report", "report", "RPRT", "techreport", "Press release"),
    "statement": ItemType("report", "report", "RPRT", "techreport", "Statement"),
    "transcript": ItemType("document", "document", "GEN", "misc", "Transcript"),
}
WEB_PAGE = ItemType("webpage", "webpage", "ELEC", "misc")
ISSUED_BY_BODY = ("press release", "statement")  # kinds whose author is the issuing body (the outlet)


# --- names ------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Name:
    """A person as family, given and suffix names (no rank or title); an organisation, or a name
    that cannot be split, as a literal."""

    family: str = ""
    given: str = ""
    suffix: str = ""
    literal: str = ""

    def csl(self) -> dict[str, str]:
        if self.literal:
            return {"literal": self.literal}
        return {k: v for k, v in (("family", self.family), ("given", self.given), ("suffix", self.suffix)) if v}

    @property
    def display(self) -> str:
        """As a reader writes it: "John W. Brennan, Jr.", "Global Coalition"."""
        if self.literal:
            return self.literal
        return " ".join(x for x in (self.given, self.family) if x) + (f", {self.suffix}" if self.suffix else "")

    @property
    def inverted(self) -> str:
        """Family first, as RIS and the `citation_author` meta tag want it: "Brennan, John W., Jr."."""
        if self.literal:
            return self.literal
        return ", ".join(x for x in (self.family, self.given, self.suffix) if x)

    def bibtex(self) -> str:
        """As a BibTeX name: "Brennan, Jr., John W."; an organisation in braces, read as one family name."""
        if self.literal:
            return "{" + _bibtex_text(self.literal) + "}"
        parts = [self.family, self.suffix, self.given] if self.suffix else [self.family, self.given]
        return ", ".join(_bibtex_text(p) for p in parts if p)


# Words that make a name an organisation's: a name holding one of these (or a digit, or written
# only in capitals and longer than a surname) is kept whole as a literal, never split.
_BODY_WORDS = frozenset("""
agency army association authority bank board bureau cabinet centre center channel coalition command commission
committee company corporation council court department directorate embassy force forces foundation front government
group institute international league media ministry mission movement network news newspaper office organisation
organization party police post presidency press radio republic secretariat service services staff television times
tv union unit university
""".split())
_SUFFIXES = frozenset({"jr", "jr.", "sr", "sr.", "ii", "iii", "iv", "phd", "ph.d."})
_SPLIT_NAMES = re.compile(r"\s*(?:;|&|\band\b|,(?!\s*(?:jr\.?|sr\.?|ii|iii|iv)\b))\s*", re.IGNORECASE)


def is_body(name: str, outlet: str | None = None) -> bool:
    """Whether `name` is an organisation's rather than a person's."""
    words = re.findall(r"[\w.]+", name)
    return (name == outlet or any(ch.isdigit() for ch in name) or any(w.lower() in _BODY_WORDS for w in words)
            or (len(words) == 1 and name.isupper() and len(name) > 1) or len(words) > 6)


@lru_cache(maxsize=4096)  # a speaker is named on every quotation of theirs; nameparser takes some 0.2 ms a name
def parse_name(text: str, outlet: str | None = None) -> Name:
    """One name as a structured `Name`: ranks and honorifics dropped ("Maj. Gen. John W. Brennan,
    Jr." is Brennan, John W., Jr.), an organisation kept whole."""
    text = " ".join(text.split())
    if is_body(text, outlet):
        return Name(literal=text)
    human = HumanName(text)
    given = " ".join(x for x in (human.first, human.middle) if x)
    if not human.last:  # one word ("Kirby"): a family name
        return Name(family=given or text)
    return Name(family=human.last, given=given, suffix=human.suffix)


def parse_names(text: str | None, outlet: str | None = None) -> tuple[Name, ...]:
    """A byline's names ("Jane Doe and John Roe", "Doe, Roe; Poe"), each structured; a suffix after a comma stays with its name."""
    if not text:
        return ()
    text = re.sub(r"^\s*(?:by|written by)\s+", "", text, flags=re.IGNORECASE)
    return tuple(parse_name(part, outlet) for part in _SPLIT_NAMES.split(text) if part.strip() and part.strip().lower() not in _SUFFIXES)


# --- the item ---------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Item:
    """A source as reference managers file it: one per seed, whichever part of it is cited."""

    key: str  # the seed's slug: the CSL id, BibTeX key and RIS ID
    kind: str | None
    type: ItemType
    title: str
    authors: tuple[Name, ...]
    interviewers: tuple[Name, ...]
    container: str | None  # the newspaper or web site the source appeared in
    publisher: str | None  # the body that issued it (a release, statement or transcript)
    issued: str | None  # ISO 8601 at its precision
    language: str | None
    abstract: str | None  # the curated summary
    url: str  # the seed's page in the wiki
    source_url: str | None  # where it was first published
    archive_url: str | None  # an archived copy of it

    @property
    def note(self) -> str:
        """Where the source itself is: "Originally published at …; archived at …"."""
        parts = ([f"Originally published at {self.source_url}"] if self.source_url else []) + (
            [f"{'archived' if self.source_url else 'Archived'} at {self.archive_url}"] if self.archive_url else [])
        return "; ".join(parts)


def make_item(document: Document, key: str, url: str, title: str) -> Item:
    """The item a seed is: its kind decides the type and who the author is (the byline; an
    interview's interviewee; a release's or statement's issuing body). A quoted speaker never is."""
    kind = document.meta.kind
    outlet = document.meta.outlet
    speakers = dict(document.meta.speakers or ())
    byline = parse_names(document.meta.author or document.meta.byline, outlet)
    item_type = ITEM_TYPES.get(kind, WEB_PAGE) if kind else WEB_PAGE
    authors: tuple[Name, ...] = byline
    interviewers: tuple[Name, ...] = ()
    if kind == "interview":
        authors = parse_names(speakers.get("interviewee"), outlet) or byline
        # an outlet that interviews is the item's container already
        interviewers = tuple(n for n in parse_names(speakers.get("interviewer"), outlet) if n.literal != outlet)
    elif kind in ISSUED_BY_BODY and outlet:
        authors = (Name(literal=outlet),)
    issued_by = kind in ISSUED_BY_BODY or kind == "transcript"
    return Item(
        key=key, kind=kind, type=item_type, title=" ".join(title.split()), authors=authors, interviewers=interviewers,
        container=None if issued_by else outlet, publisher=outlet if issued_by else None,
        issued=document.meta.date, language=document.meta.language, abstract=document.meta.summary,
        url=url, source_url=document.meta.source_url, archive_url=document.meta.archive_url,
    )


def _date_parts(iso: str | None) -> dict | None:
    return {"date-parts": [[int(x) for x in iso.split("-")]]} if iso else None


def csl_item(item: Item, accessed: datetime.date | None = None) -> dict:
    """The item as CSL-JSON (csl-data.json): what Zotero, pandoc and citeproc-js import."""
    data: dict = {"id": item.key, "type": item.type.csl, "title": item.title}
    if item.authors:
        data["author"] = [n.csl() for n in item.authors]
    if item.interviewers:
        data["interviewer"] = [n.csl() for n in item.interviewers]
    if item.container:
        data["container-title"] = item.container
    if item.publisher:
        data["publisher"] = item.publisher
    if item.type.genre:
        data["genre"] = item.type.genre
    if issued := _date_parts(item.issued):
        data["issued"] = issued
    data["URL"] = item.url
    if accessed:
        data["accessed"] = {"date-parts": [[accessed.year, accessed.month, accessed.day]]}
    if item.language:
        data["language"] = item.language
    if item.abstract:
        data["abstract"] = item.abstract
    if item.note:
        data["note"] = item.note
    return data


_NOTE = re.compile(r"(?:Originally published at (\S+?))?(?:(?:; a|A)rchived at (\S+))?\Z")


def item_from_csl(data: dict) -> Item:
    """An item back from its CSL-JSON (`csl_item`), as links.json keeps it for the site's bibliography."""
    def names(key: str) -> tuple[Name, ...]:
        return tuple(Name(**{k: v for k, v in n.items() if k in ("family", "given", "suffix", "literal")}) for n in data.get(key, ()))

    item_type = next((t for t in (*ITEM_TYPES.values(), WEB_PAGE) if t.csl == data["type"] and t.genre == data.get("genre")), WEB_PAGE)
    kind = next((k for k, t in ITEM_TYPES.items() if t == item_type), None)
    issued = data.get("issued", {}).get("date-parts", [[]])[0]
    note = _NOTE.match(data.get("note", ""))
    return Item(key=data["id"], kind=kind, type=item_type, title=data["title"], authors=names("author"), interviewers=names("interviewer"),
                container=data.get("container-title"), publisher=data.get("publisher"),
                issued="-".join(f"{int(x):02d}" if i else str(x) for i, x in enumerate(issued)) or None,
                language=data.get("language"), abstract=data.get("abstract"), url=data["URL"],
                source_url=note[1] if note else None, archive_url=note[2] if note else None)


# --- the place cited --------------------------------------------------------------------------------


@dataclass(frozen=True)
class Locator:
    """The part of a source cited: its anchor, the label readers see ("Q8, ¶18") and the
    paragraphs as a CSL locator ("18", or "17–18" for a question's unit), and in a PDF the page
    it is on ("3"); all empty for the whole source."""

    anchor: str = ""
    label: str = ""
    paragraphs: str = ""
    page: str = ""

    @property
    def pandoc(self) -> str:
        """The locator as pandoc reads it after a key: "para. 10", "paras. 17–18"; in a PDF the
        page first: "p. 3, para. 10" (a page alone for `#page-3`)."""
        page = f"p. {self.page}" if self.page else ""
        if not self.paragraphs:
            return page
        return (f"{page}, " if page else "") + ("paras. " if "–" in self.paragraphs else "para. ") + self.paragraphs


@dataclass(frozen=True)
class Citation:
    """One place cited: the source, the part of it, and what is quoted from it (with who said it)."""

    item: Item
    locator: Locator
    url: str  # the place's address: the page, its anchor and any text fragment
    accessed: datetime.date
    speaker: str | None = None
    quote: str | None = None

    def parts(self) -> tuple[str, str, str, str]:
        """(the authors, the title with its locator, where and when, the notes) as plain text."""
        authors = names_text(self.item.authors)
        name = self.item.title + (f", {self.locator.label}" if self.locator.label else "")
        after = ", ".join(x for x in (self.item.container or self.item.publisher, human_date(self.item.issued)) if x)
        notes = [quote_note(self.speaker, self.quote, self.item.authors), self.item.note]
        return authors, name, after, " ".join(sentence(n) for n in notes if n)

    @property
    def accessed_text(self) -> str:
        return human_date(self.accessed.isoformat())


def absolute_url(site_url: str, path: str) -> str:
    return site_url.rstrip("/") + "/" + path


def entry_item(entry: SeedEntry, site_url: str) -> Item:
    """The bibliographic item a seed is (`make_item`), its URL the seed's page."""
    return make_item(entry.document, entry.slug, absolute_url(site_url, entry.url), display_name(entry.document.title))


def locator(entry: SeedEntry, target: Target) -> Locator:
    """Where `target` is in its source, as a citation's locator: a paragraph's number, or the
    paragraphs of a question's unit as a range ("17–18"); none for the page."""
    if not target.anchor:
        return Locator()
    if (page := page_number(target.anchor)) is not None:
        return Locator(target.anchor, target.label, "", str(page))
    if (index := anchor_index(target.anchor)) is not None:
        return Locator(target.anchor, target.label, str(index + 1), _page(entry, index))
    unit = [i + 1 for i in unit_blocks(entry.document, int(target.anchor[1:]))]
    paragraphs = str(unit[0]) if unit[0] == unit[-1] else f"{unit[0]}–{unit[-1]}"
    return Locator(target.anchor, target.label, paragraphs, _page(entry, unit[0] - 1))


def _page(entry: SeedEntry, index: int) -> str:
    """The PDF page block `index` is on, as a locator ("" for a seed without pages)."""
    page = block_page(entry.document, index)
    return "" if page is None else str(page)


def make_citation(entry: SeedEntry, target: Target, site_url: str, *, quote: str | None = None, fragment: str = "", accessed: datetime.date) -> Citation:
    """A citation of `target`: the seed's item, the target as its locator; `fragment` (a text
    directive `:~:text=…`) is added to its URL. With a `quote`, the quotation's speaker as the
    parser found it, else the block's speaker, goes into the note, never into the item."""
    document = entry.document
    quote_speaker = None
    if quote and (index := anchor_index(target.anchor)) is not None:
        quote_speaker = next((q.speaker for q in document.quotes if q.block == index and q.speaker and quoted_in(quote, q.text)), None)
    return Citation(
        item=entry_item(entry, site_url),
        locator=locator(entry, target),
        url=absolute_url(site_url, target.path) + fragment,
        accessed=accessed,
        speaker=quote_speaker or target.speaker,
        quote=" ".join(quote.split()) if quote else None,
    )


def names_text(names: Iterable[Name]) -> str:
    """Names as a reader lists them: "A", "A and B", "A, B and C"."""
    shown = [n.display for n in names]
    return " and ".join(shown) if len(shown) < 3 else ", ".join(shown[:-1]) + " and " + shown[-1]


def quote_note(speaker: str | None, quote: str | None, authors: tuple[Name, ...] = ()) -> str:
    """Who says the words cited, and the quotation: "X, quoted: “…”", "Speaker: X" (when X is not
    the author), "Quoted: “…”"."""
    if quote:
        return f"{speaker}, quoted: “{quote}”" if speaker else f"Quoted: “{quote}”"
    if speaker and parse_name(speaker) not in authors:
        return f"Speaker: {speaker}"
    return ""


MONTH_NAMES = ("January", "February", "March", "April", "May", "June", "July", "August", "September", "October", "November", "December")


def human_date(iso: str | None) -> str:
    """An ISO date at its precision as people write it: "23 January 2022", "January 2022", "2022";
    "n.d." when unknown."""
    if not iso:
        return "n.d."
    parts = iso.split("-")
    words = [str(int(parts[2]))] if len(parts) > 2 else []
    words += [MONTH_NAMES[int(parts[1]) - 1]] if len(parts) > 1 else []
    return " ".join([*words, parts[0]])


def sentence(text: str) -> str:
    """`text` ended as a sentence: a full stop unless it ends one already (after a closing quotation mark too)."""
    return text if text.rstrip("”’\"'»)").endswith((".", "?", "!")) else text + "."


# --- plain text, Markdown and HTML: one place cited -------------------------------------------------

# Markdown-active characters inside a line (CommonMark, GFM tables and strikethrough, and the
# extensions MkDocs sites use: attribute lists, footnotes, math), and those that open a block at the
# start of a line. CommonMark lets any ASCII punctuation be escaped; an escaped character shows as itself.
_MARKDOWN_INLINE = re.compile(r"([\\`*_\[\]<>!&~|${}^#])")
_MARKDOWN_LINE_START = re.compile(r"^(?:([#=+-])|(\d+)([.)]))")


def markdown_text(text: str) -> str:
    """`text` as literal Markdown: every Markdown-active character escaped, whitespace collapsed."""
    escaped = _MARKDOWN_INLINE.sub(r"\\\1", " ".join(text.split()))
    return _MARKDOWN_LINE_START.sub(lambda m: "\\" + m[1] if m[1] else m[2] + "\\" + m[3], escaped)


def _markdown_url(url: str) -> str:
    """A URL as a Markdown link destination: spaces, brackets and parentheses percent-encoded."""
    return url.replace(" ", "%20").replace("(", "%28").replace(")", "%29").replace("<", "%3C").replace(">", "%3E")


def _text(c: Citation) -> str:
    authors, name, after, notes = c.parts()
    head = f"{sentence(authors)} " if authors else ""
    return f"{head}{sentence(name)} {sentence(after)} {c.url} (accessed {c.accessed_text})." + (f" {notes}" if notes else "")


def _markdown(c: Citation) -> str:
    authors, name, after, notes = c.parts()
    head = f"{markdown_text(sentence(authors))} " if authors else ""
    return (f"{head}[{markdown_text(name)}]({_markdown_url(c.url)}). {markdown_text(after)} (accessed {c.accessed_text})."
            + (f" {markdown_text(notes)}" if notes else ""))


def _html(c: Citation) -> str:
    authors, name, after, notes = c.parts()
    head = f"{escape(sentence(authors))} " if authors else ""
    return (f'{head}<a href="{escape(c.url)}">{escape(name)}</a>. {escape(after)} (accessed {c.accessed_text}).'
            + (f" {escape(notes)}" if notes else ""))


# --- BibTeX and biblatex ----------------------------------------------------------------------------

# Characters that BibTeX or LaTeX read as syntax, written as the LaTeX for the character itself.
# A brace becomes a command, never `\{`: BibTeX counts braces whatever precedes them, so one
# unbalanced brace would end the field early or swallow the rest of the entry. `\\` would be a
# line break, `\~` and `\^` accents on the next letter.
_BIBTEX_CHARS = {ord("\\"): r"{\textbackslash}", ord("{"): r"{\textbraceleft}", ord("}"): r"{\textbraceright}",
                 ord("~"): r"{\textasciitilde}", ord("^"): r"{\textasciicircum}", **{ord(c): "\\" + c for c in "%&$#_"}}


def _bibtex_text(text: str) -> str:
    return " ".join(text.split()).translate(_BIBTEX_CHARS)


def _bibtex_value(text: str) -> str:
    """`text` as a BibTeX field's value: on one line, in braces that always balance."""
    return "{" + _bibtex_text(text) + "}"


def bibtex_title(title: str) -> str:
    """A title whose capitals survive a style's sentence case: each word with a capital after its
    first letter, or any capital after the first word ("{ISIS} escape … to {Iraq}"), in braces."""
    words = []
    for index, word in enumerate(title.split()):
        text = _bibtex_text(word)
        capitals = any(ch.isupper() for ch in (word[1:] if index == 0 else word))
        words.append("{" + text + "}" if capitals else text)
    return "{" + " ".join(words) + "}"


def _bibtex_url(url: str) -> str:
    """A URL as a BibTeX field's value, read verbatim: braces and backslashes percent-encoded so the braces balance."""
    return "{" + url.replace("\\", "%5C").replace("{", "%7B").replace("}", "%7D") + "}"


def bibtex_entry(item: Item, accessed: datetime.date | None = None) -> str:
    """The item as one entry that BibTeX and biblatex both read: a newspaper article is
    `@article` with the outlet as journal and biblatex's `entrysubtype = {newspaper}`; a release or
    statement `@techreport` by its issuing body; others `@misc`."""
    fields: list[tuple[str, str]] = []
    if item.authors:
        fields.append(("author", "{" + " and ".join(n.bibtex() for n in item.authors) + "}"))
    fields.append(("title", bibtex_title(item.title)))
    kind = item.type.bibtex
    if kind == "article":
        fields += [("journal", _bibtex_value(item.container or "")), ("entrysubtype", "{newspaper}")]
    elif kind == "techreport":
        fields += [("institution", _bibtex_value(item.publisher or "")), ("type", _bibtex_value(item.type.genre or ""))]
    else:
        where = item.container or item.publisher
        if how := "; ".join(x for x in (item.type.genre, where) if x):
            fields.append(("howpublished", _bibtex_value(how)))
    if item.interviewers:
        fields.append(("editor", "{" + " and ".join(n.bibtex() for n in item.interviewers) + "}"))
        fields.append(("editortype", "{interviewer}"))
    if item.issued:
        parts = item.issued.split("-")
        fields += [("date", "{" + item.issued + "}"), ("year", "{" + parts[0] + "}")]
        if len(parts) > 1:
            fields.append(("month", MONTH_MACROS[int(parts[1]) - 1]))
    fields.append(("url", _bibtex_url(item.url)))
    if accessed:
        fields.append(("urldate", "{" + accessed.isoformat() + "}"))
    if item.language:
        fields.append(("langid", _bibtex_value(item.language)))
    if item.note:
        fields.append(("note", _bibtex_value(item.note)))
    body = ",\n".join(f"  {name} = {value}" for name, value in fields)
    return f"@{kind}{{{item.key},\n{body}\n}}"


# --- RIS --------------------------------------------------------------------------------------------


class _RisWriter(rispy.RisWriter):
    """rispy's writer without its "1." numbering line before each record."""

    def set_header(self, count: int) -> str:
        return ""


def _one_line(text: str) -> str:
    return " ".join(text.split())


def ris_record(item: Item, accessed: datetime.date | None = None) -> dict:
    """The item as a rispy record: TY from the kind, AU family-first, the outlet as T2 (or PB for
    an issuing body), DA and PY, the summary as AB, the original's address in N1."""
    record: dict = {"type_of_reference": item.type.ris, "id": item.key, "title": _one_line(item.title)}
    if item.authors:
        record["authors"] = [_one_line(n.inverted) for n in item.authors]
    if item.interviewers:
        record["secondary_authors"] = [_one_line(n.inverted) for n in item.interviewers]
    if item.container:
        record["secondary_title"] = _one_line(item.container)
    if item.publisher:
        record["publisher"] = _one_line(item.publisher)
    if item.type.genre:
        record["type_of_work"] = item.type.genre
    if item.issued:
        parts = item.issued.split("-")
        record["date"] = "/".join(parts) + ("/" if len(parts) == 3 else "//" if len(parts) == 2 else "///")
        record["year"] = parts[0]
    if item.language:
        record["language"] = item.language
    if item.abstract:
        record["abstract"] = _one_line(item.abstract)
    record["urls"] = [item.url]
    if accessed:
        record["access_date"] = accessed.strftime("%Y/%m/%d")
    if item.note:
        record["notes"] = [_one_line(item.note)]
    return record


def ris_text(items: Iterable[Item], accessed: datetime.date | None = None) -> str:
    """Items as an RIS file, written by rispy: a record each, separated by a blank line."""
    return rispy.dumps([ris_record(item, accessed) for item in items], implementation=_RisWriter).rstrip("\n")


# --- CSL citation and pandoc ------------------------------------------------------------------------


def csl_citation(c: Citation) -> dict:
    """A CSL citation object (csl-citation.json) as citeproc-js and word-processor plugins take it:
    the item, with the locator outside it and the place's address in `uris`."""
    cited: dict = {"id": c.item.key, "itemData": csl_item(c.item, c.accessed)}
    if c.locator.page:  # a PDF's page is the locator styles print ("p. 3"); the paragraph is in the address
        cited.update(locator=c.locator.page, label="page")
    elif c.locator.paragraphs:
        cited.update(locator=c.locator.paragraphs, label="paragraph")
    cited["uris"] = [c.url]
    return {"schema": CSL_CITATION_SCHEMA, "citationID": c.item.key + (f"-{c.locator.anchor}" if c.locator.anchor else ""),
            "citationItems": [cited], "properties": {"noteIndex": 0}}


_PANDOC_KEY = re.compile(r"\w(?:[\w:.#$%&+?<>~/-]*\w)?\Z")


def pandoc_key(key: str) -> str:
    """A citation key as pandoc reads it: bare when it is one, else in braces."""
    return f"@{key}" if _PANDOC_KEY.match(key) else "@{" + key + "}"


def pandoc_citation(c: Citation) -> str:
    """Pandoc's citation syntax, the locator after the key: `[@key, para. 10]`."""
    return "[" + pandoc_key(c.item.key) + (f", {c.locator.pandoc}" if c.locator.pandoc else "") + "]"


# --- two common styles: APA and Chicago author-date ------------------------------------------------
# Reference-list entries as citeproc-js writes them with the official CSL styles apa.csl and
# chicago-author-date.csl, for the items seedwiki makes (tests/test_citation_processors.py holds
# them to citeproc-js's output).

# citeproc-js's words that title case leaves in lower case (its SKIP_WORDS, the short ones)
_LOWER_WORDS = frozenset("""a an the and but or nor for so yet as at by in of off on onto per to up upon via with from into than till
until over out down near like past sans unto versus vs vs. v v. et al de von van""".split())


def title_case(title: str) -> str:
    """A title as Chicago capitalises it: each lower-case word's first letter (each part of a
    hyphenated word), but for short function words inside the title; words with capitals kept as written."""
    words = title.split(" ")
    out: list[str] = []
    for index, word in enumerate(words):
        first = index == 0 or bool(out and out[-1].endswith(":"))
        last = index == len(words) - 1
        parts = []
        for number, part in enumerate(word.split("-")):
            edge = (first and number == 0) or (last and number == len(word.split("-")) - 1)
            if part and part == part.lower() and part[0].isalpha() and (edge or part not in _LOWER_WORDS):
                part = part[0].upper() + part[1:]
            parts.append(part)
        out.append("-".join(parts))
    return " ".join(out)


def _initials(given: str) -> str:
    return " ".join(part[0] + "." for part in given.replace("-", " -").split() if part and part[0].isalpha())


def _apa_name(name: Name) -> str:
    if name.literal:
        return name.literal
    return ", ".join(x for x in (name.family, _initials(name.given), name.suffix) if x)


def _apa_names(names: tuple[Name, ...]) -> str:
    shown = [_apa_name(n) for n in names]
    return shown[0] if len(shown) == 1 else ", ".join(shown[:-1]) + ", & " + shown[-1]


def _chicago_names(names: tuple[Name, ...]) -> str:
    shown = [n.inverted if i == 0 else " ".join(x for x in (n.given, n.family, n.suffix) if x) or n.literal for i, n in enumerate(names)]
    return shown[0] if len(shown) == 1 else ", ".join(shown[:-1]) + ", and " + shown[-1]


def _end(text: str) -> str:
    return text if text.endswith(".") else text + "."


def apa(item: Item) -> str:
    """The item's APA (7th edition) reference-list entry."""
    parts = item.issued.split("-") if item.issued else []
    if not parts:
        when = "(n.d.)"
    elif item.type.csl == "report" or len(parts) == 1:
        when = f"({parts[0]})"
    else:
        when = f"({parts[0]}, {MONTH_NAMES[int(parts[1]) - 1]}" + (f" {int(parts[2])}" if len(parts) > 2 else "") + ")"
    genre = f"[{item.type.genre}]" if item.type.genre and item.type.csl != "article-newspaper" else ""
    asked = " & ".join(" ".join(x for x in (_initials(n.given), n.family) if x) or n.literal for n in item.interviewers)
    title = item.title + (f" ({asked}, Interviewer{'s' if len(item.interviewers) > 1 else ''})" if asked else "")
    title += f" {genre}" if genre and (item.type.csl != "document" or item.authors) else ""
    if item.authors:
        head = f"{_end(_apa_names(item.authors))} {when}. {_end(title)}"
    else:
        head = f"{_end(title)} {when}." + (f" {genre}." if genre and item.type.csl == "document" else "")
    where = title_case(item.container) if item.container else item.publisher
    retrieved = "Retrieved " if not parts else ""
    return " ".join(x for x in (head, _end(where) if where else "", retrieved + item.url) if x)


def chicago(item: Item) -> str:
    """The item's Chicago author-date (17th edition) reference-list entry."""
    parts = item.issued.split("-") if item.issued else []
    year = parts[0] if parts else "n.d."
    month_day = ""
    if len(parts) > 1:
        month_day = MONTH_NAMES[int(parts[1]) - 1] + (f" {int(parts[2])}" if len(parts) > 2 else "")
    quoted = item.type.csl != "report"
    title = f"“{_end(title_case(item.title))}”" if quoted else _end(title_case(item.title))
    if item.authors:
        head = f"{_end(_chicago_names(item.authors))} {_end(year)} {title}"
    elif item.container and item.type.csl == "article-newspaper":
        head = f"{_end(item.container)} {_end(year)} {title}"
    else:
        head = f"{title} {_end(year)}"
    pieces = [head]
    if item.type.csl == "interview" and item.interviewers:
        pieces.append(_end("Interview by " + names_text(item.interviewers)))
    elif item.type.genre:
        pieces.append(_end(item.type.genre))
    if item.type.csl == "article-newspaper":
        where = [title_case(item.container or "")] if item.authors else []
        pieces.append(_end(", ".join(x for x in (*where, month_day) if x)) if where or month_day else "")
    elif item.container:
        pieces.append(_end(title_case(item.container) + (f", {month_day}" if month_day and item.type.csl == "interview" else "")))
    elif item.publisher:
        pieces.append(_end(item.publisher + (f", {month_day}" if month_day and item.type.csl != "report" else "")))
    pieces.append(_end(item.url))
    return " ".join(p for p in pieces if p)


# --- every format -----------------------------------------------------------------------------------


def format_citation(c: Citation, fmt: str) -> str:
    """`c` in one of `FORMATS`."""
    if fmt == "url":
        return c.url
    if fmt == "bibtex":
        return bibtex_entry(c.item, c.accessed)
    if fmt == "ris":
        return ris_text([c.item], c.accessed)
    if fmt == "csl-json":
        return json.dumps([csl_item(c.item, c.accessed)], ensure_ascii=False, indent=2)
    if fmt == "csl-citation":
        return json.dumps(csl_citation(c), ensure_ascii=False, indent=2)
    if fmt == "pandoc":
        return pandoc_citation(c)
    return {"text": _text, "markdown": _markdown, "html": _html}[fmt](c)


def bibliography(items: list[Item], fmt: str) -> str:
    """Every item in one file: `bibtex`, `ris` or `csl-json` (a list)."""
    if fmt == "bibtex":
        return "\n\n".join(bibtex_entry(item) for item in items) + "\n"
    if fmt == "ris":
        return ris_text(items) + "\n"
    return json.dumps([csl_item(item) for item in items], ensure_ascii=False, indent=2) + "\n"


def bibliography_entry(item: Item, fmt: str) -> str:
    """One item's part of `bibliography(items, fmt)`, which `joined_bibliography` joins: under serve,
    the parts of the sources that did not change are not made again."""
    if fmt == "bibtex":
        return bibtex_entry(item)
    if fmt == "ris":
        return ris_text([item])
    return "  " + json.dumps(csl_item(item), ensure_ascii=False, indent=2).replace("\n", "\n  ")  # a list's member (JSON text holds no line break)


def joined_bibliography(entries: list[str], fmt: str) -> str:
    """`bibliography(items, fmt)` from each item's `bibliography_entry`."""
    if fmt == "bibtex":
        return "\n\n".join(entries) + "\n"
    if fmt == "ris":
        return "\n\n".join(entries) + "\n"  # rispy separates records by a blank line
    return ("[\n" + ",\n".join(entries) + "\n]" if entries else "[]") + "\n"


BIBLIOGRAPHY_FILES = {"citations.bib": "bibtex", "citations.ris": "ris", "citations.json": "csl-json"}
