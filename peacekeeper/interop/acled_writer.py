"""ACLED CSV export: the 31 ACLED columns, so ACLED tools and analysts can read our events.

ACLED has no column for a release marking. Each row carries its own in a `marking` column after the 31,
which ACLED readers (ours included) ignore as they ignore any column they do not know. The file has no
marking line before the header, as the CSV export has: ACLED's tools, pandas' defaults and our own reader
all take the first line for the header, so the line would make the file unreadable as ACLED.
"""

import csv
from collections.abc import Iterable
from datetime import UTC, datetime
from typing import TextIO
from zoneinfo import ZoneInfo

from peacekeeper.interop.acled import ACLED_COLUMNS
from peacekeeper.interop.acled_values import CIVILIAN_TARGETING, interaction_code
from peacekeeper.interop.csv_writer import csv_cell
from peacekeeper.interop.records import ExportRecord, ExportValue, marked_records
from peacekeeper.theatre.dtg import DEFAULT_LOCAL_ZONE

# Assumption: Kosovo has no ISO 3166 numeric code, and ACLED's Kosovo rows carry iso 0.
KOSOVO_ISO = 0
KOSOVO_COUNTRY = "Kosovo"
KOSOVO_REGION = "Europe"
# Our own events get an id that cannot collide with ACLED's (which start with a country code).
OWN_ID_PREFIX = "KFOR-"
EXERCISE_TAG = "EXERCISE"
ACLED_EXPORT_COLUMNS: tuple[str, ...] = (*ACLED_COLUMNS, "marking")


def event_id_cnty(record: ExportRecord) -> str:
    if record.source_system == "acled" and record.source_id:
        return record.source_id
    return OWN_ID_PREFIX + record.uid


def _tags(record: ExportRecord) -> str:
    # ACLED has no exercise flag; the tag keeps synthetic events recognisable outside the system.
    if not record.exercise:
        return record.tags
    return "; ".join(tag for tag in (EXERCISE_TAG, record.tags) if tag)


def acled_cells(record: ExportRecord, *, zone: ZoneInfo, timestamp: int) -> dict[str, ExportValue]:
    # ACLED dates events by the local calendar day; an ACLED import (00:00 UTC) keeps its day.
    event_date = record.occurred_at.astimezone(zone).date()
    return {
        "event_id_cnty": event_id_cnty(record),
        "event_date": event_date.isoformat(),
        "year": event_date.year,
        "time_precision": record.time_precision,
        "disorder_type": record.disorder_type,
        "event_type": record.acled_event_type,
        "sub_event_type": record.acled_sub_event_type,
        "actor1": record.actor1,
        "assoc_actor_1": record.assoc_actor_1,
        "inter1": record.inter1,
        "actor2": record.actor2,
        "assoc_actor_2": record.assoc_actor_2,
        "inter2": record.inter2,
        "interaction": interaction_code(record.inter1, record.inter2),
        "civilian_targeting": CIVILIAN_TARGETING if record.civilian_targeting else "",
        "iso": KOSOVO_ISO,
        "region": KOSOVO_REGION,
        "country": KOSOVO_COUNTRY,
        # ACLED's admin1 for Kosovo is the district, which we do not hold; admin2 is the municipality.
        "admin1": "",
        "admin2": record.area_name,
        "admin3": "",
        "location": record.location_name,
        "latitude": record.lat,
        "longitude": record.lon,
        "geo_precision": record.geo_precision,
        "source": record.source_name,
        "source_scale": record.source_scale,
        "notes": record.narrative,
        "fatalities": record.fatalities,
        "tags": _tags(record),
        "timestamp": record.source_timestamp if record.source_timestamp is not None else timestamp,
        "marking": record.marking,
    }


def write_acled_csv(
    records: Iterable[ExportRecord],
    out: TextIO,
    *,
    marking: str | None,
    now: datetime | None = None,
    zone: str = DEFAULT_LOCAL_ZONE,
) -> None:
    """Write ACLED's 31 columns and each row's marking, header first, streaming. Open `out` with newline="".

    `marking` is the combined marking of the records (None: there are none); the file has no place for
    it (see the module docstring), the rows carry theirs. timestamp is the record's source_timestamp, else
    `now` (one value for the whole export); event_date is the local day in `zone`, the theatre's time zone.
    """
    timestamp = int((now or datetime.now(UTC)).timestamp())
    local_zone = ZoneInfo(zone)
    writer = csv.writer(out)
    writer.writerow(ACLED_EXPORT_COLUMNS)
    for record in marked_records(records, marking):
        cells = acled_cells(record, zone=local_zone, timestamp=timestamp)
        writer.writerow([csv_cell(cells[column]) for column in ACLED_EXPORT_COLUMNS])
