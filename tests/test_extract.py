"""Extraction (src/seedwiki/extract/): each format's original becomes a deterministic text with
its page boundaries and the metadata it states; the seed keeps the original's bytes."""

from __future__ import annotations

import builtins
import hashlib
import io
import socket
import zipfile
from pathlib import Path

import docx
import pytest

from seedwiki.errors import IngestError
from seedwiki.extract import extract, extractor_version, stated_date
from seedwiki.ingest import ingest
from seedwiki.parse import parse

from .pdfs import tiny_pdf


def _seed(tmp_path: Path, name: str, data: bytes):
    path = tmp_path / name
    path.write_bytes(data)
    return ingest(path)


def _docx(paragraphs: list[str], *, title: str = "", author: str = "", table: list[list[str]] | None = None) -> bytes:
    document = docx.Document()
    for text in paragraphs:
        document.add_paragraph(text)
    if table:
        grid = document.add_table(rows=len(table), cols=len(table[0]))
        for r, row in enumerate(table):
            for c, cell in enumerate(row):
                grid.cell(r, c).text = cell
    document.core_properties.title, document.core_properties.author = title, author
    out = io.BytesIO()
    document.save(out)
    return out.getvalue()


# --- the seed: original bytes, extracted text, extractor -----------------------------------------


def test_a_seed_keeps_the_originals_bytes_and_sha256_and_gains_the_extracted_text(tmp_path):
    data = tiny_pdf([["Report on roads", "The road is open again."]])
    seed = _seed(tmp_path, "report.pdf", data)
    assert seed.raw == data and seed.sha256 == hashlib.sha256(data).hexdigest()
    assert seed.text == "Report on roads\n\nThe road is open again."
    assert seed.extraction is not None
    assert (seed.extraction.format, seed.extraction.extractor) == ("PDF", "pypdf")
    assert seed.extraction.text_sha256 == hashlib.sha256(seed.text.encode()).hexdigest()


def test_a_txt_seed_has_no_extraction(tmp_path):
    assert _seed(tmp_path, "a.txt", b"Title\nText.\n").extraction is None


def test_extraction_is_deterministic(tmp_path):
    data = tiny_pdf([["One line of text here."], ["Another page."]])
    assert extract(data, Path("a.pdf")) == extract(data, Path("a.pdf"))


# --- Markdown ------------------------------------------------------------------------------------


def test_markdown_is_its_text_verbatim_never_rendered(tmp_path):
    text = "# A heading\n\nSome *emphasis*, a [link](http://example.org) and <b>bold</b>.\n"
    seed = _seed(tmp_path, "notes.md", text.encode())
    assert seed.text == text
    assert seed.extraction is not None and seed.extraction.format == "Markdown"
    assert [b.text for b in parse(seed).blocks] == ["# A heading", "Some *emphasis*, a [link](http://example.org) and <b>bold</b>."]


# --- e-mail --------------------------------------------------------------------------------------

PLAIN_MAIL = (b"From: Jane Roe <jane@example.org>\r\nTo: desk@example.org\r\nDate: Tue, 03 Mar 2026 10:15:00 +0000\r\n"
              b"Subject: Road closure\r\nContent-Type: text/plain; charset=utf-8\r\n\r\nThe road reopens on Friday.\r\n\r\nWe regret the delay.\r\n")


def test_an_email_gives_its_headers_as_metadata_and_its_text_part(tmp_path):
    seed = _seed(tmp_path, "mail.eml", PLAIN_MAIL)
    assert seed.text == ("From: Jane Roe <jane@example.org>\nTo: desk@example.org\nDate: Tue, 03 Mar 2026 10:15:00 +0000\n"
                         "Subject: Road closure\n\nThe road reopens on Friday.\n\nWe regret the delay.")
    document = parse(seed)
    assert (document.title, document.title_basis) == ("Road closure", "e-mail header: Subject")
    assert (document.meta.date, document.meta.date_source) == ("2026-03-03", "e-mail header: Date")
    assert document.meta.author == "Jane Roe"


