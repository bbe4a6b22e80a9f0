"""Map layers of the theatre as GeoJSON features.

Areas, places, roads and crossing points are open reference data (OpenStreetMap, GeoNames and
public sources) and carry no release label. Sites do: they are read through the access policy.
"""

from django.contrib.auth.models import User
from django.db.models import Prefetch
from django.urls import reverse

from peacekeeper.access import policy
from peacekeeper.access.marking import MarkingFields, marking_fields
from peacekeeper.core.geojson import feature, point
from peacekeeper.theatre.models import Area, CrossingPoint, Place, PlaceName, RoadSegment, Site


def area_features(*, level: int) -> list[dict]:
    areas = Area.objects.filter(level=level).select_related("parent").order_by("name_en")
    return [
        feature(
            feature_id=area.pk,
            geometry=area.boundary,
            properties={
                "code": area.code,
                "level": area.level,
                "name_en": area.name_en,
                "name_sq": area.name_sq,
                "name_sr_latn": area.name_sr_latn,
                "name_sr_cyrl": area.name_sr_cyrl,
                "parent": area.parent.name_en if area.parent else None,
                "external_ids": {key: str(value) for key, value in area.external_ids.items()},
            },
        )
        for area in areas
    ]


def place_features(*, min_importance: float = 0.0) -> list[dict]:
    places = (
        Place.objects.filter(kind=Place.Kind.POPULATED, lat__isnull=False, importance__gte=min_importance)
        .select_related("area")
        .prefetch_related(Prefetch("names", queryset=PlaceName.objects.order_by("name")))
    )
    return [
        feature(
            feature_id=place.pk,
            geometry=point(place.lat, place.lon),
            properties={
                "name": place.name,
                "kind": place.kind,
                "area": place.area.name_en if place.area else None,
                "population": place.population,
                "importance": place.importance,
                "approximate": place.approximate,
                "names": sorted({name.name for name in place.names.all()} - {place.name}),
            },
        )
        for place in places
    ]


def road_features() -> list[dict]:
    segments = RoadSegment.objects.select_related("start", "end")
    return [
        feature(
            feature_id=segment.pk,
            geometry=segment.geometry,
            properties={
                "road_code": segment.road_code,
                "designations": segment.designations or [segment.road_code],
                "road_class": segment.road_class,
                "road_name": segment.road_name,
                "start": segment.start.name,
                "end": segment.end.name,
                "length_km": round(segment.length_km, 2),
                "approximate": segment.approximate,
                "approximation_note": segment.approximation_note,
                "credit": segment.credit,
            },
        )
        for segment in segments
    ]


def crossing_features() -> list[dict]:
    crossings = CrossingPoint.objects.filter(place__lat__isnull=False).select_related("place__area")
    return [
        feature(
            feature_id=crossing.pk,
            geometry=point(crossing.place.lat, crossing.place.lon),
            properties={
                "name": crossing.name_en,
                "name_sq": crossing.name_sq,
                "name_sr": crossing.name_sr,
                "neighbour": crossing.neighbour,
                "kfor_designation": crossing.kfor_designation,
                "area": crossing.place.area.name_en if crossing.place.area else None,
                "approximate": crossing.approximate,
                "approximation_note": crossing.approximation_note,
                "note": crossing.note,
            },
        )
        for crossing in crossings
    ]


# APP-6D (MIL-STD-2525D) land installation, symbol set 20, friend, entity 120802 "Infrastructure - Military
# Infrastructure - Base" (as in milsymbol's numbersidc landinstallation table). Protected sites and bridges
# have no installation symbol here yet: "" lets the map draw its own marker.
SITE_SIDC = {Site.Kind.CAMP: "10032000001208020000"}


def visible_sites(user: User):
    return policy.visible(Site.objects.all(), user).select_related("place__area", "label")


def sites_at_own_places():
    """Sites standing at a place of their own (kind Site), which names and positions them. A town is open
    reference data: a site wrongly attached to one does not take the town out of anyone's lookups."""
    return Site.objects.filter(place__kind=Place.Kind.SITE)


def hidden_site_places(user: User) -> set[int]:
    """Places of the sites this user may not see: the gazetteer must not reveal them by name."""
    visible_ids = visible_sites(user).values("pk")
    return set(sites_at_own_places().exclude(pk__in=visible_ids).values_list("place_id", flat=True))


def visible_places(user: User):
    """The gazetteer's places this user may know of: every place but those of sites not released to them,
    and road junctions (nodes of the network, not places a report or a unit is at)."""
    return Place.objects.exclude(pk__in=hidden_site_places(user)).exclude(kind=Place.Kind.JUNCTION)


def site_features(*, user: User) -> tuple[list[dict], MarkingFields]:
    """The sites this user may see, and their markings (for the banner)."""
    sites = list(visible_sites(user).filter(place__lat__isnull=False))
    features = [
        feature(
            feature_id=site.pk,
            geometry=point(site.place.lat, site.place.lon),
            properties={
                "name": site.name,
                "kind": site.kind,
                "function": site.function,
                "status": site.status,
                "area": site.place.area.name_en if site.place.area else None,
                "approximate": site.approximate,
                "approximation_note": site.approximation_note,
                "marking": site.label.marking,
                "url": reverse("theatre:site", args=[site.pk]),
                "sidc": SITE_SIDC.get(site.kind, ""),
            },
        )
        for site in sites
    ]
    return features, marking_fields(site.label for site in sites)
