"""Fixtures shared by the COP's tests."""

import pytest
from django.db.backends.signals import connection_created


@pytest.fixture
def queries_everywhere():
    """Every query of every database connection opened during the test, whatever its thread (a test
    server's request threads, a hub's own connection)."""
    executed: list[str] = []

    def count(execute, sql, params, many, context):
        executed.append(sql)
        return execute(sql, params, many, context)

    def wrap(sender, connection, **kwargs):
        connection.execute_wrappers.append(count)

    connection_created.connect(wrap)
    yield executed
    connection_created.disconnect(wrap)
