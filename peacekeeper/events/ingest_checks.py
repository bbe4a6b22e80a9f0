"""What an ingest checks of a batch without the database, in a thread of its own (events/ingest.py).

Validation and the theatre's geometry (inside the outline, which municipality) are Python's work; storing
mostly waits on the database. The next batch is checked while the current one is stored, so on two cores
the two overlap. Nothing here opens a database connection: the outline and the area index are read
before the thread starts.
"""

from collections.abc import Callable, Iterable, Iterator, Sequence
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from datetime import datetime

from django.utils import timezone
from shapely.geometry.base import BaseGeometry

from peacekeeper.core.bulk import batched
from peacekeeper.core.errors import FieldError
from peacekeeper.events.inputs import EventInput
from peacekeeper.events.validation import validate_input
from peacekeeper.theatre.boundaries import AreaIndex, within_outline


@dataclass
class CheckedBatch:
    """A batch with what its checks found that needs no database: validation's errors by position, and for
    each item validation passed, whether it lies in the theatre and the municipality it lies in."""

    batch: Sequence[EventInput]
    now: datetime
    errors: list[list[FieldError]]
    inside: dict[int, bool]
    area_ids: dict[int, int | None]


def check_batch(
    batch: Sequence[EventInput], *, source_system: str, outline: BaseGeometry | None, index: AreaIndex
) -> CheckedBatch:
    """Runs in the checking thread: no query, no database connection (outline and index are read before)."""
    now = timezone.now()
    errors = []
    for data in batch:
        data.source_system = source_system
        errors.append(validate_input(data, now=now))
    placed = [position for position, found in enumerate(errors) if not found]
    lats, lons = [batch[position].lat for position in placed], [batch[position].lon for position in placed]
    inside = within_outline(outline, lats, lons)
    area_ids = index.locate_many(lats, lons, tolerance_deg=0.02)
    return CheckedBatch(
        batch, now, errors, dict(zip(placed, inside, strict=True)), dict(zip(placed, area_ids, strict=True))
    )


def checked_batches(
    items: Iterable[EventInput],
    size: int,
    check: Callable[[Sequence[EventInput]], CheckedBatch],
    checker: ThreadPoolExecutor,
) -> Iterator[CheckedBatch]:
    """The items in batches, each with its checks. The next batch is read, and checked in the checker's
    thread, while the caller stores this one: checking is Python's work, storing mostly waits on the
    database, so on two cores the two overlap. A failure reading the next batch is raised after this one
    is stored, as it was when batches were read one at a time."""
    batches = batched(items, size)
    first = next(batches, None)
    if first is None:
        return
    pending = checker.submit(check, first)
    while True:
        try:
            following = next(batches, None)
        except BaseException:
            yield pending.result()
            raise
        upcoming = checker.submit(check, following) if following is not None else None
        yield pending.result()
        if upcoming is None:
            return
        pending = upcoming
