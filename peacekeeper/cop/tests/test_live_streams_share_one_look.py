"""Open maps cost the server the same database work however many they are: the streams of a process
share one look per tick (issue 11: each stream used to poll the database every second on its own)."""

import time

import pytest

from peacekeeper.cop.tests.sse import SseStream, session_cookies
from peacekeeper.cop.tests.test_live import _streams_end_with_the_test  # noqa: F401 (autouse)

pytestmark = pytest.mark.django_db(transaction=True)

WINDOW_SECONDS = 3.0


def _queries_while_open(streams: list[SseStream], executed: list[str]) -> int:
    for stream in streams:
        assert stream.opened.wait(10)
    time.sleep(1.5)  # past the streams' first looks
    before = len(executed)
    time.sleep(WINDOW_SECONDS)
    return len(executed) - before


def test_twenty_open_maps_cost_the_database_no_more_than_two(
    kosovo, live_server, german_watchkeeper, italian_analyst, eulex_partner, queries_everywhere
):
    sessions = [session_cookies(user) for user in (german_watchkeeper, italian_analyst, eulex_partner)]
    streams = [SseStream(live_server.url, sessions[i % 3]) for i in range(2)]
    try:
        two = _queries_while_open(streams, queries_everywhere)
        streams += [SseStream(live_server.url, sessions[i % 3]) for i in range(18)]
        twenty = _queries_while_open(streams, queries_everywhere)
    finally:
        for stream in streams:
            stream.close()
    print(f"\nqueries in {WINDOW_SECONDS:g} s: {two} with 2 open streams, {twenty} with 20")
    assert two > 0  # the streams do look
    # One look per tick whatever the number of streams; the slack absorbs a tick more or less in the window.
    assert twenty < 3 * two
