"""Every CLI command against every bad input of the hostile corpus: a one-line error or a result,
never a traceback and never an internal error."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from seedwiki.cli import main

from .conftest import make_project
from .hostile import ERROR_CASES, PLAIN, PROJECT_CASES

REPORT = re.compile(r"^\S.*?(?::\d+)?: .+; .+$")

# Each command with the arguments it is given in a damaged project ({seed}: the case's seed file).
COMMANDS = [
    ("build",),
    ("lock",),
    ("inspect", "{seed}"),
    ("cite", "plain"),
    ("suggest-entities",),
    ("check-review", "{review}", "--site", "{root}/site"),
]
BAD_REVIEWS = {
    "review-not-utf8.md": b"# Review\n\nSee [a](http://127.0.0.1:8000/seeds/plain/#p1) caf\xe9.\n",
    "review-with-nul.md": b"# Review\x00\n",
}


def _project_cases():
    for case in PROJECT_CASES:
        yield pytest.param(case.setup, "seeds/plain.txt", id=case.name)
    for case in ERROR_CASES:
        files = dict(case.seed_files)

        def setup(root: Path, files=files) -> None:
            for name, data in files.items():
                (root / "seeds" / name).write_bytes(data)

        seed = f"seeds/{case.name}.txt" if case.data is not None else f"seeds/{next(iter(files))}"
        yield pytest.param(setup, seed, id=case.name[:30])


def _run(capsys, *args: str) -> tuple[int, str]:
    code = main(list(args))
    out = capsys.readouterr()
    return code, out.err


def _assert_clean(code: int, err: str, what: str) -> None:
    assert "Traceback" not in err, what
    assert code != 70 and "internal error" not in err, f"{what}: {err}"
    if code != 0:
        lines = [line for line in err.splitlines() if not line.startswith("seedwiki: ")]
        assert lines and REPORT.match(lines[-1]), f"{what}: {err!r}"


@pytest.mark.parametrize(("setup", "seed"), list(_project_cases()))
def test_no_command_prints_a_traceback_for_a_bad_project(tmp_path, capsys, setup, seed):
    (tmp_path / "seeds").mkdir()
    (tmp_path / "seeds" / "plain.txt").write_bytes(PLAIN)
    review = tmp_path / "review.md"
    review.write_text("# Review\n\nSee [the seed](http://127.0.0.1:8000/seeds/plain/#p1).\n")
    setup(tmp_path)
    codes = {}
    for command in COMMANDS:
        args = [a.format(seed=tmp_path / seed, root=tmp_path, review=review) for a in command]
        code, err = _run(capsys, "--root", str(tmp_path), *args)
        _assert_clean(code, err, " ".join(command))
        codes[command[0]] = code
    assert codes["build"] == 1


@pytest.mark.parametrize("case", PROJECT_CASES, ids=lambda c: c.name)
@pytest.mark.site
def test_check_reports_a_bad_project_without_a_traceback(tmp_path, capsys, case):
    root = make_project(tmp_path / "p", {"plain.txt": PLAIN})
    case.setup(root)
    code, err = _run(capsys, "--root", str(root), "check", "--site", str(root / "site"))
    assert code == 1
    assert "Traceback" not in err and "internal error" not in err


@pytest.mark.parametrize("name", sorted(BAD_REVIEWS))
def test_check_review_reports_a_bad_review_without_a_traceback(tmp_path, capsys, name):
    (tmp_path / name).write_bytes(BAD_REVIEWS[name])
    code, err = _run(capsys, "--root", str(tmp_path), "check-review", str(tmp_path / name), "--site", str(tmp_path / "site"))
    _assert_clean(code, err, name)


@pytest.mark.parametrize("args", [("inspect", "missing.txt"), ("inspect", "."), ("cite", "nothing"), ("build",), ("lock",), ("suggest-entities",)])
def test_commands_in_a_folder_without_seeds_report_one_line(tmp_path, capsys, args):
    args = tuple(str(tmp_path / a) if a in ("missing.txt", ".") else a for a in args)
    code, err = _run(capsys, "--root", str(tmp_path), *args)
    assert code != 0
    _assert_clean(code, err, " ".join(args))


@pytest.mark.parametrize("language", ["42", "zz", "ar_EG", "../x", '""', "[ar]"])
def test_a_theme_language_the_theme_lacks_is_one_line_naming_mkdocs_yml(tmp_path, language):
    """Material would fail on it with a traceback (a template it does not have; a number it cannot
    read); the plugin names the setting first."""
    from .conftest import mkdocs_build

    root = make_project(tmp_path / "p", {"a.txt": PLAIN})
    config = root / "mkdocs.yml"
    text = config.read_text(encoding="utf-8")
    assert text.count("\n  language: en\n") == 1
    config.write_text(text.replace("\n  language: en\n", f"\n  language: {language}\n"), encoding="utf-8")
    result = mkdocs_build(root)
    assert result.returncode == 1 and "Traceback" not in result.stderr, result.stderr[-2000:]
    assert "seedwiki: mkdocs.yml: theme.language" in result.stderr and "is not a language the theme has" in result.stderr
