"""Turning one drawn report (time, place, uniforms) into an EventInput with plausible wording and grades."""

import math
from bisect import bisect_right
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import datetime, timedelta
from itertools import accumulate
from typing import Any, Generic, TypeVar

from peacekeeper.events.inputs import EventInput
from peacekeeper.events.models import SourceType
from peacekeeper.exercise import realism
from peacekeeper.exercise.kinds import KINDS, Kind
from peacekeeper.exercise.realism import Originator
from peacekeeper.exercise.sample import Anchor, Municipality, TheatreSample
from peacekeeper.theatre.dtg import format_dtg

EXERCISE_MARK = "EXERCISE EXERCISE EXERCISE"
EXERCISE_TAG = "exercise"
_COMPASS = ("N", "NE", "E", "SE", "S", "SW", "W", "NW")
# How many are hurt when anyone is: mostly one or two.
_INJURED_COUNTS = {1: 55, 2: 25, 3: 12, 4: 5, 6: 3}

T = TypeVar("T")


class Weighted(Generic[T]):
    """A weighted choice made with one uniform number in [0, 1)."""

    def __init__(self, weights: Iterable[tuple[T, float]]) -> None:
        pairs = list(weights)
        self.keys = [key for key, _ in pairs]
        self.cumulative = list(accumulate(weight for _, weight in pairs))

    def pick(self, uniform: float) -> T:
        index = bisect_right(self.cumulative, uniform * self.cumulative[-1])
        return self.keys[min(index, len(self.keys) - 1)]


@dataclass(frozen=True)
class Drawn:
    """Where and when one report happens, as drawn for a chunk."""

    source_id: str
    occurred_at: datetime
    lat: float
    lon: float
    km: float
    bearing: float
    anchor: Anchor
    burst_kind: str | None  # the flashpoint kind of the burst it belongs to
    burst: int  # -1 for background reports
    uniforms: list[float]


class ReportWriter:
    """Writes EventInputs for one theatre; the weighted tables are built once."""

    def __init__(self, sample: TheatreSample) -> None:
        self.sample = sample
        self.region_mix = {region: Weighted(mix.items()) for region, mix in realism.CATEGORY_MIX.items()}
        self.burst_mix = {kind: Weighted(mix.items()) for kind, mix in realism.BURST_MIX.items()}
        self.originators = Weighted((o, o.weight) for o in realism.ORIGINATORS)
        self.reliability = {o.key: Weighted(o.reliability.items()) for o in realism.ORIGINATORS}
        self.credibility = {o.key: Weighted(o.credibility.items()) for o in realism.ORIGINATORS}
        self.severity_offset = Weighted(realism.SEVERITY_OFFSETS.items())
        self.injured_count = Weighted(_INJURED_COUNTS.items())
        self.marking = Weighted(realism.MARKINGS.items())

    def write(self, drawn: Drawn) -> EventInput:
        # Every choice has a uniform of its own (u[0] to u[17]), so changing one never shifts another.
        u = drawn.uniforms
        municipality = self.sample.municipalities[drawn.anchor.municipality]
        mix = self.burst_mix[drawn.burst_kind] if drawn.burst_kind else self.region_mix[municipality.region]
        category = mix.pick(u[0])
        kind = KINDS[category]
        originator = self.originators.pick(u[1])
        source = self._source(originator, municipality, drawn.burst_kind, u)
        casualties = _casualties(kind, self.injured_count, drawn.burst >= 0, u[4:8])
        size = _size(kind, drawn.burst >= 0, u[9])
        activity = kind.activities[int(u[10] * len(kind.activities))]
        where = _where(drawn)
        salute = {}
        if originator.own_forces:
            equipment = kind.equipment[int(u[11] * len(kind.equipment))]
            salute = _salute(size, activity, where, kind.observed, drawn.occurred_at, equipment)
        narrative = (
            f"{EXERCISE_MARK} — {source['source_name']} reports {activity} {where} ({size}). "
            f"{_casualty_text(casualties)} {EXERCISE_MARK}"
        )
        return EventInput(
            occurred_at=drawn.occurred_at,
            reported_at=drawn.occurred_at + timedelta(minutes=_delay_minutes(u[12])),
            time_precision=1 if u[13] < originator.exact_time else 2,
            lat=round(drawn.lat, 6),
            lon=round(drawn.lon, 6),
            geo_precision=1 if u[14] < originator.exact_place else 2,
            location_name=f"near {drawn.anchor.name}" if drawn.km >= 1 else drawn.anchor.name,
            place_id=drawn.anchor.place_id,
            category=category,
            marking=self.marking.pick(u[15]),
            severity=_severity(kind, self.severity_offset.pick(u[8]), casualties),
            **casualties,
            **_actors(kind, municipality),
            **salute,
            narrative=narrative,
            source_type=SourceType.EXERCISE,
            **source,
            tags=f"{EXERCISE_TAG},burst" if drawn.burst >= 0 else EXERCISE_TAG,
            exercise=True,
            source_system="exercise",
            source_id=drawn.source_id,
            extra=_extra(municipality, drawn.burst),
        )

    def _source(
        self, originator: Originator, municipality: Municipality, burst_kind: str | None, u: list[float]
    ) -> dict[str, Any]:
        unit = _unit(municipality, burst_kind, u[2])
        reporting_unit = f"LMT {municipality.name}" if originator.key == "lmt" else unit
        return {
            "source_name": _source_name(originator.key, reporting_unit, municipality, u[3]),
            "source_scale": originator.scale,
            "source_reliability": self.reliability[originator.key].pick(u[16]),
            "source_credibility": self.credibility[originator.key].pick(u[17]),
            "reporting_unit": reporting_unit,
        }


