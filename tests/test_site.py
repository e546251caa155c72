"""Built sites: the real seeds and tiny fixture corpora, through `mkdocs build --strict`."""

from __future__ import annotations

import gzip
import json
import re
from pathlib import Path
from urllib.parse import urljoin, urlsplit

import markdown
import pytest
from bs4 import BeautifulSoup
from mkdocs.config import load_config

from seedwiki.check import searched_pages
from seedwiki.link import slugify
from seedwiki.render import CATALOGUE_SINGLE_PAGE_MAX, visible_text

from .conftest import (
    ROOT,
    SEED_FILES,
    SEEDS,
    Site,
    build_site,
    make_project,
    mkdocs_build,
)

LOCAL_ORIGIN = "http://127.0.0.1:8000"


def _slug(seed: Path) -> str:
    return slugify(seed.stem)


def _soup(html: str) -> BeautifulSoup:
    return BeautifulSoup(html, "html.parser")


def _words(text: str) -> list[str]:
    return text.split()


def _is_subsequence(needle: list[str], haystack: list[str]) -> bool:
    it = iter(haystack)
    return all(word in it for word in needle)


def _catalogue_links(site: Site) -> set[str]:
    links = set()
    for page in (site.site_dir / "catalogue").rglob("index.html"):
        for a in _soup(page.read_text(encoding="utf-8")).select("article a[href]:not(.headerlink)"):
            links.add((page.parent / a["href"].removesuffix("index.html")).resolve())
    return links


@pytest.fixture(params=SEEDS, ids=lambda p: p.name)
def seed(request) -> Path:
    return request.param


def test_every_seed_has_a_page(real_site, seed):
    assert (real_site.site_dir / "seeds" / _slug(seed) / "index.html").is_file()


def test_every_seed_is_linked_from_the_catalogue(real_site, seed):
    assert (real_site.site_dir / "seeds" / _slug(seed)).resolve() in _catalogue_links(real_site)


def test_every_seed_is_in_the_navigation_under_the_catalogue(real_site, seed):
    nav = _soup(real_site.html(f"seeds/{_slug(seed)}")).select_one("nav.md-nav--primary")
    active = [a for a in nav.select("a.md-nav__link--active") if a.get("href") == "./"]
    assert active, "the seed's own page is not the active navigation item"
    sections = [label.get_text(strip=True) for label in nav.select("li.md-nav__item--active > label.md-nav__link")]
    assert sections[0] == "Catalogue" and len(sections) >= 2


def test_every_seed_is_in_the_search_index(real_site, seed):
    assert f"seeds/{_slug(seed)}/" in searched_pages(real_site.site_dir)  # Pagefind, the published site's search


def test_every_seed_is_in_the_offline_search_index(real_offline_site, seed):
    index = json.loads((real_offline_site / "search" / "search_index.json").read_text(encoding="utf-8"))
    # English stemmed, no trimmer (it deletes words in other scripts): Arabic is indexed as written
    assert index["config"]["lang"] == ["en"] and index["config"]["pipeline"] == ["stemmer", "stopWordFilter"]
    assert f"seeds/{_slug(seed)}/index.html" in [doc["location"] for doc in index["docs"]]


def test_the_search_index_leaves_out_permalink_signs_and_the_source_copy(real_site):
    records = [json.loads(gzip.decompress(f.read_bytes()).removeprefix(b"pagefind_dcd"))
               for f in (real_site.site_dir / "pagefind" / "fragment").glob("*.pf_fragment")]
    seed = next(r for r in records if r["url"] == f"/seeds/{_slug(SEEDS[0])}/")
    assert "¶" not in seed["content"] and "Copy link" not in seed["content"]
    assert seed["content"].count("Last week alone, our Syrian partners") == 1  # the reading view, not the source copy too
    # a passage is indexed once, on its seed: the lists of entity, quotes and timeline pages that
    # repeat it are not (their titles and descriptions are)
    found = [r["url"] for r in records if "Last week alone, our Syrian partners" in r["content"]]
    assert found == [f"/seeds/{_slug(SEEDS[0])}/"], found
    entity = next(r for r in records if r["url"] == "/entities/global-coalition/")
    assert entity["meta"]["title"].startswith("Global Coalition") and "Mentions" in entity["content"]


def test_every_seed_is_in_the_sitemap(real_site, seed):
    sitemap = (real_site.site_dir / "sitemap.xml").read_text(encoding="utf-8")
    assert f"<loc>{LOCAL_ORIGIN}/seeds/{_slug(seed)}/</loc>" in sitemap


def test_reading_view_shows_every_word_of_the_seed_in_order(real_site, seed):
    article = _soup(real_site.html(f"seeds/{_slug(seed)}")).select_one("article")
    article.select_one("details.sw-source").decompose()
    for permalink in article.select("a.headerlink"):
        permalink.decompose()
    reading = " ".join(el.get_text() for el in article.select("h1.sw-title, p.sw-p, h3.sw-q"))
    assert _is_subsequence(_words(seed.read_text(encoding="utf-8")), _words(reading))


