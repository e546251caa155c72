"""Incremental builds (`memo.Memo`, what `mkdocs serve` keeps between rebuilds): whatever a curator
changes, a build that reuses the previous build's work writes exactly the pages a build from
nothing writes, and it renders again only the pages whose inputs changed."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from seedwiki.build import Project, build
from seedwiki.memo import Memo
from seedwiki.render.links import links_json, links_json_by_seed
from seedwiki.shard import VOCABULARY
from seedwiki.write import GENERATED_ROOTS, MANIFEST

from .conftest import ROOT, SEED_FILES

ARTICLE = """{title}

BEIRUT, 12 March 2021 - Officials in Manbij met again, said Amal Rashid.

"We will not leave Deir Ezzor," the Coalition said in a statement on {day} March 2021.

{extra}
"""


SITE_URL = "https://wiki.example/base/"


def _tree(docs: Path) -> dict[str, bytes]:
    """The generated pages, links.json as the build leaves it for the site, and the site's words
    (which a sharded build's search bundles index)."""
    tree = {p.relative_to(docs).as_posix(): p.read_bytes() for root in GENERATED_ROOTS for p in sorted((docs / root).rglob("*")) if p.is_file()}
    tree["links.json"] = (docs.parent / ".seedwiki-cache" / "links.json.in").read_bytes()
    tree[VOCABULARY] = (docs.parent / ".seedwiki-cache" / VOCABULARY).read_bytes()
    tree[MANIFEST] = (docs / MANIFEST).read_bytes()  # under serve made from the names held (`write._manifest_text`)
    return tree


def _fresh(project: Path, tmp_path: Path, language: str = "en") -> dict[str, bytes]:
    """The pages a build from nothing makes of the same inputs (no docs/, no cache, no memo)."""
    other = tmp_path / "fresh"
    shutil.rmtree(other, ignore_errors=True)
    other.mkdir()
    shutil.copytree(project / "seeds", other / "seeds")
    shutil.copy(project / "glossary.yml", other / "glossary.yml")
    build(Project(other, language=language))
    return _tree(other / "docs")


@pytest.fixture
def project(tmp_path) -> Path:
    root = tmp_path / "wiki"
    (root / "seeds").mkdir(parents=True)
    for name, data in SEED_FILES.items():
        (root / "seeds" / name).write_bytes(data)
    for n in range(4):
        (root / "seeds" / f"article-{n}.txt").write_text(ARTICLE.format(title=f"Article {n}", day=10 + n, extra="The talks went on."))
    shutil.copy(ROOT / "glossary.yml", root / "glossary.yml")
    return root


def _seed(project: Path, name: str) -> Path:
    return project / "seeds" / name


EDITS = {
    "a sentence": lambda p: _seed(p, "article-1.txt").write_text(_seed(p, "article-1.txt").read_text() + "\nA new sentence.\n"),
    "a mention of an entity": lambda p: _seed(p, "article-2.txt").write_text(_seed(p, "article-2.txt").read_text() + "\nThe SDF and ISIS were there.\n"),
    "an entity losing those mentions": lambda p: _seed(p, "article-2.txt").write_text(
        _seed(p, "article-2.txt").read_text().replace("\nThe SDF and ISIS were there.\n", "")),
    # a new speaker quoted most of all: listed first on the quotes pages, every other speaker's
    # quotations move to later pages, and the seeds quoting them link there (no count changes)
    "a speaker quoted most": lambda p: _seed(p, "article-1.txt").write_text(_seed(p, "article-1.txt").read_text() + "".join(
        f'\n"The talks will go on for {n} more weeks at least," said Omar Hariri.\n' for n in range(12))),
    # a seed that names no entity: only the catalogue's shape changes (split above the limit)
    "a new seed naming nothing": lambda p: _seed(p, "plain.txt").write_text("Plain\n\nNothing to see here.\n"),
    "that seed removed": lambda p: _seed(p, "plain.txt").unlink(),
    "a quotation": lambda p: _seed(p, "article-0.txt").write_text(_seed(p, "article-0.txt").read_text() + '\n"It is over," said Amal Rashid.\n'),
    # every later paragraph, with its quotations, dates and mentions, moves down one: their labels and links change
    "a paragraph before the others": lambda p: _seed(p, "article-0.txt").write_text(
        _seed(p, "article-0.txt").read_text().replace("BEIRUT,", "A new first paragraph.\n\nBEIRUT,", 1)),
    "a date": lambda p: _seed(p, "article-3.txt").write_text(_seed(p, "article-3.txt").read_text() + "\nOn 2 February 2020 it began.\n"),
    "a new seed": lambda p: _seed(p, "article-9.txt").write_text(ARTICLE.format(title="Article 9", day=1, extra="Manbij again.")),
    "a sidecar title": lambda p: _seed(p, "article-1.yml").write_text("title: A curated title\n"),
    "a removed seed": lambda p: _seed(p, "article-2.txt").unlink(),
    "a renamed file": lambda p: _seed(p, "article-3.txt").rename(_seed(p, "article-7.txt")),
    "a glossary description": lambda p: (p / "glossary.yml").write_text((p / "glossary.yml").read_text().replace("description: ", "description: Changed. ", 1)),
    "the seed 001's text": lambda p: _seed(p, "001_daa0dd757af5786e.txt").write_bytes(SEED_FILES["001_daa0dd757af5786e.txt"] + b"\nIraq said so.\n"),
}


@pytest.mark.parametrize("small", [False, True], ids=["sizes as shipped", "small pages"])
@pytest.mark.site
def test_after_every_kind_of_edit_the_memo_build_writes_what_a_fresh_build_writes(project, tmp_path, monkeypatch, small):
    if small:  # lists split over many pages, and a catalogue split by group that a removed seed unsplits
        monkeypatch.setattr("seedwiki.render.connections.PAGE_SIZE", 2)
        monkeypatch.setattr("seedwiki.render.connections.INDEX_PAGE_SIZE", 3)
        monkeypatch.setattr("seedwiki.render.catalogue.CATALOGUE_SINGLE_PAGE_MAX", 6)
    memo = Memo()
    converted: dict = {}
    result = build(Project(project), memo=memo)
    assert _tree(project / "docs") == _fresh(project, tmp_path)
    converted = _links_by_seed_as_fresh(result, converted)
    for name, edit in EDITS.items():
        edit(project)
        result = build(Project(project), memo=memo)
        assert _tree(project / "docs") == _fresh(project, tmp_path), f"after {name}"
        converted = _links_by_seed_as_fresh(result, converted, name)


def _links_by_seed_as_fresh(result, converted: dict, name: str = "the first build") -> dict:
    """links.json as the plugin makes it under serve, from each seed's lines with the previous
    build's conversions, is links.json as made from the build's file, line by line: the text and
    the sources' items. Returns this build's conversions."""
    assert result.records is not None
    now: dict = {}
    parts, items = links_json_by_seed(*result.records, SITE_URL, (converted, now))
    text = b"".join(parts).decode("utf-8")
    lines = result.links.read_text(encoding="utf-8").splitlines(keepends=True)
    made = list(links_json(lines, SITE_URL))
    assert text == "".join(line for line, _ in made), f"after {name}"
    assert items == [item for _, item in made if item is not None], f"after {name}"
    return now


def test_a_saved_seed_renders_its_own_page_again_and_not_the_others(project):
    memo = Memo()
    build(Project(project), memo=memo)
    pages = memo.rendered
    assert pages > 12 and memo.kept == 0  # every seed's page and source.txt, and the lists' pages, the first time
    EDITS["a sentence"](project)
    build(Project(project), memo=memo)
    assert (memo.rendered, memo.kept) == (2, pages - 2)  # the seed's page and source.txt
    EDITS["a glossary description"](project)
    build(Project(project), memo=memo)
    assert memo.rendered == pages  # the glossary is every page's context


def _saved(project: Path, tmp_path: Path, text: str, *edits: tuple[str, str], rendered: int, then: int | None = None) -> None:
    """article-5.txt holds `text`, built with a memo; each edit (old words, new words) saved and
    built again: the first renders `rendered` pages, the second `then`, and after each the docs/
    are a fresh build's."""
    seed = _seed(project, "article-5.txt")
    seed.write_text(text)
    memo = Memo()
    build(Project(project), memo=memo)
    for (old, new), expected in zip(edits, (rendered, then), strict=False):
        seed.write_text(seed.read_text().replace(old, new))
        build(Project(project), memo=memo)
        assert memo.rendered == expected
        assert _tree(project / "docs") == _fresh(project, tmp_path)


@pytest.mark.site
def test_a_word_changed_before_a_quotation_renders_no_quotes_page_again(project, tmp_path):
    """A quotation's item shows its words, speaker, paragraph and seed, not where in the text it
    starts: an edit earlier in the seed that moves it and changes nothing it shows makes the
    seed's own page again and no page of quotations."""
    text = "Talks resume\n\nA plain first paragraph.\n\n\"We will not leave Deir Ezzor,\" the Coalition said.\n"
    _saved(project, tmp_path, text, ("plain", "simple and short"), rendered=2)  # the seed's page and source.txt


@pytest.mark.site
def test_a_word_changed_far_from_a_mention_renders_no_entity_page_again(project, tmp_path):
    """An entity page shows some words either side of a seed's mention, not its whole paragraph:
    an edit in the paragraph beyond them (which moves the mention) makes the seed's own page again
    and no entity page; one within them makes the entity's page again."""
    opening = "The council met for a long day of talks about the roads, the schools, the water and the power lines"
    text = f"Talks resume\n\n{opening}, and then it turned to Hasakah.\n"
    _saved(project, tmp_path, text, ("long day", "long and tiring day"), ("turned to", "went on to"), rendered=2, then=3)
    assert "went on to <strong>Hasakah" in (project / "docs" / "entities" / "hasakah" / "index.md").read_text()


def test_a_page_file_touched_by_hand_is_rendered_again(project):
    memo = Memo()
    build(Project(project), memo=memo)
    page = project / "docs" / "seeds" / "article-0" / "index.md"
    original = page.read_bytes()
    page.write_bytes(b"edited by hand")
    EDITS["a sentence"](project)  # another seed: the build runs, and finds the edited page
    build(Project(project), memo=memo)
    assert page.read_bytes() == original and memo.rendered == 3  # and the saved seed's page and source.txt


def _stats(docs: Path) -> dict[str, tuple[int, int]]:
    return {p.relative_to(docs).as_posix(): (p.stat().st_ino, p.stat().st_mtime_ns) for p in docs.rglob("*") if p.is_file()}


def test_under_serve_a_save_touches_only_the_files_it_changes(project):
    """In place, file by file: the server watches docs/, and every touched file is work for it."""
    memo = Memo()
    build(Project(project), memo=memo)
    before = _stats(project / "docs")
    EDITS["a sentence"](project)
    result = build(Project(project), memo=memo)
    after = _stats(project / "docs")
    touched = sorted(path for path in after if after[path] != before.get(path))
    # and the manifest, which records the sha256 of each file written
    assert touched == [".seedwiki-manifest.json", "catalogue/index.md", "seeds/article-1/index.md", "seeds/article-1/source.txt"], touched
    assert result.written.written == 3 and set(after) == set(before)  # no staging folder or temporary file left
    EDITS["a removed seed"](project)
    build(Project(project), memo=memo)
    assert not (project / "docs" / "seeds" / "article-2").exists()


def test_a_build_that_fails_halfway_in_place_leaves_a_project_the_next_build_accepts(project, monkeypatch):
    import seedwiki.render.connections as rendering

    memo = Memo()
    build(Project(project), memo=memo)
    EDITS["a new seed"](project)
    real = rendering.seed_page
    monkeypatch.setattr(rendering, "seed_page", lambda entry, *a, **k: (_ for _ in ()).throw(OSError(28, "No space left on device"))
                        if entry.slug == "article-1" else real(entry, *a, **k))
    EDITS["a sentence"](project)
    with pytest.raises(Exception, match="No space left"):
        build(Project(project), memo=memo)
    monkeypatch.undo()
    build(Project(project))  # the new seed's page, written before the failure, is the generator's: no foreign file
    assert (project / "docs" / "seeds" / "article-9" / "index.md").is_file()


def test_under_serve_a_file_put_into_a_generated_folder_is_still_refused(project, monkeypatch):
    """The generated folders' listing is kept between builds (each folder's entries while its status
    is unchanged): a file written by hand into one of them, even one listed before, is found."""
    import time
    from types import SimpleNamespace

    from seedwiki.errors import WriteError
    from seedwiki.write import RACY_NS, generated_files

    memo = Memo()
    build(Project(project), memo=memo)
    real = time.time_ns  # every folder settled: kept
    monkeypatch.setattr("seedwiki.write.time", SimpleNamespace(time_ns=lambda: real() + 2 * RACY_NS, monotonic=time.monotonic, sleep=time.sleep))
    EDITS["a sentence"](project)
    build(Project(project), memo=memo)
    assert memo.folders
    docs = project / "docs"
    assert generated_files(docs, memo.folders) == generated_files(docs)
    time.sleep(0.05)  # a clock tick after the listing, as a save seconds later
    (docs / "seeds" / "article-0" / "notes.md").write_text("by hand")
    EDITS["a date"](project)
    with pytest.raises(WriteError, match="seedwiki did not write it"):
        build(Project(project), memo=memo)
    (docs / "seeds" / "article-0" / "notes.md").unlink()
    build(Project(project), memo=memo)
    time.sleep(0.05)
    (docs / "seeds" / "article-0" / "deeper").mkdir()
    (docs / "seeds" / "article-0" / "deeper" / "x.md").write_text("by hand")
    assert generated_files(docs, memo.folders) == generated_files(docs)
    assert "seeds/article-0/deeper/x.md" in generated_files(docs, memo.folders)


@pytest.mark.site
def test_after_a_change_of_language_the_memo_build_writes_what_a_fresh_build_writes(project, tmp_path):
    """What the memo keeps rendered (seed views and pages, list items, breadcrumbs) is in the pages'
    language: a build in another language (the theme's, changed while serving) makes it again."""
    memo = Memo()
    build(Project(project), memo=memo)
    for language in ("fr", "en"):
        EDITS["a sentence"](project)
        build(Project(project, language=language), memo=memo)
        assert _tree(project / "docs") == _fresh(project, tmp_path, language), language


def test_under_serve_the_glossary_is_read_again_only_when_its_bytes_changed(project, monkeypatch):
    """Reading and checking the glossary is work of its own at each save (0.018 s of CPU for 40
    entities): a build with the memo keeps what the previous one read while the file holds the
    same bytes. Any change is read again, and a glossary made invalid fails every build until fixed."""
    import seedwiki.link.entities as entities
    from seedwiki.errors import SeedwikiError

    parsed: list[Path] = []
    real = entities.load_yaml
    monkeypatch.setattr(entities, "load_yaml", lambda path, *args, **kwargs: parsed.append(path) or real(path, *args, **kwargs))
    memo = Memo()
    build(Project(project), memo=memo)
    assert len(parsed) == 1
    EDITS["a sentence"](project)
    build(Project(project), memo=memo)
    assert len(parsed) == 1
    glossary = project / "glossary.yml"
    valid = glossary.read_bytes()
    EDITS["a glossary description"](project)
    build(Project(project), memo=memo)
    assert len(parsed) == 2
    glossary.write_bytes(valid + b"  - oops\n")
    for _ in range(2):
        EDITS["a sentence"](project)
        with pytest.raises(SeedwikiError, match="glossary"):
            build(Project(project), memo=memo)
    glossary.write_bytes(valid)
    build(Project(project), memo=memo)
    assert (project / "docs" / "seeds" / "article-1" / "index.md").is_file()


def test_the_union_of_words_by_difference_is_the_union():
    from seedwiki.memo import WordUnion

    a, b, c = frozenset({"one", "two"}), frozenset({"two", "three"}), frozenset({"four"})
    union = WordUnion()
    for sets in ([a, b], [a, b, c], [b, c], [c, c, frozenset({"two", "four"})], [a, frozenset({"one", "two"})], [], [b]):
        assert set(union.union(sets)) == set().union(*sets), sets
