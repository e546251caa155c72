"""Property tests: any Unicode seed text builds, keeps every character, and leaks no markup."""

from __future__ import annotations

import re
import unicodedata
from pathlib import Path

import pytest
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
    st.sampled_from([*list("<>&\"'`{}[]()|*_#!=^~$%+:-\\/\n\r\t ;"), "--8<--", "{{", "}}", "{:", "!!!", "```", "<script>", "&lt;"]),
    st.sampled_from(list("عربيةالشرق ÉéÖüß中文")),
)
TEXTS = st.lists(CHARS, min_size=1, max_size=300).map("".join).filter(lambda t: t.strip())

OUR_TAGS = {"h1", "h2", "h3", "p", "a", "span", "details", "summary", "pre", "code", "table", "thead", "tbody", "tr", "th", "td", "ul", "li", "div", "time"}


def _seed(text: str) -> Seed:
    raw = text.encode("utf-8")
    decoded, encoding = decode(raw, Path("prop.txt"))
    return Seed(path=Path("prop.txt"), raw=raw, sha256="0" * 64, encoding=encoding, text=normalise_newlines(decoded))


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(TEXTS)
@pytest.mark.slow
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
            assert re.match(r"^(#[pq]\d+|#[\w-]+|source\.txt|\.\./\.\./(catalogue|tags)/index\.html(#tag:[\w-]+)?)$", tag["href"]), tag["href"]
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


# --- curated files: any sidecar, glossary or lock is read or refused with a one-line error ---------

from seedwiki.curate import CurationError, read_curation  # noqa: E402
from seedwiki.link.entities import GlossaryError, read_glossary  # noqa: E402
from seedwiki.link.permalinks import LockError, read_lock, valid_slug  # noqa: E402

SIDECAR_KEYS = ["title", "slug", "date", "outlet", "summary", "tags", "speakers", "note", "kind", "source_url", "boilerplate", "language", "date_reason", "date_basis"]
# Values YAML can carry: text with line breaks, controls and markup, numbers, lists, mappings
SCALARS = st.one_of(st.text(CHARS.map(lambda c: c[:1] or "x"), max_size=40), st.integers(), st.booleans(), st.none(), st.floats(allow_nan=False))
VALUES = st.recursive(SCALARS, lambda inner: st.one_of(st.lists(inner, max_size=3), st.dictionaries(st.one_of(st.text(max_size=8), st.integers()), inner, max_size=3)), max_leaves=8)


def _yaml_documents(keys: list[str]):
    """YAML texts: dumped mappings (keys of the schema and others, some not text) and raw text."""
    import yaml

    mapping = st.dictionaries(st.one_of(st.sampled_from(keys), st.text(max_size=6), st.integers()), VALUES, max_size=5)
    dumped = mapping.map(lambda d: yaml.safe_dump(d, allow_unicode=True))
    pieces = st.sampled_from([*list("ab:- \n\t[]{}?&*!|>'\"#%@`,\\\x85\u2028é"), "? [a]\n: b\n", "!!python/object ", "title: ", "speakers:\n  "])
    raw = st.lists(pieces, max_size=40).map("".join)
    return st.one_of(dumped, raw)


def _error_line(err) -> bool:
    report = err.report()
    return "\n" not in report and err.line is not None and err.line >= 1


@settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture])
@given(_yaml_documents(SIDECAR_KEYS))
@pytest.mark.slow
def test_any_sidecar_is_read_or_refused_at_a_line_and_never_lets_a_line_break_into_a_name(tmp_path, text):
    seed = _seed("Title\nOne.\nTwo.\n")
    document = parse(seed)
    path = tmp_path / "prop.yml"
    path.write_text(text, encoding="utf-8")
    try:
        meta, data, _ = read_curation(path, document)
    except CurationError as err:
        assert _error_line(err), err.report()
        return
    for name in ("title", "outlet", "summary", "kind", "language", "source_url"):
        value = getattr(meta, name)
        assert value is None or not re.search("[\x00-\x1f\x7f-\x9f\u2028\u2029]", value), (name, value)
    for role, speaker in meta.speakers:
        assert "\n" not in role and "\n" not in speaker
    assert "slug" not in data or valid_slug(data["slug"])


@settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture])
@given(st.one_of(
    _yaml_documents(["entities"]),
    st.lists(st.dictionaries(st.sampled_from(["id", "name", "kind", "aliases", "description", "relations", "x"]), VALUES, max_size=6), max_size=3)
    .map(lambda items: __import__("yaml").safe_dump({"entities": items}, allow_unicode=True)),
))
@pytest.mark.slow
def test_any_glossary_is_read_or_refused_at_a_line(tmp_path, text):
    path = tmp_path / "glossary.yml"
    path.write_text(text, encoding="utf-8")
    try:
        entities = read_glossary(path)
    except GlossaryError as err:
        assert _error_line(err), err.report()
        return
    for entity in entities:
        assert re.fullmatch(r"[a-z0-9][a-z0-9-]{0,79}", entity.id)
        assert not any(re.search("[\x00-\x1f\x7f-\x9f\u2028\u2029]", name) for name in entity.aliases)


LOCK_WORDS = st.one_of(
    st.sampled_from(["seeds/a/", "seeds/../", "seeds/./", "seeds/a", "seeds/تقرير/", "seeds/A_b/", "seeds//", "sha256:" + "a" * 64, "sha256:" + "A" * 64,
                     "sha256:abc", "p1", "p0", "q0", "q01", "p12", "q8", "x1", "", " ", "\t", "\r", "\x0b", "\u2028", "#"]),
    st.text(max_size=6),
)


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture])
@given(st.lists(st.lists(LOCK_WORDS, max_size=5).map(" ".join), max_size=4).map("\n".join), st.binary(max_size=4))
@pytest.mark.slow
def test_any_lock_is_read_or_refused_at_a_line_and_holds_only_pages_and_anchors_the_site_makes(tmp_path, text, tail):
    path = tmp_path / "permalinks.lock"
    path.write_bytes(text.encode("utf-8") + tail)
    try:
        entries = read_lock(path)
    except LockError as err:
        assert _error_line(err), err.report()
        return
    for entry in entries:
        assert entry.page.startswith("seeds/") and entry.page.endswith("/") and valid_slug(entry.page[6:-1])
        assert re.fullmatch("[0-9a-f]{64}", entry.sha256)
        assert all(re.fullmatch(r"p[1-9][0-9]*|q(0|[1-9][0-9]*)", a) for a in entry.anchors)


@given(st.text(min_size=1, max_size=60))
def test_every_slug_the_build_makes_is_one_the_lock_accepts(name):
    slug = slugify(name)
    assert slug == "" or valid_slug(slug)


def test_a_seed_with_no_paragraph_parses():
    """A seed whose only line is furniture ('©') has no paragraph; reading turns must not fail on it."""
    (entry,) = link([parse(_seed("©"))]).entries
    assert "©" in render_seed_page(entry)
