"""Quotations and attribution, with and without quotation marks; a transcript's turns."""

from __future__ import annotations

from pathlib import Path

import pytest

from seedwiki.model import Seed
from seedwiki.parse import parse


def _quotes(text: str):
    doc = parse(Seed(path=Path("q.txt"), raw=b"", sha256="0" * 64, encoding="UTF-8", text=text))
    return [(q.speaker, q.basis, q.text) for q in doc.quotes]


@pytest.mark.parametrize(
    ("text", "quotes"),
    [
        ("The attack made the group weaker in every way, said Maj. Gen. John W. Brennan, Jr., commander.\n",
         [("Maj. Gen. John W. Brennan, Jr.", "unquoted", "The attack made the group weaker in every way")]),
        ("Mayor Lina Haddad said the bridge would reopen next spring after repairs.\n",
         [("Mayor Lina Haddad", "unquoted", "the bridge would reopen next spring after repairs.")]),
        ("The curfew will end on Monday across the whole province, according to Governor Sami Nasser.\n",
         [("Governor Sami Nasser", "unquoted", "The curfew will end on Monday across the whole province")]),
        ('"We will rebuild the bridge," said Lina Haddad.\n', [("Lina Haddad", "attribution", '"We will rebuild the bridge,"')]),
    ],
)
def test_attribution(text, quotes):
    assert _quotes(text) == quotes


@pytest.mark.parametrize(
    "text",
    ["Officials said the curfew would end soon and the roads reopen.\n", "He said the curfew would end soon and the roads reopen.\n",
     "The statement said the curfew would end soon, and more.\n", "It was a long week, said nobody.\n"],
)
def test_no_named_speaker_no_statement(text):
    assert [q for q in _quotes(text) if q[1] == "unquoted"] == []


def test_transcript_turns_are_the_speakers_statements():
    text = "Press call\n\nMR. KIRBY: Good afternoon, everybody.\nQ: Any news on Syria?\nMR. KIRBY: Nothing new today.\n"
    assert _quotes(text) == [("MR. KIRBY", "turn", "Good afternoon, everybody."), ("MR. KIRBY", "turn", "Nothing new today.")]
