"""`python -m seedwiki`: the same as the `seedwiki` command."""

from __future__ import annotations

import sys

from .cli import main

sys.exit(main())
