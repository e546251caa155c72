"""extract: an original that is not plain text becomes the text the wiki publishes, before parse.

One small module per format: `pdf` (pypdf: text per page, page boundaries kept), `web` (a saved
web page: trafilatura's main text, never a script or style; metadata from its meta tags and
JSON-LD), `word` (python-docx: paragraphs and tables in order, core properties), `mail` (the
standard library's `email`: From, Date and Subject, the text/plain part, else the text of the
HTML part) and `markdown` (the file's text, verbatim: never rendered). Each library is an
optional extra (`pip install seedwiki[pdf]`, `[html]`, `[docx]`, `[formats]` for all), imported
only when a seed needs it.

Extraction is deterministic: the same bytes and the same library version give the same text
(`Extraction.text_sha256`), which `permalinks.lock` records and the parse cache keys by. Bad
input (encrypted, malformed, a zip bomb, too large) is an `IngestError`: one line naming the file,
what is wrong and what to do.
"""

from __future__ import annotations

import hashlib
import importlib
import logging
import signal
import threading
import warnings
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from functools import cache
from importlib import metadata
from pathlib import Path
from types import ModuleType

from ..errors import IngestError
from ..model import Extraction, FormatValue


@dataclass(frozen=True)
class Extracted:
    """What a format's module makes of an original: the text (paragraphs separated by blank
    lines), where each PDF page starts in it, and the metadata the format states."""

    text: str
    pages: tuple[int, ...] = ()
    found: tuple[FormatValue, ...] = ()
    notices: tuple[str, ...] = ()


@dataclass(frozen=True)
class Format:
    name: str  # as the page names it
    module: str  # the seedwiki.extract module
    distribution: str  # the library that extracts, whose version is recorded
    extra: str | None  # the optional extra that installs it (None: the standard library or seedwiki)
    imports: str | None  # the library's import name, to tell whether it is installed
    # whether the text's first line may be the title when the format states none (a saved web
    # page's main text starts with its headline; a PDF's first line is as often a running head)
    title_from_text: bool = False


FORMATS: dict[str, Format] = {
    ".md": Format("Markdown", "markdown", "seedwiki", None, None, title_from_text=True),
    ".eml": Format("e-mail", "mail", "email", None, None),
    ".html": Format("HTML", "web", "trafilatura", "html", "trafilatura", title_from_text=True),
    ".htm": Format("HTML", "web", "trafilatura", "html", "trafilatura", title_from_text=True),
    ".pdf": Format("PDF", "pdf", "pypdf", "pdf", "pypdf"),
    ".docx": Format("DOCX", "word", "python-docx", "docx", "docx"),
}
SUFFIXES = tuple(FORMATS)

# An original larger than this is refused before any library reads it (a 200 MB PDF).
MAX_ORIGINAL_BYTES = 64 * 1024 * 1024
# An extraction that takes longer than this is stopped (a file crafted to keep its library busy).
MAX_SECONDS = 120


@cache
def extractor_version(suffix: str) -> str | None:
    """"pypdf==7.1.1" for the extractor of `suffix` as installed ("pypdf missing" when it is not);
    None for a suffix without one (`.txt`). The parse cache keys documents by it."""
    fmt = FORMATS.get(suffix)
    if fmt is None:
        return None
    return f"{fmt.distribution}=={_version(fmt)}" if _installed(fmt) else f"{fmt.distribution} missing"


def _version(fmt: Format) -> str:
    if fmt.distribution == "email":
        import platform

        return f"Python {platform.python_version()}"
    if fmt.distribution == "seedwiki":
        from .. import __version__

        return __version__
    return metadata.version(fmt.distribution)


def _installed(fmt: Format) -> bool:
    if fmt.imports is None:
        return True
    try:
        metadata.version(fmt.distribution)
    except metadata.PackageNotFoundError:
        return False
    return True


def require(name: str, path: Path, extra: str) -> ModuleType:
    """Import the library `name` that reads `path`'s format, or say which extra installs it."""
    try:
        return importlib.import_module(name)
    except ImportError:
        raise IngestError(path, f"reading a {path.suffix} file needs the library {name}, which is not installed",
                          f"install it with `pip install 'seedwiki[{extra}]'` (or seedwiki[formats] for every format), or remove the file") from None


def clean(text: str) -> str:
    """The extracted text as the wiki keeps it: newlines normalised, trailing spaces dropped, NUL
    characters dropped (a page holds none), runs of blank lines made one, no blank start or end."""
    text = text.replace("\r\n", "\n").replace("\r", "\n").replace("\x00", "")
    lines = [line.rstrip() for line in text.split("\n")]
    out: list[str] = []
    for line in lines:
        if line or (out and out[-1]):
            out.append(line)
    return "\n".join(out).strip("\n")


def paragraphs(parts: list[str]) -> str:
    """Paragraphs as the parser reads them: each part cleaned, empty ones dropped, one blank line between."""
    return "\n\n".join(p for p in (clean(part) for part in parts) if p)


class _TooLong(BaseException):
    """Raised by the alarm inside a library (a BaseException: no library's `except Exception` holds it)."""


