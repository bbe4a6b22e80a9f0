"""A fixture for browser tests that open live streams (the map's, the alert banner's, the wall's)."""

import threading
import time

import pytest

from peacekeeper.cop import live, live_alerts


@pytest.fixture
def streams_end_with_the_test(transactional_db, monkeypatch):
    """A stream notices its closed client soon and ends before the test's database goes."""
    monkeypatch.setattr(live, "PING_SECONDS", 0.5)
    monkeypatch.setattr(live, "MAX_LIFETIME_SECONDS", 60.0)
    monkeypatch.setattr(live_alerts, "ESCALATE_CHECK_SECONDS", 0.5)
    yield
    deadline = time.monotonic() + 10
    while time.monotonic() < deadline and any(
        "process_request_thread" in thread.name for thread in threading.enumerate()
    ):
        time.sleep(0.1)
