"""Permalinks that never break: links.json, permalinks.lock, redirects for renamed seeds, `seedwiki cite`."""

from __future__ import annotations

import json
import re

import pytest
from bs4 import BeautifulSoup

from seedwiki.build import Project, build, load_corpus
from seedwiki.link.permalinks import LockError, read_lock, update_lock

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
SEED_001 = "001_daa0dd757af5786e"
URL_001 = f"http://127.0.0.1:8000/seeds/{SEED_001}/"
TITLE_000 = "Interview with Col. Myles Caggins (Deir Ezzor 24)"
TITLE_001 = "ISIS escape attempt does not pose a threat to Iraq, Coaltion says"
ON = ("--accessed", "2026-11-22")


@pytest.mark.parametrize(
    ("args", "expected"),
    [
        # an interview: the interviewee is the author, without his rank
        ((SEED_000, "--q", "8"), f"Myles Caggins. [{TITLE_000}, Q8]({URL_000}#q8). Deir Ezzor 24, n.d. (accessed 22 November 2026)."),
        ((SEED_000, "--p", "18", "--format", "text"),
         f"Myles Caggins. {TITLE_000}, Q8, ¶18. Deir Ezzor 24, n.d. {URL_000}#p18 (accessed 22 November 2026)."),
        # the interviewer's question: its speaker goes into a note, never into the authors
        ((SEED_000, "--p", "17", "--format", "text"),
         f"Myles Caggins. {TITLE_000}, Q8, ¶17. Deir Ezzor 24, n.d. {URL_000}#p17 (accessed 22 November 2026). Speaker: Deir Ezzor 24."),
        ((f"seeds/{SEED_000}.txt", "--p", "18", "--format", "url"), f"{URL_000}#p18"),
        ((f"{SEED_001}.txt", "--p", "9", "--format", "text", "--base-url", "https://example.org/wiki/"),
         f"{TITLE_001}, ¶9. Shafaq News, 23 January 2022. https://example.org/wiki/seeds/{SEED_001}/#p9 (accessed 22 November 2026)."),
        ((SEED_000,), f"Myles Caggins. [{TITLE_000}]({URL_000}). Deir Ezzor 24, n.d. (accessed 22 November 2026)."),
        ((SEED_001, "--p", "10", "--format", "pandoc"), f"[@{SEED_001}, para. 10]"),
        ((SEED_000, "--q", "8", "--format", "pandoc"), f"[@{SEED_000}, paras. 17–18]"),
        ((SEED_000, "--format", "pandoc"), f"[@{SEED_000}]"),
    ],
)
def test_cite_prints_the_citation(args, expected):
    result = _seedwiki(ROOT, "cite", *args, *ON)
    assert (result.returncode, result.stdout, result.stderr) == (0, expected + "\n", "")


def test_cite_with_a_quote_names_its_speaker_in_a_note_and_links_to_the_passage(real_site):
    result = _seedwiki(ROOT, "cite", SEED_001, "--p", "10", "--format", "html", "--quote", "display relevance", "--site", str(real_site.site_dir), *ON)
    assert (result.returncode, result.stderr) == (0, "")
    assert result.stdout == (
        f"<a href=\"{URL_001}#p10:~:text=display%20relevance\">{TITLE_001}, ¶10</a>. Shafaq News, 23 January 2022 (accessed 22 November 2026). "
        "John W. Brennan, quoted: “display relevance”.\n"
    )


def test_cite_with_a_quote_but_no_built_site_says_the_link_has_no_fragment(tmp_path):
    result = _seedwiki(ROOT, "cite", SEED_001, "--p", "10", "--format", "url", "--quote", "display relevance", "--site", str(tmp_path))
    assert result.returncode == 0 and result.stdout.endswith(f"/seeds/{SEED_001}/#p10\n")
    assert "is not built, so the URL has no text fragment" in result.stderr


def test_cite_escapes_every_markdown_active_character_in_a_title(tmp_path):
    root, _ = _tiny(tmp_path, {"a.txt": "A # Report [draft] \\ *notes* `code` <b> | ~x~ & _y_\nText.\n"})
    out = _seedwiki(root, "cite", "a", "--p", "2", *ON).stdout
    assert out == "[A \\# Report \\[draft\\] \\\\ \\*notes\\* \\`code\\` \\<b\\> \\| \\~x\\~ \\& \\_y\\_, ¶2](http://127.0.0.1:8000/seeds/a/#p2). n.d. (accessed 22 November 2026).\n"
    from markdown_it import MarkdownIt

    html = MarkdownIt("commonmark").render(out)
    assert html.count("<a ") == 1 and "<em>" not in html and "<code>" not in html and "<b>" not in html and "<h1>" not in html


