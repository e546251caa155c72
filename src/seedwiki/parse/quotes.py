"""Quotations and attribution: quoted speech and who it is attributed to; statements attributed
without quotation marks ("…, said X", "X said …", "according to X"); a transcript's turns.

Each quotation's attribution is looked for in a bounded window around it, and names have a
bounded number of words, so the time is linear in the length of the text.
"""

from __future__ import annotations

import re

from ..model import ANSWER, BOILERPLATE, BYLINE, CREDIT, PARAGRAPH, QUESTION, TIMESTAMP, TITLE, TITLE_REPEAT, TURN, Block, Quote, Span

_QUOTE_PAIRS = [("\u201c", "\u201d"), ("\u00ab", "\u00bb"), ('"', '"')]
_WORD = r"[A-Z][\w’'.-]*"
_NAME = r"(?:the |The )?" + _WORD + r"(?:\s+(?:" + _WORD + r"|of|the|al-\w+|bin|ibn|de|van|von)){0,7}(?:,\s*Jr\.)?"
_VERBS = r"(?:said|says|added|adds|stated|states|told|tells|explained|noted|warned|stressed|continued|concluded|wrote|asked)"
_DOCUMENT_VOICE = r"(?:the|a) (?:statement|release|press release|communiqu[eé]|report|spokesman|spokesperson)"
_AFTER = re.compile(
    r"\s*,?\s*(?:" + _VERBS + r"\s+(?P<n1>" + _NAME + r")|(?P<n2>" + _NAME + "|" + _DOCUMENT_VOICE
    + r"|he|she|they|it)\s+" + _VERBS + r"\b|according to (?P<n3>" + _NAME + r"))"
)
_BEFORE = re.compile(r"(?P<name>" + _NAME + r"|[Hh]e|[Ss]he|[Tt]hey)\s+" + _VERBS + r"(?:\s+that(?:\s+the)?)?\s*[:,]?\s*$")
_FIRST_SAYER = re.compile(r"(?P<name>" + _NAME + r")\s+" + _VERBS + r"\b")
_HONORIFIC = r"(?:(?:Maj|Lt|Brig|Gen|Col|Capt|Cmdr|Adm|Sgt|Mr|Mrs|Ms|Dr|Sen|Rep|Gov|Pres|Prof|Colonel|General|Major|Captain|Admiral|Secretary|Minister|President)\.?\s+){1,4}"
_PRONOUNS = {"he", "she", "they", "it"}
WINDOW = 200  # how far before or after a quotation its attribution may be
_SKIPPED = (BOILERPLATE, TITLE, TITLE_REPEAT, TIMESTAMP, BYLINE, CREDIT, QUESTION)


def find_quote_spans(text: str) -> list[tuple[int, int]]:
    """(start, end) of each quotation in `text`, marks included; straight quotes pair up in order."""
    spans: list[tuple[int, int]] = []
    for opening, closing in _QUOTE_PAIRS:
        taken = sorted(spans)
        t = 0  # the next earlier span that could hold a position
        pos = 0
        while (start := text.find(opening, pos)) != -1:
            end = text.find(closing, start + 1)
            if end == -1:
                # an unclosed quote that opens a paragraph runs to its end (it continues below)
                if (opening == '"' or start == 0) and (start == 0 or text[start - 1] in " (\n"):
                    spans.append((start, len(text)))
                break
            while t < len(taken) and taken[t][1] <= start:
                t += 1
            if not (t < len(taken) and taken[t][0] <= start < taken[t][1]):
                spans.append((start, end + 1))
            pos = end + 1
    return sorted(spans)


class _FullNames:
    """'Brennan' becomes 'Maj. Gen. John W. Brennan, Jr.' when the text names him so (one search per surname)."""

    def __init__(self, text: str) -> None:
        self.text = text
        self.cache: dict[str, str] = {}

    def __call__(self, name: str) -> str:
        surname = name.split()[-1].rstrip(",")
        if surname not in self.cache:
            m = re.search(r"(" + _HONORIFIC + r"(?:[A-Z][\w.’'-]*\s+){0,4}" + re.escape(surname) + r"(?:,\s*Jr\.)?)(?![\w’'-])", self.text)
            self.cache[surname] = m.group(1) if m else ""
        full = self.cache[surname]
        return full if len(full) > len(name) else name


def _clean(name: str | None) -> str | None:
    return name if name is None or name.endswith("Jr.") else name.rstrip(".,")


def _attribute(block_text: str, start: int, end: int) -> str | None:
    after = _AFTER.match(block_text[end:end + WINDOW])
    if after:
        return _clean(after["n1"] or after["n2"] or after["n3"])
    before = _BEFORE.search(block_text[max(0, start - WINDOW):start])
    return _clean(before["name"]) if before else None


def _is_quoted_name(inner: str) -> bool:
    """“Colonel Myles Caggins”: capitalised words only, so a name or title in quotes, not a quotation."""
    words = inner.split()
    return 0 < len(words) <= 6 and all(w[0].isupper() for w in words) and not inner.rstrip().endswith((".", ",", "?", "!"))


# ---- statements without quotation marks ------------------------------------------------------

