"""Permalinks that never break: links.json, permalinks.lock, redirects for renamed seeds, `seedwiki cite`."""

from __future__ import annotations

import json
import re

import pytest
from bs4 import BeautifulSoup

from seedwiki.build import Project, build, load_corpus
from seedwiki.lock import LockError, read_lock, update_lock

from .conftest import ROOT, SEEDS, make_project, mkdocs_build
from .test_cli import _seedwiki

LOCK = ROOT / "permalinks.lock"
SEED_000 = "000_dfaa4f2b2677d4d0"


def _ids(html: str) -> set[str]:
    return {el["id"] for el in BeautifulSoup(html, "html.parser").select("article [id]")}


def _links(site) -> dict:
    return json.loads((site.site_dir / "links.json").read_text(encoding="utf-8"))


def test_every_locked_page_and_anchor_resolves_in_the_built_site(real_site):
    entries = read_lock(LOCK)
    assert {e.page for e in entries} == {f"seeds/{p.stem}/" for p in SEEDS}
    for entry in entries:
        ids = _ids(real_site.html(entry.page))
        missing = [a for a in entry.anchors if a not in ids]
        assert missing == [], f"permalinks.lock:{entry.line}: {entry.page} lost {missing}"


def test_the_lock_lists_every_anchor_the_site_publishes(real_site):
    locked = {(e.page, a) for e in read_lock(LOCK) for a in e.anchors}
    published = {(t["page"], t["anchor"]) for t in _links(real_site)["targets"] if t["anchor"]}
    assert published - locked == set(), "run `make lock` and commit permalinks.lock"
    assert len(published) == 45  # seed 000: ¶1–¶20 and Q1–Q9; seed 001: ¶1–¶16


def test_links_json_has_every_anchor_of_the_page_with_its_exact_text(real_site):
    targets = _links(real_site)["targets"]
    for seed in SEEDS:
        page = f"seeds/{seed.stem}/"
        mine = [t for t in targets if t["page"] == page]
        html_anchors = {i for i in _ids(real_site.html(page)) if re.fullmatch(r"[pq]\d+", i)}
        assert {t["anchor"] for t in mine if t["anchor"]} == html_anchors
        text = seed.read_text(encoding="utf-8")
        assert all(t["text"] in text for t in mine if t["anchor"])
        assert {t["sha256"] for t in mine} == {json.loads(_seedwiki(ROOT, "inspect", str(seed)).stdout)["sha256"]}
    q8 = next(t for t in targets if t["page"] == f"seeds/{SEED_000}/" and t["anchor"] == "q8")
    assert q8 == {**q8, "kind": "question", "label": "Q8", "url": f"http://127.0.0.1:8000/seeds/{SEED_000}/#q8"}
    assert q8["text"].startswith("8- There are great fears")


# --- the lock -------------------------------------------------------------------------------------


def _tiny(tmp_path, seeds: dict[str, str]):
    root = make_project(tmp_path / "site", {k: v.encode() for k, v in seeds.items()})
    return root, Project(root)


def test_lock_adds_new_pages_and_anchors_and_never_removes(tmp_path):
    root, project = _tiny(tmp_path, {"a.txt": "Alpha\nOne.\n"})
    assert update_lock(project.lock_path, load_corpus(project)) == (1, 2)
    assert update_lock(project.lock_path, load_corpus(project)) == (0, 0)
    (root / "seeds" / "b.txt").write_text("Beta\nOne.\nTwo.\n")
    assert update_lock(project.lock_path, load_corpus(project)) == (1, 3)
    assert [(e.page, e.anchors) for e in read_lock(project.lock_path)] == [("seeds/a/", ["p1", "p2"]), ("seeds/b/", ["p1", "p2", "p3"])]


def test_a_removed_seed_fails_the_build_at_its_lock_line(tmp_path):
    root, project = _tiny(tmp_path, {"a.txt": "Alpha\nOne.\n", "b.txt": "Beta\nOne.\n"})
    update_lock(project.lock_path, load_corpus(project))
    (root / "seeds" / "b.txt").unlink()
    with pytest.raises(LockError) as err:
        build(project)
    assert err.value.report().startswith(f"{project.lock_path}:5: seeds/b/ is published, but no seed has its sha256 ")
    result = mkdocs_build(root)
    assert result.returncode == 1 and "permalinks.lock:5: seeds/b/ is published" in result.stderr
    assert "Traceback" not in result.stderr


