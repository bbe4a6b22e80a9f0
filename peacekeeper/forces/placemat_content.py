"""What a placemat shows a reader: the troop figures (public), and the camps and units released to them,
on a map of the municipality boundaries projected into a box. One content for the page and the PDF.
"""

import math
from dataclasses import dataclass
from datetime import date

from django.contrib.auth.models import AnonymousUser, User

from peacekeeper.access.marking import highest_marking
from peacekeeper.forces.layers import visible_units
from peacekeeper.forces.placemats import Placemat, placemat_on
from peacekeeper.theatre.layers import visible_sites
from peacekeeper.theatre.models import Area, Site

BOUNDARY_ATTRIBUTION = (
    "Municipality boundaries: geoBoundaries gbOpen XKX (simplified), from OpenStreetMap. "
    "© OpenStreetMap contributors, geoBoundaries; CC BY-SA 2.0."
)
# Contribution figures come from public sources; a placemat with nothing labelled on it says so.
PUBLIC_MARKING = "PUBLIC"


@dataclass(frozen=True)
class CampMark:
    name: str
    x: float
    y: float
    approximate: bool
    units: tuple[str, ...]
    marking: str


@dataclass(frozen=True)
class MapDrawing:
    width: float
    height: float
    # Each municipality's outer rings as lists of (x, y), y downwards, in the box's units.
    areas: tuple[tuple[str, tuple[tuple[tuple[float, float], ...], ...]], ...]
    camps: tuple[CampMark, ...]
    # Camps released to the reader whose position is not known, with their units: listed, not drawn.
    camps_not_drawn: tuple[tuple[str, tuple[str, ...]], ...]

    def svg_paths(self) -> list[tuple[str, str]]:
        return [
            (name, " ".join("M" + " L".join(f"{x:.1f},{y:.1f}" for x, y in ring) + " Z" for ring in rings))
            for name, rings in self.areas
        ]


@dataclass(frozen=True)
class PlacematContent:
    placemat: Placemat
    drawing: MapDrawing
    marking: str


def placemat_content(*, user: User | AnonymousUser, day: date, width: float = 420.0) -> PlacematContent:
    placemat = placemat_on(day)
    camps = list(visible_sites(user).filter(kind=Site.Kind.CAMP).select_related("place"))
    units = list(visible_units(user).filter(camp__in=camps))
    drawing = draw_map(camps=camps, units=units, width=width)
    marking = highest_marking([*(camp.label for camp in camps), *(unit.label for unit in units)])
    return PlacematContent(placemat=placemat, drawing=drawing, marking=marking or PUBLIC_MARKING)


def draw_map(*, camps: list[Site], units: list, width: float) -> MapDrawing:
    areas = list(Area.objects.filter(level=Area.Level.MUNICIPALITY, boundary__isnull=False).order_by("code"))
    rings_by_area = [(area.name_en, _outer_rings(area.boundary)) for area in areas]
    points = [point for _, rings in rings_by_area for ring in rings for point in ring]
    if not points:
        return MapDrawing(width, width, (), (), tuple((camp.name, ()) for camp in camps))
    west, east = min(p[0] for p in points), max(p[0] for p in points)
    south, north = min(p[1] for p in points), max(p[1] for p in points)
    # Equirectangular, scaled by the cosine of the middle latitude: true shape at Kosovo's size.
    x_scale = math.cos(math.radians((north + south) / 2))
    scale = width / ((east - west) * x_scale)
    height = (north - south) * scale

    def project(lon: float, lat: float) -> tuple[float, float]:
        return (round((lon - west) * x_scale * scale, 2), round((north - lat) * scale, 2))

    projected = tuple(
        (name, tuple(tuple(project(lon, lat) for lon, lat in ring) for ring in rings))
        for name, rings in rings_by_area
    )
    units_at: dict[int, list[str]] = {}
    for unit in units:
        units_at.setdefault(unit.camp_id, []).append(unit.display_name)
    marks, not_drawn = [], []
    for camp in sorted(camps, key=lambda site: site.name):
        if camp.place.lat is None:
            not_drawn.append((camp.name, tuple(units_at.get(camp.pk, ()))))
            continue
        x, y = project(camp.place.lon, camp.place.lat)
        marks.append(
            CampMark(camp.name, x, y, camp.approximate, tuple(units_at.get(camp.pk, ())), camp.label.marking)
        )
    return MapDrawing(round(width, 2), round(height, 2), projected, tuple(marks), tuple(not_drawn))


def _outer_rings(geometry: dict) -> list[list[tuple[float, float]]]:
    if geometry["type"] == "Polygon":
        return [[(lon, lat) for lon, lat, *_ in geometry["coordinates"][0]]]
    if geometry["type"] == "MultiPolygon":
        return [[(lon, lat) for lon, lat, *_ in polygon[0]] for polygon in geometry["coordinates"]]
    return []
