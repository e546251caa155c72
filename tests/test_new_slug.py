"""`seedwiki lock --new-slug`: the way out of a changed extraction that accepts the new text. The
seed moves to a new slug (written to its sidecar), its locked page is marked retired, and old
links to its paragraphs reach a page that says the text was extracted again, never a shifted
paragraph: the site keeps no redirect for it, check-review refuses such a link, and the lock keeps
every line it had."""

from __future__ import annotations

import dataclasses
import hashlib
import json
import re
from pathlib import Path

import pytest

from seedwiki.ingest import ingest
from seedwiki.link.permalinks import LockError, check_lock, read_lock, retired_pages, update_lock
from seedwiki.model import Corpus, SeedEntry
from seedwiki.parse import parse

from .conftest import make_project, mkdocs_build
from .pdfs import tiny_pdf
from .test_cli import _seedwiki

PAGES = [["Inspection report"], ["The bridge was inspected on Monday and found sound."], ["No damage was found on any span."]]
OTHER = hashlib.sha256(b"the text another version extracted").hexdigest()


def _as_published_by_another_version(lock: Path) -> str:
    """The lock as if the PDF's page had been published from another text, by pypdf 0.1: what an
    upgrade that changes the extraction leaves. Returns the line as it was rewritten."""
    text = lock.read_text(encoding="utf-8")
    text, count = re.subn(r"extracted:pypdf==\S+ text-sha256:[0-9a-f]{64}", f"extracted:pypdf==0.1 text-sha256:{OTHER}", text)
    assert count == 1
    lock.write_text(text, encoding="utf-8")
    return next(line for line in text.splitlines() if line.startswith("seeds/report/"))


@pytest.fixture
def project(tmp_path) -> Path:
    root = make_project(tmp_path / "p", {"report.pdf": tiny_pdf(PAGES), "note.txt": b"A note\n\nIt has one paragraph.\n"})
    locked = _seedwiki(root, "lock")
    assert locked.returncode == 0, locked.stderr
    return root


def test_a_changed_extraction_is_retired_on_a_new_slug_and_old_anchors_never_reach_shifted_paragraphs(project):
    old_line = _as_published_by_another_version(project / "permalinks.lock")
    stopped = _seedwiki(project, "build")
    assert stopped.returncode != 0 and "seedwiki lock --new-slug report" in stopped.stderr, stopped.stderr

    moved = _seedwiki(project, "lock", "--new-slug", "report")
    assert moved.returncode == 0, moved.stderr
    assert "seeds/report/ retired" in moved.stdout and "seeds/report-2/" in moved.stdout
    assert (project / "seeds" / "report.yml").read_text() == "slug: report-2\n"
    lines = (project / "permalinks.lock").read_text().splitlines()
    assert old_line.replace(f"text-sha256:{OTHER}", f"text-sha256:{OTHER} retired:seeds/report-2/") in lines  # every anchor kept
    assert any(line.startswith("seeds/report-2/ ") and " p1 p2 " in line for line in lines)

    built = mkdocs_build(project)
    assert built.returncode == 0, built.stderr
    site = project / "site"
    retired = (site / "seeds" / "report" / "index.html").read_text()
    assert '<meta name="seedwiki-retired" content="../report-2/">' in retired and "Redirecting" not in retired
    assert 'href="../report-2/"' in retired and "#p" not in retired.split("<body>")[1].split("<script>")[0]
    assert "found sound" in (site / "seeds" / "report-2" / "index.html").read_text()
    head = json.loads((site / "links.json").read_text())
    assert head["redirects"] == {} and head["retired"] == {"seeds/report/": "seeds/report-2/"}
    verified = _seedwiki(project, "check")
    assert verified.returncode == 0, verified.stdout + verified.stderr
    assert re.search(r"locked pages resolve \(\d+ anchors\)\s+3/3", verified.stdout)  # the retired page counts as resolving

    review = project / "review.md"
    review.write_text("The bridge was sound ([report, ¶2](seeds/report/#p2)); the note says so too ([note](seeds/note/#p1)).\n")
    checked = _seedwiki(project, "check-review", str(review), "--site", str(site))
    assert checked.returncode == 1
    assert "seeds/report/#p2: this page was retired when its source's text was extracted again" in checked.stdout + checked.stderr
    assert "seeds/note/" not in checked.stdout.replace("seeds/note/#p1)", "")  # the other link is fine

    again = _seedwiki(project, "lock")
    assert again.returncode == 0, again.stderr
    assert (project / "permalinks.lock").read_text().splitlines() == lines  # the retired line holds: nothing added, nothing lost


