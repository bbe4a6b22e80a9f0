"""The watch floor's clients for bench watch-floor-load (see bench/bench_watch_floor_load.py): a
watchkeeper's browser as an httpx AsyncClient, its actions, its log poller, its live stream, and the tally
of what the clients saw."""

from __future__ import annotations

import asyncio
import csv
import html
import io
import json
import random
import re
import time
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta

THINK_SECONDS = (1.0, 3.0)
LOG_POLL_SECONDS = 10.0
STREAM_RETRY = 2.0
ACTIONS = (("map", 4), ("log", 2), ("detail", 2), ("review", 2))
ZOOM = 9
REQUEST_TIMEOUT = 60.0
EXPORT_TIMEOUT = 180.0
# A validation refused because the report is no longer submitted: another analyst validated it first.
_LOST_RACE = re.compile(r"cannot be validat|must be submitted|already|no longer|changed", re.IGNORECASE)


@dataclass(frozen=True)
class Login:
    """A demo user logged in through the form: who, whether they may validate, and the session's cookies."""

    username: str
    reviewer: bool
    cookies: dict[str, str]


@dataclass(frozen=True)
class ClientContext:
    """What every client asks for and checks against: the map's box, the export's filter and how many rows
    each user's export must hold."""

    bbox: str
    export_query: dict[str, str]
    export_rows: dict[str, int]


@dataclass
class Tally:
    """What one phase's clients saw."""

    latencies: dict[str, list[float]] = field(default_factory=lambda: defaultdict(list))
    failures: Counter = field(default_factory=Counter)  # (kind, status, body excerpt) -> count
    export_ms: list[float] = field(default_factory=list)
    exports: int = 0
    exports_failed: int = 0
    export_problems: Counter = field(default_factory=Counter)
    validations: int = 0
    conflicts: int = 0
    queue_empty: int = 0
    validated: dict[int, list[float]] = field(default_factory=lambda: defaultdict(list))
    # Every answered request: (when it started, perf_counter; its kind; its ms), to tell a burst from a tail.
    timeline: list[tuple[float, str, float]] = field(default_factory=list)

    def fail(self, kind: str, status: object, body: str) -> None:
        self.failures[(kind, str(status), " ".join(body.split())[:240])] += 1

    @property
    def errors(self) -> int:
        return sum(self.failures.values())

    def interactive(self) -> list[float]:
        return [value for kind, values in self.latencies.items() if kind != "export" for value in values]


def _iso(moment: datetime) -> str:
    return moment.strftime("%Y-%m-%dT%H:%M:%SZ")


def _check_csv(body: bytes, expected: int) -> str | None:
    """Why this export body is not a complete export of `expected` rows, or None."""
    try:
        text = body.decode("utf-8")
    except UnicodeDecodeError as error:
        return f"not UTF-8 ({error.reason} at byte {error.start})"
    if not text.endswith("\n"):
        return "does not end with a line break"
    rows = list(csv.reader(io.StringIO(text, newline="")))
    while rows and rows[0] and rows[0][0].startswith("#"):
        rows.pop(0)  # the marking line
    if not rows:
        return "no header"
    header, records = rows[0], rows[1:]
    ragged = sum(1 for row in records if len(row) != len(header))
    if ragged:
        return f"{ragged} rows without the header's {len(header)} columns"
    if len(records) != expected:
        return f"{len(records)} rows where the filter finds {expected}"
    return None


