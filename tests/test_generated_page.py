"""A generated page's body under MkDocs (`plugin.pages.GeneratedPage`): read from its file when asked
for, kept while MkDocs renders the page, and let go once the page is written."""

from __future__ import annotations

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.structure.files import File, Files

from seedwiki.plugin.pages import GeneratedPage
from seedwiki.render import TOC_KEY


def _page(tmp_path) -> tuple[GeneratedPage, object]:
    docs = tmp_path / "docs"
    (docs / "seeds" / "a").mkdir(parents=True)
    source = docs / "seeds" / "a" / "index.md"
    source.write_text(f"---\ntitle: A\n{TOC_KEY}: [[2, p1, One]]\n---\n<p id=\"p1\">first</p>\n", encoding="utf-8")
    config = MkDocsConfig()
    config.load_dict({"site_name": "t", "docs_dir": str(docs), "site_dir": str(tmp_path / "site")})
    errors, _warnings = config.validate()
    assert not errors
    file = File("seeds/a/index.md", str(docs), str(tmp_path / "site"), use_directory_urls=True)
    page = GeneratedPage(None, file, config)
    page.read_source(config)
    page.render(config, Files([file]))
    return page, source


def test_the_body_is_kept_while_the_page_is_rendered_and_read_again_after(tmp_path):
    page, source = _page(tmp_path)
    first = page.content
    assert first == '<p id="p1">first</p>\n'
    source.write_text(source.read_text(encoding="utf-8").replace("first", "second"), encoding="utf-8")
    assert page.content is first  # kept: the file is not read again for the same page
    page.content = first  # handed back unchanged (MkDocs' on_page_content): let go
    assert "second" in (page.content or "")
    page.release()  # written: let go
    source.write_text(source.read_text(encoding="utf-8").replace("second", "third"), encoding="utf-8")
    assert "third" in (page.content or "")
    page.content = "<p>changed by a plugin</p>"
    assert page.content == "<p>changed by a plugin</p>"


def test_a_pages_canonical_url_is_mkdocs_own_however_the_urls_are_written():
    """`canonical_url` concatenates where `urljoin` would: compared with MkDocs' way (urljoin, then
    urlsplit's path) on the site's own URLs and on random ones built of every character a URL
    parser treats specially, against bases with and without a path, port, query or odd segments."""
    import random
    from urllib.parse import urljoin, urlsplit

    from seedwiki.plugin.pages import _PLAIN_URL, canonical_url

    rng = random.Random(27)
    pieces = [*"ab/.:?#;%\\ \t\n\x00é~-_=@!+,&'()*$", "..", "./", "//", "%2e", "\u200f"]
    bases = ["http://127.0.0.1:8000/", "https://x.org/w/", "https://u:p@x.org:8/a.b/", "https://x.org//w/", "https://x.org/./w/",
             "http://x/w?q/", "https://x.org/w#f/", " https://x.org/", "https://x.org/é/", "file:///tmp/site/", "https://x.org/w;p/"]
    urls = ["seeds/a-b/", "seeds/مرحبا/part-2/", "entities/x/", "", "index.html", "seeds/a.b/", "./a/", "a/../b/", "a//b/", "a:b/"]
    urls += ["".join(rng.choice(pieces) for _ in range(rng.randint(0, 12))) for _ in range(20000)]
    plain = 0
    for url in urls:
        base = rng.choice(bases)
        joined = urljoin(base, url)
        assert canonical_url(base, url) == (joined, urlsplit(joined).path), (base, url)
        plain += bool(_PLAIN_URL.fullmatch(url))
    assert 3000 < plain < len(urls) - 3000  # both ways taken often


def test_a_canonical_url_under_a_scheme_urljoin_does_not_join_is_mkdocs_own():
    """MkDocs accepts any site_url with a scheme and a host; `urljoin` joins only the schemes it
    knows to be hierarchical (a "git://" or "foo+bar://" base gives the page URL back as it is), and
    writes the scheme it read in lower case: concatenation must not be taken for those."""
    from urllib.parse import urljoin, urlsplit

    from mkdocs.config.config_options import URL

    from seedwiki.plugin.pages import canonical_url

    for written in ["git://x.org/w/", "foo+bar://x.org/", "svn://x.org/", "HTTPS://x.org/w/", "https://x.org/w/"]:
        base = URL(is_dir=True).run_validation(written)
        for url in ["seeds/a-b/", "index.html", "entities/x/"]:
            assert canonical_url(base, url) == (urljoin(base, url), urlsplit(urljoin(base, url)).path), (base, url)
        raw = written  # as given to the function without MkDocs' own validation
        assert canonical_url(raw, "seeds/a/") == (urljoin(raw, "seeds/a/"), urlsplit(urljoin(raw, "seeds/a/")).path), raw
