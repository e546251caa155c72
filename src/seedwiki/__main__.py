"""`python -m seedwiki`: the same as the `seedwiki` command."""

from __future__ import annotations

from .cli import run

run()
