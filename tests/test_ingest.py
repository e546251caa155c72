from __future__ import annotations

import codecs

import pytest

from seedwiki.errors import IngestError
from seedwiki.ingest import discover, ingest


@pytest.mark.parametrize(
    ("data", "text", "encoding"),
    [
        (b"Title\n\nBody.\n", "Title\n\nBody.\n", "UTF-8"),
        (codecs.BOM_UTF8 + "عنوان\n".encode(), "عنوان\n", "UTF-8 with BOM"),
        (b"a\r\nb\rc\n", "a\nb\nc\n", "UTF-8"),
    ],
)
def test_ingest_decodes_and_normalises_newlines_but_keeps_raw_bytes(tmp_path, data, text, encoding):
    path = tmp_path / "s.txt"
    path.write_bytes(data)
    seed = ingest(path)
    assert (seed.text, seed.encoding, seed.raw) == (text, encoding, data)
    assert len(seed.sha256) == 64


@pytest.mark.parametrize(
    ("data", "line", "words"),
    [
        (b"ok\nline two \xe9t\xe9\n", 2, "byte 0xE9 at byte 12 is not valid UTF-8"),
        (codecs.BOM_UTF16_LE + "hi".encode("utf-16-le"), 1, "UTF-16"),
        (b"\x89PNG\r\n\x1a\n\x00\x00", 3, "NUL byte at byte 8"),
        (b"", 1, "no text"),
        (b" \n\t\n", 1, "no text"),
    ],
)
def test_undecodable_or_empty_seeds_get_an_error_with_file_and_line(tmp_path, data, line, words):
    path = tmp_path / "bad.txt"
    path.write_bytes(data)
    with pytest.raises(IngestError) as err:
        ingest(path)
    assert err.value.report().startswith(f"{path}:{line}: ")
    assert words in err.value.report()


def test_discover_lists_txt_files_in_name_order_and_skips_hidden_and_other_files(tmp_path):
    for name in ["b.txt", "a.txt", ".hidden.txt", "a.yml", "notes.md"]:
        (tmp_path / name).write_text("x")
    assert [p.name for p in discover(tmp_path)] == ["a.txt", "b.txt"]


def test_a_missing_seeds_folder_is_an_error(tmp_path):
    with pytest.raises(IngestError, match="does not exist"):
        discover(tmp_path / "seeds")
