"""The payload is read in one snapshot: on PostgreSQL a REPEATABLE READ, read-only transaction (SQLite's
IMMEDIATE transaction holds the database still on its own)."""

import pytest
from django.db import connection

from peacekeeper.release import exporting

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.mark.skipif(connection.vendor != "postgresql", reason="PostgreSQL's isolation levels")
def test_the_payload_is_read_in_one_repeatable_read_transaction(keys, monkeypatch):
    seen = []

    def notices(ids):
        with connection.cursor() as cursor:
            cursor.execute("SHOW transaction_isolation")
            isolation = cursor.fetchone()[0]
            cursor.execute("SHOW transaction_read_only")
            seen.append((isolation, cursor.fetchone()[0], connection.in_atomic_block))
        return []

    monkeypatch.setitem(exporting.COLLECTORS, "notices", notices)
    exporting.collect_payload()
    assert seen == [("repeatable read", "on", True)]
