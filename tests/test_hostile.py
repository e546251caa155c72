"""The hostile corpus (tests/hostile): every input is a clear error or a literal, inert rendering."""

from __future__ import annotations

import os
import re
from urllib.parse import unquote

import pytest
from bs4 import BeautifulSoup

from seedwiki.build import Project, load_corpus
from seedwiki.check import table_links
from seedwiki.link import slugify
from seedwiki.link.permalinks import check_lock, read_lock, update_lock
from seedwiki.link.targets import PART_CHARS
from seedwiki.render.seed import SOURCE_INLINE
from seedwiki.write import GENERATED_ROOTS

from .conftest import Site, build_site, make_project, mkdocs_build, serve_directory
from .hostile import BIG_CASES, ERROR_CASES, MARKER, PLAIN, PROJECT_CASES, RENDER_CASES, SNIPPET_SECRET
from .test_cli import _seedwiki

REPORT = re.compile(r"^(?P<path>/\S.*?)(?::(?P<line>\d+))?: (?P<what>.+); (?P<todo>.+)$")


def _ids(cases):
    return [c.name[:30] for c in cases]


@pytest.mark.parametrize("case", ERROR_CASES, ids=_ids(ERROR_CASES))
def test_bad_input_stops_the_build_with_one_clear_line_and_writes_nothing(tmp_path, case):
    (tmp_path / "seeds").mkdir()
    for name, data in case.seed_files.items():
        (tmp_path / "seeds" / name).write_bytes(data)
    result = _seedwiki(tmp_path, "build")
    assert result.returncode == 1, result.stdout
    assert "Traceback" not in result.stderr and result.stdout == ""
    (line,) = result.stderr.splitlines()
    assert REPORT.match(line), line
    assert case.detail in line, line
    assert str(tmp_path / "seeds") in line
    assert not (tmp_path / "docs").exists()
    assert not list(tmp_path.rglob("pwned*"))


@pytest.mark.parametrize("case", PROJECT_CASES, ids=[c.name for c in PROJECT_CASES])
def test_unsafe_project_files_stop_the_build_with_one_clear_line_and_publish_nothing(tmp_path, case):
    (tmp_path / "seeds").mkdir()
    (tmp_path / "seeds" / "plain.txt").write_bytes(PLAIN)
    case.setup(tmp_path)
    result = _seedwiki(tmp_path, "build")
    assert result.returncode == 1, result.stdout
    assert "Traceback" not in result.stderr and result.stdout == ""
    (line,) = result.stderr.splitlines()
    assert REPORT.match(line), line
    assert line.startswith(f"{tmp_path / case.path}:"), line
    assert case.detail in line, line
    assert not (tmp_path / "docs").exists()
    assert "root:x:0:0" not in result.stderr


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="Windows has no named pipes in its file system")
@pytest.mark.parametrize("command", [("build",), ("lock",), ("inspect", "seeds/pipe.txt")])
def test_a_fifo_among_the_seeds_is_refused_without_waiting_for_a_writer(tmp_path, command):
    (tmp_path / "seeds").mkdir()
    os.mkfifo(tmp_path / "seeds" / "pipe.txt")
    args = [str(tmp_path / a) if a.startswith("seeds/") else a for a in command]
    result = _seedwiki(tmp_path, *args)  # a blocking open would hang here
    assert result.returncode == 1
    assert "is a named pipe (FIFO)" in result.stderr and "Traceback" not in result.stderr


def test_a_regular_file_that_is_no_seed_is_named_as_not_published(tmp_path):
    (tmp_path / "seeds").mkdir()
    (tmp_path / "seeds" / "plain.txt").write_bytes(PLAIN)
    (tmp_path / "seeds" / "notes.rst").write_text("mine")
    result = _seedwiki(tmp_path, "build")
    assert result.returncode == 0, result.stderr
    assert "seedwiki: 1 file in seeds/ is not published: notes.rst (notes stay unpublished; a source to publish is a .txt or .md file)\n" in result.stdout


def test_a_question_numbered_zero_is_locked_and_the_build_accepts_the_lock(tmp_path):
    case = next(c for c in RENDER_CASES if c.name == "question-zero")
    (tmp_path / "seeds").mkdir()
    (tmp_path / "seeds" / "question-zero.txt").write_bytes(case.data)
    project = Project(tmp_path)
    update_lock(project.lock_path, load_corpus(project))
    (entry,) = read_lock(project.lock_path)
    assert {"q0", "q1", "q2"} <= set(entry.anchors)
    assert check_lock(project.lock_path, load_corpus(project)) == {}
    assert _seedwiki(tmp_path, "build").returncode == 0


