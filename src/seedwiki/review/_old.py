"""check-review: do a review's links into the wiki resolve, and do its quotations say what the seeds say?

A review is Markdown or plain text. Its links into the wiki are inline links `[text](url)`,
reference links, autolinks `<url>` and bare URLs, either absolute under the wiki's base URL or
relative (`seeds/<slug>/#q8`, `../seeds/<slug>/index.md#p3`). A quotation ("…", “…”, «…», ‘…’ or
a `>` blockquote) is attached to the links of its sentence, else of its paragraph; a blockquote
without a link of its own is attached to the paragraph that introduces it (or follows it).
Quotations are compared with the linked text after normalising whitespace, quote marks, dashes
and ellipses; `...`/`…` and `[bracketed insertions]` in a quotation stand for omitted text.
"""

from __future__ import annotations

import difflib
import json
import re
import unicodedata
from dataclasses import dataclass, field
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import unquote, urlsplit

from .errors import SeedwikiError


class ReviewUsageError(SeedwikiError):
    """The review or the site cannot be read (bad usage rather than a failed check)."""


@dataclass(frozen=True)
class Problem:
    file: str
    line: int
    col: int
    message: str
    suggestion: str

    def report(self) -> str:
        return f"{self.file}:{self.line}:{self.col}: {self.message}; {self.suggestion}"


# --- normalised comparison -----------------------------------------------------------------------

_QUOTE_MARKS = str.maketrans({c: '"' for c in "“”„‟″«»〝〞＂"} | {c: "'" for c in "‘’‚‛′`´"})
_DASHES = re.compile(r"[\u2010-\u2015\u2212\ufe58\ufe63\uff0d]")
_OMISSION = re.compile(r"\s*(?:\[[^\]]*\]|\(\s*(?:\.\s*){3}\)|(?:\.\s*){3}|…)\s*")


def normalise(text: str) -> str:
    """Text for comparison: NFC, one kind of quote mark and dash, single spaces."""
    text = unicodedata.normalize("NFC", text).translate(_QUOTE_MARKS)
    text = _DASHES.sub("-", text).replace("\u00ad", "")
    return " ".join(text.split())


def quotation_parts(quote: str) -> list[str]:
    """The normalised parts of a quotation that must appear, in order, in the source."""
    return [p for p in (normalise(part).strip(" \"'") for part in _OMISSION.split(quote)) if p]


def _part_pattern(part: str, first: bool) -> re.Pattern:
    """`part` as whole words (a quoted "here" is not in "there"); the first may change its first letter's case."""
    head = f"[{re.escape(part[0])}{re.escape(part[0].swapcase())}]" if first and part[0].isalpha() else re.escape(part[0])
    return re.compile(("(?<!\\w)" if part[0].isalnum() else "") + head + re.escape(part[1:]) + ("(?!\\w)" if part[-1].isalnum() else ""))


def _find_in_order(parts: list[str], text: str) -> bool:
    position = 0
    for index, part in enumerate(parts):
        found = _part_pattern(part, index == 0).search(text, position)
        if found is None:
            return False
        position = found.end()
    return True


def quoted_in(quote: str, text: str) -> bool:
    parts = quotation_parts(quote)
    return bool(parts) and _find_in_order(parts, normalise(text))


def closest_passage(quote: str, text: str) -> str:
    """The run of words in `text` most like `quote`, for a "did you mean" suggestion."""
    words, target = normalise(text).split(), normalise(quote).strip(" \"'")
    size = max(1, len(target.split()))
    best, best_ratio = "", 0.0
    for start in range(max(1, len(words) - size + 1)):
        candidate = " ".join(words[start:start + size])
        ratio = difflib.SequenceMatcher(None, target, candidate, autojunk=False).ratio()
        if ratio > best_ratio:
            best, best_ratio = candidate, ratio
    return best


# --- the wiki, as built ---------------------------------------------------------------------------