def test_source_text_section_holds_the_seed_exactly(real_site, seed):
    pre = _soup(real_site.html(f"seeds/{_slug(seed)}")).select_one("details.sw-source pre.sw-source-text")
    assert pre.get_text() == visible_text(seed.read_text(encoding="utf-8"))


def test_raw_seed_file_is_published_byte_for_byte(real_site, seed):
    assert (real_site.site_dir / "seeds" / _slug(seed) / "source.txt").read_bytes() == seed.read_bytes()


def test_paragraph_ids_are_p1_to_pn_in_order(real_site, seed):
    soup = _soup(real_site.html(f"seeds/{_slug(seed)}"))
    ids = [el["id"] for el in soup.select_one("article").find_all(id=re.compile(r"^p\d+$"))]
    assert ids == [f"p{n}" for n in range(1, len(ids) + 1)]
    assert len(ids) >= 16


def test_strict_build_output_is_clean(tmp_path):
    result = mkdocs_build(make_project(tmp_path, SEED_FILES))
    assert result.returncode == 0, result.stderr
    assert "WARNING" not in result.stderr and "MkDocs 2" not in result.stderr, result.stderr


RESOURCE_ATTRS = {"script": "src", "img": "src", "iframe": "src", "source": "src", "audio": "src", "video": "src", "embed": "src"}


def _resource_urls(html: str) -> list[str]:
    soup = _soup(html)
    urls = [tag[attr] for name, attr in RESOURCE_ATTRS.items() for tag in soup.find_all(name) if tag.get(attr)]
    urls += [link["href"] for link in soup.find_all("link") if link.get("href") and set(link.get("rel", [])) - {"canonical", "prev", "next"}]
    urls += re.findall(r"url\(\s*['\"]?([^'\")]+)", html)
    return urls


def test_no_page_or_stylesheet_loads_anything_from_another_origin(real_site):
    foreign = []
    for path in real_site.site_dir.rglob("*"):
        if path.suffix in {".html", ".css"}:
            for url in _resource_urls(path.read_text(encoding="utf-8")):
                parts = urlsplit(url)
                if parts.scheme not in ("", "data") and f"{parts.scheme}://{parts.netloc}" != LOCAL_ORIGIN:
                    foreign.append((path.relative_to(real_site.site_dir).as_posix(), url))
    assert foreign == []
    assert "fonts.googleapis.com" not in real_site.html("")


def test_generated_markdown_is_byte_identical_across_builds(tmp_path):
    trees = []
    for name in ("one", "two"):
        site = build_site(tmp_path / name, SEED_FILES)
        trees.append({p.relative_to(site.docs_dir).as_posix(): p.read_bytes() for p in sorted(site.docs_dir.rglob("*")) if p.is_file()})
    assert trees[0] == trees[1]
    assert any(path.startswith("seeds/") for path in trees[0])


def test_arabic_headings_get_readable_ids():
    config = load_config(str(ROOT / "mkdocs.yml"))
    html = markdown.markdown("## مقابلة مع المتحدث", extensions=config["markdown_extensions"], extension_configs=config["mdx_configs"])
    assert 'id="مقابلة-مع-المتحدث"' in html


def test_hostile_seed_builds_and_injects_nothing(tmp_path):
    hostile = (
        "<script>alert('title')</script>\n\n"
        "--8<-- \"mkdocs.yml\"\n{{ config.site_name }}\n{: #p1 }\n# heading\n---\n!!! danger\n"
        "<img src=x onerror=alert(1)> [link](javascript:alert(1))\n"
    )
    site = build_site(tmp_path, {"hostile.txt": hostile.encode()})
    soup = _soup(site.html("seeds/hostile"))
    article = soup.select_one("article")
    assert soup.find("script", string=re.compile("alert")) is None
    assert article.find("img") is None and article.find(attrs={"onerror": True}) is None
    assert not [a for a in soup.find_all("a") if a.get("href", "").startswith("javascript:")]
    assert [el["id"] for el in article.select("[id^=p]")] == [f"p{n}" for n in range(1, 9)]
    assert "site_name" in article.get_text() and "--8<--" in article.get_text()
    assert "alert('title')" in soup.title.get_text()
    assert article.select_one("pre.sw-source-text").get_text() == hostile


def test_removed_seed_disappears_and_hand_written_pages_stay(tmp_path):
    site = build_site(tmp_path, {"a.txt": b"Alpha\n\nText.\n", "b.txt": b"Beta\n\nText.\n"})
    hand_written = (site.docs_dir / "index.md").read_bytes()
    (site.root / "seeds" / "b.txt").unlink()
    assert mkdocs_build(site.root).returncode == 0
    assert not (site.docs_dir / "seeds" / "b").exists()
    assert not (site.site_dir / "seeds" / "b").exists()
    assert (site.docs_dir / "index.md").read_bytes() == hand_written


def test_a_bad_seed_stops_mkdocs_with_the_file_and_line(tmp_path):
    result = mkdocs_build(make_project(tmp_path, {"ok.txt": b"Fine\n\nText.\n", "bad.txt": b"ok\n\xff\n"}))
    assert result.returncode != 0
    assert "bad.txt:2: byte 0xFF at byte 3 is not valid UTF-8" in result.stderr
    assert "Traceback" not in result.stderr
    assert not (tmp_path / "docs" / "seeds").exists()


