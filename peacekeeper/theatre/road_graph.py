"""Road lines noded into stretches: the one way the theatre's road network is made, from any source.

The scenario's build script (Travel Mapping waypoints) and the OpenStreetMap import (`road_import.py`)
both add lines to a LineGraph, put crossing points and bridges on it, make towns its nodes and read back
its stretches. Pure Python and numpy, no Django.

- Vertices at the same position (to 1e-5 degree, about a metre) are one vertex, so lines that share a
  point are joined there, and a stretch two sources describe with the same points is one edge carrying
  both labels (a label is whatever the caller says the line is: a road's designations, OSM tags).
- `anchor` puts a point on the nearest line within a distance: the line is moved to pass through it, so a
  crossing or a bridge lies exactly on the road it closes.
- `bind` makes a town a node at the nearest point of the nearest line.
- `stretches` walks the chains between nodes: places, junctions (other than two edges meet), ends, and
  vertices where the label changes.
"""

import heapq
import itertools
import math
import re
from collections import defaultdict
from collections.abc import Hashable, Iterable
from dataclasses import dataclass, field

import numpy as np

from peacekeeper.theatre.distances import KM_PER_DEGREE_LAT, km_per_degree_lon

# A point this close to a vertex is that vertex, not a new one on the edge beside it.
SAME_VERTEX_KM = 0.3
_PRECISION = 5
_CODE = re.compile(r"^(?P<prefix>[A-Z]{1,2})[\s-]?(?P<number>\d+(?:\.\d+)?[a-z]?)$")


def canonical_designation(text: str) -> str | None:
    """A road number written one way: 'M 2', 'M2', 'M-2' → 'M-2' (the old Yugoslav form, as signs and
    KFOR wrote it); 'N-9.1', 'N 9.1' → 'N9.1'; 'E 65' → 'E65'. None for a name."""
    match = _CODE.match(text.strip())
    if match is None:
        return None
    prefix, number = match["prefix"], match["number"]
    return f"{prefix}-{number}" if prefix == "M" else f"{prefix}{number}"


def _key(u: int, v: int) -> tuple[int, int]:
    return (u, v) if u < v else (v, u)


@dataclass(frozen=True)
class Stretch:
    vertices: tuple[int, ...]
    labels: frozenset  # the labels of every edge of the stretch (the same all along it)
    coordinates: tuple[tuple[float, float], ...]  # (lon, lat)
    km: float


