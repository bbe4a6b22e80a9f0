"""A CCIR's rule: conditions over a report's fields, area and category, every one of which must hold.

Stored as JSON (`Ccir.rule`) and checked strictly by `parse_rule` before it is stored: an unknown
condition, a value of the wrong type, a category or region the theatre does not know, or a rule with no
condition at all is refused, each problem named by field (`rule.<condition>`) and reason.

Conditions (all optional, at least one given):

- `categories`: report categories (codes of `events.taxonomy`); `"riots.*"` names every category of a group.
- `min_severity`: severity at least this (1 minor … 5 critical).
- `min_fatalities` / `min_injured`: at least this many killed / injured, all kinds counted.
- `region`: the report's municipality lies in this region of the theatre: `"north"` (in Kosovo north of
  the Ibar, `theatre.regions`) or a regional command's code (`"RC-W"`).
- `areas`: the report's municipality is one of these (area codes).
- `near_crossing_km`: the report is at a crossing point (its place is one) or within this many km of one.
- `actor` with `actor_side`: the actor named (a word of actor 1 / 2 or their associated actors, case
  ignored: `"KFOR"` matches "KFOR: Kosovo Force"); side `"any"`, `"initiator"` (actor 1) or `"target"`
  (actor 2: whom an attack was on).
- `min_crowd`: a crowd of at least this many. A report has no crowd-size field: the number is read from
  SALUTE size (`salute_size`, "about 600 protesters": the largest number written); a size given only in
  words ("several hundred") matches no `min_crowd`.
"""

import re
from collections.abc import Collection, Iterable
from dataclasses import dataclass
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field, ValidationError

from peacekeeper.core.errors import FieldError
from peacekeeper.events.taxonomy import CATEGORIES

_NUMBER = re.compile(r"\d[\d,.\s]*\d|\d")


class CcirRule(BaseModel):
    model_config = ConfigDict(extra="forbid", strict=True, frozen=True)

    categories: tuple[str, ...] | None = Field(default=None, min_length=1)
    min_severity: int | None = Field(default=None, ge=1, le=5)
    min_fatalities: int | None = Field(default=None, ge=1, le=100_000)
    min_injured: int | None = Field(default=None, ge=1, le=100_000)
    region: str | None = Field(default=None, min_length=1, max_length=40)
    areas: tuple[str, ...] | None = Field(default=None, min_length=1)
    near_crossing_km: float | None = Field(default=None, gt=0, le=50)
    actor: str | None = Field(default=None, min_length=2, max_length=100)
    actor_side: Literal["any", "initiator", "target"] = "any"
    min_crowd: int | None = Field(default=None, ge=1, le=10_000_000)

    def conditions(self) -> dict:
        return self.model_dump(exclude_none=True, exclude={"actor_side"} if self.actor is None else set())


@dataclass(frozen=True)
class Theatre:
    """What rules are checked and matched against: the theatre's vocabulary and crossing points."""

    regions: dict[str, frozenset[str]]  # region code → municipality codes
    area_codes: frozenset[str]
    crossings: tuple[tuple[int, float, float], ...]  # (place id, lat, lon)


def parse_rule(data: object, *, theatre: Theatre) -> CcirRule:
    """The rule, checked; refuses with every problem named `rule.<condition>` and its reason."""
    if not isinstance(data, dict):
        raise RuleError([FieldError("rule", "must be a JSON object of conditions")])
    data = {key: tuple(value) if isinstance(value, list) else value for key, value in data.items()}
    if isinstance(data.get("near_crossing_km"), int) and not isinstance(data["near_crossing_km"], bool):
        data["near_crossing_km"] = float(data["near_crossing_km"])
    try:
        rule = CcirRule.model_validate(data)
    except ValidationError as error:
        raise RuleError([_field_error(item) for item in error.errors()]) from None
    problems = []
    if not rule.conditions():
        problems.append(
            FieldError("rule", "give at least one condition: a rule of none would match every report")
        )
    for code in rule.categories or ():
        if not _category_known(code):
            problems.append(FieldError("rule.categories", f"unknown category {code!r}"))
    if rule.region is not None and rule.region not in theatre.regions:
        known = ", ".join(sorted(theatre.regions))
        problems.append(FieldError("rule.region", f"unknown region {rule.region!r} (known: {known})"))
    for code in rule.areas or ():
        if code not in theatre.area_codes:
            problems.append(FieldError("rule.areas", f"unknown municipality {code!r}"))
    if rule.actor is not None and not rule.actor.strip():
        problems.append(FieldError("rule.actor", "must name an actor"))
    if problems:
        raise RuleError(problems)
    return rule


