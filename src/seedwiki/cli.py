"""The `seedwiki` command: the only place that prints progress or exits.

Each command imports the stages it runs when it runs: `seedwiki --version` or `--help` loads
none of the pipeline (MkDocs, the parsers, the language model)."""

from __future__ import annotations

import argparse
import errno
import os
import sys
import textwrap
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Any

from . import __version__
from .errors import SeedwikiError

if TYPE_CHECKING:
    from .build import Project
    from .fragment import PageText
    from .model import Corpus, SeedEntry

# -q: -1 (errors and the command's own output only), -v: 1 (progress in pipes and logs too); set by `main`.
_verbosity = 0


class UsageError(SeedwikiError):
    """A command was given something it cannot use (exit code 2)."""


def _show(text: str, *, error: bool = False, end: str = "\n") -> None:
    """Print `text` on stdout (stderr with `error`). Everything the command prints comes through
    here: a seed, sidecar, glossary, file name or review may hold escape sequences (a window
    title, a cleared screen, a clipboard write), and a terminal shows their characters instead of
    obeying them (`terminal_text`)."""
    if not text.replace("\n", "").replace("\t", "").isprintable():  # only such text can hold a control character
        from .escape import terminal_text

        text = terminal_text(text)
    print(text, file=sys.stderr if error else sys.stdout, end=end)


class _Parser(argparse.ArgumentParser):
    """argparse's own messages repeat the arguments (file names a shell expanded): shown the same way."""

    def _print_message(self, message: str, file=None) -> None:
        if message:
            _show(message, error=file is not sys.stdout, end="")


def _say(message: str) -> None:
    """A notice or a progress line on stderr; `-q` leaves it out."""
    if _verbosity >= 0:
        _show(f"seedwiki: {message}", error=True)


def _tell(message: str) -> None:
    """What a command did, on stdout; `-q` leaves it out."""
    if _verbosity >= 0:
        _show(message)


def _project(args: argparse.Namespace) -> Project:
    """The project at --root, with the paths its mkdocs.yml gives the seedwiki plugin."""
    from .build import project_at

    root = Path(args.root)
    if not (root / "mkdocs.yml").is_file() and not (root / "seeds").is_dir():
        raise UsageError(root.resolve(), "no mkdocs.yml and no seeds/ here: this is not a seedwiki project",
                         "run the command in the project's folder (or name it with --root), or make a project with `seedwiki new FOLDER`")
    return project_at(root)


def _site(args: argparse.Namespace) -> Path:
    """--site, or site/ in the project (--root)."""
    return Path(args.site) if args.site else Path(args.root) / "site"


def _progress() -> Callable[[str], None] | None:
    """Progress lines on stderr when it is a terminal (or -v, or SEEDWIKI_PROGRESS=1); none in
    pipes and logs, none with -q."""
    if _verbosity < 0:
        return None
    return _say if _verbosity > 0 or sys.stderr.isatty() or os.environ.get("SEEDWIKI_PROGRESS") == "1" else None


def _cmd_build(args: argparse.Namespace) -> int:
    from .build import build

    result = build(_project(args), on_wait=_say, report=_progress())
    w = result.written
    _tell(f"seedwiki: {result.seeds} seeds; {w.written} files written, {w.unchanged} unchanged, {w.removed} removed")
    for notice in result.notices:
        _tell(f"seedwiki: {notice}")
    return 0


