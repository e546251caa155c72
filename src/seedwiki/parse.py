"""parse: a `Seed` becomes a `Document` of blocks, each keeping its span in the seed's text.

Paragraph units are the permalink contract: `#pN` is the Nth unit of the text, whatever kind a
later heuristic gives it. A unit is one line, except that a block of lines that is clearly
hard-wrapped (see `is_hard_wrapped`) is one unit. When unsure, lines stay apart, as in the source.
"""

from __future__ import annotations

import datetime
import functools
import re
from collections.abc import Iterator

from .model import (
    ANSWER, BOILERPLATE, BYLINE, CREDIT, PARAGRAPH, QUESTION, TIMESTAMP, TITLE, TITLE_REPEAT, TURN,
    Block, Document, Metadata, Quote, Seed, Span,
)

TITLE_MAX_CHARS = 150
_BLANK_LINE_RUN = re.compile(r"\n(?:[^\S\n]*\n)+")
_SENTENCE_END = (".", ",", ";", ":", "!")


def _line_spans(text: str, start: int, end: int) -> list[Span]:
    spans, pos = [], start
    for line in text[start:end].split("\n"):
        spans.append(Span(pos, pos + len(line)))
        pos += len(line) + 1
    return spans


def is_hard_wrapped(lines: list[str]) -> bool:
    """True when a block's lines are one paragraph folded at a fixed width.

    The evidence needed: three or more lines, a width between 50 and 100 characters, every line but
    the last close to that width, and no line that could have taken the next line's first word.
    """
    if len(lines) < 3:
        return False
    width = max(len(line) for line in lines)
    if not 50 <= width <= 100:
        return False
    for line, following in zip(lines, lines[1:]):
        next_word = following.split(maxsplit=1)[0] if following.strip() else ""
        if len(line) < width - 20 or len(line) + 1 + len(next_word) <= width:
            return False
    return True


def paragraph_spans(text: str) -> Iterator[Span]:
    """The spans of the text's paragraph units, in order, without surrounding whitespace."""
    pos = 0
    for sep in [*_BLANK_LINE_RUN.finditer(text), None]:
        end = sep.start() if sep else len(text)
        spans = [s for s in _line_spans(text, pos, end) if text[s.start:s.end].strip()]
        lines = [text[s.start:s.end] for s in spans]
        if spans and is_hard_wrapped(lines):
            spans = [Span(spans[0].start, spans[-1].end)]
        for span in spans:
            chunk = text[span.start:span.end]
            lead = len(chunk) - len(chunk.lstrip())
            yield Span(span.start + lead, span.start + len(chunk.rstrip()))
        if sep:
            pos = sep.end()


def looks_like_title(line: str) -> bool:
    """A short line with letters that does not end like a sentence and is not page furniture."""
    stripped = line.strip()
    return (
        0 < len(stripped) <= TITLE_MAX_CHARS
        and "\n" not in stripped
        and any(ch.isalpha() for ch in stripped)
        and not stripped.endswith(_SENTENCE_END)
        and not is_boilerplate_line(stripped)
        and parse_date(stripped) is None
    )


# ---- dates -----------------------------------------------------------------------------------

MONTH_NAMES = ("January", "February", "March", "April", "May", "June", "July", "August", "September", "October", "November", "December")
_MONTHS = {m.lower(): i for i, m in enumerate(MONTH_NAMES, 1)}
_MONTHS.update({name[:3]: n for name, n in list(_MONTHS.items())})
_MONTHS["sept"] = 9
_MONTH = r"(?P<month>" + "|".join(sorted(_MONTHS, key=len, reverse=True)) + r")\.?"
_ISO = re.compile(r"(?P<y>\d{4})-(?P<m>\d{2})-(?P<d>\d{2})(?:[T ]\d{2}:\d{2}(?::\d{2}(?:\.\d+)?)?(?:Z|[+-]\d{2}:?\d{2})?)?")
_MDY = re.compile(_MONTH + r"\s+(?P<d>\d{1,2}),?\s+(?P<y>\d{4})", re.IGNORECASE)
_DMY = re.compile(r"(?P<d>\d{1,2})\s+" + _MONTH + r",?\s+(?P<y>\d{4})", re.IGNORECASE)
_MY = re.compile(_MONTH + r",?\s+(?P<y>\d{4})", re.IGNORECASE)


