"""bench routing: fastest-route queries on a synthetic road network with 1 % of its edges closed.

Network: a 400 x 250 lattice of junctions 1 km apart (100,000 nodes) with its 199,350 lattice roads
plus 100,650 random diagonals of its squares, 300,000 edges in all; each road gets a length (its
geometry plus a random detour of up to 30 %) and a speed class (50, 60 or 80 km/h). 3,000 random edges
(1 %) are closed. With BENCH_QUICK the same network, fewer queries.

Project: `peacekeeper.movement.routing.fastest_route` (what the route planner calls): the open view for
the closed set is built once (reported as `view_build_ms`), then each query is one call returning the
path's edges, nodes, km and minutes.
Baseline: the same query directly in igraph on a copy of the graph with the closed edges deleted:
`get_shortest_path(source, target, weights=minutes, output="epath")`.
Both answer the same random origin-destination pairs, interleaved, and must agree on every travel time.
"""

from __future__ import annotations

import time

import igraph
import numpy as np

from bench.common import BenchResult, percentile, size
from peacekeeper.movement import routing

# (columns, rows, edges) of the lattice: the same network full and quick, a small one tiny.
NETWORKS = {"full": (400, 250, 300_000), "quick": (400, 250, 300_000), "tiny": (40, 25, 3_000)}
CLOSED_SHARE = 0.01
QUERIES = {"full": 300, "quick": 60, "tiny": 10}
SEED = 6


def synthetic_network(
    rng: np.random.Generator, *, columns: int, rows: int, edge_count: int
) -> tuple[int, np.ndarray, np.ndarray, np.ndarray]:
    nodes = columns * rows
    ids = np.arange(nodes).reshape(rows, columns)
    across = np.column_stack([ids[:, :-1].ravel(), ids[:, 1:].ravel()])
    down = np.column_stack([ids[:-1, :].ravel(), ids[1:, :].ravel()])
    lattice = np.vstack([across, down])
    extra = edge_count - len(lattice)
    # Both diagonals of every lattice square are candidates; a random subset of them becomes roads.
    corners = ids[:-1, :-1].ravel()
    candidates = np.vstack(
        [np.column_stack([corners, corners + columns + 1]), np.column_stack([corners + 1, corners + columns])]
    )
    diagonal = candidates[rng.choice(len(candidates), size=extra, replace=False)]
    edges = np.vstack([lattice, diagonal])
    straight = np.concatenate([np.ones(len(lattice)), np.full(extra, np.sqrt(2))])
    km = straight * (1 + 0.3 * rng.random(len(edges)))
    speed = rng.choice([50.0, 60.0, 80.0], size=len(edges), p=[0.5, 0.35, 0.15])
    return nodes, edges, km, 60.0 * km / speed


def _ms(start: float) -> float:
    return (time.perf_counter() - start) * 1000


def run(*, quick: bool) -> list[BenchResult]:
    rng = np.random.default_rng(SEED)
    columns, rows, edge_count = NETWORKS[size()]
    nodes, edges, km, minutes = synthetic_network(rng, columns=columns, rows=rows, edge_count=edge_count)
    closed = rng.choice(len(edges), size=int(CLOSED_SHARE * len(edges)), replace=False)
    blocked = frozenset(closed.tolist())
    pairs = rng.choice(nodes, size=(QUERIES[size()], 2))

    road = routing.RoadGraph.build(node_count=nodes, edges=edges.tolist(), km=km, minutes=minutes)
    started = time.perf_counter()
    road.open_view(blocked)
    view_build_ms = _ms(started)

    direct = igraph.Graph(n=nodes, edges=edges.tolist(), directed=False)
    direct.delete_edges(sorted(blocked))
    keep = np.setdiff1d(np.arange(len(edges)), closed)
    direct_minutes = minutes[keep].tolist()

    def ours(source: int, target: int) -> routing.Path | None:
        started = time.perf_counter()
        path = routing.fastest_route(road, source, target, blocked=blocked)
        project.append(_ms(started))
        return path

    def theirs(source: int, target: int) -> list[int]:
        started = time.perf_counter()
        found = direct.get_shortest_path(source, target, weights=direct_minutes, output="epath")
        baseline.append(_ms(started))
        return found

    project: list[float] = []
    baseline: list[float] = []
    for index, (source, target) in enumerate(pairs.tolist()):
        # Alternate which goes first, so that neither always finds the other's memory warm.
        if index % 2:
            found, path = theirs(source, target), ours(source, target)
        else:
            path, found = ours(source, target), theirs(source, target)
        expected = sum(direct_minutes[edge] for edge in found)
        if path is None or abs(path.minutes - expected) > 1e-6 * max(expected, 1):
            raise AssertionError(f"routes disagree for {source} -> {target}: {path} vs {expected} min")
    project_p50, baseline_p50 = percentile(project, 0.5), percentile(baseline, 0.5)
    extras: dict[str, object] = {
        "p99": percentile(project, 0.99),
        "baseline_p99": percentile(baseline, 0.99),
        "nodes": nodes,
        "edges": len(edges),
        "closed": len(blocked),
        "queries": len(pairs),
        "view_build_ms": view_build_ms,
    }
    return [BenchResult("routing", project_p50, baseline_p50, baseline_p50 / project_p50, extras)]
