"""The parser on real public texts (tests/real/), measured against their recorded truth.

For each field (title, date, language, kind): stated = the truth has a value; found = detected
equals it; wrong = detected a value that is not the truth (also where the truth has none);
unknown = stated but not detected. Bar: no wrong value, and at least 90% of stated titles and
dates found. The table is printed (`pytest -s tests/test_real_texts.py`)."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml

from seedwiki.model import Seed
from seedwiki.parse import parse

REAL = Path(__file__).parent / "real"
TRUTH = yaml.safe_load((REAL / "truth.yml").read_text(encoding="utf-8"))
FIELDS = ("title", "date", "language", "kind")


def _detected(entry: dict) -> dict:
    path = REAL / entry["file"]
    text = path.read_text(encoding="utf-8")
    document = parse(Seed(path=path, raw=text.encode(), sha256="0" * 64, encoding="UTF-8", text=text))
    title = document.title if document.title_basis != "file name" else None
    return {"title": title, "date": document.detected.date, "language": document.detected.language, "kind": document.detected.kind}


def measure() -> tuple[dict[str, dict[str, int]], list[str]]:
    table = {field: {"stated": 0, "found": 0, "wrong": 0, "unknown": 0} for field in FIELDS}
    wrong: list[str] = []
    for entry in TRUTH:
        detected = _detected(entry)
        for field in FIELDS:
            true, got = entry[field], detected[field]
            if field == "language" and got == "und":
                got = None
            row = table[field]
            row["stated"] += true is not None
            if got is None:
                row["unknown"] += true is not None
            elif got == true:
                row["found"] += 1
            else:
                row["wrong"] += 1
                wrong.append(f"{entry['file']}: {field} {got!r}, truly {true!r}")
    return table, wrong


def test_the_collection_has_what_it_should():
    assert len(TRUTH) >= 30
    assert all((REAL / e["file"]).is_file() and e["url"].startswith("http") and e["licence"] for e in TRUTH)
    assert {"en", "ar"} <= {e["language"] for e in TRUTH} and len({e["language"] for e in TRUTH}) >= 4
    assert {e["front_matter"] for e in TRUTH} == {True, False}
    assert {"interview", "transcript", "statement", "press release"} <= {e["kind"] for e in TRUTH}
    assert sorted(p.name for p in REAL.glob("*.txt")) == sorted(e["file"] for e in TRUTH)


def test_real_texts_meet_the_bar():
    table, wrong = measure()
    print(f"\n{'field':<10}{'stated':>8}{'found':>7}{'wrong':>7}{'unknown':>9}")
    for field, row in table.items():
        print(f"{field:<10}{row['stated']:>8}{row['found']:>7}{row['wrong']:>7}{row['unknown']:>9}")
    assert wrong == []
    for field in ("title", "date"):
        assert table[field]["found"] >= 0.9 * table[field]["stated"], (field, table[field])


@pytest.mark.parametrize("entry", TRUTH, ids=[e["file"] for e in TRUTH])
def test_every_character_of_a_real_text_is_in_a_block_or_between_blocks(entry):
    path = REAL / entry["file"]
    text = path.read_text(encoding="utf-8")
    document = parse(Seed(path=path, raw=text.encode(), sha256="0" * 64, encoding="UTF-8", text=text))
    assert all(text[b.span.start:b.span.end] == b.text for b in document.blocks)
    covered = "".join(b.text for b in document.blocks)
    assert "".join(covered.split()) == "".join(text.split())
