"""Routes: fastest, around closures and avoided areas, with alternatives; and why there is none."""

from datetime import timedelta

import pytest
from django.utils import timezone

from peacekeeper.core.errors import InputError
from peacekeeper.events.tests.factories import ZVECAN
from peacekeeper.movement import planner, routing
from peacekeeper.movement.network import current_network
from peacekeeper.movement.planner import Endpoint, plan_route
from peacekeeper.movement.recording import record_restriction


def test_the_fastest_path_avoids_blocked_edges_and_the_cut_names_them():
    # 0 -a- 1 -b- 3 and 0 -c- 2 -d- 3; a+b is faster.
    road = routing.RoadGraph.build(
        node_count=4, edges=[(0, 1), (1, 3), (0, 2), (2, 3)], km=[1, 1, 2, 2], minutes=[1, 1, 2, 2]
    )
    assert routing.fastest_route(road, 0, 3).edges == (0, 1)
    detour = routing.fastest_route(road, 0, 3, blocked=frozenset({1}))
    assert (detour.edges, detour.nodes, detour.km) == ((2, 3), (0, 2, 3), 4.0)
    assert routing.fastest_route(road, 0, 3, delays={1: 10.0}).edges == (2, 3)
    assert routing.fastest_route(road, 0, 3, blocked=frozenset({1, 3})) is None
    assert routing.cutting_edges(road, 0, 3, blocked=frozenset({0, 1, 3})) in ([1, 3], [0, 3])


def test_places_without_any_road_between_them_are_not_cut_but_unconnected():
    road = routing.RoadGraph.build(node_count=3, edges=[(0, 1)], km=[1], minutes=[1])
    assert routing.cutting_edges(road, 0, 2, blocked=frozenset()) is None


def test_alternatives_differ_from_the_best_route():
    # A ladder: two near-identical routes via 1 (edges differ only at the end) and a distinct one via 4.
    edges = [(0, 1), (1, 2), (1, 3), (2, 5), (3, 5), (0, 4), (4, 5)]
    minutes = [5, 1, 1.1, 1, 1, 8, 8]
    road = routing.RoadGraph.build(node_count=6, edges=edges, km=minutes, minutes=minutes)
    found = routing.alternatives(road, 0, 5, count=3)
    assert [path.nodes for path in found] == [(0, 1, 2, 5), (0, 4, 5)]


pytestmark = pytest.mark.django_db


def pristina_to_prizren(user, **extra) -> dict:
    return plan_route(
        user=user, origin=Endpoint(text="Pristina"), destination=Endpoint(text="Prizren"), at=timezone.now(),
        **extra,
    )  # fmt: skip


def longest(route: dict) -> dict:
    return max(route["segments"], key=lambda row: row["km"])


def test_the_planner_finds_pristina_to_prizren_and_a_different_alternative(theatre, german_watchkeeper):
    answer = pristina_to_prizren(german_watchkeeper)
    best, *others = answer["routes"]
    assert answer["unroutable"] is None
    assert 70 < best["km"] < 100  # about 80 km by road
    assert best["minutes"] == round(sum(row["minutes"] for row in best["segments"]))
    assert others
    mine = {row["id"] for row in best["segments"]}
    for other in others:
        shared = sum(row["km"] for row in other["segments"] if row["id"] in mine)
        assert shared <= 0.7 * other["km"]
    assert best["via"][0] == "Pristina"
    assert best["via"][-1].startswith("Prizren")


def test_a_closure_sends_the_route_around_it(theatre, german_watchkeeper):
    road = longest(pristina_to_prizren(german_watchkeeper)["routes"][0])
    record_restriction(
        user=german_watchkeeper, status="closed", cause="Bridge down", segment_ids=[road["id"]]
    )
    answer = pristina_to_prizren(german_watchkeeper)
    assert answer["routes"]
    assert all(road["id"] not in {row["id"] for row in route["segments"]} for route in answer["routes"])


def test_a_restricted_segment_costs_its_delay(theatre, german_watchkeeper):
    before = pristina_to_prizren(german_watchkeeper)["routes"][0]
    road = longest(before)
    record_restriction(
        user=german_watchkeeper, status="restricted", cause="Checkpoint", segment_ids=[road["id"]]
    )
    delayed = pristina_to_prizren(german_watchkeeper)["routes"][0]
    record_restriction(
        user=german_watchkeeper, status="closed", cause="Bridge down", segment_ids=[road["id"]]
    )
    around = pristina_to_prizren(german_watchkeeper)["routes"][0]
    # The fastest is now the better of the old route with its delay and the best way round it.
    through = before["minutes"] + planner.RESTRICTED_DELAY_MINUTES
    assert delayed["minutes"] == pytest.approx(min(through, around["minutes"]), abs=1)
    assert delayed["restricted_segments"] == (1 if through < around["minutes"] else 0)


