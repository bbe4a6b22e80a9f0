"""Municipality boundaries: which municipality a point lies in, and replacing boundaries from a file.

A mission may receive official boundaries (an OCHA COD-AB file with P-codes, or a newer geoBoundaries
release); replace_boundaries matches them to our municipalities by name across languages and spellings,
after checking every feature (boundary_checks: size, coordinates, validity, in the theatre, area).
"""

import codecs
import os
import re
import threading
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import numpy as np
import orjson
import shapely
from django.db import transaction
from shapely import GEOSException, STRtree
from shapely.geometry import Point, mapping, shape
from shapely.geometry.base import BaseGeometry

from peacekeeper.core.errors import FileRefused
from peacekeeper.core.text import text_problem
from peacekeeper.theatre.boundary_checks import (
    MAX_BOUNDARY_FILE_BYTES,
    Theatre,
    geometry_problems,
    stored_theatre,
)
from peacekeeper.theatre.models import Area, Place
from peacekeeper.theatre.names import MunicipalityMatcher

# Name properties of geoBoundaries (shapeName) and OCHA COD-AB (ADM2_EN, ADM2_SQ, ADM2_REF, ADM2ALT1EN ...).
_NAME_PROPERTY = re.compile(r"^(shapeName|ADM2_[A-Z]{2}|ADM2_REF|ADM2ALT\d+[A-Z]{2})$")
# Property -> key in Area.external_ids.
_ID_PROPERTIES = {"shapeID": "geoBoundaries", "ADM2_PCODE": "pcode"}


class AreaIndex:
    """Point-in-polygon lookup over area polygons (an STRtree, so each lookup tests only nearby areas)."""

    def __init__(self, polygons: list[tuple[int, BaseGeometry]]) -> None:
        self._area_ids = [area_id for area_id, _ in polygons]
        self._tree = STRtree([polygon for _, polygon in polygons])

    def locate(self, lat: float | None, lon: float | None) -> int | None:
        """The id of the area containing the point (a point on a shared border goes to the first)."""
        if lat is None or lon is None:
            return None
        hits = self._tree.query(Point(lon, lat), predicate="intersects")
        return self._area_ids[int(min(hits))] if len(hits) else None

    def locate_many(
        self, lats: Sequence[float], lons: Sequence[float], *, tolerance_deg: float = 0.0
    ) -> list[int | None]:
        """Areas of many points in one vectorised query (bulk ingest assigns a whole batch at once).

        A point outside every polygon but within tolerance_deg of one goes to the nearest: the shipped
        boundaries are simplified, so a point on the real border can fall a few hundred metres outside.
        """
        if not len(lats):
            return []
        points = shapely.points(np.asarray(lons, dtype=float), np.asarray(lats, dtype=float))
        found: list[int | None] = [None] * len(points)
        point_index, tree_index = self._tree.query(points, predicate="intersects")
        pairs = sorted(zip(point_index.tolist(), tree_index.tolist(), strict=True), reverse=True)
        for point, polygon in pairs:  # reversed, so the lowest polygon index wins, as in locate
            found[point] = self._area_ids[polygon]
        missing = [i for i, area in enumerate(found) if area is None]
        if missing and tolerance_deg > 0:
            near_points, near_polygons = self._tree.query_nearest(
                points[missing], max_distance=tolerance_deg, all_matches=False
            )
            for point, polygon in zip(near_points.tolist(), near_polygons.tolist(), strict=True):
                found[missing[point]] = self._area_ids[polygon]
        return found


# One index per process, built on first use and dropped whenever boundaries change here. Another
# process's change is not seen until its next invalidation or restart: boundaries change rarely.
_cached_index: AreaIndex | None = None
_cache_lock = threading.Lock()


def municipality_index() -> AreaIndex:
    """The index of the municipalities' boundaries as stored now (not cached)."""
    rows = Area.objects.filter(level=Area.Level.MUNICIPALITY, boundary__isnull=False).values_list(
        "id", "boundary"
    )
    return AreaIndex([(area_id, shape(boundary)) for area_id, boundary in rows])


def invalidate_area_index() -> None:
    global _cached_index, _cached_outline
    with _cache_lock:
        _cached_index = None
        _cached_outline = None


# How far outside the theatre's simplified outline a point still counts as inside it (about 2 km).
THEATRE_TOLERANCE_DEG = 0.02
_cached_outline: BaseGeometry | None = None


def theatre_outline() -> BaseGeometry | None:
    """The theatre's outline (the level-0 area), slightly widened for simplified borders; None if absent."""
    global _cached_outline
    with _cache_lock:
        if _cached_outline is None:
            country = Area.objects.filter(level=Area.Level.COUNTRY, boundary__isnull=False).first()
            if country is None:
                return None
            _cached_outline = shape(country.boundary).buffer(THEATRE_TOLERANCE_DEG)
            shapely.prepare(_cached_outline)
        return _cached_outline


def in_theatre_many(lats: Sequence[float], lons: Sequence[float]) -> list[bool]:
    """Whether each point lies in the theatre; with no outline loaded every point counts as inside."""
    return within_outline(theatre_outline(), lats, lons)


