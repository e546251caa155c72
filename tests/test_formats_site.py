"""A wiki of every format: real .txt, .html, .pdf, .docx, .eml and .md sources (and a scanned PDF)
built into one site, in which each has its page, its original, its citations (with page numbers
for PDFs) and its search entries; check-review accepts a PDF's page links and quotations."""

from __future__ import annotations

import hashlib
import json
from pathlib import Path

import pytest
from bs4 import BeautifulSoup

from .conftest import ROOT, Site, build_site
from .pdfs import tiny_pdf
from .test_cli import _seedwiki

pytestmark = pytest.mark.site

REAL = Path(__file__).parent / "real" / "formats"
FILES = {
    "siege-of-vicksburg.pdf": (REAL / "siege-of-vicksburg.pdf").read_bytes(),
    "fivethirtyeight-manchin.html": (REAL / "fivethirtyeight-manchin.html").read_bytes(),
    "reca-trust-fund-budget.docx": (REAL / "reca-trust-fund-budget.docx").read_bytes(),
    "word-hyperlinks.docx": (REAL / "word-hyperlinks.docx").read_bytes(),
    "ihc-preparedness-review.docx": (REAL / "ihc-preparedness-review.docx").read_bytes(),
    "jira-tika-461.eml": (REAL / "jira-tika-461.eml").read_bytes(),
    "rfc6376-dinner.eml": (REAL / "rfc6376-dinner.eml").read_bytes(),
    "tika-incremental-updates.eml": (REAL / "tika-incremental-updates.eml").read_bytes(),
    "notes.md": b"# Notes\n\nSome *emphasis* and <script>alert('PWN')</script> as written.\n",
    "scan.pdf": tiny_pdf([[], []]),
    "000_dfaa4f2b2677d4d0.txt": (ROOT / "seeds" / "000_dfaa4f2b2677d4d0.txt").read_bytes(),
}


@pytest.fixture(scope="module")
def site(tmp_path_factory) -> Site:
    return build_site(tmp_path_factory.mktemp("formats"), FILES)


def _soup(site: Site, slug: str) -> BeautifulSoup:
    return BeautifulSoup(site.html(f"seeds/{slug}"), "html.parser")


@pytest.mark.parametrize(("name", "slug", "published", "extractor"), [
    ("siege-of-vicksburg.pdf", "siege-of-vicksburg", "original.pdf", "pypdf"),
    ("fivethirtyeight-manchin.html", "fivethirtyeight-manchin", "original.html.txt", "trafilatura"),
    ("reca-trust-fund-budget.docx", "reca-trust-fund-budget", "original.docx", "python-docx"),
    ("jira-tika-461.eml", "jira-tika-461", "original.eml", "email"),
    ("notes.md", "notes", "original.md.txt", "seedwiki"),
])
def test_each_original_is_published_byte_for_byte_with_its_sha256_and_extractor(site, name, slug, published, extractor):
    folder = site.site_dir / "seeds" / slug
    assert (folder / published).read_bytes() == FILES[name]
    soup = _soup(site, slug)
    notice = soup.select_one(".sw-extracted")
    assert notice is not None
    link = notice.select_one("a.sw-original")
    assert link is not None and link["href"] == published and link["download"] == name
    assert hashlib.sha256(FILES[name]).hexdigest() in notice.get_text()
    assert f"extracted from it by {extractor} " in notice.get_text()
    text = (folder / "source.txt").read_text(encoding="utf-8")
    assert text.split("\n\n")[-1].split("\n")[-1] in soup.select_one(".sw-text").get_text()


def test_a_txt_seed_is_published_as_before(site):
    folder = site.site_dir / "seeds" / "000_dfaa4f2b2677d4d0"
    assert (folder / "source.txt").read_bytes() == FILES["000_dfaa4f2b2677d4d0.txt"]
    assert not list(folder.glob("original.*"))
    assert _soup(site, "000_dfaa4f2b2677d4d0").select_one(".sw-extracted") is None


def test_markdown_is_shown_as_text_never_rendered(site):
    article = _soup(site, "notes").select_one(".sw-text")
    assert "Some *emphasis* and <script>alert('PWN')</script> as written." in article.get_text()
    assert article.select("script, em") == []


def test_a_pdfs_pages_are_anchors_and_its_paragraphs_name_their_page(site):
    soup = _soup(site, "siege-of-vicksburg")
    assert [p["id"] for p in soup.select(".sw-page")] == [f"page-{n}" for n in range(1, 7)]
    labels = [p["data-label"] for p in soup.select(".sw-text p.sw-p")]
    assert labels[0].startswith("p. 1, ¶") and labels[-1].startswith("p. 6, ¶")


