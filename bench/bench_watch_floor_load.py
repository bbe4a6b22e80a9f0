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
or administrators who may validate), opens the map's live stream (`GET /api/cop/stream`, read
continuously and parsed as SSE; reconnected with `after_id` if the server ends it, as live.js does) and
keeps the log's poller going (`/log/poll/…` every 10 s, as the log page's htmx poller does once it has
been opened). Then, until the end, it repeats a watchkeeper's actions, each followed by 1 to 3 s of
think time (uniform):
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
events they carried; `stream_deliveries` how many (stream, report validated in the run) pairs arrived,
against `stream_deliveries_expected`: for every report validated in the run, the open streams whose user
may see it (by the access policy, read after the run); `delivery_p99_ms` is from the validation's answer
to the event on a stream (0 if it came first); `stream_leaks` counts events a stream's user may not see
(must be 0). `double_validations` counts reports that two clients both validated successfully,
`queue_empty` reviews that found nothing to validate; `setup_s` is the time taken to fill the database.
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
import contextlib
import json
import math
import os
import random
import subprocess
import sys
import tempfile
import time
from collections import Counter
from concurrent.futures import ThreadPoolExecutor
from dataclasses import asdict, dataclass
from datetime import UTC, datetime, timedelta
from pathlib import Path

from bench.common import THROWAWAY_KEY, BenchResult, format_line, percentile, setup_django
from bench.serving import free_port, log_in_cookies, start_server, stop_server
from bench.watch_floor_clients import THINK_SECONDS, ZOOM, Tally, WatchClient, loop_lag

NAME = "watch-floor-load"
WORKERS = 2


@dataclass(frozen=True)
class Sizes:
    clients: int
    seconds: float
    stored: int  # validated reports in the log
    pool: int  # submitted reports waiting for an analyst
    baseline_seconds: float
    streams: bool = True  # False only to see what the open streams cost (--no-streams)


FULL = Sizes(clients=50, seconds=60.0, stored=200_000, pool=2_000, baseline_seconds=15.0)
QUICK = Sizes(clients=10, seconds=15.0, stored=20_000, pool=400, baseline_seconds=5.0)

PER_DAY = 550  # the log's density: 200k reports over a year
POOL_DAYS = 3
MARKINGS = (
    ("NATO UNCLASSIFIED // REL TO KFOR", 0.65),
    ("NATO RESTRICTED // REL TO KFOR", 0.20),
    ("NATO SECRET // REL TO KFOR", 0.10),
    ("NATO UNCLASSIFIED // REL TO KFOR, EULEX", 0.05),
)
EXPORT_PERIOD = 60.0
EXPORT_SPREAD = 0.9  # first exports are staggered over this share of the period
STREAM_GRACE = 10.0


# ---------------------------------------------------------------------------------------------------
# The database


def prepare_database(sizes: Sizes) -> None:
    """The theatre, the demo users, the log and the queue (see the module's docstring)."""
    from django.db import connection
    from django.utils import timezone

    from bench.bench_ingest import _reset_events
    from peacekeeper.access.services import create_demo_users
    from peacekeeper.events.ingest import ingest
    from peacekeeper.exercise.generator import SOURCE_SYSTEM, generate_events
    from peacekeeper.exercise.sample import sample_theatre
    from peacekeeper.theatre.loading import load_scenario

    load_scenario(name="kosovo")
    create_demo_users()
    _reset_events()  # another benchmark of the same run may have filled the log
    theatre = sample_theatre()
    # Reports are logged up to 90 minutes after they happen, and none may be logged in the future.
    end = timezone.now() - timedelta(hours=2)
    span = timedelta(days=max(2.0, sizes.stored / PER_DAY))
    for number, (marking, share) in enumerate(MARKINGS):
        for status, total, start, seed in (
            ("validated", sizes.stored, end - span, 100 + number),
            ("submitted", sizes.pool, end - timedelta(days=POOL_DAYS), 200 + number),
        ):
            count = max(1, round(total * share))
            summary = ingest(
                items=generate_events(count=count, seed=seed, start=start, end=end, theatre=theatre),
                source_system=SOURCE_SYSTEM,
                default_marking=marking,
                status=status,
                file_name=f"bench {NAME} seed {seed}",
            )
            if summary.rejected:
                message = f"{summary.rejected} of {count} generated reports refused ({marking}, {status})"
                if summary.rejected > count / 100:
                    raise RuntimeError(message)
                print(f"{NAME}: {message}", file=sys.stderr)
    with connection.cursor() as cursor:
        cursor.execute("ANALYZE")


