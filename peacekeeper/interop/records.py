"""ExportRecord: the one flat shape every export writer takes, built by the caller from the database."""

from collections.abc import Iterable, Iterator
from dataclasses import dataclass, fields
from datetime import UTC, datetime


@dataclass(frozen=True, slots=True)
class ExportRecord:
    uid: str
    marking: str
    status: str
    occurred_at: datetime
    time_precision: int
    reported_at: datetime
    lat: float
    lon: float
    mgrs: str
    geo_precision: int
    area_code: str
    area_name: str
    location_name: str
    category: str
    category_label: str
    acled_event_type: str
    acled_sub_event_type: str
    disorder_type: str
    severity: int
    killed_civilians: int
    killed_police: int
    killed_force: int
    killed_other: int
    injured_civilians: int
    injured_police: int
    injured_force: int
    injured_other: int
    actor1: str
    assoc_actor_1: str
    inter1: int
    actor2: str
    assoc_actor_2: str
    inter2: int
    civilian_targeting: bool
    narrative: str
    source_type: str
    source_name: str
    source_scale: str
    source_reliability: str
    source_credibility: int
    reporting_unit: str
    tags: str
    exercise: bool
    source_system: str
    source_id: str
    source_timestamp: int | None
    version: int
    incident_id: int | None

    def __post_init__(self) -> None:
        # Every export writes UTC; a naive time would be written as if it were UTC, silently.
        for name in ("occurred_at", "reported_at"):
            if getattr(self, name).utcoffset() is None:
                raise ValueError(f"{name} must be timezone-aware")

    @property
    def fatalities(self) -> int:
        return self.killed_civilians + self.killed_police + self.killed_force + self.killed_other

    @property
    def injured(self) -> int:
        return self.injured_civilians + self.injured_police + self.injured_force + self.injured_other


EXPORT_FIELDS: tuple[str, ...] = tuple(field.name for field in fields(ExportRecord))

# What a file says in place of its marking when it holds no record.
NO_RECORDS = "NO RECORDS · NOT MARKED"


def marked_records(records: Iterable[ExportRecord], marking: str | None) -> Iterator[ExportRecord]:
    """The records, refusing the first one if the file was said to hold none (marking None): a writer
    states the file's marking before its first record, and must never under-state it."""
    for record in records:
        if marking is None:
            raise ValueError("a file marked as holding no records was given a record")
        yield record


ExportValue = str | int | float | bool | None


def iso_utc(moment: datetime) -> str:
    """ISO 8601 in UTC to the second, e.g. 2026-11-29T14:30:00Z."""
    return moment.astimezone(UTC).strftime("%Y-%m-%dT%H:%M:%SZ")


def export_values(record: ExportRecord) -> dict[str, ExportValue]:
    """The fields of a record as plain values, times as ISO 8601 UTC text."""
    values: dict[str, ExportValue] = {}
    for name in EXPORT_FIELDS:
        value = getattr(record, name)
        values[name] = iso_utc(value) if isinstance(value, datetime) else value
    return values
