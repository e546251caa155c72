"""`seedwiki check` and `seedwiki check-review` on a long seed: its page links its source text
(`source.txt`) instead of copying it a second time, and its text is shown over several pages
(`link.targets.seed_parts`). The linked copy is what is checked, byte for byte; each part's page
must show its paragraphs; a review cites a paragraph of a later part at the seed's page."""

from __future__ import annotations

import re

import pytest

from seedwiki import check as check_module
from seedwiki.build import load_corpus, project_at
from seedwiki.link.targets import entry_targets, seed_parts
from seedwiki.render.seed import SOURCE_INLINE

from .conftest import make_project, mkdocs_build
from .test_browser_long_seed import transcript
from .test_cli import _seedwiki

pytestmark = pytest.mark.site  # `seedwiki check` runs mkdocs build

BASE = "http://127.0.0.1:8000/"


def _row(rows, what: str):
    return next(r for r in rows if r.what == what)


@pytest.fixture
def long_project(tmp_path):
    text = transcript(SOURCE_INLINE + 20_000)
    assert len(text.decode()) > SOURCE_INLINE
    return project_at(make_project(tmp_path / "p", {"long.txt": text}))


def test_a_long_seeds_linked_source_and_parts_pass_the_check(long_project, tmp_path):
    rows, log = check_module.check(long_project, tmp_path / "out")
    page = (tmp_path / "out" / "seeds" / "long" / "index.html").read_text(encoding="utf-8")
    assert 'href="source.txt"' in page and 'class="sw-source-text"' not in page  # linked, not copied
    assert all(r.ok for r in rows), check_module.table(rows) + log
    assert _row(rows, "source text shown exactly").passed == 1
    assert _row(rows, "long seeds' parts: each paragraph's text on its part's page").passed == 1
    assert (tmp_path / "out" / "seeds" / "long" / "part-3" / "index.html").is_file()


def test_a_long_seeds_linked_source_that_differs_fails_the_check(long_project, tmp_path, monkeypatch):
    built = check_module.mkdocs_build

    def build_then_alter(project, site_dir):
        result = built(project, site_dir)
        source = site_dir / "seeds" / "long" / "source.txt"
        source.write_bytes(source.read_bytes().replace(b"turn 7)", b"turn 8)", 1))
        return result

    monkeypatch.setattr(check_module, "mkdocs_build", build_then_alter)
    rows, _ = check_module.check(long_project, tmp_path / "out")
    assert not _row(rows, "source text shown exactly").ok and not _row(rows, "raw file published byte for byte").ok


def test_a_part_page_that_lost_a_paragraph_fails_the_check(long_project, tmp_path, monkeypatch):
    built = check_module.mkdocs_build
    lost = {}

    def build_then_drop(project, site_dir):
        result = built(project, site_dir)
        page = site_dir / "seeds" / "long" / "part-3" / "index.html"
        text = page.read_text(encoding="utf-8")
        found = re.search(r'<p id="(p\d+)" class="sw-p sw-answer"[^>]*>.*?</p>', text, re.S)
        assert found is not None
        lost["anchor"] = found.group(1)
        page.write_text(text.replace(found.group(), ""), encoding="utf-8")
        return result

    monkeypatch.setattr(check_module, "mkdocs_build", build_then_drop)
    rows, _ = check_module.check(long_project, tmp_path / "out")
    row = _row(rows, "long seeds' parts: each paragraph's text on its part's page")
    assert not row.ok and row.failures == [f"long: seeds/long/part-3/ lacks #{lost['anchor']}"]
    assert _row(rows, "paragraph anchors #p1…#pN").ok  # the seed's page still names every anchor