def _nav_targets(site, url: str) -> tuple[list[str], list]:
    """Where the navigation on the page at `url` leads (site paths), and its active items."""
    nav = _soup(site.html(url)).select_one("nav.md-nav--primary")
    return [urljoin(f"/{url}/", a["href"]) for a in nav.select("a[href]")], nav.select(".md-nav__item--active")


def test_many_seeds_keep_navigation_and_catalogue_pages_small(tmp_path):
    count = CATALOGUE_SINGLE_PAGE_MAX + 15
    site = build_site(tmp_path, {f"s{n:03}.txt": f"Seed {n}\n\nText {n}.\n".encode() for n in range(count)})
    for n in (0, count - 1):
        soup = _soup(site.html(f"seeds/s{n:03}"))
        nav = soup.select_one("nav.md-nav--primary")
        assert not [a for a in nav.select("a[href]") if "s0" in a["href"]]  # no seed list in the navigation
        crumbs = [a["href"] for a in soup.select("article nav.sw-crumbs a")]
        assert crumbs == ["../../catalogue/index.html", "../../catalogue/undated/index.html"]
    overview = _soup(site.html("catalogue")).select("article a[href]:not(.headerlink)")
    assert [a["href"] for a in overview] == ["../catalogue/undated/index.html"]
    # the navigation of the pages outside it, rendered once for each set of relative addresses
    # (plugin/navcache.py): from pages at different depths it leads to the same existing pages
    targets = {url: _nav_targets(site, url) for url in ("seeds/s000", f"seeds/s{count - 1:03}", "catalogue/undated/page-2")}
    assert len({tuple(found) for found, _active in targets.values()}) == 1
    assert not targets["seeds/s000"][1]  # no item active
    assert all((site.site_dir / target.strip("/") / "index.html").is_file() for target in targets["seeds/s000"][0])
    assert _nav_targets(site, "catalogue")[1]  # a page in the navigation: its item active
    first, second = _soup(site.html("catalogue/undated")), _soup(site.html("catalogue/undated/page-2"))
    assert len(first.select("article tbody tr")) == CATALOGUE_SINGLE_PAGE_MAX and len(second.select("article tbody tr")) == 15
    assert len(_catalogue_links(site)) == count + 2  # every seed, the group page and its second page
    # search finds the group page and not its second page, which repeats its title and description
    assert second.select_one("[data-pagefind-body]") is None and first.select_one("[data-pagefind-body]") is not None
    bodies = [p for p in site.site_dir.rglob("*.html") if "data-pagefind-body" in p.read_text(encoding="utf-8")]
    entry = json.loads((site.site_dir / "pagefind" / "pagefind-entry.json").read_text(encoding="utf-8"))
    assert sum(language["page_count"] for language in entry["languages"].values()) == len(bodies) > count


def test_two_builds_give_a_byte_identical_site_but_for_the_sitemap_date(tmp_path):
    import gzip

    root = make_project(tmp_path / "p", SEED_FILES)
    trees = []
    for out in ("one", "two"):
        assert mkdocs_build(root, site_dir=out).returncode == 0
        files = {}
        for path in sorted((root / out).rglob("*")):
            if path.is_file():
                data = path.read_bytes()
                if path.name == "sitemap.xml.gz":
                    data = gzip.decompress(data)
                if path.name.startswith("sitemap.xml"):
                    data = re.sub(rb"<lastmod>[^<]*</lastmod>", b"", data)
                files[path.relative_to(root / out).as_posix()] = data
        trees.append(files)
    assert trees[0] == trees[1]


def test_a_custom_dir_partial_of_the_navigation_that_reads_the_page_is_rendered_for_each_page(tmp_path):
    # The navigation is rendered once for the pages outside it (plugin/navcache.py); a project's own
    # partial inside it (here the logo, which Material's navigation includes) may show the page, so
    # with such an override every page renders its own navigation, as it did before the cache.
    root = make_project(tmp_path, {"s1.txt": b"Seed one\n\nText one.\n"})
    (root / "overrides" / "partials").mkdir(parents=True)
    (root / "overrides" / "partials" / "logo.html").write_text('<span class="logo-of">{{ page.title if page else "" }}</span>\n')
    for name, title in (("one", "Page one"), ("two", "Page two")):  # two pages outside the navigation, at one depth
        (root / "docs" / f"{name}.md").write_text(f"# {title}\n\nText.\n")
    config = root / "mkdocs.yml"
    config.write_text(config.read_text().replace("  name: material\n", "  name: material\n  custom_dir: overrides\n", 1)
                      + "not_in_nav: |\n  /one.md\n  /two.md\n")
    result = mkdocs_build(root)
    assert result.returncode == 0, result.stderr
    site = Site(root)
    for url, title in (("one", "Page one"), ("two", "Page two")):
        nav = _soup(site.html(url)).select_one("nav.md-nav--primary")
        assert nav is not None and not nav.select(".md-nav__item--active")  # a page outside the navigation
        assert nav.select_one(".logo-of").get_text() == title
