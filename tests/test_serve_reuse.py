"""What `mkdocs serve` keeps from one rebuild to the next besides the memo: links.json's seeds' parts as
converted, and the theme's templates as compiled. Reused, each gives what a fresh one gives."""

from __future__ import annotations

import json
import os

import jinja2

from seedwiki.build import Project, build
from seedwiki.plugin.plugin import CompiledTemplates
from seedwiki.render.links import links_json, links_json_by_seed

from .conftest import SEED_FILES, make_project

SITE = "https://wiki.example/"


def _by_seed(lines: list[str]) -> tuple[str, list[tuple[str, ...]]]:
    """`records`' lines as the build hands them under serve: the head, then each seed's lines."""
    seeds: dict[str, list[str]] = {}
    for line in lines[1:]:
        seeds.setdefault(json.loads(line)["seed"], []).append(line.rstrip("\n"))
    return lines[0].rstrip("\n"), [tuple(group) for group in seeds.values()]


def _text(lines, site_url=SITE, converted=None) -> str:
    """links.json: line by line, or (with `converted`) seed by seed, a held seed's part reused."""
    if converted is None:
        return "".join(line for line, _ in links_json(lines, site_url))
    return b"".join(links_json_by_seed(*_by_seed(lines), site_url, converted)[0]).decode("utf-8")


def test_links_json_from_the_lines_converted_before_is_the_fresh_conversion(tmp_path):
    root = make_project(tmp_path / "wiki", SEED_FILES)
    result = build(Project(root))
    lines = result.links.read_text(encoding="utf-8").splitlines(keepends=True)
    fresh = _text(lines)
    held: dict = {}
    assert _text(lines, converted=({}, held)) == fresh and len(held) == len(_by_seed(lines)[1])  # every seed; the head is made each time
    again: dict = {}
    assert _text(lines, converted=(held, again)) == fresh and again == held

    changed = [line.replace('"text": "', '"text": "Changed. ', 1) if '"kind": "paragraph"' in line else line for line in lines]
    assert changed != lines
    assert _text(changed, converted=(held, {})) == _text(changed)  # a changed seed's lines are converted again


def test_a_held_line_is_what_is_written(tmp_path):
    """The conversion held for a seed's lines is used as it is (so the plugin keeps one per site_url)."""
    lines = ['{"format": 1, "redirects": {}}\n', '{"seed": "a", "url": "seeds/a/", "page": "seeds/a/", "anchor": "", "kind": "page"}\n']
    held = {_by_seed(lines)[1][0]: (b'{"held": true}', ())}
    assert '{"held": true}' in _text(lines, converted=(held, {}))
    assert '{"held": true}' not in _text(lines)


def test_compiled_templates_are_reused_and_an_edited_template_is_compiled_again(tmp_path):
    templates = tmp_path / "templates"
    templates.mkdir()
    (templates / "page.html").write_text("<p>{{ word }}</p>")
    cache = CompiledTemplates()

    def render() -> str:
        env = jinja2.Environment(loader=jinja2.FileSystemLoader(str(templates)), bytecode_cache=cache)  # a new one each rebuild
        return env.get_template("page.html").render(word="one")

    assert render() == "<p>one</p>" and len(cache.held) == 1
    compiled = dict(cache.held)
    assert render() == "<p>one</p>" and cache.held == compiled
    (templates / "page.html").write_text("<div>{{ word }}</div>")
    assert render() == "<div>one</div>" and cache.held != compiled


def test_the_bibliography_from_each_sources_parts_is_the_whole_one(tmp_path):
    """Under serve the bibliography files are joined from each source's parts (an unchanged
    source's as made before): the same text as made whole, for no source, one and many."""
    from seedwiki.citation import BIBLIOGRAPHY_FILES, bibliography, bibliography_entry, joined_bibliography

    root = make_project(tmp_path / "wiki", SEED_FILES)
    result = build(Project(root))
    lines = result.links.read_text(encoding="utf-8").splitlines(keepends=True)
    items = [item for _, item in links_json(lines, SITE) if item is not None]
    assert len(items) == 2  # its two seeds, each a source
    for fmt in BIBLIOGRAPHY_FILES.values():
        for chosen in ([], items[:1], items):
            assert joined_bibliography([bibliography_entry(item, fmt) for item in chosen], fmt) == bibliography(chosen, fmt), fmt