def test_an_unroutable_trip_names_the_closure_that_cuts_it(theatre, validate, german_watchkeeper):
    validate(lat=ZVECAN[0], lon=ZVECAN[1], location_name="Zvečan, main road")
    answer = plan_route(
        user=german_watchkeeper, origin=Endpoint(text="Pristina"), destination=Endpoint(text="Leposavić"),
        at=timezone.now(),
    )  # fmt: skip
    assert answer["routes"] == []
    cut = answer["unroutable"]["cut"]
    assert len(cut) == 1
    assert cut[0]["road_code"] == "N22.3"  # Mitrovica–Zvečan–Leposavić–Jarinje, the ex M-22.3
    assert cut[0]["why"] == ["closed: Roadblock or barricade — Zvečan, main road"]


def test_avoided_areas_are_routed_around_or_named_as_the_cut(theatre, german_watchkeeper, monkeypatch):
    from peacekeeper.theatre.models import Area

    codes = dict(Area.objects.filter(level=Area.Level.MUNICIPALITY).values_list("name_en", "code"))

    def levels(*, user, at):
        return {code: 4 if name == "Drenas" else 1 for name, code in codes.items()}, []

    monkeypatch.setattr(planner, "area_levels", levels)

    def trip(destination: str) -> dict:
        return plan_route(
            user=german_watchkeeper, origin=Endpoint(text="Pristina"), destination=Endpoint(text=destination),
            at=timezone.now(), avoid_level=4,
        )  # fmt: skip

    # Skenderaj's nearest road from Pristina runs through Drenas: the planner goes round by Mitrovica.
    around = trip("Skenderaj")
    assert around["avoided_areas"] == [{"code": codes["Drenas"], "name": "Drenas", "level": 4}]
    network = current_network()
    assert around["routes"]
    for route in around["routes"]:
        assert all(codes["Drenas"] not in network.segment_areas[row["id"]] for row in route["segments"])
    assert "Drenas/Glogovac" not in around["routes"][0]["via"]
    # Drenas itself cannot be reached without passing through Drenas.
    inside = trip("Drenas")
    assert inside["routes"] == []
    reasons = {why for row in inside["unroutable"]["cut"] for why in row["why"]}
    assert reasons == {"passes through Drenas (threat level 4)"}


def test_map_clicks_snap_to_the_nearest_node(theatre, german_watchkeeper):
    answer = plan_route(
        user=german_watchkeeper,
        origin=Endpoint(lat=42.67, lon=21.17),
        destination=Endpoint(lat=ZVECAN[0] + 0.001, lon=ZVECAN[1]),
        at=timezone.now() - timedelta(hours=1),
    )
    assert answer["origin"]["snapped_to"] == "Pristina"
    assert answer["destination"]["snapped_to"] == "Zvečan"
    assert answer["destination"]["snap_km"] < 0.5


def test_unknown_places_and_levels_are_named_errors(theatre, german_watchkeeper):
    with pytest.raises(InputError) as raised:
        plan_route(
            user=german_watchkeeper, origin=Endpoint(text="Atlantis"), destination=Endpoint(),
            at=timezone.now(), avoid_level=9,
        )  # fmt: skip
    assert {error.field for error in raised.value.errors} == {"origin", "destination", "avoid_level"}


def test_the_marking_covers_the_reports_behind_avoided_area_levels(theatre, german_watchkeeper, validate):
    """The areas avoided come from the assessment's levels: the answer's banner covers what set them."""
    marking = "NATO RESTRICTED // REL TO KFOR"
    validate(category="riots.violent_demonstration", marking=marking, location_name="Zvečan")
    trip = {
        "origin": Endpoint(text="Pristina"),
        "destination": Endpoint(text="Prizren"),
        "at": timezone.now(),
    }
    assert plan_route(user=german_watchkeeper, **trip)["marking"] is None
    assert plan_route(user=german_watchkeeper, avoid_level=5, **trip)["marking"] == marking