class PageRefs(HTMLParser):
    """The ids and link targets of one built page."""

    def __init__(self, html: str = "") -> None:
        super().__init__(convert_charrefs=True)
        self.ids: set[str] = set()
        self.hrefs: set[str] = set()
        self.feed(html)

    def handle_starttag(self, tag, attrs):
        for name, value in attrs:
            if name == "id" and value:
                self.ids.add(value)
            elif name == "href" and value:
                self.hrefs.add(value)


@dataclass
class Wiki:
    """A built site: its files, and from its `links.json` every target's text."""

    site_dir: Path
    base_urls: list[str]
    targets: dict[str, list[dict]]  # page -> its targets in reading order
    redirects: dict[str, str]
    _ids: dict[str, set[str]] = field(default_factory=dict)

    @classmethod
    def load(cls, site_dir: Path, base_url: str | None) -> Wiki:
        links = site_dir / "links.json"
        try:
            data = json.loads(links.read_text(encoding="utf-8"))
        except FileNotFoundError:
            raise ReviewUsageError(links, "no links.json: this is not a built seedwiki site", "run `make build` first, or pass --site with the built site's folder") from None
        except (json.JSONDecodeError, UnicodeDecodeError) as err:
            raise ReviewUsageError(links, f"links.json cannot be read ({err})", "rebuild the site with `make build`") from None
        targets: dict[str, list[dict]] = {}
        for target in data["targets"]:
            targets.setdefault(target["page"], []).append(target)
        bases = [u for u in (base_url, data.get("site_url")) if u]
        return cls(site_dir, [b.rstrip("/") + "/" for b in bases], targets, data.get("redirects", {}))

    def wiki_path(self, url: str) -> str | None:
        """`url` as a site path ("seeds/x/#p3"), or None when it does not point into the wiki."""
        for base in self.base_urls:
            if url.startswith(base):
                return url[len(base):]
            if url == base.rstrip("/"):
                return ""
        parts = urlsplit(url)
        if parts.scheme or parts.netloc or url.startswith(("#", "/")):
            return None
        segments = [s for s in parts.path.split("/") if s not in ("", ".", "..")]
        path = "/".join(segments) + ("/" if parts.path.endswith("/") and segments else "")
        return path + (f"#{parts.fragment}" if parts.fragment else "")

    def page_of(self, path: str) -> str | None:
        """The built page that `path` (without its fragment) names, following redirects; None if none."""
        path = unquote(path)
        for suffix in ("index.md", "index.html"):
            if path.endswith(suffix):
                path = path[: -len(suffix)]
        if path.endswith(".md"):
            path = path[:-3] + "/"
        if path.endswith(".html"):
            path = path[:-5] + "/"
        if path and not path.endswith("/") and (self.site_dir / path).is_file():
            return path
        if path and not path.endswith("/"):
            path += "/"
        path = self.redirects.get(path, path)
        return path if (self.site_dir / path / "index.html").is_file() else None

    def ids(self, page: str) -> set[str]:
        if page in self.targets:
            return {t["anchor"] for t in self.targets[page] if t["anchor"]}
        if page not in self._ids:
            self._ids[page] = PageRefs((self.site_dir / page / "index.html").read_text(encoding="utf-8", errors="replace")).ids
        return self._ids[page]

    def cited_text(self, page: str, anchor: str) -> str | None:
        """The seed text a link cites: a paragraph; a question with its answers; a whole seed page."""
        targets = [t for t in self.targets.get(page, []) if t["kind"] != "page"]
        if not targets:
            return None
        if not anchor:
            return "\n".join(t["text"] for t in targets if t["anchor"].startswith("p"))
        if anchor.startswith("q"):
            paragraphs = [t for t in targets if t["anchor"].startswith("p")]
            index = next((i for i, t in enumerate(targets) if t["anchor"] == anchor), None)
            if index is None:
                return None
            start = paragraphs.index(targets[index + 1])  # a question's own paragraph follows its #q target
            end = next((i for i in range(start + 1, len(paragraphs)) if paragraphs[i]["kind"] == "question"), len(paragraphs))
            return "\n".join(t["text"] for t in paragraphs[start:end])
        return next((t["text"] for t in targets if t["anchor"] == anchor), None)

    def find_quotation(self, quote: str, prefer_page: str | None = None) -> dict | None:
        """The paragraph target holding `quote`, on `prefer_page` first, else anywhere in the wiki."""
        pages = sorted(self.targets, key=lambda p: p != prefer_page)
        for page in pages:
            for target in self.targets[page]:
                if target["anchor"].startswith("p") and quoted_in(quote, target["text"]):
                    return target
        return None

    def anchor_summary(self, page: str) -> str:
        targets = self.targets.get(page)
        if not targets:
            return "see the page for its headings"
        paragraphs = sum(1 for t in targets if t["anchor"].startswith("p"))
        questions = [t["anchor"] for t in targets if t["anchor"].startswith("q")]
        text = f"it has #p1–#p{paragraphs}"
        return text + (f" and #{questions[0]}–#{questions[-1]}" if questions else "")


