"""The vectorised part of generation: when and where each report of a chunk happens, with numpy.

Drawing a whole chunk at once keeps a million reports to seconds: times follow the daily rhythm by
rejection sampling, positions jitter around their anchor and are redrawn until they fall inside the
anchor's municipality (one shapely call per round for the whole chunk).
"""

import math
from dataclasses import dataclass

import numpy as np
import shapely

from peacekeeper.exercise import realism
from peacekeeper.exercise.sample import Anchor, TheatreSample
from peacekeeper.theatre.distances import moved_by_km

MAX_JITTER_ROUNDS = 40
# How many uniforms each report's own choices use (category, grades, severity, wording...).
UNIFORMS_PER_REPORT = 18
_ACCEPT_BY_HOUR = np.asarray(realism.HOURLY_RHYTHM) / max(realism.HOURLY_RHYTHM)


@dataclass(frozen=True)
class Burst:
    flashpoint: int  # index into TheatreSample.flashpoints
    start: float  # epoch seconds
    seconds: float
    weight: float  # relative number of reports


@dataclass(frozen=True)
class Anchors:
    """The towns, then the flashpoints, as arrays."""

    items: tuple[Anchor, ...]
    lat: np.ndarray
    lon: np.ndarray
    boundary: np.ndarray  # the prepared boundary of each anchor's municipality
    min_km: np.ndarray
    span_km: np.ndarray
    town_cumulative: np.ndarray  # cumulative background weights of the towns
    town_count: int

    @classmethod
    def of(cls, sample: TheatreSample) -> "Anchors":
        items = sample.towns + tuple(flashpoint.anchor for flashpoint in sample.flashpoints)
        ranges = [realism.TOWN_JITTER_KM] * len(sample.towns)
        ranges += [realism.BURST_JITTER_KM] * len(sample.flashpoints)
        boundaries = np.empty(len(items), dtype=object)
        boundaries[:] = [sample.municipalities[anchor.municipality].boundary for anchor in items]
        return cls(
            items=items,
            lat=np.asarray([anchor.lat for anchor in items], dtype=float),
            lon=np.asarray([anchor.lon for anchor in items], dtype=float),
            boundary=boundaries,
            min_km=np.asarray([low for low, _ in ranges], dtype=float),
            span_km=np.asarray([high - low for low, high in ranges], dtype=float),
            town_cumulative=np.cumsum([town.weight for town in sample.towns]),
            town_count=len(sample.towns),
        )


@dataclass(frozen=True)
class Chunk:
    """One chunk's draws, as Python lists for the per-report loop."""

    times: list[int]  # epoch seconds
    anchor: list[int]  # index into Anchors.items
    burst: list[int]  # index into the bursts, -1 for background reports
    lat: list[float]
    lon: list[float]
    km: list[float]  # distance from the anchor
    bearing: list[float]  # radians clockwise from north
    uniforms: list[list[float]]


def plan_bursts(*, rng: np.random.Generator, flashpoints: int, start: float, end: float) -> tuple[Burst, ...]:
    """A few multi-day bursts at random flashpoints; none in a window too short to hold one."""
    days = (end - start) / 86400
    if not flashpoints or days < realism.MIN_BURST_WINDOW_DAYS:
        return ()
    count = max(1, round(days / 365.25 * rng.uniform(*realism.BURSTS_PER_YEAR)))
    bursts = []
    for _ in range(count):
        seconds = min(rng.uniform(*realism.BURST_DAYS) * 86400, end - start)
        bursts.append(
            Burst(
                flashpoint=int(rng.integers(flashpoints)),
                start=start + rng.random() * (end - start - seconds),
                seconds=seconds,
                weight=seconds * rng.uniform(0.6, 1.6),
            )
        )
    return tuple(bursts)


