"""Interviews and transcripts: numbered questions (`1- …?`, `Q1:`), `Q:`/`A:` turns and speaker
labels, the questions' numbers and the turns' speakers.

A speaker label opens a unit: `MR. KIRBY:`, `QUESTION:`, `SECRETARY RICE:`, `M. PRICE :`, a bare
`Q` followed by spaces, `Jane Doe (00:06):`, a label followed by a broken character (`SINGH:Â`), a
label in bold or under a heading mark (`**RM:**`, `### TTS: …?`), or a label on a line of its own
(`JESSICA JERREAT, VOA Press Freedom Editor:`). A name in mixed case ("Duncan Campbell:") is a
label only where the text shows it is one: in bold or under a heading mark, or opening three turns
or more. The initials of a named speaker (`JH` for `Jeannine Hunter`) and a first name alone
(`Aaron` for `Aaron Burk`) are that speaker.

Without labels, a text that calls itself an interview ("Entrevista con …") and sets its questions
apart (a one-line question, then its answer) is one; headings that ask someone questions in the
second person ("### How did your perception change?") are questions, without the text being
called an interview.
"""

from __future__ import annotations

import functools
import re
from collections import Counter
from dataclasses import dataclass
from itertools import pairwise

from ..model import ANSWER, PARAGRAPH, QUESTION, TITLE, TITLE_REPEAT, TURN, BlockKind

_NUMBERED = re.compile(r"^(?P<n>\d{1,3})\s*(?:-|\.|\)|–)\s*(?P<rest>\S.*)$", re.DOTALL)
# Q1000: hearings number their questions on over days (a parliament's committee reaches the thousands);
# without the Q, four digits before a dash are a year ("2019 - Why …?"); five digits at most: a number, not a run of digits
_Q_NUMBERED = re.compile(r"^Q\s*(?P<n>\d{1,5})\s*[:.)-]\s*(?P<rest>\S.*)$", re.DOTALL)
_TITLE_WORDS = r"(?:MR|MS|MRS|DR|COL|GEN|LT|MAJ|CAPT|ADM|SEC|AMB|SGT|GOV|SEN|REP|PROF)\.?"
# a title that makes a label a speaker's name on its own evidence ("MR. KIRBY", "M. PRICE", "SECRETARY RICE")
_TITLED = re.compile(r"^(?:MR|MS|MRS|DR|M|MME|MLLE|SR|SRA|SECRETARY|AMBASSADOR|PRESIDENT|SENATOR|GENERAL|ADMIRAL|MINISTER|GOVERNOR)\.?\s")
_UPPER_NAME = r"(?:" + _TITLE_WORDS + r"\s+)?[A-Z][A-Z'’.-]+(?:\s+[A-Z][A-Z'’.-]+){0,3}"
_WORD_LABELS = r"Moderator|Interviewer|Host|Question|Answer|Reporter|Spokesman|Spokesperson"
_MIXED_NAME = r"[A-Z][a-z'’-]+(?:\s+(?:[A-Z][a-z'’.-]+|[A-Z]\.)){0,2}"
_LABEL = re.compile(
    r"^(?P<mark>#{1,6}[ \t]+[*_]?|\*\*|__)?"
    r"(?:(?P<upper>Q|A|" + _UPPER_NAME + r"|" + _WORD_LABELS + r")|(?P<mixed>" + _MIXED_NAME + r"))"
    r"(?P<time>\s*\(\d{1,2}:\d{2}(?::\d{2})?\))?"  # a time stamp: "Jane Doe (00:06):"
    r"(?P<role>,[^:\n]{1,60})?"  # a role, on a label's own line: "JESSICA JERREAT, VOA Press Freedom Editor:"
    r"[^\S\n]*(?:\*\*|__)?[^\S\n]*:(?:\*\*|__)?(?:[^\S\n]+|Â|(?=\n)|\Z)(?P<rest>.*)\Z",
    re.DOTALL,
)
_BARE_Q = re.compile(r"^Q(?:[ \t\u00a0]{2,}|\u00a0)(?=\S)")
# mixed-case words that open a line with a colon without naming anyone
_NOT_NAMES = {
    "note", "update", "updated", "source", "sources", "photo", "image", "credit", "credits", "tags", "related", "read",
    "see", "editor", "warning", "correction", "disclaimer", "summary", "background", "context", "example", "step",
    "location", "date", "time", "title", "subject", "from", "to", "re", "cc", "sent", "via", "and", "but", "so", "the",
    "this", "that", "here", "there", "what", "why", "how", "when", "where", "who", "which", "yes", "no", "initial",
}
QUESTION_LABELS = {"Q", "QUESTION", "REPORTER", "INTERVIEWER"}
_INTERVIEW_WORD = re.compile(r"\b(?:interview(?:s|ed)?|entrevistas?|entretien|entrevue|intervista|Interview)\b|مقابلة|حوار", re.IGNORECASE)
_SECOND_PERSON = re.compile(r"\b(?:you|your|yours|vous|votre|vos|usted|ustedes|tú|su trabajo|Sie|Ihr|Ihre|du|dein)\b", re.IGNORECASE)
_HEADER_UNITS = 15  # how far from the top a text may call itself an interview
_QUESTION_MAX = 300


