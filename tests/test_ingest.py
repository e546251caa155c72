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
        (codecs.BOM_UTF16_LE + "Titre\r\nété\n".encode("utf-16-le"), "Titre\nété\n", "UTF-16 LE with BOM"),
        (codecs.BOM_UTF16_BE + "عنوان\n".encode("utf-16-be"), "عنوان\n", "UTF-16 BE with BOM"),
        (codecs.BOM_UTF32_LE + "x\n".encode("utf-32-le"), "x\n", "UTF-32 LE with BOM"),
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
        (b"ok\nline two \xe9t\xe9\n", 2, "byte 0xE9 at byte 12 is not valid UTF-8; save the file as UTF-8 and rebuild (a file written on Windows is often Windows-1252"),
        ("café\n".encode("latin-1"), 1, "byte 0xE9 at byte 3 is not valid UTF-8"),
        (codecs.BOM_UTF16_LE + "hi\nthere".encode("utf-16-le") + b"\x00\xd8", 2, "not valid UTF-16 LE with BOM"),
        (codecs.BOM_UTF16_LE + "a\nb\x00c".encode("utf-16-le"), 2, "holds a NUL character, so it is binary, not UTF-16 LE with BOM text"),
        (b"\x89PNG\r\n\x1a\n\x00\x00", 3, "NUL byte at byte 8"),
        (b"\xff\xd8\xff\xe0JFIF", 1, "byte 0xFF at byte 0 is not valid UTF-8"),
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


@pytest.mark.parametrize("nofollow", [True, False], ids=["O_NOFOLLOW", "without O_NOFOLLOW"])
def test_a_seed_that_is_a_link_is_refused_with_or_without_o_nofollow(tmp_path, monkeypatch, nofollow):
    """Where the platform has no O_NOFOLLOW (Windows), a link is refused all the same."""
    import seedwiki.ingest as ingest_module

    if not nofollow:
        monkeypatch.setattr(ingest_module, "NOFOLLOW", 0)
    (tmp_path / "secret.txt").write_text("not a seed\n")
    (tmp_path / "seeds").mkdir()
    (tmp_path / "seeds" / "a.txt").symlink_to(tmp_path / "secret.txt")
    with pytest.raises(IngestError, match="symbolic link"):
        ingest(tmp_path / "seeds" / "a.txt")
