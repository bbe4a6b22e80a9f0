"""The events layer of the COP: individual reports when few, grid clusters computed in SQL when many.

Clustering rule: the view is cut into square cells of CELL_DEGREES_AT_ZOOM_7 / 2**(zoom - 7) degrees
(1.2 deg at zoom 7, 0.3 deg at zoom 9, 0.0375 deg at zoom 12). Below CLUSTER_BELOW_ZOOM, or when more than
CLUSTER_THRESHOLD visible reports fall in the view, the layer is one feature per cell, computed by the
database (GROUP BY cell: count, highest severity, mean position, count per category); a cell holding a
single report is sent as that report. Otherwise every report is sent, newest first. `total` always
counts every visible report in the window and view.

Every restricted report sent as a point is a view of that report, audited on each serving of the body
(cached or not), so the layer keeps them beside the body (`Layer.audited`); a cluster shows no report.
"""

import math
from collections import Counter, defaultdict
from dataclasses import dataclass
from datetime import datetime
from typing import NamedTuple

from django.contrib.auth.models import AnonymousUser, User
from django.db.models import Count, F, Max, Min, QuerySet, Sum
from django.db.models.functions import Floor
from django.urls import reverse

from peacekeeper.access import policy
from peacekeeper.access.audit import Shown, audited
from peacekeeper.access.marking import marking_fields
from peacekeeper.access.models import ReleaseLabel
from peacekeeper.core.geojson import feature, point
from peacekeeper.events.models import EventReport
from peacekeeper.events.taxonomy import get_category
from peacekeeper.theatre.dtg import format_dtg

CELL_DEGREES_AT_ZOOM_7 = 1.2
CLUSTER_BELOW_ZOOM = 11
CLUSTER_THRESHOLD = 500

# APP-6D standard identity of the actor behind each activity entity (docs/standards.md#app-6d-symbol-codes).
_NEUTRAL, _HOSTILE, _UNKNOWN = "4", "6", "1"
_IDENTITY_BY_ENTITY = {"110110": _NEUTRAL, "120100": _NEUTRAL, "110300": _HOSTILE}

# What an individual feature needs, read as plain values (no model instances on the hot path).
FEATURE_FIELDS = (
    "id",
    "lat",
    "lon",
    "category",
    "severity",
    "occurred_at",
    "location_name",
    "status",
    "exercise",
    "label__marking",
    "area__name_en",
    "label_id",
    "label__classification",
)


class Layer(NamedTuple):
    body: dict
    audited: tuple[Shown, ...]  # the restricted reports the body shows as points


@dataclass(frozen=True)
class Window:
    since: datetime
    until: datetime
    zoom: int
    bbox: tuple[float, float, float, float]  # west, south, east, north
    statuses: tuple[str, ...]


def activity_sidc(category_code: str) -> str:
    """The 20-digit APP-6D activity SIDC (symbol set 40) of a category, or "" where the standard has none."""
    entity = get_category(category_code).app6_entity
    if not entity:
        return ""
    identity = _IDENTITY_BY_ENTITY.get(entity, _UNKNOWN)
    # version 10, context 0 (reality), identity, set 40, status 0, no HQ, no amplifier, entity, no modifiers
    return f"100{identity}400000{entity}0000"


def cell_degrees(zoom: int) -> float:
    return CELL_DEGREES_AT_ZOOM_7 / 2 ** (zoom - 7)


def event_feature(row: dict, *, log_prefix: str | None = None) -> dict:
    """One report as a GeoJSON feature, from a `.values(*FEATURE_FIELDS)` row."""
    category = get_category(row["category"])
    prefix = log_prefix or reverse("events:list")
    return feature(
        feature_id=row["id"],
        geometry=point(row["lat"], row["lon"]),
        properties={
            "kind": "event",
            "id": row["id"],
            "category": row["category"],
            "category_label": category.label,
            "severity": row["severity"],
            "occurred_at": row["occurred_at"].isoformat(),
            "dtg": format_dtg(row["occurred_at"]),
            "location_name": row["location_name"],
            "area": row["area__name_en"],
            "marking": row["label__marking"],
            "status": row["status"],
            "exercise": row["exercise"],
            "url": f"{prefix}{row['id']}/",
            "sidc": activity_sidc(row["category"]),
        },
    )


def shown_report(row: dict) -> Shown:
    """What the audit needs of a report sent as a feature, from a `.values(*FEATURE_FIELDS)` row."""
    return Shown(
        EventReport._meta.label_lower,
        str(row["id"]),
        row["label_id"],
        row["label__marking"],
        row["label__classification"],
    )


