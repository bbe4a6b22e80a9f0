"""What every benchmark shares: a throwaway Django database, percentiles and the one-line report."""

from __future__ import annotations

import atexit
import math
import os
import shutil
import tempfile
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path

from peacekeeper.env import env_bool

_django_ready = False
# Benchmarks run on throwaway databases: nothing they sign is real, but the settings require a key.
THROWAWAY_KEY = "bench-only-insecure-key-" + "b" * 40
# The public site's, which may not be the mission's (peacekeeper/env.py, `site_secret_key`).
PUBLIC_THROWAWAY_KEY = "bench-only-insecure-public-key-" + "p" * 40


@dataclass(frozen=True, slots=True)
class BenchResult:
    """One benchmark's figures: ours, the baseline's, and their ratio (higher is better for us)."""

    name: str
    project: float
    baseline: float
    ratio: float
    extras: dict[str, object] = field(default_factory=dict)


SIZES = ("tiny", "quick", "full")
ENGINES = ("sqlite", "postgresql")


def size() -> str:
    """How large a run is: BENCH_SIZE=tiny|quick|full, or BENCH_QUICK=1 for quick; full when neither is set.

    Quick sizes take a minute or two each for the largest benchmark. Tiny sizes take seconds: they are the
    smoke runs of `make test` (peacekeeper/tests/test_bench_smoke.py), which show a benchmark still runs to
    its result line; their figures mean nothing.
    """
    raw = os.environ.get("BENCH_SIZE", "").strip().lower()
    if not raw:
        return "quick" if env_bool("BENCH_QUICK", False) else "full"
    if raw not in SIZES:
        raise ValueError(f"BENCH_SIZE={raw!r} is not one of {', '.join(SIZES)}")
    return raw


def quick() -> bool:
    """Smaller than full (quick or tiny): what `run(quick=...)` is given."""
    return size() != "full"


def tiny() -> bool:
    return size() == "tiny"


def runs_on(engine: str) -> bool:
    """Whether this run measures on engine: BENCH_ENGINES=sqlite or postgresql limits a benchmark that
    measures both (ingest, log-list) to one; both by default."""
    raw = os.environ.get("BENCH_ENGINES", "").strip().lower()
    chosen = [name.strip() for name in raw.split(",") if name.strip()] or list(ENGINES)
    if unknown := set(chosen) - set(ENGINES):
        raise ValueError(f"BENCH_ENGINES names {', '.join(sorted(unknown))}; use {' or '.join(ENGINES)}")
    return engine in chosen


def setup_django() -> None:
    """Point Django at a fresh SQLite file in a temporary directory and migrate it; idempotent.

    DATABASE_URL is always overridden: a benchmark must never touch a real database.
    """
    global _django_ready
    if _django_ready:
        return
    directory = tempfile.mkdtemp(prefix="peacekeeper-bench-")
    atexit.register(shutil.rmtree, directory, ignore_errors=True)
    fresh_sqlite_file(Path(directory) / "bench.sqlite3")
    os.environ["DJANGO_SETTINGS_MODULE"] = "peacekeeper.settings"
    # The public site's benchmarks run in public mode (bench/__main__.py starts them so), whose settings
    # read the public site's own database variable.
    os.environ["DATABASE_URL"] = os.environ["PEACEKEEPER_PUBLIC_DATABASE_URL"] = (
        f"sqlite:///{directory}/bench.sqlite3"
    )
    os.environ["PEACEKEEPER_HTTPS"] = "false"
    # A throwaway key: the settings refuse to start without one, and nothing here is signed for real.
    os.environ.setdefault("PEACEKEEPER_SECRET_KEY", THROWAWAY_KEY)
    os.environ.setdefault("PEACEKEEPER_PUBLIC_SECRET_KEY", PUBLIC_THROWAWAY_KEY)

    import django
    from django.core.management import call_command

    django.setup()
    call_command("migrate", verbosity=0)
    _django_ready = True


def fresh_sqlite_file(path: Path) -> None:
    """Start path as a copy of BENCH_SQLITE_TEMPLATE when that names one: a database migrated once, so
    that the smoke runs of `make test` do not each spend seconds migrating. Migrating it again then finds
    nothing to apply (and applies what the template lacks)."""
    template = os.environ.get("BENCH_SQLITE_TEMPLATE")
    if template:
        shutil.copyfile(template, path)


def percentile(values: Sequence[float], fraction: float) -> float:
    """The nearest-rank percentile (fraction 0.5 = median, 0.99 = p99) of a non-empty sequence."""
    if not values:
        raise ValueError("percentile of no values")
    ordered = sorted(values)
    rank = max(1, math.ceil(fraction * len(ordered)))
    return ordered[rank - 1]


def format_figure(value: object) -> str:
    """Floats with three significant decimals at most, so lines stay short and comparable."""
    if isinstance(value, float):
        return f"{value:.4g}" if abs(value) < 1000 else f"{value:.0f}"
    return str(value)


def format_line(result: BenchResult) -> str:
    figures = {"project": result.project, "baseline": result.baseline, "ratio": result.ratio, **result.extras}
    pairs = " ".join(f"{key}={format_figure(value)}" for key, value in figures.items())
    return f"bench {result.name}: {pairs}"


def run_on_postgres(benchmark: str, *, quick_run: bool) -> list[BenchResult]:
    """Run one benchmark in a child process against an embedded PostgreSQL (see bench/postgres_worker.py),
    or against BENCH_DATABASE_URL when that names one (an empty, throwaway database).

    Django settles on one database per process, so PostgreSQL gets its own process and server.
    """
    import json
    import subprocess
    import sys

    env = dict(os.environ, BENCH_QUICK="1" if quick_run else "0")
    completed = subprocess.run(
        [sys.executable, "-m", "bench.postgres_worker", benchmark],
        env=env,
        capture_output=True,
        text=True,
        check=False,
    )
    if completed.returncode != 0:
        raise RuntimeError(f"{benchmark} on PostgreSQL failed:\n{completed.stderr[-3000:]}")
    return [BenchResult(**row) for row in json.loads(completed.stdout.strip().splitlines()[-1])]
