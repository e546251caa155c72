from __future__ import annotations

from pathlib import Path

import pytest

from seedwiki.model import Seed
from seedwiki.parse import is_hard_wrapped, parse

from .conftest import SEEDS


def _seed(text: str, name: str = "example.txt") -> Seed:
    return Seed(path=Path(name), raw=text.encode(), sha256="0" * 64, encoding="UTF-8", text=text)


WRAPPED = (
    "The Coalition said on Sunday that the attacks waged to free detainees from a\n"
    "prison had ultimately made the organisation weaker, and that they did not pose\n"
    "a threat to Iraq or to the wider region, according to a statement it issued.\n"
)


@pytest.mark.parametrize(
    ("text", "paragraphs"),
    [
        ("One.\n\nTwo.\n", ["One.", "Two."]),
        ("One.\nTwo.\n\n\n  Three.  \n", ["One.", "Two.", "Three."]),
        ("Q: Why?\nA: Because.\n", ["Q: Why?", "A: Because."]),
        (WRAPPED + "\nNext.\n", [WRAPPED.strip(), "Next."]),
        ("Short line one\nShort line two\nShort line three\n", ["Short line one", "Short line two", "Short line three"]),
        ("\n\n  only one  \n\n", ["only one"]),
    ],
)
def test_paragraph_units_are_lines_unless_clearly_hard_wrapped(text, paragraphs):
    assert [b.text for b in parse(_seed(text)).blocks] == paragraphs


@pytest.mark.parametrize("text", ["One.\n\nTwo.\n", WRAPPED, "  a\n\n\tb  \n", "x"])
def test_every_block_span_points_at_its_text(text):
    document = parse(_seed(text))
    assert all(text[b.span.start:b.span.end] == b.text for b in document.blocks)


def test_two_line_blocks_are_never_joined():
    assert not is_hard_wrapped(["ISIS escape attempt does not pose a threat to Iraq, Coaltion says", "2022-01-23T18:12:48+00:00"])


@pytest.mark.parametrize(
    ("text", "title", "basis"),
    [
        ("A Headline Here\n\nBody text.\n", "A Headline Here", "first line"),
        ("A sentence that ends.\nMore.\n", "example", "file name"),
        ("This post is also available in: العربية\nBody.\n", "example", "file name"),
        ("Only one line\n", "example", "file name"),
        ("x" * 151 + "\nBody.\n", "example", "file name"),
        ("2022-01-23\nBody.\n", "example", "file name"),
    ],
)
def test_title_is_the_first_line_when_it_looks_like_one_else_the_file_name(text, title, basis):
    document = parse(_seed(text))
    assert (document.title, document.title_basis) == (title, basis)


def _real(name: str):
    path = next(p for p in SEEDS if p.name == name)
    return parse(_seed(path.read_text(encoding="utf-8"), name))


def test_interview_seed_golden_structure():
    doc = _real("000_dfaa4f2b2677d4d0.txt")
    assert (doc.title_basis, len(doc.blocks), doc.detected.kind, doc.detected.language) == ("file name", 20, "interview", "en")
    assert doc.detected.date is None
    assert doc.blocks[0].kind == "boilerplate"
    questions = [(i + 1, b.number) for i, b in enumerate(doc.blocks) if b.kind == "question"]
    assert questions == [(3, 1), (5, 2), (7, 3), (9, 4), (11, 5), (13, 6), (15, 7), (17, 8), (19, 9)]
    assert [b.kind for b in doc.blocks[3::2]] == ["answer"] * 9
    answers = [q for q in doc.quotes if q.basis == "interviewee"]
    assert [q.block + 1 for q in answers] == [4, 6, 8, 10, 12, 14, 16, 18, 20]
    assert all(q.speaker is not None or q.basis == "interviewee" for q in doc.quotes)


def test_article_seed_golden_structure():
    doc = _real("001_daa0dd757af5786e.txt")
    assert doc.title == "ISIS escape attempt does not pose a threat to Iraq, Coaltion says"
    assert [b.kind for b in doc.blocks[:4]] == ["title", "title-repeat", "timestamp", "paragraph"]
    assert [b.kind for b in doc.blocks[-3:]] == ["boilerplate"] * 3
    meta = doc.detected
    assert (meta.date, meta.date_precision, meta.date_basis) == ("2022-01-23", "day", "stated")
    assert (meta.outlet, meta.kind, meta.language) == ("Shafaq News", "news article", "en")
    brennan = "John W. Brennan"
    # ¶6 ("…," the statement said) and ¶8 (a quotation of its own, after a paragraph without one)
    # do not name who speaks: unknown. ¶10's second quotation and ¶11 continue ¶10's named one.
    assert [(q.block + 1, q.speaker, q.basis) for q in doc.quotes] == [
        (4, "Global Coalition", "sentence"), (6, None, "none"), (8, None, "none"),
        (9, brennan, "clause"), (10, brennan, "clause"), (10, brennan, "resolved"), (11, brennan, "resolved"),
        (12, brennan, "clause"), (13, brennan, "clause"),
    ]
    unquoted = [(q.block + 1, q.text) for q in doc.quotes if q.form == "unquoted"]
    assert unquoted == [
        (9, "The groups responsible for this brazen attack are now ultimately weaker"),
        (12, "While Daesh remains a threat, it is clearly no longer the force it once was"),
    ]
    assert all(doc.seed.text[q.span.start:q.span.end] == q.text for q in doc.quotes)
