"""A sharded build (`shard`): which shard writes which file, the merge of the shards' folders, and
the merged site of 2,000 dense seeds, byte for byte the unsharded one but for the search bundles."""

from __future__ import annotations

import filecmp
import json
import os
import random
import re
import subprocess
import sys
from pathlib import Path

import pytest

from seedwiki.errors import ConfigError
from seedwiki.shard import BUNDLES, MARKER, Shard, assign, merge_shards, owner, parse_shard, units, write_marker

from .conftest import MKDOCS, bench_module, serve_directory


@pytest.mark.parametrize(("text", "shard"), [("0/2", Shard(0, 2)), ("3/4", Shard(3, 4)), (" 1 / 8 ", Shard(1, 8)), ("11/12", Shard(11, 12))])
def test_a_shard_is_k_of_n(text, shard):
    assert parse_shard(text) == shard


@pytest.mark.parametrize("text", ["", "1", "2/2", "0/1", "-1/3", "a/b", "1/3/4", "1.0/3", "99999/100000"])
def test_anything_else_is_a_one_line_error(text):
    with pytest.raises(ConfigError) as raised:
        parse_shard(text)
    assert "\n" not in raised.value.report() and "K/N" in raised.value.report()


def _units(count: int, rng: random.Random) -> list:
    """Catalogue pages as `units` weighs them: full pages of 200 seeds, and smaller last pages."""
    units, seed = [], 0
    for group in range(count):
        size = rng.choice([200, 200, 200, rng.randint(1, 199)])
        folders = [f"seeds/s{seed + i}/" for i in range(size)]
        seed += size
        units.append((f"catalogue/g{group}" + ("" if group % 3 else f"/page-{group}"), size * rng.randint(3_000, 9_000), folders))
    return units


@pytest.mark.parametrize("shards", [2, 3, 5, 16])
def test_every_seed_folder_is_in_exactly_one_seeds_shard_the_same_in_any_order(shards):
    rng = random.Random(shards)
    units = _units(40, rng)
    owners = assign(units, shards)
    folders = [folder for _, _, unit in units for folder in unit]
    assert sorted(owners) == sorted(folders)  # each once: a folder is a key once
    assert set(owners.values()) <= set(range(1, shards)), "shard 0 holds no seed"
    shuffled = units[:]
    rng.shuffle(shuffled)
    assert assign(shuffled, shards) == owners
    for _, _, unit in units:  # a catalogue page is never divided
        assert len({owners[folder] for folder in unit}) == 1


def test_shards_are_balanced_by_bytes_within_the_largest_unit():
    units = _units(60, random.Random(7))
    owners = assign(units, 4)
    loads = {k: sum(size for _, size, folders in units if owners[folders[0]] == k) for k in (1, 2, 3)}
    assert max(loads.values()) - min(loads.values()) <= max(size for _, size, _ in units)


@pytest.mark.parametrize(("src_uri", "shard"), [
    ("seeds/a/index.md", 2), ("seeds/a/source.txt", 2), ("seeds/a/original.pdf", 2), ("seeds/b/index.md", 1),
    ("seeds/unknown/index.md", 0), ("seeds/index.md", 0), ("catalogue/index.md", 0), ("entities/x/index.md", 3),
    ("entities/x/page-2/index.md", 1), ("entities/y/index.md", 0), ("index.md", 0), ("assets/javascripts/bundle.js", 0),
    ("seedwiki/js/search.js", 0),
])
def test_a_file_belongs_to_its_seed_folders_or_list_pages_shard_else_to_the_common_shard(src_uri, shard):
    assert owner(src_uri, {"seeds/a/": 2, "seeds/b/": 1, "entities/x/index.md": 3, "entities/x/page-2/index.md": 1}) == shard


def _shard_folder(root: Path, shard: Shard, files: dict[str, str]) -> Path:
    folder = root / f"s{shard.index}"
    for rel, text in files.items():
        (folder / rel).parent.mkdir(parents=True, exist_ok=True)
        (folder / rel).write_text(text)
    write_marker(folder, shard)
    return folder


