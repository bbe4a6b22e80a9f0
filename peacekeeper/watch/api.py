"""Watch API: the CCIRs a reader may see (kept by administrators), the alerts open for the caller, and
their acknowledgement. Everything reads through the policy; a hidden alert or CCIR answers 404."""

from django.http import HttpRequest
from ninja import Query, Router
from ninja.responses import Status

from peacekeeper.access import policy
from peacekeeper.access.audit import record_access, record_bulk_view
from peacekeeper.access.models import AuditEntry
from peacekeeper.core.openapi import errors
from peacekeeper.watch import alerts as watch_alerts
from peacekeeper.watch.ccirs import change_ccir, create_ccir, visible_ccirs
from peacekeeper.watch.presenting import ccir_dict
from peacekeeper.watch.schemas import AlertListQuery, AlertRead, CcirRead, CcirWrite

router = Router(tags=["watch"])


@router.get("/ccirs", response=list[CcirRead], summary="The CCIRs the caller may see")
def ccir_list(request: HttpRequest) -> list[dict]:
    rows = list(visible_ccirs(request.user).select_related("label"))
    record_bulk_view(user=request.user, records=rows, detail="watch CCIRs")
    return [ccir_dict(row) for row in rows]


@router.post(
    "/ccirs",
    response={201: CcirRead, **errors(403)},
    summary="Add a CCIR (administrators); a bad rule is refused naming the condition and why",
)
def ccir_create(request: HttpRequest, payload: CcirWrite) -> Status:
    values = payload.dict(exclude={"release_reason", "rule"})
    ccir = create_ccir(user=request.user, rule=payload.rule.dict(exclude_none=True), **values)
    return Status(201, ccir_dict(ccir))


@router.put(
    "/ccirs/{int:ccir_id}",
    response={200: CcirRead, **errors(403)},
    summary="Change a CCIR (administrators)",
)
def ccir_change(request: HttpRequest, ccir_id: int, payload: CcirWrite) -> dict:
    ccir = policy.get_visible_or_404(
        visible_ccirs(request.user).select_related("label"), request.user, pk=ccir_id
    )
    values = payload.dict(exclude={"rule"})
    ccir = change_ccir(user=request.user, ccir=ccir, rule=payload.rule.dict(exclude_none=True), **values)
    return ccir_dict(ccir)


@router.get(
    "/alerts",
    response=list[AlertRead],
    summary="Alerts open for the caller (not acknowledged), escalated first, then newest; with "
    "recent_hours, every alert raised in that many hours, acknowledged ones too, newest first",
)
def alert_list(request: HttpRequest, params: Query[AlertListQuery]) -> list[dict]:
    if params.recent_hours is None:
        rows = watch_alerts.open_alerts(request.user)
    else:
        rows = watch_alerts.recent_alerts(request.user, hours=params.recent_hours)
    watch_alerts.audit_shown(request.user, rows, detail="watch alerts")
    return [watch_alerts.alert_dict(row) for row in rows]


@router.post(
    "/alerts/{int:alert_id}/acknowledge",
    response={200: AlertRead, **errors(403, 409)},
    summary="Acknowledge an alert as the caller, now (recorded with the caller's name and the time)",
)
def alert_acknowledge(request: HttpRequest, alert_id: int) -> dict:
    alert = watch_alerts.acknowledge(user=request.user, alert_id=alert_id)
    record_access(user=request.user, action=AuditEntry.Action.CHANGED, record=alert, detail="acknowledged")
    return watch_alerts.alert_dict(alert)
