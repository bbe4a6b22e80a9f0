"""A greedy allocation, handed to the solver as its first incumbent.

Tasks in order of weight (most important first): first the nearest free unit for each missing
capability, then the nearest free units until the strength is met. "Free" means not already on a task
whose window overlaps. It respects every rule the model has (pins first), so it is always feasible; the
solver only has to improve on it, and when the greedy meets every requirement the first stage ends at once.
"""

from peacekeeper.posture.problem import Problem, SolverTask, overlaps


def greedy_allocation(problem: Problem) -> set[tuple[int, int]]:
    tasks = {task.key: task for task in problem.tasks}
    units = {unit.key: unit for unit in problem.units}
    candidates: dict[int, list[tuple[float, int]]] = {}
    for (unit_key, task_key), km in problem.travel_km.items():
        candidates.setdefault(task_key, []).append((km, unit_key))
    for ranked in candidates.values():
        ranked.sort()
    busy: dict[int, list[SolverTask]] = {}
    chosen: set[tuple[int, int]] = set()

    def take(unit_key: int, task: SolverTask) -> bool:
        if (unit_key, task.key) in chosen or any(overlaps(task, other) for other in busy.get(unit_key, [])):
            return False
        chosen.add((unit_key, task.key))
        busy.setdefault(unit_key, []).append(task)
        return True

    for unit_key, task_key in sorted(problem.pinned):
        if (unit_key, task_key) in problem.travel_km:
            take(unit_key, tasks[task_key])
    for task in sorted(problem.tasks, key=lambda t: (-t.weight, t.key)):
        ranked = candidates.get(task.key, [])
        held = set().union(*(units[u].capabilities for u, t in chosen if t == task.key))
        for capability in task.capabilities:
            if capability in held:
                continue
            for _, unit_key in ranked:
                if capability in units[unit_key].capabilities and take(unit_key, task):
                    held |= units[unit_key].capabilities
                    break
        given = sum(units[u].strength for u, t in chosen if t == task.key)
        for _, unit_key in ranked:
            if given >= task.strength:
                break
            if units[unit_key].strength and take(unit_key, task):
                given += units[unit_key].strength
    return chosen
