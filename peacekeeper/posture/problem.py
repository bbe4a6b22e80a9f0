"""The allocation problem as the optimiser sees it: units, tasks, allowed pairs with travel, pins."""

import math
from dataclasses import dataclass


@dataclass(frozen=True)
class SolverUnit:
    key: int
    # Troops the optimiser may count on; 0 when the registry does not know.
    strength: int
    capabilities: frozenset[str]


@dataclass(frozen=True)
class SolverTask:
    key: int
    strength: int
    capabilities: tuple[str, ...]
    # Priority weight: higher counts more (see tasks.priority_weight).
    weight: int
    # Seconds since the epoch; -inf / inf for a task that runs continuously.
    start: float = -math.inf
    end: float = math.inf


@dataclass
class Problem:
    units: list[SolverUnit]
    tasks: list[SolverTask]
    # The pairs the rules allow, with the travel from the unit's camp to the task in km.
    travel_km: dict[tuple[int, int], float]
    current: frozenset[tuple[int, int]] = frozenset()
    pinned: frozenset[tuple[int, int]] = frozenset()


def overlaps(first: SolverTask, second: SolverTask) -> bool:
    return first.start < second.end and second.start < first.end
