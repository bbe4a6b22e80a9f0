"""The allocation optimiser: a mixed-integer programme on HiGHS (highspy), free of Django.

Variables: x[u,t] = 1 when unit u is assigned to task t (only for pairs the eligibility rules allow:
capability, caveats, readiness and position are settled before the model is built); s[t] >= 0, the
troops task t still lacks; m[t,c] in [0, 1], whether task t lacks required capability c.

Constraints:
- strength: sum(strength_u * x[u,t]) + s[t] >= required strength of t;
- capability: sum(x[u,t] for units holding c) + m[t,c] >= 1;
- time: a unit is on at most one task at any moment. Task windows are intervals, so the tasks running at
  one moment form a clique of the interval graph; every maximal clique lies at some task's start, hence
  one row per (unit, start of an eligible task) covers them all;
- pins: x[u,t] fixed to 1.

Objectives, lexicographic, by SEQUENTIAL SOLVES (not weights): weights safe enough to separate three
levels would span about twelve orders of magnitude, which MILP tolerances do not respect, and a 1 % gap
on a weighted sum would let a worse first level through. Each stage keeps the earlier stages' values
as constraints (no worse than the incumbent found) and starts from the previous stage's solution:
1. unmet requirement, priority-weighted: weight_t * (s[t] + MISSING_CAPABILITY_TROOPS * sum m[t,c]);
2. travel: km from camp to task, at least MIN_TRAVEL_KM per assignment so that no unit is tasked
   for nothing (a unit in its own camp's task would otherwise cost nothing at levels 1 and 2);
3. changes from the current allocation: assignments dropped plus assignments added.
The first stage starts from a greedy allocation (greedy.py), which often ends it at once.
"""

import math
import time
from collections import defaultdict
from dataclasses import dataclass, field

import highspy
import numpy as np

from peacekeeper.posture.greedy import greedy_allocation
from peacekeeper.posture.problem import Problem, SolverTask

# A missing capability weighs as much as this many missing troops (an assumption of the model: a task
# without its engineers or its crowd-and-riot-control element fails, whatever its headcount).
MISSING_CAPABILITY_TROOPS = 50
MIN_TRAVEL_KM = 1.0
DEFAULT_MIP_GAP = 0.01
DEFAULT_TIME_LIMIT_S = 30.0


@dataclass
class StageResult:
    name: str
    status: str
    objective: float
    bound: float
    gap: float
    seconds: float


@dataclass
class Solution:
    status: str
    assignments: list[tuple[int, int]]
    shortfall: dict[int, int]
    missing: dict[int, list[str]]
    unmet: float
    travel_km: float
    changes: int
    gap: float
    seconds: float
    stages: list[StageResult] = field(default_factory=list)


class InfeasibleModel(ValueError):
    """No allocation satisfies the hard rules (in practice: pins that collide)."""


@dataclass
class _Model:
    pairs: list[tuple[int, int]]
    n_columns: int
    unmet_costs: np.ndarray
    travel_costs: np.ndarray
    change_costs: np.ndarray
    change_constant: float
    shortfall_column: dict[int, int]
    missing_columns: dict[tuple[int, str], int]


