"""Interviews and transcripts: numbered questions (`1- …?`, `Q1:`), `Q:`/`A:` turns and speaker
labels (`MR. KIRBY:`), the questions' numbers and the turns' speakers."""

from __future__ import annotations

import re
from dataclasses import dataclass

from ..model import ANSWER, PARAGRAPH, QUESTION, TURN

_NUMBERED = re.compile(r"^(?P<n>\d{1,3})\s*(?:-|\.|\)|–)\s*(?P<rest>\S.*)$", re.DOTALL)
_Q_NUMBERED = re.compile(r"^Q\s*(?P<n>\d{1,3})\s*[:.)-]\s*(?P<rest>\S.*)$", re.DOTALL)
_TITLE_WORDS = r"(?:MR|MS|MRS|DR|COL|GEN|LT|MAJ|CAPT|ADM|SEC|AMB|SGT|GOV|SEN|REP|PROF)\.?"
LABEL = re.compile(
    r"^(?P<label>Q|A|(?:" + _TITLE_WORDS + r"\s+)?[A-Z][A-Z'’.-]+(?:\s+[A-Z][A-Z'’.-]+){0,3}|"
    r"Moderator|Interviewer|Host|Question|Answer|Reporter|Spokesman|Spokesperson)\s*:\s+(?P<rest>\S.*)$",
    re.DOTALL,
)
QUESTION_LABELS = {"Q", "QUESTION", "REPORTER", "INTERVIEWER"}


def _question_number(text: str) -> int | None:
    m = _Q_NUMBERED.match(text) or (_NUMBERED.match(text) if "?" in text else None)
    return int(m["n"]) if m else None


def _interviewer(texts: list[str], labels: dict[int, str]) -> str | None:
    """The interviewer of a text of two named speakers: the one whose every turn (two or more) ends
    with a question mark ("GV : Quand avez-vous rejoint GV ?") while the other's do not; else None.
    Unnamed questioners (`Q:`, reporters at a briefing) are not interviewers."""
    speakers = set(labels.values())
    if len(speakers) != 2 or any(s.upper() in QUESTION_LABELS | {"A", "ANSWER"} for s in speakers):
        return None
    asks = {s: [texts[i].rstrip().endswith(("?", "؟")) for i, label in labels.items() if label == s] for s in speakers}
    askers = [s for s, turns in asks.items() if len(turns) >= 2 and all(turns)]
    if len(askers) == 1 and not any(asks[next(iter(speakers - set(askers)))]):
        return askers[0]
    return None


@dataclass(frozen=True)
class Turns:
    """Per unit its kind, question number and speaker label; and the kind of document they make."""

    kinds: tuple[str, ...]
    numbers: tuple[int | None, ...]
    speakers: tuple[str | None, ...]
    document_kind: str | None  # "interview", "transcript" or None


def find_turns(texts: list[str], kinds: tuple[str, ...]) -> Turns:
    """Interviews: numbered questions, Q1:, or Q:/A: turns; transcripts: speaker labels."""
    out = list(kinds)
    numbers: list[int | None] = [None] * len(texts)
    speakers: list[str | None] = [None] * len(texts)
    body = [i for i, k in enumerate(kinds) if k == PARAGRAPH]
    found = {i: _question_number(texts[i]) for i in body}
    numbered = [i for i, n in found.items() if n is not None]
    labels = {i: m["label"] for i in body if (m := LABEL.match(texts[i]))}
    # numbered questions make an interview when answers follow them: a numbered list of questions is a list
    answered = [i for i, after in zip(body, [*body[1:], None], strict=True) if found[i] is not None and after is not None and found[after] is None]
    doc_kind = None
    if len(numbered) >= 2 and len(answered) >= 2:
        doc_kind = "interview"
        used: set[int] = set()
        for i in numbered:
            if found[i] not in used:
                used.add(found[i])  # type: ignore[arg-type]
                out[i], numbers[i] = QUESTION, found[i]
    elif len(labels) >= 2:
        asking = _interviewer(texts, labels)
        question_turns = [i for i, label in labels.items() if label.upper() in QUESTION_LABELS or label == asking]
        # Q:/A: turns, or two speakers of whom one only asks, make an interview; other named speakers a transcript
        named = [label for label in labels.values() if label.upper() not in QUESTION_LABELS | {"A", "ANSWER"} and label != asking]
        doc_kind = "transcript" if named and asking is None else "interview"
        for n, i in enumerate(question_turns, 1):
            out[i], numbers[i], speakers[i] = QUESTION, n, labels[i]
        for i, label in labels.items():
            if out[i] == PARAGRAPH:
                out[i], speakers[i] = TURN, label
    if doc_kind == "interview":
        seen_question = False
        for i, kind in enumerate(out):
            seen_question = seen_question or kind == QUESTION
            if seen_question and kind in (PARAGRAPH, TURN):
                out[i] = ANSWER
    return Turns(tuple(out), tuple(numbers), tuple(speakers), doc_kind)
