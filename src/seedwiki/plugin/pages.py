"""Generated pages under MkDocs: their body is already the page's HTML and their front matter
holds the table of contents (`render.html`), so no Markdown runs on them. The body is read from
the file when the theme asks for it and not kept, so a build holds one generated page's HTML at a
time."""

from __future__ import annotations

import codecs
import functools
import re
from typing import ClassVar
from urllib.parse import urljoin, urlsplit, uses_netloc, uses_relative

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.structure.files import Files
from mkdocs.structure.pages import Page
from mkdocs.structure.toc import get_toc
from mkdocs.utils import meta, weak_property

from ..render import TOC_KEY, html_ids

_END_OF_FRONT_MATTER = "\n---\n"


def nest_toc(entries: list) -> list[dict]:
    """[level, id, name] entries in page order as nested toc tokens (as Python-Markdown's toc
    extension nests them): a heading holds the deeper headings after it."""
    tokens: list[dict] = []
    stack: list[dict] = []
    for level, anchor, name in entries:
        token = {"level": int(level), "id": str(anchor), "name": str(name), "children": []}
        while stack and stack[-1]["level"] >= token["level"]:
            stack.pop()
        (stack[-1]["children"] if stack else tokens).append(token)
        stack.append(token)
    return tokens


# A page URL that `urljoin` would append to a base as it is: path segments of characters with no
# meaning to a URL parser (no scheme, query, fragment or parameters; no white space or control
# character, which the parser strips), none empty or a dot segment.
_PLAIN_URL = re.compile(r"(?:(?!\.\.?/)[^/:?#;\\\s\x00-\x1f\x7f]+/)*(?!\.\.?\Z)[^/:?#;\\\s\x00-\x1f\x7f]*")


@functools.lru_cache(maxsize=8)
def _plain_base(base: str) -> str | None:
    """The path of `base` (ending in "/") when a plain URL joins it by concatenation, else None."""
    parts = urlsplit(base)
    # urljoin joins only the hierarchical schemes it knows (a "git://" base gives the URL back as it
    # is) and writes the scheme in lower case
    plain = (parts.scheme in uses_relative and parts.scheme in uses_netloc and base.startswith(parts.scheme + ":")
             and parts.netloc and not parts.query and not parts.fragment and base == base.strip()
             and base.isprintable() and "//" not in parts.path and "/./" not in parts.path and "/../" not in parts.path)
    return parts.path if plain else None


_FRONT_MATTER_END = re.compile(rb"\n(?:-{3}|\.{3})[ \t]*\n")  # the line that closes front matter (`meta.YAML_RE`)


def front_matter_title(path: str) -> tuple[bool, object]:
    """Whether the front matter of the page in `path` gives a title, and the title, read as MkDocs
    reads it (`meta.get_data`), without the rest of the page."""
    with open(path, "rb") as file:
        head = file.read(8192).removeprefix(codecs.BOM_UTF8)  # MkDocs reads a page as utf-8-sig
        if not head.startswith(b"---"):
            return False, None
        while not (end := _FRONT_MATTER_END.search(head, 3)) and (chunk := file.read(65536)):
            head += chunk
    if end is None:
        return False, None
    try:
        text = head[:end.end()].decode("utf-8")
    except UnicodeDecodeError:
        return False, None
    _, data = meta.get_data(text)
    return "title" in data, data.get("title")


def canonical_url(base: str, url: str) -> tuple[str, str]:
    """MkDocs' canonical URL of a page at `url` for a site at `base` (ending in "/"), and its path:
    `urljoin` and `urlsplit`, which took most of the time MkDocs spends making a page object
    (141,000 pages in each shard at 100,000 seeds), made by concatenation where that is the same."""
    if (path := _plain_base(base)) is not None and _PLAIN_URL.fullmatch(url):
        return base + url, path + url
    canonical = urljoin(base, url)
    return canonical, urlsplit(canonical).path


