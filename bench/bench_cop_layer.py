"""bench cop-layer: the COP events layer for a 30-day window at 1M stored events vs the raw query + orjson.

Stored: 1M exercise reports (50k with BENCH_QUICK) spread so that the 30-day window holds about 10k:
1M over 3,000 days (about 8 years), 50k over 150 days. All are validated, as the layer's default asks.
Project: what the endpoint computes on a cache miss, for the watchkeeper at the default zoom (9) over the
whole theatre: visibility class and data version (the cache key), the policy-filtered aggregate query,
the cluster features and orjson. The layer clusters at this zoom, so it sends far fewer bytes than the
baseline (`features=`, `bytes=` vs `baseline_rows=`, `baseline_bytes=`). `cached_ms` is a whole HTTP
request (Django test client, middleware included) answered from the cache.
Baseline: one hand-written SQL statement returning every report of the window with the same columns
(reader's label ids inlined, same window, statuses and bounds), then orjson.dumps of the rows.
"""

from __future__ import annotations

import time
from datetime import UTC, datetime, timedelta

from bench.common import BenchResult, percentile, setup_django, size

STORED = {"full": 1_000_000, "quick": 50_000, "tiny": 2_000}
ROUNDS = {"full": 21, "quick": 7, "tiny": 2}
PER_30_DAYS = 10_000
END = datetime(2026, 11, 1, tzinfo=UTC)


def fill(count: int, *, end: datetime) -> None:
    """count exercise reports, validated, over the span that puts about PER_30_DAYS in 30 days."""
    from django.db import connection
    from django.utils import timezone

    from bench.bench_ingest import _label_ids, _raw_insert, _raw_rows, _reset_events
    from peacekeeper.exercise.generator import generate_events
    from peacekeeper.exercise.sample import sample_theatre
    from peacekeeper.theatre.boundaries import cached_municipality_index

    _reset_events()
    start = end - timedelta(days=count * 30 / PER_30_DAYS)
    theatre = sample_theatre()
    step = 100_000
    for offset in range(0, count, step):
        inputs = list(
            generate_events(
                count=min(step, count - offset), seed=300 + offset, start=start, end=end, theatre=theatre
            )
        )
        areas = cached_municipality_index().locate_many([d.lat for d in inputs], [d.lon for d in inputs])
        columns, rows = _raw_rows(inputs, _label_ids(inputs), timezone.now())
        columns.append("area_id")
        _raw_insert(columns, [(*row, area) for row, area in zip(rows, areas, strict=True)])
    with connection.cursor() as cursor:
        cursor.execute("ANALYZE")


def _baseline(label_ids: list[int], window) -> bytes:
    import orjson
    from django.db import connection

    west, south, east, north = window.bbox
    statuses = ", ".join(f"'{status}'" for status in window.statuses)
    sql = (
        "SELECT e.id, e.lat, e.lon, e.category, e.severity, e.occurred_at, e.location_name, e.status, "  # noqa: S608
        "e.exercise, l.marking, a.name_en FROM events_eventreport e "
        "JOIN access_releaselabel l ON l.id = e.label_id LEFT JOIN theatre_area a ON a.id = e.area_id "
        f"WHERE e.label_id IN ({', '.join(str(i) for i in label_ids)}) AND e.occurred_at >= %s "
        f"AND e.occurred_at < %s AND e.status IN ({statuses}) AND e.lat >= %s AND e.lat <= %s "
        "AND e.lon >= %s AND e.lon <= %s ORDER BY e.occurred_at DESC, e.id DESC"
    )
    with connection.cursor() as cursor:
        cursor.execute(sql, [window.since, window.until, south, north, west, east])
        return orjson.dumps(cursor.fetchall())


def _project(user, window) -> bytes:
    import orjson

    from peacekeeper.cop import caching
    from peacekeeper.cop.events_layer import events_layer

    caching.visibility_class(user)
    caching.layer_version()
    return orjson.dumps(events_layer(user=user, window=window).body)


def load_theatre_and_events() -> int:
    """The Kosovo theatre, the demo users and the stored events of this size; returns how many."""
    from peacekeeper.access.services import create_demo_users
    from peacekeeper.theatre.loading import load_scenario

    load_scenario(name="kosovo")
    create_demo_users()
    stored = STORED[size()]
    fill(stored, end=END)
    return stored


def run(*, quick: bool) -> list[BenchResult]:
    setup_django()
    import orjson
    from django.contrib.auth.models import User
    from django.core.cache import caches
    from django.test import Client

    from peacekeeper.access import policy
    from peacekeeper.cop.events_layer import Window, theatre_bbox

    stored = load_theatre_and_events()
    user = User.objects.get(username="watchkeeper")
    label_ids = list(policy.visible_labels(policy.subject_for(user)).values_list("pk", flat=True))
    window = Window(
        since=END - timedelta(days=30),
        until=END,
        zoom=9,
        bbox=theatre_bbox(),
        statuses=("published", "validated"),
    )
    rounds = ROUNDS[size()]
    project, baseline = [], []
    for _ in range(rounds):
        started = time.perf_counter()
        body = _project(user, window)
        project.append((time.perf_counter() - started) * 1000)
        started = time.perf_counter()
        raw = _baseline(label_ids, window)
        baseline.append((time.perf_counter() - started) * 1000)
    layer = orjson.loads(body)

    caches["default"].clear()
    client = Client(HTTP_HOST="127.0.0.1")
    client.force_login(user)
    params = {"since": window.since.isoformat(), "until": window.until.isoformat(), "zoom": 9}
    client.get("/api/cop/events.geojson", params)  # fills the cache
    cached = []
    for _ in range(rounds):
        started = time.perf_counter()
        response = client.get("/api/cop/events.geojson", params)
        cached.append((time.perf_counter() - started) * 1000)
        if response.status_code != 200:
            raise RuntimeError(f"events layer answered {response.status_code}")

    p50, base50 = percentile(project, 0.5), percentile(baseline, 0.5)
    return [
        BenchResult(
            name="cop-layer",
            project=round(p50, 2),
            baseline=round(base50, 2),
            ratio=base50 / p50,
            extras={
                "unit": "ms",
                "stored": stored,
                "window_events": layer["total"],
                "clustered": layer["clustered"],
                "features": len(layer["features"]),
                "bytes": len(body),
                "baseline_rows": len(orjson.loads(raw)),
                "baseline_bytes": len(raw),
                "cached_ms": round(percentile(cached, 0.5), 2),
                "p99_ms": round(percentile(project, 0.99), 2),
                "rounds": rounds,
            },
        )
    ]