def test_an_html_only_email_gives_the_text_of_its_html_without_script_or_style(tmp_path):
    mail = (b"From: a@example.org\r\nSubject: Hi\r\nContent-Type: text/html; charset=utf-8\r\n\r\n"
            b"<html><head><style>p{color:red}</style><script>alert('PWN')</script></head>"
            b"<body><p>First &amp; foremost.</p><img src='https://tracker.example.com/p.gif'><p>Second.</p></body></html>")
    seed = _seed(tmp_path, "mail.eml", mail)
    assert seed.text.endswith("First & foremost.\n\nSecond.")
    assert "PWN" not in seed.text and "color" not in seed.text and "tracker" not in seed.text


# --- web pages -----------------------------------------------------------------------------------

PAGE = b"""<!doctype html><html><head><title>Site | The title tag</title>
<meta property="og:site_name" content="The Daily Example">
<meta property="article:published_time" content="2024-05-03T10:00:00Z">
<script type="application/ld+json">{"@context":"https://schema.org","@type":"NewsArticle","headline":"Roads reopen after the storm",
"datePublished":"2024-05-02T22:00:00-04:00","author":{"@type":"Person","name":"Ann Smith"},"publisher":{"@type":"Organization","name":"Example News"}}</script>
<script>document.write('PWN')</script><style>.x{background:url(https://cdn.example.com/PWN.png)}</style>
<link rel="stylesheet" href="https://cdn.example.com/site.css"></head>
<body><nav><a href="/">Home</a> <a href="/news">News</a></nav><article><h1>Roads reopen after the storm</h1>
<p>The coastal road reopened on Friday after crews cleared the debris left by the storm, officials said in a statement.</p>
<p>Traffic was light in the morning, and the bridge at the river mouth remained closed to lorries until further notice.</p>
<img src="https://images.example.com/PWN.jpg"><iframe src="https://evil.example.com/PWN"></iframe>
<p>Engineers will inspect the bridge again next week, the statement said, before any decision about heavy traffic.</p>
</article><footer>Copyright The Daily Example</footer></body></html>"""


def test_a_web_page_gives_its_main_text_and_never_a_script_style_or_external_resource(tmp_path, monkeypatch):
    def no_network(*args, **kwargs):
        raise AssertionError("extraction opened a network connection")

    monkeypatch.setattr(socket.socket, "connect", no_network)
    seed = _seed(tmp_path, "page.html", PAGE)
    assert "The coastal road reopened on Friday" in seed.text
    assert "Engineers will inspect the bridge again next week" in seed.text
    assert "PWN" not in seed.text and "http" not in seed.text and "document.write" not in seed.text


def test_a_web_pages_json_ld_is_its_metadata_with_its_basis(tmp_path):
    document = parse(_seed(tmp_path, "page.html", PAGE))
    assert (document.title, document.title_basis) == ("Roads reopen after the storm", "JSON-LD: headline")
    assert (document.meta.date, document.meta.date_source) == ("2024-05-02", "JSON-LD: datePublished")
    assert document.meta.author == "Ann Smith"
    assert document.meta.outlet == "Example News"


def test_a_web_page_without_json_ld_uses_its_meta_tags_else_its_title(tmp_path):
    page = b"<html><head><title>Only a title</title><meta name='author' content='Bo Li'></head><body><p>" + b"Words of the page. " * 20 + b"</p></body></html>"
    document = parse(_seed(tmp_path, "p.htm", page))
    assert (document.title, document.title_basis) == ("Only a title", "HTML <title>")
    assert document.meta.author == "Bo Li" and document.meta.date is None


def test_a_short_web_page_still_gives_its_text(tmp_path):
    seed = _seed(tmp_path, "p.html", b"<html><body><p>Short.</p><script>x('PWN')</script></body></html>")
    assert seed.text == "Short."


# --- PDF -----------------------------------------------------------------------------------------


