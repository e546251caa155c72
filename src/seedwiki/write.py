"""write: generated pages become files under docs/, all at once or not at all.

The generator owns a few folders of docs/ (`GENERATED_ROOTS`) and lists what it wrote in a
manifest. A first build (no manifest) stages the complete set of files beside them, marks the
staging folder committed, then swaps the folders in. A later build stages only the files whose
bytes changed, marks the staging folder committed with the list of them and of the files that
go, then moves each into place: a one-seed edit at 1,000 seeds touches a few files, not the
2,456 the whole set is (each linked into a staged copy of every folder, and the old copy removed).
Either way, an error or a kill before the mark leaves the previous pages as they were; a kill
after it is finished by the next build, so docs/ never holds a mix once a build has run. Files
whose bytes did not change are not touched, so they keep their modification times. When nothing
changed, nothing is touched at all.
"""

from __future__ import annotations

import contextlib
import errno
import hashlib
import json
import os
import re
import shutil
import stat
import time
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from json.encoder import encode_basestring_ascii as _json_string  # a JSON string as json.dumps writes it (ensure_ascii)
from pathlib import Path, PurePosixPath
from typing import IO, Any

from filelock import FileLock, Timeout

from .errors import BusyError, ConfigError, WriteError
from .inputs import RACY_NS
from .memo import Memo
from .model import Deferred, Page
from .rewrite import file_status

# The folders of docs/ the generator owns (assets.ASSET_ROOT is "seedwiki"); the plugin keeps them out of
# the navigation, `seedwiki clean` removes them.
GENERATED_ROOTS = ("seeds", "catalogue", "entities", "quotes", "timeline", "seedwiki")
MANIFEST = ".seedwiki-manifest.json"
STAGING = ".seedwiki-staging"
RETIRED = ".seedwiki-retired"
COMMITTED = "COMMITTED"  # present in the staging folder once it holds the complete new set


@dataclass(frozen=True)
class WriteResult:
    written: int  # files whose bytes are new or changed
    unchanged: int
    removed: int  # stale files of the previous build that are gone now


@contextlib.contextmanager
def naming(path: Path) -> Iterator[None]:
    """An `OSError` raised inside names `path` when it names no file of its own (a write that
    fails on a full disk reports no file name)."""
    try:
        yield
    except OSError as err:
        if err.filename is None:
            err.filename = str(path)
        raise


TEMPORARY = ".seedwiki-part"  # the suffix of a file being written


@contextlib.contextmanager
def whole_file(path: Path, binary: bool = False) -> Iterator[IO[Any]]:
    """A text file (UTF-8), or a `binary` one, to write `path` through: it becomes `path` once the
    block ends without error. An `OSError` of the write names `path` (not the temporary file, nor
    no file at all, as a failed write does); one that names another file (a file read inside the
    block) keeps its name."""
    tmp = path.with_name(path.name + TEMPORARY)
    try:
        with (tmp.open("wb") if binary else tmp.open("w", encoding="utf-8")) as file:
            yield file
        os.replace(tmp, path)
    except BaseException as err:
        with contextlib.suppress(OSError):
            tmp.unlink(missing_ok=True)
        if isinstance(err, OSError) and err.filename in (None, str(tmp), str(path)):
            err.filename, err.filename2 = str(path), None
        raise


def write_whole(path: Path, text: str) -> None:
    """`path` holds `text`, written whole (`whole_file`)."""
    with whole_file(path) as file:
        file.write(text)


def is_generated_path(path: str) -> bool:
    """Whether `path` (relative to docs/) names a file inside one of the generator's folders."""
    rel = PurePosixPath(path)
    return not rel.is_absolute() and ".." not in rel.parts and len(rel.parts) >= 2 and rel.parts[0] in GENERATED_ROOTS


def unlinked_file(docs_dir: Path, path: str) -> Path | None:
    """docs/`path` when it is a generated file reached without passing a symbolic link (a folder of
    docs/seeds/ replaced by a link must not lead a removal out of docs/); else None."""
    if not is_generated_path(path):
        return None
    target = docs_dir / path
    folder = target.parent
    if folder.resolve() != docs_dir.resolve().joinpath(*PurePosixPath(path).parts[:-1]):
        return None
    return target if target.is_file() or target.is_symlink() else None


def _checked_path(path: str) -> PurePosixPath:
    if not is_generated_path(path):
        raise WriteError(path, "a generated page would land outside the generator's folders", "report this as a bug")
    return PurePosixPath(path)


