"""check: build the site with MkDocs' own strict validation (which covers the hand-written
pages), then verify every link and anchor in every built page's article (generated pages are HTML
that MkDocs does not read), that every seed is indexed and shown faithfully, that the generated
files in docs/ hold the bytes the build wrote, and that every locked permalink resolves."""

from __future__ import annotations

import contextlib
import gzip
import html
import json
import os
import re
import subprocess
import sys
from dataclasses import dataclass
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import unquote, urlsplit

from .build import Project, load_documents
from .errors import ConfigError
from .link.permalinks import read_lock
from .link.targets import anchor_index, entry_anchors, original_file, paragraph_anchor, part_anchors, part_page, seed_parts
from .model import SeedEntry
from .render import html_ids, visible_text
from .shard import BUNDLES
from .write import edited_files, generated_files, read_manifest

_SOURCE = re.compile(r'<pre class="sw-source-text"><code>(.*?)</code></pre>', re.S)
_TAG = re.compile(r"<[^>]*>")  # in escaped seed text every "<" is escaped: a "<" starts a tag of ours


@dataclass
class Row:
    what: str
    passed: int
    total: int
    failures: list[str]

    @property
    def ok(self) -> bool:
        return self.passed == self.total


class _TableLinks(HTMLParser):
    """The links inside table cells of a page: a catalogue row that broke apart is no cell."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.hrefs: list[str] = []
        self._cells = 0

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag == "td":
            self._cells += 1
        elif tag == "a" and self._cells:
            self.hrefs += [value for name, value in attrs if name == "href" and value]

    def handle_endtag(self, tag: str) -> None:
        if tag == "td" and self._cells:
            self._cells -= 1


_ARTICLE = re.compile(r"<article\b.*?</article>", re.S)
_SHOWN_ID = re.compile(r'<(?!span\b)[a-z][a-z0-9]*\s+id="([^"]*)"')  # an anchor on an element that shows text (not an empty mark)
_PARAGRAPH = re.compile(r'<p id="(p[0-9]+)"[^>]*>(.*?)</p>', re.S)


def parts_faithful(site_dir: Path, entry: SeedEntry) -> list[str]:
    """What is wrong with a long seed's parts (`link.targets.seed_parts`; nothing for a seed shown
    on one page): each anchor of a part is shown (on an element that is no empty mark) on that
    part's page and on no other, and each paragraph there holds the block's text exactly."""
    document = entry.document
    parts = seed_parts(document)
    if len(parts) == 1:
        return []
    wrong = []
    shown: dict[str, int] = {}
    for part, blocks in enumerate(parts, 1):
        path = site_dir / part_page(entry.slug, part) / "index.html"
        if not path.is_file():
            wrong.append(f"{part_page(entry.slug, part)} missing")
            continue
        text = path.read_text(encoding="utf-8")
        ids = set(html.unescape(i) for i in _SHOWN_ID.findall(text))
        wanted = part_anchors(document, blocks)
        missing = [a for a in wanted if a not in ids]
        if missing:
            wrong.append(f"{part_page(entry.slug, part)} lacks #{missing[0]}" + (f" and {len(missing) - 1} more" if len(missing) > 1 else ""))
        for anchor in wanted:
            shown[anchor] = shown.get(anchor, 0) + (anchor in ids)
        for anchor, inner in _PARAGRAPH.findall(text):
            index = anchor_index(anchor)
            if index is None or index not in blocks or html.unescape(_TAG.sub("", inner)) != visible_text(document.blocks[index].text):
                wrong.append(f"{part_page(entry.slug, part)}#{anchor} does not hold ¶{anchor[1:]}'s text")
    elsewhere = [a for a in entry_anchors(entry) if shown.get(a, 0) > 1]
    if elsewhere:
        wrong.append(f"#{elsewhere[0]} shown on more than one part")
    return wrong
_HREF = re.compile(r'<a\s[^>]*?href="([^"]*)"')
_EXTERNAL = re.compile(r"^(?:[a-zA-Z][a-zA-Z0-9+.-]*:|//)")


def _page_ids(path: Path | str, cache: dict[str, set[str] | None]) -> set[str] | None:
    """The ids in a built page (None when there is no such page), read once. Paths are compared as
    written, `..` taken away (a built site holds no symbolic links: resolving each of 230,000 links
    at 1,000 seeds took three quarters of the check's time)."""
    key = os.path.abspath(path)
    if key not in cache:
        cache[key] = html_ids(Path(key).read_text(encoding="utf-8")) if os.path.isfile(key) else None
    return cache[key]


def broken_links(site_dir: Path, ids: dict[str, set[str] | None], root: str = "/") -> tuple[int, list[str]]:
    """Every link in the article of every built page, resolved as a browser does from the page's
    file: (how many were checked, `page: href` for each whose file or anchor is missing). `ids`
    caches the pages' ids (`_page_ids`), shared with the other checks. `root`: the path the site
    is served at (site_url's, such as /wiki/ on GitHub Pages), which links from the root start with."""
    checked, broken = 0, []
    root = "/" + root.strip("/") + "/" if root.strip("/") else "/"
    site = os.path.abspath(site_dir)
    kinds: dict[str, str | None] = {}  # a link's target → the page it names ("" for another file, None: nothing)

    def kind(target: str) -> str | None:
        if target not in kinds:
            if os.path.isdir(target):
                target_page: str | None = os.path.join(target, "index.html")
            else:
                target_page = target if target.endswith(".html") else "" if os.path.isfile(target) else None
            kinds[target] = target_page
        return kinds[target]

    for page in sorted(site_dir.rglob("*.html")):
        text = page.read_text(encoding="utf-8")
        article = _ARTICLE.search(text)
        if article is None:
            continue
        name = page.relative_to(site_dir).as_posix()
        folder = os.path.join(site, os.path.dirname(name))
        for raw in dict.fromkeys(_HREF.findall(article.group())):
            ref = html.unescape(raw)
            if _EXTERNAL.match(ref):
                continue
            checked += 1
            path, _, anchor = ref.partition("#")
            anchor = unquote(anchor.split(":~:", 1)[0])
            if path.startswith("/"):  # the 404 page links from the site's root
                if not (path + "/").startswith(root):
                    broken.append(f"{name}: {raw} (outside the site's path {root})")
                    continue
                path, base = path[len(root):] or ".", site
            else:
                base = folder
            target = kind(os.path.normpath(os.path.join(base, unquote(path)))) if path else os.path.join(site, name)
            found = None if target is None else set() if target == "" else _page_ids(target, ids)
            if found is None or (anchor and anchor not in found):
                broken.append(f"{name}: {raw}")
    return checked, broken


def table_links(html_text: str) -> list[str]:
    parser = _TableLinks()
    parser.feed(html_text)
    return parser.hrefs


def site_path(address: str) -> str:
    """A page's address as the site's files name it: percent-escapes decoded (MkDocs' sitemap and
    Pagefind write `douze-orphelins-%C3%A9t%C3%A9-2019/`; the folder and links.json say
    `douze-orphelins-été-2019/`), without query or fragment. Every check compares addresses so."""
    return unquote(urlsplit(address).path)


def linked_pages(path: Path) -> set[str]:
    """The pages links.json lists a page target of (anchor ""). links.json holds one target a line
    (`render.links`): it is read a line at a time, and only a line that can be a page's target is
    decoded (at 100,000 dense seeds the file is 1.7 GB; decoded whole it took several times that).
    A file in another form is decoded whole."""
    pages: set[str] = set()
    try:
        with path.open(encoding="utf-8") as file:
            if file.readline().endswith('"targets": [\n'):
                for line in file:
                    line = line.rstrip("\n").removeprefix(",")
                    if line == "]}":
                        return pages
                    if '"anchor": ""' in line and (target := json.loads(line))["anchor"] == "":
                        pages.add(site_path(target["page"]))
        return {site_path(t["page"]) for t in json.loads(path.read_text(encoding="utf-8"))["targets"] if t["anchor"] == ""}
    except (ValueError, KeyError, TypeError) as err:  # JSON, UTF-8 or shape
        raise ConfigError(path, f"links.json cannot be read ({err.__class__.__name__}: {err})", "build the site again") from None


def searched_pages(site_dir: Path) -> set[str]:
    """The pages in the site's search index: Pagefind's fragments, or Material's search index."""
    bundles = [site_dir / "pagefind"]
    with contextlib.suppress(OSError, ValueError, KeyError, TypeError):  # a merged sharded site's other bundles (`shard.merge_shards`)
        bundles += [site_dir / "pagefind" / name for name in json.loads((site_dir / "pagefind" / BUNDLES).read_text(encoding="utf-8"))["merge"]]
    fragments = sorted(f for bundle in bundles for f in (bundle / "fragment").glob("*.pf_fragment"))
    if fragments:
        records = (json.loads(gzip.decompress(f.read_bytes()).removeprefix(b"pagefind_dcd")) for f in fragments)
        return {site_path(record["url"]).lstrip("/") for record in records}
    index = json.loads((site_dir / "search" / "search_index.json").read_text(encoding="utf-8"))
    return {site_path(doc["location"]) for doc in index["docs"]}


def sitemap_pages(sitemap: str) -> set[str]:
    """The pages the sitemap lists, relative to the site's address (its shortest, the home page)."""
    paths = [site_path(html.unescape(loc).strip()) for loc in re.findall(r"<loc>(.*?)</loc>", sitemap, re.S)]
    if not paths:
        return set()
    home = min(paths, key=len)
    return {path[len(home):] for path in paths if path.startswith(home)}


def generated_row(project: Project) -> Row:
    """The generated files in docs/ are the bytes the build wrote (the manifest's sha256): what
    MkDocs or Zensical publishes from a generated folder came from the seeds, not a hand edit."""
    docs = project.docs_dir
    written = read_manifest(docs)
    edited = edited_files(docs, record=False)
    foreign = sorted(generated_files(docs) - written)
    failures = [f"{project.docs}/{name} changed since the build wrote it" for name in edited]
    failures += [f"{project.docs}/{name} not written by seedwiki" for name in foreign]
    return Row("generated files in docs/ as the build wrote them (sha256)", len(written) - len(edited), len(written) + len(foreign), failures)


def mkdocs_build(project: Project, site_dir: Path) -> subprocess.CompletedProcess:
    """`mkdocs build --strict`: MkDocs validates every internal link and anchor (mkdocs.yml `validation`)."""
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}
    command = [sys.executable, "-m", "mkdocs", "build", "--strict", "-f", str(project.root / "mkdocs.yml"), "-d", str(site_dir.resolve())]
    return subprocess.run(command, cwd=project.root, env=env, capture_output=True, text=True)


