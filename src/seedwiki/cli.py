"""The `seedwiki` command: the only place that prints progress or exits."""

from __future__ import annotations

import argparse
import dataclasses
import json
import sys
from pathlib import Path

from .build import Project, build
from .curate import curate
from .errors import SeedwikiError
from .ingest import ingest
from .parse import parse


def _cmd_build(args: argparse.Namespace) -> int:
    result = build(Project(Path(args.root)))
    w = result.written
    print(
        f"seedwiki: {len(result.corpus.entries)} seeds; "
        f"{w.written} files written, {w.unchanged} unchanged, {w.removed} removed"
    )
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
             "basis": q.basis, "text": q.text}
            for q in document.quotes
        ],
    }


def _cmd_inspect(args: argparse.Namespace) -> int:
    print(json.dumps(inspect_document(Path(args.seed)), ensure_ascii=False, indent=2))
    return 0


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="seedwiki", description="Turn plain-text seeds into a citable MkDocs wiki.")
    parser.add_argument("--root", default=".", help="the project folder (holds seeds/ and docs/); default: .")
    sub = parser.add_subparsers(dest="command", required=True)
    sub.add_parser("build", help="generate the Markdown pages from seeds/ into docs/").set_defaults(run=_cmd_build)
    inspect = sub.add_parser("inspect", help="print, as JSON, what the pipeline made of one seed")
    inspect.add_argument("seed", help="a seed file, e.g. seeds/000_dfaa4f2b2677d4d0.txt")
    inspect.set_defaults(run=_cmd_inspect)
    args = parser.parse_args(argv)
    try:
        return args.run(args)
    except SeedwikiError as err:
        print(err.report(), file=sys.stderr)
        return 1


if __name__ == "__main__":
    sys.exit(main())
