"""The theatre's road network as a graph: places are nodes, road segments are edges.

Crossing points and bridges are points on the network. A report affects the segments within
SEGMENT_RADIUS_KM of their line and the points within POINT_RADIUS_KM. The scenario's lines follow Travel
Mapping waypoints (junctions and shape points), within a few hundred metres of the road: the radius covers
that and a report's own imprecision, no more, so a roadblock on one road does not close a parallel one
a kilometre away. A report within NODE_RADIUS_KM of a town's own position (a report logged "at Zvečan"
stands there, and the road may pass a kilometre or two from the town's centre) affects the segments that
meet at the town's node. A point lies on the segments within POINT_ON_ROAD_KM of it (the network is built
with crossings and bridges on its lines): closing the Ibar bridge or the Jarinje crossing closes the road
through it for routing and the index.

Built once per process and rebuilt when the theatre's roads, crossings or bridges change (a cheap
signature of counts and highest ids is compared on each use); call `invalidate()` after editing them in place.
"""

import threading
from collections import Counter
from dataclasses import dataclass, field

import numpy as np
import shapely
from django.db.models import Count, Max
from shapely.geometry import shape

from peacekeeper.movement.routing import RoadGraph
from peacekeeper.theatre.distances import km_between, to_km
from peacekeeper.theatre.models import Area, CrossingPoint, Place, RoadSegment, Site

SEGMENT_RADIUS_KM = 0.5
NODE_RADIUS_KM = 0.3
POINT_RADIUS_KM = 1.5
POINT_ON_ROAD_KM = 0.3
# Scenario assumptions (shown on the route planner): average speeds by road class. The lines cut the
# corners between waypoints, so distances and times are somewhat below the real ones.
ASSUMED_SPEED_KMH = {
    RoadSegment.RoadClass.MOTORWAY: 90.0,
    RoadSegment.RoadClass.NATIONAL: 60.0,
    RoadSegment.RoadClass.REGIONAL: 50.0,
}
# A restricted segment is passable with a delay (a checkpoint, a slow convoy): an assumption too.
RESTRICTED_DELAY_MINUTES = 30.0


@dataclass(frozen=True)
class Segment:
    id: int
    road_code: str
    designations: tuple[str, ...]
    road_class: str
    road_name: str
    start_place: int
    end_place: int
    start_name: str
    end_name: str
    length_km: float
    minutes: float
    geometry: dict


@dataclass(frozen=True)
class Point:
    kind: str  # "crossing" or "bridge"
    id: int
    name: str
    lat: float
    lon: float
    segments: tuple[int, ...]  # the segments it lies on


@dataclass
class Network:
    segments: list[Segment]
    points: list[Point]
    graph: RoadGraph
    node_of_place: dict[int, int]
    place_of_node: list[int]
    node_names: list[str]
    # Nodes that are road junctions, not towns or crossings: a route's towns leave them out.
    junction_nodes: frozenset[int]
    node_lats: np.ndarray
    node_lons: np.ndarray
    segment_areas: dict[int, frozenset[str]]
    area_names: dict[str, str]
    # How the network is approximate, in its data's words ("" when no segment is).
    approximation: str = ""
    edge_of_segment: dict[int, int] = field(default_factory=dict)
    # The segment ids meeting at each node that has a position, in the order of _node_tree.
    node_segments: list[tuple[int, ...]] = field(default_factory=list)
    _segment_tree: shapely.STRtree | None = None
    _point_tree: shapely.STRtree | None = None
    _node_tree: shapely.STRtree | None = None

    @property
    def total_km(self) -> float:
        return sum(segment.length_km for segment in self.segments)

    def segment(self, segment_id: int) -> Segment:
        return self.segments[self.edge_of_segment[segment_id]]

    def near(self, lats: list[float], lons: list[float]) -> list[tuple[set[int], set[tuple[str, int]]]]:
        """For each report position: the segments and the points (kind, id) it affects."""
        found: list[tuple[set[int], set[tuple[str, int]]]] = [(set(), set()) for _ in lats]
        if not lats:
            return found
        positions = to_km(shapely.points(np.column_stack([lons, lats])))
        if self._segment_tree is not None:
            reports, edges = self._segment_tree.query(
                positions, predicate="dwithin", distance=SEGMENT_RADIUS_KM
            )
            for report, edge in zip(reports.tolist(), edges.tolist(), strict=True):
                found[report][0].add(self.segments[edge].id)
        if self._node_tree is not None:
            reports, nodes = self._node_tree.query(positions, predicate="dwithin", distance=NODE_RADIUS_KM)
            for report, node in zip(reports.tolist(), nodes.tolist(), strict=True):
                found[report][0].update(self.node_segments[node])
        if self._point_tree is not None:
            reports, hits = self._point_tree.query(positions, predicate="dwithin", distance=POINT_RADIUS_KM)
            for report, hit in zip(reports.tolist(), hits.tolist(), strict=True):
                point = self.points[hit]
                found[report][1].add((point.kind, point.id))
        return found

    def nearest_node(self, lat: float, lon: float) -> tuple[int, float]:
        """The network node nearest to a position, and its distance in km."""
        distances = km_between(self.node_lats, self.node_lons, lat, lon)
        node = int(np.argmin(distances))
        return node, float(distances[node])


def _bridges():
    return Site.objects.filter(kind=Site.Kind.BRIDGE, place__lat__isnull=False).select_related("place")


