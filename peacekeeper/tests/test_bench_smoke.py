"""A smoke run of every benchmark in bench/ at tiny sizes (BENCH_SIZE=tiny), so that none can rot silently:
each runs as `python -m bench NAME` in a child process, on a throwaway database of its own, and must exit 0
with its well-formed result lines. No figure is asserted: at these sizes they mean nothing.

The SQLite run of the suite runs them on SQLite (cop-page in Chromium, as a browser test); the PostgreSQL
run runs the PostgreSQL parts of ingest (COPY) and log-list, on a database of their own on the suite's
embedded server. watch-floor-load has its own smoke run (test_bench_watch_floor_load.py).
"""

import math
import os
import re
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
ON_POSTGRES = os.environ.get("PEACEKEEPER_TEST_DATABASE") == "postgresql"
LINE = re.compile(
    r"bench (?P<name>[a-z0-9-]+): (?P<pairs>project=\S+ baseline=\S+ ratio=\S+(?: [a-z0-9_]+=\S+)*)"
)

# benchmark module -> the results it prints on SQLite
ON_SQLITE = {
    "acled_import": ("acled-import",),
    "allocation": ("allocation",),
    "assessment": ("assessment-full", "assessment-incremental"),
    "cop_layer": ("cop-layer",),
    "cop_load": ("cop-load",),
    "cop_page": ("cop-page",),
    "duplicates": ("duplicates",),
    "gazetteer": ("gazetteer",),
    "ingest": ("ingest-sqlite",),
    "log_list": ("log-list",),
    "public_search": ("public-search",),
    "routing": ("routing",),
}
ON_POSTGRESQL = {"ingest": ("ingest-postgres",), "log_list": ("log-list-postgres",)}
# What the parent's environment may not choose for a run: its database, sizes and engines are set here.
CHOSEN_HERE = {
    "DATABASE_URL", "DJANGO_SETTINGS_MODULE",
    "BENCH_DATABASE_URL", "BENCH_QUICK", "BENCH_SIZE", "BENCH_ENGINES", "BENCH_SQLITE_TEMPLATE",
}  # fmt: skip
# Benchmarks with a smoke test of their own, which runs them with arguments rather than BENCH_SIZE.
OWN_SMOKE_TEST = {"watch_floor_load"}


@pytest.fixture(scope="module")
def sqlite_template(tmp_path_factory) -> str:
    """One migrated SQLite database, which every benchmark's run starts from (BENCH_SQLITE_TEMPLATE)."""
    from bench.common import THROWAWAY_KEY

    path = tmp_path_factory.mktemp("bench") / "template.sqlite3"
    env = {key: value for key, value in os.environ.items() if key != "DATABASE_URL"}
    env |= {"DATABASE_URL": f"sqlite:///{path}", "DJANGO_SETTINGS_MODULE": "peacekeeper.settings"}
    env |= {"PEACEKEEPER_HTTPS": "false", "PEACEKEEPER_SECRET_KEY": THROWAWAY_KEY}
    subprocess.run(
        [sys.executable, "-m", "peacekeeper.cli", "migrate"],
        cwd=ROOT,
        env=env,
        check=True,
        capture_output=True,
    )
    return str(path)


def _run(name: str, **env: str) -> list[tuple[str, dict[str, str]]]:
    """Run benchmark name at tiny sizes; its result lines as (name, figures)."""
    inherited = {key: value for key, value in os.environ.items() if key not in CHOSEN_HERE}
    completed = subprocess.run(
        [sys.executable, "-m", "bench", name],
        cwd=ROOT,
        env={**inherited, "BENCH_SIZE": "tiny", **env},
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
    )
    assert completed.returncode == 0, completed.stderr[-4000:]
    # A library may print too (HiGHS its banner): the result lines are those that start with "bench ".
    lines = [line for line in completed.stdout.splitlines() if line.startswith("bench ")]
    results = []
    for line in lines:
        match = LINE.fullmatch(line)
        assert match, f"not a result line: {line!r}"
        figures = dict(pair.split("=", 1) for pair in match["pairs"].split())
        for key in ("project", "baseline", "ratio"):
            assert not math.isnan(float(figures[key])), line
        results.append((match["name"], figures))
    return results


def test_every_benchmark_has_a_smoke_run():
    modules = {path.stem.removeprefix("bench_") for path in (ROOT / "bench").glob("bench_*.py")}
    with_own_test = {name for name in modules if (Path(__file__).parent / f"test_bench_{name}.py").exists()}

    assert modules - with_own_test == set(ON_SQLITE)
    assert with_own_test >= OWN_SMOKE_TEST


@pytest.mark.skipif(ON_POSTGRES, reason="run on SQLite, by the SQLite run of the suite")
@pytest.mark.parametrize(
    ("name", "expected"),
    [
        pytest.param(name, expected, marks=[pytest.mark.browser] if name == "cop_page" else [], id=name)
        for name, expected in ON_SQLITE.items()
    ],
)
def test_benchmark_runs_to_its_result_lines_on_sqlite(name, expected, sqlite_template):
    results = _run(name, BENCH_ENGINES="sqlite", BENCH_SQLITE_TEMPLATE=sqlite_template)

    assert tuple(result for result, _ in results) == expected


@pytest.fixture
def throwaway_postgres_url() -> Iterator[str]:
    """An empty database on the suite's embedded PostgreSQL server, dropped afterwards."""
    import psycopg
    from django.conf import settings

    entry = settings.DATABASES["default"]
    server = {"host": entry["HOST"], "port": entry["PORT"] or None, "user": entry["USER"]}
    server["password"] = entry["PASSWORD"] or None
    name = f"bench_smoke_{os.getpid()}"
    with psycopg.connect(dbname="postgres", autocommit=True, **server) as admin:
        admin.execute(f"DROP DATABASE IF EXISTS {name}")
        admin.execute(f"CREATE DATABASE {name}")
    try:
        port = f":{entry['PORT']}" if entry["PORT"] else ""
        password = f":{entry['PASSWORD']}" if entry["PASSWORD"] else ""
        yield f"postgresql://{entry['USER']}{password}@{port}/{name}?host={entry['HOST']}"
    finally:
        with psycopg.connect(dbname="postgres", autocommit=True, **server) as admin:
            admin.execute(f"DROP DATABASE IF EXISTS {name} WITH (FORCE)")


@pytest.mark.skipif(not ON_POSTGRES, reason="run on PostgreSQL, by the PostgreSQL run of the suite")
@pytest.mark.parametrize(("name", "expected"), list(ON_POSTGRESQL.items()), ids=list(ON_POSTGRESQL))
def test_benchmark_runs_to_its_result_lines_on_postgresql(name, expected, throwaway_postgres_url):
    results = _run(name, BENCH_ENGINES="postgresql", BENCH_DATABASE_URL=throwaway_postgres_url)

    assert tuple(result for result, _ in results) == expected
