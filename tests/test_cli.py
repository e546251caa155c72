from __future__ import annotations

import subprocess
import sys

import pytest

from seedwiki.assets import asset_pages

from .conftest import ROOT


def _seedwiki(root, *args):
    return subprocess.run(
        [sys.executable, "-m", "seedwiki.cli", "--root", str(root), *args], capture_output=True, text=True
    )


def test_build_reports_counts_and_a_second_build_writes_nothing(tmp_path):
    (tmp_path / "seeds").mkdir()
    (tmp_path / "seeds" / "a.txt").write_text("Title\n\nText.\n")
    first = _seedwiki(tmp_path, "build")
    second = _seedwiki(tmp_path, "build")
    assert first.returncode == 0, first.stderr
    assets = len(list(asset_pages()))  # the page script, style and vendored scripts, copied into docs/seedwiki/
    assert f"1 seeds; {6 + assets} files written" in first.stdout  # page, source.txt, catalogue, entities, quotes, timeline
    assert f"0 files written, {6 + assets} unchanged, 0 removed" in second.stdout


def test_bad_input_is_one_line_with_file_and_line_and_no_traceback(tmp_path):
    (tmp_path / "seeds").mkdir()
    (tmp_path / "seeds" / "good.txt").write_text("Fine\n\nText.\n")
    (tmp_path / "seeds" / "bad.txt").write_bytes(b"Caf\xe9\n")
    result = _seedwiki(tmp_path, "build")
    assert result.returncode == 1
    assert result.stderr == f"{tmp_path / 'seeds' / 'bad.txt'}:1: byte 0xE9 at byte 3 is not valid UTF-8; save the file as UTF-8 and rebuild (a file written on Windows is often Windows-1252: iconv -f WINDOWS-1252 -t UTF-8)\n"
    assert not (tmp_path / "docs").exists()


def test_usage_errors_exit_2():
    assert _seedwiki(ROOT, "no-such-command").returncode == 2


def test_inspect_prints_blocks_metadata_and_quotes_as_json(tmp_path):
    import json

    result = _seedwiki(ROOT, "inspect", str(ROOT / "seeds" / "001_daa0dd757af5786e.txt"))
    assert result.returncode == 0, result.stderr
    data = json.loads(result.stdout)
    assert data["detected"]["date"] == "2022-01-23" and data["curated"]["outlet"] == "Shafaq News"
    assert data["blocks"][2] == {"id": "p3", "kind": "timestamp", "span": [133, 158], "lang": "und",
                                 "question": None, "speaker": None, "text": "2022-01-23T18:12:48+00:00"}
    assert {q["speaker"] for q in data["quotes"]} == {"Global Coalition", "John W. Brennan", None}
    resolved = next(q for q in data["quotes"] if q["basis"] == "resolved")
    assert resolved["resolved_from"] == "p10" and resolved["form"] == "quoted"


def test_inspect_of_a_broken_seed_is_a_one_line_error(tmp_path):
    (tmp_path / "x.txt").write_bytes(b"\xff")
    result = _seedwiki(tmp_path, "inspect", str(tmp_path / "x.txt"))
    assert (result.returncode, result.stderr.count("\n"), "Traceback" in result.stderr) == (1, 1, False)


def test_check_builds_strictly_and_prints_a_passing_table(tmp_path):
    from .conftest import make_project

    root = make_project(tmp_path / "p", {"a.txt": b"Alpha\nOne.\n", "b.txt": b"Beta\nTwo.\n"})
    result = _seedwiki(root, "check", "--site", str(tmp_path / "out"))
    assert result.returncode == 0, result.stdout + result.stderr
    assert "seeds in the search index                                         2/2" in result.stdout
    assert "FAILED" not in result.stdout


def test_check_fails_on_a_broken_anchor_with_mkdocs_own_message(tmp_path):
    from .conftest import make_project

    root = make_project(tmp_path / "p", {"a.txt": b"Alpha\nOne.\n"})
    (root / "docs" / "adding-a-seed.md").write_text("# Adding\n\nSee [¶9](seeds/a/index.md#p9).\n")
    result = _seedwiki(root, "check", "--site", str(tmp_path / "out"))
    assert result.returncode == 1
    assert "does not contain an anchor '#p9'" in result.stderr
    assert "strict build: every link and anchor resolves (MkDocs validation)  0/1  FAILED" in result.stdout


# --- a generated page edited by hand ----------------------------------------------------------------

EDIT = b"\n<p>HAND-EDITED</p>\n"


def _built(tmp_path):
    from seedwiki.build import Project, build

    from .conftest import make_project

    root = make_project(tmp_path / "p", {"a.txt": b"Alpha\n\nOne.\n", "b.txt": b"Beta\n\nTwo.\n"})
    project = Project(root)
    build(project)
    return project


def test_the_manifest_records_the_sha256_of_every_generated_file(tmp_path):
    import hashlib

    from seedwiki.write import generated_files, read_manifest_digests

    docs = _built(tmp_path).docs_dir
    digests = read_manifest_digests(docs)
    assert set(digests) == generated_files(docs) and "seeds/a/index.md" in digests
    assert all(digest == hashlib.sha256((docs / name).read_bytes()).hexdigest() for name, digest in digests.items())


