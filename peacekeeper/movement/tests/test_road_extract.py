"""`peacekeeper load-theatre --roads FILE`: an OpenStreetMap road extract replaces the approximate network,
with crossings, bridges and restrictions matched to it, or the file is refused whole."""

import json

import pytest
from django.utils import timezone

from peacekeeper.cli import main
from peacekeeper.movement.network import current_network
from peacekeeper.movement.planner import Endpoint, plan_route
from peacekeeper.movement.recording import record_restriction
from peacekeeper.theatre.models import CrossingPoint, Place, RoadSegment

pytestmark = pytest.mark.django_db

PRISTINA = (21.16688, 42.67272)
VUSHTRRI = (20.9675, 42.82306)
MITROVICA = (20.86667, 42.88333)
IBAR_BRIDGE = (20.86611, 42.89167)
ZVECAN = (20.84028, 42.9075)
JARINJE = (20.691667, 43.218611)
DRENAS = (20.89389, 42.62833)
SKENDERAJ = (20.78861, 42.74667)


def way(osm_id: int, highway: str, coordinates: list, **tags) -> dict:
    """A feature as `osmium export` writes a way: its tags as properties, its id as @id."""
    return {
        "type": "Feature",
        "geometry": {"type": "LineString", "coordinates": [list(point) for point in coordinates]},
        "properties": {"@id": f"w{osm_id}", "highway": highway, **tags},
    }


def extract(m2: list | None = None) -> dict:
    """A small extract in the osmium / HOT export shape: the M2 Pristina–Vushtrri–Mitrovica in two ways
    (or one along `m2`), the Drenas road, the road north over the Ibar bridge to Jarinje, and what an
    extract also holds."""
    if m2 is None:
        m2_ways = [
            way(1, "trunk", [PRISTINA, (21.07, 42.75), VUSHTRRI], ref="M 2;E65", name="Magjistralja M2"),
            way(2, "trunk", [VUSHTRRI, (20.92, 42.86), MITROVICA], ref="M2;E65"),
        ]
    else:
        m2_ways = [way(1, "trunk", m2, ref="M 2;E65")]
    return {
        "type": "FeatureCollection",
        "features": [
            *m2_ways,
            way(3, "secondary", [PRISTINA, (21.0, 42.64), DRENAS, SKENDERAJ, (20.83, 42.83), MITROVICA],
                ref="R102"),
            way(4, "primary", [MITROVICA, IBAR_BRIDGE, ZVECAN, JARINJE], ref="M-22.3",
                **{"name:en": "Ibar road"}),
            way(5, "residential", [PRISTINA, (21.17, 42.68)], name="Rruga B"),
            {"type": "Feature", "geometry": {"type": "Point", "coordinates": list(PRISTINA)},
             "properties": {"@id": "n9", "highway": "traffic_signals"}},
        ],
    }  # fmt: skip


def write(tmp_path, collection: dict):
    path = tmp_path / "kosovo-roads.geojson"
    path.write_text(json.dumps(collection), encoding="utf-8")
    return path


def test_an_extract_replaces_the_network_and_reports_what_it_could_not_match(theatre, tmp_path, capsys):
    assert main(["load-theatre", "--roads", str(write(tmp_path, extract()))]) == 1
    out = capsys.readouterr().out
    assert (
        "6 read, 4 roads kept, 1 left out (highway residential), 1 left out (highway traffic_signals)" in out
    )
    assert "not matched: crossing Merdare: no road within 1.0 km" in out
    segments = list(RoadSegment.objects.all())
    assert {s.credit for s in segments} == {"© OpenStreetMap contributors"}
    assert not any(s.approximate for s in segments)
    assert {tuple(s.designations) for s in segments if s.road_code == "M-2"} == {("M-2", "E65")}
    assert {s.road_class for s in segments if s.road_code == "R102"} == {"regional"}
    # The two ways of the M2 meet at Vushtrri, a node of the network: no junction of its own there.
    assert {s.start.name for s in segments if s.road_code == "M-2"} | {
        s.end.name for s in segments if s.road_code == "M-2"
    } == {"Pristina", "Vushtrri", "Mitrovica"}
    network = current_network()
    jarinje = next(p for p in network.points if p.kind == "crossing" and p.name == "Jarinje")
    bridge = next(p for p in network.points if p.kind == "bridge")
    assert jarinje.segments
    assert bridge.segments
    assert CrossingPoint.objects.get(name_en="Jarinje").place_id in network.node_of_place


