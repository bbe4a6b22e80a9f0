"""GeoJSON (RFC 7946) export: a FeatureCollection written one feature at a time."""

from collections.abc import Iterable
from typing import TextIO

import orjson

from peacekeeper.interop.records import ExportRecord, export_values, marked_records


def _feature(record: ExportRecord) -> bytes:
    return orjson.dumps(
        {
            "type": "Feature",
            "id": record.uid,
            "geometry": {"type": "Point", "coordinates": [record.lon, record.lat]},
            "properties": export_values(record),
        }
    )


def write_geojson(records: Iterable[ExportRecord], out: TextIO, *, marking: str | None) -> None:
    """Write a FeatureCollection, one Point feature per record, streaming.

    The collection's `marking` (a foreign member, RFC 7946 section 6.1) is the combined marking of the
    records, null when there are none; each feature carries its own in its properties.
    """
    out.write('{"type":"FeatureCollection","marking":')
    out.write(orjson.dumps(marking).decode())
    out.write(',"features":[\n')
    separator = ""
    for record in marked_records(records, marking):
        out.write(separator)
        out.write(_feature(record).decode())
        separator = ",\n"
    out.write("\n]}\n")
