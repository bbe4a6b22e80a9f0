"""Duty API: actions on reports, incidents and alerts — the list, one action, opening one, closing one.
Everything reads through the policy (`duty.actions.visible_actions`); hidden and missing answer alike."""

from django.http import HttpRequest
from ninja import Query, Router
from ninja.responses import Status

from peacekeeper.access import policy
from peacekeeper.access.audit import record_access, record_bulk_view
from peacekeeper.access.models import AuditEntry
from peacekeeper.core.openapi import errors
from peacekeeper.duty import actions
from peacekeeper.duty.models import Action
from peacekeeper.duty.presenting import action_dict, change_dict
from peacekeeper.duty.schemas import ActionCreate, ActionQuery, ActionRead, ActionStateIn

router = Router(tags=["duty"])


def _read(action: Action) -> dict:
    return {**action_dict(action), "history": [change_dict(c) for c in action.changes.select_related("user")]}


def _one(request: HttpRequest, action_id: int) -> Action:
    queryset = actions.with_people(actions.visible_actions(request.user))
    return policy.get_visible_or_404(queryset, request.user, pk=action_id)


@router.get(
    "/actions", response=list[ActionRead], summary="Actions: mine (open), all open, overdue, or closed"
)
def list_actions(request: HttpRequest, params: Query[ActionQuery]) -> list[dict]:
    rows = list(
        actions.listed(request.user, params.view).prefetch_related("changes__user")[: actions.LIST_LIMIT]
    )
    record_bulk_view(user=request.user, records=rows, detail=f"duty actions api ({params.view})")
    return [{**action_dict(row), "history": [change_dict(c) for c in row.changes.all()]} for row in rows]


@router.post(
    "/actions",
    response={201: ActionRead, **errors(404)},
    summary="Open an action on a report, an incident or an alert",
)
def create_action(request: HttpRequest, payload: ActionCreate) -> Status:
    subject = actions.find_subject(user=request.user, kind=payload.subject, subject_id=payload.subject_id)
    action = actions.create_action(
        user=request.user,
        subject=subject,
        text=payload.text,
        owner=payload.owner,
        due=payload.due,
        due_at=payload.due_at,
        marking=payload.marking,
    )
    return Status(201, _read(_one(request, action.pk)))


@router.get("/actions/{int:action_id}", response=ActionRead, summary="One action and its history")
def action_detail(request: HttpRequest, action_id: int) -> dict:
    action = _one(request, action_id)
    record_access(user=request.user, action=AuditEntry.Action.VIEWED, record=action, detail="api")
    return _read(action)


@router.post(
    "/actions/{int:action_id}/state",
    response={200: ActionRead, **errors(409)},
    summary="Close an open action: done, or cancelled with a note",
)
def change_state(request: HttpRequest, action_id: int, payload: ActionStateIn) -> dict:
    action = actions.close_action(
        user=request.user, action_id=action_id, state=payload.state, note=payload.note
    )
    return _read(_one(request, action.pk))
