"""The generator's static files (each seed's source.txt) reach the site as hard links to docs/
(`plugin.static`), which must behave as copies: the site keeps a file's bytes until it is built
again, a file written by hand is copied, and a file system without links gets copies."""

from __future__ import annotations

import os
import subprocess
import sys

from mkdocs.structure.files import File

from seedwiki.plugin import static

from .conftest import MKDOCS, make_project

SEED = b"Talks in the capital\n\nOfficials said the road to Hajin is open on Monday, hours after the talks ended.\n"


def _run(root, *command: str) -> None:
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}
    env.pop("SEEDWIKI_SITE_URL", None)
    result = subprocess.run(list(command), cwd=root, env=env, capture_output=True, text=True)
    assert result.returncode == 0, result.stderr[-3000:]


def test_a_linked_source_keeps_its_bytes_until_the_site_is_built_again(tmp_path):
    root = make_project(tmp_path / "wiki", {"a.txt": SEED})
    (root / "docs" / "by-hand.txt").write_text("written by hand\n", encoding="utf-8")
    _run(root, *MKDOCS, "build", "--strict", "--site-dir", "site")
    [docs_source] = (root / "docs" / "seeds").glob("*/source.txt")
    site_source = root / "site" / docs_source.relative_to(root / "docs")
    assert site_source.read_bytes() == SEED
    assert os.path.samefile(docs_source, site_source)  # a link: no bytes copied
    assert not os.path.samefile(root / "docs" / "by-hand.txt", root / "site" / "by-hand.txt")  # copied

    (root / "seeds" / "a.txt").write_bytes(SEED.replace(b"Monday", b"Sunday"))
    _run(root, sys.executable, "-m", "seedwiki", "build")  # docs/ regenerated, the site not built
    assert b"Sunday" in docs_source.read_bytes()
    assert site_source.read_bytes() == SEED  # the site's file is the previous one, as a copy would be

    _run(root, *MKDOCS, "build", "--strict", "--site-dir", "site")
    assert b"Sunday" in site_source.read_bytes()

    (root / "seeds" / "a.txt").write_bytes(SEED.replace(b"Monday", b"Friday"))
    _run(root, *MKDOCS, "build", "--dirty", "--strict", "--site-dir", "site")  # the site's file replaced in place
    assert b"Friday" in site_source.read_bytes()
    assert os.path.samefile(docs_source, site_source)


def test_a_file_system_without_links_gets_a_copy(tmp_path, monkeypatch):
    (tmp_path / "docs" / "seeds" / "a").mkdir(parents=True)
    (tmp_path / "docs" / "seeds" / "a" / "source.txt").write_bytes(SEED)
    file = File("seeds/a/source.txt", str(tmp_path / "docs"), str(tmp_path / "site"), use_directory_urls=True)

    def refuse(source, target):
        raise OSError(18, "Invalid cross-device link")

    monkeypatch.setattr(static.os, "link", refuse)
    files = [file]
    static.link_generated_files(files, ("seeds",))  # type: ignore[arg-type]
    file.copy_file()
    copied = tmp_path / "site" / "seeds" / "a" / "source.txt"
    assert copied.read_bytes() == SEED
    assert not os.path.samefile(copied, tmp_path / "docs" / "seeds" / "a" / "source.txt")


def test_copying_a_file_the_site_already_links_leaves_nothing_beside_it(tmp_path):
    """A build that copies every file again into the same folder (a rename of one link over another
    of the same file does nothing, so a spare link would stay in the site)."""
    (tmp_path / "docs" / "seeds" / "a").mkdir(parents=True)
    (tmp_path / "docs" / "seeds" / "a" / "source.txt").write_bytes(SEED)
    file = File("seeds/a/source.txt", str(tmp_path / "docs"), str(tmp_path / "site"), use_directory_urls=True)
    static.link_generated_files([file], ("seeds",))  # type: ignore[arg-type]
    file.copy_file()
    file.copy_file()
    assert sorted(p.name for p in (tmp_path / "site" / "seeds" / "a").iterdir()) == ["source.txt"]
    assert os.path.samefile(tmp_path / "site" / "seeds" / "a" / "source.txt", tmp_path / "docs" / "seeds" / "a" / "source.txt")
