"""A smoke run of `bench public-load` (bench/bench_public_load.py) at tiny sizes, so that it cannot rot: three
anonymous visitors for a second against a real `peacekeeper serve --site public` on a throwaway public
database the serve command seeds. No latency is asserted (at these sizes the figures mean nothing), only
the result line and that every page answered 200.

It runs in a child process on its own throwaway SQLite file (as every benchmark does), so the PostgreSQL
run of the suite leaves it to the SQLite run.
"""

import os
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
KEYS = ("project", "baseline", "ratio", "p99_ms", "p50_ms", "errors", "baseline_p99_ms", "requests")
CHOSEN_HERE = {
    "DATABASE_URL", "DJANGO_SETTINGS_MODULE", "PEACEKEEPER_SITE", "PEACEKEEPER_PUBLIC_DATABASE_URL",
    "BENCH_DATABASE_URL", "BENCH_QUICK", "BENCH_SIZE", "BENCH_SQLITE_TEMPLATE",
}  # fmt: skip


@pytest.mark.skipif(
    os.environ.get("PEACEKEEPER_TEST_DATABASE") == "postgresql",
    reason="the benchmark makes its own SQLite database; the SQLite run of the suite runs it",
)
def test_public_load_runs_to_its_result_line_without_errors():
    env = {name: value for name, value in os.environ.items() if name not in CHOSEN_HERE}
    completed = subprocess.run(
        [sys.executable, "-m", "bench", "public_load"],
        cwd=ROOT,
        env={**env, "BENCH_SIZE": "tiny"},
        capture_output=True,
        text=True,
        timeout=600,
        check=False,
    )

    assert completed.returncode == 0, completed.stderr[-4000:]
    line = completed.stdout.strip().splitlines()[-1]
    assert line.startswith("bench public-load: "), completed.stdout[-2000:]
    figures = dict(pair.split("=", 1) for pair in line.removeprefix("bench public-load: ").split())
    assert set(KEYS) <= figures.keys(), line
    assert int(figures["requests"]) > 0
    assert figures["errors"] == "0"
    assert figures["baseline_errors"] == "0"
