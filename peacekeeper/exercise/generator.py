"""Synthetic exercise reports for the theatre: deterministic, streaming, and always marked as exercise.

    generate_events(count=1_000_000, seed=7, start=..., end=...)   # an iterator of EventInput
    planned_bursts(seed=7, start=..., end=...)                     # where and when its bursts are
    generate_and_store(count=5_000, seed=7, start=..., end=...)    # ingested; rerunning stores nothing twice
    trickle(interval_seconds=5, seed=7, stop=event)                # a live feed for demos, in its own thread

The same seed and theatre give the same reports, and the first n reports of a run do not depend on
its count. Every report has exercise=True, source_type "exercise", source_id "ex-<seed>-<i>", the tag
"exercise" and a narrative opening with "EXERCISE EXERCISE EXERCISE".
"""

import logging
import threading
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta

import numpy as np
from django.contrib.auth.models import User
from django.db import close_old_connections, connections
from django.utils import timezone

from peacekeeper.events.ingest import IngestSummary, ingest
from peacekeeper.events.inputs import EventInput
from peacekeeper.events.models import Status
from peacekeeper.exercise.drawing import Anchors, Burst, Chunk, draw_chunk, plan_bursts
from peacekeeper.exercise.reports import Drawn, ReportWriter
from peacekeeper.exercise.sample import TheatreSample, sample_theatre

SOURCE_SYSTEM = "exercise"
DEFAULT_MARKING = "NATO UNCLASSIFIED // REL TO KFOR"
CHUNK_SIZE = 2048
# Live reports happen a little before they are logged.
LIVE_DELAY = (timedelta(minutes=10), timedelta(minutes=1))
# Independent random streams derived from the seed, so one part's draws never shift another's.
_BURSTS, _CHUNKS, _LIVE = 0, 1, 2

logger = logging.getLogger(__name__)


def generate_events(
    *, count: int, seed: int, start: datetime, end: datetime, theatre: TheatreSample | None = None
) -> Iterator[EventInput]:
    """count reports in [start, end); theatre defaults to sample_theatre() (one read of the database)."""
    if count < 0:
        raise ValueError(f"count must not be negative (got count={count})")
    window = _window(seed, start, end)
    sample = theatre if theatre is not None else sample_theatre()
    return _generate(count, seed, window, sample, _bursts(seed, window, sample))


@dataclass(frozen=True)
class PlannedBurst:
    """A burst as generate_events places it: at which flashpoint, in which municipality, from when to when."""

    flashpoint: str
    kind: str  # bridge, crossing or town
    municipality_id: int
    municipality_code: str
    start: datetime
    end: datetime


def planned_bursts(
    *, seed: int, start: datetime, end: datetime, theatre: TheatreSample | None = None
) -> tuple[PlannedBurst, ...]:
    """The bursts generate_events(seed=seed, start=start, end=end) puts among its reports, whatever their
    count (the bursts are drawn from their own stream of the seed): the ground truth the assessment's threat
    levels are measured against (bench assessment-skill). Every other report is background, at a constant
    rate per municipality."""
    window = _window(seed, start, end)
    sample = theatre if theatre is not None else sample_theatre()
    planned = []
    for burst in _bursts(seed, window, sample):
        flashpoint = sample.flashpoints[burst.flashpoint]
        municipality = sample.municipalities[flashpoint.anchor.municipality]
        planned.append(
            PlannedBurst(
                flashpoint=flashpoint.anchor.name,
                kind=flashpoint.kind,
                municipality_id=municipality.id,
                municipality_code=municipality.code,
                start=datetime.fromtimestamp(burst.start, UTC),
                end=datetime.fromtimestamp(burst.start + burst.seconds, UTC),
            )
        )
    return tuple(planned)


def _window(seed: int, start: datetime, end: datetime) -> tuple[float, float]:
    if seed < 0:
        raise ValueError(f"seed must not be negative (got seed={seed})")
    if start.tzinfo is None or end.tzinfo is None:
        raise ValueError("start and end need a time zone")
    if end <= start:
        raise ValueError(f"end {end.isoformat()} is not after start {start.isoformat()}")
    return start.timestamp(), end.timestamp()


def _bursts(seed: int, window: tuple[float, float], sample: TheatreSample) -> tuple[Burst, ...]:
    return plan_bursts(
        rng=np.random.default_rng([seed, _BURSTS]),
        flashpoints=len(sample.flashpoints),
        start=window[0],
        end=window[1],
    )


