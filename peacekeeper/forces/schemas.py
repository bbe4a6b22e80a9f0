"""API schemas of forces: the units layer (GeoJSON) and one unit's record."""

from typing import Literal

from ninja import Schema

from peacekeeper.core.geojson import Geometry


class UnitProperties(Schema):
    name: str
    short_name: str
    nation: str | None
    echelon: str
    role: str
    sidc: str
    camp: str | None
    approximate: bool
    approximation_note: str
    marking: str


class UnitFeature(Schema):
    type: Literal["Feature"]
    id: int
    geometry: Geometry
    properties: UnitProperties


class UnitLayer(Schema):
    type: Literal["FeatureCollection"]
    marking: str | None
    features: list[UnitFeature]


class UnitRead(Schema):
    id: int
    name: str
    short_name: str
    nation: str | None
    nation_name: str | None
    echelon: str
    echelon_label: str
    sidc: str
    sidc_note: str
    role: str
    location: str
    camp: str | None
    lat: float | None
    lon: float | None
    approximate: bool
    approximation_note: str
    source: str
    marking: str
