"""COP API: the map's layer endpoints and the live stream (all through the access policy).

Layer bodies are cached per window, view and visibility class and carry an ETag (see caching.py).
The restricted reports an events body shows as points are audited on every serving, cached or 304 alike.
"""

import math
from collections.abc import Callable
from dataclasses import replace
from datetime import datetime

from django.contrib.auth.models import AnonymousUser, User
from django.http import HttpRequest, HttpResponse, StreamingHttpResponse
from django.utils import timezone
from ninja import Query, Router
from ninja.errors import HttpError

from peacekeeper.access.audit import record_shown
from peacekeeper.cop import bodies, caching, keeping, live
from peacekeeper.cop.events_layer import Window, theatre_bbox
from peacekeeper.cop.schemas import (
    AreaLevels,
    EventLayer,
    EventLayerQuery,
    FomStatus,
    StreamQuery,
    WindowQuery,
)
from peacekeeper.core.openapi import GEOJSON, GEOJSON_BODY, etagged
from peacekeeper.events.models import Status

router = Router(tags=["cop"])


def _window(params: WindowQuery) -> tuple[datetime, datetime]:
    """The window at minute resolution (widened outwards), so that nearby requests share a cached body."""
    until = caching.ceil_minute(params.until or timezone.now())
    since = caching.floor_minute(params.since or until - bodies.DEFAULT_WINDOW)
    # An empty window (the replay's cursor at the window's start) is a window with nothing in it.
    if since > until:
        raise HttpError(422, "since must not be after until")
    return since, until


def _bbox(text: str | None) -> tuple[float, float, float, float]:
    if not text:
        return theatre_bbox()
    try:
        west, south, east, north = (float(part) for part in text.split(","))
    except ValueError:
        raise HttpError(422, "bbox must be west,south,east,north in degrees") from None
    if not (-180 <= west < east <= 180 and -90 <= south < north <= 90):
        raise HttpError(422, "bbox must have west < east and south < north, within -180..180 and -90..90")
    # Rounded outwards to 0.001 degree (about 100 m): panning by a pixel reuses the cached body.
    return (
        math.floor(west * 1000) / 1000,
        math.floor(south * 1000) / 1000,
        math.ceil(east * 1000) / 1000,
        math.ceil(north * 1000) / 1000,
    )


def _statuses(values: list[str]) -> tuple[str, ...]:
    unknown = sorted(set(values) - set(Status.values))
    if unknown:
        raise HttpError(422, f"unknown status {', '.join(unknown)} (one of {', '.join(Status.values)})")
    return tuple(sorted(set(values)))


@router.get(
    "/events.geojson",
    response=etagged(EventLayer),
    openapi_extra=GEOJSON_BODY,
    summary="Events the caller may see in a window: clustered by zoom when dense, else one per report",
)
def events_geojson(request: HttpRequest, params: Query[EventLayerQuery]) -> HttpResponse:
    since, until = _window(params)
    window = Window(
        since=since, until=until, zoom=params.zoom, bbox=_bbox(params.bbox), statuses=_statuses(params.status)
    )
    body, etag, shown = bodies.events_entry(request.user, window)
    keeping.keep(
        name=("events", window.zoom, window.bbox, window.statuses),
        user=request.user,
        since=since,
        until=until,
        rebuild=lambda reader, since, until: bodies.events_entry(
            reader, replace(window, since=since, until=until)
        ),
    )
    record_shown(user=request.user, shown=shown, detail="map events layer")
    return caching.conditional_response(request, body, etag, content_type=GEOJSON)


@router.get(
    "/area-levels",
    response=etagged(AreaLevels),
    summary="Assessed municipality threat levels from the reports the caller may see",
)
def area_levels_view(request: HttpRequest, params: Query[WindowQuery]) -> HttpResponse:
    return _window_json(request, params, name="area-levels", body_of=bodies.area_levels_body)


@router.get(
    "/fom",
    response=etagged(FomStatus),
    summary="Crossing and road segment status from the FoM restrictions the caller may see",
)
def fom_view(request: HttpRequest, params: Query[WindowQuery]) -> HttpResponse:
    return _window_json(request, params, name="fom", body_of=bodies.fom_body)


def _window_json(
    request: HttpRequest,
    params: WindowQuery,
    *,
    name: str,
    body_of: Callable[[User | AnonymousUser, datetime, datetime], tuple[bytes, str]],
) -> HttpResponse:
    since, until = _window(params)
    body, etag = body_of(request.user, since, until)
    keeping.keep(name=name, user=request.user, since=since, until=until, rebuild=body_of)
    return caching.conditional_response(request, body, etag, content_type="application/json")


@router.get(
    "/stream",
    summary="Server-sent events: each report validated or published from now on that the caller may see",
    openapi_extra={
        "responses": {
            200: {
                "description": "`event: event` messages carrying an events-layer feature, `event: alert` "
                "messages carrying a watch alert (with alerts=true); `: ping` comments",
                "content": {"text/event-stream": {"schema": {"type": "string"}}},
            }
        }
    },
)
def stream(request: HttpRequest, params: Query[StreamQuery]) -> StreamingHttpResponse:
    return live.stream_response(
        request, after_id=params.after_id, reports=params.reports, alerts=params.alerts
    )
