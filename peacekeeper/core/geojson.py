"""GeoJSON building blocks shared by every layer endpoint and export."""

from collections.abc import Iterable
from typing import Literal

import orjson
from django.http import HttpResponse
from ninja import Schema

Coordinates = list[float] | list[list[float]] | list[list[list[float]]] | list[list[list[list[float]]]]


class Geometry(Schema):
    type: Literal["Point", "LineString", "Polygon", "MultiPoint", "MultiLineString", "MultiPolygon"]
    coordinates: Coordinates


def point(lat: float, lon: float) -> dict:
    # GeoJSON order is longitude, latitude.
    return {"type": "Point", "coordinates": [round(lon, 6), round(lat, 6)]}


def feature(*, geometry: dict | None, properties: dict, feature_id: int | str | None = None) -> dict:
    item = {"type": "Feature", "geometry": geometry, "properties": properties}
    if feature_id is not None:
        item["id"] = feature_id
    return item


def feature_collection_response(features: Iterable[dict], *, marking: str | None = None) -> HttpResponse:
    """Serialise with orjson (several times faster than the stdlib on large layers)."""
    body: dict = {"type": "FeatureCollection", "features": list(features)}
    if marking is not None:
        body["marking"] = marking
    return HttpResponse(orjson.dumps(body), content_type="application/geo+json")
