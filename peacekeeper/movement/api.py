"""Movement API: the network's state over time, status history, the FoM index, the restrictions log,
restrictions recorded and lifted by hand, and the route planner. Everything reads through the policy."""

from datetime import datetime, timedelta

from django.http import HttpRequest
from django.utils import timezone
from ninja import Query, Router
from ninja.errors import HttpError
from ninja.responses import Status

from peacekeeper.access import policy
from peacekeeper.access.audit import record_access, record_bulk_view
from peacekeeper.access.models import AuditEntry
from peacekeeper.core.errors import InputError
from peacekeeper.movement import index as fom_index
from peacekeeper.movement.layers import network_payload
from peacekeeper.movement.log import LogFilter, restrictions_log
from peacekeeper.movement.models import Restriction
from peacekeeper.movement.network import current_network
from peacekeeper.movement.planner import Endpoint, plan_route
from peacekeeper.movement.presenting import restriction_dict
from peacekeeper.movement.recording import lift_restriction, naive_errors, record_restriction
from peacekeeper.movement.schemas import (
    AtQuery,
    IndexQuery,
    IndexRead,
    LiftIn,
    LogQuery,
    NetworkRead,
    RestrictionCreate,
    RestrictionRead,
    RouteAnswer,
    RouteQuery,
)
from peacekeeper.movement.states import (
    element_history,
    visible_bridges,
    visible_restrictions,
    with_elements,
)

router = Router(tags=["movement"])

INDEX_RULE = fom_index.__doc__.split("\n\n")[1].replace("\n", " ")


def _aware(**moments: datetime | None) -> None:
    """A 422 naming each date-time given without a time zone (its instant is unknown)."""
    errors = naive_errors(**moments)
    if errors:
        raise InputError(errors)


@router.get("/network", response=NetworkRead, summary="Every segment, crossing and bridge, at a moment")
def network_view(request: HttpRequest, params: Query[AtQuery]) -> dict:
    _aware(at=params.at)
    return network_payload(user=request.user, at=params.at or timezone.now())


@router.get(
    "/history/{kind}/{int:element_id}",
    response=list[RestrictionRead],
    summary="The restrictions that bore on one segment, crossing or bridge, newest first",
)
def history_view(request: HttpRequest, kind: str, element_id: int) -> list[dict]:
    if kind not in ("segment", "crossing", "bridge"):
        raise HttpError(404, "kind must be segment, crossing or bridge")
    network = current_network()
    if kind == "segment":
        known = {s.id for s in network.segments}
    elif kind == "crossing":
        known = {p.id for p in network.points if p.kind == kind}
    else:  # bridges are releasable sites: one the reader may not see is not on their network
        on_network = [p.id for p in network.points if p.kind == kind and p.id == element_id]
        known = set(visible_bridges(request.user).filter(pk__in=on_network).values_list("pk", flat=True))
    if element_id not in known:
        raise HttpError(404, f"no {kind} {element_id} on the network")
    rows = element_history(user=request.user, kind=kind, element_id=element_id)
    record_bulk_view(user=request.user, records=rows, detail=f"movement history {kind} {element_id}")
    now = timezone.now()
    return [restriction_dict(row, now) for row in rows]


@router.get("/index", response=IndexRead, summary="The daily FoM index (share of network length open)")
def index_view(request: HttpRequest, params: Query[IndexQuery]) -> dict:
    last = params.last or timezone.now().date()
    first = params.first or last - timedelta(days=29)
    try:
        days = fom_index.daily_index(user=request.user, first=first, last=last)
    except ValueError as error:
        raise HttpError(422, str(error)) from None
    return {"rule": INDEX_RULE, "total_km": round(current_network().total_km, 1), "days": days}


@router.get("/restrictions", response=list[RestrictionRead], summary="The restrictions log, filtered")
def restrictions_view(request: HttpRequest, params: Query[LogQuery]) -> list[dict]:
    _aware(since=params.since, until=params.until)
    filters = LogFilter(
        since=params.since,
        until=params.until,
        status=params.status,
        origin=params.origin,
        text=params.q,
        in_force=params.in_force,
        segment=params.segment,
        crossing=params.crossing,
    )
    rows = list(restrictions_log(user=request.user, filters=filters))
    record_bulk_view(user=request.user, records=rows, detail="movement restrictions log")
    now = timezone.now()
    return [restriction_dict(row, now) for row in rows]


def _one(request: HttpRequest, restriction_id: int) -> Restriction:
    queryset = with_elements(visible_restrictions(request.user), request.user).select_related(
        "label", "recorded_by", "lifted_by"
    )
    return policy.get_visible_or_404(queryset, request.user, pk=restriction_id)


@router.post(
    "/restrictions", response={201: RestrictionRead}, summary="Record a restriction or closure by hand"
)
def create_restriction(request: HttpRequest, payload: RestrictionCreate) -> Status:
    restriction = record_restriction(user=request.user, **payload.dict())
    return Status(201, restriction_dict(_one(request, restriction.pk)))


@router.get("/restrictions/{int:restriction_id}", response=RestrictionRead, summary="One restriction")
def restriction_detail(request: HttpRequest, restriction_id: int) -> dict:
    restriction = _one(request, restriction_id)
    record_access(user=request.user, action=AuditEntry.Action.VIEWED, record=restriction, detail="api")
    return restriction_dict(restriction)


@router.post(
    "/restrictions/{int:restriction_id}/lift", response=RestrictionRead, summary="Lift (end) a restriction"
)
def lift_view(request: HttpRequest, restriction_id: int, payload: LiftIn) -> dict:
    restriction = lift_restriction(
        user=request.user, restriction=_one(request, restriction_id), at=payload.at, note=payload.note
    )
    return restriction_dict(_one(request, restriction.pk))


@router.get(
    "/route", response=RouteAnswer, summary="The fastest route and alternatives, or why there is none"
)
def route_view(request: HttpRequest, params: Query[RouteQuery]) -> dict:
    _aware(at=params.at)
    return plan_route(
        user=request.user,
        origin=Endpoint(text=params.origin, lat=params.origin_lat, lon=params.origin_lon),
        destination=Endpoint(text=params.destination, lat=params.destination_lat, lon=params.destination_lon),
        at=params.at or timezone.now(),
        avoid_level=params.avoid_level,
    )
