"""check-review finds the links GitHub renders: the same links as cmark-gfm (GitHub's renderer,
through its Python binding cmarkgfm) on the CommonMark spec's link examples and on the autolink
extension's cases (`www.` and `http(s)://` addresses in plain text; e-mail addresses, which are
never wiki links, are not read)."""

from __future__ import annotations

from urllib.parse import unquote

import cmarkgfm
import pytest
from cmarkgfm.cmark import Options

from seedwiki.review.markdown import links_in

from .test_review import SPEC, _Hrefs  # the spec's link examples and the href reader, shared


def github_links(markdown: str) -> list[str]:
    """The link addresses in cmark-gfm's rendering of `markdown` (raw HTML kept, footnotes on), decoded."""
    html = cmarkgfm.github_flavored_markdown_to_html(markdown, options=Options.CMARK_OPT_UNSAFE | Options.CMARK_OPT_FOOTNOTES)
    return sorted(unquote(href) for href in _Hrefs(html).hrefs)


def ours(markdown: str) -> list[str]:
    return sorted(unquote(href) for href in links_in(markdown))


@pytest.mark.parametrize("example", SPEC, ids=[f"spec-{e['number']}" for e in SPEC])
def test_the_links_found_in_the_commonmark_examples_are_those_cmark_gfm_renders(example):
    assert ours(example["markdown"]) == github_links(example["markdown"])


AUTOLINKS = [
    # the autolink extension's examples (GitHub Flavored Markdown spec, 6.9)
    "www.commonmark.org",
    "Visit www.commonmark.org/help for more information.",
    "Visit www.commonmark.org.\n\nVisit www.commonmark.org/a.b.",
    "www.google.com/search?q=Markup+(business)\n\nwww.google.com/search?q=Markup+(business)))\n\n(www.google.com/search?q=Markup+(business))\n\n(www.google.com/search?q=Markup+(business)",
    "www.google.com/search?q=(business))+ok",
    "www.google.com/search?q=commonmark&hl=en\n\nwww.google.com/search?q=commonmark&hl;",
    "www.commonmark.org/he<lp",
    "http://commonmark.org\n\n(Visit https://encrypted.google.com/search?q=Markup+(business))",
    # as reviews write them
    "See www.seedwiki.example/seeds/000_dfaa4f2b2677d4d0/#p3.",
    "(www.seedwiki.example/seeds/000_dfaa4f2b2677d4d0/#q8)",
    "Sources: https://www.seedwiki.example/seeds/x/#p5, http://127.0.0.1:8000/seeds/x/#p9; and more",
    "*www.seedwiki.example/seeds/x/*",
    "_www.seedwiki.example/seeds/x/_",
    "HTTPS://WIKI.EXAMPLE.ORG:443/seeds/x/#p99 and ftp://files.example/a",
    "\\[a](http://127.0.0.1:8000/seeds/x/#p99)",  # an escaped link's address: GitHub links it all the same
    "https://x.org/a_(b)c and https://x.org/a). and https://x.org/a;",
    "www.x.org/a]",
    # not links on GitHub
    "example.org/seeds/x",
    '"www.x.org/a"',
    "'www.x.org/a'",
    "[www.x.org/a]",
    "WWW.x.org and Www.x.org",
    "xwww.x.org and xhttps://x.org",
    "see:www.x.org/a",
    "www.x_y.org",
    "//x.org/a",
    "`www.x.org` and `https://x.org`",
    "    https://x.org/in/code",
]


@pytest.mark.parametrize("markdown", AUTOLINKS)
def test_the_plain_text_addresses_found_are_those_cmark_gfm_links(markdown):
    assert ours(markdown) == github_links(markdown)


def test_the_autolink_cases_include_links_and_non_links():
    assert sum(bool(github_links(m)) for m in AUTOLINKS) >= 15
    assert sum(not github_links(m) for m in AUTOLINKS) >= 10
