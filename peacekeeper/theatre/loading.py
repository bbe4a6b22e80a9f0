"""Load a scenario (peacekeeper/theatre/scenario/<name>/, or any folder laid out alike) into the database.

Idempotent: rows are keyed on our own codes and scenario keys, and a row is saved only when a value
differs, so a second run reports nothing created or updated. Everything happens in one transaction.
"""

import json
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from django.db import models, transaction
from shapely.geometry import shape

from peacekeeper.access.labels import label_from_marking
from peacekeeper.access.models import Organisation
from peacekeeper.theatre import gazetteer
from peacekeeper.theatre.boundaries import AreaIndex, invalidate_area_index, municipality_index
from peacekeeper.theatre.models import Area, CrossingPoint, Place, PlaceName, RoadSegment, Site
from peacekeeper.theatre.names import fold

# Re-exported: the forces' and posture's loaders and the tests find the shipped files through it.
from peacekeeper.theatre.scenarios import SCENARIO_ROOT as SCENARIO_ROOT
from peacekeeper.theatre.scenarios import scenario_folder

_AREA_FIELDS = ("name_en", "name_sq", "name_sr_latn", "name_sr_cyrl", "external_ids", "source")
_POSITION_FIELDS = ("lat", "lon", "source", "approximate", "approximation_note")
_SEGMENT_FIELDS = (
    "road_name", "designations", "road_class", "length_km", "geometry", "approximate", "approximation_note",
)  # fmt: skip


@dataclass
class Counts:
    created: int = 0
    updated: int = 0
    unchanged: int = 0
    deleted: int = 0

    @property
    def changed(self) -> int:
        return self.created + self.updated + self.deleted

    def line(self, kind: str) -> str:
        """e.g. '  areas: 46 (0 new, 0 updated, 0 removed)'."""
        total = self.created + self.updated + self.unchanged
        return f"  {kind}: {total} ({self.created} new, {self.updated} updated, {self.deleted} removed)"


@dataclass
class LoadReport:
    organisations: Counts = field(default_factory=Counts)
    areas: Counts = field(default_factory=Counts)
    places: Counts = field(default_factory=Counts)
    names: Counts = field(default_factory=Counts)
    crossings: Counts = field(default_factory=Counts)
    sites: Counts = field(default_factory=Counts)
    junctions: Counts = field(default_factory=Counts)
    segments: Counts = field(default_factory=Counts)

    @property
    def changed(self) -> int:
        return sum(counts.changed for counts in vars(self).values())

    def summary(self) -> str:
        """One line per kind, e.g. 'areas: 46 (0 new, 0 updated)'."""
        return "\n".join(counts.line(kind) for kind, counts in vars(self).items())


def load_scenario(*, name: str = "kosovo", folder: Path | None = None) -> LoadReport:
    """Load the shipped scenario `name`, or the one in `folder` (a theatre of one's own, a test's)."""
    folder = folder or scenario_folder(name)
    report = LoadReport()
    with transaction.atomic():
        load_organisations(rows=_read(folder / "organisations.json"), counts=report.organisations)
        load_areas(folder=folder, counts=report.areas)
        index = municipality_index()
        areas = dict(Area.objects.values_list("code", "id"))
        load_places(rows=_read(folder / "places.json"), index=index, areas=areas, report=report)
        load_crossings(rows=_read(folder / "crossings.json"), index=index, areas=areas, report=report)
        load_sites(rows=_read(folder / "sites.json"), index=index, areas=areas, report=report)
        load_roads(network=_read(folder / "roads.json"), index=index, areas=areas, report=report)
    invalidate_area_index()
    gazetteer.invalidate()
    return report


def load_organisations(*, rows: list[dict], counts: Counts) -> None:
    fields = ("name", "kind", "nato_member", "description", "source")
    for row in rows:
        _upsert(Organisation, {"code": row["code"]}, {f: row[f] for f in fields}, counts)