def test_closing_the_m2_of_an_extract_sends_the_route_via_drenas(theatre, tmp_path, german_watchkeeper):
    assert main(["load-theatre", "--roads", str(write(tmp_path, extract()))]) == 1
    m2 = RoadSegment.objects.filter(road_code="M-2").values_list("pk", flat=True)
    record_restriction(user=german_watchkeeper, status="closed", cause="Roadblock", segment_ids=list(m2))
    answer = plan_route(
        user=german_watchkeeper, origin=Endpoint(text="Pristina"), destination=Endpoint(text="Mitrovica"),
        at=timezone.now(),
    )  # fmt: skip
    assert answer["network_approximate"] is False
    via = answer["routes"][0]["via"]
    assert (via[0], via[-1]) == ("Pristina", "Mitrovica")
    assert via.index("Drenas/Glogovac") < via.index("Skenderaj")
    assert "Vushtrri" not in via


def test_a_hand_recorded_closure_follows_its_road_onto_the_extract(
    theatre, tmp_path, german_watchkeeper, capsys
):
    # A stretch of the approximate M-2 between Pristina and Mitrovica, and an extract whose M2 follows it.
    closed = next(
        s for s in RoadSegment.objects.filter(road_code="N2").order_by("sequence")
        if "M-2" in s.designations and s.length_km > 2
        and all(MITROVICA[1] > lat > PRISTINA[1] + 0.05 for _, lat in s.geometry["coordinates"])
    )  # fmt: skip
    closure = record_restriction(
        user=german_watchkeeper, status="closed", cause="Bridge down", segment_ids=[closed.pk]
    )
    line = closed.geometry["coordinates"]
    line = line if line[0][1] < line[-1][1] else line[::-1]
    main(["load-theatre", "--roads", str(write(tmp_path, extract(m2=[PRISTINA, *line, MITROVICA])))])
    assert "1 moved to the new roads" in capsys.readouterr().out
    followers = list(closure.segments.all())
    assert followers
    assert all("M-2" in s.designations for s in followers)


def test_a_bad_extract_is_refused_whole_naming_feature_and_field(theatre, tmp_path, capsys):
    collection = extract()
    collection["features"][2]["geometry"]["coordinates"][1] = [21.0, "north"]
    collection["features"][3]["properties"]["ref"] = "M2\u0000"
    before = sorted(RoadSegment.objects.values_list("pk", flat=True))
    assert main(["load-theatre", "--roads", str(write(tmp_path, collection))]) == 2
    err = capsys.readouterr().err
    assert "refused whole, nothing changed" in err
    assert "feature 2 (w3, R102): geometry.coordinates: [21.0, 'north'] is not a [longitude, latitude]" in err
    assert "feature 3 (w4): properties.ref: contains a NUL character" in err
    assert sorted(RoadSegment.objects.values_list("pk", flat=True)) == before
    assert not Place.objects.filter(scenario_key__startswith="junction:", approximate=False).exists()


def test_an_extract_with_no_road_of_the_kept_kinds_is_refused(theatre, tmp_path, capsys):
    collection = {"type": "FeatureCollection", "features": extract()["features"][4:]}
    assert main(["load-theatre", "--roads", str(write(tmp_path, collection))]) == 2
    assert (
        "no feature is a road of highway motorway, trunk, primary, secondary, tertiary"
        in capsys.readouterr().err
    )
