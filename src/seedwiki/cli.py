"""The `seedwiki` command: the only place that prints progress or exits."""

from __future__ import annotations

import argparse
import dataclasses
import errno
import json
import os
import sys
from collections.abc import Callable
from datetime import date
from pathlib import Path

from . import __version__
from .build import Project, build, clean, load_corpus, project_at, stop_on_sigterm, validate_site_url
from .cite import FORMATS, entry_targets, format_citation, make_citation
from .curate import curate
from .errors import SeedwikiError
from .fragment import PageText, passage_fragment
from .ingest import ingest
from .lock import update_lock
from .model import Corpus, SeedEntry
from .new import new_project
from .parse import parse
from .render.escape import terminal_json, terminal_text
from .review import ReviewUsageError, check_reviews
from .review.quotes import quoted_in


class UsageError(SeedwikiError):
    """A command was given something it cannot use (exit code 2)."""


def _show(text: str, *, error: bool = False, end: str = "\n") -> None:
    """Print `text` on stdout (stderr with `error`). Everything the command prints comes through
    here: a seed, sidecar, glossary, file name or review may hold escape sequences (a window
    title, a cleared screen, a clipboard write), and a terminal shows their characters instead of
    obeying them (`terminal_text`)."""
    print(terminal_text(text), file=sys.stderr if error else sys.stdout, end=end)


class _Parser(argparse.ArgumentParser):
    """argparse's own messages repeat the arguments (file names a shell expanded): shown the same way."""

    def _print_message(self, message: str, file=None) -> None:
        super()._print_message(terminal_text(message), file)


def _say(message: str) -> None:
    _show(f"seedwiki: {message}", error=True)


def _project(args: argparse.Namespace) -> Project:
    """The project at --root, with the paths its mkdocs.yml gives the seedwiki plugin."""
    return project_at(Path(args.root))


def _site(args: argparse.Namespace) -> Path:
    """--site, or site/ in the project (--root)."""
    return Path(args.site) if args.site else Path(args.root) / "site"


def _progress() -> Callable[[str], None] | None:
    """Progress lines on stderr when it is a terminal (or SEEDWIKI_PROGRESS=1); none in pipes and logs."""
    return _say if sys.stderr.isatty() or os.environ.get("SEEDWIKI_PROGRESS") == "1" else None


def _cmd_build(args: argparse.Namespace) -> int:
    result = build(_project(args), on_wait=_say, report=_progress())
    w = result.written
    _show(f"seedwiki: {result.seeds} seeds; {w.written} files written, {w.unchanged} unchanged, {w.removed} removed")
    for notice in result.notices:
        _show(f"seedwiki: {notice}")
    return 0


def inspect_document(path: Path) -> dict:
    """What the pipeline made of one seed, as plain data (the `inspect` command's JSON)."""
    document = curate(parse(ingest(path)))
    return {
        "file": str(path),
        "sha256": document.seed.sha256,
        "encoding": document.seed.encoding,
        "title": {"value": document.title, "basis": document.title_basis},
        "detected": dataclasses.asdict(document.detected),
        "curated": dataclasses.asdict(document.curated) if document.curated else None,
        "blocks": [
            {"id": document.anchor(i), "kind": b.kind, "span": [b.span.start, b.span.end], "lang": b.lang,
             "question": b.number, "speaker": b.speaker, "text": b.text}
            for i, b in enumerate(document.blocks)
        ],
        "quotes": [
            {"block": document.anchor(q.block), "span": [q.span.start, q.span.end], "speaker": q.speaker,
             "basis": q.basis, "form": q.form,
             "resolved_from": document.anchor(q.resolved_from) if q.resolved_from is not None else None, "text": q.text}
            for q in document.quotes
        ],
    }


def _cmd_inspect(args: argparse.Namespace) -> int:
    _show(terminal_json(json.dumps(inspect_document(Path(args.seed)), ensure_ascii=False, indent=2)))
    return 0


def _cmd_lock(args: argparse.Namespace) -> int:
    project = _project(args)
    with project.lock(_say):
        pages, anchors = update_lock(project.lock_path, load_corpus(project))
    _show(f"{project.lock_path}: {pages} pages and {anchors} anchors added")
    return 0


def _site_url(root: Path) -> str:
    from mkdocs.config import load_config

    site_url = load_config(str(root / "mkdocs.yml")).site_url or ""
    return validate_site_url(site_url, "site_url (SEEDWIKI_SITE_URL)") if site_url else ""


