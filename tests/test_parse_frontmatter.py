"""Front matter: read safely, kept verbatim as one unit of page furniture."""

from __future__ import annotations

from pathlib import Path

import pytest

from seedwiki.model import Seed
from seedwiki.parse import find_front_matter, parse


def _parse(text: str):
    return parse(Seed(path=Path("fm.txt"), raw=text.encode(), sha256="0" * 64, encoding="UTF-8", text=text))


YAML = """---
title: "Budget approved"
date: 2024-12-06
source_url: https://example.org/budget
author: Jane Doe
tags: [budget, council]
---

The council approved the budget on Friday.
"""
TOML = """+++
title = "Bridge reopens"
date = 2023-05-02T10:00:00Z
tags = ["roads"]
+++
The bridge reopened on Tuesday after repairs.
"""


def test_yaml_front_matter_supplies_title_date_url_author_and_tags():
    doc = _parse(YAML)
    meta = doc.detected
    assert (doc.title, doc.title_basis) == ("Budget approved", "front matter")
    assert (meta.date, meta.date_precision, meta.date_source) == ("2024-12-06", "day", "front matter")
    assert (meta.source_url, meta.author, meta.tags) == ("https://example.org/budget", "Jane Doe", ("budget", "council"))


def test_front_matter_is_one_unit_of_furniture_kept_verbatim():
    doc = _parse(YAML)
    assert doc.blocks[0].kind == "boilerplate"
    assert doc.blocks[0].text == YAML[:YAML.index("---\n\n") + 3]
    assert [b.kind for b in doc.blocks[1:]] == ["paragraph"]


def test_toml_front_matter():
    doc = _parse(TOML)
    assert (doc.title, doc.detected.date, doc.detected.tags) == ("Bridge reopens", "2023-05-02", ("roads",))


@pytest.mark.parametrize(
    ("text", "notice"),
    [
        ("---\ntitle: !!python/object:os.system x\n---\nBody.\n", "tags"),
        ("---\na: &x [1]\nb: *x\n---\nBody.\n", "aliases"),
        ("---\ntitle: [unclosed\n---\nBody.\n", "not read"),
        ("---\n" + "k: " + "v" * 70_000 + "\n---\nBody.\n", "KB"),
        ("+++\ntitle = \n+++\nBody.\n", "not read"),
    ],
)
def test_broken_or_hostile_front_matter_leaves_values_unknown_and_a_notice(text, notice):
    doc = _parse(text)
    assert doc.title_basis == "file name" and doc.detected.date is None
    assert len(doc.notices) == 1 and notice in doc.notices[0]
    assert doc.blocks[0].kind == "boilerplate" and doc.blocks[-1].text == "Body."


@pytest.mark.parametrize("text", ["---\n\nA rule, then text.\n", "Text.\n---\ntitle: x\n---\n", "--- not a fence\n"])
def test_only_a_closed_fence_at_the_top_is_front_matter(text):
    assert find_front_matter(text) is None


@pytest.mark.parametrize(
    "text",
    [
        "---\nThe minister spoke on Monday. \"We will not leave,\" she said.\n\nMore text follows.\n---\nThe end.\n",
        "---\n- a list\n---\nBody.\n",
        "---\n---\nBody.\n",
        "+++\nA verse, then a rule.\n+++\nBody.\n",
        "---\nOne line: then a colon: and another\n\nand prose\n---\n" + "x" * 70_000 + "\n",
    ],
)
def test_a_rule_before_prose_is_text_not_front_matter(text):
    """Only a block that reads as a mapping of names to values is front matter: the text between
    two rules stays text, with its paragraphs, title and quotations."""
    assert find_front_matter(text) is None
    doc = _parse(text)
    assert doc.notices == () and all(b.kind != "boilerplate" for b in doc.blocks)


@pytest.mark.parametrize(
    "text",
    [
        "---\ntitle: A\ntags: ['<img src=x onerror=alert(1)>', '<script>alert(1)</script>', 'budget', 'budget']\n---\n\nBody.\n",
        "+++\ntitle = 'A'\ntags = ['<svg onload=alert(1)>', 'budget']\n+++\n\nBody.\n",
        "---\ntitle: A\nkeywords: '{{ config }}'\ncategories: x\ntags: [budget, '[link](javascript:x)']\n---\n\nBody.\n",
    ],
)
def test_front_matter_tags_are_kept_only_when_a_sidecar_could_hold_them(text):
    doc = _parse(text)
    assert doc.detected.tags == ("budget",)
    assert len(doc.notices) == 1 and "tag" in doc.notices[0] and "<" not in doc.notices[0]


@pytest.mark.parametrize("url", ["https://example.org/\x1b[31mred", "javascript:alert(1)", "https://example.org/a b"])
def test_a_front_matter_url_is_kept_only_when_curation_would_accept_it(url):
    doc = _parse(f"---\ntitle: A title\nsource_url: {url!r}\n---\n\nText.\n".replace("'", '"'))
    assert doc.detected.source_url is None and doc.detected.title == "A title"


@pytest.mark.parametrize(
    ("front", "title", "date"),
    [
        # a mail's or a channel export's `subject:` is its title
        ("subject: Council approves the budget\ndate: 2024-12-06\n", "Council approves the budget", "2024-12-06"),
        # a `date:` that holds a span gives way to the `pubDate:` that holds the date
        ("title: Conference notes\ndate: 4–6 June 2021\npubDate: 2021-06-07\n", "Conference notes", "2021-06-07"),
        ("title: Conference notes\ndate: 4–6 June 2021\n", "Conference notes", None),
        # `title:` comes before `subject:`
        ("title: The title\nsubject: The subject\n", "The title", None),
    ],
)
def test_front_matter_title_and_date_come_from_the_names_that_hold_them(front, title, date):
    doc = _parse(f"---\n{front}---\n\nThe council approved the budget on Friday.\n")
    assert (doc.title, doc.detected.date) == (title, date)
