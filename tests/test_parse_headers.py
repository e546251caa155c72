"""Titles and header lines: the first line is the title only when it looks like one."""

from __future__ import annotations

from pathlib import Path

import pytest

from seedwiki.model import Seed
from seedwiki.parse import parse


def _doc(text: str):
    return parse(Seed(path=Path("example.txt"), raw=b"", sha256="0" * 64, encoding="UTF-8", text=text))


@pytest.mark.parametrize(
    ("text", "title"),
    [
        ("City council approves budget\n\nBody.\n", "City council approves budget"),
        ("\n\n\nCity council approves budget\n\nBody.\n", "City council approves budget"),
        ("A member of the SDF removes an ISIS flag in Raqqa. Photo: Rudaw\n\nBody.\n", "example"),
        ("(Photo by Jane Doe/AFP)\n\nBody.\n", "example"),
        ("By Jane Doe\n\nBody.\n", "example"),
        ("المحرر | 1,234 مشاهدة\n\nنص المقال.\n", "example"),
        ("Admin | 5 views\n\nBody.\n", "example"),
        ("Share this article\n\nBody.\n", "example"),
        ("Nov. 2, 2015\n\nBody.\n", "example"),
        ("Help us stay scattered!\nSunday, December 24, 2017\nBody.\n", "Help us stay scattered!"),
        ("Help us stay scattered!\nBody goes on here.\n", "example"),
    ],
)
def test_title(text, title):
    assert _doc(text).title == title


def test_date_line_under_the_title_is_the_publication_date_and_its_kind_is_timestamp():
    doc = _doc("Floods hit the north\nPublished on 6 December 2024\nHeavy rain fell, on April 30, 2017 too.\n")
    assert [b.kind for b in doc.blocks] == ["title", "timestamp", "paragraph"]
    assert (doc.detected.date, doc.detected.date_precision, doc.detected.date_source) == ("2024-12-06", "day", "date line")