# "…, said Maj. Gen. John W. Brennan, Jr., commander, …." — the sentence before the comma is his
_SAID_AFTER = re.compile(r"\s*,\s*(?:" + _VERBS + r")\s+(?P<name>" + _NAME + r")(?=[\s,.;]|$)")
# "Brennan said the attack …." — the rest of the sentence is his
_SAID_BEFORE = re.compile(r"(?P<name>" + _NAME + r")\s+(?:said|says|stated|added|noted|warned|stressed)\s+(?:that\s+)?(?=[a-z\u0600-\u06FF])")
_ACCORDING = re.compile(r"\s*,\s*according to (?P<name>" + _NAME + r")\s*[.;]")
_SENTENCE_END = re.compile(r"[.!?]+(?=\s|$)")
_ABBREVIATION = re.compile(r"(?:^|\s)(?:[A-Z]|(?:[A-Za-z]\.)+[A-Za-z]|Mr|Mrs|Ms|Dr|Gov|Sen|Rep|Sept|Capt|Cmdr|Brig|Prof|Gen|Col|Maj|Lt|Adm|Sgt|Jr|Sr|St|Mt|No|vs|etc|Jan|Feb|Mar|Apr|Aug|Oct|Nov|Dec|Pres|Amb|Fla|Calif|Va|Md)$")
_NOT_NAMES = {"he", "she", "they", "it", "this", "that", "there", "which", "who", "officials", "sources", "reports", "some", "many", "others"}


def _sentences(text: str, lo: int, hi: int):
    """(start, end) of each sentence in text[lo:hi], surrounding spaces left out. A period after
    an initial or an abbreviation ("W.", "Maj.", "U.S.") does not end a sentence."""
    start = lo
    for m in _SENTENCE_END.finditer(text, lo, hi):
        if m.group() == "." and _ABBREVIATION.search(text[max(start, m.start() - 12):m.start()]):
            continue
        yield from _trimmed(text, start, m.end())
        start = m.end()
    yield from _trimmed(text, start, hi)


def _trimmed(text: str, s: int, e: int):
    while s < e and text[s].isspace():
        s += 1
    while e > s and text[e - 1].isspace():
        e -= 1
    if e > s:
        yield s, e


def _is_name(name: str) -> bool:
    first = name.split()[0].casefold()
    return first not in _NOT_NAMES and not re.fullmatch(_DOCUMENT_VOICE, name, re.IGNORECASE)


def unquoted_statements(text: str, quoted: list[tuple[int, int]]) -> list[tuple[int, int, str]]:
    """(start, end, name) of each sentence in `text` stated by a named person without quotation
    marks. Sentences that hold or touch a quotation are left to the quotation rules."""
    found: list[tuple[int, int, str]] = []
    q = 0
    for start, end in _sentences(text, 0, len(text)):
        while q < len(quoted) and quoted[q][1] <= start:
            q += 1
        if q < len(quoted) and quoted[q][0] < end:
            continue
        sentence = text[start:end]
        if any(mark in sentence for mark in '"“”«»'):
            continue
        # "…, said X." / "…, according to X."
        for pattern in (_SAID_AFTER, _ACCORDING):
            m = None
            for candidate in re.finditer(r",", sentence):
                m = pattern.match(sentence, candidate.start())
                if m:
                    break
            if m and _is_name(m["name"]) and m.start() > 20:
                found.append((start, start + len(sentence[:m.start()].rstrip()), _clean(m["name"]) or ""))
                break
        else:
            m = _SAID_BEFORE.match(sentence)
            if m and _is_name(m["name"]) and m.end() < len(sentence) - 20:
                body_end = len(sentence.rstrip())
                found.append((start + m.end(), start + body_end, _clean(m["name"]) or ""))
    return found


def find_quotes(blocks: list[Block], text: str, interview: bool) -> list[Quote]:
    quotes: list[Quote] = []
    last_speaker: str | None = None
    full_name = _FullNames(text)
    first_sayer = None
    for block in blocks:
        if block.kind == PARAGRAPH and (first_sayer := _FIRST_SAYER.search(block.text)):
            break
    for index, block in enumerate(blocks):
        if block.kind in _SKIPPED:
            continue
        if interview and block.kind == ANSWER:
            quotes.append(Quote(index, block.span, block.text, None, "interviewee"))
            continue
        if block.kind == TURN and block.speaker and (m := re.match(r"[^:]*:\s*", block.text)):
            span = Span(block.span.start + m.end(), block.span.end)
            quotes.append(Quote(index, span, text[span.start:span.end], block.speaker, "turn"))
            continue
        speaker_here: str | None = None  # who the block's earlier quotations belong to
        spans = find_quote_spans(block.text)
        for start, end in spans:
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
                name = full_name(name)
                last_speaker = speaker_here = name
            span = Span(block.span.start + start, block.span.start + end)
            quotes.append(Quote(index, span, text[span.start:span.end], name, basis))
        if block.kind == PARAGRAPH:
            for start, end, name in unquoted_statements(block.text, spans):
                span = Span(block.span.start + start, block.span.start + end)
                quotes.append(Quote(index, span, text[span.start:span.end], full_name(name), "unquoted"))
    return sorted(quotes, key=lambda q: (q.block, q.span.start))