@pytest.fixture(scope="module")
def hostile_site(tmp_path_factory):
    seeds = {name: data for case in RENDER_CASES for name, data in case.seed_files.items()}
    root = make_project(tmp_path_factory.mktemp("hostile"), seeds)
    (root / "snippet-secret.txt").write_text(SNIPPET_SECRET)
    result = mkdocs_build(root)
    assert result.returncode == 0, result.stderr
    return Site(root)


def _page(site, case) -> BeautifulSoup:
    return BeautifulSoup(site.html(f"seeds/{slugify(case.name)}"), "html.parser")


@pytest.mark.parametrize("case", RENDER_CASES, ids=_ids(RENDER_CASES))
def test_hostile_text_is_shown_literally(hostile_site, case):
    article = _page(hostile_site, case).select_one("article")
    assert case.detail in article.get_text(), article.get_text()[:2000]
    folder = hostile_site.site_dir / "seeds" / slugify(case.name)
    if case.data is not None:
        assert (folder / "source.txt").read_bytes() == case.data
    else:  # an original (a PDF, a web page…): published byte for byte beside its extracted text
        (original,) = folder.glob("original.*")
        assert original.read_bytes() == next(iter(case.files.values()))


def test_the_curators_note_is_markdown_without_html_scripts_foreign_links_or_anchor_ids(hostile_site):
    case = next(c for c in RENDER_CASES if c.name == "note-html")
    soup = _page(hostile_site, case)
    note = soup.select_one("article .sw-note")
    assert note is not None
    assert note.select_one("strong").get_text() == "bold"
    assert [a["href"] for a in note.select("a")] == ["https://example.org/", "https://example.org/i.png"]
    text = note.get_text()
    assert '<iframe src="https://PWN.example/"></iframe>' in text and "[js](javascript:window.__pwned='PWN-js')" in text
    assert "[proto](//PWN.example/)" in text and "{: #p1 .PWN-class }" in text and '--8<-- "snippet-secret.txt"' in text
    assert note.select("[id], [name], script, iframe, img") == []
    assert len(soup.select("#p3")) == 1 and soup.select_one("#p3").name == "p"
    assert len(soup.select("#p1")) == 1


def test_the_catalogue_links_every_seed_from_a_table_row_even_with_line_breaks_in_names(hostile_site):
    html = (hostile_site.site_dir / "catalogue" / "index.html").read_text(encoding="utf-8")
    linked = {unquote(href).removeprefix("../").removesuffix("index.html") for href in table_links(html)}
    slugs = {slugify(c.name) for c in RENDER_CASES}
    assert {f"seeds/{slug}/" for slug in slugs} <= linked
    soup = BeautifulSoup(html, "html.parser")
    assert "name with\u240anewline.txt" in soup.select_one("article table").get_text()
    assert "| PWN | table |" not in soup.select_one("article").get_text()


def _html_pages(site):
    return sorted(site.site_dir.rglob("*.html"))


# Where seed or curated text may appear inside an attribute, as plain text (an HTML parser reads back
# the literal characters): the footer's link labels, citation meta tags and the citation data the
# copy button reads.
ATTRIBUTES_WITH_TEXT = {("a", "aria-label"), ("meta", "content"), ("div", "data-cite")}


def test_no_element_attribute_id_url_or_include_comes_from_seed_text(hostile_site):
    injected, checked = [], 0
    for path in _html_pages(hostile_site):
        soup = BeautifulSoup(path.read_text(encoding="utf-8"), "html.parser")
        for element in soup.find_all(True):
            checked += 1
            where = f"{path.relative_to(hostile_site.site_dir)}: <{element.name}>"
            if MARKER.lower() in element.name.lower():
                injected.append(f"{where} element from seed text")
            for name, value in element.attrs.items():
                value = " ".join(value) if isinstance(value, list) else value
                if name.lower().startswith("on"):
                    injected.append(f"{where} event handler {name}")
                if MARKER.lower() in name.lower():
                    injected.append(f"{where} attribute {name}")
                if MARKER in value and (element.name, name) not in ATTRIBUTES_WITH_TEXT:
                    injected.append(f"{where} {name}={value[:80]!r}")
                if name in ("href", "src", "action", "formaction") and value.strip().lower().startswith(("javascript:", "vbscript:", "data:text/html")):
                    injected.append(f"{where} {name} scheme {value[:40]!r}")
            if element.name in ("script", "style") and MARKER in element.get_text():
                injected.append(f"{where} content from seed text")
    assert injected == [], '\n'.join(injected)
    assert checked > 1000


