"""Interviews and transcripts: speaker labels, questions and answers, and who speaks."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from seedwiki.model import Seed
from seedwiki.parse import parse
from seedwiki.parse.turns import read_label


def _parse(text: str):
    return parse(Seed(path=Path("shape.txt"), raw=text.encode(), sha256="0" * 64, encoding="UTF-8", text=text))


@pytest.mark.parametrize(
    ("text", "label"),
    [
        ("MR. KIRBY: Good afternoon, everybody.", ("MR. KIRBY", "Good afternoon, everybody.")),
        ("MR KIRBY: Good afternoon.", ("MR KIRBY", "Good afternoon.")),
        ("QUESTION: Can I start with Keystone?", ("QUESTION", "Can I start with Keystone?")),
        ("SECRETARY RICE: Well, it is not an issue of engagement.", ("SECRETARY RICE", "Well, it is not an issue of engagement.")),
        ("M. PRICE : Bonjour.", ("M. PRICE", "Bonjour.")),
        ("Q    Sure, thanks, Josh.", ("Q", "Sure, thanks, Josh.")),
        ("Q\u00a0\u00a0Sure, thanks.", ("Q", "Sure, thanks.")),
        ("Jane Doe (00:06): Thank you for having me.", ("Jane Doe", "Thank you for having me.")),
        ("SINGH:Â Thank you, Mr. President.", ("SINGH", "Thank you, Mr. President.")),
        ("JESSICA JERREAT, VOA Press Freedom Editor:", ("JESSICA JERREAT", "")),
        ("**RM:** I manage the social media accounts.", ("RM", "I manage the social media accounts.")),
        ("**MK: What do you do in the federal government?**", ("MK", "What do you do in the federal government?**")),
        ("### TTS: Can you walk me through what you do?", ("TTS", "Can you walk me through what you do?")),
        ("**Aaron Burk:** As a product owner, my role is to help.", ("Aaron Burk", "As a product owner, my role is to help.")),
        ("Duncan Campbell: One of the founders of wheelchair rugby.", ("Duncan Campbell", "One of the founders of wheelchair rugby.")),
        # not labels
        ("WASHINGTON, Jan 5: The talks went on all week.", None),
        ("BACKGROUND:", None),
        ("Note: the figures are provisional.", None),
        ("Q fever spread across the farms.", None),
        ("Initial thoughts:", None),
        ("The talks: a summary of the week.", None),
    ],
)
def test_a_speaker_label_opens_a_unit(text, label):
    found = read_label(text)
    assert (found.speaker, found.rest) == label if label else found is None


BARE_Q = """Press Briefing by Press Secretary Josh Earnest

MR. EARNEST:  After last night's late arrival, we're moving a little slower than usual today.

Q    Sure, thanks, Josh.  Let me start with the summary that was provided to the President-elect.

MR. EARNEST:  Josh, what I can tell you is that as a general matter I've not been in a position to read it out.

Q    And on Iraq?
"""


def test_a_bare_q_followed_by_spaces_is_a_question():
    doc = _parse(BARE_Q)
    assert doc.detected.kind == "transcript"
    assert [(b.kind, b.number, b.speaker) for b in doc.blocks[1:]] == [
        ("turn", None, "MR. EARNEST"), ("question", 1, "Q"), ("turn", None, "MR. EARNEST"), ("question", 2, "Q")]


def test_time_stamped_labels_and_a_broken_character_after_the_colon_are_turns():
    doc = _parse("Jane Doe (00:06): Thank you for joining us.\n\nSINGH:Â Thank you for having me.\n\n"
                 "Jane Doe (00:14): What happened next?\n\nSINGH:Â We went home.\n")
    assert doc.detected.kind == "transcript"
    assert [(b.kind, b.speaker) for b in doc.blocks] == [("turn", "Jane Doe"), ("turn", "SINGH"), ("turn", "Jane Doe"), ("turn", "SINGH")]


def test_a_label_on_a_line_of_its_own_names_the_speaker():
    doc = _parse("JESSICA JERREAT, VOA Press Freedom Editor:\n\nHi, welcome to the show.\n\n"
                 "MR. KIRBY: Thank you.\n\nJESSICA JERREAT, VOA Press Freedom Editor:\n\nLet us begin.\n")
    # the label is a turn of its own; its speaker's words, the unit after it, carry the speaker's name
    assert [(b.kind, b.speaker) for b in doc.blocks] == [
        ("turn", None), ("paragraph", "JESSICA JERREAT"), ("turn", "MR. KIRBY"), ("turn", None), ("paragraph", "JESSICA JERREAT")]
    assert [q.text for q in doc.quotes if q.form == "turn"] == ["Thank you."]


@pytest.mark.parametrize(
    ("turns", "found"),
    [
        (3, True),  # a mixed-case name opening three turns is a label
        (2, False),  # twice could be anything ("Duncan Campbell: …" as a heading and a caption)
    ],
)
def test_a_mixed_case_name_is_a_label_when_it_opens_three_turns(turns, found):
    text = "".join(f"Wikinews: Question {n}?\n\nDuncan Campbell: Answer {n}.\n\n" for n in range(turns))
    doc = _parse("Wikinews interviews Duncan Campbell\n\n" + text)
    assert any(b.speaker == "Duncan Campbell" for b in doc.blocks) == found


def test_initials_and_a_first_name_are_the_speaker_they_abbreviate():
    doc = _parse(
        "Staff profile\n\n**Jeannine Hunter: What is your role at TTS?**\n\n**Mark Hopson:** I am a contracting lead.\n\n"
        "**JH: Why did you want to work here?**\n\n**MH:** I love the federal government.\n\n"
        "**JH: What excites you?**\n\n**Mark:** The people.\n")
    assert doc.detected.kind == "interview"
    assert [(b.kind, b.number, b.speaker) for b in doc.blocks[1:]] == [
        ("question", 1, "Jeannine Hunter"), ("answer", None, "Mark Hopson"), ("question", 2, "Jeannine Hunter"),
        ("answer", None, "Mark Hopson"), ("question", 3, "Jeannine Hunter"), ("answer", None, "Mark Hopson")]


def test_one_titled_label_makes_a_transcript():
    doc = _parse("Point de presse\n\nM. PRICE : Bonjour. Permettez-moi de commencer par vous présenter des excuses.\n\n"
                 "Bonne après-midi, et bienvenue dans la salle de conférence de presse.\n")
    assert doc.detected.kind == "transcript"
    assert [b.speaker for b in doc.blocks] == [None, "M. PRICE", None]


@pytest.mark.parametrize(
    ("title", "kind"),
    [("Interview With Andrea Mitchell of MSNBC", "interview"), ("Daily Press Briefing", "transcript")],
)
def test_questions_and_a_named_answerer_are_an_interview_where_the_text_says_so(title, kind):
    doc = _parse(f"{title}\n\nQUESTION: Thank you very much. Madame Secretary, Iran?\n\n"
                 "SECRETARY RICE: Well, it is not an issue of engagement.\n\nQUESTION: And the talks?\n\nSECRETARY RICE: They go on.\n")
    assert doc.detected.kind == kind
    assert [b.number for b in doc.blocks if b.kind == "question"] == [1, 2]


QUESTIONS_SET_APART = """{title}