def test_a_review_cites_a_paragraph_of_a_later_part_at_the_seeds_page(long_project, tmp_path):
    site = tmp_path / "out"
    rows, log = check_module.check(long_project, site)
    assert all(r.ok for r in rows), check_module.table(rows) + log
    (entry,) = load_corpus(long_project).entries
    third = seed_parts(entry.document)[2]
    target = next(t for t in entry_targets(entry) if t.part == 3 and t.kind == "answer" and "no plan to withdraw forces" in t.text)
    assert int(target.anchor[1:]) - 1 in third
    cited = _seedwiki(long_project.root, "cite", "long", "--p", target.anchor[1:], "--quote", "no plan to withdraw forces",
                      "--format", "url", "--site", str(site), "--base-url", BASE)
    assert cited.returncode == 0, cited.stderr
    url = cited.stdout.strip()
    assert url.startswith(f"{BASE}seeds/long/#{target.anchor}:~:text="), url  # the permanent address, the passage matched on part 3
    review = tmp_path / "review.md"
    review.write_text(f'He said "there is no plan to withdraw forces" ([{target.label}]({BASE}seeds/long/#{target.anchor})), '
                      f"and [again]({url}).\n"
                      f'Not "the forces will withdraw at once" ([{target.label}]({BASE}seeds/long/#{target.anchor})).\n'
                      f"[The part]({BASE}seeds/long/part-3/#{target.anchor}).\n", encoding="utf-8")
    result = _seedwiki(long_project.root, "check-review", str(review), "--site", str(site), "--base-url", BASE)
    lines = result.stdout.splitlines()
    assert result.returncode == 1 and len(lines) == 2, result.stdout
    assert f"quotation “the forces will withdraw at once” is not in seeds/long/#{target.anchor}" in lines[0]
    assert (f"link to seeds/long/part-3/#{target.anchor}: a page that shows part of a long seed's text, whose permanent address is "
            f"the seed's page (seeds/long/#{target.anchor})") in lines[1] and "warning" in lines[1]


def test_a_text_fragment_that_runs_from_one_part_into_the_next_is_named_as_such(tmp_path):
    """A passage of a long seed whose words run over the end of a part (a review written before the
    seed grew long, a fragment made by hand) cannot be highlighted: a browser matches a text fragment
    within one page. The check says so, naming both parts, instead of "not in #pN" for words that are."""
    section = "The council met again and discussed the matter at length, with many voices heard. " * 800
    text = "Minutes of the council\n\n" + "\n\n".join(f"Opening of section {i}. {section}Close of section {i}." for i in range(5)) + "\n"
    root = make_project(tmp_path / "p", {"huge.txt": text.encode()})
    result = mkdocs_build(root)
    assert result.returncode == 0, result.stderr
    (entry,) = load_corpus(project_at(root)).entries
    parts = seed_parts(entry.document)
    assert len(parts) > 1 and all(len(entry.document.blocks[i].text) > 50_000 for i in range(1, len(entry.document.blocks)))
    last = parts[0][-1]  # the last paragraph on the seed's page, and the first of part 2
    ending, opening = entry.document.blocks[last].text.split()[-4:], entry.document.blocks[last + 1].text.split()[:4]
    words = f"{' '.join(ending)},{' '.join(opening)}".replace(" ", "%20")
    review = tmp_path / "review.md"
    review.write_text(f"The minutes: [across]({BASE}seeds/huge/#p{last + 1}:~:text={words}).\n"
                      f"[Within]({BASE}seeds/huge/#p{last + 2}:~:text={'%20'.join(opening)}).\n", encoding="utf-8")
    checked = _seedwiki(root, "check-review", str(review), "--site", str(root / "site"), "--base-url", BASE)
    lines = checked.stdout.splitlines()
    assert checked.returncode == 1 and len(lines) == 1 and lines[0].startswith(f"{review}:1:"), checked.stdout
    assert (f"runs from seeds/huge/#p{last + 1} on part 1 of the seed's {len(parts)} pages into part 2 (seeds/huge/part-2/)" in lines[0]
            and "a browser highlights a passage within one page" in lines[0]), lines[0]