@dataclass(frozen=True)
class Label:
    """A speaker label that opens a unit."""

    speaker: str  # "MR. KIRBY", "Q", "Duncan Campbell"
    rest: str  # the words after it ("" for a label on a line of its own)
    mixed: bool  # a name in mixed case: a label only on the text's evidence
    marked: bool  # in bold, under a heading mark or with a time stamp

    @property
    def titled(self) -> bool:
        return bool(_TITLED.match(self.speaker + " "))


@functools.lru_cache(maxsize=256)  # asked of a unit when the header is read, its turns found and its quotations
def read_label(text: str) -> Label | None:
    """The speaker label that opens a unit's text, or None."""
    if _BARE_Q.match(text):
        return Label("Q", text[1:].lstrip(" \t\u00a0"), mixed=False, marked=False)
    m = _LABEL.match(text)
    if m is None:
        return None
    rest = m["rest"].strip()
    name = m["upper"] or m["mixed"]
    if m["role"] and (rest or m["mixed"]):
        return None  # a role after a name only on a label's own line: "WASHINGTON, Jan 5: …" is a dateline
    if not rest and not (m["role"] or _TITLED.match(name + " ")):
        return None  # "BACKGROUND:" alone is a section label; a speaker's label alone has a title or a role
    if m["mixed"] and name.split()[0].casefold() in _NOT_NAMES:
        return None
    return Label(name.strip(), rest, mixed=bool(m["mixed"]), marked=bool(m["mark"] or m["time"]))


def is_label(text: str) -> bool:
    """Whether a unit opens with a label on its own evidence (in capitals, or in bold or under a heading mark)."""
    label = read_label(text)
    return label is not None and (not label.mixed or label.marked)


def _question_number(text: str) -> int | None:
    m = _Q_NUMBERED.match(text) or (_NUMBERED.match(text) if "?" in text else None)
    return int(m["n"]) if m else None


def _asks(text: str) -> bool:
    """Whether the text ends with a question mark, before closing quotation marks and markup."""
    end = len(text)  # the markup that ends it dropped (`_MARKUP` at the end, without a pass over the whole text)
    while end and (text[end - 1].isspace() or text[end - 1] in "*_"):
        end -= 1
    return text[:end].rstrip("»”\"'").endswith(("?", "؟"))


def _accepted(texts: list[str], body: list[int]) -> dict[int, Label]:
    """The units that open with a speaker label: capitals as before; a mixed-case name in bold or
    under a heading mark where the text has two such labels or more, or opening three turns or more."""
    labels = {i: label for i in body if (label := read_label(texts[i])) is not None}
    marked = sum(1 for label in labels.values() if label.marked)
    opens = Counter(label.speaker for label in labels.values())
    return {i: label for i, label in labels.items()
            if not label.mixed or (label.marked and marked >= 2) or opens[label.speaker] >= 3}


def _same_speakers(names: set[str]) -> dict[str, str]:
    """Each label's speaker: initials (`JH`) and a first name alone (`Aaron`) are the one named
    speaker whose full name they match (`Jeannine Hunter`, `Aaron Burk`)."""
    full = [n for n in names if " " in n and not n.isupper()]
    same: dict[str, str] = {}
    for name in names:
        initials = [f for f in full if name.isupper() and 2 <= len(name) <= 3 and "".join(w[0] for w in f.split()) == name]
        first = [f for f in full if " " not in name and f.split()[0] == name]
        matches = initials or first
        same[name] = matches[0] if len(matches) == 1 else name
    return same


def _interviewer(texts: list[str], labels: dict[int, str]) -> str | None:
    """The interviewer of a text of two named speakers: the one whose turns (two or more) nearly all
    end with a question mark ("GV : Quand avez-vous rejoint GV ?") while the other's nearly never do;
    else None. Unnamed questioners (`Q:`, reporters at a briefing) are not interviewers."""
    speakers = set(labels.values())
    if len(speakers) != 2 or any(s.upper() in QUESTION_LABELS | {"A", "ANSWER"} for s in speakers):
        return None
    asks = {s: [_asks(texts[i]) for i, label in labels.items() if label == s] for s in speakers}
    askers = [s for s, turns in asks.items() if len(turns) >= 2 and sum(turns) >= 0.75 * len(turns)]
    if len(askers) == 1:
        answers = asks[next(iter(speakers - set(askers)))]
        if sum(answers) <= 0.25 * len(answers):
            return askers[0]
    return None


