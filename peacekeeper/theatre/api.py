"""Theatre API: one GeoJSON endpoint per map layer, the basemap's layers and tiles, the gazetteer, and
site records."""

from django.http import Http404, HttpRequest, HttpResponse
from ninja import Query, Router, Schema
from ninja.errors import HttpError

from peacekeeper.access import policy
from peacekeeper.access.audit import record_access
from peacekeeper.access.models import AuditEntry
from peacekeeper.core.bounds import DbInt
from peacekeeper.core.conditional import conditional_response, etag_of
from peacekeeper.core.geojson import feature_collection_response
from peacekeeper.core.openapi import GEOJSON_BODY, answers, etagged
from peacekeeper.theatre import basemap, gazetteer, layers
from peacekeeper.theatre.models import Area
from peacekeeper.theatre.schemas import (
    AreaLayer,
    BasemapPlaceLayer,
    BasemapRiverLayer,
    CrossingLayer,
    PlaceLayer,
    PlaceMatchOut,
    RoadLayer,
    SiteLayer,
    SiteRead,
)

router = Router(tags=["theatre"])

# A tile does not change while the server runs (the archive is read at start): kept a day, then revalidated.
TILE_CACHE = "private, max-age=86400"


class AreaFilter(Schema):
    level: DbInt = Area.Level.MUNICIPALITY


class PlaceFilter(Schema):
    min_importance: float = 0.0


class LookupQuery(Schema):
    q: str
    limit: DbInt = 10


@router.get(
    "/areas.geojson",
    response=etagged(AreaLayer),
    openapi_extra=GEOJSON_BODY,
    summary="Areas (municipalities by default) as GeoJSON",
)
def areas_layer(request: HttpRequest, filters: Query[AreaFilter]) -> HttpResponse:
    return feature_collection_response(layers.area_features(level=filters.level), request=request)


@router.get(
    "/places.geojson",
    response=etagged(PlaceLayer),
    openapi_extra=GEOJSON_BODY,
    summary="Populated places as GeoJSON",
)
def places_layer(request: HttpRequest, filters: Query[PlaceFilter]) -> HttpResponse:
    return feature_collection_response(
        layers.place_features(min_importance=filters.min_importance), request=request
    )


@router.get(
    "/roads.geojson",
    response=etagged(RoadLayer),
    openapi_extra=GEOJSON_BODY,
    summary="Road segments as GeoJSON",
)
def roads_layer(request: HttpRequest) -> HttpResponse:
    return feature_collection_response(layers.road_features(), request=request)


@router.get(
    "/crossings.geojson",
    response=etagged(CrossingLayer),
    openapi_extra=GEOJSON_BODY,
    summary="Crossing points as GeoJSON",
)
def crossings_layer(request: HttpRequest) -> HttpResponse:
    return feature_collection_response(layers.crossing_features(), request=request)


@router.get(
    "/basemap/places.geojson",
    response=etagged(BasemapPlaceLayer),
    openapi_extra=GEOJSON_BODY,
    summary="The basemap's settlements as GeoJSON, ranked for labelling",
)
def basemap_places_layer(request: HttpRequest) -> HttpResponse:
    return feature_collection_response(basemap.place_features(), request=request)


@router.get(
    "/basemap/rivers.geojson",
    response=etagged(BasemapRiverLayer),
    openapi_extra=GEOJSON_BODY,
    summary="The basemap's rivers as GeoJSON",
)
def basemap_rivers_layer(request: HttpRequest) -> HttpResponse:
    return feature_collection_response(basemap.river_features(), request=request)


@router.get(
    "/basemap/tiles/{int:z}/{int:x}/{int:y}",
    response=etagged(str),
    openapi_extra=answers("image/png", "image/jpeg", "image/webp", file=True),
    summary="A tile (XYZ) of the deployment's tile archive, PEACEKEEPER_BASEMAP; 404 where it has none",
)
def basemap_tile(request: HttpRequest, z: int, x: int, y: int) -> HttpResponse:
    archive = basemap.tile_archive()
    tile = archive.tile(z, x, y) if archive else None
    if tile is None:
        raise Http404("no such tile")
    return conditional_response(
        request, tile, etag_of(tile), content_type=archive.info.media_type, cache_control=TILE_CACHE
    )


@router.get(
    "/sites.geojson",
    response=etagged(SiteLayer),
    openapi_extra=GEOJSON_BODY,
    summary="Camps and protected sites the caller may see",
)
def sites_layer(request: HttpRequest) -> HttpResponse:
    features, marking = layers.site_features(user=request.user)
    return feature_collection_response(features, **marking, request=request)


@router.get("/sites/{int:site_id}", response=SiteRead, summary="One site, if the caller may see it")
def site_detail(request: HttpRequest, site_id: int) -> SiteRead:
    site = policy.get_visible_or_404(layers.visible_sites(request.user), request.user, pk=site_id)
    record_access(user=request.user, action=AuditEntry.Action.VIEWED, record=site, detail="api")
    return SiteRead(
        id=site.pk,
        name=site.name,
        kind=site.kind,
        function=site.function,
        status=site.status,
        note=site.note,
        area=site.place.area.name_en if site.place.area else None,
        lat=site.place.lat,
        lon=site.place.lon,
        approximate=site.approximate,
        approximation_note=site.approximation_note,
        source=site.source,
        marking=site.label.marking,
    )


@router.get(
    "/gazetteer", response=list[PlaceMatchOut], summary="Look up places by any name, prefix, any script"
)
def gazetteer_lookup(request: HttpRequest, params: Query[LookupQuery]) -> list[PlaceMatchOut]:
    try:
        matches = gazetteer.lookup(
            query=params.q,
            limit=max(1, min(params.limit, 50)),
            hidden=layers.hidden_site_places(request.user),
        )
    except ValueError as error:
        raise HttpError(422, f"q: {error}") from None
    return [
        PlaceMatchOut(
            place_id=match.place_id,
            name=match.name,
            matched_name=match.matched_name,
            kind=match.kind,
            lat=match.lat,
            lon=match.lon,
            area_name=match.area_name,
            approximate=match.approximate,
        )
        for match in matches
    ]
