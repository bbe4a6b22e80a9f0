"""Why an option's allocation differs from the current posture's, in sentences derived from the two runs'
assignments as one reader sees them (both views are already per reader: a unit or task the reader may
not see is in neither, so it is never counted or named).

"Troops committed" counts each committed unit's whole strength, and the optimiser fills requirements
before it saves travel: so an option that shrinks the force can commit more troops, when a unit that
alone covered a task no longer does and a second unit joins it. These sentences say so, task by task.
"""

from dataclasses import dataclass, field

from peacekeeper.posture.metrics import AllocationView


@dataclass
class _Side:
    troops: dict[int, int] = field(default_factory=dict)  # unit id -> troops counted in the run
    units_on: dict[int, set[int]] = field(default_factory=dict)  # task id -> unit ids
    tasks_of: dict[int, list[str]] = field(default_factory=dict)  # unit id -> task names
    travel: dict[tuple[int, int], float | None] = field(default_factory=dict)


def _side(view: AllocationView) -> _Side:
    side = _Side()
    for row in view.rows:
        unit, task = row["unit"], row["task"]
        side.troops[unit.pk] = row["troops"] or 0
        side.units_on.setdefault(task.pk, set()).add(unit.pk)
        side.tasks_of.setdefault(unit.pk, []).append(task.name)
        side.travel[(unit.pk, task.pk)] = row["travel_km"]
    return side


def _names(names: list[str]) -> str:
    return names[0] if len(names) == 1 else ", ".join(names[:-1]) + " and " + names[-1]


def _troops(count: int, more: str = "") -> str:
    """'1 troop', '13 more troops'."""
    words = f"{count} {more} troop" if more else f"{count} troop"
    return words if count == 1 else words + "s"


def _needs(view: AllocationView) -> dict[int, int]:
    """The strength each task needs in this run (an option may have changed it)."""
    changes = view.allocation.option.changes if view.allocation.option_id else []
    return {c["task"]: c["strength"] for c in changes if c.get("kind") == "set_task_strength"}


def explain_differences(base: AllocationView, option: AllocationView) -> list[str]:
    """What the option's run does differently from the current posture's, and why, in sentences."""
    before, after = _side(base), _side(option)
    units = {row["unit"].pk: row["unit"] for row in [*base.rows, *option.rows]}
    tasks = {row["task"].pk: row["task"] for row in [*base.rows, *option.rows]}
    needs = _needs(option)

    troops = option.troops - base.troops
    travel = round(option.travel_km - base.travel_km, 1)
    if troops == 0 and travel == 0 and before.units_on == after.units_on:
        return ["The same units on the same tasks as the current posture."]
    lines = [
        (
            f"Commits {_troops(abs(troops), 'more' if troops > 0 else 'fewer')}"
            if troops
            else "Commits as many troops"
        )
        + f" than the current posture ({option.troops} against {base.troops})"
        + (f", with {abs(travel):g} km {'more' if travel > 0 else 'less'} travel." if travel else ".")
    ]
    kept = sorted(set(before.troops) & set(after.troops))
    resized = sum(after.troops[key] - before.troops[key] for key in kept)
    if resized:
        both = (
            "The one unit committed in both counts"
            if len(kept) == 1
            else f"The {len(kept)} units committed in both count"
        )
        lines.append(
            f"{both} {_troops(abs(resized), 'fewer' if resized < 0 else 'more')}, at this option's strengths."
        )
    for keys, verb, sign in (
        (sorted(set(after.troops) - set(before.troops)), "Newly committed", "+"),
        (sorted(set(before.troops) - set(after.troops)), "No longer committed", "−"),
    ):
        if keys:
            side = after if sign == "+" else before
            total = sum(side.troops[key] for key in keys)
            named = _names([f"{units[key]} ({side.troops[key]})" for key in keys])
            lines.append(f"{verb}: {named}, {sign}{_troops(total)}.")
    short_before = {item["task"] for item in base.unmet}
    short_after = {item["task"] for item in option.unmet}
    names_of = {item["task"]: item["task_name"] for item in [*base.unmet, *option.unmet]}
    if filled := sorted(names_of[key] for key in short_before - short_after):
        lines.append(f"Meets what the current posture leaves unmet: {_names(filled)}.")
    if left := sorted(names_of[key] for key in short_after - short_before):
        lines.append(f"Leaves unmet what the current posture meets: {_names(left)}.")

    for task in sorted(tasks.values(), key=lambda t: (t.priority, t.name)):
        was, now = before.units_on.get(task.pk, set()), after.units_on.get(task.pk, set())
        if was == now:
            continue
        need = needs.get(task.pk, task.strength)
        parts = []
        for key in sorted(now - was, key=lambda k: str(units[k])):
            km = after.travel[(key, task.pk)]
            where = f", {km:g} km from its camp" if km is not None else ""
            came = (
                f"; on {_names(before.tasks_of[key])} in the current posture"
                if key in before.tasks_of
                else "; not committed in the current posture"
            )
            parts.append(f"adds {units[key]} ({_troops(after.troops[key])}{where}{came})")
        for key in sorted(was - now, key=lambda k: str(units[k])):
            goes = f"now on {_names(after.tasks_of[key])}" if key in after.tasks_of else "no longer committed"
            parts.append(f"drops {units[key]} ({goes})")
        sentence = f"{task.name} (needs {need}): " + "; ".join(parts)
        # Why: the units that held the task before, at this option's strengths, no longer cover it.
        held = sorted(was, key=lambda k: str(units[k]))
        if held and all(key in after.troops for key in held):
            brought = sum(after.troops[key] for key in held)
            if brought < need:
                verb = "brings" if len(held) == 1 else "bring"
                who = _names([str(units[key]) for key in held])
                sentence += f", because {who} {verb} only {brought} of the {need} in this option"
        lines.append(sentence + ".")
    return lines
