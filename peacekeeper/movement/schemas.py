"""Ninja schemas of the movement API."""

from datetime import date, datetime
from typing import Literal

from ninja import Field, Schema

from peacekeeper.core.bounds import DbInt, Id, QueryDay, QueryMoment
from peacekeeper.core.geojson import MARKINGS, Geometry

Status = Literal["open", "restricted", "closed"]


class ElementState(Schema):
    status: Status
    cause: str
    since: str | None
    until: str | None = Field(
        description="when the last restriction behind the status ends; null: until lifted"
    )
    restriction_ids: list[int]
    report_ids: list[int]
    via: list[str] = Field(description="crossings and bridges on this segment whose status it takes")


class SegmentState(Schema):
    id: int
    road_code: str
    designations: list[str] = Field(description="every designation of the stretch, road_code first")
    road_class: str = Field(description="motorway, national or regional")
    road_name: str
    start: str
    end: str
    length_km: float
    geometry: Geometry
    state: ElementState


class PointState(Schema):
    id: int
    kind: Literal["crossing", "bridge"]
    name: str
    lat: float
    lon: float
    segment_ids: list[int]
    state: ElementState


class NetworkRead(Schema):
    at: datetime
    total_km: float
    open_km: float
    restricted_km: float
    closed_km: float
    marking: str | None = Field(description="the combined marking of the restrictions behind the state")
    markings: list[str] = Field(description=MARKINGS)
    segments: list[SegmentState]
    points: list[PointState]


class RestrictionRead(Schema):
    id: int
    status: Literal["restricted", "closed"]
    origin: Literal["report", "hand"]
    summary: str
    cause: str
    restricted_party: str
    restricted_by: str
    location_name: str
    lat: float | None
    lon: float | None
    started_at: datetime
    expires_at: datetime | None
    lifted_at: datetime | None
    ends_at: datetime | None
    in_force: bool
    duration: str
    ended: str
    report_id: int | None
    recorded_by: str | None
    segment_ids: list[int]
    crossing_ids: list[int]
    bridge_ids: list[int]
    elements: list[str]
    exercise: bool
    marking: str


class RestrictionCreate(Schema):
    status: Literal["restricted", "closed"]
    cause: str
    # Looked up with IN (...), where SQLite overflows on an id past 64 bits; the parser bounds the numbers of
    # a JSON body, not a number sent as text ("99999999999999999999"), which the schema converts.
    segment_ids: list[Id] = []
    crossing_ids: list[Id] = []
    bridge_ids: list[Id] = []
    started_at: datetime | None = None
    expires_at: datetime | None = None
    marking: str = ""
    restricted_party: str = ""
    restricted_by: str = ""
    location_name: str = ""
    note: str = ""


class LiftIn(Schema):
    at: datetime | None = None
    note: str = ""


class DayRead(Schema):
    day: date
    open_percent: float
    closed_km_hours: float
    restricted_km_hours: float
    hours: float


class IndexRead(Schema):
    rule: str
    total_km: float
    days: list[DayRead]


class EndRead(Schema):
    query: str
    lat: float
    lon: float
    snapped_to: str
    snap_km: float


class RouteSegment(Schema):
    id: int
    road_code: str
    designations: list[str] = Field(description="every designation of the stretch, road_code first")
    road_class: str = Field(description="motorway, national or regional")
    from_place: str
    to_place: str
    km: float
    minutes: float
    status: Status
    geometry: Geometry
    why: list[str] = []


class RouteRead(Schema):
    km: float
    minutes: int
    via: list[str] = Field(description="every node passed, road junctions included")
    towns: list[str] = Field(description="the towns and crossings passed (via without the junctions)")
    roads: list[str] = Field(description="the roads followed, by primary designation, in order")
    restricted_segments: int
    segments: list[RouteSegment]


class AreaAvoided(Schema):
    code: str
    name: str
    level: int


class Unroutable(Schema):
    reason: str
    cut: list[RouteSegment]


class RouteAnswer(Schema):
    at: datetime
    origin: EndRead
    destination: EndRead
    avoided_areas: list[AreaAvoided]
    routes: list[RouteRead]
    unroutable: Unroutable | None
    assumptions: str
    network_approximate: bool = Field(description="the road network's lines and lengths are approximate")
    marking: str | None = Field(description="the combined marking of what the routes reflect")
    markings: list[str] = Field(description=MARKINGS)


class AtQuery(Schema):
    at: QueryMoment | None = Field(None, description="the moment (default: now)")


class IndexQuery(Schema):
    first: QueryDay | None = Field(None, description="first day (default: 29 days before the last)")
    last: QueryDay | None = Field(None, description="last day (default: today, UTC)")


class LogQuery(Schema):
    since: QueryMoment | None = None
    until: QueryMoment | None = None
    status: str = ""
    origin: str = ""
    q: str = ""
    in_force: bool = False
    segment: Id | None = None
    crossing: Id | None = None


class RouteQuery(Schema):
    origin: str = ""
    destination: str = ""
    origin_lat: float | None = None
    origin_lon: float | None = None
    destination_lat: float | None = None
    destination_lon: float | None = None
    at: QueryMoment | None = None
    avoid_level: DbInt | None = Field(None, description="avoid municipalities at or above this threat level")