def _claim(path: str, files: set[str]) -> PurePosixPath:
    """The checked relative path of a page, added to `files`; a second page for it is a bug."""
    rel = _checked_path(path)
    if rel.as_posix() in files:
        raise WriteError(path, "two generated pages share this path", "report this as a bug")
    files.add(rel.as_posix())
    return rel


_PLAIN_PATH = re.compile(r"(?:[^/\0]+/)+[^/\0]+")  # relative, two parts or more, none empty


def _claim_name(path: str, files: set[str]) -> str:
    """As `_claim`, the path as a string: a path already in its plain form (no empty, "." or ".."
    part: every page's) is checked without making a path object of it."""
    if _PLAIN_PATH.fullmatch(path) and "/." not in path and path.split("/", 1)[0] in GENERATED_ROOTS:
        if path in files:
            raise WriteError(path, "two generated pages share this path", "report this as a bug")
        files.add(path)
        return path
    return _claim(path, files).as_posix()


def generated_files(docs_dir: Path, held: dict[str, tuple[FolderStatus, list[str], list[str]]] | None = None) -> set[str]:
    """Every file now in the generated folders, as paths relative to docs/; a symbolic link to a
    folder counts as a file (it is not followed, and no build makes one). `held` (under serve,
    kept in the memo): each folder's entries as listed by the previous call, used again while the
    folder's status is the one recorded then (its entries cannot change without its modification
    and change times changing); one changed less than `RACY_NS` before it was listed is listed again."""
    found: set[str] = set()
    if held is None:
        for root in GENERATED_ROOTS:
            _walk(os.path.join(docs_dir, root), root, found)
        return found
    seen: dict[str, tuple[FolderStatus, list[str], list[str]]] = {}
    recent = time.time_ns() - RACY_NS
    for root in GENERATED_ROOTS:
        _walk_held(os.path.join(docs_dir, root), root, found, held, seen, recent)
    held.clear()
    held.update(seen)
    return found


FolderStatus = tuple[int, int, int, int]


def _walk_held(folder: str, rel: str, found: set[str], held: dict[str, tuple[FolderStatus, list[str], list[str]]],
               seen: dict[str, tuple[FolderStatus, list[str], list[str]]], recent: int) -> None:
    """`_walk`, with each folder's entries from `held` while its status is unchanged (`generated_files`)."""
    try:
        info = os.stat(folder)  # a generated root that is a link is listed (as `_walk` lists it); links below are not followed
    except OSError:
        return
    if not stat.S_ISDIR(info.st_mode):
        return
    status = (info.st_dev, info.st_ino, info.st_mtime_ns, info.st_ctime_ns)
    entry = held.get(folder)
    if entry is None or entry[0] != status:
        dirs: list[str] = []
        files: list[str] = []
        try:
            for item in os.scandir(folder):
                (dirs if item.is_dir(follow_symlinks=False) else files).append(item.name)
        except OSError:
            return
        entry = (status, dirs, files)
    if max(status[2], status[3]) < recent:
        seen[folder] = entry
    found.update(f"{rel}/{name}" for name in entry[2])
    for name in entry[1]:
        _walk_held(f"{folder}/{name}", f"{rel}/{name}", found, held, seen, recent)


def _walk(folder: str, rel: str, found: set[str]) -> None:
    """Add `rel`/… for every entry below `folder` that is not a folder (links not followed). One
    `scandir` a folder and no other call (the folders of 5,000 seed pages: 0.26 s with `os.walk`)."""
    try:
        entries = list(os.scandir(folder))
    except OSError:  # as os.walk: a folder that cannot be listed is left out
        return
    for entry in entries:
        if entry.is_dir(follow_symlinks=False):
            _walk(entry.path, f"{rel}/{entry.name}", found)
        else:
            found.add(f"{rel}/{entry.name}")


def read_manifest(docs_dir: Path) -> set[str]:
    return set(read_manifest_digests(docs_dir))


def committed_files(docs_dir: Path) -> set[str]:
    """The files of the update that a killed build committed to and did not finish (its staged
    manifest, which lists them before they move in); none when there is none, or it is unreadable."""
    if not (docs_dir / STAGING / COMMITTED).exists():
        return set()
    try:
        return read_manifest(docs_dir / STAGING)
    except WriteError:
        return set()


