"""An OpenStreetMap road extract as the theatre's road network (`peacekeeper load-theatre --roads FILE`).

The file is a GeoJSON FeatureCollection of LineString / MultiLineString features whose properties are OSM
tags (`highway`, `ref`, `name`, `name:en`, …, and optionally `@id` or `osm_id`), as `osmium export` of a
Geofabrik extract or the HOT export tool writes it. Roads of highway motorway, trunk, primary, secondary
and tertiary (and their _link roads) are kept; other features are counted and left out. The whole file is
checked before anything is built: a feature that is not a readable line (wrong type, a coordinate that is
not a number on Earth, a line of one point, text that cannot be stored) refuses it, every problem named
by feature index and field.

The lines are noded where they share a vertex (`road_graph`), crossing points and bridges put on the
nearest road within ANCHOR_KM, towns within PLACE_KM made nodes, and the result handed to
`loading.load_roads`, the scenario's own loader, which replaces the network whole. What could not be
matched (a crossing or bridge near no road) is reported, not fatal. Restrictions follow in
`movement.rebinding`, which calls `replace_with_extract` in its transaction.
"""

import codecs
import math
import os
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import orjson
from shapely.geometry import LineString

from peacekeeper.core.errors import FileRefused
from peacekeeper.core.text import text_problem
from peacekeeper.theatre.boundaries import municipality_index
from peacekeeper.theatre.boundary_checks import Theatre, stored_theatre
from peacekeeper.theatre.loading import LoadReport, load_roads
from peacekeeper.theatre.models import Area, CrossingPoint, Place, RoadSegment, Site
from peacekeeper.theatre.road_graph import LineGraph, canonical_designation

CREDIT = "© OpenStreetMap contributors"
LICENCE = "OpenStreetMap data, ODbL 1.0"
KEPT_HIGHWAYS = {
    "motorway": RoadSegment.RoadClass.MOTORWAY,
    "trunk": RoadSegment.RoadClass.NATIONAL,
    "primary": RoadSegment.RoadClass.NATIONAL,
    "secondary": RoadSegment.RoadClass.REGIONAL,
    "tertiary": RoadSegment.RoadClass.REGIONAL,
}
# A Geofabrik extract of Kosovo filtered to these roads is a few MB; its parsed coordinates take ten times
# the file's size in memory.
MAX_ROAD_FILE_BYTES = 64 * 1024 * 1024
MAX_LINE_VERTICES = 100_000
# A file broken throughout (the wrong export) is refused with the first problems, not a screen per feature.
MAX_PROBLEMS_SHOWN = 50
# OSM lines are surveyed; the positions of crossings and bridges in the sources are good to about this.
ANCHOR_KM = 1.0
PLACE_KM = 1.5
_RANK = {
    RoadSegment.RoadClass.MOTORWAY: 0,
    RoadSegment.RoadClass.NATIONAL: 1,
    RoadSegment.RoadClass.REGIONAL: 2,
}
_TEXT_TAGS = ("ref", "name", "name:en", "int_ref", "old_ref", "official_ref")


class RoadFileError(FileRefused):
    """The file cannot be used; problems lists each one, naming the feature index and field."""


@dataclass(frozen=True)
class Way:
    road_class: str
    designations: tuple[str, ...]
    name: str
    lines: tuple[tuple[tuple[float, float], ...], ...]  # (lat, lon) points


@dataclass
class ExtractReport:
    features: int = 0
    kept: int = 0
    left_out: Counter = field(default_factory=Counter)
    towns_on_network: int = 0
    towns: int = 0
    unmatched: list[str] = field(default_factory=list)
    load: LoadReport = field(default_factory=LoadReport)

    def summary(self) -> str:
        lines = [
            f"  features: {self.features} read, {self.kept} roads kept"
            + "".join(f", {count} left out ({why})" for why, count in sorted(self.left_out.items())),
            self.load.segments.line("segments"),
            self.load.junctions.line("junctions"),
            f"  towns on the network: {self.towns_on_network} of {self.towns}",
        ]
        lines += [f"  not matched: {what}" for what in self.unmatched]
        return "\n".join(lines)


def read_road_extract(path: Path) -> tuple[list[Way], ExtractReport]:
    """Every road of the file, checked; RoadFileError lists every problem and nothing is stored."""
    try:
        size = path.stat().st_size
        if size <= MAX_ROAD_FILE_BYTES:
            with path.open("rb") as file:
                # Bounded again, for a file that is not a regular one (a pipe, a device) or that grows.
                data = file.read(MAX_ROAD_FILE_BYTES + 1)
                size = len(data)
    except OSError as error:
        raise RoadFileError([f"{path.name}: cannot be read ({error})"]) from None
    if size > MAX_ROAD_FILE_BYTES:
        raise RoadFileError([f"{path.name}: is larger than {MAX_ROAD_FILE_BYTES // 2**20} MB"])
    return parse_road_document(data, name=path.name, theatre=stored_theatre())