def events_in_view(user: User | AnonymousUser, window: Window) -> QuerySet[EventReport]:
    west, south, east, north = window.bbox
    return policy.visible(EventReport.objects.all(), user).filter(
        occurred_at__gte=window.since,
        occurred_at__lt=window.until,
        status__in=window.statuses,
        lat__gte=south,
        lat__lte=north,
        lon__gte=west,
        lon__lte=east,
    )


def _cell_groups(queryset: QuerySet[EventReport], size: float) -> list[dict]:
    """One row per (cell, category, label): the aggregates the database computes for the clusters."""
    return list(
        queryset.order_by()
        .annotate(
            cell_x=Floor(F("lon") / size),
            cell_y=Floor(F("lat") / size),
        )
        .values("cell_x", "cell_y", "category", "label_id")
        .annotate(
            count=Count("id"),
            max_severity=Max("severity"),
            sum_lat=Sum("lat"),
            sum_lon=Sum("lon"),
            first_id=Min("id"),
        )
    )


def _cluster_feature(groups: list[dict]) -> dict:
    count = sum(group["count"] for group in groups)
    categories: Counter[str] = Counter()
    for group in groups:
        categories[group["category"]] += group["count"]
    # The most frequent category; among equals, the first in code order, so bodies are deterministic.
    top = min(categories, key=lambda code: (-categories[code], code))
    lat = sum(group["sum_lat"] for group in groups) / count
    lon = sum(group["sum_lon"] for group in groups) / count
    return feature(
        geometry=point(lat, lon),
        properties={
            "kind": "cluster",
            "count": count,
            "max_severity": max(group["max_severity"] for group in groups),
            "top_category": top,
            "top_category_label": get_category(top).label,
            "categories": dict(sorted(categories.items())),
        },
    )


def _cluster_features(
    user: User | AnonymousUser, window: Window, groups: list[dict]
) -> tuple[list[dict], tuple[Shown, ...]]:
    cells: dict[tuple[float, float], list[dict]] = defaultdict(list)
    for group in groups:
        cells[(group["cell_x"], group["cell_y"])].append(group)
    features, singles = [], []
    shown: tuple[Shown, ...] = ()
    for cell in cells.values():
        if len(cell) == 1 and cell[0]["count"] == 1:
            singles.append(cell[0]["first_id"])
        else:
            features.append(_cluster_feature(cell))
    if singles:
        # As many as there are cells: no cap, or a cell would vanish from the map.
        points, shown = _point_features(events_in_view(user, window).filter(id__in=singles), limit=None)
        features += points
    # Biggest first, then by position: the order never depends on the database's grouping order.
    features.sort(
        key=lambda item: (
            -item["properties"].get("count", 1),
            item["geometry"]["coordinates"],
            item.get("id", 0),
        )
    )
    return features, shown


def _point_features(
    queryset: QuerySet[EventReport], *, limit: int | None
) -> tuple[list[dict], tuple[Shown, ...]]:
    """One feature per report, and the restricted reports among them."""
    prefix = reverse("events:list")
    rows = list(queryset.order_by("-occurred_at", "-id").values(*FEATURE_FIELDS)[:limit])
    return [event_feature(row, log_prefix=prefix) for row in rows], audited(map(shown_report, rows))


def events_layer(*, user: User | AnonymousUser, window: Window) -> Layer:
    """The events layer body for this reader and window (see the module docstring for the rule)."""
    queryset = events_in_view(user, window)
    groups = _cell_groups(queryset, cell_degrees(window.zoom))
    total = sum(group["count"] for group in groups)
    clustered = window.zoom < CLUSTER_BELOW_ZOOM or total > CLUSTER_THRESHOLD
    if clustered:
        features, shown = _cluster_features(user, window, groups)
    else:
        features, shown = _point_features(queryset, limit=CLUSTER_THRESHOLD)
    label_ids = {group["label_id"] for group in groups}
    body = {
        "type": "FeatureCollection",
        **marking_fields(ReleaseLabel.objects.filter(pk__in=label_ids)),
        "window": {"since": window.since.isoformat(), "until": window.until.isoformat()},
        "clustered": clustered,
        "total": total,
        "features": features,
    }
    return Layer(body, shown)


def theatre_bbox() -> tuple[float, float, float, float]:
    """The whole theatre (its outline's bounds, rounded outwards to 0.1 degree): the default view."""
    from peacekeeper.theatre.boundaries import theatre_outline

    outline = theatre_outline()
    if outline is None:
        return (-180.0, -90.0, 180.0, 90.0)
    west, south, east, north = outline.bounds
    return (
        math.floor(west * 10) / 10,
        math.floor(south * 10) / 10,
        math.ceil(east * 10) / 10,
        math.ceil(north * 10) / 10,
    )