def _valid(y: int, m: int, d: int | None) -> bool:
    try:
        datetime.date(y, m, d or 1)
    except ValueError:
        return False
    return 1000 <= y <= 2999


_HAS_YEAR = re.compile(r"\d{4}")


def find_dates(text: str) -> list[tuple[Span, str, str]]:
    """Every calendar date the text states: (span, ISO value, precision), left to right, no overlaps."""
    if not _HAS_YEAR.search(text):  # every form below has a four-digit year
        return []
    found: list[tuple[Span, str, str]] = []
    taken: list[Span] = []
    for pattern, precision in ((_ISO, "day"), (_MDY, "day"), (_DMY, "day"), (_MY, "month")):
        for m in pattern.finditer(text):
            if any(m.start() < t.end and t.start < m.end() for t in taken):
                continue
            y = int(m["y"])
            month = int(m["m"]) if m.groupdict().get("m") else _MONTHS[m["month"].lower().rstrip(".")]
            day = int(m["d"]) if precision == "day" else None
            if not _valid(y, month, day):
                continue
            value = f"{y:04}-{month:02}" + (f"-{day:02}" if day else "")
            found.append((Span(m.start(), m.end()), value, precision))
            taken.append(Span(m.start(), m.end()))
    return sorted(found, key=lambda f: f[0].start)


def parse_date(line: str) -> tuple[str, str] | None:
    """(ISO value, precision) when the whole line is one date or timestamp, else None."""
    dates = find_dates(line.strip())
    if len(dates) == 1 and dates[0][0] == Span(0, len(line.strip())):
        return dates[0][1], dates[0][2]
    return None


# ---- boilerplate, bylines, credits -----------------------------------------------------------

_BOILERPLATE = re.compile(
    r"^(?:This (?:post|article|page|story) is (?:also )?available in\b|Read (?:more|also|the full)\b|Related(?: (?:articles?|stories|posts|news))?:|"
    r"Share (?:this|on)\b|Share:?$|Advertisement$|Sponsored$|Subscribe\b|Sign up\b|Follow us\b|Click here\b|Tags?:|"
    r"Also read:|More from\b|Continue reading\b|Print$|Email$|Comments?$|Skip to (?:main )?content)",
    re.IGNORECASE,
)
_BYLINE = re.compile(r"^By\s+[A-Z\u0600-\u06FF][^\n]{1,80}$")
_CREDIT = re.compile(r"^\(?(?:Photo|Image|Picture|Photograph|Video|Credit|Source|Cover photo)(?: credit)?\s*[:/-]", re.IGNORECASE)
_NAV_LINE_MAX = 40


def is_boilerplate_line(line: str) -> bool:
    return bool(_BOILERPLATE.match(line.strip())) and len(line) <= 120


# ---- turns and questions ---------------------------------------------------------------------

_NUMBERED = re.compile(r"^(?P<n>\d{1,3})\s*(?:-|\.|\)|–)\s*(?P<rest>\S.*)$", re.DOTALL)
_Q_NUMBERED = re.compile(r"^Q\s*(?P<n>\d{1,3})\s*[:.)-]\s*(?P<rest>\S.*)$", re.DOTALL)
_TITLE_WORDS = r"(?:MR|MS|MRS|DR|COL|GEN|LT|MAJ|CAPT|ADM|SEC|AMB|SGT|GOV|SEN|REP|PROF)\.?"
_LABEL = re.compile(
    r"^(?P<label>Q|A|(?:" + _TITLE_WORDS + r"\s+)?[A-Z][A-Z'’.-]+(?:\s+[A-Z][A-Z'’.-]+){0,3}|"
    r"Moderator|Interviewer|Host|Question|Answer|Reporter|Spokesman|Spokesperson)\s*:\s+(?P<rest>\S.*)$",
    re.DOTALL,
)
_QUESTION_LABELS = {"Q", "QUESTION", "REPORTER", "INTERVIEWER"}


def _question_number(text: str) -> int | None:
    m = _Q_NUMBERED.match(text) or (_NUMBERED.match(text) if "?" in text else None)
    return int(m["n"]) if m else None


# ---- language --------------------------------------------------------------------------------

_ENGLISH_WORDS = {"the", "and", "of", "to", "in", "is", "that", "for", "on", "with", "are", "was", "we", "it"}


