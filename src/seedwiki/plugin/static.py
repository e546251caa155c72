"""The generator's files that MkDocs copies into the site as they are (each seed's source.txt, the
package's scripts and style), as hard links to docs/ where the file system allows.

MkDocs copies a file by opening both and writing the bytes (at 1,000 dense seeds its 1,059 copies
took 0.2-0.5 s of CPU on ext4); a link is one call. A link is a copy all the same here, because
the generator never writes a file of its folders in place: it replaces each by a rename
(`write._write` and `write._replace_file`), so a site that links the previous file keeps the
previous bytes, as a copy would, until the next build links the new one. Files written by hand
(docs/ outside the generator's folders) are copied as MkDocs copies them: an editor may rewrite
those in place, which would change the built site with them.

The site's stamp (`uptodate.site_digest`) records each file's inode and change time: those of a
link are the docs/ file's, which the generator changes only when it replaces the file, and then
the site is built again anyway. Where a link cannot be made (the site on another file system, a
file system without links) the file is copied as MkDocs copies it.
"""

from __future__ import annotations

import os
import stat
from functools import partial

from mkdocs.structure.files import File, Files


def link_generated_files(files: Files, roots: tuple[str, ...]) -> None:
    """Let each static file of the generator's folders (`roots`) reach the site as a link."""
    for file in files:
        if file.abs_src_path is not None and not file.is_documentation_page() and file.src_uri.split("/", 1)[0] in roots:
            file.copy_file = _linker(file)  # type: ignore[method-assign]


def check_in_two_stats(files: Files, roots: tuple[str, ...]) -> None:
    """Under serve (a dirty build), let MkDocs ask whether each file of the generator's folders
    changed (`File.is_modified`: a page twice, a static file once) in two calls to the system, not
    three: its own check asks whether the built file is a file, then for its time, then for the
    source's time (at 10,000 seeds 38,000 checks each save). A page is asked when MkDocs reads it
    and again when it writes it, with nothing written in between that either time depends on (the
    generator is done; MkDocs writes the site's pages after it has read them all): the second
    question gets the first answer (14,000 checks fewer a save at 10,000 seeds)."""
    for file in files:
        if file.abs_src_path is not None and file.src_uri.split("/", 1)[0] in roots:
            file.is_modified = partial(_is_modified, file, [])  # type: ignore[method-assign]


def _is_modified(file: File, answered: list[bool]) -> bool:
    """`File.is_modified`, the built file's kind and time from one status; the answer kept in `answered`."""
    if file._content is not None:
        return True
    if answered:
        return answered[0]
    assert file.abs_src_path is not None
    try:
        built = os.stat(file.abs_dest_path)
    except (OSError, ValueError):  # as `os.path.isfile`: no file
        modified = True
    else:
        modified = not stat.S_ISREG(built.st_mode) or built.st_mtime < os.stat(file.abs_src_path).st_mtime  # as `os.path.getmtime`
    answered.append(modified)
    return modified


def _linker(file: File):
    def copy_file(dirty: bool = False) -> None:
        if dirty and not file.is_modified():
            return
        source, target = file.abs_src_path, file.abs_dest_path
        if file.generated_by is not None or source is None or not _link(source, target):
            File.copy_file(file, dirty)

    return copy_file


def _link(source: str, target: str) -> bool:
    """Make `target` a link to `source` (replacing what is there in one step); False where the file
    system refuses."""
    try:
        os.makedirs(os.path.dirname(target), exist_ok=True)
        try:
            os.link(source, target)
        except FileExistsError:  # a dirty build, or serve: the previous file is replaced whole
            if os.path.samefile(source, target):
                return True  # already this file (renaming a link over another of the same file would leave the spare)
            spare = target + ".seedwiki-link"
            if os.path.lexists(spare):
                os.unlink(spare)
            os.link(source, spare)
            os.replace(spare, target)
    except OSError:
        return False
    return True