def test_merge_moves_every_shards_files_into_one_site_and_names_the_bundles(tmp_path):
    common = _shard_folder(tmp_path, Shard(0, 3), {"index.html": "home", "pagefind/pagefind.js": "js", f"pagefind/{BUNDLES}": '{"merge": []}'})
    one = _shard_folder(tmp_path, Shard(1, 3), {"seeds/a/index.html": "a", "pagefind/shard-1/pagefind-entry.json": "{}"})
    two = _shard_folder(tmp_path, Shard(2, 3), {"seeds/b/index.html": "b", "pagefind/shard-2/pagefind-entry.json": "{}"})
    site = tmp_path / "site"
    site.mkdir()
    (site / "stale.html").write_text("the previous site")
    merged = merge_shards([two, common, one], site)
    assert (merged.shards, merged.files) == (3, 7)
    assert _files(site) == {"index.html", f"pagefind/{BUNDLES}", "pagefind/pagefind.js", "pagefind/shard-1/pagefind-entry.json",
                            "pagefind/shard-2/pagefind-entry.json", "seeds/a/index.html", "seeds/b/index.html"}
    assert json.loads((site / "pagefind" / BUNDLES).read_text()) == {"merge": ["shard-1/", "shard-2/"]}
    assert not any(folder.exists() for folder in (common, one, two))


@pytest.mark.parametrize("case", ["missing", "twice", "other count", "same file", "no marker"])
def test_merge_refuses_shards_that_are_not_one_build_before_moving_anything(tmp_path, case):
    common = _shard_folder(tmp_path, Shard(0, 3), {"index.html": "home", f"pagefind/{BUNDLES}": "{}"})
    one = _shard_folder(tmp_path, Shard(1, 3), {"seeds/a/index.html": "a"})
    two = _shard_folder(tmp_path, Shard(2, 3), {"seeds/b/index.html": "b"})
    folders = {
        "missing": [common, one],
        "twice": [common, one, one, two],
        "other count": [common, one, _shard_folder(tmp_path / "x", Shard(2, 4), {"seeds/c/index.html": "c"})],
        "same file": [common, one, _shard_folder(tmp_path / "y", Shard(2, 3), {"seeds/a/index.html": "a again"})],
        "no marker": [common, one, tmp_path / "empty"],
    }[case]
    (tmp_path / "empty").mkdir()
    with pytest.raises(ConfigError) as raised:
        merge_shards(folders, tmp_path / "site")
    assert "\n" not in raised.value.report()
    assert (one / "seeds" / "a" / "index.html").read_text() == "a" and (one / MARKER).is_file()
    assert not (tmp_path / "site").exists()


# --- the merged site of 2,000 dense seeds equals the unsharded one ---------------------------------------

def _environment(**extra: str) -> dict[str, str]:
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}
    env.pop("SEEDWIKI_SITE_URL", None)
    env.pop("SEEDWIKI_SHARD", None)
    env.update(extra)
    return env


def build_both(root: Path, seeds: int, shards: int) -> tuple[Path, Path]:
    """The dense corpus of `seeds` (the benchmark's) built whole into site-whole/, and in `shards`
    shards (as `make build-sharded` does) merged into site/."""
    bench_module().make_project(root, seeds, dense=True)
    whole = subprocess.run([*MKDOCS, "build", "--strict", "--site-dir", "site-whole"], cwd=root, env=_environment(), capture_output=True, text=True)
    assert whole.returncode == 0, whole.stderr[-3000:]
    for k in range(shards):
        shard = subprocess.run([*MKDOCS, "build", "--strict", "--dirty", "--site-dir", f"shards/{k}"], cwd=root,
                               env=_environment(SEEDWIKI_SHARD=f"{k}/{shards}"), capture_output=True, text=True)
        assert shard.returncode == 0, shard.stderr[-3000:]
    merge = subprocess.run([sys.executable, "-m", "seedwiki.cli", "merge-shards", *(f"shards/{k}" for k in range(shards))],
                           cwd=root, env=_environment(), capture_output=True, text=True)
    assert merge.returncode == 0, merge.stderr
    return root / "site-whole", root / "site"


