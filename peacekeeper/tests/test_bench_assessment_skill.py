"""A smoke run of `bench assessment-skill` (bench/bench_assessment_skill.py), so that it cannot rot: the
demo's log at a tenth of its size and 120 days of exercise reports with their bursts, stored, derived and
assessed day by day. No figure is asserted, only that the benchmark runs to its result lines.

It runs in a child process on its own throwaway SQLite file (as every benchmark does), so the PostgreSQL
run of the suite leaves it to the SQLite run.
"""

import os
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
SKILL_KEYS = {"project", "baseline", "ratio", "recall", "false_raises_per_muni_year", "level1_pct"}
DEMO_KEYS = {"project", "baseline", "ratio", "level1", "level5", "before_level1", "days30_level1_pct"}


@pytest.mark.skipif(
    os.environ.get("PEACEKEEPER_TEST_DATABASE") == "postgresql",
    reason="the benchmark makes its own SQLite database; the SQLite run of the suite runs it",
)
def test_assessment_skill_runs_to_its_result_lines():
    env = {
        name: value
        for name, value in os.environ.items()
        if name not in {"DATABASE_URL", "BENCH_QUICK", "BENCH_ACLED_FILE", "DJANGO_SETTINGS_MODULE"}
    }
    completed = subprocess.run(
        [sys.executable, "-m", "bench", "assessment_skill"],
        cwd=ROOT,
        env=env | {"BENCH_SIZE": "tiny"},
        capture_output=True,
        text=True,
        timeout=600,
        check=False,
    )

    assert completed.returncode == 0, completed.stderr[-4000:]
    lines = {}
    for line in completed.stdout.strip().splitlines():
        name, pairs = line.removeprefix("bench ").split(": ", 1)
        lines[name] = dict(pair.split("=", 1) for pair in pairs.split())
    assert lines["assessment-skill"].keys() >= SKILL_KEYS, completed.stdout
    assert lines["assessment-demo-levels"].keys() >= DEMO_KEYS, completed.stdout
    assert sum(int(lines["assessment-demo-levels"][f"level{n}"]) for n in range(1, 6)) == 38
