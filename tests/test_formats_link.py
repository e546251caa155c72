"""A seed extracted from an original in the link stage: a PDF's pages as `#page-N` targets and in
every paragraph's label ("p. 3, ¶12"), citations that carry the page, the permalink lock that
records the extraction and refuses a changed one, and the parse cache keyed by the extractor."""

from __future__ import annotations

import dataclasses
import datetime
import hashlib
from pathlib import Path

import pytest

import seedwiki.parsecache
from seedwiki.citation import csl_citation, format_citation, make_citation
from seedwiki.ingest import ingest
from seedwiki.link.permalinks import LockError, check_lock, read_lock, update_lock
from seedwiki.link.targets import ANCHOR, anchor_label, entry_anchors, entry_targets, original_file
from seedwiki.model import Corpus, SeedEntry
from seedwiki.parse import parse
from seedwiki.parsecache import entry_key

from .pdfs import tiny_pdf

PAGES = [["Inspection report"], ["The bridge was inspected on Monday."], [], ["No damage was found."]]


def _entry(tmp_path: Path, name: str, data: bytes, slug: str = "report") -> SeedEntry:
    path = tmp_path / "seeds" / name
    path.parent.mkdir(exist_ok=True)
    path.write_bytes(data)
    return SeedEntry(parse(ingest(path)), slug, ("Undated",))


def test_a_pdf_page_is_a_target_and_every_paragraph_names_its_page(tmp_path):
    entry = _entry(tmp_path, "report.pdf", tiny_pdf(PAGES))
    targets = [(t.anchor, t.kind, t.label, t.text) for t in entry_targets(entry)]
    assert targets == [
        ("", "page", "", "report"),  # a line in body type is not taken for the title: the file's name
        ("page-1", "pdf-page", "p. 1", "Inspection report"),
        ("p1", "paragraph", "p. 1, ¶1", "Inspection report"),  # its first line, a paragraph like the others
        ("page-2", "pdf-page", "p. 2", "The bridge was inspected on Monday."),
        ("p2", "paragraph", "p. 2, ¶2", "The bridge was inspected on Monday."),
        ("page-3", "pdf-page", "p. 3", ""),
        ("page-4", "pdf-page", "p. 4", "No damage was found."),
        ("p3", "paragraph", "p. 4, ¶3", "No damage was found."),
    ]
    assert entry_anchors(entry) == [t[0] for t in targets[1:]]


def test_page_anchors_are_anchors_the_site_makes():
    assert ANCHOR.fullmatch("page-12") and not ANCHOR.fullmatch("page-0") and not ANCHOR.fullmatch("page-")
    assert anchor_label("page-12") == "p. 12"


def test_a_txt_seed_has_no_page_targets_and_the_labels_it_always_had(tmp_path):
    entry = _entry(tmp_path, "a.txt", b"A title\n\nA paragraph of text.\n")
    assert [t.label for t in entry_targets(entry)] == ["", "¶1", "¶2"]
    assert original_file(entry.document.seed) is None


@pytest.mark.parametrize(("name", "published"), [("a.pdf", "original.pdf"), ("a.docx", "original.docx"), ("a.eml", "original.eml"),
                                                 ("a.html", "original.html.txt"), ("a.htm", "original.htm.txt"), ("a.md", "original.md.txt")])
def test_the_original_is_published_under_a_name_no_browser_or_mkdocs_renders(name, published):
    from seedwiki.model import Extraction, Seed

    seed = Seed(Path(name), b"", "0" * 64, "x", "", Extraction("X", "x", "1", "0" * 64))
    assert original_file(seed) == published


def test_a_citation_of_a_pdf_paragraph_carries_its_page_in_every_format(tmp_path):
    entry = _entry(tmp_path, "report.pdf", tiny_pdf(PAGES))
    target = next(t for t in entry_targets(entry) if t.anchor == "p3")
    cited = make_citation(entry, target, "https://wiki.example.org/", accessed=datetime.date(2026, 1, 2))
    assert ", p. 4, ¶3" in format_citation(cited, "text")
    assert format_citation(cited, "pandoc") == "[@report, p. 4, para. 3]"
    item = csl_citation(cited)["citationItems"][0]
    assert (item["locator"], item["label"]) == ("4", "page")
    assert item["uris"] == ["https://wiki.example.org/seeds/report/#p3"]
    page = next(t for t in entry_targets(entry) if t.anchor == "page-2")
    assert format_citation(make_citation(entry, page, "https://wiki.example.org/", accessed=datetime.date(2026, 1, 2)), "pandoc") == "[@report, p. 2]"