def _built_page(site: Path, entry: SeedEntry) -> PageText | None:
    """The seed's page as built (None when it is not), for a text fragment that lands where the
    browser looks first: the first match on the whole page."""
    path = site / entry.url / "index.html"
    try:
        return PageText(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        return None
    except (OSError, UnicodeDecodeError) as err:
        raise UsageError(path, f"the built page cannot be read ({err.__class__.__name__})", "build the site again (`make build`), or pass --site with the built site's folder") from None


def _find_entry(corpus: Corpus, name: str) -> SeedEntry:
    wanted = Path(name).resolve()
    for entry in corpus.entries:
        if name in (entry.slug, entry.document.seed.name, entry.url) or entry.document.seed.path.resolve() == wanted:
            return entry
    raise UsageError(name, "no seed has this slug or file name", "give a slug from the catalogue or a file in seeds/")


def _cmd_cite(args: argparse.Namespace) -> int:
    root = Path(args.root)
    entry = _find_entry(load_corpus(_project(args)), args.seed)
    anchor = f"q{args.q}" if args.q is not None else f"p{args.p}" if args.p is not None else ""
    targets = list(entry_targets(entry))
    target = next((t for t in targets if t.anchor == anchor), None)
    if target is None:
        count = len(entry.document.blocks)
        questions = [t.label for t in targets if t.kind == "question"]
        raise UsageError(entry.document.seed.path, f"{entry.url} has no #{anchor}", f"it has ¶1–¶{count}" + (f" and {questions[0]}–{questions[-1]}" if questions else " and no numbered questions"))
    fragment = ""
    if args.quote:
        if not quoted_in(args.quote, target.text):
            raise UsageError(entry.document.seed.path, f"{args.quote!r} is not in {target.path}", "quote the words as the paragraph has them (check with `seedwiki inspect`)")
        site = _site(args)
        page = _built_page(site, entry)
        if page is None:
            _say(f"{site / entry.url / 'index.html'} is not built, so the URL has no text fragment; run `make build` first for a link to the passage")
        else:
            fragment = passage_fragment(page, anchor, args.quote)
    try:
        accessed = date.fromisoformat(args.accessed) if args.accessed else date.today()
    except ValueError:
        raise UsageError(args.accessed, "not a date", "give the date accessed as YYYY-MM-DD") from None
    site_url = validate_site_url(args.base_url, "--base-url") if args.base_url else _site_url(root)
    cited = make_citation(entry, target, site_url, quote=args.quote, fragment=fragment, accessed=accessed)
    citation = format_citation(cited, args.format, key=f"{entry.slug}-{anchor}" if anchor else entry.slug)
    _show(terminal_json(citation) if args.format == "csl-json" else citation)
    return 0


def _cmd_suggest_entities(args: argparse.Namespace) -> int:
    from .entities import read_glossary, suggest

    project = _project(args)
    rows = suggest(load_corpus(project), read_glossary(project.glossary_path))
    for name, count, where in rows[: args.limit]:
        more = f" (+{len(where) - 3} more)" if len(where) > 3 else ""
        _show(f"{count:>5}  {name}  —  {', '.join(where[:3])}{more}")
    _show(f"suggest-entities: {len(rows)} names in the seeds are in no entry of {project.glossary_path.name}", error=True)
    return 0


def _cmd_check(args: argparse.Namespace) -> int:
    from .check import check, table

    rows, log = check(_project(args), _site(args))
    if log:
        _show(log, error=True, end="")
    _show(table(rows))
    return 0 if all(row.ok for row in rows) else 1


def _cmd_check_review(args: argparse.Namespace) -> int:
    problems, links, quotations = check_reviews([Path(f) for f in args.files], _site(args), args.base_url)
    for problem in problems:
        _show(problem.report())
    _show(f"check-review: {len(args.files)} files, {links} wiki links, {quotations} quotations checked; {len(problems)} problems", error=True)
    return 1 if problems else 0


def _cmd_new(args: argparse.Namespace) -> int:
    target = Path(args.folder)
    made = new_project(target, Path(args.wheel) if args.wheel else None)
    _show(f"seedwiki: created {target} ({len(made.written)} files). Next: put .txt sources in {target / 'seeds'}/, then")
    _show(f"  cd {target} && mkdocs serve --dirty --dev-addr 127.0.0.1:8000")
    if made.wheel:
        _show(f"seedwiki: requirements.txt installs seedwiki from {target / 'wheels' / made.wheel} (commit it with the project)")
    if made.notice:
        _say(made.notice)
    return 0


def _cmd_clean(args: argparse.Namespace) -> int:
    cleaned = clean(_project(args))
    removed = cleaned.removed
    _show(f"seedwiki: removed {len(removed)} generated folders and files" + (f": {', '.join(removed)}" if removed else ""))
    if cleaned.kept:
        _show(f"seedwiki: kept {len(cleaned.kept)} files that seedwiki did not write, in folders it generates: {', '.join(cleaned.kept)}"
              " (move them out: the next build refuses them)")
    return 0


def main(argv: list[str] | None = None) -> int:
    parser = _Parser(prog="seedwiki", description="Turn plain-text seeds into a citable MkDocs wiki.")
    parser.add_argument("--version", action="version", version=f"seedwiki {__version__}")
    parser.add_argument("--root", default=".", help="the project folder (holds mkdocs.yml, seeds/ and docs/); default: .")
    sub = parser.add_subparsers(dest="command", required=True)
    new = sub.add_parser("new", help="create a new project in FOLDER (missing or empty) that builds as it is")
    new.add_argument("folder", metavar="FOLDER")
    new.add_argument("--wheel", metavar="WHEEL", help="the seedwiki wheel the project's requirements.txt installs from (copied into wheels/); "
                     "default: the wheel this seedwiki was installed from, if any")
    new.set_defaults(run=_cmd_new)
    sub.add_parser("clean", help="remove what builds made: the generated folders of docs/, site/ and the cache").set_defaults(run=_cmd_clean)
    sub.add_parser("build", help="generate the Markdown pages from seeds/ into docs/").set_defaults(run=_cmd_build)
    inspect = sub.add_parser("inspect", help="print, as JSON, what the pipeline made of one seed")
    inspect.add_argument("seed", help="a seed file, e.g. seeds/000_dfaa4f2b2677d4d0.txt")
    inspect.set_defaults(run=_cmd_inspect)
    sub.add_parser("lock", help="add every current page and anchor to permalinks.lock (never removes one)").set_defaults(run=_cmd_lock)
    cite = sub.add_parser("cite", help="print a citation of a seed, one of its questions or one of its paragraphs")
    cite.add_argument("seed", help="a seed's slug, file name or path, e.g. 000_dfaa4f2b2677d4d0")
    which = cite.add_mutually_exclusive_group()
    which.add_argument("--q", type=int, metavar="N", help="cite question N (#qN)")
    which.add_argument("--p", type=int, metavar="N", help="cite paragraph N (#pN)")
    cite.add_argument("--quote", metavar="WORDS", help="quote these words of the paragraph: the citation names them and its URL highlights them")
    cite.add_argument("--format", choices=FORMATS, default="markdown", help="markdown (default), text, html, url, bibtex, csl-json or ris")
    cite.add_argument("--accessed", metavar="YYYY-MM-DD", help="the date accessed the citation gives; default: today")
    cite.add_argument("--base-url", help="the wiki's address; default: site_url of mkdocs.yml (SEEDWIKI_SITE_URL)")
    cite.add_argument("--site", help="the built site, read for --quote's passage link; default: site/ in the project")
    cite.set_defaults(run=_cmd_cite)
    suggest = sub.add_parser("suggest-entities", help="list names and acronyms in the seeds that no glossary entry covers")
    suggest.add_argument("--limit", type=int, default=200, help="show at most this many (most frequent first); default: 200")
    suggest.set_defaults(run=_cmd_suggest_entities)
    check = sub.add_parser("check", help="build the site strictly and verify indexing, fidelity, links, anchors and the lock")
    check.add_argument("--site", help="where to build the site; default: site/ in the project")
    check.set_defaults(run=_cmd_check)
    review = sub.add_parser("check-review", help="check a review's links into the wiki and its quotations")
    review.add_argument("files", nargs="+", metavar="FILE", help="reviews, in Markdown or plain text")
    review.add_argument("--site", help="the built site (holds links.json); default: site/ in the project")
    review.add_argument("--base-url", help="the wiki's address as the review links it; default: the site's own")
    review.set_defaults(run=_cmd_check_review)
    args = parser.parse_args(argv)
    stop_on_sigterm()
    try:
        return args.run(args)
    except BrokenPipeError:  # the reader went away (`seedwiki inspect … | head`): not an error
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        return 0
    except (UsageError, ReviewUsageError) as err:
        _show(err.report(), error=True)
        return 2
    except SeedwikiError as err:
        _show(err.report(), error=True)
        return 1
    except OSError as err:  # the disk or the system refused, outside any stage's own checks
        hint = "free disk space, then run the command again" if err.errno == errno.ENOSPC else "check the file's permissions and the disk, then run the command again"
        _show(f"{err.filename or args.root}: {err.strerror or err}; {hint}", error=True)
        return 1
    except KeyboardInterrupt:
        _say("interrupted; nothing half-written is kept (the next build finishes or discards it)")
        return 130
    except Exception as err:  # a bug: one line, not a traceback (SEEDWIKI_DEBUG=1 shows it)
        from mkdocs.exceptions import ConfigurationError

        if isinstance(err, ConfigurationError):  # mkdocs.yml, read for the site's address
            _show(f"{Path(args.root) / 'mkdocs.yml'}: {str(err).rstrip('.')}; fix the configuration (or give the address with --base-url)", error=True)
            return 1
        if os.environ.get("SEEDWIKI_DEBUG"):
            raise
        _show(f"{args.root}: internal error {type(err).__name__}: {err}; this is a bug in seedwiki: report it with the input (SEEDWIKI_DEBUG=1 shows the traceback)", error=True)
        return 70


if __name__ == "__main__":
    sys.exit(main())