¿Cómo surgió la idea de traducir blogs?

Global Voices se fundó en 2005 como un proyecto de investigación en la Universidad de Harvard.

¿Cómo funciona exactamente Global Voices?

La red funciona a nivel global y está formada por más de 500 blogueros, traductores y autores.
"""


@pytest.mark.parametrize(
    ("title", "kind", "questions"),
    [("Entrevista con Ivan Sigal", "interview", [1, 2]), ("Global Voices en 2012", None, [])],
)
def test_questions_set_apart_make_an_interview_only_in_a_text_that_calls_itself_one(title, kind, questions):
    doc = _parse(QUESTIONS_SET_APART.format(title=title))
    assert doc.detected.kind == kind
    assert [b.number for b in doc.blocks if b.kind == "question"] == questions


HEADINGS = """Building product capacity

Bill Laughman spoke about working with 18F.

### {q1}

It went well.

### {q2}

We learned a lot.

### {q3}

Keep going.
"""


@pytest.mark.parametrize(
    ("questions", "found"),
    [
        (("How did your perception change?", "What did you learn?", "What would you tell a new team?"), [1, 2, 3]),
        # an explainer's headings ask the reader nothing
        (("What is notice and comment?", "Why does it matter?", "How will it work?"), []),
    ],
)
def test_headings_that_ask_someone_questions_are_questions_without_making_an_interview(questions, found):
    doc = _parse(HEADINGS.format(q1=questions[0], q2=questions[1], q3=questions[2]))
    assert [b.number for b in doc.blocks if b.kind == "question"] == found
    assert doc.detected.kind is None
    assert "answer" not in {b.kind for b in doc.blocks}


def test_questions_numbered_past_999_are_questions():
    """Long hearings number their questions on, over days (a parliament's committee: Q1 to Q2500
    and beyond): Q1000 is question 1000, with its answer."""
    text = "Hearing on the long inquiry\n\n" + "".join(
        f"Q{n}: Could you tell the committee about item {n}?\n\nWe looked at item {n} closely and found nothing amiss.\n\n" for n in range(1, 1206))
    doc = _parse(text)
    questions = [b.number for b in doc.blocks if b.kind == "question"]
    assert questions == list(range(1, 1206))
    after = [doc.blocks[i + 1].kind for i, b in enumerate(doc.blocks) if b.kind == "question"]
    assert set(after) == {"answer"}


def test_a_year_opening_a_question_is_no_question_number():
    """Four digits before a dash are a year far more often than a 1,000th question ("2019 - Why …?"):
    numbered questions without a Q stay within three digits."""
    text = ("Ten years of the programme\n\n2019 - Why did the programme start?\n\nIt started after the floods.\n\n"
            "2020 - What changed in the first year?\n\nThe budget doubled.\n\n2021 - Who runs it now?\n\nA board of five.\n")
    assert [b.kind for b in _parse(text).blocks if b.kind == "question"] == []
    two_digits = re.sub(r"(?m)^20(?=\d\d - )", "", text)  # "19 - Why …?": question 19
    assert [b.number for b in _parse(two_digits).blocks if b.kind == "question"] == [19, 20, 21]


def test_a_question_number_of_thousands_of_digits_is_no_error():
    text = "Transcript\n\n" + "".join(f"Q{'9' * 5000}: Is this a number?\n\nNo, it is far too long.\n\n" for _ in range(3))
    assert _parse(text).blocks
