"""One exception family per failure kind; the CLI reports them as `path:line: what; what to do`."""

from __future__ import annotations

import os
from pathlib import Path


def _rebuild(cls: type[SeedwikiError], path: str, message: str, hint: str, line: int | None) -> SeedwikiError:
    return cls(path, message, hint, line=line)


class SeedwikiError(Exception):
    """Bad input or a refused operation, reported without a traceback."""

    def __init__(self, path: Path | str, message: str, hint: str, *, line: int | None = None) -> None:
        # seeds/a.txt on every system, also where a library gave the path as a string (`OSError.filename`)
        self.path = path.as_posix() if isinstance(path, Path) else path.replace(os.sep, "/") if os.sep != "/" else path
        self.line = line
        self.message = message
        self.hint = hint
        super().__init__(self.report())

    def __reduce__(self):
        """Errors cross process boundaries (seeds are parsed in a process pool) whole."""
        return _rebuild, (type(self), self.path, self.message, self.hint, self.line)

    def report(self) -> str:
        """One line, whatever the path or the quoted value holds: line breaks and other control
        characters are written as escapes (`\\n`, `\\x1b`, `\\u2028`)."""
        where = self.path if self.line is None else f"{self.path}:{self.line}"
        return f"{where}: {self.message}; {self.hint}".translate(_ONE_LINE)


_ONE_LINE = {code: (repr(chr(code))[1:-1] if code < 0x100 else f"\\u{code:04x}") for code in [*range(0x20), *range(0x7F, 0xA0), 0x2028, 0x2029]}


class IngestError(SeedwikiError):
    """A seed file cannot be read or decoded."""


class LinkError(SeedwikiError):
    """Seeds conflict with each other (for example two seeds share a slug)."""


class WriteError(SeedwikiError):
    """Generated pages cannot be written without touching files the generator does not own."""


class BusyError(SeedwikiError):
    """Another build of the same project holds the build mutex."""


class ConfigError(SeedwikiError):
    """A setting (an environment variable, mkdocs.yml) has a value seedwiki cannot use."""
