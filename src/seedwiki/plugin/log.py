"""The plugin's logger: MkDocs' own for plugins (`get_plugin_logger`, the logger
"mkdocs.plugins.seedwiki", each message prefixed "seedwiki: ")."""

from __future__ import annotations

import logging
import sys

from mkdocs.plugins import get_plugin_logger

from ..escape import terminal_text

log = get_plugin_logger("seedwiki")


def _visible(record: logging.LogRecord) -> bool:
    """What the plugin logs names seed files and quotes their values: control characters in them
    are shown as symbols, never sent to the terminal (`escape.terminal_text`)."""
    record.msg, record.args = terminal_text(record.getMessage()), None
    return True


log.logger.addFilter(_visible)
# Progress of the generation: shown on a terminal, kept out of logs and pipes (`mkdocs build -v` shows it).
PROGRESS_LEVEL = logging.INFO if sys.stderr.isatty() else logging.DEBUG