# --- reading a review -----------------------------------------------------------------------------

_INLINE_LINK = re.compile(r"(?<!!)\[(?P<text>(?:[^\[\]]|\[[^\[\]]*\])*)\]\(\s*<?(?P<url>[^\s)>]+)>?(?:\s+\"[^\"]*\")?\s*\)")
_REF_LINK = re.compile(r"(?<!!)\[(?P<text>[^\[\]]+)\](?:\[(?P<ref>[^\[\]]*)\])?")
_REF_DEF = re.compile(r"^ {0,3}\[(?P<ref>[^\]]+)\]:\s*<?(?P<url>\S+?)>?(?:\s+.*)?$")
_AUTOLINK = re.compile(r"<(?P<url>[a-z][a-z0-9+.-]*://[^\s>]+)>", re.I)
_BARE_URL = re.compile(r"(?<![<\w])(?P<url>https?://[^\s<>()\[\]]+[^\s<>()\[\].,;:!?'\"”’])", re.I)
_QUOTES = re.compile(r"\"(?P<a>[^\"]+?)\"|“(?P<b>[^”]+?)”|«\s*(?P<c>[^»]+?)\s*»|„(?P<d>[^“”]+?)[“”]|‘(?P<e>[^‘]+?)’(?!\w)")
_CODE_SPAN = re.compile(r"(`+)(?:(?!\1).)+?\1")
_SENTENCE_END = re.compile(r"[.!?](?=\s+[\"“‘«(\[A-Z0-9]|\s*$)")


@dataclass
class _Link:
    url: str
    start: int  # offsets in the paragraph's text
    end: int


@dataclass
class _Block:
    text: str
    starts: list[int]  # the offset in `text` where each line starts
    first_line: int
    indents: list[int]  # columns removed from each line (blockquote markers)
    depth: int  # blockquote nesting: 0 for prose

    @property
    def quote_block(self) -> bool:
        return self.depth > 0

    @property
    def plain(self) -> str:
        """The text with inline code blanked out (same length), so examples in code are not checked."""
        return _CODE_SPAN.sub(lambda m: " " * len(m.group()), self.text)

    def position(self, offset: int) -> tuple[int, int]:
        index = max(i for i, s in enumerate(self.starts) if s <= offset)
        return self.first_line + index, offset - self.starts[index] + self.indents[index] + 1


def _blocks(lines: list[str]) -> list[_Block]:
    """Paragraphs and blockquotes, keeping where every character came from."""
    blocks: list[_Block] = []
    current: _Block | None = None
    fence = False
    for number, line in enumerate(lines, 1):
        if line.lstrip().startswith(("```", "~~~")):
            fence = not fence
            current = None
            continue
        markers = re.match(r"^(?: {0,3}> ?)*", line).group()
        depth, indent = markers.count(">"), len(markers)
        content = line[indent:]
        if fence or not content.strip() or (current is not None and depth != current.depth):
            current = None
            if fence or not content.strip():
                continue
        if current is None:
            current = _Block("", [], number, [], depth)
            blocks.append(current)
        else:
            current.text += "\n"
        current.starts.append(len(current.text))
        current.indents.append(indent)
        current.text += content
    return blocks


