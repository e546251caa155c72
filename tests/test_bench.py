"""A small run of the benchmark (scripts/bench.py): it builds, measures and reports."""

from __future__ import annotations

import json
import subprocess
import sys

import pytest

from .conftest import ROOT

pytestmark = pytest.mark.site  # the benchmark builds whole sites


def test_the_benchmark_runs_on_a_small_corpus_and_reports_every_figure(tmp_path):
    out = tmp_path / "bench.json"
    result = subprocess.run([sys.executable, str(ROOT / "scripts" / "bench.py"), "--sizes", "40", "--quick", "--out", str(out)],  # the dense and the spread corpus
                            capture_output=True, text=True, timeout=600)
    assert result.returncode == 0, result.stderr[-2000:]
    report = json.loads(out.read_text())
    dense, run = report["results"]
    assert (dense["corpus"], run["corpus"]) == ("dense", "spread")
    assert dense["plain_material"]["ratio"] > 0 and dense["generate_cold"]["peak_mib"] > 0
    assert run["seeds"] == 40 and report["machine"]["cores"] >= 1
    assert run["generate_noop"]["files_written"] == 0
    assert 1 <= run["generate_one_changed"]["files_written"] < run["generate_cold"]["files_written"]
    assert run["site"]["seed_page_kib_median"] > 0 and run["site"]["search_bundle_mib"] > 0
    assert "generate, seeds/s" in result.stdout and "N seeds" in result.stdout


def _bench(tmp_path, option: str) -> tuple[subprocess.CompletedProcess, dict]:
    """`bench.py OPTION --quick`, and the report it wrote."""
    out = tmp_path / "report.json"
    result = subprocess.run([sys.executable, str(ROOT / "scripts" / "bench.py"), option, "--quick", "--out", str(out)],
                            capture_output=True, text=True, timeout=600)
    assert result.returncode == 0, result.stderr[-2000:]
    return result, json.loads(out.read_text())


def test_the_review_benchmark_reports_every_adversarial_case(tmp_path):
    result, report = _bench(tmp_path, "--review")
    rows = {row["review"]: row for row in report["review"]}
    assert rows["100,000 links in one paragraph"]["links"] == 100_000
    assert rows["100 quotations found nowhere"]["problems"] == 100
    assert all("seconds" in row for row in rows.values()) and "check-review on" in result.stdout


def test_the_scaling_benchmark_reports_every_input_at_two_sizes(tmp_path):
    result, report = _bench(tmp_path, "--scaling")
    rows = {row["input"]: row for row in report["scaling"]}
    assert {"quotations by distinct people", "lines naming n entities, one paragraph", "glossary entities"} <= set(rows)
    assert all({"n", "seconds", "seconds_2n", "ratio"} <= set(row) for row in rows.values())
    assert "CPU seconds at n and 2n" in result.stdout


def test_the_sharded_benchmark_measures_the_generator_every_shard_the_merge_and_the_check(tmp_path):
    out = tmp_path / "sharded.json"
    result = subprocess.run([sys.executable, str(ROOT / "scripts" / "bench.py"), "--sizes", "30", "--shards", "3", "--project", str(tmp_path / "p"),
                             "--out", str(out)], capture_output=True, text=True, timeout=900)
    assert result.returncode == 0, result.stderr[-2000:]
    report = json.loads(out.read_text())
    steps = report["steps"]
    assert list(steps) == ["generate", "shard 0/3", "shard 1/3", "shard 2/3", "merge", "check --built"]
    assert all(step["peak_mib"] > 0 and step["cpu_seconds"] > 0 for step in steps.values())
    assert steps["shard 0/3"]["files"] > 0 and steps["merge"]["files"] > steps["shard 0/3"]["files"]
    assert "stopped" not in report and "generate + shards + merge" in result.stdout
