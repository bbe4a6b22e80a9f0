"""ACLED import from the command line (row numbers, idempotency); exports through the policy."""

import csv
import io
import json

import defusedxml.ElementTree as SafeXML
import pytest

from peacekeeper.access.models import AuditEntry
from peacekeeper.cli import main
from peacekeeper.events.models import EventReport
from peacekeeper.events.recording import create_report
from peacekeeper.events.tests.factories import an_event
from peacekeeper.interop.acled import ACLED_COLUMNS

ROW = {
    "event_id_cnty": "XKX1001",
    "event_date": "2024-05-29",
    "year": "2024",
    "time_precision": "1",
    "disorder_type": "Demonstrations",
    "event_type": "Protests",
    "sub_event_type": "Peaceful protest",
    "actor1": "Protesters (Kosovo)",
    "inter1": "6",
    "interaction": "60",
    "iso": "0",
    "region": "Europe",
    "country": "Kosovo",
    "admin1": "Mitrovica",
    "admin2": "Zvecan",
    "location": "Zvecan",
    "latitude": "42.9075",
    "longitude": "20.8403",
    "geo_precision": "1",
    "source": "Koha",
    "source_scale": "National",
    "notes": "Protest against municipal officials.",
    "fatalities": "0",
    "timestamp": "1717000000",
}


def acled_file(tmp_path, rows: list[dict], name: str = "acled.csv"):
    path = tmp_path / name
    with path.open("w", newline="", encoding="utf-8") as out:
        writer = csv.DictWriter(out, fieldnames=ACLED_COLUMNS)
        writer.writeheader()
        for row in rows:
            writer.writerow({column: row.get(column, "") for column in ACLED_COLUMNS})
    return path


def csv_export_rows(text: str) -> list[dict]:
    """The rows of a CSV or ACLED export; a CSV export starts with its marking line (test_export_markings)."""
    lines = io.StringIO(text, newline="")
    if text.startswith(("# ", '"# ')):
        next(lines)
    return list(csv.DictReader(lines))


def run_json(capsys, *args: str) -> tuple[int, dict]:
    code = main(list(args))
    return code, json.loads(capsys.readouterr().out)


@pytest.mark.django_db
def test_an_acled_file_imports_once_and_reports_each_bad_row(theatre, tmp_path, capsys):
    rows = [
        ROW,
        ROW | {"event_id_cnty": "XKX1002", "latitude": "42,9x"},
        ROW | {"event_id_cnty": "XKX1003", "event_type": "Riots", "sub_event_type": "Violent demonstration"},
        ROW | {"event_id_cnty": "XKX1004", "latitude": "44.8", "longitude": "20.46"},
    ]
    path = acled_file(tmp_path, rows)
    code, report = run_json(capsys, "import", "acled", str(path), "--json")
    assert code == 1
    assert (report["imported"], report["updated"], report["unchanged"]) == (2, 0, 0)
    assert report["rejected"][0] == {"row": 3, "field": "latitude", "reason": report["rejected"][0]["reason"]}
    assert "42,9x" in report["rejected"][0]["reason"]
    assert report["rejected"][1]["row"] == 5
    assert report["rejected"][1]["field"] == "location"

    code, again = run_json(capsys, "import", "acled", str(path), "--json")
    assert (again["imported"], again["unchanged"]) == (0, 2)
    assert EventReport.objects.filter(source_system="acled").count() == 2


@pytest.mark.django_db
def test_a_newer_acled_timestamp_updates_the_stored_event(theatre, tmp_path, capsys):
    run_json(capsys, "import", "acled", str(acled_file(tmp_path, [ROW])), "--json")
    newer = ROW | {"timestamp": "1718000000", "fatalities": "1", "notes": "Revised: one death."}
    _, report = run_json(capsys, "import", "acled", str(acled_file(tmp_path, [newer], "v2.csv")), "--json")
    assert report["updated"] == 1
    event = EventReport.objects.get(source_id="XKX1001")
    assert (event.killed_other, event.version, event.narrative) == (1, 2, "Revised: one death.")


@pytest.mark.django_db
def test_a_file_without_the_required_columns_stores_nothing(theatre, tmp_path, capsys):
    path = tmp_path / "bad.csv"
    path.write_text("event_id_cnty,event_date\nX1,2024-01-01\n", encoding="utf-8")
    assert main(["import", "acled", str(path)]) == 2
    assert "latitude" in capsys.readouterr().err
    assert EventReport.objects.count() == 0


@pytest.fixture
def mixed_reports(theatre, german_watchkeeper):
    national = create_report(
        user=german_watchkeeper, data=an_event(marking="NATO RESTRICTED // DEU ONLY", narrative="German eyes")
    )
    shared = create_report(user=german_watchkeeper, data=an_event(narrative="<script>alert(1)</script> & co"))
    return national, shared