def load_areas(*, folder: Path, counts: Counts) -> None:
    outline = _read(folder / "outline.geojson")["features"][0]
    country = _upsert_area(outline["properties"], outline["geometry"], Area.Level.COUNTRY, None, counts)
    district_ids = {}
    for district in _read(folder / "districts.json"):
        properties = district | {"attributes": {"municipalities": district["municipalities"]}}
        district_ids[district["code"]] = _upsert_area(
            properties, None, Area.Level.REGION, country.id, counts
        ).id
    for feature in _read(folder / "municipalities.geojson")["features"]:
        properties = feature["properties"]
        parent_id = district_ids[properties["district"]]
        _upsert_area(properties, feature["geometry"], Area.Level.MUNICIPALITY, parent_id, counts)


def _upsert_area(
    properties: dict, boundary: dict | None, level: int, parent_id: int | None, counts: Counts
) -> Area:
    values: dict[str, Any] = {
        f: properties.get(f) or ("" if f != "external_ids" else {}) for f in _AREA_FIELDS
    }
    values |= {
        "level": level,
        "parent_id": parent_id,
        "boundary": boundary,
        "boundary_source": properties.get("boundary_source", ""),
        "approximate": properties.get("approximate", False),
        "approximation_note": properties.get("approximation_note", ""),
        "attributes": properties.get("attributes") or _attributes(properties),
        "centroid_lat": None,
        "centroid_lon": None,
    }
    if boundary is not None:
        # representative_point lies inside the polygon, where a centroid of a crescent may not.
        inside = shape(boundary).representative_point()
        values |= {"centroid_lat": inside.y, "centroid_lon": inside.x}
    return _upsert(Area, {"code": properties["code"]}, values, counts)


def _attributes(properties: dict) -> dict:
    """What a municipality's properties say beyond the Area's own fields (majority, seat, district)."""
    own = {*_AREA_FIELDS, "code", "boundary_source", "approximate", "approximation_note"}
    return {key: value for key, value in properties.items() if key not in own}


def load_places(*, rows: list[dict], index: AreaIndex, areas: dict[str, int], report: LoadReport) -> None:
    for row in rows:
        values = {f: row[f] for f in (*_POSITION_FIELDS, "name", "population", "importance", "geonames_id")}
        values |= {"kind": Place.Kind.POPULATED, "area_id": _area_id(row, row.get("seat_of"), index, areas)}
        place = _upsert(Place, {"scenario_key": row["scenario_key"]}, values, report.places)
        sync_names(place=place, names=[(n["name"], n["language"]) for n in row["names"]], counts=report.names)


def load_crossings(*, rows: list[dict], index: AreaIndex, areas: dict[str, int], report: LoadReport) -> None:
    for row in rows:
        names = [(row["name_en"], "en"), (row["name_sq"], "sq"), (row["name_sr"], "sr-Latn")]
        names.append((row["name_sr_cyrl"], "sr-Cyrl"))
        place = _own_place(row, row["name_en"], Place.Kind.CROSSING, index, areas, report, names)
        values = {
            f: row[f] for f in ("name_en", "name_sq", "name_sr", "neighbour", "kfor_designation", "road")
        }
        values |= {f: row[f] for f in ("note", "source", "approximate", "approximation_note")}
        _upsert(CrossingPoint, {"place": place}, values, report.crossings)


def load_sites(*, rows: list[dict], index: AreaIndex, areas: dict[str, int], report: LoadReport) -> None:
    for row in rows:
        place = _own_place(row, row["name"], Place.Kind.SITE, index, areas, report, [(row["name"], "en")])
        values = {f: row[f] for f in ("name", "kind", "function", "status", "note", "source", "approximate")}
        values |= {
            "approximation_note": row["approximation_note"],
            "label_id": label_from_marking(row["marking"]).id,
        }
        _upsert(Site, {"place": place}, values, report.sites)


def _own_place(
    row: dict,
    name: str,
    kind: str,
    index: AreaIndex,
    areas: dict[str, int],
    report: LoadReport,
    names: list[tuple[str, str]],
) -> Place:
    """The place a crossing or site stands at: its own row, so it has a position and names of its own."""
    values = {f: row[f] for f in _POSITION_FIELDS} | {"name": name, "kind": kind}
    values["area_id"] = _area_id(row, row.get("municipality_code"), index, areas)
    place = _upsert(Place, {"scenario_key": row["scenario_key"]}, values, report.places)
    sync_names(place=place, names=names, counts=report.names)
    return place


