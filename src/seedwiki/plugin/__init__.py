"""The MkDocs plugin: `plugins: - seedwiki` in mkdocs.yml (entry point `mkdocs.plugins`)."""

from __future__ import annotations

from .plugin import SeedwikiPlugin

__all__ = ["SeedwikiPlugin"]
