"""A site built beside the previous one and swapped in whole (`write.swap_in_folder`): a failed,
strict-aborted or killed build leaves the previous site as it was."""

from __future__ import annotations

import shutil
import tempfile
from dataclasses import dataclass
from pathlib import Path

from ..write import recover_folder, staging_folder, swap_in_folder


def serving(site_dir: Path) -> bool:
    """`mkdocs serve --clean` reports the command "build" but serves a temporary folder of its own."""
    return site_dir.parent == Path(tempfile.gettempdir()).resolve() and site_dir.name.startswith("mkdocs_")


def remove_stale(site_dir: Path, roots: tuple[str, ...], current: set[str]) -> None:
    """After a dirty build (which keeps the site folder): remove the files under the generated
    `roots` that no source file of this build produces (the pages of removed seeds)."""
    for root in roots:
        folder = site_dir / root
        if not folder.is_dir():
            continue
        for path in sorted(folder.rglob("*"), reverse=True):  # files before their folders
            if path.is_dir() and not path.is_symlink():
                if not any(path.iterdir()):
                    path.rmdir()
            elif path.relative_to(site_dir).as_posix() not in current:
                path.unlink()


@dataclass
class StagedSite:
    """The site being built (`new`) for the site folder (`target`)."""

    new: Path
    target: Path
    complete: bool = False  # on_post_build ran and no error followed

    @classmethod
    def begin(cls, target: Path) -> StagedSite:
        recover_folder(target)
        return cls(staging_folder(target), target)

    def discard(self) -> None:
        shutil.rmtree(self.new, ignore_errors=True)

    def finish(self) -> bool:
        """Put a complete site in place, else discard it; True when the new site is in place."""
        if self.complete and self.new.is_dir():
            swap_in_folder(self.new, self.target)
            return True
        self.discard()
        return False
