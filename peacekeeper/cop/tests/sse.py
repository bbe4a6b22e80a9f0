"""A server-sent-events client for tests that talk to a real server: it reads in a thread of its own and
notes when each event id arrives."""

import threading
import time

import httpx
from django.test import Client

CSRF_TOKEN = "live0stream0test0csrf0token00000"  # any 32 letters and digits will do


def session_cookies(user) -> dict[str, str]:
    """A logged-in session of this user (stored in the database, so every server process knows it), and
    a CSRF cookie to send back in `X-CSRFToken`."""
    client = Client()
    client.force_login(user)
    return {"sessionid": client.cookies["sessionid"].value, "csrftoken": CSRF_TOKEN}


class SseStream:
    def __init__(self, url: str, cookies: dict[str, str]) -> None:
        self.client = httpx.Client(base_url=url, cookies=cookies, timeout=httpx.Timeout(10, read=None))
        self.arrived: dict[int, float] = {}
        self.opened = threading.Event()
        self.response: httpx.Response | None = None
        self.thread = threading.Thread(target=self._read, daemon=True)
        self.thread.start()

    def _read(self) -> None:
        try:
            with self.client.stream("GET", "/api/cop/stream") as response:
                assert response.status_code == 200
                self.response = response
                for line in response.iter_lines():
                    self.opened.set()
                    if line.startswith("id: "):
                        self.arrived[int(line[4:])] = time.monotonic()
        except httpx.HTTPError:
            pass  # closed by the test

    def wait_for(self, report_id: int, seconds: float) -> float | None:
        """When the report arrived (time.monotonic), waiting up to `seconds`; None if it did not."""
        deadline = time.monotonic() + seconds
        while report_id not in self.arrived and time.monotonic() < deadline:
            time.sleep(0.01)
        return self.arrived.get(report_id)

    def close(self) -> None:
        # Closing the socket under the reading thread ends the request on the server too.
        if self.response is not None:
            self.response.close()
        self.client.close()
        self.thread.join(10)
