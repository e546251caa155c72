"""check-review on hostile reviews: work that grows with the review and no faster, files it must
refuse, and text it prints that could act on a terminal."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

import pytest

import seedwiki.review as review_module
from seedwiki.review import REVIEW_MAX_BYTES, Review, check_reviews
from seedwiki.review.markdown import _Locator
from seedwiki.review.wiki import Wiki

PARAGRAPH = "The council said there is no plan to withdraw the forces from the region this year."


@pytest.fixture
def site(tmp_path) -> Path:
    """A built site as check-review reads it: `links.json` and one seed page of one paragraph."""
    site = tmp_path / "site"
    (site / "seeds" / "s1").mkdir(parents=True)
    (site / "seeds" / "s1" / "index.html").write_text(f'<html><body><article><p id="p1">{PARAGRAPH}</p></article></body></html>')
    targets = [
        {"seed": "s1", "url": "/seeds/s1/", "page": "seeds/s1/", "anchor": "", "kind": "page", "label": "", "text": "s1"},
        {"seed": "s1", "url": "/seeds/s1/#p1", "page": "seeds/s1/", "anchor": "p1", "kind": "paragraph", "label": "¶1", "text": PARAGRAPH},
    ]
    (site / "links.json").write_text(json.dumps({"format": 1, "redirects": {}, "site_url": "http://wiki.example/", "targets": targets}))
    return site


def _steps(run: Callable[[], object]) -> int:
    """How many lines of check-review's own code `run` executes: a count of its work, not a time."""
    folder = str(Path(review_module.__file__).parent)
    count = 0

    def trace(frame, event, arg):
        nonlocal count
        if not frame.f_code.co_filename.startswith(folder):
            return None
        if event == "line":
            count += 1
        return trace

    sys.settrace(trace)
    try:
        run()
    finally:
        sys.settrace(None)
    return count


# --- work in proportion to the review -------------------------------------------------------------

REVIEWS = {
    "footnotes": lambda n: "".join(f"Claim {i}.[^{i}]\n\n" for i in range(n)) + "".join(f"[^{i}]: [source](seeds/s1/#p1)\n\n" for i in range(n)),
    "one footnote of n links cited n times": lambda n: "Said so" + "[^a] and" * n + ".\n\n[^a]: " + "[a](seeds/s1/#p1) " * n + "\n",
    "n quotations citing one footnote of n links": lambda n: "".join(f'He said "no plan to withdraw" ({i}).[^a]\n' for i in range(n)) + "\n[^a]: " + "[a](seeds/s1/#p1) " * n + "\n",
    "a blockquote of n linked lines": lambda n: "> [a](seeds/s1/#p1) no plan\n>\n" * n,
}


@pytest.mark.parametrize(("name", "n"), [("footnotes", 400), ("one footnote of n links cited n times", 150),
                                         ("n quotations citing one footnote of n links", 40), ("a blockquote of n linked lines", 300)])
@pytest.mark.slow
def test_twice_the_review_is_twice_the_work(site, tmp_path, name, n):
    """Counted in a fresh process each time (multiprocessing's spawn): the count is of
    check-review's own lines alone, whatever tests ran before in this one."""
    import multiprocessing

    with multiprocessing.get_context("spawn").Pool(1) as pool:
        small, large = pool.starmap(_review_steps, [(site, tmp_path, name, n), (site, tmp_path, name, 2 * n)])
    assert large / small < 2.3  # quadratic work would be nearly 4 times as much


def _review_steps(site: Path, folder: Path, name: str, size: int) -> int:
    wiki = Wiki.load(site, None)
    return _steps(lambda: Review(wiki, folder / "r.md").check(REVIEWS[name](size)))


def test_a_footnote_cited_many_times_holds_its_links_once(site, tmp_path, monkeypatch):
    made = []
    counted = review_module.Cited

    def cited(*args):
        made.append(1)
        return counted(*args)

    monkeypatch.setattr(review_module, "Cited", cited)
    review = tmp_path / "r.md"
    review.write_text(REVIEWS["one footnote of n links cited n times"](300))
    problems, links, _ = check_reviews([review], site, None)
    assert (problems, links) == ([], 300)
    assert len(made) <= 2 * 300  # not one per link and mark (90,000: 2.1 GiB at 4,000 of each)


class _Source(str):
    """A line of the source that counts how many characters are searched in it."""

    searched = 0

    def find(self, needle, start=0, end=None):  # type: ignore[override]
        _Source.searched += min(len(self), sys.maxsize if end is None else end) - start
        return super().find(needle, start, end)


def test_a_piece_not_in_the_source_is_looked_for_near_the_last_one_only():
    line = _Source("[a](u) x " * 100_000)
    locate = _Locator([line], 0, 1)
    _Source.searched = 0
    for _ in range(1_000):
        assert locate.find("©") == (1, 1)  # an entity's character: not in the source as written
    assert _Source.searched <= 1_000 * (_Locator.WINDOW + 1)  # not 1,000 times the 900,000-character line