# --- the lock ------------------------------------------------------------------------------------


def test_the_lock_records_the_extractor_and_the_extracted_texts_sha256(tmp_path):
    entry = _entry(tmp_path, "report.pdf", tiny_pdf(PAGES))
    lock = tmp_path / "permalinks.lock"
    update_lock(lock, Corpus((entry,)))
    seed = entry.document.seed
    assert seed.extraction is not None
    line = f"seeds/report/ sha256:{seed.sha256} extracted:pypdf=={seed.extraction.version} text-sha256:{seed.extraction.text_sha256} p1 p2 p3 page-1 page-2 page-3 page-4"
    assert lock.read_text().splitlines()[-1] == line
    (locked,) = read_lock(lock)
    assert (locked.extractor, locked.text_sha256) == (f"pypdf=={seed.extraction.version}", seed.extraction.text_sha256)
    assert check_lock(lock, Corpus((entry,))) == {}


def test_an_old_lock_line_without_the_extraction_stays_valid_and_gains_it(tmp_path):
    entry = _entry(tmp_path, "report.pdf", tiny_pdf(PAGES))
    lock = tmp_path / "permalinks.lock"
    lock.write_text(f"seeds/report/ sha256:{entry.document.seed.sha256} p1 p2\n")
    assert check_lock(lock, Corpus((entry,))) == {}
    update_lock(lock, Corpus((entry,)))
    assert " extracted:pypdf==" in lock.read_text()


def test_a_changed_extraction_stops_the_build_naming_the_seed_and_what_to_do(tmp_path):
    entry = _entry(tmp_path, "report.pdf", tiny_pdf(PAGES))
    lock = tmp_path / "permalinks.lock"
    update_lock(lock, Corpus((entry,)))
    seed = entry.document.seed
    assert seed.extraction is not None
    other = dataclasses.replace(seed.extraction, version="99.0", text_sha256=hashlib.sha256(b"other").hexdigest())
    changed = dataclasses.replace(entry, document=dataclasses.replace(entry.document, seed=dataclasses.replace(seed, extraction=other)))
    with pytest.raises(LockError) as err:
        check_lock(lock, Corpus((changed,)))
    report = err.value.report()
    assert report.startswith(f"{lock}:{lock.read_text().count(chr(10))}: seeds/report/ was published from the text pypdf=={seed.extraction.version} extracted from report.pdf")
    assert "pypdf==99.0 now extracts another text" in report
    assert f"install pypdf=={seed.extraction.version}" in report and "\n" not in report


@pytest.mark.parametrize("line", [
    "seeds/a/ sha256:" + "0" * 64 + " extracted:pypdf==7.1.1 p1",  # no text sha256
    "seeds/a/ sha256:" + "0" * 64 + " text-sha256:" + "1" * 64 + " p1",  # no extractor
    "seeds/a/ sha256:" + "0" * 64 + " p1 extracted:pypdf==7.1.1 text-sha256:" + "1" * 64,  # after the anchors
])
def test_a_malformed_extraction_in_the_lock_is_an_error(tmp_path, line):
    lock = tmp_path / "permalinks.lock"
    lock.write_text(line + "\n")
    with pytest.raises(LockError):
        read_lock(lock)


# --- the parse cache -----------------------------------------------------------------------------


def test_the_parse_cache_keys_an_original_by_its_extractors_version(monkeypatch):
    before = entry_key("seeds/a.pdf", "0" * 64, None)
    assert entry_key("seeds/a.txt", "0" * 64, None) != before
    monkeypatch.setattr(seedwiki.parsecache, "extractor_version", lambda suffix: "pypdf==99.0" if suffix == ".pdf" else None)
    assert entry_key("seeds/a.pdf", "0" * 64, None) != before


def test_a_changed_extraction_by_the_same_library_version_names_seedwiki_as_the_cause(tmp_path):
    entry = _entry(tmp_path, "report.pdf", tiny_pdf(PAGES))
    lock = tmp_path / "permalinks.lock"
    update_lock(lock, Corpus((entry,)))
    seed = entry.document.seed
    assert seed.extraction is not None
    other = dataclasses.replace(seed.extraction, text_sha256=hashlib.sha256(b"other").hexdigest())
    changed = dataclasses.replace(entry, document=dataclasses.replace(entry.document, seed=dataclasses.replace(seed, extraction=other)))
    with pytest.raises(LockError, match=r"build with the seedwiki that published it .*reads the PDF with the same library differently"):
        check_lock(lock, Corpus((changed,)))
