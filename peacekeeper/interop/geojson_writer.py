"""GeoJSON (RFC 7946) export: a FeatureCollection written one feature at a time."""

from collections.abc import Iterable
from typing import TextIO

import orjson

from peacekeeper.interop.records import ExportRecord, export_values


def _feature(record: ExportRecord) -> bytes:
    return orjson.dumps(
        {
            "type": "Feature",
            "id": record.uid,
            "geometry": {"type": "Point", "coordinates": [record.lon, record.lat]},
            "properties": export_values(record),
        }
    )


def write_geojson(records: Iterable[ExportRecord], out: TextIO) -> None:
    """Write a FeatureCollection, one Point feature per record; each feature carries its own marking."""
    out.write('{"type":"FeatureCollection","features":[\n')
    separator = ""
    for record in records:
        out.write(separator)
        out.write(_feature(record).decode())
        separator = ",\n"
    out.write("\n]}\n")
