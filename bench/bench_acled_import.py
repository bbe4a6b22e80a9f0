"""bench acled-import: `peacekeeper import acled` on a generated ACLED file, with its peak memory.

Project: the whole import (read, validate, map, store idempotently) in a child process, as an operator
runs it; `peak_rss_mb` is that process's peak resident memory, to show the import streams.
Baseline: reading the same file with the csv module alone (the least any import must do).
"""

from __future__ import annotations

import csv
import os
import resource
import subprocess
import sys
import tempfile
import time
from datetime import UTC, datetime, timedelta
from pathlib import Path

from bench.common import THROWAWAY_KEY, BenchResult, fresh_sqlite_file, setup_django, size

ROWS = {"full": 1_000_000, "quick": 20_000, "tiny": 200}


def _write_acled_file(path: Path, rows: int) -> None:
    """A realistic ACLED file: the exercise generator's events written in ACLED's 31 columns."""
    from peacekeeper.events.taxonomy import get_category
    from peacekeeper.exercise.generator import generate_events
    from peacekeeper.interop.acled import ACLED_COLUMNS

    end = datetime(2026, 11, 1, tzinfo=UTC)
    with path.open("w", encoding="utf-8", newline="") as out:
        writer = csv.writer(out)
        writer.writerow(ACLED_COLUMNS)
        for number, data in enumerate(
            generate_events(count=rows, seed=11, start=end - timedelta(days=365), end=end)
        ):
            category = get_category(data.category)
            values = {
                "event_id_cnty": f"XKX{number + 1}",
                "event_date": data.occurred_at.date().isoformat(),
                "year": data.occurred_at.year,
                "time_precision": data.time_precision,
                "disorder_type": category.disorder_type,
                "event_type": category.acled_event_type,
                "sub_event_type": category.acled_sub_event_type,
                "actor1": data.actor1,
                "inter1": data.inter1,
                "actor2": data.actor2,
                "inter2": data.inter2,
                "iso": 0,
                "region": "Europe",
                "country": "Kosovo",
                "location": data.location_name,
                "latitude": f"{data.lat:.4f}",
                "longitude": f"{data.lon:.4f}",
                "geo_precision": data.geo_precision,
                "source": data.source_name,
                "notes": data.narrative,
                "fatalities": data.killed_civilians
                + data.killed_police
                + data.killed_force
                + data.killed_other,
                "timestamp": 1_760_000_000,
            }
            writer.writerow([values.get(column, "") for column in ACLED_COLUMNS])


def _read_plain(path: Path) -> float:
    started = time.perf_counter()
    with path.open(encoding="utf-8", newline="") as stream:
        for _ in csv.reader(stream):
            pass
    return time.perf_counter() - started


def _import_in_child(path: Path, database: Path) -> tuple[float, float, str]:
    env = dict(
        os.environ,
        DATABASE_URL=f"sqlite:///{database}",
        PEACEKEEPER_HTTPS="false",
        DJANGO_SETTINGS_MODULE="peacekeeper.settings",
    )
    env.setdefault("PEACEKEEPER_SECRET_KEY", THROWAWAY_KEY)
    peacekeeper = [sys.executable, "-m", "peacekeeper.cli"]
    fresh_sqlite_file(database)
    subprocess.run([*peacekeeper, "migrate"], env=env, check=True, capture_output=True)
    subprocess.run([*peacekeeper, "load-theatre"], env=env, check=True, capture_output=True)
    started = time.perf_counter()
    child = subprocess.run(
        [*peacekeeper, "import", "acled", str(path), "--json"],
        env=env,
        capture_output=True,
        text=True,
        check=False,
    )
    elapsed = time.perf_counter() - started
    peak_mb = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024
    return elapsed, peak_mb, child.stdout[-300:]


def run(*, quick: bool) -> list[BenchResult]:
    setup_django()
    from peacekeeper.theatre.loading import load_scenario

    load_scenario(name="kosovo")
    rows = ROWS[size()]
    with tempfile.TemporaryDirectory(prefix="peacekeeper-acled-") as directory:
        path = Path(directory) / "acled.csv"
        _write_acled_file(path, rows)
        plain_seconds = _read_plain(path)
        import_seconds, peak_mb, outcome = _import_in_child(path, Path(directory) / "import.sqlite3")
        size_mb = path.stat().st_size / 1e6
    imported = outcome.split('"imported": ')[1].split(",")[0] if '"imported": ' in outcome else "?"
    return [
        BenchResult(
            name="acled-import",
            project=round(rows / import_seconds),
            baseline=round(rows / plain_seconds),
            ratio=plain_seconds / import_seconds,
            extras={
                "unit": "rows/s",
                "rows": rows,
                "imported": imported,
                "file_mb": round(size_mb, 1),
                "peak_rss_mb": round(peak_mb, 1),
            },
        )
    ]