def read_manifest_digests(docs_dir: Path) -> dict[str, str]:
    """Every file the build wrote, relative to docs/, with the sha256 of the bytes it wrote ("" in
    a manifest from before they were recorded); {} when there is no manifest."""
    try:
        manifest = json.loads((docs_dir / MANIFEST).read_text(encoding="utf-8"))
        digests = manifest.get("sha256", {})
        return {str(name): str(digests.get(name, "")) for name in manifest["files"]}
    except FileNotFoundError:
        return {}
    except (ValueError, KeyError, TypeError, AttributeError):
        raise WriteError(docs_dir / MANIFEST, "the manifest of generated files is unreadable", "delete it and the folders it names, then rebuild") from None


def _manifest_text(digests: dict[str, str], quoted: dict[str, str] | None = None) -> str:
    """The manifest's JSON text. `quoted`: each name as a JSON string, kept from one build to the
    next under serve, where the text is put together from them, the same text as `json.dumps`
    makes with `indent=0` (whose encoder is Python's, not C's: 0.15 s a save at 10,000 seeds)."""
    if quoted is None or not digests:
        return json.dumps({"files": sorted(digests), "sha256": dict(sorted(digests.items()))}, indent=0) + "\n"
    names = sorted(digests)
    names_quoted = [quoted.get(name) or quoted.setdefault(name, _json_string(name)) for name in names]
    return ('{\n"files": [\n' + ",\n".join(names_quoted) + '\n],\n"sha256": {\n'
            + ",\n".join(f"{name_quoted}: {_json_string(digests[name])}" for name_quoted, name in zip(names_quoted, names, strict=True))
            + "\n}\n}\n")


def _sha256(content: bytes) -> str:
    return hashlib.sha256(content).hexdigest()


VERIFIED = ".seedwiki-verified.json"  # in docs/: each generated file's status when its bytes were last found unedited


def _status(path: Path | str) -> list[int] | None:
    """A regular file's size, inode, and modification and change times; None for anything else. Its
    content cannot change without its change time changing, which only the system's clock sets."""
    try:
        status = os.lstat(path)
    except OSError:
        return None
    if not stat.S_ISREG(status.st_mode):
        return None
    return [status.st_size, status.st_ino, status.st_mtime_ns, status.st_ctime_ns]


def edited_files(docs_dir: Path, record: bool = True) -> list[str]:
    """The files the manifest lists whose bytes are not the ones the build wrote (edited by hand,
    replaced by something that is not a regular file, or gone), relative to docs/. A file whose
    status is the one recorded (in `VERIFIED`) when its bytes were last found to be the manifest's
    is not read again; one changed in the last `RACY_NS` before that is never recorded, so it is
    read every time (as git treats a racily clean file). Without `record` (`seedwiki check`, which
    writes nothing), what was found is not recorded."""
    verified = _read_verified(docs_dir)
    now, changed, edited = time.time_ns(), False, []
    digests = read_manifest_digests(docs_dir)
    folder = os.fspath(docs_dir)
    for name, digest in sorted(digests.items()):
        status = _status(f"{folder}/{name}")
        if status is not None and digest and verified.get(name) == [*status, digest]:
            continue
        path = docs_dir / name
        try:
            same = status is not None and _sha256(path.read_bytes()) == digest
        except OSError:
            same = False
        if not same:
            edited.append(name)
            changed |= verified.pop(name, None) is not None
        elif status is not None and _status(path) == status and max(status[2], status[3]) < now - RACY_NS:
            verified[name] = [*status, digest]
            changed = True
    for name in [name for name in verified if name not in digests]:  # files no build writes any more
        del verified[name]
        changed = True
    if changed and record:
        _record_verified(docs_dir, verified)
    return edited


def _read_verified(docs_dir: Path) -> dict[str, list]:
    try:
        verified = json.loads((docs_dir / VERIFIED).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}
    return verified if isinstance(verified, dict) else {}


def _record_verified(docs_dir: Path, verified: dict[str, list]) -> None:
    tmp = docs_dir / (VERIFIED + ".tmp")
    with contextlib.suppress(OSError):  # not recorded: the next check reads the files again
        tmp.write_text(json.dumps(verified), encoding="utf-8")
        tmp.replace(docs_dir / VERIFIED)


def _swap_in(docs_dir: Path) -> None:
    """Move the staged folders, or the staged files (`_move_in`), into place. Idempotent: a killed
    swap is finished by running it again."""
    staging, retired = docs_dir / STAGING, docs_dir / RETIRED
    committed = _read_committed(docs_dir)
    if "roots" not in committed:
        _move_in(docs_dir, committed["files"], committed["removed"])
        return
    new_roots = committed["roots"]
    retired.mkdir(exist_ok=True)
    for root in GENERATED_ROOTS:
        live = docs_dir / root
        if root in new_roots and not (staging / root).exists():
            continue  # moved in before the interruption
        if live.exists():
            shutil.rmtree(retired / root, ignore_errors=True)
            live.rename(retired / root)
        if root in new_roots:
            (staging / root).rename(live)
    if (staging / MANIFEST).exists():
        (staging / MANIFEST).replace(docs_dir / MANIFEST)
    (staging / COMMITTED).unlink()
    shutil.rmtree(retired)
    shutil.rmtree(staging)


