"""GeoJSON building blocks shared by every layer endpoint and export."""

from collections.abc import Iterable
from typing import Literal

import orjson
from django.http import HttpRequest, HttpResponse
from ninja import Schema

from peacekeeper.core.conditional import conditional_response, etag_of

# What a layer's `markings` hold, for the map's banner (access/marking.py).
MARKINGS = "each distinct marking of the labels behind the body, for GET /api/access/banner"

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


def feature_collection_response(
    features: Iterable[dict],
    *,
    marking: str | None = None,
    markings: list[str] | None = None,
    request: HttpRequest | None = None,
) -> HttpResponse:
    """Serialise with orjson (several times faster than the stdlib on large layers).

    A layer of releasable records gives their combined marking and each of their labels' markings
    (access.marking.marking_fields).
    Given the request, the response carries an ETag and answers an unchanged refresh with 304.
    """
    body: dict = {"type": "FeatureCollection", "features": list(features)}
    if markings is not None:
        body["marking"] = marking
        body["markings"] = markings
    data = orjson.dumps(body)
    if request is None:
        return HttpResponse(data, content_type="application/geo+json")
    return conditional_response(request, data, etag_of(data), content_type="application/geo+json")