def _append(path, data: bytes) -> None:
    path.write_bytes(path.read_bytes() + data)


@pytest.mark.parametrize(
    ("change", "failure"),
    [
        (lambda docs: _append(docs / "seeds" / "a" / "index.md", EDIT), "docs/seeds/a/index.md changed since the build wrote it"),
        (lambda docs: (docs / "seeds" / "b" / "source.txt").write_bytes(b"Beta\n\nTwo!\n"), "docs/seeds/b/source.txt changed since the build wrote it"),
        (lambda docs: (docs / "catalogue" / "index.md").unlink(), "docs/catalogue/index.md changed since the build wrote it"),
        (lambda docs: (docs / "entities" / "notes.md").write_text("mine\n"), "docs/entities/notes.md not written by seedwiki"),
    ],
)
def test_check_names_a_generated_file_that_is_not_what_the_build_wrote(tmp_path, change, failure):
    from seedwiki.check import generated_row

    project = _built(tmp_path)
    untouched = generated_row(project)
    assert (untouched.ok, untouched.total > 10) == (True, True)
    change(project.docs_dir)
    row = generated_row(project)
    assert (row.ok, row.failures) == (False, [failure])


def test_a_generated_page_edited_by_hand_is_never_published_by_a_passing_check(tmp_path):
    project = _built(tmp_path)
    _append(project.docs_dir / "seeds" / "a" / "index.md", EDIT)
    result = _seedwiki(project.root, "check", "--site", str(tmp_path / "out"))
    published = b"HAND-EDITED" in (tmp_path / "out" / "seeds" / "a" / "index.html").read_bytes()
    assert result.returncode == (1 if published else 0), result.stdout + result.stderr
    assert not published or "FAILED: docs/seeds/a/index.md changed since the build wrote it" in result.stdout


@pytest.mark.parametrize("serving", [False, True])
def test_a_build_restores_a_generated_page_edited_by_hand(tmp_path, serving):
    from seedwiki.build import build
    from seedwiki.memo import Memo
    from seedwiki.write import edited_files

    project = _built(tmp_path)
    memo = Memo() if serving else None
    if memo is not None:
        build(project, memo=memo)  # the server's first build fills the memo
    page = project.docs_dir / "seeds" / "a" / "index.md"
    original = page.read_bytes()
    _append(page, EDIT)
    (project.seeds_dir / "c.txt").write_text("Gamma\n\nThree.\n")  # inputs changed: the build regenerates
    build(project, memo=memo)
    assert page.read_bytes() == original and edited_files(project.docs_dir) == []


def test_a_build_with_unchanged_inputs_restores_a_generated_page_edited_by_hand(tmp_path):
    from seedwiki.build import build

    project = _built(tmp_path)
    page = project.docs_dir / "seeds" / "a" / "index.md"
    original = page.read_bytes()
    _append(page, EDIT)
    build(project)
    assert page.read_bytes() == original


# --- the command line's conventions --------------------------------------------------------------


def test_bare_seedwiki_prints_its_commands_and_exits_0():
    result = subprocess.run([sys.executable, "-m", "seedwiki"], capture_output=True, text=True)
    assert (result.returncode, result.stderr) == (0, "")
    assert result.stdout.startswith("usage: seedwiki") and "check-review" in result.stdout and "seedwiki new my-wiki" in result.stdout


@pytest.mark.parametrize("command", ["new", "build", "clean", "inspect", "lock", "cite", "suggest-entities", "check", "check-review"])
def test_every_command_describes_itself_with_examples(command):
    result = subprocess.run([sys.executable, "-m", "seedwiki", command, "--help"], capture_output=True, text=True)
    assert result.returncode == 0
    description = result.stdout.split("\n\n")[1]
    assert len(description) > 60 and not description.startswith(("positional", "options"))
    assert f"examples:\n  seedwiki {command}" in result.stdout or f"examples:\n  seedwiki -v {command}" in result.stdout


def test_version_loads_none_of_the_pipeline():
    probe = ("import sys\nfrom seedwiki.cli import main\ntry:\n    main(['--version'])\nexcept SystemExit:\n    pass\n"
             "print(sorted(m for m in sys.modules if m.startswith(('mkdocs', 'seedwiki.build', 'seedwiki.parse', 'seedwiki.render', 'numpy'))))")
    loaded = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True)
    assert loaded.stdout.splitlines()[0].startswith("seedwiki ")
    assert loaded.stdout.splitlines()[-1] == "[]", loaded.stdout + loaded.stderr


