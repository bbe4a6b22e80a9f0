"""What pages and API answers show of CCIRs: their rule in words."""

from peacekeeper.events.taxonomy import CATEGORIES
from peacekeeper.theatre.regions import theatre_regions
from peacekeeper.watch.models import Ccir

_SIDES = {"any": "", "initiator": " as initiator (actor 1)", "target": " as target (actor 2)"}


def _category_words(codes: list[str]) -> str:
    names = []
    for code in codes:
        if code.endswith(".*"):
            names.append(f"any {code[:-2].replace('_', ' ')} category")
        else:
            names.append(CATEGORIES[code].label if code in CATEGORIES else code)
    return ", ".join(names)


def _region_name(code: str) -> str:
    regions = theatre_regions()
    if code == "north":
        return regions.north.name.lower()
    region = regions.regional_commands.get(code)
    return f"in {region.name}" if region else code


def rule_text(rule: dict) -> str:
    """The rule as a sentence: "Any report with at least 1 fatality", "… north of the Ibar"."""
    parts = []
    if rule.get("categories"):
        parts.append(f"category {_category_words(rule['categories'])}")
    if rule.get("min_severity"):
        parts.append(f"severity {rule['min_severity']} or more")
    if rule.get("min_fatalities"):
        n = rule["min_fatalities"]
        parts.append(f"at least {n} {'fatality' if n == 1 else 'fatalities'}")
    if rule.get("min_injured"):
        parts.append(f"at least {rule['min_injured']} injured")
    if rule.get("near_crossing_km"):
        parts.append(f"at or within {rule['near_crossing_km']:g} km of a crossing point")
    if rule.get("region"):
        parts.append(_region_name(rule["region"]))
    if rule.get("areas"):
        parts.append(f"in {', '.join(rule['areas'])}")
    if rule.get("actor"):
        parts.append(f"naming {rule['actor']}{_SIDES[rule.get('actor_side', 'any')]}")
    if rule.get("min_crowd"):
        parts.append(f"a crowd of at least {rule['min_crowd']} (read from SALUTE size)")
    return "Any report: " + "; ".join(parts) if parts else "Matches nothing"


def ccir_dict(ccir: Ccir) -> dict:
    return {
        "id": ccir.pk,
        "title": ccir.title,
        "description": ccir.description,
        "rule": ccir.rule,
        "rule_text": rule_text(ccir.rule),
        "active": ccir.active,
        "marking": ccir.label.marking,
    }