def within_outline(outline: BaseGeometry | None, lats: Sequence[float], lons: Sequence[float]) -> list[bool]:
    """Whether each point lies in outline (theatre_outline's, read beforehand: no query here, so a thread
    that has no database connection may ask); with None every point counts as inside."""
    if outline is None:
        return [True] * len(lats)
    points = shapely.points(np.asarray(lons, dtype=float), np.asarray(lats, dtype=float))
    return shapely.contains(outline, points).tolist()


def cached_municipality_index() -> AreaIndex:
    global _cached_index
    with _cache_lock:
        if _cached_index is None:
            _cached_index = municipality_index()
        return _cached_index


def assign_area(lat: float, lon: float) -> Area | None:
    """The municipality a point lies in, or None outside every boundary."""
    area_id = cached_municipality_index().locate(lat, lon)
    return Area.objects.filter(pk=area_id).first() if area_id is not None else None


def reassign_places(index: AreaIndex) -> int:
    """Move every positioned place into the area its point lies in; places outside keep their area."""
    moved = 0
    for place in Place.objects.filter(lat__isnull=False, lon__isnull=False).only(
        "id", "lat", "lon", "area_id"
    ):
        area_id = index.locate(place.lat, place.lon)
        if area_id is not None and area_id != place.area_id:
            Place.objects.filter(pk=place.pk).update(area_id=area_id)
            moved += 1
    return moved


class BoundaryFileError(FileRefused):
    """The file cannot be used; problems lists each one, naming the feature index and field."""


@dataclass(frozen=True)
class UnmatchedFeature:
    index: int
    names: tuple[str, ...]
    reason: str


@dataclass
class BoundaryReport:
    matched: dict[int, str] = field(default_factory=dict)  # feature index -> municipality code
    unmatched: list[UnmatchedFeature] = field(default_factory=list)
    without_new_boundary: list[str] = field(default_factory=list)  # municipality codes
    places_reassigned: int = 0

    def summary(self) -> str:
        """What a person running the import needs to read: counts, then every problem on its own line."""
        lines = [
            f"{len(self.matched)} boundaries replaced, {len(self.unmatched)} features not matched, "
            f"{len(self.without_new_boundary)} municipalities kept their old boundary, "
            f"{self.places_reassigned} places moved to another municipality"
        ]
        lines += [
            f"  feature {item.index} ({', '.join(item.names) or 'no name'}): {item.reason}"
            for item in self.unmatched
        ]
        lines += [f"  kept the old boundary: {code}" for code in self.without_new_boundary]
        return "\n".join(lines)


@dataclass(frozen=True)
class BoundaryFeature:
    index: int
    names: tuple[str, ...]
    external_ids: dict[str, str]
    geometry: BaseGeometry


def replace_boundaries(*, path: Path, source: str = "") -> BoundaryReport:
    """Replace municipality boundaries from a GeoJSON file; all or nothing.

    Raises BoundaryFileError, before anything is stored, when the file cannot be read, any feature fails
    the checks of boundary_checks, or no feature matches a municipality; features that match nothing are
    reported, not fatal.
    """
    report = BoundaryReport()
    features = read_boundary_file(path, theatre=stored_theatre())
    areas = {area.code: area for area in Area.objects.filter(level=Area.Level.MUNICIPALITY)}
    matches = _match(features, areas, report)
    if not matches:
        raise BoundaryFileError([f"{path.name}: no feature matches a municipality"])
    # A file name in bytes that are not UTF-8 (a file system allows them) is stored as text all the same.
    source = source or f"{os.fsencode(path.name).decode(errors='replace')} (replaced boundary)"
    with transaction.atomic():
        for feature, area in matches:
            _store(area, feature, source)
        report.places_reassigned = reassign_places(municipality_index())
    invalidate_area_index()
    matched_codes = {area.code for _, area in matches}
    report.without_new_boundary = sorted(set(areas) - matched_codes)
    return report


def _store(area: Area, feature: BoundaryFeature, source: str) -> None:
    inside = feature.geometry.representative_point()
    area.boundary = orjson.loads(orjson.dumps(mapping(feature.geometry)))
    area.centroid_lat, area.centroid_lon = inside.y, inside.x
    area.external_ids = {**area.external_ids, **feature.external_ids}
    area.boundary_source = source
    area.save(update_fields=["boundary", "centroid_lat", "centroid_lon", "external_ids", "boundary_source"])


def _match(
    features: list[BoundaryFeature], areas: dict[str, Area], report: BoundaryReport
) -> list[tuple[BoundaryFeature, Area]]:
    matcher = MunicipalityMatcher((code, area.names) for code, area in areas.items())
    by_external_id = {
        (key, value): code for code, area in areas.items() for key, value in area.external_ids.items()
    }
    matches: list[tuple[BoundaryFeature, Area]] = []
    taken: dict[str, int] = {}
    for feature in features:
        codes = {by_external_id[item] for item in feature.external_ids.items() if item in by_external_id}
        codes = codes or matcher.match_any(feature.names)
        reason = ""
        if not codes:
            reason = "no municipality has any of these names"
        elif len(codes) > 1:
            reason = f"the names mean several municipalities: {', '.join(sorted(codes))}"
        elif (code := next(iter(codes))) in taken:
            reason = f"{code} is already matched by feature {taken[code]}"
        if reason:
            report.unmatched.append(UnmatchedFeature(feature.index, feature.names, reason))
            continue
        taken[code] = feature.index
        report.matched[feature.index] = code
        matches.append((feature, areas[code]))
    return matches


