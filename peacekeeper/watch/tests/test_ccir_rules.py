"""CCIR rules: each of the issue's examples as shipped (ccirs.json) hits what it says and misses the rest;
a bad rule is refused naming the condition and the reason."""

import json
from pathlib import Path

import pytest

from peacekeeper.watch.rules import RuleError, Theatre, crowd_size, matches, parse_rule

NORTH = frozenset({"XK-MUN-NORTH-MITROVICA", "XK-MUN-ZVECAN", "XK-MUN-ZUBIN-POTOK", "XK-MUN-LEPOSAVIC"})
JARINJE = (43.218611, 20.691667)  # Gate 1, Leposavić, north of the Ibar
MERDARE = (42.948, 21.256)  # a crossing in Podujevë, south of the Ibar
THEATRE = Theatre(
    regions={"north": NORTH, "RC-W": frozenset({"XK-MUN-PEJA"})},
    area_codes=NORTH | {"XK-MUN-PODUJEVE", "XK-MUN-PEJA", "XK-MUN-PRISHTINE"},
    crossings=((101, *JARINJE), (102, *MERDARE)),
)
SHIPPED = Path(__file__).parents[2] / "theatre" / "scenario" / "kosovo" / "ccirs.json"


def shipped(key: str):
    rows = {row["key"]: row for row in json.loads(SHIPPED.read_text())}
    return parse_rule(rows[key]["rule"], theatre=THEATRE)


def report(**fields) -> dict:
    values = {
        "category": "security.inter_ethnic",
        "severity": 2,
        "lat": 42.9075,
        "lon": 20.84028,
        "place_id": None,
        "area_code": "XK-MUN-ZVECAN",
        "actor1": "",
        "assoc_actor_1": "",
        "actor2": "",
        "assoc_actor_2": "",
        "salute_size": "",
        **{f"killed_{k}": 0 for k in ("civilians", "police", "force", "other")},
        **{f"injured_{k}": 0 for k in ("civilians", "police", "force", "other")},
    }
    values.update(fields)
    return values


def test_any_fatality_matches_one_death_of_any_kind_and_not_injuries_alone():
    rule = shipped("ccir:fatality")
    assert matches(rule, report(killed_police=1), theatre=THEATRE)
    assert matches(rule, report(killed_civilians=2), theatre=THEATRE)
    assert not matches(rule, report(injured_force=5), theatre=THEATRE)
    assert not matches(rule, report(), theatre=THEATRE)


def test_crossing_north_of_the_ibar_matches_at_jarinje_and_not_south_or_away_from_crossings():
    rule = shipped("ccir:crossing-north")
    at_jarinje = report(lat=JARINJE[0] + 0.005, lon=JARINJE[1], area_code="XK-MUN-LEPOSAVIC")
    assert matches(rule, at_jarinje, theatre=THEATRE)
    # Its place is the crossing's own: matched whatever the distance of the given point.
    assert matches(rule, report(place_id=101, area_code="XK-MUN-LEPOSAVIC"), theatre=THEATRE)
    at_merdare = report(lat=MERDARE[0], lon=MERDARE[1], area_code="XK-MUN-PODUJEVE")
    assert not matches(rule, at_merdare, theatre=THEATRE)
    in_zvecan_town = report(area_code="XK-MUN-ZVECAN")
    assert not matches(rule, in_zvecan_town, theatre=THEATRE)


def test_attack_on_kfor_needs_kfor_as_target_of_violence():
    rule = shipped("ccir:attack-on-kfor")
    stones = report(category="force.attack", actor1="Rioters", actor2="KFOR: Kosovo Force")
    assert matches(rule, stones, theatre=THEATRE)
    riot = report(category="riots.mob_violence", assoc_actor_2="KFOR; Kosovo Police")
    assert matches(rule, riot, theatre=THEATRE)
    kfor_acting = report(category="riots.mob_violence", actor1="KFOR: Kosovo Force", actor2="Rioters")
    assert not matches(rule, kfor_acting, theatre=THEATRE)
    peaceful = report(category="civil.demonstration", actor2="KFOR: Kosovo Force")
    assert not matches(rule, peaceful, theatre=THEATRE)
    # A word, not a substring: "KFORCE Ltd" is not KFOR.
    assert not matches(rule, report(category="force.attack", actor2="KFORCE Ltd"), theatre=THEATRE)


def test_demonstration_over_500_reads_the_salute_size():
    rule = shipped("ccir:demonstration-500")
    assert matches(
        rule, report(category="civil.demonstration", salute_size="about 600 protesters"), theatre=THEATRE
    )
    assert matches(rule, report(category="protests.peaceful", salute_size="1,200 people"), theatre=THEATRE)
    assert not matches(rule, report(category="civil.demonstration", salute_size="500"), theatre=THEATRE)
    assert not matches(
        rule, report(category="civil.demonstration", salute_size="several hundred"), theatre=THEATRE
    )
    assert not matches(rule, report(category="fom.restriction", salute_size="800"), theatre=THEATRE)


def test_crowd_size_is_the_largest_number_written():
    assert crowd_size("300-600 protesters") == 600
    assert crowd_size("1.500 persons") == 1500
    assert crowd_size("a crowd") is None
    assert crowd_size("") is None


@pytest.mark.parametrize(
    ("rule", "field", "reason"),
    [
        ({"colour": "red"}, "rule.colour", "is not a condition"),
        ({"min_fatalities": "1"}, "rule.min_fatalities", "integer"),
        ({"min_fatalities": 0}, "rule.min_fatalities", "greater than or equal to 1"),
        ({"min_severity": 9}, "rule.min_severity", "less than or equal to 5"),
        ({"categories": ["riot"]}, "rule.categories", "unknown category 'riot'"),
        ({"categories": []}, "rule.categories", "at least 1"),
        ({"region": "south-pole"}, "rule.region", "unknown region 'south-pole'"),
        ({"areas": ["XK-MUN-NOWHERE"]}, "rule.areas", "unknown municipality"),
        ({"actor": "KFOR", "actor_side": "victim"}, "rule.actor_side", "'any', 'initiator' or 'target'"),
        ({"near_crossing_km": -1}, "rule.near_crossing_km", "greater than 0"),
        ({}, "rule", "at least one condition"),
        ({"actor_side": "target"}, "rule", "at least one condition"),
        (["min_fatalities"], "rule", "JSON object"),
    ],
)
def test_a_bad_rule_is_refused_naming_the_condition_and_why(rule, field, reason):
    with pytest.raises(RuleError) as refused:
        parse_rule(rule, theatre=THEATRE)
    problems = {error.field: error.reason for error in refused.value.errors}
    assert field in problems, problems
    assert reason in problems[field]


def test_every_shipped_ccir_parses():
    for row in json.loads(SHIPPED.read_text()):
        parse_rule(row["rule"], theatre=THEATRE)