_LETTERS = re.compile(r"[^\W\d_]")
_SCRIPTS = {  # the letters of each script (digits and punctuation of the blocks left out)
    "arabic": re.compile("[\u0620-\u064A\u066E-\u06D3\u06D5\u06FA-\u06FF\u0750-\u077F\uFB50-\uFDFF\uFE70-\uFEFC]"),
    "hebrew": re.compile("[\u05D0-\u05EA\u05F0-\u05F2]"),
    "latin": re.compile("[A-Za-z\u00AA\u00B5\u00BA\u00C0-\u00D6\u00D8-\u00F6\u00F8-\u024F]"),
}
_PERSIAN = re.compile("[پچژگ]")


def detect_language(text: str) -> str:
    """A primary language tag from the letters' script (and common words for English); "und" when unsure."""
    if text.isascii():  # the common case, without counting: every letter is Latin
        counts = {"arabic": 0, "hebrew": 0, "latin": int(any(ch.isalpha() for ch in text)), "other": 0}
    else:
        counts = {script: len(pattern.findall(text)) for script, pattern in _SCRIPTS.items()}
        counts["other"] = len(_LETTERS.findall(text)) - sum(counts.values())
    persian = counts["arabic"] > 0 and _PERSIAN.search(text) is not None
    total = sum(counts.values())
    if not total:
        return "und"
    script, top = max(counts.items(), key=lambda kv: kv[1])
    if top / total < 0.6:
        return "und"
    if script == "arabic":
        return "fa" if persian else "ar"
    if script == "hebrew":
        return "he"
    if script == "latin":
        words = re.findall(r"[a-z]+", text.lower())
        if words and sum(w in _ENGLISH_WORDS for w in words) / len(words) >= 0.08:
            return "en"
    return "und"


RTL_LANGUAGES = {"ar", "fa", "he", "ur"}


# ---- quotations ------------------------------------------------------------------------------

_QUOTE_PAIRS = [("\u201c", "\u201d"), ("\u00ab", "\u00bb"), ('"', '"')]
_NAME = r"(?:the |The )?[A-Z][\w’'.-]*(?:\s+(?:[A-Z][\w’'.-]*|of|the|al-\w+|bin|ibn|de|van|von))*(?:,\s*Jr\.)?"
_VERBS = r"(?:said|says|added|adds|stated|states|told|tells|explained|noted|warned|stressed|continued|concluded|wrote|asked)"
_DOCUMENT_VOICE = r"(?:the|a) (?:statement|release|press release|communiqu[eé]|report|spokesman|spokesperson)"
_AFTER = re.compile(
    r"^\s*,?\s*(?:" + _VERBS + r"\s+(?P<n1>" + _NAME + r")|(?P<n2>" + _NAME + "|" + _DOCUMENT_VOICE
    + r"|he|she|they|it)\s+" + _VERBS + r"\b|according to (?P<n3>" + _NAME + r"))"
)
_BEFORE = re.compile(r"(?P<name>" + _NAME + r"|[Hh]e|[Ss]he|[Tt]hey)\s+" + _VERBS + r"(?:\s+that(?:\s+the)?)?\s*[:,]?\s*$")
_FIRST_SAYER = re.compile(r"(?P<name>" + _NAME + r")\s+" + _VERBS + r"\b")
_HONORIFIC = r"(?:(?:Maj|Lt|Brig|Gen|Col|Capt|Cmdr|Adm|Sgt|Mr|Mrs|Ms|Dr|Sen|Rep|Gov|Pres|Prof|Colonel|General|Major|Captain|Admiral|Secretary|Minister|President)\.?\s+)+"
_PRONOUNS = {"he", "she", "they", "it"}


def find_quote_spans(text: str) -> list[tuple[int, int]]:
    """(start, end) of each quotation in `text`, marks included; straight quotes pair up in order."""
    spans: list[tuple[int, int]] = []
    for opening, closing in _QUOTE_PAIRS:
        pos = 0
        while (start := text.find(opening, pos)) != -1:
            end = text.find(closing, start + 1)
            if end == -1:
                if opening == '"' or start == 0:
                    # an unclosed quote that opens a paragraph runs to its end (it continues below)
                    if start == 0 or text[start - 1] in " (\n":
                        spans.append((start, len(text)))
                break
            if not any(s <= start < e for s, e in spans):
                spans.append((start, end + 1))
            pos = end + 1
    return sorted(spans)


