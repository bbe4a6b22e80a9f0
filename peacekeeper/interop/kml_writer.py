"""KML 2.2 export: one Placemark per record, written as it comes, well-formed whatever the text."""

import html
import re
from collections.abc import Iterable
from typing import TextIO
from xml.sax.saxutils import escape

from peacekeeper.interop.records import NO_RECORDS, ExportRecord, iso_utc, marked_records

KML_NAMESPACE = "http://www.opengis.net/kml/2.2"

# Characters XML 1.0 forbids even as character references: most C0 controls, lone surrogates, U+FFFE/F.
_NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")
# A parser turns a raw carriage return into a line feed; a character reference keeps it.
_KEEP_CARRIAGE_RETURN = {"\r": "&#13;"}
# Some viewers put names and data values into their HTML balloons unescaped: without angle brackets
# no tag can form there, and the text still reads the same wherever it is shown as plain text.
_NO_TAGS = str.maketrans({"<": "\u2039", ">": "\u203a"})

# ExtendedData: what a viewer needs to judge a placemark without the database.
_DATA_FIELDS = (
    "uid",
    "marking",
    "status",
    "category",
    "severity",
    "mgrs",
    "area_name",
    "location_name",
    "actor1",
    "actor2",
    "source_name",
    "source_system",
    "source_id",
    "exercise",
    "version",
)


def _xml_text(text: str) -> str:
    """Text escaped for XML content, without the characters XML cannot carry at all."""
    return escape(_NOT_XML.sub("", text), _KEEP_CARRIAGE_RETURN)


def _shown_text(text: str) -> str:
    return _xml_text(text.translate(_NO_TAGS))


def _data_value(value: object) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    return str(value)


def _name(record: ExportRecord) -> str:
    name = (
        f"{record.category_label} — {record.location_name}" if record.location_name else record.category_label
    )
    # Exercise data must never be mistaken for a real event on a shared map.
    return f"EXERCISE — {name}" if record.exercise else name


def _placemark(record: ExportRecord) -> str:
    # Viewers such as Google Earth render <description> as HTML: escaping it for HTML first, then for
    # XML, makes any markup in the narrative show as text instead of running.
    description = html.escape(record.narrative)
    data = "".join(
        f'<Data name="{name}"><value>{_shown_text(_data_value(getattr(record, name)))}</value></Data>'
        for name in _DATA_FIELDS
    )
    return (
        "<Placemark>"
        f"<name>{_shown_text(_name(record))}</name>"
        f"<description>{_xml_text(description)}</description>"
        f"<TimeStamp><when>{iso_utc(record.occurred_at)}</when></TimeStamp>"
        f"<ExtendedData>{data}"
        f'<Data name="fatalities"><value>{record.fatalities}</value></Data>'
        f'<Data name="injured"><value>{record.injured}</value></Data>'
        "</ExtendedData>"
        f"<Point><coordinates>{record.lon!r},{record.lat!r}</coordinates></Point>"
        "</Placemark>\n"
    )


def _document_header(name: str, marking: str | None) -> str:
    # Marking first: a viewer's layer list may cut a long name short, never the marking.
    shown = marking or NO_RECORDS
    description = (
        f"Marking of this file's records together: {shown}. Each placemark carries its own in its data."
        if marking
        else "This file holds no records."
    )
    return (
        f"<name>{_shown_text(f'{shown} — {name}')}</name>"
        f"<description>{_xml_text(html.escape(description))}</description>"
        f'<ExtendedData><Data name="marking"><value>{_shown_text(shown)}</value></Data></ExtendedData>\n'
    )


def write_kml(
    records: Iterable[ExportRecord], out: TextIO, *, marking: str | None, name: str = "Peacekeeper events"
) -> None:
    """Write a KML Document with one Placemark per record, streaming. Open `out` as UTF-8.

    `marking` is the combined marking of the records (None: there are none): the document's name,
    description and data state it; each placemark states its own in its ExtendedData.
    """
    out.write('<?xml version="1.0" encoding="UTF-8"?>\n')
    out.write(f'<kml xmlns="{KML_NAMESPACE}"><Document>{_document_header(name, marking)}')
    for record in marked_records(records, marking):
        out.write(_placemark(record))
    out.write("</Document></kml>\n")
