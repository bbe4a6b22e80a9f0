"""The route planner: the fastest road route between two places, as one reader's network stands.

Ends are gazetteer names or map positions, snapped to the nearest node of the network (a town or
crossing on a road; the distance snapped is reported). Segments closed for the reader are removed;
restricted ones cost RESTRICTED_DELAY_MINUTES more. If asked, segments through municipalities at or above
a threat level (the security assessment's level at the moment, as the COP's municipality layer shows it)
are avoided too. The answer's marking covers the restrictions behind the network's state and, when areas
are avoided, the reports and overrides behind the assessed levels.
When no route is left, the answer names a smallest set of closures and avoided areas that cuts it.
"""

from dataclasses import dataclass
from datetime import datetime
from itertools import groupby

from django.contrib.auth.models import AnonymousUser, User

from peacekeeper.access.marking import marking_fields
from peacekeeper.access.models import ReleaseLabel
from peacekeeper.assessment.assessing import assess
from peacekeeper.core.errors import FieldError, InputError
from peacekeeper.movement import routing
from peacekeeper.movement.models import Movement
from peacekeeper.movement.network import (
    ASSUMED_SPEED_KMH,
    RESTRICTED_DELAY_MINUTES,
    Network,
    current_network,
)
from peacekeeper.movement.states import network_state
from peacekeeper.theatre import gazetteer
from peacekeeper.theatre.layers import hidden_site_places
from peacekeeper.theatre.models import Place

ALTERNATIVES = 3
SPEEDS = (
    "Assumed average speeds: "
    + ", ".join(f"{speed:.0f} km/h on {kind.label.lower()}s" for kind, speed in ASSUMED_SPEED_KMH.items())
    + f"; a restricted segment adds {RESTRICTED_DELAY_MINUTES:.0f} min."
)


def assumptions(network: Network | None = None) -> str:
    """What the routes rest on: how approximate the network is (as its data says) and the speeds."""
    network = network or current_network()
    if network.approximation:
        how = f"The road network is approximate ({network.approximation}): distances and times are estimates."
        return f"{how} {SPEEDS}"
    return SPEEDS


@dataclass(frozen=True)
class Endpoint:
    """What the user gave for one end: a name, or a position (a click on the map)."""

    text: str = ""
    lat: float | None = None
    lon: float | None = None


def _resolve(network: Network, end: Endpoint, field: str, user: User | AnonymousUser) -> dict:
    if end.lat is not None and end.lon is not None:
        lat, lon, label = end.lat, end.lon, f"{end.lat:.5f}, {end.lon:.5f}"
    elif end.text.strip():
        matches = gazetteer.lookup(query=end.text, limit=1, hidden=hidden_site_places(user))
        found = [m for m in matches if m.lat is not None]
        if not found:
            raise InputError([FieldError(field, f"no place with a known position matches {end.text!r}")])
        lat, lon, label = found[0].lat, found[0].lon, found[0].name
    else:
        raise InputError([FieldError(field, "give a place name or a position")])
    if not network.place_of_node:
        raise InputError([FieldError(field, "the theatre has no road network loaded")])
    node, km = network.nearest_node(lat, lon)
    return {"query": label, "lat": lat, "lon": lon, "node": node, "snapped_to": network.node_names[node],
            "snap_km": round(km, 2)}  # fmt: skip


def area_levels(*, user: User | AnonymousUser, at: datetime) -> tuple[dict[str, int], list[ReleaseLabel]]:
    """Each municipality's assessed threat level at `at` for this reader, and the labels behind them."""
    assessment, _ = assess(user=user, at=at)
    levels = {area.code: area.level for area in assessment.areas}
    return levels, list(ReleaseLabel.objects.filter(pk__in=assessment.label_ids))


def _avoided(user, at: datetime, level: int | None) -> tuple[dict[str, int], list[ReleaseLabel]]:
    if level is None:
        return {}, []
    if not 1 <= level <= 5:
        raise InputError([FieldError("avoid_level", "must be a threat level from 1 to 5")])
    levels, labels = area_levels(user=user, at=at)
    return {code: value for code, value in levels.items() if value >= level}, labels


def _segment_row(network: Network, edge: int, status: str, forward: bool) -> dict:
    segment = network.segments[edge]
    return {
        "id": segment.id,
        "road_code": segment.road_code,
        "designations": list(segment.designations),
        "road_class": segment.road_class,
        "from_place": segment.start_name if forward else segment.end_name,
        "to_place": segment.end_name if forward else segment.start_name,
        "km": round(segment.length_km, 2),
        "minutes": round(segment.minutes, 1),
        "status": status,
        "geometry": segment.geometry,
    }