def inspect_document(path: Path) -> dict:
    """What the pipeline made of one seed, as plain data (the `inspect` command's JSON)."""
    import dataclasses

    from .curate import curate
    from .ingest import ingest
    from .link.targets import paragraph_anchor
    from .parse import parse

    document = curate(parse(ingest(path)))
    inspected: dict[str, Any] = {
        "file": str(path),
        "sha256": document.seed.sha256,
        "encoding": document.seed.encoding,
        "title": {"value": document.title, "basis": document.title_basis},
        "detected": dataclasses.asdict(document.detected),
        "curated": dataclasses.asdict(document.curated) if document.curated else None,
        "blocks": [
            {"id": paragraph_anchor(i), "kind": b.kind, "span": [b.span.start, b.span.end], "lang": b.lang,
             "question": b.number, "speaker": b.speaker, "text": b.text}
            for i, b in enumerate(document.blocks)
        ],
        "quotes": [
            {"block": paragraph_anchor(q.block), "span": [q.span.start, q.span.end], "speaker": q.speaker,
             "basis": q.basis, "form": q.form,
             "resolved_from": paragraph_anchor(q.resolved_from) if q.resolved_from is not None else None, "text": q.text}
            for q in document.quotes
        ],
    }
    if (extraction := document.seed.extraction) is not None:  # an original whose text was extracted
        inspected["extraction"] = {"format": extraction.format, "extractor": extraction.extractor, "version": extraction.version,
                                   "text_sha256": extraction.text_sha256, "pages": len(extraction.pages) or None,
                                   "stated": [{"field": f, "value": v, "basis": w} for f, v, w in extraction.found],
                                   "notices": list(extraction.notices)}
        if extraction.pages:
            for block, item in zip(document.blocks, inspected["blocks"], strict=True):
                item["page"] = document.seed.page_of(block.span.start)
    return inspected


def _cmd_inspect(args: argparse.Namespace) -> int:
    import json

    from .escape import terminal_json

    _show(terminal_json(json.dumps(inspect_document(Path(args.seed)), ensure_ascii=False, indent=2)))
    return 0


def _cmd_lock(args: argparse.Namespace) -> int:
    from .build import load_corpus
    from .link.permalinks import update_lock

    project = _project(args)
    if args.slug is not None and args.new_slug is None:
        raise UsageError("--slug", "names the new slug of the seed that --new-slug moves", "give --new-slug SEED with it")
    with project.exclusive(_say):
        if args.new_slug is not None:
            return _new_slug(project, args.new_slug, args.slug)
        pages, anchors = update_lock(project.lock_path, load_corpus(project))
    _tell(f"{project.lock_path}: {pages} pages and {anchors} anchors added")
    return 0


def _new_slug(project, name: str, wanted: str | None) -> int:
    """`lock --new-slug SEED`: a seed whose extracted text changed moves to a new slug (written to
    its sidecar), and every locked page of it published from another text (its page, and the
    pages it had under earlier slugs, now redirects) is marked retired; its new page and anchors
    are locked."""
    import re

    from .build import load_corpus
    from .curate import SLUG_PATTERN, sidecar_path
    from .link.corpus import SLUG_MAX_CHARS
    from .link.permalinks import read_lock, update_lock

    corpus = load_corpus(project)
    lock = read_lock(project.lock_path)
    entry = _find_new_slug_entry(corpus, lock, name, project.root)
    seed = entry.document.seed
    mine = [line for line in lock if line.sha256 == seed.sha256 and line.retired is None]
    if not mine:
        raise UsageError(name, f"{entry.url} is not in {project.lock_path.name}: no citation can name its paragraphs yet", "run `seedwiki lock` to lock it as it is")
    if seed.extraction is None or all(line.text_sha256 is None for line in mine):
        raise UsageError(name, f"{seed.name}'s text is not extracted from an original, so no extraction can change", "nothing to do")
    changed = [line for line in mine if line.text_sha256 is not None and line.text_sha256 != seed.extraction.text_sha256]
    if not changed:
        raise UsageError(name, f"{seed.name} gives the text its page was published from (text sha256 {seed.extraction.text_sha256[:12]}…): its anchors hold", "nothing to do")
    # slugs equal but for letter case are one folder on macOS and Windows: taken as well
    taken = {page.removeprefix("seeds/").rstrip("/").casefold(): f"{page} in {project.lock_path.name}" for page in (line.page for line in lock)}
    taken |= {e.slug.casefold(): f"{e.url}, the page of {e.document.seed.name}" for e in corpus.entries}
    given = wanted is not None
    if wanted is None:
        # <slug>-2, or the next number free; a slug of 80 characters is shortened to make room
        wanted = next(c for n in range(2, 10_000) if (c := entry.slug[:SLUG_MAX_CHARS - len(f"-{n}")].rstrip("-_") + f"-{n}").casefold() not in taken)
        if re.match(SLUG_PATTERN, wanted) is None:
            raise UsageError(name, f"the new slug made from {entry.slug!r}, {wanted!r}, cannot be written to a sidecar (letters, digits, _ and -, at most 80)", "give the new slug with --slug NEW")
    elif re.match(SLUG_PATTERN, wanted) is None:
        raise UsageError("--slug", f"{wanted!r} is not a slug (letters, digits, _ and -, at most 80)", "give another --slug")
    if given and wanted.casefold() in taken:
        what = taken[wanted.casefold()]
        same = f"seeds/{wanted}/" in what
        raise UsageError("--slug", f"seeds/{wanted}/ is already a page or in the lock: {what}"
                         + ("" if same else " (they differ only in letter case: on macOS and Windows they are one folder)"), "give another --slug")
    sidecar = sidecar_path(seed.path)
    before = sidecar.read_bytes() if sidecar.is_file() else None
    _write_sidecar_slug(sidecar, before, wanted, entry.document.slug_line, seed.name)
    retire = {line.page: f"seeds/{wanted}/" for line in changed}
    try:
        moved = load_corpus(project)
        pages, anchors = update_lock(project.lock_path, moved, retire=retire)
    except BaseException:
        if before is None:
            sidecar.unlink(missing_ok=True)
        else:
            sidecar.write_bytes(before)
        raise
    _tell(f"{project.lock_path}: {', '.join(retire)} retired (links to their paragraphs reach a page that says the text was extracted again); "
          f"{seed.name} is now seeds/{wanted}/ (`slug: {wanted}` in {sidecar.name}); {pages} pages and {anchors} anchors added. "
          f"Commit {project.lock_path.name} and {sidecar.name}")
    return 0


