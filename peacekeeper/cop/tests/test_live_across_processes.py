"""Two real `peacekeeper serve` processes on one database: a report validated through one reaches a map
open on the other within 2 s (PostgreSQL: NOTIFY to the other's LISTEN; SQLite: the other's tick sees
the file's new data version)."""

import os
import socket
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path
from urllib.parse import quote

import httpx
import pytest
from django.conf import settings
from django.db import connection

from peacekeeper.access.models import AuditEntry
from peacekeeper.cop.tests.sse import CSRF_TOKEN, SseStream, session_cookies
from peacekeeper.events.models import EventReport
from peacekeeper.events.recording import create_report
from peacekeeper.events.tests.factories import an_event

pytestmark = pytest.mark.django_db(transaction=True)


def _database_url() -> str:
    """The test database, as the servers' DATABASE_URL."""
    db = connection.settings_dict
    if connection.vendor == "sqlite":
        return f"sqlite:///{Path(db['NAME']).resolve()}"
    credentials = quote(db["USER"], safe="") + (
        f":{quote(db['PASSWORD'], safe='')}" if db["PASSWORD"] else ""
    )
    host = db["HOST"] or ""
    if host.startswith("/"):  # a Unix-socket directory
        address = f"@:{db['PORT']}" if db["PORT"] else "@"
        return f"postgresql://{credentials}{address}/{db['NAME']}?host={quote(host, safe='')}"
    port = f":{db['PORT']}" if db["PORT"] else ""
    return f"postgresql://{credentials}@{host}{port}/{db['NAME']}"


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


class Server:
    """One `peacekeeper serve` process (uvicorn) on a free loopback port, with a home of its own."""

    def __init__(self, home: Path) -> None:
        self.port = _free_port()
        self.url = f"http://127.0.0.1:{self.port}"
        env = dict(
            os.environ,
            DATABASE_URL=_database_url(),
            DJANGO_SETTINGS_MODULE="peacekeeper.settings",
            PEACEKEEPER_HOME=str(home),
            PEACEKEEPER_HTTPS="false",
            PEACEKEEPER_SECRET_KEY=settings.SECRET_KEY,
        )
        home.mkdir()
        self.log = (home / "serve.log").open("wb")
        command = [sys.executable, "-m", "peacekeeper.cli", "serve", "--host", "127.0.0.1"]
        self.process = subprocess.Popen(
            [*command, "--port", str(self.port)], env=env, stdout=self.log, stderr=subprocess.STDOUT
        )

    def wait_until_up(self) -> None:
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline:
            assert self.process.poll() is None, f"serve exited with {self.process.returncode}"
            try:
                with socket.create_connection(("127.0.0.1", self.port), timeout=0.5):
                    return
            except OSError:
                time.sleep(0.1)
        raise AssertionError("peacekeeper serve did not start within 60 s")

    def stop(self) -> None:
        self.process.terminate()
        try:
            self.process.wait(timeout=15)
        except subprocess.TimeoutExpired:
            self.process.kill()
            self.process.wait()
        self.log.close()


@pytest.fixture
def servers(transactional_db, tmp_path) -> Iterator[tuple[Server, Server]]:
    # Started first, so they collect their static files while the test loads the theatre.
    pair = (Server(tmp_path / "a"), Server(tmp_path / "b"))
    yield pair
    for server in pair:
        server.stop()


def test_a_report_validated_through_one_process_reaches_a_map_on_another_within_two_seconds(
    servers, kosovo, german_watchkeeper, italian_analyst
):
    process_a, process_b = servers
    report = create_report(
        user=german_watchkeeper, data=an_event(marking="NATO RESTRICTED // REL TO KFOR"), submit=True
    )
    process_a.wait_until_up()
    process_b.wait_until_up()
    stream = SseStream(process_b.url, session_cookies(german_watchkeeper))
    try:
        assert stream.opened.wait(30), "the stream on process B did not open"
        time.sleep(1.5)  # past the stream's first look: what follows is the steady state
        validator = httpx.Client(base_url=process_a.url, cookies=session_cookies(italian_analyst), timeout=30)
        with validator:
            started = time.monotonic()
            answer = validator.post(
                f"/api/events/{report.pk}/transitions",
                json={"transition": "validate"},
                headers={"X-CSRFToken": CSRF_TOKEN},
            )
            committed = time.monotonic()
        assert answer.status_code == 200, answer.text
        arrived = stream.wait_for(report.pk, 10)
    finally:
        stream.close()
    assert arrived is not None, "the validated report never reached process B's stream"
    latency = arrived - committed
    print(
        f"\n{connection.vendor}: validated through A, on B's stream {latency * 1000:.0f} ms after A answered "
        f"({(arrived - started) * 1000:.0f} ms after the request)"
    )
    assert latency < 2.0
    assert EventReport.objects.get(pk=report.pk).status == "validated"
    assert AuditEntry.objects.filter(
        user=german_watchkeeper, record_id=str(report.pk), detail="map live stream"
    ).exists()
