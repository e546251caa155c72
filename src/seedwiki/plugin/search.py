"""Pagefind indexes the built site (the published site's search)."""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
import threading
from pathlib import Path

from mkdocs.exceptions import PluginError

from ..shard import VOCABULARY_PAGE, vocabulary_page, write_bundles
from ..write import exchange_folders
from .log import log

# What Pagefind leaves out of its index: permalink signs and copy buttons, the source-text copy of
# the text, breadcrumbs, tables that repeat what the text says, the printed address, the labels of
# folded sections, and the lists of entity, quotes and timeline pages (`.sw-listing`: excerpts of
# the seeds' paragraphs, already indexed once on the seed pages) with their page numbers. A
# passage is then found once, on its seed, and not again on every page that lists it; a derived
# page is found by its title and description. The listings were about half the words indexed:
# without them Pagefind's peak memory at 10,000 dense seeds fell from about 4.6 to 2.4 GiB.
# Table headers go too: Pagefind runs a header row's cells together ("FieldValue") in excerpts.
# Metadata (`data-pagefind-meta`, render/) stays. What is read at all, and at what weight, the pages
# say themselves: on a seed page only its title and text (`data-pagefind-body`, render/seed.py),
# the text at weight 3; every other page whole at weight 0.5 (templates/main.html). With
# the ranking options of assets/js/search.js (`RANKING`), a seed that holds the words ranks above
# the pages that name them.
PAGEFIND_EXCLUDE = (".headerlink, .sw-copy, .sw-source, .sw-crumbs, .sw-derived, .sw-print-address, "
                    "details.sw-furniture > summary, details.sw-about > summary, details.sw-note > summary, "
                    ".sw-listing, .sw-pages, thead")


# Pagefind is started through this line of Python, which runs `python -m pagefind` (an exec of its
# binary) after asking Linux to stop it when the process that started it ends: an indexer left
# behind by a killed build would go on writing into a site folder nobody owns any more. Where the
# parent is gone already (between the start and the request), it does not run at all.
_LAUNCH = ("import ctypes, os, runpy, signal, sys\n"
           "if sys.platform == 'linux':\n"
           "    ctypes.CDLL(None, use_errno=True).prctl(1, signal.SIGTERM)  # PR_SET_PDEATHSIG\n"
           "    if os.getppid() != int(os.environ['SEEDWIKI_INDEX_PARENT']): sys.exit(1)\n"
           "sys.argv[0] = 'pagefind'\n"
           "runpy.run_module('pagefind', run_name='__main__')\n")


# The continuation pages of a list (`page-2/` on): a derived page is found by its title and
# description, which its first page carries; its continuations only repeat them (2,054 of the 7,100
# pages Pagefind read at 5,000 dense seeds, each found again for the same words). They carry no
# `data-pagefind-body` (`unindexed`, templates/main.html), and Pagefind leaves out a page without
# one when other pages have it: the site is indexed as it is, with no copy or view of it.
CONTINUATION = re.compile(r"(?:entities/[^/]+|quotes|timeline|catalogue(?:/[^/]+)*)/page-\d+/index\.html")


def unindexed(dest_uri: str) -> bool:
    """Whether the page built at `dest_uri` is left out of the search index."""
    return CONTINUATION.fullmatch(dest_uri) is not None


def _command(site_dir: Path, language: str | None = None, output: Path | None = None) -> list[str]:
    """Pagefind's command. `language`: the seeds' (`build.search_language`), which the whole site is
    indexed as (`--force-language`): Pagefind would otherwise stem each page as its `<html lang>`,
    the interface's language (an English corpus under an Arabic interface was indexed with Arabic
    stemming, "detained" finding 1 page of 6), and keep one index per language, searching only the
    search page's. `output`: where the bundle goes (the site's `pagefind/` unless named)."""
    forced = ["--force-language", language] if language else []
    return [sys.executable, "-c", _LAUNCH, "--site", str(site_dir), "--output-path", str(output or site_dir / "pagefind"),
            "--root-selector", "article", "--exclude-selectors", PAGEFIND_EXCLUDE, *forced, "--quiet"]


def _environment() -> dict[str, str]:
    return {**os.environ, "SEEDWIKI_INDEX_PARENT": str(os.getpid())}


def index_site(site_dir: Path, language: str | None = None, output: Path | None = None, words: list[str] | None = None) -> None:
    """Index the site's pages into its bundle, `pagefind/` (or `output`: a seeds' shard's,
    `shard.Shard.bundle`). The main bundle names the other bundles the search page merges with it
    (`seedwiki-bundles.json`: none but in a merged sharded site, `shard.merge_shards`). `words`: a
    shard's, every word of the site, indexed as one more page (`shard.vocabulary`), written into
    the site for Pagefind to read and removed once it has."""
    extra = None
    if words is not None:
        extra = site_dir / VOCABULARY_PAGE
        extra.parent.mkdir(parents=True, exist_ok=True)
        extra.write_text(vocabulary_page(words, language), encoding="utf-8")
    try:
        result = subprocess.run(_command(site_dir, language, output), capture_output=True, text=True, env=_environment())
    finally:
        if extra is not None:
            shutil.rmtree(extra.parent, ignore_errors=True)
    if result.returncode != 0:
        raise PluginError(f"seedwiki: pagefind could not index the site:\n{result.stdout}{result.stderr}")
    if output is None:
        write_bundles(site_dir / "pagefind", [])