def _links(block: _Block, definitions: dict[str, str]) -> list[_Link]:
    links: list[_Link] = []
    taken: list[tuple[int, int]] = []

    def add(url: str, start: int, end: int) -> None:
        if not any(s <= start < e for s, e in taken):
            links.append(_Link(url, start, end))
            taken.append((start, end))

    text = block.plain
    for match in _INLINE_LINK.finditer(text):
        add(match["url"], match.start(), match.end())
    for match in _AUTOLINK.finditer(text):
        add(match["url"], match.start(), match.end())
    for match in _REF_LINK.finditer(text):
        ref = (match["ref"] or match["text"]).strip().casefold()
        if ref in definitions:
            add(definitions[ref], match.start(), match.end())
    for match in _BARE_URL.finditer(text):
        add(match["url"], match.start(), match.end())
    return sorted(links, key=lambda link: link.start)


def _masked(text: str, spans: list[tuple[int, int]]) -> str:
    for start, end in spans:
        text = text[:start] + " " * (end - start) + text[end:]
    return text


def _sentences(text: str, protected: list[tuple[int, int]]) -> list[tuple[int, int]]:
    masked = _masked(text, protected)
    bounds, start = [], 0
    for match in _SENTENCE_END.finditer(masked):
        bounds.append((start, match.end()))
        start = match.end()
    bounds.append((start, len(text)))
    return bounds


