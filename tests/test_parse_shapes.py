"""The parser on texts of other shapes than the two seeds."""

from __future__ import annotations

from pathlib import Path

import pytest

from seedwiki.model import Seed
from seedwiki.parse import parse


def _parse(text: str):
    return parse(Seed(path=Path("shape.txt"), raw=text.encode(), sha256="0" * 64, encoding="UTF-8", text=text))


BRIEFING = """Department of Defense Press Briefing by Pentagon Press Secretary

MR. KIRBY: Good afternoon, everybody. A couple of things at the top.
Q: John, can you say anything about the strikes in Syria?
MR. KIRBY: I won't get ahead of the operations.
Q: And on Iraq?
MR. KIRBY: Nothing new today.
"""
QA = """Interview with the mayor

Q: What are your plans?
A: To rebuild the bridge.
Q: When?
A: Next year.
"""
RELEASE = """Release No. 20220123-01
FOR IMMEDIATE RELEASE

SOUTHWEST ASIA – Coalition forces supported partner operations in the region.
"""
DATELINE = """Officials describe a tense week

QAMISHLI, Syria — "He told us, 'stay inside,' and we did," said Amina Khalil, a resident.
The mayor said the curfew would end soon.
"""
ARABIC = """هجوم على سجن غويران في الحسكة

قال التحالف الدولي إن الهجوم جعل التنظيم أضعف.
"""
BARE = "some words without any metadata at all, just text that goes on.\nand another line of it.\n"
ADS = """City council approves budget

The council voted on Tuesday.
Advertisement
Read more: Council elections next month
Share this article
The budget takes effect in March.
"""
BYLINE = """Floods hit the north

By Jane Doe
January 20, 2022
Photo: Reuters
Heavy rain fell for three days, according to the weather service.
"""
NUMBERED_Q = """Interview

Q1: How are you?
Fine.
Q2: And the city?
Recovering.
"""
QUESTION_LIST = """Questions we ask

1. Are you making appropriate uses of the various software methods?
2. How can you include considerations for user-centered design?
3. Have you modularized the architecture of your system?

Please get in touch with us to discuss next steps.
"""
LIST_NOT_QUESTIONS = """Steps

1. Open the valve.
2. Close the valve.
"""


@pytest.mark.parametrize(
    ("text", "kind", "questions", "kinds"),
    [
        (BRIEFING, "transcript", [1, 2], ["title", "turn", "question", "turn", "question", "turn"]),
        (QA, "interview", [1, 2], ["title", "question", "answer", "question", "answer"]),
        (RELEASE, "press release", [], None),
        (DATELINE, "news article", [], None),
        (NUMBERED_Q, "interview", [1, 2], ["title", "question", "answer", "question", "answer"]),
        (LIST_NOT_QUESTIONS, None, [], ["title", "paragraph", "paragraph"]),
        (QUESTION_LIST, None, [], ["title", "paragraph", "paragraph", "paragraph", "paragraph"]),
        (BARE, None, [], ["paragraph", "paragraph"]),
    ],
)
def test_document_kind_and_questions(text, kind, questions, kinds):
    doc = _parse(text)
    assert doc.detected.kind == kind
    assert [b.number for b in doc.blocks if b.kind == "question"] == questions
    if kinds is not None:
        assert [b.kind for b in doc.blocks] == kinds


def test_briefing_turns_keep_their_speaker_labels():
    doc = _parse(BRIEFING)
    assert [b.speaker for b in doc.blocks if b.speaker] == ["MR. KIRBY", "Q", "MR. KIRBY", "Q", "MR. KIRBY"]


def test_two_named_speakers_of_whom_one_only_asks_make_an_interview():
    doc = _parse(
        "GV : Pourriez-vous nous parler de vous ?\nJDS : Je suis journaliste de profession.\n"
        "GV : Quand avez-vous rejoint GV ?\nJDS : En janvier 2023.\n"
    )
    assert doc.detected.kind == "interview"
    assert [(b.kind, b.number) for b in doc.blocks] == [("question", 1), ("answer", None), ("question", 2), ("answer", None)]


def test_two_named_speakers_who_both_answer_make_a_transcript():
    doc = _parse("MS NAUERT: Hi, everybody. How are you today?\nAMBASSADOR BIRX: Great. Good afternoon.\n"
                 "MS NAUERT: So welcome. She will take a few of your questions.\nAMBASSADOR BIRX: Absolutely.\n")
    assert doc.detected.kind == "transcript"


def test_dateline_and_nested_quotes():
    doc = _parse(DATELINE)
    assert doc.detected.dateline == "QAMISHLI, Syria"
    (quote,) = doc.quotes
    assert quote.text == '"He told us, \'stay inside,\' and we did,"'
    assert quote.speaker == "Amina Khalil"


def test_arabic_article_is_rtl_and_titled():
    doc = _parse(ARABIC)
    assert doc.title == "هجوم على سجن غويران في الحسكة"
    assert doc.detected.language == "ar"
    assert {b.lang for b in doc.blocks} == {"ar"}


def test_text_without_metadata_stays_plain_and_honest():
    doc = _parse(BARE)
    meta = doc.detected
    assert (doc.title_basis, meta.date, meta.outlet, meta.kind) == ("file name", None, None, None)


def test_inline_ads_and_related_lines_are_page_furniture():
    doc = _parse(ADS)
    assert [b.text for b in doc.blocks if b.kind == "boilerplate"] == [
        "Advertisement", "Read more: Council elections next month", "Share this article"]
    assert doc.blocks[-1].kind == "paragraph"


def test_byline_date_and_credit_lines():
    doc = _parse(BYLINE)
    assert [b.kind for b in doc.blocks] == ["title", "byline", "timestamp", "credit", "paragraph"]
    meta = doc.detected
    assert (meta.byline, meta.date, meta.date_precision, meta.kind) == ("Jane Doe", "2022-01-20", "day", "news article")


@pytest.mark.parametrize(
    ("line", "expected"),
    [
        ("2022-01-23T18:12:48+00:00", ("2022-01-23", "day")),
        ("January 20, 2022", ("2022-01-20", "day")),
        ("20 January 2022", ("2022-01-20", "day")),
        ("Jan. 5, 2021", ("2021-01-05", "day")),
        ("March 2020", ("2020-03", "month")),
        ("February 30, 2022", None),
        ("2022-13-01", None),
        ("In 2014 it began", None),
    ],
)
def test_publication_date_lines(line, expected):
    from seedwiki.parse import parse_date

    assert parse_date(line) == expected
