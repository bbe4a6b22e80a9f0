"""bench assessment: every municipality assessed at 1M stored events, and the update per validated report.

Stored: 1M validated exercise reports (50k with BENCH_QUICK), filled as for bench cop-layer (about 10k per
30 days: 1M over about 8 years). The day cells are then rebuilt once (`rebuild_s`).

assessment-full. Project: `assess()` for the watchkeeper at the end of the data: all 38 municipalities and
the country, 7/30/90-day figures by category, severity index, baseline change with exact Poisson tests,
90-day sparklines and the rules, from the day cells the reader may see. Baseline: one raw SQL GROUP BY over
the event table for the same window figures (reports and severity sums per area and category for the 7, 30,
90 days and the 365-day baseline; reader's label ids inlined), with no daily series, tests or rules.

assessment-incremental. Project: `ledger.update_reports([id])` after one report is validated (the ledger
row, and its old and new (area, day) cells recomputed), p50 over many reports (p99 in the extras).
Baseline: the raw aggregate query for that report's area over the 455 days one assessment reads (what
recomputing that area from the event table costs without the cells).
"""

from __future__ import annotations

import random
import time
from datetime import timedelta

from bench.bench_cop_layer import END, load_theatre_and_events
from bench.common import BenchResult, percentile, setup_django, size

ROUNDS = {"full": 11, "quick": 5, "tiny": 2}
VALIDATED = {"full": 300, "quick": 60, "tiny": 5}

WINDOW_SQL = (
    "SELECT area_id, category, "
    "SUM(CASE WHEN occurred_at >= %s THEN 1 ELSE 0 END), SUM(CASE WHEN occurred_at >= %s THEN 1 ELSE 0 END), "
    "SUM(CASE WHEN occurred_at >= %s THEN 1 ELSE 0 END), "
    "SUM(CASE WHEN occurred_at >= %s THEN severity ELSE 0 END), "
    "SUM(CASE WHEN occurred_at < %s THEN 1 ELSE 0 END) "
    "FROM events_eventreport WHERE label_id IN ({labels}) AND status IN ('validated', 'published') "
    "AND area_id IS NOT NULL AND occurred_at >= %s AND occurred_at < %s GROUP BY area_id, category"
)
AREA_SQL = (
    "SELECT category, COUNT(*), SUM(severity) FROM events_eventreport WHERE area_id = %s "
    "AND label_id IN ({labels}) AND status IN ('validated', 'published') AND occurred_at >= %s "
    "AND occurred_at < %s GROUP BY category"
)


def _baseline_full(label_ids: list[int]) -> int:
    from django.db import connection

    end = END
    bounds = [
        end - timedelta(days=7),
        end - timedelta(days=30),
        end - timedelta(days=90),
        end - timedelta(days=30),
    ]
    params = [*bounds, end - timedelta(days=90), end - timedelta(days=455), end]
    with connection.cursor() as cursor:
        cursor.execute(WINDOW_SQL.format(labels=", ".join(map(str, label_ids))), params)
        return len(cursor.fetchall())


def _baseline_area(label_ids: list[int], area_id: int) -> None:
    from django.db import connection

    with connection.cursor() as cursor:
        cursor.execute(
            AREA_SQL.format(labels=", ".join(map(str, label_ids))), [area_id, END - timedelta(days=455), END]
        )
        cursor.fetchall()


def run(*, quick: bool) -> list[BenchResult]:
    setup_django()
    from django.contrib.auth.models import User
    from django.db import connection

    from peacekeeper.access import policy
    from peacekeeper.assessment import ledger
    from peacekeeper.assessment.assessing import assess
    from peacekeeper.assessment.models import DayCell
    from peacekeeper.events.models import EventReport, Status

    stored = load_theatre_and_events()
    started = time.perf_counter()
    counted = ledger.rebuild()
    rebuild_s = time.perf_counter() - started
    with connection.cursor() as cursor:
        cursor.execute("ANALYZE")
    user = User.objects.get(username="watchkeeper")
    label_ids = list(policy.visible_labels(policy.subject_for(user)).values_list("pk", flat=True))
    at = END - timedelta(microseconds=1)

    rounds = ROUNDS[size()]
    project, baseline = [], []
    for _ in range(rounds):
        started = time.perf_counter()
        assessment, _ = assess(user=user, at=at)
        project.append((time.perf_counter() - started) * 1000)
        started = time.perf_counter()
        baseline_rows = _baseline_full(label_ids)
        baseline.append((time.perf_counter() - started) * 1000)
    full_p50, full_base = percentile(project, 0.5), percentile(baseline, 0.5)

    # Reports of the last 455 days, put back to "submitted" and then validated one by one.
    chance = random.Random(6)
    recent = list(
        EventReport.objects.filter(occurred_at__gte=END - timedelta(days=455)).values_list("id", "area_id")[
            :20000
        ]
    )
    sample = chance.sample(recent, VALIDATED[size()])
    EventReport.objects.filter(pk__in=[pk for pk, _ in sample]).update(status=Status.SUBMITTED)
    ledger.update_reports([pk for pk, _ in sample])
    updates, raws = [], []
    for pk, area_id in sample:
        EventReport.objects.filter(pk=pk).update(status=Status.VALIDATED)
        started = time.perf_counter()
        ledger.update_reports([pk])
        updates.append((time.perf_counter() - started) * 1000)
        started = time.perf_counter()
        _baseline_area(label_ids, area_id)
        raws.append((time.perf_counter() - started) * 1000)
    inc_p50, inc_base = percentile(updates, 0.5), percentile(raws, 0.5)
    return [
        BenchResult(
            name="assessment-full",
            project=round(full_p50, 1),
            baseline=round(full_base, 1),
            ratio=full_base / full_p50,
            extras={
                "unit": "ms",
                "stored": stored,
                "counted": counted,
                "cells": DayCell.objects.count(),
                "areas": len(assessment.areas),
                "country_90d": assessment.country.windows[90].count,
                "baseline_rows": baseline_rows,
                "rebuild_s": round(rebuild_s, 1),
                "p99_ms": round(percentile(project, 0.99), 1),
                "rounds": rounds,
            },
        ),
        BenchResult(
            name="assessment-incremental",
            project=round(inc_p50, 2),
            baseline=round(inc_base, 2),
            ratio=inc_base / inc_p50,
            extras={
                "unit": "ms",
                "stored": stored,
                "p99_ms": round(percentile(updates, 0.99), 2),
                "baseline_p99_ms": round(percentile(raws, 0.99), 2),
                "reports": len(updates),
            },
        ),
    ]
