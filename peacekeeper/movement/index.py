"""The daily freedom-of-movement index: the share of the network's length open, time-weighted per day.

For each day (UTC) and each road segment, the time it spent closed counts fully and the time it spent
restricted counts half (a restricted road is passable, with delay); the segment's open share is one minus
that, and the day's index is the length-weighted mean over all segments, in percent. A segment's status
is its effective one: a closed crossing or bridge on it closes it. The current day counts up
to now. Only the restrictions the reader may see count: two readers can get different indices.
"""

from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta
from itertools import pairwise

from django.contrib.auth.models import AnonymousUser, User
from django.utils import timezone

from peacekeeper.movement.models import Movement
from peacekeeper.movement.network import current_network
from peacekeeper.movement.states import affected_segments, overlapping, visible_restrictions, with_elements

WEIGHT = {Movement.CLOSED: 1.0, Movement.RESTRICTED: 0.5}
MAX_DAYS = 366


@dataclass(frozen=True)
class DayIndex:
    day: date
    open_percent: float
    closed_km_hours: float
    restricted_km_hours: float
    hours: float  # hours of the day counted (less than 24 for today)


def _loss_seconds(intervals: list[tuple[datetime, datetime, float]], start: datetime, end: datetime) -> float:
    """The integral over [start, end) of the heaviest weight in force (0 where none is)."""
    cuts = sorted(
        {start, end, *(max(a, start) for a, _, _ in intervals), *(min(b, end) for _, b, _ in intervals)}
    )
    total = 0.0
    for left, right in pairwise(cuts):
        if right <= start or left >= end:
            continue
        weight = max((w for a, b, w in intervals if a <= left and b >= right), default=0.0)
        total += weight * (right - left).total_seconds()
    return total


def daily_index(
    *, user: User | AnonymousUser, first: date, last: date, now: datetime | None = None
) -> list[DayIndex]:
    if last < first:
        raise ValueError("last must not be before first")
    if (last - first).days >= MAX_DAYS:
        raise ValueError(f"at most {MAX_DAYS} days at a time")
    now = now or timezone.now()
    network = current_network()
    total_km = network.total_km
    window_start = datetime.combine(first, time.min, tzinfo=UTC)
    window_end = min(datetime.combine(last + timedelta(days=1), time.min, tzinfo=UTC), now)
    per_segment: dict[int, list[tuple[datetime, datetime, float]]] = {}
    if window_end > window_start:
        for restriction in with_elements(
            overlapping(visible_restrictions(user), window_start, window_end), user
        ):
            segments, _ = affected_segments(network, restriction)
            end = restriction.ends_at or window_end
            for segment_id in segments:
                per_segment.setdefault(segment_id, []).append(
                    (restriction.started_at, end, WEIGHT[restriction.status])
                )
    lengths = {segment.id: segment.length_km for segment in network.segments}
    days = []
    day = first
    while day <= last:
        start = datetime.combine(day, time.min, tzinfo=UTC)
        end = min(start + timedelta(days=1), now)
        if end <= start:
            break
        seconds = (end - start).total_seconds()
        lost_km_seconds = closed = restricted = 0.0
        for segment_id, intervals in per_segment.items():
            inside = [(a, b, w) for a, b, w in intervals if a < end and b > start]
            if not inside or segment_id not in lengths:
                continue
            km = lengths[segment_id]
            lost_km_seconds += km * _loss_seconds(inside, start, end)
            closed += km * _loss_seconds([i for i in inside if i[2] == 1.0], start, end) / 3600
            restricted += (
                km * _loss_seconds([(a, b, 1.0) for a, b, w in inside if w < 1.0], start, end) / 3600
            )
        share = 1.0 - lost_km_seconds / (total_km * seconds) if total_km else 1.0
        days.append(
            DayIndex(
                day=day,
                open_percent=round(100 * share, 2),
                closed_km_hours=round(closed, 1),
                restricted_km_hours=round(restricted, 1),
                hours=round(seconds / 3600, 2),
            )
        )
        day += timedelta(days=1)
    return days
