"""The curator's note (`note:` in a sidecar): CommonMark without raw HTML, made into HTML here.

The note is the only curated value that is Markdown. It is rendered by markdown-it-py with raw
HTML off (a tag is shown as text), every character of its text and attributes passed through
`escape.escape_text` (so nothing in it is read again as Markdown, pymdown syntax or a template
by MkDocs), links limited to http(s) and relative addresses, images shown as links (the site
loads nothing from other origins), headings moved below the page's own, and no ids at all: a note
cannot take over `#p3` or `#q8`.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from markdown_it import MarkdownIt
from markdown_it.renderer import RendererHTML
from markdown_it.token import Token
from markdown_it.utils import EnvType, OptionsDict

from ..escape import escape_text

_SCHEME = re.compile(r"([a-z][a-z0-9+.-]*):", re.I)
_IGNORED_BY_BROWSERS = re.compile(r"[\x00-\x20\x7f]")  # browsers drop these from URLs
HEADING_SHIFT = 3  # `# x` in a note is an <h4>: below the page's title, sections and questions


def allowed_link(url: str) -> bool:
    """http(s) and relative addresses only: no `javascript:`, `data:`, `mailto:`, no `//host`."""
    bare = _IGNORED_BY_BROWSERS.sub("", url)
    if "\\" in bare or bare.startswith("//"):
        return False
    scheme = _SCHEME.match(bare)
    return scheme is None or scheme.group(1).lower() in ("http", "https")


class _NoteRenderer(RendererHTML):
    """markdown-it's HTML renderer with `escape_text` for every text and attribute value."""

    @staticmethod
    def renderAttrs(token: Token) -> str:
        return "".join(f' {key}="{escape_text(str(value))}"' for key, value in token.attrItems() if key in ("href", "title"))

    def text(self, tokens: Sequence[Token], idx: int, options: OptionsDict, env: EnvType) -> str:
        return escape_text(tokens[idx].content)

    def code_inline(self, tokens: Sequence[Token], idx: int, options: OptionsDict, env: EnvType) -> str:
        return f"<code>{escape_text(tokens[idx].content)}</code>"

    def code_block(self, tokens: Sequence[Token], idx: int, options: OptionsDict, env: EnvType) -> str:
        # newlines as references: no blank line, which would end the raw HTML block in Markdown
        return f"<pre><code>{escape_text(tokens[idx].content).replace(chr(10), '&#10;')}</code></pre>\n"

    fence = code_block

    def html_block(self, tokens: Sequence[Token], idx: int, options: OptionsDict, env: EnvType) -> str:
        return f"<p>{escape_text(tokens[idx].content)}</p>\n"

    def html_inline(self, tokens: Sequence[Token], idx: int, options: OptionsDict, env: EnvType) -> str:
        return escape_text(tokens[idx].content)


def _markdown() -> MarkdownIt:
    md = MarkdownIt("commonmark", {"html": False}, renderer_cls=_NoteRenderer)
    md.disable("image")  # `![alt](url)` reads as "!" and a link
    md.validateLink = allowed_link  # type: ignore[method-assign]
    return md


def note_html(note: str) -> str:
    """The note as HTML: no raw HTML, no ids, links to http(s) and relative addresses only."""
    md = _markdown()
    tokens = md.parse(note)
    for token in tokens:
        if token.type in ("heading_open", "heading_close"):
            token.tag = f"h{min(6, int(token.tag[1]) + HEADING_SHIFT)}"
    return md.renderer.render(tokens, md.options, {})
