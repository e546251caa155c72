from __future__ import annotations

import pytest

from seedwiki.build import Project, build
from seedwiki.curate import CurationError, curate
from seedwiki.errors import LinkError
from seedwiki.ingest import ingest
from seedwiki.parse import parse

SEED = "Headline Of The Day\n\nFirst paragraph.\n\nSecond paragraph.\n"


def _curated(tmp_path, sidecar: str):
    (tmp_path / "s.txt").write_text(SEED)
    (tmp_path / "s.yml").write_text(sidecar)
    return curate(parse(ingest(tmp_path / "s.txt")))


def test_curated_values_override_detected_ones_and_say_so(tmp_path):
    doc = _curated(tmp_path, "title: Better\nkind: statement\ndate: 2022-01\ntags: [a, b]\nspeakers: {interviewee: X}\n")
    assert (doc.title, doc.title_basis) == ("Better", "curated")
    assert (doc.meta.kind, doc.is_curated("kind")) == ("statement", True)
    assert (doc.meta.date, doc.meta.date_precision, doc.meta.date_basis) == ("2022-01", "month", "stated")
    assert doc.meta.tags == ("a", "b") and doc.meta.speakers == (("interviewee", "X"),)
    assert not doc.is_curated("outlet")


def test_boilerplate_overrides_reclassify_blocks(tmp_path):
    doc = _curated(tmp_path, "boilerplate: {p3: true}\n")
    assert doc.blocks[2].kind == "boilerplate"


@pytest.mark.parametrize(
    ("sidecar", "line", "words"),
    [
        ("title: ok\ntitel: typo\n", 2, "unknown key `titel`; did you mean `title`?"),
        ("title: [not, a, string]\n", 1, "`title` must be of type string"),
        ("date: 2022-02-30\n", 1, "date '2022-02-30' does not exist"),
        ("date: 2022-13\n", 1, "does not exist"),
        ("title: a\ntitle: b\n", 2, "the key 'title' appears twice"),
        ("slug: ../etc\n", 1, "slug '../etc' is not a safe path segment"),
        ("slug: a/b\n", 1, "not a safe path segment"),
        ("date: 2022\ndate_basis: inferred\n", 2, "an inferred date needs a reason"),
        ("kind: blog\n", 1, "`kind` is 'blog'; use one of: interview"),
        ("title: !!python/object/apply:os.system ['true']\n", 1, "tags such as !!python/object are not allowed"),
        ("a: &x [1]\nb: *x\n", 2, "aliases (*name) are not allowed"),
        ("title: 'unclosed\n", 1, "found unexpected end of stream; fix the YAML"),  # the line where the quote opened
        ("- just\n- a list\n", 1, "must be a mapping"),
        ("boilerplate: {p99: true}\n", 1, "the seed has 3 paragraphs"),
        ("date_precision: day\n", 1, "'date' is a dependency of 'date_precision'"),
        ("date: 2022-01-05\ndate_precision: month\n", 2, "has day precision but date_precision says 'month'"),
    ],
)
def test_sidecar_errors_name_the_file_and_line(tmp_path, sidecar, line, words):
    with pytest.raises(CurationError) as err:
        _curated(tmp_path, sidecar)
    report = err.value.report()
    assert report.startswith(f"{tmp_path / 's.yml'}:{line}: "), report
    assert words in report


def test_a_huge_sidecar_is_refused(tmp_path):
    with pytest.raises(CurationError, match="more than"):
        _curated(tmp_path, "summary: " + "x" * 300_000 + "\n")


def test_a_sidecar_without_a_seed_is_an_error(tmp_path):
    (tmp_path / "seeds").mkdir()
    (tmp_path / "seeds" / "a.txt").write_text(SEED)
    (tmp_path / "seeds" / "b.yml").write_text("title: x\n")
    with pytest.raises(CurationError, match=r"has no seed b\.txt"):
        build(Project(tmp_path))


def test_two_sidecars_giving_one_slug_is_an_error(tmp_path):
    (tmp_path / "seeds").mkdir()
    for name in ("a", "b"):
        (tmp_path / "seeds" / f"{name}.txt").write_text(SEED + name)
        (tmp_path / "seeds" / f"{name}.yml").write_text("# curated\nslug: same\n")
    with pytest.raises(LinkError) as err:
        build(Project(tmp_path))
    report = err.value.report()
    assert report.startswith(f"{tmp_path / 'seeds' / 'b.yml'}:2: slug 'same' is already the page of ")
    assert "a.txt" in report and "choose another `slug:` here" in report
    assert not (tmp_path / "docs" / "seeds").exists()


def test_a_sidecar_slug_taking_another_seeds_file_name_slug_points_at_the_sidecar(tmp_path):
    (tmp_path / "seeds").mkdir()
    for name in ("a", "b"):
        (tmp_path / "seeds" / f"{name}.txt").write_text(SEED + name)
    (tmp_path / "seeds" / "a.yml").write_text("slug: b\n")
    with pytest.raises(LinkError) as err:
        build(Project(tmp_path))
    assert err.value.report().startswith(f"{tmp_path / 'seeds' / 'a.yml'}:1: slug 'b' is already the page of ")