def test_no_file_is_included_and_no_template_is_evaluated(hostile_site):
    for path in hostile_site.site_dir.rglob("*"):
        if path.is_file():
            assert SNIPPET_SECRET.encode() not in path.read_bytes(), path
    jinja = _page(hostile_site, next(c for c in RENDER_CASES if c.name == "jinja")).select_one("article").get_text()
    assert "{{ config.site_name }}" in jinja and "{# PWN #}" in jinja


def test_a_build_writes_only_generated_folders_and_the_site(tmp_path):
    seeds = {name: data for case in RENDER_CASES[:12] for name, data in case.seed_files.items()}
    root = make_project(tmp_path / "p", seeds)
    before = {p: p.read_bytes() for p in root.rglob("*") if p.is_file()}
    assert mkdocs_build(root).returncode == 0
    after = {p for p in root.rglob("*") if p.is_file()}
    allowed = ("site", *(f"docs/{root}" for root in GENERATED_ROOTS), "docs/.seedwiki-manifest.json", ".seedwiki-cache/")
    new = sorted(str(p.relative_to(root)) for p in after - before.keys() if not str(p.relative_to(root)).startswith(allowed))
    assert new == []
    assert all(p.read_bytes() == data for p, data in before.items())  # nothing hand-written changed


def test_loading_the_hostile_pages_opens_no_dialog_and_runs_no_script(hostile_site, browser_page):
    page, dialogs = browser_page.page, []
    page.on("dialog", lambda d: (dialogs.append(d.message), d.dismiss()))
    with serve_directory(hostile_site.site_dir) as url:
        for case in RENDER_CASES:
            page.goto(f"{url}seeds/{slugify(case.name)}/")
            page.wait_for_load_state("load")
            assert page.evaluate("typeof window.__pwned") == "undefined", case.name
            assert page.locator("article .sw-p").count() + page.locator("article h1").count() > 0
        # every other page type: the lists that show seeds' titles, tags, quotations and dates
        others = sorted({p.parent.relative_to(hostile_site.site_dir).as_posix() for p in hostile_site.site_dir.glob("*/**/index.html")
                         if p.parent.parent == hostile_site.site_dir or p.parts[-3] in ("entities", "quotes", "timeline", "catalogue")})
        assert {"tags", "catalogue", "entities", "quotes", "timeline"} <= set(others)
        for other in others:
            page.goto(f"{url}{other}/")
            page.wait_for_load_state("load")
            assert page.evaluate("typeof window.__pwned") == "undefined", other
        page.goto("about:blank")
    assert dialogs == []


@pytest.fixture(scope="module")
def big_site(tmp_path_factory):
    seeds = {name: data for case in BIG_CASES for name, data in case.seed_files.items()}
    return build_site(tmp_path_factory.mktemp("big"), seeds)


@pytest.mark.parametrize("case", BIG_CASES, ids=_ids(BIG_CASES))
def test_huge_seeds_render_whole(big_site, case):
    html = big_site.html(f"seeds/{slugify(case.name)}")
    soup = BeautifulSoup(html, "html.parser")
    # a text over PART_CHARS is shown over its seed's page and its parts (link.targets.seed_parts)
    parts = sorted(big_site.site_dir.glob(f"seeds/{slugify(case.name)}/part-*/index.html"), key=lambda p: int(p.parent.name[5:]))
    shown = [soup] + [BeautifulSoup(p.read_text(encoding="utf-8"), "html.parser") for p in parts]
    assert not parts or len(case.data.decode()) > PART_CHARS
    assert case.detail in "".join(page.select_one("article").get_text() for page in shown)
    source = soup.select_one("pre.sw-source-text")
    if len(case.data.decode()) > SOURCE_INLINE:  # a long source is linked (source.txt, its bytes), not copied a second time
        assert source is None and soup.select_one("article p.sw-source a[href='source.txt']") is not None
    else:
        assert source.get_text() == case.data.decode()
    ids = [el["id"] for page in shown for el in page.select("article .sw-p[id]")]
    assert ids[-1] == f"p{len(case.data.decode().splitlines())}"
