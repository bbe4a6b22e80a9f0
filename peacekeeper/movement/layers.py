"""The network as one reader sees it at one moment, as the map page and the API draw it."""

from datetime import datetime

from django.contrib.auth.models import AnonymousUser, User
from django.db.models import Count, Max

from peacekeeper.access.marking import marking_fields
from peacekeeper.movement.models import Movement, Restriction
from peacekeeper.movement.network import current_network
from peacekeeper.movement.states import ElementState, network_state
from peacekeeper.theatre.models import Site


def restrictions_version() -> tuple:
    """Changes whenever a restriction is recorded, derived again, removed or lifted, or a bridge is
    labelled anew (who sees it, and so its closures): part of the COP's cache key for the roads and
    crossings layer (derived restrictions are replaced, so their ids grow)."""
    figures = Restriction.objects.aggregate(n=Count("id"), last=Max("id"), lifted=Max("lifted_at"))
    bridges = Site.objects.filter(kind=Site.Kind.BRIDGE).order_by("pk").values_list("pk", "label_id")
    return (*(str(value) for value in figures.values()), str(hash(tuple(bridges))))


def network_payload(*, user: User | AnonymousUser, at: datetime) -> dict:
    network = current_network()
    state = network_state(user=user, at=at)
    km = {Movement.OPEN: 0.0, Movement.RESTRICTED: 0.0, Movement.CLOSED: 0.0}
    segments = []
    for segment in network.segments:
        element = state.segments[segment.id]
        km[element.status] += segment.length_km
        segments.append(
            {
                "id": segment.id,
                "road_code": segment.road_code,
                "designations": list(segment.designations),
                "road_class": segment.road_class,
                "road_name": segment.road_name,
                "start": segment.start_name,
                "end": segment.end_name,
                "length_km": round(segment.length_km, 2),
                "geometry": segment.geometry,
                "state": element.as_dict(),
            }
        )
    points = []
    for point in network.points:
        table = state.crossings if point.kind == "crossing" else state.bridges
        if point.id not in table:
            continue  # a bridge (a releasable site) this reader may not see
        points.append(
            {
                "id": point.id,
                "kind": point.kind,
                "name": point.name,
                "lat": point.lat,
                "lon": point.lon,
                "segment_ids": list(point.segments),
                "state": table.get(point.id, ElementState()).as_dict(),
            }
        )
    return {
        "at": at,
        "total_km": round(network.total_km, 1),
        "open_km": round(km[Movement.OPEN], 1),
        "restricted_km": round(km[Movement.RESTRICTED], 1),
        "closed_km": round(km[Movement.CLOSED], 1),
        **marking_fields(r.label for r in state.restrictions),
        "segments": segments,
        "points": points,
    }