def _build(highs: highspy.Highs, problem: Problem) -> _Model:
    tasks = {task.key: task for task in problem.tasks}
    units = {unit.key: unit for unit in problem.units}
    pairs = sorted(problem.travel_km)
    shortfall_column: dict[int, int] = {}
    missing_columns: dict[tuple[int, str], int] = {}
    column = len(pairs)
    for task in problem.tasks:
        if task.strength > 0:
            shortfall_column[task.key] = column
            column += 1
        for capability in task.capabilities:
            missing_columns[(task.key, capability)] = column
            column += 1
    n = column
    lower = np.zeros(n)
    upper = np.ones(n)
    for key, index in shortfall_column.items():
        upper[index] = tasks[key].strength
    for pair_index, pair in enumerate(pairs):
        if pair in problem.pinned:
            lower[pair_index] = 1.0
    highs.addCols(n, np.zeros(n), lower, upper, 0, np.zeros(n + 1, np.int32), np.zeros(0, np.int32), [])
    highs.changeColsIntegrality(
        len(pairs), np.arange(len(pairs), dtype=np.int32), np.ones(len(pairs), np.uint8)
    )

    rows_lower, rows_upper, starts, indices, values = [], [], [0], [], []

    def add_row(low: float, high: float, entries: list[tuple[int, float]]) -> None:
        rows_lower.append(low)
        rows_upper.append(high)
        for index, value in entries:
            indices.append(index)
            values.append(value)
        starts.append(len(indices))

    by_task: dict[int, list[int]] = defaultdict(list)
    by_unit: dict[int, list[int]] = defaultdict(list)
    for pair_index, (unit_key, task_key) in enumerate(pairs):
        by_task[task_key].append(pair_index)
        by_unit[unit_key].append(pair_index)
    for task in problem.tasks:
        candidates = by_task[task.key]
        if task.key in shortfall_column:
            entries = [
                (i, float(units[pairs[i][0]].strength)) for i in candidates if units[pairs[i][0]].strength
            ]
            add_row(task.strength, math.inf, [*entries, (shortfall_column[task.key], 1.0)])
        for capability in task.capabilities:
            holders = [(i, 1.0) for i in candidates if capability in units[pairs[i][0]].capabilities]
            add_row(1.0, math.inf, [*holders, (missing_columns[(task.key, capability)], 1.0)])
    for unit_pairs in by_unit.values():
        if len(unit_pairs) < 2:
            continue
        for clique in _maximal_cliques([(tasks[pairs[i][1]], i) for i in unit_pairs]):
            add_row(-math.inf, 1.0, [(j, 1.0) for j in clique])
    if rows_lower:
        highs.addRows(
            len(rows_lower),
            np.array(rows_lower),
            np.array(rows_upper),
            len(indices),
            np.array(starts[:-1], np.int32),
            np.array(indices, np.int32),
            np.array(values),
        )

    unmet_costs = np.zeros(n)
    for key, index in shortfall_column.items():
        unmet_costs[index] = tasks[key].weight
    for (key, _), index in missing_columns.items():
        unmet_costs[index] = tasks[key].weight * MISSING_CAPABILITY_TROOPS
    travel_costs = np.zeros(n)
    change_costs = np.zeros(n)
    for pair_index, pair in enumerate(pairs):
        travel_costs[pair_index] = max(MIN_TRAVEL_KM, problem.travel_km[pair])
        change_costs[pair_index] = -1.0 if pair in problem.current else 1.0
    change_constant = float(sum(1 for pair in problem.current if pair in problem.travel_km))
    return _Model(
        pairs, n, unmet_costs, travel_costs, change_costs, change_constant, shortfall_column, missing_columns
    )


def _maximal_cliques(intervals: list[tuple[SolverTask, int]]) -> list[list[int]]:
    """The maximal sets of overlapping windows, by a sweep: a set is maximal when an end follows a start.

    Windows are half-open, so at equal times ends come before starts (back-to-back tasks do not clash).
    """
    events = []
    for task, index in intervals:
        events.append((task.start, 1, index))
        events.append((task.end, 0, index))
    events.sort()
    active: set[int] = set()
    cliques = []
    last_was_start = False
    for _, is_start, index in events:
        if is_start:
            active.add(index)
        else:
            if last_was_start and len(active) > 1:
                cliques.append(sorted(active))
            active.discard(index)
        last_was_start = bool(is_start)
    return cliques


_STATUS_WORDS = {
    highspy.HighsModelStatus.kOptimal: "optimal",
    highspy.HighsModelStatus.kTimeLimit: "time limit",
    highspy.HighsModelStatus.kInfeasible: "infeasible",
}


def _stage(
    highs: highspy.Highs,
    name: str,
    costs: np.ndarray,
    start: np.ndarray | None,
    time_left: float,
    mip_gap: float,
) -> StageResult:
    everything = np.arange(len(costs), dtype=np.int32)
    highs.changeColsCost(len(costs), everything, costs)
    if start is not None:
        # After the model changes: HiGHS forgets a solution given before a change.
        highs.setSolution(len(start), everything, start)
    highs.setOptionValue("time_limit", max(0.5, time_left))
    highs.setOptionValue("mip_rel_gap", mip_gap)
    began = time.perf_counter()
    highs.run()
    seconds = time.perf_counter() - began
    status = highs.getModelStatus()
    info = highs.getInfo()
    word = _STATUS_WORDS.get(status, highs.modelStatusToString(status).lower())
    if info.primal_solution_status != 2:  # no feasible solution found
        return StageResult(name, word, math.nan, math.nan, math.inf, seconds)
    objective = info.objective_function_value
    bound = info.mip_dual_bound
    gap = 0.0 if abs(objective - bound) < 1e-6 else abs(objective - bound) / max(abs(objective), 1e-9)
    if word == "optimal" and gap > 1e-9:
        word = f"within {mip_gap:.1%} gap"
    return StageResult(name, word, objective, bound, gap, seconds)