def _read_committed(docs_dir: Path) -> dict[str, Any]:
    """The commit record in the staging folder, as a build writes it: {"roots": [root, ...]}, or
    {"files": {path in docs/: number in the staging folder}, "removed": [path in docs/, ...]},
    every path one of a generated folder. Anything else (damaged, or not made by a build) is a
    `WriteError`: none of it is followed, so nothing outside the generated folders is touched."""
    path = docs_dir / STAGING / COMMITTED
    try:
        committed = json.loads(path.read_text(encoding="utf-8"))
    except (ValueError, UnicodeDecodeError):
        committed = None
    if isinstance(committed, dict) and set(committed) == {"roots"}:
        roots = committed["roots"]
        if isinstance(roots, list) and all(root in GENERATED_ROOTS for root in roots):
            return committed
    elif isinstance(committed, dict) and set(committed) == {"files", "removed"}:
        files, removed = committed["files"], committed["removed"]
        if (isinstance(files, dict) and isinstance(removed, list)
                and all(is_generated_path(rel) and isinstance(name, str) and name.isascii() and name.isdigit() for rel, name in files.items())
                and all(isinstance(rel, str) and is_generated_path(rel) for rel in removed)):
            return committed
    raise WriteError(path, "the record of an interrupted update of the generated pages is damaged",
                     "run seedwiki clean, then build again")


def _move_in(docs_dir: Path, files: dict[str, str], removed: list[str]) -> None:
    """Move each staged file (`files`: its path in docs/ → its name in the staging folder) over the
    file it replaces, remove the files that go and the folders they leave empty (a generated root
    too, as a swap of folders would), then the manifest. Idempotent: a file moved already is not
    in the staging folder any more. Nothing is moved, and no folder removed, through a symbolic
    link (a folder replaced by one after a killed build)."""
    staging = docs_dir / STAGING
    root = os.fspath(docs_dir)
    plain: set[str] = set()  # folders found to be folders, not links
    for rel, name in files.items():
        _checked_path(rel)
        folder = rel.rpartition("/")[0]
        if not _unlinked_folder(root, folder, plain):
            raise WriteError(docs_dir / folder, "this generated folder is, or is reached through, a symbolic link",
                             "remove the link (seedwiki makes the folder), then build again")
        target = f"{root}/{rel}"
        with _naming_target(target):
            try:
                os.replace(f"{staging}/{name}", target)
            except FileNotFoundError:
                if os.path.exists(f"{staging}/{name}"):  # the folder is missing (removed by hand): made, then moved
                    os.makedirs(os.path.dirname(target), exist_ok=True)
                    os.replace(f"{staging}/{name}", target)
            except IsADirectoryError:  # a folder in its place that holds no file (one that holds a file is refused as foreign)
                for emptied, _, _ in os.walk(target, topdown=False):
                    os.rmdir(emptied)
                os.replace(f"{staging}/{name}", target)
    _remove_stale(docs_dir, removed, plain, keep_roots=False)
    if (staging / MANIFEST).exists():
        (staging / MANIFEST).replace(docs_dir / MANIFEST)
    (staging / COMMITTED).unlink()
    shutil.rmtree(staging)


def _remove_stale(docs_dir: Path, removed: Iterable[str], plain: set[str], keep_roots: bool) -> None:
    """Remove the files that go, each a generated path reached without a symbolic link
    (`unlinked_file`: a manifest's other names lead nowhere), then the folders they leave empty, up
    to their generated root, itself too unless `keep_roots` (under serve, whose watcher watches them)."""
    root = os.fspath(docs_dir)
    removed = [rel for rel in removed if is_generated_path(rel)]
    for rel in removed:
        if (path := unlinked_file(docs_dir, rel)) is not None:
            path.unlink(missing_ok=True)
    emptied = {rel.rpartition("/")[0] for rel in removed}
    for folder in sorted((f for f in emptied if _unlinked_folder(root, f, plain)), key=lambda f: -f.count("/")):
        while folder and (not keep_roots or "/" in folder):
            try:
                os.rmdir(f"{root}/{folder}")
            except OSError:  # not empty, or gone
                break
            folder = folder.rpartition("/")[0]