@pytest.mark.parametrize(
    ("fmt", "expected"),
    [
        ("bibtex", f"""@article{{{SEED_001},
  title = {{{{ISIS}} escape attempt does not pose a threat to {{Iraq,}} {{Coaltion}} says}},
  journal = {{Shafaq News}},
  entrysubtype = {{newspaper}},
  date = {{2022-01-23}},
  year = {{2022}},
  month = jan,
  url = {{{URL_001}}},
  urldate = {{2026-11-22}},
  langid = {{en}}
}}"""),
        ("ris", f"""TY  - NEWS
ID  - {SEED_001}
TI  - {TITLE_001}
T2  - Shafaq News
DA  - 2022/01/23/
PY  - 2022
LA  - en
AB  - Shafaq News reports a Coalition press release on the ISIS attack on the Ghuwayran prison in al-Hasakah, quoting Maj. Gen. John W. Brennan, Jr., that the escape attempt left the group weaker and poses no significant threat to Iraq.
UR  - {URL_001}
Y2  - 2026/11/22
ER  - """),
    ],
)
def test_cite_gives_one_reference_manager_entry_per_source_whatever_part_is_cited(fmt, expected):
    for part in ((), ("--p", "13"), ("--p", "10", "--quote", "display relevance")):
        result = _seedwiki(ROOT, "cite", SEED_001, *part, "--format", fmt, *ON)
        assert result.stdout == expected + "\n", (part, result.stderr)


def test_cite_as_csl_json_is_a_list_of_one_item_the_same_for_every_paragraph():
    items = [json.loads(_seedwiki(ROOT, "cite", SEED_001, "--p", p, "--format", "csl-json", *ON).stdout) for p in ("10", "13")]
    assert items[0] == items[1]
    (item,) = items[0]
    assert item == {
        "id": SEED_001, "type": "article-newspaper", "title": TITLE_001, "container-title": "Shafaq News",
        "issued": {"date-parts": [[2022, 1, 23]]}, "URL": URL_001, "accessed": {"date-parts": [[2026, 11, 22]]}, "language": "en",
        "abstract": item["abstract"],
    }
    assert "author" not in item  # the article has no byline; the man it quotes did not write it


def test_an_interview_is_an_interview_by_its_interviewee_the_outlet_that_asks_its_container():
    (item,) = json.loads(_seedwiki(ROOT, "cite", SEED_000, "--p", "17", "--format", "csl-json", *ON).stdout)
    assert (item["type"], item["author"], item["container-title"]) == ("interview", [{"family": "Caggins", "given": "Myles"}], "Deir Ezzor 24")
    assert "interviewer" not in item  # the curated interviewer is the outlet itself


def _schema_validator(name: str):
    """A validator of the CSL project's JSON schema `name` (tests/csl/), its references resolved locally."""
    import jsonschema
    from referencing import Registry, Resource

    schemas = {path: json.loads((ROOT / "tests" / "csl" / path).read_text()) for path in ("csl-data.json", "csl-citation.json")}
    registry = Registry().with_resources((s["$id"], Resource.from_contents(s)) for s in schemas.values())
    return jsonschema.Draft7Validator(schemas[name], registry=registry)


@pytest.mark.parametrize(("seed", "part"), [(SEED_001, ("--p", "10")), (SEED_000, ("--q", "8")), (SEED_000, ()), (SEED_001, ("--p", "7"))])
def test_a_csl_citation_carries_the_locator_outside_the_item_and_fits_the_official_schema(seed, part):
    citation = json.loads(_seedwiki(ROOT, "cite", seed, *part, "--format", "csl-citation", *ON).stdout)
    errors = [e.message for e in _schema_validator("csl-citation.json").iter_errors(citation)]
    assert errors == []
    (cited,) = citation["citationItems"]
    expected = {"--p": (part[1:] and part[1], "paragraph"), "--q": ("17–18", "paragraph")}.get(part[0] if part else "", (None, None))
    assert (cited.get("locator"), cited.get("label")) == expected
    assert "locator" not in cited["itemData"]
    assert cited["itemData"] == json.loads(_seedwiki(ROOT, "cite", seed, "--format", "csl-json", *ON).stdout)[0]


