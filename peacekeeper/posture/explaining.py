"""Why a requirement is unmet: which units were eligible, and what kept the others off the task.

Stored by unit and caveat ids (`explain`), rendered per reader (`render`): a unit the reader may not see
is left out, and a caveat the reader may not read is cited as "a caveat not released to you".
"""

from peacekeeper.forces.capabilities import Capability
from peacekeeper.posture.eligibility import HIDDEN_CAVEAT, Eligibility, TaskSpec, UnitFacts, blockers
from peacekeeper.posture.optimiser import Solution
from peacekeeper.posture.problem import overlaps


def explain(
    eligibility: Eligibility, solution: Solution, units: list[UnitFacts], tasks: list[TaskSpec]
) -> list:
    solver_tasks = {task.key: task for task in eligibility.problem.tasks}
    priorities = {task.key: task.priority for task in tasks}
    used_on: dict[int, list[int]] = {}
    for unit_key, task_key in solution.assignments:
        used_on.setdefault(unit_key, []).append(task_key)
    explanations = []
    for task in tasks:
        shortfall = solution.shortfall.get(task.key, 0)
        missing = solution.missing.get(task.key, [])
        if not shortfall and not missing:
            continue
        eligible, blocked = [], []
        unrelated, lacking = [], []
        for unit in units:
            pair = (unit.key, task.key)
            if task.key in used_on.get(unit.key, []):
                continue
            # With the strength met, only a unit bringing a missing capability could have helped.
            if not shortfall and not set(missing) & set(unit.capabilities):
                lacking.append(unit.key)
                continue
            if pair in eligibility.problem.travel_km:
                busy = [
                    other
                    for other in used_on.get(unit.key, [])
                    if overlaps(solver_tasks[other], solver_tasks[task.key])
                ]
                eligible.append(
                    {
                        "unit": unit.key,
                        "busy_with": busy,
                        "higher_priority": any(priorities[o] < task.priority for o in busy),
                        "strength_unknown": not unit.strength,
                    }
                )
            else:
                reasons = blockers(unit, task)
                if any(reason.kind == "capability" for reason in reasons):
                    unrelated.append(unit.key)
                    continue
                blocked.append({"unit": unit.key, "reasons": [[r.kind, r.text, r.caveat] for r in reasons]})
        absent = [c for c in missing if not any(c in unit.capabilities for unit in units)]
        explanations.append(
            {
                "task": task.key,
                "shortfall": shortfall,
                "missing": missing,
                "no_unit_with": absent,
                "eligible": eligible,
                "blocked": blocked,
                "without_capability": unrelated,
                "lacking_missing": lacking,
            }
        )
    return explanations


def _units(count: int) -> str:
    return "1 other unit" if count == 1 else f"{count} other units"


def _capability(code: str) -> str:
    return Capability(code).label if code in Capability.values else code


def render(
    explanations: list, *, unit_names: dict[int, str], task_names: dict[int, str], caveats: set[int]
) -> list:
    """Explanations in words for one reader: names only for what they may see."""
    rendered = []
    for item in explanations:
        if item["task"] not in task_names:
            continue
        lines = []
        for code in item["no_unit_with"]:
            lines.append(f"No unit you can task has {_capability(code).lower()}.")
        for entry in item["eligible"]:
            if entry["unit"] not in unit_names:
                continue
            name = unit_names[entry["unit"]]
            busy = [task_names.get(key, "a task not released to you") for key in entry["busy_with"]]
            if busy:
                which = (
                    "a higher-priority task" if entry["higher_priority"] else "another task at the same time"
                )
                lines.append(f"{name}: eligible, already used by {which} ({', '.join(busy)}).")
            elif entry["strength_unknown"]:
                lines.append(f"{name}: eligible, but its strength is unknown, so it cannot be counted on.")
            else:
                lines.append(f"{name}: eligible, not assigned (the solver stopped at its time limit or gap).")
        for entry in item["blocked"]:
            if entry["unit"] not in unit_names:
                continue
            reasons = [
                text if kind != "caveat" or caveat in caveats else HIDDEN_CAVEAT
                for kind, text, caveat in entry["reasons"]
            ]
            lines.append(f"{unit_names[entry['unit']]}: blocked by {'; '.join(reasons)}.")
        others = sum(1 for key in item["without_capability"] if key in unit_names)
        if others:
            lines.append(f"{_units(others)} have none of the required capabilities.")
        lacking = sum(1 for key in item.get("lacking_missing", []) if key in unit_names)
        if lacking:
            wanted = " or ".join(_capability(code).lower() for code in item["missing"])
            lines.append(f"{_units(lacking)} could not have helped: none has {wanted}.")
        if not lines:
            lines.append("No unit you can task could take it.")
        rendered.append(
            {
                "task": item["task"],
                "task_name": task_names[item["task"]],
                "shortfall": item["shortfall"],
                "missing": [_capability(code) for code in item["missing"]],
                "lines": lines,
            }
        )
    return rendered