class RuleError(ValueError):
    def __init__(self, errors: list[FieldError]) -> None:
        super().__init__("; ".join(str(error) for error in errors))
        self.errors = errors


def _field_error(item: dict) -> FieldError:
    location = ".".join(str(part) for part in item["loc"] if not isinstance(part, int))
    field = f"rule.{location}" if location else "rule"
    if item["type"] == "extra_forbidden":
        return FieldError(field, "is not a condition a rule may have")
    return FieldError(field, item["msg"].lower())


def _category_known(code: str) -> bool:
    if code.endswith(".*"):
        return any(known.startswith(code[:-1]) for known in CATEGORIES)
    return code in CATEGORIES


def category_matches(patterns: Iterable[str], category: str) -> bool:
    return any(category.startswith(p[:-1]) if p.endswith(".*") else category == p for p in patterns)


def crowd_size(salute_size: str) -> int | None:
    """The largest number written in a SALUTE size ("300-600 protesters" → 600); None when there is none."""
    numbers = []
    for match in _NUMBER.findall(salute_size or ""):
        digits = re.sub(r"[,.\s]", "", match)
        if digits.isdigit():
            numbers.append(int(digits))
    return max(numbers) if numbers else None


def _names_actor(texts: Collection[str], actor: str) -> bool:
    pattern = re.compile(rf"(?<![\w]){re.escape(actor.strip())}(?![\w])", re.IGNORECASE)
    return any(pattern.search(text or "") for text in texts)


def matches(rule: CcirRule, report: dict, *, theatre: Theatre) -> bool:
    """Whether a report (a dict of its fields, `area_code` and `place_id` included) meets every condition."""
    if rule.categories is not None and not category_matches(rule.categories, report["category"]):
        return False
    if rule.min_severity is not None and report["severity"] < rule.min_severity:
        return False
    if rule.min_fatalities is not None and fatalities(report) < rule.min_fatalities:
        return False
    if rule.min_injured is not None and injured(report) < rule.min_injured:
        return False
    if rule.region is not None and report["area_code"] not in theatre.regions.get(rule.region, ()):
        return False
    if rule.areas is not None and report["area_code"] not in rule.areas:
        return False
    if rule.near_crossing_km is not None and not _near_crossing(report, rule.near_crossing_km, theatre):
        return False
    if rule.actor is not None:
        sides = {
            "initiator": ("actor1", "assoc_actor_1"),
            "target": ("actor2", "assoc_actor_2"),
            "any": ("actor1", "assoc_actor_1", "actor2", "assoc_actor_2"),
        }[rule.actor_side]
        if not _names_actor([report[name] for name in sides], rule.actor):
            return False
    if rule.min_crowd is not None:
        size = crowd_size(report["salute_size"])
        if size is None or size < rule.min_crowd:
            return False
    return True


def fatalities(report: dict) -> int:
    return sum(report[f"killed_{kind}"] for kind in ("civilians", "police", "force", "other"))


def injured(report: dict) -> int:
    return sum(report[f"injured_{kind}"] for kind in ("civilians", "police", "force", "other"))


def _near_crossing(report: dict, km: float, theatre: Theatre) -> bool:
    from peacekeeper.theatre.distances import km_between

    if not theatre.crossings:
        return False
    if report.get("place_id") in {place for place, _, _ in theatre.crossings}:
        return True
    lats = [lat for _, lat, _ in theatre.crossings]
    lons = [lon for _, _, lon in theatre.crossings]
    return bool((km_between(lats, lons, report["lat"], report["lon"]) <= km).any())


# The report fields a rule reads, as `matches` is handed them.
REPORT_FIELDS = (
    "id",
    "label_id",
    "status",
    "occurred_at",
    "category",
    "severity",
    "killed_civilians",
    "killed_police",
    "killed_force",
    "killed_other",
    "injured_civilians",
    "injured_police",
    "injured_force",
    "injured_other",
    "lat",
    "lon",
    "place_id",
    "actor1",
    "assoc_actor_1",
    "actor2",
    "assoc_actor_2",
    "salute_size",
)