def _unlinked_folder(docs_dir: str, folder: str, plain: set[str]) -> bool:
    """Whether docs/`folder` (a relative path without "." or ".." parts) is reached without passing
    a symbolic link: none of its parts that exist is one. `plain`: the parts found to be folders
    so far (each is looked at once)."""
    part = ""
    for name in folder.split("/"):
        part = f"{part}/{name}" if part else name
        if part in plain:
            continue
        try:
            mode = os.lstat(f"{docs_dir}/{part}").st_mode
        except OSError:  # missing: from here on made by the move, as folders (or a file: the move fails, naming it)
            return True
        if stat.S_ISLNK(mode):
            return False
        if stat.S_ISDIR(mode):
            plain.add(part)
    return True


@contextlib.contextmanager
def _naming_target(target: str) -> Iterator[None]:
    """An `OSError` of a move into docs/ names the file of docs/ it was to replace, not the staged
    copy (the folder that cannot be written is the one to fix)."""
    try:
        yield
    except OSError as err:
        err.filename, err.filename2 = target, None
        raise


def _recover(docs_dir: Path) -> None:
    """Finish a committed swap that a killed build left halfway, or drop an uncommitted one."""
    if (docs_dir / STAGING / COMMITTED).exists():
        _swap_in(docs_dir)
    shutil.rmtree(docs_dir / STAGING, ignore_errors=True)
    shutil.rmtree(docs_dir / RETIRED, ignore_errors=True)


def _refuse_foreign_files(docs_dir: Path, owned: set[str], held: dict | None = None) -> None:
    for root in GENERATED_ROOTS:  # a file where a generated folder goes: no page can be put in it (a link is moved aside)
        with contextlib.suppress(FileNotFoundError):
            if not stat.S_ISDIR(mode := os.lstat(docs_dir / root).st_mode) and not stat.S_ISLNK(mode):
                raise WriteError(docs_dir / root, "this is a file where seedwiki puts a folder of generated pages",
                                 "move it out of docs/, then build again")
    if foreign := sorted(generated_files(docs_dir, held) - owned):
        path = docs_dir / foreign[0]
        root = foreign[0].split("/", 1)[0]
        raise WriteError(
            path,
            f"this file is in docs/{root}/, which seedwiki generates, but seedwiki did not write it",
            f"move hand-written pages out of docs/{root}/ (seedwiki would replace that folder)",
        )


def _write_staged(staged: str, content: bytes, target: str) -> None:
    """Write `content` into the staging folder at `staged`, for `target` (which an error names)."""
    with naming(Path(target)), open(staged, "wb") as file:
        file.write(content)


def write(pages: Iterable[Page | Deferred], docs_dir: Path, memo: Memo | None = None) -> WriteResult:
    """Make the generator's folders hold exactly `pages`; a `Deferred` page is rendered unless
    `memo` says its file already holds it. A failure to write (a full disk, a folder without
    permission) is a `WriteError` and leaves the previous pages.

    With a `memo` (under `mkdocs serve`), files are replaced one by one where they are, each whole
    (a temporary file renamed over it), instead of swapping in a staged copy of every folder: a
    save then touches the files it changes and no others, which is what the server watches. A
    build killed halfway leaves some pages new and some old until the next build, which the
    server runs on the next save anyway."""
    try:
        if memo is not None:
            return _write_in_place(pages, docs_dir, memo)
        return _write(pages, docs_dir)
    except OSError as err:
        if (docs_dir / STAGING / COMMITTED).exists():  # some files may be new already: the next build moves in the rest
            raise WriteError(err.filename or docs_dir, f"cannot write the generated pages ({err.strerror})",
                             "fix the folder's permissions or free disk space, then build again to finish the update") from None
        shutil.rmtree(docs_dir / STAGING, ignore_errors=True)
        raise WriteError(err.filename or docs_dir, f"cannot write the generated pages ({err.strerror})",
                         "free disk space or fix the folder's permissions, then build again (the previous pages are kept)") from None