def test_a_lost_anchor_fails_the_build(tmp_path):
    _root, project = _tiny(tmp_path, {"a.txt": "Alpha\nOne.\n"})
    update_lock(project.lock_path, load_corpus(project))
    lock = project.lock_path.read_text().replace(" p2", " p2 p3 q1")
    project.lock_path.write_text(lock)
    with pytest.raises(LockError, match=r"seeds/a/ no longer has the locked anchor\(s\) #p3, #q1"):
        build(project)


@pytest.mark.parametrize("line", ["seeds/a/ p1", "seeds/a sha256:" + "0" * 64, "/etc/passwd sha256:" + "0" * 64 + " p1"])
def test_a_malformed_lock_line_is_an_error_naming_it(tmp_path, line):
    _, project = _tiny(tmp_path, {"a.txt": "Alpha\n"})
    project.lock_path.write_text("# comment\n" + line + "\n")
    with pytest.raises(LockError) as err:
        build(project)
    assert err.value.report().startswith(f"{project.lock_path}:2: this line is not ")


def test_a_new_seed_may_not_take_a_locked_page(tmp_path):
    root, project = _tiny(tmp_path, {"a.txt": "Alpha\nOne.\n"})
    update_lock(project.lock_path, load_corpus(project))
    (root / "seeds" / "a.yml").write_text("slug: renamed\n")
    (root / "seeds" / "b.txt").write_text("Beta\n")
    (root / "seeds" / "b.yml").write_text("slug: a\n")
    with pytest.raises(LockError, match="seeds/a/ was published for the seed with sha256"):
        build(project)


def test_a_renamed_seed_redirects_its_old_page_with_the_anchor(tmp_path):
    root, project = _tiny(tmp_path, {"a.txt": "Alpha\nOne.\nTwo.\n"})
    update_lock(project.lock_path, load_corpus(project))
    (root / "seeds" / "a.yml").write_text("slug: alpha\n")
    result = mkdocs_build(root)
    assert result.returncode == 0, result.stderr
    old = (root / "site" / "seeds" / "a" / "index.html").read_text()
    assert 'location.href="../alpha/"+(anchor?"#"+anchor:"")' in old
    assert '<meta http-equiv="refresh" content="0; url=../alpha/">' in old
    assert (root / "site" / "seeds" / "alpha" / "index.html").is_file()
    assert json.loads((root / "site" / "links.json").read_text())["redirects"] == {"seeds/a/": "seeds/alpha/"}


# --- seedwiki cite --------------------------------------------------------------------------------


URL_000 = f"http://127.0.0.1:8000/seeds/{SEED_000}/"
TITLE_000 = "Interview with Col. Myles Caggins (Deir Ezzor 24)"
ON = ("--accessed", "2026-11-22")


@pytest.mark.parametrize(
    ("args", "expected"),
    [
        ((SEED_000, "--q", "8"), f"Col. Myles Caggins: [{TITLE_000}, Q8]({URL_000}#q8). Deir Ezzor 24, n.d. (accessed 22 November 2026)."),
        ((SEED_000, "--p", "18", "--format", "text"),
         f"Col. Myles Caggins: {TITLE_000}, Q8, ¶18. Deir Ezzor 24, n.d. {URL_000}#p18 (accessed 22 November 2026)."),
        ((SEED_000, "--p", "17", "--format", "text"),
         f"Deir Ezzor 24: {TITLE_000}, Q8, ¶17. Deir Ezzor 24, n.d. {URL_000}#p17 (accessed 22 November 2026)."),
        ((f"seeds/{SEED_000}.txt", "--p", "18", "--format", "url"), f"{URL_000}#p18"),
        (("001_daa0dd757af5786e.txt", "--p", "9", "--format", "text", "--base-url", "https://example.org/wiki/"),
         "ISIS escape attempt does not pose a threat to Iraq, Coaltion says, ¶9. Shafaq News, 23 January 2022. https://example.org/wiki/seeds/001_daa0dd757af5786e/#p9 (accessed 22 November 2026)."),
        ((SEED_000,), f"[{TITLE_000}]({URL_000}). Deir Ezzor 24, n.d. (accessed 22 November 2026)."),
    ],
)
def test_cite_prints_the_citation(args, expected):
    result = _seedwiki(ROOT, "cite", *args, *ON)
    assert (result.returncode, result.stdout, result.stderr) == (0, expected + "\n", "")


