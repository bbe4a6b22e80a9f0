"""An allocation as one reader may see it: its rows, unmet requirements and figures.

Everything is recomputed from the assignments whose unit and task the reader may see, so a figure never
counts a record the reader may not see. High-threat areas are municipalities the security assessment puts
at threat level 4 or above now, as the reader sees it (assessment.assessing, as the route planner and the
COP's municipality layer read it).
"""

from dataclasses import dataclass, field

from django.contrib.auth.models import User
from django.utils import timezone

from peacekeeper.access import policy
from peacekeeper.assessment.assessing import assess
from peacekeeper.forces.layers import visible_camps
from peacekeeper.forces.models import Caveat
from peacekeeper.posture import explaining
from peacekeeper.posture.facts import (
    task_municipalities,
    task_position_visible,
    visible_tasks,
    visible_units,
)
from peacekeeper.posture.models import STATIC_KINDS, Allocation

HIGH_THREAT_LEVEL = 4


@dataclass
class AllocationView:
    allocation: Allocation
    rows: list[dict] = field(default_factory=list)
    unmet: list[dict] = field(default_factory=list)
    troops: int = 0
    static_tasks: int = 0
    travel_km: float = 0.0
    high_threat: list[str] = field(default_factory=list)
    covered: list[str] = field(default_factory=list)
    labels: list = field(default_factory=list)

    @property
    def coverage(self) -> str:
        if not self.high_threat:
            return "no high-threat area"
        return f"{len(self.covered)} of {len(self.high_threat)}"


def high_threat_areas(user: User) -> set[str]:
    assessment, _ = assess(user=user, at=timezone.now())
    return {area.code for area in assessment.areas if area.level >= HIGH_THREAT_LEVEL}


def run_camps(allocation: Allocation) -> dict[int, int]:
    """The camps an option moved units to (unit id -> camp id); other units stayed at their own."""
    changes = allocation.option.changes if allocation.option_id else []
    return {change["unit"]: change["camp"] for change in changes if change.get("kind") == "move_unit"}


def allocation_view(allocation: Allocation, *, user: User, threat: set[str] | None = None) -> AllocationView:
    units = {unit.pk: unit for unit in visible_units(user)}
    tasks = {task.pk: task for task in visible_tasks(user)}
    view = AllocationView(allocation=allocation)
    committed: dict[int, int] = {}
    manned: set[int] = set()
    assigned: dict[int, list[tuple[int, frozenset[str]]]] = {}
    placed = {key: task_position_visible(task, user) for key, task in tasks.items()}
    released_camps = set(visible_camps(user).values_list("pk", flat=True))
    camp_of = run_camps(allocation)
    for row in allocation.assignments.all():
        if row.unit_id not in units or row.task_id not in tasks:
            continue
        unit, task = units[row.unit_id], tasks[row.task_id]
        # A distance to a site or from a camp the reader may not see would tell where that site or camp is.
        camp = camp_of.get(unit.pk, unit.camp_id)
        camp_known = camp is None or camp in released_camps
        travel = row.travel_km if placed[task.pk] and camp_known else None
        view.rows.append(
            {"unit": unit, "task": task, "troops": row.troops, "travel_km": travel, "pinned": row.pinned}
        )
        view.travel_km += travel or 0
        committed[unit.pk] = row.troops or 0
        manned.add(task.pk)
        assigned.setdefault(task.pk, []).append((row.troops or 0, frozenset(unit.capabilities or [])))
        view.labels += [unit.label, task.label]
    view.rows.sort(key=lambda r: (r["task"].priority, r["task"].name, r["unit"].name))
    view.troops = sum(committed.values())
    view.static_tasks = sum(1 for key in manned if tasks[key].kind in STATIC_KINDS)
    view.travel_km = round(view.travel_km, 1)
    readable = set(policy.visible(Caveat.objects.all(), user).values_list("pk", flat=True))
    changes = allocation.option.changes if allocation.option_id else []
    view.unmet = explaining.render(
        allocation.unmet,
        unit_names={key: str(unit) for key, unit in units.items()},
        unit_capabilities={key: frozenset(unit.capabilities or []) for key, unit in units.items()},
        tasks=tasks,
        assigned=assigned,
        caveats=readable,
        strength_changes={c["task"]: c["strength"] for c in changes if c["kind"] == "set_task_strength"},
    )
    view.labels += [tasks[item["task"]].label for item in view.unmet]
    threat = high_threat_areas(user) if threat is None else threat
    view.high_threat = sorted(threat)
    covered = set()
    for key in manned:
        covered |= task_municipalities(tasks[key], user=user) & threat
    view.covered = sorted(covered)
    return view