def test_new_slug_takes_the_slug_given_and_keeps_the_sidecars_other_fields(project):
    _as_published_by_another_version(project / "permalinks.lock")
    (project / "seeds" / "report.yml").write_text("# curated\noutlet: City Engineer\n")
    moved = _seedwiki(project, "lock", "--new-slug", "report.pdf", "--slug", "bridge-report")
    assert moved.returncode == 0, moved.stderr
    assert (project / "seeds" / "report.yml").read_text() == "# curated\noutlet: City Engineer\nslug: bridge-report\n"
    assert " retired:seeds/bridge-report/ " in (project / "permalinks.lock").read_text()


@pytest.mark.parametrize(("args", "message"), [
    (("--new-slug", "report"), "gives the text its page was published from"),  # the extraction did not change
    (("--new-slug", "note"), "is not extracted from an original"),
    (("--new-slug", "nope"), "no seed has this slug or file name"),
    (("--slug", "x"), "names the new slug of the seed that --new-slug moves"),
])
def test_new_slug_refuses_a_seed_whose_anchors_hold_in_one_line(project, args, message):
    before = (project / "permalinks.lock").read_text()
    refused = _seedwiki(project, "lock", *args)
    assert refused.returncode == 2 and message in refused.stderr and len(refused.stderr.strip().splitlines()) == 1, refused.stderr
    assert (project / "permalinks.lock").read_text() == before and not (project / "seeds" / "report.yml").exists()


def test_new_slug_refuses_a_slug_already_taken_and_leaves_the_sidecar_as_it_was(project):
    _as_published_by_another_version(project / "permalinks.lock")
    refused = _seedwiki(project, "lock", "--new-slug", "report", "--slug", "note")
    assert refused.returncode == 2 and "already a page or in the lock" in refused.stderr
    assert not (project / "seeds" / "report.yml").exists()


# --- the lock's retired lines, in the link stage -----------------------------------------------------


def _entry(tmp_path: Path, slug: str) -> SeedEntry:
    path = tmp_path / "seeds" / "report.pdf"
    path.parent.mkdir(exist_ok=True)
    path.write_bytes(tiny_pdf(PAGES))
    return SeedEntry(parse(ingest(path)), slug, ("Undated",))


def test_a_retired_page_is_no_redirect_and_a_seed_shown_on_it_again_is_refused(tmp_path):
    lock = tmp_path / "permalinks.lock"
    entry = _entry(tmp_path, "report")
    update_lock(lock, Corpus((entry,)))
    seed = entry.document.seed
    assert seed.extraction is not None
    other = dataclasses.replace(seed.extraction, text_sha256=OTHER)
    changed = dataclasses.replace(entry, document=dataclasses.replace(entry.document, seed=dataclasses.replace(seed, extraction=other)))
    with pytest.raises(LockError):
        check_lock(lock, Corpus((changed,)))
    moved = dataclasses.replace(changed, slug="report-2")
    update_lock(lock, Corpus((moved,)), retire={"seeds/report/": "seeds/report-2/"})
    entries = read_lock(lock)
    assert [(e.page, e.retired) for e in entries] == [("seeds/report-2/", None), ("seeds/report/", "seeds/report-2/")]
    assert check_lock(lock, Corpus((moved,))) == {}  # no redirect would carry #p2 to the new page
    assert retired_pages(Corpus((moved,)), entries) == {"seeds/report/": "seeds/report-2/"}
    with pytest.raises(LockError, match=r"seeds/report/ was retired when its text was extracted again, but report.pdf is shown there now"):
        check_lock(lock, Corpus((changed,)))


