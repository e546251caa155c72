"""The files the plugin writes into the site at the end of a build (links.json, the bibliography,
the redirect and retired pages): each written whole or not at all, and one line when it cannot be.

A file is written into a temporary file in its own folder, then renamed over its name: a full disk,
a read-only folder or a folder standing where the file goes leaves the previous file (under
`mkdocs serve`, the one being served) as it was and no temporary file behind."""

from __future__ import annotations

import contextlib
import errno
import os
from collections.abc import Iterator
from pathlib import Path
from typing import TextIO

from mkdocs.exceptions import PluginError

TEMPORARY = ".seedwiki-part"  # the suffix of a file being written


@contextlib.contextmanager
def whole_file(path: Path) -> Iterator[TextIO]:
    """A text file to write `path` through: it becomes `path` once the block ends without error.
    An `OSError` names `path` (not the temporary file, nor no file at all, as a failed write does)."""
    tmp = path.with_name(path.name + TEMPORARY)
    try:
        with tmp.open("w", encoding="utf-8") as file:
            yield file
        os.replace(tmp, path)
    except BaseException as err:
        with contextlib.suppress(OSError):
            tmp.unlink(missing_ok=True)
        if isinstance(err, OSError):
            err.filename, err.filename2 = str(path), None
        raise


def write_whole(path: Path, text: str) -> None:
    """`path` holds `text`, written whole (`whole_file`)."""
    with whole_file(path) as file:
        file.write(text)


def unwritable(err: OSError, site: Path, shown: Path) -> PluginError:
    """The one-line error for a file of the site folder `site` that could not be written, named as
    it will be in `shown` (the site folder, where a staged build's files go once it is complete)."""
    name = Path(err.filename) if err.filename else site
    with contextlib.suppress(ValueError):
        name = shown / name.relative_to(site)
    if err.errno in (errno.ENOSPC, errno.EDQUOT):
        todo = "free disk space"
    elif err.errno in (errno.EACCES, errno.EPERM, errno.EROFS):
        todo = "make the folder writable"
    elif err.errno in (errno.EISDIR, errno.ENOTDIR, errno.EEXIST, errno.ENOTEMPTY):
        todo = "remove or rename what is in its place (a folder or file of that name in docs/ is copied there)"
    else:
        todo = "free disk space, or check the folder and its permissions"
    return PluginError(f"seedwiki: {name}: cannot write the file ({err.strerror or err}); {todo}, then build again")