def _files(site: Path) -> set[str]:
    return {p.relative_to(site).as_posix() for p in site.rglob("*") if p.is_file()}


@pytest.mark.slow
@pytest.mark.site
def test_the_merged_site_of_2000_dense_seeds_is_the_unsharded_one_byte_for_byte_but_for_the_search_bundles(tmp_path):
    whole, merged = build_both(tmp_path / "wiki", 2000, 4)
    # pagefind/: each shard's bundle indexes its own pages (the same pages in all, in other files)
    kept = {rel for rel in _files(whole) if not rel.startswith("pagefind/")}
    assert kept == {rel for rel in _files(merged) if not rel.startswith("pagefind/")}
    assert len([rel for rel in kept if rel.startswith("seeds/") and rel.endswith("/index.html")]) == 2000
    _, different, errors = filecmp.cmpfiles(whole, merged, sorted(kept), shallow=False)
    assert (different, errors) == ([], [])
    assert json.loads((merged / "pagefind" / BUNDLES).read_text()) == {"merge": ["shard-1/", "shard-2/", "shard-3/"]}
    check = subprocess.run([sys.executable, "-m", "seedwiki.cli", "check", "--built"], cwd=tmp_path / "wiki", env=_environment(),
                           capture_output=True, text=True)
    assert check.returncode == 0, check.stdout + check.stderr
    assert re.search(r"^seeds in the search index +2000/2000$", check.stdout, re.M), check.stdout


@pytest.mark.site
def test_a_shard_is_built_only_by_a_dirty_build_with_pagefind(tmp_path):
    root = tmp_path / "wiki"
    bench_module().make_project(root, 3, dense=True)
    clean = subprocess.run([*MKDOCS, "build", "--site-dir", "s"], cwd=root, env=_environment(SEEDWIKI_SHARD="1/2"), capture_output=True, text=True)
    assert clean.returncode != 0 and "mkdocs build --dirty" in clean.stderr and "Traceback" not in clean.stderr
    wrong = subprocess.run([*MKDOCS, "build", "--dirty", "--site-dir", "s"], cwd=root, env=_environment(SEEDWIKI_SHARD="2/2"), capture_output=True, text=True)
    assert wrong.returncode != 0 and "K/N" in wrong.stderr and "Traceback" not in wrong.stderr
    offline = subprocess.run([*MKDOCS, "build", "--dirty", "-f", "mkdocs.offline.yml", "--site-dir", "s"], cwd=root,
                             env=_environment(SEEDWIKI_SHARD="0/2"), capture_output=True, text=True)
    assert offline.returncode != 0 and "search: pagefind" in offline.stderr and "Traceback" not in offline.stderr


# --- one search over the merged bundles -------------------------------------------------------------------

@pytest.fixture(scope="module")
def both_sites(tmp_path_factory):
    """260 dense seeds (two catalogue pages: two seeds' shards) built whole and in 3 shards."""
    return build_both(tmp_path_factory.mktemp("sharded") / "wiki", 260, 3)