def _write(pages: Iterable[Page | Deferred], docs_dir: Path) -> WriteResult:
    """Stage, commit and put in place. A first build (no manifest: no generated file can be there,
    `_refuse_foreign_files`) stages the whole set as folders and swaps them in (`_swap_in`); a later
    one stages only the files whose bytes changed, each under a number in the staging folder
    itself, and moves them in (`_move_in`). Paths are strings: a path object a page cost more than
    the rest of a new page's staging."""
    _recover(docs_dir)
    recorded = read_manifest_digests(docs_dir)
    _refuse_foreign_files(docs_dir, set(recorded))
    first = not recorded
    staging = docs_dir / STAGING
    staging.mkdir(parents=True)
    files: set[str] = set()
    digests: dict[str, str] = {}
    changed: dict[str, str] = {}  # path in docs/ → its name in the staging folder (a first build: the same path)
    folders: set[str] = set()  # the staging folders a first build made so far (a seed's folder holds several files)
    root, staged = os.fspath(docs_dir), os.fspath(staging)
    try:
        for page in pages:
            rel = _claim_name(page.path, files)
            content = (page.make() if isinstance(page, Deferred) else page).content
            digests[rel] = _sha256(content)
            target = f"{root}/{rel}"
            if first:
                name = changed[rel] = rel
                if (folder := rel.rpartition("/")[0]) not in folders:
                    os.makedirs(f"{staged}/{folder}", exist_ok=True)
                    folders.add(folder)
            elif recorded.get(rel) in (digests[rel], "") and _holds(target, content):  # "": a manifest without digests
                continue
            else:
                name = changed[rel] = str(len(changed))
            _write_staged(f"{staged}/{name}", content, target)
    except BaseException:
        shutil.rmtree(staging, ignore_errors=True)
        raise
    removed = sorted(rel for rel in set(recorded) - files if is_generated_path(rel))  # a manifest's other names lead nowhere
    if not changed and not removed and digests == recorded:
        shutil.rmtree(staging)
        return WriteResult(written=0, unchanged=len(files), removed=0)
    with naming(docs_dir / MANIFEST):
        (staging / MANIFEST).write_text(_manifest_text(digests), encoding="utf-8")
    committed = {"roots": sorted({f.split("/", 1)[0] for f in files})} if first else {"files": changed, "removed": removed}
    commit_tmp = staging / (COMMITTED + ".tmp")
    commit_tmp.write_text(json.dumps(committed) + "\n", encoding="utf-8")
    commit_tmp.rename(staging / COMMITTED)  # the point of no return: from here on the new set wins
    if first:  # each file's status as written, out of docs/, where no one else changes it
        made_as = {rel: _status(f"{staged}/{rel}") for rel in changed}
        shown = time.time_ns()
        _swap_in(docs_dir)
    else:  # a file's status once it has moved in; the clock read before: a change in docs/ has later times
        shown = time.time_ns()
        _move_in(docs_dir, changed, removed)
        made_as = {rel: _status(f"{root}/{rel}") for rel in changed}
    _record_written(docs_dir, digests, made_as, shown)
    return WriteResult(written=len(changed), unchanged=len(files) - len(changed), removed=len(removed))


def _holds(path: str, content: bytes) -> bool:
    """Whether the file at `path` holds `content` (read only when its size is that of `content`): a
    regular file, not a link (to an outside file with the same bytes, which a first build would not
    leave there either)."""
    try:
        info = os.lstat(path)
        if not stat.S_ISREG(info.st_mode) or info.st_size != len(content):
            return False
        with open(path, "rb") as file:
            return file.read() == content
    except OSError:  # missing, or a folder
        return False


def _record_written(docs_dir: Path, digests: dict[str, str], made_as: dict[str, list[int] | None], shown: int) -> None:
    """Record the files this build wrote anew as verified (`edited_files`), so that the next build
    or shard does not read them back (at 100,000 seeds, 345,000 files). A file's status is taken
    the moment it is written into the staging folder, out of docs/; no one else can change it until
    the folders are swapped in (at `shown`), and a change from then on comes at least one tick of
    the clock later and shows in its times. A later build (`_write`) takes a file's status
    once it has moved in, after `shown` (taken before the first move), so a file changed in docs/
    after its move, while others still move in, has times after `shown`. A file whose times are
    less than `RACY_NS` before `shown` is not recorded (a coarse clock could give a change the same
    times; a file moved in has the move's change time, so it is read once by the next check), nor
    a file linked from the previous build (its bytes were compared, but not when its status was
    taken): both are read by the next check, as before."""
    before = _read_verified(docs_dir)
    verified = {name: entry for name, entry in before.items() if name in digests and name not in made_as}
    verified |= {name: [*status, digests[name]] for name, status in made_as.items()
                 if status is not None and max(status[2], status[3]) < shown - RACY_NS}
    if verified != before:
        _record_verified(docs_dir, verified)


