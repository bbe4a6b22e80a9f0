"""A smoke run of `bench watch-floor-load` (bench/bench_watch_floor_load.py), so that it cannot rot: three
clients for five seconds on a few hundred reports, through a real `peacekeeper serve` with live streams,
validations and exports. No figure is asserted, only that the benchmark runs to its result line.

It runs in a child process on its own throwaway SQLite file (as every benchmark does), so the PostgreSQL
run of the suite leaves it to the SQLite run.
"""

import os
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
KEYS = (
    "project",
    "baseline",
    "ratio",
    "p99_ms",
    "p50_ms",
    "errors",
    "exports",
    "exports_failed",
    "validations",
    "conflicts",
    "streams",
    "events_received",
    "stream_deliveries",
    "stream_deliveries_expected",
    "requests",
)


@pytest.mark.skipif(
    os.environ.get("PEACEKEEPER_TEST_DATABASE") == "postgresql",
    reason="the benchmark makes its own SQLite database; the SQLite run of the suite runs it",
)
def test_watch_floor_load_runs_to_its_result_line():
    env = {
        name: value
        for name, value in os.environ.items()
        if name not in {"DATABASE_URL", "BENCH_DATABASE_URL", "BENCH_QUICK", "DJANGO_SETTINGS_MODULE"}
    }
    command = [sys.executable, "-m", "bench.bench_watch_floor_load"]
    sizes = ["--clients=3", "--seconds=5", "--stored=300", "--pool=40", "--baseline-seconds=2"]
    completed = subprocess.run(
        [*command, *sizes], cwd=ROOT, env=env, capture_output=True, text=True, timeout=300, check=False
    )

    assert completed.returncode == 0, completed.stderr[-4000:]
    line = completed.stdout.strip().splitlines()[-1]
    assert line.startswith("bench watch-floor-load: "), completed.stdout[-2000:]
    figures = dict(pair.split("=", 1) for pair in line.removeprefix("bench watch-floor-load: ").split())
    assert set(KEYS) <= figures.keys(), line
    assert int(figures["requests"]) > 0
    assert int(figures["exports"]) > 0
