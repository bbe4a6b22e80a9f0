"""bench cop-load: 20 map clients for 30 s against the COP layer endpoints of the default view, over HTTP.

The database: the Kosovo theatre, the demo users and 1M reports (50k with BENCH_QUICK) ending now, spread
as in cop-layer (about 10k per 30 days). The server: `peacekeeper serve` (uvicorn, WORKERS workers, one
per core) on a free loopback port. Each client logs in through the login form (a cycle of the demo users,
so several visibility classes), then loops over the default view's layers like a browser: gzip accepted,
If-None-Match with the last ETag. Errors are answers other than 200/304, and exceptions.
Project: requests/s with 20 clients. Baseline: requests/s of one client alone on the same server, measured
first; ratio = 20-client throughput / single-client throughput. p50/p99 are per request, 20 clients.
"""

from __future__ import annotations

from datetime import timedelta

from bench.common import BenchResult, percentile, setup_django, size
from bench.http_clients import LoopingClient, drive
from bench.serving import free_port, log_in, start_server, stop_server

STORED = {"full": 1_000_000, "quick": 50_000, "tiny": 1_000}
SECONDS = {"full": 30.0, "quick": 10.0, "tiny": 1.0}
CLIENTS = {"full": 20, "quick": 20, "tiny": 3}
# One uvicorn worker per core of the 2-core benchmark machine, as a deployment would run it. Under ASGI a
# worker runs Django's sync views one at a time; with one worker, p99 was 400-520 ms in quick runs.
WORKERS = 2
ENDPOINTS = [
    "/api/cop/events.geojson",
    "/api/cop/area-levels",
    "/api/cop/fom",
    "/api/theatre/sites.geojson",
    "/api/forces/units.geojson",
]


def map_client(port: int, cookie: str, endpoints: list[str]) -> LoopingClient:
    """One open map: its session, and the ETag of each layer it holds (If-None-Match; 304 is an answer)."""
    return LoopingClient(port, endpoints, headers={"Cookie": cookie}, revalidate=True, accepted=(200, 304))


def _prepare_database(stored: int) -> None:
    from django.utils import timezone

    from bench.bench_cop_layer import fill
    from peacekeeper.access.services import create_demo_users
    from peacekeeper.theatre.loading import load_scenario

    load_scenario(name="kosovo")
    create_demo_users()
    fill(stored, end=timezone.now() + timedelta(minutes=5))


def run(*, quick: bool) -> list[BenchResult]:
    setup_django()
    from peacekeeper.access.services import DEMO_USERS

    stored, seconds, client_count = STORED[size()], SECONDS[size()], CLIENTS[size()]
    _prepare_database(stored)
    from django.db import connections

    connections.close_all()
    port = free_port()
    server = start_server(port, workers=WORKERS)
    try:
        cookie = log_in(port, DEMO_USERS[0].username, DEMO_USERS[0].password)
        probe = map_client(port, cookie, ENDPOINTS)
        endpoints = [path for path in ENDPOINTS if _answers(probe, path)]
        single = map_client(port, cookie, endpoints)
        single_requests, single_elapsed = drive([single], min(seconds, 10.0))
        users = [DEMO_USERS[i % len(DEMO_USERS)] for i in range(client_count)]
        clients = [map_client(port, log_in(port, user.username, user.password), endpoints) for user in users]
        requests, elapsed = drive(clients, seconds)
    finally:
        stop_server(server)
    latencies = [value for client in clients for value in client.latencies]
    p99_by_layer = {
        path: percentile([value for client in clients for value in client.by_path[path]], 0.99)
        for path in endpoints
    }
    slowest = max(p99_by_layer, key=p99_by_layer.get)
    rate, single_rate = requests / elapsed, single_requests / single_elapsed
    return [
        BenchResult(
            name="cop-load",
            project=round(rate, 1),
            baseline=round(single_rate, 1),
            ratio=rate / single_rate,
            extras={
                "unit": "requests/s",
                "p99_ms": round(percentile(latencies, 0.99), 1),
                "p50_ms": round(percentile(latencies, 0.5), 1),
                "errors": sum(client.errors for client in clients) + single.errors,
                "clients": client_count,
                "seconds": round(seconds),
                "requests": requests,
                "layers": len(endpoints),
                "slowest_layer": slowest.rsplit("/", 1)[-1],
                "slowest_layer_p99_ms": round(p99_by_layer[slowest], 1),
                "stored": stored,
            },
        )
    ]


def _answers(client: LoopingClient, path: str) -> bool:
    """Whether the server has this layer (the units layer comes with the forces app)."""
    errors = client.errors
    client.fetch(path)
    client.etags.pop(path, None)
    return client.errors == errors