def _signature() -> tuple:
    parts = []
    for queryset in (RoadSegment.objects, CrossingPoint.objects.filter(place__lat__isnull=False), _bridges()):
        figures = queryset.aggregate(n=Count("id"), top=Max("id"))
        parts.append((figures["n"], figures["top"]))
    parts.append(
        Area.objects.filter(level=Area.Level.MUNICIPALITY).aggregate(n=Count("id"), top=Max("id"))["n"]
    )
    return tuple(parts)


def _approximation(rows: list[RoadSegment]) -> str:
    """The most common way the segments are approximate (a note's first clause), or ""."""
    notes = Counter(row.approximation_note.split(";")[0] for row in rows if row.approximate)
    return notes.most_common(1)[0][0] if notes else ""


def _build() -> Network:
    rows = list(RoadSegment.objects.select_related("start", "end").order_by("id"))
    node_of_place: dict[int, int] = {}
    place_of_node: list[int] = []
    names: list[str] = []
    lats: list[float] = []
    lons: list[float] = []

    junctions: set[int] = set()

    def node(place) -> int:
        if place.pk not in node_of_place:
            node_of_place[place.pk] = len(place_of_node)
            place_of_node.append(place.pk)
            names.append(place.name)
            if place.kind == Place.Kind.JUNCTION:
                junctions.add(node_of_place[place.pk])
            lats.append(place.lat if place.lat is not None else float("nan"))
            lons.append(place.lon if place.lon is not None else float("nan"))
        return node_of_place[place.pk]

    segments = [
        Segment(
            id=row.pk,
            road_code=row.road_code,
            designations=tuple(row.designations or (row.road_code,)),
            road_class=row.road_class,
            road_name=row.road_name,
            start_place=row.start_id,
            end_place=row.end_id,
            start_name=row.start.name,
            end_name=row.end.name,
            length_km=row.length_km,
            minutes=60.0 * row.length_km / ASSUMED_SPEED_KMH[row.road_class],
            geometry=row.geometry,
        )
        for row in rows
    ]
    edges = [(node(row.start), node(row.end)) for row in rows]
    node_segments: list[list[int]] = [[] for _ in place_of_node]
    for segment, (a, b) in zip(segments, edges, strict=True):
        node_segments[a].append(segment.id)
        node_segments[b].append(segment.id)
    located = [n for n in range(len(place_of_node)) if not (np.isnan(lats[n]) or np.isnan(lons[n]))]
    graph = RoadGraph.build(
        node_count=len(place_of_node),
        edges=edges,
        km=[segment.length_km for segment in segments],
        minutes=[segment.minutes for segment in segments],
    )
    lines = [shape(segment.geometry) for segment in segments]
    lines_km = to_km(lines) if lines else []
    segment_tree = shapely.STRtree(lines_km) if lines else None

    point_rows = [
        ("crossing", crossing.pk, crossing.name_en, crossing.place.lat, crossing.place.lon)
        for crossing in CrossingPoint.objects.filter(place__lat__isnull=False).select_related("place")
    ] + [("bridge", site.pk, site.name, site.place.lat, site.place.lon) for site in _bridges()]
    points = []
    for kind, pk, name, lat, lon in point_rows:
        on_roads: tuple[int, ...] = ()
        if segment_tree is not None:
            position = to_km(shapely.Point(lon, lat))
            hits = segment_tree.query(position, predicate="dwithin", distance=POINT_ON_ROAD_KM)
            on_roads = tuple(sorted(segments[hit].id for hit in hits.tolist()))
        points.append(Point(kind=kind, id=pk, name=name, lat=lat, lon=lon, segments=on_roads))
    point_tree = shapely.STRtree(to_km([shapely.Point(p.lon, p.lat) for p in points])) if points else None

    segment_areas: dict[int, set[str]] = {segment.id: set() for segment in segments}
    area_names = {}
    municipalities = Area.objects.filter(level=Area.Level.MUNICIPALITY, boundary__isnull=False)
    if lines:
        line_tree = shapely.STRtree(lines)
        for area in municipalities.values("code", "name_en", "boundary"):
            area_names[area["code"]] = area["name_en"]
            for hit in line_tree.query(shape(area["boundary"]), predicate="intersects").tolist():
                segment_areas[segments[hit].id].add(area["code"])
    return Network(
        segments=segments,
        points=points,
        graph=graph,
        node_of_place=node_of_place,
        place_of_node=place_of_node,
        node_names=names,
        junction_nodes=frozenset(junctions),
        node_lats=np.array(lats, dtype=float),
        node_lons=np.array(lons, dtype=float),
        segment_areas={key: frozenset(value) for key, value in segment_areas.items()},
        area_names=area_names,
        approximation=_approximation(rows),
        edge_of_segment={segment.id: index for index, segment in enumerate(segments)},
        node_segments=[tuple(node_segments[n]) for n in located],
        _segment_tree=segment_tree,
        _point_tree=point_tree,
        _node_tree=shapely.STRtree(to_km([shapely.Point(lons[n], lats[n]) for n in located]))
        if located
        else None,
    )


_cached: tuple[tuple, Network] | None = None
_lock = threading.Lock()


def current_network() -> Network:
    global _cached
    signature = _signature()
    cached = _cached
    if cached is not None and cached[0] == signature:
        return cached[1]
    with _lock:
        if _cached is None or _cached[0] != signature:
            _cached = (signature, _build())
        return _cached[1]


def invalidate() -> None:
    global _cached
    _cached = None