def export_query() -> dict[str, str]:
    """The watch's export: the log since yesterday 00:00 UTC (a fixed set for the run)."""
    return {"since": (datetime.now(UTC).date() - timedelta(days=1)).isoformat()}


def expected_export_rows(usernames: set[str], query: dict[str, str]) -> dict[str, int]:
    """How many rows the export must hold for each user: the same filter, counted in the database."""
    from django.contrib.auth.models import User
    from django.http import QueryDict
    from django.utils.http import urlencode

    from peacekeeper.events.queries import filtered_events
    from peacekeeper.events.views_list import LogFilterForm

    form = LogFilterForm(QueryDict(urlencode(query)))
    rows = {}
    for username in usernames:
        user = User.objects.get(username=username)
        rows[username] = filtered_events(user=user, filters=form.event_filter()).count()
    return rows


def default_bbox() -> str:
    """The default view's box as events_layer.js asks for it: the theatre, padded 10 %, snapped outwards to
    half a tile at the zoom."""
    from peacekeeper.cop.events_layer import theatre_bbox

    west, south, east, north = theatre_bbox()
    pad_x, pad_y = (east - west) * 0.1, (north - south) * 0.1
    cell = 180 / 2**ZOOM
    box = (
        max(-180.0, math.floor((west - pad_x) / cell) * cell),
        max(-85.0, math.floor((south - pad_y) / cell) * cell),
        min(180.0, math.ceil((east + pad_x) / cell) * cell),
        min(85.0, math.ceil((north + pad_y) / cell) * cell),
    )
    return ",".join(f"{value:.4f}" for value in box)


def _cpu_seconds(server_pid: int) -> tuple[float, float]:
    """CPU seconds used so far by the server (its processes together) and by this process (the clients)."""
    import psutil

    server = psutil.Process(server_pid)
    used = 0.0
    for process in (server, *server.children(recursive=True)):
        with contextlib.suppress(psutil.Error):
            times = process.cpu_times()
            used += times.user + times.system
    return used, time.process_time()


@dataclass
class Outcome:
    baseline: Tally
    floor: Tally
    clients: list[WatchClient]
    streaming: list[WatchClient]
    loop_lag: list[float]
    streams_open: int
    server_cpu_pct: float
    client_cpu_pct: float


async def _drive(
    port: int, sizes: Sizes, logins: list[tuple[str, bool, dict]], baseline_login, context
) -> Outcome:
    rng = random.Random(11)
    # The baseline: one analyst alone, no stream, no think time, after one unmeasured pass.
    username, reviewer, cookies = baseline_login
    warm = WatchClient(
        username=username,
        reviewer=reviewer,
        cookies=cookies,
        port=port,
        tally=Tally(),
        context=context,
        seed=1,
    )
    await warm.warm_up()
    baseline = Tally()
    warm.tally = baseline
    await warm.export()
    await warm.work(deadline=time.perf_counter() + sizes.baseline_seconds, think=(0.0, 0.0))
    await warm.http.aclose()

    floor = Tally()
    clients = [
        WatchClient(
            username=name,
            reviewer=may_validate,
            cookies=jar,
            port=port,
            tally=floor,
            context=context,
            seed=100 + i,
        )
        for i, (name, may_validate, jar) in enumerate(logins)
    ]
    streaming = clients if sizes.streams else []
    background = [asyncio.create_task(client.read_stream()) for client in streaming]
    lag: list[float] = []
    # A stream that does not open is counted as failed; the floor starts with those that did.
    with contextlib.suppress(TimeoutError):
        await asyncio.wait_for(asyncio.gather(*(client.connected.wait() for client in streaming)), timeout=60)
    background.append(asyncio.create_task(loop_lag(lag)))
    background += [asyncio.create_task(client.poll_log()) for client in clients]
    cpu_before = _cpu_seconds(context["server_pid"])
    started = time.perf_counter()
    deadline = started + sizes.seconds
    period = context["export_period"]
    offsets = [(i + rng.random()) / len(clients) * period * EXPORT_SPREAD for i in range(len(clients))]
    rng.shuffle(offsets)
    await asyncio.gather(
        *(client.work(deadline=deadline, think=THINK_SECONDS) for client in clients),
        *(
            client.export_every(first=started + offset, period=period, deadline=deadline)
            for client, offset in zip(clients, offsets, strict=True)
        ),
    )
    wall = time.perf_counter() - started
    cpu = [
        (after - before) / wall * 100
        for before, after in zip(cpu_before, _cpu_seconds(context["server_pid"]), strict=True)
    ]
    await _await_deliveries(streaming, floor)
    streams_open = sum(client.stream_open for client in clients)
    for task in background:
        task.cancel()
    await asyncio.gather(*background, return_exceptions=True)
    await asyncio.gather(*(client.http.aclose() for client in clients))
    return Outcome(
        baseline, floor, clients, streaming, lag, streams_open, server_cpu_pct=cpu[0], client_cpu_pct=cpu[1]
    )


