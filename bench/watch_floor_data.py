"""The database of bench watch-floor-load (see bench/bench_watch_floor_load.py): the theatre, the demo users,
the log and the review queue it fills, and what the clients' requests and checks read from it (the map's
box, the export's filter and its row count per user, which reports each user may see)."""

from __future__ import annotations

import math
import os
import sys
from datetime import UTC, datetime, timedelta

from bench.common import THROWAWAY_KEY
from bench.watch_floor_clients import ZOOM

PER_DAY = 550  # the log's density: 200k reports over a year
POOL_DAYS = 3
MARKINGS = (
    ("NATO UNCLASSIFIED // REL TO KFOR", 0.65),
    ("NATO RESTRICTED // REL TO KFOR", 0.20),
    ("NATO SECRET // REL TO KFOR", 0.10),
    ("NATO UNCLASSIFIED // REL TO KFOR, EULEX", 0.05),
)


def setup_django_at(url: str) -> None:
    """Django on this database (BENCH_DATABASE_URL), migrated; refused, before anything is changed, if it
    holds reports."""
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


def prepare_database(*, stored: int, pool: int, bench_name: str) -> None:
    """The theatre, the demo users, a log of `stored` validated reports and a queue of `pool` submitted ones,
    in the four MARKINGS; the import batches and any warning carry `bench_name`."""
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
    span = timedelta(days=max(2.0, stored / PER_DAY))
    for number, (marking, share) in enumerate(MARKINGS):
        for status, total, start, seed in (
            ("validated", stored, end - span, 100 + number),
            ("submitted", pool, end - timedelta(days=POOL_DAYS), 200 + number),
        ):
            count = max(1, round(total * share))
            summary = ingest(
                items=generate_events(count=count, seed=seed, start=start, end=end, theatre=theatre),
                source_system=SOURCE_SYSTEM,
                default_marking=marking,
                status=status,
                file_name=f"bench {bench_name} seed {seed}",
            )
            if summary.rejected:
                message = f"{summary.rejected} of {count} generated reports refused ({marking}, {status})"
                if summary.rejected > count / 100:
                    raise RuntimeError(message)
                print(f"{bench_name}: {message}", file=sys.stderr)
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


def visible_reports(usernames: set[str], ids: set[int]) -> dict[str, set[int]]:
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
