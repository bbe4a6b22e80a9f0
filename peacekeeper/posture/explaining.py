"""Why a requirement is unmet: which units were eligible, and what kept the others off the task.

`explain` stores, for every task of the run, its requirement (strength, capabilities, priority) and how
each unit not assigned to it stood (eligible and busy with which tasks, blocked and why, without the
capabilities), by unit, task and caveat ids. `render` then decides per reader what is unmet: the shortfall
and the missing capabilities are recomputed from the assignments that reader may see, so a unit or task
the reader may not see is never counted, named or stood in for ("... not released to you").
"""

from peacekeeper.forces.capabilities import Capability
from peacekeeper.posture.eligibility import HIDDEN_CAVEAT, Eligibility, TaskSpec, UnitFacts, blockers
from peacekeeper.posture.optimiser import Solution
from peacekeeper.posture.problem import overlaps


def explain(
    eligibility: Eligibility, solution: Solution, units: list[UnitFacts], tasks: list[TaskSpec]
) -> list:
    solver_tasks = {task.key: task for task in eligibility.problem.tasks}
    used_on: dict[int, list[int]] = {}
    for unit_key, task_key in solution.assignments:
        used_on.setdefault(unit_key, []).append(task_key)
    explanations = []
    for task in tasks:
        eligible, blocked, unrelated = [], [], []
        for unit in units:
            if task.key in used_on.get(unit.key, []):
                continue
            if (unit.key, task.key) in eligibility.problem.travel_km:
                busy = [
                    other
                    for other in used_on.get(unit.key, [])
                    if overlaps(solver_tasks[other], solver_tasks[task.key])
                ]
                eligible.append({"unit": unit.key, "busy_with": busy, "strength_unknown": not unit.strength})
                continue
            reasons = eligibility.blocked.get((unit.key, task.key)) or blockers(unit, task)
            if any(reason.kind == "capability" for reason in reasons):
                unrelated.append(unit.key)
            else:
                blocked.append({"unit": unit.key, "reasons": [[r.kind, r.text, r.caveat] for r in reasons]})
        explanations.append(
            {
                "task": task.key,
                "priority": task.priority,
                "strength": task.strength,
                "capabilities": list(task.capabilities),
                # As the run's planner saw it; a reader's figures are recomputed in render.
                "shortfall": solution.shortfall.get(task.key, 0),
                "missing": solution.missing.get(task.key, []),
                "eligible": eligible,
                "blocked": blocked,
                "without_capability": unrelated,
            }
        )
    return explanations


def _units(count: int) -> str:
    return "1 other unit" if count == 1 else f"{count} other units"


def _capability(code: str) -> str:
    return Capability(code).label if code in Capability.values else code


def _readable(reasons: list, caveats: set[int]) -> list[str]:
    """The reasons a reader may read. A caveat the reader may not read is left out, not cited as "a caveat
    not released to you": such a citation says more than "this nation has some caveat" (that a hidden
    record exists, perhaps on this very unit, and that it refuses this task, which is part of its
    content), so it is a placeholder like any other. The caveat is still applied by the optimiser."""
    return [
        text
        for kind, text, caveat in reasons
        if kind != "caveat" or (caveat in caveats and text != HIDDEN_CAVEAT)
    ]


def render(
    explanations: list,
    *,
    unit_names: dict[int, str],
    unit_capabilities: dict[int, frozenset[str]],
    tasks: dict,
    assigned: dict[int, list[tuple[int, frozenset[str]]]],
    caveats: set[int],
    strength_changes: dict[int, int] | None = None,
) -> list:
    """The unmet requirements as one reader sees them.

    unit_names / unit_capabilities: the units the reader may see; tasks: the Task records the reader may
    see, by id; assigned: task id -> (troops, capabilities) of the reader-visible units assigned to it in
    this run. strength_changes only serves runs stored before requirements were stored with them.
    """
    priorities = {item["task"]: item.get("priority") for item in explanations}
    rendered = []
    for item in explanations:
        task = tasks.get(item["task"])
        if task is None:
            continue
        strength = item.get("strength", (strength_changes or {}).get(task.pk, task.strength))
        required = item.get("capabilities", task.capabilities)
        priority = item.get("priority", task.priority)
        given = assigned.get(task.pk, [])
        held = set().union(*(caps for _, caps in given)) if given else set()
        shortfall = max(0, strength - sum(troops for troops, _ in given))
        missing = [code for code in required if code not in held]
        if not shortfall and not missing:
            continue

        # With the strength met, only a unit bringing a missing capability could have helped.
        helping = {key for key, caps in unit_capabilities.items() if shortfall or set(missing) & caps}

        lines, lacking = [], 0
        seen = {key for key in item.get("without_capability", []) if key in unit_names}
        for entry in item.get("eligible", []):
            key = entry["unit"]
            if key not in unit_names:
                continue
            seen.add(key)
            if key not in helping:
                lacking += 1
                continue
            busy = [other for other in entry["busy_with"] if other in tasks]
            if busy:
                higher = any((priorities.get(o) or tasks[o].priority) < priority for o in busy)
                which = "a higher-priority task" if higher else "another task at the same time"
                names = ", ".join(tasks[o].name for o in busy)
                lines.append(f"{unit_names[key]}: eligible, already used by {which} ({names}).")
            elif entry["strength_unknown"]:
                lines.append(
                    f"{unit_names[key]}: eligible, but its strength is unknown, so it cannot be counted on."
                )
            else:
                lines.append(f"{unit_names[key]}: eligible, not assigned in this run.")
        for entry in item.get("blocked", []):
            key = entry["unit"]
            if key not in unit_names:
                continue
            seen.add(key)
            if key not in helping:
                lacking += 1
                continue
            reasons = _readable(entry["reasons"], caveats)
            if reasons:
                lines.append(f"{unit_names[key]}: blocked by {'; '.join(reasons)}.")
        # Runs stored before every unit was classified kept only a count of those that could not help.
        for key in item.get("lacking_missing", []):
            if key in unit_names and key not in helping:
                seen.add(key)
                lacking += 1
        absent = [code for code in missing if not any(code in unit_capabilities[key] for key in seen)]
        lines[:0] = [f"No unit you can task has {_capability(code).lower()}." for code in absent]
        others = sum(1 for key in item.get("without_capability", []) if key in unit_names and key in helping)
        lacking += sum(
            1 for key in item.get("without_capability", []) if key in unit_names and key not in helping
        )
        if others:
            lines.append(f"{_units(others)} have none of the required capabilities.")
        if lacking:
            wanted = " or ".join(_capability(code).lower() for code in missing)
            lines.append(f"{_units(lacking)} could not have helped: none has {wanted}.")
        if not lines:
            lines.append("No unit you can task could take it.")
        rendered.append(
            {
                "task": task.pk,
                "task_name": task.name,
                "shortfall": shortfall,
                "missing": [_capability(code) for code in missing],
                "lines": lines,
            }
        )
    return rendered