def test_the_csl_json_items_fit_the_official_schema():
    validator = _schema_validator("csl-data.json")
    for seed in (SEED_000, SEED_001):
        data = json.loads(_seedwiki(ROOT, "cite", seed, "--format", "csl-json", *ON).stdout)
        assert [e.message for e in validator.iter_errors(data)] == []


def test_cite_refuses_a_quote_that_is_not_in_the_paragraph():
    result = _seedwiki(ROOT, "cite", SEED_000, "--p", "18", "--quote", "we will leave", *ON)
    assert result.returncode == 2 and "'we will leave' is not in seeds/" in result.stderr and "Traceback" not in result.stderr


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (("nope",), "nope: no seed has this slug or file name; give a slug from the catalogue or a file in seeds/"),
        ((SEED_000, "--q", "10"), f"seeds/{SEED_000}/ has no #q10; it has ¶1–¶20 and Q1–Q9"),
        ((SEED_001, "--q", "1"), "has no #q1; it has ¶1–¶16 and no numbered questions"),
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
    from seedwiki.link.targets import entry_anchors, entry_targets

    for entry in load_corpus(Project(ROOT)).entries:
        assert entry_anchors(entry) == [t.anchor for t in entry_targets(entry) if t.anchor]
        assert any(a.startswith("q") for a in entry_anchors(entry)) or entry.slug.startswith("001")


# --- names and kinds ------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("name", "expected"),
    [
        ("Maj. Gen. John W. Brennan, Jr.", {"family": "Brennan", "given": "John W.", "suffix": "Jr."}),
        ("Col. Myles Caggins", {"family": "Caggins", "given": "Myles"}),
        ("Secretary Antony J. Blinken", {"family": "Blinken", "given": "Antony J."}),
        ("Ambassador Linda Thomas-Greenfield", {"family": "Thomas-Greenfield", "given": "Linda"}),
        ("Jean-Marc de la Fontaine", {"family": "de la Fontaine", "given": "Jean-Marc"}),
        ("Kirby", {"family": "Kirby"}),
        ("Deir Ezzor 24", {"literal": "Deir Ezzor 24"}),
        ("Global Coalition", {"literal": "Global Coalition"}),
        ("U.S. Department of State", {"literal": "U.S. Department of State"}),
        ("VOA", {"literal": "VOA"}),
    ],
)
def test_a_name_is_structured_without_its_rank_and_an_organisation_kept_whole(name, expected):
    from seedwiki.citation import parse_name

    assert parse_name(name).csl() == expected


@pytest.mark.parametrize(
    ("byline", "expected"),
    [
        ("By Jane Doe and John Roe", ["Doe, Jane", "Roe, John"]),
        ("Jane Doe, John Roe", ["Doe, Jane", "Roe, John"]),
        ("John W. Brennan, Jr.", ["Brennan, John W., Jr."]),
        ("Jane Doe; Reuters", ["Doe, Jane", "Reuters"]),
    ],
)
def test_a_byline_gives_each_of_its_names(byline, expected):
    from seedwiki.citation import parse_names

    assert [n.inverted for n in parse_names(byline)] == expected


KIND_SEED = b"Title of the text\nBy Jane Doe\n\nThe \"words\" of Maj. Gen. John Smith, he said.\n"


@pytest.mark.parametrize(
    ("sidecar", "csl", "ris", "bibtex", "authors"),
    [
        ("kind: news article\noutlet: The Daily Planet\n", "article-newspaper", "NEWS", "article", [{"family": "Doe", "given": "Jane"}]),
        ("kind: interview\noutlet: Radio X\nspeakers:\n  interviewer: Lois Lane\n  interviewee: Maj. Gen. John Smith\n",
         "interview", "ELEC", "misc", [{"family": "Smith", "given": "John"}]),
        ("kind: press release\noutlet: Ministry of Defence\n", "report", "RPRT", "techreport", [{"literal": "Ministry of Defence"}]),
        ("kind: statement\noutlet: Global Coalition\n", "report", "RPRT", "techreport", [{"literal": "Global Coalition"}]),
        ("kind: transcript\noutlet: U.S. Department of State\n", "document", "GEN", "misc", [{"family": "Doe", "given": "Jane"}]),
    ],
)
def test_the_kind_gives_the_item_type_in_every_format_and_the_author(tmp_path, sidecar, csl, ris, bibtex, authors):
    import rispy
    from pybtex.database import parse_string

    root, _ = _tiny(tmp_path, {"a.txt": KIND_SEED.decode(), "a.yml": sidecar})
    (item,) = json.loads(_seedwiki(root, "cite", "a", "--format", "csl-json", *ON).stdout)
    assert (item["type"], item.get("author")) == (csl, authors)
    (record,) = rispy.loads(_seedwiki(root, "cite", "a", "--format", "ris", *ON).stdout)
    assert record["type_of_reference"] == ris
    entry = parse_string(_seedwiki(root, "cite", "a", "--format", "bibtex", *ON).stdout, "bibtex").entries["a"]
    assert entry.type == bibtex


