"""write: generated pages become files under docs/, all at once or not at all.

The generator owns a few folders of docs/ (`GENERATED_ROOTS`) and lists what it wrote in a
manifest. A build stages the complete new set of files beside them, marks the staging folder
committed, then swaps the folders in. An error or a kill before the mark leaves the previous pages
as they were; a kill after it is finished by the next build, so docs/ never holds a mix. Files whose bytes did
not change are carried over as hard links, so they keep their modification times. When nothing
changed, nothing is touched at all.
"""

from __future__ import annotations

import json
import os
import shutil
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path, PurePosixPath

from .errors import WriteError
from .render import Page

GENERATED_ROOTS = ("seeds", "catalogue", "entities", "quotes", "timeline")
MANIFEST = ".seedwiki-manifest.json"
STAGING = ".seedwiki-staging"
RETIRED = ".seedwiki-retired"
COMMITTED = "COMMITTED"  # present in the staging folder once it holds the complete new set


@dataclass(frozen=True)
class WriteResult:
    written: int  # files whose bytes are new or changed
    unchanged: int
    removed: int  # stale files of the previous build that are gone now


def _checked_path(path: str) -> PurePosixPath:
    rel = PurePosixPath(path)
    if rel.is_absolute() or ".." in rel.parts or not rel.parts or rel.parts[0] not in GENERATED_ROOTS or len(rel.parts) < 2:
        raise WriteError(path, "a generated page would land outside the generator's folders", "report this as a bug")
    return rel


def generated_files(docs_dir: Path) -> set[str]:
    """Every file now in the generated folders, as paths relative to docs/."""
    found = set()
    for root in GENERATED_ROOTS:
        for folder, _, names in os.walk(docs_dir / root):
            base = Path(folder).relative_to(docs_dir).as_posix()
            found.update(f"{base}/{name}" for name in names)
    return found


def read_manifest(docs_dir: Path) -> set[str]:
    try:
        return set(json.loads((docs_dir / MANIFEST).read_text(encoding="utf-8"))["files"])
    except FileNotFoundError:
        return set()
    except (ValueError, KeyError, TypeError):
        raise WriteError(docs_dir / MANIFEST, "the manifest of generated files is unreadable", "delete it and the folders it names, then rebuild") from None


def _swap_in(docs_dir: Path) -> None:
    """Move the staged folders into place. Idempotent: a killed swap is finished by running it again."""
    staging, retired = docs_dir / STAGING, docs_dir / RETIRED
    new_roots = json.loads((staging / COMMITTED).read_text(encoding="utf-8"))["roots"]
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


def _recover(docs_dir: Path) -> None:
    """Finish a committed swap that a killed build left halfway, or drop an uncommitted one."""
    if (docs_dir / STAGING / COMMITTED).exists():
        _swap_in(docs_dir)
    shutil.rmtree(docs_dir / STAGING, ignore_errors=True)
    shutil.rmtree(docs_dir / RETIRED, ignore_errors=True)


def _refuse_foreign_files(docs_dir: Path, owned: set[str]) -> None:
    for root in GENERATED_ROOTS:
        for path in sorted((docs_dir / root).rglob("*")):
            rel = path.relative_to(docs_dir).as_posix()
            if path.is_file() and rel not in owned:
                raise WriteError(
                    path,
                    f"this file is in docs/{root}/, which seedwiki generates, but seedwiki did not write it",
                    f"move hand-written pages out of docs/{root}/ (seedwiki would replace that folder)",
                )


def _stage(page: Page, rel: PurePosixPath, docs_dir: Path, staging: Path) -> bool:
    """Put `page` into the staging folder; return True when its bytes are new."""
    target, staged = docs_dir / rel, staging / rel
    staged.parent.mkdir(parents=True, exist_ok=True)
    try:
        same = target.stat().st_size == len(page.content) and target.read_bytes() == page.content
    except FileNotFoundError:
        same = False
    if same:
        try:
            os.link(target, staged)
        except OSError:
            shutil.copy2(target, staged)
        return False
    staged.write_bytes(page.content)
    return True


def write(pages: Iterable[Page], docs_dir: Path) -> WriteResult:
    """Make the generator's folders hold exactly `pages`."""
    _recover(docs_dir)
    previous = read_manifest(docs_dir)
    _refuse_foreign_files(docs_dir, previous)
    staging = docs_dir / STAGING
    staging.mkdir(parents=True)
    files: set[str] = set()
    written = 0
    try:
        for page in pages:
            rel = _checked_path(page.path)
            if rel.as_posix() in files:
                raise WriteError(page.path, "two generated pages share this path", "report this as a bug")
            files.add(rel.as_posix())
            written += _stage(page, rel, docs_dir, staging)
    except BaseException:
        shutil.rmtree(staging, ignore_errors=True)
        raise
    removed = len(previous - files)
    if written == 0 and removed == 0:
        shutil.rmtree(staging)
        return WriteResult(written=0, unchanged=len(files), removed=0)
    (staging / MANIFEST).write_text(json.dumps({"files": sorted(files)}, indent=0) + "\n", encoding="utf-8")
    roots = sorted({PurePosixPath(f).parts[0] for f in files})
    commit_tmp = staging / (COMMITTED + ".tmp")
    commit_tmp.write_text(json.dumps({"roots": roots}) + "\n", encoding="utf-8")
    commit_tmp.rename(staging / COMMITTED)  # the point of no return: from here on the new set wins
    _swap_in(docs_dir)
    return WriteResult(written=written, unchanged=len(files) - written, removed=removed)
