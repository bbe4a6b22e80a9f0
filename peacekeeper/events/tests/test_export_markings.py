"""Every export states the combined marking of what it holds, each record its own; grids keep their digits."""

import csv
import io
import json

import pytest
from defusedxml import ElementTree

from peacekeeper.access import marking as access_marking
from peacekeeper.access.labels import label_from_marking
from peacekeeper.cli import main
from peacekeeper.events import exporting
from peacekeeper.events.queries import EventFilter
from peacekeeper.events.recording import create_report
from peacekeeper.events.taxonomy import category_for_acled
from peacekeeper.events.tests.factories import an_event
from peacekeeper.interop.acled import AcledRow, read_acled
from peacekeeper.theatre.grid import format_mgrs

KML = "{http://www.opengis.net/kml/2.2}"
SHARED = "NATO UNCLASSIFIED // REL TO KFOR"
DEU_ONLY = "NATO RESTRICTED // DEU ONLY"
DEU_AND_KFOR = "NATO RESTRICTED // REL TO KFOR, DEU"
# All three together: only Germans may see the DEU ONLY report, and only KFOR the SHARED one.
GERMAN_FILE = "NATO RESTRICTED // DEU ONLY // REL TO KFOR"


@pytest.fixture
def reports(theatre, german_watchkeeper):
    for marking in (SHARED, DEU_AND_KFOR, DEU_ONLY):
        create_report(user=german_watchkeeper, data=an_event(marking=marking, narrative=marking))


def export(user, fmt: str, **filters) -> str:
    out = io.StringIO(newline="")
    exporting.export_events(user=user, filters=EventFilter(**filters), fmt=fmt, out=out)
    return out.getvalue()


def csv_parts(text: str) -> tuple[list[str], list[dict[str, str]]]:
    """(the marking line's cells, the rows)."""
    lines = io.StringIO(text, newline="")
    return next(csv.reader(lines)), list(csv.DictReader(lines))


@pytest.mark.django_db
def test_a_csv_export_starts_with_its_combined_marking_and_marks_every_row(
    reports, german_watchkeeper, italian_analyst
):
    marking_line, rows = csv_parts(export(german_watchkeeper, "csv"))

    # One rule for pages and files (access.marking): the combination of the labels, not the highest one.
    assert marking_line == [f"# {GERMAN_FILE}"]
    assert sorted(row["marking"] for row in rows) == sorted([SHARED, DEU_AND_KFOR, DEU_ONLY])
    assert all(row["narrative"] == row["marking"] for row in rows)

    marking_line, rows = csv_parts(export(italian_analyst, "csv"))

    # Released to KFOR and Germany, and to KFOR alone: only KFOR may see both.
    assert marking_line == ["# NATO RESTRICTED // REL TO KFOR"]
    assert sorted(row["marking"] for row in rows) == sorted([SHARED, DEU_AND_KFOR])


@pytest.mark.django_db
def test_a_marking_with_several_releases_stays_one_cell_on_the_marking_line(reports, german_watchkeeper):
    text = export(german_watchkeeper, "csv", text="KFOR, DEU")

    assert text.splitlines()[0] == f'"# {DEU_AND_KFOR}"'
    assert csv_parts(text)[0] == [f"# {DEU_AND_KFOR}"]


@pytest.mark.django_db
def test_a_geojson_export_carries_its_combined_marking_and_each_features(reports, german_watchkeeper):
    collection = json.loads(export(german_watchkeeper, "geojson"))

    assert collection["marking"] == GERMAN_FILE
    assert sorted(feature["properties"]["marking"] for feature in collection["features"]) == sorted(
        [SHARED, DEU_AND_KFOR, DEU_ONLY]
    )


@pytest.mark.django_db
def test_a_kml_export_names_its_combined_marking_and_each_placemarks(reports, german_watchkeeper):
    document = ElementTree.fromstring(export(german_watchkeeper, "kml").encode()).find(f"{KML}Document")

    assert document.findtext(f"{KML}name") == f"{GERMAN_FILE} — Peacekeeper events"
    assert GERMAN_FILE in document.findtext(f"{KML}description")
    assert document.findtext(f"{KML}ExtendedData/{KML}Data[@name='marking']/{KML}value") == GERMAN_FILE
    placemark_markings = [
        placemark.findtext(f"{KML}ExtendedData/{KML}Data[@name='marking']/{KML}value")
        for placemark in document.iterfind(f"{KML}Placemark")
    ]
    assert sorted(placemark_markings) == sorted([SHARED, DEU_AND_KFOR, DEU_ONLY])


@pytest.mark.django_db
def test_a_file_of_a_restricted_kfor_report_and_a_german_only_one_is_marked_for_german_kfor_readers_only(
    theatre, german_watchkeeper, italian_analyst
):
    kfor_restricted = "NATO RESTRICTED // REL TO KFOR"
    german_only = "NATO UNCLASSIFIED // DEU ONLY"
    for marking in (kfor_restricted, german_only):
        create_report(user=german_watchkeeper, data=an_event(marking=marking, narrative=marking))
    # The higher of the two labels, REL TO KFOR, would release the file to an Italian in KFOR, who may
    # not see the German report; DEU ONLY alone, to a German outside KFOR.
    combined = "NATO RESTRICTED // DEU ONLY // REL TO KFOR"

    marking_line, rows = csv_parts(export(german_watchkeeper, "csv"))
    collection = json.loads(export(german_watchkeeper, "geojson"))
    document = ElementTree.fromstring(export(german_watchkeeper, "kml").encode())

    assert marking_line == [f"# {combined}"]
    assert sorted(row["marking"] for row in rows) == [kfor_restricted, german_only]
    assert collection["marking"] == combined
    assert document.findtext(f"{KML}Document/{KML}name") == f"{combined} — Peacekeeper events"
    assert csv_parts(export(italian_analyst, "csv")) == (
        [f"# {kfor_restricted}"],
        [row for row in rows if row["marking"] == kfor_restricted],
    )


