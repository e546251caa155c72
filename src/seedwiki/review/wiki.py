"""The wiki a review is checked against: a built site and its `links.json`.

A link points into the wiki when a browser would take it there: its address is compared as a
browser compares addresses (`address`: http and https alike, the host in any case, in Unicode or
punycode, with or without the scheme's default port). A host that only looks like the wiki's, with
a letter of another script in place of a Latin one, poses as the wiki (`PosesAsWiki`).

A link is resolved without leaving the site: its path is normalised as a browser would (percent
escapes decoded, `.` and `..` applied) and then looked up among the files the site has, listed once
when the site is loaded. A path that climbs out of the site, holds an encoded slash or a backslash,
or uses another scheme is a broken link, never a file looked up on disk.
"""

from __future__ import annotations

import json
import os
import re
import unicodedata
from collections.abc import Collection
from dataclasses import dataclass, field
from functools import cached_property
from pathlib import Path
from urllib.parse import unquote, urlsplit

from rapidfuzz import process

from ..errors import SeedwikiError
from ..fragment import PageText
from ..link.targets import anchor_index, anchor_label, paragraph_anchor
from ..quotation import Part, comparable, match_parts


class ReviewUsageError(SeedwikiError):
    """The review or the site cannot be read (bad usage rather than a failed check)."""


class OutsideSite(ValueError):
    """A link whose path leaves the site."""


@dataclass(frozen=True)
class WikiLink:
    """Where a link into the wiki points: its site path with its fragment ("seeds/x/#p3"), and how it
    was written: `scheme` when it names the other of http and https than the wiki's address
    (`base`), `local` for a `file:` address of an offline copy of the site."""

    path: str
    base: str = ""
    scheme: str | None = None
    local: bool = False


class PosesAsWiki(ValueError):
    """A link to a host that is not the wiki's but looks like it."""

    def __init__(self, host: str, wiki_host: str, wiki_url: str) -> None:
        super().__init__(host)
        self.host = host  # IDNA (punycode) form
        self.wiki_host = wiki_host
        self.wiki_url = wiki_url

    @property
    def shown(self) -> str:
        return unicode_host(self.host)

    def foreign_letters(self) -> list[str]:
        """The characters of the host that are not ASCII, named: `“а” (U+0430 CYRILLIC SMALL LETTER A)`."""
        return [f"“{c}” (U+{ord(c):04X} {unicodedata.name(c, 'unnamed')})" for c in dict.fromkeys(self.shown) if not c.isascii()]


# --- addresses as a browser compares them ---------------------------------------------------------

_DEFAULT_PORTS = {"http": 80, "https": 443}
_SPECIAL_SCHEME = re.compile(r"(https?):[/\\]*", re.IGNORECASE)
_C0_AND_SPACE = "".join(map(chr, range(0x21)))


@dataclass(frozen=True)
class Address:
    """An http(s) URL as a browser compares it with another: its host in IDNA form (ASCII, lower
    case, without a final dot), its port (None for the scheme's default), its path (as written,
    not decoded) and its fragment."""

    host: str
    port: int | None
    path: str
    fragment: str
    scheme: str | None = None  # as written: "http", "https", or None (scheme-relative)


def ascii_host(host: str) -> str | None:
    """A host name in the one form it is compared in: percent escapes decoded, IDNA (Unicode
    labels as punycode, full-width letters and case folded by nameprep), lower case, without a
    final dot. None when it is no valid host name."""
    host = unquote(host).rstrip(".")
    if not host:
        return None
    try:
        return host.encode("idna").decode("ascii").lower()
    except UnicodeError:
        return None


def unicode_host(host: str) -> str:
    """An IDNA host as its reader sees it (punycode labels decoded)."""
    try:
        return host.encode("ascii").decode("idna")
    except UnicodeError:
        return host