def test_a_pdf_keeps_its_page_boundaries(tmp_path):
    seed = _seed(tmp_path, "r.pdf", tiny_pdf([["Page one."], [], ["Page three, first line.", "Second line."]]))
    assert seed.extraction is not None
    assert seed.text == "Page one.\n\nPage three, first line. Second line."
    assert seed.extraction.pages == (0, 9, 11)
    assert [seed.page_of(seed.text.index(w)) for w in ("Page one", "Page three", "Second")] == [1, 3, 3]


def test_a_pdfs_wrapped_lines_join_into_paragraphs(tmp_path):
    lines = ["The committee met on Monday to review the findings of the inspection", "of the bridge, which had been closed since the storm in early March.",
             "It found no damage.", "A second paragraph starts here and goes on for about as long as the", "first one did, before it ends."]
    seed = _seed(tmp_path, "r.pdf", tiny_pdf([lines]))
    assert seed.text.split("\n\n") == [
        "The committee met on Monday to review the findings of the inspection of the bridge, which had been closed since the storm in early March. It found no damage.",
        "A second paragraph starts here and goes on for about as long as the first one did, before it ends."]


def test_a_pdfs_document_info_is_metadata_but_its_creation_date_is_not_the_documents_date(tmp_path):
    info = {"Title": "Annual report 2024", "Author": "Office of Inspector General", "CreationDate": "D:20240503120000Z"}
    document = parse(_seed(tmp_path, "r.pdf", tiny_pdf([["Annual report 2024 of the Office of Inspector General."]], info)))
    assert (document.title, document.title_basis) == ("Annual report 2024", "PDF document info: Title")
    assert document.meta.author == "Office of Inspector General"
    assert document.meta.date is None  # when the file was made, shown with its basis, not the report's date
    assert document.seed.extraction is not None and document.seed.extraction.value("date") == ("2024-05-03", "PDF document info: CreationDate")


@pytest.mark.parametrize(("title", "expected"), [
    ("Budget Proposal 1998", None),  # an earlier document's title left in the file: the text is another's
    ("Annual Report 2023", "Annual Report 2023"),
    ("PDF Annual Report", "PDF Annual Report"),  # two of its three words in the text
])
def test_a_pdfs_stated_title_is_taken_only_when_its_first_pages_bear_it_out(tmp_path, title, expected):
    document = parse(_seed(tmp_path, "r.pdf", tiny_pdf([["Annual report 2023", "The council's accounts for the year."]], {"Title": title})))
    assert document.detected.title == expected


@pytest.mark.parametrize(("author", "pages", "expected"), [
    ("DSI", [["THE SIEGE OF VICKSBURG.", "The diary of a woman in the besieged city, written in 1863."]], None),  # the scanning company
    ("jsmith", [["Bridge inspection", "The committee met on Monday."]], None),  # the login of whoever made the file
    ("Jane Smith", [["Bridge inspection", "By JANE SMITH, city engineer."]], "Jane Smith"),
    ("Jane Smith", [["Bridge inspection"], [], ["Notes"], ["Prepared by Jane Smith."]], None),  # named only past the first three pages
])
def test_a_pdfs_stated_author_is_taken_only_when_its_first_pages_name_it(tmp_path, author, pages, expected):
    document = parse(_seed(tmp_path, "r.pdf", tiny_pdf(pages, {"Author": author})))
    assert document.meta.author == expected


@pytest.mark.parametrize("title", ["Microsoft Word - report.docx", "untitled", "report.pdf"])
def test_a_pdf_title_that_names_a_file_or_program_is_unknown(tmp_path, title):
    seed = _seed(tmp_path, "r.pdf", tiny_pdf([["Some text."]], {"Title": title}))
    assert seed.extraction is not None and seed.extraction.value("title") is None


BODY = ["The committee met on Monday to review the findings of the inspection of the bridge.",
        "It found no damage, and the bridge reopens to traffic on Friday morning at six."]


