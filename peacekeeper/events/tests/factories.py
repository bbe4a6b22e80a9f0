"""Building test inputs: one valid report in Zvečan, changed only where a test says so."""

from datetime import UTC, datetime, timedelta

from django.utils import timezone

from peacekeeper.events.inputs import EventInput

ZVECAN = (42.9075, 20.84028)
IBAR_BRIDGE = (42.89167, 20.86611)


# One moment for every default report of a test run: two reports built a second apart must still be
# the same report when a test says so (idempotency and change-detection tests compare them).
TWO_HOURS_AGO = timezone.now().replace(second=0, microsecond=0) - timedelta(hours=2)


def an_event(**overrides) -> EventInput:
    values = {
        "occurred_at": TWO_HOURS_AGO,
        "lat": ZVECAN[0],
        "lon": ZVECAN[1],
        "category": "fom.roadblock",
        "location_name": "Zvečan, main road",
        "narrative": "Approx 40 persons erected a barricade of trucks on the main road.",
        "severity": 3,
        "marking": "NATO UNCLASSIFIED // REL TO KFOR",
    }
    values.update(overrides)
    return EventInput(**values)


def at(year: int, month: int, day: int, hour: int = 12) -> datetime:
    return datetime(year, month, day, hour, tzinfo=UTC)