def _find_new_slug_entry(corpus: Corpus, lock, name: str, root: Path) -> SeedEntry:
    """The seed `--new-slug` names: by its slug, file name, address or path, or by a locked page it
    had under an earlier slug (`doc` for seeds/doc/, now a redirect)."""
    try:
        return _find_entry(corpus, name, root)
    except UsageError:
        page = f"seeds/{name.removeprefix('seeds/').strip('/')}/"
        shas = {line.sha256 for line in lock if line.page == page}
        for entry in corpus.entries:
            if entry.document.seed.sha256 in shas:
                return entry
        raise


def _write_sidecar_slug(sidecar: Path, before: bytes | None, slug: str, slug_line: int | None, seed_name: str) -> None:
    """Write `slug: <slug>` into the seed's sidecar: over its `slug:` line, else as a last line. The
    rest stays byte for byte: a UTF-8 byte-order mark, CRLF line ends, comments."""
    import re

    import yaml

    data = before or b""
    bom = b"\xef\xbb\xbf" if data.startswith(b"\xef\xbb\xbf") else b""
    try:
        text = data[len(bom):].decode("utf-8")
    except UnicodeDecodeError:
        raise UsageError(sidecar, "the sidecar is not UTF-8", "save it as UTF-8, then run the command again") from None
    newline = "\r\n" if "\r\n" in text else "\n"
    # a slug YAML would read as another type (`yes`, `null`, `1_000`) is written quoted
    value = slug if yaml.safe_load(slug) == slug else f'"{slug}"'
    text, found = re.subn(r"(?m)^slug[ \t]*:[^\r\n]*", lambda _: f"slug: {value}", text, count=1)
    if not found and slug_line is not None:
        raise UsageError(sidecar, f"its `slug:` (line {slug_line}) is not written as `slug: <slug>` on one line",
                         f"write it so, then run `seedwiki lock --new-slug {seed_name}` again")
    if not found:
        text += ("" if not text or text.endswith("\n") else newline) + f"slug: {value}" + newline
    sidecar.write_bytes(bom + text.encode("utf-8"))