def test_a_retired_line_needs_the_extraction_it_retired(tmp_path):
    lock = tmp_path / "permalinks.lock"
    lock.write_text("seeds/a/ sha256:" + "0" * 64 + " retired:seeds/b/ p1\n")
    with pytest.raises(LockError):
        read_lock(lock)


# --- a seed renamed before, slugs equal but for case, sidecars as editors save them, hints -----------


def _change_extractions(lock: Path, page_prefix: str) -> int:
    """Every `page_prefix…` line of the lock as if published from another text (same extractor)."""
    lines = lock.read_text(encoding="utf-8").splitlines(keepends=True)
    count = 0
    for i, line in enumerate(lines):
        if line.startswith(page_prefix):
            lines[i], n = re.subn(r"text-sha256:[0-9a-f]{64}", f"text-sha256:{OTHER}", line)
            count += n
    lock.write_text("".join(lines), encoding="utf-8")
    return count


@pytest.fixture
def renamed(tmp_path) -> Path:
    """A .docx seed locked as seeds/doc/, then given `slug: doc-renamed`: seeds/doc/ is a redirect."""
    from .test_extract import _docx

    root = make_project(tmp_path / "r", {"doc.docx": _docx(["Inspection report", "The bridge was found sound.", "No damage was found."])})
    assert _seedwiki(root, "lock").returncode == 0
    (root / "seeds" / "doc.yml").write_text("slug: doc-renamed\n")
    locked = _seedwiki(root, "lock")
    assert locked.returncode == 0, locked.stderr
    assert _change_extractions(root / "permalinks.lock", "seeds/doc") == 2
    return root


@pytest.mark.parametrize("seed", ["doc.docx", "doc-renamed", "doc"])
def test_new_slug_retires_every_locked_page_of_a_seed_renamed_before(renamed, seed):
    stopped = _seedwiki(renamed, "build")
    assert stopped.returncode != 0 and "`seedwiki lock --new-slug doc.docx`" in stopped.stderr, stopped.stderr
    assert "doc-renamed-2" not in stopped.stderr  # the advice names the seed, never the slug it would move to
    moved = _seedwiki(renamed, "lock", "--new-slug", seed)
    assert moved.returncode == 0, moved.stderr
    assert (renamed / "seeds" / "doc.yml").read_text() == "slug: doc-renamed-2\n"
    lines = (renamed / "permalinks.lock").read_text().splitlines()
    retired = sorted(line.split()[0] for line in lines if " retired:seeds/doc-renamed-2/ " in line)
    assert retired == ["seeds/doc-renamed/", "seeds/doc/"]
    assert _seedwiki(renamed, "build").returncode == 0
    again = _seedwiki(renamed, "lock")
    assert again.returncode == 0 and (renamed / "permalinks.lock").read_text().splitlines() == lines


def test_new_slug_refuses_a_slug_that_differs_only_in_letter_case(project):
    _as_published_by_another_version(project / "permalinks.lock")
    refused = _seedwiki(project, "lock", "--new-slug", "report", "--slug", "Note")
    assert refused.returncode == 2, refused.stderr
    assert "seeds/Note/ is already a page or in the lock: seeds/note/" in refused.stderr and "note.txt" in refused.stderr
    assert "letter case" in refused.stderr and not (project / "seeds" / "report.yml").exists()


