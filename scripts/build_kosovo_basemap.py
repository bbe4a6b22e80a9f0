"""Build the Kosovo basemap files from the shared basemap data (run by developers, not at run time).

Reads /work/shared/data/basemap/ (OpenStreetMap settlements, Natural Earth rivers; see its README.md) and
the scenario's own outline, and writes peacekeeper/theatre/scenario/kosovo/basemap/: places.geojson,
rivers.geojson, basemap.json (credits, zoom limits) and SOURCES.md. The product never reads the shared
folder.

    .venv/bin/python scripts/build_kosovo_basemap.py [--shared /work/shared/data]
"""

import argparse
import json
from pathlib import Path

from shapely.geometry import Point, shape
from shapely.ops import substring, unary_union

ROOT = Path(__file__).resolve().parent.parent
SCENARIO = ROOT / "peacekeeper" / "theatre" / "scenario" / "kosovo"
OUT = SCENARIO / "basemap"

OSM_CREDIT = "© OpenStreetMap contributors (ODbL)"
NATURAL_EARTH_CREDIT = "Natural Earth (public domain)"

# Drawing order of settlement kinds: a city before any town, a town before any village, and so on.
KIND_ORDER = ["city", "town", "village", "suburb", "hamlet", "neighbourhood", "locality"]

# Natural Earth's one "Sitnica" line is three rivers: it starts north-east of Podujevë on the Llap, which
# joins the Sitnica near Milloshevë (Obiliq), follows the Sitnica to its confluence with the Ibar at
# Mitrovica, and goes on north along the Ibar. It is cut at the two confluences.
LLAP_CONFLUENCE = Point(21.035, 42.73)
IBAR_CONFLUENCE = Point(20.87, 42.89)
# Points within this distance (degrees, ~110 m) of the simplified outline count as inside: border villages
# whose OSM node sits a few metres across a generalised line.
OUTLINE_TOLERANCE = 0.001


def outline_of(scenario: Path):
    data = json.loads((scenario / "outline.geojson").read_text(encoding="utf-8"))
    return unary_union([shape(feature["geometry"]) for feature in data["features"]]).buffer(OUTLINE_TOLERANCE)


def settlements(source: dict, outline) -> list[dict]:
    """The named OSM places inside the theatre, ranked by kind then population (1 first)."""
    kept = []
    for item in source["features"]:
        props = item["properties"]
        lon, lat = item["geometry"]["coordinates"]
        if not props.get("name") or props["place"] not in KIND_ORDER or not outline.covers(Point(lon, lat)):
            continue
        kept.append((props, round(lon, 5), round(lat, 5)))
    kept.sort(
        key=lambda row: (KIND_ORDER.index(row[0]["place"]), -(row[0].get("population") or 0), row[0]["name"])
    )
    features = []
    for rank, (props, lon, lat) in enumerate(kept, start=1):
        features.append(
            {
                "type": "Feature",
                "id": props["osm_node_id"],
                "geometry": {"type": "Point", "coordinates": [lon, lat]},
                "properties": {
                    # The English name where OSM has one (Pristina, Northern Mitrovica), as the gazetteer
                    # shows it; otherwise the name OSM gives.
                    "name": props.get("name_en") or props["name"],
                    "name_local": props["name"],
                    "kind": props["place"],
                    "population": props.get("population"),
                    "rank": rank,
                },
            }
        )
    return features


def river(name: str, geometry, note: str) -> dict:
    coordinates = [[round(x, 5), round(y, 5)] for x, y in geometry.coords]
    return {
        "type": "Feature",
        "geometry": {"type": "LineString", "coordinates": coordinates},
        "properties": {"name": name, "note": note},
    }


def rivers(*sources: dict) -> list[dict]:
    """Every Natural Earth line, the "Sitnica" cut into the Llap, the Sitnica and the Ibar."""
    note = "Natural Earth 1:10m, generalised: the course is approximate to about a kilometre"
    features = []
    for source in sources:
        for item in source["features"]:
            name = item["properties"].get("name_en") or item["properties"]["name"]
            line = shape(item["geometry"])
            if name != "Sitnica":
                features.append(river(name, line, note))
                continue
            # Cut points along the line, in its own drawing order (it runs from the Llap's end).
            cuts = sorted([line.project(LLAP_CONFLUENCE), line.project(IBAR_CONFLUENCE)])
            pieces = [
                substring(line, 0, cuts[0]),
                substring(line, *cuts),
                substring(line, cuts[1], line.length),
            ]
            if pieces[0].coords[0][0] < pieces[-1].coords[-1][0]:
                raise SystemExit(
                    "the Sitnica line no longer starts on the Llap, east of the Ibar: check the cuts"
                )
            renamed = "named Sitnica in Natural Earth, but "
            features.append(
                river(
                    "Llap",
                    pieces[0],
                    note
                    + "; "
                    + renamed
                    + "upstream of its confluence with the Sitnica near Milloshevë this "
                    "course, through Podujevë, is the Llap",
                )
            )
            features.append(
                river(
                    "Sitnica",
                    pieces[1],
                    note
                    + "; from the Llap's confluence to the Ibar's at Mitrovica. The Sitnica's upper course "
                    "(Ferizaj, Lipjan) is not in the source",
                )
            )
            features.append(
                river(
                    "Ibar",
                    pieces[2],
                    note + "; " + renamed + "downstream of the Sitnica–Ibar confluence at Mitrovica this "
                    "course is the Ibar. The upper Ibar (Gazivoda, Zubin Potok) is not in the source",
                )
            )
    return features


