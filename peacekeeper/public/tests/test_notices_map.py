"""The safety notices' map on the public site: its layers come from files and the release bundle (the public
database has no theatre), and the list stays the content without JavaScript."""

import json
from datetime import UTC, datetime, timedelta

from peacekeeper.release.models import PublicNotice
from peacekeeper.theatre.models import Place, RoadSegment

PAGE = "/en/safety-notices/"


def notice(source_id: str, kind: str, geometry: dict | None, **changes) -> PublicNotice:
    values = {
        "source_id": source_id,
        "kind": kind,
        "place": "at Zvečan",
        "roads": ["M-2"],
        "started_at": datetime.now(UTC) - timedelta(hours=1),
        "geometry": geometry,
        "marking": "PUBLIC",
    }
    values.update(changes)
    return PublicNotice.objects.create(**values)


LINE = {"type": "MultiLineString", "coordinates": [[[20.86, 42.91], [20.84, 42.96]]]}
POINT = {"type": "Point", "coordinates": [20.87, 42.89]}


def test_without_notices_the_page_says_so_and_draws_no_map(client, seeded):
    html = client.get(PAGE).content.decode()

    assert "No safety notices in force have been released." in html
    assert "notices-map" not in html
    assert "leaflet.js" not in html


def test_with_notices_the_list_is_there_and_the_map_waits_for_javascript(client, seeded):
    notice("r1", "closed", LINE)
    notice("r2", "restricted", None, place="at Jarinje")

    html = client.get("/sq/safety-notices/").content.decode()

    # Both notices are in the list, the one without a geometry too.
    assert 'data-notice="r1"' in html
    assert 'data-notice="r2"' in html
    assert "Rrugë e mbyllur" in html
    # The map's figure is hidden until the script shows it; the script is a file (the CSP forbids inline).
    assert '<figure class="notices-map" id="notices-map-figure" hidden' in html
    assert 'src="/static/public/notices_map.js"' in html
    assert "Shfaqe në hartë" in html
    assert "<script>" not in html


def test_the_page_hands_the_map_the_public_sites_own_layers(client, seeded):
    notice("r1", "closed", LINE)

    html = client.get(PAGE).content.decode()
    start = html.index('<script id="theatre-basemap" type="application/json">') + len(
        '<script id="theatre-basemap" type="application/json">'
    )
    settings = json.loads(html[start : html.index("</script>", start)])

    assert settings["places"] == "/map/basemap/places.geojson"
    assert settings["rivers"] == "/map/basemap/rivers.geojson"
    assert settings["roads"] == "/map/basemap/roads.geojson"
    assert settings["tiles"] is None
    assert "Settlements © OpenStreetMap contributors (ODbL)" in settings["credits"]
    assert any("Natural Earth" in credit for credit in settings["credits"])
    assert 'id="theatre-map-view"' in html


def test_the_basemap_layers_come_from_files_with_no_theatre_in_the_database(client, seeded):
    assert not RoadSegment.objects.exists()
    assert not Place.objects.exists()

    layers = {
        name: client.get(f"/map/{name}.geojson")
        for name in ["basemap/places", "basemap/rivers", "basemap/roads", "areas"]
    }

    assert {name: response.status_code for name, response in layers.items()} == dict.fromkeys(layers, 200)
    roads = layers["basemap/roads"].json()["features"]
    assert any(road["properties"]["road_code"] == "N2" for road in roads)
    assert all(road["geometry"]["type"] == "LineString" for road in roads)
    assert len(layers["areas"].json()["features"]) == 38
    assert len(layers["basemap/places"].json()["features"]) > 100


def test_the_notices_layer_holds_those_in_force_with_a_geometry(client, seeded):
    notice("r1", "closed", LINE)
    notice("r2", "restricted", POINT, exercise=True)
    notice("r3", "restricted", None)
    notice(
        "r4",
        "closed",
        LINE,
        started_at=datetime.now(UTC) - timedelta(days=2),
        lifted_at=datetime.now(UTC) - timedelta(days=1),
        ends_at=datetime.now(UTC) - timedelta(days=1),
    )

    features = client.get("/map/notices.geojson").json()["features"]

    assert {item["id"]: item["properties"]["kind"] for item in features} == {
        "r1": "closed",
        "r2": "restricted",
    }
    assert next(item for item in features if item["id"] == "r2")["geometry"] == POINT


def test_the_map_layers_only_answer_reading(client, seeded):
    assert client.post("/map/notices.geojson").status_code == 405