def _replace_file(target: Path, content: bytes, tmp: Path) -> bool:
    """Put `content` in `target` (through `tmp`, renamed over it) unless it holds it already; True when written."""
    try:
        if target.stat().st_size == len(content) and target.read_bytes() == content:
            return False
    except FileNotFoundError:
        target.parent.mkdir(parents=True, exist_ok=True)
    with naming(target):
        tmp.write_bytes(content)
    tmp.replace(target)
    return True


def _write_manifest(docs_dir: Path, digests: dict[str, str], memo: Memo | None = None) -> None:
    tmp = docs_dir / (MANIFEST + ".tmp")
    with naming(docs_dir / MANIFEST):
        tmp.write_text(_manifest_text(digests, None if memo is None else memo.manifest_names), encoding="utf-8")
    tmp.replace(docs_dir / MANIFEST)
    if memo is not None:
        memo.manifest = (file_status(docs_dir / MANIFEST), digests)


def _held_manifest(docs_dir: Path, memo: Memo) -> dict[str, str]:
    """`read_manifest_digests`, under serve the manifest as this process last wrote it while its
    file is the one written then (device, inode, size, modification and change times)."""
    held = memo.manifest
    if held is not None and held[0] is not None and held[0] == file_status(docs_dir / MANIFEST):
        return held[1]
    status = file_status(docs_dir / MANIFEST)
    recorded = read_manifest_digests(docs_dir)
    memo.manifest = (status if status == file_status(docs_dir / MANIFEST) else None, recorded)
    return recorded


def _write_in_place(pages: Iterable[Page | Deferred], docs_dir: Path, memo: Memo) -> WriteResult:
    _recover(docs_dir)
    recorded = _held_manifest(docs_dir, memo)
    previous = set(recorded)
    _refuse_foreign_files(docs_dir, previous, memo.folders)
    tmp = docs_dir / STAGING / "page"  # in the staging folder, which the next build clears
    tmp.parent.mkdir(parents=True, exist_ok=True)
    files: set[str] = set()
    digests: dict[str, str] = {}
    written = 0
    root = os.fspath(docs_dir)
    try:
        for page in pages:
            rel = _claim_name(page.path, files)
            file = f"{root}/{rel}"  # a string: a path object a page cost more than the check of an unchanged page
            inputs = None
            if isinstance(page, Deferred):
                if rel in previous and memo.page_fresh(page.path, page.inputs, file):
                    digests[rel] = recorded[rel] or _sha256(Path(file).read_bytes())  # untouched since written
                    continue
                inputs, page = page.inputs, page.make()
            target = Path(file)
            written += _replace_file(target, page.content, tmp)
            digests[rel] = _sha256(page.content)
            if inputs is not None:
                memo.wrote(page.path, inputs, target)
    except BaseException:
        _write_manifest(docs_dir, recorded | digests, memo)  # what it wrote so far is the generator's
        raise
    finally:
        shutil.rmtree(docs_dir / STAGING, ignore_errors=True)
    stale = previous - files
    _remove_stale(docs_dir, sorted(stale), set(), keep_roots=True)
    if digests != recorded:
        _write_manifest(docs_dir, digests, memo)
    return WriteResult(written=written, unchanged=len(files) - written, removed=len(stale))




# --- the build mutex --------------------------------------------------------------------------------

LOCK_TIMEOUT_VARIABLE = "SEEDWIKI_LOCK_TIMEOUT"
DEFAULT_LOCK_TIMEOUT = 600.0  # seconds a build waits for another build of the same project


