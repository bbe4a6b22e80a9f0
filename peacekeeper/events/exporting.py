"""Exports of a filtered view (CSV, GeoJSON, KML, ACLED CSV), read through the access policy, audited, and
marked with the combined marking of what they hold (access.marking)."""

from array import array
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from typing import TextIO

from django.contrib.auth.models import User
from django.db.models import QuerySet

from peacekeeper.access.audit import record_bulk_view
from peacekeeper.access.marking import highest_marking
from peacekeeper.access.models import AuditEntry, ReleaseLabel
from peacekeeper.events.incidents import note_visible_incidents
from peacekeeper.events.models import EventReport
from peacekeeper.events.presenting import grid_of
from peacekeeper.events.queries import EventFilter, filtered_events
from peacekeeper.events.taxonomy import get_category
from peacekeeper.interop.acled_writer import write_acled_csv
from peacekeeper.interop.csv_writer import write_csv
from peacekeeper.interop.geojson_writer import write_geojson
from peacekeeper.interop.kml_writer import write_kml
from peacekeeper.interop.records import EXPORT_FIELDS, ExportRecord

CHUNK = 2000


@dataclass(frozen=True)
class ExportFormat:
    name: str
    write: Callable[..., None]
    content_type: str
    extension: str


FORMATS = {
    "csv": ExportFormat("csv", write_csv, "text/csv; charset=utf-8", "csv"),
    "geojson": ExportFormat("geojson", write_geojson, "application/geo+json", "geojson"),
    "kml": ExportFormat("kml", write_kml, "application/vnd.google-earth.kml+xml", "kml"),
    "acled": ExportFormat("acled", write_acled_csv, "text/csv; charset=utf-8", "acled.csv"),
}


def export_record(event: EventReport) -> ExportRecord:
    """The report as the files write it. ExportRecord is their contract (interop): the columns worked out for
    the files are given here, and every other column is the report's field of that name, so a stored field
    goes into the files by its column alone."""
    category = get_category(event.category)
    worked_out = {
        "uid": str(event.uid),
        "marking": event.label.marking,
        "mgrs": grid_of(event),
        "area_code": event.area.code if event.area_id else "",
        "area_name": event.area.name_en if event.area_id else "",
        "category_label": category.label,
        "acled_event_type": category.acled_event_type,
        "acled_sub_event_type": category.acled_sub_event_type,
        "disorder_type": category.disorder_type,
        "incident_id": event.visible_incident_id,  # noted per chunk: an incident the reader sees
    }
    stored = {name: getattr(event, name) for name in EXPORT_FIELDS if name not in worked_out}
    return ExportRecord(**stored, **worked_out)


def _pages(queryset: QuerySet[EventReport]) -> Iterator[list[EventReport]]:
    """The queryset in pages of CHUNK, in its order, each read whole before it is yielded.

    Never a read cursor open while the caller writes: on SQLite a read left open keeps its snapshot, and the
    audit's write transaction cannot start from a snapshot another writer has since moved past (it fails at
    once, "database is locked"). So the ids are read first, in order (8 bytes each: 8 MB for a million),
    and each page is read by id through the same queryset, so a report relabelled or hidden meanwhile
    drops out rather than being written under the file's marking.
    """
    ids = array("q", queryset.values_list("pk", flat=True).iterator(chunk_size=CHUNK * 10))
    for start in range(0, len(ids), CHUNK):
        wanted = ids[start : start + CHUNK]
        found = {event.pk: event for event in queryset.filter(pk__in=wanted.tolist()).order_by()}
        yield [found[pk] for pk in wanted if pk in found]


def _audited_records(
    queryset: QuerySet[EventReport], *, user: User, detail: str, counter: list[int]
) -> Iterator[ExportRecord]:
    """Records in pages; each page's restricted records are audited as exported before being written."""
    for page in _pages(queryset):
        yield from _flush(page, user=user, detail=detail, counter=counter)


def _flush(
    chunk: list[EventReport], *, user: User, detail: str, counter: list[int]
) -> Iterator[ExportRecord]:
    record_bulk_view(user=user, records=chunk, detail=detail, action=AuditEntry.Action.EXPORTED)
    note_visible_incidents(chunk, user=user)
    counter[0] += len(chunk)
    for event in chunk:
        yield export_record(event)


def export_events(*, user: User, filters: EventFilter, fmt: str, out: TextIO, sort: str = "newest") -> int:
    """Write the events this user may see that match filters; returns how many were written.

    A file states the combined marking of its distinct labels before its first record, and rows are streamed
    in one pass: so the labels of the filtered view are read first (one small query), and only records of
    those labels are written. A report labelled otherwise between the two reads waits for the next export;
    whoever may see the file's marking may see every row.
    """
    if fmt not in FORMATS:
        raise ValueError(f"unknown export format {fmt!r} (one of {', '.join(FORMATS)})")
    queryset = filtered_events(user=user, filters=filters, sort=sort)
    label_ids = set(queryset.order_by().values_list("label_id", flat=True).distinct())
    marking = highest_marking(ReleaseLabel.objects.filter(pk__in=label_ids))
    counter = [0]
    records = _audited_records(
        queryset.filter(label_id__in=label_ids), user=user, detail=f"export {fmt}", counter=counter
    )
    FORMATS[fmt].write(records, out, marking=marking)
    return counter[0]