def parse_road_document(
    data: bytes, *, name: str, theatre: Theatre | None
) -> tuple[list[Way], ExtractReport]:
    try:
        document = orjson.loads(data.removeprefix(codecs.BOM_UTF8))
    except orjson.JSONDecodeError as error:
        raise RoadFileError([f"{name}: is not JSON ({error})"]) from None
    if not isinstance(document, dict) or document.get("type") != "FeatureCollection":
        kind = document.get("type") if isinstance(document, dict) else type(document).__name__
        raise RoadFileError([f"{name}: field 'type' is {kind!r}; expected 'FeatureCollection'"])
    if not isinstance(document.get("features"), list):
        raise RoadFileError([f"{name}: field 'features' is missing or not a list"])
    report = ExtractReport(features=len(document["features"]))
    ways, problems = [], []
    for index, raw in enumerate(document["features"]):
        way, why = _way(index, raw, problems)
        if why:
            report.left_out[why] += 1
        elif way is not None:
            if theatre is not None and not any(
                theatre.widened.intersects(LineString(_xy(line))) for line in way.lines
            ):
                report.left_out["outside the theatre"] += 1
                continue
            ways.append(way)
    if problems:
        shown = problems[:MAX_PROBLEMS_SHOWN]
        more = len(problems) - len(shown)
        raise RoadFileError(shown + ([f"{name}: and {more} more problems"] if more else []))
    if not ways:
        raise RoadFileError(
            [f"{name}: no feature is a road of highway {', '.join(KEPT_HIGHWAYS)} in the theatre"]
        )
    report.kept = len(ways)
    return ways, report


def _xy(line: tuple[tuple[float, float], ...]) -> list[tuple[float, float]]:
    return [(lon, lat) for lat, lon in line]


def _way(index: int, raw: Any, problems: list[str]) -> tuple[Way | None, str]:
    """The feature as a road, or why it is left out; a problem that refuses the file goes to problems."""
    if not isinstance(raw, dict):
        problems.append(f"feature {index}: feature: is not a JSON object")
        return None, ""
    properties = raw.get("properties")
    if not isinstance(properties, dict):
        problems.append(f"feature {index}: properties: is missing or not a JSON object")
        return None, ""
    label = _label(index, properties)
    highway = properties.get("highway")
    if not isinstance(highway, str):
        return None, "no highway tag"
    road_class = KEPT_HIGHWAYS.get(highway.removesuffix("_link"))
    if road_class is None:
        return None, f"highway {highway}" if text_problem(highway) is None else "highway not a road"
    found = []
    for tag in _TEXT_TAGS:
        value = properties.get(tag)
        if value is None:
            continue
        if not isinstance(value, str):
            found.append(f"{label}: properties.{tag}: is {type(value).__name__}, not text")
        elif problem := text_problem(value):
            found.append(f"{label}: properties.{tag}: {problem}")
    lines, problem = _lines(raw.get("geometry"))
    if problem:
        found.append(f"{label}: {problem[0]}: {problem[1]}")
    if found:
        problems.extend(found)
        return None, ""
    refs = []
    for value in (properties.get("ref") or "").split(";"):
        code = canonical_designation(value) or value.strip()
        if code and code not in refs:
            refs.append(code)
    name = properties.get("name:en") or properties.get("name") or ""
    return Way(road_class, tuple(refs), name.strip(), lines), ""


def _label(index: int, properties: dict) -> str:
    """'feature 3 (w4, M2)': the index, and the way's OSM id and ref or name where they are printable."""
    parts = (properties.get(key) for key in ("@id", "osm_id", "id", "ref", "name"))
    said = [
        str(part)[:60]
        for part in parts
        if isinstance(part, str | int) and str(part).isprintable() and part != ""
    ]
    return f"feature {index} ({', '.join(said[:2]) or 'no id'})"


def _lines(geometry: Any) -> tuple[tuple, tuple[str, str] | None]:
    if not isinstance(geometry, dict):
        return (), ("geometry", "is missing")
    kind = geometry.get("type")
    coordinates = geometry.get("coordinates")
    if kind == "LineString":
        parts = [coordinates]
    elif kind == "MultiLineString" and isinstance(coordinates, list):
        parts = coordinates
    else:
        return (), ("geometry.type", f"is {kind!r}; expected LineString or MultiLineString")
    lines = []
    for part in parts:
        if not isinstance(part, list) or len(part) < 2:
            return (), ("geometry.coordinates", "a line needs at least two positions")
        if len(part) > MAX_LINE_VERTICES:
            return (), ("geometry.coordinates", f"{len(part):,} vertices; at most {MAX_LINE_VERTICES:,}")
        points = []
        for position in part:
            if not (
                isinstance(position, list)
                and len(position) >= 2
                and all(
                    isinstance(value, int | float) and not isinstance(value, bool) for value in position[:2]
                )
            ):
                return (), (
                    "geometry.coordinates",
                    f"{str(position)[:40]} is not a [longitude, latitude] position",
                )
            lon, lat = float(position[0]), float(position[1])
            if not (math.isfinite(lon) and -180 <= lon <= 180 and math.isfinite(lat) and -90 <= lat <= 90):
                return (), (
                    "geometry.coordinates",
                    f"{position[0]}, {position[1]} is not a position on Earth",
                )
            points.append((lat, lon))
        lines.append(tuple(points))
    return tuple(lines), None


