"""Exports: each format parses back with a standard parser, and hostile text stays inert text."""

import csv
import html
import io
import json
from collections.abc import Iterator
from datetime import datetime, timedelta, timezone
from xml.etree.ElementTree import Element

import pytest
from defusedxml import ElementTree
from hypothesis import given
from hypothesis import strategies as st

from peacekeeper.interop.acled_writer import write_acled_csv
from peacekeeper.interop.csv_writer import spreadsheet_safe, write_csv
from peacekeeper.interop.geojson_writer import write_geojson
from peacekeeper.interop.kml_writer import KML_NAMESPACE, write_kml
from peacekeeper.interop.records import EXPORT_FIELDS, ExportRecord
from peacekeeper.interop.tests.factories import file_marking, make_record

KML = f"{{{KML_NAMESPACE}}}"
SCRIPT = '<script>alert("x")</script> & <b onmouseover=alert(1)>bold</b>'
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def csv_rows(records: list[ExportRecord]) -> list[dict[str, str]]:
    out = io.StringIO(newline="")
    write_csv(records, out, marking=file_marking(records))
    lines = io.StringIO(out.getvalue(), newline="")
    next(lines)  # the marking line (test_export_markings)
    return list(csv.DictReader(lines))


def geojson(records: list[ExportRecord]) -> dict:
    out = io.StringIO()
    write_geojson(records, out, marking=file_marking(records))
    return json.loads(out.getvalue())


def kml_placemarks(records: list[ExportRecord]) -> list[Element]:
    out = io.StringIO(newline="")
    write_kml(records, out, marking=file_marking(records))
    document = ElementTree.fromstring(out.getvalue().encode())
    assert document.tag == f"{KML}kml"
    return document.findall(f"{KML}Document/{KML}Placemark")


def kml_data(placemark: Element) -> dict[str, str | None]:
    return {
        data.get("name"): data.findtext(f"{KML}value")
        for data in placemark.iterfind(f"{KML}ExtendedData/{KML}Data")
    }


@pytest.mark.parametrize("write", [write_csv, write_geojson, write_kml, write_acled_csv])
def test_a_writer_refuses_a_record_in_a_file_said_to_hold_none(write) -> None:
    # The marking is written before the first record: a file must never under-state what it holds.
    with pytest.raises(ValueError, match="holding no records"):
        write([make_record()], io.StringIO(newline=""), marking=None)


def test_an_export_record_needs_timezone_aware_times() -> None:
    with pytest.raises(ValueError, match="occurred_at must be timezone-aware"):
        make_record(occurred_at=datetime(2026, 11, 29, 14, 30))


def test_csv_has_a_header_then_every_field_of_every_record() -> None:
    rows = csv_rows([make_record(), make_record(uid="second", incident_id=7, exercise=True)])

    assert list(rows[0]) == list(EXPORT_FIELDS)
    assert [row["uid"] for row in rows] == ["6f1c2d3e-0000-4000-8000-000000000001", "second"]
    assert (rows[0]["incident_id"], rows[1]["incident_id"]) == ("", "7")
    assert (rows[0]["exercise"], rows[1]["exercise"]) == ("false", "true")
    assert rows[0]["marking"] == "NATO UNCLASSIFIED // REL TO KFOR"


def test_csv_writes_times_as_iso_8601_utc() -> None:
    belgrade_winter = timezone(timedelta(hours=1))
    (row,) = csv_rows([make_record(occurred_at=datetime(2026, 11, 29, 15, 30, tzinfo=belgrade_winter))])

    assert row["occurred_at"] == "2026-11-29T14:30:00Z"
    assert row["reported_at"] == "2026-11-29T15:05:00Z"


@pytest.mark.parametrize(
    "payload",
    ['=HYPERLINK("http://evil")', "+1+2", "-2+3", "@SUM(A1)", "\tcmd", "\rcmd", "-", "=1"],
)
def test_csv_defuses_cells_a_spreadsheet_would_run(payload: str) -> None:
    (row,) = csv_rows([make_record(narrative=payload, actor1=payload)])

    assert row["narrative"] == row["actor1"] == "'" + payload


@pytest.mark.parametrize("number", ["-12", "-0.5", "-1e3", "12", "3.14"])
def test_csv_leaves_numbers_as_numbers(number: str) -> None:
    assert spreadsheet_safe(number) == number


def test_csv_does_not_defuse_negative_coordinates() -> None:
    (row,) = csv_rows([make_record(lat=-33.5, lon=-70.25)])

    assert (row["lat"], row["lon"]) == ("-33.5", "-70.25")


