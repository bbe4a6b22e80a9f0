"""The log and the API sorted by when a report was logged, so a back-dated report is not buried."""

from datetime import UTC, datetime, timedelta

import pytest
import time_machine
from django.db import connection
from django.urls import reverse

from peacekeeper.events import queries
from peacekeeper.events.recording import create_report
from peacekeeper.events.tests.factories import an_event

pytestmark = pytest.mark.django_db

SHIFT = datetime(2026, 12, 7, 3, 10, tzinfo=UTC)
NATIONAL = "NATO RESTRICTED // DEU ONLY"


def log_at(moment: datetime, user, **fields):
    fields.setdefault("occurred_at", moment - timedelta(hours=2))
    with time_machine.travel(moment, tick=False):
        return create_report(user=user, data=an_event(**fields))


def test_a_back_dated_report_comes_first_when_sorted_by_time_logged(client, theatre, german_watchkeeper):
    earlier = SHIFT - timedelta(minutes=30)
    for minutes in range(60):  # more than a page of reports with a later DTG, logged earlier
        log_at(earlier, german_watchkeeper, occurred_at=earlier - timedelta(minutes=minutes))
    late = log_at(SHIFT, german_watchkeeper, occurred_at=SHIFT - timedelta(days=2), narrative="Filed late")
    client.force_login(german_watchkeeper)
    with time_machine.travel(SHIFT + timedelta(minutes=5), tick=False):
        by_dtg = client.get(reverse("events:list")).content.decode()
        by_logged = client.get(reverse("events:list"), {"sort": "logged"}).content.decode()
    assert "Filed late" not in by_dtg  # on a later page by its DTG
    assert "Filed late" in by_logged
    first_row = by_logged.index('data-id="', by_logged.index("<tbody"))
    assert by_logged.index(f'data-id="{late.pk}"') == first_row
    assert '<th scope="col" title="When the report was logged">Logged</th>' in by_logged
    assert '<td class="logged" data-testid="logged">070310ZDEC26</td>' in by_logged
    assert 'value="logged" selected' in by_logged  # the sort is kept in the address and the form


def test_api_pages_by_time_logged_cross_ties_without_gaps_or_repeats(
    client, theatre, german_watchkeeper, italian_analyst
):
    made = []
    for minute in (0, 0, 0, 1, 1, 2, 2, 2, 2):  # several reports logged in the same instant
        made.append(log_at(SHIFT + timedelta(minutes=minute), german_watchkeeper))
    hidden = log_at(SHIFT + timedelta(minutes=1), german_watchkeeper, marking=NATIONAL)
    client.force_login(italian_analyst)
    seen, cursor = [], None
    while True:
        params = {"limit": 2, "order": "logged"} | ({"cursor": cursor} if cursor else {})
        page = client.get("/api/events/", params).json()
        seen += [item["id"] for item in page["items"]]
        cursor = page["next_cursor"]
        if not cursor:
            break
    expected = [r.pk for r in sorted(made, key=lambda r: (r.created_at, r.pk), reverse=True)]
    assert seen == expected
    assert hidden.pk not in seen


def test_a_cursor_is_followed_only_in_its_own_order(client, theatre, german_watchkeeper):
    for minute in range(3):
        log_at(SHIFT + timedelta(minutes=minute), german_watchkeeper)
    client.force_login(german_watchkeeper)
    logged_cursor = client.get("/api/events/", {"limit": 1, "order": "logged"}).json()["next_cursor"]
    dtg_cursor = client.get("/api/events/", {"limit": 1}).json()["next_cursor"]
    wrong = client.get("/api/events/", {"limit": 1, "cursor": logged_cursor})
    assert wrong.status_code == 422
    assert "order=occurred" in str(wrong.json())
    assert (
        client.get("/api/events/", {"limit": 1, "order": "logged", "cursor": dtg_cursor}).status_code == 422
    )
    assert client.get("/api/events/", {"order": "typed"}).status_code == 422


def test_the_logged_order_reads_its_index(theatre, german_watchkeeper):
    log_at(SHIFT, german_watchkeeper)
    indexes = connection.introspection.get_constraints(connection.cursor(), "events_eventreport")
    assert indexes["events_even_created_dfcfcf_idx"]["columns"] == ["created_at", "id"]
    if connection.vendor != "postgresql":
        return  # SQLite's planner picks by its own estimates on a few rows; the index is there.
    queryset = queries.filtered_events(user=german_watchkeeper, filters=queries.EventFilter(), sort="logged")
    sql, params = queryset[:51].query.sql_with_params()
    with connection.cursor() as cursor:
        # On a few rows a sequential scan and a sort are cheaper; forbidding them shows the index serves.
        cursor.execute("SET LOCAL enable_seqscan = off")
        cursor.execute("SET LOCAL enable_sort = off")
        cursor.execute("EXPLAIN " + sql, params)
        plan = " ".join(row[0] for row in cursor.fetchall())
    assert "Index Scan Backward using events_even_created_dfcfcf_idx" in plan, plan
