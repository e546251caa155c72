"""`seedwiki check` reads the seeds one at a time (nothing of the whole corpus is held: a check of
100,000 seeds must fit where their build did), names failing seeds in the site's order, and
writes nothing: not the parse cache, not the cache's key."""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
import sys
from functools import partial
from pathlib import Path

import pytest

from seedwiki.check import linked_pages
from seedwiki.errors import ConfigError
from seedwiki.render.links import links_json

from .conftest import make_project


def _files(*roots: Path, leave: Path) -> dict[str, tuple[int, int]]:
    """Every file under `roots` (but `leave`) with its size and modification time."""
    return {str(path): (path.stat().st_size, path.stat().st_mtime_ns) for root in roots for path in sorted(root.rglob("*"))
            if path.is_file() and leave not in path.parents}


def _check(root: Path, site: Path, xdg: Path, *args: str) -> subprocess.CompletedProcess:
    """`seedwiki check --site SITE [args]` in the project at `root`, the user's cache folder at `xdg`."""
    return subprocess.run([sys.executable, "-m", "seedwiki.cli", "--root", str(root), "check", "--site", str(site), *args],
                          capture_output=True, text=True, env={**os.environ, "XDG_CACHE_HOME": str(xdg), "NO_MKDOCS_2_WARNING": "1"})


@pytest.mark.site
def test_check_names_failing_seeds_in_the_sites_order_and_writes_nothing(tmp_path):
    # file names (the order seeds are read in) against dates (the site's order: newest first, undated last)
    seeds = {"a.txt": b"Alpha\n\nOne.\n", "a.yml": b"date: 2020-05-01\n", "b.txt": b"Beta\n\nTwo.\n", "b.yml": b"date: 2023-01-02\n",
             "c.txt": b"Gamma\n\nThree.\n", "d.txt": b"Delta\n\nFour.\n", "d.yml": b"date: 2022-07-08\n"}
    root = make_project(tmp_path / "p", seeds)
    site, xdg = tmp_path / "out", tmp_path / "xdg"
    check = partial(_check, root, site, xdg)
    first = check()
    assert first.returncode == 0, first.stdout + first.stderr
    for slug in ("a", "b", "c"):
        (site / "seeds" / slug / "index.html").unlink()
    failed = re.compile(r"^seed pages built +1/4  FAILED: b, a, c$", re.M)
    before = _files(root, xdg, leave=site)
    assert any("/documents-" in name for name in before) and (xdg / "seedwiki" / "cache.key").is_file()
    second = check("--built")
    assert second.returncode == 1 and failed.search(second.stdout), second.stdout + second.stderr
    assert _files(root, xdg, leave=site) == before
    # without a parse cache or a key (a merged sharded site's machine): every seed parsed, nothing made
    for database in (root / ".seedwiki-cache").glob("documents-*"):
        database.unlink()
    shutil.rmtree(xdg)
    before = _files(root, leave=site)
    third = check("--built")
    assert third.returncode == 1 and failed.search(third.stdout), third.stdout + third.stderr
    assert _files(root, leave=site) == before and not xdg.exists()


def _head(redirects: dict) -> str:
    return json.dumps({"format": 1, "redirects": redirects, "retired": {}})


def test_links_json_is_read_a_line_at_a_time_as_the_plugin_writes_it(tmp_path):
    targets = [{"seed": "s", "url": "seeds/s/", "page": "seeds/s/", "anchor": "", "kind": "page", "text": 'a "anchor": "" in the text'},
               {"seed": "s", "url": "seeds/s/#p1", "page": "seeds/s/", "anchor": "p1", "kind": "paragraph", "text": '"anchor": ""'},
               {"seed": "é", "url": "seeds/%C3%A9/", "page": "seeds/%C3%A9/", "anchor": "", "kind": "page", "text": ""}]
    path = tmp_path / "links.json"
    path.write_text("".join(text for text, _ in links_json([_head({}), *map(json.dumps, targets)], "https://x.org/w/")), encoding="utf-8")
    assert path.read_text(encoding="utf-8").count("\n") == 5  # the head, a line a target, the end
    assert linked_pages(path) == {"seeds/s/", "seeds/é/"}
    # the same manifest in another form (indented, one line): decoded whole
    whole = json.loads(path.read_text(encoding="utf-8"))
    for text in (json.dumps(whole, indent=1), json.dumps(whole)):
        path.write_text(text, encoding="utf-8")
        assert linked_pages(path) == {"seeds/s/", "seeds/é/"}


@pytest.mark.parametrize("text", ['{"format": 1, "targets": [\n{"page": "a/", "anc', '{"format": 1, "targets": [\n{"page": "a/", "anchor": "", "x": }\n]}\n', "\xff", "[]"])
def test_a_links_json_that_cannot_be_read_is_a_one_line_error(tmp_path, text):
    path = tmp_path / "links.json"
    path.write_bytes(b"\xff" if text == "\xff" else text.encode())
    with pytest.raises(ConfigError, match=r"links\.json cannot be read"):
        linked_pages(path)


@pytest.mark.site
def test_check_without_a_parse_cache_makes_no_copy_of_the_language_model(tmp_path):
    """A check that parses seeds again (no parse cache: a merged sharded site's machine) reads the
    language model from the library's own file when the user's cache holds no copy of it: it makes
    none (nor removes another version's), as it writes nothing else."""
    body = ("The minister said on Tuesday that the talks in Geneva would resume next week, after a pause "
            "of several months, and that both delegations had agreed on the order of the questions. ") * 4
    seeds = {"a.txt": f"Talks resume\n\n{body}\n".encode(), "b.txt": "محادثات\n\nقال الوزير إن المحادثات ستستأنف الأسبوع المقبل في جنيف بعد توقف دام عدة أشهر.\n".encode()}
    root = make_project(tmp_path / "p", seeds)
    site, xdg = tmp_path / "out", tmp_path / "xdg"
    check = partial(_check, root, site, xdg)
    first = check()
    assert first.returncode == 0, first.stdout + first.stderr
    assert any(p.name.startswith("langid-model-") for p in (xdg / "seedwiki").iterdir())  # the build made its copy
    for database in (root / ".seedwiki-cache").glob("documents-*"):
        database.unlink()
    shutil.rmtree(xdg)
    other = xdg / "seedwiki" / ("langid-model-" + "0" * 32)  # another version's copy
    other.mkdir(parents=True)
    second = check("--built")
    assert second.returncode == 0, second.stdout + second.stderr
    assert sorted(p.name for p in (xdg / "seedwiki").iterdir()) == [other.name] and not any(other.iterdir())
