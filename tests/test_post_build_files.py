"""The files written at the end of `mkdocs build` (links.json, the bibliography, the redirect pages):
whole or not at all, and one line naming the file when one cannot be written."""

from __future__ import annotations

import errno
import os
from pathlib import Path

import pytest

from seedwiki.plugin.finish import unwritable
from seedwiki.write import whole_file, write_whole

from .conftest import make_project, mkdocs_build

SEED = b"A title\nThe first paragraph of the text.\n"


def _enospc(*args, **kwargs):
    raise OSError(errno.ENOSPC, "No space left on device")


def test_a_whole_file_replaces_the_previous_one(tmp_path):
    (tmp_path / "links.json").write_text("old\n")
    write_whole(tmp_path / "links.json", "new\n")
    assert (tmp_path / "links.json").read_text() == "new\n"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["links.json"]


def test_a_write_that_fails_midway_leaves_the_previous_file_and_no_temporary_one(tmp_path):
    (tmp_path / "links.json").write_text("old\n")
    with pytest.raises(OSError) as raised, whole_file(tmp_path / "links.json") as file:
        file.write("half of the")
        file.flush()
        _enospc()
    assert raised.value.filename == str(tmp_path / "links.json")  # the file meant, not the temporary one nor none
    assert (tmp_path / "links.json").read_text() == "old\n"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["links.json"]


def test_a_file_read_inside_the_block_that_cannot_be_read_keeps_its_own_name(tmp_path):
    (tmp_path / "links.json").write_text("old\n")
    with pytest.raises(OSError) as raised, whole_file(tmp_path / "links.json") as file:
        file.write((tmp_path / "links.json.in").read_text())  # gone: the error is the record file's, not the site's
    assert raised.value.filename == str(tmp_path / "links.json.in")
    assert sorted(p.name for p in tmp_path.iterdir()) == ["links.json"]


def test_a_folder_in_the_files_place_is_an_error_naming_the_file_and_leaves_nothing(tmp_path):
    (tmp_path / "citations.bib").mkdir()
    with pytest.raises(OSError) as raised:
        write_whole(tmp_path / "citations.bib", "@misc{a}\n")
    assert raised.value.errno in (errno.EISDIR, errno.ENOTEMPTY, errno.EEXIST)
    assert raised.value.filename == str(tmp_path / "citations.bib")
    assert sorted(p.name for p in tmp_path.iterdir()) == ["citations.bib"]


def test_a_folder_that_refuses_the_temporary_file_is_an_error_naming_the_file(tmp_path, monkeypatch):
    def refuse(self, *args, **kwargs):
        raise PermissionError(errno.EACCES, "Permission denied", str(self))

    monkeypatch.setattr(Path, "open", refuse)
    with pytest.raises(OSError) as raised:
        write_whole(tmp_path / "citations.ris", "TY  - GEN\n")
    assert raised.value.filename == str(tmp_path / "citations.ris")


@pytest.mark.parametrize(("code", "strerror", "todo"), [
    (errno.ENOSPC, "No space left on device", "free disk space"),
    (errno.EROFS, "Read-only file system", "make the folder writable"),
    (errno.EACCES, "Permission denied", "make the folder writable"),
    (errno.EISDIR, "Is a directory", "remove or rename what is in its place (a folder or file of that name in docs/ is copied there)"),
    (errno.EIO, "Input/output error", "free disk space, or check the folder and its permissions"),
])
def test_the_error_is_one_line_naming_the_file_in_the_site_folder_and_what_to_do(tmp_path, code, strerror, todo):
    staged, site = tmp_path / "site.seedwiki-new", tmp_path / "site"
    message = str(unwritable(OSError(code, strerror, str(staged / "links.json")), staged, site))
    assert message == f"seedwiki: {site / 'links.json'}: cannot write the file ({strerror}); {todo}, then build again"


def _one_error_line(stderr: str) -> str:
    assert "Traceback" not in stderr, stderr
    (line,) = [line for line in stderr.splitlines() if "seedwiki:" in line and "cannot write" in line]
    return line


@pytest.mark.parametrize("name", ["links.json", "citations.bib"])
def test_a_folder_where_mkdocs_build_writes_a_file_is_one_line_and_keeps_the_previous_site(tmp_path, name):
    root = make_project(tmp_path / "wiki", {"a.txt": SEED})
    assert mkdocs_build(root).returncode == 0
    before = sorted(p.relative_to(root / "site").as_posix() for p in (root / "site").rglob("*"))
    (root / "docs" / name).mkdir()
    (root / "docs" / name / "page.md").write_text("# In the way\n")
    result = mkdocs_build(root)
    assert result.returncode == 1
    line = _one_error_line(result.stderr)
    assert f"seedwiki: {root / 'site' / name}: cannot write the file (Is a directory); remove or rename" in line
    assert sorted(p.relative_to(root / "site").as_posix() for p in (root / "site").rglob("*")) == before


@pytest.mark.site
@pytest.mark.parametrize("name", ["links.json", "citations.json"])
def test_a_full_disk_at_the_end_of_mkdocs_build_is_one_line_naming_the_file(tmp_path, monkeypatch, name):
    """In one process, with the rename of `name` refused as on a full disk."""
    from click.testing import CliRunner
    from mkdocs.__main__ import cli

    root = make_project(tmp_path / "wiki", {"a.txt": SEED})
    real_replace = os.replace

    def full(source, target, *args, **kwargs):
        if Path(target).name == name:
            _enospc()
        return real_replace(source, target, *args, **kwargs)

    monkeypatch.setattr(os, "replace", full)
    monkeypatch.chdir(root)
    monkeypatch.setenv("NO_MKDOCS_2_WARNING", "1")
    monkeypatch.delenv("SEEDWIKI_SITE_URL", raising=False)
    result = CliRunner().invoke(cli, ["build", "--strict", "-f", "mkdocs.yml", "--site-dir", "site"])
    assert result.exit_code == 1
    assert result.exception is None or isinstance(result.exception, SystemExit), result.exception
    line = _one_error_line(result.output)  # the output and the error stream, as a terminal shows them
    assert f"seedwiki: {root / 'site' / name}: cannot write the file (No space left on device); free disk space, then build again" in line
    assert not (root / "site").exists()