# --- files that are not reviews -------------------------------------------------------------------


def _check_review(review: Path, site: Path) -> subprocess.CompletedProcess:
    """check-review in a process of its own, with 1 GiB of memory and a minute at most."""
    def limit() -> None:
        import resource  # POSIX only: this module is collected on every system

        resource.setrlimit(resource.RLIMIT_AS, (2**30, 2**30))

    return subprocess.run([sys.executable, "-m", "seedwiki.cli", "check-review", str(review), "--site", str(site)],
                          capture_output=True, text=True, timeout=60, preexec_fn=limit)


@pytest.mark.parametrize(
    ("make", "what"),
    [
        (lambda tmp: Path("/dev/zero"), "the review is a device, not a regular file; replace it with a plain file, or remove it"),
        (lambda tmp: os.mkfifo(tmp / "pipe.md") or tmp / "pipe.md", "the review is a named pipe (FIFO), not a regular file"),  # nothing ever writes to it
        (lambda tmp: (tmp / "folder.md").mkdir() or tmp / "folder.md", "the review is a folder, not a regular file"),
        (lambda tmp: (tmp / "link.md").symlink_to(tmp / "folder") or tmp / "link.md", "the review is a symbolic link, which seedwiki does not follow"),
        (lambda tmp: _sparse(tmp / "big.md", REVIEW_MAX_BYTES + 1), f"the review is {REVIEW_MAX_BYTES + 1:,} bytes, more than {REVIEW_MAX_BYTES:,}; check a review of at most 8 MiB"),
        (lambda tmp: (tmp / "latin1.md").write_bytes(b"Caf\xe9\n") and tmp / "latin1.md", "1: byte 0xE9 at byte 3 is not valid UTF-8; give a UTF-8 Markdown or text file"),
    ],
)
def test_a_review_that_is_no_regular_text_file_of_a_sensible_size_is_refused_in_one_line(site, tmp_path, make, what):
    review = make(tmp_path)
    result = _check_review(review, site)
    assert (result.returncode, result.stdout) == (2, ""), result.stderr[-500:]
    assert result.stderr.startswith(f"{review}:") and what in result.stderr and len(result.stderr.splitlines()) == 1, result.stderr


def _sparse(path: Path, size: int) -> Path:
    with path.open("wb") as file:
        file.truncate(size)
    return path


# --- what check-review prints -----------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "shown"),
    [
        ("\x1b]0;pwned\x07", "␛]0;pwned␇"),  # sets the terminal's title
        ("\x1b[2J", "␛[2J"),  # clears the screen
        ("\x1b]52;c;cHduZWQ=\x07", "␛]52;c;cHduZWQ=␇"),  # writes to the clipboard
        ("\x9b31m", "⟨U+009B⟩31m"),  # a C1 CSI
        ("\x85", "⟨U+0085⟩"),  # a C1 next line
        ("right\u202eleft", "right⟨U+202E⟩left"),  # turns the rest of the line around
        ("one\ntwo", "one␊two"),
        ("one\r::error::two", "one␍::error::two"),
        ("tab\there", "tab␉here"),
        ("one\u2028two", "one⟨U+2028⟩two"),
        ("Ünïcödé — “quoted” ¶12", "Ünïcödé — “quoted” ¶12"),  # printable text as it is
    ],
)
def test_a_finding_is_one_line_with_control_characters_shown_as_symbols(text, shown):
    problem = review_module.Problem(f"review {text}.md", 1, 2, f"link to {text}", f"did you mean {text}?")
    assert problem.report() == f"review {shown}.md:1:2: link to {shown}; did you mean {shown}?"


@pytest.mark.parametrize(
    ("markdown", "shown"),
    [
        ('He said "no plan\n::error::forged" [a](seeds/s1/#p1).\n', 'quotation “no plan ::error::forged” is not in seeds/s1/#p1'),
        ('<a href="seeds/x\n::error::forged/">x</a>\n', "link to seeds/x::error::forged/: no such page"),  # a browser drops the line break
        ('<a href="seeds\\x\n::error::forged">x</a>\n', "link to seeds\\x ::error::forged: it leaves the wiki's site"),
        ("[x](seeds/%1B%5D0;pwned%07/)\n", "link to seeds/␛]0;pwned␇/: no such page in the wiki"),
        ("[x](seeds/s1/#p1%E2%80%A8%C2%9B31m)\n", "the page has no anchor #p1⟨U+2028⟩⟨U+009B⟩31m"),
    ],
)
def test_check_review_prints_each_finding_on_one_line_that_a_terminal_shows_as_written(site, tmp_path, markdown, shown):
    review = tmp_path / "r.md"
    review.write_text(markdown, encoding="utf-8")
    result = subprocess.run([sys.executable, "-m", "seedwiki.cli", "check-review", str(review), "--site", str(site)], capture_output=True)
    out = result.stdout.decode("utf-8")
    assert result.returncode == 1 and b"\x1b" not in result.stdout and "\x9b" not in out
    assert out.count("\n") == 1 and shown in out, out