# ---------------------------------------------------------------------------------------------------
# The run


def _visible(usernames: set[str], ids: set[int]) -> dict[str, set[int]]:
    """Which of these reports each user may see, by the access policy."""
    from django.contrib.auth.models import User
    from django.db import connections

    from peacekeeper.access import policy
    from peacekeeper.events.models import EventReport

    try:
        return {
            username: set(
                policy.visible(
                    EventReport.objects.filter(pk__in=ids), User.objects.get(username=username)
                ).values_list("pk", flat=True)
            )
            for username in usernames
        }
    finally:
        connections.close_all()


async def _await_deliveries(clients: list[WatchClient], floor: Tally) -> None:
    """Keep the streams open until each has every report validated in the run that its user may see, or
    STREAM_GRACE seconds have passed."""
    if not clients:
        return
    deadline = time.perf_counter() + STREAM_GRACE
    validated = set(floor.validated)
    visible = await asyncio.to_thread(_visible, {client.username for client in clients}, validated)
    while time.perf_counter() < deadline:
        if all(visible[client.username] <= client.received.keys() for client in clients):
            return
        await asyncio.sleep(0.1)


def _deliveries(outcome: Outcome) -> dict[str, object]:
    """Live events against the access policy: expected deliveries, deliveries, their latency, leaks."""
    validated = {report: min(times) for report, times in outcome.floor.validated.items()}
    received = set().union(*(client.received.keys() for client in outcome.clients))
    visible = _visible({client.username for client in outcome.clients}, set(validated) | received)
    expected = deliveries = leaks = 0
    latencies = []
    for client in outcome.streaming:
        mine = visible[client.username]
        expected += len(mine & set(validated))
        for report, arrived in client.received.items():
            if report not in mine:
                leaks += 1
            elif report in validated:
                deliveries += 1
                latencies.append(max(0.0, (arrived - validated[report]) * 1000))
    return {
        "stream_deliveries": deliveries,
        "stream_deliveries_expected": expected,
        "delivery_p50_ms": round(percentile(latencies, 0.5), 1) if latencies else 0,
        "delivery_p99_ms": round(percentile(latencies, 0.99), 1) if latencies else 0,
        "stream_leaks": leaks,
    }


def _report_details(outcome: Outcome, server_log: Path) -> None:
    """Figures per kind of request and what went wrong, on standard error (standard output keeps its line)."""
    out = sys.stderr
    for phase, tally in (("baseline", outcome.baseline), ("floor", outcome.floor)):
        for kind, values in sorted(tally.latencies.items()):
            print(
                f"{NAME} {phase}: {kind} n={len(values)} p50_ms={percentile(values, 0.5):.1f} "
                f"p99_ms={percentile(values, 0.99):.1f} max_ms={max(values):.1f}",
                file=out,
            )
        for (kind, status, body), count in tally.failures.most_common(12):
            print(f"{NAME} {phase}: {count} x {kind} {status}: {body}", file=out)
        for problem, count in tally.export_problems.most_common(6):
            print(f"{NAME} {phase}: {count} x export failed: {problem}", file=out)
    if not server_log.exists():
        return
    last_lines: Counter = Counter()
    lines = server_log.read_text(encoding="utf-8", errors="replace").splitlines()
    for number, line in enumerate(lines):
        if line.startswith("Traceback"):
            tail = next(
                (
                    later
                    for later in lines[number + 1 :]
                    if later and not later.startswith((" ", "Traceback"))
                ),
                "",
            )
            last_lines[tail[:240]] += 1
    for line, count in last_lines.most_common(8):
        print(f"{NAME} server: {count} x {line}", file=out)