# --- BibTeX ---------------------------------------------------------------------------------------


def _citation(title: str, **fields):
    import datetime

    from seedwiki.citation import WEB_PAGE, Citation, Item, Locator

    item = Item(key="a", kind=None, type=WEB_PAGE, title=title, authors=(), interviewers=(), container=None, publisher=None,
                issued=None, language="en", abstract=None, url=fields.pop("url", "https://example.org/seeds/a/"),
                source_url=None, archive_url=None)
    return Citation(item=item, locator=Locator("p3", "¶3", "3"), url=item.url + "#p3", accessed=datetime.date(2026, 11, 22), **fields)


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
        ("ISIS attack in Iraq", "{ISIS} attack in {Iraq}"),
    ],
)
def test_a_bibtex_entry_is_valid_and_balanced_whatever_the_title_holds(title, value):
    from pybtex.database import parse_string

    from seedwiki.citation import format_citation

    entry = format_citation(_citation(title, speaker="J. } Smith", quote="a { quote"), "bibtex")
    entries = parse_string(entry, "bibtex").entries  # raises on unbalanced braces or a broken entry
    assert list(entries) == ["a"]
    assert dict(entries["a"].fields) == {"title": value, "url": "https://example.org/seeds/a/", "urldate": "2026-11-22", "langid": "en"}


def test_a_bibtex_url_keeps_its_braces_balanced():
    from pybtex.database import parse_string

    from seedwiki.citation import format_citation

    entry = format_citation(_citation("T", url="https://example.org/seeds/a/:~:text=a}b{\\"), "bibtex")
    assert parse_string(entry, "bibtex").entries["a"].fields["url"] == "https://example.org/seeds/a/:~:text=a%7Db%7B%5C"


# --- the original and its archived copy -----------------------------------------------------------

ORIGINAL = "Originally published at https://example.com/a; archived at https://web.archive.org/web/2022/https://example.com/a"


@pytest.mark.parametrize(
    ("fmt", "expected"),
    [
        ("text", f"Alpha, ¶2. n.d. http://127.0.0.1:8000/seeds/a/#p2 (accessed 22 November 2026). {ORIGINAL}."),
        ("html", f'<a href="http://127.0.0.1:8000/seeds/a/#p2">Alpha, ¶2</a>. n.d. (accessed 22 November 2026). {ORIGINAL}.'),
        ("bibtex", f"  note = {{{ORIGINAL}}}"),
        ("ris", f"N1  - {ORIGINAL}"),
        ("csl-json", f'"note": "{ORIGINAL}"'),
        ("csl-citation", f'"note": "{ORIGINAL}"'),
    ],
)
def test_the_original_and_its_archive_are_in_every_format(tmp_path, fmt, expected):
    root, _ = _tiny(tmp_path, {"a.txt": "Alpha\nOne.\n", "a.yml": "source_url: https://example.com/a\narchive_url: https://web.archive.org/web/2022/https://example.com/a\n"})
    result = _seedwiki(root, "cite", "a", "--p", "2", "--format", fmt, *ON)
    assert result.returncode == 0 and expected in result.stdout, result.stderr


@pytest.mark.parametrize("value", ["javascript:alert(1)", "https://x.org/a b", "https://x.org/\u0085"])
def test_an_archive_url_must_be_a_web_address_on_one_line(tmp_path, value):
    root, _ = _tiny(tmp_path, {"a.txt": "Alpha\nOne.\n", "a.yml": f"archive_url: {json.dumps(value)}\n"})
    result = _seedwiki(root, "cite", "a")
    assert result.returncode == 1 and "a.yml:1: " in result.stderr and "archive_url" in result.stderr and "Traceback" not in result.stderr