def read_boundary_file(path: Path, *, theatre: Theatre | None) -> list[BoundaryFeature]:
    """Every feature of a boundary file, checked (see boundary_checks); BoundaryFileError lists all problems.

    The size is checked before the file is read, so an absurd file is refused without filling memory.
    """
    try:
        size = path.stat().st_size
        if size <= MAX_BOUNDARY_FILE_BYTES:
            with path.open("rb") as file:
                # Bounded again, for a file that is not a regular one (a pipe, a device) or that grows.
                data = file.read(MAX_BOUNDARY_FILE_BYTES + 1)
                size = len(data)
    except OSError as error:
        raise BoundaryFileError([f"{path.name}: cannot be read ({error})"]) from None
    if size > MAX_BOUNDARY_FILE_BYTES:
        limit = MAX_BOUNDARY_FILE_BYTES // 2**20
        raise BoundaryFileError([f"{path.name}: is larger than {limit} MB, the most a boundary file may be"])
    return parse_boundary_document(data, name=path.name, theatre=theatre)


def parse_boundary_document(data: bytes, *, name: str, theatre: Theatre | None) -> list[BoundaryFeature]:
    """The features of a GeoJSON FeatureCollection, each checked; BoundaryFileError lists every problem."""
    try:
        # Some Windows tools start UTF-8 files with a byte-order mark, which JSON does not allow.
        document = orjson.loads(data.removeprefix(codecs.BOM_UTF8))
    except orjson.JSONDecodeError as error:
        raise BoundaryFileError([f"{name}: is not JSON ({error})"]) from None
    if not isinstance(document, dict) or document.get("type") != "FeatureCollection":
        kind = document.get("type") if isinstance(document, dict) else type(document).__name__
        raise BoundaryFileError([f"{name}: field 'type' is {kind!r}; expected 'FeatureCollection'"])
    if not isinstance(document.get("features"), list):
        raise BoundaryFileError([f"{name}: field 'features' is missing or not a list"])
    features: list[BoundaryFeature] = []
    problems: list[str] = []
    for index, raw in enumerate(document["features"]):
        try:
            features.append(_parse_feature(index, raw, theatre))
        except BoundaryFileError as error:
            problems.extend(error.problems)
    if problems:
        raise BoundaryFileError(problems)
    return features


def _parse_feature(index: int, raw: Any, theatre: Theatre | None) -> BoundaryFeature:
    if not isinstance(raw, dict):
        raise BoundaryFileError([_problem(index, (), "feature", "is not a JSON object")])
    properties = raw.get("properties") or {}
    if not isinstance(properties, dict):
        raise BoundaryFileError([_problem(index, (), "properties", "is not a JSON object")])
    names = tuple(str(v) for k, v in properties.items() if _NAME_PROPERTY.match(k) and v and str(v).strip())
    external_ids = {
        key: str(properties[prop]) for prop, key in _ID_PROPERTIES.items() if properties.get(prop)
    }
    # The ids are stored with the municipality (the names are only matched): no NUL, which PostgreSQL refuses.
    problems = [
        (f"properties.{prop}", problem)
        for prop, key in _ID_PROPERTIES.items()
        if key in external_ids and (problem := text_problem(external_ids[key]))
    ]
    polygon = _polygon(raw.get("geometry"))
    if isinstance(polygon, tuple):
        problems.append(polygon)
    else:
        problems += geometry_problems(polygon, theatre)
    if problems:
        raise BoundaryFileError([_problem(index, names, part, reason) for part, reason in problems])
    return BoundaryFeature(index, names, external_ids, polygon)


def _problem(index: int, names: tuple[str, ...], part: str, reason: str) -> str:
    return f"feature {index} ({', '.join(names) or 'no name'}): {part}: {reason}"


def _polygon(geometry: Any) -> BaseGeometry | tuple[str, str]:
    """The feature's polygon or multipolygon, or the (field, reason) it cannot be read for."""
    if not geometry:
        return ("geometry", "is missing")
    kind = geometry.get("type") if isinstance(geometry, dict) else None
    if kind not in ("Polygon", "MultiPolygon"):
        return ("geometry.type", f"is {kind!r}; expected Polygon or MultiPolygon")
    try:
        polygon = shape(geometry)
    except (GEOSException, ValueError, TypeError, KeyError, IndexError, AttributeError) as error:
        return ("geometry.coordinates", f"is not a valid {kind} ({error})")
    if polygon.is_empty:
        return ("geometry.coordinates", "is empty")
    return polygon