@functools.lru_cache(maxsize=4096)
def _full_name(name: str, text: str) -> str:
    """'Brennan' becomes 'Maj. Gen. John W. Brennan, Jr.' when the text names him so."""
    surname = re.escape(name.split()[-1].rstrip(","))
    m = re.search(r"(" + _HONORIFIC + r"(?:[A-Z][\w.’'-]*\s+)*" + surname + r"(?:,\s*Jr\.)?)", text)
    return m.group(1) if m and len(m.group(1)) > len(name) else name


def _attribute(block_text: str, start: int, end: int) -> str | None:
    after = _AFTER.match(block_text[end:])
    before = None if after else _BEFORE.search(block_text[:start])
    name = (after["n1"] or after["n2"] or after["n3"]) if after else before["name"] if before else None
    return name if name is None or name.endswith("Jr.") else name.rstrip(".,")


def _is_quoted_name(inner: str) -> bool:
    """“Colonel Myles Caggins”: capitalised words only, so a name or title in quotes, not a quotation."""
    words = inner.split()
    return 0 < len(words) <= 6 and all(w[0].isupper() for w in words) and not inner.rstrip().endswith((".", ",", "?", "!"))


def find_quotes(blocks: list[Block], text: str, interview: bool) -> list[Quote]:
    quotes: list[Quote] = []
    last_speaker: str | None = None
    first_sayer = _FIRST_SAYER.search(" ".join(b.text for b in blocks if b.kind == PARAGRAPH))
    for index, block in enumerate(blocks):
        if block.kind in (BOILERPLATE, TITLE, TITLE_REPEAT, TIMESTAMP, BYLINE, CREDIT, QUESTION):
            continue
        if interview and block.kind == ANSWER:
            quotes.append(Quote(index, block.span, block.text, None, "interviewee"))
            continue
        speaker_here: str | None = None  # who the block's earlier quotations belong to
        for start, end in find_quote_spans(block.text):
            inner = block.text[start + 1:end - 1] if end - start > 2 else ""
            if _is_quoted_name(inner) or (len(inner.split()) < 2 and not (start == 0 and end == len(block.text))):
                continue
            name = _attribute(block.text, start, end)
            basis = "attribution"
            if name and name.lower() in _PRONOUNS:
                name, basis = last_speaker, "continuation"
            elif name and re.fullmatch(_DOCUMENT_VOICE, name, re.IGNORECASE):
                # "…," the statement said: the statement of whoever the article says is speaking
                name, basis = (first_sayer["name"] if first_sayer else None), "statement"
            if name is None and speaker_here:
                name, basis = speaker_here, "continuation"
            if name is None and start == 0 and last_speaker:
                name, basis = last_speaker, "continuation"
            if name is None:
                basis = "none"
            else:
                name = _full_name(name, text)
                last_speaker = speaker_here = name
            span = Span(block.span.start + start, block.span.start + end)
            quotes.append(Quote(index, span, text[span.start:span.end], name, basis))
    return quotes


# ---- the parse -------------------------------------------------------------------------------

_OUTLET_PREFIX = re.compile(r"^(?P<outlet>[A-Z][\w&.'’ -]{1,40}?)\s?/\s")
_DATELINE = re.compile(
    r"^(?P<dateline>[A-Z][A-Z'’.-]+(?:\s[A-Z][A-Z'’.-]+)*(?:,\s[A-Z][\w.]+(?:\s[A-Z][\w.]+)*)?)\s*"
    r"(?:\((?P<outlet>[^)]{1,40})\)\s*)?(?:—|–|--|-)\s"
)
_RELEASE = re.compile(r"\b(?:FOR IMMEDIATE RELEASE|Press Release|Release No\.|News Release)\b", re.IGNORECASE)
_STATEMENT = re.compile(r"\b(?:statement|communiqué|communique)\b", re.IGNORECASE)


def _classify(texts: list[str]) -> list[str]:
    kinds = [BOILERPLATE if is_boilerplate_line(t) else PARAGRAPH for t in texts]
    # trailing page furniture: a run of two or more short unpunctuated lines that ends the text
    run = 0
    for t in reversed(texts):
        if len(t) <= _NAV_LINE_MAX and not t.rstrip().endswith((".", "?", "!", ":", '"', "”")) and "\n" not in t:
            run += 1
        else:
            break
    if 2 <= run < len(texts):
        for i in range(len(texts) - run, len(texts)):
            kinds[i] = BOILERPLATE
    return kinds