def test_the_bibliography_files_are_written_again_only_when_a_source_changed(tmp_path):
    """Under serve a save that changes no source's item (most edits of a seed's text) leaves the
    bibliography files as they are; one that changes an item, or a file changed by hand, has them
    written again, as made whole."""
    import dataclasses

    from seedwiki.citation import BIBLIOGRAPHY_FILES, bibliography
    from seedwiki.plugin.plugin import SeedwikiPlugin

    root = make_project(tmp_path / "wiki", SEED_FILES)
    lines = build(Project(root)).links.read_text(encoding="utf-8").splitlines(keepends=True)
    items = [item for _, item in links_json(lines, SITE) if item is not None]
    site = tmp_path / "site"
    site.mkdir()
    plugin = SeedwikiPlugin()

    def written(chosen) -> dict[str, tuple[int, int]]:
        plugin._write_bibliography(site, chosen)
        for name, fmt in BIBLIOGRAPHY_FILES.items():
            assert (site / name).read_text(encoding="utf-8") == bibliography(chosen, fmt), name
        return {name: (os.stat(site / name).st_ino, os.stat(site / name).st_mtime_ns) for name in BIBLIOGRAPHY_FILES}

    first = written(items)
    assert written(list(items)) == first  # the very same items: nothing written
    changed = [dataclasses.replace(items[0], title="A changed title"), *items[1:]]
    second = written(changed)
    assert all(second[name] != first[name] for name in BIBLIOGRAPHY_FILES)
    assert written(changed) == second
    (site / "citations.bib").write_text("edited by hand", encoding="utf-8")
    assert written(changed)["citations.bib"] != second["citations.bib"]
    assert written(changed[1:]) != second  # a source gone


def _listed(files) -> list[tuple]:
    return [(f.src_uri, f.dest_uri, f.url, f.inclusion, f.abs_src_path, f.abs_dest_path, f.name) for f in files]


def test_the_listing_by_difference_is_mkdocs_listing_after_every_change(tmp_path, monkeypatch):
    """Under serve docs/ is listed by difference (`plugin.listing`): after each change to the folders,
    the same files in the same order, with the same paths and inclusion, as MkDocs' own listing."""
    import time
    from types import SimpleNamespace

    from mkdocs.config import load_config
    from mkdocs.structure.files import get_files

    from seedwiki.plugin import listing as listing_module
    from seedwiki.plugin.listing import Listing

    docs = tmp_path / "docs"
    for name in ("index.md", "about.md", "README.md", ".hidden.md", "img/a.png", "seeds/b/index.md", "seeds/b/source.txt",
                 "seeds/a/index.md", "guide/README.md", "guide/index.md", "guide/deep/x.md", "templates/t.html"):
        (docs / name).parent.mkdir(parents=True, exist_ok=True)
        (docs / name).write_text(name)
    (docs / "linked").symlink_to(docs / "guide", target_is_directory=True)
    (tmp_path / "mkdocs.yml").write_text("site_name: t\n")
    config = load_config(config_file=str(tmp_path / "mkdocs.yml"), site_dir=str(tmp_path / "site"))
    listing = Listing()

    # every change seen as settled (one changed less than RACY_NS ago is listed again anyway), and
    # made a clock tick after the listing before it (as a save is, seconds after the previous one)
    monkeypatch.setattr(listing_module, "time", SimpleNamespace(time_ns=lambda: time.time_ns() + 2 * listing_module.RACY_NS))

    def settled() -> None:
        time.sleep(0.05)

    def same() -> None:
        assert _listed(listing.get_files(config)) == _listed(get_files(config))

    same()
    held = set(listing.folders)
    assert str(docs / "seeds" / "b") in held and str(docs) not in held  # a folder holding a symbolic link is listed every time
    settled()
    same()  # from what is held
    changes = [lambda: (docs / "seeds" / "c").mkdir(), lambda: (docs / "seeds" / "c" / "index.md").write_text("c"),
               lambda: (docs / "seeds" / "b" / "source.txt").unlink(), lambda: (docs / "seeds" / "a").rename(docs / "seeds" / "z"),
               lambda: (docs / "guide" / "index.md").unlink(), lambda: (docs / "about.md").rename(docs / "about" ), ]
    for change in changes:
        change()
        same()
        settled()


