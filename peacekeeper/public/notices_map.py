"""The safety notices' map: the product's own offline basemap and the notices in force, each layer one
GeoJSON endpoint of the public site.

The public site has no mission API and its theatre tables are empty, so its layers come from files: the
theatre folder's basemap (settlements, rivers), its road network (roads.json) and its municipalities
(municipalities.geojson), read as the mission's loader reads them; the notices come from the last imported
release bundle. A deployment's raster tile archive is not offered here: the drawn basemap is the public
map's.
"""

from functools import cache
from pathlib import Path

from django.http import HttpRequest, HttpResponse
from django.urls import path, reverse
from django.utils import timezone
from django.views.decorators.http import require_safe

from peacekeeper.core.geojson import feature, feature_collection_response
from peacekeeper.release.models import PublicNotice
from peacekeeper.theatre import basemap
from peacekeeper.theatre.scenarios import configured_scenario, map_view, read_json


def map_settings() -> dict:
    """What the page hands its map script (basemap.js's createMap): the theatre's view and basemap."""
    return {
        "view": map_view(),
        "basemap": basemap.drawn_basemap(
            places=reverse("public_map_places"),
            rivers=reverse("public_map_rivers"),
            roads=reverse("public_map_roads"),
        ),
    }


@cache
def _road_features(folder: Path) -> list[dict]:
    path = folder / "roads.json"
    if not path.exists():
        return []
    network = read_json(path)
    return [
        feature(
            feature_id=f"{row['road_code']}/{row['sequence']}",
            geometry=row["geometry"],
            properties={
                "road_code": row["road_code"],
                "designations": row.get("designations") or [row["road_code"]],
                "road_class": row.get("road_class", ""),
                "road_name": row.get("road_name", ""),
                "approximate": bool(row.get("approximate")),
                "credit": network.get("credit", ""),
            },
        )
        for row in network["segments"]
    ]


@cache
def _area_features(folder: Path) -> list[dict]:
    path = folder / "municipalities.geojson"
    if not path.exists():
        return []
    return [
        feature(geometry=row["geometry"], properties={"name": row["properties"].get("name_en", "")})
        for row in read_json(path)["features"]
    ]


def notice_features() -> list[dict]:
    """The notices in force that have a geometry; the page lists every notice, with or without one."""
    return [
        feature(
            feature_id=notice.source_id,
            geometry=notice.geometry,
            properties={"kind": notice.kind, "exercise": notice.exercise, "marking": notice.marking},
        )
        for notice in PublicNotice.objects.in_force(timezone.now())
        if notice.geometry
    ]


@require_safe
def places_layer(request: HttpRequest) -> HttpResponse:
    return feature_collection_response(basemap.place_features(), request=request)


@require_safe
def rivers_layer(request: HttpRequest) -> HttpResponse:
    return feature_collection_response(basemap.river_features(), request=request)


@require_safe
def roads_layer(request: HttpRequest) -> HttpResponse:
    return feature_collection_response(_road_features(configured_scenario()), request=request)


@require_safe
def areas_layer(request: HttpRequest) -> HttpResponse:
    return feature_collection_response(_area_features(configured_scenario()), request=request)


@require_safe
def notices_layer(request: HttpRequest) -> HttpResponse:
    return feature_collection_response(notice_features(), request=request)


urlpatterns = [
    path("basemap/places.geojson", places_layer, name="public_map_places"),
    path("basemap/rivers.geojson", rivers_layer, name="public_map_rivers"),
    path("basemap/roads.geojson", roads_layer, name="public_map_roads"),
    path("areas.geojson", areas_layer, name="public_map_areas"),
    path("notices.geojson", notices_layer, name="public_map_notices"),
]