def test_cite_with_a_quote_names_its_speaker_and_links_to_the_passage(real_site):
    result = _seedwiki(ROOT, "cite", "001_daa0dd757af5786e", "--p", "10", "--format", "html", "--quote", "display relevance", "--site", str(real_site.site_dir), *ON)
    assert (result.returncode, result.stderr) == (0, "")
    assert result.stdout == (
        "Maj. Gen. John W. Brennan, Jr.: “display relevance” <a href=\"http://127.0.0.1:8000/seeds/001_daa0dd757af5786e/#p10:~:text=display%20relevance\">"
        "ISIS escape attempt does not pose a threat to Iraq, Coaltion says, ¶10</a>. Shafaq News, 23 January 2022 (accessed 22 November 2026).\n"
    )


def test_cite_with_a_quote_but_no_built_site_says_the_link_has_no_fragment(tmp_path):
    result = _seedwiki(ROOT, "cite", "001_daa0dd757af5786e", "--p", "10", "--format", "url", "--quote", "display relevance", "--site", str(tmp_path))
    assert result.returncode == 0 and result.stdout.endswith("/seeds/001_daa0dd757af5786e/#p10\n")
    assert "is not built, so the URL has no text fragment" in result.stderr


def test_cite_escapes_every_markdown_active_character_in_a_title(tmp_path):
    root, _ = _tiny(tmp_path, {"a.txt": "# Report [draft] \\ *notes* `code` <b> | ~x~ & _y_\nText.\n"})
    out = _seedwiki(root, "cite", "a", "--p", "2", *ON).stdout
    assert out == "[\\# Report \\[draft\\] \\\\ \\*notes\\* \\`code\\` \\<b\\> \\| \\~x\\~ \\& \\_y\\_, ¶2](http://127.0.0.1:8000/seeds/a/#p2). n.d. (accessed 22 November 2026).\n"
    from markdown_it import MarkdownIt

    html = MarkdownIt("commonmark").render(out)
    assert html.count("<a ") == 1 and "<em>" not in html and "<code>" not in html and "<b>" not in html and "<h1>" not in html


@pytest.mark.parametrize(
    ("fmt", "expected"),
    [
        ("bibtex", f"""@misc{{{SEED_000}-q8,
  title = {{Interview with Col. Myles Caggins (Deir Ezzor 24)}},
  howpublished = {{Deir Ezzor 24}},
  note = {{Q8; Col. Myles Caggins}},
  url = {{{URL_000}#q8}},
  urldate = {{2026-11-22}},
  language = {{en}}
}}"""),
        ("ris", f"""TY  - NEWS
ID  - {SEED_000}-q8
TI  - Interview with Col. Myles Caggins (Deir Ezzor 24)
T2  - Deir Ezzor 24
AU  - Col. Myles Caggins
LA  - en
UR  - {URL_000}#q8
Y2  - 2026/11/22
N1  - Q8
ER  - """),
    ],
)
def test_cite_gives_reference_manager_formats(fmt, expected):
    result = _seedwiki(ROOT, "cite", SEED_000, "--q", "8", "--format", fmt, *ON)
    assert result.stdout == expected + "\n", result.stderr


def test_cite_as_csl_json_is_one_item_with_the_issued_date():
    result = _seedwiki(ROOT, "cite", "001_daa0dd757af5786e", "--p", "13", "--format", "csl-json", *ON)
    (item,) = json.loads(result.stdout)
    assert item["issued"] == {"date-parts": [[2022, 1, 23]]} and item["container-title"] == "Shafaq News"
    assert item["locator"] == "¶13" and item["URL"].endswith("/seeds/001_daa0dd757af5786e/#p13")