def solve(
    problem: Problem, *, time_limit: float = DEFAULT_TIME_LIMIT_S, mip_gap: float = DEFAULT_MIP_GAP
) -> Solution:
    """The lexicographically best allocation found within the time limit and gap (see the module doc)."""
    began = time.perf_counter()
    highs = highspy.Highs()
    highs.setOptionValue("output_flag", False)
    highs.setOptionValue("threads", 1)
    model = _build(highs, problem)
    if model.n_columns == 0:
        return Solution("optimal", [], {}, {}, 0.0, 0.0, 0, 0.0, time.perf_counter() - began)
    stages = []
    start = _start_values(problem, model)
    for name, costs, constant in (
        ("unmet", model.unmet_costs, 0.0),
        ("travel", model.travel_costs, 0.0),
        ("changes", model.change_costs, model.change_constant),
    ):
        result = _stage(highs, name, costs, start, time_limit - (time.perf_counter() - began), mip_gap)
        if math.isnan(result.objective):
            if not stages:
                raise InfeasibleModel(f"no allocation satisfies the rules ({result.status})")
            break
        result.objective += constant
        result.bound += constant
        stages.append(result)
        solution = np.array(highs.getSolution().col_value)
        # Keep this level at least as good as found; a small tolerance absorbs floating-point noise.
        used = np.flatnonzero(costs).astype(np.int32)
        if name == "unmet" and result.objective < 0.5:
            # Nothing unmet: with non-negative costs, fixing those columns at 0 says exactly the same
            # as "unmet <= 0" and leaves the next stages a smaller model.
            highs.changeColsBounds(len(used), used, np.zeros(len(used)), np.zeros(len(used)))
        else:
            tolerance = 1e-6 * max(1.0, abs(result.objective - constant))
            highs.addRow(-math.inf, result.objective - constant + tolerance, len(used), used, costs[used])
        start = solution
        if time.perf_counter() - began >= time_limit:
            break
    values = solution
    return _solution(problem, model, values, stages, time.perf_counter() - began)


def _start_values(problem: Problem, model: _Model) -> np.ndarray | None:
    """The greedy allocation as a full column vector (x, then shortfalls and missing flags)."""
    chosen = greedy_allocation(problem)
    if not chosen:
        return None
    values = np.zeros(model.n_columns)
    index = {pair: i for i, pair in enumerate(model.pairs)}
    for pair in chosen:
        values[index[pair]] = 1.0
    strengths = {unit.key: unit.strength for unit in problem.units}
    held: dict[int, set[str]] = defaultdict(set)
    given: dict[int, int] = defaultdict(int)
    capabilities = {unit.key: unit.capabilities for unit in problem.units}
    for unit_key, task_key in chosen:
        given[task_key] += strengths[unit_key]
        held[task_key] |= capabilities[unit_key]
    for task in problem.tasks:
        if task.key in model.shortfall_column:
            values[model.shortfall_column[task.key]] = max(0, task.strength - given[task.key])
        for capability in task.capabilities:
            values[model.missing_columns[(task.key, capability)]] = (
                0.0 if capability in held[task.key] else 1.0
            )
    return values


def _solution(
    problem: Problem, model: _Model, values: np.ndarray, stages: list[StageResult], seconds: float
) -> Solution:
    chosen = [pair for index, pair in enumerate(model.pairs) if values[index] > 0.5]
    tasks = {task.key: task for task in problem.tasks}
    units = {unit.key: unit for unit in problem.units}
    given: dict[int, int] = defaultdict(int)
    held: dict[int, set[str]] = defaultdict(set)
    for unit_key, task_key in chosen:
        given[task_key] += units[unit_key].strength
        held[task_key] |= units[unit_key].capabilities
    shortfall = {key: task.strength - given[key] for key, task in tasks.items() if task.strength > given[key]}
    missing = {
        key: [c for c in task.capabilities if c not in held[key]]
        for key, task in tasks.items()
        if any(c not in held[key] for c in task.capabilities)
    }
    unmet = sum(
        tasks[key].weight * (shortfall.get(key, 0) + MISSING_CAPABILITY_TROOPS * len(missing.get(key, [])))
        for key in tasks
    )
    travel = sum(max(MIN_TRAVEL_KM, problem.travel_km[pair]) for pair in chosen)
    chosen_set = set(chosen)
    changes = len(chosen_set ^ set(problem.current))
    words = {stage.status for stage in stages}
    status = "optimal" if words == {"optimal"} else ", ".join(f"{s.name}: {s.status}" for s in stages)
    if len(stages) < 3:
        status += f" (stopped after {stages[-1].name if stages else 'nothing'}: time limit)"
    return Solution(
        status=status,
        assignments=chosen,
        shortfall=shortfall,
        missing=missing,
        unmet=float(unmet),
        travel_km=travel,
        changes=changes,
        gap=max((stage.gap for stage in stages), default=math.inf),
        seconds=seconds,
        stages=stages,
    )
