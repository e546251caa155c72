"""Benchmark seedwiki at scale on this machine; prints a table and writes JSON.

    .venv/bin/python scripts/bench.py                      # N = 100, 1,000, 5,000
    .venv/bin/python scripts/bench.py --sizes 100,1000,5000,10000
    .venv/bin/python scripts/bench.py --sizes 50 --quick   # a smoke run (what the tests do)
    .venv/bin/python scripts/bench.py --review             # check-review on adversarial reviews
    .venv/bin/python scripts/bench.py --parse              # parse on 1 MB of adversarial text
    .venv/bin/python scripts/bench.py --scaling            # inputs that were once quadratic, at n and 2n

For each N it makes a synthetic project (interviews with numbered questions, transcripts with
speaker labels, articles with quotations and datelines, Arabic articles, a glossary of a few
hundred entities) in a temporary folder and measures: the generate step cold, a no-op regenerate
(files written must be 0), regenerating after one seed changed, the full `mkdocs build --strict`,
the wait from saving a seed to the changed page under `mkdocs serve`, peak memory (max RSS of
each step's process), site bytes, median and largest seed page HTML, bytes chromium fetches for a
first search query and its first five results (Pagefind, the site's search), and a build of the
same docs/ with Zensical. Nothing here is a test assertion: these are measurements.
"""

from __future__ import annotations

import argparse
import contextlib
import importlib.metadata
import json
import os
import platform
import random
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
from tests.conftest import CHROMIUM_ARGS, free_port, serve_directory  # noqa: E402  (the tests' local server and browser flags)

from seedwiki.write import GENERATED_ROOTS  # noqa: E402

BIN = Path(sys.executable).parent
PROJECT_FILES = ("mkdocs.yml", "mkdocs.offline.yml", "zensical.yml")

# --- a synthetic corpus ------------------------------------------------------------------------------

FIRST = "Amal Bashir Dana Farid Hala Idris Jamal Karim Layla Majid Nadia Omar Rami Salma Tariq Yusuf Zaid Hana Samir Rana".split()
LAST = "Haddad Khalil Nasser Saleh Mansour Aziz Darwish Hamdan Jaber Qasim Rashid Sabbagh Tamimi Yassin Zayed Hariri Khoury Najjar".split()
PLACES = "Raqqa Tabqa Manbij Qamishli Kobani Hajin Mayadin Abu-Kamal Shaddadi Tal-Tamr Amuda Derik Sinjar Mosul Tikrit Ramadi Fallujah Kirkuk Erbil Baiji".split()
ORGS = ["Northern Relief Council", "Euphrates Water Authority", "Civil Defence Directorate", "Regional Health Office",
        "Border Monitoring Mission", "Independent Press Union", "Tribal Elders Assembly", "Reconstruction Fund", "Detainee Review Board"]
WORDS = ("the of and to in a that for on with as by was were said officials forces area region security local people "
         "government council operation reported statement week month year village town province road market water power "
         "aid workers residents attack detained released talks agreement support training control checkpoint camp families "
         "returned displaced schools hospital repairs bridge supplies convoy patrol border militants cells network").split()
ARABIC = "قال المسؤولون إن الوضع في المنطقة مستقر وأضاف أن قوات الأمن تواصل عملياتها ضد الخلايا في ريف المحافظة مع عودة العائلات النازحة".split()
MONTHS = "January February March April May June July August September October November December".split()


def glossary(rng: random.Random, size: int) -> tuple[str, list[str]]:
    """A glossary of `size` entities (people, places, organisations) and the names the texts use."""
    lines: list[str] = ["entities:"]
    names: list[str] = []
    used: set[str] = set()
    while len(names) < size:
        kind = rng.choice(["person", "person", "place", "organisation"])
        if kind == "person":
            name = f"{rng.choice(FIRST)} {rng.choice(LAST)}"
            aliases = [f"Col. {name}", name.split()[1]] if rng.random() < 0.3 else []
        elif kind == "place":
            name = f"{rng.choice(PLACES)}" + ("" if rng.random() < 0.5 else f" {rng.choice(['district', 'camp', 'crossing'])}")
            aliases = []
        else:
            name = f"{rng.choice(ORGS)} {rng.randint(1, 40)}"
            aliases = ["".join(w[0] for w in name.split()[:-1]) + name.split()[-1]]
        keys = {name.lower(), *(a.lower() for a in aliases)}
        if keys & used:
            continue
        used |= keys
        names.append(name)
        ident = re.sub(r"[^a-z0-9]+", "-", name.lower()).strip("-")
        lines.append(f"  - id: {ident}\n    name: {json.dumps(name)}\n    kind: {kind}\n    aliases: {json.dumps(aliases)}\n    description: A synthetic {kind} for the benchmark.")
    return "\n".join(lines) + "\n", names


def sentence(rng: random.Random, names: list[str], words: int = 18) -> str:
    out = [rng.choice(WORDS) for _ in range(words)]
    if rng.random() < 0.4:  # news prose names someone or somewhere in about two sentences of five
        out.insert(rng.randrange(len(out)), rng.choice(names))
    text = " ".join(out)
    return text[0].upper() + text[1:] + "."


def paragraph(rng: random.Random, names: list[str], sentences: int = 4) -> str:
    return " ".join(sentence(rng, names) for _ in range(sentences))


def seed_text(rng: random.Random, index: int, names: list[str], dense: bool = False) -> str:
    """About 700 words in one of four shapes. `dense`: every seed about one event, dated January
    2022, naming most of the glossary (the shape a corpus about one event has)."""
    year, month, day = 2015 + index % 10, 1 + index % 12, 1 + index % 28
    if dense:
        return _dense(_spread(rng, index, names, 2022, 1, day), rng, names, day)
    return _spread(rng, index, names, year, month, day)