def test_cite_refuses_a_quote_that_is_not_in_the_paragraph():
    result = _seedwiki(ROOT, "cite", SEED_000, "--p", "18", "--quote", "we will leave", *ON)
    assert result.returncode == 2 and "'we will leave' is not in seeds/" in result.stderr and "Traceback" not in result.stderr


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (("nope",), "nope: no seed has this slug or file name; give a slug from the catalogue or a file in seeds/"),
        ((SEED_000, "--q", "10"), f"seeds/{SEED_000}/ has no #q10; it has ¶1–¶20 and Q1–Q9"),
        (("001_daa0dd757af5786e", "--q", "1"), "has no #q1; it has ¶1–¶16 and no numbered questions"),
    ],
)
def test_cite_of_something_that_does_not_exist_exits_2(args, message):
    result = _seedwiki(ROOT, "cite", *args)
    assert result.returncode == 2 and message in result.stderr and "Traceback" not in result.stderr


@pytest.mark.parametrize("address", ['https://x.org/"><script>alert(1)</script>', "javascript:alert(1)", "https://x.org/a b"])
def test_cite_refuses_an_address_with_markup_or_another_scheme(address):
    result = _seedwiki(ROOT, "cite", SEED_000, "--p", "18", "--base-url", address)
    assert result.returncode == 1 and result.stdout == "" and "--base-url: " in result.stderr and "Traceback" not in result.stderr


def test_the_locks_anchors_are_the_citable_targets_anchors():
    from seedwiki.cite import entry_targets
    from seedwiki.lock import entry_anchors

    for entry in load_corpus(Project(ROOT)).entries:
        assert entry_anchors(entry) == [t.anchor for t in entry_targets(entry) if t.anchor]
        assert any(a.startswith("q") for a in entry_anchors(entry)) or entry.slug.startswith("001")


# --- BibTeX ---------------------------------------------------------------------------------------


def _citation(title: str, **fields):
    import datetime

    from seedwiki.cite import Citation

    values = {"title": title, "locator": "¶3", "outlet": None, "date": "n.d.", "iso_date": None, "language": "en", "speaker": None,
              "quote": None, "url": "https://example.org/seeds/a/#p3", "accessed": datetime.date(2026, 11, 22), **fields}
    return Citation(**values)


@pytest.mark.parametrize(
    ("title", "value"),
    [
        ("An unbalanced } brace", r"An unbalanced {\textbraceright} brace"),
        ("{ opens and never closes", r"{\textbraceleft} opens and never closes"),
        ("}{ reversed", r"{\textbraceright}{\textbraceleft} reversed"),
        ("A {balanced} pair", r"A {\textbraceleft}balanced{\textbraceright} pair"),
        ("}},\n  note = {injected", r"{\textbraceright}{\textbraceright}, note = {\textbraceleft}injected"),
        ("@misc{evil, title={x}}", r"@misc{\textbraceleft}evil, title={\textbraceleft}x{\textbraceright}{\textbraceright}"),
        ("back\\slash \\}", r"back{\textbackslash}slash {\textbackslash}{\textbraceright}"),
        ("50% & $5 #1 _x_", r"50\% \& \$5 \#1 \_x\_"),
        ("a~b and x^2", r"a{\textasciitilde}b and x{\textasciicircum}2"),
        ("Arabic: هذا المنشور “quoted”", "Arabic: هذا المنشور “quoted”"),
    ],
)
def test_a_bibtex_entry_is_valid_and_balanced_whatever_the_title_holds(title, value):
    from pybtex.database import parse_string

    from seedwiki.cite import format_citation

    entry = format_citation(_citation(title, speaker="J. } Smith", quote="a { quote"), "bibtex", key="a-p3")
    entries = parse_string(entry, "bibtex").entries  # raises on unbalanced braces or a broken entry
    assert list(entries) == ["a-p3"]
    fields = entries["a-p3"].fields
    assert dict(fields) == {"title": value, "note": r"¶3; J. {\textbraceright} Smith: “a {\textbraceleft} quote”",
                            "url": "https://example.org/seeds/a/#p3", "urldate": "2026-11-22", "language": "en"}


def test_a_bibtex_url_keeps_its_braces_balanced():
    from pybtex.database import parse_string

    from seedwiki.cite import format_citation

    entry = format_citation(_citation("T", url="https://example.org/seeds/a/#p3:~:text=a}b{\\"), "bibtex", key="k")
    assert parse_string(entry, "bibtex").entries["k"].fields["url"] == "https://example.org/seeds/a/#p3:~:text=a%7Db%7B%5C"
