"""The live stream over real HTTP: new validations arrive within 2 s, only for readers who may see them."""

import http.client
import threading
import time
from urllib.parse import urlsplit

import orjson
import pytest
from django.test import Client
from django.utils import timezone

from peacekeeper.cop import live
from peacekeeper.cop.schemas import EventFeature
from peacekeeper.events.models import EventReport, Status
from peacekeeper.events.recording import create_report
from peacekeeper.events.tests.factories import an_event
from peacekeeper.events.workflow import transition

pytestmark = pytest.mark.django_db(transaction=True)

DEU_ONLY = "NATO RESTRICTED // DEU ONLY"


@pytest.fixture(autouse=True)
def _streams_end_with_the_test(transactional_db, monkeypatch):
    # The test server's threads outlive a test, but database access ends with it: a stream must notice
    # its closed client soon (a ping write fails) and end before the database is flushed.
    monkeypatch.setattr(live, "PING_SECONDS", 0.5)
    monkeypatch.setattr(live, "MAX_LIFETIME_SECONDS", 8.0)
    yield
    deadline = time.monotonic() + 10
    while time.monotonic() < deadline and any(
        "process_request_thread" in thread.name for thread in threading.enumerate()
    ):
        time.sleep(0.1)


class Stream:
    """A server-sent-events client on a raw HTTP connection, with a short read loop."""

    def __init__(self, base_url: str, user, query: str = "") -> None:
        client = Client()
        client.force_login(user)
        parts = urlsplit(base_url)
        self.connection = http.client.HTTPConnection(parts.hostname, parts.port, timeout=10)
        self.connection.request(
            "GET",
            "/api/cop/stream" + query,
            headers={"Cookie": f"sessionid={client.cookies['sessionid'].value}", "Accept-Encoding": "gzip"},
        )
        self.response = self.connection.getresponse()
        self.buffer = b""
        # Blocking reads in a thread of their own; the test looks at what has arrived so far.
        self.reader = threading.Thread(target=self._read, daemon=True)
        self.reader.start()

    def _read(self) -> None:
        try:
            while chunk := self.response.read1(65536):
                self.buffer += chunk
        except (OSError, ValueError, http.client.HTTPException):
            pass  # closed by the test

    def read_for(self, seconds: float, *, until: bytes | None = None) -> bytes:
        deadline = time.monotonic() + seconds
        while time.monotonic() < deadline and not (until and until in self.buffer):
            time.sleep(0.02)
        return self.buffer

    def events(self) -> list[dict]:
        found = []
        for message in self.buffer.split(b"\n\n"):
            lines = dict(line.split(b": ", 1) for line in message.split(b"\n") if b": " in line)
            if lines.get(b"event") == b"event":
                found.append(orjson.loads(lines[b"data"]))
        return found

    def close(self) -> None:
        self.response.close()
        self.connection.close()


def submitted_report(author, **overrides) -> EventReport:
    return create_report(user=author, data=an_event(**overrides), submit=True)


def test_a_report_validated_after_connecting_arrives_within_two_seconds(
    kosovo, live_server, german_watchkeeper, italian_analyst
):
    report = submitted_report(german_watchkeeper)
    stream = Stream(live_server.url, german_watchkeeper)
    try:
        assert stream.response.status == 200
        assert stream.response.getheader("Content-Type") == "text/event-stream"
        assert stream.response.getheader("Cache-Control") == "no-cache"
        assert stream.response.getheader("X-Accel-Buffering") == "no"
        assert stream.read_for(1.0, until=b"retry:").startswith(b"retry: 2000\n\n")
        transition(user=italian_analyst, event=report, name="validate")
        validated = time.monotonic()
        stream.read_for(2.0, until=f"id: {report.pk}\n".encode())
        assert time.monotonic() - validated < 2.0
        [feature] = stream.events()
        EventFeature.model_validate(feature)
        assert (feature["id"], feature["properties"]["status"]) == (report.pk, "validated")
        assert f"id: {report.pk}\n".encode() in stream.buffer
    finally:
        stream.close()


def test_a_national_report_never_reaches_another_nation(
    kosovo, live_server, german_watchkeeper, italian_analyst
):
    national = submitted_report(german_watchkeeper, marking=DEU_ONLY)
    shared = submitted_report(german_watchkeeper)
    italian = Stream(live_server.url, italian_analyst)
    german = Stream(live_server.url, german_watchkeeper)
    try:
        italian.read_for(0.5, until=b"retry:")
        german.read_for(0.5, until=b"retry:")
        # Nobody else in the nation can validate it here; the workflow is tested in the events app.
        EventReport.objects.filter(pk=national.pk).update(
            status=Status.VALIDATED, validated_at=timezone.now()
        )
        german.read_for(2.0, until=f"id: {national.pk}\n".encode())
        assert [feature["id"] for feature in german.events()] == [national.pk]
        italian.read_for(3.0)
        assert italian.events() == []
        transition(user=italian_analyst, event=shared, name="validate")
        italian.read_for(2.0, until=f"id: {shared.pk}\n".encode())
        assert [feature["id"] for feature in italian.events()] == [shared.pk]
        assert b"DEU ONLY" not in italian.buffer
    finally:
        italian.close()
        german.close()


def test_after_id_sends_visible_reports_logged_since_at_once(kosovo, live_server, german_watchkeeper):
    before = submitted_report(german_watchkeeper)
    EventReport.objects.filter(pk=before.pk).update(status=Status.PUBLISHED, published_at=timezone.now())
    stream = Stream(live_server.url, german_watchkeeper, query=f"?after_id={before.pk - 1}")
    try:
        stream.read_for(2.0, until=f"id: {before.pk}\n".encode())
        assert [feature["properties"]["status"] for feature in stream.events()] == ["published"]
    finally:
        stream.close()


def test_a_quiet_stream_sends_pings(kosovo, live_server, german_watchkeeper):
    stream = Stream(live_server.url, german_watchkeeper)
    try:
        assert b": ping\n\n" in stream.read_for(3.0, until=b": ping")
    finally:
        stream.close()


def test_anonymous_readers_get_401(kosovo, live_server):
    parts = urlsplit(live_server.url)
    connection = http.client.HTTPConnection(parts.hostname, parts.port, timeout=5)
    connection.request("GET", "/api/cop/stream")
    assert connection.getresponse().status == 401
    connection.close()
