"""bench public-load: 50 anonymous visitors for 30 s on the public site, over HTTP.

The database: a throwaway public database, migrated, then given the shipped pages by the project's own
seeding (`peacekeeper serve --site public` seeds it as it starts). The server: `peacekeeper serve --site
public --workers 2` on a free loopback port. Each client is a visitor with a kept-alive connection and no
cookie, gzip accepted, looping without pause over the home page, the news list, a news item and a search,
in English, Albanian and Serbian (12 addresses; each client starts at another one). No If-None-Match: every
answer is a whole page the server renders, the case a cache in front of it does not take. Errors are
answers other than 200, and exceptions.

Project: requests/s of the pages. Baseline: requests/s of /robots.txt from the same clients on the same
server in the same run, a Django view through the same middleware that returns a fixed text and reads no
database: what the stack costs without a page. ratio = pages / baseline. The goal: p99 under 250 ms
(`p99_ms`) and no errors (`errors`).
"""

from __future__ import annotations

from bench.common import BenchResult, percentile, setup_django, size
from bench.http_clients import LoopingClient, drive
from bench.serving import free_port, start_server, stop_server

SITE = "public"  # run in public mode (bench/__main__.py), whose settings install Wagtail

SECONDS = {"full": 30.0, "quick": 10.0, "tiny": 1.0}
BASELINE_SECONDS = {"full": 10.0, "quick": 5.0, "tiny": 1.0}
CLIENTS = {"full": 50, "quick": 50, "tiny": 3}
WORKERS = 2
GOAL_P99_MS = 250
BASELINE_PATH = "/robots.txt"


def page_paths() -> list[str]:
    from peacekeeper.public.content import EXERCISE_NEWS, LANGUAGE_CODES

    item = EXERCISE_NEWS[-1]["slug"]
    return [
        path
        for language in LANGUAGE_CODES
        for path in (
            f"/{language}/",
            f"/{language}/news/",
            f"/{language}/news/{item}/",
            f"/{language}/search/?q=Zvecan",
        )
    ]


def anonymous_visitor(port: int, paths: list[str], start: int) -> LoopingClient:
    """One anonymous visitor: no cookie, no ETag kept, each starting at another of the addresses."""
    return LoopingClient(port, paths[start:] + paths[:start])


def _check(port: int, paths: list[str]) -> None:
    """Every address answers 200 before anything is timed: a benchmark of error pages measures nothing."""
    probe = anonymous_visitor(port, paths, 0)
    for path in paths:
        status = probe.fetch(path)
        if status != 200:
            raise RuntimeError(f"the public site answered {status or 'nothing'} to {path}")


def run(*, quick: bool) -> list[BenchResult]:
    setup_django()  # a fresh, migrated SQLite file: the throwaway public database
    from django.db import connections

    connections.close_all()
    seconds, baseline_seconds, count = SECONDS[size()], BASELINE_SECONDS[size()], CLIENTS[size()]
    paths = page_paths()
    port = free_port()
    server = start_server(port, workers=WORKERS, site="public")
    try:
        _check(port, [*paths, BASELINE_PATH])
        baseline = [anonymous_visitor(port, [BASELINE_PATH], 0) for _ in range(count)]
        baseline_requests, baseline_elapsed = drive(baseline, baseline_seconds)
        visitors = [anonymous_visitor(port, paths, index % len(paths)) for index in range(count)]
        requests, elapsed = drive(visitors, seconds)
    finally:
        stop_server(server)
    latencies = [value for visitor in visitors for value in visitor.latencies]
    baseline_latencies = [value for visitor in baseline for value in visitor.latencies]
    by_path = {path: [value for visitor in visitors for value in visitor.by_path[path]] for path in paths}
    # A tiny run's second may end before every client reached every address.
    p99_by_path = {path: percentile(values, 0.99) for path, values in by_path.items() if values}
    slowest = max(p99_by_path, key=p99_by_path.get)
    rate, baseline_rate = requests / elapsed, baseline_requests / baseline_elapsed
    return [
        BenchResult(
            name="public-load",
            project=round(rate, 1),
            baseline=round(baseline_rate, 1),
            ratio=rate / baseline_rate,
            extras={
                "unit": "requests/s",
                "p99_ms": round(percentile(latencies, 0.99), 1),
                "p50_ms": round(percentile(latencies, 0.5), 1),
                "errors": sum(visitor.errors for visitor in visitors),
                "goal_p99_ms": GOAL_P99_MS,
                "baseline_p99_ms": round(percentile(baseline_latencies, 0.99), 1),
                "baseline_errors": sum(visitor.errors for visitor in baseline),
                "clients": count,
                "workers": WORKERS,
                "seconds": round(seconds),
                "requests": requests,
                "slowest_page": slowest,
                "slowest_page_p99_ms": round(p99_by_path[slowest], 1),
            },
        )
    ]
