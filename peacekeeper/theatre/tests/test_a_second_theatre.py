"""A second theatre needs no code change: Tinyland, a test theatre of three rectangles, loads and serves.

Tinyland (tests/scenario/tinyland/) has its own outline, municipalities, places, camp, road, north group,
sectors and map view. Configured as `settings.THEATRE` (a folder's path), the map page opens on its view,
the layers show its municipalities and reports, and the rules that read regions read its own.
"""

import json
import re
from datetime import UTC, datetime
from pathlib import Path

import pytest
from django.core.cache import caches

from peacekeeper.assessment.assessing import assess
from peacekeeper.assessment.comparison import compare_north_south
from peacekeeper.assessment.ledger import update_reports
from peacekeeper.cop.tests.test_events_layer import logged
from peacekeeper.forces.caveats import CaveatKind, TaskFacts, params_errors, refusal
from peacekeeper.theatre.boundaries import assign_area
from peacekeeper.theatre.loading import load_scenario
from peacekeeper.theatre.models import Area

TINYLAND = Path(__file__).resolve().parent / "scenario" / "tinyland"
NORTHBY = (50.15, 10.2)
WESTHAM = (50.05, 10.1)


@pytest.fixture
def tinyland(db, settings):
    settings.THEATRE = str(TINYLAND)
    caches["default"].clear()
    yield load_scenario(folder=TINYLAND)
    caches["default"].clear()


def test_it_loads_from_its_own_folder_and_again_changes_nothing(tinyland):
    assert (tinyland.areas.created, tinyland.places.created, tinyland.sites.created) == (5, 4, 1)
    assert sorted(Area.objects.filter(level=Area.Level.MUNICIPALITY).values_list("code", flat=True)) == [
        "TL-MUN-EASTWICK",
        "TL-MUN-NORTHBY",
        "TL-MUN-WESTHAM",
    ]
    assert assign_area(*NORTHBY).code == "TL-MUN-NORTHBY"
    assert load_scenario(folder=TINYLAND).changed == 0


def test_the_map_page_opens_on_the_theatres_own_view(client, tinyland, german_watchkeeper):
    client.force_login(german_watchkeeper)
    page = client.get("/").content.decode()
    view = re.search(r'<script id="theatre-map-view" type="application/json">(.*?)</script>', page)
    assert view is not None
    assert json.loads(view.group(1)) == {"centre": [50.1, 10.2], "zoom": 10.0}


def test_the_layers_show_its_municipalities_and_reports(client, tinyland, german_watchkeeper):
    event = logged(german_watchkeeper, lat=NORTHBY[0], lon=NORTHBY[1], location_name="Northby")
    update_reports([event.pk])
    client.force_login(german_watchkeeper)
    events = client.get("/api/cop/events.geojson", {"zoom": 13}).json()
    assert [feature["properties"]["area"] for feature in events["features"]] == ["Northby"]
    levels = client.get("/api/cop/area-levels").json()["areas"]
    assert {code: value["count"] for code, value in levels.items()} == {
        "TL-MUN-NORTHBY": 1,
        "TL-MUN-WESTHAM": 0,
        "TL-MUN-EASTWICK": 0,
    }


def test_the_assessment_compares_its_own_north_and_names_the_whole_for_it(tinyland, german_watchkeeper):
    update_reports([logged(german_watchkeeper, lat=lat, lon=lon).pk for lat, lon in (NORTHBY, WESTHAM)])
    comparison = compare_north_south(user=german_watchkeeper, at=datetime.now(UTC), window_days=7)
    assert (comparison.north.name, comparison.north.codes, comparison.north.count) == (
        "North of the Hills",
        ["TL-MUN-NORTHBY"],
        1,
    )
    assert (comparison.south.name, comparison.south.count) == ("Rest of Tinyland", 1)
    assert comparison.north_note == "Northby: the municipality north of the hills"
    whole = assess(user=german_watchkeeper)[0].country
    assert (whole.code, whole.name, whole.windows[7].count) == ("TL", "Tinyland (all municipalities)", 2)


def test_caveats_read_its_own_north_and_sectors(tinyland):
    in_westham = TaskFacts(capabilities=frozenset(), municipalities=frozenset({"TL-MUN-WESTHAM"}))
    in_northby = TaskFacts(capabilities=frozenset(), municipalities=frozenset({"TL-MUN-NORTHBY"}))
    assert refusal(CaveatKind.ONLY_IN_REGION, {"region": "SEC-W"}, in_westham) is None
    # Tinyland's sectors are not assumed, so the words do not say so.
    assert refusal(CaveatKind.ONLY_IN_REGION, {"region": "SEC-E"}, in_westham) == (
        "only inside Sector East's area (SEC-E)"
    )
    assert refusal(CaveatKind.NOT_NORTH_OF_IBAR, {}, in_westham) is None
    assert refusal(CaveatKind.NOT_NORTH_OF_IBAR, {}, in_northby) == "not north of the Hills"
    assert params_errors(CaveatKind.ONLY_IN_REGION, {"region": "RC-W"}) == [
        "params.region: unknown regional command 'RC-W'"
    ]
