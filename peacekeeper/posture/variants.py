"""Posture options as changes to the task list and the force, applied to the optimiser's inputs.

Kinds of change (a list of {"kind": ..., ...} on PostureOption.changes):
- `unfix_task` {"task": id}: the task is no longer manned (e.g. a static guard handed to the police);
- `set_task_strength` {"task": id, "strength": n}: a task needs more or fewer troops (e.g. a surge);
- `move_unit` {"unit": id, "camp": site id}: a unit moves to another camp (e.g. the reserve to the north);
- `reduce_force` {"percent": p}: every unit's strength shrinks by p % (rounded down).
The database is never changed: an option is a what-if.
"""

from dataclasses import replace

from django.contrib.auth.models import User

from peacekeeper.access import policy
from peacekeeper.posture.eligibility import TaskSpec, UnitFacts
from peacekeeper.theatre.models import Site

CHANGE_KINDS = {
    "unfix_task": {"task"},
    "set_task_strength": {"task", "strength"},
    "move_unit": {"unit", "camp"},
    "reduce_force": {"percent"},
}


def _whole(value: object, low: int, high: int) -> bool:
    return isinstance(value, int) and not isinstance(value, bool) and low <= value <= high


def change_errors(changes: object, *, user: User) -> list[tuple[str, str]]:
    """(field, reason) for every change that cannot be applied ([] when all can)."""
    if not isinstance(changes, list):
        return [("changes", "expected a list of changes")]
    errors = []
    for index, change in enumerate(changes):
        where = f"changes[{index}]"
        if not isinstance(change, dict) or change.get("kind") not in CHANGE_KINDS:
            errors.append((f"{where}.kind", f"expected one of {', '.join(CHANGE_KINDS)}"))
            continue
        expected = CHANGE_KINDS[change["kind"]]
        for name in sorted(expected - set(change)):
            errors.append((f"{where}.{name}", f"required for {change['kind']}"))
        for name in ("task", "unit", "camp", "strength"):
            if name in change and not _whole(change[name], 0, 10**9):
                errors.append((f"{where}.{name}", "expected a whole number"))
        if "percent" in change and not _whole(change["percent"], 1, 99):
            errors.append((f"{where}.percent", "expected a whole number from 1 to 99"))
        if change["kind"] == "move_unit" and _whole(change.get("camp"), 0, 10**9):
            camps = policy.visible(Site.objects.filter(kind=Site.Kind.CAMP, place__lat__isnull=False), user)
            if not camps.filter(pk=change["camp"]).exists():
                errors.append((f"{where}.camp", "no camp with a known position has this id"))
    return errors


def apply_changes(
    changes: list[dict], units: list[UnitFacts], tasks: list[TaskSpec]
) -> tuple[list[UnitFacts], list[TaskSpec]]:
    unfixed = {c["task"] for c in changes if c["kind"] == "unfix_task"}
    strengths = {c["task"]: c["strength"] for c in changes if c["kind"] == "set_task_strength"}
    moves = {c["unit"]: c["camp"] for c in changes if c["kind"] == "move_unit"}
    camps = {
        site.pk: site.place for site in Site.objects.filter(pk__in=moves.values()).select_related("place")
    }
    percent = sum(c["percent"] for c in changes if c["kind"] == "reduce_force")
    tasks = [
        replace(task, strength=strengths.get(task.key, task.strength))
        for task in tasks
        if task.key not in unfixed
    ]
    changed_units = []
    for unit in units:
        if unit.key in moves and moves[unit.key] in camps:
            place = camps[moves[unit.key]]
            unit = replace(unit, lat=place.lat, lon=place.lon)
        if percent and unit.strength:
            unit = replace(unit, strength=unit.strength * max(0, 100 - percent) // 100)
        changed_units.append(unit)
    return changed_units, tasks


def describe_change(
    change: dict, *, task_names: dict[int, str], unit_names: dict[int, str], camp_names: dict[int, str]
) -> str | None:
    """A change in words, or None when it names a task, unit or camp the reader may not see: such a
    change is left out for that reader (a stand-in such as "a task not released to you" would tell them
    the record exists)."""
    match change["kind"]:
        case "unfix_task" if change["task"] in task_names:
            return f"Unfix {task_names[change['task']]}"
        case "set_task_strength" if change["task"] in task_names:
            return f"{task_names[change['task']]}: {change['strength']} troops"
        case "move_unit" if change["unit"] in unit_names and change["camp"] in camp_names:
            return f"Move {unit_names[change['unit']]} to {camp_names[change['camp']]}"
        case "reduce_force":
            return f"Reduce every unit's strength by {change['percent']} %"
    return None


def describe_changes(changes: list[dict], **names: dict[int, str]) -> list[str]:
    """The changes this reader may see, in words."""
    return [text for text in (describe_change(change, **names) for change in changes) if text is not None]
