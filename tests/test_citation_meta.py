"""A seed page's meta tags, as Zotero's Embedded Metadata translator reads them (zotero/translators at
ee1746de, the commit zotero/translation-server pins; scripts/zotero-check.py runs the real
translator on a built site). What each rule below guards against:

- `Embedded Metadata.js`, init(): `case "citation_journal_title": hwType = "journalArticle"`, and
  `citation_title` alone guesses a journal article (`hwTypeGuess = hwTypeGuess || "journalArticle"`);
  hwType wins over everything else (`else if (hwType) _itemType = hwType`).
- `RDF.js`, detectType(): `DC.type` is taken when `ZU.itemTypeExists(type)`, Zotero's own item type
  names; `og:type` "website" sets `t.og = "webpage"`, which comes before `t.dc` in
  `t.zotero || t.bib || t.prism || t.eprints || t.og || t.dc`.
- `RDF.js`: `dc:source` is read as publicationTitle; `og:site_name` is the publicationTitle of a
  newspaper article or web page; `og:description` is the abstract before `description`.
"""

from __future__ import annotations

import pytest
from bs4 import BeautifulSoup

from .conftest import ROOT

SEED_000, SEED_001 = "seeds/000_dfaa4f2b2677d4d0", "seeds/001_daa0dd757af5786e"
# Zotero's item types (zotero/zotero-schema, schema.json "itemTypes"), the ones seedwiki uses
ZOTERO_TYPES = {"newspaperArticle", "interview", "report", "document", "webpage"}


def _meta(html: str) -> dict[str, list[str]]:
    tags: dict[str, list[str]] = {}
    for meta in BeautifulSoup(html, "html.parser").select("head meta"):
        name = meta.get("name") or meta.get("property")
        if name:
            tags.setdefault(name, []).append(meta.get("content", ""))
    return tags


@pytest.mark.parametrize(
    ("page", "expected"),
    [
        (SEED_001, {"DC.type": ["newspaperArticle"], "og:site_name": ["Shafaq News"], "citation_publication_date": ["2022/01/23"]}),
        (SEED_000, {"DC.type": ["interview"], "og:site_name": ["Deir Ezzor 24"], "citation_author": ["Caggins, Myles"]}),
    ],
)
def test_a_seed_page_tells_zotero_its_item_type_outlet_and_author(real_site, page, expected):
    tags = _meta(real_site.html(page))
    assert {k: tags.get(k) for k in expected} == expected
    assert set(tags["DC.type"]) <= ZOTERO_TYPES
    assert "citation_journal_title" not in tags
    assert "website" not in tags.get("og:type", [])
    assert "DC.source" not in tags
    assert not any("Brennan" in a for a in tags.get("citation_author", []))  # quoted, not an author


def test_a_seed_pages_description_is_its_summary(real_site):
    summary = "Shafaq News reports a Coalition press release on the ISIS attack on the Ghuwayran prison"
    tags = _meta(real_site.html(SEED_001))
    assert tags["og:description"][0].startswith(summary) and tags["description"] == tags["og:description"]
    assert _meta(real_site.html("catalogue"))["description"] == ["Source texts as a citable wiki"]  # other pages: the site's


def test_a_local_site_gives_zotero_no_address_of_its_own(real_site):
    tags = _meta(real_site.html(SEED_001))
    assert not {"citation_public_url", "citation_abstract_html_url", "DC.identifier", "og:url"} & set(tags)


def test_the_original_and_its_archive_are_related_resources(tmp_path):
    from .conftest import make_project, mkdocs_build

    root = make_project(tmp_path / "p", {"a.txt": b"Alpha\nOne.\n", "a.yml": b"source_url: https://example.com/a\narchive_url: https://web.archive.org/web/2022/https://example.com/a\n"})
    assert mkdocs_build(root).returncode == 0
    tags = _meta((root / "site" / "seeds" / "a" / "index.html").read_text())
    assert tags["DC.relation"] == ["https://example.com/a", "https://web.archive.org/web/2022/https://example.com/a"]


def test_the_zotero_check_script_names_its_expectations():
    text = (ROOT / "scripts" / "zotero-check.py").read_text()
    assert '"news article": {"web": "newspaperArticle"' in text and '"interview": {"web": "interview"' in text
