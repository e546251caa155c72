"""Extraction on real files of each format (tests/real/formats/), measured against their recorded
truth (truth.yml): the title, date and author the document states, and passages a reader sees,
each within one paragraph of the extracted text. Right = equal to the truth; unknown = the truth
has a value and seedwiki none; wrong = any other value (also where the truth has none). The table
is printed (`pytest -s tests/test_real_formats.py`). The outcome of each file is asserted as it
is measured today (`EXPECTED`): a change that alters it, for better or worse, updates the table."""

from __future__ import annotations

import unicodedata
from pathlib import Path

import pytest
import yaml

from seedwiki.ingest import ingest
from seedwiki.model import Document
from seedwiki.parse import parse

REAL = Path(__file__).parent / "real" / "formats"
TRUTH = yaml.safe_load((REAL / "truth.yml").read_text(encoding="utf-8"))

# Per file, what is not right today and why (everything else is right).
EXPECTED: dict[str, dict[str, str]] = {
    "crazyones.pdf": {"passages": "2 of 3: the PDF's text layer has no apostrophes (“Heres”, “Theyre”)"},
    "siege-of-vicksburg.pdf": {"passages": "1 of 2: a narrow column beside a picture splits a paragraph"},
    "ihc-preparedness-review.docx": {"title": "unknown: its title property is Word's copy of its first line, 'Appendix B'"},
    "va-chaplain-announcement.docx": {"title": "unknown: its title property is Word's copy of its first line",
                                      "author": "unknown: the agency is a line of the text, not a byline"},
    "reca-trust-fund-budget.docx": {"title": "unknown: its title property is not the title on its cover",
                                    "date": "unknown: the cover's 'February 2008' is not read as the date"},
}
FIELDS = ("title", "date", "author")


def _format(name: str) -> str:
    suffix = Path(name).suffix
    return ".html" if suffix == ".htm" else suffix


def _words(text: str) -> str:
    return " ".join(unicodedata.normalize("NFKC", text).split())


def _document(name: str) -> Document:
    return parse(ingest(REAL / name))


def _outcome(truth: dict, document: Document) -> dict[str, str]:
    """Per field, "right", "unknown" or "wrong: <value>"; passages "n of m"."""
    found = {"title": document.title if document.title_basis != "file name" else None, "date": document.meta.date,
             "author": document.meta.author}
    out = {}
    for field in ("title", "date", "author"):
        value, true = found[field], truth.get(field)
        out[field] = "right" if value == true else "unknown" if value is None else f"wrong: {value}"
    blocks = [_words(b.text) for b in document.blocks]
    passages = truth["passages"]
    inside = sum(1 for p in passages if any(_words(p) in b for b in blocks))
    out["passages"] = f"{inside} of {len(passages)}"
    return out


@pytest.mark.parametrize("truth", TRUTH, ids=[t["file"] for t in TRUTH])
def test_a_real_file_gives_its_true_title_date_author_and_text(truth):
    document = _document(truth["file"])
    outcome = _outcome(truth, document)
    expected = EXPECTED.get(truth["file"], {})
    for field in ("title", "date", "author"):
        assert outcome[field] == "right" or expected.get(field, "").startswith(outcome[field].split(":")[0]), (field, outcome[field])
    passages = len(truth["passages"])
    assert outcome["passages"] == expected.get("passages", f"{passages} of {passages}").split(":")[0]
    if "pages" in truth:
        assert document.seed.extraction is not None and len(document.seed.extraction.pages) == truth["pages"]


def test_at_least_three_real_files_of_each_format():
    suffixes = [_format(t["file"]) for t in TRUTH]
    assert {s: suffixes.count(s) for s in set(suffixes)} == {".pdf": 3, ".html": 3, ".docx": 4, ".eml": 4}
    found = [t for t in TRUTH if _format(t["file"]) in (".docx", ".eml") and "made" not in t["source"]]
    assert len(found) == 8  # Word files and e-mails found in public test corpora, none made for these tests


def test_no_real_file_gets_a_wrong_title_date_or_author():
    """A title, date or author presented as fact is right or the page says it is unknown: never
    wrong (the scanned book's PDF states its scanning company, "DSI", as its author)."""
    outcomes = {t["file"]: _outcome(t, _document(t["file"])) for t in TRUTH}
    wrong = {(file, field): outcome[field] for file, outcome in outcomes.items() for field in FIELDS if outcome[field].startswith("wrong")}
    assert wrong == {}


def test_the_table(capsys):
    rows = []
    for truth in TRUTH:
        document = _document(truth["file"])
        outcome = _outcome(truth, document)
        extraction = document.seed.extraction
        assert extraction is not None
        rows.append((truth["file"], extraction.by, *(outcome[f] for f in ("title", "date", "author", "passages"))))
    formats = sorted({_format(row[0]) for row in rows})
    with capsys.disabled():
        print("\n| file | extracted by | title | date | author | passages in one paragraph |\n|---|---|---|---|---|---|")
        for row in rows:
            print("| " + " | ".join(row) + " |")
        print("\n| format | files | title right/wrong/unknown | date right/wrong/unknown | author right/wrong/unknown | passages |\n|---|---|---|---|---|---|")
        for suffix in formats:
            mine = [row for row in rows if _format(row[0]) == suffix]
            counts = []
            for column in (2, 3, 4):
                outcomes = [row[column].split(":")[0] for row in mine]
                counts.append("/".join(str(outcomes.count(k)) for k in ("right", "wrong", "unknown")))
            found = sum(int(row[5].split(" of ")[0]) for row in mine), sum(int(row[5].split(" of ")[1]) for row in mine)
            print(f"| {suffix} | {len(mine)} | " + " | ".join(counts) + f" | {found[0]} of {found[1]} |")
