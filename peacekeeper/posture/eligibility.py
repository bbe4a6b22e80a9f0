"""Which unit may take which task, and why not: the hard rules settled before the optimiser runs.

Free of Django, so that the benchmark and the property tests use exactly what the application uses.
A unit may take a task when it holds at least one of the task's capabilities (any unit, for a task that
names none), none of its caveats or its nation's refuses the task (forces.caveats.refusal), its notice
to move is known and no longer than the notice the task gives, and its position is known (travel is part
of the objective). Caveats the planner may not read are applied all the same, and cited without content.
"""

import math
from dataclasses import dataclass, field
from datetime import datetime

from peacekeeper.forces.caveats import TaskFacts, refusal
from peacekeeper.posture.problem import Problem, SolverTask, SolverUnit
from peacekeeper.theatre.distances import km_between

HIDDEN_CAVEAT = "a caveat not released to you"


def priority_weight(priority: int) -> int:
    """Priority 1 is the most important; each step up doubles the weight of an unmet requirement."""
    return 2 ** (5 - priority)


@dataclass(frozen=True)
class CaveatRule:
    key: int | None
    kind: str
    params: dict
    # Whether the planner may read the caveat: a hidden one is applied and cited as HIDDEN_CAVEAT.
    visible: bool = True


@dataclass(frozen=True)
class UnitFacts:
    key: int
    name: str
    strength: int | None
    capabilities: frozenset[str]
    readiness_hours: int | None
    lat: float | None
    lon: float | None
    # The unit's own caveats and its nation's.
    caveats: tuple[CaveatRule, ...] = ()


@dataclass(frozen=True)
class TaskSpec:
    key: int
    name: str
    priority: int
    strength: int
    capabilities: tuple[str, ...]
    notice_hours: int
    municipalities: frozenset[str]
    lat: float | None
    lon: float | None
    start: datetime | None = None
    end: datetime | None = None

    @property
    def facts(self) -> TaskFacts:
        return TaskFacts(
            capabilities=frozenset(self.capabilities),
            municipalities=self.municipalities,
            window_start=self.start,
            window_end=self.end,
            notice_hours=self.notice_hours,
        )

    def solver_task(self) -> SolverTask:
        return SolverTask(
            key=self.key,
            strength=self.strength,
            capabilities=self.capabilities,
            weight=priority_weight(self.priority),
            start=self.start.timestamp() if self.start else -math.inf,
            end=self.end.timestamp() if self.end else math.inf,
        )


@dataclass(frozen=True)
class Blocker:
    """Why a unit may not take a task: kind is caveat, capability, readiness or position."""

    kind: str
    text: str
    caveat: int | None = None


@dataclass
class _RefusalCache:
    """Many units share a nation's caveats: each (task, rule) is judged once."""

    facts: dict[int, TaskFacts] = field(default_factory=dict)
    verdicts: dict[tuple, str | None] = field(default_factory=dict)

    def reason(self, rule: CaveatRule, task: TaskSpec) -> str | None:
        key = (task.key, rule.kind, tuple(sorted(rule.params.items())))
        if key not in self.verdicts:
            if task.key not in self.facts:
                self.facts[task.key] = task.facts
            self.verdicts[key] = refusal(rule.kind, rule.params, self.facts[task.key])
        return self.verdicts[key]


def blockers(unit: UnitFacts, task: TaskSpec, cache: _RefusalCache | None = None) -> list[Blocker]:
    """Every rule that keeps the unit off the task ([] when it may take it)."""
    cache = cache or _RefusalCache()
    found = []
    if task.capabilities and not unit.capabilities & set(task.capabilities):
        found.append(Blocker("capability", "has none of the required capabilities"))
    for rule in unit.caveats:
        if cache.reason(rule, task) is not None:
            text = cache.reason(rule, task) if rule.visible else HIDDEN_CAVEAT
            found.append(Blocker("caveat", text, rule.key))
    if unit.readiness_hours is None:
        found.append(Blocker("readiness", "notice to move unknown"))
    elif unit.readiness_hours > task.notice_hours:
        found.append(
            Blocker("readiness", f"notice to move {unit.readiness_hours} h, task gives {task.notice_hours} h")
        )
    if unit.lat is None or task.lat is None:
        found.append(Blocker("position", "no known position" if unit.lat is None else "task has no position"))
    return found


@dataclass
class Eligibility:
    problem: Problem
    # (unit key, task key) -> what blocks the pair; pairs absent here and from problem.travel_km are
    # units with none of the task's capabilities (counted, not listed).
    blocked: dict[tuple[int, int], list[Blocker]]


def build_problem(
    units: list[UnitFacts],
    tasks: list[TaskSpec],
    *,
    current: frozenset[tuple[int, int]] = frozenset(),
    pinned: frozenset[tuple[int, int]] = frozenset(),
) -> Eligibility:
    cache = _RefusalCache()
    travel: dict[tuple[int, int], float] = {}
    blocked: dict[tuple[int, int], list[Blocker]] = {}
    for task in tasks:
        allowed = []
        for unit in units:
            reasons = blockers(unit, task, cache)
            if not reasons:
                allowed.append(unit)
            else:
                blocked[(unit.key, task.key)] = reasons
        if allowed and task.lat is not None and task.lon is not None:
            # Straight-line km from each camp: a planning figure, not a road distance.
            distances = km_between([u.lat for u in allowed], [u.lon for u in allowed], task.lat, task.lon)
            for unit, km in zip(allowed, distances.tolist(), strict=True):
                travel[(unit.key, task.key)] = km
    problem = Problem(
        units=[SolverUnit(u.key, u.strength or 0, u.capabilities) for u in units],
        tasks=[task.solver_task() for task in tasks],
        travel_km=travel,
        current=current,
        pinned=pinned,
    )
    return Eligibility(problem=problem, blocked=blocked)