def _actors(kind: Kind, municipality: Municipality) -> dict[str, Any]:
    crowd_community = kind.crowd and municipality.majority
    return {
        "actor1": kind.actor1[0],
        "assoc_actor_1": f"{municipality.majority} Ethnic Group (Kosovo)" if crowd_community else "",
        "inter1": kind.actor1[1],
        "actor2": kind.actor2[0],
        "inter2": kind.actor2[1],
        "civilian_targeting": kind.civilian_targeting,
    }


def _salute(
    size: str, activity: str, where: str, observed: str, occurred_at: datetime, equipment: str
) -> dict[str, str]:
    return {
        "salute_size": size,
        "salute_activity": activity,
        "salute_location": where,
        "salute_unit": observed,
        "salute_time": format_dtg(occurred_at),
        "salute_equipment": equipment,
    }


def _unit(municipality: Municipality, burst_kind: str | None, uniform: float) -> str:
    if burst_kind:
        units = realism.BURST_UNITS[burst_kind]
    elif municipality.region == realism.NORTH:
        units = realism.NORTH_UNITS
    else:
        units = realism.DISTRICT_UNITS.get(municipality.district, realism.DEFAULT_UNITS)
    return units[int(uniform * len(units))]


def _source_name(originator: str, unit: str, municipality: Municipality, uniform: float) -> str:
    if originator == "patrol":
        return f"{unit} patrol"
    if originator == "partner":
        return realism.PARTNERS[int(uniform * len(realism.PARTNERS))]
    if originator == "media":
        language = "Serbian" if municipality.majority == "Serb" else "Albanian"
        return f"local media ({language}-language)"
    return {"lmt": unit, "police": "Kosovo Police", "humint": "local contact"}[originator]


def _casualties(kind: Kind, counts: Weighted[int], in_burst: bool, u: list[float]) -> dict[str, int]:
    """Rare and small: injuries at the category's rate (higher in a burst), deaths a small share of those."""
    rate = kind.injury_rate * (1.5 if in_burst else 1.0)
    if not kind.injured or u[0] >= rate:
        return {}
    who = kind.injured[int(u[1] * len(kind.injured))]
    casualties = {f"injured_{who}": counts.pick(u[2])}
    if u[3] < realism.DEATH_SHARE:
        casualties[f"killed_{who}"] = 1
    return casualties


def _severity(kind: Kind, offset: int, casualties: dict[str, int]) -> int:
    severity = min(max(kind.severity + offset, 1), 5)
    if any(name.startswith("killed") for name in casualties):
        return max(severity, 4)
    return max(severity, 3) if casualties else severity


def _casualty_text(casualties: dict[str, int]) -> str:
    if not casualties:
        return "No casualties reported."
    parts = [f"{count} {name.replace('_', ' (')})" for name, count in casualties.items()]
    return f"Casualties: {', '.join(parts)}."


def _size(kind: Kind, in_burst: bool, uniform: float) -> str:
    low, high, noun = kind.size
    # Squaring skews towards small groups; crowds in a burst are larger.
    count = low + int((high - low + 1) * (uniform if in_burst else uniform * uniform))
    return f"approx {count} {noun}" if count >= 10 else f"{count} {noun}"


def _where(drawn: Drawn) -> str:
    if drawn.km < 0.3:
        return f"at {drawn.anchor.name}"
    point = _COMPASS[round(drawn.bearing / (2 * math.pi) * 8) % 8]
    return f"{drawn.km:.1f} km {point} of {drawn.anchor.name}"


def _delay_minutes(uniform: float) -> int:
    low, high = realism.REPORT_DELAY_MINUTES
    return low + int(uniform * (high - low + 1))


def _extra(municipality: Municipality, burst: int) -> dict[str, object]:
    extra: dict[str, object] = {"municipality": municipality.code}
    if burst >= 0:
        extra["burst"] = burst
    return extra
