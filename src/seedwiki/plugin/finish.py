"""The files the plugin writes into the site at the end of a build (links.json, the bibliography,
the redirect and retired pages): each written whole or not at all (`write.whole_file`), and one
line when it cannot be (`unwritable`).

A file is written into a temporary file in its own folder, then renamed over its name: a full disk,
a read-only folder or a folder standing where the file goes leaves the previous file (under
`mkdocs serve`, the one being served) as it was and no temporary file behind."""

from __future__ import annotations

import contextlib
import errno
from pathlib import Path

from mkdocs.exceptions import PluginError


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
