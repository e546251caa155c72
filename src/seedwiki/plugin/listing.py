"""Under serve, MkDocs' listing of docs/ (`mkdocs.structure.files.get_files`) made by difference.

At each rebuild MkDocs walks docs/ and makes a `File` of every file in it: at 10,000 seeds,
14,000 folders and 24,000 files, most of a second of CPU at each save for a listing that a save
changes by a file or two. `Listing.get_files` gives the same `Files`, in the same order, with:

- each folder's entries as listed before while the folder is unchanged: its status (device, inode,
  modification and change times) is the one recorded when it was listed, and it holds no
  symbolic link (whose target may change kind unseen). A folder changed less than `RACY_NS` before
  it was listed is listed again next time (a change within one tick of its clock keeps its times);
- each `File` a new object with the state MkDocs gives it in `get_files` (its source and
  destination paths), copied from the one made before from the same path and folders instead of
  parsed again, with its URL and absolute paths, which MkDocs and the plugin ask of every file at
  each rebuild (cached properties of `File`, computed once from the same paths). MkDocs computes
  those when first asked, after the plugins' `on_files`: a plugin that moves a file there (sets its
  `dest_uri`, `src_uri` or folders) gets them made again from its new paths (`follow_moves`, the
  seedwiki plugin's last `on_files`), as with MkDocs' own listing.

The rest is MkDocs' own: which files are excluded (`set_exclusions`) and which of a README and an
index in one folder is kept. tests/test_serve_reuse.py compares it with MkDocs' listing.
"""

from __future__ import annotations

import contextlib
import logging
import os
import time
from collections.abc import Iterator

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.structure.files import File, Files, set_exclusions
from mkdocs.structure.files import _file_sort_key as file_sort_key  # the order MkDocs lists a folder's files in

from ..inputs import RACY_NS
from ..write import FolderStatus

log = logging.getLogger("mkdocs.structure.files")  # MkDocs' own messages, as its listing logs them
MADE_FROM = "_seedwiki_listed"  # a listed file's paths and what was computed from them, kept with its state
_COMPUTED = ("url", "abs_src_path", "abs_dest_path")


def _paths(file: File) -> tuple:
    """What a file's URL and absolute paths are computed from."""
    return file.src_dir, file.src_uri, file.dest_dir, file.dest_uri, file.use_directory_urls


def follow_moves(files: Files) -> None:
    """Let the URL and absolute paths the listing computed for a file go where a plugin changed
    what they are made from, so that MkDocs computes them again when asked, from the new paths
    (one set by the plugin itself, not the listing's, stays)."""
    for file in files:
        state = vars(file)
        if (made := state.get(MADE_FROM)) is not None and made[0] != _paths(file):
            for name, value in zip(_COMPUTED, made[1:], strict=True):
                if state.get(name) is value:
                    del state[name]
            del state[MADE_FROM]


class Listing:
    def __init__(self) -> None:
        self.folders: dict[str, tuple[FolderStatus, list[str], list[str]]] = {}
        self.files: dict[tuple[str, str, str, bool], dict] = {}

    def _entries(self, folder: str, now: int, seen: dict) -> tuple[list[str], list[str]] | None:
        """The folder's subfolders and files (symbolic links followed, as `os.walk(followlinks=True)`),
        each sorted as MkDocs sorts them; None when it cannot be listed."""
        try:
            info = os.stat(folder)
        except OSError:
            info = None
        status = None if info is None else (info.st_dev, info.st_ino, info.st_mtime_ns, info.st_ctime_ns)
        held = self.folders.get(folder)
        if held is not None and status is not None and held[0] == status:
            seen[folder] = held
            return held[1], held[2]
        dirs: list[str] = []
        names: list[str] = []
        links = False
        try:
            with os.scandir(folder) as entries:
                for entry in entries:
                    try:
                        is_dir = entry.is_dir()
                    except OSError:
                        is_dir = False
                    try:
                        links = links or entry.is_symlink()
                    except OSError:
                        links = True
                    (dirs if is_dir else names).append(entry.name)
        except OSError:
            return None
        dirs.sort()
        names.sort(key=file_sort_key)
        if status is not None and not links and max(status[2], status[3]) < now - RACY_NS:
            seen[folder] = (status, dirs, names)
        return dirs, names

    def _walk(self, top: str, now: int, seen: dict) -> Iterator[tuple[str, str, list[str]]]:
        """(folder, its path relative to `top`, its files) as `get_files` walks them: top down,
        subfolders in sorted order."""
        stack = [(top, ".")]
        while stack:
            folder, relative = stack.pop()
            found = self._entries(folder, now, seen)
            if found is None:
                continue
            dirs, names = found
            yield folder, relative, names
            for name in reversed(dirs):
                stack.append((os.path.join(folder, name), name if relative == "." else f"{relative}/{name}"))

    def get_files(self, config: MkDocsConfig) -> Files:
        """`mkdocs.structure.files.get_files(config)`, by difference (the module's description)."""
        docs_dir, site_dir, directory_urls = config["docs_dir"], config["site_dir"], config["use_directory_urls"]
        now = time.time_ns()
        seen: dict[str, tuple[FolderStatus, list[str], list[str]]] = {}
        made: dict[tuple[str, str, str, bool], dict] = {}
        files: list[File] = []
        conflicting_files: list[tuple[File, File]] = []
        for _folder, relative, names in self._walk(docs_dir, now, seen):
            files_by_dest: dict[str, File] = {}
            for filename in names:
                path = os.path.join(relative, filename)
                key = (path, docs_dir, site_dir, directory_urls)
                state = self.files.get(key)
                if state is None:
                    file = File(path, docs_dir, site_dir, directory_urls)
                    file.dest_uri  # noqa: B018 -- computed here, as `get_files` does, and kept with the rest
                    # and what MkDocs and the plugin compute from the same paths for every file at each
                    # rebuild (each a cached property: joined and normalised once, then copied)
                    file.url, file.abs_src_path, file.abs_dest_path  # noqa: B018
                    vars(file)[MADE_FROM] = (_paths(file), file.url, file.abs_src_path, file.abs_dest_path)
                    state = dict(vars(file))
                else:
                    file = File.__new__(File)
                    vars(file).update(state)
                made[key] = state
                prev_file = files_by_dest.setdefault(file.dest_uri, file)
                if prev_file is not file:
                    conflicting_files.append((prev_file, file))
                files.append(file)
        self.folders, self.files = seen, made
        set_exclusions(files, config)
        for a, b in conflicting_files:  # as `get_files`: a README.md beside an index.md
            if b.inclusion.is_included():
                if a.inclusion.is_included():
                    log.warning(f"Excluding '{a.src_uri}' from the site because it conflicts with '{b.src_uri}'.")
                with contextlib.suppress(ValueError):  # the same file twice
                    files.remove(a)
            else:
                with contextlib.suppress(ValueError):
                    files.remove(b)
        return Files(files)

