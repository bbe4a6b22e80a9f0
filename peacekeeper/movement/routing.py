"""Fastest routes on a road graph with igraph: closures removed, alternatives, and what cuts a route.

Pure graph code with no Django, so the benchmark runs exactly what the product runs. Edges are road
segments, weighted by travel minutes; a restricted edge costs its delay on top. For a set of blocked
edges the graph without them (an "open view") is built once and cached, so a query is one Dijkstra
search (igraph stops it when the target is settled) plus reading the path's totals. Alternatives are
found by penalising the edges of the routes already found (see `alternatives`).
"""

import threading
import warnings
from collections import OrderedDict
from dataclasses import dataclass

import igraph
import numpy as np

VIEW_CACHE_SIZE = 8

# igraph warns when the target cannot be reached; here that is an answer (None), not a problem.
_UNREACHABLE = "Couldn't reach some vertices"


@dataclass(frozen=True)
class Path:
    edges: tuple[int, ...]  # edge ids of the full graph, in travel order
    nodes: tuple[int, ...]
    km: float
    minutes: float


class OpenView:
    """The graph without its blocked edges; edge ids are mapped back to the full graph's."""

    def __init__(self, road: "RoadGraph", blocked: frozenset[int], delays: dict[int, float]) -> None:
        keep = np.setdiff1d(np.arange(road.graph.ecount()), np.fromiter(blocked, dtype=np.int64))
        self.graph = road.graph.subgraph_edges(keep.tolist(), delete_vertices=False)
        self.original = np.asarray(self.graph.es["id"], dtype=np.int64)
        minutes = road.minutes[self.original].copy()
        for edge, delay in delays.items():
            minutes[self.original == edge] += delay
        self.weights = minutes.tolist()
        self.road = road

    def fastest(self, source: int, target: int, *, weights: list[float] | None = None) -> Path | None:
        """The fastest path by the view's minutes, or searched by other `weights` (its minutes still the
        real ones)."""
        if source == target:
            return Path(edges=(), nodes=(source,), km=0.0, minutes=0.0)
        with warnings.catch_warnings():
            warnings.filterwarnings("ignore", message=_UNREACHABLE, category=RuntimeWarning)
            found = self.graph.get_shortest_path(
                source, target, weights=weights or self.weights, output="epath"
            )
        return self._path(source, found) if found else None

    def view_edges(self) -> dict[int, int]:
        """The view's edge id of each open edge of the full graph."""
        return {int(edge): index for index, edge in enumerate(self.original.tolist())}

    def _path(self, source: int, view_edges: list[int]) -> Path:
        index = np.asarray(view_edges, dtype=np.int64)
        edges = self.original[index]
        minutes = float(sum(self.weights[edge] for edge in view_edges))
        return Path(
            edges=tuple(edges.tolist()),
            nodes=self.road.walk(source, edges),
            km=float(self.road.km[edges].sum()),
            minutes=minutes,
        )


class RoadGraph:
    """An undirected road graph with each edge's length (km) and travel time (minutes)."""

    def __init__(self, graph: igraph.Graph, km: np.ndarray, minutes: np.ndarray) -> None:
        self.graph = graph
        self.km = km
        self.minutes = minutes
        pairs = np.asarray(graph.get_edgelist(), dtype=np.int64).reshape(-1, 2)
        self.sources, self.targets = pairs[:, 0], pairs[:, 1]
        self._views: OrderedDict[tuple, OpenView] = OrderedDict()
        self._lock = threading.Lock()

    @classmethod
    def build(cls, *, node_count: int, edges: list[tuple[int, int]], km, minutes) -> "RoadGraph":
        graph = igraph.Graph(n=node_count, edges=edges, directed=False)
        graph.es["id"] = list(range(len(edges)))
        return cls(graph, np.asarray(km, dtype=float), np.asarray(minutes, dtype=float))

    def open_view(
        self, blocked: frozenset[int] = frozenset(), delays: dict[int, float] | None = None
    ) -> OpenView:
        key = (blocked, frozenset((delays or {}).items()))
        with self._lock:
            view = self._views.get(key)
            if view is not None:
                self._views.move_to_end(key)
                return view
        view = OpenView(self, blocked, delays or {})
        with self._lock:
            self._views[key] = view
            while len(self._views) > VIEW_CACHE_SIZE:
                self._views.popitem(last=False)
        return view

    def walk(self, source: int, edges: np.ndarray) -> tuple[int, ...]:
        nodes = [source]
        for edge in edges.tolist():
            here = nodes[-1]
            a, b = int(self.sources[edge]), int(self.targets[edge])
            nodes.append(b if a == here else a)
        return tuple(nodes)


def fastest_route(
    road: RoadGraph,
    source: int,
    target: int,
    *,
    blocked: frozenset[int] = frozenset(),
    delays: dict[int, float] | None = None,
) -> Path | None:
    """The fastest path avoiding the blocked edges, or None when they cut the target off."""
    return road.open_view(blocked, delays).fastest(source, target)


def alternatives(
    road: RoadGraph,
    source: int,
    target: int,
    *,
    blocked: frozenset[int] = frozenset(),
    delays: dict[int, float] | None = None,
    count: int = 3,
    max_shared: float = 0.7,
    candidates: int = 12,
    penalty: float = 2.0,
) -> list[Path]:
    """The fastest path and up to `count` - 1 others, each sharing at most `max_shared` of its length
    with a path kept before it, fastest first.

    On a network of short stretches the k shortest paths are near-copies of the best one (a detour round
    one block), so the others are found by penalties: after each search the edges of the path found cost
    `penalty` times more, and the next search looks for a way round them. At most `candidates` searches;
    each path's minutes are the real ones, never the penalised.
    """
    view = road.open_view(blocked, delays)
    best = view.fastest(source, target)
    if best is None or best.minutes == 0:
        return [best] if best is not None else []
    kept, seen = [best], {best.edges}
    weights = list(view.weights)
    view_edge = view.view_edges()
    last = best
    for _ in range(candidates):
        if len(kept) == count:
            break
        for edge in last.edges:
            weights[view_edge[edge]] *= penalty
        last = view.fastest(source, target, weights=weights)
        if last is None:
            break
        if last.edges in seen:
            continue
        seen.add(last.edges)
        mine = set(last.edges)
        if all(_shared_km(road, mine, set(other.edges)) <= max_shared * last.km for other in kept):
            kept.append(last)
    return [best, *sorted(kept[1:], key=lambda path: path.minutes)]


def _shared_km(road: RoadGraph, edges: set[int], others: set[int]) -> float:
    shared = list(edges & others)
    return float(road.km[shared].sum()) if shared else 0.0


def cutting_edges(road: RoadGraph, source: int, target: int, *, blocked: frozenset[int]) -> list[int] | None:
    """A smallest set of blocked edges whose opening would connect source and target (a minimum cut).

    Blocked edges cost 1 to cut and open ones more than all blocked edges together, so the minimum cut
    consists of blocked edges only whenever the blocked edges are what separates the two places.
    None when the two are not connected even with every edge open.
    """
    if road.graph.distances(source, target)[0][0] == float("inf"):
        return None
    heavy = float(len(blocked) + 1)
    capacity = [1.0 if edge in blocked else heavy for edge in range(road.graph.ecount())]
    cut = road.graph.mincut(source=source, target=target, capacity=capacity)
    return sorted(int(edge) for edge in cut.cut)
