"""The theatre's road network as a graph: places are nodes, road segments are edges.

Crossing points and bridges are points on the network. A report affects the segments within
SEGMENT_RADIUS_KM of their line and the points within POINT_RADIUS_KM (the scenario's roads are straight
lines between places, hence the generous radii). A point lies on the segments within POINT_ON_ROAD_KM of
it: closing the Ibar bridge or the Jarinje crossing closes the road through it for routing and the index.

Built once per process and rebuilt when the theatre's roads, crossings or bridges change (a cheap
signature of counts and highest ids is compared on each use); call `invalidate()` after editing them in place.
"""

import threading
from dataclasses import dataclass, field

import numpy as np
import shapely
from django.db.models import Count, Max
from shapely.geometry import shape

from peacekeeper.movement.routing import RoadGraph
from peacekeeper.theatre.distances import km_between, to_km
from peacekeeper.theatre.models import Area, CrossingPoint, RoadSegment, Site

SEGMENT_RADIUS_KM = 1.0
POINT_RADIUS_KM = 1.5
POINT_ON_ROAD_KM = 0.3
# Scenario assumptions (shown on the route planner): average speeds by road class. The segments are
# straight lines between places, so distances and times are lower bounds of the real ones.
ASSUMED_SPEED_KMH = {"M": 60.0, "N": 60.0, "R": 50.0}
DEFAULT_SPEED_KMH = 50.0
# A restricted segment is passable with a delay (a checkpoint, a slow convoy): an assumption too.
RESTRICTED_DELAY_MINUTES = 30.0


@dataclass(frozen=True)
class Segment:
    id: int
    road_code: str
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
    node_lats: np.ndarray
    node_lons: np.ndarray
    segment_areas: dict[int, frozenset[str]]
    area_names: dict[str, str]
    edge_of_segment: dict[int, int] = field(default_factory=dict)
    _segment_tree: shapely.STRtree | None = None
    _point_tree: shapely.STRtree | None = None

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


def _speed(road_code: str) -> float:
    return ASSUMED_SPEED_KMH.get(road_code[:1].upper(), DEFAULT_SPEED_KMH)


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


def _build() -> Network:
    rows = list(RoadSegment.objects.select_related("start", "end").order_by("id"))
    node_of_place: dict[int, int] = {}
    place_of_node: list[int] = []
    names: list[str] = []
    lats: list[float] = []
    lons: list[float] = []

    def node(place) -> int:
        if place.pk not in node_of_place:
            node_of_place[place.pk] = len(place_of_node)
            place_of_node.append(place.pk)
            names.append(place.name)
            lats.append(place.lat if place.lat is not None else float("nan"))
            lons.append(place.lon if place.lon is not None else float("nan"))
        return node_of_place[place.pk]

    segments = [
        Segment(
            id=row.pk,
            road_code=row.road_code,
            road_name=row.road_name,
            start_place=row.start_id,
            end_place=row.end_id,
            start_name=row.start.name,
            end_name=row.end.name,
            length_km=row.length_km,
            minutes=60.0 * row.length_km / _speed(row.road_code),
            geometry=row.geometry,
        )
        for row in rows
    ]
    edges = [(node(row.start), node(row.end)) for row in rows]
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
        node_lats=np.array(lats, dtype=float),
        node_lons=np.array(lons, dtype=float),
        segment_areas={key: frozenset(value) for key, value in segment_areas.items()},
        area_names=area_names,
        edge_of_segment={segment.id: index for index, segment in enumerate(segments)},
        _segment_tree=segment_tree,
        _point_tree=point_tree,
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