def parse(seed: Seed) -> Document:
    """Split the seed into paragraph units, classify them, and read what the text states about itself."""
    text = seed.text
    spans = list(paragraph_spans(text))
    texts = [text[s.start:s.end] for s in spans]
    kinds = _classify(texts)
    meta: dict = {}

    body = [i for i, k in enumerate(kinds) if k != BOILERPLATE]
    title, title_basis = seed.stem, "file name"
    if len(body) > 1 and looks_like_title(texts[body[0]]):
        kinds[body[0]] = TITLE
        title, title_basis = texts[body[0]].strip(), "first line"
    for i in body[1:6]:
        if kinds[i] != PARAGRAPH:
            continue
        if title_basis == "first line" and texts[i].strip() == title:
            kinds[i] = TITLE_REPEAT
        elif (date := parse_date(texts[i])) and "date" not in meta:
            kinds[i] = TIMESTAMP
            meta.update(date=date[0], date_precision=date[1], date_basis="stated")
        elif _BYLINE.match(texts[i]):
            kinds[i] = BYLINE
            meta["byline"] = texts[i].strip()[3:].strip()
    for i in body:
        if kinds[i] == PARAGRAPH and _CREDIT.match(texts[i]) and len(texts[i]) <= 200:
            kinds[i] = CREDIT

    first_body = next((i for i in body if kinds[i] == PARAGRAPH), None)
    if first_body is not None:
        if m := _OUTLET_PREFIX.match(texts[first_body]):
            meta["outlet"] = m["outlet"].strip()
        elif m := _DATELINE.match(texts[first_body]):
            meta["dateline"] = m["dateline"]
            if m["outlet"]:
                meta["outlet"] = m["outlet"].strip()

    # interviews: numbered questions, Q1:, or Q:/A: turns; transcripts: speaker labels
    numbers = {i: _question_number(texts[i]) for i in body if kinds[i] == PARAGRAPH}
    numbered = [i for i, n in numbers.items() if n is not None]
    labels = {i: m["label"] for i in body if kinds[i] == PARAGRAPH and (m := _LABEL.match(texts[i]))}
    blocks_extra: dict[int, dict] = {}
    doc_kind = None
    if len(numbered) >= 2:
        doc_kind = "interview"
        used: set[int] = set()
        for i in numbered:
            if numbers[i] not in used:
                used.add(numbers[i])
                kinds[i] = QUESTION
                blocks_extra[i] = {"number": numbers[i]}
    elif len(labels) >= 2:
        question_turns = [i for i, label in labels.items() if label.upper() in _QUESTION_LABELS]
        # only Q:/A: turns make an interview; any named speaker makes a transcript
        named = [label for label in labels.values() if label.upper() not in _QUESTION_LABELS | {"A", "ANSWER"}]
        doc_kind = "transcript" if named else "interview"
        for n, i in enumerate(question_turns, 1):
            kinds[i] = QUESTION
            blocks_extra[i] = {"number": n, "speaker": labels[i]}
        for i, label in labels.items():
            if kinds[i] == PARAGRAPH:
                kinds[i] = TURN
                blocks_extra[i] = {"speaker": label}
    if doc_kind == "interview":
        seen_question = False
        for i in body:
            seen_question = seen_question or kinds[i] == QUESTION
            if seen_question and kinds[i] in (PARAGRAPH, TURN):
                kinds[i] = ANSWER
    top = " ".join(texts[i] for i in body[:4])
    if doc_kind is None:
        if _RELEASE.search(top) and not meta.get("outlet"):
            doc_kind = "press release"
        elif meta.get("outlet") or meta.get("dateline") or meta.get("byline"):
            doc_kind = "news article"
        elif _STATEMENT.search(texts[body[0]] if body else ""):
            doc_kind = "statement"
    meta["kind"] = doc_kind

    blocks = [
        Block(kinds[i], spans[i], texts[i], lang=detect_language(texts[i]), **blocks_extra.get(i, {}))
        for i in range(len(spans))
    ]
    body_text = " ".join(b.text for b in blocks if b.kind != BOILERPLATE)
    meta["language"] = detect_language(body_text)
    if title_basis == "first line":
        meta["title"] = title
    quotes = find_quotes(blocks, text, interview=doc_kind == "interview")
    return Document(seed, title=title, title_basis=title_basis, blocks=tuple(blocks),
                    detected=Metadata(**meta), quotes=tuple(quotes))
