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


def test_a_gov_site_banner_is_page_furniture_and_the_headline_after_it_is_the_title():
    doc = _doc(
        "An official website of the United States Government \nHere's how you know\n\n"
        "Official websites use .gov\n\n"
        "A lock ( lock ) or https:// means you’ve safely connected to the .gov website. Share sensitive information"
        " only on official, secure websites, and nowhere else, whatever anyone tells you.\n\n"
        "Pentagon Press Secretary Holds a Press Briefing\n\n"
        "MR. KIRBY: Good afternoon.\n"
    )
    assert doc.title == "Pentagon Press Secretary Holds a Press Briefing"
    assert [b.kind for b in doc.blocks][:5] == ["boilerplate", "boilerplate", "boilerplate", "boilerplate", "title"]


def test_in_a_text_of_blank_line_paragraphs_the_first_line_of_a_header_block_is_not_the_title():
    doc = _doc(
        "Département d’État des États-Unis\nBureau du porte-parole Ned Price\nLe 2 février 2021\nPoint de presse\n\n"
        "M. PRICE : Bonjour. Permettez-moi de commencer par vous présenter des excuses.\n"
    )
    assert doc.title == "example"
    assert doc.detected.date == "2021-02-02"


def test_a_speaker_turn_is_not_the_title_of_an_interview():
    doc = _doc("GV : Qui êtes-vous ?\nJDS : Un journaliste.\nGV : Depuis quand ?\nJDS : Depuis janvier.\n")
    assert doc.title == "example"


def test_the_title_may_follow_a_release_header():
    doc = _doc(
        "The White House\nOffice of the Press Secretary\nFor Immediate Release\n\n"
        "Press Briefing by the Press Secretary\n\nJames S. Brady Press Briefing Room\n\n"
        "MR. EARNEST: Good afternoon.\n\nQ: Thanks.\n"
    )
    assert doc.title == "Press Briefing by the Press Secretary"


def test_a_release_date_follows_its_for_immediate_release_line_below_the_header():
    doc = _doc(
        "The White House\nFor Immediate Release\n\nDeclaración del Secretario de Prensa sobre la apertura de la Embajada\n\n"
        "LA CASA BLANCA\nOficina del Secretario de Prensa\n\nAsesores\n\nOtra línea\n\nMás\n\nAún más\n\n"
        "PARA PUBLICACIÓN INMEDIATA\nJulio 20, 2015\n\nEstados Unidos da la bienvenida a la apertura histórica de hoy.\n"
    )
    assert doc.detected.date == "2015-07-20"


@pytest.mark.parametrize(
    ("text", "kind"),
    [
        ("The White House\nFor Immediate Release\n\nStatement by the Press Secretary on Cuba\n\nThe United States welcomes it.\n",
         "statement"),
        ("The White House\nFor Immediate Release\n\nDeclaración del Secretario de Prensa sobre Cuba\n\nEstados Unidos da la bienvenida.\n",
         "statement"),
        ("ایالات متحده حملات در لندن را محکوم می کند\n\nبیانیه مطبوعاتی\n\nایالات متحده این حملات را محکوم می کند.\n", "statement"),
        ("Release No. 20220123-01\nFOR IMMEDIATE RELEASE\n\nSOUTHWEST ASIA – Coalition forces supported partner operations.\n",
         "press release"),
    ],
)
def test_a_header_naming_a_statement_makes_a_statement_even_under_a_release_line(text, kind):
    assert _doc(text).detected.kind == kind


@pytest.mark.parametrize(
    ("ending", "furniture"),
    [
        # page furniture: menu words, size buttons, a name the page repeats
        ("Home\nAbout\nContact\n", True),
        ("XS\nSM\nMD\nLG\n", True),
        ("Shafaq Live\nShafaq Live\nRadio radio icon\n", True),
        # the text's own: a signature, a date line, data lines
        ("Heather Nauert\nDepartment Spokesperson\n", False),
        ("Washington, DC\nJune 3, 2017\n", False),
        ("Capital: Damascus\nPopulation: 17 million\n", False),
    ],
)
def test_a_trailing_run_of_short_lines_is_furniture_only_without_signature_date_or_data(ending, furniture):
    doc = _doc("City council approves budget\n\nThe council voted on Tuesday to approve the budget.\n\n" + ending)
    kinds = [b.kind for b in doc.blocks[2:]]
    assert kinds == ["boilerplate"] * len(kinds) if furniture else "boilerplate" not in kinds