@dataclass
class LineGraph:
    lats: list[float] = field(default_factory=list)
    lons: list[float] = field(default_factory=list)
    _at: dict[tuple[float, float], int] = field(default_factory=dict)
    labels: dict[tuple[int, int], set] = field(default_factory=lambda: defaultdict(set))
    adjacent: dict[int, set[int]] = field(default_factory=lambda: defaultdict(set))

    def vertex(self, lat: float, lon: float) -> int:
        position = (round(lat, _PRECISION), round(lon, _PRECISION))
        if position not in self._at:
            self._at[position] = len(self.lats)
            self.lats.append(position[0])
            self.lons.append(position[1])
        return self._at[position]

    def vertex_at(self, lat: float, lon: float) -> int | None:
        return self._at.get((round(lat, _PRECISION), round(lon, _PRECISION)))

    def add_line(self, points: Iterable[tuple[float, float]], label: Hashable) -> list[int]:
        """A line through (lat, lon) points; its vertices in order."""
        vertices = [self.vertex(lat, lon) for lat, lon in points]
        for u, v in itertools.pairwise(vertices):
            self.add_edge(u, v, {label})
        return vertices

    def add_edge(self, u: int, v: int, labels: set) -> None:
        if u == v:
            return
        self.labels[_key(u, v)] |= labels
        self.adjacent[u].add(v)
        self.adjacent[v].add(u)

    def km(self, u: int, v: int) -> float:
        lat = (self.lats[u] + self.lats[v]) / 2
        dx = (self.lons[v] - self.lons[u]) * km_per_degree_lon(lat)
        return math.hypot(dx, (self.lats[v] - self.lats[u]) * KM_PER_DEGREE_LAT)

    def km_to(self, vertex: int, lat: float, lon: float) -> float:
        dx = (self.lons[vertex] - lon) * km_per_degree_lon(lat)
        return math.hypot(dx, (self.lats[vertex] - lat) * KM_PER_DEGREE_LAT)

    def nearest_vertex(self, lat: float, lon: float) -> tuple[int, float]:
        used = np.fromiter(self.adjacent, dtype=np.int64)
        dx = (np.asarray(self.lons)[used] - lon) * km_per_degree_lon(lat)
        dy = (np.asarray(self.lats)[used] - lat) * KM_PER_DEGREE_LAT
        distances = np.hypot(dx, dy)
        best = int(np.argmin(distances))
        return int(used[best]), float(distances[best])

    def nearest_edge(self, lat: float, lon: float) -> tuple[float, tuple[int, int], float]:
        """(distance in km, edge, position 0..1 along it) of the edge nearest to a point."""
        edges = np.array(list(self.labels), dtype=np.int64).reshape(-1, 2)
        if not len(edges):
            return math.inf, (0, 0), 0.0
        scale = km_per_degree_lon(lat)
        lats, lons = np.asarray(self.lats), np.asarray(self.lons)
        ax, ay = (lons[edges[:, 0]] - lon) * scale, (lats[edges[:, 0]] - lat) * KM_PER_DEGREE_LAT
        bx, by = (lons[edges[:, 1]] - lon) * scale, (lats[edges[:, 1]] - lat) * KM_PER_DEGREE_LAT
        dx, dy = bx - ax, by - ay
        length = dx * dx + dy * dy
        with np.errstate(invalid="ignore", divide="ignore"):
            t = np.where(length > 0, np.clip(-(ax * dx + ay * dy) / length, 0.0, 1.0), 0.0)
        distances = np.hypot(ax + t * dx, ay + t * dy)
        best = int(np.argmin(distances))
        return float(distances[best]), (int(edges[best, 0]), int(edges[best, 1])), float(t[best])

    def _split(self, edge: tuple[int, int], lat: float, lon: float) -> int:
        u, v = edge
        labels = self.labels.pop(_key(u, v))
        self.adjacent[u].discard(v)
        self.adjacent[v].discard(u)
        w = self.vertex(lat, lon)
        self.add_edge(u, w, labels)
        self.add_edge(w, v, labels)
        return w

    def _move(self, vertex: int, lat: float, lon: float) -> None:
        del self._at[(self.lats[vertex], self.lons[vertex])]
        self.lats[vertex], self.lons[vertex] = round(lat, _PRECISION), round(lon, _PRECISION)
        self._at[(self.lats[vertex], self.lons[vertex])] = vertex

    def anchor(self, lat: float, lon: float, *, within_km: float) -> tuple[int | None, float]:
        """Put a point on the nearest line: (its vertex, how far the line moved), or (None, distance)."""
        distance, edge, t = self.nearest_edge(lat, lon)
        if distance > within_km:
            return None, distance
        if self.vertex_at(lat, lon) is not None:
            return self.vertex_at(lat, lon), 0.0
        u, v = edge
        length = self.km(u, v)
        if t * length < SAME_VERTEX_KM / 3 or (1 - t) * length < SAME_VERTEX_KM / 3:
            vertex = u if t * length <= (1 - t) * length else v
            self._move(vertex, lat, lon)
            return vertex, distance
        return self._split(edge, lat, lon), distance

    def bind(self, lat: float, lon: float, *, within_km: float) -> int | None:
        """The vertex at the nearest point of the nearest line (a new one if no vertex is near it)."""
        distance, edge, t = self.nearest_edge(lat, lon)
        if distance > within_km:
            return None
        u, v = edge
        length = self.km(u, v)
        if t * length < SAME_VERTEX_KM or (1 - t) * length < SAME_VERTEX_KM:
            return u if t * length <= (1 - t) * length else v
        point_lat = self.lats[u] + t * (self.lats[v] - self.lats[u])
        point_lon = self.lons[u] + t * (self.lons[v] - self.lons[u])
        return self._split(edge, point_lat, point_lon)

    def path(self, source: int, target: int, *, longest_km: float) -> list[int] | None:
        """The shortest path of vertices from source to target, if one is at most longest_km long."""
        best, previous, queue = {source: 0.0}, {}, [(0.0, source)]
        while queue:
            distance, here = heapq.heappop(queue)
            if here == target:
                path = [target]
                while path[-1] != source:
                    path.append(previous[path[-1]])
                return path[::-1]
            if distance > best[here]:
                continue
            for there in self.adjacent[here]:
                candidate = distance + self.km(here, there)
                if candidate <= longest_km and candidate < best.get(there, math.inf):
                    best[there], previous[there] = candidate, here
                    heapq.heappush(queue, (candidate, there))
        return None

    def stretches(self, nodes: Iterable[int]) -> list[Stretch]:
        """Every edge once, in chains between nodes: the given ones, junctions, ends, label changes."""
        stops = set(nodes)
        for vertex, others in self.adjacent.items():
            if len(others) != 2:
                stops.add(vertex)
                continue
            a, b = others
            if self.labels[_key(vertex, a)] != self.labels[_key(vertex, b)]:
                stops.add(vertex)
        walked: set[tuple[int, int]] = set()
        found = [chain for start in sorted(stops) for chain in self._walk(start, stops, walked)]
        # What is left are rings with no stop on them: each is cut at one of its vertices.
        for key in sorted(set(self.labels) - walked):
            if key not in walked:
                stops.add(key[0])
                found += self._walk(key[0], stops, walked)
        return [self._stretch(chain) for chain in found]

    def _walk(self, start: int, stops: set[int], walked: set[tuple[int, int]]) -> list[list[int]]:
        chains = []
        for first in sorted(self.adjacent[start]):
            if _key(start, first) in walked:
                continue
            chain = [start, first]
            walked.add(_key(start, first))
            while chain[-1] not in stops:
                here = chain[-1]
                there = next((w for w in self.adjacent[here] if _key(here, w) not in walked), None)
                if there is None:
                    break
                walked.add(_key(here, there))
                chain.append(there)
            chains.append(chain)
        return chains

    def _stretch(self, chain: list[int]) -> Stretch:
        return Stretch(
            vertices=tuple(chain),
            labels=frozenset(self.labels[_key(chain[0], chain[1])]),
            coordinates=tuple((self.lons[v], self.lats[v]) for v in chain),
            km=sum(self.km(u, v) for u, v in itertools.pairwise(chain)),
        )
