"""API schemas of forces: the units layer (GeoJSON), unit records, caveats and placemats."""

from datetime import date
from typing import Literal

from ninja import Field, Schema

from peacekeeper.core.geojson import MARKINGS, Geometry

# A caveat's parameters: {"capability": "crc"}, {"region": "RC-W"}, {"hours": 72} or {} (see caveats.py).
CaveatParams = dict[str, str | int]


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
    marking: str | None = Field(description="the combined marking of the units shown")
    markings: list[str] = Field(description=MARKINGS)
    features: list[UnitFeature]


class CaveatRead(Schema):
    id: int
    nation: str | None
    unit: int | None
    unit_name: str | None
    kind: str
    params: CaveatParams
    description: str
    note: str
    source: str
    marking: str


class CaveatWrite(Schema):
    """A caveat applies to a nation (its code) or to one unit (its id), not both."""

    kind: str
    nation: str | None = None
    unit: int | None = None
    params: CaveatParams = {}
    note: str = ""
    source: str = ""
    marking: str = "NATO RESTRICTED // REL TO KFOR"
    release_reason: str = Field(
        "",
        max_length=255,
        description="Why a changed marking may release the caveat wider (release authority)",
    )


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
    capabilities: list[str]
    strength: int | None
    readiness_hours: int | None
    rotation_start: date | None
    rotation_end: date | None
    transfer_of_authority: date | None
    # Values the sources do not give, each with why ("rotation" covers the three rotation dates).
    assumptions: dict[str, str]
    registry_note: str
    # The caveats binding the unit (its own and its nation's) that the caller may see.
    caveats: list[CaveatRead]


class NationFigureRead(Schema):
    nation: str
    nation_name: str
    troops: int
    name_inferred: bool
    note: str


class PlacematRead(Schema):
    requested: date
    as_of: date
    as_of_text: str
    total: int
    listed_total: int
    stated_total: int | None
    partial: bool
    approximation_notes: list[str]
    sources: list[str]
    nations: list[NationFigureRead]