@dataclass
class Review:
    """Checks one review file against the wiki, collecting problems and counts."""

    wiki: Wiki
    path: Path
    problems: list[Problem] = field(default_factory=list)
    links: int = 0
    quotations: int = 0

    def _problem(self, block: _Block, offset: int, message: str, suggestion: str) -> None:
        line, col = block.position(offset)
        self.problems.append(Problem(str(self.path), line, col, message, suggestion))

    def check(self, text: str) -> None:
        lines = text.splitlines()
        definitions = {m["ref"].strip().casefold(): m["url"] for m in map(_REF_DEF.match, lines) if m}
        blocks = [b for b in _blocks(lines) if not _REF_DEF.match(b.text)]
        block_links = [_links(b, definitions) for b in blocks]
        for index, (block, links) in enumerate(zip(blocks, block_links)):
            resolved = [(link, self._resolve(block, link)) for link in links]
            quotes = self._quotations(block, links)
            if block.quote_block and not links:
                # a blockquote without links cites the link that introduces it, or the one that follows it
                resolved = []
                for i, pick in ((index - 1, -1), (index + 1, 0)):
                    if 0 <= i < len(blocks) and block_links[i] and not blocks[i].quote_block:
                        link = block_links[i][pick]
                        resolved.append((link, self._resolve(blocks[i], link, report=False)))
            cited = [r for r in resolved if r[1] is not None]
            sentences = [] if block.quote_block else _sentences(block.text, [(q[0], q[1]) for q in quotes] + [(l.start, l.end) for l in links])
            for start, end, quote in quotes:
                if block.quote_block:
                    attached = cited
                else:
                    sentence = next(((s, e) for s, e in sentences if s <= start < e), (0, len(block.text)))
                    attached = [r for r in cited if sentence[0] <= r[0].start < sentence[1]] or cited
                if attached:
                    self.quotations += 1
                    self._check_quotation(block, start, quote, attached)

    def _resolve(self, block: _Block, link: _Link, report: bool = True) -> tuple[str, str] | None:
        """(page, anchor) of a wiki link, or None (not a wiki link, or broken and reported)."""
        path = self.wiki.wiki_path(link.url)
        if path is None:
            return None
        if report:
            self.links += 1
        raw_page, _, fragment = path.partition("#")
        anchor, _, directive = fragment.partition(":~:")
        anchor = unquote(anchor)
        page = self.wiki.page_of(raw_page)
        if page is None:
            if report:
                near = difflib.get_close_matches(raw_page, list(self.wiki.targets), n=1, cutoff=0.6)
                hint = f"did you mean {self.wiki.base_urls[0] if self.wiki.base_urls else ''}{near[0]}?" if near else "check the address against the catalogue"
                self._problem(block, link.start, f"link to {raw_page or '/'}: no such page in the wiki", hint)
            return None
        if anchor and anchor not in self.wiki.ids(page):
            if report:
                self._problem(block, link.start, f"link to {page}#{anchor}: the page has no anchor #{anchor}", self.wiki.anchor_summary(page))
            return None
        if report and directive.startswith("text="):
            self._check_text_fragment(block, link, page, anchor, directive[5:])
        return page, anchor

    def _check_text_fragment(self, block: _Block, link: _Link, page: str, anchor: str, spec: str) -> None:
        parts = [unquote(p) for p in spec.split("&")[0].split(",")]
        parts = [p for p in parts if not (p.endswith("-") or p.startswith("-"))]  # prefix-, -suffix are context only
        text = self.wiki.cited_text(page, anchor)
        if text is not None and not all(quoted_in(p, text) for p in parts):
            self._problem(block, link.start, f"text fragment {' … '.join(parts)!r} is not in {page}#{anchor}", "select the passage again and copy its link from the page")

    def _quotations(self, block: _Block, links: list[_Link]) -> list[tuple[int, int, str]]:
        if block.quote_block:
            # the blockquote's text, minus the lines that only attribute it or hold links
            kept = [
                line
                for start, line in zip(block.starts, block.text.split("\n"))
                if not any(start <= link.start <= start + len(line) for link in links) and not re.match(r"^\s*[—–-]{1,2}\s", line)
            ]
            text = " ".join(kept).strip()
            return [(0, len(block.text), text)] if text else []
        masked = _masked(block.plain, [(l.start, l.end) for l in links])
        found = []
        for match in _QUOTES.finditer(masked):
            name = next(k for k, v in match.groupdict().items() if v is not None)
            found.append((match.start(), match.end(), block.text[match.start(name):match.end(name)]))
        return found

    def _check_quotation(self, block: _Block, offset: int, quote: str, attached: list) -> None:
        texts = [(page, anchor, self.wiki.cited_text(page, anchor)) for _, (page, anchor) in attached]
        texts = [t for t in texts if t[2] is not None]
        if not texts or any(quoted_in(quote, text) for _, _, text in texts):
            return
        page, anchor, text = texts[0]
        where = f"{page}#{anchor}" if anchor else page
        short = quote if len(quote) <= 80 else quote[:77] + "…"
        found = self.wiki.find_quotation(quote, prefer_page=page)
        if found is not None:
            self._problem(block, offset, f"quotation “{short}” is not in {where}", f"it is in {found['label']} of {found['page']}: {found['url']}")
        else:
            self._problem(block, offset, f"quotation “{short}” is not in {where} nor anywhere in the wiki", f"the closest passage there reads “{closest_passage(quote, text)}”")


def check_reviews(paths: list[Path], site_dir: Path, base_url: str | None) -> tuple[list[Problem], int, int]:
    """Check every review; return the problems and how many wiki links and quotations were checked."""
    wiki = Wiki.load(site_dir, base_url)
    problems, links, quotations = [], 0, 0
    for path in paths:
        try:
            text = path.read_text(encoding="utf-8-sig")
        except (OSError, UnicodeDecodeError) as err:
            raise ReviewUsageError(path, f"cannot read the review ({err.__class__.__name__}: {err})", "give a UTF-8 Markdown or text file") from None
        review = Review(wiki, path)
        review.check(text)
        problems += review.problems
        links += review.links
        quotations += review.quotations
    return problems, links, quotations
