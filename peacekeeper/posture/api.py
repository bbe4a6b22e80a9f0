"""Posture API: tasks, the optimiser's allocations, pins, options and decisions (mirrors /posture/)."""

from django.http import HttpRequest
from ninja import Router
from ninja.errors import HttpError
from ninja.responses import Status

from peacekeeper.access import policy
from peacekeeper.access.audit import record_bulk_view
from peacekeeper.core.bounds import Id
from peacekeeper.core.openapi import errors
from peacekeeper.core.schemas import ErrorOut
from peacekeeper.posture.allocating import (
    current_allocation,
    pin_assignment,
    run_allocation,
    unpin_assignment,
)
from peacekeeper.posture.deciding import create_option, record_decision
from peacekeeper.posture.facts import visible_names, visible_tasks
from peacekeeper.posture.metrics import allocation_view
from peacekeeper.posture.models import Allocation, Decision, PostureOption
from peacekeeper.posture.schemas import (
    AllocationRead,
    AssignmentRead,
    DecisionIn,
    DecisionRead,
    OptionIn,
    OptionRead,
    PinIn,
    PinRead,
    RunIn,
    TaskRead,
    UnmetRead,
)
from peacekeeper.posture.variants import describe_changes

router = Router(tags=["posture"])


def _option(request: HttpRequest, option_id: int | None) -> PostureOption | None:
    if option_id is None:
        return None
    return policy.get_visible_or_404(PostureOption.objects.all(), request.user, pk=option_id)


def _allocation_read(allocation: Allocation, request: HttpRequest) -> AllocationRead:
    view = allocation_view(allocation, user=request.user)
    return AllocationRead(
        id=allocation.pk,
        option=allocation.option_id,
        run_at=allocation.run_at,
        status=allocation.status,
        gap=allocation.gap,
        mip_gap=allocation.mip_gap,
        solve_seconds=allocation.solve_seconds,
        troops=view.troops,
        static_tasks=view.static_tasks,
        travel_km=view.travel_km,
        high_threat_areas=view.high_threat,
        covered_areas=view.covered,
        assignments=[
            AssignmentRead(
                unit=row["unit"].pk,
                unit_name=str(row["unit"]),
                task=row["task"].pk,
                task_name=row["task"].name,
                travel_km=row["travel_km"],
                pinned=row["pinned"],
            )
            for row in view.rows
        ],
        unmet=[UnmetRead(**item) for item in view.unmet],
    )


@router.get("/tasks", response=list[TaskRead], summary="Tasks the caller may see")
def list_tasks(request: HttpRequest) -> list[TaskRead]:
    tasks = list(visible_tasks(request.user))
    record_bulk_view(user=request.user, records=tasks, detail="api posture tasks")
    return [
        TaskRead(
            id=task.pk,
            name=task.name,
            kind=task.kind,
            priority=task.priority,
            strength=task.strength,
            capabilities=task.capabilities,
            notice_hours=task.notice_hours,
            starts_at=task.starts_at,
            ends_at=task.ends_at,
            active=task.active,
            assumption_note=task.assumption_note,
            marking=task.label.marking,
        )
        for task in tasks
    ]


@router.post(
    "/allocations",
    response={201: AllocationRead, 422: ErrorOut, **errors(404)},
    summary="Run the optimiser",
)
def run(request: HttpRequest, payload: RunIn):
    option = _option(request, payload.option)
    allocation = run_allocation(
        user=request.user, option=option, time_limit=payload.time_limit, mip_gap=payload.mip_gap
    )
    return Status(201, _allocation_read(allocation, request))


@router.get(
    "/allocations/latest",
    response={200: AllocationRead, **errors(404)},
    summary="The latest allocation of a posture",
)
def latest(request: HttpRequest, option: Id | None = None) -> AllocationRead:
    allocation = current_allocation(_option(request, option))
    if allocation is None:
        raise HttpError(404, "no allocation yet")
    return _allocation_read(allocation, request)


@router.post("/pins", response={201: PinRead, 422: ErrorOut, **errors(404)}, summary="Pin a unit to a task")
def pin(request: HttpRequest, payload: PinIn):
    option = _option(request, payload.option)
    pin_assignment(user=request.user, unit_id=payload.unit, task_id=payload.task, option=option)
    return Status(201, PinRead(unit=payload.unit, task=payload.task, option=payload.option))


@router.delete("/pins", response={204: None, 422: ErrorOut, **errors(404)}, summary="Remove a pin")
def unpin(request: HttpRequest, payload: PinIn):
    unpin_assignment(
        user=request.user,
        unit_id=payload.unit,
        task_id=payload.task,
        option=_option(request, payload.option),
    )
    return Status(204, None)


def _option_read(option: PostureOption, names: dict) -> OptionRead:
    return OptionRead(
        id=option.pk,
        name=option.name,
        description=option.description,
        changes=describe_changes(option.changes, **names),
        marking=option.label.marking,
    )


@router.get("/options", response=list[OptionRead], summary="Posture options the caller may see")
def list_options(request: HttpRequest) -> list[OptionRead]:
    names = visible_names(request.user)
    return [_option_read(o, names) for o in policy.visible(PostureOption.objects.all(), request.user)]


@router.post("/options", response={201: OptionRead, 422: ErrorOut}, summary="Create a posture option")
def new_option(request: HttpRequest, payload: OptionIn):
    option = create_option(user=request.user, **payload.dict())
    return Status(201, _option_read(option, visible_names(request.user)))


def _decision_read(decision: Decision) -> DecisionRead:
    return DecisionRead(
        id=decision.pk,
        option=decision.option_id,
        decided_by=decision.decided_by.get_username(),
        decided_at=decision.decided_at,
        rationale=decision.rationale,
        marking=decision.label.marking,
    )


@router.get("/decisions", response=list[DecisionRead], summary="Decisions, newest first (append-only)")
def list_decisions(request: HttpRequest) -> list[DecisionRead]:
    decisions = policy.visible(Decision.objects.all(), request.user).select_related("decided_by", "label")
    # A decision on an option the reader may not see is absent for them.
    options = set(policy.visible(PostureOption.objects.all(), request.user).values_list("pk", flat=True))
    return [_decision_read(d) for d in decisions if d.option_id in options]


@router.post("/decisions", response={201: DecisionRead, 422: ErrorOut}, summary="Record a decision")
def new_decision(request: HttpRequest, payload: DecisionIn):
    decision = record_decision(
        user=request.user, option_id=payload.option, rationale=payload.rationale, marking=payload.marking
    )
    return Status(201, _decision_read(decision))
