"""The copy of py3langid's model in the user's cache folder (`parse.language.model_arrays`): a
damaged copy is made again, copies of other versions go when a new one is made, and the cache
folder is never a relative one."""

from __future__ import annotations

import os
import threading
import time

import numpy as np
import pytest
from py3langid.langid import MODEL_DIR, MODEL_FILE
from py3langid.modelio import load_model

from seedwiki.inputs import user_cache_folder
from seedwiki.parse import language

MODEL = MODEL_DIR / MODEL_FILE


@pytest.fixture(scope="module")
def expected():
    return load_model(MODEL)


def _same(found, expected) -> None:
    assert len(found) == len(expected)
    for mine, theirs in zip(found, expected, strict=True):
        assert np.asarray(mine).dtype == np.asarray(theirs).dtype
        assert np.array_equal(np.asarray(mine), np.asarray(theirs))


def _from_the_copy_only(monkeypatch) -> None:
    """From here on the library's own file cannot be read: the arrays must come from the copy."""
    def refused(path):
        raise AssertionError("the library's model file was read, not the copy")

    monkeypatch.setattr("py3langid.modelio.load_model", refused)


def _cache(tmp_path, monkeypatch):
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "cache"))
    return tmp_path / "cache" / "seedwiki"


@pytest.mark.parametrize("damage", ["another array's file", "no array", "no manifest", "zeroed", "a file in its place"])
def test_a_damaged_copy_is_made_again(tmp_path, monkeypatch, damage, expected):
    folder = _cache(tmp_path, monkeypatch)
    language.model_arrays(MODEL)  # makes the copy
    [copy] = folder.iterdir()
    if damage == "another array's file":
        (copy / "ptc.npy").write_bytes((copy / "pc.npy").read_bytes())
    elif damage == "no array":
        (copy / "out_feat.npy").unlink()
    elif damage == "no manifest":
        (copy / language.MANIFEST).unlink()
    elif damage == "zeroed":
        values = np.load(copy / "ptc.npy", mmap_mode="r+")
        values[:] = 0
        values.flush()
        del values
    else:
        for path in copy.iterdir():
            path.unlink()
        copy.rmdir()
        copy.write_text("not a folder")
    _same(language.model_arrays(MODEL), expected)  # the library's arrays, whichever way
    assert [path.name for path in folder.iterdir()] == [copy.name]  # the damaged one replaced, nothing left beside it
    _from_the_copy_only(monkeypatch)
    _same(language.model_arrays(MODEL), expected)


OTHER = "0123456789abcdef0123456789abcdef"


def test_copies_of_other_versions_unused_for_a_month_go_when_a_new_copy_is_made(tmp_path, monkeypatch, expected):
    folder = _cache(tmp_path, monkeypatch)
    old = [f"langid-model-{OTHER}", f"langid-model-2-{OTHER}", f"langid-model-3-{OTHER}", f"langid-model-12-{OTHER}"]
    in_use = f"langid-model-3-{'f' * 32}"  # another version's, used yesterday: stays
    kept = ["langid-model-notes", f"langid-model-3-{OTHER}.x1y2.tmp", f"langid-model-3-{OTHER[:-1]}", f"other-model-3-{OTHER}", in_use]
    month = time.time() - language.UNUSED_SECONDS - 60
    for name in old + kept:
        (folder / name).mkdir(parents=True)
        (folder / name / "ptc.npy").write_bytes(b"old")
        os.utime(folder / name, (month, time.time() - 86400 if name == in_use else month))
    (folder / "cache.key").write_bytes(b"k" * 32)
    (folder / f"langid-model-4-{OTHER}").write_text("a file of that name: not a copy")
    os.utime(folder / f"langid-model-4-{OTHER}", (month, month))
    _same(language.model_arrays(MODEL), expected)
    names = sorted(path.name for path in folder.iterdir())
    [made] = [name for name in names if name.startswith("langid-model-3-") and name not in kept]
    assert names == sorted([made, *kept, "cache.key", f"langid-model-4-{OTHER}"])


def test_using_a_copy_marks_it_used_once_a_day_and_check_marks_nothing(tmp_path, monkeypatch):
    folder = _cache(tmp_path, monkeypatch)
    language.model_arrays(MODEL)
    (copy,) = [p for p in folder.iterdir() if p.name.startswith("langid-model-3-")]
    week = time.time() - 7 * 86400
    os.utime(copy, (week, week))
    with language.no_model_copy():
        language.model_arrays(MODEL)
    assert copy.stat().st_mtime == week  # `seedwiki check` writes nothing
    language.model_arrays(MODEL)
    assert time.time() - copy.stat().st_mtime < 60
    hour = time.time() - 3600
    os.utime(copy, (hour, hour))
    language.model_arrays(MODEL)
    assert copy.stat().st_mtime == hour  # marked at most once a day


def test_other_copies_stay_while_no_new_copy_is_made(tmp_path, monkeypatch):
    folder = _cache(tmp_path, monkeypatch)
    language.model_arrays(MODEL)
    (folder / f"langid-model-2-{OTHER}").mkdir()
    language.model_arrays(MODEL)  # the copy is there: the folder is not even listed
    assert (folder / f"langid-model-2-{OTHER}").is_dir()


@pytest.mark.parametrize("relative", ["cache", ".", "./cache", "cache/../cache"])
def test_a_relative_xdg_cache_home_is_ignored(tmp_path, monkeypatch, relative, expected):
    """The XDG Base Directory specification: a relative path in XDG_CACHE_HOME is invalid and
    ignored; the copy goes to ~/.cache, never into the working folder."""
    home, work = tmp_path / "home", tmp_path / "work"
    home.mkdir()
    work.mkdir()
    monkeypatch.setenv("HOME", str(home))
    monkeypatch.setenv("XDG_CACHE_HOME", relative)
    monkeypatch.chdir(work)
    assert user_cache_folder() == home / ".cache" / "seedwiki"
    _same(language.model_arrays(MODEL), expected)
    assert list(work.iterdir()) == []
    assert [path.name.startswith("langid-model-3-") for path in (home / ".cache" / "seedwiki").iterdir()] == [True]


def test_an_absolute_xdg_cache_home_is_used(tmp_path, monkeypatch):
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "xdg"))
    assert user_cache_folder() == tmp_path / "xdg" / "seedwiki"


@pytest.mark.parametrize("start", ["no copy", "a damaged copy"])
def test_several_makers_at_once_leave_one_whole_copy(tmp_path, monkeypatch, start, expected):
    """The parse pool's workers may all find the copy missing or damaged at once: each makes one,
    one of them stays, every maker reads the model's arrays, and no temporary folder is left."""
    folder = _cache(tmp_path, monkeypatch)
    language.model_arrays(MODEL)
    [copy] = folder.iterdir()
    if start == "no copy":
        for path in copy.iterdir():
            path.unlink()
        copy.rmdir()
    else:
        (copy / "ptc.npy").write_bytes((copy / "pc.npy").read_bytes())
    makers = 3
    barrier = threading.Barrier(makers)
    found: list = []
    failed: list = []

    def make() -> None:
        try:
            barrier.wait()
            found.append(language.model_arrays(MODEL))
        except BaseException as err:  # reported below
            failed.append(err)

    threads = [threading.Thread(target=make) for _ in range(makers)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert failed == []
    assert len(found) == makers
    for arrays in found:
        _same(arrays, expected)
    assert [path.name for path in folder.iterdir()] == [copy.name]
    _from_the_copy_only(monkeypatch)
    _same(language.model_arrays(MODEL), expected)