def test_the_merged_sites_search_finds_what_the_unsharded_sites_finds(browser_page, both_sites):
    from .test_browser_search import _search

    whole, merged = both_sites
    glossary = (whole.parent / "glossary.yml").read_text(encoding="utf-8")
    name = next(line.split(":", 1)[1].strip().strip("\"'") for line in glossary.splitlines() if line.strip().startswith("name:")).split()[-1]
    page = browser_page.page
    with serve_directory(whole) as whole_url, serve_directory(merged) as merged_url:
        # in every seed and no other page; an entity's name; a word of some seeds; a word of no page
        # but whose first letters are (Pagefind then finds the longest prefix that is in its index)
        for term in ("talks", name, "detained", "tabqaz"):
            found = {r["href"].removeprefix(whole_url) for r in _search(page, whole_url, term)}
            merged_found = {r["href"].removeprefix(merged_url) for r in _search(page, merged_url, term)}
            assert merged_found == found, (term, sorted(found ^ merged_found)[:10])
            if term == "talks":  # in every seed (in both seeds' shards' bundles), in no page of the common shard
                assert len({href for href in found if "seeds/" in href}) == 260


@pytest.mark.site
def test_a_failed_shard_build_leaves_no_marker_so_the_merge_refuses_its_folder(tmp_path):
    root = tmp_path / "wiki"
    bench_module().make_project(root, 3, dense=True)

    def shard() -> subprocess.CompletedProcess:
        return subprocess.run([*MKDOCS, "build", "--strict", "--dirty", "--site-dir", "s0"], cwd=root,
                              env=_environment(SEEDWIKI_SHARD="0/2"), capture_output=True, text=True)

    assert shard().returncode == 0 and (root / "s0" / MARKER).is_file()
    (root / "docs" / "how-to-cite.md").write_text("# How to cite\n\n[a page that is not there](missing.md)\n")
    failed = shard()
    assert failed.returncode != 0 and "missing.md" in failed.stderr
    assert not (root / "s0" / MARKER).exists()


def test_the_units_are_the_catalogue_pages_of_seeds_each_seed_in_one():
    from types import SimpleNamespace

    from seedwiki.render.catalogue import CATALOGUE_SINGLE_PAGE_MAX, shard_units

    def entry(number: int, group: tuple[str, ...]):
        return SimpleNamespace(group=group, url=f"seeds/s{number}/", document=SimpleNamespace(seed=SimpleNamespace(raw=b"x" * (number % 7 + 1))))

    groups = [("2022", "01 January")] * 430 + [("2022", "02 February")] * 20 + [("Undated",)] * 3
    corpus = SimpleNamespace(entries=[entry(number, group) for number, group in enumerate(groups)])
    made = shard_units(corpus)  # type: ignore[arg-type]
    assert [label for label, _ in made] == ["catalogue/2022/01-january", "catalogue/2022/01-january/page-2",
                                             "catalogue/2022/01-january/page-3", "catalogue/2022/02-february", "catalogue/undated"]
    folders = [folder for _, unit in made for folder in unit]
    assert sorted(folders) == sorted(e.url for e in corpus.entries)  # each seed once
    assert all(len(unit) <= CATALOGUE_SINGLE_PAGE_MAX for _, unit in made)


def test_units_weigh_each_seed_folder_by_its_pages_and_make_each_list_page_one():
    pages = {"seeds/a/index.md": 100, "seeds/a/part-2/index.md": 50, "seeds/b/index.md": 70, "seeds/index.md": 9,
             "entities/x/index.md": 40, "entities/x/page-2/index.md": 30, "quotes/index.md": 20, "catalogue/2022/index.md": 10,
             "timeline/index.md": 5, "index.md": 8, "how-to-cite.md": 7}
    assert units([("catalogue/2022", ["seeds/a/", "seeds/b/"]), ("catalogue/undated", ["seeds/c/"])], pages) == [
        ("catalogue/2022", 220, ["seeds/a/", "seeds/b/"]), ("catalogue/undated", 0, ["seeds/c/"]),
        ("entities/x/index.md", 40, ["entities/x/index.md"]), ("entities/x/page-2/index.md", 30, ["entities/x/page-2/index.md"]),
        ("quotes/index.md", 20, ["quotes/index.md"]), ("catalogue/2022/index.md", 10, ["catalogue/2022/index.md"]),
        ("timeline/index.md", 5, ["timeline/index.md"])]