class GeneratedPage(Page):
    """A page of the generator's folders. One whose front matter carries the table of contents is
    HTML: `render` hands its body to the theme as it is; any other is rendered as Markdown."""

    _html = False
    _front_title: tuple[bool, object] | None = None  # a page not read in this build: its front matter's title (`title`)
    _content: str | None = None
    _read: str | None = None  # the body as last read, until a plugin hands it back unchanged
    # under serve (set by the plugin): each page's canonical URL and its path, by site_url and the
    # page's URL, kept from one rebuild to the next (joining and splitting URLs took most of the
    # time MkDocs spends making a page object: 14,000 at each save at 10,000 seeds)
    canonical_urls: ClassVar[dict[tuple[str, str], tuple[str, str]] | None] = None

    def _set_canonical_url(self, base: str | None) -> None:
        if not base:
            super()._set_canonical_url(base)
            return
        if not base.endswith("/"):
            base += "/"
        urls = GeneratedPage.canonical_urls
        if urls is None:
            self.canonical_url, self.abs_url = canonical_url(base, self.url)
            return
        if (made := urls.get((base, self.url))) is None:
            made = urls[(base, self.url)] = canonical_url(base, self.url)
        self.canonical_url, self.abs_url = made

    @weak_property
    def title(self) -> str | None:  # type: ignore[override]
        """MkDocs' title of the page (`Page.title`); for a page this build did not read (a dirty
        build reads only the pages whose file changed), the title its front matter gives, which is
        the title it has when read. The navigation names a generated page by it: MkDocs keeps no
        title from the configuration's `nav` for a page a plugin made (`use_generated_pages`), and
        an unread page's title is None, which the theme prints ("None") in the navigation of the
        pages a dirty build writes."""
        if self.markdown is not None or not self.file.abs_src_path:
            return super().title
        if self._front_title is None:
            try:
                self._front_title = front_matter_title(self.file.abs_src_path)
            except OSError:
                return None  # as MkDocs gives it; the build reads the files it needs and says what is wrong
        given, title = self._front_title
        return title if given else None  # type: ignore[return-value]

    @property  # type: ignore[override]
    def content(self) -> str | None:
        """The body, read from the file once and kept until MkDocs has read every page
        (on_page_content hands it back: the setter), then once more for the theme until the page
        is written (`release`): the scripts, the template and the plugins ask for it several times
        a page, and each read was a file opened and 65 KB decoded (8,646 reads at 1,000 dense seeds)."""
        if self._content is not None or not self._html:
            return self._content
        if self._read is None:
            source = self.file.content_string
            self._read = source[source.index(_END_OF_FRONT_MATTER, 3) + len(_END_OF_FRONT_MATTER):]
        return self._read

    @content.setter
    def content(self, value: str | None) -> None:
        if self._html and value is self._read:
            self._read = None  # unchanged: read again from the file when needed
            return
        self._content = value

    _anchor_ids: set[str] | None = None

    @property  # type: ignore[override]
    def present_anchor_ids(self) -> set[str] | None:
        """The page's ids, read from its HTML when a hand-written page links to one (MkDocs
        validates those links), then kept."""
        if self._anchor_ids is None and self._html:
            self._anchor_ids = html_ids(self.content or "")
            self.release()
        elif self._anchor_ids is None and self.markdown is None and self.file.abs_src_path is not None:
            # a page this build did not read (a sharded build reads only its share): its ids from its file
            source = self.file.content_string
            end = source.find(_END_OF_FRONT_MATTER, 3)
            if source.startswith("---\n") and end > 0 and f"\n{TOC_KEY}:" in source[:end]:
                self._anchor_ids = html_ids(source[end + len(_END_OF_FRONT_MATTER):])
        return self._anchor_ids

    @present_anchor_ids.setter
    def present_anchor_ids(self, value: set[str] | None) -> None:
        self._anchor_ids = value

    def release(self) -> None:
        """Let go of the body read for the theme (after the page is written): kept, the bodies of
        all pages would stay in memory until the build ends."""
        self._read = None

    def render(self, config: MkDocsConfig, files: Files) -> None:
        if TOC_KEY not in self.meta:
            super().render(config, files)
            return
        self.toc = get_toc(nest_toc(self.meta[TOC_KEY]))  # type: ignore[arg-type]
        self._html = True
        self._content = None
        self.markdown = ""  # the body is the file's; not kept


def use_generated_pages(files: Files, config: MkDocsConfig, roots: tuple[str, ...]) -> None:
    """Give every Markdown file in the generator's folders a `GeneratedPage` (before the
    navigation is built, which then uses it)."""
    for file in files.documentation_pages():
        if file.src_uri.split("/", 1)[0] in roots and not isinstance(file.page, GeneratedPage):
            GeneratedPage(None, file, config)