@pytest.mark.django_db
def test_an_acled_export_marks_every_row_and_still_reads_as_acled(reports, german_watchkeeper):
    text = export(german_watchkeeper, "acled")

    rows = list(csv.DictReader(io.StringIO(text, newline="")))
    assert sorted(row["marking"] for row in rows) == sorted([SHARED, DEU_AND_KFOR, DEU_ONLY])
    read_back = list(read_acled(io.StringIO(text, newline=""), categorise=category_for_acled))
    assert len(read_back) == 3
    assert all(isinstance(row, AcledRow) for row in read_back), read_back


@pytest.mark.django_db
def test_an_empty_export_says_it_holds_no_records(reports, german_watchkeeper):
    nothing = {"text": "no report says this"}

    assert export(german_watchkeeper, "csv", **nothing).splitlines()[:2] == [
        "# NO RECORDS · NOT MARKED",
        ",".join(exporting.ExportRecord.__dataclass_fields__),
    ]
    assert json.loads(export(german_watchkeeper, "geojson", **nothing)) == {
        "type": "FeatureCollection",
        "marking": None,
        "features": [],
    }
    document = ElementTree.fromstring(export(german_watchkeeper, "kml", **nothing).encode())
    assert document.findtext(f"{KML}Document/{KML}name") == "NO RECORDS · NOT MARKED — Peacekeeper events"
    assert len(export(german_watchkeeper, "acled", **nothing).splitlines()) == 1


@pytest.mark.django_db
def test_a_report_labelled_higher_while_the_export_starts_is_not_written_under_a_lower_marking(
    reports, german_watchkeeper, monkeypatch
):
    read_marking = access_marking.highest_marking

    def then_a_higher_report_arrives(labels):
        marking = read_marking(labels)
        # It matches the export's filter, but its label was not among the filtered view's when they were read.
        create_report(user=german_watchkeeper, data=an_event(marking=DEU_ONLY, narrative="UNCLASSIFIED late"))
        return marking

    monkeypatch.setattr(exporting, "highest_marking", then_a_higher_report_arrives)
    marking_line, rows = csv_parts(export(german_watchkeeper, "csv", text="UNCLASSIFIED"))

    assert marking_line == [f"# {SHARED}"]
    assert [row["marking"] for row in rows] == [SHARED]


@pytest.mark.django_db
def test_the_page_and_the_api_exports_carry_the_marking(client, reports, german_watchkeeper):
    client.force_login(german_watchkeeper)

    page = b"".join(client.get("/log/export/csv/").streaming_content).decode()
    api = b"".join(client.get("/api/events/export/geojson").streaming_content).decode()

    assert page.splitlines()[0] == f"# {GERMAN_FILE}"
    assert json.loads(api)["marking"] == GERMAN_FILE


@pytest.mark.django_db
def test_the_command_line_export_carries_the_marking(reports, german_watchkeeper, tmp_path):
    target = tmp_path / "log.kml"

    assert main(["export", "kml", "--as", german_watchkeeper.username, "-o", str(target)]) == 0

    document = ElementTree.fromstring(target.read_bytes())
    assert document.findtext(f"{KML}Document/{KML}name").startswith(f"{GERMAN_FILE} — ")


GRIDS = ["34TDN8905448673", "34TDN89054867", "34TDN890486"]


@pytest.mark.django_db
def test_exports_write_each_grid_with_the_digits_it_was_entered_with(client, theatre, german_watchkeeper):
    label_from_marking(SHARED)
    client.force_login(german_watchkeeper)
    for grid in GRIDS:
        created = client.post(
            "/api/events/",
            {"occurred_dtg": "now", "mgrs": grid, "category": "fom.roadblock", "narrative": grid},
            content_type="application/json",
        )
        assert created.status_code == 201, created.content
    created = client.post(
        "/api/events/",
        {
            "occurred_dtg": "now",
            "lat": 42.8914,
            "lon": 20.866,
            "category": "fom.roadblock",
            "narrative": "point",
        },
        content_type="application/json",
    )
    assert created.status_code == 201, created.content
    # A position given as a point is shown as the 10 m square it lies in.
    expected = {grid: grid for grid in GRIDS} | {"point": format_mgrs(42.8914, 20.866, precision=4)}

    _, rows = csv_parts(export(german_watchkeeper, "csv"))
    assert {row["narrative"]: row["mgrs"] for row in rows} == expected

    features = json.loads(export(german_watchkeeper, "geojson"))["features"]
    assert {f["properties"]["narrative"]: f["properties"]["mgrs"] for f in features} == expected

    document = ElementTree.fromstring(export(german_watchkeeper, "kml").encode())
    kml_grids = {
        placemark.findtext(f"{KML}description"): placemark.findtext(
            f"{KML}ExtendedData/{KML}Data[@name='mgrs']/{KML}value"
        )
        for placemark in document.iterfind(f"{KML}Document/{KML}Placemark")
    }
    assert kml_grids == expected
