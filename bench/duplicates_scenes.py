"""The scenes of bench duplicates (see bench/bench_duplicates.py): three reports each, two of one happening
filed by different people and one different happening near it, generated from the exercise generator's
kinds, sizes, sources and the theatre's towns and their names in each language.

Assumptions of the pair generator (what "filed differently" and "near but different" mean here):
- B, the same happening: filed by another user (the analyst, not the watchkeeper) from another source;
  category the same (40 %) or one a related-category group holds with A's (60 %, when A's has any);
  position moved 10-90 m (80 %) or 100-300 m (20 %: a place given by a village or a rougher grid);
  time 1-25 min apart; narrative, in equal shares: the generator's words reworded in English (other
  sentence, synonyms), in Serbian (Latin or Cyrillic script, half each) or in Albanian, with the place's
  name in that language where the gazetteer has it. Cross-language narratives share little but names and
  numbers, so there the score rests on place, time and category.
- C, a different happening, one of three in equal shares: another category group (neither A's category
  nor related to it) 0-300 m and 0-60 min from A; A's category 500-1,500 m from A within 90 min; A's
  category 0-150 m from A but 2.5-6 h later. Its narrative describes another of its kind's activities
  when the kind has several, with its own size and source.
- Nothing else is in the log: no background reports, no third report of a happening, every narrative
  present and every report visible to the reader. Real logs are messier; the figures bound what the score
  can tell apart, not what a floor will see.
"""

from __future__ import annotations

import math
import random
from dataclasses import dataclass
from datetime import datetime, timedelta

SCENE_SPACING = timedelta(hours=13)
MARKING = "NATO UNCLASSIFIED // REL TO KFOR"

# What a second reporter says instead (English rewording), word for word.
SYNONYMS = {
    "barricade": "blockade", "trucks": "lorries", "gravel": "rubble", "road": "street",
    "roadblock": "blockade",
    "vehicles": "cars", "persons": "people", "approx": "about", "patrol": "unit", "stopped": "halted",
    "turned": "sent", "closed": "blocked", "traffic": "vehicles", "crossing": "border", "queue": "line",
    "demonstration": "rally", "protest": "rally", "march": "procession", "gathering": "crowd",
    "centre": "center", "peaceful": "calm", "stones": "rocks", "thrown": "hurled", "cordon": "line",
    "fire": "alight", "group": "gang", "attacking": "assaulting", "passers-by": "pedestrians",
    "mob": "crowd", "attacked": "assaulted", "fight": "brawl", "youths": "young men",
    "communities": "ethnicities", "damage": "harm", "house": "home", "confrontation": "argument",
    "unexploded": "live", "ordnance": "munitions", "found": "discovered", "cache": "stockpile",
    "explosion": "blast", "damaging": "hitting", "device": "charge", "grenade": "bomb",
    "building": "property", "assault": "beating", "elderly": "old", "returnee": "returning resident",
    "shop": "store", "owner": "keeper", "police": "KP", "search": "raid", "operation": "action",
    "arrests": "detentions", "suspect": "man", "detained": "held", "vandalism": "desecration",
    "theft": "stealing", "meeting": "session", "officials": "representatives", "delivery": "distribution",
    "aid": "assistance", "medical": "health", "injured": "hurt", "casualties": "wounded",
}  # fmt: skip
# The happening in Serbian (Latin) and Albanian, by category: what a local-language source would say.
LOCAL_WORDS = {
    "fom.roadblock": (
        "barikada od kamiona i šljunka preko puta",
        "barrikadë me kamionë dhe zhavorr në rrugë",
    ),
    "fom.restriction": ("patrola KFOR-a zaustavljena i vraćena", "patrulla e KFOR-it u ndal dhe u kthye"),
    "fom.crossing_incident": ("saobraćaj zadržan na prelazu", "trafiku i ndalur në pikën e kalimit"),
    "civil.demonstration": ("demonstracije u centru grada", "demonstratë në qendër të qytetit"),
    "protests.peaceful": ("mirni protest građana", "protestë paqësore e qytetarëve"),
    "protests.with_intervention": ("protest koji je policija rasterala", "protestë e shpërndarë nga policia"),
    "riots.violent_demonstration": (
        "kamenje i baklje bačeni na policijski kordon",
        "gurë dhe fishekzjarrë të hedhur kundër kordonit të policisë",
    ),
    "riots.mob_violence": ("grupa napada prolaznike i vozila", "grup që sulmon kalimtarët dhe automjetet"),
    "force.attack": ("kamenje bačeno na patrolu KFOR-a", "gurë të hedhur kundër patrullës së KFOR-it"),
    "security.inter_ethnic": (
        "tuča između mladića dve zajednice",
        "përleshje mes të rinjve të dy komuniteteve",
    ),
    "security.weapons_find": ("pronađena neeksplodirana ubojna sredstva", "u gjetën mjete të pashpërthyera"),
    "security.explosive_infrastructure": ("eksplozija oštetila vodovod", "shpërthim dëmtoi ujësjellësin"),
    "explosions.grenade": (
        "ručna bomba bačena na zgradu noću",
        "granatë dore e hedhur në një ndërtesë natën",
    ),
    "violence.attack": ("napad na starijeg povratnika", "sulm ndaj një të kthyeri të moshuar"),
    "rule_of_law.police_operation": ("policijska akcija pretresa", "operacion kontrolli i policisë"),
    "strategic.arrests": ("hapšenje osumnjičenog", "arrestim i të dyshuarit"),
    "strategic.looting": ("oštećena prazna kuća", "dëmtim i një shtëpie të zbrazët"),
    "strategic.other": ("sastanak opštine o bezbednosti", "takim komunal për sigurinë"),
    "civil.humanitarian": ("dostava pomoći porodici povratnika", "ndihmë për një familje të kthyer"),
}
VOICES = ("english", "serbian", "albanian")
NEAR_KINDS = ("other_group", "same_category_farther", "same_category_later")


