"""bench ingest-sqlite / ingest-postgres: the project's import path vs a raw bulk insert of the same rows.

Project: events.ingest.ingest (validation, theatre check, area assignment, release label, batch history).
Baseline: SQLite `executemany` / PostgreSQL `COPY` of the same rows into the same table, no checks.
Both run in the same process on fresh tables; the rows are generated once by the exercise generator.
"""

from __future__ import annotations

import time
import uuid
from datetime import UTC, datetime, timedelta

from bench.common import BenchResult, run_on_postgres, runs_on, setup_django, size

SIZES = {"full": (100_000, 1_000_000), "quick": (20_000,), "tiny": (500,)}


def _inputs(count: int, seed: int = 7) -> list:
    from peacekeeper.exercise.generator import generate_events

    end = datetime(2026, 11, 1, tzinfo=UTC)
    return list(generate_events(count=count, seed=seed, start=end - timedelta(days=365), end=end))


def _reset_events() -> None:
    from django.db import connection

    from peacekeeper.events.models import EventReport, ImportBatch, Incident
    from peacekeeper.movement.models import Restriction

    # Restrictions derived from the reports go first (through the ORM, for their road links); then every
    # row that references a report (history, incident links, the assessment's counted reports), whichever
    # app holds it, then the reports, their incidents and import batches.
    Restriction.objects.filter(report__isnull=False).delete()
    referencing = [
        field.related_model
        for field in EventReport._meta.get_fields(include_hidden=True)
        if field.auto_created
        and not field.concrete
        and (field.one_to_many or field.one_to_one)
        and field.related_model is not Restriction  # those of the reports are gone; by-hand ones stay
    ]
    with connection.cursor() as cursor:
        for model in (*referencing, EventReport, Incident, ImportBatch):
            cursor.execute(f"DELETE FROM {model._meta.db_table}")  # noqa: S608 (our own table names)


def _raw_rows(inputs: list, label_ids: dict[str, int], now: datetime) -> tuple[list[str], list[tuple]]:
    from peacekeeper.events.inputs import STORED_FIELDS

    columns = [
        *STORED_FIELDS,
        "uid",
        "version",
        "status",
        "rejection_reason",
        "reported_at",
        "outside_theatre",
        "label_id",
        "created_at",
        "updated_at",
    ]
    rows = []
    for data in inputs:
        values = [getattr(data, name) for name in STORED_FIELDS]
        values += [
            uuid.uuid4().hex,
            1,
            "validated",
            "",
            data.reported_at or now,
            False,
            label_ids[data.marking or "NATO UNCLASSIFIED // REL TO KFOR"],
            now,
            now,
        ]
        rows.append(tuple(values))
    return columns, rows


def _label_ids(inputs: list) -> dict[str, int]:
    from peacekeeper.access.labels import label_from_marking

    markings = {data.marking or "NATO UNCLASSIFIED // REL TO KFOR" for data in inputs}
    return {marking: label_from_marking(marking).pk for marking in markings}


def _raw_insert(columns: list[str], rows: list[tuple]) -> float:
    from django.db import connection, transaction

    from peacekeeper.events.models import EventReport

    table = EventReport._meta.db_table
    started = time.perf_counter()
    with transaction.atomic(), connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            with cursor.copy(f"COPY {table} ({', '.join(columns)}) FROM STDIN") as copy:
                for row in rows:
                    copy.write_row(row)
        else:
            placeholders = ", ".join(["%s"] * len(columns))
            sql = f"INSERT INTO {table} ({', '.join(columns)}) VALUES ({placeholders})"  # noqa: S608
            for start in range(0, len(rows), 5000):
                cursor.executemany(sql, rows[start : start + 5000])
    return time.perf_counter() - started


def _project_ingest(inputs: list) -> float:
    from peacekeeper.events.ingest import ingest

    started = time.perf_counter()
    summary = ingest(
        items=iter(inputs),
        source_system="exercise",
        default_marking="NATO UNCLASSIFIED // REL TO KFOR",
        status="validated",
    )
    elapsed = time.perf_counter() - started
    if summary.created != len(inputs):
        raise RuntimeError(f"ingest stored {summary.created} of {len(inputs)} (rejected {summary.rejected})")
    return elapsed


def measure(name: str, counts: tuple[int, ...]) -> list[BenchResult]:
    from django.utils import timezone

    from peacekeeper.theatre.loading import load_scenario

    load_scenario(name="kosovo")
    results = []
    for count in counts:
        inputs = _inputs(count)
        label_ids = _label_ids(inputs)
        columns, rows = _raw_rows(inputs, label_ids, timezone.now())
        _reset_events()
        raw_seconds = _raw_insert(columns, rows)
        _reset_events()
        project_seconds = _project_ingest(inputs)
        _reset_events()
        project_rate, raw_rate = count / project_seconds, count / raw_seconds
        results.append(
            BenchResult(
                name=name,
                project=round(project_rate),
                baseline=round(raw_rate),
                ratio=project_rate / raw_rate,
                extras={
                    "rows": count,
                    "unit": "rows/s",
                    "project_s": round(project_seconds, 2),
                    "baseline_s": round(raw_seconds, 2),
                },
            )
        )
    return results


def sizes() -> tuple[int, ...]:
    return SIZES[size()]


def run(*, quick: bool) -> list[BenchResult]:
    results = []
    if runs_on("sqlite"):
        setup_django()
        results += measure("ingest-sqlite", sizes())
    if runs_on("postgresql"):
        results += run_on_postgres("ingest", quick_run=quick)
    return results
