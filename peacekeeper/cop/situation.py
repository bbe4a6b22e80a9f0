"""Interim situation layers: municipality levels from event density, and freedom-of-movement status.

Both read only the reports the caller may see (the access policy), validated or published, in the window.
They stand in until the assessment issue (analyst-set levels) and the FoM network issue land.

Area levels: density = visible reports per 1,000 km2 of the municipality. A municipality with no report is
level 1. The others are ranked by density and split into quarters: the lowest quarter is level 2, the
highest level 5 (ties share the lower level). Levels are therefore relative to the theatre in the window.

FoM status: a report of category fom.roadblock, fom.restriction or fom.crossing_incident within 1.5 km of
a crossing point, or 1 km of a road segment's line, affects it. Any roadblock, or any affecting report of
severity 4 or 5, closes it; otherwise it is restricted; with none it is open. The cause is the newest
affecting report's category and place; `since` is the oldest report behind the status.
"""

import math
from datetime import datetime

import numpy as np
import shapely
from django.contrib.auth.models import AnonymousUser, User
from django.db.models import Count
from shapely.geometry import shape

from peacekeeper.access import policy
from peacekeeper.events.models import EventReport, Status
from peacekeeper.events.taxonomy import get_category
from peacekeeper.theatre.models import Area, CrossingPoint, RoadSegment

COUNTED_STATUSES = (Status.VALIDATED, Status.PUBLISHED)
AREA_LEVEL_SOURCE = "event density (until the assessment issue lands)"
AREA_LEVEL_RULE = (
    "reports per 1000 km2 in the window; no report = 1; the others split into quarters by density, 2 to 5"
)
FOM_SOURCE = "interim: derived from validated freedom-of-movement reports until the FoM network issue lands"
FOM_CATEGORIES = ("fom.roadblock", "fom.restriction", "fom.crossing_incident")
CROSSING_RADIUS_KM = 1.5
SEGMENT_RADIUS_KM = 1.0
SEVERITY_CLOSES = 4

_KM_PER_DEGREE_LAT = 110.574
_KM_PER_DEGREE_LON_AT_EQUATOR = 111.320


def _window_events(user: User | AnonymousUser, since: datetime, until: datetime):
    return policy.visible(EventReport.objects.all(), user).filter(
        occurred_at__gte=since, occurred_at__lt=until, status__in=COUNTED_STATUSES
    )


def _to_km(geometries, reference_lat: float):
    """Equirectangular projection to km around a latitude: accurate to well under 1% across a theatre."""
    scale = np.array(
        [_KM_PER_DEGREE_LON_AT_EQUATOR * math.cos(math.radians(reference_lat)), _KM_PER_DEGREE_LAT]
    )
    return shapely.transform(geometries, lambda coordinates: coordinates * scale)


def _area_km2(boundary: dict) -> float:
    geometry = shape(boundary)
    return float(shapely.area(_to_km(geometry, geometry.centroid.y)))


# Municipality sizes, keyed by the municipalities' ids, codes and boundary sources: decoding every boundary
# on each request would cost more than the rest of the layer; replacing boundaries changes their source.
_sizes: dict[tuple, dict[int, float]] = {}


def _municipality_km2() -> dict[int, tuple[str, float]]:
    municipalities = Area.objects.filter(level=Area.Level.MUNICIPALITY)
    key = tuple(municipalities.values_list("id", "code", "boundary_source").order_by("id"))
    if key not in _sizes:
        rows = municipalities.values_list("id", "boundary")
        _sizes.clear()
        _sizes[key] = {area_id: _area_km2(boundary) if boundary else 0.0 for area_id, boundary in rows}
    return {area_id: (code, _sizes[key][area_id]) for area_id, code, _ in key}


def _levels(densities: dict[str, float]) -> dict[str, int]:
    ranked = sorted(value for value in densities.values() if value > 0)
    levels = {}
    for code, density in densities.items():
        if density <= 0:
            levels[code] = 1
        else:
            rank = ranked.index(density)  # the first of equal densities: ties share the lower level
            levels[code] = 2 + (4 * rank) // len(ranked)
    return levels


def area_levels(*, user: User | AnonymousUser, since: datetime, until: datetime) -> dict:
    counts = dict(
        _window_events(user, since, until)
        .filter(area__level=Area.Level.MUNICIPALITY)
        .order_by()
        .values_list("area_id")
        .annotate(n=Count("id"))
    )
    figures = {}
    for area_id, (code, km2) in _municipality_km2().items():
        count = counts.get(area_id, 0)
        figures[code] = (count, round(1000 * count / km2, 2) if km2 else 0.0)
    levels = _levels({code: density for code, (_, density) in figures.items()})
    return {
        "window": {"since": since.isoformat(), "until": until.isoformat()},
        "source": AREA_LEVEL_SOURCE,
        "rule": AREA_LEVEL_RULE,
        "areas": {
            code: {"count": count, "per_1000_km2": density, "level": levels[code]}
            for code, (count, density) in sorted(figures.items())
        },
    }


def _status_of(reports: list[dict]) -> dict:
    if not reports:
        return {"status": "open", "cause": "", "since": None, "event_ids": []}
    closing = [r for r in reports if r["category"] == "fom.roadblock" or r["severity"] >= SEVERITY_CLOSES]
    behind = closing or reports
    newest = reports[0]
    cause = get_category(newest["category"]).label
    if newest["location_name"]:
        cause += f" — {newest['location_name']}"
    return {
        "status": "closed" if closing else "restricted",
        "cause": cause,
        "since": min(r["occurred_at"] for r in behind).isoformat(),
        "event_ids": [r["id"] for r in reports],
    }


def fom_status(*, user: User | AnonymousUser, since: datetime, until: datetime) -> dict:
    reports = list(
        _window_events(user, since, until)
        .filter(category__in=FOM_CATEGORIES)
        .order_by("-occurred_at", "-id")
        .values("id", "lat", "lon", "category", "severity", "occurred_at", "location_name")
    )
    crossings = list(
        CrossingPoint.objects.filter(place__lat__isnull=False).values_list("id", "place__lat", "place__lon")
    )
    segments = list(RoadSegment.objects.values_list("id", "geometry"))
    reference_lat = sum(lat for _, lat, _ in crossings) / len(crossings) if crossings else 42.6

    def near(geometries: list, radius_km: float) -> list[list[dict]]:
        """The reports within radius of each geometry, newest first (in km, after projection)."""
        found: list[list[dict]] = [[] for _ in geometries]
        if not reports or not geometries:
            return found
        tree = shapely.STRtree(_to_km(geometries, reference_lat))
        points = _to_km(shapely.points([(r["lon"], r["lat"]) for r in reports]), reference_lat)
        report_index, geometry_index = tree.query(points, predicate="dwithin", distance=radius_km)
        for report, geometry in sorted(zip(report_index.tolist(), geometry_index.tolist(), strict=True)):
            found[geometry].append(reports[report])
        return found

    near_crossings = near([shapely.Point(lon, lat) for _, lat, lon in crossings], CROSSING_RADIUS_KM)
    near_segments = near([shape(geometry) for _, geometry in segments], SEGMENT_RADIUS_KM)
    return {
        "source": FOM_SOURCE,
        "window": {"since": since.isoformat(), "until": until.isoformat()},
        "crossings": {
            str(crossing_id): _status_of(hits)
            for (crossing_id, _, _), hits in zip(crossings, near_crossings, strict=True)
        },
        "segments": {
            str(segment_id): _status_of(hits)
            for (segment_id, _), hits in zip(segments, near_segments, strict=True)
        },
    }