def _route(network: Network, path: routing.Path, statuses: dict[int, str]) -> dict:
    rows = []
    for index, edge in enumerate(path.edges):
        forward = network.node_of_place[network.segments[edge].start_place] == path.nodes[index]
        rows.append(
            _segment_row(network, edge, statuses.get(network.segments[edge].id, Movement.OPEN), forward)
        )
    return {
        "km": round(path.km, 1),
        "minutes": round(path.minutes),
        "via": [network.node_names[node] for node in path.nodes],
        "towns": [network.node_names[node] for node in path.nodes if node not in network.junction_nodes],
        "roads": [code for code, _ in groupby(row["road_code"] for row in rows)],
        "restricted_segments": sum(1 for row in rows if row["status"] == Movement.RESTRICTED),
        "segments": rows,
    }


def plan_route(
    *,
    user: User | AnonymousUser,
    origin: Endpoint,
    destination: Endpoint,
    at: datetime,
    avoid_level: int | None = None,
) -> dict:
    network = current_network()
    errors, ends = [], {}
    for field, end in (("origin", origin), ("destination", destination)):
        try:
            ends[field] = _resolve(network, end, field, user)
        except InputError as error:
            errors += error.errors
    avoided, level_labels = {}, []
    try:
        avoided, level_labels = _avoided(user, at, avoid_level)
    except InputError as error:
        errors += error.errors
    if not errors and ends["origin"]["node"] == ends["destination"]["node"]:
        errors.append(FieldError("destination", f"is at {ends['origin']['snapped_to']}, as the origin is"))
    if errors:
        raise InputError(errors)
    state = network_state(user=user, at=at)
    reasons: dict[int, list[str]] = {}
    statuses = {pk: s.status for pk, s in state.segments.items()}
    delays = {}
    for index, segment in enumerate(network.segments):
        element = state.segments[segment.id]
        if element.status == Movement.CLOSED:
            reasons.setdefault(index, []).append("closed: " + element.as_dict()["cause"])
        elif element.status == Movement.RESTRICTED:
            delays[index] = RESTRICTED_DELAY_MINUTES
        for code in sorted(network.segment_areas[segment.id] & set(avoided)):
            reasons.setdefault(index, []).append(
                f"passes through {network.area_names.get(code, code)} (threat level {avoided[code]})"
            )
    blocked = frozenset(reasons)
    delays = {edge: delay for edge, delay in delays.items() if edge not in blocked}
    source, target = ends["origin"]["node"], ends["destination"]["node"]
    paths = routing.alternatives(
        network.graph, source, target, blocked=blocked, delays=delays, count=ALTERNATIVES
    )
    answer = {
        "at": at.isoformat(),
        "origin": {k: v for k, v in ends["origin"].items() if k != "node"},
        "destination": {k: v for k, v in ends["destination"].items() if k != "node"},
        "avoided_areas": [
            {"code": code, "name": network.area_names.get(code, code), "level": level}
            for code, level in sorted(avoided.items())
        ],
        "routes": [_route(network, path, statuses) for path in paths],
        "unroutable": None,
        "assumptions": assumptions(network),
        "network_approximate": bool(network.approximation),
        # The routes reflect these restrictions and levels: the page's banner must cover them.
        **marking_fields([*(r.label for r in state.restrictions), *level_labels]),
    }
    if not paths:
        cut = routing.cutting_edges(network.graph, source, target, blocked=blocked)
        if cut is None:
            answer["unroutable"] = {"reason": "No road of the network connects these places.", "cut": []}
        else:
            answer["unroutable"] = {
                "reason": (
                    "Every road between these places is closed or avoided; "
                    "opening the roads listed would connect them."
                ),
                "cut": [
                    {
                        **_segment_row(network, edge, statuses[network.segments[edge].id], True),
                        "why": reasons[edge],
                    }
                    for edge in cut
                ],
            }
    return answer


def place_names_on_network() -> list[str]:
    """Names for the planner's suggestions: the towns and crossings the network's roads join."""
    network = current_network()
    places = Place.objects.filter(pk__in=network.place_of_node).exclude(kind=Place.Kind.JUNCTION)
    return sorted(set(places.values_list("name", flat=True)))
