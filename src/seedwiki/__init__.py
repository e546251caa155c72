"""seedwiki: plain-text source documents become a citable MkDocs wiki."""

from __future__ import annotations

__version__ = "0.1.0"
