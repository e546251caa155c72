"""`seedwiki check`'s link check resolves links as a browser does, the site served at its path."""

from __future__ import annotations

from pathlib import Path

import pytest

from seedwiki.check import broken_links


def _site(root: Path) -> Path:
    (root / "a").mkdir(parents=True)
    (root / "index.html").write_text('<article class="md-content__inner"><a href="a/#x">A</a></article>', encoding="utf-8")
    (root / "a" / "index.html").write_text('<article class="md-content__inner"><h1 id="x">A</h1><a href="../">home</a></article>', encoding="utf-8")
    links = ('<a href="/wiki/a/#x">a</a> <a href="/wiki/">home</a> <a href="/wiki">home</a> '
             '<a href="/wiki/missing/">gone</a> <a href="/a/#x">outside</a> <a href="/wikipedia/">other</a>')
    (root / "404.html").write_text(f'<article class="md-content__inner">{links}</article>', encoding="utf-8")
    return root


@pytest.mark.parametrize("root", ["/wiki/", "/wiki", "wiki"])
def test_links_from_the_root_start_with_the_sites_path(tmp_path, root):
    checked, broken = broken_links(_site(tmp_path), {}, root)
    assert checked == 8
    assert broken == ["404.html: /wiki/missing/", "404.html: /a/#x (outside the site's path /wiki/)",
                      "404.html: /wikipedia/ (outside the site's path /wiki/)"]


def test_a_site_at_the_root_of_its_host(tmp_path):
    site = _site(tmp_path)
    (site / "404.html").write_text('<article class="md-content__inner"><a href="/a/#x">a</a> <a href="/">home</a> <a href="/b/">b</a></article>', encoding="utf-8")
    assert broken_links(site, {}) == (5, ["404.html: /b/"])


def test_a_link_out_of_the_site_is_broken_even_to_a_file_that_exists(tmp_path):
    (tmp_path / "outside.html").write_text("<p id='x'>not the site's</p>", encoding="utf-8")
    site = tmp_path / "site"
    (site / "a").mkdir(parents=True)
    (site / "a" / "index.html").write_text('<article><a href="../../outside.html#x">out</a> <a href="#top">self</a> '
                                           '<a href="../a/./index.html#top">self again</a><h1 id="top">A</h1></article>', encoding="utf-8")
    assert broken_links(site, {}) == (3, ["a/index.html: ../../outside.html#x"])