@dataclass(frozen=True)
class Scene:
    index: int
    a: dict  # EventInput fields
    b: dict
    c: dict
    voice: str  # how B is worded
    near: str  # which kind of different happening C is
    b_related: bool  # B filed under a related category, not A's


def make_scenes(sample, *, count: int, seed: int, start: datetime) -> list[Scene]:
    from peacekeeper.events.related_categories import RELATED_GROUPS, related_group
    from peacekeeper.exercise import realism
    from peacekeeper.exercise.kinds import KINDS

    rng = random.Random(seed)
    local_names = _local_names()
    scenes = []
    for index in range(count):
        town = sample.towns[rng.randrange(len(sample.towns))]
        municipality = sample.municipalities[town.municipality]
        mix = {
            code: weight
            for code, weight in realism.CATEGORY_MIX[municipality.region].items()
            if code in KINDS
        }
        category = rng.choices(list(mix), weights=list(mix.values()))[0]
        when = start + SCENE_SPACING * index + timedelta(minutes=rng.randrange(0, 240))
        lat, lon = _moved(town.lat, town.lon, rng.uniform(0.0, 1.5), rng)
        kind = KINDS[category]
        activity = rng.randrange(len(kind.activities))
        a = _report(category, activity, town.name, lat, lon, when, rng, source=_source(rng, municipality))

        related = sorted(
            {code for group in RELATED_GROUPS if category in group.codes for code in group.codes}
        )
        related = [code for code in related if code != category and code in KINDS]
        b_related = bool(related) and rng.random() < 0.6
        b_category = rng.choice(related) if b_related else category
        b_km = rng.uniform(0.01, 0.09) if rng.random() < 0.8 else rng.uniform(0.1, 0.3)
        b_lat, b_lon = _moved(lat, lon, b_km, rng)
        b_when = when + timedelta(minutes=rng.uniform(1, 25)) * rng.choice((-1, 1))
        voice = rng.choice(VOICES)
        b = dict(a, category=b_category, lat=b_lat, lon=b_lon, occurred_at=b_when)
        b["narrative"] = _reworded(a, category, activity, town, voice, rng, local_names)
        b["source_name"] = "local contact" if voice != "english" else "Kosovo Police"

        near = rng.choice(NEAR_KINDS)
        if near == "other_group":
            others = [code for code in KINDS if code != category and related_group(code, category) is None]
            c_category = rng.choice(others)
            c_lat, c_lon = _moved(lat, lon, rng.uniform(0.0, 0.3), rng)
            c_when = when + timedelta(minutes=rng.uniform(0, 60)) * rng.choice((-1, 1))
        elif near == "same_category_farther":
            c_category = category
            c_lat, c_lon = _moved(lat, lon, rng.uniform(0.5, 1.5), rng)
            c_when = when + timedelta(minutes=rng.uniform(0, 90)) * rng.choice((-1, 1))
        else:
            c_category = category
            c_lat, c_lon = _moved(lat, lon, rng.uniform(0.0, 0.15), rng)
            c_when = when + timedelta(hours=rng.uniform(2.5, 6.0))
        c_kind = KINDS[c_category]
        c_activity = rng.randrange(len(c_kind.activities))
        if c_category == category and len(c_kind.activities) > 1:
            c_activity = rng.choice([i for i in range(len(c_kind.activities)) if i != activity])
        c = _report(
            c_category, c_activity, town.name, c_lat, c_lon, c_when, rng, source=_source(rng, municipality)
        )
        scenes.append(Scene(index, a, b, c, voice, near, b_related))
    return scenes


