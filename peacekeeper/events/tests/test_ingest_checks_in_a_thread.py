"""Bulk ingest checks the next batch in a thread while it stores this one; that thread must never open a
database connection of its own (it would see none of the caller's uncommitted writes, and leak)."""

import threading

import pytest
from django.db import connection

from peacekeeper.events import ingest as ingesting
from peacekeeper.events import ingest_checks
from peacekeeper.events.models import EventReport
from peacekeeper.events.tests.factories import an_event

MARKING = "NATO UNCLASSIFIED // REL TO KFOR"


@pytest.mark.django_db
def test_the_checking_thread_opens_no_database_connection(theatre, monkeypatch):
    checks = []
    original = ingest_checks.check_batch

    def watched(batch, **kwargs):
        checked = original(batch, **kwargs)
        checks.append((threading.current_thread() is threading.main_thread(), connection.connection))
        return checked

    monkeypatch.setattr(ingest_checks, "check_batch", watched)
    items = [an_event(source_id=f"s{n}") for n in range(5)] + [an_event(source_id="far", lat=44.8, lon=20.4)]
    summary = ingesting.ingest(items=items, source_system="feed", default_marking=MARKING, batch_size=2)

    assert len(checks) == 3
    assert checks == [(False, None)] * 3
    assert (summary.created, summary.rejected) == (5, 1)
    assert EventReport.objects.count() == 5


@pytest.mark.django_db
def test_items_are_stored_in_order_with_results_by_index_across_batches(theatre):
    items = [an_event(source_id=f"s{n % 4}", severity=1 + n % 5) for n in range(9)]
    items[6].category = "nope"
    summary = ingesting.ingest(
        items=items, source_system="feed", default_marking=MARKING, batch_size=3, keep_results=True
    )
    outcomes = [(result.index, result.outcome) for result in summary.results]
    assert outcomes == [
        (0, "created"), (1, "created"), (2, "created"), (3, "created"), (4, "unchanged"), (5, "unchanged"),
        (6, "rejected"), (7, "unchanged"), (8, "unchanged"),
    ]  # fmt: skip
