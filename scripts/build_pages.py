"""The build script: generate the wiki's Markdown from seeds/ into docs/ (no MkDocs run)."""

from __future__ import annotations

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "src"))

from seedwiki.cli import main  # noqa: E402

if __name__ == "__main__":
    sys.exit(main(["--root", str(Path(__file__).resolve().parents[1]), "build", *sys.argv[1:]]))