class Indexing:
    """`index_site` of a whole site's bundle, started as soon as its pages are all in place: the
    build's last files (links.json, the bibliography, which Pagefind does not read) are written
    beside it, on the other core. `finish` waits for it; `stop` ends it (the build failed)."""

    def __init__(self, site_dir: Path, language: str | None = None) -> None:
        self.site_dir = site_dir
        self.process = subprocess.Popen(_command(site_dir, language), stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
                                        env=_environment())

    def finish(self) -> None:
        try:
            stdout, stderr = self.process.communicate()
        except BaseException:  # interrupted while waiting: ended, as `subprocess.run` ends its process
            self.stop()
            raise
        if self.process.returncode != 0:
            raise PluginError(f"seedwiki: pagefind could not index the site:\n{stdout}{stderr}")
        write_bundles(self.site_dir / "pagefind", [])

    def stop(self) -> None:
        self.process.terminate()
        self.process.communicate()


def spare_bundle(site_dir: Path) -> Path:
    """Beside the served site: the folder the next index is written into (`BackgroundIndex`)."""
    return site_dir.with_name(site_dir.name + ".seedwiki-pagefind")


def publish_bundle(spare: Path, bundle: Path) -> None:
    """Put the bundle Pagefind wrote into `spare` in the place of the served `bundle` in one step
    (Linux: the two folders exchanged; elsewhere three renames, between which search finds no
    bundle for a moment), so that a page searching while the site is indexed again reads the old
    bundle or the new one, never a file half written (an entry file read while Pagefind rewrote it
    in place came back empty). The old bundle becomes the spare: Pagefind empties its folders
    when it writes there next, so no bundle is ever deleted file by file."""
    if not bundle.exists():
        spare.rename(bundle)
    elif not exchange_folders(spare, bundle):
        between = spare.with_name(spare.name + ".old")
        shutil.rmtree(between, ignore_errors=True)
        bundle.rename(between)
        spare.rename(bundle)
        between.rename(spare)


class BackgroundIndex:
    """Pagefind under `mkdocs serve`: the site is indexed in a thread after each build, so a saved
    seed's page is served without waiting for the index. One run at a time; builds that finish
    while it runs are indexed once more after it (the last run sees the latest site). `cancel`
    (the server stops) ends the run under way at once and drops the pending one: the index of a
    site that is no longer served is not worth waiting for, and an indexer stopped so is no error."""

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._pending: Path | None = None
        self._language: str | None = None
        self._thread: threading.Thread | None = None
        self._process: subprocess.Popen | None = None
        self._cancelled = False
        self._site: Path | None = None  # the served site (its spare bundle goes when serving ends)

    def start(self, site_dir: Path, language: str | None = None) -> None:
        with self._lock:
            if self._cancelled:
                return
            self._pending, self._language, self._site = site_dir, language, site_dir
            if self._thread is None:
                self._thread = threading.Thread(target=self._run, name="seedwiki-pagefind", daemon=True)
                self._thread.start()

    def _run(self) -> None:
        while True:
            with self._lock:
                site_dir, self._pending = self._pending, None
                if site_dir is None or self._cancelled:
                    self._thread = None
                    return
                spare = spare_bundle(site_dir)
                for old in spare.glob("*.*"):  # the files at its top level Pagefind does not clear (its folders it does)
                    old.unlink()
                # its own session: Ctrl-C in the terminal reaches the server, which ends the indexer itself
                process = self._process = subprocess.Popen(_command(site_dir, self._language, spare), stdout=subprocess.PIPE,
                                                           stderr=subprocess.STDOUT, text=True, env=_environment(), start_new_session=True)
            output, _ = process.communicate()
            with self._lock:
                self._process = None
                failed = process.returncode != 0 and not self._cancelled
                if process.returncode == 0 and not self._cancelled:
                    write_bundles(spare, [])
                    publish_bundle(spare, site_dir / "pagefind")
            if failed:
                log.error("pagefind could not index the site (exit %s): %s", process.returncode, output.strip() or "no message")

    def cancel(self, timeout: float = 1.0) -> None:
        """Stop indexing: end the run under way (SIGTERM, then SIGKILL after `timeout`), drop the pending one."""
        with self._lock:
            self._cancelled = True
            self._pending = None
            process, thread = self._process, self._thread
        if process is not None:
            process.terminate()
            try:
                process.wait(timeout)
            except subprocess.TimeoutExpired:
                process.kill()
        if thread is not None:
            thread.join(timeout)
        if self._site is not None and (thread is None or not thread.is_alive()):
            shutil.rmtree(spare_bundle(self._site), ignore_errors=True)

    def wait(self) -> None:
        """Until the indexing under way (and any pending) is done."""
        thread = self._thread
        if thread is not None:
            thread.join()
