"""The Kosovo road network from the shared road facts (run by developers, not at run time).

Reads ../shared/data/roads/roads_facts.json (every road's designations, class and Travel Mapping
waypoints) and the scenario's places, crossings and bridges, and writes the scenario's `roads.json`: one
segment per physical stretch between two nodes (a place, a crossing or a junction), carrying every
designation of the roads that run along it, its geometry the waypoints in order.

How the stretches are found (the noding is `peacekeeper.theatre.road_graph`, which the OpenStreetMap
import uses too):
- Waypoints at the same position are one vertex: Travel Mapping gives concurrent routes identical
  waypoints, so a stretch two roads share is one edge with both designations.
- The E-routes are designations over national roads and motorways: each of their waypoint pairs is laid
  on the path the graph already has between the two, never drawn as a road of its own.
- Crossing points and bridges within ANCHOR_KM of a road are put on it (the nearest point of the line is
  moved to them), so closing one closes the road through it. A crossing no sourced road reaches gets a
  straight stand-in from the nearest vertex, marked so.
- A populated place within PLACE_KM of a road becomes a node at the nearest point of the line (the
  more important place first; one place per node).
- A stretch ends at every place, every junction (a vertex where other than two edges meet), and where
  the designations along it change.

    .venv/bin/python scripts/kosovo_road_network.py [--shared /work/shared/data]
"""

import argparse
import itertools
import json
import math
import re
from collections import defaultdict
from dataclasses import dataclass
from pathlib import Path

from peacekeeper.theatre.road_graph import LineGraph, canonical_designation

ROOT = Path(__file__).resolve().parent.parent
SCENARIO = ROOT / "peacekeeper" / "theatre" / "scenario" / "kosovo"

ANCHOR_KM = 3.0
PLACE_KM = 2.0
# An E-route waypoint pair follows the graph's path between them when it is at most this much longer.
OVERLAY_SLACK = 1.25
CLASS_RANK = {"motorway": 0, "national": 1, "regional": 2}
CREDIT = "Travel Mapping"
SOURCE = (
    "Road facts compiled from public sources (../shared/data/roads/roads_facts.json, its SOURCES.md); "
    "geometry from the waypoints of the Travel Mapping project (TravelMapping/HighwayData, hwy_data/RKS, "
    "commit a14d4b3, 2026-08-14); credit: Travel Mapping"
)
APPROXIMATION_NOTE = (
    "line through Travel Mapping waypoints (junctions and shape points): follows the road approximately, "
    "not its surveyed geometry"
)
_E_ROUTE = re.compile(r"^E\s?\d+")


