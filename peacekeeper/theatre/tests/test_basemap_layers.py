"""The drawn basemap: Kosovo's settlements ranked for labelling, rivers named honestly, every map told what
to draw, and the sources credited on the About page."""

import json
import re
from pathlib import Path

import pytest
from shapely.geometry import Point, shape

from peacekeeper.theatre.basemap import map_basemap
from peacekeeper.theatre.scenarios import SCENARIO_ROOT

TINYLAND = Path(__file__).resolve().parent / "scenario" / "tinyland"
PLACES = "/api/theatre/basemap/places.geojson"
RIVERS = "/api/theatre/basemap/rivers.geojson"


@pytest.fixture
def reader(client, german_watchkeeper):
    client.force_login(german_watchkeeper)
    return client


def kosovo_outline():
    data = json.loads((SCENARIO_ROOT / "kosovo" / "outline.geojson").read_text(encoding="utf-8"))
    return shape(data["features"][0]["geometry"]).buffer(0.002)


def test_the_settlements_are_kosovos_own_ranked_cities_first_then_by_population(reader):
    features = reader.get(PLACES).json()["features"]
    assert len(features) > 1700
    outline = kosovo_outline()
    assert all(outline.covers(Point(f["geometry"]["coordinates"])) for f in features)
    assert [f["properties"]["rank"] for f in features] == list(range(1, len(features) + 1))
    kinds = [f["properties"]["kind"] for f in features]
    assert kinds[:7] == ["city"] * 7
    assert kinds[7:38] == ["town"] * 31
    assert features[0]["properties"]["name"] == "Pristina"
    assert all(f["properties"]["name"] for f in features)


def test_an_unchanged_layer_is_answered_304(reader):
    first = reader.get(PLACES)
    assert first["Content-Type"] == "application/geo+json"
    again = reader.get(PLACES, HTTP_IF_NONE_MATCH=first["ETag"])
    assert again.status_code == 304


def test_the_basemap_is_for_logged_in_readers_only(client):
    assert client.get(PLACES).status_code == 401
    assert client.get(RIVERS).status_code == 401


def test_the_line_natural_earth_calls_sitnica_is_named_for_each_of_its_three_rivers(reader):
    rivers = {f["properties"]["name"]: f for f in reader.get(RIVERS).json()["features"]}
    llap, sitnica, ibar = (rivers[name]["geometry"]["coordinates"] for name in ("Llap", "Sitnica", "Ibar"))
    # The Llap comes down from north-east of Podujevë to the Sitnica near Milloshevë; the Sitnica runs on to
    # Mitrovica, where the Ibar carries on north.
    assert llap[0][1] > 43.1
    assert llap[-1] == sitnica[0]
    assert sitnica[0][1] == pytest.approx(42.73, abs=0.01)
    assert sitnica[-1] == ibar[0]
    assert (ibar[0][1], ibar[0][0]) == (pytest.approx(42.89, abs=0.01), pytest.approx(20.87, abs=0.01))
    assert min(lat for _, lat in ibar) >= ibar[0][1] - 0.01
    notes = {name: rivers[name]["properties"]["note"] for name in ("Llap", "Sitnica", "Ibar")}
    assert "named Sitnica in Natural Earth" in notes["Llap"]
    assert "named Sitnica in Natural Earth" in notes["Ibar"]
    assert "upper Ibar" in notes["Ibar"]
    assert all("Natural Earth 1:10m" in f["properties"]["note"] for f in rivers.values())


def test_every_map_page_hands_its_script_the_basemap_and_its_zoom_limits(reader, theatre):
    page = reader.get("/").content.decode()
    handed = json.loads(re.search(r'id="theatre-basemap"[^>]*>(.*?)</script>', page).group(1))
    assert (handed["places"], handed["rivers"]) == (PLACES, RIVERS)
    assert (handed["minZoom"], handed["maxZoom"], handed["tiles"]) == (7, 13, None)
    assert "Settlements © OpenStreetMap contributors (ODbL)" in handed["credits"]


def test_a_theatre_without_a_basemap_draws_none(settings):
    settings.THEATRE = str(TINYLAND)
    handed = map_basemap()
    assert (handed["places"], handed["rivers"], handed["credits"]) == (None, None, [])


def test_the_about_page_credits_openstreetmap_and_natural_earth(reader, theatre):
    page = reader.get("/theatre/about/").content.decode()
    assert "OpenStreetMap contributors" in page
    assert "Open Database Licence (ODbL)" in page
    assert "Natural Earth" in page
    assert "scripts/build_kosovo_basemap.py" in page
