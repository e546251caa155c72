"""Dates: the forms a text states them in, and which one is the publication date."""

from __future__ import annotations

from pathlib import Path

import pytest

from seedwiki.model import Seed
from seedwiki.parse import find_dates, parse, publication_date_line


@pytest.mark.parametrize(
    ("line", "value"),
    [
        ("Nov. 2, 2015", "2015-11-02"),
        ("2 November 2015", "2015-11-02"),
        ("Published on 6 December 2024", "2024-12-06"),
        ("Updated: Thursday, June 17, 2010 10:22", "2010-06-17"),
        ("الأحد 24 ديسمبر 2017", "2017-12-24"),
        ("12 كانون الثاني 2022", "2022-01-12"),
        ("١٢ كانون الثاني ٢٠٢٢", "2022-01-12"),
        ("٣ يناير ٢٠٢٣", "2023-01-03"),
        ("2022-01-23T18:12:48+00:00", "2022-01-23"),
        ("2 de noviembre de 2015", "2015-11-02"),
        ("Publié le 3 mars 2021", "2021-03-03"),
        ("5. März 2020", "2020-03-05"),
        ("March 2020", "2020-03"),
    ],
)
def test_publication_date_lines(line, value):
    found = publication_date_line(line)
    assert found is not None and found.value == value


@pytest.mark.parametrize(
    "line",
    ["yesterday", "on Sunday", "Last week, on April 30, 2017, the bridge fell.", "February 30, 2022", "2022-13-01", "In 2014 it began",
     "From January 2, 2020 to January 3, 2020"],
)
def test_relative_dates_sentences_and_impossible_dates_are_no_publication_date(line):
    assert publication_date_line(line) is None


def test_a_captions_date_is_an_event_not_the_publication_date():
    text = "Floods hit the north\n\nResidents wade through water on April 30, 2017. Photo: Reuters\n\nHeavy rain fell.\n"
    doc = parse(Seed(path=Path("d.txt"), raw=b"", sha256="0" * 64, encoding="UTF-8", text=text))
    assert doc.detected.date is None


def test_find_dates_scans_once_left_to_right():
    text = "On Jan. 5, 2021 and 2021-02-03 and 7 March 2021 and April 2021."
    assert [(v, p) for _, v, p in find_dates(text)] == [("2021-01-05", "day"), ("2021-02-03", "day"), ("2021-03-07", "day"), ("2021-04", "month")]


@pytest.mark.parametrize(
    ("paragraph", "value"),
    [
        ("Washington, D.C., June 9, 2005 - Voice of America Director David S. Jackson issued a statement.", "2005-06-09"),
        ("Saint Petersburg (Vereinigte Staaten), 14.03.2006 – Heute wurde die Ausgabe gestartet.", "2006-03-14"),
        ("PARIS, 3 mars 2021 — Le ministre a annoncé une réforme.", "2021-03-03"),
        # no place before the date, a date inside a sentence, a month alone, an impossible date, no dash
        ("June 9, 2005 - The Director issued a statement.", None),
        ("In Syria, on January 20, 2022, a complex attack - the worst in years - was carried out.", None),
        ("Washington, June 2005 - The Director issued a statement.", None),
        ("Paris, 31.02.2020 – Le ministre a parlé.", None),
        ("Washington, D.C., June 9, 2005: The Director issued a statement.", None),
    ],
)
def test_a_dateline_that_opens_a_paragraph_states_its_date(paragraph, value):
    from seedwiki.parse.dates import dateline_date

    found = dateline_date(paragraph)
    assert (found.value if found else None) == value
    if found:
        assert paragraph[found.span.start:found.span.end] in paragraph.split(", ", 1)[1]