def build_network(ways: list[Way], report: ExtractReport, *, source: str) -> dict:
    """The extract as the scenario's roads.json lays a network out (see `loading.load_roads`)."""
    graph = LineGraph()
    for way in ways:
        label = (way.road_class, way.designations, way.name)
        for line in way.lines:
            graph.add_line(line, label)
    bound: dict[int, str] = {}
    for crossing in CrossingPoint.objects.filter(place__lat__isnull=False).select_related("place"):
        vertex, distance = graph.anchor(crossing.place.lat, crossing.place.lon, within_km=ANCHOR_KM)
        if vertex is None:
            report.unmatched.append(
                f"crossing {crossing.name_en}: no road within {ANCHOR_KM} km ({distance:.1f} km)"
            )
        else:
            bound[vertex] = crossing.place.scenario_key
    for bridge in Site.objects.filter(kind=Site.Kind.BRIDGE, place__lat__isnull=False).select_related(
        "place"
    ):
        vertex, distance = graph.anchor(bridge.place.lat, bridge.place.lon, within_km=ANCHOR_KM)
        if vertex is None:
            report.unmatched.append(
                f"bridge {bridge.name}: no road within {ANCHOR_KM} km ({distance:.1f} km)"
            )
    towns = list(
        Place.objects.filter(kind=Place.Kind.POPULATED, lat__isnull=False).order_by("-importance", "pk")
    )
    report.towns = len(towns)
    for town in towns:
        vertex = graph.bind(town.lat, town.lon, within_km=PLACE_KM)
        if vertex is not None and vertex not in bound:
            bound[vertex] = town.scenario_key
            report.towns_on_network += 1
    return _laid_out(graph, bound, towns, source=source)


def _laid_out(graph: LineGraph, bound: dict[int, str], towns: list[Place], *, source: str) -> dict:
    rows, meeting = [], {}
    for stretch in graph.stretches(bound):
        road_class, _, name = min(stretch.labels, key=lambda label: (_RANK[label[0]], label[1], label[2]))
        codes = list(dict.fromkeys(code for label in stretch.labels for code in label[1]))
        rows.append((stretch, road_class, codes, name))
        for end in (stretch.vertices[0], stretch.vertices[-1]):
            meeting.setdefault(end, set()).add(codes[0] if codes else name or road_class)
    junctions = {}
    for vertex, roads in meeting.items():
        if vertex in bound:
            continue
        lat, lon = graph.lats[vertex], graph.lons[vertex]
        town = min(towns, key=lambda place: graph.km_to(vertex, place.lat, place.lon)) if towns else None
        where = f", {graph.km_to(vertex, town.lat, town.lon):.0f} km from {town.name}" if town else ""
        junctions[vertex] = {
            "scenario_key": f"junction:{lat:.5f},{lon:.5f}",
            "name": f"{' / '.join(sorted(roads))[:100]} junction{where}",
            "lat": lat,
            "lon": lon,
            "approximate": False,
            "approximation_note": "",
        }
    sequences: Counter = Counter()
    segments = []
    for stretch, road_class, codes, name in rows:
        road_code = (codes[0] if codes else name or "unnumbered")[:32]
        sequences[road_code] += 1
        start, end = stretch.vertices[0], stretch.vertices[-1]
        segments.append(
            {
                "road_code": road_code,
                "sequence": sequences[road_code],
                "designations": codes,
                "road_class": road_class,
                "road_name": (name or ", ".join(codes) or "unnamed road")[:300],
                "start": bound.get(start) or junctions[start]["scenario_key"],
                "end": bound.get(end) or junctions[end]["scenario_key"],
                "length_km": round(stretch.km, 3),
                "geometry": {"type": "LineString", "coordinates": [list(c) for c in stretch.coordinates]},
                "approximate": False,
                "approximation_note": "",
            }
        )
    return {"source": source, "credit": CREDIT, "junctions": list(junctions.values()), "segments": segments}


def replace_with_extract(ways: list[Way], report: ExtractReport, *, source: str) -> ExtractReport:
    """Store the extract's network in place of the current one (the caller holds the transaction)."""
    network = build_network(ways, report, source=source)
    areas = dict(Area.objects.values_list("code", "id"))
    load_roads(network=network, index=municipality_index(), areas=areas, report=report.load)
    return report


def source_of(path: Path) -> str:
    # A file name in bytes that are not UTF-8 (a file system allows them) is stored as text all the same.
    name = os.fsencode(path.name).decode(errors="replace")
    return f"{name} (OpenStreetMap road extract; {LICENCE}; {CREDIT})"
