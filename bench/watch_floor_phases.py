"""The two phases of bench watch-floor-load (see bench/bench_watch_floor_load.py) on a running server: the
baseline (one analyst alone, no stream, no think time) and the floor (every client with its stream, its log
poller and its exports), then the wait for the streams' last deliveries; with the CPU each side used."""

from __future__ import annotations

import asyncio
import contextlib
import random
import time
from dataclasses import dataclass

from bench.watch_floor_clients import THINK_SECONDS, ClientContext, Login, Tally, WatchClient, loop_lag
from bench.watch_floor_data import visible_reports

EXPORT_PERIOD = 60.0
EXPORT_SPREAD = 0.9  # first exports are staggered over this share of the period
STREAM_GRACE = 10.0
STREAM_OPEN_TIMEOUT = 60.0


@dataclass(frozen=True)
class Sizes:
    """How big a run is: FULL by default, QUICK with BENCH_QUICK, others from the command line."""

    clients: int
    seconds: float
    stored: int  # validated reports in the log
    pool: int  # submitted reports waiting for an analyst
    baseline_seconds: float
    streams: bool = True  # False only to see what the open streams cost (--no-streams)

    @property
    def export_period(self) -> float:
        """A minute, or the whole floor when it is shorter, so that every client exports at least once."""
        return min(EXPORT_PERIOD, self.seconds)


FULL = Sizes(clients=50, seconds=60.0, stored=200_000, pool=2_000, baseline_seconds=15.0)
QUICK = Sizes(clients=10, seconds=15.0, stored=20_000, pool=400, baseline_seconds=5.0)


@dataclass
class Outcome:
    """What the two phases measured, for the result line and the details on standard error."""

    baseline: Tally
    floor: Tally
    clients: list[WatchClient]
    streaming: list[WatchClient]  # the clients with a stream open (none with --no-streams)
    client_lag_ms: list[float]  # how late a 50 ms timer fired in the clients' loop
    streams_open: int
    server_cpu_pct: float
    client_cpu_pct: float
    floor_started: float = 0.0  # perf_counter at the floor's start, for the timeline's offsets
    # Seconds into the floor at which the clock's minute turned: the maps' windows follow the clock to the
    # next whole minute, so every map then asks for bodies no process has computed yet.
    minute_turns: tuple[float, ...] = ()


def _cpu_seconds(server_pid: int) -> tuple[float, float]:
    """CPU seconds used so far by the server (its processes together) and by this process (the clients)."""
    import psutil

    server = psutil.Process(server_pid)
    used = 0.0
    for process in (server, *server.children(recursive=True)):
        with contextlib.suppress(psutil.Error):
            times = process.cpu_times()
            used += times.user + times.system
    return used, time.process_time()


async def run_phases(
    *,
    port: int,
    server_pid: int,
    sizes: Sizes,
    logins: list[Login],
    baseline_login: Login,
    context: ClientContext,
) -> Outcome:
    """The baseline, then the floor, on the server at `port` (whose processes' CPU is measured)."""
    baseline = await _baseline(port=port, sizes=sizes, login=baseline_login, context=context)
    floor = Tally()
    clients = [
        WatchClient(login=login, port=port, tally=floor, context=context, seed=100 + i)
        for i, login in enumerate(logins)
    ]
    streaming = clients if sizes.streams else []
    background = [asyncio.create_task(client.read_stream()) for client in streaming]
    lag: list[float] = []
    # A stream that does not open is counted as failed; the floor starts with those that did.
    with contextlib.suppress(TimeoutError):
        await asyncio.wait_for(
            asyncio.gather(*(client.connected.wait() for client in streaming)), timeout=STREAM_OPEN_TIMEOUT
        )
    background.append(asyncio.create_task(loop_lag(lag)))
    background += [asyncio.create_task(client.poll_log()) for client in clients]
    cpu_before = _cpu_seconds(server_pid)
    started, started_wall = time.perf_counter(), time.time()
    deadline = started + sizes.seconds
    period = sizes.export_period
    rng = random.Random(11)
    offsets = [(i + rng.random()) / len(clients) * period * EXPORT_SPREAD for i in range(len(clients))]
    rng.shuffle(offsets)
    await asyncio.gather(
        *(client.work(deadline=deadline, think=THINK_SECONDS, staggered=True) for client in clients),
        *(
            client.export_every(first=started + offset, period=period, deadline=deadline)
            for client, offset in zip(clients, offsets, strict=True)
        ),
    )
    wall = time.perf_counter() - started
    first_turn = 60 - started_wall % 60
    cpu_after = _cpu_seconds(server_pid)
    cpu = [(after - before) / wall * 100 for before, after in zip(cpu_before, cpu_after, strict=True)]
    await _await_deliveries(streaming, floor)
    streams_open = sum(client.stream_open for client in clients)
    for task in background:
        task.cancel()
    await asyncio.gather(*background, return_exceptions=True)
    await asyncio.gather(*(client.http.aclose() for client in clients))
    return Outcome(
        baseline,
        floor,
        clients,
        streaming,
        lag,
        streams_open,
        server_cpu_pct=cpu[0],
        client_cpu_pct=cpu[1],
        floor_started=started,
        minute_turns=tuple(first_turn + 60 * n for n in range(int((wall - first_turn) // 60) + 1)),
    )


async def _baseline(*, port: int, sizes: Sizes, login: Login, context: ClientContext) -> Tally:
    """One analyst alone, no stream, no think time, after one unmeasured pass; its first export is timed
    alone (baseline_export_ms)."""
    alone = WatchClient(login=login, port=port, tally=Tally(), context=context, seed=1)
    await alone.warm_up()
    alone.tally = Tally()
    await alone.export()
    await alone.work(deadline=time.perf_counter() + sizes.baseline_seconds, think=(0.0, 0.0))
    await alone.http.aclose()
    return alone.tally


async def _await_deliveries(clients: list[WatchClient], floor: Tally) -> None:
    """Keep the streams open until each has every report validated in the run that its user may see, or
    STREAM_GRACE seconds have passed."""
    if not clients:
        return
    deadline = time.perf_counter() + STREAM_GRACE
    validated = set(floor.validated)
    visible = await asyncio.to_thread(visible_reports, {client.username for client in clients}, validated)
    while time.perf_counter() < deadline:
        if all(visible[client.username] <= client.received.keys() for client in clients):
            return
        await asyncio.sleep(0.1)
