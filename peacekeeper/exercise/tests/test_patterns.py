"""Statistical shape of a generated year: where, what, how bad, and the bursts at the flashpoints."""

import math
from collections import Counter
from datetime import timedelta
from statistics import median

import pytest

from peacekeeper.exercise import realism
from peacekeeper.exercise.sample import sample_theatre
from peacekeeper.exercise.tests.helpers import END, START, a_year

FOM = {"fom.restriction", "fom.roadblock", "fom.crossing_incident"}
NORTH = {"XK-MUN-NORTH-MITROVICA", "XK-MUN-ZVECAN", "XK-MUN-ZUBIN-POTOK", "XK-MUN-LEPOSAVIC"}


@pytest.fixture
def year(theatre):
    return a_year(count=5000, seed=3)


def share(events, test) -> float:
    return sum(1 for e in events if test(e)) / len(events)


@pytest.mark.django_db
def test_the_north_is_the_four_serb_majority_municipalities_north_of_the_ibar(theatre):
    sample = sample_theatre()
    assert {m.code for m in sample.municipalities if m.region == realism.NORTH} == NORTH
    flashpoints = {f.kind: sample.municipalities[f.anchor.municipality].code for f in sample.flashpoints}
    assert flashpoints == {
        "bridge": "XK-MUN-NORTH-MITROVICA",
        "crossing": "XK-MUN-LEPOSAVIC",
        "town": "XK-MUN-ZVECAN",
    }


@pytest.mark.django_db
def test_freedom_of_movement_incidents_are_a_northern_pattern(year):
    north = [e for e in year if e.extra["municipality"] in NORTH]
    south = [e for e in year if e.extra["municipality"] not in NORTH]
    north_fom, south_fom = (
        share(north, lambda e: e.category in FOM),
        share(south, lambda e: e.category in FOM),
    )
    assert north_fom > 0.25
    assert north_fom > 5 * south_fom
    # The north is ~3% of the population but a large part of what is reported.
    assert 0.3 < len(north) / len(year) < 0.6


@pytest.mark.django_db
def test_the_south_is_mostly_demonstrations_police_finds_and_humanitarian(year):
    south = [e for e in year if e.extra["municipality"] not in NORTH]
    usual = {
        "civil.demonstration",
        "protests.peaceful",
        "rule_of_law.police_operation",
        "strategic.arrests",
        "security.weapons_find",
        "civil.humanitarian",
    }
    assert share(south, lambda e: e.category in usual) > 0.65
    assert 0 < share(south, lambda e: e.category == "security.inter_ethnic") < 0.08


@pytest.mark.django_db
def test_most_reports_are_minor_and_casualties_rare_and_small(year):
    severities = Counter(e.severity for e in year)
    assert (severities[1] + severities[2]) / len(year) > 0.8
    assert 0 < (severities[4] + severities[5]) / len(year) < 0.05
    injured = [e for e in year if e.injured_civilians + e.injured_police + e.injured_force + e.injured_other]
    killed = [e for e in year if e.killed_civilians + e.killed_police + e.killed_force + e.killed_other]
    assert 0.01 < len(injured) / len(year) < 0.08
    assert len(killed) / len(year) < 0.003
    assert all(e.severity >= 3 for e in injured)


@pytest.mark.django_db
def test_bursts_gather_many_reports_near_the_flashpoints_in_a_few_days(year):
    sample = sample_theatre()
    points = [(f.anchor.lat, f.anchor.lon) for f in sample.flashpoints]
    near = [e for e in year if any(_km(e.lat, e.lon, lat, lon) < 5 for lat, lon in points)]
    per_day = Counter(e.occurred_at.date() for e in near)
    days = (END - START).days
    daily = [per_day.get((START + timedelta(days=i)).date(), 0) for i in range(days)]
    assert max(daily) >= 5 * max(median(daily), 1)
    burst_days = {e.occurred_at.date() for e in year if "burst" in e.tags.split(",")}
    assert 6 <= len(burst_days) <= 6 * 6 + 6  # 3-6 bursts of 2-6 days in a year
    assert 0.1 < share(year, lambda e: "burst" in e.tags.split(",")) < 0.2


@pytest.mark.django_db
def test_markings_follow_the_release_mix(year):
    counts = Counter(e.marking for e in year)
    for marking, percent in realism.MARKINGS.items():
        assert abs(100 * counts[marking] / len(year) - percent) < max(2.5, percent / 5), marking
    national = sum(n for marking, n in counts.items() if marking.endswith(" ONLY"))
    assert 0.015 < national / len(year) < 0.045


@pytest.mark.django_db
def test_nights_are_quieter_than_afternoons(year):
    background = [e for e in year if "burst" not in e.tags.split(",")]
    hours = Counter(e.occurred_at.hour for e in background)
    assert sum(hours[h] for h in range(0, 5)) < 0.5 * sum(hours[h] for h in range(12, 17))


@pytest.mark.django_db
def test_reports_are_graded_mostly_b_to_c_and_2_to_3(year):
    assert share(year, lambda e: e.source_reliability in "BC") > 0.7
    assert share(year, lambda e: e.source_credibility in (2, 3)) > 0.7


def _km(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    dy = (lat1 - lat2) * 111.32
    dx = (lon1 - lon2) * 111.32 * math.cos(math.radians(lat1))
    return math.hypot(dx, dy)
