"""COP API: the map's layer endpoints and the live stream (all through the access policy).

Layer bodies are cached per window, view and visibility class and carry an ETag (see caching.py).
The restricted reports an events body shows as points are audited on every serving, cached or 304 alike.
"""

import math
from collections.abc import Callable
from datetime import datetime, timedelta

import orjson
from django.contrib.auth.models import AnonymousUser, User
from django.http import HttpRequest, HttpResponse, StreamingHttpResponse
from django.utils import timezone
from ninja import Query, Router
from ninja.errors import HttpError

from peacekeeper.access.audit import Shown, record_shown
from peacekeeper.assessment.overrides import overrides_version
from peacekeeper.cop import caching, live
from peacekeeper.cop.events_layer import Window, events_layer, theatre_bbox
from peacekeeper.cop.schemas import (
    AreaLevels,
    EventLayer,
    EventLayerQuery,
    FomStatus,
    StreamQuery,
    WindowQuery,
)
from peacekeeper.cop.situation import area_levels, fom_status
from peacekeeper.core.openapi import GEOJSON, GEOJSON_BODY, etagged
from peacekeeper.events.models import Status
from peacekeeper.movement.layers import restrictions_version

router = Router(tags=["cop"])

DEFAULT_SPAN = timedelta(hours=24)


def _window(params: WindowQuery) -> tuple[datetime, datetime]:
    """The window at minute resolution (widened outwards), so that nearby requests share a cached body."""
    until = caching.ceil_minute(params.until or timezone.now())
    since = caching.floor_minute(params.since or until - DEFAULT_SPAN)
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
    settled, taken = caching.layer_version()
    placed = (window.zoom, window.bbox, window.statuses)
    family = (caching.window_family(since, until), placed, caching.visibility_class(request.user), taken)
    body, etag, shown = caching.cached_entry(
        endpoint="events",
        parts=(window, *family, settled),
        family=family,
        compute=lambda: _events_body(request.user, window),
    )
    record_shown(user=request.user, shown=shown, detail="map events layer")
    return caching.conditional_response(request, body, etag, content_type=GEOJSON)


def _events_body(user: User | AnonymousUser, window: Window) -> tuple[bytes, tuple[Shown, ...]]:
    layer = events_layer(user=user, window=window)
    return orjson.dumps(layer.body), layer.audited


@router.get(
    "/area-levels",
    response=etagged(AreaLevels),
    summary="Assessed municipality threat levels from the reports the caller may see",
)
def area_levels_view(request: HttpRequest, params: Query[WindowQuery]) -> HttpResponse:
    return _cached_window_json(
        request, params, endpoint="area-levels", compute=area_levels, version=overrides_version()
    )


@router.get(
    "/fom",
    response=etagged(FomStatus),
    summary="Crossing and road segment status from the FoM restrictions the caller may see",
)
def fom_view(request: HttpRequest, params: Query[WindowQuery]) -> HttpResponse:
    return _cached_window_json(
        request, params, endpoint="fom", compute=fom_status, version=restrictions_version()
    )


def _cached_window_json(
    request: HttpRequest,
    params: WindowQuery,
    *,
    endpoint: str,
    compute: Callable[..., dict],
    version: tuple,
) -> HttpResponse:
    """A per-window situation body, cached per visibility class, data version and the version of what the
    body derives besides the log (overrides, restrictions), with an ETag."""
    since, until = _window(params)
    settled, taken = caching.layer_version()
    family = (caching.window_family(since, until), caching.visibility_class(request.user), taken, version)
    body, etag = caching.cached_body(
        endpoint=endpoint,
        parts=(since, until, *family, settled),
        family=family,
        compute=lambda: orjson.dumps(compute(user=request.user, since=since, until=until)),
    )
    return caching.conditional_response(request, body, etag, content_type="application/json")


@router.get(
    "/stream",
    summary="Server-sent events: each report validated or published from now on that the caller may see",
    openapi_extra={
        "responses": {
            200: {
                "description": "`event: event` messages carrying an events-layer feature; `: ping` comments",
                "content": {"text/event-stream": {"schema": {"type": "string"}}},
            }
        }
    },
)
def stream(request: HttpRequest, params: Query[StreamQuery]) -> StreamingHttpResponse:
    return live.stream_response(request, after_id=params.after_id)
