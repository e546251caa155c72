"""The page's "Cite this source" box, the site's bibliography files and `seedwiki cite --all`."""

from __future__ import annotations

import json
import urllib.parse

import pytest
from bs4 import BeautifulSoup

from .conftest import ROOT, make_project, mkdocs_build
from .test_browser_cite import DESKTOP, PHONE, SEED_001, _shot
from .test_cli import _seedwiki

HOSTILE_TITLE = 'Evil <script>alert(1)</script> {{ config }} [x](javascript:1) }@misc{y, & %\nTY  - JOUR'


def test_cite_all_is_the_sites_bibliography_in_each_format(real_site):
    from pybtex.database import parse_string

    site_url = json.loads((real_site.site_dir / "links.json").read_text())["site_url"]
    for name, fmt in (("citations.bib", "bibtex"), ("citations.ris", "ris"), ("citations.json", "csl-json")):
        printed = _seedwiki(ROOT, "cite", "--all", "--format", fmt, "--base-url", site_url)
        assert printed.returncode == 0, printed.stderr
        assert (real_site.site_dir / name).read_text(encoding="utf-8") == printed.stdout
    assert sorted(parse_string((real_site.site_dir / "citations.bib").read_text(), "bibtex").entries) == ["000_dfaa4f2b2677d4d0", "001_daa0dd757af5786e"]
    assert [i["type"] for i in json.loads((real_site.site_dir / "citations.json").read_text())] == ["article-newspaper", "interview"]


@pytest.mark.parametrize("args", [("--all",), ("--all", "--format", "text"), ("--all", "001_daa0dd757af5786e", "--format", "ris")])
def test_cite_all_is_refused_with_a_place_or_a_text_format(args):
    result = _seedwiki(ROOT, "cite", *args)
    assert result.returncode == 2 and "--all: " in result.stderr and "Traceback" not in result.stderr


@pytest.fixture(scope="module")
def hostile_root(tmp_path_factory):
    root = make_project(tmp_path_factory.mktemp("hostile") / "p", {"a.txt": b"Alpha\nOne.\n", "a.yml": ("title: " + json.dumps(HOSTILE_TITLE.replace("\n", " ")) + "\nkind: news article\noutlet: \"<b>Out</b> & {% raw %}\"\n").encode()})
    assert mkdocs_build(root).returncode == 0
    return root


@pytest.mark.parametrize("fmt", ["text", "markdown", "html", "bibtex", "ris", "csl-json", "csl-citation", "pandoc"])
def test_a_hostile_title_stays_data_in_every_citation_format(hostile_root, fmt):
    import rispy
    from markdown_it import MarkdownIt
    from pybtex.database import parse_string

    out = _seedwiki(hostile_root, "cite", "a", "--p", "2", "--format", fmt).stdout
    if fmt == "html":
        soup = BeautifulSoup(out, "html.parser")
        assert soup.find("script") is None and soup.find("b") is None and [a["href"] for a in soup.find_all("a")] == ["http://127.0.0.1:8000/seeds/a/#p2"]
    elif fmt == "markdown":
        html = MarkdownIt("commonmark").render(out)
        assert "<script" not in html and html.count("<a ") == 1
    elif fmt == "bibtex":
        (entry,) = parse_string(out, "bibtex").entries.values()
        assert "javascript" in entry.fields["title"]
    elif fmt == "ris":
        (record,) = rispy.loads(out)
        assert record["type_of_reference"] == "NEWS" and "JOUR" in record["title"]
    elif fmt.startswith("csl"):
        assert "<script>" in json.dumps(json.loads(out), ensure_ascii=False)  # data, as written
    assert out.count("\n") <= 60


def test_a_hostile_title_is_text_in_the_cite_box(hostile_root):
    soup = BeautifulSoup((hostile_root / "site" / "seeds" / "a" / "index.html").read_text(), "html.parser")
    box = soup.select_one("article .sw-cite-box")
    assert box.find("script") is None and box.find("b") is None
    assert not [a for a in box.find_all("a") if a.get("href", "").startswith("javascript")]
    assert "<script>alert(1)</script>" in box.select_one(".sw-cite-style .sw-cite-text").get_text()
    assert "{{ config }}" in box.get_text()  # not run as a template


@pytest.mark.parametrize("browser_page", [DESKTOP, PHONE], indirect=True, ids=["desktop", "phone"])
def test_the_cite_box_gives_two_styles_to_copy_and_three_files(browser_page, real_site_url, request):
    from pybtex.database import parse_string

    page = browser_page.page
    page.goto(real_site_url + SEED_001)
    box = page.locator("article .sw-cite-box")
    box.locator("summary").click()
    apa = box.locator(".sw-cite-style[data-style='APA'] .sw-cite-text").inner_text()
    assert apa == f"ISIS escape attempt does not pose a threat to Iraq, Coaltion says. (2022, January 23). Shafaq News. {real_site_url}{SEED_001}"
    button = box.get_by_role("button", name="Copy the APA reference")
    button.click()
    page.wait_for_function("document.querySelector('.sw-cite-copy').classList.contains('sw-copied')")
    assert page.evaluate("navigator.clipboard.readText()") == apa
    assert button.evaluate("b => getComputedStyle(b, '::after').content") == '"Copied"'
    assert page.locator(".sw-status").is_visible() and page.locator(".sw-status").inner_text() == "Copied the APA reference"
    device = request.node.callspec.id.split("-")[0]
    _shot(page, f"cite-box-{device}")
    files = {}
    for link in box.locator("a.sw-cite-download").all():
        href = link.get_attribute("href")
        assert href.startswith("data:") and link.get_attribute("download").startswith("001_daa0dd757af5786e.")
        files[link.inner_text()] = urllib.parse.unquote(href.split(",", 1)[1])
    assert list(files) == ["BibTeX", "RIS", "CSL-JSON"]
    assert parse_string(files["BibTeX"], "bibtex").entries["001_daa0dd757af5786e"].fields["url"] == real_site_url + SEED_001
    assert json.loads(files["CSL-JSON"])[0]["URL"] == real_site_url + SEED_001
    assert f"UR  - {real_site_url}{SEED_001}" in files["RIS"]
