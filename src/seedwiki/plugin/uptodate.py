"""Nothing changed, nothing done: `mkdocs build` of a site that is exactly what the last build made
from exactly these inputs ends before MkDocs renders a page or Pagefind indexes one.

The last complete build leaves a stamp in `.seedwiki-cache/site.json`: a digest of what it was
built from and a digest of the site it left. A build skips only when both are equal again:

- what it is built from (`inputs`): the generation's fingerprint (every seed, sidecar, the glossary
  and the lock by content, the seedwiki package's files and the libraries it requires, `build._fingerprint`),
  and only when the generation itself found nothing to do; the Python version and the versions of
  the libraries MkDocs builds with; mkdocs.yml's bytes and the configuration MkDocs read from it (values
  taken from the environment included); every file of docs/ the generation does not write and of
  the theme's custom_dir, by content; the site folder; strict mode.
- the site (`site_digest`): the path, size, inode and times of every file in it (and the content
  of those written in the last two seconds before the stamp), taken after each build and each
  time a build is asked for, so a file of the site that was edited, removed or added makes the
  next build a full one.

MkDocs gives a plugin no way to end a build early with success: the plugin raises `SystemExit(0)`
from `on_config` (`Unchanged`), before MkDocs cleans or writes the site folder; MkDocs' command still
runs `on_shutdown` (it is in its `finally`), which releases the build mutex. Only `mkdocs build`
skips: `serve` and `gh-deploy` always build.
"""

from __future__ import annotations

import hashlib
import json
import os
import re
import sys
import time
from collections.abc import Mapping
from pathlib import Path
from types import ModuleType

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.plugins import PluginCollection
from mkdocs.theme import Theme

from ..build import Project
from ..inputs import RACY_NS, installed_version, library_versions  # RACY_NS: a file changed so recently is compared by content (as git does)
from ..write import GENERATED_ROOTS

STAMP = "site.json"
# What MkDocs builds with besides seedwiki's own requirements (`parsecache.library_versions`)
BUILD_LIBRARIES = ("Markdown", "Jinja2", "MarkupSafe", "Pygments", "mkdocs-material-extensions", "pagefind_bin", "pymdown-extensions")
_ADDRESS = re.compile(r" at 0x[0-9a-fA-F]+")


class Unchanged(SystemExit):
    """Raised by the plugin's on_config: the site is up to date; `mkdocs build` ends with success."""

    def __init__(self) -> None:
        super().__init__(0)


def _versions() -> str:
    lines = [sys.version, library_versions()]
    for name in BUILD_LIBRARIES:
        version = installed_version(name)
        lines.append(f"{name}=={version}" if version is not None else f"{name} missing")
    return "\n".join(lines)


def _configuration(config: MkDocsConfig) -> str:
    """What MkDocs read from mkdocs.yml and the environment, as text: the same text for the same
    configuration (sets sorted, objects' addresses left out: they differ from run to run)."""
    return json.dumps({key: _plain(value) for key, value in config.items()}, sort_keys=True, ensure_ascii=False)


def _plain(value: object) -> object:
    if isinstance(value, Theme):
        return {"dirs": value.dirs, "static_templates": sorted(value.static_templates), **{str(k): _plain(v) for k, v in value.items()}}
    if isinstance(value, PluginCollection):
        return {name: _plain(dict(plugin.config)) for name, plugin in value.items()}
    if isinstance(value, Mapping):
        return {str(key): _plain(item) for key, item in value.items()}
    if isinstance(value, (list, tuple)):
        return [_plain(item) for item in value]
    if isinstance(value, (set, frozenset)):
        return sorted(json.dumps(_plain(item), sort_keys=True) for item in value)
    if isinstance(value, (str, int, float, bool)) or value is None:
        return value
    if isinstance(value, ModuleType):  # a hook: its code
        return f"module {value.__name__}: " + (hashlib.sha256(Path(value.__file__).read_bytes()).hexdigest() if value.__file__ else "")
    return _ADDRESS.sub("", repr(value))


def _tree(digest: hashlib._Hash, folder: Path, skip=lambda rel: False) -> None:
    """Add the path and content of every file below `folder` (links not followed) to `digest`."""
    if not folder.is_dir():
        digest.update(b"no folder\0")
        return
    for current, dirs, names in os.walk(folder):
        dirs.sort()
        base = Path(current)
        for name in sorted(names):
            path = base / name
            rel = path.relative_to(folder).as_posix()
            if skip(rel):
                continue
            digest.update(rel.encode("utf-8", "surrogateescape") + b"\0")
            if path.is_symlink() or not path.is_file():
                digest.update(b"not a file\0")
                continue
            with path.open("rb") as file:
                digest.update(hashlib.file_digest(file, "sha256").digest())
        dirs[:] = [d for d in dirs if not skip((base / d).relative_to(folder).as_posix() + "/")]


