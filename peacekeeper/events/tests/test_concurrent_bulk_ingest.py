"""Two imports of the same source records at the same time store each record once, and neither fails.

SQLite's IMMEDIATE transactions queue the second import behind the first; on PostgreSQL both may find the
records missing, and the one whose insert clashes with the other's looks again (ingest._retrying_clashes).
"""

import contextlib
import threading

import pytest
from django.db import connections

from peacekeeper.events import ingest as ingesting
from peacekeeper.events.models import EventReport
from peacekeeper.events.tests.factories import an_event


def records() -> list:
    return [an_event(source_id=f"c{n}", source_timestamp=1) for n in range(20)]


@pytest.mark.django_db(transaction=True)
def test_two_concurrent_imports_of_the_same_records_store_each_once(theatre, german_watchkeeper, monkeypatch):
    both_looked = threading.Barrier(2)
    lookups = threading.local()
    look_up = ingesting.stored_reports

    def look_up_then_wait_for_the_other(*args):
        # Each import's first lookup waits (briefly) for the other's, so both find the records missing where
        # the database lets them; where it does not (SQLite's write lock), the wait times out.
        found = look_up(*args)
        if not getattr(lookups, "done", False):
            lookups.done = True
            with contextlib.suppress(threading.BrokenBarrierError):
                both_looked.wait(timeout=2)
        return found

    monkeypatch.setattr(ingesting, "stored_reports", look_up_then_wait_for_the_other)
    summaries, errors = [], []

    def run() -> None:
        try:
            summaries.append(
                ingesting.ingest(
                    items=records(),
                    source_system="feed",
                    default_marking="NATO UNCLASSIFIED // REL TO KFOR",
                    user=german_watchkeeper,
                )
            )
        except Exception as error:  # reported by the assertion below
            errors.append(error)
        finally:
            connections.close_all()

    threads = [threading.Thread(target=run) for _ in range(2)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)
    assert errors == []
    assert sorted((s.created, s.unchanged, s.rejected) for s in summaries) == [(0, 20, 0), (20, 0, 0)]
    assert EventReport.objects.filter(source_system="feed").count() == 20
