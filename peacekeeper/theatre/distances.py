"""Kilometres from degrees, for a theatre the size of Kosovo.

An equirectangular projection around a reference latitude: across about 150 km its error stays well under
1 %, far below the precision of the positions it is used on, and it keeps shapely's fast planar operations
(buffers, dwithin, areas) in km. Great-circle formulas are not worth their cost at this scale.
"""

import math

import numpy as np
import shapely
from numpy.typing import ArrayLike
from shapely.geometry import shape

KM_PER_DEGREE_LAT = 110.574
KM_PER_DEGREE_LON_AT_EQUATOR = 111.320
# Kosovo spans about 41.9-43.3 N.
THEATRE_REFERENCE_LAT = 42.6


def km_per_degree_lon(lat: float) -> float:
    return KM_PER_DEGREE_LON_AT_EQUATOR * math.cos(math.radians(lat))


def to_km(geometries, reference_lat: float = THEATRE_REFERENCE_LAT):
    """Shapely geometries (one or an array) from lon/lat degrees to km around the reference latitude."""
    scale = np.array([km_per_degree_lon(reference_lat), KM_PER_DEGREE_LAT])
    return shapely.transform(geometries, lambda coordinates: coordinates * scale)


def area_km2(boundary: dict) -> float:
    """The area of a GeoJSON polygon or multipolygon, projected around its own centroid."""
    geometry = shape(boundary)
    return float(shapely.area(to_km(geometry, geometry.centroid.y)))


def km_between(lats: ArrayLike, lons: ArrayLike, lat: float, lon: float) -> np.ndarray:
    """Distances in km from many points to one point (projected around that point)."""
    dx = (np.asarray(lons) - lon) * km_per_degree_lon(lat)
    dy = (np.asarray(lats) - lat) * KM_PER_DEGREE_LAT
    return np.hypot(dx, dy)


def moved_by_km(
    lats: np.ndarray, lons: np.ndarray, km_north: np.ndarray, km_east: np.ndarray
) -> tuple[np.ndarray, np.ndarray]:
    """Points moved by km north and east of many starting points: the inverse of km_between, each move
    projected around its own starting point, so km_between gives back the distance moved."""
    lats, lons = np.asarray(lats, dtype=float), np.asarray(lons, dtype=float)
    moved_lats = lats + np.asarray(km_north) / KM_PER_DEGREE_LAT
    moved_lons = lons + np.asarray(km_east) / (KM_PER_DEGREE_LON_AT_EQUATOR * np.cos(np.radians(lats)))
    return moved_lats, moved_lons
