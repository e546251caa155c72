"""The hostile corpus: broken and malicious seeds and sidecars, each with what must happen to it.

Every case is one of two outcomes (README, "Hostile and broken input"):
- ERROR: the build stops with `path:line: what is wrong; what to do`, exit 1, no traceback, nothing
  written; `detail` is part of that message.
- RENDERS: the build succeeds and the text is shown literally; `detail` is text a reader must see.

Payloads that would do something if interpreted carry the marker "PWN", so the injection check can
look for it in every element, attribute, id and URL of the built site.
"""

from __future__ import annotations

import codecs
import os
import shutil
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from ..pdfs import tiny_pdf

ERROR, RENDERS = "error", "renders"
MARKER = "PWN"
SNIPPET_SECRET = "SNIPPET-SECRET-CONTENT"  # in a file next to the seeds; no page may include it


@dataclass(frozen=True)
class Case:
    name: str  # the case, and the stem of its seed file unless `files` says otherwise
    outcome: str
    detail: str
    data: bytes | None = None  # the seed `<name>.txt`, if the case has one
    files: dict[str, bytes] = field(default_factory=dict)  # other files in seeds/ (sidecars, twins)
    big: bool = False  # built on its own (megabytes of text)

    @property
    def seed_files(self) -> dict[str, bytes]:
        return ({} if self.data is None else {f"{self.name}.txt": self.data}) | self.files


def _seed(body: str) -> bytes:
    return body.encode("utf-8")


def _encrypted_pdf() -> bytes:
    import io

    from pypdf import PdfReader, PdfWriter

    writer = PdfWriter(clone_from=PdfReader(io.BytesIO(tiny_pdf([["A secret report."]]))))
    writer.encrypt("secret", algorithm="RC4-128")
    out = io.BytesIO()
    writer.write(out)
    return out.getvalue()


def _zip(members: dict[str, bytes]) -> bytes:
    import io
    import zipfile

    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as package:
        for name, data in members.items():
            package.writestr(name, data)
    return out.getvalue()


HOSTILE_PAGE = b"""<!doctype html><html><head><title>Roads reopen</title><script>document.title='PWN'</script>
<link rel="stylesheet" href="https://PWN.example/site.css"><style>body{background:url(https://PWN.example/bg.png)}</style>
<meta http-equiv="refresh" content="0; url=https://PWN.example/"></head><body onload="alert('PWN')">
<article><p>The coastal road reopened on Friday after crews cleared the debris left by the storm, officials said.</p>
<img src="https://PWN.example/pixel.gif" onerror="alert('PWN')"><iframe src="https://PWN.example/frame"></iframe>
<p>Traffic was light in the morning, and the bridge at the river mouth stayed closed to lorries until further notice.</p>
<object data="https://PWN.example/x.swf"></object><noscript><img src="https://PWN.example/ns.gif"></noscript></article></body></html>"""


BILLION_LAUGHS = "a: &a [\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\"]\n" + "".join(
    f"{chr(98 + i)}: &{chr(98 + i)} [*{chr(97 + i)},*{chr(97 + i)},*{chr(97 + i)},*{chr(97 + i)},*{chr(97 + i)},*{chr(97 + i)},*{chr(97 + i)},*{chr(97 + i)},*{chr(97 + i)}]\n"
    for i in range(8)
)
PLAIN = _seed("A plain title\nA plain paragraph of text.\n")

