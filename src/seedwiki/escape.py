"""The one escaping function: seed text is data, never markup.

Every string that comes from a seed (its text, title and file name), a sidecar or the glossary
reaches a page through `escape_text` and nothing else, and a terminal through `terminal_text`.
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
# The same table as one pattern: replacing its matches costs a third of `str.translate`, which
# looks up every character (escaping was a tenth of a build's generation).
_REFERENCES = {chr(code): reference for code, reference in _ESCAPES.items()}
_SPECIAL = re.compile("[" + re.escape("".join(_REFERENCES)) + "]")

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
    # Each pattern runs only where it can match: most strings passed are a few words without markup
    # characters, and a line of spaces starts the text or follows a line break (a third less CPU).
    escaped = _SPECIAL.sub(_reference, text) if _SPECIAL.search(text) else text
    if text[:1] == " " or "\n " in text:
        return _SPACE_ONLY_LINE.sub(_spaces, escaped)
    return escaped


def _reference(match: re.Match[str]) -> str:
    return _REFERENCES[match.group()]


def _spaces(match: re.Match[str]) -> str:
    return "&#32;" * len(match.group())


# What a terminal acts on instead of showing: the C0 controls but tab and line feed (ESC opens the
# sequences that set a window's title, clear the screen or write to the clipboard; CR overwrites a
# line), DEL, the C1 controls (U+009B is a CSI and U+009D an OSC to some terminals), and the
# bidirectional embeddings, overrides and isolates, which reorder the rest of a line.
_TERMINAL_UNSAFE = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]")


def _terminal_symbol(match: re.Match[str]) -> str:
    code = ord(match.group())
    return _CONTROL_PICTURES.get(code) or f"⟨U+{code:04X}⟩"


def terminal_text(text: str) -> str:
    """`text` as printed to a terminal: C0 controls and DEL as their control pictures (as in
    `visible_text`), C1 controls and bidirectional controls as ⟨U+XXXX⟩; tabs and line breaks stay."""
    return _TERMINAL_UNSAFE.sub(_terminal_symbol, text)


def terminal_json(text: str) -> str:
    """JSON text with every character `terminal_text` would change written as a `\\uXXXX` escape:
    the same JSON value, safe to print. (`json.dumps` escapes C0 controls but, without
    `ensure_ascii`, leaves DEL, C1 and bidirectional controls as they are; outside strings JSON
    text is ASCII, so each one found is inside a string, where its escape means the same.)"""
    return _TERMINAL_UNSAFE.sub(lambda m: f"\\u{ord(m.group()):04x}", text)