@pytest.mark.parametrize(("pages", "info", "expected"), [
    # a first-page line in large type, found nowhere else: the title, with its basis
    ([[("Report on the bridge", 20), *BODY], BODY], None, ("Report on the bridge", "PDF first page: the line set in the largest type")),
    # every line in body type: the first line (a running head, a date, a sentence) is not taken for the title
    ([["Report on the bridge", *BODY]], None, ("r", "file name")),
    # the line in large type heads every page: a running head, not the title
    ([[("CITY COUNCIL MINUTES 1", 20), *BODY], [("CITY COUNCIL MINUTES 2", 20), *BODY]], None, ("r", "file name")),
    # a running head in small type above the text, repeated on the next page (a scanned book's)
    ([[("THE SIEGE OF VICKSBURG. 49", 8), *BODY], [("50 THE SIEGE OF VICKSBURG.", 8), *BODY]], None, ("r", "file name")),
    # large type in two places apart: headings of sections, not one title
    ([[("Findings", 20), *BODY, ("Actions", 20), *BODY]], None, ("r", "file name")),
    # the document information's title names the file: not a title, and the first page does not say one either
    ([[*BODY]], {"Title": "Binder1.pdf"}, ("r", "file name")),
    # a plausible title in the document information wins over the first page
    ([[("Report on the bridge", 20), *BODY]], {"Title": "Bridge inspection 2024"}, ("Bridge inspection 2024", "PDF document info: Title")),
])
def test_a_pdfs_title_is_stated_or_stands_out_on_its_first_page_else_unknown(tmp_path, pages, info, expected):
    document = parse(_seed(tmp_path, "r.pdf", tiny_pdf(pages, info)))
    assert (document.title, document.title_basis) == expected
    assert document.detected.title == (None if expected[1] == "file name" else expected[0])
    if expected[1] == "file name":  # the line not taken for the title is shown as a paragraph, at its own anchor
        assert "title" not in [b.kind for b in document.blocks]


def test_a_pdf_without_a_text_layer_is_a_seed_with_a_notice(tmp_path):
    seed = _seed(tmp_path, "scan.pdf", tiny_pdf([[], []]))
    assert seed.text == "" and seed.extraction is not None and seed.extraction.pages == (0, 0)
    assert "no text layer" in seed.extraction.notices[0]
    assert "no text layer" in parse(seed).notices[0]


# --- DOCX ----------------------------------------------------------------------------------------


def test_a_word_file_gives_its_paragraphs_and_tables_in_order_and_its_core_properties(tmp_path):
    data = _docx(["For release on Friday", "Statement on the bridge", "", "The bridge reopens on Friday."], title="Statement on the bridge",
                 author="City of Example", table=[["Day", "Open"], ["Friday", "yes"]])
    seed = _seed(tmp_path, "s.docx", data)
    assert seed.text == "For release on Friday\n\nStatement on the bridge\n\nThe bridge reopens on Friday.\n\nDay | Open\n\nFriday | yes"
    document = parse(seed)
    assert (document.title, document.title_basis) == ("Statement on the bridge", "DOCX core properties: title")
    assert document.meta.author == "City of Example"


def _styled_docx(paragraphs: list[tuple[str, str]], title: str = "") -> bytes:
    document = docx.Document()
    for style, text in paragraphs:
        document.add_paragraph(text, style=style)
    document.core_properties.title = title
    out = io.BytesIO()
    document.save(out)
    return out.getvalue()


