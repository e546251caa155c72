"""Paragraph units: one per blank-line block where the text folds paragraphs, else one per line."""

from __future__ import annotations

import pytest

from seedwiki.parse import paragraph_spans

FOLDED = (
    "MODERATOR: Good evening, and thank you all for joining the National\n"
    "Security Council press call on U.S. military operations.\n"
    "\n"
    "We will hear from two senior officials tonight, who will speak on\n"
    "background and take your questions after their opening remarks.\n"
    "\n"
    "Our first speaker is a senior administration official. Over to you,\n"
    "sir, for the opening statement.\n"
)


def _units(text: str) -> list[str]:
    return [text[s.start:s.end] for s in paragraph_spans(text)]


@pytest.mark.parametrize(
    ("text", "units"),
    [
        (FOLDED, [p for p in FOLDED.strip().split("\n\n")]),
        ("One.\nTwo.\n\nThree.\n", ["One.", "Two.", "Three."]),
        ("- first item of a list that is long enough to be prose\n- second item of the list, also long.\n\nEnd.\n",
         ["- first item of a list that is long enough to be prose", "- second item of the list, also long.", "End."]),
        ("Q: A question that goes on for long enough to be a line?\nA: An answer that goes on for long enough.\n\nEnd.\n",
         ["Q: A question that goes on for long enough to be a line?", "A: An answer that goes on for long enough.", "End."]),
        ("A headline that is long enough to be fifty characters\n2022-01-23T18:12:48+00:00\n\nBody.\n",
         ["A headline that is long enough to be fifty characters", "2022-01-23T18:12:48+00:00", "Body."]),
        ("Roses are red and this line is short\nViolets are blue\n\nEnd.\n",
         ["Roses are red and this line is short", "Violets are blue", "End."]),
        ("First paragraph line that is long enough to be prose here,\nand its end.\nSecond line without blank lines.\n",
         ["First paragraph line that is long enough to be prose here,", "and its end.", "Second line without blank lines."]),
    ],
)
def test_units(text, units):
    assert _units(text) == units


def test_a_joined_unit_keeps_its_line_breaks_verbatim():
    first = _units(FOLDED)[0]
    assert "\n" in first and FOLDED.startswith(first)
