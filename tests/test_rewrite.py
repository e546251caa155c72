"""`rewrite.PartsWritten`: a file of parts rewritten from its first changed part holds what a whole write holds."""

from __future__ import annotations

import os

import pytest

from seedwiki.rewrite import PartsWritten

BASE = [b"head\n", b"first seed\n", b"second seed\n", b"third seed\n", b"end\n"]


@pytest.mark.parametrize("parts", [
    BASE,  # nothing changed
    [b"head\n", b"first seed\n", b"second seed, longer now\n", b"third seed\n", b"end\n"],  # a part grows
    [b"head\n", b"first seed\n", b"2nd\n", b"third seed\n", b"end\n"],  # a part shrinks
    [b"HEAD\n", *BASE[1:]],  # the first part changes (same length)
    [b"head\n", b"first seed\n", b"third seed\n", b"end\n"],  # a part goes
    [*BASE[:-1], b"fourth seed\n", b"end\n"],  # a part comes
    [b"head\n"],  # all but the first go
    [*BASE, b"more\n"],  # one more at the end
])
def test_a_file_rewritten_from_its_first_changed_part_holds_the_new_parts(tmp_path, parts):
    path = tmp_path / "links.json"
    path.write_bytes(b"".join(BASE))
    written = PartsWritten()
    written.record(path, BASE)
    inode = os.stat(path).st_ino
    assert written.update(path, [bytes(part) for part in parts])  # equal parts that are other objects
    assert path.read_bytes() == b"".join(parts)
    assert os.stat(path).st_ino == inode  # in place, not a new file
    assert written.update(path, BASE) and path.read_bytes() == b"".join(BASE)  # and back


def test_a_file_changed_by_another_hand_is_not_written_by_difference(tmp_path):
    path = tmp_path / "links.json"
    path.write_bytes(b"".join(BASE))
    written = PartsWritten()
    written.record(path, BASE)
    path.write_bytes(b"someone else's\n")
    assert not written.update(path, BASE)  # the caller writes it whole
    assert path.read_bytes() == b"someone else's\n"
    path.unlink()
    assert not written.update(path, BASE)  # gone: not recorded any more either
    assert not written.update(tmp_path / "never-written", BASE)