def address(url: str) -> Address | None:
    """`url` read as a browser reads an http(s) or scheme-relative link, or None when it is none
    (another scheme, a relative path, a malformed host or port). As in the URL standard: spaces and
    control characters around it are dropped, tabs and line breaks in it removed, backslashes count
    as slashes and any number of them may follow the scheme. http and https count as one, so the
    port is None for either scheme's default."""
    url = url.strip(_C0_AND_SPACE).replace("\t", "").replace("\n", "").replace("\r", "")
    special = _SPECIAL_SCHEME.match(url)
    if special is not None and special.end() > len(special.group(1)) + 1:
        scheme: str | None = special.group(1).lower()
        rest = url[special.end():]
    elif url[:2] in ("//", "\\\\", "/\\", "\\/"):
        scheme, rest = None, url[2:]
    else:
        return None
    end = min((i for i in (rest.find("?"), rest.find("#")) if i != -1), default=len(rest))
    rest = rest[:end].replace("\\", "/") + rest[end:]
    try:
        parts = urlsplit("http://" + rest)
        port = parts.port
    except ValueError:
        return None
    host = ascii_host(parts.hostname or "")
    if host is None:
        return None
    defaults = {_DEFAULT_PORTS[scheme]} if scheme else set(_DEFAULT_PORTS.values())
    return Address(host, None if port in defaults else port, parts.path, parts.fragment, scheme)


# Letters of other scripts (and Latin small capitals and variants) that read as a Latin letter in a
# host name, after Unicode's confusables (UTS #39) for the letters a host can hold once nameprep
# has folded its case. Full-width and mathematical letters need no entry: IDNA folds them into
# ASCII, so they name the wiki's own host.
_LOOKALIKES = str.maketrans({c: latin for latin, letters in {
    "a": "аɑα", "b": "ь", "c": "сϲᴄⲥ", "d": "ԁ", "e": "еҽ", "g": "ɡց", "h": "һհ", "i": "іιɩıɪ",
    "j": "јϳ", "k": "κ", "l": "ӏ", "n": "ոռ", "o": "оοσօᴏⲟဝ", "p": "рρⲣ", "q": "ԛզգ", "s": "ѕꜱ",
    "u": "υʋսᴜ", "v": "νᴠ", "w": "ԝաɯᴡ", "x": "хχ", "y": "уүʏɣγყ", "z": "ᴢ",
}.items() for c in letters})


def skeleton(host: str) -> str:
    """What an IDNA host looks like: its Unicode form without accents, each lookalike letter as the
    Latin letter it reads as. Two hosts with one skeleton are told apart by no reader."""
    decomposed = unicodedata.normalize("NFD", unicode_host(host))
    return "".join(c for c in decomposed if not unicodedata.combining(c)).translate(_LOOKALIKES)


_PART_PAGE = re.compile(r"(seeds/[^/]+/)part-[1-9][0-9]*/")  # a long seed's later part (link.targets.part_page)
_TARGET_FIELDS = {"page": str, "anchor": str, "kind": str, "label": str, "text": str, "url": str}


def _read_links(site_dir: Path) -> dict:
    path = site_dir / "links.json"
    hint = "rebuild the site with `mkdocs build`, or pass --site with a built seedwiki site's folder"
    if not path.exists():
        raise ReviewUsageError(path, "no links.json: this is not a built seedwiki site", "run `mkdocs build` first, or pass --site with the built site's folder")
    if not path.is_file():
        raise ReviewUsageError(path, "links.json is not a file", hint)
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError) as err:
        raise ReviewUsageError(path, f"links.json cannot be read ({err.__class__.__name__}: {err})", hint) from None
    targets = data.get("targets") if isinstance(data, dict) else None
    if not isinstance(targets, list) or not all(
        isinstance(t, dict) and all(isinstance(t.get(k), kind) for k, kind in _TARGET_FIELDS.items()) for t in targets
    ):
        raise ReviewUsageError(path, "links.json is not a seedwiki link manifest (an object with a list of targets)", hint)
    redirects = data.get("redirects", {})
    retired = data.get("retired", {})
    for mapping in (redirects, retired):
        if not isinstance(mapping, dict) or not all(isinstance(k, str) and isinstance(v, str) for k, v in mapping.items()):
            raise ReviewUsageError(path, "links.json has malformed redirects", hint)
    return data


def _site_files(site_dir: Path) -> frozenset[str]:
    """Every file of the site, as a path relative to it (symbolic links are not followed)."""
    files = []
    for folder, _dirs, names in os.walk(site_dir):
        relative = os.path.relpath(folder, site_dir)
        prefix = "" if relative == "." else relative.replace(os.sep, "/") + "/"
        files += [prefix + name for name in names]
    return frozenset(files)


