"""Builders for the interop tests: a valid ACLED row, ACLED CSV text, and ExportRecords."""

import csv
import io
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import replace
from datetime import UTC, datetime
from typing import Any

from peacekeeper.events.taxonomy import category_for_acled, get_category
from peacekeeper.interop.acled import ACLED_COLUMNS, AcledRecord, AcledRow, RowRejected, read_acled
from peacekeeper.interop.records import ExportRecord

# A realistic ACLED row for Kosovo, as the ACLED export tool writes it.
ACLED_ROW: dict[str, str] = {
    "event_id_cnty": "XKX1234",
    "event_date": "2026-11-29",
    "year": "2026",
    "time_precision": "1",
    "disorder_type": "Demonstrations",
    "event_type": "Protests",
    "sub_event_type": "Peaceful protest",
    "actor1": "Protesters (Kosovo)",
    "assoc_actor_1": "Vetevendosje",
    "inter1": "6",
    "actor2": "",
    "assoc_actor_2": "",
    "inter2": "0",
    "interaction": "60",
    "civilian_targeting": "",
    "iso": "0",
    "region": "Europe",
    "country": "Kosovo",
    "admin1": "Mitrovice",
    "admin2": "Mitrovice",
    "admin3": "",
    "location": "Mitrovice",
    "latitude": "42.8914",
    "longitude": "20.8660",
    "geo_precision": "1",
    "source": "Koha Ditore",
    "source_scale": "National",
    "notes": "On 29 November 2026, around 200 people protested at the main bridge.",
    "fatalities": "0",
    "tags": "crowd size=around 200",
    "timestamp": "1764460800",
}


def acled_text(rows: Iterable[Mapping[str, str]], columns: Sequence[str] = ACLED_COLUMNS) -> str:
    """CSV text with `columns` as the header; each row gives its cells by column name (missing: empty)."""
    buffer = io.StringIO(newline="")
    writer = csv.writer(buffer)
    writer.writerow(columns)
    for row in rows:
        writer.writerow([row.get(column, "") for column in columns])
    return buffer.getvalue()


def read_text(text: str) -> list[AcledRecord]:
    return list(read_acled(io.StringIO(text, newline=""), categorise=category_for_acled))


def read_rows(*rows: Mapping[str, str]) -> list[AcledRecord]:
    return read_text(acled_text(rows))


def acled_row(**changes: str) -> dict[str, str]:
    return ACLED_ROW | changes


def only_row(*rows: Mapping[str, str]) -> AcledRow:
    (record,) = read_rows(*rows)
    assert isinstance(record, AcledRow), record
    return record


def only_rejection(*rows: Mapping[str, str]) -> RowRejected:
    (record,) = read_rows(*rows)
    assert isinstance(record, RowRejected), record
    return record


_RECORD = ExportRecord(
    uid="6f1c2d3e-0000-4000-8000-000000000001",
    marking="NATO UNCLASSIFIED // REL TO KFOR",
    status="validated",
    occurred_at=datetime(2026, 11, 29, 14, 30, tzinfo=UTC),
    time_precision=1,
    reported_at=datetime(2026, 11, 29, 15, 5, tzinfo=UTC),
    lat=42.8914,
    lon=20.866,
    mgrs="34TDN89054867",
    geo_precision=1,
    area_code="MIT-N",
    area_name="Mitrovica North",
    location_name="Main bridge",
    category="",
    category_label="",
    acled_event_type="",
    acled_sub_event_type="",
    disorder_type="",
    severity=2,
    killed_civilians=0,
    killed_police=0,
    killed_force=0,
    killed_other=0,
    injured_civilians=0,
    injured_police=0,
    injured_force=0,
    injured_other=0,
    actor1="Protesters (Kosovo)",
    assoc_actor_1="",
    inter1=6,
    actor2="Police Forces of Kosovo (2008-)",
    assoc_actor_2="",
    inter2=1,
    civilian_targeting=False,
    narrative="About 200 people blocked the main bridge; police dispersed them.",
    source_type="patrol",
    source_name="KFOR patrol",
    source_scale="Local partner-Other",
    source_reliability="B",
    source_credibility=2,
    reporting_unit="MNBG-E",
    tags="",
    exercise=False,
    source_system="form",
    source_id="",
    source_timestamp=None,
    version=1,
    incident_id=None,
)


def make_record(category: str = "protests.with_intervention", **changes: Any) -> ExportRecord:
    """An ExportRecord whose ACLED coding follows its category, as the caller's builder would fill it."""
    coded = get_category(category)
    return replace(
        _RECORD,
        category=coded.code,
        category_label=coded.label,
        acled_event_type=coded.acled_event_type,
        acled_sub_event_type=coded.acled_sub_event_type,
        disorder_type=coded.disorder_type,
        **changes,
    )


def file_marking(records: Sequence[ExportRecord]) -> str | None:
    """The file marking a caller states for these records; the writers' tests give them all one marking
    (ranking markings needs the database: see events/tests/test_export_markings.py)."""
    markings = {record.marking for record in records}
    assert len(markings) <= 1, markings
    return markings.pop() if markings else None