def _site_url(root: Path) -> str:
    from .build import project_at, validate_site_url

    site_url = project_at(root).site_url
    return validate_site_url(site_url, "site_url (SEEDWIKI_SITE_URL)") if site_url else ""


def _built_page(site: Path, shown: str) -> PageText | None:
    """The page that shows a target (`Target.shown`: the seed's page, or a long seed's part) as built
    (None when it is not), for a text fragment that lands where the browser looks first: the first
    match on the whole page."""
    from .fragment import PageText

    path = site / shown / "index.html"
    try:
        return PageText(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        return None
    except (OSError, UnicodeDecodeError) as err:
        raise UsageError(path, f"the built page cannot be read ({err.__class__.__name__})", "build the site again (`mkdocs build`), or pass --site with the built site's folder") from None


def _find_entry(corpus: Corpus, name: str, root: Path) -> SeedEntry:
    """The seed named by its slug, file name, address or path (from here, or from the project's root)."""
    wanted = {Path(name).resolve(), (root / name).resolve()}
    for entry in corpus.entries:
        if name in (entry.slug, entry.document.seed.name, entry.url) or entry.document.seed.path.resolve() in wanted:
            return entry
    raise UsageError(name, "no seed has this slug or file name", "give a slug from the catalogue or a file in seeds/")


def _cite_all(args: argparse.Namespace, corpus: Corpus, root: Path) -> int:
    """`cite --all`: every seed as one bibliography, in BibTeX, RIS or CSL-JSON (the site's citations.* files)."""
    from .build import validate_site_url
    from .citation import bibliography, entry_item
    from .escape import terminal_json

    if args.format not in ("bibtex", "ris", "csl-json") or args.seed or args.q is not None or args.p is not None or args.quote:
        raise UsageError("--all", "cites every seed as a whole, as a bibliography file", "give --format bibtex, ris or csl-json, and no seed, --p, --q or --quote")
    site_url = validate_site_url(args.base_url, "--base-url") if args.base_url else _site_url(root)
    text = bibliography([entry_item(entry, site_url) for entry in corpus.entries], args.format).rstrip("\n")
    _show(terminal_json(text) if args.format == "csl-json" else text)
    return 0


def _cmd_cite(args: argparse.Namespace) -> int:
    from datetime import date

    from .build import load_corpus, validate_site_url
    from .citation import FORMATS, format_citation, make_citation
    from .escape import terminal_json
    from .fragment import passage_fragment
    from .link.targets import entry_targets, page_anchor, paragraph_anchor, paragraph_range, question_anchor
    from .quotation import quoted_in

    if args.format not in FORMATS:
        raise UsageError(f"--format {args.format}", "not a citation format", f"give one of {', '.join(FORMATS)}")
    root = Path(args.root)
    if args.all:
        return _cite_all(args, load_corpus(_project(args)), root)
    if args.seed is None:
        raise UsageError("cite", "no seed named", "give a seed's slug or file name, or --all for every seed")
    entry = _find_entry(load_corpus(_project(args)), args.seed, root)
    anchor = question_anchor(args.q) if args.q is not None else paragraph_anchor(args.p - 1) if args.p is not None else ""
    anchor = page_anchor(args.page) if args.page is not None else anchor
    targets = list(entry_targets(entry))
    target = next((t for t in targets if t.anchor == anchor), None)
    if target is None:
        count = len(entry.document.blocks)
        questions = [t.label for t in targets if t.kind == "question"]
        raise UsageError(entry.document.seed.path, f"{entry.url} has no #{anchor}", f"it has {paragraph_range(1, count)}" + (f" and {questions[0]}–{questions[-1]}" if questions else " and no numbered questions"))
    fragment = ""
    if args.quote:
        if not quoted_in(args.quote, target.text):
            raise UsageError(entry.document.seed.path, f"{args.quote!r} is not in {target.path}", "quote the words as the paragraph has them (check with `seedwiki inspect`)")
        site = _site(args)
        page = _built_page(site, target.shown)
        if page is None:
            _say(f"{site / target.shown / 'index.html'} is not built, so the URL has no text fragment; run `mkdocs build` first for a link to the passage")
        else:
            fragment = passage_fragment(page, anchor, args.quote)
    try:
        accessed = date.fromisoformat(args.accessed) if args.accessed else date.today()
    except ValueError:
        raise UsageError(args.accessed, "not a date", "give the date accessed as YYYY-MM-DD") from None
    site_url = validate_site_url(args.base_url, "--base-url") if args.base_url else _site_url(root)
    cited = make_citation(entry, target, site_url, quote=args.quote, fragment=fragment, accessed=accessed)
    citation = format_citation(cited, args.format)
    _show(terminal_json(citation) if args.format.startswith("csl-") else citation)
    return 0


def _cmd_suggest_entities(args: argparse.Namespace) -> int:
    from .build import load_corpus
    from .link.entities import read_glossary, suggest

    project = _project(args)
    rows = suggest(load_corpus(project), read_glossary(project.glossary_path))
    for name, count, where in rows[: args.limit]:
        more = f" (+{len(where) - 3} more)" if len(where) > 3 else ""
        _show(f"{count:>5}  {name}  —  {', '.join(where[:3])}{more}")
    _show(f"suggest-entities: {len(rows)} names in the seeds are in no entry of {project.glossary_path.name}", error=True)
    return 0


def _cmd_check(args: argparse.Namespace) -> int:
    from .check import check, table

    rows, log = check(_project(args), _site(args), verbose=_verbosity > 0, built=args.built)
    if log:
        _show(log, error=True, end="")
    _show(table(rows))
    return 0 if all(row.ok for row in rows) else 1


def _cmd_merge_shards(args: argparse.Namespace) -> int:
    from .shard import merge_shards

    site = _site(args)
    merged = merge_shards([Path(folder) for folder in args.shards], site)
    _tell(f"seedwiki: merged {merged.shards} shards ({merged.files:,} files) into {site}; search merges their {merged.shards} bundles")
    return 0


def _cmd_check_review(args: argparse.Namespace) -> int:
    from .review import check_reviews

    problems, links, quotations = check_reviews([Path(f) for f in args.files], _site(args), args.base_url)
    if args.format == "json":
        import json

        from .escape import terminal_json

        _show(terminal_json(json.dumps([problem.as_dict() for problem in problems], ensure_ascii=False, indent=2)))
    for problem in problems if args.format != "json" else ():
        _show(problem.annotation() if args.format == "github" else problem.report())
    errors = sum(problem.severity == "error" for problem in problems)
    if _verbosity >= 0:
        _show(f"check-review: {len(args.files)} files, {links} wiki links, {quotations} quotations checked; {errors} problems, {len(problems) - errors} warnings", error=True)
    return 1 if errors else 0


def _cmd_new(args: argparse.Namespace) -> int:
    from .new import new_project

    target = Path(args.folder)
    made = new_project(target, Path(args.wheel) if args.wheel else None)
    _tell(f"seedwiki: created {target} ({len(made.written)} files). Next: put .txt sources in {target / 'seeds'}/, then")
    _tell(f"  cd {target} && mkdocs serve --dirty --dev-addr 127.0.0.1:8000")
    if made.wheel:
        _tell(f"seedwiki: requirements.txt installs seedwiki from {target / 'wheels' / made.wheel} (commit it with the project)")
    if made.notice:
        _say(made.notice)
    return 0


def _cmd_clean(args: argparse.Namespace) -> int:
    from .build import clean

    cleaned = clean(_project(args))
    removed = cleaned.removed
    _tell(f"seedwiki: removed {len(removed)} generated folders and files" + (f": {', '.join(removed)}" if removed else ""))
    if cleaned.kept:
        _tell(f"seedwiki: kept {len(cleaned.kept)} files that seedwiki did not write, in folders it generates: {', '.join(cleaned.kept)}"
              " (move them out: the next build refuses them)")
    return 0


def _command(sub, name: str, summary: str, description: str, examples: str, run: Callable[[argparse.Namespace], int]) -> argparse.ArgumentParser:
    """A subcommand with its one-line summary (in `seedwiki --help`), its description and examples (in its own --help)."""
    command = sub.add_parser(name, help=summary, description=textwrap.fill(description, 100), epilog="examples:\n" + examples,
                             formatter_class=argparse.RawDescriptionHelpFormatter, parents=[_loudness(argparse.SUPPRESS)])
    command.set_defaults(run=run)
    return command


def _loudness(default: object) -> argparse.ArgumentParser:
    """-q and -v, before or after the command (a command's own copy leaves the global one alone)."""
    options = argparse.ArgumentParser(add_help=False)
    loudness = options.add_mutually_exclusive_group()
    loudness.add_argument("-q", "--quiet", action="store_true", default=default,
                          help="print only errors and what the command was asked for (a citation, a table)")
    loudness.add_argument("-v", "--verbose", action="store_true", default=default,
                          help="print progress in pipes and logs too, and MkDocs' own output in check")
    return options


def _parser() -> argparse.ArgumentParser:
    parser = _Parser(prog="seedwiki", formatter_class=argparse.RawDescriptionHelpFormatter, parents=[_loudness(False)],
                     description=textwrap.fill("Turn plain-text seeds into a citable MkDocs wiki. Every command reads the project in "
                                               "the current folder (or --root): mkdocs.yml, seeds/, glossary.yml, permalinks.lock.", 100),
                     epilog="start with:\n  seedwiki new my-wiki          a new project\n"
                            "  mkdocs serve --dirty          browse it while you add seeds (in the project's folder)\n"
                            "  seedwiki check                a strict build, then every seed indexed, exact and locked\n"
                            "seedwiki COMMAND --help describes a command, with examples.")
    parser.add_argument("--version", action="version", version=f"seedwiki {__version__}")
    parser.add_argument("--root", default=".", help="the project folder (holds mkdocs.yml, seeds/ and docs/); default: .")
    sub = parser.add_subparsers(dest="command", metavar="COMMAND", title="commands")
    new = _command(sub, "new", "create a new project in FOLDER (missing or empty) that builds as it is",
                   "Create a project in FOLDER (missing or empty): mkdocs.yml with the seedwiki plugin, seeds/, glossary.yml, "
                   "permalinks.lock, the hand-written pages, a GitHub Pages workflow and requirements.txt. A seedwiki installed "
                   "from a wheel file copies that wheel into wheels/, so that requirements.txt installs before seedwiki is on PyPI.",
                   "  seedwiki new my-wiki\n  seedwiki new my-wiki --wheel dist/seedwiki-0.1.0-py3-none-any.whl", _cmd_new)
    new.add_argument("folder", metavar="FOLDER")
    new.add_argument("--wheel", metavar="WHEEL", help="the seedwiki wheel the project's requirements.txt installs from (copied into wheels/); "
                     "default: the wheel this seedwiki was installed from, if any")
    _command(sub, "build", "generate the Markdown pages from seeds/ into docs/",
             "Generate the pages from seeds/ into docs/ (what the MkDocs plugin runs first); `mkdocs build` then makes site/.",
             "  seedwiki build\n  seedwiki -v build > build.log      progress lines in the log too", _cmd_build)
    _command(sub, "clean", "remove what builds made: the generated folders of docs/, site/ and the cache",
             "Remove what builds made: the generated folders of docs/, site/ and the cache. Hand-written pages stay, and so do "
             "files that seedwiki did not write.", "  seedwiki clean", _cmd_clean)
    inspect = _command(sub, "inspect", "print, as JSON, what the pipeline made of one seed",
                       "Print, as JSON, what the pipeline made of one seed: title, date and kind with their basis, every block "
                       "(paragraph, question, answer) with its anchor and span, and the quotations with their speakers.",
                       "  seedwiki inspect seeds/report.txt\n  seedwiki inspect seeds/report.txt | head -n 40", _cmd_inspect)
    inspect.add_argument("seed", help="a seed file, e.g. seeds/000_dfaa4f2b2677d4d0.txt")
    lock = _command(sub, "lock", "add every current page and anchor to permalinks.lock (never removes one)",
             "Add every page and anchor of the current seeds to permalinks.lock (it never removes one). Commit the file: "
             "from then on a build that would lose a locked address fails. --new-slug SEED accepts a changed extraction "
             "(a new version of the library that reads a PDF, web page or Word file gives another text): the seed moves to a "
             "new slug (--slug, else <slug>-2), written to its sidecar, and its old page is retired: links to its paragraphs "
             "reach a page that says the text was extracted again, never a shifted paragraph.",
             "  seedwiki lock && git add permalinks.lock\n  seedwiki lock --new-slug report", _cmd_lock)
    lock.add_argument("--new-slug", metavar="SEED", help="a seed (slug or file) whose extracted text changed: move it to a new slug and retire its page")
    lock.add_argument("--slug", help="the new slug for --new-slug (default: <slug>-2, or the next number free)")
    cite = _command(sub, "cite", "print a citation of a seed, one of its questions or one of its paragraphs",
                    "Print a citation of a seed, one of its questions (--q) or paragraphs (--p), with its permanent address. "
                    "--quote names the words cited and gives a link that lands on them (the site must be built).",
                    "  seedwiki cite report --p 12\n  seedwiki cite report --q 3 --format bibtex\n"
                    "  seedwiki cite report.txt --p 4 --quote \"no plan to withdraw\" --format url", _cmd_cite)
    cite.add_argument("seed", nargs="?", help="a seed's slug, file name or path, e.g. 000_dfaa4f2b2677d4d0")
    cite.add_argument("--all", action="store_true", help="every seed, as one bibliography (--format bibtex, ris or csl-json)")
    which = cite.add_mutually_exclusive_group()
    which.add_argument("--q", type=int, metavar="N", help="cite question N (#qN)")
    which.add_argument("--p", type=int, metavar="N", help="cite paragraph N (#pN)")
    which.add_argument("--page", type=int, metavar="N", help="cite page N of a PDF (#page-N)")
    cite.add_argument("--quote", metavar="WORDS", help="quote these words of the paragraph: the citation names them and its URL highlights them")
    cite.add_argument("--format", metavar="FORMAT", default="markdown",
                      help="one place cited: markdown (default), text, html, url; the source as an item: bibtex (BibTeX and biblatex), "
                           "ris, csl-json (a list of items); the item with the place as its locator: csl-citation (a CSL citation "
                           "object), pandoc ([@key, para. 10])")
    cite.add_argument("--accessed", metavar="YYYY-MM-DD", help="the date accessed the citation gives; default: today")
    cite.add_argument("--base-url", help="the wiki's address; default: site_url of mkdocs.yml (SEEDWIKI_SITE_URL)")
    cite.add_argument("--site", help="the built site, read for --quote's passage link; default: site/ in the project")
    suggest = _command(sub, "suggest-entities", "list names and acronyms in the seeds that no glossary entry covers",
                       "List the names and acronyms in the seeds that no entry of glossary.yml covers, most frequent first, "
                       "with where they occur: candidates for new entries.", "  seedwiki suggest-entities --limit 20", _cmd_suggest_entities)
    suggest.add_argument("--limit", type=int, default=200, help="show at most this many (most frequent first); default: 200")
    check = _command(sub, "check", "build the site strictly and verify indexing, fidelity, links, anchors and the lock",
                     "Build the site with `mkdocs build --strict`, then verify that every seed has its page, is in the catalogue, "
                     "the search index, the sitemap and links.json, that its text is shown exactly, that every link and anchor "
                     "resolves and that every line of permalinks.lock does. Prints a table; exits 1 if anything fails.",
                     "  seedwiki check\n  seedwiki check --site /tmp/site", _cmd_check)
    check.add_argument("--site", help="where to build the site; default: site/ in the project")
    check.add_argument("--built", action="store_true", help="check the site already in --site as it is, without building it "
                       "(a sharded site after merge-shards: each shard was built strictly)")
    merge = _command(sub, "merge-shards", "merge the folders of a sharded build into one site",
                     "Merge the folders that the shards of a sharded build wrote (SEEDWIKI_SHARD=K/N mkdocs build --dirty "
                     "--site-dir FOLDER, for every K of N) into one site, whose search merges the shards' search bundles. "
                     "The files are moved: the shards' folders are removed. Then `seedwiki check --built` checks the whole.",
                     "  seedwiki merge-shards shards/0 shards/1 shards/2 shards/3\n"
                     "  seedwiki merge-shards shards/* --site public && seedwiki check --built --site public", _cmd_merge_shards)
    merge.add_argument("shards", nargs="+", metavar="FOLDER", help="every shard's folder, one each of 0…N-1")
    merge.add_argument("--site", help="the merged site's folder (replaced whole); default: site/ in the project")
    review = _command(sub, "check-review", "check a review's links into the wiki and its quotations",
                      "Check a review (Markdown or plain text) against the built site: every link into the wiki resolves to a "
                      "page and anchor, and every quotation next to a link is in the paragraph it links. Exits 1 on a problem "
                      "(warnings alone: 0).",
                      "  seedwiki check-review review.md\n  seedwiki check-review reviews/*.md --base-url https://example.org/wiki/", _cmd_check_review)
    review.add_argument("files", nargs="+", metavar="FILE", help="reviews, in Markdown or plain text")
    review.add_argument("--site", help="the built site (holds links.json); default: site/ in the project")
    review.add_argument("--base-url", help="the wiki's address as the review links it; default: the site's own")
    review.add_argument("--format", choices=("text", "json", "github"), default="text",
                        help="text: FILE:LINE:COL: problem; fix (default); json: a list of findings; github: workflow commands "
                             "that GitHub Actions shows on the review's lines (::error file=…,line=…::…)")
    return parser


def main(argv: list[str] | None = None) -> int:
    global _verbosity
    parser = _parser()
    args = parser.parse_args(argv)
    if args.command is None:  # bare `seedwiki`: what it can do
        _show(parser.format_help(), end="")
        return 0
    _verbosity = -1 if args.quiet else 1 if args.verbose else 0
    try:
        from .build import stop_on_sigterm

        stop_on_sigterm()
        return args.run(args)
    except BrokenPipeError:  # the reader went away (`seedwiki inspect … | head`): not an error
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        return 0
    except SeedwikiError as err:
        _show(err.report(), error=True)
        review = sys.modules.get(f"{__package__}.review")  # loaded if the error came from it
        return 2 if isinstance(err, UsageError) or (review is not None and isinstance(err, review.ReviewUsageError)) else 1
    except OSError as err:  # the disk or the system refused, outside any stage's own checks
        hint = "free disk space, then run the command again" if err.errno == errno.ENOSPC else "check the file's permissions and the disk, then run the command again"
        _show(f"{err.filename or args.root}: {err.strerror or err}; {hint}", error=True)
        return 1
    except KeyboardInterrupt:
        _say("interrupted; nothing half-written is kept (the next build finishes or discards it)")
        return INTERRUPTED
    except Exception as err:  # a bug: one line, not a traceback (SEEDWIKI_DEBUG=1 shows it)
        if os.environ.get("SEEDWIKI_DEBUG"):
            raise
        _show(f"{args.root}: internal error {type(err).__name__}: {err}; this is a bug in seedwiki: report it with the input (SEEDWIKI_DEBUG=1 shows the traceback)", error=True)
        return 70


INTERRUPTED = 130


def run() -> None:
    """The `seedwiki` command: `main`, then the process ends with its exit code. After an
    interruption it ends at once, without the interpreter's shutdown, which can wait for ever on
    the threads of a process pool that was stopped halfway (nothing is half-written by then)."""
    code = main()
    if code == INTERRUPTED:
        sys.stdout.flush()
        sys.stderr.flush()
        os._exit(code)
    sys.exit(code)


if __name__ == "__main__":
    run()