@pytest.mark.django_db
@pytest.mark.parametrize("fmt", ["csv", "geojson", "kml", "acled"])
def test_exports_contain_only_what_the_user_may_see(
    mixed_reports, italian_analyst, german_watchkeeper, fmt, tmp_path, capsys
):
    _national, _shared = mixed_reports
    for user, expected in ((italian_analyst, 1), (german_watchkeeper, 2)):
        target = tmp_path / f"{user.username}.{fmt}"
        assert main(["export", fmt, "--as", user.username, "-o", str(target)]) == 0
        text = target.read_text(encoding="utf-8")
        assert ("German eyes" in text) is (expected == 2)
        assert text.count("alert(1)") == 1
        if fmt == "geojson":
            assert len(json.loads(text)["features"]) == expected
        elif fmt == "kml":
            placemarks = SafeXML.fromstring(text.encode()).iter("{http://www.opengis.net/kml/2.2}Placemark")
            assert len(list(placemarks)) == expected
            assert "<script>" not in text
        else:
            assert len(csv_export_rows(text)) == expected


@pytest.mark.django_db
def test_exporting_a_restricted_record_is_audited(mixed_reports, german_watchkeeper, tmp_path):
    national, _ = mixed_reports
    main(["export", "csv", "--as", german_watchkeeper.username, "-o", str(tmp_path / "out.csv")])
    entry = AuditEntry.objects.get(action=AuditEntry.Action.EXPORTED)
    assert (entry.record_id, entry.marking) == (str(national.pk), "NATO RESTRICTED // DEU ONLY")


@pytest.mark.django_db
def test_the_api_imports_an_uploaded_file_and_exports_the_filtered_view(
    client, theatre, german_watchkeeper, italian_analyst, tmp_path
):
    client.force_login(german_watchkeeper)
    path = acled_file(tmp_path, [ROW, ROW | {"event_id_cnty": "XKX9", "event_date": "31-02-2024"}])
    with path.open("rb") as upload:
        report = client.post("/api/events/import/acled", {"file": upload}).json()
    assert report["imported"] == 1
    assert report["rejected"][0]["row"] == 3
    create_report(user=german_watchkeeper, data=an_event(marking="NATO RESTRICTED // DEU ONLY"))
    client.force_login(italian_analyst)
    response = client.get("/api/events/export/geojson", {"category": "protests.peaceful"})
    features = json.loads(b"".join(response.streaming_content))["features"]
    assert [feature["properties"]["source_id"] for feature in features] == ["XKX1001"]
    response = client.get("/api/events/export/csv")
    rows = csv_export_rows(b"".join(response.streaming_content).decode())
    assert all(row["marking"] != "NATO RESTRICTED // DEU ONLY" for row in rows)
    assert client.get("/api/events/export/pdf").status_code == 404


@pytest.mark.django_db
def test_the_import_page_imports_a_file_and_lists_rejected_rows(
    client, theatre, german_watchkeeper, tmp_path
):
    client.force_login(german_watchkeeper)
    path = acled_file(tmp_path, [ROW, ROW | {"event_id_cnty": "XKX7", "longitude": "east"}])
    with path.open("rb") as upload:
        page = client.post(
            "/log/import/",
            {"file": upload, "marking": "NATO UNCLASSIFIED // REL TO KFOR", "status": "submitted"},
        ).content.decode()
    assert "<strong>1</strong> imported" in page
    assert "<td>3</td><td>longitude</td>" in page
    assert EventReport.objects.filter(source_system="acled").count() == 1


@pytest.mark.django_db
def test_the_import_page_refuses_partners_and_bad_headers(
    client, theatre, eulex_partner, german_watchkeeper, tmp_path
):
    client.force_login(eulex_partner)
    assert "does not allow importing" in client.get("/log/import/").content.decode()
    client.force_login(german_watchkeeper)
    bad = tmp_path / "bad.csv"
    bad.write_text("event_id_cnty\nX\n")
    with bad.open("rb") as upload:
        page = client.post(
            "/log/import/",
            {"file": upload, "marking": "NATO UNCLASSIFIED // REL TO KFOR", "status": "submitted"},
        ).content.decode()
    assert "Nothing was imported" in page
    assert EventReport.objects.count() == 0


@pytest.mark.django_db
def test_the_log_exports_its_filtered_view_for_this_reader_only(
    client, mixed_reports, italian_analyst, german_watchkeeper
):
    client.force_login(german_watchkeeper)
    listing = client.get("/log/", {"q": "eyes"}).content.decode()
    assert "/log/export/csv/?q=eyes" in listing
    rows = csv_export_rows(b"".join(client.get("/log/export/csv/", {"q": "eyes"})).decode())
    assert [row["narrative"] for row in rows] == ["German eyes"]
    client.force_login(italian_analyst)
    rows = csv_export_rows(b"".join(client.get("/log/export/csv/").streaming_content).decode())
    assert "German eyes" not in {row["narrative"] for row in rows}
    assert len(rows) == 1