def draw_chunk(
    *,
    rng: np.random.Generator,
    anchors: Anchors,
    bursts: tuple[Burst, ...],
    start: float,
    end: float,
    size: int,
) -> Chunk:
    times = _background_times(rng, size, start, end)
    anchor = np.minimum(
        np.searchsorted(
            anchors.town_cumulative, rng.random(size) * anchors.town_cumulative[-1], side="right"
        ),
        anchors.town_count - 1,
    )
    burst = np.full(size, -1)
    if bursts:
        burst, times, anchor = _place_bursts(rng, anchors, bursts, times, anchor)
    # Whole minutes, counted from the start so that every time stays inside the window.
    times = start + np.floor((times - start) / 60) * 60
    lat, lon, km, bearing = _jitter(rng, anchors, anchor)
    return Chunk(
        times=times.astype(np.int64).tolist(),
        anchor=anchor.tolist(),
        burst=burst.tolist(),
        lat=lat.tolist(),
        lon=lon.tolist(),
        km=km.tolist(),
        bearing=bearing.tolist(),
        uniforms=rng.random((size, UNIFORMS_PER_REPORT)).tolist(),
    )


def _background_times(rng: np.random.Generator, size: int, start: float, end: float) -> np.ndarray:
    """Uniform in [start, end), thinned by the hour of day: fewer reports at night."""
    kept: list[np.ndarray] = []
    found = 0
    while found < size:
        candidates = start + rng.random(2 * size) * (end - start)
        hours = ((candidates // 3600) % 24).astype(np.int64)
        accepted = candidates[rng.random(candidates.size) < _ACCEPT_BY_HOUR[hours]]
        kept.append(accepted)
        found += accepted.size
    return np.concatenate(kept)[:size]


def _place_bursts(
    rng: np.random.Generator,
    anchors: Anchors,
    bursts: tuple[Burst, ...],
    times: np.ndarray,
    anchor: np.ndarray,
) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    size = times.size
    cumulative = np.cumsum([burst.weight for burst in bursts])
    which = np.minimum(
        np.searchsorted(cumulative, rng.random(size) * cumulative[-1], side="right"), len(bursts) - 1
    )
    in_burst = rng.random(size) < realism.BURST_SHARE
    offsets = rng.random(size)
    starts = np.asarray([burst.start for burst in bursts])[which]
    lengths = np.asarray([burst.seconds for burst in bursts])[which]
    flashpoints = np.asarray([burst.flashpoint for burst in bursts])[which]
    # Barricades are manned day and night: burst reports ignore the daily rhythm.
    times = np.where(in_burst, starts + offsets * lengths, times)
    anchor = np.where(in_burst, anchors.town_count + flashpoints, anchor)
    return np.where(in_burst, which, -1), times, anchor


def _jitter(
    rng: np.random.Generator, anchors: Anchors, anchor: np.ndarray
) -> tuple[np.ndarray, np.ndarray, np.ndarray, np.ndarray]:
    """Points around each anchor, redrawn until inside its municipality; the anchor itself as last resort."""
    base_lat, base_lon = anchors.lat[anchor], anchors.lon[anchor]
    lat, lon = base_lat.copy(), base_lon.copy()
    km, bearing = np.zeros(anchor.size), np.zeros(anchor.size)
    pending = np.arange(anchor.size)
    for _ in range(MAX_JITTER_ROUNDS):
        if not pending.size:
            break
        which = anchor[pending]
        distance = anchors.min_km[which] + rng.random(pending.size) * anchors.span_km[which]
        angle = rng.random(pending.size) * 2 * math.pi
        new_lat, new_lon = moved_by_km(
            base_lat[pending], base_lon[pending], distance * np.cos(angle), distance * np.sin(angle)
        )
        inside = shapely.contains_xy(anchors.boundary[which], new_lon, new_lat)
        done = pending[inside]
        lat[done], lon[done] = new_lat[inside], new_lon[inside]
        km[done], bearing[done] = distance[inside], angle[inside]
        pending = pending[~inside]
    return lat, lon, km, bearing