@pytest.mark.parametrize(("paragraphs", "expected"), [
    # the first paragraph in body type: a salutation, a date, a line of text; the title is unknown
    ([("Normal", "No hyperlinks"), ("Normal", "One awesome hyperlink.")], ("s", "file name")),
    ([("Normal", "Dear colleagues,"), ("Normal", "The bridge reopens on Friday.")], ("s", "file name")),
    # a paragraph styled Title, wherever it is
    ([("Normal", "For release on Friday"), ("Title", "Bridge reopens"), ("Normal", "Text.")], ("Bridge reopens", "DOCX paragraph styled Title")),
    # the first paragraph, the document's one Heading 1
    ([("Heading 1", "Bridge reopens"), ("Normal", "Text."), ("Heading 2", "Details")], ("Bridge reopens", "DOCX first paragraph, styled Heading 1")),
    # several Heading 1: the document's sections, none of them its title
    ([("Heading 1", "Findings"), ("Normal", "Text."), ("Heading 1", "Actions"), ("Normal", "More.")], ("s", "file name")),
    # a Heading 1 that is not the first paragraph
    ([("Normal", "Memo"), ("Heading 1", "Findings"), ("Normal", "Text.")], ("s", "file name")),
])
def test_a_word_files_title_is_its_property_or_its_styled_title_else_unknown(tmp_path, paragraphs, expected):
    document = parse(_seed(tmp_path, "s.docx", _styled_docx(paragraphs)))
    assert (document.title, document.title_basis) == expected


MEMO = [("Normal", "Appendix B"), ("Normal", "Standards for crew operations"), ("Normal", "The review is kept on file.")]


@pytest.mark.parametrize(("paragraphs", "title", "expected"), [
    # a title property found in the opening paragraphs
    (MEMO, "Standards for crew operations", ("Standards for crew operations", "DOCX core properties: title")),
    # Word's copy of the first line (it fills the property in from it): not a title the author gave
    (MEMO, "Appendix B", ("s", "file name")),
    ([("Normal", "Department: Department Of Veterans Affairs"), ("Normal", "Agency: Department Of Veterans Affairs")], "Department:", ("s", "file name")),
    # a template's name, and a property the text does not bear out (left from another document)
    (MEMO, "Word Document", ("s", "file name")),
    (MEMO, "Standards for crew training", ("s", "file name")),
    # the first line copied, but styled as a heading: the heading is the title
    ([("Heading 1", "Standards for crew operations"), ("Normal", "The review is kept on file.")], "Standards for crew operations",
     ("Standards for crew operations", "DOCX first paragraph, styled Heading 1")),
])
def test_a_word_files_title_property_is_taken_only_when_the_text_bears_it_out(tmp_path, paragraphs, title, expected):
    document = parse(_seed(tmp_path, "s.docx", _styled_docx(paragraphs, title)))
    assert (document.title, document.title_basis) == expected


def test_an_e_mail_without_a_subject_has_no_title(tmp_path):
    document = parse(_seed(tmp_path, "m.eml", b"From: A <a@example.org>\nDate: Mon, 3 Jun 2024 10:00:00 +0000\n\nThe bridge reopens.\n"))
    assert (document.title, document.title_basis) == ("m", "file name")


# --- errors and extras ---------------------------------------------------------------------------


@pytest.mark.parametrize(("name", "module", "extra"), [("a.pdf", "pypdf", "pdf"), ("a.html", "trafilatura", "html"), ("a.docx", "docx", "docx")])
def test_a_missing_library_is_one_line_naming_the_extra(tmp_path, monkeypatch, name, module, extra):
    real_import = builtins.__import__

    def without(name_, *args, **kwargs):
        if name_ == module or name_.startswith(module + "."):
            raise ImportError(name_)
        return real_import(name_, *args, **kwargs)

    monkeypatch.setattr(builtins, "__import__", without)
    monkeypatch.setattr("importlib.import_module", lambda n, *a: without(n) if n.split(".")[0] == module else __import__(n, fromlist=["_"]))
    data = {"pdf": tiny_pdf([["x"]]), "html": b"<p>x</p>", "docx": _docx(["x"])}[extra]
    with pytest.raises(IngestError) as err:
        _seed(tmp_path, name, data)
    report = err.value.report()
    assert f"pip install 'seedwiki[{extra}]'" in report and module in report and "\n" not in report


