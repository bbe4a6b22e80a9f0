"""Road stops of the Kosovo scenario: resolve the facts' free-text stops to places, and draw segments."""

import itertools
import math
import re

from peacekeeper.theatre.names import fold, name_variants

SEGMENT_NOTE = "straight line between places; not the surveyed road geometry"

# Judgement calls for road stops the generic resolver cannot or should not decide (see SOURCES.md).
ROAD_STOP_OVERRIDES: dict[str, tuple[str | None, str]] = {
    "Ibar bridge / North Mitrovica": ("seat:XK-MUN-NORTH-MITROVICA", "resolved to the North Mitrovica seat"),
    "Fushë Kosovë / Obiliq area": (None, "an area between two towns, not one place"),
}


def km_between(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    """Great-circle distance on a sphere of the mean Earth radius."""
    p1, p2 = math.radians(lat1), math.radians(lat2)
    dp, dl = p2 - p1, math.radians(lon2 - lon1)
    a = math.sin(dp / 2) ** 2 + math.cos(p1) * math.cos(p2) * math.sin(dl / 2) ** 2
    return 2 * 6371.0088 * math.asin(math.sqrt(a))


def build_roads(facts: dict, places: list[dict], crossings: list[dict]) -> list[dict]:
    by_key = {p["scenario_key"]: p for p in places} | {c["scenario_key"]: c for c in crossings}
    return [build_road(road, places, crossings, by_key) for road in facts["roads"]]


def build_road(road: dict, places: list[dict], crossings: list[dict], by_key: dict[str, dict]) -> dict:
    stops: list[dict] = []
    dropped: list[dict] = []
    for entry in road["sequence"]:
        key, reason = resolve_stop(entry, places, crossings)
        if key and by_key[key]["lat"] is None:
            key, reason = None, f"{by_key[key]['name_en']} has no coordinates"
        if key:
            stops.append(
                {"entry": entry, "scenario_key": key, "dropped_before": [d["entry"] for d in dropped]}
            )
        else:
            dropped.append({"entry": entry, "reason": reason})
    segments = []
    for sequence, (start, end) in enumerate(itertools.pairwise(stops), start=1):
        a, b = by_key[start["scenario_key"]], by_key[end["scenario_key"]]
        skipped = end["dropped_before"][len(start["dropped_before"]) :]
        note = SEGMENT_NOTE + (f"; passes over dropped stop(s): {', '.join(skipped)}" if skipped else "")
        segments.append(
            {
                "sequence": sequence,
                "start": start["scenario_key"],
                "end": end["scenario_key"],
                "length_km": round(km_between(a["lat"], a["lon"], b["lat"], b["lon"]), 2),
                "geometry": {
                    "type": "LineString",
                    "coordinates": [[a["lon"], a["lat"]], [b["lon"], b["lat"]]],
                },
                "approximate": True,
                "approximation_note": note[:300],
            }
        )
    for stop in stops:
        del stop["dropped_before"]
    return {
        "code": road["id"],
        "name": road["name"],
        "note": road["note"],
        "source": road["source"],
        "sequence": road["sequence"],
        "stops": stops,
        "dropped": dropped,
        "segments": segments,
    }


def resolve_stop(entry: str, places: list[dict], crossings: list[dict]) -> tuple[str | None, str]:
    if entry in ROAD_STOP_OVERRIDES:
        return ROAD_STOP_OVERRIDES[entry]
    if entry.strip() in {"…", "..."}:
        return None, "placeholder for unverified intermediate towns"
    if entry.lower().startswith("planned:"):
        return None, "planned, not built"
    if entry.startswith("(") and entry.endswith(")"):
        return None, "outside Kosovo or not a named place"
    wants_crossing = re.search(r"border|gate|crossing", entry, re.IGNORECASE) is not None
    base = re.sub(r"\bcrossing\b", "", re.sub(r"\([^)]*\)", "", entry)).strip()
    wanted = {fold(part) for part in name_variants(base)}
    if wants_crossing:
        for crossing in crossings:
            names = [crossing["name_en"], crossing["name_sq"], crossing["name_sr"]]
            folded = {
                fold(p)
                for n in names
                if n
                for p in [n, *re.split(r"\s+[\u2013-]\s+|/|\(|\)", n)]
                if p.strip()
            }
            if wanted & folded:
                return crossing["scenario_key"], ""
        return None, "no crossing point of that name"
    found = [p for p in places if wanted & {fold(n["name"]) for n in p["names"]}]
    if not found:
        return None, "no place of that name in the gazetteer"
    return max(found, key=lambda p: p["importance"])["scenario_key"], ""
