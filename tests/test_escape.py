"""The one escaping function: seed text is data, never markup."""

from __future__ import annotations

import html
import json

import markdown
import pytest
from bs4 import BeautifulSoup
from mkdocs.config import load_config

from seedwiki.escape import terminal_json, terminal_text
from seedwiki.render import escape_text, visible_text

from .conftest import ROOT

HOSTILE = [
    "<script>alert(1)</script>",
    '<img src=x onerror="alert(1)">',
    '<a href="javascript:alert(1)">click</a>',
    "<iframe src=//example.com></iframe>",
    "<style>body{display:none}</style>",
    "&lt;script&gt; stays an entity as written",
    "--8<-- \"/etc/passwd\"",
    ';--8<-- "mkdocs.yml"',
    "{{ config.site_name }} and {% include 'x' %}",
    "A paragraph {: #evil .cls onclick='x' }",
    "# Not a heading",
    "## Nor this {#id}",
    "---\ntitle: front matter\n---",
    '!!! danger "Not an admonition"\n    indented body',
    "??? note\n    not details",
    "```python\nprint('not a fence')\n```",
    "~~~\nnot a fence either\n~~~",
    "    four spaces are not code",
    "* not\n- a\n+ list\n1. nor this",
    "| not | a |\n|---|---|\n| table | row |",
    "[a link](https://example.com) and ![an image](x.png) and <https://auto.link>",
    "[^1] footnote\n\n[^1]: definition",
    "*emphasis* __strong__ `code` ==mark== ^^ins^^ ~~del~~ ++ctrl+alt++",
    ":smile: :material-alert:",
    "$E = mc^2$ and \\(x\\)",
    "*[HTML]: Hyper Text",
    "Term\n:   definition",
    "<!-- comment --> <![CDATA[ x ]]> <?php ?>",
    "tab\tseparated\tvalues",
    "line with trailing spaces  \nnext",
    "   \n\n  \t \nwhitespace lines",
    "\x01\x02\x03\x1b[31mANSI red\x1b[0m\x7f",
    "Arabic: هذا المنشور متوفر أيضًا باللغة العربية",
    "\u202eevil\u202c and zero\u200bwidth",
    "&amp; &#60; &#x3C; &notanentity; & alone",
]


def _extensions():
    config = load_config(str(ROOT / "mkdocs.yml"))
    return config["markdown_extensions"], config["mdx_configs"]


def _render(source: str) -> str:
    extensions, configs = _extensions()
    return markdown.markdown(source, extensions=extensions, extension_configs=configs)


@pytest.mark.parametrize("text", HOSTILE)
def test_escaped_text_reads_back_as_the_same_characters(text):
    assert html.unescape(escape_text(text)) == visible_text(text)


def test_control_characters_are_shown_as_control_pictures():
    assert visible_text("a\x1b[0m\x7f\x00\tb\n") == "a\u241b[0m\u2421\u2400\tb\n"


@pytest.mark.parametrize(
    ("text", "shown"),
    [
        ("\x1b]0;pwned\x07", "␛]0;pwned␇"),  # a window title
        ("\x1b[2J\x1b[H", "␛[2J␛[H"),  # a cleared screen
        ("\x1b]52;c;cHduZWQ=\x07", "␛]52;c;cHduZWQ=␇"),  # a clipboard write
        ("\x9b31mred", "⟨U+009B⟩31mred"),  # C1 CSI
        ("\x80\x85\x9d\x9f", "⟨U+0080⟩⟨U+0085⟩⟨U+009D⟩⟨U+009F⟩"),
        ("\x00\x7f\r\x0b\x0c", "␀␡␍␋␌"),
        ("\u202eevil\u202c \u2066isolated\u2069", "⟨U+202E⟩evil⟨U+202C⟩ ⟨U+2066⟩isolated⟨U+2069⟩"),
        ("line one\n\tline two\n", "line one\n\tline two\n"),  # tabs and line breaks stay
        ("هذا المنشور\u200f ¶3 “quoted” ␛ \xa0\xa9", "هذا المنشور\u200f ¶3 “quoted” ␛ \xa0\xa9"),  # letters, marks and NBSP stay
    ],
)
def test_terminal_text_shows_what_a_terminal_would_obey(text, shown):
    assert terminal_text(text) == shown


@pytest.mark.parametrize("value", ["\x1b]0;pwned\x07", "\x9b2J \x7f \u202e", "back\\slash\\\x9b", "Arabic هذا \u200f", {"k\x85": ["\u2066", 1]}])
@pytest.mark.parametrize("ensure_ascii", [True, False])
def test_terminal_json_is_the_same_value_with_nothing_a_terminal_would_obey(value, ensure_ascii):
    printed = terminal_json(json.dumps(value, ensure_ascii=ensure_ascii, indent=2))
    assert json.loads(printed) == value
    assert terminal_text(printed) == printed


@pytest.mark.parametrize("text", HOSTILE)
def test_escaped_text_in_a_raw_html_block_renders_as_text_only(text):
    out = BeautifulSoup(_render(f'<p id="p1">{escape_text(text)}</p>\n\n<pre><code>{escape_text(text)}</code></pre>'), "html.parser")
    assert [tag.name for tag in out.find_all(True)] == ["p", "pre", "code"]
    assert out.p.attrs == {"id": "p1"}
    assert out.p.get_text() == visible_text(text)
    assert out.code.get_text() == visible_text(text)


@pytest.mark.parametrize("text", [t for t in HOSTILE if "\n" not in t])
def test_escaped_text_in_inline_markdown_renders_as_text_only(text):
    source = f"# {escape_text(text)}\n\n| a |\n|---|\n| [{escape_text(text)}](x.md) |\n"
    out = BeautifulSoup(_render(source), "html.parser")
    for permalink in out.select("a.headerlink"):
        permalink.decompose()
    assert sorted(tag.name for tag in out.find_all(True)) == sorted(["h1", "table", "thead", "tr", "th", "tbody", "tr", "td", "a"])
    assert out.h1.get_text() == visible_text(text).strip()
    assert out.a.get_text().strip() == visible_text(text).strip()
    assert out.a.attrs == {"href": "x.md"}


@pytest.mark.parametrize("text", HOSTILE)
def test_escaped_text_in_an_attribute_stays_inside_it(text):
    out = BeautifulSoup(f'<abbr title="{escape_text(text)}">x</abbr>', "html.parser")
    assert out.abbr.attrs == {"title": visible_text(text)}


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("<b>", "&lt;b&gt;"),
        ("a & b", "a &amp; b"),
        ('"q"', "&quot;q&quot;"),
        ("{{ x }}", "&#123;&#123; x &#125;&#125;"),
        ("--8<--", "--8&lt;--"),
        ("# h", "&#35; h"),
        ("!!! note", "&#33;&#33;&#33; note"),
        ("---", "---"),
        ("a\tb", "a&#9;b"),
        ("  ", "&#32;&#32;"),
        ("plain words, stay. Plain?", "plain words, stay. Plain?"),
    ],
)
def test_escape_text_table(text, expected):
    assert escape_text(text) == expected
