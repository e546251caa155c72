"""Imported by the parse pool's forkserver (`build._pool_context`): the language model is loaded
there once, before the workers are forked from it, instead of once in each worker (half a second
of CPU each)."""

from __future__ import annotations

from .language import load_model

load_model()