def _report(category, activity, place, lat, lon, when, rng, *, source: str) -> dict:
    from peacekeeper.exercise.kinds import KINDS
    from peacekeeper.exercise.reports import EXERCISE_MARK

    kind = KINDS[category]
    low, high, noun = kind.size
    count = low + int((high - low + 1) * rng.random() ** 2)
    size = f"approx {count} {noun}" if count >= 10 else f"{count} {noun}"
    hurt = rng.random() < kind.injury_rate * 3 and kind.injured
    casualties = (
        f"Casualties: {rng.randint(1, 3)} injured ({kind.injured[0]})." if hurt else "No casualties reported."
    )
    narrative = (
        f"{EXERCISE_MARK} — {source} reports {kind.activities[activity]} at {place} ({size}). "
        f"{casualties} {EXERCISE_MARK}"
    )
    return {
        "occurred_at": when,
        "lat": lat,
        "lon": lon,
        "category": category,
        "location_name": place,
        "narrative": narrative,
        "source_name": source,
        "salute_size": size,
        "marking": MARKING,
        "exercise": True,
        "tags": "exercise,duplicates-bench",
    }


def _source(rng, municipality) -> str:
    from peacekeeper.exercise import realism

    units = realism.DISTRICT_UNITS.get(municipality.district, realism.DEFAULT_UNITS)
    return rng.choice(
        [f"{rng.choice(units)} patrol", rng.choice(realism.PARTNERS), f"LMT {municipality.name}"]
    )


def _reworded(a: dict, category: str, activity: int, town, voice: str, rng, local_names) -> str:
    """B's narrative: the same happening in another reporter's words."""
    from peacekeeper.exercise.kinds import KINDS
    from peacekeeper.exercise.reports import EXERCISE_MARK
    from peacekeeper.theatre.names import latin_to_cyrillic

    count = "".join(ch for ch in a["salute_size"] if ch.isdigit()) or "some"
    if voice == "english":
        words = KINDS[category].activities[activity].split()
        swapped = " ".join(
            SYNONYMS.get(word, word) if rng.random() < 0.7 else word for word in word_list(words)
        )
        opener = rng.choice(("Caller says", "Witnesses describe", "Police report", "Observed:"))
        return f"{EXERCISE_MARK} {town.name}: {opener} {swapped}, {count} people on scene. {EXERCISE_MARK}"
    serbian, albanian = LOCAL_WORDS[category]
    names = local_names.get(town.place_id, {})
    if voice == "serbian":
        place = names.get("sr-Latn", town.name)
        text = f"{place}: {serbian}, oko {count} osoba na licu mesta."
        if rng.random() < 0.5:
            text = latin_to_cyrillic(text)
        return f"{EXERCISE_MARK} {text} {EXERCISE_MARK}"
    place = names.get("sq", town.name)
    return f"{EXERCISE_MARK} {place}: {albanian}, rreth {count} persona në vend. {EXERCISE_MARK}"


def word_list(words: list[str]) -> list[str]:
    return [word for word in words if word not in {"a", "an", "the"}] or words


def _local_names() -> dict[int, dict[str, str]]:
    from peacekeeper.theatre.models import PlaceName

    names: dict[int, dict[str, str]] = {}
    for place_id, name, language in PlaceName.objects.values_list("place_id", "name", "language"):
        names.setdefault(place_id, {}).setdefault(language, name)
    return names


def _moved(lat: float, lon: float, km: float, rng) -> tuple[float, float]:
    from peacekeeper.theatre.distances import KM_PER_DEGREE_LAT, km_per_degree_lon

    bearing = rng.uniform(0, 2 * math.pi)
    return (
        round(lat + km * math.cos(bearing) / KM_PER_DEGREE_LAT, 6),
        round(lon + km * math.sin(bearing) / km_per_degree_lon(lat), 6),
    )
