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


def test_real_seeds_parse_as_expected():
    by_name = {p.name: parse(_seed(p.read_text(encoding="utf-8"), p.name)) for p in SEEDS}
    interview = by_name["000_dfaa4f2b2677d4d0.txt"]
    article = by_name["001_daa0dd757af5786e.txt"]
    assert (interview.title_basis, len(interview.blocks)) == ("file name", 20)
    assert interview.blocks[0].text.startswith("This post is also available in")
    assert article.title == "ISIS escape attempt does not pose a threat to Iraq, Coaltion says"
    assert [b.kind for b in article.blocks[:3]] == ["title", "paragraph", "paragraph"]
    assert article.blocks[2].text == "2022-01-23T18:12:48+00:00"
    assert [b.text for b in article.blocks[-3:]] == ["Shafaq Live", "Shafaq Live", "Radio radio icon"]