def test_quiet_prints_only_errors_and_verbose_prints_progress_in_a_pipe(tmp_path):
    (tmp_path / "seeds").mkdir()
    (tmp_path / "seeds" / "a.txt").write_text("Title\n\nText.\n")
    (tmp_path / "seeds" / "notes.rst").write_text("mine\n")
    quiet = _seedwiki(tmp_path, "-q", "build")
    assert (quiet.returncode, quiet.stdout, quiet.stderr) == (0, "", "")
    (tmp_path / "seeds" / "b.txt").write_text("Other\n\nMore.\n")
    loud = _seedwiki(tmp_path, "-v", "build")
    assert loud.returncode == 0 and "seedwiki: read 2 seeds" in loud.stderr
    assert "seedwiki: 1 file in seeds/ is not published: notes.rst" in loud.stdout
    broken = _seedwiki(tmp_path, "-q", "inspect", str(tmp_path / "missing.txt"))
    assert broken.returncode != 0 and broken.stderr.count("\n") == 1


def test_one_line_names_every_file_in_seeds_that_is_not_published(tmp_path):
    (tmp_path / "seeds").mkdir()
    (tmp_path / "seeds" / "a.txt").write_text("Title\n\nText.\n")
    for name in ("README.md", "report.odt", "notes.rst", "b.yaml"):
        (tmp_path / "seeds" / name).write_text("x")
    result = _seedwiki(tmp_path, "build")
    lines = [line for line in result.stdout.splitlines() if "not published" in line]
    assert lines == ["seedwiki: 3 files in seeds/ are not published: b.yaml, notes.rst, report.odt (to publish a document, save it as .docx "
                     "or .pdf, or its text as a UTF-8 .txt file; a sidecar's name ends in .yml; notes stay unpublished; a source to publish "
                     "is a .txt or .md file)"]


def test_a_command_outside_any_project_says_so_in_one_line(tmp_path):
    result = _seedwiki(tmp_path, "build")
    assert (result.returncode, result.stdout) == (2, "")
    assert result.stderr == (f"{tmp_path}: no mkdocs.yml and no seeds/ here: this is not a seedwiki project; run the command in the project's "
                             "folder (or name it with --root), or make a project with `seedwiki new FOLDER`\n")


def test_an_unknown_citation_format_is_a_one_line_usage_error():
    result = _seedwiki(ROOT, "cite", "000_dfaa4f2b2677d4d0", "--format", "mla")
    assert result.returncode == 2 and result.stderr.startswith("--format mla: not a citation format; give one of ")


@pytest.mark.parametrize("where", ["before", "after"])
@pytest.mark.site
def test_quiet_goes_before_or_after_the_command(tmp_path, where):
    args = ["-q", "new", str(tmp_path / "w")] if where == "before" else ["new", str(tmp_path / "w"), "-q"]
    result = subprocess.run([sys.executable, "-m", "seedwiki", *args], capture_output=True, text=True)
    assert (result.returncode, result.stdout) == (0, "") and (tmp_path / "w" / "mkdocs.yml").is_file()


def test_cite_finds_a_seed_by_its_path_in_the_project_given_with_root(tmp_path):
    """`seedwiki --root P cite seeds/a.txt` from another folder: the path is the project's seed."""
    (tmp_path / "seeds").mkdir()
    (tmp_path / "seeds" / "a.txt").write_text("Alpha\n\nOne.\n", encoding="utf-8")
    result = _seedwiki(tmp_path, "cite", "seeds/a.txt", "--p", "2", "--format", "url", "--base-url", "https://example.org/wiki/")
    assert (result.returncode, result.stdout.strip()) == (0, "https://example.org/wiki/seeds/a/#p2"), result.stderr


def test_a_seed_named_in_upper_case_is_named_with_what_to_do(tmp_path):
    """PAPER.PDF or Page.HTML is not published (a seed's name ends in its suffix in lower case):
    the build says to rename it, and `inspect` refuses it rather than reading a web page or a PDF
    as plain text."""
    (tmp_path / "seeds").mkdir()
    (tmp_path / "seeds" / "a.txt").write_text("Title\n\nText.\n", encoding="utf-8")
    (tmp_path / "seeds" / "PAPER.PDF").write_bytes(b"%PDF-1.4\n")
    (tmp_path / "seeds" / "Page.HTML").write_text("<!doctype html><title>T</title><p>Text.</p>", encoding="utf-8")
    result = _seedwiki(tmp_path, "build")
    lines = [line for line in result.stdout.splitlines() if "not published" in line]
    assert len(lines) == 1 and "PAGE.HTML" not in lines[0] and "PAPER.PDF, Page.HTML" in lines[0], lines
    assert "a seed's name ends in .txt, .md, .eml, .html, .htm, .pdf, .docx, in lower case: rename the file" in lines[0], lines
    inspected = _seedwiki(tmp_path, "inspect", str(tmp_path / "seeds" / "Page.HTML"))
    assert inspected.returncode == 1 and "rename it to Page.html" in inspected.stderr and "Traceback" not in inspected.stderr, inspected.stderr


def test_files_in_seeds_of_no_known_kind_are_told_which_names_are_seeds(tmp_path):
    (tmp_path / "seeds").mkdir()
    (tmp_path / "seeds" / "data.csv").write_text("a,b\n", encoding="utf-8")
    result = _seedwiki(tmp_path, "build")
    assert "(seeds are .txt, .md, .eml, .html, .htm, .pdf, .docx files, their sidecars .yml)" in result.stdout, result.stdout
