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

import http.client
import threading
import time
from datetime import timedelta

from bench.common import BenchResult, percentile, setup_django, size
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


class MapClient:
    """One open map: a kept-alive connection, its session, and the ETag of each layer it holds."""

    def __init__(self, port: int, cookie: str, endpoints: list[str]) -> None:
        self.port, self.cookie, self.endpoints = port, cookie, endpoints
        self.etags: dict[str, str] = {}
        self.latencies: list[float] = []
        self.by_path: dict[str, list[float]] = {path: [] for path in endpoints}
        self.errors = 0
        self.connection = http.client.HTTPConnection("127.0.0.1", port, timeout=30)

    def fetch(self, path: str) -> None:
        headers = {"Cookie": self.cookie, "Accept-Encoding": "gzip"}
        if path in self.etags:
            headers["If-None-Match"] = self.etags[path]
        started = time.perf_counter()
        try:
            self.connection.request("GET", path, headers=headers)
            response = self.connection.getresponse()
            response.read()
        except (OSError, http.client.HTTPException):
            self.errors += 1
            self.connection.close()
            self.connection = http.client.HTTPConnection("127.0.0.1", self.port, timeout=30)
            return
        self.latencies.append((time.perf_counter() - started) * 1000)
        self.by_path[path].append(self.latencies[-1])
        if response.status not in (200, 304):
            self.errors += 1
        elif response.getheader("ETag"):
            self.etags[path] = response.getheader("ETag")

    def run_for(self, seconds: float) -> None:
        deadline = time.monotonic() + seconds
        while time.monotonic() < deadline:
            for path in self.endpoints:
                self.fetch(path)


def _drive(clients: list[MapClient], seconds: float) -> tuple[int, float]:
    threads = [threading.Thread(target=client.run_for, args=(seconds,)) for client in clients]
    started = time.perf_counter()
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    elapsed = time.perf_counter() - started
    return sum(len(client.latencies) + client.errors for client in clients), elapsed


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
        probe = MapClient(port, log_in(port, DEMO_USERS[0].username, DEMO_USERS[0].password), ENDPOINTS)
        endpoints = [path for path in ENDPOINTS if _answers(probe, path)]
        single = MapClient(port, probe.cookie, endpoints)
        single_requests, single_elapsed = _drive([single], min(seconds, 10.0))
        users = [DEMO_USERS[i % len(DEMO_USERS)] for i in range(client_count)]
        clients = [MapClient(port, log_in(port, user.username, user.password), endpoints) for user in users]
        requests, elapsed = _drive(clients, seconds)
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


def _answers(client: MapClient, path: str) -> bool:
    """Whether the server has this layer (the units layer comes with the forces app)."""
    errors = client.errors
    client.fetch(path)
    client.etags.pop(path, None)
    return client.errors == errors
