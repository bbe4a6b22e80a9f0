"""The shipped road network routes: one segment per stretch, real alternatives between the big towns,
a road to every crossing point, and a way round a closed M-2."""

import pytest
import shapely
from django.utils import timezone
from shapely.geometry import shape

from peacekeeper.movement.models import Restriction
from peacekeeper.movement.network import POINT_ON_ROAD_KM, current_network
from peacekeeper.movement.planner import Endpoint, plan_route
from peacekeeper.movement.recording import record_restriction
from peacekeeper.movement.tests.conftest import midpoint, segment
from peacekeeper.theatre.distances import to_km
from peacekeeper.theatre.models import CrossingPoint, RoadSegment

pytestmark = pytest.mark.django_db

# Two lines closer than this along more than half of the shorter are the same stretch drawn twice.
TWIN_KM = 0.05


def trip(user, origin: str, destination: str) -> dict:
    return plan_route(
        user=user, origin=Endpoint(text=origin), destination=Endpoint(text=destination), at=timezone.now()
    )


def designations(route: dict) -> set[str]:
    return {code for row in route["segments"] for code in row["designations"]}


def between_pristina_and_mitrovica(designation: str) -> list[int]:
    """The segments of a road north of Pristina's and south of Mitrovica's streets (by latitude)."""
    return [
        s.pk
        for s in RoadSegment.objects.all()
        if designation in s.designations and any(42.70 < lat < 42.86 for _, lat in s.geometry["coordinates"])
    ]


def via_drenas_and_skenderaj(route: dict) -> bool:
    via = route["via"]
    return (
        "Drenas/Glogovac" in via
        and "Skenderaj" in via
        and via.index("Drenas/Glogovac") < via.index("Skenderaj")
    )


def test_no_two_segments_run_along_the_same_stretch(theatre):
    segments = list(RoadSegment.objects.all())
    lines = to_km([shape(s.geometry) for s in segments])
    tree = shapely.STRtree(lines)
    for index, line in enumerate(lines):
        # Segments meeting at a node share the few metres around it: those do not count.
        ends = shapely.MultiPoint([line.coords[0], line.coords[-1]]).buffer(2 * TWIN_KM)
        corridor = line.buffer(TWIN_KM).difference(ends)
        for other in tree.query(corridor, predicate="intersects").tolist():
            if other <= index:
                continue
            shared = lines[other].intersection(corridor).length
            shorter = min(line.length, lines[other].length)
            assert shared < 0.5 * shorter, f"{segments[index]} and {segments[other]} are one stretch"


def test_every_crossing_point_with_a_position_is_on_a_road(theatre):
    network = current_network()
    crossings = CrossingPoint.objects.filter(place__lat__isnull=False)
    on_roads = {p.id for p in network.points if p.kind == "crossing" and p.segments}
    assert on_roads == set(crossings.values_list("pk", flat=True))
    assert set(crossings.values_list("place_id", flat=True)) <= set(network.node_of_place)
    bridge = next(p for p in network.points if p.kind == "bridge")
    assert bridge.segments, f"the bridge lies within {POINT_ON_ROAD_KM} km of no road"


def test_the_fastest_route_and_the_alternatives_are_different_roads(theatre, german_watchkeeper):
    routes = trip(german_watchkeeper, "Pristina", "Mitrovica")["routes"]
    assert len(routes) >= 2
    best, *others = routes
    assert "M-2" in designations(best)
    for other in others:
        shared = {row["id"] for row in other["segments"]} & {row["id"] for row in best["segments"]}
        shared_km = sum(row["km"] for row in other["segments"] if row["id"] in shared)
        assert shared_km <= 0.7 * other["km"]
    assert any({"Drenas/Glogovac", "Skenderaj"} <= set(route["via"]) for route in others)


def test_one_roadblock_on_the_m2_is_driven_round_and_drenas_skenderaj_offered(
    theatre, validate, german_watchkeeper
):
    # Between Obiliq and Vushtrri, on the M-2 alone: the old road (R220) runs a few km west of it.
    road = segment("M-2", (42.757, 21.046))
    validate(location_name="M-2 north of Obiliq", **midpoint(road))
    answer = trip(german_watchkeeper, "Pristina", "Mitrovica")
    assert answer["unroutable"] is None
    closed = set(Restriction.objects.get().segments.values_list("pk", flat=True))
    assert road.pk in closed
    assert all(not closed & {row["id"] for row in route["segments"]} for route in answer["routes"])
    fastest = answer["routes"][0]
    assert "R220" in designations(fastest)  # the old road through Obiliq and Vushtrri
    assert any(via_drenas_and_skenderaj(route) for route in answer["routes"][1:])


def test_with_the_m2_and_the_old_road_closed_the_route_goes_via_drenas_and_skenderaj(
    theatre, german_watchkeeper
):
    closed = between_pristina_and_mitrovica("M-2") + between_pristina_and_mitrovica("R220")
    record_restriction(
        user=german_watchkeeper, status="closed", cause="Roadblocks on the M-2 and the old road",
        segment_ids=closed,
    )  # fmt: skip
    answer = trip(german_watchkeeper, "Pristina", "Mitrovica")
    assert answer["unroutable"] is None
    fastest = answer["routes"][0]
    assert not set(closed) & {row["id"] for row in fastest["segments"]}
    assert via_drenas_and_skenderaj(fastest)
    assert {"R102", "N2.1"} <= designations(fastest)


@pytest.mark.parametrize(
    ("origin", "destination", "through"),
    [("Pristina", "Merdare", "Podujevo"), ("Peja", "Prizren", "Gjakova")],
)
def test_the_big_towns_alternatives_exist(theatre, german_watchkeeper, origin, destination, through):
    routes = trip(german_watchkeeper, origin, destination)["routes"]
    assert any(through in route["via"] for route in routes)
    assert routes[0]["via"][-1] in (destination, f"{destination} (Gate 3)")


def test_the_planner_says_the_network_is_approximate_and_credits_travel_mapping(theatre, german_watchkeeper):
    answer = trip(german_watchkeeper, "Pristina", "Prizren")
    assert answer["network_approximate"] is True
    assert answer["assumptions"].startswith("The road network is approximate (line through Travel Mapping")
