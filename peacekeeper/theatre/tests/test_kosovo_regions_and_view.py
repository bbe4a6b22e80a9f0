"""Kosovo's regions and map view, now data (regions.json, map.json), are what the code used to say."""

import json

from peacekeeper.theatre.regions import theatre_regions
from peacekeeper.theatre.scenarios import SCENARIO_ROOT, map_view

NORTH_OF_IBAR = {"XK-MUN-NORTH-MITROVICA", "XK-MUN-ZVECAN", "XK-MUN-ZUBIN-POTOK", "XK-MUN-LEPOSAVIC"}


def municipality_codes() -> set[str]:
    collection = json.loads((SCENARIO_ROOT / "kosovo" / "municipalities.geojson").read_text(encoding="utf-8"))
    return {feature["properties"]["code"] for feature in collection["features"]}


def test_the_north_is_the_four_municipalities_north_of_the_ibar():
    north = theatre_regions().north
    assert north.municipalities == NORTH_OF_IBAR
    assert (north.name, north.rest_name, north.assumed) == ("North of the Ibar", "Rest of Kosovo", False)


def test_every_municipality_is_in_exactly_one_assumed_regional_command():
    regions = theatre_regions()
    assert regions.regional_commands_assumed
    assert {code: len(r.municipalities) for code, r in regions.regional_commands.items()} == {
        "RC-W": 15,
        "RC-E": 23,
    }
    assert {code: regions.regions_of(code) for code in municipality_codes()} == {
        code: frozenset({"RC-W" if code in regions.regional_commands["RC-W"].municipalities else "RC-E"})
        for code in municipality_codes()
    }
    assert regions.regions_of("XK-MUN-PEJA") == {"RC-W"}
    assert regions.regions_of(None) == frozenset()


def test_the_maps_open_where_they_always_did():
    assert map_view() == {"centre": [42.6, 20.9], "zoom": 9.0}
