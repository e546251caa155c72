"""The one escaping function: seed text is data, never markup.

Every string that comes from a seed (its text, title and file name), a sidecar or the glossary
reaches a page through `escape_text` and nothing else.
"""

from __future__ import annotations

import re

# Characters that mean something to HTML, Markdown, pymdown-extensions, attribute lists or Jinja.
# They become character references, which every reader shows as the character itself.
_MARKUP_CHARS = "&<>\"'`~{}[]()|*_\\#!=^$%+:"
_ESCAPES = {ord(ch): f"&#{ord(ch)};" for ch in _MARKUP_CHARS}
_ESCAPES.update({ord("&"): "&amp;", ord("<"): "&lt;", ord(">"): "&gt;", ord('"'): "&quot;"})
_ESCAPES[ord("\t")] = "&#9;"  # Markdown would expand a literal tab into spaces
# Control characters cannot be shown, and two of them are Python-Markdown's own placeholders:
# they are shown as their Unicode control pictures (ESC as ␛, DEL as ␡); the raw file keeps the bytes.
_CONTROL_PICTURES = {code: chr(0x2400 + code) for code in range(0x20) if code not in (0x09, 0x0A)}
_CONTROL_PICTURES[0x7F] = "\u2421"
_ESCAPES.update(_CONTROL_PICTURES)
_SPACE_ONLY_LINE = re.compile(r"^ +$", re.MULTILINE)

# Bidirectional controls and zero-width characters change how the text around them reads without
# being seen. In titles and file names they are shown as ⟨U+XXXX⟩, so that a title cannot pose as
# another name (the seed's text keeps them: each paragraph is its own bidirectional run).
_INVISIBLE = re.compile("[\u061c\u200b\u200e\u200f\u202a-\u202e\u2060\u2066-\u2069\ufeff]")


def display_name(text: str) -> str:
    """A title or file name as shown: invisible formatting characters made visible."""
    return _INVISIBLE.sub(lambda m: f"⟨U+{ord(m.group()):04X}⟩", text)


def visible_text(text: str) -> str:
    """The characters a reader sees for `text`: itself, with control characters as control pictures."""
    return text.translate(_CONTROL_PICTURES)


def escape_text(text: str) -> str:
    """Seed text as literal text in HTML, in a double-quoted attribute, or in inline Markdown.

    The result holds no character that any stage of the MkDocs pipeline reads as markup: HTML
    and Markdown syntax, `{{ }}` and `{: }`, snippet markers and fences are character references.
    Newlines stay; a line of spaces keeps its spaces (Markdown would blank it). What a reader sees
    is `visible_text(text)`.
    """
    escaped = text.translate(_ESCAPES)
    return _SPACE_ONLY_LINE.sub(lambda m: "&#32;" * len(m.group()), escaped)
