"""Property tests: any Unicode seed text builds, keeps every character, and leaks no markup."""

from __future__ import annotations

import re
import unicodedata
from pathlib import Path

from bs4 import BeautifulSoup
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from seedwiki.ingest import decode, normalise_newlines
from seedwiki.link import link, slugify
from seedwiki.model import Seed
from seedwiki.parse import parse
from seedwiki.render import display_name, escape_text, render_seed_page, visible_text

from .test_escape import _render

# Any character but NUL (a NUL makes a file binary, which is refused), with markup characters,
# newlines and the scripts of real seeds drawn often.
CHARS = st.one_of(
    st.characters(blacklist_characters="\x00", blacklist_categories=("Cs",)),
    st.sampled_from(list("<>&\"'`{}[]()|*_#!=^~$%+:-\\/\n\r\t ;") + ["--8<--", "{{", "}}", "{:", "!!!", "```", "<script>", "&lt;"]),
    st.sampled_from(list("عربيةالشرق ÉéÖüß中文")),
)
TEXTS = st.lists(CHARS, min_size=1, max_size=300).map("".join).filter(lambda t: t.strip())

OUR_TAGS = {"h1", "h2", "h3", "p", "a", "span", "details", "summary", "pre", "code", "table", "thead", "tbody", "tr", "th", "td", "ul", "li", "div"}


def _seed(text: str) -> Seed:
    raw = text.encode("utf-8")
    decoded, encoding = decode(raw, Path("prop.txt"))
    return Seed(path=Path("prop.txt"), raw=raw, sha256="0" * 64, encoding=encoding, text=normalise_newlines(decoded))


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(TEXTS)
def test_any_text_renders_keeps_every_character_and_leaks_no_markup(text):
    seed = _seed(text)
    (entry,) = link([parse(seed)]).entries
    page = render_seed_page(entry)
    body = page.split("\n---\n", 1)[1]  # front matter is read by MkDocs as YAML: checked below
    out = BeautifulSoup(_render(body), "html.parser")
    assert out.select_one("pre.sw-source-text code").get_text() == visible_text(seed.text)
    assert {tag.name for tag in out.find_all(True)} <= OUR_TAGS
    for tag in out.find_all(True):
        assert not any(name.startswith("on") for name in tag.attrs)
        if "href" in tag.attrs:
            assert re.match(r"^(#[pq]\d+|#[\w-]+|source\.txt)$", tag["href"]), tag["href"]
    reading = " ".join(el.get_text() for el in out.select("p.sw-p, h3.sw-q, h1.sw-title"))
    words = [visible_text(word) for word in seed.text.split()]  # runs between whitespace (form feeds too)
    assert all(word in reading or word in display_name(entry.document.title) for word in words if len(word) > 3)


@given(st.text(min_size=1, max_size=300))
def test_slugs_are_safe_path_segments(name):
    slug = slugify(name)
    assert len(slug) <= 80
    assert "/" not in slug and "\\" not in slug and ".." not in slug and "\x00" not in slug
    assert all(ch in "-_" or unicodedata.category(ch)[0] in "LNM" for ch in slug)
    assert slug == "" or unicodedata.category(slug[0])[0] in "LN"


@given(st.text())
def test_escaped_text_reads_back_as_what_a_reader_sees(text):
    import html

    assert html.unescape(escape_text(text)) == visible_text(text)
