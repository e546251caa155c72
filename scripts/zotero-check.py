#!/usr/bin/env python3
"""What Zotero saves from a seedwiki site, asked of Zotero's own translation server, offline.

    python scripts/zotero-check.py --server PATH/translation-server [--site site/]

PATH/translation-server is a checkout of zotero/translation-server with its modules (translate,
utilities, zotero-schema, translators) and `npm install` run (its one git dependency,
wicked-good-xpath, installs from npm as version 1.3.0). The script serves the built site and the
server on 127.0.0.1 only, then asks the server

- to save each seed page, as the Zotero Connector does (POST /web): Zotero's Embedded Metadata
  translator reads the page's meta tags;
- to import what `seedwiki cite` gives as RIS, BibTeX and CSL-JSON (POST /import);

and prints, per seed and format, the Zotero item: its type, creators, publication, date, URL and
abstract. It exits 1 when an item is not what the seed is (its type from the kind, its author
never a quoted speaker, its outlet kept).
"""

from __future__ import annotations

import argparse
import json
import os
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "tests"))

# per kind: the Zotero item type each way in (web page, RIS, BibTeX, CSL-JSON)
EXPECTED = {
    "news article": {"web": "newspaperArticle", "ris": "newspaperArticle", "bibtex": "journalArticle", "csl-json": "newspaperArticle"},
    "interview": {"web": "interview", "ris": "webpage", "bibtex": "document", "csl-json": "interview"},
}


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def post(url: str, body: str, content_type: str) -> tuple[int, object]:
    request = urllib.request.Request(url, data=body.encode(), headers={"Content-Type": content_type}, method="POST")
    try:
        with urllib.request.urlopen(request, timeout=120) as response:
            return response.status, json.loads(response.read() or b"null")
    except urllib.error.HTTPError as err:
        return err.code, err.read().decode(errors="replace")


def start_server(server: Path, port: int) -> subprocess.Popen:
    env = {**os.environ, "NODE_CONFIG": json.dumps({"host": "127.0.0.1", "port": port}), "DEBUG_LEVEL": "0"}
    process = subprocess.Popen(["node", "src/server.js"], cwd=server, env=env, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
    deadline = time.monotonic() + 120
    while time.monotonic() < deadline:
        try:
            with socket.create_connection(("127.0.0.1", port), timeout=1):
                return process
        except OSError:
            if process.poll() is not None:
                raise SystemExit(f"{server}: the translation server stopped: {process.stdout.read() if process.stdout else ''}") from None
            time.sleep(0.5)
    process.kill()
    raise SystemExit(f"{server}: the translation server did not listen on 127.0.0.1:{port} within 120 s")


def summary(item: dict) -> dict:
    keys = ("itemType", "title", "creators", "publicationTitle", "websiteTitle", "publisher", "institution", "reportType",
            "interviewMedium", "date", "url", "language", "abstractNote", "extra")
    return {k: item[k] for k in keys if item.get(k)}


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--server", required=True, type=Path, help="a zotero/translation-server checkout, modules and npm install done")
    parser.add_argument("--site", type=Path, default=None, help="a built site (default: build this project's into a temporary folder)")
    args = parser.parse_args()
    from conftest import serve_directory  # the test suite's local server: 127.0.0.1, a free port

    site = args.site
    if site is None:
        import tempfile

        site = Path(tempfile.mkdtemp()) / "site"
        env = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}
        subprocess.run([sys.executable, "-m", "mkdocs", "build", "--strict", "--site-dir", str(site)], cwd=ROOT, env=env, check=True, capture_output=True)
    links = json.loads((site / "links.json").read_text(encoding="utf-8"))
    pages = [t for t in links["targets"] if not t["anchor"]]
    port = free_port()
    server = start_server(args.server, port)
    problems = []
    try:
        with serve_directory(site) as base:
            for target in pages:
                item = target["item"]
                kind = {"article-newspaper": "news article", "interview": "interview"}.get(item["type"])
                print(f"== {target['seed']} ({item['type']})")
                status, saved = post(f"http://127.0.0.1:{port}/web", base + target["page"], "text/plain")
                got = {"web": saved[0] if status == 200 and isinstance(saved, list) else saved}
                for fmt in ("ris", "bibtex", "csl-json"):
                    cited = subprocess.run([sys.executable, "-m", "seedwiki.cli", "--root", str(ROOT), "cite", target["seed"], "--format", fmt,
                                            "--base-url", base], capture_output=True, text=True, check=True).stdout
                    status, imported = post(f"http://127.0.0.1:{port}/import", cited, "text/plain")
                    got[fmt] = imported[0] if status == 200 and isinstance(imported, list) else imported
                for way, zotero in got.items():
                    shown = summary(zotero) if isinstance(zotero, dict) else zotero
                    print(f"  {way:9} {json.dumps(shown, ensure_ascii=False)}")
                    if not isinstance(zotero, dict):
                        problems.append(f"{target['seed']} {way}: no item ({zotero})")
                        continue
                    wanted = EXPECTED.get(kind or "", {}).get(way)
                    if wanted and zotero["itemType"] != wanted:
                        problems.append(f"{target['seed']} {way}: saved as {zotero['itemType']}, not {wanted}")
                    names = " ".join(c.get("lastName", c.get("name", "")) for c in zotero.get("creators", []))
                    if "Brennan" in names:
                        problems.append(f"{target['seed']} {way}: a quoted speaker became a creator")
                    outlet = item.get("container-title") or item.get("publisher")
                    if outlet and way in ("web", "ris", "csl-json") and outlet not in json.dumps(zotero, ensure_ascii=False):
                        problems.append(f"{target['seed']} {way}: the outlet {outlet!r} is lost")
    finally:
        server.terminate()
        server.wait(timeout=30)
    for problem in problems:
        print(f"zotero-check: {problem}", file=sys.stderr)
    print(f"zotero-check: {len(pages)} seeds, {len(pages) * 4} items saved by Zotero; {len(problems)} problems", file=sys.stderr)
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