def collection(features: list[dict]) -> str:
    """A FeatureCollection with one feature a line: compact, and a rebuild's changes read line by line."""
    lines = [json.dumps(feature, ensure_ascii=False, separators=(",", ":")) for feature in features]
    return '{"type":"FeatureCollection","features":[\n' + ",\n".join(lines) + "\n]}\n"


SOURCES = """\
# Sources of the Kosovo basemap

Generated by `scripts/build_kosovo_basemap.py` from the shared `basemap/` folder; do not edit by hand.
Read at run time from the theatre's folder (`basemap/`), never loaded into the database.

## Settlements (places.geojson)
{places} named places inside the Kosovo outline (`outline.geojson`, within ~110 m of it): {kinds}.
OpenStreetMap nodes (`place=*`) from a Geofabrik Kosovo extract of September 2019, as packaged in the
GitHub repository ObiWanLansi/GeoData (file `Europe/kosovo.sqlite.zip`, commit 3f600c7e).
**© OpenStreetMap contributors, ODbL 1.0** (https://www.openstreetmap.org/copyright): this file is a
derived database and stays under the ODbL. Unnamed nodes are left out. `name` is OSM's `name:en` where
tagged, otherwise `name`; `name_local` is `name`. `rank` orders the places for labelling: by kind (city,
town, village, suburb, hamlet, neighbourhood, locality), then by OSM's `population` where tagged (only
{with_population} are), then by name.

## Rivers (rivers.geojson)
Natural Earth 1:10m rivers (European supplement and rivers/lake centrelines), public domain, via the
GitHub repository martynafford/natural-earth-geojson (commit 0b9a6ceb), clipped to lon 20.0–21.8,
lat 41.8–43.3: {rivers}.
- The Natural Earth line named "Sitnica" is three rivers. It continues north of Mitrovica through
  Leposavić: downstream of the Sitnica–Ibar confluence at Mitrovica (about 42.89 N, 20.87 E) that course
  is the Ibar. And it starts north-east of Podujevë: upstream of the Llap's confluence with the Sitnica
  near Milloshevë (about 42.73 N, 21.04 E) that course, through Podujevë, is the Llap. The line is cut at
  both confluences and each part named for its river; each part's `note` says so.
- Not in the source, so not on the map: the Sitnica's upper course (Ferizaj, Lipjan), the upper Ibar
  (Gazivoda, Zubin Potok) and the lakes (Gazivoda, Batllava, Radoniq). At 1:10m every course is
  generalised to about a kilometre.

## Zoom (basemap.json)
Maps stop at zoom {max_zoom} (about 14 m a pixel here, a 1,366-pixel map some 19 km wide): the settlements
are points a kilometre or two apart, the rivers are generalised to about a kilometre and the roads
join places; closer, the drawn map would show nothing more, only its own errors larger. A deployment's
tile archive (`PEACEKEEPER_BASEMAP`) sets its own limit. Maps stop at zoom {min_zoom} going out: the
whole theatre is then a few hundred pixels wide.
"""


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--shared", type=Path, default=Path("/work/shared/data"))
    shared = parser.parse_args().shared / "basemap"
    osm = json.loads((shared / "osm_places_2019.geojson").read_text(encoding="utf-8"))
    places = settlements(osm, outline_of(SCENARIO))
    water = rivers(
        json.loads((shared / "ne10m_rivers_europe.geojson").read_text(encoding="utf-8")),
        json.loads((shared / "ne10m_rivers_lake_centerlines.geojson").read_text(encoding="utf-8")),
    )
    settings = {
        "min_zoom": 7,
        "max_zoom": 13,
        "credits": [f"Settlements {OSM_CREDIT}", f"Rivers: {NATURAL_EARTH_CREDIT}"],
    }
    OUT.mkdir(exist_ok=True)
    (OUT / "places.geojson").write_text(collection(places), encoding="utf-8")
    (OUT / "rivers.geojson").write_text(collection(water), encoding="utf-8")
    (OUT / "basemap.json").write_text(
        json.dumps(settings, indent=2, ensure_ascii=False) + "\n", encoding="utf-8"
    )
    kinds = {kind: sum(1 for f in places if f["properties"]["kind"] == kind) for kind in KIND_ORDER}
    names = sorted({f["properties"]["name"] for f in water})
    sources = SOURCES.format(
        places=f"{len(places):,}",
        kinds=", ".join(f"{kind} {count:,}" for kind, count in kinds.items() if count),
        with_population=sum(1 for f in places if f["properties"]["population"]),
        rivers=", ".join(names),
        max_zoom=settings["max_zoom"],
        min_zoom=settings["min_zoom"],
    )
    (OUT / "SOURCES.md").write_text(sources, encoding="utf-8")
    print(f"{len(places)} places, {len(water)} river lines → {OUT}")


if __name__ == "__main__":
    main()
