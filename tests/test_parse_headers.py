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


STATE_MENU = "U.S. Department of State\n" * 3 + (
    "Other State Department Archive SitesU.S. Department of State\n"
    "Home Issues & Press Travel & Business Countries Youth & Education Careers About State Video\n")


@pytest.mark.parametrize(
    ("text", "title"),
    [
        # the site's menus, a breadcrumb trail, an advertisement and an archive's label come before the title
        (STATE_MENU + "Daily Press Briefing\nSean McCormack, Spokesman\nWashington, DC\nJanuary 9, 2009\n\n\nMR. MCCORMACK: Good afternoon.\n",
         "Daily Press Briefing"),
        ("You are in: Bureau of Public Affairs > Press Relations > Daily Briefings\n\nDaily Press Briefing\n\nMR. BOUCHER: Hello.\n",
         "Daily Press Briefing"),
        ("The Largest Career Network for Intelligence Jobs - JOIN NOW\n\nDaily Press Briefing\n\nMR KIRBY: Good afternoon.\n",
         "Daily Press Briefing"),
        ("Archives July 2020\n\nNews briefs: April 14, 2010\n\nAt least 400 people have been killed.\n", "News briefs: April 14, 2010"),
        # a header block of an organisation, its office and a date has no title
        ("Department of State\nOffice of the Spokesperson\nJanuary 5, 2021\n\nThe United States condemns the attack.\n", "example"),
        # accessibility links and a section's name before the headline
        ("Accessibility links\n\nBreaking News\n\nStatement by the Director on the Revocation of Credentials\n\n"
         '"We deplore this unwarranted action."\n', "Statement by the Director on the Revocation of Credentials"),
        ("Enlaces de accesibilidad\n\nCuba\n\n\"¿Alguien sabe qué tal se pone Cuba el fin de año?\"\n\nEn Cuba el eje de la comida es la carne.\n",
         "\"¿Alguien sabe qué tal se pone Cuba el fin de año?\""),
        ("Steps\n\n1. Open the valve.\n", "Steps"),
        # a banner that ends with a link
        ("Donate today!\n\nOur volunteers work every day to bring you the news.\n\nLearn more about Lingua Translation  »\n\n"
         "Arab World: Curiosity and Arab Science\n\nAfter the landing, Arabs lamented on Twitter.\n", "Arab World: Curiosity and Arab Science"),
        # a wiki page: the title (shown twice) over the wiki's tagline, the site's name and a date above it
        ("Wiki Actu en\n\nSeptember 7, 2012\n\nWikinews interviews Duncan Campbell\n\nWikinews interviews Duncan Campbell\n\n"
         "From Wikinews, the free news source you can write!\n\nLondon, England — On Wednesday, Wikinews interviewed him.\n",
         "Wikinews interviews Duncan Campbell"),
        # a date line first, the title after it
        ("04 November 2001\nTranscript: Afghanistan Campaign Proceeding As Planned, Myers Says\nThe allied campaign is going to plan.\n",
         "Transcript: Afghanistan Campaign Proceeding As Planned, Myers Says"),
        # a caption credited "— Name/AGENCY" is no title; a pull quote is no title
        ("Protesters gather in Beirut on Monday. — Hassan Ammar/AP\n\nThe protests went on.\n", "example"),
        ('"We deplore this unwarranted action by the authorities against our reporters."\n\nThe director said.\n', "example"),
        # markup around the title is not part of it
        ("# Floods hit the north\n\nHeavy rain fell for three days.\n", "Floods hit the north"),
        ("| Floods hit the north |\n\nHeavy rain fell for three days.\n", "Floods hit the north"),
        # a release's title may be long
        ("The White House\nFor Immediate Release\n\n" + "Declaración del Secretario de Prensa sobre la apertura " * 3 + "\n\nEstados Unidos da la bienvenida.\n",
         ("Declaración del Secretario de Prensa sobre la apertura " * 3).strip()),
    ],
)
def test_the_title_is_found_under_the_sites_furniture_or_not_at_all(text, title):
    assert _doc(text).title == title


def test_markup_is_stripped_from_the_title_value_only():
    doc = _doc("# Floods hit the north\n\nHeavy rain fell for three days.\n")
    assert doc.blocks[0].text == "# Floods hit the north" and doc.blocks[0].kind == "title"


@pytest.mark.parametrize(
    ("text", "date"),
    [
        ("Press Briefing\n\nJanuary 30, 2012 | 40:49 | Public Domain\n\nMR. CARNEY: Good afternoon.\n", "2012-01-30"),
        ("The Inside Story\n\nEpisode 150 – June 27, 2024\n\nThis week on the show.\n", "2024-06-27"),
        # a month alone is an archive's, unless right under the title
        ("We translate the posts into many languages, so that everyone can read them.\n\nLearn more  »\n\n· März, 2008\n\nChina: Media\n",
         None),
        ("Monthly report\n\nMarch 2008\n\nThe council met four times.\n", "2008-03"),
        # a dateline's date in the first paragraphs
        ("Statement by the Director\n\nWashington, D.C., June 9, 2005 - The Director issued the following statement today:\n", "2005-06-09"),
        ("Chinesische Wikinews-Ausgabe gestartet\nArtikelstatus: Fertig\n"
         "Saint Petersburg (Vereinigte Staaten), 14.03.2006 – Heute wurde die chinesische Ausgabe gestartet.\n", "2006-03-14"),
        ("The attack\n\nIn Syria, on January 20, 2022, a complex attack - the worst in years - was carried out.\n", None),
    ],
)
def test_the_publication_date_is_what_the_header_or_a_dateline_states(text, date):
    assert _doc(text).detected.date == date


@pytest.mark.parametrize(
    ("text", "kind", "dateline"),
    [
        # a dateline in the second paragraph, under a caption
        ("Protests in Beirut\n\nA man walks past a burning tyre in the city centre on Monday night.\n\n"
         "BEIRUT (AP) — Protesters blocked roads across Lebanon on Tuesday.\n", "news article", "BEIRUT"),
        ("Offensive in the north-east\n\nThe fighting went on overnight, residents of the town said.\n\n"
         "QAMISHLI, Syria (Reuters) - Kurdish-led forces said on Sunday they had taken the town.\n", "news article", "QAMISHLI, Syria"),
        # a dash after a capitalised word in a later paragraph is no dateline
        ("Council meeting\n\nThe council met on Tuesday to discuss the budget.\n\nOK - so the budget passed.\n", None, None),
        ("Transcript: Afghanistan Campaign Proceeding As Planned\n\nThe allied campaign is going to plan, Myers said.\n",
         "transcript", None),
    ],
)
def test_the_kind_comes_from_a_dateline_in_the_first_paragraphs_or_a_title_naming_it(text, kind, dateline):
    meta = _doc(text).detected
    assert (meta.kind, meta.dateline) == (kind, dateline)