def _area_id(row: dict, hint: str | None, index: AreaIndex, areas: dict[str, int]) -> int | None:
    # The point decides; the facts' municipality attribution only stands in when there is no point
    # or the point falls just outside the simplified boundaries (border crossings).
    return index.locate(row["lat"], row["lon"]) or (areas.get(hint) if hint else None)


def load_roads(*, network: dict, index: AreaIndex, areas: dict[str, int], report: LoadReport) -> None:
    """The road network: its junctions, then one segment per stretch, in bulk (a network has hundreds);
    segments and junctions the file no longer has are removed. A segment whose ends moved is removed and
    made anew, so that no restriction naming it follows it somewhere else."""
    junctions = {place.scenario_key: place for place in Place.objects.filter(kind=Place.Kind.JUNCTION)}
    new_places = []
    for row in network["junctions"]:
        values = {f: row.get(f, "") for f in _POSITION_FIELDS} | {
            "name": row["name"],
            "kind": Place.Kind.JUNCTION,
        }
        values |= {
            "source": row.get("source") or network["source"],
            "area_id": _area_id(row, None, index, areas),
        }
        place = junctions.pop(row["scenario_key"], None)
        if place is None:
            new_places.append(Place(scenario_key=row["scenario_key"], **values))
            report.junctions.created += 1
        else:
            _update_if_changed(place, values, report.junctions)
    Place.objects.bulk_create(new_places)
    place_ids = dict(Place.objects.values_list("scenario_key", "id"))
    existing = {(row.road_code, row.sequence): row for row in RoadSegment.objects.all()}
    new_segments = []
    for row in network["segments"]:
        values = {f: row[f] for f in _SEGMENT_FIELDS}
        values |= {
            "start_id": place_ids[row["start"]],
            "end_id": place_ids[row["end"]],
            "source": row.get("source") or network["source"],
            "credit": network.get("credit", ""),
        }
        key = (row["road_code"], row["sequence"])
        segment = existing.get(key)
        if segment is not None and (segment.start_id, segment.end_id) == (
            values["start_id"],
            values["end_id"],
        ):
            del existing[key]
            _update_if_changed(segment, values, report.segments)
        else:
            new_segments.append(RoadSegment(road_code=key[0], sequence=key[1], **values))
            report.segments.created += 1
    # What is left in `existing` is gone or moved: removed before the new rows take their keys.
    removed = RoadSegment.objects.filter(pk__in=[row.pk for row in existing.values()]).delete()[1]
    report.segments.deleted += removed.get(RoadSegment._meta.label, 0)
    RoadSegment.objects.bulk_create(new_segments)
    gone = Place.objects.filter(pk__in=[place.pk for place in junctions.values()]).delete()[1]
    report.junctions.deleted += gone.get(Place._meta.label, 0)


def sync_names(*, place: Place, names: list[tuple[str, str]], counts: Counts) -> None:
    """Make the place's names exactly these (first language wins for a repeated spelling)."""
    wanted: dict[str, str] = {}
    for name, language in names:
        if name and name.strip():
            wanted.setdefault(name.strip(), language)
    existing = {row.name: row for row in place.names.all()}
    for name, language in wanted.items():
        values = {"language": language, "folded": fold(name)}
        if name in existing:
            _update_if_changed(existing[name], values, counts)
        else:
            PlaceName.objects.create(place=place, name=name, **values)
            counts.created += 1
    stale = [row.pk for name, row in existing.items() if name not in wanted]
    counts.deleted += PlaceName.objects.filter(pk__in=stale).delete()[0]


def _upsert(model: type[models.Model], lookup: dict, values: dict, counts: Counts) -> Any:
    row = model.objects.filter(**lookup).first()
    if row is None:
        counts.created += 1
        return model.objects.create(**lookup, **values)
    _update_if_changed(row, values, counts)
    return row


def _update_if_changed(row: models.Model, values: dict, counts: Counts) -> None:
    changed = [name for name, value in values.items() if getattr(row, name) != value]
    for name in changed:
        setattr(row, name, values[name])
    if changed:
        row.save(update_fields=changed)
        counts.updated += 1
    else:
        counts.unchanged += 1


def _read(path: Path) -> Any:
    return json.loads(path.read_text(encoding="utf-8"))