CASES: list[Case] = [
    # --- files that cannot be seeds --------------------------------------------------------------
    Case("empty", ERROR, ":1: the seed has no text", b""),
    Case("whitespace-only", ERROR, ":1: the seed has no text", b" \n\t \r\n  \n"),
    Case("png-image", ERROR, ":3: the file holds a NUL byte at byte 8", b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00"),
    Case("nul-bytes", ERROR, ":2: the file holds a NUL byte at byte 11", b"Line one.\nA\x00B\n"),
    Case("windows-1252", ERROR, ":2: byte 0x93 at byte 6 is not valid UTF-8", "Title\n\u201cQuoted\u201d \u2013 caf\u00e9\n".encode("cp1252")),
    Case("latin-1", ERROR, ":1: byte 0xD8 at byte 0 is not valid UTF-8", "\u00d8rsted caf\u00e9\n".encode("latin-1")),
    Case("invalid-utf8", ERROR, ":1: byte 0xC3 at byte 3 is not valid UTF-8", b"ok \xc3\x28 broken\n"),
    Case("utf16-truncated", ERROR, "is not valid UTF-16 LE with BOM", codecs.BOM_UTF16_LE + "Title\n".encode("utf-16-le") + b"\x00\xd8"),
    Case("duplicate", ERROR, "this seed has the same bytes as", files={"duplicate-a.txt": PLAIN, "duplicate-b.txt": PLAIN}),
    Case("case-only", ERROR, "both get the page seeds/report/", files={"Report.txt": _seed("One\nText one.\n"), "report.txt": _seed("Two\nText two.\n")}),
    # --- originals that cannot be read (PDF, Word, web page, e-mail) --------------------------------
    Case("pdf-encrypted", ERROR, "the PDF is encrypted with a password", files={"pdf-encrypted.pdf": _encrypted_pdf()}),
    Case("pdf-malformed", ERROR, "the PDF cannot be read", files={"pdf-malformed.pdf": b"%PDF-1.4\n1 0 obj << /Type /Catalog /Pages 9 0 R\ntrailer <<"}),
    Case("pdf-truncated", ERROR, "the PDF cannot be read", files={"pdf-truncated.pdf": tiny_pdf([["Cut short."]])[:200]}),
    Case("docx-zip-bomb", ERROR, "(a zip bomb?)", files={"docx-zip-bomb.docx": _zip({"[Content_Types].xml": b"<Types/>", "word/document.xml": b"\0" * 4 * 2**20})}),
    Case("docx-not-a-zip", ERROR, "the file is not a Word document", files={"docx-not-a-zip.docx": b"PK\x03\x04 this is no zip"}),
    Case("docx-no-document", ERROR, "the Word document cannot be read", files={"docx-no-document.docx": _zip({"[Content_Types].xml": b"<Types/>"})}),
    Case("html-no-text", ERROR, "has no text that trafilatura", files={"html-no-text.html": b"<html><body><script>alert('PWN')</script></body></html>"}),
    # --- sidecars that cannot be read -------------------------------------------------------------
    Case("yaml-python-tag", ERROR, ".yml:1: ", PLAIN, files={"yaml-python-tag.yml": b"title: !!python/object/apply:os.system ['echo PWN > pwned.txt']\n"}),
    Case("yaml-alias-bomb", ERROR, ".yml:2: ", PLAIN, files={"yaml-alias-bomb.yml": BILLION_LAUGHS.encode()}),
    Case("yaml-syntax", ERROR, ".yml:2: ", PLAIN, files={"yaml-syntax.yml": b"title: ok\noutlet: [unclosed\n"}),
    Case("yaml-wrong-type", ERROR, ".yml:1: `tags` must be of type array", PLAIN, files={"yaml-wrong-type.yml": b"tags: yes\n"}),
    Case("yaml-impossible-date", ERROR, ".yml:1: date '2022-02-30' does not exist", PLAIN, files={"yaml-impossible-date.yml": b"date: 2022-02-30\n"}),
    Case("yaml-duplicate-key", ERROR, ".yml:2: ", PLAIN, files={"yaml-duplicate-key.yml": b"title: one\ntitle: two\n"}),
    Case("yaml-slug-dotdot", ERROR, ".yml:1: slug '../../etc' is not a safe path segment", PLAIN, files={"yaml-slug-dotdot.yml": b"slug: ../../etc\n"}),
    Case("yaml-slug-slash", ERROR, ".yml:1: slug 'a/b' is not a safe path segment", PLAIN, files={"yaml-slug-slash.yml": b"slug: a/b\n"}),
    Case("yaml-huge", ERROR, ".yml:1: the sidecar is 300,018 bytes, more than 262,144", PLAIN, files={"yaml-huge.yml": b"note: " + b"x" * 300_000 + b"\nsummary: y\n"}),
    Case("yaml-list-key", ERROR, ".yml:2: a key must be text, not a list", PLAIN, files={"yaml-list-key.yml": b"title: ok\n? [a, b]\n: x\n"}),
    Case("yaml-mapping-key", ERROR, ".yml:1: a key must be text, not a mapping", PLAIN, files={"yaml-mapping-key.yml": b"? {a: 1}\n: x\n"}),
    Case("yaml-speakers-number", ERROR, ".yml:1: a key must be text, not a number", PLAIN, files={"yaml-speakers-number.yml": b"speakers: {1: Bob}\n"}),
    Case("yaml-slug-newline", ERROR, ".yml:1: slug 'evil\\n' is not a safe path segment", PLAIN, files={"yaml-slug-newline.yml": b'slug: "evil\\n"\n'}),
    Case("yaml-title-newline", ERROR, ".yml:1: `title` holds a line break", PLAIN, files={"yaml-title-newline.yml": b'title: "Line one\\n| PWN | table |"\n'}),
    Case("yaml-outlet-control", ERROR, ".yml:1: `outlet` holds the control character U+001B", PLAIN, files={"yaml-outlet-control.yml": b'outlet: "Red \\e[31m outlet"\n'}),
    Case("yaml-speaker-newline", ERROR, ".yml:2: `speakers.interviewee` holds a line break", PLAIN, files={"yaml-speaker-newline.yml": b'speakers:\n  interviewee: "Bob\\nPWN"\n'}),
    Case("yaml-url-newline", ERROR, ".yml:1: `source_url`", PLAIN, files={"yaml-url-newline.yml": b'source_url: "https://example.org/\\n"\n'}),
    Case("yaml-note-control", ERROR, ".yml:1: `note` holds the control character U+0007", PLAIN, files={"yaml-note-control.yml": b'note: "bell \\a here"\n'}),
    Case("yaml-orphan", ERROR, ".yml:1: this sidecar has no seed yaml-orphan.txt", files={"yaml-orphan.yml": b"title: x\n", "some-seed.txt": PLAIN}),
    # --- text that renders, shown literally ------------------------------------------------------
    Case("html-scripts", RENDERS, "The coastal road reopened on Friday", files={"html-scripts.html": HOSTILE_PAGE}),
    Case("pdf-scanned", RENDERS, "no text layer", files={"pdf-scanned.pdf": tiny_pdf([[], []])}),
    Case("eml-html-only", RENDERS, "Second paragraph.", files={"eml-html-only.eml": b"From: a@example.org\r\nSubject: Hi\r\nContent-Type: text/html\r\n\r\n"
                                                                b"<script>alert('PWN')</script><p>First paragraph.</p><img src='https://PWN.example/p.gif'><p>Second paragraph.</p>"}),
    Case("utf8-bom", RENDERS, "Title with a byte-order mark", codecs.BOM_UTF8 + _seed("Title with a byte-order mark\nText.\n")),
    Case("utf16-bom", RENDERS, "UTF-16 LE with BOM", codecs.BOM_UTF16_LE + "Notepad title\r\nSaved as \u201cUnicode\u201d.\r\n".encode("utf-16-le")),
    Case("crlf", RENDERS, "Second line.", b"Windows title\r\nFirst line.\r\nSecond line.\r\n"),
    Case("lone-cr", RENDERS, "Second line.", b"Old Mac title\rFirst line.\rSecond line.\r"),
    Case("mixed-newlines", RENDERS, "Third.", b"Mixed title\r\nFirst.\nSecond.\rThird.\n"),
    Case("control-characters", RENDERS, "\u241b[31mRED\u241b[0m rings \u2407 here", _seed("Terminal paste\n\x1b[31mRED\x1b[0m rings \x07 here\x7f\n")),
    Case("bidi-title", RENDERS, "Invoice\u27e8U+202E\u27e9fdp.exe", _seed("Invoice\u202efdp.exe\nZero\u200bwidth and \u2066isolated\u2069 text.\n")),
    Case("name with spaces", RENDERS, "A seed whose file name has spaces", _seed("A seed whose file name has spaces\nText.\n")),
    Case("تقرير", RENDERS, "تقرير قصير", _seed("تقرير قصير\nنص عربي.\n")),
    Case("report\u202etxt.exe", RENDERS, "report\u27e8U+202E\u27e9txt.exe.txt", _seed("Spoofed name\nThe file name holds a right-to-left override.\n")),
    Case("x" * 200, RENDERS, "x" * 150, _seed("L" * 5000 + "\nA title of five thousand characters is no title.\n")),
    Case("html-and-script", RENDERS, '<script>window.__pwned="PWN-script"</script>', _seed(
        "HTML in a seed\n"
        '<script>window.__pwned="PWN-script"</script>\n'
        '<img src="PWN.png" onerror="window.__pwned=\'PWN-img\'">\n'
        '<a href="javascript:window.__pwned=\'PWN-link\'">click</a> <iframe src="PWN-frame.html"></iframe>\n'
        "<style>body{display:none} /* PWN-style */</style><svg onload=\"window.__pwned='PWN-svg'\"></svg>\n"
        '<div id="PWN-div" class="md-header">x</div><PWN-tag>custom</PWN-tag><!-- PWN-comment -->\n'
    )),
    Case("html-entities", RENDERS, "&lt;script&gt;alert(PWN)&lt;/script&gt; &amp;amp; &#60;b&#62;", _seed(
        "Entities\n&lt;script&gt;alert(PWN)&lt;/script&gt; &amp;amp; &#60;b&#62;\n"
    )),
    Case("markdown", RENDERS, "[a link](javascript:PWN)", _seed(
        "# Not a heading\n## Nor this\n- not a list\n1. nor this\n| a | table |\n|---|---|\n| PWN | x |\n"
        "```\nnot code\n```\n    indented\n[a link](javascript:PWN) ![image](PWN.png) <https://PWN.example/>\n"
        "Footnote[^PWN]\n[^PWN]: PWN note\n*emphasis* __strong__ `code` ~~strike~~ ***\n> not a quote\nTitle\n=====\n"
    )),
    Case("material-and-pymdown", RENDERS, '--8<-- "snippet-secret.txt"', _seed(
        'Material syntax\n!!! danger "PWN admonition"\n    body\n??? note "PWN details"\n{: #PWN-id .PWN-class }\n'
        'A paragraph {: #PWN-attr onclick="PWN" }\n--8<-- "snippet-secret.txt"\n;--8<-- "../snippet-secret.txt"\n'
        "==PWN mark== ^^PWN^^ ~~PWN~~ :smile: :material-alert: ++ctrl+alt+del++ [TOC]\n*[PWN]: abbreviation\n"
        '=== "PWN tab"\n    tab body\n'
    )),
    Case("jinja", RENDERS, "{{ config.site_name }} {% include 'main.html' %}", _seed(
        "Template syntax\n{{ config.site_name }} {% include 'main.html' %} {# PWN #} {{ '<script>PWN</script>' | safe }}\n"
    )),
    Case("front-matter", RENDERS, "template: redirect.html", _seed(
        "---\ntitle: PWN front matter\ntemplate: redirect.html\nhide: [navigation]\n---\nThe text after front matter.\n"
    )),
    Case("front-matter-yaml-tags", RENDERS, "onerror=", _seed(
        "---\ntitle: Tags that are markup\ntags: ['<img src=x onerror=\"window.__pwned=1;alert(1)\">', '<script>alert(2)</script>', budget]\n"
        "keywords: ['<svg onload=alert(3)>']\n---\n\nThe text after front matter.\n"
    )),
    Case("front-matter-toml-tags", RENDERS, "<svg onload=", _seed(
        "+++\ntitle = 'TOML tags that are markup'\ntags = ['<svg onload=\"window.__pwned=1;alert(4)\">', 'x\\\" onmouseover=alert(5) y']\n+++\n\nThe text.\n"
    )),
    Case("front-matter-sidecar", RENDERS, "Curated PWN <b>title</b>", PLAIN, files={"front-matter-sidecar.yml": _seed(
        "title: 'Curated PWN <b>title</b>'\nsummary: '<script>window.__pwned=\"PWN-summary\"</script>'\n"
        "note: |\n  A curator's note may use Markdown: **bold** and a [link](https://example.org/)\n"
    )}),
    Case("note-html", RENDERS, '<script>window.__pwned="PWN-note"</script>', _seed("A seed with a note\nIts text has six paragraphs.\nTwo.\nThree.\nFour.\nFive.\n"), files={"note-html.yml": _seed(
        "note: |\n"
        "  Markdown stays: **bold** and [a link](https://example.org/).\n\n"
        "  <script>window.__pwned=\"PWN-note\"</script>\n"
        "  <iframe src=\"https://PWN.example/\"></iframe> <a id=\"p3\" name=\"q8\">PWN-anchor</a>\n\n"
        "  [js](javascript:window.__pwned='PWN-js') [data](data:text/html,PWN) [proto](//PWN.example/) ![img](https://example.org/i.png)\n\n"
        "  # A heading {: #p1 .PWN-class }\n\n"
        "  {{ config.site_name }} --8<-- \"snippet-secret.txt\"\n"
    )}),
    Case("summary-newlines", RENDERS, "First line of the summary, then the second.", _seed("A seed with a summary\nIts text.\n"), files={"summary-newlines.yml": _seed(
        "summary: |\n  First line of the summary,\n  then the second.\n\n  | PWN | table |\n"
    )}),
    Case("name with\nnewline", RENDERS, "A seed whose file name holds a line break", _seed("A seed whose file name holds a line break\nText.\n")),
    Case("question-zero", RENDERS, "Where does it start?", _seed(
        "An interview\n0- Where does it start?\nAt zero.\n1- And then?\nAt one.\n2- Finally?\nAt two.\n"
    )),
    # --- size ---------------------------------------------------------------------------------------
    Case("five-megabyte-line", RENDERS, "word0 word1 word2", _seed("Huge line\n" + " ".join(f"word{i % 1000}" for i in range(750_000)) + "\n"), big=True),
    Case("twenty-thousand-paragraphs", RENDERS, "Paragraph 19999 of the seed.", _seed("Many paragraphs\n" + "".join(f"Paragraph {i} of the seed.\n" for i in range(1, 20_000))), big=True),
]

ERROR_CASES = [c for c in CASES if c.outcome == ERROR]
RENDER_CASES = [c for c in CASES if c.outcome == RENDERS and not c.big]
BIG_CASES = [c for c in CASES if c.big]


# --- the project's other files: each case damages a project whose seeds/ holds one plain seed ----

SEED_SHA256 = "b" * 64  # replaced by the real seed's sha256 where a case needs it


def _symlink(target: str, name: str) -> Callable[[Path], None]:
    return lambda root: os.symlink(target, root / name)


def _fifo(name: str) -> Callable[[Path], None]:
    return lambda root: os.mkfifo(root / name)


def _folder(name: str, inside: str = "") -> Callable[[Path], None]:
    def make(root: Path) -> None:
        (root / name).mkdir()
        if inside:
            (root / name / inside).write_bytes(PLAIN)
    return make


def _file(name: str, data: bytes) -> Callable[[Path], None]:
    return lambda root: (root / name).write_bytes(data)


def _lock_line(tail: str) -> Callable[[Path], None]:
    """A permalinks.lock with one line: the plain seed's sha256 and `tail` ("{sha}" stands for it)."""
    import hashlib

    sha = hashlib.sha256(PLAIN).hexdigest()
    return lambda root: (root / "permalinks.lock").write_text("# lock\n" + tail.replace("{sha}", sha) + "\n")


@dataclass(frozen=True)
class ProjectCase:
    name: str
    path: str  # the file the one-line error names, relative to the project
    detail: str  # part of that line
    setup: Callable[[Path], None]


PROJECT_CASES: list[ProjectCase] = [
    ProjectCase("seed-symlink-to-etc-passwd", "seeds/passwd.txt", "is a symbolic link", _symlink("/etc/passwd", "seeds/passwd.txt")),
    ProjectCase("seed-symlink-dangling", "seeds/gone.txt", "is a symbolic link", _symlink("/nonexistent/gone", "seeds/gone.txt")),
    ProjectCase("seed-fifo", "seeds/pipe.txt", "is a named pipe (FIFO)", _fifo("seeds/pipe.txt")),
    ProjectCase("seed-folder-named-txt", "seeds/x.txt", "is a folder", _folder("seeds/x.txt")),
    ProjectCase("seed-subfolder", "seeds/more", "is a folder", _folder("seeds/more", "b.txt")),
    ProjectCase("seeds-folder-symlink", "seeds", "not a folder (or is a symbolic link)", lambda root: (shutil.rmtree(root / "seeds"), os.symlink("/etc", root / "seeds"))),
    ProjectCase("sidecar-symlink", "seeds/plain.yml", "is a symbolic link", _symlink("/etc/hostname", "seeds/plain.yml")),
    ProjectCase("sidecar-fifo", "seeds/plain.yml", "is a named pipe (FIFO)", _fifo("seeds/plain.yml")),
    ProjectCase("glossary-symlink", "glossary.yml", "is a symbolic link", _symlink("/etc/passwd", "glossary.yml")),
    ProjectCase("glossary-folder", "glossary.yml", "is a folder", _folder("glossary.yml")),
    ProjectCase("glossary-fifo", "glossary.yml", "is a named pipe (FIFO)", _fifo("glossary.yml")),
    ProjectCase("glossary-empty", "glossary.yml", ":1: the glossary is empty", _file("glossary.yml", b"")),
    ProjectCase("glossary-comments-only", "glossary.yml", ":1: the glossary is empty", _file("glossary.yml", b"# nothing yet\n# really\n")),
    ProjectCase("glossary-list-key", "glossary.yml", ":2: a key must be text, not a list", _file("glossary.yml", b"entities: []\n? [a]\n: b\n")),
    ProjectCase("glossary-id-newline", "glossary.yml", ":2: id 'evil\\n' is not a safe path segment", _file("glossary.yml", b'entities:\n  - id: "evil\\n"\n    name: Evil\n    kind: person\n    description: x\n')),
    ProjectCase("glossary-name-newline", "glossary.yml", ":3: `entities.0.name` holds a line break", _file("glossary.yml", b'entities:\n  - id: evil\n    name: "Evil\\n| PWN |"\n    kind: person\n    description: x\n')),
    ProjectCase("glossary-not-utf8", "glossary.yml", ":2: byte ", _file("glossary.yml", b"entities: []\n# caf\xe9\n")),
    ProjectCase("lock-folder", "permalinks.lock", "is a folder", _folder("permalinks.lock")),
    ProjectCase("lock-fifo", "permalinks.lock", "is a named pipe (FIFO)", _fifo("permalinks.lock")),
    ProjectCase("lock-symlink", "permalinks.lock", "is a symbolic link", _symlink("/etc/passwd", "permalinks.lock")),
    ProjectCase("lock-not-utf8", "permalinks.lock", ":2: byte 0xFF at byte ", _file("permalinks.lock", b"# lock\n\xff\n")),
    ProjectCase("lock-dot-dot-page", "permalinks.lock", ":2: '..' is not a slug a seed page can have", _lock_line("seeds/../ sha256:{sha} p1")),
    ProjectCase("lock-dot-page", "permalinks.lock", ":2: '.' is not a slug", _lock_line("seeds/./ sha256:{sha} p1")),
    ProjectCase("lock-p0", "permalinks.lock", ":2: `p0` is not an anchor the site makes", _lock_line("seeds/plain/ sha256:{sha} p0")),
    ProjectCase("lock-leading-zero", "permalinks.lock", ":2: `q01` is not an anchor", _lock_line("seeds/plain/ sha256:{sha} p1 q01")),
    ProjectCase("lock-trailing-space", "permalinks.lock", ":2: this line is not", _lock_line("seeds/plain/ sha256:{sha} p1 ")),
    ProjectCase("lock-no-page-folder", "permalinks.lock", ":2: this line is not", _lock_line("seeds/plain sha256:{sha} p1")),
]