def km_between(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    """Great-circle distance on a sphere of the mean Earth radius."""
    p1, p2 = math.radians(lat1), math.radians(lat2)
    dp, dl = p2 - p1, math.radians(lon2 - lon1)
    a = math.sin(dp / 2) ** 2 + math.cos(p1) * math.cos(p2) * math.sin(dl / 2) ** 2
    return 2 * 6371.0088 * math.asin(math.sqrt(a))


@dataclass
class Route:
    index: int
    codes: list[str]  # canonical designations, the primary first
    names: list[str]  # designations that are names, not numbers
    road_class: str
    name: str
    confidence: str
    waypoints: list[tuple[float, float]]

    @property
    def primary(self) -> str:
        return self.codes[0]

    @property
    def rank(self) -> tuple[int, int]:
        return CLASS_RANK[self.road_class], self.index


def read_routes(
    facts: list[dict],
) -> tuple[list[Route], list[tuple[str, list[tuple[float, float]]]], list[str]]:
    """The roads with waypoints; the E-routes apart (designation, waypoints); the roads left out, why."""
    routes, e_routes, left_out = [], [], []
    for index, road in enumerate(facts):
        first = road["designations"][0]
        points = [(w["lat"], w["lon"]) for w in road.get("tm_waypoints") or []]
        if len(points) < 2:
            left_out.append(f"{first}: no waypoints ({road.get('status') or 'not in Travel Mapping'})")
            continue
        if _E_ROUTE.match(first):
            e_routes.append((canonical_designation(first) or first, points))
            continue
        codes, names = [], []
        for text in road["designations"]:
            bare = re.sub(r"\s*\(.*\)\s*$", "", text).strip()
            qualifier = text[len(bare) :]
            # "E65 (Brnjak–Prishtinë section)": E-routes come from their own waypoints; a number that
            # applied to a part only ("R108 (… Peja–Deçan part)") is not given to the whole road.
            partial = re.search(r"\b(part|section)\b", qualifier) is not None
            if text != first and (_E_ROUTE.match(bare) or partial):
                continue
            code = canonical_designation(bare)
            if code is not None:
                if code not in codes:
                    codes.append(code)
            elif bare and bare not in names:
                names.append(bare)
        if not codes:
            left_out.append(f"{first}: no road number")
            continue
        routes.append(Route(index, codes, names, road["type"], road["name"], road["confidence"], points))
    return routes, e_routes, left_out


def build_graph(routes: list[Route], e_routes: list) -> tuple[LineGraph, dict[int, list[int]], list[str]]:
    """The roads' lines, noded; each road's vertices in order; the E-route pairs laid on no road."""
    graph = LineGraph()
    order = {route.index: graph.add_line(route.waypoints, route.index) for route in routes}
    problems = []
    for code, points in e_routes:
        for (lat1, lon1), (lat2, lon2) in itertools.pairwise(points):
            ends = graph.vertex_at(lat1, lon1), graph.vertex_at(lat2, lon2)
            direct = km_between(lat1, lon1, lat2, lon2)
            path = None if None in ends else graph.path(*ends, longest_km=OVERLAY_SLACK * direct + 0.5)
            if path is None:
                problems.append(f"{code}: {lat1:.5f},{lon1:.5f} – {lat2:.5f},{lon2:.5f} follows no road")
                continue
            for u, v in itertools.pairwise(path):
                graph.add_edge(u, v, {("E", code)})
    return graph, order, problems


def place_points(
    graph: LineGraph, places: list[dict], crossings: list[dict], bridges: list[dict]
) -> tuple[dict[int, str], list[str]]:
    """Crossings and bridges put on the roads, towns made nodes: {vertex: scenario key}, and notes."""
    bound: dict[int, str] = {}
    notes = []
    for crossing in crossings:
        if crossing["lat"] is None:
            continue
        lat, lon = crossing["lat"], crossing["lon"]
        vertex, moved = graph.anchor(lat, lon, within_km=ANCHOR_KM)
        if vertex is None:
            nearest, distance = graph.nearest_vertex(lat, lon)
            vertex = graph.vertex(lat, lon)
            graph.add_edge(nearest, vertex, {("stand-in", crossing["scenario_key"])})
            notes.append(
                f"crossing {crossing['name_en']}: no sourced road within {ANCHOR_KM} km; a straight "
                f"stand-in of {distance:.1f} km joins it to the network"
            )
        elif moved > 0.3:
            notes.append(
                f"crossing {crossing['name_en']}: the road's line was moved {moved:.1f} km to reach it"
            )
        bound[vertex] = crossing["scenario_key"]
    for bridge in bridges:
        if bridge["lat"] is None:
            notes.append(f"bridge {bridge['name']}: no position, not on the network")
            continue
        vertex, moved = graph.anchor(bridge["lat"], bridge["lon"], within_km=ANCHOR_KM)
        if vertex is None:
            notes.append(f"bridge {bridge['name']}: no road within {ANCHOR_KM} km, not on the network")
        elif moved > 0.3:
            notes.append(f"bridge {bridge['name']}: the road's line was moved {moved:.1f} km to pass over it")
    for place in sorted(places, key=lambda p: -p["importance"]):
        if place["lat"] is None:
            continue
        vertex = graph.bind(place["lat"], place["lon"], within_km=PLACE_KM)
        if vertex is not None and vertex not in bound:
            bound[vertex] = place["scenario_key"]
    return bound, notes


def _is(label, kind: str) -> bool:
    """Labels are a road's index, ("E", code) for an E-route over it, ("stand-in", crossing key)."""
    return isinstance(label, tuple) and label[0] == kind


def _designations(routes: dict[int, Route], labels: frozenset) -> tuple[Route, list[str]]:
    """The stretch's primary road (motorway before national before regional, then the facts' order) and
    every designation along it, the primary road's first, the E-routes last."""
    ordered = sorted((routes[label] for label in labels if isinstance(label, int)), key=lambda r: r.rank)
    codes: list[str] = []
    for route in ordered:
        codes += [code for code in route.codes if code not in codes]
    e_codes = sorted({label[1] for label in labels if _is(label, "E")})
    return ordered[0], codes + [code for code in e_codes if code not in codes]


def build_network(facts: list[dict], places: list[dict], crossings: list[dict], sites: list[dict]) -> dict:
    routes, e_routes, left_out = read_routes(facts)
    by_index = {route.index: route for route in routes}
    graph, order, overlay_problems = build_graph(routes, e_routes)
    bridges = [site for site in sites if site["kind"] == "bridge"]
    bound, notes = place_points(graph, places, crossings, bridges)
    names = {p["scenario_key"]: p["name"] for p in places} | {
        c["scenario_key"]: c["name_en"] for c in crossings
    }
    described = []
    for stretch in graph.stretches(bound):
        stand_in = next((label for label in stretch.labels if _is(label, "stand-in")), None)
        if stand_in is not None:
            row = {
                "road_code": "access",
                "designations": [],
                "road_class": "regional",
                "road_name": f"access to the {names[stand_in[1]]} crossing",
                "approximation_note": "straight stand-in: no sourced road reaches this crossing point",
            }
            position = ("~", 0)
        else:
            primary, codes = _designations(by_index, stretch.labels)
            note = APPROXIMATION_NOTE
            if primary.confidence == "inferred":
                note += "; the road's settlements are inferred from the waypoints"
            row = {
                "road_code": codes[0],
                "designations": codes,
                "road_class": primary.road_class,
                "road_name": (primary.name + (f" ({', '.join(primary.names)})" if primary.names else ""))[
                    :300
                ],
                "approximation_note": note,
            }
            along = [order[primary.index].index(v) for v in stretch.vertices if v in order[primary.index]]
            position = (primary.primary, min(along, default=0))
        described.append((position, stretch, row))
    junctions = _junctions(graph, bound, described, places)
    segments = []
    sequences: dict[str, int] = defaultdict(int)
    for _, stretch, row in sorted(described, key=lambda item: item[0]):
        sequences[row["road_code"]] += 1
        start, end = stretch.vertices[0], stretch.vertices[-1]
        segments.append(
            {
                "road_code": row["road_code"],
                "sequence": sequences[row["road_code"]],
                "designations": row["designations"],
                "road_class": row["road_class"],
                "road_name": row["road_name"],
                "start": bound.get(start) or junctions[start]["scenario_key"],
                "end": bound.get(end) or junctions[end]["scenario_key"],
                "length_km": round(stretch.km, 2),
                "geometry": {"type": "LineString", "coordinates": [list(c) for c in stretch.coordinates]},
                "approximate": True,
                "approximation_note": row["approximation_note"],
            }
        )
    return {
        "source": SOURCE,
        "credit": CREDIT,
        "approximation_note": APPROXIMATION_NOTE,
        "notes": notes + overlay_problems + left_out,
        "junctions": sorted(junctions.values(), key=lambda j: j["scenario_key"]),
        "segments": segments,
    }


def _junctions(
    graph: LineGraph, bound: dict[int, str], described: list, places: list[dict]
) -> dict[int, dict]:
    """A node that is no place: a junction, named for the roads that meet there and the nearest seat."""
    meeting: dict[int, list[str]] = defaultdict(list)
    for _, stretch, row in described:
        for end in (stretch.vertices[0], stretch.vertices[-1]):
            if row["road_code"] not in meeting[end]:
                meeting[end].append(row["road_code"])
    seats = [p for p in places if p["lat"] is not None and p.get("seat_of")]
    junctions = {}
    for vertex, roads in sorted(meeting.items()):
        if vertex in bound:
            continue
        lat, lon = graph.lats[vertex], graph.lons[vertex]
        seat = min(seats, key=lambda p: km_between(p["lat"], p["lon"], lat, lon))
        distance = km_between(seat["lat"], seat["lon"], lat, lon)
        kind = "road end" if len(graph.adjacent[vertex]) == 1 else "junction"
        where = f"{distance:.0f} km from {seat['name']}" if distance >= 1 else seat["name"]
        junctions[vertex] = {
            "scenario_key": f"junction:{lat:.5f},{lon:.5f}",
            "name": f"{' / '.join(sorted(roads))} {kind}, {where}",
            "lat": lat,
            "lon": lon,
            "approximate": True,
            "approximation_note": "a Travel Mapping waypoint (approximate position of the junction)",
        }
    return junctions


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--shared", type=Path, default=Path("/work/shared/data"))
    shared = parser.parse_args().shared
    facts = json.loads((shared / "roads" / "roads_facts.json").read_text(encoding="utf-8"))
    read = lambda name: json.loads((SCENARIO / name).read_text(encoding="utf-8"))  # noqa: E731
    network = build_network(facts, read("places.json"), read("crossings.json"), read("sites.json"))
    (SCENARIO / "roads.json").write_text(
        json.dumps(network, ensure_ascii=False, indent=1) + "\n", encoding="utf-8"
    )
    counts = f"{len(network['segments'])} segments, {len(network['junctions'])} junctions"
    print(f"wrote {SCENARIO / 'roads.json'}: {counts}")
    for note in network["notes"]:
        print(f"  {note}")


if __name__ == "__main__":
    main()
