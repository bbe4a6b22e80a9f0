"""API schemas of the theatre: layers (GeoJSON) and the gazetteer."""

from typing import Literal

from ninja import Field, Schema

from peacekeeper.core.geojson import MARKINGS, Geometry


class AreaProperties(Schema):
    code: str
    level: int
    name_en: str
    name_sq: str
    name_sr_latn: str
    name_sr_cyrl: str
    parent: str | None
    external_ids: dict[str, str]


class AreaFeature(Schema):
    type: Literal["Feature"]
    id: int
    geometry: Geometry | None
    properties: AreaProperties


class AreaLayer(Schema):
    type: Literal["FeatureCollection"]
    features: list[AreaFeature]


class PlaceProperties(Schema):
    name: str
    kind: str
    area: str | None
    population: int | None
    importance: float
    approximate: bool
    names: list[str]


class PlaceFeature(Schema):
    type: Literal["Feature"]
    id: int
    geometry: Geometry
    properties: PlaceProperties


class PlaceLayer(Schema):
    type: Literal["FeatureCollection"]
    features: list[PlaceFeature]


class RoadProperties(Schema):
    road_code: str = Field(description="the primary designation")
    designations: list[str] = Field(description="every designation the stretch carries, road_code first")
    road_class: str = Field(description="motorway, national or regional")
    road_name: str
    start: str
    end: str
    length_km: float
    approximate: bool
    approximation_note: str
    credit: str = Field(description="whom a map showing the road must credit (the data's source)")


class RoadFeature(Schema):
    type: Literal["Feature"]
    id: int
    geometry: Geometry
    properties: RoadProperties


class RoadLayer(Schema):
    type: Literal["FeatureCollection"]
    features: list[RoadFeature]


class CrossingProperties(Schema):
    name: str
    name_sq: str
    name_sr: str
    neighbour: str
    kfor_designation: str
    area: str | None
    approximate: bool
    approximation_note: str
    note: str


class CrossingFeature(Schema):
    type: Literal["Feature"]
    id: int
    geometry: Geometry
    properties: CrossingProperties


class CrossingLayer(Schema):
    type: Literal["FeatureCollection"]
    features: list[CrossingFeature]


class BasemapPlaceProperties(Schema):
    name: str = Field(description="the English name where the source has one, else its own")
    name_local: str
    kind: str = Field(description="city, town, village, suburb, hamlet, neighbourhood or locality")
    population: int | None
    rank: int = Field(description="labelling order, 1 first: by kind, then population")


class BasemapPlaceFeature(Schema):
    type: Literal["Feature"]
    id: int
    geometry: Geometry
    properties: BasemapPlaceProperties


class BasemapPlaceLayer(Schema):
    type: Literal["FeatureCollection"]
    features: list[BasemapPlaceFeature]


class BasemapRiverProperties(Schema):
    name: str
    note: str


class BasemapRiverFeature(Schema):
    type: Literal["Feature"]
    geometry: Geometry
    properties: BasemapRiverProperties


class BasemapRiverLayer(Schema):
    type: Literal["FeatureCollection"]
    features: list[BasemapRiverFeature]


class SiteProperties(Schema):
    name: str
    kind: str
    function: str
    status: str
    area: str | None
    approximate: bool
    approximation_note: str
    marking: str
    url: str
    sidc: str


class SiteFeature(Schema):
    type: Literal["Feature"]
    id: int
    geometry: Geometry
    properties: SiteProperties


class SiteLayer(Schema):
    type: Literal["FeatureCollection"]
    marking: str | None = Field(description="the combined marking of the sites shown")
    markings: list[str] = Field(description=MARKINGS)
    features: list[SiteFeature]


class SiteRead(Schema):
    id: int
    name: str
    kind: str
    function: str
    status: str
    note: str
    area: str | None
    lat: float | None
    lon: float | None
    approximate: bool
    approximation_note: str
    source: str
    marking: str


class PlaceMatchOut(Schema):
    place_id: int
    name: str
    matched_name: str
    kind: str
    lat: float | None
    lon: float | None
    area_name: str | None
    approximate: bool
