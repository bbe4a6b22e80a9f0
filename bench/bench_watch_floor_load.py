"""bench watch-floor-load: a watch floor of 50 logged-in users, each with a live stream open, for 60 s.

The database: the Kosovo theatre, the demo users and a log of 200k validated reports (20k with
BENCH_QUICK) at about 550 a day (so a year; the quick log is the last 36 days at the same density), plus
a queue of 2,000 submitted reports (400 quick) from the last 3 days for the analysts to validate. Both
are exercise-generator reports in four labels: NATO UNCLASSIFIED // REL TO KFOR (65 %), NATO RESTRICTED
// REL TO KFOR (20 %), NATO SECRET // REL TO KFOR (10 %) and NATO UNCLASSIFIED // REL TO KFOR, EULEX
(5 %), so the demo users (six nations and a partner, UNCLASSIFIED to SECRET) see different parts of it.
SQLite by default; BENCH_DATABASE_URL=postgresql://… runs it on that (empty, throwaway) database instead.

The server: `peacekeeper serve --workers 2` (uvicorn, one worker per core) on a free loopback port.

The clients: one asyncio event loop with httpx, each client its own AsyncClient (cookies, kept-alive
connections). Threads would spend the two cores on the GIL and switching beside the server; the loop
only waits, and its lag is measured (`client_lag_p99_ms`: how late a 50 ms timer fires) to show that the
client side is not what is slow; `server_cpu_pct` and `client_cpu_pct` are the CPU the server's
processes and the clients' process used during the floor, in % of one core (the server can use 200).
Each client logs in through the login form as a demo user (the eight in turn, so 13 of 50 are analysts
or administrators who may validate), opens the live stream as the floor's pages do, reports and alerts in
one (`GET /api/cop/stream?alerts=true`, read continuously and parsed as SSE; reconnected with `after_id`
if the server ends it, as live.js does) and
keeps the log's poller going (`/log/poll/…` every 10 s, as the log page's htmx poller does once it has
been opened, each client's at its own phase: people open their log at different moments). Then, after a
pause of up to one think time (a floor already at work, not fifty people clicking in the same
millisecond), until the end, it repeats a watchkeeper's actions, each followed by 1 to 3 s of think time
(uniform):
- map refresh (weight 4): the default view's window layers at once, as map.js asks for them: area levels,
  freedom of movement and the events layer (last 24 h to the next whole minute, zoom 9, the theatre's
  box snapped as events_layer.js snaps it), with If-None-Match of the ETag it holds for that URL;
- log list (weight 2): `/log/?window=24h`, the HTML page;
- report detail (weight 2): `/log/<id>/` of a report from the last log page;
- review (weight 2, analysts and administrators only): the queue (`/api/events/?status=submitted`),
  the page of one of its 50 reports at random, then `POST /api/events/<id>/transitions` validate. A
  refusal because the report is no longer submitted (another analyst was first: 409, or 400/403/422
  saying so) is counted as `conflicts`, not as an error;
- export: each client exports CSV once a minute (a download in another tab: at its time, whatever the
  client is doing; its first at a staggered offset in the first 54 s, so the floor makes 50 exports a
  minute): the log page's export link for "since yesterday"
  (`/log/export/csv/?since=<yesterday>`), which a watch uses for its shift handover. A run shorter than
  a minute fits the minute to the run, so every client still exports once. An export fails if the
  answer is not 200, or its body is not UTF-8 CSV ending in a line break whose every row has the
  header's columns and whose row count is exactly what the same filter finds for that user in the
  database before the run (no report is added or removed during the run; validations only change
  statuses).

Actions and exports in flight at the end are waited for (and counted). Then the streams stay open until
each has received every report validated in the run that its user may see (or 10 s have passed).

Figures: `project`/`p99_ms`/`p50_ms` are per request over every request of the 50 clients except the
exports (a download; `export_p50_ms`, `export_max_ms`) and the streams; `requests` counts them all,
exports included. `errors` counts every failure of any request, exports and streams included: a status
other than the expected ones (200/304 for layers, 200/204 for the poller, 200 otherwise), a timeout or a
broken connection. `streams` is how many streams were open at the end; `events_received` how many live
events they carried, `alerts_received` how many alert messages (open SIGEVENT alerts at first, then each
change: the validations raise some); `stream_deliveries` how many (stream, report validated in the run)
pairs arrived, against `stream_deliveries_expected`: for every report validated in the run, the open
streams whose user may see it (by the access policy, read after the run); `delivery_p99_ms` is from the
validation's answer to the event on a stream (0 if it came first); `stream_leaks` counts events a
stream's user may not see (must be 0). `double_validations` counts reports that two clients both
validated successfully, `queue_empty` reviews that found nothing to validate; `setup_s` is the time taken
to fill the database.
The baseline: the p99 of the same actions (map refresh, log list, detail, review and validate; no
poller) by one analyst alone, back to back without think time, with no stream open, for 15 s (5 s quick)
on the same server just before the floor starts, after one unmeasured pass to warm it and one export
(`baseline_export_ms`); `ratio` = baseline p99 / floor p99. Per-kind figures and every failure (status
and body) go to standard error, with the last line of each traceback in the server's log.
Goal (issue 11): p99 under 1 s, 0 errors, every export succeeds.

`python -m bench.bench_watch_floor_load --clients 3 --seconds 5 --stored 300 --pool 40` runs other sizes
(the test suite's smoke run does); `--no-streams` keeps the streams closed, to see what they cost.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import os
import subprocess
import sys
import tempfile
import time
from concurrent.futures import ThreadPoolExecutor
from dataclasses import asdict
from pathlib import Path

from bench.common import BenchResult, format_line, setup_django
from bench.serving import free_port, log_in_cookies, start_server, stop_server
from bench.watch_floor_clients import ClientContext, Login
from bench.watch_floor_data import (
    default_bbox,
    expected_export_rows,
    export_query,
    prepare_database,
    setup_django_at,
)
from bench.watch_floor_phases import FULL, QUICK, Sizes, run_phases
from bench.watch_floor_results import NAME, bench_result, print_details

WORKERS = 2


def measure(sizes: Sizes) -> BenchResult:
    """Fill the database, serve it, run the baseline and the floor, and sum them up."""
    import logging

    from django.db import connections

    from peacekeeper.access.services import DEMO_USERS
    from peacekeeper.events.workflow import REVIEW_ROLES

    logging.getLogger("httpx").setLevel(logging.WARNING)  # one line per request otherwise
    started = time.perf_counter()
    prepare_database(stored=sizes.stored, pool=sizes.pool, bench_name=NAME)
    setup_seconds = time.perf_counter() - started
    users = [DEMO_USERS[i % len(DEMO_USERS)] for i in range(sizes.clients)]
    analyst = next(spec for spec in DEMO_USERS if set(spec.roles) & REVIEW_ROLES)
    query = export_query()
    context = ClientContext(
        bbox=default_bbox(),
        export_query=query,
        export_rows=expected_export_rows({spec.username for spec in [*users, analyst]}, query),
    )
    connections.close_all()
    port = free_port()

    def log_in(spec) -> Login:
        cookies = log_in_cookies(port, spec.username, spec.password)
        return Login(spec.username, reviewer=bool(set(spec.roles) & REVIEW_ROLES), cookies=cookies)

    with tempfile.TemporaryDirectory(prefix="peacekeeper-bench-serve-") as directory:
        server_log = Path(directory) / "serve.log"
        server = start_server(port, workers=WORKERS, log=server_log)
        try:
            with ThreadPoolExecutor(max_workers=4) as pool:
                logins = list(pool.map(log_in, users))
            outcome = asyncio.run(
                run_phases(
                    port=port,
                    server_pid=server.pid,
                    sizes=sizes,
                    logins=logins,
                    baseline_login=log_in(analyst),
                    context=context,
                )
            )
        finally:
            stop_server(server)
        print_details(outcome, server_log)
    return bench_result(
        outcome, sizes=sizes, setup_seconds=setup_seconds, export_rows=max(context.export_rows.values())
    )


def run(*, quick: bool) -> list[BenchResult]:
    sizes = QUICK if quick else FULL
    if os.environ.get("BENCH_DATABASE_URL"):
        # Django settles on one database per process: that database gets a process of its own.
        command = [sys.executable, "-m", "bench.bench_watch_floor_load", "--json", *_size_arguments(sizes)]
        completed = subprocess.run(command, capture_output=True, text=True, check=False)
        sys.stderr.write(completed.stderr)
        if completed.returncode != 0:
            raise RuntimeError(f"{NAME} on BENCH_DATABASE_URL failed (exit {completed.returncode})")
        return [BenchResult(**json.loads(completed.stdout.strip().splitlines()[-1]))]
    setup_django()
    return [measure(sizes)]


def _size_arguments(sizes: Sizes) -> list[str]:
    return [
        f"--clients={sizes.clients}",
        f"--seconds={sizes.seconds}",
        f"--stored={sizes.stored}",
        f"--pool={sizes.pool}",
        f"--baseline-seconds={sizes.baseline_seconds}",
    ]


def main(argv: list[str]) -> int:
    from bench.common import quick

    default = QUICK if quick() else FULL
    parser = argparse.ArgumentParser(
        prog="python -m bench.bench_watch_floor_load", description=__doc__.split("\n")[0]
    )
    parser.add_argument("--clients", type=int, default=default.clients)
    parser.add_argument("--seconds", type=float, default=default.seconds)
    parser.add_argument("--stored", type=int, default=default.stored)
    parser.add_argument("--pool", type=int, default=default.pool)
    parser.add_argument("--baseline-seconds", type=float, default=default.baseline_seconds)
    parser.add_argument("--no-streams", action="store_true", help="no live stream open (to see their cost)")
    parser.add_argument("--json", action="store_true", help="print the result as JSON (for a parent process)")
    args = parser.parse_args(argv)
    sizes = Sizes(
        args.clients, args.seconds, args.stored, args.pool, args.baseline_seconds, streams=not args.no_streams
    )
    url = os.environ.get("BENCH_DATABASE_URL")
    if url:
        setup_django_at(url)
    else:
        setup_django()
    result = measure(sizes)
    print(json.dumps(asdict(result)) if args.json else format_line(result), flush=True)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
