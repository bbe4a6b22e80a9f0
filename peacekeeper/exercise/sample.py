"""What the generator needs to know about the theatre, read from the database once.

Generating a million reports must not query per report: TheatreSample holds the municipalities (with
prepared boundaries), the towns reports cluster around with their weights, and the flashpoints.
"""

from dataclasses import dataclass

import shapely
from shapely.geometry import shape
from shapely.geometry.base import BaseGeometry

from peacekeeper.exercise import realism
from peacekeeper.theatre.models import Area, CrossingPoint, Place, Site


@dataclass(frozen=True)
class Municipality:
    id: int
    code: str
    name: str
    majority: str  # "Serb", "Albanian", "Turkish", or "" when the theatre does not say
    serb_majority: bool
    region: str  # realism.NORTH, SERB_SOUTH or SOUTH
    district: str
    population: int
    boundary: BaseGeometry  # prepared, for fast point-in-polygon tests


@dataclass(frozen=True)
class Anchor:
    """A point reports cluster around: a town, a flashpoint, or the inner point of an area without towns."""

    name: str
    lat: float
    lon: float
    municipality: int  # index into TheatreSample.municipalities
    place_id: int | None
    weight: float = 0.0  # share of background reports


@dataclass(frozen=True)
class Flashpoint:
    kind: str  # a key of realism.BURST_MIX: bridge, crossing or town
    anchor: Anchor


@dataclass(frozen=True)
class TheatreSample:
    municipalities: tuple[Municipality, ...]
    towns: tuple[Anchor, ...]  # weights sum to 1
    flashpoints: tuple[Flashpoint, ...]


def sample_theatre() -> TheatreSample:
    """Read the theatre once; raises LookupError when no municipality has a boundary."""
    areas = list(Area.objects.filter(level=Area.Level.MUNICIPALITY, boundary__isnull=False).order_by("code"))
    if not areas:
        raise LookupError("the theatre has no municipality with a boundary: load a scenario first")
    places = _populated_places({area.id for area in areas})
    municipalities = tuple(_municipality(area, places.get(area.id, [])) for area in areas)
    towns = _towns(areas, municipalities, places)
    return TheatreSample(municipalities, towns, _flashpoints(municipalities))


def region_of(attributes: dict) -> str:
    if attributes.get("serb_area") == "north":
        return realism.NORTH
    return realism.SERB_SOUTH if attributes.get("serb_majority") else realism.SOUTH


def _populated_places(area_ids: set[int]) -> dict[int, list[Place]]:
    by_area: dict[int, list[Place]] = {}
    rows = Place.objects.filter(
        kind=Place.Kind.POPULATED, area_id__in=area_ids, lat__isnull=False, lon__isnull=False
    ).order_by("scenario_key")
    for place in rows:
        by_area.setdefault(place.area_id, []).append(place)
    return by_area


def _municipality(area: Area, places: list[Place]) -> Municipality:
    boundary = shape(area.boundary)
    shapely.prepare(boundary)
    attributes = area.attributes or {}
    # A floor, not only a default: one scenario town records a population of 4.
    population = max(sum(place.population or 0 for place in places), realism.FALLBACK_POPULATION)
    return Municipality(
        id=area.id,
        code=area.code,
        name=area.name_en,
        majority=str(attributes.get("majority") or ""),
        serb_majority=bool(attributes.get("serb_majority")),
        region=region_of(attributes),
        district=str(attributes.get("district") or ""),
        population=population,
        boundary=boundary,
    )


def _towns(
    areas: list[Area], municipalities: tuple[Municipality, ...], places: dict[int, list[Place]]
) -> tuple[Anchor, ...]:
    region_population: dict[str, int] = {}
    for municipality in municipalities:
        region_population[municipality.region] = (
            region_population.get(municipality.region, 0) + municipality.population
        )
    region_share = {region: realism.REGION_SHARE[region] for region in region_population}
    share_total = sum(region_share.values())
    towns: list[Anchor] = []
    for index, (area, municipality) in enumerate(zip(areas, municipalities, strict=True)):
        area_weight = (
            region_share[municipality.region]
            / share_total
            * municipality.population
            / region_population[municipality.region]
        )
        towns.extend(_area_towns(index, area, municipality, places.get(area.id, []), area_weight))
    return tuple(towns)


def _area_towns(
    index: int, area: Area, municipality: Municipality, places: list[Place], area_weight: float
) -> list[Anchor]:
    # A place whose point lies outside its area's polygon (a simplified border) cannot anchor reports
    # that must lie in that area; an area left without towns gets its inner point instead.
    inside = [place for place in places if shapely.contains_xy(municipality.boundary, place.lon, place.lat)]
    if not inside:
        return [Anchor(area.name_en, area.centroid_lat, area.centroid_lon, index, None, area_weight)]
    populations = [place.population or 0 for place in inside]
    total = sum(populations)
    shares = [p / total for p in populations] if total else [1 / len(inside)] * len(inside)
    return [
        Anchor(place.name, place.lat, place.lon, index, place.id, area_weight * share)
        for place, share in zip(inside, shares, strict=True)
    ]


def _flashpoints(municipalities: tuple[Municipality, ...]) -> tuple[Flashpoint, ...]:
    found: list[Flashpoint] = []
    bridge = (
        Site.objects.filter(
            kind=Site.Kind.BRIDGE, name__icontains=realism.IBAR_BRIDGE_NAME, place__lat__isnull=False
        )
        .select_related("place")
        .order_by("place__scenario_key")
        .first()
    )
    if bridge:
        found.extend(_flashpoint("bridge", bridge.name.split(" (")[0], bridge.place, municipalities))
    crossing = (
        CrossingPoint.objects.filter(kfor_designation=realism.JARINJE_DESIGNATION, place__lat__isnull=False)
        .select_related("place")
        .order_by("place__scenario_key")
        .first()
    )
    if crossing:
        name = f"{crossing.name_en} ({crossing.kfor_designation})"
        found.extend(_flashpoint("crossing", name, crossing.place, municipalities))
    town = (
        Place.objects.filter(kind=Place.Kind.POPULATED, name=realism.ZVECAN_NAME, lat__isnull=False)
        .order_by("scenario_key")
        .first()
    )
    if town:
        found.extend(_flashpoint("town", town.name, town, municipalities))
    return tuple(found)


def _flashpoint(
    kind: str, name: str, place: Place, municipalities: tuple[Municipality, ...]
) -> list[Flashpoint]:
    for index, municipality in enumerate(municipalities):
        if shapely.contains_xy(municipality.boundary, place.lon, place.lat):
            return [Flashpoint(kind, Anchor(name, place.lat, place.lon, index, place.id))]
    return []  # outside every boundary: its reports could not be placed in a municipality