@pytest.mark.parametrize(("value", "expected"), [
    ("2024-05-03T10:00:00Z", ("2024-05-03", "day")),
    ("D:20240503120000+02'00'", ("2024-05-03", "day")),
    ("2024-05", ("2024-05", "month")),
    ("2024", ("2024", "year")),
    ("2024-02-30", None),
    ("last week", None),
    ("", None),
    (None, None),
])
def test_a_stated_date_is_read_at_its_precision_or_left_unknown(value, expected):
    found = stated_date(value, "here")
    assert (found[0][1], found[1][1]) == expected if expected else found == []


def test_the_extractor_version_names_the_installed_library():
    import pypdf

    assert extractor_version(".pdf") == f"pypdf=={pypdf.__version__}"
    assert extractor_version(".txt") is None


def test_a_docx_zip_bomb_is_refused_before_it_is_opened(tmp_path):
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as package:
        package.writestr("[Content_Types].xml", "<Types/>")
        with package.open("word/document.xml", "w") as member:
            for _ in range(4):
                member.write(b"\0" * 2**20)
    with pytest.raises(IngestError, match="zip bomb"):
        _seed(tmp_path, "bomb.docx", out.getvalue())


def test_a_sidecar_still_overrides_what_the_format_states(tmp_path):
    from seedwiki.curate import curate

    (tmp_path / "page.yml").write_text("title: The curated title\ndate: 2024-05-01\n")
    document = curate(parse(_seed(tmp_path, "page.html", PAGE)))
    assert (document.title, document.title_basis) == ("The curated title", "curated")
    assert document.meta.date == "2024-05-01" and document.meta.author == "Ann Smith"


def test_inspect_names_the_extraction_and_each_blocks_page(tmp_path):
    from seedwiki.cli import inspect_document

    path = tmp_path / "r.pdf"
    path.write_bytes(tiny_pdf([["First page of a report."], ["Second page."]], {"Title": "A report"}))
    inspected = inspect_document(path)
    assert inspected["extraction"]["extractor"] == "pypdf" and inspected["extraction"]["pages"] == 2
    assert inspected["extraction"]["stated"] == [{"field": "title", "value": "A report", "basis": "PDF document info: Title"}]
    assert [b["page"] for b in inspected["blocks"]] == [1, 2]
    txt = tmp_path / "a.txt"
    txt.write_text("Title\n\nText.\n")
    assert "extraction" not in inspect_document(txt)


def test_an_original_over_the_size_limit_is_refused_before_any_library_reads_it(tmp_path, monkeypatch):
    import seedwiki.extract

    monkeypatch.setattr(seedwiki.extract, "MAX_ORIGINAL_BYTES", 1000)
    with pytest.raises(IngestError, match=r"more than the 0 MiB seedwiki extracts text from; publish its text as a \.txt seed"):
        _seed(tmp_path, "big.pdf", tiny_pdf([["x " * 1000]]))


def test_an_extraction_that_runs_too_long_is_stopped_with_one_line(tmp_path, monkeypatch):
    import time

    import seedwiki.extract
    import seedwiki.extract.pdf

    monkeypatch.setattr(seedwiki.extract, "MAX_SECONDS", 0.2)

    def busy(raw, path):
        try:
            while True:
                time.sleep(0.01)
        except Exception:  # a library's own handler does not hold the alarm
            raise AssertionError("caught") from None

    monkeypatch.setattr(seedwiki.extract.pdf, "extract", busy)
    started = time.monotonic()
    with pytest.raises(IngestError, match=r"took more than 0\.2 s, so it was stopped"):
        _seed(tmp_path, "slow.pdf", tiny_pdf([["x"]]))
    assert time.monotonic() - started < 5


def _slow(steps: int):
    """An extractor that works for `steps` hundredths of a second, then gives a text: a stopped
    extraction raises, an unstopped one returns."""
    import time

    from seedwiki.extract import Extracted

    def slow(raw, path):
        for _ in range(steps):
            try:
                time.sleep(0.01)
            except Exception:  # a library's own handler does not hold the stop
                raise AssertionError("caught") from None
        return Extracted("Finished.")
    return slow


