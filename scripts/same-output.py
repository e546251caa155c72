"""Prove a change to the code leaves the wiki unchanged: build docs/ and site/ with the code of two
revisions and compare the trees byte for byte.

    python scripts/same-output.py BASE [OTHER]

BASE and OTHER are git revisions (OTHER defaults to the working tree). Each is checked out into a
temporary folder and run from its own src/ with this environment's packages, on two projects: this
repository's own (its seeds, glossary and lock) and a dense synthetic corpus of 200 seeds about one
event (scripts/bench.py's). Prints every file that differs, is missing or is extra, and exits 1 if
any does. Files that hold the build's time are compared without it (sitemap.xml.gz's gzip header).
"""

from __future__ import annotations

import argparse
import filecmp
import gzip
import os
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
DENSE_SEEDS = 200


def _bench():
    sys.path.insert(0, str(ROOT))  # the tests' package, which loads the benchmark's module (and the benchmark uses)
    from tests.conftest import bench_module

    return bench_module()


def checkout(revision: str | None, into: Path) -> Path:
    """The code of `revision` (None: the working tree) in `into`."""
    if revision is None:
        shutil.copytree(ROOT / "src", into / "src", ignore=shutil.ignore_patterns("__pycache__"))
    else:
        into.mkdir(parents=True)
        archive = subprocess.run(["git", "archive", revision, "src"], cwd=ROOT, capture_output=True, check=True).stdout
        subprocess.run(["tar", "-x", "-C", str(into)], input=archive, check=True)
    return into / "src"


def own_project(root: Path) -> None:
    for name in ("mkdocs.yml", "glossary.yml", "permalinks.lock"):
        shutil.copy2(ROOT / name, root / name)
    shutil.copytree(ROOT / "seeds", root / "seeds")
    shutil.copytree(ROOT / "docs", root / "docs", ignore=shutil.ignore_patterns(".seedwiki-*", *_bench().GENERATED_ROOTS))


def build(src: Path, project: Path) -> None:
    env = {**os.environ, "PYTHONPATH": str(src), "NO_MKDOCS_2_WARNING": "1", "SOURCE_DATE_EPOCH": "1700000000"}
    for command in ([sys.executable, "-m", "seedwiki", "build"], [sys.executable, "-m", "mkdocs", "build", "--strict", "--site-dir", "site"]):
        done = subprocess.run(command, cwd=project, env=env, capture_output=True, text=True)
        if done.returncode:
            raise SystemExit(f"same-output: {' '.join(command[1:])} failed in {project}:\n{done.stderr[-3000:]}")


def files(tree: Path) -> set[str]:
    return {str(p.relative_to(tree)) for p in tree.rglob("*") if p.is_file() and ".seedwiki-" not in str(p)}


def same(a: Path, b: Path) -> bool:
    if a.suffix == ".gz":  # the gzip header holds the time it was written
        return gzip.decompress(a.read_bytes()) == gzip.decompress(b.read_bytes())
    return filecmp.cmp(a, b, shallow=False)


def compare(left: Path, right: Path) -> list[str]:
    out = []
    for folder in ("docs", "site"):
        a, b = files(left / folder), files(right / folder)
        out += [f"only before: {folder}/{name}" for name in sorted(a - b)]
        out += [f"only after: {folder}/{name}" for name in sorted(b - a)]
        out += [f"differs: {folder}/{name}" for name in sorted(a & b) if not same(left / folder / name, right / folder / name)]
    return out


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("base")
    parser.add_argument("other", nargs="?")
    parser.add_argument("--seeds", type=int, default=DENSE_SEEDS, help="seeds in the dense corpus (default %(default)s)")
    args = parser.parse_args()
    bench = _bench()
    with tempfile.TemporaryDirectory(prefix="same-output-") as tmp:
        work = Path(tmp)
        sources = {side: checkout(rev, work / f"code-{side}") for side, rev in (("before", args.base), ("after", args.other))}
        differences = 0
        for name, make in (("own seeds", own_project), (f"{args.seeds} dense seeds", lambda root: bench.make_project(root, args.seeds, dense=True))):
            roots = {}
            for side, src in sources.items():
                root = work / f"{name.replace(' ', '-')}-{side}"
                root.mkdir()
                make(root)
                build(src, root)
                roots[side] = root
            found = compare(roots["before"], roots["after"])
            count = len(files(roots["before"] / "docs")) + len(files(roots["before"] / "site"))
            print(f"{name}: {count} files compared, {len(found)} differ")
            for line in found:
                print("  " + line)
            differences += len(found)
    return 1 if differences else 0


if __name__ == "__main__":
    sys.exit(main())