def _declares_interview(texts: list[str], kinds: tuple[BlockKind, ...]) -> bool:
    """Whether the text calls itself an interview in its title or a short line at its top."""
    return any(_INTERVIEW_WORD.search(texts[i]) for i in range(min(len(texts), _HEADER_UNITS))
               if kinds[i] in (TITLE, TITLE_REPEAT, PARAGRAPH) and len(texts[i]) <= 200 and "\n" not in texts[i].strip())


def _set_apart_questions(texts: list[str], body: list[int]) -> list[int]:
    """The units that are one question set apart: one line ending with a question mark, not too
    long, followed by a unit that is not itself such a question."""
    def question(i: int) -> bool:
        t = texts[i].strip()
        return "\n" not in t and len(t) <= _QUESTION_MAX and _asks(t)
    return [i for i, after in pairwise(body) if question(i) and not question(after)]


@dataclass(frozen=True)
class Turns:
    """Per unit its kind, question number and speaker label; and the kind of document they make."""

    kinds: tuple[BlockKind, ...]
    numbers: tuple[int | None, ...]
    speakers: tuple[str | None, ...]
    document_kind: str | None  # "interview", "transcript" or None


def find_turns(texts: list[str], kinds: tuple[BlockKind, ...]) -> Turns:
    """Interviews: numbered questions, Q1:, or Q:/A: turns; transcripts: speaker labels."""
    out = list(kinds)
    numbers: list[int | None] = [None] * len(texts)
    speakers: list[str | None] = [None] * len(texts)
    body = [i for i, k in enumerate(kinds) if k == PARAGRAPH]
    found = {i: _question_number(texts[i]) for i in body}
    numbered = [i for i, n in found.items() if n is not None]
    # numbered questions make an interview when answers follow them: a numbered list of questions is a list
    answered = [i for i, after in pairwise(body) if found[i] is not None and found[after] is None]
    accepted = _accepted(texts, body)
    same = _same_speakers({label.speaker for label in accepted.values()})
    labels = {i: same[label.speaker] for i, label in accepted.items()}
    declared = _declares_interview(texts, kinds)
    doc_kind = None
    if len(numbered) >= 2 and len(answered) >= 2:
        doc_kind = "interview"
        used: set[int] = set()
        for i in numbered:
            if found[i] not in used:
                used.add(found[i])  # type: ignore[arg-type]
                out[i], numbers[i] = QUESTION, found[i]
    elif len(labels) >= 2 or any(label.titled for label in accepted.values()):
        asking = _interviewer(texts, labels)
        question_turns = [i for i, label in labels.items() if label.upper() in QUESTION_LABELS or label == asking]
        # Q:/A: turns, two speakers of whom one only asks, or turns in a text that calls itself an
        # interview make an interview; other named speakers a transcript
        named = [label for label in labels.values() if label.upper() not in QUESTION_LABELS | {"A", "ANSWER"} and label != asking]
        doc_kind = "transcript" if named and asking is None and not declared else "interview"
        for n, i in enumerate(question_turns, 1):
            out[i], numbers[i], speakers[i] = QUESTION, n, labels[i]
        for i, label in labels.items():
            if out[i] == PARAGRAPH:
                out[i], speakers[i] = TURN, label
        for i, after in pairwise(body):
            if i in labels and not accepted[i].rest and after not in labels:
                # a label on a line of its own: its speaker's words are the unit after it
                speakers[i], speakers[after] = None, labels[i]
    elif len(questions := _set_apart_questions(texts, body)) >= 2 and declared:
        doc_kind = "interview"
        for n, i in enumerate(questions, 1):
            out[i], numbers[i] = QUESTION, n
    elif len(asked := [i for i in _set_apart_questions(texts, body) if texts[i].lstrip().startswith("#")]) >= 3 and sum(
            bool(_SECOND_PERSON.search(texts[i])) for i in asked) >= 2:
        for n, i in enumerate(asked, 1):  # questions under heading marks, in a text that does not say it is an interview
            out[i], numbers[i] = QUESTION, n
    if doc_kind == "interview":
        seen_question = False
        for i, kind in enumerate(out):
            seen_question = seen_question or kind == QUESTION
            if seen_question and kind in (PARAGRAPH, TURN):
                out[i] = ANSWER
    return Turns(tuple(out), tuple(numbers), tuple(speakers), doc_kind)