def measure(sizes: Sizes) -> BenchResult:
    import logging

    from django.db import connections

    from peacekeeper.access.services import DEMO_USERS
    from peacekeeper.events.workflow import REVIEW_ROLES

    logging.getLogger("httpx").setLevel(logging.WARNING)  # one line per request otherwise
    started = time.perf_counter()
    prepare_database(sizes)
    setup_seconds = time.perf_counter() - started
    users = [DEMO_USERS[i % len(DEMO_USERS)] for i in range(sizes.clients)]
    analyst = next(spec for spec in DEMO_USERS if set(spec.roles) & REVIEW_ROLES)
    query = export_query()
    context = {
        "bbox": default_bbox(),
        "export_query": query,
        "export_rows": expected_export_rows({spec.username for spec in [*users, analyst]}, query),
        "export_period": min(EXPORT_PERIOD, sizes.seconds),
    }
    connections.close_all()
    port = free_port()
    with tempfile.TemporaryDirectory(prefix="peacekeeper-bench-serve-") as directory:
        server_log = Path(directory) / "serve.log"
        server = start_server(port, workers=WORKERS, log=server_log)
        try:
            with ThreadPoolExecutor(max_workers=4) as pool:
                jars = list(pool.map(lambda spec: log_in_cookies(port, spec.username, spec.password), users))
            logins = [
                (spec.username, bool(set(spec.roles) & REVIEW_ROLES), jar)
                for spec, jar in zip(users, jars, strict=True)
            ]
            baseline_login = (
                analyst.username,
                True,
                log_in_cookies(port, analyst.username, analyst.password),
            )
            context["server_pid"] = server.pid
            outcome = asyncio.run(_drive(port, sizes, logins, baseline_login, context))
        finally:
            stop_server(server)
        _report_details(outcome, server_log)
    floor, baseline = outcome.floor, outcome.baseline
    latencies, baseline_latencies = floor.interactive(), baseline.interactive()
    p99, baseline_p99 = percentile(latencies, 0.99), percentile(baseline_latencies, 0.99)
    by_kind = {kind: percentile(values, 0.99) for kind, values in floor.latencies.items() if kind != "export"}
    slowest = max(by_kind, key=by_kind.get)
    doubled = sum(1 for times in floor.validated.values() if len(times) > 1)
    return BenchResult(
        name=NAME,
        project=round(p99, 1),
        baseline=round(baseline_p99, 1),
        ratio=baseline_p99 / p99,
        extras={
            "p99_ms": round(p99, 1),
            "p50_ms": round(percentile(latencies, 0.5), 1),
            "errors": floor.errors,
            "exports": floor.exports,
            "exports_failed": floor.exports_failed,
            "validations": floor.validations,
            "conflicts": floor.conflicts,
            "double_validations": doubled,
            "queue_empty": floor.queue_empty,
            "streams": outcome.streams_open,
            "stream_reconnects": sum(client.reconnects for client in outcome.clients),
            "events_received": sum(client.events_received for client in outcome.clients),
            **_deliveries(outcome),
            "requests": len(latencies) + floor.exports,
            "export_p50_ms": round(percentile(floor.export_ms, 0.5), 1) if floor.export_ms else 0,
            "export_max_ms": round(max(floor.export_ms), 1) if floor.export_ms else 0,
            "export_rows": max(context["export_rows"].values()),
            "slowest": slowest,
            "slowest_p99_ms": round(by_kind[slowest], 1),
            "baseline_p50_ms": round(percentile(baseline_latencies, 0.5), 1),
            "baseline_errors": baseline.errors,
            "baseline_export_ms": round(baseline.export_ms[0], 1) if baseline.export_ms else 0,
            "client_lag_p99_ms": round(percentile(outcome.loop_lag, 0.99), 1) if outcome.loop_lag else 0,
            "server_cpu_pct": round(outcome.server_cpu_pct),
            "client_cpu_pct": round(outcome.client_cpu_pct),
            "clients": sizes.clients,
            "seconds": round(sizes.seconds),
            "stored": sizes.stored,
            "pool": sizes.pool,
            "setup_s": round(setup_seconds),
        },
    )


def _setup_database_at(url: str) -> None:
    """Django on BENCH_DATABASE_URL, migrated; refused, before anything is changed, if it holds reports."""
    os.environ["DJANGO_SETTINGS_MODULE"] = "peacekeeper.settings"
    os.environ["DATABASE_URL"] = url
    os.environ["PEACEKEEPER_HTTPS"] = "false"
    os.environ.setdefault("PEACEKEEPER_SECRET_KEY", THROWAWAY_KEY)
    import django
    from django.core.management import call_command
    from django.db import connection

    django.setup()
    from peacekeeper.events.models import EventReport

    table = EventReport._meta.db_table
    if table in connection.introspection.table_names():
        with connection.cursor() as cursor:
            cursor.execute(f"SELECT 1 FROM {table} LIMIT 1")  # noqa: S608 (our own table's name)
            if cursor.fetchone():
                raise SystemExit("BENCH_DATABASE_URL holds reports: the benchmark empties and fills it")
    call_command("migrate", verbosity=0)


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
        _setup_database_at(url)
    else:
        setup_django()
    result = measure(sizes)
    print(json.dumps(asdict(result)) if args.json else format_line(result), flush=True)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