def _dense(text: str, rng: random.Random, names: list[str], day: int) -> str:
    """A seed of the dense corpus: its text dated January 2022, with a paragraph naming most of the glossary."""
    lines = text.splitlines()
    named = rng.sample(names, k=max(1, len(names) * 4 // 5))
    roundup = "Present at the talks were " + ", ".join(named) + "."
    if lines[0].startswith("تقرير"):
        return "\n".join([lines[0], f"2022-01-{day:02}T09:30:00+00:00", *lines[1:], roundup]) + "\n"
    return "\n".join([*lines, roundup]) + "\n"


def _spread(rng: random.Random, index: int, names: list[str], year: int, month: int, day: int) -> str:
    shape = index % 4
    if shape == 0:  # a news article with a timestamp, dateline and quotations
        speaker = rng.choice(names)
        body = [f"{rng.choice(names)} {rng.choice(['says', 'warns', 'reports'])} on {rng.choice(WORDS)} {rng.choice(WORDS)} in {rng.choice(PLACES)}",
                f"{year:04}-{month:02}-{day:02}T09:30:00+00:00",
                f"{rng.choice(PLACES).upper()}, Syria — {paragraph(rng, names, 3)}"]
        for _ in range(8):
            body.append(f"\"{sentence(rng, names)} {sentence(rng, names)}\" said {speaker}.")
            body.append(paragraph(rng, names, 3))
        body.append(f"The talks began on {MONTHS[month - 1]} {day}, {year}, and in {year - 3} an earlier round failed.")
        return "\n".join(body) + "\n"
    if shape == 1:  # an interview with numbered questions
        body = [f"Interview with {rng.choice(names)}", paragraph(rng, names, 2)]
        for q in range(1, 10):
            body.append(f"{q}- {sentence(rng, names, 14)[:-1]}?")
            body.append(paragraph(rng, names, 3))
        return "\n".join(body) + "\n"
    if shape == 2:  # a briefing transcript with speaker labels
        body = [f"Press briefing on {rng.choice(PLACES)}", f"{MONTHS[month - 1]} {day}, {year}"]
        for turn in range(14):
            label = "MODERATOR:" if turn % 2 == 0 else f"MR. {rng.choice(LAST).upper()}:"
            body.append(f"{label} {paragraph(rng, names, 2)}")
        return "\n".join(body) + "\n"
    body = ["تقرير من " + rng.choice(["الرقة", "منبج", "القامشلي", "دير الزور"])]  # an Arabic article
    for _ in range(18):
        body.append(" ".join(rng.choice(ARABIC) for _ in range(38)) + ".")
    return "\n".join(body) + "\n"


DENSE_ENTITIES = 40  # the dense corpus's glossary: a few dozen entities, most of them named in every seed


def make_project(root: Path, n: int, entities: int = 300, dense: bool = False) -> None:
    rng = random.Random(n)
    entities = DENSE_ENTITIES if dense else entities
    for name in PROJECT_FILES:
        (root / name).parent.mkdir(parents=True, exist_ok=True)
        shutil.copy2(ROOT / name, root / name)
    shutil.copytree(ROOT / "docs", root / "docs", ignore=shutil.ignore_patterns(*GENERATED_ROOTS, ".seedwiki-*"))
    (root / "docs" / "sample-review.md").write_text("# Sample review\n\nIt cites seeds this site does not have.\n")
    text, names = glossary(rng, entities)
    (root / "glossary.yml").write_text(text)
    (root / "seeds").mkdir()
    for i in range(n):
        (root / "seeds" / f"{i:05}_synthetic.txt").write_text(seed_text(rng, i, names, dense), encoding="utf-8")


def make_plain_project(root: Path, seeds: Path) -> None:
    """Plain Material on the same texts: each seed a Markdown page of its lines as paragraphs (a
    one-entry nav, Material's search), as someone without seedwiki would publish them."""
    (root / "docs" / "texts").mkdir(parents=True)
    (root / "docs" / "index.md").write_text("# Texts\n\nThe texts.\n")
    for path in sorted(seeds.glob("*.txt")):
        lines = [line for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]
        (root / "docs" / "texts" / f"{path.stem}.md").write_text(f"# {lines[0]}\n\n" + "\n\n".join(lines[1:]) + "\n", encoding="utf-8")
    (root / "mkdocs.yml").write_text("site_name: plain\ntheme:\n  name: material\n  font: false\nplugins:\n  - search\n"
                                     "nav:\n  - Home: index.md\nvalidation:\n  omitted_files: ignore\n")


# --- measuring ---------------------------------------------------------------------------------------

class OutOfTime(Exception):
    """A step still ran at the deadline (`run`'s `deadline`): it was stopped, with what it started."""


def run(command: list[str], cwd: Path, src: Path | None = None, env: dict[str, str] | None = None,
        deadline: float | None = None) -> dict:
    """Run `command`; its wall time, CPU time (the whole process tree's: the build, its parse pool's
    workers, the pool's forkserver and the search indexer), peak memory (the whole tree's resident
    memory, sampled every 0.1 s), the indexer's share of both, the load average and the output.

    The CPU time is exact on Linux: this process becomes the subreaper of what the command starts,
    so a process orphaned by its parent (the forkserver, which reaps the pool's workers and
    outlives the build by a moment) is reaped here and its time, with its own children's, counted
    in RUSAGE_CHILDREN. Elsewhere the sampled figure stands in (the last 0.1 s of each process missed).
    `src`: the seedwiki package's folder to run (default: this tree's src/); `env`: variables to
    set besides; `deadline` (time.time()): the step and what it started are stopped then (`OutOfTime`)."""
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1", "PYTHONPATH": str(src or ROOT / "src"), "SEEDWIKI_PROGRESS": "1", **(env or {})}
    _subreaper()
    load = os.getloadavg()[0]
    before = _children_cpu()
    start = time.perf_counter()
    with tempfile.TemporaryFile("w+", encoding="utf-8") as out, tempfile.TemporaryFile("w+", encoding="utf-8") as err:
        process = subprocess.Popen(command, cwd=cwd, env=env, stdout=out, stderr=err, text=True, start_new_session=deadline is not None)
        peak = indexer_peak = 0
        seen: dict[int, tuple[float, bool]] = {}  # pid → CPU seconds last seen, whether it is the search indexer
        while process.poll() is None:
            tree = _tree(process.pid, with_command=True)
            peak = max(peak, sum(int(f[21]) for f, _ in tree) * PAGE)
            indexer_peak = max(indexer_peak, sum(int(f[21]) for f, c in tree if "pagefind" in c) * PAGE)
            for fields, line in tree:  # the most seen: a zombie (ended, not reaped yet) shows no CPU time
                pid, used = int(fields[-1]), (int(fields[11]) + int(fields[12])) / TICKS
                seen[pid] = (max(used, seen.get(pid, (0.0, False))[0]), "pagefind" in line or seen.get(pid, (0.0, False))[1])
            if deadline is not None and time.time() > deadline:
                os.killpg(process.pid, 9)
                process.wait()
                _reap_orphans()
                raise OutOfTime(f"{' '.join(command[-4:])}: stopped at the deadline after {time.perf_counter() - start:.0f} s, "
                                f"peak {peak / 2**20:.0f} MiB so far")
            time.sleep(0.1)
        seconds = time.perf_counter() - start
        _reap_orphans()
        out.seek(0)
        err.seek(0)
        stdout, stderr = out.read(), err.read()
    if process.returncode != 0:
        raise SystemExit(f"bench: {' '.join(command)} failed:\n{stderr[-3000:]}")
    cpu = _children_cpu() - before if sys.platform == "linux" else sum(c for c, _ in seen.values())
    return {"seconds": round(seconds, 3), "cpu_seconds": round(cpu, 2), "peak_mib": round(peak / 2**20, 1),
            "indexer_cpu_seconds": round(sum(c for c, indexer in seen.values() if indexer), 2),
            "indexer_peak_mib": round(indexer_peak / 2**20, 1), "load": round(load, 2), "stdout": stdout, "stderr": stderr}


PAGE, TICKS = os.sysconf("SC_PAGE_SIZE"), os.sysconf("SC_CLK_TCK")


def _subreaper() -> None:
    """Become the reaper of orphaned descendants (Linux), so that their CPU time is counted."""
    if sys.platform == "linux":
        import ctypes
        ctypes.CDLL(None, use_errno=True).prctl(36, 1, 0, 0, 0)  # PR_SET_CHILD_SUBREAPER


def _children_cpu() -> float:
    import resource
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime


def _reap_orphans(limit: float = 60) -> None:
    """Wait for the orphans this process inherited (the pool's forkserver ends once the build has)."""
    if sys.platform != "linux":
        return
    start = time.perf_counter()
    while time.perf_counter() - start < limit:
        try:
            pid, _ = os.waitpid(-1, os.WNOHANG)
        except ChildProcessError:
            return
        if pid == 0:
            time.sleep(0.02)


def _search(pattern: str, text: str) -> str:
    found = re.search(pattern, text)
    if found is None:
        raise SystemExit(f"bench: {pattern!r} not in the output:\n{text[-2000:]}")
    return found.group(1)


def _figures(step: dict) -> dict:
    return {key: step[key] for key in ("seconds", "cpu_seconds", "peak_mib", "load")}


STAGES = {"read": r"read [\d,]+ seeds", "link": r"linked them[^\n]*", "render and write": r"rendered and wrote the pages[^\n]*"}
LAP = r" \(([\d.]+) s; CPU ([\d.]+) s\)"


def stages(step: dict) -> dict:
    """Wall and CPU seconds of each stage of a generation, from its progress lines
    (SEEDWIKI_PROGRESS=1): the CPU of the process and of its parse pool's workers."""
    out = step["stdout"] + step["stderr"]
    return {name: {"seconds": float(found.group(1)), "cpu_seconds": float(found.group(2))}
            for name, pattern in STAGES.items() if (found := re.search(pattern + LAP, out))}


def written(step: dict) -> int:
    return int(_search(r"(\d+) files written", step["stdout"]))


def fetch(url: str) -> tuple[int, str]:
    try:
        with urllib.request.urlopen(url, timeout=10) as response:
            return response.status, response.read().decode("utf-8", "replace")
    except Exception:
        return 0, ""


def _tree(pid: int, with_command: bool = False) -> list:
    """The /proc/PID/stat fields (after the command name, the pid appended) of `pid` and every
    process below it; with `with_command`, each with its command line."""
    stats = {}
    for entry in os.listdir("/proc"):
        if entry.isdigit():
            with contextlib.suppress(OSError):
                stats[int(entry)] = [*Path(f"/proc/{entry}/stat").read_text(encoding="utf-8").rsplit(")", 1)[1].split(), entry]
    children: dict[int, list[int]] = {}
    for child, fields in stats.items():
        children.setdefault(int(fields[1]), []).append(child)
    found: list = []
    todo = [pid]
    while todo:
        current = todo.pop()
        if current in stats:
            if with_command:
                command = ""
                with contextlib.suppress(OSError):
                    command = Path(f"/proc/{current}/cmdline").read_bytes().replace(b"\0", b" ").decode(errors="replace")
                found.append((stats[current], command))
            else:
                found.append(stats[current])
        todo += children.get(current, [])
    return found


def _tree_cpu(pid: int) -> float:
    """CPU seconds used so far by `pid` and the processes below it, those that ended included (a
    process's children's time, once it waited for them: the search indexer the server starts)."""
    return sum(int(f[11]) + int(f[12]) + int(f[13]) + int(f[14]) for f in _tree(pid)) / os.sysconf("SC_CLK_TCK")


def _tree_rss(pid: int) -> int:
    """Bytes of memory `pid` and the processes below it hold now (resident)."""
    return sum(int(f[21]) for f in _tree(pid)) * os.sysconf("SC_PAGE_SIZE")


def _wait_idle(pid: int, limit: float = 900) -> None:
    """Until the server and its children (the search indexer) use less than half a core for two
    seconds: a build or an indexer takes a whole one, the file watcher's polling of a large docs/
    alone a fraction."""
    start, last = time.perf_counter(), _tree_cpu(pid)
    while time.perf_counter() - start < limit:
        time.sleep(2)
        now = _tree_cpu(pid)
        if now - last < 1.0:
            return
        last = now


def _serve(root: Path, src: Path, dirty: bool = True) -> tuple[subprocess.Popen, str]:
    """`mkdocs serve` of `root` with the seedwiki of `src`, once its first page answers: the server and its address."""
    port = free_port()
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1", "PYTHONPATH": str(src)}
    command = [sys.executable, "-m", "mkdocs", "serve", "--dev-addr", f"127.0.0.1:{port}", *(["--dirty"] if dirty else [])]
    server = subprocess.Popen(command, cwd=root, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    base = f"http://127.0.0.1:{port}/"
    start = time.perf_counter()
    while fetch(base)[0] != 200:
        if time.perf_counter() - start > 900:
            server.terminate()
            raise SystemExit("bench: mkdocs serve did not start")
        time.sleep(0.2)
    return server, base


def _stop(server: subprocess.Popen, patience: float = 30) -> None:
    """End the server (SIGTERM, as Ctrl-C would); if it has not ended after `patience` seconds,
    say so (it is a figure too) and kill it, so that a slow stop does not lose the run's results."""
    server.terminate()
    try:
        server.wait(timeout=patience)
    except subprocess.TimeoutExpired:
        print(f"bench: mkdocs serve still ran {patience:g} s after SIGTERM; killed", file=sys.stderr, flush=True)
        server.kill()
        server.wait()


def _until_shown(url: str, marker: str) -> float:
    """Seconds until the page at `url` holds `marker`."""
    saved = time.perf_counter()
    while marker not in fetch(url)[1]:
        if time.perf_counter() - saved > 600:
            raise SystemExit(f"bench: {url} never showed the change")
        time.sleep(0.05)
    return time.perf_counter() - saved


def serve_reload(root: Path, plain: bool = False) -> dict:
    """Start the server (`mkdocs serve --dirty`, what `make serve` runs; for plain Material its own
    `mkdocs serve`), wait until it is idle, change one text and time until its page shows the change;
    then add a text and time until its page is served."""
    start = time.perf_counter()
    server, base = _serve(root, ROOT / "src", dirty=not plain)
    folder, suffix, prefix = (root / "docs" / "texts", ".md", "texts") if plain else (root / "seeds", ".txt", "seeds")
    try:
        startup = time.perf_counter() - start
        _wait_idle(server.pid)  # the first build's search index done: a save at rest
        text = sorted(folder.glob("*" + suffix))[1]
        marker = f"Reloaded{int(time.time())}"
        text.write_text(text.read_text(encoding="utf-8") + f"\n{marker} is a new closing line.\n", encoding="utf-8")
        changed = round(_until_shown(f"{base}{prefix}/{text.stem}/", marker), 2)
        _wait_idle(server.pid)
        marker = f"Added{int(time.time())}"
        content = f"# {marker} arrives\n\nA new page's only paragraph.\n" if plain else \
            f"{marker} arrives\n2022-01-30T09:30:00+00:00\nA new seed's only paragraph.\n"
        (folder / ("zz_new_seed" + suffix)).write_text(content, encoding="utf-8")
        added = round(_until_shown(f"{base}{prefix}/zz_new_seed/", marker), 2)
        return {"startup_seconds": round(startup, 2), "save_to_page_seconds": changed, "new_seed_seconds": added}
    finally:
        _stop(server)


def site_figures(site: Path) -> dict:
    pages = sorted((site / "seeds").glob("*/index.html"))
    sizes = [p.stat().st_size for p in pages]
    total = sum(p.stat().st_size for p in site.rglob("*") if p.is_file())
    return {
        "site_mib": round(total / 2**20, 1),
        "seed_page_kib_median": round(statistics.median(sizes) / 1024, 1),
        "seed_page_kib_max": round(max(sizes) / 1024, 1),
        "home_page_kib": round((site / "index.html").stat().st_size / 1024, 1),
        "catalogue_page_kib_max": round(max(p.stat().st_size for p in (site / "catalogue").rglob("index.html")) / 1024, 1),
        "search_bundle_mib": round(sum(p.stat().st_size for p in (site / "pagefind").rglob("*") if p.is_file()) / 2**20, 1),
    }


def browser_query_bytes(site: Path) -> float | None:
    """Bytes chromium fetches from /pagefind/ for one query and its first five results."""
    chromium = os.environ.get("SEEDWIKI_CHROMIUM") or shutil.which("chromium")
    try:
        from playwright.sync_api import sync_playwright
    except ImportError:
        return None
    if not chromium:
        return None
    (site / "_pagefind_probe.html").write_text(
        "<!doctype html><script type=module>const pf = await import('./pagefind/pagefind.js');"
        "const r = await pf.search('security'); await Promise.all(r.results.slice(0, 5).map(x => x.data()));"
        "document.title = 'done ' + r.results.length;</script>")
    fetched = 0
    with serve_directory(site) as url, sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=chromium, args=CHROMIUM_ARGS)
        page = browser.new_page()
        responses: list = []
        page.on("response", lambda r: responses.append(r) if "/pagefind/" in r.url else None)
        page.goto(url + "_pagefind_probe.html")
        page.wait_for_function("document.title.startsWith('done')", timeout=120_000)
        page.wait_for_load_state("networkidle")
        fetched = sum(len(r.body()) for r in responses)  # read here, not in the listener: a body asked for as the browser closes fails
        browser.close()
    return round(fetched / 1024, 1)


def zensical(root: Path) -> dict | None:
    exe = BIN / "zensical"
    if not exe.exists():
        return None
    try:
        step = run([str(exe), "build", "--clean", "-f", "zensical.yml"], root)
    except SystemExit as err:  # report Zensical's own complaint (its last lines), not a traceback
        lines = [line for line in str(err).splitlines() if line.strip()]
        return {"error": " | ".join(lines[-3:])[:500]}
    out = root / "site-zensical"
    return {"seconds": step["seconds"], "peak_mib": step["peak_mib"], "seed_pages": len(list((out / "seeds").glob("*/index.html")))}


def bench(n: int, quick: bool, dense: bool = False, with_zensical: bool = True) -> dict:
    with tempfile.TemporaryDirectory(prefix=f"seedwiki-bench-{n}-") as tmp:
        root = Path(tmp) / "wiki"
        root.mkdir()
        made = time.perf_counter()
        make_project(root, n, dense=dense)
        result: dict = {"seeds": n, "corpus": "dense" if dense else "spread", "corpus_mib": round(sum(p.stat().st_size for p in (root / "seeds").iterdir()) / 2**20, 1),
                  "make_corpus_seconds": round(time.perf_counter() - made, 2)}
        generate = [sys.executable, "-m", "seedwiki.cli", "--root", str(root), "build"]
        cold = run(generate, root)
        result["generate_cold"] = {**_figures(cold), "files_written": written(cold), "seeds_per_second": round(n / cold["seconds"]),
                                   "cpu_ms_per_seed": round(1000 * cold["cpu_seconds"] / n, 2), "stages": stages(cold)}
        noop = run(generate, root)
        result["generate_noop"] = {**_figures(noop), "files_written": written(noop)}
        seed = sorted((root / "seeds").glob("*.txt"))[0]
        seed.write_text(seed.read_text(encoding="utf-8").replace(" the ", " a ", 1), encoding="utf-8")
        one = run(generate, root)
        result["generate_one_changed"] = {**_figures(one), "files_written": written(one)}
        mkdocs = [sys.executable, "-m", "mkdocs", "build", "--strict", "-d", "site"]
        full = run(mkdocs, root)
        result["mkdocs_build"] = {**_figures(full), "ms_per_seed": round(1000 * full["seconds"] / n, 2),
                                  "pagefind_cpu_seconds": full["indexer_cpu_seconds"], "pagefind_peak_mib": full["indexer_peak_mib"],
                                  "mkdocs_cpu_seconds": round(full["cpu_seconds"] - full["indexer_cpu_seconds"], 2)}
        result["site"] = site_figures(root / "site")
        # `make build` with nothing changed: the generator, then MkDocs (and Pagefind) on an intact site
        again = [run(generate, root), run(mkdocs, root)]
        result["make_build_noop"] = {"seconds": round(sum(r["seconds"] for r in again), 2),
                                     "cpu_seconds": round(sum(r["cpu_seconds"] for r in again), 2),
                                     "peak_mib": max(r["peak_mib"] for r in again), "load": again[0]["load"]}
        plain = Path(tmp) / "plain"
        make_plain_project(plain, root / "seeds")
        material = run([sys.executable, "-m", "mkdocs", "build", "-d", "site"], plain)
        ours = cold["cpu_seconds"] + full["cpu_seconds"]
        result["plain_material"] = {**_figures(material), "ratio": round(full["seconds"] / material["seconds"], 2),
                                    "cpu_ratio": round(full["cpu_seconds"] / max(material["cpu_seconds"], 1e-9), 2),
                                    "cold_build_cpu_ratio": round(ours / max(material["cpu_seconds"], 1e-9), 2)}
        if not quick:
            result["first_query_kib"] = browser_query_bytes(root / "site")
            result["serve"] = serve_reload(root)
            result["plain_material"]["serve"] = serve_reload(plain, plain=True)
            if with_zensical:
                result["zensical"] = zensical(root)
        return result


def machine() -> dict:
    versions = {}
    for name in ("mkdocs", "mkdocs-material", "pymdown-extensions", "Markdown", "pyahocorasick", "pagefind", "zensical"):
        with contextlib.suppress(importlib.metadata.PackageNotFoundError):
            versions[name] = importlib.metadata.version(name)
    return {"cores": os.cpu_count(), "python": platform.python_version(), "platform": platform.platform(),
            "memory_gib": round(os.sysconf("SC_PAGE_SIZE") * os.sysconf("SC_PHYS_PAGES") / 2**30, 1), "packages": versions}


ROWS = [
    ("load average (1 min) at the cold build", lambda r: r["generate_cold"]["load"]),
    ("generate cold, s", lambda r: r["generate_cold"]["seconds"]),
    ("generate cold, CPU s (tree)", lambda r: r["generate_cold"]["cpu_seconds"]),
    ("generate, CPU ms/seed", lambda r: r["generate_cold"]["cpu_ms_per_seed"]),
    ("  read (parse), CPU s (tree)", lambda r: r["generate_cold"]["stages"]["read"]["cpu_seconds"]),
    ("  link, CPU s", lambda r: r["generate_cold"]["stages"]["link"]["cpu_seconds"]),
    ("  render and write, CPU s", lambda r: r["generate_cold"]["stages"]["render and write"]["cpu_seconds"]),
    ("  start, fingerprint, caches, CPU s", lambda r: round(r["generate_cold"]["cpu_seconds"] - sum(
        stage["cpu_seconds"] for stage in r["generate_cold"]["stages"].values()), 2)),
    ("generate, seeds/s", lambda r: r["generate_cold"]["seeds_per_second"]),
    ("generate peak, MiB", lambda r: r["generate_cold"]["peak_mib"]),
    ("no-op regenerate, s", lambda r: r["generate_noop"]["seconds"]),
    ("no-op files written", lambda r: r["generate_noop"]["files_written"]),
    ("one seed changed: files written", lambda r: r["generate_one_changed"]["files_written"]),
    ("one seed changed: s", lambda r: r["generate_one_changed"]["seconds"]),
    ("mkdocs build --strict, s", lambda r: r["mkdocs_build"]["seconds"]),
    ("mkdocs build, CPU s (tree)", lambda r: r["mkdocs_build"]["cpu_seconds"]),
    ("  MkDocs, CPU s", lambda r: r["mkdocs_build"]["mkdocs_cpu_seconds"]),
    ("  Pagefind, CPU s", lambda r: r["mkdocs_build"]["pagefind_cpu_seconds"]),
    ("  Pagefind peak, MiB", lambda r: r["mkdocs_build"]["pagefind_peak_mib"]),
    ("mkdocs build, ms/seed", lambda r: r["mkdocs_build"]["ms_per_seed"]),
    ("mkdocs build peak, MiB", lambda r: r["mkdocs_build"]["peak_mib"]),
    ("plain Material build, s", lambda r: r["plain_material"]["seconds"]),
    ("plain Material peak, MiB", lambda r: r["plain_material"]["peak_mib"]),
    ("plain Material build, CPU s", lambda r: r["plain_material"]["cpu_seconds"]),
    ("build ÷ plain Material", lambda r: r["plain_material"]["ratio"]),
    ("build ÷ plain Material, CPU", lambda r: r["plain_material"]["cpu_ratio"]),
    ("cold generate + build ÷ plain, CPU", lambda r: r["plain_material"]["cold_build_cpu_ratio"]),
    ("make build, nothing changed, s", lambda r: r["make_build_noop"]["seconds"]),
    ("make build, nothing changed, CPU s", lambda r: r["make_build_noop"]["cpu_seconds"]),
    ("no-op regenerate peak, MiB", lambda r: r["generate_noop"]["peak_mib"]),
    ("serve: save → page, s", lambda r: (r.get("serve") or {}).get("save_to_page_seconds", "-")),
    ("serve: new seed → page, s", lambda r: (r.get("serve") or {}).get("new_seed_seconds", "-")),
    ("plain Material serve: save → page, s", lambda r: r["plain_material"]["serve"]["save_to_page_seconds"]),
    ("plain Material serve: new page, s", lambda r: r["plain_material"]["serve"]["new_seed_seconds"]),
    ("site, MiB", lambda r: r["site"]["site_mib"]),
    ("seed page HTML median, KiB", lambda r: r["site"]["seed_page_kib_median"]),
    ("seed page HTML max, KiB", lambda r: r["site"]["seed_page_kib_max"]),
    ("home page, KiB", lambda r: r["site"]["home_page_kib"]),
    ("largest catalogue page, KiB", lambda r: r["site"]["catalogue_page_kib_max"]),
    ("search index (Pagefind), MiB", lambda r: r["site"]["search_bundle_mib"]),
    ("first search query fetches, KiB", lambda r: r.get("first_query_kib") or "-"),
    ("Zensical build, s", lambda r: (r.get("zensical") or {}).get("seconds", "failed" if (r.get("zensical") or {}).get("error") else "-")),
]


def table(results: list[dict]) -> str:
    width = max(len(label) for label, _ in ROWS)
    head = f"{'N seeds'.ljust(width)}" + "".join(f"{r['seeds']:>7,} {r['corpus'][:5]:>5}" for r in results)
    lines = [head, "-" * len(head)]
    for label, get in ROWS:
        cells = []
        for r in results:
            try:
                value = get(r)
            except (KeyError, TypeError):
                value = "-"
            cells.append(f"{value:>12,}" if isinstance(value, (int, float)) else f"{str(value)[:12]:>12}")
        lines.append(label.ljust(width) + "".join(cells))
    return "\n".join(lines)


# --- check-review on adversarial reviews -------------------------------------------------------------


def review_site(root: Path, pages: int, words: int, rng: random.Random) -> Path:
    """A built site as check-review reads it: `links.json` and the seed pages, one long seed of
    `words` words among `pages` pages of one paragraph each (no MkDocs build needed)."""
    from seedwiki.quotation import normalise  # noqa: F401  (import cost outside the timings)

    site = root / "site"
    targets = []
    for index in range(pages):
        slug = f"s{index}"
        count = words if index == 0 else 60
        paragraphs = [" ".join(rng.choice(WORDS) for _ in range(min(count, 200))) for _ in range(max(1, count // 200))]
        body = "".join(f'<p id="p{i}">{text}</p>' for i, text in enumerate(paragraphs, 1))
        (site / "seeds" / slug).mkdir(parents=True)
        (site / "seeds" / slug / "index.html").write_text(f"<html><body><article>{body}</article></body></html>")
        targets.append({"seed": slug, "url": f"/seeds/{slug}/", "page": f"seeds/{slug}/", "anchor": "", "kind": "page", "label": "", "text": slug})
        targets += [{"seed": slug, "url": f"/seeds/{slug}/#p{i}", "page": f"seeds/{slug}/", "anchor": f"p{i}", "kind": "paragraph",
                     "label": f"¶{i}", "text": text} for i, text in enumerate(paragraphs, 1)]
    (site / "links.json").write_text(json.dumps({"format": 1, "redirects": {}, "site_url": "http://wiki.example/", "targets": targets}))
    return site


REVIEWS = {
    "100,000 links in one paragraph": lambda: "[a](seeds/s1/#p1) " * 100_000,
    "100 KB quotation": lambda: '"' + " ".join(["withdraw forces"] * 6_600) + '" [a](seeds/s0/#p1)\n',
    "quotation of 50,000 spaces": lambda: '"x' + " " * 50_000 + 'y" [a](seeds/s0/#p1)\n',
    "50,000 unbalanced quote marks": lambda: "“" * 50_000 + " [a](seeds/s0/#p1)\n",
    "50,000 unclosed brackets in a quotation": lambda: '"' + "[" * 50_000 + '" [a](seeds/s0/#p1)\n',
    "closest passage in a 28,000-word seed": lambda: '"the council will never agree to anything" [a](seeds/s0/)\n',
    "100 quotations found nowhere": lambda: "".join(f'"no such words {i} here" [a](seeds/s0/#p1)\n\n' for i in range(100)),
}


def bench_review(quick: bool) -> list[dict]:
    """Time `check-review` (in this process) on each adversarial review against a site of 2,000
    pages whose first seed has 28,000 words (fewer with `quick`)."""
    from seedwiki.review import check_reviews

    rng = random.Random(7)
    rows = []
    with tempfile.TemporaryDirectory() as folder:
        root = Path(folder)
        site = review_site(root, 50 if quick else 2_000, 2_000 if quick else 28_000, rng)
        for name, make in REVIEWS.items():
            review = root / "review.md"
            review.write_text(make(), encoding="utf-8")
            start = time.perf_counter()
            problems, links, quotations = check_reviews([review], site, None)
            seconds = time.perf_counter() - start
            rows.append({"review": name, "kib": round(review.stat().st_size / 1024), "seconds": round(seconds, 2),
                         "links": links, "quotations": quotations, "problems": len(problems)})
    return rows


# --- parse on adversarial text ------------------------------------------------------------------------

def parse_cases(quick: bool) -> dict[str, str]:
    """About 1 MB of each text that made an earlier parser quadratic (a tenth of it with --quick)."""
    scale = 10 if quick else 1
    return {
        "capitalised words (Aa Aa …)": "Aa " * (333_000 // scale),
        "16,000 quotations": "".join(f'"Quotation number {i} goes here," said Person{i % 50}. ' for i in range(16_000 // scale)),
        "50,000 dates": "".join(f"On January {1 + i % 28}, 2020 and " for i in range(50_000 // scale)),
        "folded lines, blank-line paragraphs": ("word " * 14 + "\n" + "word " * 14 + "\n\n") * (8_000 // scale),
        "speaker turns": "".join(f"MR. SPEAKER{chr(65 + i % 7)}: A turn, said Someone, according to Others.\n" for i in range(16_000 // scale)),
    }


def bench_parse(quick: bool) -> list[dict]:
    """Time `parse` (in this process) on each adversarial text; the figures, not a test."""
    from seedwiki.model import Seed
    from seedwiki.parse import parse

    parse(Seed(Path("warm.txt"), b"", "0" * 64, "UTF-8", "A warm-up text, said Someone.\n"))  # the language model loads once
    rows = []
    for name, text in parse_cases(quick).items():
        seed = Seed(Path("bench.txt"), b"", "0" * 64, "UTF-8", text)
        start = time.perf_counter()
        document = parse(seed)
        seconds = time.perf_counter() - start
        rows.append({"text": name, "kib": round(len(text.encode()) / 1024), "seconds": round(seconds, 2),
                     "units": len(document.blocks), "quotes": len(document.quotes)})
    return rows


# --- inputs that were once quadratic, at two sizes ---------------------------------------------------

def _distinct_word(number: int) -> str:
    """A capitalised word of letters only, a different one for each number (a surname, a name)."""
    letters, number = "", number + 26 ** 3  # four letters at least
    while number:
        number, rest = divmod(number, 26)
        letters += chr(ord("a") + rest)
    return letters.capitalize()


def _scaling_glossary(size: int) -> str:
    """glossary.yml with `size` places, each located in the next (every relation names an entity)."""
    return "entities:\n" + "".join(f"  - id: place-{i}\n    name: Place {_distinct_word(i)}\n    kind: place\n    description: Place {i}.\n"
                                    f"    relations:\n      - located in: place-{(i + 1) % size}\n" for i in range(size))


def _paragraph_of_lines(lines: list[str]) -> str:
    """A seed whose second paragraph is `lines` (prose lines between blank lines are one unit)."""
    return "Entities\n\nAn opening paragraph of the text, before the long one.\n\n" + "".join(line + "\n" for line in lines)


SCALING_CASES = {  # the inputs once measured quadratic (and 20 entities named often, for comparison), at the size measured
    "quotations by distinct people": 4_000,
    '"according to X" lines': 3_000,
    "mentions of 20 entities, one paragraph": 20_000,
    "lines naming n entities, one paragraph": 20_000,
    "quotes naming n entities, one paragraph": 20_000,
    "suggest-entities: n mentions, a paragraph": 20_000,
    "suggest-entities: a name in n paragraphs": 20_000,
    "glossary entities": 25_000,
}


def _scaling_input(case: str, n: int) -> tuple[str, int]:
    """The seed's text of the input `case` of size n, and how many places its glossary has."""
    place = [f"Place {_distinct_word(i)}" for i in range(n)]
    if case == "quotations by distinct people":
        return "Quotations\n" + "".join(f'"We will reopen road {i} next week," said {FIRST[i % len(FIRST)]} {_distinct_word(i)}.\n' for i in range(n)), 0
    if case == '"according to X" lines':
        return "Roads\n" + "".join(f"Road {i} will reopen next week for traffic, according to Governor {FIRST[i % len(FIRST)]} {_distinct_word(i)}.\n" for i in range(n)), 0
    if case == "lines naming n entities, one paragraph":
        return _paragraph_of_lines([f"{place[i]} was named at meeting number {i} of the council." for i in range(n)]), n
    if case == "quotes naming n entities, one paragraph":
        return _paragraph_of_lines([f'"Road {i} is open again today," said {place[i]} at the meeting.' for i in range(n)]), n
    if case == "suggest-entities: a name in n paragraphs":
        return "Lines\n" + "".join(f"Omar Khalil spoke at meeting {i}.\n" for i in range(n)), 20  # a line, a paragraph
    # the other two: n mentions of 20 places, two a line
    return _paragraph_of_lines([f"{place[i % 20]} met {place[(i + 1) % 20]} at meeting number {i} of the council." for i in range(n // 2)]), 20


def _scaling_seconds(case: str, n: int, folder: Path) -> float:
    """CPU seconds (this process) of what the build or command runs on the input `case` of size
    n: the glossary reader; parse; for a paragraph naming entities, also link, the mentions and
    every page's render (the build), or the names suggest-entities lists."""
    from seedwiki.link import link
    from seedwiki.link.entities import Entity, read_glossary, suggest
    from seedwiki.model import Deferred, Seed
    from seedwiki.parse import parse
    from seedwiki.render.connections import render_site

    if case == "glossary entities":
        (folder / "glossary.yml").write_text(_scaling_glossary(n))
        start = time.process_time()
        read_glossary(folder / "glossary.yml")
        return time.process_time() - start
    text, places = _scaling_input(case, n)
    entities = tuple(Entity(f"place-{i}", f"Place {_distinct_word(i)}", "place", (f"Place {_distinct_word(i)}",), f"Place {i}.", ())
                     for i in range(places))
    start = time.process_time()
    document = parse(Seed(Path("bench.txt"), b"", "0" * 64, "UTF-8", text))
    if case.startswith("suggest-entities"):
        suggest(link([document]).corpus, entities)
    elif entities:
        for page in render_site(link([document], entities)):
            if isinstance(page, Deferred):
                page.make()
    return time.process_time() - start


def bench_scaling(quick: bool) -> list[dict]:
    """Time each input that was once quadratic at n and 2n (a tenth of each with `quick`): a
    ratio near 2 is linear, near 4 quadratic. The figures, not a test."""
    from seedwiki.model import Seed
    from seedwiki.parse import parse

    parse(Seed(Path("warm.txt"), b"", "0" * 64, "UTF-8", "A warm-up text, said Someone.\n"))  # the language model loads once
    rows = []
    with tempfile.TemporaryDirectory() as folder:
        for case, size in SCALING_CASES.items():
            n = size // 10 if quick else size
            once, twice = (_scaling_seconds(case, m, Path(folder)) for m in (n, 2 * n))
            rows.append({"input": case, "n": n, "seconds": round(once, 2), "seconds_2n": round(twice, 2), "ratio": round(twice / max(once, 1e-9), 2)})
    return rows


def report_rows(out: str, name: str, rows: list[dict], title: str, columns: tuple[str, ...]) -> int:
    """Write `rows` as JSON under `name` and print them as a table: the first column is the case."""
    Path(out).write_text(json.dumps({"machine": machine(), name: rows}, indent=1, ensure_ascii=False) + "\n", encoding="utf-8")
    print(f"{title:<42}" + "".join(f"{column:>11}" for column in columns[1:]))
    for row in rows:
        print(f"{row[columns[0]]:<42}" + "".join(f"{row[column]:>11,}" for column in columns[1:]))
    return 0


# --- nothing changed, one save: the same project built by two versions of seedwiki in turn ---------

def _sides(folder: Path, n: int, against: Path | None) -> list[tuple[str, Path, Path]]:
    """(name, project, src) for this tree and, with `against`, another seedwiki's src/ folder: each
    its own copy of one dense corpus of `n` seeds in `folder` (kept, so a second run reuses it)."""
    sides = [("this", folder / "this", ROOT / "src")] + ([("against", folder / "against", against)] if against else [])
    for _, root, _ in sides:
        if not (root / "seeds").is_dir():
            root.mkdir(parents=True, exist_ok=True)
            make_project(root, n, dense=True)
    return sides


GENERATE = [sys.executable, "-m", "seedwiki.cli", "build"]
MKDOCS_BUILD = [sys.executable, "-m", "mkdocs", "build", "--strict", "-d", "site"]


def bench_noop(n: int, runs: int, folder: Path, against: Path | None) -> list[dict]:
    """`make build` with nothing changed (`seedwiki build`, then `mkdocs build`), `runs` times on each
    side, the sides in turn; each side first built until the no-op is reached. CPU of the tree."""
    sides = _sides(folder, n, against)
    for name, root, src in sides:  # until a build finds nothing to do
        for _ in range(3):
            made = run(GENERATE, root, src)
            built = run(MKDOCS_BUILD, root, src)
            if written(made) == 0 and "is up to date" in built["stderr"]:
                break
            print(f"bench: {name}: built ({made['cpu_seconds']} + {built['cpu_seconds']} s CPU)", file=sys.stderr, flush=True)
    rows = []
    for number in range(runs):
        for name, root, src in sides:
            made, built = run(GENERATE, root, src), run(MKDOCS_BUILD, root, src)
            if written(made) or "is up to date" not in built["stderr"]:
                raise SystemExit(f"bench: {name}: a build with nothing changed built:\n{built['stderr'][-2000:]}")
            rows.append({"side": name, "run": number + 1, "seedwiki_build_cpu": made["cpu_seconds"], "mkdocs_build_cpu": built["cpu_seconds"],
                         "cpu_seconds": round(made["cpu_seconds"] + built["cpu_seconds"], 2),
                         "seconds": round(made["seconds"] + built["seconds"], 2), "load": made["load"]})
    return rows


def serve_edits(root: Path, src: Path, edits: int) -> list[dict]:
    """`mkdocs serve --dirty` (what `make serve` runs) on `root`: at rest, save one seed `edits` times
    (a new closing line, a different seed each time) and measure, for each, the server's CPU (its
    process tree) and the wall time until the page shows the change, and its CPU until it is at rest
    again (the search index caught up)."""
    server, base = _serve(root, src)
    rows = []
    try:
        seeds = sorted((root / "seeds").glob("*.txt"))
        for number in range(edits):
            _wait_idle(server.pid)
            text = seeds[1 + number * 7 % (len(seeds) - 1)]
            marker = f"Saved{time.time_ns()}"
            cpu = _tree_cpu(server.pid)
            text.write_text(text.read_text(encoding="utf-8") + f"\n{marker} is a new closing line.\n", encoding="utf-8")
            shown = _until_shown(f"{base}seeds/{text.stem}/", marker)
            shown_cpu = _tree_cpu(server.pid) - cpu
            _wait_idle(server.pid)
            rows.append({"save_to_page_seconds": round(shown, 2), "save_to_page_cpu": round(shown_cpu, 2),
                         "until_rest_cpu": round(_tree_cpu(server.pid) - cpu, 2), "load": round(os.getloadavg()[0], 2)})
    finally:
        server.terminate()
        server.wait()  # a server of 10,000 seeds removes its temporary site first: over 30 s on a loaded machine
    return rows


def bench_serve(n: int, edits: int, folder: Path, against: Path | None) -> list[dict]:
    """`serve_edits` on each side, the sides in turn (one server at a time), `edits` saves each."""
    sides = _sides(folder, n, against)
    for _, root, src in sides:  # the pages generated once: a server's first build then only checks them
        run(GENERATE, root, src)
    rows = []
    for round_ in range(2):
        for name, root, src in sides:
            rows += [{"side": name, "round": round_ + 1, **row} for row in serve_edits(root, src, edits)]
    return rows


def _medians(rows: list[dict], keys: tuple[str, ...]) -> str:
    lines = []
    for side in dict.fromkeys(row["side"] for row in rows):
        mine = [row for row in rows if row["side"] == side]
        lines.append(f"{side}: " + ", ".join(f"{key} median {statistics.median(r[key] for r in mine):.2f} "
                                            f"[{min(r[key] for r in mine):.2f}-{max(r[key] for r in mine):.2f}]" for key in keys))
    return "\n".join(lines)


# --- a sharded build (README, "Speed and scale") ---------------------------------------------------------

def bench_sharded(n: int, shards: int, compare: bool, deadline: float | None, out: Path, folder: Path | None = None) -> dict:
    """The dense corpus of `n` seeds built in `shards` shards one after another (`make build-sharded`):
    the generator, each shard's `mkdocs build`, the merge and `seedwiki check --built`, each with
    its wall time, CPU time and peak memory of its whole process tree (Pagefind's share apart);
    with `compare`, the unsharded `mkdocs build` first. The figures so far are written to `out`
    after each step; a step still running at `deadline` is stopped and the run ends there."""
    tmp = folder or Path(tempfile.mkdtemp(prefix=f"seedwiki-bench-sharded-{n}-"))
    root = tmp / "wiki"
    result: dict = {"seeds": n, "corpus": "dense", "shards": shards, "steps": {}, "machine": machine(), "date": time.strftime("%Y-%m-%d %H:%M")}

    def save() -> None:
        out.write_text(json.dumps(result, indent=1, ensure_ascii=False) + "\n", encoding="utf-8")

    def step(name: str, command: list[str], env: dict[str, str] | None = None, files: Path | None = None) -> None:
        print(f"bench: {n:,} seeds, {name} …", file=sys.stderr, flush=True)
        try:
            figures = run(command, root, env=env, deadline=deadline)
        except OutOfTime as stop:
            result["stopped"] = f"{name}: {stop}"
            save()
            raise
        result["steps"][name] = {**_figures(figures), "pagefind_peak_mib": figures["indexer_peak_mib"],
                                 **({"files": sum(1 for p in files.rglob("*") if p.is_file())} if files is not None else {})}
        save()

    if not root.is_dir():
        root.mkdir(parents=True)
        made = time.perf_counter()
        make_project(root, n, dense=True)
        result["make_corpus_seconds"] = round(time.perf_counter() - made, 2)
    result["corpus_mib"] = round(sum(p.stat().st_size for p in (root / "seeds").iterdir()) / 2**20, 1)
    python = sys.executable
    try:
        step("generate", [python, "-m", "seedwiki.cli", "--root", str(root), "build"])
        if compare:
            step("unsharded mkdocs build", [python, "-m", "mkdocs", "build", "--strict", "-d", "site-whole"], files=root / "site-whole")
            shutil.rmtree(root / "site-whole", ignore_errors=True)
        shutil.rmtree(root / "shards", ignore_errors=True)
        for k in range(shards):
            folder_k = root / "shards" / str(k)
            step(f"shard {k}/{shards}", [python, "-m", "mkdocs", "build", "--strict", "--dirty", "-d", str(folder_k)],
                 env={"SEEDWIKI_SHARD": f"{k}/{shards}"}, files=folder_k)
        step("merge", [python, "-m", "seedwiki.cli", "--root", str(root), "merge-shards",
                       *(str(root / "shards" / str(k)) for k in range(shards)), "--site", str(root / "site")], files=root / "site")
        step("check --built", [python, "-m", "seedwiki.cli", "--root", str(root), "check", "--built", "--site", str(root / "site")])
    except OutOfTime:
        pass
    steps = result["steps"]
    built = [v for k, v in steps.items() if k == "generate" or k.startswith("shard ") or k == "merge"]
    result["sharded_total"] = {"seconds": round(sum(v["seconds"] for v in built), 1), "cpu_seconds": round(sum(v["cpu_seconds"] for v in built), 1),
                               "peak_mib": max((v["peak_mib"] for v in built), default=0)}
    result["folder"] = str(tmp)
    save()
    return result


def sharded_table(result: dict) -> str:
    lines = [f"{'step':<26} {'wall s':>9} {'CPU s':>9} {'peak MiB':>9} {'Pagefind peak':>14} {'files':>8}"]
    for name, v in result["steps"].items():
        lines.append(f"{name:<26} {v['seconds']:>9.1f} {v['cpu_seconds']:>9.1f} {v['peak_mib']:>9.0f} {v['pagefind_peak_mib']:>14.0f} {v.get('files', ''):>8}")
    total = result["sharded_total"]
    lines.append(f"{'generate + shards + merge':<26} {total['seconds']:>9.1f} {total['cpu_seconds']:>9.1f} {total['peak_mib']:>9.0f}")
    if "stopped" in result:
        lines.append(f"stopped: {result['stopped']}")
    return "\n".join(lines)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--review", action="store_true", help="measure check-review on adversarial reviews instead")
    parser.add_argument("--parse", action="store_true", help="measure parse on 1 MB of adversarial text instead")
    parser.add_argument("--scaling", action="store_true", help="measure the inputs that were once quadratic at n and 2n instead")
    parser.add_argument("--sizes", default="100,1000,5000", help="comma-separated corpus sizes; default 100,1000,5000 (add 10000 to include it)")
    parser.add_argument("--quick", action="store_true", help="skip serve, Pagefind and Zensical (a smoke run)")
    parser.add_argument("--no-zensical", action="store_true", help="skip the Zensical build (the longest step at 10,000 seeds)")
    parser.add_argument("--corpus", choices=("dense", "spread", "both"), default="both",
                        help="dense: one event, all in January 2022, the glossary named in nearly every seed; spread: dates over ten years; default both")
    parser.add_argument("--out", default="bench-results.json", help="where to write the JSON; default bench-results.json")
    parser.add_argument("--noop", action="store_true", help="`make build` with nothing changed, --runs times (dense corpus of the first size)")
    parser.add_argument("--serve-edits", type=int, default=0, metavar="K", help="K saves of one seed under `make serve`, in two rounds")
    parser.add_argument("--runs", type=int, default=5, help="runs of --noop on each side; default 5")
    parser.add_argument("--shards", type=int, default=0, metavar="N",
                        help="build the dense corpus of the first size in N shards (generator, each shard, merge, check --built)")
    parser.add_argument("--compare", action="store_true", help="with --shards: the unsharded mkdocs build too, first")
    parser.add_argument("--until", metavar="HH:MM", help="with --shards: stop the step still running at this time (UTC) and report what was reached")
    parser.add_argument("--project", help="with --noop or --serve-edits: the folder of the projects, kept for the next run")
    parser.add_argument("--against", help="with --noop or --serve-edits: another seedwiki's src/ folder, run in turn with this one")
    args = parser.parse_args()
    if args.shards:
        deadline = None
        if args.until:
            hours, minutes = (int(part) for part in args.until.split(":"))
            now = time.gmtime()
            ahead = ((hours * 60 + minutes) - (now.tm_hour * 60 + now.tm_min)) % (24 * 60)  # a time past today's is tomorrow's
            deadline = time.time() + ahead * 60 - now.tm_sec
        result = bench_sharded(int(args.sizes.split(",")[0]), args.shards, args.compare, deadline, Path(args.out),
                               Path(args.project) if args.project else None)
        print(sharded_table(result))
        print(f"(JSON: {args.out}; the project: {result['folder']})")
        return 0
    if args.noop or args.serve_edits:
        n = int(args.sizes.split(",")[0])
        folder = Path(args.project) if args.project else Path(tempfile.mkdtemp(prefix=f"seedwiki-bench-{n}-"))
        against = Path(args.against).resolve() if args.against else None
        if args.noop:
            rows = bench_noop(n, args.runs, folder, against)
            keys: tuple[str, ...] = ("cpu_seconds", "seedwiki_build_cpu", "mkdocs_build_cpu", "seconds")
        else:
            rows = bench_serve(n, args.serve_edits, folder, against)
            keys = ("save_to_page_cpu", "save_to_page_seconds", "until_rest_cpu")
        Path(args.out).write_text(json.dumps({"machine": machine(), "seeds": n, "rows": rows}, indent=1) + "\n", encoding="utf-8")
        for row in rows:
            print(json.dumps(row))
        print(_medians(rows, keys))
        return 0
    if args.scaling:
        return report_rows(args.out, "scaling", bench_scaling(args.quick), "CPU seconds at n and 2n for", ("input", "n", "seconds", "seconds_2n", "ratio"))
    if args.parse:
        return report_rows(args.out, "parse", bench_parse(args.quick), "parse on", ("text", "kib", "seconds", "units", "quotes"))
    if args.review:
        return report_rows(args.out, "review", bench_review(args.quick), "check-review on",
                           ("review", "kib", "seconds", "links", "quotations", "problems"))
    results = []
    kinds = ["dense", "spread"] if args.corpus == "both" else [args.corpus]
    for n in (int(s) for s in args.sizes.split(",")):
        for kind in kinds:
            print(f"bench: {n:,} {kind} seeds …", file=sys.stderr, flush=True)
            results.append(bench(n, args.quick, dense=kind == "dense", with_zensical=not args.no_zensical))
            report: dict = {"machine": machine(), "date": time.strftime("%Y-%m-%d"), "results": results}
            # written after each size: a later size that fails keeps the earlier ones' figures
            Path(args.out).write_text(json.dumps(report, indent=1, ensure_ascii=False) + "\n", encoding="utf-8")
    m = report["machine"]
    print(f"seedwiki benchmark, {report['date']}: {m['cores']} cores, {m['memory_gib']} GiB, Python {m['python']}, "
          + ", ".join(f"{k} {v}" for k, v in m["packages"].items()))
    print(table(results))
    print(f"(JSON: {args.out})")
    return 0


# --- check-review on many footnotes (joins the --review cases) ----------------------------------------

REVIEWS.update({
    "20,000 footnotes": lambda: "".join(f"Claim {i}.[^{i}]\n\n" for i in range(20_000))
    + "".join(f"[^{i}]: [Source {i}](seeds/s1/#p1)\n\n" for i in range(20_000)),
    "a footnote of 4,000 links cited 4,000 times": lambda: "Said so" + "[^a] and" * 4_000 + ".\n\n[^a]: " + "[a](seeds/s1/#p1) " * 4_000 + "\n",
})

if __name__ == "__main__":
    sys.exit(main())