@given(st.text(), st.text())
def test_csv_keeps_any_text_that_is_not_a_formula(narrative: str, actor: str) -> None:
    (row,) = csv_rows([make_record(narrative=narrative, actor1=actor)])

    assert row["narrative"] == spreadsheet_safe(narrative)
    assert row["actor1"] == spreadsheet_safe(actor)
    if not narrative.startswith(FORMULA_STARTS):
        assert row["narrative"] == narrative


def test_geojson_is_a_feature_collection_of_points_lon_first() -> None:
    collection = geojson([make_record(), make_record(uid="second", lat=42.66, lon=21.17)])

    assert collection["type"] == "FeatureCollection"
    assert [feature["geometry"] for feature in collection["features"]] == [
        {"type": "Point", "coordinates": [20.866, 42.8914]},
        {"type": "Point", "coordinates": [21.17, 42.66]},
    ]


def test_geojson_properties_carry_every_field_and_the_marking() -> None:
    (feature,) = geojson([make_record(narrative=SCRIPT)])["features"]

    assert feature["id"] == "6f1c2d3e-0000-4000-8000-000000000001"
    assert list(feature["properties"]) == list(EXPORT_FIELDS)
    assert feature["properties"]["marking"] == "NATO UNCLASSIFIED // REL TO KFOR"
    assert feature["properties"]["occurred_at"] == "2026-11-29T14:30:00Z"
    assert feature["properties"]["narrative"] == SCRIPT
    assert feature["properties"]["source_timestamp"] is None


def test_geojson_of_no_records_is_an_empty_collection() -> None:
    assert geojson([]) == {"type": "FeatureCollection", "marking": None, "features": []}


def test_geojson_writes_each_feature_before_taking_the_next_record() -> None:
    out = io.StringIO()

    def records() -> Iterator[ExportRecord]:
        for number in range(3):
            assert out.getvalue().count('"Feature"') == number
            yield make_record(uid=str(number))

    write_geojson(records(), out, marking="NATO UNCLASSIFIED // REL TO KFOR")

    assert len(json.loads(out.getvalue())["features"]) == 3


def test_kml_has_a_placemark_per_record_with_time_point_and_marking() -> None:
    (placemark,) = kml_placemarks([make_record()])

    assert placemark.findtext(f"{KML}name") == "Protest with intervention — Main bridge"
    assert placemark.findtext(f"{KML}TimeStamp/{KML}when") == "2026-11-29T14:30:00Z"
    assert placemark.findtext(f"{KML}Point/{KML}coordinates") == "20.866,42.8914"
    data = kml_data(placemark)
    assert data["marking"] == "NATO UNCLASSIFIED // REL TO KFOR"
    assert (data["uid"], data["category"], data["exercise"]) == (
        "6f1c2d3e-0000-4000-8000-000000000001",
        "protests.with_intervention",
        "false",
    )


def test_kml_names_exercise_placemarks_as_exercise() -> None:
    (placemark,) = kml_placemarks([make_record(exercise=True)])

    assert placemark.findtext(f"{KML}name").startswith("EXERCISE — ")


def test_kml_text_never_carries_markup_a_viewer_would_run() -> None:
    (placemark,) = kml_placemarks(
        [make_record(narrative=SCRIPT, location_name="<img src=x onerror=alert(1)>")]
    )

    description = placemark.findtext(f"{KML}description")
    # Viewers render the description as HTML: after XML parsing it must hold no tag at all.
    assert "<" not in description
    assert html.unescape(description) == SCRIPT
    assert (
        placemark.findtext(f"{KML}name")
        == "Protest with intervention — \u2039img src=x onerror=alert(1)\u203a"
    )


def test_kml_drops_characters_xml_cannot_carry() -> None:
    (placemark,) = kml_placemarks([make_record(narrative="a\x00b\x08c\x1fd\ufffee\tf\ng\rh", actor1="\x0bX")])

    assert html.unescape(placemark.findtext(f"{KML}description")) == "abcde\tf\ng\rh"
    assert kml_data(placemark)["actor1"] == "X"


def test_kml_of_no_records_is_an_empty_document() -> None:
    assert kml_placemarks([]) == []


def _without_xml_invalid(text: str) -> str:
    return "".join(
        character
        for character in text
        if character in "\t\n\r" or (character >= " " and character not in "\ufffe\uffff")
    )


@given(st.text(), st.text())
def test_kml_keeps_any_text_that_xml_can_carry(narrative: str, actor: str) -> None:
    (placemark,) = kml_placemarks([make_record(narrative=narrative, actor1=actor)])

    assert html.unescape(placemark.findtext(f"{KML}description")) == _without_xml_invalid(narrative)
    # Names and data values lose their angle brackets (see kml_writer); everything else survives.
    shown_actor = _without_xml_invalid(actor).replace("<", "\u2039").replace(">", "\u203a")
    assert kml_data(placemark)["actor1"] == shown_actor
