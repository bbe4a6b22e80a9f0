"""Running the optimiser for a planner, pinning assignments, and the stored allocations.

Inputs come through the access policy (facts.py); the run and its assignments are written in one
transaction, with the solve time, the gap and the status reached.
"""

from django.contrib.auth.models import User
from django.db import transaction

from peacekeeper.core.errors import FieldError, InputError, NotAllowed
from peacekeeper.posture import explaining
from peacekeeper.posture.eligibility import blockers, build_problem
from peacekeeper.posture.facts import task_spec, unit_facts, visible_tasks, visible_units
from peacekeeper.posture.models import Allocation, Assignment, Pin, PostureOption
from peacekeeper.posture.optimiser import (
    DEFAULT_MIP_GAP,
    DEFAULT_TIME_LIMIT_S,
    InfeasibleModel,
    solve,
)
from peacekeeper.posture.planners import may_plan
from peacekeeper.posture.problem import overlaps
from peacekeeper.posture.variants import apply_changes


def require_planner(user: User) -> None:
    # NotAllowed is the project's one "forbidden" error: the API answers it with 403 everywhere.
    if not may_plan(user):
        raise NotAllowed("only planners and administrators plan the posture")


def current_allocation(option: PostureOption | None = None) -> Allocation | None:
    """The latest run for the base posture (or for an option): changes are counted against it."""
    return Allocation.objects.filter(option=option).first()


def allocation_inputs(user: User, option: PostureOption | None):
    """The optimiser's units and tasks for this planner, with the option's changes applied."""
    units = list(visible_units(user))
    tasks = [task for task in visible_tasks(user) if task.active]
    facts = unit_facts(units, user=user)
    specs = [task_spec(task) for task in tasks]
    if option is not None:
        facts, specs = apply_changes(option.changes, facts, specs)
    return facts, specs


def run_allocation(
    *,
    user: User,
    option: PostureOption | None = None,
    time_limit: float = DEFAULT_TIME_LIMIT_S,
    mip_gap: float = DEFAULT_MIP_GAP,
) -> Allocation:
    require_planner(user)
    errors = []
    if not 0.5 <= time_limit <= 600:
        errors.append(FieldError("time_limit", "must be between 0.5 and 600 seconds"))
    if not 0 <= mip_gap <= 0.5:
        errors.append(FieldError("mip_gap", "must be between 0 and 0.5 (a fraction: 0.01 is 1 %)"))
    if errors:
        raise InputError(errors)
    facts, specs = allocation_inputs(user, option)
    unit_keys, task_keys = {u.key for u in facts}, {t.key for t in specs}
    base = current_allocation(None)
    current = frozenset(
        (unit_id, task_id)
        for unit_id, task_id in (base.assignments.values_list("unit_id", "task_id") if base else [])
        if unit_id in unit_keys and task_id in task_keys
    )
    pins = frozenset(
        (unit_id, task_id)
        for unit_id, task_id in Pin.objects.filter(option=option).values_list("unit_id", "task_id")
        if unit_id in unit_keys and task_id in task_keys
    )
    eligibility = build_problem(facts, specs, current=current, pinned=pins)
    refused = [pair for pair in pins if pair not in eligibility.problem.travel_km]
    if refused:
        reasons = "; ".join(b.text for pair in refused for b in eligibility.blocked[pair])
        raise InputError([FieldError("pins", f"a pinned assignment now breaks a rule: {reasons}")])
    try:
        solution = solve(eligibility.problem, time_limit=time_limit, mip_gap=mip_gap)
    except InfeasibleModel as error:
        raise InputError([FieldError("pins", str(error))]) from None
    explanations = explaining.explain(eligibility, solution, facts, specs)
    strengths = {unit.key: unit.strength for unit in facts}
    with transaction.atomic():
        allocation = Allocation.objects.create(
            option=option,
            run_by=user,
            status=solution.status,
            time_limit_s=time_limit,
            mip_gap=mip_gap,
            gap=solution.gap if solution.gap != float("inf") else None,
            solve_seconds=round(solution.seconds, 3),
            unmet_score=solution.unmet,
            travel_km=round(solution.travel_km, 1),
            changes=solution.changes,
            stages=[vars(stage) for stage in solution.stages],
            unmet=explanations,
        )
        Assignment.objects.bulk_create(
            Assignment(
                allocation=allocation,
                unit_id=unit_key,
                task_id=task_key,
                travel_km=round(eligibility.problem.travel_km[(unit_key, task_key)], 1),
                troops=strengths.get(unit_key),
                pinned=(unit_key, task_key) in pins,
            )
            for unit_key, task_key in solution.assignments
        )
    return allocation


def pin_assignment(*, user: User, unit_id: int, task_id: int, option: PostureOption | None = None) -> Pin:
    """Pin a unit to a task, or refuse with every rule the pin would break."""
    require_planner(user)
    facts, specs = allocation_inputs(user, option)
    unit = next((u for u in facts if u.key == unit_id), None)
    task = next((t for t in specs if t.key == task_id), None)
    errors = []
    if unit is None:
        errors.append(FieldError("unit", "no such unit"))
    if task is None:
        errors.append(FieldError("task", "no such active task"))
    if errors:
        raise InputError(errors)
    problems = [
        FieldError("unit", f"{unit.name} cannot take {task.name}: {b.text}") for b in blockers(unit, task)
    ]
    tasks_by_key = {t.key: t.solver_task() for t in specs}
    for other_task in Pin.objects.filter(option=option, unit_id=unit_id).values_list("task_id", flat=True):
        clashes = other_task in tasks_by_key and other_task != task_id
        if clashes and overlaps(tasks_by_key[other_task], tasks_by_key[task_id]):
            problems.append(FieldError("unit", f"{unit.name} is already pinned to a task at the same time"))
    if problems:
        raise InputError(problems)
    pin, _ = Pin.objects.get_or_create(
        option=option, unit_id=unit_id, task_id=task_id, defaults={"pinned_by": user}
    )
    return pin


def unpin_assignment(*, user: User, unit_id: int, task_id: int, option: PostureOption | None = None) -> int:
    require_planner(user)
    visible_unit = visible_units(user).filter(pk=unit_id).exists()
    visible_task = visible_tasks(user).filter(pk=task_id).exists()
    if not (visible_unit and visible_task):
        raise InputError([FieldError("unit", "no such pin")])
    deleted, _ = Pin.objects.filter(option=option, unit_id=unit_id, task_id=task_id).delete()
    return deleted