def site_path(path: str, *, relative: bool = False) -> str:
    """A URL path relative to the site root, normalised; `OutsideSite` when it leaves the site. A
    relative link's leading `../` are dropped: a review may sit anywhere beside the site."""
    decoded = unquote(path)
    while relative and decoded.startswith(("../", "./")):
        decoded = decoded.partition("/")[2]
    if "\\" in decoded or "\0" in decoded or "%2f" in path.lower() or "%5c" in path.lower():
        raise OutsideSite(path)
    segments: list[str] = []
    for segment in decoded.split("/"):
        if segment == "..":
            if not segments:
                raise OutsideSite(path)
            segments.pop()
        elif segment not in ("", "."):
            segments.append(segment)
    trailing = decoded.endswith("/") or decoded.endswith("/.") or decoded.endswith("/..")
    return "/".join(segments) + ("/" if trailing and segments else "")


@dataclass
class Wiki:
    """A built site: its files, its targets (from `links.json`) and their normalised texts."""

    site_dir: Path
    base_urls: list[str]
    targets: dict[str, list[dict]]  # page -> its targets in reading order
    redirects: dict[str, str]
    files: frozenset[str]
    retired: dict[str, str] = field(default_factory=dict)  # pages retired for a changed extraction -> the seed's page now
    _normalised: dict[int, str] = field(default_factory=dict)
    _pairs: dict[int, tuple[str, int]] = field(default_factory=dict)  # a paragraph target -> it and the next, joined
    _pages: dict[str, PageText] = field(default_factory=dict)
    _whole_pages: dict[str, dict] = field(default_factory=dict)
    _anchors: dict[str, dict[str, dict]] = field(default_factory=dict)  # page -> anchor -> its target
    _near: dict[str, str | None] = field(default_factory=dict)  # a missing page -> the page most like it

    @classmethod
    def load(cls, site_dir: Path, base_url: str | None) -> Wiki:
        if base_url and address(base_url) is None:
            raise ReviewUsageError("--base-url", f"{base_url!r} is not an http(s) address", "give the wiki's address as reviews link it, e.g. https://example.org/wiki/")
        data = _read_links(site_dir)
        targets: dict[str, list[dict]] = {}
        for target in data["targets"]:
            targets.setdefault(target["page"], []).append(target)
        bases = [u for u in (base_url, data.get("site_url")) if isinstance(u, str) and u and address(u) is not None]
        return cls(site_dir, [b.rstrip("/") + "/" for b in bases], targets, data.get("redirects", {}), _site_files(site_dir), data.get("retired", {}))

    @cached_property
    def bases(self) -> list[tuple[Address, str]]:
        """The wiki's addresses, each with its path as a folder ("/" or "/wiki/"), and as written."""
        found = ((address(url), url) for url in self.base_urls)
        return [(Address(a.host, a.port, a.path.rstrip("/") + "/", "", a.scheme), url) for a, url in found if a is not None]

    def wiki_path(self, url: str) -> str | None:
        """`url` as a site path with its fragment ("seeds/x/#p3"), or None (`locate`)."""
        found = self.locate(url)
        return None if found is None else found.path

    def locate(self, url: str) -> WikiLink | None:
        """Where `url` points in the wiki, or None when it does not point into the wiki;
        `OutsideSite` when it points into the wiki but leaves the site, `PosesAsWiki` when its host
        only looks like the wiki's. A `file:` address points into the wiki when it names a file of
        the site inside some folder (an offline copy, `file:///…/site-offline/seeds/x/index.html`)."""
        link = address(url)
        if link is not None:
            for base, written in self.bases:
                if (link.host, link.port) != (base.host, base.port):
                    continue
                if link.path.startswith(base.path) or link.path == base.path[:-1]:
                    fragment = f"#{link.fragment}" if link.fragment else ""
                    other = link.scheme if link.scheme and base.scheme and link.scheme != base.scheme else None
                    return WikiLink(site_path(link.path[len(base.path):]) + fragment, written, other)
            for base, written in self.bases:
                if link.host != base.host and skeleton(link.host) == skeleton(base.host):
                    raise PosesAsWiki(link.host, unicode_host(base.host), written)
            return None
        parts = urlsplit(url.strip(_C0_AND_SPACE))
        if parts.scheme.lower() == "file":
            path = self._offline_path(parts.path)
            return None if path is None else WikiLink(path + (f"#{parts.fragment}" if parts.fragment else ""), local=True)
        if parts.scheme or parts.netloc or url.startswith(("#", "/")):
            return None
        return WikiLink(site_path(parts.path, relative=True) + (f"#{parts.fragment}" if parts.fragment else ""))

    @cached_property
    def _top_names(self) -> frozenset[str]:
        """The names at the top of the site (folders and files): where a copy's path enters it."""
        return frozenset(name.partition("/")[0] for name in self.files)

    def _offline_path(self, path: str) -> str | None:
        """The site path a `file:` path names in a copy of the site, or None: the rest of the path
        from the first folder of it that is a page of the site, else from the last `seeds/`."""
        segments = unquote(path).replace("\\", "/").split("/")
        entries = [i for i, name in enumerate(segments) if name in self._top_names and i + 1 < len(segments)]
        for index in entries:
            try:
                rest = site_path("/".join(segments[index:]))
            except OutsideSite:
                continue
            if self.page_of(rest) is not None:
                return rest
        seeds = [i for i in entries if segments[i] == "seeds"]
        if not seeds:
            return None
        return site_path("/".join(segments[seeds[-1]:]))

    def claims(self, url: str) -> bool:
        """Does `url` point into the wiki, or pose as it? (A bare URL in a plain-text review is a link then.)"""
        try:
            return self.wiki_path(url) is not None
        except (OutsideSite, PosesAsWiki):
            return True

    def redirected(self, path: str) -> str | None:
        """The page a renamed seed's old `path` redirects to, or None when it is not a redirect."""
        for suffix in ("index.md", "index.html"):
            if path.endswith("/" + suffix):
                path = path[: -len(suffix)]
        if path and not path.endswith("/"):
            path += "/"
        return self.redirects.get(path)

    def page_of(self, path: str) -> str | None:
        """The built page that `path` (a normalised site path) names, following redirects; None if none."""
        for suffix in ("index.md", "index.html"):
            if path.endswith("/" + suffix) or path == suffix:
                path = path[: -len(suffix)]
        for suffix in (".md", ".html"):
            if path.endswith(suffix):
                path = path[: -len(suffix)] + "/"
        if path and not path.endswith("/") and path in self.files:
            return path
        if path and not path.endswith("/"):
            path += "/"
        path = self.redirects.get(path, path)
        return path if path + "index.html" in self.files else None

    def page_text(self, page: str) -> PageText:
        """The page's text as a browser matches text fragments against it (read once)."""
        if page not in self._pages:
            file = self.site_dir / page / "index.html" if page.endswith("/") or not page else self.site_dir / page
            self._pages[page] = PageText(file.read_text(encoding="utf-8", errors="replace"))
        return self._pages[page]

    def _by_anchor(self, page: str) -> dict[str, dict]:
        """The page's targets by anchor (the first of each), listed once per run."""
        if page not in self._anchors:
            anchors: dict[str, dict] = {}
            for target in self.targets.get(page, []):
                if target["anchor"]:
                    anchors.setdefault(target["anchor"], target)
            self._anchors[page] = anchors
        return self._anchors[page]

    def has_anchor(self, page: str, anchor: str) -> bool:
        """Does the page have an element with this id (a citable target, or a heading such as `#entities`)?"""
        if page.endswith(".txt"):
            return False  # a text file has no anchors
        return anchor in self._by_anchor(page) or anchor in self.page_text(page).ids

    def shown_page(self, page: str, anchor: str) -> str:
        """The page that shows the text of `page`'s `anchor`: the page itself, or the part of a long
        seed that shows it (links.json's `shown`), where the page script takes the reader and a
        text fragment is matched."""
        target = self._by_anchor(page).get(anchor) if anchor and page in self.targets else None
        shown = target.get("shown") if target else None
        return shown if isinstance(shown, str) and shown + "index.html" in self.files else page

    def part_pages(self, seed: str) -> list[str]:
        """The pages that show a seed's text, in order: its own page, then those of its later parts
        (links.json's `shown`); only its own for a seed of ordinary size."""
        pages = dict.fromkeys([seed])
        for target in self.targets.get(seed, []):
            if isinstance(shown := target.get("shown"), str) and shown + "index.html" in self.files:
                pages.setdefault(shown)
        return list(pages)

    def seed_of_part(self, page: str) -> str | None:
        """The seed's page when `page` is a page showing a later part of its text (`seeds/<slug>/part-<k>/`)."""
        found = _PART_PAGE.fullmatch(page)
        return found.group(1) if found and found.group(1) in self.targets else None

    def ids(self, page: str) -> Collection[str]:
        if page in self.targets:
            return self._by_anchor(page).keys()
        return self.page_text(page).ids

    def near_page(self, path: str) -> str | None:
        """The page whose path is most like `path` (for "did you mean"), once per missing path."""
        if path not in self._near:
            found = process.extractOne(path, self._page_list, score_cutoff=60)
            self._near[path] = found[0] if found else None
        return self._near[path]

    @cached_property
    def _page_list(self) -> list[str]:
        return list(self.targets)

    def cited_text(self, page: str, anchor: str) -> dict | None:
        """The target a link cites: a paragraph, a question's unit, a seed page (its paragraphs), or
        a seed's `source.txt` (its text as written)."""
        folder, _, name = page.rpartition("/")
        if name == "source.txt" and folder + "/" in self.targets:
            return self._source_text(folder + "/", page)
        targets = self.targets.get(page)
        if not targets:
            return None
        if anchor:
            return self._by_anchor(page).get(anchor)
        if page not in self._whole_pages:
            paragraphs = [t for t in targets if anchor_index(t["anchor"]) is not None]
            self._whole_pages[page] = {**targets[0], "text": "\n".join(t["text"] for t in paragraphs)}
        return self._whole_pages[page]

    def _source_text(self, page: str, path: str) -> dict:
        """A seed's source text as a target (read once)."""
        if path not in self._whole_pages:
            text = (self.site_dir / path).read_text(encoding="utf-8", errors="replace")
            self._whole_pages[path] = {**self.targets[page][0], "page": path, "anchor": "", "label": "source text", "text": text}
        return self._whole_pages[path]

    def normalised(self, target: dict) -> str:
        """The target's text made `comparable`, once per run."""
        key = id(target)
        if key not in self._normalised:
            self._normalised[key] = comparable(target["text"])
        return self._normalised[key]

    def _next_paragraph(self, target: dict) -> dict | None:
        """The paragraph after a paragraph target on its page, or None."""
        index = anchor_index(target["anchor"])
        return None if index is None else self._by_anchor(target["page"]).get(paragraph_anchor(index + 1))

    def _joined(self, target: dict, following: dict) -> tuple[str, int]:
        """A paragraph and the next one as one text (a quotation running on, without the marks a
        newspaper repeats at each paragraph of it), and where the second begins; made once per run."""
        key = id(target)
        if key not in self._pairs:
            first = self.normalised(target).rstrip('" ')
            self._pairs[key] = (first + " " + self.normalised(following).lstrip('" '), len(first))
        return self._pairs[key]

    def match(self, parts: list[Part], target: dict) -> tuple[list[tuple[int, int]], str, dict | None] | None:
        """Where `parts` are in the target's text (the spans, the text), or in it and the paragraph
        after it for a quotation that begins in it and runs on (then with that paragraph); None."""
        text = self.normalised(target)
        spans = match_parts(parts, text)
        if spans is not None:
            return spans, text, None
        following = self._next_paragraph(target)
        if following is None:
            return None
        joined, second = self._joined(target, following)
        spans = match_parts(parts, joined)
        if spans is not None and spans[0][0] < second:
            return spans, joined, following
        return None

    def holds(self, parts: list[Part], target: dict) -> bool:
        return self.match(parts, target) is not None

    def find_quotation(self, parts: list[Part], prefer_page: str | None = None) -> tuple[dict, str] | None:
        """The paragraph holding the quotation's `parts`, with its label, on `prefer_page` first,
        else anywhere; else two adjacent paragraphs holding it ("¶10–¶11")."""
        pages = sorted(self.targets, key=lambda p: p != prefer_page)
        paragraphs = [t for page in pages for t in self.targets[page] if anchor_index(t["anchor"]) is not None]
        for target in paragraphs:
            if match_parts(parts, self.normalised(target)) is not None:
                return target, target["label"]
        for target in paragraphs:
            found = self.match(parts, target)
            if found is not None and found[2] is not None:
                return target, f"{target['label']}–{anchor_label(found[2]['anchor'])}"
        return None

    def url(self, page: str, anchor: str = "") -> str:
        """The address of a page (and anchor) under the wiki's first address."""
        base = self.base_urls[0] if self.base_urls else ""
        return f"{base}{page}" + (f"#{anchor}" if anchor else "")

    def anchor_summary(self, page: str) -> str:
        targets = self.targets.get(page)
        if not targets:
            return "see the page for its headings"
        paragraphs = sum(1 for t in targets if anchor_index(t["anchor"]) is not None)
        questions = [t["anchor"] for t in targets if t["anchor"].startswith("q")]
        text = f"it has #p1–#p{paragraphs}"
        return text + (f" and #{questions[0]}–#{questions[-1]}" if questions else "")
