import threading
from datetime import timedelta

import pytest
from django.db import connection
from django.utils import timezone

from peacekeeper.events.models import EventReport, Status
from peacekeeper.exercise.generator import generate_and_store, trickle
from peacekeeper.exercise.tests.helpers import END, START


@pytest.mark.django_db
def test_storing_the_same_seed_twice_creates_the_reports_once(theatre):
    first = generate_and_store(count=300, seed=5, start=START, end=END)
    again = generate_and_store(count=300, seed=5, start=START, end=END)
    assert (first.created, first.rejected) == (300, 0)
    assert (again.created, again.unchanged) == (0, 300)
    stored = EventReport.objects.filter(source_system="exercise")
    assert stored.count() == 300
    assert set(stored.values_list("exercise", "status").distinct()) == {(True, Status.VALIDATED)}
    assert stored.filter(area__isnull=True).count() == 0


def in_a_thread(**options) -> list:
    """Run trickle in its own thread, as the demo does: its summary, and whether it closed its connection."""
    results: list = []

    def run() -> None:
        results.append(trickle(**options))
        results.append(connection.connection is None)

    thread = threading.Thread(target=run)
    thread.start()
    thread.join(timeout=30)
    assert not thread.is_alive()
    return results


@pytest.mark.django_db(transaction=True)
def test_a_trickle_stores_one_report_per_tick_until_its_limit(kosovo):
    summary, closed = in_a_thread(interval_seconds=0.01, seed=9, max_events=3)
    assert (summary.created, closed) == (3, True)
    stored = EventReport.objects.filter(source_system="exercise")
    assert stored.count() == 3
    assert {e.status for e in stored} == {Status.SUBMITTED}
    assert all(e.source_id.startswith("ex-9-live-") for e in stored)
    now = timezone.now()
    assert all(timedelta(minutes=1) <= now - e.occurred_at < timedelta(minutes=15) for e in stored)
    assert all(e.exercise and e.narrative.startswith("EXERCISE EXERCISE EXERCISE —") for e in stored)


@pytest.mark.django_db(transaction=True)
def test_a_trickle_ends_when_told_to_stop(kosovo):
    stop = threading.Event()

    def stop_after_two_reports() -> None:
        # Told to stop once it has stored two, however slow the machine: no fixed delay to outrun.
        try:
            while not stop.is_set():
                if EventReport.objects.filter(source_system="exercise").count() >= 2:
                    stop.set()
                stop.wait(0.05)
        finally:
            connection.close()

    watcher = threading.Thread(target=stop_after_two_reports)
    watcher.start()
    summary, closed = in_a_thread(interval_seconds=0.05, seed=9, stop=stop)
    stop.set()
    watcher.join()
    assert summary.created >= 2
    assert closed
    assert EventReport.objects.filter(source_system="exercise").count() == summary.created