def test_the_two_stat_check_of_a_generated_file_is_mkdocs_check(tmp_path):
    """Under serve a generated file's `is_modified` asks the system twice, not three times: the
    same answer as MkDocs' for a built file missing, older, newer, a folder, and content in memory."""
    import os

    from mkdocs.structure.files import File, Files

    from seedwiki.plugin.static import check_in_two_stats

    docs, site = tmp_path / "docs", tmp_path / "site"
    (docs / "seeds" / "a").mkdir(parents=True)
    (site / "seeds" / "a").mkdir(parents=True)
    source = docs / "seeds" / "a" / "source.txt"
    source.write_text("text")
    ours, theirs = (File("seeds/a/source.txt", str(docs), str(site), True) for _ in range(2))
    built = site / "seeds" / "a" / "source.txt"

    def same(expected: bool) -> None:
        check_in_two_stats(Files([ours]), ("seeds",))  # as each build does for its files
        assert ours.is_modified() == theirs.is_modified() == expected
        assert ours.is_modified() == expected  # asked again in the same build: the same answer

    same(True)  # not built
    built.write_text("text")
    os.utime(built, (1, 1))
    same(True)  # built before the source changed
    os.utime(built, (4_000_000_000, 4_000_000_000))
    same(False)
    os.utime(built, (1, 1))
    assert not ours.is_modified()  # within one build the first answer stands (nothing MkDocs writes changes it)
    built.unlink()
    built.mkdir()
    same(True)  # not a file
    ours._content = theirs._content = "in memory"
    same(True)


def test_a_page_a_plugin_moves_in_on_files_gets_the_url_and_destination_it_would_under_mkdocs_listing(tmp_path):
    """The listing under serve keeps each file's URL and absolute paths, which MkDocs computes from
    its destination path when first asked (after the plugins' `on_files`): a plugin or hook that moves
    a page there (`file.dest_uri = …`, as MkDocs documents) must see them follow, as with MkDocs'
    own listing; one that sets the URL itself keeps its own."""
    from mkdocs.config import load_config
    from mkdocs.structure.files import get_files

    from seedwiki.plugin.listing import Listing, follow_moves
    from seedwiki.plugin.plugin import SeedwikiPlugin

    # the plugin's last `on_files` (after every other plugin's) lets the moved files' paths follow
    last = min(SeedwikiPlugin.on_files.methods, key=lambda method: getattr(method, "mkdocs_priority", 0))
    assert last.mkdocs_priority == -100 and last.__name__ == "_files_moved"

    for name in ("index.md", "about.md", "img/a.png"):
        (tmp_path / "docs" / name).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / "docs" / name).write_text(name)
    (tmp_path / "mkdocs.yml").write_text("site_name: t\n")
    config = load_config(config_file=str(tmp_path / "mkdocs.yml"), site_dir=str(tmp_path / "site"))
    listing = Listing()

    def moved(files):
        about, image = files.get_file_from_path("about.md"), files.get_file_from_path("img/a.png")
        about.dest_uri = "moved/index.html"
        image.dest_uri, image.url = "elsewhere/a.png", "kept/a.png"
        follow_moves(files)
        return about.url, about.abs_dest_path, image.url, image.abs_dest_path

    expected = moved(get_files(config))
    assert expected[:2] == ("moved/", os.path.join(str(tmp_path / "site"), "moved", "index.html"))
    assert moved(listing.get_files(config)) == expected  # a first listing
    assert moved(listing.get_files(config)) == expected  # files made from what was held