def test_two_seeds_whose_slugs_differ_only_in_letter_case_are_refused(project):
    (project / "seeds" / "report.yml").write_text("slug: Note\n")
    refused = _seedwiki(project, "build")
    assert refused.returncode != 0
    assert "report.yml:1: slug 'Note' is already the page of " in refused.stderr and "note.txt (seeds/note/)" in refused.stderr, refused.stderr
    assert "letter case" in refused.stderr


def test_a_page_that_differs_from_a_locked_page_only_in_letter_case_is_refused(project):
    (project / "seeds" / "note.yml").write_text("slug: elsewhere\n")  # seeds/note/ becomes a redirect
    (project / "seeds" / "report.yml").write_text("slug: Note\n")  # …in the folder of seeds/Note/
    refused = _seedwiki(project, "build")
    assert refused.returncode != 0
    assert "seeds/Note/ (the page of report.pdf) and the locked seeds/note/ differ only in letter case" in refused.stderr, refused.stderr


@pytest.mark.parametrize(("before", "after"), [
    (b"\xef\xbb\xbfslug: report\r\noutlet: City Engineer\r\n", b"\xef\xbb\xbfslug: report-2\r\noutlet: City Engineer\r\n"),
    (b"\xef\xbb\xbf# curated\r\noutlet: City Engineer", b"\xef\xbb\xbf# curated\r\noutlet: City Engineer\r\nslug: report-2\r\n"),
    (b"outlet: City Engineer\nslug:   report   # kept as it was\n", b"outlet: City Engineer\nslug: report-2\n"),
])
def test_new_slug_rewrites_a_sidecar_with_a_byte_order_mark_and_crlf_keeping_the_rest(project, before, after):
    (project / "seeds" / "report.yml").write_bytes(before)
    _as_published_by_another_version(project / "permalinks.lock")
    moved = _seedwiki(project, "lock", "--new-slug", "report")
    assert moved.returncode == 0, moved.stderr
    assert (project / "seeds" / "report.yml").read_bytes() == after


def test_new_slug_quotes_a_slug_yaml_would_read_as_another_type(project):
    _as_published_by_another_version(project / "permalinks.lock")
    moved = _seedwiki(project, "lock", "--new-slug", "report", "--slug", "yes")
    assert moved.returncode == 0, moved.stderr
    assert (project / "seeds" / "report.yml").read_text() == 'slug: "yes"\n'
    assert _seedwiki(project, "build").returncode == 0


def test_the_default_new_slug_of_a_slug_of_80_characters_fits(tmp_path):
    root = make_project(tmp_path / "p", {"r" * 80 + ".pdf": tiny_pdf(PAGES)})
    assert _seedwiki(root, "lock").returncode == 0
    assert _change_extractions(root / "permalinks.lock", "seeds/r") == 1
    moved = _seedwiki(root, "lock", "--new-slug", "r" * 80)
    assert moved.returncode == 0, moved.stderr
    assert (root / "seeds" / f"{'r' * 80}.yml").read_text() == f"slug: {'r' * 78}-2\n"


def test_a_changed_email_extraction_says_to_build_with_that_python(tmp_path):
    mail = b"From: A <a@example.org>\nSubject: The bridge\nDate: Mon, 3 Jun 2024 10:00:00 +0000\n\nThe bridge reopens.\n"
    root = make_project(tmp_path / "p", {"mail.eml": mail})
    assert _seedwiki(root, "lock").returncode == 0
    lock = root / "permalinks.lock"
    text, count = re.subn(r"extracted:email==\S+ text-sha256:[0-9a-f]{64}", f"extracted:email==Python-3.0.1 text-sha256:{OTHER}", lock.read_text())
    assert count == 1
    lock.write_text(text)
    stopped = _seedwiki(root, "build")
    assert stopped.returncode != 0
    assert "keep the old extraction: build with Python 3.0.1" in stopped.stderr and "standard library" in stopped.stderr, stopped.stderr
    assert "install email==" not in stopped.stderr and "`seedwiki lock --new-slug mail.eml`" in stopped.stderr
