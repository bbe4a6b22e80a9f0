"""API schemas of the COP layers: the contract the map codes against."""

from typing import Literal

from ninja import Field, Schema

from peacekeeper.core.bounds import DB_INT_MAX, QueryMoment
from peacekeeper.core.geojson import MARKINGS, Geometry
from peacekeeper.events.models import Status


class TimeWindow(Schema):
    since: str
    until: str


class EventProperties(Schema):
    kind: Literal["event"]
    id: int
    category: str
    category_label: str
    severity: int
    occurred_at: str
    dtg: str
    location_name: str
    area: str | None
    marking: str
    status: str
    exercise: bool
    url: str
    sidc: str


class EventFeature(Schema):
    type: Literal["Feature"]
    id: int
    geometry: Geometry
    properties: EventProperties


class ClusterProperties(Schema):
    kind: Literal["cluster"]
    count: int
    max_severity: int
    top_category: str
    top_category_label: str
    categories: dict[str, int]


class ClusterFeature(Schema):
    type: Literal["Feature"]
    geometry: Geometry
    properties: ClusterProperties


class EventLayer(Schema):
    type: Literal["FeatureCollection"]
    marking: str | None = Field(description="the combined marking of the reports in the window and view")
    markings: list[str] = Field(description=MARKINGS)
    window: TimeWindow
    clustered: bool
    total: int
    features: list[EventFeature | ClusterFeature]


class AreaLevel(Schema):
    count: int
    per_1000_km2: float
    level: int


class AreaLevels(Schema):
    window: TimeWindow
    source: str
    rule: str
    marking: str | None = Field(description="the combined marking of what the figures derive from")
    markings: list[str] = Field(description=MARKINGS)
    areas: dict[str, AreaLevel]


class FomState(Schema):
    status: Literal["open", "restricted", "closed"]
    cause: str
    since: str | None
    event_ids: list[int]


class FomStatus(Schema):
    source: str
    window: TimeWindow
    marking: str | None = Field(description="the combined marking of the restrictions shown")
    markings: list[str] = Field(description=MARKINGS)
    crossings: dict[str, FomState]
    segments: dict[str, FomState]


class WindowQuery(Schema):
    since: QueryMoment | None = Field(
        None, description="start of the window (default: 24 hours before until)"
    )
    until: QueryMoment | None = Field(None, description="end of the window (default: now)")


class StreamQuery(Schema):
    after_id: int | None = Field(
        None, ge=0, le=DB_INT_MAX, description="also send visible reports with a higher id at once"
    )
    reports: bool = Field(True, description="send `event: event` messages: reports (the map)")
    alerts: bool = Field(
        False,
        description="send `event: alert` messages: the open alerts the caller may see, then each change "
        "(raised, escalated, acknowledged); the watch floor's banner",
    )


DEFAULT_ZOOM = 9
DEFAULT_STATUSES = [Status.VALIDATED.value, Status.PUBLISHED.value]


class EventLayerQuery(WindowQuery):
    zoom: int = Field(DEFAULT_ZOOM, ge=0, le=22)
    bbox: str | None = Field(None, description="west,south,east,north in degrees (default: the theatre)")
    status: list[str] = Field(DEFAULT_STATUSES, description="report statuses to show (repeatable)")
