from __future__ import annotations

import hashlib
from pathlib import Path

import pytest

from seedwiki.errors import LinkError
from seedwiki.link import link, slugify
from seedwiki.model import Seed
from seedwiki.parse import parse


@pytest.mark.parametrize(
    ("name", "slug"),
    [
        ("000_dfaa4f2b2677d4d0", "000_dfaa4f2b2677d4d0"),
        ("Press Release 2022 (final)", "press-release-2022-final"),
        ("مقابلة مع المتحدث", "مقابلة-مع-المتحدث"),
        ("Ünïcode Ñame", "ünïcode-ñame"),
        ("a\u202egnp.exe", "a-gnp-exe"),
        ("zero\u200bwidth", "zero-width"),
        ("../../etc/passwd", "etc-passwd"),
        ("...", ""),
        ("x" * 200, "x" * 80),
    ],
)
def test_slugify_makes_safe_readable_path_segments(name, slug):
    assert slugify(name) == slug


def _document(name: str, text: str = "Body.\n"):
    """A parsed seed; its hash is made from its name, so two names are two different files."""
    sha = hashlib.sha256(name.encode()).hexdigest() if name != "!!!.txt" else "ab" * 32
    return parse(Seed(path=Path(name), raw=text.encode(), sha256=sha, encoding="UTF-8", text=text))


def test_a_name_without_letters_or_digits_gets_a_slug_from_the_hash():
    (entry,) = link([_document("!!!.txt")]).entries
    assert entry.slug == "seed-" + "ab" * 6


def test_two_seeds_with_one_slug_are_an_error_naming_both():
    with pytest.raises(LinkError) as err:
        link([_document("Report.txt"), _document("report.txt")])
    assert "report.txt" in err.value.report() and "Report.txt" in err.value.report()
    assert "seeds/report/" in err.value.report()


def test_entries_are_ordered_by_title_then_slug():
    corpus = link([_document("b.txt", "Zebra\n\nx.\n"), _document("a.txt", "Apple\n\nx.\n"), _document("c.txt", "apple\n\ny.\n")])
    assert [e.slug for e in corpus.entries] == ["a", "c", "b"]


def test_two_seeds_with_the_same_bytes_are_an_error():
    same = parse(Seed(path=Path("copy.txt"), raw=b"Body.\n", sha256="cd" * 32, encoding="UTF-8", text="Body.\n"))
    original = parse(Seed(path=Path("original.txt"), raw=b"Body.\n", sha256="cd" * 32, encoding="UTF-8", text="Body.\n"))
    with pytest.raises(LinkError) as err:
        link([original, same])
    assert err.value.report() == f"copy.txt: this seed has the same bytes as original.txt (sha256 {'cd' * 6}…); keep one copy: remove the other file (and its sidecar)"