class BuildMutex:
    """The build mutex: an exclusive lock on one project (filelock's `FileLock` on a file in its cache folder:
    `flock` on Linux and macOS, `msvcrt.locking` on Windows), held for a whole build: generating
    the pages and, under MkDocs, writing the site. A second build waits for it (saying so through
    `on_wait`) up to `timeout` seconds, then refuses with a `BusyError` naming the process that
    holds it (from a file beside the lock). The operating system releases the lock when its
    process ends, killed or not."""

    def __init__(self, path: Path, *, timeout: float | None = None, on_wait: Callable[[str], None] | None = None) -> None:
        self.path = path
        self.timeout = lock_timeout() if timeout is None else timeout
        self.on_wait = on_wait
        self._lock: FileLock | None = None

    @property
    def holder_file(self) -> Path:
        """The process id of the build that holds the lock (only for messages)."""
        return self.path.with_name(self.path.name + ".pid")

    def acquire(self) -> None:
        if self._lock is not None:
            return
        try:
            self.path.parent.mkdir(parents=True, exist_ok=True)
            lock = FileLock(str(self.path), mode=0o644)
        except OSError as err:
            raise WriteError(self.path, f"cannot open the build lock ({err.strerror})", "check that the project folder is writable (and that this is not a symbolic link)") from None
        deadline = time.monotonic() + self.timeout
        told = False
        while True:
            try:
                lock.acquire(timeout=0)
                break
            except Timeout:
                pass
            except OSError as err:
                raise WriteError(self.path, f"cannot take the build lock ({err.strerror})", "check the project folder's file system") from None
            holder = self._holder()
            if time.monotonic() >= deadline:
                raise BusyError(self.path, f"another build of this project{holder} is running", f"wait for it to finish and build again (or set {LOCK_TIMEOUT_VARIABLE} to wait longer than {self.timeout:g} s)")
            if not told and self.on_wait is not None:
                self.on_wait(f"another build of this project{holder} is running; waiting for it (at most {self.timeout:g} s)")
                told = True
            time.sleep(0.1)
        with contextlib.suppress(OSError):  # the pid is only for messages
            self.holder_file.write_text(f"{os.getpid()}\n", encoding="ascii")
        self._lock = lock

    def _holder(self) -> str:
        try:
            pid = self.holder_file.read_text(encoding="ascii").strip()
        except (OSError, UnicodeDecodeError):
            return ""
        return f" (process {pid})" if pid.isdigit() else ""

    def release(self) -> None:
        if self._lock is None:
            return
        lock, self._lock = self._lock, None
        with contextlib.suppress(OSError):
            self.holder_file.unlink()
        lock.release()

    def __enter__(self) -> BuildMutex:
        self.acquire()
        return self

    def __exit__(self, *exc: object) -> None:
        self.release()


def lock_timeout() -> float:
    """How long a build waits for another build: `SEEDWIKI_LOCK_TIMEOUT` seconds, else 600."""
    value = os.environ.get(LOCK_TIMEOUT_VARIABLE, "")
    if not value:
        return DEFAULT_LOCK_TIMEOUT
    try:
        seconds = float(value)
    except ValueError:
        seconds = -1.0
    if not seconds >= 0:
        raise ConfigError(LOCK_TIMEOUT_VARIABLE, f"{value!r} is not a number of seconds", "set it to a number such as 0 (refuse at once) or 600")
    return seconds


# --- replacing a whole folder (the built site) ------------------------------------------------------

NEW_SUFFIX = ".seedwiki-new"  # beside the target: the folder being built
OLD_SUFFIX = ".seedwiki-old"  # beside the target: the previous folder, while it is being replaced


def exchange_folders(a: Path, b: Path) -> bool:
    """Swap two paths in one atomic step (Linux renameat2 RENAME_EXCHANGE); False where unsupported."""
    try:
        import ctypes

        libc = ctypes.CDLL(None, use_errno=True)
        renameat2 = libc.renameat2
    except (OSError, AttributeError):
        return False
    at_fdcwd, rename_exchange = -100, 2
    if renameat2(at_fdcwd, os.fsencode(a), at_fdcwd, os.fsencode(b), rename_exchange) == 0:
        return True
    if ctypes.get_errno() in (errno.EINVAL, errno.ENOSYS, errno.ENOTSUP):
        return False
    raise OSError(ctypes.get_errno(), os.strerror(ctypes.get_errno()), str(a))


def staging_folder(target: Path) -> Path:
    return target.with_name(target.name + NEW_SUFFIX)


def recover_folder(target: Path) -> None:
    """Clean up after a replacement that a killed process left: the previous folder comes back if
    the target is missing, and an unfinished new folder goes."""
    old = target.with_name(target.name + OLD_SUFFIX)
    if old.exists() and not os.path.lexists(target):
        old.rename(target)
    shutil.rmtree(old, ignore_errors=True)
    shutil.rmtree(staging_folder(target), ignore_errors=True)


def swap_in_folder(new: Path, target: Path) -> None:
    """Replace `target` by the complete folder `new`. Where the system can, in one atomic exchange, so
    a reader (or a kill) sees the old folder or the new one, never a mix or nothing; elsewhere in two
    renames, after which `recover_folder` restores the old folder if a kill fell between them."""
    old = target.with_name(target.name + OLD_SUFFIX)
    shutil.rmtree(old, ignore_errors=True)
    if os.path.lexists(target):
        if exchange_folders(new, target):
            shutil.rmtree(new, ignore_errors=True)  # now the previous folder
            return
        target.rename(old)
    new.rename(target)
    shutil.rmtree(old, ignore_errors=True)