def test_links_json_lists_the_pages_and_the_labels_with_their_page(site):
    targets = [t for t in json.loads((site.site_dir / "links.json").read_text())["targets"] if t["seed"] == "siege-of-vicksburg"]
    pages = [t for t in targets if t["kind"] == "pdf-page"]
    assert [t["anchor"] for t in pages] == [f"page-{n}" for n in range(1, 7)] and pages[1]["label"] == "p. 2"
    assert all(t["label"].startswith("p. ") for t in targets if t["anchor"].startswith("p") and not t["anchor"].startswith("page-"))


def test_a_scanned_pdf_has_a_page_that_says_so_and_offers_the_original(site):
    soup = _soup(site, "scan")
    notice = soup.select_one(".sw-extracted").get_text()
    assert "no text layer" in notice
    assert soup.select_one("a.sw-original")["href"] == "original.pdf"
    assert [p["id"] for p in soup.select(".sw-page")] == ["page-1", "page-2"]
    rows = {tr.select("td")[0].get_text(): tr.select("td")[1:] for tr in soup.select(".sw-about tr") if tr.select("td")}
    assert [td.get_text() for td in rows["Title"]] == ["scan", "file name: the title is unknown"]


def test_format_metadata_is_shown_with_its_basis(site):
    rows = {tr.select("td")[0].get_text(): tr.select("td")[1:] for tr in _soup(site, "fivethirtyeight-manchin").select(".sw-about tr") if tr.select("td")}
    assert rows["Title stated by the file"][1].get_text() == "JSON-LD: headline"
    assert rows["Date stated by the file"][0].get_text() == "2021-10-25"
    assert rows["Text extracted by"][0].get_text().startswith("trafilatura ")


def test_cite_and_check_review_accept_a_pdf_page_and_paragraph(site, tmp_path):
    cited = _seedwiki(site.root, "cite", "siege-of-vicksburg", "--page", "2", "--format", "pandoc")
    assert cited.returncode == 0 and cited.stdout.strip() == "[@siege-of-vicksburg, p. 2]", cited.stderr
    quote = "Such improvements protect us better from the sun."
    links = json.loads(_seedwiki(site.root, "cite", "siege-of-vicksburg", "--p", "6", "--format", "csl-citation").stdout)
    assert links["citationItems"][0]["label"] == "page"
    url = _seedwiki(site.root, "cite", "siege-of-vicksburg", "--p", "6", "--quote", quote, "--format", "url")
    assert url.returncode == 0, url.stderr
    review = tmp_path / "review.md"
    review.write_text(f"The diarist notes that \"{quote}\" ([p. 1]({url.stdout.strip()})); the next page goes on "
                      f"([p. 2](http://127.0.0.1:8000/seeds/siege-of-vicksburg/#page-2)).\n")
    checked = _seedwiki(site.root, "check-review", str(review), "--site", str(site.site_dir))
    assert checked.returncode == 0, checked.stdout + checked.stderr


# A passage of each format, cited with `seedwiki cite --quote`, lands on its paragraph in chromium.
PASSAGES = {
    "siege-of-vicksburg": "Such improvements protect us better from the sun.",
    "fivethirtyeight-manchin": "just 34 sitting members of Congress have switched parties",
    "reca-trust-fund-budget": "Congress passed the Radiation Exposure Compensation Act",
    "word-hyperlinks": "Three hyperlinks: the first one here",
    "ihc-preparedness-review": "kept on file at the local host unit fire management office",
    "jira-tika-461": "try to use it in Tika",
    "rfc6376-dinner": "We lost the game.",
    "tika-incremental-updates": "a container email with an embedded pdf",
    "notes": "Some *emphasis* and",
}


@pytest.fixture(scope="module")
def site_url(site):
    from .conftest import serve_directory

    with serve_directory(site.site_dir) as url:
        yield url


@pytest.mark.browser
@pytest.mark.parametrize(("slug", "words"), PASSAGES.items())
def test_a_cited_passage_of_each_format_lands_on_its_paragraph_in_chromium(browser_page, site, site_url, slug, words):
    targets = json.loads((site.site_dir / "links.json").read_text())["targets"]
    target = next(t for t in targets if t["seed"] == slug and t["kind"] not in ("page", "pdf-page", "question") and words in t["text"])
    cited = _seedwiki(site.root, "cite", slug, "--p", target["anchor"][1:], "--quote", words, "--format", "url",
                      "--site", str(site.site_dir), "--base-url", site_url)
    assert cited.returncode == 0, cited.stderr
    url = cited.stdout.strip()
    assert ":~:text=" in url
    page = browser_page.page
    page.goto("about:blank")
    page.goto(url)
    page.wait_for_timeout(400)
    shown = page.evaluate(
        """() => [...document.querySelectorAll('article p[id^=p]')]
             .filter(el => /^p\\d+$/.test(el.id))
             .filter(el => { const r = el.getBoundingClientRect(); return r.top < innerHeight / 2 + 120 && r.bottom > innerHeight / 2 - 120; })
             .map(el => el.id)""")
    assert target["anchor"] in shown, (target["anchor"], shown)