class WatchClient:
    """One watchkeeper's browser: a session, the ETags it holds, its log tab's poller and its map's stream."""

    def __init__(
        self,
        *,
        login: Login,
        port: int,
        tally: Tally,
        context: ClientContext,
        seed: int,
    ) -> None:
        import httpx

        self.httpx = httpx
        self.username, self.reviewer = login.username, login.reviewer
        self.tally, self.context = tally, context
        self.csrf = login.cookies.get("csrftoken", "")
        self.http = httpx.AsyncClient(
            base_url=f"http://127.0.0.1:{port}",
            cookies=login.cookies,
            timeout=httpx.Timeout(REQUEST_TIMEOUT),
            # Idle connections are let go before uvicorn's 5 s keep-alive closes them, so that a request
            # never races the server's close of the connection it was sent on.
            limits=httpx.Limits(max_connections=8, max_keepalive_connections=8, keepalive_expiry=4.0),
        )
        self.rng = random.Random(seed)
        self.etags: dict[str, str] = {}
        self.report_ids: list[int] = []
        self.poll_url: str | None = None
        self.tried: set[int] = set()
        # The live stream.
        self.received: dict[int, float] = {}
        self.events_received = 0
        self.alerts_received = 0
        self.reconnects = 0
        self.stream_open = False
        self.connected = asyncio.Event()

    async def call(self, kind: str, method: str, url: str, *, ok=(200,), **kwargs):
        started = time.perf_counter()
        try:
            response = await self.http.request(method, url, **kwargs)
        except self.httpx.HTTPError as error:
            self.tally.fail(kind, "exception", f"{type(error).__name__}: {error}")
            return None
        elapsed = (time.perf_counter() - started) * 1000
        self.tally.latencies[kind].append(elapsed)
        self.tally.timeline.append((started, kind, elapsed))
        if response.status_code not in ok:
            self.tally.fail(kind, response.status_code, response.text)
        return response

    # The actions.

    async def map_refresh(self) -> None:
        until = datetime.now(UTC).replace(second=0, microsecond=0) + timedelta(minutes=1)
        window = {"since": _iso(until - timedelta(hours=24)), "until": _iso(until)}
        events = {**window, "zoom": str(ZOOM), "bbox": self.context.bbox}
        await asyncio.gather(
            self.layer("area-levels", "/api/cop/area-levels", window),
            self.layer("fom", "/api/cop/fom", window),
            self.layer("events", "/api/cop/events.geojson", events),
        )

    async def layer(self, kind: str, path: str, params: dict[str, str]) -> None:
        key = path + "?" + "&".join(f"{name}={value}" for name, value in params.items())
        headers = {"If-None-Match": self.etags[key]} if key in self.etags else {}
        response = await self.call(kind, "GET", path, params=params, headers=headers, ok=(200, 304))
        if response is not None and response.status_code == 200 and response.headers.get("ETag"):
            self.etags[key] = response.headers["ETag"]

    async def log_list(self) -> None:
        response = await self.call("log", "GET", "/log/", params={"window": "24h"})
        if response is None or response.status_code != 200:
            return
        self.report_ids = [int(number) for number in re.findall(r'data-id="(\d+)"', response.text)]
        poller = re.search(r'id="log-poll" hx-get="([^"]+)"', response.text)
        if poller:
            self.poll_url = html.unescape(poller.group(1))

    async def detail(self) -> None:
        if not self.report_ids:
            await self.log_list()
        if self.report_ids:
            await self.call("detail", "GET", f"/log/{self.rng.choice(self.report_ids)}/")

    async def review(self) -> None:
        queue = await self.call("review-queue", "GET", "/api/events/", params={"status": "submitted"})
        if queue is None or queue.status_code != 200:
            return
        waiting = [item["id"] for item in queue.json()["items"] if item["id"] not in self.tried]
        if not waiting:
            self.tally.queue_empty += 1
            return
        report = self.rng.choice(waiting)
        self.tried.add(report)
        await self.call("detail", "GET", f"/log/{report}/")
        answer = await self.call(
            "validate",
            "POST",
            f"/api/events/{report}/transitions",
            json={"transition": "validate"},
            headers={"X-CSRFToken": self.csrf},
            ok=(200, 400, 403, 409, 422),
        )
        if answer is None:
            return
        if answer.status_code == 200:
            self.tally.validations += 1
            self.tally.validated[report].append(time.perf_counter())
        elif answer.status_code == 409 or _LOST_RACE.search(answer.text):
            self.tally.conflicts += 1
        else:
            self.tally.fail("validate", answer.status_code, answer.text)

    async def export(self) -> None:
        self.tally.exports += 1
        started = time.perf_counter()
        try:
            response = await self.http.get(
                "/log/export/csv/", params=self.context.export_query, timeout=EXPORT_TIMEOUT
            )
        except self.httpx.HTTPError as error:
            self.tally.fail("export", "exception", f"{type(error).__name__}: {error}")
            self.tally.exports_failed += 1
            self.tally.export_problems[f"{type(error).__name__}"] += 1
            return
        self.tally.export_ms.append((time.perf_counter() - started) * 1000)
        self.tally.latencies["export"].append(self.tally.export_ms[-1])
        if response.status_code != 200:
            self.tally.fail("export", response.status_code, response.text)
            problem = f"status {response.status_code}"
        else:
            problem = _check_csv(response.content, self.context.export_rows[self.username])
        if problem:
            self.tally.exports_failed += 1
            self.tally.export_problems[problem] += 1

    async def work(self, *, deadline: float, think: tuple[float, float], staggered: bool = False) -> None:
        """Actions, each followed by think time, until the deadline; `staggered`: the first after a pause
        of up to one think time, as a floor whose people are already at work (not all clicking at once)."""
        if staggered:
            await asyncio.sleep(self.rng.uniform(0.0, think[1]))
        actions = [(name, weight) for name, weight in ACTIONS if name != "review" or self.reviewer]
        run = {"map": self.map_refresh, "log": self.log_list, "detail": self.detail, "review": self.review}
        names, weights = [name for name, _ in actions], [weight for _, weight in actions]
        while time.perf_counter() < deadline:
            await run[self.rng.choices(names, weights)[0]]()
            pause = self.rng.uniform(*think)
            await asyncio.sleep(max(0.0, min(pause, deadline - time.perf_counter())))

    async def export_every(self, *, first: float, period: float, deadline: float) -> None:
        """An export at `first` and every period after it until the deadline, whatever the other tab does."""
        due = first
        while due < deadline:
            await asyncio.sleep(max(0.0, due - time.perf_counter()))
            await self.export()
            due += period

    async def poll_log(self) -> None:
        """The log tab's htmx poller: every 10 s once the log has been opened, at the phase of when this
        client opened it (the floor's pollers do not all fire in the same second)."""
        await asyncio.sleep(self.rng.uniform(0.0, LOG_POLL_SECONDS))
        while True:
            if self.poll_url:
                await self.call("log-poll", "GET", self.poll_url, ok=(200, 204))
            await asyncio.sleep(LOG_POLL_SECONDS)

    # The live stream.

    async def read_stream(self) -> None:
        last_id: int | None = None
        while True:
            # As the floor's pages open it (the banner's one stream, watch/alerts.js): reports and alerts.
            params = {"alerts": "true"}
            if last_id is not None:
                params["after_id"] = str(last_id)
            try:
                async with self.http.stream(
                    "GET",
                    "/api/cop/stream",
                    params=params,
                    headers={"Accept": "text/event-stream", "Cache-Control": "no-cache"},
                    timeout=self.httpx.Timeout(REQUEST_TIMEOUT, read=90.0),
                ) as response:
                    if response.status_code != 200:
                        body = (await response.aread()).decode("utf-8", "replace")
                        self.tally.fail("stream", response.status_code, body)
                    else:
                        self.stream_open = True
                        self.connected.set()
                        last_id = await self._read_events(response, last_id)
                        self.reconnects += 1  # the server ended it: EventSource reconnects
            except self.httpx.HTTPError as error:
                self.tally.fail("stream", "exception", f"{type(error).__name__}: {error}")
                self.reconnects += 1
            self.stream_open = False
            await asyncio.sleep(STREAM_RETRY)

    async def _read_events(self, response, last_id: int | None) -> int | None:
        name, data, ident = "message", [], None
        async for line in response.aiter_lines():
            if line == "":
                if data and name == "alert":
                    self.alerts_received += 1
                if data and name == "event":
                    report = self._report_id(ident, "\n".join(data))
                    self.events_received += 1
                    if report is not None:
                        self.received.setdefault(report, time.perf_counter())
                        last_id = report if last_id is None else max(last_id, report)
                name, data, ident = "message", [], None
                continue
            if line.startswith(":"):
                continue
            key, _, value = line.partition(":")
            value = value.removeprefix(" ")
            if key == "event":
                name = value
            elif key == "data":
                data.append(value)
            elif key == "id":
                ident = value
        return last_id

    @staticmethod
    def _report_id(ident: str | None, data: str) -> int | None:
        if ident and ident.isdigit():
            return int(ident)
        try:
            feature = json.loads(data)
            return int(feature.get("properties", {}).get("id", feature.get("id")))
        except (ValueError, TypeError, AttributeError):
            return None

    async def warm_up(self) -> None:
        for action in (self.map_refresh, self.log_list, self.detail):
            await action()
        if self.reviewer:
            await self.review()


async def loop_lag(samples: list[float]) -> None:
    """How late a 50 ms timer fires in the clients' event loop (ms): the client side's own delay."""
    while True:
        started = time.perf_counter()
        await asyncio.sleep(0.05)
        samples.append(max(0.0, (time.perf_counter() - started - 0.05) * 1000))