def _original_published(site_dir: Path, entry: SeedEntry) -> bool:
    """The seed's file is beside its page byte for byte: a `.txt` seed as `source.txt`; any other
    format as its original (`original.pdf`…), with its extracted text as `source.txt`."""
    seed = entry.document.seed
    folder = site_dir / entry.url
    try:
        if (name := original_file(seed)) is None:
            return (folder / "source.txt").read_bytes() == seed.raw
        return (folder / name).read_bytes() == seed.raw and (folder / "source.txt").read_bytes() == seed.text.encode("utf-8")
    except OSError:
        return False


def _source_exact(site_dir: Path, e: SeedEntry, page: str) -> bool:
    """The page's copy of the source is its text exactly (the copy's only markup is the spans that
    mark runs of another script); a long source is linked instead, to its `source.txt`."""
    match = _SOURCE.search(page)
    if match is None:
        return 'href="source.txt"' in page and _original_published(site_dir, e)
    return html.unescape(_TAG.sub("", match.group(1))) == visible_text(e.document.seed.text)


def check(project: Project, site_dir: Path, *, verbose: bool = False, built: bool = False) -> tuple[list[Row], str]:
    """Build and verify; return the table's rows and MkDocs' output when the build failed (with
    `verbose`, always). `built`: verify the site as it is (a merged sharded site, whose shards
    were each built strictly), without building it."""
    if built:
        if not (site_dir / "links.json").is_file():
            raise ConfigError(site_dir, "no built site here (no links.json)", "build it (or merge its shards) first, or check without --built")
        build = subprocess.CompletedProcess([], 0, "", "")
        rows = []
    else:
        build = mkdocs_build(project, site_dir)
        rows = [Row("strict build: every link and anchor resolves (MkDocs validation)", int(build.returncode == 0), 1, [] if build.returncode == 0 else ["mkdocs build --strict failed"])]
        if build.returncode != 0:
            return rows, build.stderr
    from .link.corpus import entries, in_site_order, site_rank
    from .parse.language import no_model_copy
    from .parsecache import ParseCache

    ids: dict[str, set[str] | None] = {}  # every built page's ids, read once
    catalogue = set()  # seed pages linked from a cell of a catalogue table
    for path in (site_dir / "catalogue").rglob("index.html"):
        catalogue |= {re.sub(r"^(\.\./)+", "", unquote(h)).removesuffix("index.html") for h in table_links(path.read_text(encoding="utf-8"))}
    search = searched_pages(site_dir)
    sitemap = sitemap_pages((site_dir / "sitemap.xml").read_text(encoding="utf-8"))
    linked = linked_pages(site_dir / "links.json")
    seed_rows = ("seed pages built", "seeds in a catalogue table row", "seeds in the search index", "seeds in the sitemap",
                 "seeds in links.json", "source text shown exactly", "raw file published byte for byte", "paragraph anchors #p1…#pN")
    failing: list[list[str]] = [[] for _ in seed_rows]
    faults: dict[str, list[str]] = {}  # a long seed's parts (`parts_faithful`): only where there is one
    ranks: dict[str, tuple[bool, str, str, str]] = {}  # where each seed named in a row stands in the site's order
    # Seeds are read one at a time (from the parse cache the build filled, which is only read here;
    # a merged sharded site's machine may have none: then every seed is parsed again), and each
    # seed's document and page are let go once checked: holding every seed page's text at once
    # took 100 KB a seed (10 GB at 100,000 seeds), and every document 64 KB.
    count = 0
    with no_model_copy():  # the model read without making a copy of it in the user's cache (`language.no_model_copy`)
        for e in entries(load_documents(project, cache=ParseCache(project.cache_dir, project.root, writes=False))):
            count += 1
            path = site_dir / e.url / "index.html"
            page = path.read_text(encoding="utf-8") if path.is_file() else None
            found = None
            if page is not None:
                found = ids[os.path.abspath(path)] = html_ids(page)
            verdicts = (
                page is not None,
                e.url in catalogue,
                e.url in search,
                e.url in sitemap,
                e.url in linked,
                page is not None and _source_exact(site_dir, e, page),
                _original_published(site_dir, e),
                found is not None and all(a in found for a in entry_anchors(e)) and paragraph_anchor(len(e.document.blocks)) not in found,
            )
            for failures, ok in zip(failing, verdicts, strict=True):
                if not ok:
                    failures.append(e.slug)
                    ranks[e.slug] = site_rank(e)
            if len(seed_parts(e.document)) > 1:
                faults[e.slug] = parts_faithful(site_dir, e)
                ranks[e.slug] = site_rank(e)
    failing = [in_site_order(failures, ranks.__getitem__) for failures in failing]
    faults = {slug: faults[slug] for slug in in_site_order(faults, ranks.__getitem__)}
    rows += [Row(what, count - len(failures), count, failures) for what, failures in zip(seed_rows, failing, strict=True)]
    if faults:  # a long seed's text over several pages (the table stays as it was without one)
        rows.append(Row("long seeds' parts: each paragraph's text on its part's page", sum(not f for f in faults.values()), len(faults),
                        [f"{slug}: {f[0]}" for slug, f in faults.items() if f]))
    rows += [
        generated_row(project),
    ]
    checked, broken = broken_links(site_dir, ids, urlsplit(project.site_url).path)
    rows.append(Row(f"every link and anchor in the pages resolves ({checked:,} links)", checked - len(broken), checked, broken))
    locked = read_lock(project.lock_path)
    failures = []
    for entry in locked:
        path = site_dir / site_path(entry.page) / "index.html"
        found = _page_ids(path, ids)
        shown = path.read_text(encoding="utf-8") if found is not None else ""
        redirect = "Redirecting..." in shown or (entry.retired is not None and '<meta name="seedwiki-retired"' in shown)
        missing = [] if redirect else [a for a in entry.anchors if found is None or a not in found]
        if found is None or missing:
            failures.append(f"{entry.page} {' '.join(missing[:5]) or 'missing'}")
    rows.append(Row(f"locked pages resolve ({sum(len(e.anchors) for e in locked)} anchors)", len(locked) - len(failures), len(locked), failures))
    return rows, build.stderr if verbose else ""


def table(rows: list[Row]) -> str:
    width = max(len(r.what) for r in rows)
    lines = [f"{'check'.ljust(width)}  result", f"{'-' * width}  ------"]
    for row in rows:
        result = f"{row.passed}/{row.total}" + ("" if row.ok else "  FAILED: " + ", ".join(row.failures[:5]))
        lines.append(f"{row.what.ljust(width)}  {result}")
    return "\n".join(lines)