def _in_a_thread(call):
    """What `call` returns or raises, run on a thread other than the main one (as a server's rebuild)."""
    import threading

    out: dict = {}

    def run():
        try:
            out["value"] = call()
        except BaseException as err:
            out["error"] = err

    thread = threading.Thread(target=run)
    thread.start()
    thread.join()
    return out


def test_an_extraction_on_another_thread_is_stopped_too(tmp_path, monkeypatch):
    import seedwiki.extract
    import seedwiki.extract.pdf

    monkeypatch.setattr(seedwiki.extract, "MAX_SECONDS", 0.2)
    monkeypatch.setattr(seedwiki.extract.pdf, "extract", _slow(3000))  # 30 s unless stopped
    out = _in_a_thread(lambda: _seed(tmp_path, "slow.pdf", tiny_pdf([["x"]])))
    assert isinstance(out.get("error"), IngestError), out
    assert "took more than 0.2 s, so it was stopped" in out["error"].report()


def test_an_extraction_within_the_limit_on_another_thread_is_not_stopped_later(tmp_path, monkeypatch):
    import time

    import seedwiki.extract
    import seedwiki.extract.pdf

    monkeypatch.setattr(seedwiki.extract, "MAX_SECONDS", 0.3)
    monkeypatch.setattr(seedwiki.extract.pdf, "extract", _slow(1))

    def twice():
        seed = _seed(tmp_path, "quick.pdf", tiny_pdf([["x"]]))
        time.sleep(0.6)  # past the limit: the finished extraction's timer never fires
        return seed.text
    assert _in_a_thread(twice) == {"value": "Finished."}


@pytest.mark.site
def test_a_serve_rebuild_on_its_thread_stops_a_slow_extraction_with_one_line(tmp_path, monkeypatch):
    import seedwiki.extract
    import seedwiki.extract.pdf
    from seedwiki.build import build, project_at

    from .conftest import make_project

    root = make_project(tmp_path / "p", {"slow.pdf": tiny_pdf([["x"]]), "a.txt": b"A\n\nText.\n"})
    monkeypatch.setattr(seedwiki.extract, "MAX_SECONDS", 0.2)
    monkeypatch.setattr(seedwiki.extract.pdf, "extract", _slow(3000))
    out = _in_a_thread(lambda: build(project_at(root)))
    assert isinstance(out.get("error"), IngestError), out
    assert out["error"].report().startswith(f"{root / 'seeds' / 'slow.pdf'}: reading the PDF file took more than 0.2 s")


XMP = """<?xpacket begin="" id="W5M0MpCehiHzreSzNTczkc9d"?><x:xmpmeta xmlns:x="adobe:ns:meta/"><rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#">
<rdf:Description rdf:about="" xmlns:dc="http://purl.org/dc/elements/1.1/">
<dc:title><rdf:Alt><rdf:li xml:lang="x-default">Budget Justification, Fiscal Year 2025</rdf:li></rdf:Alt></dc:title>
<dc:creator><rdf:Seq><rdf:li>Office of Management and Budget</rdf:li></rdf:Seq></dc:creator>
</rdf:Description></rdf:RDF></x:xmpmeta><?xpacket end="w"?>"""


def test_a_pdfs_xmp_gives_the_title_and_creator_its_document_information_lacks(tmp_path):
    document = parse(_seed(tmp_path, "r.pdf", tiny_pdf([["Budget justification for fiscal year 2025 by the Office of Management and Budget."]], {"Producer": "a program"}, xmp=XMP)))
    assert (document.title, document.title_basis) == ("Budget Justification, Fiscal Year 2025", "PDF XMP: dc:title")
    assert document.meta.author == "Office of Management and Budget"
    with_info = parse(_seed(tmp_path, "s.pdf", tiny_pdf([["Text of the info title."]], {"Title": "The info title"}, xmp=XMP)))
    assert with_info.title == "The info title"
