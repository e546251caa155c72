"""The `seedwiki` command: the only place that prints progress or exits."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from .build import Project, build
from .errors import SeedwikiError


def _cmd_build(args: argparse.Namespace) -> int:
    result = build(Project(Path(args.root)))
    w = result.written
    print(
        f"seedwiki: {len(result.corpus.entries)} seeds; "
        f"{w.written} files written, {w.unchanged} unchanged, {w.removed} removed"
    )
    return 0


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="seedwiki", description="Turn plain-text seeds into a citable MkDocs wiki.")
    parser.add_argument("--root", default=".", help="the project folder (holds seeds/ and docs/); default: .")
    sub = parser.add_subparsers(dest="command", required=True)
    sub.add_parser("build", help="generate the Markdown pages from seeds/ into docs/").set_defaults(run=_cmd_build)
    args = parser.parse_args(argv)
    try:
        return args.run(args)
    except SeedwikiError as err:
        print(err.report(), file=sys.stderr)
        return 1


if __name__ == "__main__":
    sys.exit(main())
