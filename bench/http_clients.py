"""Clients that load a server over HTTP for a while (cop-load's map clients, public-load's visitors): each a
kept-alive connection that asks for its paths in turn, timing every answer, in a thread of its own."""

from __future__ import annotations

import http.client
import threading
import time


class LoopingClient:
    """One client: its paths asked for in turn until the time is up. With `revalidate`, a path is asked
    again with the ETag of its last answer (If-None-Match), as a browser refreshing what it holds does.
    Errors are answers other than `accepted`, and broken connections (then reopened)."""

    def __init__(
        self,
        port: int,
        paths: list[str],
        *,
        headers: dict[str, str] | None = None,
        revalidate: bool = False,
        accepted: tuple[int, ...] = (200,),
    ) -> None:
        self.port, self.paths = port, paths
        self.headers = {"Accept-Encoding": "gzip", **(headers or {})}
        self.revalidate, self.accepted = revalidate, accepted
        self.etags: dict[str, str] = {}
        self.latencies: list[float] = []
        self.by_path: dict[str, list[float]] = {path: [] for path in paths}
        self.errors = 0
        self.connection = http.client.HTTPConnection("127.0.0.1", port, timeout=30)

    def fetch(self, path: str) -> int:
        """The answer's status, 0 for a broken connection."""
        headers = dict(self.headers)
        if self.revalidate and path in self.etags:
            headers["If-None-Match"] = self.etags[path]
        started = time.perf_counter()
        try:
            self.connection.request("GET", path, headers=headers)
            response = self.connection.getresponse()
            response.read()
        except (OSError, http.client.HTTPException):
            self.errors += 1
            self.connection.close()
            self.connection = http.client.HTTPConnection("127.0.0.1", self.port, timeout=30)
            return 0
        self.latencies.append((time.perf_counter() - started) * 1000)
        self.by_path[path].append(self.latencies[-1])
        if response.status not in self.accepted:
            self.errors += 1
        elif self.revalidate and response.getheader("ETag"):
            self.etags[path] = response.getheader("ETag")
        return response.status

    def run_for(self, seconds: float) -> None:
        deadline = time.monotonic() + seconds
        while time.monotonic() < deadline:
            for path in self.paths:
                self.fetch(path)
                if time.monotonic() >= deadline:
                    break


def drive(clients: list[LoopingClient], seconds: float) -> tuple[int, float]:
    """Every client at once for `seconds`: the requests made (answered or failed) and the time taken."""
    threads = [threading.Thread(target=client.run_for, args=(seconds,)) for client in clients]
    started = time.perf_counter()
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    elapsed = time.perf_counter() - started
    return sum(len(client.latencies) + client.errors for client in clients), elapsed