def inputs(project: Project, config: MkDocsConfig, fingerprint: str, site: Path) -> str:
    """The digest of everything the site is built from (the module's docstring lists it)."""
    digest = hashlib.sha256(f"{fingerprint}\0{site}\0{config.strict}\0{_versions()}\0".encode())
    digest.update(Path(config.config_file_path).read_bytes() + b"\0")
    digest.update(_configuration(config).encode("utf-8", "surrogateescape") + b"\0")

    def generated(rel: str) -> bool:  # the generation's own files, which its fingerprint stands for
        return rel.split("/", 1)[0] in GENERATED_ROOTS or rel.startswith(".seedwiki-")

    _tree(digest, project.docs_dir, generated)
    if config.theme.custom_dir:
        _tree(digest, Path(config.theme.custom_dir))
    return digest.hexdigest()


def _site_files(site: Path) -> list[tuple[str, os.stat_result | None]]:
    """Every entry of the site folder that is not a folder (links not followed), with its status,
    in a fixed order. One `scandir` a folder and one `lstat` a file (17,000 files at 5,000 seeds)."""
    found: list[tuple[str, os.stat_result | None]] = []

    def walk(folder: str, prefix: str) -> None:
        try:
            entries = sorted(os.scandir(folder), key=lambda entry: entry.name)
        except OSError:
            return
        for entry in entries:
            if entry.is_dir(follow_symlinks=False):
                walk(entry.path, f"{prefix}{entry.name}/")
                continue
            try:
                status: os.stat_result | None = entry.stat(follow_symlinks=False)
            except OSError:
                status = None
            found.append((prefix + entry.name, status))

    walk(os.fspath(site), "")
    return found


def site_digest(site: Path, racy: list[str] | None = None, files: list[tuple[str, os.stat_result | None]] | None = None) -> str:
    """The digest of the site folder: every file's path, size, inode, and modification and change
    times; and the content of the files named in `racy`. A file's content cannot change without its
    change time (ctime) changing, which only the system's clock sets, so the times stand for the
    contents of all the others: reading them all (589 MB at 5,000 seeds) took 1.1 s of CPU.
    `files`: the site's files as `_site_files` lists them, when they were listed already."""
    digest = hashlib.sha256()
    for rel, status in _site_files(site) if files is None else files:
        digest.update(rel.encode("utf-8", "surrogateescape") + b"\0")
        if status is None:
            digest.update(b"gone\0")
            continue
        digest.update(f"{status.st_mode} {status.st_size} {status.st_ino} {status.st_mtime_ns} {status.st_ctime_ns}\0".encode())
    for rel in racy or ():
        path = site / rel
        try:
            with path.open("rb") as file:
                digest.update(rel.encode("utf-8", "surrogateescape") + b"\0" + hashlib.file_digest(file, "sha256").digest())
        except OSError:
            digest.update(b"unreadable\0")
    return digest.hexdigest()


def _recent(files: list[tuple[str, os.stat_result | None]]) -> list[str]:
    """The files changed in the last `RACY_NS`: recorded by content, not only by status."""
    recent = time.time_ns() - RACY_NS
    return [rel for rel, status in files if status is not None and max(status.st_mtime_ns, status.st_ctime_ns) >= recent]


def up_to_date(project: Project, built_from: str, site: Path) -> bool:
    """Whether the last complete build made `site` from what `built_from` digests, and the site is
    still as it left it. Files the stamp recorded by content (changed just before it was taken) and
    now old enough are recorded again by status alone, so that they are not read on every check
    (as git refreshes its index)."""
    try:
        stamp = json.loads((project.cache_dir / STAMP).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return False
    if not isinstance(stamp, dict) or stamp.get("inputs") != built_from or not site.is_dir():
        return False
    racy = stamp.get("racy")
    if not isinstance(racy, list) or not all(isinstance(rel, str) and ".." not in rel.split("/") for rel in racy):
        return False
    files = _site_files(site)
    if stamp.get("site") != site_digest(site, racy, files):
        return False
    if racy:
        _stamp(project, built_from, site, files)
    return True


def forget(project: Project) -> None:
    """No site is known up to date (a build is under way: until it ends well, none is)."""
    (project.cache_dir / STAMP).unlink(missing_ok=True)


def remember(project: Project, built_from: str, site: Path) -> None:
    """Record that `site`, as it is now, was built from what `built_from` digests (a stamp that
    cannot be written only costs the next build its skip). Files changed in the last `RACY_NS`
    are recorded by content too."""
    _stamp(project, built_from, site, _site_files(site))


def _stamp(project: Project, built_from: str, site: Path, files: list[tuple[str, os.stat_result | None]]) -> None:
    path = project.cache_dir / STAMP
    tmp = path.with_name(path.name + ".tmp")
    racy = _recent(files)
    try:
        tmp.write_text(json.dumps({"inputs": built_from, "site": site_digest(site, racy, files), "racy": racy}), encoding="utf-8")
        tmp.replace(path)
    except OSError:
        tmp.unlink(missing_ok=True)
