"""What a boundary must be before it replaces a municipality's: of sane size, on Earth, valid, in the theatre.

A boundary file replaces the polygons every report, place and figure is assigned by, so one absurd feature
(a box of ±1e300 degrees, a box in Antarctica, a ring of two million vertices) would move places to (0, 0),
empty municipalities or put an 81 MB row in the database. replace_boundaries refuses the whole file when
any feature fails these checks, before anything is stored.
"""

from dataclasses import dataclass

import numpy as np
import shapely
from shapely.geometry import shape
from shapely.geometry.base import BaseGeometry
from shapely.validation import explain_validity

from peacekeeper.theatre.distances import to_km
from peacekeeper.theatre.models import Area

# The file is read whole into memory, and its parsed coordinates take over ten times its size (an 81 MB
# file took 1.1 GB): refused before reading above this. The shipped municipalities file is 0.2 MB;
# full-resolution geoBoundaries and OCHA COD-AB ADM2 files of a country the size of Kosovo, a few MB.
MAX_BOUNDARY_FILE_BYTES = 32 * 1024 * 1024
# Per feature. The largest shipped municipality has 348 vertices (simplified); full-resolution official
# boundaries have thousands to tens of thousands. Each boundary is one JSON row, served in the map layer.
MAX_BOUNDARY_VERTICES = 100_000
# Smaller than any real municipality (Kosovo's smallest simplified boundary is about 5 km²), large enough to
# refuse a degenerate sliver or a point-sized box.
MIN_BOUNDARY_AREA_KM2 = 0.1
# How far a boundary may reach outside the stored theatre outline (0.05° is 4-5.5 km here): a newer or
# official release differs from the simplified outline by up to a few hundred metres along the border.
THEATRE_MARGIN_DEG = 0.05


@dataclass(frozen=True)
class Theatre:
    """The area every boundary must lie in: the theatre's outline widened by the margin, and its area."""

    name: str
    widened: BaseGeometry
    area_km2: float

    @classmethod
    def around(cls, name: str, outline: BaseGeometry) -> "Theatre":
        widened = outline.buffer(THEATRE_MARGIN_DEG)
        shapely.prepare(widened)
        return cls(name=name, widened=widened, area_km2=_area_km2(outline))


def stored_theatre() -> Theatre | None:
    """The theatre as stored: its country outline, else the union of its municipalities; None if neither.

    Derived from the database, not from a scenario's files, so a theatre loaded from another scenario (or
    whose outline was corrected by hand) is checked against what the system actually holds.
    """
    country = Area.objects.filter(level=Area.Level.COUNTRY, boundary__isnull=False).first()
    if country is not None:
        return Theatre.around(country.name_en, shape(country.boundary))
    boundaries = Area.objects.filter(level=Area.Level.MUNICIPALITY, boundary__isnull=False).values_list(
        "boundary", flat=True
    )
    shapes = [shape(boundary) for boundary in boundaries]
    if not shapes:
        return None
    return Theatre.around("the stored municipalities", shapely.union_all(shapes))


def geometry_problems(geometry: BaseGeometry, theatre: Theatre | None) -> list[tuple[str, str]]:
    """Every (field, reason) that stops this polygon from being a municipality's boundary; [] if none.

    The checks run cheapest and most basic first: a later one means nothing (or would fail inside GEOS)
    when an earlier one failed, so only the validity, theatre and area checks are reported together.
    """
    vertices = shapely.get_num_coordinates(geometry)
    if vertices > MAX_BOUNDARY_VERTICES:
        return [("geometry.coordinates", f"{vertices:,} vertices; at most {MAX_BOUNDARY_VERTICES:,}")]
    coordinates = shapely.get_coordinates(geometry)
    lon, lat = coordinates[:, 0], coordinates[:, 1]
    # Written as "not inside the range", so that NaN fails too.
    if not bool(np.all((lon >= -180) & (lon <= 180))):
        return [("geometry.coordinates", f"longitude {_first_outside(lon, 180)} is not within -180..180")]
    if not bool(np.all((lat >= -90) & (lat <= 90))):
        return [("geometry.coordinates", f"latitude {_first_outside(lat, 90)} is not within -90..90")]
    if not geometry.is_valid:
        return [("geometry", f"not a valid polygon ({explain_validity(geometry)})")]
    problems: list[tuple[str, str]] = []
    if theatre is not None and not theatre.widened.covers(geometry):
        west, south, east, north = geometry.bounds
        problems.append(
            (
                "geometry",
                f"lies outside the theatre ({theatre.name} and {THEATRE_MARGIN_DEG}° around it): "
                f"it spans lon {west:g}..{east:g}, lat {south:g}..{north:g}",
            )
        )
    area = _area_km2(geometry)
    if area < MIN_BOUNDARY_AREA_KM2:
        problems.append(("geometry", f"area {area:.3g} km² is below {MIN_BOUNDARY_AREA_KM2} km²"))
    elif theatre is not None and area > theatre.area_km2:
        problems.append(
            ("geometry", f"area {area:,.0f} km² is larger than the theatre ({theatre.area_km2:,.0f} km²)")
        )
    return problems


def _area_km2(geometry: BaseGeometry) -> float:
    return float(shapely.area(to_km(geometry, geometry.centroid.y)))


def _first_outside(values: np.ndarray, limit: float) -> str:
    outside = values[~((values >= -limit) & (values <= limit))]
    return f"{outside[0]:g}"
