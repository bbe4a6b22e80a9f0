"""bench log-list: one page of the filtered log at 1M stored events, the project's path vs one raw SQL query.

Project: events.queries (access policy + filters) + keyset page + the API's serialisation of 50 rows.
Baseline: the same filter as one hand-written SQL statement with the reader's label ids inlined.
"""

from __future__ import annotations

import time
from datetime import UTC, datetime, timedelta

from bench.common import BenchResult, percentile, run_on_postgres, runs_on, setup_django, size

STORED = {"full": 1_000_000, "quick": 50_000, "tiny": 1_000}
ROUNDS = {"full": 20, "quick": 5, "tiny": 1}
END = datetime(2026, 11, 1, tzinfo=UTC)


def _fill(count: int) -> None:
    from django.db import connection
    from django.utils import timezone

    from bench.bench_ingest import _inputs, _label_ids, _raw_insert, _raw_rows, _reset_events
    from peacekeeper.theatre.boundaries import cached_municipality_index

    _reset_events()
    step = 100_000
    for start in range(0, count, step):
        inputs = _inputs(min(step, count - start), seed=100 + start)
        areas = cached_municipality_index().locate_many([d.lat for d in inputs], [d.lon for d in inputs])
        columns, rows = _raw_rows(inputs, _label_ids(inputs), timezone.now())
        columns.append("area_id")
        _raw_insert(columns, [(*row, area) for row, area in zip(rows, areas, strict=True)])
    with connection.cursor() as cursor:
        cursor.execute("ANALYZE")


def _scenarios() -> list[dict]:
    from peacekeeper.theatre.models import Area

    north = Area.objects.get(name_en="North Mitrovica").code
    return [
        {},
        {"areas": [north], "since": END - timedelta(days=7)},
        {"categories": ["fom.roadblock"], "since": END - timedelta(days=30)},
        {"text": "barricade", "since": END - timedelta(days=30)},
        {"min_severity": 4, "since": END - timedelta(days=90)},
        {"statuses": ["validated"], "since": END - timedelta(days=1)},
    ]


def _project_page(user, scenario: dict) -> int:
    from peacekeeper.events.presenting import event_dict
    from peacekeeper.events.queries import EventFilter, filtered_events, page_after

    queryset = filtered_events(user=user, filters=EventFilter(**scenario)).prefetch_related(
        "label__categories"
    )
    rows, _ = page_after(queryset, cursor=None, limit=50)
    return len([event_dict(row, user=user) for row in rows])


def _raw_page(label_ids: list[int], area_ids: dict[str, int], scenario: dict) -> int:
    from django.db import connection

    where, params = [f"e.label_id IN ({', '.join(str(i) for i in label_ids)})"], []
    if "since" in scenario:
        where.append("e.occurred_at >= %s")
        params.append(scenario["since"])
    if "areas" in scenario:
        where.append("e.area_id = %s")
        params.append(area_ids[scenario["areas"][0]])
    if "categories" in scenario:
        where.append("e.category = %s")
        params.append(scenario["categories"][0])
    if "statuses" in scenario:
        where.append("e.status = %s")
        params.append(scenario["statuses"][0])
    if "min_severity" in scenario:
        where.append("e.severity >= %s")
        params.append(scenario["min_severity"])
    if "text" in scenario:
        like = "ILIKE" if connection.vendor == "postgresql" else "LIKE"
        where.append(f"(e.narrative {like} %s OR e.location_name {like} %s OR e.actor1 {like} %s)")
        params += [f"%{scenario['text']}%"] * 3
    sql = (
        "SELECT e.*, l.marking, a.name_en FROM events_eventreport e "  # noqa: S608 (fixed SQL, bound values)
        "JOIN access_releaselabel l ON l.id = e.label_id LEFT JOIN theatre_area a ON a.id = e.area_id "
        f"WHERE {' AND '.join(where)} ORDER BY e.occurred_at DESC, e.id DESC LIMIT 50"
    )
    with connection.cursor() as cursor:
        cursor.execute(sql, params)
        return len(cursor.fetchall())


def measure_log_list(name: str) -> list[BenchResult]:
    from peacekeeper.access import policy
    from peacekeeper.access.services import create_demo_users
    from peacekeeper.theatre.loading import load_scenario
    from peacekeeper.theatre.models import Area

    load_scenario(name="kosovo")
    create_demo_users()
    stored = STORED[size()]
    _fill(stored)
    from django.contrib.auth.models import User

    user = User.objects.get(username="watchkeeper")
    label_ids = list(policy.visible_labels(policy.subject_for(user)).values_list("pk", flat=True))
    area_ids = dict(Area.objects.values_list("code", "id"))
    scenarios = _scenarios()
    rounds = ROUNDS[size()]
    project, baseline = [], []
    for _ in range(rounds):
        for scenario in scenarios:
            started = time.perf_counter()
            _project_page(user, scenario)
            project.append((time.perf_counter() - started) * 1000)
            started = time.perf_counter()
            _raw_page(label_ids, area_ids, scenario)
            baseline.append((time.perf_counter() - started) * 1000)
    p50, base50 = percentile(project, 0.5), percentile(baseline, 0.5)
    return [
        BenchResult(
            name=name,
            project=round(p50, 2),
            baseline=round(base50, 2),
            ratio=base50 / p50,
            extras={
                "unit": "ms/page",
                "p99_ms": round(percentile(project, 0.99), 2),
                "baseline_p99_ms": round(percentile(baseline, 0.99), 2),
                "stored": stored,
                "queries": len(project),
                "filters": len(scenarios),
            },
        )
    ]


def run(*, quick: bool) -> list[BenchResult]:
    results = []
    if runs_on("sqlite"):
        setup_django()
        results += measure_log_list("log-list")
    if runs_on("postgresql"):
        results += run_on_postgres("log-list", quick_run=quick)
    return results
