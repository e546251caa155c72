"""Renamed seeds' published pages redirect to the new page, written by the seedwiki plugin itself."""

from __future__ import annotations

import pytest

from seedwiki.plugin.redirects import redirect_page, write_redirects


@pytest.mark.parametrize(
    ("old", "new", "directory_urls", "url"),
    [
        ("seeds/a/", "seeds/alpha/", True, "../alpha/"),
        ("seeds/a/", "seeds/alpha/", False, "../alpha/index.html"),
        ("seeds/douze-orphelins-été-2019/", "seeds/orphelins/", True, "../orphelins/"),
    ],
)
def test_a_redirect_page_sends_the_reader_to_the_new_page_keeping_the_anchor(old, new, directory_urls, url):
    page = redirect_page(old, new, use_directory_urls=directory_urls)
    assert f'<meta http-equiv="refresh" content="0; url={url}">' in page
    assert f'location.href="{url}"+(anchor?"#"+anchor:"")' in page
    assert '<meta name="robots" content="noindex">' in page and "Redirecting" in page


def test_a_redirect_page_names_the_published_address_as_canonical():
    page = redirect_page("seeds/a/", "seeds/alpha/", site_url="https://example.org/wiki/")
    assert '<link rel="canonical" href="https://example.org/wiki/seeds/alpha/">' in page


def test_a_redirect_never_replaces_a_page_the_site_has(tmp_path):
    (tmp_path / "seeds" / "a").mkdir(parents=True)
    (tmp_path / "seeds" / "a" / "index.html").write_text("a real page")
    written = write_redirects(tmp_path, {"seeds/a/": "seeds/alpha/", "seeds/b/": "seeds/beta/"})
    assert written == ["seeds/b/"]
    assert (tmp_path / "seeds" / "a" / "index.html").read_text() == "a real page"
    assert "../beta/" in (tmp_path / "seeds" / "b" / "index.html").read_text()


@pytest.mark.parametrize(("language", "direction", "words"), [
    ("en", "ltr", "Redirecting to"), ("ar", "rtl", "جارٍ التحويل إلى"), ("fr", "ltr", "Redirection vers"), ("de", "ltr", "Weiterleitung zu"),
])
def test_redirect_and_retired_pages_speak_the_interfaces_language(language, direction, words):
    from seedwiki.i18n import speaking, word
    from seedwiki.plugin.redirects import retired_page

    page = redirect_page("seeds/a/", "seeds/alpha/", language=language)
    assert f'<html lang="{language}" dir="{direction}">' in page
    assert f'{words} <a href="../alpha/" dir="ltr">../alpha/</a>' in page
    retired = retired_page("seeds/a/", "seeds/alpha/", language=language)
    assert f'<html lang="{language}" dir="{direction}">' in retired
    with speaking(language):
        assert f"<h1>{word('retired_heading')}</h1>" in retired
    assert '<bdi id="sw-came"></bdi>' in retired and 'href="../alpha/"' in retired
    if language != "en":
        assert "Redirecting" not in page and "retired" not in retired.split("<body>")[1].split("<script>")[0]


def test_a_language_the_table_lacks_writes_these_pages_in_english():
    assert '<html lang="en" dir="ltr">' in redirect_page("seeds/a/", "seeds/alpha/", language="es")
