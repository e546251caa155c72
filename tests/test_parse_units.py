"""Paragraph units: one per blank-line block where the text folds paragraphs, else one per line."""

from __future__ import annotations

import pytest

import seedwiki.parse
from seedwiki.build import Project, load_corpus
from seedwiki.link.permalinks import LockError, check_lock, update_lock
from seedwiki.model import Span
from seedwiki.parse import paragraph_spans

from .conftest import make_project

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


# A story folded at 70 characters with no blank line between paragraphs (a Washington File text).
FOLDED_WITHOUT_BLANK_LINES = """04 November 2001
Transcript: Afghanistan Campaign Proceeding As Planned, Myers Says
The allied military campaign against Taliban forces in Afghanistan is
going "exactly according to our plans," according to Chairman of the
Joint Chiefs of Staff General Richard B. Myers.
Appearing November 4 on NBC's "Meet the Press," Myers said the
campaign has suppressed Taliban air defenses, disrupted supply,
communication and transport capabilities and destroyed most Taliban
helicopters.
"They have a substantial force left," Myers said, "but at this point
in the campaign, that's exactly what we expected." Weather will be a
concern for military forces as winter sets in in Afghanistan, he said.
"""
# Markdown folded at 72 characters: a heading with its underline, a paragraph whose short lines
# come before links too long to fit, list items whose lines are indented under them.
MARKDOWN = """Basic reuse
-----------

All our code is published and released at GitHub.com under the
[organization 18F](https://github.com/18F/). There you can see all our
public repositories. An example of such a file is
[pycas.py](https://github.com/18F/PriceHistoryAuth/blob/master/pycas.py)
which is part of the project, reused and modified as allowed by the
license under which it was released.

1.  Based on the need you are trying to address, are you making
    appropriate uses of the various software development methods?
2.  How can you most effectively include considerations for user-centered
    design and development?
"""


@pytest.mark.parametrize(
    ("text", "units"),
    [
        (FOLDED_WITHOUT_BLANK_LINES, ["04 November 2001", "Transcript: Afghanistan Campaign Proceeding As Planned, Myers Says",
                                      "The allied", "Appearing", '"They have']),
        (MARKDOWN, ["Basic reuse", "All our code", "1.  Based", "2.  How"]),
        # a fenced block with a blank line in it, an HTML element over several lines
        ("```\nprint(1)\n\nprint(2)\n```\n\n<script>\nlet a = 1;\nlet b = 2;\n</script>\nAfter the script.\n",
         ["```\nprint(1)\n\nprint(2)\n```", "<script>", "After the script."]),
        # a line folded before a dash continues the line before it, which ends mid-sentence
        ("MR. KIRBY: The talks, which began on Monday in Geneva and went on all week\n"
         "— the first since 2019 — will go on, and we expect them to go well for all.\n\nNext.\n",
         ["MR. KIRBY: The talks", "Next."]),
        # a dash after a sentence, or after a dash item, is a list item
        ("We need three things from the donors this winter, and we need them soon.\n— food\n— water\n",
         ["We need", "— food", "— water"]),
        # a sentence cut after a word and going on in lower case, in a text of one line per paragraph
        ("Alle Links in diesem Artikel führen, soweit nicht anders ersichtlich, zu\nenglischsprachigen Webseiten.\n"
         "Wir befinden uns in Cambridge.\n", ["Alle Links", "Wir befinden"]),
    ],
)
def test_lines_join_only_on_evidence(text, units):
    found = _units(text)
    assert [unit[:len(start)] for unit, start in zip(found, units, strict=False)] == units and len(found) == len(units)


@pytest.mark.parametrize(
    "text",
    [
        # headlines of one width, one per line, with no blank lines: not a folded paragraph
        "\n".join(f"Headline {n}: the council {'votes on ' * (n % 4)}the budget and the new bridge plan" for n in range(12)) + "\n",
        # short verse lines, and a list of short items
        "Roses are red\nViolets are blue\nSugar is sweet\nAnd so are you\n",
        "apples\nbananas\ncherries\ndates\n",
        # turns and dates below a full line stay apart
        "Q: Do you expect the talks in Geneva to go on for the whole of next week, sir\n"
        "A: Yes.\nJanuary 5, 2021\n",
    ],
)
def test_lines_without_evidence_of_folding_stay_apart(text):
    assert _units(text) == [line for line in text.splitlines() if line.strip()]


def test_a_folded_unit_keeps_the_source_text_verbatim():
    for unit in _units(FOLDED_WITHOUT_BLANK_LINES) + _units(MARKDOWN):
        assert unit in FOLDED_WITHOUT_BLANK_LINES or unit in MARKDOWN


def _one_unit_per_line(text: str, start: int = 0):
    pos = start
    for line in text[start:].split("\n"):
        if line.strip():
            yield Span(pos + len(line) - len(line.lstrip()), pos + len(line.rstrip()))
        pos += len(line) + 1


def test_a_unit_rule_that_joins_lines_of_a_locked_seed_fails_the_build_saying_what_to_do(tmp_path, monkeypatch):
    # the seed was published when each of its lines was a unit; today's rules join its folded lines
    project = Project(make_project(tmp_path / "site", {"story.txt": FOLDED_WITHOUT_BLANK_LINES.encode()}))
    monkeypatch.setattr(seedwiki.parse, "paragraph_spans", _one_unit_per_line)
    update_lock(project.lock_path, load_corpus(project))
    monkeypatch.undo()
    with pytest.raises(LockError) as err:
        check_lock(project.lock_path, load_corpus(project))
    report = err.value.report()
    assert "seeds/story/ no longer has the locked anchor(s) #p6, #p7" in report
    assert "the seed is unchanged" in report and "build with that version" in report and "requirements.txt" in report