@contextmanager
def time_limit(seconds: float, path: Path, what: str) -> Iterator[None]:
    """Stop an extraction that runs longer than `seconds`, with one line naming the file. On the
    main thread of a platform that has it, an alarm (SIGALRM) raises inside the library; on any
    other thread (a server's rebuild, a build pool's) or platform, a timer raises the same
    exception in the extracting thread (`PyThreadState_SetAsyncExc`). Either reaches the library
    between two steps of its Python code, never inside one call into C."""
    if hasattr(signal, "setitimer") and threading.current_thread() is threading.main_thread():
        stopping = _alarm(seconds)
    else:
        stopping = _timer(seconds)
    try:
        with stopping:
            yield
    except _TooLong:
        raise IngestError(path, f"reading the {what} file took more than {seconds:g} s, so it was stopped",
                          "check that the file opens normally in its own program; publish its text as a .txt seed, or remove it") from None


@contextmanager
def _alarm(seconds: float) -> Iterator[None]:
    def alarm(signum, frame):
        raise _TooLong

    previous = signal.signal(signal.SIGALRM, alarm)
    signal.setitimer(signal.ITIMER_REAL, seconds)
    try:
        yield
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous)


@contextmanager
def _timer(seconds: float) -> Iterator[None]:
    """`_TooLong` raised in this thread once `seconds` have passed, unless the block ended first.
    The timer raises under a lock and the block's end disarms it under the same lock, clearing an
    exception set but not yet raised: none ever escapes the block."""
    import ctypes

    thread = ctypes.c_ulong(threading.get_ident())
    guard = threading.Lock()
    state = {"armed": True, "fired": False}

    def fire() -> None:
        with guard:
            if state["armed"]:
                state["fired"] = True
                ctypes.pythonapi.PyThreadState_SetAsyncExc(thread, ctypes.py_object(_TooLong))

    timer = threading.Timer(seconds, fire)
    timer.daemon = True
    timer.start()
    try:
        yield
    finally:
        with guard:
            state["armed"] = False
            if state["fired"]:
                ctypes.pythonapi.PyThreadState_SetAsyncExc(thread, None)  # not raised yet: cleared
        timer.cancel()


@contextmanager
def quiet(library: str | None) -> Iterator[None]:
    """The library's log messages and warnings ("EOF marker not found") held back while it reads:
    what goes wrong is said once, by seedwiki, as one line."""
    loggers = [logging.getLogger(name) for name in (library, "trafilatura", "htmldate", "courlan", "justext") if name]
    held = logging.NullHandler()  # the libraries' modules log to child loggers: these stop there
    before = [logger.propagate for logger in loggers]
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        for logger in loggers:
            logger.addHandler(held)
            logger.propagate = False
        try:
            yield
        finally:
            for logger, propagate in zip(loggers, before, strict=True):
                logger.removeHandler(held)
                logger.propagate = propagate


def extract(raw: bytes, path: Path) -> tuple[str, Extraction]:
    """The text of the original `raw` (the file at `path`) and how it was made."""
    fmt = FORMATS[path.suffix]
    if len(raw) > MAX_ORIGINAL_BYTES:
        raise IngestError(path, f"the file is {len(raw) / 2**20:,.0f} MiB, more than the {MAX_ORIGINAL_BYTES // 2**20} MiB seedwiki extracts text from",
                          "publish its text as a .txt seed, or split the document")
    module = importlib.import_module(f"{__name__}.{fmt.module}")
    reader: Callable[[bytes, Path], Extracted] = module.extract
    with quiet(fmt.imports), time_limit(MAX_SECONDS, path, fmt.name):
        result = reader(raw, path)
    text = result.text
    return text, Extraction(fmt.name, fmt.distribution, _version(fmt), hashlib.sha256(text.encode("utf-8")).hexdigest(),
                            result.pages, result.found, result.notices, fmt.title_from_text)


def stated_date(value: object, where: str) -> list[FormatValue]:
    """A date the format states (an ISO 8601 string such as "2024-05-03T10:00:00Z", a PDF date
    "D:20240503…", or a `datetime`) as `found` values: the day, or the month or year it gives;
    nothing when it is not a date (unknown is a correct answer)."""
    import datetime
    import re

    if isinstance(value, datetime.datetime | datetime.date):
        text = value.isoformat()
    elif isinstance(value, str):
        text = value.strip().removeprefix("D:")
        if re.fullmatch(r"\d{8}.*", text):
            text = f"{text[:4]}-{text[4:6]}-{text[6:8]}"
    else:
        return []
    match = re.match(r"(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?(?![\d])", text)
    if match is None:
        return []
    year, month, day = match.groups()
    try:
        datetime.date(int(year), int(month or 1), int(day or 1))
    except ValueError:
        return []
    if not 1000 <= int(year) <= 9999:
        return []
    iso, precision = (f"{year}-{month}-{day}", "day") if day else ((f"{year}-{month}", "month") if month else (year, "year"))
    return [("date", iso, where), ("date_precision", precision, where)]


def stated(name: str, value: object, where: str) -> list[FormatValue]:
    """A text value the format states, on one line, as `found`; nothing when it is empty."""
    if not isinstance(value, str):
        return []
    text = " ".join(value.replace("\x00", "").split())
    return [(name, text[:300], where)] if text else []