def _generate(
    count: int, seed: int, window: tuple[float, float], sample: TheatreSample, bursts: tuple[Burst, ...]
) -> Iterator[EventInput]:
    anchors = Anchors.of(sample)
    writer = ReportWriter(sample)
    burst_kinds = [sample.flashpoints[burst.flashpoint].kind for burst in bursts]
    # Nobody reports after the run's end: a report drawn just before it would otherwise be reported up to
    # 90 minutes later, in the future when the run ends now, and validation refuses a future reported_at.
    latest_report = datetime.fromtimestamp(window[1], UTC)
    for number, offset in enumerate(range(0, count, CHUNK_SIZE)):
        # Always a full chunk, so that a shorter run yields a prefix of a longer one.
        rng = np.random.default_rng([seed, _CHUNKS, number])
        chunk = draw_chunk(
            rng=rng, anchors=anchors, bursts=bursts, start=window[0], end=window[1], size=CHUNK_SIZE
        )
        for i in range(min(CHUNK_SIZE, count - offset)):
            report = writer.write(_drawn(chunk, i, f"ex-{seed}-{offset + i}", anchors, burst_kinds))
            if report.reported_at is not None and report.reported_at > latest_report:
                report.reported_at = latest_report
            yield report


def _drawn(chunk: Chunk, i: int, source_id: str, anchors: Anchors, burst_kinds: list[str]) -> Drawn:
    burst = chunk.burst[i]
    return Drawn(
        source_id=source_id,
        occurred_at=datetime.fromtimestamp(chunk.times[i], UTC),
        lat=chunk.lat[i],
        lon=chunk.lon[i],
        km=chunk.km[i],
        bearing=chunk.bearing[i],
        anchor=anchors.items[chunk.anchor[i]],
        burst_kind=burst_kinds[burst] if burst >= 0 else None,
        burst=burst,
        uniforms=chunk.uniforms[i],
    )


def generate_and_store(
    *,
    count: int,
    seed: int,
    start: datetime,
    end: datetime,
    user: User | None = None,
    status: str = Status.VALIDATED,
    progress: Callable[[IngestSummary], None] | None = None,
) -> IngestSummary:
    """Generate and ingest; the same seed again finds every report already stored (unchanged)."""
    return ingest(
        items=generate_events(count=count, seed=seed, start=start, end=end),
        source_system=SOURCE_SYSTEM,
        default_marking=DEFAULT_MARKING,
        user=user,
        status=status,
        file_name=f"generator seed {seed}",
        progress=progress,
    )


def trickle(
    *,
    interval_seconds: float,
    seed: int,
    stop: threading.Event | None = None,
    status: str = Status.SUBMITTED,
    max_events: int | None = None,
) -> IngestSummary:
    """Store one new exercise report every interval until stop is set or max_events have been made.

    Meant to run in its own thread: it closes that thread's database connections when it ends. All
    reports of one run are one import batch; each is committed as it is made.
    """
    stop = stop or threading.Event()
    try:
        close_old_connections()
        return ingest(
            items=_live_reports(sample_theatre(), seed, interval_seconds, stop, max_events),
            source_system=SOURCE_SYSTEM,
            default_marking=DEFAULT_MARKING,
            status=status,
            file_name=f"trickle seed {seed}",
            batch_size=1,
            progress=_rejection_logger(),
        )
    finally:
        connections.close_all()


def _live_reports(
    sample: TheatreSample, seed: int, interval_seconds: float, stop: threading.Event, max_events: int | None
) -> Iterator[EventInput]:
    anchors = Anchors.of(sample)
    writer = ReportWriter(sample)
    # The run's start in milliseconds keeps source ids unique across runs with the same seed.
    run = time.time_ns() // 1_000_000
    made = 0
    while not stop.is_set() and (max_events is None or made < max_events):
        if made and stop.wait(interval_seconds):
            return
        # Between reports this thread is idle, like a web worker between requests.
        close_old_connections()
        now = timezone.now()
        rng = np.random.default_rng([seed, _LIVE, run, made])
        start, end = (now - LIVE_DELAY[0]).timestamp(), (now - LIVE_DELAY[1]).timestamp()
        chunk = draw_chunk(rng=rng, anchors=anchors, bursts=(), start=start, end=end, size=1)
        report = writer.write(_drawn(chunk, 0, f"ex-{seed}-live-{run}-{made}", anchors, []))
        report.reported_at = now
        made += 1
        yield report


def _rejection_logger() -> Callable[[IngestSummary], None]:
    """Log each rejected live report as it happens: a demo feed has nobody reading its summary."""
    logged = 0

    def log(summary: IngestSummary) -> None:
        nonlocal logged
        for result in summary.results[logged:]:
            errors = "; ".join(str(error) for error in result.errors)
            logger.warning("exercise trickle: report %s rejected: %s", result.index, errors)
        logged = len(summary.results)

    return log
